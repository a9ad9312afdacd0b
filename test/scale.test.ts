import * as assert from "assert";
import { generateStacks } from "../plan/generate";
import { evaluate, validateStacks } from "../plan/plan";

describe("plan at scale (1 hub + 100 spokes x 10 services)", function () {
    this.timeout(60000);

    it("plans every stack with every path check passing and every spoke isolated, one isolation check per spoke (timings: npm run bench)", async () => {
        const files = generateStacks(100, 10);
        const { configs, errors } = validateStacks(files);
        assert.deepStrictEqual(errors, []);
        const result = await evaluate(files, configs);
        assert.strictEqual(result.stacks.length, 101);
        assert.deepStrictEqual(result.checks.filter(c => c.verdict === "fail").slice(0, 3), []);
        assert.strictEqual(result.checks.filter(c => c.kind === "isolation").length, 100);
    });
});

import * as assert from "assert";
import * as fs from "fs";
import { README, readmeBlock, sampleOutput } from "../plan/readmeSample";

describe("README", function () {
    this.timeout(30000);
    it("the sample block is the real plan output of the example (if this fails after a change to the output: npm run readme-sample)", async () => {
        const block = readmeBlock(fs.readFileSync(README, "utf8"));
        assert.ok(block !== undefined, "README.md has the plan-sample block");
        assert.strictEqual(block, await sampleOutput(), "README sample differs from `npm run plan -- --stacks-dir test/fixtures/example --no-color`: run npm run readme-sample");
    });
});

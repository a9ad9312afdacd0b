import * as assert from "assert";
import * as fc from "fast-check";
import { ConfigValidationError, parseStackConfig } from "../lib/config";
import { evaluate, validateStacks } from "../plan/plan";
import { exampleRaw } from "./helpers";

/** Every path into a config value: ["vpce-hub:vpc", "subnetIds", 1], ... */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
    if (value && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
    return [prefix];
}

function replaced(root: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(root));
    let node: any = copy;
    for (const p of path.slice(0, -1)) node = node[p];
    const last = path[path.length - 1];
    if (value !== undefined) node[last] = value;
    else if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
    return copy;
}

const junk = fc.oneof(
    fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(),
    fc.constantFrom("", "10.0.0.0/8", "0.0.0.0/0", "vpc-1", "subnet-1", "peering", "transitGateway", "s3", "iam", "true"),
    fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
);

describe("robustness: any edit of a valid config gives either a plan or config errors, never a crash", () => {
    const raw = exampleRaw();

    for (const stack of ["shared", "member-a"]) {
        it(`${stack}: one value anywhere replaced by junk is validated without throwing`, () => {
            const all = paths(raw[stack]).filter(p => p.length > 0);
            fc.assert(fc.property(fc.constantFrom(...all), junk, (path, value) => {
                const r = parseStackConfig(stack, replaced(raw[stack], path, value));
                assert.ok(r.errors.every(e => e.key && e.message && !e.message.includes("\n")), JSON.stringify(r.errors));
                assert.ok(r.config !== undefined || r.errors.length > 0);
            }), { numRuns: 400 });
        });
    }

    it("the whole plan (hub and members) either evaluates or reports config errors for junk in the hub", async function () {
        this.timeout(120000);
        const all = paths(raw.shared).filter(p => p.length > 0);
        await fc.assert(fc.asyncProperty(fc.constantFrom(...all), junk, async (path, value) => {
            const files = Object.entries(raw).map(([stack, r]) => ({ stack, file: "(test)", raw: stack === "shared" ? replaced(r, path, value) : r }));
            const { configs, errors } = validateStacks(files);
            if (errors.length) return;
            try {
                const plan = await evaluate(files, configs);
                assert.ok(plan.checks.length > 0);
            } catch (e) {
                assert.ok(e instanceof ConfigValidationError, `a crash, not a config error: ${(e as Error).stack}`);
            }
        }), { numRuns: 40 });
    });
});

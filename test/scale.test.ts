// A fleet at scale in CI: 300 spokes planned end to end. What matters here is the outcome at
// that size (every check passes, rules and routes fit AWS's default quotas, the JSON is
// whole); how long it takes is measured by `npm run bench`, never asserted.
import * as assert from "assert";
import { DEFAULT_QUOTAS } from "../lib/config";
import { HUB_SCHEMA } from "../lib/config/schema";
import { checkQuotas } from "../lib/checks/quotas";
import { generateStacks } from "../plan/generate";
import { writeJson } from "../plan/jsonStream";
import { evaluate, validateStacks } from "../plan/plan";

const SPOKES = 300;

describe(`plan at scale (1 hub + ${SPOKES} spokes x 10 services)`, function () {
    this.timeout(120000);

    it("plans every stack, every check passes, every spoke is proved isolated, security groups and route tables stay within AWS's default quotas, and the JSON parses", async () => {
        // 301 VPCs per zone: Route 53 Profiles where the program offers them, else the association quotas declared raised.
        const hub = "dns" in HUB_SCHEMA.keys ? { "vpce-hub:dns": { sharing: "profile" } }
            : { "vpce-hub:quotas": { vpcsPerZone: SPOKES + 1, authorizationsPerZone: SPOKES } };
        const files = generateStacks(SPOKES, 10, { hub });
        const { configs, errors } = validateStacks(files);
        assert.deepStrictEqual(errors, []);
        const result = await evaluate(files, configs);
        assert.strictEqual(result.stacks.length, SPOKES + 1);
        assert.deepStrictEqual(result.checks.filter(c => c.verdict === "fail").slice(0, 3), []);
        const isolation = result.checks.filter(c => c.kind === "isolation");
        assert.strictEqual(isolation.length, SPOKES);
        // 300 spokes x 10 services reach each of the 14 names; on-prem too.
        assert.ok(result.checks.filter(c => c.kind === "service").length >= (SPOKES + 1) * 10);

        const shared = result.stacks[0];
        // Spokes on consecutive /22s of 10.64.0.0/10: 300 = 256 + 32 + 8 + 4 -> 4 blocks; the hub and on-prem 1 each: the
        // sources prefix list's 6 entries (room for 20), which each endpoint group references in one rule.
        const list = shared.resources.find(r => r.type === "aws:ec2/managedPrefixList:ManagedPrefixList" && r.name === "sources")!;
        assert.deepStrictEqual([list.inputs.entries.length, list.inputs.maxEntries], [6, 20]);
        for (const sg of shared.resources.filter(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name.endsWith("-endpoint"))) {
            assert.deepStrictEqual(sg.inputs.ingress.map((r: { prefixListIds?: string[] }) => r.prefixListIds), [[list.id]], sg.name);
        }
        // The first 20 peer (a route each); the other 280 (/22 number 20 to 299) aggregate into 8:
        // 20-23 (/20), 24-31 (/19), 32-63 (/17), 64-127 (/16), 128-255 (/15), 256-287 (/17), 288-295 (/19), 296-299 (/20)
        const perTable = new Map<string, number>();
        for (const r of shared.resources.filter(x => x.type === "aws:ec2/route:Route" && x.inputs.destinationCidrBlock)) {
            perTable.set(r.inputs.routeTableId, (perTable.get(r.inputs.routeTableId) ?? 0) + 1);
        }
        assert.deepStrictEqual([...perTable.values()], [20 + 8, 20 + 8]);
        const quota = checkQuotas(result.stacks, DEFAULT_QUOTAS).filter(w => w.code === "quota:rulesPerSecurityGroup" || w.code === "quota:routesPerRouteTable");
        assert.deepStrictEqual(quota, []);

        // The plan's stacks and checks through the --json writer (plan/jsonStream.ts), parsed back.
        const pieces: string[] = [];
        writeJson({ write: t => { pieces.push(t); }, close: () => { } }, { simulated: true, stacks: result.stacks, checks: result.checks });
        const doc = JSON.parse(pieces.join(""));
        assert.strictEqual(doc.stacks.length, SPOKES + 1);
        assert.strictEqual(doc.checks.length, result.checks.length);
    });
});

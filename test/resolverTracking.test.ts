// The Resolver inbound endpoint and connection tracking: least privilege by default (the on-prem
// DNS servers only, which AWS tracks: as low as about 1,500 queries/s per address), and an explicit
// key for the untracked rules AWS recommends at high query rates (Route 53 developer guide,
// "Resolver endpoint scaling"), with the trade-off said in the plan.
import * as assert from "assert";
import { parseStackConfig } from "../lib/config";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { runPlan } from "../plan/cli";
import { EXAMPLE_DIR } from "./helpers";
import { planOf } from "./fixtures/examplePlan";

const SG = "aws:ec2/securityGroup:SecurityGroup";

async function planTracking(tracking?: string) {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    const edited = files.map(f => f.raw["vpce-hub:role"] !== "hub" || tracking === undefined ? f
        : { ...f, raw: { ...f.raw, "vpce-hub:onPrem": { ...(f.raw["vpce-hub:onPrem"] as object), resolverConnectionTracking: tracking } } });
    return evaluate(edited, validateStacks(edited).configs);
}

describe("Resolver inbound security group and connection tracking", () => {
    it("by default admits only the on-prem DNS servers on TCP and UDP 53, no egress, tagged tracked", async () => {
        const plan = await planOf();
        const sg = plan.stacks[0].resources.find(r => r.type === SG && r.name === "inbound-resolver")!;
        assert.deepStrictEqual(sg.inputs.ingress.map((r: any) => `${r.protocol} ${r.fromPort} ${r.cidrBlocks}`).sort(), ["tcp 53 192.168.0.0/16", "udp 53 192.168.0.0/16"]);
        assert.deepStrictEqual(sg.inputs.egress, []);
        assert.strictEqual(sg.inputs.tags["vpce-hub:connection-tracking"], "tracked");
        assert.ok(!plan.warnings.some(w => w.code === "resolver:untracked"));
    });

    it("the plan states AWS's figure for tracked connections: as low as about 1,500 queries/s per address, 3,000 for the example's two", async () => {
        let out = "";
        const io = { isTty: false, out: (t: string) => { out += t; }, err: () => undefined };
        assert.strictEqual(await runPlan(["--no-color"], io as any, EXAMPLE_DIR), 0);
        assert.match(out.replace(/\n {6,}/g, " "), /^ {2}capacity: connections tracked \(the group admits only the DNS servers\): as low as about 1,500 queries\/s per address \(AWS\), about 3,000 for 2 addresses; onPrem\.resolverConnectionTracking: untracked lifts it \(docs\/resolver\.md\)$/m);
    });

    it("untracked: TCP and UDP 53 from 0.0.0.0/0 in, all TCP and UDP out (AWS's rules), every path still passes, and the plan warns about the trade-off", async () => {
        const plan = await planTracking("untracked");
        const sg = plan.stacks[0].resources.find(r => r.type === SG && r.name === "inbound-resolver")!;
        assert.deepStrictEqual(sg.inputs.ingress.map((r: any) => `${r.protocol} ${r.fromPort}-${r.toPort} ${r.cidrBlocks}`).sort(), ["tcp 53-53 0.0.0.0/0", "udp 53-53 0.0.0.0/0"]);
        assert.deepStrictEqual(sg.inputs.egress.map((r: any) => `${r.protocol} ${r.fromPort}-${r.toPort} ${r.cidrBlocks}`).sort(), ["tcp 0-65535 0.0.0.0/0", "udp 0-65535 0.0.0.0/0"]);
        assert.strictEqual(sg.inputs.tags["vpce-hub:connection-tracking"], "untracked");
        assert.deepStrictEqual(plan.checks.filter(c => c.verdict === "fail"), []);
        const w = plan.warnings.find(x => x.code === "resolver:untracked");
        assert.ok(w);
        assert.match(w.message, /admits TCP\/UDP 53 from 0\.0\.0\.0\/0 \(about 10,000 queries\/s per address instead of as low as 1,500\), so every network routed to the hub VPC can query it/);
        // The endpoints stay least privilege: only the Resolver's group changes.
        const endpointGroups = plan.stacks[0].resources.filter(r => r.type === SG && r.name.endsWith("-endpoint"));
        assert.ok(endpointGroups.every(g => !JSON.stringify(g.inputs.ingress).includes("0.0.0.0/0")));
    });

    it("refuses another value, naming the key and both choices", () => {
        const { files } = loadStackFiles(EXAMPLE_DIR);
        const hub = files.find(f => f.stack === "shared")!;
        const errs = parseStackConfig("shared", { ...hub.raw, "vpce-hub:onPrem": { ...(hub.raw["vpce-hub:onPrem"] as object), resolverConnectionTracking: "off" } }).errors;
        assert.deepStrictEqual(errs.map(e => e.key), ["vpce-hub:onPrem.resolverConnectionTracking"]);
        assert.match(errs[0].message, /^must be tracked \(default: the on-prem DNS servers only, as low as about 1,500 queries\/s per address\) or untracked/);
    });
});

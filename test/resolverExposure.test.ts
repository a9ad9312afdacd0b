// Issue 28 item 7: the Resolver's exposure said as it is. With
// `onPrem.resolverConnectionTracking: untracked` its security group admits TCP/UDP 53 from
// 0.0.0.0/0, so every network routed to the hub VPC can query it (spokes too, not only on-prem):
// the group, its rules, the plan's warning and the report say so, and `dnsServerCidrs`, which could
// narrow nothing there, is refused instead of silently ignored.
import * as assert from "assert";
import { parseStackConfig } from "../lib/config";
import { onPremSection } from "../lib/report/sections";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { EXAMPLE_DIR } from "./helpers";

const SG = "aws:ec2/securityGroup:SecurityGroup";

function exampleWithOnPrem(onPrem: Record<string, unknown>) {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    return files.map(f => f.raw["vpce-hub:role"] !== "hub" ? f
        : { ...f, raw: { ...f.raw, "vpce-hub:onPrem": { ...(f.raw["vpce-hub:onPrem"] as object), ...onPrem } } });
}

describe("Resolver exposure in untracked mode (issue 28 item 7)", () => {
    it("refuses onPrem.dnsServerCidrs with untracked, naming the key and why (it would narrow nothing), instead of ignoring it", () => {
        const hub = exampleWithOnPrem({ resolverConnectionTracking: "untracked", dnsServerCidrs: ["192.168.10.0/24"] }).find(f => f.stack === "shared")!;
        const r = parseStackConfig("shared", hub.raw);
        assert.deepStrictEqual(r.errors.map(e => e.key), ["vpce-hub:onPrem.dnsServerCidrs"]);
        assert.match(r.errors[0].message, /^has no effect with vpce-hub:onPrem\.resolverConnectionTracking: untracked, whose security group admits TCP\/UDP 53 from 0\.0\.0\.0\/0: every network routed to the hub VPC can query the Resolver/);
        // Tracked keeps narrowing to the listed servers.
        const tracked = exampleWithOnPrem({ resolverConnectionTracking: "tracked", dnsServerCidrs: ["192.168.10.0/24"] }).find(f => f.stack === "shared")!;
        assert.deepStrictEqual(parseStackConfig("shared", tracked.raw).errors, []);
    });

    it("untracked: the group's description and both rules say every routed network can query it; tracked keeps its description (no replacement for stacks on the default)", async () => {
        const group = async (onPrem: Record<string, unknown>) => {
            const files = exampleWithOnPrem(onPrem);
            const plan = await evaluate(files, validateStacks(files).configs);
            return plan.stacks[0].resources.find(r => r.type === SG && r.name === "inbound-resolver")!;
        };
        const open = await group({ resolverConnectionTracking: "untracked" });
        assert.strictEqual(open.inputs.description, "vpce-hub Resolver inbound: DNS from every routed network (untracked: TCP/UDP 53 open to 0.0.0.0/0)");
        for (const rule of open.inputs.ingress) {
            assert.match(rule.description, /^DNS from every routed network, untracked \((tcp|udp) 53\): on-prem, the hub VPC, every spoke, any VPC on the Transit Gateway$/);
            // EC2's limit and alphabet for rule descriptions.
            assert.ok(rule.description.length <= 255 && /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]*$/.test(rule.description), rule.description);
        }
        assert.ok(!JSON.stringify(open.inputs).includes("routing admits only on-prem"));
        const closed = await group({});
        assert.strictEqual(closed.inputs.description, "vpce-hub Resolver inbound: DNS from on-prem DNS servers only");
    });

    it("untracked: the plan's warning lists who can query it (on-prem, the hub VPC, the spokes by peering and by Transit Gateway) and the DNS Firewall bypass", async () => {
        const files = exampleWithOnPrem({ resolverConnectionTracking: "untracked" });
        const plan = await evaluate(files, validateStacks(files).configs);
        const w = plan.warnings.find(x => x.code === "resolver:untracked")!;
        assert.match(w.message, /so every network routed to the hub VPC can query it \(on-prem 192\.168\.0\.0\/16; the hub VPC 10\.0\.0\.0\/16; 1 spoke by peering; 1 spoke by Transit Gateway, and any other VPC attached to it\)/);
        assert.match(w.message, /past its own VPC's DNS Firewall/);
        assert.ok(!/only routing keeps others out/.test(w.message));
    });

    it("untracked: the report's On-prem section says DNS queries come from every routed network, listing them, not from the DNS servers", async () => {
        const files = exampleWithOnPrem({ resolverConnectionTracking: "untracked" });
        const plan = await evaluate(files, validateStacks(files).configs);
        const s = { bold: (x: string) => x, dim: (x: string) => x, red: (x: string) => x, green: (x: string) => x, yellow: (x: string) => x } as any;
        const [section] = onPremSection({ stacks: plan.stacks, checks: plan.checks, warnings: [], pending: [] } as any, s);
        const line = section.lines.find(l => l.startsWith("admitted:"))!;
        assert.match(line, /; DNS queries from every network routed to the hub VPC \(untracked\): on-prem 192\.168\.0\.0\/16; the hub VPC 10\.0\.0\.0\/16; 1 spoke by peering; 1 spoke by Transit Gateway/);
    });
});

import * as assert from "assert";
import { PlannedStack } from "../lib/model";
import { SpokeConfig, parseStackConfig } from "../lib/config";
import { StackFile } from "../lib/config/stackFiles";
import { evaluate, validateStacks } from "../plan/plan";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";

const MINIMAL = (hubStack = "acme/vpce-hub/shared") => ({ "aws:region": "ap-northeast-1", "vpce-hub:role": "spoke", "vpce-hub:hubStack": hubStack });
const of = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);
const routes = (s: PlannedStack) => of(s, "aws:ec2/route:Route").map(r => `${r.inputs.routeTableId} ${r.inputs.destinationCidrBlock}`).sort();

/** The example hub, and its members as the given raw configs. */
function fleet(members: Record<string, Record<string, unknown>>): StackFile[] {
    const raw = exampleRaw();
    return [{ stack: "shared", file: "(test)", raw: raw.shared }, ...Object.entries(members).map(([stack, r]) => ({ stack, file: "(test)", raw: r }))];
}

describe("minimal member files: region, role and hub suffice (issue 26.1)", () => {
    it("a fleet whose member files hold only role, region and hub plans with every check passing, on the VPCs the hub registered", async () => {
        const files = fleet({ "member-a": MINIMAL(), "member-b": MINIMAL() });
        const { configs, errors } = validateStacks(files);
        assert.deepStrictEqual(errors, []);
        const plan = await evaluate(files, configs);
        assert.ok(plan.checks.length > 40, `${plan.checks.length} checks`);
        assert.deepStrictEqual(plan.checks.filter(c => c.verdict === "fail").map(c => `${c.source} ${c.service}: ${c.reason}`), []);
        const byName = Object.fromEntries(plan.stacks.map(s => [s.stack, s]));
        for (const [member, vpcId, cidr] of [["member-a", "vpc-0aaaaaaaaaaaaaaaa", "10.1.0.0/16"], ["member-b", "vpc-0bbbbbbbbbbbbbbbb", "10.2.0.0/16"]]) {
            const cfg = byName[member].config as SpokeConfig;
            assert.strictEqual(cfg.vpc.id, vpcId);
            assert.strictEqual(cfg.vpc.cidr, cidr);
            assert.deepStrictEqual(cfg.vpcFrom, { id: "registry", cidr: "registry", subnetIds: "simulated", routeTableIds: "simulated" });
            // The route to the hub goes into every table the VPC's subnets use: the first subnet's own and the main one.
            assert.strictEqual(cfg.vpc.routeTableIds.length, 2);
            assert.deepStrictEqual(routes(byName[member]), cfg.vpc.routeTableIds.map(rt => `${rt} 10.0.0.0/16`).sort());
        }
        // The account comes from the registry too: the TGW member attaches as 222222222222, one subnet per AZ.
        assert.strictEqual(byName["member-b"].accountId, "222222222222");
        const [attachment] = of(byName["member-b"], "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
        assert.deepStrictEqual(attachment.inputs.subnetIds, (byName["member-b"].config as SpokeConfig).vpc.subnetIds);
        assert.ok(plan.warnings.some(w => w.code === "discovery:simulated" && /2 members \(member-a, member-b\) declare no subnets or route tables/.test(w.message)));
    });

    it("today's full member files plan as before: every part declared, nothing asked of AWS, nothing marked simulated", async () => {
        const raw = exampleRaw();
        const files = fleet({ "member-a": raw["member-a"], "member-b": raw["member-b"] });
        const plan = await evaluate(files, validateStacks(files).configs);
        const a = plan.stacks.find(s => s.stack === "member-a")!;
        assert.deepStrictEqual((a.config as SpokeConfig).vpcFrom, { id: "declared", cidr: "declared", subnetIds: "declared", routeTableIds: "declared" });
        assert.deepStrictEqual(routes(a), ["rtb-0aaaaaaaaaaaa0001 10.0.0.0/16"]);
        assert.ok(!plan.warnings.some(w => w.code === "discovery:simulated"));
    });

    it("at deploy a member discovers its VPC's subnets and route tables (those of its subnets and the main one) and attaches one subnet per AZ", async () => {
        const raw = exampleRaw();
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        // The member's real VPC: three subnets in two AZs; the first two with their own tables, the third on the main table.
        sim.registerVpc("vpc-0bbbbbbbbbbbbbbbb", "10.2.0.0/16", ["subnet-0b3", "subnet-0b1", "subnet-0b2"], "ap-northeast-1");
        for (const [s, az] of [["subnet-0b1", "ap-northeast-1a"], ["subnet-0b2", "ap-northeast-1c"], ["subnet-0b3", "ap-northeast-1a"]]) sim.subnets.set(s, { ...sim.subnets.get(s)!, availabilityZone: az });
        sim.subnetRouteTables.delete("subnet-0b3");
        sim.subnetRouteTables.set("subnet-0b1", "rtb-0b1");
        sim.subnetRouteTables.set("subnet-0b2", "rtb-0b2");
        sim.ec2.mainRouteTables.set("vpc-0bbbbbbbbbbbbbbbb", "rtb-0bmain");
        const b = await runStackSimulated(sim, "member-b", MINIMAL(), { callerAccountId: "222222222222" });
        assert.deepStrictEqual(routes(b), ["rtb-0b1 10.0.0.0/16", "rtb-0b2 10.0.0.0/16", "rtb-0bmain 10.0.0.0/16"]);
        // Sorted ids, the first in each AZ: AWS's listing order changes nothing.
        assert.deepStrictEqual(of(b, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")[0].inputs.subnetIds, ["subnet-0b1", "subnet-0b2"]);
        assert.deepStrictEqual((b.config as SpokeConfig).vpcFrom, { id: "registry", cidr: "registry", subnetIds: "discovered", routeTableIds: "discovered" });
        assert.deepStrictEqual(b.outputs.vpc.routeTableIds, ["rtb-0b1", "rtb-0b2", "rtb-0bmain"]);
    });

    it("each part is overridable: declared route tables are used as written while the subnets are discovered, and the other way round", async () => {
        const raw = exampleRaw();
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        const onlyTables = await runStackSimulated(sim, "member-b", { ...MINIMAL(), "vpce-hub:vpc": { routeTableIds: ["rtb-0pinned"] } }, { callerAccountId: "222222222222" });
        assert.deepStrictEqual(routes(onlyTables), ["rtb-0pinned 10.0.0.0/16"]);
        assert.deepStrictEqual((onlyTables.config as SpokeConfig).vpcFrom, { id: "registry", cidr: "registry", subnetIds: "simulated", routeTableIds: "declared" });

        const sim2 = new SimCloud();
        await runStackSimulated(sim2, "shared", raw.shared);
        const onlySubnets = await runStackSimulated(sim2, "member-b", { ...MINIMAL(), "vpce-hub:vpc": { subnetIds: ["subnet-0b1", "subnet-0b2"] } }, { callerAccountId: "222222222222" });
        assert.deepStrictEqual(of(onlySubnets, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")[0].inputs.subnetIds, ["subnet-0b1", "subnet-0b2"]);
        // Neither subnet has an explicit association: both use the main table, the one route.
        assert.strictEqual(routes(onlySubnets).length, 1);
        assert.deepStrictEqual((onlySubnets.config as SpokeConfig).vpcFrom, { id: "registry", cidr: "registry", subnetIds: "declared", routeTableIds: "simulated" });
    });

    it("a minimal member still confirms the credentials' account against the registry, and names the key when AWS lists no subnets", async () => {
        const raw = exampleRaw();
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        await assert.rejects(runStackSimulated(sim, "member-b", MINIMAL(), { callerAccountId: "333333333333" }),
            /error: member-b: vpce-hub:accountId: this stack runs in account 333333333333, but the hub "shared" registered 222222222222 for "member-b"/);
        // A VPC AWS lists no subnet in (an empty VPC, or the stack runs in another account or region than the VPC's).
        sim.registerVpc("vpc-0aaaaaaaaaaaaaaaa", "10.1.0.0/16", [], "ap-northeast-1");
        const member = { ...MINIMAL(), "vpce-hub:vpc": { id: "vpc-0aaaaaaaaaaaaaaaa", routeTableIds: ["rtb-0a"] } };
        await assert.rejects(runStackSimulated(sim, "member-a", member, { callerAccountId: "111111111111" }),
            /error: member-a: vpce-hub:vpc.subnetIds: is not declared, and AWS lists no subnets in vpc-0aaaaaaaaaaaaaaaa \(declared in vpce-hub:vpc.id\)/);
    });

    it("the config reader takes a member file without vpce-hub:vpc, or with any part of it, and still refuses a malformed part", () => {
        assert.deepStrictEqual(parseStackConfig("m", MINIMAL()).errors, []);
        assert.deepStrictEqual((parseStackConfig("m", MINIMAL()).config as { vpc: unknown }).vpc, {});
        const partial = parseStackConfig("m", { ...MINIMAL(), "vpce-hub:vpc": { routeTableIds: ["rtb-0a"] } });
        assert.deepStrictEqual(partial.errors, []);
        assert.deepStrictEqual((partial.config as { vpc: unknown }).vpc, { routeTableIds: ["rtb-0a"] });
        const bad = parseStackConfig("m", { ...MINIMAL(), "vpce-hub:vpc": { subnetIds: ["subnet-0a"], routeTableIds: ["table-1"], cidr: "10.1.0.0/33" } });
        assert.deepStrictEqual(bad.errors.map(e => e.key).sort(), ["vpce-hub:vpc.cidr", "vpce-hub:vpc.routeTableIds[0]", "vpce-hub:vpc.subnetIds"]);
        assert.match(parseStackConfig("m", { "aws:region": "ap-northeast-1", "vpce-hub:role": "spoke" }).errors[0].message, /is required/);
    });

    it("the simulated EC2 lists route tables as DescribeRouteTables filters them: by explicit subnet association, and the main table under association.main", () => {
        const sim = new SimCloud();
        sim.ec2.seedVpc("vpc-0seeded", "10.7.0.0/16", "ap-northeast-1");
        const call = (token: string, inputs: Record<string, unknown>) => sim.call({ token, inputs } as never);
        const subnets: string[] = call("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: ["vpc-0seeded"] }] }).ids;
        assert.strictEqual(subnets.length, 2);
        assert.deepStrictEqual(subnets.map(id => sim.subnets.get(id)!.availabilityZone), ["ap-northeast-1a", "ap-northeast-1c"]);
        const own: string[] = call("aws:ec2/getRouteTables:getRouteTables", { vpcId: "vpc-0seeded", filters: [{ name: "association.subnet-id", values: subnets }] }).ids;
        const main: string[] = call("aws:ec2/getRouteTables:getRouteTables", { vpcId: "vpc-0seeded", filters: [{ name: "association.main", values: ["true"] }] }).ids;
        assert.strictEqual(own.length, 1, "only the first subnet has an explicit association");
        assert.strictEqual(main.length, 1);
        assert.notStrictEqual(own[0], main[0]);
        // The seeded VPC is the same whichever stack or plan asks: derived from its id alone.
        const again = new SimCloud();
        again.ec2.seedVpc("vpc-0seeded", "10.7.0.0/16", "ap-northeast-1");
        assert.deepStrictEqual([...again.subnets.keys()], subnets);
        assert.deepStrictEqual(call("aws:ec2/getSubnets:getSubnets", { filters: [{ name: "vpc-id", values: ["vpc-0other"] }] }).ids, []);
    });
});

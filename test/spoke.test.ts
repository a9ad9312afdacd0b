import * as assert from "assert";
import { PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";

const of = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);

/**
 * The example hub plus a third member, member-c, in the hub's own account over TGW; each
 * member's StackReference resolves to the hub's outputs as the simulated cloud produced them.
 */
async function deployAll(mutate: (raw: Record<string, Record<string, any>>) => void = () => { }, fullRegistry = false) {
    const raw = exampleRaw();
    raw.shared["vpce-hub:spokes"].push({ name: "member-c", accountId: "123456789012", vpcId: "vpc-0cccccccccccccccc", cidr: "10.3.0.0/16", connectivity: "transitGateway" });
    raw["member-c"] = {
        ...raw["member-b"], "vpce-hub:accountId": "123456789012", "vpce-hub:acceptRamShare": "false",
        "vpce-hub:vpc": { id: "vpc-0cccccccccccccccc", cidr: "10.3.0.0/16", subnetIds: ["subnet-0ccc1", "subnet-0ccc2"], routeTableIds: ["rtb-0ccc1"] },
    };
    mutate(raw);
    const sim = new SimCloud();
    sim.fullRegistryInReferences = fullRegistry;
    const stacks: Record<string, PlannedStack> = {};
    for (const name of ["shared", "member-a", "member-b", "member-c"]) stacks[name] = await runStackSimulated(sim, name, raw[name]);
    return { sim, stacks, raw };
}

describe("spoke stacks after the hub, in one process (peering, TGW, and a member in the hub's account)", () => {
    let sim: SimCloud;
    let s: Record<string, PlannedStack>;
    before(async () => { ({ sim, stacks: s } = await deployAll()); });

    it("reads the hub through a StackReference to the configured hub stack", () => {
        const [ref] = of(s["member-a"], "pulumi:pulumi:StackReference");
        assert.strictEqual(ref.inputs.name, "acme/vpce-hub/shared");
    });

    it("accepts exactly the peering the hub requested, between the hub VPC and the member's VPC and account", () => {
        const [request] = of(s.shared, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection");
        assert.deepStrictEqual([request.inputs.vpcId, request.inputs.peerVpcId, request.inputs.peerOwnerId, request.inputs.peerRegion],
            ["vpc-0123456789abcdef0", "vpc-0aaaaaaaaaaaaaaaa", "111111111111", "ap-northeast-1"]);
        const [accepter] = of(s["member-a"], "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter");
        assert.strictEqual(accepter.inputs.vpcPeeringConnectionId, request.id);
        assert.strictEqual(accepter.inputs.autoAccept, true);
        assert.strictEqual(of(s["member-b"], "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter").length, 0);
    });

    it("routes the hub CIDR from every member route table, and each member CIDR from every hub route table, with the right target", () => {
        const pcx = of(s.shared, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")[0].id;
        const tgw = s.shared.outputs.transitGateway.id;
        const routes = (st: PlannedStack) => of(st, "aws:ec2/route:Route").map(r => `${r.inputs.routeTableId} ${r.inputs.destinationCidrBlock} ${r.inputs.vpcPeeringConnectionId ?? r.inputs.transitGatewayId}`).sort();
        assert.deepStrictEqual(routes(s["member-a"]), [`rtb-0aaaaaaaaaaaa0001 10.0.0.0/16 ${pcx}`]);
        assert.deepStrictEqual(routes(s["member-b"]), [`rtb-0bbbbbbbbbbbb0001 10.0.0.0/16 ${tgw}`, `rtb-0bbbbbbbbbbbb0002 10.0.0.0/16 ${tgw}`]);
        assert.deepStrictEqual(routes(s["member-c"]), [`rtb-0ccc1 10.0.0.0/16 ${tgw}`]);
        // The two TGW members, 10.2.0.0/16 and 10.3.0.0/16, are exactly 10.2.0.0/15: one route per table.
        assert.deepStrictEqual(routes(s.shared), [
            `rtb-0a1b2c3d4e5f60001 10.1.0.0/16 ${pcx}`, `rtb-0a1b2c3d4e5f60001 10.2.0.0/15 ${tgw}`,
            `rtb-0a1b2c3d4e5f60002 10.1.0.0/16 ${pcx}`, `rtb-0a1b2c3d4e5f60002 10.2.0.0/15 ${tgw}`,
        ]);
    });

    it("shares the Transit Gateway by RAM with exactly the TGW members in other accounts", () => {
        const principals = of(s.shared, "aws:ram/principalAssociation:PrincipalAssociation").map(p => p.inputs.principal);
        assert.deepStrictEqual(principals, ["222222222222"]);
        const [assoc] = of(s.shared, "aws:ram/resourceAssociation:ResourceAssociation");
        assert.strictEqual(assoc.inputs.resourceArn, of(s.shared, "aws:ec2transitgateway/transitGateway:TransitGateway")[0].outputs.arn);
        assert.strictEqual(of(s["member-b"], "aws:ram/resourceShareAccepter:ResourceShareAccepter")[0].inputs.shareArn, s.shared.outputs.transitGateway.resourceShareArn);
        assert.strictEqual(of(s["member-c"], "aws:ram/resourceShareAccepter:ResourceShareAccepter").length, 0);
    });

    it("attaches TGW members with one subnet per AZ and the TGW's defaults (spokes table), the hub to the hub table", () => {
        const [spokeAttach] = of(s["member-b"], "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
        assert.deepStrictEqual(spokeAttach.inputs.subnetIds, ["subnet-0bbbbbbbbbbbb0001", "subnet-0bbbbbbbbbbbb0002"]);
        // Left to the TGW's defaults (the flags cannot be set on a shared TGW).
        assert.strictEqual(spokeAttach.inputs.transitGatewayDefaultRouteTableAssociation, undefined);
        const out = s.shared.outputs.transitGateway;
        const [defAssoc] = of(s.shared, "aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation");
        const [defProp] = of(s.shared, "aws:ec2transitgateway/defaultRouteTablePropagation:DefaultRouteTablePropagation");
        assert.strictEqual(defAssoc.inputs.transitGatewayRouteTableId, out.spokesRouteTableId);
        assert.strictEqual(defProp.inputs.transitGatewayRouteTableId, out.hubRouteTableId);
        const [hubAttach] = of(s.shared, "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
        assert.strictEqual(hubAttach.inputs.transitGatewayDefaultRouteTableAssociation, false);
        assert.strictEqual(of(s.shared, "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")[0].inputs.transitGatewayRouteTableId, out.hubRouteTableId);
        assert.strictEqual(of(s.shared, "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation")[0].inputs.transitGatewayRouteTableId, out.spokesRouteTableId);
        assert.strictEqual(of(s.shared, "aws:ec2transitgateway/transitGateway:TransitGateway")[0].inputs.autoAcceptSharedAttachments, "enable");
    });

    it("associates every hub zone with every member's VPC, naming the VPC's region (another region associates nothing)", () => {
        const zoneIds = Object.values(s.shared.outputs.zoneIds).sort();
        for (const [name, vpc] of [["member-a", "vpc-0aaaaaaaaaaaaaaaa"], ["member-b", "vpc-0bbbbbbbbbbbbbbbb"], ["member-c", "vpc-0cccccccccccccccc"]]) {
            const assoc = of(s[name], "aws:route53/zoneAssociation:ZoneAssociation");
            assert.deepStrictEqual(assoc.map(a => a.inputs.zoneId).sort(), zoneIds, name);
            assert.ok(assoc.every(a => a.inputs.vpcId === vpc), name);
            assert.deepStrictEqual([...new Set(assoc.map(a => a.inputs.vpcRegion))], ["ap-northeast-1"], name);
            assert.deepStrictEqual(Object.keys(s[name].outputs.associatedZones).sort(), Object.keys(s.shared.outputs.zoneIds).sort());
        }
    });

    it("keeps spokes apart: no member routes another member's CIDR, and no TGW table leads from one spoke to another", () => {
        const routes = ["member-a", "member-b", "member-c"].flatMap(n => of(s[n], "aws:ec2/route:Route").map(r => r.inputs.destinationCidrBlock));
        assert.deepStrictEqual([...new Set(routes)], ["10.0.0.0/16"]);
        // The Transit Gateway's tables, read from the planned resources (not from the path checker).
        const hub = s.shared;
        const tgwOf = (type: string) => of(hub, `aws:ec2transitgateway/${type}`);
        const tables = tgwOf("routeTable:RouteTable").map(t => t.id);
        const { hubRouteTableId, spokesRouteTableId } = hub.outputs.transitGateway;
        assert.deepStrictEqual(tables.sort(), [hubRouteTableId, spokesRouteTableId].sort());
        const [hubAttachment] = tgwOf("vpcAttachment:VpcAttachment");
        assert.strictEqual(hubAttachment.inputs.vpcId, "vpc-0123456789abcdef0");
        // Members' attachments take the TGW defaults: associated with the spokes table, propagating into the hub table.
        assert.deepStrictEqual(tgwOf("defaultRouteTableAssociation:DefaultRouteTableAssociation").map(a => a.inputs.transitGatewayRouteTableId), [spokesRouteTableId]);
        assert.deepStrictEqual(tgwOf("defaultRouteTablePropagation:DefaultRouteTablePropagation").map(a => a.inputs.transitGatewayRouteTableId), [hubRouteTableId]);
        // What the spokes table learns: only the hub attachment's propagation, and no static route.
        const intoSpokes = tgwOf("routeTablePropagation:RouteTablePropagation").filter(p => p.inputs.transitGatewayRouteTableId === spokesRouteTableId);
        assert.deepStrictEqual(intoSpokes.map(p => p.inputs.transitGatewayAttachmentId), [hubAttachment.id]);
        const staticRoutes = Object.values(s).flatMap(st => of(st, "aws:ec2transitgateway/route:Route"));
        assert.deepStrictEqual(staticRoutes.filter(r => r.inputs.transitGatewayRouteTableId === spokesRouteTableId), []);
        // So from a member's attachment (spokes table) the only destination is the hub VPC: 10.0.0.0/16.
        const vpcCidr: Record<string, string> = { "vpc-0123456789abcdef0": "10.0.0.0/16", "vpc-0bbbbbbbbbbbbbbbb": "10.2.0.0/16", "vpc-0cccccccccccccccc": "10.3.0.0/16" };
        const attachments = Object.values(s).flatMap(st => of(st, "aws:ec2transitgateway/vpcAttachment:VpcAttachment"));
        const reachable = intoSpokes.map(p => vpcCidr[attachments.find(a => a.id === p.inputs.transitGatewayAttachmentId)!.inputs.vpcId]);
        assert.deepStrictEqual(reachable, ["10.0.0.0/16"]);
        // The path checker agrees: every pair of members is isolated.
        const isolation = checkPaths(Object.values(s), Object.fromEntries(sim.publicDns)).filter(c => c.kind === "isolation");
        // One check per member: each reaches none of the other two.
        assert.deepStrictEqual(isolation.map(c => [c.source, c.service]).sort(), [["member-a", "spoke:*"], ["member-b", "spoke:*"], ["member-c", "spoke:*"]]);
        assert.ok(isolation.every(c => c.verdict === "pass"), JSON.stringify(isolation.filter(c => c.verdict === "fail")));
    });

    it("plans each member the same whether its StackReference carries the hub's whole registry or only its own entry (the plan sends only its own)", async () => {
        const full = (await deployAll(() => { }, true)).stacks;
        const withoutReference = (st: PlannedStack) => ({ outputs: st.outputs, resources: st.resources.filter(r => r.type !== "pulumi:pulumi:StackReference") });
        for (const name of ["member-a", "member-b", "member-c"]) {
            assert.deepStrictEqual(withoutReference(s[name]), withoutReference(full[name]), name);
            const ref = (st: PlannedStack) => of(st, "pulumi:pulumi:StackReference")[0].outputs.outputs;
            assert.deepStrictEqual(Object.keys(ref(s[name]).spokes), [name]);
            assert.deepStrictEqual(Object.keys(ref(full[name]).spokes).sort(), ["member-a", "member-b", "member-c"]);
            assert.deepStrictEqual(ref(s[name]).spokes[name], ref(full[name]).spokes[name]);
        }
    });

    it("reports how each member is connected and what it associated", () => {
        assert.strictEqual(s["member-a"].outputs.connectivity, "peering");
        assert.ok(s["member-a"].outputs.peeringConnectionId.startsWith("pcx-"));
        assert.strictEqual(s["member-b"].outputs.connectivity, "transitGateway");
        assert.ok(s["member-b"].outputs.transitGatewayAttachmentId.startsWith("tgw-attach-"));
    });
});

describe("spoke stacks refuse to run when they disagree with the hub, before creating anything", () => {
    async function spokeError(mutate: (raw: Record<string, Record<string, any>>) => void, stack = "member-a", callerAccountId?: string): Promise<string> {
        const raw = exampleRaw();
        mutate(raw);
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        try {
            await runStackSimulated(sim, stack, raw[stack], { callerAccountId });
        } catch (e) {
            assert.strictEqual(sim.recorded.filter(r => r.custom && r.type !== "pulumi:pulumi:StackReference").length, 0, "nothing may be created");
            return (e as Error).message;
        }
        throw new Error("the spoke stack ran");
    }

    it("fails when the hub does not list this stack as a spoke", async () => {
        const msg = await spokeError(raw => { raw.shared["vpce-hub:spokes"].splice(0, 1); });
        assert.match(msg, /error: member-a: vpce-hub:hubStack: the hub "shared" does not list "member-a" in vpce-hub:spokes/);
    });

    it("fails when the member's VPC id differs from the hub's registry", async () => {
        const msg = await spokeError(raw => { raw["member-a"]["vpce-hub:vpc"].id = "vpc-0999999999999999a"; });
        assert.match(msg, /member-a: vpce-hub:vpc.id: is vpc-0999999999999999a, but the hub "shared" registered vpc-0aaaaaaaaaaaaaaaa/);
    });

    it("fails when the member's CIDR differs from the hub's registry", async () => {
        const msg = await spokeError(raw => { raw["member-a"]["vpce-hub:vpc"].cidr = "10.9.0.0/16"; });
        assert.match(msg, /member-a: vpce-hub:vpc.cidr: is 10.9.0.0\/16, but the hub "shared" registered 10.1.0.0\/16/);
    });

    it("fails when the credentials belong to another account than the configured one", async () => {
        const msg = await spokeError(() => { }, "member-a", "333333333333");
        assert.match(msg, /member-a: vpce-hub:accountId: is 111111111111, but the credentials in use are for account 333333333333/);
    });

    it("fails when the member runs in another region than the hub", async () => {
        const msg = await spokeError(raw => { raw["member-a"]["aws:region"] = "us-east-1"; });
        assert.match(msg, /member-a: aws:region: is us-east-1, but the hub "shared" is in ap-northeast-1/);
    });
});

describe("spoke stacks: what AWS enforces on the member's VPC", () => {
    it("attaches a TGW member with one subnet per AZ, however many subnets it lists", async () => {
        const raw = exampleRaw();
        raw["member-b"]["vpce-hub:vpc"].subnetIds.push("subnet-0bbbbbbbbbbbb0003", "subnet-0bbbbbbbbbbbb0004");
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        const b = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(of(b, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")[0].inputs.subnetIds,
            ["subnet-0bbbbbbbbbbbb0001", "subnet-0bbbbbbbbbbbb0002", "subnet-0bbbbbbbbbbbb0003"]);
    });

    it("refuses a member VPC with DNS support off, where the hub's zones would not answer", async () => {
        const raw = exampleRaw();
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        sim.vpcDns.set("vpc-0aaaaaaaaaaaaaaaa", { enableDnsSupport: false, enableDnsHostnames: true });
        await assert.rejects(runStackSimulated(sim, "member-a", raw["member-a"]),
            /error: member-a: vpce-hub:vpc.id: vpc-0aaaaaaaaaaaaaaaa has enableDnsSupport off/);
    });
});

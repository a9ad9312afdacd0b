// The simulated cloud refuses what AWS refuses, with AWS's error names: the offline plan is
// only worth what its simulation refuses. Each case states the AWS rule it holds
// (docs/aws-rules.md lists the sources).
import * as assert from "assert";
import { PlannedStack } from "../lib/model";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";

const ZONE = "aws:route53/zone:Zone";
const RECORD = "aws:route53/record:Record";
const AUTH = "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization";
const ASSOC = "aws:route53/zoneAssociation:ZoneAssociation";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const PCX = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
const ACCEPTER = "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter";

/** Registers one resource on the simulated cloud as a stack program would. */
function create(sim: SimCloud, type: string, name: string, inputs: Record<string, unknown>) {
    return sim.newResource({ type, name, inputs, custom: true } as any);
}

async function started(): Promise<SimCloud> {
    const sim = new SimCloud();
    await sim.start({ stack: "shared", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" }, "acme");
    return sim;
}

const codes = (sim: SimCloud) => sim.refusals.map(r => r.error.code);

describe("simulated AWS refuses what AWS refuses (error names as AWS gives them)", () => {
    it("Route 53 refuses an alias to a name the endpoint zone does not hold (S3's bare regional name), but takes the *. name AWS returned", async () => {
        const sim = await started();
        create(sim, "aws:ec2/securityGroup:SecurityGroup", "s3-endpoint", {});
        sim.registerVpc("vpc-0123456789abcdef0", "10.0.0.0/16", ["subnet-a", "subnet-b"], "ap-northeast-1");
        const ep = create(sim, ENDPOINT, "s3", { serviceName: "com.amazonaws.ap-northeast-1.s3", vpcId: "vpc-0123456789abcdef0", subnetIds: ["subnet-a", "subnet-b"], privateDnsEnabled: false });
        const first = ep.state.dnsEntries[0];
        assert.match(first.dnsName, /^\*\.vpce-/);
        create(sim, RECORD, "good", { zoneId: "Z1", name: "s3.ap-northeast-1.amazonaws.com", type: "A", aliases: [{ name: first.dnsName, zoneId: first.hostedZoneId }] });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, RECORD, "bad", { zoneId: "Z1", name: "s3.ap-northeast-1.amazonaws.com", type: "A", aliases: [{ name: first.dnsName.slice(2), zoneId: first.hostedZoneId }] });
        assert.deepStrictEqual(codes(sim), ["InvalidChangeBatch"]);
        assert.match(sim.refusals[0].error.message, /but that target was not found/);
    });

    it("EC2 refuses an attachment to another account's Transit Gateway until RAM shares it and that account accepts the invitation (InvalidTransitGatewayID.NotFound)", async () => {
        const ATTACH = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
        const sim = await started();
        const tgw = create(sim, "aws:ec2transitgateway/transitGateway:TransitGateway", "hub", {});
        const share = create(sim, "aws:ram/resourceShare:ResourceShare", "tgw", { allowExternalPrincipals: true });
        create(sim, "aws:ram/resourceAssociation:ResourceAssociation", "tgw", { resourceShareArn: share.id, resourceArn: tgw.state.arn });
        create(sim, "aws:ram/principalAssociation:PrincipalAssociation", "tgw-222222222222", { resourceShareArn: share.id, principal: "222222222222" });
        create(sim, ATTACH, "hub", { transitGatewayId: tgw.id, vpcId: "vpc-0123456789abcdef0", subnetIds: [] });
        assert.deepStrictEqual(codes(sim), [], "the owner attaches its own gateway");
        sim.finish(true);
        // 333... has no share; 222... has one but has not accepted its invitation.
        for (const account of ["333333333333", "222222222222"]) {
            await sim.start({ stack: `member-${account}`, project: "vpce-hub", accountId: account, region: "ap-northeast-1" }, "acme");
            create(sim, ATTACH, "spoke", { transitGatewayId: tgw.id, vpcId: "vpc-0b", subnetIds: [] });
            assert.deepStrictEqual(codes(sim), ["InvalidTransitGatewayID.NotFound"], account);
            sim.finish(false);
        }
        await sim.start({ stack: "member-b", project: "vpce-hub", accountId: "222222222222", region: "ap-northeast-1" }, "acme");
        create(sim, "aws:ram/resourceShareAccepter:ResourceShareAccepter", "spoke", { shareArn: share.id });
        create(sim, ATTACH, "spoke", { transitGatewayId: tgw.id, vpcId: "vpc-0b", subnetIds: [] });
        assert.deepStrictEqual(codes(sim), [], "accepted: attached");
    });

    it("a Transit Gateway spoke outside an organization with vpce-hub:acceptRamShare: false fails its pulumi up, naming the attachment, the unaccepted share and the key", async () => {
        const raw = exampleRaw();
        raw["member-b"]["vpce-hub:acceptRamShare"] = false;
        const sim = new SimCloud();
        await runStackSimulated(sim, "shared", raw.shared);
        await assert.rejects(runStackSimulated(sim, "member-b", raw["member-b"]), (e: Error) =>
            /^error: member-b: VpcAttachment member-b: AWS refuses it: InvalidTransitGatewayID\.NotFound: .* \(account 222222222222 has not accepted its invitation to the hub's RAM share arn:aws:ram:ap-northeast-1:123456789012:resource-share\/\w+, and vpce-hub:acceptRamShare is false: set it to auto, the default, or true\)$/m.test(e.message));
    });

    it("EC2 refuses a second route to one destination in a route table (RouteAlreadyExists), also when a renamed route is created before the old one is deleted", async () => {
        const ROUTE = "aws:ec2/route:Route";
        const sim = await started();
        create(sim, ROUTE, "rtb-1-to-member-a", { routeTableId: "rtb-1", destinationCidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" });
        create(sim, ROUTE, "rtb-2-to-member-a", { routeTableId: "rtb-2", destinationCidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" });
        create(sim, ROUTE, "rtb-1-to-member-b", { routeTableId: "rtb-1", destinationCidrBlock: "10.2.0.0/16", transitGatewayId: "tgw-1" });
        assert.deepStrictEqual(codes(sim), [], "other tables and other destinations are separate routes");
        sim.finish(true);
        // The next pulumi up of the same stack: the same route updated keeps its slot, a route
        // under a new name to the same destination is created first and refused.
        await sim.start({ stack: "shared", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" }, "acme");
        create(sim, ROUTE, "rtb-1-to-member-a", { routeTableId: "rtb-1", destinationCidrBlock: "10.1.0.0/16", transitGatewayId: "tgw-1" });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, ROUTE, "rtb-1-tgw-10.1.0.0-16", { routeTableId: "rtb-1", destinationCidrBlock: "10.1.0.0/16", transitGatewayId: "tgw-1" });
        assert.deepStrictEqual(codes(sim), ["RouteAlreadyExists"]);
        assert.match(sim.refusals[0].error.message, /Route in Route Table \(rtb-1\) with destination \(10\.1\.0\.0\/16\) already exists/);
    });

    it("Route 53 refuses a second zone of the same name in one VPC (ConflictingDomainExists), but allows it in another VPC", async () => {
        const sim = await started();
        create(sim, ZONE, "one", { name: "sqs.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-1" }] });
        create(sim, ZONE, "elsewhere", { name: "sqs.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-2" }] });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, ZONE, "two", { name: "sqs.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-1" }] });
        assert.deepStrictEqual(codes(sim), ["ConflictingDomainExists"]);
    });

    it("Route 53 refuses associating a VPC that already holds a zone of that name (ConflictingDomainExists)", async () => {
        const sim = await started();
        const a = create(sim, ZONE, "hub", { name: "ssm.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-hub" }] });
        create(sim, ZONE, "spoke-own", { name: "ssm.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-spoke" }] });
        create(sim, ASSOC, "assoc", { zoneId: a.id, vpcId: "vpc-spoke" });
        assert.deepStrictEqual(codes(sim), ["ConflictingDomainExists"]);
    });

    it("refuses a zone whose name an endpoint with private DNS in that VPC already serves, and the reverse (ConflictingDomainExists)", async () => {
        const sim = await started();
        sim.registerVpc("vpc-1", "10.9.0.0/16", ["subnet-1a", "subnet-1b"], "ap-northeast-1");
        create(sim, ENDPOINT, "sqs-own", { serviceName: "com.amazonaws.ap-northeast-1.sqs", vpcId: "vpc-1", subnetIds: ["subnet-1a", "subnet-1b"], privateDnsEnabled: true });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, ZONE, "sqs", { name: "sqs.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-1" }] });
        assert.deepStrictEqual(codes(sim), ["ConflictingDomainExists"]);
        // The other order: a zone first, then private DNS on an endpoint of that name.
        create(sim, ZONE, "kms", { name: "kms.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-1" }] });
        create(sim, ENDPOINT, "kms-own", { serviceName: "com.amazonaws.ap-northeast-1.kms", vpcId: "vpc-1", subnetIds: ["subnet-1a", "subnet-1b"], privateDnsEnabled: true });
        assert.deepStrictEqual(codes(sim), ["ConflictingDomainExists", "ConflictingDomainExists"]);
    });

    it("a spoke whose VPC has its own sqs endpoint with private DNS cannot associate the hub's sqs zone: the plan names the stack, resource and AWS error", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        sim.dns.enablePrivateDns("vpce-0own", raw["member-a"]["vpce-hub:vpc"].id, ["sqs.ap-northeast-1.amazonaws.com"]);
        await assert.rejects(runStackSimulated(sim, "member-a", raw["member-a"]), (e: Error) => {
            assert.strictEqual(e.message, "error: member-a: ZoneAssociation member-a-sqs.ap-northeast-1.amazonaws.com: AWS refuses it: ConflictingDomainExists: " +
                "VPC vpc-0aaaaaaaaaaaaaaaa already resolves sqs.ap-northeast-1.amazonaws.com through the private DNS of endpoint vpce-0own: " +
                "disable private DNS on that endpoint (or remove it) before this zone can be associated");
            return true;
        });
    });

    it("Route 53 refuses the 1,001st VPC association authorization on one zone (TooManyVPCAssociationAuthorizations), not the 1,000th (quotas page: 1000)", async () => {
        const sim = await started();
        for (let i = 1; i <= 1000; i++) create(sim, AUTH, `a${i}`, { zoneId: "ZONE1", vpcId: `vpc-${i}` });
        // The same VPC again is the same authorization, not a new one.
        create(sim, AUTH, "again", { zoneId: "ZONE1", vpcId: "vpc-1000" });
        create(sim, AUTH, "other-zone", { zoneId: "ZONE2", vpcId: "vpc-1001" });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, AUTH, "a1001", { zoneId: "ZONE1", vpcId: "vpc-1001" });
        assert.deepStrictEqual(codes(sim), ["TooManyVPCAssociationAuthorizations"]);
    });

    it("Route 53 refuses associating a 301st VPC with one zone (LimitsExceeded): 300 per zone, no increase offered (quotas page)", async () => {
        const sim = await started();
        const zone = create(sim, ZONE, "z", { name: "sqs.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-creator" }] });
        for (let i = 1; i <= 299; i++) create(sim, ASSOC, `a${i}`, { zoneId: zone.id, vpcId: `vpc-${i}` });
        // The same VPC again is the same association, not a new one.
        create(sim, ASSOC, "again", { zoneId: zone.id, vpcId: "vpc-299" });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, ASSOC, "a300", { zoneId: zone.id, vpcId: "vpc-300" });
        assert.deepStrictEqual(codes(sim), ["LimitsExceeded"]);
    });

    it("the Resolver refuses an inbound endpoint with more IP addresses than the account's quota (6 by default, adjustable): 6 pass, 7 fail, 7 pass once raised", async () => {
        const sim = await started();
        sim.registerVpc("vpc-0123456789abcdef0", "10.0.0.0/16", ["subnet-a", "subnet-b"], "ap-northeast-1");
        const ips = (n: number) => Array.from({ length: n }, (_, i) => ({ subnetId: i % 2 ? "subnet-b" : "subnet-a" }));
        create(sim, "aws:route53/resolverEndpoint:ResolverEndpoint", "six", { direction: "INBOUND", ipAddresses: ips(6) });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, "aws:route53/resolverEndpoint:ResolverEndpoint", "seven", { direction: "INBOUND", ipAddresses: ips(7) });
        assert.deepStrictEqual(codes(sim), ["LimitExceededException"]);
        sim.resolverIpsPerEndpoint = 7;
        create(sim, "aws:route53/resolverEndpoint:ResolverEndpoint", "seven-raised", { direction: "INBOUND", ipAddresses: ips(7) });
        assert.deepStrictEqual(codes(sim), ["LimitExceededException"]);
    });

    it("EC2 refuses accepting a peering request that expired after 7 days unaccepted (InvalidStateTransition); a fresh one is accepted", async () => {
        const sim = await started();
        const old = create(sim, PCX, "member-a", { vpcId: "vpc-hub", peerVpcId: "vpc-a", peerOwnerId: "111111111111" });
        assert.deepStrictEqual(sim.expirePendingPeerings(), [old.id]);
        create(sim, ACCEPTER, "member-a", { vpcPeeringConnectionId: old.id });
        assert.deepStrictEqual(codes(sim), ["InvalidStateTransition"]);
        assert.match(sim.refusals[0].error.message, /from expired to active/);
        const fresh = create(sim, PCX, "member-a-2", { vpcId: "vpc-hub", peerVpcId: "vpc-a", peerOwnerId: "111111111111" });
        create(sim, ACCEPTER, "member-a-2", { vpcPeeringConnectionId: fresh.id });
        assert.strictEqual(sim.refusals.length, 1);
        assert.strictEqual(sim.peerings.get(fresh.id!)!.status, "active");
        // An accepted peering does not expire.
        assert.deepStrictEqual(sim.expirePendingPeerings(), []);
    });

    it("the example plan passes the strict simulation: no refusal on hub or members", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const stacks: PlannedStack[] = [];
        for (const s of ["shared", "member-a", "member-b"]) stacks.push(await runStackSimulated(sim, s, raw[s]));
        assert.strictEqual(stacks[0].resources.filter(r => r.type === RECORD).length, 14);
    });
});

import * as assert from "assert";
import { HubOutputs } from "../lib/model";
import { HubFacts, MemberSide, hubTrustErrors } from "../lib/checks/hubTrust";
import { loadStackFiles } from "../lib/config/stackFiles";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { ROOT, exampleRaw } from "./helpers";
import * as path from "path";

/**
 * The example hub planned, then its outputs tampered as someone who can change them would, then
 * the member run against them: it must stop before it creates anything, naming the output.
 */
async function memberAgainst(member: "member-a" | "member-b", tamper: (hub: Record<string, any>, sim: SimCloud) => void, raw = exampleRaw()): Promise<string | undefined> {
    const sim = new SimCloud();
    await runStackSimulated(sim, "shared", raw.shared);
    const outputs = JSON.parse(JSON.stringify(sim.stackOutputs.get("shared")));
    tamper(outputs, sim);
    sim.stackOutputs.set("shared", outputs);
    try {
        await runStackSimulated(sim, member, raw[member]);
        return undefined;
    } catch (e) {
        const created = sim.recorded.filter(r => r.custom && r.type !== "pulumi:pulumi:StackReference");
        assert.deepStrictEqual(created.map(r => r.type), [], "nothing may be created before the hub is verified");
        return (e as Error).message;
    }
}

describe("members verify the hub before they accept or associate anything its outputs name (issue 28.4)", () => {
    it("the genuine outputs are accepted: a peering member, a Transit Gateway member outside the organization, and a profile hub's members", async () => {
        assert.strictEqual(await memberAgainst("member-a", () => undefined), undefined);
        assert.strictEqual(await memberAgainst("member-b", () => undefined), undefined);
        const { files } = loadStackFiles(path.join(ROOT, "examples", "profile"));
        const raw = Object.fromEntries(files.map(f => [f.stack, f.raw])) as Record<string, Record<string, any>>;
        assert.strictEqual(await memberAgainst("member-a", () => undefined, raw), undefined);
        assert.strictEqual(await memberAgainst("member-b", () => undefined, raw), undefined);
    });

    it("refuses a peering whose requester is not the hub's VPC in the hub's account (another account's request to this member)", async () => {
        const msg = await memberAgainst("member-a", (hub, sim) => {
            // Someone else requests a peering with member-a's VPC, from their own VPC and account.
            sim.peerings.set("pcx-0evil", { vpcId: "vpc-0evil", peerVpcId: "vpc-0aaaaaaaaaaaaaaaa", peerOwnerId: "111111111111", ownerId: "999999999999", cidr: "10.0.0.0/16", status: "pending-acceptance" });
            hub.spokes["member-a"].peeringConnectionId = "pcx-0evil";
        });
        assert.match(msg!, /error: member-a: vpce-hub:hubStack: the hub "shared"'s output spokes.member-a.peeringConnectionId \(pcx-0evil\) has requester account 999999999999 as EC2 describes it, not 123456789012/);
        assert.match(msg!, /has requester VPC vpc-0evil as EC2 describes it, not vpc-0123456789abcdef0/);
    });

    it("refuses a peering id EC2 does not show this account, and a hub account id the peering contradicts", async () => {
        assert.match((await memberAgainst("member-a", hub => { hub.spokes["member-a"].peeringConnectionId = "pcx-0nothere"; }))!,
            /spokes.member-a.peeringConnectionId \(pcx-0nothere\) is not a peering request EC2 shows account 111111111111: refusing it/);
        assert.match((await memberAgainst("member-a", hub => { hub.accountId = "999999999999"; }))!,
            /has requester account 123456789012 as EC2 describes it, not 999999999999/);
    });

    it("refuses a hub CIDR that is a default route, wider than a VPC, or over the member's own network", async () => {
        assert.match((await memberAgainst("member-a", hub => { hub.vpcCidr = "0.0.0.0/0"; }))!,
            /output vpcCidr \(0.0.0.0\/0\) is a default route, not a VPC's block \(\/16 to \/28\): this member will not route it to the hub: refusing it/);
        assert.match((await memberAgainst("member-b", hub => { hub.vpcCidr = "10.0.0.0/8"; }))!, /output vpcCidr \(10.0.0.0\/8\) is a \/8, not a VPC's block/);
        assert.match((await memberAgainst("member-b", hub => { hub.vpcCidr = "10.2.128.0/17"; }))!, /output vpcCidr \(10.2.128.0\/17\) overlaps this member's own 10.2.0.0\/16/);
        assert.match((await memberAgainst("member-b", hub => { hub.vpcIpv6Cidr = "::/0"; }))!, /output vpcIpv6Cidr \(::\/0\) is a default route, not a VPC's IPv6 block/);
        // The peering member also holds it to what EC2 says the requester's CIDR is.
        assert.match((await memberAgainst("member-a", hub => { hub.vpcCidr = "10.9.0.0/16"; }))!, /has requester CIDR 10.0.0.0\/16 as EC2 describes it, not 10.9.0.0\/16/);
    });

    it("refuses a Transit Gateway another account owns, one that is not in the hub's pending share, and a share of another account", async () => {
        // An account shares its own gateway with member-b's account, and that share was accepted once: EC2 shows it with its owner.
        const owned = await memberAgainst("member-b", (hub, sim) => {
            sim.tgw.adopt("tgw-0evil", "999999999999", "ap-northeast-1");
            const share = "arn:aws:ram:ap-northeast-1:999999999999:resource-share/evil";
            sim.ram.createShare(share, "999999999999", true);
            sim.ram.shareResource(share, "arn:aws:ec2:ap-northeast-1:999999999999:transit-gateway/tgw-0evil");
            sim.ram.sharePrincipal(share, "222222222222");
            sim.ram.setInvitationStatus(share, "222222222222", "ACCEPTED");
            hub.transitGateway.id = "tgw-0evil";
        });
        assert.match(owned!, /error: member-b: vpce-hub:hubStack: the hub "shared"'s output transitGateway.id \(tgw-0evil\) is owned by account 999999999999, not by the hub's account 123456789012/);
        // member-b is outside the hub's organization: the hub's share waits for it, and holds another gateway than the output names.
        const notShared = await memberAgainst("member-b", hub => { hub.transitGateway.id = "tgw-0other"; });
        assert.match(notShared!, /transitGateway.id \(tgw-0other\) is not in the hub's RAM share \(its pending invitation lists arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway\/tgw-/);
        const share = await memberAgainst("member-b", hub => { hub.transitGateway.resourceShareArn = "arn:aws:ram:ap-northeast-1:999999999999:resource-share/x"; });
        assert.match(share!, /transitGateway.resourceShareArn \(arn:aws:ram:ap-northeast-1:999999999999:resource-share\/x\) belongs to account 999999999999, not to the hub's account 123456789012/);
    });

    it("refuses zones that are not the hub's service zones: a name no AWS service answers, a zone of no service, another zone id", async () => {
        const corp = await memberAgainst("member-a", hub => {
            hub.zoneIds["corp.example.com"] = "ZEVIL";
            hub.services.s3.zones.push({ name: "corp.example.com", id: "ZEVIL", wildcard: true });
        });
        assert.match(corp!, /output zoneIds.corp.example.com \(ZEVIL\) is not a name AWS's service s3 answers \(none is outside amazonaws.com, amazonaws.com.cn, aws\): refusing it/);
        assert.match((await memberAgainst("member-a", hub => { hub.zoneIds["github.com"] = "ZEVIL"; }))!, /zoneIds.github.com \(ZEVIL\) is a zone of none of the hub's services/);
        assert.match((await memberAgainst("member-a", hub => { hub.zoneIds["sqs.ap-northeast-1.amazonaws.com"] = "ZOTHER"; }))!,
            /zoneIds.sqs.ap-northeast-1.amazonaws.com \(ZOTHER\) is not the id services.sqs gives the zone/);
    });

    it("refuses a profile or its share in another account, and outputs that contradict the hub account the member pins", async () => {
        const { files } = loadStackFiles(path.join(ROOT, "examples", "profile"));
        const raw = Object.fromEntries(files.map(f => [f.stack, f.raw])) as Record<string, Record<string, any>>;
        const profile = await memberAgainst("member-b", hub => { hub.dns.profileArn = hub.dns.profileArn.replace("123456789012", "999999999999"); }, raw);
        assert.match(profile!, /output dns.profileArn \(arn:aws:route53profiles:ap-northeast-1:999999999999:profile\/[^)]+\) belongs to account 999999999999, not to the hub's account 123456789012: this member will not accept a Route 53 Profile from it/);
        const pinned = exampleRaw();
        pinned["member-b"]["vpce-hub:hubAccountId"] = "123456789012";
        assert.match((await memberAgainst("member-b", hub => { hub.accountId = "999999999999"; }, pinned))!,
            /error: member-b: vpce-hub:hubAccountId: is 123456789012, but the hub "shared" runs in account 999999999999/);
        assert.strictEqual(await memberAgainst("member-b", () => undefined, pinned), undefined);
    });
});

describe("the hub verification rules at their boundaries (lib/checks/hubTrust.ts)", () => {
    const member: MemberSide = { stack: "m", hubStack: "acme/vpce-hub/hub", accountId: "222222222222", vpcId: "vpc-0m", cidr: "10.2.0.0/16" };
    const hub = (over: Partial<HubOutputs> = {}): HubOutputs => ({
        accountId: "123456789012", region: "ap-northeast-1", vpcId: "vpc-0h", vpcCidr: "10.0.0.0/16", routeTableIds: [], services: {}, zoneIds: {}, resolverInboundIps: [],
        spokes: { m: { accountId: "222222222222", vpcId: "vpc-0m", cidr: "10.2.0.0/16", connectivity: "transitGateway", authorizedZoneIds: [] } },
        transitGateway: { id: "tgw-0h", hubRouteTableId: "tgw-rtb-1", spokesRouteTableId: "tgw-rtb-2" }, ...over,
    });
    const facts: HubFacts = { transitGateway: { ownerId: "123456789012" } };
    const errors = (h: HubOutputs, f: HubFacts = facts) => hubTrustErrors(member, h, h.spokes.m, f).map(e => e.message);

    it("a VPC's block is /16 to /28: both ends pass, one bit past either is refused", () => {
        assert.deepStrictEqual(errors(hub({ vpcCidr: "10.0.0.0/16" })), []);
        assert.deepStrictEqual(errors(hub({ vpcCidr: "10.0.0.0/28" })), []);
        assert.match(errors(hub({ vpcCidr: "10.0.0.0/15" }))[0], /is a \/15, not a VPC's block/);
        assert.match(errors(hub({ vpcCidr: "10.0.0.0/29" }))[0], /is a \/29, not a VPC's block/);
        assert.deepStrictEqual(errors(hub({ vpcIpv6Cidr: "2600:1f18::/56" })), []);
        assert.match(errors(hub({ vpcIpv6Cidr: "2600:1f18::/43" }))[0], /is a \/43, not a VPC's IPv6 block/);
        assert.match(errors(hub({ vpcIpv6Cidr: "2600:1f18::/64" }))[0], /is a \/64, not a VPC's IPv6 block/);
    });

    it("a partner's zone passes only where AWS lists it as that endpoint service's private DNS name", () => {
        const svc = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0abc";
        const h = hub({
            dns: { sharing: "associations", records: "zones" },
            services: { partner: { endpointId: "vpce-1", regionalDnsName: "x", ports: [443], zones: [{ name: "api.partner.example", id: "Z1", wildcard: false }], endpointService: svc } },
            zoneIds: { "api.partner.example": "Z1" },
        });
        assert.deepStrictEqual(errors(h, { ...facts, services: { partner: { privateDnsNames: ["api.partner.example"] } } }), []);
        assert.match(errors(h, { ...facts, services: { partner: { privateDnsNames: [] } } })[0], /is not a name the hub's service partner answers: AWS lists no private DNS name for com.amazonaws.vpce/);
        assert.match(errors(h, { ...facts, services: {} })[0], /whose endpoint service com.amazonaws.vpce.ap-northeast-1.vpce-svc-0abc AWS does not describe to this member/);
    });

    it("a gateway EC2 does not show and no pending share holds is refused; one the hub's pending share holds passes", () => {
        assert.match(errors(hub(), { transitGateway: "unseen" })[0], /transitGateway.id \(tgw-0h\) is not a Transit Gateway account 222222222222 can see/);
        assert.deepStrictEqual(errors(hub(), { transitGateway: { pendingShareResources: ["arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway/tgw-0h"] } }), []);
        // The same id under another account's ARN is another gateway.
        assert.match(errors(hub(), { transitGateway: { pendingShareResources: ["arn:aws:ec2:ap-northeast-1:999999999999:transit-gateway/tgw-0h"] } })[0], /is not in the hub's RAM share/);
    });
});

describe("what a pending invitation would share, asked of RAM through the AWS SDK (stacks/ramShares.ts pendingResources)", () => {
    it("asks ListPendingInvitationResources for the one invitation, page by page, and returns the resources' ARNs", async () => {
        const { RAMClient } = await import("@aws-sdk/client-ram");
        const { sdkRamShareLookup } = await import("../stacks/ramShares");
        const sent: { name: string; input: Record<string, unknown> }[] = [];
        const original = RAMClient.prototype.send;
        (RAMClient.prototype as any).send = async function (command: { constructor: { name: string }; input: Record<string, unknown> }) {
            sent.push({ name: command.constructor.name, input: command.input });
            return command.input.nextToken === undefined
                ? { resources: [{ arn: "arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway/tgw-1", type: "ec2:TransitGateway" }], nextToken: "page-2" }
                : { resources: [{ arn: "arn:aws:route53profiles:ap-northeast-1:123456789012:profile/rp-1" }] };
        };
        try {
            assert.deepStrictEqual(await sdkRamShareLookup("ap-northeast-1").pendingResources!("arn:inv"), [
                "arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway/tgw-1", "arn:aws:route53profiles:ap-northeast-1:123456789012:profile/rp-1",
            ]);
        } finally {
            RAMClient.prototype.send = original;
        }
        assert.deepStrictEqual(sent, [
            { name: "ListPendingInvitationResourcesCommand", input: { resourceShareInvitationArn: "arn:inv", nextToken: undefined } },
            { name: "ListPendingInvitationResourcesCommand", input: { resourceShareInvitationArn: "arn:inv", nextToken: "page-2" } },
        ]);
    });
});

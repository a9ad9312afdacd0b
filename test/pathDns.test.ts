// Route 53's answer for a name, as the path checks follow it (lib/checks/dns.ts): the zones and
// endpoints' private DNS a VPC sees (directly or through a Route 53 Profile), alias records and
// their targets in AWS's zone, and, where nothing private answers, the missing association by
// name. Plans are hand-built, a few resources each; every reason is written from the case.
import * as assert from "assert";
import type { PlannedResource, PlannedStack } from "../lib/model";
import { resolveName } from "../lib/checks/dns";
import { Network, Source, Trace } from "../lib/checks/network";

const HUB = "vpc-hub";
const S1 = "vpc-s1";
const SQS = "sqs.ap-northeast-1.amazonaws.com";
const S3 = "s3.ap-northeast-1.amazonaws.com";
const VPCE = "vpce-1-abc.sqs.ap-northeast-1.vpce.amazonaws.com";
const VPCE_AZ = "vpce-1-abc-ap-northeast-1a.sqs.ap-northeast-1.vpce.amazonaws.com";

const T = {
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    zoneAssoc: "aws:route53/zoneAssociation:ZoneAssociation",
    profile: "aws:route53/profilesProfile:ProfilesProfile",
    profileAssoc: "aws:route53/profilesAssociation:ProfilesAssociation",
    profileRes: "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
};

let seq = 0;
function r(type: string, inputs: Record<string, any>, id = `r-${seq++}`, outputs: Record<string, any> = {}, name = id): PlannedResource {
    return { urn: `urn:pulumi:x::vpce-hub::${type}::${name}`, type, name, id, inputs, outputs };
}

const zone = (id: string, name: string, vpcs: string[] = [HUB]) => r(T.zone, { name, vpcs: vpcs.map(vpcId => ({ vpcId })) }, id, { zoneId: id, arn: `arn:aws:route53:::hostedzone/${id}` });
const record = (zoneId: string, name: string, target: string, type = "A") => r(T.record, { zoneId, name, type, aliases: [{ name: target }] });
/** An interface endpoint in `vpcId`; with `privateDns` its own names answer in that VPC. */
function endpoint(id: string, service: string, o: { names?: string[]; privateDns?: { name: string; wildcard: boolean }[]; vpcId?: string } = {}): PlannedResource {
    const names = o.names ?? [`${id}-abc.${service}.ap-northeast-1.vpce.amazonaws.com`];
    return r(T.endpoint, { vpcId: o.vpcId ?? HUB, securityGroupIds: ["sg-1"], privateDnsEnabled: Boolean(o.privateDns) },
        id, { dnsEntries: names.map(dnsName => ({ dnsName })), privateDnsNames: o.privateDns ?? [], arn: `arn:aws:ec2:::vpc-endpoint/${id}` }, service);
}
const profile = (id: string) => r(T.profile, { name: id }, id, { arn: `arn:aws:route53profiles:::profile/${id}` });
const holds = (profileId: string, arn: string) => r(T.profileRes, { profileId, resourceArn: arn });
const zoneArn = (id: string) => `arn:aws:route53:::hostedzone/${id}`;
const vpceArn = (id: string) => `arn:aws:ec2:::vpc-endpoint/${id}`;

function network(hub: PlannedResource[], spoke: PlannedResource[] = [], dns: Record<string, string[]> = {}, dns6: Record<string, string[]> = {}): Network {
    const hubConfig = { role: "hub", stack: "shared", vpc: { kind: "existing", id: HUB, cidr: "10.0.0.0/16", subnetIds: [], routeTableIds: ["rtb-hub"] }, services: [], spokes: [] } as any;
    const spokeConfig = { role: "spoke", stack: "s1", hubStack: "shared", vpc: { kind: "existing", id: S1, cidr: "10.1.0.0/16", subnetIds: [], routeTableIds: ["rtb-s1"] } } as any;
    const stacks: PlannedStack[] = [
        { stack: "shared", role: "hub", accountId: "111111111111", region: "ap-northeast-1", config: hubConfig, resources: hub, outputs: { vpcId: HUB, routeTableIds: ["rtb-hub"] } },
        { stack: "s1", role: "spoke", accountId: "111111111111", region: "ap-northeast-1", config: spokeConfig, resources: spoke, outputs: {} },
    ];
    return new Network(stacks, dns, undefined, dns6);
}

const SPOKE: Source = { name: "s1", cidr: "10.1.0.0/16", dnsVpcId: S1, vpcId: S1, routeTableIds: ["rtb-s1"] };
const ON_PREM: Source = { name: "on-prem", cidr: "192.168.0.0/16", dnsVpcId: HUB, routeTableIds: [] };

function resolve(net: Network, src: Source, host: string, type: "A" | "AAAA" = "A"): { ips?: string[]; endpoint?: string; reason: string; path: string[] } {
    const t = new Trace();
    const got = resolveName(net, src, host, t, type);
    return got ? { ips: got.ips, endpoint: got.endpoint.id, reason: t.reason, path: t.path } : { reason: t.reason, path: t.path };
}

const PUBLICLY = (host: string) => `${host} gets the public answer and traffic leaves through the internet`;

describe("an endpoint's private DNS as a VPC sees it (lib/checks/dns.ts)", () => {
    it("on-prem, through the hub VPC, gets the endpoint's addresses from its private DNS, and the hop names the endpoint and the name", () => {
        const net = network([endpoint("vpce-1", "sqs", { privateDns: [{ name: SQS, wildcard: false }] })], [], { "vpce-1-abc.sqs.ap-northeast-1.vpce.amazonaws.com": ["10.0.1.10", "10.0.2.10"] });
        assert.deepStrictEqual(resolve(net, ON_PREM, SQS), {
            ips: ["10.0.1.10", "10.0.2.10"], endpoint: "vpce-1", reason: "",
            path: [`DNS on-prem -> Resolver inbound -> hub VPC vpc-hub: private DNS of endpoint vpce-1 (sqs) for ${SQS} -> 10.0.1.10, 10.0.2.10`],
        });
    });

    it("a wildcard private DNS name (S3's *.s3) answers a bucket name, and the hop shows the wildcard", () => {
        const net = network([endpoint("vpce-s3", "s3", { names: [`*.vpce-s3-abc.${S3}`], privateDns: [{ name: S3, wildcard: true }] })], [], { [`*.vpce-s3-abc.${S3}`]: ["10.0.1.20"] });
        assert.deepStrictEqual(resolve(net, ON_PREM, `my-bucket.${S3}`).path, [`DNS on-prem -> Resolver inbound -> hub VPC vpc-hub: private DNS of endpoint vpce-s3 (s3) for *.${S3} -> 10.0.1.20`]);
    });

    it("a spoke sees an endpoint's private DNS through the profile that holds the endpoint, and only that endpoint's", () => {
        const net = network([
            endpoint("vpce-1", "sqs", { privateDns: [{ name: SQS, wildcard: false }] }),
            endpoint("vpce-2", "sns", { privateDns: [{ name: "sns.ap-northeast-1.amazonaws.com", wildcard: false }] }),
            profile("rp-1"), holds("rp-1", vpceArn("vpce-1")),
        ], [r(T.profileAssoc, { profileId: "rp-1", resourceId: S1 })], { [VPCE]: ["10.0.1.10"], "vpce-2-abc.sns.ap-northeast-1.vpce.amazonaws.com": ["10.0.1.30"] });
        assert.deepStrictEqual(resolve(net, SPOKE, SQS).path, [`DNS s1 VPC vpc-s1: private DNS of endpoint vpce-1 (sqs) for ${SQS} through Route 53 Profile rp-1 -> 10.0.1.10`]);
        assert.deepStrictEqual(resolve(net, SPOKE, "sns.ap-northeast-1.amazonaws.com"), {
            reason: `no private zone covers sns.ap-northeast-1.amazonaws.com: it gets the public answer and traffic leaves through the internet`, path: [],
        });
    });

    it("an exact private DNS name does not answer a name below it: NXDOMAIN, naming the endpoint and its one name", () => {
        const net = network([endpoint("vpce-1", "sqs", { privateDns: [{ name: SQS, wildcard: false }] })], [], { [VPCE]: ["10.0.1.10"] });
        assert.deepStrictEqual(resolve(net, ON_PREM, `queue.${SQS}`), { reason: `the private DNS of endpoint vpce-1 (sqs) has no name queue.${SQS}, only ${SQS} (NXDOMAIN)`, path: [] });
    });

    it("an endpoint whose regional name has no addresses in AWS's zone has no network interface addresses (IPv6: no IPv6 ones)", () => {
        const net = network([endpoint("vpce-1", "sqs", { privateDns: [{ name: SQS, wildcard: false }] })]);
        assert.deepStrictEqual(resolve(net, ON_PREM, SQS), { reason: "endpoint vpce-1 (sqs) has no network interface addresses", path: [] });
        assert.deepStrictEqual(resolve(net, ON_PREM, SQS, "AAAA"), { reason: "endpoint vpce-1 (sqs) has no IPv6 network interface addresses", path: [] });
    });
});

describe("alias records and their targets (lib/checks/dns.ts)", () => {
    const hubWith = (target: string, type = "A") => [zone("Z1", SQS), record("Z1", SQS, target, type), endpoint("vpce-1", "sqs", { names: [VPCE, VPCE_AZ] })];

    it("a record aliasing a name that is no endpoint of the hub fails, naming record and target", () => {
        const net = network(hubWith("vpce-9-zzz.sqs.ap-northeast-1.vpce.amazonaws.com"), [], { "vpce-9-zzz.sqs.ap-northeast-1.vpce.amazonaws.com": ["10.0.9.9"] });
        assert.deepStrictEqual(resolve(net, ON_PREM, SQS), { reason: `record ${SQS} aliases vpce-9-zzz.sqs.ap-northeast-1.vpce.amazonaws.com, which is no endpoint of the hub`, path: [] });
    });

    it("an A alias to a name AWS does not serve fails, listing the names the endpoint does serve", () => {
        const target = `x.${VPCE}`;
        assert.deepStrictEqual(resolve(network(hubWith(target), [], { [VPCE]: ["10.0.1.10"] }), ON_PREM, SQS), {
            reason: `record ${SQS} aliases ${target}: alias target ${target} does not exist in AWS's zone of endpoint vpce-1 (sqs), which serves ${VPCE}, ${VPCE_AZ}; alias the first DNS entry exactly as AWS returns it`,
            path: [],
        });
    });

    it("an AAAA alias to an endpoint without IPv6 records says the endpoint must be dual-stack", () => {
        assert.deepStrictEqual(resolve(network(hubWith(VPCE, "AAAA"), [], { [VPCE]: ["10.0.1.10"] }), ON_PREM, SQS, "AAAA"), {
            reason: `record ${SQS} AAAA aliases ${VPCE}, which has no AAAA record in AWS's zone of endpoint vpce-1 (sqs): the endpoint needs ipAddressType dualstack and dnsOptions.dnsRecordIpType dualstack`,
            path: [],
        });
    });

    it("an alias target AWS serves with no addresses means the endpoint has no network interface addresses", () => {
        assert.deepStrictEqual(resolve(network(hubWith(VPCE), [], { [VPCE]: [] }), ON_PREM, SQS), { reason: "endpoint vpce-1 (sqs) has no network interface addresses", path: [] });
    });

    it("an endpoint the plan lists without DNS entries is no alias target", () => {
        const bare = r(T.endpoint, { vpcId: HUB, securityGroupIds: ["sg-1"] }, "vpce-1", {}, "sqs");
        const net = network([zone("Z1", SQS), record("Z1", SQS, VPCE), bare], [], { [VPCE]: ["10.0.1.10"] });
        assert.strictEqual(resolve(net, ON_PREM, SQS).reason, `record ${SQS} aliases ${VPCE}, which is no endpoint of the hub`);
    });
});

describe("which source answers when several could: the most specific name, then the VPC's own over its profile's (Route 53 Profiles guide; lib/checks/dns.ts)", () => {
    const OWN = "vpce-2-abc.sqs.ap-northeast-1.vpce.amazonaws.com";

    it("a zone associated with the VPC itself and the same name from the profile's endpoint: the VPC's own zone answers, and the hop says it takes precedence", () => {
        const net = network([
            zone("Z1", SQS, [HUB, S1]), record("Z1", SQS, VPCE), endpoint("vpce-1", "sqs", { names: [VPCE] }),
            endpoint("vpce-2", "sqs-private", { names: [OWN], privateDns: [{ name: SQS, wildcard: false }] }),
            profile("rp-1"), holds("rp-1", vpceArn("vpce-2")),
        ], [r(T.profileAssoc, { profileId: "rp-1", resourceId: S1 })], { [VPCE]: ["10.0.1.10"], [OWN]: ["10.0.1.20"] });
        assert.deepStrictEqual(resolve(net, SPOKE, SQS), {
            ips: ["10.0.1.10"], endpoint: "vpce-1", reason: "",
            path: [`DNS s1 VPC vpc-s1: zone ${SQS} (Z1) (the VPC's own zone takes precedence over the private DNS of endpoint vpce-2 (sqs-private) for ${SQS} through Route 53 Profile rp-1)`,
                `record ${SQS} A alias -> ${VPCE} -> 10.0.1.10`],
        });
        const t = new Trace();
        const got = resolveName(net, SPOKE, SQS, t);
        assert.ok(got);
        assert.deepStrictEqual(got.source, { kind: "local-zone", name: SQS, zoneId: "Z1" });
        assert.deepStrictEqual(got.shadowed, [{ kind: "profile-endpoint", name: SQS, endpointId: "vpce-2", profileId: "rp-1" }]);
    });

    it("a member's own endpoint with private DNS and the hub's zone of that name in the profile: the member's own endpoint answers (source local-endpoint)", () => {
        const net = network([
            zone("Z1", SQS, [HUB]), record("Z1", SQS, VPCE), endpoint("vpce-1", "sqs", { names: [VPCE] }),
            profile("rp-1"), holds("rp-1", zoneArn("Z1")),
        ], [
            r(T.profileAssoc, { profileId: "rp-1", resourceId: S1 }),
            endpoint("vpce-own", "sqs", { vpcId: S1, names: [OWN], privateDns: [{ name: SQS, wildcard: false }] }),
        ], { [VPCE]: ["10.0.1.10"], [OWN]: ["10.1.0.20"] });
        const t = new Trace();
        const got = resolveName(net, SPOKE, SQS, t);
        assert.ok(got, t.reason);
        assert.deepStrictEqual([got.ips, got.endpoint.id, got.source, got.shadowed], [
            ["10.1.0.20"], "vpce-own", { kind: "local-endpoint", name: SQS, endpointId: "vpce-own" }, [{ kind: "profile-zone", name: SQS, zoneId: "Z1", profileId: "rp-1" }],
        ]);
        assert.deepStrictEqual(t.path, [`DNS s1 VPC vpc-s1: private DNS of endpoint vpce-own (sqs) for ${SQS} -> 10.1.0.20 (the VPC's own endpoint takes precedence over zone ${SQS} (Z1) through Route 53 Profile rp-1)`]);
    });

    it("the VPC's own zone answers even when it has no record: its NXDOMAIN is the answer, the profile's zone is not asked", () => {
        const net = network([
            zone("Z1", SQS, [HUB, S1]), // no record at all
            zone("Z2", SQS, []), record("Z2", SQS, VPCE), endpoint("vpce-1", "sqs", { names: [VPCE] }),
            profile("rp-1"), holds("rp-1", zoneArn("Z2")),
        ], [r(T.profileAssoc, { profileId: "rp-1", resourceId: S1 })], { [VPCE]: ["10.0.1.10"] });
        assert.deepStrictEqual(resolve(net, SPOKE, SQS), { reason: `zone ${SQS} has no record for ${SQS} (NXDOMAIN): missing the apex A record ${SQS}`, path: [] });
    });

    it("the most specific name wins whoever holds it: the profile's sqs zone answers below the VPC's own broader zone", () => {
        const BROAD = "ap-northeast-1.amazonaws.com";
        const net = network([
            zone("Z0", BROAD, [S1]), record("Z0", `*.${BROAD}`, "vpce-9-zzz.sqs.ap-northeast-1.vpce.amazonaws.com"),
            zone("Z1", SQS, [HUB]), record("Z1", SQS, VPCE), endpoint("vpce-1", "sqs", { names: [VPCE] }),
            profile("rp-1"), holds("rp-1", zoneArn("Z1")),
        ], [r(T.profileAssoc, { profileId: "rp-1", resourceId: S1 })], { [VPCE]: ["10.0.1.10"] });
        const t = new Trace();
        const got = resolveName(net, SPOKE, SQS, t);
        assert.ok(got, t.reason);
        assert.deepStrictEqual([got.endpoint.id, got.source.kind, got.shadowed.map(x => [x.kind, x.name])], ["vpce-1", "profile-zone", [["local-zone", BROAD]]]);
        assert.deepStrictEqual(t.path, [`DNS s1 VPC vpc-s1: zone ${SQS} (Z1) through Route 53 Profile rp-1`, `record ${SQS} A alias -> ${VPCE} -> 10.0.1.10`]);
    });

    it("two sources of one name in the profile (a zone and an endpoint) that answer differently fail naming both: AWS does not rank them", () => {
        const net = network([
            zone("Z2", SQS, []), record("Z2", SQS, VPCE), endpoint("vpce-1", "sqs", { names: [VPCE] }),
            endpoint("vpce-2", "sqs-private", { names: [OWN], privateDns: [{ name: SQS, wildcard: false }] }),
            profile("rp-1"), holds("rp-1", zoneArn("Z2")), holds("rp-1", vpceArn("vpce-2")),
        ], [r(T.profileAssoc, { profileId: "rp-1", resourceId: S1 })], { [VPCE]: ["10.0.1.10"], [OWN]: ["10.0.1.20"] });
        assert.deepStrictEqual(resolve(net, SPOKE, SQS), {
            reason: `s1 VPC vpc-s1 sees 2 sources for ${SQS} that answer differently (zone Z2 through Route 53 Profile rp-1; endpoint vpce-2 through Route 53 Profile rp-1): ` +
                "one name from two sources of its profile, which AWS does not rank (verify); keep one",
            path: [],
        });
    });
});

describe("the missing association when nothing private answers (lib/checks/dns.ts)", () => {
    it("names the most specific existing zone for the name, whatever order the plan lists them in", () => {
        const net = network([zone("Z0", "ap-northeast-1.amazonaws.com"), zone("Z1", SQS)]);
        assert.strictEqual(resolve(net, SPOKE, SQS).reason, `zone ${SQS} (Z1) is not associated with s1's VPC vpc-s1: ${PUBLICLY(SQS)}`);
        const reversed = network([zone("Z1", SQS), zone("Z0", "ap-northeast-1.amazonaws.com")]);
        assert.strictEqual(resolve(reversed, SPOKE, SQS).reason, `zone ${SQS} (Z1) is not associated with s1's VPC vpc-s1: ${PUBLICLY(SQS)}`);
    });

    it("a profile holding another zone does not hold the name: the unassociated zone is the root cause", () => {
        const net = network([zone("Z1", SQS), zone("Z2", "sns.ap-northeast-1.amazonaws.com"), profile("rp-1"), holds("rp-1", zoneArn("Z2"))]);
        assert.strictEqual(resolve(net, SPOKE, SQS).reason, `zone ${SQS} (Z1) is not associated with s1's VPC vpc-s1: ${PUBLICLY(SQS)}`);
    });

    it("a profile holding the endpoint whose private DNS serves the name: the spoke's missing profile association is the root cause", () => {
        const net = network([
            endpoint("vpce-0", "sns", { privateDns: [{ name: "sns.ap-northeast-1.amazonaws.com", wildcard: false }] }),
            endpoint("vpce-1", "sqs", { privateDns: [{ name: "sqs-fips.ap-northeast-1.amazonaws.com", wildcard: false }, { name: SQS, wildcard: false }] }),
            profile("rp-1"), holds("rp-1", vpceArn("vpce-1")),
        ]);
        assert.strictEqual(resolve(net, SPOKE, SQS).reason,
            `missing profile association: s1's VPC vpc-s1 is not associated with Route 53 Profile rp-1 (hub shared), which holds ${SQS}: ${PUBLICLY(SQS)}`);
    });

    it("a profile holding only other endpoints does not hold the name, even when an endpoint outside it serves the name", () => {
        const net = network([
            endpoint("vpce-0", "sns", { privateDns: [{ name: "sns.ap-northeast-1.amazonaws.com", wildcard: false }] }),
            endpoint("vpce-1", "sqs", { privateDns: [{ name: SQS, wildcard: false }] }),
            profile("rp-1"), holds("rp-1", vpceArn("vpce-0")),
        ]);
        assert.strictEqual(resolve(net, SPOKE, SQS).reason, `no private zone covers ${SQS}: it gets the public answer and traffic leaves through the internet`);
    });

    it("a spoke associated with another profile is told which profile it has and which one holds the name", () => {
        const net = network([zone("Z1", SQS), profile("rp-1"), holds("rp-1", zoneArn("Z1")), profile("rp-2")], [r(T.profileAssoc, { profileId: "rp-2", resourceId: S1 })]);
        assert.strictEqual(resolve(net, SPOKE, SQS).reason, `s1's VPC vpc-s1 is associated with Route 53 Profile rp-2, not with rp-1 (hub shared), which holds ${SQS}: ${PUBLICLY(SQS)}`);
    });

    it("on-prem: a name only a profile holds is not seen by the hub VPC, where the Resolver answers", () => {
        const net = network([endpoint("vpce-1", "sqs", { vpcId: "vpc-other", privateDns: [{ name: SQS, wildcard: false }] }), profile("rp-1"), holds("rp-1", vpceArn("vpce-1"))]);
        assert.strictEqual(resolve(net, ON_PREM, SQS).reason,
            `the hub VPC vpc-hub, where the Resolver inbound endpoint answers, sees no private source for ${SQS} (only Route 53 Profile rp-1 holds it): ${PUBLICLY(SQS)}`);
    });

    it("with no zone and no profile for the name, spoke and on-prem both get the public answer", () => {
        const net = network([]);
        for (const src of [SPOKE, ON_PREM]) {
            assert.deepStrictEqual(resolve(net, src, SQS), { reason: `no private zone covers ${SQS}: it gets the public answer and traffic leaves through the internet`, path: [] }, src.name);
        }
    });
});

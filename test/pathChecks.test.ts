// The path checks of a whole plan (lib/checks/paths.ts over lib/checks/network.ts): on-prem through the
// Resolver, the IPv6 (AAAA) half of dual-stack services, security groups and prefix lists, and
// the checks' own shape (verdict, answer, reason, path) as `npm run plan` prints them. Plans
// are hand-built, a few resources each; expected values are written from the case at hand.
import * as assert from "assert";
import type { PathCheck, PlannedResource, PlannedStack } from "../lib/model";
import { Network } from "../lib/checks/network";
import { checkPaths, hostsOf } from "../lib/checks/paths";

const HUB = "vpc-hub";
const S1 = "vpc-s1";
const SQS = "sqs.ap-northeast-1.amazonaws.com";
const VPCE = "vpce-1-abc.sqs.ap-northeast-1.vpce.amazonaws.com";
const HUB6 = "2600:1f18:aaaa:100::/56";
const BLOCK6 = "2600:1f18:bbbb:200::/56";
const ONPREM6 = "2001:db8:1::/48";
const IP6 = "2600:1f18:aaaa:100::10";

const T = {
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    resolver: "aws:route53/resolverEndpoint:ResolverEndpoint",
    zoneAssoc: "aws:route53/zoneAssociation:ZoneAssociation",
    route: "aws:ec2/route:Route",
    pcx: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    vgwProp: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    pl: "aws:ec2/managedPrefixList:ManagedPrefixList",
    profile: "aws:route53/profilesProfile:ProfilesProfile",
    profileRes: "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
};

let seq = 0;
function r(type: string, inputs: Record<string, any>, id = `r-${seq++}`, outputs: Record<string, any> = {}, name = id): PlannedResource {
    return { urn: `urn:pulumi:x::vpce-hub::${type}::${name}`, type, name, id, inputs, outputs };
}

interface Options {
    /** The sqs endpoint is dual-stack: AAAA records, IPv6 routes, IPv6 rules. */
    dual?: boolean;
    resolver?: boolean;
    /** Edits of the hub's resources, spoke's resources, hub config, before planning. */
    hub?: (rs: PlannedResource[]) => PlannedResource[];
    spoke?: (rs: PlannedResource[]) => PlannedResource[];
    config?: (c: any) => any;
    withSpokeStack?: boolean;
}

/** A hub (10.0.0.0/16) with one service (sqs, tcp 443), spoke s1 (10.1.0.0/16) over a peering, on-prem 192.168.0.0/16 over the VPN gateway vgw-1. */
function stacks(o: Options = {}): PlannedStack[] {
    const ingress = [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.1.0.0/16", "192.168.0.0/16"], ...(o.dual ? { ipv6CidrBlocks: [BLOCK6, ONPREM6] } : {}) }];
    let hub: PlannedResource[] = [
        r(T.zone, { name: SQS, vpcs: [{ vpcId: HUB }] }, "Z1", { zoneId: "Z1" }),
        r(T.record, { zoneId: "Z1", name: SQS, type: "A", aliases: [{ name: VPCE }] }),
        ...(o.dual ? [r(T.record, { zoneId: "Z1", name: SQS, type: "AAAA", aliases: [{ name: VPCE }] })] : []),
        r(T.endpoint, { vpcId: HUB, securityGroupIds: ["sg-sqs"], privateDnsEnabled: false }, "vpce-1", { dnsEntries: [{ dnsName: VPCE }] }, "sqs"),
        r(T.sg, { vpcId: HUB, ingress }, "sg-sqs", {}, "sqs-sg"),
        ...(o.resolver === false ? [] : [
            r(T.resolver, { direction: "INBOUND", securityGroupIds: ["sg-rslvr"] }, "rslvr-in", { ipAddresses: [{ ip: "10.0.1.53" }, { ip: "10.0.2.53" }] }),
            r(T.sg, { vpcId: HUB, ingress: ["udp", "tcp"].map(protocol => ({ protocol, fromPort: 53, toPort: 53, cidrBlocks: ["192.168.0.0/16"] })) }, "sg-rslvr", {}, "resolver-sg"),
        ]),
        r(T.vgwProp, { vpnGatewayId: "vgw-1", routeTableId: "rtb-hub" }),
        r(T.pcx, { vpcId: HUB, peerVpcId: S1, autoAccept: true }, "pcx-1"),
        r(T.route, { routeTableId: "rtb-hub", destinationCidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" }),
        ...(o.dual ? [r(T.route, { routeTableId: "rtb-hub", destinationIpv6CidrBlock: BLOCK6, vpcPeeringConnectionId: "pcx-1" })] : []),
    ];
    let spoke: PlannedResource[] = [
        r(T.zoneAssoc, { zoneId: "Z1", vpcId: S1 }),
        r(T.route, { routeTableId: "rtb-s1", destinationCidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: "pcx-1" }),
        ...(o.dual ? [r(T.route, { routeTableId: "rtb-s1", destinationIpv6CidrBlock: HUB6, vpcPeeringConnectionId: "pcx-1" })] : []),
    ];
    if (o.hub) hub = o.hub(hub);
    if (o.spoke) spoke = o.spoke(spoke);
    let hubConfig: any = {
        role: "hub", stack: "shared",
        vpc: { kind: "existing", id: HUB, cidr: "10.0.0.0/16", subnetIds: [], routeTableIds: ["rtb-hub"], ...(o.dual ? { ipv6Cidr: HUB6 } : {}) },
        services: [{ name: "sqs", ports: [443], zones: [{ name: SQS, wildcard: false }] }],
        spokes: [{ name: "s1", accountId: "111111111111", vpcId: S1, cidr: "10.1.0.0/16", connectivity: "peering", ...(o.dual ? { ipv6Cidrs: [BLOCK6] } : {}) }],
        onPrem: { cidrs: ["192.168.0.0/16"], dnsServerCidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-1", ...(o.dual ? { ipv6Cidrs: [ONPREM6] } : {}) },
    };
    if (o.config) hubConfig = o.config(hubConfig);
    const spokeConfig = { role: "spoke", stack: "s1", hubStack: "shared", vpc: { kind: "existing", id: S1, cidr: "10.1.0.0/16", subnetIds: [], routeTableIds: ["rtb-s1"] } } as any;
    const services = o.dual ? { sqs: { ipAddressType: "dualstack" } } : { sqs: { ipAddressType: "ipv4" } };
    return [
        { stack: "shared", role: "hub", accountId: "111111111111", region: "ap-northeast-1", config: hubConfig, resources: hub, outputs: { vpcId: HUB, routeTableIds: ["rtb-hub"], services } },
        ...(o.withSpokeStack === false ? [] : [{ stack: "s1", role: "spoke" as const, accountId: "111111111111", region: "ap-northeast-1", config: spokeConfig, resources: spoke, outputs: {} }]),
    ];
}

const DNS = { [VPCE]: ["10.0.1.10"] };
const DNS6 = { [VPCE]: [IP6] };

function checks(o: Options = {}, dns: Record<string, string[]> = DNS, dns6: Record<string, string[]> = DNS6): PathCheck[] {
    return checkPaths(stacks(o), dns, undefined, dns6);
}
const find = (cs: PathCheck[], source: string, aaaa = false) => {
    const c = cs.find(x => x.kind === "service" && x.source === source && (x.recordType === "AAAA") === aaaa);
    assert.ok(c, `no ${aaaa ? "AAAA" : "A"} check of ${source} in ${JSON.stringify(cs)}`);
    return c;
};

describe("on-prem through the Resolver (lib/checks/paths.ts)", () => {
    it("on-prem reaches the service: VPN way back, Resolver admitted on udp and tcp 53, the zone's answer, the endpoint's security group", () => {
        assert.deepStrictEqual(find(checks(), "on-prem"), {
            kind: "service", source: "on-prem", service: "sqs", host: SQS, answer: ["10.0.1.10"], verdict: "pass", reason: "",
            path: [
                "VPN vgw-1: hub route tables rtb-hub route 192.168.0.0/16 back to on-prem",
                "forwarder -> Resolver inbound 10.0.1.53, 10.0.2.53 (tcp+udp 53 admitted)",
                `DNS on-prem -> Resolver inbound -> hub VPC vpc-hub: zone ${SQS} (Z1)`,
                `record ${SQS} A alias -> ${VPCE} -> 10.0.1.10`,
                "security group admits 192.168.0.0/16 on tcp 443 -> endpoint vpce-1 (sqs)",
            ],
        });
    });

    it("without a Resolver inbound endpoint on-prem has nowhere to send queries: its A and AAAA checks fail with no answer", () => {
        const cs = checks({ dual: true, resolver: false });
        const reason = "no Resolver inbound endpoint in the hub: on-prem forwarders have nowhere to send queries";
        assert.deepStrictEqual(find(cs, "on-prem"), { kind: "service", source: "on-prem", service: "sqs", host: SQS, answer: [], verdict: "fail", reason, path: [] });
        assert.deepStrictEqual(find(cs, "on-prem", true), { kind: "service", recordType: "AAAA", source: "on-prem", service: "sqs", host: SQS, answer: [], verdict: "fail", reason, path: [] });
        assert.strictEqual(find(cs, "s1", true).verdict, "pass", "a spoke needs no Resolver");
    });

    it("an answer outside the hub VPC does not come over the VPN: the on-prem check fails with that answer", () => {
        const c = find(checks({}, { [VPCE]: ["10.5.0.10", "10.5.0.11"] }), "on-prem");
        assert.deepStrictEqual([c.verdict, c.reason, c.answer], ["fail", "answer 10.5.0.10, 10.5.0.11 is outside the hub VPC", ["10.5.0.10", "10.5.0.11"]]);
    });
});

describe("the IPv6 (AAAA) half of a dual-stack service (lib/checks/paths.ts)", () => {
    it("a spoke and on-prem each pass the AAAA check, with every hop written out", () => {
        const cs = checks({ dual: true });
        assert.deepStrictEqual(find(cs, "s1", true), {
            kind: "service", recordType: "AAAA", source: "s1", service: "sqs", host: SQS, answer: [IP6], verdict: "pass", reason: "",
            path: [
                `DNS s1 VPC vpc-s1: zone ${SQS} (Z1)`,
                `record ${SQS} AAAA alias -> ${VPCE} -> ${IP6}`,
                `route rtb-s1: ${HUB6} via pcx-1; return ${BLOCK6} via pcx-1`,
                `security group admits ${BLOCK6} on tcp 443 -> endpoint vpce-1 (sqs)`,
            ],
        });
        assert.deepStrictEqual(find(cs, "on-prem", true), {
            kind: "service", recordType: "AAAA", source: "on-prem", service: "sqs", host: SQS, answer: [IP6], verdict: "pass", reason: "",
            path: [
                `DNS on-prem -> Resolver inbound -> hub VPC vpc-hub: zone ${SQS} (Z1)`,
                `record ${SQS} AAAA alias -> ${VPCE} -> ${IP6}`,
                `on-prem ${ONPREM6} over Direct Connect on vgw-1: hub route tables propagate its routes`,
                `security group admits ${ONPREM6} on tcp 443 -> endpoint vpce-1 (sqs)`,
            ],
        });
    });

    it("a service on two ports over two VPN gateways: the AAAA hops name both ports and both gateways", () => {
        const cs = checks({
            dual: true,
            hub: rs => [...rs.map(x => x.id === "sg-sqs" ? { ...x, inputs: { ...x.inputs, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 8443, ipv6CidrBlocks: [BLOCK6, ONPREM6] }] } } : x),
                r("aws:ec2/vpnGateway:VpnGateway", { vpcId: HUB }, "vgw-2")],
            config: c => ({ ...c, services: [{ ...c.services[0], ports: [443, 8443] }] }),
        });
        assert.deepStrictEqual(find(cs, "on-prem", true).path.slice(2), [
            `on-prem ${ONPREM6} over Direct Connect on vgw-1, vgw-2: hub route tables propagate its routes`,
            `security group admits ${ONPREM6} on tcp 443, 8443 -> endpoint vpce-1 (sqs)`,
        ]);
    });

    it("only the IPv6 blocks the hub registered get AAAA checks: none for a spoke or on-prem without any, one per block otherwise", () => {
        const none = checks({ dual: true, config: c => ({ ...c, spokes: [{ ...c.spokes[0], ipv6Cidrs: undefined }], onPrem: { ...c.onPrem, cidrs: ["192.168.0.0/16", "172.16.0.0/16"], ipv6Cidrs: undefined } }) });
        assert.deepStrictEqual(none.filter(c => c.recordType === "AAAA"), []);
        // Two on-prem IPv4 networks, one IPv6 block: one on-prem AAAA check, not one per network.
        const one = checks({ dual: true, config: c => ({ ...c, onPrem: { ...c.onPrem, cidrs: ["192.168.0.0/16", "172.16.0.0/16"] } }) });
        assert.deepStrictEqual(one.filter(c => c.recordType === "AAAA").map(c => c.source), ["s1", "on-prem"]);
    });

    it("no AAAA record: the AAAA check fails with no answer", () => {
        const cs = checks({ dual: true, hub: rs => rs.filter(x => !(x.type === T.record && x.inputs.type === "AAAA")) });
        const c = find(cs, "s1", true);
        assert.deepStrictEqual([c.verdict, c.answer, c.reason], ["fail", [], `zone ${SQS} has no record for ${SQS} (NXDOMAIN): missing the apex AAAA record ${SQS}`]);
    });

    it("an AAAA answer outside the hub's IPv6 block, or a hub that declares none, fails naming the answer and the block", () => {
        const outside = find(checks({ dual: true }, DNS, { [VPCE]: [IP6, "2600:1f18:ffff::10"] }), "s1", true);
        assert.deepStrictEqual([outside.verdict, outside.answer, outside.reason],
            ["fail", [IP6, "2600:1f18:ffff::10"], `AAAA answer ${IP6}, 2600:1f18:ffff::10 is outside the hub VPC's IPv6 block ${HUB6}`]);
        const undeclared = find(checks({ dual: true, config: c => ({ ...c, vpc: { ...c.vpc, ipv6Cidr: undefined } }) }), "s1", true);
        assert.strictEqual(undeclared.reason, `AAAA answer ${IP6} is outside the hub VPC's IPv6 block (none declared)`);
    });

    it("on-prem IPv6 needs the hub's route tables to propagate the hub's virtual private gateway: another table or another gateway does not do", () => {
        for (const prop of [{ vpnGatewayId: "vgw-1", routeTableId: "rtb-other" }, { vpnGatewayId: "vgw-other", routeTableId: "rtb-hub" }]) {
            const c = find(checks({ dual: true, hub: rs => [...rs.filter(x => x.type !== T.vgwProp), r(T.vgwProp, prop)] }), "on-prem", true);
            assert.deepStrictEqual([c.verdict, c.answer, c.reason],
                ["fail", [IP6], `hub route table rtb-hub learns no routes from the hub's virtual private gateway: no way back to on-prem ${ONPREM6}`], JSON.stringify(prop));
        }
    });

    it("an endpoint security group without an IPv6 rule for the block fails the AAAA check, naming the group", () => {
        const cs = checks({ dual: true, hub: rs => rs.map(x => x.id === "sg-sqs" ? { ...x, inputs: { ...x.inputs, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.1.0.0/16"] }] } } : x) });
        const c = find(cs, "s1", true);
        assert.deepStrictEqual([c.verdict, c.reason], ["fail", `endpoint security group sg-sqs (sqs-sg) does not admit s1 ${BLOCK6} on tcp 443 (no IPv6 rule)`]);
    });

    it("an endpoint security group the plan does not hold admits nothing: IPv4 and IPv6 checks fail, naming it with ?", () => {
        const cs = checks({ dual: true, hub: rs => rs.map(x => x.id === "vpce-1" ? { ...x, inputs: { ...x.inputs, securityGroupIds: ["sg-existing"] } } : x) });
        assert.strictEqual(find(cs, "s1").reason, "endpoint security group sg-existing (?) does not admit s1 10.1.0.0/16 on tcp 443");
        assert.strictEqual(find(cs, "s1", true).reason, `endpoint security group sg-existing (?) does not admit s1 ${BLOCK6} on tcp 443 (no IPv6 rule)`);
    });

    it("an endpoint with two security groups, neither admitting the spoke, names both, comma-separated", () => {
        const cs = checks({ hub: rs => rs.map(x => x.id === "vpce-1" ? { ...x, inputs: { ...x.inputs, securityGroupIds: ["sg-existing", "sg-other"] } } : x) });
        assert.strictEqual(find(cs, "s1").reason, "endpoint security groups sg-existing (?), sg-other (?) do not admit s1 10.1.0.0/16 on tcp 443");
    });
});

describe("security group rules and prefix lists as the checks read them (lib/checks/network.ts)", () => {
    it("an endpoint security group without a rule for the spoke names the group and, with no prefix list in its rules, nothing more", () => {
        const cs = checks({ hub: rs => rs.map(x => x.id === "sg-sqs" ? { ...x, inputs: { ...x.inputs, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["192.168.0.0/16"] }] } } : x) });
        assert.strictEqual(find(cs, "s1").reason, "endpoint security group sg-sqs (sqs-sg) does not admit s1 10.1.0.0/16 on tcp 443");
    });

    it("a security group referring to a prefix list the plan lacks, and to an empty one, names both lists as not covering the spoke", () => {
        const cs = checks({
            hub: rs => [
                ...rs.map(x => x.id === "sg-sqs" ? { ...x, inputs: { ...x.inputs, ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-gone", "pl-empty"] }] } } : x),
                r(T.pl, { name: "sources", addressFamily: "IPv4", maxEntries: 10 }, "pl-empty", {}, "sources"),
            ],
        });
        assert.strictEqual(find(cs, "s1").reason,
            "endpoint security group sg-sqs (sqs-sg) does not admit s1 10.1.0.0/16 on tcp 443: prefix list pl-gone (no such prefix list in the plan), pl-empty (sources) has no entry covering s1 10.1.0.0/16");
    });

    /** A network whose one security group sg-x holds `rules`. */
    const sgNet = (rules: any[]) => new Network(stacks({ hub: rs => [...rs, r(T.sg, { ingress: rules }, "sg-x")] }), {});

    it("IPv6 rules admit a block only on their protocol and port range; protocol -1 admits every port, as AWS does", () => {
        const admits6 = (rule: any) => sgNet([{ ipv6CidrBlocks: ["2600:1f18:bbbb::/48"], ...rule }]).sgAdmits6(["sg-x"], BLOCK6, "tcp", 443);
        assert.strictEqual(admits6({ protocol: "tcp", fromPort: 443, toPort: 443 }), "sg-x");
        assert.strictEqual(admits6({ protocol: "tcp", fromPort: 400, toPort: 500 }), "sg-x");
        assert.strictEqual(admits6({ protocol: "-1", fromPort: 0, toPort: 0 }), "sg-x", "-1 is all traffic: AWS ignores its ports");
        for (const other of [{ protocol: "udp", fromPort: 443, toPort: 443 }, { protocol: "tcp", fromPort: 444, toPort: 500 }, { protocol: "tcp", fromPort: 1, toPort: 442 }]) {
            assert.strictEqual(admits6(other), undefined, JSON.stringify(other));
        }
        assert.strictEqual(sgNet([{ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["2600:1f18:cccc::/48"] }]).sgAdmits6(["sg-x"], BLOCK6, "tcp", 443), undefined, "another block");
        assert.strictEqual(sgNet([]).sgAdmits6(["sg-unknown"], BLOCK6, "tcp", 443), undefined, "a group the plan lacks");
    });

    it("IPv4 rules likewise: protocol -1 admits every port, another protocol or port does not", () => {
        const admits = (rule: any) => sgNet([{ cidrBlocks: ["10.1.0.0/16"], ...rule }]).sgAdmits(["sg-x"], "10.1.0.0/16", "udp", 53);
        assert.strictEqual(admits({ protocol: "-1", fromPort: 0, toPort: 0 }), "sg-x");
        assert.strictEqual(admits({ protocol: "udp", fromPort: 53, toPort: 53 }), "sg-x");
        assert.strictEqual(admits({ protocol: "tcp", fromPort: 53, toPort: 53 }), undefined);
        assert.strictEqual(admits({ protocol: "udp", fromPort: 54, toPort: 60 }), undefined);
    });

    it("a route to a prefix list the plan does not hold (an AWS-managed one) routes nothing, and the plan's other routes stay", () => {
        const net = new Network(stacks({ spoke: rs => [...rs, r(T.route, { routeTableId: "rtb-s1", destinationPrefixListId: "pl-61a54008", gatewayId: "vpce-s3gw" })] }), {});
        assert.deepStrictEqual(net.routesOf("rtb-s1").map(x => x.destination), ["10.0.0.0/16"]);
        assert.strictEqual(find(checks({ spoke: rs => [...rs, r(T.route, { routeTableId: "rtb-s1", destinationPrefixListId: "pl-61a54008", gatewayId: "vpce-s3gw" })] }), "s1").verdict, "pass");
    });

    it("a profile resource association naming a profile the plan does not hold is ignored", () => {
        const net = new Network(stacks({
            hub: rs => [
                ...rs.map(x => x.id === "Z1" ? { ...x, outputs: { ...x.outputs, arn: "arn:aws:route53:::hostedzone/Z1" } } : x),
                r(T.profile, {}, "rp-1", { arn: "arn:rp-1" }),
                r(T.profileRes, { profileId: "rp-gone", resourceArn: "arn:aws:route53:::hostedzone/Z1" }),
            ],
        }), {});
        assert.deepStrictEqual([...net.profiles.values()].map(p => [p.id, p.zoneIds.size, p.endpointIds.size]), [["rp-1", 0, 0]]);
    });
});

describe("the checks of a plan as a whole (lib/checks/paths.ts)", () => {
    it("a spoke the hub lists without a stack in the plan fails every name, saying which stack file is missing", () => {
        const cs = checks({ withSpokeStack: false });
        assert.deepStrictEqual(cs.filter(c => c.source === "s1"), [
            { kind: "service", source: "s1", service: "sqs", host: SQS, answer: [], verdict: "fail", reason: "the hub lists spoke s1 but the plan has no stack Pulumi.s1.yaml for it", path: [] },
        ]);
    });

    it("a wildcard zone is checked at its apex and at a name below it: the declared example prefix, else example", () => {
        const hub = { services: [{ name: "s3", ports: [443], zones: [{ name: "s3.ap-northeast-1.amazonaws.com", wildcard: true }, { name: "s3.example.internal", wildcard: true, examplePrefix: "my-bucket" }] }] } as any;
        assert.deepStrictEqual(hostsOf(hub), [
            { service: "s3", host: "s3.ap-northeast-1.amazonaws.com", ports: [443] },
            { service: "s3", host: "example.s3.ap-northeast-1.amazonaws.com", ports: [443] },
            { service: "s3", host: "s3.example.internal", ports: [443] },
            { service: "s3", host: "my-bucket.s3.example.internal", ports: [443] },
        ]);
    });

    it("a plan without a hub, or naming a hub it does not hold, is refused with a message saying so", () => {
        assert.throws(() => checkPaths([], {}), { message: "path checks need a hub stack" });
        const spokeOnly = stacks().filter(s => s.role === "spoke");
        assert.throws(() => new Network(spokeOnly, {}), { message: "path checks need a hub stack" });
        assert.throws(() => new Network(stacks(), {}, "nope"), { message: "path checks: no hub stack nope" });
    });
});

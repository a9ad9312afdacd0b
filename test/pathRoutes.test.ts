// The network path of a check (lib/checks/routes.ts): a spoke's route to the hub's endpoint
// addresses over peering or the Transit Gateway and the way back (IPv4 and IPv6), and on-prem's
// way back over the VPN. Plans are hand-built here, a few resources each: every expected
// reason and hop is written from the case at hand, naming the missing piece a user must add.
import * as assert from "assert";
import type { PlannedResource, PlannedStack } from "../lib/model";
import { Network, Source, Trace } from "../lib/checks/network";
import { onPremReaches, spokeReaches, spokeReachesIp6 } from "../lib/checks/routes";

const HUB = "vpc-hub";
const S1 = "vpc-s1";
const TGW = "tgw-1";
const HUB6 = "2600:1f18:aaaa:100::/56";
const BLOCK6 = "2600:1f18:bbbb:200::/56";
const IP6 = "2600:1f18:aaaa:100::10";

const T = {
    route: "aws:ec2/route:Route",
    pcx: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    attach: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    assoc: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    prop: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    pl: "aws:ec2/managedPrefixList:ManagedPrefixList",
    vgw: "aws:ec2/vpnGateway:VpnGateway",
    vgwProp: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    vpnRoute: "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
};

let seq = 0;
function r(type: string, inputs: Record<string, any>, id = `r-${seq++}`, name = id): PlannedResource {
    return { urn: `urn:pulumi:x::vpce-hub::${type}::${name}`, type, name, id, inputs, outputs: {} };
}

/** A hub (10.0.0.0/16, route table rtb-hub) and spoke s1 (10.1.0.0/16, rtb-s1), with the given resources. */
function plan(hub: PlannedResource[], spoke: PlannedResource[] = [], onPrem?: Record<string, any>): Network {
    const hubConfig = {
        role: "hub", stack: "shared", vpc: { kind: "existing", id: HUB, cidr: "10.0.0.0/16", ipv6Cidr: HUB6, subnetIds: [], routeTableIds: ["rtb-hub"] },
        services: [], spokes: [{ name: "s1", accountId: "111111111111", vpcId: S1, cidr: "10.1.0.0/16", connectivity: "peering", ipv6Cidrs: [BLOCK6] }],
        ...(onPrem ? { onPrem } : {}),
    } as any;
    const spokeConfig = { role: "spoke", stack: "s1", hubStack: "acme/vpce-hub/shared", vpc: { kind: "existing", id: S1, cidr: "10.1.0.0/16", subnetIds: [], routeTableIds: ["rtb-s1"] } } as any;
    const stacks: PlannedStack[] = [
        { stack: "shared", role: "hub", accountId: "111111111111", region: "ap-northeast-1", config: hubConfig, resources: hub, outputs: { vpcId: HUB, routeTableIds: ["rtb-hub"] } },
        { stack: "s1", role: "spoke", accountId: "111111111111", region: "ap-northeast-1", config: spokeConfig, resources: spoke, outputs: {} },
    ];
    return new Network(stacks, {});
}

const SRC: Source = { name: "s1", cidr: "10.1.0.0/16", dnsVpcId: S1, vpcId: S1, routeTableIds: ["rtb-s1"] };
const ON_PREM: Source = { name: "on-prem", cidr: "192.168.0.0/16", dnsVpcId: HUB, routeTableIds: [] };

function reach(net: Network, ips = ["10.0.1.10"]): { ok: boolean; reason: string; path: string[] } {
    const t = new Trace();
    const ok = spokeReaches(net, SRC, ips, t);
    return { ok, reason: t.reason, path: t.path };
}

function reach6(net: Network): { ok: boolean; reason: string; path: string[] } {
    const t = new Trace();
    const ok = spokeReachesIp6(net, SRC, BLOCK6, "rtb-s1", IP6, t);
    return { ok, reason: t.reason, path: t.path };
}

function onPrem(net: Network): { ok: boolean; reason: string; path: string[] } {
    const t = new Trace();
    const ok = onPremReaches(net, ON_PREM, t);
    return { ok, reason: t.reason, path: t.path };
}

const peering = (vpcId: string, peerVpcId: string, id = "pcx-1") => r(T.pcx, { vpcId, peerVpcId, autoAccept: true }, id);
const route = (routeTableId: string, destinationCidrBlock: string, target: Record<string, string>) => r(T.route, { routeTableId, destinationCidrBlock, ...target });
const route6 = (routeTableId: string, destinationIpv6CidrBlock: string, target: Record<string, string>) => r(T.route, { routeTableId, destinationIpv6CidrBlock, ...target });

/** The Transit Gateway both ways: the spoke's attachment in the spokes table, the hub's in the hub table, each propagating into the other's. */
function tgw(o: { hubAssoc?: boolean; spokeAssoc?: boolean; spokeProp?: boolean; hubProp?: boolean; ipv6?: { hub: boolean; spoke: boolean } } = {}): { hub: PlannedResource[]; spoke: PlannedResource[] } {
    const att = (vpcId: string, id: string, ipv6: boolean) => r(T.attach, {
        transitGatewayId: TGW, vpcId, transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false, ...(ipv6 ? { ipv6Support: "enable" } : {}),
    }, id);
    const hub = [
        att(HUB, "tgw-attach-hub", o.ipv6?.hub ?? true),
        ...(o.hubAssoc === false ? [] : [r(T.assoc, { transitGatewayAttachmentId: "tgw-attach-hub", transitGatewayRouteTableId: "tgw-rtb-hub" })]),
        ...(o.hubProp === false ? [] : [r(T.prop, { transitGatewayAttachmentId: "tgw-attach-hub", transitGatewayRouteTableId: "tgw-rtb-spokes" })]),
        ...(o.spokeAssoc === false ? [] : [r(T.assoc, { transitGatewayAttachmentId: "tgw-attach-s1", transitGatewayRouteTableId: "tgw-rtb-spokes" })]),
        ...(o.spokeProp === false ? [] : [r(T.prop, { transitGatewayAttachmentId: "tgw-attach-s1", transitGatewayRouteTableId: "tgw-rtb-hub" })]),
    ];
    return { hub, spoke: [att(S1, "tgw-attach-s1", o.ipv6?.spoke ?? true)] };
}

describe("a spoke's IPv4 path to the hub's endpoints and back (lib/checks/routes.ts)", () => {
    it("a peering the spoke requested (spoke VPC first, the hub as its peer) carries it to the hub and back, hop by hop", () => {
        const res = reach(plan(
            [peering(S1, HUB), route("rtb-hub", "10.1.0.0/16", { vpcPeeringConnectionId: "pcx-1" })],
            [route("rtb-s1", "10.0.0.0/16", { vpcPeeringConnectionId: "pcx-1" })]));
        assert.deepStrictEqual(res, { ok: true, reason: "", path: ["route rtb-s1: 10.0.0.0/16 via pcx-1 (accepted)", "return: hub route tables rtb-hub -> 10.1.0.0/16 via pcx-1"] });
    });

    it("a route over a peering that does not join the spoke and the hub fails, naming the route and the peering", () => {
        // Each way round: the spoke with another VPC, another VPC with the hub.
        for (const [a, b] of [[S1, "vpc-other"], ["vpc-other", HUB], [HUB, "vpc-other"], ["vpc-other", S1]]) {
            const res = reach(plan(
                [peering(a, b), route("rtb-hub", "10.1.0.0/16", { vpcPeeringConnectionId: "pcx-1" })],
                [route("rtb-s1", "10.0.0.0/16", { vpcPeeringConnectionId: "pcx-1" })]));
            assert.deepStrictEqual(res, { ok: false, reason: "route 10.0.0.0/16 in rtb-s1 points at pcx-1, which does not join s1 and the hub", path: [] }, `${a} -> ${b}`);
        }
    });

    it("a spoke without an attachment to the Transit Gateway its route names fails, naming the gateway", () => {
        const res = reach(plan([], [route("rtb-s1", "10.0.0.0/16", { transitGatewayId: TGW })]));
        assert.deepStrictEqual(res, { ok: false, reason: "s1 has no attachment to tgw-1", path: [] });
    });

    it("a spoke attachment associated with no TGW route table fails, naming the attachment", () => {
        const g = tgw({ spokeAssoc: false });
        const res = reach(plan(g.hub, [...g.spoke, route("rtb-s1", "10.0.0.0/16", { transitGatewayId: TGW })]));
        assert.deepStrictEqual(res, { ok: false, reason: "attachment tgw-attach-s1 of s1 is associated with no TGW route table", path: [] });
    });

    it("a spokes table that does not learn the hub (no hub propagation) fails, naming the table and the address", () => {
        const g = tgw({ hubProp: false });
        const res = reach(plan(g.hub, [...g.spoke, route("rtb-s1", "10.0.0.0/16", { transitGatewayId: TGW })]));
        assert.deepStrictEqual(res, { ok: false, reason: "TGW route table tgw-rtb-spokes has no route to 10.0.1.10 through the hub attachment", path: [] });
    });

    it("a hub TGW table without the spoke's propagation has no way back: the reason names the table and the attachment", () => {
        const g = tgw({ spokeProp: false });
        const res = reach(plan([...g.hub, route("rtb-hub", "10.1.0.0/16", { transitGatewayId: TGW })], [...g.spoke, route("rtb-s1", "10.0.0.0/16", { transitGatewayId: TGW })]));
        assert.strictEqual(res.ok, false);
        assert.strictEqual(res.reason, "TGW route table tgw-rtb-hub of the hub attachment has no return route to 10.1.0.0/16 (spoke attachment tgw-attach-s1 does not propagate into it)");
    });

    it("a hub attachment associated with no TGW table has no way back: the reason says (none)", () => {
        const g = tgw({ hubAssoc: false });
        const res = reach(plan([...g.hub, route("rtb-hub", "10.1.0.0/16", { transitGatewayId: TGW })], [...g.spoke, route("rtb-s1", "10.0.0.0/16", { transitGatewayId: TGW })]));
        assert.strictEqual(res.reason, "TGW route table (none) of the hub attachment has no return route to 10.1.0.0/16 (spoke attachment tgw-attach-s1 does not propagate into it)");
    });

    it("a hub return route to a prefix list without the spoke names that list only, not other tables' or other targets' lists", () => {
        const g = tgw();
        const res = reach(plan([
            ...g.hub,
            r(T.pl, { name: "spokes", addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "10.9.0.0/16" }] }, "pl-spokes", "spokes"),
            r(T.pl, { name: "peers", addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "10.8.0.0/16" }] }, "pl-peers", "peers"),
            r(T.pl, { name: "hub", addressFamily: "IPv4", maxEntries: 5, entries: [{ cidr: "10.0.0.0/16" }] }, "pl-hub", "hub"),
            r(T.route, { routeTableId: "rtb-hub", destinationPrefixListId: "pl-spokes", transitGatewayId: TGW }),
            r(T.route, { routeTableId: "rtb-hub", destinationPrefixListId: "pl-peers", vpcPeeringConnectionId: "pcx-9" }),
        ], [...g.spoke, r(T.route, { routeTableId: "rtb-s1", destinationPrefixListId: "pl-hub", transitGatewayId: TGW })]));
        assert.deepStrictEqual(res, {
            ok: false,
            reason: "hub route table rtb-hub has no return route to 10.1.0.0/16 via tgw-1: prefix list pl-spokes (spokes) has no entry covering s1 10.1.0.0/16",
            path: ["route rtb-s1: 10.0.0.0/16 via tgw-1 -> table tgw-rtb-spokes -> attachment tgw-attach-hub (hub)"],
        });
    });

    it("a route to the hub through neither a peering nor the Transit Gateway fails, naming the route", () => {
        const res = reach(plan([], [route("rtb-s1", "10.0.0.0/16", { gatewayId: "vgw-9" })]));
        assert.deepStrictEqual(res, { ok: false, reason: "route 10.0.0.0/16 in rtb-s1 has no peering or Transit Gateway target", path: [] });
    });
});

describe("on-prem's way back over the VPN (lib/checks/routes.ts)", () => {
    const base = { cidrs: ["192.168.0.0/16"], dnsServerCidrs: ["192.168.0.0/16"] };

    it("without any VPN gateway known, a hub table with no propagation names the gateway the hub would create", () => {
        const res = onPrem(plan([], [], base));
        assert.deepStrictEqual(res, { ok: false, reason: "hub route table rtb-hub has no route back to on-prem 192.168.0.0/16 (missing VPN gateway route propagation from (created VPN gateway))", path: [] });
    });

    it("a hub table propagating from another gateway only says which one, and that it is not the hub's", () => {
        const res = onPrem(plan([r(T.vgwProp, { vpnGatewayId: "vgw-other", routeTableId: "rtb-hub" })], [], { ...base, vpnGatewayId: "vgw-hub" }));
        assert.strictEqual(res.reason, "hub route table rtb-hub has no route back to on-prem 192.168.0.0/16 (missing VPN gateway route propagation from vgw-hub; it propagates only from vgw-other, which is not the hub's VPN gateway)");
        const two = onPrem(plan([
            r(T.vgwProp, { vpnGatewayId: "vgw-a", routeTableId: "rtb-hub" }), r(T.vgwProp, { vpnGatewayId: "vgw-b", routeTableId: "rtb-hub" }),
        ], [], { ...base, vpnGatewayId: "vgw-hub" }));
        assert.match(two.reason, /; it propagates only from vgw-a, vgw-b, which is not the hub's VPN gateway\)$/);
    });

    it("a created VPN carries only networks its static routes cover: a narrower or another block fails, the same block passes", () => {
        const vpn = (destination: string) => plan([
            r(T.vgw, { vpcId: HUB }, "vgw-1"),
            r(T.vgwProp, { vpnGatewayId: "vgw-1", routeTableId: "rtb-hub" }),
            r(T.vpnRoute, { destinationCidrBlock: destination, vpnConnectionId: "vpn-1" }),
        ], [], { ...base, customerGateway: { ip: "203.0.113.1", bgpAsn: 65000 } });
        for (const narrower of ["192.168.0.0/24", "172.16.0.0/16"]) {
            assert.deepStrictEqual(onPrem(vpn(narrower)), { ok: false, reason: "the hub's VPN connection has no static route to on-prem 192.168.0.0/16 (missing VpnConnectionRoute)", path: [] }, narrower);
        }
        assert.deepStrictEqual(onPrem(vpn("192.168.0.0/16")), { ok: true, reason: "", path: ["VPN vgw-1: hub route tables rtb-hub route 192.168.0.0/16 back to on-prem"] });
    });

    it("a static hub route to the hub's gateway brings on-prem back only where it covers the whole on-prem block", () => {
        const statics = (destination: string) => plan([route("rtb-hub", destination, { gatewayId: "vgw-hub" })], [], { ...base, vpnGatewayId: "vgw-hub" });
        assert.strictEqual(onPrem(statics("192.168.0.0/16")).ok, true);
        for (const other of ["192.168.0.0/17", "172.16.0.0/16"]) {
            assert.strictEqual(onPrem(statics(other)).reason, "hub route table rtb-hub has no route back to on-prem 192.168.0.0/16 (missing VPN gateway route propagation from vgw-hub)", other);
        }
    });
});

describe("a spoke's IPv6 path to the hub's endpoints and back (lib/checks/routes.ts)", () => {
    const peered = (pcx: PlannedResource, hubRoutes: PlannedResource[] = [route6("rtb-hub", BLOCK6, { vpcPeeringConnectionId: "pcx-1" })]) =>
        plan([pcx, ...hubRoutes], [route6("rtb-s1", HUB6, { vpcPeeringConnectionId: "pcx-1" })]);

    it("over a peering either way round, the IPv6 route and its return pass, in one hop", () => {
        for (const [a, b] of [[S1, HUB], [HUB, S1]]) {
            assert.deepStrictEqual(reach6(peered(peering(a, b))), { ok: true, reason: "", path: [`route rtb-s1: ${HUB6} via pcx-1; return ${BLOCK6} via pcx-1`] }, `${a} -> ${b}`);
        }
    });

    it("the longest IPv6 route wins: a wider route elsewhere, listed first, does not take the hub's block", () => {
        const net = plan([peering(HUB, S1), route6("rtb-hub", BLOCK6, { vpcPeeringConnectionId: "pcx-1" })],
            [route6("rtb-s1", "2600:1f18::/32", { transitGatewayId: TGW }), route6("rtb-s1", HUB6, { vpcPeeringConnectionId: "pcx-1" }),
                // The same two routes the other way round, in another table.
                route6("rtb-s2", HUB6, { vpcPeeringConnectionId: "pcx-1" }), route6("rtb-s2", "2600:1f18::/32", { transitGatewayId: TGW })]);
        assert.strictEqual(reach6(net).ok, true, reach6(net).reason);
        assert.strictEqual(net.route6("rtb-s1", IP6)?.destination, HUB6);
        assert.strictEqual(net.route6("rtb-s2", IP6)?.destination, HUB6);
        assert.strictEqual(net.route6("rtb-s1", "2600:1f18:cccc::1")?.destination, "2600:1f18::/32");
    });

    it("an IPv6 route over a peering that does not join the spoke and the hub fails, naming route and peering", () => {
        for (const [a, b] of [[S1, "vpc-other"], ["vpc-other", HUB], [HUB, "vpc-other"], ["vpc-other", S1]]) {
            assert.deepStrictEqual(reach6(peered(peering(a, b))), { ok: false, reason: `IPv6 route ${HUB6} in rtb-s1 points at pcx-1, which does not join s1 and the hub`, path: [] }, `${a} -> ${b}`);
        }
    });

    it("an IPv6 route over a peering nobody accepted fails, naming the missing accepter", () => {
        const res = reach6(peered(r(T.pcx, { vpcId: HUB, peerVpcId: S1 }, "pcx-1")));
        assert.deepStrictEqual(res, { ok: false, reason: "peering pcx-1 is not accepted (missing the VpcPeeringConnectionAccepter in s1)", path: [] });
    });

    it("a hub table whose IPv6 route to the block has another target, sits in another table, or misses the block has no IPv6 way back", () => {
        const missing = { ok: false, reason: `hub route table rtb-hub has no IPv6 return route to ${BLOCK6} via pcx-1`, path: [] };
        assert.deepStrictEqual(reach6(peered(peering(HUB, S1), [route6("rtb-hub", BLOCK6, { vpcPeeringConnectionId: "pcx-9" })])), missing, "another target");
        assert.deepStrictEqual(reach6(peered(peering(HUB, S1), [route6("rtb-other", BLOCK6, { vpcPeeringConnectionId: "pcx-1" })])), missing, "another table");
        assert.deepStrictEqual(reach6(peered(peering(HUB, S1), [route6("rtb-hub", "2600:1f18:dddd:200::/56", { vpcPeeringConnectionId: "pcx-1" })])), missing, "another block");
    });

    it("an IPv6 route with neither a peering nor a Transit Gateway target fails, naming the route", () => {
        const res = reach6(plan([], [route6("rtb-s1", HUB6, { egressOnlyGatewayId: "eigw-1" })]));
        assert.deepStrictEqual(res, { ok: false, reason: `IPv6 route ${HUB6} in rtb-s1 has no peering or Transit Gateway target`, path: [] });
    });

    const viaTgw = (g: { hub: PlannedResource[]; spoke: PlannedResource[] }, hubRoutes = [route6("rtb-hub", BLOCK6, { transitGatewayId: TGW })]) =>
        reach6(plan([...g.hub, ...hubRoutes], [...g.spoke, route6("rtb-s1", HUB6, { transitGatewayId: TGW })]));

    it("over the Transit Gateway with ipv6Support on both attachments, IPv6 passes, naming both attachments", () => {
        assert.deepStrictEqual(viaTgw(tgw()), { ok: true, reason: "", path: [`route rtb-s1: ${HUB6} via tgw-1 (attachments tgw-attach-s1, tgw-attach-hub with ipv6Support); return ${BLOCK6}`] });
    });

    it("IPv6 over the Transit Gateway fails without the spoke's attachment, or when the spoke's TGW table does not lead to the hub", () => {
        assert.strictEqual(viaTgw({ hub: [], spoke: [] }).reason, "s1 has no attachment to tgw-1");
        assert.strictEqual(viaTgw(tgw({ spokeAssoc: false })).reason, "TGW route table (none) of s1's attachment does not lead to the hub attachment");
        assert.strictEqual(viaTgw(tgw({ hubProp: false })).reason, "TGW route table tgw-rtb-spokes of s1's attachment does not lead to the hub attachment");
    });

    it("IPv6 over the Transit Gateway fails when the hub's TGW table does not lead back to the spoke's attachment", () => {
        assert.strictEqual(viaTgw(tgw({ spokeProp: false })).reason, "TGW route table tgw-rtb-hub of the hub attachment does not lead back to s1's attachment tgw-attach-s1");
        assert.strictEqual(viaTgw(tgw({ hubAssoc: false })).reason, "TGW route table (none) of the hub attachment does not lead back to s1's attachment tgw-attach-s1");
    });

    it("an attachment without ipv6Support, the spoke's or the hub's, carries no IPv6: the reason names it", () => {
        assert.deepStrictEqual(viaTgw(tgw({ ipv6: { hub: true, spoke: false } })), { ok: false, reason: "TGW attachment tgw-attach-s1 (vpc-s1) has no ipv6Support: the Transit Gateway carries no IPv6 through it", path: [] });
        assert.deepStrictEqual(viaTgw(tgw({ ipv6: { hub: false, spoke: true } })), { ok: false, reason: "TGW attachment tgw-attach-hub (vpc-hub) has no ipv6Support: the Transit Gateway carries no IPv6 through it", path: [] });
    });

    it("over the Transit Gateway, a hub table without an IPv6 route back via the gateway fails", () => {
        assert.deepStrictEqual(viaTgw(tgw(), [route6("rtb-hub", BLOCK6, { vpcPeeringConnectionId: "pcx-1" })]),
            { ok: false, reason: `hub route table rtb-hub has no IPv6 return route to ${BLOCK6} via tgw-1`, path: [] });
    });
});

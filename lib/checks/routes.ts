// The network path from a consumer to the hub's endpoint addresses and back: VPC routes,
// peering, Transit Gateway tables, return routes (IPv4 and IPv6), and on-prem over the VPN.
import { parseCidr } from "../net/cidr";
import { within6 } from "../net/ipv6";
import { CidrTable } from "../net/cidrTable";
import { Network, Source, Trace, VpcRoute, VpcRoute6 } from "./network";

/** True when block `inner` lies inside `outer`; false when either is not a CIDR block. */
function inside(inner: string, outer: string): boolean {
    const i = parseCidr(inner);
    const o = parseCidr(outer);
    return typeof i !== "string" && typeof o !== "string" && i.prefix >= o.prefix && i.network.match(o.network, o.prefix);
}

/**
 * Whether a route table sends every address of `cidr` by a route `ok` accepts: the longest
 * route holding the whole block, and every more specific route inside the block.
 */
function routesWholeBlock(routes: CidrTable<VpcRoute>, cidr: string, ok: (r: VpcRoute) => boolean): boolean {
    const covering = routes.longestCovering(cidr);
    return covering !== undefined && ok(covering) && routes.inside(cidr).every(r => r === covering || ok(r));
}

/** From a spoke's route tables to every address of the answer in the hub, and back. */
export function spokeReaches(net: Network, src: Source, ips: readonly string[], t: Trace): boolean {
    for (const rtId of src.routeTableIds) {
        for (const ip of ips) {
            if (!spokeReachesIp(net, src, rtId, ip, t)) return false;
        }
    }
    return true;
}

/** From one route table of a spoke to `ip` in the hub; the way back covers the spoke's whole CIDR. */
function spokeReachesIp(net: Network, src: Source, rtId: string, ip: string, t: Trace): boolean {
    const route = net.routeTable(rtId).longestMatch(ip);
    if (!route) return t.fail(`route table ${rtId} of ${src.name} has no route to ${ip} (hub ${net.hub.vpc.cidr})`);
    if (route.peeringId) {
        const p = net.peerings.get(route.peeringId);
        const joins = p && ((p.vpcId === src.vpcId && p.peerVpcId === net.hubVpcId) || (p.peerVpcId === src.vpcId && p.vpcId === net.hubVpcId));
        if (!joins) return t.fail(`route ${route.destination} in ${rtId} points at ${route.peeringId}, which does not join ${src.name} and the hub`);
        if (!p!.accepted) return t.fail(`peering ${route.peeringId} is not accepted (missing the VpcPeeringConnectionAccepter in ${src.name})`);
        t.hop(`route ${rtId}: ${route.destination} via ${route.peeringId} (accepted)`);
        for (const hubRt of net.hubRouteTableIds) {
            if (!routesWholeBlock(net.routeTable(hubRt), src.cidr, r => r.peeringId === route.peeringId)) {
                return t.fail(`hub route table ${hubRt} has no return route to ${src.cidr} via ${route.peeringId}`);
            }
        }
        t.hop(`return: hub route tables ${net.hubRouteTableIds.join(", ")} -> ${src.cidr} via ${route.peeringId}`);
    } else if (route.transitGatewayId) {
        const from = net.attachmentOf(src.vpcId!, route.transitGatewayId);
        if (!from) return t.fail(`${src.name} has no attachment to ${route.transitGatewayId}`);
        const { table, to } = net.tgwNextHop(from, ip);
        if (!table) return t.fail(`attachment ${from.id} of ${src.name} is associated with no TGW route table`);
        if (!to || to.vpcId !== net.hubVpcId) return t.fail(`TGW route table ${table} has no route to ${ip} through the hub attachment`);
        t.hop(`route ${rtId}: ${route.destination} via ${route.transitGatewayId} -> table ${table} -> attachment ${to.id} (hub)`);
        const back = net.tgwBlockHop(to, src.cidr);
        const hijacker = net.tgwHijacker(to, src.cidr);
        if (hijacker) {
            return t.fail(`hijacked: TGW route table ${back.table} of the hub attachment sends ${hijacker.cidr} (inside ${src.name}'s ${src.cidr}) to attachment ${hijacker.id} ` +
                `of VPC ${hijacker.vpcId} (account ${hijacker.unregistered!.accountId}), which no spoke registers: the hub's replies to those addresses go there`);
        }
        if (!back.to || back.to.id !== from.id) {
            return t.fail(`TGW route table ${back.table ?? "(none)"} of the hub attachment has no return route to ${src.cidr} (spoke attachment ${from.id} does not propagate into it)`);
        }
        for (const hubRt of net.hubRouteTableIds) {
            if (!routesWholeBlock(net.routeTable(hubRt), src.cidr, r => r.transitGatewayId === route.transitGatewayId)) {
                const lists = net.listRoutesOf(hubRt).filter(r => r.transitGatewayId === route.transitGatewayId).map(r => r.prefixListId!);
                return t.fail(`hub route table ${hubRt} has no return route to ${src.cidr} via ${route.transitGatewayId}` + net.prefixListGap(lists, src.name, src.cidr));
            }
        }
        t.hop(`return: TGW table ${back.table} -> ${from.id}; hub route tables -> ${src.cidr} via ${route.transitGatewayId}`);
    } else {
        return t.fail(`route ${route.destination} in ${rtId} has no peering or Transit Gateway target`);
    }
    return true;
}

export function firstHost(cidr: string): string {
    return cidr.split("/")[0];
}

/**
 * On-prem reaches the hub VPC over the VPN; the hub route tables must know the way back, by
 * propagation from (or a static route to) the hub's own VPN gateway: another gateway's
 * routes lead elsewhere.
 */
export function onPremReaches(net: Network, src: Source, t: Trace): boolean {
    const vgws = net.vpnGatewayIds;
    const vgw = vgws.size ? [...vgws].join(", ") : "(created VPN gateway)";
    // A VPN the hub created routes statically: the tunnel carries only the declared networks.
    if (net.hub.onPrem?.customerGateway && !net.vpnRoutes.some(d => inside(src.cidr, d))) {
        return t.fail(`the hub's VPN connection has no static route to on-prem ${src.cidr} (missing VpnConnectionRoute)`);
    }
    for (const hubRt of net.hubRouteTableIds) {
        const propagations = net.vgwPropagations.filter(p => p.routeTableId === hubRt);
        const propagated = propagations.some(p => vgws.has(p.vpnGatewayId));
        const staticRoute = net.routesOf(hubRt).some(r => r.vpnGatewayId !== undefined && vgws.has(r.vpnGatewayId) && inside(src.cidr, r.destination));
        if (!propagated && !staticRoute) {
            const others = propagations.length ? `; it propagates only from ${propagations.map(p => p.vpnGatewayId).join(", ")}, which is not the hub's VPN gateway` : "";
            return t.fail(`hub route table ${hubRt} has no route back to on-prem ${src.cidr} (missing VPN gateway route propagation from ${vgw}${others})`);
        }
    }
    t.hop(`VPN ${vgw}: hub route tables ${net.hubRouteTableIds.join(", ")} route ${src.cidr} back to on-prem`);
    return true;
}

/** From one route table of a spoke to the IPv6 address `ip` in the hub, and back to `block`. */
export function spokeReachesIp6(net: Network, src: Source, block: string, rtId: string, ip: string, t: Trace): boolean {
    const route = net.route6(rtId, ip);
    if (!route) return t.fail(`route table ${rtId} of ${src.name} has no IPv6 route to ${ip}`);
    const back = (ok: (r: VpcRoute6) => boolean, via: string): boolean => {
        for (const hubRt of net.hubRouteTableIds) {
            if (!net.routes6.some(r => r.routeTableId === hubRt && ok(r) && within6(block, r.destination))) {
                return t.fail(`hub route table ${hubRt} has no IPv6 return route to ${block} via ${via}`);
            }
        }
        return true;
    };
    if (route.peeringId) {
        const p = net.peerings.get(route.peeringId);
        const joins = p && ((p.vpcId === src.vpcId && p.peerVpcId === net.hubVpcId) || (p.peerVpcId === src.vpcId && p.vpcId === net.hubVpcId));
        if (!joins) return t.fail(`IPv6 route ${route.destination} in ${rtId} points at ${route.peeringId}, which does not join ${src.name} and the hub`);
        if (!p!.accepted) return t.fail(`peering ${route.peeringId} is not accepted (missing the VpcPeeringConnectionAccepter in ${src.name})`);
        if (!back(r => r.peeringId === route.peeringId, route.peeringId)) return false;
        t.hop(`route ${rtId}: ${route.destination} via ${route.peeringId}; return ${block} via ${route.peeringId}`);
        return true;
    }
    if (route.transitGatewayId) {
        const from = net.attachmentOf(src.vpcId!, route.transitGatewayId);
        if (!from) return t.fail(`${src.name} has no attachment to ${route.transitGatewayId}`);
        const { table, to } = net.tgwNextHop(from, firstHost(net.hub.vpc.cidr));
        if (!to || to.vpcId !== net.hubVpcId) return t.fail(`TGW route table ${table ?? "(none)"} of ${src.name}'s attachment does not lead to the hub attachment`);
        const ret = net.tgwBlockHop(to, src.cidr);
        if (!ret.to || ret.to.id !== from.id) return t.fail(`TGW route table ${ret.table ?? "(none)"} of the hub attachment does not lead back to ${src.name}'s attachment ${from.id}`);
        for (const a of [from, to]) {
            if (!net.ipv6Attachments.has(a.id)) return t.fail(`TGW attachment ${a.id} (${a.vpcId}) has no ipv6Support: the Transit Gateway carries no IPv6 through it`);
        }
        if (!back(r => r.transitGatewayId === route.transitGatewayId, route.transitGatewayId)) return false;
        t.hop(`route ${rtId}: ${route.destination} via ${route.transitGatewayId} (attachments ${from.id}, ${to.id} with ipv6Support); return ${block}`);
        return true;
    }
    return t.fail(`IPv6 route ${route.destination} in ${rtId} has no peering or Transit Gateway target`);
}

/** True when the two blocks share an address; false when either is not a CIDR block. */
export function overlapsBlock(a: string, b: string): boolean {
    return inside(a, b) || inside(b, a);
}

// `vpce-hub:onPrem`: on-premises networks reaching the hub over VPN, their DNS servers and
// the Resolver inbound endpoint they query. Pure: no Pulumi import.
import { coversEveryAddress, isIpv4, within } from "../net/cidr";
import { HUB_SCHEMA, keysOf } from "./schema";
import { DEFAULT_QUOTAS, OnPrem } from "./model";
import { plural } from "../text";
import type { ConnectionTracking } from "../aws/securityGroups";
import { Reader, id, key, typeName } from "./reader";

/** `maxResolverIps`: the account's "IP addresses per Resolver endpoint" (6 unless raised, `vpce-hub:quotas`). */
export function readOnPrem(r: Reader, v: unknown, maxResolverIps = DEFAULT_QUOTAS.resolverIpsPerEndpoint): OnPrem | undefined {
    const k = key("onPrem");
    const o = r.obj(k, v, keysOf(HUB_SCHEMA, "onPrem"));
    if (!o) return undefined;
    const cidrList = o.cidrs === undefined ? r.fail(`${k}.cidrs`, "is required: the on-premises networks") : r.list(`${k}.cidrs`, o.cidrs, 1);
    const cidrs = cidrList?.map((c, i) => r.cidr(`${k}.cidrs[${i}]`, c));
    const dnsList = o.dnsServerCidrs === undefined ? undefined : r.list(`${k}.dnsServerCidrs`, o.dnsServerCidrs, 1);
    const dnsServerCidrs = dnsList?.map((c, i) => r.cidr(`${k}.dnsServerCidrs[${i}]`, c));
    if (o.vpnGatewayId !== undefined && o.customerGateway !== undefined) {
        r.fail(k, "give either vpnGatewayId (an existing VPN) or customerGateway (a new one), not both");
    }
    if (o.vpnGatewayId === undefined && o.customerGateway === undefined) {
        r.fail(k, "needs vpnGatewayId (an existing virtual private gateway on the hub VPC) or customerGateway: { ip, bgpAsn }");
    }
    const vpnGatewayId = o.vpnGatewayId === undefined ? undefined : r.str(`${k}.vpnGatewayId`, o.vpnGatewayId, id("vgw"), "a virtual private gateway id (vgw-...)");
    let customerGateway: OnPrem["customerGateway"];
    if (o.customerGateway !== undefined) {
        const cg = r.obj(`${k}.customerGateway`, o.customerGateway, keysOf(HUB_SCHEMA, "onPrem", "customerGateway"));
        if (cg) {
            const ip = r.str(`${k}.customerGateway.ip`, cg.ip);
            if (ip !== undefined && !isIpv4(ip)) r.fail(`${k}.customerGateway.ip`, `"${ip}" is not an IPv4 address`);
            const bgpAsn = cg.bgpAsn === undefined ? 65000 : r.int(`${k}.customerGateway.bgpAsn`, cg.bgpAsn, 1, 4294967294);
            if (ip && isIpv4(ip) && bgpAsn) customerGateway = { ip, bgpAsn };
        }
    }
    let resolverAddresses: OnPrem["resolverAddresses"];
    if (o.resolverAddresses !== undefined) {
        const l = r.list(`${k}.resolverAddresses`, o.resolverAddresses, 2);
        if (l && l.length > maxResolverIps) {
            const declared = maxResolverIps === DEFAULT_QUOTAS.resolverIpsPerEndpoint ? "AWS's default" : `declared in ${key("quotas")}.resolverIpsPerEndpoint`;
            r.fail(`${k}.resolverAddresses`, `a Resolver endpoint holds at most ${maxResolverIps} addresses (quota "IP addresses per Resolver endpoint", ${declared}), got ${l.length}: ` +
                `ask AWS to raise it (adjustable), then set ${key("quotas")}.resolverIpsPerEndpoint`);
        }
        const out = l?.map((a, i) => {
            const ao = r.obj(`${k}.resolverAddresses[${i}]`, a, keysOf(HUB_SCHEMA, "onPrem", "resolverAddresses"));
            if (!ao) return undefined;
            const subnetId = r.str(`${k}.resolverAddresses[${i}].subnetId`, ao.subnetId, id("subnet"), "a subnet id (subnet-...)");
            const ip = r.str(`${k}.resolverAddresses[${i}].ip`, ao.ip);
            if (ip !== undefined && !isIpv4(ip)) return r.fail(`${k}.resolverAddresses[${i}].ip`, `"${ip}" is not an IPv4 address`);
            return subnetId && ip ? { subnetId, ip } : undefined;
        });
        if (out && out.every(Boolean)) {
            resolverAddresses = out as { subnetId: string; ip: string }[];
            if (new Set(resolverAddresses.map(a => a.subnetId)).size < 2) {
                r.fail(`${k}.resolverAddresses`, "all addresses are in one subnet: the Resolver needs addresses in at least 2 AZs");
            }
        }
    }
    if (!cidrs || cidrs.some(c => c === undefined) || (dnsServerCidrs && dnsServerCidrs.some(c => c === undefined))) return undefined;
    // The whole address space is no on-prem network: every endpoint and the Resolver would admit
    // any address, and the hub would send every address it has no better route for to the VPN.
    if (coversEveryAddress(cidrs as string[])) {
        return r.fail(`${k}.cidrs`, `${cidrs.length === 1 ? `${cidrs[0]} covers` : `${cidrs.join(", ")} together cover`} every IPv4 address: ` +
            `the endpoints' and the Resolver's security groups would admit the whole internet, and the hub would route every address it has no better route for to the VPN; ` +
            `list the on-premises networks themselves (e.g. 10.0.0.0/8, 192.168.0.0/16)`);
    }
    // The hub routes only `cidrs` back over the VPN: a DNS server elsewhere would send queries
    // the Resolver cannot answer back to.
    dnsServerCidrs?.forEach((c, i) => {
        if (!cidrs.some(o => within(c!, o!))) {
            r.fail(`${k}.dnsServerCidrs[${i}]`, `${c} is not within ${k}.cidrs (${cidrs.join(", ")}): the hub routes only those networks back over the VPN, so the Resolver's answers would not reach this DNS server`);
        }
    });
    const tracking = o.resolverConnectionTracking === undefined ? "tracked"
        : o.resolverConnectionTracking === "tracked" || o.resolverConnectionTracking === "untracked" ? o.resolverConnectionTracking as ConnectionTracking
            : r.fail(`${k}.resolverConnectionTracking`, `must be tracked (default: the on-prem DNS servers only, as low as about 1,500 queries/s per address) or untracked (AWS's rules for high query rates: 53 open to 0.0.0.0/0), got ${typeName(o.resolverConnectionTracking)}`);
    if (!tracking) return undefined;
    // Untracked opens 53 to 0.0.0.0/0: a list of DNS servers would narrow nothing, so it is refused
    // rather than kept as a promise the security group does not keep.
    if (tracking === "untracked" && o.dnsServerCidrs !== undefined) {
        return r.fail(`${k}.dnsServerCidrs`, `has no effect with ${k}.resolverConnectionTracking: untracked, whose security group admits TCP/UDP 53 from 0.0.0.0/0: ` +
            `every network routed to the hub VPC can query the Resolver, not only these DNS servers; remove dnsServerCidrs, or keep tracked (the default) to admit only them`);
    }
    return {
        cidrs: cidrs as string[], vpnGatewayId, customerGateway, resolverAddresses,
        dnsServerCidrs: (dnsServerCidrs ?? cidrs) as string[],
        resolverConnectionTracking: tracking,
    };
}

/**
 * Who can query the Resolver of an untracked hub: every network routed to the hub VPC (its
 * security group admits 53 from 0.0.0.0/0), listed with the hub's own networks.
 */
export function untrackedResolverReach(hub: {
    readonly onPrem?: { readonly cidrs: readonly string[] }; readonly vpcCidr: string; readonly spokes: readonly { readonly connectivity: string }[];
}): string {
    const by = (c: string) => hub.spokes.filter(s => s.connectivity === c).length;
    const parts = [
        ...(hub.onPrem ? [`on-prem ${hub.onPrem.cidrs.join(", ")}`] : []),
        `the hub VPC ${hub.vpcCidr}`,
        ...(by("peering") ? [`${plural(by("peering"), "spoke")} by peering`] : []),
        ...(by("transitGateway") ? [`${plural(by("transitGateway"), "spoke")} by Transit Gateway, and any other VPC attached to it`] : []),
    ];
    return parts.join("; ");
}

// Path checks: for every consumer (each spoke, and on-prem) and every service name, follow
// DNS the way Route 53 would answer that consumer, then the packets the way VPC routing,
// peering, Transit Gateway and security groups would carry them. Pure: it reads only the
// planned resources (inputs and simulated outputs) and the public DNS of endpoint names.
// A failing check names the missing piece, because in this design failures are silent:
// a missing zone association sends traffic to the public endpoint; a missing route times out.
//
// This module builds the checks; the concepts live beside it: lib/checks/network.ts (the
// indexed network, Source, Trace), lib/checks/dns.ts (Route 53's answer for a source),
// lib/checks/routes.ts (routes, peering, TGW, return routes, VPN), lib/checks/isolation.ts.
import { contains } from "../net/cidr";
import { contains6 } from "../net/ipv6";
import { WorkCounter } from "../net/cidrTable";
import { HubConfig } from "../config";
import { PathCheck, PlannedStack } from "../model";
import { Network, Source, Trace } from "./network";
import { DnsAnswer, describeSource, resolveName } from "./dns";
import { onPremReaches, spokeReaches, spokeReachesIp6 } from "./routes";
import { checkCrossHub, checkIsolation } from "./isolation";
import { ownAnswer } from "./ownEndpoints";

export { Network } from "./network";

function checkService(net: Network, src: Source, service: string, host: string, ports: readonly number[]): PathCheck {
    const t = new Trace();
    const fail = (answer: string[] = []): PathCheck => ({ kind: "service", source: src.name, service, host, answer, verdict: "fail", reason: t.reason, path: t.path });
    if (!src.vpcId) {
        // On-prem DNS: forwarder -> Resolver inbound (over the VPN, admitted on 53) -> hub VPC zones.
        const resolver = net.resolvers[0];
        if (!resolver) { t.fail("no Resolver inbound endpoint in the hub: on-prem forwarders have nowhere to send queries"); return fail(); }
        if (!onPremReaches(net, src, t)) return fail();
        for (const cidr of net.hub.onPrem?.dnsServerCidrs ?? [src.cidr]) {
            for (const protocol of ["udp", "tcp"]) {
                if (!net.sgAdmits(resolver.sgIds, cidr, protocol, 53)) {
                    t.fail(`Resolver security group ${net.sgNames(resolver.sgIds)} does not admit on-prem DNS ${cidr} on ${protocol} 53`);
                    return fail();
                }
            }
        }
        t.hop(`forwarder -> Resolver inbound ${resolver.ips.join(", ")} (tcp+udp 53 admitted)`);
    }
    const resolved = resolveName(net, src, host, t);
    if (!resolved) return fail();
    const { ips: answer, endpoint } = resolved;
    // A member's own endpoint it declared (vpce-hub:existingEndpoints) answers in its own VPC.
    const own = ownAnswer(net, src, host, resolved);
    if (own) { t.hop(own); return { kind: "service", source: src.name, service, host, answer, verdict: "pass", reason: "", path: t.path }; }
    const elsewhere = answeredElsewhere(net, src, host, resolved);
    if (elsewhere) { t.fail(elsewhere); return fail(answer); }
    if (src.vpcId) {
        if (!spokeReaches(net, src, answer, t)) return fail(answer);
    } else {
        // The VPN delivers on-prem packets into the hub VPC; the way back was checked above.
        if (!answer.every(ip => contains(net.hub.vpc.cidr, ip))) { t.fail(`answer ${answer.join(", ")} is outside the hub VPC`); return fail(answer); }
    }
    for (const port of ports) {
        if (!net.sgAdmits(endpoint.sgIds, src.cidr, "tcp", port)) {
            t.fail(`${endpointGroups(net, endpoint.sgIds)} ${src.name} ${src.cidr} on tcp ${port}` +
                net.prefixListGap(net.sgPrefixLists(endpoint.sgIds), src.name, src.cidr));
            return fail(answer);
        }
    }
    t.hop(`security group admits ${src.cidr} on tcp ${ports.join(", ")} -> endpoint ${endpoint.id} (${endpoint.service})`);
    return { kind: "service", source: src.name, service, host, answer, verdict: "pass", reason: "", path: t.path };
}

/**
 * The IPv6 half of a dual-stack service's check, for one IPv6 block of a source: the AAAA
 * answer, the IPv6 routes there and back (peering; or the TGW, whose tables carry IPv6 for
 * attachments with ipv6Support, the same tables the IPv4 check follows), and the security
 * group's IPv6 rules. On-prem IPv6 arrives over Direct Connect on the hub's virtual private
 * gateway (a VPN on one carries IPv4 only); its DNS path is the IPv4 one, checked with A.
 */
function checkService6(net: Network, src: Source, block: string, service: string, host: string, ports: readonly number[]): PathCheck {
    const t = new Trace();
    const result = (verdict: "pass" | "fail", answer: string[] = []): PathCheck => ({
        kind: "service", recordType: "AAAA", source: src.name, service, host, answer, verdict, reason: verdict === "pass" ? "" : t.reason, path: t.path,
    });
    const hub6 = net.hub.vpc.kind === "existing" ? net.hub.vpc.ipv6Cidr : undefined;
    if (!src.vpcId && !net.resolvers.length) { t.fail("no Resolver inbound endpoint in the hub: on-prem forwarders have nowhere to send queries"); return result("fail"); }
    const resolved = resolveName(net, src, host, t, "AAAA");
    if (!resolved) return result("fail");
    const { ips: answer, endpoint } = resolved;
    const own = ownAnswer(net, src, host, resolved);
    if (own) { t.hop(own); return result("pass", answer); }
    const elsewhere = answeredElsewhere(net, src, host, resolved);
    if (elsewhere) { t.fail(elsewhere); return result("fail", answer); }
    if (!hub6 || !answer.every(ip => contains6(hub6, ip))) { t.fail(`AAAA answer ${answer.join(", ")} is outside the hub VPC's IPv6 block ${hub6 ?? "(none declared)"}`); return result("fail", answer); }
    if (src.vpcId) {
        for (const rtId of src.routeTableIds) {
            for (const ip of answer) if (!spokeReachesIp6(net, src, block, rtId, ip, t)) return result("fail", answer);
        }
    } else {
        const vgws = net.vpnGatewayIds;
        for (const hubRt of net.hubRouteTableIds) {
            if (!net.vgwPropagations.some(p => p.routeTableId === hubRt && vgws.has(p.vpnGatewayId))) {
                t.fail(`hub route table ${hubRt} learns no routes from the hub's virtual private gateway: no way back to on-prem ${block}`);
                return result("fail", answer);
            }
        }
        t.hop(`on-prem ${block} over Direct Connect on ${[...vgws].join(", ")}: hub route tables propagate its routes`);
    }
    for (const port of ports) {
        if (!net.sgAdmits6(endpoint.sgIds, block, "tcp", port)) {
            t.fail(`${endpointGroups(net, endpoint.sgIds)} ${src.name} ${block} on tcp ${port} (no IPv6 rule)`);
            return result("fail", answer);
        }
    }
    t.hop(`security group admits ${block} on tcp ${ports.join(", ")} -> endpoint ${endpoint.id} (${endpoint.service})`);
    return result("pass", answer);
}

/**
 * Why an answer does not lead to the hub: it is another VPC's endpoint, typically a member's own
 * endpoint (its private DNS, or its own zone aliasing it), which Route 53 prefers to the hub's
 * profile for the same name (local DNS settings take precedence). Undefined for a hub endpoint.
 */
function answeredElsewhere(net: Network, src: Source, host: string, a: DnsAnswer): string | undefined {
    if (a.endpoint.vpcId === net.hubVpcId) return undefined;
    const who = src.vpcId ? `${src.name}'s VPC ${src.dnsVpcId}` : `the hub VPC ${src.dnsVpcId}`;
    const hub = a.shadowed.filter(x => x.kind === "profile-zone" || x.kind === "profile-endpoint");
    const own = a.endpoint.vpcId === src.dnsVpcId;
    const precedence = a.source.kind.startsWith("local") && hub.length
        ? `, which takes precedence over ${hub.map(x => describeSource(x, net.endpoints)).join(", ")} (Route 53 Profiles: a VPC's local DNS settings win over its profile's for the same name)`
        : "";
    const wayOut = a.source.kind === "local-endpoint" ? `turn private DNS off on ${a.endpoint.id} (or remove it)`
        : a.source.kind === "local-zone" ? `disassociate zone ${a.source.name} (${a.source.zoneId}) from ${src.dnsVpcId}` : "remove it from the profile";
    return `${host} in ${who} is answered by ${describeSource(a.source, net.endpoints)}${precedence}: the answer is ${own ? `${src.name}'s own ` : ""}endpoint ` +
        `${a.endpoint.id} (${a.endpoint.service}) in ${a.endpoint.vpcId}, not the hub's, so traffic never reaches the hub; ${wayOut} to use the hub`;
}

/** Every name a service is reached by: each zone's apex, and a prefixed name where it has a wildcard. */
export function hostsOf(hub: HubConfig, zonesCreated?: ReadonlySet<string>): { service: string; host: string; ports: readonly number[] }[] {
    // A dual-stack zone exists only where AWS serves its name (lib/aws/endpointService.ts).
    return hub.services.flatMap(s => s.zones.filter(z => !z.ifServed || !zonesCreated || zonesCreated.has(z.name)).flatMap(z => [
        { service: s.name, host: z.name, ports: s.ports },
        ...(z.wildcard ? [{ service: s.name, host: `${z.examplePrefix ?? "example"}.${z.name}`, ports: s.ports }] : []),
    ]));
}

/**
 * Every hub's checks: its spokes and on-prem against its names, isolation among its spokes and
 * from every other hub. `isolationWork`, when given, counts the comparisons the isolation
 * proofs made (see checkIsolation).
 */
export function checkPaths(stacks: readonly PlannedStack[], publicDns: Record<string, string[]>, isolationWork?: WorkCounter, publicDns6: Record<string, string[]> = {}, established?: ReadonlySet<string>,
    /** Only this consumer's service checks (a stage of one member's retirement, lib/checks/retirement.ts). */
    onlySource?: string): PathCheck[] {
    const hubs = stacks.filter(s => s.role === "hub");
    if (!hubs.length) throw new Error("path checks need a hub stack");
    return hubs.flatMap(h => checkHubPaths(stacks, publicDns, h.stack, isolationWork ?? { comparisons: 0 }, publicDns6, established, onlySource));
}

function checkHubPaths(stacks: readonly PlannedStack[], publicDns: Record<string, string[]>, hubName: string, isolationWork: WorkCounter, publicDns6: Record<string, string[]>, established?: ReadonlySet<string>, onlySource?: string): PathCheck[] {
    const net = new Network(stacks, publicDns, hubName, publicDns6, established);
    const sources: Source[] = net.spokes.map(s => ({
        name: s.stack, cidr: s.config.vpc.cidr, dnsVpcId: s.config.vpc.id, vpcId: s.config.vpc.id, routeTableIds: s.config.vpc.routeTableIds,
    }));
    // Spokes the hub registers but the plan has no stack for get checked too: they will fail.
    for (const entry of net.hub.spokes) {
        if (!sources.some(s => s.name === entry.name)) {
            sources.push({ name: entry.name, cidr: entry.cidr, dnsVpcId: entry.vpcId, vpcId: entry.vpcId, routeTableIds: [] });
        }
    }
    const onPrem: Source[] = (net.hub.onPrem?.cidrs ?? []).map(cidr => ({ name: "on-prem", cidr, dnsVpcId: net.hubVpcId, routeTableIds: [] }));
    const hosts = hostsOf(net.hub, new Set(net.zones.map(z => z.name)));
    const checks: PathCheck[] = [];
    for (const src of [...sources, ...onPrem]) {
        if (onlySource !== undefined && src.name !== onlySource) continue;
        if (src.vpcId && !src.routeTableIds.length) {
            for (const h of hosts) {
                checks.push({ kind: "service", source: src.name, service: h.service, host: h.host, answer: [], verdict: "fail", reason: `the hub lists spoke ${src.name} but the plan has no stack Pulumi.${src.name}.yaml for it`, path: [] });
            }
            continue;
        }
        for (const h of hosts) checks.push(checkService(net, src, h.service, h.host, h.ports));
        // Dual-stack services: each IPv6 block the hub registered for the source resolves AAAA too.
        const blocks = src.vpcId ? net.hub.spokes.find(s => s.name === src.name)?.ipv6Cidrs ?? [] : src === onPrem[0] ? net.hub.onPrem?.ipv6Cidrs ?? [] : [];
        for (const block of blocks) {
            for (const h of hosts.filter(x => net.dualStackServices.has(x.service))) checks.push(checkService6(net, src, block, h.service, h.host, h.ports));
        }
    }
    // A service the catalog does not know: its checks prove names the plan assumed.
    const assumed = new Set(net.hub.services.filter(s => s.assumed).map(s => s.name));
    if (assumed.size) checks.forEach((c, i) => { if (assumed.has(c.service)) checks[i] = { ...c, assumed: true }; });
    if (onlySource !== undefined) return checks;
    const planned = sources.filter(s => s.routeTableIds.length);
    checks.push(...checkIsolation(net, planned, isolationWork));
    checks.push(...checkCrossHub(net, planned, stacks, isolationWork));
    // With several hubs each check says whose it is; one hub's plan reads as before.
    return stacks.some(s => s.role === "hub" && s.stack !== hubName) ? checks.map(c => ({ ...c, hub: hubName })) : checks;
}

/** "endpoint security group sg-1 (name) does not admit", or the plural for several groups. */
function endpointGroups(net: Network, sgIds: readonly string[]): string {
    return sgIds.length === 1 ? `endpoint security group ${net.sgNames(sgIds)} does not admit` : `endpoint security groups ${net.sgNames(sgIds)} do not admit`;
}

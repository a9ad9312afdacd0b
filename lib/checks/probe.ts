// The doctor's probe, the pure half: which names a deployed hub serves (from its outputs, as
// `pulumi stack output --json` prints them), where the probe runs (on-prem or in which VPC), and
// the verdict on what DNS, TCP and TLS answered for each name, with its likely cause. The I/O
// (DNS queries, connections, handshakes) is doctor/probe.ts; everything it observes comes here.
import { catalogPrivateDnsNames } from "../catalog/lookup";
import { contains, isIpv4, parseCidr } from "../net/cidr";
import { contains6, isIpv6 } from "../net/ipv6";
import { shortList } from "../text";
import type { HubOutputs } from "../model";

/** The label put in place of a wildcard: a name under `*.zone`, and an endpoint name's leading `*`. */
export const PROBE_LABEL = "vpce-hub-probe";

export type RecordType = "A" | "AAAA";

/** One name to probe. */
export interface ProbeTarget {
    readonly service: string;
    /** The name looked up: a zone's apex, or PROBE_LABEL under a wildcard zone. */
    readonly host: string;
    /** The zone (or private DNS name) that serves it. */
    readonly zone: string;
    /** The zone's id (absent for a name the endpoint's private DNS answers). */
    readonly zoneId?: string;
    readonly type: RecordType;
    /** The endpoint's regional DNS name with a label in place of a leading `*`: what its addresses are. */
    readonly endpointName: string;
    readonly endpointId: string;
}

/** An endpoint's regional DNS name as a name that resolves: S3's `*.vpce-...` gets a label. */
export function resolvableName(dnsName: string): string {
    return dnsName.startsWith("*.") ? `${PROBE_LABEL}.${dnsName.slice(2)}` : dnsName;
}

/**
 * Every name of every service (or of `only`), in the order the outputs list them: each zone's
 * apex and, under a wildcard, `vpce-hub-probe.<zone>`; with private DNS on, the names the
 * endpoint answers itself (the catalog's, which the outputs do not list); AAAA too where the
 * endpoint is dual-stack.
 */
export function probeTargets(hub: HubOutputs, only?: readonly string[]): ProbeTarget[] {
    const out: ProbeTarget[] = [];
    for (const [service, s] of Object.entries(hub.services)) {
        if (only && !only.includes(service)) continue;
        const names = s.zones.map(z => ({ name: z.name, wildcard: z.wildcard, id: z.id as string | undefined }));
        if (s.privateDns) {
            for (const n of catalogPrivateDnsNames(service, hub.region)) {
                if (!names.some(x => x.name === n.name)) names.push({ ...n, id: undefined });
            }
        }
        const types: RecordType[] = s.ipAddressType === "dualstack" ? ["A", "AAAA"] : ["A"];
        for (const z of names) {
            for (const host of z.wildcard ? [z.name, `${PROBE_LABEL}.${z.name}`] : [z.name]) {
                for (const type of types) {
                    out.push({ service, host, zone: z.name, ...(z.id ? { zoneId: z.id } : {}), type, endpointName: resolvableName(s.regionalDnsName), endpointId: s.endpointId });
                }
            }
        }
    }
    return out;
}

/** Service names a --services list names that the hub does not have. */
export function unknownServices(hub: HubOutputs, wanted: readonly string[]): string[] {
    return wanted.filter(w => !(w in hub.services));
}

/**
 * A hub's outputs from what --hub read: the outputs object itself, or a plan's --json (then the
 * hub stack's `outputs`; `stack` picks one when the plan has several hubs). A string says why not.
 */
export function hubOutputsFrom(doc: unknown, stack?: string): { outputs: HubOutputs; stack?: string } | string {
    if (!doc || typeof doc !== "object" || Array.isArray(doc)) return "is not a JSON object (pulumi stack output --json, or a plan's --json)";
    const d = doc as Record<string, any>;
    let outputs: unknown = d;
    let name: string | undefined;
    if (Array.isArray(d.stacks)) {
        const hubs = d.stacks.filter((s: any) => s?.role === "hub");
        const pick = stack === undefined ? (hubs.length === 1 ? hubs[0] : undefined) : hubs.find((s: any) => s.stack === stack);
        if (!pick) {
            const names = hubs.map((s: any) => String(s.stack));
            return stack === undefined ? `is a plan with ${names.length} hubs (${shortList(names)}): name one with --stack` : `is a plan without a hub stack ${stack} (hubs: ${shortList(names)})`;
        }
        outputs = pick.outputs;
        name = String(pick.stack);
    }
    const o = outputs as Record<string, any>;
    const missing = ["region", "vpcId", "vpcCidr", "services"].filter(k => o?.[k] === undefined);
    if (missing.length) return `has no ${missing.join(", ")}: is it a hub stack's outputs?`;
    for (const [service, s] of Object.entries(o.services as Record<string, any>)) {
        if (typeof s?.regionalDnsName !== "string" || !s.regionalDnsName) return `services.${service}.regionalDnsName: missing (outputs of an older hub?)`;
        if (!Array.isArray(s.zones)) return `services.${service}.zones: missing`;
    }
    return { outputs: { resolverInboundIps: [], spokes: {}, routeTableIds: [], zoneIds: {}, ...o } as unknown as HubOutputs, ...(name ? { stack: name } : {}) };
}

// --- where the probe runs -----------------------------------------------------------------

/** Where the probe ran: decides which cause a public answer has. */
export type Location =
    | { readonly kind: "on-prem"; /** The resolver asked is one of the Resolver's inbound addresses (no forwarder in between). */ readonly direct: boolean }
    | { readonly kind: "vpc"; /** "hub", or the spoke's name. */ readonly name: string; readonly vpcId: string };

/**
 * Where the host is: in the hub VPC or a spoke's when one of its addresses is in that VPC's
 * CIDR, else on-prem (asking a forwarder, unless the resolver is a Resolver inbound address).
 * `from` overrides: "on-prem", "hub" or a spoke's name.
 */
export function locate(hub: HubOutputs, addresses: readonly string[], resolverIp: string | undefined, from?: string): Location | string {
    const direct = resolverIp !== undefined && hub.resolverInboundIps.includes(resolverIp);
    const vpcs = [{ name: "hub", vpcId: hub.vpcId, cidr: hub.vpcCidr }, ...Object.entries(hub.spokes ?? {}).map(([name, s]) => ({ name, vpcId: s.vpcId, cidr: s.cidr }))];
    if (from !== undefined) {
        if (from === "on-prem") return { kind: "on-prem", direct };
        const v = vpcs.find(x => x.name === from);
        return v ? { kind: "vpc", name: v.name, vpcId: v.vpcId } : `--from ${from}: neither on-prem, hub, nor a spoke of this hub (${shortList(vpcs.slice(1).map(x => x.name))})`;
    }
    for (const ip of addresses.filter(isIpv4)) {
        const v = vpcs.find(x => typeof parseCidr(x.cidr) !== "string" && contains(x.cidr, ip));
        if (v) return { kind: "vpc", name: v.name, vpcId: v.vpcId };
    }
    return { kind: "on-prem", direct };
}

export function describeLocation(l: Location): string {
    if (l.kind === "vpc") return l.name === "hub" ? `the hub VPC ${l.vpcId}` : `spoke ${l.name}'s VPC ${l.vpcId}`;
    return l.direct ? "on-prem, asking the Resolver inbound endpoint directly" : "on-prem, through the local DNS forwarder";
}

// --- what was observed, and the verdict ---------------------------------------------------

/** A DNS answer: addresses, or why none. */
export interface DnsAnswer {
    readonly status: "ok" | "NXDOMAIN" | "NODATA" | "SERVFAIL" | "REFUSED" | "timeout" | "error";
    readonly ips: readonly string[];
    readonly detail?: string;
}

/** One connection to one answered address. */
export interface Connection {
    readonly ip: string;
    readonly port: number;
    readonly tcp: "ok" | "timeout" | "refused" | "error";
    /** Absent when TCP failed or TLS was not tried. */
    readonly tls?: "ok" | "mismatch" | "untrusted" | "expired" | "timeout" | "error";
    readonly detail?: string;
}

export interface Observation {
    readonly target: ProbeTarget;
    readonly answer: DnsAnswer;
    /** What the endpoint's regional name answered through the same resolver. */
    readonly endpoint: DnsAnswer;
    /** Every other endpoint of the hub: its addresses (regional name through the same resolver), to name a wrong one. */
    readonly others: readonly { readonly service: string; readonly endpointId: string; readonly ips: readonly string[] }[];
    readonly connections: readonly Connection[];
}

export type Verdict = "pass" | "public answer" | "no answer" | "wrong endpoint" | "unreachable" | "certificate";
export const VERDICTS: readonly Verdict[] = ["pass", "public answer", "no answer", "wrong endpoint", "unreachable", "certificate"];

export interface ProbeResult {
    readonly service: string;
    readonly host: string;
    readonly type: RecordType;
    readonly verdict: Verdict;
    /** Empty on pass: the likely cause, where it ran. */
    readonly cause: string;
    readonly answer: readonly string[];
    /** The endpoint's addresses (its regional name's answer). */
    readonly expected: readonly string[];
    readonly connections: readonly Connection[];
}

/** Private, shared, loopback and link-local ranges: an answer there is not the internet's. */
const NON_PUBLIC4 = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"];
const NON_PUBLIC6 = ["fc00::/7", "fe80::/10", "::1/128"];

/** Whether an address is on the internet: outside the private ranges and outside every VPC the hub knows. */
export function isPublicAddress(ip: string, hub: HubOutputs): boolean {
    if (isIpv6(ip)) return ![...NON_PUBLIC6, ...(hub.vpcIpv6Cidr ? [hub.vpcIpv6Cidr] : []), ...Object.values(hub.spokes ?? {}).flatMap(s => s.ipv6Cidrs ?? [])].some(c => contains6(c, ip));
    return ![...NON_PUBLIC4, hub.vpcCidr, ...Object.values(hub.spokes ?? {}).map(s => s.cidr)].some(c => contains(c, ip));
}

const DNS_FAILURE: Record<Exclude<DnsAnswer["status"], "ok">, string> = {
    NXDOMAIN: "NXDOMAIN: a private zone answered without a record for the name (the apex or wildcard record is missing), or the name does not exist where the query went",
    NODATA: "no record of this type (NOERROR, empty answer)",
    SERVFAIL: "SERVFAIL: the resolver got no answer upstream (a forwarder whose target, the Resolver inbound endpoint, is unreachable or refuses the query)",
    REFUSED: "REFUSED: the resolver does not answer this host (its access rules)",
    timeout: "no DNS answer within the timeout (the resolver is unreachable, or its upstream is)",
    error: "the DNS query failed",
};

/** Why the name got the public answer, where the probe ran. */
function publicCause(hub: HubOutputs, t: ProbeTarget, where: Location): string {
    const zone = t.zoneId ? `zone ${t.zone} (${t.zoneId})` : `the private DNS name ${t.zone} of endpoint ${t.endpointId}`;
    const profile = hub.dns?.sharing === "profile" ? hub.dns.profileId ?? "(the hub's profile)" : undefined;
    if (where.kind === "vpc" && where.name !== "hub") {
        if (profile) return `${describeLocation(where)} is not associated with Route 53 Profile ${profile}, or the profile lacks ${zone}`;
        return `${zone} is not associated with ${describeLocation(where)} (an association removed, or the spoke stack not deployed), or the VPC's DHCP options send DNS elsewhere than the Route 53 Resolver`;
    }
    const hubVpc = `the hub VPC ${hub.vpcId}`;
    if (where.kind === "vpc") return `${zone} is not associated with ${hubVpc}`;
    if (where.direct) return `${zone} is not associated with ${hubVpc}, where the Resolver inbound endpoint answers`;
    const resolvers = hub.resolverInboundIps.length ? hub.resolverInboundIps.join(", ") : "(the hub has no Resolver inbound endpoint: vpce-hub:onPrem)";
    return `the local forwarder has no forward zone for ${t.zone} to the Resolver inbound addresses ${resolvers} (compare with the hub's forwarders output), ` +
        `or ${zone} is not associated with ${hubVpc}, where the Resolver answers`;
}

const TCP_CAUSE: Record<Exclude<Connection["tcp"], "ok">, string> = {
    timeout: "timed out: no route from here (route tables, peering or Transit Gateway, the VPN), or a security group or network ACL drops it",
    refused: "refused: the address answers but nothing listens on that port (an endpoint never refuses: is it an endpoint's address?)",
    error: "failed",
};

const TLS_CAUSE: Record<Exclude<NonNullable<Connection["tls"]>, "ok">, string> = {
    mismatch: "the certificate does not cover the name",
    untrusted: "the certificate chain is not trusted (a TLS-inspecting proxy on the way, or --ca-file lacks its CA)",
    expired: "the certificate has expired or is not yet valid",
    timeout: "the TLS handshake timed out",  // reported as unreachable above
    error: "the TLS handshake failed",
};

/** The verdict on one name, from what was observed, with its likely cause where it ran. */
export function verdictOf(hub: HubOutputs, o: Observation, where: Location): ProbeResult {
    const t = o.target;
    const base = { service: t.service, host: t.host, type: t.type, answer: o.answer.ips, expected: o.endpoint.ips, connections: o.connections };
    const result = (verdict: Verdict, cause = ""): ProbeResult => ({ ...base, verdict, cause });
    if (o.answer.status !== "ok" || !o.answer.ips.length) {
        return result("no answer", `${t.host} ${t.type}: ${DNS_FAILURE[o.answer.status === "ok" ? "NODATA" : o.answer.status]}${o.answer.detail ? ` (${o.answer.detail})` : ""}`);
    }
    const pub = o.answer.ips.filter(ip => isPublicAddress(ip, hub));
    if (pub.length) return result("public answer", `${t.host} answers the public ${pub.join(", ")} from ${describeLocation(where)}: ${publicCause(hub, t, where)}`);
    if (o.endpoint.status !== "ok" || !o.endpoint.ips.length) {
        return result("no answer", `the endpoint's regional name ${t.endpointName} gets no ${t.type} answer here (${o.endpoint.status}): its addresses are unknown, ` +
            `so ${o.answer.ips.join(", ")} cannot be matched to endpoint ${t.endpointId}`);
    }
    const foreign = o.answer.ips.filter(ip => !o.endpoint.ips.includes(ip));
    if (foreign.length) {
        const owners = o.others.filter(x => x.endpointId !== t.endpointId && foreign.some(ip => x.ips.includes(ip)));
        const whose = owners.length ? `the addresses of endpoint ${owners.map(x => `${x.endpointId} (${x.service})`).join(", ")}` : "addresses of no endpoint of this hub";
        return result("wrong endpoint", `${t.host} answers ${foreign.join(", ")}, ${whose}, not endpoint ${t.endpointId} (${o.endpoint.ips.join(", ")}): ` +
            (owners.length ? "a record aliases the wrong endpoint" : "a VPC's own endpoint with private DNS, or its own zone of the name, answers instead of the hub's"));
    }
    const down = o.connections.find(c => c.tcp !== "ok");
    if (down) return result("unreachable", `TCP ${down.ip}:${down.port} ${TCP_CAUSE[down.tcp as Exclude<Connection["tcp"], "ok">]}${down.detail ? ` (${down.detail})` : ""}`);
    // Connected, then silence: something on the way accepts and drops (a proxy, or large
    // handshake packets lost on a VPN with a smaller MTU); the endpoint itself always answers.
    const stalled = o.connections.find(c => c.tls === "timeout");
    if (stalled) return result("unreachable", `TCP ${stalled.ip}:${stalled.port} connected but the TLS handshake timed out${stalled.detail ? ` (${stalled.detail})` : ""}: ` +
        "something on the way accepts and drops (a proxy, or an MTU problem on the VPN)");
    const bad = o.connections.find(c => c.tls !== undefined && c.tls !== "ok");
    if (bad) return result("certificate", `TLS to ${bad.ip}:${bad.port} for ${t.host}: ${TLS_CAUSE[bad.tls as Exclude<Connection["tls"], "ok" | undefined>]}${bad.detail ? ` (${bad.detail})` : ""}`);
    return result("pass");
}

/** The port to connect to, and whether it speaks TLS from the first byte: 443 (or --port); else the service's first port, TCP only. */
export function portFor(ports: readonly number[] | undefined, override?: number): { port: number; tls: boolean } {
    if (override !== undefined) return { port: override, tls: true };
    if (!ports?.length || ports.includes(443)) return { port: 443, tls: true };
    return { port: ports[0], tls: false };
}

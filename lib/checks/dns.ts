// DNS of a name for a source, as Route 53 would answer it: the zones associated with the
// source's DNS VPC (directly or through a Route 53 Profile), endpoints' private DNS, alias
// records and their targets in AWS's zone, A and AAAA; and, where nothing private covers the
// name, which association is missing (the query then silently gets the public answer). Which
// source answers when several could follow the Route 53 Profiles rule (lib/aws/dnsPrecedence.ts):
// the most specific name wins, and for one name the VPC's own settings win over its profile's.
import { lookupRecord } from "../aws/records";
import { DnsSourceKind, answeringSources, isUnder } from "../aws/dnsPrecedence";
import { Network, NetworkEndpoint, Source, Trace, Zone } from "./network";

export type { DnsSourceKind } from "../aws/dnsPrecedence";

/** A source of names a VPC sees: a zone (directly or through a profile), or an endpoint's private DNS. */
interface NameSource {
    readonly name: string;
    readonly kind: DnsSourceKind;
    /** "" when seen directly, else " through Route 53 Profile <id>". */
    readonly via: string;
    readonly profileId?: string;
    readonly zone?: Zone;
    readonly endpoint?: NetworkEndpoint;
    readonly wildcard?: boolean;
}

/**
 * Which source answered a name (or lost to the one that did): the kind (the VPC's own zone or
 * endpoint private DNS, or the profile's), its name, and the zone, endpoint and profile it is.
 */
export interface DnsSourceRef {
    readonly kind: DnsSourceKind;
    /** The zone's name, or the endpoint's private DNS name without its `*.`. */
    readonly name: string;
    readonly zoneId?: string;
    /** For an endpoint's private DNS: the endpoint. */
    readonly endpointId?: string;
    /** For a profile's zone or endpoint: the profile associated with the VPC. */
    readonly profileId?: string;
}

/** Route 53's answer for a name in a VPC, and where it came from. */
export interface DnsAnswer {
    /** The answer's addresses (A or AAAA). */
    readonly ips: string[];
    /** The endpoint whose network interfaces the addresses are (alias target, or the private DNS's own endpoint). */
    readonly endpoint: NetworkEndpoint;
    /** The source that answered. */
    readonly source: DnsSourceRef;
    /** Sources whose names also cover the host and lost to it: less specific ones, or the profile's of the same name. */
    readonly shadowed: readonly DnsSourceRef[];
}

function refOf(x: NameSource): DnsSourceRef {
    return {
        kind: x.kind, name: x.name,
        ...(x.zone ? { zoneId: x.zone.id } : {}),
        ...(x.endpoint ? { endpointId: x.endpoint.id } : {}),
        ...(x.profileId ? { profileId: x.profileId } : {}),
    };
}

/** "zone Z1", "endpoint vpce-1 (sqs)", with " through Route 53 Profile rp-1" for the profile's. */
export function describeSource(ref: DnsSourceRef, endpoints: readonly NetworkEndpoint[] = []): string {
    const e = ref.endpointId ? endpoints.find(x => x.id === ref.endpointId) : undefined;
    const what = ref.zoneId ? `zone ${ref.name} (${ref.zoneId})` : `the private DNS of endpoint ${ref.endpointId}${e ? ` (${e.service})` : ""} for ${ref.name}`;
    return ref.profileId ? `${what} through Route 53 Profile ${ref.profileId}` : what;
}

/** Every name source a VPC sees: its own zones and endpoints' private DNS, then its profile's. */
function sourcesOf(net: Network, vpcId: string): NameSource[] {
    const out: NameSource[] = [];
    for (const z of net.zones) if (z.vpcIds.has(vpcId)) out.push({ name: z.name, kind: "local-zone", via: "", zone: z });
    for (const e of net.endpoints) {
        if (e.vpcId !== vpcId) continue;
        for (const n of e.privateDnsNames) out.push({ name: n.name, kind: "local-endpoint", via: "", endpoint: e, wildcard: n.wildcard });
    }
    const profileId = net.vpcProfile.get(vpcId);
    const profile = profileId ? net.profiles.get(profileId) : undefined;
    if (profile) {
        const via = ` through Route 53 Profile ${profile.id}`;
        for (const z of net.zones) if (profile.zoneIds.has(z.id)) out.push({ name: z.name, kind: "profile-zone", via, profileId: profile.id, zone: z });
        for (const e of net.endpoints) {
            if (!profile.endpointIds.has(e.id)) continue;
            for (const n of e.privateDnsNames) out.push({ name: n.name, kind: "profile-endpoint", via, profileId: profile.id, endpoint: e, wildcard: n.wildcard });
        }
    }
    return out;
}

type Answer = { ips: string[]; endpoint: NetworkEndpoint; hops: string[] } | { reason: string };

/** What one source answers for `host`, for records of `type`. */
function answerFrom(net: Network, src: NameSource, host: string, type: "A" | "AAAA"): Answer {
    const dns = type === "AAAA" ? net.publicDns6 : net.publicDns;
    if (src.endpoint) {
        const e = src.endpoint;
        if (host !== src.name && !src.wildcard) return { reason: `the private DNS of endpoint ${e.id} (${e.service}) has no name ${host}, only ${src.name} (NXDOMAIN)` };
        // The endpoint's private DNS answers with its network interfaces: those of its regional name.
        const found = e.names[0] ? lookupRecord(dns, e.names[0]) : undefined;
        const ips = found ? [...found.ips] : [];
        if (!ips.length) return { reason: `endpoint ${e.id} (${e.service}) has no ${type === "AAAA" ? "IPv6 " : ""}network interface addresses` };
        return { ips, endpoint: e, hops: [`private DNS of endpoint ${e.id} (${e.service}) for ${src.wildcard ? "*." : ""}${src.name}${src.via} -> ${ips.join(", ")}`] };
    }
    const zone = src.zone!;
    const records = (type === "AAAA" ? net.records6 : net.records).get(zone.id) ?? new Map<string, string>();
    let recordName = host;
    let target = records.get(host);
    if (target === undefined && host !== zone.name) {
        // A Route 53 wildcard matches any number of labels below the zone.
        recordName = `*.${zone.name}`;
        target = records.get(recordName);
    }
    if (target === undefined) {
        const missing = host === zone.name ? `the apex ${type} record ${zone.name}` : `the wildcard ${type} record *.${zone.name}`;
        return { reason: `zone ${zone.name} has no record for ${host} (NXDOMAIN): missing ${missing}` };
    }
    const endpoint = net.endpoints.find(e => e.names.some(n => underEndpointName(target!, n)));
    if (!endpoint) return { reason: `record ${recordName} aliases ${target}, which is no endpoint of the hub` };
    // Route 53 answers an alias with the target's own records in AWS's zone: a name AWS does
    // not serve (S3's bare regional name, whose record is the wildcard) answers nothing.
    const found = lookupRecord(dns, target);
    if (!found) {
        if (type === "AAAA") {
            return {
                reason: `record ${recordName} AAAA aliases ${target}, which has no AAAA record in AWS's zone of endpoint ${endpoint.id} (${endpoint.service}): ` +
                    `the endpoint needs ipAddressType dualstack and dnsOptions.dnsRecordIpType dualstack`,
            };
        }
        return {
            reason: `record ${recordName} aliases ${target}: alias target ${target} does not exist in AWS's zone of endpoint ${endpoint.id} (${endpoint.service}), ` +
                `which serves ${endpoint.names.join(", ")}; alias the first DNS entry exactly as AWS returns it`,
        };
    }
    const ips = [...found.ips];
    if (!ips.length) return { reason: `endpoint ${endpoint.id} (${endpoint.service}) has no network interface addresses` };
    return { ips, endpoint, hops: [`zone ${zone.name} (${zone.id})${src.via}`, `record ${recordName} ${type} alias -> ${target} -> ${ips.join(", ")}`] };
}

/**
 * Route 53's answer for `host` in the source's DNS VPC, for records of `type` (A, or AAAA for a
 * dual-stack service's twins), and the source that gave it. Of the zones and private DNS names
 * the VPC sees (its own, and its Route 53 Profile's), the most specific name answers; for one
 * name the VPC's own settings win over the profile's (Route 53 Profiles guide; a member's own
 * zone or endpoint therefore shadows the hub's profile). Two sources of one name at one level
 * that answer differently fail the check: AWS refuses most such pairs, and which one would
 * answer is not settled.
 */
export function resolveName(net: Network, src: Source, host: string, t: Trace, type: "A" | "AAAA" = "A"): DnsAnswer | false {
    const { winners: best, shadowed } = answeringSources(host, sourcesOf(net, src.dnsVpcId));
    const via = src.vpcId ? `${src.name} VPC ${src.dnsVpcId}` : `${src.name} -> Resolver inbound -> hub VPC ${src.dnsVpcId}`;
    if (!best.length) return t.fail(missingSource(net, src, host));
    const answers = best.map(b => ({ b, a: answerFrom(net, b, host, type) }));
    const first = answers[0].a;
    const key = (a: Answer) => "reason" in a ? `fail:${a.reason}` : [...a.ips].sort().join(",");
    if (answers.some(x => key(x.a) !== key(first))) {
        return t.fail(`${via} sees ${best.length} sources for ${best[0].name} that answer differently ` +
            `(${answers.map(x => `${x.b.zone ? `zone ${x.b.zone.id}` : `endpoint ${x.b.endpoint!.id}`}${x.b.via}`).join("; ")}): ` +
            `one name from two ${best[0].kind.startsWith("local") ? "of the VPC's own sources" : "sources of its profile"}, which AWS does not rank (verify); keep one`);
    }
    if ("reason" in first) return t.fail(first.reason);
    // Say when the VPC's own source wins over its profile's of the same name: the hub's is then unused here.
    const overruled = shadowed.filter(x => x.name === best[0].name && !x.kind.startsWith("local"));
    const precedence = best[0].kind.startsWith("local") && overruled.length
        ? ` (the VPC's own ${best[0].zone ? "zone" : "endpoint"} takes precedence over ${overruled.map(x => describeSource(refOf(x), net.endpoints)).join(", ")})`
        : "";
    t.hop(`DNS ${via}: ${first.hops[0]}${precedence}`);
    for (const h of first.hops.slice(1)) t.hop(h);
    return { ips: first.ips, endpoint: first.endpoint, source: refOf(best[0]), shadowed: shadowed.map(refOf) };
}

/** Why no private source covers `host` for this source: the missing association, by name. */
function missingSource(net: Network, src: Source, host: string): string {
    const publicly = `${host} gets the public answer and traffic leaves through the internet`;
    const existing = net.zones.filter(z => isUnder(host, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
    const refused = existing && net.unauthorized.get(existing.id)?.get(src.dnsVpcId);
    if (refused) {
        return `zone ${existing.name} (${existing.id}) is not associated with ${src.name}'s VPC ${src.dnsVpcId}: the ZoneAssociation of stack ${refused.stack} ` +
            `(account ${refused.accountId}, not the hub's) needs the hub's VpcAssociationAuthorization for this zone and VPC, and the hub planned none, so AWS refuses it: ` +
            publicly;
    }
    const holding = [...net.profiles.values()].find(p =>
        net.zones.some(z => p.zoneIds.has(z.id) && isUnder(host, z.name)) ||
        net.endpoints.some(e => p.endpointIds.has(e.id) && e.privateDnsNames.some(n => isUnder(host, n.name))));
    if (holding && src.vpcId) {
        const other = net.vpcProfile.get(src.dnsVpcId);
        return other
            ? `${src.name}'s VPC ${src.dnsVpcId} is associated with Route 53 Profile ${other}, not with ${holding.id} (hub ${holding.stack}), which holds ${host}: ${publicly}`
            : `missing profile association: ${src.name}'s VPC ${src.dnsVpcId} is not associated with Route 53 Profile ${holding.id} (hub ${holding.stack}), which holds ${host}: ${publicly}`;
    }
    if (existing) {
        return `zone ${existing.name} (${existing.id}) is not associated with ${src.vpcId ? `${src.name}'s VPC` : "the hub VPC, where the Resolver inbound endpoint answers"} ${src.dnsVpcId}: ${publicly}`;
    }
    if (holding) return `the hub VPC ${src.dnsVpcId}, where the Resolver inbound endpoint answers, sees no private source for ${host} (only Route 53 Profile ${holding.id} holds it): ${publicly}`;
    return `no private zone covers ${host}: it gets the public answer and traffic leaves through the internet`;
}

/** Whether `target` is one of an endpoint's names or a name under it (`*.vpce-x.s3...` covers `vpce-x.s3...` and below). */
function underEndpointName(target: string, endpointName: string): boolean {
    const base = endpointName.replace(/^\*\./, "");
    return target === endpointName || target === base || target.endsWith(`.${base}`);
}

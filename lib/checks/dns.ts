// DNS of a name for a source, as Route 53 would answer it: the zones associated with the
// source's DNS VPC (directly or through a Route 53 Profile), endpoints' private DNS, alias
// records and their targets in AWS's zone, A and AAAA; and, where nothing private covers the
// name, which association is missing (the query then silently gets the public answer).
import { lookupRecord } from "../aws/records";
import { Network, Source, Trace, Zone } from "./network";

function isUnder(host: string, zone: string): boolean {
    return host === zone || host.endsWith(`.${zone}`);
}

/** A source of names a VPC sees: a zone (directly or through a profile), or an endpoint's private DNS. */
interface NameSource {
    readonly name: string;
    /** "" when seen directly, else " through Route 53 Profile <id>". */
    readonly via: string;
    readonly zone?: Zone;
    readonly endpoint?: Network["endpoints"][number];
    readonly wildcard?: boolean;
}

/** Every name source a VPC sees: its own zones and endpoints' private DNS, then its profile's. */
function sourcesOf(net: Network, vpcId: string): NameSource[] {
    const out: NameSource[] = [];
    for (const z of net.zones) if (z.vpcIds.has(vpcId)) out.push({ name: z.name, via: "", zone: z });
    for (const e of net.endpoints) {
        if (e.vpcId !== vpcId) continue;
        for (const n of e.privateDnsNames) out.push({ name: n.name, via: "", endpoint: e, wildcard: n.wildcard });
    }
    const profileId = net.vpcProfile.get(vpcId);
    const profile = profileId ? net.profiles.get(profileId) : undefined;
    if (profile) {
        const via = ` through Route 53 Profile ${profile.id}`;
        for (const z of net.zones) if (profile.zoneIds.has(z.id)) out.push({ name: z.name, via, zone: z });
        for (const e of net.endpoints) {
            if (!profile.endpointIds.has(e.id)) continue;
            for (const n of e.privateDnsNames) out.push({ name: n.name, via, endpoint: e, wildcard: n.wildcard });
        }
    }
    return out;
}

type Answer = { ips: string[]; endpoint: Network["endpoints"][number]; hops: string[] } | { reason: string };

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
 * Route 53's answer for `host` in the source's DNS VPC: the longest name among the zones and
 * private DNS names the VPC sees (directly or through its Route 53 Profile), then the record
 * of `type` (A, or AAAA for a dual-stack service's twins). Two sources of one name that answer
 * differently fail the check: which one wins (a zone associated directly, or the same name
 * from a profile) is not settled by AWS's documents (verify).
 */
export function resolveName(net: Network, src: Source, host: string, t: Trace, type: "A" | "AAAA" = "A"): { ips: string[]; endpoint: Network["endpoints"][number] } | false {
    const visible = sourcesOf(net, src.dnsVpcId).filter(x => isUnder(host, x.name));
    const longest = Math.max(-1, ...visible.map(x => x.name.length));
    const best = visible.filter(x => x.name.length === longest);
    const via = src.vpcId ? `${src.name} VPC ${src.dnsVpcId}` : `${src.name} -> Resolver inbound -> hub VPC ${src.dnsVpcId}`;
    if (!best.length) return t.fail(missingSource(net, src, host));
    const answers = best.map(b => ({ b, a: answerFrom(net, b, host, type) }));
    const first = answers[0].a;
    const key = (a: Answer) => "reason" in a ? `fail:${a.reason}` : [...a.ips].sort().join(",");
    if (answers.some(x => key(x.a) !== key(first))) {
        return t.fail(`${via} sees ${best.length} sources for ${best[0].name} that answer differently ` +
            `(${answers.map(x => `${x.b.zone ? `zone ${x.b.zone.id}` : `endpoint ${x.b.endpoint!.id}`}${x.b.via}`).join("; ")}): which one wins is not settled (verify); keep one`);
    }
    if ("reason" in first) return t.fail(first.reason);
    t.hop(`DNS ${via}: ${first.hops[0]}`);
    for (const h of first.hops.slice(1)) t.hop(h);
    return { ips: first.ips, endpoint: first.endpoint };
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

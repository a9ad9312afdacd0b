// Which of the DNS sources a VPC sees answers a name: the VPC's own settings (zones associated
// with it directly, its own endpoints' private DNS) and those of the Route 53 Profile associated
// with it (the profile's zones and endpoints). Route 53 Profiles guide, "What are Amazon Route 53
// Profiles?": "When a DNS query matches both the Resolver rule for a private hosted zone that is
// directly associated with the VPC and a Resolver rule for a private hosted zone that is
// associated to the Profile, the local DNS settings take precedence. When DNS query is made for a
// conflicting domain name, the most specific one wins." Local and profile settings may coexist
// (the guide: "for migration, or other testing purposes"). The simulated Route 53 and the path
// checks both answer by this rule (docs/aws-rules.md, rule 14). Pure.

/**
 * Where an answer comes from: a zone associated with the VPC itself, the private DNS of an
 * endpoint in the VPC itself, or a zone or endpoint of the profile associated with the VPC.
 */
export type DnsSourceKind = "local-zone" | "local-endpoint" | "profile-zone" | "profile-endpoint";

/** A name a VPC sees, and from where. */
export interface DnsCandidate {
    /** The zone's name, or the endpoint's private DNS name without its `*.`. */
    readonly name: string;
    readonly kind: DnsSourceKind;
}

/** The VPC's own settings, which take precedence over the profile's for one name. */
export function isLocal(kind: DnsSourceKind): boolean {
    return kind === "local-zone" || kind === "local-endpoint";
}

/** Whether `host` is `name` or a name below it (a zone or a wildcard private DNS name covers both). */
export function isUnder(host: string, name: string): boolean {
    return host === name || host.endsWith(`.${name}`);
}

/**
 * The sources that answer `host`, and those they win over. Of the sources whose name covers the
 * host, the most specific name wins, whoever holds it; of several with that name, the VPC's own
 * win over the profile's. Several winners are sources of one name at one level (two of the
 * VPC's own, or two of the profile's): AWS refuses most such pairs (ConflictingDomainExists), and
 * the caller says what it does with the rest. `shadowed` lists every covering source that lost.
 */
export function answeringSources<C extends DnsCandidate>(host: string, candidates: readonly C[]): { winners: C[]; shadowed: C[] } {
    const covering = candidates.filter(c => isUnder(host, c.name));
    if (!covering.length) return { winners: [], shadowed: [] };
    const longest = Math.max(...covering.map(c => c.name.length));
    const specific = covering.filter(c => c.name.length === longest);
    const local = specific.filter(c => isLocal(c.kind));
    const winners = local.length ? local : specific;
    return { winners, shadowed: covering.filter(c => !winners.includes(c)) };
}

// DNS records as Route 53 keeps and serves them: what an alias record to an interface endpoint
// targets, and looking a name up in a set of records the way an authoritative server does: the
// exact name first, else the wildcard of the closest enclosing name (RFC 4592). Used for the
// AWS-owned zones of endpoint names (`*.vpce.amazonaws.com`), where an alias record's target
// must exist: Route 53 refuses an alias whose target it cannot find
// ("InvalidChangeBatch: Tried to create an alias that targets ..., but that target was not found").
// Pure: no Pulumi import.

/** Record name -> addresses. A key may itself be a wildcard (`*.vpce-...`). */
export type DnsRecords = ReadonlyMap<string, readonly string[]> | Readonly<Record<string, readonly string[]>>;

function get(records: DnsRecords, name: string): readonly string[] | undefined {
    return records instanceof Map ? records.get(name) : (records as Record<string, readonly string[]>)[name];
}

/**
 * The addresses `name` resolves to, and the record that answered; undefined when nothing does.
 * A name that is itself a wildcard (`*.x`, as an alias target may be) matches only the record of
 * that exact name. A wildcard never matches the name it sits under: `*.a.b` answers `c.a.b`,
 * not `a.b`.
 */
export function lookupRecord(records: DnsRecords, name: string): { record: string; ips: readonly string[] } | undefined {
    const exact = get(records, name);
    if (exact) return { record: name, ips: exact };
    if (name.startsWith("*.")) return undefined;
    const labels = name.split(".");
    for (let i = 1; i < labels.length; i++) {
        const wildcard = ["*", ...labels.slice(i)].join(".");
        const hit = get(records, wildcard);
        if (hit) return { record: wildcard, ips: hit };
        // The closest encloser that exists stops the search (RFC 4592 section 2.2.1).
        if (get(records, labels.slice(i).join("."))) return undefined;
    }
    return undefined;
}

/** One entry of `VpcEndpoint.dnsEntries`, as AWS returns it. */
export interface DnsEntry {
    readonly dnsName: string;
    readonly hostedZoneId: string;
}

/**
 * What an alias record targets: the endpoint's first (regional) DNS entry, verbatim. For S3
 * AWS returns `*.vpce-<id>.s3.<region>.vpce.amazonaws.com`: the record that exists in AWS's
 * zone is that wildcard, and no source shows one at the bare name, so the `*.` stays (LZA
 * `vpc-endpoint.ts` and `network-vpc-dns-stack.ts` alias the first entry as returned).
 */
export function aliasTarget(dnsEntries: readonly DnsEntry[], entry: "first" | "wildcard" = "first"): DnsEntry {
    // SageMaker notebook and studio: the wildcard entry (LZA vpc-endpoint.ts picks it for them).
    const wildcard = entry === "wildcard" ? dnsEntries.find(e => e.dnsName.startsWith("*.")) : undefined;
    const first = wildcard ?? dnsEntries[0];
    if (!first) throw new Error("the endpoint has no DNS entries: nothing to alias");
    return { dnsName: first.dnsName, hostedZoneId: first.hostedZoneId };
}

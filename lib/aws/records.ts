// Looking a name up in a set of DNS records the way an authoritative server does: the exact
// name first, else the wildcard of the closest enclosing name (RFC 4592). Used for the
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

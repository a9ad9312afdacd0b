// Security group rules and alias targets, as plain data: least privilege by default
// (endpoint policies: lib/endpointPolicies.ts).
// Only declared CIDRs are admitted, only on the ports a service uses; nothing from 0.0.0.0/0.

/** A source network the hub admits, with the reason shown in the rule's description. */
export interface Source {
    readonly cidr: string;
    /** e.g. "hub", "spoke member-a", "on-prem". */
    readonly label: string;
}

export interface IngressRule {
    readonly protocol: "tcp" | "udp";
    readonly fromPort: number;
    readonly toPort: number;
    /** IPv4 sources; an IPv6 source's rule has `ipv6CidrBlocks` instead (EC2 keeps the two apart). */
    readonly cidrBlocks?: string[];
    readonly ipv6CidrBlocks?: string[];
    readonly description: string;
}

/**
 * One rule per source and port: each names who it is for, so a missing one can be named too.
 * IPv6 sources (a dual-stack hub's declared IPv6 blocks) go in `ipv6CidrBlocks`.
 */
export function endpointIngress(ports: readonly number[], sources: readonly Source[]): IngressRule[] {
    return ports.flatMap(port => sources.map(s => ({
        protocol: "tcp" as const, fromPort: port, toPort: port,
        ...(s.cidr.includes(":") ? { ipv6CidrBlocks: [s.cidr] } : { cidrBlocks: [s.cidr] }),
        description: `${s.label} to port ${port}`,
    })));
}

/** DNS over TCP and UDP 53 from the on-prem DNS servers only. */
export function resolverIngress(dnsServerCidrs: readonly string[]): IngressRule[] {
    return (["udp", "tcp"] as const).flatMap(protocol => dnsServerCidrs.map(cidr => ({
        protocol, fromPort: 53, toPort: 53, cidrBlocks: [cidr], description: `on-prem DNS ${cidr} (${protocol} 53)`,
    })));
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

// Security group rules, as plain data: least privilege by default
// (endpoint policies: lib/aws/endpointPolicies.ts).
// Only declared CIDRs are admitted, only on the ports a service uses; nothing from 0.0.0.0/0.
import { aggregateLabelled } from "../net/cidr";

/** A source network the hub admits, with the reason shown in the rule's description. */
export interface Source {
    readonly cidr: string;
    /** e.g. "hub", "spoke member-a", "on-prem". */
    readonly label: string;
}

export interface IngressRule<P = string> {
    readonly protocol: "tcp" | "udp";
    readonly fromPort: number;
    readonly toPort: number;
    /** IPv4 sources; an IPv6 source's rule has `ipv6CidrBlocks` instead (EC2 keeps the two apart). */
    readonly cidrBlocks?: string[];
    readonly ipv6CidrBlocks?: string[];
    /** A customer-managed prefix list of the IPv4 sources instead of CIDR blocks. */
    readonly prefixListIds?: P[];
    readonly description: string;
}

/**
 * Who a merged block is for, short enough for a rule or prefix list entry description (AWS
 * allows 255 characters): "hub, spokes member-a, member-b, on-prem", and past `max`
 * characters the first spokes and how many more.
 */
export function describeSources(labels: readonly string[], max = 200): string {
    // Sorted: the order spokes are listed in must not change a description.
    const order = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });
    const spokes = [...new Set(labels.filter(l => l.startsWith("spoke ")).map(l => l.slice("spoke ".length)))].sort(order);
    const others = [...new Set(labels.filter(l => !l.startsWith("spoke ")))].sort(order);
    const parts = [...others];
    if (spokes.length) {
        const head = spokes.length === 1 ? "spoke" : "spokes";
        let shown = 0;
        let text = "";
        for (const name of spokes) {
            const next = shown ? `${text}, ${name}` : name;
            if (shown && [...parts, `${head} ${next} and ${spokes.length - shown - 1} more`].join(", ").length > max) break;
            text = next;
            shown++;
        }
        parts.push(shown < spokes.length ? `${head} ${text} and ${spokes.length - shown} more` : `${head} ${text}`);
    }
    // SG descriptions allow letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*: labels are names.
    return parts.join(", ").replace(/[^A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]/g, "_");
}

/**
 * The sources an endpoint admits, as exact aggregates: the fewest CIDR blocks whose union is
 * exactly the union of the declared networks (lib/net/cidr.ts aggregateCidrs), each described
 * with whom it covers. A fleet allocated from one pool collapses into a few blocks; nothing
 * undeclared is ever admitted.
 */
export function aggregatedSources(sources: readonly Source[]): { cidr: string; description: string }[] {
    return aggregateLabelled(sources.filter(s => !isIpv6Source(s)).map(s => ({ cidr: s.cidr, label: s.label })))
        .map(b => ({ cidr: b.cidr, description: describeSources(b.labels) }));
}

const isIpv6Source = (s: Source) => s.cidr.includes(":");

/**
 * Per port, one rule per aggregated source block; or, with `prefixListId`, one rule per port
 * referencing the prefix list that holds the same blocks (it counts as its max entries).
 */
export function endpointIngress<P = string>(ports: readonly number[], sources: readonly Source[], prefixListId?: P): IngressRule<P>[] {
    // IPv6 sources (a dual-stack hub's declared IPv6 blocks) keep a rule each, in
    // `ipv6CidrBlocks`: the prefix list is IPv4 (a list holds one address family).
    const ipv6 = (port: number) => sources.filter(isIpv6Source).map(s => ({
        protocol: "tcp" as const, fromPort: port, toPort: port, ipv6CidrBlocks: [s.cidr], description: `${describeSources([s.label])} to port ${port}`,
    }));
    if (prefixListId !== undefined) {
        return ports.flatMap(port => [{
            protocol: "tcp" as const, fromPort: port, toPort: port, prefixListIds: [prefixListId],
            description: `vpce-hub sources prefix list to port ${port}`,
        }, ...ipv6(port)]);
    }
    const blocks = aggregatedSources(sources);
    return ports.flatMap(port => [...blocks.map(b => ({
        protocol: "tcp" as const, fromPort: port, toPort: port, cidrBlocks: [b.cidr],
        description: `${b.description} to port ${port}`,
    })), ...ipv6(port)]);
}

/** How the Resolver inbound endpoint's security group treats connections (`onPrem.resolverConnectionTracking`). */
export type ConnectionTracking = "tracked" | "untracked";

/**
 * The Resolver inbound endpoint's rules. `tracked` (the default, least privilege): TCP and UDP 53
 * from the on-prem DNS servers only, no egress; AWS then tracks every connection, which can lower
 * the endpoint to about 1,500 queries per second per address. `untracked`: the rules AWS
 * recommends at high query rates (Route 53 developer guide, "Resolver endpoint scaling"): TCP and
 * UDP 53 from 0.0.0.0/0 in, all TCP and UDP ports to 0.0.0.0/0 out, which EC2 does not track
 * ("Untracked connections"); who can reach the Resolver is then decided by routing only.
 */
export function resolverIngress(dnsServerCidrs: readonly string[], tracking: ConnectionTracking = "tracked"): IngressRule[] {
    if (tracking === "untracked") {
        return (["udp", "tcp"] as const).map(protocol => ({
            protocol, fromPort: 53, toPort: 53, cidrBlocks: ["0.0.0.0/0"],
            description: `DNS from every routed network, untracked (${protocol} 53): on-prem, the hub VPC, every spoke, any VPC on the Transit Gateway`,
        }));
    }
    return (["udp", "tcp"] as const).flatMap(protocol => dnsServerCidrs.map(cidr => ({
        protocol, fromPort: 53, toPort: 53, cidrBlocks: [cidr], description: `on-prem DNS ${cidr} (${protocol} 53)`,
    })));
}

/**
 * The Resolver group's description, which says who can query it. Tracked: the on-prem DNS servers
 * only. Untracked: every network routed to the hub VPC, not only on-prem (AWS evaluates no source
 * at 0.0.0.0/0; routing alone decides). EC2 cannot change a group's description: switching modes
 * replaces the group, and with it the Resolver endpoint (new addresses unless
 * onPrem.resolverAddresses pins them).
 */
export function resolverGroupDescription(tracking: ConnectionTracking = "tracked"): string {
    return tracking === "untracked"
        ? "vpce-hub Resolver inbound: DNS from every routed network (untracked: TCP/UDP 53 open to 0.0.0.0/0)"
        : "vpce-hub Resolver inbound: DNS from on-prem DNS servers only";
}

/** Egress of the Resolver's group: none when tracked (replies pass the stateful rules); all TCP and UDP when untracked. */
export function resolverEgress(tracking: ConnectionTracking = "tracked"): { protocol: string; fromPort: number; toPort: number; cidrBlocks: string[]; description: string }[] {
    if (tracking === "tracked") return [];
    return ["udp", "tcp"].map(protocol => ({ protocol, fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"], description: `replies, untracked (${protocol} all ports)` }));
}

/** The queries per second AWS documents per Resolver address: as low as 1,500 tracked, about 10,000 untracked. */
export const RESOLVER_QPS_PER_ADDRESS: Readonly<Record<ConnectionTracking, number>> = { tracked: 1500, untracked: 10000 };

// A member VPC's own endpoints and zones from before the hub, declared in its
// vpce-hub:existingEndpoints (docs/adoption.md): where one of them answers a hub name in that VPC
// (its private DNS or its zone wins over the hub's profile, or the member skipped the hub's zone
// for it), the path check passes and names it, instead of failing as an answer from outside the
// hub would. An undeclared one still fails the check (and stops the member's pulumi up).
import { DnsAnswer, describeSource } from "./dns";
import { Network, Source } from "./network";

/**
 * The hop that says the member's own declared endpoint (or zone) answers `host` in its own VPC, or
 * undefined when the answer is not one the member declared. The member's own security group and
 * in-VPC path are its own: the plan does not see them and says so.
 */
export function ownAnswer(net: Network, src: Source, host: string, a: DnsAnswer): string | undefined {
    if (!src.vpcId || a.endpoint.vpcId !== src.dnsVpcId) return undefined;
    const declared = net.spokes.find(s => s.stack === src.name)?.config.existingEndpoints;
    if (!declared) return undefined;
    const endpoint = declared.endpoints.find(e => e.id === a.endpoint.id);
    const zone = a.source.zoneId ? declared.zones.find(z => z.id === a.source.zoneId) : undefined;
    // Its own zone answering with its own endpoint: both must be declared.
    if (!endpoint || (a.source.kind === "local-zone" && !zone)) return undefined;
    const hub = a.shadowed.filter(x => !x.kind.startsWith("local")).map(x => describeSource(x, net.endpoints));
    const until = hub.length ? `; the hub's ${hub.join(", ")} answers once it is retired` : "; the hub's zone for it is not associated with this VPC until it is retired";
    return `${host} is answered by ${src.name}'s own endpoint ${a.endpoint.id} (${a.endpoint.service}), declared in vpce-hub:existingEndpoints: ` +
        `traffic stays in its VPC ${src.dnsVpcId} (its own security group and subnets, which the plan does not check)${until}`;
}

// No ingress from the whole internet: security groups (default ones included), their rules as
// separate resources, the prefix lists they reference, network ACLs and their rules. Blocks
// count together: 0.0.0.0/1 with 128.0.0.0/1 is 0.0.0.0/0. A stack policy, because what
// belongs together (a group and its separate rules, an ACL and its rules, a Resolver and its
// group) are several resources. Self-contained (no import from the program it judges).
import type { PolicyResource, ReportViolation, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { worldCoveredFamilies } from "./cidr";
import { TYPES } from "./types";

const WORLD: Readonly<Record<4 | 6, string>> = { 4: "0.0.0.0/0", 6: "::/0" };

/** One ingress permission: its sources and ports. */
interface Ingress {
    readonly blocks: readonly unknown[];
    readonly protocol?: string;
    readonly fromPort?: number;
    readonly toPort?: number;
}

/** A set of permissions that admit together (one group, one list, one ACL), and where to report it. */
interface Grouped {
    readonly urn: string;
    readonly name: string;
    readonly what: string;
    readonly ingress: Ingress[];
    /** The security group behind it, for the untracked Resolver exemption. */
    readonly group?: PolicyResource;
}

const TAG = "vpce-hub:connection-tracking";

/** DNS only: TCP or UDP, port 53 alone. */
const dnsOnly = (i: Ingress) => (i.protocol === "tcp" || i.protocol === "udp" || i.protocol === "6" || i.protocol === "17") && i.fromPort === 53 && i.toPort === 53;

/** All traffic out to the world on both transports, which untracked connections need (EC2 UG, "Security group connection tracking"). */
function egressWorldOpen(group: PolicyResource): boolean {
    const egress: Record<string, any>[] = group.props.egress ?? [];
    const open = (pred: (e: Record<string, any>) => boolean) => worldCoveredFamilies(egress.filter(pred).flatMap(e => e.cidrBlocks ?? [])).includes(4);
    const all = (e: Record<string, any>) => e.protocol === "-1" || e.protocol === "all";
    const ports = (proto: string) => (e: Record<string, any>) => all(e) || (e.protocol === proto && e.fromPort === 0 && e.toPort === 65535);
    return open(ports("tcp")) && open(ports("udp"));
}

/**
 * Why a group tagged untracked does not get the DNS exemption, or undefined when it does: the
 * tag alone proves nothing; the group must be an INBOUND Resolver endpoint's (its
 * securityGroupIds depend on it) and open all egress, without which AWS tracks the flows anyway.
 */
export function untrackedExemptionRefused(group: PolicyResource, resources: readonly PolicyResource[]): string | undefined {
    // Known ids (an update) or, before they are (a preview), the property's dependencies.
    const uses = (r: PolicyResource) => (r.propertyDependencies?.securityGroupIds ?? []).some(d => d.urn === group.urn)
        || (group.props.id !== undefined && (r.props.securityGroupIds ?? []).includes(group.props.id));
    const resolver = resources.find(r => r.type === TYPES.resolverEndpoint && r.props.direction === "INBOUND" && uses(r));
    if (!resolver) return "it is not the security group of an INBOUND Resolver endpoint in this stack";
    if (!egressWorldOpen(group)) return "its egress does not admit all TCP and UDP to 0.0.0.0/0, so AWS tracks the connections anyway";
    return undefined;
}

/** The id or, before it is known, the URN of the resource a property names (by its dependency). */
function target(r: PolicyResource, prop: string): string {
    const dep = r.propertyDependencies?.[prop]?.[0];
    return dep?.urn ?? String(r.props[prop]);
}

/** Groups every resource's ingress by what admits together. */
function grouped(resources: readonly PolicyResource[]): Grouped[] {
    const out = new Map<string, Grouped>();
    const add = (key: string, base: Omit<Grouped, "ingress">, ingress: Ingress[]) => {
        const g = out.get(key) ?? { ...base, ingress: [] };
        g.ingress.push(...ingress);
        out.set(key, g);
    };
    // Groups by their URN and, for rules naming them by id, by id.
    const groupById = new Map<string, PolicyResource>();
    for (const r of resources) {
        if (r.type === TYPES.securityGroup || r.type === TYPES.defaultSecurityGroup) {
            groupById.set(r.urn, r);
            if (typeof r.props.id === "string") groupById.set(r.props.id, r);
        }
    }
    for (const r of resources) {
        const at = { urn: r.urn, name: r.name };
        switch (r.type) {
            case TYPES.securityGroup:
            case TYPES.defaultSecurityGroup:
                add(r.urn, { ...at, what: "security group", group: r }, (r.props.ingress ?? []).map((i: Record<string, any>) =>
                    ({ blocks: [...(i.cidrBlocks ?? []), ...(i.ipv6CidrBlocks ?? [])], protocol: i.protocol, fromPort: i.fromPort, toPort: i.toPort })));
                break;
            case TYPES.securityGroupRule: {
                if (r.props.type !== "ingress") break;
                const key = target(r, "securityGroupId");
                const group = groupById.get(key);
                add(group?.urn ?? key, { urn: group?.urn ?? r.urn, name: group?.name ?? r.name, what: "security group", group },
                    [{ blocks: [...(r.props.cidrBlocks ?? []), ...(r.props.ipv6CidrBlocks ?? [])], protocol: r.props.protocol, fromPort: r.props.fromPort, toPort: r.props.toPort }]);
                break;
            }
            case TYPES.securityGroupIngressRule: {
                const key = target(r, "securityGroupId");
                const group = groupById.get(key);
                add(group?.urn ?? key, { urn: group?.urn ?? r.urn, name: group?.name ?? r.name, what: "security group", group },
                    [{ blocks: [r.props.cidrIpv4, r.props.cidrIpv6].filter(b => b !== undefined), protocol: r.props.ipProtocol, fromPort: r.props.fromPort, toPort: r.props.toPort }]);
                break;
            }
            case TYPES.managedPrefixList:
                // Security groups reference the list: its entries admit whoever they name.
                add(r.urn, { ...at, what: "prefix list" }, [{ blocks: (r.props.entries ?? []).map((e: Record<string, unknown>) => e?.cidr) }]);
                break;
            case TYPES.networkAcl:
            case TYPES.defaultNetworkAcl:
                add(r.urn, { ...at, what: "network ACL" }, (r.props.ingress ?? []).filter((e: Record<string, any>) => e.action === "allow")
                    .map((e: Record<string, any>) => ({ blocks: [e.cidrBlock, e.ipv6CidrBlock].filter(b => b !== undefined), protocol: e.protocol, fromPort: e.fromPort, toPort: e.toPort })));
                break;
            case TYPES.networkAclRule:
                if (r.props.egress === true || r.props.ruleAction !== "allow") break;
                add(target(r, "networkAclId"), { ...at, what: "network ACL" },
                    [{ blocks: [r.props.cidrBlock, r.props.ipv6CidrBlock].filter(b => b !== undefined), protocol: r.props.protocol, fromPort: r.props.fromPort, toPort: r.props.toPort }]);
                break;
        }
    }
    return [...out.values()];
}

function check(args: StackValidationArgs, report: ReportViolation): void {
    for (const g of grouped(args.resources)) {
        let ingress = g.ingress;
        if (g.group?.props.tags?.[TAG] === "untracked") {
            const refused = untrackedExemptionRefused(g.group, args.resources);
            if (refused) {
                const open = worldCoveredFamilies(ingress.filter(dnsOnly).flatMap(i => i.blocks));
                if (open.length) report(`${g.name} is tagged ${TAG}=untracked but ${refused}: the tag alone does not earn the DNS exemption; it admits ${open.map(f => WORLD[f]).join(", ")} on port 53.`, g.urn);
            }
            // DNS is judged above (exempt, or reported with the reason); every other port still counts.
            ingress = ingress.filter(i => !dnsOnly(i));
        }
        const open = worldCoveredFamilies(ingress.flatMap(i => i.blocks));
        if (open.length) {
            const split = !ingress.some(i => i.blocks.some(b => typeof b === "string" && /\/0+\s*$/.test(b)));
            report(`${g.name} (${g.what}) admits ingress from ${open.map(f => WORLD[f]).join(", ")}${split ? " (its blocks together cover every address)" : ""}; name the spoke or on-premises CIDRs instead.`, g.urn);
        }
    }
}

export const noWorldOpenIngress: StackValidationPolicy = {
    name: "vpce-hub-no-world-open-ingress",
    description:
        "No ingress from the whole internet: no security group (default ones included), security group rule, prefix list " +
        "entry (security groups reference the hub's list of sources) or network ACL allow entry admits 0.0.0.0/0 or ::/0, " +
        "alone or with other blocks that together cover every address (0.0.0.0/1 + 128.0.0.0/1). Egress is not checked. " +
        "The one exception: DNS (TCP/UDP 53) of a security group tagged vpce-hub:connection-tracking=untracked that is an " +
        "INBOUND Resolver endpoint's and opens all egress (AWS's rules for high query rates); the tag alone earns nothing.",
    enforcementLevel: "mandatory",
    validateStack: check,
};

// What a member checks of its hub before it accepts or associates anything the hub's outputs name
// (issue 28.4). A member applies a peering, RAM shares, a Route 53 Profile, zones and routes to
// the hub CIDR from the hub's stack outputs; outputs someone changed must not lead it to accept
// another account's peering or share, to associate zones that answer names the hub's services do
// not, or to route a default route or its own network away. Each output is held to the hub's
// account (`accountId`, and `vpce-hub:hubAccountId` when the member pins it) through what AWS
// says of it: an ARN's account field, the owner EC2 reports, the peering's requester as EC2
// describes it to the accepter. Pure: stacks/hubFacts.ts asks AWS, this decides.
import { ConfigError, NS, hubStackName } from "../config";
import { overlaps, parseCidr } from "../net/cidr";
import { overlaps6, parseCidr6 } from "../net/ipv6";
import { zoneServed } from "../aws/endpointService";
import { HubOutputs } from "../model";

/** AWS's VPC block sizes (Amazon VPC user guide, "VPC CIDR blocks"): IPv4 /16 to /28; IPv6 /44 to /60 (Amazon's /56, or IPAM's). */
export const VPC_IPV4_PREFIXES = { min: 16, max: 28 } as const;
export const VPC_IPV6_PREFIXES = { min: 44, max: 60 } as const;

/** The member as it checks the hub: its own VPC and account, and what it pins of the hub. */
export interface MemberSide {
    readonly stack: string;
    readonly hubStack: string;
    /** The account the member runs in (its credentials). */
    readonly accountId: string;
    readonly vpcId: string;
    readonly cidr: string;
    /** The member's IPv6 blocks (declared, or registered for it). */
    readonly ipv6Cidrs?: readonly string[];
    /** `vpce-hub:hubAccountId`: the hub's account as the member's own file says it. */
    readonly hubAccountId?: string;
}

/** The peering request as EC2 describes it to the accepter (DescribeVpcPeeringConnections). */
export interface PeeringFacts {
    readonly requesterOwnerId: string;
    readonly requesterVpcId: string;
    readonly requesterCidr: string;
    readonly accepterOwnerId: string;
    readonly accepterVpcId: string;
}

/**
 * The Transit Gateway as the member can see it: its owner (DescribeTransitGateways, once a share
 * reaches the member), or, while the hub's share waits for acceptance, the resources RAM lists in
 * that pending invitation (ListPendingInvitationResources); "unseen": neither.
 */
export type TransitGatewayFacts = { readonly ownerId: string } | { readonly pendingShareResources: readonly string[] } | "unseen";

/** An interface endpoint service as AWS describes it (DescribeVpcEndpointServices). */
export interface ServiceFacts {
    readonly privateDnsNames: readonly string[];
}

/** What the member asked AWS about the hub's outputs; a fact left out was not needed. */
export interface HubFacts {
    readonly peering?: PeeringFacts | "not-found";
    readonly transitGateway?: TransitGatewayFacts;
    /** Per partner service of the hub (servicesToDescribe): undefined when AWS does not describe its endpoint service. */
    readonly services?: Readonly<Record<string, ServiceFacts | undefined>>;
}

/** The account field of an ARN (arn:partition:service:region:account:resource), or undefined. */
export function arnAccount(arn: string | undefined): string | undefined {
    const parts = (arn ?? "").split(":");
    return parts.length >= 6 && parts[0] === "arn" && /^\d{12}$/.test(parts[4]) ? parts[4] : undefined;
}

/** The endpoint service a hub service uses: its output, else AWS's name for an AWS service. */
export function endpointServiceOf(hub: Pick<HubOutputs, "region" | "services">, service: string): string {
    return hub.services[service]?.endpointService ?? `com.amazonaws.${hub.region}.${service}`;
}

/**
 * Every reason to refuse what the hub's outputs ask of this member, each naming the output and
 * what is wrong; empty when they belong to the hub. `entry` is the member's registry entry. Both
 * halves: what the outputs say by themselves, then what AWS says of the resources they name.
 */
export function hubTrustErrors(member: MemberSide, hub: HubOutputs, entry: HubOutputs["spokes"][string], facts: HubFacts): ConfigError[] {
    const own = hubOutputErrors(member, hub, entry, facts.services);
    return own.length ? own : hubResourceErrors(member, hub, entry, facts);
}

/** A refusal of one output, worded the same everywhere. */
function refuser(member: MemberSide, errors: ConfigError[]): (output: string, value: unknown, what: string, key?: string) => void {
    const name = hubStackName(member.hubStack);
    return (output, value, what, key = `${NS}:hubStack`) =>
        errors.push({ stack: member.stack, key, message: `the hub "${name}"'s output ${output} (${String(value)}) ${what}: refusing it` });
}

/**
 * What the outputs say by themselves, checked before the member asks RAM about any share: the
 * hub's account (and the one the member pins), the hub CIDR, that every share and the profile
 * belong to the hub's account by their ARNs, and the zones the member would associate.
 */
export function hubOutputErrors(member: MemberSide, hub: HubOutputs, entry: HubOutputs["spokes"][string], services?: HubFacts["services"]): ConfigError[] {
    const errors: ConfigError[] = [];
    const refuse = refuser(member, errors);
    const hubAccount = hub.accountId;
    if (!/^\d{12}$/.test(String(hubAccount))) {
        refuse("accountId", hubAccount, "is not an AWS account id");
        return errors;
    }
    if (member.hubAccountId && member.hubAccountId !== hubAccount) {
        refuse("accountId", hubAccount, `is not the hub's account ${member.hubAccountId} this member pins`, `${NS}:hubAccountId`);
        return errors;
    }
    const owned = (output: string, arn: string | undefined, what: string) => {
        const account = arnAccount(arn);
        if (account !== hubAccount) refuse(output, arn, `${account ? `belongs to account ${account}` : "is not an ARN"}, not to the hub's account ${hubAccount}: this member will not accept ${what} from it`);
    };
    hubCidrErrors(member, hub, refuse);
    if (entry.connectivity === "transitGateway") {
        if (!hub.transitGateway?.id) refuse("transitGateway", hub.transitGateway?.id, "names no Transit Gateway for a transitGateway member");
        else if (hub.transitGateway.resourceShareArn !== undefined) owned("transitGateway.resourceShareArn", hub.transitGateway.resourceShareArn, "a RAM share");
    }
    if (hub.dns?.sharing === "profile") {
        owned("dns.profileArn", hub.dns.profileArn, "a Route 53 Profile");
        if (hub.dns.profileArn && hub.dns.profileId && !hub.dns.profileArn.endsWith(`/${hub.dns.profileId}`)) {
            refuse("dns.profileId", hub.dns.profileId, `is not the profile of dns.profileArn ${hub.dns.profileArn}`);
        }
        if (hub.dns.resourceShareArn !== undefined) owned("dns.resourceShareArn", hub.dns.resourceShareArn, "a RAM share");
    } else {
        zoneErrors(member, hub, entry, services, refuse);
    }
    return errors;
}

/**
 * What AWS says of the peering or the Transit Gateway the outputs name, asked once the member
 * knows which of the hub's shares it would accept: the peering's requester and accepter as EC2
 * describes them, the gateway's owner, or what the hub's pending share holds.
 */
export function hubResourceErrors(member: MemberSide, hub: HubOutputs, entry: HubOutputs["spokes"][string], facts: Pick<HubFacts, "peering" | "transitGateway">): ConfigError[] {
    const errors: ConfigError[] = [];
    const refuse = refuser(member, errors);
    const hubAccount = hub.accountId;
    if (entry.connectivity === "peering") {
        const p = facts.peering;
        const id = entry.peeringConnectionId;
        if (!p || p === "not-found") {
            refuse(`spokes.${member.stack}.peeringConnectionId`, id, `is not a peering request EC2 shows account ${member.accountId}`);
            return errors;
        }
        const expect: [string, string, string][] = [
            ["requester account", p.requesterOwnerId, hubAccount],
            ["requester VPC", p.requesterVpcId, hub.vpcId],
            ["requester CIDR", p.requesterCidr, hub.vpcCidr],
            ["accepter account", p.accepterOwnerId, member.accountId],
            ["accepter VPC", p.accepterVpcId, member.vpcId],
        ];
        for (const [what, actual, wanted] of expect) {
            if (actual !== wanted) refuse(`spokes.${member.stack}.peeringConnectionId`, id, `has ${what} ${actual} as EC2 describes it, not ${wanted}: this member will not accept it`);
        }
        return errors;
    }
    const tgw = hub.transitGateway;
    if (!tgw?.id) return errors;
    const t = facts.transitGateway;
    const inShare = (arns: readonly string[]) => arns.some(a => a.endsWith(`:transit-gateway/${tgw.id}`) && arnAccount(a) === hubAccount);
    if (t === undefined || t === "unseen") refuse("transitGateway.id", tgw.id, `is not a Transit Gateway account ${member.accountId} can see, nor one in the hub's RAM share`);
    else if ("ownerId" in t && t.ownerId !== hubAccount) refuse("transitGateway.id", tgw.id, `is owned by account ${t.ownerId}, not by the hub's account ${hubAccount}: this member will not attach to it`);
    else if ("pendingShareResources" in t && !inShare(t.pendingShareResources)) {
        refuse("transitGateway.id", tgw.id, `is not in the hub's RAM share (its pending invitation lists ${t.pendingShareResources.join(", ") || "nothing"}): this member will not attach to it`);
    }
    return errors;
}

type Refuse = (output: string, value: unknown, what: string, key?: string) => void;

/**
 * The hub CIDR the member routes: a VPC's block as AWS allows one (never a default route, never
 * wider than a VPC), and never one that covers or overlaps the member's own network.
 */
function hubCidrErrors(member: MemberSide, hub: HubOutputs, refuse: Refuse): void {
    const v4 = parseCidr(String(hub.vpcCidr));
    if (typeof v4 === "string") refuse("vpcCidr", hub.vpcCidr, `is not an IPv4 CIDR (${v4})`);
    else if (v4.prefix < VPC_IPV4_PREFIXES.min || v4.prefix > VPC_IPV4_PREFIXES.max) {
        refuse("vpcCidr", hub.vpcCidr, `${v4.prefix === 0 ? "is a default route" : `is a /${v4.prefix}`}, not a VPC's block (/${VPC_IPV4_PREFIXES.min} to /${VPC_IPV4_PREFIXES.max}): this member will not route it to the hub`);
    } else if (overlaps(String(hub.vpcCidr), member.cidr)) {
        refuse("vpcCidr", hub.vpcCidr, `overlaps this member's own ${member.cidr}: this member will not route it to the hub`);
    }
    if (hub.vpcIpv6Cidr === undefined) return;
    const v6 = parseCidr6(String(hub.vpcIpv6Cidr));
    if (typeof v6 === "string") refuse("vpcIpv6Cidr", hub.vpcIpv6Cidr, `is not an IPv6 CIDR (${v6})`);
    else if (v6.prefix < VPC_IPV6_PREFIXES.min || v6.prefix > VPC_IPV6_PREFIXES.max) {
        refuse("vpcIpv6Cidr", hub.vpcIpv6Cidr, `${v6.prefix === 0 ? "is a default route" : `is a /${v6.prefix}`}, not a VPC's IPv6 block (/${VPC_IPV6_PREFIXES.min} to /${VPC_IPV6_PREFIXES.max}): this member will not route it to the hub`);
    } else {
        const own = (member.ipv6Cidrs ?? []).find(c => overlaps6(String(hub.vpcIpv6Cidr), c));
        if (own) refuse("vpcIpv6Cidr", hub.vpcIpv6Cidr, `overlaps this member's own ${own}: this member will not route it to the hub`);
    }
}

/**
 * Domains only AWS holds names in: an AWS service's private DNS names are all below one of them
 * (amazonaws.com, amazonaws.com.cn, and the `aws` top-level domain of api.aws, on.aws, sagemaker.aws).
 */
export const AWS_DOMAINS = ["amazonaws.com", "amazonaws.com.cn", "aws"] as const;

/** Whether an endpoint service is AWS's own (com.amazonaws.<region>.x, aws.sagemaker.<region>.x), not a partner's or a customer's (com.amazonaws.vpce.<region>.vpce-svc-...). */
export function isAwsService(endpointService: string): boolean {
    return !/^com\.amazonaws\.vpce\./.test(endpointService);
}

const underAwsDomain = (zone: string) => AWS_DOMAINS.some(d => zone === d || zone.endsWith(`.${d}`));

/**
 * The zones a member associates (associations mode) must be the hub's service zones: each is a
 * zone of one of the hub's services, under the id that service gives it, and a name that service
 * answers: below an AWS domain for AWS's own services (where every name they answer is), or a
 * name AWS lists as the private DNS name of a partner's endpoint service (a name its provider
 * proved to own). A zone for any other name would let the hub answer names that are not its
 * services' (a corporate domain, a public site) for this member's VPC.
 */
function zoneErrors(member: MemberSide, hub: HubOutputs, entry: HubOutputs["spokes"][string], services: HubFacts["services"], refuse: Refuse): void {
    const ofService = new Map<string, { service: string; id: string }>();
    for (const [service, s] of Object.entries(hub.services ?? {})) for (const z of s.zones ?? []) ofService.set(z.name, { service, id: z.id });
    for (const [zone, id] of Object.entries(hub.zoneIds ?? {})) {
        const owner = ofService.get(zone);
        if (!owner) { refuse(`zoneIds.${zone}`, id, "is a zone of none of the hub's services"); continue; }
        if (owner.id !== id) { refuse(`zoneIds.${zone}`, id, `is not the id services.${owner.service} gives the zone (${owner.id})`); continue; }
        const endpointService = endpointServiceOf(hub, owner.service);
        if (isAwsService(endpointService)) {
            if (!underAwsDomain(zone)) refuse(`zoneIds.${zone}`, id, `is not a name AWS's service ${owner.service} answers (none is outside ${AWS_DOMAINS.join(", ")})`);
            continue;
        }
        const aws = services?.[owner.service];
        if (!aws) refuse(`zoneIds.${zone}`, id, `belongs to service ${owner.service}, whose endpoint service ${endpointService} AWS does not describe to this member`);
        else if (!zoneServed(zone, aws.privateDnsNames.map(n => n.toLowerCase().replace(/\.$/, "")))) {
            refuse(`zoneIds.${zone}`, id, `is not a name the hub's service ${owner.service} answers: AWS lists ${aws.privateDnsNames.join(", ") || "no private DNS name"} for ${endpointService}`);
        }
    }
    const ids = new Set(Object.values(hub.zoneIds ?? {}));
    for (const id of entry.authorizedZoneIds ?? []) {
        if (!ids.has(id)) refuse(`spokes.${member.stack}.authorizedZoneIds`, id, "is not one of the hub's zones (zoneIds)");
    }
}

/** The hub's services whose zones the member cannot judge without asking AWS: partners' and customers' endpoint services. */
export function servicesToDescribe(hub: Pick<HubOutputs, "region" | "services" | "dns">): string[] {
    if (hub.dns?.sharing === "profile") return [];
    return Object.keys(hub.services ?? {}).filter(s => !isAwsService(endpointServiceOf(hub, s)));
}

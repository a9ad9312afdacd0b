// The configuration model: what a validated stack config holds, and the defaults of the keys a
// user may leave out. Pure: no Pulumi import, no reading (lib/config/stack.ts reads).
import type { ResolvedService } from "../catalog/types";
import { PRICE_KEYS } from "./schema";
import type { Quotas } from "../aws/quotas";
import type { PrefixLists } from "../net/prefixLists";
import type { IpAddressType } from "../aws/dualStack";
import type { DnsMode, SpokeDns } from "./dns";
import type { ConnectionTracking } from "../aws/securityGroups";

// AWS's quota figures are AWS rules (lib/aws/quotas.ts); the config holds the user's view of them.
export { DEFAULT_QUOTAS, HARD_LIMITS } from "../aws/quotas";
export type { Quotas } from "../aws/quotas";

export const NS = "vpce-hub";

/** A VPC that already exists: the program adds endpoints, routes and associations to it. */
export interface ExistingVpc {
    readonly kind: "existing";
    /** vpc-... */
    readonly id: string;
    /** The VPC's primary IPv4 CIDR. */
    readonly cidr: string;
    /** Subnets for endpoints, the Resolver and TGW attachments; at least two AZs. */
    readonly subnetIds: readonly string[];
    /** Route tables that get routes to the other side (hub: spokes and on-prem; spoke: hub). */
    readonly routeTableIds: readonly string[];
    /** The VPC's IPv6 block (dual-stack hubs; spokes that route the hub's IPv6 block). */
    readonly ipv6Cidr?: string;
}

/** A VPC the hub creates: isolated subnets, one per AZ, no internet gateway, no NAT (stacks/hub.ts newNetwork). */
export interface NewVpc {
    readonly kind: "new";
    readonly cidr: string;
    /** How many AZs get a subnet (2 to 6). */
    readonly availabilityZones: number;
}

export type Connectivity = "peering" | "transitGateway";

/** One entry of the hub's registry of who may use the hub. */
export interface SpokeEntry {
    /** The member's stack name. */
    readonly name: string;
    readonly accountId: string;
    readonly vpcId: string;
    readonly cidr: string;
    readonly connectivity: Connectivity;
    /** The member VPC's IPv6 blocks, admitted by a dual-stack hub's endpoints. */
    readonly ipv6Cidrs?: readonly string[];
}

export interface OnPrem {
    /** On-premises networks that use the hub over VPN. */
    readonly cidrs: readonly string[];
    /** On-premises IPv6 networks, admitted by a dual-stack hub's endpoints. */
    readonly ipv6Cidrs?: readonly string[];
    /** An existing virtual private gateway attached to the hub VPC. */
    readonly vpnGatewayId?: string;
    /** Or a new site-to-site VPN to this customer gateway. */
    readonly customerGateway?: { readonly ip: string; readonly bgpAsn: number };
    /** IPs of on-prem DNS servers allowed to query the Resolver; defaults to `cidrs`. */
    readonly dnsServerCidrs: readonly string[];
    /** Pinned Resolver inbound addresses; omitted: one per AZ, picked by AWS. */
    readonly resolverAddresses?: readonly { readonly subnetId: string; readonly ip: string }[];
    /** The Resolver's security group: tracked (default, on-prem DNS servers only) or untracked (AWS's high-rate rules). */
    readonly resolverConnectionTracking: ConnectionTracking;
}

/** AWS quotas the plan checks against; defaults are AWS's, raise them when AWS raised yours. */
/** Price keys users may override in `vpce-hub:cost.prices` (USD); declared with the other keys in configSchema.ts. */
export { PRICE_KEYS };
export type PriceKey = typeof PRICE_KEYS[number];

export interface CostOptions {
    /** Traffic each spoke sends through the hub's endpoints per month. */
    readonly gbPerMonthPerSpoke: number;
    /** Traffic on-prem sends through the hub's endpoints per month. */
    readonly onPremGbPerMonth: number;
    /** Resolver queries from on-prem per month, in millions. */
    readonly onPremMillionQueriesPerMonth: number;
    /** Overrides of the region's price table. */
    readonly prices: Partial<Record<PriceKey, number>>;
}

export const DEFAULT_COST: CostOptions = { gbPerMonthPerSpoke: 0, onPremGbPerMonth: 0, onPremMillionQueriesPerMonth: 0, prices: {} };

export interface HubConfig {
    readonly role: "hub";
    readonly stack: string;
    readonly region: string;
    readonly accountId?: string;
    readonly vpc: ExistingVpc | NewVpc;
    readonly services: readonly ResolvedService[];
    readonly spokes: readonly SpokeEntry[];
    readonly onPrem?: OnPrem;
    /** o-...: endpoint policies admit this organization's principals to its resources (else the declared accounts'). */
    readonly organizationId?: string;
    /** Without organizationId: accounts the endpoint policies admit besides the hub's and the members' (default none). */
    readonly trustedAccounts?: readonly string[];
    /** An existing Transit Gateway to use instead of creating one. */
    readonly transitGatewayId?: string;
    /** Other hub stacks of the plan that use the same existing Transit Gateway (docs/multi-hub.md). */
    readonly transitGatewaySharedWith?: readonly string[];
    /** Protect zones and endpoints against accidental deletion (default true). */
    readonly protect: boolean;
    /** ipv4 (default), or dualstack: endpoints with IPv6 addresses, AAAA records, dual-stack names. */
    readonly ipAddressType: IpAddressType;
    readonly quotas: Quotas;
    /** Prefix lists for the admitted networks and the TGW spokes' routes (default none). */
    readonly prefixLists: PrefixLists;
    readonly cost: CostOptions;
    /** `vpce-hub:dns`: zone associations per spoke, or one Route 53 Profile (lib/config/dns.ts). */
    readonly dns: DnsMode;
}

export interface SpokeConfig {
    readonly role: "spoke";
    readonly stack: string;
    readonly region: string;
    readonly accountId?: string;
    /** org/project/stack of the hub. */
    readonly hubStack: string;
    readonly vpc: ExistingVpc;
    /**
     * The hub's RAM shares: auto (default) accepts a pending invitation to each, as RAM says at
     * deploy time (stacks/ramShares.ts); true accepts without asking, false never accepts.
     */
    readonly acceptRamShare: AcceptRamShare;
    /** `vpce-hub:dns`: the sharing this member is pinned to while the hub migrates; absent: the hub's. */
    readonly dns?: SpokeDns;
    /** `vpce-hub:existingEndpoints`: the member VPC's own endpoints and zones from before the hub (docs/adoption.md); absent: none declared. */
    readonly existingEndpoints?: ExistingEndpoints;
}

/** One of the member VPC's own interface endpoints (`vpce-hub:existingEndpoints`, lib/config/existingEndpoints.ts reads it). */
export interface ExistingEndpoint {
    /** The hub service it is an endpoint of (a key of the hub's `services`). */
    readonly service: string;
    /** vpce-... */
    readonly id: string;
    /** Private DNS on: it answers the service's names in the member VPC (default true). */
    readonly privateDns: boolean;
}

/** A private hosted zone for a service name, associated with the member VPC (made by hand). */
export interface ExistingZone {
    readonly name: string;
    /** Z... */
    readonly id: string;
}

export interface ExistingEndpoints {
    /** The member's pulumi up adopts the endpoints and deletes them once the hub answers (profile mode). */
    readonly retire: boolean;
    readonly endpoints: readonly ExistingEndpoint[];
    readonly zones: readonly ExistingZone[];
}

/** `vpce-hub:acceptRamShare`: find out at deploy time (auto), or the user's override. */
export type AcceptRamShare = "auto" | boolean;

export type StackConfig = HubConfig | SpokeConfig;

export interface ConfigError {
    readonly stack: string;
    /** Full config key path, e.g. `vpce-hub:vpc.subnetIds[1]`. */
    readonly key: string;
    readonly message: string;
}

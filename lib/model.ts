// Shapes shared by the stack programs, the simulated cloud, the plan and its readers, and
// the Pulumi type tokens the plan's readers match resources by. No Pulumi import.
import type { Connectivity, StackConfig } from "./config";

/**
 * Pulumi type tokens of the AWS resources the plan's readers (path checks, cost, quotas, the
 * comparison with a previous plan) look for. policy/rules.ts keeps its own copy (a policy
 * pack must not import the program); test/policy.test.ts checks that the two agree.
 */
export const TYPES = {
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    route: "aws:ec2/route:Route",
    managedPrefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    vpcPeeringConnection: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    vpcPeeringConnectionAccepter: "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
    vpnGateway: "aws:ec2/vpnGateway:VpnGateway",
    vpnGatewayRoutePropagation: "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation",
    vpnConnectionRoute: "aws:ec2/vpnConnectionRoute:VpnConnectionRoute",
    tgwAttachment: "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
    tgwRouteTable: "aws:ec2transitgateway/routeTable:RouteTable",
    tgwRouteTableAssociation: "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation",
    tgwRouteTablePropagation: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation",
    tgwDefaultRouteTableAssociation: "aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation",
    tgwDefaultRouteTablePropagation: "aws:ec2transitgateway/defaultRouteTablePropagation:DefaultRouteTablePropagation",
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    zoneAssociation: "aws:route53/zoneAssociation:ZoneAssociation",
    vpcAssociationAuthorization: "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
    resolverEndpoint: "aws:route53/resolverEndpoint:ResolverEndpoint",
    profile: "aws:route53/profilesProfile:ProfilesProfile",
    profileAssociation: "aws:route53/profilesAssociation:ProfilesAssociation",
    profileResourceAssociation: "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation",
    ramResourceShare: "aws:ram/resourceShare:ResourceShare",
    ramResourceAssociation: "aws:ram/resourceAssociation:ResourceAssociation",
    ramPrincipalAssociation: "aws:ram/principalAssociation:PrincipalAssociation",
    ramResourceShareAccepter: "aws:ram/resourceShareAccepter:ResourceShareAccepter",
} as const;

/** How the hub shares DNS (its `dns` output); a hub without it predates profiles: associations. */
export interface HubDnsOutput {
    readonly sharing: string;
    readonly records: string;
    readonly migration?: string;
    readonly profileId?: string;
    readonly profileArn?: string;
    /** The RAM share of the profile; absent when no spoke is in another account. */
    readonly resourceShareArn?: string;
}

/**
 * What the hub stack exports, as separate top-level outputs (one per field); a spoke reads
 * the ones it needs one by one by StackReference (stacks/spoke.ts, HUB_OUTPUT_KEYS).
 */
export interface HubOutputs {
    readonly accountId: string;
    readonly region: string;
    readonly vpcId: string;
    readonly vpcCidr: string;
    /** The hub VPC's IPv6 block, on dual-stack hubs only: spokes with registered IPv6 blocks route it. */
    readonly vpcIpv6Cidr?: string;
    /** Hub route tables that carry routes to spokes and on-prem. */
    readonly routeTableIds: string[];
    /** Per service: its endpoint and zones. */
    readonly services: Record<string, {
        readonly endpointId: string;
        /** Its endpoint service (com.amazonaws.<region>.<service>); absent from hubs deployed before it existed. */
        readonly endpointService?: string;
        /** The endpoint's regional DNS name (first DNS entry), publicly resolvable to its private IPs. */
        readonly regionalDnsName: string;
        readonly ports: number[];
        readonly zones: { readonly name: string; readonly id: string; readonly wildcard: boolean }[];
        /** dualstack: the endpoint has IPv6 addresses and every record an AAAA twin. */
        readonly ipAddressType?: "ipv4" | "dualstack";
        /** Private DNS on (records: endpoint): the endpoint answers its names itself. */
        readonly privateDns?: boolean;
    }>;
    /** Zone name -> hosted zone id, every zone of every service. */
    readonly zoneIds: Record<string, string>;
    /**
     * Every name the hub answers in its VPC (where the Resolver inbound endpoint answers on-prem):
     * its zones and, with records: endpoint, the endpoints' own private DNS names. On-prem
     * forwards each to the Resolver. Absent from the outputs of hubs deployed before it existed.
     */
    readonly answeredNames?: string[];
    /** The DNS mode and, in profile mode, the profile spokes associate with. */
    readonly dns?: HubDnsOutput;
    /** Resolver inbound endpoint addresses for on-prem forwarders (empty without onPrem). */
    readonly resolverInboundIps: string[];
    /** On-prem forwarder configs (BIND, Unbound, Windows DNS, dnsmasq) for those addresses; only with onPrem. */
    readonly forwarders?: { readonly bind: string; readonly unbound: string; readonly windows: string; readonly dnsmasq: string };
    /** The hub's registry, as the hub applied it. */
    readonly spokes: Record<string, {
        readonly accountId: string;
        readonly vpcId: string;
        readonly cidr: string;
        readonly connectivity: Connectivity;
        readonly peeringConnectionId?: string;
        /** The spoke VPC's IPv6 blocks the hub admits and routes (dual-stack hubs). */
        readonly ipv6Cidrs?: readonly string[];
        /** Zone ids this spoke's VPC was authorized to associate (empty in the hub's own account). */
        readonly authorizedZoneIds: string[];
    }>;
    readonly transitGateway?: {
        readonly id: string;
        /** Absent when every Transit Gateway spoke is in the hub's own account. */
        readonly resourceShareArn?: string;
        readonly hubRouteTableId: string;
        readonly spokesRouteTableId: string;
        /**
         * Attachments to the gateway no spoke registers, as the hub found them at deploy time
         * (stacks/attachments.ts); absent on a gateway shared with other hubs, whose members
         * this hub does not know.
         */
        readonly unregisteredAttachments?: readonly UnregisteredAttachment[];
    };
}

/** An attachment to a hub's Transit Gateway whose VPC no spoke registers (made outside vpce-hub). */
export interface UnregisteredAttachment {
    readonly id: string;
    readonly vpcId: string;
    /** The VPC's account. */
    readonly accountId: string;
    readonly state: "available" | "pendingAcceptance";
    /** The blocks it propagates into the hub's route table (its VPC's). */
    readonly cidrs: readonly string[];
    /** Transit Gateway members whose block holds one of them: the hub's replies to those addresses go to it. */
    readonly takes: readonly string[];
}

/** What a spoke stack exports. */
export interface SpokeOutputs {
    readonly accountId: string;
    readonly region: string;
    readonly hubStack: string;
    readonly vpcId: string;
    readonly connectivity: Connectivity;
    /** Zone name -> association id (empty in profile mode). */
    readonly associatedZones: Record<string, string>;
    /** Profile mode: the profile this VPC is associated with, and the association. */
    readonly profile?: { readonly id: string; readonly associationId: string };
    readonly peeringConnectionId?: string;
    readonly transitGatewayAttachmentId?: string;
    /** Hub CIDR routed from each of the spoke's route tables. */
    readonly routes: { readonly routeTableId: string; readonly destination: string; readonly via: string }[];
}

/** One resource as the plan saw it. */
export interface PlannedResource {
    readonly urn: string;
    /** Pulumi type token, e.g. aws:ec2/vpcEndpoint:VpcEndpoint. */
    readonly type: string;
    /** Logical name. */
    readonly name: string;
    /** Simulated physical id. */
    readonly id: string;
    /** Inputs as the program passed them. */
    readonly inputs: Record<string, any>;
    /** Outputs as the simulated cloud returned them. */
    readonly outputs: Record<string, any>;
    /** Whether it is a ComponentResource (no cloud object). */
    readonly component?: boolean;
    readonly parent?: string;
}

export interface PlannedStack {
    readonly stack: string;
    readonly role: "hub" | "spoke";
    readonly accountId: string;
    readonly region: string;
    /** The validated configuration. */
    readonly config: StackConfig;
    readonly resources: PlannedResource[];
    /** Stack outputs (HubOutputs or SpokeOutputs), resolved. */
    readonly outputs: Record<string, any>;
    /**
     * What the stack's VPC holds that no stack manages and the checks must see: a member's own
     * endpoints and zones from before the hub (vpce-hub:existingEndpoints; in the plan seeded
     * from that declaration, so simulated). Not created, changed or deleted by `pulumi up`.
     */
    readonly existing?: PlannedResource[];
    /** What the stack program warned about while it ran (e.g. names AWS serves that no zone answers). */
    readonly warnings?: Warning[];
}

export interface PathCheck {
    /** "service": a consumer reaching a service name; "isolation": a spoke that must not reach another. */
    readonly kind: "service" | "isolation";
    /** The hub whose consumer this is; set when the plan has several hubs. */
    readonly hub?: string;
    /** "AAAA" for the IPv6 half of a dual-stack service's check (IPv6 source, AAAA answer); absent: A. */
    readonly recordType?: "AAAA";
    /** A spoke stack name, or "on-prem". */
    readonly source: string;
    /**
     * A service name; for isolation checks "spoke:<name>" of the spoke a failing check reaches,
     * or "spoke:*" on the one passing check per isolated spoke; "hub:<hub stack>" for isolation
     * from another hub (its endpoints and its spokes).
     */
    readonly service: string;
    /** The name looked up (apex or a prefixed name under a wildcard). */
    readonly host: string;
    /** IPs the DNS lookup returned for the source (empty: no private answer). */
    readonly answer: string[];
    readonly verdict: "pass" | "fail";
    /** Empty on pass; on fail, the missing piece by name. */
    readonly reason: string;
    /** Each hop, human readable. */
    readonly path: string[];
    /**
     * True where the catalog does not know the service: its names were assumed from the default
     * rule, so a pass proves the plan's own zones, and the names are verified at pulumi up.
     */
    readonly assumed?: true;
}

export interface Warning {
    /** A short code, e.g. quota:vpcsPerZone, removal:service. */
    readonly code: string;
    readonly message: string;
}

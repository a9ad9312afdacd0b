// The hub's endpoints and zones: per service one interface endpoint (private DNS off), one
// security group, and per catalog zone a private hosted zone with alias records.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ResolvedService } from "../lib/catalog/types";
import type { IpAddressType } from "../lib/aws/dualStack";
import { DEFAULT_DNS, DnsMode } from "../lib/config/dns";
import { Source, endpointIngress } from "../lib/aws/securityGroups";
import { aliasTarget } from "../lib/aws/records";
import { endpointOptions, zoneOptions } from "./options";

/** A service as the hub builds it, after the deploy-time check (stacks/endpointServices.ts). */
export type HubService = ResolvedService & {
    /** dualstack: IPv6 addresses on the endpoint and an AAAA alias beside every A alias. Omitted: ipv4. */
    readonly ipAddressType?: IpAddressType;
};

export interface HubEndpointsArgs {
    /** The hub VPC. */
    readonly vpcId: pulumi.Input<string>;
    readonly region: string;
    /** Subnets the endpoints get a network interface in (one per AZ). */
    readonly subnetIds: pulumi.Input<string[]>;
    /** Per service, fewer subnets where AWS does not offer the service in every AZ of `subnetIds`. */
    readonly serviceSubnetIds?: Readonly<Record<string, pulumi.Input<string[]>>>;
    /** Services from the catalog, resolved for the region. */
    readonly services: readonly HubService[];
    /** Networks admitted on each service's ports: hub, spokes, on-prem. */
    readonly sources: readonly Source[];
    /** A prefix list holding the sources: each endpoint security group references it instead. */
    readonly sourcesPrefixListId?: pulumi.Input<string>;
    /**
     * The endpoint policy document of each service, by service name (stacks/hub.ts builds them
     * with lib/aws/endpointPolicies.ts); none for a service: AWS's default, full access.
     */
    readonly policies: Readonly<Record<string, string | undefined>>;
    /** Protect zones and endpoints against deletion. */
    readonly protect: boolean;
    /** `vpce-hub:dns` (default: associations, zones). */
    readonly dns?: DnsMode;
    /** During the zones -> endpoint migration: the VPC zones the endpoints' private DNS replaces are parked on. */
    readonly parkingVpcId?: pulumi.Input<string>;
    /** Resources the parked zones must wait for (the hub VPC's profile association). */
    readonly parkAfter?: pulumi.Resource[];
}

export interface ServiceResult {
    readonly endpoint: aws.ec2.VpcEndpoint;
    readonly regionalDnsName: pulumi.Output<string>;
    readonly zones: { readonly name: string; readonly wildcard: boolean; readonly zone: aws.route53.Zone }[];
    /** Whether the endpoint has private DNS on (records: endpoint): it then goes into the profile. */
    readonly privateDns: boolean;
}

/** How one service is served in a DNS mode: which names by the endpoint, which by hub zones. */
export interface ServiceDnsPlan {
    readonly privateDns: boolean;
    /** Zones the hub creates, and whether each sits on the parking VPC (migration) instead of the hub VPC. */
    readonly zones: { readonly name: string; readonly wildcard: boolean; readonly parked: boolean }[];
}

/**
 * records: zones — private DNS off, a zone per name. records: endpoint — private DNS on where
 * the catalog knows the endpoint's private DNS names, and hub zones only for the names it does
 * not cover (a service without private DNS, or a zone the user declared). During the migration
 * steps the covered zones stay, parked off the hub VPC, until the steady state deletes them.
 */
export function serviceDnsPlan(svc: ResolvedService, dns: DnsMode): ServiceDnsPlan {
    if (dns.records === "zones" || (svc.privateDnsNames ?? []).length === 0) {
        return { privateDns: false, zones: svc.zones.map(z => ({ name: z.name, wildcard: z.wildcard, parked: false })) };
    }
    const covered = new Set((svc.privateDnsNames ?? []).map(n => n.name));
    const zones = svc.zones
        .filter(z => !covered.has(z.name) || dns.migration !== undefined)
        .map(z => ({ name: z.name, wildcard: z.wildcard, parked: covered.has(z.name) }));
    return { privateDns: dns.migration !== "park-zones", zones };
}

export class HubEndpoints extends pulumi.ComponentResource {
    /** By service name. */
    readonly services: Record<string, ServiceResult> = {};

    constructor(name: string, args: HubEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:hub:HubEndpoints", name, {}, opts);
        for (const svc of args.services) {
            this.services[svc.name] = createService(this, svc, args);
        }
        this.registerOutputs({
            endpointIds: Object.fromEntries(Object.entries(this.services).map(([n, s]) => [n, s.endpoint.id])),
            zoneIds: Object.fromEntries(Object.values(this.services).flatMap(s => s.zones.map(z => [z.name, z.zone.zoneId]))),
        });
    }
}

/** Everything one service needs; names come from the service and zone names only. */
export function createService(parent: pulumi.Resource, svc: HubService, args: HubEndpointsArgs): ServiceResult {
    const dual = svc.ipAddressType === "dualstack";
    const sg = new aws.ec2.SecurityGroup(`${svc.name}-endpoint`, {
        vpcId: args.vpcId,
        // A description cannot change without replacing the group: keep it free of ports.
        description: `vpce-hub ${svc.name} endpoint: declared networks only`,
        // An IPv4-only endpoint has no IPv6 address to admit anyone to.
        ingress: endpointIngress(svc.ports, dual ? args.sources : args.sources.filter(s => !s.cidr.includes(":")), args.sourcesPrefixListId),
        // Endpoints never open connections; replies pass through the stateful rules.
        egress: [],
        tags: { Name: `vpce-hub-${svc.name}`, "vpce-hub:service": svc.name },
    }, { parent });

    const dnsPlan = serviceDnsPlan(svc, args.dns ?? DEFAULT_DNS);
    const endpoint = new aws.ec2.VpcEndpoint(svc.name, {
        vpcId: args.vpcId,
        serviceName: svc.endpointService,
        vpcEndpointType: "Interface",
        // Explicitly set: the EC2 API defaults it to true for AWS services, and then our zone
        // of the same name cannot be created (ConflictingDomainExists). On only in
        // records: endpoint, where the endpoint's own names replace the hub's zones.
        privateDnsEnabled: dnsPlan.privateDns,
        // Dual-stack: IPv6 addresses on every interface, and AAAA records for the endpoint's own
        // regional and zonal names, which our AAAA aliases point at. S3's private DNS answers only
        // the Resolver's inbound endpoint unless told otherwise (it expects a gateway endpoint for
        // in-VPC traffic): with records: endpoint every VPC must get the interface.
        ...(dual || (dnsPlan.privateDns && svc.name === "s3") ? {
            ...(dual ? { ipAddressType: "dualstack" } : {}),
            dnsOptions: {
                ...(dual ? { dnsRecordIpType: "dualstack" } : {}),
                ...(dnsPlan.privateDns && svc.name === "s3" ? { privateDnsOnlyForInboundResolverEndpoint: false } : {}),
            },
        } : {}),
        subnetIds: args.serviceSubnetIds?.[svc.name] ?? args.subnetIds,
        securityGroupIds: [sg.id],
        policy: args.policies[svc.name],
        tags: { Name: `vpce-hub-${svc.name}`, "vpce-hub:service": svc.name },
    }, endpointOptions(parent, args.protect));

    // The first DNS entry is the regional name (the rest are zonal), aliased verbatim.
    const regional = endpoint.dnsEntries.apply(entries => aliasTarget(entries, svc.aliasEntry));
    const regionalDnsName = regional.apply(e => e.dnsName);

    const zones = dnsPlan.zones.map(z => {
        // Parked (migration only): the zone leaves the hub VPC for the parking VPC, so that the
        // endpoint may turn private DNS on; the hub VPC still sees it through the profile.
        const parked = z.parked && args.parkingVpcId !== undefined;
        const zone = new aws.route53.Zone(z.name, {
            name: z.name,
            comment: `vpce-hub: ${svc.name} through the hub's interface endpoint`,
            // A private zone must be created with a VPC: the hub's, which must stay (on-prem
            // queries reach the zones through the Resolver in this VPC).
            vpcs: [{ vpcId: parked ? args.parkingVpcId! : args.vpcId, vpcRegion: args.region }],
            tags: { "vpce-hub:service": svc.name },
        }, parked ? { ...zoneOptions(parent, args.protect), ignoreChanges: [], dependsOn: args.parkAfter ?? [] } : zoneOptions(parent, args.protect));
        const names = z.wildcard ? [["apex", z.name], ["wildcard", `*.${z.name}`]] : [["apex", z.name]];
        for (const [kind, recordName] of names) {
            // The AAAA twin keeps its own logical name, so turning dual-stack on only adds records.
            for (const type of dual ? ["A", "AAAA"] : ["A"]) {
                new aws.route53.Record(type === "A" ? `${z.name}-${kind}` : `${z.name}-${kind}-aaaa`, {
                    zoneId: zone.zoneId,
                    name: recordName,
                    type,
                    aliases: [{
                        name: regional.apply(e => e.dnsName),
                        zoneId: regional.apply(e => e.hostedZoneId),
                        evaluateTargetHealth: false,
                    }],
                }, { parent });
            }
        }
        return { name: z.name, wildcard: z.wildcard, zone };
    });
    return { endpoint, regionalDnsName, zones, privateDns: dnsPlan.privateDns };
}

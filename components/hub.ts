// The hub's endpoints and zones: per service one interface endpoint (private DNS off), one
// security group, and per catalog zone a private hosted zone with alias records.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ResolvedService } from "../lib/catalog";
import type { IpAddressType } from "../lib/dualStack";
import { Source, aliasTarget, endpointIngress, endpointPolicy } from "../lib/rules";
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
    /** Restrict endpoint policies to this organization. */
    readonly organizationId?: string;
    /** Protect zones and endpoints against deletion. */
    readonly protect: boolean;
}

export interface ServiceResult {
    readonly endpoint: aws.ec2.VpcEndpoint;
    readonly regionalDnsName: pulumi.Output<string>;
    readonly zones: { readonly name: string; readonly wildcard: boolean; readonly zone: aws.route53.Zone }[];
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
        ingress: endpointIngress(svc.ports, dual ? args.sources : args.sources.filter(s => !s.cidr.includes(":"))),
        // Endpoints never open connections; replies pass through the stateful rules.
        egress: [],
        tags: { Name: `vpce-hub-${svc.name}`, "vpce-hub:service": svc.name },
    }, { parent });

    const endpoint = new aws.ec2.VpcEndpoint(svc.name, {
        vpcId: args.vpcId,
        serviceName: svc.endpointService,
        vpcEndpointType: "Interface",
        // Explicitly off: the EC2 API defaults it to true for AWS services, and then our zone
        // of the same name cannot be created (ConflictingDomainExists).
        privateDnsEnabled: false,
        // Dual-stack: IPv6 addresses on every interface, and AAAA records for the endpoint's own
        // regional and zonal names, which our AAAA aliases point at.
        ...(dual ? { ipAddressType: "dualstack", dnsOptions: { dnsRecordIpType: "dualstack" } } : {}),
        subnetIds: args.serviceSubnetIds?.[svc.name] ?? args.subnetIds,
        securityGroupIds: [sg.id],
        policy: endpointPolicy(args.organizationId, svc.supportsPolicy, svc.policy),
        tags: { Name: `vpce-hub-${svc.name}`, "vpce-hub:service": svc.name },
    }, endpointOptions(parent, args.protect));

    // The first DNS entry is the regional name (the rest are zonal), aliased verbatim.
    const regional = endpoint.dnsEntries.apply(entries => aliasTarget(entries, svc.aliasEntry));
    const regionalDnsName = regional.apply(e => e.dnsName);

    const zones = svc.zones.map(z => {
        const zone = new aws.route53.Zone(z.name, {
            name: z.name,
            comment: `vpce-hub: ${svc.name} through the hub's interface endpoint`,
            // A private zone must be created with a VPC: the hub's, which must stay (on-prem
            // queries reach the zones through the Resolver in this VPC).
            vpcs: [{ vpcId: args.vpcId, vpcRegion: args.region }],
            tags: { "vpce-hub:service": svc.name },
        }, zoneOptions(parent, args.protect));
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
    return { endpoint, regionalDnsName, zones };
}

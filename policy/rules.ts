// The vpce-hub CrossGuard policies, as plain objects so that tests can call them.
//
// This module must never construct a PolicyPack (that starts a gRPC server and may exit the
// process); `index.ts` does that. It imports @pulumi/policy for types only, and does not
// import @pulumi/aws: resource types are matched by their type tokens, which keeps the pack's
// start-up (ts-node type-checks it under the CLI) and the tests fast.
//
// The pack stays self-contained (no import from ../lib) so that it can later be published on
// its own; where it repeats a project constant, a test checks that the two agree.

import type {
    ReportViolation,
    ResourceValidation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
} from "@pulumi/policy";
import { noWorldOpenIngress } from "./network";
import { deployCredentials, endpointPolicy, ramNoExternalPrincipals, tgwNoAutoAccept } from "./sharing";
import { TYPES } from "./types";

export { TYPES } from "./types";
export { isWorldOpen, worldCoveredFamilies } from "./cidr";
export { noWorldOpenIngress, untrackedExemptionRefused } from "./network";
export { deployCredentials, endpointPolicy, openStatements, ramNoExternalPrincipals, tgwNoAutoAccept } from "./sharing";

/**
 * AWS limits on one Route 53 Resolver endpoint (aws.md, "Route 53 Resolver inbound endpoint").
 * `maxIps` is the default of an adjustable quota (Route 53 quotas page, "IP addresses per
 * endpoint": 6, with a request link): an account AWS raised it for sets `maxIps` in the
 * policy's config (`vpce-hub-resolver-two-azs: { maxIps }`).
 */
export const RESOLVER_LIMITS = { minIps: 2, minSubnets: 2, maxIps: 6 } as const;

/** Config of `vpce-hub-resolver-two-azs` (`--policy-pack-config`). */
export interface ResolverConfig {
    /** The account's quota of IP addresses per Resolver endpoint, when AWS raised it. */
    readonly maxIps?: number;
}

/** Config of `vpce-hub-zone-keeps-hub-vpc` (`--policy-pack-config`). */
export interface ZoneKeepsHubVpcConfig {
    /** The hub VPC every private hosted zone must stay associated with. */
    readonly hubVpcId?: string;
}

/**
 * Runs `validate` on resources whose type is one of `types` and marks every other resource
 * not applicable, as `validateResourceOfType` does for a single class.
 */
function forTypes(
    types: readonly string[],
    validate: (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void,
): ResourceValidation {
    return (args, report) => {
        if (!types.includes(args.type)) {
            args.notApplicable(`Policy only applies to resources of type ${types.map(t => `'${t}'`).join(", ")}`);
        }
        validate(args.props, args, report);
    };
}

/**
 * Config of `vpce-hub-endpoint-private-dns-off` and `vpce-hub-zone-keeps-hub-vpc`: the hub's
 * `vpce-hub:dns.records` (zones, the default; endpoint; or migration during steps B1-B2 of
 * docs/migration.md), and for records: endpoint the endpoint services the hub serves with its
 * own zones (no private DNS of their own).
 */
export interface DnsRecordsConfig {
    readonly dnsRecords?: "zones" | "endpoint" | "migration";
    readonly zoneServedServices?: readonly string[];
}

const DNS_RECORDS_SCHEMA = {
    dnsRecords: { type: "string" as const, enum: ["zones", "endpoint", "migration"] },
    zoneServedServices: { type: "array" as const, items: { type: "string" as const, pattern: "^[a-z0-9.-]+$" } },
};

export const endpointPrivateDnsOff: ResourceValidationPolicy = {
    name: "vpce-hub-endpoint-private-dns-off",
    description:
        "Interface VPC endpoints must set privateDnsEnabled to false explicitly: the hub answers for the " +
        "service names with its own private hosted zones, and an endpoint with private DNS on makes zone " +
        "creation and spoke association fail with ConflictingDomainExists. Left unset counts as on, because " +
        "the EC2 API defaults it to true and a provider bug (terraform-provider-aws #37783) has turned it on. " +
        "Inverted with dnsRecords: endpoint (Route 53 Profiles): the endpoints' own private DNS is what every " +
        "VPC resolves, so it must be on, except for the services listed in zoneServedServices.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { ...DNS_RECORDS_SCHEMA } },
    validateResource: forTypes([TYPES.vpcEndpoint], (props, args, report) => {
        // The provider defaults vpcEndpointType to Gateway; only interface endpoints have private DNS.
        if (props.vpcEndpointType !== "Interface") {
            args.notApplicable(`endpoint type is ${props.vpcEndpointType ?? "Gateway (default)"}, not Interface`);
        }
        const { dnsRecords = "zones", zoneServedServices = [] } = args.getConfig<DnsRecordsConfig>();
        const actual = props.privateDnsEnabled === undefined ? "unset (AWS defaults it to true)" : String(props.privateDnsEnabled);
        if (dnsRecords === "migration") {
            if (typeof props.privateDnsEnabled !== "boolean") report(`Interface endpoint ${args.name}: privateDnsEnabled must be set explicitly during a migration, is ${actual}.`);
            return;
        }
        const zoneServed = dnsRecords === "zones" || zoneServedServices.includes(String(props.serviceName));
        if (zoneServed && props.privateDnsEnabled !== false) {
            report(`Interface endpoint ${args.name}: privateDnsEnabled must be false, is ${actual}.`);
        } else if (!zoneServed && props.privateDnsEnabled !== true) {
            report(`Interface endpoint ${args.name}: with dnsRecords: endpoint its private DNS is what every VPC resolves, so privateDnsEnabled must be true, is ${actual} ` +
                `(list ${props.serviceName} in zoneServedServices if the hub serves it with its own zones).`);
        }
    }),
};

export const zoneKeepsHubVpc: ResourceValidationPolicy = {
    name: "vpce-hub-zone-keeps-hub-vpc",
    description:
        "A private hosted zone must list at least one VPC, and (when hubVpcId is configured) the hub VPC among " +
        "its vpcs: the inbound Resolver endpoint lives in the hub VPC, and on-premises queries get public " +
        "answers for the service if the hub VPC is not associated.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            hubVpcId: { type: "string", pattern: "^vpc-[0-9a-f]+$" },
            dnsRecords: DNS_RECORDS_SCHEMA.dnsRecords,
        },
    },
    validateResource: forTypes([TYPES.zone], (props, args, report) => {
        // A zone without `vpcs` is public; this policy is about the private ones.
        if (props.vpcs == null) {
            args.notApplicable("public hosted zone (no vpcs)");
        }
        const vpcs: Record<string, any>[] = props.vpcs;
        if (vpcs.length === 0) {
            report(`Private hosted zone ${props.name ?? args.name} lists no VPC; it must be created with the hub VPC.`);
            return;
        }
        const { hubVpcId, dnsRecords } = args.getConfig<ZoneKeepsHubVpcConfig & DnsRecordsConfig>();
        // Migration steps B1-B2 park zones off the hub VPC, which sees them through its profile then.
        if (hubVpcId !== undefined && dnsRecords !== "migration" && !vpcs.some(v => v.vpcId === hubVpcId)) {
            report(`Private hosted zone ${props.name ?? args.name} is not associated with the hub VPC ${hubVpcId}.`);
        }
    }),
};

export const resolverTwoAzs: ResourceValidationPolicy = {
    name: "vpce-hub-resolver-two-azs",
    description:
        `An INBOUND Resolver endpoint needs ${RESOLVER_LIMITS.minIps} to ${RESOLVER_LIMITS.maxIps} IP addresses (more where AWS raised the quota: config maxIps) ` +
        `in at least ${RESOLVER_LIMITS.minSubnets} distinct subnets. AWS requires two Availability Zones, but ` +
        "a subnet's AZ is not known at preview; distinct subnets is the offline proxy, so put the subnets in " +
        "different AZs.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { maxIps: { type: "integer", minimum: 1 } } },
    validateResource: forTypes([TYPES.resolverEndpoint], (props, args, report) => {
        if (props.direction !== "INBOUND") {
            args.notApplicable(`direction is ${props.direction}, not INBOUND`);
        }
        const ips: Record<string, any>[] = props.ipAddresses ?? [];
        // Counts come first: the subnet ids may be unknown at preview, which ends the check there.
        if (ips.length < RESOLVER_LIMITS.minIps) {
            report(`Inbound Resolver endpoint ${args.name} has ${ips.length} IP address(es); it needs at least ${RESOLVER_LIMITS.minIps}.`);
            return; // a subnet count would only repeat this
        }
        const { maxIps = RESOLVER_LIMITS.maxIps } = args.getConfig<ResolverConfig>();
        if (ips.length > maxIps) {
            report(`Inbound Resolver endpoint ${args.name} has ${ips.length} IP addresses; the quota "IP addresses per Resolver endpoint" allows ${maxIps}` +
                (maxIps === RESOLVER_LIMITS.maxIps ? " by default (adjustable: set maxIps in this policy's config once AWS raised it)." : "."));
        }
        const subnets = new Set(ips.map(ip => ip.subnetId));
        if (subnets.size < RESOLVER_LIMITS.minSubnets) {
            report(
                `Inbound Resolver endpoint ${args.name} uses ${subnets.size} subnet(s) (${[...subnets].join(", ")}); ` +
                `it needs IP addresses in at least ${RESOLVER_LIMITS.minSubnets} subnets in different Availability Zones.`,
            );
        }
    }),
};

/** Every policy of the pack, in the order `index.ts` registers them. */
export const POLICIES: readonly (ResourceValidationPolicy | StackValidationPolicy)[] = [
    endpointPrivateDnsOff,
    zoneKeepsHubVpc,
    noWorldOpenIngress,
    resolverTwoAzs,
    endpointPolicy,
    ramNoExternalPrincipals,
    tgwNoAutoAccept,
    deployCredentials,
];

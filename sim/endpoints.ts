// The simulated PrivateLink side of EC2: endpoint services as DescribeVpcEndpointServices
// answers them, and interface endpoints with their DNS entries, addresses and private DNS.
// CreateVpcEndpoint refuses what AWS refuses (a service name the region lacks, a subnet in an AZ
// the service does not offer, dual-stack without IPv6), with AWS's words.
import { CATALOG, catalogEndpointService, catalogPrivateDnsNames, isKnownService, resolveService } from "../lib/catalog/lookup";
import type { ResolvedService } from "../lib/catalog/types";
import { DUAL_STACK } from "../lib/aws/dualStack";
import { ENDPOINT_POLICY_MAX_CHARS } from "../lib/aws/endpointPolicies";
import type { EndpointServiceFacts } from "../lib/aws/endpointService";
import { InvokeTable, ResourceCall, ResourceTable, SimRun, hash } from "./context";
import { SimEc2, availabilityZones } from "./ec2";
import { endpointNameShape } from "./endpointNames";
import { awsError } from "./errors";
import { SimRoute53 } from "./route53";

/** How the simulated AWS lists a zone among a service's private DNS names: `*.X` where clients prefix X. */
function privateDnsNamesOf(zones: readonly { name: string; wildcard: boolean }[]): string[] {
    return zones.map(z => z.wildcard ? `*.${z.name}` : z.name);
}

/**
 * Whether `serviceName` is a global service's endpoint service (no Region in its name, such as
 * com.amazonaws.iam) that AWS offers only in other Regions than `region`.
 */
function globalServiceElsewhere(serviceName: string, region: string): boolean {
    return Object.entries(CATALOG).some(([key, row]) => row.regions !== undefined && !row.regions.includes(region) &&
        row.endpointService !== undefined && !row.endpointService.includes("{region}") && catalogEndpointService(key, region) === serviceName);
}

export class SimEndpoints {
    /**
     * Endpoint services by region and service name ("<region> <serviceName>"), as
     * DescribeVpcEndpointServices answers: fixtures registered by tests; `null` for a name
     * that does not exist. Names not listed are answered by `endpointService` below.
     */
    readonly endpointServices = new Map<string, EndpointServiceFacts | null>();
    /** The services the stack being planned declares, by region and service name. */
    private declaredServices = new Map<string, ResolvedService>();

    constructor(private readonly run: SimRun, private readonly ec2: SimEc2, private readonly dns: SimRoute53) {}

    /** A new stack forgets the services the previous one declared. */
    reset(): void {
        this.declaredServices = new Map();
    }

    /** Registers what AWS says about one endpoint service in one region (a test fixture). */
    registerEndpointService(region: string, facts: EndpointServiceFacts): void {
        this.endpointServices.set(`${region} ${facts.serviceName}`, facts);
    }

    /** Makes a service name unknown in a region, as InvalidServiceName. */
    removeEndpointService(region: string, serviceName: string): void {
        this.endpointServices.set(`${region} ${serviceName}`, null);
    }

    /**
     * Declares the services a hub stack is about to ask for. Offline, nothing knows better than
     * the catalog and the stack's own config, so where no fixture says otherwise the simulated
     * AWS serves what both say: the deploy-time check then finds only what the catalog knows
     * beyond the config (names it lacks), never an error that real AWS would not raise.
     */
    declareServices(region: string, services: readonly ResolvedService[]): void {
        for (const s of services) this.declaredServices.set(`${region} ${s.endpointService}`, s);
    }

    /**
     * DescribeVpcEndpointServices for one interface service: a fixture, else the catalog's row
     * and the stack's declaration, every AZ of the region; null where neither knows the name.
     */
    endpointService(region: string, serviceName: string): EndpointServiceFacts | null {
        const key = `${region} ${serviceName}`;
        const fixture = this.endpointServices.get(key);
        if (fixture !== undefined) return fixture;
        // A global service's endpoint service (com.amazonaws.iam) exists only in its Region.
        if (globalServiceElsewhere(serviceName, region)) return null;
        const declared = this.declaredServices.get(key);
        const prefix = `com.amazonaws.${region}.`;
        const catalogKey = declared?.name ?? (serviceName.startsWith(prefix) ? serviceName.slice(prefix.length) : undefined);
        const row = catalogKey !== undefined && isKnownService(catalogKey) && !CATALOG[catalogKey].refused
            ? resolveService({ name: catalogKey }, region) : undefined;
        const fromCatalog = row && typeof row !== "string" ? row : undefined;
        if (!declared && !fromCatalog) return null;
        const names = new Set([...privateDnsNamesOf(fromCatalog?.zones ?? []), ...privateDnsNamesOf(declared?.zones ?? [])]);
        // Offline, IPv6 support is assumed only where the catalog knows dual-stack names.
        const ipv6 = catalogKey !== undefined && Object.prototype.hasOwnProperty.call(DUAL_STACK, catalogKey);
        return {
            serviceName,
            // AWS IoT data and credentials have no private DNS names; their zones are the user's.
            privateDnsNames: (declared ?? fromCatalog)!.privateDns === false ? [] : [...names],
            vpcEndpointPolicySupported: (declared ?? fromCatalog)!.supportsPolicy,
            availabilityZones: availabilityZones(region),
            supportedIpAddressTypes: ipv6 ? ["ipv4", "ipv6"] : ["ipv4"],
            // What the hub's check says it took from AWS is the catalog's, offline.
            answeredBy: "catalog",
        };
    }

    private endpoint(call: ResourceCall) {
        const { key, inputs } = call;
        const { ctx } = this.run;
        const id = this.run.idFor("vpce", key);
        const r = ctx.region;
        // CreateVpcEndpoint refuses a service name the region does not have, and a subnet in an
        // AZ the service is not offered in (AWS's own words, as the provider reports them).
        const facts = this.endpointService(r, String(inputs.serviceName));
        if (!facts) throw awsError("InvalidServiceName", `The Vpc Endpoint Service '${inputs.serviceName}' does not exist`);
        for (const subnetId of (inputs.subnetIds ?? []) as string[]) {
            const az = this.ec2.subnets.get(subnetId)?.availabilityZone;
            if (az && !facts.availabilityZones.includes(az)) {
                throw awsError("InvalidParameter", `The VPC endpoint service ${inputs.serviceName} does not support the availability zone of the subnet: ${subnetId}.`);
            }
        }
        // Dual-stack: every subnet needs an IPv6 block and the service must accept IPv6
        // (AWS: "supported only if all selected subnets have both IPv4 and IPv6 address ranges
        // and the endpoint service accepts both IPv4 and IPv6 requests").
        const dual = inputs.ipAddressType === "dualstack";
        if (dual) {
            if (!facts.supportedIpAddressTypes.includes("ipv6")) {
                throw awsError("InvalidParameter", `The VPC endpoint service ${inputs.serviceName} does not support the IP address type dualstack.`);
            }
            const v4only = ((inputs.subnetIds ?? []) as string[]).filter(s => this.ec2.subnets.get(s) && !this.ec2.subnets.get(s)!.ipv6Cidr);
            if (v4only.length) throw awsError("InvalidParameter", `The subnets ${v4only.join(", ")} do not have IPv6 address ranges: IP address type dualstack needs dual-stack subnets.`);
        }
        // A policy past "Characters per VPC endpoint policy" (20,480, white space included; PrivateLink
        // quotas). The error code AWS returns for it: verify.
        if (typeof inputs.policy === "string" && inputs.policy.length > ENDPOINT_POLICY_MAX_CHARS) {
            throw awsError("InvalidParameter", `The policy document is ${inputs.policy.length} characters; a VPC endpoint policy may have at most ${ENDPOINT_POLICY_MAX_CHARS}.`);
        }
        const aaaa = dual && ["dualstack", "ipv6", "service-defined"].includes(inputs.dnsOptions?.dnsRecordIpType);
        const shape = endpointNameShape(String(inputs.serviceName), r);
        const suffix = hash(`${ctx.stack}/${key}#dns`, 8);
        const hostedZoneId = "Z" + hash(`vpce-zone:${r}`, 13).toUpperCase();
        const subnetIds: string[] = inputs.subnetIds ?? [];
        const enis = subnetIds.map((s, i) => ({
            id: this.run.idFor("eni", `${key}#${i}`), subnetId: s, ip: this.ec2.allocateIp(s, key),
            ipv6: dual ? this.ec2.allocateIpv6(s, key) : undefined,
        }));
        const base = `${id}-${suffix}.${shape.service}.${shape.domain}`;
        // S3 lists its regional name with a leading "*." (bucket-style names), and that wildcard
        // is the record AWS serves: no record exists at the bare name.
        const regional = shape.wildcardFirst ? `*.${base}` : base;
        this.dns.endpointZone(hostedZoneId);
        const dnsEntries = [
            { dnsName: regional, hostedZoneId },
            ...enis.map(e => ({
                dnsName: `${id}-${suffix}-${this.ec2.subnets.get(e.subnetId)!.availabilityZone}.${shape.service}.${shape.domain}`,
                hostedZoneId,
            })),
            // SageMaker notebook and studio list a wildcard entry after the zonal ones (verify).
            ...(shape.wildcardLast ? [{ dnsName: `*.${base}`, hostedZoneId }] : []),
        ];
        this.dns.publishEndpointName(regional, enis.map(e => e.ip));
        enis.forEach((e, i) => this.dns.publishEndpointName(dnsEntries[i + 1].dnsName, [e.ip]));
        if (shape.wildcardLast) this.dns.publishEndpointName(`*.${base}`, enis.map(e => e.ip));
        // With private DNS on, the endpoint answers the service's own names in its VPC (and in
        // every VPC of a profile that holds it). Which names: the catalog row's, for the
        // simulation (a name the user declared is theirs to serve with a zone); at deploy time
        // describe-vpc-endpoint-services PrivateDnsNames is the truth.
        const catalogKey = String(inputs.serviceName).split(".").slice(3).join(".");
        const privateDnsNames = inputs.privateDnsEnabled === true ? catalogPrivateDnsNames(catalogKey, r) : [];
        if (inputs.privateDnsEnabled === true) {
            this.dns.enablePrivateDns(id, String(inputs.vpcId), privateDnsNames.length ? privateDnsNames.map(n => n.name)
                : [...new Set(facts.privateDnsNames.map(n => n.replace(/^\*\./, "")))]);
        } else {
            this.dns.disablePrivateDns(id);
        }
        if (aaaa) {
            this.dns.endpointRecords6.set(regional, enis.map(e => e.ipv6!));
            enis.forEach((e, i) => this.dns.endpointRecords6.set(dnsEntries[i + 1].dnsName, [e.ipv6!]));
        }
        this.run.onDelete(key, () => this.dns.disablePrivateDns(id));
        return {
            id, state: {
                ...inputs, dnsEntries, networkInterfaceIds: enis.map(e => e.id), state: "available",
                arn: this.run.arn("ec2", `vpc-endpoint/${id}`), ownerId: ctx.accountId,
                ...(inputs.privateDnsEnabled === true ? { privateDnsNames, privateDnsNamesSource: "simulated: the catalog's zone names for this service" } : {}),
            },
        };
    }

    readonly resources: ResourceTable = {
        "aws:ec2/vpcEndpoint:VpcEndpoint": c => this.endpoint(c),
    };

    readonly invokes: InvokeTable = {
        "aws:ec2/getVpcEndpointService:getVpcEndpointService": inputs => {
            const region = this.run.ctx.region;
            const name = String(inputs.serviceName ?? `com.amazonaws.${region}.${inputs.service}`);
            const facts = this.endpointService(region, name);
            // The provider searches with the name as a filter and reports AWS's refusal.
            if (!facts) throw awsError("InvalidServiceName", `The Vpc Endpoint Service '${name}' does not exist`);
            return {
                ...facts, id: region, serviceType: inputs.serviceType ?? "Interface", owner: facts.owner ?? "amazon",
                privateDnsName: facts.privateDnsNames[0] ?? "", acceptanceRequired: false, managesVpcEndpoints: false,
                baseEndpointDnsNames: [`${name.split(".").slice(3).reverse().join(".")}.${region}.vpce.amazonaws.com`],
                serviceId: `vpce-svc-${hash(name, 17)}`, region, serviceRegion: region, tags: {},
            };
        },
    };
}

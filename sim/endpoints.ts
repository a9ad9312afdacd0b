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
import { SimAwsError, awsError, providerError } from "./errors";
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

/**
 * An interface endpoint no stack of the plan created: a member VPC's own, from before the hub
 * (the plan seeds it from the member's vpce-hub:existingEndpoints: simulated), until a stack
 * adopts it (Pulumi import) and a later run deletes it.
 */
export interface StandingEndpoint {
    readonly id: string;
    readonly vpcId: string;
    readonly serviceName: string;
    /** The service as the member declared it (ssm, ecr.dkr): the simulation's note, shown by the plan. */
    readonly service: string;
    readonly subnetIds: readonly string[];
    readonly securityGroupIds: readonly string[];
    privateDnsEnabled: boolean;
    readonly dnsEntries: readonly { readonly dnsName: string; readonly hostedZoneId: string }[];
    /** The names its private DNS answers when on (the catalog's, in the simulation). */
    readonly privateDnsNames: readonly { readonly name: string; readonly wildcard: boolean }[];
    readonly networkInterfaceIds: readonly string[];
    readonly arn: string;
    readonly ownerId: string;
    readonly tags: Readonly<Record<string, string>>;
    /** The stack that adopted it (Pulumi import), once one did. */
    adoptedBy?: string;
    /** Deleted (DeleteVpcEndpoints): it answers nothing and is listed no more. */
    deleted?: boolean;
    /** Where the simulation got it from, said wherever the plan shows it. */
    readonly simulated: string;
}

/** The provider's words when getVpcEndpoint matches nothing, or more than one (tfresource.SingularDataSourceFindError). */
export const NO_MATCHING_ENDPOINT = "no matching EC2 VPC Endpoint found";
export const SEVERAL_MATCHING_ENDPOINTS = "multiple EC2 VPC Endpoints matched; use additional constraints to reduce matches to a single EC2 VPC Endpoint";

/** What Pulumi's `import` compares: the program's inputs of these keys against the resource as read. */
const IMPORT_COMPARED = ["vpcId", "serviceName", "vpcEndpointType", "subnetIds", "securityGroupIds", "privateDnsEnabled", "tags"] as const;

export class SimEndpoints {
    /** Endpoints made outside the plan's stacks (a member's own), by id; see StandingEndpoint. */
    readonly standing = new Map<string, StandingEndpoint>();

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

    /**
     * An endpoint that exists before the plan's stacks run (a member's own, made by hand): its
     * addresses in the given subnets, its DNS entries in AWS's zone, and with private DNS on its
     * service's names in its VPC (EC2 refuses that while a zone of one of those names is
     * associated with the VPC: ConflictingDomainExists).
     */
    seedEndpoint(spec: { id: string; vpcId: string; serviceName: string; service: string; privateDns: boolean; subnetIds: readonly string[]; ownerId: string; region: string; simulated: string }): StandingEndpoint {
        const known = this.standing.get(spec.id);
        if (known) return known;
        const shape = endpointNameShape(spec.serviceName, spec.region);
        const hostedZoneId = "Z" + hash(`vpce-zone:${spec.region}`, 13).toUpperCase();
        const suffix = hash(`standing/${spec.id}#dns`, 8);
        const enis = spec.subnetIds.map((s, i) => ({ id: `eni-${hash(`${spec.id}#${i}`, 17)}`, subnetId: s, ip: this.ec2.allocateIp(s, spec.id) }));
        const base = `${spec.id}-${suffix}.${shape.service}.${shape.domain}`;
        const regional = shape.wildcardFirst ? `*.${base}` : base;
        this.dns.endpointZone(hostedZoneId);
        const dnsEntries = [
            { dnsName: regional, hostedZoneId },
            ...enis.map(e => ({ dnsName: `${spec.id}-${suffix}-${this.ec2.subnets.get(e.subnetId)?.availabilityZone ?? "?"}.${shape.service}.${shape.domain}`, hostedZoneId })),
        ];
        this.dns.publishEndpointName(regional, enis.map(e => e.ip));
        enis.forEach((e, i) => this.dns.publishEndpointName(dnsEntries[i + 1].dnsName, [e.ip]));
        const endpoint: StandingEndpoint = {
            id: spec.id, vpcId: spec.vpcId, serviceName: spec.serviceName, service: spec.service, subnetIds: [...spec.subnetIds],
            securityGroupIds: [`sg-${hash(`${spec.id}#sg`, 17)}`], privateDnsEnabled: false, dnsEntries,
            privateDnsNames: catalogPrivateDnsNames(spec.serviceName.split(".").slice(3).join("."), spec.region),
            networkInterfaceIds: enis.map(e => e.id), arn: `arn:aws:ec2:${spec.region}:${spec.ownerId}:vpc-endpoint/${spec.id}`,
            ownerId: spec.ownerId, tags: {}, simulated: spec.simulated,
        };
        this.standing.set(spec.id, endpoint);
        if (spec.privateDns) this.setPrivateDns(spec.id, true);
        return endpoint;
    }

    /** ModifyVpcEndpoint PrivateDnsEnabled on a standing endpoint (refused on a name a zone associated with its VPC holds). */
    setPrivateDns(id: string, on: boolean): void {
        const e = this.standing.get(id);
        if (!e || e.deleted) throw awsError("InvalidVpcEndpointId.NotFound", `The Vpc Endpoint Id '${id}' does not exist`);
        if (on) this.dns.enablePrivateDns(id, e.vpcId, [...new Set(e.privateDnsNames.map(n => n.name))]);
        else this.dns.disablePrivateDns(id);
        e.privateDnsEnabled = on;
    }

    /** DeleteVpcEndpoints of a standing endpoint: its private DNS and its names in AWS's zone go. */
    deleteStanding(id: string): void {
        const e = this.standing.get(id);
        if (!e || e.deleted) return;
        this.dns.disablePrivateDns(id);
        for (const d of e.dnsEntries) this.dns.endpointRecords.delete(d.dnsName);
        e.deleted = true;
    }

    /** A standing endpoint's state as the provider reads it, or undefined when there is none. */
    standingState(id: string): Record<string, any> | undefined {
        const e = this.standing.get(id);
        return e && !e.deleted ? this.readState(e) : undefined;
    }

    /** The state of a standing endpoint as the provider reads it (getVpcEndpoint, or an import). */
    private readState(e: StandingEndpoint): Record<string, any> {
        return {
            id: e.id, vpcId: e.vpcId, serviceName: e.serviceName, vpcEndpointType: "Interface", subnetIds: [...e.subnetIds],
            securityGroupIds: [...e.securityGroupIds], privateDnsEnabled: e.privateDnsEnabled, dnsEntries: e.dnsEntries.map(d => ({ ...d })),
            networkInterfaceIds: [...e.networkInterfaceIds], arn: e.arn, ownerId: e.ownerId, state: "available", tags: { ...e.tags },
            ipAddressType: "ipv4", requesterManaged: false, policy: "", routeTableIds: [], cidrBlocks: [], prefixListId: "", dnsOptions: [{ dnsRecordIpType: "ipv4" }],
            ...(e.privateDnsEnabled ? { privateDnsNames: e.privateDnsNames.map(n => ({ ...n })) } : {}),
            service: e.service, simulated: e.simulated,
        };
    }

    /**
     * Pulumi's `import` of a standing endpoint: it must exist, and the program's inputs must be
     * what the provider reads, or the import fails with the engine's words. The stack then owns
     * it: a later run that no longer declares it deletes it (last, like every deletion).
     */
    private adopt(call: ResourceCall) {
        const e = this.standing.get(call.readId!);
        if (!e || e.deleted) throw new SimAwsError("ImportNotFound", `resource '${call.readId}' does not exist`, { verbatim: true });
        const read = this.readState(e);
        const norm = (k: string, v: unknown) => JSON.stringify(Array.isArray(v) ? [...v].sort() : k === "tags" ? Object.entries(v ?? {}).sort() : v);
        const differ = IMPORT_COMPARED.filter(k => call.inputs[k] !== undefined && norm(k, call.inputs[k]) !== norm(k, read[k]));
        if (differ.length) {
            throw new SimAwsError("ImportMismatch", `inputs to import do not match the existing resource; importing this resource will fail (${differ.join(", ")} of ${e.id} differ)`, { verbatim: true });
        }
        e.adoptedBy = this.run.ctx.stack;
        this.run.onDelete(call.key, () => this.deleteStanding(e.id));
        return { id: e.id, state: { ...call.inputs, ...read } };
    }

    private endpoint(call: ResourceCall) {
        if (call.readId) return this.adopt(call);
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
        // DescribeVpcEndpoints as the provider's single-result lookup: the caller account's
        // endpoints (here: the standing ones) by id, VPC, service, type, state and filters.
        "aws:ec2/getVpcEndpoint:getVpcEndpoint": inputs => {
            const wanted: Record<string, string[]> = {};
            const want = (k: string, v: unknown) => { if (v !== undefined && v !== null && v !== "") wanted[k] = [...(wanted[k] ?? []), String(v)]; };
            want("vpc-endpoint-id", inputs.id);
            want("vpc-id", inputs.vpcId);
            want("service-name", inputs.serviceName);
            want("vpc-endpoint-state", inputs.state);
            want("vpc-endpoint-type", inputs.vpcEndpointType);
            for (const f of inputs.filters ?? []) for (const v of f.values ?? []) want(String(f.name), v);
            const fields = (e: StandingEndpoint): Record<string, string> => ({
                "vpc-endpoint-id": e.id, "vpc-id": e.vpcId, "service-name": e.serviceName, "vpc-endpoint-state": "available", "vpc-endpoint-type": "Interface",
            });
            const matches = [...this.standing.values()].filter(e => !e.deleted && e.ownerId === this.run.ctx.accountId &&
                Object.entries(wanted).every(([k, vs]) => vs.includes(fields(e)[k])));
            if (!matches.length) throw providerError(NO_MATCHING_ENDPOINT);
            if (matches.length > 1) throw providerError(SEVERAL_MATCHING_ENDPOINTS);
            return this.readState(matches[0]);
        },
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

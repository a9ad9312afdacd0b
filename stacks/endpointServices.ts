// Asks AWS about each interface endpoint service before the hub creates anything, and applies
// the verdict of lib/aws/endpointService.ts: config errors for what AWS would refuse or never
// answer, warnings for names no zone serves, policy support and usable subnets from AWS.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HubService } from "../components/hub";
import { ConfigError, HubConfig, NS } from "../lib/config";
import { EndpointServiceFacts, SubnetInAz, checkEndpointService } from "../lib/aws/endpointService";
import { stackWarning } from "./warnings";

/**
 * DescribeVpcEndpointServices for one interface service; undefined when AWS does not know the
 * name (InvalidServiceName), or knows it only as a gateway service (the provider then finds
 * no match). `serviceType` keeps S3, which has both kinds under one name, to one answer.
 */
export async function endpointServiceFacts(serviceName: string): Promise<EndpointServiceFacts | undefined> {
    try {
        const r = await aws.ec2.getVpcEndpointService({ serviceName, serviceType: "Interface" });
        return {
            serviceName: r.serviceName,
            privateDnsNames: r.privateDnsNames ?? [],
            vpcEndpointPolicySupported: r.vpcEndpointPolicySupported,
            availabilityZones: r.availabilityZones ?? [],
            supportedIpAddressTypes: r.supportedIpAddressTypes ?? [],
            owner: r.owner,
            // The offline plan's simulated cloud marks an answer it took from the catalog; AWS's carry no such field.
            ...((r as { answeredBy?: string }).answeredBy === "catalog" ? { answeredBy: "catalog" as const } : {}),
        };
    } catch (e) {
        if (/InvalidServiceName|no matching EC2 VPC Endpoint Service/i.test((e as Error).message ?? "")) return undefined;
        throw e;
    }
}

export interface CheckedService {
    /** The service with endpoint policy support, zones and IP address type as AWS allows them. */
    readonly service: HubService;
    /** Subnets in AZs the service is offered in. */
    readonly subnets: SubnetInAz<pulumi.Input<string>>[];
}

/** Checks every service of the hub against AWS; errors are added to `errors`. */
export async function checkServicesAgainstAws(
    cfg: HubConfig, subnets: readonly SubnetInAz<pulumi.Input<string>>[], errors: ConfigError[],
): Promise<CheckedService[]> {
    const facts = await Promise.all(cfg.services.map(s => endpointServiceFacts(s.endpointService)));
    return cfg.services.map((svc, i) => {
        const verdict = checkEndpointService(svc, facts[i], subnets, cfg.region, cfg.ipAddressType);
        for (const e of verdict.errors) {
            errors.push({ stack: cfg.stack, key: `${NS}:services[${i}]${e.field ? `.${e.field}` : ""}`, message: e.message });
        }
        for (const w of verdict.warnings) stackWarning(`aws:${svc.name}`, w);
        return {
            service: { ...svc, supportsPolicy: verdict.supportsPolicy, zones: verdict.zones, ipAddressType: verdict.ipAddressType },
            subnets: verdict.subnets,
        };
    });
}

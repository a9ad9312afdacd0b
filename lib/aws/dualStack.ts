// Dual-stack names: besides its IPv4 name, a service's interface endpoint may answer to a
// dual-stack name (mostly `<svc>.<region>.api.aws`) that SDKs call when configured for
// dual-stack endpoints (`use_dualstack_endpoint`). With `vpce-hub:ipAddressType: dualstack` the
// hub gives each such name a zone too, but only where AWS lists it among the endpoint
// service's PrivateDnsNames at deploy time (lib/aws/endpointService.ts): regions differ, and a zone
// AWS does not serve would never answer. Data, each row with its source; rows marked "verify"
// come from observed create-vpc-endpoint output, not from a document.
import type { ResolvedService, ZoneTemplate } from "../catalog/types";
import { fillRegion } from "../catalog/lookup";

export type IpAddressType = "ipv4" | "dualstack";
export const IP_ADDRESS_TYPES: readonly IpAddressType[] = ["ipv4", "dualstack"];

export interface DualStackRow {
    readonly zones: readonly ZoneTemplate[];
    readonly source: string;
}

const apex = (name: string): ZoneTemplate => ({ name, wildcard: false });

/** Keyed like the catalog (the service part of com.amazonaws.<region>.<key>). */
export const DUAL_STACK: Readonly<Record<string, DualStackRow>> = {
    // S3's dual-stack names are s3.dualstack.<region>.amazonaws.com, not api.aws, with the bucket as prefix.
    s3: {
        zones: [{ name: "s3.dualstack.{region}.amazonaws.com", wildcard: true, examplePrefix: "my-bucket" }],
        source: "S3 user guide, \"AWS PrivateLink for Amazon S3\" (a dual-stack endpoint with private DNS answers the dualstack service endpoint s3.dualstack.<region>.amazonaws.com with A and AAAA records) " +
            "and \"Using Amazon S3 dual-stack endpoints\" (<bucket>.s3.dualstack.<region>.amazonaws.com); AWS SDK S3 endpoint rules (useDualstackEndpoint)",
    },
    sqs: {
        zones: [apex("sqs.{region}.api.aws")],
        source: "SQS developer guide, \"Internetwork traffic privacy in Amazon SQS\" (through a VPC endpoint with private DNS, specify sqs.<region>.amazonaws.com or the dual-stack sqs.<region>.api.aws)",
    },
    kms: { zones: [apex("kms.{region}.api.aws")], source: "AWS KMS Developer Guide, \"Dual-stack endpoint support\" (kms.<region>.api.aws, also privately over IPv6 through PrivateLink)" },
    "acm-pca": { zones: [apex("acm-pca.{region}.api.aws")], source: "AWS Private CA User Guide, \"Dual-stack endpoint support\" (acm-pca.<region>.api.aws, privately over IPv6 through PrivateLink)" },
    sts: { zones: [apex("sts.{region}.api.aws")], source: "IAM User Guide, \"Dual-stack endpoint support\" (AWS STS dual-stack regional endpoints); verify the name per region" },
    ssm: { zones: [apex("ssm.{region}.api.aws")], source: "create-vpc-endpoint output listing ssm.<region>.api.aws among PrivateDnsNames (project notes, aws.md); verify" },
    logs: { zones: [apex("logs.{region}.api.aws")], source: "create-vpc-endpoint output listing logs.<region>.api.aws (project notes, aws.md); verify" },
    "ecr.api": { zones: [apex("ecr.{region}.api.aws")], source: "create-vpc-endpoint output listing ecr.<region>.api.aws for ecr.api (project notes, aws.md); verify" },
    monitoring: {
        zones: [apex("monitoring.{region}.api.aws")],
        source: "AWS PrivateLink guide, \"View information about a service\" (2026): describe-vpc-endpoint-services for com.amazonaws.us-east-1.monitoring lists monitoring.<r>.api.aws among PrivateDnsNames, IP address types ipv4 and ipv6",
    },
    eks: {
        zones: [apex("eks.{region}.api.aws")],
        source: "AWS SDK EKS endpoint rules (dual-stack: https://eks.<region>.api.aws); that the eks endpoint lists it among PrivateDnsNames: verify (zone kept only where AWS lists it)",
    },
    "ecr.dkr": {
        zones: [{ name: "dkr-ecr.{region}.on.aws", wildcard: true, examplePrefix: "123456789012" }],
        source: "create-vpc-endpoint output listing dkr-ecr.<region>.on.aws and *.dkr-ecr.<region>.on.aws for ecr.dkr (project notes, aws.md); verify",
    },
};

/** The dual-stack zones of a service for a region, marked as kept only where AWS serves them. */
export function dualStackZones(service: string, region: string): ResolvedService["zones"] {
    const row = Object.prototype.hasOwnProperty.call(DUAL_STACK, service) ? DUAL_STACK[service] : undefined;
    return (row?.zones ?? []).map(z => ({ ...z, name: fillRegion(z.name, region), ifServed: true }));
}

/**
 * A service as a dual-stack hub builds it: its own zones plus the dual-stack zones it does not
 * already list (a user who lists a dual-stack name keeps it as a zone AWS must serve).
 */
export function withDualStackZones(svc: ResolvedService, region: string): ResolvedService {
    const extra = dualStackZones(svc.name, region).filter(z => !svc.zones.some(own => own.name === z.name));
    return extra.length ? { ...svc, zones: [...svc.zones, ...extra] } : svc;
}

// How AWS names an interface endpoint (its DnsEntries), per kind of service name. Split out of
// sim/endpoints.ts, which creates the endpoints; this is the naming rule alone, as data and code.

/**
 * How AWS names an endpoint of a service: `com.amazonaws.<r>.ecr.dkr` -> `vpce-...dkr.ecr.<r>.vpce.amazonaws.com`
 * (the name reads like the zone name); S3's first entry is `*.vpce-...` (S3 user guide);
 * SageMaker's `aws.sagemaker.<r>.notebook` -> `vpce-...notebook.<r>.vpce.sagemaker.aws` with a
 * wildcard entry after the zonal ones (LZA picks that entry; the exact shape: verify).
 */
export function endpointNameShape(serviceName: string, region: string): { service: string; domain: string; wildcardFirst: boolean; wildcardLast: boolean } {
    const parts = serviceName.split(".");
    if (parts[0] === "aws" && parts[1] === "sagemaker") {
        return { service: parts.slice(3).join("."), domain: `${region}.vpce.sagemaker.aws`, wildcardFirst: false, wildcardLast: true };
    }
    const rest = parts[2] === region ? parts.slice(3) : parts.slice(2);
    const service = [...rest].reverse().join(".");
    return { service, domain: parts[2] === region ? `${region}.vpce.amazonaws.com` : "vpce.amazonaws.com", wildcardFirst: service === "s3", wildcardLast: false };
}

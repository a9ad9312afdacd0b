// Names the AWS SDKs' clients call for a service that no zone of the hub answers, each with why
// and its source. Which host a client calls is decided by the endpoint rules AWS ships in every
// SDK; test/sdkHosts.test.ts asks the AWS SDK for JavaScript v3 clients for representative
// operations in four Regions, with and without dual-stack, and holds every host they call to
// the plan's zones or to a row here. Each row is also a plan warning where its service is
// planned (a dual-stack row only on a dual-stack hub), so what the oracle found reaches the user.
// Data, not code.

export interface UnansweredHost {
    /** The catalog service whose clients call it. */
    readonly service: string;
    /** The host, with <region>, <account>, <bucket>, <access-point> where the client fills them in. */
    readonly host: string;
    /** Clients call it on an IPv4 hub too (ipv4), or only when configured for dual-stack endpoints. */
    readonly variant: "ipv4" | "dualstack";
    /** The client setting or input that makes it call this host, when not the default. */
    readonly when?: string;
    /** Only in these Regions (omitted: every Region). */
    readonly regions?: readonly string[];
    /** Why no zone answers it, and what to do. */
    readonly why: string;
    readonly source: string;
}

const SDK = "AWS SDK for JavaScript v3 endpoint rules (test/sdkHosts.test.ts, clients 3.1112-3.1178)";
const DUAL_UNLISTED = "clients configured for dual-stack endpoints (useDualstackEndpoint) call it; AWS does not document it among the endpoint's " +
    "private DNS names, so the hub has no zone for it (at pulumi up the hub warns if AWS lists it: then add it to the service's `zones`)";

/** Dual-stack `<name>.<region>.api.aws` hosts of services whose endpoints are not documented to serve them. */
function dualStackApiAws(rows: readonly [service: string, hostLabel: string][]): UnansweredHost[] {
    return rows.map(([service, label]) => ({
        service, host: `${label}.<region>.api.aws`, variant: "dualstack" as const, why: DUAL_UNLISTED,
        source: `${SDK} (useDualstackEndpoint: ${label}.<region>.api.aws); AWS PrivateLink guide, "View information about a service" (PrivateDnsNames per service: verify)`,
    }));
}

export const UNANSWERED_HOSTS: readonly UnansweredHost[] = [
    {
        service: "s3", host: "<bucket>.s3.amazonaws.com", variant: "ipv4", when: "useGlobalEndpoint: true", regions: ["us-east-1"],
        why: "S3's interface endpoint does not serve the legacy global name, so the hub has no zone for it unless you declare one (see the catalog's warning); " +
            "clients keep the default Regional name <bucket>.s3.us-east-1.amazonaws.com, which the hub answers",
        source: `S3 user guide, "AWS PrivateLink for Amazon S3" (no legacy global endpoints); ${SDK} (us-east-1 Regional by default)`,
    },
    {
        service: "s3", host: "<account>.s3-control.dualstack.<region>.amazonaws.com", variant: "dualstack",
        why: "the S3 guide documents the dual-stack name of the bucket endpoint only (s3.dualstack.<region>) as served through a dual-stack interface endpoint",
        source: `${SDK}; S3 user guide, "AWS PrivateLink for Amazon S3" (dual-stack service endpoint s3.dualstack.<region>.amazonaws.com)`,
    },
    {
        service: "s3", host: "<access-point>-<account>.s3-accesspoint.dualstack.<region>.amazonaws.com", variant: "dualstack",
        why: "the S3 guide documents the dual-stack name of the bucket endpoint only (s3.dualstack.<region>) as served through a dual-stack interface endpoint",
        source: `${SDK}; S3 user guide, "AWS PrivateLink for Amazon S3"`,
    },
    {
        service: "sqs", host: "<region>.queue.amazonaws.com", variant: "ipv4", when: "a legacy queue URL https://<region>.queue.amazonaws.com/<account>/<queue>, whose host the client calls",
        why: "the SQS guide requires endpoints of the form sqs.<region>.amazonaws.com (or sqs.<region>.api.aws) through a VPC endpoint; use queue URLs of that form",
        source: `SQS developer guide, "Internetwork traffic privacy in Amazon SQS" (VPC endpoints: sqs.<region>.amazonaws.com or sqs.<region>.api.aws); ${SDK} (useQueueUrlAsEndpoint)`,
    },
    {
        service: "sts", host: "sts.amazonaws.com", variant: "ipv4", when: "useGlobalEndpoint: true, in every Region",
        why: "the global STS endpoint is not a name of the Regional endpoint the hub centralizes: clients must use the Regional endpoint (the SDK v3 default)",
        source: `IAM user guide, "Manage AWS STS in an AWS Region" (Regional endpoints; interface endpoints are Regional); ${SDK} (sts.amazonaws.com only with useGlobalEndpoint)`,
    },
    {
        service: "iot.data", host: "data-ats.iot.<region>.amazonaws.com", variant: "ipv4", when: "no endpoint configured",
        why: "the SDK's generic name, not your account's: configure clients and devices with your account's data endpoint (aws iot describe-endpoint --endpoint-type iot:Data-ATS), the zone you declared",
        source: `${SDK} (IoT data plane without endpoint: data-ats.iot.<region>); AWS IoT Core developer guide, "Using AWS IoT Core with interface VPC endpoints"`,
    },
    {
        service: "iot.data", host: "data-ats.iot.<region>.api.aws", variant: "dualstack", when: "no endpoint configured",
        why: "the SDK's generic dual-stack name, not your account's: configure clients with your account's data endpoint, the zone you declared " +
            "(the SDK refuses dual-stack with a configured endpoint)",
        source: `${SDK} (IoT data plane without endpoint, dual-stack: data-ats.iot.<region>.api.aws; with an endpoint: "Dualstack and custom endpoint are not supported")`,
    },
    {
        service: "kinesis-streams", host: "<account>.control-kinesis.<region>.api.aws", variant: "dualstack", why: DUAL_UNLISTED,
        source: `${SDK} (Kinesis account endpoints, dual-stack)`,
    },
    {
        service: "kinesis-streams", host: "<account>.data-kinesis.<region>.api.aws", variant: "dualstack", why: DUAL_UNLISTED,
        source: `${SDK} (Kinesis account endpoints, dual-stack)`,
    },
    ...dualStackApiAws([
        ["sns", "sns"], ["ec2", "ec2"], ["lambda", "lambda"], ["ecs", "ecs"], ["events", "events"], ["states", "states"],
        ["sync-states", "sync-states"], ["kinesis-firehose", "firehose"], ["athena", "athena"],
        ["elasticloadbalancing", "elasticloadbalancing"], ["cloudformation", "cloudformation"],
        ["codebuild", "codebuild"], ["sagemaker.runtime", "runtime.sagemaker"], ["apigateway", "apigateway"],
        ["iot.api", "iot"], ["appsync", "appsync"], ["xray", "xray"], ["bedrock-runtime", "bedrock-runtime"],
    ]),
];

/** The rows of one service that apply to a hub in `region` (dual-stack rows only on a dual-stack hub). */
export function unansweredHosts(service: string, region: string, dualStack: boolean): UnansweredHost[] {
    return UNANSWERED_HOSTS.filter(h => h.service === service && (!h.regions || h.regions.includes(region)) && (dualStack || h.variant === "ipv4"));
}

/** One plan warning per service: the hosts its clients call that no zone of the hub answers. */
export function unansweredHostsWarning(service: string, region: string, dualStack: boolean): string | undefined {
    const rows = unansweredHosts(service, region, dualStack);
    if (!rows.length) return undefined;
    const inRegion = (t: string) => t.split("<region>").join(region);
    const host = (h: UnansweredHost) => `${inRegion(h.host)}${h.when ? ` (with ${inRegion(h.when)})` : ""}`;
    // Hosts that share a reason are said once, together.
    const reasons = [...new Set(rows.map(h => h.why))];
    return `${service}: AWS SDK clients also call ${rows.length > 1 ? "names" : "a name"} no zone of the hub answers, so those calls go to the public endpoint: ` +
        reasons.map(why => `${rows.filter(h => h.why === why).map(host).join(", ")}: ${inRegion(why)}`).join("; ");
}

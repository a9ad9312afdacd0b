// The service catalog: which private hosted zones, records and ports each interface
// endpoint service needs. Data, not code: each row comes from the project's AWS notes and
// the AWS PrivateLink documentation ("AWS services that integrate with AWS PrivateLink"; the
// names a region really serves: `aws ec2 describe-vpc-endpoint-services`, PrivateDnsNames).
// A wrong zone name fails silently (clients get the public answer), so every row that
// differs from the default rule is written out here and tested.

/** One private hosted zone a service needs. `{region}` is replaced by the stack's region. */
export interface ZoneTemplate {
    /** Zone name, e.g. "s3.{region}.amazonaws.com". */
    readonly name: string;
    /** Whether clients put a prefix on the name (bucket.s3..., <account>.dkr.ecr...): then `*.zone` is needed too. */
    readonly wildcard: boolean;
    /** A realistic prefix for the path checks of the wildcard record (a bucket name, an account id). */
    readonly examplePrefix?: string;
}

export interface CatalogEntry {
    /** Zones this service's endpoint answers for. Omitted: the default rule (svc.{region}.amazonaws.com, dotted names flipped). */
    readonly zones?: readonly ZoneTemplate[];
    /** TCP ports clients use. Omitted: [443]. */
    readonly ports?: readonly number[];
    /**
     * False where the service does not accept a VPC endpoint policy. Omitted: true. Verify per
     * region with `aws ec2 describe-vpc-endpoint-services` (VpcEndpointPolicySupported).
     */
    readonly policy?: boolean;
    /** Why the service cannot be centralized: global services and gateway-only services. */
    readonly refused?: string;
    /** Shown in the plan: a caveat users should know. */
    readonly warning?: string;
}

const GLOBAL = "is a global service with no regional interface endpoint zone, so it cannot be centralized per region: remove it from the list";

const wild = (name: string, examplePrefix: string): ZoneTemplate => ({ name, wildcard: true, examplePrefix });
const apex = (name: string): ZoneTemplate => ({ name, wildcard: false });

/**
 * Keyed by the service part of the endpoint service name (`com.amazonaws.<region>.<key>`).
 * Rows without `zones` follow the default rule.
 */
export const CATALOG: Readonly<Record<string, CatalogEntry>> = {
    // Apex-only services following the default rule.
    sqs: {}, sns: {}, ssm: {}, ssmmessages: {}, ec2messages: {}, ec2: {}, kms: {}, sts: {},
    logs: {}, monitoring: {}, secretsmanager: {}, lambda: {}, events: {}, states: {},
    elasticloadbalancing: {}, autoscaling: {}, "application-autoscaling": {}, cloudformation: {},
    codebuild: {}, ecs: {}, eks: {}, xray: {}, athena: {}, glue: {}, ebs: {}, elasticfilesystem: {},
    backup: {}, servicecatalog: {}, "ssm-contacts": {},
    // More services whose public name follows the default rule (AWS PrivateLink service list).
    apigateway: {}, cloudtrail: {}, codecommit: {}, "git-codecommit": {}, codedeploy: {}, codepipeline: {},
    config: {}, datasync: {}, elasticache: {}, elasticbeanstalk: {}, elasticmapreduce: {}, es: {}, rds: {},
    "rds-data": {}, redshift: {}, "redshift-data": {}, servicediscovery: {}, storagegateway: {}, textract: {},
    transcribe: {}, translate: {}, comprehend: {}, rekognition: {}, "cognito-idp": {}, dms: {}, imagebuilder: {},
    securityhub: {}, batch: {}, transfer: {}, "acm-pca": {}, "aps-workspaces": {}, bedrock: {}, "bedrock-runtime": {},
    "bedrock-agent": {}, "bedrock-agent-runtime": {},

    // S3's interface endpoint serves three names, each with prefixes (bucket, account, access point).
    s3: {
        zones: [
            wild("s3.{region}.amazonaws.com", "my-bucket"),
            wild("s3-control.{region}.amazonaws.com", "123456789012"),
            wild("s3-accesspoint.{region}.amazonaws.com", "my-ap-123456789012"),
        ],
    },
    "ecr.api": { zones: [apex("api.ecr.{region}.amazonaws.com")] },
    "ecr.dkr": {
        zones: [wild("dkr.ecr.{region}.amazonaws.com", "123456789012")],
        warning: "image layers are served by S3: list `s3` too, or pulls fail half-way",
    },
    "execute-api": {
        zones: [wild("execute-api.{region}.amazonaws.com", "a1b2c3d4e5")],
        warning: "the wildcard sends every *.execute-api name to the hub: spokes can no longer reach public API Gateway endpoints",
    },
    "codeartifact.api": { zones: [apex("codeartifact.{region}.amazonaws.com")] },
    "codeartifact.repositories": { zones: [wild("d.codeartifact.{region}.amazonaws.com", "my-domain-123456789012")] },
    "appsync-api": { zones: [wild("appsync-api.{region}.amazonaws.com", "abcdefghijklmnopqrstuvwxyz")] },
    "transfer.server": { zones: [wild("server.transfer.{region}.amazonaws.com", "s-1234567890abcdef0")] },
    "sagemaker.api": { zones: [apex("api.sagemaker.{region}.amazonaws.com")] },
    "sagemaker.runtime": { zones: [apex("runtime.sagemaker.{region}.amazonaws.com")] },
    notebook: { zones: [wild("notebook.{region}.sagemaker.aws", "my-notebook")], policy: false },
    studio: { zones: [wild("studio.{region}.sagemaker.aws", "d-abc123")], policy: false },
    "appstream.api": { zones: [apex("appstream2.{region}.amazonaws.com")] },
    "ecs-agent": { zones: [apex("ecs-a.{region}.amazonaws.com")] },
    "ecs-telemetry": { zones: [apex("ecs-t.{region}.amazonaws.com")] },
    "eks-auth": { zones: [apex("eks-auth.{region}.api.aws")] },
    // Current SDKs call account-specific names, <account>.control-kinesis.<r> and
    // <account>.data-kinesis.<r>, when they know the stream's ARN, besides the classic
    // kinesis.<r> (the Kinesis endpoint rules shipped in every AWS SDK, test case "Account
    // endpoint targeting control operation type"). That the endpoint's PrivateDnsNames list
    // them: verify with describe-vpc-endpoint-services (checked at pulumi up).
    "kinesis-streams": {
        zones: [
            apex("kinesis.{region}.amazonaws.com"),
            wild("control-kinesis.{region}.amazonaws.com", "123456789012"),
            wild("data-kinesis.{region}.amazonaws.com", "123456789012"),
        ],
    },
    "kinesis-firehose": { zones: [apex("firehose.{region}.amazonaws.com")] },
    "rum-dataplane": { zones: [apex("dataplane.rum.{region}.amazonaws.com")] },
    "pinpoint-sms-voice-v2": { zones: [apex("sms-voice.{region}.amazonaws.com")] },
    "email-smtp": { ports: [25, 465, 587, 2465, 2587], policy: false },

    // Refused, with the reason shown to the user.
    iam: { refused: GLOBAL },
    route53: { refused: GLOBAL },
    cloudfront: { refused: GLOBAL },
    organizations: { refused: GLOBAL },
    dynamodb: {
        refused: "has no private DNS on its interface endpoint and new SDKs call <account>.ddb.<region>.amazonaws.com: " +
            "a dynamodb zone would miss that traffic; use a gateway endpoint in each VPC",
    },
};

/** The default naming rule: `svc` -> svc.{region}.amazonaws.com, `a.b` -> b.a.{region}.amazonaws.com. */
export function defaultZoneName(service: string): string {
    const parts = service.split(".");
    return [...parts.reverse(), "{region}", "amazonaws", "com"].join(".");
}

export function isKnownService(service: string): boolean {
    return Object.prototype.hasOwnProperty.call(CATALOG, service);
}

/** A service as the hub builds it: concrete zone names for one region. */
export interface ResolvedService {
    readonly name: string;
    /** `com.amazonaws.<region>.<name>` unless overridden. */
    readonly endpointService: string;
    readonly zones: readonly { readonly name: string; readonly wildcard: boolean; readonly examplePrefix?: string }[];
    readonly ports: readonly number[];
    /** Whether the endpoint accepts a policy. */
    readonly supportsPolicy: boolean;
    /** A user-supplied endpoint policy (JSON text), overriding the organization default. */
    readonly policy?: string;
    readonly warning?: string;
}

/** What a user may override for one service (`{ name, zones?, ports?, policy? }` in config). */
export interface ServiceOverride {
    readonly name: string;
    readonly zones?: readonly ZoneTemplate[];
    readonly ports?: readonly number[];
    readonly policy?: string;
    readonly endpointService?: string;
}

export function fillRegion(template: string, region: string): string {
    return template.split("{region}").join(region);
}

/**
 * Resolves one configured service. Throws nothing: returns an error sentence instead,
 * so config validation can collect every problem.
 */
export function resolveService(spec: ServiceOverride, region: string): ResolvedService | string {
    const entry = isKnownService(spec.name) ? CATALOG[spec.name] : undefined;
    if (entry?.refused) return `${spec.name} ${entry.refused}`;
    const isOverride = spec.zones !== undefined || spec.ports !== undefined || spec.policy !== undefined || spec.endpointService !== undefined;
    if (!entry && !isOverride) {
        return `unknown service "${spec.name}": not in the catalog; give it as { name, zones } to declare its zone names`;
    }
    if (!entry && spec.name.includes(".") && !spec.zones) {
        return `dotted service "${spec.name}" has no catalog entry and its zone name cannot be guessed: give \`zones\` explicitly`;
    }
    if (spec.policy !== undefined && entry?.policy === false) {
        return `${spec.name} does not accept VPC endpoint policies: remove \`policy\``;
    }
    const templates = spec.zones ?? entry?.zones ?? [{ name: defaultZoneName(spec.name), wildcard: false }];
    return {
        name: spec.name,
        endpointService: spec.endpointService ?? `com.amazonaws.${region}.${spec.name}`,
        zones: templates.map(z => ({ ...z, name: fillRegion(z.name, region) })),
        ports: spec.ports ?? entry?.ports ?? [443],
        supportsPolicy: entry?.policy ?? true,
        policy: spec.policy,
        warning: entry?.warning,
    };
}

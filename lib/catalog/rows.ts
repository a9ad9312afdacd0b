// The rows of the service catalog (lib/catalog/lookup.ts reads them): which zones, records, ports and
// endpoint service name each interface endpoint service needs, and where each row comes from.
// Data, not code. Rows that follow the default rule (svc.<region>.amazonaws.com, dotted names
// flipped) still cite their source; every row is checked against AWS's PrivateDnsNames at
// `pulumi up` (stacks/endpointServices.ts), which is where "verify" rows get settled.
// `npm run catalog` prints this table.
import type { CatalogEntry, ZoneTemplate } from "./types";

export const wild = (name: string, examplePrefix: string): ZoneTemplate => ({ name, wildcard: true, examplePrefix });
export const apex = (name: string): ZoneTemplate => ({ name, wildcard: false });

// Sources, cited by rows.
const PRIVATELINK = "AWS PrivateLink guide, \"AWS services that integrate with AWS PrivateLink\"; zone by the default rule (checked against PrivateDnsNames at pulumi up)";
const LZA_ZONES = "LZA constructs/lib/aws-route-53/hosted-zone.ts getHostedZoneNameForService";
const LZA_WILDCARD = "LZA network-vpc-dns-stack.ts createRecordSets (wildcardServices)";
const GLOBAL = "is a global service with no regional interface endpoint zone, so it cannot be centralized per region: remove it from the list";

/** Rows that follow the default rule, from AWS's PrivateLink list. */
function standard(...names: string[]): Record<string, CatalogEntry> {
    return Object.fromEntries(names.map(n => [n, { source: PRIVATELINK }]));
}

/**
 * Keyed by the service part of the endpoint service name (`com.amazonaws.<region>.<key>`,
 * unless the row's `endpointService` says otherwise).
 */
export const CATALOG_ROWS: Readonly<Record<string, CatalogEntry>> = {
    ...standard(
        // Compute, containers, management.
        "sqs", "sns", "ssm", "ssmmessages", "ec2messages", "ec2", "kms", "sts", "logs", "monitoring", "secretsmanager",
        "lambda", "events", "states", "elasticloadbalancing", "autoscaling", "autoscaling-plans", "application-autoscaling",
        "cloudformation", "cloudcontrolapi", "codebuild", "ecs", "eks", "xray", "athena", "glue", "ebs", "elasticfilesystem",
        "backup", "backup-gateway", "servicecatalog", "servicecatalog-appregistry", "ssm-contacts", "ssm-incidents",
        "apigateway", "cloudtrail", "codecommit", "git-codecommit", "codedeploy", "codedeploy-commands-secure", "codepipeline",
        "config", "datasync", "elasticache", "elasticbeanstalk", "elasticbeanstalk-health", "elasticmapreduce", "es", "rds",
        "rds-data", "redshift", "redshift-data", "redshift-serverless", "servicediscovery", "storagegateway", "textract",
        "transcribe", "transcribestreaming", "translate", "comprehend", "comprehendmedical", "rekognition", "cognito-idp",
        "cognito-identity", "dms", "imagebuilder", "securityhub", "batch", "transfer", "acm-pca", "aps-workspaces", "bedrock",
        "bedrock-runtime", "bedrock-agent", "bedrock-agent-runtime", "access-analyzer", "appconfig", "appconfigdata", "appmesh-envoy-management",
        "apprunner", "auditmanager", "cloudhsmv2", "codeguru-profiler", "codeguru-reviewer", "databrew", "dataexchange",
        "devops-guru", "ds", "emr-containers", "emr-serverless", "finspace", "forecast", "forecastquery", "frauddetector", "fsx",
        "grafana", "greengrass", "guardduty-data", "healthlake", "identitystore", "inspector2", "kendra", "lakeformation",
        "license-manager", "macie2", "mgn", "mq", "network-firewall", "oam", "polly", "proton", "rbin", "resource-groups",
        "rolesanywhere", "savingsplans", "schemas", "synthetics", "swf", "tagging", "verifiedpermissions", "wellarchitected",
        "workspaces"),
    // Dotted names whose zone is the flip (a.b -> b.a.<region>.amazonaws.com), cited where a source says so.
    "airflow.api": { source: `${PRIVATELINK}; MWAA user guide, "Managing access to service-specific Amazon VPC endpoints on Amazon MWAA"` },
    "airflow.env": { source: `${PRIVATELINK}; MWAA user guide (env.airflow.<region>.amazonaws.com)` },
    "airflow.ops": { source: `${PRIVATELINK}; MWAA user guide (ops.airflow.<region>.amazonaws.com)` },
    "iot.data": {
        source: `${PRIVATELINK}; AWS IoT Core developer guide, "Using AWS IoT Core with interface VPC endpoints" (data.iot.<region>.amazonaws.com; verify)`,
    },
    "iot.credentials": { source: `${PRIVATELINK}; AWS IoT Core developer guide (credentials.iot.<region>.amazonaws.com; verify)` },
    "qldb.session": { source: PRIVATELINK },
    "sagemaker.featurestore-runtime": { source: `${LZA_ZONES} (featurestore-runtime.sagemaker.<region>.amazonaws.com)` },
    "sagemaker.metrics": { source: PRIVATELINK },

    // S3's interface endpoint serves three names, each with prefixes (bucket, account, access point);
    // in us-east-1 clients also call the legacy global name s3.amazonaws.com (LZA issue #942: "some
    // services in Virginia try to connect to s3 via s3.amazonaws.com"; that the endpoint answers it: verify).
    s3: {
        zones: [
            wild("s3.{region}.amazonaws.com", "my-bucket"),
            wild("s3-control.{region}.amazonaws.com", "123456789012"),
            wild("s3-accesspoint.{region}.amazonaws.com", "my-ap-123456789012"),
        ],
        regionZones: { "us-east-1": [wild("s3.amazonaws.com", "my-bucket")] },
        source: "S3 user guide, \"AWS PrivateLink for Amazon S3\" (bucket, accesspoint, control names); LZA createAdditionalS3Records; LZA issue #942 (us-east-1 s3.amazonaws.com)",
    },
    // Multi-Region Access Points: a global name, with the account's MRAP alias as prefix.
    "s3-global.accesspoint": {
        endpointService: "com.amazonaws.s3-global.accesspoint",
        zones: [wild("s3-global.accesspoint.amazonaws.com", "mfzwi23gnjvgw.mrap")],
        source: `${LZA_ZONES} and vpc-endpoint.ts (service com.amazonaws.s3-global.accesspoint, zone s3-global.accesspoint.amazonaws.com); ${LZA_WILDCARD}; S3 user guide, "Multi-Region Access Points"`,
    },
    "ecr.api": { zones: [apex("api.ecr.{region}.amazonaws.com")], source: `${LZA_ZONES} (dotted flip); LZA issue #173` },
    "ecr.dkr": {
        zones: [wild("dkr.ecr.{region}.amazonaws.com", "123456789012")],
        warning: "image layers are served by S3: list `s3` too, or pulls fail half-way",
        source: `${LZA_ZONES} (dotted flip); ${LZA_WILDCARD}; ECR user guide, "Amazon ECR interface VPC endpoints" (layers from S3)`,
    },
    "execute-api": {
        zones: [wild("execute-api.{region}.amazonaws.com", "a1b2c3d4e5")],
        warning: "the wildcard sends every *.execute-api name to the hub: spokes can no longer reach public API Gateway endpoints",
        source: `${LZA_WILDCARD}; API Gateway developer guide, "Private APIs" (private DNS blocks public APIs)`,
    },
    "codeartifact.api": { zones: [apex("codeartifact.{region}.amazonaws.com")], source: LZA_ZONES },
    "codeartifact.repositories": { zones: [wild("d.codeartifact.{region}.amazonaws.com", "my-domain-123456789012")], source: `${LZA_ZONES}; ${LZA_WILDCARD}` },
    "appsync-api": { zones: [wild("appsync-api.{region}.amazonaws.com", "abcdefghijklmnopqrstuvwxyz")], source: LZA_WILDCARD },
    "transfer.server": { zones: [wild("server.transfer.{region}.amazonaws.com", "s-1234567890abcdef0")], source: LZA_WILDCARD },
    // SDKs call api.sagemaker.<region>.amazonaws.com (AWS General Reference, "Amazon SageMaker AI
    // endpoints and quotas"); the *.sagemaker.aws zones one landing zone created for these broke
    // Studio ("Could not connect to the endpoint URL: https://api.sagemaker.eu-west-1.amazonaws.com/",
    // LZA issue #690), so these stay on amazonaws.com.
    "sagemaker.api": { zones: [apex("api.sagemaker.{region}.amazonaws.com")], source: `${LZA_ZONES}; AWS General Reference, SageMaker AI endpoints; LZA issues #348, #690` },
    "sagemaker.runtime": { zones: [apex("runtime.sagemaker.{region}.amazonaws.com")], source: `${LZA_ZONES}; AWS General Reference, SageMaker AI endpoints; LZA issue #690` },
    // Notebook instances and Studio: endpoint services aws.sagemaker.<region>.notebook|studio (SageMaker
    // developer guide, "Connect to a Notebook Instance Through a VPC Interface Endpoint", "Connect to
    // Studio Through an Interface VPC Endpoint"); clients call <name>.notebook.<region>.sagemaker.aws.
    // The alias targets the endpoint's wildcard entry (*.vpce-...), not the first: LZA vpc-endpoint.ts
    // picks a later DNS entry for exactly these two (dnsEntriesIndex = 4, after the regional and three
    // zonal names, i.e. the wildcard one in CloudFormation's order; verify). The guide documents
    // endpoint policies for both ("Create a VPC endpoint policy for ..."): policies are supported.
    notebook: {
        endpointService: "aws.sagemaker.{region}.notebook",
        zones: [wild("notebook.{region}.sagemaker.aws", "my-notebook")],
        aliasEntry: "wildcard",
        source: `SageMaker developer guide, notebook interface endpoint and its endpoint policy; ${LZA_ZONES}; LZA vpc-endpoint.ts (service name, dnsEntriesIndex)`,
    },
    studio: {
        endpointService: "aws.sagemaker.{region}.studio",
        zones: [wild("studio.{region}.sagemaker.aws", "d-abc123")],
        aliasEntry: "wildcard",
        source: `SageMaker developer guide, Studio interface endpoint and its endpoint policy; ${LZA_ZONES}; LZA vpc-endpoint.ts (service name, dnsEntriesIndex)`,
    },
    "appstream.api": { zones: [apex("appstream2.{region}.amazonaws.com")], source: LZA_ZONES },
    // The ECS agent is told its endpoints by DiscoverPollEndpoint and calls ecs-a-<n>.<region> and
    // ecs-t-<n>.<region> names (ECS developer guide, ECS Anywhere networking: "for the ecs-a and ecs-t
    // endpoints, include an asterisk, for example ecs-a-*"). Those are siblings under <region>.amazonaws.com,
    // which no zone per service can hold by wildcard. What the endpoint's private DNS serves is not
    // documented: verify (the deploy-time check warns about every name AWS serves that no zone covers;
    // declare extra zones with `zones` if AWS lists them).
    "ecs-agent": {
        zones: [apex("ecs-a.{region}.amazonaws.com")],
        warning: "agents call ecs-a-<n>.<region>.amazonaws.com names (ECS guide: ecs-a-*), which the ecs-a zone does not hold: verify with `aws ec2 describe-vpc-endpoint-services` (PrivateDnsNames) which names the endpoint serves, and declare them as `zones`",
        source: `${LZA_ZONES}; ECS developer guide, ECS Anywhere networking (ecs-a-*); names served: verify`,
    },
    "ecs-telemetry": {
        zones: [apex("ecs-t.{region}.amazonaws.com")],
        warning: "agents call ecs-t-<n>.<region>.amazonaws.com names (ECS guide: ecs-t-*), which the ecs-t zone does not hold: verify with `aws ec2 describe-vpc-endpoint-services` (PrivateDnsNames) which names the endpoint serves, and declare them as `zones`",
        source: `${LZA_ZONES}; ECS developer guide, ECS Anywhere networking (ecs-t-*); names served: verify`,
    },
    "eks-auth": { zones: [apex("eks-auth.{region}.api.aws")], source: LZA_ZONES },
    // Current SDKs call account-specific names, <account>.control-kinesis.<r> and
    // <account>.data-kinesis.<r>, when they know the stream's ARN, besides the classic
    // kinesis.<r> (the Kinesis endpoint rules shipped in every AWS SDK, test case "Account
    // endpoint targeting control operation type"). That the endpoint's PrivateDnsNames list
    // them: verify (checked at pulumi up).
    "kinesis-streams": {
        zones: [
            apex("kinesis.{region}.amazonaws.com"),
            wild("control-kinesis.{region}.amazonaws.com", "123456789012"),
            wild("data-kinesis.{region}.amazonaws.com", "123456789012"),
        ],
        source: "LZA issue #1014 (kinesis.<region>); AWS SDK Kinesis endpoint rules (<account>.control-kinesis / data-kinesis); moto kinesis/urls.py",
    },
    "kinesis-firehose": { zones: [apex("firehose.{region}.amazonaws.com")], source: "LZA issue #1014 (firehose.<region>)" },
    "rum-dataplane": { zones: [apex("dataplane.rum.{region}.amazonaws.com")], source: LZA_ZONES },
    "pinpoint-sms-voice-v2": { zones: [apex("sms-voice.{region}.amazonaws.com")], source: LZA_ZONES },
    "deviceadvisor.iot": { zones: [wild("deviceadvisor.iot.{region}.amazonaws.com", "abcdefgh")], source: `${LZA_ZONES}; ${LZA_WILDCARD}` },
    "email-smtp": { ports: [25, 465, 587, 2465, 2587], policy: false, source: "SES developer guide, \"Setting up VPC endpoints with Amazon SES\" (SMTP ports; no endpoint policy)" },
    // Amazon Keyspaces speaks CQL on 9142 (Keyspaces developer guide, "Using Amazon Keyspaces with interface VPC endpoints").
    cassandra: { ports: [9142], source: "Amazon Keyspaces developer guide, interface VPC endpoints (port 9142)" },

    // Refused, with the reason shown to the user.
    iam: { refused: GLOBAL, source: "IAM user guide (global endpoint); LZA issue #1171" },
    route53: { refused: GLOBAL, source: "Route 53 API reference (global endpoint)" },
    cloudfront: { refused: GLOBAL, source: "CloudFront (global service)" },
    organizations: { refused: GLOBAL, source: "AWS Organizations (global endpoint in us-east-1)" },
    dynamodb: {
        refused: "has no private DNS on its interface endpoint and new SDKs call <account>.ddb.<region>.amazonaws.com: " +
            "a dynamodb zone would miss that traffic; use a gateway endpoint in each VPC",
        source: "DynamoDB developer guide, \"AWS PrivateLink for DynamoDB\" (no private DNS); AWS SDK account-based endpoints",
    },
};

// The rows of the service catalog (lib/catalog/lookup.ts reads them): which zones, records, ports and
// endpoint service name each interface endpoint service needs, and where each row comes from.
// Data, not code. Rows that follow the default rule (svc.<region>.amazonaws.com, dotted names
// flipped) still cite their source; every row is checked against AWS's PrivateDnsNames at
// `pulumi up` (stacks/endpointServices.ts), which is where "verify" rows get settled. Every
// endpoint service name is checked against a dated copy of AWS's PrivateLink list
// (data/privatelink-services.txt, test/privateLinkList.test.ts), and the hosts AWS SDK clients
// call against the zones (test/sdkHosts.test.ts). `npm run catalog` prints this table.
import type { CatalogEntry, ZoneTemplate } from "./types";

export const wild = (name: string, examplePrefix: string): ZoneTemplate => ({ name, wildcard: true, examplePrefix });
export const apex = (name: string): ZoneTemplate => ({ name, wildcard: false });

// Sources, cited by rows.
const PRIVATELINK = "AWS PrivateLink guide, \"AWS services that integrate with AWS PrivateLink\"; zone by the default rule (checked against PrivateDnsNames at pulumi up)";
const LZA_ZONES = "LZA constructs/lib/aws-route-53/hosted-zone.ts getHostedZoneNameForService";
const LZA_WILDCARD = "LZA network-vpc-dns-stack.ts createRecordSets (wildcardServices)";
const LISTED = "AWS PrivateLink guide, \"AWS services that integrate with AWS PrivateLink\" (the service name)";
const IOT_VPC = "AWS IoT Core developer guide, \"Using AWS IoT Core with interface VPC endpoints\" (IoTCore-VPC.html, read 2026-12)";
const CROSS_REGION = "AWS PrivateLink guide, \"Cross-region enabled AWS services\" (2026)";

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
        "lambda", "events", "elasticloadbalancing", "autoscaling", "autoscaling-plans", "application-autoscaling",
        "cloudformation", "cloudcontrolapi", "codebuild", "ecs", "eks", "xray", "athena", "glue", "ebs", "elasticfilesystem",
        "backup", "backup-gateway", "servicecatalog", "servicecatalog-appregistry", "ssm-contacts", "ssm-incidents",
        "apigateway", "cloudtrail", "codecommit", "git-codecommit", "codedeploy", "codedeploy-commands-secure", "codepipeline",
        "config", "datasync", "elasticache", "elasticbeanstalk", "elasticbeanstalk-health", "elasticmapreduce", "es", "rds",
        "rds-data", "redshift", "redshift-data", "redshift-serverless", "servicediscovery", "storagegateway", "textract",
        "transcribe", "transcribestreaming", "translate", "comprehend", "comprehendmedical", "rekognition", "cognito-idp",
        "cognito-identity", "dms", "imagebuilder", "securityhub", "batch", "transfer", "acm-pca", "aps-workspaces", "bedrock",
        "bedrock-runtime", "bedrock-agent", "bedrock-agent-runtime", "access-analyzer", "appconfig", "appconfigdata",
        "apprunner", "auditmanager", "cloudhsmv2", "codeguru-profiler", "codeguru-reviewer", "databrew", "dataexchange",
        "devops-guru", "ds", "emr-containers", "emr-serverless", "finspace", "forecast", "forecastquery", "frauddetector", "fsx",
        "grafana", "greengrass", "guardduty-data", "healthlake", "identitystore", "inspector2", "kendra", "lakeformation",
        "license-manager", "macie2", "mgn", "mq", "network-firewall", "oam", "polly", "proton", "rbin", "resource-groups",
        "rolesanywhere", "schemas", "synthetics", "swf", "tagging", "verifiedpermissions", "wellarchitected",
        "workspaces",
        // Step Functions' StartSyncExecution calls sync-states.<region> (the SDK's host prefix), a service of its own.
        "sync-states"),
    // Dotted names whose zone is the flip (a.b -> b.a.<region>.amazonaws.com), cited where a source says so.
    "airflow.api": { source: `${PRIVATELINK}; MWAA user guide, "Managing access to service-specific Amazon VPC endpoints on Amazon MWAA"` },
    "airflow.env": { source: `${PRIVATELINK}; MWAA user guide (env.airflow.<region>.amazonaws.com)` },
    "airflow.ops": { source: `${PRIVATELINK}; MWAA user guide (ops.airflow.<region>.amazonaws.com)` },
    // AWS IoT Core: "Neither AWS IoT Core data plane nor AWS IoT Core credential provider supports
    // private DNS names yet"; devices call their account's endpoint (`aws iot describe-endpoint`),
    // and the guide has you create one private hosted zone per such name, named like it, with an
    // alias A record at the apex to the endpoint. "VPC endpoint policies are not supported".
    "iot.data": {
        zones: [],
        declareZones: "the endpoint devices call is your account's: `aws iot describe-endpoint --endpoint-type iot:Data-ATS --query endpointAddress --output text` " +
            "prints it (such as a1b2c3d4e5f6g7-ats.iot.{region}.amazonaws.com), or use your domain configuration's name",
        privateDns: false, policy: false,
        source: `${LISTED}; ${IOT_VPC}: no private DNS, one zone per describe-endpoint name (iot:Data-ATS), no endpoint policy`,
    },
    "iot.credentials": {
        zones: [],
        declareZones: "the credential provider's endpoint is your account's: `aws iot describe-endpoint --endpoint-type iot:CredentialProvider --query endpointAddress --output text` " +
            "prints it (such as c1b2c3d4e5f6g7.credentials.iot.{region}.amazonaws.com)",
        privateDns: false, policy: false,
        source: `${LISTED}; ${IOT_VPC}: no private DNS, one zone per describe-endpoint name (iot:CredentialProvider), no endpoint policy`,
    },
    // The control plane (CreateThing, ListThings, ...): SDKs call iot.<region>.amazonaws.com (AWS SDK
    // endpoint rules); private DNS "selected by default". Its zone holds every name below it, so
    // the data and credential names need their own (more specific) zones beside it.
    "iot.api": {
        zones: [apex("iot.{region}.amazonaws.com")],
        warning: "the zone iot.{region}.amazonaws.com answers every name below it in the VPCs that see it: devices calling your account's " +
            "<prefix>-ats.iot.{region}.amazonaws.com (data) or <prefix>.credentials.iot.{region}.amazonaws.com get no answer (NXDOMAIN) " +
            "unless iot.data and iot.credentials are centralized too, each with its describe-endpoint name as `zones` (the more specific zone answers)",
        warningUnless: ["iot.data", "iot.credentials"],
        source: `${LISTED}; ${IOT_VPC} (control plane com.amazonaws.<region>.iot.api, private DNS on by default); AWS SDK IoT endpoint rules (iot.<region>.amazonaws.com); the private DNS name: verify (checked at pulumi up)`,
    },
    "sagemaker.featurestore-runtime": { source: `${LZA_ZONES} (featurestore-runtime.sagemaker.<region>.amazonaws.com)` },
    "sagemaker.metrics": { source: PRIVATELINK },

    // S3's interface endpoint serves three Regional names, each with prefixes (bucket, account,
    // access point). It does not serve the legacy global endpoint ("Interface endpoints for Amazon
    // S3 do not support ... Legacy global endpoints"), so us-east-1 gets no s3.amazonaws.com zone
    // unless the user declares it (LZA issue #942: some us-east-1 services still call it); SDK v3
    // clients in us-east-1 call <bucket>.s3.us-east-1.amazonaws.com unless useGlobalEndpoint is set.
    s3: {
        zones: [
            wild("s3.{region}.amazonaws.com", "my-bucket"),
            wild("s3-control.{region}.amazonaws.com", "123456789012"),
            wild("s3-accesspoint.{region}.amazonaws.com", "my-ap-123456789012"),
        ],
        unlistedZones: {
            "us-east-1": [{
                zone: wild("s3.amazonaws.com", "my-bucket"),
                warning: "the zone s3.amazonaws.com sends the legacy global name (and every <bucket>.s3.amazonaws.com) to the us-east-1 endpoint, " +
                    "which does not support legacy global endpoints (S3 user guide, \"AWS PrivateLink for Amazon S3\"): requests for buckets in other Regions " +
                    "no longer reach their Region through that name (the public endpoint redirects them; the hub's endpoint does not), so clients must use Regional names " +
                    "(s3.<region>.amazonaws.com) for those buckets",
            }],
        },
        source: "S3 user guide, \"AWS PrivateLink for Amazon S3\" (Private DNS: s3, s3-control, s3-accesspoint Regional names; restrictions: no legacy global endpoints, no dash-Region, no FIPS names); " +
            "LZA createAdditionalS3Records; LZA issue #942 (us-east-1 s3.amazonaws.com); AWS SDK S3 endpoint rules (Regional by default in us-east-1)",
    },
    // Multi-Region Access Points: clients call <alias>.accesspoint.s3-global.amazonaws.com with the
    // MRAP alias (such as mfzwi23gnjvgw.mrap) as prefix. LZA's zone s3-global.accesspoint.amazonaws.com
    // has the labels reversed and answers none of them.
    "s3-global.accesspoint": {
        endpointService: "com.amazonaws.s3-global.accesspoint",
        zones: [wild("accesspoint.s3-global.amazonaws.com", "mfzwi23gnjvgw.mrap")],
        source: "S3 user guide, \"Making requests through a Multi-Region Access Point\" (<alias>.accesspoint.s3-global.amazonaws.com) and \"Configuring a Multi-Region Access Point for use with AWS PrivateLink\" " +
            "(service com.amazonaws.s3-global.accesspoint, private DNS on by default); AWS SDK S3 endpoint rules (mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com); " +
            "private DNS name *.accesspoint.s3-global.amazonaws.com: verify (seen in the moto mock only)",
    },
    // Step Functions: StartSyncExecution (express workflows) calls sync-states.<region>, an endpoint service of its own.
    states: {
        warning: "StartSyncExecution (express workflows) calls sync-states.{region}.amazonaws.com, another endpoint service: list `sync-states` too",
        warningUnless: ["sync-states"],
        source: `${PRIVATELINK} (states and sync-states); AWS SDK Step Functions endpoint rules (StartSyncExecution host prefix sync-)`,
    },
    "ecr.api": { zones: [apex("api.ecr.{region}.amazonaws.com")], source: `${LZA_ZONES} (dotted flip); LZA issue #173` },
    "ecr.dkr": {
        zones: [wild("dkr.ecr.{region}.amazonaws.com", "123456789012")],
        warning: "image layers are served by S3: list `s3` too, or pulls fail half-way",
        warningUnless: ["s3"],
        source: `${LZA_ZONES} (dotted flip); ${LZA_WILDCARD}; ECR user guide, "Amazon ECR interface VPC endpoints" (layers from S3)`,
    },
    "execute-api": {
        zones: [wild("execute-api.{region}.amazonaws.com", "a1b2c3d4e5")],
        warning: "the wildcard sends every *.execute-api name to the hub: spokes can no longer reach public API Gateway endpoints",
        source: `${LZA_WILDCARD}; API Gateway developer guide, "Private APIs" (private DNS blocks public APIs)`,
    },
    "codeartifact.api": { zones: [apex("codeartifact.{region}.amazonaws.com")], source: LZA_ZONES },
    "codeartifact.repositories": { zones: [wild("d.codeartifact.{region}.amazonaws.com", "my-domain-123456789012")], source: `${LZA_ZONES}; ${LZA_WILDCARD}` },
    // AppSync's data plane serves GraphQL (<api-id>.appsync-api.<region>) and real-time
    // subscriptions (<api-id>.appsync-realtime-api.<region>, wss://); with it, public AppSync APIs
    // are unreachable through their generated names.
    "appsync-api": {
        zones: [
            wild("appsync-api.{region}.amazonaws.com", "abcdefghijklmnopqrstuvwxyz"),
            wild("appsync-realtime-api.{region}.amazonaws.com", "abcdefghijklmnopqrstuvwxyz"),
        ],
        warning: "the wildcards send every *.appsync-api and *.appsync-realtime-api name to the hub: spokes can no longer reach public AppSync APIs " +
            "by their generated names (give those APIs custom domain names), and the endpoint reaches every private API of its account and Region",
        source: `${LZA_WILDCARD}; AppSync developer guide, "Using AWS AppSync Private APIs" (com.amazonaws.<region>.appsync-api for GraphQL and real-time; private DNS blocks public APIs); ` +
            "GraphQL and real-time hosts <api-id>.appsync-api / <api-id>.appsync-realtime-api.<region>.amazonaws.com; private DNS names of the endpoint: verify",
    },
    // The control plane (CreateGraphqlApi, ...): com.amazonaws.<region>.appsync, appsync.<region>.amazonaws.com.
    appsync: { source: "AppSync developer guide, \"Using AWS AppSync Private APIs\" (control plane com.amazonaws.<region>.appsync); zone by the default rule (AWS SDK: appsync.<region>.amazonaws.com)" },
    "transfer.server": {
        zones: [wild("server.transfer.{region}.amazonaws.com", "s-1234567890abcdef0")], policy: false,
        source: `${LZA_WILDCARD}; AWS PrivateLink guide, "View endpoint policy support" (VpcEndpointPolicySupported false)`,
    },
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
    "appstream.api": {
        zones: [apex("appstream2.{region}.amazonaws.com")], policy: false,
        source: `${LZA_ZONES}; AWS PrivateLink guide, "View endpoint policy support" (VpcEndpointPolicySupported false)`,
    },
    "appmesh-envoy-management": { policy: false, source: `${PRIVATELINK}; AWS PrivateLink guide, "View endpoint policy support" (VpcEndpointPolicySupported false)` },
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

    // Global services: one endpoint service, in the Region of their control plane (us-east-1 in
    // the commercial partition); clients in every Region call the global name.
    iam: {
        endpointService: "com.amazonaws.iam", zones: [apex("iam.amazonaws.com")], regions: ["us-east-1"], crossRegion: true,
        source: "IAM user guide, \"Create a VPC endpoint for IAM\" (com.amazonaws.iam, only in us-east-1, the IAM control plane's Region); " +
            `${CROSS_REGION} (IAM); private DNS name iam.amazonaws.com: verify (checked at pulumi up)`,
    },
    route53: {
        endpointService: "com.amazonaws.route53", zones: [apex("route53.amazonaws.com")], regions: ["us-east-1"], crossRegion: true,
        source: `${LISTED} (com.amazonaws.route53); ${CROSS_REGION} (Route 53); terraform-provider-aws TestAccVPCEndpoint_crossRegionInterfaceGlobalService (service Region us-east-1, private DNS on); ` +
            "private DNS name route53.amazonaws.com: verify",
    },
    cloudfront: {
        endpointService: "com.amazonaws.cloudfront", zones: [apex("cloudfront.amazonaws.com")], regions: ["us-east-1"],
        source: `${LISTED} (com.amazonaws.cloudfront, no Region); the Region (us-east-1, CloudFront's API Region) and private DNS name cloudfront.amazonaws.com: verify`,
    },
    // Listed with a Region (com.amazonaws.<region>.organizations), but the API answers only at
    // organizations.us-east-1.amazonaws.com, which clients in every commercial Region call.
    organizations: {
        regions: ["us-east-1"],
        source: `${LISTED} (com.amazonaws.<region>.organizations); zone by the default rule; AWS Organizations API reference ("specify the us-east-1 Region for all ... calls": organizations.us-east-1.amazonaws.com); ` +
            "other Regions' endpoint services: verify",
    },
    // Billing's global API: savingsplans.amazonaws.com (us-east-1), endpoint service without a Region.
    savingsplans: {
        endpointService: "com.amazonaws.savingsplans", zones: [apex("savingsplans.amazonaws.com")], regions: ["us-east-1"],
        source: `${LISTED} (com.amazonaws.savingsplans, no Region); AWS General Reference, Savings Plans endpoints (savingsplans.amazonaws.com, us-east-1); the Region and private DNS name: verify`,
    },

    // Refused, with the reason shown to the user.
    s3express: {
        refused: "(S3 Express One Zone, directory buckets) is reached through a gateway endpoint in each VPC (com.amazonaws.<region>.s3express, which cannot be shared) " +
            "at per-Availability-Zone names (<bucket>--<az-id>--x-s3.s3express-<az-id>.<region>.amazonaws.com): AWS offers no interface endpoint to centralize",
        source: "S3 user guide, \"Networking for directory buckets in an Availability Zone\" (gateway endpoints; Zonal and Regional endpoint names); absent from the PrivateLink guide's list (2026); AWS SDK S3 endpoint rules (s3express-<az-id> hosts)",
    },
    dynamodb: {
        refused: "has no private DNS on its interface endpoint and new SDKs call <account>.ddb.<region>.amazonaws.com: " +
            "a dynamodb zone would miss that traffic; use a gateway endpoint in each VPC",
        source: "DynamoDB developer guide, \"AWS PrivateLink for DynamoDB\" (no private DNS); AWS SDK account-based endpoints",
    },
};

// Names users write for a service that are not its endpoint service name: the AWS SDK's package
// name (`@aws-sdk/client-cloudwatch-logs`), the console's name (EventBridge, Step Functions), a
// short form (sfn, elb). Planned under such a name, a service would get an endpoint AWS refuses
// (com.amazonaws.<region>.cloudwatch does not exist) and a zone no client calls, so the plan
// refuses the name and says which catalog name is meant. One table, each row with its source;
// test/aliases.test.ts checks that no alias is itself a service AWS lists and that every name
// meant is a catalog row. Data, not code.

export interface Alias {
    /** The catalog names meant, in the order to suggest them. */
    readonly meant: readonly string[];
    /** What the user gets under those names, for the message. */
    readonly note: string;
    /** Where the alias comes from (the SDK package, the host its client calls, the console name). */
    readonly source: string;
}

const sdk = (pkg: string, host: string) => `@aws-sdk/client-${pkg} (its client calls ${host})`;

/** Keyed by the name as users write it, lower case (upper case is handled by lookup). */
export const ALIASES: Readonly<Record<string, Alias>> = {
    cloudwatch: { meant: ["monitoring"], note: "CloudWatch metrics and alarms", source: sdk("cloudwatch", "monitoring.<region>.amazonaws.com") },
    "cloudwatch-logs": { meant: ["logs"], note: "CloudWatch Logs", source: sdk("cloudwatch-logs", "logs.<region>.amazonaws.com") },
    cloudwatchlogs: { meant: ["logs"], note: "CloudWatch Logs", source: "AWS SDK service id CloudWatchLogs (logs.<region>.amazonaws.com)" },
    "cloudwatch-events": { meant: ["events"], note: "EventBridge (formerly CloudWatch Events)", source: sdk("cloudwatch-events", "events.<region>.amazonaws.com") },
    eventbridge: { meant: ["events"], note: "EventBridge", source: sdk("eventbridge", "events.<region>.amazonaws.com") },
    sfn: { meant: ["states", "sync-states"], note: "Step Functions (sync-states for StartSyncExecution)", source: sdk("sfn", "states.<region>.amazonaws.com; sync-states.<region> for StartSyncExecution") },
    stepfunctions: { meant: ["states", "sync-states"], note: "Step Functions (sync-states for StartSyncExecution)", source: "console name Step Functions; endpoint service com.amazonaws.<region>.states" },
    "step-functions": { meant: ["states", "sync-states"], note: "Step Functions (sync-states for StartSyncExecution)", source: "console name Step Functions; endpoint service com.amazonaws.<region>.states" },
    "secrets-manager": { meant: ["secretsmanager"], note: "Secrets Manager", source: sdk("secrets-manager", "secretsmanager.<region>.amazonaws.com") },
    "elastic-load-balancing": { meant: ["elasticloadbalancing"], note: "the Elastic Load Balancing API", source: sdk("elastic-load-balancing", "elasticloadbalancing.<region>.amazonaws.com") },
    "elastic-load-balancing-v2": { meant: ["elasticloadbalancing"], note: "the Elastic Load Balancing API", source: sdk("elastic-load-balancing-v2", "elasticloadbalancing.<region>.amazonaws.com") },
    elb: { meant: ["elasticloadbalancing"], note: "the Elastic Load Balancing API", source: "short name; endpoint service com.amazonaws.<region>.elasticloadbalancing" },
    elbv2: { meant: ["elasticloadbalancing"], note: "the Elastic Load Balancing API", source: "AWS CLI command elbv2; endpoint service com.amazonaws.<region>.elasticloadbalancing" },
    "auto-scaling": { meant: ["autoscaling"], note: "EC2 Auto Scaling", source: sdk("auto-scaling", "autoscaling.<region>.amazonaws.com") },
    "api-gateway": {
        meant: ["execute-api", "apigateway"], note: "calls to your APIs go to execute-api; apigateway is the management API",
        source: `${sdk("api-gateway", "apigateway.<region>.amazonaws.com")}; API Gateway developer guide, "Private APIs" (execute-api)`,
    },
    apigatewaymanagementapi: { meant: ["execute-api"], note: "WebSocket connections (@connections) of your APIs", source: sdk("apigatewaymanagementapi", "<api-id>.execute-api.<region>.amazonaws.com") },
    firehose: { meant: ["kinesis-firehose"], note: "Data Firehose", source: sdk("firehose", "firehose.<region>.amazonaws.com") },
    kinesis: { meant: ["kinesis-streams"], note: "Kinesis Data Streams", source: sdk("kinesis", "<account>.control-kinesis / data-kinesis.<region>.amazonaws.com") },
    ecr: { meant: ["ecr.api", "ecr.dkr"], note: "ECR needs both: the API and image pulls (and s3 for layers)", source: `${sdk("ecr", "api.ecr.<region>.amazonaws.com")}; ECR user guide, "Amazon ECR interface VPC endpoints"` },
    sagemaker: { meant: ["sagemaker.api", "sagemaker.runtime"], note: "the SageMaker API and model invocations", source: `${sdk("sagemaker", "api.sagemaker.<region>.amazonaws.com")}; client-sagemaker-runtime (runtime.sagemaker.<region>)` },
    "sagemaker-runtime": { meant: ["sagemaker.runtime"], note: "model invocations", source: sdk("sagemaker-runtime", "runtime.sagemaker.<region>.amazonaws.com") },
    iot: { meant: ["iot.api", "iot.data", "iot.credentials"], note: "AWS IoT Core: control plane, device data plane, credential provider", source: `${sdk("iot", "iot.<region>.amazonaws.com")}; AWS IoT Core developer guide, interface VPC endpoints` },
    "iot-data-plane": { meant: ["iot.data"], note: "the device data plane", source: sdk("iot-data-plane", "<prefix>-ats.iot.<region>.amazonaws.com") },
    ses: { meant: ["email-smtp"], note: "SES over SMTP (the SES API, email.<region>, has no interface endpoint)", source: "SES developer guide, \"Setting up VPC endpoints with Amazon SES\" (SMTP only)" },
    sesv2: { meant: ["email-smtp"], note: "SES over SMTP (the SES API, email.<region>, has no interface endpoint)", source: `${sdk("sesv2", "email.<region>.amazonaws.com")}; SES developer guide (VPC endpoints for SMTP only)` },
    "cognito-identity-provider": { meant: ["cognito-idp"], note: "Cognito user pools", source: sdk("cognito-identity-provider", "cognito-idp.<region>.amazonaws.com") },
    opensearch: { meant: ["es"], note: "the OpenSearch Service configuration API", source: sdk("opensearch", "es.<region>.amazonaws.com") },
    elasticsearch: { meant: ["es"], note: "the OpenSearch Service configuration API", source: "@aws-sdk/client-elasticsearch-service (es.<region>.amazonaws.com)" },
    efs: { meant: ["elasticfilesystem"], note: "the EFS API", source: sdk("efs", "elasticfilesystem.<region>.amazonaws.com") },
    emr: { meant: ["elasticmapreduce"], note: "the EMR API", source: sdk("emr", "elasticmapreduce.<region>.amazonaws.com") },
    "x-ray": { meant: ["xray"], note: "X-Ray", source: "console name X-Ray; @aws-sdk/client-xray (xray.<region>.amazonaws.com)" },
    codeartifact: { meant: ["codeartifact.api", "codeartifact.repositories"], note: "CodeArtifact needs both: the API and the repositories", source: `${sdk("codeartifact", "codeartifact.<region>.amazonaws.com")}; CodeArtifact user guide, VPC endpoints` },
    mwaa: { meant: ["airflow.api", "airflow.env", "airflow.ops"], note: "Managed Workflows for Apache Airflow", source: `${sdk("mwaa", "airflow.<region>.amazonaws.com")}; MWAA user guide, VPC endpoints` },
    "s3-control": { meant: ["s3"], note: "S3 Control (<account>.s3-control.<region>) is served by the s3 endpoint", source: `${sdk("s3-control", "<account>.s3-control.<region>.amazonaws.com")}; S3 user guide, "AWS PrivateLink for Amazon S3"` },
    s3control: { meant: ["s3"], note: "S3 Control is served by the s3 endpoint", source: "AWS CLI command s3control; S3 user guide, \"AWS PrivateLink for Amazon S3\"" },
    "systems-manager": { meant: ["ssm", "ssmmessages", "ec2messages"], note: "Systems Manager (Session Manager needs all three)", source: "console name Systems Manager; Systems Manager user guide, \"Use VPC endpoints\"" },
    "session-manager": { meant: ["ssm", "ssmmessages", "ec2messages"], note: "Session Manager needs all three", source: "Systems Manager user guide, \"Use VPC endpoints\" (ssm, ssmmessages, ec2messages)" },
    "route-53": { meant: ["route53"], note: "Route 53 (its endpoint only in us-east-1)", source: sdk("route-53", "route53.amazonaws.com") },
    "config-service": { meant: ["config"], note: "AWS Config", source: sdk("config-service", "config.<region>.amazonaws.com") },
    "cloudhsm-v2": { meant: ["cloudhsmv2"], note: "CloudHSM", source: sdk("cloudhsm-v2", "cloudhsmv2.<region>.amazonaws.com") },
    "database-migration-service": { meant: ["dms"], note: "AWS DMS", source: sdk("database-migration-service", "dms.<region>.amazonaws.com") },
    "directory-service": { meant: ["ds"], note: "Directory Service", source: sdk("directory-service", "ds.<region>.amazonaws.com") },
    "resource-groups-tagging-api": { meant: ["tagging"], note: "the tagging API", source: sdk("resource-groups-tagging-api", "tagging.<region>.amazonaws.com") },
    "service-catalog": { meant: ["servicecatalog"], note: "Service Catalog", source: sdk("service-catalog", "servicecatalog.<region>.amazonaws.com") },
    "service-catalog-appregistry": { meant: ["servicecatalog-appregistry"], note: "AppRegistry", source: sdk("service-catalog-appregistry", "servicecatalog-appregistry.<region>.amazonaws.com") },
    "storage-gateway": { meant: ["storagegateway"], note: "Storage Gateway", source: sdk("storage-gateway", "storagegateway.<region>.amazonaws.com") },
    amp: { meant: ["aps-workspaces"], note: "Managed Service for Prometheus workspaces", source: sdk("amp", "aps-workspaces.<region>.amazonaws.com") },
    "private-ca": { meant: ["acm-pca"], note: "AWS Private CA", source: "console name Private CA; @aws-sdk/client-acm-pca (acm-pca.<region>.amazonaws.com)" },
};

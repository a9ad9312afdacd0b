// Endpoint policies: every endpoint whose service takes a policy gets a data perimeter by default.
// With `vpce-hub:organizationId` it is AWS's own example: principals of the organization, to
// resources of the organization (`aws:PrincipalOrgID` and `aws:ResourceOrgID`). Without it, the same
// shape over the declared accounts (`aws:PrincipalAccount` and `aws:ResourceAccount`): the hub's,
// every registered member's and `vpce-hub:trustedAccounts`. Either perimeter alone would break
// AWS's own traffic through the hub, so each service keeps the exceptions AWS's examples carry:
// AWS-owned S3 buckets read without credentials or through URLs a service presigned, AWS-owned
// resources your principals use (AMIs, public parameters, managed policies, EKS add-on images),
// AWS service principals, and federated STS sessions (no principal keys at all).
// Sources: aws-samples/data-perimeter-policy-examples (vpc_endpoint_policies/, service_owned_resources.md,
// commit 8e0d3c5, 2026-03-18) and the IAM user guide, "Control access to AWS STS with VPC endpoint
// policies"; each row below names its own. Every statement has a Sid, and a user drops, replaces or
// adds one by Sid (`services[i].policyStatements`), or replaces the document (`services[i].policy`).
// Pure: no Pulumi import.

import type { StatementOverride } from "../catalog/types";

export interface PolicyStatement {
    readonly Sid: string;
    readonly Effect: "Allow" | "Deny";
    readonly Principal: "*" | Record<string, unknown>;
    readonly Action: string | readonly string[];
    readonly Resource: string | readonly string[];
    readonly Condition?: Record<string, Record<string, unknown>>;
}

/**
 * Whom the default policy admits: one organization (`aws:PrincipalOrgID`/`aws:ResourceOrgID`), or
 * a list of accounts (`aws:PrincipalAccount`/`aws:ResourceAccount`).
 */
export type Perimeter =
    | { readonly kind: "organization"; readonly organizationId: string }
    | { readonly kind: "accounts"; readonly accounts: readonly string[] };

/**
 * "Characters per VPC endpoint policy: 20,480, not adjustable: the maximum size of a VPC endpoint
 * policy, including white space" (AWS PrivateLink quotas, vpc-limits-endpoints.html; quota L-3248932A).
 */
export const ENDPOINT_POLICY_MAX_CHARS = 20_480;

/** One group of AWS-owned S3 buckets, by who reads them and why (`{region}` is filled in). */
export interface OwnedBuckets {
    readonly owner: string;
    readonly buckets: readonly string[];
    readonly source: string;
}

const S3_EXAMPLE = "data-perimeter-policy-examples vpc_endpoint_policies/s3_endpoint_policy.json";
const OWNED = "service_owned_resources.md";

/**
 * AWS-owned buckets the S3 endpoint lets anyone read (s3:GetObject, s3:ListBucket), in the order of
 * AWS's S3 endpoint policy example. Left out: buckets whose names hold a part AWS does not publish
 * (CodeArtifact `assets-<account>-<region>`, Cloud9 `static-<region>-prod-static-<string>`); add
 * them by Sid. Lambda's buckets are in service_owned_resources.md but not in the S3 example.
 */
export const AWS_OWNED_BUCKETS: readonly OwnedBuckets[] = [
    {
        owner: "Amazon Linux 2 repositories (EC2 kernel live patching, Amazon EMR): unauthenticated reads",
        buckets: ["packages.{region}.amazonaws.com/*", "repo.{region}.amazonaws.com/*", "amazonlinux.{region}.amazonaws.com/*", "amazonlinux-2-repos-{region}/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon EC2 (Kernel Live Patching on AL2), Amazon EMR`,
    },
    {
        owner: "Amazon Linux 2023 repositories: unauthenticated reads",
        buckets: ["al2023-repos-{region}-de612dc2/*", "al2023-{region}/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon EC2 (Kernel Live Patching on Amazon Linux 2023)`,
    },
    {
        owner: "Amazon EMR repositories and Spark event logs: unauthenticated",
        buckets: ["repo.{region}.emr.amazonaws.com/*", "prod.{region}.appinfo.src/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon EMR`,
    },
    {
        owner: "Systems Manager: SSM Agent, documents, distributor packages, patch baselines, Patch Manager for macOS: unauthenticated reads",
        buckets: [
            "aws-ssm-{region}/*", "aws-windows-downloads-{region}/*", "amazon-ssm-{region}/*", "amazon-ssm-packages-{region}/*",
            "{region}-birdwatcher-prod/*", "aws-ssm-distributor-file-{region}/*", "aws-ssm-document-attachments-{region}/*",
            "patch-baseline-snapshot-{region}/*", "aws-patchmanager-macos-{region}/*",
        ],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Systems Manager`,
    },
    {
        owner: "CloudWatch agent package: unauthenticated reads",
        buckets: ["amazoncloudwatch-agent-{region}/*", "amazoncloudwatch-agent/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon CloudWatch (agent)`,
    },
    {
        owner: "CodeDeploy agent: unauthenticated reads",
        buckets: ["aws-codedeploy-{region}/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS CodeDeploy`,
    },
    {
        owner: "EC2 Image Builder managed components and AWSTOE: unauthenticated reads",
        buckets: ["ec2imagebuilder-toe-{region}-prod/*", "ec2imagebuilder-managed-resources-{region}-prod/components/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: EC2 Image Builder`,
    },
    {
        owner: "ECR image layers (docker pull): a URL ECR's account presigned",
        buckets: ["prod-{region}-starport-layer-bucket/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon ECR; ECR user guide, "Minimum Amazon S3 bucket permissions for Amazon ECR"`,
    },
    {
        owner: "Application Migration Service (MGN) replication agent: URLs MGN presigned",
        buckets: [
            "aws-mgn-clients-{region}/*", "aws-mgn-clients-hashes-{region}/*", "aws-mgn-internal-{region}/*", "aws-mgn-internal-hashes-{region}/*",
            "aws-application-migration-service-{region}/*", "aws-application-migration-service-hashes-{region}/*",
        ],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Application Migration Service`,
    },
    {
        owner: "Elastic Disaster Recovery (DRS) replication agent: URLs DRS presigned",
        buckets: [
            "aws-drs-clients-{region}/*", "aws-drs-clients-hashes-{region}/*", "aws-drs-internal-{region}/*", "aws-drs-internal-hashes-{region}/*",
            "aws-elastic-disaster-recovery-{region}/*", "aws-elastic-disaster-recovery-hashes-{region}/*",
        ],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Elastic Disaster Recovery`,
    },
    {
        owner: "CloudFormation wait conditions and custom resource responses: URLs CloudFormation presigned",
        buckets: ["cloudformation-waitcondition-{region}/*", "cloudformation-custom-resource-response-{regionWithoutDashes}/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS CloudFormation`,
    },
    {
        owner: "ACM for Nitro Enclaves certificates",
        buckets: ["aws-ec2-enclave-certificate-{region}-prod/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Certificate Manager (ACM)`,
    },
    {
        owner: "Elastic Beanstalk configuration files, sample application, platform assets (its service role)",
        buckets: ["elasticbeanstalk-samples-{region}/*", "elasticbeanstalk-platform-assets-{region}/*", "elasticbeanstalk-env-resources-{region}/*", "elasticbeanstalk-{region}/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Elastic Beanstalk`,
    },
    {
        owner: "SageMaker JumpStart pretrained models (its service role)",
        buckets: ["jumpstart-cache-prod-{region}/*", "jumpstart-cache-prod-{region}"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon SageMaker JumpStart`,
    },
    {
        owner: "Neptune graph notebook scripts (its service role)",
        buckets: ["aws-neptune-notebook", "aws-neptune-notebook/*", "aws-neptune-notebook-{region}", "aws-neptune-notebook-{region}/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon Neptune`,
    },
    {
        owner: "Athena sample data",
        buckets: ["athena-examples-{region}/*", "athena-examples-{region}"],
        source: `${S3_EXAMPLE}; ${OWNED}: Amazon Athena`,
    },
    {
        owner: "CloudFormation helper scripts (cfn-init and friends)",
        buckets: ["cloudformation-examples/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS CloudFormation (helper scripts)`,
    },
    {
        owner: "Schema Conversion Tool JDBC drivers, Redshift downloads",
        buckets: ["awssupportdatasvcs.com/*", "redshift-downloads/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Schema Conversion Tool`,
    },
    {
        owner: "Session Manager plugin downloads, SSM document categories",
        buckets: ["session-manager-downloads/*", "ssm-document-categories/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Systems Manager (Session Manager plugin, document categories)`,
    },
    {
        owner: "AWS Data Provider for SAP, AWS Backint Agent for SAP HANA",
        buckets: ["aws-sap-data-provider/*", "aws-sap-dataprovider-{region}/*", "awssap-backint-agent/*"],
        source: `${S3_EXAMPLE}; ${OWNED}: AWS Data Provider for SAP, AWS Backint Agent for SAP`,
    },
    {
        owner: "AWS CLI installers",
        buckets: ["aws-cli/*"],
        source: `${S3_EXAMPLE} (added 2026-03-18, issue #54)`,
    },
    {
        owner: "Lambda deployment packages (GetFunction's URL, presigned by Lambda)",
        buckets: ["prod-04-2014-tasks/*", "awslambda-{region}-tasks/*"],
        source: `${OWNED}: AWS Lambda (not in the S3 example)`,
    },
];

/**
 * The registry of EKS add-on images (VPC CNI, kube-proxy, CoreDNS, ...) by Region: an AWS account
 * per Region that EKS nodes pull from (EKS user guide, "View Amazon container image registries for
 * Amazon EKS add-ons", awsdocs/amazon-eks-user-guide latest/ug/workloads/add-ons-images.adoc,
 * commit 1cc6ebb; ap-southeast-5 from the docs.amazonaws.cn copy of the same page). A Region
 * missing here gets no ECR exception: add it by Sid.
 */
export const EKS_ADDON_REGISTRY_ACCOUNTS: Readonly<Record<string, string>> = {
    "af-south-1": "877085696533", "ap-east-1": "800184023465", "ap-east-2": "533267051163", "ap-southeast-3": "296578399912",
    "ap-south-2": "900889452093", "ap-southeast-4": "491585149902", "ap-southeast-5": "151610086707", "ap-southeast-6": "333609536671",
    "ap-south-1": "602401143452", "ap-northeast-3": "602401143452", "ap-northeast-2": "602401143452", "ap-southeast-1": "602401143452",
    "ap-southeast-2": "602401143452", "ap-southeast-7": "121268973566", "ap-northeast-1": "602401143452",
    "eu-central-1": "602401143452", "eu-west-1": "602401143452", "eu-west-2": "602401143452", "eu-south-1": "590381155156",
    "eu-west-3": "602401143452", "eu-south-2": "455263428931", "eu-north-1": "602401143452", "eu-central-2": "900612956339",
    "il-central-1": "066635153087", "mx-central-1": "730335286997", "me-south-1": "558608220178", "me-central-1": "759879836304",
    "us-east-1": "602401143452", "us-east-2": "602401143452", "us-west-1": "602401143452", "us-west-2": "602401143452",
    "ca-central-1": "602401143452", "ca-west-1": "761377655185", "sa-east-1": "602401143452",
    "us-gov-east-1": "151742754352", "us-gov-west-1": "013241004608",
};

/**
 * AWS-owned resources your own principals use through a service's endpoint, which the resource
 * side of the perimeter (`aws:ResourceOrgID`/`aws:ResourceAccount`) would refuse: per service, the
 * actions and resources of AWS's per-service example (statement AllowRequestsByOrgsIdentitiesToAWSResources).
 * Left out, because AWS's example names an account it does not publish: Lambda layers
 * (`arn:aws:lambda:*:<service-account-id>:layer:*`, Lambda Insights, AppConfig extension) and Glue
 * Studio transforms on S3 (`aws:ResourceAccount` `<glue-account-id>`): add them by Sid.
 */
export interface AwsResourceException {
    readonly services: readonly string[];
    readonly actions: string | readonly string[];
    /** ARN templates (`{region}` filled in). */
    readonly resources: string | readonly string[];
    /** The AWS account that owns the resources, per Region (a Region without one gets no statement). */
    readonly resourceAccount?: Readonly<Record<string, string>>;
    readonly what: string;
    readonly source: string;
}

const EXAMPLES = "data-perimeter-policy-examples vpc_endpoint_policies/";

export const AWS_RESOURCE_EXCEPTIONS: readonly AwsResourceException[] = [
    {
        services: ["ec2"],
        actions: ["ec2:RunInstances", "ec2:CreateReplaceRootVolumeTask", "ec2:CreateTags", "ec2:DeleteTags", "ec2:GetManagedPrefixListEntries"],
        resources: ["arn:aws:ec2:*::image/*", "arn:aws:ec2:*:aws:prefix-list/*"],
        what: "Amazon-owned AMIs (launch, replace a root volume) and AWS-managed prefix lists",
        source: `${EXAMPLES}ec2_endpoint_policy.json; ${OWNED}: Amazon EC2 image, Amazon EC2 prefix list`,
    },
    {
        services: ["ssm"],
        actions: ["ssm:Describe*", "ssm:List*", "ssm:Get*", "ssm:SendCommand", "ssm:CreateAssociation", "ssm:StartSession", "ssm:StartChangeRequestExecution", "ssm:StartAutomationExecution"],
        resources: ["arn:aws:ssm:{region}::parameter/aws/*", "arn:aws:ssm:{region}::document/*", "arn:aws:ssm:*::automation-definition/*"],
        what: "public parameters (latest AMI ids), AWS-owned documents and Automation runbooks",
        source: `${EXAMPLES}ssm_endpoint_policy.json; ${OWNED}: AWS Systems Manager parameter, document, automation definition`,
    },
    {
        services: ["iam"],
        actions: "*",
        resources: ["arn:aws:iam::aws:policy/*"],
        what: "AWS managed policies",
        source: `${EXAMPLES}iam_endpoint_policy.json; ${OWNED}: AWS IAM policy`,
    },
    {
        services: ["imagebuilder"],
        actions: ["imagebuilder:GetComponent", "imagebuilder:GetImage"],
        resources: ["arn:aws:imagebuilder:{region}:aws:component/*", "arn:aws:imagebuilder:{region}:aws:image/*"],
        what: "Amazon-managed Image Builder components and images",
        source: `${EXAMPLES}imagebuilder_endpoint_policy.json; ${OWNED}: Amazon EC2 Image Builder component, image`,
    },
    {
        services: ["cloudformation"],
        actions: ["cloudformation:CreateChangeSet"],
        resources: ["arn:aws:cloudformation:{region}:aws:transform/*"],
        what: "AWS-owned transforms (AWS::Serverless, AWS::Include, ...)",
        source: `${EXAMPLES}cloudformation_endpoint_policy.json; ${OWNED}: AWS CloudFormation transform`,
    },
    {
        // The control-plane endpoint (iot.api): the data plane and credential provider take no policy (IoT developer guide).
        services: ["iot.api"],
        actions: "*",
        resources: ["arn:aws:iot:*:*:jobtemplate/*"],
        what: "AWS managed job templates",
        source: `${EXAMPLES}iot_endpoint_policy.json (which IoT endpoint it is for: verify)`,
    },
    {
        // ecr.dkr too: docker pulls reach the registry there, with the same actions and repositories (verify).
        services: ["ecr.api", "ecr.dkr"],
        actions: "*",
        resources: "*",
        resourceAccount: EKS_ADDON_REGISTRY_ACCOUNTS,
        what: "EKS add-on images in the Region's EKS registry (GuardDuty and SageMaker images live in other AWS accounts: add them by Sid)",
        source: `${EXAMPLES}ecr.api_endpoint_policy.json (aws:ResourceAccount <ecr-account-id>); ${OWNED}: Amazon ECR repository; EKS user guide, "View Amazon container image registries for Amazon EKS add-ons"`,
    },
];

/**
 * Federated callers (AssumeRoleWithSAML, AssumeRoleWithWebIdentity) have no principal keys at all,
 * so a perimeter on aws:PrincipalOrgID or aws:PrincipalAccount implicitly denies them; AWS's STS
 * examples admit them with a second statement on the role assumed (aws:ResourceOrgID or
 * aws:ResourceAccount). sts:TagSession and sts:SetSourceIdentity are authorized in the same federated
 * request when it passes session tags or a source identity (AWS's identity-perimeter RCP leaves
 * exactly these four out of its org check for that reason; that the endpoint policy evaluates them
 * too: verify).
 */
export const FEDERATED_STS_ACTIONS = ["sts:AssumeRoleWithSAML", "sts:AssumeRoleWithWebIdentity", "sts:TagSession", "sts:SetSourceIdentity"] as const;

/** Sids the defaults no longer have, and the one that took each's place. */
export const RENAMED_SIDS: Readonly<Record<string, string>> = {
    // Since it also requires aws:ResourceOrgID (AWS's default endpoint policy example).
    AllowRequestsByOrgsIdentities: "AllowRequestsByOrgsIdentitiesToOrgsResources",
};

/** The Sids of one perimeter kind: AWS's names for the organization, the same shape for accounts. */
export const SIDS = {
    organization: { perimeter: "AllowRequestsByOrgsIdentitiesToOrgsResources", awsResources: "AllowRequestsByOrgsIdentitiesToAWSResources", federated: "AllowFederatedSessionsToOrgRoles" },
    accounts: { perimeter: "AllowRequestsByAccountsIdentitiesToAccountsResources", awsResources: "AllowRequestsByAccountsIdentitiesToAWSResources", federated: "AllowFederatedSessionsToAccountsRoles" },
    servicePrincipals: "AllowRequestsByAWSServicePrincipals",
    ownedBuckets: "AllowRequestsToAWSOwnedResources",
} as const;

function fill(template: string, region: string): string {
    return template.split("{region}").join(region).split("{regionWithoutDashes}").join(region.replace(/-/g, ""));
}

/** The condition on the caller: `aws:PrincipalOrgID` or `aws:PrincipalAccount`. */
function principalIn(p: Perimeter): Record<string, unknown> {
    return p.kind === "organization" ? { "aws:PrincipalOrgID": p.organizationId } : { "aws:PrincipalAccount": [...p.accounts] };
}

/** The condition on the resource: `aws:ResourceOrgID` or `aws:ResourceAccount`. */
function resourceIn(p: Perimeter): Record<string, unknown> {
    return p.kind === "organization" ? { "aws:ResourceOrgID": p.organizationId } : { "aws:ResourceAccount": [...p.accounts] };
}

/** The default statements for one service's endpoint, in order. */
export function defaultStatements(service: string, region: string, perimeter: Perimeter): PolicyStatement[] {
    const sids = SIDS[perimeter.kind];
    const out: PolicyStatement[] = [
        {
            // Identity and resource perimeter: your principals, to your resources.
            Sid: sids.perimeter, Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
            Condition: { StringEquals: { ...principalIn(perimeter), ...resourceIn(perimeter) } },
        },
        {
            // AWS services calling on your behalf with their service principals.
            Sid: SIDS.servicePrincipals, Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
            Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } },
        },
    ];
    for (const e of AWS_RESOURCE_EXCEPTIONS.filter(x => x.services.includes(service))) {
        const account = e.resourceAccount?.[region];
        if (e.resourceAccount && !account) continue;
        const resources = (Array.isArray(e.resources) ? e.resources : [e.resources]).map(r => fill(r, region));
        out.push({
            Sid: sids.awsResources, Effect: "Allow", Principal: "*", Action: e.actions,
            Resource: resources.length === 1 ? resources[0] : resources,
            Condition: { StringEquals: { ...(account ? { "aws:ResourceAccount": account } : {}), ...principalIn(perimeter) } },
        });
    }
    if (service === "s3") {
        out.push({
            Sid: SIDS.ownedBuckets, Effect: "Allow", Principal: "*", Action: ["s3:GetObject", "s3:ListBucket"],
            Resource: AWS_OWNED_BUCKETS.flatMap(g => g.buckets).map(b => `arn:aws:s3:::${fill(b, region)}`),
        });
    }
    if (service === "sts") {
        out.push({
            Sid: sids.federated, Effect: "Allow", Principal: "*", Action: [...FEDERATED_STS_ACTIONS], Resource: "*",
            Condition: { StringEquals: resourceIn(perimeter) },
        });
    }
    return out;
}

/** The Sids a service's default policy holds (what `policyStatements` may drop). */
export function defaultSids(service: string, region: string, kind: Perimeter["kind"]): string[] {
    const stand: Perimeter = kind === "organization" ? { kind, organizationId: "o-0000000000" } : { kind, accounts: [] };
    return defaultStatements(service, region, stand).map(s => s.Sid);
}

/**
 * The endpoint policy document (JSON text), or undefined for none (AWS's default, full access)
 * where the service takes no policy; the user's whole `policy` if given; else the default
 * statements of the perimeter with the user's per-Sid changes applied.
 */
export function endpointPolicy(opts: {
    readonly service: string;
    readonly region: string;
    readonly perimeter: Perimeter;
    readonly supportsPolicy: boolean;
    readonly policy?: string;
    readonly statementOverrides?: Readonly<Record<string, StatementOverride>>;
}): string | undefined {
    if (!opts.supportsPolicy) return undefined;
    if (opts.policy) return opts.policy;
    const statements: Record<string, unknown>[] = defaultStatements(opts.service, opts.region, opts.perimeter).map(s => ({ ...s }));
    for (const [sid, change] of Object.entries(opts.statementOverrides ?? {})) {
        const at = statements.findIndex(s => s.Sid === sid);
        if (change === false) {
            if (at >= 0) statements.splice(at, 1);
        } else if (at >= 0) {
            statements[at] = { ...change, Sid: sid };
        } else {
            statements.push({ ...change, Sid: sid });
        }
    }
    return JSON.stringify({ Version: "2012-10-17", Statement: statements });
}

/**
 * Why a policy document AWS would refuse for its size, or undefined: at most 20,480 characters,
 * white space included. An account-list policy grows with every member (its accounts are listed
 * in several statements), so the way out names `organizationId`: one condition for them all.
 */
export function policySizeProblem(service: string, document: string, perimeter: Perimeter, own: boolean): string | undefined {
    if (document.length <= ENDPOINT_POLICY_MAX_CHARS) return undefined;
    const size = `${document.length.toLocaleString("en-US")} characters, more than the ${ENDPOINT_POLICY_MAX_CHARS.toLocaleString("en-US")} AWS allows per VPC endpoint policy, white space included (PrivateLink quotas, not adjustable)`;
    if (own) return `${service}'s endpoint policy is ${size}: shorten it`;
    const way = perimeter.kind === "accounts"
        ? `it lists ${perimeter.accounts.length.toLocaleString("en-US")} accounts in each statement: set vpce-hub:organizationId (one condition for every account of the organization), or give ${service} a shorter \`policy\``
        : "drop or shorten statements of `policyStatements`, or give a shorter `policy`";
    return `${service}'s default endpoint policy would be ${size}; ${way}`;
}

/**
 * A warning at 80 % of the size limit for an account-list policy: it grows by every member the hub
 * registers, so the way out (organizationId) is said before the plan has to stop.
 */
export function policySizeWarning(service: string, document: string, perimeter: Perimeter): string | undefined {
    if (perimeter.kind !== "accounts" || document.length > ENDPOINT_POLICY_MAX_CHARS || document.length < ENDPOINT_POLICY_MAX_CHARS * 0.8) return undefined;
    return `${service}'s default endpoint policy is ${document.length.toLocaleString("en-US")} of the ${ENDPOINT_POLICY_MAX_CHARS.toLocaleString("en-US")} characters AWS allows ` +
        `(${Math.floor(document.length / ENDPOINT_POLICY_MAX_CHARS * 100)}%), listing ${perimeter.accounts.length.toLocaleString("en-US")} accounts: each new member adds to it; ` +
        `set vpce-hub:organizationId before it is full (one condition for every account of the organization)`;
}

/** The accounts an account-list perimeter admits: the hub's, the members', the trusted ones; each once, sorted. */
export function perimeterAccounts(hubAccountId: string, memberAccounts: readonly string[], trustedAccounts: readonly string[] = []): string[] {
    return [...new Set([hubAccountId, ...memberAccounts, ...trustedAccounts])].sort();
}

/**
 * What centralizing S3 changes for bucket policies and members' gateway endpoints (said once per
 * hub that serves s3). A request through an interface endpoint carries that endpoint's id
 * (aws:SourceVpce), the VPC it sits in (aws:SourceVpc, aws:SourceVpcArn) and its owner
 * (aws:VpceAccount, aws:VpceOrgID): the hub's, never a member's (IAM user guide, "AWS global
 * condition context keys"). And a member whose S3 names resolve to the hub's endpoint sends that
 * traffic over peering or the Transit Gateway, past its own gateway endpoint, which only still
 * carries names nothing private answers.
 */
export function s3ThroughHubCaveat(opts: {
    readonly zones: readonly string[];
    readonly transitGatewayMembers: number;
    readonly peeringMembers: number;
}): string {
    const bucketPolicies = "s3 through the hub: bucket policies see the hub's S3 endpoint and VPC in members' requests, so a condition on " +
        "aws:SourceVpce, aws:SourceVpc or aws:SourceVpcArn naming a member's own endpoint or VPC refuses that member; use the hub's endpoint id " +
        "(stack output services.s3.endpointId), aws:VpceAccount or aws:VpceOrgID (docs/endpoint-policies.md, \"Bucket policies\")";
    const members = opts.transitGatewayMembers + opts.peeringMembers;
    if (!members) return bucketPolicies;
    const paths = [
        ...(opts.transitGatewayMembers ? ["the Transit Gateway's (transitGateway members)"] : []),
        ...(opts.peeringMembers ? ["cross-AZ peering transfer (peering members)"] : []),
    ];
    return `${bucketPolicies}. Members' S3 gateway endpoints no longer carry the names the hub answers (${opts.zones.join(", ")}): ` +
        `that traffic, free through a gateway endpoint, now pays the hub endpoint's data processing plus ${paths.join(" or ")}`;
}

// Endpoint policies with `vpce-hub:organizationId`: an identity perimeter on every endpoint,
// plus, per service, the statements AWS's own traffic needs through the hub. An organization-only
// policy alone breaks that traffic: ECR image layers are fetched from an ECR-owned S3 bucket with
// a URL ECR presigned (an ECR principal, not yours), Amazon Linux repositories and the SSM agent's
// packages are read without credentials, and federated sessions (AssumeRoleWithWebIdentity,
// AssumeRoleWithSAML) carry no aws:PrincipalOrgID. The statements follow AWS's data-perimeter
// examples (aws-samples/data-perimeter-policy-examples, vpc_endpoint_policies/ and
// service_owned_resources.md; resource_control_policies/README.md for the federated STS calls).
// Every statement has a Sid, and a user can drop or replace each one by Sid
// (`services[i].policyStatements`), or replace the whole document (`services[i].policy`).
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
 * Service-owned S3 buckets AWS's own clients read through an S3 endpoint, by what needs them
 * (service_owned_resources.md). `{region}` is filled in; buckets whose names hold an account or
 * a random part AWS does not publish are left out (add them by Sid).
 */
export const AWS_OWNED_BUCKETS: Readonly<Record<string, readonly string[]>> = {
    // ECR image layers: presigned by ECR, so the principal is ECR's (ECR user guide, "Minimum Amazon S3 bucket permissions").
    ecr: ["prod-{region}-starport-layer-bucket/*"],
    // Amazon Linux package repositories and kernel live patching: unauthenticated reads.
    amazonLinux: [
        "packages.{region}.amazonaws.com/*", "repo.{region}.amazonaws.com/*", "amazonlinux.{region}.amazonaws.com/*",
        "amazonlinux-2-repos-{region}/*", "al2023-{region}/*", "al2023-repos-{region}-de612dc2/*",
    ],
    // SSM agent updates, documents, distributor packages and patch baselines.
    ssm: [
        "aws-ssm-{region}/*", "aws-windows-downloads-{region}/*", "amazon-ssm-{region}/*", "amazon-ssm-packages-{region}/*",
        "{region}-birdwatcher-prod/*", "aws-ssm-distributor-file-{region}/*", "aws-ssm-document-attachments-{region}/*",
        "patch-baseline-snapshot-{region}/*",
    ],
    // Agents installed from AWS's buckets: CloudWatch agent, CodeDeploy agent, Image Builder's AWSTOE.
    agents: [
        "amazoncloudwatch-agent-{region}/*", "amazoncloudwatch-agent/*", "aws-codedeploy-{region}/*",
        "ec2imagebuilder-toe-{region}-prod/*", "ec2imagebuilder-managed-resources-{region}-prod/components/*",
    ],
    // CloudFormation wait conditions and custom resource responses (presigned by CloudFormation).
    cloudformation: ["cloudformation-waitcondition-{region}/*", "cloudformation-custom-resource-response-{regionWithoutDashes}/*"],
    // Lambda deployment packages (GetFunction returns a URL presigned by Lambda).
    lambda: ["prod-04-2014-tasks/*", "awslambda-{region}-tasks/*"],
};

function fill(template: string, region: string): string {
    return template.split("{region}").join(region).split("{regionWithoutDashes}").join(region.replace(/-/g, ""));
}

/** The statements every endpoint gets with an organization. */
function baseStatements(organizationId: string): PolicyStatement[] {
    return [
        {
            // Identity perimeter: only your organization's principals, to any resource.
            Sid: "AllowRequestsByOrgsIdentities", Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalOrgID": organizationId } },
        },
        {
            // AWS services calling on your behalf with their service principals (data-perimeter default policy).
            Sid: "AllowRequestsByAWSServicePrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
            Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } },
        },
    ];
}

/** Statements a service's endpoint needs besides the base ones, by catalog service name. */
const SERVICE_STATEMENTS: Readonly<Record<string, (region: string, organizationId: string) => PolicyStatement[]>> = {
    s3: region => [{
        Sid: "AllowRequestsToAWSOwnedResources", Effect: "Allow", Principal: "*",
        Action: ["s3:GetObject", "s3:ListBucket"],
        Resource: Object.values(AWS_OWNED_BUCKETS).flat().map(b => `arn:aws:s3:::${fill(b, region)}`),
    }],
    // Federated sessions carry no aws:PrincipalOrgID (resource_control_policies/README.md); they
    // may assume roles of your organization only (aws:ResourceOrgID on the role: verify).
    sts: (_region, organizationId) => [{
        Sid: "AllowFederatedSessionsToOrgRoles", Effect: "Allow", Principal: "*",
        Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"], Resource: "*",
        Condition: { StringEquals: { "aws:ResourceOrgID": organizationId } },
    }],
};

/** The default statements for one service's endpoint, in order. */
export function defaultStatements(service: string, region: string, organizationId: string): PolicyStatement[] {
    return [...baseStatements(organizationId), ...(SERVICE_STATEMENTS[service]?.(region, organizationId) ?? [])];
}

/**
 * The endpoint policy document (JSON text), or undefined for none (AWS's default, full access):
 * none where the service takes no policy or no organization is set; the user's whole `policy`
 * if given; else the default statements with the user's per-Sid changes applied.
 */
export function endpointPolicy(opts: {
    readonly service: string;
    readonly region: string;
    readonly organizationId?: string;
    readonly supportsPolicy: boolean;
    readonly policy?: string;
    readonly statementOverrides?: Readonly<Record<string, StatementOverride>>;
}): string | undefined {
    if (!opts.supportsPolicy) return undefined;
    if (opts.policy) return opts.policy;
    if (!opts.organizationId) return undefined;
    const statements: Record<string, unknown>[] = defaultStatements(opts.service, opts.region, opts.organizationId).map(s => ({ ...s }));
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

// Who else gets in: endpoint policies that admit anyone, RAM shares open to accounts outside
// the organization, a Transit Gateway that accepts any attachment, and AWS providers whose
// credentials a stack chose for itself. Self-contained (no import from the program it judges).
import type { ReportViolation, ResourceValidation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { TYPES } from "./types";

function forType(type: string, validate: (props: Record<string, any>, args: ResourceValidationArgs, report: ReportViolation) => void): ResourceValidation {
    return (args, report) => {
        if (args.type !== type) args.notApplicable(`Policy only applies to resources of type '${type}'`);
        validate(args.props, args, report);
    };
}

/** Config of vpce-hub-endpoint-policy. */
export interface EndpointPolicyConfig {
    /** An endpoint without a policy gets AWS's default (full access for everyone): allowed only when true. */
    readonly allowDefaultPolicy?: boolean;
    /** Endpoint services that take no policy (AWS refuses one): their endpoints may go without. */
    readonly servicesWithoutPolicy?: readonly string[];
}

/** Whether a principal is everyone: "*", or {"AWS": "*"} (alone or in a list). */
function isEveryone(principal: unknown): boolean {
    if (principal === "*") return true;
    if (principal && typeof principal === "object") {
        const aws = (principal as Record<string, unknown>).AWS;
        return aws === "*" || (Array.isArray(aws) && aws.includes("*"));
    }
    return false;
}

/** Whether a statement reaches every resource: "*" (alone or in a list), or no Resource at all (NotResource). */
function isEverything(resource: unknown): boolean {
    return resource === undefined || resource === "*" || (Array.isArray(resource) && resource.includes("*"));
}

/**
 * The Sids (or positions) of statements that allow everyone, on every resource, with no
 * condition; undefined when the text is no policy. A statement limited to named resources is
 * AWS's own pattern for AWS-owned buckets (data-perimeter s3_endpoint_policy.json,
 * AllowRequestsToAWSOwnedResources): it admits no one to anything else.
 */
export function openStatements(policy: string): string[] | undefined {
    let doc: { Statement?: unknown };
    try { doc = JSON.parse(policy); } catch { return undefined; }
    const statements = Array.isArray(doc?.Statement) ? doc.Statement : doc?.Statement ? [doc.Statement] : [];
    return statements
        .map((s: Record<string, any>, i: number) => ({ s, i }))
        .filter(({ s }) => s?.Effect === "Allow" && isEveryone(s.Principal) && isEverything(s.Resource) && (s.Condition === undefined || Object.keys(s.Condition).length === 0))
        .map(({ s, i }) => String(s.Sid ?? `#${i}`));
}

export const endpointPolicy: ResourceValidationPolicy = {
    name: "vpce-hub-endpoint-policy",
    description:
        "Interface endpoints carry a policy, and no statement of it allows Principal \"*\" without a condition: the hub's " +
        "endpoints are reachable from every spoke and on-premises network, and AWS's default policy (none given) admits " +
        "any principal, of any account. A statement limited to named resources (AWS-owned buckets) is not open. " +
        "allowDefaultPolicy: true accepts endpoints without a policy; servicesWithoutPolicy " +
        "names endpoint services that take none.",
    enforcementLevel: "mandatory",
    configSchema: {
        properties: {
            allowDefaultPolicy: { type: "boolean" },
            servicesWithoutPolicy: { type: "array", items: { type: "string", pattern: "^[a-z0-9.-]+$" } },
        },
    },
    validateResource: forType(TYPES.vpcEndpoint, (props, args, report) => {
        if (props.vpcEndpointType !== "Interface") args.notApplicable(`endpoint type is ${props.vpcEndpointType ?? "Gateway (default)"}, not Interface`);
        const { allowDefaultPolicy = false, servicesWithoutPolicy = [] } = args.getConfig<EndpointPolicyConfig>();
        const service = String(props.serviceName ?? "");
        if (props.policy === undefined || props.policy === null || props.policy === "") {
            if (!allowDefaultPolicy && !servicesWithoutPolicy.some(s => service === s || service.endsWith(`.${s}`))) {
                report(`Interface endpoint ${args.name} (${service}) has no policy: AWS's default admits any principal of any account.`);
            }
            return;
        }
        const open = openStatements(String(props.policy));
        if (open === undefined) report(`Interface endpoint ${args.name}: its policy is not JSON.`);
        else if (open.length) report(`Interface endpoint ${args.name}: statement ${open.join(", ")} allows Principal "*" with no condition; limit it (aws:PrincipalOrgID, aws:PrincipalAccount).`);
    }),
};

/** Config of vpce-hub-ram-no-external-principals. */
export interface RamConfig {
    /** Accounts outside any organization receive the shares: external principals allowed. */
    readonly allowExternalPrincipals?: boolean;
}

export const ramNoExternalPrincipals: ResourceValidationPolicy = {
    name: "vpce-hub-ram-no-external-principals",
    description:
        "RAM shares set allowExternalPrincipals: false, so that nothing can be shared outside the organization (RAM's " +
        "default is true). allowExternalPrincipals: true in the config accepts them, for members in accounts outside any organization.",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowExternalPrincipals: { type: "boolean" } } },
    validateResource: forType(TYPES.ramResourceShare, (props, args, report) => {
        if (props.allowExternalPrincipals === false || args.getConfig<RamConfig>().allowExternalPrincipals) return;
        const actual = props.allowExternalPrincipals === undefined ? "unset (RAM defaults it to true)" : String(props.allowExternalPrincipals);
        report(`RAM share ${props.name ?? args.name}: allowExternalPrincipals must be false, is ${actual}.`);
    }),
};

/** Config of vpce-hub-tgw-no-auto-accept. */
export interface TransitGatewayConfig {
    /** Accepting shared attachments automatically is the documented choice (docs/security.md). */
    readonly allowAutoAccept?: boolean;
}

export const tgwNoAutoAccept: ResourceValidationPolicy = {
    name: "vpce-hub-tgw-no-auto-accept",
    description:
        "A Transit Gateway does not accept shared attachments automatically: with autoAcceptSharedAttachments enable, any " +
        "account it is shared with attaches any VPC, unreviewed (AWS Config rule ec2-transit-gateway-auto-vpc-attach-disabled). " +
        "allowAutoAccept: true in the config accepts it where the hub relies on it (docs/security.md).",
    enforcementLevel: "mandatory",
    configSchema: { properties: { allowAutoAccept: { type: "boolean" } } },
    validateResource: forType(TYPES.transitGateway, (props, args, report) => {
        if (props.autoAcceptSharedAttachments === "enable" && !args.getConfig<TransitGatewayConfig>().allowAutoAccept) {
            report(`Transit Gateway ${args.name}: autoAcceptSharedAttachments is enable: every account it is shared with could attach any VPC.`);
        }
    }),
};

/** AWS provider settings that choose credentials or a role. */
export const CREDENTIAL_SETTINGS: readonly string[] = [
    "accessKey", "secretKey", "token", "profile", "sharedCredentialsFiles", "sharedConfigFiles", "assumeRole", "assumeRoles", "assumeRoleWithWebIdentity",
];

export const deployCredentials: ResourceValidationPolicy = {
    name: "vpce-hub-deploy-credentials",
    description:
        "AWS providers take their credentials from the run (the role Deployments assumed by OIDC), never from settings a " +
        "stack or the program chose: no accessKey, secretKey, token, profile, shared credentials file or assumeRole.",
    enforcementLevel: "mandatory",
    validateResource: forType(TYPES.awsProvider, (props, args, report) => {
        const set = CREDENTIAL_SETTINGS.filter(k => props[k] !== undefined && props[k] !== null && !(Array.isArray(props[k]) && props[k].length === 0));
        if (set.length) report(`AWS provider ${args.name} sets ${set.join(", ")}: it would deploy as someone other than the stack's deploy role.`);
    }),
};

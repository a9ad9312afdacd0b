// The organization-wide bootstrap, as CloudFormation templates for two service-managed
// StackSets with automatic deployment: every account of the chosen OUs, those added later
// included, gets the OIDC provider and the member deploy and preview roles. The roles are the
// per-account bootstrap's (deployments/roles.ts roleDefinitions), rendered into the template:
// the same trust documents and permission policies, with `${AWS::AccountId}` where the
// account goes. Pure: no Pulumi import; deployments/organization/ creates the StackSets.
//
// AWS facts (CloudFormation StackSets user guide and the @pulumi/aws StackSet docs): StackSets never deploy to the organization's management account;
// IAM allows one OIDC provider per URL in an account, so accounts that already have Pulumi's
// are left out of the provider's StackSet; CAPABILITY_NAMED_IAM for named roles.
import type { SideRoles } from "./accounts";
import { OIDC_ISSUER_URL, PolicyDocument, oidcClientIds } from "./oidc";
import type { PermissionScope } from "./permissions";
import { RoleDefinition, roleDefinitions } from "./roles";
import { DeploymentsConfigError, MAIN_NS } from "./stacks";

/** The account in a StackSet template, substituted by CloudFormation in each account. */
export const TEMPLATE_ACCOUNT = "${AWS::AccountId}";
/** CloudFormation's limit on a template passed inline (TemplateBody); an S3 template may hold 1 MB. */
export const TEMPLATE_BODY_LIMIT = 51200;
export const TEMPLATE_URL_LIMIT = 1024 * 1024;
/** CloudFormation quotas: at most 200 attributes in one mapping; accounts beyond go in further mappings. */
export const MAPPING_ATTRIBUTES = 200;

export interface OrgBootstrapInput {
    readonly organization: string;
    /** The roles every account needs (deployments/accounts.ts rolesByAccount). */
    readonly byAccount: ReadonlyMap<string, readonly SideRoles[]>;
    /** The organization's management account (aws.organizations.getOrganization masterAccountId). */
    readonly managementAccount: string;
    /** Accounts that already have an OIDC provider for https://api.pulumi.com/oidc. */
    readonly accountsWithProvider?: readonly string[];
    /** Pulumi users whose operator environments may assume the deploy roles. */
    readonly operators?: readonly string[];
}

/** What the organization-wide bootstrap deploys where. */
export interface OrgBootstrap {
    /** Member-only accounts whose stacks the roles StackSet trusts, with their stacks. */
    readonly members: ReadonlyMap<string, readonly string[]>;
    /** Accounts the StackSets leave out: hubs' (bootstrapped per account). */
    readonly excluded: readonly string[];
    /** The provider StackSet also leaves out accounts that have a provider already. */
    readonly providerExcluded: readonly string[];
    readonly providerTemplate: Record<string, unknown>;
    readonly rolesTemplate: Record<string, unknown>;
}

/**
 * Replaces every string holding `${AWS::AccountId}` by a Fn::Sub of it (CloudFormation
 * resolves intrinsic functions inside Json-typed properties such as policy documents).
 */
function substitute(value: unknown): unknown {
    if (typeof value === "string") return value.includes(TEMPLATE_ACCOUNT) ? { "Fn::Sub": value } : value;
    if (Array.isArray(value)) return value.map(substitute);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v)]));
    return value;
}

/** Fn::Or takes 2 to 10 conditions: a tree of them, or the single condition itself. */
function anyOf(conditions: unknown[]): unknown {
    if (conditions.length === 1) return conditions[0];
    if (conditions.length <= 10) return { "Fn::Or": conditions };
    const chunks: unknown[] = [];
    for (let i = 0; i < conditions.length; i += 10) chunks.push(anyOf(conditions.slice(i, i + 10)));
    return anyOf(chunks);
}

/** The key of a trust statement's subjects in the Subjects mapping: the role's kind and the statement's Sid. */
const mapKey = (def: RoleDefinition, sid: string) => `${def.kind === "deploy" ? "Deploy" : "Preview"}${sid.replace(/^Pulumi/, "")}`;

/**
 * The two templates, from the per-account role definitions. Throws a DeploymentsConfigError
 * when a member stack lives in the management account (StackSets never deploy there).
 */
export function orgBootstrap(input: OrgBootstrapInput): OrgBootstrap {
    const members = new Map<string, string[]>();
    const excluded: string[] = [];
    const problems: string[] = [];
    for (const [account, sides] of input.byAccount) {
        const member = sides.find(s => s.side === "member");
        if (sides.some(s => s.side === "hub")) { excluded.push(account); continue; }
        if (!member) continue;
        if (account === input.managementAccount) {
            problems.push(`${MAIN_NS}:accountId: ${member.stacks.join(", ")} ${member.stacks.length > 1 ? "run" : "runs"} in the organization's management account ${account}: ` +
                "StackSets never deploy there; bootstrap it with deployments/bootstrap (per account)");
            continue;
        }
        members.set(account, [...member.stacks]);
    }
    if (problems.length) throw new DeploymentsConfigError(problems);
    if (!members.size) throw new DeploymentsConfigError(["no member account outside the hubs' accounts: nothing for the organization-wide bootstrap to serve"]);
    const accounts = [...members.keys()].sort();

    // One scope for every member account (a template is the same everywhere): the members'
    // regions and their hubs' accounts; VPCs are not named (they differ by account).
    const allMembers = accounts.map(a => input.byAccount.get(a)!.find(s => s.side === "member")!);
    const scope: PermissionScope = {
        side: "member", account: TEMPLATE_ACCOUNT,
        regions: [...new Set(allMembers.flatMap(m => m.scope.regions))].sort(),
        hubAccounts: [...new Set(allMembers.flatMap(m => m.scope.hubAccounts ?? []))].sort(),
    };
    const providerArn = `arn:aws:iam::${TEMPLATE_ACCOUNT}:oidc-provider/api.pulumi.com/oidc`;
    const defsOf = (account: string) => roleDefinitions({
        organization: input.organization, providerArn, operators: input.operators,
        sides: [{ ...allMembers.find(m => m.account === account)!, scope }],
    });
    const perAccount = new Map(accounts.map(a => [a, defsOf(a)]));
    // The documents every account shares (all but the trust's subjects) come from the first.
    const shape = perAccount.get(accounts[0])!;

    const subjects: Record<string, Record<string, string[]>> = {};
    for (const [account, defs] of perAccount) {
        subjects[account] = {};
        for (const def of defs) for (const s of def.trust.Statement.filter(x => x.Condition)) {
            subjects[account][mapKey(def, s.Sid!)] = [s.Condition!.StringEquals["api.pulumi.com/oidc:sub"]].flat() as string[];
        }
    }
    // Accounts in groups of at most MAPPING_ATTRIBUTES, a mapping and a condition each.
    const groups: string[][] = [];
    for (let i = 0; i < accounts.length; i += MAPPING_ATTRIBUTES) groups.push(accounts.slice(i, i + MAPPING_ATTRIBUTES));
    const lookup = (key: string): unknown => groups.reduceRight<unknown>((rest, _, g) => {
        const find = { "Fn::FindInMap": [`Subjects${g}`, { Ref: "AWS::AccountId" }, key] };
        return rest === undefined ? find : { "Fn::If": [`KnownMemberAccounts${g}`, find, rest] };
    }, undefined);
    const trust = (def: RoleDefinition): unknown => substitute({
        Version: def.trust.Version,
        Statement: def.trust.Statement.map(s => !s.Condition ? s : ({
            ...s,
            Condition: { StringEquals: { ...s.Condition!.StringEquals, "api.pulumi.com/oidc:sub": lookup(mapKey(def, s.Sid!)) } },
        })),
    });
    const resources: Record<string, unknown> = {
        // A stack must create something: accounts whose member stacks are not known yet get only this.
        Placeholder: { Type: "AWS::CloudFormation::WaitConditionHandle" },
    };
    for (const def of shape) {
        const id = def.kind === "deploy" ? "DeployRole" : "PreviewRole";
        resources[id] = {
            Type: "AWS::IAM::Role", Condition: "KnownMemberAccount",
            Properties: {
                RoleName: def.name, MaxSessionDuration: def.maxSessionDuration,
                Description: `${def.kind === "deploy" ? "Pulumi Deployments" : "Previews"} of ${input.organization}'s vpce-hub member stacks in this account`,
                AssumeRolePolicyDocument: trust(def),
                Tags: Object.entries(def.tags).map(([Key, Value]) => ({ Key, Value })),
            },
        };
        def.policies.forEach((doc: PolicyDocument, i) => {
            resources[`${id}Policy${i + 1}`] = {
                Type: "AWS::IAM::ManagedPolicy", Condition: "KnownMemberAccount",
                Properties: { ManagedPolicyName: `${def.name}-${i + 1}`, Roles: [{ Ref: id }], PolicyDocument: substitute(doc) },
            };
        });
    }
    const rolesTemplate = {
        AWSTemplateFormatVersion: "2010-09-09",
        Description: `vpce-hub member deploy and preview roles, trusted by ${input.organization}'s Pulumi Deployments of each account's member stacks`,
        Conditions: {
            ...Object.fromEntries(groups.map((g, i) => [`KnownMemberAccounts${i}`, anyOf(g.map(a => ({ "Fn::Equals": [{ Ref: "AWS::AccountId" }, a] })))])),
            KnownMemberAccount: anyOf(groups.map((_, i) => ({ Condition: `KnownMemberAccounts${i}` }))),
        },
        Mappings: Object.fromEntries(groups.map((g, i) => [`Subjects${i}`, Object.fromEntries(g.map(a => [a, subjects[a]]))])),
        Resources: resources,
    };
    const providerTemplate = {
        AWSTemplateFormatVersion: "2010-09-09",
        Description: "The IAM OIDC provider for Pulumi Cloud (Deployments and ESC), for vpce-hub's deploy roles",
        Resources: {
            PulumiOidcProvider: {
                Type: "AWS::IAM::OIDCProvider",
                // No ThumbprintList: optional, and IAM fetches the issuer's thumbprint itself.
                Properties: { Url: OIDC_ISSUER_URL, ClientIdList: oidcClientIds(input.organization) },
            },
        },
    };
    return {
        members, excluded: excluded.sort(),
        providerExcluded: [...new Set([...excluded, ...(input.accountsWithProvider ?? [])])].sort(),
        providerTemplate, rolesTemplate,
    };
}

/** A template as CloudFormation takes it, and whether it fits inline or needs S3. */
export function templateText(template: Record<string, unknown>): { body: string; inline: boolean } {
    const body = JSON.stringify(template);
    if (body.length > TEMPLATE_URL_LIMIT) {
        throw new DeploymentsConfigError([`the roles template has ${body.length} bytes, over CloudFormation's ${TEMPLATE_URL_LIMIT} for a template in S3: split the OUs over several organization-wide bootstraps`]);
    }
    return { body, inline: body.length <= TEMPLATE_BODY_LIMIT };
}

// Who may assume the deploy roles: Pulumi Deployments' own OIDC tokens, bound to organization,
// project, stack and operation, and ESC environments for people, bound to the environment (and
// for write access to named Pulumi users). Pure: no Pulumi import; the bootstraps put these
// documents on AWS (deployments/bootstrap.ts, deployments/stackSet.ts).
//
// Token facts (Pulumi docs: "Configuring OpenID Connect for AWS" for Deployments and for ESC):
// - Deployments: issuer https://api.pulumi.com/oidc, aud = the organization, sub =
//   pulumi:deploy:org:<org>:project:<project>:stack:<stack>:operation:<op>:scope:write with
//   op one of preview, update, refresh, destroy ("scope" is always write, previews included);
// - ESC aws-login: aud = aws:<org>, sub (with subjectAttributes) =
//   pulumi:environments:pulumi.organization.login:<org>:currentEnvironment.name:<project>/<env>
//   [:pulumi.user.login:<login>].
// Names cannot hold `:`, `*` or `?` (Pulumi's name rules), and every condition here is
// StringEquals on whole subjects: no pattern, so no other stack or operation can match.

/** Pulumi Cloud's OIDC issuer, for Deployments and ESC alike. */
export const OIDC_ISSUER_URL = "https://api.pulumi.com/oidc";
/** The issuer as IAM condition keys spell it (`<host/path>:aud`, `<host/path>:sub`). */
export const ISSUER = "api.pulumi.com/oidc";

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow";
    readonly Action: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly Principal?: { readonly Federated: string } | { readonly AWS: readonly string[] };
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

/** Deployments operations (Pulumi docs: the `operation` claim). */
export type Operation = "preview" | "update" | "refresh" | "destroy";
/** What the deploy role admits: everything that changes the cloud or the state; never a preview. */
export const DEPLOY_OPERATIONS: readonly Operation[] = ["update", "refresh", "destroy"];
/**
 * What the preview role admits: every operation. It is read-only, and with pull-request
 * previews on, Deployments exchanges each run's token for it first (deployments/settings.ts).
 */
export const PREVIEW_OPERATIONS: readonly Operation[] = ["preview", "update", "refresh", "destroy"];

const NAME = /^[A-Za-z0-9_.-]+$/;
const ESC_ENV = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** A CI runner's role: a role ARN, never an account root or a wildcard. */
const RUNNER_ROLE = /^arn:aws:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
/** A Pulumi user login (GitHub-style): letters, digits, `-`, `_`, `.`. */
const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function check(field: string, value: string, re: RegExp, what: string): void {
    if (!re.test(value)) throw new Error(`${field}: must be ${what}, got ${JSON.stringify(value)}`);
}

/** The audience of Deployments' own OIDC tokens: the organization's name. */
export function deploymentsAudience(organization: string): string {
    return organization;
}

/** The audience of ESC's aws-login tokens for environments outside the legacy `default` project. */
export function escAudience(organization: string): string {
    return `aws:${organization}`;
}

/** The exact subject of one stack's deployment token for one operation. */
export function deploySubject(organization: string, project: string, stack: string, operation: Operation): string {
    return `pulumi:deploy:org:${organization}:project:${project}:stack:${stack}:operation:${operation}:scope:write`;
}

/**
 * The subject ESC presents for `environment` (`<project>/<name>`), with subjectAttributes
 * `[currentEnvironment.name]`, or `[currentEnvironment.name, pulumi.user.login]` when `login`
 * is given. Without attributes, an environment imported by a stack presents `...:env:<yaml>`,
 * the same for every environment (pulumi/pulumi#14509).
 */
export function escSubject(organization: string, environment: string, login?: string): string {
    const base = `pulumi:environments:pulumi.organization.login:${organization}:currentEnvironment.name:${environment}`;
    return login === undefined ? base : `${base}:pulumi.user.login:${login}`;
}

/** The client IDs (audiences) the account's OIDC provider lists: Deployments' and ESC's. */
export function oidcClientIds(organization: string): string[] {
    return [deploymentsAudience(organization), escAudience(organization)];
}

/** Which of a side's two roles. */
export type RoleKind = "deploy" | "preview";

export interface TrustPolicyInput {
    /** ARN of the account's OIDC provider for https://api.pulumi.com/oidc. */
    readonly providerArn: string;
    readonly organization: string;
    readonly project: string;
    /** The stacks (of one side, in this account) whose deployments may assume the role. */
    readonly stacks: readonly string[];
    /** deploy: update, refresh, destroy; preview: any operation (the role is read-only). */
    readonly kind: RoleKind;
    /**
     * ESC environments (`<project>/<name>`) that may assume the role: the read-only environments
     * for the preview role; for the deploy role, only with `logins` (operators by name).
     */
    readonly escEnvironments?: readonly string[];
    /** Deploy role: the Pulumi users whose ESC sessions may assume it (subject with pulumi.user.login). */
    readonly logins?: readonly string[];
    /**
     * Without Pulumi Cloud (deployments/selfManaged.ts): the IAM roles of the CI runners that
     * may assume this role with sts:AssumeRole (merges' runner for the deploy role, pull
     * requests' runner for the preview role).
     */
    readonly runnerRoles?: readonly string[];
}

/**
 * IAM's limit on a role's trust policy, in characters without whitespace (IAM quotas, "Role
 * trust policy length": 2,048 by default, up to 4,096 on request).
 */
export const TRUST_POLICY_LIMIT = 2048;

/**
 * Who may assume one role: web identities from Pulumi's OIDC provider only; of those, the
 * Deployments tokens of these stacks for the kind's operations, and the ESC environments
 * named (for the deploy role, only in the named users' sessions). Every aud and sub condition
 * is StringEquals on whole values.
 */
export function trustPolicy(input: TrustPolicyInput): PolicyDocument {
    check("organization", input.organization, NAME, "a Pulumi organization name");
    check("project", input.project, NAME, "a Pulumi project name");
    if (!input.stacks.length) throw new Error("stacks: a role must trust at least one stack");
    input.stacks.forEach((s, i) => check(`stacks[${i}]`, s, NAME, "a Pulumi stack name"));
    const environments = input.escEnvironments ?? [];
    const logins = input.logins ?? [];
    environments.forEach((e, i) => {
        check(`escEnvironments[${i}]`, e, ESC_ENV, "an ESC environment as <project>/<name>, e.g. vpce-hub/vpce-hub-shared");
        // ESC gives `default/...` environments the bare organization as audience (legacy).
        if (e.startsWith("default/")) throw new Error(`escEnvironments[${i}]: ${e} is in ESC's legacy default project, whose tokens carry a different audience; use a project such as vpce-hub/`);
    });
    logins.forEach((l, i) => check(`logins[${i}]`, l, LOGIN, "a Pulumi user login"));
    if (input.kind === "deploy" && environments.length && !logins.length) {
        throw new Error("escEnvironments: the deploy role admits an ESC environment only for named users (logins): anyone who may open an environment would otherwise get write credentials");
    }
    const operations = input.kind === "deploy" ? DEPLOY_OPERATIONS : PREVIEW_OPERATIONS;
    const principal = { Federated: input.providerArn };
    const statements: PolicyStatement[] = [{
        Sid: "PulumiDeployments",
        Effect: "Allow",
        Principal: principal,
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: {
                [`${ISSUER}:aud`]: deploymentsAudience(input.organization),
                [`${ISSUER}:sub`]: input.stacks.flatMap(s => operations.map(op => deploySubject(input.organization, input.project, s, op))),
            },
        },
    }];
    if (environments.length) {
        const subjects = input.kind === "deploy"
            ? environments.flatMap(e => logins.map(l => escSubject(input.organization, e, l)))
            : environments.map(e => escSubject(input.organization, e));
        statements.push({
            Sid: input.kind === "deploy" ? "PulumiEscOperators" : "PulumiEscReaders",
            Effect: "Allow",
            Principal: principal,
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: { StringEquals: { [`${ISSUER}:aud`]: escAudience(input.organization), [`${ISSUER}:sub`]: subjects } },
        });
    }
    (input.runnerRoles ?? []).forEach((r, i) => check(`runnerRoles[${i}]`, r, RUNNER_ROLE, "an IAM role ARN (arn:aws:iam::<account>:role/<name>)"));
    if (input.runnerRoles?.length) {
        statements.push({ Sid: "SelfManagedRunners", Effect: "Allow", Principal: { AWS: [...input.runnerRoles] }, Action: "sts:AssumeRole" });
    }
    const doc: PolicyDocument = { Version: "2012-10-17", Statement: statements };
    const size = JSON.stringify(doc).length;
    if (size > TRUST_POLICY_LIMIT) {
        throw new Error(`trust policy of ${input.stacks.join(", ")}: ${size} characters, over IAM's default limit of ${TRUST_POLICY_LIMIT} ` +
            "(quota \"Role trust policy length\", up to 4,096 on request): fewer stacks per account and side, or fewer ESC operators");
    }
    return doc;
}

// What Deployments gets for each stack (roles, paths, branch, commands, environment), the
// webhooks that order the stacks, and the removals under way. Pure.
import { deployRoleNames } from "../lib/config/deployRoles";
import { SideRoles, accountOf, hubOf, rolesByAccount, rolesOf } from "./accounts";
import { DeploymentsConfig } from "./config";
import { DeployEdge, buildDeployGraph } from "./graph";
import { Removal, destroyTimestamp, planRemovals } from "./removals";
import { credentialGuardCommand, escalationCommand, runEnvironment } from "./runtime";
import { DeploymentsConfigError, MAIN_NS, NS, PROGRAM_PATHS, PROJECT, StackInfo } from "./stacks";

/** An IAM role ARN in an account. */
export function roleArn(account: string, name: string): string {
    return `arn:aws:iam::${account}:role/${name}`;
}

/** AWS session name for the stack's deployments (RoleSessionName: 2-64 of [\w+=,.@-]). */
export function sessionNameFor(stack: string): string {
    return `vpce-hub-${stack}-deploy`.replace(/[^\w+=,.@-]/g, "-").slice(0, 64);
}

/** The path filter of one stack: the program, and its own stack file (not the others'). */
export function pathFiltersFor(stack: StackInfo, options: { repoDir?: string; includeProgram?: boolean } = {}): string[] {
    const own = [...(options.includeProgram ?? true ? PROGRAM_PATHS : []), stack.file];
    // Deployments matches paths from the repository root; the project may sit below it.
    return options.repoDir ? own.map(p => `${options.repoDir}/${p}`) : own;
}

/** A branch as Deployments' git source wants it: a full ref. */
export function branchRef(branch: string): string {
    return branch.startsWith("refs/") ? branch : `refs/heads/${branch}`;
}

/** Everything Deployments needs for one stack. */
export interface StackDeployment {
    readonly stack: string;
    readonly role: "hub" | "spoke";
    /** The account its roles live in. */
    readonly account?: string;
    /** Updates, refreshes and destroys run with this role (trusts those operations of this stack only). */
    readonly roleArn: string;
    /** Previews run with this read-only role. */
    readonly previewRoleArn: string;
    readonly sessionName: string;
    /** Merges touching these paths deploy the stack. */
    readonly paths: readonly string[];
    /** Full git ref, e.g. refs/heads/main. */
    readonly branch: string;
    /** `pulumi up` on merge; off while a removal holds the stack back. */
    readonly deployCommits: boolean;
    /** `pulumi preview` of pull requests, with the preview role. */
    readonly previews: boolean;
    /** The role the settings name (Deployments exchanges each run's token for it). */
    readonly settingsRoleArn: string;
    /** Shell commands before each run: the credential guard, and with previews on the escalation to the deploy role. */
    readonly preRunCommands: readonly string[];
    readonly environmentVariables: Readonly<Record<string, string>>;
}

/** One webhook: when `source` succeeds at `event`, Deployments deploys `target`. */
export interface DeployWebhook extends DeployEdge {
    /** Logical name, from the two stack names (never a list position). */
    readonly name: string;
    readonly source: string;
    readonly target: string;
    /** update_succeeded: a hub deploys its members; destroy_succeeded: a removed member's hub follows its destroy. */
    readonly event: "update_succeeded" | "destroy_succeeded";
    /** `<project>/<stack>`: the stack a pulumi_deployments webhook deploys. */
    readonly payloadUrl: string;
    readonly displayName: string;
}

/** A one-time destroy of a member being removed. */
export interface DestroySchedule {
    readonly stack: string;
    /** ISO 8601; kept once created. */
    readonly timestamp: string;
}

export interface DeploymentsPlan {
    readonly organization: string;
    readonly project: string;
    readonly repository: string;
    readonly repoDir?: string;
    readonly settings: readonly StackDeployment[];
    readonly webhooks: readonly DeployWebhook[];
    readonly removals: readonly Removal[];
    readonly destroys: readonly DestroySchedule[];
    /** The roles each account needs (the bootstraps create them). */
    readonly roles: ReadonlyMap<string, readonly SideRoles[]>;
}

/**
 * Refuses stack files that would change their stack's credentials: an ESC environment import
 * (not among `stackEnvironments`) or an AWS provider credential key.
 */
function credentialProblems(stacks: readonly StackInfo[], allowed: readonly string[]): string[] {
    const problems: string[] = [];
    for (const s of stacks) {
        const imports = (s.environment ?? []).filter(e => !allowed.includes(e));
        if (imports.length) {
            problems.push(`${s.file}: environment: imports ${imports.join(", ")}: an imported environment's AWS_* variables replace the role Deployments ` +
                `assumes for ${s.name}; people run \`pulumi env run ${PROJECT}/${PROJECT}-${s.name} -- pulumi preview\` instead (or list an environment ` +
                `that holds no credentials in ${NS}:stackEnvironments)`);
        }
        for (const k of s.credentialKeys ?? []) {
            problems.push(`${s.file}: ${k}: chooses the AWS credentials or role of ${s.name}, which Deployments assumes by OIDC; remove it`);
        }
    }
    return problems;
}

/**
 * The whole plan: settings for every stack, the webhooks, the removals. `now` dates a removal's
 * destroy. Throws a DeploymentsConfigError naming the stack file or key at fault.
 */
export function planDeployments(config: DeploymentsConfig, stacks: readonly StackInfo[], now: Date = new Date()): DeploymentsPlan {
    const edges = buildDeployGraph(stacks, config.organization);
    const problems: string[] = credentialProblems(stacks, config.stackEnvironments);
    for (const key of ["roles", "previewRoles"] as const) {
        for (const name of Object.keys(config[key])) {
            if (!stacks.some(s => s.name === name)) problems.push(`${NS}:${key}.${name}: names a stack that is not deployed here (${stacks.map(s => s.name).join(", ")})`);
        }
    }
    const hubOfStack = (s: StackInfo) => hubOf(s, stacks, config.organization);
    let removals: Removal[] = [];
    try {
        removals = planRemovals(config.removing, stacks, hubOfStack);
    } catch (e) {
        if (!(e instanceof DeploymentsConfigError)) throw e;
        problems.push(...e.problems);
    }
    const base = { deploy: config.roleName, preview: config.previewRoleName };
    // Names only: a stack with explicit role ARNs needs no account, the others are reported below.
    const byAccount = rolesByAccount(stacks, config.organization, base, { scoped: false });
    const removing = new Set(removals.map(r => r.member));
    const paused = new Set(removals.flatMap(r => [r.member, r.hub]));
    const settings: StackDeployment[] = [];
    for (const s of stacks) {
        const roles = rolesOf(s, byAccount, stacks, config.organization);
        const account = accountOf(s, stacks, config.organization);
        const names = roles?.names ?? deployRoleNames(s.role === "hub" ? "hub" : "member", false, base);
        const deployArn = config.roles[s.name] ?? (account ? roleArn(account, names.deploy) : undefined);
        const previewArn = config.previewRoles[s.name] ?? (account ? roleArn(account, names.preview) : undefined);
        if (!deployArn || !previewArn) {
            problems.push(`${s.file}: ${MAIN_NS}:accountId: is not set, its hub's registry does not list "${s.name}", and ${NS}:roles has no entry "${s.name}": ` +
                "set one so the deploy role's ARN is known");
            continue;
        }
        // A member being removed is destroyed, never previewed or updated again.
        const previews = config.previews && !removing.has(s.name);
        const sessionName = sessionNameFor(s.name);
        const includeProgram = s.role === "hub" || config.spokeTrigger === "commit";
        settings.push({
            stack: s.name, role: s.role, ...(account ? { account } : {}),
            roleArn: deployArn, previewRoleArn: previewArn, sessionName,
            paths: pathFiltersFor(s, { repoDir: config.repoDir, includeProgram }),
            branch: branchRef(config.branch),
            deployCommits: !paused.has(s.name),
            previews,
            // Previews on: the settings name the read-only role, and a non-preview run trades
            // its token for the deploy role. Off: the deploy role directly.
            settingsRoleArn: previews ? previewArn : deployArn,
            // Commands and the operation run in the project's directory (repoDir), so paths are relative to it.
            preRunCommands: [credentialGuardCommand(s.file, config.stackEnvironments), ...(previews ? [escalationCommand(deployArn, sessionName)] : [])],
            environmentVariables: runEnvironment(config.policyPack, config.policyPackConfig),
        });
    }
    if (problems.length) throw new DeploymentsConfigError(problems);

    // A removed member's hub no longer deploys it; its destroy deploys the hub instead.
    const webhooks: DeployWebhook[] = [
        ...edges.filter(e => !removing.has(e.member)).map(e => ({
            ...e, source: e.hub, target: e.member, event: "update_succeeded" as const,
            name: `${e.hub}-deploys-${e.member}`, payloadUrl: `${PROJECT}/${e.member}`, displayName: `vpce-hub: deploy ${e.member} after ${e.hub}`,
        })),
        ...removals.map(r => ({
            hub: r.hub, member: r.member, source: r.member, target: r.hub, event: "destroy_succeeded" as const,
            name: `${r.member}-destroyed-deploys-${r.hub}`, payloadUrl: `${PROJECT}/${r.hub}`,
            displayName: `vpce-hub: deploy ${r.hub} after ${r.member} is destroyed`,
        })),
    ];
    return {
        organization: config.organization,
        project: PROJECT,
        repository: config.repository,
        ...(config.repoDir ? { repoDir: config.repoDir } : {}),
        settings,
        webhooks,
        removals,
        destroys: removals.filter(r => r.state === "destroying").map(r => ({ stack: r.member, timestamp: destroyTimestamp(now) })),
        roles: byAccount,
    };
}

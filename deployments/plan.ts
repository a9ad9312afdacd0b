// What Deployments gets for each stack (role, paths, branch) and the hub-to-member webhooks. Pure.
import { DeploymentsConfig } from "./config";
import { DeployEdge, buildDeployGraph } from "./graph";
import { DeploymentsConfigError, MAIN_NS, NS, PROGRAM_PATHS, PROJECT, StackInfo } from "./stacks";

/** The deploy role's ARN: `roles.<stack>` when given, else the stack's account and `roleName`. */
export function roleArnFor(stack: StackInfo, roles: Readonly<Record<string, string>>, roleName: string): string {
    const explicit = roles[stack.name];
    if (explicit !== undefined) return explicit;
    if (stack.accountId === undefined) {
        throw new DeploymentsConfigError([
            `${stack.file}: ${MAIN_NS}:accountId: is not set, and ${NS}:roles has no entry "${stack.name}": set one so the deploy role's ARN is known`,
        ]);
    }
    return `arn:aws:iam::${stack.accountId}:role/${roleName}`;
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
    readonly roleArn: string;
    readonly sessionName: string;
    /** Merges touching these paths deploy the stack. */
    readonly paths: readonly string[];
    /** Full git ref, e.g. refs/heads/main. */
    readonly branch: string;
}

/** One webhook: when `hub` updates successfully, Deployments deploys `member`. */
export interface DeployWebhook extends DeployEdge {
    /** Logical name, from the two stack names (never a list position). */
    readonly name: string;
    /** `<project>/<stack>`: the stack a pulumi_deployments webhook deploys. */
    readonly payloadUrl: string;
    readonly displayName: string;
}

export interface DeploymentsPlan {
    readonly organization: string;
    readonly project: string;
    readonly repository: string;
    readonly repoDir?: string;
    readonly settings: readonly StackDeployment[];
    readonly webhooks: readonly DeployWebhook[];
}

/**
 * The whole plan: settings for every stack and the hub-to-member webhooks. Throws a
 * DeploymentsConfigError naming the stack file or key at fault.
 */
export function planDeployments(config: DeploymentsConfig, stacks: readonly StackInfo[]): DeploymentsPlan {
    const edges = buildDeployGraph(stacks, config.organization);
    const problems: string[] = [];
    for (const name of Object.keys(config.roles)) {
        if (!stacks.some(s => s.name === name)) problems.push(`${NS}:roles.${name}: names a stack that is not deployed here (${stacks.map(s => s.name).join(", ")})`);
    }
    const settings: StackDeployment[] = [];
    const arnOwner = new Map<string, string>();
    for (const s of stacks) {
        let roleArn: string;
        try {
            roleArn = roleArnFor(s, config.roles, config.roleName);
        } catch (e) {
            if (!(e instanceof DeploymentsConfigError)) throw e;
            problems.push(...e.problems);
            continue;
        }
        // A role's trust policy admits one stack (deployments/bootstrap.ts), so two stacks in
        // one account cannot share the derived name: one of them would never get credentials.
        const other = arnOwner.get(roleArn);
        if (other !== undefined) {
            problems.push(`${NS}:roles.${s.name}: stacks ${other} and ${s.name} would both use ${roleArn}, whose trust policy admits one stack; bootstrap a second role in that account and name it here`);
        }
        arnOwner.set(roleArn, s.name);
        const includeProgram = s.role === "hub" || config.spokeTrigger === "commit";
        settings.push({
            stack: s.name,
            role: s.role,
            roleArn,
            sessionName: sessionNameFor(s.name),
            paths: pathFiltersFor(s, { repoDir: config.repoDir, includeProgram }),
            branch: branchRef(config.branch),
        });
    }
    if (problems.length) throw new DeploymentsConfigError(problems);
    const webhooks = edges.map(e => ({
        ...e,
        name: `${e.hub}-deploys-${e.member}`,
        payloadUrl: `${PROJECT}/${e.member}`,
        displayName: `vpce-hub: deploy ${e.member} after ${e.hub}`,
    }));
    return {
        organization: config.organization,
        project: PROJECT,
        repository: config.repository,
        ...(config.repoDir ? { repoDir: config.repoDir } : {}),
        settings,
        webhooks,
    };
}

// The pure half of the deployments project: which stacks of vpce-hub exist, in what order
// Pulumi Deployments runs them, and what each one's settings say. No Pulumi import: the tests
// call these functions directly, and `pulumi up` in deployments/ calls the same ones.
import * as fs from "fs";
import * as path from "path";
import { readStackFile, stackNameOf } from "../lib/config/stackFiles";

/** The infrastructure project whose stacks are deployed. */
export const PROJECT = "vpce-hub";
/** This project's config namespace: keys read as `vpce-hub-deployments:<key>`. */
export const NS = "vpce-hub-deployments";
/** The main project's config namespace, read out of its stack files. */
export const MAIN_NS = "vpce-hub";
/** The deploy role's name in every account unless `roles` names another ARN. */
export const DEFAULT_ROLE_NAME = "vpce-hub-deploy";
export const DEFAULT_BRANCH = "main";

/**
 * What the program is made of, relative to the project directory: a change to any of them can
 * change every stack, so every stack's path filter lists them. sim/, test/, policy/, docs/,
 * deployments/ and data/ (the price tables only the offline plan reads) are not the program.
 */
export const PROGRAM_PATHS: readonly string[] = [
    "index.ts",
    "components/**",
    "stacks/**",
    "lib/**",
    "package.json",
    "package-lock.json",
    "tsconfig.json",
    "Pulumi.yaml",
];

/**
 * How a spoke picks up a change to the program:
 * - `commit`: on the merge itself (its path filter lists the program), and again once its hub
 *   has deployed (the webhook);
 * - `hub`: only once its hub has deployed; its path filter lists just its own stack file. One
 *   run per spoke per merge, never against the hub's previous outputs, and none while the hub
 *   is failing.
 */
export type SpokeTrigger = "commit" | "hub";
const SPOKE_TRIGGERS: readonly SpokeTrigger[] = ["commit", "hub"];

/** One stack of the main project, as its stack file describes it. */
export interface StackInfo {
    /** The stack name, from the file name `Pulumi.<name>.yaml`. */
    readonly name: string;
    /** The stack file's name, relative to the project directory. */
    readonly file: string;
    readonly role: "hub" | "spoke";
    /** `vpce-hub:accountId`, when the stack file sets it. */
    readonly accountId?: string;
    /** Spokes: `vpce-hub:hubStack` as written (`org/project/stack` or `stack`). */
    readonly hubStack?: string;
    /**
     * Hubs: `vpce-hub:transitGateway.sharedWithHubs`, the other hubs on the same Transit
     * Gateway. The first of them all by name owns its route tables and deploys first
     * (docs/multi-hub.md): the others read the tables by StackReference.
     */
    readonly sharedWithHubs?: readonly string[];
}

/** Every problem found, one per line, each naming the file or config key at fault. */
export class DeploymentsConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join("\n"));
        this.name = "DeploymentsConfigError";
    }
}

const NAME = /^[A-Za-z0-9_.-]+$/;
const ACCOUNT = /^\d{12}$/;
const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

function show(v: unknown): string {
    if (v === null || v === undefined) return String(v);
    if (typeof v === "object") return Array.isArray(v) ? "a list" : "an object";
    return JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------
// Stack files

export { stackNameOf };

/**
 * Reads the three keys Deployments needs from one stack file's text, with the project's one
 * reader of stack files (lib/config/stackFiles.ts). The other keys are the program's business
 * (lib/config/ validates them when the stack runs).
 */
export function parseStackFile(file: string, text: string): StackInfo {
    const name = stackNameOf(file);
    if (!name || !NAME.test(name)) {
        throw new DeploymentsConfigError([`${file}: not a stack file name: expected Pulumi.<stack>.yaml with a stack name of letters, digits, _ . -`]);
    }
    const read = readStackFile(file, text);
    if (!read.stackFile) throw new DeploymentsConfigError(read.errors.map(e => `${file}: ${e.message}`));
    const problems: string[] = [];
    const raw = read.stackFile.raw;
    const key = (k: string) => `${MAIN_NS}:${k}`;
    const str = (k: string): string | undefined => {
        const v = raw[key(k)];
        if (v === undefined) return undefined;
        if (typeof v !== "string") {
            problems.push(`${file}: ${key(k)}: must be a plain string (Deployments settings are built from it), got ${show(v)}`);
            return undefined;
        }
        return v;
    };

    const role = str("role");
    if (role === undefined && raw[key("role")] === undefined) problems.push(`${file}: ${key("role")}: is required: hub or spoke`);
    else if (role !== undefined && role !== "hub" && role !== "spoke") problems.push(`${file}: ${key("role")}: must be hub or spoke, got ${show(role)}`);

    const accountId = str("accountId");
    if (accountId !== undefined && !ACCOUNT.test(accountId)) {
        problems.push(`${file}: ${key("accountId")}: must be a 12-digit AWS account id, got ${show(accountId)}`);
    }

    const hubStack = str("hubStack");
    if (role === "spoke" && hubStack === undefined && raw[key("hubStack")] === undefined) {
        problems.push(`${file}: ${key("hubStack")}: is required for a spoke: the hub's stack as org/project/stack, e.g. acme/vpce-hub/shared`);
    }
    if (role === "hub" && raw[key("hubStack")] !== undefined) {
        problems.push(`${file}: ${key("hubStack")}: is set on a hub stack; only a spoke names a hub`);
    }

    let sharedWithHubs: string[] | undefined;
    const tgw = raw[key("transitGateway")];
    if (role === "hub" && tgw !== undefined && typeof tgw === "object" && tgw !== null && !Array.isArray(tgw)) {
        const shared = (tgw as Record<string, unknown>).sharedWithHubs;
        if (shared !== undefined) {
            // A stack name of digits alone reads as a number in YAML: still a stack name.
            if (!Array.isArray(shared) || !shared.every(x => (typeof x === "string" || typeof x === "number") && NAME.test(String(x)))) {
                problems.push(`${file}: ${key("transitGateway")}.sharedWithHubs: must be a list of hub stack names, got ${show(shared)}`);
            } else sharedWithHubs = shared.map(String);
        }
    }

    if (problems.length) throw new DeploymentsConfigError(problems);
    return {
        name,
        file,
        role: role as "hub" | "spoke",
        ...(accountId !== undefined ? { accountId } : {}),
        ...(role === "spoke" ? { hubStack } : {}),
        ...(sharedWithHubs ? { sharedWithHubs } : {}),
    };
}

/**
 * Reads every `Pulumi.<stack>.yaml` in `dir` (the main project's directory), sorted by stack
 * name. With `only`, just those stacks, each of which must have a file.
 */
export function readStackFiles(dir: string, only?: readonly string[]): StackInfo[] {
    const files = fs.readdirSync(dir).filter(f => stackNameOf(f) !== undefined).sort();
    const problems: string[] = [];
    const stacks: StackInfo[] = [];
    for (const file of files) {
        if (only && !only.includes(stackNameOf(file)!)) continue;
        try {
            stacks.push(parseStackFile(file, fs.readFileSync(path.join(dir, file), "utf8")));
        } catch (e) {
            if (!(e instanceof DeploymentsConfigError)) throw e;
            problems.push(...e.problems);
        }
    }
    for (const name of only ?? []) {
        if (!files.some(f => stackNameOf(f) === name)) {
            problems.push(`${NS}:stacks: names "${name}", but ${dir} has no Pulumi.${name}.yaml`);
        }
    }
    if (!only && files.length === 0) problems.push(`${dir}: no Pulumi.<stack>.yaml files: nothing to deploy`);
    if (problems.length) throw new DeploymentsConfigError(problems);
    return stacks.sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------
// The deployment graph

/**
 * The first cycle in a directed graph, as the path that closes it (`[a, b, a]`), or undefined
 * when there is none. Nodes are visited in sorted order, so the same graph gives the same
 * cycle every time.
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
    const state = new Map<string, "open" | "done">();
    const trail: string[] = [];
    const visit = (node: string): string[] | undefined => {
        if (state.get(node) === "done") return undefined;
        if (state.get(node) === "open") return [...trail.slice(trail.indexOf(node)), node];
        state.set(node, "open");
        trail.push(node);
        for (const next of [...(graph.get(node) ?? [])].sort()) {
            const cycle = visit(next);
            if (cycle) return cycle;
        }
        trail.pop();
        state.set(node, "done");
        return undefined;
    };
    for (const node of [...graph.keys()].sort()) {
        const cycle = visit(node);
        if (cycle) return cycle;
    }
    return undefined;
}

/**
 * The hub stack a `vpce-hub:hubStack` value names, checked against the organization and
 * project Deployments runs in: a webhook can only chain stacks of one organization, and its
 * payload names a stack of this project.
 */
export function resolveHubStack(ref: string, organization: string): { hub?: string; problem?: string } {
    const parts = ref.split("/");
    if (parts.length === 1 && NAME.test(ref)) return { hub: ref };
    if (parts.length !== 3 || !parts.every(p => NAME.test(p))) {
        return { problem: `must be org/project/stack or a stack name, got ${show(ref)}` };
    }
    const [org, project, hub] = parts;
    if (org !== organization) {
        return { problem: `names organization "${org}", but Deployments run in "${organization}" (${NS}:organization); a webhook cannot start a deployment in another organization` };
    }
    if (project !== PROJECT) return { problem: `names project "${project}"; the hub must be a stack of ${PROJECT}` };
    return { hub };
}

/** One hub-to-member step: once `hub` updates successfully, `member` deploys. */
export interface DeployEdge {
    readonly hub: string;
    readonly member: string;
}

/**
 * The order Deployments runs the stacks in: an edge from each spoke's hub to the spoke (each
 * hub deploys its own members, never another hub's), and from the hub that owns a shared
 * Transit Gateway's tables to each other hub on it. Throws when a spoke names a stack that is
 * not in the list, a hub of another organization or project, a cycle, or a spoke as its hub.
 */
export function buildDeployGraph(stacks: readonly StackInfo[], organization: string): DeployEdge[] {
    const byName = new Map(stacks.map(s => [s.name, s]));
    const known = stacks.map(s => s.name).join(", ");
    const problems: string[] = [];
    const hubOf = new Map<string, string>();
    for (const s of stacks) {
        if (s.role !== "spoke" || s.hubStack === undefined) continue;
        const at = `${s.file}: ${MAIN_NS}:hubStack`;
        const { hub, problem } = resolveHubStack(s.hubStack, organization);
        if (problem) problems.push(`${at}: ${problem}`);
        else if (!byName.has(hub!)) problems.push(`${at}: names "${hub}", which is not among the stacks deployed here (${known})`);
        else hubOf.set(s.name, hub!);
    }
    if (problems.length) throw new DeploymentsConfigError(problems);

    // A spoke naming a spoke could close a loop; name the loop itself, the more useful error.
    const cycle = findCycle(new Map([...hubOf].map(([spoke, hub]) => [spoke, [hub]])));
    if (cycle) {
        throw new DeploymentsConfigError([
            `${MAIN_NS}:hubStack forms a cycle: ${cycle.join(" -> ")} (each stack names the next as its hub); ` +
            `deploying each after the one it names would never start`,
        ]);
    }
    for (const [spoke, hub] of hubOf) {
        if (byName.get(hub)!.role !== "hub") {
            problems.push(`${byName.get(spoke)!.file}: ${MAIN_NS}:hubStack: names "${hub}", which is a spoke (${MAIN_NS}:role: spoke); a spoke's hubStack must name a hub`);
        }
    }
    // Hubs on one Transit Gateway: the first by name (code-unit order, as lib/config/hubSet.ts
    // tablesOwner) owns its tables; the others read them, so they deploy after it.
    const joins: [string, string][] = [];
    for (const s of stacks) {
        if (s.role !== "hub" || !s.sharedWithHubs?.length) continue;
        const owner = [s.name, ...s.sharedWithHubs].reduce((a, b) => (b < a ? b : a));
        if (owner === s.name) continue;
        if (byName.get(owner)?.role !== "hub") {
            problems.push(`${s.file}: ${MAIN_NS}:transitGateway.sharedWithHubs: names "${owner}", which owns the shared Transit Gateway's tables but is not a hub deployed here (${known})`);
        } else joins.push([s.name, owner]);
    }
    if (problems.length) throw new DeploymentsConfigError(problems);
    return [...hubOf, ...joins]
        .map(([member, hub]) => ({ hub, member }))
        .sort((a, b) => a.hub.localeCompare(b.hub) || a.member.localeCompare(b.member));
}

// ---------------------------------------------------------------------------------------
// Settings

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

/** This project's settings, validated. */
export interface DeploymentsConfig {
    /** The Pulumi organization that owns the vpce-hub stacks. */
    readonly organization: string;
    /** The GitHub repository holding the program, `owner/repo`. */
    readonly repository: string;
    /** The branch whose merges deploy; default main. */
    readonly branch: string;
    /** The project's directory inside the repository, when not the root. */
    readonly repoDir?: string;
    /** Deploy role ARN per stack, overriding the one derived from the account id. */
    readonly roles: Readonly<Record<string, string>>;
    /** The deploy role's name in each account, for ARNs not given in `roles`. */
    readonly roleName: string;
    /** Only these stacks; default every stack file. */
    readonly stacks?: readonly string[];
    readonly spokeTrigger: SpokeTrigger;
}

/**
 * Validates this project's raw config (`vpce-hub-deployments:<key>` without the namespace;
 * objects and lists either parsed or as JSON text). Throws one error listing every problem.
 */
export function parseDeploymentsConfig(raw: Readonly<Record<string, unknown>>): DeploymentsConfig {
    const problems: string[] = [];
    const decode = (v: unknown) => {
        if (typeof v !== "string" || !/^\s*[[{]/.test(v)) return v;
        try { return JSON.parse(v); } catch { return v; }
    };
    const fail = (k: string, message: string) => { problems.push(`${NS}:${k}: ${message}`); return undefined; };
    const str = (k: string, v: unknown, re: RegExp, what: string): string | undefined => {
        if (typeof v !== "string" || !re.test(v)) return fail(k, `must be ${what}, got ${show(v)}`);
        return v;
    };

    const organization = raw.organization === undefined
        ? fail("organization", "is required: the Pulumi organization that owns the vpce-hub stacks")
        : str("organization", raw.organization, NAME, "a Pulumi organization name");
    const repository = raw.repository === undefined
        ? fail("repository", "is required: the GitHub repository as owner/repo")
        : str("repository", raw.repository, REPOSITORY, "a GitHub repository as owner/repo");
    const branch = raw.branch === undefined ? DEFAULT_BRANCH
        : str("branch", raw.branch, /^[\w.\/-]+$/, "a branch name such as main");
    const repoDir = raw.repoDir === undefined || raw.repoDir === "" ? undefined
        : str("repoDir", raw.repoDir, /^[\w.-]+(\/[\w.-]+)*$/, "a directory relative to the repository root, without leading or trailing /");
    const roleName = raw.roleName === undefined ? DEFAULT_ROLE_NAME
        : str("roleName", raw.roleName, ROLE_NAME, "an IAM role name (1-64 of letters, digits, + = , . @ _ -)");
    const spokeTrigger = raw.spokeTrigger === undefined ? "commit"
        : SPOKE_TRIGGERS.includes(raw.spokeTrigger as SpokeTrigger) ? raw.spokeTrigger as SpokeTrigger
        : fail("spokeTrigger", `must be ${SPOKE_TRIGGERS.join(" or ")}, got ${show(raw.spokeTrigger)}`);

    const roles: Record<string, string> = {};
    const rawRoles = decode(raw.roles);
    if (rawRoles !== undefined) {
        if (typeof rawRoles !== "object" || rawRoles === null || Array.isArray(rawRoles)) {
            fail("roles", `must map stack names to role ARNs, got ${show(rawRoles)}`);
        } else {
            for (const [stack, arn] of Object.entries(rawRoles)) {
                if (!NAME.test(stack)) fail(`roles.${stack}`, "is not a stack name");
                else if (str(`roles.${stack}`, arn, ROLE_ARN, "an IAM role ARN such as arn:aws:iam::123456789012:role/vpce-hub-deploy")) roles[stack] = arn as string;
            }
        }
    }

    let stacks: string[] | undefined;
    const rawStacks = decode(raw.stacks);
    if (rawStacks !== undefined) {
        if (!Array.isArray(rawStacks) || rawStacks.length === 0) fail("stacks", `must be a non-empty list of stack names, got ${show(rawStacks)}`);
        else stacks = rawStacks.filter((s, i) => str(`stacks[${i}]`, s, NAME, "a stack name") !== undefined);
    }

    if (problems.length) throw new DeploymentsConfigError(problems);
    return {
        organization: organization!, repository: repository!, branch: branch!, roleName: roleName!,
        spokeTrigger: spokeTrigger!, roles, ...(repoDir ? { repoDir } : {}), ...(stacks ? { stacks } : {}),
    };
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

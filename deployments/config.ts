// The deployments project's own configuration (`vpce-hub-deployments:<key>`), validated. Pure.
import {
    DEFAULT_BRANCH, DEFAULT_PREVIEW_ROLE_NAME, DEFAULT_ROLE_NAME, DeploymentsConfigError, NAME, NS, REPOSITORY, ROLE_ARN, ROLE_NAME,
    SPOKE_TRIGGERS, SpokeTrigger, show,
} from "./stacks";

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
    /** Deploy role ARN per stack, overriding the one derived from its account and side. */
    readonly roles: Readonly<Record<string, string>>;
    /** Preview role ARN per stack, likewise. */
    readonly previewRoles: Readonly<Record<string, string>>;
    /** The deploy role's name in each account (lib/config/deployRoles.ts adds `-member` where a hub shares the account). */
    readonly roleName: string;
    /** The preview (read-only) role's name in each account, likewise. */
    readonly previewRoleName: string;
    /** Only these stacks; default every stack file. */
    readonly stacks?: readonly string[];
    readonly spokeTrigger: SpokeTrigger;
    /** Pull-request previews, with the read-only role (default on). Off: no previews, and settings name the deploy role. */
    readonly previews: boolean;
    /** Members being removed: destroyed before their hub's next update (deployments/removals.ts). */
    readonly removing: readonly string[];
    /** The policy pack every deployment runs, relative to the project directory (default `policy`). */
    readonly policyPack: string;
    /** Its config file, likewise (default `policy/config.json`). */
    readonly policyPackConfig: string;
    /** Pulumi users who may open each stack's operator environment for write credentials (the deploy roles trust them by name). */
    readonly operators: readonly string[];
    /** A Pulumi team given `open` on the operator environments (TeamEnvironmentPermission: Enterprise and Business Critical editions). */
    readonly operatorsTeam?: string;
    /** ESC environments a stack file may import without being refused (ones that hold no credentials). */
    readonly stackEnvironments: readonly string[];
}

const LOGIN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const ESC_ENV = /^([A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/;
const RELATIVE_PATH = /^[\w.-]+(\/[\w.-]+)*$/;

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
    const bool = (k: string, dflt: boolean): boolean => {
        const v = raw[k];
        if (v === undefined) return dflt;
        if (v === true || v === "true") return true;
        if (v === false || v === "false") return false;
        fail(k, `must be true or false, got ${show(v)}`);
        return dflt;
    };
    const list = (k: string, re: RegExp, what: string): string[] => {
        const v = decode(raw[k]);
        if (v === undefined) return [];
        if (!Array.isArray(v)) { fail(k, `must be a list of ${what}, got ${show(v)}`); return []; }
        return v.filter((x, i) => str(`${k}[${i}]`, x, re, what) !== undefined) as string[];
    };
    const arns = (k: string): Record<string, string> => {
        const out: Record<string, string> = {};
        const v = decode(raw[k]);
        if (v === undefined) return out;
        if (typeof v !== "object" || v === null || Array.isArray(v)) { fail(k, `must map stack names to role ARNs, got ${show(v)}`); return out; }
        for (const [stack, arn] of Object.entries(v)) {
            if (!NAME.test(stack)) fail(`${k}.${stack}`, "is not a stack name");
            else if (str(`${k}.${stack}`, arn, ROLE_ARN, "an IAM role ARN such as arn:aws:iam::123456789012:role/vpce-hub-deploy")) out[stack] = arn as string;
        }
        return out;
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
        : str("repoDir", raw.repoDir, RELATIVE_PATH, "a directory relative to the repository root, without leading or trailing /");
    const roleName = raw.roleName === undefined ? DEFAULT_ROLE_NAME
        : str("roleName", raw.roleName, ROLE_NAME, "an IAM role name (1-64 of letters, digits, + = , . @ _ -)");
    const previewRoleName = raw.previewRoleName === undefined ? DEFAULT_PREVIEW_ROLE_NAME
        : str("previewRoleName", raw.previewRoleName, ROLE_NAME, "an IAM role name (1-64 of letters, digits, + = , . @ _ -)");
    if (roleName !== undefined && roleName === previewRoleName) fail("previewRoleName", `must differ from roleName (${roleName}): previews get a read-only role of their own`);
    const spokeTrigger = raw.spokeTrigger === undefined ? "commit"
        : SPOKE_TRIGGERS.includes(raw.spokeTrigger as SpokeTrigger) ? raw.spokeTrigger as SpokeTrigger
        : fail("spokeTrigger", `must be ${SPOKE_TRIGGERS.join(" or ")}, got ${show(raw.spokeTrigger)}`);
    const policyPack = raw.policyPack === undefined ? "policy" : str("policyPack", raw.policyPack, RELATIVE_PATH, "a directory relative to the project");
    const policyPackConfig = raw.policyPackConfig === undefined ? "policy/config.json"
        : str("policyPackConfig", raw.policyPackConfig, RELATIVE_PATH, "a file relative to the project");
    const operatorsTeam = raw.operatorsTeam === undefined ? undefined : str("operatorsTeam", raw.operatorsTeam, NAME, "a Pulumi team name");

    let stacks: string[] | undefined;
    const rawStacks = decode(raw.stacks);
    if (rawStacks !== undefined) {
        if (!Array.isArray(rawStacks) || rawStacks.length === 0) fail("stacks", `must be a non-empty list of stack names, got ${show(rawStacks)}`);
        else stacks = rawStacks.filter((s, i) => str(`stacks[${i}]`, s, NAME, "a stack name") !== undefined);
    }
    const config: DeploymentsConfig = {
        organization: organization!, repository: repository!, branch: branch!, roleName: roleName!, previewRoleName: previewRoleName!,
        spokeTrigger: spokeTrigger!, roles: arns("roles"), previewRoles: arns("previewRoles"),
        previews: bool("previews", true),
        removing: list("removing", NAME, "stack names"),
        policyPack: policyPack!, policyPackConfig: policyPackConfig!,
        operators: list("operators", LOGIN, "Pulumi user logins"),
        stackEnvironments: list("stackEnvironments", ESC_ENV, "ESC environment names"),
        ...(operatorsTeam ? { operatorsTeam } : {}),
        ...(repoDir ? { repoDir } : {}), ...(stacks ? { stacks } : {}),
    };
    if (problems.length) throw new DeploymentsConfigError(problems);
    return config;
}

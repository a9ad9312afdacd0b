// The deployments project's own configuration (`vpce-hub-deployments:<key>`), validated. Pure.
import {
    DEFAULT_BRANCH, DEFAULT_ROLE_NAME, DeploymentsConfigError, NAME, NS, REPOSITORY, ROLE_ARN, ROLE_NAME, SPOKE_TRIGGERS, SpokeTrigger, show,
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

// The stacks of vpce-hub as the deployments project sees them: names, roles, accounts and hubs,
// read from the stack files with the project's one reader (lib/config/stackFiles.ts). Pure: no
// Pulumi import; the tests call these functions directly, and `pulumi up` calls the same ones.
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_ROLE_NAMES } from "../lib/config/deployRoles";
import { readStackFile, stackNameOf } from "../lib/config/stackFiles";

/** The infrastructure project whose stacks are deployed. */
export const PROJECT = "vpce-hub";
/** This project's config namespace: keys read as `vpce-hub-deployments:<key>`. */
export const NS = "vpce-hub-deployments";
/** The main project's config namespace, read out of its stack files. */
export const MAIN_NS = "vpce-hub";
/** The deploy role's name in every account unless `roles` names another ARN (lib/config/deployRoles.ts). */
export const DEFAULT_ROLE_NAME = DEFAULT_ROLE_NAMES.deploy;
/** The preview (read-only) role's name, likewise. */
export const DEFAULT_PREVIEW_ROLE_NAME = DEFAULT_ROLE_NAMES.preview;
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
export const SPOKE_TRIGGERS: readonly SpokeTrigger[] = ["commit", "hub"];

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
    /** Hubs: the registry (`vpce-hub:spokes`), member stack name to its account and VPC. */
    readonly registry?: Readonly<Record<string, { readonly accountId: string; readonly vpcId?: string }>>;
    /** `vpce-hub:vpc.id`: a member's VPC, or a hub's existing one (absent: the hub creates its VPC). */
    readonly vpcId?: string;
    /** Hubs: `vpce-hub:onPrem.customerGateway` is set, so the hub creates a site-to-site VPN. */
    readonly customerGateway?: boolean;
    /** Members: `vpce-hub:existingEndpoints.retire` is true, so the member deletes its own endpoints. */
    readonly retiresOwnEndpoints?: boolean;
    /** `aws:region`, when the stack file sets it. */
    readonly region?: string;
    /** ESC environments the stack file imports (`environment:`): they would change its credentials. */
    readonly environment?: readonly string[];
    /** AWS provider credential keys the stack file sets (`aws:profile`, `aws:assumeRole`, ...). */
    readonly credentialKeys?: readonly string[];
}

/**
 * AWS provider settings that choose credentials or a role. A stack file that sets one would
 * run its deployments as someone other than the role Deployments assumed for it.
 */
export const AWS_CREDENTIAL_KEYS: readonly string[] = [
    "accessKey", "secretKey", "token", "profile", "sharedCredentialsFiles", "sharedConfigFiles",
    "assumeRole", "assumeRoles", "assumeRoleWithWebIdentity",
];

/** Every problem found, one per line, each naming the file or config key at fault. */
export class DeploymentsConfigError extends Error {
    constructor(readonly problems: readonly string[]) {
        super(problems.join("\n"));
        this.name = "DeploymentsConfigError";
    }
}

export const NAME = /^[A-Za-z0-9_.-]+$/;
export const ACCOUNT = /^\d{12}$/;
export const VPC_ID = /^vpc-[0-9a-f]{8,17}$/;
export const REPOSITORY = /^[A-Za-z0-9-]+\/[A-Za-z0-9_.-]+$/;
export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;
export const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;

export function show(v: unknown): string {
    if (v === null || v === undefined) return String(v);
    if (typeof v === "object") return Array.isArray(v) ? "a list" : "an object";
    return JSON.stringify(v);
}

// ---------------------------------------------------------------------------------------
// Stack files

export { stackNameOf };

/**
 * Reads what Deployments needs from one stack file's text (role, account, hub, registry,
 * region, and whatever would change its credentials), with the project's one reader of stack
 * files (lib/config/stackFiles.ts). The other keys are the program's business (lib/config/
 * validates them when the stack runs).
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

    // The registry: which member stacks the hub serves, and their accounts (a member file may
    // leave its account out and take it from here).
    let registry: Record<string, { accountId: string; vpcId?: string }> | undefined;
    const spokes = raw[key("spokes")];
    if (role === "hub" && Array.isArray(spokes)) {
        registry = {};
        for (const entry of spokes) {
            const e = (entry ?? {}) as Record<string, unknown>;
            if (typeof e.name === "string" && NAME.test(e.name) && e.accountId !== undefined && ACCOUNT.test(String(e.accountId))) {
                registry[e.name] = { accountId: String(e.accountId), ...(typeof e.vpcId === "string" && VPC_ID.test(e.vpcId) ? { vpcId: e.vpcId } : {}) };
            }
        }
    }
    const vpc = raw[key("vpc")] as Record<string, unknown> | undefined;
    const vpcId = vpc && typeof vpc === "object" && typeof vpc.id === "string" && VPC_ID.test(vpc.id) ? vpc.id : undefined;
    const onPrem = raw[key("onPrem")] as Record<string, unknown> | undefined;
    const customerGateway = role === "hub" && !!onPrem && typeof onPrem === "object" && onPrem.customerGateway !== undefined;
    const existing = raw[key("existingEndpoints")] as Record<string, unknown> | undefined;
    const retiresOwnEndpoints = role === "spoke" && !!existing && typeof existing === "object" && (existing.retire === true || existing.retire === "true");
    const region = typeof raw["aws:region"] === "string" ? raw["aws:region"] as string : undefined;
    const credentialKeys = AWS_CREDENTIAL_KEYS.map(k => `aws:${k}`).filter(k => raw[k] !== undefined);

    if (problems.length) throw new DeploymentsConfigError(problems);
    return {
        name,
        file,
        role: role as "hub" | "spoke",
        ...(accountId !== undefined ? { accountId } : {}),
        ...(role === "spoke" ? { hubStack } : {}),
        ...(sharedWithHubs ? { sharedWithHubs } : {}),
        ...(registry ? { registry } : {}),
        ...(vpcId ? { vpcId } : {}),
        ...(customerGateway ? { customerGateway } : {}),
        ...(retiresOwnEndpoints ? { retiresOwnEndpoints } : {}),
        ...(region ? { region } : {}),
        ...(read.stackFile.environment ? { environment: read.stackFile.environment } : {}),
        ...(credentialKeys.length ? { credentialKeys } : {}),
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

// Which deploy roles each AWS account needs: one pair (deploy, preview) per side (hub, member)
// the account holds, each trusting exactly the stacks of that side in that account and scoped
// to their regions and VPCs. The deployments project derives role ARNs from it, the bootstraps
// create the roles from it. Pure: no Pulumi import.
import { DEFAULT_ROLE_NAMES, DeployRoleNames, DeploySide, deployRoleNames } from "../lib/config/deployRoles";
import { resolveHubStack } from "./graph";
import type { PermissionScope } from "./permissions";
import { DeploymentsConfigError, MAIN_NS, StackInfo } from "./stacks";

/** The roles of one side in one account. */
export interface SideRoles {
    readonly account: string;
    readonly side: DeploySide;
    /** The stacks whose deployments assume these roles (stack files and registry entries), sorted. */
    readonly stacks: readonly string[];
    readonly names: DeployRoleNames;
    /** What the deploy role's permissions are scoped to (deployments/permissions.ts). */
    readonly scope: PermissionScope;
}

/** A member listed in a hub's registry, with or without a stack file here. */
interface Member {
    readonly name: string;
    readonly account?: string;
    readonly vpcId?: string;
    readonly region?: string;
    readonly hub?: StackInfo;
    readonly file?: string;
    /** `vpce-hub:existingEndpoints.retire`: the member deletes its own endpoints. */
    readonly retiresOwnEndpoints?: boolean;
}

/** The hub a spoke's `hubStack` names, among `stacks` (undefined when it is elsewhere or invalid). */
export function hubOf(spoke: StackInfo, stacks: readonly StackInfo[], organization: string): StackInfo | undefined {
    if (spoke.hubStack === undefined) return undefined;
    const { hub } = resolveHubStack(spoke.hubStack, organization);
    return stacks.find(s => s.name === hub && s.role === "hub");
}

/** The account a stack runs in: its own `accountId`, or for a member its entry in its hub's registry. */
export function accountOf(stack: StackInfo, stacks: readonly StackInfo[], organization: string): string | undefined {
    if (stack.accountId) return stack.accountId;
    return stack.role === "spoke" ? hubOf(stack, stacks, organization)?.registry?.[stack.name]?.accountId : undefined;
}

/** Every member: stack files, and registry entries whose stack file is not (yet) here. */
function members(stacks: readonly StackInfo[], organization: string): Member[] {
    const out = new Map<string, Member>();
    for (const hub of stacks.filter(s => s.role === "hub")) {
        for (const [name, entry] of Object.entries(hub.registry ?? {})) {
            out.set(name, { name, account: entry.accountId, vpcId: entry.vpcId, region: hub.region, hub });
        }
    }
    for (const s of stacks.filter(x => x.role === "spoke")) {
        const hub = hubOf(s, stacks, organization);
        const listed = out.get(s.name);
        out.set(s.name, {
            name: s.name, file: s.file, hub, retiresOwnEndpoints: s.retiresOwnEndpoints === true,
            account: s.accountId ?? listed?.account, vpcId: s.vpcId ?? listed?.vpcId, region: s.region ?? hub?.region,
        });
    }
    return [...out.values()];
}

/**
 * The roles every account needs, by account, for the stacks here. Throws a
 * DeploymentsConfigError naming the stack file and key when a stack's account or region is
 * unknown (a role cannot be scoped without them); with `scoped: false` (role names only) it
 * skips what it cannot place instead.
 */
export function rolesByAccount(stacks: readonly StackInfo[], organization: string, base: DeployRoleNames = DEFAULT_ROLE_NAMES,
    options: { scoped?: boolean } = {}): Map<string, SideRoles[]> {
    const problems: string[] = [];
    const hubs = stacks.filter(s => s.role === "hub" && (s.accountId || options.scoped !== false));
    const all = members(stacks, organization);
    for (const h of hubs) {
        if (!h.accountId) problems.push(`${h.file}: ${MAIN_NS}:accountId: is not set: the hub's deploy roles are bootstrapped in its account, which must be named`);
        if (!h.region) problems.push(`${h.file}: aws:region: is not set: the hub's deploy roles are scoped to its region`);
    }
    for (const m of all.filter(x => x.file)) {
        if (!m.account) problems.push(`${m.file}: ${MAIN_NS}:accountId: is not set, and its hub's registry does not list "${m.name}": its deploy roles' account is unknown`);
        if (!m.region) problems.push(`${m.file}: aws:region: is not set: the member's deploy roles are scoped to its region`);
    }
    if (problems.length && options.scoped !== false) throw new DeploymentsConfigError(problems);

    const accounts = [...new Set([...hubs.map(h => h.accountId!), ...all.map(m => m.account).filter((a): a is string => !!a)])].sort();
    const out = new Map<string, SideRoles[]>();
    for (const account of accounts) {
        const hubsHere = hubs.filter(h => h.accountId === account);
        const membersHere = all.filter(m => m.account === account);
        const both = hubsHere.length > 0 && membersHere.length > 0;
        const roles: SideRoles[] = [];
        if (hubsHere.length) {
            roles.push({
                account, side: "hub", stacks: hubsHere.map(h => h.name).sort(), names: deployRoleNames("hub", both, base),
                scope: {
                    side: "hub", account, regions: uniq(hubsHere.map(h => h.region!)),
                    customerGateway: hubsHere.some(h => h.customerGateway),
                    // A hub that creates its VPC (no vpc.id) has none to name: any VPC of its regions.
                    ...(hubsHere.every(h => h.vpcId) ? { vpcIds: uniq(hubsHere.map(h => h.vpcId!)) } : {}),
                },
            });
        }
        if (membersHere.length) {
            roles.push({
                account, side: "member", stacks: membersHere.map(m => m.name).sort(), names: deployRoleNames("member", both, base),
                scope: {
                    side: "member", account, regions: uniq(membersHere.map(m => m.region).filter((r): r is string => !!r)),
                    ...(membersHere.every(m => m.vpcId) ? { vpcIds: uniq(membersHere.map(m => m.vpcId!)) } : {}),
                    hubAccounts: uniq(membersHere.map(m => m.hub?.accountId).filter((a): a is string => !!a)),
                    ...(membersHere.some(m => m.retiresOwnEndpoints) ? { retiresOwnEndpoints: true } : {}),
                },
            });
        }
        out.set(account, roles);
    }
    return out;
}

/** The roles a stack's deployments assume: its side's pair in its account. */
export function rolesOf(stack: StackInfo, byAccount: ReadonlyMap<string, readonly SideRoles[]>, stacks: readonly StackInfo[], organization: string): SideRoles | undefined {
    const account = accountOf(stack, stacks, organization);
    const side: DeploySide = stack.role === "hub" ? "hub" : "member";
    return account === undefined ? undefined : byAccount.get(account)?.find(r => r.side === side);
}

function uniq(values: readonly string[]): string[] {
    return [...new Set(values)].sort();
}

// What one more member costs the hub: the resources the hub creates for it and the shared ones
// it updates, and the AWS API calls both take, per connectivity, read off the planned hub (issue
// 26.7). A fleet's hub should grow by what AWS needs per member and nothing else: with
// `vpce-hub:organizationId`, Route 53 Profiles and prefix lists that is a RAM principal
// association where the Transit Gateway is shared per account, and one entry in each prefix list.
// Without an organization every endpoint policy lists the member's account, and the profile's
// share gets a principal per account: the plan says what organizationId would save.
// Pure: no Pulumi import. test/memberCost.test.ts holds the reading to what a hub planned with and
// without the member really differs by.
import { within } from "../net/cidr";
import type { Connectivity, HubConfig, SpokeEntry } from "../config";
import { NS } from "../config";
import { PlannedResource, PlannedStack, TYPES as T } from "../model";

/** API calls to create one resource of a type: Route 53 changes are polled once with GetChange (a floor, as in the API budget). */
const CREATE_CALLS: Readonly<Record<string, number>> = { [T.record]: 2, [T.zone]: 2, [T.zoneAssociation]: 2 };
/**
 * API calls to update a shared resource for a member: a security group's inline rules are
 * revoked and authorized again, an aggregate route is replaced (created, then the old deleted);
 * an endpoint policy (ModifyVpcEndpoint) and a prefix list (ModifyManagedPrefixList) take one.
 */
const UPDATE_CALLS: Readonly<Record<string, number>> = { [T.securityGroup]: 2, [T.route]: 2 };

const SPOKE_LINK = "vpce-hub:hub:SpokeLink";
const PROFILE = "vpce-hub:hub:Profile";
const TRANSIT_GATEWAY = "vpce-hub:hub:TransitGateway";

/** What one more member of a connectivity costs the hub. */
export interface MemberCost {
    readonly connectivity: Connectivity;
    /** The registered member it was read off (the last of its kind in an account of its own). */
    readonly member: string;
    /** Resources the hub creates for it, by type token. */
    readonly created: Readonly<Record<string, number>>;
    /** Components the hub adds for it (state only, no AWS call). */
    readonly components: number;
    /** Shared resources of the hub that change for it, by type token. */
    readonly updated: Readonly<Record<string, number>>;
    /** AWS API calls the hub's update takes for it (a floor: reads and tags left out). */
    readonly calls: number;
    /**
     * The part that depends on the member's account and that vpce-hub:organizationId removes (the
     * endpoint policies name the organization instead of each account, the profile is shared with
     * the organization): calls and resources, and what they are.
     */
    readonly accountBound: { readonly calls: number; readonly resources: number; readonly what: readonly string[] };
}

const add = (m: Record<string, number>, type: string, n = 1) => { m[type] = (m[type] ?? 0) + n; };
const callsOf = (m: Readonly<Record<string, number>>, table: Readonly<Record<string, number>>) => Object.entries(m).reduce((n, [t, k]) => n + k * (table[t] ?? 1), 0);

/** The member whose costs stand for its kind: the last registered in an account no other member or the hub uses. */
function representative(cfg: HubConfig, hubAccount: string, kind: Connectivity): SpokeEntry | undefined {
    const of = cfg.spokes.filter(s => s.connectivity === kind);
    const count = new Map<string, number>();
    for (const s of cfg.spokes) count.set(s.accountId, (count.get(s.accountId) ?? 0) + 1);
    const shared = (a: string) => a === hubAccount || count.get(a)! > 1;
    return [...of].reverse().find(s => !shared(s.accountId)) ?? of[of.length - 1];
}

/** An IPv4 block covers the member's CIDR. */
const covers = (block: unknown, cidr: string) => typeof block === "string" && !block.includes(":") && within(cidr, block);

/** Whether a shared resource of the hub carries something of the member (its account or a block covering its CIDR). */
function touches(r: PlannedResource, m: SpokeEntry, others: readonly SpokeEntry[]): boolean {
    const i = r.inputs ?? {};
    switch (r.type) {
        case T.vpcEndpoint: return typeof i.policy === "string" && i.policy.includes(`"${m.accountId}"`);
        case T.securityGroup: return (Array.isArray(i.ingress) ? i.ingress : []).some((rule: any) => (rule?.cidrBlocks ?? []).some((b: unknown) => covers(b, m.cidr)));
        case T.managedPrefixList: return (Array.isArray(i.entries) ? i.entries : []).some((e: any) => covers(e?.cidr, m.cidr));
        // An aggregate route that covers other members too is replaced when the member joins it.
        case T.route: return covers(i.destinationCidrBlock, m.cidr) && others.some(o => covers(i.destinationCidrBlock, o.cidr));
        default: return false;
    }
}

/** What the hub's endpoint policies would do per member without the organization: the default ones list accounts. */
function perimeterPolicies(hub: PlannedStack, cfg: HubConfig): PlannedResource[] {
    return hub.resources.filter(r => !r.component && r.type === T.vpcEndpoint && typeof r.inputs?.policy === "string"
        && (cfg.organizationId ? r.inputs.policy.includes(`"${cfg.organizationId}"`) : r.inputs.policy.includes("aws:PrincipalAccount")));
}

/** The cost of one more member, per connectivity the hub's registry uses. */
export function memberCosts(hub: PlannedStack): MemberCost[] {
    const cfg = hub.config as HubConfig;
    const out: MemberCost[] = [];
    for (const kind of ["transitGateway", "peering"] as const) {
        const m = representative(cfg, hub.accountId, kind);
        if (!m) continue;
        const others = cfg.spokes.filter(s => s.name !== m.name);
        const link = hub.resources.find(r => r.component && r.type === SPOKE_LINK && r.name === m.name);
        const created: Record<string, number> = {};
        const updated: Record<string, number> = {};
        const accountBound = { calls: 0, resources: 0, what: [] as string[] };
        const uniqueAccount = !others.some(o => o.accountId === m.accountId) && m.accountId !== hub.accountId;
        for (const r of hub.resources) {
            if (r.component) continue;
            const own = (link !== undefined && r.parent === link.urn)
                || (r.type === T.ramPrincipalAssociation && uniqueAccount && r.inputs?.principal === m.accountId)
                || (r.type === T.route && covers(r.inputs?.destinationCidrBlock, m.cidr) && !others.some(o => covers(r.inputs?.destinationCidrBlock, o.cidr)));
            if (own) {
                add(created, r.type);
                if (r.type === T.ramPrincipalAssociation && r.parent?.includes(`${PROFILE}::`)) {
                    accountBound.resources++; accountBound.calls += CREATE_CALLS[r.type] ?? 1;
                }
            } else if (touches(r, m, others)) {
                add(updated, r.type);
            }
        }
        // Per new account: each default endpoint policy names it (ModifyVpcEndpoint), or, with an organization, would.
        const policies = perimeterPolicies(hub, cfg).length;
        if (policies) accountBound.calls += policies;
        if (policies) accountBound.what.push(`${policies} endpoint polic${policies === 1 ? "y" : "ies"} updated with its account`);
        if (accountBound.resources) accountBound.what.push(`${accountBound.resources} RAM principal association${accountBound.resources === 1 ? "" : "s"} of the profile's share`);
        if (cfg.organizationId && uniqueAccount) {
            // A share that goes to the organization needs no principal per account: without it, one each
            // (the profile's; the Transit Gateway's too where this version shares it with the organization).
            const toOrganization = (component: string) => hub.resources.some(r => r.type === T.ramPrincipalAssociation && r.parent?.includes(`${component}::`)
                && String(r.inputs?.principal ?? "").startsWith("arn:aws:organizations::"));
            for (const [component, what, applies] of [[PROFILE, "the profile's share", true], [TRANSIT_GATEWAY, "the Transit Gateway's share", kind === "transitGateway"]] as const) {
                if (!applies || !toOrganization(component)) continue;
                accountBound.resources++; accountBound.calls++;
                accountBound.what.push(`1 RAM principal association of ${what}`);
            }
        }
        out.push({
            connectivity: kind, member: m.name, created, updated,
            components: link ? 1 : 0,
            calls: callsOf(created, CREATE_CALLS) + callsOf(updated, UPDATE_CALLS),
            accountBound,
        });
    }
    return out;
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
    [T.vpcAssociationAuthorization]: "zone authorization", [T.vpcPeeringConnection]: "peering request", [T.route]: "route",
    [T.ramPrincipalAssociation]: "RAM principal association", [T.vpcEndpoint]: "endpoint policy", [T.securityGroup]: "security group",
    [T.managedPrefixList]: "prefix list",
};

function words(m: Readonly<Record<string, number>>): string {
    const parts = Object.entries(m).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t, n]) => { const w = TYPE_WORDS[t] ?? t.split(":").pop()!; return `${n} ${n === 1 ? w : w.endsWith("y") ? `${w.slice(0, -1)}ies` : `${w}s`}`; });
    return parts.length ? parts.join(", ") : "nothing";
}

/**
 * The report's lines: what one more member of each kind costs the hub, in this hub's setup and in
 * the other one (with or without the organization), every resource named with `verbose`; and the
 * recommendation where the organization saves work.
 */
export function memberCostLines(costs: readonly MemberCost[], cfg: HubConfig, verbose = false): string[] {
    if (!costs.length) return [];
    const org = Boolean(cfg.organizationId);
    const resources = (c: MemberCost) => Object.values(c.created).reduce((a, b) => a + b, 0) + c.components;
    const other = (c: MemberCost) => org ? c.calls + c.accountBound.calls : Math.max(0, c.calls - c.accountBound.calls);
    const here = org ? "in the organization" : "account by account";
    const there = org ? "account by account" : `with ${NS}:organizationId`;
    const lines = verbose
        ? costs.map(c => `one more ${c.connectivity} member (read off ${c.member}): the hub creates ${words(c.created)}` +
            `${c.components ? ` and ${c.components} component` : ""} and updates ${words(c.updated)}: ${resources(c)} resource${resources(c) === 1 ? "" : "s"} and ` +
            `${c.calls} API call${c.calls === 1 ? "" : "s"} ${here}; ${other(c)} ${there}`)
        : [`one more member costs the hub ${costs.map(c => `${resources(c)} resources and ${c.calls} API calls (${c.connectivity})`).join(", ")} ${here}; ` +
            `${costs.map(c => other(c)).join(" and ")} calls ${there}; --verbose names them`];
    const saving = Math.max(0, ...costs.map(c => c.accountBound.calls));
    if (!org && saving > 0) {
        const c = costs.find(x => x.accountBound.calls === saving)!;
        lines.push(`recommended: set ${NS}:organizationId: each new member's account then costs the hub ${saving} API call${saving === 1 ? "" : "s"} less ` +
            `(${c.accountBound.what.join(", ")}), and the endpoint policies stop growing with the fleet`);
    }
    return lines;
}

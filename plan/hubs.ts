// Per-hub views of one plan (docs/multi-hub.md): what is computed once per hub (cost from the
// hub region's price table, quotas, the Route 53 API budget) and once for all hubs (the merged
// on-prem forwarders). plan/cli.ts puts them into its view; lib/report/hubs.ts into sections.
import { answeredNames } from "../lib/config/dns";
import { HubConfig, Quotas } from "../lib/config";
import { CostReport, ProfileAccountShare, estimateCost, hubProfileAssociations } from "../lib/cost/estimate";
import { ForwarderConfigs, renderDirectEndpoints, renderForwarders, renderHubForwarders } from "../lib/forwarders";
import { groupStacksByHub } from "../lib/config/hubSet";
import { HubOutputs, PlannedStack, TYPES, Warning } from "../lib/model";
import { loadPrices } from "../lib/cost/prices";
import { ApiBudget, QuotaFinding, apiBudget, quotaFindings } from "../lib/checks/quotas";
import { memberCosts } from "../lib/checks/memberCost";

/** One hub's estimates, from the hub and the members that name it. */
export interface HubEstimate {
    readonly hub: PlannedStack;
    readonly cost?: CostReport;
    readonly apiBudget: ApiBudget;
    /** Quota and budget warnings, and why there is no cost; prefixed with the hub when there are several. */
    readonly warnings: Warning[];
}

/**
 * For each hub, the other hubs' Route 53 Profiles in its account and Region (AWS charges the
 * profile hour once per account and Region): a hub with a profile shares with those before it
 * by stack name, which pay the hour; a hub without one (its modes compared) with all of them.
 */
function profileShares(groups: readonly { readonly hub: PlannedStack; readonly members: readonly PlannedStack[] }[]): Map<string, ProfileAccountShare> {
    const where = (g: { hub: PlannedStack }) => `${g.hub.accountId} ${g.hub.region}`;
    const withProfile = groups.filter(g => g.hub.resources.some(r => !r.component && r.type === TYPES.profile))
        .sort((a, b) => a.hub.stack.localeCompare(b.hub.stack));
    const out = new Map<string, ProfileAccountShare>();
    for (const g of groups) {
        const own = withProfile.indexOf(g);
        const earlier = withProfile.filter((o, i) => where(o) === where(g) && (own < 0 || i < own));
        if (!earlier.length) continue;
        out.set(g.hub.stack, {
            earlierHubs: earlier.map(o => o.hub.stack), accountId: g.hub.accountId,
            earlierAssociations: earlier.reduce((n, o) => n + hubProfileAssociations([o.hub, ...o.members]), 0),
        });
    }
    return out;
}

export function hubEstimates(stacks: readonly PlannedStack[]): HubEstimate[] {
    const groups = groupStacksByHub(stacks);
    const several = groups.length > 1;
    const shares = profileShares(groups);
    return groups.map(g => {
        const own = [g.hub, ...g.members];
        const cfg = g.hub.config as HubConfig;
        const tag = (w: Warning): Warning => several ? { code: w.code, message: `hub ${g.hub.stack}: ${w.message}` } : w;
        const warnings: Warning[] = [];
        let cost: CostReport | undefined;
        try {
            cost = estimateCost(own, loadPrices(cfg.region, cfg.cost.prices), cfg.cost, shares.get(g.hub.stack));
        } catch (e) {
            warnings.push(tag({ code: "cost:unavailable", message: (e as Error).message }));
        }
        // Over the limit is an error (plan/cli.ts stops before this); at 80% a warning.
        warnings.push(...quotaFindings(own, cfg.quotas).filter(f => !f.over).map(f => tag({ code: `quota:${f.name}`, message: f.message })));
        // What one more member costs this hub, in its setup and the other (organization or not).
        const budget = { ...apiBudget(own), perMember: memberCosts(g.hub) };
        if (budget.warning) warnings.push(tag(budget.warning));
        return { hub: g.hub, cost, apiBudget: budget, warnings };
    });
}

/**
 * Quotas that several hubs fill together, which no hub's own count sees: hosted zones per
 * account (hubs of one account), Route 53 Profiles per account and Region (profile hubs of one
 * account in one Region) and attachments per Transit Gateway (hubs sharing one). Each
 * finding names the hubs; the limit is the largest any of them declares in vpce-hub:quotas
 * (the account's or gateway's quota is one number: declare it on each).
 */
export function sharedQuotaFindings(stacks: readonly PlannedStack[]): { hubs: string[]; finding: QuotaFinding }[] {
    const groups = groupStacksByHub(stacks);
    if (groups.length < 2) return [];
    const out: { hubs: string[]; finding: QuotaFinding }[] = [];
    const together = (name: keyof Quotas, key: (g: typeof groups[number]) => string | undefined, withMembers: boolean) => {
        const by = new Map<string, typeof groups>();
        for (const g of groups) {
            const k = key(g);
            if (k !== undefined) by.set(k, [...(by.get(k) ?? []), g]);
        }
        for (const gs of by.values()) {
            if (gs.length < 2) continue;
            const quotas = gs.map(g => (g.hub.config as HubConfig).quotas).reduce((a, b) => (b[name] > a[name] ? b : a));
            const own = gs.flatMap(g => withMembers ? [g.hub, ...g.members] : [g.hub]);
            for (const finding of quotaFindings(own, quotas).filter(f => f.name === name)) out.push({ hubs: gs.map(g => g.hub.stack), finding });
        }
    };
    together("zonesPerAccount", g => g.hub.accountId, false);
    together("profilesPerRegion", g => (g.hub.config as HubConfig).dns?.sharing === "profile" ? `${g.hub.accountId} ${g.hub.region}` : undefined, false);
    together("attachmentsPerTransitGateway", g => (g.hub.config as HubConfig).transitGatewayId, true);
    return out;
}

/**
 * One forwarder configuration for every hub with onPrem (each hub's zones to its own
 * Resolver; one hub's reads as it always did), and the direct endpoint names of those hubs.
 */
export function onPremConfigs(stacks: readonly PlannedStack[]): { forwarders?: ForwarderConfigs; direct?: string } {
    const hubs = stacks.filter(s => s.role === "hub" && (s.config as HubConfig).onPrem).map(h => ({ stack: h.stack, out: h.outputs as HubOutputs }));
    if (!hubs.length) return {};
    // Every name a hub answers: its zones or (records: endpoint) its endpoints' private DNS, as
    // the hub exported them after AWS's check of each service (the same list its `forwarders`
    // output is rendered from); from the config for a hub whose outputs lack them.
    const names = (stack: string) => {
        const hub = stacks.find(s => s.stack === stack)!;
        return (hub.outputs as HubOutputs).answeredNames ?? answeredNames((hub.config as HubConfig).services);
    };
    const forwarders = hubs.length === 1
        ? renderForwarders({ zones: names(hubs[0].stack), resolverIps: hubs[0].out.resolverInboundIps })
        : renderHubForwarders(hubs.map(({ stack, out }) => ({ hub: stack, region: out.region, zones: names(stack), resolverIps: out.resolverInboundIps })));
    const direct = renderDirectEndpoints(hubs.flatMap(({ out }) =>
        Object.entries(out.services).map(([service, s]) => ({ service, regionalDnsName: s.regionalDnsName, region: out.region }))));
    return { forwarders, direct };
}

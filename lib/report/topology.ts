// The plan's topology as a picture needs it: each hub with its endpoints, Resolver and Transit
// Gateway, its spokes grouped by how they connect, and on-prem; every node with the verdict of
// its path checks. Drawn by the HTML report (lib/report/html/) and the Mermaid diagram (lib/report/mermaid.ts).
// Pure: reads the plan document only.
import type { Connectivity, HubConfig, SpokeConfig } from "../config";
import type { HubOutputs } from "../model";
import type { PlanDocument } from "../planDocument";

export type Verdict = "pass" | "fail" | "unchecked";

export interface SpokeNode {
    readonly stack: string;
    readonly accountId: string;
    readonly vpcId: string;
    readonly cidr: string;
    /** The IPv6 blocks the hub registered for it (dual-stack hubs). */
    readonly ipv6Cidrs?: readonly string[];
    readonly connectivity: Connectivity;
    /** False: the hub registers it, but the plan has no stack file for it. */
    readonly inPlan: boolean;
    readonly verdict: Verdict;
    /** Failing checks from this spoke. */
    readonly failing: number;
}

export interface SpokeGroup {
    /** Stable id, e.g. "shared/peering". */
    readonly id: string;
    readonly connectivity: Connectivity;
    readonly spokes: readonly SpokeNode[];
}

export interface HubNode {
    readonly stack: string;
    readonly accountId: string;
    readonly region: string;
    readonly vpcId: string;
    readonly cidr: string;
    /** The hub VPC's IPv6 block (dual-stack hubs). */
    readonly ipv6Cidr?: string;
    readonly endpoints: readonly { readonly service: string; readonly endpointId: string; readonly zones: readonly string[] }[];
    /** Resolver inbound addresses; empty without on-prem. */
    readonly resolverIps: readonly string[];
    readonly transitGatewayId?: string;
    /** How spokes get the zones: "associations" (one per zone and VPC) or "profile" (a Route 53 Profile), when the hub says. */
    readonly dnsSharing?: string;
    /** Profile mode: the Route 53 Profile spokes associate with. */
    readonly profileId?: string;
    readonly onPrem?: {
        readonly cidrs: readonly string[];
        /** IPv6 networks (over Direct Connect) the hub admits from on-prem. */
        readonly ipv6Cidrs?: readonly string[];
        readonly link: string;
        readonly verdict: Verdict;
        readonly failing: number;
        /**
         * One on-prem network reaches several hubs (the same CIDRs): the first hub that names it;
         * the diagrams draw it once, there, with a link to each hub.
         */
        readonly sharedWith?: string;
        /** On the hub whose node is drawn for a shared network: the failing checks of on-prem against every hub it reaches. */
        readonly acrossHubs?: { readonly failing: number; readonly verdict: Verdict };
    };
    readonly groups: readonly SpokeGroup[];
}

export interface Topology {
    readonly hubs: readonly HubNode[];
    /** Spoke stacks whose hub is not in the plan. */
    readonly unattached: readonly SpokeNode[];
}

const CONNECTIVITY_ORDER: readonly Connectivity[] = ["peering", "transitGateway"];

/** Per source (and per hub and source: "<hub>\u0000<source>", for checks that name their hub), failing and total checks. */
function verdicts(doc: PlanDocument): Map<string, { failing: number; total: number }> {
    const m = new Map<string, { failing: number; total: number }>();
    const count = (k: string) => m.get(k) ?? m.set(k, { failing: 0, total: 0 }).get(k)!;
    for (const c of doc.checks) {
        if (c.hub !== undefined) {
            const h = count(`${c.hub}\u0000${c.source}`);
            h.total++;
            if (c.verdict === "fail") h.failing++;
        }
        const v = count(c.source);
        v.total++;
        if (c.verdict === "fail") v.failing++;
    }
    return m;
}

function verdictOf(v: { failing: number; total: number } | undefined): Verdict {
    return !v || v.total === 0 ? "unchecked" : v.failing ? "fail" : "pass";
}

export function buildTopology(doc: PlanDocument): Topology {
    const byStack = new Map(doc.stacks.map(s => [s.stack, s]));
    const results = verdicts(doc);
    const placed = new Set<string>();
    const hubs: HubNode[] = doc.stacks.filter(s => s.role === "hub").map(h => {
        const out = h.outputs as HubOutputs;
        const cfg = h.config as HubConfig;
        const groups: SpokeGroup[] = [];
        for (const connectivity of CONNECTIVITY_ORDER) {
            const spokes = Object.entries(out.spokes ?? {}).filter(([, e]) => e.connectivity === connectivity)
                .sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0)
                .map(([name, e]): SpokeNode => {
                    placed.add(name);
                    const r = results.get(name);
                    return {
                        stack: name, accountId: e.accountId, vpcId: e.vpcId, cidr: e.cidr, ...(e.ipv6Cidrs?.length ? { ipv6Cidrs: e.ipv6Cidrs } : {}), connectivity,
                        inPlan: byStack.get(name)?.role === "spoke", verdict: verdictOf(r), failing: r?.failing ?? 0,
                    };
                });
            if (spokes.length) groups.push({ id: `${h.stack}/${connectivity}`, connectivity, spokes });
        }
        // With several hubs, on-prem has checks against each: this hub's only.
        const onPremResult = results.get(`${h.stack}\u0000on-prem`) ?? results.get("on-prem");
        return {
            stack: h.stack, accountId: h.accountId, region: h.region, vpcId: out.vpcId, cidr: out.vpcCidr, ...(out.vpcIpv6Cidr ? { ipv6Cidr: out.vpcIpv6Cidr } : {}),
            endpoints: Object.entries(out.services ?? {}).map(([service, s]) => ({ service, endpointId: s.endpointId, zones: s.zones.map(z => z.name) })),
            resolverIps: out.resolverInboundIps ?? [],
            transitGatewayId: out.transitGateway?.id,
            // The hub's `dns` output (Route 53 Profiles mode); older hubs have none: associations.
            dnsSharing: typeof h.outputs.dns?.sharing === "string" ? h.outputs.dns.sharing : undefined,
            profileId: typeof h.outputs.dns?.profileId === "string" ? h.outputs.dns.profileId : undefined,
            onPrem: cfg.onPrem ? {
                cidrs: cfg.onPrem.cidrs,
                ...(cfg.onPrem.ipv6Cidrs?.length ? { ipv6Cidrs: cfg.onPrem.ipv6Cidrs } : {}),
                link: cfg.onPrem.vpnGatewayId ? `VPN gateway ${cfg.onPrem.vpnGatewayId}` : `site-to-site VPN to ${cfg.onPrem.customerGateway?.ip ?? "?"}`,
                verdict: verdictOf(onPremResult), failing: onPremResult?.failing ?? 0,
            } : undefined,
            groups,
        };
    });
    // One on-prem network (the same CIDRs) behind several hubs is one place: drawn once.
    const firstWith = new Map<string, string>();
    const failingOf = new Map<string, number>();
    for (const h of hubs) if (h.onPrem) failingOf.set(onPremKey(h.onPrem), (failingOf.get(onPremKey(h.onPrem)) ?? 0) + h.onPrem.failing);
    const shared = hubs.map(h => {
        if (!h.onPrem) return h;
        const key = onPremKey(h.onPrem);
        const first = firstWith.get(key);
        if (first !== undefined) return { ...h, onPrem: { ...h.onPrem, sharedWith: first } };
        firstWith.set(key, h.stack);
        // The one node drawn counts the failing checks of on-prem against every hub it reaches.
        const failing = failingOf.get(key) ?? 0;
        return failing === h.onPrem.failing ? h : { ...h, onPrem: { ...h.onPrem, acrossHubs: { failing, verdict: "fail" as const } } };
    });
    const unattached = doc.stacks.filter(s => s.role === "spoke" && !placed.has(s.stack)).map((s): SpokeNode => {
        const cfg = s.config as SpokeConfig;
        const r = results.get(s.stack);
        return {
            stack: s.stack, accountId: s.accountId, vpcId: cfg.vpc.id, cidr: cfg.vpc.cidr,
            connectivity: (s.outputs?.connectivity as Connectivity) ?? "peering", inPlan: true, verdict: verdictOf(r), failing: r?.failing ?? 0,
        };
    });
    return { hubs: shared, unattached };
}

/** An on-prem network's identity across hubs: its CIDRs, in any order. */
export function onPremKey(o: { readonly cidrs: readonly string[]; readonly ipv6Cidrs?: readonly string[] }): string {
    return [...o.cidrs, ...(o.ipv6Cidrs ?? [])].sort().join(",");
}

/** Spoke stacks drawn one by one up to this many per group; above, the group is drawn collapsed. */
export const EXPAND_GROUP_UP_TO = 24;

/** "1 failing check", "2 failing checks": the words both diagrams put on a failing node. */
export function failingChecks(n: number): string {
    return `${n} failing check${n === 1 ? "" : "s"}`;
}

// Several hubs in one plan (docs/multi-hub.md): which members belong to which hub, and the
// rules that hold between hubs, which no single stack file can check on its own. Pure: no
// Pulumi import. Every error names the stack and the key to change.
import { mustParseCidr } from "../net/cidr";
import { ConfigError, HubConfig, NS, SpokeConfig, SpokeDeclaration, StackConfig, StackDeclaration, hubStackName } from "./";
import { forwardingConflicts } from "../forwarders";

/** A hub and the member stacks that name it with `vpce-hub:hubStack`. */
export interface HubGroup<H = HubConfig, M = SpokeConfig> {
    readonly hub: H;
    readonly members: readonly M[];
}

/**
 * Hubs in file order, each with its members in file order. Members of no hub of the plan
 * are left out (validateStacks reports them).
 */
export function groupByHub(configs: readonly StackDeclaration[]): HubGroup<HubConfig, SpokeDeclaration>[] {
    const hubs = configs.filter((c): c is HubConfig => c.role === "hub");
    return hubs.map(hub => ({
        hub,
        members: configs.filter((c): c is SpokeDeclaration => c.role === "spoke" && hubStackName(c.hubStack) === hub.stack),
    }));
}

/** The same grouping for anything that carries a stack name, role and config (planned stacks). */
export function groupStacksByHub<S extends { stack: string; role: string; config: StackConfig }>(stacks: readonly S[]): HubGroup<S, S>[] {
    const hubs = stacks.filter(s => s.role === "hub");
    return hubs.map(hub => ({
        hub,
        members: stacks.filter(s => s.role === "spoke" && (hubs.length === 1 || hubStackName((s.config as SpokeConfig).hubStack) === hub.stack)),
    }));
}

/**
 * Of hubs sharing one Transit Gateway, the one whose route tables they all use: the first by
 * name (code-unit order), so that every hub derives the same owner from its own config.
 */
export function tablesOwner(hub: HubConfig): string {
    return [hub.stack, ...(hub.transitGatewaySharedWith ?? [])].reduce((a, b) => (b < a ? b : a));
}

/** Union-find over hub indexes. */
function components(n: number, joined: (i: number, j: number) => boolean): number[][] {
    const parent = Array.from({ length: n }, (_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (joined(i, j)) parent[find(j)] = find(i);
    const out = new Map<number, number[]>();
    for (let i = 0; i < n; i++) out.set(find(i), [...(out.get(find(i)) ?? []), i]);
    return [...out.values()];
}

interface Block { readonly hub: number; readonly stack: string; readonly key: string; readonly cidr: string; readonly vpcId?: string; readonly onPrem: boolean }

/**
 * Pairs of overlapping blocks that belong to different hubs, in O(n log n): CIDR blocks are
 * either disjoint or nested, so after sorting by first address (larger first on ties) a block
 * overlaps exactly the open blocks on the stack.
 */
function crossHubOverlaps(blocks: readonly Block[]): [Block, Block][] {
    const range = (b: Block) => {
        const c = mustParseCidr(b.cidr);
        const start = c.network.toByteArray().reduce((a, x) => a * 256 + x, 0);
        return { b, start, end: start + 2 ** (32 - c.prefix) - 1 };
    };
    const sorted = blocks.map(range).sort((x, y) => x.start - y.start || y.end - x.end);
    const open: typeof sorted = [];
    const out: [Block, Block][] = [];
    for (const cur of sorted) {
        while (open.length && open[open.length - 1].end < cur.start) open.pop();
        for (const o of open) {
            if (o.b.hub === cur.b.hub) continue; // each hub checks its own blocks (config.ts)
            if (o.b.onPrem && cur.b.onPrem) continue; // the shared on-prem network itself
            if (o.b.vpcId !== undefined && o.b.vpcId === cur.b.vpcId) continue; // one VPC listed twice: reported on its own
            out.push([o.b, cur.b]);
        }
        open.push(cur);
    }
    return out;
}

function zoneNames(hub: HubConfig): Set<string> {
    return new Set(hub.services.flatMap(s => s.zones.map(z => z.name)));
}

/**
 * What must hold between the hubs of one plan:
 * - a member stack is listed by one hub only;
 * - no VPC gets two zones of one name from two hubs (Route 53 refuses the second association
 *   with ConflictingDomainExists);
 * - hubs that share an on-prem network (overlapping `onPrem.cidrs`) or one Transit Gateway
 *   route into each other's address space: their VPCs and spokes must not overlap;
 * - two hubs on one existing Transit Gateway say so (`transitGateway.sharedWithHubs`), are in
 *   the account that owns it (only the owner shares it and manages its route tables).
 */
export function checkHubSet(hubs: readonly HubConfig[]): ConfigError[] {
    const errors: ConfigError[] = [];
    const fail = (stack: string, key: string, message: string) => errors.push({ stack, key, message });
    if (hubs.length < 2) {
        for (const h of hubs) {
            if (h.transitGatewaySharedWith?.length) {
                fail(h.stack, `${NS}:transitGateway.sharedWithHubs`, `names ${h.transitGatewaySharedWith.join(", ")}, but this plan has no other hub stack`);
            }
        }
        return errors;
    }

    // A member listed by two hubs: its one hubStack can name only one of them.
    const listedBy = new Map<string, { hub: string; index: number }>();
    for (const h of hubs) {
        h.spokes.forEach((s, i) => {
            const prev = listedBy.get(s.name);
            if (prev) fail(h.stack, `${NS}:spokes[${i}].name`, `spoke "${s.name}" is also listed by hub "${prev.hub}" (${NS}:spokes[${prev.index}]): a member belongs to one hub, the one its ${NS}:hubStack names; remove it from one of them`);
            else listedBy.set(s.name, { hub: h.stack, index: i });
        });
    }

    // Every VPC that gets a hub's zones: the hub's own VPC and each spoke's.
    const holders = new Map<string, { hub: HubConfig; key: string }[]>();
    for (const h of hubs) {
        const add = (vpcId: string, key: string) => holders.set(vpcId, [...(holders.get(vpcId) ?? []), { hub: h, key }]);
        if (h.vpc.kind === "existing") add(h.vpc.id, `${NS}:vpc.id`);
        h.spokes.forEach((s, i) => add(s.vpcId, `${NS}:spokes[${i}].vpcId`));
    }
    for (const [vpcId, list] of holders) {
        for (let j = 1; j < list.length; j++) {
            for (let i = 0; i < j; i++) {
                if (list[i].hub === list[j].hub) continue;
                const theirs = zoneNames(list[i].hub);
                const both = [...zoneNames(list[j].hub)].filter(z => theirs.has(z)).sort();
                if (!both.length) continue;
                fail(list[j].hub.stack, list[j].key, `${vpcId} would get zones of hub "${list[i].hub.stack}" (its ${list[i].key}) and of this hub, ` +
                    `and both have ${both.length === 1 ? "the zone" : "zones"} ${both.slice(0, 3).join(", ")}${both.length > 3 ? ` and ${both.length - 3} more` : ""}: ` +
                    `Route 53 refuses a second private zone of one name on a VPC (ConflictingDomainExists); give each VPC one hub`);
            }
        }
    }

    // One existing Transit Gateway under two hubs.
    const byTgw = new Map<string, HubConfig[]>();
    for (const h of hubs) if (h.transitGatewayId) byTgw.set(h.transitGatewayId, [...(byTgw.get(h.transitGatewayId) ?? []), h]);
    const hubNames = new Set(hubs.map(h => h.stack));
    for (const h of hubs) {
        (h.transitGatewaySharedWith ?? []).forEach((other, i) => {
            const k = `${NS}:transitGateway.sharedWithHubs[${i}]`;
            const o = hubs.find(x => x.stack === other);
            if (!hubNames.has(other)) fail(h.stack, k, `"${other}" is no hub stack of this plan`);
            else if (other === h.stack) fail(h.stack, k, `"${other}" is this hub itself`);
            else if (o!.transitGatewayId !== h.transitGatewayId) fail(h.stack, k, `hub "${other}" does not use ${h.transitGatewayId} (its ${NS}:transitGateway.id is ${o!.transitGatewayId ?? "unset"})`);
        });
    }
    for (const [tgw, list] of byTgw) {
        if (list.length < 2) continue;
        for (const h of list) {
            const missing = list.filter(o => o !== h && !(h.transitGatewaySharedWith ?? []).includes(o.stack)).map(o => o.stack);
            if (missing.length) {
                fail(h.stack, `${NS}:transitGateway.id`, `${tgw} is also the Transit Gateway of hub ${missing.map(m => `"${m}"`).join(", ")}: ` +
                    `hubs on one Transit Gateway share its default route tables, so say so with ${NS}:transitGateway.sharedWithHubs: [${missing.join(", ")}] (docs/multi-hub.md)`);
            }
        }
        const accounts = new Set(list.map(h => h.accountId ?? "(unset)"));
        if (accounts.size > 1 || accounts.has("(unset)")) {
            for (const h of list.slice(1)) {
                fail(h.stack, `${NS}:accountId`, `hubs sharing ${tgw} must be in the account that owns it, set explicitly: only the owner shares a Transit Gateway and manages its route tables (${list.map(x => `${x.stack}: ${x.accountId ?? "unset"}`).join(", ")})`);
            }
        }
    }

    // On-prem forwarders send each name to one place: two hubs with onPrem may not serve one name.
    const withOnPrem = hubs.filter(h => h.onPrem);
    for (const c of forwardingConflicts(withOnPrem.map(h => ({ hub: h.stack, region: h.region, zones: [...zoneNames(h)], resolverIps: [] })))) {
        const [first, ...rest] = c.hubs;
        for (const other of rest) {
            const h = hubs.find(x => x.stack === other)!;
            const i = h.services.findIndex(s => s.zones.some(z => z.name === c.zone));
            fail(other, `${NS}:services[${i}]`, `zone ${c.zone} is also served to on-prem by hub "${first}": an on-prem forwarder zone goes to one Resolver, ` +
                `so only one hub with ${NS}:onPrem may serve a name (drop the service here, or onPrem from one hub)`);
        }
    }

    // Hubs joined by an on-prem network or a Transit Gateway must not overlap.
    const onPremShared = (a: HubConfig, b: HubConfig) => (a.onPrem?.cidrs ?? []).some(x => (b.onPrem?.cidrs ?? []).some(y => {
        const cx = mustParseCidr(x), cy = mustParseCidr(y);
        return cx.network.match(cy.network, cy.prefix) || cy.network.match(cx.network, cx.prefix);
    }));
    const sharedTgw = (a: HubConfig, b: HubConfig) => a.transitGatewayId !== undefined && a.transitGatewayId === b.transitGatewayId;
    const joined = (i: number, j: number) => onPremShared(hubs[i], hubs[j]) || sharedTgw(hubs[i], hubs[j]);
    /** Why two hubs of one group route into each other's space, for the message. */
    const why = (a: HubConfig, b: HubConfig, group: number[]) =>
        onPremShared(a, b) ? `both reach the on-prem network ${a.onPrem!.cidrs.join(", ")} (overlapping ${NS}:onPrem.cidrs)`
            : sharedTgw(a, b) ? `both use Transit Gateway ${a.transitGatewayId}`
                : `are joined through the on-prem networks or Transit Gateways of hubs ${group.map(i => hubs[i].stack).join(", ")}`;
    for (const group of components(hubs.length, joined)) {
        if (group.length < 2) continue;
        const blocks: Block[] = group.flatMap(i => {
            const h = hubs[i];
            return [
                { hub: i, stack: h.stack, key: `${NS}:vpc.cidr`, cidr: h.vpc.cidr, vpcId: h.vpc.kind === "existing" ? h.vpc.id : undefined, onPrem: false },
                ...h.spokes.map((s, k) => ({ hub: i, stack: h.stack, key: `${NS}:spokes[${k}].cidr`, cidr: s.cidr, vpcId: s.vpcId, onPrem: false })),
                ...(h.onPrem?.cidrs ?? []).map((c, k) => ({ hub: i, stack: h.stack, key: `${NS}:onPrem.cidrs[${k}]`, cidr: c, onPrem: true })),
            ];
        });
        const found = crossHubOverlaps(blocks).map(([a, b]) => a.hub < b.hub ? [a, b] : [b, a]);
        // Reported in hub order, then key, whatever order the sweep found them in.
        found.sort((x, y) => x[1].hub - y[1].hub || x[1].key.localeCompare(y[1].key) || x[0].hub - y[0].hub || x[0].key.localeCompare(y[0].key));
        for (const [first, second] of found) {
            fail(second.stack, second.key, `${second.cidr} overlaps ${first.cidr} of hub "${first.stack}" (its ${first.key}): this hub and "${first.stack}" ` +
                `${why(hubs[first.hub], hubs[second.hub], group)}, so routes to the two blocks would be ambiguous`);
        }
    }
    return errors;
}

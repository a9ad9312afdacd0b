// The order of commands a change needs, as one list: what must happen before the hub's
// `pulumi up` (unprotect, the targeted destroys AWS's RouteAlreadyExists asks for, and the
// `pulumi destroy` of every member leaving the hub), each hub's `pulumi up` with the migration
// step it takes, then the members. Empty when any order will do (a change of the hub alone).
// Pure: no Pulumi import.
import { shortList } from "../text";
import type { ModeChange } from "./migration";

export interface OrderInput {
    /** Hubs with changes: each gets a pulumi up. */
    readonly hubs: readonly string[];
    /** Members (existing in both plans) with changes of their own: each gets a pulumi up after its hub. */
    readonly members?: readonly string[];
    /** Stacks with protected resources to delete or replace, and how many. */
    readonly protectedBy?: readonly { readonly stack: string; readonly count: number }[];
    /** Stacks with renamed routes AWS refuses to duplicate, and how many. */
    readonly refusedRoutes: readonly { readonly stack: string; readonly count: number }[];
    /** Members taken out of a hub's registry; `planned`: their stack existed, so there is something to destroy. */
    readonly leaving: readonly { readonly member: string; readonly hub: string; readonly connectivity: string; readonly planned: boolean }[];
    /** Per hub, the members switching between peering and the Transit Gateway. */
    readonly switches: ReadonlyMap<string, readonly string[]>;
    /** A DNS mode change one pulumi up per stack can make (lib/review/migration.ts). */
    readonly modeChange?: ModeChange;
}

/** What the hub's pulumi up deletes that a leaving member still uses. */
function deletedFor(connectivity: string): string {
    return connectivity === "peering" ? "its peering, the routes to it and its zone authorizations"
        : "its place in the RAM share, the Transit Gateway routes to it and its zone authorizations";
}

export function orderOf(o: OrderInput): string[] {
    const pre: string[] = [];
    for (const p of o.protectedBy ?? []) {
        pre.push(`pulumi up will refuse to delete ${p.count === 1 ? "a protected resource" : `${p.count} protected resources`}: ` +
            `set vpce-hub:protect: false and pulumi up ${p.stack} once first (or pulumi state unprotect <urn>)`);
    }
    const before = (r: { stack: string; count: number }) => `before pulumi up ${r.stack}: pulumi destroy -s ${r.stack} --target ` +
        `<each old route AWS refuses to duplicate, ${r.count} in all, listed above> (their destinations have no route until that pulumi up)`;
    const memberSet = new Set(o.members ?? []);
    // A hub's targeted destroys come first; a member's right before its own pulumi up.
    for (const r of o.refusedRoutes.filter(x => !memberSet.has(x.stack))) pre.push(before(r));
    for (const l of o.leaving.filter(x => x.planned)) {
        pre.push(`pulumi destroy -s ${l.member}, then pulumi stack rm ${l.member}: first, because pulumi up ${l.hub} deletes ${deletedFor(l.connectivity)}; ` +
            `otherwise ${l.member} keeps the hub's zones with no way to the endpoints (its lookups answer addresses it cannot reach: timeouts, ` +
            `not the public endpoints) until its own destroy, which then deletes routes and associations whose other side is gone`);
    }
    const migrating = o.modeChange && o.modeChange.covers.length > 0 ? o.modeChange : undefined;
    const switching = [...o.switches.values()].some(s => s.length);
    if (!pre.length && !o.refusedRoutes.length && !switching && !migrating && !o.leaving.some(l => l.planned)) return [];
    const steps = [...pre];
    for (const hub of o.hubs) {
        const hubSteps = migrating && migrating.hub === hub ? migrating.steps.filter(s => s.stacks === "hub" && migrating.covers.includes(s.id)) : [];
        const label = hubSteps.length ? ` (step ${hubSteps.map(s => s.id).join(", ")}: ${hubSteps[hubSteps.length - 1].config})` : "";
        const sw = o.switches.get(hub) ?? [];
        steps.push(`pulumi up ${hub}${label}` + (sw.length ? `, then at once pulumi up ${sw.join(", ")}: ${shortList(sw)} ${sw.length === 1 ? "has" : "have"} no path to the hub between the two` : ""));
    }
    const switched = new Set([...o.switches.values()].flat());
    const members = (o.members ?? []).filter(m => !switched.has(m));
    for (const r of o.refusedRoutes.filter(x => memberSet.has(x.stack))) steps.push(before(r));
    const a2 = migrating?.steps.find(s => s.stacks === "each spoke" && migrating.covers.includes(s.id));
    if (a2) {
        steps.push(`then pulumi up each member (step ${a2.id}: ${a2.does.split(",")[0]})${members.length ? `: ${shortList(members)}` : ""}`);
    } else if (members.length) {
        steps.push(`then pulumi up ${shortList(members)} (after the hub: ${members.length === 1 ? "it reads" : "they read"} its outputs)`);
    }
    return steps;
}

// The plan as a change review (`--against OLD.json`): per stack, what `pulumi up` (or, for a
// member leaving, its `pulumi destroy`) adds, removes, updates in place and replaces, who each
// change affects, which ones interrupt traffic, the momentary windows where AWS applies a change
// as remove-then-add, the order of commands that keeps the gap shortest, what still has to
// happen afterwards, and what `pulumi up` will refuse (deleting a protected resource).
// Whether a removal interrupts a consumer is judged by the plan after the change (./judge.ts):
// its path checks fail, change their answer, or lose a name. Pure: compares two plans (the
// previous one as its JSON), no Pulumi import.
import type { HubConfig, OnPrem } from "../config";
import { HubOutputs, PlannedResource, TYPES } from "../model";
import { shortList } from "../text";
import { Block, Consumers, EVERY_CHECK, Judge, Scope, Scopes, inside } from "./judge";
import { recognizeModeChange } from "./migration";
import { orderOf } from "./order";
import { retirementChanges } from "./retirement";

export type { Change, ChangeKind, ChangeSet, Snapshot, SnapshotStack } from "./types";
import type { Change, ChangeKind, ChangeSet, Snapshot, SnapshotStack } from "./types";

/**
 * Inputs whose change makes the provider replace the resource (delete, then create) rather
 * than update it in place: the AWS provider's ForceNew arguments (the Pulumi AWS provider is
 * bridged from the Terraform AWS provider; its docs mark them "Forces new resource").
 * Anything else that differs is an update.
 */
const REPLACE_ON: Readonly<Record<string, readonly string[]>> = {
    [TYPES.route]: ["routeTableId", "destinationCidrBlock", "destinationIpv6CidrBlock", "destinationPrefixListId"],
    [TYPES.vpcEndpoint]: ["vpcId", "serviceName", "vpcEndpointType"],
    [TYPES.securityGroup]: ["name", "namePrefix", "vpcId", "description"],
    [TYPES.zone]: ["name"],
    [TYPES.record]: ["zoneId", "name", "type"],
    [TYPES.zoneAssociation]: ["zoneId", "vpcId", "vpcRegion"],
    [TYPES.vpcAssociationAuthorization]: ["zoneId", "vpcId", "vpcRegion"],
    [TYPES.vpcPeeringConnection]: ["vpcId", "peerVpcId", "peerOwnerId", "peerRegion"],
    [TYPES.vpcPeeringConnectionAccepter]: ["vpcPeeringConnectionId"],
    [TYPES.tgwAttachment]: ["transitGatewayId", "vpcId"],
    [TYPES.resolverEndpoint]: ["direction", "securityGroupIds"],
};

/** Inputs `pulumi up` does not act on (ignoreChanges in components/options.ts). */
const IGNORED: Readonly<Record<string, readonly string[]>> = { [TYPES.zone]: ["vpcs"] };

/** What each type is called in the review. */
const WHAT: Readonly<Record<string, string>> = {
    [TYPES.route]: "route",
    [TYPES.vpcEndpoint]: "endpoint",
    [TYPES.securityGroup]: "security group",
    [TYPES.zone]: "zone",
    [TYPES.record]: "record",
    [TYPES.zoneAssociation]: "zone association",
    [TYPES.vpcAssociationAuthorization]: "association authorization",
    [TYPES.vpcPeeringConnection]: "peering",
    [TYPES.vpcPeeringConnectionAccepter]: "peering acceptance",
    [TYPES.tgwAttachment]: "TGW attachment",
    [TYPES.resolverEndpoint]: "Resolver endpoint",
    [TYPES.profileAssociation]: "profile association",
};

/** Removing one of these stops traffic for its consumers (unless the plan after the change says otherwise). */
const STOPS = new Set<string>([TYPES.route, TYPES.zone, TYPES.vpcEndpoint, TYPES.zoneAssociation, TYPES.vpcPeeringConnection,
    TYPES.vpcPeeringConnectionAccepter, TYPES.tgwAttachment, TYPES.resolverEndpoint, TYPES.record, TYPES.profileAssociation]);

/** Zones and endpoints are protected unless `vpce-hub:protect: false` (components/options.ts). */
const PROTECTED = new Set<string>([TYPES.zone, TYPES.vpcEndpoint]);

function stable(v: unknown): string {
    return JSON.stringify(v, (_k, x) => x && typeof x === "object" && !Array.isArray(x)
        ? Object.fromEntries(Object.keys(x).sort().map(k => [k, x[k]])) : x);
}

interface Rule { readonly protocol: string; readonly from: number; readonly to: number; readonly cidr: string; readonly description: string }

/**
 * A group's inline rules, one per source block. A rule that references a prefix list counts as
 * one rule per entry of the list, read from `lists` (the plan after the change, then before): an
 * unchanged group keeps its rules while the list's entries change (the list's change is its own).
 */
function rules(r: Pick<PlannedResource, "inputs">, lists: ReadonlyMap<string, readonly string[]> = new Map()): Rule[] {
    return ((r.inputs.ingress ?? []) as Record<string, any>[]).flatMap(x => [
        ...[...(x.cidrBlocks ?? []), ...(x.ipv6CidrBlocks ?? [])].map((cidr: string) => ({ protocol: String(x.protocol), from: x.fromPort, to: x.toPort, cidr, description: String(x.description ?? "") })),
        ...((x.prefixListIds ?? []) as string[]).flatMap(id => (lists.get(id) ?? []).map(cidr => ({ protocol: String(x.protocol), from: x.fromPort, to: x.toPort, cidr, description: `prefix list ${id}` }))),
    ]);
}

/** Each prefix list's entries, by id: the plan after the change first, then the one before. */
function listEntries(...stacks: (SnapshotStack | undefined)[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const s of stacks) {
        for (const r of s?.resources ?? []) {
            if (r.type === TYPES.managedPrefixList && !out.has(r.id)) out.set(r.id, ((r.inputs.entries ?? []) as { cidr: string }[]).map(e => e.cidr));
        }
    }
    return out;
}

const ports = (r: Pick<Rule, "from" | "to">) => r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`;
const ruleText = (r: Rule) => `${r.protocol} ${ports(r)} from ${r.cidr}`;
/** AWS provider: a rule is its protocol, ports, source and description (the set's hash includes the description). */
const ruleKey = (r: Rule) => `${r.protocol}/${r.from}/${r.to}/${r.cidr}/${r.description}`;
const covers = (rs: readonly Rule[], x: Rule) => rs.some(y => y.protocol === x.protocol && y.from <= x.from && y.to >= x.to && inside(x.cidr, y.cidr));

/** "a loses" / "a, b lose". */
const lose = (names: readonly string[]) => `${shortList(names)} lose${names.length === 1 ? "s" : ""}`;

/** Everything the comparison of one stack needs to know about the fleet. */
interface Context {
    readonly judge: Judge;
    readonly scopes: Scopes;
    /** The consumers of the hub a stack belongs to (a hub's own, or the hub that registers a spoke). */
    readonly consumersOf: (stack: string) => Consumers;
}

/** Why a consumer leaves, in words. */
function leavingReason(who: Consumers, name: string): string {
    return name === "on-prem" ? "its network leaves onPrem.cidrs" : `${name} leaves ${who.hub}'s registry`;
}

/**
 * Of `names`, those that lose traffic through this resource, each with the reason: a consumer
 * leaving the hub; else, with the plan after the change, one whose checks in `scope` break;
 * without it, everyone (the review cannot tell who keeps access).
 */
function losses(ctx: Context, who: Consumers, names: readonly string[], scope: Scope, cidr?: string): { name: string; reason?: string }[] {
    return names.flatMap(name => {
        if (who.leaves(name, cidr)) return [{ name, reason: leavingReason(who, name) }];
        if (!ctx.judge.known) return [{ name }];
        const reason = ctx.judge.loss(who.hub, name, scope);
        return reason ? [{ name, reason }] : [];
    });
}

/**
 * The interruption sentence: who loses it (`says` words it for the names), and the first reason
 * the plan after the change gives.
 */
function interruption(lost: readonly { name: string; reason?: string }[], says: (names: readonly string[]) => string): Pick<Change, "interrupts" | "interrupted"> {
    if (!lost.length) return {};
    const first = lost.find(l => l.reason);
    const names = lost.map(l => l.name);
    return { interrupts: `${says(names)}${first ? ` (${lost.length > 1 ? `${first.name}: ` : ""}${first.reason})` : ""}`, interrupted: names };
}
const losesThis = (thing: string) => (names: readonly string[]) => `${lose(names)} this ${thing}`;

/** The consumers one resource serves: by its CIDR, its VPC, or (zones, endpoints, records) everyone. */
function consumersOf(stack: SnapshotStack, r: Pick<PlannedResource, "type" | "inputs">, who: Consumers): string[] {
    if (stack.role === "spoke") return [stack.stack];
    switch (r.type) {
        case TYPES.route: return who.ofCidr(r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock);
        case TYPES.vpcAssociationAuthorization: return who.ofVpc(r.inputs.vpcId);
        case TYPES.vpcPeeringConnection: return who.ofVpc(r.inputs.peerVpcId);
        case TYPES.zone: case TYPES.vpcEndpoint: case TYPES.record: return [...who.all].sort();
        case TYPES.resolverEndpoint: return who.all.has("on-prem") ? ["on-prem"] : [];
        default: return [];
    }
}

function subjectOf(r: Pick<PlannedResource, "type" | "name" | "inputs">): string {
    switch (r.type) {
        case TYPES.route: return `${r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock ?? r.inputs.destinationPrefixListId} in ${r.inputs.routeTableId} via ${
            r.inputs.vpcPeeringConnectionId ?? r.inputs.transitGatewayId ?? r.inputs.gatewayId ?? "?"}`;
        case TYPES.zone: return String(r.inputs.name ?? r.name);
        case TYPES.record: return `${r.inputs.name} ${r.inputs.type}`;
        default: return r.name;
    }
}

/**
 * Who a removed rule touches, network by network: one a kept rule still admits is untouched; one
 * leaving the hub, or (with the plan after the change) whose checks break, loses access; one
 * an added rule admits again only waits for it (the window).
 */
function judgeRule(ctx: Context, who: Consumers, scope: Scope, x: Rule, kept: readonly Rule[], added: readonly Rule[]) {
    const lost: { name: string; reason?: string }[] = [];
    const window: string[] = [];
    for (const b of who.blocksOf(x.cidr)) {
        // The part of the rule that admitted this network: the network, or the rule when it is the smaller.
        const part = { ...x, cidr: inside(b.cidr, x.cidr) ? b.cidr : x.cidr };
        if (covers(kept, part)) continue;
        const loss = losses(ctx, who, [b.name], scope, b.cidr)[0];
        const again = covers(added, part);
        if (loss && !(again && !ctx.judge.known && !who.leaves(b.name, b.cidr))) lost.push(loss);
        else if (again) window.push(b.name);
    }
    const first = <T extends string | { name: string }>(v: T, i: number, a: readonly T[]) =>
        a.findIndex(y => (typeof y === "string" ? y : y.name) === (typeof v === "string" ? v : v.name)) === i;
    const lostNames = new Set(lost.map(l => l.name));
    return { lost: lost.filter(first).sort((a, b) => a.name.localeCompare(b.name)), window: window.filter(first).filter(n => !lostNames.has(n)).sort() };
}

/**
 * A security group present in both plans: its inline rules added and removed. The AWS provider
 * revokes the removed rules, then authorizes the added ones (terraform-provider-aws
 * `updateSecurityGroupRules`), so a consumer admitted again only by an added rule is refused
 * for that moment. When every consumer that stays is admitted again, the change is a
 * re-aggregation, reported as one change of the group; else each rule on its own.
 */
function ruleChanges(stack: string, r: SnapshotStack["resources"][number], old: SnapshotStack["resources"][number], ctx: Context, lists: ReadonlyMap<string, readonly string[]>): Change[] {
    const who = ctx.consumersOf(stack);
    const scope = ctx.scopes.ofGroup(r.id);
    const was = rules(old, lists);
    const now = rules(r, lists);
    const nowKeys = new Set(now.map(ruleKey));
    const wasKeys = new Set(was.map(ruleKey));
    const kept = was.filter(x => nowKeys.has(ruleKey(x)));
    const removed = was.filter(x => !nowKeys.has(ruleKey(x)));
    const added = now.filter(x => !wasKeys.has(ruleKey(x)));
    const judged = removed.map(x => ({ x, ...judgeRule(ctx, who, scope, x, kept, added) }));
    const staysLost = judged.some(j => j.lost.some(l => !who.leaves(l.name, j.x.cidr)));
    const windowed = [...new Set(judged.flatMap(j => j.window))].sort();
    const window = (names: readonly string[], group: string) => names.length
        ? `${shortList(names)}: new connections to ${group} are refused between the revoke and the authorize of one pulumi up; established ones continue` : undefined;
    if (windowed.length && !staysLost && added.length) {
        const lost = judged.flatMap(j => j.lost).filter((l, i, a) => a.findIndex(y => y.name === l.name) === i);
        const consumers = [...new Set([...windowed, ...lost.map(l => l.name), ...added.flatMap(x => who.ofCidr(x.cidr))])].sort();
        const byPorts = new Map<string, { was: string[]; now: string[] }>();
        for (const [list, side] of [[removed, "was"], [added, "now"]] as const) {
            for (const x of list) {
                const k = `${x.protocol} ${ports(x)}`;
                const e = byPorts.get(k) ?? { was: [], now: [] };
                // A referenced prefix list reads as itself, not as its entries.
                const source = x.description.startsWith("prefix list ") ? x.description : x.cidr;
                if (!e[side].includes(source)) e[side].push(source);
                byPorts.set(k, e);
            }
        }
        const subject = `${r.name}: ${[...byPorts].map(([k, e]) => `${k} ${e.was.join(", ") || "(none)"} -> ${e.now.join(", ") || "(none)"}`).join("; ")}`;
        return [{
            stack, kind: "update", what: "security group rules", reaggregated: true, subject, consumers, urn: r.urn,
            ...interruption(lost, names => `${shortList(names)} can no longer reach the group's endpoints`),
            window: window(windowed, "the group's endpoints"),
        }];
    }
    const out: Change[] = added.map(x => ({ stack, kind: "add" as const, what: "security group rule", subject: `${r.name}: ${ruleText(x)}`, consumers: who.ofCidr(x.cidr), urn: r.urn }));
    for (const j of judged) {
        out.push({
            stack, kind: "remove", what: "security group rule", subject: `${r.name}: ${ruleText(j.x)}`, consumers: who.ofCidr(j.x.cidr), urn: r.urn,
            ...interruption(j.lost, names => `${shortList(names)} can no longer reach ${r.name} on ${j.x.protocol} ${j.x.from}`),
            ...(j.window.length ? { window: window(j.window, r.name) } : {}),
        });
    }
    return out;
}

/**
 * A prefix list whose entries change: one ModifyManagedPrefixList (a new version of the list), so
 * no rule that references it is revoked and nobody waits; whoever an entry alone admitted and the
 * plan after the change no longer admits is interrupted. An entry whose description alone changes
 * is removed by the AWS provider in a request of its own before it is added again
 * (terraform-provider-aws, managed prefix list update): a window for its networks. A change of
 * max entries cannot go in the same request as the entries (EC2 API, ModifyManagedPrefixList).
 */
function listChange(stack: string, r: SnapshotStack["resources"][number], old: SnapshotStack["resources"][number], ctx: Context, keys: readonly string[]): Change {
    const who = ctx.consumersOf(stack);
    const entries = (x: typeof r) => ((x.inputs.entries ?? []) as { cidr: string; description?: string }[]);
    const was = new Map(entries(old).map(e => [e.cidr, e.description ?? ""]));
    const now = new Map(entries(r).map(e => [e.cidr, e.description ?? ""]));
    const removed = [...was.keys()].filter(c => !now.has(c));
    const added = [...now.keys()].filter(c => !was.has(c));
    const redescribed = [...was.keys()].filter(c => now.has(c) && now.get(c) !== was.get(c));
    const consumers = [...new Set([...removed, ...added, ...redescribed].flatMap(c => who.ofCidr(c)))].sort();
    const lost = removed.flatMap(c => losses(ctx, who, who.ofCidr(c), EVERY_CHECK, c)).filter((l, i, a) => a.findIndex(y => y.name === l.name) === i);
    const windowed = redescribed.flatMap(c => who.ofCidr(c)).filter(n => !lost.some(l => l.name === n));
    const size = keys.includes("maxEntries") ? `; max entries ${old.inputs.maxEntries} -> ${r.inputs.maxEntries} (AWS changes the size and the entries in separate requests)` : "";
    const diff = removed.length || added.length ? `${removed.join(", ") || "(none)"} -> ${added.join(", ") || "(none)"}` : `${keys.join(", ")}`;
    return {
        stack, kind: "update", what: "prefix list", subject: `${r.name}: ${diff}${redescribed.length ? ` (description of ${redescribed.join(", ")})` : ""}${size}`,
        consumers, urn: r.urn,
        ...interruption(lost, names => `${shortList(names)} can no longer reach the endpoints`),
        ...(windowed.length ? { window: `${shortList([...new Set(windowed)])}: the entry is removed, then added again (its description changes): refused in between` } : {}),
    };
}

/** A Resolver endpoint whose addresses the configuration pins (onPrem.resolverAddresses): a new one gets the same. */
const pinned = (r: Pick<PlannedResource, "inputs">) => ((r.inputs.ipAddresses ?? []) as { ip?: string }[]).some(a => a.ip);

/** Resource-level differences of one stack present in both plans or only in one. */
function resourceChanges(stack: string, before: SnapshotStack | undefined, after: SnapshotStack | undefined, ctx: Context, protect: boolean): Change[] {
    const out: Change[] = [];
    // Components and Pulumi's own resources (StackReference) are no cloud object.
    const cloud = (r: SnapshotStack["resources"][number]) => !r.component && !r.type.startsWith("pulumi:");
    const prev = new Map((before?.resources ?? []).filter(cloud).map(r => [r.urn, r]));
    const next = new Map((after?.resources ?? []).filter(cloud).map(r => [r.urn, r]));
    const holder = (after ?? before)!;
    const who = ctx.consumersOf(stack);
    const lists = listEntries(after, before);
    // A stack gone from the plan: its resources go with its own pulumi destroy.
    const by = !after ? { by: "destroy" as const } : {};
    const what = (type: string) => WHAT[type] ?? type.split(":").pop()!;
    const scopeOf = (r: SnapshotStack["resources"][number]): Scope => ctx.scopes.of(r);
    // A route that only changes its logical name (same table and destination): Pulumi creates
    // the new one before it deletes the old (deletes come last), and AWS refuses a second route
    // to one destination in a table (RouteAlreadyExists). One change, refused, with the way out;
    // the destination has no route from that targeted destroy until the pulumi up.
    const routeKey = (r: { type: string; inputs: Record<string, any> }) => r.type === TYPES.route ? `${r.inputs.routeTableId}|${r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock ?? r.inputs.destinationPrefixListId}` : undefined;
    const removedRoutes = new Map([...prev.values()].filter(r => !next.has(r.urn) && routeKey(r)).map(r => [routeKey(r)!, r]));
    const renamed = new Set<string>();
    for (const r of next.values()) {
        const old = prev.has(r.urn) ? undefined : removedRoutes.get(routeKey(r) ?? "");
        if (!old) continue;
        renamed.add(r.urn).add(old.urn);
        const consumers = consumersOf(holder, r, who);
        out.push({
            stack, kind: "replace", what: "route", subject: `${subjectOf(old)} -> ${subjectOf(r)} (new name ${r.name})`, consumers, urn: r.urn,
            refused: `AWS refuses a second route to ${routeKey(r)!.split("|")[1]} in ${r.inputs.routeTableId} (RouteAlreadyExists): pulumi up creates the renamed route ` +
                `before it deletes the old one; delete the old one first: pulumi destroy -s ${stack} --target '${old.urn}'`,
            ...(consumers.length ? { window: `${shortList(consumers)}: no route to ${routeKey(r)!.split("|")[1]} from that targeted destroy until the pulumi up` } : {}),
        });
    }
    for (const [urn, r] of next) {
        if (renamed.has(urn)) continue;
        const old = prev.get(urn);
        if (!old) {
            const consumers = r.type === TYPES.securityGroup ? [...new Set(rules(r, lists).flatMap(x => who.ofCidr(x.cidr)))].sort() : consumersOf(holder, r, who);
            out.push({ stack, kind: "add", what: what(r.type), subject: r.type === TYPES.securityGroup ? r.name : subjectOf(r), consumers, urn });
            continue;
        }
        const ignored = new Set(IGNORED[r.type] ?? []);
        const differs = (k: string) => stable(old.inputs[k]) !== stable(r.inputs[k]);
        const keys = [...new Set([...Object.keys(old.inputs ?? {}), ...Object.keys(r.inputs ?? {})])].filter(k => !ignored.has(k) && k !== "ingress" && differs(k));
        const replaceKeys = keys.filter(k => (REPLACE_ON[r.type] ?? []).includes(k));
        if (r.type === TYPES.securityGroup && !replaceKeys.length) out.push(...ruleChanges(stack, r, old, ctx, lists));
        if (r.type === TYPES.managedPrefixList && keys.length) {
            out.push(listChange(stack, r, old, ctx, keys));
            continue;
        }
        if (!keys.length) continue;
        const kind: ChangeKind = replaceKeys.length ? "replace" : "update";
        const consumers = consumersOf(holder, r, who);
        // Without the plan after the change, a replaced zone or endpoint is lost in between;
        // with it, whoever's answers or paths change.
        // A replaced endpoint is a new endpoint: new network interfaces, new addresses, so every
        // consumer's answer changes (the simulation keeps addresses by name, so its checks cannot
        // show it); a replaced Resolver endpoint too, unless its addresses are pinned.
        const renumbered = kind === "replace" && (r.type === TYPES.vpcEndpoint || (r.type === TYPES.resolverEndpoint && !pinned(r)));
        const stops = ctx.judge.known && renumbered && consumers.length
            ? interruption(consumers.map(name => ({ name, reason: `a new ${what(r.type)} answers with new addresses` })), losesThis(what(r.type)))
            : ctx.judge.known
            // What it served before and what it serves after: a record or association that moves leaves names behind.
            ? interruption(losses(ctx, who, consumers, c => scopeOf(old)(c) || scopeOf(r)(c)), losesThis(what(r.type)))
            : kind === "replace" && (r.type === TYPES.zone || r.type === TYPES.vpcEndpoint) && consumers.length
                ? { interrupts: `deleted and created again: ${shortList(consumers)} lose it in between`, interrupted: consumers } : {};
        out.push({
            stack, kind, what: what(r.type), subject: `${subjectOf(r)} (${(replaceKeys.length ? replaceKeys : keys).join(", ")})`, consumers, urn,
            ...(kind === "replace" && protect && PROTECTED.has(r.type) ? { protected: true } : {}),
            ...stops,
        });
    }
    for (const [urn, r] of prev) {
        if (next.has(urn) || renamed.has(urn)) continue;
        const consumers = r.type === TYPES.securityGroup ? [...new Set(rules(r, lists).flatMap(x => who.ofCidr(x.cidr)))].sort() : consumersOf(holder, r, who);
        const cidr = r.type === TYPES.route ? r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock : undefined;
        const stops = STOPS.has(r.type) ? interruption(losses(ctx, who, consumers, scopeOf(r), cidr), losesThis(what(r.type))) : {};
        out.push({
            stack, kind: "remove", what: r.type === TYPES.securityGroup ? "security group" : what(r.type), subject: subjectOf(r), consumers, urn, ...by,
            ...(protect && PROTECTED.has(r.type) ? { protected: true } : {}),
            ...stops,
        });
    }
    return out;
}

/** Configuration-level changes the resources alone do not say: connectivity, on-prem networks, Resolver addresses. */
function hubChanges(before: SnapshotStack | undefined, after: SnapshotStack | undefined): { changes: Change[]; switches: string[] } {
    const changes: Change[] = [];
    const switches: string[] = [];
    if (!before || !after) return { changes, switches };
    const b = before.outputs as HubOutputs;
    const a = after.outputs as HubOutputs;
    for (const [name, s] of Object.entries(a.spokes ?? {})) {
        const old = b.spokes?.[name];
        if (!old || old.connectivity === s.connectivity) continue;
        changes.push({
            stack: after.stack, kind: "replace", what: "connectivity", subject: `${name}: ${old.connectivity} -> ${s.connectivity}`, consumers: [name], interrupted: [name],
            interrupts: `${name} cannot reach the hub from the hub's pulumi up (its ${old.connectivity === "peering" ? "peering is deleted" : "TGW routes are removed"}) ` +
                `until ${name}'s own pulumi up (${s.connectivity === "transitGateway" ? "it attaches to the TGW and routes through it" : "it accepts the new peering and routes through it"})`,
        });
        switches.push(name);
    }
    const cidrsOf = (s: SnapshotStack) => [...(((s.config as HubConfig | undefined)?.onPrem as OnPrem | undefined)?.cidrs ?? [])];
    const was = cidrsOf(before);
    const now = cidrsOf(after);
    if (stable([...was].sort()) !== stable([...now].sort())) {
        const gone = was.filter(c => !now.includes(c));
        const added = now.filter(c => !was.includes(c));
        changes.push({
            stack: after.stack, kind: !was.length ? "add" : !now.length ? "remove" : "update", what: "on-prem networks",
            subject: `${was.join(", ") || "(none)"} -> ${now.join(", ") || "(none)"}`, consumers: ["on-prem"],
            ...(gone.length ? { interrupted: ["on-prem"], interrupts: `on-prem ${gone.join(", ")} lose${gone.length === 1 ? "s" : ""} the endpoints and the Resolver` +
                (added.length ? `; ${added.join(", ")} gain${added.length === 1 ? "s" : ""} them` : "") } : {}),
        });
    }
    // On-prem forwarders name the Resolver's addresses; the plan cannot change them. An address
    // that goes stops answering the forwarders that still name it until they are re-rendered.
    const ipsBefore = b.resolverInboundIps ?? [];
    const ipsAfter = a.resolverInboundIps ?? [];
    const goneIps = ipsBefore.filter(ip => !ipsAfter.includes(ip));
    if (ipsBefore.length && ipsAfter.length && goneIps.length) {
        const all = goneIps.length === ipsBefore.length;
        changes.push({
            stack: after.stack, kind: "update", what: "Resolver addresses", subject: `${ipsBefore.join(", ")} -> ${ipsAfter.join(", ")}`, consumers: ["on-prem"],
            ...(all
                ? { interrupted: ["on-prem"], interrupts: `on-prem forwarders still send to ${goneIps.join(", ")}: no private answer from the hub's pulumi up until they are re-rendered (npm run forwarders)` }
                : { window: `on-prem: queries sent to ${goneIps.join(", ")} time out before the forwarders try ${ipsBefore.filter(ip => !goneIps.includes(ip)).join(", ")}, until they are re-rendered (npm run forwarders)` }),
        });
    }
    return { changes, switches };
}

const hubsOf = (p: Snapshot) => p.stacks.filter(s => s.role === "hub");

/** Everything that changes from `previous` to `current`. */
export function changeSet(previous: Snapshot, current: Snapshot): ChangeSet {
    const hubNames = [...new Set([...hubsOf(current), ...hubsOf(previous)].map(h => h.stack))];
    const pair = (name: string) => ({ before: previous.stacks.find(s => s.stack === name), after: current.stacks.find(s => s.stack === name) });
    const consumers = new Map(hubNames.map(h => [h, new Consumers(h, pair(h).before, pair(h).after)]));
    const none = new Consumers("the hub");
    const ownHub = (stack: string) => consumers.get(stack) ?? [...consumers.values()].find(c => c.all.has(stack)) ?? none;
    const ctx: Context = { judge: new Judge(previous.checks, current.checks), scopes: new Scopes([...previous.stacks, ...current.stacks]), consumersOf: ownHub };
    const names = [...new Set([...current.stacks.map(s => s.stack), ...previous.stacks.map(s => s.stack)])];
    const changes: Change[] = [];
    const switches = new Map<string, string[]>();
    for (const h of hubNames) {
        const c = hubChanges(pair(h).before, pair(h).after);
        changes.push(...c.changes);
        if (c.switches.length) switches.set(h, c.switches);
    }
    for (const name of names) {
        const { before, after } = pair(name);
        const protect = before?.role === "hub" && (before.config as HubConfig | undefined)?.protect !== false;
        changes.push(...resourceChanges(name, before, after, ctx, protect));
    }
    // Members' own endpoints from before the hub: a retirement is a removal in two pulumi ups (./retirement.ts).
    const retired = retirementChanges(previous, current);
    changes.push(...retired.changes);
    const followUps: string[] = [];
    const leaving: { member: string; hub: string; connectivity: string; planned: boolean }[] = [];
    for (const h of hubNames) {
        const { before: beforeHub, after: afterHub } = pair(h);
        if (!beforeHub || !afterHub) continue;
        const b = beforeHub.outputs as HubOutputs;
        const a = afterHub.outputs as HubOutputs;
        const newZones = Object.keys(a.zoneIds ?? {}).filter(z => !(z in (b.zoneIds ?? {})));
        const members = Object.keys(a.spokes ?? {}).filter(s => s in (b.spokes ?? {}));
        if (newZones.length) {
            const profiles = (afterHub.config as HubConfig | undefined)?.dns?.sharing === "profile";
            followUps.push(profiles
                ? `new zones (${shortList(newZones, 3)}) reach the members through the Route 53 Profile: no member pulumi up needed`
                : `new zones (${shortList(newZones, 3)}): pulumi up each member after the hub to associate them (${shortList(members)}); until then they resolve these names publicly`);
            if ((a.resolverInboundIps ?? []).length) {
                followUps.push(`on-prem forwarders: add ${newZones.length === 1 ? "the zone" : `the ${newZones.length} zones`} (${shortList(newZones, 3)}): ` +
                    "after the hub's pulumi up, `npm run forwarders -- --from <its stack output --json>`");
            }
        }
        for (const s of Object.keys(a.spokes ?? {}).filter(s => !(s in (b.spokes ?? {})))) {
            followUps.push(`new spoke ${s}: after the hub's pulumi up, create and pulumi up the stack ${s} (it reads the hub's outputs)`);
        }
        for (const s of Object.keys(b.spokes ?? {}).filter(s => !(s in (a.spokes ?? {})))) {
            const planned = previous.stacks.some(x => x.stack === s) || current.stacks.some(x => x.stack === s);
            leaving.push({ member: s, hub: h, connectivity: b.spokes[s].connectivity, planned });
        }
        const ips = (x: HubOutputs) => (x.resolverInboundIps ?? []).join(",");
        if (ips(b) && ips(a) && ips(b) !== ips(a)) followUps.push("the Resolver's addresses change: re-render the on-prem forwarders after the hub's pulumi up (npm run forwarders)");
    }
    const modeChange = recognizeModeChange(previous as never, current as never);
    const refusedRoutes = changes.filter(c => c.refused && c.what === "route");
    const count = (cs: readonly Change[]) => [...new Set(cs.map(c => c.stack))].map(stack => ({ stack, count: cs.filter(c => c.stack === stack).length }));
    const present = (stack: string) => current.stacks.some(s => s.stack === stack);
    const order = [...orderOf({
        hubs: hubNames.filter(h => present(h) && (changes.some(c => c.stack === h) || leaving.some(l => l.hub === h))),
        members: names.filter(n => pair(n).before?.role === "spoke" && present(n) && changes.some(c => c.stack === n)),
        protectedBy: count(changes.filter(c => c.protected)).map(p => ({ ...p, stack: present(p.stack) ? p.stack : "the hub" })),
        refusedRoutes: count(refusedRoutes),
        leaving,
        switches,
        modeChange: modeChange && !modeChange.blocking ? modeChange : undefined,
    }), ...retired.order];
    // A member leaving the hub loses its own access: that is the change asked for, not an outage
    // of anyone who stays. Everything else that interrupts, or that pulumi up will refuse, breaks.
    const gone = new Set([...consumers.values()].flatMap(c => [...c.leaving]));
    const breaks = (c: Change) => c.protected || c.refused || (c.interrupts && (!c.interrupted || c.interrupted.some(n => !gone.has(n))));
    const leavingOnly = [...new Set(changes.filter(c => c.interrupts && !breaks(c)).flatMap(c => c.interrupted ?? []))].sort();
    return {
        changes, order, followUps, ...(leavingOnly.length ? { leaving: leavingOnly } : {}),
        verdict: !changes.length ? "no changes" : changes.some(breaks) ? "breaking changes" : "no breaking changes",
    };
}

export { changeLines } from "./lines";

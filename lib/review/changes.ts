// The plan as a change review (`--against OLD.json`): per stack, what `pulumi up` adds,
// removes, updates in place and replaces, who each change affects, which ones interrupt
// traffic and the order of `pulumi up` that keeps the gap shortest, what still has to happen
// afterwards, and what `pulumi up` will refuse (deleting a protected resource).
// Pure: compares two plans (the previous one as its JSON), no Pulumi import.
import type { HubConfig, OnPrem } from "../config";
import { overlaps, within } from "../net/cidr";
import { overlaps6, within6 } from "../net/ipv6";
import { HubOutputs, PlannedResource, TYPES } from "../model";
import { shortList } from "../text";
import { retirementChanges } from "./retirement";

/** The parts of a plan (or its JSON) a comparison reads. */
export interface SnapshotStack {
    readonly stack: string;
    readonly role: "hub" | "spoke";
    readonly config?: unknown;
    readonly outputs: Record<string, any>;
    readonly resources: readonly (Pick<PlannedResource, "urn" | "type" | "name" | "id" | "inputs"> & { readonly component?: boolean })[];
}
export interface Snapshot {
    readonly stacks: readonly SnapshotStack[];
}

export type ChangeKind = "add" | "remove" | "update" | "replace";

export interface Change {
    readonly stack: string;
    readonly kind: ChangeKind;
    /** What changes: "security group rule", "route", "zone", "zone association", "connectivity", ... */
    readonly what: string;
    /** Which one, in words (a rule, a destination, a zone name). */
    readonly subject: string;
    /** Spokes (by stack name) and "on-prem" whose traffic the change touches. */
    readonly consumers: readonly string[];
    /** Set when traffic stops for the consumers: how, and until when. */
    readonly interrupts?: string;
    /** Deleting or replacing a protected resource: `pulumi up` refuses it. */
    readonly protected?: boolean;
    /** AWS will refuse this step of `pulumi up` (its error), and the way through. */
    readonly refused?: string;
    readonly urn?: string;
}

export interface ChangeSet {
    readonly changes: readonly Change[];
    /** With interrupting changes: the `pulumi up` order that keeps the gap shortest, one step a line. */
    readonly order: readonly string[];
    /** What must still happen after `pulumi up` for the change to take effect everywhere. */
    readonly followUps: readonly string[];
    readonly verdict: "no changes" | "no breaking changes" | "breaking changes";
}

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
};

/** Zones and endpoints are protected unless `vpce-hub:protect: false` (components/options.ts). */
const PROTECTED = new Set<string>([TYPES.zone, TYPES.vpcEndpoint]);

function stable(v: unknown): string {
    return JSON.stringify(v, (_k, x) => x && typeof x === "object" && !Array.isArray(x)
        ? Object.fromEntries(Object.keys(x).sort().map(k => [k, x[k]])) : x);
}

interface Rule { readonly protocol: string; readonly from: number; readonly to: number; readonly cidr: string }

function rules(r: Pick<PlannedResource, "inputs">): Rule[] {
    return ((r.inputs.ingress ?? []) as Record<string, any>[]).flatMap(x =>
        [...(x.cidrBlocks ?? []), ...(x.ipv6CidrBlocks ?? [])].map((cidr: string) => ({ protocol: String(x.protocol), from: x.fromPort, to: x.toPort, cidr })));
}
const ruleText = (r: Rule) => `${r.protocol} ${r.from === r.to ? r.from : `${r.from}-${r.to}`} from ${r.cidr}`;
const ruleKey = (r: Rule) => `${r.protocol}/${r.from}/${r.to}/${r.cidr}`;

/** Who a network belongs to, in both plans (a spoke moved or removed is still named). */
class Consumers {
    private readonly blocks: { name: string; cidr: string }[] = [];
    private readonly vpcs = new Map<string, string>();
    readonly all = new Set<string>();

    add(hub: SnapshotStack | undefined): void {
        if (!hub) return;
        const out = hub.outputs as HubOutputs;
        for (const [name, s] of Object.entries(out.spokes ?? {})) {
            for (const cidr of [s.cidr, ...(s.ipv6Cidrs ?? [])]) this.blocks.push({ name, cidr });
            this.vpcs.set(s.vpcId, name);
            this.all.add(name);
        }
        const onPrem = (hub.config as HubConfig | undefined)?.onPrem;
        for (const cidr of [...(onPrem?.cidrs ?? []), ...(onPrem?.ipv6Cidrs ?? [])]) {
            this.blocks.push({ name: "on-prem", cidr });
            this.all.add("on-prem");
        }
    }

    ofCidr(cidr: string | undefined): string[] {
        if (!cidr) return [];
        return [...new Set(this.blocks.filter(b => overlapping(b.cidr, cidr)).map(b => b.name))].sort();
    }

    ofVpc(vpcId: string | undefined): string[] {
        const n = vpcId ? this.vpcs.get(vpcId) : undefined;
        return n ? [n] : [];
    }
}

function safe(f: () => boolean): boolean {
    try { return f(); } catch { return false; }
}

/** IPv4 or IPv6 blocks: two of different families never overlap (each parser throws on the other). */
const overlapping = (a: string, b: string) => safe(() => overlaps(a, b)) || safe(() => overlaps6(a, b));
const inside = (inner: string, outer: string) => safe(() => within(inner, outer)) || safe(() => within6(inner, outer));

function hubOf(p: Snapshot): SnapshotStack | undefined {
    return p.stacks.find(s => s.role === "hub");
}

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

/** Resource-level differences of one stack present in both plans or only in one. */
function resourceChanges(stack: string, before: SnapshotStack | undefined, after: SnapshotStack | undefined, who: Consumers, protect: boolean): Change[] {
    const out: Change[] = [];
    const prev = new Map((before?.resources ?? []).filter(r => !r.component).map(r => [r.urn, r]));
    const next = new Map((after?.resources ?? []).filter(r => !r.component).map(r => [r.urn, r]));
    const holder = (after ?? before)!;
    const what = (type: string) => WHAT[type] ?? type.split(":").pop()!;
    // A route that only changes its logical name (same table and destination): Pulumi creates
    // the new one before it deletes the old (deletes come last), and AWS refuses a second route
    // to one destination in a table (RouteAlreadyExists). One change, refused, with the way out.
    const routeKey = (r: { type: string; inputs: Record<string, any> }) => r.type === TYPES.route ? `${r.inputs.routeTableId}|${r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock ?? r.inputs.destinationPrefixListId}` : undefined;
    const removedRoutes = new Map([...prev.values()].filter(r => !next.has(r.urn) && routeKey(r)).map(r => [routeKey(r)!, r]));
    const renamed = new Set<string>();
    for (const r of next.values()) {
        const old = prev.has(r.urn) ? undefined : removedRoutes.get(routeKey(r) ?? "");
        if (!old) continue;
        renamed.add(r.urn).add(old.urn);
        out.push({
            stack, kind: "replace", what: "route", subject: `${subjectOf(old)} -> ${subjectOf(r)} (new name ${r.name})`, consumers: consumersOf(holder, r, who), urn: r.urn,
            refused: `AWS refuses a second route to ${routeKey(r)!.split("|")[1]} in ${r.inputs.routeTableId} (RouteAlreadyExists): pulumi up creates the renamed route ` +
                `before it deletes the old one; delete the old one first: pulumi destroy -s ${stack} --target '${old.urn}'`,
        });
    }
    for (const [urn, r] of next) {
        if (renamed.has(urn)) continue;
        const old = prev.get(urn);
        if (!old) {
            if (r.type === TYPES.securityGroup) {
                out.push({ stack, kind: "add", what: "security group", subject: r.name, consumers: [...new Set(rules(r).flatMap(x => who.ofCidr(x.cidr)))].sort(), urn });
            } else {
                out.push({ stack, kind: "add", what: what(r.type), subject: subjectOf(r), consumers: consumersOf(holder, r, who), urn });
            }
            continue;
        }
        const ignored = new Set(IGNORED[r.type] ?? []);
        const differs = (k: string) => stable(old.inputs[k]) !== stable(r.inputs[k]);
        const keys = [...new Set([...Object.keys(old.inputs ?? {}), ...Object.keys(r.inputs ?? {})])].filter(k => !ignored.has(k) && k !== "ingress" && differs(k));
        const replaceKeys = keys.filter(k => (REPLACE_ON[r.type] ?? []).includes(k));
        if (r.type === TYPES.securityGroup) {
            const was = new Map(rules(old).map(x => [ruleKey(x), x]));
            const now = new Map(rules(r).map(x => [ruleKey(x), x]));
            for (const [k, x] of now) if (!was.has(k)) out.push({ stack, kind: "add", what: "security group rule", subject: `${r.name}: ${ruleText(x)}`, consumers: who.ofCidr(x.cidr), urn });
            for (const [k, x] of was) {
                if (now.has(k)) continue;
                // Still admitted by a remaining rule (an aggregated block): nothing stops.
                const covered = [...now.values()].some(y => y.protocol === x.protocol && y.from <= x.from && y.to >= x.to && inside(x.cidr, y.cidr));
                const consumers = who.ofCidr(x.cidr);
                out.push({
                    stack, kind: "remove", what: "security group rule", subject: `${r.name}: ${ruleText(x)}`, consumers, urn,
                    ...(covered || !consumers.length ? {} : { interrupts: `${shortList(consumers)} can no longer reach ${r.name} on ${x.protocol} ${x.from}` }),
                });
            }
        }
        if (!keys.length) continue;
        const kind: ChangeKind = replaceKeys.length ? "replace" : "update";
        out.push({
            stack, kind, what: what(r.type), subject: `${subjectOf(r)} (${(replaceKeys.length ? replaceKeys : keys).join(", ")})`,
            consumers: consumersOf(holder, r, who), urn,
            ...(kind === "replace" && protect && PROTECTED.has(r.type) ? { protected: true } : {}),
            ...(kind === "replace" && (r.type === TYPES.zone || r.type === TYPES.vpcEndpoint)
                ? { interrupts: `deleted and created again: ${shortList(consumersOf(holder, r, who))} lose it in between` } : {}),
        });
    }
    for (const [urn, r] of prev) {
        if (next.has(urn) || renamed.has(urn)) continue;
        const consumers = r.type === TYPES.securityGroup ? [...new Set(rules(r).flatMap(x => who.ofCidr(x.cidr)))].sort() : consumersOf(holder, r, who);
        const stops = consumers.length && [TYPES.route, TYPES.zone, TYPES.vpcEndpoint, TYPES.zoneAssociation, TYPES.vpcPeeringConnection,
            TYPES.vpcPeeringConnectionAccepter, TYPES.tgwAttachment, TYPES.resolverEndpoint, TYPES.record].includes(r.type as never);
        out.push({
            stack, kind: "remove", what: r.type === TYPES.securityGroup ? "security group" : what(r.type), subject: subjectOf(r), consumers, urn,
            ...(protect && PROTECTED.has(r.type) ? { protected: true } : {}),
            ...(stops ? { interrupts: `${shortList(consumers)} lose${consumers.length === 1 ? "s" : ""} this ${what(r.type)}` } : {}),
        });
    }
    return out;
}

/** Configuration-level changes the resources alone do not say: connectivity, on-prem networks. */
function hubChanges(before: SnapshotStack | undefined, after: SnapshotStack | undefined): { changes: Change[]; order: string[] } {
    const changes: Change[] = [];
    const order: string[] = [];
    if (!before || !after) return { changes, order };
    const b = before.outputs as HubOutputs;
    const a = after.outputs as HubOutputs;
    for (const [name, s] of Object.entries(a.spokes ?? {})) {
        const old = b.spokes?.[name];
        if (!old || old.connectivity === s.connectivity) continue;
        changes.push({
            stack: after.stack, kind: "replace", what: "connectivity", subject: `${name}: ${old.connectivity} -> ${s.connectivity}`, consumers: [name],
            interrupts: `${name} cannot reach the hub from the hub's pulumi up (its ${old.connectivity === "peering" ? "peering is deleted" : "TGW routes are removed"}) ` +
                `until ${name}'s own pulumi up (${s.connectivity === "transitGateway" ? "it attaches to the TGW and routes through it" : "it accepts the new peering and routes through it"})`,
        });
        order.push(`pulumi up ${after.stack}, then at once pulumi up ${name}: ${name} has no path to the hub between the two`);
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
            ...(gone.length ? { interrupts: `on-prem ${gone.join(", ")} lose${gone.length === 1 ? "s" : ""} the endpoints and the Resolver` +
                (added.length ? `; ${added.join(", ")} gain${added.length === 1 ? "s" : ""} them` : "") } : {}),
        });
    }
    return { changes, order };
}

/** Everything that changes from `previous` to `current`. */
export function changeSet(previous: Snapshot, current: Snapshot): ChangeSet {
    const who = new Consumers();
    const beforeHub = hubOf(previous);
    const afterHub = hubOf(current);
    who.add(beforeHub);
    who.add(afterHub);
    const protect = (beforeHub?.config as HubConfig | undefined)?.protect !== false;
    const names = [...new Set([...current.stacks.map(s => s.stack), ...previous.stacks.map(s => s.stack)])];
    const changes: Change[] = [];
    const config = hubChanges(beforeHub, afterHub);
    changes.push(...config.changes);
    for (const name of names) {
        const before = previous.stacks.find(s => s.stack === name);
        const after = current.stacks.find(s => s.stack === name);
        changes.push(...resourceChanges(name, before, after, who, protect && before?.role === "hub"));
    }
    // Members' own endpoints from before the hub: a retirement is a removal in two pulumi ups (./retirement.ts).
    const retired = retirementChanges(previous, current);
    changes.push(...retired.changes);
    const order = [...config.order, ...retired.order];
    const followUps: string[] = [];
    if (beforeHub && afterHub) {
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
            if (current.stacks.some(x => x.stack === s)) order.push(`pulumi destroy ${s} before pulumi up ${afterHub.stack}: the hub deletes what ${s}'s routes and associations use`);
        }
        const ips = (x: HubOutputs) => (x.resolverInboundIps ?? []).join(",");
        if (ips(b) && ips(a) && ips(b) !== ips(a)) followUps.push("the Resolver's addresses change: re-render the on-prem forwarders after the hub's pulumi up (npm run forwarders)");
    }
    for (const stack of [...new Set(changes.filter(c => c.refused && c.what === "route").map(c => c.stack))]) {
        const n = changes.filter(c => c.refused && c.what === "route" && c.stack === stack).length;
        order.unshift(`before pulumi up ${stack}: pulumi destroy -s ${stack} --target <each old route AWS refuses to duplicate, ${n} in all, listed above> ` +
            "(their destinations have no route until that pulumi up)");
    }
    const refused = changes.filter(c => c.protected);
    if (refused.length) {
        order.unshift(`pulumi up will refuse to delete ${refused.length === 1 ? "a protected resource" : `${refused.length} protected resources`}: ` +
            `set vpce-hub:protect: false and pulumi up ${afterHub?.stack ?? "the hub"} once first (or pulumi state unprotect <urn>)`);
    }
    const breaking = changes.some(c => c.interrupts || c.protected || c.refused);
    return { changes, order, followUps, verdict: !changes.length ? "no changes" : breaking ? "breaking changes" : "no breaking changes" };
}

const VERB: Record<ChangeKind, string> = { add: "add", remove: "remove", update: "update", replace: "replace" };

/** The Changes section's lines: per stack, grouped by kind and what, then order and follow-ups. */
export function changeLines(set: ChangeSet, verbose: boolean): string[] {
    if (!set.changes.length) return ["pulumi up would change nothing in any stack"];
    const lines: string[] = [];
    const stacks = [...new Set(set.changes.map(c => c.stack))];
    for (const stack of stacks) {
        const own = set.changes.filter(c => c.stack === stack);
        const count = (k: ChangeKind) => own.filter(c => c.kind === k).length;
        lines.push(`${stack}: ${(["add", "remove", "update", "replace"] as ChangeKind[]).filter(k => count(k)).map(k => `${count(k)} to ${VERB[k]}`).join(", ")}`);
        const groups = new Map<string, Change[]>();
        for (const c of own) groups.set(`${c.kind}\u0000${c.what}`, [...(groups.get(`${c.kind}\u0000${c.what}`) ?? []), c]);
        for (const [k, cs] of groups) {
            const [kind, what] = k.split("\u0000");
            const consumers = [...new Set(cs.flatMap(c => c.consumers))].sort();
            const subjects = verbose ? cs.map(c => c.subject).join("; ") : shortList(cs.map(c => c.subject), 3);
            lines.push(`  ${kind} ${cs.length} ${what}${cs.length === 1 ? "" : "s"}: ${subjects}${consumers.length ? ` [affects ${shortList(consumers)}]` : ""}`);
            const stops = [...new Set(cs.filter(x => x.interrupts).map(x => x.interrupts!))];
            for (const t of verbose || stops.length <= 2 ? stops : stops.slice(0, 1)) lines.push(`    interrupts: ${t}`);
            if (!verbose && stops.length > 2) lines.push(`    interrupts: and ${stops.length - 1} more like it (--verbose lists each)`);
            const refused = cs.filter(x => x.protected);
            if (refused.length) lines.push(`    protected: pulumi up will refuse to ${kind === "replace" ? "replace" : "delete"} ${shortList(refused.map(c => c.subject), 3)}`);
            const aws = cs.filter(x => x.refused);
            for (const c of verbose || aws.length <= 1 ? aws : aws.slice(0, 1)) lines.push(`    AWS refuses: ${c.refused}`);
            if (!verbose && aws.length > 1) lines.push(`    AWS refuses: and ${aws.length - 1} more like it (--verbose lists each)`);
        }
    }
    if (set.order.length) lines.push("order of pulumi up:", ...set.order.map((o, i) => `  ${i + 1}. ${o}`));
    if (set.followUps.length) lines.push("still needed:", ...set.followUps.map(f => `  - ${f}`));
    lines.push(set.verdict === "breaking changes" ? `${set.changes.filter(c => c.interrupts || c.protected || c.refused).length} breaking changes (marked above)` : set.verdict);
    return lines;
}

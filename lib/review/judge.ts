// Who a change touches, and whether it interrupts them, judged by the plan after the change: a
// removed rule, route, record, association or endpoint interrupts a consumer only when that
// consumer's path checks after the change fail, change their answer, or lose a name they had
// (the name then resolves publicly). A consumer that leaves the hub (a spoke taken out of the
// registry, an on-prem network taken out of onPrem.cidrs) loses everything it had: that is
// its interruption, and nobody else's. Pure: reads two plans (the previous one as its JSON).
import type { HubConfig } from "../config";
import { overlaps, within } from "../net/cidr";
import { overlaps6, within6 } from "../net/ipv6";
import { HubOutputs, PathCheck, PlannedResource, TYPES } from "../model";

/** The parts of a stack the review reads (a planned stack, or one from a plan's JSON). */
export interface ReviewStack {
    readonly stack: string;
    readonly role: "hub" | "spoke";
    readonly config?: unknown;
    readonly outputs: Record<string, any>;
    readonly resources: readonly (Pick<PlannedResource, "urn" | "type" | "name" | "id" | "inputs"> & { readonly component?: boolean })[];
}

function safe(f: () => boolean): boolean {
    try { return f(); } catch { return false; }
}

/** IPv4 or IPv6 blocks: two of different families never overlap (each parser throws on the other). */
export const overlapping = (a: string, b: string) => safe(() => overlaps(a, b)) || safe(() => overlaps6(a, b));
export const inside = (inner: string, outer: string) => safe(() => within(inner, outer)) || safe(() => within6(inner, outer));

/** A network one consumer sends from, and whether it leaves with this change. */
export interface Block {
    readonly name: string;
    readonly cidr: string;
    readonly leaving: boolean;
}

/**
 * The consumers of one hub, in both plans: its spokes (by stack name) and on-prem. A spoke in
 * the previous registry and not in the current one leaves; so does an on-prem network no
 * longer in onPrem.cidrs (on-prem itself stays while it keeps one).
 */
export class Consumers {
    private readonly blocks: Block[] = [];
    private readonly vpcs = new Map<string, string>();
    readonly all = new Set<string>();
    /** Spokes taken out of the hub's registry. */
    readonly leaving = new Set<string>();

    constructor(readonly hub: string, before?: ReviewStack, after?: ReviewStack) {
        const spokesOf = (s?: ReviewStack) => (s?.outputs as HubOutputs | undefined)?.spokes ?? {};
        const onPremOf = (s?: ReviewStack) => {
            const o = (s?.config as HubConfig | undefined)?.onPrem;
            return [...(o?.cidrs ?? []), ...(o?.ipv6Cidrs ?? [])];
        };
        const now = spokesOf(after);
        const nowOnPrem = new Set(onPremOf(after));
        for (const side of [before, after]) {
            for (const [name, s] of Object.entries(spokesOf(side))) {
                const leaving = Boolean(before && after) && !(name in now);
                if (leaving) this.leaving.add(name);
                for (const cidr of [s.cidr, ...(s.ipv6Cidrs ?? [])]) this.addBlock({ name, cidr, leaving });
                this.vpcs.set(s.vpcId, name);
                this.all.add(name);
            }
            for (const cidr of onPremOf(side)) {
                this.addBlock({ name: "on-prem", cidr, leaving: Boolean(before && after) && !nowOnPrem.has(cidr) });
                this.all.add("on-prem");
            }
        }
    }

    private addBlock(b: Block): void {
        if (!this.blocks.some(x => x.name === b.name && x.cidr === b.cidr)) this.blocks.push(b);
    }

    /** The consumers' networks that overlap `cidr`. */
    blocksOf(cidr: string | undefined): Block[] {
        return cidr ? this.blocks.filter(b => overlapping(b.cidr, cidr)) : [];
    }

    ofCidr(cidr: string | undefined): string[] {
        return [...new Set(this.blocksOf(cidr).map(b => b.name))].sort();
    }

    ofVpc(vpcId: string | undefined): string[] {
        const n = vpcId ? this.vpcs.get(vpcId) : undefined;
        return n ? [n] : [];
    }

    /** Whether `name` leaves with this change: a spoke out of the registry, or on-prem with every network (overlapping `cidr`) gone. */
    leaves(name: string, cidr?: string): boolean {
        if (this.leaving.has(name)) return true;
        if (name !== "on-prem") return false;
        const own = this.blocks.filter(b => b.name === "on-prem" && (!cidr || overlapping(b.cidr, cidr)));
        return own.length > 0 && own.every(b => b.leaving);
    }
}

/** Which of a consumer's checks a resource is about: a service's names, a zone's, or all of them. */
export type Scope = (c: PathCheck) => boolean;
export const EVERY_CHECK: Scope = () => true;

const underZone = (zone: string) => (c: PathCheck) => c.host === zone || c.host.endsWith(`.${zone}`);

/** The scope of each resource, from what both plans say about the hub (services, zones, groups). */
export class Scopes {
    private readonly serviceOfEndpointService = new Map<string, string>();
    private readonly zoneNames = new Map<string, string>();
    private readonly servicesOfGroup = new Map<string, Set<string>>();
    private readonly resolverGroups = new Set<string>();

    constructor(stacks: readonly ReviewStack[]) {
        for (const s of stacks.filter(x => x.role === "hub")) {
            for (const svc of (s.config as HubConfig | undefined)?.services ?? []) this.serviceOfEndpointService.set(svc.endpointService, svc.name);
            for (const [name, id] of Object.entries((s.outputs as HubOutputs).zoneIds ?? {})) this.zoneNames.set(id, name);
        }
        for (const s of stacks.filter(x => x.role === "hub")) {
            for (const r of s.resources) {
                if (r.type === TYPES.zone) this.zoneNames.set(r.id, String(r.inputs.name));
                const groups = (r.inputs.securityGroupIds ?? []) as string[];
                if (r.type === TYPES.resolverEndpoint) groups.forEach(g => this.resolverGroups.add(g));
                const service = r.type === TYPES.vpcEndpoint ? this.serviceOf(r) : undefined;
                if (service) for (const g of groups) this.servicesOfGroup.set(g, (this.servicesOfGroup.get(g) ?? new Set()).add(service));
            }
        }
    }

    private serviceOf(r: Pick<PlannedResource, "inputs">): string | undefined {
        return r.inputs.tags?.["vpce-hub:service"] ?? this.serviceOfEndpointService.get(r.inputs.serviceName);
    }

    /** The checks a resource's change can touch; a resource the review cannot place touches every check of its consumers. */
    of(r: Pick<PlannedResource, "type" | "id" | "inputs">): Scope {
        switch (r.type) {
            case TYPES.vpcEndpoint: {
                const service = this.serviceOf(r);
                return service ? c => c.service === service : EVERY_CHECK;
            }
            case TYPES.zone: return r.inputs.name ? underZone(String(r.inputs.name)) : EVERY_CHECK;
            case TYPES.record: {
                const name = String(r.inputs.name ?? "");
                return name.startsWith("*.") ? c => c.host.endsWith(name.slice(1)) : c => c.host === name;
            }
            case TYPES.zoneAssociation: case TYPES.vpcAssociationAuthorization: {
                const zone = this.zoneNames.get(r.inputs.zoneId);
                return zone ? underZone(zone) : EVERY_CHECK;
            }
            case TYPES.resolverEndpoint: return c => c.source === "on-prem";
            case TYPES.securityGroup: return this.ofGroup(r.id);
            default: return EVERY_CHECK;
        }
    }

    /** An endpoint group's checks are its services'; the Resolver's are on-prem's. */
    ofGroup(id: string): Scope {
        if (this.resolverGroups.has(id)) return c => c.source === "on-prem";
        const services = this.servicesOfGroup.get(id);
        return services ? c => services.has(c.service) : EVERY_CHECK;
    }
}

const pass = (c: PathCheck) => c.verdict === "pass";
const keyOf = (c: PathCheck) => `${c.recordType ?? "A"} ${c.host} ${c.service}`;
const answers = (cs: readonly PathCheck[]) => [...new Set(cs.flatMap(c => c.answer))].sort().join(", ");

/**
 * A consumer's checks before and after the change. Without the plan after (hand-made inputs)
 * the judge knows nothing, and the review falls back on the resources alone.
 */
export class Judge {
    private readonly before?: Map<string, PathCheck[]>;
    private readonly after?: Map<string, PathCheck[]>;

    constructor(before?: readonly PathCheck[], after?: readonly PathCheck[]) {
        this.before = before ? index(before) : undefined;
        this.after = after ? index(after) : undefined;
    }

    /** Whether the checks after the change are known: only then can the review say who keeps access. */
    get known(): boolean {
        return this.after !== undefined;
    }

    /**
     * Why `source` (of hub `hub`) loses something within `scope`: its first lost name and the
     * reason, or undefined when every name it had still answers the same and every path holds.
     * A name that failed before and still fails is not this change's doing.
     */
    loss(hub: string, source: string, scope: Scope = EVERY_CHECK): string | undefined {
        if (!this.after) return undefined;
        const mine = (m: Map<string, PathCheck[]> | undefined) => group((m?.get(`${hub}\u0000${source}`) ?? m?.get(`\u0000${source}`) ?? []).filter(scope));
        const after = mine(this.after);
        const before = this.before ? mine(this.before) : undefined;
        for (const [key, was] of before ?? new Map<string, PathCheck[]>()) {
            if (!was.some(pass)) continue;
            const now = after.get(key);
            if (!now) return `${was[0].host} no longer has a private answer (it resolves publicly)`;
            const failing = now.find(c => !pass(c));
            if (failing) return `${failing.host}: ${failing.reason}`;
            if (answers(now) !== answers(was)) return `${now[0].host} answers ${answers(now)} instead of ${answers(was)}`;
        }
        // No previous checks (an older plan JSON): any failure after the change counts.
        if (!before) {
            for (const now of after.values()) {
                const failing = now.find(c => !pass(c));
                if (failing) return `${failing.host}: ${failing.reason}`;
            }
        }
        return undefined;
    }
}

/** Service checks by hub and source ("" for a single hub's plan, whose checks name no hub). */
function index(checks: readonly PathCheck[]): Map<string, PathCheck[]> {
    const out = new Map<string, PathCheck[]>();
    for (const c of checks) {
        if (c.kind !== "service") continue;
        const k = `${c.hub ?? ""}\u0000${c.source}`;
        const list = out.get(k);
        if (list) list.push(c); else out.set(k, [c]);
    }
    return out;
}

function group(checks: readonly PathCheck[]): Map<string, PathCheck[]> {
    const out = new Map<string, PathCheck[]>();
    for (const c of checks) out.set(keyOf(c), [...(out.get(keyOf(c)) ?? []), c]);
    return out;
}

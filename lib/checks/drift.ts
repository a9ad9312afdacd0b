// Drift: what the live state holds against what the plan proved, in the same terms on both
// sides. Both are PlannedStacks (the plan's with its ids translated to live ones, and the live
// state converted by lib/checks/live.ts), reduced to facts: one per thing AWS keeps (an
// endpoint, a zone association, a route, a peering...), keyed by what identifies it, with the
// attributes that matter. A fact only the plan has is missing, one only AWS has is extra, one
// both have with another attribute is different. Facts of an account the doctor could not
// read are neither: they are listed as not read.
import { within } from "../net/cidr";
import { HubConfig, SpokeConfig, hubStackName } from "../config";
import { PlannedResource, PlannedStack, TYPES as T } from "../model";
import { tgwEffective } from "./live";

export interface Fact {
    readonly key: string;
    /** For people: `zone s3.ap-northeast-1.amazonaws.com (Z123)`. */
    readonly what: string;
    /** The stack it belongs to (for a member's association: the member). */
    readonly stack: string;
    /** The account whose credentials read it. */
    readonly account: string;
    readonly attrs: Readonly<Record<string, string>>;
    /** Kind of thing, for the hints and the severity of an extra one. */
    readonly kind: Kind;
    /** Names it answers (zones, endpoints with private DNS), to tell a shadow. */
    readonly names?: readonly string[];
}

type Kind = "endpoint" | "securityGroup" | "zone" | "association" | "authorization" | "record" | "route" | "vgwPropagation" | "peering" | "attachment"
    | "resolver" | "profile" | "profileResource" | "profileAssociation" | "share" | "invitation" | "prefixList" | "vpnRoute";

export interface Drift {
    readonly kind: "missing" | "extra" | "different";
    /** fail: the plan's proof no longer holds; note: drift that changes no answer or path the plan proved. */
    readonly severity: "fail" | "note";
    readonly stack: string;
    readonly what: string;
    readonly detail: string;
}

interface Index {
    readonly stacks: readonly PlannedStack[];
    readonly zoneName: Map<string, string>;
    readonly zoneStack: Map<string, PlannedStack>;
    readonly endpoints: { id: string; names: string[]; service: string }[];
    readonly accepted: Set<string>;
    readonly tgw: ReturnType<typeof tgwEffective>;
    readonly vpcLabel: (vpcId: string) => string;
    readonly hubOf: (s: PlannedStack) => PlannedStack;
}

function indexOf(stacks: readonly PlannedStack[]): Index {
    const all = stacks.flatMap(s => s.resources.map(r => ({ r, s })));
    const zoneName = new Map<string, string>(), zoneStack = new Map<string, PlannedStack>();
    for (const { r, s } of all.filter(x => x.r.type === T.zone)) { zoneName.set(r.outputs.zoneId ?? r.id, r.inputs.name); zoneStack.set(r.outputs.zoneId ?? r.id, s); }
    const hubs = stacks.filter(s => s.role === "hub");
    const vpcOwner = new Map<string, string>();
    for (const s of stacks) vpcOwner.set(s.role === "hub" ? s.outputs.vpcId : (s.config as SpokeConfig).vpc.id, s.role === "hub" ? `hub ${s.stack}'s VPC` : `${s.stack}'s VPC`);
    return {
        stacks, zoneName, zoneStack,
        endpoints: all.filter(x => x.r.type === T.vpcEndpoint).map(({ r }) => ({ id: r.id, names: (r.outputs.dnsEntries ?? []).map((d: any) => String(d.dnsName)), service: serviceOf(r.inputs.serviceName) })),
        accepted: new Set(all.filter(x => x.r.type === T.vpcPeeringConnectionAccepter || (x.r.type === T.vpcPeeringConnection && x.r.outputs.status === "active"))
            .map(x => x.r.type === T.vpcPeeringConnection ? x.r.id : String(x.r.inputs.vpcPeeringConnectionId))),
        tgw: tgwEffective(all.map(x => x.r)),
        vpcLabel: id => `${vpcOwner.get(id) ?? "VPC"} ${id}`,
        hubOf: s => s.role === "hub" ? s : hubs.find(h => h.stack === hubStackName((s.config as SpokeConfig).hubStack)) ?? hubs[0],
    };
}

/** `com.amazonaws.<region>.sqs` -> sqs. */
const serviceOf = (name: string) => String(name ?? "").split(".").slice(3).join(".") || String(name);
const sorted = (xs: readonly string[] | undefined) => [...(xs ?? [])].sort().join(", ") || "(none)";

/** A security group rule per source, in words: `tcp 443 from 10.1.0.0/16`. */
function rules(ingress: readonly any[]): string[] {
    return ingress.flatMap(r => {
        const ports = r.protocol === "-1" ? "all traffic" : `${r.protocol} ${r.fromPort === r.toPort ? r.fromPort : `${r.fromPort}-${r.toPort}`}`;
        return [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? []), ...(r.prefixListIds ?? [])].map((src: string) => `${ports} from ${src}`);
    }).sort();
}

/** A policy document in one canonical form; AWS's default (full access) counts as none. */
function policyOf(text: unknown): string {
    if (typeof text !== "string" || !text) return "(none)";
    let doc: any;
    try { doc = JSON.parse(text); } catch { return text; }
    const canon = (v: any): any => Array.isArray(v) ? v.map(canon) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map(k => [k, canon(v[k])])) : v;
    const { Version: _v, ...rest } = doc;
    const s = JSON.stringify(canon(rest));
    return s === JSON.stringify(canon({ Statement: [{ Action: "*", Effect: "Allow", Principal: "*", Resource: "*" }] })) ? "(none)" : s;
}

/** The endpoint an alias target is one of the names of (S3's `*.vpce-...` covers the name under it). */
function aliasEndpoint(ix: Index, target: string): string {
    const e = ix.endpoints.find(x => x.names.some(n => { const base = n.replace(/^\*\./, ""); return target === n || target === base || target.endsWith(`.${base}`); }));
    return e ? `endpoint ${e.id} (${e.service})` : target;
}

type FactOf = (r: PlannedResource, s: PlannedStack, ix: Index) => Omit<Fact, "stack" | "account" | "kind">[];
const fact = (key: string, what: string, attrs: Record<string, string>, names?: string[]) => ({ key, what, attrs, ...(names ? { names } : {}) });

/** Per resource type: its facts, and whose account reads them ("own": the stack's; "hub": its hub's). */
const FACTS: Readonly<Record<string, { kind: Kind; reader: "own" | "hub" | "zone"; facts: FactOf }>> = {
    [T.vpcEndpoint]: {
        kind: "endpoint", reader: "own", facts: (r, _s, ix) => [fact(`endpoint ${r.id}`, `endpoint ${r.id} (${serviceOf(r.inputs.serviceName)}) in ${ix.vpcLabel(r.inputs.vpcId)}`, {
            state: r.outputs.state ?? "available", "private DNS": r.inputs.privateDnsEnabled ? "on" : "off",
            subnets: sorted(r.inputs.subnetIds), "security groups": sorted(r.inputs.securityGroupIds), policy: policyOf(r.inputs.policy),
        }, (r.outputs.privateDnsNames ?? []).map((n: any) => String(n.name ?? n)))],
    },
    [T.securityGroup]: { kind: "securityGroup", reader: "own", facts: r => [fact(`security group ${r.id}`, `security group ${r.id}`, { ingress: rules(r.inputs.ingress ?? []).join("; ") || "(none)" })] },
    [T.zone]: {
        kind: "zone", reader: "own", facts: (r, s) => {
            const id = r.outputs.zoneId ?? r.id;
            const own = s.role !== "hub";
            return [
                fact(`zone ${id}`, `zone ${r.inputs.name} (${id})${own ? `, ${s.stack}'s own` : ""}`, { name: r.inputs.name, ...(own ? { vpcs: sorted((r.inputs.vpcs ?? []).map((v: any) => v.vpcId)) } : {}) }, [r.inputs.name]),
                // A member's own zone is one fact with its VPCs; the hub's zones have one per association.
                ...(own ? [] : (r.inputs.vpcs ?? []).map((v: any) => ({ ...assoc(id, v.vpcId), reader: "zone" }))),
            ];
        },
    },
    [T.zoneAssociation]: { kind: "association", reader: "zone", facts: r => [assoc(r.inputs.zoneId, r.inputs.vpcId)] },
    [T.vpcAssociationAuthorization]: { kind: "authorization", reader: "zone", facts: r => [fact(`authorization ${r.inputs.zoneId} ${r.inputs.vpcId}`, `authorization of zone {zone ${r.inputs.zoneId}} for {vpc ${r.inputs.vpcId}}`, { exists: "yes" })] },
    [T.record]: {
        kind: "record", reader: "zone", facts: (r, _s, ix) => [fact(`record ${r.inputs.zoneId} ${r.inputs.name} ${r.inputs.type}`, `record ${r.inputs.name} ${r.inputs.type} in {zone ${r.inputs.zoneId}}`, {
            target: r.inputs.aliases?.length ? aliasEndpoint(ix, String(r.inputs.aliases[0].name)) : sorted(r.inputs.records),
        })],
    },
    [T.route]: {
        kind: "route", reader: "own", facts: r => {
            const dest = r.inputs.destinationCidrBlock ?? r.inputs.destinationIpv6CidrBlock ?? r.inputs.destinationPrefixListId;
            const target = r.inputs.vpcPeeringConnectionId ?? r.inputs.transitGatewayId ?? r.inputs.gatewayId ?? "(none)";
            return [fact(`route ${r.inputs.routeTableId} ${dest}`, `route ${dest} in ${r.inputs.routeTableId}`, { target, state: r.outputs.state ?? "active" })];
        },
    },
    [T.vpnGatewayRoutePropagation]: { kind: "vgwPropagation", reader: "own", facts: r => [fact(`propagation ${r.inputs.routeTableId} ${r.inputs.vpnGatewayId}`, `route propagation from ${r.inputs.vpnGatewayId} into ${r.inputs.routeTableId}`, { exists: "yes" })] },
    [T.vpcPeeringConnection]: {
        kind: "peering", reader: "hub", facts: (r, _s, ix) => [fact(`peering ${r.id}`, `peering ${r.id} between ${ix.vpcLabel(r.inputs.vpcId)} and ${ix.vpcLabel(r.inputs.peerVpcId)}`, {
            status: r.outputs.status ?? (ix.accepted.has(r.id) || r.inputs.autoAccept === true ? "active" : "pending-acceptance"),
        })],
    },
    [T.tgwAttachment]: {
        kind: "attachment", reader: "hub", facts: (r, _s, ix) => [fact(`attachment ${r.id}`, `Transit Gateway attachment ${r.id} of ${ix.vpcLabel(r.inputs.vpcId)}`, {
            state: r.outputs.state ?? "available", "associated with": ix.tgw.association.get(r.id) ?? "(no route table)", "propagates into": sorted([...(ix.tgw.propagation.get(r.id) ?? [])]),
            IPv6: r.inputs.ipv6Support === "enable" ? "on" : "off",
        })],
    },
    [T.resolverEndpoint]: {
        kind: "resolver", reader: "own", facts: (r, s) => {
            const pinned = (s.config as HubConfig).onPrem?.resolverAddresses;
            const ips: string[] = (r.outputs.ipAddresses ?? []).map((a: any) => String(a.ip));
            return [fact(`resolver ${r.id}`, `Resolver ${String(r.inputs.direction).toLowerCase()} endpoint ${r.id}`, {
                status: r.outputs.status ?? "OPERATIONAL", addresses: pinned ? sorted(ips) : `${ips.length}`, "security groups": sorted(r.inputs.securityGroupIds),
            })];
        },
    },
    [T.profile]: { kind: "profile", reader: "own", facts: r => [fact(`profile ${r.id}`, `Route 53 Profile ${r.inputs.name} (${r.id})`, { name: r.inputs.name })] },
    [T.profileResourceAssociation]: {
        kind: "profileResource", reader: "hub", facts: r => [fact(`profile resource ${r.inputs.profileId} ${r.inputs.resourceArn}`, `${r.inputs.resourceArn} in Route 53 Profile ${r.inputs.profileId}`, { status: r.outputs.status ?? "COMPLETE" })],
    },
    [T.profileAssociation]: {
        kind: "profileAssociation", reader: "hub", facts: (r, _s, ix) => [fact(`profile association ${r.inputs.profileId} ${r.inputs.resourceId}`, `association of Route 53 Profile ${r.inputs.profileId} with ${ix.vpcLabel(r.inputs.resourceId)}`, { status: r.outputs.status ?? "COMPLETE" })],
    },
    [T.ramResourceShare]: { kind: "share", reader: "own", facts: r => [fact(`share ${r.id}`, `RAM share ${r.inputs.name} (${r.id})`, { status: r.outputs.status ?? "ACTIVE" })] },
    [T.ramResourceShareAccepter]: {
        kind: "invitation", reader: "own", facts: (r, s) => [fact(`invitation ${r.inputs.shareArn} ${r.outputs.receiverAccountId ?? s.accountId}`, `invitation to RAM share ${r.inputs.shareArn} for account ${r.outputs.receiverAccountId ?? s.accountId}`, { status: r.outputs.status ?? "ACCEPTED" })],
    },
    [T.managedPrefixList]: { kind: "prefixList", reader: "own", facts: r => [fact(`prefix list ${r.id}`, `prefix list ${r.id}`, { entries: sorted((r.inputs.entries ?? []).map((e: any) => String(e.cidr))) })] },
    [T.vpnConnectionRoute]: { kind: "vpnRoute", reader: "own", facts: r => [fact(`vpn route ${r.inputs.destinationCidrBlock}`, `VPN static route to ${r.inputs.destinationCidrBlock}`, { exists: "yes" })] },
};

function assoc(zoneId: string, vpcId: string) {
    return fact(`association ${zoneId} ${vpcId}`, `association of {zone ${zoneId}} with {vpc ${vpcId}}`, { exists: "yes" });
}

/** Every fact of a set of stacks (the plan's, translated, or the live state's). */
export function factsOf(stacks: readonly PlannedStack[]): Fact[] {
    const ix = indexOf(stacks);
    const out = new Map<string, Fact>();
    for (const s of stacks) {
        for (const r of s.resources) {
            const row = FACTS[r.type];
            if (!row) continue;
            for (const f of row.facts(r, s, ix)) {
                const reader = (f as any).reader ?? row.reader;
                const zoneId = f.key.split(" ")[1];
                const owner = reader === "zone" ? ix.zoneStack.get(zoneId) ?? ix.hubOf(s) : reader === "hub" ? ix.hubOf(s) : s;
                // Words for ids: zone names and whose VPC.
                const what = f.what.replace(/\{zone ([^}]+)\}/g, (_, id) => `zone ${ix.zoneName.get(id) ?? "?"} (${id})`).replace(/\{vpc ([^}]+)\}/g, (_, id) => ix.vpcLabel(id));
                const kind = f.key.startsWith("association ") ? "association" : row.kind;
                if (!out.has(f.key)) out.set(f.key, { key: f.key, what, attrs: f.attrs, kind, stack: kind === "association" || kind === "profileAssociation" ? stackOfVpc(ix, f.key.split(" ").pop()!) ?? s.stack : s.stack, account: owner.accountId, ...(f.names ? { names: f.names } : {}) });
            }
        }
    }
    return [...out.values()];
}

function stackOfVpc(ix: Index, vpcId: string): string | undefined {
    return ix.stacks.find(s => (s.role === "hub" ? s.outputs.vpcId : (s.config as SpokeConfig).vpc.id) === vpcId)?.stack;
}

/** What a difference in one attribute usually means, and what to do. */
const HINTS: Readonly<Record<string, string>> = {
    "peering status expired": "the request was not accepted within 7 days; the hub's next pulumi up recreates it, then deploy the member within a week",
    "peering status pending-acceptance": "the member has not accepted it: deploy the member stack (its VpcPeeringConnectionAccepter)",
    "peering status deleted": "someone deleted it: the hub's next pulumi up recreates it, and the member must accept it again",
    "invitation status PENDING": "the member account has not accepted the RAM invitation: deploy the member stack (its ResourceShareAccepter) or accept it in the RAM console",
    "endpoint state": "an endpoint that is not available answers nothing: see its state in the VPC console",
    "association": "removed by hand? the next pulumi up of the stack that planned it re-creates it",
    "route": "deleted by hand? the next pulumi up of its stack re-creates it",
    "route state blackhole": "its target (peering or Transit Gateway attachment) is gone",
};

function hint(f: Fact, attr?: string, value?: string): string {
    return HINTS[`${f.kind} ${attr} ${value}`] ?? HINTS[`${f.kind} ${attr}`] ?? (attr ? "" : HINTS[f.kind] ?? "");
}

/** Whether `name` is served by a hub zone name: equal, or under it (a more specific name wins). */
const shadows = (name: string, hubNames: readonly string[]) => hubNames.some(h => name === h || name.endsWith(`.${h}`));

/** How much an extra fact matters: a shadow or a hijacking route fails; the rest is a note, or nothing. */
function extraSeverity(f: Fact, plan: readonly Fact[], hubNames: readonly string[]): { severity: "fail" | "note"; detail: string } | undefined {
    switch (f.kind) {
        case "endpoint": {
            const shadow = (f.names ?? []).filter(n => shadows(n, hubNames));
            return f.attrs["private DNS"] === "on" && shadow.length
                ? { severity: "fail", detail: `its private DNS answers ${shadow.join(", ")} in that VPC instead of the hub (a VPC's own names win)` }
                : { severity: "note", detail: "not the plan's" };
        }
        case "zone": {
            const shadow = (f.names ?? []).filter(n => shadows(n, hubNames));
            return shadow.length ? { severity: "fail", detail: `it answers ${shadow.join(", ")} in ${f.attrs.vpcs ?? "its VPCs"} instead of the hub's zone` } : undefined;
        }
        case "route": {
            const [, table, dest] = f.key.split(" ");
            const covering = plan.filter(p => p.kind === "route" && p.key.startsWith(`route ${table} `)).map(p => p.key.split(" ")[2]).find(d => d !== dest && within(dest, d));
            return covering ? { severity: "fail", detail: `more specific than the planned ${covering}: it takes that part of the traffic to ${f.attrs.target}` } : undefined;
        }
        case "peering": return f.attrs.status === "active" ? { severity: "note", detail: "not the plan's" } : undefined;
        case "invitation": return f.attrs.status === "PENDING" ? { severity: "fail", detail: `status PENDING: ${HINTS["invitation status PENDING"]}` } : undefined;
        case "prefixList": return undefined;
        default: return { severity: "note", detail: "not the plan's" };
    }
}

export interface DriftReport {
    readonly drifts: Drift[];
    /** Facts nobody could read: per account, how many (and of which stacks). */
    readonly unread: { account: string; stacks: string[]; facts: number }[];
}

/** The drift of the live stacks against the plan's (translated to live ids). */
export function driftOf(plan: readonly PlannedStack[], live: readonly PlannedStack[], readAccounts: ReadonlySet<string>): DriftReport {
    const planned = factsOf(plan), found = factsOf(live);
    const byKey = new Map(found.map(f => [f.key, f]));
    const plannedKeys = new Set(planned.map(f => f.key));
    const hubNames = plan.filter(s => s.role === "hub").flatMap(s => s.resources.filter(r => r.type === T.zone).map(r => String(r.inputs.name)));
    const drifts: Drift[] = [];
    const unread = new Map<string, { stacks: Set<string>; facts: number }>();
    const skip = (f: Fact) => {
        if (readAccounts.has(f.account)) return false;
        const u = unread.get(f.account) ?? { stacks: new Set<string>(), facts: 0 };
        u.stacks.add(f.stack); u.facts++;
        unread.set(f.account, u);
        return true;
    };
    for (const p of planned) {
        if (skip(p)) continue;
        const l = byKey.get(p.key);
        if (!l) {
            if (p.kind === "invitation") continue; // accepted invitations need not stay listed
            const associated = p.kind === "authorization" && byKey.has(p.key.replace(/^authorization /, "association "));
            drifts.push({
                kind: "missing", severity: associated ? "note" : "fail", stack: p.stack, what: p.what,
                detail: associated ? "the VPC is associated already, so only a new association would need it; the next pulumi up re-creates it" : hint(p),
            });
            continue;
        }
        for (const [attr, value] of Object.entries(p.attrs)) {
            const now = l.attrs[attr];
            if (now === undefined || now === value) continue;
            drifts.push({ kind: "different", severity: "fail", stack: p.stack, what: p.what, detail: `${attr} ${now}, planned ${value}${hint(p, attr, now) ? `: ${hint(p, attr, now)}` : ""}` });
        }
    }
    // A member's own endpoints and zones it declares (vpce-hub:existingEndpoints) are expected until it retires them.
    const declared = new Set(plan.filter(s => s.role === "spoke").flatMap(s => {
        const own = (s.config as SpokeConfig).existingEndpoints;
        return [...(own?.endpoints ?? []).map(e => `endpoint ${e.id}`), ...(own?.zones ?? []).map(z => `zone ${z.id}`)];
    }));
    for (const l of found.filter(f => !plannedKeys.has(f.key))) {
        if (!readAccounts.has(l.account)) continue;
        const sev = declared.has(l.key) ? { severity: "note" as const, detail: "the member's own, declared in vpce-hub:existingEndpoints: it answers there until retired (docs/adoption.md)" }
            : extraSeverity(l, planned, hubNames);
        if (sev) drifts.push({ kind: "extra", severity: sev.severity, stack: l.stack, what: l.what, detail: sev.detail });
    }
    const order = { missing: 0, different: 1, extra: 2 };
    drifts.sort((a, b) => Number(a.severity === "note") - Number(b.severity === "note") || order[a.kind] - order[b.kind] || a.stack.localeCompare(b.stack) || a.what.localeCompare(b.what));
    return { drifts, unread: [...unread].map(([account, u]) => ({ account, stacks: [...u.stacks].sort(), facts: u.facts })) };
}

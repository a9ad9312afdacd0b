// The live AWS state as the doctor reads it (doctor/aws/), and its conversion into the shape the
// plan's checks read: PlannedStack resources of the same Pulumi types, with the live ids, so
// that the Network (lib/checks/network.ts) and the path checks run on the deployed world as
// they ran on the simulated one. Also which live object is which planned one: the plan's ids
// of created resources are simulated, so they are matched by what stays true after
// `pulumi up` (an endpoint by VPC and service, a zone by name, a peering by its two VPCs...).
import { HubConfig, SpokeConfig, hubStackName } from "../config";
import { PlannedResource, PlannedStack, TYPES as T } from "../model";

export interface LiveRule { readonly protocol: string; readonly fromPort: number; readonly toPort: number; readonly cidrBlocks: string[]; readonly ipv6CidrBlocks: string[]; readonly prefixListIds: string[] }
export interface LiveEndpoint {
    readonly id: string; readonly vpcId: string; readonly serviceName: string; readonly state: string;
    readonly privateDnsEnabled: boolean; readonly ipAddressType?: string;
    readonly dnsEntries: { readonly dnsName: string; readonly hostedZoneId: string }[];
    readonly subnetIds: string[]; readonly securityGroupIds: string[]; readonly policy?: string;
    /** The endpoint's network interfaces: IPv4 and IPv6 addresses by Availability Zone. */
    readonly interfaces: { readonly az: string; readonly ip: string; readonly ipv6: string[] }[];
}
export interface LiveZone {
    readonly id: string; readonly name: string; readonly ownerAccount?: string;
    readonly vpcs: { readonly vpcId: string; readonly region: string }[];
    /** Absent when not read (a zone of another account seen through a member VPC). */
    readonly records?: { readonly name: string; readonly type: string; readonly aliasTarget?: string; readonly values?: string[] }[];
    readonly authorizations?: { readonly vpcId: string; readonly region: string }[];
}
export interface LiveRoute {
    readonly destination?: string; readonly destination6?: string; readonly prefixListId?: string;
    readonly peeringId?: string; readonly transitGatewayId?: string; readonly gatewayId?: string;
    readonly state?: string; readonly origin?: string;
}
export interface LiveState {
    /** Every account the doctor had credentials for; the hub's is required. */
    readonly accounts: readonly string[];
    readonly endpoints: LiveEndpoint[];
    readonly securityGroups: { readonly id: string; readonly name: string; readonly ingress: LiveRule[] }[];
    readonly zones: LiveZone[];
    readonly routeTables: { readonly id: string; readonly vpcId?: string; readonly routes: LiveRoute[]; readonly propagatingVgws: string[] }[];
    readonly peerings: { readonly id: string; readonly vpcId: string; readonly peerVpcId: string; readonly status: string }[];
    readonly attachments: { readonly id: string; readonly tgwId: string; readonly vpcId: string; readonly state: string; readonly associationTableId?: string; readonly ipv6Support?: boolean }[];
    readonly propagations: { readonly tableId: string; readonly attachmentId: string; readonly state: string }[];
    /** The Transit Gateway's route tables, with their Name tag (the hub names its own). */
    readonly tgwTables: { readonly id: string; readonly tgwId: string; readonly name?: string }[];
    readonly resolvers: { readonly id: string; readonly vpcId: string; readonly direction: string; readonly status: string; readonly ips: string[]; readonly securityGroupIds: string[] }[];
    readonly profiles: { readonly id: string; readonly name: string; readonly arn: string; readonly resources: { readonly arn: string; readonly status: string }[]; readonly associations: { readonly id: string; readonly vpcId: string; readonly status: string }[] }[];
    readonly shares: { readonly arn: string; readonly name: string; readonly status: string }[];
    readonly invitations: { readonly shareArn: string; readonly shareName: string; readonly receiverAccountId: string; readonly status: string }[];
    readonly prefixLists: { readonly id: string; readonly name: string; readonly maxEntries: number; readonly cidrs: string[] }[];
    readonly vpnGateways: { readonly id: string; readonly vpcId: string }[];
    readonly vpnRoutes: { readonly vpnGatewayId: string; readonly cidr: string }[];
}

/** What the doctor knows of a hub before reading: its VPC, route tables and (if any) Transit Gateway, live ids. */
export interface HubAnchors { readonly vpcId: string; readonly routeTableIds: readonly string[]; readonly transitGatewayId?: string }

export const EMPTY_LIVE: LiveState = {
    accounts: [], endpoints: [], securityGroups: [], zones: [], routeTables: [], peerings: [], attachments: [], propagations: [], tgwTables: [], resolvers: [],
    profiles: [], shares: [], invitations: [], prefixLists: [], vpnGateways: [], vpnRoutes: [],
};

const byStatus = <X>(items: readonly X[], status: (x: X) => string, order: readonly string[]): X | undefined =>
    [...items].sort((a, b) => rank(order, status(a)) - rank(order, status(b)))[0];
const rank = (order: readonly string[], s: string) => { const i = order.indexOf(s); return i < 0 ? order.length : i; };

/**
 * Planned id -> live id, for every created resource the live state has a counterpart of. Ids
 * the configuration gave (VPCs, subnets, route tables of spokes) are live already.
 */
export function correspond(plan: readonly PlannedStack[], live: LiveState, anchors: ReadonlyMap<string, HubAnchors>): Map<string, string> {
    const map = new Map<string, string>();
    const set = (planned: string | undefined, found: string | undefined) => { if (planned && found && !map.has(planned)) map.set(planned, found); };
    const mapped = (id: string) => map.get(id) ?? id;
    const all = plan.flatMap(s => s.resources.map(r => ({ r, s })));
    for (const h of plan.filter(s => s.role === "hub")) {
        const a = anchors.get(h.stack);
        if (!a) continue;
        set(h.outputs.vpcId, a.vpcId);
        (h.outputs.routeTableIds as string[] ?? []).forEach((id, i) => set(id, a.routeTableIds[i]));
        // The Transit Gateway: given, or the one the hub VPC is attached to.
        const hubAttachment = byStatus(live.attachments.filter(x => x.vpcId === a.vpcId), x => x.state, ["available"]);
        set(h.outputs.transitGateway?.id, a.transitGatewayId ?? hubAttachment?.tgwId);
        const zonesOwned = live.zones.filter(z => !z.ownerAccount || z.ownerAccount === h.accountId);
        for (const r of h.resources) {
            if (r.type === T.zone) {
                const same = zonesOwned.filter(z => z.name === r.inputs.name);
                const z = same.find(x => x.vpcs.some(v => v.vpcId === a.vpcId)) ?? same[0];
                set(r.outputs.zoneId ?? r.id, z?.id);
                if (z && r.outputs.arn) set(r.outputs.arn, `arn:aws:route53:::hostedzone/${z.id}`);
            }
            if (r.type === T.resolverEndpoint) {
                const found = live.resolvers.find(x => x.vpcId === a.vpcId && x.direction === r.inputs.direction);
                set(r.id, found?.id);
                if (found) pairLists(r.inputs.securityGroupIds ?? [], found.securityGroupIds).forEach(([p, l]) => set(p, l));
            }
            if (r.type === T.profile) {
                const p = live.profiles.find(x => x.name === r.inputs.name);
                set(r.id, p?.id);
                set(r.outputs.arn, p?.arn);
            }
            if (r.type === T.ramResourceShare) set(r.id, live.shares.find(x => x.name === r.inputs.name && arnPart(x.arn, 3) === h.region && arnPart(x.arn, 4) === h.accountId)?.arn);
            if (r.type === T.vpnGateway) set(r.id, live.vpnGateways.find(x => x.vpcId === a.vpcId)?.id);
        }
    }
    for (const { r } of all) {
        if (r.type === T.vpcEndpoint) {
            const vpc = mapped(r.inputs.vpcId);
            const found = byStatus(live.endpoints.filter(e => e.vpcId === vpc && e.serviceName === r.inputs.serviceName), e => e.state, ["available"]);
            set(r.id, found?.id);
            if (found) pairLists(r.inputs.securityGroupIds ?? [], found.securityGroupIds).forEach(([p, l]) => set(p, l));
        }
        if (r.type === T.vpcPeeringConnection) {
            const pair = [mapped(r.inputs.vpcId), r.inputs.peerVpcId].sort().join(" ");
            const found = byStatus(live.peerings.filter(p => [p.vpcId, p.peerVpcId].sort().join(" ") === pair), p => p.status, ["active", "pending-acceptance", "provisioning"]);
            set(r.id, found?.id);
        }
    }
    for (const { r } of all) {
        if (r.type !== T.tgwAttachment) continue;
        const found = byStatus(live.attachments.filter(x => x.vpcId === mapped(r.inputs.vpcId) && x.tgwId === mapped(r.inputs.transitGatewayId)), x => x.state, ["available"]);
        set(r.id, found?.id);
    }
    // Transit Gateway route tables: by the Name tag the hub gave them; else the table each matched
    // attachment is associated with (the hub's first).
    for (const { r } of all.filter(x => x.r.type === T.tgwRouteTable)) {
        const name = r.inputs.tags?.Name;
        set(r.id, live.tgwTables.find(t => name && t.name === name && t.tgwId === mapped(r.inputs.transitGatewayId))?.id);
    }
    const effective = tgwEffective(plan.flatMap(s => s.resources));
    const attachments = all.filter(x => x.r.type === T.tgwAttachment).sort((x, y) => Number(y.s.role === "hub") - Number(x.s.role === "hub"));
    for (const { r } of attachments) {
        const found = live.attachments.find(x => x.id === map.get(r.id));
        const table = effective.association.get(r.id);
        if (found?.associationTableId && table && ![...map.values()].includes(found.associationTableId)) set(table, found.associationTableId);
    }
    // Prefix lists: the one a route or a security group rule refers to at the same place.
    for (const { r } of all) {
        if (r.type === T.route && r.inputs.destinationPrefixListId) {
            const rt = live.routeTables.find(t => t.id === mapped(r.inputs.routeTableId));
            set(r.inputs.destinationPrefixListId, rt?.routes.find(x => x.prefixListId && x.origin !== "EnableVgwRoutePropagation")?.prefixListId);
        }
        if (r.type === T.securityGroup) {
            const sg = live.securityGroups.find(g => g.id === map.get(r.id));
            const planned = (r.inputs.ingress ?? []).flatMap((x: any) => x.prefixListIds ?? []);
            const found = sg?.ingress.flatMap(x => x.prefixListIds) ?? [];
            pairLists(planned, found).forEach(([p, l]) => set(p, l));
        }
    }
    return map;
}

/** Pairs the ids only one side has, when exactly one is left on each (a created group beside configured ones). */
function pairLists(planned: readonly string[], live: readonly string[]): [string, string][] {
    const p = planned.filter(x => !live.includes(x));
    const l = live.filter(x => !planned.includes(x));
    return p.length === 1 && l.length === 1 ? [[p[0], l[0]]] : [];
}

/** Every string of a value with the mapped ids replaced (whole ids only, also inside ARNs). */
export function translate<V>(value: V, map: ReadonlyMap<string, string>): V {
    if (!map.size) return value;
    const re = /[A-Za-z0-9_-]+/g;
    const swap = (s: string): string => map.get(s) ?? s.replace(re, t => map.get(t) ?? t);
    const walk = (v: any): any => typeof v === "string" ? swap(v) : Array.isArray(v) ? v.map(walk) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [swap(k), walk(x)])) : v;
    return walk(value);
}

/** Which Transit Gateway route table each attachment is associated with and propagates into, defaults applied. */
export function tgwEffective(resources: readonly PlannedResource[]): { association: Map<string, string>; propagation: Map<string, Set<string>> } {
    const defaults = { association: new Map<string, string>(), propagation: new Map<string, string>() };
    for (const r of resources) {
        if (r.type === T.tgwDefaultRouteTableAssociation) defaults.association.set(r.inputs.transitGatewayId, r.inputs.transitGatewayRouteTableId);
        if (r.type === T.tgwDefaultRouteTablePropagation) defaults.propagation.set(r.inputs.transitGatewayId, r.inputs.transitGatewayRouteTableId);
    }
    const association = new Map<string, string>();
    const propagation = new Map<string, Set<string>>();
    for (const r of resources) {
        if (r.type === T.tgwAttachment) {
            const dflt = defaults.association.get(r.inputs.transitGatewayId);
            if (r.inputs.transitGatewayDefaultRouteTableAssociation !== false && dflt) association.set(r.id, dflt);
            const prop = defaults.propagation.get(r.inputs.transitGatewayId);
            if (r.inputs.transitGatewayDefaultRouteTablePropagation !== false && prop) propagation.set(r.id, new Set([prop]));
        }
    }
    for (const r of resources) {
        if (r.type === T.tgwRouteTableAssociation) association.set(r.inputs.transitGatewayAttachmentId, r.inputs.transitGatewayRouteTableId);
        if (r.type === T.tgwRouteTablePropagation) {
            const set = propagation.get(r.inputs.transitGatewayAttachmentId) ?? new Set<string>();
            propagation.set(r.inputs.transitGatewayAttachmentId, set.add(r.inputs.transitGatewayRouteTableId));
        }
    }
    return { association, propagation };
}

/** A part of an ARN: 3 the region, 4 the account. */
const arnPart = (arn: string, i: number) => arn.split(":")[i];

let seq = 0;
const res = (type: string, id: string, inputs: Record<string, any>, outputs: Record<string, any> = {}): PlannedResource =>
    ({ urn: `urn:live::${type}::${id}#${seq++}`, type, name: id, id, inputs, outputs: { ...inputs, ...outputs } });

/** The names an endpoint with private DNS answers itself: its DNS entries outside AWS's own vpce domain. */
export function privateNamesOf(e: LiveEndpoint): { name: string; wildcard: boolean }[] {
    if (!e.privateDnsEnabled) return [];
    const names = e.dnsEntries.map(d => d.dnsName).filter(n => !/\.vpce\.amazonaws\.com$|\.vpce\.api\.aws$/.test(n));
    const bare = [...new Set(names.map(n => n.replace(/^\*\./, "")))];
    return bare.map(name => ({ name, wildcard: names.includes(`*.${name}`) }));
}

/** The endpoints' own names as public DNS answers them: regional name -> every interface, zonal -> its AZ's. */
export function liveDns(live: LiveState): { publicDns: Record<string, string[]>; publicDns6: Record<string, string[]> } {
    const publicDns: Record<string, string[]> = {}, publicDns6: Record<string, string[]> = {};
    for (const e of live.endpoints) {
        for (const d of e.dnsEntries.filter(x => /\.vpce\.amazonaws\.com$/.test(x.dnsName))) {
            const az = e.interfaces.filter(i => d.dnsName.includes(`-${i.az}.`));
            const ifaces = az.length ? az : e.interfaces;
            publicDns[d.dnsName] = ifaces.map(i => i.ip);
            const six = ifaces.flatMap(i => i.ipv6);
            if (six.length && e.ipAddressType === "dualstack") publicDns6[d.dnsName] = six;
        }
    }
    return { publicDns, publicDns6 };
}

/**
 * The live state as PlannedStacks: each stack of the plan (config and outputs translated to live
 * ids) with the live resources it owns. The hub holds what its account reads (zones with every
 * associated VPC, records, endpoints, routes of its tables, peerings, Transit Gateway
 * attachments, tables and propagations, the Resolver, the profile and its associations, shares);
 * each member its own route tables, its VPC's own endpoints and zones, and its invitations.
 */
export function liveStacks(plan: readonly PlannedStack[], live: LiveState, map: ReadonlyMap<string, string>): PlannedStack[] {
    // What the plan simulated of a member's own endpoints and zones (`existing`) is read live instead.
    const stacks = translate(plan.map(s => ({ ...s, resources: [] as PlannedResource[], existing: undefined })), map);
    const hubs = stacks.filter(s => s.role === "hub");
    const hubOf = (s: PlannedStack) => s.role === "hub" ? s : hubs.find(h => h.stack === hubStackName((s.config as SpokeConfig).hubStack)) ?? hubs[0];
    const vpcOf = (s: PlannedStack): string => s.role === "hub" ? s.outputs.vpcId : (s.config as SpokeConfig).vpc.id;
    const stackOfVpc = (vpcId: string) => stacks.find(s => vpcOf(s) === vpcId);
    const hubAccounts = new Set(hubs.map(h => h.accountId));
    const put = (s: PlannedStack | undefined, r: PlannedResource) => { if (s) s.resources.push(r); };
    const sgs = new Map(live.securityGroups.map(g => [g.id, g]));

    for (const e of live.endpoints) {
        const s = stackOfVpc(e.vpcId);
        put(s, res(T.vpcEndpoint, e.id, {
            vpcId: e.vpcId, serviceName: e.serviceName, privateDnsEnabled: e.privateDnsEnabled, subnetIds: e.subnetIds, securityGroupIds: e.securityGroupIds,
            ...(e.ipAddressType ? { ipAddressType: e.ipAddressType } : {}), ...(e.policy ? { policy: e.policy } : {}),
        }, { dnsEntries: e.dnsEntries, state: e.state, privateDnsNames: privateNamesOf(e), arn: `arn:aws:ec2:${s?.region}:${s?.accountId}:vpc-endpoint/${e.id}` }));
        for (const id of e.securityGroupIds) {
            const g = sgs.get(id);
            if (g && !s?.resources.some(r => r.id === id)) put(s, res(T.securityGroup, id, { name: g.name, ingress: g.ingress }));
        }
    }
    for (const r of live.resolvers) {
        const s = stackOfVpc(r.vpcId);
        put(s, res(T.resolverEndpoint, r.id, { direction: r.direction, securityGroupIds: r.securityGroupIds }, { ipAddresses: r.ips.map(ip => ({ ip })), status: r.status }));
        for (const id of r.securityGroupIds) {
            const g = sgs.get(id);
            if (g && !s?.resources.some(x => x.id === id)) put(s, res(T.securityGroup, id, { name: g.name, ingress: g.ingress }));
        }
    }
    for (const z of live.zones) {
        const hub = z.ownerAccount && hubAccounts.has(z.ownerAccount) ? hubs.find(h => h.accountId === z.ownerAccount) : undefined;
        // A zone of another account is a member's own (seen associated with its VPC).
        const owner = hub ?? stackOfVpc(z.vpcs[0]?.vpcId ?? "");
        put(owner, res(T.zone, z.id, { name: z.name, vpcs: z.vpcs }, { zoneId: z.id, arn: `arn:aws:route53:::hostedzone/${z.id}` }));
        for (const rec of z.records ?? []) {
            if (rec.type !== "A" && rec.type !== "AAAA") continue;
            put(owner, res(T.record, `${z.id}_${rec.name}_${rec.type}`, { zoneId: z.id, name: rec.name, type: rec.type, ...(rec.aliasTarget ? { aliases: [{ name: rec.aliasTarget }] } : { records: rec.values }) }));
        }
        for (const a of z.authorizations ?? []) put(owner, res(T.vpcAssociationAuthorization, `${z.id}:${a.vpcId}`, { zoneId: z.id, vpcId: a.vpcId, vpcRegion: a.region }));
    }
    for (const t of live.routeTables) {
        const s = stacks.find(x => (x.role === "hub" ? x.outputs.routeTableIds ?? [] : (x.config as SpokeConfig).vpc.routeTableIds).includes(t.id));
        for (const r of t.routes.filter(x => x.origin !== "EnableVgwRoutePropagation" && x.gatewayId !== "local")) {
            put(s, res(T.route, `${t.id}:${r.destination ?? r.destination6 ?? r.prefixListId}`, {
                routeTableId: t.id,
                ...(r.destination ? { destinationCidrBlock: r.destination } : {}), ...(r.destination6 ? { destinationIpv6CidrBlock: r.destination6 } : {}),
                ...(r.prefixListId ? { destinationPrefixListId: r.prefixListId } : {}),
                ...(r.peeringId ? { vpcPeeringConnectionId: r.peeringId } : {}), ...(r.transitGatewayId ? { transitGatewayId: r.transitGatewayId } : {}),
                ...(r.gatewayId ? { gatewayId: r.gatewayId } : {}),
            }, { state: r.state ?? "active" }));
        }
        for (const vgw of t.propagatingVgws) put(s, res(T.vpnGatewayRoutePropagation, `${t.id}:${vgw}`, { routeTableId: t.id, vpnGatewayId: vgw }));
    }
    for (const p of live.peerings) {
        const hub = hubs.find(h => h.outputs.vpcId === p.vpcId || h.outputs.vpcId === p.peerVpcId);
        put(hub, res(T.vpcPeeringConnection, p.id, { vpcId: p.vpcId, peerVpcId: p.peerVpcId, autoAccept: p.status === "active" }, { status: p.status }));
    }
    for (const a of live.attachments) {
        put(stackOfVpc(a.vpcId) ?? hubs[0], res(T.tgwAttachment, a.id, {
            transitGatewayId: a.tgwId, vpcId: a.vpcId, transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false,
            ...(a.ipv6Support ? { ipv6Support: "enable" } : {}),
        }, { state: a.state }));
        if (a.associationTableId) put(hubs[0], res(T.tgwRouteTableAssociation, `${a.id}:assoc`, { transitGatewayAttachmentId: a.id, transitGatewayRouteTableId: a.associationTableId }));
    }
    for (const p of live.propagations.filter(x => x.state !== "disabled")) {
        put(hubs[0], res(T.tgwRouteTablePropagation, `${p.attachmentId}:${p.tableId}`, { transitGatewayAttachmentId: p.attachmentId, transitGatewayRouteTableId: p.tableId }));
    }
    for (const p of live.profiles) {
        const hub = hubs.find(h => h.outputs.dns?.profileId === p.id) ?? hubs[0];
        put(hub, res(T.profile, p.id, { name: p.name }, { arn: p.arn }));
        for (const r of p.resources) put(hub, res(T.profileResourceAssociation, `${p.id}:${r.arn}`, { profileId: p.id, resourceArn: r.arn }, { status: r.status }));
        for (const a of p.associations) put(stackOfVpc(a.vpcId) ?? hub, res(T.profileAssociation, a.id, { profileId: p.id, resourceId: a.vpcId }, { status: a.status }));
    }
    for (const sh of live.shares) {
        const owner = hubs.find(h => h.region === arnPart(sh.arn, 3) && h.accountId === arnPart(sh.arn, 4)) ?? hubs[0];
        put(owner, res(T.ramResourceShare, sh.arn, { name: sh.name }, { arn: sh.arn, status: sh.status }));
    }
    for (const i of live.invitations) {
        put(stacks.find(s => s.role === "spoke" && s.accountId === i.receiverAccountId), res(T.ramResourceShareAccepter, `${i.shareArn}:${i.receiverAccountId}`, { shareArn: i.shareArn }, { status: i.status, receiverAccountId: i.receiverAccountId }));
    }
    for (const pl of live.prefixLists) put(hubs[0], res(T.managedPrefixList, pl.id, { name: pl.name, maxEntries: pl.maxEntries, entries: pl.cidrs.map(cidr => ({ cidr })) }));
    for (const v of live.vpnGateways) put(stackOfVpc(v.vpcId), res(T.vpnGateway, v.id, { vpcId: v.vpcId }));
    for (const v of live.vpnRoutes) put(hubs.find(h => live.vpnGateways.some(g => g.id === v.vpnGatewayId && g.vpcId === h.outputs.vpcId)) ?? hubs[0], res(T.vpnConnectionRoute, `${v.vpnGatewayId}:${v.cidr}`, { destinationCidrBlock: v.cidr }));
    return stacks.map(s => ({ ...s, resources: s.resources, config: s.config as HubConfig | SpokeConfig }));
}

/** Every live zone association: (zone, VPC) pairs that exist, and so need no authorization any more. */
export function liveAssociations(live: LiveState): Set<string> {
    return new Set(live.zones.flatMap(z => z.vpcs.map(v => `${z.id} ${v.vpcId}`)));
}

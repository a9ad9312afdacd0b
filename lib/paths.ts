// Path checks: for every consumer (each spoke, and on-prem) and every service name, follow
// DNS the way Route 53 would answer that consumer, then the packets the way VPC routing,
// peering, Transit Gateway and security groups would carry them. Pure: it reads only the
// planned resources (inputs and simulated outputs) and the public DNS of endpoint names.
// A failing check names the missing piece, because in this design failures are silent:
// a missing zone association sends traffic to the public endpoint; a missing route times out.
import { contains, parseCidr, within } from "./cidr";
import { contains6, within6 } from "./ipv6";
import { CidrTable, WorkCounter } from "./cidrTable";
import { HubConfig, SpokeConfig, hubStackName } from "./config";
import { PathCheck, PlannedResource, PlannedStack, TYPES as T } from "./model";
import { lookupRecord } from "./dnsRecords";

interface Zone { id: string; name: string; vpcIds: Set<string>; arn?: string }
/** A Route 53 Profile: what it holds (zones, endpoints with private DNS on). */
interface Profile { id: string; arn?: string; stack: string; zoneIds: Set<string>; endpointIds: Set<string> }
interface Rule { protocol: string; fromPort: number; toPort: number; cidrBlocks?: string[]; ipv6CidrBlocks?: string[]; prefixListIds?: string[] }
/** A route to an IPv6 block (destinationIpv6CidrBlock); kept apart from the IPv4 route index. */
interface VpcRoute6 { routeTableId: string; destination: string; peeringId?: string; transitGatewayId?: string; name: string }
/** A route; one to a prefix list stands for one route per entry, each carrying the list's id. */
interface VpcRoute { routeTableId: string; destination: string; peeringId?: string; transitGatewayId?: string; vpnGatewayId?: string; name: string; prefixListId?: string }
interface Attachment { id: string; tgwId: string; vpcId: string; defaultAssociation: boolean; defaultPropagation: boolean }

/** The network as the plan would build it, indexed for lookups. */
export class Network {
    readonly zones: Zone[] = [];
    readonly records = new Map<string, Map<string, string>>(); // zoneId -> record name -> alias target
    /** The AAAA records (a dual-stack service's twins), likewise. */
    readonly records6 = new Map<string, Map<string, string>>();
    readonly routes6: VpcRoute6[] = [];
    /** Attachments created with ipv6Support enable. */
    readonly ipv6Attachments = new Set<string>();
    /** Services whose endpoint the hub made dual-stack (its outputs say so). */
    readonly dualStackServices = new Set<string>();
    /** Each endpoint with the names AWS publishes for it (dnsEntries, verbatim: S3's start with `*.`). */
    readonly endpoints: {
        id: string; service: string; sgIds: string[]; names: string[]; vpcId: string; arn?: string;
        /** Private DNS on: the names it answers itself (in its VPC, and through a profile that holds it). */
        privateDnsNames: { name: string; wildcard: boolean }[];
    }[] = [];
    readonly profiles = new Map<string, Profile>();
    /** VPC -> the profile it is associated with (one per VPC). */
    readonly vpcProfile = new Map<string, string>();
    readonly sgs = new Map<string, { name: string; ingress: Rule[] }>();
    readonly routes: VpcRoute[] = [];
    /** Routes to a prefix list, before they are expanded into its entries. */
    private readonly listRoutes: VpcRoute[] = [];
    /** Customer-managed prefix lists: id -> logical name, max entries and CIDRs. */
    readonly prefixLists = new Map<string, { name: string; maxEntries: number; cidrs: string[] }>();
    readonly peerings = new Map<string, { vpcId: string; peerVpcId: string; accepted: boolean }>();
    readonly attachments: Attachment[] = [];
    readonly tgwAssociations = new Map<string, string>(); // attachment -> tgw route table
    readonly tgwPropagations: { attachmentId: string; routeTableId: string }[] = [];
    readonly tgwDefaultAssociation = new Map<string, string>(); // tgw -> table
    readonly tgwDefaultPropagation = new Map<string, string>();
    readonly vgwPropagations: { vpnGatewayId: string; routeTableId: string }[] = [];
    /** Static routes of a VPN the hub created: the on-prem networks the tunnel carries. */
    readonly vpnRoutes: string[] = [];
    readonly resolvers: { id: string; ips: string[]; sgIds: string[] }[] = [];
    /** The hub's VPN gateways: the configured one, or the one the hub creates. */
    readonly vpnGatewayIds = new Set<string>();
    /**
     * Cross-account zone associations without the hub's VpcAssociationAuthorization, which AWS
     * refuses: zone id -> VPC id -> the stack and account that planned the association.
     */
    readonly unauthorized = new Map<string, Map<string, { stack: string; accountId: string }>>();
    readonly hub: HubConfig;
    readonly hubStack: PlannedStack;
    readonly hubVpcId: string;
    readonly hubRouteTableIds: string[];
    readonly spokes: { stack: string; config: SpokeConfig }[];
    readonly vpcCidrs = new Map<string, string>();

    /**
     * The network of the whole plan as seen by one hub (`hubName`, default: the only hub):
     * routes, peerings, Transit Gateways and zones of every stack, because hubs can share a
     * Transit Gateway or an on-prem network; this hub's spokes, Resolver and VPN.
     */
    constructor(stacks: readonly PlannedStack[], readonly publicDns: Record<string, string[]>, hubName?: string, readonly publicDns6: Record<string, string[]> = {},
        /** Zone associations ("zoneId vpcId") that already exist: they need no authorization any more (deleting one does not undo its association). */
        established: ReadonlySet<string> = new Set()) {
        const hubs = stacks.filter(s => s.role === "hub");
        const hubStack = hubName === undefined ? hubs[0] : hubs.find(s => s.stack === hubName);
        if (!hubStack) throw new Error(hubName === undefined ? "path checks need a hub stack" : `path checks: no hub stack ${hubName}`);
        this.hub = hubStack.config as HubConfig;
        this.hubStack = hubStack;
        this.hubVpcId = hubStack.outputs.vpcId;
        this.hubRouteTableIds = hubStack.outputs.routeTableIds ?? [];
        for (const [name, s] of Object.entries(hubStack.outputs.services ?? {})) if ((s as any).ipAddressType === "dualstack") this.dualStackServices.add(name);
        // With one hub every spoke of the plan is its own (as before several hubs were possible).
        this.spokes = stacks.filter(s => s.role === "spoke" && (hubs.length === 1 || hubStackName((s.config as SpokeConfig).hubStack) === hubStack.stack))
            .map(s => ({ stack: s.stack, config: s.config as SpokeConfig }));
        for (const h of hubs) this.vpcCidrs.set(h.outputs.vpcId, (h.config as HubConfig).vpc.cidr);
        for (const s of stacks.filter(x => x.role === "spoke")) this.vpcCidrs.set((s.config as SpokeConfig).vpc.id, (s.config as SpokeConfig).vpc.cidr);
        const all: PlannedResource[] = stacks.flatMap(s => s.resources);
        const accepted = new Set(all.filter(r => r.type === T.vpcPeeringConnectionAccepter).map(r => String(r.inputs.vpcPeeringConnectionId)));
        // The Resolver and the VPN are this hub's own: another hub's serve other on-prem queries.
        const own = new Set(hubStack.resources);
        for (const r of all) {
            if (!own.has(r) && (r.type === T.resolverEndpoint || r.type === T.vpnConnectionRoute)) continue;
            this.add(r, accepted);
        }
        // A route to a prefix list routes each of its entries (a list no stack planned: none).
        for (const route of this.listRoutes) {
            for (const cidr of this.prefixLists.get(route.prefixListId!)?.cidrs ?? []) this.routes.push({ ...route, destination: cidr });
        }
        if (this.hub.onPrem?.vpnGatewayId) this.vpnGatewayIds.add(this.hub.onPrem.vpnGatewayId);
        for (const r of hubStack.resources) if (r.type === T.vpnGateway) this.vpnGatewayIds.add(r.id);
        // Another account's VPC joins a zone only if the zone's owner (its hub) authorized
        // that zone and VPC first; in the zone owner's own account no authorization is needed.
        const owner = new Map<string, string>();
        const authorized = new Set<string>();
        for (const h of hubs) {
            for (const r of h.resources) {
                if (r.type === T.zone) owner.set(r.outputs.zoneId ?? r.id, h.accountId);
                if (r.type === T.vpcAssociationAuthorization) authorized.add(`${r.inputs.zoneId} ${r.inputs.vpcId}`);
            }
        }
        for (const s of stacks) {
            for (const r of s.resources.filter(x => x.type === T.zoneAssociation)) {
                const { zoneId, vpcId } = r.inputs;
                if (s.accountId !== (owner.get(zoneId) ?? hubStack.accountId) && !authorized.has(`${zoneId} ${vpcId}`) && !established.has(`${zoneId} ${vpcId}`)) {
                    const byVpc = this.unauthorized.get(zoneId) ?? new Map();
                    this.unauthorized.set(zoneId, byVpc.set(vpcId, { stack: s.stack, accountId: s.accountId }));
                    continue;
                }
                this.zones.find(z => z.id === zoneId)?.vpcIds.add(vpcId);
            }
        }
        // Profiles: what each holds (resource associations name zones and endpoints by ARN).
        for (const st of stacks) {
            for (const r of st.resources.filter(x => x.type === T.profile)) {
                this.profiles.set(r.id, { id: r.id, arn: r.outputs.arn, stack: st.stack, zoneIds: new Set(), endpointIds: new Set() });
            }
        }
        const zonesByArn = new Map(this.zones.filter(z => z.arn).map(z => [z.arn!, z]));
        const endpointsByArn = new Map(this.endpoints.filter(e => e.arn).map(e => [e.arn!, e]));
        for (const r of all.filter(x => x.type === T.profileResourceAssociation)) {
            const p = this.profiles.get(String(r.inputs.profileId));
            if (!p) continue;
            const zone = zonesByArn.get(String(r.inputs.resourceArn));
            if (zone) p.zoneIds.add(zone.id);
            const endpoint = endpointsByArn.get(String(r.inputs.resourceArn));
            if (endpoint) p.endpointIds.add(endpoint.id);
        }
        for (const r of all.filter(x => x.type === T.profileAssociation)) this.vpcProfile.set(String(r.inputs.resourceId), String(r.inputs.profileId));
    }

    private add(r: PlannedResource, accepted: Set<string>): void {
        const i = r.inputs;
        switch (r.type) {
            case T.zone:
                this.zones.push({ id: r.outputs.zoneId ?? r.id, name: i.name, vpcIds: new Set((i.vpcs ?? []).map((v: any) => v.vpcId)), arn: r.outputs.arn });
                break;
            case T.record: {
                const byZone = i.type === "AAAA" ? this.records6 : this.records;
                const m = byZone.get(i.zoneId) ?? new Map<string, string>();
                m.set(i.name, i.aliases?.[0]?.name ?? "");
                byZone.set(i.zoneId, m);
                break;
            }
            case T.vpcEndpoint: {
                const entries: { dnsName: string }[] = r.outputs.dnsEntries ?? [];
                this.endpoints.push({
                    id: r.id, service: r.name, sgIds: i.securityGroupIds ?? [], names: entries.map(e => e.dnsName),
                    vpcId: i.vpcId, arn: r.outputs.arn,
                    privateDnsNames: i.privateDnsEnabled === true ? (r.outputs.privateDnsNames ?? []) : [],
                });
                break;
            }
            case T.securityGroup:
                this.sgs.set(r.id, { name: r.name, ingress: i.ingress ?? [] });
                break;
            case T.route: {
                if (i.destinationIpv6CidrBlock) {
                    this.routes6.push({ routeTableId: i.routeTableId, destination: i.destinationIpv6CidrBlock, name: r.name, peeringId: i.vpcPeeringConnectionId, transitGatewayId: i.transitGatewayId });
                    break;
                }
                const route = {
                    routeTableId: i.routeTableId, destination: i.destinationCidrBlock, name: r.name,
                    peeringId: i.vpcPeeringConnectionId, transitGatewayId: i.transitGatewayId, vpnGatewayId: i.gatewayId,
                };
                if (i.destinationPrefixListId === undefined) this.routes.push(route);
                else this.listRoutes.push({ ...route, prefixListId: String(i.destinationPrefixListId) });
                break;
            }
            case T.managedPrefixList:
                this.prefixLists.set(r.id, { name: r.name, maxEntries: Number(i.maxEntries), cidrs: (i.entries ?? []).map((e: any) => String(e.cidr)) });
                break;
            case T.vpcPeeringConnection:
                this.peerings.set(r.id, { vpcId: i.vpcId, peerVpcId: i.peerVpcId, accepted: accepted.has(r.id) || i.autoAccept === true });
                break;
            case T.tgwAttachment:
                if (i.ipv6Support === "enable") this.ipv6Attachments.add(r.id);
                this.attachments.push({
                    id: r.id, tgwId: i.transitGatewayId, vpcId: i.vpcId,
                    defaultAssociation: i.transitGatewayDefaultRouteTableAssociation !== false,
                    defaultPropagation: i.transitGatewayDefaultRouteTablePropagation !== false,
                });
                break;
            case T.tgwRouteTableAssociation: this.tgwAssociations.set(i.transitGatewayAttachmentId, i.transitGatewayRouteTableId); break;
            case T.tgwRouteTablePropagation: this.tgwPropagations.push({ attachmentId: i.transitGatewayAttachmentId, routeTableId: i.transitGatewayRouteTableId }); break;
            case T.tgwDefaultRouteTableAssociation: this.tgwDefaultAssociation.set(i.transitGatewayId, i.transitGatewayRouteTableId); break;
            case T.tgwDefaultRouteTablePropagation: this.tgwDefaultPropagation.set(i.transitGatewayId, i.transitGatewayRouteTableId); break;
            case T.vpnConnectionRoute: this.vpnRoutes.push(i.destinationCidrBlock); break;
            case T.vpnGatewayRoutePropagation: this.vgwPropagations.push({ vpnGatewayId: i.vpnGatewayId, routeTableId: i.routeTableId }); break;
            case T.resolverEndpoint:
                if (i.direction === "INBOUND") {
                    this.resolvers.push({ id: r.id, ips: (r.outputs.ipAddresses ?? []).map((a: any) => a.ip), sgIds: i.securityGroupIds ?? [] });
                }
                break;
        }
    }

    // --- TGW routing -------------------------------------------------------------------

    tgwTableOf(a: Attachment): string | undefined {
        return this.tgwAssociations.get(a.id) ?? (a.defaultAssociation ? this.tgwDefaultAssociation.get(a.tgwId) : undefined);
    }

    private tgwPropagatesInto(a: Attachment): string[] {
        const explicit = this.tgwPropagations.filter(p => p.attachmentId === a.id).map(p => p.routeTableId);
        const dflt = a.defaultPropagation ? this.tgwDefaultPropagation.get(a.tgwId) : undefined;
        return dflt ? [...explicit, dflt] : explicit;
    }

    /**
     * What a Transit Gateway route table learned: the attachments propagating into it, by their
     * VPC's CIDR. Built once: one table holds an entry per spoke.
     */
    tgwLearned(tgwId: string, table: string): CidrTable<Attachment> {
        if (!this.learnedByTable) {
            this.learnedByTable = new Map();
            const explicit = new Map<string, string[]>();
            for (const p of this.tgwPropagations) explicit.set(p.attachmentId, [...(explicit.get(p.attachmentId) ?? []), p.routeTableId]);
            for (const a of this.attachments) {
                const dflt = a.defaultPropagation ? this.tgwDefaultPropagation.get(a.tgwId) : undefined;
                for (const t of new Set([...(explicit.get(a.id) ?? []), ...(dflt ? [dflt] : [])])) {
                    const key = `${a.tgwId} ${t}`;
                    let learned = this.learnedByTable.get(key);
                    if (!learned) this.learnedByTable.set(key, learned = new CidrTable<Attachment>([], x => this.vpcCidrs.get(x.vpcId)));
                    learned.add(a);
                }
            }
        }
        return this.learnedByTable.get(`${tgwId} ${table}`) ?? EMPTY_ATTACHMENTS;
    }

    private learnedByTable?: Map<string, CidrTable<Attachment>>;

    /** The attachment a packet to `ip` leaves the TGW through, entering from `from`. */
    tgwNextHop(from: Attachment, ip: string, work?: WorkCounter): { table?: string; to?: Attachment } {
        const table = this.tgwTableOf(from);
        if (!table) return {};
        return { table, to: this.tgwLearned(from.tgwId, table).longestMatch(ip, work) };
    }

    /**
     * The attachment the TGW sends the whole block `cidr` to, entering from `from`: the learned
     * attachment whose VPC holds the block, unless another one learned a part of it.
     */
    tgwBlockHop(from: Attachment, cidr: string): { table?: string; to?: Attachment } {
        const table = this.tgwTableOf(from);
        if (!table) return {};
        const learned = this.tgwLearned(from.tgwId, table);
        const to = learned.longestCovering(cidr);
        const split = to && learned.inside(cidr).some(a => a.vpcId !== to.vpcId);
        return { table, to: split ? undefined : to };
    }

    attachmentOf(vpcId: string, tgwId: string): Attachment | undefined {
        if (!this.attachmentsByVpc) {
            this.attachmentsByVpc = new Map();
            for (const a of this.attachments) this.attachmentsByVpc.set(a.vpcId, [...(this.attachmentsByVpc.get(a.vpcId) ?? []), a]);
        }
        return this.attachmentsOf(vpcId).find(a => a.tgwId === tgwId);
    }

    /** Every Transit Gateway attachment of a VPC. */
    attachmentsOf(vpcId: string): Attachment[] {
        if (!this.attachmentsByVpc) this.attachmentOf(vpcId, "");
        return this.attachmentsByVpc!.get(vpcId) ?? [];
    }

    private attachmentsByVpc?: Map<string, Attachment[]>;

    /** Routes of one VPC route table (the VPC's local route is implicit and not listed). */
    routesOf(routeTableId: string): VpcRoute[] {
        return this.routeTable(routeTableId).values();
    }

    /** The same routes, indexed by destination: a hub route table holds one per spoke. */
    routeTable(routeTableId: string): CidrTable<VpcRoute> {
        if (!this.routesByTable) {
            this.routesByTable = new Map();
            for (const r of this.routes) {
                let table = this.routesByTable.get(r.routeTableId);
                if (!table) this.routesByTable.set(r.routeTableId, table = new CidrTable<VpcRoute>([], x => x.destination));
                table.add(r);
            }
        }
        return this.routesByTable.get(routeTableId) ?? EMPTY_ROUTES;
    }

    private routesByTable?: Map<string, CidrTable<VpcRoute>>;

    sgAdmits(sgIds: readonly string[], sourceCidr: string, protocol: string, port: number): string | undefined {
        for (const id of sgIds) {
            const sg = this.sgs.get(id);
            const ok = sg?.ingress.some(rule =>
                (rule.protocol === protocol || rule.protocol === "-1") &&
                rule.fromPort <= port && port <= rule.toPort &&
                [...(rule.cidrBlocks ?? []), ...(rule.prefixListIds ?? []).flatMap(pl => this.prefixLists.get(pl)?.cidrs ?? [])].some(c => within(sourceCidr, c)));
            if (ok) return id;
        }
        return undefined;
    }

    /** The IPv6 twin of sgAdmits: rules' `ipv6CidrBlocks`. */
    sgAdmits6(sgIds: readonly string[], sourceCidr: string, protocol: string, port: number): string | undefined {
        for (const id of sgIds) {
            const ok = this.sgs.get(id)?.ingress.some(rule =>
                (rule.protocol === protocol || rule.protocol === "-1") && rule.fromPort <= port && port <= rule.toPort &&
                (rule.ipv6CidrBlocks ?? []).some(c => within6(sourceCidr, c)));
            if (ok) return id;
        }
        return undefined;
    }

    /** The longest IPv6 route of a route table holding `ip`. */
    route6(routeTableId: string, ip: string): VpcRoute6 | undefined {
        return this.routes6.filter(r => r.routeTableId === routeTableId && contains6(r.destination, ip))
            .sort((a, b) => Number(b.destination.split("/")[1]) - Number(a.destination.split("/")[1]))[0];
    }

    /** Why no prefix list a security group or route table refers to covers `cidr`, if one is referred to. */
    prefixListGap(listIds: Iterable<string>, who: string, cidr: string): string {
        const lists = [...new Set(listIds)];
        if (!lists.length) return "";
        const named = lists.map(id => {
            const pl = this.prefixLists.get(id);
            return pl ? `${id} (${pl.name})` : `${id} (no such prefix list in the plan)`;
        });
        return `: prefix list ${named.join(", ")} has no entry covering ${who} ${cidr}`;
    }

    /** A route table's routes to prefix lists, as planned (before expansion into entries). */
    listRoutesOf(routeTableId: string): VpcRoute[] {
        return this.listRoutes.filter(r => r.routeTableId === routeTableId);
    }

    /** Prefix lists the security groups' rules refer to. */
    sgPrefixLists(sgIds: readonly string[]): string[] {
        return sgIds.flatMap(id => (this.sgs.get(id)?.ingress ?? []).flatMap(rule => rule.prefixListIds ?? []));
    }

    sgNames(sgIds: readonly string[]): string {
        return sgIds.map(id => `${id} (${this.sgs.get(id)?.name ?? "?"})`).join(", ");
    }
}

const EMPTY_ROUTES = new CidrTable<VpcRoute>([], r => r.destination);
const EMPTY_ATTACHMENTS = new CidrTable<Attachment>([], () => undefined);

/** A consumer of the hub: a spoke VPC or the on-prem network. */
interface Source {
    readonly name: string;
    readonly cidr: string;
    /** The VPC whose zone associations answer its DNS (on-prem: the hub VPC, via the Resolver). */
    readonly dnsVpcId: string;
    readonly vpcId?: string;
    readonly routeTableIds: readonly string[];
}

class Trace {
    readonly path: string[] = [];
    reason = "";
    /** Each hop once: several answer addresses take the same hops. */
    hop(text: string): void { if (!this.path.includes(text)) this.path.push(text); }
    fail(reason: string): false { this.reason = reason; return false; }
}

function isUnder(host: string, zone: string): boolean {
    return host === zone || host.endsWith(`.${zone}`);
}

/** A source of names a VPC sees: a zone (directly or through a profile), or an endpoint's private DNS. */
interface NameSource {
    readonly name: string;
    /** "" when seen directly, else " through Route 53 Profile <id>". */
    readonly via: string;
    readonly zone?: Zone;
    readonly endpoint?: Network["endpoints"][number];
    readonly wildcard?: boolean;
}

/** Every name source a VPC sees: its own zones and endpoints' private DNS, then its profile's. */
function sourcesOf(net: Network, vpcId: string): NameSource[] {
    const out: NameSource[] = [];
    for (const z of net.zones) if (z.vpcIds.has(vpcId)) out.push({ name: z.name, via: "", zone: z });
    for (const e of net.endpoints) {
        if (e.vpcId !== vpcId) continue;
        for (const n of e.privateDnsNames) out.push({ name: n.name, via: "", endpoint: e, wildcard: n.wildcard });
    }
    const profileId = net.vpcProfile.get(vpcId);
    const profile = profileId ? net.profiles.get(profileId) : undefined;
    if (profile) {
        const via = ` through Route 53 Profile ${profile.id}`;
        for (const z of net.zones) if (profile.zoneIds.has(z.id)) out.push({ name: z.name, via, zone: z });
        for (const e of net.endpoints) {
            if (!profile.endpointIds.has(e.id)) continue;
            for (const n of e.privateDnsNames) out.push({ name: n.name, via, endpoint: e, wildcard: n.wildcard });
        }
    }
    return out;
}

type Answer = { ips: string[]; endpoint: Network["endpoints"][number]; hops: string[] } | { reason: string };

/** What one source answers for `host`, for records of `type`. */
function answerFrom(net: Network, src: NameSource, host: string, type: "A" | "AAAA"): Answer {
    const dns = type === "AAAA" ? net.publicDns6 : net.publicDns;
    if (src.endpoint) {
        const e = src.endpoint;
        if (host !== src.name && !src.wildcard) return { reason: `the private DNS of endpoint ${e.id} (${e.service}) has no name ${host}, only ${src.name} (NXDOMAIN)` };
        // The endpoint's private DNS answers with its network interfaces: those of its regional name.
        const found = e.names[0] ? lookupRecord(dns, e.names[0]) : undefined;
        const ips = found ? [...found.ips] : [];
        if (!ips.length) return { reason: `endpoint ${e.id} (${e.service}) has no ${type === "AAAA" ? "IPv6 " : ""}network interface addresses` };
        return { ips, endpoint: e, hops: [`private DNS of endpoint ${e.id} (${e.service}) for ${src.wildcard ? "*." : ""}${src.name}${src.via} -> ${ips.join(", ")}`] };
    }
    const zone = src.zone!;
    const records = (type === "AAAA" ? net.records6 : net.records).get(zone.id) ?? new Map<string, string>();
    let recordName = host;
    let target = records.get(host);
    if (target === undefined && host !== zone.name) {
        // A Route 53 wildcard matches any number of labels below the zone.
        recordName = `*.${zone.name}`;
        target = records.get(recordName);
    }
    if (target === undefined) {
        const missing = host === zone.name ? `the apex ${type} record ${zone.name}` : `the wildcard ${type} record *.${zone.name}`;
        return { reason: `zone ${zone.name} has no record for ${host} (NXDOMAIN): missing ${missing}` };
    }
    const endpoint = net.endpoints.find(e => e.names.some(n => underEndpointName(target!, n)));
    if (!endpoint) return { reason: `record ${recordName} aliases ${target}, which is no endpoint of the hub` };
    // Route 53 answers an alias with the target's own records in AWS's zone: a name AWS does
    // not serve (S3's bare regional name, whose record is the wildcard) answers nothing.
    const found = lookupRecord(dns, target);
    if (!found) {
        if (type === "AAAA") {
            return {
                reason: `record ${recordName} AAAA aliases ${target}, which has no AAAA record in AWS's zone of endpoint ${endpoint.id} (${endpoint.service}): ` +
                    `the endpoint needs ipAddressType dualstack and dnsOptions.dnsRecordIpType dualstack`,
            };
        }
        return {
            reason: `record ${recordName} aliases ${target}: alias target ${target} does not exist in AWS's zone of endpoint ${endpoint.id} (${endpoint.service}), ` +
                `which serves ${endpoint.names.join(", ")}; alias the first DNS entry exactly as AWS returns it`,
        };
    }
    const ips = [...found.ips];
    if (!ips.length) return { reason: `endpoint ${endpoint.id} (${endpoint.service}) has no network interface addresses` };
    return { ips, endpoint, hops: [`zone ${zone.name} (${zone.id})${src.via}`, `record ${recordName} ${type} alias -> ${target} -> ${ips.join(", ")}`] };
}

/**
 * Route 53's answer for `host` in the source's DNS VPC: the longest name among the zones and
 * private DNS names the VPC sees (directly or through its Route 53 Profile), then the record
 * of `type` (A, or AAAA for a dual-stack service's twins). Two sources of one name that answer
 * differently fail the check: which one wins (a zone associated directly, or the same name
 * from a profile) is not settled by AWS's documents (verify).
 */
function resolveName(net: Network, src: Source, host: string, t: Trace, type: "A" | "AAAA" = "A"): { ips: string[]; endpoint: Network["endpoints"][number] } | false {
    const visible = sourcesOf(net, src.dnsVpcId).filter(x => isUnder(host, x.name));
    const longest = Math.max(-1, ...visible.map(x => x.name.length));
    const best = visible.filter(x => x.name.length === longest);
    const via = src.vpcId ? `${src.name} VPC ${src.dnsVpcId}` : `${src.name} -> Resolver inbound -> hub VPC ${src.dnsVpcId}`;
    if (!best.length) return t.fail(missingSource(net, src, host));
    const answers = best.map(b => ({ b, a: answerFrom(net, b, host, type) }));
    const first = answers[0].a;
    const key = (a: Answer) => "reason" in a ? `fail:${a.reason}` : [...a.ips].sort().join(",");
    if (answers.some(x => key(x.a) !== key(first))) {
        return t.fail(`${via} sees ${best.length} sources for ${best[0].name} that answer differently ` +
            `(${answers.map(x => `${x.b.zone ? `zone ${x.b.zone.id}` : `endpoint ${x.b.endpoint!.id}`}${x.b.via}`).join("; ")}): which one wins is not settled (verify); keep one`);
    }
    if ("reason" in first) return t.fail(first.reason);
    t.hop(`DNS ${via}: ${first.hops[0]}`);
    for (const h of first.hops.slice(1)) t.hop(h);
    return { ips: first.ips, endpoint: first.endpoint };
}

/** Why no private source covers `host` for this source: the missing association, by name. */
function missingSource(net: Network, src: Source, host: string): string {
    const publicly = `${host} gets the public answer and traffic leaves through the internet`;
    const existing = net.zones.filter(z => isUnder(host, z.name)).sort((a, b) => b.name.length - a.name.length)[0];
    const refused = existing && net.unauthorized.get(existing.id)?.get(src.dnsVpcId);
    if (refused) {
        return `zone ${existing.name} (${existing.id}) is not associated with ${src.name}'s VPC ${src.dnsVpcId}: the ZoneAssociation of stack ${refused.stack} ` +
            `(account ${refused.accountId}, not the hub's) needs the hub's VpcAssociationAuthorization for this zone and VPC, and the hub planned none, so AWS refuses it: ` +
            publicly;
    }
    const holding = [...net.profiles.values()].find(p =>
        net.zones.some(z => p.zoneIds.has(z.id) && isUnder(host, z.name)) ||
        net.endpoints.some(e => p.endpointIds.has(e.id) && e.privateDnsNames.some(n => isUnder(host, n.name))));
    if (holding && src.vpcId) {
        const other = net.vpcProfile.get(src.dnsVpcId);
        return other
            ? `${src.name}'s VPC ${src.dnsVpcId} is associated with Route 53 Profile ${other}, not with ${holding.id} (hub ${holding.stack}), which holds ${host}: ${publicly}`
            : `missing profile association: ${src.name}'s VPC ${src.dnsVpcId} is not associated with Route 53 Profile ${holding.id} (hub ${holding.stack}), which holds ${host}: ${publicly}`;
    }
    if (existing) {
        return `zone ${existing.name} (${existing.id}) is not associated with ${src.vpcId ? `${src.name}'s VPC` : "the hub VPC, where the Resolver inbound endpoint answers"} ${src.dnsVpcId}: ${publicly}`;
    }
    if (holding) return `the hub VPC ${src.dnsVpcId}, where the Resolver inbound endpoint answers, sees no private source for ${host} (only Route 53 Profile ${holding.id} holds it): ${publicly}`;
    return `no private zone covers ${host}: it gets the public answer and traffic leaves through the internet`;
}

/** Whether `target` is one of an endpoint's names or a name under it (`*.vpce-x.s3...` covers `vpce-x.s3...` and below). */
function underEndpointName(target: string, endpointName: string): boolean {
    const base = endpointName.replace(/^\*\./, "");
    return target === endpointName || target === base || target.endsWith(`.${base}`);
}

/** True when block `inner` lies inside `outer`; false when either is not a CIDR block. */
function inside(inner: string, outer: string): boolean {
    const i = parseCidr(inner);
    const o = parseCidr(outer);
    return typeof i !== "string" && typeof o !== "string" && i.prefix >= o.prefix && i.network.match(o.network, o.prefix);
}

/**
 * Whether a route table sends every address of `cidr` by a route `ok` accepts: the longest
 * route holding the whole block, and every more specific route inside the block.
 */
function routesWholeBlock(routes: CidrTable<VpcRoute>, cidr: string, ok: (r: VpcRoute) => boolean): boolean {
    const covering = routes.longestCovering(cidr);
    return covering !== undefined && ok(covering) && routes.inside(cidr).every(r => r === covering || ok(r));
}

/** From a spoke's route tables to every address of the answer in the hub, and back. */
function spokeReaches(net: Network, src: Source, ips: readonly string[], t: Trace): boolean {
    for (const rtId of src.routeTableIds) {
        for (const ip of ips) {
            if (!spokeReachesIp(net, src, rtId, ip, t)) return false;
        }
    }
    return true;
}

/** From one route table of a spoke to `ip` in the hub; the way back covers the spoke's whole CIDR. */
function spokeReachesIp(net: Network, src: Source, rtId: string, ip: string, t: Trace): boolean {
    const route = net.routeTable(rtId).longestMatch(ip);
    if (!route) return t.fail(`route table ${rtId} of ${src.name} has no route to ${ip} (hub ${net.hub.vpc.cidr})`);
    if (route.peeringId) {
        const p = net.peerings.get(route.peeringId);
        const joins = p && ((p.vpcId === src.vpcId && p.peerVpcId === net.hubVpcId) || (p.peerVpcId === src.vpcId && p.vpcId === net.hubVpcId));
        if (!joins) return t.fail(`route ${route.destination} in ${rtId} points at ${route.peeringId}, which does not join ${src.name} and the hub`);
        if (!p!.accepted) return t.fail(`peering ${route.peeringId} is not accepted (missing the VpcPeeringConnectionAccepter in ${src.name})`);
        t.hop(`route ${rtId}: ${route.destination} via ${route.peeringId} (accepted)`);
        for (const hubRt of net.hubRouteTableIds) {
            if (!routesWholeBlock(net.routeTable(hubRt), src.cidr, r => r.peeringId === route.peeringId)) {
                return t.fail(`hub route table ${hubRt} has no return route to ${src.cidr} via ${route.peeringId}`);
            }
        }
        t.hop(`return: hub route tables ${net.hubRouteTableIds.join(", ")} -> ${src.cidr} via ${route.peeringId}`);
    } else if (route.transitGatewayId) {
        const from = net.attachmentOf(src.vpcId!, route.transitGatewayId);
        if (!from) return t.fail(`${src.name} has no attachment to ${route.transitGatewayId}`);
        const { table, to } = net.tgwNextHop(from, ip);
        if (!table) return t.fail(`attachment ${from.id} of ${src.name} is associated with no TGW route table`);
        if (!to || to.vpcId !== net.hubVpcId) return t.fail(`TGW route table ${table} has no route to ${ip} through the hub attachment`);
        t.hop(`route ${rtId}: ${route.destination} via ${route.transitGatewayId} -> table ${table} -> attachment ${to.id} (hub)`);
        const back = net.tgwBlockHop(to, src.cidr);
        if (!back.to || back.to.id !== from.id) {
            return t.fail(`TGW route table ${back.table ?? "(none)"} of the hub attachment has no return route to ${src.cidr} (spoke attachment ${from.id} does not propagate into it)`);
        }
        for (const hubRt of net.hubRouteTableIds) {
            if (!routesWholeBlock(net.routeTable(hubRt), src.cidr, r => r.transitGatewayId === route.transitGatewayId)) {
                const lists = net.listRoutesOf(hubRt).filter(r => r.transitGatewayId === route.transitGatewayId).map(r => r.prefixListId!);
                return t.fail(`hub route table ${hubRt} has no return route to ${src.cidr} via ${route.transitGatewayId}` + net.prefixListGap(lists, src.name, src.cidr));
            }
        }
        t.hop(`return: TGW table ${back.table} -> ${from.id}; hub route tables -> ${src.cidr} via ${route.transitGatewayId}`);
    } else {
        return t.fail(`route ${route.destination} in ${rtId} has no peering or Transit Gateway target`);
    }
    return true;
}

function firstHost(cidr: string): string {
    return cidr.split("/")[0];
}

/**
 * On-prem reaches the hub VPC over the VPN; the hub route tables must know the way back, by
 * propagation from (or a static route to) the hub's own VPN gateway: another gateway's
 * routes lead elsewhere.
 */
function onPremReaches(net: Network, src: Source, t: Trace): boolean {
    const vgws = net.vpnGatewayIds;
    const vgw = vgws.size ? [...vgws].join(", ") : "(created VPN gateway)";
    // A VPN the hub created routes statically: the tunnel carries only the declared networks.
    if (net.hub.onPrem?.customerGateway && !net.vpnRoutes.some(d => inside(src.cidr, d))) {
        return t.fail(`the hub's VPN connection has no static route to on-prem ${src.cidr} (missing VpnConnectionRoute)`);
    }
    for (const hubRt of net.hubRouteTableIds) {
        const propagations = net.vgwPropagations.filter(p => p.routeTableId === hubRt);
        const propagated = propagations.some(p => vgws.has(p.vpnGatewayId));
        const staticRoute = net.routesOf(hubRt).some(r => r.vpnGatewayId !== undefined && vgws.has(r.vpnGatewayId) && inside(src.cidr, r.destination));
        if (!propagated && !staticRoute) {
            const others = propagations.length ? `; it propagates only from ${propagations.map(p => p.vpnGatewayId).join(", ")}, which is not the hub's VPN gateway` : "";
            return t.fail(`hub route table ${hubRt} has no route back to on-prem ${src.cidr} (missing VPN gateway route propagation from ${vgw}${others})`);
        }
    }
    t.hop(`VPN ${vgw}: hub route tables ${net.hubRouteTableIds.join(", ")} route ${src.cidr} back to on-prem`);
    return true;
}

function checkService(net: Network, src: Source, service: string, host: string, ports: readonly number[]): PathCheck {
    const t = new Trace();
    const fail = (answer: string[] = []): PathCheck => ({ kind: "service", source: src.name, service, host, answer, verdict: "fail", reason: t.reason, path: t.path });
    if (!src.vpcId) {
        // On-prem DNS: forwarder -> Resolver inbound (over the VPN, admitted on 53) -> hub VPC zones.
        const resolver = net.resolvers[0];
        if (!resolver) { t.fail("no Resolver inbound endpoint in the hub: on-prem forwarders have nowhere to send queries"); return fail(); }
        if (!onPremReaches(net, src, t)) return fail();
        for (const cidr of net.hub.onPrem?.dnsServerCidrs ?? [src.cidr]) {
            for (const protocol of ["udp", "tcp"]) {
                if (!net.sgAdmits(resolver.sgIds, cidr, protocol, 53)) {
                    t.fail(`Resolver security group ${net.sgNames(resolver.sgIds)} does not admit on-prem DNS ${cidr} on ${protocol} 53`);
                    return fail();
                }
            }
        }
        t.hop(`forwarder -> Resolver inbound ${resolver.ips.join(", ")} (tcp+udp 53 admitted)`);
    }
    const resolved = resolveName(net, src, host, t);
    if (!resolved) return fail();
    const { ips: answer, endpoint } = resolved;
    if (src.vpcId) {
        if (!spokeReaches(net, src, answer, t)) return fail(answer);
    } else {
        // The VPN delivers on-prem packets into the hub VPC; the way back was checked above.
        if (!answer.every(ip => contains(net.hub.vpc.cidr, ip))) { t.fail(`answer ${answer.join(", ")} is outside the hub VPC`); return fail(answer); }
    }
    for (const port of ports) {
        if (!net.sgAdmits(endpoint.sgIds, src.cidr, "tcp", port)) {
            t.fail(`endpoint security group ${net.sgNames(endpoint.sgIds)} does not admit ${src.name} ${src.cidr} on tcp ${port}` +
                net.prefixListGap(net.sgPrefixLists(endpoint.sgIds), src.name, src.cidr));
            return fail(answer);
        }
    }
    t.hop(`security group admits ${src.cidr} on tcp ${ports.join(", ")} -> endpoint ${endpoint.id} (${endpoint.service})`);
    return { kind: "service", source: src.name, service, host, answer, verdict: "pass", reason: "", path: t.path };
}

/**
 * The IPv6 half of a dual-stack service's check, for one IPv6 block of a source: the AAAA
 * answer, the IPv6 routes there and back (peering; or the TGW, whose tables carry IPv6 for
 * attachments with ipv6Support, the same tables the IPv4 check follows), and the security
 * group's IPv6 rules. On-prem IPv6 arrives over Direct Connect on the hub's virtual private
 * gateway (a VPN on one carries IPv4 only); its DNS path is the IPv4 one, checked with A.
 */
function checkService6(net: Network, src: Source, block: string, service: string, host: string, ports: readonly number[]): PathCheck {
    const t = new Trace();
    const result = (verdict: "pass" | "fail", answer: string[] = []): PathCheck => ({
        kind: "service", recordType: "AAAA", source: src.name, service, host, answer, verdict, reason: verdict === "pass" ? "" : t.reason, path: t.path,
    });
    const hub6 = net.hub.vpc.kind === "existing" ? net.hub.vpc.ipv6Cidr : undefined;
    if (!src.vpcId && !net.resolvers.length) { t.fail("no Resolver inbound endpoint in the hub: on-prem forwarders have nowhere to send queries"); return result("fail"); }
    const resolved = resolveName(net, src, host, t, "AAAA");
    if (!resolved) return result("fail");
    const { ips: answer, endpoint } = resolved;
    if (!hub6 || !answer.every(ip => contains6(hub6, ip))) { t.fail(`AAAA answer ${answer.join(", ")} is outside the hub VPC's IPv6 block ${hub6 ?? "(none declared)"}`); return result("fail", answer); }
    if (src.vpcId) {
        for (const rtId of src.routeTableIds) {
            for (const ip of answer) if (!spokeReachesIp6(net, src, block, rtId, ip, t)) return result("fail", answer);
        }
    } else {
        const vgws = net.vpnGatewayIds;
        for (const hubRt of net.hubRouteTableIds) {
            if (!net.vgwPropagations.some(p => p.routeTableId === hubRt && vgws.has(p.vpnGatewayId))) {
                t.fail(`hub route table ${hubRt} learns no routes from the hub's virtual private gateway: no way back to on-prem ${block}`);
                return result("fail", answer);
            }
        }
        t.hop(`on-prem ${block} over Direct Connect on ${[...vgws].join(", ")}: hub route tables propagate its routes`);
    }
    for (const port of ports) {
        if (!net.sgAdmits6(endpoint.sgIds, block, "tcp", port)) {
            t.fail(`endpoint security group ${net.sgNames(endpoint.sgIds)} does not admit ${src.name} ${block} on tcp ${port} (no IPv6 rule)`);
            return result("fail", answer);
        }
    }
    t.hop(`security group admits ${block} on tcp ${ports.join(", ")} -> endpoint ${endpoint.id} (${endpoint.service})`);
    return result("pass", answer);
}

/** From one route table of a spoke to the IPv6 address `ip` in the hub, and back to `block`. */
function spokeReachesIp6(net: Network, src: Source, block: string, rtId: string, ip: string, t: Trace): boolean {
    const route = net.route6(rtId, ip);
    if (!route) return t.fail(`route table ${rtId} of ${src.name} has no IPv6 route to ${ip}`);
    const back = (ok: (r: VpcRoute6) => boolean, via: string): boolean => {
        for (const hubRt of net.hubRouteTableIds) {
            if (!net.routes6.some(r => r.routeTableId === hubRt && ok(r) && within6(block, r.destination))) {
                return t.fail(`hub route table ${hubRt} has no IPv6 return route to ${block} via ${via}`);
            }
        }
        return true;
    };
    if (route.peeringId) {
        const p = net.peerings.get(route.peeringId);
        const joins = p && ((p.vpcId === src.vpcId && p.peerVpcId === net.hubVpcId) || (p.peerVpcId === src.vpcId && p.vpcId === net.hubVpcId));
        if (!joins) return t.fail(`IPv6 route ${route.destination} in ${rtId} points at ${route.peeringId}, which does not join ${src.name} and the hub`);
        if (!p!.accepted) return t.fail(`peering ${route.peeringId} is not accepted (missing the VpcPeeringConnectionAccepter in ${src.name})`);
        if (!back(r => r.peeringId === route.peeringId, route.peeringId)) return false;
        t.hop(`route ${rtId}: ${route.destination} via ${route.peeringId}; return ${block} via ${route.peeringId}`);
        return true;
    }
    if (route.transitGatewayId) {
        const from = net.attachmentOf(src.vpcId!, route.transitGatewayId);
        if (!from) return t.fail(`${src.name} has no attachment to ${route.transitGatewayId}`);
        const { table, to } = net.tgwNextHop(from, firstHost(net.hub.vpc.cidr));
        if (!to || to.vpcId !== net.hubVpcId) return t.fail(`TGW route table ${table ?? "(none)"} of ${src.name}'s attachment does not lead to the hub attachment`);
        const ret = net.tgwBlockHop(to, src.cidr);
        if (!ret.to || ret.to.id !== from.id) return t.fail(`TGW route table ${ret.table ?? "(none)"} of the hub attachment does not lead back to ${src.name}'s attachment ${from.id}`);
        for (const a of [from, to]) {
            if (!net.ipv6Attachments.has(a.id)) return t.fail(`TGW attachment ${a.id} (${a.vpcId}) has no ipv6Support: the Transit Gateway carries no IPv6 through it`);
        }
        if (!back(r => r.transitGatewayId === route.transitGatewayId, route.transitGatewayId)) return false;
        t.hop(`route ${rtId}: ${route.destination} via ${route.transitGatewayId} (attachments ${from.id}, ${to.id} with ipv6Support); return ${block}`);
        return true;
    }
    return t.fail(`IPv6 route ${route.destination} in ${rtId} has no peering or Transit Gateway target`);
}

/**
 * Spokes must not reach each other, neither by their own routes nor through the TGW. Each
 * spoke's paths are followed once, to whatever they lead: a route over a peering reaches the
 * VPC at its other end, a route into the TGW reaches the attachments its table learned within
 * the route's block, and the spoke's TGW table must have learned no other spoke at all. Where
 * a path ends at another spoke's VPC, inside that spoke's CIDR, the two are joined. The work
 * grows with the routes and TGW entries each spoke's paths meet, not with the fleet squared:
 * `work` counts the entries and index probes examined, for the test that holds it linear.
 */
function checkIsolation(net: Network, spokes: readonly Source[], work: WorkCounter = { comparisons: 0 }): PathCheck[] {
    const byVpc = new Map<string, Source>();
    for (const s of spokes) if (s.vpcId) byVpc.set(s.vpcId, s);
    const checks: PathCheck[] = [];
    for (const a of spokes) {
        /** The first path found to each spoke `a` reaches, by spoke name. */
        const leaks = new Map<string, { to: Source; how: string }>();
        const leak = (vpcId: string | undefined, how: (to: Source) => string) => {
            work.comparisons++;
            const to = vpcId === undefined ? undefined : byVpc.get(vpcId);
            if (to && to !== a && !leaks.has(to.name)) leaks.set(to.name, { to, how: how(to) });
        };
        const seen: string[] = [];
        for (const rtId of a.routeTableIds) {
            for (const route of net.routesOf(rtId)) {
                work.comparisons++;
                if (route.peeringId) {
                    // A peering delivers only into the VPC at its other end, and only inside that VPC's CIDR.
                    const p = net.peerings.get(route.peeringId);
                    if (!p?.accepted) continue;
                    for (const end of [p.vpcId, p.peerVpcId]) {
                        const to = byVpc.get(end);
                        if (to && to !== a && overlapsBlock(route.destination, to.cidr)) {
                            leak(end, b => `route ${route.destination} in ${rtId} via ${route.peeringId} reaches ${b.name}`);
                        }
                    }
                } else if (route.transitGatewayId) {
                    const from = net.attachmentOf(a.vpcId!, route.transitGatewayId);
                    const table = from && net.tgwTableOf(from);
                    if (!from || !table || typeof parseCidr(route.destination) === "string") continue;
                    // Every attachment the table learned within the route's block, taken where the
                    // longest match really sends the first address both blocks share.
                    for (const to of net.tgwLearned(from.tgwId, table).overlapping(route.destination, work)) {
                        const cidr = net.vpcCidrs.get(to.vpcId)!;
                        const probe = firstHost(within(route.destination, cidr) ? route.destination : cidr);
                        if (net.tgwNextHop(from, probe, work).to !== to) continue;
                        leak(to.vpcId, () => `TGW route table ${table} sends ${a.name}'s packets to ${byVpc.get(to.vpcId)!.name}'s attachment ${to.id}`);
                    }
                }
            }
            seen.push(rtId);
        }
        // Whatever the spoke's own route tables say, its TGW tables must not know other spokes.
        const tables: string[] = [];
        for (const from of net.attachmentsOf(a.vpcId!)) {
            const table = net.tgwTableOf(from);
            if (!table) continue;
            tables.push(table);
            for (const to of net.tgwLearned(from.tgwId, table).values()) {
                work.comparisons++;
                const b = byVpc.get(to.vpcId);
                if (!b || b === a || net.tgwNextHop(from, firstHost(b.cidr), work).to !== to) continue;
                leak(to.vpcId, () => `TGW route table ${table} of ${a.name}'s attachment routes ${b.cidr} to ${b.name}'s attachment ${to.id}`);
            }
        }
        if (!leaks.size) {
            const via = [`route tables ${seen.join(", ") || "(none)"}`, ...(tables.length ? [`TGW route tables ${tables.join(", ")}`] : [])];
            checks.push({
                kind: "isolation", source: a.name, service: "spoke:*", host: "every other spoke", answer: [], verdict: "pass", reason: "",
                path: [`no route of ${a.name} reaches another spoke (${via.join("; ")} lead to no other spoke's CIDR)`],
            });
        }
        for (const { to, how } of leaks.values()) {
            checks.push({
                kind: "isolation", source: a.name, service: `spoke:${to.name}`, host: to.cidr, answer: [], verdict: "fail",
                reason: `spokes must not reach each other: ${how}`, path: [],
            });
        }
    }
    return checks;
}

/** True when the two blocks share an address; false when either is not a CIDR block. */
function overlapsBlock(a: string, b: string): boolean {
    return inside(a, b) || inside(b, a);
}

/** Every name a service is reached by: each zone's apex, and a prefixed name where it has a wildcard. */
export function hostsOf(hub: HubConfig, zonesCreated?: ReadonlySet<string>): { service: string; host: string; ports: readonly number[] }[] {
    // A dual-stack zone exists only where AWS serves its name (lib/endpointService.ts).
    return hub.services.flatMap(s => s.zones.filter(z => !z.ifServed || !zonesCreated || zonesCreated.has(z.name)).flatMap(z => [
        { service: s.name, host: z.name, ports: s.ports },
        ...(z.wildcard ? [{ service: s.name, host: `${z.examplePrefix ?? "example"}.${z.name}`, ports: s.ports }] : []),
    ]));
}

/**
 * A spoke of one hub must not reach another hub's spokes, nor another hub's endpoints. As in
 * checkIsolation, each spoke's paths are followed once, to whatever they lead: a peering to the
 * VPC at its other end, a route into the TGW to the attachments its table learned within the
 * route's block; and its TGW table must have learned none of another hub's spokes. Reaching
 * another hub's VPC is a leak only where that hub's endpoint security groups admit the spoke
 * (hubs sharing a Transit Gateway share its spokes table, which learns every hub's VPC). One
 * check per spoke and other hub.
 */
function checkCrossHub(net: Network, spokes: readonly Source[], stacks: readonly PlannedStack[], work: WorkCounter): PathCheck[] {
    const others = stacks.filter(s => s.role === "hub" && s !== net.hubStack);
    /** Every VPC of another hub: its own and its spokes'. */
    const foreign = new Map<string, { hub: PlannedStack; name: string; cidr: string; isHub: boolean }>();
    for (const h of others) {
        foreign.set(h.outputs.vpcId, { hub: h, name: `hub ${h.stack}`, cidr: (h.config as HubConfig).vpc.cidr, isHub: true });
        for (const s of stacks.filter(x => x.role === "spoke" && hubStackName((x.config as SpokeConfig).hubStack) === h.stack)) {
            const c = s.config as SpokeConfig;
            foreign.set(c.vpc.id, { hub: h, name: s.stack, cidr: c.vpc.cidr, isHub: false });
        }
    }
    /** Whether any endpoint security group of hub `h` admits `cidr` on some port. */
    const admits = new Map<string, boolean>();
    const admitted = (h: PlannedStack, cidr: string): boolean => {
        const k = `${h.stack} ${cidr}`;
        if (!admits.has(k)) {
            const sgIds = new Set(h.resources.filter(r => r.type === T.vpcEndpoint).flatMap(r => (r.inputs.securityGroupIds ?? []) as string[]));
            admits.set(k, [...sgIds].some(id => (net.sgs.get(id)?.ingress ?? []).some(rule => (rule.cidrBlocks ?? []).some(c => within(cidr, c)))));
        }
        return admits.get(k)!;
    };
    const checks: PathCheck[] = [];
    for (const a of spokes) {
        const leaks = new Map<string, string>(); // other hub -> first path found into it
        const reach = (vpcId: string, how: (to: string) => string) => {
            work.comparisons++;
            const to = foreign.get(vpcId);
            if (!to || leaks.has(to.hub.stack) || (to.isHub && !admitted(to.hub, a.cidr))) return;
            leaks.set(to.hub.stack, how(`${to.name} ${to.cidr}`));
        };
        for (const rtId of a.routeTableIds) {
            for (const route of net.routesOf(rtId)) {
                work.comparisons++;
                if (route.peeringId) {
                    const p = net.peerings.get(route.peeringId);
                    if (!p?.accepted) continue;
                    for (const end of [p.vpcId, p.peerVpcId]) {
                        const to = foreign.get(end);
                        if (to && overlapsBlock(route.destination, to.cidr)) reach(end, b => `route ${route.destination} in ${rtId} via ${route.peeringId} reaches ${b}`);
                    }
                } else if (route.transitGatewayId) {
                    const from = net.attachmentOf(a.vpcId!, route.transitGatewayId);
                    const table = from && net.tgwTableOf(from);
                    if (!from || !table || typeof parseCidr(route.destination) === "string") continue;
                    for (const to of net.tgwLearned(from.tgwId, table).overlapping(route.destination, work)) {
                        if (!foreign.has(to.vpcId)) continue;
                        const cidr = net.vpcCidrs.get(to.vpcId)!;
                        const probe = firstHost(within(route.destination, cidr) ? route.destination : cidr);
                        if (net.tgwNextHop(from, probe, work).to !== to) continue;
                        reach(to.vpcId, b => `route ${route.destination} in ${rtId} via ${route.transitGatewayId} (TGW route table ${table}) reaches ${b}`);
                    }
                }
            }
        }
        // Whatever the spoke's own routes say, its TGW tables must not know another hub's spokes.
        for (const from of net.attachmentsOf(a.vpcId!)) {
            const table = net.tgwTableOf(from);
            if (!table) continue;
            for (const to of net.tgwLearned(from.tgwId, table).values()) {
                work.comparisons++;
                const b = foreign.get(to.vpcId);
                if (!b || b.isHub || net.tgwNextHop(from, firstHost(b.cidr), work).to !== to) continue;
                reach(to.vpcId, () => `TGW route table ${table} of ${a.name}'s attachment routes ${b.cidr} to ${b.name}'s attachment ${to.id}`);
            }
        }
        for (const h of others) {
            const how = leaks.get(h.stack);
            checks.push({
                kind: "isolation", source: a.name, service: `hub:${h.stack}`, host: (h.config as HubConfig).vpc.cidr, answer: [],
                verdict: how ? "fail" : "pass",
                reason: how ? `a spoke of hub ${net.hubStack.stack} must not reach hub ${h.stack} or its spokes: ${how}` : "",
                path: how ? [] : [`no path of ${a.name} reaches hub ${h.stack} (its endpoints do not admit ${a.cidr}) or its spokes`],
            });
        }
    }
    return checks;
}

/**
 * Every hub's checks: its spokes and on-prem against its names, isolation among its spokes and
 * from every other hub. `isolationWork`, when given, counts the comparisons the isolation
 * proofs made (see checkIsolation).
 */
export function checkPaths(stacks: readonly PlannedStack[], publicDns: Record<string, string[]>, isolationWork?: WorkCounter, publicDns6: Record<string, string[]> = {}, established?: ReadonlySet<string>): PathCheck[] {
    const hubs = stacks.filter(s => s.role === "hub");
    if (!hubs.length) throw new Error("path checks need a hub stack");
    return hubs.flatMap(h => checkHubPaths(stacks, publicDns, h.stack, isolationWork ?? { comparisons: 0 }, publicDns6, established));
}

function checkHubPaths(stacks: readonly PlannedStack[], publicDns: Record<string, string[]>, hubName: string, isolationWork: WorkCounter, publicDns6: Record<string, string[]>, established?: ReadonlySet<string>): PathCheck[] {
    const net = new Network(stacks, publicDns, hubName, publicDns6, established);
    const sources: Source[] = net.spokes.map(s => ({
        name: s.stack, cidr: s.config.vpc.cidr, dnsVpcId: s.config.vpc.id, vpcId: s.config.vpc.id, routeTableIds: s.config.vpc.routeTableIds,
    }));
    // Spokes the hub registers but the plan has no stack for get checked too: they will fail.
    for (const entry of net.hub.spokes) {
        if (!sources.some(s => s.name === entry.name)) {
            sources.push({ name: entry.name, cidr: entry.cidr, dnsVpcId: entry.vpcId, vpcId: entry.vpcId, routeTableIds: [] });
        }
    }
    const onPrem: Source[] = (net.hub.onPrem?.cidrs ?? []).map(cidr => ({ name: "on-prem", cidr, dnsVpcId: net.hubVpcId, routeTableIds: [] }));
    const hosts = hostsOf(net.hub, new Set(net.zones.map(z => z.name)));
    const checks: PathCheck[] = [];
    for (const src of [...sources, ...onPrem]) {
        if (src.vpcId && !src.routeTableIds.length) {
            for (const h of hosts) {
                checks.push({ kind: "service", source: src.name, service: h.service, host: h.host, answer: [], verdict: "fail", reason: `the hub lists spoke ${src.name} but the plan has no stack Pulumi.${src.name}.yaml for it`, path: [] });
            }
            continue;
        }
        for (const h of hosts) checks.push(checkService(net, src, h.service, h.host, h.ports));
        // Dual-stack services: each IPv6 block the hub registered for the source resolves AAAA too.
        const blocks = src.vpcId ? net.hub.spokes.find(s => s.name === src.name)?.ipv6Cidrs ?? [] : src === onPrem[0] ? net.hub.onPrem?.ipv6Cidrs ?? [] : [];
        for (const block of blocks) {
            for (const h of hosts.filter(x => net.dualStackServices.has(x.service))) checks.push(checkService6(net, src, block, h.service, h.host, h.ports));
        }
    }
    const planned = sources.filter(s => s.routeTableIds.length);
    checks.push(...checkIsolation(net, planned, isolationWork));
    checks.push(...checkCrossHub(net, planned, stacks, isolationWork));
    // With several hubs each check says whose it is; one hub's plan reads as before.
    return stacks.some(s => s.role === "hub" && s.stack !== hubName) ? checks.map(c => ({ ...c, hub: hubName })) : checks;
}

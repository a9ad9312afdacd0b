// The network of a plan as the path checks see it: every stack's planned resources indexed
// for lookups (zones, records, endpoints, profiles, routes, peerings, Transit Gateway tables,
// security groups, prefix lists, the hub's Resolver and VPN), plus the consumer (Source) and
// the trace (Trace) each check writes its hops and first failure into.
import { contains6, within6 } from "../net/ipv6";
import { within } from "../net/cidr";
import { CidrTable, WorkCounter } from "../net/cidrTable";
import { HubConfig, SpokeConfig, hubStackName } from "../config";
import { PlannedResource, PlannedStack, TYPES as T } from "../model";

export interface Zone { id: string; name: string; vpcIds: Set<string>; arn?: string }
/** A Route 53 Profile: what it holds (zones, endpoints with private DNS on). */
interface Profile { id: string; arn?: string; stack: string; zoneIds: Set<string>; endpointIds: Set<string> }
interface Rule { protocol: string; fromPort: number; toPort: number; cidrBlocks?: string[]; ipv6CidrBlocks?: string[]; prefixListIds?: string[] }
/** A route to an IPv6 block (destinationIpv6CidrBlock); kept apart from the IPv4 route index. */
export interface VpcRoute6 { routeTableId: string; destination: string; peeringId?: string; transitGatewayId?: string; name: string }
/** A route; one to a prefix list stands for one route per entry, each carrying the list's id. */
export interface VpcRoute { routeTableId: string; destination: string; peeringId?: string; transitGatewayId?: string; vpnGatewayId?: string; name: string; prefixListId?: string }
export interface Attachment {
    id: string; tgwId: string; vpcId: string; defaultAssociation: boolean; defaultPropagation: boolean;
    /** The block it propagates, where it is not its VPC's registered one (an unregistered attachment's). */
    cidr?: string;
    /** Made outside vpce-hub: no spoke registers its VPC (the hub found it at deploy time). */
    unregistered?: { accountId: string };
}
/**
 * An interface endpoint of any stack of the plan: the hub's, or one in a member's own VPC, whose
 * private DNS answers there before the hub's profile does (lib/aws/dnsPrecedence.ts).
 */
export interface NetworkEndpoint {
    id: string; service: string; sgIds: string[]; names: string[]; vpcId: string; arn?: string;
    /** Private DNS on: the names it answers itself (in its VPC, and through a profile that holds it). */
    privateDnsNames: { name: string; wildcard: boolean }[];
}

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
    readonly endpoints: NetworkEndpoint[] = [];
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
        // A member VPC's own endpoints and zones (no stack manages them) answer there too.
        const all: PlannedResource[] = stacks.flatMap(s => s.existing?.length ? [...s.resources, ...s.existing] : s.resources);
        const accepted = new Set(all.filter(r => r.type === T.vpcPeeringConnectionAccepter).map(r => String(r.inputs.vpcPeeringConnectionId)));
        // The Resolver and the VPN are this hub's own: another hub's serve other on-prem queries.
        const own = new Set(hubStack.resources);
        for (const r of all) {
            if (!own.has(r) && (r.type === T.resolverEndpoint || r.type === T.vpnConnectionRoute)) continue;
            this.add(r, accepted);
        }
        // Attachments no spoke registers, as each hub found them on its gateway: accepted
        // automatically, they take the gateway's default tables, one entry per block they propagate.
        for (const h of hubs) {
            const tgw = h.outputs.transitGateway;
            for (const u of tgw?.unregisteredAttachments ?? []) {
                if (u.state !== "available") continue;
                for (const cidr of u.cidrs) {
                    this.attachments.push({ id: u.id, tgwId: tgw!.id, vpcId: u.vpcId, defaultAssociation: true, defaultPropagation: true, cidr, unregistered: { accountId: u.accountId } });
                }
            }
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
                    id: r.id, service: r.outputs.service ?? r.name, sgIds: i.securityGroupIds ?? [], names: entries.map(e => e.dnsName),
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
                    if (!learned) this.learnedByTable.set(key, learned = new CidrTable<Attachment>([], x => x.cidr ?? this.vpcCidrs.get(x.vpcId)));
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

    /**
     * An attachment no spoke registers that the table `from` uses learned inside `cidr` (the block
     * itself included): it takes those addresses of whoever `cidr` belongs to.
     */
    tgwHijacker(from: Attachment, cidr: string): Attachment | undefined {
        const table = this.tgwTableOf(from);
        return table ? this.tgwLearned(from.tgwId, table).inside(cidr).find(a => a.unregistered) : undefined;
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
            const ok = sg?.ingress.some(rule => admitsPort(rule, protocol, port) &&
                [...(rule.cidrBlocks ?? []), ...(rule.prefixListIds ?? []).flatMap(pl => this.prefixLists.get(pl)?.cidrs ?? [])].some(c => within(sourceCidr, c)));
            if (ok) return id;
        }
        return undefined;
    }

    /** The IPv6 twin of sgAdmits: rules' `ipv6CidrBlocks`. */
    sgAdmits6(sgIds: readonly string[], sourceCidr: string, protocol: string, port: number): string | undefined {
        for (const id of sgIds) {
            const ok = this.sgs.get(id)?.ingress.some(rule => admitsPort(rule, protocol, port) &&
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

/**
 * Whether a rule admits `protocol` on `port`: protocol -1 is all traffic, on every port whatever
 * the rule's ports say (AWS: "If you specify -1 ... traffic on all ports is allowed, regardless
 * of any ports you specify"; Pulumi writes it with ports 0 to 0).
 */
function admitsPort(rule: Rule, protocol: string, port: number): boolean {
    return rule.protocol === "-1" || (rule.protocol === protocol && rule.fromPort <= port && port <= rule.toPort);
}

const EMPTY_ROUTES = new CidrTable<VpcRoute>([], r => r.destination);
const EMPTY_ATTACHMENTS = new CidrTable<Attachment>([], () => undefined);

/** A consumer of the hub: a spoke VPC or the on-prem network. */
export interface Source {
    readonly name: string;
    readonly cidr: string;
    /** The VPC whose zone associations answer its DNS (on-prem: the hub VPC, via the Resolver). */
    readonly dnsVpcId: string;
    readonly vpcId?: string;
    readonly routeTableIds: readonly string[];
}

/** What one check found: the hops it passed, and the first missing piece (its reason). */
export class Trace {
    readonly path: string[] = [];
    reason = "";
    /** Each hop once: several answer addresses take the same hops. */
    hop(text: string): void { if (!this.path.includes(text)) this.path.push(text); }
    fail(reason: string): false { this.reason = reason; return false; }
}

// Reads the live AWS state of a plan's stacks with the SDK, through the calls of
// doctor/aws/calls.ts only, into LiveState (lib/checks/live.ts). The hub's account is read for
// what the hub owns; each member account the doctor has credentials for adds its route tables,
// its VPC's own endpoints and zones, and its RAM invitations. Route 53 has no SDK paginator for
// these lists, so every list is paged here by hand.
import { HubConfig, SpokeConfig } from "../../lib/config";
import { HubAnchors, LiveEndpoint, LiveRoute, LiveRule, LiveState, LiveZone } from "../../lib/checks/live";
import { PlannedStack, TYPES as T } from "../../lib/model";
import { CALLS, Call, Clients } from "./calls";

/** Mutable twin of LiveState while reading. */
type Draft = { -readonly [K in keyof LiveState]: LiveState[K] extends readonly (infer X)[] ? X[] : LiveState[K] };

export function emptyDraft(): Draft {
    return { accounts: [], endpoints: [], securityGroups: [], zones: [], routeTables: [], peerings: [], attachments: [], propagations: [], tgwTables: [], resolvers: [], profiles: [], shares: [], invitations: [], prefixLists: [], vpnGateways: [], vpnRoutes: [] };
}

/** Every page of a list: `next` reads the token of a page and says what the next request adds. */
async function pages<O = any>(c: Clients, call: Call, input: Record<string, any>, next: (page: any) => Record<string, any> | undefined, items: (page: any) => O[] | undefined): Promise<O[]> {
    const out: O[] = [];
    let extra: Record<string, any> | undefined = {};
    for (let i = 0; extra && i < 1000; i++) {
        const page = await c.send(call, { ...input, ...extra });
        out.push(...(items(page) ?? []));
        extra = next(page);
    }
    return out;
}
const token = (key: string, as = key) => (p: any) => p[key] ? { [as]: p[key] } : undefined;
const chunks = <X>(xs: readonly X[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** Route 53 writes names with a trailing dot, and `*` as `\052`. */
export const dnsName = (n: string | undefined) => String(n ?? "").replace(/\\052/g, "*").replace(/\.$/, "").toLowerCase();
const zoneId = (id: string | undefined) => String(id ?? "").replace(/^\/hostedzone\//, "");

async function endpointsIn(c: Clients, vpcId: string): Promise<LiveEndpoint[]> {
    const raw = await pages(c, CALLS.describeVpcEndpoints, { Filters: [{ Name: "vpc-id", Values: [vpcId] }], MaxResults: 1000 }, token("NextToken"), p => p.VpcEndpoints);
    const interfaces = raw.filter((e: any) => e.VpcEndpointType === "Interface");
    const eniIds = interfaces.flatMap((e: any) => e.NetworkInterfaceIds ?? []);
    const enis = new Map<string, any>();
    for (const ids of chunks(eniIds, 100)) {
        for (const n of await pages(c, CALLS.describeNetworkInterfaces, { NetworkInterfaceIds: ids }, token("NextToken"), p => p.NetworkInterfaces)) enis.set(n.NetworkInterfaceId, n);
    }
    return interfaces.map((e: any) => ({
        id: e.VpcEndpointId, vpcId: e.VpcId, serviceName: e.ServiceName, state: e.State, privateDnsEnabled: e.PrivateDnsEnabled === true,
        ...(e.IpAddressType ? { ipAddressType: e.IpAddressType } : {}),
        dnsEntries: (e.DnsEntries ?? []).map((d: any) => ({ dnsName: dnsName(d.DnsName), hostedZoneId: d.HostedZoneId })),
        subnetIds: e.SubnetIds ?? [], securityGroupIds: (e.Groups ?? []).map((g: any) => g.GroupId), ...(e.PolicyDocument ? { policy: e.PolicyDocument } : {}),
        interfaces: (e.NetworkInterfaceIds ?? []).map((id: string) => enis.get(id)).filter(Boolean).map((n: any) => ({
            az: n.AvailabilityZone, ip: n.PrivateIpAddress, ipv6: (n.Ipv6Addresses ?? []).map((a: any) => a.Ipv6Address),
        })),
    }));
}

async function securityGroups(c: Clients, ids: readonly string[], d: Draft): Promise<void> {
    const wanted = [...new Set(ids)].filter(id => !d.securityGroups.some(g => g.id === id));
    for (const part of chunks(wanted, 100)) {
        for (const g of await pages(c, CALLS.describeSecurityGroups, { GroupIds: part }, token("NextToken"), p => p.SecurityGroups)) {
            d.securityGroups.push({
                id: g.GroupId, name: g.GroupName,
                ingress: (g.IpPermissions ?? []).map((p: any): LiveRule => ({
                    protocol: String(p.IpProtocol), fromPort: p.FromPort ?? 0, toPort: p.ToPort ?? 0,
                    cidrBlocks: (p.IpRanges ?? []).map((r: any) => r.CidrIp), ipv6CidrBlocks: (p.Ipv6Ranges ?? []).map((r: any) => r.CidrIpv6),
                    prefixListIds: (p.PrefixListIds ?? []).map((r: any) => r.PrefixListId),
                })),
            });
        }
    }
}

async function routeTables(c: Clients, ids: readonly string[], d: Draft): Promise<void> {
    if (!ids.length) return;
    const tables = await pages(c, CALLS.describeRouteTables, { RouteTableIds: [...ids] }, token("NextToken"), p => p.RouteTables);
    for (const t of tables) {
        d.routeTables.push({
            id: t.RouteTableId, vpcId: t.VpcId, propagatingVgws: (t.PropagatingVgws ?? []).map((v: any) => v.GatewayId),
            routes: (t.Routes ?? []).map((r: any): LiveRoute => ({
                ...(r.DestinationCidrBlock ? { destination: r.DestinationCidrBlock } : {}), ...(r.DestinationIpv6CidrBlock ? { destination6: r.DestinationIpv6CidrBlock } : {}),
                ...(r.DestinationPrefixListId ? { prefixListId: r.DestinationPrefixListId } : {}), ...(r.VpcPeeringConnectionId ? { peeringId: r.VpcPeeringConnectionId } : {}),
                ...(r.TransitGatewayId ? { transitGatewayId: r.TransitGatewayId } : {}), ...(r.GatewayId ? { gatewayId: r.GatewayId } : {}),
                state: r.State ?? "active", origin: r.Origin,
            })),
        });
    }
}

/** The hub's zones (by the plan's names, the one associated with the hub VPC first), each with its VPCs, records and authorizations. */
async function hubZones(c: Clients, names: ReadonlySet<string>, hubVpcId: string, accountId: string, d: Draft): Promise<void> {
    const all = await pages(c, CALLS.listHostedZones, { MaxItems: 100 }, p => p.IsTruncated && p.NextMarker ? { Marker: p.NextMarker } : undefined, p => p.HostedZones);
    const candidates = all.filter((z: any) => z.Config?.PrivateZone && names.has(dnsName(z.Name)));
    for (const z of candidates) {
        const id = zoneId(z.Id);
        const got = await c.send(CALLS.getHostedZone, { Id: id });
        const vpcs = (got.VPCs ?? []).map((v: any) => ({ vpcId: v.VPCId, region: v.VPCRegion }));
        const records = await pages(c, CALLS.listResourceRecordSets, { HostedZoneId: id, MaxItems: 300 },
            p => p.IsTruncated ? { StartRecordName: p.NextRecordName, StartRecordType: p.NextRecordType, ...(p.NextRecordIdentifier ? { StartRecordIdentifier: p.NextRecordIdentifier } : {}) } : undefined,
            p => p.ResourceRecordSets);
        const auths = await pages(c, CALLS.listVPCAssociationAuthorizations, { HostedZoneId: id, MaxResults: 50 }, token("NextToken"), p => p.VPCs);
        const zone: LiveZone = {
            id, name: dnsName(z.Name), ownerAccount: accountId, vpcs,
            records: records.map((r: any) => ({
                name: dnsName(r.Name), type: r.Type,
                ...(r.AliasTarget ? { aliasTarget: dnsName(r.AliasTarget.DNSName) } : { values: (r.ResourceRecords ?? []).map((x: any) => x.Value) }),
            })),
            authorizations: auths.map((v: any) => ({ vpcId: v.VPCId, region: v.VPCRegion })),
        };
        // Two zones of one name: the one the hub VPC holds is the hub's; keep the other too (it may be associated elsewhere).
        d.zones.push(zone);
    }
    d.zones.sort((a, b) => Number(b.vpcs.some(v => v.vpcId === hubVpcId)) - Number(a.vpcs.some(v => v.vpcId === hubVpcId)));
}

/** What the hub's account holds: endpoints, zones, the Resolver, routes, peerings, the Transit Gateway, the profile, shares, the VPN. */
export async function readHub(c: Clients, hub: PlannedStack, anchors: HubAnchors, d: Draft): Promise<string[]> {
    const notes: string[] = [];
    const cfg = hub.config as HubConfig;
    const has = (type: string) => hub.resources.some(r => r.type === type);
    const endpoints = await endpointsIn(c, anchors.vpcId);
    d.endpoints.push(...endpoints);
    const resolvers = has(T.resolverEndpoint) ? (await pages(c, CALLS.listResolverEndpoints, { MaxResults: 100 }, token("NextToken"), p => p.ResolverEndpoints))
        .filter((r: any) => r.HostVPCId === anchors.vpcId) : [];
    for (const r of resolvers) {
        const ips = await pages(c, CALLS.listResolverEndpointIpAddresses, { ResolverEndpointId: r.Id, MaxResults: 50 }, token("NextToken"), p => p.IpAddresses);
        d.resolvers.push({ id: r.Id, vpcId: r.HostVPCId, direction: r.Direction, status: r.Status, ips: ips.map((a: any) => a.Ip), securityGroupIds: r.SecurityGroupIds ?? [] });
    }
    await securityGroups(c, [...endpoints.flatMap(e => e.securityGroupIds), ...d.resolvers.flatMap(r => r.securityGroupIds)], d);
    const names = new Set(hub.resources.filter(r => r.type === T.zone).map(r => String(r.inputs.name)));
    await hubZones(c, names, anchors.vpcId, hub.accountId, d);
    await routeTables(c, anchors.routeTableIds, d);
    if (has(T.vpcPeeringConnection)) {
        for (const side of ["requester-vpc-info.vpc-id", "accepter-vpc-info.vpc-id"]) {
            const found = await pages(c, CALLS.describeVpcPeeringConnections, { Filters: [{ Name: side, Values: [anchors.vpcId] }], MaxResults: 1000 }, token("NextToken"), p => p.VpcPeeringConnections);
            for (const p of found) {
                if (d.peerings.some(x => x.id === p.VpcPeeringConnectionId)) continue;
                d.peerings.push({ id: p.VpcPeeringConnectionId, vpcId: p.RequesterVpcInfo?.VpcId, peerVpcId: p.AccepterVpcInfo?.VpcId, status: p.Status?.Code ?? "unknown" });
            }
        }
    }
    let tgwId = anchors.transitGatewayId ?? cfg.transitGatewayId;
    if (has(T.tgwAttachment) || tgwId) {
        if (!tgwId) {
            const own = await pages(c, CALLS.describeTransitGatewayAttachments, { Filters: [{ Name: "resource-id", Values: [anchors.vpcId] }, { Name: "resource-type", Values: ["vpc"] }] }, token("NextToken"), p => p.TransitGatewayAttachments);
            tgwId = own.find((a: any) => a.State === "available")?.TransitGatewayId ?? own[0]?.TransitGatewayId;
        }
    }
    if (!tgwId && has(T.tgwAttachment)) notes.push(`${hub.stack}: no Transit Gateway attachment of the hub VPC ${anchors.vpcId} was found: the Transit Gateway's attachments are not read`);
    if (tgwId) {
        const atts = await pages(c, CALLS.describeTransitGatewayAttachments, { Filters: [{ Name: "transit-gateway-id", Values: [tgwId] }, { Name: "resource-type", Values: ["vpc"] }], MaxResults: 1000 }, token("NextToken"), p => p.TransitGatewayAttachments);
        for (const a of atts) d.attachments.push({ id: a.TransitGatewayAttachmentId, tgwId: a.TransitGatewayId, vpcId: a.ResourceId, state: a.State, ...(a.Association?.State === "associated" ? { associationTableId: a.Association.TransitGatewayRouteTableId } : {}) });
        // Whether each VPC attachment carries IPv6 (its options; the generic list does not say).
        const vpcAttachments = await pages(c, CALLS.describeTransitGatewayVpcAttachments, { Filters: [{ Name: "transit-gateway-id", Values: [tgwId] }], MaxResults: 1000 }, token("NextToken"), p => p.TransitGatewayVpcAttachments);
        const ipv6 = new Set(vpcAttachments.filter((a: any) => a.Options?.Ipv6Support === "enable").map((a: any) => a.TransitGatewayAttachmentId));
        for (const a of d.attachments) if (ipv6.has(a.id)) (a as { ipv6Support?: boolean }).ipv6Support = true;
        // Every table of the Transit Gateway: one nothing is associated with still learns routes.
        const tables = await pages(c, CALLS.describeTransitGatewayRouteTables, { Filters: [{ Name: "transit-gateway-id", Values: [tgwId] }], MaxResults: 1000 }, token("NextToken"), p => p.TransitGatewayRouteTables);
        for (const t of tables) d.tgwTables.push({ id: t.TransitGatewayRouteTableId, tgwId: t.TransitGatewayId, ...(t.Tags?.find((x: any) => x.Key === "Name") ? { name: t.Tags.find((x: any) => x.Key === "Name").Value } : {}) });
        for (const table of new Set([...d.tgwTables.map(t => t.id), ...d.attachments.map(a => a.associationTableId).filter((x): x is string => Boolean(x))])) {
            const props = await pages(c, CALLS.getTransitGatewayRouteTablePropagations, { TransitGatewayRouteTableId: table, MaxResults: 1000 }, token("NextToken"), p => p.TransitGatewayRouteTablePropagations);
            for (const p of props) d.propagations.push({ tableId: table, attachmentId: p.TransitGatewayAttachmentId, state: p.State });
        }
    }
    if (has(T.profile)) {
        const wanted = new Set(hub.resources.filter(r => r.type === T.profile).map(r => String(r.inputs.name)));
        const profiles = (await pages(c, CALLS.listProfiles, { MaxResults: 100 }, token("NextToken"), p => p.ProfileSummaries)).filter((p: any) => wanted.has(p.Name));
        for (const p of profiles) {
            const resources = await pages(c, CALLS.listProfileResourceAssociations, { ProfileId: p.Id, MaxResults: 100 }, token("NextToken"), x => x.ProfileResourceAssociations);
            const associations = await pages(c, CALLS.listProfileAssociations, { ProfileId: p.Id, MaxResults: 100 }, token("NextToken"), x => x.ProfileAssociations);
            d.profiles.push({
                id: p.Id, name: p.Name, arn: p.Arn,
                resources: resources.map((r: any) => ({ arn: r.ResourceArn, status: r.Status })),
                associations: associations.map((a: any) => ({ id: a.Id, vpcId: a.ResourceId, status: a.Status })),
            });
        }
    }
    if (has(T.ramResourceShare)) {
        const wanted = new Set(hub.resources.filter(r => r.type === T.ramResourceShare).map(r => String(r.inputs.name)));
        const shares = await pages(c, CALLS.getResourceShares, { resourceOwner: "SELF" }, token("nextToken"), p => p.resourceShares);
        for (const s of shares.filter((x: any) => wanted.has(x.name) && x.status !== "DELETED")) d.shares.push({ arn: s.resourceShareArn, name: s.name, status: s.status });
    }
    if (cfg.onPrem?.customerGateway) {
        const vgws = await pages(c, CALLS.describeVpnGateways, { Filters: [{ Name: "attachment.vpc-id", Values: [anchors.vpcId] }] }, () => undefined, p => p.VpnGateways);
        for (const v of vgws) d.vpnGateways.push({ id: v.VpnGatewayId, vpcId: anchors.vpcId });
        if (vgws.length) {
            const vpns = await pages(c, CALLS.describeVpnConnections, { Filters: [{ Name: "vpn-gateway-id", Values: vgws.map((v: any) => v.VpnGatewayId) }] }, () => undefined, p => p.VpnConnections);
            for (const v of vpns.filter((x: any) => x.State !== "deleted")) for (const r of v.Routes ?? []) d.vpnRoutes.push({ vpnGatewayId: v.VpnGatewayId, cidr: r.DestinationCidrBlock });
        }
    }
    await readPrefixLists(c, d, anchors.routeTableIds, d.securityGroups.map(g => g.id));
    return notes;
}

/** A member's own view: its route tables, its VPC's own endpoints, its own zones that cover a hub name, its invitations. */
export async function readMember(c: Clients, spoke: PlannedStack, hubZoneNames: ReadonlySet<string>, hubAccount: string, d: Draft): Promise<void> {
    const cfg = spoke.config as SpokeConfig;
    await routeTables(c, cfg.vpc.routeTableIds.filter(id => !d.routeTables.some(t => t.id === id)), d);
    for (const e of await endpointsIn(c, cfg.vpc.id)) if (!d.endpoints.some(x => x.id === e.id)) d.endpoints.push(e);
    const zones = await pages(c, CALLS.listHostedZonesByVPC, { VPCId: cfg.vpc.id, VPCRegion: spoke.region, MaxItems: 100 }, token("NextToken"), p => p.HostedZoneSummaries);
    const covers = (n: string) => [...hubZoneNames].some(h => n === h || n.endsWith(`.${h}`));
    for (const z of zones) {
        const owner = z.Owner?.OwningAccount ?? z.Owner?.OwningService;
        const name = dnsName(z.Name);
        if (owner === hubAccount || !covers(name)) continue;
        const id = zoneId(z.HostedZoneId);
        const known = d.zones.find(x => x.id === id);
        if (known) { if (!known.vpcs.some(v => v.vpcId === cfg.vpc.id)) known.vpcs.push({ vpcId: cfg.vpc.id, region: spoke.region }); continue; }
        d.zones.push({ id, name, ownerAccount: owner, vpcs: [{ vpcId: cfg.vpc.id, region: spoke.region }] });
    }
    await readPrefixLists(c, d, cfg.vpc.routeTableIds, []);
    if (d.shares.length) {
        const invitations = await pages(c, CALLS.getResourceShareInvitations, { resourceShareArns: d.shares.map(s => s.arn) }, token("nextToken"), p => p.resourceShareInvitations);
        for (const i of invitations.filter((x: any) => x.receiverAccountId === spoke.accountId)) {
            d.invitations.push({ shareArn: i.resourceShareArn, shareName: i.resourceShareName, receiverAccountId: i.receiverAccountId, status: i.status });
        }
    }
}

/** Prefix lists the given route tables and security groups refer to, with their entries (read by the account that holds them). */
export async function readPrefixLists(c: Clients, d: Draft, tableIds: readonly string[], groupIds: readonly string[]): Promise<void> {
    const ids = [...new Set([
        ...d.routeTables.filter(t => tableIds.includes(t.id)).flatMap(t => t.routes.map(r => r.prefixListId)),
        ...d.securityGroups.filter(g => groupIds.includes(g.id)).flatMap(g => g.ingress.flatMap(r => r.prefixListIds)),
    ].filter((x): x is string => Boolean(x) && !d.prefixLists.some(p => p.id === x)))];
    if (!ids.length) return;
    const lists = await pages(c, CALLS.describeManagedPrefixLists, { PrefixListIds: ids }, token("NextToken"), p => p.PrefixLists);
    for (const pl of lists) {
        const entries = await pages(c, CALLS.getManagedPrefixListEntries, { PrefixListId: pl.PrefixListId, MaxResults: 100 }, token("NextToken"), p => p.Entries);
        d.prefixLists.push({ id: pl.PrefixListId, name: pl.PrefixListName, maxEntries: pl.MaxEntries ?? entries.length, cidrs: entries.map((e: any) => e.Cidr) });
    }
}

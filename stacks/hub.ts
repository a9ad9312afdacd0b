// The hub stack (the shared account): endpoints and zones, the Resolver inbound endpoint,
// the Transit Gateway, the hub's side of each spoke, and routes to on-prem.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HubEndpoints } from "../components/hub";
import { hubVpcOptions } from "../components/options";
import { OnPremVpn } from "../components/onPrem";
import { HubProfile } from "../components/profile";
import { ResolverInbound } from "../components/resolver";
import { HubSpokeLink, RouteTableRef } from "../components/spokeLink";
import { TransitGatewayRoutes } from "../components/spokeRoutes";
import { HubTransitGateway } from "../components/transitGateway";
import { ConfigError, ConfigValidationError, DEFAULT_QUOTAS, HubConfig, NS } from "../lib/config";
import { tablesOwner } from "../lib/config/hubSet";
import { HubOutputs } from "../lib/model";
import { authorizationWaysOut } from "../lib/checks/quotas";
import { stackWarning } from "./warnings";
import { contains, isolatedSubnetLayout } from "../lib/net/cidr";
import { renderForwarders } from "../lib/forwarders";
import { answeredNames } from "../lib/config/dns";
import { Source, aggregatedSources } from "../lib/aws/securityGroups";
import { maxEntriesOf } from "../lib/net/prefixLists";
import { SubnetInAz } from "../lib/aws/endpointService";
import { Perimeter, endpointPolicy, perimeterAccounts, policySizeProblem, policySizeWarning } from "../lib/aws/endpointPolicies";
import type { HubService } from "../components/hub";
import { checkServicesAgainstAws } from "./endpointServices";
import { unregisteredAttachments } from "./attachments";
import { isReservedAddress, onePerAz, routeTableOf, vpcDnsErrors } from "./lookups";

/** The hub VPC as the rest of the stack sees it, created or existing. */
interface HubNetwork {
    readonly vpcId: pulumi.Input<string>;
    readonly subnetIds: pulumi.Input<string[]>;
    /** The same subnets with their AZs: each endpoint keeps those in AZs its service is offered in. */
    readonly endpointSubnets: SubnetInAz<pulumi.Input<string>>[];
    readonly routeTables: RouteTableRef[];
    /** One subnet per AZ, for the Resolver (at most the quota of addresses per endpoint, 6 by default). */
    readonly resolverAddresses: pulumi.Input<{ subnetId: string; ip?: string }[]>;
}

/**
 * Looks up an existing VPC: its DNS settings, its subnets' AZs (endpoints take one subnet per
 * AZ, the Resolver an address in each) and the route tables those subnets really use (the
 * endpoints' replies leave through them, so they must be the ones that get the routes).
 */
async function existingNetwork(cfg: HubConfig, errors: ConfigError[]): Promise<HubNetwork> {
    if (cfg.vpc.kind !== "existing") throw new Error("unreachable");
    const vpc = cfg.vpc;
    errors.push(...await vpcDnsErrors(cfg.stack, vpc.id));
    const subnets = await Promise.all(vpc.subnetIds.map(id => aws.ec2.getSubnet({ id })));
    const fail = (key: string, message: string) => errors.push({ stack: cfg.stack, key, message });
    subnets.forEach((s, i) => {
        if (s.vpcId !== vpc.id) fail(`${NS}:vpc.subnetIds[${i}]`, `${s.id} belongs to ${s.vpcId}, not to ${vpc.id}`);
    });
    const perAz = onePerAz(subnets);
    // Dual-stack endpoints need dual-stack subnets (AWS refuses ipAddressType dualstack
    // otherwise): the ones used, the first listed in each AZ.
    const v4only = cfg.ipAddressType === "dualstack" ? subnets.filter(s => perAz.includes(s.id) && !s.ipv6CidrBlock) : [];
    if (v4only.length) {
        fail(`${NS}:vpc.subnetIds`, `${v4only.map(s => s.id).join(", ")} ${v4only.length > 1 ? "have" : "has"} no IPv6 block: ipAddressType dualstack needs dual-stack subnets; ` +
            `assign each an IPv6 /64 from ${vpc.ipv6Cidr ?? "the VPC's IPv6 block"}, or list other subnets`);
    }
    if (perAz.length < 2) {
        fail(`${NS}:vpc.subnetIds`, `all subnets are in ${subnets[0].availabilityZone}: endpoints and the Resolver need at least 2 AZs`);
    }
    for (const subnetId of perAz) {
        const rt = await routeTableOf(subnetId, vpc.id);
        if (!vpc.routeTableIds.includes(rt)) {
            fail(`${NS}:vpc.routeTableIds`, `${subnetId} uses route table ${rt}, which is not listed: replies from the endpoints in it would find no route back to spokes and on-prem`);
        }
    }
    let resolverAddresses: { subnetId: string; ip?: string }[] = perAz.slice(0, cfg.quotas.resolverIpsPerEndpoint).map(subnetId => ({ subnetId }));
    const pinned = cfg.onPrem?.resolverAddresses;
    if (pinned) {
        const azs = new Set<string>();
        pinned.forEach((a, i) => {
            const s = subnets.find(x => x.id === a.subnetId);
            if (!s) return;
            azs.add(s.availabilityZone);
            if (!contains(s.cidrBlock, a.ip)) fail(`${NS}:onPrem.resolverAddresses[${i}].ip`, `${a.ip} is outside ${s.id} (${s.cidrBlock})`);
            else if (isReservedAddress(s.cidrBlock, a.ip)) fail(`${NS}:onPrem.resolverAddresses[${i}].ip`, `${a.ip} is reserved by AWS in ${s.id} (the first four addresses and the last of every subnet)`);
        });
        if (azs.size < 2) fail(`${NS}:onPrem.resolverAddresses`, `all addresses are in ${[...azs].join(", ")}: the Resolver needs addresses in at least 2 AZs`);
        resolverAddresses = pinned.map(a => ({ ...a }));
    }
    return {
        vpcId: vpc.id,
        subnetIds: perAz,
        endpointSubnets: perAz.map(id => ({ id, availabilityZone: subnets.find(s => s.id === id)!.availabilityZone })),
        routeTables: vpc.routeTableIds.map(id => ({ key: id, id })),
        resolverAddresses,
    };
}

/**
 * Creates the hub VPC: one isolated subnet per AZ with its own route table, no internet gateway,
 * no NAT (the endpoints need neither). Plain @pulumi/aws resources laid out, named and tagged as
 * awsx.ec2.Vpc did, with an alias to awsx's component (hubVpcOptions), so that hubs it created
 * keep every resource; awsx would also make an internet gateway nothing routes to, which the
 * first update after it deletes.
 */
async function newNetwork(cfg: HubConfig): Promise<HubNetwork> {
    if (cfg.vpc.kind !== "new") throw new Error("unreachable");
    const azs = cfg.vpc.availabilityZones;
    // The region's first `availabilityZones` AZs, in the order AWS lists them (as awsx took them).
    const azNames = (await aws.getAvailabilityZones({ state: "available" })).names.slice(0, azs);
    const vpc = new aws.ec2.Vpc("hub", {
        cidrBlock: cfg.vpc.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: "vpce-hub" },
    }, hubVpcOptions(pulumi.getStack(), pulumi.getProject()));
    const parts = isolatedSubnetLayout(cfg.vpc.cidr, azs).map((cidrBlock, i) => {
        // awsx's names (hub-isolated-N) stay the logical names; the Name tag says vpce-hub like every resource here.
        const name = `hub-isolated-${i + 1}`;
        const tags = { Name: `vpce-hub-isolated-${i + 1}`, SubnetType: "Isolated" };
        const [stack, project] = [pulumi.getStack(), pulumi.getProject()];
        const subnet = new aws.ec2.Subnet(name, { vpcId: vpc.id, availabilityZone: azNames[i], mapPublicIpOnLaunch: false, cidrBlock, tags },
            hubVpcOptions(stack, project, "subnet", name, vpc));
        const table = new aws.ec2.RouteTable(name, { vpcId: vpc.id, tags }, hubVpcOptions(stack, project, "routeTable", name, subnet));
        new aws.ec2.RouteTableAssociation(name, { routeTableId: table.id, subnetId: subnet.id }, hubVpcOptions(stack, project, "association", name, table));
        return { subnet, table, availabilityZone: azNames[i] };
    });
    const subnetIds = pulumi.all(parts.map(p => p.subnet.id));
    return {
        vpcId: vpc.id,
        subnetIds,
        endpointSubnets: parts.map(p => ({ id: p.subnet.id, availabilityZone: p.availabilityZone })),
        // Keyed by AZ position, which is stable as long as the AZ count is.
        routeTables: parts.map((p, i) => ({ key: `az${i + 1}`, id: p.table.id })),
        resolverAddresses: subnetIds.apply(ids => ids.map(subnetId => ({ subnetId }))),
    };
}

/** An adopted Transit Gateway must accept shared attachments and apply default tables. */
async function existingTransitGatewayErrors(stack: string, id: string): Promise<ConfigError[]> {
    const tgw = await aws.ec2transitgateway.getTransitGateway({ id });
    const off = (["autoAcceptSharedAttachments", "defaultRouteTableAssociation", "defaultRouteTablePropagation"] as const)
        .filter(k => tgw[k] !== "enable");
    return off.length ? [{
        stack, key: `${NS}:transitGateway.id`,
        message: `${id} has ${off.join(", ")} disabled: spokes attach from their own stacks and rely on automatic acceptance and default tables; enable them, or let the hub create its own`,
    }] : [];
}

/**
 * Each zone gets one authorization per spoke VPC in another account; Route 53 refuses the one
 * past the quota (TooManyVPCAssociationAuthorizations), so the plan stops before `pulumi up`
 * would, naming the quota and the ways out.
 */
export function authorizationQuotaErrors(cfg: HubConfig, hubAccountId: string): ConfigError[] {
    // A profile is shared by RAM: no zone needs an authorization per VPC.
    if (cfg.dns.sharing === "profile") return [];
    const needed = cfg.spokes.filter(s => s.accountId !== hubAccountId).length;
    const limit = cfg.quotas.authorizationsPerZone;
    if (needed <= limit) return [];
    const declared = limit === DEFAULT_QUOTAS.authorizationsPerZone ? "AWS's default" : `declared in ${NS}:quotas.authorizationsPerZone`;
    return [{
        stack: cfg.stack, key: `${NS}:spokes`,
        message: `${needed} spokes in other accounts need ${needed} VPC association authorizations on every zone, more than the ${limit} ` +
            `of quota "VPC association authorizations per hosted zone" (${declared}): Route 53 refuses authorization ${limit + 1} ` +
            `(TooManyVPCAssociationAuthorizations). Ways out: ${authorizationWaysOut()}`,
    }];
}

/**
 * Which peering request each peering spoke's VpcPeeringConnection replaces ("" for none).
 * A request not accepted within 7 days expires, and the member can then never accept it (VPC
 * peering guide, "VPC peering connection lifecycle"). The hub reads the peering ids it exported
 * on its last update (a StackReference to itself) and asks EC2 about each: a request that
 * expired, or that EC2 no longer lists (an expired request stays visible for a while, then
 * goes), becomes the `replacementTrigger` of the spoke's peering, so this `pulumi up` replaces it
 * with a fresh request; the value is exported so later updates keep it (no second replacement).
 * A request the member rejected is not recreated (that is the member's word): a warning.
 */
async function peeringRequests(cfg: HubConfig): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    // Read whether or not a spoke peers today, so that adding the first peering spoke adds only its own resources.
    const self = new pulumi.StackReference("previous-update", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` });
    const peered = cfg.spokes.filter(s => s.connectivity === "peering");
    if (!peered.length) return out;
    const previous = ((await self.getOutputDetails("spokes")).value ?? {}) as Record<string, { peeringConnectionId?: string; peeringReplaces?: string }>;
    const withStatus = async (id: string, statuses?: string[]) => (await aws.ec2.getVpcPeeringConnections({
        filters: [{ name: "vpc-peering-connection-id", values: [id] }, ...(statuses ? [{ name: "status-code", values: statuses }] : [])],
    })).ids.length > 0;
    for (const s of peered) {
        const before = previous[s.name];
        const id = before?.peeringConnectionId;
        let replaces = before?.peeringReplaces ?? "";
        if (id) {
            const [listed, expired, rejected] = await Promise.all([withStatus(id), withStatus(id, ["expired", "deleted"]), withStatus(id, ["rejected", "failed"])]);
            if (rejected) {
                stackWarning("peering:rejected", `spoke ${s.name}: peering request ${id} was rejected (or failed) in account ${s.accountId}: remove the spoke, or delete the request and pulumi up again`);
            } else if (expired || !listed) {
                stackWarning("peering:recreated", `spoke ${s.name}: peering request ${id} expired before ${s.name} accepted it: this update replaces it with a new request; pulumi up ${s.name} within 7 days`);
                replaces = id;
            }
        }
        out.set(s.name, replaces);
    }
    return out;
}

/**
 * The ARN of the organization the hub's account belongs to (a RAM principal), checked against
 * `vpce-hub:organizationId`. DescribeOrganization works from any member account.
 */
async function organizationArn(cfg: HubConfig): Promise<string> {
    const org = await aws.organizations.getOrganization({ returnOrganizationOnly: true });
    if (org.id !== cfg.organizationId) {
        throw new ConfigValidationError([{
            stack: cfg.stack, key: `${NS}:organizationId`,
            message: `is ${cfg.organizationId}, but the hub's account belongs to organization ${org.id}: the RAM share and endpoint policies would admit the wrong organization`,
        }]);
    }
    return org.arn;
}

/**
 * Whom the endpoints' default policies admit: the organization when `vpce-hub:organizationId` is
 * set, else the declared accounts (the hub's own, from its credentials, every registered member's
 * and `vpce-hub:trustedAccounts`).
 */
export function hubPerimeter(cfg: HubConfig, hubAccountId: string): Perimeter {
    return cfg.organizationId
        ? { kind: "organization", organizationId: cfg.organizationId }
        : { kind: "accounts", accounts: perimeterAccounts(hubAccountId, cfg.spokes.map(s => s.accountId), cfg.trustedAccounts) };
}

/**
 * Each service's endpoint policy (lib/aws/endpointPolicies.ts), after the deploy-time check has
 * said which services take one. One AWS would refuse for its size is an error naming the service;
 * an account-list policy at 80 % of the size is a warning (it grows with every member).
 */
export function hubEndpointPolicies(cfg: HubConfig, services: readonly HubService[], perimeter: Perimeter, errors: ConfigError[]): Record<string, string | undefined> {
    const out: Record<string, string | undefined> = {};
    for (const svc of services) {
        const doc = endpointPolicy({
            service: svc.name, region: cfg.region, perimeter,
            supportsPolicy: svc.supportsPolicy, policy: svc.policy, statementOverrides: svc.policyStatements,
        });
        out[svc.name] = doc;
        if (doc === undefined) continue;
        const at = cfg.services.findIndex(s => s.name === svc.name);
        const own = svc.policy !== undefined;
        const problem = policySizeProblem(svc.name, doc, perimeter, own);
        if (problem) errors.push({ stack: cfg.stack, key: `${NS}:services[${at}]${own ? ".policy" : ""}`, message: problem });
        const near = own ? undefined : policySizeWarning(svc.name, doc, perimeter);
        if (near) stackWarning(`policy:size:${svc.name}`, near);
    }
    return out;
}

/**
 * On a Transit Gateway shared with other hubs, the hub that owns its tables (tablesOwner) takes
 * over the defaults; the others read its tables by StackReference, so it deploys first.
 */
function sharedTransitGatewayTables(cfg: HubConfig): { hubRouteTableId: pulumi.Output<string>; spokesRouteTableId: pulumi.Output<string> } | undefined {
    const owner = tablesOwner(cfg);
    if (owner === cfg.stack) return undefined;
    const ref = new pulumi.StackReference("transit-gateway-tables", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${owner}` });
    const tables = ref.getOutput("transitGateway").apply((t: HubOutputs["transitGateway"] | undefined) => {
        if (!t?.hubRouteTableId || !t.spokesRouteTableId) {
            throw new ConfigValidationError([{ stack: cfg.stack, key: `${NS}:transitGateway.sharedWithHubs`, message: `hub "${owner}" owns the shared Transit Gateway's route tables but exports none: deploy it first` }]);
        }
        return t;
    });
    return { hubRouteTableId: tables.apply(t => t.hubRouteTableId), spokesRouteTableId: tables.apply(t => t.spokesRouteTableId) };
}

export async function hubStack(cfg: HubConfig): Promise<Record<string, pulumi.Input<any>>> {
    const identity = await aws.getCallerIdentity();
    const errors: ConfigError[] = [];
    if (cfg.accountId && cfg.accountId !== identity.accountId) {
        errors.push({ stack: cfg.stack, key: `${NS}:accountId`, message: `is ${cfg.accountId}, but the credentials in use are for account ${identity.accountId}` });
    }
    const hubAccountId = identity.accountId;
    errors.push(...authorizationQuotaErrors(cfg, hubAccountId));
    if (cfg.transitGatewayId) errors.push(...await existingTransitGatewayErrors(cfg.stack, cfg.transitGatewayId));
    const net = cfg.vpc.kind === "existing" ? await existingNetwork(cfg, errors) : await newNetwork(cfg);
    const checked = await checkServicesAgainstAws(cfg, net.endpointSubnets, errors);
    const policies = hubEndpointPolicies(cfg, checked.map(c => c.service), hubPerimeter(cfg, hubAccountId), errors);
    const profileMode = cfg.dns.sharing === "profile";
    // RAM shares with an organization by its ARN, which names the management account.
    const profileOrganizationArn = profileMode && cfg.organizationId && errors.length === 0 ? await organizationArn(cfg) : undefined;
    if (errors.length) throw new ConfigValidationError(errors);

    // Profile mode: the hub VPC itself needs no profile association. With records: zones every
    // zone is created with the hub VPC; with records: endpoint the endpoints' private DNS answers
    // in their own VPC, and the zones kept are created with it. Only the migration steps
    // associate it, while zones move off it (docs/migration.md).
    const migrating = profileMode && cfg.dns.migration !== undefined;
    const profile = profileMode ? new HubProfile("profile", {
        stack: cfg.stack, organizationArn: profileOrganizationArn,
        shareWithAccounts: [...new Set(cfg.spokes.map(s => s.accountId).filter(a => a !== hubAccountId))],
        associateVpcId: migrating ? net.vpcId : undefined,
    }) : undefined;
    // A VPC with no subnets and no routes, only to hold the zones the endpoints' private DNS
    // replaces during the migration (a private zone needs at least one VPC).
    const parking = migrating ? new aws.ec2.Vpc("zone-parking", {
        cidrBlock: "100.64.0.0/28", enableDnsSupport: true, enableDnsHostnames: true,
        tags: { Name: "vpce-hub-zone-parking", "vpce-hub:purpose": "holds zones during the zones -> endpoint migration" },
    }) : undefined;

    const sources: Source[] = [
        { cidr: cfg.vpc.cidr, label: "hub" },
        ...cfg.spokes.map(s => ({ cidr: s.cidr, label: `spoke ${s.name}` })),
        ...(cfg.onPrem?.cidrs ?? []).map(c => ({ cidr: c, label: "on-prem" })),
        // Declared IPv6 blocks (dual-stack hubs only; lib/config/dualStack.ts refuses them otherwise).
        ...(cfg.vpc.kind === "existing" && cfg.vpc.ipv6Cidr ? [{ cidr: cfg.vpc.ipv6Cidr, label: "hub" }] : []),
        ...cfg.spokes.flatMap(s => (s.ipv6Cidrs ?? []).map(c => ({ cidr: c, label: `spoke ${s.name}` }))),
        ...(cfg.onPrem?.ipv6Cidrs ?? []).map(c => ({ cidr: c, label: "on-prem" })),
    ];
    // One customer-managed prefix list of every admitted network, referenced by every endpoint
    // security group (vpce-hub:prefixLists.sources); otherwise each group lists the blocks.
    const sourceBlocks = aggregatedSources(sources);
    const sourcesList = cfg.prefixLists.sources ? new aws.ec2.ManagedPrefixList("sources", {
        name: "vpce-hub-sources",
        addressFamily: "IPv4",
        maxEntries: cfg.prefixLists.sourcesMaxEntries ?? maxEntriesOf(cfg.prefixLists, sourceBlocks.length),
        entries: sourceBlocks.map(b => ({ cidr: b.cidr, description: b.description })),
        tags: { Name: "vpce-hub-sources" },
    }) : undefined;
    const endpoints = new HubEndpoints("hub", {
        vpcId: net.vpcId, region: cfg.region, subnetIds: net.subnetIds, services: checked.map(c => c.service),
        // Only where AWS offers a service in fewer of the hub's AZs does its endpoint get fewer subnets.
        serviceSubnetIds: Object.fromEntries(checked.filter(c => c.subnets.length < net.endpointSubnets.length)
            .map(c => [c.service.name, pulumi.all(c.subnets.map(s => s.id))])),
        sources, sourcesPrefixListId: sourcesList?.id, policies, protect: cfg.protect,
        dns: cfg.dns, parkingVpcId: parking?.id, parkAfter: profile?.hubAssociation ? [profile.hubAssociation] : [],
    });
    const zones = Object.values(endpoints.services).flatMap(s => s.zones.map(z => ({ name: z.name, id: z.zone.zoneId })));
    profile?.add(
        Object.values(endpoints.services).flatMap(s => s.zones.map(z => ({ name: z.name, arn: z.zone.arn }))),
        Object.entries(endpoints.services).filter(([, s]) => s.privateDns).map(([service, s]) => ({ service, arn: s.endpoint.arn })),
    );

    const tgwSpokes = cfg.spokes.filter(s => s.connectivity === "transitGateway");
    const shareWithAccounts = [...new Set(tgwSpokes.map(s => s.accountId).filter(a => a !== hubAccountId))];
    const tgw = tgwSpokes.length ? new HubTransitGateway("hub", {
        existingId: cfg.transitGatewayId, region: cfg.region, hubAccountId, vpcId: net.vpcId, subnetIds: net.subnetIds,
        ipv6Support: cfg.ipAddressType === "dualstack",
        shareWithAccounts,
        // Checked as for the profile (the hub's account must be in the organization named), though
        // the share goes to the member accounts themselves, not to the organization.
        inOrganization: cfg.organizationId && shareWithAccounts.length ? Boolean(await organizationArn(cfg)) : false,
        sharedTables: sharedTransitGatewayTables(cfg),
    }) : undefined;

    // Attachments no spoke registers (the gateway accepts shared attachments automatically): named
    // at every pulumi up. On a gateway shared with other hubs their members are not this hub's to judge.
    const unregistered = tgw && !cfg.transitGatewaySharedWith?.length
        ? unregisteredAttachments(cfg, tgw.id, net.vpcId, tgw.hubRouteTableId) : undefined;

    if (tgw) {
        new TransitGatewayRoutes("hub", {
            spokes: tgwSpokes, routeTables: net.routeTables, transitGatewayId: tgw.id, hubAttachment: tgw.hubAttachment, prefixLists: cfg.prefixLists,
        });
    }

    const requests = await peeringRequests(cfg);
    const links: Record<string, HubSpokeLink> = {};
    for (const spoke of cfg.spokes) {
        links[spoke.name] = new HubSpokeLink(spoke.name, {
            peeringReplaces: requests.get(spoke.name),
            // A profile replaces the per-zone authorizations.
            spoke, hubAccountId, region: cfg.region, hubVpcId: net.vpcId, hubRouteTables: net.routeTables, zones: profileMode ? [] : zones,
            transitGateway: tgw ? { id: tgw.id, hubAttachment: tgw.hubAttachment } : undefined,
        });
    }

    let resolverIps: pulumi.Input<string[]> = [];
    if (cfg.onPrem) {
        new OnPremVpn("on-prem", { onPrem: cfg.onPrem, vpcId: net.vpcId, routeTables: net.routeTables });
        resolverIps = new ResolverInbound("inbound", {
            vpcId: net.vpcId, addresses: net.resolverAddresses, dnsServerCidrs: cfg.onPrem.dnsServerCidrs,
            connectionTracking: cfg.onPrem.resolverConnectionTracking,
        }).ips;
    }

    // What the hub VPC answers, zones or endpoints' private DNS alike: on-prem forwards all of it.
    // In records: endpoint mode the zones are only the few names no endpoint answers itself.
    const answered = answeredNames(checked.map(c => c.service));
    const services: Record<string, pulumi.Input<any>> = {};
    for (const [name, s] of Object.entries(endpoints.services)) {
        services[name] = {
            endpointId: s.endpoint.id,
            // A member finds its own endpoints of the service by this name (stacks/adoption.ts).
            endpointService: cfg.services.find(x => x.name === name)!.endpointService,
            regionalDnsName: s.regionalDnsName,
            ports: [...cfg.services.find(x => x.name === name)!.ports],
            zones: s.zones.map(z => ({ name: z.name, id: z.zone.zoneId, wildcard: z.wildcard })),
            ipAddressType: checked.find(c => c.service.name === name)!.service.ipAddressType ?? "ipv4",
            privateDns: s.privateDns,
        };
    }
    return {
        accountId: hubAccountId,
        region: cfg.region,
        vpcId: net.vpcId,
        vpcCidr: cfg.vpc.cidr,
        ...(cfg.ipAddressType === "dualstack" && cfg.vpc.kind === "existing" && cfg.vpc.ipv6Cidr ? { vpcIpv6Cidr: cfg.vpc.ipv6Cidr } : {}),
        routeTableIds: net.routeTables.map(rt => rt.id),
        services,
        zoneIds: Object.fromEntries(zones.map(z => [z.name, z.id])),
        answeredNames: answered,
        dns: {
            sharing: cfg.dns.sharing, records: cfg.dns.records,
            ...(cfg.dns.migration ? { migration: cfg.dns.migration } : {}),
            ...(profile ? { profileId: profile.profile.id, profileArn: profile.profile.arn } : {}),
            ...(profile?.resourceShareArn ? { resourceShareArn: profile.resourceShareArn } : {}),
        },
        resolverInboundIps: resolverIps,
        // The on-prem forwarder configs from the real Resolver addresses (known once deployed):
        // `npm run forwarders -- --from <pulumi stack output --json>` writes them to files.
        ...(cfg.onPrem ? {
            forwarders: pulumi.output(resolverIps).apply(ips => renderForwarders({ zones: answered, resolverIps: ips })),
        } : {}),
        spokes: Object.fromEntries(cfg.spokes.map(s => [s.name, {
            accountId: s.accountId, vpcId: s.vpcId, cidr: s.cidr, connectivity: s.connectivity,
            ...(links[s.name].peeringConnectionId ? { peeringConnectionId: links[s.name].peeringConnectionId } : {}),
            ...(requests.get(s.name) ? { peeringReplaces: requests.get(s.name) } : {}),
            authorizedZoneIds: links[s.name].authorizedZoneIds,
            ...(s.ipv6Cidrs ? { ipv6Cidrs: [...s.ipv6Cidrs] } : {}),
        }])),
        ...(tgw ? {
            transitGateway: {
                id: tgw.id, resourceShareArn: tgw.resourceShareArn,
                hubRouteTableId: tgw.hubRouteTableId, spokesRouteTableId: tgw.spokesRouteTableId,
                ...(unregistered ? { unregisteredAttachments: unregistered } : {}),
            },
        } : {}),
    };
}

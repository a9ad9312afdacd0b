// The simulated AWS behind both the unit tests and `npm run plan`: one module, so what the
// tests prove is what the plan shows. It implements Pulumi's mock interface and keeps a small
// "world" (subnets, route tables, network interfaces, public DNS of endpoint names, outputs
// of stacks already planned) so that several stacks can be evaluated in one process.
//
// Ids are derived from URNs by hashing: the same program and config always give the same
// ids, and adding a resource never changes another resource's id or address.
import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { CATALOG, ResolvedService, isKnownService, resolveService } from "../lib/catalog/lookup";
import { hostAt, mustParseCidr, subnetAt } from "../lib/net/cidr";
import { DUAL_STACK } from "../lib/aws/dualStack";
import type { EndpointServiceFacts } from "../lib/aws/endpointService";
import { SimAwsError, SimDns } from "./dns";
import { endpointNameShape } from "./endpointNames";
import { SimPeerings } from "./peering";
import { host6At, subnet6At } from "../lib/net/ipv6";
import { catalogPrivateDnsNames } from "../lib/catalog/lookup";
import { ENTRIES_PER_REQUEST, MAX_PREFIX_LIST_ENTRIES } from "../lib/net/prefixLists";

export interface SimSubnet {
    readonly id: string;
    readonly vpcId: string;
    readonly cidr: string;
    readonly availabilityZone: string;
    /** The subnet's IPv6 /64, if it has one (a dual-stack subnet). */
    readonly ipv6Cidr?: string;
}

export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly id: string;
    readonly custom: boolean;
    readonly inputs: Record<string, any>;
    readonly state: Record<string, any>;
}

/** AZ letters per region where they are not a, b, c...; ap-northeast-1 has no "b" for new accounts. */
const AZ_LETTERS: Record<string, string[]> = { "ap-northeast-1": ["a", "c", "d"] };

export function availabilityZones(region: string): string[] {
    return (AZ_LETTERS[region] ?? ["a", "b", "c", "d", "e", "f"]).map(l => `${region}${l}`);
}

/**
 * An error as AWS (through the provider and the Pulumi engine) reports it: the engine hands the
 * program `details` as the message, so the program sees AWS's error name and sentence.
 */
export function awsError(code: string, message: string): SimAwsError {
    const e = new SimAwsError(code, message);
    return Object.assign(e, { details: e.message });
}


/** How the simulated AWS lists a zone among a service's private DNS names: `*.X` where clients prefix X. */
function privateDnsNamesOf(zones: readonly { name: string; wildcard: boolean }[]): string[] {
    return zones.map(z => z.wildcard ? `*.${z.name}` : z.name);
}

export function hash(text: string, length: number): string {
    return crypto.createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A 12-digit account id for a stack that did not configure one. */
export function simulatedAccountId(stack: string): string {
    return (BigInt("0x" + hash(`account:${stack}`, 12)) % 900000000000n + 100000000000n).toString();
}

export interface StackContext {
    readonly stack: string;
    readonly project: string;
    readonly accountId: string;
    readonly region: string;
}

export class SimCloud implements pulumi.runtime.Mocks {
    readonly subnets = new Map<string, SimSubnet>();
    /** Subnet id -> the route table associated with it (for getRouteTable). */
    readonly subnetRouteTables = new Map<string, string>();
    /** VPC attributes private hosted zones depend on; VPCs not listed have both on. */
    readonly vpcDns = new Map<string, { enableDnsSupport: boolean; enableDnsHostnames: boolean }>();
    /** Settings of existing Transit Gateways; a gateway not listed has AWS's defaults, all "enable". */
    readonly transitGateways = new Map<string, Partial<Record<"autoAcceptSharedAttachments" | "defaultRouteTableAssociation" | "defaultRouteTablePropagation", string>>>();
    /** Transit Gateways created in this simulation: id -> ARN and owner, for RAM's access check on attachments. */
    private readonly createdTransitGateways = new Map<string, { arn: string; ownerId: string }>();
    /** Route 53, private DNS of endpoints, and AWS's zone of endpoint names (sim/dns.ts). */
    readonly dns = new SimDns();
    /** Public DNS: an endpoint's regional and zonal names (record names: S3's regional one is a wildcard) -> private IPs. */
    readonly publicDns = this.dns.endpointRecords;
    /** VPC peering requests and their status (sim/peering.ts): a request not accepted within 7 days expires. */
    readonly peering = new SimPeerings();
    /** Peering connections by id, with their status. */
    readonly peerings = this.peering.byId;
    /** The same names' AAAA answers: endpoints with IPv6 addresses and AAAA records (dnsRecordIpType). */
    readonly publicDns6 = this.dns.endpointRecords6;
    /**
     * Endpoint services by region and service name ("<region> <serviceName>"), as
     * DescribeVpcEndpointServices answers: fixtures registered by tests; `null` for a name
     * that does not exist. Names not listed are answered by `endpointService` below.
     */
    readonly endpointServices = new Map<string, EndpointServiceFacts | null>();
    /** The services the stack being planned declares, by region and service name. */
    private declaredServices = new Map<string, ResolvedService>();
    /** Outputs of stacks already evaluated, by stack name, for StackReferences. */
    readonly stackOutputs = new Map<string, Record<string, any>>();
    /**
     * The AWS Organization each account belongs to (id and management account). An account not
     * listed belongs to none; the plan registers the hub's `organizationId` for its account.
     */
    readonly organizations = new Map<string, { id: string; managementAccountId: string }>();
    /**
     * Whether a StackReference to a hub sees the hub's whole registry (`spokes`, an entry per
     * spoke) or only the entry of the stack reading it. The engine sends every output; the
     * spoke program reads only its own entry (test/spoke.test.ts proves a spoke plans the same
     * either way), and a plan runs every spoke in one process: the whole registry would make
     * each spoke's cost grow with the fleet, and the plan with its square.
     */
    fullRegistryInReferences = false;
    /** Customer-managed prefix lists created so far: id -> max entries and CIDRs. */
    readonly prefixLists = new Map<string, { maxEntries: number; cidrs: string[] }>();
    /** Resources of the stack being evaluated, in registration order. */
    recorded: RecordedResource[] = [];
    /**
     * Requests of the stack being evaluated that AWS would refuse. The simulation records them
     * and lets the program go on, so that one plan reports every refusal (sim/run.ts turns them
     * into errors naming the stack and resource) instead of crashing on the first.
     */
    refusals: { type: string; name: string; error: SimAwsError }[] = [];
    private usedIps = new Set<string>();
    /**
     * Routes by route table and destination -> the resource (stack/key) that holds it: EC2 keeps
     * one route per destination in a table and refuses a second (RouteAlreadyExists), also
     * while Pulumi creates a renamed route before deleting the old one.
     */
    private readonly routes = new Map<string, string>();
    /** An address once given to a key stays that key's: a resource updated in a later run keeps its ENIs. */
    private allocated = new Map<string, string>();
    /**
     * What each stack's resources did to the simulated DNS, so that a later run of the stack
     * that no longer declares one undoes it: stack -> resource key -> undo. Pulumi deletes
     * last, after every create and update of the run (`finish`).
     */
    private readonly undo = new Map<string, Map<string, () => void>>();
    /** Resource keys registered in the current run. */
    private runKeys = new Set<string>();
    private ctx: StackContext = { stack: "test", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" };

    /**
     * Starts a stack: installs this cloud as Pulumi's mocks for it, so that the stack Pulumi
     * names in URNs and the one this cloud answers for (account, region) are one and the same.
     * Later registrations belong to it.
     */
    async start(ctx: StackContext, organization: string): Promise<void> {
        this.ctx = ctx;
        this.recorded = [];
        this.declaredServices = new Map();
        this.refusals = [];
        this.runKeys = new Set();
        if (!this.undo.has(ctx.stack)) this.undo.set(ctx.stack, new Map());
        await pulumi.runtime.setMocks(this, ctx.project, ctx.stack, false, organization);
    }

    /**
     * Ends the stack's run. A `pulumi up` that completed deletes, last, what the stack no longer
     * declares; one that failed (a refusal, an error) stops before its deletions.
     */
    finish(completed: boolean): void {
        if (!completed || this.refusals.length) return;
        const mine = this.undo.get(this.ctx.stack)!;
        for (const [key, undo] of [...mine]) {
            if (this.runKeys.has(key)) continue;
            try { undo(); } catch (e) {
                if (!(e instanceof SimAwsError)) throw e;
                this.refusals.push({ type: key.split("::")[0], name: key.split("::").slice(1).join("::"), error: e });
            }
            mine.delete(key);
        }
    }

    /** One route per destination in a route table, as EC2 keeps them (CreateRoute). */
    private claimRoute(key: string, routeTableId: string, destination: string): void {
        const owner = `${this.ctx.stack}/${key}`;
        const slot = `${routeTableId}|${destination}`;
        const holder = this.routes.get(slot);
        if (holder !== undefined && holder !== owner) {
            throw awsError("RouteAlreadyExists", `Route in Route Table (${routeTableId}) with destination (${destination}) already exists`);
        }
        // A route updated to another destination gives up its old one.
        for (const [s, o] of this.routes) if (o === owner && s !== slot) this.routes.delete(s);
        this.routes.set(slot, owner);
        this.onDelete(key, () => { if (this.routes.get(slot) === owner) this.routes.delete(slot); });
    }

    /** Remembers how to undo what a resource did (see `finish`). */
    private onDelete(key: string, undo: () => void): void {
        this.undo.get(this.ctx.stack)?.set(key, undo);
    }

    /**
     * Declares an existing VPC's subnets: subnet i gets the i-th block, AZ i and route table i
     * (each mod how many there are), and with the VPC's IPv6 block the i-th /64 of it (AWS
     * gives subnets /64s). Subnets already known keep what they have: a test that seeds a
     * subnet without IPv6 keeps it so.
     */
    registerVpc(vpcId: string, cidr: string, subnetIds: readonly string[], region: string, routeTableIds: readonly string[] = [], subnetPrefix?: number, ipv6Cidr?: string): void {
        const prefix = mustParseCidr(cidr).prefix;
        const newPrefix = subnetPrefix ?? (prefix <= 21 ? 24 : prefix + 3);
        const azs = availabilityZones(region);
        subnetIds.forEach((id, i) => {
            if (!this.subnets.has(id)) {
                this.subnets.set(id, {
                    id, vpcId, cidr: subnetAt(cidr, newPrefix, i), availabilityZone: azs[i % azs.length],
                    ...(ipv6Cidr ? { ipv6Cidr: subnet6At(ipv6Cidr, 64, i) } : {}),
                });
            }
            if (routeTableIds.length && !this.subnetRouteTables.has(id)) this.subnetRouteTables.set(id, routeTableIds[i % routeTableIds.length]);
        });
    }

    /** Registers what AWS says about one endpoint service in one region (a test fixture). */
    registerEndpointService(region: string, facts: EndpointServiceFacts): void {
        this.endpointServices.set(`${region} ${facts.serviceName}`, facts);
    }

    /** Makes a service name unknown in a region, as InvalidServiceName. */
    removeEndpointService(region: string, serviceName: string): void {
        this.endpointServices.set(`${region} ${serviceName}`, null);
    }

    /**
     * Declares the services a hub stack is about to ask for. Offline, nothing knows better than
     * the catalog and the stack's own config, so where no fixture says otherwise the simulated
     * AWS serves what both say: the deploy-time check then finds only what the catalog knows
     * beyond the config (names it lacks), never an error that real AWS would not raise.
     */
    declareServices(region: string, services: readonly ResolvedService[]): void {
        for (const s of services) this.declaredServices.set(`${region} ${s.endpointService}`, s);
    }

    /**
     * DescribeVpcEndpointServices for one interface service: a fixture, else the catalog's row
     * and the stack's declaration, every AZ of the region; null where neither knows the name.
     */
    endpointService(region: string, serviceName: string): EndpointServiceFacts | null {
        const key = `${region} ${serviceName}`;
        const fixture = this.endpointServices.get(key);
        if (fixture !== undefined) return fixture;
        const declared = this.declaredServices.get(key);
        const prefix = `com.amazonaws.${region}.`;
        const catalogKey = declared?.name ?? (serviceName.startsWith(prefix) ? serviceName.slice(prefix.length) : undefined);
        const row = catalogKey !== undefined && isKnownService(catalogKey) && !CATALOG[catalogKey].refused
            ? resolveService({ name: catalogKey }, region) : undefined;
        const fromCatalog = row && typeof row !== "string" ? row : undefined;
        if (!declared && !fromCatalog) return null;
        const names = new Set([...privateDnsNamesOf(fromCatalog?.zones ?? []), ...privateDnsNamesOf(declared?.zones ?? [])]);
        // Offline, IPv6 support is assumed only where the catalog knows dual-stack names.
        const ipv6 = catalogKey !== undefined && Object.prototype.hasOwnProperty.call(DUAL_STACK, catalogKey);
        return {
            serviceName,
            privateDnsNames: [...names],
            vpcEndpointPolicySupported: (declared ?? fromCatalog)!.supportsPolicy,
            availabilityZones: availabilityZones(region),
            supportedIpAddressTypes: ipv6 ? ["ipv4", "ipv6"] : ["ipv4"],
        };
    }

    /** Addresses are taken per VPC: two hubs' VPCs in two regions may reuse one block. */
    private ipKey(subnetId: string, ip: string): string {
        return `${this.subnets.get(subnetId)?.vpcId ?? "?"}/${ip}`;
    }

    /** A pinned address: AWS refuses one already in use. */
    private claimIp(subnetId: string, ip: string): string {
        if (this.usedIps.has(this.ipKey(subnetId, ip))) throw new Error(`simulated cloud: ${ip} is already in use`);
        this.usedIps.add(this.ipKey(subnetId, ip));
        return ip;
    }

    /** A free address in a subnet, chosen by hashing `key` so it does not depend on creation order. */
    allocateIp(subnetId: string, key: string): string {
        const known = this.allocated.get(`${key}@${subnetId}`);
        if (known) return known;
        const ip = this.freeIp(subnetId, key);
        this.allocated.set(`${key}@${subnetId}`, ip);
        return ip;
    }

    private freeIp(subnetId: string, key: string): string {
        const subnet = this.subnets.get(subnetId);
        if (!subnet) throw new Error(`simulated cloud: no subnet ${subnetId}`);
        const size = 2 ** (32 - mustParseCidr(subnet.cidr).prefix);
        const usable = size - 5; // AWS reserves the first four addresses and the last one.
        let offset = parseInt(hash(`${key}@${subnetId}`, 8), 16) % usable;
        for (let tries = 0; tries < usable; tries++, offset = (offset + 1) % usable) {
            const ip = hostAt(subnet.cidr, 4 + offset);
            if (!this.usedIps.has(this.ipKey(subnetId, ip))) {
                this.usedIps.add(this.ipKey(subnetId, ip));
                return ip;
            }
        }
        throw new Error(`simulated cloud: subnet ${subnetId} is full`);
    }

    /** An IPv6 address in a dual-stack subnet's /64, chosen by hashing `key`. */
    allocateIpv6(subnetId: string, key: string): string {
        const subnet = this.subnets.get(subnetId);
        if (!subnet?.ipv6Cidr) throw new Error(`simulated cloud: subnet ${subnetId} has no IPv6 block`);
        // AWS reserves the first four addresses and the last of an IPv6 subnet too; 2^48 choices make clashes moot.
        return host6At(subnet.ipv6Cidr, 4n + BigInt("0x" + hash(`${key}@${subnetId}#6`, 12)));
    }

    private idFor(prefix: string, key: string, length = 17): string {
        return `${prefix}-${hash(`${this.ctx.stack}/${key}`, length)}`;
    }

    private arn(service: string, resource: string): string {
        return `arn:aws:${service}:${this.ctx.region}:${this.ctx.accountId}:${resource}`;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const { type, name } = args;
        const inputs = args.inputs ?? {};
        const key = `${type}::${name}`;
        let result: { id: string | undefined; state: Record<string, any> };
        this.runKeys.add(key);
        try {
            result = this.simulate(type, name, key, inputs, args.custom !== false, args.id);
        } catch (e) {
            if (!(e instanceof SimAwsError)) throw e;
            this.refusals.push({ type, name, error: e });
            result = { id: this.idFor("refused", key), state: { ...inputs } };
        }
        this.recorded.push({ type, name, id: result.id ?? "", custom: args.custom !== false, inputs, state: result.state });
        return result;
    }

    private simulate(type: string, name: string, key: string, inputs: Record<string, any>, custom: boolean, readId?: string): { id: string | undefined; state: Record<string, any> } {
        const r = this.ctx.region;
        const out = (id: string, extra: Record<string, any> = {}) => ({ id, state: { ...inputs, ...extra } });
        switch (type) {
            case "pulumi:pulumi:StackReference": {
                const ref = String(inputs.name ?? readId ?? name);
                const stack = ref.split("/").pop()!;
                const outputs = this.stackOutputs.get(stack) ?? (stack === this.ctx.stack ? {} : undefined);
                // A stack reading its own outputs (the hub, for the peerings it requested before)
                // gets those of its previous run, none on its first.
                if (!outputs) throw new Error(`simulated cloud: stack reference ${ref}: no stack "${stack}" was planned before this one`);
                const own = stack === this.ctx.stack;
                return { id: ref, state: { name: ref, outputs: own ? outputs : this.referencedOutputs(outputs), secretOutputNames: [] } };
            }
            case "awsx:ec2:Vpc": return this.simulateAwsxVpc(key, inputs);
            case "aws:ec2/securityGroup:SecurityGroup": {
                const id = this.idFor("sg", key);
                return out(id, { arn: this.arn("ec2", `security-group/${id}`), ownerId: this.ctx.accountId });
            }
            case "aws:ec2/vpcEndpoint:VpcEndpoint": return this.simulateEndpoint(key, inputs);
            case "aws:route53/zone:Zone": {
                const zoneId = "Z" + hash(`${this.ctx.stack}/${key}`, 20).toUpperCase();
                this.dns.createZone(zoneId, String(inputs.name), (inputs.vpcs ?? []).map((v: any) => String(v.vpcId)));
                this.onDelete(key, () => this.dns.deleteZone(zoneId));
                return out(zoneId, {
                    zoneId, arn: `arn:aws:route53:::hostedzone/${zoneId}`,
                    nameServers: [], primaryNameServer: "ns-0.awsdns-00.com.",
                });
            }
            case "aws:route53/record:Record":
                for (const a of inputs.aliases ?? []) this.dns.checkAlias(String(inputs.name), String(a.name), String(a.zoneId), String(inputs.type));
                return out(`${inputs.zoneId}_${inputs.name}_${inputs.type}`, { fqdn: inputs.name });
            case "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization":
                this.dns.authorize(String(inputs.zoneId), String(inputs.vpcId));
                this.onDelete(key, () => this.dns.deauthorize(String(inputs.zoneId), String(inputs.vpcId)));
                return out(`${inputs.zoneId}:${inputs.vpcId}`, { vpcRegion: inputs.vpcRegion ?? r, owningAccount: this.ctx.accountId });
            case "aws:route53/zoneAssociation:ZoneAssociation":
                this.dns.associate(String(inputs.zoneId), String(inputs.vpcId));
                this.onDelete(key, () => this.dns.disassociate(String(inputs.zoneId), String(inputs.vpcId)));
                return out(`${inputs.zoneId}:${inputs.vpcId}`, { vpcRegion: inputs.vpcRegion ?? r, owningAccount: this.ctx.accountId });
            case "aws:route53/resolverEndpoint:ResolverEndpoint": {
                const id = this.idFor("rslvr-in", key);
                const ipAddresses = (inputs.ipAddresses ?? []).map((a: any, i: number) => ({
                    subnetId: a.subnetId,
                    ip: a.ip ? this.claimIp(a.subnetId, a.ip) : this.allocateIp(a.subnetId, `${key}#${i}`),
                    ipId: this.idFor("rni", `${key}#${i}`),
                }));
                return out(id, { ipAddresses, arn: this.arn("route53resolver", `resolver-endpoint/${id}`) });
            }
            case "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": {
                // A replacement (the hub recreating an expired request) is a new request with a new id.
                const replaces = inputs.tags?.["vpce-hub:replaces"];
                const id = this.idFor("pcx", replaces ? `${key}#${replaces}` : key);
                this.peering.request(id, { vpcId: String(inputs.vpcId), peerVpcId: String(inputs.peerVpcId), peerOwnerId: String(inputs.peerOwnerId ?? this.ctx.accountId) });
                return out(id, { acceptStatus: "pending-acceptance" });
            }
            case "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": {
                const id = String(inputs.vpcPeeringConnectionId);
                this.peering.accept(id);
                return out(id, { acceptStatus: "active" });
            }
            case "aws:ec2transitgateway/transitGateway:TransitGateway": {
                const id = this.idFor("tgw", key);
                const arn = this.arn("ec2", `transit-gateway/${id}`);
                this.createdTransitGateways.set(id, { arn, ownerId: this.ctx.accountId });
                return out(id, {
                    arn, ownerId: this.ctx.accountId,
                    associationDefaultRouteTableId: this.idFor("tgw-rtb", `${key}#default`),
                    propagationDefaultRouteTableId: this.idFor("tgw-rtb", `${key}#default`),
                });
            }
            case "aws:ec2transitgateway/routeTable:RouteTable":
                return out(this.idFor("tgw-rtb", key));
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
                // Another account's gateway is visible only through RAM: shared with this account
                // (and the invitation accepted, outside an organization) or with its organization.
                // A gateway created outside the simulation (vpce-hub:transitGatewayId) is taken as shared.
                const tgwId = String(inputs.transitGatewayId);
                const tgw = this.createdTransitGateways.get(tgwId);
                if (tgw && tgw.ownerId !== this.ctx.accountId && !this.dns.sharedWith(tgw.arn, this.ctx.accountId)) {
                    throw awsError("InvalidTransitGatewayID.NotFound", `The transitGateway ID '${tgwId}' does not exist.`);
                }
                return out(this.idFor("tgw-attach", key), { vpcOwnerId: this.ctx.accountId });
            }
            case "aws:ram/resourceShareAccepter:ResourceShareAccepter": {
                const shareArn = String(inputs.shareArn);
                this.dns.acceptShare(shareArn, this.ctx.accountId);
                return out(shareArn, { status: "ACCEPTED", receiverAccountId: this.ctx.accountId });
            }
            case "aws:ec2/vpc:Vpc": {
                const id = this.idFor("vpc", key);
                return out(id, { arn: this.arn("ec2", `vpc/${id}`), ownerId: this.ctx.accountId });
            }
            case "aws:route53/profilesProfile:ProfilesProfile": {
                const id = `rp-${hash(`${this.ctx.stack}/${key}`, 16)}`;
                const arn = this.arn("route53profiles", `profile/${id}`);
                this.dns.createProfile(id, arn, this.ctx.accountId);
                this.onDelete(key, () => this.dns.deleteProfile(id));
                return out(id, { arn, ownerId: this.ctx.accountId, status: "COMPLETE", shareStatus: "NOT_SHARED", region: r });
            }
            case "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": {
                const arn = String(inputs.resourceArn);
                return out(`rpr-${hash(`${this.ctx.stack}/${key}`, 16)}`, {
                    ownerId: this.ctx.accountId, status: "COMPLETE", region: r,
                    resourceType: arn.includes(":hostedzone/") ? "AWS::Route53::HostedZone" : arn.includes(":vpc-endpoint/") ? "AWS::EC2::VPCEndpoint" : "unknown",
                });
            }
            case "aws:route53/profilesAssociation:ProfilesAssociation": {
                const profileId = String(inputs.profileId);
                const vpcId = String(inputs.resourceId);
                this.dns.associateProfile(profileId, vpcId, this.ctx.accountId);
                this.onDelete(key, () => this.dns.disassociateProfile(profileId, vpcId));
                return out(`rpassoc-${hash(`${this.ctx.stack}/${key}`, 16)}`, { ownerId: this.ctx.accountId, status: "COMPLETE", region: r });
            }
            case "aws:ram/resourceAssociation:ResourceAssociation": {
                const [shareArn, resourceArn] = [String(inputs.resourceShareArn), String(inputs.resourceArn)];
                this.dns.shareResource(shareArn, resourceArn);
                this.onDelete(key, () => this.dns.shareResource(shareArn, resourceArn, false));
                // AWS's id is "<share ARN>,<resource ARN>"; a short stand-in keeps the plan readable.
                return out(this.idFor("rs-assoc", key));
            }
            case "aws:ram/principalAssociation:PrincipalAssociation": {
                const [shareArn, principal] = [String(inputs.resourceShareArn), String(inputs.principal)];
                this.dns.sharePrincipal(shareArn, principal);
                this.onDelete(key, () => this.dns.sharePrincipal(shareArn, principal, false));
                return out(this.idFor("rs-principal", key));
            }
            case "aws:ram/resourceShare:ResourceShare": {
                const arn = this.arn("ram", `resource-share/${hash(`${this.ctx.stack}/${key}`, 36)}`);
                return out(arn, { arn });
            }
            case "aws:ec2/managedPrefixList:ManagedPrefixList": return this.simulatePrefixList(key, inputs);
            case "aws:ec2/route:Route": {
                const listId = inputs.destinationPrefixListId;
                if (listId !== undefined && !this.prefixLists.has(String(listId))) {
                    throw new SimAwsError("InvalidPrefixListID.NotFound", `The prefix list ID '${listId}' does not exist`);
                }
                const destination = String(inputs.destinationCidrBlock ?? inputs.destinationIpv6CidrBlock ?? listId);
                this.claimRoute(key, String(inputs.routeTableId), destination);
                return out(`r-${inputs.routeTableId}${hash(String(inputs.destinationCidrBlock ?? listId), 10)}`, { state: "active" });
            }
            case "aws:iam/role:Role": {
                const roleName = String(inputs.name ?? name);
                return out(roleName, { arn: `arn:aws:iam::${this.ctx.accountId}:role/${roleName}` });
            }
            case "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
                const arn = `arn:aws:iam::${this.ctx.accountId}:oidc-provider/${String(inputs.url).replace(/^https:\/\//, "")}`;
                return out(arn, { arn });
            }
            case "aws:ec2/vpnGateway:VpnGateway": return out(this.idFor("vgw", key));
            case "aws:ec2/customerGateway:CustomerGateway": return out(this.idFor("cgw", key));
            case "aws:ec2/vpnConnection:VpnConnection": return out(this.idFor("vpn", key));
            default:
                return out(custom ? this.idFor("sim", key, 12) : "");
        }
    }

    /** Seven days pass: every peering request still pending acceptance expires. */
    expirePendingPeerings(): string[] {
        return this.peering.expirePending();
    }

    /**
     * CreateManagedPrefixList: max entries 1 to 1,000, at most that many entries, and (as the
     * provider sends a list's entries in one request) at most 100 entries per request.
     */
    private simulatePrefixList(key: string, inputs: Record<string, any>) {
        const maxEntries = Number(inputs.maxEntries);
        const entries: { cidr: string }[] = inputs.entries ?? [];
        if (!Number.isInteger(maxEntries) || maxEntries < 1 || maxEntries > MAX_PREFIX_LIST_ENTRIES) {
            throw new SimAwsError("InvalidParameterValue", `Must specify a max size between 1 and ${MAX_PREFIX_LIST_ENTRIES}`);
        }
        // CreateManagedPrefixList: a name (PrefixListName is required), AddressFamily IPv4 or IPv6,
        // and every entry in that family.
        if (!inputs.name) throw new SimAwsError("MissingParameter", "The request must contain the parameter PrefixListName");
        if (inputs.addressFamily !== "IPv4" && inputs.addressFamily !== "IPv6") {
            throw new SimAwsError("InvalidParameterValue", `Invalid value '${inputs.addressFamily ?? ""}' for AddressFamily. Valid values: IPv4, IPv6`);
        }
        const wrongFamily = entries.filter(e => e.cidr.includes(":") !== (inputs.addressFamily === "IPv6"));
        if (wrongFamily.length) {
            throw new SimAwsError("InvalidParameterValue", `The CIDR ${wrongFamily[0].cidr} is not in the prefix list's address family ${inputs.addressFamily}`);
        }
        if (entries.length > ENTRIES_PER_REQUEST) {
            throw new SimAwsError("InvalidParameterValue", `The number of entries per request cannot exceeds limit (${ENTRIES_PER_REQUEST}).`);
        }
        if (entries.length > maxEntries) {
            throw new SimAwsError("PrefixListMaxEntriesExceeded", `The prefix list has ${entries.length} entries, more than its maximum of ${maxEntries}`);
        }
        const id = this.idFor("pl", key);
        this.prefixLists.set(id, { maxEntries, cidrs: entries.map(e => e.cidr) });
        return { id, state: { ...inputs, arn: this.arn("ec2", `prefix-list/${id}`), ownerId: this.ctx.accountId, version: 1 } };
    }

    private referencedOutputs(outputs: Record<string, any>): Record<string, any> {
        const registry = outputs.spokes;
        if (this.fullRegistryInReferences || !registry || typeof registry !== "object") return outputs;
        const own = registry[this.ctx.stack];
        return { ...outputs, spokes: own === undefined ? {} : { [this.ctx.stack]: own } };
    }

    private simulateAwsxVpc(key: string, inputs: Record<string, any>) {
        const vpcId = this.idFor("vpc", key);
        const cidr = String(inputs.cidrBlock);
        const n = Number(inputs.numberOfAvailabilityZones ?? 3);
        const subnetIds = Array.from({ length: n }, (_, i) => this.idFor("subnet", `${key}#${i}`));
        // awsx gives each subnet its own route table; a mask too large for the VPC fails here as in AWS.
        const routeTables = subnetIds.map((_, i) => this.idFor("rtb", `${key}#${i}`));
        this.registerVpc(vpcId, cidr, subnetIds, this.ctx.region, routeTables, inputs.subnetSpecs?.[0]?.cidrMask);
        return { id: vpcId, state: { ...inputs, vpcId, isolatedSubnetIds: subnetIds, privateSubnetIds: [], publicSubnetIds: [] } };
    }

    private simulateEndpoint(key: string, inputs: Record<string, any>) {
        const id = this.idFor("vpce", key);
        const r = this.ctx.region;
        // CreateVpcEndpoint refuses a service name the region does not have, and a subnet in an
        // AZ the service is not offered in (AWS's own words, as the provider reports them).
        const facts = this.endpointService(r, String(inputs.serviceName));
        if (!facts) throw awsError("InvalidServiceName", `The Vpc Endpoint Service '${inputs.serviceName}' does not exist`);
        for (const subnetId of (inputs.subnetIds ?? []) as string[]) {
            const az = this.subnets.get(subnetId)?.availabilityZone;
            if (az && !facts.availabilityZones.includes(az)) {
                throw awsError("InvalidParameter", `The VPC endpoint service ${inputs.serviceName} does not support the availability zone of the subnet: ${subnetId}.`);
            }
        }
        // Dual-stack: every subnet needs an IPv6 block and the service must accept IPv6
        // (AWS: "supported only if all selected subnets have both IPv4 and IPv6 address ranges
        // and the endpoint service accepts both IPv4 and IPv6 requests").
        const dual = inputs.ipAddressType === "dualstack";
        if (dual) {
            if (!facts.supportedIpAddressTypes.includes("ipv6")) {
                throw awsError("InvalidParameter", `The VPC endpoint service ${inputs.serviceName} does not support the IP address type dualstack.`);
            }
            const v4only = ((inputs.subnetIds ?? []) as string[]).filter(id => this.subnets.get(id) && !this.subnets.get(id)!.ipv6Cidr);
            if (v4only.length) throw awsError("InvalidParameter", `The subnets ${v4only.join(", ")} do not have IPv6 address ranges: IP address type dualstack needs dual-stack subnets.`);
        }
        const aaaa = dual && ["dualstack", "ipv6", "service-defined"].includes(inputs.dnsOptions?.dnsRecordIpType);
        const shape = endpointNameShape(String(inputs.serviceName), r);
        const suffix = hash(`${this.ctx.stack}/${key}#dns`, 8);
        const hostedZoneId = "Z" + hash(`vpce-zone:${r}`, 13).toUpperCase();
        const subnetIds: string[] = inputs.subnetIds ?? [];
        const enis = subnetIds.map((s, i) => ({
            id: this.idFor("eni", `${key}#${i}`), subnetId: s, ip: this.allocateIp(s, key),
            ipv6: dual ? this.allocateIpv6(s, key) : undefined,
        }));
        const base = `${id}-${suffix}.${shape.service}.${shape.domain}`;
        // S3 lists its regional name with a leading "*." (bucket-style names), and that wildcard
        // is the record AWS serves: no record exists at the bare name.
        const regional = shape.wildcardFirst ? `*.${base}` : base;
        this.dns.endpointZone(hostedZoneId);
        const dnsEntries = [
            { dnsName: regional, hostedZoneId },
            ...enis.map(e => ({
                dnsName: `${id}-${suffix}-${this.subnets.get(e.subnetId)!.availabilityZone}.${shape.service}.${shape.domain}`,
                hostedZoneId,
            })),
            // SageMaker notebook and studio list a wildcard entry after the zonal ones (verify).
            ...(shape.wildcardLast ? [{ dnsName: `*.${base}`, hostedZoneId }] : []),
        ];
        this.dns.publishEndpointName(regional, enis.map(e => e.ip));
        enis.forEach((e, i) => this.dns.publishEndpointName(dnsEntries[i + 1].dnsName, [e.ip]));
        if (shape.wildcardLast) this.dns.publishEndpointName(`*.${base}`, enis.map(e => e.ip));
        // With private DNS on, the endpoint answers the service's own names in its VPC (and in
        // every VPC of a profile that holds it). Which names: the catalog row's, for the
        // simulation (a name the user declared is theirs to serve with a zone); at deploy time
        // describe-vpc-endpoint-services PrivateDnsNames is the truth.
        const catalogKey = String(inputs.serviceName).split(".").slice(3).join(".");
        const privateDnsNames = inputs.privateDnsEnabled === true ? catalogPrivateDnsNames(catalogKey, r) : [];
        if (inputs.privateDnsEnabled === true) {
            this.dns.enablePrivateDns(id, String(inputs.vpcId), privateDnsNames.length ? privateDnsNames.map(n => n.name)
                : [...new Set(facts.privateDnsNames.map(n => n.replace(/^\*\./, "")))]);
        } else {
            this.dns.disablePrivateDns(id);
        }
        if (aaaa) {
            this.publicDns6.set(regional, enis.map(e => e.ipv6!));
            enis.forEach((e, i) => this.publicDns6.set(dnsEntries[i + 1].dnsName, [e.ipv6!]));
        }
        this.onDelete(key, () => this.dns.disablePrivateDns(id));
        return {
            id, state: {
                ...inputs, dnsEntries, networkInterfaceIds: enis.map(e => e.id), state: "available",
                arn: this.arn("ec2", `vpc-endpoint/${id}`), ownerId: this.ctx.accountId,
                ...(inputs.privateDnsEnabled === true ? { privateDnsNames, privateDnsNamesSource: "simulated: the catalog's zone names for this service" } : {}),
            },
        };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const inputs = args.inputs ?? {};
        switch (args.token) {
            case "aws:index/getCallerIdentity:getCallerIdentity":
                return {
                    accountId: this.ctx.accountId, id: this.ctx.accountId, userId: "AIDASIMULATED",
                    arn: `arn:aws:sts::${this.ctx.accountId}:assumed-role/simulated/${this.ctx.stack}`,
                };
            case "aws:index/getRegion:getRegion":
                return { name: this.ctx.region, region: this.ctx.region, id: this.ctx.region };
            case "aws:index/getAvailabilityZones:getAvailabilityZones": {
                const names = availabilityZones(this.ctx.region);
                return { names, zoneIds: names.map((_, i) => `apne1-az${i + 1}`), id: this.ctx.region };
            }
            case "aws:ec2/getSubnet:getSubnet": {
                const s = this.subnets.get(String(inputs.id));
                if (!s) throw new Error(`simulated cloud: no subnet ${inputs.id} in account ${this.ctx.accountId}`);
                return { id: s.id, vpcId: s.vpcId, cidrBlock: s.cidr, availabilityZone: s.availabilityZone, ipv6CidrBlock: s.ipv6Cidr ?? "" };
            }
            case "aws:ec2/getRouteTable:getRouteTable": {
                const mainFilter = (inputs.filters ?? []).find((f: any) => f.name === "association.main");
                if (mainFilter) {
                    // EC2's filter: only the value "true" selects the VPC's main table; any other
                    // selects its other tables, which the provider's single-result lookup does not take.
                    if (!(mainFilter.values ?? []).includes("true")) {
                        throw new Error(`simulated cloud: getRouteTable with association.main ${JSON.stringify(mainFilter.values ?? [])} does not select the main table of ${inputs.vpcId} (values: ["true"] does)`);
                    }
                    const main = this.idFor("rtb", `main:${inputs.vpcId}`);
                    return { id: main, routeTableId: main, vpcId: inputs.vpcId };
                }
                // Like the provider: a subnet without an explicit association finds nothing.
                const id = this.subnetRouteTables.get(String(inputs.subnetId));
                if (!id) throw new Error(`simulated cloud: no route table is explicitly associated with subnet ${inputs.subnetId}`);
                return { id, routeTableId: id, subnetId: inputs.subnetId, vpcId: this.subnets.get(String(inputs.subnetId))?.vpcId };
            }
            case "aws:ec2/getVpc:getVpc": {
                const dns = this.vpcDns.get(String(inputs.id)) ?? { enableDnsSupport: true, enableDnsHostnames: true };
                return { id: inputs.id, ...dns };
            }
            case "aws:ec2/getVpcEndpointService:getVpcEndpointService": {
                const name = String(inputs.serviceName ?? `com.amazonaws.${this.ctx.region}.${inputs.service}`);
                const facts = this.endpointService(this.ctx.region, name);
                // The provider searches with the name as a filter and reports AWS's refusal.
                if (!facts) throw awsError("InvalidServiceName", `The Vpc Endpoint Service '${name}' does not exist`);
                return {
                    ...facts, id: this.ctx.region, serviceType: inputs.serviceType ?? "Interface", owner: facts.owner ?? "amazon",
                    privateDnsName: facts.privateDnsNames[0] ?? "", acceptanceRequired: false, managesVpcEndpoints: false,
                    baseEndpointDnsNames: [`${name.split(".").slice(3).reverse().join(".")}.${this.ctx.region}.vpce.amazonaws.com`],
                    serviceId: `vpce-svc-${hash(name, 17)}`, region: this.ctx.region, serviceRegion: this.ctx.region, tags: {},
                };
            }
            case "aws:ec2transitgateway/getTransitGateway:getTransitGateway": {
                const settings = this.transitGateways.get(String(inputs.id)) ?? {};
                return {
                    id: inputs.id, autoAcceptSharedAttachments: "enable", defaultRouteTableAssociation: "enable",
                    defaultRouteTablePropagation: "enable", ...settings,
                };
            }
            case "aws:ec2/getVpcPeeringConnections:getVpcPeeringConnections": {
                const ids = this.peering.find(inputs.filters ?? []);
                return { ids, id: this.ctx.region, filters: inputs.filters, tags: {} };
            }
            case "aws:organizations/getOrganization:getOrganization": {
                const org = this.organizations.get(this.ctx.accountId);
                if (!org) throw new SimAwsError("AWSOrganizationsNotInUseException", `account ${this.ctx.accountId} is not a member of an organization`);
                return {
                    id: org.id, arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
                    masterAccountId: org.managementAccountId, featureSet: "ALL", accounts: [], nonMasterAccounts: [], roots: [],
                };
            }
            default:
                throw new Error(`simulated cloud: no simulation for invoke ${args.token}`);
        }
    }
}

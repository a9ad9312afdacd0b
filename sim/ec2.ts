// The simulated EC2 of VPCs: subnets and their AZs, addresses taken in them, route tables and
// their routes (one per destination), customer-managed prefix lists, security groups, and the
// VPN side of on-prem. Interface endpoints are sim/endpoints.ts; Transit Gateways
// sim/transitGateway.ts; peering sim/peering.ts. Refusals carry EC2's error names.
import { hostAt, mustParseCidr, overlaps, subnetAt, within } from "../lib/net/cidr";
import { host6At, subnet6At } from "../lib/net/ipv6";
import { ENTRIES_PER_REQUEST, MAX_PREFIX_LIST_ENTRIES } from "../lib/net/prefixLists";
import { InvokeTable, ResourceCall, ResourceTable, SimRun, created, hash } from "./context";
import { SimAwsError, awsError } from "./errors";

export interface SimSubnet {
    readonly id: string;
    readonly vpcId: string;
    readonly cidr: string;
    readonly availabilityZone: string;
    /** The subnet's IPv6 /64, if it has one (a dual-stack subnet). */
    readonly ipv6Cidr?: string;
}

/** AZ letters per region where they are not a, b, c...; ap-northeast-1 has no "b" for new accounts. */
const AZ_LETTERS: Record<string, string[]> = { "ap-northeast-1": ["a", "c", "d"] };

export function availabilityZones(region: string): string[] {
    return (AZ_LETTERS[region] ?? ["a", "b", "c", "d", "e", "f"]).map(l => `${region}${l}`);
}

export class SimEc2 {
    readonly subnets = new Map<string, SimSubnet>();
    /** Subnet id -> the route table associated with it (for getRouteTable). */
    readonly subnetRouteTables = new Map<string, string>();
    /** VPC attributes private hosted zones depend on; VPCs not listed have both on. */
    readonly vpcDns = new Map<string, { enableDnsSupport: boolean; enableDnsHostnames: boolean }>();
    /** Customer-managed prefix lists created so far: id -> max entries and CIDRs. */
    readonly prefixLists = new Map<string, { maxEntries: number; cidrs: string[] }>();
    /** Each known VPC's IPv4 block (the Transit Gateway propagates it into route tables). */
    readonly vpcCidrs = new Map<string, string>();
    private readonly usedIps = new Set<string>();
    /** An address once given to a key stays that key's: a resource updated in a later run keeps its ENIs. */
    private readonly allocated = new Map<string, string>();
    /**
     * Routes by route table and destination -> the resource (stack/key) that holds it: EC2 keeps
     * one route per destination in a table and refuses a second (RouteAlreadyExists), also
     * while Pulumi creates a renamed route before deleting the old one.
     */
    private readonly routes = new Map<string, string>();

    constructor(private readonly run: SimRun) {}

    /**
     * Declares an existing VPC's subnets: subnet i gets the i-th block, AZ i and route table i
     * (each mod how many there are), and with the VPC's IPv6 block the i-th /64 of it (AWS
     * gives subnets /64s). Subnets already known keep what they have: a test that seeds a
     * subnet without IPv6 keeps it so.
     */
    registerVpc(vpcId: string, cidr: string, subnetIds: readonly string[], region: string, routeTableIds: readonly string[] = [], subnetPrefix?: number, ipv6Cidr?: string): void {
        const prefix = mustParseCidr(cidr).prefix;
        if (!this.vpcCidrs.has(vpcId)) this.vpcCidrs.set(vpcId, cidr);
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

    /** Addresses are taken per VPC: two hubs' VPCs in two regions may reuse one block. */
    private ipKey(subnetId: string, ip: string): string {
        return `${this.subnets.get(subnetId)?.vpcId ?? "?"}/${ip}`;
    }

    /** A pinned address: AWS refuses one already in use. */
    claimIp(subnetId: string, ip: string): string {
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

    /** One route per destination in a route table, as EC2 keeps them (CreateRoute). */
    private claimRoute(key: string, routeTableId: string, destination: string): void {
        const owner = `${this.run.ctx.stack}/${key}`;
        const slot = `${routeTableId}|${destination}`;
        const holder = this.routes.get(slot);
        if (holder !== undefined && holder !== owner) {
            throw awsError("RouteAlreadyExists", `Route in Route Table (${routeTableId}) with destination (${destination}) already exists`);
        }
        // A route updated to another destination gives up its old one.
        for (const [s, o] of this.routes) if (o === owner && s !== slot) this.routes.delete(s);
        this.routes.set(slot, owner);
        this.run.onDelete(key, () => { if (this.routes.get(slot) === owner) this.routes.delete(slot); });
    }

    /**
     * CreateManagedPrefixList: max entries 1 to 1,000, at most that many entries, and (as the
     * provider sends a list's entries in one request) at most 100 entries per request.
     */
    private prefixList(call: ResourceCall) {
        const { key, inputs } = call;
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
        const id = this.run.idFor("pl", key);
        this.prefixLists.set(id, { maxEntries, cidrs: entries.map(e => e.cidr) });
        return { id, state: { ...inputs, arn: this.run.arn("ec2", `prefix-list/${id}`), ownerId: this.run.ctx.accountId, version: 1 } };
    }

    /**
     * CreateSubnet: a block inside its VPC's, overlapping none of the VPC's other subnets
     * (EC2: InvalidSubnet.Range, InvalidSubnet.Conflict).
     */
    private subnet(call: ResourceCall) {
        const { key, inputs } = call;
        const vpcId = String(inputs.vpcId);
        const cidr = String(inputs.cidrBlock);
        const vpcCidr = this.vpcCidrs.get(vpcId);
        if (vpcCidr && !within(cidr, vpcCidr)) throw new SimAwsError("InvalidSubnet.Range", `The CIDR '${cidr}' is invalid.`);
        const id = this.run.idFor("subnet", key);
        const clash = [...this.subnets.values()].find(s => s.vpcId === vpcId && s.id !== id && overlaps(s.cidr, cidr));
        if (clash) throw new SimAwsError("InvalidSubnet.Conflict", `The CIDR '${cidr}' conflicts with another subnet`);
        this.subnets.set(id, { id, vpcId, cidr, availabilityZone: String(inputs.availabilityZone ?? availabilityZones(this.run.ctx.region)[0]) });
        this.run.onDelete(key, () => this.subnets.delete(id));
        return created(call, id, { arn: this.run.arn("ec2", `subnet/${id}`), ownerId: this.run.ctx.accountId });
    }

    readonly resources: ResourceTable = {
        "aws:ec2/vpc:Vpc": c => {
            const id = this.run.idFor("vpc", c.key);
            if (c.inputs.cidrBlock !== undefined) this.vpcCidrs.set(id, String(c.inputs.cidrBlock));
            return created(c, id, { arn: this.run.arn("ec2", `vpc/${id}`), ownerId: this.run.ctx.accountId });
        },
        "aws:ec2/subnet:Subnet": c => this.subnet(c),
        "aws:ec2/routeTable:RouteTable": c => {
            const id = this.run.idFor("rtb", c.key);
            return created(c, id, { arn: this.run.arn("ec2", `route-table/${id}`), ownerId: this.run.ctx.accountId });
        },
        "aws:ec2/routeTableAssociation:RouteTableAssociation": c => {
            // A subnet has one explicit association: the new one replaces it (ReplaceRouteTableAssociation).
            this.subnetRouteTables.set(String(c.inputs.subnetId), String(c.inputs.routeTableId));
            return created(c, `rtbassoc-${hash(`${c.inputs.subnetId} ${c.inputs.routeTableId}`, 17)}`);
        },
        "aws:ec2/securityGroup:SecurityGroup": c => {
            const id = this.run.idFor("sg", c.key);
            return created(c, id, { arn: this.run.arn("ec2", `security-group/${id}`), ownerId: this.run.ctx.accountId });
        },
        "aws:ec2/managedPrefixList:ManagedPrefixList": c => this.prefixList(c),
        "aws:ec2/route:Route": c => {
            const inputs = c.inputs;
            const listId = inputs.destinationPrefixListId;
            if (listId !== undefined && !this.prefixLists.has(String(listId))) {
                throw new SimAwsError("InvalidPrefixListID.NotFound", `The prefix list ID '${listId}' does not exist`);
            }
            const destination = String(inputs.destinationCidrBlock ?? inputs.destinationIpv6CidrBlock ?? listId);
            this.claimRoute(c.key, String(inputs.routeTableId), destination);
            return created(c, `r-${inputs.routeTableId}${hash(String(inputs.destinationCidrBlock ?? listId), 10)}`, { state: "active" });
        },
        "aws:ec2/vpnGateway:VpnGateway": c => created(c, this.run.idFor("vgw", c.key)),
        "aws:ec2/customerGateway:CustomerGateway": c => created(c, this.run.idFor("cgw", c.key)),
        "aws:ec2/vpnConnection:VpnConnection": c => created(c, this.run.idFor("vpn", c.key)),
    };

    readonly invokes: InvokeTable = {
        "aws:index/getAvailabilityZones:getAvailabilityZones": () => {
            const names = availabilityZones(this.run.ctx.region);
            return { names, zoneIds: names.map((_, i) => `apne1-az${i + 1}`), id: this.run.ctx.region };
        },
        "aws:ec2/getSubnet:getSubnet": inputs => {
            const s = this.subnets.get(String(inputs.id));
            if (!s) throw new Error(`simulated cloud: no subnet ${inputs.id} in account ${this.run.ctx.accountId}`);
            return { id: s.id, vpcId: s.vpcId, cidrBlock: s.cidr, availabilityZone: s.availabilityZone, ipv6CidrBlock: s.ipv6Cidr ?? "" };
        },
        "aws:ec2/getRouteTable:getRouteTable": inputs => {
            const mainFilter = (inputs.filters ?? []).find((f: any) => f.name === "association.main");
            if (mainFilter) {
                // EC2's filter: only the value "true" selects the VPC's main table; any other
                // selects its other tables, which the provider's single-result lookup does not take.
                if (!(mainFilter.values ?? []).includes("true")) {
                    throw new Error(`simulated cloud: getRouteTable with association.main ${JSON.stringify(mainFilter.values ?? [])} does not select the main table of ${inputs.vpcId} (values: ["true"] does)`);
                }
                const main = this.run.idFor("rtb", `main:${inputs.vpcId}`);
                return { id: main, routeTableId: main, vpcId: inputs.vpcId };
            }
            // Like the provider: a subnet without an explicit association finds nothing.
            const id = this.subnetRouteTables.get(String(inputs.subnetId));
            if (!id) throw new Error(`simulated cloud: no route table is explicitly associated with subnet ${inputs.subnetId}`);
            return { id, routeTableId: id, subnetId: inputs.subnetId, vpcId: this.subnets.get(String(inputs.subnetId))?.vpcId };
        },
        "aws:ec2/getVpc:getVpc": inputs => {
            const dns = this.vpcDns.get(String(inputs.id)) ?? { enableDnsSupport: true, enableDnsHostnames: true };
            return { id: inputs.id, ...dns };
        },
    };
}

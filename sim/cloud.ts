// The simulated AWS behind both the unit tests and `npm run plan`: one module, so what the
// tests prove is what the plan shows. It implements Pulumi's mock interface and keeps a small
// "world" (subnets, route tables, network interfaces, public DNS of endpoint names, outputs
// of stacks already planned) so that several stacks can be evaluated in one process.
//
// Ids are derived from URNs by hashing: the same program and config always give the same
// ids, and adding a resource never changes another resource's id or address.
import * as crypto from "crypto";
import type * as pulumi from "@pulumi/pulumi";
import { hostAt, mustParseCidr, subnetAt } from "../lib/cidr";

export interface SimSubnet {
    readonly id: string;
    readonly vpcId: string;
    readonly cidr: string;
    readonly availabilityZone: string;
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

export function hash(text: string, length: number): string {
    return crypto.createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** A 12-digit account id for a stack that did not configure one. */
export function simulatedAccountId(stack: string): string {
    return (BigInt("0x" + hash(`account:${stack}`, 12)) % 900000000000n + 100000000000n).toString();
}

interface StackContext {
    readonly stack: string;
    readonly project: string;
    readonly accountId: string;
    readonly region: string;
}

export class SimCloud implements pulumi.runtime.Mocks {
    readonly subnets = new Map<string, SimSubnet>();
    /** Route table id -> subnet ids associated with it (for getRouteTables). */
    readonly routeTableSubnets = new Map<string, string[]>();
    /** Public DNS: an endpoint's regional and zonal names -> private IPs. */
    readonly publicDns = new Map<string, string[]>();
    /** Network interface id -> { ip, subnetId }. */
    readonly networkInterfaces = new Map<string, { ip: string; subnetId: string }>();
    /** Outputs of stacks already evaluated, by stack name, for StackReferences. */
    readonly stackOutputs = new Map<string, Record<string, any>>();
    /** Resources of the stack being evaluated, in registration order. */
    recorded: RecordedResource[] = [];
    private usedIps = new Set<string>();
    private ctx: StackContext = { stack: "test", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" };

    /** Starts a stack: later registrations belong to it. */
    begin(ctx: StackContext): void {
        this.ctx = ctx;
        this.recorded = [];
    }

    get context(): StackContext {
        return this.ctx;
    }

    /** Declares an existing VPC's subnets: subnet i gets the i-th block and AZ i (mod the region's AZs). */
    registerVpc(vpcId: string, cidr: string, subnetIds: readonly string[], region: string): void {
        const prefix = mustParseCidr(cidr).prefix;
        const newPrefix = prefix <= 21 ? 24 : prefix + 3;
        const azs = availabilityZones(region);
        subnetIds.forEach((id, i) => {
            if (!this.subnets.has(id)) {
                this.subnets.set(id, { id, vpcId, cidr: subnetAt(cidr, newPrefix, i), availabilityZone: azs[i % azs.length] });
            }
        });
    }

    /** A free address in a subnet, chosen by hashing `key` so it does not depend on creation order. */
    allocateIp(subnetId: string, key: string): string {
        const subnet = this.subnets.get(subnetId);
        if (!subnet) throw new Error(`simulated cloud: no subnet ${subnetId}`);
        const size = 2 ** (32 - mustParseCidr(subnet.cidr).prefix);
        const usable = size - 5; // AWS reserves the first four addresses and the last one.
        let offset = parseInt(hash(`${key}@${subnetId}`, 8), 16) % usable;
        for (let tries = 0; tries < usable; tries++, offset = (offset + 1) % usable) {
            const ip = hostAt(subnet.cidr, 4 + offset);
            if (!this.usedIps.has(ip)) {
                this.usedIps.add(ip);
                return ip;
            }
        }
        throw new Error(`simulated cloud: subnet ${subnetId} is full`);
    }

    private idFor(prefix: string, key: string, length = 17): string {
        return `${prefix}-${hash(`${this.ctx.stack}/${key}`, length)}`;
    }

    private arn(service: string, resource: string, global = false): string {
        return `arn:aws:${service}:${global ? "" : this.ctx.region}:${this.ctx.accountId}:${resource}`;
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const { type, name } = args;
        const inputs = args.inputs ?? {};
        const key = `${type}::${name}`;
        const result = this.simulate(type, name, key, inputs, args.custom !== false, args.id);
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
                const outputs = this.stackOutputs.get(stack);
                if (!outputs) throw new Error(`simulated cloud: stack reference ${ref}: no stack "${stack}" was planned before this one`);
                return { id: ref, state: { name: ref, outputs, secretOutputNames: [] } };
            }
            case "awsx:ec2:Vpc": return this.simulateAwsxVpc(key, inputs);
            case "aws:ec2/securityGroup:SecurityGroup": {
                const id = this.idFor("sg", key);
                return out(id, { arn: this.arn("ec2", `security-group/${id}`), ownerId: this.ctx.accountId });
            }
            case "aws:ec2/vpcEndpoint:VpcEndpoint": return this.simulateEndpoint(key, inputs);
            case "aws:route53/zone:Zone": {
                const zoneId = "Z" + hash(`${this.ctx.stack}/${key}`, 20).toUpperCase();
                return out(zoneId, {
                    zoneId, arn: `arn:aws:route53:::hostedzone/${zoneId}`,
                    nameServers: [], primaryNameServer: "ns-0.awsdns-00.com.",
                });
            }
            case "aws:route53/record:Record":
                return out(`${inputs.zoneId}_${inputs.name}_${inputs.type}`, { fqdn: inputs.name });
            case "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization":
            case "aws:route53/zoneAssociation:ZoneAssociation":
                return out(`${inputs.zoneId}:${inputs.vpcId}`, { vpcRegion: inputs.vpcRegion ?? r, owningAccount: this.ctx.accountId });
            case "aws:route53/resolverEndpoint:ResolverEndpoint": {
                const id = this.idFor("rslvr-in", key);
                const ipAddresses = (inputs.ipAddresses ?? []).map((a: any, i: number) => ({
                    subnetId: a.subnetId,
                    ip: a.ip ?? this.allocateIp(a.subnetId, `${key}#${i}`),
                    ipId: this.idFor("rni", `${key}#${i}`),
                }));
                return out(id, { ipAddresses, arn: this.arn("route53resolver", `resolver-endpoint/${id}`), hostVpcId: inputs.vpcId });
            }
            case "aws:ec2/vpcPeeringConnection:VpcPeeringConnection":
                return out(this.idFor("pcx", key), { acceptStatus: "pending-acceptance" });
            case "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter":
                return out(String(inputs.vpcPeeringConnectionId), { acceptStatus: "active" });
            case "aws:ec2transitgateway/transitGateway:TransitGateway": {
                const id = this.idFor("tgw", key);
                return out(id, {
                    arn: this.arn("ec2", `transit-gateway/${id}`), ownerId: this.ctx.accountId,
                    associationDefaultRouteTableId: this.idFor("tgw-rtb", `${key}#default`),
                    propagationDefaultRouteTableId: this.idFor("tgw-rtb", `${key}#default`),
                });
            }
            case "aws:ec2transitgateway/routeTable:RouteTable":
                return out(this.idFor("tgw-rtb", key));
            case "aws:ec2transitgateway/vpcAttachment:VpcAttachment":
                return out(this.idFor("tgw-attach", key), { vpcOwnerId: this.ctx.accountId });
            case "aws:ram/resourceShare:ResourceShare": {
                const arn = this.arn("ram", `resource-share/${hash(`${this.ctx.stack}/${key}`, 36)}`);
                return out(arn, { arn });
            }
            case "aws:ec2/route:Route":
                return out(`r-${inputs.routeTableId}${hash(String(inputs.destinationCidrBlock), 10)}`, { state: "active" });
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

    private simulateAwsxVpc(key: string, inputs: Record<string, any>) {
        const vpcId = this.idFor("vpc", key);
        const cidr = String(inputs.cidrBlock);
        const n = Number(inputs.numberOfAvailabilityZones ?? 3);
        const subnetIds = Array.from({ length: n }, (_, i) => this.idFor("subnet", `${key}#${i}`));
        this.registerVpc(vpcId, cidr, subnetIds, this.ctx.region);
        subnetIds.forEach((s, i) => this.routeTableSubnets.set(this.idFor("rtb", `${key}#${i}`), [s]));
        return { id: vpcId, state: { ...inputs, vpcId, isolatedSubnetIds: subnetIds, privateSubnetIds: [], publicSubnetIds: [] } };
    }

    private simulateEndpoint(key: string, inputs: Record<string, any>) {
        const id = this.idFor("vpce", key);
        const r = this.ctx.region;
        // com.amazonaws.<region>.ecr.dkr -> dkr.ecr; the regional name reads like the zone name.
        const service = String(inputs.serviceName).split(".").slice(3).reverse().join(".");
        const suffix = hash(`${this.ctx.stack}/${key}#dns`, 8);
        const hostedZoneId = "Z" + hash(`vpce-zone:${r}`, 13).toUpperCase();
        const subnetIds: string[] = inputs.subnetIds ?? [];
        const enis = subnetIds.map((s, i) => ({ id: this.idFor("eni", `${key}#${i}`), subnetId: s, ip: this.allocateIp(s, key) }));
        const regional = `${id}-${suffix}.${service}.${r}.vpce.amazonaws.com`;
        const dnsEntries = [
            // S3 lists its regional name with a leading "*." (bucket-style names).
            { dnsName: service === "s3" ? `*.${regional}` : regional, hostedZoneId },
            ...enis.map(e => ({
                dnsName: `${id}-${suffix}-${this.subnets.get(e.subnetId)!.availabilityZone}.${service}.${r}.vpce.amazonaws.com`,
                hostedZoneId,
            })),
        ];
        this.publicDns.set(regional, enis.map(e => e.ip));
        enis.forEach((e, i) => {
            this.networkInterfaces.set(e.id, { ip: e.ip, subnetId: e.subnetId });
            this.publicDns.set(dnsEntries[i + 1].dnsName, [e.ip]);
        });
        return {
            id, state: {
                ...inputs, dnsEntries, networkInterfaceIds: enis.map(e => e.id), state: "available",
                arn: this.arn("ec2", `vpc-endpoint/${id}`), ownerId: this.ctx.accountId,
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
                return { id: s.id, vpcId: s.vpcId, cidrBlock: s.cidr, availabilityZone: s.availabilityZone };
            }
            case "aws:ec2/getRouteTables:getRouteTables": {
                const wanted: string[] = (inputs.filters ?? []).find((f: any) => f.name === "association.subnet-id")?.values ?? [];
                const ids = [...this.routeTableSubnets.entries()].filter(([, subnets]) => subnets.some(s => wanted.includes(s))).map(([id]) => id);
                return { ids, id: String(inputs.vpcId) };
            }
            default:
                throw new Error(`simulated cloud: no simulation for invoke ${args.token}`);
        }
    }
}

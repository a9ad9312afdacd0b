// The simulated AWS behind both the unit tests and `npm run plan`: one module, so what the
// tests prove is what the plan shows. It implements Pulumi's mock interface for the stack being
// evaluated and hands each resource type and invoke to the simulated service that owns it:
// EC2 (sim/ec2.ts), PrivateLink endpoints (sim/endpoints.ts), Transit Gateway
// (sim/transitGateway.ts), peering (sim/peering.ts), Route 53 (sim/route53.ts), Route 53
// Profiles (sim/profiles.ts), RAM and Organizations (sim/ram.ts), the Resolver
// (sim/resolver.ts) and IAM (sim/iam.ts). The world they keep (subnets, zones, shares, outputs of
// stacks already planned) lasts across stacks, so several stacks are evaluated in one process.
//
// Ids are derived from URNs by hashing: the same program and config always give the same
// ids, and adding a resource never changes another resource's id or address.
import * as pulumi from "@pulumi/pulumi";
import { InvokeTable, ResourceTable, SimRun, Simulated, StackContext, created, hash } from "./context";
import { SimEc2 } from "./ec2";
import { SimEndpoints } from "./endpoints";
import { SimAwsError } from "./errors";
import { iamResources } from "./iam";
import { SimPeerings, peeringTables } from "./peering";
import { SimProfiles, profileResources } from "./profiles";
import { SimOrganizations, SimRam, ramResources } from "./ram";
import { resolverResources } from "./resolver";
import { SimDnsSource, SimRoute53, answering, route53Invokes, route53Resources } from "./route53";
import { SimTransitGateways } from "./transitGateway";
import { DEFAULT_QUOTAS } from "../lib/aws/quotas";
import { TYPES } from "../lib/model";

export { availabilityZones } from "./ec2";
export type { SimSubnet } from "./ec2";
export { awsError } from "./errors";
export { hash } from "./context";
export type { StackContext } from "./context";

export interface RecordedResource {
    readonly type: string;
    readonly name: string;
    readonly id: string;
    readonly custom: boolean;
    readonly inputs: Record<string, any>;
    readonly state: Record<string, any>;
}

/** A 12-digit account id for a stack that did not configure one. */
export function simulatedAccountId(stack: string): string {
    return (BigInt("0x" + hash(`account:${stack}`, 12)) % 900000000000n + 100000000000n).toString();
}

export class SimCloud implements pulumi.runtime.Mocks, SimRun {
    ctx: StackContext = { stack: "test", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" };

    // The services, each with its own state and rules.
    readonly ec2 = new SimEc2(this);
    /** Route 53, private DNS of endpoints, and AWS's zone of endpoint names (sim/route53.ts). */
    readonly dns = new SimRoute53();
    readonly endpoints = new SimEndpoints(this, this.ec2, this.dns);
    readonly orgs = new SimOrganizations();
    readonly ram = new SimRam(this.orgs);
    readonly profiles = new SimProfiles(this.ram);
    readonly tgw = new SimTransitGateways(this, this.ram, this.ec2);
    /** VPC peering requests and their status (sim/peering.ts): a request not accepted within 7 days expires. */
    readonly peering = new SimPeerings();

    // What tests and the plan read and seed, by the names they have always had.
    readonly subnets = this.ec2.subnets;
    readonly subnetRouteTables = this.ec2.subnetRouteTables;
    readonly vpcDns = this.ec2.vpcDns;
    readonly prefixLists = this.ec2.prefixLists;
    readonly transitGateways = this.tgw.existing;
    readonly endpointServices = this.endpoints.endpointServices;
    /** Public DNS: an endpoint's regional and zonal names (record names: S3's regional one is a wildcard) -> private IPs. */
    readonly publicDns = this.dns.endpointRecords;
    /** The same names' AAAA answers: endpoints with IPv6 addresses and AAAA records (dnsRecordIpType). */
    readonly publicDns6 = this.dns.endpointRecords6;
    /** Peering connections by id, with their status. */
    readonly peerings = this.peering.byId;
    /** The AWS Organization each account belongs to (sim/ram.ts). */
    readonly organizations = this.orgs.byAccount;

    /** The account's quota of IP addresses per Resolver endpoint (6; the plan sets what the hub declares). */
    resolverIpsPerEndpoint = DEFAULT_QUOTAS.resolverIpsPerEndpoint;

    /** Outputs of stacks already evaluated, by stack name, for StackReferences. */
    readonly stackOutputs = new Map<string, Record<string, any>>();
    /**
     * Whether a StackReference to a hub sees the hub's whole registry (`spokes`, an entry per
     * spoke) or only the entry of the stack reading it. The engine sends every output; the
     * spoke program reads only its own entry (test/spoke.test.ts proves a spoke plans the same
     * either way), and a plan runs every spoke in one process: the whole registry would make
     * each spoke's cost grow with the fleet, and the plan with its square.
     */
    fullRegistryInReferences = false;
    /** Resources of the stack being evaluated, in registration order. */
    recorded: RecordedResource[] = [];
    /**
     * Requests of the stack being evaluated that AWS would refuse. The simulation records them
     * and lets the program go on, so that one plan reports every refusal (sim/run.ts turns them
     * into errors naming the stack and resource) instead of crashing on the first.
     */
    refusals: { type: string; name: string; error: SimAwsError }[] = [];
    /**
     * What each stack's resources did to the simulated world, so that a later run of the stack
     * that no longer declares one undoes it: stack -> resource key -> undo. Pulumi deletes
     * last, after every create and update of the run (`finish`).
     */
    private readonly undo = new Map<string, Map<string, () => void>>();
    /** Resource keys registered in the current run. */
    private runKeys = new Set<string>();

    /** Every resource type the simulation answers, by Pulumi type token. */
    private readonly resourceTable: ResourceTable;
    /** Every invoke the simulation answers, by provider function token. */
    private readonly invokeTable: InvokeTable;

    constructor() {
        const peering = peeringTables(this, this.peering);
        this.resourceTable = {
            "pulumi:pulumi:StackReference": c => this.stackReference(String(c.inputs.name ?? c.readId ?? c.name)),
            ...this.ec2.resources,
            ...this.endpoints.resources,
            ...this.tgw.resources,
            ...peering.resources,
            ...route53Resources(this, this.dns),
            ...profileResources(this, this.profiles),
            ...ramResources(this, this.ram),
            ...resolverResources(this, this.ec2, () => this.resolverIpsPerEndpoint),
            ...iamResources(this),
        };
        this.invokeTable = {
            "aws:index/getCallerIdentity:getCallerIdentity": () => ({
                accountId: this.ctx.accountId, id: this.ctx.accountId, userId: "AIDASIMULATED",
                arn: `arn:aws:sts::${this.ctx.accountId}:assumed-role/simulated/${this.ctx.stack}`,
            }),
            "aws:index/getRegion:getRegion": () => ({ name: this.ctx.region, region: this.ctx.region, id: this.ctx.region }),
            ...this.ec2.invokes,
            ...this.endpoints.invokes,
            ...this.tgw.invokes,
            ...peering.invokes,
            ...this.orgs.invokes(this),
            ...route53Invokes(this, this.dns),
        };
    }

    /**
     * Starts a stack: installs this cloud as Pulumi's mocks for it, so that the stack Pulumi
     * names in URNs and the one this cloud answers for (account, region) are one and the same.
     * Later registrations belong to it.
     */
    async start(ctx: StackContext, organization: string): Promise<void> {
        this.ctx = ctx;
        this.recorded = [];
        this.endpoints.reset();
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

    onDelete(key: string, undo: () => void): void {
        this.undo.get(this.ctx.stack)?.set(key, undo);
    }

    existed(key: string): boolean {
        return this.undo.get(this.ctx.stack)?.has(key) ?? false;
    }

    idFor(prefix: string, key: string, length = 17): string {
        return `${prefix}-${hash(`${this.ctx.stack}/${key}`, length)}`;
    }

    arn(service: string, resource: string): string {
        return `arn:aws:${service}:${this.ctx.region}:${this.ctx.accountId}:${resource}`;
    }

    // Seeding the world, for tests and the plan (each delegates to its service).
    registerVpc(...args: Parameters<SimEc2["registerVpc"]>): void { this.ec2.registerVpc(...args); }
    registerEndpointService(...args: Parameters<SimEndpoints["registerEndpointService"]>): void { this.endpoints.registerEndpointService(...args); }
    removeEndpointService(...args: Parameters<SimEndpoints["removeEndpointService"]>): void { this.endpoints.removeEndpointService(...args); }
    declareServices(...args: Parameters<SimEndpoints["declareServices"]>): void { this.endpoints.declareServices(...args); }
    endpointService(...args: Parameters<SimEndpoints["endpointService"]>) { return this.endpoints.endpointService(...args); }
    allocateIp(subnetId: string, key: string): string { return this.ec2.allocateIp(subnetId, key); }
    allocateIpv6(subnetId: string, key: string): string { return this.ec2.allocateIpv6(subnetId, key); }

    /**
     * Which sources answer `host` in a VPC, as Route 53 resolves it there: the most specific name
     * among the VPC's own zones and endpoints' private DNS and its profile's, the VPC's own first
     * for one name (Route 53 Profiles guide). Empty when only the public answer is left.
     */
    answeringSources(vpcId: string, host: string): SimDnsSource[] {
        return answering(this.dns, vpcId, host, this.profiles.profileOf(vpcId));
    }

    /**
     * What a VPC holds that no stack manages (a member's own endpoints and zones from before the
     * hub, seeded by the plan: simulated), as planned resources the path checks and the cost read:
     * endpoints not adopted by a stack and not deleted, zones with their alias records.
     */
    standingResources(vpcId: string): RecordedResource[] {
        const out: RecordedResource[] = [];
        for (const e of this.endpoints.standing.values()) {
            if (e.vpcId !== vpcId || e.deleted || e.adoptedBy) continue;
            const state = this.endpoints.standingState(e.id)!;
            out.push({
                type: TYPES.vpcEndpoint, name: e.service, id: e.id, custom: true,
                inputs: { vpcId, serviceName: e.serviceName, vpcEndpointType: "Interface", subnetIds: [...e.subnetIds], securityGroupIds: [...e.securityGroupIds], privateDnsEnabled: e.privateDnsEnabled },
                state,
            });
        }
        for (const [zoneId, z] of this.dns.standing) {
            if (!this.dns.vpcsOf(zoneId).includes(vpcId)) continue;
            out.push({ type: TYPES.zone, name: zoneId, id: zoneId, custom: true, inputs: { name: z.name, vpcs: [{ vpcId }] }, state: { zoneId, arn: `arn:aws:route53:::hostedzone/${zoneId}`, simulated: z.simulated } });
            for (const r of z.records) {
                out.push({
                    type: TYPES.record, name: `${zoneId}-${r.name}-${r.type}`, id: `${zoneId}_${r.name}_${r.type}`, custom: true,
                    inputs: { zoneId, name: r.name, type: r.type, aliases: [{ name: r.aliasTarget, zoneId: r.aliasZoneId, evaluateTargetHealth: false }] }, state: { simulated: z.simulated },
                });
            }
        }
        return out;
    }

    /** Seven days pass: every peering request still pending acceptance expires. */
    expirePendingPeerings(): string[] {
        return this.peering.expirePending();
    }

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, any> } {
        const { type, name } = args;
        const inputs = args.inputs ?? {};
        const key = `${type}::${name}`;
        const custom = args.custom !== false;
        let result: Simulated;
        this.runKeys.add(key);
        try {
            const handler = this.resourceTable[type];
            const call = { name, key, inputs, custom, readId: args.id };
            result = handler ? handler(call) : created(call, custom ? this.idFor("sim", key, 12) : "");
        } catch (e) {
            if (!(e instanceof SimAwsError)) throw e;
            this.refusals.push({ type, name, error: e });
            result = { id: this.idFor("refused", key), state: { ...inputs } };
        }
        this.recorded.push({ type, name, id: result.id ?? "", custom, inputs, state: result.state });
        return { id: result.id, state: result.state };
    }

    call(args: pulumi.runtime.MockCallArgs): Record<string, any> {
        const handler = this.invokeTable[args.token];
        if (!handler) throw new Error(`simulated cloud: no simulation for invoke ${args.token}`);
        return handler(args.inputs ?? {});
    }

    private stackReference(ref: string): Simulated {
        const stack = ref.split("/").pop()!;
        const outputs = this.stackOutputs.get(stack) ?? (stack === this.ctx.stack ? {} : undefined);
        // A stack reading its own outputs (the hub, for the peerings it requested before)
        // gets those of its previous run, none on its first.
        if (!outputs) throw new Error(`simulated cloud: stack reference ${ref}: no stack "${stack}" was planned before this one`);
        const own = stack === this.ctx.stack;
        return { id: ref, state: { name: ref, outputs: own ? outputs : this.referencedOutputs(outputs), secretOutputNames: [] } };
    }

    private referencedOutputs(outputs: Record<string, any>): Record<string, any> {
        const registry = outputs.spokes;
        if (this.fullRegistryInReferences || !registry || typeof registry !== "object") return outputs;
        const own = registry[this.ctx.stack];
        return { ...outputs, spokes: own === undefined ? {} : { [this.ctx.stack]: own } };
    }
}

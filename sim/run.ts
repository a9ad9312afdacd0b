// Runs one real stack program in-process against the simulated cloud and records what it
// created. The tests and the plan both come through here.
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, StackConfig, StackDeclaration, VpcSources, requireStackConfig } from "../lib/config";
import { PlannedResource, PlannedStack, Warning } from "../lib/model";
import { runStack } from "../stacks";
import { setWarningSink } from "../stacks/warnings";
import { setRamShareLookup } from "../stacks/ramShares";
import { SimCloud, simulatedAccountId } from "./cloud";
import { seedMemberVpc } from "./seed";

// Internal to @pulumi/pulumi but exported: resolves once no registration is in flight.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { waitForRPCs } = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs: () => Promise<void> };

export const PROJECT = "vpce-hub";
export const ORGANIZATION = "acme";

export interface RunOptions {
    /** Overrides the account the simulated credentials belong to (default: config accountId, else derived). */
    readonly callerAccountId?: string;
}

/** The account a stack's simulated credentials belong to. */
export function accountFor(cfg: StackDeclaration, opts: RunOptions = {}): string {
    return opts.callerAccountId ?? cfg.accountId ?? simulatedAccountId(cfg.stack);
}

function resolve<T>(value: pulumi.Input<T>): Promise<pulumi.Unwrap<T>> {
    // Output.promise() is internal to the SDK, but it rejects when an apply throws (a resource
    // AWS refused has none of its outputs); with apply alone the run would wait forever.
    const o = pulumi.output(value) as pulumi.Output<pulumi.Unwrap<T>> & { promise?: () => Promise<pulumi.Unwrap<T>> };
    if (typeof o.promise === "function") return o.promise();
    return new Promise(r => o.apply(v => { r(v); return v; }));
}

/**
 * Records each registration's parent URN: the mock monitor builds URNs from the parent chain
 * but keeps no parent, and the plan's component tree needs the real parent/child edges.
 */
function recordParents(): Map<string, string> {
    const parents = new Map<string, string>();
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource: (req: { getParent(): string }, cb: (err: unknown, resp?: { getUrn(): string }) => void) => void;
    };
    const register = monitor.registerResource.bind(monitor);
    monitor.registerResource = (req, cb) => register(req, (err, resp) => {
        if (resp && req.getParent()) parents.set(resp.getUrn(), req.getParent());
        cb(err, resp);
    });
    return parents;
}

/** URN of every registered resource, by "type::name" (the mock monitor knows the parent chain). */
function urnsByKey(): Map<string, string> {
    const monitor = pulumi.runtime.getMonitor() as unknown as { resources: Map<string, unknown> };
    const out = new Map<string, string>();
    for (const urn of monitor.resources.keys()) {
        const parts = urn.split("::");
        const type = parts[2].split("$").pop()!;
        out.set(`${type}::${parts.slice(3).join("::")}`, urn);
    }
    return out;
}

/**
 * Evaluates one stack. Throws ConfigValidationError for bad configuration (including what
 * only shows against the simulated cloud, such as subnets in one AZ).
 */
export async function runStackSimulated(sim: SimCloud, stack: string, raw: Record<string, unknown>, opts: RunOptions = {}): Promise<PlannedStack> {
    // The SDK captures a stack trace per resource and per promise; under ts-node each one goes
    // through source-map lookups, which made a 100-spoke plan three times slower. V8's own
    // formatting is enough for a simulation (and errors here are reported without traces).
    const errorClass = Error as { prepareStackTrace?: unknown; stackTraceLimit: number };
    const prepare = errorClass.prepareStackTrace;
    const limit = errorClass.stackTraceLimit;
    errorClass.prepareStackTrace = briefStack;
    errorClass.stackTraceLimit = 0;
    try {
        return await runStackUnmapped(sim, stack, raw, opts);
    } finally {
        errorClass.prepareStackTrace = prepare;
        errorClass.stackTraceLimit = limit;
    }
}

/** Refusals of another account's resource that a RAM invitation left unaccepted explains. */
const NOT_SHARED = new Set(["InvalidTransitGatewayID.NotFound", "ResourceNotFoundException"]);

/**
 * AWS's bare NotFound for a Transit Gateway or profile whose RAM invitation waits for this account
 * (possible only with vpce-hub:acceptRamShare: false; auto accepts it): the plan says which share and key.
 */
function unacceptedShare(sim: SimCloud, cfg: StackDeclaration, accountId: string, code: string): string {
    if (cfg.role !== "spoke" || !NOT_SHARED.has(code)) return "";
    const pending = sim.ram.pendingFor(accountId);
    if (!pending.length) return "";
    return ` (account ${accountId} has not accepted its invitation to the hub's RAM share ${pending.map(i => i.resourceShareArn).join(", ")}, ` +
        `and vpce-hub:acceptRamShare is ${String(cfg.acceptRamShare)}: set it to auto, the default, or true)`;
}

/**
 * RAM's refusal of a member account outside the hub's organization (the share admits no external
 * principal there): the plan names the account and the key that decided it.
 */
function outsideOrganization(cfg: StackDeclaration, type: string, code: string, message: string): string {
    if (cfg.role !== "hub" || !cfg.organizationId || code !== "OperationNotPermittedException" || !type.endsWith("PrincipalAssociation")) return "";
    const account = /account (\d{12}) is outside/.exec(message)?.[1];
    if (!account) return "";
    const spokes = cfg.spokes.filter(s => s.accountId === account).map(s => s.name);
    return ` (vpce-hub:organizationId is ${cfg.organizationId}: the hub shares only with accounts of its organization, and ${spokes.length ? `spoke ${spokes.join(", ")} is in` : ""} ` +
        `account ${account}, which is not in it: move the account into the organization, or remove vpce-hub:organizationId)`;
}

/**
 * The member's config as the plan's checks read it: the VPC its program resolved and exported
 * (stacks/spoke.ts), with the parts the simulated AWS made up marked simulated.
 */
function resolvedMember(cfg: Extract<StackDeclaration, { role: "spoke" }>, outputs: Record<string, any>, simulated: boolean): StackConfig {
    const v = outputs.vpc as { cidr: string; subnetIds: string[]; routeTableIds: string[]; from: VpcSources };
    const from = Object.fromEntries(Object.entries(v.from).map(([k, src]) => [k, simulated && src === "discovered" ? "simulated" : src])) as unknown as VpcSources;
    return {
        ...cfg, vpcFrom: from,
        vpc: { kind: "existing", id: outputs.vpcId, cidr: v.cidr, subnetIds: v.subnetIds, routeTableIds: v.routeTableIds, ...(cfg.vpc.ipv6Cidr ? { ipv6Cidr: cfg.vpc.ipv6Cidr } : {}) },
    };
}

/** The first line of a stack, without formatting a single frame (every frame costs, at thousands of promises). */
function briefStack(error: Error): string {
    return error.message ? `${error.name}: ${error.message}` : error.name;
}

async function runStackUnmapped(sim: SimCloud, stack: string, raw: Record<string, unknown>, opts: RunOptions): Promise<PlannedStack> {
    const cfg = requireStackConfig(stack, raw);
    const accountId = accountFor(cfg, opts);
    await sim.start({ stack, project: PROJECT, accountId, region: cfg.region }, ORGANIZATION);
    // The hub declares the quota AWS granted its account; the simulated Route 53 enforces it.
    if (cfg.role === "hub") {
        sim.dns.authorizationsPerZone = cfg.quotas.authorizationsPerZone;
        sim.dns.vpcsPerZone = cfg.quotas.vpcsPerZone;
        sim.resolverIpsPerEndpoint = cfg.quotas.resolverIpsPerEndpoint;
    }
    // A correct setup: the hub's account is in the organization its config names.
    if (cfg.role === "hub" && cfg.organizationId && !sim.organizations.has(accountId)) {
        sim.organizations.set(accountId, { id: cfg.organizationId, managementAccountId: simulatedAccountId(`organization:${cfg.organizationId}`) });
    }
    if (cfg.role === "hub" && cfg.organizationId) {
        // A correct setup too: the hub's spokes are accounts of its organization (unless a test
        // put one elsewhere), so its shares reach them without invitations.
        const org = sim.organizations.get(accountId)!;
        for (const s of cfg.spokes) if (!sim.organizations.has(s.accountId)) sim.organizations.set(s.accountId, org);
    }
    if (cfg.role === "hub" && cfg.transitGatewayId) sim.tgw.adopt(cfg.transitGatewayId, accountId, cfg.region);
    if (cfg.role === "hub" && cfg.vpc.kind === "existing") sim.registerVpc(cfg.vpc.id, cfg.vpc.cidr, cfg.vpc.subnetIds, cfg.region, cfg.vpc.routeTableIds, undefined, cfg.vpc.ipv6Cidr);
    const simulatedVpc = cfg.role === "spoke" && (seedMemberVpc(sim, cfg)?.madeUp ?? false);
    if (cfg.role === "hub") sim.declareServices(cfg.region, cfg.services);
    const parents = recordParents();
    pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])));

    const warnings: Warning[] = [];
    setWarningSink(w => warnings.push(w));
    // What RAM answers the spoke's deploy-time lookup (acceptRamShare: auto), as this account.
    setRamShareLookup(() => ({
        invitations: async (shareArn: string) => sim.ram.invitationsFor(accountId, shareArn)
            .map(i => ({ status: i.status, invitationArn: i.invitationArn, timestamp: i.timestamp })),
        shareActive: async shareArn => sim.ram.isShareActiveFor(shareArn, accountId),
        pendingResources: async invitationArn => sim.ram.pendingResources(invitationArn, accountId),
    }));
    let outputs: Record<string, any> = {};
    let completed = false;
    let failure: unknown;
    try {
        outputs = await resolve(await runStack(stack, raw));
        await waitForRPCs();
        completed = true;
    } catch (e) {
        // A refusal explains what followed from it (outputs that never came): report the refusal.
        failure = e;
        await waitForRPCs().catch(() => undefined);
    } finally {
        setWarningSink(undefined);
        setRamShareLookup(undefined);
        // Deletions come last, and only when the run went through (sim/cloud.ts finish).
        sim.finish(completed);
    }
    if (sim.refusals.length) {
        // What AWS would refuse at `pulumi up`, each with AWS's error code and the resource.
        throw new ConfigValidationError(sim.refusals.map(f => ({
            stack, key: `${f.type.split(":").pop()} ${f.name}`,
            message: `AWS refuses it: ${f.error.message}${unacceptedShare(sim, cfg, accountId, f.error.code)}${outsideOrganization(cfg, f.type, f.error.code, f.error.message)}`,
        })));
    }
    if (failure !== undefined) throw failure;
    const urns = urnsByKey();
    const resources: PlannedResource[] = sim.recorded.map(r => {
        const urn = urns.get(`${r.type}::${r.name}`) ?? `urn:pulumi:${stack}::${PROJECT}::${r.type}::${r.name}`;
        const parent = parents.get(urn);
        return {
            urn, type: r.type, name: r.name, id: r.id, inputs: r.inputs, outputs: r.state,
            ...(r.custom ? {} : { component: true }),
            ...(parent ? { parent } : {}),
        };
    });
    const plain = JSON.parse(JSON.stringify(outputs ?? {}));
    sim.stackOutputs.set(stack, plain);
    const config: StackConfig = cfg.role === "hub" ? cfg : resolvedMember(cfg, plain, simulatedVpc);
    // A member VPC's own endpoints and zones that no stack adopted (vpce-hub:existingEndpoints).
    const existing: PlannedResource[] = config.role === "spoke" ? sim.standingResources(config.vpc.id).map(r => ({
        urn: `urn:pulumi:${stack}::${PROJECT}::${r.type}::existing-${r.name}`, type: r.type, name: r.name, id: r.id, inputs: r.inputs, outputs: r.state,
    })) : [];
    return {
        stack, role: cfg.role, accountId, region: cfg.region, config, resources, outputs: plain,
        ...(warnings.length ? { warnings } : {}), ...(existing.length ? { existing } : {}),
    };
}

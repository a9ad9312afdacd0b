// `npm run doctor -- state`, the work: which account each set of credentials is, the hubs'
// anchors, the reads (doctor/aws/read.ts), then the plan's own path checks on the live state
// and the drift against the plan (lib/checks/live.ts, lib/checks/drift.ts).
import { HubConfig, SpokeConfig, hubStackName } from "../lib/config";
import { HubAnchors, correspond, liveDns, liveStacks, translate } from "../lib/checks/live";
import { DriftReport, driftOf } from "../lib/checks/drift";
import { checkPaths } from "../lib/checks/paths";
import { PathCheck, PlannedStack, TYPES as T } from "../lib/model";
import { AwsCredentialIdentityProvider, CALLS, Clients } from "./aws/calls";
import { emptyDraft, readHub, readMember } from "./aws/read";

/** One set of credentials: a named profile, or the default chain (undefined). */
export interface CredentialSource { readonly profile?: string; readonly credentials: AwsCredentialIdentityProvider }

export interface StateInput {
    readonly plan: readonly PlannedStack[];
    /** Per hub stack: its outputs as deployed (`pulumi stack output --json`), when given. */
    readonly hubOutputs: ReadonlyMap<string, Record<string, any>>;
    readonly sources: readonly CredentialSource[];
    readonly endpoint?: string;
    readonly maxAttempts?: number;
}

export interface StateResult {
    /** Account -> the profile that read it ("default" for the standard chain). */
    readonly accounts: ReadonlyMap<string, string>;
    /** Stacks whose account no credentials reached: a partial view. */
    readonly unreadStacks: readonly { stack: string; accountId: string }[];
    readonly checks: readonly PathCheck[];
    /** Checks of consumers whose account was not read: not run. */
    readonly skippedChecks: number;
    readonly drift: DriftReport;
    readonly notes: readonly string[];
    /** Every API action called, per account. */
    readonly called: ReadonlyMap<string, ReadonlySet<string>>;
}

/** Bad input the user can fix: `error: <stack>: <key>: <what>`. */
export class StateInputError extends Error {}

/** Where each hub is: its VPC and route tables from config, or from its deployed outputs when it created them. */
export function anchorsOf(hub: PlannedStack, outputs: Record<string, any> | undefined): HubAnchors {
    const cfg = hub.config as HubConfig;
    if (cfg.vpc.kind === "existing") {
        return { vpcId: cfg.vpc.id, routeTableIds: cfg.vpc.routeTableIds, transitGatewayId: outputs?.transitGateway?.id ?? cfg.transitGatewayId };
    }
    if (!outputs?.vpcId || !Array.isArray(outputs.routeTableIds)) {
        throw new StateInputError(`${hub.stack}: vpce-hub:vpc: the hub creates its VPC, so its id is known only after pulumi up: pass its outputs with --hub ${hub.stack}=FILE (pulumi stack output --json -s ${hub.stack} > FILE)`);
    }
    return { vpcId: outputs.vpcId, routeTableIds: outputs.routeTableIds, transitGatewayId: outputs.transitGateway?.id ?? cfg.transitGatewayId };
}

export async function readState(input: StateInput): Promise<StateResult> {
    const hubs = input.plan.filter(s => s.role === "hub");
    if (!hubs.length) throw new StateInputError("(plan): the plan has no hub stack");
    const clientsFor = (credentials: AwsCredentialIdentityProvider, region: string) => new Clients({ region, credentials, endpoint: input.endpoint, maxAttempts: input.maxAttempts });
    // Which account each set of credentials is (STS answers this without any permission).
    const byAccount = new Map<string, CredentialSource>();
    for (const src of input.sources) {
        let account: string;
        try {
            account = String((await clientsFor(src.credentials, hubs[0].region).send(CALLS.getCallerIdentity)).Account);
        } catch (e) {
            throw new StateInputError(`(credentials): ${src.profile ? `--profile ${src.profile}` : "the default credentials"}: ${(e as Error).name}: ${(e as Error).message}`);
        }
        if (!byAccount.has(account)) byAccount.set(account, src);
    }
    const anchors = new Map(hubs.map(h => [h.stack, anchorsOf(h, input.hubOutputs.get(h.stack))]));
    const clients = new Map<string, Clients>();
    const clientOf = (s: PlannedStack) => {
        const key = `${s.accountId} ${s.region}`;
        if (!clients.has(key)) clients.set(key, clientsFor(byAccount.get(s.accountId)!.credentials, s.region));
        return clients.get(key)!;
    };
    const d = emptyDraft();
    const notes: string[] = [];
    for (const h of hubs) {
        if (!byAccount.has(h.accountId)) {
            throw new StateInputError(`${h.stack}: (credentials): no credentials for the hub's account ${h.accountId} (read: ${[...byAccount.keys()].join(", ") || "none"}): ` +
                "pass --profile NAME for it, a role with the doctor's read-only policy (deployments/doctorPolicy.ts)");
        }
        notes.push(...await readHub(clientOf(h), h, anchors.get(h.stack)!, d));
    }
    const unreadStacks: { stack: string; accountId: string }[] = [];
    for (const s of input.plan.filter(x => x.role === "spoke")) {
        if (!byAccount.has(s.accountId)) { unreadStacks.push({ stack: s.stack, accountId: s.accountId }); continue; }
        const hub = hubs.find(h => h.stack === hubStackName((s.config as SpokeConfig).hubStack)) ?? hubs[0];
        const names = new Set(hub.resources.filter(r => r.type === T.zone).map(r => String(r.inputs.name)));
        await readMember(clientOf(s), s, names, hub.accountId, d);
    }
    const live = { ...d, accounts: [...byAccount.keys()] };
    const map = correspond(input.plan, live, anchors);
    const planned = translate(input.plan, map);
    const stacks = liveStacks(input.plan, live, map);
    const { publicDns, publicDns6 } = liveDns(live);
    const unread = new Set(unreadStacks.map(s => s.stack));
    const all = checkPaths(stacks, publicDns, undefined, publicDns6);
    // A consumer whose account was not read has no live routes here: its checks would fail for nothing.
    const checks = all.filter(c => !unread.has(c.source) && !(c.kind === "isolation" && [...unread].some(u => c.service === `spoke:${u}`)));
    return {
        accounts: new Map([...byAccount].map(([a, s]) => [a, s.profile ?? "default"])), unreadStacks, checks, skippedChecks: all.length - checks.length,
        drift: driftOf(planned, stacks, new Set(byAccount.keys())), notes,
        called: new Map([...clients].map(([k, c]) => [k, c.called])),
    };
}

// The offline plan: read every Pulumi.<stack>.yaml, validate them together, run the real
// stack programs in dependency order (hub first) against the simulated cloud, then check
// every DNS answer and network path. No AWS, no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import { ConfigError, ConfigValidationError, HubConfig, NS, SpokeConfig, StackConfig, hubStackName, parseStackConfig, untrackedResolverReach } from "../lib/config";
import { checkSpokeAgainstHub } from "../lib/checks/crossStack";
import { unansweredHostsWarning } from "../lib/aws/clientHosts";
import { checkHubSet, groupByHub, tablesOwner } from "../lib/config/hubSet";
import { memberInHubAccountWarnings } from "../lib/config/deployRoles";
import { HubOutputs, PathCheck, PlannedStack, Warning } from "../lib/model";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { shortList } from "../lib/text";
import { within } from "../lib/net/cidr";
import { checkPaths } from "../lib/checks/paths";
import { SimCloud, simulatedAccountId } from "../sim/cloud";
import { PROJECT, accountFor, runStackSimulated } from "../sim/run";
import { seedExisting } from "../sim/seed";
import { RetirementProof, retirementProof } from "../lib/checks/retirement";
import { unknownRegion } from "./regions";
import { s3ThroughHubCaveat } from "../lib/aws/endpointPolicies";

/** The hub as spokes see it, derived from its config (before anything runs). */
function hubView(hub: HubConfig) {
    return {
        accountId: hub.accountId ?? simulatedAccountId(hub.stack),
        region: hub.region,
        vpcCidr: hub.vpc.cidr,
        spokes: Object.fromEntries(hub.spokes.map(s => [s.name, { ...s, authorizedZoneIds: [] }])),
        dns: { sharing: hub.dns.sharing, records: hub.dns.records, ...(hub.dns.migration ? { migration: hub.dns.migration } : {}) },
    };
}

/** org/project/stack of a hubStack reference (org and project undefined when not written). */
function hubRef(ref: string): { org?: string; project?: string; stack: string } {
    const parts = ref.split("/");
    return parts.length === 3 ? { org: parts[0], project: parts[1], stack: parts[2] } : parts.length === 2 ? { project: parts[0], stack: parts[1] } : { stack: ref };
}

/** One line on the hub for the members that fail only because the hub is invalid or unreadable. */
export function waitingForHub(hub: string, members: readonly string[]): ConfigError {
    return {
        stack: hub, key: "(member stacks)",
        message: `${members.length} member stack${members.length === 1 ? "" : "s"} of this hub (${shortList(members)}) cannot be checked against it until its errors above are fixed`,
    };
}

/**
 * Validates every stack and their agreement; returns configs in evaluation order (hub first).
 * `wasListed` says whether a previous plan (--against) had a member in its hub's registry: a
 * member taken out of it is then told so.
 * Root causes once: a hub that is invalid (or whose file is unreadable) is reported on the
 * hub, and the members that fail only because of it are one line there, not one line each.
 */
export function validateStacks(files: readonly StackFile[], unreadable: readonly string[] = [], wasListed?: (hub: string, member: string) => boolean): { configs: StackConfig[]; errors: ConfigError[] } {
    const errors: ConfigError[] = [];
    const configs: StackConfig[] = [];
    const invalid = new Set(unreadable);
    for (const f of files) {
        const r = parseStackConfig(f.stack, f.raw);
        // A key written outside `config:` is reported once, as misplaced, not again as missing.
        const own = r.errors.filter(e => !(f.misplaced?.includes(e.key) && /^is required/.test(e.message)));
        const region = r.config ? unknownRegion(r.config.region) : undefined;
        if (region) own.push({ stack: f.stack, key: "aws:region", message: region });
        errors.push(...own);
        if (r.errors.length || region || f.misplaced?.length) invalid.add(f.stack);
        if (r.config && !region) configs.push(r.config);
    }
    const hubs = configs.filter((c): c is HubConfig => c.role === "hub");
    // Any number of hubs (a region each, or an environment each): what must hold between them.
    errors.push(...checkHubSet(hubs));
    const views = new Map<HubConfig, ReturnType<typeof hubView>>();
    const spokes = configs.filter((c): c is SpokeConfig => c.role === "spoke");
    errors.push(...organizationErrors(spokes));
    const waiting = new Map<string, string[]>();
    for (const spoke of spokes) {
        const name = hubStackName(spoke.hubStack);
        const project = hubRef(spoke.hubStack).project ?? PROJECT;
        const hub = hubs.find(h => h.stack === name);
        const fail = (message: string) => errors.push({ stack: spoke.stack, key: `${NS}:hubStack`, message });
        if (project !== PROJECT) {
            fail(`${spoke.hubStack} names project "${project}", but these stacks belong to project "${PROJECT}"`);
            continue;
        }
        if (!hub) {
            const other = configs.find(c => c.stack === name);
            if (other) fail(`${spoke.hubStack} is a ${other.role} stack, not a hub: name the hub (the stack with ${NS}:role hub)`);
            else if (invalid.has(name)) waiting.set(name, [...(waiting.get(name) ?? []), spoke.stack]);
            else fail(`${spoke.hubStack}: there is no Pulumi.${name}.yaml in this plan`);
            continue;
        }
        // One view per hub: built per spoke, it made validation grow with the square of the fleet.
        let view = views.get(hub);
        if (!view) views.set(hub, view = hubView(hub));
        errors.push(...checkSpokeAgainstHub(spoke, view, spoke.accountId, wasListed?.(hub.stack, spoke.stack) ?? false));
    }
    // After the hub's own errors, so the line reads "until its errors above are fixed".
    for (const [hub, members] of waiting) {
        const at = errors.map(e => e.stack).lastIndexOf(hub);
        errors.splice(at + 1, 0, waitingForHub(hub, members));
    }
    // Each hub, then the members that name it: a member's StackReference reads its hub's outputs.
    // A hub that joins another hub's Transit Gateway tables reads them, so it comes after.
    const groups = groupByHub(configs);
    const joins = (h: HubConfig) => tablesOwner(h) !== h.stack ? 1 : 0;
    const order = [...groups].sort((a, b) => joins(a.hub) - joins(b.hub)).flatMap(g => [g.hub, ...g.members]);
    return { configs: order, errors };
}

/**
 * The hubs errors leave untouched, with their members: what can still be planned and shown
 * while exit 2 stands for the rest. A hub is touched by an error on itself, on a spoke it
 * registers or on a member that names it, and by one on the hub whose Transit Gateway tables
 * it joins; an error of the command line touches every hub. `notPlanned`: the hubs left out
 * (a hub whose own file is invalid is named by its errors).
 */
export function untouchedHubs(configs: readonly StackConfig[], errors: readonly ConfigError[]): { configs: StackConfig[]; notPlanned: string[] } {
    const groups = groupByHub(configs);
    const named = new Set(errors.map(e => e.stack));
    const touched = new Set(named.has("(plan)") ? groups.map(g => g.hub.stack)
        : groups.filter(g => [g.hub.stack, ...g.hub.spokes.map(x => x.name), ...g.members.map(m => m.stack)].some(n => named.has(n))).map(g => g.hub.stack));
    for (let grew = true; grew;) {
        grew = false;
        for (const g of groups) {
            if (touched.has(g.hub.stack) || !(touched.has(tablesOwner(g.hub)) || (named.has(tablesOwner(g.hub)) && tablesOwner(g.hub) !== g.hub.stack))) continue;
            touched.add(g.hub.stack);
            grew = true;
        }
    }
    const keep = new Set(groups.filter(g => !touched.has(g.hub.stack)).flatMap(g => [g.hub.stack, ...g.members.map(m => m.stack)]));
    const hubOf = (stack: string) => groups.find(g => g.hub.stack === stack || g.members.some(m => m.stack === stack))?.hub.stack
        ?? (configs.find(c => c.stack === stack && c.role === "spoke") as SpokeConfig | undefined)?.hubStack.split("/").pop() ?? stack;
    const notPlanned = [...new Set([...touched, ...[...named].filter(n => n !== "(plan)").map(hubOf)])].filter(n => !keep.has(n));
    return { configs: configs.filter(c => keep.has(c.stack)), notPlanned };
}

/**
 * Every spoke of one plan names its hub in the same organization and project: the hub is one
 * stack, so a spoke that names another organization references a stack that does not exist
 * (its StackReference fails at deploy). The most common spelling wins; the others are errors.
 */
function organizationErrors(spokes: readonly SpokeConfig[]): ConfigError[] {
    const errors: ConfigError[] = [];
    for (const part of ["org", "project"] as const) {
        const byHub = new Map<string, SpokeConfig[]>();
        for (const s of spokes) {
            if (hubRef(s.hubStack)[part] === undefined) continue;
            const hub = hubStackName(s.hubStack);
            byHub.set(hub, [...(byHub.get(hub) ?? []), s]);
        }
        for (const [hub, members] of byHub) {
            const counts = new Map<string, string[]>();
            for (const m of members) counts.set(hubRef(m.hubStack)[part]!, [...(counts.get(hubRef(m.hubStack)[part]!) ?? []), m.stack]);
            if (counts.size < 2) continue;
            const [winner, by] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0];
            const noun = part === "org" ? "organization" : "project";
            for (const m of members.filter(x => hubRef(x.hubStack)[part] !== winner)) {
                errors.push({
                    stack: m.stack, key: `${NS}:hubStack`,
                    message: `${m.hubStack} names ${noun} "${hubRef(m.hubStack)[part]}", but ${shortList(by)} name${by.length === 1 ? "s" : ""} ${noun} "${winner}" for the same hub ${hub}: ` +
                        `the hub is one stack, so one of them references a stack that does not exist`,
                });
            }
        }
    }
    return errors;
}

/**
 * The account whose credentials a stack runs with in the simulation: its configured account,
 * else, for a spoke, the account the hub registered for it (what a correct setup would use).
 */
function simulatedCaller(cfg: StackConfig, configs: readonly StackConfig[]): string | undefined {
    if (cfg.accountId || cfg.role !== "spoke") return undefined;
    const hub = configs.find((c): c is HubConfig => c.role === "hub" && c.stack === hubStackName(cfg.hubStack));
    return hub?.spokes.find(s => s.name === cfg.stack)?.accountId;
}

export interface PlanResult {
    readonly stacks: PlannedStack[];
    readonly checks: PathCheck[];
    readonly warnings: Warning[];
    /** Public DNS of endpoint names, as the simulated cloud answers it. */
    readonly publicDns: Record<string, string[]>;
    /**
     * Spokes the hub registers that have no stack in the plan: not deployed yet (the README's
     * order passes through this state: hub first, then each member). Their checks wait.
     */
    readonly pending: string[];
    /** The AAAA answers of the same names (endpoints with IPv6 addresses). */
    readonly publicDns6: Record<string, string[]>;
    /** Members retiring their own endpoints (vpce-hub:existingEndpoints retire: true): each state they pass through, checked. */
    readonly retirements?: RetirementProof[];
}

/**
 * Evaluates validated stacks. Throws ConfigValidationError when a stack program rejects its
 * configuration against the (simulated) cloud.
 */
export async function evaluate(files: readonly StackFile[], configs: readonly StackConfig[], sim = new SimCloud()): Promise<PlanResult> {
    const stacks: PlannedStack[] = [];
    const adopted: { stack: PlannedStack; publicDns: Record<string, string[]>; publicDns6: Record<string, string[]> }[] = [];
    const errors: ConfigError[] = [];
    const byStack = new Map(files.map(f => [f.stack, f]));
    const failedHubs = new Set<string>();
    const waiting = new Map<string, string[]>();
    // Zone associations made before this plan's hub state (replayed below): the checks take them as existing.
    const established = new Set<string>();
    for (const cfg of configs) {
        const f = byStack.get(cfg.stack)!;
        // A member of a hub the simulated cloud refused would only fail to read its outputs.
        if (cfg.role === "spoke" && failedHubs.has(hubStackName(cfg.hubStack))) {
            waiting.set(hubStackName(cfg.hubStack), [...(waiting.get(hubStackName(cfg.hubStack)) ?? []), cfg.stack]);
            continue;
        }
        if (cfg.role === "spoke" && cfg.dns?.sharing === "associations") {
            for (const pair of replayAuthorizations(sim, stacks.find(s => s.stack === hubStackName(cfg.hubStack)), cfg)) established.add(pair);
        }
        try {
            const opts = { callerAccountId: simulatedCaller(cfg, configs) };
            // A member's own endpoints and zones from before the hub exist before its first pulumi up.
            const refused = cfg.role === "spoke" ? seedExisting(sim, cfg, configs.find((c): c is HubConfig => c.role === "hub" && c.stack === hubStackName(cfg.hubStack)), accountFor(cfg, opts)) : [];
            if (refused.length) throw new ConfigValidationError(refused);
            let planned = await runStackSimulated(sim, cfg.stack, f.raw, opts);
            // retire: true takes two pulumi ups (adopt, then delete): the plan runs both and keeps the first to prove each state.
            if (planned.outputs.existingEndpoints?.endpoints?.some((e: { state: string }) => e.state === "adopted") && planned.outputs.existingEndpoints.retire) {
                // Their names leave AWS's zone with them: the first state is checked with the answers of its time.
                adopted.push({ stack: planned, publicDns: Object.fromEntries(sim.publicDns), publicDns6: Object.fromEntries(sim.publicDns6) });
                planned = await runStackSimulated(sim, cfg.stack, f.raw, opts);
            }
            stacks.push(planned);
        } catch (e) {
            if (!(e instanceof ConfigValidationError)) throw e;
            errors.push(...e.errors);
            if (cfg.role === "hub") failedHubs.add(cfg.stack);
        }
    }
    for (const [hub, members] of waiting) errors.push(waitingForHub(hub, members));
    if (errors.length) throw new ConfigValidationError(errors);
    const publicDns = Object.fromEntries(sim.publicDns);
    const publicDns6 = Object.fromEntries(sim.publicDns6);
    const checks = stacks.some(s => s.role === "hub") ? checkPaths(stacks, publicDns, undefined, publicDns6, established) : [];
    const retirements = adopted.map(a => retirementProof(stacks, a.stack, a.publicDns, a.publicDns6));
    // A state a retiring member passes through before its last one fails the plan like the final checks do.
    for (const p of retirements) {
        for (const st of p.states.slice(0, -1)) checks.push(...st.failing.map(c => ({ ...c, reason: `while ${p.member} retires its own endpoints, ${st.state}: ${c.reason}` })));
    }
    const stackWarnings = stacks.flatMap(s => (s.warnings ?? []).map(w => ({ ...w, message: `${s.stack}: ${w.message}` })));
    const planned = new Set(files.map(f => f.stack));
    const pending = configs.filter((c): c is HubConfig => c.role === "hub").flatMap(h => h.spokes.map(s => s.name)).filter(n => !planned.has(n));
    return {
        stacks, checks, publicDns, publicDns6, pending, ...(retirements.length ? { retirements } : {}),
        warnings: [
            ...catalogWarnings(configs), ...onPremSummaryWarnings(configs), ...peeringExpiryWarnings(configs), ...resolverTrackingWarnings(configs),
            ...s3BucketPolicyWarnings(configs), ...memberInHubAccountWarnings(configs, h => h.accountId ?? simulatedAccountId(h.stack)), ...stackWarnings,
        ],
    };
}

/**
 * A member pinned to its zone associations (`vpce-hub:dns.sharing: associations`) while its hub
 * shares a profile made them before the hub's step A1, when the hub still authorized its VPC:
 * A1 deletes the authorizations, and the associations stay (an authorization only admits the
 * association call). The simulation starts from nothing, so it replays those authorizations:
 * the stage plan then shows the member as its stack file declares it, still on zone associations.
 */
function replayAuthorizations(sim: SimCloud, hub: PlannedStack | undefined, member: SpokeConfig): string[] {
    const out = hub?.outputs as HubOutputs | undefined;
    if (out?.dns?.sharing !== "profile" || out.dns.records !== "zones") return [];
    const zoneIds = Object.values(out.zoneIds ?? {});
    for (const zoneId of zoneIds) sim.dns.authorize(zoneId, member.vpc.id);
    return zoneIds.map(zoneId => `${zoneId} ${member.vpc.id}`);
}

/**
 * On-prem networks given as a summary that contains AWS ranges (10.0.0.0/8 around the hub and
 * spoke VPCs) are allowed: every route table picks the longest matching prefix, so the VPC's
 * local route and the routes to each spoke win over the summary, which only carries what is
 * left. Said once, because it also means the summary's security group rules admit those VPCs.
 */
export function onPremSummaryWarnings(configs: readonly StackConfig[]): Warning[] {
    const out: Warning[] = [];
    for (const hub of configs.filter((c): c is HubConfig => c.role === "hub")) {
        for (const cidr of hub.onPrem?.cidrs ?? []) {
            const inside = [{ name: `hub ${hub.vpc.cidr}`, cidr: hub.vpc.cidr }, ...hub.spokes.map(s => ({ name: `${s.name} ${s.cidr}`, cidr: s.cidr }))]
                .filter(b => b.cidr !== cidr && within(b.cidr, cidr));
            if (!inside.length) continue;
            out.push({
                code: "onprem:summary",
                message: `${hub.stack}: ${NS}:onPrem.cidrs ${cidr} contains AWS ranges (${shortList(inside.map(b => b.name), 3)}): allowed, because ` +
                    `routing takes the longest matching prefix (the hub VPC's local route and each spoke's route win over the VPN's ${cidr}), ` +
                    `but the endpoint and Resolver security groups admit all of ${cidr}, those VPCs included; list the on-prem networks themselves to admit only them`,
            });
        }
    }
    return out;
}

/**
 * A peering request not accepted within 7 days expires and can no longer be accepted (VPC
 * peering guide, "VPC peering connection lifecycle"): said for every cross-account peering, so
 * that each member is deployed within a week of the hub; the hub's next pulumi up recreates an
 * expired request (stacks/hub.ts peeringRequests).
 */
export function peeringExpiryWarnings(configs: readonly StackConfig[]): Warning[] {
    const out: Warning[] = [];
    for (const hub of configs.filter((c): c is HubConfig => c.role === "hub")) {
        const hubAccount = hub.accountId ?? simulatedAccountId(hub.stack);
        const cross = hub.spokes.filter(s => s.connectivity === "peering" && s.accountId !== hubAccount);
        if (!cross.length) continue;
        out.push({
            code: "peering:expiry",
            message: `${hub.stack}: ${cross.length > 1 ? `${cross.length} peering requests to other accounts (${shortList(cross.map(s => s.name), 3)}) expire` : `the peering request to ${cross[0].name} (account ${cross[0].accountId}) expires`} ` +
                `if not accepted within 7 days; the hub's next pulumi up recreates an expired one`,
        });
    }
    return out;
}

/**
 * `onPrem.resolverConnectionTracking: untracked` opens the Resolver's group to 0.0.0.0/0 on 53,
 * AWS's recommendation at high query rates: a deliberate trade-off, said every time with who can
 * then query it (every routed network, not only on-prem) and what that allows (docs/resolver.md).
 */
export function resolverTrackingWarnings(configs: readonly StackConfig[]): Warning[] {
    return configs.filter((c): c is HubConfig => c.role === "hub" && c.onPrem?.resolverConnectionTracking === "untracked").map(hub => ({
        code: "resolver:untracked",
        message: `${hub.stack}: ${NS}:onPrem.resolverConnectionTracking is untracked: the Resolver's security group admits TCP/UDP 53 from 0.0.0.0/0 ` +
            `(about 10,000 queries/s per address instead of as low as 1,500), so every network routed to the hub VPC can query it (${untrackedResolverReach({ ...hub, vpcCidr: hub.vpc.cidr })}). ` +
            `It also resolves public names: a workload in a spoke can send DNS to the internet through it, past its own VPC's DNS Firewall ` +
            `(docs/resolver.md); keep tracked unless the query rate needs it, and check that no internet gateway route reaches the Resolver's subnets`,
    }));
}

/**
 * A hub that serves s3: bucket policies see the hub's endpoint and VPC, and members' gateway
 * endpoints stop carrying the names the hub answers. Once per hub, whatever its member count.
 */
export function s3BucketPolicyWarnings(configs: readonly StackConfig[]): Warning[] {
    return configs.filter((c): c is HubConfig => c.role === "hub").flatMap(hub => {
        const s3 = hub.services.find(s => s.name === "s3");
        if (!s3) return [];
        const count = (c: string) => hub.spokes.filter(s => s.connectivity === c).length;
        return [{
            code: "s3:bucket-policies",
            message: `${hub.stack}: ${s3ThroughHubCaveat({ zones: s3.zones.map(z => z.name), transitGatewayMembers: count("transitGateway"), peeringMembers: count("peering") })}`,
        }];
    });
}

/**
 * Caveats of the chosen services: the names AWS SDK clients call that no zone answers
 * (lib/aws/clientHosts.ts), and the catalog's warnings, each left out where the hub also
 * centralizes the services that make it moot (ECR's when S3 is listed too).
 */
export function catalogWarnings(configs: readonly StackConfig[]): Warning[] {
    const out: Warning[] = [];
    for (const hub of configs.filter((c): c is HubConfig => c.role === "hub")) {
        const names = new Set(hub.services.map(s => s.name));
        for (const s of hub.services) {
            const sdk = unansweredHostsWarning(s.name, hub.region, hub.ipAddressType === "dualstack");
            if (sdk) out.push({ code: `sdk:${s.name}`, message: sdk });
            if (!s.warning || (s.warningUnless?.length && s.warningUnless.every(n => names.has(n)))) continue;
            out.push({ code: `service:${s.name}`, message: `${s.name}: ${s.warning}` });
        }
    }
    return out;
}

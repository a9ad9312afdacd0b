// AWS quotas the plan runs into, checked on the planned resources rather than on the
// configuration: the resources are what AWS will count. Pure: no Pulumi import.
// A warning comes early (at 80%) because AWS counts what the accounts already hold too,
// which the plan cannot see, and because raising a quota takes days.
import { DEFAULT_QUOTAS, HARD_LIMITS, NS, Quotas } from "../config";
import type { PlannedResource, PlannedStack, Warning } from "../model";
import { TYPES as T } from "../model";
import type { MemberCost } from "./memberCost";

/** Share of a limit at which a warning starts. */
export const WARN_AT = 0.8;

export type QuotaName = keyof Quotas;

/**
 * The ways past the authorizations quota, shared by the plan's warning and the hub's error:
 * Route 53 Profiles need no per-zone authorization; an authorization only admits the one
 * association call, so deleting those of spokes already associated frees room (Route 53 API,
 * TooManyVPCAssociationAuthorizations); or a raised quota, declared.
 */
export function authorizationWaysOut(): string {
    return `share the zones through Route 53 Profiles instead (${NS}:dns.sharing: profile), which needs no authorizations; ` +
        `or delete the authorizations of spokes already associated (aws route53 delete-vpc-association-authorization: each only admits ` +
        `the one association call); or ask AWS to raise the quota and set ${NS}:quotas.authorizationsPerZone`;
}

/** How each quota is called in Service Quotas / the AWS docs, what it counts, and the way out. */
const QUOTAS: Readonly<Record<QuotaName, { readonly awsName: string; readonly noun: string; readonly wayOut: (q: Quotas) => string }>> = {
    vpcsPerZone: {
        awsName: "VPCs that you can associate with a private hosted zone",
        noun: "associated VPCs",
        // The Route 53 quotas page offers no increase for this one any more: above 300 it
        // recommends Route 53 Profiles. The override stays, for an account AWS raised anyway.
        wayOut: q => `set ${NS}:dns.sharing: profile (each spoke VPC is associated once with a Route 53 Profile, up to ${q.vpcsPerProfile} VPCs, instead of with every zone), ` +
            `which is what AWS's quotas page recommends above 300: it offers no increase for this quota; or split the spokes across two hubs; ` +
            `only if AWS raised it for your account anyway, set ${NS}:quotas.vpcsPerZone`,
    },
    peeringsPerVpc: {
        awsName: "Active VPC peering connections per VPC",
        noun: "active peerings",
        wayOut: q => q.peeringsPerVpc < HARD_LIMITS.peeringsPerVpc
            ? `raise it in Service Quotas (at most ${HARD_LIMITS.peeringsPerVpc}), then set ${NS}:quotas.peeringsPerVpc; or connect spokes by transitGateway`
            : `${HARD_LIMITS.peeringsPerVpc} is AWS's hard limit: connect further spokes by transitGateway`,
    },
    endpointsPerVpc: {
        awsName: "Interface and Gateway Load Balancer endpoints per VPC",
        noun: "interface endpoints",
        wayOut: () => `raise it in Service Quotas, then set ${NS}:quotas.endpointsPerVpc; or drop services nobody uses`,
    },
    zonesPerAccount: {
        awsName: "Hosted zones (per account)",
        noun: "hosted zones",
        wayOut: () => `ask AWS to raise it, then set ${NS}:quotas.zonesPerAccount; zones the account already holds count too`,
    },
    authorizationsPerZone: {
        awsName: "VPC association authorizations per hosted zone",
        noun: "authorizations",
        wayOut: () => authorizationWaysOut(),
    },
    vpcsPerProfile: {
        awsName: "VPCs per Profile",
        noun: "associated VPCs",
        wayOut: () => `ask AWS to raise it (adjustable), then set ${NS}:quotas.vpcsPerProfile; or split the spokes across two hubs`,
    },
    profilesPerRegion: {
        awsName: "Profiles per Region per account",
        noun: "Route 53 Profiles",
        wayOut: () => `profiles the account already holds count too: remove unused ones, or ask AWS to raise it and set ${NS}:quotas.profilesPerRegion`,
    },
    zonesPerProfile: {
        awsName: "Private hosted zones per Profile",
        noun: "private hosted zones",
        wayOut: () => `ask AWS to raise it, then set ${NS}:quotas.zonesPerProfile; or drop services nobody uses`,
    },
    attachmentsPerTransitGateway: {
        awsName: "Attachments per transit gateway",
        noun: "attachments",
        wayOut: () => `raise it in Service Quotas, then set ${NS}:quotas.attachmentsPerTransitGateway; or add a second Transit Gateway`,
    },
    recordsPerZone: {
        awsName: "Records per hosted zone",
        noun: "records",
        wayOut: () => `ask AWS to raise it, then set ${NS}:quotas.recordsPerZone`,
    },
    rulesPerSecurityGroup: {
        awsName: "Inbound or outbound rules per security group",
        noun: "inbound rules (one per CIDR and port; a prefix list counts as its max entries)",
        wayOut: () => `raise it in Service Quotas (rules per group x groups per network interface may not exceed 1,000), then set ${NS}:quotas.rulesPerSecurityGroup; ` +
            `or give spokes CIDRs that summarize into fewer blocks`,
    },
    routesPerRouteTable: {
        awsName: "Routes per route table",
        noun: "routes (a route to a prefix list counts as its max entries)",
        wayOut: () => `raise it in Service Quotas (at most 1,000), then set ${NS}:quotas.routesPerRouteTable; or give Transit Gateway spokes CIDRs from one pool, ` +
            `so their routes aggregate into fewer blocks (peering spokes need one route each)`,
    },
    resolverIpsPerEndpoint: {
        awsName: "IP addresses per Resolver endpoint",
        noun: "IP addresses",
        wayOut: () => `ask AWS to raise it (adjustable), then set ${NS}:quotas.resolverIpsPerEndpoint; ` +
            `or, for more capacity, add a second inbound endpoint and list its addresses in the on-prem forwarders`,
    },
};

/** One thing a quota counts (a zone, a VPC, an account) and how many the plan puts in it. */
interface Count {
    readonly subject: string;
    readonly planned: number;
}

function all(stacks: readonly PlannedStack[], type: string): { stack: PlannedStack; r: PlannedResource }[] {
    return stacks.flatMap(stack => stack.resources.filter(r => !r.component && r.type === type).map(r => ({ stack, r })));
}

function countBy<X>(items: readonly X[], key: (x: X) => string): Map<string, number> {
    const m = new Map<string, number>();
    for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
    return m;
}

function countWeighted<X>(items: readonly X[], key: (x: X) => string, weight: (x: X) => number): Map<string, number> {
    const m = new Map<string, number>();
    for (const x of items) m.set(key(x), (m.get(key(x)) ?? 0) + weight(x));
    return m;
}

/** Zone id -> zone name. */
function zoneNames(stacks: readonly PlannedStack[]): Map<string, string> {
    return new Map(all(stacks, T.zone).map(({ r }) => [r.id, String(r.inputs?.name ?? r.name)]));
}

function zoneLabel(names: Map<string, string>, id: string): string {
    return names.has(id) ? `zone ${names.get(id)}` : `zone ${id}`;
}

/** What each quota counts in the plan. */
function counts(stacks: readonly PlannedStack[]): Record<QuotaName, Count[]> {
    const names = zoneNames(stacks);
    const toList = (m: Map<string, number>, label: (k: string) => string) => [...m].map(([k, planned]) => ({ subject: label(k), planned }));

    // VPCs per zone: the VPCs the zone is created with (the hub VPC), plus every association.
    const vpcs = new Map<string, Set<string>>();
    const vpcSet = (zoneId: string) => vpcs.get(zoneId) ?? vpcs.set(zoneId, new Set()).get(zoneId)!;
    for (const { r } of all(stacks, T.zone)) {
        const listed: unknown[] = Array.isArray(r.inputs?.vpcs) ? r.inputs.vpcs : [];
        const set = vpcSet(r.id);
        listed.forEach((v, i) => set.add(String((v as any)?.vpcId ?? `${r.urn}#${i}`)));
        if (set.size === 0) set.add(`${r.urn}#creator`);
    }
    // A zone's id is its zoneId (AWS and the simulated cloud agree), so associations,
    // authorizations and records cite the zone by the same id as the zone resource has.
    const zoneIdOf = (id: unknown) => String(id);
    for (const { r } of all(stacks, T.zoneAssociation)) {
        const zid = zoneIdOf(r.inputs?.zoneId);
        const set = vpcs.get(zid) ?? vpcSet(zid).add("(the VPC the zone was created with)");
        set.add(String(r.inputs?.vpcId ?? r.urn));
    }

    const peerings = countBy(all(stacks, T.vpcPeeringConnection), ({ stack, r }) => `VPC ${r.inputs?.vpcId ?? "?"} (stack ${stack.stack})`);
    const endpoints = countBy(all(stacks, T.vpcEndpoint).filter(({ r }) => r.inputs?.vpcEndpointType !== "Gateway"),
        ({ stack, r }) => `VPC ${r.inputs?.vpcId ?? "?"} (stack ${stack.stack})`);
    const zones = countBy(all(stacks, T.zone), ({ stack }) => stack.accountId);
    const auths = countBy(all(stacks, T.vpcAssociationAuthorization), ({ r }) => zoneIdOf(r.inputs?.zoneId));
    const attachments = countBy(all(stacks, T.tgwAttachment), ({ r }) => String(r.inputs?.transitGatewayId ?? "the Transit Gateway"));
    const records = countBy(all(stacks, T.record), ({ r }) => zoneIdOf(r.inputs?.zoneId));
    // AWS counts a reference to a prefix list as the list's max entries, in a security group
    // as in a route table (VPC quotas, "Maximum number of entries per prefix list").
    const maxEntries = new Map(all(stacks, T.managedPrefixList).map(({ r }) => [r.id, Number(r.inputs?.maxEntries ?? 0)]));
    const listWeight = (ids: unknown) => (Array.isArray(ids) ? ids : []).reduce((n: number, id: unknown) => n + (maxEntries.get(String(id)) ?? 1), 0);
    const rules = all(stacks, T.securityGroup).map(({ stack, r }) => ({
        subject: `security group ${r.name} (stack ${stack.stack})`,
        // AWS counts IPv4 and IPv6 rules against the quota separately (60 of each, Amazon VPC
        // quotas): a dual-stack endpoint's group is as full as its fuller family. A prefix list
        // (IPv4 here) counts as its max entries.
        planned: Math.max(...(["cidrBlocks", "ipv6CidrBlocks"] as const).map(family => (Array.isArray(r.inputs?.ingress) ? r.inputs.ingress : [])
            .reduce((n: number, rule: any) => n + (rule?.[family]?.length ?? 0) + (family === "cidrBlocks" ? listWeight(rule?.prefixListIds) : 0), 0))),
    }));
    // AWS enforces the routes quota separately for IPv4 and IPv6 routes (Amazon VPC quotas, "Route
    // tables"): a table is as full as its fuller family. A prefix list (IPv4 here) counts as its max entries.
    const byFamily = countWeighted(all(stacks, T.route),
        ({ stack, r }) => `${r.inputs?.destinationIpv6CidrBlock === undefined ? 4 : 6} route table ${r.inputs?.routeTableId ?? "?"} (stack ${stack.stack})`,
        ({ r }) => r.inputs?.destinationPrefixListId === undefined ? 1 : listWeight([r.inputs.destinationPrefixListId]));
    const routes = new Map<string, number>();
    for (const [k, n] of byFamily) routes.set(k.slice(2), Math.max(routes.get(k.slice(2)) ?? 0, n));
    const resolverIps = all(stacks, T.resolverEndpoint).map(({ stack, r }) => ({
        subject: `Resolver endpoint ${r.name} (stack ${stack.stack})`,
        planned: Array.isArray(r.inputs?.ipAddresses) ? r.inputs.ipAddresses.length : 0,
    }));

    // Route 53 Profiles: VPCs per profile (its associations), profiles per account and region,
    // and zones per profile (its resource associations that name a hosted zone).
    const profileIds = new Map(all(stacks, T.profile).map(({ stack, r }) => [r.id, `Route 53 Profile ${r.inputs?.name ?? r.name} (stack ${stack.stack})`]));
    const profileLabel = (id: string) => profileIds.get(id) ?? `Route 53 Profile ${id}`;
    const profileVpcs = countBy(all(stacks, T.profileAssociation), ({ r }) => String(r.inputs?.profileId));
    const profilesPerRegion = countBy(all(stacks, T.profile), ({ stack }) => `account ${stack.accountId} in ${stack.region}`);
    const profileZones = countBy(all(stacks, T.profileResourceAssociation).filter(({ r }) => String(r.inputs?.resourceArn ?? "").includes(":hostedzone/")),
        ({ r }) => String(r.inputs?.profileId));

    return {
        vpcsPerProfile: toList(profileVpcs, profileLabel),
        profilesPerRegion: toList(profilesPerRegion, k => k),
        zonesPerProfile: toList(profileZones, profileLabel),
        vpcsPerZone: [...vpcs].map(([id, set]) => ({ subject: zoneLabel(names, id), planned: set.size })),
        peeringsPerVpc: toList(peerings, k => k),
        endpointsPerVpc: toList(endpoints, k => k),
        zonesPerAccount: toList(zones, k => `account ${k}`),
        authorizationsPerZone: toList(auths, k => zoneLabel(names, k)),
        attachmentsPerTransitGateway: toList(attachments, k => k.startsWith("tgw-") ? `Transit Gateway ${k}` : k),
        recordsPerZone: toList(records, k => zoneLabel(names, k)),
        rulesPerSecurityGroup: rules,
        routesPerRouteTable: toList(routes, k => k),
        resolverIpsPerEndpoint: resolverIps,
    };
}

function limitOf(name: QuotaName, quotas: Quotas): number {
    if (name === "peeringsPerVpc") return Math.min(quotas.peeringsPerVpc, HARD_LIMITS.peeringsPerVpc);
    return quotas[name];
}

/** How full one quota is: its fullest subject, for the report's used/limit bars. */
export interface QuotaUsage {
    readonly name: QuotaName;
    /** As Service Quotas / the AWS docs call it. */
    readonly awsName: string;
    readonly limit: number;
    /** What the fullest subject would hold (0 when the plan has none). */
    readonly planned: number;
    /** The fullest subject, e.g. "zone s3.ap-northeast-1.amazonaws.com". */
    readonly subject?: string;
    /** How many subjects (zones, VPCs, groups) the quota counts in. */
    readonly subjects: number;
}

/** Every quota the plan counts, with its fullest subject (the same counts checkQuotas warns on). */
export function quotaUsage(stacks: readonly PlannedStack[], quotas: Quotas = DEFAULT_QUOTAS): QuotaUsage[] {
    const measured = counts(stacks);
    return (Object.keys(QUOTAS) as QuotaName[]).map(name => {
        const worst = [...measured[name]].sort((a, b) => b.planned - a.planned)[0];
        return { name, awsName: QUOTAS[name].awsName, limit: limitOf(name, quotas), planned: worst?.planned ?? 0, subject: worst?.subject, subjects: measured[name].length };
    });
}

/** One quota the plan fills to 80% or more. */
export interface QuotaFinding {
    readonly name: QuotaName;
    /** The plan holds more than the limit: AWS refuses the creation that crosses it. */
    readonly over: boolean;
    readonly message: string;
}

/**
 * Every quota the plan fills to 80% or more, one finding per quota: the fullest subject is
 * named, the others at 80% or more are counted. `quotas` are the hub's `vpce-hub:quotas`
 * (AWS defaults unless the user declared raised ones).
 */
export function quotaFindings(stacks: readonly PlannedStack[], quotas: Quotas = DEFAULT_QUOTAS): QuotaFinding[] {
    const out: QuotaFinding[] = [];
    const measured = counts(stacks);
    for (const name of Object.keys(QUOTAS) as QuotaName[]) {
        const spec = QUOTAS[name];
        const limit = limitOf(name, quotas);
        const hits = measured[name].filter(c => c.planned >= WARN_AT * limit).sort((a, b) => b.planned - a.planned);
        if (!hits.length) continue;
        const worst = hits[0];
        const over = worst.planned > limit;
        const declared = quotas[name] !== DEFAULT_QUOTAS[name]
            ? ` (declared in ${NS}:quotas.${name}; AWS default ${DEFAULT_QUOTAS[name]})` : "";
        const state = over
            ? `over the limit of ${limit}${declared}: creation will fail`
            : `${Math.floor(100 * worst.planned / limit)}% of the limit of ${limit}${declared}`;
        const overToo = hits.filter(c => c.planned > limit).length - 1;
        const others = over && overToo > 0 ? `; ${overToo} more over the limit${hits.length - 1 > overToo ? `, ${hits.length - 1 - overToo} at 80% or more` : ""}`
            : hits.length > 1 ? `; ${hits.length - 1} more at 80% or more` : "";
        out.push({
            name, over,
            message: `quota "${spec.awsName}": ${worst.subject} would hold ${worst.planned} ${spec.noun}, ${state}${others}. ` +
                `Way out: ${spec.wayOut(quotas)}.`,
        });
    }
    return out;
}

/** Warnings (code `quota:<name>`) for every quota the plan fills to 80% or more, over the limit or not. */
export function checkQuotas(stacks: readonly PlannedStack[], quotas: Quotas = DEFAULT_QUOTAS): Warning[] {
    return quotaFindings(stacks, quotas).map(f => ({ code: `quota:${f.name}`, message: f.message }));
}

/** The config key a quota's error names: where the user declares a raised quota. */
export function quotaKey(name: QuotaName): string {
    return `${NS}:quotas.${name}`;
}

// ---------------------------------------------------------------------------------------
// The Route 53 API budget

/** Route 53's API allows 5 requests per second per account; the Resolver API the same per account and region. */
export const ROUTE53_REQUESTS_PER_SECOND = 5;

export interface ApiBudgetOptions {
    readonly requestsPerSecond?: number;
    /** Warn when the busiest account needs longer than this. */
    readonly warnAfterSeconds?: number;
}

export interface ApiBudget {
    /** Route 53 calls the plan's creation needs, all accounts. */
    readonly route53Calls: number;
    /** Route 53 Resolver calls, all accounts and regions. */
    readonly resolverCalls: number;
    /** Time the busiest account (or account and region, for Resolver) needs at the request rate. */
    readonly seconds: number;
    readonly warning?: Warning;
    /** Per account: Route 53 and Resolver calls and the seconds they take. */
    readonly byAccount: Record<string, { readonly route53Calls: number; readonly resolverCalls: number; readonly seconds: number }>;
    /** What one more member costs the hub, per connectivity (lib/checks/memberCost.ts); set per hub by the plan. */
    readonly perMember?: readonly MemberCost[];
}

/**
 * Calls per resource type to create it. ChangeResourceRecordSets, CreateHostedZone and
 * AssociateVPCWithHostedZone return a change that the provider polls with GetChange until
 * INSYNC: counted as one poll each (an assumption; slow propagation means more). The
 * authorization call is synchronous. Reads and tag calls are left out: this is a floor.
 */
const ROUTE53_CALLS: Readonly<Record<string, number>> = {
    [T.record]: 2,
    [T.zone]: 2,
    [T.zoneAssociation]: 2,
    [T.vpcAssociationAuthorization]: 1,
};
const RESOLVER_CALLS: Readonly<Record<string, number>> = { [T.resolverEndpoint]: 1 };

/** The API calls creating the plan needs and how long the busiest account takes at 5 requests/s. */
export function apiBudget(stacks: readonly PlannedStack[], options: ApiBudgetOptions = {}): ApiBudget {
    const rate = options.requestsPerSecond ?? ROUTE53_REQUESTS_PER_SECOND;
    const warnAfter = options.warnAfterSeconds ?? 60;
    const byAccount: Record<string, { route53Calls: number; resolverCalls: number; seconds: number }> = {};
    const resolverByRegion = new Map<string, number>();
    const made = new Map<string, Map<string, number>>();
    for (const s of stacks) {
        const acct = byAccount[s.accountId] ??= { route53Calls: 0, resolverCalls: 0, seconds: 0 };
        const kinds = made.get(s.accountId) ?? made.set(s.accountId, new Map()).get(s.accountId)!;
        for (const r of s.resources) {
            if (r.component) continue;
            const r53 = ROUTE53_CALLS[r.type] ?? 0;
            const res = RESOLVER_CALLS[r.type] ?? 0;
            acct.route53Calls += r53;
            acct.resolverCalls += res;
            if (r53) kinds.set(r.type, (kinds.get(r.type) ?? 0) + 1);
            if (res) resolverByRegion.set(`${s.accountId}/${s.region}`, (resolverByRegion.get(`${s.accountId}/${s.region}`) ?? 0) + res);
        }
    }
    for (const [id, a] of Object.entries(byAccount)) {
        const resolverSeconds = Math.max(0, ...[...resolverByRegion].filter(([k]) => k.startsWith(`${id}/`)).map(([, n]) => n / rate));
        a.seconds = Math.max(a.route53Calls / rate, resolverSeconds);
    }
    const accounts = Object.entries(byAccount);
    const route53Calls = accounts.reduce((n, [, a]) => n + a.route53Calls, 0);
    const resolverCalls = accounts.reduce((n, [, a]) => n + a.resolverCalls, 0);
    const busiest = accounts.sort((x, y) => y[1].seconds - x[1].seconds)[0];
    const seconds = busiest ? busiest[1].seconds : 0;
    let warning: Warning | undefined;
    if (busiest && seconds > warnAfter) {
        const [id, a] = busiest;
        const kinds = made.get(id)!;
        const parts = [
            [T.zone, "zones"], [T.record, "records"], [T.vpcAssociationAuthorization, "authorizations"], [T.zoneAssociation, "zone associations"],
        ].filter(([t]) => kinds.get(t)).map(([t, what]) => `${kinds.get(t)} ${what}`);
        warning = {
            code: "quota:route53-api-rate",
            message: `creating the plan needs at least ${a.route53Calls} Route 53 API calls in account ${id} ` +
                `(${parts.join(", ")}; each change counted with one GetChange poll), about ${Math.ceil(seconds)} s ` +
                `at ${rate} requests/s per account, more than ${warnAfter} s: expect Throttling and PriorRequestNotComplete retries. ` +
                `Way out: lower the parallelism (pulumi up --parallel 4) or create the plan in batches (a few services or spokes per pulumi up).`,
        };
    }
    return { route53Calls, resolverCalls, seconds, warning, byAccount };
}

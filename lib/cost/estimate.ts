// The monthly cost of the plan, next to what the same services would cost without the hub
// (every spoke VPC with its own endpoints). Pure: no Pulumi import. Counts come from the
// planned resources, not from the configuration, so the estimate prices what `pulumi up`
// would create; the configuration only fills gaps (a spoke whose stack is not in the plan).
// Every assumption is written into the item it affects: the report must be readable
// without this file.
import type { CostOptions, HubConfig, SpokeConfig, Connectivity } from "../config";
import { TYPES } from "../model";
import type { PlannedResource, PlannedStack } from "../model";
import type { PriceTable } from "./prices";
import type { PriceKey } from "../config";
import { RetirementSaving, formatRetirement, retirementSavings } from "./retirement";

/** AZs assumed for a spoke listed in the hub's registry whose stack is not in the plan. */
export const ASSUMED_SPOKE_AZS = 2;
/** Share of peering traffic assumed to cross AZs (the rest stays in one AZ, which is free). */
export const PEERING_CROSS_AZ_SHARE = 0.5;
/** Zones per account at the first-tier price. */
export const ZONES_AT_FIRST_PRICE = 25;

export interface CostItem {
    /** What is paid for, with the assumptions that shaped the quantity. */
    readonly what: string;
    readonly quantity: number;
    /** Unit of `quantity`, e.g. "endpoint AZ-hours". */
    readonly unit: string;
    readonly unitUsd: number;
    /** quantity x unitUsd, unrounded. */
    readonly monthlyUsd: number;
}

export interface CostSide {
    /** Sum of the items, unrounded: round to cents only when displaying. */
    readonly monthlyUsd: number;
    readonly items: CostItem[];
}

export interface CostReport {
    readonly currency: "USD";
    readonly region: string;
    readonly hoursPerMonth: number;
    /** Spokes priced: the hub's registry plus spoke stacks of the plan. */
    readonly spokes: number;
    /** What the plan creates. */
    readonly centralized: CostSide;
    /** The same services with an endpoint in every spoke VPC (private DNS on, no zones). */
    readonly decentralized: CostSide;
    /** decentralized - centralized; negative when the hub costs more. */
    readonly savingUsd: number;
    /** Smallest number of spokes (same per-spoke mix) at which the hub costs no more; null if never or no spokes to take a mix from. */
    readonly breakEvenSpokes: number | null;
    /** Inputs the estimate had to ignore or fill in, in sentences. */
    readonly notes: string[];
    /** The prices used, with source and date. */
    readonly prices: PriceTable;
    /** The DNS modes side by side for this configuration (`--json`: cost.modes), the recommended one marked. */
    readonly modes?: readonly ModeFigures[];
    /** Members' own endpoints from before the hub: what they still cost, what retiring saves (lib/cost/retirement.ts). */
    readonly retirement?: RetirementSaving;
}

/** An item plus whether it grows with the number of spokes (for the break-even point). */
interface Line extends CostItem {
    readonly perSpoke: boolean;
}

interface Spoke {
    readonly name: string;
    readonly connectivity: Connectivity;
    /** The spoke's stack in the plan, if any. */
    readonly stack?: PlannedStack;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function resourcesOf(stack: PlannedStack, type: string): PlannedResource[] {
    return stack.resources.filter(r => !r.component && r.type === type);
}

/** Gateway endpoints cost nothing; the hub refuses them, but a plan might still hold one. */
function isInterfaceEndpoint(r: PlannedResource): boolean {
    const t = r.inputs?.vpcEndpointType;
    return t === undefined || t === "Interface";
}

function listLength(v: unknown): number | undefined {
    return Array.isArray(v) ? v.length : undefined;
}

/** The single hub stack of the plan; the cost of two hubs is two reports. */
export function hubOf(stacks: readonly PlannedStack[]): PlannedStack & { config: HubConfig } {
    const hubs = stacks.filter(s => s.role === "hub");
    if (hubs.length !== 1) {
        throw new Error(hubs.length === 0
            ? "the plan has no hub stack (role hub): nothing to price"
            : `the plan has ${hubs.length} hub stacks (${hubs.map(h => h.stack).join(", ")}): estimate the cost of one hub at a time`);
    }
    return hubs[0] as PlannedStack & { config: HubConfig };
}

function hubAzs(hub: HubConfig): number {
    return hub.vpc.kind === "existing" ? hub.vpc.subnetIds.length : hub.vpc.availabilityZones;
}

/** The hub's registry joined with the spoke stacks of the plan, by stack name. */
function spokesOf(hub: PlannedStack & { config: HubConfig }, stacks: readonly PlannedStack[]): Spoke[] {
    const spokeStacks = stacks.filter(s => s.role === "spoke");
    const byName = new Map(spokeStacks.map(s => [s.stack, s]));
    const out: Spoke[] = hub.config.spokes.map(e => ({ name: e.name, connectivity: e.connectivity, stack: byName.get(e.name) }));
    const listed = new Set(hub.config.spokes.map(e => e.name));
    for (const s of spokeStacks) {
        if (listed.has(s.stack)) continue;
        // Not in the registry: take the connectivity from what the stack builds.
        const c: Connectivity = s.outputs?.connectivity === "transitGateway" || s.outputs?.connectivity === "peering"
            ? s.outputs.connectivity
            : resourcesOf(s, TYPES.tgwAttachment).length ? "transitGateway" : "peering";
        out.push({ name: s.stack, connectivity: c, stack: s });
    }
    return out;
}

class Lines {
    readonly lines: Line[] = [];
    constructor(private readonly prices: PriceTable) { }

    add(perSpoke: boolean, what: string, quantity: number, unit: string, key: PriceKey): void {
        if (quantity <= 0) return;
        const unitUsd = this.prices.prices[key].usd;
        this.lines.push({ perSpoke, what, quantity, unit, unitUsd, monthlyUsd: quantity * unitUsd });
    }

    side(): CostSide {
        return {
            monthlyUsd: this.lines.reduce((a, l) => a + l.monthlyUsd, 0),
            items: this.lines.map(({ perSpoke: _perSpoke, ...item }) => item),
        };
    }

    /** Cost at `n` spokes of the current mix: fixed lines plus the per-spoke lines scaled. */
    split(spokes: number): { fixed: number; perSpoke: number } {
        const fixed = this.lines.filter(l => !l.perSpoke).reduce((a, l) => a + l.monthlyUsd, 0);
        const scaled = this.lines.filter(l => l.perSpoke).reduce((a, l) => a + l.monthlyUsd, 0);
        return { fixed, perSpoke: spokes > 0 ? scaled / spokes : 0 };
    }
}

/** "3 endpoints x 2 AZs" when all agree, else "3 endpoints, 7 endpoint-AZs". */
function endpointShape(azCounts: number[]): string {
    const total = azCounts.reduce((a, b) => a + b, 0);
    const same = azCounts.every(a => a === azCounts[0]);
    return same
        ? `${plural(azCounts.length, "endpoint")} x ${plural(azCounts[0], "AZ")}`
        : `${plural(azCounts.length, "endpoint")}, ${total} endpoint-AZs in all`;
}

/**
 * Other hubs' Route 53 Profiles in this hub's account and Region. AWS charges the profile hour
 * once per account and Region, across all the account's profiles there, and the included
 * associations and those beyond them are counted across those profiles too (Route 53 pricing:
 * "$0.75 per AWS account for up to 100 Profile-VPC associations", then per association-hour;
 * the profile owner pays). The plan gives the hourly charge to the first hub by stack name.
 */
export interface ProfileAccountShare {
    /** Hubs of the same account and Region whose profiles are counted before this hub's: they carry the hourly charge. */
    readonly earlierHubs: readonly string[];
    /** Their profile-VPC associations, which use up the 100 the hourly charge covers first. */
    readonly earlierAssociations: number;
    readonly accountId: string;
}

/**
 * Prices the plan (centralized) against the decentralized baseline. `prices` must be the
 * table of the hub's region; `options` are the hub's `vpce-hub:cost` settings; `profiles`, other
 * hubs' profiles in the same account and Region (plan/hubs.ts), when there are any.
 */
export function estimateCost(stacks: readonly PlannedStack[], prices: PriceTable, options: CostOptions, profiles?: ProfileAccountShare): CostReport {
    const hub = hubOf(stacks);
    if (hub.region !== prices.region) {
        throw new Error(`prices are for ${prices.region}, but hub stack ${hub.stack} is in ${hub.region}: load the ${hub.region} table`);
    }
    const h = prices.hoursPerMonth;
    const notes: string[] = [];
    const spokes = spokesOf(hub, stacks);
    const missing = spokes.filter(s => !s.stack);
    const tgwSpokes = spokes.filter(s => s.connectivity === "transitGateway");
    const peeringSpokes = spokes.filter(s => s.connectivity === "peering");
    const onPrem = hub.config.onPrem !== undefined;
    const gb = options.gbPerMonthPerSpoke;
    const onPremGb = onPrem ? options.onPremGbPerMonth : 0;
    const queries = onPrem ? options.onPremMillionQueriesPerMonth : 0;
    if (!onPrem && (options.onPremGbPerMonth > 0 || options.onPremMillionQueriesPerMonth > 0)) {
        notes.push("on-prem traffic and queries in vpce-hub:cost are ignored: the hub has no onPrem section, so on-prem cannot reach the endpoints");
    }
    // Said in the cost section itself: a reader comparing totals must know what is not in them.
    const unpriced = [
        ...(gb === 0 ? ["spoke traffic (endpoint and Transit Gateway data processing, peering cross-AZ transfer): vpce-hub:cost.gbPerMonthPerSpoke"] : []),
        ...(onPrem && onPremGb === 0 ? ["on-prem traffic: vpce-hub:cost.onPremGbPerMonth"] : []),
        ...(onPrem && queries === 0 ? ["Resolver queries from on-prem: vpce-hub:cost.onPremMillionQueriesPerMonth"] : []),
    ];
    if (unpriced.length) {
        notes.push(`hourly charges only: per-GB and per-query charges are left out until you estimate them (0 by default): ${unpriced.join("; ")}`);
    }
    if (missing.length) {
        notes.push(`${plural(missing.length, "spoke")} of the hub's registry ${missing.length === 1 ? "has" : "have"} no stack in the plan ` +
            `(${missing.map(s => s.name).join(", ")}): priced with ${ASSUMED_SPOKE_AZS} AZs` +
            (missing.some(s => s.connectivity === "transitGateway") ? " and one Transit Gateway attachment each where connected by transitGateway" : ""));
    }

    // Hub endpoints: an endpoint's subnets are its AZs. The hub gives each endpoint one subnet
    // per AZ (the hub creates one per AZ; of an existing VPC's subnetIds it takes the first in each
    // AZ), and AWS lets an endpoint hold only one subnet per AZ anyway.
    const endpointAzs = resourcesOf(hub, TYPES.vpcEndpoint).filter(isInterfaceEndpoint)
        .map(r => listLength(r.inputs?.subnetIds) ?? hubAzs(hub.config));
    const endpointAzHours = endpointAzs.reduce((a, b) => a + b, 0) * h;
    const hubEndpointsWhat = endpointAzs.length ? `${endpointShape(endpointAzs)} x ${h} h (one subnet per AZ)` : "";
    const enis = resourcesOf(hub, TYPES.resolverEndpoint)
        .reduce((a, r) => a + (listLength(r.inputs?.ipAddresses) ?? hubAzs(hub.config)), 0);

    // ---- centralized: what the plan creates
    const c = new Lines(prices);
    c.add(false, `interface endpoints in the hub VPC: ${hubEndpointsWhat}`, endpointAzHours, "endpoint AZ-hours", "endpointAzHour");
    c.add(false, `Resolver inbound endpoint: ${plural(enis, "IP address", "IP addresses")} (one ENI each) x ${h} h`, enis * h, "ENI-hours", "resolverEniHour");

    // Zone tiers are per account; the plan cannot see zones the account already has.
    const zonesByAccount = new Map<string, number>();
    for (const s of stacks) {
        const n = resourcesOf(s, TYPES.zone).length;
        if (n) zonesByAccount.set(s.accountId, (zonesByAccount.get(s.accountId) ?? 0) + n);
    }
    let first = 0, after = 0;
    for (const n of zonesByAccount.values()) {
        first += Math.min(n, ZONES_AT_FIRST_PRICE);
        after += Math.max(0, n - ZONES_AT_FIRST_PRICE);
    }
    const zonesNote = "assumed: the account holds no other hosted zones";
    c.add(false, `private hosted zones, the first ${ZONES_AT_FIRST_PRICE} of the account (${zonesNote})`, first, "zone-months", "hostedZoneMonthFirst25");
    c.add(false, `private hosted zones beyond the first ${ZONES_AT_FIRST_PRICE} of the account, at the lower price`, after, "zone-months", "hostedZoneMonthAfter25");

    // Route 53 Profiles: the owner pays per account and Region, which covers 100 associations.
    const profileVpcs = profileAssociations(stacks, missing.length);
    const sharedHour = profiles && profiles.earlierHubs.length ? profiles : undefined;
    if (resourcesOf(hub, TYPES.profile).length) {
        const p = profileCharge(profileVpcs, prices, sharedHour?.earlierAssociations);
        if (sharedHour) {
            notes.push(`Route 53 Profile: AWS charges the profile hour once per account and Region, across all its profiles: account ${sharedHour.accountId} ` +
                `in ${hub.region} pays it with hub ${sharedHour.earlierHubs.join(", ")}, whose ${plural(sharedHour.earlierAssociations, "profile-VPC association")} ` +
                `count first against the ${PROFILE_INCLUDED_ASSOCIATIONS} it covers`);
        }
        c.add(false, `Route 53 Profile: 1 account and Region x ${h} h (covers the first ${PROFILE_INCLUDED_ASSOCIATIONS} profile-VPC associations of all the account's profiles in the Region; the hub pays)`,
            p.hourlyCharged ? h : 0, "profile-hours", "profileRegionHour");
        c.add(true, `profile-VPC associations beyond the first ${PROFILE_INCLUDED_ASSOCIATIONS}${sharedHour ? " of the account and Region" : ""}: ${p.beyond} x ${h} h`,
            p.beyond * h, "association-hours", "profileAssociationHour");
    }

    const hubAttachments = resourcesOf(hub, TYPES.tgwAttachment).length;
    c.add(false, `Transit Gateway attachment of the hub VPC: ${hubAttachments} x ${h} h`, hubAttachments * h, "attachment-hours", "transitGatewayAttachmentHour");
    const planned = stacks.filter(s => s !== hub).reduce((a, s) => a + resourcesOf(s, TYPES.tgwAttachment).length, 0);
    const assumed = missing.filter(s => s.connectivity === "transitGateway").length;
    const spokeAttachments = planned + assumed;
    c.add(true, `Transit Gateway attachments of spoke VPCs: ${spokeAttachments} x ${h} h` +
        (assumed ? ` (${assumed} assumed for spokes without a stack in the plan)` : ""),
        spokeAttachments * h, "attachment-hours", "transitGatewayAttachmentHour");

    c.add(true, `data processed by the hub's endpoints for spokes: ${plural(spokes.length, "spoke")} x ${gb} GB`, spokes.length * gb, "GB", "endpointPerGb");
    c.add(false, `data processed by the hub's endpoints for on-prem: ${onPremGb} GB`, onPremGb, "GB", "endpointPerGb");
    c.add(true, `data processed by the Transit Gateway: ${plural(tgwSpokes.length, "transitGateway spoke")} x ${gb} GB`, tgwSpokes.length * gb, "GB", "transitGatewayPerGb");
    const crossAzGb = peeringSpokes.length * gb * PEERING_CROSS_AZ_SHARE * 2;
    c.add(true, `cross-AZ transfer over VPC peering: ${plural(peeringSpokes.length, "peering spoke")} x ${gb} GB; ` +
        `assumed: ${PEERING_CROSS_AZ_SHARE * 100}% crosses AZs and is charged in both directions (sender and receiver), ` +
        `so ${PEERING_CROSS_AZ_SHARE * 2} GB billed per GB sent`, crossAzGb, "GB billed", "peeringCrossAzPerGb");
    c.add(false, `Resolver queries from on-prem: ${queries} million`, queries, "million queries", "resolverPerMillionQueries");

    // ---- decentralized baseline: every spoke with its own endpoints, private DNS on
    const d = new Lines(prices);
    const services = hub.config.services.length;
    const inPlan = spokes.filter(s => s.stack);
    const planAzs = inPlan.reduce((a, s) => a + (s.stack!.config as SpokeConfig).vpc.subnetIds.length, 0);
    d.add(true, `interface endpoints in each spoke VPC (private DNS on, so no zones): ${plural(services, "service")} x ` +
        `${planAzs} AZs over ${plural(inPlan.length, "spoke")} (each spoke's own subnets, one per AZ) x ${h} h`,
        services * planAzs * h, "endpoint AZ-hours", "endpointAzHour");
    d.add(true, `interface endpoints in spoke VPCs without a stack in the plan (${missing.map(s => s.name).join(", ")}): ` +
        `${plural(services, "service")} x ${ASSUMED_SPOKE_AZS} AZs assumed x ${plural(missing.length, "spoke")} x ${h} h`,
        services * ASSUMED_SPOKE_AZS * missing.length * h, "endpoint AZ-hours", "endpointAzHour");
    if (onPrem) {
        // On-prem still needs somewhere to reach the services: the hub VPC keeps its
        // endpoints and the Resolver, with private DNS on instead of the hub's zones.
        d.add(false, `interface endpoints kept in the hub VPC for on-prem: ${hubEndpointsWhat}`, endpointAzHours, "endpoint AZ-hours", "endpointAzHour");
        d.add(false, `Resolver inbound endpoint kept for on-prem: ${plural(enis, "IP address", "IP addresses")} x ${h} h`, enis * h, "ENI-hours", "resolverEniHour");
    }
    d.add(true, `data processed by the spokes' own endpoints: ${plural(spokes.length, "spoke")} x ${gb} GB`, spokes.length * gb, "GB", "endpointPerGb");
    d.add(false, `data processed by the hub's endpoints for on-prem: ${onPremGb} GB`, onPremGb, "GB", "endpointPerGb");
    d.add(false, `Resolver queries from on-prem: ${queries} million`, queries, "million queries", "resolverPerMillionQueries");

    if (!spokes.length) notes.push("no spokes yet: the break-even point needs at least one spoke to take a per-spoke mix from");

    const centralized = c.side();
    const decentralized = d.side();
    // What both centralized modes share: everything but the zones and the profile.
    const dnsKeys = new Set<PriceKey>(["hostedZoneMonthFirst25", "hostedZoneMonthAfter25", "profileRegionHour", "profileAssociationHour"]);
    const shared = centralized.items.filter(i => !dnsKeys.has(keyOf(prices, i))).reduce((a, i) => a + i.monthlyUsd, 0);
    const modes = compareDnsModes(modeCounts(hub, stacks, spokes.length), prices, hub.config.quotas, shared, decentralized.monthlyUsd,
        hub.config.dns?.sharing ?? "associations", undefined, sharedHour?.earlierAssociations).modes;
    const retirement = retirementSavings(stacks, prices);
    return {
        modes, ...(retirement ? { retirement } : {}),
        currency: "USD",
        region: prices.region,
        hoursPerMonth: h,
        spokes: spokes.length,
        centralized,
        decentralized,
        savingUsd: decentralized.monthlyUsd - centralized.monthlyUsd,
        breakEvenSpokes: spokes.length ? breakEven(c.split(spokes.length), d.split(spokes.length)) : null,
        notes,
        prices,
    };
}

/**
 * Smallest n >= 1 with fixedC + n perSpokeC <= fixedD + n perSpokeD. Both sides are linear
 * in n, so this is a division, not a search; the tolerance keeps a tie that floating point
 * puts a hair above zero from moving the answer up by one.
 */
export function breakEven(central: { fixed: number; perSpoke: number }, baseline: { fixed: number; perSpoke: number }): number | null {
    const eps = 1e-9 * Math.max(1, Math.abs(central.fixed), Math.abs(baseline.fixed));
    const at = (n: number) => central.fixed + n * central.perSpoke <= baseline.fixed + n * baseline.perSpoke + eps;
    if (at(1)) return 1;
    const gain = baseline.perSpoke - central.perSpoke;
    if (gain <= 0) return null;
    let n = Math.max(1, Math.ceil((central.fixed - baseline.fixed) / gain - 1e-9));
    if (!Number.isSafeInteger(n)) return null;
    // At most a step either way: the division is exact up to rounding.
    for (let i = 0; i < 3 && !at(n); i++) n++;
    for (let i = 0; i < 3 && n > 1 && at(n - 1); i++) n--;
    return at(n) ? n : null;
}

const usd = (v: number) => `$${v.toFixed(2)}`;

/** The cost section as plain text lines; amounts are rounded to cents here and only here. */
export function formatCostReport(r: CostReport): string[] {
    const unverified = Object.values(r.prices.prices).some(p => p.verify);
    const overridden = Object.entries(r.prices.prices).filter(([, p]) => p.overridden).map(([k]) => k);
    const side = (title: string, s: CostSide) => [
        `${title}: ${usd(s.monthlyUsd)} per month`,
        ...s.items.map(i => `  ${usd(i.monthlyUsd).padStart(11)}  ${i.what} [${+i.quantity.toFixed(6)} ${i.unit} x $${i.unitUsd}]`),
    ];
    return [
        `Cost estimate (${r.currency}, ${r.region}, ${r.hoursPerMonth} h per month, ${plural(r.spokes, "spoke")})`,
        `  prices: ${r.prices.file}${unverified ? " (figures marked verify: not yet checked against the AWS pricing pages)" : ""}` +
        (overridden.length ? `; overridden in vpce-hub:cost.prices: ${overridden.join(", ")}` : ""),
        ...side("Centralized (this plan)", r.centralized),
        ...side("Decentralized (an endpoint per service in every spoke VPC)", r.decentralized),
        r.savingUsd >= 0 ? `Saving: ${usd(r.savingUsd)} per month` : `Extra cost of the hub: ${usd(-r.savingUsd)} per month`,
        `Break-even: ${r.breakEvenSpokes === null ? "never at this per-spoke mix" : `${plural(r.breakEvenSpokes, "spoke")} at this per-spoke mix`}`,
        ...r.notes.map(n => `  note: ${n}`),
        ...(r.modes ? formatModes(r.modes) : []),
        ...(r.retirement ? formatRetirement(r.retirement) : []),
    ];
}

// ---------------------------------------------------------------------------------------
// DNS modes side by side: zone associations per spoke, one Route 53 Profile, or no hub.

/** Profile-VPC associations the profile's per-account charge covers. */
export const PROFILE_INCLUDED_ASSOCIATIONS = 100;

/**
 * The monthly charge one profile with `vpcs` associations adds (the profile owner pays). AWS
 * charges per account and Region across all its profiles: with `earlierAssociations` (other
 * profiles of the account in the Region, counted first) the hour is already paid, and only the
 * associations this profile takes past the 100 covered are added.
 */
export function profileCharge(vpcs: number, prices: PriceTable, earlierAssociations?: number): { monthlyUsd: number; beyond: number; hourlyCharged: boolean } {
    const h = prices.hoursPerMonth;
    const before = earlierAssociations ?? 0;
    const past = (n: number) => Math.max(0, n - PROFILE_INCLUDED_ASSOCIATIONS);
    const beyond = past(before + vpcs) - past(before);
    const hourlyCharged = earlierAssociations === undefined;
    return { monthlyUsd: (hourlyCharged ? h * prices.prices.profileRegionHour.usd : 0) + beyond * h * prices.prices.profileAssociationHour.usd, beyond, hourlyCharged };
}

/** Zone-months of `n` zones in one account: the first 25 at the higher price. */
export function zoneMonthsUsd(n: number, prices: PriceTable): number {
    return Math.min(n, ZONES_AT_FIRST_PRICE) * prices.prices.hostedZoneMonthFirst25.usd +
        Math.max(0, n - ZONES_AT_FIRST_PRICE) * prices.prices.hostedZoneMonthAfter25.usd;
}

/** What decides each mode's cost and API calls; every figure comes from the plan. */
export interface ModeCounts {
    /** Spoke VPCs (the hub's registry and the plan's spoke stacks). */
    readonly spokes: number;
    /** Of those, spokes in other accounts than the hub's (each needs an authorization per zone). */
    readonly crossAccountSpokes: number;
    /** Hub zones and records with records: zones (every name of every service). */
    readonly zones: number;
    readonly records: number;
    /** What the profile mode creates: zones and records (fewer with records: endpoint), endpoints put in the profile. */
    readonly profileZones: number;
    readonly profileRecords: number;
    readonly profileEndpoints: number;
}

export interface ModeFigures {
    readonly mode: "associations" | "profile" | "decentralized";
    /** Whole design, per month. */
    readonly monthlyUsd: number;
    /** Route 53 API calls to create it (changes counted with one GetChange poll each). */
    readonly route53Calls: number;
    /** Route 53 Profiles API calls to create it. */
    readonly profilesCalls: number;
    /** Time the busiest account needs at the request rate (Route 53 and Profiles in parallel). */
    readonly seconds: number;
    /** Quotas that make this mode impossible for this configuration, in sentences. */
    readonly blockedBy: string[];
    /** The mode this plan uses. */
    readonly thisPlan: boolean;
    /** The one recommended (associations or profile), with why. */
    readonly recommended: boolean;
    readonly reason?: string;
    readonly requestsPerSecond: number;
}

export interface ModeComparison {
    /** The mode this plan uses. */
    readonly current: "associations" | "profile";
    readonly modes: ModeFigures[];
    /** The recommended sharing mode, or null when both are blocked. */
    readonly recommended: "associations" | "profile" | null;
    readonly reason: string;
    readonly requestsPerSecond: number;
}

/**
 * Each mode's monthly cost, API calls and creation time, and a recommendation. Pure.
 * `sharedUsd`: the centralized cost without zones and profile (the same in both modes);
 * `decentralizedUsd`: the baseline with an endpoint per service in every spoke.
 * API calls, per account: associations — the hub: CreateHostedZone and ChangeResourceRecordSets
 * (each with one GetChange), one CreateVPCAssociationAuthorization per zone and spoke in another
 * account; each spoke: AssociateVPCWithHostedZone per zone (with its GetChange). Profile — the
 * hub: the zones and records, CreateProfile, AssociateResourceToProfile per zone and endpoint;
 * each spoke: one AssociateProfile. Decentralized: no Route 53 call (private DNS is AWS's).
 * The Profiles API is assumed to allow the same 5 requests per second as Route 53 (verify).
 */
export function compareDnsModes(n: ModeCounts, prices: PriceTable, quotas: { vpcsPerZone: number; authorizationsPerZone: number; vpcsPerProfile: number; zonesPerProfile: number },
    sharedUsd: number, decentralizedUsd: number, current: "associations" | "profile", requestsPerSecond = 5,
    /** Associations of the account's other profiles in the Region, which pay the profile hour already (see ProfileAccountShare). */
    profileEarlierAssociations?: number): ModeComparison {
    const sameAccount = n.spokes - n.crossAccountSpokes;
    // associations
    const aHub = 2 * n.zones + 2 * n.records + n.zones * n.crossAccountSpokes + 2 * n.zones * sameAccount;
    const aSpoke = n.crossAccountSpokes ? 2 * n.zones : 0;
    const assocCalls = 2 * n.zones + 2 * n.records + n.zones * n.crossAccountSpokes + 2 * n.zones * n.spokes;
    const assocBlocked = [
        ...(n.spokes + 1 > quotas.vpcsPerZone ? [`${n.spokes} spoke VPCs plus the hub VPC exceed the ${quotas.vpcsPerZone} VPCs per hosted zone`] : []),
        ...(n.crossAccountSpokes > quotas.authorizationsPerZone ? [`${n.crossAccountSpokes} spokes in other accounts exceed the ${quotas.authorizationsPerZone} authorizations per hosted zone`] : []),
    ];
    // profile
    const pRoute53 = 2 * n.profileZones + 2 * n.profileRecords;
    const pProfilesHub = 1 + n.profileZones + n.profileEndpoints + sameAccount;
    const pProfiles = 1 + n.profileZones + n.profileEndpoints + n.spokes;
    const profileBlocked = [
        ...(n.spokes > quotas.vpcsPerProfile ? [`${n.spokes} spoke VPCs exceed the ${quotas.vpcsPerProfile} VPCs per profile`] : []),
        ...(n.profileZones > quotas.zonesPerProfile ? [`${n.profileZones} zones exceed the ${quotas.zonesPerProfile} zones per profile`] : []),
    ];
    const base: Omit<ModeFigures, "thisPlan" | "recommended" | "reason" | "requestsPerSecond">[] = [
        {
            mode: "associations", monthlyUsd: sharedUsd + zoneMonthsUsd(n.zones, prices), route53Calls: assocCalls, profilesCalls: 0,
            seconds: Math.max(aHub, aSpoke) / requestsPerSecond, blockedBy: assocBlocked,
        },
        {
            mode: "profile", monthlyUsd: sharedUsd + zoneMonthsUsd(n.profileZones, prices) + profileCharge(n.spokes, prices, profileEarlierAssociations).monthlyUsd,
            route53Calls: pRoute53, profilesCalls: pProfiles,
            seconds: Math.max(pRoute53 / requestsPerSecond, pProfilesHub / requestsPerSecond, n.crossAccountSpokes ? 1 / requestsPerSecond : 0),
            blockedBy: profileBlocked,
        },
        { mode: "decentralized", monthlyUsd: decentralizedUsd, route53Calls: 0, profilesCalls: 0, seconds: 0, blockedBy: [] },
    ];
    const [a, p] = base;
    let recommended: ModeComparison["recommended"];
    let reason: string;
    if (a.blockedBy.length && p.blockedBy.length) {
        recommended = null;
        reason = `neither mode fits one hub (${[...a.blockedBy, ...p.blockedBy].join("; ")}): split the spokes across hubs or raise the quotas`;
    } else if (a.blockedBy.length) {
        recommended = "profile";
        reason = `required by a quota: ${a.blockedBy.join("; ")}`;
    } else if (p.blockedBy.length) {
        recommended = "associations";
        reason = `required by a quota: ${p.blockedBy.join("; ")}`;
    } else if (p.monthlyUsd < a.monthlyUsd) {
        recommended = "profile";
        reason = `cheaper by $${(a.monthlyUsd - p.monthlyUsd).toFixed(2)} per month`;
    } else {
        recommended = "associations";
        reason = `cheaper by $${(p.monthlyUsd - a.monthlyUsd).toFixed(2)} per month (the profile's hourly charge is not repaid)` +
            (a.seconds > 60 ? `; but creating it takes about ${Math.ceil(a.seconds)} s of Route 53 calls against ${Math.ceil(p.seconds)} s with a profile` : "");
    }
    const modes: ModeFigures[] = base.map(x => ({
        ...x, thisPlan: x.mode === current, recommended: x.mode === recommended, ...(x.mode === recommended ? { reason } : {}), requestsPerSecond,
    }));
    return { current, modes, recommended, reason, requestsPerSecond };
}

function keyOf(prices: PriceTable, item: CostItem): PriceKey {
    const e = (Object.entries(prices.prices) as [PriceKey, { usd: number; unit: string }][]).find(([, p]) => p.usd === item.unitUsd && item.unit && item.what && true);
    // Items carry the price key implicitly through their unit: match on unit words instead.
    if (/zone-months/.test(item.unit)) return item.what.includes("beyond the first") ? "hostedZoneMonthAfter25" : "hostedZoneMonthFirst25";
    if (item.unit === "profile-hours") return "profileRegionHour";
    if (item.unit === "association-hours") return "profileAssociationHour";
    return e ? e[0] : "endpointAzHour";
}

/** Profile-VPC associations of the plan, plus one assumed for each registered spoke without a stack. */
/** The profile-VPC associations one hub's plan (the hub and its members) would bill, those of registered spokes without a stack included. */
export function hubProfileAssociations(stacks: readonly PlannedStack[]): number {
    const hub = hubOf(stacks);
    return profileAssociations(stacks, spokesOf(hub, stacks).filter(s => !s.stack).length);
}

function profileAssociations(stacks: readonly PlannedStack[], missingSpokes: number): number {
    return stacks.reduce((a, s) => a + s.resources.filter(r => !r.component && r.type === TYPES.profileAssociation).length, 0) + missingSpokes;
}

/** The counts of both modes for this plan: zones mode from the services' names, profile mode from what the plan creates. */
function modeCounts(hub: PlannedStack & { config: HubConfig }, stacks: readonly PlannedStack[], spokes: number): ModeCounts {
    const cfg = hub.config;
    const hubAccount = hub.accountId;
    const registered = new Set(cfg.spokes.map(s => s.name));
    const crossAccount = cfg.spokes.filter(s => s.accountId !== hubAccount).length +
        stacks.filter(s => s.role === "spoke" && !registered.has(s.stack) && s.accountId !== hubAccount).length;
    // records: zones — every name of every service is a zone with an apex (and a wildcard) record,
    // twice for a dual-stack service (A and AAAA).
    const zones = cfg.services.reduce((a, s) => a + s.zones.length, 0);
    const records = cfg.services.reduce((a, s) => a + s.zones.reduce((b, z) => b + (z.wildcard ? 2 : 1), 0) * ((s as { ipAddressType?: string }).ipAddressType === "dualstack" ? 2 : 1), 0);
    const endpointMode = cfg.dns?.sharing === "profile" && cfg.dns.records === "endpoint";
    const planZones = resourcesOf(hub, TYPES.zone).length;
    const planRecords = resourcesOf(hub, TYPES.record).length;
    const pdns = resourcesOf(hub, TYPES.vpcEndpoint).filter(r => r.inputs?.privateDnsEnabled === true).length;
    return {
        spokes, crossAccountSpokes: crossAccount, zones, records,
        profileZones: endpointMode ? planZones : zones, profileRecords: endpointMode ? planRecords : records,
        profileEndpoints: endpointMode ? pdns : 0,
    };
}

/** The modes as report lines. */
export function formatModes(modes: readonly ModeFigures[]): string[] {
    const usd2 = (v: number) => `$${v.toFixed(2)}`;
    const rows = modes.map(x => `  ${x.mode.padEnd(14)} ${usd2(x.monthlyUsd).padStart(12)} per month  ` +
        (x.mode === "decentralized" ? "no Route 53 calls (the spokes' endpoints use AWS's private DNS)"
            : `${x.route53Calls} Route 53 + ${x.profilesCalls} Profiles API calls, about ${Math.ceil(x.seconds)} s at ${x.requestsPerSecond} requests/s`) +
        (x.blockedBy.length ? `  BLOCKED: ${x.blockedBy.join("; ")}` : "") + (x.thisPlan ? "  (this plan)" : ""));
    const rec = modes.find(x => x.recommended);
    const blocked = modes.filter(x => x.blockedBy.length && x.mode !== "decentralized");
    return [
        "DNS modes (vpce-hub:dns.sharing) for this configuration:",
        ...rows,
        rec ? `  recommended: ${rec.mode}: ${rec.reason}` : `  recommended: none: neither mode fits one hub (${blocked.flatMap(b => b.blockedBy).join("; ")}): split the spokes across hubs or raise the quotas`,
    ];
}

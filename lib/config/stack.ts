// One stack's configuration: reads every key with the readers per concept, assembles a hub or
// a spoke and checks what spans several keys (overlaps, quotas, pinned addresses). Pure: no
// Pulumi import.
import { aggregateCidrs, contains, overlaps, parseCidr, within } from "../net/cidr";
import { HUB_SCHEMA, SPOKE_SCHEMA, keysOf } from "./schema";
import { MAX_PREFIX_LIST_ENTRIES, NO_PREFIX_LISTS, PrefixLists, prefixListSizeErrors, sourcesListPlan } from "../net/prefixLists";
import { editDistance } from "../didYouMean";
import { withDualStackZones } from "../aws/dualStack";
import { readHubDualStack, readSpokeIpv6Cidr } from "./dualStack";
import { readDnsMode, readSpokeDns } from "./dns";
import { AcceptRamShare, ConfigError, ExistingVpc, HARD_LIMITS, HubConfig, NS, SpokeConfig, StackConfig } from "./model";
import { ConfigValidationError, Reader, STACK_NAME, decode, id, key, suggestion, typeName } from "./reader";
import { readVpc } from "./vpc";
import { checkPolicyStatements, readServices, readTrustedAccounts } from "./services";
import { readSpokes } from "./spokes";
import { readOnPrem } from "./onPrem";
import { readCost, readQuotas } from "./quotas";
import { readExistingEndpoints } from "./existingEndpoints";

// Known keys come from the one description of the config (lib/config/schema.ts), which also
// generates the JSON Schema editors use: add a key there, then read it here.
const HUB_KEYS = keysOf(HUB_SCHEMA);
const SPOKE_KEYS = keysOf(SPOKE_SCHEMA);

/**
 * For each key one level down (`cidrs` of onPrem, `subnetIds` of vpc, ...), the top-level keys
 * that hold it: a key found at the level of the config keys that is one of these was dedented
 * out of its object, and belongs back under it.
 */
function nestedKeys(spec: typeof HUB_SCHEMA, top: readonly string[]): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const parent of top) {
        let keys: string[] = [];
        try { keys = keysOf(spec, parent); } catch { continue; }
        for (const k of keys) if (!top.includes(k)) out.set(k, [...(out.get(k) ?? []), parent]);
    }
    return out;
}
const NESTED = { hub: nestedKeys(HUB_SCHEMA, HUB_KEYS), spoke: nestedKeys(SPOKE_SCHEMA, SPOKE_KEYS) };

/** "is a key of vpce-hub:onPrem": where a dedented key belongs, named for its role (or either when the role is unknown). */
function belongsUnder(k: string, role: unknown): string[] {
    const roles: ("hub" | "spoke")[] = role === "hub" || role === "spoke" ? [role] : ["hub", "spoke"];
    return [...new Set(roles.flatMap(x => NESTED[x].get(k) ?? []))];
}

/** The sentence for a key that belongs under `parents` (where it was dedented out of one that is present, said so). */
function dedented(k: string, parents: readonly string[], present: (p: string) => boolean): string {
    const where = parents.map(p => key(p)).join(" or ");
    const out = parents.find(present);
    return `${out ? `is a key of ${key(out)}, dedented out of it: indent it under ${key(out)}` : `is a key of ${where}: put it under ${where}`} ` +
        "(not a key of its own: the vpce-hub: namespace would not make it one)";
}
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

/**
 * Every pair of blocks that must not overlap: hub, spokes and on-prem networks. An on-prem
 * summary that strictly contains a VPC (10.0.0.0/8 around 10.1.0.0/16) is the exception:
 * longest-prefix routing sends the VPC's addresses to the VPC and the rest over the VPN (the
 * plan warns, see plan/plan.ts onPremSummaryWarnings). A VPC around an on-prem block is not.
 */
function checkOverlaps(r: Reader, blocks: { key: string; cidr: string; onPrem?: boolean }[]): void {
    const summary = (a: typeof blocks[number], b: typeof blocks[number]) => Boolean(a.onPrem && !b.onPrem && a.cidr !== b.cidr && within(b.cidr, a.cidr));
    for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) {
            if (summary(blocks[i], blocks[j]) || summary(blocks[j], blocks[i])) continue;
            if (overlaps(blocks[i].cidr, blocks[j].cidr)) {
                r.fail(blocks[j].key, `${blocks[j].cidr} overlaps ${blocks[i].cidr} (${blocks[i].key}): routes between them would be ambiguous`);
            }
        }
    }
}

/** `vpce-hub:prefixLists` as written; `sources` undefined: not said (the hub decides, see autoSources). */
function readPrefixLists(r: Reader, v: unknown): Omit<PrefixLists, "sources"> & { sources?: boolean } {
    if (v === undefined) return { transitGatewayRoutes: false };
    const k = key("prefixLists");
    const o = r.obj(k, v, keysOf(HUB_SCHEMA, "prefixLists"));
    if (!o) return NO_PREFIX_LISTS;
    const flag = (name: "sources" | "transitGatewayRoutes") => o[name] === undefined ? false : r.bool(`${k}.${name}`, o[name]) ?? false;
    const maxEntries = o.maxEntries === undefined ? undefined : r.int(`${k}.maxEntries`, o.maxEntries, 1, MAX_PREFIX_LIST_ENTRIES);
    return {
        ...(o.sources === undefined ? {} : { sources: flag("sources") }), transitGatewayRoutes: flag("transitGatewayRoutes"),
        ...(maxEntries === undefined ? {} : { maxEntries }),
    };
}

/**
 * Unless `prefixLists.sources` is said, the admitted networks go into one prefix list where it
 * fits the rules quota with room to grow (lib/net/prefixLists.ts sourcesListPlan): then adding or
 * removing a member changes the list's entries in one request and no other member's rule; where
 * it does not fit, each group keeps a rule per aggregated block, as before.
 */
function autoSources(lists: ReturnType<typeof readPrefixLists>, cidrs: readonly string[], ports: readonly number[], ipv6Sources: number, quota: number): PrefixLists {
    if (lists.sources !== undefined) return { ...lists, sources: lists.sources };
    const entries = aggregateCidrs(cidrs).length;
    const plan = sourcesListPlan(entries, ports, ipv6Sources, quota);
    // A declared maxEntries (written for the Transit Gateway routes' list) applies to this list too: it must hold the entries, within the quota.
    const declared = lists.maxEntries;
    const fits = declared === undefined ? plan.fits : plan.fits && entries <= declared && sourcesListPlan(declared, ports, ipv6Sources, quota).fits;
    return fits ? { ...lists, sources: true, ...(declared === undefined ? { sourcesMaxEntries: plan.maxEntries } : {}) } : { ...lists, sources: false };
}

function readHub(r: Reader, raw: Record<string, unknown>, region: string | undefined, accountId: string | undefined): HubConfig | undefined {
    const quotas = readQuotas(r, raw.quotas);
    const vpc = readVpc(r, raw.vpc, true);
    const services = readServices(r, raw.services, region, quotas.endpointsPerVpc);
    const spokes = readSpokes(r, raw.spokes);
    const onPrem = raw.onPrem === undefined ? undefined : readOnPrem(r, raw.onPrem, quotas.resolverIpsPerEndpoint);
    const organizationId = raw.organizationId === undefined ? undefined
        : r.str(key("organizationId"), raw.organizationId, /^o-[a-z0-9]{10,32}$/, "an AWS Organizations id (o-...)");
    const trustedAccounts = readTrustedAccounts(r, raw.trustedAccounts, organizationId);
    let transitGatewayId: string | undefined;
    let transitGatewaySharedWith: string[] = [];
    if (raw.transitGateway !== undefined) {
        const o = r.obj(key("transitGateway"), raw.transitGateway, keysOf(HUB_SCHEMA, "transitGateway"));
        if (o && o.id !== undefined) transitGatewayId = r.str(`${key("transitGateway")}.id`, o.id, id("tgw"), "a Transit Gateway id (tgw-...)");
        if (o && o.sharedWithHubs !== undefined) {
            transitGatewaySharedWith = r.strList(`${key("transitGateway")}.sharedWithHubs`, o.sharedWithHubs, 1, STACK_NAME, "a hub stack name") ?? [];
            if (o.id === undefined) r.fail(`${key("transitGateway")}.sharedWithHubs`, "only applies to an existing Transit Gateway (`id`): without one each hub creates its own");
        }
    }
    const protect = raw.protect === undefined ? true : r.bool(key("protect"), raw.protect);
    const cost = readCost(r, raw.cost);
    const dns = readDnsMode(raw.dns, (k, m) => r.fail(k, m));
    const written = readPrefixLists(r, raw.prefixLists);
    const dual = readHubDualStack(raw);
    // The networks every endpoint group admits, and the rules each reference costs (lib/net/prefixLists.ts).
    const validCidrs = (cs: readonly (string | undefined)[]) => cs.filter((c): c is string => typeof c === "string" && typeof parseCidr(c) !== "string");
    const ipv6Sources = dual.value?.ipAddressType === "dualstack"
        ? [dual.value.vpcIpv6Cidr, ...dual.value.spokeIpv6Cidrs.flat(), ...(dual.value.onPremIpv6Cidrs ?? [])].filter(Boolean).length : 0;
    const prefixLists = autoSources(written, validCidrs([vpc?.cidr, ...(spokes ?? []).map(s => s.cidr), ...(onPrem?.cidrs ?? [])]),
        (services ?? []).map(s => s.ports.length), ipv6Sources, quotas.rulesPerSecurityGroup);

    if (vpc && spokes) {
        checkOverlaps(r, [
            { key: `${key("vpc")}.cidr`, cidr: vpc.cidr },
            ...spokes.map((s, i) => ({ key: `${key("spokes")}[${i}].cidr`, cidr: s.cidr })),
            ...(onPrem?.cidrs ?? []).map((c, i) => ({ key: `${key("onPrem")}.cidrs[${i}]`, cidr: c, onPrem: true })),
        ]);
    }
    if (spokes) {
        const peerings = spokes.filter(s => s.connectivity === "peering").length;
        if (peerings > Math.min(quotas.peeringsPerVpc, HARD_LIMITS.peeringsPerVpc)) {
            const hard = peerings > HARD_LIMITS.peeringsPerVpc;
            r.fail(key("spokes"), `${peerings} peering spokes exceed the ${hard ? HARD_LIMITS.peeringsPerVpc : quotas.peeringsPerVpc} active peerings a VPC can hold` +
                (hard ? ": connect some spokes by transitGateway" : ` (raise "Active VPC peering connections per VPC" to at most ${HARD_LIMITS.peeringsPerVpc}, then set ${key("quotas")}.peeringsPerVpc, or use transitGateway)`));
        }
        // Associations put every spoke VPC on every zone; a profile puts every spoke VPC on the profile.
        if (dns.sharing === "associations" && spokes.length + 1 > quotas.vpcsPerZone) {
            r.fail(key("spokes"), `${spokes.length} spokes plus the hub VPC exceed the ${quotas.vpcsPerZone} VPCs one hosted zone can be associated with ` +
                `(set ${key("dns")}.sharing: profile, where each spoke VPC is associated once with a Route 53 Profile, up to ${quotas.vpcsPerProfile} VPCs: ` +
                `AWS's quotas page recommends Profiles above 300 and offers no increase; only if AWS raised it for your account anyway, set ${key("quotas")}.vpcsPerZone)`);
        }
        if (dns.sharing === "profile" && spokes.length > quotas.vpcsPerProfile) {
            r.fail(key("spokes"), `${spokes.length} spokes exceed the ${quotas.vpcsPerProfile} VPCs one Route 53 Profile can be associated with ` +
                `(raise "VPCs per Profile" with AWS, then set ${key("quotas")}.vpcsPerProfile; or split the spokes across two hubs)`);
        }
        // VPC ids are unique across accounts: the hub's own VPC is never a spoke, whatever the account.
        spokes.forEach((s, i) => {
            if (vpc?.kind === "existing" && s.vpcId === vpc.id) {
                r.fail(`${key("spokes")}[${i}].vpcId`, `${s.vpcId} is the hub's own VPC (${key("vpc")}.id): list member VPCs only`);
            }
            if (s.name === r.stack) {
                r.fail(`${key("spokes")}[${i}].name`, `"${s.name}" is this hub's own stack: a spoke entry names a member stack`);
            }
        });
    }
    if (services && region) checkPolicyStatements(r, services, region, organizationId);
    if (vpc && spokes) {
        // A prefix list must hold the exact aggregates of its networks, within its max entries.
        const valid = (cidrs: string[]) => cidrs.filter(c => typeof parseCidr(c) !== "string");
        const size = (which: "sources" | "transitGatewayRoutes", cidrs: string[]) => prefixListSizeErrors(which, aggregateCidrs(valid(cidrs)).length, prefixLists)
            .forEach(e => r.fail(`${key("prefixLists")}.${e.key === "maxEntries" ? "maxEntries" : which}`, e.message));
        if (prefixLists.sources) size("sources", [vpc.cidr, ...spokes.map(s => s.cidr), ...(onPrem?.cidrs ?? [])]);
        if (prefixLists.transitGatewayRoutes) size("transitGatewayRoutes", spokes.filter(s => s.connectivity === "transitGateway").map(s => s.cidr));
    }
    if (transitGatewayId && spokes && !spokes.some(s => s.connectivity === "transitGateway")) {
        r.fail(`${key("transitGateway")}.id`, "is set but no spoke uses connectivity: transitGateway");
    }
    if (onPrem?.resolverAddresses && vpc) {
        onPrem.resolverAddresses.forEach((a, i) => {
            const ka = `${key("onPrem")}.resolverAddresses[${i}]`;
            if (!contains(vpc.cidr, a.ip)) r.fail(`${ka}.ip`, `${a.ip} is outside the hub VPC ${vpc.cidr}`);
            if (vpc.kind === "new") r.fail(`${ka}.subnetId`, "pinned addresses need an existing VPC (`vpc.id`): the subnets of a new VPC are not known yet");
            else if (!vpc.subnetIds.includes(a.subnetId)) r.fail(`${ka}.subnetId`, `${a.subnetId} is not one of ${key("vpc")}.subnetIds`);
        });
    }
    for (const p of dual.problems) r.fail(p.key, p.message);
    if (!vpc || !services || !spokes || (raw.onPrem !== undefined && !onPrem) || protect === undefined || !region || !dual.value || !trustedAccounts) return undefined;
    const ds = dual.value;
    const dualstack = ds.ipAddressType === "dualstack";
    return {
        role: "hub", stack: r.stack, region, accountId,
        vpc: ds.vpcIpv6Cidr && vpc.kind === "existing" ? { ...vpc, ipv6Cidr: ds.vpcIpv6Cidr } : vpc,
        services: dualstack ? services.map(s => withDualStackZones(s, region)) : services,
        spokes: spokes.map((s, i) => ds.spokeIpv6Cidrs[i] ? { ...s, ipv6Cidrs: ds.spokeIpv6Cidrs[i] } : s),
        onPrem: onPrem && ds.onPremIpv6Cidrs ? { ...onPrem, ipv6Cidrs: ds.onPremIpv6Cidrs } : onPrem,
        organizationId, ...(trustedAccounts.length ? { trustedAccounts } : {}), transitGatewayId, transitGatewaySharedWith, protect, ipAddressType: ds.ipAddressType, quotas, prefixLists, cost, dns,
    };
}

function readSpoke(r: Reader, raw: Record<string, unknown>, region: string | undefined, accountId: string | undefined): SpokeConfig | undefined {
    const hubStack = raw.hubStack === undefined
        ? r.fail(key("hubStack"), "is required: the hub's stack as org/project/stack, e.g. acme/vpce-hub/shared")
        : r.str(key("hubStack"), raw.hubStack, /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/, "a stack reference such as acme/vpce-hub/shared");
    const vpc = readVpc(r, raw.vpc, false) as ExistingVpc | undefined;
    // auto (default): the spoke asks RAM at deploy time whether it has an invitation to accept.
    const acceptRamShare: AcceptRamShare | undefined = raw.acceptRamShare === undefined || raw.acceptRamShare === "auto" ? "auto"
        : raw.acceptRamShare === true || raw.acceptRamShare === "true" ? true
            : raw.acceptRamShare === false || raw.acceptRamShare === "false" ? false
                : r.fail(key("acceptRamShare"), `must be auto (the default: accept a pending invitation to the hub's RAM shares, as RAM says at deploy time), ` +
                    `true (accept without asking) or false (never accept), got ${typeName(raw.acceptRamShare)}`);
    const ipv6 = readSpokeIpv6Cidr(raw);
    for (const p of ipv6.problems) r.fail(p.key, p.message);
    const dns = readSpokeDns(raw.dns, (k, message) => r.fail(k, message));
    const existingEndpoints = readExistingEndpoints(r, raw.existingEndpoints, region);
    if (!hubStack || !vpc || acceptRamShare === undefined || !region || ipv6.problems.length) return undefined;
    return {
        role: "spoke", stack: r.stack, region, accountId, hubStack, vpc: ipv6.value ? { ...vpc, ipv6Cidr: ipv6.value } : vpc, acceptRamShare,
        ...(dns ? { dns } : {}), ...(existingEndpoints ? { existingEndpoints } : {}),
    };
}

/** `aws:region`: lower case, such as eu-central-1; `EU-central-1` is told the name it means. */
function regionName(r: Reader, v: unknown): string | undefined {
    if (typeof v === "string" && !REGION.test(v) && REGION.test(v.toLowerCase())) {
        return r.fail("aws:region", `"${v}" is not an AWS region: region names are lower case (did you mean ${v.toLowerCase()}?)`);
    }
    return r.str("aws:region", v, REGION, "an AWS region such as ap-northeast-1");
}

/**
 * Validates one stack's configuration. `raw` maps full keys (`vpce-hub:vpc`, `aws:region`)
 * to values, either typed (from YAML) or as Pulumi passes them (JSON text).
 */
export function parseStackConfig(stack: string, raw: Record<string, unknown>): { config?: StackConfig; errors: ConfigError[] } {
    const r = new Reader(stack);
    const own: Record<string, unknown> = {};
    // Keys found dedented out of their object: their object's "is required" for them is the same mistake, said once.
    const misplaced = new Set<string>();
    for (const [k, v] of Object.entries(raw)) {
        if (k.startsWith(`${NS}:`)) { own[k.slice(NS.length + 1)] = decode(v); continue; }
        // Other namespaces belong to providers (aws:profile, ...) and are not ours to check,
        // except a missing namespace or a misspelt one: those keys would be silently ignored.
        const colon = k.indexOf(":");
        if (colon < 0) {
            // aws-region, awsregion or region: the provider's aws:region, not a key of ours.
            const region = k.toLowerCase() === "region" || editDistance(k, "aws:region") <= 2;
            // A key of an object (onPrem's cidrs, vpc's id) out at this level was dedented: it belongs back under its object.
            const parents = region || HUB_KEYS.includes(k) || SPOKE_KEYS.includes(k) ? [] : belongsUnder(k, decode(raw[`${NS}:role`]));
            if (parents.length) {
                r.fail(k, dedented(k, parents, p => raw[`${NS}:${p}`] !== undefined));
                parents.forEach(p => misplaced.add(`${key(p)}.${k}`));
                continue;
            }
            r.fail(k, `has no namespace: write ${region ? "aws:region" : key(k)}`);
        } else if (k.slice(0, colon) !== NS && editDistance(k.slice(0, colon).toLowerCase(), NS) <= 2) {
            r.fail(k, `unknown namespace "${k.slice(0, colon)}": write ${key(k.slice(colon + 1))}`);
        }
    }
    const regionLike = Object.keys(raw).filter(k => k.startsWith("aws:") && k !== "aws:region" && editDistance(k.toLowerCase(), "aws:region") <= 2);
    const region = raw["aws:region"] === undefined
        ? r.fail("aws:region", `is required, e.g. ap-northeast-1${regionLike.length ? ` (found ${regionLike.join(", ")}: did you mean aws:region?)` : ""}`)
        : regionName(r, decode(raw["aws:region"]));
    const role = own.role;
    if (role !== "hub" && role !== "spoke") {
        r.fail(key("role"), role === undefined ? "is required: hub or spoke" : `must be hub or spoke, got ${typeName(role)}`);
        return { errors: r.errors };
    }
    const known = role === "hub" ? HUB_KEYS : SPOKE_KEYS;
    for (const k of Object.keys(own)) {
        if (known.includes(k)) continue;
        const parents = belongsUnder(k, role);
        if (parents.length) {
            r.fail(key(k), dedented(k, parents, p => own[p] !== undefined));
            parents.forEach(p => misplaced.add(`${key(p)}.${k}`));
        } else {
            r.fail(key(k), `unknown key for a ${role} stack${suggestion(k, known)}`);
        }
    }
    const accountId = own.accountId === undefined ? undefined : r.account(key("accountId"), own.accountId);
    const config = role === "hub" ? readHub(r, own, region, accountId) : readSpoke(r, own, region, accountId);
    const errors = r.errors.filter(e => !(misplaced.has(e.key) && /^is required/.test(e.message)));
    return errors.length ? { errors } : { config, errors: [] };
}

/** Like parseStackConfig, but throws one ConfigValidationError listing every problem. */
export function requireStackConfig(stack: string, raw: Record<string, unknown>): StackConfig {
    const { config, errors } = parseStackConfig(stack, raw);
    if (errors.length || !config) throw new ConfigValidationError(errors);
    return config;
}

/** The hub stack's name from a reference such as acme/vpce-hub/shared. */
export function hubStackName(ref: string): string {
    return ref.split("/").pop()!;
}

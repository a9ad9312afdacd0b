// The configuration model and its validator. Pure: no Pulumi import. Every problem is
// collected (not only the first) and names the stack, the config key path and what is
// wrong, so that `npm run plan` and `pulumi up` print the same sentences.
import { ResolvedService, ServiceOverride, ZoneTemplate, fillRegion, resolveService } from "./catalog";
import { aggregateCidrs, contains, isIpv4, mustParseCidr, overlaps, parseCidr, within } from "./cidr";
import { HUB_SCHEMA, PRICE_KEYS, SPOKE_SCHEMA, keysOf } from "./configSchema";
import { MAX_PREFIX_LIST_ENTRIES, NO_PREFIX_LISTS, PrefixLists, prefixListSizeErrors } from "./prefixLists";
import { editDistance } from "./editDistance";
import { IpAddressType, withDualStackZones } from "./dualStack";
import { readHubDualStack, readSpokeIpv6Cidr } from "./dualStackConfig";
import { DnsMode, readDnsMode } from "./dnsConfig";
import type { StatementOverride } from "./endpointPolicies";
import type { ConnectionTracking } from "./rules";
import { zoneNameProblem } from "./forwarders";

export const NS = "vpce-hub";

// ---------------------------------------------------------------------------------------
// The model

/** A VPC that already exists: the program adds endpoints, routes and associations to it. */
export interface ExistingVpc {
    readonly kind: "existing";
    /** vpc-... */
    readonly id: string;
    /** The VPC's primary IPv4 CIDR. */
    readonly cidr: string;
    /** Subnets for endpoints, the Resolver and TGW attachments; at least two AZs. */
    readonly subnetIds: readonly string[];
    /** Route tables that get routes to the other side (hub: spokes and on-prem; spoke: hub). */
    readonly routeTableIds: readonly string[];
    /** The VPC's IPv6 block (dual-stack hubs; spokes that route the hub's IPv6 block). */
    readonly ipv6Cidr?: string;
}

/** A VPC the hub creates with awsx: isolated subnets, one per AZ, no NAT. */
export interface NewVpc {
    readonly kind: "new";
    readonly cidr: string;
    /** How many AZs get a subnet (2 to 6). */
    readonly availabilityZones: number;
}

export type Connectivity = "peering" | "transitGateway";

/** One entry of the hub's registry of who may use the hub. */
export interface SpokeEntry {
    /** The member's stack name. */
    readonly name: string;
    readonly accountId: string;
    readonly vpcId: string;
    readonly cidr: string;
    readonly connectivity: Connectivity;
    /** The member VPC's IPv6 blocks, admitted by a dual-stack hub's endpoints. */
    readonly ipv6Cidrs?: readonly string[];
}

export interface OnPrem {
    /** On-premises networks that use the hub over VPN. */
    readonly cidrs: readonly string[];
    /** On-premises IPv6 networks, admitted by a dual-stack hub's endpoints. */
    readonly ipv6Cidrs?: readonly string[];
    /** An existing virtual private gateway attached to the hub VPC. */
    readonly vpnGatewayId?: string;
    /** Or a new site-to-site VPN to this customer gateway. */
    readonly customerGateway?: { readonly ip: string; readonly bgpAsn: number };
    /** IPs of on-prem DNS servers allowed to query the Resolver; defaults to `cidrs`. */
    readonly dnsServerCidrs: readonly string[];
    /** Pinned Resolver inbound addresses; omitted: one per AZ, picked by AWS. */
    readonly resolverAddresses?: readonly { readonly subnetId: string; readonly ip: string }[];
    /** The Resolver's security group: tracked (default, on-prem DNS servers only) or untracked (AWS's high-rate rules). */
    readonly resolverConnectionTracking: ConnectionTracking;
}

/** AWS quotas the plan checks against; defaults are AWS's, raise them when AWS raised yours. */
export interface Quotas {
    readonly vpcsPerZone: number;
    readonly peeringsPerVpc: number;
    readonly endpointsPerVpc: number;
    readonly zonesPerAccount: number;
    readonly authorizationsPerZone: number;
    readonly attachmentsPerTransitGateway: number;
    readonly recordsPerZone: number;
    /** Inbound rules per security group; each CIDR of a rule counts as one, a prefix list as its max entries. */
    readonly rulesPerSecurityGroup: number;
    /** Route 53 Profiles: VPCs one profile can be associated with (adjustable). */
    readonly vpcsPerProfile: number;
    /** Route 53 Profiles per account and region. */
    readonly profilesPerRegion: number;
    /** Private hosted zones one profile can hold. */
    readonly zonesPerProfile: number;
    /** Routes per route table (not propagated ones); a route to a prefix list counts as its max entries. */
    readonly routesPerRouteTable: number;
}

export const DEFAULT_QUOTAS: Quotas = {
    vpcsPerZone: 300,
    peeringsPerVpc: 50,
    endpointsPerVpc: 50,
    zonesPerAccount: 500,
    // Route 53 quotas: "Authorizations that you can create so you can associate VPCs that were
    // created by one account with a hosted zone that was created by another account": 100.
    authorizationsPerZone: 100,
    attachmentsPerTransitGateway: 5000,
    recordsPerZone: 10000,
    rulesPerSecurityGroup: 60,
    vpcsPerProfile: 1000,
    profilesPerRegion: 5,
    zonesPerProfile: 5000,
    routesPerRouteTable: 50,
};

/** Hard ceilings AWS will not raise. */
export const HARD_LIMITS = { peeringsPerVpc: 125, resolverIpsPerEndpoint: 6 } as const;

/** Price keys users may override in `vpce-hub:cost.prices` (USD); declared with the other keys in configSchema.ts. */
export { PRICE_KEYS };
export type PriceKey = typeof PRICE_KEYS[number];

export interface CostOptions {
    /** Traffic each spoke sends through the hub's endpoints per month. */
    readonly gbPerMonthPerSpoke: number;
    /** Traffic on-prem sends through the hub's endpoints per month. */
    readonly onPremGbPerMonth: number;
    /** Resolver queries from on-prem per month, in millions. */
    readonly onPremMillionQueriesPerMonth: number;
    /** Overrides of the region's price table. */
    readonly prices: Partial<Record<PriceKey, number>>;
}

export interface HubConfig {
    readonly role: "hub";
    readonly stack: string;
    readonly region: string;
    readonly accountId?: string;
    readonly vpc: ExistingVpc | NewVpc;
    readonly services: readonly ResolvedService[];
    readonly spokes: readonly SpokeEntry[];
    readonly onPrem?: OnPrem;
    /** o-...: endpoints get a policy admitting only this organization's principals. */
    readonly organizationId?: string;
    /** An existing Transit Gateway to use instead of creating one. */
    readonly transitGatewayId?: string;
    /** Other hub stacks of the plan that use the same existing Transit Gateway (docs/multi-hub.md). */
    readonly transitGatewaySharedWith?: readonly string[];
    /** Protect zones and endpoints against accidental deletion (default true). */
    readonly protect: boolean;
    /** ipv4 (default), or dualstack: endpoints with IPv6 addresses, AAAA records, dual-stack names. */
    readonly ipAddressType: IpAddressType;
    readonly quotas: Quotas;
    /** Prefix lists for the admitted networks and the TGW spokes' routes (default none). */
    readonly prefixLists: PrefixLists;
    readonly cost: CostOptions;
    /** `vpce-hub:dns`: zone associations per spoke, or one Route 53 Profile (lib/dnsConfig.ts). */
    readonly dns: DnsMode;
}

export interface SpokeConfig {
    readonly role: "spoke";
    readonly stack: string;
    readonly region: string;
    readonly accountId?: string;
    /** org/project/stack of the hub. */
    readonly hubStack: string;
    readonly vpc: ExistingVpc;
    /** Accept the hub's RAM share (needed outside an AWS Organization with sharing enabled). */
    readonly acceptRamShare: boolean;
}

export type StackConfig = HubConfig | SpokeConfig;

export interface ConfigError {
    readonly stack: string;
    /** Full config key path, e.g. `vpce-hub:vpc.subnetIds[1]`. */
    readonly key: string;
    readonly message: string;
}

export function formatError(e: ConfigError): string {
    return `error: ${e.stack}: ${e.key}: ${e.message}`;
}

/** Thrown by the stack programs; its message lists every problem, one per line. */
export class ConfigValidationError extends Error {
    constructor(readonly errors: readonly ConfigError[]) {
        super(errors.map(formatError).join("\n"));
        this.name = "ConfigValidationError";
    }
}

// ---------------------------------------------------------------------------------------
// Reading raw values

// Known keys come from the one description of the config (lib/configSchema.ts), which also
// generates the JSON Schema editors use: add a key there, then read it here.
const HUB_KEYS = keysOf(HUB_SCHEMA);
const SPOKE_KEYS = keysOf(SPOKE_SCHEMA);

/** Pulumi hands config values over as strings; objects and lists arrive as JSON text. */
export function decode(value: unknown): unknown {
    if (typeof value !== "string") return value;
    const t = value.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
        try { return JSON.parse(t); } catch { return value; }
    }
    return value;
}

function typeName(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "object") return "an object";
    if (typeof v === "string") return `the string "${v.length > 40 ? v.slice(0, 40) + "..." : v}"`;
    return `${typeof v} ${String(v)}`;
}

function suggestion(key: string, known: readonly string[]): string {
    const best = known
        .map(k => ({ k, d: key.toLowerCase() === k.toLowerCase() ? 0 : editDistance(key.toLowerCase(), k.toLowerCase()) }))
        .sort((x, y) => x.d - y.d)[0];
    return best && best.d <= 3 ? ` (did you mean \`${best.k}\`?)` : ` (known keys: ${known.join(", ")})`;
}

/** Collects errors for one stack while reading typed values out of raw config. */
class Reader {
    readonly errors: ConfigError[] = [];
    constructor(readonly stack: string) { }

    fail(key: string, message: string): undefined {
        this.errors.push({ stack: this.stack, key, message });
        return undefined;
    }

    str(key: string, v: unknown, pattern?: RegExp, what?: string): string | undefined {
        if (typeof v !== "string") return this.fail(key, `must be a string${what ? ` (${what})` : ""}, got ${typeName(v)}`);
        if (pattern && !pattern.test(v)) return this.fail(key, `"${v}" is not ${what ?? `of the form ${pattern}`}`);
        return v;
    }

    int(key: string, v: unknown, min: number, max: number): number | undefined {
        const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
        if (typeof n !== "number" || !Number.isInteger(n)) return this.fail(key, `must be a whole number, got ${typeName(v)}`);
        if (n < min || n > max) return this.fail(key, `must be between ${min} and ${max}, got ${n}`);
        return n;
    }

    num(key: string, v: unknown): number | undefined {
        const n = typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)) ? Number(v) : v;
        if (typeof n !== "number" || !isFinite(n) || n < 0) return this.fail(key, `must be a number >= 0, got ${typeName(v)}`);
        return n;
    }

    bool(key: string, v: unknown): boolean | undefined {
        if (v === true || v === "true") return true;
        if (v === false || v === "false") return false;
        return this.fail(key, `must be true or false, got ${typeName(v)}`);
    }

    /**
     * A list. `items` describes entries that are not plain strings (the hint "write [x]" would
     * mislead there); `why` explains the minimum.
     */
    list(key: string, v: unknown, minItems = 0, opts: { items?: string; why?: string } = {}): unknown[] | undefined {
        if (!Array.isArray(v)) {
            if (opts.items) return this.fail(key, `must be a list of ${opts.items}, got ${typeName(v)}`);
            return this.fail(key, `must be a list${typeof v === "string" ? ` (write [${v}], not a plain string)` : `, got ${typeName(v)}`}`);
        }
        if (v.length < minItems) {
            return this.fail(key, `needs at least ${minItems} entr${minItems === 1 ? "y" : "ies"}${opts.why ? ` (${opts.why})` : ""}, got ${v.length}`);
        }
        // Array.from turns holes into undefined entries, which then get their own error.
        return Array.from(v);
    }

    strList(key: string, v: unknown, minItems: number, pattern: RegExp, what: string, why?: string): string[] | undefined {
        const l = this.list(key, v, minItems, { why });
        if (!l) return undefined;
        const out = l.map((x, i) => this.str(`${key}[${i}]`, x, pattern, what));
        const seen = new Set<string>();
        l.forEach((x, i) => {
            if (typeof x === "string" && seen.has(x)) this.fail(`${key}[${i}]`, `"${x}" is listed twice`);
            seen.add(x as string);
        });
        return out.every(x => x !== undefined) ? out as string[] : undefined;
    }

    /** An object whose keys must all be known; reports typos with a suggestion. */
    obj(key: string, v: unknown, known: readonly string[]): Record<string, unknown> | undefined {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return this.fail(key, `must be an object, got ${typeName(v)}`);
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o)) {
            if (!known.includes(k)) this.fail(`${key}.${k}`, `unknown key${suggestion(k, known)}`);
        }
        return o;
    }

    cidr(key: string, v: unknown): string | undefined {
        const s = this.str(key, v);
        if (s === undefined) return undefined;
        const c = parseCidr(s);
        if (typeof c === "string") return this.fail(key, c);
        return s;
    }

    /** A 12-digit account id. YAML reads an unquoted id as a number and drops leading zeros. */
    account(key: string, v: unknown): string | undefined {
        if (typeof v === "number") {
            const digits = String(v);
            const guess = /^\d{1,11}$/.test(digits) ? ` (did you mean "${digits.padStart(12, "0")}"?)` : "";
            return this.fail(key, `must be quoted text: YAML read ${digits} as a number${guess ? `, dropping its leading zeros${guess}` : ""}; write the id in quotes`);
        }
        const s = this.str(key, v, undefined, "a 12-digit AWS account id");
        if (s === undefined) return undefined;
        if (!ACCOUNT.test(s)) {
            const zeros = /^\d{9,11}$/.test(s) ? `; if it begins with 0, quote it in YAML so the leading zeros stay` : "";
            return this.fail(key, `"${s}" is not a 12-digit AWS account id${zeros}`);
        }
        return s;
    }
}

const ACCOUNT = /^\d{12}$/;
/** Dot-separated DNS labels: a service name becomes zone and endpoint service names. */
const SERVICE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
const id = (prefix: string) => new RegExp(`^${prefix}-[0-9a-zA-Z]+$`);

function key(k: string): string {
    return `${NS}:${k}`;
}

function readVpc(r: Reader, v: unknown, allowNew: boolean): ExistingVpc | NewVpc | undefined {
    const k = key("vpc");
    if (v === undefined) return r.fail(k, "is required");
    const o = r.obj(k, v, allowNew ? keysOf(HUB_SCHEMA, "vpc") : keysOf(SPOKE_SCHEMA, "vpc"));
    if (!o) return undefined;
    const cidr = o.cidr === undefined ? r.fail(`${k}.cidr`, "is required") : r.cidr(`${k}.cidr`, o.cidr);
    if (cidr && allowNew && o.id === undefined) {
        if (o.subnetIds !== undefined || o.routeTableIds !== undefined) {
            r.fail(k, "without `id` the hub creates the VPC: drop subnetIds and routeTableIds, or give the existing VPC's id");
        }
        const azs = o.availabilityZones === undefined ? 2 : r.int(`${k}.availabilityZones`, o.availabilityZones, 2, 6);
        const prefix = mustParseCidr(cidr).prefix;
        if (prefix > 24) return r.fail(`${k}.cidr`, `${cidr} is too small for a new VPC: use /24 or larger`);
        return azs === undefined ? undefined : { kind: "new", cidr, availabilityZones: azs };
    }
    if (o.availabilityZones !== undefined) r.fail(`${k}.availabilityZones`, "only applies when the hub creates the VPC (no `id`)");
    const vpcId = o.id === undefined ? r.fail(`${k}.id`, "is required") : r.str(`${k}.id`, o.id, id("vpc"), "a VPC id (vpc-...)");
    const subnetIds = o.subnetIds === undefined
        ? r.fail(`${k}.subnetIds`, "is required: subnets in at least 2 AZs")
        : r.strList(`${k}.subnetIds`, o.subnetIds, 2, id("subnet"), "a subnet id (subnet-...)", "subnets in at least 2 AZs");
    const routeTableIds = o.routeTableIds === undefined
        ? r.fail(`${k}.routeTableIds`, "is required: the route tables that get routes to the other side")
        : r.strList(`${k}.routeTableIds`, o.routeTableIds, 1, id("rtb"), "a route table id (rtb-...)");
    if (!cidr || !vpcId || !subnetIds || !routeTableIds) return undefined;
    return { kind: "existing", id: vpcId, cidr, subnetIds, routeTableIds };
}

/** A region standing in for `{region}` while the stack's own region is missing or invalid (reported on its own). */
const SAMPLE_REGION = "ap-northeast-1";

/**
 * A zone name template: no placeholder but `{region}`, and once the region is filled in a
 * DNS name the forwarder renderer accepts (valid labels, at least three of them). Checked
 * here so that a bad name is a config error, not a crash of `npm run plan` or a zone that
 * answers nobody.
 */
function zoneTemplate(r: Reader, k: string, v: unknown, region: string | undefined): string | undefined {
    const name = r.str(k, v, /^[a-z0-9{}.-]+$/, "a DNS name such as foo.{region}.amazonaws.com");
    if (name === undefined) return undefined;
    const other = (name.match(/\{[^{}]*\}/g) ?? []).find(p => p !== "{region}");
    if (other !== undefined) return r.fail(k, `"${name}" has the placeholder ${other}: the only placeholder is {region}`);
    const problem = zoneNameProblem(fillRegion(name, region ?? SAMPLE_REGION));
    return problem === undefined ? name : r.fail(k, problem);
}

/** `"name"`, `"*.name"` (apex and wildcard) or `{ name, wildcard }`, each checked by zoneTemplate. */
function readZones(r: Reader, k: string, v: unknown, region: string | undefined): ZoneTemplate[] | undefined {
    const l = r.list(k, v, 1);
    if (!l) return undefined;
    const out = l.map((z, i): ZoneTemplate | undefined => {
        if (typeof z === "string") {
            const wildcard = z.startsWith("*.");
            const name = zoneTemplate(r, `${k}[${i}]`, wildcard ? z.slice(2) : z, region);
            return name === undefined ? undefined : { name, wildcard };
        }
        const o = r.obj(`${k}[${i}]`, z, keysOf(HUB_SCHEMA, "services", "zones"));
        if (!o) return undefined;
        const name = zoneTemplate(r, `${k}[${i}].name`, o.name, region);
        const wildcard = o.wildcard === undefined ? false : r.bool(`${k}[${i}].wildcard`, o.wildcard);
        return name === undefined || wildcard === undefined ? undefined : { name, wildcard };
    });
    return out.every(Boolean) ? out as ZoneTemplate[] : undefined;
}

/**
 * `{ <Sid>: false | <statement> }`: drops or replaces a default statement of the organization
 * policy by its Sid, or adds one (lib/endpointPolicies.ts). IAM allows letters and digits in a
 * Sid; an endpoint policy statement needs Effect, Principal, Action (or NotAction) and Resource.
 */
function readStatementOverrides(r: Reader, k: string, v: unknown): Record<string, StatementOverride> | undefined {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return r.fail(k, `must be an object of Sid: false (drop) or Sid: { Effect, Principal, Action, Resource } (replace or add), got ${typeName(v)}`);
    const out: Record<string, StatementOverride> = {};
    let ok = true;
    for (const [sid, value] of Object.entries(v as Record<string, unknown>)) {
        const ks = `${k}.${sid}`;
        if (!/^[A-Za-z0-9]+$/.test(sid)) { r.fail(ks, `"${sid}" is not a statement Sid (letters and digits only)`); ok = false; continue; }
        if (value === false || value === "false") { out[sid] = false; continue; }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            r.fail(ks, `must be false (drop the statement) or a policy statement object, got ${typeName(value)}`); ok = false; continue;
        }
        const st = value as Record<string, unknown>;
        const missing = [
            st.Effect === "Allow" || st.Effect === "Deny" ? undefined : "Effect (Allow or Deny)",
            st.Principal === undefined ? "Principal" : undefined,
            st.Action === undefined && st.NotAction === undefined ? "Action" : undefined,
            st.Resource === undefined && st.NotResource === undefined ? "Resource" : undefined,
        ].filter(Boolean);
        if (missing.length) { r.fail(ks, `the statement needs ${missing.join(", ")}`); ok = false; continue; }
        out[sid] = st;
    }
    return ok ? out : undefined;
}

function readServices(r: Reader, v: unknown, region: string | undefined, endpointsPerVpc: number): ResolvedService[] | undefined {
    const k = key("services");
    if (v === undefined) return r.fail(k, "is required: the interface endpoint services to centralize, e.g. [s3, sqs]");
    const l = r.list(k, v, 1, { items: "service names or { name, zones, ports, policy } overrides, such as [s3, sqs]" });
    if (!l) return undefined;
    const out: ResolvedService[] = [];
    const names = new Map<string, number>();
    const zoneOwners = new Map<string, string>();
    l.forEach((entry, i) => {
        const ki = `${k}[${i}]`;
        let spec: ServiceOverride | undefined;
        if (typeof entry === "string") {
            const name = r.str(ki, entry, SERVICE_NAME, "a service name such as s3 or ecr.dkr");
            if (name === undefined) return;
            spec = { name };
        } else {
            const o = r.obj(ki, entry, keysOf(HUB_SCHEMA, "services"));
            if (!o) return;
            const name = r.str(`${ki}.name`, o.name, SERVICE_NAME, "a service name such as s3 or ecr.dkr");
            const zones = o.zones === undefined ? undefined : readZones(r, `${ki}.zones`, o.zones, region);
            const portList = o.ports === undefined ? undefined : r.list(`${ki}.ports`, o.ports, 1);
            const ports = portList?.map((p, j) => r.int(`${ki}.ports[${j}]`, p, 1, 65535));
            let policy: string | undefined;
            if (o.policy !== undefined) {
                policy = typeof o.policy === "string" ? o.policy : JSON.stringify(o.policy);
                try { JSON.parse(policy); } catch { r.fail(`${ki}.policy`, "must be an IAM policy document (an object or JSON text)"); }
            }
            const endpointService = o.endpointService === undefined ? undefined
                : r.str(`${ki}.endpointService`, o.endpointService, /^[a-z0-9.-]+$/, "an endpoint service name");
            const policyStatements = o.policyStatements === undefined ? undefined : readStatementOverrides(r, `${ki}.policyStatements`, o.policyStatements);
            if (o.policy !== undefined && o.policyStatements !== undefined) {
                r.fail(`${ki}.policyStatements`, "amends the default policy's statements, which `policy` replaces whole: give one of them");
            }
            if (name === undefined || (o.zones !== undefined && !zones) || (ports && ports.some(p => p === undefined)) ||
                (o.policyStatements !== undefined && !policyStatements)) return;
            spec = { name, zones, ports: ports as number[] | undefined, policy, endpointService, ...(policyStatements ? { policyStatements } : {}) };
        }
        const prev = names.get(spec.name);
        if (prev !== undefined) { r.fail(ki, `"${spec.name}" is already listed at ${k}[${prev}]`); return; }
        names.set(spec.name, i);
        if (!region) return;
        const resolved = resolveService(spec, region);
        if (typeof resolved === "string") { r.fail(ki, resolved); return; }
        for (const z of resolved.zones) {
            const owner = zoneOwners.get(z.name);
            if (owner) r.fail(ki, `zone ${z.name} is already served by "${owner}": a VPC cannot hold two zones of one name`);
            zoneOwners.set(z.name, spec.name);
        }
        out.push(resolved);
    });
    if (l.length > endpointsPerVpc) {
        r.fail(k, `${l.length} services need ${l.length} interface endpoints, more than the ${endpointsPerVpc} a VPC holds ` +
            `(quota "Interface and Gateway Load Balancer endpoints per VPC"; raise it with AWS, then set ${key("quotas")}.endpointsPerVpc)`);
    }
    return out.length === l.length ? out : undefined;
}

function readSpokes(r: Reader, v: unknown): SpokeEntry[] | undefined {
    const k = key("spokes");
    if (v === undefined) return [];
    const l = r.list(k, v, 0, { items: "{ name, accountId, vpcId, cidr, connectivity } entries, one per member stack" });
    if (!l) return undefined;
    const out: SpokeEntry[] = [];
    const byName = new Map<string, number>();
    const byVpc = new Map<string, number>();
    l.forEach((entry, i) => {
        const ki = `${k}[${i}]`;
        const o = r.obj(ki, entry, keysOf(HUB_SCHEMA, "spokes"));
        if (!o) return;
        const name = o.name === undefined ? r.fail(`${ki}.name`, "is required (the member's stack name)") : r.str(`${ki}.name`, o.name, STACK_NAME, "a stack name");
        const accountId = o.accountId === undefined ? r.fail(`${ki}.accountId`, "is required") : r.account(`${ki}.accountId`, o.accountId);
        const vpcId = o.vpcId === undefined ? r.fail(`${ki}.vpcId`, "is required") : r.str(`${ki}.vpcId`, o.vpcId, id("vpc"), "a VPC id (vpc-...)");
        const cidr = o.cidr === undefined ? r.fail(`${ki}.cidr`, "is required") : r.cidr(`${ki}.cidr`, o.cidr);
        const connectivity = o.connectivity === undefined ? r.fail(`${ki}.connectivity`, "is required: peering or transitGateway")
            : o.connectivity === "peering" || o.connectivity === "transitGateway" ? o.connectivity as Connectivity
                : r.fail(`${ki}.connectivity`, `must be peering or transitGateway, got ${typeName(o.connectivity)}`);
        if (name !== undefined) {
            if (byName.has(name)) r.fail(`${ki}.name`, `spoke "${name}" is already listed at ${k}[${byName.get(name)}]`);
            byName.set(name, i);
        }
        if (vpcId !== undefined) {
            if (byVpc.has(vpcId)) r.fail(`${ki}.vpcId`, `${vpcId} is already used by ${k}[${byVpc.get(vpcId)}]`);
            byVpc.set(vpcId, i);
        }
        if (name && accountId && vpcId && cidr && connectivity) out.push({ name, accountId, vpcId, cidr, connectivity });
    });
    return out.length === l.length ? out : undefined;
}

function readOnPrem(r: Reader, v: unknown): OnPrem | undefined {
    const k = key("onPrem");
    const o = r.obj(k, v, keysOf(HUB_SCHEMA, "onPrem"));
    if (!o) return undefined;
    const cidrList = o.cidrs === undefined ? r.fail(`${k}.cidrs`, "is required: the on-premises networks") : r.list(`${k}.cidrs`, o.cidrs, 1);
    const cidrs = cidrList?.map((c, i) => r.cidr(`${k}.cidrs[${i}]`, c));
    const dnsList = o.dnsServerCidrs === undefined ? undefined : r.list(`${k}.dnsServerCidrs`, o.dnsServerCidrs, 1);
    const dnsServerCidrs = dnsList?.map((c, i) => r.cidr(`${k}.dnsServerCidrs[${i}]`, c));
    if (o.vpnGatewayId !== undefined && o.customerGateway !== undefined) {
        r.fail(k, "give either vpnGatewayId (an existing VPN) or customerGateway (a new one), not both");
    }
    if (o.vpnGatewayId === undefined && o.customerGateway === undefined) {
        r.fail(k, "needs vpnGatewayId (an existing virtual private gateway on the hub VPC) or customerGateway: { ip, bgpAsn }");
    }
    const vpnGatewayId = o.vpnGatewayId === undefined ? undefined : r.str(`${k}.vpnGatewayId`, o.vpnGatewayId, id("vgw"), "a virtual private gateway id (vgw-...)");
    let customerGateway: OnPrem["customerGateway"];
    if (o.customerGateway !== undefined) {
        const cg = r.obj(`${k}.customerGateway`, o.customerGateway, keysOf(HUB_SCHEMA, "onPrem", "customerGateway"));
        if (cg) {
            const ip = r.str(`${k}.customerGateway.ip`, cg.ip);
            if (ip !== undefined && !isIpv4(ip)) r.fail(`${k}.customerGateway.ip`, `"${ip}" is not an IPv4 address`);
            const bgpAsn = cg.bgpAsn === undefined ? 65000 : r.int(`${k}.customerGateway.bgpAsn`, cg.bgpAsn, 1, 4294967294);
            if (ip && isIpv4(ip) && bgpAsn) customerGateway = { ip, bgpAsn };
        }
    }
    let resolverAddresses: OnPrem["resolverAddresses"];
    if (o.resolverAddresses !== undefined) {
        const l = r.list(`${k}.resolverAddresses`, o.resolverAddresses, 2);
        if (l && l.length > HARD_LIMITS.resolverIpsPerEndpoint) {
            r.fail(`${k}.resolverAddresses`, `a Resolver endpoint holds at most ${HARD_LIMITS.resolverIpsPerEndpoint} addresses, got ${l.length}`);
        }
        const out = l?.map((a, i) => {
            const ao = r.obj(`${k}.resolverAddresses[${i}]`, a, keysOf(HUB_SCHEMA, "onPrem", "resolverAddresses"));
            if (!ao) return undefined;
            const subnetId = r.str(`${k}.resolverAddresses[${i}].subnetId`, ao.subnetId, id("subnet"), "a subnet id (subnet-...)");
            const ip = r.str(`${k}.resolverAddresses[${i}].ip`, ao.ip);
            if (ip !== undefined && !isIpv4(ip)) return r.fail(`${k}.resolverAddresses[${i}].ip`, `"${ip}" is not an IPv4 address`);
            return subnetId && ip ? { subnetId, ip } : undefined;
        });
        if (out && out.every(Boolean)) {
            resolverAddresses = out as { subnetId: string; ip: string }[];
            if (new Set(resolverAddresses.map(a => a.subnetId)).size < 2) {
                r.fail(`${k}.resolverAddresses`, "all addresses are in one subnet: the Resolver needs addresses in at least 2 AZs");
            }
        }
    }
    if (!cidrs || cidrs.some(c => c === undefined) || (dnsServerCidrs && dnsServerCidrs.some(c => c === undefined))) return undefined;
    // The hub routes only `cidrs` back over the VPN: a DNS server elsewhere would send queries
    // the Resolver cannot answer back to.
    dnsServerCidrs?.forEach((c, i) => {
        if (!cidrs.some(o => within(c!, o!))) {
            r.fail(`${k}.dnsServerCidrs[${i}]`, `${c} is not within ${k}.cidrs (${cidrs.join(", ")}): the hub routes only those networks back over the VPN, so the Resolver's answers would not reach this DNS server`);
        }
    });
    const tracking = o.resolverConnectionTracking === undefined ? "tracked"
        : o.resolverConnectionTracking === "tracked" || o.resolverConnectionTracking === "untracked" ? o.resolverConnectionTracking as ConnectionTracking
            : r.fail(`${k}.resolverConnectionTracking`, `must be tracked (default: the on-prem DNS servers only, as low as about 1,500 queries/s per address) or untracked (AWS's rules for high query rates: 53 open to 0.0.0.0/0), got ${typeName(o.resolverConnectionTracking)}`);
    if (!tracking) return undefined;
    return {
        cidrs: cidrs as string[], vpnGatewayId, customerGateway, resolverAddresses,
        dnsServerCidrs: (dnsServerCidrs ?? cidrs) as string[],
        resolverConnectionTracking: tracking,
    };
}

function readQuotas(r: Reader, v: unknown): Quotas {
    if (v === undefined) return DEFAULT_QUOTAS;
    const known = keysOf(HUB_SCHEMA, "quotas");
    const o = r.obj(key("quotas"), v, known);
    if (!o) return DEFAULT_QUOTAS;
    const out: Record<string, number> = { ...DEFAULT_QUOTAS };
    for (const q of known) {
        if (o[q] === undefined) continue;
        const n = r.int(`${key("quotas")}.${q}`, o[q], 1, 1_000_000);
        if (n !== undefined) out[q] = n;
    }
    if (out.peeringsPerVpc > HARD_LIMITS.peeringsPerVpc) {
        r.fail(`${key("quotas")}.peeringsPerVpc`, `AWS allows at most ${HARD_LIMITS.peeringsPerVpc} active peerings per VPC`);
    }
    return out as unknown as Quotas;
}

const DEFAULT_COST: CostOptions = { gbPerMonthPerSpoke: 0, onPremGbPerMonth: 0, onPremMillionQueriesPerMonth: 0, prices: {} };

function readCost(r: Reader, v: unknown): CostOptions {
    if (v === undefined) return DEFAULT_COST;
    const k = key("cost");
    const o = r.obj(k, v, keysOf(HUB_SCHEMA, "cost"));
    if (!o) return DEFAULT_COST;
    const num = (name: keyof CostOptions) => o[name] === undefined ? 0 : r.num(`${k}.${name}`, o[name]) ?? 0;
    const prices: Partial<Record<PriceKey, number>> = {};
    if (o.prices !== undefined) {
        const p = r.obj(`${k}.prices`, o.prices, keysOf(HUB_SCHEMA, "cost", "prices"));
        for (const pk of PRICE_KEYS) {
            if (p && p[pk] !== undefined) {
                const n = r.num(`${k}.prices.${pk}`, p[pk]);
                if (n !== undefined) prices[pk] = n;
            }
        }
    }
    return {
        gbPerMonthPerSpoke: num("gbPerMonthPerSpoke"), onPremGbPerMonth: num("onPremGbPerMonth"),
        onPremMillionQueriesPerMonth: num("onPremMillionQueriesPerMonth"), prices,
    };
}

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

function readPrefixLists(r: Reader, v: unknown): PrefixLists {
    if (v === undefined) return NO_PREFIX_LISTS;
    const k = key("prefixLists");
    const o = r.obj(k, v, keysOf(HUB_SCHEMA, "prefixLists"));
    if (!o) return NO_PREFIX_LISTS;
    const flag = (name: "sources" | "transitGatewayRoutes") => o[name] === undefined ? false : r.bool(`${k}.${name}`, o[name]) ?? false;
    const maxEntries = o.maxEntries === undefined ? undefined : r.int(`${k}.maxEntries`, o.maxEntries, 1, MAX_PREFIX_LIST_ENTRIES);
    return { sources: flag("sources"), transitGatewayRoutes: flag("transitGatewayRoutes"), ...(maxEntries === undefined ? {} : { maxEntries }) };
}

function readHub(r: Reader, raw: Record<string, unknown>, region: string | undefined, accountId: string | undefined): HubConfig | undefined {
    const quotas = readQuotas(r, raw.quotas);
    const vpc = readVpc(r, raw.vpc, true);
    const services = readServices(r, raw.services, region, quotas.endpointsPerVpc);
    const spokes = readSpokes(r, raw.spokes);
    const onPrem = raw.onPrem === undefined ? undefined : readOnPrem(r, raw.onPrem);
    const organizationId = raw.organizationId === undefined ? undefined
        : r.str(key("organizationId"), raw.organizationId, /^o-[a-z0-9]{10,32}$/, "an AWS Organizations id (o-...)");
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
    const prefixLists = readPrefixLists(r, raw.prefixLists);

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
                `(set ${key("dns")}.sharing: profile, where each spoke VPC is associated once with a Route 53 Profile, up to ${quotas.vpcsPerProfile} VPCs; ` +
                `or raise "VPCs that you can associate with a private hosted zone", then set ${key("quotas")}.vpcsPerZone)`);
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
    if (!organizationId && services) {
        services.forEach(s => {
            if (s.policyStatements) {
                const at = (Array.isArray(raw.services) ? raw.services : []).findIndex((e: any) => e?.name === s.name);
                r.fail(`${key("services")}[${at}].policyStatements`, `amends the organization's endpoint policy, which exists only with ${key("organizationId")}: set it, or give a whole \`policy\``);
            }
        });
    }
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
    const dual = readHubDualStack(raw);
    for (const p of dual.problems) r.fail(p.key, p.message);
    if (!vpc || !services || !spokes || (raw.onPrem !== undefined && !onPrem) || protect === undefined || !region || !dual.value) return undefined;
    const ds = dual.value;
    const dualstack = ds.ipAddressType === "dualstack";
    return {
        role: "hub", stack: r.stack, region, accountId,
        vpc: ds.vpcIpv6Cidr && vpc.kind === "existing" ? { ...vpc, ipv6Cidr: ds.vpcIpv6Cidr } : vpc,
        services: dualstack ? services.map(s => withDualStackZones(s, region)) : services,
        spokes: spokes.map((s, i) => ds.spokeIpv6Cidrs[i] ? { ...s, ipv6Cidrs: ds.spokeIpv6Cidrs[i] } : s),
        onPrem: onPrem && ds.onPremIpv6Cidrs ? { ...onPrem, ipv6Cidrs: ds.onPremIpv6Cidrs } : onPrem,
        organizationId, transitGatewayId, transitGatewaySharedWith, protect, ipAddressType: ds.ipAddressType, quotas, prefixLists, cost, dns,
    };
}

function readSpoke(r: Reader, raw: Record<string, unknown>, region: string | undefined, accountId: string | undefined): SpokeConfig | undefined {
    const hubStack = raw.hubStack === undefined
        ? r.fail(key("hubStack"), "is required: the hub's stack as org/project/stack, e.g. acme/vpce-hub/shared")
        : r.str(key("hubStack"), raw.hubStack, /^([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+\/)?[A-Za-z0-9_.-]+$/, "a stack reference such as acme/vpce-hub/shared");
    const vpc = readVpc(r, raw.vpc, false) as ExistingVpc | undefined;
    const acceptRamShare = raw.acceptRamShare === undefined ? false : r.bool(key("acceptRamShare"), raw.acceptRamShare);
    const ipv6 = readSpokeIpv6Cidr(raw);
    for (const p of ipv6.problems) r.fail(p.key, p.message);
    if (!hubStack || !vpc || acceptRamShare === undefined || !region || ipv6.problems.length) return undefined;
    return { role: "spoke", stack: r.stack, region, accountId, hubStack, vpc: ipv6.value ? { ...vpc, ipv6Cidr: ipv6.value } : vpc, acceptRamShare };
}

/**
 * Validates one stack's configuration. `raw` maps full keys (`vpce-hub:vpc`, `aws:region`)
 * to values, either typed (from YAML) or as Pulumi passes them (JSON text).
 */
export function parseStackConfig(stack: string, raw: Record<string, unknown>): { config?: StackConfig; errors: ConfigError[] } {
    const r = new Reader(stack);
    const own: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw)) {
        if (k.startsWith(`${NS}:`)) { own[k.slice(NS.length + 1)] = decode(v); continue; }
        // Other namespaces belong to providers (aws:profile, ...) and are not ours to check,
        // except a missing namespace or a misspelt one: those keys would be silently ignored.
        const colon = k.indexOf(":");
        if (colon < 0) {
            r.fail(k, `has no namespace: write ${key(k)}`);
        } else if (k.slice(0, colon) !== NS && editDistance(k.slice(0, colon).toLowerCase(), NS) <= 2) {
            r.fail(k, `unknown namespace "${k.slice(0, colon)}": write ${key(k.slice(colon + 1))}`);
        }
    }
    const regionLike = Object.keys(raw).filter(k => k.startsWith("aws:") && k !== "aws:region" && editDistance(k.toLowerCase(), "aws:region") <= 2);
    const region = raw["aws:region"] === undefined
        ? r.fail("aws:region", `is required, e.g. ap-northeast-1${regionLike.length ? ` (found ${regionLike.join(", ")}: did you mean aws:region?)` : ""}`)
        : r.str("aws:region", decode(raw["aws:region"]), REGION, "an AWS region such as ap-northeast-1");
    const role = own.role;
    if (role !== "hub" && role !== "spoke") {
        r.fail(key("role"), role === undefined ? "is required: hub or spoke" : `must be hub or spoke, got ${typeName(role)}`);
        return { errors: r.errors };
    }
    const known = role === "hub" ? HUB_KEYS : SPOKE_KEYS;
    for (const k of Object.keys(own)) {
        if (!known.includes(k)) r.fail(key(k), `unknown key for a ${role} stack${suggestion(k, known)}`);
    }
    const accountId = own.accountId === undefined ? undefined : r.account(key("accountId"), own.accountId);
    const config = role === "hub" ? readHub(r, own, region, accountId) : readSpoke(r, own, region, accountId);
    return r.errors.length ? { errors: r.errors } : { config, errors: [] };
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

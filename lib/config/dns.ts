// `vpce-hub:dns`: how the hub shares its DNS with spokes. Pure: no Pulumi import. Kept out of
// lib/config/index.ts (already long); config.ts calls readDnsMode and stores the result on HubConfig.
//
// - sharing: associations (default) — every spoke VPC is associated with every hub zone, the
//   hub authorizing each (zone, cross-account VPC) pair; or profile — one Route 53 Profile holds
//   the hub's DNS, shared by RAM, and each spoke VPC is associated with the profile once.
// - records: zones (default) — the hub's private hosted zones from the catalog, alias records
//   to the endpoint; or endpoint (profile only) — the endpoints' own private DNS, put in the
//   profile, with hub zones kept only where an endpoint has no private DNS for the name.
// - migration (optional, profile + endpoint only): one of the intermediate hub states of the
//   zones -> endpoint migration (docs/migration.md); unset in the steady state.
import { HUB_SCHEMA, SPOKE_SCHEMA, keysOf } from "./schema";

export type DnsSharing = "associations" | "profile";
export type DnsRecords = "zones" | "endpoint";

/**
 * The two intermediate hub states of zones -> endpoint (docs/migration.md):
 * - park-zones: the hub VPC joins the profile and the zones move onto a parking VPC, so the
 *   hub VPC sees them only through the profile and its endpoints may turn private DNS on;
 * - enable-private-dns: the endpoints turn private DNS on and join the profile; the zones stay
 *   until the next step deletes them.
 */
export const MIGRATION_STEPS = ["park-zones", "enable-private-dns"] as const;
export type MigrationStep = typeof MIGRATION_STEPS[number];

export interface DnsMode {
    readonly sharing: DnsSharing;
    readonly records: DnsRecords;
    readonly migration?: MigrationStep;
}

export const DEFAULT_DNS: DnsMode = { sharing: "associations", records: "zones" };

const KEY = "vpce-hub:dns";

function show(v: unknown): string {
    return typeof v === "string" ? `"${v}"` : JSON.stringify(v) ?? String(v);
}

/**
 * Reads `vpce-hub:dns` (already decoded from Pulumi's JSON text). `fail(key, message)` collects
 * each problem; the result is the mode to use (the defaults where a value was wrong).
 */
export function readDnsMode(v: unknown, fail: (key: string, message: string) => void): DnsMode {
    if (v === undefined) return DEFAULT_DNS;
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
        fail(KEY, `must be an object { sharing, records }, got ${show(v)}`);
        return DEFAULT_DNS;
    }
    const o = v as Record<string, unknown>;
    // The known keys come from the one description of the config (lib/config/schema.ts).
    const known = keysOf(HUB_SCHEMA, "dns");
    for (const k of Object.keys(o)) {
        if (!known.includes(k)) fail(`${KEY}.${k}`, `unknown key (known keys: ${known.join(", ")})`);
    }
    let sharing: DnsSharing = "associations";
    if (o.sharing !== undefined) {
        if (o.sharing === "associations" || o.sharing === "profile") sharing = o.sharing;
        else fail(`${KEY}.sharing`, `must be associations (a zone association per spoke VPC and zone) or profile (one Route 53 Profile association per spoke VPC), got ${show(o.sharing)}`);
    }
    let records: DnsRecords = "zones";
    if (o.records !== undefined) {
        if (o.records === "zones" || o.records === "endpoint") records = o.records;
        else fail(`${KEY}.records`, `must be zones (the hub's private hosted zones) or endpoint (the endpoints' own private DNS), got ${show(o.records)}`);
    }
    if (records === "endpoint" && sharing !== "profile") {
        fail(`${KEY}.records`, "endpoint needs sharing: profile: an endpoint's private DNS reaches other VPCs only through a Route 53 Profile (set vpce-hub:dns.sharing: profile)");
    }
    let migration: MigrationStep | undefined;
    if (o.migration !== undefined) {
        if (MIGRATION_STEPS.includes(o.migration as MigrationStep)) migration = o.migration as MigrationStep;
        else fail(`${KEY}.migration`, `must be one of ${MIGRATION_STEPS.join(", ")} (the intermediate steps of docs/migration.md), got ${show(o.migration)}`);
        if (migration && (sharing !== "profile" || records !== "endpoint")) {
            fail(`${KEY}.migration`, "is a step of the zones -> endpoint migration: it needs sharing: profile and records: endpoint");
        }
    }
    return migration ? { sharing, records, migration } : { sharing, records };
}

/** A member's pin (lib/config/model.ts SpokeConfig.dns). */
export interface SpokeDns {
    readonly sharing: DnsSharing;
}

/**
 * Reads a member's `vpce-hub:dns` ({ sharing }): the sharing it is on while the hub migrates.
 * Absent: undefined (the member follows the hub). A wrong value is reported and ignored.
 */
export function readSpokeDns(v: unknown, fail: (key: string, message: string) => void): SpokeDns | undefined {
    if (v === undefined) return undefined;
    if (typeof v !== "object" || v === null || Array.isArray(v)) {
        fail(KEY, `must be an object { sharing: associations | profile }, got ${show(v)}`);
        return undefined;
    }
    const o = v as Record<string, unknown>;
    const known = keysOf(SPOKE_SCHEMA, "dns");
    for (const k of Object.keys(o)) {
        if (!known.includes(k)) fail(`${KEY}.${k}`, `unknown key for a member (known keys: ${known.join(", ")}; records and migration are the hub's)`);
    }
    if (o.sharing === "associations" || o.sharing === "profile") return { sharing: o.sharing };
    fail(`${KEY}.sharing`, `must be associations (this member keeps its zone associations) or profile (it is on the hub's Route 53 Profile), got ${show(o.sharing)}`);
    return undefined;
}

/**
 * The names the hub answers for on-prem (the forwarders' zones), in every mode: each service's
 * zone names. With records: endpoint most of them are the endpoints' own private DNS names,
 * which answer in the hub VPC like a zone does, so on-prem forwards them just the same.
 */
export function answeredNames(services: readonly { readonly zones: readonly { readonly name: string }[] }[]): string[] {
    return [...new Set(services.flatMap(s => s.zones.map(z => z.name)))];
}

// Price tables for the cost estimate. Pure: no Pulumi import. The figures live in
// data/prices/<region>.json (data, not code) with the page each comes from and when it was
// read, so a reader of the plan can tell a checked price from a copied one. Users override
// single prices with `vpce-hub:cost.prices.<key>` (validated in config.ts).
import * as fs from "fs";
import * as path from "path";
import { PRICE_KEYS, PriceKey } from "../config";

/** One price with its provenance. */
export interface Price {
    readonly usd: number;
    /** What one unit is, e.g. "per interface endpoint per AZ-hour". */
    readonly unit: string;
    /** The AWS pricing page the figure belongs to (or "vpce-hub:cost.prices.<key>" when overridden). */
    readonly source: string;
    /** When the figure was read, and by whom or from what. */
    readonly date: string;
    /** True while nobody has confirmed the figure against the pricing page. */
    readonly verify: boolean;
    /** Set when the user overrode the table: the table's figure, kept for the report. */
    readonly overridden?: { readonly tableUsd: number; readonly tableSource: string };
}

export interface PriceTable {
    readonly region: string;
    readonly currency: "USD";
    /** Hours in a billing month (AWS's own calculator uses 730). */
    readonly hoursPerMonth: number;
    readonly prices: Readonly<Record<PriceKey, Price>>;
    /** The file the table came from. */
    readonly file: string;
}

/**
 * Where the tables live. `lib/` under ts-node and `bin-out/lib/` when compiled are both
 * covered, so neither `pulumi up` nor the plan depends on the working directory.
 */
function defaultDir(): string {
    const candidates = [path.join(__dirname, "..", "data", "prices"), path.join(__dirname, "..", "..", "data", "prices")];
    return candidates.find(d => fs.existsSync(d)) ?? candidates[0];
}

/** The regions that have a price table in `dir`. */
export function availableRegions(dir: string = defaultDir()): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir).filter(f => f.endsWith(".json")).map(f => f.slice(0, -".json".length)).sort();
}

function parseTable(file: string, raw: unknown, region: string): PriceTable {
    const fail = (where: string, what: string): never => {
        throw new Error(`price table ${file}: ${where}: ${what}`);
    };
    if (typeof raw !== "object" || raw === null) return fail("(top)", "must be a JSON object");
    const o = raw as Record<string, any>;
    if (o.region !== region) fail("region", `says ${JSON.stringify(o.region)}, but the file is for ${region}`);
    if (o.currency !== "USD") fail("currency", `must be "USD", got ${JSON.stringify(o.currency)}`);
    const hoursPerMonth = o.hoursPerMonth ?? 730;
    if (typeof hoursPerMonth !== "number" || !(hoursPerMonth > 0)) fail("hoursPerMonth", "must be a number > 0");
    if (typeof o.prices !== "object" || o.prices === null) fail("prices", "is required");
    const prices = {} as Record<PriceKey, Price>;
    for (const k of PRICE_KEYS) {
        const p = o.prices[k];
        if (p === undefined) fail(`prices.${k}`, "is missing: every price key needs a figure");
        if (typeof p.usd !== "number" || !isFinite(p.usd) || p.usd < 0) fail(`prices.${k}.usd`, "must be a number >= 0");
        for (const f of ["unit", "source", "date"]) {
            if (typeof p[f] !== "string" || p[f] === "") fail(`prices.${k}.${f}`, "must be a non-empty string");
        }
        prices[k] = { usd: p.usd, unit: p.unit, source: p.source, date: p.date, verify: p.verify !== false };
    }
    for (const k of Object.keys(o.prices)) {
        if (!(PRICE_KEYS as readonly string[]).includes(k)) fail(`prices.${k}`, `unknown price key (known: ${PRICE_KEYS.join(", ")})`);
    }
    return { region, currency: "USD", hoursPerMonth, prices, file };
}

/**
 * Reads the price table of `region` and applies the user's overrides
 * (`vpce-hub:cost.prices`). Throws a sentence naming the region and the regions that do
 * have a table when there is none.
 */
export function loadPrices(region: string, overrides: Partial<Record<PriceKey, number>> = {}, dir: string = defaultDir()): PriceTable {
    const file = path.join(dir, `${region}.json`);
    if (!/^[a-z0-9-]+$/.test(region) || !fs.existsSync(file)) {
        // A region without a table still works when the user priced everything.
        if (PRICE_KEYS.every(k => overrides[k] !== undefined)) return fromOverrides(region, overrides as Record<PriceKey, number>);
        const have = availableRegions(dir);
        throw new Error(`no price table for region ${region}: add data/prices/${region}.json ` +
            `(tables exist for: ${have.length ? have.join(", ") : "none"}), ` +
            `or set every price in vpce-hub:cost.prices`);
    }
    let raw: unknown;
    try {
        raw = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new Error(`price table ${file}: not valid JSON: ${(e as Error).message}`);
    }
    // Name the shipped tables by their place in the repository, not this machine's path.
    const shown = path.resolve(dir) === path.resolve(defaultDir()) ? `data/prices/${region}.json` : file;
    const table = parseTable(shown, raw, region);
    return applyOverrides(table, overrides);
}

/** The table with the user's figures in place of the listed ones. */
export function applyOverrides(table: PriceTable, overrides: Partial<Record<PriceKey, number>>): PriceTable {
    const prices = { ...table.prices } as Record<PriceKey, Price>;
    for (const [k, usd] of Object.entries(overrides)) {
        if (usd === undefined) continue;
        if (!(PRICE_KEYS as readonly string[]).includes(k)) {
            throw new Error(`vpce-hub:cost.prices.${k}: unknown price key (known: ${PRICE_KEYS.join(", ")})`);
        }
        if (typeof usd !== "number" || !isFinite(usd) || usd < 0) {
            throw new Error(`vpce-hub:cost.prices.${k}: must be a number >= 0, got ${String(usd)}`);
        }
        const was = table.prices[k as PriceKey];
        prices[k as PriceKey] = {
            usd, unit: was.unit, source: `vpce-hub:cost.prices.${k}`, date: "stack configuration", verify: false,
            overridden: { tableUsd: was.usd, tableSource: was.source },
        };
    }
    return { ...table, prices };
}

/** Units for a table made only of overrides (the JSON tables spell out their own). */
const UNITS: Readonly<Record<PriceKey, string>> = {
    endpointAzHour: "per interface endpoint per AZ-hour",
    endpointPerGb: "per GB processed by interface endpoints",
    transitGatewayAttachmentHour: "per Transit Gateway attachment-hour",
    transitGatewayPerGb: "per GB processed by the Transit Gateway",
    peeringCrossAzPerGb: "per GB crossing AZs over VPC peering, each direction",
    resolverEniHour: "per Resolver endpoint IP address (ENI) per hour",
    resolverPerMillionQueries: "per million queries through Resolver endpoints",
    hostedZoneMonthFirst25: "per hosted zone per month, first 25 zones of the account",
    hostedZoneMonthAfter25: "per hosted zone per month, zones beyond the first 25 of the account",
    profileRegionHour: "per Route 53 Profile account and Region per hour, covering the first 100 profile-VPC associations",
    profileAssociationHour: "per profile-VPC association per hour beyond the first 100",
};

function fromOverrides(region: string, usd: Record<PriceKey, number>): PriceTable {
    const prices = {} as Record<PriceKey, Price>;
    for (const k of PRICE_KEYS) {
        const v = usd[k];
        if (typeof v !== "number" || !isFinite(v) || v < 0) {
            throw new Error(`vpce-hub:cost.prices.${k}: must be a number >= 0, got ${String(v)}`);
        }
        prices[k] = { usd: v, unit: UNITS[k], source: `vpce-hub:cost.prices.${k}`, date: "stack configuration", verify: false };
    }
    return { region, currency: "USD", hoursPerMonth: 730, prices, file: "(vpce-hub:cost.prices)" };
}

// `vpce-hub:quotas` and `vpce-hub:cost`: the AWS quotas the plan checks against and the
// traffic and prices it estimates cost with. Pure: no Pulumi import.
import { HUB_SCHEMA, PRICE_KEYS, keysOf } from "./schema";
import { CostOptions, DEFAULT_COST, DEFAULT_QUOTAS, HARD_LIMITS, PriceKey, Quotas } from "./model";
import { Reader, key } from "./reader";

export function readQuotas(r: Reader, v: unknown): Quotas {
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

export function readCost(r: Reader, v: unknown): CostOptions {
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

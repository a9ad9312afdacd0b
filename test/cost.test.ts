// The cost model against figures worked out by hand. Every expected number below is a
// literal with its arithmetic in a comment: none comes from the code under test.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PRICE_KEYS, CostOptions } from "../lib/config";
import { CostReport, breakEven, estimateCost, formatCostReport } from "../lib/cost";
import { PriceTable, loadPrices, applyOverrides, availableRegions } from "../lib/prices";
import { NO_COST, REGION, type SpokeSpec, plan } from "./fixtures/plans";

/** The figures of shared/notes/aws.md (ap-northeast-1), fixed here so a change of the data file cannot move these tests. */
const NOTES_PRICES: PriceTable = {
    region: REGION, currency: "USD", hoursPerMonth: 730, file: "(test)",
    prices: Object.fromEntries(Object.entries({
        endpointAzHour: 0.014, endpointPerGb: 0.01, transitGatewayAttachmentHour: 0.07, transitGatewayPerGb: 0.02,
        peeringCrossAzPerGb: 0.01, resolverEniHour: 0.125, resolverPerMillionQueries: 0.4,
        hostedZoneMonthFirst25: 0.5, hostedZoneMonthAfter25: 0.1, profileRegionHour: 0.75, profileAssociationHour: 0.0014,
    }).map(([k, usd]) => [k, { usd, unit: k, source: "test", date: "test", verify: false }])) as PriceTable["prices"],
};

const near = (actual: number, expected: number, what: string) =>
    assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: expected ${expected}, got ${actual}`);

function item(side: CostReport["centralized"], pattern: RegExp) {
    const found = side.items.filter(i => pattern.test(i.what));
    assert.strictEqual(found.length, 1, `one item matching ${pattern}, got: ${side.items.map(i => i.what).join(" | ")}`);
    return found[0];
}

const peering = (name: string, azs = 2): SpokeSpec => ({ name, connectivity: "peering", azs });
const tgw = (name: string, azs = 2): SpokeSpec => ({ name, connectivity: "transitGateway", azs });

// ---------------------------------------------------------------------------------------

describe("cost model (lib/cost.ts)", () => {
    it("prices hub endpoints per endpoint per AZ-hour, and zones per month, for a peering hub", () => {
        const r = estimateCost(plan({ services: 3, azs: 2, spokes: [peering("a"), peering("b")] }), NOTES_PRICES, NO_COST);
        // 3 endpoints x 2 AZ x 730 h x 0.014 = 61.32
        near(item(r.centralized, /interface endpoints in the hub VPC/).monthlyUsd, 61.32, "hub endpoints");
        assert.strictEqual(item(r.centralized, /interface endpoints in the hub VPC/).quantity, 4380); // 3 x 2 x 730
        // 3 zones x 0.50 = 1.50
        near(item(r.centralized, /private hosted zones, the first 25/).monthlyUsd, 1.5, "zones");
        // 61.32 + 1.50 = 62.82 (peering has no hourly charge; no traffic given)
        near(r.centralized.monthlyUsd, 62.82, "centralized total");
        // baseline: 3 services x (2 + 2) spoke AZs x 730 h x 0.014 = 122.64
        near(r.decentralized.monthlyUsd, 122.64, "decentralized total");
        // 122.64 - 62.82 = 59.82
        near(r.savingUsd, 59.82, "saving");
        assert.strictEqual(r.currency, "USD");
        assert.strictEqual(r.region, REGION);
    });

    it("finds the break-even number of spokes for a peering hub (hand-derived: 2)", () => {
        const r = estimateCost(plan({ services: 3, azs: 2, spokes: [peering("a"), peering("b")] }), NOTES_PRICES, NO_COST);
        // hub fixed 62.82, +0 per spoke; baseline 0 fixed, +61.32 per spoke (3 x 2 x 730 x 0.014)
        // n = 1: 62.82 > 61.32; n = 2: 62.82 <= 122.64  => 2
        assert.strictEqual(r.breakEvenSpokes, 2);
    });

    it("charges Transit Gateway attachment-hours for the hub's attachment and each spoke's, and finds break-even at 12", () => {
        const r = estimateCost(plan({ services: 3, azs: 2, spokes: [tgw("a"), tgw("b")] }), NOTES_PRICES, NO_COST);
        // hub: 1 x 730 x 0.07 = 51.10; spokes: 2 x 730 x 0.07 = 102.20
        near(item(r.centralized, /attachment of the hub VPC/).monthlyUsd, 51.1, "hub attachment");
        near(item(r.centralized, /attachments of spoke VPCs/).monthlyUsd, 102.2, "spoke attachments");
        // 61.32 + 1.50 + 51.10 + 102.20 = 216.12
        near(r.centralized.monthlyUsd, 216.12, "centralized total");
        // 122.64 - 216.12 = -93.48: two TGW spokes do not pay for a hub
        near(r.savingUsd, -93.48, "saving");
        // fixed: 61.32 + 1.50 + 51.10 = 113.92, +51.10 per spoke; baseline +61.32 per spoke
        // 113.92 / (61.32 - 51.10) = 11.15 => 12.  n = 11: 676.02 > 674.52; n = 12: 727.12 <= 735.84
        assert.strictEqual(r.breakEvenSpokes, 12);
    });

    it("adds data processing, peering cross-AZ transfer and Resolver costs, and keeps the hub's on-prem pieces in the baseline", () => {
        const options: CostOptions = { gbPerMonthPerSpoke: 100, onPremGbPerMonth: 50, onPremMillionQueriesPerMonth: 3, prices: {} };
        const r = estimateCost(plan({ services: 2, azs: 3, resolverIps: 2, onPrem: true, spokes: [tgw("t", 3), peering("p", 2)] }), NOTES_PRICES, options);
        const c = r.centralized;
        near(item(c, /interface endpoints in the hub VPC/).monthlyUsd, 61.32, "endpoints");          // 2 x 3 x 730 x 0.014
        near(item(c, /Resolver inbound endpoint/).monthlyUsd, 182.5, "resolver ENIs");                // 2 x 730 x 0.125
        near(item(c, /private hosted zones/).monthlyUsd, 1, "zones");                                  // 2 x 0.50
        near(item(c, /attachment of the hub VPC/).monthlyUsd, 51.1, "hub attachment");                // 730 x 0.07
        near(item(c, /attachments of spoke VPCs/).monthlyUsd, 51.1, "spoke attachment");              // 730 x 0.07
        near(item(c, /endpoints for spokes/).monthlyUsd, 2, "spoke data");                             // 2 spokes x 100 GB x 0.01
        near(item(c, /endpoints for on-prem/).monthlyUsd, 0.5, "on-prem data");                        // 50 GB x 0.01
        near(item(c, /processed by the Transit Gateway/).monthlyUsd, 2, "TGW data");                   // 100 GB x 0.02
        const x = item(c, /cross-AZ transfer over VPC peering/);
        // 100 GB x 50% crossing x 2 directions = 100 GB billed x 0.01 = 1.00
        assert.strictEqual(x.quantity, 100);
        near(x.monthlyUsd, 1, "peering cross-AZ");
        assert.match(x.what, /50% crosses AZs/);
        assert.match(x.what, /both directions/);
        near(item(c, /Resolver queries/).monthlyUsd, 1.2, "queries");                                  // 3 x 0.40
        // 61.32 + 182.50 + 1.00 + 51.10 + 51.10 + 2.00 + 0.50 + 2.00 + 1.00 + 1.20 = 353.72
        near(c.monthlyUsd, 353.72, "centralized total");

        const d = r.decentralized;
        near(item(d, /in each spoke VPC/).monthlyUsd, 102.2, "spoke endpoints");                       // 2 services x (3 + 2) AZ x 730 x 0.014
        near(item(d, /kept in the hub VPC for on-prem/).monthlyUsd, 61.32, "hub endpoints kept");
        near(item(d, /Resolver inbound endpoint kept/).monthlyUsd, 182.5, "resolver kept");
        assert.ok(!d.items.some(i => /hosted zone/.test(i.what)), "the baseline needs no zones");
        assert.ok(!d.items.some(i => /Transit Gateway|peering/.test(i.what)), "the baseline needs no TGW or peering");
        // 102.20 + 61.32 + 182.50 + 2.00 + 0.50 + 1.20 = 349.72
        near(d.monthlyUsd, 349.72, "decentralized total");
        near(r.savingUsd, -4, "saving");                                                                // 349.72 - 353.72
        // fixed C = 61.32 + 182.50 + 1.00 + 51.10 + 0.50 + 1.20 = 297.62, per spoke (51.10 + 2.00 + 2.00 + 1.00) / 2 = 28.05
        // fixed D = 61.32 + 182.50 + 0.50 + 1.20 = 245.52,                per spoke (102.20 + 2.00) / 2 = 52.10
        // (297.62 - 245.52) / (52.10 - 28.05) = 2.17 => 3.  n = 2: 353.72 > 349.72; n = 3: 381.77 <= 401.82
        assert.strictEqual(r.breakEvenSpokes, 3);
    });

    it("leaves the hub's endpoints and Resolver out of the baseline when the hub has no onPrem", () => {
        const r = estimateCost(plan({ services: 1, azs: 2, spokes: [peering("a")] }), NOTES_PRICES, NO_COST);
        assert.deepStrictEqual(r.decentralized.items.map(i => i.what).filter(w => /hub VPC|Resolver/.test(w)), []);
        near(r.decentralized.monthlyUsd, 20.44, "baseline"); // 1 service x 2 AZ x 730 x 0.014
    });

    it("prices zones beyond the first 25 of an account at the lower rate", () => {
        const r = estimateCost(plan({ services: 30, azs: 2 }), NOTES_PRICES, NO_COST);
        const first = item(r.centralized, /^private hosted zones, the first 25/);
        const after = item(r.centralized, /beyond the first 25/);
        assert.strictEqual(first.quantity, 25);
        near(first.monthlyUsd, 12.5, "first 25");   // 25 x 0.50
        assert.strictEqual(after.quantity, 5);
        near(after.monthlyUsd, 0.5, "after 25");    // 5 x 0.10
    });

    it("prices a registry spoke without a stack in the plan at 2 AZs and one attachment, and says so", () => {
        const r = estimateCost(plan({ services: 1, azs: 2, spokes: [tgw("here", 3), { name: "away", connectivity: "transitGateway", inPlan: false }] }), NOTES_PRICES, NO_COST);
        const assumed = item(r.decentralized, /without a stack in the plan/);
        assert.match(assumed.what, /away/);
        assert.match(assumed.what, /2 AZs assumed/);
        near(assumed.monthlyUsd, 20.44, "assumed spoke");                                   // 1 x 2 x 730 x 0.014
        near(item(r.decentralized, /in each spoke VPC/).monthlyUsd, 30.66, "planned spoke"); // 1 x 3 x 730 x 0.014
        const att = item(r.centralized, /attachments of spoke VPCs/);
        assert.strictEqual(att.quantity, 1460);                                             // (1 planned + 1 assumed) x 730
        near(att.monthlyUsd, 102.2, "spoke attachments");                                   // 1460 x 0.07
        assert.match(att.what, /1 assumed/);
        assert.strictEqual(r.spokes, 2);
        assert.ok(r.notes.some(n => /away/.test(n)), "a note names the missing spoke");
    });

    it("ignores on-prem traffic figures with a note when the hub has no onPrem", () => {
        const r = estimateCost(plan({ services: 1, azs: 2, spokes: [peering("a")] }), NOTES_PRICES,
            { gbPerMonthPerSpoke: 0, onPremGbPerMonth: 500, onPremMillionQueriesPerMonth: 9, prices: {} });
        assert.ok(!r.centralized.items.some(i => /on-prem/.test(i.what)));
        assert.ok(r.notes.some(n => /no onPrem/.test(n)));
    });

    it("has no break-even point without spokes to take a mix from", () => {
        const r = estimateCost(plan({ services: 2, azs: 2 }), NOTES_PRICES, NO_COST);
        assert.strictEqual(r.breakEvenSpokes, null);
    });

    it("counts a floating-point tie as break-even and reports never when the hub costs more per spoke", () => {
        // 0.1 + 0.2 = 0.30000000000000004 fixed vs 3 x 0.1 = 0.30000000000000004: a tie at n = 3
        assert.strictEqual(breakEven({ fixed: 0.1 + 0.2, perSpoke: 0 }, { fixed: 0, perSpoke: 0.1 }), 3);
        assert.strictEqual(breakEven({ fixed: 10, perSpoke: 5 }, { fixed: 0, perSpoke: 5 }), null);
        assert.strictEqual(breakEven({ fixed: 0, perSpoke: 1 }, { fixed: 0, perSpoke: 2 }), 1);
    });

    it("refuses prices of another region than the hub's", () => {
        assert.throws(() => estimateCost(plan({ services: 1, azs: 2 }), { ...NOTES_PRICES, region: "us-east-1" }, NO_COST), /us-east-1.*ap-northeast-1/);
    });

    it("keeps full precision in numbers and rounds to cents only in the text", () => {
        const prices = applyOverrides(NOTES_PRICES, { endpointAzHour: 0.0141 });
        const r = estimateCost(plan({ services: 1, azs: 1 }), prices, NO_COST);
        // 1 x 1 x 730 x 0.0141 = 10.293 (kept), shown as $10.29
        near(item(r.centralized, /hub VPC/).monthlyUsd, 10.293, "unrounded");
        const text = formatCostReport(r).join("\n");
        assert.match(text, /\$10\.29 /);
        assert.match(text, /overridden in vpce-hub:cost\.prices: endpointAzHour/);
    });
});

describe("price tables (lib/prices.ts, data/prices)", () => {
    it("the ap-northeast-1 table carries the project notes' figures, each with a pricing page, a date and a verify flag", () => {
        const t = loadPrices(REGION);
        const expected: Record<string, number> = {
            endpointAzHour: 0.014, endpointPerGb: 0.01, transitGatewayAttachmentHour: 0.07, transitGatewayPerGb: 0.02,
            peeringCrossAzPerGb: 0.01, resolverEniHour: 0.125, resolverPerMillionQueries: 0.4,
            hostedZoneMonthFirst25: 0.5, hostedZoneMonthAfter25: 0.1, profileRegionHour: 0.75, profileAssociationHour: 0.0014,
        };
        assert.strictEqual(t.hoursPerMonth, 730);
        for (const k of PRICE_KEYS) {
            assert.strictEqual(t.prices[k].usd, expected[k], k);
            assert.match(t.prices[k].source, /^https:\/\/aws\.amazon\.com\//, `${k} source`);
            assert.match(t.prices[k].date, k.startsWith("profile") ? /2026-12/ : /2026-11/, `${k} date`);
            assert.strictEqual(t.prices[k].verify, true, `${k} is still to verify, as the notes say`);
        }
    });

    it("every table in data/prices has every price key", () => {
        const regions = availableRegions();
        assert.ok(regions.includes(REGION));
        for (const region of regions) {
            const t = loadPrices(region);
            for (const k of PRICE_KEYS) assert.ok(t.prices[k].usd >= 0, `${region} ${k}`);
        }
    });

    it("applies user overrides from vpce-hub:cost.prices and keeps the table's figure for the report", () => {
        const t = loadPrices(REGION, { endpointAzHour: 0.02 });
        assert.strictEqual(t.prices.endpointAzHour.usd, 0.02);
        assert.strictEqual(t.prices.endpointAzHour.source, "vpce-hub:cost.prices.endpointAzHour");
        assert.strictEqual(t.prices.endpointAzHour.overridden?.tableUsd, 0.014);
        assert.strictEqual(t.prices.endpointPerGb.usd, 0.01, "other prices untouched");
        const r = estimateCost(plan({ services: 3, azs: 2 }), t, NO_COST);
        near(item(r.centralized, /hub VPC/).monthlyUsd, 87.6, "overridden endpoint price"); // 3 x 2 x 730 x 0.02
    });

    it("names the missing region and lists the regions that have a table", () => {
        assert.throws(() => loadPrices("eu-south-9"), (e: Error) =>
            /eu-south-9/.test(e.message) && /ap-northeast-1/.test(e.message) && /us-east-1/.test(e.message));
    });

    it("prices a region without a table when the user set every price", () => {
        const all = Object.fromEntries(PRICE_KEYS.map(k => [k, 1]));
        const t = loadPrices("eu-south-9", all);
        assert.strictEqual(t.region, "eu-south-9");
        assert.strictEqual(t.prices.resolverEniHour.usd, 1);
    });

    it("rejects a negative override and a table missing a key, naming the key", () => {
        assert.throws(() => loadPrices(REGION, { endpointPerGb: -1 }), /cost\.prices\.endpointPerGb/);
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "prices-"));
        try {
            const t = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "data", "prices", `${REGION}.json`), "utf8"));
            delete t.prices.resolverEniHour;
            fs.writeFileSync(path.join(dir, `${REGION}.json`), JSON.stringify(t));
            assert.throws(() => loadPrices(REGION, {}, dir), /prices\.resolverEniHour: is missing/);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

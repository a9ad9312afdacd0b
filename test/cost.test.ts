// The cost model against figures worked out by hand. Every expected number below is a
// literal with its arithmetic in a comment: none comes from the code under test.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PRICE_KEYS, CostOptions } from "../lib/config";
import { CostReport, breakEven, estimateCost, formatCostReport } from "../lib/cost/estimate";
import { PriceTable, loadPrices, applyOverrides, availableRegions } from "../lib/cost/prices";
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

describe("cost model (lib/cost/estimate.ts)", () => {
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

describe("price tables (lib/cost/prices.ts, data/prices)", () => {
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

// ---------------------------------------------------------------------------------------
// Local helpers for the tests below: hand edits of the fixture plans.

type Stacks = ReturnType<typeof plan>;
const hubStack = (stacks: Stacks) => stacks.find(s => s.role === "hub")!;
const stackNamed = (stacks: Stacks, name: string) => stacks.find(s => s.stack === name)!;
/** The hub config's services get the zones the plan creates (the fixture leaves them empty), as readConfig would. */
function withConfigZones(stacks: Stacks): Stacks {
    const hub = hubStack(stacks);
    const zones = hub.resources.filter(r => r.type === "aws:route53/zone:Zone");
    (hub.config as any).services = (hub.config as any).services.map((s: any) => ({
        ...s, zones: zones.filter(z => z.name.startsWith(`${s.name}-`)).map(z => ({ name: z.inputs.name, wildcard: false })),
    }));
    return stacks;
}
const TRAFFIC: CostOptions = { gbPerMonthPerSpoke: 10, onPremGbPerMonth: 0, onPremMillionQueriesPerMonth: 0, prices: {} };
const HOURLY_ONLY = "hourly charges only: per-GB and per-query charges are left out until you estimate them (0 by default): ";
const SPOKE_TRAFFIC = "spoke traffic (endpoint and Transit Gateway data processing, peering cross-AZ transfer): vpce-hub:cost.gbPerMonthPerSpoke";

describe("cost estimate: what the plan holds, the notes and the report text (lib/cost/estimate.ts)", () => {
    it("refuses a plan without a hub stack, and one with two, saying to price one hub at a time", () => {
        const stacks = plan({ services: 1, spokes: [peering("a")] });
        assert.throws(() => estimateCost(stacks.filter(s => s.role !== "hub"), NOTES_PRICES, NO_COST),
            (e: Error) => e.message === "the plan has no hub stack (role hub): nothing to price");
        const two = [...stacks, { ...hubStack(stacks), stack: "second" }];
        assert.throws(() => estimateCost(two, NOTES_PRICES, NO_COST),
            (e: Error) => e.message === "the plan has 2 hub stacks (shared, second): estimate the cost of one hub at a time");
    });

    it("prices an endpoint or Resolver endpoint planned without its subnet list at the hub VPC's AZs: its subnets, or a created VPC's availabilityZones", () => {
        const existing = plan({ services: 1, azs: 3, resolverIps: 2 });
        for (const r of hubStack(existing).resources) { delete r.inputs.subnetIds; delete r.inputs.ipAddresses; }
        const e = estimateCost(existing, NOTES_PRICES, NO_COST);
        assert.strictEqual(item(e.centralized, /interface endpoints in the hub VPC/).quantity, 2190);   // 1 x 3 subnets x 730
        assert.strictEqual(item(e.centralized, /Resolver inbound endpoint/).quantity, 2190);            // 3 ENIs x 730
        assert.strictEqual(item(e.centralized, /Resolver inbound endpoint/).what, "Resolver inbound endpoint: 3 IP addresses (one ENI each) x 730 h");

        const created = plan({ services: 1, azs: 3 });
        (hubStack(created).config as any).vpc = { kind: "new", cidr: "10.0.0.0/16", availabilityZones: 2 };
        for (const r of hubStack(created).resources) delete r.inputs.subnetIds;
        const c = estimateCost(created, NOTES_PRICES, NO_COST);
        assert.strictEqual(item(c.centralized, /interface endpoints in the hub VPC/).quantity, 1460);    // 1 x 2 AZs x 730
        near(item(c.centralized, /interface endpoints in the hub VPC/).monthlyUsd, 20.44, "1460 x 0.014");
    });

    it("describes the hub's endpoints as 'N endpoints x M AZs' when they agree, else counts the endpoint-AZs in all", () => {
        const same = estimateCost(plan({ services: 3, azs: 2 }), NOTES_PRICES, NO_COST);
        assert.strictEqual(item(same.centralized, /interface endpoints in the hub VPC/).what,
            "interface endpoints in the hub VPC: 3 endpoints x 2 AZs x 730 h (one subnet per AZ)");
        const mixed = plan({ services: 2, azs: 2 });
        hubStack(mixed).resources.find(r => r.name === "svc1")!.inputs.subnetIds = ["subnet-x0", "subnet-x1", "subnet-x2"];
        const m = estimateCost(mixed, NOTES_PRICES, NO_COST);
        const hubEndpoints = item(m.centralized, /interface endpoints in the hub VPC/);
        assert.strictEqual(hubEndpoints.what, "interface endpoints in the hub VPC: 2 endpoints, 5 endpoint-AZs in all x 730 h (one subnet per AZ)");
        assert.strictEqual(hubEndpoints.quantity, 3650); // (2 + 3) x 730
    });

    it("takes a spoke stack missing from the hub's registry at its own connectivity output, else at what it builds (an attachment: transitGateway)", () => {
        const stacks = withConfigZones(plan({ services: 1, azs: 2, spokes: [tgw("a"), tgw("b"), peering("c"), peering("d"), { name: "e", connectivity: "peering", sameAccount: true }, tgw("f")] }));
        (hubStack(stacks).config as any).spokes = [];
        const a = stackNamed(stacks, "a"), b = stackNamed(stacks, "b"), c = stackNamed(stacks, "c"), d = stackNamed(stacks, "d"), f = stackNamed(stacks, "f");
        (a as any).outputs = {};                                                  // builds an attachment: transitGateway
        (b as any).outputs = { connectivity: "transitGateway" };                  // says so, attachment not in the plan
        b.resources.splice(b.resources.findIndex(r => r.type === "aws:ec2transitgateway/vpcAttachment:VpcAttachment"), 1);
        (f as any).outputs = { connectivity: "transitGateway" };                  // the same
        f.resources.splice(f.resources.findIndex(r => r.type === "aws:ec2transitgateway/vpcAttachment:VpcAttachment"), 1);
        (c as any).outputs = {};                                                  // no attachment: peering
        (d as any).outputs = { connectivity: "peering" };                         // says peering, whatever else it holds
        d.resources.push({ ...a.resources.find(r => r.type === "aws:ec2transitgateway/vpcAttachment:VpcAttachment")!, urn: "urn:d-attachment" });
        const r = estimateCost(stacks, NOTES_PRICES, TRAFFIC);
        assert.strictEqual(r.spokes, 6);
        const tgwData = item(r.centralized, /processed by the Transit Gateway/);
        assert.strictEqual(tgwData.what, "data processed by the Transit Gateway: 3 transitGateway spokes x 10 GB");
        assert.strictEqual(tgwData.quantity, 30); // a, b, f
        const cross = item(r.centralized, /cross-AZ transfer over VPC peering/);
        assert.strictEqual(cross.what, "cross-AZ transfer over VPC peering: 3 peering spokes x 10 GB; assumed: 50% crosses AZs " +
            "and is charged in both directions (sender and receiver), so 1 GB billed per GB sent");
        assert.strictEqual(cross.quantity, 30); // c, d, e: 3 x 10 GB x 0.5 x 2
        assert.deepStrictEqual(r.notes, [], "every spoke has its stack in the plan: nothing assumed");
        // associations mode: 1 zone, 1 record: 2 + 2 + 5 authorizations (a-d and f in other accounts; e is in the hub's) + 2 x 6 associations
        assert.strictEqual(r.modes!.find(m => m.mode === "associations")!.route53Calls, 21);
    });

    it("notes on-prem traffic figures as ignored when the hub has no onPrem section, whichever of the two is set, and not when neither is", () => {
        const stacks = () => plan({ services: 1, spokes: [peering("a")] });
        const ignored = "on-prem traffic and queries in vpce-hub:cost are ignored: the hub has no onPrem section, so on-prem cannot reach the endpoints";
        assert.deepStrictEqual(estimateCost(stacks(), NOTES_PRICES, { ...TRAFFIC, onPremGbPerMonth: 5 }).notes, [ignored]);
        assert.deepStrictEqual(estimateCost(stacks(), NOTES_PRICES, { ...TRAFFIC, onPremMillionQueriesPerMonth: 2 }).notes, [ignored]);
        assert.deepStrictEqual(estimateCost(stacks(), NOTES_PRICES, TRAFFIC).notes, []);
    });

    it("says which per-GB and per-query figures are left at 0, naming each config key, and says nothing once all are estimated", () => {
        const off = (o: Partial<CostOptions>) => estimateCost(plan({ services: 1, resolverIps: 2, onPrem: true, spokes: [peering("a")] }), NOTES_PRICES, { ...TRAFFIC, ...o }).notes;
        assert.deepStrictEqual(estimateCost(plan({ services: 1, spokes: [peering("a")] }), NOTES_PRICES, NO_COST).notes, [HOURLY_ONLY + SPOKE_TRAFFIC]);
        assert.deepStrictEqual(off({ onPremMillionQueriesPerMonth: 3 }), [HOURLY_ONLY + "on-prem traffic: vpce-hub:cost.onPremGbPerMonth"]);
        assert.deepStrictEqual(off({ gbPerMonthPerSpoke: 0, onPremGbPerMonth: 50 }),
            [HOURLY_ONLY + SPOKE_TRAFFIC + "; Resolver queries from on-prem: vpce-hub:cost.onPremMillionQueriesPerMonth"]);
        assert.deepStrictEqual(off({ onPremGbPerMonth: 50, onPremMillionQueriesPerMonth: 3 }), []);
    });

    it("names the registry's spokes without a stack, prices them at 2 AZs, and assumes an attachment only for transitGateway ones", () => {
        const one = estimateCost(plan({ services: 1, spokes: [tgw("here"), { name: "away", connectivity: "peering", inPlan: false }] }), NOTES_PRICES, TRAFFIC);
        assert.deepStrictEqual(one.notes, ["1 spoke of the hub's registry has no stack in the plan (away): priced with 2 AZs"]);
        const att = item(one.centralized, /attachments of spoke VPCs/);
        assert.strictEqual(att.what, "Transit Gateway attachments of spoke VPCs: 1 x 730 h");
        assert.strictEqual(att.quantity, 730); // here's own attachment; away is a peering spoke

        const two = estimateCost(plan({ services: 1, spokes: [tgw("here"), { name: "far", connectivity: "transitGateway", inPlan: false },
            { name: "away", connectivity: "peering", inPlan: false }] }), NOTES_PRICES, TRAFFIC);
        assert.deepStrictEqual(two.notes, ["2 spokes of the hub's registry have no stack in the plan (far, away): priced with 2 AZs " +
            "and one Transit Gateway attachment each where connected by transitGateway"]);
        assert.strictEqual(item(two.centralized, /attachments of spoke VPCs/).what, "Transit Gateway attachments of spoke VPCs: 2 x 730 h (1 assumed for spokes without a stack in the plan)");
        assert.strictEqual(item(two.decentralized, /without a stack in the plan/).what,
            "interface endpoints in spoke VPCs without a stack in the plan (far, away): 1 service x 2 AZs assumed x 2 spokes x 730 h");
    });

    it("says why there is no break-even point without spokes", () => {
        const r = estimateCost(plan({ services: 1 }), NOTES_PRICES, TRAFFIC);
        assert.deepStrictEqual(r.notes, ["no spokes yet: the break-even point needs at least one spoke to take a per-spoke mix from"]);
    });

    it("a Route 53 Profile: $0.75 x 730 h for the hub, $0.0014 per association-hour beyond 100 as a per-spoke cost; 150 peering spokes break even at 29", () => {
        const spokes = Array.from({ length: 150 }, (_, i) => peering(`p${i}`));
        const stacks = withConfigZones(plan({ services: 1, azs: 2, spokes }));
        const hub = hubStack(stacks);
        (hub.config as any).dns = { sharing: "profile", records: "zones" };
        hub.resources.push({ urn: "urn:profile", type: "aws:route53/profilesProfile:ProfilesProfile", name: "profile", id: "rp-1", inputs: { name: "vpce-hub" }, outputs: {} });
        for (const s of stacks.filter(x => x.role === "spoke")) {
            s.resources.push({ urn: `urn:${s.stack}-pa`, type: "aws:route53/profilesAssociation:ProfilesAssociation", name: `${s.stack}-profile`, id: `rpassoc-${s.stack}`, inputs: { profileId: "rp-1", resourceId: `vpc-${s.stack}` }, outputs: {} });
        }
        const r = estimateCost(stacks, NOTES_PRICES, NO_COST);
        const profile = item(r.centralized, /^Route 53 Profile/);
        assert.deepStrictEqual(profile, {
            what: "Route 53 Profile: 1 account and Region x 730 h (covers the first 100 profile-VPC associations of all the account's profiles in the Region; the hub pays)",
            quantity: 730, unit: "profile-hours", unitUsd: 0.75, monthlyUsd: 547.5,
        });
        const beyond = item(r.centralized, /^profile-VPC associations/);
        assert.strictEqual(beyond.what, "profile-VPC associations beyond the first 100: 50 x 730 h");
        assert.strictEqual(beyond.quantity, 36500); // 50 x 730
        assert.strictEqual(beyond.unit, "association-hours");
        near(beyond.monthlyUsd, 51.1, "36500 x 0.0014");
        // 20.44 endpoints + 0.50 zone + 547.50 + 51.10
        near(r.centralized.monthlyUsd, 619.54, "centralized");
        // fixed 568.44 (endpoints, zone, profile), per spoke 51.10 / 150; baseline 20.44 per spoke:
        // 568.44 / (20.44 - 0.340667) = 28.28 => 29 (n = 28: 577.98 > 572.32; n = 29: 578.32 <= 592.76)
        assert.strictEqual(r.breakEvenSpokes, 29);
        // the modes share everything but the zones and the profile: 20.44
        near(r.modes!.find(m => m.mode === "associations")!.monthlyUsd, 20.94, "associations: 20.44 + 1 zone x 0.50");
        near(r.modes!.find(m => m.mode === "profile")!.monthlyUsd, 619.54, "profile: 20.44 + 0.50 + 547.50 + 51.10");
        assert.deepStrictEqual(r.modes!.filter(m => m.thisPlan).map(m => m.mode), ["profile"]);
    });

    it("the DNS modes share the plan's cost without its zones: 30 zones (25 + 5 at the lower price) are counted once per mode", () => {
        const r = estimateCost(withConfigZones(plan({ services: 30, azs: 2 })), NOTES_PRICES, NO_COST);
        // 30 x 2 x 730 x 0.014 = 613.20 shared; zones 25 x 0.50 + 5 x 0.10 = 13.00
        near(r.centralized.monthlyUsd, 626.2, "centralized");
        near(r.modes!.find(m => m.mode === "associations")!.monthlyUsd, 626.2, "associations: 613.20 + 13.00");
        assert.deepStrictEqual(r.modes!.filter(m => m.thisPlan).map(m => m.mode), ["associations"]);
    });

    it("the report text, line for line: items with quantity and unit price, the extra cost, never breaking even, the note and the DNS modes", () => {
        const r = estimateCost(withConfigZones(plan({ services: 1, azs: 1, spokes: [tgw("a")] })), NOTES_PRICES, NO_COST);
        assert.deepStrictEqual(formatCostReport(r), [
            "Cost estimate (USD, ap-northeast-1, 730 h per month, 1 spoke)",
            "  prices: (test)",
            "Centralized (this plan): $112.92 per month",
            "       $10.22  interface endpoints in the hub VPC: 1 endpoint x 1 AZ x 730 h (one subnet per AZ) [730 endpoint AZ-hours x $0.014]",
            "        $0.50  private hosted zones, the first 25 of the account (assumed: the account holds no other hosted zones) [1 zone-months x $0.5]",
            "       $51.10  Transit Gateway attachment of the hub VPC: 1 x 730 h [730 attachment-hours x $0.07]",
            "       $51.10  Transit Gateway attachments of spoke VPCs: 1 x 730 h [730 attachment-hours x $0.07]",
            "Decentralized (an endpoint per service in every spoke VPC): $20.44 per month",
            "       $20.44  interface endpoints in each spoke VPC (private DNS on, so no zones): 1 service x 2 AZs over 1 spoke (each spoke's own subnets, one per AZ) x 730 h [1460 endpoint AZ-hours x $0.014]",
            "Extra cost of the hub: $92.48 per month",
            "Break-even: never at this per-spoke mix",
            "  note: " + HOURLY_ONLY + SPOKE_TRAFFIC,
            "DNS modes (vpce-hub:dns.sharing) for this configuration:",
            // associations: 2 + 2 + 1 authorization + 2 x 1 association = 7 calls; the hub's 5 take 1 s
            "  associations        $112.92 per month  7 Route 53 + 0 Profiles API calls, about 1 s at 5 requests/s  (this plan)",
            // profile: 112.42 + 0.50 + 547.50; 4 Route 53 calls, CreateProfile + 1 zone + 1 AssociateProfile
            "  profile             $660.42 per month  4 Route 53 + 3 Profiles API calls, about 1 s at 5 requests/s",
            "  decentralized        $20.44 per month  no Route 53 calls (the spokes' endpoints use AWS's private DNS)",
            "  recommended: associations: cheaper by $547.50 per month (the profile's hourly charge is not repaid)",
        ]);
    });

    it("the report's price line flags figures still to verify and lists every overridden price; without modes it ends at the notes", () => {
        const r = estimateCost(plan({ services: 1, spokes: [peering("a")] }), loadPrices(REGION, { endpointAzHour: 0.02, resolverEniHour: 0.1 }), TRAFFIC);
        const lines = formatCostReport({ ...r, modes: undefined });
        assert.strictEqual(lines[1], "  prices: data/prices/ap-northeast-1.json (figures marked verify: not yet checked against the AWS pricing pages); " +
            "overridden in vpce-hub:cost.prices: endpointAzHour, resolverEniHour");
        // fixed 1460 x 0.02 + 0.50 = 29.70, per spoke 0.10 data + 0.10 cross-AZ; baseline 29.20 + 0.10 per spoke:
        // n = 1: 29.90 > 29.30; n = 2: 30.10 <= 58.60. No notes (traffic given), no modes: the text ends there
        assert.strictEqual(lines[lines.length - 1], "Break-even: 2 spokes at this per-spoke mix");
    });
});

describe("break-even arithmetic (lib/cost/estimate.ts breakEven)", () => {
    it("a tie within the tolerance counts, even when the division lands just above a whole number: 1000.0000005 fixed against 100 per spoke is 10 spokes", () => {
        // 1000.0000005 / 100 = 10.000000005; 10 spokes fall short by 5e-7, inside the tolerance of 1e-9 x 1000
        assert.strictEqual(breakEven({ fixed: 1000.0000005, perSpoke: 0 }, { fixed: 0, perSpoke: 100 }), 10);
    });

    it("reports never when breaking even takes more spokes than can be counted exactly (1e17 spokes)", () => {
        assert.strictEqual(breakEven({ fixed: 1e17, perSpoke: 0 }, { fixed: 0, perSpoke: 1 }), null);
    });
});

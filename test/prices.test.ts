// Price tables (lib/cost/prices.ts): reading data/prices/<region>.json, the messages a broken table
// or a bad vpce-hub:cost.prices override gets, and the table made of overrides alone. Every
// table here is written by hand into a temporary folder.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { applyOverrides, availableRegions, loadPrices, PriceTable } from "../lib/cost/prices";

const KNOWN = "endpointAzHour, endpointPerGb, transitGatewayAttachmentHour, transitGatewayPerGb, peeringCrossAzPerGb, resolverEniHour, " +
    "resolverPerMillionQueries, hostedZoneMonthFirst25, hostedZoneMonthAfter25, profileRegionHour, profileAssociationHour";
const KEYS = KNOWN.split(", ");

/** A valid table for eu-west-3 (no such file in data/prices), every price 0.5 but the endpoint's 0.011. */
function table(): any {
    return {
        region: "eu-west-3", currency: "USD", hoursPerMonth: 730,
        prices: Object.fromEntries(KEYS.map(k => [k, {
            usd: k === "endpointAzHour" ? 0.011 : 0.5, unit: `unit of ${k}`, source: "https://aws.amazon.com/privatelink/pricing/", date: "2026-12-01", verify: false,
        }])),
    };
}

const ALL_ONE = Object.fromEntries(KEYS.map(k => [k, 1]));

/** The message of what `f` throws (fails the test when it does not throw). */
function thrown(f: () => unknown): string {
    try {
        f();
    } catch (e) {
        return (e as Error).message;
    }
    assert.fail("expected an error");
}

describe("price tables: reading and checking them (lib/cost/prices.ts)", () => {
    let dir: string;
    let file: string;
    const write = (content: unknown) => fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-prices-"));
        file = path.join(dir, "eu-west-3.json");
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("lists the regions of a table folder in order, JSON files only; a folder that does not exist has none", () => {
        for (const f of ["us-west-2.json", "README.md", "ap-south-1.json", "eu-west-1.json", "ca-central-1.json"]) fs.writeFileSync(path.join(dir, f), "{}");
        assert.deepStrictEqual(availableRegions(dir), ["ap-south-1", "ca-central-1", "eu-west-1", "us-west-2"]);
        assert.deepStrictEqual(availableRegions(path.join(dir, "nothing-here")), []);
    });

    it("a region without a table: the error names the tables there are (or none) and the way out, also when only some prices are set", () => {
        fs.writeFileSync(path.join(dir, "us-east-1.json"), "{}");
        fs.writeFileSync(path.join(dir, "ap-northeast-1.json"), "{}");
        assert.strictEqual(thrown(() => loadPrices("eu-south-9", {}, dir)),
            "no price table for region eu-south-9: add data/prices/eu-south-9.json (tables exist for: ap-northeast-1, us-east-1), or set every price in vpce-hub:cost.prices");
        const none = "no price table for region eu-south-9: add data/prices/eu-south-9.json (tables exist for: none), or set every price in vpce-hub:cost.prices";
        assert.strictEqual(thrown(() => loadPrices("eu-south-9", {}, path.join(dir, "nothing-here"))), none);
        assert.strictEqual(thrown(() => loadPrices("eu-south-9", { endpointAzHour: 0.01 }, path.join(dir, "nothing-here"))), none);
    });

    it("reads a table with its file named, hoursPerMonth 730 when left out, and verify true unless it says false", () => {
        const t = table();
        delete t.hoursPerMonth;
        delete t.prices.endpointPerGb.verify;
        write(t);
        const read = loadPrices("eu-west-3", {}, dir);
        assert.strictEqual(read.file, file);
        assert.strictEqual(read.hoursPerMonth, 730);
        assert.deepStrictEqual(read.prices.endpointAzHour, { usd: 0.011, unit: "unit of endpointAzHour", source: "https://aws.amazon.com/privatelink/pricing/", date: "2026-12-01", verify: false });
        assert.strictEqual(read.prices.endpointPerGb.verify, true);
    });

    it("refuses a broken table with the file, the field and what is wrong", () => {
        const broken = (edit: (t: any) => unknown) => {
            const t = table();
            const replaced = edit(t);
            write(replaced === undefined ? t : replaced);
            return thrown(() => loadPrices("eu-west-3", {}, dir));
        };
        const at = `price table ${file}: `;
        assert.strictEqual(broken(() => 5), `${at}(top): must be a JSON object`);
        assert.strictEqual(broken(t => { t.region = "us-east-1"; }), `${at}region: says "us-east-1", but the file is for eu-west-3`);
        assert.strictEqual(broken(t => { t.currency = "EUR"; }), `${at}currency: must be "USD", got "EUR"`);
        assert.strictEqual(broken(t => { t.hoursPerMonth = 0; }), `${at}hoursPerMonth: must be a number > 0`);
        assert.strictEqual(broken(t => { delete t.prices; }), `${at}prices: is required`);
        assert.strictEqual(broken(t => { t.prices.endpointPerGb.usd = -0.01; }), `${at}prices.endpointPerGb.usd: must be a number >= 0`);
        assert.strictEqual(broken(t => { t.prices.resolverEniHour.source = ""; }), `${at}prices.resolverEniHour.source: must be a non-empty string`);
        assert.strictEqual(broken(t => { t.prices.natGatewayHour = { usd: 0.062, unit: "x", source: "x", date: "x" }; }),
            `${at}prices.natGatewayHour: unknown price key (known: ${KNOWN})`);
        write("{ \"region\": ");
        assert.match(thrown(() => loadPrices("eu-west-3", {}, dir)), new RegExp(`^${at.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}not valid JSON: \\S`));
    });
});

describe("price overrides (vpce-hub:cost.prices, lib/cost/prices.ts applyOverrides)", () => {
    const base = (): PriceTable => {
        const t = table();
        return { region: t.region, currency: "USD", hoursPerMonth: 730, file: "(test)", prices: Object.fromEntries(KEYS.map(k => [k, { ...t.prices[k] }])) as PriceTable["prices"] };
    };

    it("an overridden price is the user's figure from the stack configuration, no longer to verify, keeping the table's figure and page", () => {
        const t = applyOverrides(base(), { endpointAzHour: 0.02 });
        assert.deepStrictEqual(t.prices.endpointAzHour, {
            usd: 0.02, unit: "unit of endpointAzHour", source: "vpce-hub:cost.prices.endpointAzHour", date: "stack configuration", verify: false,
            overridden: { tableUsd: 0.011, tableSource: "https://aws.amazon.com/privatelink/pricing/" },
        });
    });

    it("accepts a price of 0 and leaves a key set to undefined at the table's figure", () => {
        const t = applyOverrides(base(), { endpointPerGb: 0, endpointAzHour: undefined });
        assert.strictEqual(t.prices.endpointPerGb.usd, 0);
        assert.strictEqual(t.prices.endpointAzHour.usd, 0.011);
        assert.strictEqual(t.prices.endpointAzHour.overridden, undefined);
    });

    it("refuses an unknown key, listing the known ones, and a figure that is not a finite number >= 0", () => {
        assert.strictEqual(thrown(() => applyOverrides(base(), { natGatewayHour: 0.062 } as any)),
            `vpce-hub:cost.prices.natGatewayHour: unknown price key (known: ${KNOWN})`);
        assert.strictEqual(thrown(() => applyOverrides(base(), { endpointAzHour: -1 })), "vpce-hub:cost.prices.endpointAzHour: must be a number >= 0, got -1");
        assert.strictEqual(thrown(() => applyOverrides(base(), { endpointAzHour: Infinity })), "vpce-hub:cost.prices.endpointAzHour: must be a number >= 0, got Infinity");
        assert.strictEqual(thrown(() => applyOverrides(base(), { endpointAzHour: "0.02" as any })), "vpce-hub:cost.prices.endpointAzHour: must be a number >= 0, got 0.02");
    });
});

describe("a region priced by overrides alone (lib/cost/prices.ts)", () => {
    it("is a table of the user's figures: USD, 730 h, each price from the stack configuration with AWS's unit, not to verify", () => {
        const t = loadPrices("eu-south-9", { ...ALL_ONE, endpointPerGb: 0 });
        assert.strictEqual(t.region, "eu-south-9");
        assert.strictEqual(t.currency, "USD");
        assert.strictEqual(t.hoursPerMonth, 730);
        assert.strictEqual(t.file, "(vpce-hub:cost.prices)");
        assert.deepStrictEqual(t.prices.endpointAzHour, {
            usd: 1, unit: "per interface endpoint per AZ-hour", source: "vpce-hub:cost.prices.endpointAzHour", date: "stack configuration", verify: false,
        });
        assert.strictEqual(t.prices.endpointPerGb.usd, 0);
    });

    it("refuses a figure that is not a finite number >= 0, naming the key", () => {
        const bad = (v: unknown) => thrown(() => loadPrices("eu-south-9", { ...ALL_ONE, resolverEniHour: v as number }));
        assert.strictEqual(bad(-1), "vpce-hub:cost.prices.resolverEniHour: must be a number >= 0, got -1");
        assert.strictEqual(bad(Infinity), "vpce-hub:cost.prices.resolverEniHour: must be a number >= 0, got Infinity");
        assert.strictEqual(bad("0.125"), "vpce-hub:cost.prices.resolverEniHour: must be a number >= 0, got 0.125");
    });
});

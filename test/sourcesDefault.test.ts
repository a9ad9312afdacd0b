// The default for the networks every endpoint group admits (issue 23, the design behind the
// review's churn): one prefix list where it fits the rules quota with room to grow, so that a
// member added or removed changes the list's entries and no other member's rule; a rule per
// aggregated block where it does not, or where the configuration says so.
import * as assert from "assert";
import { HubConfig, parseStackConfig } from "../lib/config";
import { sourcesListPlan } from "../lib/net/prefixLists";
import { exampleRaw } from "./helpers";

const hub = (edit: (raw: Record<string, any>) => void = () => undefined) => {
    const raw = exampleRaw().shared;
    edit(raw);
    const r = parseStackConfig("shared", raw);
    assert.deepStrictEqual(r.errors, []);
    return (r.config as HubConfig).prefixLists;
};

describe("the sources prefix list by default, where it fits", () => {
    it("sizes the list with room to grow (twice its entries, ten more at least, in steps of ten) within three quarters of the rules quota per port", () => {
        assert.deepStrictEqual(sourcesListPlan(3, [1], 0, 60), { fits: true, maxEntries: 20 });
        assert.deepStrictEqual(sourcesListPlan(4, [1], 0, 60), { fits: true, maxEntries: 20 }, "one member more or less: the same size");
        assert.deepStrictEqual(sourcesListPlan(12, [1], 0, 60), { fits: true, maxEntries: 30 });
        assert.deepStrictEqual(sourcesListPlan(38, [1], 0, 60), { fits: true, maxEntries: 45 }, "capped at 45 of the 60 rules");
        // SES SMTP's five ports: each references the list: 9 x 5 = 45.
        assert.deepStrictEqual(sourcesListPlan(6, [1, 5], 0, 60), { fits: true, maxEntries: 9 });
        assert.deepStrictEqual(sourcesListPlan(10, [1, 5], 0, 60), { fits: false, maxEntries: 10 });
        // IPv6 sources keep a rule each beside the (IPv4) list.
        assert.deepStrictEqual(sourcesListPlan(40, [1], 6, 60), { fits: false, maxEntries: 40 });
        // Raised quota; and one request carries at most 100 entries.
        assert.deepStrictEqual(sourcesListPlan(101, [1], 0, 1000), { fits: false, maxEntries: 210 });
        assert.deepStrictEqual(sourcesListPlan(100, [1], 0, 1000), { fits: true, maxEntries: 200 });
    });

    it("the example's hub gets the list (3 entries, room for 20); prefixLists.sources: false keeps a rule per block; a declared maxEntries too small for it keeps the rules", () => {
        assert.deepStrictEqual(hub(), { transitGatewayRoutes: false, sources: true, sourcesMaxEntries: 20 });
        assert.deepStrictEqual(hub(raw => { raw["vpce-hub:prefixLists"] = { sources: false }; }), { transitGatewayRoutes: false, sources: false });
        assert.deepStrictEqual(hub(raw => { raw["vpce-hub:prefixLists"] = { transitGatewayRoutes: true, maxEntries: 1 }; }), { transitGatewayRoutes: true, maxEntries: 1, sources: false });
        assert.deepStrictEqual(hub(raw => { raw["vpce-hub:prefixLists"] = { transitGatewayRoutes: true, maxEntries: 8 }; }), { transitGatewayRoutes: true, maxEntries: 8, sources: true });
    });

    it("a hub whose blocks do not fit (a quota lowered to 3 rules) keeps a rule per aggregated block", () => {
        assert.strictEqual(hub(raw => { raw["vpce-hub:quotas"] = { rulesPerSecurityGroup: 3 }; }).sources, false);
    });
});

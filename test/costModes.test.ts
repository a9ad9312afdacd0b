// The DNS modes side by side (lib/cost/estimate.ts compareDnsModes): monthly cost, Route 53 and
// Route 53 Profiles API calls, creation time at 5 requests/s, and the recommendation. Every
// expected figure is computed by hand in the comment next to it.
import * as assert from "assert";
import { PRICE_KEYS } from "../lib/config";
import { DEFAULT_QUOTAS } from "../lib/config";
import { ModeCounts, compareDnsModes, estimateCost, formatModes, profileCharge } from "../lib/cost/estimate";
import type { PriceTable } from "../lib/cost/prices";
import { NO_COST, plan, res } from "./fixtures/plans";
import { hubEstimates } from "../plan/hubs";
import type { PlannedStack } from "../lib/model";
import { TYPES } from "../lib/model";

const PRICES: PriceTable = {
    region: "ap-northeast-1", currency: "USD", hoursPerMonth: 730, file: "(test)",
    prices: Object.fromEntries(PRICE_KEYS.map(k => [k, {
        usd: ({ hostedZoneMonthFirst25: 0.5, hostedZoneMonthAfter25: 0.1, profileRegionHour: 0.75, profileAssociationHour: 0.0014 } as Record<string, number>)[k] ?? 0,
        unit: k, source: "test", date: "test", verify: false,
    }])) as PriceTable["prices"],
};

/** 8 services with 10 zones and 14 records (the example hub), N spokes all in other accounts. */
const fleet = (spokes: number): ModeCounts => ({
    spokes, crossAccountSpokes: spokes, zones: 10, records: 14, profileZones: 10, profileRecords: 14, profileEndpoints: 0,
});

const near = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-6, `${what}: expected ${b}, got ${a}`);
const mode = (m: ReturnType<typeof compareDnsModes>, name: string) => m.modes.find(x => x.mode === name)!;

describe("DNS modes side by side (cost.modes)", () => {
    it("the profile charge: $0.75 x 730 h covers 100 associations, then $0.0014 per association-hour", () => {
        near(profileCharge(10, PRICES).monthlyUsd, 547.5, "10 VPCs: 0.75 x 730");
        near(profileCharge(100, PRICES).monthlyUsd, 547.5, "100 VPCs: still covered");
        near(profileCharge(101, PRICES).monthlyUsd, 547.5 + 1.022, "101: one association beyond, 0.0014 x 730");
        near(profileCharge(1000, PRICES).monthlyUsd, 1467.3, "1,000: 547.50 + 900 x 1.022");
    });

    it("10 spokes: associations 348 Route 53 calls (30 s), profile 48 + 21 (10 s); associations cheaper by the profile's $547.50", () => {
        const m = compareDnsModes(fleet(10), PRICES, DEFAULT_QUOTAS, 100, 300, "associations");
        // associations: zones 2x10 + records 2x14 + authorizations 10x10 + associations 2x10x10 = 20 + 28 + 100 + 200
        assert.strictEqual(mode(m, "associations").route53Calls, 348);
        // busiest account, the hub: 20 + 28 + 100 = 148 calls / 5 per s
        near(mode(m, "associations").seconds, 29.6, "associations seconds");
        assert.strictEqual(mode(m, "profile").route53Calls, 48);
        // CreateProfile 1 + a resource association per zone 10 + an AssociateProfile per spoke 10
        assert.strictEqual(mode(m, "profile").profilesCalls, 21);
        near(mode(m, "profile").seconds, 9.6, "profile seconds: 48 Route 53 calls of the hub / 5");
        // shared 100 + 10 zones x $0.50; profile adds 547.50
        near(mode(m, "associations").monthlyUsd, 105, "associations monthly");
        near(mode(m, "profile").monthlyUsd, 652.5, "profile monthly");
        near(mode(m, "decentralized").monthlyUsd, 300, "decentralized as given");
        assert.strictEqual(m.recommended, "associations");
        assert.match(m.reason, /cheaper by \$547\.50 per month/);
    });

    it("100 spokes: still within 300 VPCs and 1,000 authorizations per zone; 3,048 calls (210 s) against 48 + 111", () => {
        const m = compareDnsModes(fleet(100), PRICES, DEFAULT_QUOTAS, 100, 300, "associations");
        // 20 + 28 + 10x100 + 2x10x100 = 3048; hub: 48 + 1000 = 1048 / 5 = 209.6 s
        assert.strictEqual(mode(m, "associations").route53Calls, 3048);
        near(mode(m, "associations").seconds, 209.6, "associations seconds");
        assert.strictEqual(mode(m, "profile").profilesCalls, 111);
        assert.deepStrictEqual(mode(m, "associations").blockedBy, []);
        assert.strictEqual(m.recommended, "associations");
        assert.match(m.reason, /creating it takes about 210 s of Route 53 calls against 10 s with a profile/);
    });

    it("1,000 spokes: associations blocked by 300 VPCs per zone (the 1,000 authorizations still fit), so profile is required, at $1,467.30 of profile charges", () => {
        const m = compareDnsModes(fleet(1000), PRICES, DEFAULT_QUOTAS, 100, 300, "profile");
        // 20 + 28 + 10x1000 + 2x10x1000 = 30048; hub 48 + 10000 = 10048 / 5 = 2009.6 s
        assert.strictEqual(mode(m, "associations").route53Calls, 30048);
        near(mode(m, "associations").seconds, 2009.6, "associations seconds");
        assert.deepStrictEqual(mode(m, "associations").blockedBy, [
            "1000 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone",
        ]);
        assert.strictEqual(mode(m, "profile").profilesCalls, 1011);
        near(mode(m, "profile").monthlyUsd, 100 + 5 + 1467.3, "profile monthly");
        assert.strictEqual(m.recommended, "profile");
        assert.match(m.reason, /^required by a quota: 1000 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone/);
        assert.ok(mode(m, "profile").thisPlan && mode(m, "profile").recommended);
    });

    it("spokes in the hub's own account need no authorization: their associations count against the hub account", () => {
        const m = compareDnsModes({ ...fleet(4), crossAccountSpokes: 0 }, PRICES, DEFAULT_QUOTAS, 0, 0, "associations");
        // 20 + 28 + 0 authorizations + 2 x 10 x 4 = 128, all in the hub's account: 128 / 5
        assert.strictEqual(mode(m, "associations").route53Calls, 128);
        near(mode(m, "associations").seconds, 25.6, "seconds");
        // profile: the hub account also makes the 4 AssociateProfile calls: 1 + 10 + 4 = 15
        assert.strictEqual(mode(m, "profile").profilesCalls, 15);
    });

    it("beyond 5,000 zones a profile is blocked too: no recommendation, and the way out says so", () => {
        const m = compareDnsModes({ ...fleet(1200), profileZones: 5001 }, PRICES, DEFAULT_QUOTAS, 0, 0, "profile");
        assert.strictEqual(m.recommended, null);
        assert.match(m.reason, /neither mode fits one hub .*5001 zones exceed the 5000 zones per profile/);
    });

    it("a profile blocked by its own quotas (VPCs and zones per profile) leaves associations, required by those quotas, named each", () => {
        const quotas = { ...DEFAULT_QUOTAS, vpcsPerProfile: 5, zonesPerProfile: 10 };
        const m = compareDnsModes({ ...fleet(10), profileZones: 11 }, PRICES, quotas, 0, 0, "profile");
        assert.deepStrictEqual(mode(m, "profile").blockedBy, ["10 spoke VPCs exceed the 5 VPCs per profile", "11 zones exceed the 10 zones per profile"]);
        assert.deepStrictEqual(mode(m, "associations").blockedBy, []);
        assert.strictEqual(m.recommended, "associations");
        assert.strictEqual(m.reason, "required by a quota: 10 spoke VPCs exceed the 5 VPCs per profile; 11 zones exceed the 10 zones per profile");
        assert.ok(mode(m, "associations").recommended && !mode(m, "profile").recommended);
        assert.strictEqual(mode(m, "associations").reason, m.reason);
    });

    it("recommends the profile when it is cheaper: 1,000 zones by associations ($110) against 10 zones in a profile at $0.001 an hour ($5.73)", () => {
        const cheap: PriceTable = { ...PRICES, prices: { ...PRICES.prices, profileRegionHour: { ...PRICES.prices.profileRegionHour, usd: 0.001 } } };
        const m = compareDnsModes({ spokes: 10, crossAccountSpokes: 10, zones: 1000, records: 1000, profileZones: 10, profileRecords: 10, profileEndpoints: 0 },
            cheap, DEFAULT_QUOTAS, 0, 0, "associations");
        near(mode(m, "associations").monthlyUsd, 110, "25 x 0.50 + 975 x 0.10");
        near(mode(m, "profile").monthlyUsd, 5.73, "10 x 0.50 + 730 x 0.001");
        assert.strictEqual(m.recommended, "profile");
        assert.strictEqual(m.reason, "cheaper by $104.27 per month");
        assert.ok(mode(m, "profile").recommended);
    });

    it("names every quota that blocks a mode, joined: associations required-by reason and the neither-fits reason", () => {
        const a = compareDnsModes(fleet(1000), PRICES, DEFAULT_QUOTAS, 100, 300, "profile");
        assert.strictEqual(a.reason, "required by a quota: 1000 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone");
        const n = compareDnsModes({ ...fleet(1200), profileZones: 5001 }, PRICES, DEFAULT_QUOTAS, 0, 0, "profile");
        assert.strictEqual(n.reason, "neither mode fits one hub (1200 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone; " +
            "1200 spokes in other accounts exceed the 1000 authorizations per hosted zone; 1200 spoke VPCs exceed the 1000 VPCs per profile; " +
            "5001 zones exceed the 5000 zones per profile): split the spokes across hubs or raise the quotas");
    });

    it("the modes as report lines when neither fits: each BLOCKED with its quotas, and the way out instead of a recommendation", () => {
        const m = compareDnsModes({ ...fleet(1200), profileZones: 5001 }, PRICES, DEFAULT_QUOTAS, 0, 0, "profile");
        assert.deepStrictEqual(formatModes(m.modes), [
            "DNS modes (vpce-hub:dns.sharing) for this configuration:",
            // 20 + 28 + 10 x 1200 + 2 x 10 x 1200 = 36048; the hub's 12048 calls / 5 = 2409.6 s; 10 zones x 0.50
            "  associations          $5.00 per month  36048 Route 53 + 0 Profiles API calls, about 2410 s at 5 requests/s" +
            "  BLOCKED: 1200 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone; 1200 spokes in other accounts exceed the 1000 authorizations per hosted zone",
            // zones 25 x 0.50 + 4976 x 0.10 = 510.10; profile 547.50 + 1100 x 730 x 0.0014 = 1671.70; 2 x 5001 + 2 x 14 = 10030 calls / 5 = 2006 s;
            // Profiles: 1 + 5001 + 1200 = 6202
            "  profile            $2181.80 per month  10030 Route 53 + 6202 Profiles API calls, about 2006 s at 5 requests/s" +
            "  BLOCKED: 1200 spoke VPCs exceed the 1000 VPCs per profile; 5001 zones exceed the 5000 zones per profile  (this plan)",
            "  decentralized         $0.00 per month  no Route 53 calls (the spokes' endpoints use AWS's private DNS)",
            "  recommended: none: neither mode fits one hub (1200 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone; " +
            "1200 spokes in other accounts exceed the 1000 authorizations per hosted zone; 1200 spoke VPCs exceed the 1000 VPCs per profile; " +
            "5001 zones exceed the 5000 zones per profile): split the spokes across hubs or raise the quotas",
        ]);
    });

    it("with records: endpoint the profile mode counts the zones and records the plan creates and the private-DNS endpoints it carries; with records: zones, every service name", () => {
        const build = (records: "endpoint" | "zones") => {
            const stacks = plan({ services: 2, spokes: [{ name: "a", connectivity: "peering" }] });
            const hub = stacks[0];
            (hub.config as any).services = (hub.config as any).services.map((s: any) => ({ ...s, zones: [{ name: `${s.name}.ap-northeast-1.amazonaws.com`, wildcard: true }] }));
            (hub.config as any).dns = { sharing: "profile", records };
            // svc1 answers by the endpoint's own private DNS: no zone, no record in the plan
            hub.resources.splice(0, hub.resources.length, ...hub.resources.filter(r => !/^svc1-zone/.test(r.name)));
            hub.resources.find(r => r.name === "svc1")!.inputs.privateDnsEnabled = true;
            return estimateCost(stacks, PRICES, NO_COST).modes!.find(x => x.mode === "profile")!;
        };
        const endpoint = build("endpoint");
        assert.strictEqual(endpoint.route53Calls, 4);   // 1 zone x 2 + 1 record x 2
        assert.strictEqual(endpoint.profilesCalls, 4);  // CreateProfile + 1 zone + 1 endpoint + 1 AssociateProfile
        const zones = build("zones");
        assert.strictEqual(zones.route53Calls, 12);     // 2 zones x 2 + 4 records (apex and wildcard) x 2
        assert.strictEqual(zones.profilesCalls, 4);     // CreateProfile + 2 zones + 1 AssociateProfile
    });
});

describe("the Route 53 Profile's hourly charge is per account and Region, across all its profiles (issue 22)", () => {
    /** A profile hub named `name` in account 111111111111, ap-northeast-1, with `n` members each associated with its profile. */
    const profileHub = (name: string, n: number): PlannedStack[] => {
        const stacks = plan({ services: 1, spokes: Array.from({ length: n }, (_, i) => ({ name: `${name}-m${i}`, connectivity: "peering" as const })) });
        const [hub, ...members] = stacks;
        const profileId = `rp-${name}`;
        (hub.config as any).stack = name;
        (hub.config as any).dns = { sharing: "profile", records: "zones" };
        (hub.config as any).spokes = (hub.config as any).spokes.map((e: any, i: number) => ({ ...e, accountId: `3${name.length}${String(i).padStart(10, "0")}` }));
        hub.resources.push(res(TYPES.profile, "profile", { name: `vpce-hub-${name}` }, profileId));
        members.forEach(m => {
            (m.config as any).hubStack = `acme/vpce-hub/${name}`;
            m.resources.push(res(TYPES.profileAssociation, m.stack, { profileId, resourceId: `vpc-${m.stack}` }));
        });
        return [{ ...hub, stack: name }, ...members];
    };
    const profileLines = (e: ReturnType<typeof hubEstimates>[number]) => e.cost!.centralized.items.filter(i => i.unit === "profile-hours" || i.unit === "association-hours");

    it("two profile hubs in one account and Region: the hour is charged once (to the first by name), the other hub's note says who pays it", () => {
        const [a, b] = hubEstimates([...profileHub("hub-a", 3), ...profileHub("hub-b", 2)]);
        assert.deepStrictEqual(profileLines(a).map(i => [i.unit, i.quantity]), [["profile-hours", 730]]);
        assert.deepStrictEqual(profileLines(b), []);
        assert.ok(b.cost!.notes.some(n => /charges the profile hour once per account and Region, across all its profiles: account 111111111111 in ap-northeast-1 pays it with hub hub-a, whose 3 profile-VPC associations count first/.test(n)), b.cost!.notes.join("\n"));
        // Together: 0.75 x 730 = 547.50 once, not twice.
        const total = [a, b].flatMap(profileLines).reduce((x, i) => x + i.monthlyUsd, 0);
        near(total, 547.5, "profile charges of both hubs");
        // The second hub's mode comparison adds no hour for a profile either.
        near(b.cost!.modes!.find(m => m.mode === "profile")!.monthlyUsd - b.cost!.modes!.find(m => m.mode === "associations")!.monthlyUsd, 0, "profile minus associations for hub-b (1 zone either way)");
    });

    it("the 100 associations the hour covers are the account's: 60 + 60 across two hubs put 20 beyond, all on the second hub", () => {
        const [a, b] = hubEstimates([...profileHub("hub-a", 60), ...profileHub("hub-b", 60)]);
        assert.deepStrictEqual(profileLines(a).map(i => [i.unit, i.quantity]), [["profile-hours", 730]]);
        assert.deepStrictEqual(profileLines(b).map(i => [i.unit, i.quantity]), [["association-hours", 20 * 730]]);
    });

    it("profile hubs in different accounts, or in different Regions, each pay their own hour", () => {
        const other = profileHub("hub-b", 2).map(s => s.role === "hub" ? { ...s, accountId: "999999999999" } : s);
        const [a, b] = hubEstimates([...profileHub("hub-a", 3), ...other]);
        assert.deepStrictEqual([a, b].map(e => profileLines(e).map(i => i.unit)), [["profile-hours"], ["profile-hours"]]);
    });

    it("profileCharge after other profiles of the account: no hour, and only the associations past the 100 covered", () => {
        near(profileCharge(10, PRICES, 50).monthlyUsd, 0, "50 + 10: all covered, hour paid by the other profile");
        near(profileCharge(10, PRICES, 95).monthlyUsd, 5 * 1.022, "95 + 10: 5 beyond");
        near(profileCharge(10, PRICES, 150).monthlyUsd, 10 * 1.022, "150 + 10: all 10 beyond");
        assert.strictEqual(profileCharge(10, PRICES, 0).hourlyCharged, false);
        assert.strictEqual(profileCharge(10, PRICES).hourlyCharged, true);
    });
});

// Every quota at its exact boundary: at the limit passes, one over fails, counted in AWS's unit
// (per VPC, per zone, per security group, per route table, per Transit Gateway, per account and
// Region) and with what AWS counts (the hub's VPC on its zones, the hub's own attachment, a
// prefix list as its max entries). test/quotas.test.ts holds the warnings' words and the 80 %
// threshold on declared quotas of 10; this file holds AWS's own figures, the units, the config
// readers' and the hub program's refusals, and the DNS-mode recommendation at the same limits.
import * as assert from "assert";
import { DEFAULT_QUOTAS, HubConfig, PRICE_KEYS, Quotas, parseStackConfig } from "../lib/config";
import type { PlannedResource, PlannedStack } from "../lib/model";
import { TYPES as T } from "../lib/model";
import { quotaFindings, quotaUsage } from "../lib/checks/quotas";
import { ModeCounts, compareDnsModes, estimateCost } from "../lib/cost/estimate";
import type { PriceTable } from "../lib/cost/prices";
import { ENTRIES_PER_REQUEST, MAX_PREFIX_LIST_ENTRIES, prefixListSizeErrors } from "../lib/net/prefixLists";
import { authorizationQuotaErrors } from "../stacks/hub";
import { HUB_ACCOUNT, NO_COST, REGION, type SpokeSpec, plan, res } from "./fixtures/plans";
import { planOf } from "./fixtures/examplePlan";
import { sharedQuotaFindings } from "../plan/hubs";

type Name = keyof Quotas;

/** Whether the plan is over one quota: undefined when under 80 % (no finding at all). */
function over(stacks: readonly PlannedStack[], name: Name, quotas: Quotas = DEFAULT_QUOTAS): boolean | undefined {
    const f = quotaFindings(stacks, quotas).find(x => x.name === name);
    return f?.over;
}

/** The plan's count for one quota's fullest subject. */
const planned = (stacks: readonly PlannedStack[], name: Name) => quotaUsage(stacks).find(u => u.name === name)!.planned;

/** Holds the boundary: `build(limit)` is at the limit (a finding, not over), `build(limit + 1)` is over. */
function atBoundary(name: Name, limit: number, build: (n: number) => PlannedStack[], quotas: Quotas = DEFAULT_QUOTAS): void {
    const at = build(limit);
    assert.strictEqual(planned(at, name), limit, `${name}: the plan at the limit counts ${limit}`);
    assert.strictEqual(over(at, name, quotas), false, `${name}: ${limit} is within the limit`);
    assert.strictEqual(over(build(limit + 1), name, quotas), true, `${name}: ${limit + 1} is over`);
}

/** A stack of hand-built resources (the counts read only resources, account and Region). */
function stack(name: string, resources: PlannedResource[], accountId = HUB_ACCOUNT, region = REGION): PlannedStack {
    return { stack: name, role: "hub", accountId, region, config: {} as HubConfig, resources, outputs: {} };
}

/** The same hub under another stack name and VPC (a second hub of the same account), or another account. */
function secondHub(stacks: PlannedStack[], accountId = HUB_ACCOUNT): PlannedStack[] {
    const hub = stacks[0];
    const rename = (v: unknown): unknown => typeof v === "string" ? v.replace(/^vpc-hub$/, "vpc-hub2").replace(/^Z(\d+)X/, "Y$1X") : v;
    const resources = hub.resources.map(r => ({
        ...r, urn: `${r.urn}-2`, id: String(rename(r.id)),
        inputs: Object.fromEntries(Object.entries(r.inputs).map(([k, v]) => [k, Array.isArray(v) ? v.map(x => typeof x === "object" && x ? { ...x, vpcId: rename((x as any).vpcId) } : x) : rename(v)])),
    }));
    return [hub, { ...hub, stack: "shared2", accountId, resources }];
}

const spokes = (n: number, connectivity: SpokeSpec["connectivity"], sameAccount = false): SpokeSpec[] =>
    Array.from({ length: n }, (_, i) => ({ name: `spoke${i}`, connectivity, sameAccount }));

describe("quotas at AWS's limits, in AWS's unit (lib/checks/quotas.ts)", () => {
    it("interface endpoints per VPC, 50: 50 endpoints in the hub VPC fit, 51 are over; counted per VPC, so two hubs of one account with 50 each fit", () => {
        atBoundary("endpointsPerVpc", 50, n => plan({ services: n }));
        const two = secondHub(plan({ services: 50 }));
        assert.strictEqual(planned(two, "endpointsPerVpc"), 50);
        assert.strictEqual(over(two, "endpointsPerVpc"), false);
        assert.strictEqual(quotaUsage(two).find(u => u.name === "endpointsPerVpc")!.subjects, 2);
    });

    it("active peerings per VPC, 50 by default: 50 fit, 51 are over; declared 125 (AWS's hard limit): 125 fit, 126 over; declared 200: still over at 126", () => {
        atBoundary("peeringsPerVpc", 50, n => plan({ services: 1, spokes: spokes(n, "peering") }));
        atBoundary("peeringsPerVpc", 125, n => plan({ services: 1, spokes: spokes(n, "peering") }), { ...DEFAULT_QUOTAS, peeringsPerVpc: 125, vpcsPerZone: 1000 });
        assert.strictEqual(over(plan({ services: 1, spokes: spokes(126, "peering") }), "peeringsPerVpc", { ...DEFAULT_QUOTAS, peeringsPerVpc: 200 }), true);
        assert.strictEqual(over(plan({ services: 1, spokes: spokes(125, "peering") }), "peeringsPerVpc", { ...DEFAULT_QUOTAS, peeringsPerVpc: 200 }), false);
        // Per VPC: two hub VPCs of one account with 50 peerings each.
        assert.strictEqual(over(secondHub(plan({ services: 1, spokes: spokes(50, "peering") })), "peeringsPerVpc"), false);
    });

    it("attachments per Transit Gateway, 5,000, the hub's own counted: the hub and 4,999 spokes fit, a 5,000th spoke is over", () => {
        atBoundary("attachmentsPerTransitGateway", 5000, n => plan({ services: 1, spokes: spokes(n - 1, "transitGateway", true), zonesPerService: 0 }));
    });

    it("attachments per Transit Gateway are per gateway: attachments of two stacks on one gateway add up, on two gateways they do not", () => {
        const attachments = (stackName: string, n: number, tgw: string) => stack(stackName, Array.from({ length: n }, (_, i) =>
            res(T.tgwAttachment, `${stackName}-${i}`, { transitGatewayId: tgw, vpcId: `vpc-${stackName}-${i}` })));
        assert.strictEqual(over([attachments("a", 2500, "tgw-1"), attachments("b", 2500, "tgw-1")], "attachmentsPerTransitGateway"), false);
        assert.strictEqual(over([attachments("a", 2500, "tgw-1"), attachments("b", 2501, "tgw-1")], "attachmentsPerTransitGateway"), true);
        assert.strictEqual(over([attachments("a", 2501, "tgw-1"), attachments("b", 2501, "tgw-2")], "attachmentsPerTransitGateway"), undefined);
    });

    it("records per zone, 10,000: 10,000 fit, 10,001 are over; counted per zone, so two zones of 6,000 fit", () => {
        atBoundary("recordsPerZone", 10000, n => plan({ services: 1, recordsPerZone: n }));
        assert.strictEqual(planned(plan({ services: 1, zonesPerService: 2, recordsPerZone: 6000 }), "recordsPerZone"), 6000);
    });

    it("VPCs per zone, 300, the hub's VPC counted: the hub and 299 spokes fit, 300 spokes are over; spokes in the hub's account count too", () => {
        atBoundary("vpcsPerZone", 300, n => plan({ services: 1, spokes: spokes(n - 1, "transitGateway", true) }));
    });

    it("hosted zones per account, 500: two hubs of one account with 250 zones each fit, one more zone is over; hubs of two accounts are not added up", () => {
        const two = (zones: number, account?: string) => secondHub(plan({ services: 1, zonesPerService: zones, recordsPerZone: 0 }), account);
        assert.strictEqual(planned(two(250), "zonesPerAccount"), 500);
        assert.strictEqual(over(two(250), "zonesPerAccount"), false);
        const more = two(250);
        more[1].resources.push(res(T.zone, "one-more", { name: "one-more.example", vpcs: [{ vpcId: "vpc-hub2" }] }, "ZMORE"));
        assert.strictEqual(over(more, "zonesPerAccount"), true);
        assert.strictEqual(over(two(300, "999999999999"), "zonesPerAccount"), undefined);
    });

    it("VPC association authorizations per zone, 1,000: 1,000 spokes in other accounts fit, 1,001 are over; spokes in the hub's account need none", () => {
        atBoundary("authorizationsPerZone", 1000, n => plan({ services: 1, spokes: spokes(n, "peering") }), { ...DEFAULT_QUOTAS, vpcsPerZone: 2000, peeringsPerVpc: 2000 });
        const mixed = plan({ services: 1, spokes: [...spokes(1000, "peering"), ...spokes(5, "peering", true).map(s => ({ ...s, name: `own${s.name}` }))] });
        assert.strictEqual(planned(mixed, "authorizationsPerZone"), 1000);
    });

    it("Resolver addresses per endpoint, 6: 6 fit, 7 are over", () => {
        atBoundary("resolverIpsPerEndpoint", 6, n => plan({ services: 1, resolverIps: n }));
    });

    describe("inbound rules per security group, 60, a prefix list counted as its max entries, IPv4 and IPv6 apart", () => {
        const group = (name: string, ingress: Record<string, unknown>[]) => res(T.securityGroup, name, { ingress });
        const list = (id: string, maxEntries: number) => res(T.managedPrefixList, id, { maxEntries, entries: [] }, id);
        const cidrs = (n: number, family: 4 | 6 = 4) => Array.from({ length: n }, (_, i) => family === 4 ? `10.${i}.0.0/16` : `2600:1f18:${i.toString(16)}::/56`);

        it("60 CIDR rules fit, 61 are over", () => {
            atBoundary("rulesPerSecurityGroup", 60, n => [stack("shared", [group("sg", [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: cidrs(n) }])])]);
        });

        it("a prefix list of max entries 59 and one CIDR are 60 and fit; max entries 60 and one CIDR are 61 and over", () => {
            atBoundary("rulesPerSecurityGroup", 60, n => [stack("shared", [list("pl-1", n - 1), group("sg", [
                { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-1"] }, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: cidrs(1) }])])]);
        });

        it("a list referenced by two port rules counts twice: max entries 30 on two ports fit, 31 are over", () => {
            const build = (m: number) => [stack("shared", [list("pl-1", m), group("sg", [443, 80].map(p => ({ protocol: "tcp", fromPort: p, toPort: p, prefixListIds: ["pl-1"] })))])];
            assert.strictEqual(over(build(30), "rulesPerSecurityGroup"), false);
            assert.strictEqual(over(build(31), "rulesPerSecurityGroup"), true);
        });

        it("60 IPv4 and 60 IPv6 rules fit (AWS counts each family apart); a 61st IPv6 rule is over", () => {
            const build = (v6: number) => [stack("shared", [group("sg", [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: cidrs(60), ipv6CidrBlocks: cidrs(v6, 6) }])])];
            assert.strictEqual(over(build(60), "rulesPerSecurityGroup"), false);
            assert.strictEqual(over(build(61), "rulesPerSecurityGroup"), true);
        });

        it("counted per group: two groups of 60 fit", () => {
            const stacks = [stack("shared", ["a", "b"].map(n => group(n, [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: cidrs(60) }])))];
            assert.strictEqual(over(stacks, "rulesPerSecurityGroup"), false);
        });
    });

    describe("routes per route table, 50, a route to a prefix list counted as its max entries", () => {
        const route = (table: string, i: number, extra: Record<string, unknown> = { destinationCidrBlock: `10.${i}.0.0/16` }) =>
            res(T.route, `${table}-${i}`, { routeTableId: table, ...extra });
        const routes = (table: string, n: number) => Array.from({ length: n }, (_, i) => route(table, i));

        it("50 routes in one table fit, 51 are over; counted per table, so two tables of 50 fit", () => {
            atBoundary("routesPerRouteTable", 50, n => [stack("shared", routes("rtb-1", n))]);
            assert.strictEqual(over([stack("shared", [...routes("rtb-1", 50), ...routes("rtb-2", 50)])], "routesPerRouteTable"), false);
        });

        it("counted per address family, as AWS enforces it: 50 IPv4 and 50 IPv6 routes in one table fit, a 51st IPv6 route is over", () => {
            const v6 = (n: number) => Array.from({ length: n }, (_, i) => route("rtb-1", 1000 + i, { destinationIpv6CidrBlock: `2600:1f18:${i.toString(16)}::/56` }));
            const build = (n: number) => [stack("shared", [...routes("rtb-1", 50), ...v6(n)])];
            assert.strictEqual(planned(build(50), "routesPerRouteTable"), 50);
            assert.strictEqual(over(build(50), "routesPerRouteTable"), false);
            assert.strictEqual(over(build(51), "routesPerRouteTable"), true);
        });

        it("a route to a prefix list of max entries 49 and one more route are 50 and fit; max entries 50 are over", () => {
            const build = (m: number) => [stack("shared", [res(T.managedPrefixList, "pl", { maxEntries: m }, "pl-1"), route("rtb-1", 0, { destinationPrefixListId: "pl-1" }), route("rtb-1", 1)])];
            assert.strictEqual(planned(build(49), "routesPerRouteTable"), 50);
            assert.strictEqual(over(build(49), "routesPerRouteTable"), false);
            assert.strictEqual(over(build(50), "routesPerRouteTable"), true);
        });
    });

    describe("Route 53 Profiles", () => {
        const profile = (id: string) => res(T.profile, id, { name: id }, id);
        const association = (profileId: string, vpc: string) => res(T.profileAssociation, `${profileId}-${vpc}`, { profileId, resourceId: vpc });

        it("VPCs per profile, 1,000, the hub VPC's association during a migration counted: the hub and 999 members fit, 1,000 members and the hub are over", () => {
            const build = (n: number) => [
                stack("shared", [profile("rp-1"), association("rp-1", "vpc-hub")]),
                ...Array.from({ length: n - 1 }, (_, i) => ({ ...stack(`m${i}`, [association("rp-1", `vpc-m${i}`)], String(200000000000 + i)), role: "spoke" as const })),
            ];
            atBoundary("vpcsPerProfile", 1000, build);
        });

        it("profiles per account and Region, 5: 5 fit, 6 are over; 6 across two Regions or two accounts fit", () => {
            const profiles = (n: number, accountId = HUB_ACCOUNT, region = REGION) => Array.from({ length: n }, (_, i) => stack(`h${accountId}${region}${i}`, [profile(`rp-${accountId}-${region}-${i}`)], accountId, region));
            atBoundary("profilesPerRegion", 5, n => profiles(n));
            assert.strictEqual(over([...profiles(3), ...profiles(3, HUB_ACCOUNT, "us-east-1")], "profilesPerRegion"), undefined);
            assert.strictEqual(over([...profiles(5), ...profiles(1, "999999999999")], "profilesPerRegion"), false);
        });

        it("private hosted zones per profile, 5,000: 5,000 fit, 5,001 are over; endpoints in the profile are not zones", () => {
            const build = (n: number) => [stack("shared", [profile("rp-1"), ...Array.from({ length: n }, (_, i) =>
                res(T.profileResourceAssociation, `z${i}`, { profileId: "rp-1", resourceArn: `arn:aws:route53:::hostedzone/Z${i}` })),
            res(T.profileResourceAssociation, "endpoint", { profileId: "rp-1", resourceArn: "arn:aws:ec2:ap-northeast-1:111111111111:vpc-endpoint/vpce-1" })])];
            atBoundary("zonesPerProfile", 5000, build);
        });
    });

    it("counted on the real example plan: the hub's VPC on every zone (3 VPCs: the hub and two members), the hub's attachment on the gateway (2)", async () => {
        const { stacks } = await planOf();
        assert.strictEqual(planned(stacks, "vpcsPerZone"), 3);
        assert.strictEqual(quotaUsage(stacks).find(u => u.name === "vpcsPerZone")!.subjects, 10);
        assert.strictEqual(planned(stacks, "attachmentsPerTransitGateway"), 2);
        assert.strictEqual(planned(stacks, "authorizationsPerZone"), 2);
        assert.strictEqual(planned(stacks, "endpointsPerVpc"), 8);
    });
});

// ---------------------------------------------------------------------------------------

/** A hub's raw config with `n` spokes whose /24s never aggregate (one per /16), for the readers' limits. */
function hubRaw(n: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        "aws:region": REGION, "vpce-hub:role": "hub", "vpce-hub:accountId": "123456789012",
        "vpce-hub:vpc": { id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", subnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] },
        "vpce-hub:services": ["sqs"],
        "vpce-hub:spokes": Array.from({ length: n }, (_, i) => ({
            name: `m${i}`, accountId: String(300000000000 + i), vpcId: `vpc-0${String(i).padStart(16, "0")}`,
            cidr: `${10 + Math.floor((i + 1) / 256)}.${(i + 1) % 256}.0.0/24`, connectivity: "transitGateway",
        })),
        ...extra,
    };
}
const keysOf = (raw: Record<string, unknown>) => parseStackConfig("shared", raw).errors.map(e => e.key);

describe("the config readers and the hub program at the same limits", () => {
    it("a prefix list's max entries: 1,000 is accepted, 1,001 refused (CreateManagedPrefixList MaxEntries 1-1000)", () => {
        assert.strictEqual(MAX_PREFIX_LIST_ENTRIES, 1000);
        assert.deepStrictEqual(keysOf(hubRaw(1, { "vpce-hub:prefixLists": { sources: true, maxEntries: 1000 } })), []);
        assert.deepStrictEqual(keysOf(hubRaw(1, { "vpce-hub:prefixLists": { sources: true, maxEntries: 1001 } })), ["vpce-hub:prefixLists.maxEntries"]);
    });

    it("entries per request, 100: a sources list of the hub and 99 spokes (100 entries) is accepted, 100 spokes (101) refused; the Transit Gateway list of 100 spokes accepted, 101 refused", () => {
        assert.strictEqual(ENTRIES_PER_REQUEST, 100);
        assert.deepStrictEqual(keysOf(hubRaw(99, { "vpce-hub:prefixLists": { sources: true } })), []);
        assert.deepStrictEqual(keysOf(hubRaw(100, { "vpce-hub:prefixLists": { sources: true } })), ["vpce-hub:prefixLists.sources"]);
        assert.deepStrictEqual(keysOf(hubRaw(100, { "vpce-hub:prefixLists": { transitGatewayRoutes: true } })), []);
        assert.deepStrictEqual(keysOf(hubRaw(101, { "vpce-hub:prefixLists": { transitGatewayRoutes: true } })), ["vpce-hub:prefixLists.transitGatewayRoutes"]);
    });

    it("a declared max entries must hold the list: entries equal to it are accepted, one more refused", () => {
        const lists = { sources: true, transitGatewayRoutes: false, maxEntries: 5 };
        assert.deepStrictEqual(prefixListSizeErrors("sources", 5, lists), []);
        assert.deepStrictEqual(prefixListSizeErrors("sources", 6, lists).map(e => e.key), ["maxEntries"]);
        // The hub and 4 spokes are 5 entries.
        assert.deepStrictEqual(keysOf(hubRaw(4, { "vpce-hub:prefixLists": { sources: true, maxEntries: 5 } })), []);
        assert.deepStrictEqual(keysOf(hubRaw(5, { "vpce-hub:prefixLists": { sources: true, maxEntries: 5 } })), ["vpce-hub:prefixLists.maxEntries"]);
    });

    it("services, one endpoint each, against endpoints per VPC (50): 50 accepted, 51 refused; a raised quota of 51 accepts 51", () => {
        const services = (n: number) => ({ "vpce-hub:services": Array.from({ length: n }, (_, i) => ({ name: `svc${i}`, endpointService: `com.amazonaws.${REGION}.svc${i}`, zones: [`svc${i}.${REGION}.amazonaws.com`] })) });
        const errs = (n: number, extra: Record<string, unknown> = {}) => keysOf(hubRaw(1, { ...services(n), ...extra })).filter(k => k === "vpce-hub:services");
        assert.deepStrictEqual(errs(50), []);
        assert.deepStrictEqual(errs(51), ["vpce-hub:services"]);
        assert.deepStrictEqual(errs(51, { "vpce-hub:quotas": { endpointsPerVpc: 51 } }), []);
    });

    it("the readers' fleet limits: 50 peering spokes accepted, 51 refused (125 when declared, AWS's hard limit, past which none can be declared)", () => {
        const peering = (n: number, quotas?: Record<string, number>) => {
            const raw = hubRaw(n, quotas ? { "vpce-hub:quotas": quotas } : {});
            (raw["vpce-hub:spokes"] as { connectivity: string }[]).forEach(s => { s.connectivity = "peering"; });
            return keysOf(raw);
        };
        assert.deepStrictEqual(peering(50), []);
        assert.deepStrictEqual(peering(51), ["vpce-hub:spokes"]);
        assert.deepStrictEqual(peering(125, { peeringsPerVpc: 125 }), []);
        assert.deepStrictEqual(peering(126, { peeringsPerVpc: 125 }), ["vpce-hub:spokes"]);
        // A quota past the hard limit cannot even be declared.
        assert.deepStrictEqual(peering(10, { peeringsPerVpc: 126 }), ["vpce-hub:quotas.peeringsPerVpc"]);
    });

    it("the readers' fleet limits: associations take the hub and 299 spokes, not 300; a profile takes 1,000 spokes, not 1,001", () => {
        assert.deepStrictEqual(keysOf(hubRaw(299)), []);
        assert.deepStrictEqual(keysOf(hubRaw(300)), ["vpce-hub:spokes"]);
        const profile = { "vpce-hub:dns": { sharing: "profile", records: "zones" } };
        assert.deepStrictEqual(keysOf(hubRaw(1000, profile)), []);
        assert.deepStrictEqual(keysOf(hubRaw(1001, profile)), ["vpce-hub:spokes"]);
    });

    it("the hub program refuses the 1,001st authorization and not the 1,000th, counting only spokes in other accounts (authorizationQuotaErrors)", () => {
        const cfg = (cross: number, own: number, extra: Record<string, unknown> = {}) => {
            const raw = hubRaw(cross + own, { "vpce-hub:quotas": { vpcsPerZone: 5000 }, ...extra });
            const r = parseStackConfig("shared", raw);
            assert.deepStrictEqual(r.errors, []);
            const c = r.config as HubConfig;
            return { ...c, spokes: c.spokes.map((s, i) => i < own ? { ...s, accountId: "123456789012" } : s) } as HubConfig;
        };
        assert.deepStrictEqual(authorizationQuotaErrors(cfg(1000, 0), "123456789012"), []);
        assert.deepStrictEqual(authorizationQuotaErrors(cfg(1000, 3), "123456789012"), []);
        assert.match(authorizationQuotaErrors(cfg(1001, 0), "123456789012")[0].message, /^1001 spokes in other accounts need 1001 VPC association authorizations/);
        // A profile needs no authorizations at all.
        assert.deepStrictEqual(authorizationQuotaErrors(cfg(1001, 0, { "vpce-hub:dns": { sharing: "profile", records: "zones" }, "vpce-hub:quotas": { vpcsPerProfile: 5000 } }), "123456789012"), []);
    });
});

// ---------------------------------------------------------------------------------------

const PRICES: PriceTable = {
    region: REGION, currency: "USD", hoursPerMonth: 730, file: "(test)",
    prices: Object.fromEntries(PRICE_KEYS.map(k => [k, { usd: 0.1, unit: k, source: "test", date: "test", verify: false }])) as PriceTable["prices"],
};
const counts = (spokes: number, extra: Partial<ModeCounts> = {}): ModeCounts => ({
    spokes, crossAccountSpokes: spokes, zones: 10, records: 14, profileZones: 10, profileRecords: 14, profileEndpoints: 0, ...extra,
});
const blocked = (m: ReturnType<typeof compareDnsModes>, mode: "associations" | "profile") => m.modes.find(x => x.mode === mode)!.blockedBy;

describe("the DNS-mode recommendation at the same limits (lib/cost/estimate.ts compareDnsModes)", () => {
    it("associations: the hub and 299 spokes fit the 300 VPCs per zone; 300 spokes are blocked and the profile is required, saying why", () => {
        assert.deepStrictEqual(blocked(compareDnsModes(counts(299), PRICES, DEFAULT_QUOTAS, 0, 0, "associations"), "associations"), []);
        const m = compareDnsModes(counts(300), PRICES, DEFAULT_QUOTAS, 0, 0, "associations");
        assert.deepStrictEqual(blocked(m, "associations"), ["300 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone"]);
        assert.strictEqual(m.recommended, "profile");
        assert.strictEqual(m.reason, "required by a quota: 300 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone");
    });

    it("associations: 1,000 spokes in other accounts fit the authorizations, 1,001 are blocked; spokes in the hub's account do not count", () => {
        const quotas = { ...DEFAULT_QUOTAS, vpcsPerZone: 5000 };
        assert.deepStrictEqual(blocked(compareDnsModes(counts(1000), PRICES, quotas, 0, 0, "associations"), "associations"), []);
        assert.deepStrictEqual(blocked(compareDnsModes(counts(1001), PRICES, quotas, 0, 0, "associations"), "associations"),
            ["1001 spokes in other accounts exceed the 1000 authorizations per hosted zone"]);
        assert.deepStrictEqual(blocked(compareDnsModes(counts(1001, { crossAccountSpokes: 1000 }), PRICES, quotas, 0, 0, "associations"), "associations"), []);
    });

    it("profile: 1,000 VPCs per profile fit, 1,001 are blocked; 5,000 zones per profile fit, 5,001 are blocked; associations then required, saying why", () => {
        assert.deepStrictEqual(blocked(compareDnsModes(counts(1000, { profileZones: 5000 }), PRICES, DEFAULT_QUOTAS, 0, 0, "profile"), "profile"), []);
        const m = compareDnsModes(counts(1001, { profileZones: 5001 }), PRICES, { ...DEFAULT_QUOTAS, vpcsPerZone: 5000, authorizationsPerZone: 5000 }, 0, 0, "profile");
        assert.deepStrictEqual(blocked(m, "profile"), ["1001 spoke VPCs exceed the 1000 VPCs per profile", "5001 zones exceed the 5000 zones per profile"]);
        assert.strictEqual(m.recommended, "associations");
        assert.match(m.reason, /^required by a quota: 1001 spoke VPCs exceed the 1000 VPCs per profile; 5001 zones exceed/);
    });

    it("from a plan: a hub registering 299 spokes (the hub's VPC makes 300) is not blocked, 300 spokes are; the spokes in the hub's account are not counted as authorizations", () => {
        const modes = (spec: SpokeSpec[]) => estimateCost(plan({ services: 1, spokes: spec.map(s => ({ ...s, inPlan: false })) }), PRICES, NO_COST).modes!;
        const assoc = (spec: SpokeSpec[]) => modes(spec).find(x => x.mode === "associations")!.blockedBy;
        assert.deepStrictEqual(assoc(spokes(299, "transitGateway")), []);
        assert.deepStrictEqual(assoc(spokes(300, "transitGateway")), ["300 spoke VPCs plus the hub VPC exceed the 300 VPCs per hosted zone"]);
    });
});

// ---------------------------------------------------------------------------------------

/** A hub stack of hand-built resources with the config fields the plan groups hubs by. */
function hub(name: string, resources: PlannedResource[], config: Partial<HubConfig> = {}, accountId = HUB_ACCOUNT, region = REGION): PlannedStack {
    return { stack: name, role: "hub", accountId, region, config: { role: "hub", stack: name, region, quotas: DEFAULT_QUOTAS, spokes: [], ...config } as unknown as HubConfig, resources, outputs: {} };
}
const zones = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => res(T.zone, `${prefix}${i}`, { name: `${prefix}${i}.example`, vpcs: [{ vpcId: `vpc-${prefix}` }] }, `Z${prefix}${i}`));
const shared = (stacks: PlannedStack[], name: Name) => sharedQuotaFindings(stacks).filter(x => x.finding.name === name).map(x => ({ hubs: x.hubs, over: x.finding.over }));

describe("quotas several hubs fill together, as the plan counts them (plan/hubs.ts sharedQuotaFindings)", () => {
    it("hosted zones per account: two hubs of one account with 250 zones each fit, 251 are over; hubs of two accounts are not added up", () => {
        assert.deepStrictEqual(shared([hub("a", zones("a", 250)), hub("b", zones("b", 250))], "zonesPerAccount"), [{ hubs: ["a", "b"], over: false }]);
        assert.deepStrictEqual(shared([hub("a", zones("a", 250)), hub("b", zones("b", 251))], "zonesPerAccount"), [{ hubs: ["a", "b"], over: true }]);
        assert.deepStrictEqual(shared([hub("a", zones("a", 300)), hub("b", zones("b", 300), {}, "999999999999")], "zonesPerAccount"), []);
    });

    it("attachments per Transit Gateway: two hubs on one gateway, each with its own attachment and 2,499 members', fit; one more member is over", () => {
        const tgwHub = (name: string, members: number): PlannedStack[] => [
            hub(name, [res(T.tgwAttachment, `${name}-hub`, { transitGatewayId: "tgw-1", vpcId: `vpc-${name}` })], { transitGatewayId: "tgw-1" }),
            ...Array.from({ length: members }, (_, i) => ({
                stack: `${name}-m${i}`, role: "spoke" as const, accountId: HUB_ACCOUNT, region: REGION,
                config: { role: "spoke", stack: `${name}-m${i}`, hubStack: name } as any,
                resources: [res(T.tgwAttachment, `${name}-m${i}`, { transitGatewayId: "tgw-1", vpcId: `vpc-${name}-${i}` })], outputs: {},
            })),
        ];
        assert.deepStrictEqual(shared([...tgwHub("a", 2499), ...tgwHub("b", 2499)], "attachmentsPerTransitGateway"), [{ hubs: ["a", "b"], over: false }]);
        assert.deepStrictEqual(shared([...tgwHub("a", 2499), ...tgwHub("b", 2500)], "attachmentsPerTransitGateway"), [{ hubs: ["a", "b"], over: true }]);
    });

    it("Route 53 Profiles per account and Region: five profile hubs of one account and Region fit, a sixth is over; in another Region it is not", () => {
        const profileHub = (i: number, region = REGION) => hub(`h${i}-${region}`, [res(T.profile, `profile`, { name: `vpce-hub-h${i}` }, `rp-${i}-${region}`)],
            { dns: { sharing: "profile", records: "zones" } as HubConfig["dns"] }, HUB_ACCOUNT, region);
        const hubs = (n: number) => Array.from({ length: n }, (_, i) => profileHub(i));
        assert.deepStrictEqual(shared(hubs(5), "profilesPerRegion").map(x => x.over), [false]);
        assert.deepStrictEqual(shared(hubs(6), "profilesPerRegion").map(x => x.over), [true]);
        assert.deepStrictEqual(shared([...hubs(5), profileHub(5, "us-east-1")], "profilesPerRegion").map(x => x.over), [false]);
    });
});

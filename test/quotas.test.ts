// Quota warnings and the Route 53 API budget, on hand-built plans. Expected counts are
// worked out by hand in the comments.
import * as assert from "assert";
import { DEFAULT_QUOTAS, Connectivity, Quotas } from "../lib/config";
import type { PlannedStack, Warning } from "../lib/model";
import { apiBudget, checkQuotas } from "../lib/quotas";
import { HUB_ACCOUNT, type SpokeSpec, plan } from "./fixtures/plans";

const spokesOf = (n: number, connectivity: Connectivity, sameAccount = false): SpokeSpec[] =>
    Array.from({ length: n }, (_, i) => ({ name: `spoke${i}`, connectivity, sameAccount }));

const only = (ws: Warning[], code: string) => ws.filter(w => w.code === code);

// ---------------------------------------------------------------------------------------

/**
 * For each quota, a plan that puts `n` of the counted things into one subject. With the quota
 * declared as 10: n = 8 is 80% (warn), n = 11 is over (warn), n = 7 is 70% (silent).
 */
const CASES: { name: keyof Quotas; awsName: RegExp; build: (n: number) => PlannedStack[] }[] = [
    // hub VPC + (n - 1) spoke associations = n VPCs on each zone
    { name: "vpcsPerZone", awsName: /VPCs that you can associate with a private hosted zone/, build: n => plan({ services: 1, spokes: spokesOf(n - 1, "transitGateway") }) },
    { name: "peeringsPerVpc", awsName: /Active VPC peering connections per VPC/, build: n => plan({ services: 1, spokes: spokesOf(n, "peering") }) },
    { name: "endpointsPerVpc", awsName: /Interface and Gateway Load Balancer endpoints per VPC/, build: n => plan({ services: n }) },
    { name: "zonesPerAccount", awsName: /Hosted zones/, build: n => plan({ services: 1, zonesPerService: n }) },
    // n spokes in other accounts: n authorizations on the one zone
    { name: "authorizationsPerZone", awsName: /authorizations per hosted zone/, build: n => plan({ services: 1, spokes: spokesOf(n, "peering") }) },
    // the hub's attachment + (n - 1) spokes' = n attachments on one TGW
    { name: "attachmentsPerTransitGateway", awsName: /Attachments per transit gateway/, build: n => plan({ services: 1, spokes: spokesOf(n - 1, "transitGateway") }) },
    { name: "recordsPerZone", awsName: /Records per hosted zone/, build: n => plan({ services: 1, recordsPerZone: n }) },
];

describe("quota warnings (lib/quotas.ts checkQuotas)", () => {
    for (const c of CASES) {
        const quotas: Quotas = { ...DEFAULT_QUOTAS, [c.name]: 10 };
        it(`${c.name}: warns at 80% of the limit, naming the quota, the number planned, the limit and the way out`, () => {
            const ws = only(checkQuotas(c.build(8), quotas), `quota:${c.name}`);
            assert.strictEqual(ws.length, 1, JSON.stringify(checkQuotas(c.build(8), quotas)));
            assert.match(ws[0].message, c.awsName);
            assert.match(ws[0].message, /would hold 8 /);
            assert.match(ws[0].message, /80% of the limit of 10/);
            assert.match(ws[0].message, /Way out: /);
        });
        it(`${c.name}: warns that creation fails when the plan is over the limit`, () => {
            const ws = only(checkQuotas(c.build(11), quotas), `quota:${c.name}`);
            assert.strictEqual(ws.length, 1);
            assert.match(ws[0].message, /would hold 11 .*over the limit of 10/);
        });
        it(`${c.name}: stays silent below 80% of the limit`, () => {
            assert.deepStrictEqual(checkQuotas(c.build(7), quotas), []);
        });
    }

    it("resolverIpsPerEndpoint: warns at 5 of the hard limit of 6 and says a second endpoint is the way out; silent at 4", () => {
        const ws = only(checkQuotas(plan({ services: 1, resolverIps: 5 })), "quota:resolverIpsPerEndpoint");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /IP addresses per Resolver endpoint.*would hold 5 IP addresses, 83% of the limit of 6/); // 5 / 6 = 0.83
        assert.match(ws[0].message, /second inbound endpoint/);
        assert.deepStrictEqual(checkQuotas(plan({ services: 1, resolverIps: 4 })), []); // 4 / 6 = 0.67
    });

    it("at AWS's defaults, 40 peering spokes (80% of 50) warn and 39 do not", () => {
        const ws = only(checkQuotas(plan({ services: 1, spokes: spokesOf(40, "peering") }), DEFAULT_QUOTAS), "quota:peeringsPerVpc");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /VPC vpc-hub .*would hold 40 active peerings, 80% of the limit of 50/);
        assert.match(ws[0].message, /at most 125/);
        assert.deepStrictEqual(checkQuotas(plan({ services: 1, spokes: spokesOf(39, "peering") }), DEFAULT_QUOTAS), []);
    });

    it("a quota the user declared raised silences the warning and is named as declared", () => {
        const stacks = plan({ services: 1, spokes: spokesOf(45, "peering") }); // 45 / 50 = 90%
        assert.strictEqual(only(checkQuotas(stacks, DEFAULT_QUOTAS), "quota:peeringsPerVpc").length, 1);
        assert.deepStrictEqual(checkQuotas(stacks, { ...DEFAULT_QUOTAS, peeringsPerVpc: 100 }), []); // 45 / 100 = 45%
        const declared = only(checkQuotas(stacks, { ...DEFAULT_QUOTAS, peeringsPerVpc: 55 }), "quota:peeringsPerVpc"); // 45 / 55 = 81%
        assert.match(declared[0].message, /declared in vpce-hub:quotas\.peeringsPerVpc; AWS default 50/);
    });

    it("peerings are held to AWS's hard limit of 125 even when a higher quota is declared", () => {
        const ws = only(checkQuotas(plan({ services: 1, spokes: spokesOf(110, "peering") }), { ...DEFAULT_QUOTAS, peeringsPerVpc: 200 }), "quota:peeringsPerVpc");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /110 active peerings, 88% of the limit of 125/); // 110 / 125 = 0.88
        assert.match(ws[0].message, /hard limit: connect further spokes by transitGateway/);
    });

    it("names one zone and counts the others when every zone is near its VPC limit", () => {
        // 3 zones, each with the hub VPC + 8 spokes = 9 of 10
        const ws = checkQuotas(plan({ services: 3, spokes: spokesOf(8, "transitGateway") }), { ...DEFAULT_QUOTAS, vpcsPerZone: 10 });
        const v = only(ws, "quota:vpcsPerZone");
        assert.strictEqual(v.length, 1);
        assert.match(v[0].message, /zone svc\d-0\.ap-northeast-1\.amazonaws\.com would hold 9 associated VPCs, 90% of the limit of 10 \(declared in vpce-hub:quotas\.vpcsPerZone; AWS default 300\); 2 more at 80% or more\./);
    });

    it("zones per account are counted in the account that holds them", () => {
        // 2 services x 5 zones = 10 zones in the hub account; spokes hold none
        const ws = only(checkQuotas(plan({ services: 2, zonesPerService: 5, spokes: spokesOf(2, "peering") }), { ...DEFAULT_QUOTAS, zonesPerAccount: 10 }), "quota:zonesPerAccount");
        assert.match(ws[0].message, /account 111111111111 would hold 10 hosted zones, 100% of the limit of 10/);
    });
});

describe("Route 53 API budget (lib/quotas.ts apiBudget)", () => {
    it("counts one call per create plus one GetChange poll per change, and Resolver calls apart", () => {
        // hub: 3 zones x 2 + 3 records x 2 + 2 spokes x 3 authorizations x 1 = 6 + 6 + 6 = 18
        // each spoke: 3 associations x 2 = 6;  total 18 + 6 + 6 = 30
        const b = apiBudget(plan({ services: 3, resolverIps: 2, spokes: spokesOf(2, "peering") }));
        assert.strictEqual(b.route53Calls, 30);
        assert.strictEqual(b.resolverCalls, 1);
        assert.strictEqual(b.byAccount[HUB_ACCOUNT].route53Calls, 18);
        assert.strictEqual(b.seconds, 3.6); // busiest account: 18 calls / 5 per s
        assert.strictEqual(b.warning, undefined);
    });

    it("warns when the busiest account needs more than 60 s at 5 requests/s, suggesting lower parallelism or batches", () => {
        // hub: 40 zones x 2 + 80 records x 2 + 3 spokes x 40 authorizations = 80 + 160 + 120 = 360 calls = 72 s
        // each spoke: 40 associations x 2 = 80 calls = 16 s
        const b = apiBudget(plan({ services: 40, recordsPerZone: 2, spokes: spokesOf(3, "transitGateway") }));
        assert.strictEqual(b.seconds, 72);
        assert.strictEqual(b.route53Calls, 600); // 360 + 3 x 80
        assert.ok(b.warning);
        assert.strictEqual(b.warning!.code, "quota:route53-api-rate");
        assert.match(b.warning!.message, /360 Route 53 API calls in account 111111111111/);
        assert.match(b.warning!.message, /40 zones, 80 records, 120 authorizations/);
        assert.match(b.warning!.message, /72 s at 5 requests\/s/);
        assert.match(b.warning!.message, /--parallel/);
        assert.match(b.warning!.message, /batches/);
    });

    it("adds up the calls of stacks in one account, since the rate limit is per account", () => {
        // 10 zones x 2 + 10 records x 2 = 40 in the hub; 5 same-account spokes x 10 associations x 2 = 100 (no authorizations)
        // one account: 140 calls = 28 s
        const same = apiBudget(plan({ services: 10, spokes: spokesOf(5, "transitGateway", true) }));
        assert.strictEqual(same.seconds, 28);
        assert.deepStrictEqual(Object.keys(same.byAccount), [HUB_ACCOUNT]);
        // in their own accounts: hub 40 + 50 authorizations = 90 calls = 18 s; each spoke 20 calls = 4 s
        const apart = apiBudget(plan({ services: 10, spokes: spokesOf(5, "transitGateway") }));
        assert.strictEqual(apart.seconds, 18);
    });

    it("takes the warning threshold and rate from options", () => {
        const b = apiBudget(plan({ services: 3, spokes: spokesOf(2, "peering") }), { warnAfterSeconds: 3 }); // 18 / 5 = 3.6 s > 3
        assert.strictEqual(b.warning?.code, "quota:route53-api-rate");
        assert.strictEqual(apiBudget(plan({ services: 3 }), { requestsPerSecond: 2 }).seconds, 6); // (3 x 2 + 3 x 2) / 2
    });
});

describe("quota: inbound rules per security group", () => {
    const sg = (cidrs: number, ports = 1) => [{
        stack: "shared", role: "hub", accountId: HUB_ACCOUNT, region: "ap-northeast-1", config: {} as any, outputs: {},
        resources: [{
            urn: "urn:sg", type: "aws:ec2/securityGroup:SecurityGroup", name: "s3-endpoint", id: "sg-1", outputs: {},
            inputs: { ingress: Array.from({ length: cidrs * ports }, (_, i) => ({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [`10.${i}.0.0/16`] })) },
        }],
    }] as PlannedStack[];

    it("warns when an endpoint's security group would exceed AWS's 60 inbound rules (one per spoke CIDR and port)", () => {
        const ws = only(checkQuotas(sg(61)), "quota:rulesPerSecurityGroup");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /Inbound or outbound rules per security group.*security group s3-endpoint .*would hold 61 inbound rules.*over the limit of 60/);
        assert.deepStrictEqual(only(checkQuotas(sg(47)), "quota:rulesPerSecurityGroup"), []); // 47 / 60 = 0.78
    });

    it("is silenced by a declared raised quota", () => {
        assert.deepStrictEqual(only(checkQuotas(sg(61), { ...DEFAULT_QUOTAS, rulesPerSecurityGroup: 200 }), "quota:rulesPerSecurityGroup"), []);
    });

    it("counts IPv4 and IPv6 rules separately, as AWS does (a dual-stack group with 40 of each stays under 60)", () => {
        const stacks = sg(40);
        const ingress = stacks[0].resources[0].inputs.ingress;
        ingress.push(...Array.from({ length: 40 }, (_, i) => ({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: [`2600:1f18:abcd:${(0x1300 + i).toString(16)}::/56`] })));
        assert.deepStrictEqual(only(checkQuotas(stacks), "quota:rulesPerSecurityGroup"), []);
        ingress.push(...Array.from({ length: 21 }, (_, i) => ({ protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: [`2600:1f18:abce:${(0x1300 + i).toString(16)}::/56`] })));
        assert.match(only(checkQuotas(stacks), "quota:rulesPerSecurityGroup")[0].message, /would hold 61 inbound rules/);
    });
});

describe("quota: routes per route table (a route to a prefix list counts as its max entries)", () => {
    const table = (routes: number, listMaxEntries?: number) => [{
        stack: "shared", role: "hub", accountId: HUB_ACCOUNT, region: "ap-northeast-1", config: {} as any, outputs: {},
        resources: [
            ...Array.from({ length: routes }, (_, i) => ({
                urn: `urn:r${i}`, type: "aws:ec2/route:Route", name: `r${i}`, id: `r-${i}`, outputs: {},
                inputs: { routeTableId: "rtb-hub", destinationCidrBlock: `10.${i}.0.0/16`, vpcPeeringConnectionId: `pcx-${i}` },
            })),
            ...(listMaxEntries === undefined ? [] : [
                { urn: "urn:pl", type: "aws:ec2/managedPrefixList:ManagedPrefixList", name: "transit-gateway-spokes", id: "pl-1", outputs: {}, inputs: { maxEntries: listMaxEntries, entries: [] } },
                { urn: "urn:plr", type: "aws:ec2/route:Route", name: "to-list", id: "r-pl", outputs: {}, inputs: { routeTableId: "rtb-hub", destinationPrefixListId: "pl-1", transitGatewayId: "tgw-1" } },
            ]),
        ],
    }] as PlannedStack[];

    it("warns when a hub route table would exceed AWS's 50 routes, naming the table", () => {
        const ws = only(checkQuotas(table(51)), "quota:routesPerRouteTable");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /quota "Routes per route table": route table rtb-hub \(stack shared\) would hold 51 routes .*over the limit of 50/);
        assert.deepStrictEqual(only(checkQuotas(table(39)), "quota:routesPerRouteTable"), []); // 39 / 50 = 0.78
    });

    it("counts a route to a prefix list of 30 max entries as 30 routes: 10 + 30 = 40 is 80%", () => {
        const ws = only(checkQuotas(table(10, 30)), "quota:routesPerRouteTable");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /would hold 40 routes .*80% of the limit of 50/);
        assert.deepStrictEqual(only(checkQuotas(table(10, 29)), "quota:routesPerRouteTable"), []); // 39
    });
});

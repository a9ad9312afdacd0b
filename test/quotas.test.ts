// Quota warnings and the Route 53 API budget, on hand-built plans. Expected counts are
// worked out by hand in the comments.
import * as assert from "assert";
import { DEFAULT_QUOTAS, Connectivity, Quotas } from "../lib/config";
import type { PlannedStack, Warning } from "../lib/model";
import { apiBudget, checkQuotas, quotaFindings, quotaKey } from "../lib/checks/quotas";
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
    // n addresses on the hub's inbound Resolver endpoint
    { name: "resolverIpsPerEndpoint", awsName: /IP addresses per Resolver endpoint/, build: n => plan({ services: 1, resolverIps: n }) },
];

describe("quota warnings (lib/checks/quotas.ts checkQuotas)", () => {
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

    it("resolverIpsPerEndpoint: warns at 5 of AWS's default of 6, which is adjustable (raise it, or add a second endpoint); silent at 4", () => {
        const ws = only(checkQuotas(plan({ services: 1, resolverIps: 5 })), "quota:resolverIpsPerEndpoint");
        assert.strictEqual(ws.length, 1);
        assert.match(ws[0].message, /IP addresses per Resolver endpoint.*would hold 5 IP addresses, 83% of the limit of 6/); // 5 / 6 = 0.83
        assert.match(ws[0].message, /ask AWS to raise it \(adjustable\), then set vpce-hub:quotas\.resolverIpsPerEndpoint/);
        assert.match(ws[0].message, /second inbound endpoint/);
        assert.doesNotMatch(ws[0].message, /hard/);
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

describe("Route 53 API budget (lib/checks/quotas.ts apiBudget)", () => {
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

// ---------------------------------------------------------------------------------------
// The warnings word for word: what the user reads is the quota's AWS name, the subject, the
// count, the limit (declared or AWS's) and the way out.

const R = (type: string, name: string, id: string, inputs: Record<string, any>) => ({ urn: `urn:${name}`, type, name, id, inputs, outputs: {} });
const hubOnly = (resources: ReturnType<typeof R>[], stack = "shared", accountId = HUB_ACCOUNT): PlannedStack[] =>
    [{ stack, role: "hub", accountId, region: "ap-northeast-1", config: {} as any, outputs: {}, resources }] as PlannedStack[];
/** Zones z0, z1, ... in the plan holding the given numbers of records. */
const zonesWithRecords = (counts: number[]) => hubOnly(counts.flatMap((n, i) => [
    R("aws:route53/zone:Zone", `z${i}`, `Z${i}`, { name: `z${i}.example.internal`, vpcs: [{ vpcId: "vpc-hub" }] }),
    ...Array.from({ length: n }, (_, k) => R("aws:route53/record:Record", `z${i}-r${k}`, `r${i}-${k}`, { zoneId: `Z${i}`, type: "A" })),
]));
const messages = (stacks: PlannedStack[], code: string, quotas: Quotas = DEFAULT_QUOTAS) => only(checkQuotas(stacks, quotas), code).map(w => w.message);

describe("quota warnings word for word (lib/checks/quotas.ts)", () => {
    const declared10 = (name: keyof Quotas) => ({ ...DEFAULT_QUOTAS, [name]: 10 });
    const zone = "zone svc0-0.ap-northeast-1.amazonaws.com";
    const WORDING: { name: keyof Quotas; stacks: () => PlannedStack[]; message: string }[] = [
        {
            name: "vpcsPerZone", stacks: () => plan({ services: 1, spokes: spokesOf(7, "transitGateway") }),
            message: `quota "VPCs that you can associate with a private hosted zone": ${zone} would hold 8 associated VPCs, 80% of the limit of 10 ` +
                "(declared in vpce-hub:quotas.vpcsPerZone; AWS default 300). Way out: set vpce-hub:dns.sharing: profile (each spoke VPC is associated once " +
                "with a Route 53 Profile, up to 1000 VPCs, instead of with every zone), which is what AWS's quotas page recommends above 300: it offers no " +
                "increase for this quota; or split the spokes across two hubs; only if AWS raised it for your account anyway, set vpce-hub:quotas.vpcsPerZone.",
        },
        {
            name: "peeringsPerVpc", stacks: () => plan({ services: 1, spokes: spokesOf(8, "peering") }),
            message: "quota \"Active VPC peering connections per VPC\": VPC vpc-hub (stack shared) would hold 8 active peerings, 80% of the limit of 10 " +
                "(declared in vpce-hub:quotas.peeringsPerVpc; AWS default 50). Way out: raise it in Service Quotas (at most 125), then set " +
                "vpce-hub:quotas.peeringsPerVpc; or connect spokes by transitGateway.",
        },
        {
            name: "endpointsPerVpc", stacks: () => plan({ services: 8 }),
            message: "quota \"Interface and Gateway Load Balancer endpoints per VPC\": VPC vpc-hub (stack shared) would hold 8 interface endpoints, " +
                "80% of the limit of 10 (declared in vpce-hub:quotas.endpointsPerVpc; AWS default 50). Way out: raise it in Service Quotas, then set " +
                "vpce-hub:quotas.endpointsPerVpc; or drop services nobody uses.",
        },
        {
            name: "zonesPerAccount", stacks: () => plan({ services: 1, zonesPerService: 8 }),
            message: "quota \"Hosted zones (per account)\": account 111111111111 would hold 8 hosted zones, 80% of the limit of 10 " +
                "(declared in vpce-hub:quotas.zonesPerAccount; AWS default 500). Way out: ask AWS to raise it, then set vpce-hub:quotas.zonesPerAccount; " +
                "zones the account already holds count too.",
        },
        {
            name: "authorizationsPerZone", stacks: () => plan({ services: 1, spokes: spokesOf(8, "peering") }),
            message: `quota "VPC association authorizations per hosted zone": ${zone} would hold 8 authorizations, 80% of the limit of 10 ` +
                "(declared in vpce-hub:quotas.authorizationsPerZone; AWS default 1000). Way out: share the zones through Route 53 Profiles instead " +
                "(vpce-hub:dns.sharing: profile), which needs no authorizations; or delete the authorizations of spokes already associated " +
                "(aws route53 delete-vpc-association-authorization: each only admits the one association call); or ask AWS to raise the quota and set " +
                "vpce-hub:quotas.authorizationsPerZone.",
        },
        {
            name: "attachmentsPerTransitGateway", stacks: () => plan({ services: 1, spokes: spokesOf(7, "transitGateway") }),
            message: "quota \"Attachments per transit gateway\": Transit Gateway tgw-0hub would hold 8 attachments, 80% of the limit of 10 " +
                "(declared in vpce-hub:quotas.attachmentsPerTransitGateway; AWS default 5000). Way out: raise it in Service Quotas, then set " +
                "vpce-hub:quotas.attachmentsPerTransitGateway; or add a second Transit Gateway.",
        },
        {
            name: "recordsPerZone", stacks: () => plan({ services: 1, recordsPerZone: 8 }),
            message: `quota "Records per hosted zone": ${zone} would hold 8 records, 80% of the limit of 10 ` +
                "(declared in vpce-hub:quotas.recordsPerZone; AWS default 10000). Way out: ask AWS to raise it, then set vpce-hub:quotas.recordsPerZone.",
        },
    ];
    for (const w of WORDING) {
        it(`${w.name} at 80% of a declared 10: the whole warning, with the way out`, () => {
            assert.deepStrictEqual(messages(w.stacks(), `quota:${w.name}`, declared10(w.name)), [w.message]);
        });
    }

    it("at AWS's defaults no 'declared' is said: 61 inbound rules on an endpoint's security group, and the way out", () => {
        const stacks = hubOnly([R("aws:ec2/securityGroup:SecurityGroup", "s3-endpoint", "sg-1", {
            ingress: Array.from({ length: 61 }, (_, i) => ({ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [`10.${i}.0.0/16`] })),
        })]);
        assert.deepStrictEqual(messages(stacks, "quota:rulesPerSecurityGroup"), [
            "quota \"Inbound or outbound rules per security group\": security group s3-endpoint (stack shared) would hold 61 inbound rules " +
            "(one per CIDR and port; a prefix list counts as its max entries), over the limit of 60: creation will fail. Way out: raise it in " +
            "Service Quotas (rules per group x groups per network interface may not exceed 1,000), then set vpce-hub:quotas.rulesPerSecurityGroup; " +
            "or give spokes CIDRs that summarize into fewer blocks.",
        ]);
    });

    it("routes per route table: the whole warning, naming a table whose id is not known yet as '?'", () => {
        const stacks = hubOnly(Array.from({ length: 51 }, (_, i) => R("aws:ec2/route:Route", `r${i}`, `r-${i}`, { destinationCidrBlock: `10.${i}.0.0/16` })));
        assert.deepStrictEqual(messages(stacks, "quota:routesPerRouteTable"), [
            "quota \"Routes per route table\": route table ? (stack shared) would hold 51 routes (a route to a prefix list counts as its max entries), " +
            "over the limit of 50: creation will fail. Way out: raise it in Service Quotas (at most 1,000), then set vpce-hub:quotas.routesPerRouteTable; " +
            "or give Transit Gateway spokes CIDRs from one pool, so their routes aggregate into fewer blocks (peering spokes need one route each).",
        ]);
    });

    it("the Resolver's 6 addresses per endpoint at AWS's default: the whole warning, with the raise and the second endpoint as ways out", () => {
        assert.deepStrictEqual(messages(plan({ services: 1, resolverIps: 5 }), "quota:resolverIpsPerEndpoint"), [
            "quota \"IP addresses per Resolver endpoint\": Resolver endpoint inbound (stack shared) would hold 5 IP addresses, 83% of the limit of 6. " +
            "Way out: ask AWS to raise it (adjustable), then set vpce-hub:quotas.resolverIpsPerEndpoint; or, for more capacity, add a second inbound " +
            "endpoint and list its addresses in the on-prem forwarders.",
        ]);
    });

    it("a declared peering quota of 125 is AWS's hard limit: the way out is transitGateway, not a raise", () => {
        assert.deepStrictEqual(messages(plan({ services: 1, spokes: spokesOf(110, "peering") }), "quota:peeringsPerVpc", { ...DEFAULT_QUOTAS, peeringsPerVpc: 125 }), [
            "quota \"Active VPC peering connections per VPC\": VPC vpc-hub (stack shared) would hold 110 active peerings, 88% of the limit of 125 " +
            "(declared in vpce-hub:quotas.peeringsPerVpc; AWS default 50). Way out: 125 is AWS's hard limit: connect further spokes by transitGateway.",
        ]);
    });

    it("Route 53 Profiles: VPCs per profile, profiles per account and Region, and zones per profile (endpoints in the profile are not zones)", () => {
        const stacks = hubOnly([
            ...Array.from({ length: 4 }, (_, i) => R("aws:route53/profilesProfile:ProfilesProfile", `profile${i}`, `rp-${i}`, { name: i ? `other-${i}` : "vpce-hub" })),
            ...Array.from({ length: 8 }, (_, i) => R("aws:route53/profilesAssociation:ProfilesAssociation", `assoc${i}`, `rpassoc-${i}`, { profileId: "rp-0", resourceId: `vpc-${i}` })),
            ...Array.from({ length: 8 }, (_, i) => R("aws:route53/profilesResourceAssociation:ProfilesResourceAssociation", `zone${i}`, `rpr-z${i}`,
                { profileId: "rp-0", resourceArn: `arn:aws:route53:::hostedzone/Z${i}` })),
            ...Array.from({ length: 5 }, (_, i) => R("aws:route53/profilesResourceAssociation:ProfilesResourceAssociation", `endpoint${i}`, `rpr-e${i}`,
                { profileId: "rp-0", resourceArn: `arn:aws:ec2:ap-northeast-1:111111111111:vpc-endpoint/vpce-${i}` })),
        ]);
        const quotas = { ...DEFAULT_QUOTAS, vpcsPerProfile: 10, zonesPerProfile: 10 };
        assert.deepStrictEqual(messages(stacks, "quota:vpcsPerProfile", quotas), [
            "quota \"VPCs per Profile\": Route 53 Profile vpce-hub (stack shared) would hold 8 associated VPCs, 80% of the limit of 10 " +
            "(declared in vpce-hub:quotas.vpcsPerProfile; AWS default 1000). Way out: ask AWS to raise it (adjustable), then set vpce-hub:quotas.vpcsPerProfile; " +
            "or split the spokes across two hubs.",
        ]);
        assert.deepStrictEqual(messages(stacks, "quota:profilesPerRegion", quotas), [
            "quota \"Profiles per Region per account\": account 111111111111 in ap-northeast-1 would hold 4 Route 53 Profiles, 80% of the limit of 5. " +
            "Way out: profiles the account already holds count too: remove unused ones, or ask AWS to raise it and set vpce-hub:quotas.profilesPerRegion.",
        ]);
        assert.deepStrictEqual(messages(stacks, "quota:zonesPerProfile", quotas), [
            "quota \"Private hosted zones per Profile\": Route 53 Profile vpce-hub (stack shared) would hold 8 private hosted zones, 80% of the limit of 10 " +
            "(declared in vpce-hub:quotas.zonesPerProfile; AWS default 5000). Way out: ask AWS to raise it, then set vpce-hub:quotas.zonesPerProfile; " +
            "or drop services nobody uses.",
        ]);
    });

    it("names what the plan does not hold by its id: a profile, a zone, a Transit Gateway or a VPC created elsewhere or not known yet", () => {
        const q = { ...DEFAULT_QUOTAS, vpcsPerProfile: 10, recordsPerZone: 10, attachmentsPerTransitGateway: 10, peeringsPerVpc: 10 };
        const spokeSide = hubOnly([
            ...Array.from({ length: 9 }, (_, i) => R("aws:route53/profilesAssociation:ProfilesAssociation", `assoc${i}`, `rpassoc-${i}`, { profileId: "rp-0hub", resourceId: `vpc-${i}` })),
            ...Array.from({ length: 9 }, (_, i) => R("aws:route53/record:Record", `r${i}`, `r-${i}`, { zoneId: "Z0EXISTING", type: "A" })),
            ...Array.from({ length: 9 }, (_, i) => R("aws:ec2transitgateway/vpcAttachment:VpcAttachment", `att${i}`, `tgw-attach-${i}`, { vpcId: `vpc-${i}` })),
            ...Array.from({ length: 9 }, (_, i) => R("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", `pcx${i}`, `pcx-${i}`, { peerVpcId: `vpc-${i}` })),
        ], "member");
        assert.match(messages(spokeSide, "quota:vpcsPerProfile", q)[0], /^quota "VPCs per Profile": Route 53 Profile rp-0hub would hold 9 associated VPCs, 90% /);
        assert.match(messages(spokeSide, "quota:recordsPerZone", q)[0], /^quota "Records per hosted zone": zone Z0EXISTING would hold 9 records, 90% /);
        assert.match(messages(spokeSide, "quota:attachmentsPerTransitGateway", q)[0], /^quota "Attachments per transit gateway": the Transit Gateway would hold 9 attachments, 90% /);
        assert.match(messages(spokeSide, "quota:peeringsPerVpc", q)[0], /^quota "Active VPC peering connections per VPC": VPC \? \(stack member\) would hold 9 active peerings, 90% /);
        const endpoints = hubOnly(Array.from({ length: 9 }, (_, i) => R("aws:ec2/vpcEndpoint:VpcEndpoint", `svc${i}`, `vpce-${i}`, { vpcEndpointType: "Interface" })));
        assert.match(messages(endpoints, "quota:endpointsPerVpc", { ...DEFAULT_QUOTAS, endpointsPerVpc: 10 })[0],
            /^quota "Interface and Gateway Load Balancer endpoints per VPC": VPC \? \(stack shared\) would hold 9 interface endpoints, 90% /);
    });

    it("a zone created with two VPCs whose ids are not known yet counts both", () => {
        const stacks = hubOnly([
            R("aws:route53/zone:Zone", "z", "Z1", { name: "z.example.internal", vpcs: [{}, {}] }),
            ...Array.from({ length: 6 }, (_, i) => R("aws:route53/zoneAssociation:ZoneAssociation", `a${i}`, `a-${i}`, { zoneId: "Z1", vpcId: `vpc-${i}` })),
        ]);
        // 2 + 6 = 8 of 10
        assert.match(messages(stacks, "quota:vpcsPerZone", { ...DEFAULT_QUOTAS, vpcsPerZone: 10 })[0], /zone z\.example\.internal would hold 8 associated VPCs, 80% of the limit of 10/);
    });

    it("names the fullest subject and counts the others over the limit and at 80% or more", () => {
        const q = { ...DEFAULT_QUOTAS, recordsPerZone: 10 };
        const tail = (counts: number[]) => messages(zonesWithRecords(counts), "quota:recordsPerZone", q)
            .map(m => m.replace(/^quota "Records per hosted zone": /, "").replace(/ \(declared in .*$/, "").replace(/ Way out: .*$/, ""));
        assert.deepStrictEqual(tail([8, 10, 9]), ["zone z1.example.internal would hold 10 records, 100% of the limit of 10"]);
        assert.match(messages(zonesWithRecords([8, 10, 9]), "quota:recordsPerZone", q)[0], /AWS default 10000\); 2 more at 80% or more\. Way out/);
        const others = (counts: number[]) => messages(zonesWithRecords(counts), "quota:recordsPerZone", q)[0].match(/AWS default 10000\)(.*)\. Way out/)![1];
        assert.strictEqual(others([9, 12, 11]), ": creation will fail; 1 more over the limit, 1 at 80% or more");
        assert.strictEqual(others([11, 12, 11]), ": creation will fail; 2 more over the limit");
        assert.strictEqual(others([12, 9]), ": creation will fail; 1 more at 80% or more");
        assert.strictEqual(others([12]), ": creation will fail");
        assert.strictEqual(others([8]), "");
        assert.match(messages(zonesWithRecords([9, 12, 11]), "quota:recordsPerZone", q)[0], /zone z1\.example\.internal would hold 12 records, over the limit of 10 \(declared/);
    });

    it("a quota's error names the config key to declare it in, the Resolver's addresses included (adjustable, not a hard limit)", () => {
        assert.strictEqual(quotaKey("resolverIpsPerEndpoint"), "vpce-hub:quotas.resolverIpsPerEndpoint");
        assert.strictEqual(quotaKey("vpcsPerZone"), "vpce-hub:quotas.vpcsPerZone");
    });
});

describe("Route 53 API budget: the warning word for word (lib/checks/quotas.ts apiBudget)", () => {
    it("names the busiest account's zones, records and authorizations, and nothing it does not create", () => {
        const b = apiBudget(plan({ services: 40, recordsPerZone: 2, spokes: spokesOf(3, "transitGateway") }));
        assert.strictEqual(b.warning!.message, "creating the plan needs at least 360 Route 53 API calls in account 111111111111 " +
            "(40 zones, 80 records, 120 authorizations; each change counted with one GetChange poll), about 72 s at 5 requests/s per account, " +
            "more than 60 s: expect Throttling and PriorRequestNotComplete retries. Way out: lower the parallelism (pulumi up --parallel 4) " +
            "or create the plan in batches (a few services or spokes per pulumi up).");
    });

    it("counts the zone associations of spokes in the hub's own account", () => {
        // 25 zones x 2 + 25 records x 2 + 5 spokes x 25 associations x 2 = 350 calls = 70 s
        const b = apiBudget(plan({ services: 25, spokes: spokesOf(5, "transitGateway", true) }));
        assert.match(b.warning!.message, /^creating the plan needs at least 350 Route 53 API calls in account 111111111111 \(25 zones, 25 records, 125 zone associations; each change counted/);
    });
});

describe("quotas as the Route 53 quotas page publishes them now (issue 22): each at its exact boundary", () => {
    const over = (stacks: PlannedStack[], name: keyof Quotas, quotas: Quotas = DEFAULT_QUOTAS) => {
        const f = quotaFindings(stacks, quotas).filter(x => x.name === name);
        return f.length ? f[0].over : undefined;
    };

    it("1,000 VPC association authorizations per zone by default: 1,000 spokes in other accounts fit, the 1,001st is over", () => {
        assert.strictEqual(DEFAULT_QUOTAS.authorizationsPerZone, 1000);
        assert.strictEqual(over(plan({ services: 1, spokes: spokesOf(1000, "peering") }), "authorizationsPerZone"), false);
        assert.strictEqual(over(plan({ services: 1, spokes: spokesOf(1001, "peering") }), "authorizationsPerZone"), true);
    });

    it("300 VPCs per zone, with no increase offered: the hub and 299 spokes fit, a 300th spoke is over, and the way out is Route 53 Profiles", () => {
        assert.strictEqual(over(plan({ services: 1, spokes: spokesOf(299, "transitGateway") }), "vpcsPerZone"), false);
        assert.strictEqual(over(plan({ services: 1, spokes: spokesOf(300, "transitGateway") }), "vpcsPerZone"), true);
        const [m] = messages(plan({ services: 1, spokes: spokesOf(300, "transitGateway") }), "quota:vpcsPerZone");
        assert.match(m, /would hold 301 associated VPCs, over the limit of 300: creation will fail/);
        assert.match(m, /AWS's quotas page recommends above 300: it offers no increase for this quota/);
        assert.doesNotMatch(m, /ask AWS to raise it/);
    });

    it("6 IP addresses per Resolver endpoint by default, adjustable: 6 fit and 7 are over; declared 8: 8 fit and 9 are over", () => {
        assert.strictEqual(over(plan({ services: 1, resolverIps: 6 }), "resolverIpsPerEndpoint"), false);
        assert.strictEqual(over(plan({ services: 1, resolverIps: 7 }), "resolverIpsPerEndpoint"), true);
        const raised = { ...DEFAULT_QUOTAS, resolverIpsPerEndpoint: 8 };
        assert.strictEqual(over(plan({ services: 1, resolverIps: 8 }), "resolverIpsPerEndpoint", raised), false);
        assert.strictEqual(over(plan({ services: 1, resolverIps: 9 }), "resolverIpsPerEndpoint", raised), true);
        assert.match(messages(plan({ services: 1, resolverIps: 9 }), "quota:resolverIpsPerEndpoint", raised)[0],
            /over the limit of 8 \(declared in vpce-hub:quotas\.resolverIpsPerEndpoint; AWS default 6\)/);
    });
});

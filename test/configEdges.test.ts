// The edges of the hub's config readers, each written out: the last accepted and the first
// refused value of every bounded number, numbers as Pulumi passes them (text), anchored
// patterns, and the cross-key rules. Each case is a user's edit of the example hub; the
// expected lines are what the user must read (error: shared: <key>: <message>).
import * as assert from "assert";
import { HubConfig, parseStackConfig } from "../lib/config";
import { exampleRaw } from "./helpers";

const base = exampleRaw().shared;
const vpc = base["vpce-hub:vpc"];
const onPrem = (extra: Record<string, unknown>) => ({ "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], ...extra } });
const withVgw = (extra: Record<string, unknown>) => onPrem({ vpnGatewayId: "vgw-0123456789abcdef0", ...extra });
const addresses = (n: number) => Array.from({ length: n }, (_, i) => ({ subnetId: vpc.subnetIds[i % 2], ip: `10.0.${i % 2}.${10 + i}` }));

function parse(edit: Record<string, unknown>): { errors: string[]; config?: HubConfig } {
    const r = parseStackConfig("shared", { ...base, ...edit });
    return { errors: r.errors.map(e => `${e.key}: ${e.message}`), config: r.config as HubConfig | undefined };
}

/** [what the user did, the edit, the errors they read]. */
const REFUSED: [string, Record<string, unknown>, string[]][] = [
    ["a quota of 0", { "vpce-hub:quotas": { zonesPerAccount: 0 } }, ["vpce-hub:quotas.zonesPerAccount: must be between 1 and 1000000, got 0"]],
    ["a quota above 1,000,000", { "vpce-hub:quotas": { zonesPerAccount: 1000001 } }, ["vpce-hub:quotas.zonesPerAccount: must be between 1 and 1000000, got 1000001"]],
    ["a fractional quota", { "vpce-hub:quotas": { zonesPerAccount: 2.5 } }, ["vpce-hub:quotas.zonesPerAccount: must be a whole number, got number 2.5"]],
    ["a quota with letters", { "vpce-hub:quotas": { zonesPerAccount: "12a" } }, ['vpce-hub:quotas.zonesPerAccount: must be a whole number, got the string "12a"']],
    ["126 peerings per VPC, past AWS's hard 125", { "vpce-hub:quotas": { peeringsPerVpc: 126 } }, ["vpce-hub:quotas.peeringsPerVpc: AWS allows at most 125 active peerings per VPC"]],
    ["a negative traffic estimate", { "vpce-hub:cost": { gbPerMonthPerSpoke: "-1" } }, ['vpce-hub:cost.gbPerMonthPerSpoke: must be a number >= 0, got the string "-1"']],
    ["a blank traffic estimate", { "vpce-hub:cost": { gbPerMonthPerSpoke: " " } }, ['vpce-hub:cost.gbPerMonthPerSpoke: must be a number >= 0, got the string " "']],
    ["an infinite traffic estimate", { "vpce-hub:cost": { gbPerMonthPerSpoke: "Infinity" } }, ['vpce-hub:cost.gbPerMonthPerSpoke: must be a number >= 0, got the string "Infinity"']],
    ["a created VPC in 1 AZ", { "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 1 } }, ["vpce-hub:vpc.availabilityZones: must be between 2 and 6, got 1"]],
    ["a created VPC in 7 AZs", { "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 7 } }, ["vpce-hub:vpc.availabilityZones: must be between 2 and 6, got 7"]],
    ["a created VPC smaller than /24", { "vpce-hub:vpc": { cidr: "10.0.0.0/25" } }, ["vpce-hub:vpc.cidr: 10.0.0.0/25 is too small for a new VPC: use /24 or larger"]],
    ["subnets for a VPC the hub creates", { "vpce-hub:vpc": { cidr: "10.0.0.0/16", subnetIds: ["subnet-1"] } },
        ["vpce-hub:vpc: without `id` the hub creates the VPC: drop subnetIds and routeTableIds, or give the existing VPC's id"]],
    ["port 0", { "vpce-hub:services": [{ name: "sqs", ports: [0] }] }, ["vpce-hub:services[0].ports[0]: must be between 1 and 65535, got 0"]],
    ["port 65536", { "vpce-hub:services": [{ name: "sqs", ports: [65536] }] }, ["vpce-hub:services[0].ports[0]: must be between 1 and 65535, got 65536"]],
    ["BGP ASN 0", onPrem({ customerGateway: { ip: "203.0.113.10", bgpAsn: 0 } }), ["vpce-hub:onPrem.customerGateway.bgpAsn: must be between 1 and 4294967294, got 0"]],
    ["BGP ASN 4294967295 (reserved)", onPrem({ customerGateway: { ip: "203.0.113.10", bgpAsn: 4294967295 } }),
        ["vpce-hub:onPrem.customerGateway.bgpAsn: must be between 1 and 4294967294, got 4294967295"]],
    ["a customer gateway address that is not IPv4", onPrem({ customerGateway: { ip: "203.0.113.300" } }), ['vpce-hub:onPrem.customerGateway.ip: "203.0.113.300" is not an IPv4 address']],
    ["7 pinned Resolver addresses, past the endpoint's 6 (AWS's default quota)", withVgw({ resolverAddresses: addresses(7) }),
        ["vpce-hub:onPrem.resolverAddresses: a Resolver endpoint holds at most 6 addresses (quota \"IP addresses per Resolver endpoint\", AWS's default), got 7: " +
            "ask AWS to raise it (adjustable), then set vpce-hub:quotas.resolverIpsPerEndpoint"]],
    ["9 pinned Resolver addresses, past a raised quota of 8", { ...withVgw({ resolverAddresses: addresses(9) }), "vpce-hub:quotas": { resolverIpsPerEndpoint: 8 } },
        ["vpce-hub:onPrem.resolverAddresses: a Resolver endpoint holds at most 8 addresses (quota \"IP addresses per Resolver endpoint\", declared in vpce-hub:quotas.resolverIpsPerEndpoint), got 9: " +
            "ask AWS to raise it (adjustable), then set vpce-hub:quotas.resolverIpsPerEndpoint"]],
    ["pinned Resolver addresses outside the hub VPC or in a subnet not listed", withVgw({ resolverAddresses: [
        { subnetId: vpc.subnetIds[0], ip: "10.9.0.10" }, { subnetId: "subnet-0ffffffffffffffff", ip: "10.0.1.10" }] }), [
        "vpce-hub:onPrem.resolverAddresses[0].ip: 10.9.0.10 is outside the hub VPC 10.0.0.0/16",
        "vpce-hub:onPrem.resolverAddresses[1].subnetId: subnet-0ffffffffffffffff is not one of vpce-hub:vpc.subnetIds",
    ]],
    ["a pinned Resolver address that is not IPv4", withVgw({ resolverAddresses: [{ subnetId: vpc.subnetIds[0], ip: "10.0.0.999" }, { subnetId: vpc.subnetIds[1], ip: "10.0.1.10" }] }),
        ['vpce-hub:onPrem.resolverAddresses[0].ip: "10.0.0.999" is not an IPv4 address']],
    ["an 11-digit account id", { "vpce-hub:accountId": "12345678901" },
        ['vpce-hub:accountId: "12345678901" is not a 12-digit AWS account id; if it begins with 0, quote it in YAML so the leading zeros stay']],
    ["a 13-digit account id", { "vpce-hub:accountId": "1234567890123" }, ['vpce-hub:accountId: "1234567890123" is not a 12-digit AWS account id']],
    ["an organization id with text before o-", { "vpce-hub:organizationId": "xo-abcdefghij" }, ['vpce-hub:organizationId: "xo-abcdefghij" is not an AWS Organizations id (o-...)']],
    ["an organization id with text after it", { "vpce-hub:organizationId": "o-abcdefghij!" }, ['vpce-hub:organizationId: "o-abcdefghij!" is not an AWS Organizations id (o-...)']],
    ["an endpoint service name with stray characters", { "vpce-hub:services": [{ name: "foo", zones: ["foo.ap-northeast-1.amazonaws.com"], endpointService: "xcom.amazonaws.ap-northeast-1.foo!" }] },
        ['vpce-hub:services[0].endpointService: "xcom.amazonaws.ap-northeast-1.foo!" is not an endpoint service name']],
    ["an existing Transit Gateway and no spoke on it", { "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0" }, "vpce-hub:spokes": [base["vpce-hub:spokes"][0]] },
        ["vpce-hub:transitGateway.id: is set but no spoke uses connectivity: transitGateway"]],
];

describe("hub config edges: each refused value gets exactly its error", () => {
    for (const [what, edit, expected] of REFUSED) {
        it(`${what}: ${expected.length === 1 ? expected[0] : `${expected.length} errors`}`, () => {
            const r = parse(edit);
            assert.deepStrictEqual(r.errors, expected);
            assert.strictEqual(r.config, undefined, "no config with errors");
        });
    }
});

describe("hub config edges: the limits themselves and numbers written as text are accepted as meant", () => {
    const ok = (edit: Record<string, unknown>) => {
        const r = parse(edit);
        assert.deepStrictEqual(r.errors, []);
        return r.config!;
    };

    it("quotas 1 and 1,000,000, and \"600\" as text, are taken as those numbers; unset quotas keep AWS's defaults", () => {
        assert.strictEqual(ok({ "vpce-hub:quotas": { zonesPerAccount: 1 } }).quotas.zonesPerAccount, 1);
        assert.strictEqual(ok({ "vpce-hub:quotas": { zonesPerAccount: 1000000 } }).quotas.zonesPerAccount, 1000000);
        const q = ok({ "vpce-hub:quotas": { zonesPerAccount: "600" } }).quotas;
        assert.strictEqual(q.zonesPerAccount, 600);
        // Route 53's default of 1,000 authorizations per zone, 6 Resolver addresses and VPC peering's 50 per VPC stay.
        assert.deepStrictEqual([q.authorizationsPerZone, q.resolverIpsPerEndpoint, q.peeringsPerVpc], [1000, 6, 50]);
        assert.strictEqual(ok({ "vpce-hub:quotas": { peeringsPerVpc: 125 } }).quotas.peeringsPerVpc, 125);
    });

    it("traffic estimates 0 and \"1.5\" (text) are taken as numbers, and an unset one is 0", () => {
        assert.strictEqual(ok({ "vpce-hub:cost": { gbPerMonthPerSpoke: "1.5" } }).cost.gbPerMonthPerSpoke, 1.5);
        assert.strictEqual(ok({ "vpce-hub:cost": { gbPerMonthPerSpoke: 0, onPremGbPerMonth: 3 } }).cost.onPremMillionQueriesPerMonth, 0);
        assert.strictEqual(ok({ "vpce-hub:cost": { onPremGbPerMonth: 3 } }).cost.onPremGbPerMonth, 3);
    });

    it("a price override (cost.prices.endpointAzHour) is kept as the number given", () => {
        assert.deepStrictEqual(ok({ "vpce-hub:cost": { prices: { endpointAzHour: "0.02" } } }).cost.prices, { endpointAzHour: 0.02 });
    });

    it("a created VPC: 6 AZs and a /24 are accepted; 2 AZs is the default", () => {
        assert.deepStrictEqual(ok({ "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 6 } }).vpc, { kind: "new", cidr: "10.0.0.0/16", availabilityZones: 6 });
        assert.deepStrictEqual(ok({ "vpce-hub:vpc": { cidr: "10.0.0.0/24" } }).vpc, { kind: "new", cidr: "10.0.0.0/24", availabilityZones: 2 });
    });

    it("port 65535 is accepted; a customer gateway gets BGP ASN 65000 unless given one up to 4294967294", () => {
        assert.deepStrictEqual(ok({ "vpce-hub:services": [{ name: "sqs", ports: [65535] }] }).services[0].ports, [65535]);
        assert.deepStrictEqual(ok(onPrem({ customerGateway: { ip: "203.0.113.10" } })).onPrem!.customerGateway, { ip: "203.0.113.10", bgpAsn: 65000 });
        assert.deepStrictEqual(ok(onPrem({ customerGateway: { ip: "203.0.113.10", bgpAsn: 4294967294 } })).onPrem!.customerGateway, { ip: "203.0.113.10", bgpAsn: 4294967294 });
    });

    it("6 pinned Resolver addresses (AWS's default quota per endpoint) in the hub's subnets are accepted, and 8 where the quota is raised to 8", () => {
        assert.deepStrictEqual(ok(withVgw({ resolverAddresses: addresses(6) })).onPrem!.resolverAddresses, addresses(6));
        assert.deepStrictEqual(ok({ ...withVgw({ resolverAddresses: addresses(8) }), "vpce-hub:quotas": { resolverIpsPerEndpoint: 8 } }).onPrem!.resolverAddresses, addresses(8));
    });
});

// The readers of the hub's and spokes' config keys (lib/config/reader.ts, servicesConfig.ts,
// stackConfig.ts, dnsConfig.ts, onPremConfig.ts, dualStackConfig.ts, vpcConfig.ts), edit by
// edit: each case is a user's change to the example hub and the exact lines `npm run plan` and
// `pulumi up` print for it (error: <stack>: <key>: <message>), or the values read when the
// change is accepted. Messages are written out by hand.
import * as assert from "assert";
import { ConfigValidationError, HubConfig, SpokeConfig, formatError, parseStackConfig, requireStackConfig } from "../lib/config";
import { HUB_SCHEMA, keysOf } from "../lib/config/schema";
import { exampleRaw } from "./helpers";

const example = exampleRaw();
const base = example.shared;
const subnets: string[] = base["vpce-hub:vpc"].subnetIds;
const ORG = { "vpce-hub:organizationId": "o-abcdefghij" };
const DUAL = {
    "vpce-hub:ipAddressType": "dualstack",
    "vpce-hub:vpc": { ...base["vpce-hub:vpc"], ipv6Cidr: "2600:1f18:abcd:1200::/56" },
};

/** The example hub with some keys replaced (`undefined` removes a key). */
function hubRaw(edit: Record<string, unknown>): Record<string, unknown> {
    const raw: Record<string, unknown> = { ...base, ...edit };
    for (const k of Object.keys(raw)) if (raw[k] === undefined) delete raw[k];
    return raw;
}

function errorsOf(edit: Record<string, unknown>): string[] {
    return parseStackConfig("shared", hubRaw(edit)).errors.map(formatError);
}

function accepted(edit: Record<string, unknown>): HubConfig {
    const r = parseStackConfig("shared", hubRaw(edit));
    assert.deepStrictEqual(r.errors.map(formatError), []);
    return r.config as HubConfig;
}

/** `count` peering spokes with distinct names, accounts, VPC ids and /24s outside the hub's 10.0.0.0/16. */
function peeringSpokes(count: number): Record<string, unknown>[] {
    return Array.from({ length: count }, (_, i) => ({
        name: `member-${i}`, accountId: String(200000000000 + i), vpcId: `vpc-0${String(i).padStart(16, "0")}`,
        cidr: `172.16.${i}.0/24`, connectivity: "peering",
    }));
}

const svc = (entry: unknown) => ({ "vpce-hub:services": ["s3", entry] });
const statements = (policyStatements: unknown) => svc({ name: "sqs", policyStatements });

/** [what the user did, the edit, every line they read]. */
const REFUSED: [string, Record<string, unknown>, string[]][] = [
    // lib/config/reader.ts: how values are named back, and the generic readers' messages.
    ["a key left empty in YAML (null) is named as null", { "vpce-hub:vpc": null },
        ["error: shared: vpce-hub:vpc: must be an object, got null"]],
    ["a wrong text value of 41 characters is quoted cut after 40, with ...", { "vpce-hub:quotas": { zonesPerAccount: "abcdefghijklmnopqrstuvwxyzabcdefghijklmno" } },
        ['error: shared: vpce-hub:quotas.zonesPerAccount: must be a whole number, got the string "abcdefghijklmnopqrstuvwxyzabcdefghijklmn..."']],
    ["a wrong text value of exactly 40 characters is quoted whole", { "vpce-hub:quotas": { zonesPerAccount: "abcdefghijklmnopqrstuvwxyzabcdefghijklmn" } },
        ['error: shared: vpce-hub:quotas.zonesPerAccount: must be a whole number, got the string "abcdefghijklmnopqrstuvwxyzabcdefghijklmn"']],
    ["a quota written in exponent form (\"1e3\") is not a whole number", { "vpce-hub:quotas": { zonesPerAccount: "1e3" } },
        ['error: shared: vpce-hub:quotas.zonesPerAccount: must be a whole number, got the string "1e3"']],
    ["a quota written as a list ([600]) is not a whole number", { "vpce-hub:quotas": { zonesPerAccount: [600] } },
        ["error: shared: vpce-hub:quotas.zonesPerAccount: must be a whole number, got a list"]],
    ["a quota written as true is not a whole number", { "vpce-hub:quotas": { zonesPerAccount: true } },
        ["error: shared: vpce-hub:quotas.zonesPerAccount: must be a whole number, got boolean true"]],
    ["an on-prem network list written as a map", { "vpce-hub:onPrem": { cidrs: { office: "192.168.0.0/16" }, vpnGatewayId: "vgw-0123456789abcdef0" } },
        ["error: shared: vpce-hub:onPrem.cidrs: must be a list, got an object"]],
    ["an empty on-prem network list needs 1 entry (singular)", { "vpce-hub:onPrem": { cidrs: [], vpnGatewayId: "vgw-0123456789abcdef0" } },
        ["error: shared: vpce-hub:onPrem.cidrs: needs at least 1 entry, got 0"]],
    ["a subnet listed twice", { "vpce-hub:vpc": { ...base["vpce-hub:vpc"], subnetIds: [subnets[0], subnets[0]] } },
        ['error: shared: vpce-hub:vpc.subnetIds[1]: "subnet-0a1b2c3d4e5f60001" is listed twice']],
    ["an unquoted 12-digit account id: YAML read a number, no leading zeros to restore", { "vpce-hub:accountId": 123456789012 },
        ["error: shared: vpce-hub:accountId: must be quoted text: YAML read 123456789012 as a number; write the id in quotes"]],
    ["a customer gateway address written as a number", { "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], customerGateway: { ip: 3405803786 } } },
        ["error: shared: vpce-hub:onPrem.customerGateway.ip: must be a string, got number 3405803786"]],
    ["a key added to the VPC that is nothing like a known one lists the known keys", { "vpce-hub:vpc": { ...base["vpce-hub:vpc"], tags: { team: "net" } } },
        ["error: shared: vpce-hub:vpc.tags: unknown key (known keys: id, cidr, subnetIds, routeTableIds, ipv6Cidr, availabilityZones)"]],
    ["vpcId (three edits from id) in the hub's VPC is suggested as id", {
        "vpce-hub:vpc": { vpcId: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16", subnetIds: subnets, routeTableIds: ["rtb-0a1b2c3d4e5f60001"] },
    }, [
        "error: shared: vpce-hub:vpc.vpcId: unknown key (did you mean `id`?)",
        "error: shared: vpce-hub:vpc: without `id` the hub creates the VPC: drop subnetIds and routeTableIds, or give the existing VPC's id",
    ]],

    // lib/config/stack.ts: the stack-level keys.
    ["no vpce-hub:role", { "vpce-hub:role": undefined }, ["error: shared: vpce-hub:role: is required: hub or spoke"]],
    ["no aws:region but an aws:profile: the profile is no typo of the region", { "aws:region": undefined, "aws:profile": "prod" },
        ["error: shared: aws:region: is required, e.g. ap-northeast-1"]],
    ["aws-region (a hyphen for the colon) instead of aws:region", { "aws:region": undefined, "aws-region": "ap-northeast-1" }, [
        "error: shared: aws-region: has no namespace: write aws:region",
        "error: shared: aws:region: is required, e.g. ap-northeast-1",
    ]],
    ["region without a namespace is the provider's aws:region; another key without one is ours", { "aws:region": undefined, "region": "ap-northeast-1", "services": ["s3"] }, [
        "error: shared: region: has no namespace: write aws:region",
        "error: shared: services: has no namespace: write vpce-hub:services",
        "error: shared: aws:region: is required, e.g. ap-northeast-1",
    ]],
    ["AWS-Regin (capitals, a hyphen and a letter missing: two edits) without a namespace is still aws:region", { "aws:region": undefined, "AWS-Regin": "ap-northeast-1" }, [
        "error: shared: AWS-Regin: has no namespace: write aws:region",
        "error: shared: aws:region: is required, e.g. ap-northeast-1",
    ]],
    ["two misspelt aws:region keys are both named", { "aws:region": undefined, "aws:regoin": "ap-northeast-1", "aws:regin": "ap-northeast-1" },
        ["error: shared: aws:region: is required, e.g. ap-northeast-1 (found aws:regoin, aws:regin: did you mean aws:region?)"]],
    ["a Transit Gateway given as its id text instead of { id }", { "vpce-hub:transitGateway": "tgw-0123456789abcdef0" },
        ['error: shared: vpce-hub:transitGateway: must be an object, got the string "tgw-0123456789abcdef0"']],
    ["a Transit Gateway shared with other hubs but no existing id", { "vpce-hub:transitGateway": { sharedWithHubs: ["shared-usw2"] } },
        ["error: shared: vpce-hub:transitGateway.sharedWithHubs: only applies to an existing Transit Gateway (`id`): without one each hub creates its own"]],
    ["a Transit Gateway id that is a VPC id, shared with a hub name with a space", { "vpce-hub:transitGateway": { id: "vpc-0123456789abcdef0", sharedWithHubs: ["shared usw2"] } }, [
        'error: shared: vpce-hub:transitGateway.id: "vpc-0123456789abcdef0" is not a Transit Gateway id (tgw-...)',
        'error: shared: vpce-hub:transitGateway.sharedWithHubs[0]: "shared usw2" is not a hub stack name',
    ]],
    ["51 peering spokes over the default quota of 50 (raisable to 125)", { "vpce-hub:spokes": peeringSpokes(51) },
        ['error: shared: vpce-hub:spokes: 51 peering spokes exceed the 50 active peerings a VPC can hold (raise "Active VPC peering connections per VPC" to at most 125, then set vpce-hub:quotas.peeringsPerVpc, or use transitGateway)']],
    ["125 peering spokes over a raised quota of 124: AWS's hard 125 is not exceeded, the quota can still go up", {
        "vpce-hub:spokes": peeringSpokes(125), "vpce-hub:quotas": { peeringsPerVpc: 124 },
    }, ['error: shared: vpce-hub:spokes: 125 peering spokes exceed the 124 active peerings a VPC can hold (raise "Active VPC peering connections per VPC" to at most 125, then set vpce-hub:quotas.peeringsPerVpc, or use transitGateway)']],
    ["2 spokes on a profile that holds 1 VPC", { "vpce-hub:dns": { sharing: "profile" }, "vpce-hub:quotas": { vpcsPerProfile: 1 } },
        ['error: shared: vpce-hub:spokes: 2 spokes exceed the 1 VPCs one Route 53 Profile can be associated with (raise "VPCs per Profile" with AWS, then set vpce-hub:quotas.vpcsPerProfile; or split the spokes across two hubs)']],
    ["policy statements on the second service dropping a statement its default policy lacks name that service and the statements it has", statements({ AllowRequestsToAWSOwnedResources: false }),
        ["error: shared: vpce-hub:services[1].policyStatements.AllowRequestsToAWSOwnedResources: sqs's default endpoint policy (without vpce-hub:organizationId) has no statement " +
            "AllowRequestsToAWSOwnedResources to drop; it has AllowRequestsByAccountsIdentitiesToAccountsResources, AllowRequestsByAWSServicePrincipals"]],
    ["pinned Resolver addresses on a VPC the hub creates", {
        "vpce-hub:vpc": { cidr: "10.0.0.0/16" },
        "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", resolverAddresses: [{ subnetId: subnets[0], ip: "10.0.0.10" }, { subnetId: subnets[1], ip: "10.0.1.10" }] },
    }, [
        "error: shared: vpce-hub:onPrem.resolverAddresses[0].subnetId: pinned addresses need an existing VPC (`vpc.id`): the subnets of a new VPC are not known yet",
        "error: shared: vpce-hub:onPrem.resolverAddresses[1].subnetId: pinned addresses need an existing VPC (`vpc.id`): the subnets of a new VPC are not known yet",
    ]],

    // lib/config/services.ts
    ["no aws:region and a zone template with {region}: only the region is reported (the template is checked with a sample region)", {
        "aws:region": undefined, ...svc({ name: "billing", zones: ["billing.{region}.example.internal"] }),
    }, ["error: shared: aws:region: is required, e.g. ap-northeast-1"]],
    ["a zone given as a number", svc({ name: "billing", zones: [5] }),
        ["error: shared: vpce-hub:services[1].zones[0]: must be an object, got number 5"]],
    ["a zone object whose name is a number", svc({ name: "billing", zones: [{ name: 5 }] }),
        ["error: shared: vpce-hub:services[1].zones[0].name: must be a string (a DNS name such as foo.{region}.amazonaws.com), got number 5"]],
    ["a service object without its name: is required, with what a name looks like", svc({ zones: ["billing.{region}.example.internal"] }),
        ["error: shared: vpce-hub:services[1].name: is required (a service name such as s3 or ecr.dkr)"]],
    ["a service name in capitals", svc({ name: "SQS", ports: [443] }),
        ['error: shared: vpce-hub:services[1].name: unknown service "SQS": service names are lower case: did you mean `sqs`?']],
    ["a policy that is not JSON", svc({ name: "sqs", policy: "Allow everything" }),
        ["error: shared: vpce-hub:services[1].policy: must be an IAM policy document (an object or JSON text)"]],
    ["an endpoint service name in capitals", svc({ name: "billing", zones: ["billing.{region}.example.internal"], endpointService: "Com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0" }),
        ['error: shared: vpce-hub:services[1].endpointService: "Com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0" is not an endpoint service name']],
    ["a service declaring a zone another service already serves", { "vpce-hub:services": ["sqs", { name: "myqueue", zones: ["sqs.{region}.amazonaws.com"] }] },
        ['error: shared: vpce-hub:services[1]: zone sqs.ap-northeast-1.amazonaws.com is already served by "sqs": a VPC cannot hold two zones of one name']],
    ["policy statements given as text", statements("AllowRequestsToAWSOwnedResources: false"),
        ['error: shared: vpce-hub:services[1].policyStatements: must be an object of Sid: false (drop) or Sid: { Effect, Principal, Action, Resource } (replace or add), got the string "AllowRequestsToAWSOwnedResources: false"']],
    ["policy statements left empty in YAML (null)", statements(null),
        ["error: shared: vpce-hub:services[1].policyStatements: must be an object of Sid: false (drop) or Sid: { Effect, Principal, Action, Resource } (replace or add), got null"]],
    ["policy statements given as a list", statements([{ Sid: "AllowAll", Effect: "Allow" }]),
        ["error: shared: vpce-hub:services[1].policyStatements: must be an object of Sid: false (drop) or Sid: { Effect, Principal, Action, Resource } (replace or add), got a list"]],
    ["statement Sids that begin or end with something but letters and digits", statements({ _DenyAll: false, DenyAll_: false }), [
        'error: shared: vpce-hub:services[1].policyStatements._DenyAll: "_DenyAll" is not a statement Sid (letters and digits only)',
        'error: shared: vpce-hub:services[1].policyStatements.DenyAll_: "DenyAll_" is not a statement Sid (letters and digits only)',
    ]],
    ["statements given as text, null and a list instead of false or an object", statements({ Drop: "drop", Empty: null, Listed: ["Allow"] }), [
        'error: shared: vpce-hub:services[1].policyStatements.Drop: must be false (drop the statement) or a policy statement object, got the string "drop"',
        "error: shared: vpce-hub:services[1].policyStatements.Empty: must be false (drop the statement) or a policy statement object, got null",
        "error: shared: vpce-hub:services[1].policyStatements.Listed: must be false (drop the statement) or a policy statement object, got a list",
    ]],
    ["an empty statement and one with Effect Maybe: what each lacks", statements({
        Bare: {}, Unsure: { Effect: "Maybe", Principal: "*", Action: "sqs:SendMessage", Resource: "*" },
    }), [
        "error: shared: vpce-hub:services[1].policyStatements.Bare: the statement needs Effect (Allow or Deny), Principal, Action, Resource",
        "error: shared: vpce-hub:services[1].policyStatements.Unsure: the statement needs Effect (Allow or Deny)",
    ]],

    // lib/config/dns.ts
    ["vpce-hub:dns given as text", { "vpce-hub:dns": "profile" }, ['error: shared: vpce-hub:dns: must be an object { sharing, records }, got "profile"']],
    ["vpce-hub:dns left empty in YAML (null)", { "vpce-hub:dns": null }, ["error: shared: vpce-hub:dns: must be an object { sharing, records }, got null"]],
    ["vpce-hub:dns given as a list", { "vpce-hub:dns": ["profile"] }, ['error: shared: vpce-hub:dns: must be an object { sharing, records }, got ["profile"]']],
    ["an unknown key under vpce-hub:dns", { "vpce-hub:dns": { sharing: "profile", mode: "endpoint" } },
        ["error: shared: vpce-hub:dns.mode: unknown key (known keys: sharing, records, migration)"]],
    ["dns sharing zone (not a mode) and records as an object", { "vpce-hub:dns": { sharing: "zone", records: { type: "endpoint" } } }, [
        'error: shared: vpce-hub:dns.sharing: must be associations (a zone association per spoke VPC and zone) or profile (one Route 53 Profile association per spoke VPC), got "zone"',
        'error: shared: vpce-hub:dns.records: must be zones (the hub\'s private hosted zones) or endpoint (the endpoints\' own private DNS), got {"type":"endpoint"}',
    ]],
    ["a migration step that does not exist", { "vpce-hub:dns": { sharing: "profile", records: "endpoint", migration: "cutover" } },
        ['error: shared: vpce-hub:dns.migration: must be one of park-zones, enable-private-dns (the intermediate steps of docs/migration.md), got "cutover"']],
    ["a migration step on a profile that still serves zones", { "vpce-hub:dns": { sharing: "profile", records: "zones", migration: "park-zones" } },
        ["error: shared: vpce-hub:dns.migration: is a step of the zones -> endpoint migration: it needs sharing: profile and records: endpoint"]],
    ["a migration step with records: endpoint but zone associations", { "vpce-hub:dns": { records: "endpoint", migration: "enable-private-dns" } }, [
        "error: shared: vpce-hub:dns.records: endpoint needs sharing: profile: an endpoint's private DNS reaches other VPCs only through a Route 53 Profile (set vpce-hub:dns.sharing: profile)",
        "error: shared: vpce-hub:dns.migration: is a step of the zones -> endpoint migration: it needs sharing: profile and records: endpoint",
    ]],

    // lib/config/onPrem.ts
    ["on-prem without its networks", { "vpce-hub:onPrem": { vpnGatewayId: "vgw-0123456789abcdef0" } },
        ["error: shared: vpce-hub:onPrem.cidrs: is required: the on-premises networks"]],
    ["on-prem without a VPN gateway or a customer gateway", { "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"] } },
        ["error: shared: vpce-hub:onPrem: needs vpnGatewayId (an existing virtual private gateway on the hub VPC) or customerGateway: { ip, bgpAsn }"]],
    ["an on-prem network with host bits, with DNS servers inside it", { "vpce-hub:onPrem": { cidrs: ["192.168.0.1/16"], vpnGatewayId: "vgw-0123456789abcdef0", dnsServerCidrs: ["192.168.1.0/24"] } },
        ['error: shared: vpce-hub:onPrem.cidrs[0]: "192.168.0.1/16" has host bits set: did you mean 192.168.0.0/16?']],
    ["a DNS server block with host bits, after a good one", { "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", dnsServerCidrs: ["192.168.1.0/24", "192.168.2.1/24"] } },
        ['error: shared: vpce-hub:onPrem.dnsServerCidrs[1]: "192.168.2.1/24" has host bits set: did you mean 192.168.2.0/24?']],
    ["a customer gateway without its address: is required (not \"got undefined undefined\")", { "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], customerGateway: { bgpAsn: 65001 } } },
        ["error: shared: vpce-hub:onPrem.customerGateway.ip: is required"]],
    ["pinned Resolver addresses given as bare IPs", { "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", resolverAddresses: ["10.0.0.10", "10.0.1.10"] } }, [
        'error: shared: vpce-hub:onPrem.resolverAddresses[0]: must be an object, got the string "10.0.0.10"',
        'error: shared: vpce-hub:onPrem.resolverAddresses[1]: must be an object, got the string "10.0.1.10"',
    ]],
    ["a pinned Resolver address without its ip, and one with a wrong subnet id", {
        "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", resolverAddresses: [{ subnetId: subnets[0] }, { subnetId: "sub-0a1b2c3d4e5f60002", ip: "10.0.1.10" }] },
    }, [
        "error: shared: vpce-hub:onPrem.resolverAddresses[0].ip: is required",
        'error: shared: vpce-hub:onPrem.resolverAddresses[1].subnetId: "sub-0a1b2c3d4e5f60002" is not a subnet id (subnet-...)',
    ]],

    // lib/config/dualStack.ts
    ["a dual-stack hub VPC's IPv6 block written as a number", { ...DUAL, "vpce-hub:vpc": { ...base["vpce-hub:vpc"], ipv6Cidr: 2600 } },
        ["error: shared: vpce-hub:vpc.ipv6Cidr: must be an IPv6 CIDR block such as 2600:1f18:abcd:1200::/56"]],
    ["a spoke's IPv6 blocks written as one text, not a list", { ...DUAL, "vpce-hub:spokes": [{ ...base["vpce-hub:spokes"][0], ipv6Cidrs: "2600:1f18:abcd:1300::/56" }, base["vpce-hub:spokes"][1]] },
        ["error: shared: vpce-hub:spokes[0].ipv6Cidrs: must be a non-empty list of IPv6 CIDR blocks, e.g. [2600:1f18:abcd:1300::/56]"]],
    ["a spoke's IPv6 blocks as an empty list", { ...DUAL, "vpce-hub:spokes": [{ ...base["vpce-hub:spokes"][0], ipv6Cidrs: [] }, base["vpce-hub:spokes"][1]] },
        ["error: shared: vpce-hub:spokes[0].ipv6Cidrs: must be a non-empty list of IPv6 CIDR blocks, e.g. [2600:1f18:abcd:1300::/56]"]],
    ["a spoke's second IPv6 block with host bits", { ...DUAL, "vpce-hub:spokes": [{ ...base["vpce-hub:spokes"][0], ipv6Cidrs: ["2600:1f18:abcd:1300::/56", "2600:1f18:abcd:1400::1/56"] }, base["vpce-hub:spokes"][1]] },
        ['error: shared: vpce-hub:spokes[0].ipv6Cidrs[1]: "2600:1f18:abcd:1400::1/56" has host bits set: did you mean 2600:1f18:abcd:1400::/56?']],
    ["two spokes' IPv6 blocks overlapping", { ...DUAL, "vpce-hub:spokes": [
        { ...base["vpce-hub:spokes"][0], ipv6Cidrs: ["2600:1f18:abcd:1300::/56"] }, { ...base["vpce-hub:spokes"][1], ipv6Cidrs: ["2600:1f18:abcd:1300::/64"] }] },
    ["error: shared: vpce-hub:spokes[1].ipv6Cidrs[0]: 2600:1f18:abcd:1300::/64 overlaps 2600:1f18:abcd:1300::/56 (vpce-hub:spokes[0].ipv6Cidrs[0]): routes between them would be ambiguous"]],

    // lib/config/vpc.ts
    ["route tables for a VPC the hub creates", { "vpce-hub:vpc": { cidr: "10.0.0.0/16", routeTableIds: ["rtb-0a1b2c3d4e5f60001"] } },
        ["error: shared: vpce-hub:vpc: without `id` the hub creates the VPC: drop subnetIds and routeTableIds, or give the existing VPC's id"]],
    ["a number of AZs for an existing VPC", { "vpce-hub:vpc": { ...base["vpce-hub:vpc"], availabilityZones: 3 } },
        ["error: shared: vpce-hub:vpc.availabilityZones: only applies when the hub creates the VPC (no `id`)"]],
];

describe("config readers: each refused edit of the example hub prints exactly these lines", () => {
    for (const [what, edit, expected] of REFUSED) {
        it(what, () => {
            assert.deepStrictEqual(errorsOf(edit), expected);
        });
    }
});

describe("config readers: accepted edits are read as meant", () => {
    it("Pulumi's config values (objects and lists as JSON text) are read like YAML's: the hub VPC is exactly the one written, with no IPv6 block", () => {
        const asText = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
        const r = parseStackConfig("shared", asText);
        assert.deepStrictEqual(r.errors, []);
        const hub = r.config as HubConfig;
        assert.deepStrictEqual(hub.vpc, {
            kind: "existing", id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
            subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], routeTableIds: ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"],
        });
        assert.deepStrictEqual(hub.services.map(s => s.name), ["s3", "sqs", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs"]);
        assert.deepStrictEqual(hub.onPrem?.cidrs, ["192.168.0.0/16"]);
    });

    it("a config error thrown by pulumi up is a ConfigValidationError whose text is the formatted lines", () => {
        assert.throws(() => requireStackConfig("shared", hubRaw({ "vpce-hub:role": undefined })), (e: Error) => {
            assert.ok(e instanceof ConfigValidationError);
            assert.strictEqual(String(e), "ConfigValidationError: error: shared: vpce-hub:role: is required: hub or spoke");
            return true;
        });
    });

    it("zone objects: wildcard defaults to false, and \"true\" as text turns it on", () => {
        const hub = accepted(svc({ name: "billing", zones: [{ name: "billing.{region}.example.internal" }, { name: "api.billing.{region}.example.internal", wildcard: "true" }] }));
        assert.deepStrictEqual(hub.services[1].zones, [
            { name: "billing.ap-northeast-1.example.internal", wildcard: false },
            { name: "api.billing.ap-northeast-1.example.internal", wildcard: true },
        ]);
    });

    it("policy statements with an organization: false or \"false\" drops a statement, Allow and Deny statements (Action/Resource or NotAction/NotResource) are kept as written", () => {
        const allow = { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" };
        const deny = { Effect: "Deny", Principal: "*", NotAction: "sqs:*", NotResource: "arn:aws:sqs:*:123456789012:*" };
        const hub = accepted({ ...ORG, ...statements({ AllowRequestsByAWSServicePrincipals: false, AllowRequestsByOrgsIdentitiesToOrgsResources: "false", AllowSend: allow, DenyOthers: deny }) });
        assert.deepStrictEqual(hub.services[1].policyStatements, {
            AllowRequestsByAWSServicePrincipals: false, AllowRequestsByOrgsIdentitiesToOrgsResources: false,
            AllowSend: { Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" },
            DenyOthers: { Effect: "Deny", Principal: "*", NotAction: "sqs:*", NotResource: "arn:aws:sqs:*:123456789012:*" },
        });
    });

    it("a zone template is checked with the stack's own region: a label that fits in us-east-1 is accepted there", () => {
        // 54 + 9 ("us-east-1") = 63 characters, the longest DNS label; with ap-northeast-1 it would be 68.
        const label = "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzab";
        const hub = accepted({ "aws:region": "us-east-1", ...svc({ name: "billing", zones: [`${label}{region}.example.internal`] }) });
        assert.deepStrictEqual(hub.services[1].zones, [{ name: `${label}us-east-1.example.internal`, wildcard: false }]);
    });

    it("prefix lists: an unset flag is off and maxEntries is absent unless given", () => {
        assert.deepStrictEqual(accepted({ "vpce-hub:prefixLists": { sources: true } }).prefixLists, { sources: true, transitGatewayRoutes: false });
    });

    it("the Transit Gateway routes' prefix list holds only the Transit Gateway spokes: member-b's 10.2.0.0/16 fits maxEntries 1 (member-a peers)", () => {
        assert.deepStrictEqual(accepted({ "vpce-hub:prefixLists": { transitGatewayRoutes: true, maxEntries: 1 } }).prefixLists,
            { sources: false, transitGatewayRoutes: true, maxEntries: 1 });
    });

    it("a profile holding exactly as many VPCs as there are spokes (2) is enough", () => {
        assert.deepStrictEqual(accepted({ "vpce-hub:dns": { sharing: "profile" }, "vpce-hub:quotas": { vpcsPerProfile: 2 } }).dns, { sharing: "profile", records: "zones" });
    });

    it("vpce-hub:dns: unset sharing is associations; sharing: associations written out is accepted", () => {
        assert.deepStrictEqual(accepted({ "vpce-hub:dns": { records: "zones" } }).dns, { sharing: "associations", records: "zones" });
        assert.deepStrictEqual(accepted({ "vpce-hub:dns": { sharing: "associations" } }).dns, { sharing: "associations", records: "zones" });
    });

    it("resolverConnectionTracking: untracked and tracked written out are kept", () => {
        const onPrem = (t: string) => ({ "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", resolverConnectionTracking: t } });
        assert.strictEqual(accepted(onPrem("untracked")).onPrem?.resolverConnectionTracking, "untracked");
        assert.strictEqual(accepted(onPrem("tracked")).onPrem?.resolverConnectionTracking, "tracked");
    });
});

describe("configSchema keysOf: a path the description lacks is named in the error (a programming error in a reader)", () => {
    it("keysOf(HUB_SCHEMA, \"vpc\", \"id\") throws: no object at vpc.id; keysOf(HUB_SCHEMA, \"vpc\", \"tags\") throws: no key tags in vpc.tags", () => {
        assert.throws(() => keysOf(HUB_SCHEMA, "vpc", "id"), { message: "configSchema: no object at vpc.id" });
        assert.throws(() => keysOf(HUB_SCHEMA, "vpc", "tags"), { message: "configSchema: no key tags in vpc.tags" });
    });
});

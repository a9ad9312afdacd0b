// The stack programs (stacks/hub.ts, stacks/spoke.ts, stacks/lookups.ts,
// stacks/endpointServices.ts) on the simulated cloud: what they look up in AWS before creating
// anything, the config errors and warnings they give in words a user acts on, and what the hub
// creates for a migration step, a dual-stack hub and a prefix list of its sources.
import * as assert from "assert";
import { HubConfig, parseStackConfig } from "../lib/config";
import { PlannedStack } from "../lib/model";
import { EndpointServiceFacts } from "../lib/aws/endpointService";
import { SimCloud, awsError } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { authorizationQuotaErrors } from "../stacks/hub";
import { isReservedAddress } from "../stacks/lookups";
import { exampleRaw } from "./helpers";

const of = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);
const HUB6 = "2600:1f18:abcd:1200::/56";
const A6 = "2600:1f18:abcd:1300::/56";
const ONPREM6 = "2001:db8:100::/48";

/** The example hub made dual-stack: its VPC, member-a and on-prem declare IPv6 blocks. */
function dualHub(): Record<string, any> {
    const hub = exampleRaw().shared;
    hub["vpce-hub:ipAddressType"] = "dualstack";
    hub["vpce-hub:vpc"].ipv6Cidr = HUB6;
    hub["vpce-hub:spokes"][0].ipv6Cidrs = [A6];
    hub["vpce-hub:onPrem"].ipv6Cidrs = [ONPREM6];
    return hub;
}

/** A hub config with `n` spokes in other accounts (for the authorization quota). */
function hubWithSpokes(n: number, extra: Record<string, unknown> = {}): HubConfig {
    const raw = {
        ...exampleRaw().shared, "vpce-hub:services": ["sqs"], ...extra,
        "vpce-hub:spokes": Array.from({ length: n }, (_, i) => ({
            name: `m${i}`, accountId: String(300000000000 + i), vpcId: `vpc-0${String(i).padStart(16, "0")}`,
            cidr: `10.${100 + Math.floor(i / 100)}.${i % 100}.0/24`, connectivity: "transitGateway",
        })),
    };
    const { config, errors } = parseStackConfig("shared", raw);
    assert.deepStrictEqual(errors, []);
    return config as HubConfig;
}

describe("stacks/: the hub's checks of existing infrastructure, in words a user acts on", () => {
    const raw = exampleRaw().shared;
    const vpc = raw["vpce-hub:vpc"];

    it("a dual-stack hub whose subnets have no IPv6 block is refused, naming them (have for several, has for one) and the VPC's IPv6 block to take /64s from", async () => {
        const both = new SimCloud();
        both.registerVpc(vpc.id, vpc.cidr, vpc.subnetIds, "ap-northeast-1", vpc.routeTableIds);
        await assert.rejects(runStackSimulated(both, "shared", dualHub()), (e: Error) => e.message.includes(
            `error: shared: vpce-hub:vpc.subnetIds: ${vpc.subnetIds[0]}, ${vpc.subnetIds[1]} have no IPv6 block: ipAddressType dualstack needs dual-stack subnets; ` +
            `assign each an IPv6 /64 from ${HUB6}, or list other subnets`));
        const one = new SimCloud();
        one.registerVpc(vpc.id, vpc.cidr, [vpc.subnetIds[0]], "ap-northeast-1", vpc.routeTableIds);
        await assert.rejects(runStackSimulated(one, "shared", dualHub()), (e: Error) => e.message.includes(
            `error: shared: vpce-hub:vpc.subnetIds: ${vpc.subnetIds[0]} has no IPv6 block: ipAddressType dualstack needs dual-stack subnets;`));
    });

    it("an adopted Transit Gateway with several settings off is refused naming each of them", async () => {
        const sim = new SimCloud();
        sim.transitGateways.set("tgw-0123456789abcdef0", { autoAcceptSharedAttachments: "disable", defaultRouteTablePropagation: "disable" });
        await assert.rejects(runStackSimulated(sim, "shared", { ...raw, "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0" } }), (e: Error) => e.message.includes(
            "error: shared: vpce-hub:transitGateway.id: tgw-0123456789abcdef0 has autoAcceptSharedAttachments, defaultRouteTablePropagation disabled: " +
            "spokes attach from their own stacks and rely on automatic acceptance and default tables; enable them, or let the hub create its own"));
    });

    it("a hub VPC with both DNS settings off is refused naming both", async () => {
        const sim = new SimCloud();
        sim.vpcDns.set(vpc.id, { enableDnsSupport: false, enableDnsHostnames: false });
        await assert.rejects(runStackSimulated(sim, "shared", raw), (e: Error) => e.message.includes(
            `error: shared: vpce-hub:vpc.id: ${vpc.id} has enableDnsSupport and enableDnsHostnames off: private hosted zones answer only in VPCs with both on; turn them on first`));
    });

    it("subnets with no explicit route table association use the VPC's main table: the hub requires that one in vpce-hub:vpc.routeTableIds", async () => {
        /** A VPC whose subnets have no explicit route table association. */
        class MainTableOnly extends SimCloud {
            override registerVpc(vpcId: string, cidr: string, subnetIds: readonly string[], region: string, _tables: readonly string[] = [], prefix?: number, ipv6?: string): void {
                super.registerVpc(vpcId, cidr, subnetIds, region, [], prefix, ipv6);
            }
        }
        let main = "";
        await assert.rejects(runStackSimulated(new MainTableOnly(), "shared", raw), (e: Error) => {
            const m = new RegExp(`^error: shared: vpce-hub:vpc.routeTableIds: ${vpc.subnetIds[0]} uses route table (rtb-[0-9a-f]{17}), which is not listed: replies from the endpoints in it would find no route back to spokes and on-prem$`, "m").exec(e.message);
            main = m?.[1] ?? "";
            return m !== null && !vpc.routeTableIds.includes(main);
        });
        const planned = await runStackSimulated(new MainTableOnly(), "shared", { ...raw, "vpce-hub:vpc": { ...vpc, routeTableIds: [main] } });
        assert.ok(of(planned, "aws:ec2/route:Route").every(r => r.inputs.routeTableId === main));
    });

    it("AWS reserves the first four addresses and the last of a subnet: a pinned Resolver address there is refused, any other is taken", () => {
        for (const ip of ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.1.255"]) assert.strictEqual(isReservedAddress("10.0.0.0/23", ip), true, ip);
        for (const ip of ["10.0.0.4", "10.0.0.255", "10.0.1.0", "10.0.1.254"]) assert.strictEqual(isReservedAddress("10.0.0.0/23", ip), false, ip);
        for (const ip of ["10.0.0.16", "10.0.0.19", "10.0.0.31"]) assert.strictEqual(isReservedAddress("10.0.0.16/28", ip), true, ip);
        for (const ip of ["10.0.0.20", "10.0.0.30"]) assert.strictEqual(isReservedAddress("10.0.0.16/28", ip), false, ip);
    });

    it("an AWS error other than InvalidServiceName while asking about a service stops the plan with that error (it is not taken for a service that does not exist)", async () => {
        const throttled = new SimCloud();
        const answer = throttled.endpoints.endpointService.bind(throttled.endpoints);
        throttled.endpoints.endpointService = (region: string, serviceName: string): EndpointServiceFacts | null => {
            if (serviceName.endsWith(".sqs")) throw awsError("ThrottlingException", "Rate exceeded");
            return answer(region, serviceName);
        };
        await assert.rejects(runStackSimulated(throttled, "shared", raw), (e: Error) => /ThrottlingException: Rate exceeded/.test(e.message) && !/does not exist/.test(e.message));
    });

    it("a service AWS knows with an endpoint policy it does not support is an error on that service's key", async () => {
        const sim = new SimCloud();
        const name = "com.amazonaws.ap-northeast-1.sqs";
        sim.registerEndpointService("ap-northeast-1", { serviceName: name, privateDnsNames: ["sqs.ap-northeast-1.amazonaws.com"], vpcEndpointPolicySupported: false, availabilityZones: ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"], supportedIpAddressTypes: ["ipv4"] });
        const policy = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }] });
        await assert.rejects(runStackSimulated(sim, "shared", { ...raw, "vpce-hub:services": [{ name: "sqs", policy }] }), (e: Error) => /error: shared: vpce-hub:services\[0\]\.policy: /.test(e.message));
    });
});

describe("stacks/hub.ts: the authorization quota per zone (Route 53: 1,000 by default)", () => {
    const raisedZones = { "vpce-hub:quotas": { vpcsPerZone: 2000 } };
    it("at AWS's default of 1,000: 1,000 spokes in other accounts pass, 1,001 are an error naming the quota", () => {
        assert.deepStrictEqual(authorizationQuotaErrors(hubWithSpokes(1000, raisedZones), "123456789012"), []);
        const [e] = authorizationQuotaErrors(hubWithSpokes(1001, raisedZones), "123456789012");
        assert.match(e.message, /^1001 spokes in other accounts need 1001 VPC association authorizations on every zone, more than the 1000 of quota "VPC association authorizations per hosted zone" \(AWS's default\)/);
    });

    it("with a Route 53 profile no zone needs authorizations: no quota error, even for 1,001 spokes in other accounts", () => {
        assert.deepStrictEqual(authorizationQuotaErrors(hubWithSpokes(1001, {
            "vpce-hub:dns": { sharing: "profile", records: "zones" }, "vpce-hub:quotas": { vpcsPerProfile: 2000 },
        }), "123456789012"), []);
        assert.strictEqual(authorizationQuotaErrors(hubWithSpokes(1001, raisedZones), "123456789012").length, 1);
    });

    it("over a quota the user declared, the error says it was declared in vpce-hub:quotas.authorizationsPerZone", () => {
        const [e] = authorizationQuotaErrors(hubWithSpokes(151, { "vpce-hub:quotas": { authorizationsPerZone: 150 } }), "123456789012");
        assert.match(e.message, /^151 spokes in other accounts need 151 VPC association authorizations on every zone, more than the 150 of quota "VPC association authorizations per hosted zone" \(declared in vpce-hub:quotas\.authorizationsPerZone\): Route 53 refuses authorization 151/);
    });
});

describe("stacks/hub.ts: peering requests the member rejected, or that failed", () => {
    async function secondUp(status: "rejected" | "failed" | "deleted" | "expired") {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const first = await runStackSimulated(sim, "shared", raw.shared);
        const request = of(first, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")[0];
        sim.peerings.get(request.id)!.status = status as any;
        const second = await runStackSimulated(sim, "shared", raw.shared);
        return { id: request.id, second };
    }

    it("a rejected or failed request is not recreated (that is the member's word): the hub warns, naming spoke, request and account", async () => {
        for (const status of ["rejected", "failed"] as const) {
            const { id, second } = await secondUp(status);
            assert.deepStrictEqual((second.warnings ?? []).filter(w => w.code.startsWith("peering:")), [{
                code: "peering:rejected",
                message: `spoke member-a: peering request ${id} was rejected (or failed) in account 111111111111: remove the spoke, or delete the request and pulumi up again`,
            }], status);
            assert.strictEqual(of(second, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")[0].id, id, status);
        }
    });

    it("an expired or deleted request is recreated by the hub's next up, with a warning", async () => {
        for (const status of ["expired", "deleted"] as const) {
            const { id, second } = await secondUp(status);
            assert.deepStrictEqual((second.warnings ?? []).map(w => w.code).filter(c => c.startsWith("peering:")), ["peering:recreated"], status);
            assert.notStrictEqual(of(second, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection")[0].id, id, status);
        }
    });
});

describe("stacks/hub.ts: a migration step (dns.migration park-zones) parks zones in a VPC of its own", () => {
    let hub: PlannedStack;
    before(async () => {
        hub = await runStackSimulated(new SimCloud(), "shared", { ...exampleRaw().shared, "vpce-hub:dns": { sharing: "profile", records: "endpoint", migration: "park-zones" } });
    });

    it("creates the parking VPC: a /28 of 100.64.0.0/10 with DNS support and hostnames on (a private zone answers only there), named and tagged for what it holds", () => {
        const [parking] = of(hub, "aws:ec2/vpc:Vpc").filter(v => v.name === "zone-parking");
        assert.deepStrictEqual(parking.inputs, {
            cidrBlock: "100.64.0.0/28", enableDnsSupport: true, enableDnsHostnames: true,
            tags: { Name: "vpce-hub-zone-parking", "vpce-hub:purpose": "holds zones during the zones -> endpoint migration" },
        });
    });

    it("exports the migration step, so the spokes and the next step know where the hub is", () => {
        assert.deepStrictEqual(hub.outputs.dns.migration, "park-zones");
    });
});

describe("stacks/hub.ts: sources a dual-stack hub admits, and the prefix list of sources", () => {
    it("labels each IPv6 source in the endpoint security group (hub, spoke <name>, on-prem)", async () => {
        const hub = await runStackSimulated(new SimCloud(), "shared", dualHub());
        const sg = of(hub, "aws:ec2/securityGroup:SecurityGroup").find(s => s.name === "ssm-endpoint")!;
        const v6 = sg.inputs.ingress.filter((r: any) => r.ipv6CidrBlocks).map((r: any) => [r.ipv6CidrBlocks, r.description]);
        assert.deepStrictEqual(v6, [[[HUB6], "hub to port 443"], [[A6], "spoke member-a to port 443"], [[ONPREM6], "on-prem to port 443"]]);
    });

    it("tags the prefix list of sources with its name (vpce-hub:prefixLists.sources)", async () => {
        const hub = await runStackSimulated(new SimCloud(), "shared", { ...exampleRaw().shared, "vpce-hub:prefixLists": { sources: true } });
        const [list] = of(hub, "aws:ec2/managedPrefixList:ManagedPrefixList");
        assert.deepStrictEqual(list.inputs.tags, { Name: "vpce-hub-sources" });
    });

    it("a created VPC over 2 AZs gives its endpoints exactly those 2 subnets", async () => {
        const sim = new SimCloud();
        const hub = await runStackSimulated(sim, "shared", { ...exampleRaw().shared, "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 2 } });
        const subnetIds = of(hub, "aws:ec2/subnet:Subnet").map(x => x.id);
        for (const e of of(hub, "aws:ec2/vpcEndpoint:VpcEndpoint")) assert.deepStrictEqual(e.inputs.subnetIds, subnetIds, e.name);
        assert.strictEqual(subnetIds.length, 2);
    });

    it("a created VPC over 2 AZs (1a, 1c) and a service AWS offers only in 1a and 1d: a config error, the endpoint would have one AZ", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService("ap-northeast-1", { serviceName: "com.amazonaws.ap-northeast-1.sqs", privateDnsNames: ["sqs.ap-northeast-1.amazonaws.com"], vpcEndpointPolicySupported: true, availabilityZones: ["ap-northeast-1a", "ap-northeast-1d"], supportedIpAddressTypes: ["ipv4"] });
        await assert.rejects(runStackSimulated(sim, "shared", { ...exampleRaw().shared, "vpce-hub:services": ["sqs"], "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 2 } }),
            (e: Error) => e.message.includes("error: shared: vpce-hub:services[0]: sqs is offered only in ap-northeast-1a, ap-northeast-1d of ap-northeast-1, " +
                "and the hub's subnets are in ap-northeast-1a, ap-northeast-1c: only ap-northeast-1a remains, and an endpoint needs at least 2 AZs"));
    });
});

describe("stacks/spoke.ts: a member refuses to run against what the hub or its VPC says", () => {
    it("a hub stack that exported no hub outputs: the member stops, naming vpce-hub:hubStack", async () => {
        const raw = exampleRaw();
        for (const outputs of [{}, { vpcId: "vpc-0123456789abcdef0" }]) {
            const sim = new SimCloud();
            sim.stackOutputs.set("shared", outputs);
            await assert.rejects(runStackSimulated(sim, "member-a", raw["member-a"]), (e: Error) => e.message ===
                "error: member-a: vpce-hub:hubStack: acme/vpce-hub/shared has no hub outputs: is it a hub stack, and was it deployed first?");
        }
    });

    it("a Transit Gateway member's subnet in another VPC is refused, naming the subnet's key and both VPCs", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        const member = raw["member-b"];
        const [first] = member["vpce-hub:vpc"].subnetIds;
        sim.subnets.set(first, { id: first, vpcId: "vpc-0ffffffffffffffff", cidr: "10.2.0.0/24", availabilityZone: "ap-northeast-1a" });
        await assert.rejects(runStackSimulated(sim, "member-b", member), (e: Error) => e.message.includes(
            `error: member-b: vpce-hub:vpc.subnetIds[0]: ${first} belongs to vpc-0ffffffffffffffff, not to ${member["vpce-hub:vpc"].id}`));
    });

    it("a Transit Gateway member the hub registered IPv6 blocks for needs IPv6 in its attachment subnets (have or has, by count); without IPv6 blocks it needs none", async () => {
        const run = async (ipv6: boolean, subnets: number) => {
            const raw = exampleRaw();
            const hub = dualHub();
            if (ipv6) hub["vpce-hub:spokes"][1].ipv6Cidrs = ["2600:1f18:abcd:1400::/56"];
            const member = raw["member-b"];
            if (ipv6) member["vpce-hub:vpc"].ipv6Cidr = "2600:1f18:abcd:1400::/56";
            const sim = new SimCloud();
            const ids: string[] = member["vpce-hub:vpc"].subnetIds;
            sim.registerVpc(member["vpce-hub:vpc"].id, member["vpce-hub:vpc"].cidr, ids.slice(0, subnets), "ap-northeast-1", member["vpce-hub:vpc"].routeTableIds);
            await runStackSimulated(sim, "shared", hub);
            return { ids, result: runStackSimulated(sim, "member-b", member) };
        };
        const two = await run(true, 2);
        await assert.rejects(two.result, (e: Error) => e.message.includes(`error: member-b: vpce-hub:vpc.subnetIds: ${two.ids[0]}, ${two.ids[1]} have no IPv6 block: ` +
            `the hub registered IPv6 blocks for "member-b", and a Transit Gateway attachment carries IPv6 only with IPv6 in its subnets (ipv6Support)`));
        const one = await run(true, 1);
        await assert.rejects(one.result, (e: Error) => e.message.includes(`error: member-b: vpce-hub:vpc.subnetIds: ${one.ids[0]} has no IPv6 block: `));
        const none = await run(false, 2);
        await none.result;
    });
});

describe("stacks/hub.ts: a hub that joins another hub's Transit Gateway tables (transitGateway.sharedWithHubs)", () => {
    /** "prod" joins "dev"'s tables on one existing gateway ("dev" is first by name, so it owns them). */
    const prod = {
        "aws:region": "ap-northeast-1", "vpce-hub:role": "hub", "vpce-hub:accountId": "123456789012",
        "vpce-hub:vpc": { id: "vpc-0aaa000000000001", cidr: "10.0.0.0/16", subnetIds: ["subnet-0aaa00000001", "subnet-0aaa00000002"], routeTableIds: ["rtb-0aaa00000001"] },
        "vpce-hub:services": ["sqs"],
        "vpce-hub:spokes": [{ name: "app", accountId: "111111111111", vpcId: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", connectivity: "transitGateway" }],
        "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0", sharedWithHubs: ["dev"] },
    };
    const message = 'error: prod: vpce-hub:transitGateway.sharedWithHubs: hub "dev" owns the shared Transit Gateway\'s route tables but exports none: deploy it first';

    it("stops, naming sharedWithHubs, while the owning hub exports no tables or only one of the two", async () => {
        for (const transitGateway of [undefined, { id: "tgw-0123456789abcdef0", hubRouteTableId: "tgw-rtb-0hub" }, { id: "tgw-0123456789abcdef0", spokesRouteTableId: "tgw-rtb-0spokes" }]) {
            const sim = new SimCloud();
            sim.stackOutputs.set("dev", transitGateway ? { transitGateway } : {});
            await assert.rejects(runStackSimulated(sim, "prod", prod), (e: Error) => e instanceof Error && e.message.endsWith(message), JSON.stringify(transitGateway));
        }
    });

    it("attaches to the owner's two tables once it exports them", async () => {
        const sim = new SimCloud();
        sim.stackOutputs.set("dev", { transitGateway: { id: "tgw-0123456789abcdef0", hubRouteTableId: "tgw-rtb-0hub", spokesRouteTableId: "tgw-rtb-0spokes" } });
        const hub = await runStackSimulated(sim, "prod", prod);
        assert.deepStrictEqual([hub.outputs.transitGateway.hubRouteTableId, hub.outputs.transitGateway.spokesRouteTableId], ["tgw-rtb-0hub", "tgw-rtb-0spokes"]);
    });
});

describe("stacks/hub.ts: a profile hub's organization is checked only once the config is otherwise valid", () => {
    it("a profile hub with a config error reports that error, not the organization lookup", async () => {
        const sim = new SimCloud();
        const vpc = exampleRaw().shared["vpce-hub:vpc"];
        sim.registerVpc(vpc.id, vpc.cidr, vpc.subnetIds, "ap-northeast-1", vpc.routeTableIds);
        sim.organizations.set("123456789012", { id: "o-zzzzzzzzzz", managementAccountId: "999999999999" });
        const raw = { ...dualHub(), "vpce-hub:dns": { sharing: "profile", records: "zones" }, "vpce-hub:organizationId": "o-abcdefghij" };
        await assert.rejects(runStackSimulated(sim, "shared", raw), (e: Error) =>
            e.message.includes(`error: shared: vpce-hub:vpc.subnetIds: ${vpc.subnetIds[0]}, ${vpc.subnetIds[1]} have no IPv6 block`) && !e.message.includes("organizationId"));
    });
});

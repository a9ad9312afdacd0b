import * as assert from "assert";
import { zoneOptions, endpointOptions } from "../components/options";
import { ConfigValidationError, HubConfig, parseStackConfig } from "../lib/config";
import { PlannedResource, PlannedStack } from "../lib/model";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";

const of = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ZONE = "aws:route53/zone:Zone";
const RECORD = "aws:route53/record:Record";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const AUTH = "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization";

describe("hub stack (example Pulumi.shared.yaml on the simulated cloud)", () => {
    let hub: PlannedStack;
    const raw = exampleRaw().shared;
    before(async () => { hub = await runStackSimulated(new SimCloud(), "shared", raw); });

    it("creates one interface endpoint per service, private DNS explicitly off, in every configured subnet", () => {
        const endpoints = of(hub, ENDPOINT);
        assert.deepStrictEqual(endpoints.map(e => e.name).sort(), [...raw["vpce-hub:services"]].sort());
        for (const e of endpoints) {
            assert.strictEqual(e.inputs.privateDnsEnabled, false, e.name);
            assert.strictEqual(e.inputs.vpcEndpointType, "Interface");
            assert.deepStrictEqual(e.inputs.subnetIds, raw["vpce-hub:vpc"].subnetIds);
            assert.strictEqual(e.inputs.serviceName, `com.amazonaws.ap-northeast-1.${e.name}`);
        }
    });

    it("creates the catalog's zones with their public names, including the flipped ECR names and S3's three", () => {
        assert.deepStrictEqual(of(hub, ZONE).map(z => z.inputs.name).sort(), [
            "api.ecr.ap-northeast-1.amazonaws.com", "dkr.ecr.ap-northeast-1.amazonaws.com", "ec2messages.ap-northeast-1.amazonaws.com",
            "logs.ap-northeast-1.amazonaws.com", "s3-accesspoint.ap-northeast-1.amazonaws.com", "s3-control.ap-northeast-1.amazonaws.com",
            "s3.ap-northeast-1.amazonaws.com", "sqs.ap-northeast-1.amazonaws.com", "ssm.ap-northeast-1.amazonaws.com",
            "ssmmessages.ap-northeast-1.amazonaws.com",
        ]);
    });

    it("creates every zone with the hub VPC (on-prem answers come from it), and only with it", () => {
        for (const z of of(hub, ZONE)) {
            assert.deepStrictEqual(z.inputs.vpcs, [{ vpcId: raw["vpce-hub:vpc"].id, vpcRegion: "ap-northeast-1" }], z.name);
        }
    });

    it("sets ignoreChanges on the zones' VPC list and protects zones and endpoints unless vpce-hub:protect is false", () => {
        const parent = {} as any;
        assert.deepStrictEqual(zoneOptions(parent, true).ignoreChanges, ["vpcs"]);
        assert.strictEqual(zoneOptions(parent, true).protect, true);
        assert.strictEqual(endpointOptions(parent, true).protect, true);
        assert.strictEqual(zoneOptions(parent, false).protect, false);
        // The example sets no vpce-hub:protect: protection is the default (protect.test.ts checks what Pulumi receives).
        assert.ok(!("vpce-hub:protect" in raw));
        assert.strictEqual((parseStackConfig("shared", raw).config as HubConfig).protect, true);
    });

    it("aliases each zone's apex to the endpoint's first (regional) DNS entry and its hosted zone", () => {
        const endpointByZone = new Map<string, PlannedResource>();
        const outputs = hub.outputs.services as Record<string, { zones: { name: string }[] }>;
        for (const [svc, s] of Object.entries(outputs)) for (const z of s.zones) endpointByZone.set(z.name, of(hub, ENDPOINT).find(e => e.name === svc)!);
        for (const z of of(hub, ZONE)) {
            const apex = of(hub, RECORD).find(r => r.inputs.zoneId === z.outputs.zoneId && r.inputs.name === z.inputs.name);
            assert.ok(apex, `apex record of ${z.inputs.name}`);
            const endpoint = endpointByZone.get(z.inputs.name)!;
            const first = endpoint.outputs.dnsEntries[0];
            assert.strictEqual(apex.inputs.type, "A");
            assert.deepStrictEqual(apex.inputs.aliases, [{ name: first.dnsName, zoneId: first.hostedZoneId, evaluateTargetHealth: false }]);
            // Not a zonal entry: the regional name spans every AZ. Written out as AWS spells it:
            // [*.]vpce-<id>-<suffix>.<service>.<region>.vpce.amazonaws.com, ECR's sub-service first.
            assert.ok(!/-ap-northeast-1[a-z]\./.test(apex.inputs.aliases[0].name));
            const service = endpoint.inputs.serviceName.replace("com.amazonaws.ap-northeast-1.", "");
            const label = ({ "ecr.api": "api.ecr", "ecr.dkr": "dkr.ecr" } as Record<string, string>)[service] ?? service;
            assert.match(apex.inputs.aliases[0].name,
                new RegExp(`^(\\*\\.)?vpce-[0-9a-f]+-[0-9a-z]+\\.${label.replace(/\./g, "\\.")}\\.ap-northeast-1\\.vpce\\.amazonaws\\.com$`), z.inputs.name);
        }
    });

    it("adds a *.zone record where clients prefix the name (s3, s3-control, s3-accesspoint, dkr.ecr) and nowhere else", () => {
        const wildcards = of(hub, RECORD).filter(r => r.inputs.name.startsWith("*.")).map(r => r.inputs.name).sort();
        assert.deepStrictEqual(wildcards, [
            "*.dkr.ecr.ap-northeast-1.amazonaws.com", "*.s3-accesspoint.ap-northeast-1.amazonaws.com",
            "*.s3-control.ap-northeast-1.amazonaws.com", "*.s3.ap-northeast-1.amazonaws.com",
        ]);
    });

    it("aliases every S3 record to S3's first DNS entry verbatim, its leading '*.' kept (the record AWS serves)", () => {
        const s3 = of(hub, ENDPOINT).find(e => e.name === "s3")!;
        const first: string = s3.outputs.dnsEntries[0].dnsName;
        assert.match(first, /^\*\.vpce-[0-9a-f]+-[0-9a-f]+\.s3\.ap-northeast-1\.vpce\.amazonaws\.com$/);
        const s3Records = of(hub, RECORD).filter(r => /(^|\.)s3(-control|-accesspoint)?\.ap-northeast-1\.amazonaws\.com$/.test(r.inputs.name));
        assert.strictEqual(s3Records.length, 6);
        for (const rec of s3Records) assert.strictEqual(rec.inputs.aliases[0].name, first, rec.inputs.name);
    });

    it("admits exactly the hub, each spoke and on-prem CIDRs on the service port (adjacent ones as one block), never 0.0.0.0/0, and no egress", () => {
        // By default the networks are one prefix list (it fits the rules quota with room to grow) that every endpoint group references.
        const [list] = of(hub, "aws:ec2/managedPrefixList:ManagedPrefixList").filter(l => l.name === "sources");
        // hub 10.0.0.0/16 and member-a 10.1.0.0/16 are exactly 10.0.0.0/15; member-b and on-prem stand alone.
        assert.deepStrictEqual(list.inputs.entries.map((e: any) => e.cidr).sort(), ["10.0.0.0/15", "10.2.0.0/16", "192.168.0.0/16"]);
        assert.deepStrictEqual(list.inputs.entries.map((e: any) => e.description).sort(), ["hub, spoke member-a", "on-prem", "spoke member-b"]);
        assert.strictEqual(list.inputs.maxEntries, 20, "room to grow: twice its 3 entries and ten more, rounded up to ten");
        for (const sg of of(hub, SG).filter(s => s.name.endsWith("-endpoint"))) {
            assert.deepStrictEqual(sg.inputs.ingress.map((r: any) => [r.protocol, r.fromPort, r.toPort, r.prefixListIds, r.cidrBlocks]), [["tcp", 443, 443, [list.id], undefined]], sg.name);
            assert.deepStrictEqual(sg.inputs.egress, []);
        }
        const everything = JSON.stringify(hub.resources.map(r => r.inputs));
        assert.ok(!everything.includes("0.0.0.0/0"));
    });

    it("with prefixLists.sources: false, each endpoint group admits the same exact aggregates as a rule each, described by whom they cover", async () => {
        const inline = await runStackSimulated(new SimCloud(), "shared", { ...raw, "vpce-hub:prefixLists": { sources: false } });
        assert.ok(!of(inline, "aws:ec2/managedPrefixList:ManagedPrefixList").length);
        for (const sg of of(inline, SG).filter(s => s.name.endsWith("-endpoint"))) {
            assert.deepStrictEqual(sg.inputs.ingress.flatMap((r: any) => r.cidrBlocks).sort(), ["10.0.0.0/15", "10.2.0.0/16", "192.168.0.0/16"], sg.name);
            assert.deepStrictEqual(sg.inputs.ingress.map((r: any) => r.description).sort(),
                ["hub, spoke member-a to port 443", "on-prem to port 443", "spoke member-b to port 443"], sg.name);
            assert.ok(sg.inputs.ingress.every((r: any) => r.protocol === "tcp" && r.fromPort === 443 && r.toPort === 443), sg.name);
        }
    });

    it("places the Resolver inbound endpoint in two subnets of different AZs, admitting only on-prem on TCP and UDP 53", async () => {
        const sim = new SimCloud();
        const planned = await runStackSimulated(sim, "shared", raw);
        const resolver = of(planned, "aws:route53/resolverEndpoint:ResolverEndpoint")[0];
        assert.strictEqual(resolver.inputs.direction, "INBOUND");
        const subnets = resolver.inputs.ipAddresses.map((a: any) => a.subnetId);
        assert.strictEqual(new Set(subnets.map((s: string) => sim.subnets.get(s)!.availabilityZone)).size, 2);
        const sg = of(planned, SG).find(s => s.name.endsWith("-resolver"))!;
        assert.deepStrictEqual(sg.inputs.ingress.map((r: any) => `${r.protocol}/${r.fromPort}/${r.cidrBlocks}`).sort(),
            ["tcp/53/192.168.0.0/16", "udp/53/192.168.0.0/16"]);
        assert.deepStrictEqual(planned.outputs.resolverInboundIps, resolver.outputs.ipAddresses.map((a: any) => a.ip));
    });

    it("authorizes every zone for each spoke VPC in another account", () => {
        const auths = of(hub, AUTH);
        assert.strictEqual(auths.length, 10 * 2);
        for (const vpc of ["vpc-0aaaaaaaaaaaaaaaa", "vpc-0bbbbbbbbbbbbbbbb"]) {
            assert.deepStrictEqual(new Set(auths.filter(a => a.inputs.vpcId === vpc).map(a => a.inputs.zoneId)),
                new Set(of(hub, ZONE).map(z => z.outputs.zoneId)));
        }
    });

    it("skips authorizations for a spoke VPC in the hub's own account", async () => {
        const r = JSON.parse(JSON.stringify(raw));
        r["vpce-hub:spokes"][0].accountId = "123456789012";
        const planned = await runStackSimulated(new SimCloud(), "shared", r);
        assert.strictEqual(of(planned, AUTH).filter(a => a.inputs.vpcId === "vpc-0aaaaaaaaaaaaaaaa").length, 0);
        assert.strictEqual(of(planned, AUTH).filter(a => a.inputs.vpcId === "vpc-0bbbbbbbbbbbbbbbb").length, 10);
        assert.deepStrictEqual(planned.outputs.spokes["member-a"].authorizedZoneIds, []);
    });

    it("propagates the VPN gateway's on-prem routes into every hub route table", () => {
        const props = of(hub, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation");
        assert.deepStrictEqual(props.map(p => p.inputs.routeTableId).sort(), [...raw["vpce-hub:vpc"].routeTableIds].sort());
        assert.ok(props.every(p => p.inputs.vpnGatewayId === "vgw-0123456789abcdef0"));
    });

    it("creates a site-to-site VPN with static routes to each on-prem CIDR when given a customer gateway", async () => {
        const r = { ...raw, "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16", "172.16.0.0/12"], customerGateway: { ip: "203.0.113.10", bgpAsn: 65010 } } };
        const planned = await runStackSimulated(new SimCloud(), "shared", r);
        const [vgw] = of(planned, "aws:ec2/vpnGateway:VpnGateway");
        assert.strictEqual(vgw.inputs.vpcId, raw["vpce-hub:vpc"].id);
        const [cgw] = of(planned, "aws:ec2/customerGateway:CustomerGateway");
        assert.deepStrictEqual([cgw.inputs.ipAddress, cgw.inputs.bgpAsn], ["203.0.113.10", "65010"]);
        const [vpn] = of(planned, "aws:ec2/vpnConnection:VpnConnection");
        assert.deepStrictEqual([vpn.inputs.vpnGatewayId, vpn.inputs.customerGatewayId, vpn.inputs.staticRoutesOnly], [vgw.id, cgw.id, true]);
        // AWS's only VPN type; without it CreateCustomerGateway and CreateVpnConnection are refused.
        assert.deepStrictEqual([cgw.inputs.type, vpn.inputs.type], ["ipsec.1", "ipsec.1"]);
        assert.deepStrictEqual([vgw.inputs.tags, cgw.inputs.tags, vpn.inputs.tags], [{ Name: "vpce-hub" }, { Name: "vpce-hub-on-prem" }, { Name: "vpce-hub-on-prem" }]);
        // Under the OnPremVpn component, so their URNs (and so their identity in the state) stay put.
        for (const r of [vgw, cgw, vpn, ...of(planned, "aws:ec2/vpnConnectionRoute:VpnConnectionRoute")]) {
            assert.match(r.urn, /vpce-hub:hub:OnPremVpn\$aws:ec2\//, r.urn);
        }
        assert.deepStrictEqual(of(planned, "aws:ec2/vpnConnectionRoute:VpnConnectionRoute").map(x => x.inputs.destinationCidrBlock).sort(), ["172.16.0.0/12", "192.168.0.0/16"]);
        const props = of(planned, "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation");
        assert.deepStrictEqual(props.map(p => p.inputs.routeTableId).sort(), [...raw["vpce-hub:vpc"].routeTableIds].sort());
        assert.ok(props.every(p => p.inputs.vpnGatewayId === vgw.id));
    });

    it("exports what spokes and people need: account, region, VPC, per-service zones and endpoint name, resolver IPs, spokes", () => {
        const o = hub.outputs;
        assert.strictEqual(o.accountId, "123456789012");
        assert.strictEqual(o.region, "ap-northeast-1");
        assert.strictEqual(o.vpcCidr, "10.0.0.0/16");
        assert.match(o.services.sqs.regionalDnsName, /^vpce-[0-9a-f]+-[0-9a-f]+\.sqs\.ap-northeast-1\.vpce\.amazonaws\.com$/);
        assert.deepStrictEqual(o.services.sqs.zones.map((z: any) => z.name), ["sqs.ap-northeast-1.amazonaws.com"]);
        assert.strictEqual(Object.keys(o.zoneIds).length, 10);
        assert.strictEqual(o.resolverInboundIps.length, 2);
        assert.deepStrictEqual(Object.keys(o.spokes).sort(), ["member-a", "member-b"]);
        assert.strictEqual(o.spokes["member-a"].authorizedZoneIds.length, 10);
    });

    it("refuses to run with credentials for another account than vpce-hub:accountId", async () => {
        await assert.rejects(runStackSimulated(new SimCloud(), "shared", raw, { callerAccountId: "999999999999" }),
            (e: Error) => e instanceof ConfigValidationError && /vpce-hub:accountId: is 123456789012, but the credentials in use are for account 999999999999/.test(e.message));
    });

    it("refuses subnets that all sit in one AZ, naming vpce-hub:vpc.subnetIds", async () => {
        const sim = new SimCloud();
        for (const id of raw["vpce-hub:vpc"].subnetIds) {
            sim.subnets.set(id, { id, vpcId: raw["vpce-hub:vpc"].id, cidr: id.endsWith("1") ? "10.0.0.0/24" : "10.0.1.0/24", availabilityZone: "ap-northeast-1a" });
        }
        await assert.rejects(runStackSimulated(sim, "shared", raw),
            /error: shared: vpce-hub:vpc.subnetIds: all subnets are in ap-northeast-1a: endpoints and the Resolver need at least 2 AZs/);
    });

    it("gives SES SMTP endpoints their SMTP ports in the security group", async () => {
        const r = { ...raw, "vpce-hub:services": ["email-smtp"] };
        const planned = await runStackSimulated(new SimCloud(), "shared", r);
        const sg = of(planned, SG).find(s => s.name === "email-smtp-endpoint")!;
        assert.deepStrictEqual([...new Set(sg.inputs.ingress.map((x: any) => x.fromPort))].sort((a: any, b: any) => a - b), [25, 465, 587, 2465, 2587]);
    });

    it("restricts endpoint policies to the organization's principals and resources when vpce-hub:organizationId is set, else to the declared accounts, except where unsupported", async () => {
        const r = { ...raw, "vpce-hub:services": ["sqs", "email-smtp"], "vpce-hub:organizationId": "o-abcdefghij" };
        const planned = await runStackSimulated(new SimCloud(), "shared", r);
        const sqs = of(planned, ENDPOINT).find(e => e.name === "sqs")!;
        // The whole document, as AWS's data-perimeter default endpoint policy writes it: an Allow for
        // everything, conditioned on the principal's and the resource's organization (an Effect Deny
        // would lock everyone out), and one for AWS service principals acting on your behalf.
        assert.deepStrictEqual(JSON.parse(sqs.inputs.policy), {
            Version: "2012-10-17",
            Statement: [{
                Sid: "AllowRequestsByOrgsIdentitiesToOrgsResources", Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
                Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij", "aws:ResourceOrgID": "o-abcdefghij" } },
            }, {
                Sid: "AllowRequestsByAWSServicePrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
                Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } },
            }],
        });
        assert.strictEqual(of(planned, ENDPOINT).find(e => e.name === "email-smtp")!.inputs.policy, undefined);
        const noOrg = await runStackSimulated(new SimCloud(), "shared", { ...raw, "vpce-hub:services": ["sqs"] });
        const accounts = ["111111111111", "123456789012", "222222222222"];
        assert.deepStrictEqual(JSON.parse(of(noOrg, ENDPOINT)[0].inputs.policy).Statement[0], {
            Sid: "AllowRequestsByAccountsIdentitiesToAccountsResources", Effect: "Allow", Principal: "*", Action: "*", Resource: "*",
            Condition: { StringEquals: { "aws:PrincipalAccount": accounts, "aws:ResourceAccount": accounts } },
        });
    });
});

describe("hub stack: settings whose loss AWS would not refuse, but that break clients", () => {
    const raw = exampleRaw().shared;
    let hub: PlannedStack;
    before(async () => { hub = await runStackSimulated(new SimCloud(), "shared", raw); });

    it("the Resolver inbound endpoint answers plain DNS on port 53 (protocols [Do53]), which on-prem forwarders send", () => {
        const [resolver] = of(hub, "aws:route53/resolverEndpoint:ResolverEndpoint");
        assert.deepStrictEqual(resolver.inputs.protocols, ["Do53"]);
    });

    it("the Resolver's security group opens no egress at all (egress: [] removes AWS's default allow-all rule)", () => {
        const sg = of(hub, SG).find(s => s.name.endsWith("-resolver"))!;
        assert.ok(sg, "the Resolver's security group");
        assert.deepStrictEqual(sg.inputs.egress, []);
    });

    it("the Transit Gateway share allows external principals: member-b, outside the organization, can accept it", () => {
        const shares = of(hub, "aws:ram/resourceShare:ResourceShare");
        assert.strictEqual(shares.length, 1);
        assert.strictEqual(shares[0].inputs.allowExternalPrincipals, true);
        assert.deepStrictEqual(of(hub, "aws:ram/principalAssociation:PrincipalAssociation").map(p => p.inputs.principal), ["222222222222"]);
    });

    it("every zone is created in the hub VPC's region and every authorization names the spoke VPC's region (ap-northeast-1)", () => {
        for (const z of of(hub, ZONE)) assert.deepStrictEqual(z.inputs.vpcs.map((v: any) => v.vpcRegion), ["ap-northeast-1"], z.name);
        const auths = of(hub, AUTH);
        assert.ok(auths.length > 0);
        for (const a of auths) assert.strictEqual(a.inputs.vpcRegion, "ap-northeast-1", a.name);
    });

    it("a service's own policy (vpce-hub:services[].policy) is that endpoint's policy word for word, even with an organization set", async () => {
        const own = {
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: "*", Action: ["sqs:SendMessage", "sqs:ReceiveMessage"], Resource: "arn:aws:sqs:ap-northeast-1:123456789012:orders" }],
        };
        const r = { ...raw, "vpce-hub:services": [{ name: "sqs", policy: own }, "logs"], "vpce-hub:organizationId": "o-abcdefghij" };
        const planned = await runStackSimulated(new SimCloud(), "shared", r);
        const byName = (n: string) => of(planned, ENDPOINT).find(e => e.name === n)!;
        assert.deepStrictEqual(JSON.parse(byName("sqs").inputs.policy), own);
        // The other service keeps the organization's policy.
        assert.deepStrictEqual(JSON.parse(byName("logs").inputs.policy).Statement[0].Condition, { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij", "aws:ResourceOrgID": "o-abcdefghij" } });
    });
});

describe("hub stack with an existing Transit Gateway (vpce-hub:transitGateway.id)", () => {
    it("creates no Transit Gateway, but its two route tables, defaults, hub attachment and RAM share on the given one", async () => {
        const raw = { ...exampleRaw().shared, "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0" } };
        const hub = await runStackSimulated(new SimCloud(), "shared", raw);
        assert.strictEqual(of(hub, "aws:ec2transitgateway/transitGateway:TransitGateway").length, 0);
        for (const type of ["aws:ec2transitgateway/routeTable:RouteTable", "aws:ec2transitgateway/vpcAttachment:VpcAttachment",
            "aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation"]) {
            assert.ok(of(hub, type).length > 0 && of(hub, type).every(r => r.inputs.transitGatewayId === "tgw-0123456789abcdef0"), type);
        }
        assert.strictEqual(of(hub, "aws:ram/resourceAssociation:ResourceAssociation")[0].inputs.resourceArn,
            "arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway/tgw-0123456789abcdef0");
        assert.strictEqual(hub.outputs.transitGateway.id, "tgw-0123456789abcdef0");
        assert.ok(of(hub, "aws:ec2/route:Route").filter(r => r.inputs.destinationCidrBlock === "10.2.0.0/16")
            .every(r => r.inputs.transitGatewayId === "tgw-0123456789abcdef0"));
    });
});

describe("hub stack with a VPC it creates (plain @pulumi/aws, laid out and named as awsx.ec2.Vpc did)", () => {
    let hub: PlannedStack;
    let sim: SimCloud;
    const SUBNET = "aws:ec2/subnet:Subnet";
    before(async () => {
        const raw = exampleRaw().shared;
        raw["vpce-hub:vpc"] = { cidr: "10.0.0.0/16", availabilityZones: 3 };
        sim = new SimCloud();
        hub = await runStackSimulated(sim, "shared", raw);
    });

    it("creates the VPC with one isolated subnet per AZ where awsx put it (10.0.0.0/24, 10.0.64.0/24, 10.0.128.0/24), each with its own route table, and no internet or NAT gateway", () => {
        const [vpc] = of(hub, "aws:ec2/vpc:Vpc").filter(v => v.name === "hub");
        assert.strictEqual(vpc.inputs.cidrBlock, "10.0.0.0/16");
        assert.deepStrictEqual(vpc.inputs.tags, { Name: "vpce-hub" });
        const subnets = of(hub, SUBNET);
        assert.deepStrictEqual(subnets.map(x => `${x.name} ${x.inputs.cidrBlock} ${x.inputs.availabilityZone} ${x.inputs.tags.Name}`), [
            "hub-isolated-1 10.0.0.0/24 ap-northeast-1a vpce-hub-isolated-1",
            "hub-isolated-2 10.0.64.0/24 ap-northeast-1c vpce-hub-isolated-2",
            "hub-isolated-3 10.0.128.0/24 ap-northeast-1d vpce-hub-isolated-3",
        ]);
        assert.ok(subnets.every(x => x.inputs.vpcId === vpc.id && x.inputs.mapPublicIpOnLaunch === false));
        const tables = of(hub, "aws:ec2/routeTable:RouteTable");
        const assoc = of(hub, "aws:ec2/routeTableAssociation:RouteTableAssociation");
        assert.deepStrictEqual(assoc.map(a => `${a.inputs.subnetId} ${a.inputs.routeTableId}`), subnets.map((x, i) => `${x.id} ${tables[i].id}`));
        for (const t of ["aws:ec2/internetGateway:InternetGateway", "aws:ec2/natGateway:NatGateway", "awsx:ec2:Vpc"]) assert.strictEqual(of(hub, t).length, 0, t);
        // Children under the VPC, as awsx had them (the alias of hubVpcOptions finds them there).
        assert.ok(subnets.every(x => x.parent?.endsWith("aws:ec2/vpc:Vpc::hub")), JSON.stringify(subnets.map(x => x.parent)));
    });

    it("turns DNS support and DNS hostnames on in the created VPC: private hosted zones answer only in VPCs with both", () => {
        const [vpc] = of(hub, "aws:ec2/vpc:Vpc").filter(v => v.name === "hub");
        assert.strictEqual(vpc.inputs.enableDnsSupport, true);
        assert.strictEqual(vpc.inputs.enableDnsHostnames, true);
    });

    it("names the hub route tables by AZ position (az1, az2, az3), stable while the AZ count is", () => {
        const routes = of(hub, "aws:ec2/route:Route").filter(r => r.inputs.destinationCidrBlock === "10.1.0.0/16");
        assert.deepStrictEqual(routes.map(r => r.name.split("-").pop()).sort(), ["az1", "az2", "az3"]);
    });

    it("puts endpoints, zones and the Resolver on the created VPC and its subnets (addresses in them)", () => {
        const [vpc] = of(hub, "aws:ec2/vpc:Vpc").filter(v => v.name === "hub");
        const subnetIds = of(hub, SUBNET).map(x => x.id);
        for (const e of of(hub, ENDPOINT)) {
            assert.strictEqual(e.inputs.vpcId, vpc.id);
            assert.deepStrictEqual(e.inputs.subnetIds, subnetIds);
        }
        for (const z of of(hub, ZONE)) assert.strictEqual(z.inputs.vpcs[0].vpcId, vpc.id);
        const resolver = of(hub, "aws:route53/resolverEndpoint:ResolverEndpoint")[0];
        assert.deepStrictEqual(resolver.inputs.ipAddresses.map((a: any) => a.subnetId), subnetIds);
        assert.deepStrictEqual(hub.outputs.resolverInboundIps.map((ip: string) => ip.split(".").slice(0, 3).join(".")), ["10.0.0", "10.0.64", "10.0.128"]);
    });

    it("routes spokes from each of the created VPC's route tables", () => {
        const routes = of(hub, "aws:ec2/route:Route").filter(r => r.inputs.destinationCidrBlock === "10.1.0.0/16");
        assert.strictEqual(routes.length, 3);
        assert.deepStrictEqual(routes.map(r => r.inputs.routeTableId).sort(), [...hub.outputs.routeTableIds].sort());
        assert.ok(routes.every(r => /^rtb-/.test(r.inputs.routeTableId)));
    });
});

describe("hub stack: what AWS enforces on existing infrastructure, checked before creating anything", () => {
    const raw = exampleRaw().shared;
    const vpc = raw["vpce-hub:vpc"];

    it("gives endpoints one subnet per AZ (AWS refuses two in one AZ), the first listed in each", async () => {
        const four = { ...raw, "vpce-hub:vpc": { ...vpc, subnetIds: [...vpc.subnetIds, "subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"] } };
        const sim = new SimCloud();
        const hub = await runStackSimulated(sim, "shared", four);
        // ap-northeast-1 has three AZs: the fourth subnet shares the first one's.
        const expected = four["vpce-hub:vpc"].subnetIds.slice(0, 3);
        for (const e of of(hub, ENDPOINT)) assert.deepStrictEqual(e.inputs.subnetIds, expected);
        assert.deepStrictEqual(of(hub, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")[0].inputs.subnetIds, expected);
    });

    it("refuses route tables that are not the ones the endpoint subnets use, naming vpce-hub:vpc.routeTableIds", async () => {
        const sim = new SimCloud();
        sim.registerVpc(vpc.id, vpc.cidr, vpc.subnetIds, "ap-northeast-1", ["rtb-0a1b2c3d4e5f60001", "rtb-0ffffffffffffffff"]);
        await assert.rejects(runStackSimulated(sim, "shared", raw),
            /error: shared: vpce-hub:vpc.routeTableIds: subnet-0a1b2c3d4e5f60002 uses route table rtb-0ffffffffffffffff, which is not listed/);
    });

    it("refuses a hub VPC with DNS hostnames off, where private zones would not answer", async () => {
        const sim = new SimCloud();
        sim.vpcDns.set(vpc.id, { enableDnsSupport: true, enableDnsHostnames: false });
        await assert.rejects(runStackSimulated(sim, "shared", raw),
            /error: shared: vpce-hub:vpc.id: vpc-0123456789abcdef0 has enableDnsHostnames off: private hosted zones answer only in VPCs with both on/);
    });

    it("refuses an existing Transit Gateway that does not auto-accept shared attachments", async () => {
        const sim = new SimCloud();
        sim.transitGateways.set("tgw-0123456789abcdef0", { autoAcceptSharedAttachments: "disable" });
        await assert.rejects(runStackSimulated(sim, "shared", { ...raw, "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0" } }),
            /error: shared: vpce-hub:transitGateway.id: tgw-0123456789abcdef0 has autoAcceptSharedAttachments disabled/);
    });

    it("refuses a pinned Resolver address that AWS reserves (the first four and the last of a subnet)", async () => {
        const pinned = { ...raw, "vpce-hub:onPrem": { ...raw["vpce-hub:onPrem"], resolverAddresses: [
            { subnetId: vpc.subnetIds[0], ip: "10.0.0.3" }, { subnetId: vpc.subnetIds[1], ip: "10.0.1.10" }] } };
        await assert.rejects(runStackSimulated(new SimCloud(), "shared", pinned),
            /vpce-hub:onPrem.resolverAddresses\[0\].ip: 10.0.0.3 is reserved by AWS in subnet-0a1b2c3d4e5f60001/);
        const ok = { ...pinned, "vpce-hub:onPrem": { ...pinned["vpce-hub:onPrem"], resolverAddresses: [
            { subnetId: vpc.subnetIds[0], ip: "10.0.0.10" }, { subnetId: vpc.subnetIds[1], ip: "10.0.1.10" }] } };
        const hub = await runStackSimulated(new SimCloud(), "shared", ok);
        assert.deepStrictEqual(hub.outputs.resolverInboundIps, ["10.0.0.10", "10.0.1.10"]);
    });

    it("sizes a created VPC's subnets to fit: a /24 over three AZs gets /26 subnets", async () => {
        const sim = new SimCloud();
        const hub = await runStackSimulated(sim, "shared", { ...raw, "vpce-hub:vpc": { cidr: "10.0.0.0/24", availabilityZones: 3 } });
        assert.deepStrictEqual(of(hub, "aws:ec2/subnet:Subnet").map(x => sim.subnets.get(x.id)!.cidr), ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26"]);
    });

    it("creates no RAM share when every Transit Gateway spoke is in the hub's own account", async () => {
        const same = JSON.parse(JSON.stringify(raw));
        same["vpce-hub:spokes"][1].accountId = "123456789012";
        const hub = await runStackSimulated(new SimCloud(), "shared", same);
        assert.strictEqual(of(hub, "aws:ram/resourceShare:ResourceShare").length, 0);
        assert.strictEqual(hub.outputs.transitGateway.resourceShareArn, undefined);
    });
});

describe("hub stack: RAM share of the Transit Gateway (inside or outside an organization)", () => {
    const RAM_SHARE = "aws:ram/resourceShare:ResourceShare";
    const RAM_PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation";

    it("with vpce-hub:organizationId shares with each member account (never the organization: any account of it could attach) and keeps external principals off", async () => {
        const sim = new SimCloud();
        sim.organizations.set("123456789012", { id: "o-abcdefghij", managementAccountId: "999999999999" });
        const hub = await runStackSimulated(sim, "shared", { ...exampleRaw().shared, "vpce-hub:organizationId": "o-abcdefghij" });
        assert.strictEqual(of(hub, RAM_SHARE)[0].inputs.allowExternalPrincipals, false);
        assert.deepStrictEqual(of(hub, RAM_PRINCIPAL).map(p => p.inputs.principal), ["222222222222"]);
        // Logical names come from stable keys: the account id.
        assert.deepStrictEqual(of(hub, RAM_PRINCIPAL).map(p => p.name), ["hub-222222222222"]);
    });

    it("without an organization shares with each spoke account and allows external principals (they accept the share)", async () => {
        const hub = await runStackSimulated(new SimCloud(), "shared", exampleRaw().shared);
        assert.strictEqual(of(hub, RAM_SHARE)[0].inputs.allowExternalPrincipals, true);
        assert.deepStrictEqual(of(hub, RAM_PRINCIPAL).map(p => p.inputs.principal), ["222222222222"]);
        assert.deepStrictEqual(of(hub, RAM_PRINCIPAL).map(p => p.name), ["hub-222222222222"]);
    });

    it("refuses an organizationId other than the organization the hub's account is in, naming vpce-hub:organizationId", async () => {
        const sim = new SimCloud();
        sim.organizations.set("123456789012", { id: "o-zzzzzzzzzz", managementAccountId: "999999999999" });
        await assert.rejects(runStackSimulated(sim, "shared", { ...exampleRaw().shared, "vpce-hub:organizationId": "o-abcdefghij" }),
            /error: shared: vpce-hub:organizationId: is o-abcdefghij, but the hub's account belongs to organization o-zzzzzzzzzz/);
    });
});

describe("hub stack: VPC association authorizations per zone (Route 53 quota 1,000)", () => {
    const spokes = (n: number) => Array.from({ length: n }, (_, i) => ({
        name: `m${i}`, accountId: String(300000000000 + i), vpcId: `vpc-0${String(i).padStart(16, "0")}`,
        cidr: `10.${100 + Math.floor(i / 100)}.${i % 100}.0/24`, connectivity: "transitGateway",
    }));
    // 300 VPCs per zone would stop these fleets first: declared raised, so the authorizations are what is tested.
    const hubWith = (n: number, extra: Record<string, unknown> = {}) => ({
        ...exampleRaw().shared, "vpce-hub:services": ["sqs"], "vpce-hub:spokes": spokes(n), "vpce-hub:quotas": { vpcsPerZone: 2000 }, ...extra,
    });

    it("stops 1,001 spokes in other accounts with a config error naming the quota of 1,000 and the ways out (Profiles, deleting authorizations)", async () => {
        await assert.rejects(runStackSimulated(new SimCloud(), "shared", hubWith(1001)), (e: Error) => {
            assert.match(e.message, /^error: shared: vpce-hub:spokes: 1001 spokes in other accounts need 1001 VPC association authorizations on every zone, more than the 1000 of quota "VPC association authorizations per hosted zone" \(AWS's default\): Route 53 refuses authorization 1001 \(TooManyVPCAssociationAuthorizations\)/);
            assert.match(e.message, /vpce-hub:dns\.sharing: profile/);
            assert.match(e.message, /delete the authorizations of spokes already associated/);
            return true;
        });
    });

    it("a quota declared lower than AWS's default (an account's own figure) is what the simulated Route 53 enforces: 11 spokes need 11 of 10", async () => {
        await assert.rejects(runStackSimulated(new SimCloud(), "shared", hubWith(11, { "vpce-hub:quotas": { authorizationsPerZone: 10 } })),
            /more than the 10 of quota "VPC association authorizations per hosted zone" \(declared in vpce-hub:quotas\.authorizationsPerZone\)/);
        const hub = await runStackSimulated(new SimCloud(), "shared", hubWith(10, { "vpce-hub:quotas": { authorizationsPerZone: 10 } }));
        assert.strictEqual(of(hub, AUTH).length, 10);
    });
});

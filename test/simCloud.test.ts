// The simulated AWS answers as AWS answers and refuses what AWS refuses (docs/aws-rules.md),
// unit by unit: ids of AWS's form, outputs the program reads, lookups, deletions at the end of
// a pulumi up, and the refusals' own words (the plan prints them to the user).
import * as assert from "assert";
import { SimAwsError } from "../sim/errors";
import { SimCloud, availabilityZones, simulatedAccountId } from "../sim/cloud";

const R = "ap-northeast-1";
const HUB_ACCOUNT = "123456789012";
const ROUTE = "aws:ec2/route:Route";
const ZONE = "aws:route53/zone:Zone";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const PROFILE = "aws:route53/profilesProfile:ProfilesProfile";
const PROFILE_ASSOC = "aws:route53/profilesAssociation:ProfilesAssociation";
const PROFILE_RESOURCE = "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation";
const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const ATTACH = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const SHARE = "aws:ram/resourceShare:ResourceShare";
const SHARE_RESOURCE = "aws:ram/resourceAssociation:ResourceAssociation";
const SHARE_PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation";
const SHARE_ACCEPTER = "aws:ram/resourceShareAccepter:ResourceShareAccepter";
const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const STACK_REF = "pulumi:pulumi:StackReference";

function create(sim: SimCloud, type: string, name: string, inputs: Record<string, unknown>, custom = true) {
    return sim.newResource({ type, name, inputs, custom } as any);
}

function call(sim: SimCloud, token: string, inputs: Record<string, unknown> = {}) {
    return sim.call({ token, inputs } as any);
}

/** Starts (or restarts: a later pulumi up of) one stack. */
async function run(sim: SimCloud, stack: string, accountId = HUB_ACCOUNT): Promise<SimCloud> {
    await sim.start({ stack, project: "vpce-hub", accountId, region: R }, "acme");
    return sim;
}

const codes = (sim: SimCloud) => sim.refusals.map(r => r.error.code);
const messages = (sim: SimCloud) => sim.refusals.map(r => r.error.message);

describe("simulated AWS: what it answers (ids, outputs, lookups) as AWS answers", () => {
    it("regions without an AZ exception have AZs a to f; ap-northeast-1 has a, c and d (no b for new accounts)", () => {
        assert.deepStrictEqual(availabilityZones("eu-west-1"), ["eu-west-1a", "eu-west-1b", "eu-west-1c", "eu-west-1d", "eu-west-1e", "eu-west-1f"]);
        assert.deepStrictEqual(availabilityZones("ap-northeast-1"), ["ap-northeast-1a", "ap-northeast-1c", "ap-northeast-1d"]);
    });

    it("a stack without a configured account gets a 12-digit account id of its own (no leading zero), the same on every plan", () => {
        const stacks = ["shared", "member-a", "member-b", "member-c", "dev", "prod", "hub-eu", "hub-us", "spoke-1", "spoke-2"];
        const ids = stacks.map(simulatedAccountId);
        for (const id of ids) assert.match(id, /^[1-9][0-9]{11}$/);
        assert.strictEqual(new Set(ids).size, stacks.length, "every stack its own account");
        assert.deepStrictEqual(stacks.map(simulatedAccountId), ids);
    });

    it("a spoke's StackReference to its hub carries only that spoke's registry entry (a spoke's plan does not grow with the fleet)", async () => {
        const sim = new SimCloud();
        sim.stackOutputs.set("shared", { vpcId: "vpc-hub", spokes: { "member-a": { cidr: "10.1.0.0/16" }, "member-b": { cidr: "10.2.0.0/16" } } });
        await run(sim, "member-a", "111111111111");
        const ref = create(sim, STACK_REF, "hub", { name: "acme/vpce-hub/shared" });
        assert.deepStrictEqual(ref.state.outputs, { vpcId: "vpc-hub", spokes: { "member-a": { cidr: "10.1.0.0/16" } } });
    });

    it("a StackReference to a stack not planned before it stops the plan, naming that stack", async () => {
        const sim = await run(new SimCloud(), "member-a", "111111111111");
        assert.throws(() => create(sim, STACK_REF, "hub", { name: "acme/vpce-hub/nohub" }),
            (e: Error) => e.message === `simulated cloud: stack reference acme/vpce-hub/nohub: no stack "nohub" was planned before this one`);
    });

    it("a component resource has no id (as in Pulumi), and the plan records it as a component", async () => {
        const sim = await run(new SimCloud(), "shared");
        const component = create(sim, "vpce-hub:index:Hub", "hub", {}, false);
        assert.strictEqual(component.id, "");
        assert.deepStrictEqual(sim.recorded.map(r => [r.type, r.id, r.custom]), [["vpce-hub:index:Hub", "", false]]);
    });

    it("a refused resource still answers (a stand-in id, its inputs as outputs), so the program goes on and one plan reports every refusal", async () => {
        const sim = await run(new SimCloud(), "shared");
        const inputs = { name: "sqs.ap-northeast-1.amazonaws.com" };
        const refused = create(sim, ZONE, "no-vpc", inputs);
        assert.deepStrictEqual(codes(sim), ["LastVPCAssociation"], "a private zone created without any VPC");
        assert.match(String(refused.id), /^refused-[0-9a-f]{17}$/);
        assert.deepStrictEqual(refused.state, inputs);
    });

    it("a VPC created by the hub has an EC2 VPC id, ARN and owner", async () => {
        const sim = await run(new SimCloud(), "shared");
        const vpc = create(sim, "aws:ec2/vpc:Vpc", "zone-parking", { cidrBlock: "100.64.0.0/28" });
        assert.match(String(vpc.id), /^vpc-[0-9a-f]{17}$/);
        assert.strictEqual(vpc.state.arn, `arn:aws:ec2:ap-northeast-1:123456789012:vpc/${vpc.id}`);
        assert.strictEqual(vpc.state.ownerId, HUB_ACCOUNT);
        assert.strictEqual(vpc.state.cidrBlock, "100.64.0.0/28");
    });

    it("the VPN's gateways and connection get ids of AWS's form (vgw-, cgw-, vpn-)", async () => {
        const sim = await run(new SimCloud(), "shared");
        assert.match(String(create(sim, "aws:ec2/vpnGateway:VpnGateway", "onprem", {}).id), /^vgw-[0-9a-f]{17}$/);
        assert.match(String(create(sim, "aws:ec2/customerGateway:CustomerGateway", "onprem", {}).id), /^cgw-[0-9a-f]{17}$/);
        assert.match(String(create(sim, "aws:ec2/vpnConnection:VpnConnection", "onprem", {}).id), /^vpn-[0-9a-f]{17}$/);
    });

    it("a Route 53 profile answers with its ARN, owner and AWS's statuses (COMPLETE, NOT_SHARED); its resource associations say which kind of resource each is, and VPC associations are COMPLETE", async () => {
        const sim = await run(new SimCloud(), "shared");
        const p = create(sim, PROFILE, "hub", { name: "hub" });
        assert.match(String(p.id), /^rp-[0-9a-f]{16}$/);
        assert.strictEqual(p.state.arn, `arn:aws:route53profiles:ap-northeast-1:123456789012:profile/${p.id}`);
        assert.deepStrictEqual([p.state.ownerId, p.state.status, p.state.shareStatus], [HUB_ACCOUNT, "COMPLETE", "NOT_SHARED"]);
        const zone = create(sim, PROFILE_RESOURCE, "hub-sqs", { profileId: p.id, resourceArn: "arn:aws:route53:::hostedzone/Z0123456789ABCDEFGHIJ" });
        const endpoint = create(sim, PROFILE_RESOURCE, "hub-endpoint-s3", { profileId: p.id, resourceArn: "arn:aws:ec2:ap-northeast-1:123456789012:vpc-endpoint/vpce-0123456789abcdef0" });
        assert.deepStrictEqual([zone.state.resourceType, endpoint.state.resourceType], ["AWS::Route53::HostedZone", "AWS::EC2::VPCEndpoint"]);
        assert.deepStrictEqual([zone.state.status, zone.state.ownerId], ["COMPLETE", HUB_ACCOUNT]);
        assert.match(String(zone.id), /^rpr-[0-9a-f]{16}$/);
        assert.notStrictEqual(zone.id, endpoint.id);
        const assoc = create(sim, PROFILE_ASSOC, "hub-vpc", { profileId: p.id, resourceId: "vpc-hub" });
        assert.match(String(assoc.id), /^rpassoc-[0-9a-f]{16}$/);
        assert.deepStrictEqual([assoc.state.status, assoc.state.ownerId, assoc.state.region], ["COMPLETE", HUB_ACCOUNT, R]);
        // Ids are one per resource: a second profile and a second VPC association get their own.
        const p2 = create(sim, PROFILE, "hub-2", { name: "hub-2" });
        const assoc2 = create(sim, PROFILE_ASSOC, "hub-vpc-2", { profileId: p2.id, resourceId: "vpc-parking" });
        assert.deepStrictEqual([p2.id === p.id, assoc2.id === assoc.id], [false, false]);
    });

    it("a managed prefix list answers with its ARN, owner and version 1; one without entries is valid and routes can use it", async () => {
        const sim = await run(new SimCloud(), "shared");
        const pl = create(sim, PREFIX_LIST, "sources", { name: "vpce-hub-sources", addressFamily: "IPv4", maxEntries: 5 });
        assert.deepStrictEqual(codes(sim), []);
        assert.match(String(pl.id), /^pl-[0-9a-f]{17}$/);
        assert.deepStrictEqual([pl.state.arn, pl.state.ownerId, pl.state.version, pl.state.name],
            [`arn:aws:ec2:ap-northeast-1:123456789012:prefix-list/${pl.id}`, HUB_ACCOUNT, 1, "vpce-hub-sources"]);
        create(sim, ROUTE, "to-sources", { routeTableId: "rtb-1", destinationPrefixListId: pl.id, transitGatewayId: "tgw-1" });
        assert.deepStrictEqual(codes(sim), []);
    });

    it("a subnet lies in its VPC's block and overlaps none of its others (InvalidSubnet.Range, InvalidSubnet.Conflict); its route table association is what getRouteTable finds", async () => {
        const sim = await run(new SimCloud(), "shared");
        const vpc = create(sim, "aws:ec2/vpc:Vpc", "hub", { cidrBlock: "10.50.0.0/16" });
        const a = create(sim, "aws:ec2/subnet:Subnet", "a", { vpcId: vpc.id, cidrBlock: "10.50.0.0/24", availabilityZone: "ap-northeast-1a" });
        assert.match(String(a.id), /^subnet-[0-9a-f]{17}$/);
        assert.deepStrictEqual(call(sim, "aws:ec2/getSubnet:getSubnet", { id: a.id }).availabilityZone, "ap-northeast-1a");
        create(sim, "aws:ec2/subnet:Subnet", "outside", { vpcId: vpc.id, cidrBlock: "10.51.0.0/24" });
        create(sim, "aws:ec2/subnet:Subnet", "overlap", { vpcId: vpc.id, cidrBlock: "10.50.0.128/25" });
        assert.deepStrictEqual(codes(sim), ["InvalidSubnet.Range", "InvalidSubnet.Conflict"]);
        const table = create(sim, "aws:ec2/routeTable:RouteTable", "a", { vpcId: vpc.id });
        create(sim, "aws:ec2/routeTableAssociation:RouteTableAssociation", "a", { subnetId: a.id, routeTableId: table.id });
        assert.strictEqual(call(sim, "aws:ec2/getRouteTable:getRouteTable", { subnetId: a.id }).routeTableId, table.id);
    });

    it("getRouteTable finds a VPC's main route table by the association.main filter (value true only), a subnet's own table by subnet, and nothing for a subnet without an explicit association", async () => {
        const sim = await run(new SimCloud(), "shared");
        sim.registerVpc("vpc-1", "10.1.0.0/16", ["subnet-1a"], R, ["rtb-1a"]);
        sim.registerVpc("vpc-2", "10.2.0.0/16", ["subnet-2a"], R);
        const main = (vpcId: string) => call(sim, "aws:ec2/getRouteTable:getRouteTable", { vpcId, filters: [{ name: "association.main", values: ["true"] }] });
        const m1 = main("vpc-1");
        assert.match(m1.id, /^rtb-[0-9a-f]{17}$/);
        assert.deepStrictEqual(m1, { id: m1.id, routeTableId: m1.id, vpcId: "vpc-1" });
        assert.notStrictEqual(main("vpc-2").id, m1.id, "each VPC its own main table");
        assert.deepStrictEqual(call(sim, "aws:ec2/getRouteTable:getRouteTable", { subnetId: "subnet-1a" }), { id: "rtb-1a", routeTableId: "rtb-1a", subnetId: "subnet-1a", vpcId: "vpc-1" });
        assert.throws(() => call(sim, "aws:ec2/getRouteTable:getRouteTable", { subnetId: "subnet-2a" }),
            (e: Error) => e.message === "simulated cloud: no route table is explicitly associated with subnet subnet-2a");
        // Another filter is no main-table filter: the subnet's own table still answers.
        assert.strictEqual(call(sim, "aws:ec2/getRouteTable:getRouteTable", { subnetId: "subnet-1a", filters: [{ name: "vpc-id", values: ["vpc-1"] }] }).id, "rtb-1a");
        // Only association.main = "true" selects the main table (EC2 DescribeRouteTables filter).
        for (const values of [["false"], [], undefined]) {
            assert.throws(() => call(sim, "aws:ec2/getRouteTable:getRouteTable", { vpcId: "vpc-1", filters: [{ name: "association.main", values }] }),
                (e: Error) => e.message === `simulated cloud: getRouteTable with association.main ${JSON.stringify(values ?? [])} does not select the main table of vpc-1 (values: ["true"] does)`);
        }
    });

    it("getSubnet of a subnet the account does not have stops the plan, naming subnet and account", async () => {
        const sim = await run(new SimCloud(), "shared");
        assert.throws(() => call(sim, "aws:ec2/getSubnet:getSubnet", { id: "subnet-nosuch" }),
            (e: Error) => e.message === "simulated cloud: no subnet subnet-nosuch in account 123456789012");
    });

    it("getRegion answers the stack's region; an invoke the simulation does not know stops the plan, naming it", async () => {
        const sim = await run(new SimCloud(), "shared");
        assert.deepStrictEqual(call(sim, "aws:index/getRegion:getRegion"), { name: R, region: R, id: R });
        assert.throws(() => call(sim, "aws:ec2/getNatGateway:getNatGateway"), (e: Error) => e.message === "simulated cloud: no simulation for invoke aws:ec2/getNatGateway:getNatGateway");
    });

    it("getVpcEndpointService: by service name or short service, an Interface service owned by amazon unless AWS says another owner; an unknown name is InvalidServiceName", async () => {
        const sim = await run(new SimCloud(), "shared");
        const sqs = call(sim, "aws:ec2/getVpcEndpointService:getVpcEndpointService", { service: "sqs" });
        assert.deepStrictEqual([sqs.serviceName, sqs.serviceType, sqs.owner, sqs.privateDnsName], ["com.amazonaws.ap-northeast-1.sqs", "Interface", "amazon", "sqs.ap-northeast-1.amazonaws.com"]);
        const partnerName = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0";
        sim.registerEndpointService(R, { serviceName: partnerName, privateDnsNames: [], vpcEndpointPolicySupported: false, availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"], supportedIpAddressTypes: ["ipv4"], owner: "210987654321" });
        const partner = call(sim, "aws:ec2/getVpcEndpointService:getVpcEndpointService", { serviceName: partnerName, serviceType: "Interface" });
        assert.deepStrictEqual([partner.owner, partner.privateDnsName], ["210987654321", ""]);
        assert.throws(() => call(sim, "aws:ec2/getVpcEndpointService:getVpcEndpointService", { serviceName: "com.amazonaws.ap-northeast-1.nosuch" }),
            (e: any) => e instanceof SimAwsError && e.message === "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.ap-northeast-1.nosuch' does not exist" && (e as SimAwsError & { details?: string }).details === e.message);
    });

    it("getOrganization from an account outside any organization fails with AWSOrganizationsNotInUseException", async () => {
        const sim = await run(new SimCloud(), "shared");
        assert.throws(() => call(sim, "aws:organizations/getOrganization:getOrganization", { returnOrganizationOnly: true }),
            (e: any) => e instanceof SimAwsError && e.code === "AWSOrganizationsNotInUseException" && e.message === "AWSOrganizationsNotInUseException: account 123456789012 is not a member of an organization");
    });

    it("peering requests get pcx- ids; DescribeVpcPeeringConnections without filters lists every one", async () => {
        const sim = await run(new SimCloud(), "shared");
        const a = create(sim, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "member-a", { vpcId: "vpc-hub", peerVpcId: "vpc-a", peerOwnerId: "111111111111" });
        const b = create(sim, "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", "member-b", { vpcId: "vpc-hub", peerVpcId: "vpc-b", peerOwnerId: "222222222222" });
        assert.match(String(a.id), /^pcx-[0-9a-f]{17}$/);
        assert.deepStrictEqual(call(sim, "aws:ec2/getVpcPeeringConnections:getVpcPeeringConnections", {}).ids, [a.id, b.id]);
        // A replacement (the hub recreating an expired request) is a new request with its own id,
        // and two replacements of different requests are two requests.
        const peer = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
        const a2 = create(sim, peer, "member-a-2", { vpcId: "vpc-hub", peerVpcId: "vpc-a", peerOwnerId: "111111111111", tags: { "vpce-hub:replaces": a.id } });
        const b2 = create(sim, peer, "member-b-2", { vpcId: "vpc-hub", peerVpcId: "vpc-b", peerOwnerId: "222222222222", tags: { "vpce-hub:replaces": b.id } });
        assert.strictEqual(new Set([a.id, b.id, a2.id, b2.id]).size, 4);
    });
});

describe("simulated AWS: addresses of endpoints and Resolver endpoints", () => {
    it("AWS reserves a subnet's first four addresses and its last: a /28 holds 11 interfaces, the 12th finds the subnet full", async () => {
        const sim = await run(new SimCloud(), "shared");
        sim.registerVpc("vpc-1", "10.0.0.0/24", ["subnet-a"], R, [], 28);
        const ips = Array.from({ length: 11 }, (_, i) => sim.allocateIp("subnet-a", `eni-${i}`));
        assert.deepStrictEqual([...ips].sort((x, y) => Number(x.split(".")[3]) - Number(y.split(".")[3])),
            ["10.0.0.4", "10.0.0.5", "10.0.0.6", "10.0.0.7", "10.0.0.8", "10.0.0.9", "10.0.0.10", "10.0.0.11", "10.0.0.12", "10.0.0.13", "10.0.0.14"]);
        assert.throws(() => sim.allocateIp("subnet-a", "eni-11"), (e: Error) => e.message === "simulated cloud: subnet subnet-a is full");
        assert.throws(() => sim.allocateIp("subnet-nosuch", "eni-0"), (e: Error) => e.message === "simulated cloud: no subnet subnet-nosuch");
    });

    it("a Resolver address pinned twice in one VPC stops the plan, naming the address", async () => {
        const sim = await run(new SimCloud(), "shared");
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-a", "subnet-b"], R);
        const RESOLVER = "aws:route53/resolverEndpoint:ResolverEndpoint";
        const first = create(sim, RESOLVER, "inbound", { ipAddresses: [{ subnetId: "subnet-a", ip: "10.0.0.10" }, { subnetId: "subnet-b", ip: "10.0.1.10" }] });
        assert.deepStrictEqual(first.state.ipAddresses.map((a: any) => a.ip), ["10.0.0.10", "10.0.1.10"]);
        assert.throws(() => create(sim, RESOLVER, "inbound-2", { ipAddresses: [{ subnetId: "subnet-a", ip: "10.0.0.10" }] }),
            (e: Error) => e.message === "simulated cloud: 10.0.0.10 is already in use");
    });

    it("IPv6 addresses come from the subnet's /64, one per interface; a subnet without IPv6 has none to give", async () => {
        const sim = await run(new SimCloud(), "shared");
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-4"], R);
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-4", "subnet-6"], R, [], undefined, "2001:db8:1234:1a00::/56");
        const a = sim.allocateIpv6("subnet-6", "endpoint-a");
        const b = sim.allocateIpv6("subnet-6", "endpoint-b");
        assert.match(a, /^2001:db8:1234:1a01:/);
        assert.match(b, /^2001:db8:1234:1a01:/);
        assert.notStrictEqual(a, b);
        assert.throws(() => sim.allocateIpv6("subnet-4", "endpoint-a"), (e: Error) => e.message === "simulated cloud: subnet subnet-4 has no IPv6 block");
        assert.throws(() => sim.allocateIpv6("subnet-nosuch", "endpoint-a"), (e: Error) => e.message === "simulated cloud: subnet subnet-nosuch has no IPv6 block");
    });
});

describe("simulated AWS: dual-stack endpoints and their names", () => {
    const SIX = "2001:db8:1234:1a00::/56";
    async function dualVpc(): Promise<SimCloud> {
        const sim = await run(new SimCloud(), "shared");
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-4a", "subnet-4c"], R);
        sim.registerVpc("vpc-2", "10.2.0.0/16", ["subnet-6a", "subnet-6c"], R, [], undefined, SIX);
        return sim;
    }

    it("CreateVpcEndpoint refuses dualstack for a service that accepts only IPv4, and for IPv4-only subnets, naming each (InvalidParameter)", async () => {
        const sim = await dualVpc();
        create(sim, ENDPOINT, "ec2messages", { serviceName: "com.amazonaws.ap-northeast-1.ec2messages", vpcId: "vpc-2", subnetIds: ["subnet-6a", "subnet-6c"], ipAddressType: "dualstack" });
        create(sim, ENDPOINT, "kms", { serviceName: "com.amazonaws.ap-northeast-1.kms", vpcId: "vpc-1", subnetIds: ["subnet-4a", "subnet-4c"], ipAddressType: "dualstack" });
        assert.deepStrictEqual(messages(sim), [
            "InvalidParameter: The VPC endpoint service com.amazonaws.ap-northeast-1.ec2messages does not support the IP address type dualstack.",
            "InvalidParameter: The subnets subnet-4a, subnet-4c do not have IPv6 address ranges: IP address type dualstack needs dual-stack subnets.",
        ]);
    });

    it("a dual-stack endpoint has AAAA records for its regional and zonal names with dnsRecordIpType dualstack, ipv6 or service-defined; none without DNS options", async () => {
        const sim = await dualVpc();
        const endpoint = (name: string, dnsOptions?: Record<string, string>) => create(sim, ENDPOINT, name, {
            serviceName: "com.amazonaws.ap-northeast-1.kms", vpcId: "vpc-2", subnetIds: ["subnet-6a", "subnet-6c"], ipAddressType: "dualstack", ...(dnsOptions ? { dnsOptions } : {}),
        });
        for (const type of ["dualstack", "ipv6", "service-defined"]) {
            const ep = endpoint(`kms-${type}`, { dnsRecordIpType: type });
            const [regional, zonalA, zonalC] = ep.state.dnsEntries.map((d: any) => d.dnsName);
            assert.match(zonalA, /-ap-northeast-1a\.kms\.ap-northeast-1\.vpce\.amazonaws\.com$/);
            const both = sim.publicDns6.get(regional)!;
            assert.strictEqual(both.length, 2, type);
            assert.match(both[0], /^2001:db8:1234:1a00:/);
            assert.match(both[1], /^2001:db8:1234:1a01:/);
            assert.deepStrictEqual([sim.publicDns6.get(zonalA), sim.publicDns6.get(zonalC)], [[both[0]], [both[1]]], type);
        }
        const plain = endpoint("kms-no-options");
        assert.strictEqual(sim.publicDns6.get(plain.state.dnsEntries[0].dnsName), undefined);
        endpoint("kms-ipv4", { dnsRecordIpType: "ipv4" });
        assert.deepStrictEqual(codes(sim), []);
    });

    it("private DNS of a service the catalog does not know answers AWS's PrivateDnsNames (a *. name as its zone): a zone of that name in the VPC is refused (ConflictingDomainExists)", async () => {
        const sim = await dualVpc();
        const name = "com.amazonaws.ap-northeast-1.example-svc";
        sim.registerEndpointService(R, { serviceName: name, privateDnsNames: ["*.example-svc.ap-northeast-1.amazonaws.com"], vpcEndpointPolicySupported: true, availabilityZones: ["ap-northeast-1a", "ap-northeast-1c"], supportedIpAddressTypes: ["ipv4"] });
        create(sim, ENDPOINT, "example", { serviceName: name, vpcId: "vpc-1", subnetIds: ["subnet-4a", "subnet-4c"], privateDnsEnabled: true });
        assert.deepStrictEqual(codes(sim), []);
        create(sim, ZONE, "example", { name: "example-svc.ap-northeast-1.amazonaws.com", vpcs: [{ vpcId: "vpc-1" }] });
        assert.deepStrictEqual(codes(sim), ["ConflictingDomainExists"]);
    });
});

describe("simulated AWS: what a pulumi up deletes at its end", () => {
    it("EC2 keeps one route per destination: a route moved to another destination frees the old one, a deleted route frees its own, other routes keep theirs", async () => {
        const sim = new SimCloud();
        const route = (name: string, destinationCidrBlock: string) => create(sim, ROUTE, name, { routeTableId: "rtb-1", destinationCidrBlock, transitGatewayId: "tgw-1" });
        await run(sim, "shared");
        route("other", "10.3.0.0/16");
        route("a", "10.1.0.0/16");
        sim.finish(true);
        await run(sim, "shared");
        route("other", "10.3.0.0/16");
        route("a", "10.2.0.0/16");
        route("b", "10.1.0.0/16");
        assert.deepStrictEqual(codes(sim), [], "a's old destination is free");
        route("c", "10.3.0.0/16");
        assert.deepStrictEqual(messages(sim), ["RouteAlreadyExists: Route in Route Table (rtb-1) with destination (10.3.0.0/16) already exists"], "other keeps its destination");
        sim.finish(false);
        // A completed up without a and b deletes them: their destinations are free again.
        await run(sim, "shared");
        route("other", "10.3.0.0/16");
        sim.finish(true);
        await run(sim, "shared");
        route("other", "10.3.0.0/16");
        route("d", "10.1.0.0/16");
        route("e", "10.2.0.0/16");
        assert.deepStrictEqual(codes(sim), []);
    });

    it("deleting a profile a VPC still uses is refused at the end of the up (ConflictException), naming the resource whole; once the member drops its association the VPC can take another profile", async () => {
        const sim = new SimCloud();
        await run(sim, "shared");
        const p1 = create(sim, PROFILE, "zones::hub", { name: "hub" });
        const p2 = create(sim, PROFILE, "other", { name: "other" });
        sim.finish(true);
        await run(sim, "member-a");
        create(sim, PROFILE_ASSOC, "member-a", { profileId: p1.id, resourceId: "vpc-a" });
        sim.finish(true);
        await run(sim, "shared");
        create(sim, PROFILE, "other", { name: "other" });
        sim.finish(true);
        assert.deepStrictEqual(sim.refusals.map(r => [r.type, r.name, r.error.code]), [[PROFILE, "zones::hub", "ConflictException"]]);
        assert.match(sim.refusals[0].error.message, new RegExp(`Route 53 Profile ${p1.id} is still associated with vpc-a`));
        // The member's next up drops its association; the VPC is then free for another profile.
        await run(sim, "member-a");
        sim.finish(true);
        await run(sim, "member-a");
        create(sim, PROFILE_ASSOC, "member-a-other", { profileId: p2.id, resourceId: "vpc-a" });
        assert.deepStrictEqual(codes(sim), []);
    });

    it("a Transit Gateway taken out of the RAM share (its resource or principal association deleted) is out of the member's reach; shared again under a new name, it is back", async () => {
        const sim = new SimCloud();
        const MEMBER = "222222222222";
        let shareArn = "";
        let tgwId = "";
        const hubUp = async (resource?: string, principal?: string) => {
            await run(sim, "shared");
            const tgw = create(sim, TGW, "hub", {});
            const share = create(sim, SHARE, "tgw", { allowExternalPrincipals: true });
            [shareArn, tgwId] = [String(share.id), String(tgw.id)];
            if (resource) create(sim, SHARE_RESOURCE, resource, { resourceShareArn: share.id, resourceArn: tgw.state.arn });
            if (principal) create(sim, SHARE_PRINCIPAL, principal, { resourceShareArn: share.id, principal: MEMBER });
            sim.finish(true);
        };
        const memberAttach = async () => {
            await run(sim, "member-b", MEMBER);
            create(sim, SHARE_ACCEPTER, "spoke", { shareArn });
            create(sim, ATTACH, "spoke", { transitGatewayId: tgwId, vpcId: "vpc-b", subnetIds: [] });
            const got = messages(sim);
            sim.finish(false);
            return got;
        };
        const notFound = () => [`InvalidTransitGatewayID.NotFound: The transitGateway ID '${tgwId}' does not exist.`];
        await hubUp("tgw", "tgw-member-b");
        assert.deepStrictEqual(await memberAttach(), [], "shared and accepted");
        await hubUp("tgw");
        assert.deepStrictEqual(await memberAttach(), notFound(), "principal association deleted");
        await hubUp("tgw", "tgw-222222222222");
        assert.deepStrictEqual(await memberAttach(), [], "the principal shared again under a new name");
        await hubUp(undefined, "tgw-222222222222");
        assert.deepStrictEqual(await memberAttach(), notFound(), "resource association deleted");
    });
});

describe("simulated AWS: prefix list refusals in AWS's words (the plan prints them)", () => {
    const refusal = async (inputs: Record<string, unknown>) => {
        const sim = await run(new SimCloud(), "shared");
        create(sim, PREFIX_LIST, "sources", inputs);
        return messages(sim);
    };
    const v4 = (n: number) => Array.from({ length: n }, (_, i) => ({ cidr: `10.${i}.0.0/16` }));

    it("CreateManagedPrefixList refuses a bad max size, a missing name, an unknown address family, a CIDR of the other family and more entries than the max", async () => {
        assert.deepStrictEqual(await refusal({ name: "s", addressFamily: "IPv4", maxEntries: 0 }), ["InvalidParameterValue: Must specify a max size between 1 and 1000"]);
        assert.deepStrictEqual(await refusal({ addressFamily: "IPv4", maxEntries: 5 }), ["MissingParameter: The request must contain the parameter PrefixListName"]);
        assert.deepStrictEqual(await refusal({ name: "s", maxEntries: 5 }), ["InvalidParameterValue: Invalid value '' for AddressFamily. Valid values: IPv4, IPv6"]);
        assert.deepStrictEqual(await refusal({ name: "s", addressFamily: "IPv5", maxEntries: 5 }), ["InvalidParameterValue: Invalid value 'IPv5' for AddressFamily. Valid values: IPv4, IPv6"]);
        assert.deepStrictEqual(await refusal({ name: "s", addressFamily: "IPv6", maxEntries: 5, entries: [{ cidr: "10.0.0.0/16" }] }),
            ["InvalidParameterValue: The CIDR 10.0.0.0/16 is not in the prefix list's address family IPv6"]);
        assert.deepStrictEqual(await refusal({ name: "s", addressFamily: "IPv4", maxEntries: 2, entries: v4(3) }),
            ["PrefixListMaxEntriesExceeded: The prefix list has 3 entries, more than its maximum of 2"]);
    });

    it("a route to a prefix list that does not exist is refused (InvalidPrefixListID.NotFound)", async () => {
        const sim = await run(new SimCloud(), "shared");
        create(sim, ROUTE, "to-sources", { routeTableId: "rtb-1", destinationPrefixListId: "pl-0nosuch", transitGatewayId: "tgw-1" });
        assert.deepStrictEqual(messages(sim), ["InvalidPrefixListID.NotFound: The prefix list ID 'pl-0nosuch' does not exist"]);
    });
});

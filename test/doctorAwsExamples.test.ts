// The wire formats the doctor reads rest on AWS's own examples (issue 25): each API it calls,
// answered with the example response from AWS's API reference (test/fixtures/aws-examples/,
// each with its source; two without an AWS example are built from the service model and say
// so), parsed by the real SDK client (and by the doctor's own signed client for Route 53
// Profiles), with the fields the doctor's readers use holding AWS's values. Then the read-only
// policy (deployments/doctorPolicy.ts): made from the same table of calls, read verbs only, and
// exactly the actions that go on the wire.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as path from "path";
import { CALLS, Clients, actionOf, iamActionsOf } from "../doctor/aws/calls";
import { dnsName } from "../doctor/aws/read";
import { doctorActions, doctorReadPolicy } from "../deployments/doctorPolicy";
import { FakeAws } from "./fixtures/awsServer";
import { ROOT } from "./helpers";

const DIR = path.join(__dirname, "fixtures", "aws-examples");
const read = (file: string) => fs.readFileSync(path.join(DIR, file), "utf8");

/** Per call: the example file, the input, and what the doctor's reader takes from the answer. */
const EXAMPLES: Record<keyof typeof CALLS, { file: string; input?: Record<string, any>; check: (out: any) => void }> = {
    getCallerIdentity: { file: "STS.GetCallerIdentity.xml", check: o => assert.equal(o.Account, "123456789012") },
    describeVpcEndpoints: {
        file: "EC2.DescribeVpcEndpoints.xml", input: { Filters: [{ Name: "vpc-id", Values: ["vpc-1a2b3c4d"] }] },
        check: o => {
            const e = o.VpcEndpoints.find((x: any) => x.VpcEndpointType === "Interface");
            assert.deepStrictEqual([e.VpcEndpointId, e.VpcId, e.ServiceName, e.State, e.PrivateDnsEnabled], ["vpce-0f89a33420c1931d7", "vpc-1a2b3c4d", "com.amazonaws.us-east-1.elasticloadbalancing", "available", false]);
            assert.equal(e.DnsEntries[0].DnsName, "vpce-0f89a33420c1931d7-bluzidnv.elasticloadbalancing.us-east-1.vpce.amazonaws.com");
            assert.deepStrictEqual([e.SubnetIds, e.Groups.map((g: any) => g.GroupId), e.NetworkInterfaceIds], [["subnet-d6fcaa8d", "subnet-7b16de0c"], ["sg-54e8bf31"], ["eni-2ec2b084", "eni-1b4a65cf"]]);
            assert.match(e.PolicyDocument, /"Statement"/);
        },
    },
    describeNetworkInterfaces: {
        file: "EC2.DescribeNetworkInterfaces.xml", input: { NetworkInterfaceIds: ["eni-0f62d866"] },
        check: o => {
            const n = o.NetworkInterfaces[1];
            assert.deepStrictEqual([n.AvailabilityZone, n.PrivateIpAddress, n.Ipv6Addresses.map((a: any) => a.Ipv6Address)], ["ap-southeast-1b", "10.0.1.233", ["2001:db8:1234:1a00::123", "2001:db8:1234:1a00::456"]]);
        },
    },
    describeSecurityGroups: {
        file: "EC2.DescribeSecurityGroups.xml", input: { GroupIds: ["sg-1a2b3c4d"] },
        check: o => {
            const p = o.SecurityGroups[0].IpPermissions[0];
            assert.deepStrictEqual([o.SecurityGroups[0].GroupId, p.IpProtocol, p.FromPort, p.ToPort, p.IpRanges[0].CidrIp, p.PrefixListIds], ["sg-1a2b3c4d", "tcp", 22, 22, "0.0.0.0/0", []]);
        },
    },
    describeRouteTables: {
        file: "EC2.DescribeRouteTables.xml", input: { RouteTableIds: ["rtb-1122334455667788a"] },
        check: o => {
            const t = o.RouteTables[0];
            assert.deepStrictEqual(t.Routes.map((r: any) => [r.DestinationCidrBlock, r.GatewayId, r.State, r.Origin])[1], ["172.31.0.0/16", "local", "active", "CreateRouteTable"]);
            assert.deepStrictEqual(t.PropagatingVgws, []);
        },
    },
    describeVpcPeeringConnections: {
        file: "EC2.DescribeVpcPeeringConnections.xml",
        check: o => {
            const p = o.VpcPeeringConnections[0];
            assert.deepStrictEqual([p.VpcPeeringConnectionId, p.RequesterVpcInfo.VpcId, p.AccepterVpcInfo.VpcId, p.Status.Code], ["pcx-111aaa22", "vpc-1a2b3c4d", "vpc-aa22cc33", "active"]);
        },
    },
    describeTransitGatewayAttachments: {
        file: "EC2.DescribeTransitGatewayAttachments.xml",
        check: o => {
            const a = o.TransitGatewayAttachments[0];
            assert.deepStrictEqual([a.TransitGatewayAttachmentId, a.TransitGatewayId, a.ResourceId, a.State, a.Association.TransitGatewayRouteTableId, a.Association.State],
                ["tgw-attach-01f8100bc7EXAMPLE", "tgw-02f776b1a7EXAMPLE", "vpc-3EXAMPLE", "available", "tgw-rtb-002573ed1eEXAMPLE", "associated"]);
        },
    },
    describeTransitGatewayVpcAttachments: {
        file: "EC2.DescribeTransitGatewayVpcAttachments.xml", input: { Filters: [{ Name: "transit-gateway-id", Values: ["tgw-02f776b1a7EXAMPLE"] }] },
        check: o => assert.deepStrictEqual([o.TransitGatewayVpcAttachments[0].TransitGatewayAttachmentId, o.TransitGatewayVpcAttachments[0].Options.Ipv6Support], ["tgw-attach-0d2c54bdb3EXAMPLE", "disable"]),
    },
    describeTransitGatewayRouteTables: {
        file: "EC2.DescribeTransitGatewayRouteTables.xml", input: { Filters: [{ Name: "transit-gateway-id", Values: ["tgw-0bc994abffEXAMPLE"] }] },
        check: o => assert.deepStrictEqual([o.TransitGatewayRouteTables[0].TransitGatewayRouteTableId, o.TransitGatewayRouteTables[0].TransitGatewayId, o.TransitGatewayRouteTables[0].Tags], ["tgw-rtb-0ca78a549EXAMPLE", "tgw-0bc994abffEXAMPLE", []]),
    },
    getTransitGatewayRouteTablePropagations: {
        file: "EC2.GetTransitGatewayRouteTablePropagations.xml", input: { TransitGatewayRouteTableId: "tgw-rtb-002573ed1eEXAMPLE" },
        check: o => assert.deepStrictEqual(o.TransitGatewayRouteTablePropagations.map((p: any) => [p.TransitGatewayAttachmentId, p.State])[0], ["tgw-attach-09fbd47ddfEXAMPLE", "enabled"]),
    },
    describeManagedPrefixLists: {
        file: "EC2.DescribeManagedPrefixLists.xml", input: { PrefixListIds: ["pl-0123123123123aabb"] },
        check: o => assert.deepStrictEqual([o.PrefixLists[0].PrefixListId, o.PrefixLists[0].PrefixListName, o.PrefixLists[0].MaxEntries], ["pl-0123123123123aabb", "tgw-attachments", 10]),
    },
    getManagedPrefixListEntries: {
        file: "EC2.GetManagedPrefixListEntries.xml", input: { PrefixListId: "pl-0123123123123aabb" },
        check: o => assert.deepStrictEqual(o.Entries.map((e: any) => e.Cidr), ["10.0.0.0/16", "10.2.0.0/16"]),
    },
    describeVpnGateways: {
        file: "EC2.DescribeVpnGateways.xml", input: { Filters: [{ Name: "attachment.vpc-id", Values: ["vpc-4c090c2a"] }] },
        check: o => assert.deepStrictEqual([o.VpnGateways[0].VpnGatewayId, o.VpnGateways[0].VpcAttachments[0].VpcId], ["vgw-8db04f81", "vpc-4c090c2a"]),
    },
    describeVpnConnections: {
        file: "EC2.DescribeVpnConnections.xml",
        check: o => assert.deepStrictEqual([o.VpnConnections[0].VpnConnectionId, o.VpnConnections[0].State, o.VpnConnections[0].Routes], ["vpn-1122334455aabbccd", "available", []]),
    },
    listHostedZones: {
        file: "Route53.ListHostedZones.xml", input: { MaxItems: 1 },
        check: o => {
            assert.deepStrictEqual([o.HostedZones[0].Id, dnsName(o.HostedZones[0].Name), o.HostedZones[0].Config.PrivateZone, o.IsTruncated, o.NextMarker], ["/hostedzone/Z111111QQQQQQQ", "example.com", false, true, "Z222222VVVVVVV"]);
        },
    },
    getHostedZone: {
        file: "Route53.GetHostedZone.xml", input: { Id: "Z1PA6795UKMFR9" },
        check: o => assert.deepStrictEqual([dnsName(o.HostedZone.Name), o.HostedZone.Config.PrivateZone, o.VPCs], ["example.com", true, [{ VPCRegion: "us-east-2", VPCId: "vpc-1a2b3c4d" }]]),
    },
    listResourceRecordSets: {
        file: "Route53.ListResourceRecordSets.xml", input: { HostedZoneId: "Z1PA6795UKMFR9", MaxItems: 1 },
        check: o => assert.deepStrictEqual([dnsName(o.ResourceRecordSets[0].Name), o.ResourceRecordSets[0].Type, o.IsTruncated, o.NextRecordName, o.NextRecordType], ["example.com", "SOA", true, "example.com.", "NS"]),
    },
    listVPCAssociationAuthorizations: {
        file: "Route53.ListVPCAssociationAuthorizations.xml", input: { HostedZoneId: "Z1PA6795UKMFR9" },
        check: o => assert.deepStrictEqual([o.VPCs, o.NextToken], [[{ VPCId: "vpc-a1b2c3d4e5", VPCRegion: "us-east-2" }], "Z222222VVVVVVV"]),
    },
    listHostedZonesByVPC: {
        file: "Route53.ListHostedZonesByVPC.xml", input: { VPCId: "vpc-a1b2c3d4e5", VPCRegion: "us-west-1" },
        check: o => assert.deepStrictEqual(o.HostedZoneSummaries.map((z: any) => [z.HostedZoneId, z.Owner.OwningAccount ?? z.Owner.OwningService]), [["Z111111QQQQQQQ", "123456789012"], ["Z222222RRRRRRR", "111122223333"], ["Z333333SSSSSSS", "efs.amazonaws.com"]]),
    },
    listResolverEndpoints: {
        file: "Route53Resolver.ListResolverEndpoints.corrected.json",
        check: o => assert.deepStrictEqual([o.ResolverEndpoints[0].Id, o.ResolverEndpoints[0].HostVPCId, o.ResolverEndpoints[0].Direction, o.ResolverEndpoints[0].Status, o.ResolverEndpoints[0].SecurityGroupIds], ["rslvr-in-60b9fd8fdbexample", "vpc-03cf94c75cexample", "INBOUND", "OPERATIONAL", ["sg-020a3554aexample"]]),
    },
    listResolverEndpointIpAddresses: {
        file: "Route53Resolver.ListResolverEndpointIpAddresses.json", input: { ResolverEndpointId: "rslvr-in-60b9fd8fdbexample" },
        check: o => assert.deepStrictEqual(o.IpAddresses.map((a: any) => a.Ip), ["192.0.2.42", "192.0.2.18", "192.0.2.40"]),
    },
    getResourceShares: {
        file: "RAM.GetResourceShares.json", input: { resourceOwner: "SELF" },
        check: o => assert.deepStrictEqual([o.resourceShares[0].name, o.resourceShares[0].status, o.resourceShares[0].resourceShareArn], ["my-resource-share", "ACTIVE", "arn:aws:ram:us-west-2:123456789012:resource-share/3ab63985-99d9-1cd2-7d24-75e93EXAMPLE"]),
    },
    getResourceShareInvitations: {
        file: "RAM.GetResourceShareInvitations.json",
        check: o => assert.deepStrictEqual([o.resourceShareInvitations[0].receiverAccountId, o.resourceShareInvitations[0].status, o.resourceShareInvitations[0].resourceShareName], ["111111111111", "PENDING", "MyLicenseShare"]),
    },
    listProfiles: { file: "Route53Profiles.ListProfiles.json", check: o => assert.deepStrictEqual([o.ProfileSummaries[0].Id, o.ProfileSummaries[0].Name], ["rp-4987774726example", "test"]) },
    listProfileAssociations: {
        file: "Route53Profiles.ListProfileAssociations.json", input: { ProfileId: "rp-4987774726example" },
        check: o => assert.deepStrictEqual([o.ProfileAssociations[0].ResourceId, o.ProfileAssociations[0].Status], ["vpc-0af3b96b3example", "COMPLETE"]),
    },
    listProfileResourceAssociations: {
        file: "Route53Profiles.ListProfileResourceAssociations.json", input: { ProfileId: "rp-4987774726example" },
        check: o => assert.deepStrictEqual([o.ProfileResourceAssociations[0].ResourceArn, o.ProfileResourceAssociations[0].Status], ["arn:aws:route53resolver:us-east-1:123456789012:firewall-rule-group/rslvr-frg-cfe7f72example", "COMPLETE"]),
    },
};

describe("doctor state: every AWS API it calls parses AWS's own example response (test/fixtures/aws-examples)", function () {
    this.timeout(30_000);
    const aws = new FakeAws({ keys: { AKIAEXAMPLE: "123456789012" } } as any);
    let clients: Clients;
    before(async () => {
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
        await aws.start();
        clients = new Clients({ region: "us-east-1", credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "secret" }), endpoint: aws.url, maxAttempts: 1 });
    });
    after(() => aws.stop());

    for (const [name, ex] of Object.entries(EXAMPLES) as [keyof typeof CALLS, (typeof EXAMPLES)[keyof typeof CALLS]][]) {
        it(`${actionOf(CALLS[name])}: ${ex.file} (${/NOT AN AWS EXAMPLE/.test(read(ex.file.replace(/(\.corrected)?\.(xml|json)$/, ".source.txt"))) ? "from the model: the reference has no example" : "AWS's example"}) parses into what the reader takes`, async () => {
            aws.serveExample(actionOf(CALLS[name]), read(ex.file));
            ex.check(await clients.send(CALLS[name], ex.input ?? {}));
        });
    }

    it("signatures are checked as AWS checks them: the doctor's own SigV4 for Route 53 Profiles and the SDK's pass; a wrong secret is refused", async () => {
        const wrong = new Clients({ region: "us-east-1", credentials: async () => ({ accessKeyId: "AKIAEXAMPLE", secretAccessKey: "not-the-secret" }), endpoint: aws.url, maxAttempts: 1 });
        for (const call of [CALLS.listProfileResourceAssociations, CALLS.describeVpcEndpoints, CALLS.getHostedZone]) {
            await assert.rejects(wrong.send(call, { ProfileId: "rp-1", Id: "Z1" }), (e: Error) => e.name === "SignatureDoesNotMatch", actionOf(call));
        }
        aws.serveExample("ListProfileResourceAssociations", read("Route53Profiles.ListProfileResourceAssociations.json"));
        assert.ok((await clients.send(CALLS.listProfileResourceAssociations, { ProfileId: "rp-with/slash?and&more", MaxResults: 10, NextToken: "a b+c" })).ProfileResourceAssociations);
    });

    it("every example keeps its source; only the APIs whose reference page has no example are built from the model", () => {
        const model: string[] = [];
        for (const ex of Object.values(EXAMPLES)) {
            const source = read(ex.file.replace(/(\.corrected)?\.(xml|json)$/, ".source.txt"));
            assert.match(source, /https:\/\/docs\.aws\.amazon\.com\//, ex.file);
            if (/NOT AN AWS EXAMPLE/.test(source)) model.push(ex.file);
        }
        assert.deepStrictEqual(model.sort(), ["EC2.DescribeTransitGatewayAttachments.xml", "EC2.DescribeTransitGatewayRouteTables.xml", "EC2.GetTransitGatewayRouteTablePropagations.xml", "RAM.GetResourceShares.json"]);
    });

    it("the action on the wire is the call's name in the table (the name its IAM action is made from), for every call", () => {
        const wire = new Set(aws.log.map(l => l.action));
        assert.deepStrictEqual([...wire].sort(), Object.values(CALLS).map(actionOf).sort());
        assert.deepStrictEqual([...clients.called].sort(), [...wire].sort());
    });

    it("the read-only policy: exactly the IAM actions of the calls (and ec2:DescribeVpcs, which Route 53 checks for ListHostedZonesByVPC), read verbs only", () => {
        const policy = doctorReadPolicy();
        assert.equal(policy.Statement.length, 1);
        const actions = policy.Statement[0].Action as string[];
        assert.deepStrictEqual(actions, doctorActions());
        assert.deepStrictEqual(actions, [...new Set(Object.values(CALLS).flatMap(iamActionsOf))].sort());
        for (const a of actions) assert.match(a, /^(ec2|route53|route53resolver|route53profiles|ram):(Describe|List|Get)[A-Za-z]+$/, a);
        const called = new Set(Object.values(CALLS).filter(c => iamActionsOf(c).length).map(c => `${c.service}:${actionOf(c)}`));
        assert.deepStrictEqual(actions.filter(a => !called.has(a)), ["ec2:DescribeVpcs"], "nothing beyond the calls but the one dependency");
        assert.ok(!actions.some(a => a.includes("*")), "no wildcards");
        assert.ok(!actions.includes("sts:GetCallerIdentity"), "STS answers who the caller is without any permission");
    });

    it("the doctor calls AWS only through that table: no SDK command or client is made anywhere else in doctor/", () => {
        const files = fs.readdirSync(path.join(ROOT, "doctor"), { recursive: true }).map(String).filter(f => f.endsWith(".ts") && f !== path.join("aws", "calls.ts"));
        for (const f of files) {
            const text = fs.readFileSync(path.join(ROOT, "doctor", f), "utf8");
            assert.ok(!/@aws-sdk\/client-|new \w+Command\(|SignatureV4/.test(text), `doctor/${f} reaches AWS beside doctor/aws/calls.ts`);
        }
    });
});

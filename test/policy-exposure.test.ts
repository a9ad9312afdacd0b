// The policy pack's exposure checks (policy/network.ts, policy/sharing.ts, policy/cidr.ts):
// world-open ingress however it is split or wherever it hides, the untracked Resolver's
// exemption, endpoint policies, RAM external principals, Transit Gateway auto-accept, and AWS
// providers that pick their own credentials.
import * as assert from "assert";
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import {
    TYPES, deployCredentials, endpointPolicy, noWorldOpenIngress, openStatements, ramNoExternalPrincipals, tgwNoAutoAccept, worldCoveredFamilies,
} from "../policy/rules";
import { StackResource, validateStack } from "./policyHarness";

const https = { protocol: "tcp", fromPort: 443, toPort: 443 };
const dns = (cidr: string) => [{ protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: [cidr] }, { protocol: "tcp", fromPort: 53, toPort: 53, cidrBlocks: [cidr] }];
const openEgress = [{ protocol: "udp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }, { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"] }];

const stack = (resources: StackResource[]) => validateStack(noWorldOpenIngress, resources);

/** Calls a resource policy once; its violations, or "n/a" when it declared itself not applicable. */
async function check(policy: ResourceValidationPolicy, type: string, props: Record<string, any>, config: object = {}): Promise<string[] | "n/a"> {
    const violations: string[] = [];
    const args = { type, props, name: "r", urn: `urn:${type}::r`, getConfig: () => config, notApplicable: () => { throw new Error("n/a"); } } as unknown as ResourceValidationArgs;
    try {
        for (const v of [policy.validateResource!].flat()) await v(args, m => violations.push(m));
    } catch (e) {
        if ((e as Error).message === "n/a") return "n/a";
        throw e;
    }
    return violations;
}

describe("policy: blocks that together admit the world", () => {
    it("finds the world in blocks that only together cover it, IPv4 and IPv6, and not in a near miss", () => {
        assert.deepStrictEqual(worldCoveredFamilies(["0.0.0.0/1", "128.0.0.0/1"]), [4]);
        assert.deepStrictEqual(worldCoveredFamilies(["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1"]), [4]);
        assert.deepStrictEqual(worldCoveredFamilies(["::/1", "8000::/1"]), [6]);
        assert.deepStrictEqual(worldCoveredFamilies(["0.0.0.0/1", "128.0.0.0/2"]), [], "192.0.0.0/2 is still out");
        assert.deepStrictEqual(worldCoveredFamilies(["0.0.0.0/1", "128.0.0.1/32"]), []);
        assert.deepStrictEqual(worldCoveredFamilies(["10.0.0.0/8", "::/0"]), [6]);
        // Overlaps and host bits count as AWS counts them.
        assert.deepStrictEqual(worldCoveredFamilies(["0.0.0.0/1", "64.0.0.0/2", "200.1.2.3/1"]), [4]);
    });

    it("a security group whose inline rules split the world (0.0.0.0/1 + 128.0.0.0/1, one rule or two) is a violation", async () => {
        const one = await stack([{ type: TYPES.securityGroup, props: { ingress: [{ ...https, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/1"] }] } }]);
        assert.match(one.violations[0], /admits ingress from 0\.0\.0\.0\/0 \(its blocks together cover every address\)/);
        const two = await stack([{ type: TYPES.securityGroup, props: { ingress: [{ ...https, cidrBlocks: ["0.0.0.0/1"] }, { ...https, ipv6CidrBlocks: [], cidrBlocks: ["128.0.0.0/1"] }] } }]);
        assert.strictEqual(two.violations.length, 1);
        const fine = await stack([{ type: TYPES.securityGroup, props: { ingress: [{ ...https, cidrBlocks: ["0.0.0.0/1", "128.0.0.0/2"] }] } }]);
        assert.deepStrictEqual(fine.violations, []);
    });

    it("separate rule resources count with their group: two halves in two SecurityGroupRule resources are the world", async () => {
        const out = await stack([
            { type: TYPES.securityGroup, name: "sg", props: { ingress: [] } },
            { type: TYPES.securityGroupRule, name: "a", props: { type: "ingress", ...https, cidrBlocks: ["0.0.0.0/1"] }, deps: { securityGroupId: ["sg"] } },
            { type: TYPES.securityGroupIngressRule, name: "b", props: { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "128.0.0.0/1" }, deps: { securityGroupId: ["sg"] } },
        ]);
        assert.strictEqual(out.violations.length, 1);
        assert.match(out.violations[0], /^sg \(security group\) admits ingress from 0\.0\.0\.0\/0/);
        assert.strictEqual(out.urns[0], `urn:pulumi:test::vpce-hub::${TYPES.securityGroup}::sg`, "reported on the group");
    });

    it("covers default security groups, prefix list entries and network ACLs (inline and as rules); deny entries and egress do not count", async () => {
        const v = async (r: StackResource[]) => (await stack(r)).violations;
        assert.strictEqual((await v([{ type: TYPES.defaultSecurityGroup, props: { ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] } }])).length, 1);
        assert.strictEqual((await v([{ type: TYPES.managedPrefixList, props: { entries: [{ cidr: "0.0.0.0/1" }, { cidr: "128.0.0.0/1" }] } }])).length, 1);
        assert.strictEqual((await v([{ type: TYPES.networkAcl, props: { ingress: [{ action: "allow", ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] } }])).length, 1);
        assert.strictEqual((await v([{ type: TYPES.defaultNetworkAcl, props: { ingress: [{ action: "allow", ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, ipv6CidrBlock: "::/0" }] } }])).length, 1);
        assert.deepStrictEqual(await v([{ type: TYPES.networkAcl, props: { ingress: [{ action: "deny", ruleNo: 100, protocol: "-1", fromPort: 0, toPort: 0, cidrBlock: "0.0.0.0/0" }] } }]), []);
        const acl = (egress: boolean) => [
            { type: TYPES.networkAcl, name: "acl", props: { ingress: [] } },
            { type: TYPES.networkAclRule, name: "r1", props: { egress, ruleAction: "allow", ruleNumber: 1, protocol: "-1", cidrBlock: "0.0.0.0/1" }, deps: { networkAclId: ["acl"] } },
            { type: TYPES.networkAclRule, name: "r2", props: { egress, ruleAction: "allow", ruleNumber: 2, protocol: "-1", cidrBlock: "128.0.0.0/1" }, deps: { networkAclId: ["acl"] } },
        ];
        assert.strictEqual((await v(acl(false))).length, 1);
        assert.deepStrictEqual(await v(acl(true)), []);
    });
});

describe("policy: the untracked Resolver's exemption is earned, not claimed by a tag", () => {
    const group = (extra: Record<string, any> = {}) => ({
        type: TYPES.securityGroup, name: "resolver-sg",
        props: { tags: { "vpce-hub:connection-tracking": "untracked" }, ingress: [...dns("0.0.0.0/0")], egress: openEgress, ...extra },
    });
    const resolver = (direction = "INBOUND") => ({ type: TYPES.resolverEndpoint, name: "inbound", props: { direction }, deps: { securityGroupIds: ["resolver-sg"] } });

    it("passes DNS from 0.0.0.0/0 on a group tagged untracked that an INBOUND Resolver endpoint uses and that opens all egress", async () => {
        assert.deepStrictEqual((await stack([group(), resolver()])).violations, []);
    });

    it("a tag alone earns nothing: no Resolver, an outbound one, or egress that keeps connections tracked is a violation naming why", async () => {
        assert.match((await stack([group()])).violations[0], /tagged vpce-hub:connection-tracking=untracked but it is not the security group of an INBOUND Resolver endpoint/);
        assert.match((await stack([group(), resolver("OUTBOUND")])).violations[0], /not the security group of an INBOUND Resolver endpoint/);
        assert.match((await stack([group({ egress: [] }), resolver()])).violations[0], /its egress does not admit all TCP and UDP/);
    });

    it("the exemption is DNS only: another world-open port on the same group is a violation", async () => {
        const out = await stack([group({ ingress: [...dns("0.0.0.0/0"), { ...https, cidrBlocks: ["0.0.0.0/0"] }] }), resolver()]);
        assert.strictEqual(out.violations.length, 1);
        assert.match(out.violations[0], /admits ingress from 0\.0\.0\.0\/0; name the spoke/);
    });
});

describe("policy: who else gets in", () => {
    const endpoint = (policy?: string) => ({ vpcEndpointType: "Interface", serviceName: "com.amazonaws.ap-northeast-1.sqs", ...(policy ? { policy } : {}) });
    const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [statement] });

    it("an endpoint policy statement allowing Principal * with no condition is a violation; one with a condition passes", async () => {
        const open = doc({ Sid: "All", Effect: "Allow", Principal: "*", Action: "*", Resource: "*" });
        assert.match((await check(endpointPolicy, TYPES.vpcEndpoint, endpoint(open)) as string[])[0], /statement All allows Principal "\*" with no condition/);
        assert.deepStrictEqual(openStatements(doc({ Effect: "Allow", Principal: { AWS: ["*"] }, Action: "sqs:*", Resource: "*" })), ["#0"]);
        const limited = doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": "o-abcdefghij" } } });
        assert.deepStrictEqual(await check(endpointPolicy, TYPES.vpcEndpoint, endpoint(limited)), []);
        assert.deepStrictEqual(await check(endpointPolicy, TYPES.vpcEndpoint, endpoint(doc({ Effect: "Deny", Principal: "*", Action: "*", Resource: "*" }))), []);
    });

    it("a statement open to every principal but limited to named resources (AWS's pattern for AWS-owned buckets) passes; the same on every resource does not", async () => {
        const owned = { Sid: "AllowRequestsToAWSOwnedResources", Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: ["arn:aws:s3:::al2023-ap-northeast-1/*", "arn:aws:s3:::aws-ssm-ap-northeast-1/*"] };
        assert.deepStrictEqual(await check(endpointPolicy, TYPES.vpcEndpoint, endpoint(doc(owned))), []);
        assert.deepStrictEqual(openStatements(doc({ ...owned, Resource: [...owned.Resource, "*"] })), ["AllowRequestsToAWSOwnedResources"]);
        const { Resource: _dropped, ...everywhere } = owned;
        assert.deepStrictEqual(openStatements(doc({ ...everywhere, NotResource: "arn:aws:s3:::secret/*" })), ["AllowRequestsToAWSOwnedResources"]);
    });

    it("an endpoint without a policy (AWS's full-access default) is a violation unless the config accepts it or the service takes none", async () => {
        assert.match((await check(endpointPolicy, TYPES.vpcEndpoint, endpoint()) as string[])[0], /has no policy: AWS's default admits any principal/);
        assert.deepStrictEqual(await check(endpointPolicy, TYPES.vpcEndpoint, endpoint(), { allowDefaultPolicy: true }), []);
        assert.deepStrictEqual(await check(endpointPolicy, TYPES.vpcEndpoint, endpoint(), { servicesWithoutPolicy: ["sqs"] }), []);
        assert.strictEqual(await check(endpointPolicy, TYPES.vpcEndpoint, { vpcEndpointType: "Gateway" }), "n/a");
    });

    it("a RAM share open to external principals (or leaving RAM's default of true) is a violation unless the config allows them", async () => {
        assert.match((await check(ramNoExternalPrincipals, TYPES.ramResourceShare, { name: "s" }) as string[])[0], /unset \(RAM defaults it to true\)/);
        assert.strictEqual((await check(ramNoExternalPrincipals, TYPES.ramResourceShare, { allowExternalPrincipals: true }) as string[]).length, 1);
        assert.deepStrictEqual(await check(ramNoExternalPrincipals, TYPES.ramResourceShare, { allowExternalPrincipals: false }), []);
        assert.deepStrictEqual(await check(ramNoExternalPrincipals, TYPES.ramResourceShare, { allowExternalPrincipals: true }, { allowExternalPrincipals: true }), []);
    });

    it("a Transit Gateway that accepts shared attachments automatically is a violation unless the config documents the choice", async () => {
        assert.strictEqual((await check(tgwNoAutoAccept, TYPES.transitGateway, { autoAcceptSharedAttachments: "enable" }) as string[]).length, 1);
        assert.deepStrictEqual(await check(tgwNoAutoAccept, TYPES.transitGateway, { autoAcceptSharedAttachments: "disable" }), []);
        assert.deepStrictEqual(await check(tgwNoAutoAccept, TYPES.transitGateway, {}), [], "AWS's default is disable");
        assert.deepStrictEqual(await check(tgwNoAutoAccept, TYPES.transitGateway, { autoAcceptSharedAttachments: "enable" }, { allowAutoAccept: true }), []);
    });

    it("an AWS provider that sets its own credentials or role is a violation; region alone passes", async () => {
        const r = await check(deployCredentials, TYPES.awsProvider, { region: "ap-northeast-1", assumeRole: { roleArn: "arn:aws:iam::123456789012:role/Admin" }, profile: "admin" }) as string[];
        assert.match(r[0], /sets profile, assumeRole/);
        assert.deepStrictEqual(await check(deployCredentials, TYPES.awsProvider, { region: "ap-northeast-1", assumeRoles: [] }), []);
    });
});

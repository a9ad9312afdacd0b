// What the deploy roles' writes are bounded by (deployments/permissions.ts): the vpce-hub tag,
// the stacks' regions, accounts and VPCs, AWS service record names. Pure documents, no plan.
import * as assert from "assert";
import { PermissionScope, SERVICE_RECORD_NAMES, permissionPolicy } from "../deployments/permissions";
import { PolicyStatement } from "../deployments/oidc";
import { isReadAction } from "../deployments/actions";

const HUB: PermissionScope = { side: "hub", account: "123456789012", regions: ["ap-northeast-1"], vpcIds: ["vpc-0123456789abcdef0"] };
const MEMBER: PermissionScope = {
    side: "member", account: "111111111111", regions: ["ap-northeast-1"], vpcIds: ["vpc-0aaaaaaaaaaaaaaaa"], hubAccounts: ["123456789012"],
};

const statements = (scope: PermissionScope) => permissionPolicy(scope).Statement;
const actions = (s: PolicyStatement) => [s.Action].flat();
const resources = (s: PolicyStatement) => [s.Resource ?? []].flat();
const granting = (scope: PermissionScope, action: string) => statements(scope).filter(s => actions(s).includes(action));

describe("deploy roles: what each write is bounded by", () => {
    it("no write statement is unbounded: each names ARNs of the stacks' regions and account, or has a condition", () => {
        for (const scope of [HUB, MEMBER, { ...HUB, vpcIds: undefined }]) {
            for (const s of statements(scope).filter(x => actions(x).some(a => !isReadAction(a)))) {
                const arns = resources(s);
                if (arns.includes("*")) {
                    assert.ok(s.Condition, `${s.Sid}: Resource * with no condition`);
                    continue;
                }
                for (const arn of arns) {
                    assert.match(arn, /^arn:aws:(ec2|ram|route53resolver|route53profiles):ap-northeast-1:|^arn:aws:route53:::hostedzone\/\*$|^arn:aws:iam::\*:role\/aws-service-role\/transitgateway\.amazonaws\.com\//, `${s.Sid}: ${arn}`);
                }
            }
        }
    });

    it("creates require the vpce-hub Name tag on the new resource; changes and deletes find it", () => {
        const create = granting(HUB, "ec2:CreateVpcEndpoint").find(s => resources(s).some(r => r.includes(":vpc-endpoint/")))!;
        assert.deepStrictEqual(create.Condition, { StringLike: { "aws:RequestTag/Name": "vpce-hub*" } });
        for (const a of ["ec2:DeleteVpcEndpoints", "ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:DeleteTransitGateway",
            "ec2:ModifyManagedPrefixList", "ec2:DeleteVpcPeeringConnection", "route53resolver:DeleteResolverEndpoint", "ram:DeleteResourceShare"]) {
            const s = granting(HUB, a).filter(x => resources(x).every(r => !r.includes("security-group-rule")));
            assert.ok(s.length > 0, a);
            for (const x of s) assert.deepStrictEqual(x.Condition, { StringLike: { "aws:ResourceTag/Name": "vpce-hub*" } }, `${a} in ${x.Sid}`);
        }
    });

    it("EC2 tags: added at creation only by vpce-hub's creates, changed only on what it tagged", () => {
        const [onCreate, change] = ["TagOnCreate", "TagChange"].map(sid => statements(HUB).find(s => s.Sid === sid)!);
        assert.ok((onCreate.Condition!.StringEquals["ec2:CreateAction"] as string[]).includes("CreateVpcEndpoint"));
        assert.deepStrictEqual(change.Condition, { StringLike: { "aws:ResourceTag/Name": "vpce-hub*" } });
        assert.deepStrictEqual(statements(MEMBER).find(s => s.Sid === "TagOnCreate")!.Condition, { StringEquals: { "ec2:CreateAction": ["CreateTransitGatewayVpcAttachment"] } });
    });

    it("routes and endpoints stay in the declared VPCs; any VPC of the regions only when the hub creates its own", () => {
        const routes = granting(HUB, "ec2:CreateRoute")[0];
        assert.deepStrictEqual(routes.Condition, { ArnEquals: { "ec2:Vpc": ["arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-0123456789abcdef0"] } });
        assert.strictEqual(granting({ ...HUB, vpcIds: undefined }, "ec2:CreateRoute")[0].Condition, undefined);
        assert.deepStrictEqual(granting(MEMBER, "ec2:CreateRoute")[0].Condition, { ArnEquals: { "ec2:Vpc": ["arn:aws:ec2:ap-northeast-1:111111111111:vpc/vpc-0aaaaaaaaaaaaaaaa"] } });
    });

    it("Route 53: private zones only, records only for AWS service names of type A or AAAA", () => {
        assert.deepStrictEqual(granting(HUB, "route53:CreateHostedZone")[0].Condition, {
            Null: { "route53:VPCs": "false" },
            "ForAllValues:StringLike": { "route53:VPCs": ["VPCId=vpc-0123456789abcdef0,VPCRegion=ap-northeast-1"] },
        });
        const records = granting(HUB, "route53:ChangeResourceRecordSets")[0];
        assert.deepStrictEqual(records.Condition!["ForAllValues:StringEquals"], { "route53:ChangeResourceRecordSetsRecordTypes": ["A", "AAAA"] });
        const names = records.Condition!["ForAllValues:StringLike"]["route53:ChangeResourceRecordSetsNormalizedRecordNames"] as string[];
        assert.deepStrictEqual(names, [...SERVICE_RECORD_NAMES]);
        // The names the hub writes match; a company's own zone does not.
        const like = (p: string, v: string) => new RegExp(`^${p.split("*").map(x => x.replace(/[.]/g, "\\.")).join(".*")}$`).test(v);
        for (const n of ["s3.ap-northeast-1.amazonaws.com", "\\052.s3.ap-northeast-1.amazonaws.com", "ecr.ap-northeast-1.api.aws", "notebook.ap-northeast-1.sagemaker.aws"]) {
            assert.ok(names.some(p => like(p, n)), n);
        }
        for (const n of ["www.example.com", "mail.corp.internal"]) assert.ok(!names.some(p => like(p, n)), n);
    });

    it("a member accepts only peerings requested from its hubs' accounts, attaches only to their Transit Gateways and accepts only their shares", () => {
        const accept = granting(MEMBER, "ec2:AcceptVpcPeeringConnection").find(s => s.Condition)!;
        assert.deepStrictEqual(accept.Condition, { ArnLike: { "ec2:RequesterVpc": ["arn:aws:ec2:ap-northeast-1:123456789012:vpc/*"] } });
        const attach = granting(MEMBER, "ec2:CreateTransitGatewayVpcAttachment").flatMap(resources).filter(r => r.includes(":transit-gateway/"));
        assert.deepStrictEqual(attach, ["arn:aws:ec2:ap-northeast-1:123456789012:transit-gateway/*"]);
        assert.deepStrictEqual(granting(MEMBER, "ram:AcceptResourceShareInvitation")[0].Condition, { StringEquals: { "ram:ShareOwnerAccountId": ["123456789012"] } });
        assert.deepStrictEqual(granting(MEMBER, "route53:AssociateVPCWithHostedZone")[0].Condition,
            { "ForAllValues:StringLike": { "route53:VPCs": ["VPCId=vpc-0aaaaaaaaaaaaaaaa,VPCRegion=ap-northeast-1"] } });
    });

    it("regional statements on * resources are held to the stacks' regions (aws:RequestedRegion); global services are not", () => {
        for (const s of statements(HUB).filter(x => resources(x).includes("*"))) {
            const global = actions(s).every(a => /^(route53|organizations):/.test(a));
            if (global) continue;
            const conds = Object.values(s.Condition ?? {}).flatMap(c => Object.keys(c));
            assert.ok(conds.includes("aws:RequestedRegion"), `${s.Sid} is not held to the regions`);
        }
    });

    it("refuses a scope that would widen an ARN, naming the field", () => {
        assert.throws(() => permissionPolicy({ ...HUB, regions: ["*"] }), /^Error: regions: "\*" is not an AWS region/);
        assert.throws(() => permissionPolicy({ ...HUB, account: "*" }), /^Error: account: must be a 12-digit account id/);
        assert.throws(() => permissionPolicy({ ...MEMBER, hubAccounts: ["12345678901*"] }), /^Error: hubAccounts: /);
        assert.throws(() => permissionPolicy({ ...HUB, vpcIds: ["vpc-*"] }), /^Error: vpcIds: /);
    });
});

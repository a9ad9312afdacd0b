// Endpoint policies with an organization: AWS's own traffic through the hub must still pass
// (ECR layers, Amazon Linux repositories, SSM agent packages, federated STS sessions), while
// principals of other organizations stay out. Judged by a small policy evaluator written here,
// independent of the code under test.
import * as assert from "assert";
import { requireStackConfig, HubConfig, parseStackConfig } from "../lib/config";
import { defaultStatements, endpointPolicy } from "../lib/aws/endpointPolicies";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";

const ORG = "o-abcdefghij";
const R = "ap-northeast-1";

/** A request as IAM sees it through the endpoint. */
interface Request { action: string; resource: string; context: Record<string, string | undefined> }

const glob = (pattern: string, value: string) => new RegExp(`^${pattern.split("*").map(p => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`).test(value);
const list = (v: unknown): string[] => Array.isArray(v) ? v : [String(v)];

/** Allowed when some Allow statement matches action, resource and every condition (no Deny statements here). */
function allows(policyJson: string, req: Request): boolean {
    const doc = JSON.parse(policyJson);
    return doc.Statement.some((s: any) => s.Effect === "Allow" &&
        list(s.Action).some(a => glob(a, req.action)) &&
        list(s.Resource).some(r => glob(r, req.resource)) &&
        Object.entries(s.Condition ?? {}).every(([op, kv]) => Object.entries(kv as Record<string, unknown>).every(([k, v]) => {
            const actual = req.context[k];
            if (op === "StringEquals" || op === "Bool") return actual !== undefined && list(v).includes(actual);
            throw new Error(`evaluator: no operator ${op}`);
        })));
}

const policyFor = (service: string, overrides?: Record<string, any>) =>
    endpointPolicy({ service, region: R, organizationId: ORG, supportsPolicy: true, statementOverrides: overrides })!;

const ecrLayer: Request = { action: "s3:GetObject", resource: "arn:aws:s3:::prod-ap-northeast-1-starport-layer-bucket/layer-sha256", context: { "aws:PrincipalAccount": "923456789012" } };
const alRepo: Request = { action: "s3:GetObject", resource: "arn:aws:s3:::al2023-repos-ap-northeast-1-de612dc2/core/mirror.list", context: {} };
const ssmAgent: Request = { action: "s3:GetObject", resource: "arn:aws:s3:::aws-ssm-ap-northeast-1/latest/linux_amd64/amazon-ssm-agent.rpm", context: {} };
const outsider: Request = { action: "s3:PutObject", resource: "arn:aws:s3:::exfiltration-bucket/data.csv", context: { "aws:PrincipalOrgID": "o-zzzzzzzzzz" } };
const insider: Request = { action: "s3:PutObject", resource: "arn:aws:s3:::our-bucket/data.csv", context: { "aws:PrincipalOrgID": ORG } };

describe("endpoint policies with vpce-hub:organizationId (data-perimeter statements)", () => {
    it("S3: ECR image layers, Amazon Linux repositories and SSM agent packages pass; other organizations' principals do not; our principals do", () => {
        const p = policyFor("s3");
        assert.ok(allows(p, ecrLayer), "ECR layer (presigned by ECR's own account)");
        assert.ok(allows(p, alRepo), "Amazon Linux 2023 repository (unauthenticated)");
        assert.ok(allows(p, ssmAgent), "SSM agent package (unauthenticated)");
        assert.ok(allows(p, insider));
        assert.ok(!allows(p, outsider));
        assert.ok(!allows(p, { action: "s3:PutObject", resource: "arn:aws:s3:::prod-ap-northeast-1-starport-layer-bucket/x", context: {} }), "AWS-owned buckets are read-only");
    });

    it("STS: federated AssumeRoleWithWebIdentity and AssumeRoleWithSAML to roles of the organization pass, without aws:PrincipalOrgID", () => {
        const p = policyFor("sts");
        const role = "arn:aws:iam::111111111111:role/github-deploy";
        for (const action of ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"]) {
            assert.ok(allows(p, { action, resource: role, context: { "aws:ResourceOrgID": ORG } }), action);
            assert.ok(!allows(p, { action, resource: role, context: { "aws:ResourceOrgID": "o-zzzzzzzzzz" } }), `${action} to another organization's role`);
        }
        assert.ok(!allows(p, { action: "sts:AssumeRole", resource: role, context: { "aws:ResourceOrgID": ORG } }), "AssumeRole still needs an org principal");
    });

    it("other services get the identity perimeter and the AWS service principals statement only", () => {
        assert.deepStrictEqual(defaultStatements("sqs", R, ORG).map(s => s.Sid), ["AllowRequestsByOrgsIdentities", "AllowRequestsByAWSServicePrincipals"]);
        const p = policyFor("sqs");
        assert.ok(allows(p, { action: "sqs:SendMessage", resource: "arn:aws:sqs:ap-northeast-1:111111111111:q", context: { "aws:PrincipalIsAWSService": "true" } }));
        assert.ok(!allows(p, ecrLayer));
    });

    it("each statement is overridable by Sid: false drops it, an object replaces it, a new Sid adds one", () => {
        const dropped = policyFor("s3", { AllowRequestsToAWSOwnedResources: false });
        assert.ok(!allows(dropped, ecrLayer));
        const partner = { Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::partner-bucket/*" };
        const added = JSON.parse(policyFor("s3", { PartnerBucket: partner }));
        assert.deepStrictEqual(added.Statement.at(-1), { ...partner, Sid: "PartnerBucket" });
        const replaced = JSON.parse(policyFor("s3", { AllowRequestsToAWSOwnedResources: partner }));
        assert.strictEqual(replaced.Statement.length, 3);
        assert.deepStrictEqual(replaced.Statement[2], { ...partner, Sid: "AllowRequestsToAWSOwnedResources" });
    });

    it("a user's whole `policy` is used verbatim, and no policy is set without an organization or where the service takes none", () => {
        const own = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:*", Resource: "*" }] });
        assert.strictEqual(endpointPolicy({ service: "sqs", region: R, organizationId: ORG, supportsPolicy: true, policy: own }), own);
        assert.strictEqual(endpointPolicy({ service: "sqs", region: R, supportsPolicy: true }), undefined);
        assert.strictEqual(endpointPolicy({ service: "email-smtp", region: R, organizationId: ORG, supportsPolicy: false }), undefined);
    });

    it("the hub's S3 endpoint gets the AWS-owned statement, with a policyStatements change from config applied", async () => {
        const raw = {
            ...exampleRaw().shared, "vpce-hub:organizationId": ORG,
            "vpce-hub:services": ["s3", { name: "sts", policyStatements: { AllowFederatedSessionsToOrgRoles: false } }],
            "vpce-hub:spokes": [],
        };
        const hub = await runStackSimulated(new SimCloud(), "shared", raw);
        const byName = (n: string) => hub.resources.find(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.name === n)!;
        assert.ok(allows(byName("s3").inputs.policy, ecrLayer));
        assert.deepStrictEqual(JSON.parse(byName("sts").inputs.policy).Statement.map((s: any) => s.Sid), ["AllowRequestsByOrgsIdentities", "AllowRequestsByAWSServicePrincipals"]);
    });

    it("refuses policyStatements without an organization, together with a whole policy, or with an incomplete statement, naming the key", () => {
        const base = { ...exampleRaw().shared, "vpce-hub:spokes": [] };
        const errs = (services: unknown[], org?: string) => parseStackConfig("shared", { ...base, "vpce-hub:services": services, ...(org ? { "vpce-hub:organizationId": org } : {}) })
            .errors.map(e => `${e.key}: ${e.message}`);
        assert.deepStrictEqual(errs([{ name: "s3", policyStatements: { AllowRequestsToAWSOwnedResources: false } }]), [
            "vpce-hub:services[0].policyStatements: amends the organization's endpoint policy, which exists only with vpce-hub:organizationId: set it, or give a whole `policy`",
        ]);
        assert.deepStrictEqual(errs([{ name: "s3", policy: { Statement: [] }, policyStatements: { X: false } }], ORG), [
            "vpce-hub:services[0].policyStatements: amends the default policy's statements, which `policy` replaces whole: give one of them",
        ]);
        assert.deepStrictEqual(errs([{ name: "s3", policyStatements: { Partner: { Effect: "Allow", Action: "s3:GetObject" } } }], ORG), [
            "vpce-hub:services[0].policyStatements.Partner: the statement needs Principal, Resource",
        ]);
        assert.strictEqual((requireStackConfig("shared", { ...base, "vpce-hub:organizationId": ORG, "vpce-hub:services": [{ name: "s3", policyStatements: { Partner: false } }] }) as HubConfig).services[0].policyStatements!.Partner, false);
    });
});

describe("endpoint policy documents with vpce-hub:organizationId, word for word", () => {
    const perimeter = [
        { Sid: "AllowRequestsByOrgsIdentities", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": ORG } } },
        { Sid: "AllowRequestsByAWSServicePrincipals", Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { Bool: { "aws:PrincipalIsAWSService": "true" } } },
    ];

    it("S3 in ap-northeast-1: the perimeter, then anyone may read (GetObject, ListBucket) AWS's own buckets, each named for the region", () => {
        const buckets = [
            "prod-ap-northeast-1-starport-layer-bucket/*",
            "packages.ap-northeast-1.amazonaws.com/*", "repo.ap-northeast-1.amazonaws.com/*", "amazonlinux.ap-northeast-1.amazonaws.com/*",
            "amazonlinux-2-repos-ap-northeast-1/*", "al2023-ap-northeast-1/*", "al2023-repos-ap-northeast-1-de612dc2/*",
            "aws-ssm-ap-northeast-1/*", "aws-windows-downloads-ap-northeast-1/*", "amazon-ssm-ap-northeast-1/*", "amazon-ssm-packages-ap-northeast-1/*",
            "ap-northeast-1-birdwatcher-prod/*", "aws-ssm-distributor-file-ap-northeast-1/*", "aws-ssm-document-attachments-ap-northeast-1/*",
            "patch-baseline-snapshot-ap-northeast-1/*",
            "amazoncloudwatch-agent-ap-northeast-1/*", "amazoncloudwatch-agent/*", "aws-codedeploy-ap-northeast-1/*",
            "ec2imagebuilder-toe-ap-northeast-1-prod/*", "ec2imagebuilder-managed-resources-ap-northeast-1-prod/components/*",
            "cloudformation-waitcondition-ap-northeast-1/*", "cloudformation-custom-resource-response-apnortheast1/*",
            "prod-04-2014-tasks/*", "awslambda-ap-northeast-1-tasks/*",
        ];
        assert.deepStrictEqual(JSON.parse(policyFor("s3")), {
            Version: "2012-10-17",
            Statement: [...perimeter, {
                Sid: "AllowRequestsToAWSOwnedResources", Effect: "Allow", Principal: "*",
                Action: ["s3:GetObject", "s3:ListBucket"], Resource: buckets.map(b => `arn:aws:s3:::${b}`),
            }],
        });
    });

    it("STS: the perimeter, then federated sessions (web identity, SAML) may assume roles of the organization", () => {
        assert.deepStrictEqual(JSON.parse(policyFor("sts")), {
            Version: "2012-10-17",
            Statement: [...perimeter, {
                Sid: "AllowFederatedSessionsToOrgRoles", Effect: "Allow", Principal: "*",
                Action: ["sts:AssumeRoleWithWebIdentity", "sts:AssumeRoleWithSAML"], Resource: "*",
                Condition: { StringEquals: { "aws:ResourceOrgID": ORG } },
            }],
        });
    });

    it("a change by Sid works on the first statement too, and dropping a Sid the defaults do not have changes nothing", () => {
        assert.deepStrictEqual(JSON.parse(policyFor("sqs", { NoSuchStatement: false })).Statement, perimeter);
        assert.deepStrictEqual(JSON.parse(policyFor("sqs", { AllowRequestsByOrgsIdentities: false })).Statement, [perimeter[1]]);
        const twoOrgs = { Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalOrgID": [ORG, "o-klmnopqrst"] } } };
        assert.deepStrictEqual(JSON.parse(policyFor("sqs", { AllowRequestsByOrgsIdentities: twoOrgs })).Statement,
            [{ ...twoOrgs, Sid: "AllowRequestsByOrgsIdentities" }, perimeter[1]]);
    });
});

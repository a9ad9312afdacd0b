// The per-account deploy role (deployments/iam.ts documents, deployments/bootstrap.ts
// component under mocks) and the ESC environments in esc/ that assume the same role.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { parse } from "yaml";
import { DeployRole } from "../deployments/bootstrap";
import { SimCloud } from "../sim/cloud";
import {
    DEPLOY_PERMISSIONS,
    OIDC_ISSUER_URL,
    PolicyDocument,
    defaultEscEnvironment,
    permissionPolicy,
    trustPolicy,
} from "../deployments/iam";
import { DEFAULT_ROLE_NAME, parseStackFile } from "../deployments/lib";
import { EXAMPLE_DIR } from "./helpers";

const ORG = "acme";
const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
const REPO_ROOT = path.join(__dirname, "..");
const ESC_DIR = path.join(REPO_ROOT, "esc");

const value = <T>(o: pulumi.Output<T>) => new Promise<T>(resolve => o.apply(resolve));
const actionsOf = (doc: PolicyDocument) => doc.Statement.flatMap(s => (typeof s.Action === "string" ? [s.Action] : [...s.Action]));

describe("bootstrap: trust policy", () => {
    const doc = trustPolicy({ providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stack: "shared" });

    it("admits only sts:AssumeRoleWithWebIdentity from Pulumi's OIDC provider", () => {
        assert.strictEqual(doc.Statement.length, 1);
        const [s] = doc.Statement;
        assert.strictEqual(s.Effect, "Allow");
        assert.strictEqual(s.Action, "sts:AssumeRoleWithWebIdentity");
        assert.deepStrictEqual(s.Principal, { Federated: PROVIDER_ARN });
    });

    it("requires aud = the organization exactly and sub = this stack's deployments", () => {
        assert.deepStrictEqual(doc.Statement[0].Condition, {
            StringEquals: { "api.pulumi.com/oidc:aud": "acme" },
            StringLike: { "api.pulumi.com/oidc:sub": "pulumi:deploy:org:acme:project:vpce-hub:stack:shared:*" },
        });
    });

    it("admits the stack's ESC environment only with aud aws:<org> and that environment's exact subject", () => {
        const withEsc = trustPolicy({
            providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stack: "shared", escEnvironment: "vpce-hub/vpce-hub-shared",
        });
        assert.strictEqual(withEsc.Statement.length, 2);
        assert.deepStrictEqual(withEsc.Statement[0], doc.Statement[0]);
        assert.deepStrictEqual(withEsc.Statement[1].Condition, {
            StringEquals: {
                "api.pulumi.com/oidc:aud": "aws:acme",
                "api.pulumi.com/oidc:sub": "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:vpce-hub/vpce-hub-shared",
            },
        });
        assert.strictEqual(withEsc.Statement[1].Action, "sts:AssumeRoleWithWebIdentity");
    });

    it("refuses names that would widen the trust (wildcards) and ESC's default project, naming the field", () => {
        const base = { providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stack: "shared" };
        assert.throws(() => trustPolicy({ ...base, stack: "*" }), /^Error: stack: must be a Pulumi stack name, got "\*"/);
        assert.throws(() => trustPolicy({ ...base, organization: "ac?e" }), /^Error: organization: /);
        assert.throws(() => trustPolicy({ ...base, escEnvironment: "vpce-hub-shared" }), /^Error: escEnvironment: must be an ESC environment as <project>\/<name>/);
        assert.throws(() => trustPolicy({ ...base, escEnvironment: "default/vpce-hub-shared" }), /^Error: escEnvironment: .*legacy default project/);
    });
});

describe("bootstrap: permission policy", () => {
    const doc = permissionPolicy();
    const actions = actionsOf(doc);

    it("grants no admin wildcard: no *, no <service>:*, nothing in iam but the TGW service-linked role, only Allow", () => {
        for (const a of actions) {
            assert.notStrictEqual(a, "*");
            assert.doesNotMatch(a, /^[a-z0-9-]+:\*$/, `${a} grants a whole service`);
        }
        for (const s of doc.Statement) {
            const iam = actionsOf({ ...doc, Statement: [s] }).filter(a => a.startsWith("iam:"));
            if (iam.length === 0) continue;
            // A deploy role that can change IAM can widen itself: creating one service's
            // service-linked role (whose policy AWS owns) is the only exception.
            assert.deepStrictEqual(iam, ["iam:CreateServiceLinkedRole"], `${s.Sid} changes IAM`);
            assert.deepStrictEqual(s.Condition, { StringEquals: { "iam:AWSServiceName": "transitgateway.amazonaws.com" } }, `${s.Sid} is not limited to one service`);
        }
        for (const s of doc.Statement) {
            assert.strictEqual(s.Effect, "Allow");
            assert.ok(!("NotAction" in s) && !("NotResource" in s), `${s.Sid} inverts its match`);
        }
    });

    it("uses wildcards only on read verbs (Describe, Get, List)", () => {
        for (const a of actions.filter(x => x.includes("*"))) {
            assert.match(a, /^[a-z0-9-]+:(Describe|Get|List)\*$/, `${a} is a wildcard on more than reads`);
        }
    });

    it("covers every kind of resource vpce-hub manages", () => {
        const needed = [
            "ec2:Describe*", "sts:GetCallerIdentity",
            "ec2:CreateVpcEndpoint", "ec2:DeleteVpcEndpoints",
            "ec2:CreateSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress",
            "ec2:CreateRoute", "ec2:DeleteRoute",
            "ec2:CreateVpc", "ec2:CreateSubnet", "ec2:CreateRouteTable", "ec2:AssociateRouteTable", "ec2:CreateTags",
            "ec2:CreateVpcPeeringConnection", "ec2:AcceptVpcPeeringConnection", "ec2:DeleteVpcPeeringConnection",
            "ec2:ModifyVpcPeeringConnectionOptions",
            "ec2:CreateTransitGateway", "ec2:CreateTransitGatewayVpcAttachment", "ec2:CreateTransitGatewayRouteTable",
            "ec2:AssociateTransitGatewayRouteTable", "ec2:EnableTransitGatewayRouteTablePropagation",
            "ram:CreateResourceShare", "ram:AssociateResourceShare", "ram:AcceptResourceShareInvitation",
            "route53:CreateHostedZone", "route53:ChangeResourceRecordSets", "route53:CreateVPCAssociationAuthorization",
            "route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone",
            "route53resolver:CreateResolverEndpoint", "ec2:CreateNetworkInterface",
            "ec2:CreateVpnGateway", "ec2:AttachVpnGateway", "ec2:CreateCustomerGateway", "ec2:CreateVpnConnection",
            "ec2:CreateVpnConnectionRoute", "ec2:EnableVgwRoutePropagation",
        ];
        for (const a of needed) assert.ok(actions.includes(a), `missing ${a}`);
        assert.strictEqual(new Set(actions).size, actions.length, "an action is listed twice");
        assert.strictEqual(new Set(DEPLOY_PERMISSIONS.map(p => p.sid)).size, DEPLOY_PERMISSIONS.length, "two statements share a Sid");
    });

    it("may create the Transit Gateway's service-linked role (first TGW VPC attachment in an account), for that service only", () => {
        const s = doc.Statement.filter(x => actionsOf({ ...doc, Statement: [x] }).includes("iam:CreateServiceLinkedRole"));
        assert.strictEqual(s.length, 1);
        assert.deepStrictEqual(s[0].Action, ["iam:CreateServiceLinkedRole"], "its own statement");
        assert.deepStrictEqual(s[0].Condition, { StringEquals: { "iam:AWSServiceName": "transitgateway.amazonaws.com" } });
    });

    it("Route 53 Profiles: the hub's role may create and fill the profile and set its share's permission, a member's only associate its VPC", () => {
        const hub = actionsOf(permissionPolicy("hub"));
        const member = actionsOf(permissionPolicy("member"));
        const hubOnly = ["route53profiles:CreateProfile", "route53profiles:DeleteProfile", "route53profiles:AssociateResourceToProfile",
            "route53profiles:DisassociateResourceFromProfile", "route53profiles:PutProfilePolicy", "route53profiles:UntagResource",
            "ram:AssociateResourceSharePermission", "ram:DisassociateResourceSharePermission"];
        for (const a of hubOnly) {
            assert.ok(hub.includes(a), `hub lacks ${a}`);
            assert.ok(!member.includes(a), `a member's role must not have ${a}`);
        }
        for (const a of ["route53profiles:AssociateProfile", "route53profiles:DisassociateProfile", "route53profiles:TagResource",
            "route53profiles:Get*", "route53profiles:List*", "ram:AcceptResourceShareInvitation"]) {
            assert.ok(member.includes(a), `member lacks ${a}`);
        }
        // Exactly these route53profiles actions per side, nothing more.
        assert.deepStrictEqual(member.filter(a => a.startsWith("route53profiles:")).sort(),
            ["route53profiles:AssociateProfile", "route53profiles:DisassociateProfile", "route53profiles:Get*", "route53profiles:List*", "route53profiles:TagResource"]);
        assert.deepStrictEqual(hub.filter(a => a.startsWith("route53profiles:")).sort(), [
            "route53profiles:AssociateProfile", "route53profiles:AssociateResourceToProfile", "route53profiles:CreateProfile", "route53profiles:DeleteProfile",
            "route53profiles:DisassociateProfile", "route53profiles:DisassociateResourceFromProfile", "route53profiles:Get*", "route53profiles:List*",
            "route53profiles:PutProfilePolicy", "route53profiles:TagResource", "route53profiles:UntagResource"]);
        // An account with both gets both; no side loses what the other side's stacks need.
        for (const a of [...hub, ...member]) assert.ok(actions.includes(a), `both lacks ${a}`);
    });

    it("fits IAM's 10,240-character limit on a role's inline policies", () => {
        assert.ok(JSON.stringify(doc).length < 10240, `${JSON.stringify(doc).length} characters`);
    });
});

describe("bootstrap: DeployRole (mocks)", () => {
    const actions = actionsOf(permissionPolicy());
    // The same simulated cloud as the main program's tests and the plan.
    const sim = new SimCloud();
    let created: SimCloud["recorded"];

    beforeEach(async () => {
        await sim.start({ stack: "shared", project: "vpce-hub-bootstrap", accountId: "123456789012", region: "ap-northeast-1" }, ORG);
        created = sim.recorded;
    });

    async function build(args: Partial<ConstructorParameters<typeof DeployRole>[1]> = {}) {
        const role = new DeployRole("vpce-hub", { organization: ORG, stack: "shared", ...args });
        await Promise.all([value(role.roleArn), value(role.policy.urn), value(role.oidcProviderArn)]);
        const of = (type: string) => created.filter(r => r.type === type);
        return { role, of };
    }

    it("creates an OIDC provider for https://api.pulumi.com/oidc whose client IDs are the organization (and aws:<org> with ESC)", async () => {
        const { of } = await build({ escEnvironment: "vpce-hub/vpce-hub-shared" });
        assert.strictEqual(of("vpce-hub:bootstrap:DeployRole").length, 1);
        const [provider] = of("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assert.strictEqual(provider.inputs.url, OIDC_ISSUER_URL);
        assert.strictEqual(OIDC_ISSUER_URL, "https://api.pulumi.com/oidc");
        assert.deepStrictEqual(provider.inputs.clientIdLists, ["acme", "aws:acme"]);
    });

    it("names the role as the deployments project derives it, trusting this stack through the new provider", async () => {
        const { role, of } = await build();
        const [r] = of("aws:iam/role:Role");
        assert.strictEqual(r.inputs.name, DEFAULT_ROLE_NAME);
        assert.strictEqual(await value(role.roleArn), "arn:aws:iam::123456789012:role/vpce-hub-deploy");
        // Written out: the trust AWS will evaluate, not what trustPolicy() happens to return.
        assert.deepStrictEqual(JSON.parse(r.inputs.assumeRolePolicy), {
            Version: "2012-10-17",
            Statement: [{
                Sid: "PulumiDeployments", Effect: "Allow", Principal: { Federated: PROVIDER_ARN }, Action: "sts:AssumeRoleWithWebIdentity",
                Condition: {
                    StringEquals: { "api.pulumi.com/oidc:aud": "acme" },
                    StringLike: { "api.pulumi.com/oidc:sub": "pulumi:deploy:org:acme:project:vpce-hub:stack:shared:*" },
                },
            }],
        });
    });

    it("attaches the permission policy inline to that role", async () => {
        const { of } = await build();
        const [p] = of("aws:iam/rolePolicy:RolePolicy");
        assert.strictEqual(p.inputs.role, DEFAULT_ROLE_NAME);
        const attached = JSON.parse(p.inputs.policy) as PolicyDocument;
        assert.strictEqual(attached.Version, "2012-10-17");
        const granted = actionsOf(attached);
        // A sample of what a deploy needs, by hand (the full list is checked on permissionPolicy above).
        for (const a of ["ec2:CreateVpcEndpoint", "route53:CreateHostedZone", "route53resolver:CreateResolverEndpoint", "ram:CreateResourceShare"]) {
            assert.ok(granted.includes(a), `the attached policy lacks ${a}`);
        }
        assert.deepStrictEqual(granted.sort(), [...actions].sort(), "the attached policy is the whole permission policy");
    });

    it("uses a given OIDC provider instead of creating a second one (IAM allows one per URL)", async () => {
        const existing = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc-existing";
        const { role, of } = await build({ oidcProviderArn: existing, roleName: "vpce-hub-deploy-member-c", stack: "member-c" });
        assert.strictEqual(of("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
        assert.strictEqual(await value(role.oidcProviderArn), existing);
        const trust = JSON.parse(of("aws:iam/role:Role")[0].inputs.assumeRolePolicy);
        assert.strictEqual(trust.Statement[0].Principal.Federated, existing);
        assert.strictEqual(trust.Statement[0].Condition.StringLike["api.pulumi.com/oidc:sub"], "pulumi:deploy:org:acme:project:vpce-hub:stack:member-c:*");
    });

    it("fails at construction, naming the field, when the stack name holds a wildcard", () => {
        assert.throws(() => new DeployRole("bad", { organization: ORG, stack: "member-*" }), /stack: must be a Pulumi stack name/);
    });
});

describe("ESC environments (esc/)", () => {
    /** The example stacks and the accounts their environments log in to. */
    const EXAMPLES: Record<string, string> = { shared: "123456789012", "member-a": "111111111111" };

    const read = (stack: string) => parse(fs.readFileSync(path.join(ESC_DIR, `vpce-hub-${stack}.yaml`), "utf8"));

    for (const [stack, account] of Object.entries(EXAMPLES)) {
        it(`esc/vpce-hub-${stack}.yaml logs in by OIDC and exports the three AWS_ variables and aws:region`, () => {
            const env = read(stack);
            const oidc = env.values.aws.login["fn::open::aws-login"].oidc;
            assert.strictEqual(oidc.roleArn, `arn:aws:iam::${account}:role/${DEFAULT_ROLE_NAME}`);
            assert.match(oidc.sessionName, /^[\w+=,.@-]{2,64}$/);
            assert.deepStrictEqual(env.values.environmentVariables, {
                AWS_ACCESS_KEY_ID: "${aws.login.accessKeyId}",
                AWS_SECRET_ACCESS_KEY: "${aws.login.secretAccessKey}",
                AWS_SESSION_TOKEN: "${aws.login.sessionToken}",
            });
            assert.strictEqual(env.values.pulumiConfig["aws:region"], "ap-northeast-1");
        });
    }

    it("each environment presents the subject its stack's deploy role trusts, in the account its example stack file names", () => {
        const files = fs.readdirSync(ESC_DIR).filter(f => /^vpce-hub-.+\.yaml$/.test(f));
        for (const f of ["vpce-hub-member-a.yaml", "vpce-hub-member-b.yaml", "vpce-hub-shared.yaml"]) assert.ok(files.includes(f), f);
        for (const file of files) {
            const stack = file.replace(/^vpce-hub-|\.yaml$/g, "");
            const text = fs.readFileSync(path.join(ESC_DIR, file), "utf8");
            const oidc = parse(text).values.aws.login["fn::open::aws-login"].oidc;
            // Without this attribute a stack-imported environment presents `env:<yaml>`, which
            // the role's exact subject condition rejects.
            assert.deepStrictEqual(oidc.subjectAttributes, ["currentEnvironment.name"], file);
            // The environment's name as the file tells people to create it (`pulumi env init <org>/<name>`).
            const created = /pulumi env init <org>\/(\S+) --file esc\/(\S+)/.exec(text);
            assert.ok(created, `${file} says how to create it`);
            assert.strictEqual(created[2], file, `${file} creates itself`);
            // ESC's subject with subjectAttributes [currentEnvironment.name] (Pulumi ESC docs, aws-login).
            const presented = `pulumi:environments:pulumi.organization.login:${ORG}:currentEnvironment.name:${created[1]}`;
            const trust = trustPolicy({
                providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stack, escEnvironment: defaultEscEnvironment(stack),
            });
            assert.strictEqual(trust.Statement[1].Condition!.StringEquals["api.pulumi.com/oidc:sub"], presented, file);
            const stackFile = path.join(EXAMPLE_DIR, `Pulumi.${stack}.yaml`);
            if (!fs.existsSync(stackFile)) continue; // an environment the user added for a stack of their own
            const { accountId } = parseStackFile(`Pulumi.${stack}.yaml`, fs.readFileSync(stackFile, "utf8"));
            assert.strictEqual(oidc.roleArn, `arn:aws:iam::${accountId}:role/${DEFAULT_ROLE_NAME}`, `${file} vs Pulumi.${stack}.yaml`);
        }
    });
});

// Who may assume the deploy roles (deployments/oidc.ts), the roles each account gets
// (deployments/accounts.ts, roles.ts) and the per-account bootstrap under mocks
// (deployments/bootstrap.ts).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { rolesByAccount } from "../deployments/accounts";
import { AccountRoles } from "../deployments/bootstrap";
import { parseStackFile, readStackFiles } from "../deployments/lib";
import {
    DEPLOY_OPERATIONS, OIDC_ISSUER_URL, PREVIEW_OPERATIONS, PolicyDocument, TRUST_POLICY_LIMIT, deploySubject, escSubject, trustPolicy,
} from "../deployments/oidc";
import { actionsOf } from "../deployments/permissions";
import { MANAGED_POLICY_LIMIT, RoleDefinition, roleDefinitions } from "../deployments/roles";
import { isReadAction } from "../deployments/actions";
import { SimCloud } from "../sim/cloud";
import { EXAMPLE_DIR, MULTI_REGION_DIR } from "./helpers";

const ORG = "acme";
const PROVIDER_ARN = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
const value = <T>(o: pulumi.Output<T>) => new Promise<T>(resolve => o.apply(resolve));

/** Every role the example stack sets would get, as the bootstraps define them. */
function exampleRoles(dirs = [EXAMPLE_DIR, MULTI_REGION_DIR]): RoleDefinition[] {
    return dirs.flatMap(dir => [...rolesByAccount(readStackFiles(dir), ORG).values()]
        .flatMap(sides => roleDefinitions({ organization: ORG, providerArn: PROVIDER_ARN, sides, operators: ["alice"] })));
}

/**
 * The trust invariants every role holds: web identity from Pulumi's provider only, exact aud
 * and exact subjects under StringEquals, no pattern operator and no wildcard anywhere, so no
 * other organization, project, stack or operation can match.
 */
function assertExactTrust(doc: PolicyDocument, name: string): void {
    for (const s of doc.Statement) {
        assert.strictEqual(s.Effect, "Allow", name);
        assert.strictEqual(s.Action, "sts:AssumeRoleWithWebIdentity", name);
        assert.deepStrictEqual(s.Principal, { Federated: PROVIDER_ARN }, name);
        assert.deepStrictEqual(Object.keys(s.Condition!), ["StringEquals"], `${name}: only StringEquals, never StringLike`);
        const c = s.Condition!.StringEquals;
        assert.deepStrictEqual(Object.keys(c).sort(), ["api.pulumi.com/oidc:aud", "api.pulumi.com/oidc:sub"], name);
        for (const v of [c["api.pulumi.com/oidc:aud"], c["api.pulumi.com/oidc:sub"]].flat()) {
            assert.doesNotMatch(v, /[*?]/, `${name}: ${v} holds a wildcard`);
        }
    }
}

describe("bootstrap: trust policies (who may assume a role)", () => {
    const deploy = trustPolicy({ providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stacks: ["shared"], kind: "deploy" });
    const preview = trustPolicy({
        providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stacks: ["shared"], kind: "preview", escEnvironments: ["vpce-hub/vpce-hub-shared"],
    });

    it("the deploy role admits exactly this stack's update, refresh and destroy tokens of this organization, never a preview", () => {
        assert.deepStrictEqual(deploy.Statement[0].Condition, {
            StringEquals: {
                "api.pulumi.com/oidc:aud": "acme",
                "api.pulumi.com/oidc:sub": [
                    "pulumi:deploy:org:acme:project:vpce-hub:stack:shared:operation:update:scope:write",
                    "pulumi:deploy:org:acme:project:vpce-hub:stack:shared:operation:refresh:scope:write",
                    "pulumi:deploy:org:acme:project:vpce-hub:stack:shared:operation:destroy:scope:write",
                ],
            },
        });
        assert.strictEqual(deploy.Statement.length, 1, "no ESC environment: nobody opens write credentials");
        assert.ok(!DEPLOY_OPERATIONS.includes("preview"));
    });

    it("the preview role admits this stack's tokens of every operation and its read-only ESC environment, exactly", () => {
        assert.deepStrictEqual(preview.Statement[0].Condition!.StringEquals["api.pulumi.com/oidc:sub"],
            PREVIEW_OPERATIONS.map(op => deploySubject(ORG, "vpce-hub", "shared", op)));
        assert.deepStrictEqual(preview.Statement[1].Condition, {
            StringEquals: {
                "api.pulumi.com/oidc:aud": "aws:acme",
                "api.pulumi.com/oidc:sub": ["pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:vpce-hub/vpce-hub-shared"],
            },
        });
    });

    it("an ESC environment gets write credentials only in a named operator's session (the user's login is in the subject)", () => {
        assert.throws(() => trustPolicy({ providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stacks: ["shared"], kind: "deploy", escEnvironments: ["vpce-hub/x"] }),
            /^Error: escEnvironments: the deploy role admits an ESC environment only for named users/);
        const ops = trustPolicy({
            providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stacks: ["shared"], kind: "deploy",
            escEnvironments: ["vpce-hub/vpce-hub-shared-operator"], logins: ["alice", "bob"],
        });
        assert.deepStrictEqual(ops.Statement[1].Condition!.StringEquals["api.pulumi.com/oidc:sub"], [
            escSubject(ORG, "vpce-hub/vpce-hub-shared-operator", "alice"),
            escSubject(ORG, "vpce-hub/vpce-hub-shared-operator", "bob"),
        ]);
        assert.strictEqual(escSubject(ORG, "vpce-hub/e", "alice"), "pulumi:environments:pulumi.organization.login:acme:currentEnvironment.name:vpce-hub/e:pulumi.user.login:alice");
    });

    it("every role of the example stack sets trusts exact aud and sub values only (StringEquals, no wildcard), each within IAM's size limit", () => {
        const roles = exampleRoles();
        assert.ok(roles.length >= 10, `${roles.length} roles`);
        for (const r of roles) {
            assertExactTrust(r.trust, r.name);
            assert.ok(JSON.stringify(r.trust).length <= TRUST_POLICY_LIMIT, r.name);
            const subs = r.trust.Statement.filter(s => s.Sid === "PulumiDeployments").flatMap(s => [s.Condition!.StringEquals["api.pulumi.com/oidc:sub"]].flat());
            const ops = new Set(subs.map(s => /:operation:(\w+):scope:write$/.exec(s)![1]));
            if (r.kind === "deploy") assert.ok(!ops.has("preview"), `${r.name} admits previews`);
        }
    });

    it("refuses names that would widen the trust (wildcards) and ESC's default project, naming the field", () => {
        const base = { providerArn: PROVIDER_ARN, organization: ORG, project: "vpce-hub", stacks: ["shared"], kind: "preview" as const };
        assert.throws(() => trustPolicy({ ...base, stacks: ["*"] }), /^Error: stacks\[0\]: must be a Pulumi stack name, got "\*"/);
        assert.throws(() => trustPolicy({ ...base, organization: "ac?e" }), /^Error: organization: /);
        assert.throws(() => trustPolicy({ ...base, escEnvironments: ["vpce-hub-shared"] }), /^Error: escEnvironments\[0\]: must be an ESC environment as <project>\/<name>/);
        assert.throws(() => trustPolicy({ ...base, escEnvironments: ["default/vpce-hub-shared"] }), /legacy default project/);
        assert.throws(() => trustPolicy({ ...base, stacks: [] }), /^Error: stacks: a role must trust at least one stack/);
    });

    it(`refuses a trust policy past IAM's ${TRUST_POLICY_LIMIT} characters, and takes one of exactly ${TRUST_POLICY_LIMIT}`, () => {
        // Six stacks whose names' length varies the size by 18 characters a letter, the
        // organization's by 19: some pair lands on each size near the limit.
        const doc = (orgLen: number, stackLen: number) => () => trustPolicy({
            providerArn: PROVIDER_ARN, organization: "o".repeat(orgLen), project: "vpce-hub", kind: "deploy",
            stacks: [1, 2, 3, 4, 5, 6].map(i => `s${i}${"x".repeat(stackLen)}`),
        });
        const sizeOf = (o: number, k: number) => {
            try { return JSON.stringify(doc(o, k)()).length; } catch { return Infinity; }
        };
        const find = (target: number) => {
            for (let o = 1; o < 40; o++) for (let k = 0; k < 60; k++) if (sizeOf(o, k) === target) return [o, k];
            return undefined;
        };
        const at = find(TRUST_POLICY_LIMIT);
        assert.ok(at, "no example of exactly the limit");
        assert.doesNotThrow(doc(at[0], at[1]));
        // One more character: the same stacks with a one letter longer organization, shorter stacks.
        let over: number[] | undefined;
        for (let o = 1; o < 40 && !over; o++) for (let k = 0; k < 60; k++) {
            const base = { organization: "o".repeat(o), stacks: [1, 2, 3, 4, 5, 6].map(i => `s${i}${"x".repeat(k)}`) };
            const size = JSON.stringify({ Version: "2012-10-17", Statement: [{ Sid: "PulumiDeployments", Effect: "Allow", Principal: { Federated: PROVIDER_ARN },
                Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "api.pulumi.com/oidc:aud": base.organization,
                    "api.pulumi.com/oidc:sub": base.stacks.flatMap(st => DEPLOY_OPERATIONS.map(op => deploySubject(base.organization, "vpce-hub", st, op))) } } }] }).length;
            if (size === TRUST_POLICY_LIMIT + 1) { over = [o, k]; break; }
        }
        assert.ok(over, "no example one past the limit");
        assert.throws(doc(over[0], over[1]), /2049 characters, over IAM's default limit of 2048/);
    });
});

describe("bootstrap: the roles of each account", () => {
    it("each account gets a deploy and a preview role per side it holds, trusting exactly its stacks of that side", () => {
        const byAccount = rolesByAccount(readStackFiles(MULTI_REGION_DIR), ORG);
        const hub = byAccount.get("123456789012")!;
        assert.deepStrictEqual(hub.map(s => [s.side, s.stacks, s.names]), [["hub", ["shared-apne1", "shared-usw2"], { deploy: "vpce-hub-deploy", preview: "vpce-hub-preview" }]]);
        assert.deepStrictEqual(hub[0].scope.regions, ["ap-northeast-1", "us-west-2"]);
        const app = byAccount.get("111111111111")!;
        assert.deepStrictEqual(app.map(s => [s.side, s.stacks]), [["member", ["app-apne1", "app-use1", "app-usw2"]]]);
        // Its hubs' accounts: peering and Transit Gateway come from there only.
        assert.deepStrictEqual(app[0].scope.hubAccounts, ["123456789012", "555555555555"]);
    });

    it("a member in the hub's own account gets roles of its own (-member), apart from the hub's", () => {
        const stacks = [
            parseStackFile("Pulumi.shared.yaml", `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n  vpce-hub:accountId: "123456789012"\n  vpce-hub:vpc: { id: vpc-0123456789abcdef0 }\n  vpce-hub:spokes:\n    - { name: tools, accountId: "123456789012", vpcId: vpc-0cccccccccccccccc }\n`),
            parseStackFile("Pulumi.tools.yaml", "config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:hubStack: shared\n"),
        ];
        const sides = rolesByAccount(stacks, ORG).get("123456789012")!;
        assert.deepStrictEqual(sides.map(s => [s.side, s.stacks, s.names.deploy, s.names.preview]), [
            ["hub", ["shared"], "vpce-hub-deploy", "vpce-hub-preview"],
            ["member", ["tools"], "vpce-hub-deploy-member", "vpce-hub-preview-member"],
        ]);
        // The member file names no account or VPC: both come from the hub's registry.
        assert.deepStrictEqual(sides[1].scope.vpcIds, ["vpc-0cccccccccccccccc"]);
    });

    it("the preview role holds reads only; the deploy role holds its side's reads and writes", () => {
        for (const r of exampleRoles()) {
            const actions = actionsOf(r.policy);
            if (r.kind === "preview") assert.deepStrictEqual(actions.filter(a => !isReadAction(a)), [], `${r.name} can write`);
            else assert.ok(actions.some(a => !isReadAction(a)), r.name);
        }
    });

    it("names the stack file and key when a stack's account or region is unknown", () => {
        const stacks = [parseStackFile("Pulumi.shared.yaml", "config:\n  vpce-hub:role: hub\n")];
        assert.throws(() => rolesByAccount(stacks, ORG), (e: Error) =>
            /Pulumi\.shared\.yaml: vpce-hub:accountId: is not set/.test(e.message) && /Pulumi\.shared\.yaml: aws:region: is not set/.test(e.message));
    });
});

describe("bootstrap: AccountRoles (mocks)", () => {
    // The same simulated cloud as the main program's tests and the plan.
    const sim = new SimCloud();
    beforeEach(async () => {
        await sim.start({ stack: "shared", project: "vpce-hub-bootstrap", accountId: "123456789012", region: "ap-northeast-1" }, ORG);
    });

    async function build(args: Partial<ConstructorParameters<typeof AccountRoles>[1]> = {}) {
        const sides = rolesByAccount(readStackFiles(EXAMPLE_DIR), ORG).get("123456789012")!;
        const roles = new AccountRoles("vpce-hub", { organization: ORG, sides, ...args });
        await Promise.all([...Object.values(roles.roleArns).map(value), value(roles.oidcProviderArn)]);
        await Promise.all([...Object.values(roles.roles), ...roles.attachments].map(r => value(r.urn)));
        const of = (type: string) => sim.recorded.filter(r => r.type === type);
        return { roles, of };
    }

    it("creates the OIDC provider for https://api.pulumi.com/oidc with both audiences, and the hub's two roles trusting it", async () => {
        const { roles, of } = await build();
        const [provider] = of("aws:iam/openIdConnectProvider:OpenIdConnectProvider");
        assert.strictEqual(provider.inputs.url, OIDC_ISSUER_URL);
        assert.deepStrictEqual(provider.inputs.clientIdLists, ["acme", "aws:acme"]);
        assert.deepStrictEqual(of("aws:iam/role:Role").map(r => r.inputs.name).sort(), ["vpce-hub-deploy", "vpce-hub-preview"]);
        assert.strictEqual(await value(roles.roleArns["vpce-hub-deploy"]), "arn:aws:iam::123456789012:role/vpce-hub-deploy");
        for (const r of of("aws:iam/role:Role")) assertExactTrust(JSON.parse(r.inputs.assumeRolePolicy), r.inputs.name);
    });

    it("attaches each role's own permissions as managed policies within IAM's size limits: the preview role's hold reads only", async () => {
        const { of } = await build();
        const byRole = (role: string) => of("aws:iam/policy:Policy").filter(p => p.inputs.name.startsWith(`${role}-`))
            .map(p => JSON.parse(p.inputs.policy) as PolicyDocument);
        const deploy = byRole("vpce-hub-deploy"), preview = byRole("vpce-hub-preview");
        assert.ok(deploy.length >= 2, "the deploy role's statements need more than one policy");
        for (const doc of [...deploy, ...preview]) assert.ok(JSON.stringify(doc).length <= MANAGED_POLICY_LIMIT);
        assert.strictEqual(of("aws:iam/rolePolicyAttachment:RolePolicyAttachment").length, deploy.length + preview.length);
        assert.deepStrictEqual(preview.flatMap(actionsOf).filter(a => !isReadAction(a)), []);
        assert.ok(deploy.flatMap(actionsOf).includes("ec2:CreateVpcEndpoint"));
        // Together they are the role's whole permission policy, nothing lost in the split.
        const def = roleDefinitions({ organization: ORG, providerArn: PROVIDER_ARN, sides: rolesByAccount(readStackFiles(EXAMPLE_DIR), ORG).get("123456789012")! })
            .find(r => r.name === "vpce-hub-deploy")!;
        assert.deepStrictEqual(deploy.flatMap(d => d.Statement), def.policy.Statement);
    });

    it("uses a given OIDC provider instead of creating a second one (IAM allows one per URL)", async () => {
        const existing = "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc";
        const { roles, of } = await build({ oidcProviderArn: existing });
        assert.strictEqual(of("aws:iam/openIdConnectProvider:OpenIdConnectProvider").length, 0);
        assert.strictEqual(await value(roles.oidcProviderArn), existing);
        for (const r of of("aws:iam/role:Role")) assert.strictEqual(JSON.parse(r.inputs.assumeRolePolicy).Statement[0].Principal.Federated, existing);
    });

    it("fails at construction, naming the field, when an operator's login holds a wildcard", () => {
        const sides = rolesByAccount(readStackFiles(EXAMPLE_DIR), ORG).get("123456789012")!;
        assert.throws(() => new AccountRoles("bad", { organization: ORG, sides, operators: ["al*ce"] }), /logins\[0\]: must be a Pulumi user login/);
    });
});

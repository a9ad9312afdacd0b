// The organization-wide bootstrap (deployments/stackSet.ts, organization.ts): the templates,
// evaluated here for each account as CloudFormation would, render exactly the per-account
// bootstrap's roles; unknown (new) accounts get the provider and nothing that trusts anyone;
// hubs' and the management account are never targets; the StackSets under mocks.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { SideRoles, rolesByAccount } from "../deployments/accounts";
import { DeploymentsConfigError, parseStackFile, readStackFiles } from "../deployments/lib";
import { OrgDeployRoles, stackSetArgs, stackSetInstanceArgs } from "../deployments/organization";
import { roleDefinitions } from "../deployments/roles";
import { MAPPING_ATTRIBUTES, OrgBootstrap, TEMPLATE_ACCOUNT, TEMPLATE_BODY_LIMIT, orgBootstrap, templateText } from "../deployments/stackSet";
import { SimCloud } from "../sim/cloud";
import { MULTI_REGION_DIR } from "./helpers";

const ORG = "acme";
const MANAGEMENT = "999999999999";
const value = <T>(o: pulumi.Output<T>) => new Promise<T>(resolve => o.apply(resolve));

/** CloudFormation's evaluation of a template in one account: the resources it creates, intrinsic functions resolved. */
function evaluateIn(template: Record<string, any>, account: string): Record<string, { Type: string; Properties?: Record<string, any> }> {
    const conditions: Record<string, boolean> = {};
    const resolve = (v: any): any => {
        if (Array.isArray(v)) return v.map(resolve);
        if (!v || typeof v !== "object") return v;
        if ("Ref" in v) return v.Ref === "AWS::AccountId" ? account : `ref:${v.Ref}`;
        if ("Condition" in v && Object.keys(v).length === 1) return conditions[v.Condition];
        if ("Fn::If" in v) { const [c, yes, no] = v["Fn::If"]; return resolve(conditions[c] ? yes : no); }
        if ("Fn::Sub" in v) return String(v["Fn::Sub"]).replace(/\$\{AWS::AccountId\}/g, account);
        if ("Fn::Equals" in v) { const [a, b] = resolve(v["Fn::Equals"]); return a === b; }
        if ("Fn::Or" in v) return resolve(v["Fn::Or"]).some(Boolean);
        if ("Fn::FindInMap" in v) {
            const [map, key, second] = resolve(v["Fn::FindInMap"]);
            const found = template.Mappings?.[map]?.[key]?.[second];
            if (found === undefined) throw new Error(`Fn::FindInMap ${map}.${key}.${second}: not found`);
            return found;
        }
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolve(x)]));
    };
    for (const [name, c] of Object.entries(template.Conditions ?? {})) conditions[name] = resolve(c);
    const out: Record<string, any> = {};
    for (const [id, r] of Object.entries<any>(template.Resources)) {
        if (r.Condition && !conditions[r.Condition]) continue;
        out[id] = { Type: r.Type, ...(r.Properties ? { Properties: resolve(r.Properties) } : {}) };
    }
    return out;
}

const multiRegion = () => rolesByAccount(readStackFiles(MULTI_REGION_DIR), ORG);

describe("organization-wide bootstrap: the StackSet templates", () => {
    const boot = orgBootstrap({ organization: ORG, byAccount: multiRegion(), managementAccount: MANAGEMENT, accountsWithProvider: ["444444444444"], operators: ["alice"] });

    it("serves member-only accounts; hub accounts are left to the per-account bootstrap, and accounts with a provider keep theirs", () => {
        assert.deepStrictEqual([...boot.members], [
            ["111111111111", ["app-apne1", "app-use1", "app-usw2"]], ["222222222222", ["data-apne1", "data-usw2"]], ["444444444444", ["dev-apne1"]],
        ]);
        assert.deepStrictEqual(boot.excluded, ["123456789012", "333333333333", "555555555555"]);
        assert.deepStrictEqual(boot.providerExcluded, ["123456789012", "333333333333", "444444444444", "555555555555"]);
    });

    it("in each member account the template makes exactly the per-account bootstrap's roles: same trust, same permissions, the account filled in", () => {
        for (const [account, stacks] of boot.members) {
            const made = evaluateIn(boot.rolesTemplate, account);
            const member = multiRegion().get(account)!.find(s => s.side === "member")!;
            const scope = { ...member.scope, account, vpcIds: undefined,
                regions: ["ap-northeast-1", "us-east-1", "us-west-2"], hubAccounts: ["123456789012", "333333333333", "555555555555"] };
            const expected = roleDefinitions({
                organization: ORG, operators: ["alice"], providerArn: `arn:aws:iam::${account}:oidc-provider/api.pulumi.com/oidc`,
                sides: [{ ...member, scope } as SideRoles],
            });
            for (const def of expected) {
                const id = def.kind === "deploy" ? "DeployRole" : "PreviewRole";
                assert.strictEqual(made[id].Properties!.RoleName, def.name);
                assert.deepStrictEqual(made[id].Properties!.AssumeRolePolicyDocument, def.trust, `${account} ${id} trust`);
                const policies = Object.entries(made).filter(([k]) => k.startsWith(`${id}Policy`)).map(([, r]) => r.Properties!);
                assert.deepStrictEqual(policies.map(p => p.PolicyDocument), def.policies, `${account} ${id} permissions`);
                for (const p of policies) assert.deepStrictEqual(p.Roles, [`ref:${id}`]);
            }
            // The trust names this account's stacks only.
            const subs = JSON.stringify(made.DeployRole.Properties!.AssumeRolePolicyDocument);
            for (const other of [...boot.members.values()].flat().filter(s => !stacks.includes(s))) assert.ok(!subs.includes(`:stack:${other}:`), `${account} trusts ${other}`);
        }
    });

    it("an account the stack files do not know yet (added to an OU later) gets no role that trusts anyone, only a placeholder", () => {
        assert.deepStrictEqual(Object.keys(evaluateIn(boot.rolesTemplate, "777777777777")), ["Placeholder"]);
        assert.deepStrictEqual(evaluateIn(boot.providerTemplate, "777777777777"), {
            PulumiOidcProvider: { Type: "AWS::IAM::OIDCProvider", Properties: { Url: "https://api.pulumi.com/oidc", ClientIdList: ["acme", "aws:acme"] } },
        });
    });

    it("never leaves the account as a literal: every ARN with the account is substituted by CloudFormation", () => {
        const text = JSON.stringify(boot.rolesTemplate);
        const literal = text.replace(/\{"Fn::Sub":"[^"]*"\}/g, "");
        assert.ok(!literal.includes(TEMPLATE_ACCOUNT), "an ${AWS::AccountId} outside Fn::Sub");
    });

    it("refuses a member stack in the organization's management account, which StackSets never deploy to", () => {
        const stacks = [
            parseStackFile("Pulumi.shared.yaml", `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n  vpce-hub:accountId: "123456789012"\n  vpce-hub:spokes: [{ name: mgmt, accountId: "${MANAGEMENT}" }]\n`),
            parseStackFile("Pulumi.mgmt.yaml", "config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:hubStack: shared\n"),
        ];
        assert.throws(() => orgBootstrap({ organization: ORG, byAccount: rolesByAccount(stacks, ORG), managementAccount: MANAGEMENT }), (e: unknown) =>
            e instanceof DeploymentsConfigError && /mgmt runs in the organization's management account 999999999999: StackSets never deploy there/.test(e.message));
    });

    it("more than ten member accounts still make one condition (Fn::Or takes ten at most), true in each of them and in no other", () => {
        const hub = `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n  vpce-hub:accountId: "123456789012"\n  vpce-hub:spokes: [${Array.from({ length: 23 }, (_, i) => `{ name: m${i}, accountId: "${String(100000000000 + i)}" }`).join(", ")}]\n`;
        const b = orgBootstrap({ organization: ORG, byAccount: rolesByAccount([parseStackFile("Pulumi.shared.yaml", hub)], ORG), managementAccount: MANAGEMENT });
        for (let i = 0; i < 23; i++) assert.ok("DeployRole" in evaluateIn(b.rolesTemplate, String(100000000000 + i)), `m${i}`);
        assert.ok(!("DeployRole" in evaluateIn(b.rolesTemplate, "100000000023")));
        const depth = (c: any): number => c && typeof c === "object" && "Fn::Or" in c ? 1 + Math.max(...c["Fn::Or"].map(depth)) : 0;
        const tree = (b.rolesTemplate.Conditions as any).KnownMemberAccounts0;
        const widths = (c: any): number[] => c && typeof c === "object" && "Fn::Or" in c ? [c["Fn::Or"].length, ...c["Fn::Or"].flatMap(widths)] : [];
        assert.ok(widths(tree).every(w => w >= 2 && w <= 10), `Fn::Or widths ${widths(tree)}`);
        assert.strictEqual(depth(tree), 2);
    });

    it(`${MAPPING_ATTRIBUTES} member accounts fit one mapping, one more starts a second, and each account still finds its own stacks`, () => {
        const make = (n: number) => {
            const hub = `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n  vpce-hub:accountId: "123456789012"\n  vpce-hub:spokes: [${Array.from({ length: n }, (_, i) => `{ name: m${i}, accountId: "${String(100000000000 + i)}" }`).join(", ")}]\n`;
            return orgBootstrap({ organization: ORG, byAccount: rolesByAccount([parseStackFile("Pulumi.shared.yaml", hub)], ORG), managementAccount: MANAGEMENT });
        };
        assert.deepStrictEqual(Object.keys(make(MAPPING_ATTRIBUTES).rolesTemplate.Mappings as object), ["Subjects0"]);
        const b = make(MAPPING_ATTRIBUTES + 1);
        assert.deepStrictEqual(Object.keys(b.rolesTemplate.Mappings as object), ["Subjects0", "Subjects1"]);
        for (const i of [0, MAPPING_ATTRIBUTES - 1, MAPPING_ATTRIBUTES]) {
            const made = evaluateIn(b.rolesTemplate, String(100000000000 + i));
            const subs = made.DeployRole.Properties!.AssumeRolePolicyDocument.Statement[0].Condition.StringEquals["api.pulumi.com/oidc:sub"];
            assert.deepStrictEqual(subs, ["update", "refresh", "destroy"].map(op => `pulumi:deploy:org:acme:project:vpce-hub:stack:m${i}:operation:${op}:scope:write`));
        }
        assert.deepStrictEqual(Object.keys(evaluateIn(b.rolesTemplate, "100000000999")), ["Placeholder"]);
    });

    it(`a template of up to ${TEMPLATE_BODY_LIMIT} bytes goes inline; one byte more needs S3`, () => {
        const pad = (n: number) => ({ Description: "x".repeat(n - JSON.stringify({ Description: "" }).length) });
        assert.strictEqual(templateText(pad(TEMPLATE_BODY_LIMIT)).inline, true);
        assert.strictEqual(templateText(pad(TEMPLATE_BODY_LIMIT + 1)).inline, false);
    });
});

describe("organization-wide bootstrap: the StackSets (mocks)", () => {
    const sim = new SimCloud();
    beforeEach(() => sim.start({ stack: "org", project: "vpce-hub-organization", accountId: MANAGEMENT, region: "us-east-1" }, ORG));

    const boot = (): OrgBootstrap => orgBootstrap({ organization: ORG, byAccount: multiRegion(), managementAccount: MANAGEMENT, accountsWithProvider: ["444444444444"] });

    it("two service-managed StackSets with automatic deployment over the OUs, the roles after the provider, leaving out hubs' accounts", async () => {
        const o = new OrgDeployRoles("vpce-hub", { bootstrap: boot(), organizationalUnitIds: ["ou-abcd-11111111"], callAs: "DELEGATED_ADMIN", region: "us-east-1" });
        await Promise.all([o.providerStackSet.urn, o.rolesStackSet.urn, ...o.instances.map(i => i.urn)].map(value));
        const sets = sim.recorded.filter(r => r.type === "aws:cloudformation/stackSet:StackSet").map(r => r.inputs);
        assert.deepStrictEqual(sets.map(s => s.name), ["vpce-hub-oidc-provider", "vpce-hub-deploy-roles"]);
        for (const s of sets) {
            assert.strictEqual(s.permissionModel, "SERVICE_MANAGED");
            assert.deepStrictEqual({ ...s.autoDeployment, dependsOnStackSets: undefined }, { enabled: true, retainStacksOnAccountRemoval: false, dependsOnStackSets: undefined });
            assert.strictEqual(s.callAs, "DELEGATED_ADMIN");
            assert.deepStrictEqual(s.capabilities, ["CAPABILITY_NAMED_IAM"]);
            assert.ok(JSON.parse(s.templateBody).Resources, "the template goes inline");
        }
        const instances = sim.recorded.filter(r => r.type === "aws:cloudformation/stackSetInstance:StackSetInstance").map(r => r.inputs);
        assert.deepStrictEqual(instances.map(i => i.deploymentTargets), [
            { organizationalUnitIds: ["ou-abcd-11111111"], accounts: ["123456789012", "333333333333", "444444444444", "555555555555"], accountFilterType: "DIFFERENCE" },
            { organizationalUnitIds: ["ou-abcd-11111111"], accounts: ["123456789012", "333333333333", "555555555555"], accountFilterType: "DIFFERENCE" },
        ]);
        assert.ok(instances.every(i => i.stackSetInstanceRegion === "us-east-1" && i.callAs === "DELEGATED_ADMIN"));
    });

    it("the roles' automatic deployment waits for the provider's StackSet in new accounts", () => {
        const args = stackSetArgs("n", "d", { body: "{}" }, "SELF", ["arn:aws:cloudformation:us-east-1:999999999999:stackset/vpce-hub-oidc-provider:1"]);
        assert.deepStrictEqual(args.autoDeployment, { enabled: true, retainStacksOnAccountRemoval: false, dependsOnStackSets: ["arn:aws:cloudformation:us-east-1:999999999999:stackset/vpce-hub-oidc-provider:1"] });
        assert.deepStrictEqual(stackSetInstanceArgs("n", ["r-abcd"], [], "SELF", "us-east-1").deploymentTargets, { organizationalUnitIds: ["r-abcd"] });
    });
});

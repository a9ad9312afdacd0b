// The deployments project: stack files -> deployment graph -> settings and webhooks. The pure
// half (deployments/lib.ts) is called directly; the Pulumi layer (deployments/resources.ts)
// under mocks. Fixture stack files go to a temp dir; one test reads the repository's own.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
    DeploymentsConfig,
    DeploymentsConfigError,
    PROGRAM_PATHS,
    StackInfo,
    branchRef,
    buildDeployGraph,
    findCycle,
    parseDeploymentsConfig,
    parseStackFile,
    planDeployments,
    readStackFiles,
} from "../deployments/lib";
import { StackDeployments, settingsArgs } from "../deployments/resources";
import { escEnvironments, readerEnvironment } from "../deployments/esc";
import { escSubject, trustPolicy } from "../deployments/oidc";
import { parse } from "yaml";
import { SimCloud } from "../sim/cloud";
import { EXAMPLE_DIR } from "./helpers";

const ORG = "acme";

const HUB = `config:
  aws:region: ap-northeast-1
  vpce-hub:role: hub
  vpce-hub:accountId: "123456789012"
  vpce-hub:spokes: [{ name: member-a, accountId: "111111111111" }, { name: member-b, accountId: "222222222222" }]
`;
const spoke = (account: string, hubStack: string) => `config:
  aws:region: ap-northeast-1
  vpce-hub:role: spoke
  vpce-hub:accountId: "${account}"
  vpce-hub:hubStack: ${hubStack}
  vpce-hub:vpc: { id: vpc-0aaaaaaaaaaaaaaaa }
`;

/** A project directory holding Pulumi.yaml and the given stack files. */
function projectDir(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-deployments-"));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), "name: vpce-hub\nruntime: nodejs\n");
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
}

/** shared (hub), member-a (spoke by full reference), member-b (spoke by bare stack name). */
function exampleDir(): string {
    return projectDir({
        "Pulumi.shared.yaml": HUB,
        "Pulumi.member-a.yaml": spoke("111111111111", "acme/vpce-hub/shared"),
        "Pulumi.member-b.yaml": spoke("222222222222", "shared"),
    });
}

function config(extra: Partial<DeploymentsConfig> = {}): DeploymentsConfig {
    return parseDeploymentsConfig({ organization: ORG, repository: "acme/vpce-hub", ...extra });
}

function stack(name: string, role: "hub" | "spoke", accountId?: string, hubStack?: string): StackInfo {
    return { name, file: `Pulumi.${name}.yaml`, role, accountId, hubStack };
}

/** The DeploymentsConfigError `fn` throws, failing the test when it throws none. */
function configError(fn: () => unknown): DeploymentsConfigError {
    try {
        fn();
    } catch (e) {
        if (e instanceof DeploymentsConfigError) return e;
        throw e;
    }
    assert.fail("expected a DeploymentsConfigError");
}

const value = <T>(o: pulumi.Output<T>) => new Promise<T>(resolve => o.apply(resolve));

describe("deployments: stack files", () => {
    it("reads role, account and hub of every Pulumi.<stack>.yaml, sorted, ignoring Pulumi.yaml", () => {
        const stacks = readStackFiles(exampleDir());
        assert.deepStrictEqual(stacks, [
            { name: "member-a", file: "Pulumi.member-a.yaml", role: "spoke", accountId: "111111111111", hubStack: "acme/vpce-hub/shared" },
            { name: "member-b", file: "Pulumi.member-b.yaml", role: "spoke", accountId: "222222222222", hubStack: "shared" },
            {
                name: "shared", file: "Pulumi.shared.yaml", role: "hub", accountId: "123456789012", region: "ap-northeast-1",
                registry: { "member-a": { accountId: "111111111111" }, "member-b": { accountId: "222222222222" } },
            },
        ].map(x => ({ region: "ap-northeast-1", ...(x.role === "spoke" ? { vpcId: "vpc-0aaaaaaaaaaaaaaaa" } : {}), ...x })));
    });

    it("keeps an unquoted account id's leading zero, as Pulumi reads config values as strings", () => {
        const s = parseStackFile("Pulumi.shared.yaml", "config:\n  vpce-hub:role: hub\n  vpce-hub:accountId: 012345678901\n");
        assert.strictEqual(s.accountId, "012345678901");
    });

    it("names the file and key when a role is missing or a spoke has no hubStack", () => {
        const e = configError(() => readStackFiles(projectDir({
            "Pulumi.a.yaml": "config:\n  vpce-hub:accountId: \"111111111111\"\n",
            "Pulumi.b.yaml": "config:\n  vpce-hub:role: spoke\n",
            "Pulumi.c.yaml": "config:\n  vpce-hub:role: hub\n  vpce-hub:accountId: \"12345\"\n",
        })));
        assert.deepStrictEqual(e.problems, [
            "Pulumi.a.yaml: vpce-hub:role: is required: hub or spoke",
            "Pulumi.b.yaml: vpce-hub:hubStack: is required for a spoke: the hub's stack as org/project/stack, e.g. acme/vpce-hub/shared",
            'Pulumi.c.yaml: vpce-hub:accountId: must be a 12-digit AWS account id, got "12345"',
        ]);
    });

    it("with a stacks list reads only those stacks, and names a listed stack that has no file", () => {
        const dir = exampleDir();
        assert.deepStrictEqual(readStackFiles(dir, ["shared", "member-b"]).map(s => s.name), ["member-b", "shared"]);
        const e = configError(() => readStackFiles(dir, ["shared", "member-z"]));
        assert.match(e.message, /vpce-hub-deployments:stacks: names "member-z", but .* has no Pulumi\.member-z\.yaml/);
    });
});

describe("deployments: the deployment graph", () => {
    it("chains each hub to each of its members: one edge per member, none from a member back to its hub", () => {
        const edges = buildDeployGraph(readStackFiles(exampleDir()), ORG);
        assert.deepStrictEqual(edges, [{ hub: "shared", member: "member-a" }, { hub: "shared", member: "member-b" }]);
    });

    it("rejects a cycle of hubStack references with an error naming every stack on it", () => {
        const stacks = [
            stack("shared", "hub", "123456789012"),
            stack("member-a", "spoke", "111111111111", "member-b"),
            stack("member-b", "spoke", "222222222222", "acme/vpce-hub/member-a"),
        ];
        const e = configError(() => buildDeployGraph(stacks, ORG));
        assert.strictEqual(e.problems.length, 1);
        assert.match(e.message, /^vpce-hub:hubStack forms a cycle: member-a -> member-b -> member-a /);
    });

    it("rejects a spoke that names itself as its hub", () => {
        const e = configError(() => buildDeployGraph([stack("member-a", "spoke", "111111111111", "member-a")], ORG));
        assert.match(e.message, /forms a cycle: member-a -> member-a /);
    });

    it("findCycle returns the path closing the first cycle, and undefined for an acyclic graph", () => {
        assert.strictEqual(findCycle(new Map([["a", ["b", "c"]], ["b", ["c"]], ["c", []]])), undefined);
        assert.deepStrictEqual(findCycle(new Map([["a", ["b"]], ["b", ["c"]], ["c", ["b"]]])), ["b", "c", "b"]);
    });

    it("rejects a spoke whose hubStack names a stack not in the list, naming the file and key", () => {
        const stacks = [stack("shared", "hub", "123456789012"), stack("member-a", "spoke", "111111111111", "acme/vpce-hub/hub-x")];
        const e = configError(() => buildDeployGraph(stacks, ORG));
        assert.deepStrictEqual(e.problems, [
            'Pulumi.member-a.yaml: vpce-hub:hubStack: names "hub-x", which is not among the stacks deployed here (shared, member-a)',
        ]);
    });

    it("rejects a hubStack in another organization or project: a webhook cannot reach it", () => {
        const stacks = [
            stack("shared", "hub", "123456789012"),
            stack("member-a", "spoke", "111111111111", "other/vpce-hub/shared"),
            stack("member-b", "spoke", "222222222222", "acme/other/shared"),
        ];
        const e = configError(() => buildDeployGraph(stacks, ORG));
        assert.match(e.problems[0], /^Pulumi\.member-a\.yaml: vpce-hub:hubStack: names organization "other", but Deployments run in "acme"/);
        assert.match(e.problems[1], /^Pulumi\.member-b\.yaml: vpce-hub:hubStack: names project "other"/);
    });

    it("rejects a spoke whose hubStack names another spoke", () => {
        const stacks = [
            stack("shared", "hub", "123456789012"),
            stack("member-a", "spoke", "111111111111", "shared"),
            stack("member-b", "spoke", "222222222222", "member-a"),
        ];
        const e = configError(() => buildDeployGraph(stacks, ORG));
        assert.match(e.message, /^Pulumi\.member-b\.yaml: vpce-hub:hubStack: names "member-a", which is a spoke/);
    });
});

describe("deployments: settings", () => {
    it("derives each stack's role ARN from its account and roleName, unless roles names one", () => {
        const stacks = readStackFiles(exampleDir());
        const arns = (cfg: DeploymentsConfig) => Object.fromEntries(planDeployments(cfg, stacks).settings.map(s => [s.stack, s.roleArn]));
        assert.deepStrictEqual(arns(config()), {
            "member-a": "arn:aws:iam::111111111111:role/vpce-hub-deploy",
            "member-b": "arn:aws:iam::222222222222:role/vpce-hub-deploy",
            shared: "arn:aws:iam::123456789012:role/vpce-hub-deploy",
        });
        const custom = config({ roleName: "deployer", roles: { shared: "arn:aws:iam::999999999999:role/hub-deployer" } });
        assert.deepStrictEqual(arns(custom), {
            "member-a": "arn:aws:iam::111111111111:role/deployer",
            "member-b": "arn:aws:iam::222222222222:role/deployer",
            shared: "arn:aws:iam::999999999999:role/hub-deployer",
        });
    });

    it("filters each stack's deployments to the program and its own stack file, never another stack's", () => {
        const plan = planDeployments(config(), readStackFiles(exampleDir()));
        for (const s of plan.settings) {
            assert.deepStrictEqual(s.paths, [...PROGRAM_PATHS, `Pulumi.${s.stack}.yaml`], s.stack);
            const others = plan.settings.filter(o => o.stack !== s.stack).map(o => `Pulumi.${o.stack}.yaml`);
            for (const f of others) assert.ok(!s.paths.includes(f), `${s.stack} must not deploy on ${f}`);
        }
        for (const p of ["index.ts", "components/**", "stacks/**", "lib/**", "package.json", "package-lock.json", "Pulumi.yaml"]) {
            assert.ok(PROGRAM_PATHS.includes(p), `the program paths miss ${p}`);
        }
    });

    it("a price table edit (data/) deploys no stack: only the offline plan reads the price tables", () => {
        assert.ok(!PROGRAM_PATHS.some(p => p.startsWith("data")), PROGRAM_PATHS.join(", "));
        const plan = planDeployments(config(), readStackFiles(exampleDir()));
        for (const s of plan.settings) assert.ok(!s.paths.some(p => p.startsWith("data")), s.stack);
    });

    it("spokeTrigger hub: a spoke watches only its own stack file, the hub still watches the program", () => {
        const plan = planDeployments(config({ spokeTrigger: "hub" }), readStackFiles(exampleDir()));
        const paths = Object.fromEntries(plan.settings.map(s => [s.stack, s.paths]));
        assert.deepStrictEqual(paths["member-a"], ["Pulumi.member-a.yaml"]);
        assert.deepStrictEqual(paths.shared, [...PROGRAM_PATHS, "Pulumi.shared.yaml"]);
    });

    it("prefixes paths and sets repoDir when the project sits below the repository root", () => {
        const plan = planDeployments(config({ repoDir: "infra/vpce-hub" }), [stack("shared", "hub", "123456789012")]);
        assert.ok(plan.settings[0].paths.every(p => p.startsWith("infra/vpce-hub/")));
        assert.deepStrictEqual(settingsArgs(plan, plan.settings[0]).sourceContext, {
            git: { branch: "refs/heads/main", repoDir: "infra/vpce-hub" },
        });
    });

    it("a member in its hub's account deploys with that account's member roles, never the hub's", () => {
        const stacks = [
            { ...stack("shared", "hub", "123456789012"), registry: { tools: { accountId: "123456789012" } } },
            stack("tools", "spoke", undefined, "shared"),
        ];
        const plan = planDeployments(config(), stacks);
        const arns = Object.fromEntries(plan.settings.map(s => [s.stack, [s.roleArn, s.previewRoleArn]]));
        assert.deepStrictEqual(arns, {
            shared: ["arn:aws:iam::123456789012:role/vpce-hub-deploy", "arn:aws:iam::123456789012:role/vpce-hub-preview"],
            tools: ["arn:aws:iam::123456789012:role/vpce-hub-deploy-member", "arn:aws:iam::123456789012:role/vpce-hub-preview-member"],
        });
    });

    it("two stacks of one side in one account share that side's roles, whose trust lists both", () => {
        const stacks = [stack("shared", "hub", "123456789012"), stack("shared-usw2", "hub", "123456789012")];
        const plan = planDeployments(config(), stacks);
        assert.deepStrictEqual(new Set(plan.settings.map(s => s.roleArn)), new Set(["arn:aws:iam::123456789012:role/vpce-hub-deploy"]));
        assert.deepStrictEqual(plan.roles.get("123456789012")!.map(r => r.stacks), [["shared", "shared-usw2"]]);
    });

    it("rejects a stack whose account no file, registry or roles entry names, naming the keys", () => {
        const e = configError(() => planDeployments(config(), [stack("shared", "hub")]));
        assert.deepStrictEqual(e.problems, [
            'Pulumi.shared.yaml: vpce-hub:accountId: is not set, its hub\'s registry does not list "shared", and vpce-hub-deployments:roles has no entry "shared": set one so the deploy role\'s ARN is known',
        ]);
    });

    it("names the config key at fault: missing repository, bad role ARN, unknown spokeTrigger", () => {
        const e = configError(() => parseDeploymentsConfig({
            organization: ORG,
            roles: JSON.stringify({ shared: "arn:aws:iam::123:role/x" }),
            spokeTrigger: "always",
        }));
        assert.deepStrictEqual(e.problems.map(p => p.split(": ")[0]), [
            "vpce-hub-deployments:repository",
            "vpce-hub-deployments:spokeTrigger",
            "vpce-hub-deployments:roles.shared",
        ]);
        assert.strictEqual(branchRef("main"), "refs/heads/main");
        assert.strictEqual(branchRef("refs/heads/release"), "refs/heads/release");
    });
});

describe("deployments: previews, credentials and the policy pack in every run", () => {
    const plan = (extra: Partial<DeploymentsConfig> = {}) => planDeployments(config(extra), readStackFiles(exampleDir()));

    it("with previews on, settings name the read-only preview role, and a non-preview run trades its token for the deploy role", () => {
        for (const s of plan().settings) {
            assert.strictEqual(s.previews, true);
            assert.strictEqual(s.settingsRoleArn, s.previewRoleArn);
            assert.match(s.previewRoleArn, /:role\/vpce-hub-preview$/);
            const escalation = s.preRunCommands.find(c => c.includes("assume-role-with-web-identity"));
            assert.ok(escalation, s.stack);
            assert.ok(escalation.includes(`--role-arn ${s.roleArn} `), "it assumes this stack's deploy role");
            assert.ok(escalation.startsWith('if [ "$PULUMI_CI_OPERATION" != "preview" ]'), "never in a preview");
        }
    });

    it("previews: false turns pull-request previews off and names the deploy role directly, with no escalation", () => {
        for (const s of plan({ previews: false }).settings) {
            assert.strictEqual(s.previews, false);
            assert.strictEqual(s.settingsRoleArn, s.roleArn);
            assert.ok(!s.preRunCommands.some(c => c.includes("assume-role-with-web-identity")));
        }
    });

    it("every run runs the policy pack (PULUMI_OPTION_POLICY_PACK) and the credential guard on its own stack file, paths from the project directory", () => {
        for (const s of plan({ repoDir: "infra" }).settings) {
            assert.deepStrictEqual(s.environmentVariables, { PULUMI_OPTION_POLICY_PACK: "policy", PULUMI_OPTION_POLICY_PACK_CONFIG: "policy/config.json" });
            assert.ok(s.preRunCommands[0].includes(` Pulumi.${s.stack}.yaml;`), s.preRunCommands[0]);
            for (const other of ["shared", "member-a", "member-b"].filter(x => x !== s.stack)) assert.ok(!s.preRunCommands[0].includes(`Pulumi.${other}.yaml`));
        }
    });

    it("refuses a stack file that imports an ESC environment or sets AWS credentials, naming the file and key; listed environments pass", () => {
        const dir = projectDir({
            "Pulumi.shared.yaml": `environment:\n  - vpce-hub/vpce-hub-shared-operator\n${HUB}`,
            "Pulumi.member-a.yaml": spoke("111111111111", "shared").replace("config:\n", "config:\n  aws:profile: admin\n  aws:assumeRole: { roleArn: arn:aws:iam::111111111111:role/Admin }\n"),
            "Pulumi.member-b.yaml": `environment: [vpce-hub/settings]\n${spoke("222222222222", "shared")}`,
        });
        const e = configError(() => planDeployments(config(), readStackFiles(dir)));
        assert.deepStrictEqual(e.problems.map(p => p.split(": ").slice(0, 2).join(": ")), [
            "Pulumi.member-a.yaml: aws:profile",
            "Pulumi.member-a.yaml: aws:assumeRole",
            "Pulumi.member-b.yaml: environment",
            "Pulumi.shared.yaml: environment",
        ]);
        const again = configError(() => planDeployments(config({ stackEnvironments: ["vpce-hub/settings"] }), readStackFiles(dir)));
        assert.ok(!again.problems.some(p => p.startsWith("Pulumi.member-b.yaml")), "an allowed environment passes");
    });
});

describe("deployments: Pulumi resources (mocks)", () => {
    // The same simulated cloud as the main program's tests and the plan.
    const sim = new SimCloud();
    let created: SimCloud["recorded"];

    beforeEach(async () => {
        await sim.start({ stack: "test", project: "vpce-hub-deployments", accountId: "123456789012", region: "ap-northeast-1" }, ORG);
        created = sim.recorded;
    });

    async function deploy(extra: Partial<DeploymentsConfig> = {}, team?: string): Promise<StackDeployments> {
        const stacks = readStackFiles(exampleDir());
        const plan = planDeployments(config(extra), stacks);
        const environments = escEnvironments(plan.settings, Object.fromEntries(stacks.map(s => [s.name, s.region])), (extra.operators ?? []).length > 0);
        const d = new StackDeployments("vpce-hub", { plan, environments, operatorsTeam: team });
        await Promise.all([...Object.values(d.settings), ...Object.values(d.webhooks), ...Object.values(d.environments)].map(r => value(r.urn)));
        return d;
    }

    it("creates one DeploymentSettings per stack: deploy on merge to main, PR previews with the preview role, no review stacks, guard and policy pack", async () => {
        await deploy();
        const settings = created.filter(r => r.type === "pulumiservice:index:DeploymentSettings");
        assert.deepStrictEqual(settings.map(r => r.inputs.stack).sort(), ["member-a", "member-b", "shared"]);
        const a = settings.find(r => r.inputs.stack === "member-a")!.inputs;
        assert.strictEqual(a.organization, ORG);
        assert.strictEqual(a.project, "vpce-hub");
        assert.deepStrictEqual({ ...a.github, paths: undefined }, {
            repository: "acme/vpce-hub", deployCommits: true, previewPullRequests: true, pullRequestTemplate: false, paths: undefined,
        });
        assert.deepStrictEqual(a.github.paths, [...PROGRAM_PATHS, "Pulumi.member-a.yaml"]);
        assert.deepStrictEqual(a.sourceContext, { git: { branch: "refs/heads/main" } });
        assert.deepStrictEqual(a.operationContext.oidc.aws, {
            roleARN: "arn:aws:iam::111111111111:role/vpce-hub-preview", sessionName: "vpce-hub-member-a-deploy", duration: "1h0m0s",
        });
        assert.strictEqual(a.operationContext.preRunCommands.length, 2);
        assert.ok(a.operationContext.preRunCommands[1].includes("--role-arn arn:aws:iam::111111111111:role/vpce-hub-deploy "));
        assert.strictEqual(a.operationContext.environmentVariables.PULUMI_OPTION_POLICY_PACK, "policy");
        const hub = settings.find(r => r.inputs.stack === "shared")!.inputs;
        assert.strictEqual(hub.operationContext.oidc.aws.roleARN, "arn:aws:iam::123456789012:role/vpce-hub-preview");
        assert.ok(!hub.github.paths.includes("Pulumi.member-a.yaml"));
    });

    it("creates one pulumi_deployments webhook per member on its hub's update_succeeded, and none on a member", async () => {
        const d = await deploy();
        assert.ok(created.some(r => r.type === "vpce-hub:deployments:StackDeployments"));
        const hooks = created.filter(r => r.type === "pulumiservice:index:Webhook").map(r => r.inputs);
        assert.deepStrictEqual(hooks.map(h => [h.stackName, h.payloadUrl]).sort(), [
            ["shared", "vpce-hub/member-a"],
            ["shared", "vpce-hub/member-b"],
        ]);
        for (const h of hooks) {
            assert.strictEqual(h.format, "pulumi_deployments");
            assert.deepStrictEqual(h.filters, ["update_succeeded"]);
            assert.strictEqual(h.organizationName, ORG);
            assert.strictEqual(h.projectName, "vpce-hub");
            assert.strictEqual(h.active, true);
        }
        assert.deepStrictEqual(Object.keys(d.webhooks).sort(), ["shared-deploys-member-a", "shared-deploys-member-b"]);
    });

    it("creates each stack's read-only ESC environment as code, logging in to the preview role with the environment's own subject", async () => {
        await deploy();
        const envs = created.filter(r => r.type === "pulumiservice:index:Environment");
        assert.deepStrictEqual(envs.map(e => `${e.inputs.project}/${e.inputs.name}`).sort(), ["vpce-hub/vpce-hub-member-a", "vpce-hub/vpce-hub-member-b", "vpce-hub/vpce-hub-shared"]);
        const yaml = (await envs.find(e => e.inputs.name === "vpce-hub-shared")!.inputs.yaml.text) as string;
        const def = parse(yaml);
        assert.deepStrictEqual(def.values.aws.login["fn::open::aws-login"].oidc, {
            roleArn: "arn:aws:iam::123456789012:role/vpce-hub-preview", sessionName: "vpce-hub-shared-esc", duration: "1h",
            subjectAttributes: ["currentEnvironment.name"],
        });
        assert.strictEqual(def.values.pulumiConfig["aws:region"], "ap-northeast-1");
        // The preview role's trust admits exactly this environment's subject (deployments/oidc.ts).
        const trust = trustPolicy({ providerArn: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc", organization: ORG, project: "vpce-hub",
            stacks: ["shared"], kind: "preview", escEnvironments: [readerEnvironment("shared")] });
        assert.deepStrictEqual(trust.Statement[1].Condition!.StringEquals["api.pulumi.com/oidc:sub"], [escSubject(ORG, "vpce-hub/vpce-hub-shared")]);
        assert.strictEqual(created.filter(r => r.type === "pulumiservice:index:TeamEnvironmentPermission").length, 0);
    });

    it("with operators, adds write environments whose subject carries the user's login, and opens them to a named team only when one is given", async () => {
        await deploy({ operators: ["alice"] }, "network-admins");
        const ops = created.filter(r => r.type === "pulumiservice:index:Environment" && r.inputs.name.endsWith("-operator"));
        assert.strictEqual(ops.length, 3);
        const def = parse((await ops.find(e => e.inputs.name === "vpce-hub-shared-operator")!.inputs.yaml.text) as string);
        assert.deepStrictEqual(def.values.aws.login["fn::open::aws-login"].oidc.subjectAttributes, ["currentEnvironment.name", "pulumi.user.login"]);
        assert.strictEqual(def.values.aws.login["fn::open::aws-login"].oidc.roleArn, "arn:aws:iam::123456789012:role/vpce-hub-deploy");
        const perms = created.filter(r => r.type === "pulumiservice:index:TeamEnvironmentPermission").map(r => r.inputs);
        assert.deepStrictEqual(perms.map(p => [p.environment, p.team, p.permission]).sort(), [
            ["vpce-hub-member-a-operator", "network-admins", "open"], ["vpce-hub-member-b-operator", "network-admins", "open"], ["vpce-hub-shared-operator", "network-admins", "open"],
        ]);
    });
});

describe("deployments: the example stack files", () => {
    it("plans the example's stacks: shared is the hub, member-a and member-b deploy after it, each on its own file", () => {
        const stacks = readStackFiles(EXAMPLE_DIR);
        assert.deepStrictEqual(stacks.map(s => [s.name, s.role, s.accountId]),
            [["member-a", "spoke", "111111111111"], ["member-b", "spoke", "222222222222"], ["shared", "hub", "123456789012"]]);
        const plan = planDeployments(config(), stacks);
        assert.deepStrictEqual(plan.webhooks.map(w => [w.hub, w.member]), [["shared", "member-a"], ["shared", "member-b"]]);
        const own = Object.fromEntries(plan.settings.map(s => [s.stack, s.paths.filter(p => /^Pulumi\..+\.yaml$/.test(p) && p !== "Pulumi.yaml")]));
        assert.deepStrictEqual(own, { "member-a": ["Pulumi.member-a.yaml"], "member-b": ["Pulumi.member-b.yaml"], shared: ["Pulumi.shared.yaml"] });
    });
});

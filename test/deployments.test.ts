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
import { SimCloud } from "../sim/cloud";
import { EXAMPLE_DIR } from "./helpers";

const ORG = "acme";

const HUB = `config:
  aws:region: ap-northeast-1
  vpce-hub:role: hub
  vpce-hub:accountId: "123456789012"
  vpce-hub:spokes: [{ name: member-a, accountId: "111111111111" }]
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
            { name: "shared", file: "Pulumi.shared.yaml", role: "hub", accountId: "123456789012" },
        ]);
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

    it("rejects two stacks that would share one derived role, whose trust admits one stack", () => {
        const stacks = [stack("shared", "hub", "123456789012"), stack("member-a", "spoke", "123456789012", "shared")];
        const e = configError(() => planDeployments(config(), stacks));
        assert.match(e.message, /^vpce-hub-deployments:roles\.member-a: stacks shared and member-a would both use arn:aws:iam::123456789012:role\/vpce-hub-deploy/);
        // Naming the second role resolves it.
        planDeployments(config({ roles: { "member-a": "arn:aws:iam::123456789012:role/vpce-hub-deploy-member-a" } }), stacks);
    });

    it("rejects a stack with neither an accountId nor a roles entry, naming both keys", () => {
        const e = configError(() => planDeployments(config(), [stack("shared", "hub")]));
        assert.deepStrictEqual(e.problems, [
            'Pulumi.shared.yaml: vpce-hub:accountId: is not set, and vpce-hub-deployments:roles has no entry "shared": set one so the deploy role\'s ARN is known',
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

describe("deployments: Pulumi resources (mocks)", () => {
    // The same simulated cloud as the main program's tests and the plan.
    const sim = new SimCloud();
    let created: SimCloud["recorded"];

    beforeEach(async () => {
        await sim.start({ stack: "test", project: "vpce-hub-deployments", accountId: "123456789012", region: "ap-northeast-1" }, ORG);
        created = sim.recorded;
    });

    async function deploy(): Promise<StackDeployments> {
        const plan = planDeployments(config(), readStackFiles(exampleDir()));
        const d = new StackDeployments("vpce-hub", { plan });
        await Promise.all([...Object.values(d.settings), ...Object.values(d.webhooks)].map(r => value(r.urn)));
        return d;
    }

    it("creates one DeploymentSettings per stack: deploy on merge to main, PR previews, its own OIDC role and paths", async () => {
        await deploy();
        const settings = created.filter(r => r.type === "pulumiservice:index:DeploymentSettings");
        assert.deepStrictEqual(settings.map(r => r.inputs.stack).sort(), ["member-a", "member-b", "shared"]);
        const a = settings.find(r => r.inputs.stack === "member-a")!.inputs;
        assert.strictEqual(a.organization, ORG);
        assert.strictEqual(a.project, "vpce-hub");
        assert.strictEqual(a.github.repository, "acme/vpce-hub");
        assert.strictEqual(a.github.deployCommits, true);
        assert.strictEqual(a.github.previewPullRequests, true);
        assert.deepStrictEqual(a.github.paths, [...PROGRAM_PATHS, "Pulumi.member-a.yaml"]);
        assert.deepStrictEqual(a.sourceContext, { git: { branch: "refs/heads/main" } });
        assert.deepStrictEqual(a.operationContext.oidc.aws, {
            roleARN: "arn:aws:iam::111111111111:role/vpce-hub-deploy",
            sessionName: "vpce-hub-member-a-deploy",
        });
        const hub = settings.find(r => r.inputs.stack === "shared")!.inputs;
        assert.strictEqual(hub.operationContext.oidc.aws.roleARN, "arn:aws:iam::123456789012:role/vpce-hub-deploy");
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

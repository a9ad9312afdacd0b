// Deploy on merge with several hubs (examples/multi-region, docs/multi-hub.md): each hub deploys
// its own members, hubs of one account share the hub side's roles, and the generated ESC
// environments log in to each stack's own account and region.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { buildDeployGraph, parseDeploymentsConfig, parseStackFile, planDeployments, readStackFiles } from "../deployments/lib";
import { escEnvironments } from "../deployments/esc";
import { MULTI_REGION_DIR } from "./helpers";

const example = () => {
    const doc = parse(fs.readFileSync(path.join(MULTI_REGION_DIR, "deployments.yaml"), "utf8")).config;
    return parseDeploymentsConfig({ organization: "acme", repository: doc["vpce-hub-deployments:repository"], roles: doc["vpce-hub-deployments:roles"] });
};

describe("deploy on merge with several hubs (deployments/)", () => {
    it("each hub's webhooks deploy its own members after it, and no member of another hub", () => {
        const plan = planDeployments(example(), readStackFiles(MULTI_REGION_DIR));
        assert.deepStrictEqual(plan.webhooks.map(w => `${w.hub} -> ${w.member}`), [
            "shared-apne1 -> app-apne1", "shared-apne1 -> data-apne1", "shared-nonprod -> dev-apne1",
            "shared-use1 -> app-use1", "shared-usw2 -> app-usw2", "shared-usw2 -> data-usw2",
        ]);
    });

    it("stacks of one side in one account share that side's roles, without a roles entry: the Tokyo and Oregon hubs, the app members", () => {
        const plan = planDeployments(example(), readStackFiles(MULTI_REGION_DIR));
        const roles = Object.fromEntries(plan.settings.map(s => [s.stack, s.roleArn]));
        assert.strictEqual(roles["shared-apne1"], "arn:aws:iam::123456789012:role/vpce-hub-deploy");
        assert.strictEqual(roles["shared-usw2"], "arn:aws:iam::123456789012:role/vpce-hub-deploy");
        assert.strictEqual(roles["app-usw2"], "arn:aws:iam::111111111111:role/vpce-hub-deploy");
        assert.deepStrictEqual(plan.roles.get("111111111111")!.map(r => [r.side, r.stacks]), [["member", ["app-apne1", "app-use1", "app-usw2"]]]);
        assert.deepStrictEqual(example().roles, {}, "the example needs no roles entry");
    });

    it("a hub that joins another hub's Transit Gateway tables deploys after the hub that owns them", () => {
        const hub = (name: string, shared: string[]) => parseStackFile(`Pulumi.${name}.yaml`,
            `config:\n  vpce-hub:role: hub\n  vpce-hub:accountId: "123456789012"\n  vpce-hub:transitGateway:\n    id: tgw-0123456789abcdef0\n    sharedWithHubs: [${shared.join(", ")}]\n`);
        const stacks = [hub("prod", ["dev"]), hub("dev", ["prod"]), parseStackFile("Pulumi.app.yaml", "config:\n  vpce-hub:role: spoke\n  vpce-hub:hubStack: prod\n")];
        assert.deepStrictEqual(buildDeployGraph(stacks, "acme"), [{ hub: "dev", member: "prod" }, { hub: "prod", member: "app" }]);
        assert.throws(() => buildDeployGraph([hub("prod", ["dev"])], "acme"), /sharedWithHubs: names "dev", which owns the shared Transit Gateway's tables but is not a hub deployed here/);
    });

    it("the generated ESC environments of the multi-region hubs log in to their account's preview role, each in its own region", () => {
        const stacks = readStackFiles(MULTI_REGION_DIR);
        const plan = planDeployments(example(), stacks);
        const envs = escEnvironments(plan.settings, Object.fromEntries(stacks.map(s => [s.name, s.region])), false);
        for (const stack of ["shared-apne1", "shared-usw2"]) {
            const env = envs.find(e => e.stack === stack)!;
            const values = env.definition.values as Record<string, any>;
            assert.strictEqual(values.aws.login["fn::open::aws-login"].oidc.roleArn, "arn:aws:iam::123456789012:role/vpce-hub-preview", stack);
            assert.strictEqual(values.pulumiConfig["aws:region"], stacks.find(s => s.name === stack)!.region, stack);
        }
    });
});

describe("a member in the hub's own account (lib/config/deployRoles.ts)", () => {
    it("the offline plan says it deploys with the account's member roles, not the hub's", async () => {
        const os = require("os") as typeof import("os");
        const { exampleStacksIn } = require("./helpers") as typeof import("./helpers");
        const { evaluate, validateStacks } = require("../plan/plan") as typeof import("../plan/plan");
        const { loadStackFiles } = require("../lib/config/stackFiles") as typeof import("../lib/config/stackFiles");
        const dir = exampleStacksIn(fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-same-account-")), files => {
            for (const f of ["Pulumi.shared.yaml", "Pulumi.member-a.yaml"]) files[f] = files[f].replace(/"111111111111"/g, '"123456789012"');
        });
        try {
            const { files } = loadStackFiles(dir);
            const plan = await evaluate(files, validateStacks(files).configs);
            const said = plan.warnings.filter(w => w.code === "deploy:member-role").map(w => w.message);
            assert.deepStrictEqual(said, [
                "shared: member-a is in the hub's account 123456789012: it deploys with the member roles vpce-hub-deploy-member and vpce-hub-preview-member, " +
                "not the hub's vpce-hub-deploy; bootstrap that account for both sides (deployments/README.md)",
            ]);
            // And the deployments project derives exactly those ARNs.
            const deployed = planDeployments(example(), readStackFiles(dir));
            assert.strictEqual(deployed.settings.find(s => s.stack === "member-a")!.roleArn, "arn:aws:iam::123456789012:role/vpce-hub-deploy-member");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("without such a member the plan says nothing of roles", async () => {
        const { evaluate, validateStacks } = require("../plan/plan") as typeof import("../plan/plan");
        const { loadStackFiles } = require("../lib/config/stackFiles") as typeof import("../lib/config/stackFiles");
        const { EXAMPLE_DIR } = require("./helpers") as typeof import("./helpers");
        const { files } = loadStackFiles(EXAMPLE_DIR);
        const plan = await evaluate(files, validateStacks(files).configs);
        assert.deepStrictEqual(plan.warnings.filter(w => w.code === "deploy:member-role"), []);
    });
});

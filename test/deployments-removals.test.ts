// Removing a member with Pulumi Deployments (deployments/removals.ts): the member's destroy runs
// before its hub's update. Held by planning, by the deployments program under mocks, and by
// replaying what Deployments does with the settings, webhooks and schedule on a merge.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentsConfigError, DeploymentsPlan, parseDeploymentsConfig, planDeployments, readStackFiles } from "../deployments/lib";
import { DESTROY_DELAY_MINUTES } from "../deployments/removals";
import { StackDeployments, destroyScheduleOptions } from "../deployments/resources";
import { SimCloud } from "../sim/cloud";

const ORG = "acme";
const NOW = new Date("2026-09-01T10:00:00.000Z");
const value = <T>(o: pulumi.Output<T>) => new Promise<T>(resolve => o.apply(resolve));

const hub = (members: string[]) => `config:
  aws:region: ap-northeast-1
  vpce-hub:role: hub
  vpce-hub:accountId: "123456789012"
  vpce-hub:spokes: [${members.map((m, i) => `{ name: ${m}, accountId: "${111111111111 * (i + 1)}" }`).join(", ")}]
`;
const member = (account: string) => `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:accountId: "${account}"\n  vpce-hub:hubStack: shared\n`;

/** shared with member-a and member-b; `registry` is what the hub's file lists. */
function dir(registry: string[]): string {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-removal-"));
    fs.writeFileSync(path.join(d, "Pulumi.shared.yaml"), hub(registry));
    fs.writeFileSync(path.join(d, "Pulumi.member-a.yaml"), member("111111111111"));
    fs.writeFileSync(path.join(d, "Pulumi.member-b.yaml"), member("222222222222"));
    return d;
}

const config = (removing: string[] = []) => parseDeploymentsConfig({ organization: ORG, repository: "acme/vpce-hub", removing });

/**
 * What Deployments runs after a merge touching `changed`: commit-triggered updates of stacks
 * whose filter matches and that deploy on commits, then scheduled destroys, each followed by
 * the deployments its webhooks start (update_succeeded after an update, destroy_succeeded
 * after a destroy), in order.
 */
function replay(plan: DeploymentsPlan, changed: string[]): string[] {
    const runs: string[] = [];
    const queue: [string, "update" | "destroy"][] = [
        ...plan.settings.filter(s => s.deployCommits && s.paths.some(p => changed.includes(p))).map(s => [s.stack, "update"] as [string, "update"]),
        ...plan.destroys.map(d => [d.stack, "destroy"] as [string, "destroy"]),
    ];
    while (queue.length) {
        const [stack, op] = queue.shift()!;
        runs.push(`${op} ${stack}`);
        const event = op === "update" ? "update_succeeded" : "destroy_succeeded";
        for (const w of plan.webhooks.filter(x => x.source === stack && x.event === event)) queue.push([w.target, "update"]);
    }
    return runs;
}

describe("removing a member in Deployments: its destroy before its hub's update", () => {
    it("without a removal, a merge of the hub's file updates the hub, then each member (the webhooks)", () => {
        const plan = planDeployments(config(), readStackFiles(dir(["member-a", "member-b"])), NOW);
        assert.deepStrictEqual(replay(plan, ["Pulumi.shared.yaml"]), ["update shared", "update member-a", "update member-b"]);
    });

    it("step 1: with the member in removing while the registry still lists it, nothing deploys the hub or the member on a merge", () => {
        const plan = planDeployments(config(["member-b"]), readStackFiles(dir(["member-a", "member-b"])), NOW);
        assert.deepStrictEqual(plan.removals, [{ member: "member-b", hub: "shared", state: "waiting" }]);
        const by = Object.fromEntries(plan.settings.map(s => [s.stack, s]));
        assert.strictEqual(by.shared.deployCommits, false);
        assert.strictEqual(by["member-b"].deployCommits, false);
        assert.strictEqual(by["member-b"].previews, false);
        assert.strictEqual(by["member-a"].deployCommits, true);
        assert.deepStrictEqual(plan.destroys, [], "no destroy before the registry change is merged");
        // The registry change merges without an update of the hub.
        assert.deepStrictEqual(replay(plan, ["Pulumi.shared.yaml"]), []);
    });

    it("step 2: once the registry drops it, the member is destroyed first and its destroy deploys the hub; nothing updates the member again", () => {
        const plan = planDeployments(config(["member-b"]), readStackFiles(dir(["member-a"])), NOW);
        assert.deepStrictEqual(plan.removals, [{ member: "member-b", hub: "shared", state: "destroying" }]);
        assert.deepStrictEqual(plan.destroys, [{ stack: "member-b", timestamp: "2026-09-01T10:05:00Z" }]);
        assert.strictEqual(DESTROY_DELAY_MINUTES, 5);
        assert.deepStrictEqual(plan.webhooks.map(w => `${w.source} ${w.event} -> ${w.target}`), [
            "shared update_succeeded -> member-a",
            "member-b destroy_succeeded -> shared",
        ]);
        assert.deepStrictEqual(replay(plan, ["Pulumi.shared.yaml", "index.ts"]), ["update member-a", "destroy member-b", "update shared", "update member-a"]);
        const order = replay(plan, ["Pulumi.shared.yaml"]);
        assert.ok(order.indexOf("destroy member-b") < order.indexOf("update shared"), order.join(", "));
    });

    it("refuses a member whose hub dropped it from the registry without a removal (the hub would update first), and a removal of a hub or an unknown stack", () => {
        assert.throws(() => planDeployments(config(), readStackFiles(dir(["member-a"])), NOW), (e: unknown) =>
            e instanceof DeploymentsConfigError && /^Pulumi\.member-b\.yaml: vpce-hub:hubStack: shared's registry \(vpce-hub:spokes\) no longer lists "member-b": add it to vpce-hub-deployments:removing/.test(e.problems[0]));
        assert.throws(() => planDeployments(config(["shared"]), readStackFiles(dir(["member-a", "member-b"])), NOW), /vpce-hub-deployments:removing\[0\]: names "shared", a hub/);
        assert.throws(() => planDeployments(config(["member-z"]), readStackFiles(dir(["member-a", "member-b"])), NOW), /vpce-hub-deployments:removing\[0\]: names "member-z", which has no stack file here/);
    });

    describe("the deployments program under mocks", () => {
        const sim = new SimCloud();
        beforeEach(() => sim.start({ stack: "prod", project: "vpce-hub-deployments", accountId: "123456789012", region: "ap-northeast-1" }, ORG));

        it("creates the one-time destroy schedule and the destroy_succeeded webhook, after the member's settings", async () => {
            const plan = planDeployments(config(["member-b"]), readStackFiles(dir(["member-a"])), NOW);
            const d = new StackDeployments("vpce-hub", { plan });
            await Promise.all([...Object.values(d.destroys), ...Object.values(d.webhooks), ...Object.values(d.settings)].map(r => value(r.urn)));
            const [schedule] = sim.recorded.filter(r => r.type === "pulumiservice:index:DeploymentSchedule");
            assert.deepStrictEqual(schedule.inputs, { organization: ORG, project: "vpce-hub", stack: "member-b", pulumiOperation: "destroy", timestamp: "2026-09-01T10:05:00Z" });
            const hook = sim.recorded.find(r => r.type === "pulumiservice:index:Webhook" && r.inputs.stackName === "member-b")!.inputs;
            assert.deepStrictEqual([hook.filters, hook.payloadUrl, hook.format], [["destroy_succeeded"], "vpce-hub/shared", "pulumi_deployments"]);
            const settings = sim.recorded.filter(r => r.type === "pulumiservice:index:DeploymentSettings");
            assert.strictEqual(settings.find(s => s.inputs.stack === "shared")!.inputs.github.deployCommits, false);
        });

        it("keeps the destroy's time once set: running the deployments project again neither moves nor repeats it", () => {
            const parent = new pulumi.ComponentResource("test:index:Parent", "p");
            const opts = destroyScheduleOptions(parent, parent);
            assert.deepStrictEqual(opts.ignoreChanges, ["timestamp"]);
            assert.deepStrictEqual(opts.dependsOn, [parent]);
        });
    });
});

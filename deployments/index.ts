// Entry point of the deployments project (`pulumi up` in deployments/): Deployments settings
// for every vpce-hub stack, the webhooks that order them, removals' destroys and the ESC
// environments people use. Thin: config validated and the plan made in the pure modules, the
// resources created in resources.ts.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentsConfigError, NS, parseDeploymentsConfig, planDeployments, readStackFiles } from "./lib";
import { escEnvironments } from "./esc";
import { StackDeployments } from "./resources";

const config = new pulumi.Config();
const keys = ["organization", "repository", "branch", "repoDir", "roleName", "previewRoleName", "spokeTrigger", "roles", "previewRoles", "stacks",
    "previews", "removing", "policyPack", "policyPackConfig", "operators", "operatorsTeam", "stackEnvironments"];
const raw: Record<string, unknown> = {};
for (const k of keys) {
    const v = config.get(k);
    if (v !== undefined) raw[k] = v;
}
// Under Pulumi Cloud the stack's own organization is the natural default.
raw.organization ??= pulumi.getOrganization();

function plan() {
    try {
        const cfg = parseDeploymentsConfig(raw);
        // The main project lives one directory up; its stack files say who is hub and spoke.
        const stacks = readStackFiles(path.resolve(__dirname, ".."), cfg.stacks);
        const p = planDeployments(cfg, stacks);
        const regions = Object.fromEntries(stacks.map(s => [s.name, s.region]));
        return { cfg, p, environments: escEnvironments(p.settings, regions, cfg.operators.length > 0) };
    } catch (e) {
        // Configuration is the user's to fix: the sentences, no stack trace.
        if (e instanceof DeploymentsConfigError) throw new pulumi.RunError(`${NS}:\n${e.message}`);
        throw e;
    }
}

const { cfg, p, environments } = plan();
new StackDeployments("vpce-hub", { plan: p, environments, operatorsTeam: cfg.operatorsTeam });

/** Per stack: the roles Deployments uses and the paths whose changes deploy it. */
export const settings = Object.fromEntries(p.settings.map(s => [s.stack, { roleArn: s.roleArn, previewRoleArn: s.previewRoleArn, paths: s.paths }]));
/** Hub -> member chain, as `<hub> -> <member>`. */
export const chain = p.webhooks.filter(w => w.event === "update_succeeded").map(w => `${w.hub} -> ${w.member}`);
/** Removals under way: waiting (merge the registry change) or destroying (the hub follows the destroy). */
export const removals = Object.fromEntries(p.removals.map(r => [r.member, `${r.state}; then ${r.hub} updates`]));
/** The roles each account needs: give this to the bootstraps' owners. */
export const roles = Object.fromEntries([...p.roles].map(([account, sides]) => [account, sides.map(s => ({ side: s.side, deploy: s.names.deploy, preview: s.names.preview, stacks: s.stacks }))]));

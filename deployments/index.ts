// Entry point of the deployments project (`pulumi up` in deployments/): Deployments settings
// for every vpce-hub stack and the webhooks that deploy members after their hub. Thin: the
// config is validated and the plan made in lib.ts, the resources created in resources.ts.
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { DeploymentsConfigError, NS, parseDeploymentsConfig, planDeployments, readStackFiles } from "./lib";
import { StackDeployments } from "./resources";

const config = new pulumi.Config();
const keys = ["organization", "repository", "branch", "repoDir", "roleName", "spokeTrigger", "roles", "stacks"];
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
        return planDeployments(cfg, readStackFiles(path.resolve(__dirname, ".."), cfg.stacks));
    } catch (e) {
        // Configuration is the user's to fix: the sentences, no stack trace.
        if (e instanceof DeploymentsConfigError) throw new pulumi.RunError(`${NS}:\n${e.message}`);
        throw e;
    }
}

const p = plan();
new StackDeployments("vpce-hub", { plan: p });

/** Per stack: the role Deployments assumes and the paths whose changes deploy it. */
export const settings = Object.fromEntries(p.settings.map(s => [s.stack, { roleArn: s.roleArn, paths: s.paths }]));
/** Hub -> member chain, as `<hub> -> <member>`. */
export const chain = p.webhooks.map(w => `${w.hub} -> ${w.member}`);

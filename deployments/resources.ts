// The thin Pulumi layer of the deployments project: turns a DeploymentsPlan (lib.ts) into
// Pulumi Cloud resources. Every decision is made in lib.ts; this file only maps fields.
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import { DeployWebhook, DeploymentsPlan, StackDeployment } from "./lib";

/** The arguments of one stack's DeploymentSettings, built apart so tests can read them. */
export function settingsArgs(plan: DeploymentsPlan, s: StackDeployment): service.DeploymentSettingsArgs {
    return {
        organization: plan.organization,
        project: plan.project,
        stack: s.stack,
        // `github` is marked deprecated in favour of `vcs`, but switching to `vcs` has been
        // reported to stop commit-triggered deployments silently
        // (pulumi/pulumi-pulumiservice#754, open): deploy-on-merge is the point here.
        github: {
            repository: plan.repository,
            deployCommits: true,
            previewPullRequests: true,
            paths: [...s.paths],
        },
        sourceContext: {
            git: {
                branch: s.branch,
                ...(plan.repoDir ? { repoDir: plan.repoDir } : {}),
            },
        },
        operationContext: {
            oidc: { aws: { roleARN: s.roleArn, sessionName: s.sessionName } },
        },
    };
}

/** The arguments of one hub-to-member webhook. */
export function webhookArgs(plan: DeploymentsPlan, w: DeployWebhook): service.WebhookArgs {
    return {
        organizationName: plan.organization,
        projectName: plan.project,
        stackName: w.hub,
        displayName: w.displayName,
        payloadUrl: w.payloadUrl,
        format: "pulumi_deployments",
        filters: ["update_succeeded"],
        active: true,
    };
}

export interface StackDeploymentsArgs {
    /** What to create, from planDeployments (lib.ts). */
    readonly plan: DeploymentsPlan;
}

/** Deployment settings for every vpce-hub stack, and the webhooks that chain hub to members. */
export class StackDeployments extends pulumi.ComponentResource {
    /** Per stack name. */
    readonly settings: Record<string, service.DeploymentSettings> = {};
    /** Per webhook name (`<hub>-deploys-<member>`). */
    readonly webhooks: Record<string, service.Webhook> = {};

    constructor(name: string, args: StackDeploymentsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:deployments:StackDeployments", name, {}, opts);
        const { plan } = args;
        for (const s of plan.settings) {
            this.settings[s.stack] = new service.DeploymentSettings(`${name}-${s.stack}`, settingsArgs(plan, s), { parent: this });
        }
        for (const w of plan.webhooks) {
            // A webhook that fires before the member has settings starts a deployment that fails.
            const dependsOn = [this.settings[w.hub], this.settings[w.member]];
            this.webhooks[w.name] = new service.Webhook(`${name}-${w.name}`, webhookArgs(plan, w), { parent: this, dependsOn });
        }
        this.registerOutputs({});
    }
}

// The thin Pulumi layer of the deployments project: turns a DeploymentsPlan (plan.ts) and the
// ESC environments (esc.ts) into Pulumi Cloud resources. Every decision is made in the pure
// modules; this file only maps fields, and builds the resource options tests must see.
import * as pulumi from "@pulumi/pulumi";
import * as service from "@pulumi/pulumiservice";
import { EscEnvironment, environmentYaml } from "./esc";
import { DeployWebhook, DeploymentsPlan, DestroySchedule, StackDeployment } from "./plan";

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
            deployCommits: s.deployCommits,
            previewPullRequests: s.previews,
            // Review stacks deploy (update) a new stack per pull request with its code: never.
            pullRequestTemplate: false,
            paths: [...s.paths],
        },
        sourceContext: {
            git: {
                branch: s.branch,
                ...(plan.repoDir ? { repoDir: plan.repoDir } : {}),
            },
        },
        operationContext: {
            oidc: { aws: { roleARN: s.settingsRoleArn, sessionName: s.sessionName, duration: "1h0m0s" } },
            preRunCommands: [...s.preRunCommands],
            environmentVariables: { ...s.environmentVariables },
        },
    };
}

/** The arguments of one webhook: `source`'s event deploys `target`. */
export function webhookArgs(plan: DeploymentsPlan, w: DeployWebhook): service.WebhookArgs {
    return {
        organizationName: plan.organization,
        projectName: plan.project,
        stackName: w.source,
        displayName: w.displayName,
        payloadUrl: w.payloadUrl,
        format: "pulumi_deployments",
        filters: [w.event],
        active: true,
    };
}

/** The arguments of a removed member's one-time destroy. */
export function destroyScheduleArgs(plan: DeploymentsPlan, d: DestroySchedule): service.DeploymentScheduleArgs {
    return { organization: plan.organization, project: plan.project, stack: d.stack, pulumiOperation: "destroy", timestamp: d.timestamp };
}

/**
 * Options of the destroy schedule: its time is set once (ignoreChanges), so that running the
 * deployments project again while the removal is under way neither moves nor repeats it.
 */
export function destroyScheduleOptions(parent: pulumi.Resource, settings: pulumi.Resource): pulumi.CustomResourceOptions {
    return { parent, dependsOn: [settings], ignoreChanges: ["timestamp"] };
}

/** The arguments of one ESC environment. */
export function environmentArgs(organization: string, env: EscEnvironment): service.EnvironmentArgs {
    return { organization, project: env.project, name: env.name, yaml: new pulumi.asset.StringAsset(environmentYaml(env)) };
}

export interface StackDeploymentsArgs {
    /** What to create, from planDeployments (plan.ts). */
    readonly plan: DeploymentsPlan;
    /** The ESC environments, from escEnvironments (esc.ts). */
    readonly environments?: readonly EscEnvironment[];
    /** A team given `open` on the operator environments (Enterprise and Business Critical editions). */
    readonly operatorsTeam?: string;
}

/** Deployment settings for every vpce-hub stack, the webhooks that order them, removals' destroys, ESC environments. */
export class StackDeployments extends pulumi.ComponentResource {
    /** Per stack name. */
    readonly settings: Record<string, service.DeploymentSettings> = {};
    /** Per webhook name (`<hub>-deploys-<member>`, `<member>-destroyed-deploys-<hub>`). */
    readonly webhooks: Record<string, service.Webhook> = {};
    /** Per member being destroyed. */
    readonly destroys: Record<string, service.DeploymentSchedule> = {};
    /** Per `<project>/<name>`. */
    readonly environments: Record<string, service.Environment> = {};

    constructor(name: string, args: StackDeploymentsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:deployments:StackDeployments", name, {}, opts);
        const { plan } = args;
        for (const s of plan.settings) {
            this.settings[s.stack] = new service.DeploymentSettings(`${name}-${s.stack}`, settingsArgs(plan, s), { parent: this });
        }
        for (const w of plan.webhooks) {
            // A webhook that fires before the target has settings starts a deployment that fails.
            const dependsOn = [this.settings[w.source], this.settings[w.target]];
            this.webhooks[w.name] = new service.Webhook(`${name}-${w.name}`, webhookArgs(plan, w), { parent: this, dependsOn });
        }
        for (const d of plan.destroys) {
            // The destroy deploys the hub through its webhook: both must exist first.
            const hook = plan.webhooks.find(w => w.source === d.stack && w.event === "destroy_succeeded");
            const opts = destroyScheduleOptions(this, this.settings[d.stack]);
            this.destroys[d.stack] = new service.DeploymentSchedule(`${name}-${d.stack}-destroy`, destroyScheduleArgs(plan, d), {
                ...opts, dependsOn: [this.settings[d.stack], ...(hook ? [this.webhooks[hook.name]] : [])],
            });
        }
        for (const env of args.environments ?? []) {
            const key = `${env.project}/${env.name}`;
            this.environments[key] = new service.Environment(`${name}-env-${env.name}`, environmentArgs(plan.organization, env), { parent: this });
            if (env.kind === "operator" && args.operatorsTeam) {
                new service.TeamEnvironmentPermission(`${name}-env-${env.name}-${args.operatorsTeam}`, {
                    organization: plan.organization, project: env.project, environment: env.name, team: args.operatorsTeam,
                    permission: "open", maxOpenDuration: "1h",
                }, { parent: this, dependsOn: [this.environments[key]] });
            }
        }
        this.registerOutputs({});
    }
}

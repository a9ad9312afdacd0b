// Per-account bootstrap: the IAM role Pulumi Deployments (and the stack's ESC environment)
// assume to run one vpce-hub stack, trusted through Pulumi's OIDC issuer. Run once per account
// with that account's admin credentials (deployments/bootstrap/); nothing else needs long-lived keys.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_ROLE_NAME, PROJECT } from "./lib";
import { DeploySide, OIDC_ISSUER_URL, oidcClientIds, permissionPolicy, trustPolicy } from "./iam";

export interface DeployRoleArgs {
    /** Pulumi organization whose deployments may assume the role; also their OIDC audience. */
    readonly organization: string;
    /** Project of the stack the role deploys; default vpce-hub. */
    readonly project?: string;
    /** The one stack (of this account) whose deployments may assume the role. */
    readonly stack: string;
    /**
     * An OIDC provider for https://api.pulumi.com/oidc the account already has (IAM allows one
     * per URL). Its client IDs must include the organization, and `aws:<organization>` when
     * `escEnvironment` is set. Omitted: the component creates the provider.
     */
    readonly oidcProviderArn?: pulumi.Input<string>;
    /** Which stacks the role deploys: hub, member or both (default): each gets only its side's statements. */
    readonly side?: DeploySide;
    /** The role's name; the deployments project derives ARNs from it. Default vpce-hub-deploy. */
    readonly roleName?: string;
    /** `<project>/<name>` of the ESC environment that may assume the role too (the stack imports it). */
    readonly escEnvironment?: string;
}

/** Type token `vpce-hub:bootstrap:DeployRole`. */
export class DeployRole extends pulumi.ComponentResource {
    /** Created only when no `oidcProviderArn` was given. */
    readonly provider?: aws.iam.OpenIdConnectProvider;
    readonly role: aws.iam.Role;
    readonly policy: aws.iam.RolePolicy;
    readonly roleArn: pulumi.Output<string>;
    readonly oidcProviderArn: pulumi.Output<string>;

    constructor(name: string, args: DeployRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const project = args.project ?? PROJECT;
        const roleName = args.roleName ?? DEFAULT_ROLE_NAME;
        // Built once with a placeholder ARN so that a bad organization, stack or environment
        // fails here, with the field's name, before anything registers (not inside an apply).
        trustPolicy({ ...args, project, providerArn: "arn:aws:iam::000000000000:oidc-provider/check" });
        super("vpce-hub:bootstrap:DeployRole", name, {}, opts);

        if (args.oidcProviderArn === undefined) {
            this.provider = new aws.iam.OpenIdConnectProvider(`${name}-oidc`, {
                url: OIDC_ISSUER_URL,
                clientIdLists: oidcClientIds(args.organization, args.escEnvironment !== undefined),
                // No thumbprintLists: IAM fetches the issuer's certificate thumbprint itself
                // when none is given, and a pinned one would break on Pulumi's next rotation.
            }, { parent: this });
        }
        this.oidcProviderArn = pulumi.output(this.provider?.arn ?? args.oidcProviderArn!);

        this.role = new aws.iam.Role(`${name}-role`, {
            // A fixed name: the deployments project derives arn:aws:iam::<account>:role/<name>.
            name: roleName,
            description: `Pulumi Deployments of ${args.organization}/${project}/${args.stack}`,
            assumeRolePolicy: this.oidcProviderArn.apply(providerArn => JSON.stringify(trustPolicy({
                providerArn, organization: args.organization, project, stack: args.stack, escEnvironment: args.escEnvironment,
            }))),
            maxSessionDuration: 3600,
            tags: { "vpce-hub:stack": args.stack },
        }, { parent: this });

        this.policy = new aws.iam.RolePolicy(`${name}-permissions`, {
            role: this.role.name,
            name: "vpce-hub-deploy",
            policy: JSON.stringify(permissionPolicy(args.side)),
        }, { parent: this });

        this.roleArn = this.role.arn;
        this.registerOutputs({ roleArn: this.roleArn, oidcProviderArn: this.oidcProviderArn });
    }
}

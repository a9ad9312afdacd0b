// Per-account bootstrap: the OIDC provider and the deploy and preview roles of every side
// (hub, member) the account holds, trusted through Pulumi's OIDC issuer. Run once per account
// with that account's admin credentials (deployments/bootstrap/), or for a whole organization
// with deployments/stackSet.ts; after that nobody needs long-lived keys.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SideRoles } from "./accounts";
import { OIDC_ISSUER_URL, oidcClientIds } from "./oidc";
import { RoleDefinition, roleDefinitions } from "./roles";

export interface AccountRolesArgs {
    /** Pulumi organization whose deployments may assume the roles; also their OIDC audience. */
    readonly organization: string;
    /** Project of the stacks; default vpce-hub. */
    readonly project?: string;
    /** The account's sides and their stacks (deployments/accounts.ts rolesByAccount). */
    readonly sides: readonly SideRoles[];
    /**
     * An OIDC provider for https://api.pulumi.com/oidc the account already has (IAM allows one
     * per URL). Its client IDs must include the organization and `aws:<organization>`.
     * Omitted: the component creates the provider.
     */
    readonly oidcProviderArn?: pulumi.Input<string>;
    /** Pulumi users whose operator ESC environments may assume the deploy roles. */
    readonly operators?: readonly string[];
    /** Without Pulumi Cloud: CI runners' roles that may assume the deploy and preview roles (deployments/selfManaged.ts). */
    readonly runners?: { readonly deploy?: readonly string[]; readonly preview?: readonly string[] };
}

/** The IAM role arguments of one definition, built apart so tests can read them. */
export function roleArgs(def: RoleDefinition): aws.iam.RoleArgs {
    return {
        // A fixed name: the deployments project derives arn:aws:iam::<account>:role/<name>.
        name: def.name,
        description: def.description.slice(0, 1000),
        assumeRolePolicy: JSON.stringify(def.trust),
        maxSessionDuration: def.maxSessionDuration,
        tags: { ...def.tags },
    };
}

/** Type token `vpce-hub:bootstrap:AccountRoles`. */
export class AccountRoles extends pulumi.ComponentResource {
    /** Created only when no `oidcProviderArn` was given. */
    readonly provider?: aws.iam.OpenIdConnectProvider;
    /** Per role name. */
    readonly roles: Record<string, aws.iam.Role> = {};
    readonly roleArns: Record<string, pulumi.Output<string>> = {};
    /** Every managed policy attachment, in role order. */
    readonly attachments: aws.iam.RolePolicyAttachment[] = [];
    readonly oidcProviderArn: pulumi.Output<string>;

    constructor(name: string, args: AccountRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        // Built once with a placeholder ARN so that a bad organization, stack or scope fails
        // here, with the field's name, before anything registers (not inside an apply).
        const check = (providerArn: string) => roleDefinitions({ ...args, providerArn });
        check("arn:aws:iam::000000000000:oidc-provider/api.pulumi.com/oidc");
        super("vpce-hub:bootstrap:AccountRoles", name, {}, opts);

        if (args.oidcProviderArn === undefined) {
            this.provider = new aws.iam.OpenIdConnectProvider(`${name}-oidc`, {
                url: OIDC_ISSUER_URL,
                clientIdLists: oidcClientIds(args.organization),
                // No thumbprintLists: IAM fetches the issuer's certificate thumbprint itself
                // when none is given, and a pinned one would break on Pulumi's next rotation.
            }, { parent: this });
        }
        this.oidcProviderArn = pulumi.output(this.provider?.arn ?? args.oidcProviderArn!);
        const defs = this.oidcProviderArn.apply(check);
        for (const def of check("arn:aws:iam::000000000000:oidc-provider/api.pulumi.com/oidc")) {
            const role = new aws.iam.Role(`${name}-${def.name}`, {
                ...roleArgs(def),
                assumeRolePolicy: defs.apply(ds => JSON.stringify(ds.find(d => d.name === def.name)!.trust)),
            }, { parent: this });
            // Keyed by position within the role: the split follows the statements' order, which is stable.
            def.policies.forEach((doc, i) => {
                const policy = new aws.iam.Policy(`${name}-${def.name}-${i + 1}`, {
                    name: `${def.name}-${i + 1}`, description: `vpce-hub ${def.kind} permissions, part ${i + 1} of ${def.policies.length}`, policy: JSON.stringify(doc),
                }, { parent: this });
                this.attachments.push(new aws.iam.RolePolicyAttachment(`${name}-${def.name}-${i + 1}`, { role: role.name, policyArn: policy.arn }, { parent: this }));
            });
            this.roles[def.name] = role;
            this.roleArns[def.name] = role.arn;
        }
        this.registerOutputs({ roleArns: this.roleArns, oidcProviderArn: this.oidcProviderArn });
    }
}

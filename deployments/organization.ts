// The organization-wide bootstrap as resources: two service-managed StackSets with automatic
// deployment (the OIDC provider; the member roles), each with one instance over the chosen OUs,
// leaving out the hubs' accounts (bootstrapped per account) and, for the provider, accounts
// that already have one. The templates come from deployments/stackSet.ts.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OrgBootstrap, templateText } from "./stackSet";

/** `SELF` in the management account; `DELEGATED_ADMIN` in a registered delegated administrator account. */
export type CallAs = "SELF" | "DELEGATED_ADMIN";

export interface OrgDeployRolesArgs {
    readonly bootstrap: OrgBootstrap;
    /** OU ids (ou-...) or the root (r-...) whose accounts, current and future, get the roles. */
    readonly organizationalUnitIds: readonly string[];
    readonly callAs: CallAs;
    /** The region the stack instances run in (IAM is global: one is enough). */
    readonly region: string;
    /** An S3 bucket for a roles template past CloudFormation's inline limit. */
    readonly templateBucket?: string;
}

export const PROVIDER_STACK_SET = "vpce-hub-oidc-provider";
export const ROLES_STACK_SET = "vpce-hub-deploy-roles";

/** A StackSet's arguments, built apart so tests can read them. */
export function stackSetArgs(name: string, description: string, template: { body?: string; url?: pulumi.Input<string> }, callAs: CallAs,
    dependsOnStackSets?: pulumi.Input<string>[]): aws.cloudformation.StackSetArgs {
    return {
        name, description,
        permissionModel: "SERVICE_MANAGED",
        // New accounts of the OUs get the stack; an account that leaves loses it.
        autoDeployment: { enabled: true, retainStacksOnAccountRemoval: false, ...(dependsOnStackSets ? { dependsOnStackSets } : {}) },
        callAs,
        capabilities: ["CAPABILITY_NAMED_IAM"],
        ...(template.body !== undefined ? { templateBody: template.body } : { templateUrl: template.url }),
        operationPreferences: { failureToleranceCount: 0, maxConcurrentPercentage: 25 },
    };
}

/** A StackSet instance's arguments: the OUs, less the accounts left out. */
export function stackSetInstanceArgs(stackSetName: pulumi.Input<string>, ous: readonly string[], excluded: readonly string[], callAs: CallAs, region: string): aws.cloudformation.StackSetInstanceArgs {
    return {
        stackSetName, callAs, stackSetInstanceRegion: region,
        deploymentTargets: {
            organizationalUnitIds: [...ous],
            ...(excluded.length ? { accounts: [...excluded], accountFilterType: "DIFFERENCE" } : {}),
        },
    };
}

/** Type token `vpce-hub:bootstrap:OrgDeployRoles`. */
export class OrgDeployRoles extends pulumi.ComponentResource {
    readonly providerStackSet: aws.cloudformation.StackSet;
    readonly rolesStackSet: aws.cloudformation.StackSet;
    readonly instances: aws.cloudformation.StackSetInstance[] = [];

    constructor(name: string, args: OrgDeployRolesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:bootstrap:OrgDeployRoles", name, {}, opts);
        const parent = this;
        const { bootstrap, callAs } = args;
        this.providerStackSet = new aws.cloudformation.StackSet(`${name}-provider`, stackSetArgs(PROVIDER_STACK_SET,
            "vpce-hub: the IAM OIDC provider for Pulumi Cloud", { body: templateText(bootstrap.providerTemplate).body }, callAs), { parent });
        const providerInstance = new aws.cloudformation.StackSetInstance(`${name}-provider`,
            stackSetInstanceArgs(this.providerStackSet.name, args.organizationalUnitIds, bootstrap.providerExcluded, callAs, args.region), { parent });
        this.instances.push(providerInstance);

        const roles = templateText(bootstrap.rolesTemplate);
        let url: pulumi.Input<string> | undefined;
        if (!roles.inline) {
            if (!args.templateBucket) throw new Error(`templateBucket: the roles template (${roles.body.length} bytes) is past CloudFormation's inline limit: name an S3 bucket to hold it`);
            const object = new aws.s3.BucketObjectv2(`${name}-roles-template`, {
                bucket: args.templateBucket, key: `${ROLES_STACK_SET}.json`, content: roles.body, contentType: "application/json",
            }, { parent });
            url = pulumi.interpolate`https://${object.bucket}.s3.amazonaws.com/${object.key}`;
        }
        // The roles trust the provider: it must exist first, in new accounts too.
        this.rolesStackSet = new aws.cloudformation.StackSet(`${name}-roles`, stackSetArgs(ROLES_STACK_SET,
            "vpce-hub: member deploy and preview roles", roles.inline ? { body: roles.body } : { url }, callAs, [this.providerStackSet.arn]),
            { parent, dependsOn: [providerInstance] });
        this.instances.push(new aws.cloudformation.StackSetInstance(`${name}-roles`,
            stackSetInstanceArgs(this.rolesStackSet.name, args.organizationalUnitIds, bootstrap.excluded, callAs, args.region), { parent }));
        this.registerOutputs({});
    }
}

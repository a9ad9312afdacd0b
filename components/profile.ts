// `vpce-hub:dns.sharing: profile`: one Route 53 Profile holds the hub's DNS (its zones, or its
// endpoints with private DNS on), shared by RAM so that each spoke associates its VPC once.
// What is added to the profile later reaches every associated VPC without touching spokes.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/**
 * RAM's managed permission that lets recipients only associate the profile with their VPCs
 * (not change it). AWS RAM managed permissions list; the ARN form is RAM's for AWS-managed
 * permissions (`arn:aws:ram::aws:permission/<name>`).
 */
export const PROFILE_ASSOCIATION_PERMISSION = "arn:aws:ram::aws:permission/AWSRAMPermissionRoute53ProfileAllowAssociation";

export interface HubProfileArgs {
    /** The hub stack's name: the profile's name carries it, so two hubs in one account differ. */
    readonly stack: string;
    /** Share with the organization (its ARN) when set, else with each account. */
    readonly organizationArn?: pulumi.Input<string>;
    /** Spoke accounts other than the hub's own. */
    readonly shareWithAccounts: readonly string[];
    /** A VPC of the hub's own account to associate (migration steps only; the hub VPC needs none otherwise). */
    readonly associateVpcId?: pulumi.Input<string>;
}

export class HubProfile extends pulumi.ComponentResource {
    readonly profile: aws.route53.ProfilesProfile;
    readonly resourceShareArn?: pulumi.Output<string>;
    /** The hub VPC's own profile association, during a migration step. */
    readonly hubAssociation?: aws.route53.ProfilesAssociation;

    private readonly key: string;

    constructor(name: string, args: HubProfileArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:hub:Profile", name, {}, opts);
        this.key = name;
        const parent = this;
        this.profile = new aws.route53.ProfilesProfile(name, {
            name: `vpce-hub-${args.stack}`,
            tags: { Name: "vpce-hub", "vpce-hub:hub": args.stack },
        }, { parent });
        const profileId = this.profile.id;
        if (args.associateVpcId) {
            this.hubAssociation = new aws.route53.ProfilesAssociation(`${name}-hub`, {
                name: "vpce-hub-hub", profileId, resourceId: args.associateVpcId,
            }, { parent });
        }
        const principals: pulumi.Input<string>[] = args.organizationArn ? [args.organizationArn] : [...args.shareWithAccounts];
        if (principals.length) {
            const share = new aws.ram.ResourceShare(name, {
                name: `vpce-hub-profile-${args.stack}`,
                // Association only: recipients cannot change what the profile holds.
                permissionArns: [PROFILE_ASSOCIATION_PERMISSION],
                // Within the organization no external principal is needed; without one, spokes
                // may be in any account and accept the share themselves.
                allowExternalPrincipals: !args.organizationArn,
                tags: { Name: "vpce-hub" },
            }, { parent });
            this.resourceShareArn = share.arn;
            new aws.ram.ResourceAssociation(name, { resourceShareArn: share.arn, resourceArn: this.profile.arn }, { parent });
            if (args.organizationArn) {
                new aws.ram.PrincipalAssociation(`${name}-organization`, { resourceShareArn: share.arn, principal: args.organizationArn }, { parent });
            } else {
                for (const account of args.shareWithAccounts) {
                    new aws.ram.PrincipalAssociation(`${name}-${account}`, { resourceShareArn: share.arn, principal: account }, { parent });
                }
            }
        }
    }

    /**
     * Puts the hub's zones and endpoints into the profile (after construction: the zones may
     * have to wait for the hub VPC's association). Keyed by zone or service name, never by position.
     */
    add(zones: readonly { readonly name: string; readonly arn: pulumi.Input<string> }[],
        endpoints: readonly { readonly service: string; readonly arn: pulumi.Input<string> }[]): void {
        const parent = this;
        const profileId = this.profile.id;
        for (const z of zones) {
            new aws.route53.ProfilesResourceAssociation(`${this.key}-${z.name}`, {
                name: resourceAssociationName(z.name), profileId, resourceArn: z.arn,
            }, { parent });
        }
        for (const e of endpoints) {
            new aws.route53.ProfilesResourceAssociation(`${this.key}-endpoint-${e.service}`, {
                name: resourceAssociationName(`endpoint-${e.service}`), profileId, resourceArn: e.arn,
            }, { parent });
        }
        this.registerOutputs({ profileId, resourceShareArn: this.resourceShareArn });
    }
}

/** AWS names resource associations with letters, digits, '-', '_' and spaces, at most 64. */
export function resourceAssociationName(key: string): string {
    const clean = key.replace(/[^a-zA-Z0-9_-]/g, "-");
    return clean.length <= 64 ? clean : `${clean.slice(0, 55)}-${shortHash(clean)}`;
}

function shortHash(s: string): string {
    let h = 0;
    for (const c of s) h = (h * 31 + c.charCodeAt(0)) >>> 0;
    return h.toString(16).padStart(8, "0");
}

// The simulated Route 53 Profiles: a profile per hub, its resources (zones, endpoints), and the
// VPCs associated with it. AssociateProfile refuses a second profile on one VPC and another
// account's profile that RAM does not share with the caller (sim/ram.ts).
import { ResourceTable, SimRun, created, hash } from "./context";
import { SimAwsError } from "./errors";
import { SimRam } from "./ram";

export class SimProfiles {
    /** Profiles: id -> ARN and owner account. */
    private readonly profiles = new Map<string, { arn: string; ownerId: string }>();
    /** VPC -> the profile associated with it (AssociateProfile: one profile per VPC). */
    private readonly vpcProfile = new Map<string, string>();
    /** Profile -> the ARNs of what it holds (zones, endpoints): AssociateResourceToProfile. */
    private readonly contents = new Map<string, Set<string>>();

    constructor(private readonly ram: SimRam) {}

    createProfile(id: string, arn: string, ownerId: string): void {
        this.profiles.set(id, { arn, ownerId });
    }

    /** DeleteProfile: AWS refuses while a VPC is still associated. */
    deleteProfile(id: string): void {
        const vpc = [...this.vpcProfile].find(([, p]) => p === id)?.[0];
        if (vpc) throw new SimAwsError("ConflictException", `Route 53 Profile ${id} is still associated with ${vpc}: disassociate every VPC before deleting it`);
        this.profiles.delete(id);
    }

    /**
     * AssociateProfile: a VPC can have only one profile (API reference, AssociateProfile), and
     * another account's profile must be shared with this account by RAM.
     */
    associateProfile(profileId: string, vpcId: string, accountId: string): void {
        const other = this.vpcProfile.get(vpcId);
        if (other && other !== profileId) {
            throw new SimAwsError("ConflictException", `${vpcId} is already associated with Route 53 Profile ${other}: a VPC can have only one profile`);
        }
        const profile = this.profiles.get(profileId);
        if (!profile) throw new SimAwsError("ResourceNotFoundException", `no Route 53 Profile ${profileId} is visible to account ${accountId}`);
        if (profile.ownerId !== accountId && !this.ram.sharedWith(profile.arn, accountId)) {
            throw new SimAwsError("ResourceNotFoundException", `Route 53 Profile ${profileId} of account ${profile.ownerId} is not shared by RAM with account ${accountId} ` +
                `(nor with its organization), or the account has not accepted the share's invitation`);
        }
        this.vpcProfile.set(vpcId, profileId);
    }

    /** AssociateResourceToProfile (add) and DisassociateResourceFromProfile. */
    holdResource(profileId: string, resourceArn: string, add = true): void {
        const set = this.contents.get(profileId) ?? this.contents.set(profileId, new Set()).get(profileId)!;
        if (add) set.add(resourceArn); else set.delete(resourceArn);
    }

    /** The profile associated with a VPC, and the ARNs it holds. */
    profileOf(vpcId: string): { id: string; resourceArns: string[] } | undefined {
        const id = this.vpcProfile.get(vpcId);
        return id ? { id, resourceArns: [...(this.contents.get(id) ?? [])] } : undefined;
    }

    /** DisassociateProfile. */
    disassociateProfile(profileId: string, vpcId: string): void {
        if (this.vpcProfile.get(vpcId) === profileId) this.vpcProfile.delete(vpcId);
    }
}

/** The Route 53 Profiles resources the program creates, on the simulated Profiles. */
export function profileResources(run: SimRun, profiles: SimProfiles): ResourceTable {
    const id = (prefix: string, key: string) => `${prefix}-${hash(`${run.ctx.stack}/${key}`, 16)}`;
    return {
        "aws:route53/profilesProfile:ProfilesProfile": c => {
            const profileId = id("rp", c.key);
            const arn = run.arn("route53profiles", `profile/${profileId}`);
            profiles.createProfile(profileId, arn, run.ctx.accountId);
            run.onDelete(c.key, () => profiles.deleteProfile(profileId));
            return created(c, profileId, { arn, ownerId: run.ctx.accountId, status: "COMPLETE", shareStatus: "NOT_SHARED", region: run.ctx.region });
        },
        "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": c => {
            const arn = String(c.inputs.resourceArn);
            const profileId = String(c.inputs.profileId);
            profiles.holdResource(profileId, arn);
            run.onDelete(c.key, () => profiles.holdResource(profileId, arn, false));
            return created(c, id("rpr", c.key), {
                ownerId: run.ctx.accountId, status: "COMPLETE", region: run.ctx.region,
                resourceType: arn.includes(":hostedzone/") ? "AWS::Route53::HostedZone" : arn.includes(":vpc-endpoint/") ? "AWS::EC2::VPCEndpoint" : "unknown",
            });
        },
        "aws:route53/profilesAssociation:ProfilesAssociation": c => {
            const profileId = String(c.inputs.profileId);
            const vpcId = String(c.inputs.resourceId);
            profiles.associateProfile(profileId, vpcId, run.ctx.accountId);
            run.onDelete(c.key, () => profiles.disassociateProfile(profileId, vpcId));
            return created(c, id("rpassoc", c.key), { ownerId: run.ctx.accountId, status: "COMPLETE", region: run.ctx.region });
        },
    };
}

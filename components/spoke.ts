// The spoke's side, run with the member account's credentials: accept the peering or attach
// to the hub's Transit Gateway, route the hub CIDR, and associate every hub zone (or, in
// profile mode, the VPC with the hub's Route 53 Profile once).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ExistingVpc } from "../lib/config";
import { HubOutputs } from "../lib/model";
import type { ShareAcceptance } from "../lib/aws/ramInvitations";
import { ramAccepterOptions } from "./options";

export interface SpokeArgs {
    /** The spoke's VPC, as in its own config. */
    readonly vpc: ExistingVpc;
    readonly region: string;
    /** The hub's outputs, read by StackReference and checked against this spoke. */
    readonly hub: HubOutputs;
    /** This spoke's entry in the hub's registry. */
    readonly entry: HubOutputs["spokes"][string];
    /**
     * What to do with each RAM share of the hub this spoke receives (stacks/ramShares.ts): its
     * Transit Gateway's and its profile's; a share not listed, or "none", needs no accepter.
     */
    readonly ramShares: Readonly<Partial<Record<"transitGateway" | "profile", ShareAcceptance>>>;
    /** For a Transit Gateway attachment: one subnet per AZ of the spoke VPC. */
    readonly attachmentSubnetIds: readonly string[];
    /**
     * The member's pinned DNS sharing (`vpce-hub:dns.sharing`) while its hub migrates: associations
     * keeps its zone associations after the hub moved to a profile (until its step A2). Absent: the hub's.
     */
    readonly dnsSharing?: "associations" | "profile";
    /** Hub zones left out: the VPC's own endpoint or zone holds their names (vpce-hub:existingEndpoints, associations mode). */
    readonly skipZones?: readonly string[];
}

/** The accepter of one RAM share, or none (nothing to accept: inside the organization, or no share). */
function accepter(name: string, acceptance: ShareAcceptance | undefined, shareArn: string | undefined, parent: pulumi.Resource): aws.ram.ResourceShareAccepter[] {
    if (!shareArn || !acceptance || acceptance.kind === "none") return [];
    return [new aws.ram.ResourceShareAccepter(name, { shareArn }, ramAccepterOptions(parent, acceptance, shareArn))];
}

export class Spoke extends pulumi.ComponentResource {
    readonly associations: Record<string, aws.route53.ZoneAssociation> = {};
    /** Profile mode: this VPC's association with the hub's profile. */
    readonly profileAssociation?: aws.route53.ProfilesAssociation;
    readonly peeringConnectionId?: pulumi.Output<string>;
    readonly attachmentId?: pulumi.Output<string>;
    readonly routes: { routeTableId: string; destination: string; via: pulumi.Output<string> }[] = [];

    constructor(name: string, args: SpokeArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:spoke:Spoke", name, {}, opts);
        const parent = this;
        const { hub, entry, vpc } = args;
        // IPv6 to a dual-stack hub, for the blocks the hub registered for this spoke.
        const ipv6 = Boolean(hub.vpcIpv6Cidr && entry.ipv6Cidrs?.length);

        let target: { vpcPeeringConnectionId?: pulumi.Input<string>; transitGatewayId?: pulumi.Input<string> };
        let dependsOn: pulumi.Resource[];
        if (entry.connectivity === "peering") {
            const accepter = new aws.ec2.VpcPeeringConnectionAccepter(name, {
                vpcPeeringConnectionId: entry.peeringConnectionId!,
                autoAccept: true,
                tags: { Name: "vpce-hub", "vpce-hub:hub": hub.vpcId },
            }, { parent });
            this.peeringConnectionId = accepter.id;
            target = { vpcPeeringConnectionId: accepter.id };
            dependsOn = [accepter];
        } else {
            const tgw = hub.transitGateway!;
            const accepted = accepter(name, args.ramShares.transitGateway, tgw.resourceShareArn, parent);
            // Association and propagation are left to the TGW's defaults, which the hub pointed
            // at its "spokes" and "hub" tables: this attachment reaches the hub and no other
            // spoke. (The attachment's own default flags cannot be set on a shared TGW.)
            const attachment = new aws.ec2transitgateway.VpcAttachment(name, {
                transitGatewayId: tgw.id,
                vpcId: vpc.id,
                subnetIds: [...args.attachmentSubnetIds],
                ...(ipv6 ? { ipv6Support: "enable" } : {}),
                tags: { Name: "vpce-hub" },
            }, { parent, dependsOn: accepted });
            this.attachmentId = attachment.id;
            target = { transitGatewayId: tgw.id };
            dependsOn = [attachment];
        }
        for (const rt of vpc.routeTableIds) {
            new aws.ec2.Route(`${name}-${rt}`, {
                routeTableId: rt,
                destinationCidrBlock: hub.vpcCidr,
                ...target,
            }, { parent, dependsOn });
            this.routes.push({ routeTableId: rt, destination: hub.vpcCidr, via: pulumi.output(target.vpcPeeringConnectionId ?? target.transitGatewayId!) });
            if (ipv6) {
                new aws.ec2.Route(`${name}-${rt}-ipv6`, {
                    routeTableId: rt,
                    destinationIpv6CidrBlock: hub.vpcIpv6Cidr,
                    ...target,
                }, { parent, dependsOn });
                this.routes.push({ routeTableId: rt, destination: hub.vpcIpv6Cidr!, via: pulumi.output(target.vpcPeeringConnectionId ?? target.transitGatewayId!) });
            }
        }
        if ((args.dnsSharing ?? hub.dns?.sharing) === "profile" && hub.dns?.sharing === "profile") {
            // One association with the hub's profile replaces every zone association; what the
            // hub adds to the profile later reaches this VPC without another pulumi up here.
            const accepted = entry.accountId !== hub.accountId ? accepter(`${name}-profile`, args.ramShares.profile, hub.dns.resourceShareArn, parent) : [];
            this.profileAssociation = new aws.route53.ProfilesAssociation(name, {
                name: `vpce-hub-${name}`, profileId: hub.dns.profileId!, resourceId: vpc.id,
            }, { parent, dependsOn: accepted });
        } else {
            // Step 2 of the cross-account association (the hub authorized it already).
            for (const [zoneName, zoneId] of Object.entries(hub.zoneIds)) {
                if (args.skipZones?.includes(zoneName)) continue;
                this.associations[zoneName] = new aws.route53.ZoneAssociation(`${name}-${zoneName}`, {
                    zoneId, vpcId: vpc.id, vpcRegion: args.region,
                }, { parent });
            }
        }
        this.registerOutputs({
            associationIds: Object.fromEntries(Object.entries(this.associations).map(([zone, a]) => [zone, a.id])),
            profileAssociationId: this.profileAssociation?.id,
            peeringConnectionId: this.peeringConnectionId,
            attachmentId: this.attachmentId,
        });
    }
}

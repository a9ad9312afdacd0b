// The hub's side of one spoke: zone authorizations (other accounts only), the peering
// request or the Transit Gateway route, and routes back from the hub's route tables.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { SpokeEntry } from "../lib/config";

export interface RouteTableRef {
    /** Stable key for logical names: the rtb id, or the AZ index of a created VPC. */
    readonly key: string;
    readonly id: pulumi.Input<string>;
}

export interface HubSpokeLinkArgs {
    readonly spoke: SpokeEntry;
    readonly hubAccountId: string;
    readonly region: string;
    readonly hubVpcId: pulumi.Input<string>;
    readonly hubRouteTables: readonly RouteTableRef[];
    /** Every hub zone, by name. */
    readonly zones: readonly { readonly name: string; readonly id: pulumi.Input<string> }[];
    /** For transitGateway spokes: the TGW id, and the hub attachment routes must wait for. */
    readonly transitGateway?: { readonly id: pulumi.Input<string>; readonly hubAttachment: pulumi.Resource };
    /** For peering spokes: the expired request this one replaces ("" for none; stacks/hub.ts peeringRequests). */
    readonly peeringReplaces?: string;
}

/**
 * Whether the hub's side of a spoke holds anything: a peering (and its routes), authorizations
 * (a spoke in another account, zones shared by association) or IPv6 routes. A Transit Gateway
 * spoke of a profile hub (or in the hub's account) has none: its routes are the shared aggregates
 * and its share the account's, so no component is made for it (a fleet's hub would otherwise
 * keep an empty component per member in its state).
 */
export function spokeLinkHoldsResources(args: Pick<HubSpokeLinkArgs, "spoke" | "hubAccountId" | "zones" | "hubRouteTables">): boolean {
    const { spoke } = args;
    return spoke.connectivity === "peering"
        || (spoke.accountId !== args.hubAccountId && args.zones.length > 0)
        || (Boolean(spoke.ipv6Cidrs?.length) && args.hubRouteTables.length > 0);
}

export class HubSpokeLink extends pulumi.ComponentResource {
    readonly peeringConnectionId?: pulumi.Output<string>;
    readonly authorizedZoneIds: pulumi.Output<string[]>;

    constructor(name: string, args: HubSpokeLinkArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:hub:SpokeLink", name, {}, opts);
        const parent = this;
        const { spoke } = args;

        // Step 1 of the cross-account association; the spoke's stack does step 2. A VPC in the
        // hub's own account needs (and accepts) no authorization.
        const crossAccount = spoke.accountId !== args.hubAccountId;
        const authorizations = crossAccount ? args.zones.map(z => new aws.route53.VpcAssociationAuthorization(`${spoke.name}-${z.name}`, {
            zoneId: z.id, vpcId: spoke.vpcId, vpcRegion: args.region,
        }, { parent })) : [];
        this.authorizedZoneIds = pulumi.all(authorizations.map(a => a.zoneId));

        let target: { vpcPeeringConnectionId?: pulumi.Input<string>; transitGatewayId?: pulumi.Input<string> };
        let dependsOn: pulumi.Resource[] = [];
        if (spoke.connectivity === "peering") {
            const peering = new aws.ec2.VpcPeeringConnection(spoke.name, {
                vpcId: args.hubVpcId,
                peerVpcId: spoke.vpcId,
                peerOwnerId: spoke.accountId,
                peerRegion: args.region,
                // The spoke's stack accepts (VpcPeeringConnectionAccepter), in its own account.
                autoAccept: false,
                tags: {
                    Name: `vpce-hub-${spoke.name}`, "vpce-hub:spoke": spoke.name,
                    ...(args.peeringReplaces ? { "vpce-hub:replaces": args.peeringReplaces } : {}),
                },
            }, peeringOptions(parent, args.peeringReplaces ?? ""));
            this.peeringConnectionId = peering.id;
            // A route to a peering still pending acceptance is allowed (state blackhole until the
            // spoke accepts), so the hub never needs a second pass (AWS VPC peering guide,
            // "Update your route tables for a VPC peering connection"). One per spoke: a
            // peering carries one VPC. Transit Gateway spokes share aggregated IPv4 routes
            // (components/spokeRoutes.ts).
            for (const rt of args.hubRouteTables) {
                new aws.ec2.Route(`${spoke.name}-${rt.key}`, {
                    routeTableId: rt.id,
                    destinationCidrBlock: spoke.cidr,
                    vpcPeeringConnectionId: peering.id,
                }, { parent });
            }
            target = { vpcPeeringConnectionId: peering.id };
        } else {
            if (!args.transitGateway) throw new Error(`spoke ${spoke.name} uses transitGateway but the hub has none`);
            target = { transitGatewayId: args.transitGateway.id };
            dependsOn = [args.transitGateway.hubAttachment];
        }
        for (const rt of args.hubRouteTables) {
            // A dual-stack hub routes the spoke's registered IPv6 blocks back the same way; the
            // block keys the name (":" and "/" are not for URNs).
            for (const block of spoke.ipv6Cidrs ?? []) {
                new aws.ec2.Route(`${spoke.name}-${rt.key}-${block.replace(/:/g, "-").replace("/", "_")}`, {
                    routeTableId: rt.id,
                    destinationIpv6CidrBlock: block,
                    ...target,
                }, { parent, dependsOn });
            }
        }
        this.registerOutputs({ peeringConnectionId: this.peeringConnectionId, authorizedZoneIds: this.authorizedZoneIds });
    }
}

/**
 * The peering's resource options. The engine compares `replacementTrigger` with the value of
 * the last update and replaces the resource when it differs: it changes exactly when the hub
 * found its previous request expired (the id of that request), and stays the same afterwards.
 */
export function peeringOptions(parent: pulumi.Resource, replaces: string): pulumi.CustomResourceOptions {
    return { parent, replacementTrigger: replaces };
}

// The hub's routes to its Transit Gateway spokes: the exact aggregates of their CIDRs (the
// fewest blocks covering exactly those CIDRs), or one route per hub route table to a
// customer-managed prefix list of the same blocks. A route per spoke would outgrow the 50
// routes a route table holds by default long before the fleet does. Peering spokes keep one
// route each (components/spokeLink.ts): a peering carries one VPC.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { aggregatedSources } from "../lib/aws/securityGroups";
import type { SpokeEntry } from "../lib/config";
import { PrefixLists, maxEntriesOf } from "../lib/net/prefixLists";
import type { RouteTableRef } from "./spokeLink";

export interface TransitGatewayRoutesArgs {
    /** The Transit Gateway spokes. */
    readonly spokes: readonly SpokeEntry[];
    readonly routeTables: readonly RouteTableRef[];
    readonly transitGatewayId: pulumi.Input<string>;
    /** Routes wait for the hub's attachment: AWS refuses a route to a TGW the VPC is not attached to. */
    readonly hubAttachment: pulumi.Resource;
    readonly prefixLists: PrefixLists;
}

/** A block as a logical-name key: 10.64.0.0/20 -> 10.64.0.0-20 (stable: the name follows the block). */
export const blockKey = (cidr: string) => cidr.replace("/", "-");

export class TransitGatewayRoutes extends pulumi.ComponentResource {
    readonly prefixList?: aws.ec2.ManagedPrefixList;

    constructor(name: string, args: TransitGatewayRoutesArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:hub:TransitGatewayRoutes", name, {}, opts);
        const parent = this;
        const blocks = aggregatedSources(args.spokes.map(s => ({ cidr: s.cidr, label: `spoke ${s.name}` })));
        const target = { transitGatewayId: args.transitGatewayId };
        if (args.prefixLists.transitGatewayRoutes) {
            this.prefixList = new aws.ec2.ManagedPrefixList("transit-gateway-spokes", {
                name: "vpce-hub-transit-gateway-spokes",
                addressFamily: "IPv4",
                maxEntries: maxEntriesOf(args.prefixLists, blocks.length),
                entries: blocks.map(b => ({ cidr: b.cidr, description: b.description })),
                tags: { Name: "vpce-hub-transit-gateway-spokes" },
            }, { parent });
            for (const rt of args.routeTables) {
                new aws.ec2.Route(`transit-gateway-spokes-${rt.key}`, {
                    routeTableId: rt.id, destinationPrefixListId: this.prefixList.id, ...target,
                }, { parent, dependsOn: [args.hubAttachment] });
            }
        } else {
            for (const b of blocks) {
                for (const rt of args.routeTables) {
                    new aws.ec2.Route(`spokes-${blockKey(b.cidr)}-${rt.key}`, {
                        routeTableId: rt.id, destinationCidrBlock: b.cidr, ...target,
                    }, { parent, dependsOn: [args.hubAttachment] });
                }
            }
        }
        this.registerOutputs({ prefixListId: this.prefixList?.id });
    }
}

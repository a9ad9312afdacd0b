// The hub's Transit Gateway with two route tables, so that spokes reach the hub and never
// each other, and no stack needs a second `pulumi up`:
// - every new attachment (a spoke's) is associated by default with the "spokes" table, which
//   only learns the hub's route, and propagates by default into the "hub" table;
// - the hub's own attachment is associated with the "hub" table and propagates into "spokes".
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

export interface HubTransitGatewayArgs {
    /** Use this Transit Gateway instead of creating one (its default tables are taken over). */
    readonly existingId?: string;
    readonly region: string;
    readonly hubAccountId: string;
    readonly vpcId: pulumi.Input<string>;
    /** Hub subnets for the hub attachment, one per AZ. */
    readonly subnetIds: pulumi.Input<string[]>;
    /**
     * Accounts of transitGateway spokes outside the hub's account: each gets the RAM share, and no
     * other account sees the gateway (never the whole organization: whoever sees it may attach).
     */
    readonly shareWithAccounts: readonly string[];
    /**
     * The hub is in an AWS Organization (`vpce-hub:organizationId` set): external principals stay
     * off, and the member accounts, all inside it, get the share without an invitation.
     */
    readonly inOrganization?: boolean;
    /**
     * The route tables of another hub on the same Transit Gateway (docs/multi-hub.md): a gateway
     * has one default association and one default propagation table, so the hubs sharing it
     * share one pair of tables. This hub attaches to them instead of taking the defaults over.
     */
    readonly sharedTables?: { readonly hubRouteTableId: pulumi.Input<string>; readonly spokesRouteTableId: pulumi.Input<string> };
    /** A dual-stack hub: the hub attachment carries IPv6 too (its subnets have IPv6 blocks). */
    readonly ipv6Support?: boolean;
}

export class HubTransitGateway extends pulumi.ComponentResource {
    readonly id: pulumi.Output<string>;
    readonly hubAttachment: aws.ec2transitgateway.VpcAttachment;
    readonly hubRouteTableId: pulumi.Output<string>;
    readonly spokesRouteTableId: pulumi.Output<string>;
    /** Absent when every Transit Gateway spoke is in the hub's own account. */
    readonly resourceShareArn?: pulumi.Output<string>;

    constructor(name: string, args: HubTransitGatewayArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:hub:TransitGateway", name, {}, opts);
        const parent = this;
        let arn: pulumi.Input<string>;
        if (args.existingId) {
            this.id = pulumi.output(args.existingId);
            arn = `arn:aws:ec2:${args.region}:${args.hubAccountId}:transit-gateway/${args.existingId}`;
        } else {
            const tgw = new aws.ec2transitgateway.TransitGateway(name, {
                description: "vpce-hub: spokes to the hub's endpoints",
                // Spokes attach from their own accounts; accepting automatically keeps the
                // order hub first, then members, with no second pass over the hub (docs/transit-gateway.md
                // weighs it against accepting registered attachments only). Only the registered
                // members' accounts see the gateway, and the hub's pulumi up names any attachment
                // no spoke registers (stacks/hub.ts unregisteredAttachments).
                autoAcceptSharedAttachments: "enable",
                defaultRouteTableAssociation: "enable",
                defaultRouteTablePropagation: "enable",
                dnsSupport: "enable",
                tags: { Name: "vpce-hub" },
            }, { parent });
            this.id = tgw.id;
            arn = tgw.arn;
        }
        if (args.sharedTables) {
            // Spokes of every hub on this gateway land in the one spokes table (by default) and
            // learn every hub's VPC there; each spoke's own VPC routes and the endpoint security
            // groups keep it to its own hub. The one hub table learns every spoke.
            this.hubRouteTableId = pulumi.output(args.sharedTables.hubRouteTableId);
            this.spokesRouteTableId = pulumi.output(args.sharedTables.spokesRouteTableId);
        } else {
            this.hubRouteTableId = new aws.ec2transitgateway.RouteTable(`${name}-hub`, {
                transitGatewayId: this.id, tags: { Name: "vpce-hub-hub" },
            }, { parent }).id;
            this.spokesRouteTableId = new aws.ec2transitgateway.RouteTable(`${name}-spokes`, {
                transitGatewayId: this.id, tags: { Name: "vpce-hub-spokes" },
            }, { parent }).id;
            new aws.ec2transitgateway.DefaultRouteTableAssociation(`${name}-spokes`, {
                transitGatewayId: this.id, transitGatewayRouteTableId: this.spokesRouteTableId,
            }, { parent });
            new aws.ec2transitgateway.DefaultRouteTablePropagation(`${name}-hub`, {
                transitGatewayId: this.id, transitGatewayRouteTableId: this.hubRouteTableId,
            }, { parent });
        }

        this.hubAttachment = new aws.ec2transitgateway.VpcAttachment(`${name}-hub`, {
            transitGatewayId: this.id,
            vpcId: args.vpcId,
            subnetIds: args.subnetIds,
            transitGatewayDefaultRouteTableAssociation: false,
            transitGatewayDefaultRouteTablePropagation: false,
            ...(args.ipv6Support ? { ipv6Support: "enable" } : {}),
            tags: { Name: "vpce-hub-hub" },
        }, { parent });
        new aws.ec2transitgateway.RouteTableAssociation(`${name}-hub`, {
            transitGatewayAttachmentId: this.hubAttachment.id,
            transitGatewayRouteTableId: this.hubRouteTableId,
        }, { parent });
        new aws.ec2transitgateway.RouteTablePropagation(`${name}-hub-to-spokes`, {
            transitGatewayAttachmentId: this.hubAttachment.id,
            transitGatewayRouteTableId: this.spokesRouteTableId,
        }, { parent });

        // Only spokes in other accounts need the share; the hub's own account sees its TGW.
        if (args.shareWithAccounts.length) {
            const share = new aws.ram.ResourceShare(name, ramShareArgs(args.inOrganization === true), { parent });
            this.resourceShareArn = share.arn;
            new aws.ram.ResourceAssociation(name, { resourceShareArn: share.arn, resourceArn: arn }, { parent });
            for (const p of ramPrincipals(args.shareWithAccounts)) {
                new aws.ram.PrincipalAssociation(`${name}-${p.key}`, { resourceShareArn: share.arn, principal: p.principal }, { parent });
            }
        }
        this.registerOutputs({ id: this.id, resourceShareArn: this.resourceShareArn });
    }
}

/**
 * Inside an organization the share admits no principal outside it (RAM: "allowExternalPrincipals:
 * false"); without one, external principals are allowed: accounts outside the hub's organization
 * then get an invitation, which their stack accepts at deploy time (`vpce-hub:acceptRamShare:
 * auto`, stacks/ramShares.ts).
 */
export function ramShareArgs(inOrganization: boolean): aws.ram.ResourceShareArgs {
    return { name: "vpce-hub-transit-gateway", allowExternalPrincipals: !inOrganization, tags: { Name: "vpce-hub" } };
}

/**
 * Who gets the share, keyed for logical names: each registered member account, inside an
 * organization too (an account principal there gets the share without an invitation, as the
 * organization would). The organization as principal would let every account in it, present and
 * future, attach a VPC to the hub's gateway, and the gateway accepts attachments automatically.
 */
export function ramPrincipals(accounts: readonly string[]): { key: string; principal: string }[] {
    return [...new Set(accounts)].map(a => ({ key: a, principal: a }));
}

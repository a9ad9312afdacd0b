// On-prem reaches the hub over a site-to-site VPN: an existing virtual private gateway on the
// hub VPC, or a new one with a customer gateway. Either way the hub's route tables learn the
// on-prem networks: by propagation from the gateway, plus static VPN routes for a new VPN.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { OnPrem } from "../lib/config";
import { RouteTableRef } from "./spokeLink";

export interface OnPremVpnArgs {
    readonly onPrem: OnPrem;
    readonly vpcId: pulumi.Input<string>;
    readonly routeTables: readonly RouteTableRef[];
}

export class OnPremVpn extends pulumi.ComponentResource {
    readonly vpnGatewayId: pulumi.Output<string>;

    constructor(name: string, args: OnPremVpnArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:hub:OnPremVpn", name, {}, opts);
        const parent = this;
        const { onPrem } = args;
        if (onPrem.vpnGatewayId) {
            this.vpnGatewayId = pulumi.output(onPrem.vpnGatewayId);
        } else {
            const cg = onPrem.customerGateway!;
            const vgw = new aws.ec2.VpnGateway(name, { vpcId: args.vpcId, tags: { Name: "vpce-hub" } }, { parent });
            const cgw = new aws.ec2.CustomerGateway(name, {
                ipAddress: cg.ip, bgpAsn: String(cg.bgpAsn), type: "ipsec.1", tags: { Name: "vpce-hub-on-prem" },
            }, { parent });
            const vpn = new aws.ec2.VpnConnection(name, {
                vpnGatewayId: vgw.id, customerGatewayId: cgw.id, type: "ipsec.1", staticRoutesOnly: true,
                tags: { Name: "vpce-hub-on-prem" },
            }, { parent });
            for (const cidr of onPrem.cidrs) {
                new aws.ec2.VpnConnectionRoute(`${name}-${cidr}`, { vpnConnectionId: vpn.id, destinationCidrBlock: cidr }, { parent });
            }
            this.vpnGatewayId = vgw.id;
        }
        for (const rt of args.routeTables) {
            new aws.ec2.VpnGatewayRoutePropagation(`${name}-${rt.key}`, {
                vpnGatewayId: this.vpnGatewayId, routeTableId: rt.id,
            }, { parent });
        }
        this.registerOutputs({ vpnGatewayId: this.vpnGatewayId });
    }
}

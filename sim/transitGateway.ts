// The simulated Transit Gateway: the gateway with its default route tables, further route
// tables, and VPC attachments. Another account's gateway is visible only through RAM
// (sim/ram.ts): an attachment to one not shared with the caller is refused as EC2 refuses it.
import { InvokeTable, ResourceTable, SimRun, created } from "./context";
import { awsError } from "./errors";
import { SimRam } from "./ram";

type GatewaySetting = "autoAcceptSharedAttachments" | "defaultRouteTableAssociation" | "defaultRouteTablePropagation";

export class SimTransitGateways {
    /** Settings of existing Transit Gateways; a gateway not listed has AWS's defaults, all "enable". */
    readonly existing = new Map<string, Partial<Record<GatewaySetting, string>>>();
    /** Transit Gateways created in this simulation: id -> ARN and owner, for RAM's access check on attachments. */
    private readonly created = new Map<string, { arn: string; ownerId: string }>();

    constructor(private readonly run: SimRun, private readonly ram: SimRam) {}

    readonly resources: ResourceTable = {
        "aws:ec2transitgateway/transitGateway:TransitGateway": c => {
            const id = this.run.idFor("tgw", c.key);
            const arn = this.run.arn("ec2", `transit-gateway/${id}`);
            this.created.set(id, { arn, ownerId: this.run.ctx.accountId });
            return created(c, id, {
                arn, ownerId: this.run.ctx.accountId,
                associationDefaultRouteTableId: this.run.idFor("tgw-rtb", `${c.key}#default`),
                propagationDefaultRouteTableId: this.run.idFor("tgw-rtb", `${c.key}#default`),
            });
        },
        "aws:ec2transitgateway/routeTable:RouteTable": c => created(c, this.run.idFor("tgw-rtb", c.key)),
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment": c => {
            // Another account's gateway is visible only through RAM: shared with this account
            // (and the invitation accepted, outside an organization) or with its organization.
            // A gateway created outside the simulation (vpce-hub:transitGatewayId) is taken as shared.
            const tgwId = String(c.inputs.transitGatewayId);
            const tgw = this.created.get(tgwId);
            const account = this.run.ctx.accountId;
            if (tgw && tgw.ownerId !== account && !this.ram.sharedWith(tgw.arn, account)) {
                throw awsError("InvalidTransitGatewayID.NotFound", `The transitGateway ID '${tgwId}' does not exist.`);
            }
            return created(c, this.run.idFor("tgw-attach", c.key), { vpcOwnerId: account });
        },
    };

    readonly invokes: InvokeTable = {
        "aws:ec2transitgateway/getTransitGateway:getTransitGateway": inputs => ({
            id: inputs.id, autoAcceptSharedAttachments: "enable", defaultRouteTableAssociation: "enable",
            defaultRouteTablePropagation: "enable", ...(this.existing.get(String(inputs.id)) ?? {}),
        }),
    };
}

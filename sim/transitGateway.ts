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

    /**
     * A gateway the simulation did not create (a hub's `transitGateway.id`): the hub that declares
     * it owns it, so that its owner and ARN are known to the members that look it up.
     */
    adopt(id: string, ownerId: string, region: string): void {
        if (!this.created.has(id) && !this.adopted.has(id)) this.adopted.set(id, { arn: `arn:aws:ec2:${region}:${ownerId}:transit-gateway/${id}`, ownerId });
    }

    /** Gateways adopted by a hub (not created here): known for lookups; attachments to them stay unchecked, as before. */
    private readonly adopted = new Map<string, { arn: string; ownerId: string }>();

    readonly invokes: InvokeTable = {
        // DescribeTransitGateways by id: another account's gateway is visible only once a RAM share gives it access.
        "aws:ec2transitgateway/getTransitGateway:getTransitGateway": inputs => {
            const id = String(inputs.id);
            const known = this.created.get(id) ?? this.adopted.get(id);
            const account = this.run.ctx.accountId;
            if (known && known.ownerId !== account && !this.ram.sharedWith(known.arn, account)) {
                throw new Error(`reading EC2 Transit Gateway (${id}): couldn't find resource (no matching EC2 Transit Gateway found)`);
            }
            return {
                id, ...(known ? { ownerId: known.ownerId, arn: known.arn } : {}),
                autoAcceptSharedAttachments: "enable", defaultRouteTableAssociation: "enable",
                defaultRouteTablePropagation: "enable", ...(this.existing.get(id) ?? {}),
            };
        },
    };
}

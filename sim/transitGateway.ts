// The simulated Transit Gateway: the gateway with its default route tables, further route
// tables, VPC attachments and their state, and what each route table learns by propagation.
// Another account's gateway is visible only through RAM (sim/ram.ts): an attachment to one not
// shared with the caller is refused as EC2 refuses it. An attachment from another account is
// accepted at once when the gateway accepts shared attachments automatically, and otherwise waits
// in pendingAcceptance for the owner's AcceptTransitGatewayVpcAttachment (docs/aws-rules.md).
// `attachOutside` makes an attachment no stack declares (someone's console, another tool): the
// rogue attachment the hub's deploy-time check looks for.
import { InvokeTable, ResourceTable, SimRun, created } from "./context";
import { SimEc2 } from "./ec2";
import { SimAwsError, awsError } from "./errors";
import { SimRam } from "./ram";

type GatewaySetting = "autoAcceptSharedAttachments" | "defaultRouteTableAssociation" | "defaultRouteTablePropagation";

/** DescribeTransitGatewayVpcAttachments' states this simulation uses. */
export type SimAttachmentState = "pendingAcceptance" | "available";

export interface SimAttachment {
    readonly id: string;
    readonly tgwId: string;
    readonly vpcId: string;
    /** The VPC's (and so the attachment's) account. */
    readonly ownerId: string;
    state: SimAttachmentState;
    /** Created with transitGatewayDefaultRouteTablePropagation false: it propagates only where told. */
    readonly noDefaultPropagation: boolean;
}

export class SimTransitGateways {
    /** Settings of existing Transit Gateways; a gateway not listed has all three "enable" (what the hub requires of one it adopts). */
    readonly existing = new Map<string, Partial<Record<GatewaySetting, string>>>();
    /** Transit Gateways created in this simulation: id -> ARN, owner and whether it accepts shared attachments automatically. */
    private readonly created = new Map<string, { arn: string; ownerId: string; autoAccept: boolean }>();
    /** Every VPC attachment, by id: those stacks created and those made outside any stack. */
    readonly attachments = new Map<string, SimAttachment>();
    /** Gateway -> its default propagation table, as DefaultRouteTablePropagation set it. */
    private readonly defaultPropagation = new Map<string, string>();
    /** Explicit propagations: "attachment table". */
    private readonly propagations = new Set<string>();
    private outside = 0;

    constructor(private readonly run: SimRun, private readonly ram: SimRam, private readonly ec2: SimEc2) {}

    /** Whether a gateway accepts another account's attachments without its owner's acceptance. */
    private autoAccepts(tgwId: string): boolean {
        const own = this.created.get(tgwId);
        if (own) return own.autoAccept;
        return (this.existing.get(tgwId)?.autoAcceptSharedAttachments ?? "enable") === "enable";
    }

    /**
     * CreateTransitGatewayVpcAttachment as `accountId`: refused where RAM does not show the
     * gateway to the account (shared with it, the invitation accepted outside an organization);
     * available at once in the owner's account or with automatic acceptance, else pendingAcceptance.
     */
    private attach(id: string, tgwId: string, vpcId: string, accountId: string, noDefaultPropagation: boolean): SimAttachment {
        // A gateway created outside the simulation (vpce-hub:transitGatewayId) is taken as shared.
        const tgw = this.created.get(tgwId);
        if (tgw && tgw.ownerId !== accountId && !this.ram.sharedWith(tgw.arn, accountId)) {
            throw awsError("InvalidTransitGatewayID.NotFound", `The transitGateway ID '${tgwId}' does not exist.`);
        }
        const own = tgw ? tgw.ownerId === accountId : false;
        const a: SimAttachment = { id, tgwId, vpcId, ownerId: accountId, state: own || this.autoAccepts(tgwId) ? "available" : "pendingAcceptance", noDefaultPropagation };
        this.attachments.set(id, a);
        return a;
    }

    /**
     * An attachment no stack declares, made by `accountId` (the console, another tool): the same
     * rules as the program's own (RAM visibility, acceptance). Returns its id; throws SimAwsError
     * where EC2 refuses it.
     */
    attachOutside(o: { tgwId: string; vpcId: string; vpcCidr: string; accountId: string }): string {
        if (!this.ec2.vpcCidrs.has(o.vpcId)) this.ec2.vpcCidrs.set(o.vpcId, o.vpcCidr);
        return this.attach(`tgw-attach-outside${String(++this.outside).padStart(8, "0")}`, o.tgwId, o.vpcId, o.accountId, false).id;
    }

    /** The table an attachment propagates into by default, if any. */
    private defaultTableOf(a: SimAttachment): string | undefined {
        if (a.noDefaultPropagation) return undefined;
        const setting = this.existing.get(a.tgwId)?.defaultRouteTablePropagation;
        return setting === "disable" ? undefined : this.defaultPropagation.get(a.tgwId);
    }

    readonly resources: ResourceTable = {
        "aws:ec2transitgateway/transitGateway:TransitGateway": c => {
            const id = this.run.idFor("tgw", c.key);
            const arn = this.run.arn("ec2", `transit-gateway/${id}`);
            // EC2's default: shared attachments wait for the owner's acceptance.
            this.created.set(id, { arn, ownerId: this.run.ctx.accountId, autoAccept: c.inputs.autoAcceptSharedAttachments === "enable" });
            return created(c, id, {
                arn, ownerId: this.run.ctx.accountId,
                associationDefaultRouteTableId: this.run.idFor("tgw-rtb", `${c.key}#default`),
                propagationDefaultRouteTableId: this.run.idFor("tgw-rtb", `${c.key}#default`),
            });
        },
        "aws:ec2transitgateway/routeTable:RouteTable": c => created(c, this.run.idFor("tgw-rtb", c.key)),
        "aws:ec2transitgateway/defaultRouteTablePropagation:DefaultRouteTablePropagation": c => {
            this.defaultPropagation.set(String(c.inputs.transitGatewayId), String(c.inputs.transitGatewayRouteTableId));
            return created(c, this.run.idFor("sim", c.key, 12));
        },
        "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": c => {
            const key = `${c.inputs.transitGatewayAttachmentId} ${c.inputs.transitGatewayRouteTableId}`;
            this.propagations.add(key);
            this.run.onDelete(c.key, () => this.propagations.delete(key));
            return created(c, this.run.idFor("sim", c.key, 12));
        },
        "aws:ec2transitgateway/vpcAttachment:VpcAttachment": c => {
            const id = this.run.idFor("tgw-attach", c.key);
            const prior = this.attachments.get(id);
            const a = this.attach(id, String(c.inputs.transitGatewayId), String(c.inputs.vpcId), this.run.ctx.accountId,
                c.inputs.transitGatewayDefaultRouteTablePropagation === false);
            // Already in Pulumi's state: the attachment keeps the state it had (accepted or not).
            if (prior && this.run.existed(c.key)) a.state = prior.state;
            this.run.onDelete(c.key, () => this.attachments.delete(id));
            return created(c, id, { vpcOwnerId: a.ownerId });
        },
        "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter": c => {
            // AcceptTransitGatewayVpcAttachment: by the gateway's owner, of an attachment pending acceptance.
            const id = String(c.inputs.transitGatewayAttachmentId);
            const a = this.attachments.get(id);
            const tgw = a && this.created.get(a.tgwId);
            if (!a || (tgw && tgw.ownerId !== this.run.ctx.accountId)) {
                throw new SimAwsError("InvalidTransitGatewayAttachmentID.NotFound", `Transit Gateway Attachment ${id} was deleted or does not exist.`);
            }
            if (a.state !== "pendingAcceptance" && !this.run.existed(c.key)) {
                throw new SimAwsError("IncorrectState", `tgw-attachment ${id} is in invalid state ${a.state}`);
            }
            a.state = "available";
            // The provider deletes the attachment when the accepter goes (DeleteTransitGatewayVpcAttachment).
            this.run.onDelete(c.key, () => this.attachments.delete(id));
            return created(c, id, { transitGatewayId: a.tgwId, vpcId: a.vpcId, vpcOwnerId: a.ownerId });
        },
    };

    readonly invokes: InvokeTable = {
        "aws:ec2transitgateway/getTransitGateway:getTransitGateway": inputs => ({
            id: inputs.id, autoAcceptSharedAttachments: "enable", defaultRouteTableAssociation: "enable",
            defaultRouteTablePropagation: "enable", ...(this.existing.get(String(inputs.id)) ?? {}),
        }),
        // DescribeTransitGatewayVpcAttachments: the gateway's owner sees every attachment to it.
        "aws:ec2transitgateway/getVpcAttachments:getVpcAttachments": inputs => {
            const filters: { name: string; values: string[] }[] = inputs.filters ?? [];
            const field: Record<string, (a: SimAttachment) => string> = {
                "transit-gateway-id": a => a.tgwId, "vpc-id": a => a.vpcId, "state": a => a.state, "transit-gateway-attachment-id": a => a.id,
            };
            const ids = [...this.attachments.values()].filter(a => this.visible(a)
                && filters.every(f => field[f.name] ? f.values.includes(field[f.name](a)) : true)).map(a => a.id).sort();
            return { id: this.run.ctx.region, ids, filters };
        },
        "aws:ec2transitgateway/getVpcAttachment:getVpcAttachment": inputs => {
            const a = this.attachments.get(String(inputs.id));
            if (!a || !this.visible(a)) throw new SimAwsError("InvalidTransitGatewayAttachmentID.NotFound", `Transit Gateway Attachment ${inputs.id} was deleted or does not exist.`);
            return { id: a.id, transitGatewayId: a.tgwId, vpcId: a.vpcId, vpcOwnerId: a.ownerId, subnetIds: [] };
        },
        // SearchTransitGatewayRoutes: a table's propagated routes, by attachment and type.
        "aws:ec2transitgateway/getRouteTableRoutes:getRouteTableRoutes": inputs => {
            const table = String(inputs.transitGatewayRouteTableId);
            const filters: { name: string; values: string[] }[] = inputs.filters ?? [];
            const only = filters.find(f => f.name === "attachment.transit-gateway-attachment-id")?.values;
            const types = filters.find(f => f.name === "type")?.values;
            const routes = [...this.attachments.values()]
                .filter(a => a.state === "available" && (!only || only.includes(a.id)))
                .filter(a => this.defaultTableOf(a) === table || this.propagations.has(`${a.id} ${table}`))
                .map(a => this.ec2.vpcCidrs.get(a.vpcId)).filter((c): c is string => c !== undefined)
                .map(cidr => ({ destinationCidrBlock: cidr, prefixListId: "", state: "active", transitGatewayRouteTableAnnouncementId: "", type: "propagated" }));
            return { id: table, transitGatewayRouteTableId: table, routes: types && !types.includes("propagated") ? [] : routes, filters };
        },
    };

    /** An account sees the attachments it made and those to gateways it owns. */
    private visible(a: SimAttachment): boolean {
        const tgw = this.created.get(a.tgwId);
        return a.ownerId === this.run.ctx.accountId || tgw?.ownerId === this.run.ctx.accountId || !tgw;
    }
}

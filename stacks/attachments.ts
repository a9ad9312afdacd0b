// The hub's deploy-time look at its Transit Gateway's attachments. The gateway accepts shared
// attachments automatically (docs/transit-gateway.md says why), so any VPC of an account it is
// shared with can attach without the hub's approval: the hub finds every attachment no spoke
// registers, with the blocks it propagates into the hub's route table, exports them (the plan's
// path checks see them) and names each in a warning, as a hijack where a block lies inside a
// member's (the hub's replies to those addresses then go to that VPC).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { HubConfig } from "../lib/config";
import { within } from "../lib/net/cidr";
import { UnregisteredAttachment } from "../lib/model";
import { stackWarning } from "./warnings";

/** EC2 takes at most this many values in one filter (kept low: the documented limits vary by API). */
const FILTER_VALUES = 200;

/**
 * Attachments to `tgwId` whose VPC is neither the hub's nor a registered Transit Gateway member's,
 * with the blocks each propagates into `hubRouteTableId` and the members whose block holds one.
 */
export function unregisteredAttachments(cfg: HubConfig, tgwId: pulumi.Output<string>, hubVpcId: pulumi.Input<string>,
    hubRouteTableId: pulumi.Output<string>): pulumi.Output<UnregisteredAttachment[]> {
    const members = cfg.spokes.filter(s => s.connectivity === "transitGateway");
    return pulumi.all([tgwId, hubVpcId, hubRouteTableId]).apply(async ([tgw, hubVpc, table]) => {
        const onGateway = { name: "transit-gateway-id", values: [tgw] };
        const all = (await aws.ec2transitgateway.getVpcAttachments({ filters: [onGateway] })).ids;
        const registered = [hubVpc, ...members.map(s => s.vpcId)];
        const known = new Set<string>();
        for (let i = 0; i < registered.length; i += FILTER_VALUES) {
            const vpcs = { name: "vpc-id", values: registered.slice(i, i + FILTER_VALUES) };
            for (const id of (await aws.ec2transitgateway.getVpcAttachments({ filters: [onGateway, vpcs] })).ids) known.add(id);
        }
        const others = all.filter(id => !known.has(id));
        if (!others.length) return [];
        const pending = new Set((await aws.ec2transitgateway.getVpcAttachments({ filters: [onGateway, { name: "state", values: ["pendingAcceptance"] }] })).ids);
        const out: UnregisteredAttachment[] = [];
        for (const id of others) {
            const a = await aws.ec2transitgateway.getVpcAttachment({ id });
            const routes = await aws.ec2transitgateway.getRouteTableRoutes({
                transitGatewayRouteTableId: table,
                filters: [{ name: "attachment.transit-gateway-attachment-id", values: [id] }, { name: "type", values: ["propagated"] }],
            });
            const cidrs = [...new Set(routes.routes.map(r => r.destinationCidrBlock).filter(Boolean))].sort();
            const takes = members.filter(m => cidrs.some(c => within(c, m.cidr))).map(m => m.name);
            const found: UnregisteredAttachment = { id, vpcId: a.vpcId, accountId: a.vpcOwnerId, state: pending.has(id) ? "pendingAcceptance" : "available", cidrs, takes };
            out.push(found);
            stackWarning(`tgw:unregistered:${id}`, unregisteredWarning(found, members));
        }
        return out;
    });
}

/** What an unregistered attachment does, in a sentence: a hijack where it takes a member's addresses. */
export function unregisteredWarning(a: UnregisteredAttachment, members: readonly { name: string; cidr: string }[]): string {
    const who = `Transit Gateway attachment ${a.id} of VPC ${a.vpcId} (account ${a.accountId}), which no spoke registers`;
    const fix = `delete it (aws ec2 delete-transit-gateway-vpc-attachment --transit-gateway-attachment-id ${a.id}) or register the VPC as a spoke`;
    if (a.state !== "available") return `${who}, waits for acceptance: accepting it would let it reach the hub VPC; ${fix}`;
    if (a.takes.length) {
        const taken = a.takes.map(name => {
            const m = members.find(x => x.name === name)!;
            return `${a.cidrs.filter(c => within(c, m.cidr)).join(", ")} of member ${name} (${m.cidr})`;
        });
        return `HIJACK: ${who}, was accepted automatically and propagates ${taken.join("; ")} into the hub's route table: ` +
            `the hub's replies to those addresses go to that VPC instead; ${fix}`;
    }
    return `${who}, was accepted automatically: it reaches the hub VPC (the endpoints admit only the networks registered, ` +
        `an untracked Resolver answers anything routed); ${fix}`;
}

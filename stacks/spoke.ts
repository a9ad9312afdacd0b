// A spoke stack (a member account): read the hub by StackReference, check that both agree,
// then connect and associate.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { Spoke } from "../components/spoke";
import { ConfigValidationError, NS, SpokeConfig } from "../lib/config";
import { checkSpokeAgainstHub, hubDnsErrors } from "../lib/checks/crossStack";
import { HubOutputs } from "../lib/model";
import { onePerAz, vpcDnsErrors } from "./lookups";
import { ReceivedShare, shareAcceptances } from "./ramShares";
import { adoptionOf } from "./adoption";
import { AdoptedEndpoints } from "../components/adoption";

const HUB_OUTPUT_KEYS: (keyof HubOutputs)[] = [
    "accountId", "region", "vpcId", "vpcCidr", "vpcIpv6Cidr", "routeTableIds", "services", "zoneIds", "resolverInboundIps", "spokes", "transitGateway", "dns",
];

/**
 * Reads the hub's outputs as plain values (StackReference outputs are known at preview too).
 * All at once: each getOutput walks the whole outputs object, which holds an entry per spoke,
 * so reading key by key made every spoke's cost grow with the fleet ten times over.
 */
export async function readHubOutputs(ref: pulumi.StackReference): Promise<HubOutputs> {
    // The callback returns nothing: a returned value would be walked again for nested outputs.
    const all = await new Promise<Record<string, any>>(r => ref.outputs.apply(o => { r(o); }));
    return Object.fromEntries(HUB_OUTPUT_KEYS.map(k => [k, all[k]])) as unknown as HubOutputs;
}

/**
 * The hub's RAM shares this member receives: the Transit Gateway's (a Transit Gateway spoke) and
 * the profile's (a hub in profile mode), each only for an account other than the hub's.
 */
export function receivedShares(hub: HubOutputs, entry: HubOutputs["spokes"][string], accountId: string): ReceivedShare[] {
    if (accountId === hub.accountId) return [];
    const out: ReceivedShare[] = [];
    if (entry.connectivity === "transitGateway" && hub.transitGateway?.resourceShareArn) {
        out.push({ key: "transitGateway", arn: hub.transitGateway.resourceShareArn, what: `the hub's Transit Gateway ${hub.transitGateway.id}` });
    }
    if (hub.dns?.sharing === "profile" && hub.dns.resourceShareArn) {
        out.push({ key: "profile", arn: hub.dns.resourceShareArn, what: `the hub's Route 53 Profile ${hub.dns.profileId}` });
    }
    return out;
}

export async function spokeStack(cfg: SpokeConfig): Promise<Record<string, pulumi.Input<any>>> {
    const identity = await aws.getCallerIdentity();
    const hub = await readHubOutputs(new pulumi.StackReference("hub", { name: cfg.hubStack }));
    if (!hub.vpcId || !hub.spokes) {
        throw new ConfigValidationError([{ stack: cfg.stack, key: "vpce-hub:hubStack", message: `${cfg.hubStack} has no hub outputs: is it a hub stack, and was it deployed first?` }]);
    }
    const errors = [...hubDnsErrors(cfg, hub.dns), ...checkSpokeAgainstHub(cfg, hub, identity.accountId)];
    if (errors.length) throw new ConfigValidationError(errors);
    const entry = hub.spokes[cfg.stack];
    errors.push(...await vpcDnsErrors(cfg.stack, cfg.vpc.id));
    let attachmentSubnetIds: string[] = [];
    if (entry.connectivity === "transitGateway") {
        // A TGW attachment takes one subnet per AZ.
        const subnets = await Promise.all(cfg.vpc.subnetIds.map(id => aws.ec2.getSubnet({ id })));
        subnets.forEach((s, i) => {
            if (s.vpcId !== cfg.vpc.id) errors.push({ stack: cfg.stack, key: `${NS}:vpc.subnetIds[${i}]`, message: `${s.id} belongs to ${s.vpcId}, not to ${cfg.vpc.id}` });
        });
        attachmentSubnetIds = onePerAz(subnets);
        // IPv6 over the TGW needs ipv6Support on the attachment, which needs IPv6 in its subnets.
        if (hub.vpcIpv6Cidr && entry.ipv6Cidrs?.length) {
            const v4only = subnets.filter(s => attachmentSubnetIds.includes(s.id) && !s.ipv6CidrBlock);
            if (v4only.length) {
                errors.push({ stack: cfg.stack, key: `${NS}:vpc.subnetIds`, message: `${v4only.map(s => s.id).join(", ")} ${v4only.length > 1 ? "have" : "has"} no IPv6 block: ` +
                    `the hub registered IPv6 blocks for "${cfg.stack}", and a Transit Gateway attachment carries IPv6 only with IPv6 in its subnets (ipv6Support)` });
            }
        }
    }
    // The VPC's own endpoints and zones from before the hub (vpce-hub:existingEndpoints).
    const adoption = await adoptionOf(cfg, hub);
    errors.push(...adoption.errors);
    if (errors.length) throw new ConfigValidationError(errors);
    const { acceptances, errors: shareErrors } = await shareAcceptances(cfg, identity.accountId, receivedShares(hub, entry, identity.accountId));
    if (shareErrors.length) throw new ConfigValidationError(shareErrors);

    const spoke = new Spoke(cfg.stack, { vpc: cfg.vpc, region: cfg.region, hub, entry, ramShares: acceptances, attachmentSubnetIds, dnsSharing: cfg.dns?.sharing, skipZones: adoption.skippedZones });
    if (adoption.adopted.length) new AdoptedEndpoints(`${cfg.stack}-existing`, { endpoints: adoption.adopted, after: spoke.profileAssociation ? [spoke.profileAssociation] : [] });
    return {
        accountId: identity.accountId,
        region: cfg.region,
        hubStack: cfg.hubStack,
        vpcId: cfg.vpc.id,
        connectivity: entry.connectivity,
        associatedZones: Object.fromEntries(Object.entries(spoke.associations).map(([zone, a]) => [zone, a.id])),
        ...(spoke.profileAssociation ? { profile: { id: spoke.profileAssociation.profileId, associationId: spoke.profileAssociation.id } } : {}),
        ...(spoke.peeringConnectionId ? { peeringConnectionId: spoke.peeringConnectionId } : {}),
        ...(spoke.attachmentId ? { transitGatewayAttachmentId: spoke.attachmentId } : {}),
        routes: spoke.routes,
        ...(adoption.output ? { existingEndpoints: adoption.output } : {}),
    };
}

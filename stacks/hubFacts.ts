// What a member asks AWS about the hub's outputs before it accepts or associates anything they
// name (issue 28.4): the peering request as EC2 describes it to the accepter, the Transit
// Gateway's owner (or, while the hub's share waits for acceptance, what that share holds), and
// the private DNS names of the hub's partner services. lib/checks/hubTrust.ts decides.
import * as aws from "@pulumi/aws";
import { HubOutputs } from "../lib/model";
import { HubFacts, ServiceFacts, TransitGatewayFacts, endpointServiceOf, servicesToDescribe } from "../lib/checks/hubTrust";
import { endpointServiceFacts } from "./endpointServices";
import { ramShareLookup } from "./ramShares";
import type { ShareAcceptance } from "../lib/aws/ramInvitations";

/** The peering request by id; "not-found" when EC2 shows this account none (not its requester nor its accepter). */
async function peeringFacts(id: string | undefined): Promise<HubFacts["peering"]> {
    if (!id) return "not-found";
    try {
        const p = await aws.ec2.getVpcPeeringConnection({ id });
        return { requesterOwnerId: p.ownerId, requesterVpcId: p.vpcId, requesterCidr: p.cidrBlock, accepterOwnerId: p.peerOwnerId, accepterVpcId: p.peerVpcId };
    } catch {
        return "not-found";
    }
}

/**
 * The Transit Gateway's owner where EC2 shows it to this account (its own, inside the hub's
 * organization, or a share accepted before); while the hub's share waits for this account, what
 * the pending invitation would share (the invitation `acceptance` names, else the latest pending).
 */
async function transitGatewayFacts(hub: HubOutputs, region: string, acceptance: ShareAcceptance | undefined): Promise<TransitGatewayFacts> {
    const tgw = hub.transitGateway;
    if (!tgw?.id) return "unseen";
    try {
        const t = await aws.ec2transitgateway.getTransitGateway({ id: tgw.id });
        if (t.ownerId) return { ownerId: t.ownerId };
    } catch {
        // Not visible yet: a share waiting for this account's acceptance shows nothing before it.
    }
    const lookup = ramShareLookup(region);
    if (!tgw.resourceShareArn || !lookup.pendingResources) return "unseen";
    try {
        let invitationArn = acceptance?.kind === "accept" ? acceptance.invitationArn : "";
        if (!invitationArn) {
            invitationArn = (await lookup.invitations(tgw.resourceShareArn)).filter(i => i.status === "PENDING")
                .sort((a, b) => (b.timestamp ?? "").localeCompare(a.timestamp ?? ""))[0]?.invitationArn ?? "";
        }
        return invitationArn ? { pendingShareResources: await lookup.pendingResources(invitationArn) } : "unseen";
    } catch {
        return "unseen";
    }
}

/** What AWS lists for each partner service of the hub, whose zones the member cannot judge by their names. */
export async function partnerServiceFacts(hub: HubOutputs): Promise<HubFacts["services"]> {
    const services: Record<string, ServiceFacts | undefined> = {};
    await Promise.all(servicesToDescribe(hub).map(async s => {
        const f = await endpointServiceFacts(endpointServiceOf(hub, s));
        services[s] = f ? { privateDnsNames: f.privateDnsNames } : undefined;
    }));
    return services;
}

/** The peering request, or the Transit Gateway, the member's connectivity calls for. */
export async function connectionFacts(hub: HubOutputs, entry: HubOutputs["spokes"][string], region: string, tgwAcceptance?: ShareAcceptance): Promise<Pick<HubFacts, "peering" | "transitGateway">> {
    return entry.connectivity === "peering"
        ? { peering: await peeringFacts(entry.peeringConnectionId) }
        : { transitGateway: await transitGatewayFacts(hub, region, tgwAcceptance) };
}

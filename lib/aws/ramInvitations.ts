// What a member does with a RAM share it receives, from what RAM says at deploy time. Inside the
// owner's organization with RAM sharing with AWS Organizations enabled, a share reaches its
// principals without an invitation, whether it names the organization or account ids; outside
// it, or with that sharing off, RAM sends an invitation that must be accepted, and accepting
// where there is none fails (the provider: "No pending RAM Resource Share invitation"). Sources
// in docs/aws-rules.md, rule 19. Pure.

/** GetResourceShareInvitations' statuses (RAM API reference, ResourceShareInvitation). */
export type InvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED" | "EXPIRED";

/** One invitation as GetResourceShareInvitations lists it for the receiving account. */
export interface Invitation {
    readonly status: InvitationStatus;
    readonly invitationArn: string;
    /** ISO time the invitation was sent; the latest of several counts. */
    readonly timestamp?: string;
}

/**
 * - none: the share is active without an invitation (inside the organization): nothing to accept;
 * - accept: an invitation is pending: accept it (a ResourceShareAccepter);
 * - keep: the invitation was accepted before: keep the accepter (it is in the stack's state, or
 *   is adopted when the invitation was accepted outside this stack).
 * `invitationArn`: the invitation accepted or kept; a new one (the hub shared again) replaces the accepter.
 */
export type ShareAcceptance = { readonly kind: "none" } | { readonly kind: "accept" | "keep"; readonly invitationArn: string };

/** Why a share does not reach the member, in words that go after "the hub's RAM share <arn> (<what>)". */
export type AcceptanceProblem = { readonly problem: string };

/**
 * The member's acceptance of one share, from its invitations to that share (in any order) and
 * whether RAM lists the share as active for it (GetResourceShares, resourceOwner OTHER-ACCOUNTS).
 */
export function acceptanceOf(invitations: readonly Invitation[], shareActive: boolean, accountId: string): ShareAcceptance | AcceptanceProblem {
    const latest = (status: InvitationStatus) => invitations.filter(i => i.status === status)
        .sort((a, b) => (b.timestamp ?? "").localeCompare(a.timestamp ?? ""))[0];
    const pending = latest("PENDING");
    if (pending) return { kind: "accept", invitationArn: pending.invitationArn };
    const accepted = latest("ACCEPTED");
    if (accepted) return { kind: "keep", invitationArn: accepted.invitationArn };
    if (shareActive) return { kind: "none" };
    const statuses = invitations.map(i => i.status);
    if (statuses.includes("REJECTED")) {
        return { problem: `was offered to account ${accountId} and its invitation was rejected: the hub must share it again (remove this spoke from its vpce-hub:spokes, pulumi up the hub, add it back and pulumi up the hub again)` };
    }
    if (statuses.includes("EXPIRED")) {
        return { problem: `was offered to account ${accountId} and its invitation expired unaccepted: the hub must share it again (remove this spoke from its vpce-hub:spokes, pulumi up the hub, add it back and pulumi up the hub again), then pulumi up this stack promptly` };
    }
    return {
        problem: `does not reach account ${accountId}: RAM lists no invitation to it for this account and does not share it with the account ` +
            "(inside the hub's organization with RAM sharing with AWS Organizations enabled it would, without an invitation): " +
            "pulumi up the hub after listing this spoke in its vpce-hub:spokes, and check its vpce-hub:organizationId",
    };
}

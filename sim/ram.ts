// The simulated AWS RAM and the organization it shares within: resource shares, their resources
// and principals, the invitations RAM sends and their acceptance, and whether a share gives an
// account access to a resource (docs/aws-rules.md, rules 7 and 19). The Transit Gateway
// attachment and the profile association ask here before they accept another account's resource.
//
// When RAM sends an invitation (RAM user guide, "Sharing your AWS resources"; provider docs of
// aws.ram.PrincipalAssociation): a principal inside the owner's organization, with RAM sharing
// with AWS Organizations enabled, gets the share at once, whether it is the organization, an OU
// or an account id; an account outside it (or any account, with that sharing off) gets an
// invitation and sees nothing until it accepts.
import { InvokeTable, ResourceTable, SimRun, created, hash } from "./context";
import { SimAwsError } from "./errors";

/** GetResourceShareInvitations' statuses (RAM API reference, ResourceShareInvitation). */
export type SimInvitationStatus = "PENDING" | "ACCEPTED" | "REJECTED" | "EXPIRED";

export interface SimInvitation {
    readonly invitationArn: string;
    readonly resourceShareArn: string;
    readonly senderAccountId: string;
    readonly receiverAccountId: string;
    /** When RAM sent it (a simulated clock: later invitations sort later). */
    readonly timestamp: string;
    status: SimInvitationStatus;
}

interface Share {
    /** The account that created the share; undefined for a share the simulation did not see created. */
    readonly ownerAccountId?: string;
    readonly allowExternalPrincipals: boolean;
    readonly resources: Set<string>;
    readonly principals: Set<string>;
}

const ORGANIZATION_ARN = /^arn:aws:organizations::\d{12}:organization\/o-[a-z0-9]+$/;

export class SimRam {
    /** RAM: share ARN -> owner, resource ARNs and principals (account ids or an organization ARN). */
    private readonly shares = new Map<string, Share>();
    /** Invitations by "shareArn accountId", the latest one per share and receiver. */
    private readonly invitations = new Map<string, SimInvitation>();
    /** Invitations sent so far: the simulated clock of their timestamps. */
    private sent = 0;
    /** Organizations whose management account turned RAM sharing with AWS Organizations off (on by default here). */
    readonly sharingOff = new Set<string>();

    /**
     * The ARN of the organization an account belongs to, or undefined. By default from the
     * organizations the simulation knows (sim/ram.ts SimOrganizations, which the plan fills).
     */
    organizationOf: (accountId: string) => string | undefined;

    constructor(organizations?: SimOrganizations) {
        this.organizationOf = accountId => organizations?.arnOf(accountId);
    }

    private share(arn: string): Share {
        return this.shares.get(arn) ?? this.shares.set(arn, { allowExternalPrincipals: true, resources: new Set(), principals: new Set() }).get(arn)!;
    }

    /** CreateResourceShare by `ownerAccountId`. */
    createShare(arn: string, ownerAccountId: string, allowExternalPrincipals: boolean): void {
        const before = this.shares.get(arn);
        this.shares.set(arn, { ownerAccountId, allowExternalPrincipals, resources: before?.resources ?? new Set(), principals: before?.principals ?? new Set() });
    }

    shareResource(shareArn: string, resourceArn: string, add = true): void {
        if (add) this.share(shareArn).resources.add(resourceArn); else this.shares.get(shareArn)?.resources.delete(resourceArn);
    }

    /** Whether `accountId` is in the share owner's organization, with RAM sharing with AWS Organizations on there. */
    private inOwnersOrganization(share: Share, accountId: string): boolean {
        const org = share.ownerAccountId === undefined ? undefined : this.organizationOf(share.ownerAccountId);
        return org !== undefined && !this.sharingOff.has(org) && this.organizationOf(accountId) === org;
    }

    /**
     * AssociateResourceShare with a principal (a PrincipalAssociation), or its removal. An
     * organization principal needs the owner in that organization with RAM sharing enabled; an
     * account outside it needs a share that allows external principals and gets an invitation.
     */
    sharePrincipal(shareArn: string, principal: string, add = true): void {
        const share = this.share(shareArn);
        if (!add) {
            share.principals.delete(principal);
            this.invitations.delete(`${shareArn} ${principal}`);
            return;
        }
        if (ORGANIZATION_ARN.test(principal)) {
            const own = share.ownerAccountId === undefined ? undefined : this.organizationOf(share.ownerAccountId);
            if (own !== principal || this.sharingOff.has(principal)) {
                // The code AWS gives here: verify (docs/aws-rules.md, rule 19).
                throw new SimAwsError("OperationNotPermittedException", `resource share ${shareArn} cannot be shared with organization ${principal}: ` +
                    (own === principal ? "RAM sharing with AWS Organizations is not enabled in it" : "the share's owner is not in it"));
            }
            share.principals.add(principal);
            return;
        }
        if (!this.inOwnersOrganization(share, principal)) {
            if (!share.allowExternalPrincipals) {
                // The code AWS gives here: verify (docs/aws-rules.md, rule 7).
                throw new SimAwsError("OperationNotPermittedException", `resource share ${shareArn} does not allow external principals, ` +
                    `and account ${principal} is outside its owner's organization`);
            }
            const key = `${shareArn} ${principal}`;
            if (this.invitations.get(key)?.status !== "ACCEPTED") {
                this.invitations.set(key, {
                    invitationArn: `arn:aws:ram:${shareArn.split(":")[3] ?? "us-east-1"}:${share.ownerAccountId ?? "000000000000"}:resource-share-invitation/${hash(`${key} ${this.sent}`, 36)}`,
                    resourceShareArn: shareArn, senderAccountId: share.ownerAccountId ?? "000000000000", receiverAccountId: principal, status: "PENDING",
                    timestamp: new Date(Date.UTC(2026, 0, 1) + 1000 * this.sent++).toISOString(),
                });
            }
        }
        share.principals.add(principal);
    }

    /**
     * AcceptResourceShareInvitation by `accountId`, as the provider's ResourceShareAccepter makes
     * it: it looks for the account's pending invitation to the share, and stops without one.
     */
    acceptShare(shareArn: string, accountId: string): void {
        const invitation = this.invitations.get(`${shareArn} ${accountId}`);
        if (invitation?.status !== "PENDING") {
            // The provider's words (terraform-provider-aws, ram resource_share_accepter.go), on one line.
            throw new SimAwsError("NoPendingInvitation", `No pending RAM Resource Share (${shareArn}) invitation found. ` +
                "NOTE: If both AWS accounts are in the same AWS Organization and RAM Sharing with AWS Organizations is enabled, this resource is not necessary",
            { verbatim: true });
        }
        invitation.status = "ACCEPTED";
    }

    /** Importing an accepter: the provider reads the account's accepted invitation to the share. */
    readAcceptedShare(shareArn: string, accountId: string): void {
        if (this.invitations.get(`${shareArn} ${accountId}`)?.status !== "ACCEPTED") {
            throw new SimAwsError("NoAcceptedInvitation", `RAM Resource Share Accepter (${shareArn}) not found: account ${accountId} has no accepted invitation to it`, { verbatim: true });
        }
    }


    /** GetResourceShareInvitations for `accountId` (the receiver), optionally filtered to one share. */
    invitationsFor(accountId: string, shareArn?: string): SimInvitation[] {
        return [...this.invitations.values()].filter(i => i.receiverAccountId === accountId && (shareArn === undefined || i.resourceShareArn === shareArn))
            .map(i => ({ ...i }));
    }

    /** A test or the plan lets time pass: the invitation expires (status EXPIRED) or is rejected. */
    setInvitationStatus(shareArn: string, accountId: string, status: SimInvitationStatus): void {
        const i = this.invitations.get(`${shareArn} ${accountId}`);
        if (i) i.status = status;
    }

    /**
     * GetResourceShares with resourceOwner OTHER-ACCOUNTS for `accountId`: whether the share is
     * active for it, i.e. gives it access now (an invitation still pending does not).
     */
    isShareActiveFor(shareArn: string, accountId: string): boolean {
        const s = this.shares.get(shareArn);
        if (!s) return false;
        const org = this.organizationOf(accountId);
        if (org !== undefined && s.principals.has(org) && this.inOwnersOrganization(s, accountId)) return true;
        if (!s.principals.has(accountId)) return false;
        if (this.inOwnersOrganization(s, accountId)) return true;
        return this.invitations.get(`${shareArn} ${accountId}`)?.status === "ACCEPTED";
    }

    /** Whether RAM gives `accountId` access to `resourceArn` (docs/aws-rules.md, rules 7 and 19). */
    sharedWith(resourceArn: string, accountId: string): boolean {
        for (const [arn, s] of this.shares) if (s.resources.has(resourceArn) && this.isShareActiveFor(arn, accountId)) return true;
        return false;
    }

    /**
     * ListPendingInvitationResources by `accountId`: the resources of the share its invitation
     * offers; RAM refuses an invitation it does not find for the caller, a rejected or an expired one.
     */
    pendingResources(invitationArn: string, accountId: string): string[] {
        const i = [...this.invitations.values()].find(x => x.invitationArn === invitationArn && x.receiverAccountId === accountId);
        // The exceptions @aws-sdk/client-ram lists for the command (their messages: verify).
        if (!i) throw new SimAwsError("ResourceShareInvitationArnNotFoundException", `ResourceShareInvitation ${invitationArn} could not be found.`);
        if (i.status === "REJECTED") throw new SimAwsError("ResourceShareInvitationAlreadyRejectedException", `ResourceShareInvitation ${invitationArn} was rejected.`);
        if (i.status === "EXPIRED") throw new SimAwsError("ResourceShareInvitationExpiredException", `ResourceShareInvitation ${invitationArn} has expired.`);
        return [...(this.shares.get(i.resourceShareArn)?.resources ?? [])];
    }

    /** Invitations to `accountId` that wait for its acceptance. */
    pendingFor(accountId: string): SimInvitation[] {
        return this.invitationsFor(accountId).filter(i => i.status === "PENDING");
    }
}

/** AWS Organizations as the plan sees it: the organization each account belongs to. */
export class SimOrganizations {
    /**
     * The AWS Organization each account belongs to (id and management account). An account not
     * listed belongs to none; the plan registers the hub's `organizationId` for its account.
     */
    readonly byAccount = new Map<string, { id: string; managementAccountId: string }>();

    /** The ARN of an account's organization (a RAM principal), or undefined. */
    arnOf(accountId: string): string | undefined {
        const org = this.byAccount.get(accountId);
        return org ? `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}` : undefined;
    }

    invokes(run: SimRun): InvokeTable {
        return {
            "aws:organizations/getOrganization:getOrganization": () => {
                const org = this.byAccount.get(run.ctx.accountId);
                if (!org) throw new SimAwsError("AWSOrganizationsNotInUseException", `account ${run.ctx.accountId} is not a member of an organization`);
                return {
                    id: org.id, arn: this.arnOf(run.ctx.accountId),
                    masterAccountId: org.managementAccountId, featureSet: "ALL", accounts: [], nonMasterAccounts: [], roots: [],
                };
            },
        };
    }
}

/** The RAM resources the program creates, on the simulated RAM. */
export function ramResources(run: SimRun, ram: SimRam): ResourceTable {
    return {
        "aws:ram/resourceShare:ResourceShare": c => {
            const arn = run.arn("ram", `resource-share/${hash(`${run.ctx.stack}/${c.key}`, 36)}`);
            ram.createShare(arn, run.ctx.accountId, c.inputs.allowExternalPrincipals !== false);
            return created(c, arn, { arn });
        },
        "aws:ram/resourceAssociation:ResourceAssociation": c => {
            const [shareArn, resourceArn] = [String(c.inputs.resourceShareArn), String(c.inputs.resourceArn)];
            ram.shareResource(shareArn, resourceArn);
            run.onDelete(c.key, () => ram.shareResource(shareArn, resourceArn, false));
            // AWS's id is "<share ARN>,<resource ARN>"; a short stand-in keeps the plan readable.
            return created(c, run.idFor("rs-assoc", c.key));
        },
        "aws:ram/principalAssociation:PrincipalAssociation": c => {
            const [shareArn, principal] = [String(c.inputs.resourceShareArn), String(c.inputs.principal)];
            // An association made by an earlier run stays as it is (no second invitation).
            if (!run.existed(c.key)) ram.sharePrincipal(shareArn, principal);
            run.onDelete(c.key, () => ram.sharePrincipal(shareArn, principal, false));
            return created(c, run.idFor("rs-principal", c.key));
        },
        "aws:ram/resourceShareAccepter:ResourceShareAccepter": c => {
            const shareArn = String(c.inputs.shareArn);
            const account = run.ctx.accountId;
            // Created by an earlier run: no call, unless a new invitation is pending (the hub
            // shared again): the spoke's accepter carries its invitation as replacementTrigger
            // (components/options.ts ramAccepterOptions), so it is replaced and accepts it.
            // Imported (the `import` option, c.readId): the provider reads the accepted invitation.
            const pending = ram.invitationsFor(account, shareArn).some(i => i.status === "PENDING");
            if (!run.existed(c.key) || pending) {
                if (c.readId && !pending) ram.readAcceptedShare(shareArn, account);
                else ram.acceptShare(shareArn, account);
            }
            // Deleting it asks RAM to leave the share (DisassociateResourceShare); Transit Gateways
            // and profiles are no resource types a member may leave (RAM user guide, "Leaving a
            // resource share"), so RAM refuses and the provider goes on: nothing changes.
            run.onDelete(c.key, () => undefined);
            return created(c, shareArn, { status: "ACCEPTED", receiverAccountId: account });
        },
    };
}

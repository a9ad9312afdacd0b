// The simulated AWS RAM and the organization it shares within: resource shares, their resources
// and principals, invitations accepted, and whether a share gives an account access to a
// resource (docs/aws-rules.md, rules 7 and 19). The Transit Gateway attachment and the profile
// association ask here before they accept another account's resource.
import { InvokeTable, ResourceTable, SimRun, created, hash } from "./context";
import { SimAwsError } from "./errors";

export class SimRam {
    /** RAM: share ARN -> resource ARNs and principals (account ids or an organization ARN). */
    private readonly shares = new Map<string, { resources: Set<string>; principals: Set<string> }>();
    /** Organization ARN -> accounts in it (the plan puts every account of the plan in the hub's organization). */
    organizationOf: (accountId: string) => string | undefined = () => undefined;
    /** "shareArn accountId" for every invitation accepted. */
    private readonly acceptedShares = new Set<string>();

    private share(arn: string) {
        return this.shares.get(arn) ?? this.shares.set(arn, { resources: new Set(), principals: new Set() }).get(arn)!;
    }

    shareResource(shareArn: string, resourceArn: string, add = true): void {
        if (add) this.share(shareArn).resources.add(resourceArn); else this.shares.get(shareArn)?.resources.delete(resourceArn);
    }

    sharePrincipal(shareArn: string, principal: string, add = true): void {
        if (add) this.share(shareArn).principals.add(principal); else this.shares.get(shareArn)?.principals.delete(principal);
    }

    /** RAM AcceptResourceShareInvitation by `accountId` (a ResourceShareAccepter in that account). */
    acceptShare(shareArn: string, accountId: string): void {
        this.acceptedShares.add(`${shareArn} ${accountId}`);
    }

    /**
     * Whether RAM gives `accountId` access to `resourceArn`. A share with the account's
     * organization reaches it at once; a share with the account itself does too inside an
     * organization with RAM sharing enabled, and otherwise only once the account accepted the
     * invitation (docs/aws-rules.md, rules 7 and 19).
     */
    sharedWith(resourceArn: string, accountId: string): boolean {
        const org = this.organizationOf(accountId);
        for (const [arn, s] of this.shares) {
            if (!s.resources.has(resourceArn)) continue;
            if (org !== undefined && (s.principals.has(org) || s.principals.has(accountId))) return true;
            if (s.principals.has(accountId) && this.acceptedShares.has(`${arn} ${accountId}`)) return true;
        }
        return false;
    }
}

/** AWS Organizations as the plan sees it: the organization each account belongs to. */
export class SimOrganizations {
    /**
     * The AWS Organization each account belongs to (id and management account). An account not
     * listed belongs to none; the plan registers the hub's `organizationId` for its account.
     */
    readonly byAccount = new Map<string, { id: string; managementAccountId: string }>();

    invokes(run: SimRun): InvokeTable {
        return {
            "aws:organizations/getOrganization:getOrganization": () => {
                const org = this.byAccount.get(run.ctx.accountId);
                if (!org) throw new SimAwsError("AWSOrganizationsNotInUseException", `account ${run.ctx.accountId} is not a member of an organization`);
                return {
                    id: org.id, arn: `arn:aws:organizations::${org.managementAccountId}:organization/${org.id}`,
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
            ram.sharePrincipal(shareArn, principal);
            run.onDelete(c.key, () => ram.sharePrincipal(shareArn, principal, false));
            return created(c, run.idFor("rs-principal", c.key));
        },
        "aws:ram/resourceShareAccepter:ResourceShareAccepter": c => {
            const shareArn = String(c.inputs.shareArn);
            ram.acceptShare(shareArn, run.ctx.accountId);
            return created(c, shareArn, { status: "ACCEPTED", receiverAccountId: run.ctx.accountId });
        },
    };
}

// Which IAM roles a stack's deployments assume, by account and side. The deployments project
// derives role ARNs from these names, the bootstraps create roles of these names, and the
// offline plan says when a member shares its hub's account (and so gets a role of its own).
// Pure: no Pulumi import.
import type { HubConfig, StackConfig } from "./model";

/** Which kind of stack a role deploys: a hub, or a member (spoke). */
export type DeploySide = "hub" | "member";

/** The two roles of one side in one account. */
export interface DeployRoleNames {
    /** Updates, refreshes and destroys: allowed what vpce-hub manages, nothing else. */
    readonly deploy: string;
    /** Previews (pull requests included): read-only. */
    readonly preview: string;
}

/** The default names, as the bootstraps create them and the deployments project derives ARNs. */
export const DEFAULT_ROLE_NAMES: DeployRoleNames = { deploy: "vpce-hub-deploy", preview: "vpce-hub-preview" };

/** The suffix of the member side's roles in an account that also holds a hub. */
export const MEMBER_ROLE_SUFFIX = "-member";

/**
 * The roles of `side` in an account. One pair per account and side: a role trusts exactly the
 * stacks of its side in its account (deployments/oidc.ts), and a hub's and a member's
 * permissions differ, so an account that holds both (a member in the hub's own account) gets
 * a second pair for its members, named with `-member`. IAM role names: at most 64 characters.
 */
export function deployRoleNames(side: DeploySide, accountHoldsBothSides: boolean, base: DeployRoleNames = DEFAULT_ROLE_NAMES): DeployRoleNames {
    if (side === "hub" || !accountHoldsBothSides) return base;
    return { deploy: `${base.deploy}${MEMBER_ROLE_SUFFIX}`, preview: `${base.preview}${MEMBER_ROLE_SUFFIX}` };
}

/**
 * Members registered in their hub's own account: each deploys with the member side's roles of
 * that account, not the hub's. Said by the offline plan, so that nobody finds out from a failed
 * deployment that the account needs both sides bootstrapped.
 */
export function memberInHubAccountWarnings(configs: readonly StackConfig[], hubAccountOf: (hub: HubConfig) => string): { code: string; message: string }[] {
    const out: { code: string; message: string }[] = [];
    for (const hub of configs.filter((c): c is HubConfig => c.role === "hub")) {
        const account = hubAccountOf(hub);
        const members = hub.spokes.filter(s => s.accountId === account);
        if (!members.length) continue;
        const names = deployRoleNames("member", true);
        out.push({
            code: "deploy:member-role",
            message: `${hub.stack}: ${members.map(m => m.name).join(", ")} ${members.length > 1 ? "are" : "is"} in the hub's account ${account}: ` +
                `${members.length > 1 ? "they deploy" : "it deploys"} with the member roles ${names.deploy} and ${names.preview}, not the hub's ` +
                `${DEFAULT_ROLE_NAMES.deploy}; bootstrap that account for both sides (deployments/README.md)`,
        });
    }
    return out;
}

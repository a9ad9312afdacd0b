// Checks that a spoke stack agrees with the hub's registry. Used by the spoke program (with
// the hub's outputs, read by StackReference) and by the plan (before anything runs).
import { ConfigError, NS, SpokeConfig, hubStackName } from "./config";
import { within6 } from "./ipv6";
import { HubOutputs } from "./model";

/** What of the hub a spoke is checked against: its outputs, or the same derived from its config. */
export type HubView = Pick<HubOutputs, "accountId" | "region" | "vpcCidr" | "spokes">;

export function checkSpokeAgainstHub(spoke: SpokeConfig, hub: HubView, callerAccountId?: string): ConfigError[] {
    const errors: ConfigError[] = [];
    const fail = (key: string, message: string) => errors.push({ stack: spoke.stack, key, message });
    const hubName = hubStackName(spoke.hubStack);
    if (callerAccountId && spoke.accountId && callerAccountId !== spoke.accountId) {
        fail(`${NS}:accountId`, `is ${spoke.accountId}, but the credentials in use are for account ${callerAccountId}`);
    }
    if (spoke.region !== hub.region) {
        fail("aws:region", `is ${spoke.region}, but the hub "${hubName}" is in ${hub.region}: a spoke must be in the hub's region`);
    }
    const entry = hub.spokes[spoke.stack];
    if (!entry) {
        fail(`${NS}:hubStack`, `the hub "${hubName}" does not list "${spoke.stack}" in ${NS}:spokes: add it there and run the hub first`);
        return errors;
    }
    if (entry.vpcId !== spoke.vpc.id) {
        fail(`${NS}:vpc.id`, `is ${spoke.vpc.id}, but the hub "${hubName}" registered ${entry.vpcId} for "${spoke.stack}"`);
    }
    if (entry.cidr !== spoke.vpc.cidr) {
        fail(`${NS}:vpc.cidr`, `is ${spoke.vpc.cidr}, but the hub "${hubName}" registered ${entry.cidr} for "${spoke.stack}"`);
    }
    const account = callerAccountId ?? spoke.accountId;
    if (account && entry.accountId !== account) {
        fail(`${NS}:accountId`, `this stack runs in account ${account}, but the hub "${hubName}" registered ${entry.accountId} for "${spoke.stack}"`);
    }
    if (spoke.acceptRamShare && entry.connectivity === "peering") {
        fail(`${NS}:acceptRamShare`, `only Transit Gateway spokes receive a RAM share, and the hub connects "${spoke.stack}" by peering: remove it`);
    } else if (spoke.acceptRamShare && entry.accountId === hub.accountId) {
        fail(`${NS}:acceptRamShare`, `"${spoke.stack}" is in the hub's own account, where the Transit Gateway is not shared: remove it`);
    }
    // The hub admits and routes back the IPv6 blocks it registered: the spoke's must be among them.
    if (spoke.vpc.ipv6Cidr && entry.ipv6Cidrs && !entry.ipv6Cidrs.some(c => within6(spoke.vpc.ipv6Cidr!, c))) {
        fail(`${NS}:vpc.ipv6Cidr`, `is ${spoke.vpc.ipv6Cidr}, but the hub "${hubName}" registered ${entry.ipv6Cidrs.join(", ")} for "${spoke.stack}"`);
    }
    if (hub.vpcCidr === spoke.vpc.cidr) {
        fail(`${NS}:vpc.cidr`, `is the hub's own CIDR`);
    }
    return errors;
}

// Checks that a spoke stack agrees with the hub's registry. Used by the spoke program (with
// the hub's outputs, read by StackReference) and by the plan (before anything runs).
import { ConfigError, NS, SpokeConfig, hubStackName } from "../config";
import { within6 } from "../net/ipv6";
import { HubDnsOutput, HubOutputs } from "../model";

/** What of the hub a spoke is checked against: its outputs, or the same derived from its config. */
export type HubView = Pick<HubOutputs, "accountId" | "region" | "vpcCidr" | "spokes"> & { readonly dns?: Pick<HubDnsOutput, "sharing"> & Partial<Pick<HubDnsOutput, "records" | "migration">> };

/** The DNS modes this spoke program can serve. */
const SHARINGS = ["associations", "profile"];
const RECORDS = ["zones", "endpoint"];

/**
 * A spoke refuses a hub whose DNS mode it cannot serve: a mode it does not know (a newer hub),
 * or profile mode without the profile to associate with. A hub without a `dns` output predates
 * profiles and shares by associations.
 */
export function hubDnsErrors(spoke: SpokeConfig, dns: HubDnsOutput | undefined): ConfigError[] {
    if (dns === undefined) return [];
    const hubName = hubStackName(spoke.hubStack);
    const fail = (message: string): ConfigError[] => [{ stack: spoke.stack, key: `${NS}:hubStack`, message }];
    if (!SHARINGS.includes(dns.sharing) || !RECORDS.includes(dns.records)) {
        return fail(`the hub "${hubName}" shares DNS as { sharing: ${dns.sharing}, records: ${dns.records} }, which this spoke program cannot serve ` +
            `(it knows sharing ${SHARINGS.join(" or ")}, records ${RECORDS.join(" or ")}): update the vpce-hub program of this stack to the hub's version`);
    }
    if (dns.records === "endpoint" && dns.sharing !== "profile") {
        return fail(`the hub "${hubName}" shares the endpoints' private DNS without a Route 53 Profile (sharing: ${dns.sharing}): only a profile carries it to a spoke VPC; fix the hub's ${NS}:dns`);
    }
    if (dns.sharing === "profile" && !dns.profileId) {
        return fail(`the hub "${hubName}" is in profile mode but exports no profile id: run \`pulumi up\` on the hub first`);
    }
    return [];
}

/**
 * A member pinned to a DNS sharing (`vpce-hub:dns.sharing`, docs/migration.md) against its
 * hub's: pinned to the profile before the hub shares one (step A1 not taken), or to its zone
 * associations once the hub has moved past records: zones (step B1 or later deletes the zones
 * it associates, so its step A2 had to come first).
 */
export function pinnedDnsErrors(spoke: SpokeConfig, hub: HubView): ConfigError[] {
    const pin = spoke.dns?.sharing;
    if (!pin) return [];
    const hubName = hubStackName(spoke.hubStack);
    const key = `${NS}:dns.sharing`;
    const sharing = hub.dns?.sharing ?? "associations";
    if (pin === "profile" && sharing !== "profile") {
        return [{ stack: spoke.stack, key, message: `is profile, but the hub "${hubName}" shares by zone associations: the hub's step A1 comes first (docs/migration.md); until then remove the pin` }];
    }
    if (pin === "associations" && sharing === "profile" && hub.dns?.records === "endpoint") {
        return [{
            stack: spoke.stack, key, message: `is associations, but the hub "${hubName}" is at records: endpoint${hub.dns.migration ? `, migration: ${hub.dns.migration}` : ""} (step B1 or later), ` +
                `which parks and then deletes the zones this member associates: take this member's step A2 first (remove ${NS}:dns from its stack file and pulumi up it), then the hub's B1`,
        }];
    }
    return [];
}

/**
 * What a member whose hub does not list it is told: what happened (taken out of the registry,
 * when the plan knows it was there) and both ways out.
 */
export function notListed(spoke: SpokeConfig, wasListed = false): string {
    const hubName = hubStackName(spoke.hubStack);
    return `${wasListed ? `was taken out of the hub "${hubName}"'s ${NS}:spokes (the previous plan lists it)` : `the hub "${hubName}" does not list "${spoke.stack}" in ${NS}:spokes`}: ` +
        `to remove this member, pulumi destroy -s ${spoke.stack} before the hub's pulumi up, then delete Pulumi.${spoke.stack}.yaml (and pulumi stack rm ${spoke.stack}); ` +
        `to keep it${wasListed ? "" : " (or add it)"}, list it in the hub's ${NS}:spokes (name, accountId, vpcId, cidr, connectivity) and pulumi up the hub before this stack`;
}

export function checkSpokeAgainstHub(spoke: SpokeConfig, hub: HubView, callerAccountId?: string, wasListed = false): ConfigError[] {
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
        fail(`${NS}:hubStack`, notListed(spoke, wasListed));
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
    const profile = hub.dns?.sharing === "profile";
    // Only an explicit true can be wrong here: auto finds out at deploy time, false accepts nothing.
    if (spoke.acceptRamShare === true && entry.connectivity === "peering" && !profile) {
        fail(`${NS}:acceptRamShare`, `only Transit Gateway spokes (or spokes of a hub in ${NS}:dns.sharing: profile) receive a RAM share, and the hub connects "${spoke.stack}" by peering: remove it`);
    } else if (spoke.acceptRamShare === true && entry.accountId === hub.accountId) {
        fail(`${NS}:acceptRamShare`, `"${spoke.stack}" is in the hub's own account, where nothing is shared by RAM: remove it`);
    }
    // The hub admits and routes back the IPv6 blocks it registered: the spoke's must be among them.
    if (spoke.vpc.ipv6Cidr && entry.ipv6Cidrs && !entry.ipv6Cidrs.some(c => within6(spoke.vpc.ipv6Cidr!, c))) {
        fail(`${NS}:vpc.ipv6Cidr`, `is ${spoke.vpc.ipv6Cidr}, but the hub "${hubName}" registered ${entry.ipv6Cidrs.join(", ")} for "${spoke.stack}"`);
    }
    if (hub.vpcCidr === spoke.vpc.cidr) {
        fail(`${NS}:vpc.cidr`, `is the hub's own CIDR`);
    }
    errors.push(...pinnedDnsErrors(spoke, hub));
    return errors;
}

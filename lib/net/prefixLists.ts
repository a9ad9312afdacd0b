// `vpce-hub:prefixLists`: whether the hub puts the networks it admits, and the Transit
// Gateway spokes it routes to, into customer-managed prefix lists (aws.ec2.ManagedPrefixList)
// instead of one security group rule or route per aggregated block. Either way the blocks
// are the exact aggregates of the declared CIDRs. A prefix list changes in one call
// (ModifyManagedPrefixList), so a new spoke never briefly drops out of the rules, but AWS
// counts a reference to it as its max entries (rules in a security group, routes in a route
// table), so it saves no quota: it trades a fixed reservation for atomic updates.
// Pure: no Pulumi import.

/** AWS: "Must specify a max size between 1 and 1000" (CreateManagedPrefixList MaxEntries). */
export const MAX_PREFIX_LIST_ENTRIES = 1000;
/**
 * Entries one CreateManagedPrefixList or ModifyManagedPrefixList request may carry, and the
 * provider sends a list's inline entries in one request (InvalidParameterValue "The number
 * of entries per request cannot exceeds limit (100)"; terraform-provider-aws#35371).
 */
export const ENTRIES_PER_REQUEST = 100;

export interface PrefixLists {
    /** Hub, spokes and on-prem in one list, referenced by every endpoint security group. */
    readonly sources: boolean;
    /**
     * The sources list's max entries when the configuration declares none: room to grow within
     * the rules quota (sourcesListPlan), so that a member added or removed changes entries only.
     */
    readonly sourcesMaxEntries?: number;
    /** Transit Gateway spokes in one list: one route per hub route table. */
    readonly transitGatewayRoutes: boolean;
    /** Max entries of each list; default: as many as it holds (the smallest quota reservation). */
    readonly maxEntries?: number;
}

export const NO_PREFIX_LISTS: PrefixLists = { sources: false, transitGatewayRoutes: false };

/** The max entries a list of `entries` entries gets. */
export function maxEntriesOf(lists: PrefixLists, entries: number): number {
    return lists.maxEntries ?? Math.max(1, entries);
}

/** A share of the rules quota the sources list may reserve by default: the rest stays for growth and other rules. */
const QUOTA_SHARE = 0.75;

/**
 * Whether the networks the hub admits go into one prefix list by default, and its max entries.
 * A prefix list changes in one ModifyManagedPrefixList: a member added or removed touches no
 * other member's security group rule (aggregated inline rules are revoked, then authorized,
 * around every member whose block changes). AWS counts each reference as the list's max
 * entries against the group's rules quota, once per port, beside the IPv6 rules (a list is one
 * address family); and a list's size cannot change in the same request as its entries
 * (ModifyManagedPrefixList), so it gets room to grow: twice its entries and at least ten more,
 * rounded up to ten, within three quarters of the quota. It fits when its entries do, and one request carries them.
 */
export function sourcesListPlan(entries: number, ports: readonly number[], ipv6Sources: number, rulesPerSecurityGroup: number): { fits: boolean; maxEntries: number } {
    const worst = Math.max(1, ...ports);
    const cap = Math.min(MAX_PREFIX_LIST_ENTRIES, Math.floor(QUOTA_SHARE * rulesPerSecurityGroup / worst) - ipv6Sources);
    // In steps of ten, so that members coming and going rarely change the size.
    const room = Math.ceil(Math.max(entries + 10, 2 * entries) / 10) * 10;
    const maxEntries = Math.max(1, entries, Math.min(cap, room));
    return { fits: entries >= 1 && entries <= cap && entries <= ENTRIES_PER_REQUEST, maxEntries };
}

/**
 * Problems with a list's size, known before anything runs: more entries than its max entries
 * (AWS: PrefixListMaxEntriesExceeded), or more than one request carries.
 */
export function prefixListSizeErrors(what: string, entries: number, lists: PrefixLists): { key: "maxEntries" | "list"; message: string }[] {
    const errors: { key: "maxEntries" | "list"; message: string }[] = [];
    if (lists.maxEntries !== undefined && entries > lists.maxEntries) {
        errors.push({ key: "maxEntries", message: `the ${what} prefix list needs ${entries} entries (the exact aggregates of its CIDRs) but maxEntries is ${lists.maxEntries}: raise it` });
    }
    if (entries > ENTRIES_PER_REQUEST) {
        errors.push({
            key: "list", message: `the ${what} prefix list needs ${entries} entries, more than the ${ENTRIES_PER_REQUEST} one CreateManagedPrefixList request carries: ` +
                `allocate spoke CIDRs from fewer contiguous pools, or drop the prefix list (aggregated rules and routes)`,
        });
    }
    return errors;
}

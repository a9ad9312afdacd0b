// Changing `vpce-hub:dns` on a live fleet (docs/migration.md). Pure: no Pulumi import.
// recognizeModeChange compares a previous plan (its JSON) with the current one, names the
// documented migration, prints its numbered steps, and says when the new configuration
// cannot be reached from the old one in one `pulumi up` per stack (hub first, then members)
// without an AWS error or a resolution gap; `npm run plan -- --against` then stops (exit 2).
//
// The hub's DNS goes through five states, one `pulumi up` of the hub apart:
//   0 associations (zones)  1 profile, zones  2 park-zones  3 enable-private-dns  4 endpoint
// and the members follow state 1 with one `pulumi up` each (their zone associations are
// replaced by one profile association). Why each step cannot be skipped:
// - 1 -> 3 or 4: EC2 refuses private DNS on an endpoint while a zone of that name is
//   associated with its VPC (ConflictingDomainExists); Pulumi deletes the zones only after
//   updating the endpoints, so one `pulumi up` fails. State 2 moves the zones off the hub VPC
//   first (onto a parking VPC; a zone keeps at least one VPC), the hub VPC seeing them through
//   the profile meanwhile.
// - 1 -> 2 before every member is on the profile: a member still on zone associations would
//   keep them, and the zones are about to be deleted.
// - 3 -> 4 deletes the zones: Pulumi refuses to delete protected resources, so the hub must
//   have `vpce-hub:protect: false` in the state it leaves (step 3).
import type { ConfigError } from "../config";
import type { PlannedStack } from "../model";
import { TYPES } from "../model";

/** The parts of a plan (or its JSON) this reads. */
export interface MigrationSnapshot {
    readonly stacks: readonly (Pick<PlannedStack, "stack" | "role" | "resources" | "outputs"> & { readonly config?: any })[];
}

export interface MigrationStep {
    /** "A1", "B2", ...: the migration's letter and the step's number. */
    readonly id: string;
    /** Whose `pulumi up`. */
    readonly stacks: "hub" | "each spoke";
    /** The hub's `vpce-hub:dns` (and protect) after this step, or what the spoke does. */
    readonly config: string;
    readonly does: string;
}

/** associations -> profile (records: zones). */
export const ASSOCIATIONS_TO_PROFILE: readonly MigrationStep[] = [
    {
        id: "A1", stacks: "hub", config: "vpce-hub:dns: { sharing: profile, records: zones }",
        does: "creates the profile, puts every zone in it and shares it by RAM; deletes the VPC association authorizations (the members' zone associations stay: an authorization only admits the association call)",
    },
    {
        id: "A2", stacks: "each spoke", config: "remove the member's vpce-hub:dns pin (sharing: associations), if it has one",
        does: "associates the member's VPC with the profile, then deletes its zone associations (the same zones, so the answers do not change whichever Route 53 prefers: verify)",
    },
];

/** records: zones -> records: endpoint (sharing: profile, every member on the profile). */
export const ZONES_TO_ENDPOINT: readonly MigrationStep[] = [
    {
        id: "B1", stacks: "hub", config: "vpce-hub:dns: { sharing: profile, records: endpoint, migration: park-zones }",
        does: "associates the hub VPC with the profile, then moves the zones the endpoints' private DNS will replace onto a parking VPC (no subnets): the hub VPC and on-prem see them through the profile",
    },
    {
        id: "B2", stacks: "hub", config: "vpce-hub:dns: { sharing: profile, records: endpoint, migration: enable-private-dns } and vpce-hub:protect: false",
        does: "turns private DNS on (no zone of those names is associated with the hub VPC any more) and puts the endpoints in the profile; unprotects the zones the next step deletes",
    },
    {
        id: "B3", stacks: "hub", config: "vpce-hub:dns: { sharing: profile, records: endpoint } (protect back to true afterwards if you like)",
        does: "deletes the parked zones, their place in the profile, the parking VPC and the hub VPC's profile association; the endpoints' private DNS answers everywhere",
    },
];

interface HubState {
    readonly stage: number;
    readonly label: string;
    readonly protect: boolean;
    readonly hub: string;
}

const LABELS = ["associations (zones)", "profile, records: zones", "profile, records: endpoint, migration: park-zones",
    "profile, records: endpoint, migration: enable-private-dns", "profile, records: endpoint"];

function hubState(plan: MigrationSnapshot): HubState | undefined {
    const hub = plan.stacks.find(s => s.role === "hub");
    if (!hub) return undefined;
    const dns = hub.config?.dns ?? hub.outputs?.dns ?? { sharing: "associations", records: "zones" };
    const stage = dns.sharing !== "profile" ? 0
        : dns.records !== "endpoint" ? 1
            : dns.migration === "park-zones" ? 2 : dns.migration === "enable-private-dns" ? 3 : 4;
    return { stage, label: LABELS[stage], protect: hub.config?.protect !== false, hub: hub.stack };
}

/** Members of the old plan still on zone associations (they have not done step A2). */
function membersOnZones(plan: MigrationSnapshot): string[] {
    return plan.stacks.filter(s => s.role === "spoke" && s.resources.some(r => r.type === TYPES.zoneAssociation)).map(s => s.stack);
}

export interface ModeChange {
    /** The hub whose vpce-hub:dns changes. */
    readonly hub: string;
    readonly from: string;
    readonly to: string;
    /** The documented steps this change belongs to, in order. */
    readonly steps: readonly MigrationStep[];
    /** Ids of the steps this plan's change performs. */
    readonly covers: readonly string[];
    /** Set when the change cannot be made in one pulumi up per stack: the error, naming the step to take instead. */
    readonly blocking?: ConfigError;
    /** Members this plan shows still on zone associations (pinned by vpce-hub:dns.sharing): their step A2 is still to come. */
    readonly pinned?: readonly string[];
    /** Members with no pin that this plan shows as after their step A2: the plan cannot know whether they took it. */
    readonly assumed?: readonly string[];
}

/** The documented steps from hub state `a` to `b` (a < b). */
function stepsBetween(a: number, b: number): MigrationStep[] {
    const all = [...ASSOCIATIONS_TO_PROFILE, ...ZONES_TO_ENDPOINT];
    // Hub states: A1 reaches 1 (A2 keeps it), B1 reaches 2, B2 3, B3 4.
    const reach: Record<string, number> = { A1: 1, A2: 1, B1: 2, B2: 3, B3: 4 };
    return all.filter(s => reach[s.id] > a && reach[s.id] <= b || (s.id === "A2" && a < 1 && b >= 1));
}

/**
 * The mode change from `previous` to `current`, or undefined when the hub's DNS mode is the
 * same. `blocking` is set when one pulumi up per stack would hit an AWS error or leave a
 * name unresolved; its message names the step to take instead.
 */
export function recognizeModeChange(previous: MigrationSnapshot, current: MigrationSnapshot): ModeChange | undefined {
    const a = hubState(previous);
    const b = hubState(current);
    if (!a || !b || a.stage === b.stage) return undefined;
    const key = "vpce-hub:dns";
    const stop = (message: string): ConfigError => ({ stack: b.hub, key, message });
    if (b.stage < a.stage) {
        return {
            hub: b.hub, from: a.label, to: b.label, steps: [], covers: [],
            blocking: stop(`going back from ${a.label} to ${b.label} is not a documented migration: ` +
                (a.stage >= 3 ? "creating zones while the endpoints' private DNS answers in the hub VPC fails with ConflictingDomainExists; "
                    : "a profile cannot be deleted while member VPCs are associated with it (ConflictException), and the members only leave it after the hub changes; ") +
                "see docs/migration.md"),
        };
    }
    const steps = stepsBetween(a.stage, b.stage);
    // A2 is this plan's only when its members are on the profile; members pinned to their zone
    // associations take it later (each in its own stack file).
    const pinned = b.stage === 1 ? membersOnZones(current) : [];
    const assumed = a.stage === 0 && b.stage === 1 ? current.stacks.filter(s => s.role === "spoke" && !s.config?.dns?.sharing && !pinned.includes(s.stack)).map(s => s.stack) : [];
    const covers = steps.filter(s => s.stacks === "hub" || (b.stage === 1 && !pinned.length)).map(s => s.id);
    const change = (blocking?: ConfigError): ModeChange => ({
        hub: b.hub, from: a.label, to: b.label, steps, covers, ...(blocking ? { blocking } : {}),
        ...(pinned.length ? { pinned } : {}), ...(assumed.length ? { assumed } : {}),
    });
    if (a.stage === 0 && b.stage > 1) {
        return change(stop(`${a.label} -> ${b.label} cannot be reached in one pulumi up: take step A1 first (${ASSOCIATIONS_TO_PROFILE[0].config}), then A2 (pulumi up each member), then B1-B3`));
    }
    if (a.stage <= 1 && b.stage >= 2) {
        const onZones = membersOnZones(previous);
        if (onZones.length) {
            return change(stop(`step B1 needs every member on the profile, but ${onZones.join(", ")} still ${onZones.length === 1 ? "has" : "have"} zone associations in the previous plan: ` +
                `take step A2 first (remove the vpce-hub:dns pin from ${onZones.length === 1 ? "its stack file" : "their stack files"} and pulumi up ${onZones.join(", ")}), plan it, then B1`));
        }
    }
    if (a.stage <= 1 && b.stage >= 3) {
        return change(stop(`${a.label} -> ${b.label} cannot be reached in one pulumi up: the endpoints would turn private DNS on while the hub's zones of those names are still associated with the hub VPC ` +
            `(EC2 refuses: ConflictingDomainExists; Pulumi deletes the zones only afterwards). Take step B1 first: ${ZONES_TO_ENDPOINT[0].config}`));
    }
    if (b.stage === 4 && a.stage < 4 && a.protect) {
        return change(stop(`step B3 deletes the parked zones, which are protected in the previous state: take step B2 with vpce-hub:protect: false first (${ZONES_TO_ENDPOINT[1].config})`));
    }
    return change();
}

/** The change as report lines: the steps, and which of them this plan is. */
export function formatModeChange(c: ModeChange): string[] {
    return [
        `DNS mode change: ${c.from} -> ${c.to} (docs/migration.md)`,
        ...c.steps.map(s => `  ${c.covers.includes(s.id) ? "->" : "  "} step ${s.id}: pulumi up ${s.stacks === "hub" ? "the hub" : "each spoke stack"}: ${s.config}: ${s.does}`),
        ...(c.pinned?.length ? [`  still on zone associations (pinned by vpce-hub:dns): ${c.pinned.join(", ")}: step A2 for each is still to come ` +
            "(remove the pin and pulumi up it), before the hub's B1"] : []),
        ...(c.assumed?.length ? [`  note: ${c.assumed.join(", ")} ${c.assumed.length === 1 ? "carries" : "carry"} no vpce-hub:dns pin, so this plan shows ${c.assumed.length === 1 ? "it" : "them"} ` +
            "after step A2 (on the profile); until each has taken A2, pin it (vpce-hub:dns: { sharing: associations }) so that this plan, and the guard of step B1, see it as it is"] : []),
        ...(c.blocking ? [`  stop: ${c.blocking.message}`] : ["  reachable: pulumi up the hub, then each member, in this order"]),
    ];
}

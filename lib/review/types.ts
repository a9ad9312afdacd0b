// The change review's shapes: the plans it compares and the changes it finds. Pure types.
import type { PathCheck } from "../model";
import type { ReviewStack } from "./judge";

/** The parts of a plan (or its JSON) a comparison reads. */
export type SnapshotStack = ReviewStack;
export interface Snapshot {
    readonly stacks: readonly SnapshotStack[];
    /** The plan's path checks: with them the review judges who keeps access (older plan JSON may lack them). */
    readonly checks?: readonly PathCheck[];
}

export type ChangeKind = "add" | "remove" | "update" | "replace";

export interface Change {
    readonly stack: string;
    readonly kind: ChangeKind;
    /** What changes: "security group rule", "route", "zone", "zone association", "connectivity", ... */
    readonly what: string;
    /** Which one, in words (a rule, a destination, a zone name). */
    readonly subject: string;
    /** Spokes (by stack name) and "on-prem" whose traffic the change touches. */
    readonly consumers: readonly string[];
    /** Set when traffic stops for some consumers (an outage): who, and why. */
    readonly interrupts?: string;
    /** Who `interrupts` names: spokes by stack name, or "on-prem". */
    readonly interrupted?: readonly string[];
    /**
     * Set when AWS applies the change as remove-then-add within one command (a security group's
     * inline rules, a route deleted before its replacement): who is touched for that moment.
     * Not an outage: the plan after the change passes for them.
     */
    readonly window?: string;
    /** Security group rules replaced by rules that still admit the same consumers. */
    readonly reaggregated?: boolean;
    /** The member's own `pulumi destroy` does this, not a `pulumi up`. */
    readonly by?: "destroy";
    /** Deleting or replacing a protected resource: `pulumi up` refuses it. */
    readonly protected?: boolean;
    /** AWS will refuse this step of `pulumi up` (its error), and the way through. */
    readonly refused?: string;
    readonly urn?: string;
}

export interface ChangeSet {
    readonly changes: readonly Change[];
    /** The commands in the order that keeps the gap shortest (destroys and migration steps included), one a line; empty when any order will do. */
    readonly order: readonly string[];
    /** What must still happen after `pulumi up` for the change to take effect everywhere. */
    readonly followUps: readonly string[];
    /**
     * "breaking changes": someone who stays loses access, or pulumi up will refuse a step. Members
     * leaving the hub lose their own access (listed in `leaving`): that alone is not breaking.
     */
    readonly verdict: "no changes" | "no breaking changes" | "breaking changes";
    /** Members leaving the hub whose own access the changes end. */
    readonly leaving?: readonly string[];
}

// What members' own endpoints from before the hub cost, and what retiring them saves
// (vpce-hub:existingEndpoints, docs/adoption.md): each is an interface endpoint billed per AZ-hour
// on top of the hub, until it is retired; per member and for the fleet of the hub. Counts come
// from what each member stack exported (its `existingEndpoints` output: each endpoint's state and
// AZs as AWS read them). Hourly charges only: their data processing moves to the hub's endpoints
// at the same per-GB price (plus the Transit Gateway's, for its members). Pure.
import type { PlannedStack } from "../model";
import type { PriceTable } from "./prices";

/** AZs assumed for an endpoint whose AZs the member did not export. */
export const ASSUMED_OWN_ENDPOINT_AZS = 2;

export interface MemberEndpoints {
    readonly member: string;
    /** Endpoints still running (kept, or adopted and not yet deleted), and their AZ-hours per month. */
    readonly running: number;
    readonly runningAzHours: number;
    /** What they cost per month: what retiring them saves. */
    readonly runningUsd: number;
    /** Endpoints this plan retires or retired, and what they cost per month before. */
    readonly retired: number;
    readonly retiredUsd: number;
    /** Endpoints whose AZs were assumed. */
    readonly assumedAzs: number;
}

export interface RetirementSaving {
    readonly members: readonly MemberEndpoints[];
    /** Fleet-wide, per month: what the members' own endpoints still cost (retiring them saves it), and what this plan's retirements save. */
    readonly runningUsd: number;
    readonly retiredUsd: number;
    readonly unitUsd: number;
    readonly hoursPerMonth: number;
}

interface Exported { readonly state: string; readonly azs?: number }

/** The members' own endpoints among `stacks` (a hub and its members), or undefined when none declares any. */
export function retirementSavings(stacks: readonly PlannedStack[], prices: PriceTable): RetirementSaving | undefined {
    const h = prices.hoursPerMonth;
    const unit = prices.prices.endpointAzHour.usd;
    const members: MemberEndpoints[] = [];
    for (const s of stacks.filter(x => x.role === "spoke")) {
        const own: readonly Exported[] = s.outputs?.existingEndpoints?.endpoints ?? [];
        if (!own.length) continue;
        const azs = (e: Exported) => e.azs ?? ASSUMED_OWN_ENDPOINT_AZS;
        const running = own.filter(e => e.state !== "retired");
        const retired = own.filter(e => e.state === "retired");
        const runningAzHours = running.reduce((a, e) => a + azs(e), 0) * h;
        members.push({
            member: s.stack, running: running.length, runningAzHours, runningUsd: runningAzHours * unit,
            retired: retired.length, retiredUsd: retired.reduce((a, e) => a + azs(e), 0) * h * unit,
            assumedAzs: own.filter(e => e.azs === undefined).length,
        });
    }
    if (!members.length) return undefined;
    return {
        members, unitUsd: unit, hoursPerMonth: h,
        runningUsd: members.reduce((a, m) => a + m.runningUsd, 0),
        retiredUsd: members.reduce((a, m) => a + m.retiredUsd, 0),
    };
}

/** The saving for a fleet of `members` members with `endpoints` own endpoints of `azs` AZs each, per month. */
export function fleetSaving(members: number, endpoints: number, azs: number, prices: PriceTable): number {
    return members * endpoints * azs * prices.hoursPerMonth * prices.prices.endpointAzHour.usd;
}

/** The report's lines: per member, then the fleet. */
export function formatRetirement(r: RetirementSaving): string[] {
    const usd = (v: number) => `$${v.toFixed(2)}`;
    const n = (k: number, one: string) => `${k} ${one}${k === 1 ? "" : "s"}`;
    return [
        `Members' own endpoints (vpce-hub:existingEndpoints), at $${r.unitUsd} per endpoint AZ-hour x ${r.hoursPerMonth} h:`,
        ...r.members.map(m => `  ${m.member}: ` + [
            m.running ? `${n(m.running, "endpoint")} still running, ${usd(m.runningUsd)} per month: retiring ${m.running === 1 ? "it" : "them"} saves that` : "",
            m.retired ? `${n(m.retired, "endpoint")} retired, ${usd(m.retiredUsd)} per month saved` : "",
            m.assumedAzs ? `(${m.assumedAzs} with ${ASSUMED_OWN_ENDPOINT_AZS} AZs assumed)` : "",
        ].filter(Boolean).join("; ")),
        `  fleet: ${usd(r.runningUsd)} per month still paid for members' own endpoints${r.retiredUsd ? `; ${usd(r.retiredUsd)} per month saved by the retirements in this plan` : ""}`,
    ];
}

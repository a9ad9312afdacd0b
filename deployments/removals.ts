// Removing a member: its `pulumi destroy` runs before its hub's update, never after. A hub's
// update drops the member's side (peering, authorizations, share, routes) while the member's
// side still points at it; destroying the member first leaves nothing dangling. Pure.
//
// In Pulumi Deployments (`vpce-hub-deployments:removing: [member]`):
// 1. the member and its hub stop deploying on commits (the hub's registry change is then merged
//    without an update running);
// 2. once the hub's registry no longer lists the member, a one-time schedule destroys it;
// 3. its `destroy_succeeded` webhook deploys the hub, which drops its side;
// 4. the member leaves `removing` and its stack file goes: the hub deploys on commits again.
// Without Pulumi Cloud, deployments/selfManaged.ts runs the same order in one script.
import { DeploymentsConfigError, MAIN_NS, NS, StackInfo } from "./stacks";

/** Where a member's removal stands. */
export interface Removal {
    readonly member: string;
    readonly hub: string;
    /**
     * waiting: the hub's registry still lists the member (merge its removal first; nothing deploys
     * meanwhile); destroying: the member's destroy is scheduled, the hub's update follows it.
     */
    readonly state: "waiting" | "destroying";
}

/** How long after `pulumi up` of the deployments project the destroy starts (the schedule must lie ahead). */
export const DESTROY_DELAY_MINUTES = 5;

/** The one-time destroy's time, ISO 8601 to the second; kept once created (deployments/resources.ts ignores later changes). */
export function destroyTimestamp(now: Date): string {
    return new Date(now.getTime() + DESTROY_DELAY_MINUTES * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * The removals `removing` asks for. `hubOf` gives each member's hub among the stacks. Throws,
 * naming the key, when a name is not a member stack with a file here, and when a member's stack
 * file is here but its hub no longer lists it without it being in `removing` (its hub would
 * update first: the wrong order).
 */
export function planRemovals(removing: readonly string[], stacks: readonly StackInfo[], hubOf: (s: StackInfo) => StackInfo | undefined): Removal[] {
    const problems: string[] = [];
    const out: Removal[] = [];
    removing.forEach((name, i) => {
        const s = stacks.find(x => x.name === name);
        const hub = s && hubOf(s);
        if (!s) problems.push(`${NS}:removing[${i}]: names "${name}", which has no stack file here: keep Pulumi.${name}.yaml until its destroy has run`);
        else if (s.role !== "spoke") problems.push(`${NS}:removing[${i}]: names "${name}", a hub: remove its members first, then destroy the hub by hand`);
        else if (!hub) problems.push(`${NS}:removing[${i}]: "${name}" names no hub deployed here (${MAIN_NS}:hubStack)`);
        else out.push({ member: name, hub: hub.name, state: hub.registry && !(name in hub.registry) ? "destroying" : "waiting" });
    });
    for (const s of stacks.filter(x => x.role === "spoke" && !removing.includes(x.name))) {
        const hub = hubOf(s);
        if (hub?.registry && !(s.name in hub.registry)) {
            problems.push(`${s.file}: ${MAIN_NS}:hubStack: ${hub.name}'s registry (${MAIN_NS}:spokes) no longer lists "${s.name}": add it to ${NS}:removing ` +
                `so that its destroy runs before ${hub.name}'s update (deployments/README.md, "Removing a member"), or add it back to the registry`);
        }
    }
    if (problems.length) throw new DeploymentsConfigError(problems);
    return out;
}

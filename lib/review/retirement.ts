// The change review's view of members' own endpoints from before the hub
// (vpce-hub:existingEndpoints, docs/adoption.md): a retirement is the removal of an endpoint,
// made in its order (two pulumi ups of the member: adopted, then deleted last, once the hub's
// profile answers there), and one deleted by hand in associations mode is a removal with a gap
// until the member's zone associations. Read from each member's `existingEndpoints` output in
// both plans (its endpoints are no resource of either). Pure.
import { shortList } from "../text";

/** What a member exports about its own endpoints (lib/checks/adoption.ts AdoptionOutput), as far as the review reads it. */
interface OwnEndpoints {
    readonly endpoints: readonly Own[];
    readonly skippedZones?: readonly string[];
}
interface Own { readonly id: string; readonly service: string; readonly state: string }

/** The plans compared, as far as this reads them (a Snapshot of ./changes.ts). */
interface Plans { readonly stacks: readonly { readonly stack: string; readonly role: string; readonly outputs: Record<string, any> }[] }

/** A change of the review (./changes.ts Change). */
interface Removal {
    readonly stack: string;
    readonly kind: "remove";
    readonly what: string;
    readonly subject: string;
    readonly consumers: readonly string[];
    readonly interrupts?: string;
}

/** Removals of members' own endpoints between two plans, and the order of commands they need. */
export function retirementChanges(previous: Plans, current: Plans): { changes: Removal[]; order: string[] } {
    const changes: Removal[] = [];
    const order: string[] = [];
    for (const after of current.stacks.filter(s => s.role === "spoke")) {
        const before = previous.stacks.find(s => s.stack === after.stack);
        const was = (before?.outputs?.existingEndpoints as OwnEndpoints | undefined)?.endpoints ?? [];
        const now = after.outputs?.existingEndpoints as OwnEndpoints | undefined;
        const running = was.filter(e => e.state !== "retired");
        const retired = running.filter(e => now?.endpoints.find(x => x.id === e.id)?.state === "retired");
        const dropped = running.filter(e => !now?.endpoints.some(x => x.id === e.id));
        const label = (e: Own) => `${e.id} (${e.service})`;
        for (const e of retired) {
            changes.push({
                stack: after.stack, kind: "remove", what: "own endpoint", subject: `${label(e)} retired`,
                consumers: [after.stack],
            });
        }
        if (retired.length) {
            order.push(`pulumi up ${after.stack}, then pulumi up ${after.stack} again: the first adopts ${shortList(retired.map(label), 4)} (import, after its profile association), ` +
                "the second deletes them, last in that update; each name falls through to the hub's profile as its endpoint goes (the plan's section on members' own endpoints checks each state)");
        }
        // Deleted outside the stack: with zone associations its names were the hub's only after this member's pulumi up.
        const skipped = (before?.outputs?.existingEndpoints as OwnEndpoints | undefined)?.skippedZones ?? [];
        for (const e of dropped) {
            const gap = skipped.length ? `${shortList([...skipped], 4)} resolve publicly from ${e.id}'s deletion until ${after.stack}'s pulumi up has associated the hub's zones of them` : undefined;
            changes.push({
                stack: after.stack, kind: "remove", what: "own endpoint", subject: `${label(e)} no longer declared (deleted outside the stack)`, consumers: [after.stack],
                ...(gap ? { interrupts: gap } : {}),
            });
            if (gap) order.push(`delete ${e.id} and pulumi up ${after.stack} at once: ${gap}`);
        }
    }
    return { changes, order };
}

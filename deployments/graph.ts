// The order Pulumi Deployments runs the vpce-hub stacks in: each hub before its members, and the
// hub that owns a shared Transit Gateway's tables before the hubs that read them. Pure.
import { DeploymentsConfigError, MAIN_NS, NAME, NS, PROJECT, StackInfo, show } from "./stacks";

/**
 * The first cycle in a directed graph, as the path that closes it (`[a, b, a]`), or undefined
 * when there is none. Nodes are visited in sorted order, so the same graph gives the same
 * cycle every time.
 */
export function findCycle(graph: ReadonlyMap<string, readonly string[]>): string[] | undefined {
    const state = new Map<string, "open" | "done">();
    const trail: string[] = [];
    const visit = (node: string): string[] | undefined => {
        if (state.get(node) === "done") return undefined;
        if (state.get(node) === "open") return [...trail.slice(trail.indexOf(node)), node];
        state.set(node, "open");
        trail.push(node);
        for (const next of [...(graph.get(node) ?? [])].sort()) {
            const cycle = visit(next);
            if (cycle) return cycle;
        }
        trail.pop();
        state.set(node, "done");
        return undefined;
    };
    for (const node of [...graph.keys()].sort()) {
        const cycle = visit(node);
        if (cycle) return cycle;
    }
    return undefined;
}

/**
 * The hub stack a `vpce-hub:hubStack` value names, checked against the organization and
 * project Deployments runs in: a webhook can only chain stacks of one organization, and its
 * payload names a stack of this project.
 */
export function resolveHubStack(ref: string, organization: string): { hub?: string; problem?: string } {
    const parts = ref.split("/");
    if (parts.length === 1 && NAME.test(ref)) return { hub: ref };
    if (parts.length !== 3 || !parts.every(p => NAME.test(p))) {
        return { problem: `must be org/project/stack or a stack name, got ${show(ref)}` };
    }
    const [org, project, hub] = parts;
    if (org !== organization) {
        return { problem: `names organization "${org}", but Deployments run in "${organization}" (${NS}:organization); a webhook cannot start a deployment in another organization` };
    }
    if (project !== PROJECT) return { problem: `names project "${project}"; the hub must be a stack of ${PROJECT}` };
    return { hub };
}

/** One hub-to-member step: once `hub` updates successfully, `member` deploys. */
export interface DeployEdge {
    readonly hub: string;
    readonly member: string;
}

/**
 * The order Deployments runs the stacks in: an edge from each spoke's hub to the spoke (each
 * hub deploys its own members, never another hub's), and from the hub that owns a shared
 * Transit Gateway's tables to each other hub on it. Throws when a spoke names a stack that is
 * not in the list, a hub of another organization or project, a cycle, or a spoke as its hub.
 */
export function buildDeployGraph(stacks: readonly StackInfo[], organization: string): DeployEdge[] {
    const byName = new Map(stacks.map(s => [s.name, s]));
    const known = stacks.map(s => s.name).join(", ");
    const problems: string[] = [];
    const hubOf = new Map<string, string>();
    for (const s of stacks) {
        if (s.role !== "spoke" || s.hubStack === undefined) continue;
        const at = `${s.file}: ${MAIN_NS}:hubStack`;
        const { hub, problem } = resolveHubStack(s.hubStack, organization);
        if (problem) problems.push(`${at}: ${problem}`);
        else if (!byName.has(hub!)) problems.push(`${at}: names "${hub}", which is not among the stacks deployed here (${known})`);
        else hubOf.set(s.name, hub!);
    }
    if (problems.length) throw new DeploymentsConfigError(problems);

    // A spoke naming a spoke could close a loop; name the loop itself, the more useful error.
    const cycle = findCycle(new Map([...hubOf].map(([spoke, hub]) => [spoke, [hub]])));
    if (cycle) {
        throw new DeploymentsConfigError([
            `${MAIN_NS}:hubStack forms a cycle: ${cycle.join(" -> ")} (each stack names the next as its hub); ` +
            `deploying each after the one it names would never start`,
        ]);
    }
    for (const [spoke, hub] of hubOf) {
        if (byName.get(hub)!.role !== "hub") {
            problems.push(`${byName.get(spoke)!.file}: ${MAIN_NS}:hubStack: names "${hub}", which is a spoke (${MAIN_NS}:role: spoke); a spoke's hubStack must name a hub`);
        }
    }
    // Hubs on one Transit Gateway: the first by name (code-unit order, as lib/config/hubSet.ts
    // tablesOwner) owns its tables; the others read them, so they deploy after it.
    const joins: [string, string][] = [];
    for (const s of stacks) {
        if (s.role !== "hub" || !s.sharedWithHubs?.length) continue;
        const owner = [s.name, ...s.sharedWithHubs].reduce((a, b) => (b < a ? b : a));
        if (owner === s.name) continue;
        if (byName.get(owner)?.role !== "hub") {
            problems.push(`${s.file}: ${MAIN_NS}:transitGateway.sharedWithHubs: names "${owner}", which owns the shared Transit Gateway's tables but is not a hub deployed here (${known})`);
        } else joins.push([s.name, owner]);
    }
    if (problems.length) throw new DeploymentsConfigError(problems);
    return [...hubOf, ...joins]
        .map(([member, hub]) => ({ hub, member }))
        .sort((a, b) => a.hub.localeCompare(b.hub) || a.member.localeCompare(b.member));
}

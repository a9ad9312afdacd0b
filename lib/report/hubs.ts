// The report of a plan with several hubs (docs/multi-hub.md): the per-hub sections (services,
// spokes, on-prem, checks) once per hub, each titled with its hub and region, and one section
// for the merged on-prem forwarders. With one hub every builder runs as it always did. Pure.
import { HubConfig } from "../config";
import { groupStacksByHub } from "../config/hubSet";
import { PlannedStack } from "../model";
import { table } from "./render";
import { plural } from "../text";
import { ReportInput, SectionBuilder } from "./sections";

/** The hubs of the plan, each with its members; empty or one: a single-hub plan. */
function hubsOf(stacks: readonly PlannedStack[]) {
    return groupStacksByHub(stacks);
}

/**
 * Runs `build` once per hub on that hub's part of the plan (its stacks, its checks, its pending
 * spokes) and names the hub in each section's title and id; one hub: `build` as it is.
 */
export function perHub<I extends ReportInput>(build: SectionBuilder<I>): SectionBuilder<I> {
    return (input, s) => {
        const groups = hubsOf(input.stacks);
        if (groups.length < 2) return build(input, s);
        return groups.flatMap(g => {
            const names = new Set((g.hub.config as HubConfig).spokes.map(x => x.name));
            const part = {
                ...input,
                stacks: [g.hub, ...g.members],
                checks: input.checks.filter(c => c.hub === g.hub.stack),
                pending: (input.pending ?? []).filter(p => names.has(p)),
                // The merged forwarder files are listed once, by forwardersSection.
                forwarderFiles: undefined,
            } as I;
            // A title that names the hub already gets only the region.
            const tag = (title: string) => title.includes(`hub ${g.hub.stack}`) ? `[${g.hub.region}]` : `[hub ${g.hub.stack}, ${g.hub.region}]`;
            return build(part, s).map(sec => ({ ...sec, id: `${sec.id}:${g.hub.stack}`, title: `${sec.title} ${tag(sec.title)}` }));
        });
    };
}

/** With several hubs on-prem: one forwarder configuration for all of them, and where it went. */
export const forwardersSection: SectionBuilder = input => {
    const hubs = hubsOf(input.stacks).map(g => g.hub).filter(h => (h.config as HubConfig).onPrem);
    if (hubsOf(input.stacks).length < 2 || !hubs.length) return [];
    const lines = [
        `one configuration for ${plural(hubs.length, "hub")}: ${hubs.map(h => `${h.stack} (${h.region})`).join(", ")}; ` +
        "each hub's zones go to its own Resolver inbound addresses; hubs without onPrem are left out",
    ];
    if (input.forwarderFiles) lines.push("written to:", ...table(input.forwarderFiles.map(f => [f.product, f.file])));
    else lines.push("--forwarders DIR writes them, one file per DNS product (BIND, Unbound, Windows DNS, dnsmasq)");
    return [{ id: "forwarders", title: `On-prem forwarders: every hub with onPrem, region by region`, lines }];
};

// The plan's section on members' own endpoints and zones from before the hub
// (vpce-hub:existingEndpoints, docs/adoption.md): what each member keeps and what answers its
// names there, the hub zones it leaves out (associations mode), and for a member retiring them the
// states it passes through, each with its path checks (lib/checks/retirement.ts).
import type { RetirementProof } from "../checks/retirement";
import type { AdoptionOutput } from "../checks/adoption";
import { TYPES } from "../model";
import { plural, shortList } from "../text";
import { Section, Style } from "./render";
import { ReportInput } from "./sections";

export interface AdoptionInput extends ReportInput {
    readonly result: { readonly retirements?: readonly RetirementProof[] };
}

const STATE_WORDS: Readonly<Record<AdoptionOutput["endpoints"][number]["state"], string>> = {
    kept: "kept", adopted: "adopted (the next pulumi up deletes it)", retired: "retired",
};

export function adoptionSection(input: AdoptionInput, s: Style): Section[] {
    const members = input.stacks.filter(x => x.role === "spoke" && x.outputs?.existingEndpoints);
    if (!members.length) return [];
    const lines: string[] = [];
    for (const m of members) {
        const out = m.outputs.existingEndpoints as AdoptionOutput;
        const own = out.endpoints.map(e => `${e.id} (${e.service}, private DNS ${e.privateDns ? "on" : "off"}): ${STATE_WORDS[e.state]}`);
        lines.push(`${s.bold(m.stack)}: ${own.length ? plural(own.length, "own endpoint") : "no own endpoints"}${out.zones.length ? `, ${plural(out.zones.length, "own zone")}` : ""}` +
            `${out.retire ? ", retire: true" : ""}`);
        for (const o of own) lines.push(`  ${o}`);
        for (const z of out.zones) lines.push(`  zone ${z.name} (${z.id}): kept, answers that name in the member's VPC`);
        if (out.skippedZones.length) lines.push(`  hub zones not associated while its own answer their names: ${shortList([...out.skippedZones], 6)}`);
        const seeded = (m.existing ?? []).filter(r => r.type === TYPES.vpcEndpoint || r.type === TYPES.zone).length;
        if (seeded) lines.push(s.dim(`  (simulated: the plan seeded ${seeded === 1 ? "it" : `these ${seeded}`} from the declaration: AWS's answers at pulumi up decide)`));
        const proof = input.result.retirements?.find(p => p.member === m.stack);
        if (!proof) continue;
        lines.push(`  retirement of ${shortList([...proof.endpoints], 6)}: two pulumi ups of ${m.stack}, each state checked:`);
        proof.states.forEach((st, i) => {
            const verdict = st.failing.length ? s.red(`${st.failing.length} of ${st.checks} fail`) : s.green(`all ${st.checks} pass`);
            lines.push(`    ${i + 1}. ${st.state}: ${verdict} (${st.ownAnswers} by its own endpoints, ${st.hubAnswers} through the hub)`);
            for (const c of st.failing.slice(0, input.verbose ? undefined : 3)) lines.push(`       ${s.red("fail")} ${c.host}: ${c.reason}`);
        });
        lines.push(proof.independent
            ? "    each endpoint's names are answered by no other retired one: whatever order Pulumi deletes them in, each name goes from its own endpoint to the hub as checked"
            : s.yellow("    some names are answered by more than one retired endpoint: the order Pulumi deletes them in matters and only the order above is checked"));
    }
    return [{ id: "adoption", title: "Members' own endpoints and zones (vpce-hub:existingEndpoints)", lines }];
}

// The proof that a member retires its own endpoints with no gap (vpce-hub:existingEndpoints with
// retire: true, docs/adoption.md): its path checks in each state it passes through. Before: after
// its first pulumi up, the profile association exists and the adopted endpoints still answer their
// names. During: the second pulumi up deletes them last, one by one in any order; after each, its
// names fall through to the hub's profile. After: every name through the hub. Pure.
import { lookupRecord } from "../aws/records";
import { PathCheck, PlannedResource, PlannedStack, TYPES } from "../model";
import { checkPaths } from "./paths";

/** One state of the member during its retirement, and what its checks say there. */
export interface RetirementState {
    /** In words: which pulumi up, which endpoints exist. */
    readonly state: string;
    readonly checks: number;
    /** Names answered by the member's own endpoints, and by the hub. */
    readonly ownAnswers: number;
    readonly hubAnswers: number;
    readonly failing: readonly PathCheck[];
}

export interface RetirementProof {
    readonly member: string;
    /** The endpoints retired, as "vpce-... (service)". */
    readonly endpoints: readonly string[];
    readonly states: readonly RetirementState[];
    /**
     * Each retired endpoint's names are answered by no other retired endpoint: a name's answer then
     * depends on one deletion only, so any order Pulumi deletes them in passes, name by name,
     * through the states checked here.
     */
    readonly independent: boolean;
    /** Every check passes in every state. */
    readonly holds: boolean;
}

/** The member's adopted endpoints: its endpoints in the member's own VPC (the hub's are elsewhere). */
function adoptedEndpoints(member: PlannedStack, vpcId: string): PlannedResource[] {
    return member.resources.filter(r => !r.component && r.type === TYPES.vpcEndpoint && r.inputs.vpcId === vpcId);
}

/**
 * The member's checks before, during and after its retirement. `adopted`: its plan after the first
 * pulumi up (adopted endpoints in its resources); `stacks`: the plan after the second one.
 */
export function retirementProof(stacks: readonly PlannedStack[], adopted: PlannedStack, publicDns: Record<string, string[]>, publicDns6: Record<string, string[]> = {}): RetirementProof {
    const name = adopted.stack;
    const vpcId = String((adopted.config as { vpc: { id: string } }).vpc.id);
    const own = adoptedEndpoints(adopted, vpcId);
    const ownIps = new Set(own.flatMap(r => {
        const first = r.outputs.dnsEntries?.[0]?.dnsName;
        return first ? [...(lookupRecord(publicDns, first)?.ips ?? [])] : [];
    }));
    const evaluate = (state: string, member: PlannedStack, world: readonly PlannedStack[]): RetirementState => {
        const checks = checkPaths(world.map(s => s.stack === name ? member : s), publicDns, undefined, publicDns6, undefined, name);
        const ownAnswers = checks.filter(c => c.answer.length && c.answer.every(ip => ownIps.has(ip))).length;
        return { state, checks: checks.length, ownAnswers, hubAnswers: checks.length - ownAnswers, failing: checks.filter(c => c.verdict === "fail") };
    };
    const label = (r: PlannedResource) => `${r.id} (${r.outputs.service ?? r.name})`;
    const states: RetirementState[] = [evaluate(`after its first pulumi up: associated with the hub's profile, ${own.map(label).join(", ")} adopted and still answering`, adopted, stacks)];
    // Pulumi deletes last, in any order: after each deletion (here in id order), the rest still answer.
    const sorted = [...own].sort((a, b) => a.id.localeCompare(b.id));
    sorted.slice(0, -1).forEach((r, i) => {
        const gone = new Set(sorted.slice(0, i + 1).map(x => x.urn));
        const member = { ...adopted, resources: adopted.resources.filter(x => !gone.has(x.urn)) };
        states.push(evaluate(`during its second pulumi up, once ${sorted.slice(0, i + 1).map(label).join(", ")} ${i ? "are" : "is"} deleted`, member, stacks));
    });
    states.push(evaluate(`after its second pulumi up: ${own.length === 1 ? `${label(own[0])} deleted` : own.length === 2 ? "both deleted" : `all ${own.length} deleted`}`, stacks.find(s => s.stack === name)!, stacks));
    const names = own.map(r => new Set((r.outputs.privateDnsNames ?? []).map((n: { name: string }) => n.name)));
    const independent = names.every((a, i) => names.every((b, j) => i === j || ![...a].some(n => b.has(n))));
    return { member: name, endpoints: own.map(label), states, independent, holds: states.every(s => !s.failing.length) };
}

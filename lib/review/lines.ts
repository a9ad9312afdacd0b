// The Changes section's lines (`--against OLD.json`): per stack, its changes grouped by kind
// and what, each group with the consumers it affects, its interruptions (outages), its
// momentary windows and what will be refused; then the order of commands, what is still
// needed afterwards, and the verdict. Pure.
import { shortList } from "../text";
import type { Change, ChangeKind, ChangeSet } from "./types";

const KINDS: readonly ChangeKind[] = ["add", "remove", "update", "replace"];

/** The verb a group of changes is listed under: a member's own destroy deletes, a re-aggregation re-aggregates. */
function verbOf(c: Change): string {
    if (c.by === "destroy") return "delete";
    if (c.reaggregated) return "re-aggregate";
    return c.kind;
}

/** What a group is called: a re-aggregation is one change per security group. */
const nounOf = (c: Change) => c.reaggregated ? "security group" : c.what;

/** At most two lines of one kind (the first and a count) unless --verbose. */
function some(label: string, texts: readonly string[], verbose: boolean, limit = 2): string[] {
    const shown = verbose || texts.length <= limit ? texts : texts.slice(0, 1);
    const lines = shown.map(t => `    ${label}: ${t}`);
    if (shown.length < texts.length) lines.push(`    ${label}: and ${texts.length - 1} more like it (--verbose lists each)`);
    return lines;
}

/** Re-aggregated groups that change alike read once: "tcp 443 A -> B, C in s3-endpoint, sqs-endpoint and 6 more". */
function byDiff(cs: readonly Change[], verbose: boolean): string {
    const buckets = new Map<string, string[]>();
    for (const c of cs) {
        const at = c.subject.indexOf(": ");
        const diff = c.subject.slice(at + 2);
        buckets.set(diff, [...(buckets.get(diff) ?? []), c.subject.slice(0, at)]);
    }
    return [...buckets].map(([diff, groups]) => `${diff} in ${verbose ? groups.join(", ") : shortList(groups, 3)}`).join("; ");
}

export function changeLines(set: ChangeSet, verbose: boolean): string[] {
    if (!set.changes.length) return ["pulumi up would change nothing in any stack"];
    const lines: string[] = [];
    const stacks = [...new Set(set.changes.map(c => c.stack))];
    for (const stack of stacks) {
        const own = set.changes.filter(c => c.stack === stack);
        const count = (k: ChangeKind) => own.filter(c => c.kind === k).length;
        lines.push(own.every(c => c.by === "destroy")
            ? `${stack}: pulumi destroy -s ${stack} deletes ${own.length} (the stack leaves the plan; no pulumi up does this)`
            : `${stack}: ${KINDS.filter(k => count(k)).map(k => `${count(k)} to ${k}`).join(", ")}`);
        const groups = new Map<string, Change[]>();
        for (const c of own) {
            const k = `${verbOf(c)}\u0000${nounOf(c)}`;
            groups.set(k, [...(groups.get(k) ?? []), c]);
        }
        for (const [k, cs] of groups) {
            const [verb, what] = k.split("\u0000");
            const consumers = [...new Set(cs.flatMap(c => c.consumers))].sort();
            const subjects = verb === "re-aggregate" ? byDiff(cs, verbose) : verbose ? cs.map(c => c.subject).join("; ") : shortList(cs.map(c => c.subject), 3);
            lines.push(`  ${verb} ${cs.length} ${what}${cs.length === 1 ? "" : "s"}: ${subjects}${consumers.length ? ` [affects ${shortList(consumers)}]` : ""}`);
            lines.push(...some("interrupts", [...new Set(cs.filter(x => x.interrupts).map(x => x.interrupts!))], verbose));
            lines.push(...some("window", [...new Set(cs.filter(x => x.window).map(x => x.window!))], verbose));
            const refused = cs.filter(x => x.protected);
            if (refused.length) lines.push(`    protected: pulumi up will refuse to ${verb === "replace" ? "replace" : "delete"} ${shortList(refused.map(c => c.subject), 3)}`);
            lines.push(...some("AWS refuses", cs.filter(x => x.refused).map(c => c.refused!), verbose, 1));
        }
    }
    if (set.order.length) lines.push("order of commands:", ...set.order.map((o, i) => `  ${i + 1}. ${o}`));
    if (set.followUps.length) lines.push("still needed:", ...set.followUps.map(f => `  - ${f}`));
    const windows = set.changes.filter(c => c.window);
    if (windows.length) {
        const how = [
            windows.some(c => c.what.startsWith("security group")) ? "a security group's rules: the AWS provider revokes the old ones before it authorizes the new" : "",
            windows.some(c => c.what === "route") ? "a renamed route: the targeted destroy before the pulumi up" : "",
            windows.some(c => c.what === "Resolver addresses") ? "Resolver addresses: until the forwarders are re-rendered" : "",
        ].filter(Boolean);
        lines.push(`${windows.length} change${windows.length === 1 ? "" : "s"} with a momentary window (marked window; not outages: the plan after the change passes for them): ` +
            `remove, then add (${how.join("; ")}); established connections continue, security groups track them (EC2 user guide, "Security group connection tracking")`);
    }
    const gone = new Set(set.leaving ?? []);
    const breaking = set.changes.filter(c => c.protected || c.refused || (c.interrupts && (!c.interrupted || c.interrupted.some(n => !gone.has(n))))).length;
    if (gone.size) {
        const own = set.changes.filter(c => c.interrupts && c.interrupted?.every(n => gone.has(n))).length;
        lines.push(`${shortList([...gone])} ${gone.size === 1 ? "leaves its hub: its" : "leave their hub: their"} own access ends (${own} changes marked interrupts above); ` +
            "no member that stays loses access through them");
    }
    lines.push(set.verdict === "breaking changes" ? `${breaking} breaking changes (marked above)` : set.verdict);
    return lines;
}

// Shared fixtures: the suite's own copy of the example stack files and a way to run stacks on the
// simulated cloud. Tests never read the root Pulumi.<stack>.yaml: those are the user's to edit.
import * as fs from "fs";
import * as path from "path";
import { loadStackFiles } from "../lib/config/stackFiles";

/** The repository root (for the program's own files: esc/, policy/, data/). */
export const ROOT = path.resolve(__dirname, "..");

/** The suite's example stacks (copies of the shipped root examples; see fixtures/example/README.md). */
export const EXAMPLE_DIR = path.join(__dirname, "fixtures", "example");

/**
 * Writes the example's stack files into `dir` (created), as text the caller may edit first:
 * a --stacks-dir for a plan of the example with a change.
 */
export function exampleStacksIn(dir: string, edit: (files: Record<string, string>) => void = () => undefined): string {
    fs.mkdirSync(dir, { recursive: true });
    const files: Record<string, string> = {};
    for (const f of fs.readdirSync(EXAMPLE_DIR).filter(f => /^Pulumi\..+\.yaml$/.test(f))) files[f] = fs.readFileSync(path.join(EXAMPLE_DIR, f), "utf8");
    edit(files);
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    return dir;
}

/** The example stacks' raw config (as Pulumi would pass it), by stack name; deep copies. */
export function exampleRaw(): Record<string, Record<string, any>> {
    const { files, errors } = loadStackFiles(EXAMPLE_DIR);
    if (errors.length) throw new Error(`example stack files are invalid: ${JSON.stringify(errors)}`);
    return Object.fromEntries(files.map(f => [f.stack, JSON.parse(JSON.stringify(f.raw))]));
}

/** Reads one resolved Output in a test. */
export function valueOf<T>(o: { apply: (f: (v: T) => unknown) => unknown }): Promise<T> {
    return new Promise(r => o.apply(v => { r(v); return v; }));
}

/** The shipped multi-region example (several hubs): docs/multi-hub.md, README. */
export const MULTI_REGION_DIR = path.join(ROOT, "examples", "multi-region");

/**
 * Rewrites a hub's security group rules that reference a prefix list (the default for the
 * sources, lib/net/prefixLists.ts) as one rule per entry of the list, in place: for tests that
 * edit one group's CIDR rules (a broken model) without touching the list every group shares.
 */
export function inlinePrefixLists(stack: { resources: { type: string; id: string; inputs: Record<string, any> }[] }): void {
    const lists = new Map(stack.resources.filter(r => r.type === "aws:ec2/managedPrefixList:ManagedPrefixList")
        .map(r => [r.id, (r.inputs.entries ?? []).map((e: { cidr: string }) => e.cidr) as string[]]));
    for (const sg of stack.resources.filter(r => r.type === "aws:ec2/securityGroup:SecurityGroup")) {
        sg.inputs.ingress = (sg.inputs.ingress ?? []).flatMap((rule: Record<string, any>) => rule.prefixListIds
            ? (rule.prefixListIds as string[]).flatMap(id => (lists.get(id) ?? []).map(cidr => ({ protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, cidrBlocks: [cidr], description: rule.description })))
            : [rule]);
    }
}

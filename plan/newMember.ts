// `npm run new-member -- NAME [--hub HUB] [--org ORG] [--stacks-dir DIR]`: the stack file of a
// member the hub already registers (`vpce-hub:spokes`), written from that registry. A member
// file needs only its region, its role and its hub (lib/config/memberVpc.ts): the registry holds
// its account, VPC and CIDR, and AWS its subnets and route tables at deploy time. The file also
// pins the hub's account where the hub's file declares it (vpce-hub:hubAccountId). Credentials
// are not written here (deployments/ makes them); the command prints what is left to do.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { HubConfig, SpokeEntry, hubStackName, parseStackConfig } from "../lib/config";
import { StackFile, loadStackFiles, readStackFile } from "../lib/config/stackFiles";
import { STACK_NAME } from "../lib/config/reader";
import { editDistance } from "../lib/didYouMean";
import { shortList } from "../lib/text";
import type { Io } from "./cli";
import { PROJECT } from "../sim/run";

export const NEW_MEMBER_USAGE = `usage: npm run new-member -- NAME [--hub HUB] [--org ORG] [--stacks-dir DIR]

Writes Pulumi.NAME.yaml for a member the hub already lists in its vpce-hub:spokes:
  NAME              the member's stack name, as the hub's registry spells it
  --hub HUB         the hub stack, when several hubs list NAME
  --org ORG         the Pulumi organization for vpce-hub:hubStack (default: the one the hub's other members name)
  --stacks-dir DIR  where the stack files are (default: .)`;

/** A hub that registers the name, with its registry entry and how members reference it. */
interface Registration {
    readonly hub: HubConfig;
    readonly entry: SpokeEntry;
}

/** `org/vpce-hub/hub` as the hub's other members write it (the most common), if any does. */
function referenceOf(hub: string, files: readonly StackFile[]): string | undefined {
    const counts = new Map<string, number>();
    for (const f of files) {
        const ref = f.raw["vpce-hub:hubStack"];
        if (f.raw["vpce-hub:role"] !== "spoke" || typeof ref !== "string" || hubStackName(ref) !== hub || ref.split("/").length !== 3) continue;
        counts.set(ref, (counts.get(ref) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The stack file's text: the three keys a member needs, and the hub's account pinned when known. */
export function memberFileText(name: string, r: Registration, hubStack: string, schemaPath?: string): string {
    const e = r.entry;
    return [
        ...(schemaPath ? [`# yaml-language-server: $schema=${schemaPath}`] : []),
        `# Member ${name} of hub ${r.hub.stack}: account ${e.accountId}, ${e.vpcId} (${e.cidr}), connected by ${e.connectivity}.`,
        `# Written by \`npm run new-member -- ${name}\` from the hub's registry (vpce-hub:spokes): the account, VPC and CIDR`,
        "# come from there, the subnets and route tables from AWS at deploy time (declare vpce-hub:vpc parts to pin them).",
        "config:",
        `  aws:region: ${r.hub.region}`,
        "  vpce-hub:role: spoke",
        `  vpce-hub:hubStack: ${hubStack}`,
        ...(r.hub.accountId ? [`  vpce-hub:hubAccountId: "${r.hub.accountId}"`] : []),
        "",
    ].join("\n");
}

/** Runs the command; returns the exit code (0 written, 2 refused). */
export function runNewMember(argv: readonly string[], io: Io): number {
    const fail = (message: string) => { io.err(`error: ${message}\n`); return 2; };
    let args: { values: { hub?: string; org?: string; "stacks-dir"?: string; help?: boolean }; positionals: string[] };
    try {
        args = parseArgs({
            args: [...argv], allowPositionals: true,
            options: { hub: { type: "string" }, org: { type: "string" }, "stacks-dir": { type: "string" }, help: { type: "boolean", short: "h" } },
        });
    } catch (e) {
        return fail(`${(e as Error).message}\n${NEW_MEMBER_USAGE}`);
    }
    if (args.values.help) { io.out(`${NEW_MEMBER_USAGE}\n`); return 0; }
    if (args.positionals.length !== 1) return fail(`give one member name\n${NEW_MEMBER_USAGE}`);
    const name = args.positionals[0];
    const dir = args.values["stacks-dir"] ?? ".";
    if (!STACK_NAME.test(name)) return fail(`${name}: not a stack name (letters, digits, "-", "_" and "." only)`);
    const target = path.join(dir, `Pulumi.${name}.yaml`);
    if (fs.existsSync(target)) return fail(`${name}: ${target} exists already: this command writes only new member files (edit that one, or remove it first)`);
    const { files, errors } = loadStackFiles(dir);
    if (!files.length) return fail(errors.map(e => `${e.stack}: ${e.key}: ${e.message}`).join("\n"));

    const hubs: HubConfig[] = [];
    const broken: string[] = [];
    for (const f of files.filter(x => x.raw["vpce-hub:role"] === "hub")) {
        const r = parseStackConfig(f.stack, f.raw);
        if (r.config?.role === "hub") hubs.push(r.config); else broken.push(f.stack);
    }
    if (!hubs.length) return fail(`${name}: ${dir} holds no valid hub stack file (vpce-hub:role: hub)${broken.length ? `: ${shortList(broken)} ha${broken.length === 1 ? "s" : "ve"} config errors (npm run plan says which)` : ""}`);
    if (hubs.some(h => h.stack === name)) return fail(`${name}: is a hub stack, not a member`);
    let found: Registration[] = hubs.flatMap(hub => hub.spokes.filter(s => s.name === name).map(entry => ({ hub, entry })));
    if (args.values.hub !== undefined) {
        const chosen = hubs.find(h => h.stack === args.values.hub);
        if (!chosen) return fail(`--hub ${args.values.hub}: no hub stack of that name in ${dir} (hubs: ${shortList(hubs.map(h => h.stack))})`);
        found = found.filter(f => f.hub.stack === chosen.stack);
        if (!found.length) return fail(`${name}: hub ${chosen.stack} does not list it in vpce-hub:spokes: add { name: ${name}, accountId, vpcId, cidr, connectivity } there first`);
    }
    if (!found.length) {
        const registered = hubs.flatMap(h => h.spokes.map(s => s.name));
        const distance = (n: string) => editDistance(n.toLowerCase(), name.toLowerCase());
        const best = Math.min(3, ...registered.map(distance));
        const near = registered.filter(n => distance(n) === best && best <= 2);
        return fail(`${name}: no hub lists it in vpce-hub:spokes (${hubs.map(h => h.stack).join(", ")}${broken.length ? `; not read, with config errors: ${broken.join(", ")}` : ""})` +
            (near.length ? `: did you mean ${shortList(near)}?` : `: add { name: ${name}, accountId, vpcId, cidr, connectivity } to a hub's vpce-hub:spokes first`));
    }
    if (found.length > 1) return fail(`${name}: listed by ${found.length} hubs (${found.map(f => f.hub.stack).sort().join(", ")}): choose one with --hub`);
    const r = found[0];
    const known = referenceOf(r.hub.stack, files);
    const hubStack = args.values.org ? `${args.values.org}/${PROJECT}/${r.hub.stack}` : known;
    if (!hubStack) return fail(`${name}: no member of hub ${r.hub.stack} names its Pulumi organization yet: pass --org ORG (vpce-hub:hubStack becomes ORG/${PROJECT}/${r.hub.stack})`);
    if (!STACK_NAME.test(hubStack.split("/")[0])) return fail(`--org ${args.values.org}: not a Pulumi organization name`);

    // The editor schema, as the shipped files name it, for stack files inside this project.
    const root = path.resolve(__dirname, "..");
    const inProject = path.resolve(dir) === root || path.resolve(dir).startsWith(root + path.sep);
    const rel = path.relative(path.resolve(dir), path.join(root, "schema", "stack-config.schema.json")).split(path.sep).join("/");
    const text = memberFileText(name, r, hubStack, inProject ? (rel.startsWith(".") ? rel : `./${rel}`) : undefined);
    // The file must read back as the member it describes, before it lands next to the others.
    const back = readStackFile(target, text);
    const parsed = back.stackFile ? parseStackConfig(name, back.stackFile.raw) : undefined;
    if (!parsed || parsed.errors.length) throw new Error(`new-member wrote a file that does not read back: ${JSON.stringify([...back.errors, ...(parsed?.errors ?? [])])}`);
    fs.writeFileSync(target, text);
    const e = r.entry;
    io.out(`wrote ${target}: member ${name} of hub ${r.hub.stack} (account ${e.accountId}, ${e.vpcId}, ${e.cidr}, ${e.connectivity})\n` +
        "next:\n" +
        `  1. npm run plan${dir === "." ? "" : ` -- --stacks-dir ${dir}`}   checks ${name} against its hub offline\n` +
        `  2. pulumi up the hub (${r.hub.stack}) if ${name} joined its vpce-hub:spokes since its last update\n` +
        `  3. credentials for account ${e.accountId}: its deploy role and the stack's Pulumi environment (deployments/README.md)\n` +
        `  4. pulumi stack init ${hubStack.split("/")[0]}/${PROJECT}/${name}, then pulumi up with account ${e.accountId}'s credentials` +
        (e.connectivity === "peering" ? " within 7 days of the hub's (its peering request expires)" : "") + "\n");
    return 0;
}

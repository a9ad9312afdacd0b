// `npm run forwarders -- --from <file> [--out DIR]`: the on-prem forwarder configs after a real
// `pulumi up`, from the hub's stack outputs (`pulumi stack output --json -s <hub> > file`):
// its `forwarders` output as deployed, or, from an older hub without it, rendered here from
// `answeredNames` (every name the hub answers), else `zoneIds`, and `resolverInboundIps`. The
// plan's own configs carry simulated addresses.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ForwarderConfigs, HubForwarding, renderForwarders, renderHubForwarders } from "../lib/forwarders";
import type { Io } from "./cli";
import { writeForwarderFiles } from "./forwarderFiles";

export const FORWARDERS_USAGE = `usage: npm run forwarders -- --from FILE [--from FILE ...] [--out DIR]

Writes the on-prem DNS forwarder configs (BIND, Unbound, Windows DNS, dnsmasq) from a deployed hub:
  --from FILE  the hub's outputs: pulumi stack output --json -s <hub stack> > FILE; several hubs
               (one --from each, named after the file): one configuration, each hub's zones to its Resolver
  --out DIR    where to write them (default: forwarders)`;

const KEYS: (keyof ForwarderConfigs)[] = ["bind", "unbound", "windows", "dnsmasq"];

/**
 * The names a hub's outputs say it answers: `answeredNames`, else (a hub deployed before that
 * output existed) its zones, which are every name it answers unless it runs records: endpoint,
 * where most names are its endpoints' own private DNS and the zones are almost none: then no
 * list rather than one that would send those names to the internet.
 */
function namesOf(o: Record<string, unknown>): string[] | string {
    if (Array.isArray(o.answeredNames)) return o.answeredNames.map(String);
    const zones = o.zoneIds;
    if (!zones || typeof zones !== "object") return "has no `answeredNames` or `zoneIds`";
    if ((o.dns as { records?: unknown } | undefined)?.records === "endpoint") {
        return "is from a hub in records: endpoint deployed before it exported `answeredNames`: its `zoneIds` lack the names its endpoints answer " +
            "themselves, so forwarders built from them would send those names to the internet; pulumi up the hub, then export its outputs again";
    }
    return Object.keys(zones);
}

/** The configs in a hub's stack outputs, or why there are none. */
export function forwardersFromOutputs(outputs: unknown): ForwarderConfigs | string {
    if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) return "is not the JSON object `pulumi stack output --json` prints";
    const o = outputs as Record<string, unknown>;
    const f = o.forwarders as Record<string, unknown> | undefined;
    if (f && KEYS.every(k => typeof f[k] === "string")) return f as unknown as ForwarderConfigs;
    const ips = o.resolverInboundIps;
    if (!Array.isArray(ips) || (!o.zoneIds && !o.answeredNames)) {
        return "has neither `forwarders` nor `answeredNames` (or `zoneIds`) and `resolverInboundIps`: is it the hub stack's output?";
    }
    if (!ips.length) return "has no Resolver inbound addresses (`resolverInboundIps` is empty): the hub has no `vpce-hub:onPrem`";
    const names = namesOf(o);
    if (typeof names === "string") return names;
    try {
        return renderForwarders({ zones: names, resolverIps: ips.map(String) });
    } catch (e) {
        return `cannot be rendered: ${(e as Error).message}`;
    }
}

/** One hub's part of a merged configuration, from its outputs, or why it has none. */
export function hubForwardingFromOutputs(hub: string, outputs: unknown): HubForwarding | string {
    if (!outputs || typeof outputs !== "object" || Array.isArray(outputs)) return "is not the JSON object `pulumi stack output --json` prints";
    const o = outputs as Record<string, unknown>;
    if (!Array.isArray(o.resolverInboundIps) || (!o.zoneIds && !o.answeredNames) || typeof o.region !== "string") {
        return "has no `answeredNames` (or `zoneIds`), `resolverInboundIps` and `region`: is it a hub stack's output?";
    }
    if (!o.resolverInboundIps.length) return "has no Resolver inbound addresses (`resolverInboundIps` is empty): the hub has no `vpce-hub:onPrem`";
    const names = namesOf(o);
    if (typeof names === "string") return names;
    return { hub, region: o.region, zones: names, resolverIps: o.resolverInboundIps.map(String) };
}

export function runForwarders(argv: readonly string[], io: Io, cwd = process.cwd()): number {
    let args;
    try {
        args = parseArgs({ args: [...argv], options: { from: { type: "string", multiple: true }, out: { type: "string" }, help: { type: "boolean", short: "h" } } }).values;
    } catch (e) {
        io.err(`error: (forwarders): command line: ${(e as Error).message}\n${FORWARDERS_USAGE}\n`);
        return 2;
    }
    if (args.help) { io.out(FORWARDERS_USAGE + "\n"); return 0; }
    const froms = args.from ?? [];
    if (!froms.length) {
        io.err(`error: (forwarders): --from: is required\n${FORWARDERS_USAGE}\n`);
        return 2;
    }
    const read: { file: string; outputs: unknown }[] = [];
    for (const file of froms) {
        try {
            read.push({ file, outputs: JSON.parse(fs.readFileSync(path.resolve(cwd, file), "utf8")) });
        } catch (e) {
            io.err(`error: (forwarders): --from: cannot read ${file} as JSON: ${(e as Error).message}\n`);
            return 2;
        }
    }
    let configs: ForwarderConfigs | string;
    if (read.length === 1) {
        configs = forwardersFromOutputs(read[0].outputs);
        if (typeof configs === "string") {
            io.err(`error: (forwarders): --from: ${read[0].file} ${configs}\n`);
            return 2;
        }
    } else {
        // Several hubs: each named after its file (shared-usw2.json -> shared-usw2).
        const hubs: HubForwarding[] = [];
        const problems: string[] = [];
        for (const { file, outputs } of read) {
            const h = hubForwardingFromOutputs(path.basename(file).replace(/\.json$/i, ""), outputs);
            if (typeof h === "string") problems.push(`error: (forwarders): --from: ${file} ${h}`);
            else hubs.push(h);
        }
        if (problems.length) { io.err(problems.join("\n") + "\n"); return 2; }
        try {
            configs = renderHubForwarders(hubs);
        } catch (e) {
            io.err(`error: (forwarders): --from: ${(e as Error).message}\n`);
            return 2;
        }
    }
    const written = writeForwarderFiles(path.resolve(cwd, args.out ?? "forwarders"), configs);
    io.out(`on-prem forwarder configs from ${froms.join(", ")}:\n${written.map(w => `  ${w.product}: ${w.file}`).join("\n")}\n`);
    return 0;
}

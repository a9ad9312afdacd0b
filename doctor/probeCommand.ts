// `npm run doctor -- probe --hub FILE ...`: the command line around doctor/probe.ts: reads the
// hub's outputs, picks the names, locates the host, probes, prints a verdict per name and
// writes --json. Exit 0 every name passes, 1 one fails, 2 bad input.
import * as fs from "fs";
import * as os from "os";
import { parseArgs } from "util";
import { editDistance } from "../lib/didYouMean";
import { Location, ProbeResult, VERDICTS, describeLocation, hubOutputsFrom, locate, probeTargets, unknownServices } from "../lib/checks/probe";
import { plural, shortList } from "../lib/text";
import { Flag, Io, parseOptions, usageOf } from "./io";
import { makeResolver, probe, resolverAddress } from "./probe";

export const PROBE_FLAGS: readonly Flag[] = [
    { name: "hub", type: "string", arg: "FILE", help: "the hub's outputs (pulumi stack output --json -s <hub> > FILE), or a plan's --json" },
    { name: "stack", type: "string", arg: "NAME", help: "with a plan of several hubs: which hub" },
    { name: "resolver", type: "string", arg: "IP[:PORT]", help: "ask this DNS server (default: the host's own)" },
    { name: "port", type: "string", arg: "N", help: "connect to this port instead of 443" },
    { name: "ca-file", type: "string", arg: "PEM", help: "trust these CAs instead of the system's" },
    { name: "services", type: "string", arg: "a,b", help: "only these services" },
    { name: "timeout", type: "string", arg: "MS", help: "per DNS query, connection and handshake (default 3000)" },
    { name: "from", type: "string", arg: "WHERE", help: "where this runs: on-prem, hub or a spoke's name (default: from the host's addresses)" },
    { name: "json", type: "string", arg: "OUT", help: "also write every result as JSON" },
    { name: "help", type: "boolean", help: "this text" },
];

export const PROBE_USAGE = usageOf("probe", PROBE_FLAGS, [
    "Resolves every name the hub serves from this host (each zone's apex, a name under each wildcard,",
    "AAAA for dual-stack endpoints), checks each answer is the service's endpoint, then TCP and TLS",
    "(the certificate must cover the name). No AWS credentials needed.",
]);

const DEFAULT_TIMEOUT_MS = 3000;
/** Names probed at once: 50 names on a healthy network take well under 10 s. */
const CONCURRENCY = 16;

/** The host's own non-loopback addresses: which VPC, if any, it is in. */
function hostAddresses(): string[] {
    return Object.values(os.networkInterfaces()).flatMap(list => (list ?? []).filter(a => !a.internal).map(a => a.address));
}

function positiveInt(text: string | undefined, flag: string, max: number): number | string | undefined {
    if (text === undefined) return undefined;
    const n = Number(text);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : `--${flag} ${text}: not a whole number from 1 to ${max}`;
}

export interface ProbeDeps {
    /** The host's addresses (tests: none, so the host is on-prem unless --from says otherwise). */
    readonly addresses?: () => string[];
}

export async function runProbe(argv: readonly string[], io: Io, deps: ProbeDeps = {}): Promise<number> {
    const bad = (message: string) => { io.err(`error: (probe): ${message}\n`); return 2; };
    let args: Record<string, string | boolean | undefined>;
    try {
        args = parseArgs({ args: [...argv], options: parseOptions(PROBE_FLAGS) }).values as typeof args;
    } catch (e) {
        return bad(`command line: ${(e as Error).message}\n${PROBE_USAGE}`);
    }
    if (args.help) { io.out(PROBE_USAGE + "\n"); return 0; }
    if (typeof args.hub !== "string") return bad(`--hub FILE is required\n${PROBE_USAGE}`);
    let doc: unknown;
    try {
        doc = JSON.parse(fs.readFileSync(args.hub, "utf8"));
    } catch (e) {
        return bad(`--hub ${args.hub}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
    }
    const read = hubOutputsFrom(doc, args.stack as string | undefined);
    if (typeof read === "string") return bad(`--hub ${args.hub}: ${read}`);
    const hub = read.outputs;
    const wanted = typeof args.services === "string" ? args.services.split(",").map(s => s.trim()).filter(Boolean) : undefined;
    const unknown = wanted ? unknownServices(hub, wanted) : [];
    if (unknown.length) {
        const known = Object.keys(hub.services);
        return bad(`--services: the hub has no ${unknown.map(u => {
            const best = Math.min(...known.map(k => editDistance(k, u)));
            const near = best <= 2 ? known.filter(k => editDistance(k, u) === best) : [];
            return near.length ? `${u} (did you mean ${near.join(" or ")}?)` : u;
        }).join(", ")}; it has ${shortList(known, 12)}`);
    }
    const port = positiveInt(args.port as string | undefined, "port", 65535);
    const timeoutMs = positiveInt(args.timeout as string | undefined, "timeout", 600_000);
    for (const v of [port, timeoutMs]) if (typeof v === "string") return bad(v);
    let ca: string | undefined;
    if (typeof args["ca-file"] === "string") {
        try { ca = fs.readFileSync(args["ca-file"], "utf8"); } catch (e) { return bad(`--ca-file ${args["ca-file"]}: ${(e as Error).message}`); }
        if (!ca.includes("-----BEGIN CERTIFICATE-----")) return bad(`--ca-file ${args["ca-file"]}: no PEM certificate in it`);
    }
    const opts = { resolver: args.resolver as string | undefined, port: port as number | undefined, ca, timeoutMs: (timeoutMs as number | undefined) ?? DEFAULT_TIMEOUT_MS, concurrency: CONCURRENCY };
    let resolver;
    try {
        resolver = makeResolver(opts);
    } catch (e) {
        return bad(`--resolver ${opts.resolver}: ${(e as Error).message} (IP, IP:PORT or [IPv6]:PORT)`);
    }
    const where = locate(hub, (deps.addresses ?? hostAddresses)(), resolverAddress(resolver), args.from as string | undefined);
    if (typeof where === "string") return bad(where);
    const targets = probeTargets(hub, wanted);
    const started = Date.now();
    const results = await probe(hub, targets, where, resolver, opts);
    const seconds = (Date.now() - started) / 1000;
    io.out(report(read.stack ?? `hub ${hub.vpcId}`, hub.region, resolver.getServers().join(", "), where, results, seconds));
    if (typeof args.json === "string") {
        fs.writeFileSync(args.json, JSON.stringify({ hub: read.stack ?? null, region: hub.region, resolver: resolver.getServers(), where, seconds, results }, null, 2) + "\n");
        io.out(`wrote ${args.json}\n`);
    }
    return results.every(r => r.verdict === "pass") ? 0 : 1;
}

/** One line per name (its cause under it when it fails), then the count per verdict. */
export function report(hubName: string, region: string, resolver: string, where: Location, results: readonly ProbeResult[], seconds: number): string {
    const lines = [`doctor probe: ${hubName} (${region}), ${plural(results.length, "name")} through ${resolver || "the host's resolver"}, from ${describeLocation(where)}`];
    const width = Math.max(...VERDICTS.map(v => v.length));
    const serviceWidth = Math.max(0, ...results.map(r => r.service.length));
    for (const r of results) {
        const conn = r.connections.length ? `  ${r.connections[0].tls ? "tcp+tls" : "tcp"} ${r.connections[0].port} ok` : "";
        lines.push(`  ${r.verdict.padEnd(width)}  ${r.service.padEnd(serviceWidth)}  ${r.host} ${r.type} -> ${r.answer.length ? r.answer.join(", ") : "(none)"}${r.verdict === "pass" ? conn : ""}`);
        if (r.cause) lines.push(`  ${"".padEnd(width)}    ${r.cause}`);
    }
    const failing = results.filter(r => r.verdict !== "pass");
    const counts = VERDICTS.slice(1).map(v => [v, failing.filter(r => r.verdict === v).length] as const).filter(([, n]) => n).map(([v, n]) => `${n} ${v}`);
    lines.push(`Summary: ${plural(results.length, "name")}: ${results.length - failing.length} pass, ${failing.length} fail${counts.length ? ` (${counts.join(", ")})` : ""}, in ${seconds.toFixed(1)} s`);
    return lines.join("\n") + "\n";
}

// npm run bench: plan time and peak memory for generated fleets of one hub and N spokes with 10
// services each, each size in a fresh process so its peak memory is its own. Targets (issues 12
// and 26, on a 2-core machine): 4,000 spokes in under 60 s and 1.5 GB, time growing linearly,
// up to 4,999 spokes (one Transit Gateway's 5,000 attachments, the hub's own included). Wall
// time depends on what else runs on the machine, so the bench also reports CPU seconds (all
// threads, garbage collection included) and the load when it ran.
// Sizes are spoke counts, optionally with the DNS sharing (100:profile) and `accounts` for a hub
// without vpce-hub:organizationId (100:associations:accounts; its endpoint policies list every
// account, which AWS's 20,480 characters cap at a few hundred). Without a DNS sharing, past 300
// spokes the fleet uses Route 53 Profiles. The ratio is reported between the smallest and largest
// size, and in one mode when both modes ran at those sizes. --peering N: how many spokes peer
// (default 20; 0 puts all of 4,999 on the Transit Gateway, its exact limit); --minimal: member
// files with only region, role and hub.
//   npm run bench [-- --sizes 100,100:profile,300,1000] [--repeat N] [--peering N] [--minimal]
import { execFileSync } from "child_process";
import * as os from "os";
import { parseArgs } from "util";
import { HUB_SCHEMA } from "../lib/config/schema";
import { generateStacks } from "../plan/generate";
import { evaluate, validateStacks } from "../plan/plan";

const SERVICES = 10;

/** The organization the generated fleet's accounts belong to (vpce-hub:organizationId). */
const ORGANIZATION_ID = "o-bench00000a";

/**
 * Hub settings a fleet of this size needs: past 300 spokes (what one zone holds in VPC
 * associations by default) zones are shared by Route 53 Profiles where the program offers it;
 * otherwise the association quotas are declared raised, as a user would after asking AWS. A
 * profile takes 1,000 VPCs by default (adjustable): past that the quota is declared raised. The
 * accounts are in one organization unless `accounts` asks for the account-by-account case.
 */
function hubFor(spokes: number, mode?: string, accounts = false): { mode: string; hub: Record<string, unknown> } {
    const org = accounts ? {} : { "vpce-hub:organizationId": ORGANIZATION_ID };
    const profiles = "dns" in HUB_SCHEMA.keys;
    if (profiles && (mode === "profile" || (mode === undefined && spokes >= 300))) {
        return { mode: "profile", hub: { ...org, "vpce-hub:dns": { sharing: "profile" }, ...(spokes >= 1000 ? { "vpce-hub:quotas": { vpcsPerProfile: spokes } } : {}) } };
    }
    return {
        mode: "associations",
        hub: { ...org, ...(spokes + 1 > 300 ? { "vpce-hub:quotas": { vpcsPerZone: spokes + 1, authorizationsPerZone: Math.max(1000, spokes) } } : {}) },
    };
}

async function one(spokes: number, wanted: string | undefined, accounts: boolean, peering: number | undefined, minimal: boolean): Promise<void> {
    const { mode, hub } = hubFor(spokes, wanted, accounts);
    const files = generateStacks(spokes, SERVICES, { hub, peering, fullMembers: !minimal });
    const cpu0 = process.cpuUsage();
    const start = process.hrtime.bigint();
    const { configs, errors } = validateStacks(files);
    if (errors.length) throw new Error(JSON.stringify(errors.slice(0, 5)));
    const result = await evaluate(files, configs);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const cpu = process.cpuUsage(cpu0);
    const resources = result.stacks.reduce((n, s) => n + s.resources.length, 0);
    const failed = result.checks.filter(c => c.verdict === "fail").length;
    process.stdout.write(JSON.stringify({
        spokes, mode: `${mode}${accounts ? " (accounts)" : ""}`, services: SERVICES, stacks: result.stacks.length, resources, checks: result.checks.length, failed,
        seconds: ms / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024,
    }) + "\n");
}

interface Row { spokes: number; mode: string; stacks: number; resources: number; checks: number; failed: number; seconds: number; cpuSeconds: number; peakRssMb: number }

const USAGE = "usage: npm run bench [-- --sizes 100,100:profile,300,1000] [--repeat N] [--peering N] [--minimal]\n" +
    "  --sizes   spoke counts, each optionally :profile, :associations or :accounts (a hub without organizationId)\n" +
    "  --repeat  runs per size (the best is compared); --peering N spokes peer (default 20; 0: all on the Transit Gateway); --minimal member files";

function main(): void {
    let args;
    try {
        args = parseArgs({
            options: {
                sizes: { type: "string", default: "100,100:profile,300,1000" }, repeat: { type: "string", default: "1" },
                peering: { type: "string" }, minimal: { type: "boolean", default: false }, help: { type: "boolean", default: false },
            },
        }).values;
    } catch (e) {
        console.error(`error: ${(e as Error).message}\n${USAGE}`);
        process.exit(2);
    }
    if (args.help) { console.log(USAGE); return; }
    const runs = args.sizes!.split(",").map(x => { const [n, ...rest] = x.split(":"); return { n: Number(n), mode: rest.find(r => r !== "accounts"), accounts: rest.includes("accounts") }; });
    const sizes = runs.map(r => r.n);
    const repeat = Math.max(1, Number(args.repeat));
    const load = () => os.loadavg().map(l => l.toFixed(2)).join(" ");
    console.log(`plan of 1 hub + N spokes x ${SERVICES} services, a fresh process per run (module loading excluded); ` +
        `${os.cpus().length} CPUs, load average before: ${load()}`);
    console.log("spokes  dns                      stacks  resources  checks  failed  seconds  cpu s  peak RSS (MB)");
    const best = new Map<string, Row>();
    for (const { n, mode, accounts } of runs) {
        for (let k = 0; k < repeat; k++) {
            const flags = [`--mode=${mode ?? ""}`, `--peering=${args.peering ?? ""}`, ...(accounts ? ["--accounts"] : []), ...(args.minimal ? ["--minimal"] : [])];
            const r: Row = JSON.parse(execFileSync(process.execPath, [...process.execArgv, __filename, "--one", String(n), ...flags], { encoding: "utf8", maxBuffer: 1 << 20 }));
            console.log(`${String(r.spokes).padStart(6)}  ${r.mode.padEnd(23)}  ${String(r.stacks).padStart(6)}  ${String(r.resources).padStart(9)}  ${String(r.checks).padStart(6)}  ` +
                `${String(r.failed).padStart(6)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.cpuSeconds.toFixed(1).padStart(5)}  ${r.peakRssMb.toFixed(0).padStart(13)}`);
            const prev = best.get(`${n}:${r.mode}`);
            if (!prev || r.seconds < prev.seconds) best.set(`${n}:${r.mode}`, r);
        }
    }
    console.log(`load average after: ${load()}`);
    const rows = [...best.values()];
    const lo = Math.min(...sizes);
    const hi = Math.max(...sizes);
    const top = rows.filter(r => r.spokes === hi);
    for (const h of top) {
        // Against the smallest size in the same mode, else the first smallest run.
        const l = rows.find(r => r.spokes === lo && r.mode === h.mode) ?? rows.find(r => r.spokes === lo);
        if (!l || l === h) continue;
        // Linear growth: the time ratio stays near the size ratio (a square would be its square).
        console.log(`time(${h.spokes} ${h.mode}) / time(${l.spokes} ${l.mode}) = ${(h.seconds / l.seconds).toFixed(1)} for ${(h.spokes / l.spokes).toFixed(1)} times the spokes ` +
            `(CPU ${(h.cpuSeconds / l.cpuSeconds).toFixed(1)}); ${h.spokes} spokes: ${h.seconds.toFixed(1)} s, ${h.peakRssMb.toFixed(0)} MB peak RSS ` +
            `(target at 4,000 spokes: < 60 s and < 1,536 MB)` + (repeat > 1 ? `; best of ${repeat} runs` : ""));
    }
}

const i = process.argv.indexOf("--one");
if (i >= 0) {
    const flag = (name: string) => process.argv.find(a => a.startsWith(`--${name}=`))?.split("=")[1] || undefined;
    const peering = flag("peering");
    one(Number(process.argv[i + 1]), flag("mode"), process.argv.includes("--accounts"), peering === undefined ? undefined : Number(peering), process.argv.includes("--minimal"))
        .catch(e => { console.error(e); process.exit(1); });
} else {
    main();
}

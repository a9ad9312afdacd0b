// npm run bench: plan time and peak memory for 100, 300 and 1,000 generated spokes with 10
// services each, each size in a fresh process so its peak memory is its own. Targets (issue
// 12, on a 2-core machine): 1,000 spokes in under 60 s and 2 GB, and time(1,000)/time(100)
// at most 12. Wall time depends on what else runs on the machine, so the bench also reports
// CPU seconds (all threads, garbage collection included) and the load when it ran.
// Sizes are spoke counts, optionally with the DNS sharing to plan them in (100:profile);
// without one, past 300 spokes the fleet uses Route 53 Profiles. The ratio is reported between
// the smallest and largest size, and in one mode when both modes ran at those sizes.
//   npm run bench [-- --sizes 100,100:profile,300,1000] [--repeat N]
import { execFileSync } from "child_process";
import * as os from "os";
import { parseArgs } from "util";
import { HUB_SCHEMA } from "../lib/config/schema";
import { generateStacks } from "../plan/generate";
import { evaluate, validateStacks } from "../plan/plan";

const SERVICES = 10;

/**
 * Hub settings a fleet of this size needs: past 300 spokes (what one zone holds in VPC
 * associations by default) zones are shared by Route 53 Profiles where the program offers it;
 * otherwise the association quotas are declared raised, as a user would after asking AWS.
 */
function hubFor(spokes: number, mode?: string): { mode: string; hub: Record<string, unknown> } {
    const profiles = "dns" in HUB_SCHEMA.keys;
    if (profiles && (mode === "profile" || (mode === undefined && spokes >= 300))) return { mode: "profile", hub: { "vpce-hub:dns": { sharing: "profile" } } };
    return {
        mode: "associations",
        hub: spokes + 1 > 300 ? { "vpce-hub:quotas": { vpcsPerZone: spokes + 1, authorizationsPerZone: Math.max(1000, spokes) } } : {},
    };
}

async function one(spokes: number, wanted?: string): Promise<void> {
    const { mode, hub } = hubFor(spokes, wanted);
    const files = generateStacks(spokes, SERVICES, { hub });
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
        spokes, mode, services: SERVICES, stacks: result.stacks.length, resources, checks: result.checks.length, failed,
        seconds: ms / 1000, cpuSeconds: (cpu.user + cpu.system) / 1e6, peakRssMb: process.resourceUsage().maxRSS / 1024,
    }) + "\n");
}

interface Row { spokes: number; mode: string; stacks: number; resources: number; checks: number; failed: number; seconds: number; cpuSeconds: number; peakRssMb: number }

function main(): void {
    const args = parseArgs({ options: { sizes: { type: "string", default: "100,100:profile,300,1000" }, repeat: { type: "string", default: "1" } } }).values;
    const runs = args.sizes!.split(",").map(x => { const [n, mode] = x.split(":"); return { n: Number(n), mode }; });
    const sizes = runs.map(r => r.n);
    const repeat = Math.max(1, Number(args.repeat));
    const load = () => os.loadavg().map(l => l.toFixed(2)).join(" ");
    console.log(`plan of 1 hub + N spokes x ${SERVICES} services, a fresh process per run (module loading excluded); ` +
        `${os.cpus().length} CPUs, load average before: ${load()}`);
    console.log("spokes  dns           stacks  resources  checks  failed  seconds  cpu s  peak RSS (MB)");
    const best = new Map<string, Row>();
    for (const { n, mode } of runs) {
        for (let k = 0; k < repeat; k++) {
            const r: Row = JSON.parse(execFileSync(process.execPath, [...process.execArgv, __filename, "--one", String(n), ...(mode ? [mode] : [])], { encoding: "utf8", maxBuffer: 1 << 20 }));
            console.log(`${String(r.spokes).padStart(6)}  ${r.mode.padEnd(12)}  ${String(r.stacks).padStart(6)}  ${String(r.resources).padStart(9)}  ${String(r.checks).padStart(6)}  ` +
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
        console.log(`time(${h.spokes} ${h.mode}) / time(${l.spokes} ${l.mode}) = ${(h.seconds / l.seconds).toFixed(1)} (target for 1,000 / 100: <= 12; ` +
            `CPU ${(h.cpuSeconds / l.cpuSeconds).toFixed(1)}); ${h.spokes} spokes: ${h.seconds.toFixed(1)} s (target < 60), ${h.peakRssMb.toFixed(0)} MB peak RSS (target < 2048)` +
            (repeat > 1 ? `; best of ${repeat} runs` : ""));
    }
}

const i = process.argv.indexOf("--one");
if (i >= 0) {
    one(Number(process.argv[i + 1]), process.argv[i + 2]).catch(e => { console.error(e); process.exit(1); });
} else {
    main();
}

// npm run bench: plan time and peak memory for 1, 10 and 100 generated spokes with 10
// services each. Each size runs in a fresh process so its peak memory is its own.
import { execFileSync } from "child_process";
import { generateStacks } from "../plan/generate";
import { evaluate, validateStacks } from "../plan/plan";

const SIZES = [1, 10, 100];
const SERVICES = 10;

async function one(spokes: number): Promise<void> {
    const files = generateStacks(spokes, SERVICES);
    const start = process.hrtime.bigint();
    const { configs, errors } = validateStacks(files);
    if (errors.length) throw new Error(JSON.stringify(errors));
    const result = await evaluate(files, configs);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const resources = result.stacks.reduce((n, s) => n + s.resources.length, 0);
    const failed = result.checks.filter(c => c.verdict === "fail").length;
    process.stdout.write(JSON.stringify({
        spokes, services: SERVICES, stacks: result.stacks.length, resources, checks: result.checks.length, failed,
        seconds: ms / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024,
    }) + "\n");
}

function main(): void {
    const rows = SIZES.map(n => JSON.parse(execFileSync(process.execPath, [...process.execArgv, __filename, "--one", String(n)], { encoding: "utf8" })));
    console.log("plan of 1 hub + N spokes x 10 services, fresh process each (module loading excluded from the time)");
    console.log("spokes  stacks  resources  checks  failed  seconds  peak RSS (MB)");
    for (const r of rows) {
        console.log(`${String(r.spokes).padStart(6)}  ${String(r.stacks).padStart(6)}  ${String(r.resources).padStart(9)}  ${String(r.checks).padStart(6)}  ` +
            `${String(r.failed).padStart(6)}  ${r.seconds.toFixed(2).padStart(7)}  ${r.peakRssMb.toFixed(0).padStart(13)}`);
    }
}

const i = process.argv.indexOf("--one");
if (i >= 0) {
    one(Number(process.argv[i + 1])).catch(e => { console.error(e); process.exit(1); });
} else {
    main();
}

// After `npm run mutation`: the score per folder (as docs/mutants.md tabulates it) and every
// mutant no test detected, one line each (file:line mutator: code -> replacement), to be
// given a test or a reason in docs/mutants.md.
//   node scripts/mutants.mjs [REPORT.json ...] [--files] [--list]   (--files: a row per file too)
// Several reports (one per folder run, e.g. reports/mutation/lib.json) are read as one; a file in
// more than one report counts once, from the last report given.
import * as fs from "fs";

const args = process.argv.slice(2);
const reports = args.filter(a => !a.startsWith("--"));
const files = {};
for (const file of reports.length ? reports : ["reports/mutation/mutation.json"]) {
    Object.assign(files, JSON.parse(fs.readFileSync(file, "utf8")).files);
}
const rows = new Map();
const undetected = [];
for (const [name, f] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const folder = name.includes("/") ? name.slice(0, name.indexOf("/") + 1) : "./";
    const lines = f.source.split("\n");
    for (const m of f.mutants) {
        for (const key of [folder, "all", ...(args.includes("--files") ? [name] : [])]) {
            const r = rows.get(key) ?? {};
            r[m.status] = (r[m.status] ?? 0) + 1;
            rows.set(key, r);
        }
        if (m.status === "Survived" || m.status === "NoCoverage") {
            const line = m.location.start.line;
            undetected.push(`${name}:${line} ${m.status === "NoCoverage" ? "(no coverage) " : ""}${m.mutatorName}: ` +
                `${lines[line - 1].trim().slice(0, 100)} -> ${String(m.replacement ?? "").replace(/\s+/g, " ").slice(0, 80)}`);
        }
    }
}
const n = (r, k) => r[k] ?? 0;
console.log("| folder | killed | timeout | survived | no coverage | ignored | score | covered score |");
console.log("| --- | --- | --- | --- | --- | --- | --- | --- |");
for (const [folder, r] of [...rows].sort()) {
    const detected = n(r, "Killed") + n(r, "Timeout");
    const covered = detected + n(r, "Survived");
    const valid = covered + n(r, "NoCoverage");
    const pct = (a, b) => (b ? (100 * a / b).toFixed(1) + " %" : "-");
    console.log(`| ${folder} | ${n(r, "Killed")} | ${n(r, "Timeout")} | ${n(r, "Survived")} | ${n(r, "NoCoverage")} | ${n(r, "Ignored")} | ${pct(detected, valid)} | ${pct(detected, covered)} |`);
}
if (args.includes("--list")) console.log("\n" + undetected.join("\n"));

// After `npm run mutation`: the score per folder (as docs/mutants.md tabulates it) and every
// mutant no test detected, one line each (file:line mutator: code -> replacement), to be
// given a test or a reason in docs/mutants.md.
//   node scripts/mutants.mjs [reports/mutation/mutation.json] [--list]
import * as fs from "fs";

const args = process.argv.slice(2);
const file = args.find(a => !a.startsWith("--")) ?? "reports/mutation/mutation.json";
const report = JSON.parse(fs.readFileSync(file, "utf8"));
const rows = new Map();
const undetected = [];
for (const [name, f] of Object.entries(report.files)) {
    const folder = name.includes("/") ? name.slice(0, name.indexOf("/") + 1) : "./";
    const lines = f.source.split("\n");
    for (const m of f.mutants) {
        for (const key of [folder, "all"]) {
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

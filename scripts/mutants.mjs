// After `npm run mutation`: the score per folder (as docs/mutants.md tabulates it) and every
// mutant no test detected, one line each (file:line mutator: code -> replacement), to be
// given a test or a reason (docs/survivors/<file>.tsv, see docs/mutants.md).
//   node scripts/mutants.mjs [REPORT.json ...] [--files] [--list] [--unjudged] [--skeleton]
//     --files      a row per file too
//     --list       every undetected mutant
//     --unjudged   only the undetected mutants without a reason in docs/survivors/ (exit 1 if any)
//     --skeleton   append a row with an empty reason to docs/survivors/<file>.tsv for each of those
//     --prune      drop the rows of docs/survivors/ that judge no undetected mutant any more
// A reason starting "test:" says a test now kills the mutant (written before the re-run that
// proves it); such a row that still matches an undetected mutant is reported as a false claim.
// Several reports (one per folder run, e.g. reports/mutation/lib.json) are read as one; a file in
// more than one report counts once, from the last report given; REPORT.json=FOLDER/ reads only
// the files under FOLDER/ from that report.
import * as fs from "fs";
import * as path from "path";

const args = process.argv.slice(2);
const reports = args.filter(a => !a.startsWith("--"));
const files = {};
for (const arg of reports.length ? reports : ["reports/mutation/mutation.json"]) {
    // REPORT.json=lib/ takes only that report's files under lib/ (a folder run's report also
    // carries the other folders' results as its incremental file last saw them).
    const [file, prefix = ""] = arg.split("=");
    for (const [name, f] of Object.entries(JSON.parse(fs.readFileSync(file, "utf8")).files)) {
        if (name.startsWith(prefix)) files[name] = f;
    }
}

// docs/survivors/<source path>.tsv: line, mutator, code (the source line, trimmed), replacement,
// reason. A row judges a mutant with the same mutator, code and replacement (the line number is
// only for reading: it may drift as the file changes). Lines starting with # are comments.
const SURVIVORS = "docs/survivors";
const oneLine = s => String(s ?? "").replace(/\s+/g, " ").trim();
const keyOf = (mutator, code, replacement) => [mutator, oneLine(code), oneLine(replacement)].join("\t");
const ledgerFile = name => path.join(SURVIVORS, name + ".tsv");
function readLedger(name) {
    const judged = new Map();
    if (!fs.existsSync(ledgerFile(name))) return judged;
    for (const row of fs.readFileSync(ledgerFile(name), "utf8").split("\n")) {
        if (!row.trim() || row.startsWith("#")) continue;
        const [, mutator, code, replacement, reason] = row.split("\t");
        if (!oneLine(reason)) continue;
        const k = keyOf(mutator, code, replacement);
        const list = judged.get(k) ?? [];
        list.push({ row, reason: oneLine(reason) });
        judged.set(k, list);
    }
    return judged;
}
const used = new Map(); // ledger file -> rows that judge a mutant of this run
const falseClaims = [];

const rows = new Map();
const undetected = [];
const unjudged = [];
const skeleton = new Map();
for (const [name, f] of Object.entries(files).sort(([a], [b]) => a.localeCompare(b))) {
    const folder = name.includes("/") ? name.slice(0, name.indexOf("/") + 1) : "./";
    const lines = f.source.split("\n");
    const judged = readLedger(name);
    for (const m of [...f.mutants].sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)) {
        for (const key of [folder, "all", ...(args.includes("--files") ? [name] : [])]) {
            const r = rows.get(key) ?? {};
            r[m.status] = (r[m.status] ?? 0) + 1;
            rows.set(key, r);
        }
        if (m.status === "Survived" || m.status === "NoCoverage") {
            const line = m.location.start.line;
            const code = lines[line - 1];
            const text = `${name}:${line} ${m.status === "NoCoverage" ? "(no coverage) " : ""}${m.mutatorName}: ` +
                `${code.trim().slice(0, 100)} -> ${oneLine(m.replacement).slice(0, 80)}`;
            undetected.push(text);
            const k = keyOf(m.mutatorName, code, m.replacement);
            // Rows with one key cannot say which of those mutants each judges: a surviving one
            // takes a reason that lets it stay before a "test:" claim.
            const list = judged.get(k) ?? [];
            const at = list.findIndex(j => !j.reason.startsWith("test:"));
            const match = list.splice(at >= 0 ? at : 0, 1)[0];
            if (match) {
                const u = used.get(name) ?? new Set();
                u.add(match.row);
                used.set(name, u);
                if (match.reason.startsWith("test:")) falseClaims.push(`${text}\n    claimed: ${match.reason}`);
                continue;
            }
            unjudged.push(text);
            const rowsOf = skeleton.get(name) ?? [];
            rowsOf.push([line, m.mutatorName, oneLine(code), oneLine(m.replacement), ""].join("\t"));
            skeleton.set(name, rowsOf);
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
if (args.includes("--unjudged") || args.includes("--skeleton")) {
    console.log(`\n${undetected.length} undetected, ${undetected.length - unjudged.length} with a reason in ${SURVIVORS}/, ${unjudged.length} without:`);
    if (args.includes("--unjudged")) console.log(unjudged.join("\n"));
    if (args.includes("--skeleton")) {
        for (const [name, rowsOf] of skeleton) {
            fs.mkdirSync(path.dirname(ledgerFile(name)), { recursive: true });
            const head = fs.existsSync(ledgerFile(name)) ? "" :
                `# ${name}: surviving mutants and why each stays (docs/mutants.md). Columns, tab-separated:\n# line\tmutator\tcode\treplacement\treason\n`;
            fs.appendFileSync(ledgerFile(name), head + rowsOf.join("\n") + "\n");
        }
        console.log(`appended ${unjudged.length} rows with an empty reason to ${SURVIVORS}/`);
    }
    if (unjudged.length) process.exitCode = 1;
}
if (falseClaims.length) {
    console.log(`\n${falseClaims.length} mutants a reason says a test kills still survive:\n${falseClaims.join("\n")}`);
    process.exitCode = 1;
}
if (args.includes("--prune")) {
    let dropped = 0;
    for (const name of Object.keys(files)) {
        if (!fs.existsSync(ledgerFile(name))) continue;
        const keep = used.get(name) ?? new Set();
        const out = fs.readFileSync(ledgerFile(name), "utf8").split("\n").filter(row => {
            const drop = row.trim() && !row.startsWith("#") && !keep.has(row);
            if (drop) dropped++;
            return !drop;
        });
        fs.writeFileSync(ledgerFile(name), out.join("\n"));
    }
    console.log(`pruned ${dropped} rows that judge no undetected mutant`);
}

#!/usr/bin/env node
// npm run behaviour-bugs [-- ID ...] [--list] [--keep]: replays the team's own corpus of behaviour
// bugs (test/behaviour-bugs/*.patch, docs/mutants.md "Behaviour bugs"). Each patch is a small
// change of product code a plausible engineer could write while changing a feature, and each is
// a real outage, refused deploy, security hole or wrong figure for a user; its header says which,
// and which test catches it. This script copies the working tree (tracked and unignored files)
// to a temporary directory once, never touching the working tree, runs the named tests there
// unpatched (they must pass: a witness that fails without the bug proves nothing), then for each
// bug applies its patch, runs its named tests, reports caught (a named test fails) or missed
// (all pass), and reverts the patch. A patch that no longer applies is reported stale: refresh it
// against the code it describes. Exit 0 only when every bug is caught.
//
//   npm run behaviour-bugs                 every bug
//   npm run behaviour-bugs -- 05 19        only these (by number or file-name prefix)
//   npm run behaviour-bugs -- --list       the corpus as a Markdown table (docs/mutants.md), no runs
//   npm run behaviour-bugs -- --keep       keep the temporary copy (its path is printed)
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = path.join(ROOT, "test", "behaviour-bugs");

/** A patch's header: the lines before its first `diff --git`. */
function readBug(file) {
    const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
    const header = text.slice(0, text.indexOf("diff --git")).split("\n");
    const field = name => header.filter(l => l.startsWith(`${name}: `)).map(l => l.slice(name.length + 2).trim());
    const title = header[0].match(/^Behaviour bug (\S+): (.*)$/);
    if (!title) throw new Error(`${file}: the first line must read "Behaviour bug <id>: <title>"`);
    const caught = field("Caught by").map(c => {
        const [testFile, grep] = c.split(" -- grep ");
        return { file: testFile.trim(), grep: grep?.trim() };
    });
    if (!caught.length) throw new Error(`${file}: no "Caught by:" line`);
    return { file, id: title[1], title: title[2], klass: field("Class")[0] ?? "", suffers: field("What a user suffers")[0] ?? "", caught };
}

const escape = s => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function list(bugs) {
    console.log("| # | bug (patch in test/behaviour-bugs/) | class | what a user suffers | caught by |");
    console.log("|---|---|---|---|---|");
    for (const b of bugs) {
        const by = b.caught.map(c => `\`${c.file}\`${c.grep ? ` ("${c.grep}")` : ""}`).join(", ");
        console.log(`| ${b.id} | ${b.title} (\`${b.file}\`) | ${b.klass} | ${b.suffers.replace(/\|/g, "\\|")} | ${by} |`);
    }
}

/** The working tree as it is (tracked and unignored files), with the project's node_modules linked. */
function copyTree() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-behaviour-bugs-"));
    const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
    for (const f of files) {
        const from = path.join(ROOT, f);
        if (!fs.existsSync(from) || fs.lstatSync(from).isSymbolicLink() || !fs.statSync(from).isFile()) continue;
        fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
        fs.copyFileSync(from, path.join(dir, f));
    }
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, "node_modules")), path.join(dir, "node_modules"));
    return dir;
}

/** Runs one named test in the copy: "pass", or "fail" with the first failure's title. */
function runTest(dir, { file, grep }) {
    const args = [path.join("node_modules", "mocha", "bin", "mocha.js"), "--no-config", "-r", "ts-node/register/transpile-only", "--extension", "ts",
        "--timeout", "120000", "--reporter", "dot", file, ...(grep ? ["--grep", escape(grep)] : [])];
    const r = spawnSync(process.execPath, args, { cwd: dir, encoding: "utf8", env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "true" }, maxBuffer: 64 * 1024 * 1024 });
    const out = `${r.stdout}${r.stderr}`;
    const passing = Number(out.match(/(\d+) passing/)?.[1] ?? 0);
    if (r.status === 0 && passing > 0) return { verdict: "pass", passing };
    if (r.status === 0) return { verdict: "none", detail: "no test matched" };
    const first = out.match(/\n\s+1\) ([^\n]+)\n(?:\s+([^\n]+)\n)?/);
    return { verdict: "fail", detail: first ? `${first[1].trim()}${first[2] ? ` ${first[2].trim()}` : ""}` : out.trim().split("\n").slice(-3).join(" ") };
}

function git(dir, args) {
    return spawnSync("git", args, { cwd: dir, encoding: "utf8" });
}

function main() {
    const argv = process.argv.slice(2);
    const wanted = argv.filter(a => !a.startsWith("--"));
    const bugs = fs.readdirSync(CORPUS).filter(f => f.endsWith(".patch")).sort().map(readBug)
        .filter(b => !wanted.length || wanted.some(w => b.id === w || b.file.startsWith(w)));
    if (argv.includes("--list")) { list(bugs); return 0; }
    if (!bugs.length) { console.error("behaviour-bugs: no bug matches"); return 2; }

    const dir = copyTree();
    console.log(`behaviour-bugs: ${bugs.length} bug(s), replayed in ${dir}`);
    let bad = 0;
    // Every witness passes without its bug, or it proves nothing.
    const witnesses = new Map();
    for (const c of bugs.flatMap(b => b.caught)) witnesses.set(`${c.file}|${c.grep ?? ""}`, c);
    for (const c of witnesses.values()) {
        const r = runTest(dir, c);
        if (r.verdict !== "pass") {
            console.log(`  WITNESS BROKEN  ${c.file}${c.grep ? ` -- grep ${c.grep}` : ""}: ${r.verdict === "none" ? r.detail : `fails without any bug: ${r.detail}`}`);
            bad++;
        }
    }
    const rows = [];
    for (const b of bugs) {
        const patch = path.join(CORPUS, b.file);
        const started = Date.now();
        const check = git(dir, ["apply", "--check", patch]);
        if (check.status !== 0) {
            rows.push({ b, verdict: "STALE", detail: `the patch no longer applies: ${check.stderr.trim().split("\n")[0]}` });
            bad++;
            continue;
        }
        execFileSync("git", ["apply", patch], { cwd: dir });
        let caughtBy;
        try {
            for (const c of b.caught) {
                const r = runTest(dir, c);
                if (r.verdict === "fail") { caughtBy = `${c.file}: ${r.detail}`; break; }
            }
        } finally {
            execFileSync("git", ["apply", "-R", patch], { cwd: dir });
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        if (caughtBy) rows.push({ b, verdict: "caught", detail: `${seconds} s, ${caughtBy}` });
        else { rows.push({ b, verdict: "MISSED", detail: `${seconds} s, every named test passes with the bug` }); bad++; }
        const last = rows[rows.length - 1];
        console.log(`  ${last.verdict.padEnd(7)} ${b.id} ${b.title}: ${last.detail.slice(0, 220)}`);
    }
    const caught = rows.filter(r => r.verdict === "caught").length;
    console.log(`behaviour-bugs: ${caught} of ${bugs.length} caught${rows.some(r => r.verdict === "STALE") ? `, ${rows.filter(r => r.verdict === "STALE").length} stale` : ""}`);
    for (const r of rows.filter(x => x.verdict === "STALE")) console.log(`  STALE   ${r.b.id} ${r.b.title}: ${r.detail}`);
    if (argv.includes("--keep")) console.log(`behaviour-bugs: the copy is kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
    return bad ? 1 : 0;
}

process.exitCode = main();

// The root Pulumi.<stack>.yaml files are the user's: adopters edit, add and remove them. The
// suite reads its own copies (test/fixtures/example/), so none of that can turn `npm test` red.
// This proves it the only way that convinces: the example checks run, in a child mocha, in a
// temporary copy of the project whose root stack files are broken, removed and added to.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { loadStackFiles } from "../lib/config/stackFiles";
import { EXAMPLE_DIR, ROOT } from "./helpers";

/** The test files that read the example stacks (the plan, the plan command, deployments, ESC). */
const EXAMPLE_SUITES = ["test/plan.test.ts", "test/deployments.test.ts", "test/bootstrap.test.ts"];

/** A copy of the project: test/ copied (so its __dirname is the copy), everything else linked. */
function projectCopy(): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-adopter-"));
    for (const entry of fs.readdirSync(ROOT)) {
        if (entry === ".git" || entry === "test" || /^Pulumi\..+\.ya?ml$/.test(entry) && entry !== "Pulumi.yaml") continue;
        fs.symlinkSync(path.join(ROOT, entry), path.join(dir, entry));
    }
    fs.cpSync(path.join(ROOT, "test"), path.join(dir, "test"), { recursive: true });
    return dir;
}

describe("the suite is independent of the user's root Pulumi.<stack>.yaml files", () => {
    it("the example fixtures are the shipped examples' stacks: shared (hub), member-a and member-b (spokes)", () => {
        const { files, errors } = loadStackFiles(EXAMPLE_DIR);
        assert.deepStrictEqual(errors, []);
        assert.deepStrictEqual(files.map(f => [f.stack, f.raw["vpce-hub:role"]]), [["member-a", "spoke"], ["member-b", "spoke"], ["shared", "hub"]]);
    });

    it("the example checks pass in a project whose root stack files were edited, removed and added to", function () {
        this.timeout(90000);
        const dir = projectCopy();
        try {
            // What an adopter does: their own hub (here, one that does not even parse), a member
            // removed, a new member added.
            fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), "config:\n  vpce-hub:role: hub\n  vpce-hub:vpc: [unterminated\n");
            fs.writeFileSync(path.join(dir, "Pulumi.member-c.yaml"), "config:\n  vpce-hub:role: spoke\n  vpce-hub:accountId: \"333333333333\"\n");
            // The copy's root really is broken: anything that still read it would fail.
            const root = loadStackFiles(dir);
            assert.match(root.errors.map(e => `${e.key}: ${e.message}`).join("\n"), /\(Pulumi\.shared\.yaml line \d+, column \d+\): malformed YAML/);
            assert.deepStrictEqual(root.files.map(f => f.stack), ["member-c"]);

            const run = spawnSync(process.execPath, [
                require.resolve("mocha/bin/mocha.js"), "--no-config", "-r", "ts-node/register/transpile-only", "--extension", "ts",
                "--timeout", "30000", "--reporter", "json", ...EXAMPLE_SUITES,
            ], { cwd: dir, encoding: "utf8", env: { ...process.env, TS_NODE_PROJECT: path.join(dir, "tsconfig.json") }, maxBuffer: 64 << 20 });
            const json = run.stdout.slice(run.stdout.indexOf("{"));
            let report: { stats: { passes: number; failures: number; pending: number }; failures: { fullTitle: string; err: { message: string } }[]; passes: { fullTitle: string }[] };
            try {
                report = JSON.parse(json);
            } catch {
                assert.fail(`the child mocha printed no report (exit ${run.status}): ${run.stderr.slice(0, 2000)}`);
            }
            assert.deepStrictEqual(report.failures.map(f => `${f.fullTitle}: ${f.err.message.split("\n")[0]}`), []);
            assert.strictEqual(report.stats.pending, 0, "nothing skipped");
            assert.strictEqual(run.status, 0);
            const passed = report.passes.map(p => p.fullTitle);
            for (const title of [
                "offline plan of the example stacks passes every path check: each member and on-prem, each service name, and spoke isolation",
                "npm run plan (the command) exits 0 on the example, prints the path checks, and writes the JSON with the documented keys",
                "deployments: the example stack files plans the example's stacks: shared is the hub, member-a and member-b deploy after it, each on its own file",
            ]) assert.ok(passed.includes(title), `did not pass: ${title}`);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe("no test reads the root stack files (new tests follow test/fixtures/example/README.md)", () => {
    it("no test file loads stack files from the repository root or runs the plan command on it", () => {
        const offenders: string[] = [];
        for (const file of fs.readdirSync(__dirname).filter(f => f.endsWith(".ts"))) {
            const text = fs.readFileSync(path.join(__dirname, file), "utf8");
            const lines = text.split("\n");
            lines.forEach((line, i) => {
                if (/^\s*\/\//.test(line)) return;
                // loadStackFiles(ROOT), readStackFiles(REPO_ROOT), path.join(ROOT, "Pulumi.shared.yaml"), runPlan([...], io, ROOT) without --stacks-dir.
                if (/(loadStackFiles|readStackFiles)\(\s*(ROOT|REPO_ROOT|root)\s*[,)]/.test(line) ||
                    /path\.join\(\s*(ROOT|REPO_ROOT)\s*,\s*[`"]Pulumi\.(?!yaml")/.test(line) ||
                    /runPlan\(\[(?![^\]]*--stacks-dir)[^\]]*\],\s*\w+,\s*(ROOT|REPO_ROOT)\s*\)/.test(line)) {
                    offenders.push(`test/${file}:${i + 1}: ${line.trim()}`);
                }
            });
        }
        assert.deepStrictEqual(offenders, []);
    });
});

describe("running one test file, as README.md and policy/README.md say", () => {
    it("`npm run test:one -- test/cidr.test.ts` runs that file's tests and no other file's", function () {
        this.timeout(30000);
        const script: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts["test:one"];
        assert.match(script, /^mocha --no-config /, "without --no-config, .mocharc.json's spec adds the whole suite");
        for (const doc of ["README.md", "policy/README.md"]) {
            assert.match(fs.readFileSync(path.join(ROOT, doc), "utf8"), /npm run test:one -- test\/[\w.-]+\.test\.ts/, doc);
        }
        const args = script.split(/\s+/).slice(1);
        const run = spawnSync(process.execPath, [require.resolve("mocha/bin/mocha.js"), ...args, "--reporter", "json", "test/cidr.test.ts"],
            { cwd: ROOT, encoding: "utf8" });
        assert.strictEqual(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{")));
        const files = new Set<string>(report.passes.map((p: { file: string }) => path.relative(ROOT, p.file)));
        assert.deepStrictEqual([...files], ["test/cidr.test.ts"]);
        assert.ok(report.stats.passes > 0);
    });
});

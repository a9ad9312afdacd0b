// The team's corpus of behaviour bugs (test/behaviour-bugs/*.patch, replayed by
// `npm run behaviour-bugs`, docs/mutants.md) stays replayable: every patch still applies to the
// code as it is now, says what a user suffers and which test catches it, that test exists, and
// the bug is listed in docs/mutants.md. Replaying them (minutes) is the script's job; this only
// makes a patch that a change left stale show on the branch that changed the code.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ROOT } from "./helpers";

const CORPUS = path.join(ROOT, "test", "behaviour-bugs");

describe("the behaviour-bug corpus (test/behaviour-bugs/, npm run behaviour-bugs)", () => {
    const patches = fs.readdirSync(CORPUS).filter(f => f.endsWith(".patch")).sort();
    const docs = fs.readFileSync(path.join(ROOT, "docs", "mutants.md"), "utf8");

    it("holds at least 20 bugs, numbered without gaps or twins", () => {
        assert.ok(patches.length >= 20, `${patches.length} patches`);
        assert.deepStrictEqual(patches.map(p => p.slice(0, 2)), patches.map((_, i) => String(i + 1).padStart(2, "0")));
    });

    for (const file of patches) {
        it(`${file}: applies to the current code, says what a user suffers and names an existing test that holds it, and docs/mutants.md lists it`, () => {
            const text = fs.readFileSync(path.join(CORPUS, file), "utf8");
            const header = text.slice(0, text.indexOf("diff --git")).split("\n");
            assert.match(header[0], /^Behaviour bug \d\d: \S/);
            assert.ok(header.some(l => /^Class: \S/.test(l)), "a Class: line");
            assert.ok(header.some(l => /^What a user suffers: .{40,}/.test(l)), "a What a user suffers: line");
            const caught = header.filter(l => l.startsWith("Caught by: ")).map(l => l.slice("Caught by: ".length).split(" -- grep "));
            assert.ok(caught.length, "a Caught by: line");
            for (const [testFile, grep] of caught) {
                assert.ok(fs.existsSync(path.join(ROOT, testFile.trim())), `${testFile} exists`);
                if (grep) assert.ok(fs.readFileSync(path.join(ROOT, testFile.trim()), "utf8").includes(grep.trim()), `${testFile} has a test titled with "${grep}"`);
            }
            const check = spawnSync("git", ["apply", "--check", path.join(CORPUS, file)], { cwd: ROOT, encoding: "utf8" });
            assert.strictEqual(check.status, 0, `the patch no longer applies (${check.stderr.trim()}): the code it breaks changed; rewrite the same bug against the new code`);
            assert.ok(docs.includes(`\`${file}\``), "docs/mutants.md lists it (npm run behaviour-bugs -- --list prints its row)");
        });
    }
});

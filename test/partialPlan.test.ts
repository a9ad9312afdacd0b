// Exit 2 without hiding what is fine (issue 23): with several hubs, one hub's errors leave every
// other hub's plan shown (exit 2 stays, the errors first on stdout and on stderr); and --html
// writes a page that shows the errors, whether or not anything could be planned.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Io, runPlan } from "../plan/cli";
import { MULTI_REGION_DIR, exampleStacksIn } from "./helpers";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-partial-"));

/** The multi-region example with one hub's VPC CIDR given host bits. */
function brokenUse1(): string {
    const dir = path.join(tmp, "multi");
    fs.mkdirSync(dir, { recursive: true });
    for (const f of fs.readdirSync(MULTI_REGION_DIR)) fs.copyFileSync(path.join(MULTI_REGION_DIR, f), path.join(dir, f));
    const file = path.join(dir, "Pulumi.shared-use1.yaml");
    const text = fs.readFileSync(file, "utf8");
    const broken = text.replace(/cidr: 10\.48\.0\.0\/16/, "cidr: 10.48.0.1/16");
    assert.notStrictEqual(broken, text);
    fs.writeFileSync(file, broken);
    return dir;
}

describe("exit 2 shows what it can: every other hub's plan, and an HTML page with the errors", function () {
    this.timeout(60000);

    it("one hub with an error: the others are planned and shown, the errors come first (and on stderr), exit 2 stays, --json is not written", async () => {
        const io = capture();
        const json = path.join(tmp, "multi.json");
        assert.strictEqual(await runPlan(["--stacks-dir", brokenUse1(), "--no-color", "--json", json], io, tmp), 2);
        assert.match(io.stderr, /^error: shared-use1: vpce-hub:vpc\.cidr: "10\.48\.0\.1\/16" has host bits set/m);
        assert.match(io.stdout, /^Errors: 2 \(exit 2; also on stderr\)\n {2}error: shared-use1: vpce-hub:vpc\.cidr: /m);
        assert.match(io.stdout, /^ {2}not planned: shared-use1, with its members; every other hub is below$/m);
        for (const hub of ["shared-apne1", "shared-usw2", "shared-nonprod"]) assert.match(io.stdout, new RegExp(`^Stacks: .* \\[hub ${hub}, `, "m"), hub);
        assert.doesNotMatch(io.stdout, /\[hub shared-use1/);
        assert.match(io.stdout, /^Summary: .*, 2 errors \(exit 2: listed first\)$/m);
        assert.match(io.stdout, new RegExp(`^not written: ${json.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} \\(the plan has errors: exit 2\\)$`, "m"));
        assert.ok(!fs.existsSync(json));
    });

    it("--html on exit 2: the page shows the errors above the hubs that were planned", async () => {
        const io = capture();
        const html = path.join(tmp, "multi.html");
        assert.strictEqual(await runPlan(["--stacks-dir", brokenUse1(), "--html", html], io, tmp), 2);
        const page = fs.readFileSync(html, "utf8");
        assert.match(page, /<span class="badge fail">2 configuration errors \(exit 2\)<\/span>/);
        assert.match(page, /<section id="errors"><h2>Errors<\/h2>.*<p>Not planned: shared-use1, with its members\. Every other hub is planned below\.<\/p>/s);
        assert.match(page, /<code>error: shared-use1: vpce-hub:vpc\.cidr:<\/code> &quot;10\.48\.0\.1\/16&quot; has host bits set/);
        assert.ok(page.indexOf('id="errors"') < page.indexOf('id="topology"'));
    });

    it("--html with nothing to plan (the only hub invalid): a page with the errors alone", async () => {
        const dir = exampleStacksIn(path.join(tmp, "single"), f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.1/16"); });
        const io = capture();
        const html = path.join(tmp, "single.html");
        assert.strictEqual(await runPlan(["--stacks-dir", dir, "--html", html], io, tmp), 2);
        assert.strictEqual(io.stdout, `wrote ${html}\n`);
        const page = fs.readFileSync(html, "utf8");
        assert.match(page, /<h1>vpce-hub plan: nothing planned<\/h1>/);
        assert.match(page, /<code>error: shared: vpce-hub:vpc\.cidr:<\/code> &quot;10\.0\.0\.1\/16&quot; has host bits set/);
        assert.match(page, /<code>error: shared: \(member stacks\):<\/code> 2 member stacks of this hub \(member-a, member-b\)/);
    });
});

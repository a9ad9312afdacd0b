// Layout (issue 23): no table row wraps at 120 columns in any mode (associations, profile,
// dual-stack, several hubs); IPv6 blocks in the spoke table and the HTML topology; warnings in
// brief before the long sections; the HTML usable in a 1,000 px window (checked in Debian's
// chromium, screenshots in test-output/); one on-prem network behind several hubs drawn once.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser } from "playwright-core";
import { renderHtmlReport } from "../lib/report/html/page";
import { Io, runPlan } from "../plan/cli";
import { launchBrowser, testOutput } from "../plan/browser";
import { fleetDocument } from "./fixtures/fleetDocument";
import { EXAMPLE_DIR, MULTI_REGION_DIR, ROOT } from "./helpers";

const SETS: Record<string, string> = {
    example: EXAMPLE_DIR,
    profile: path.join(ROOT, "examples", "profile"),
    "dual-stack": path.join(ROOT, "examples", "dual-stack"),
    "multi-region": MULTI_REGION_DIR,
};
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-layout-"));

const runs = new Map<string, Promise<string>>();

/** `npm run plan` once per stacks directory and options: its output (and any file it writes) is a pure function of both. */
function plan(dir: string, ...extra: string[]): Promise<string> {
    const key = [dir, ...extra].join("\0");
    if (!runs.has(key)) {
        runs.set(key, (async () => {
            let out = "";
            const io: Io = { out: t => { out += t; }, err: () => undefined, isTty: false };
            assert.strictEqual(await runPlan(["--stacks-dir", dir, "--no-color", ...extra], io, tmp), 0);
            return out;
        })());
    }
    return runs.get(key)!;
}

/** The HTML page and Mermaid file of an example set, written once. */
async function rendered(name: string): Promise<{ html: string; mermaid: string }> {
    const files = { html: path.join(tmp, `${name}.html`), mermaid: path.join(tmp, `${name}.mmd`) };
    await plan(SETS[name], "--html", files.html, "--mermaid", files.mermaid);
    return files;
}

/** Each table of the report (a header row of capitals, then its rows): its lines up to the first that is no row of it. */
function tables(out: string): { header: string; rows: string[] }[] {
    const lines = out.split("\n");
    const found: { header: string; rows: string[] }[] = [];
    lines.forEach((l, i) => {
        if (!/^ {2}[A-Z]{3,}(?: [A-Z(]|\s{2,}[A-Z])/.test(l) || !/ {2}[A-Z]/.test(l.slice(2))) return;
        const rows: string[] = [];
        for (let j = i + 1; j < lines.length && lines[j].startsWith("  ") && !/^ {2}[A-Z]+: /.test(lines[j]) && !/^ {2}(hub|spoke) resources:/.test(lines[j]); j++) rows.push(lines[j]);
        found.push({ header: l, rows });
    });
    return found;
}

describe("layout of the plan", function () {
    this.timeout(60000);
    let browser: Browser;
    before(async () => { browser = await launchBrowser(); });
    after(async () => { await browser?.close(); });

    it("no table row wraps at 120 columns in any mode: every row starts at a column of its header, verbose or not", async () => {
        for (const [name, dir] of Object.entries(SETS)) {
            for (const extra of [[], ["--verbose"]]) {
                const out = await plan(dir, ...extra);
                assert.deepStrictEqual(out.split("\n").filter(l => l.length > 120), [], `${name} ${extra.join(" ")}: lines over 120 columns`);
                const spokes = tables(out).filter(t => t.header.includes("SPOKE"));
                assert.ok(spokes.length >= 1, `${name}: a spoke table`);
                for (const t of spokes) {
                    const starts = [...t.header.matchAll(/(?<= {2})[A-Z]/g)].map(m => m.index!).concat(2);
                    for (const row of t.rows) {
                        const at = row.length - row.trimStart().length;
                        assert.ok(starts.includes(at), `${name} ${extra.join(" ")}: a spoke row starts at column ${at}, no column of its header (a wrapped row):\n${t.header}\n${row}`);
                    }
                }
            }
        }
    });

    it("the dual-stack spoke table has a row per IPv6 block under its spoke, in the same columns, with the ports admitted from it", async () => {
        const out = await plan(SETS["dual-stack"]);
        assert.match(out, /^ {2}app {5}111111111111 {2}10\.1\.0\.0\/16 {15}pcx-\w+ {2}20\/20 {2}tcp 443 \(10\/10\)\n {24}2600:1f18:abcd:1300::\/56 {2}pcx-\w+ {9}tcp 443 \(8\/10\)$/m);
        assert.match(out, /^ {2}VIA: each spoke's route to the hub VPC 10\.0\.0\.0\/16 \(IPv6 rows: 2600:1f18:abcd:1200::\/56\)$/m);
    });

    it("warnings in brief come before the long sections (text), and the HTML's warnings come before its topology, checks and forwarders", async () => {
        const out = await plan(SETS["dual-stack"]);
        const brief = out.indexOf("Warnings: 7 (in brief; each in full at the end)");
        assert.ok(brief > 0 && brief < out.indexOf("\nServices:") && brief < out.indexOf("\nPath checks:"), "the brief before Services and Path checks");
        assert.ok(out.lastIndexOf("\nWarnings: 7\n") > out.indexOf("\nPath checks:"), "each warning in full at the end");
        const page = fs.readFileSync((await rendered("dual-stack")).html, "utf8");
        const at = (id: string) => page.indexOf(`<section id="${id}">`);
        assert.ok(at("warnings") > 0 && at("warnings") < at("topology") && at("warnings") < at("checks") && at("warnings") < at("forwarders"));
    });

    it("the HTML topology shows IPv6 blocks: the hub VPC's, each spoke's, on-prem's", async () => {
        const svg = fs.readFileSync((await rendered("dual-stack")).html, "utf8").match(/<svg class="topology"[\s\S]*?<\/svg>/)![0];
        assert.match(svg, /<text [^>]*class="sub ipv6">IPv6 2600:1f18:abcd:1200::\/56<\/text>/);
        assert.match(svg, /data-stack="app"[\s\S]*?<text [^>]*class="sub ipv6">2600:1f18:abcd:1300::\/56<\/text>/);
        assert.match(svg, /data-stack="legacy"[\s\S]*?<text [^>]*class="sub ipv6">no IPv6<\/text>/);
        assert.match(svg, /data-stack="on-prem"[\s\S]*?192\.168\.0\.0\/16, 2001:db8:100::\/48/);
    });

    it("two hubs or more behind one on-prem network draw it once, with a link to each hub (HTML and Mermaid)", async () => {
        const { html, mermaid } = await rendered("multi-region");
        const page = fs.readFileSync(html, "utf8");
        assert.strictEqual([...page.matchAll(/class="node onprem[^"]*" data-stack="on-prem"/g)].length, 1);
        assert.deepStrictEqual([...page.matchAll(/class="edge vpn shared" data-onprem-of="([^"]+)"/g)].map(m => m[1]), ["shared-apne1", "shared-apne1"]);
        const text = fs.readFileSync(mermaid, "utf8");
        assert.strictEqual([...text.matchAll(/\["on-prem<br\/>/g)].length, 1, "one on-prem node");
        assert.deepStrictEqual([...text.matchAll(/^ {2}(onprem_\w+) -- "[^"]+" --> (hub_\w+)$/gm)].map(m => [m[1], m[2]]),
            [["onprem_shared_apne1", "hub_shared_apne1"], ["onprem_shared_apne1", "hub_shared_use1"], ["onprem_shared_apne1", "hub_shared_usw2"]]);
    });

    it("at 1,000 px the page cuts off no spoke and no matrix column: the topology and every matrix fit the window (screenshots in test-output/)", async () => {
        const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
        const services = ["s3", "sqs", "sns", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "monitoring", "kms", "sts", "secretsmanager", "lambda", "execute-api", "events"];
        const docs: Record<string, string> = {
            "dual-stack": fs.readFileSync((await rendered("dual-stack")).html, "utf8"),
            "multi-region": fs.readFileSync((await rendered("multi-region")).html, "utf8"),
            // 40 spokes, 16 services, two spokes failing: the widest matrix of the suite.
            fleet: renderHtmlReport(fleetDocument(40, services, 20, new Set(["member-0003", "member-0025"]))),
        };
        for (const [name, html] of Object.entries(docs)) {
            await page.setContent(html);
            await page.waitForSelector("body[data-ready]");
            const m = await page.evaluate(() => {
                const right = (e: Element) => e.getBoundingClientRect().right;
                return {
                    scroll: document.documentElement.scrollWidth,
                    nodes: [...document.querySelectorAll("svg.topology [data-stack]")].map(right),
                    cells: [...document.querySelectorAll("table.matrix th.col, table.matrix td")].map(right),
                };
            });
            assert.ok(m.scroll <= 1000, `${name}: the page scrolls sideways (${m.scroll}px)`);
            assert.ok(m.nodes.length > 0 && m.nodes.every(r => r <= 1000), `${name}: a topology node ends at ${Math.max(...m.nodes)}px`);
            assert.ok(m.cells.length > 0 && m.cells.every(r => r <= 1000), `${name}: a matrix column ends at ${Math.max(...m.cells)}px`);
            await page.screenshot({ path: testOutput(`layout-1000px-${name}.png`), fullPage: true });
        }
        await page.close();
    });
});

// The Mermaid diagram (npm run plan -- --mermaid FILE) parsed and rendered by the real mermaid
// package, inside the headless browser (mermaid needs a DOM): what GitHub would draw.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { mermaidText, renderMermaid } from "../lib/mermaid";
import type { PlanDocument } from "../lib/planDocument";
import { runPlan } from "../plan/cli";
import { launchBrowser } from "./browser";
import { fleetDocument, spokeName } from "./fixtures/fleetDocument";

const EXAMPLE = path.join(__dirname, "fixtures", "example");
const MERMAID = require.resolve("mermaid/dist/mermaid.min.js");
const quiet = { out: () => undefined, err: (t: string) => { process.stderr.write(t); }, isTty: false };

/** mermaid.parse, then mermaid.render: the node labels of the SVG it draws. */
async function draw(page: Page, source: string, id: string): Promise<{ labels: string[]; svg: string }> {
    return page.evaluate(async ([src, id]) => {
        const m = (window as any).mermaid;
        await m.parse(src);
        const { svg } = await m.render(id, src);
        const host = document.createElement("div");
        host.innerHTML = svg;
        // Line breaks (<br>) read as " / ", so a label reads as it shows.
        host.querySelectorAll("br").forEach(br => br.replaceWith(" / "));
        return { svg, labels: [...host.querySelectorAll("g.node")].map(n => (n.textContent ?? "").trim()) };
    }, [source, id]);
}

describe("Mermaid topology, parsed and rendered by mermaid in a headless browser (npm run plan -- --mermaid)", function () {
    let browser: Browser;
    let page: Page;
    let dir: string;
    let doc: PlanDocument;
    let written: string;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-mermaid-"));
        const plan = runPlan(["--stacks-dir", EXAMPLE, "--json", "plan.json", "--mermaid", "topology.md", "--no-color"], quiet, dir);
        browser = await launchBrowser();
        page = await browser.newPage();
        await page.setContent("<!DOCTYPE html><html><body></body></html>");
        await page.addScriptTag({ path: MERMAID });
        await page.evaluate(() => (window as any).mermaid.initialize({ startOnLoad: false, securityLevel: "strict" }));
        assert.strictEqual(await plan, 0);
        doc = JSON.parse(fs.readFileSync(path.join(dir, "plan.json"), "utf8"));
        written = fs.readFileSync(path.join(dir, "topology.md"), "utf8");
    });
    after(async () => {
        await browser?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("--mermaid FILE.md writes the flowchart in a fenced block GitHub renders", () => {
        assert.ok(written.startsWith("```mermaid\nflowchart LR\n") && written.endsWith("\n```\n"), written.slice(0, 40));
        assert.strictEqual(written, "```mermaid\n" + renderMermaid(doc) + "```\n");
    });

    it("the example's flowchart parses and renders an SVG with a node per stack, on-prem, the Resolver and each endpoint", async () => {
        const { labels, svg } = await draw(page, renderMermaid(doc), "example");
        assert.ok(svg.startsWith("<svg"));
        for (const s of ["hub shared", "member-a", "member-b"]) {
            assert.strictEqual(labels.filter(l => l.startsWith(s)).length, 1, `${s} in ${JSON.stringify(labels)}`);
        }
        assert.strictEqual(labels.filter(l => l.startsWith("on-prem")).length, 1);
        assert.strictEqual(labels.filter(l => l.startsWith("Route 53 Resolver inbound")).length, 1);
        assert.strictEqual(labels.filter(l => / endpoint \/ vpce-/.test(l)).length, 8, "one node per endpoint");
    });

    it("a 1,000-spoke fleet is grouped: one node per connectivity group plus its failing spokes, and still renders", async () => {
        const failing = new Set([spokeName(3), spokeName(500)]);
        const big = fleetDocument(1000, ["s3", "sqs"], 20, failing);
        const text = renderMermaid(big);
        assert.ok(text.length < 10_000, `${text.length} characters`);
        const { labels } = await draw(page, text, "fleet");
        // hub, 2 endpoints, Resolver, TGW, on-prem, 20 peering spokes (20 <= the expand limit), 1 TGW group node, 1 failing TGW spoke.
        assert.strictEqual(labels.length, 1 + 2 + 1 + 1 + 1 + 20 + 1 + 1, JSON.stringify(labels));
        assert.ok(labels.includes("980 spokes: member-0021 … member-1000 / 979 passing every check, 1 failing"), JSON.stringify(labels));
        assert.ok(labels.some(l => l.startsWith(spokeName(500)) && l.includes("failing checks")));
    });

    it("names from user config cannot break out of their node", async () => {
        const hostile = fleetDocument(2, ["s3"], 1);
        const evil = 'x"]; click hub_shared call alert(1); y["<b>bold</b> #1 [a] {b} (c) |d|';
        (hostile.stacks[1] as { stack: string }).stack = evil;
        const entry = hostile.stacks[0].outputs.spokes[spokeName(0)];
        delete hostile.stacks[0].outputs.spokes[spokeName(0)];
        hostile.stacks[0].outputs.spokes[evil] = entry;
        const text = renderMermaid(hostile);
        assert.ok(text.includes(mermaidText(evil)) && !text.includes(evil));
        const { labels } = await draw(page, text, "hostile");
        assert.ok(labels.some(l => l.startsWith(evil)), JSON.stringify(labels));
    });

    it("several hubs (examples/multi-region): one flowchart with a node per stack", async () => {
        const json = path.join(dir, "multi.json");
        assert.strictEqual(await runPlan(["--stacks-dir", path.join(__dirname, "..", "examples", "multi-region"), "--json", json, "--no-color"], quiet, dir), 0);
        const multi: PlanDocument = JSON.parse(fs.readFileSync(json, "utf8"));
        const { labels } = await draw(page, renderMermaid(multi), "multi");
        for (const s of multi.stacks) {
            const name = s.role === "hub" ? `hub ${s.stack} /` : `${s.stack} /`;
            assert.strictEqual(labels.filter(l => l.startsWith(name)).length, 1, `${s.stack} in ${JSON.stringify(labels)}`);
        }
    });

    it("profile mode: the Route 53 Profile is a node, and each spoke group's DNS comes from it", async () => {
        const text = renderMermaid(fleetDocument(3, ["s3"], 1, new Set(), { profileId: "rp-0123456789abcdef" }));
        assert.strictEqual((text.match(/-\. "profile association" \.->/g) ?? []).length, 2, "one per connectivity group");
        const { labels } = await draw(page, text, "profile");
        assert.strictEqual(labels.filter(l => l === "Route 53 Profile / rp-0123456789abcdef").length, 1, JSON.stringify(labels));
    });

    it("a file that cannot be written is an error line naming the flag (exit 2), not a stack trace", async () => {
        const err: string[] = [];
        const code = await runPlan(["--stacks-dir", EXAMPLE, "--mermaid", path.join(dir, "no-such-dir", "t.mmd"), "--no-color"],
            { out: () => undefined, err: t => { err.push(t); }, isTty: false }, dir);
        assert.strictEqual(code, 2);
        assert.strictEqual(err.join(""), `error: (plan): --mermaid: cannot write ${path.join(dir, "no-such-dir", "t.mmd")}: ENOENT\n`);
    });
});

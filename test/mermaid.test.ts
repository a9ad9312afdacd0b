// The Mermaid diagram (npm run plan -- --mermaid FILE) parsed and rendered by the real mermaid
// package, inside the headless browser (mermaid needs a DOM): what GitHub would draw.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { mermaidText, renderMermaid } from "../lib/report/mermaid";
import type { PlanDocument } from "../lib/planDocument";
import { runPlan } from "../plan/cli";
import { launchBrowser } from "../plan/browser";
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

    it("the example's flowchart, line for line: hub subgraph with its endpoints, Resolver and TGW, on-prem by VPN and DNS, one group per connectivity", () => {
        // Simulated ids and addresses are replaced; everything else is the text a reader checks against the example.
        const normal = written.replace(/vpce-[0-9a-f]{17}/g, "vpce-ID").replace(/tgw-[0-9a-f]{17}/g, "tgw-ID")
            .replace(/inbound<br\/>[0-9.]+, [0-9.]+/, "inbound<br/>IP, IP");
        assert.strictEqual(normal, [
            "```mermaid",
            "flowchart LR",
            '  subgraph vpc_shared["hub shared · account 123456789012 · ap-northeast-1"]',
            '    hub_shared["hub shared<br/>VPC vpc-0123456789abcdef0<br/>10.0.0.0/16"]:::hub',
            '    ep_shared_s3(["s3 endpoint<br/>vpce-ID"])',
            '    ep_shared_sqs(["sqs endpoint<br/>vpce-ID"])',
            '    ep_shared_ssm(["ssm endpoint<br/>vpce-ID"])',
            '    ep_shared_ssmmessages(["ssmmessages endpoint<br/>vpce-ID"])',
            '    ep_shared_ec2messages(["ec2messages endpoint<br/>vpce-ID"])',
            '    ep_shared_ecr_api(["ecr.api endpoint<br/>vpce-ID"])',
            '    ep_shared_ecr_dkr(["ecr.dkr endpoint<br/>vpce-ID"])',
            '    ep_shared_logs(["logs endpoint<br/>vpce-ID"])',
            '    resolver_shared{{"Route 53 Resolver inbound<br/>IP, IP"}}',
            '    tgw_shared[/"Transit Gateway<br/>tgw-ID"/]',
            "  end",
            "  hub_shared --- ep_shared_s3",
            "  hub_shared --- ep_shared_sqs",
            "  hub_shared --- ep_shared_ssm",
            "  hub_shared --- ep_shared_ssmmessages",
            "  hub_shared --- ep_shared_ec2messages",
            "  hub_shared --- ep_shared_ecr_api",
            "  hub_shared --- ep_shared_ecr_dkr",
            "  hub_shared --- ep_shared_logs",
            "  hub_shared --- resolver_shared",
            "  tgw_shared --- hub_shared",
            '  onprem_shared["on-prem<br/>192.168.0.0/16"]:::onprem',
            '  onprem_shared -- "VPN gateway vgw-0123456789abcdef0" --> hub_shared',
            '  onprem_shared -. "DNS forwarders" .-> resolver_shared',
            '  subgraph group_shared_peering["1 spoke by VPC peering"]',
            '    spoke_member_a["member-a<br/>10.1.0.0/16 · 111111111111"]:::spoke',
            "  end",
            "  spoke_member_a -- peering --> hub_shared",
            '  subgraph group_shared_transitGateway["1 spoke by Transit Gateway"]',
            '    spoke_member_b["member-b<br/>10.2.0.0/16 · 222222222222"]:::spoke',
            "  end",
            "  spoke_member_b -- attachment --> tgw_shared",
            "  classDef hub fill:#e8f0fe,stroke:#1a56db,color:#111",
            "  classDef spoke fill:#e7f6ec,stroke:#137333,color:#111",
            "  classDef fail fill:#fde7e7,stroke:#c5221f,color:#111,stroke-width:2px",
            "  classDef missing fill:#eee,stroke:#777,color:#111,stroke-dasharray:4 3",
            "  classDef onprem fill:#fff4e5,stroke:#b06000,color:#111",
            "```",
        ].join("\n") + "\n");
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
        assert.ok(labels.some(l => l.startsWith(spokeName(500)) && l.endsWith(" / 1 failing check")));
    });

    it("names from user config cannot break out of their node (nor start a %%{init}%% directive or %% comment)", async () => {
        const hostile = fleetDocument(2, ["s3"], 1);
        const evil = 'x"]; click hub_shared call alert(1); y["<b>bold</b> #1 [a] {b} (c) |d| %%{init: {"theme": "dark"}}%% %% c';
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

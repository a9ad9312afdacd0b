// The HTML report (npm run plan -- --html FILE) opened in a real headless browser (Debian's
// chromium): what a person sees is asserted on the page itself. One browser for the file.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Browser, Page } from "playwright-core";
import { renderForwarders } from "../lib/forwarders";
import { renderHtmlReport } from "../lib/report/html/page";
import type { PathCheck, PlannedStack } from "../lib/model";
import { TYPES } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import type { PlanDocument } from "../lib/planDocument";
import { runPlan } from "../plan/cli";
import { browserReadableDir, launchBrowser, testOutput } from "../plan/browser";
import { fleetDocument, spokeName } from "./fixtures/fleetDocument";
import { inlinePrefixLists } from "./helpers";

const EXAMPLE = path.join(__dirname, "fixtures", "example");
const quiet = { out: () => undefined, err: (t: string) => { process.stderr.write(t); }, isTty: false };

/** Plans the example through the command, as a user would: --json and --html of one run. */
async function planExample(dir: string): Promise<{ doc: PlanDocument; htmlFile: string }> {
    const json = path.join(dir, "plan.json"), html = path.join(dir, "report.html");
    const code = await runPlan(["--stacks-dir", EXAMPLE, "--json", json, "--html", html, "--no-color"], quiet, dir);
    assert.strictEqual(code, 0, "the example plans and passes");
    return { doc: JSON.parse(fs.readFileSync(json, "utf8")), htmlFile: html };
}

/** The example with two pieces taken out: member-a's association of the S3 zone, and member-b's CIDR from the SQS endpoint's security group. */
function breakExample(doc: PlanDocument): PlanDocument {
    const stacks = structuredClone(doc.stacks) as PlannedStack[];
    const hub = stacks.find(s => s.role === "hub")!;
    const s3Zone = hub.outputs.zoneIds["s3.ap-northeast-1.amazonaws.com"];
    const a = stacks.find(s => s.stack === "member-a")!;
    const at = a.resources.findIndex(r => r.type === TYPES.zoneAssociation && r.inputs.zoneId === s3Zone);
    assert.ok(at >= 0, "member-a has an association of the S3 zone");
    a.resources.splice(at, 1);
    const sqsSg = hub.resources.find(r => r.type === TYPES.securityGroup && r.name.includes("sqs"));
    assert.ok(sqsSg, "the hub has an SQS endpoint security group");
    inlinePrefixLists(hub);
    for (const rule of sqsSg.inputs.ingress) rule.cidrBlocks = rule.cidrBlocks.filter((c: string) => c !== "10.2.0.0/16");
    const checks: PathCheck[] = checkPaths(stacks, doc.publicDns ?? {});
    return { ...doc, stacks, checks };
}

/** Check groups as the matrix must show them: one per source and service, one per source's isolation. */
function groupsOf(checks: readonly PathCheck[]): Set<string> {
    return new Set(checks.map(c => `${c.source}|${c.kind === "isolation" ? "isolation" : c.service}`));
}

describe("HTML report in a headless browser (npm run plan -- --html)", function () {
    let browser: Browser;
    let dir: string;
    let doc: PlanDocument;
    let htmlFile: string;
    let page: Page;
    const requests: string[] = [];

    before(async () => {
        dir = browserReadableDir("vpce-html-");
        [browser, { doc, htmlFile }] = await Promise.all([launchBrowser(), planExample(dir)]);
        page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        page.on("request", r => requests.push(r.url()));
        await page.goto(`file://${htmlFile}`);
        await page.waitForSelector("body[data-ready]");
    });
    after(async () => {
        await browser?.close();
        fs.rmSync(dir, { recursive: true, force: true });
    });

    it("is one self-contained file: the page loads nothing but itself (no network, no CDN)", () => {
        assert.deepStrictEqual(requests, [`file://${htmlFile}`]);
        const html = fs.readFileSync(htmlFile, "utf8");
        assert.ok(!/<(script|link|img)[^>]+(src|href)=/i.test(html), "no external script, stylesheet or image");
    });

    it("the header says the ids are simulated", async () => {
        const note = await page.textContent("header #simulated");
        assert.match(note ?? "", /^Simulated: every id, ARN and address below comes from an offline simulation of AWS; nothing was deployed/);
    });

    it("the example's matrix has one cell per check group (26: 3 sources x 8 services, 2 isolation), every one a pass", async () => {
        const groups = groupsOf(doc.checks);
        assert.strictEqual(groups.size, 26);
        const cells = await page.$$eval("td[data-cell]", tds => tds.map(td => `${td.closest("tr")!.getAttribute("data-source")}|${td.getAttribute("data-group")}|${td.classList.contains("pass") ? "pass" : "not a pass"}`));
        assert.strictEqual(cells.length, groups.size);
        assert.deepStrictEqual(new Set(cells.map(c => c.split("|").slice(0, 2).join("|"))), groups);
        assert.deepStrictEqual(cells.filter(c => !c.endsWith("|pass")), []);
        assert.strictEqual(await page.locator("td.cell.fail").count(), 0);
    });

    it("the diagram has a node per stack (hub and each spoke) and one for on-prem", async () => {
        for (const s of doc.stacks) {
            assert.strictEqual(await page.locator(`svg.topology [data-stack="${s.stack}"]`).count(), 1, s.stack);
        }
        assert.strictEqual(await page.locator(`svg.topology [data-stack="on-prem"]`).count(), 1);
        assert.strictEqual(await page.locator("svg.topology .node.endpoint").count(), 8, "one chip per endpoint");
        assert.strictEqual(await page.locator("svg.topology .node.resolver").count(), 1);
    });

    it("a cell shows its DNS answer and each hop when clicked", async () => {
        const check = doc.checks.find(c => c.source === "member-b" && c.service === "sqs")!;
        await page.click('tr[data-source="member-b"] td[data-group="sqs"]');
        const text = await page.textContent("#detail");
        assert.ok(await page.isVisible("#detail"));
        assert.ok(text!.includes(check.host), "the name looked up");
        assert.ok(text!.includes(`DNS answer: ${check.answer.join(", ")}`), "its answer");
        const hops = await page.$$eval("#detail li.hop", lis => lis.map(l => l.textContent));
        assert.deepStrictEqual(hops, check.path);
        await page.keyboard.press("Escape");
        assert.strictEqual(await page.isVisible("#detail"), false, "Escape closes it");
        // An isolation cell follows routes, not DNS: its hops, no DNS answer.
        const iso = doc.checks.find(c => c.source === "member-a" && c.kind === "isolation")!;
        await page.focus('tr[data-source="member-a"] td[data-group="isolation"]');
        await page.keyboard.press("Enter");
        assert.deepStrictEqual(await page.$$eval("#detail li.hop", lis => lis.map(l => l.textContent)), iso.path);
        assert.ok(!(await page.textContent("#detail"))!.includes("DNS answer"));
        await page.keyboard.press("Escape");
    });

    it("the copy buttons hold the exact forwarder configurations (and put them on the clipboard)", async () => {
        const hub = doc.stacks.find(s => s.role === "hub")!;
        const expected = renderForwarders({ zones: Object.keys(hub.outputs.zoneIds), resolverIps: hub.outputs.resolverInboundIps });
        for (const kind of ["bind", "unbound", "windows", "dnsmasq"] as const) {
            const held = await page.getAttribute(`#fwd-${kind} button.copy`, "data-copy");
            assert.strictEqual(held, expected[kind], kind);
            assert.strictEqual(await page.textContent(`#fwd-${kind} pre`), expected[kind], `${kind} as shown`);
        }
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
        await page.click("#fwd-unbound button.copy");
        await page.waitForFunction(() => document.querySelector("#fwd-unbound button.copy")!.textContent !== "Copy");
        assert.strictEqual(await page.textContent("#fwd-unbound button.copy"), "Copied");
        assert.strictEqual(await page.evaluate(() => navigator.clipboard.readText()), expected.unbound);
        // The public-DNS alternative: the text the plan writes (the JSON's `direct`, as --forwarders writes it).
        assert.ok(doc.direct && doc.direct.includes("--endpoint-url https://vpce-"));
        assert.strictEqual(await page.getAttribute("#direct button.copy", "data-copy"), doc.direct);
    });

    it("shows the cost of every design the plan compares as a chart (this plan highlighted) and every quota as a used/limit bar", async () => {
        const bars = await page.$$eval("svg.chart .bar", gs => gs.map(g => [g.getAttribute("data-label"), Number(g.getAttribute("data-usd"))]));
        // One bar per design the cost report compares (cost.modes): both DNS modes and decentralized.
        const modes = doc.cost!.modes as unknown as { mode: string; monthlyUsd: number; thisPlan: boolean }[];
        assert.deepStrictEqual(modes.map(m => m.mode), ["associations", "profile", "decentralized"]);
        assert.strictEqual(modes.find(m => m.mode === "decentralized")!.monthlyUsd, doc.cost!.decentralized.monthlyUsd);
        assert.deepStrictEqual(bars, [
            ["Zone associations (this plan)", doc.cost!.centralized.monthlyUsd],
            ["Route 53 Profile", modes[1].monthlyUsd],
            ["Decentralized (endpoints in every spoke)", doc.cost!.decentralized.monthlyUsd],
        ]);
        assert.deepStrictEqual(await page.$$eval("svg.chart .bar.planned", gs => gs.map(g => g.getAttribute("data-mode"))), ["associations"]);
        // The example: 8 interface endpoints in the hub VPC, against the default of 50.
        assert.deepStrictEqual(await page.$eval('tr.quota[data-quota="endpointsPerVpc"]', tr => [tr.getAttribute("data-used"), tr.getAttribute("data-limit")]), ["8", "50"]);
        assert.ok(await page.locator("tr.quota").count() >= 8);
        await page.screenshot({ path: testOutput("report-example.png"), fullPage: true });
    });

    it("a broken model (a missing zone association, a missing security group rule) shows failing cells naming the missing piece", async () => {
        const broken = breakExample(doc);
        const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        await p.setContent(renderHtmlReport(broken));
        await p.waitForSelector("body[data-ready]");
        const failing = await p.$$eval("td.cell.fail", tds => tds.map(td => [td.closest("tr")!.getAttribute("data-source"), td.getAttribute("data-group"), td.querySelector(".missing")!.textContent]));
        assert.deepStrictEqual(failing.map(f => `${f[0]}|${f[1]}`), ["member-a|s3", "member-b|sqs"]);
        assert.match(failing[0][2]!, /^zone s3\.ap-northeast-1\.amazonaws\.com \(Z[0-9A-Z]+\) is not associated with member-a's VPC vpc-0aaaaaaaaaaaaaaaa/);
        assert.match(failing[1][2]!, /^endpoint security group .* does not admit member-b 10\.2\.0\.0\/16 on tcp 443$/);
        assert.strictEqual(await p.locator("td[data-cell]").count(), 26, "still one cell per check group");
        assert.strictEqual(await p.locator('svg.topology .node.spoke.fail[data-stack="member-a"]').count(), 1, "the diagram marks the spoke");
        await p.click('tr[data-source="member-a"] td[data-group="s3"]');
        assert.match((await p.textContent("#detail"))!, /DNS answer: \(none: no private answer\)missing: zone s3\.ap-northeast-1\.amazonaws\.com/);
        await p.check("#only-failing");
        assert.strictEqual(await p.locator("tr.row-pass").first().isVisible(), false, "the filter hides passing rows");
        await p.screenshot({ path: testOutput("report-broken.png"), fullPage: true });
        await p.close();
    });

    it("text from the plan is never markup: names and reasons with HTML in them show as text", async () => {
        // In a cell (HTML), in the check details (the JSON block a script reads) and in a warning.
        const evil = `<img src=x onerror="document.title='pwned'"></script><script>document.title='pwned'</script><!--`;
        const hostile: PlanDocument = {
            ...doc,
            warnings: [{ code: "x</script><script>document.title='pwned'</script>", message: evil }],
            checks: doc.checks.map(c => c.source === "member-b" && c.service === "sqs" ? { ...c, verdict: "fail", reason: evil, path: [evil] } : c),
        };
        const p = await browser.newPage();
        await p.setContent(renderHtmlReport(hostile));
        await p.waitForSelector("body[data-ready]");
        assert.strictEqual(await p.locator("img").count(), 0);
        assert.strictEqual(await p.textContent('tr[data-source="member-b"] td[data-group="sqs"] .missing'), evil);
        await p.click('tr[data-source="member-b"] td[data-group="sqs"]');
        assert.strictEqual(await p.textContent("#detail li.hop"), evil);
        assert.ok((await p.textContent("#warnings"))!.includes(evil));
        assert.notStrictEqual(await p.title(), "pwned");
        await p.close();
    });

    it("stays readable at 10 and at 1,000 spokes: labelled spokes when few, a square per spoke when many, failures named, passing sections collapsed", async () => {
        const p = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const small = fleetDocument(10, ["s3", "sqs"], 4);
        await p.setContent(renderHtmlReport(small));
        await p.waitForSelector("body[data-ready]");
        for (let i = 0; i < 10; i++) assert.strictEqual(await p.textContent(`svg.topology g[data-stack="${spokeName(i)}"] text.name`), spokeName(i));

        const failing = new Set([spokeName(7), spokeName(611)]);
        const big = fleetDocument(1000, ["s3", "sqs", "ssm", "logs", "kms", "sts", "ecr.api", "ecr.dkr"], 20, failing);
        await p.setContent(renderHtmlReport(big));
        await p.waitForSelector("body[data-ready]");
        assert.strictEqual(await p.locator("svg.topology [data-stack]").count(), 1 + 1000 + 1, "hub, every spoke, on-prem");
        assert.strictEqual(await p.locator("svg.topology rect.square").count(), 980, "the 980 Transit Gateway spokes drawn as squares");
        assert.strictEqual(await p.locator("svg.topology rect.square.fail").count(), 1);
        const { height } = (await p.locator("svg.topology").boundingBox())!;
        assert.ok(height < 900, `the diagram of 1,000 spokes fits in one screen height (${height}px)`);
        assert.match((await p.textContent("svg.topology"))!, /failing: member-0612/);
        assert.strictEqual(await p.locator("td[data-cell]").count(), 1000 * 9 + 8, "one cell per check group");
        assert.deepStrictEqual(await p.$$eval("td.cell.fail", tds => tds.map(td => td.closest("tr")!.getAttribute("data-source"))), [spokeName(7), spokeName(611)]);
        // Sections with a failure open (failing rows first); sections that all pass start closed.
        assert.deepStrictEqual(await p.$$eval("details.matrix-section", ds => ds.map(d => [d.querySelector("summary")!.textContent, (d as HTMLDetailsElement).open])), [
            ["on-prem: 1 source, every check passes", true],
            ["spokes by VPC peering: 20 sources, 1 with a failing check", true],
            ["spokes by Transit Gateway: 980 sources, 1 with a failing check", true],
        ]);
        assert.strictEqual(await p.$eval("details.matrix-section:nth-of-type(3) tbody tr th", th => th.textContent), spokeName(611));
        await p.screenshot({ path: testOutput("report-1000-spokes.png") });
        await p.close();
    });

    it("a spoke the hub registers without a stack file shows as pending (not failing) in the matrix and dashed in the diagram", async () => {
        const stacksDir = path.join(dir, "without-member-b");
        fs.mkdirSync(stacksDir);
        for (const f of ["Pulumi.shared.yaml", "Pulumi.member-a.yaml"]) fs.copyFileSync(path.join(EXAMPLE, f), path.join(stacksDir, f));
        const html = path.join(dir, "pending.html");
        assert.strictEqual(await runPlan(["--stacks-dir", stacksDir, "--html", html, "--no-color"], quiet, dir), 0);
        const p = await browser.newPage();
        await p.goto(`file://${html}`);
        await p.waitForSelector("body[data-ready]");
        assert.strictEqual(await p.locator("td.cell.fail").count(), 0);
        const pending = await p.$$eval("td.cell.pending", tds => [...new Set(tds.map(td => td.closest("tr")!.getAttribute("data-source")))]);
        assert.deepStrictEqual(pending, ["member-b"]);
        assert.strictEqual(await p.locator('svg.topology g.node.spoke.missing[data-stack="member-b"]').count(), 1);
        assert.match((await p.textContent("header"))!, /checks pending: 1 registered spoke without a stack file/);
        await p.close();
    });

    it("several hubs in one plan (examples/multi-region): a matrix per hub with a cell per check group, a node per stack, each hub's cost", async () => {
        const json = path.join(dir, "multi.json"), html = path.join(dir, "multi.html");
        const stacksDir = path.join(__dirname, "..", "examples", "multi-region");
        assert.strictEqual(await runPlan(["--stacks-dir", stacksDir, "--json", json, "--html", html, "--no-color"], quiet, dir), 0);
        const multi: PlanDocument = JSON.parse(fs.readFileSync(json, "utf8"));
        const p = await browser.newPage();
        await p.goto(`file://${html}`);
        await p.waitForSelector("body[data-ready]");
        const hubs = multi.stacks.filter(s => s.role === "hub").map(s => s.stack);
        assert.ok(hubs.length >= 2);
        assert.deepStrictEqual(await p.$$eval(".hub-matrix", ds => ds.map(d => d.getAttribute("data-hub"))), hubs);
        const cells = await p.$$eval(".hub-matrix td[data-cell]", tds => tds.map(td =>
            `${td.closest(".hub-matrix")!.getAttribute("data-hub")}|${td.closest("tr")!.getAttribute("data-source")}|${td.getAttribute("data-group")}`));
        const expected = new Set(multi.checks.map(c => `${c.hub}|${c.source}|${c.kind === "isolation" ? "isolation" : c.service}`));
        assert.strictEqual(cells.length, expected.size);
        assert.deepStrictEqual(new Set(cells), expected);
        assert.strictEqual(await p.locator("td.cell.pass").count(), expected.size, "every cell of the example passes");
        for (const s of multi.stacks) assert.strictEqual(await p.locator(`svg.topology [data-stack="${s.stack}"]`).count(), 1, s.stack);
        assert.deepStrictEqual(await p.$$eval(".hub-cost", ds => ds.map(d => d.getAttribute("data-hub"))), hubs);
        await p.close();
    });

    it("the cost chart draws each mode the cost report prices, marks this plan's and the recommended one, and says why; without modes, centralized and decentralized", async () => {
        const p = await browser.newPage();
        const modes = [
            { mode: "associations", monthlyUsd: 900, thisPlan: true, recommended: false, blockedBy: ["VPCs per zone: 1001 of 300"] },
            { mode: "profile", monthlyUsd: 1000.5, thisPlan: false, recommended: true, reason: "the only mode within quota" },
            { mode: "decentralized", monthlyUsd: 5000, thisPlan: false, recommended: false },
        ];
        const read = () => p.$$eval("svg.chart .bar", gs => gs.map(g => [g.getAttribute("data-mode"), Number(g.getAttribute("data-usd")), g.classList.contains("planned"), g.classList.contains("recommended")]));
        await p.setContent(renderHtmlReport({ ...doc, cost: { ...doc.cost!, modes: modes as never } }));
        assert.deepStrictEqual(await read(), [["associations", 900, true, false], ["profile", 1000.5, false, true], ["decentralized", 5000, false, false]]);
        assert.deepStrictEqual(await p.$$eval("#cost ul.advice li", lis => lis.map(l => l.textContent)), [
            "Zone associations: blocked by VPCs per zone: 1001 of 300",
            "Route 53 Profile: recommended, the only mode within quota",
        ]);
        await p.setContent(renderHtmlReport({ ...doc, cost: { ...doc.cost!, modes: { associations: 900, profile: { monthlyUsd: 1000.5 } } as never } }));
        assert.deepStrictEqual(await read(), [["associations", 900, false, false], ["profile", 1000.5, false, false]], "a record of modes");
        const { modes: _unused, ...plain } = doc.cost!;
        await p.setContent(renderHtmlReport({ ...doc, cost: plain as never }));
        assert.deepStrictEqual(await read(), [["centralized", doc.cost!.centralized.monthlyUsd, true, false], ["decentralized", doc.cost!.decentralized.monthlyUsd, false, false]]);
        await p.close();
    });

    it("a hub sharing DNS through a Route 53 Profile shows the profile in the diagram", async () => {
        const p = await browser.newPage();
        await p.setContent(renderHtmlReport(fleetDocument(3, ["s3"], 1, new Set(), { profileId: "rp-0123456789abcdef" })));
        assert.strictEqual(await p.textContent("svg.topology .node.profile text"), "Route 53 Profile rp-0123456789abcdef");
        await p.setContent(renderHtmlReport(fleetDocument(3, ["s3"], 1)));
        assert.strictEqual(await p.locator("svg.topology .node.profile").count(), 0, "zone associations: no profile");
        await p.close();
    });

    it("examples/profile (Route 53 Profiles mode): every cell passes and the diagram shows the hub's profile", async () => {
        const json = path.join(dir, "profile.json"), html = path.join(dir, "profile.html");
        assert.strictEqual(await runPlan(["--stacks-dir", path.join(__dirname, "..", "examples", "profile"), "--json", json, "--html", html, "--no-color"], quiet, dir), 0);
        const pd: PlanDocument = JSON.parse(fs.readFileSync(json, "utf8"));
        const profileId = pd.stacks.find(s => s.role === "hub")!.outputs.dns.profileId;
        assert.match(profileId, /^rp-/);
        const p = await browser.newPage();
        await p.goto(`file://${html}`);
        await p.waitForSelector("body[data-ready]");
        assert.strictEqual(await p.textContent("svg.topology .node.profile text"), `Route 53 Profile ${profileId}`);
        assert.strictEqual(await p.locator("td.cell.pass").count(), groupsOf(pd.checks).size);
        assert.strictEqual(await p.locator("td[data-cell]").count(), groupsOf(pd.checks).size);
        await p.close();
    });
});

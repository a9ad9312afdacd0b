// npm run report-bench -- [SPOKES] [SERVICES]: the HTML report of a generated fleet (default
// 1,000 spokes, 10 services), through the plan command as a user runs it, then opened in
// headless chromium: prints the file's size and how long the page takes to render. Timings
// belong here, not in tests.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { runPlan } from "../plan/cli";
import { generateStacks } from "../plan/generate";
import { browserReadableDir, launchBrowser, testOutput } from "../plan/browser";

/** Bytes of each part of the page, to see what grows with the fleet. */
function parts(html: string): string {
    const size = (re: RegExp) => (html.match(re)?.[0].length ?? 0);
    const kib = (n: number) => `${Math.round(n / 1024)} KiB`;
    return [
        `check details (JSON) ${kib(size(/<script type="application\/json" id="matrix-data">[\s\S]*?<\/script>/))}`,
        `matrix ${kib(size(/<section id="checks">[\s\S]*?<\/section>/))}`,
        `diagram ${kib(size(/<svg class="topology"[\s\S]*?<\/svg>/))}`,
        `forwarders ${kib(size(/<section id="forwarders">[\s\S]*?<\/section>/))}`,
        `stacks table ${kib(size(/<section id="stacks">[\s\S]*?<\/section>/))}`,
    ].join(", ");
}

async function main(): Promise<void> {
    const spokes = Number(process.argv[2] ?? 1000), services = Number(process.argv[3] ?? 10);
    const dir = browserReadableDir("vpce-report-bench-");
    // As npm run bench: past 300 spokes (VPC associations one zone holds by default) the zones are
    // shared by a Route 53 Profile; the association quotas are declared raised too, as a user would.
    const stacks = generateStacks(spokes, services, {
        hub: {
            ...(spokes >= 300 ? { "vpce-hub:dns": { sharing: "profile" } } : {}),
            "vpce-hub:quotas": { vpcsPerZone: Math.max(300, spokes + 1), authorizationsPerZone: Math.max(100, spokes) },
        },
    });
    for (const s of stacks) fs.writeFileSync(path.join(dir, `Pulumi.${s.stack}.yaml`), YAML.stringify({ config: s.raw }));
    const html = path.join(dir, "report.html"), mermaid = path.join(dir, "topology.mmd");
    const errors: string[] = [];
    const t0 = process.hrtime.bigint();
    const code = await runPlan(["--stacks-dir", dir, "--html", html, "--mermaid", mermaid, "--no-color"],
        { out: () => undefined, err: t => { errors.push(t); }, isTty: false }, dir);
    const planMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (!fs.existsSync(html)) throw new Error(`the plan wrote no report (exit ${code}):\n${errors.join("").slice(0, 2000)}`);
    const browser = await launchBrowser();
    try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const t1 = process.hrtime.bigint();
        await page.goto(`file://${html}`);
        await page.waitForSelector("body[data-ready]");
        // The first frame after the script ran: the page is laid out and painted.
        const frameMs = await page.evaluate(() => new Promise<number>(r => requestAnimationFrame(() => setTimeout(() => r(performance.now()), 0))));
        const openMs = Number(process.hrtime.bigint() - t1) / 1e6;
        const cells = await page.locator("td[data-cell]").count();
        const nodes = await page.locator("svg.topology [data-stack]").count();
        const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
        console.log(`${spokes} spokes x ${services} services: plan exit ${code} in ${(planMs / 1000).toFixed(1)} s (plan, report and diagram)`);
        console.log(`  report.html ${mb(fs.statSync(html).size)}, ${cells} matrix cells, ${nodes} diagram nodes; mermaid ${fs.statSync(mermaid).size} bytes`);
        console.log(`  of which ${parts(fs.readFileSync(html, "utf8"))}`);
        await page.screenshot({ path: testOutput(`report-${spokes}-spokes-bench.png`) });
        console.log(`  chromium: first frame ${Math.round(frameMs)} ms after navigation start; goto to painted ${Math.round(openMs)} ms`);
    } finally {
        await browser.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch(e => { console.error(e); process.exitCode = 1; });

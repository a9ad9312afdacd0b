// npm run report-screenshot: plans the example (test/fixtures/example, the copy of the root
// examples), writes its HTML report and photographs it in headless chromium for the README
// (docs/report.png). Needs /usr/bin/chromium (scripts/ensure-test-tools.sh installs it).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runPlan } from "../plan/cli";
import { browserReadableDir, launchBrowser } from "../plan/browser";

async function main(): Promise<void> {
    const root = path.join(__dirname, "..");
    const dir = browserReadableDir("vpce-report-");
    const html = path.join(dir, "report.html");
    const quiet = { out: () => undefined, err: (t: string) => { process.stderr.write(t); }, isTty: false };
    const code = await runPlan(["--stacks-dir", path.join(root, "test", "fixtures", "example"), "--html", html, "--no-color"], quiet, dir);
    if (code !== 0) throw new Error(`the example plan exited ${code}`);
    const browser = await launchBrowser();
    try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 1180 } });
        await page.goto(`file://${html}`);
        await page.waitForSelector("body[data-ready]");
        // One cell opened, as a reader would: its DNS answer and hops.
        await page.click('tr[data-source="member-b"] td[data-group="sqs"]');
        const out = path.join(root, "docs", "report.png");
        await page.screenshot({ path: out });
        console.log(`wrote ${path.relative(process.cwd(), out)}`);
    } finally {
        await browser.close();
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

main().catch(e => { console.error(e); process.exitCode = 1; });

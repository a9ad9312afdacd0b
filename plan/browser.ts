// Debian's chromium (/usr/bin/chromium, installed by scripts/ensure-test-tools.sh), driven by
// playwright-core: never a browser a package downloads. One browser per test file keeps the
// suite fast; pages are cheap. Everything stays offline: no network flags, file:// and setContent only.
import * as fs from "fs";
import * as path from "path";
import { Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"],
    });
}

/** Where tests leave files for people to look at (gitignored). */
export function testOutput(name: string): string {
    const dir = path.join(__dirname, "..", "test-output");
    fs.mkdirSync(dir, { recursive: true });
    return path.join(dir, name);
}

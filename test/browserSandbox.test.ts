// Issue 28 item 10: chromium in the tests (and the README screenshot) runs with its own sandbox
// wherever the machine allows it. Its renderers parse the reports the tests build from hostile
// names; sandboxed, a renderer exploit stays in its namespaces under seccomp. Chromium refuses
// its sandbox as root, so as root it runs as nobody when nobody may create user namespaces.
import * as assert from "assert";
import { Browser } from "playwright-core";
import { Machine, currentSandboxMode, launchBrowser, sandboxMode } from "../plan/browser";

const machine = (m: Partial<Machine>): Machine => ({ uid: 1000, userNamespaces: () => true, ...m });
const NOBODY = { uid: 65534, gid: 65534 };

describe("chromium's sandbox: where the machine allows it (issue 28 item 10)", function () {
    this.timeout(60000);

    it("decides from who runs the tests and what user namespaces allow: sandboxed, run as nobody (as root), or unsandboxed with the reason", () => {
        assert.deepStrictEqual(sandboxMode(machine({})), { kind: "sandboxed" });
        assert.match((sandboxMode(machine({ userNamespaces: () => false })) as { why: string }).why, /no user namespaces/);
        // Root: chromium refuses its sandbox as root, so it runs as nobody, if nobody gets user namespaces.
        const asked: (number | undefined)[] = [];
        assert.deepStrictEqual(sandboxMode(machine({ uid: 0, unprivileged: NOBODY, userNamespaces: u => { asked.push(u); return true; } })), { kind: "dropped", ...NOBODY });
        assert.deepStrictEqual(asked, [65534]);
        assert.match((sandboxMode(machine({ uid: 0, unprivileged: NOBODY, userNamespaces: u => u === undefined })) as { why: string }).why, /^running as root .* an unprivileged user gets no user namespaces here$/);
        assert.match((sandboxMode(machine({ uid: 0 })) as { why: string }).why, /no unprivileged user \(nobody\)/);
        // The settings: off turns it off; on makes its absence an error rather than a silent fallback.
        assert.deepStrictEqual(sandboxMode(machine({ setting: "off" })), { kind: "unsandboxed", why: "CHROMIUM_SANDBOX=off" });
        assert.throws(() => sandboxMode(machine({ uid: 0, setting: "on" })), /^Error: CHROMIUM_SANDBOX=on, but chromium cannot use its sandbox here: running as root/);
    });

    it("the browser the tests launch says it is adequately sandboxed (chrome://sandbox), unless this machine cannot sandbox it", async function () {
        const mode = currentSandboxMode();
        if (mode.kind === "unsandboxed") this.skip();
        let browser: Browser | undefined;
        try {
            browser = await launchBrowser();
            const page = await browser.newPage();
            await page.goto("chrome://sandbox");
            await page.waitForFunction(() => /adequately sandboxed/.test(document.body.innerText));
            const text = (await page.textContent("body"))!.replace(/\s+/g, " ");
            assert.match(text, /You are adequately sandboxed/, text);
            assert.match(text, /Seccomp-BPF sandboxYes/, text);
            // The pages the tests render still load.
            const plain = await browser.newPage();
            await plain.setContent("<p id=x>ok</p>");
            assert.strictEqual(await plain.textContent("#x"), "ok");
        } finally {
            await browser?.close();
        }
    });
});

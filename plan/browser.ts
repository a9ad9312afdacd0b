// Debian's chromium (/usr/bin/chromium, installed by scripts/ensure-test-tools.sh), driven by
// playwright-core: never a browser a package downloads. One browser per test file keeps the
// suite fast; pages are cheap. Everything stays offline: no network flags, file:// and setContent only.
//
// Chromium runs with its own sandbox wherever the machine allows it (sandboxMode): its renderers,
// which parse the pages the tests build from hostile inputs, then live in their own namespaces
// under seccomp. Chromium refuses its sandbox as root (crbug.com/638180), so as root it runs as an
// unprivileged user (nobody) when that user can create user namespaces; CHROMIUM_SANDBOX=off
// turns the sandbox off, CHROMIUM_SANDBOX=on makes its absence an error.
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Browser, chromium } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** How chromium runs on this machine. */
export type SandboxMode =
    | { readonly kind: "sandboxed" }
    /** As root: chromium runs as this unprivileged user, sandboxed. */
    | { readonly kind: "dropped"; readonly uid: number; readonly gid: number }
    | { readonly kind: "unsandboxed"; readonly why: string };

/** What decides the mode: who we are, and what the machine lets an unprivileged user do. */
export interface Machine {
    readonly uid: number;
    /** CHROMIUM_SANDBOX: "off", "on" or unset. */
    readonly setting?: string;
    /** Whether `uid` (default: ours) may create a user namespace, which chromium's sandbox needs. */
    readonly userNamespaces: (uid?: number) => boolean;
    /** An unprivileged user root can run chromium as (nobody), if there is one and setpriv to switch to it. */
    readonly unprivileged?: { readonly uid: number; readonly gid: number };
}

export function sandboxMode(m: Machine): SandboxMode {
    const mode = decide(m);
    if (m.setting === "on" && mode.kind === "unsandboxed") {
        throw new Error(`CHROMIUM_SANDBOX=on, but chromium cannot use its sandbox here: ${mode.why}`);
    }
    return mode;
}

function decide(m: Machine): SandboxMode {
    if (m.setting === "off") return { kind: "unsandboxed", why: "CHROMIUM_SANDBOX=off" };
    if (m.uid !== 0) {
        return m.userNamespaces() ? { kind: "sandboxed" }
            : { kind: "unsandboxed", why: "this machine gives an unprivileged user no user namespaces, which chromium's sandbox needs" };
    }
    if (m.unprivileged && m.userNamespaces(m.unprivileged.uid)) return { kind: "dropped", ...m.unprivileged };
    return {
        kind: "unsandboxed", why: m.unprivileged
            ? "running as root (chromium refuses its sandbox as root), and an unprivileged user gets no user namespaces here"
            : "running as root (chromium refuses its sandbox as root), with no unprivileged user (nobody) and setpriv to run it as",
    };
}

const quiet = { stdio: "ignore" as const, timeout: 10_000 };

/** This machine, as sandboxMode needs it (asks `unshare`, `id` and `setpriv` once). */
function thisMachine(): Machine {
    const uid = process.getuid?.() ?? 0;
    const id = (flag: string) => Number(spawnSync("id", [flag, "nobody"], { encoding: "utf8", timeout: 10_000 }).stdout?.trim());
    const nobody = uid === 0 && spawnSync("setpriv", ["--version"], quiet).status === 0 && Number.isInteger(id("-u")) && id("-u") > 0
        ? { uid: id("-u"), gid: id("-g") } : undefined;
    return {
        uid, setting: process.env.CHROMIUM_SANDBOX, unprivileged: nobody,
        userNamespaces: (as?: number) => (as === undefined
            ? spawnSync("unshare", ["--user", "true"], quiet)
            : spawnSync("setpriv", [`--reuid=${as}`, `--regid=${nobody!.gid}`, "--clear-groups", "unshare", "--user", "true"], quiet)).status === 0,
    };
}

let current: SandboxMode | undefined;

/** The mode launchBrowser uses here (decided once per process). */
export function currentSandboxMode(): SandboxMode {
    return current ??= sandboxMode(thisMachine());
}

/**
 * A script that runs chromium as the unprivileged user: it hands Playwright's profile directory
 * to that user, then replaces itself with chromium under that user (setpriv keeps the pipes
 * Playwright talks over). Written once per process into a directory only root can read.
 */
function dropScript(mode: { uid: number; gid: number }): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-chromium-"));
    process.once("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, "chromium");
    fs.writeFileSync(file, [
        "#!/bin/sh",
        "# Runs chromium as an unprivileged user, so that it can use its sandbox (written by plan/browser.ts).",
        "for a in \"$@\"; do case \"$a\" in --user-data-dir=*) dir=\"${a#--user-data-dir=}\"; chown -R " + `${mode.uid}:${mode.gid}` + " \"$dir\";; esac; done",
        `exec setpriv --reuid=${mode.uid} --regid=${mode.gid} --clear-groups --inh-caps=-all env HOME="\${dir:-/tmp}" ${JSON.stringify(CHROMIUM)} "$@"`,
        "",
    ].join("\n"), { mode: 0o700 });
    return file;
}

let script: string | undefined;

export function launchBrowser(): Promise<Browser> {
    const mode = currentSandboxMode();
    return chromium.launch({
        executablePath: mode.kind === "dropped" ? (script ??= dropScript(mode)) : CHROMIUM,
        headless: true,
        // Playwright adds --no-sandbox unless told the sandbox is wanted.
        chromiumSandbox: mode.kind !== "unsandboxed",
        args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
}

/**
 * A temporary directory for files the browser opens by file://: readable by the user chromium
 * runs as (fs.mkdtempSync alone gives 0700, which an unprivileged chromium cannot enter).
 */
export function browserReadableDir(prefix: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    fs.chmodSync(dir, 0o755);
    return dir;
}

/** Where tests leave files for people to look at (gitignored). */
export function testOutput(name: string): string {
    const dir = path.join(__dirname, "..", "test-output");
    fs.mkdirSync(dir, { recursive: true });
    return path.join(dir, name);
}

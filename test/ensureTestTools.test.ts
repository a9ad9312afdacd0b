// Issue 28 item 10: installing the tests' tools never starts the system's DNS daemons. Debian's
// bind9 and unbound start named and unbound from their postinst (through invoke-rc.d or
// deb-systemd-invoke, which ask policy-rc.d first); scripts/ensure-test-tools.sh denies every
// start while apt-get runs, puts the machine's own policy-rc.d back, and fails if anything new
// listens on port 53 afterwards. apt-get is a stub here that behaves like those postinst scripts.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "scripts", "ensure-test-tools.sh");
const HEADER = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
const listener = (inode: number) => `   1: 00000000:0035 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 ${inode} 2 0000000000000000 0\n`;

/** A stub apt-get: `install` runs a postinst that starts a DNS daemon (a UDP socket on 53) when policy-rc.d allows it, or always when careless. */
function world(o: { careless?: boolean; policy?: string; listening?: boolean } = {}) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-tools-"));
    const proc = path.join(dir, "proc-net");
    fs.mkdirSync(proc);
    for (const t of ["tcp", "tcp6", "udp6"]) fs.writeFileSync(path.join(proc, t), HEADER);
    fs.writeFileSync(path.join(proc, "udp"), HEADER + (o.listening ? listener(111) : ""));
    const policy = path.join(dir, "policy-rc.d");
    if (o.policy !== undefined) fs.writeFileSync(path.join(dir, "policy-rc.d"), o.policy, { mode: 0o755 });
    const log = path.join(dir, "log");
    const apt = path.join(dir, "apt-get");
    fs.writeFileSync(apt, [
        "#!/bin/sh",
        `[ "$1" = update ] && exit 0`,
        `echo "install: $*" >> ${log}`,
        o.careless
            ? `echo started >> ${log}; printf '${listener(424242).replace(/\n/, "\\n")}' >> ${proc}/udp`
            : `if "$ENSURE_TOOLS_POLICY_RC_D" named start; then echo started >> ${log}; printf '${listener(424242).replace(/\n/, "\\n")}' >> ${proc}/udp; else echo "denied $?" >> ${log}; fi`,
        "",
    ].join("\n"), { mode: 0o755 });
    const run = () => spawnSync("bash", [SCRIPT], {
        encoding: "utf8",
        env: { ...process.env, ENSURE_TOOLS_MISSING: "bind9 unbound", ENSURE_TOOLS_APT_GET: apt, ENSURE_TOOLS_POLICY_RC_D: policy, ENSURE_TOOLS_PROC_NET: proc, ENSURE_TOOLS_SYSTEMD: path.join(dir, "no-systemd") },
    });
    return { dir, policy, log: () => fs.existsSync(log) ? fs.readFileSync(log, "utf8") : "", run };
}

describe("installing the tests' tools starts no system DNS service (issue 28 item 10)", () => {
    it("while apt-get installs bind9 and unbound, policy-rc.d denies every start (101), and afterwards there is no policy-rc.d again", () => {
        const w = world();
        const r = w.run();
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(w.log(), "install: install -y -qq --no-install-recommends bind9 unbound\ndenied 101\n");
        assert.ok(!fs.existsSync(w.policy));
    });

    it("a machine's own policy-rc.d is put back as it was, even one that allows starts", () => {
        const w = world({ policy: "#!/bin/sh\nexit 0\n" });
        assert.strictEqual(w.run().status, 0);
        assert.match(w.log(), /denied 101/);
        assert.strictEqual(fs.readFileSync(w.policy, "utf8"), "#!/bin/sh\nexit 0\n");
    });

    it("a package that starts its daemon anyway fails the script, naming the new socket on port 53 and how to stop it", () => {
        const w = world({ careless: true });
        const r = w.run();
        assert.strictEqual(r.status, 1);
        assert.match(r.stderr, /error: installing bind9 unbound left something new listening on port 53/);
        assert.match(r.stderr, /udp 00000000:0035 424242/);
        assert.ok(!fs.existsSync(w.policy), "the denying policy is removed on failure too");
    });

    it("a DNS server that listened before the install (the machine's own) is not the install's doing", () => {
        const w = world({ listening: true });
        assert.strictEqual(w.run().status, 0);
    });
});

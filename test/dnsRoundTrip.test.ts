// A real DNS round trip through the merged on-prem forwarder configuration (issue 13): the
// generated BIND, Unbound and dnsmasq configurations of examples/multi-region run in the real
// daemons on loopback. Each hub with onPrem gets one authoritative named that holds that hub's
// planned zones and records (each alias answered as the plan resolves it: A records of the
// endpoint addresses) and listens on one port per Resolver inbound address: it stands in for
// that hub's Resolver. The configurations change only there: each Resolver address becomes
// 127.0.0.1 and that address's port. Everything the forwarders do not forward goes to a
// stand-in for the public DNS (an authoritative root with `* A 192.0.2.1`, TEST-NET-1), so no
// query leaves the machine and a name forwarded wrongly is visible by its answer.
// Loopback only, random free ports, a temp dir; every daemon is stopped in `after`, whatever
// happened; each wait is bounded.
import { strict as assert } from "assert";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { HubConfig } from "../lib/config";
import { lookupRecord } from "../lib/aws/records";
import { ForwarderConfigs } from "../lib/forwarders";
import { HubOutputs, PlannedStack } from "../lib/model";
import { onPremConfigs } from "../plan/hubs";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { MULTI_REGION_DIR } from "./helpers";

const PUBLIC_ANSWER = "192.0.2.1";
const T = { type: { zone: "aws:route53/zone:Zone", record: "aws:route53/record:Record" } };

/** The program's path; sbin is searched too because non-root PATHs often lack it. */
function locate(bin: string): string {
    for (const dir of [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/bin"]) {
        if (dir && fs.existsSync(path.join(dir, bin))) return path.join(dir, bin);
    }
    throw new Error(`${bin} is not installed (scripts/ensure-test-tools.sh installs it: bind9, unbound, dnsmasq-base, bind9-dnsutils)`);
}

/** A free TCP port on loopback (UDP on the same number is free in practice on a test machine). */
function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

interface Answer { status: string; ips: string[] }

/** One dig for many names: status and A records of each, in order. */
function dig(port: number, names: readonly string[]): Map<string, Answer> {
    const r = spawnSync(locate("dig"), ["@127.0.0.1", "-p", String(port), "+noall", "+comments", "+answer", "+time=2", "+tries=1",
        ...names.flatMap(n => [n, "A"])], { encoding: "utf8", timeout: 20_000 });
    if (r.error) throw r.error;
    const out = new Map<string, Answer>();
    const blocks = r.stdout.split(";; Got answer:").slice(1);
    blocks.forEach((b, i) => {
        const status = /status: ([A-Z]+)/.exec(b)?.[1] ?? "NONE";
        const ips = [...b.matchAll(/^\S+\s+\d+\s+IN\s+A\s+(\S+)$/gm)].map(m => m[1]).sort();
        out.set(names[i], { status, ips });
    });
    return out;
}

/** A hub's zones as an authoritative server holds them: apex and wildcard A records of the plan. */
function zoneFiles(hub: PlannedStack, publicDns: Record<string, string[]>): Map<string, string> {
    const zones = new Map(hub.resources.filter(r => r.type === T.type.zone).map(r => [r.outputs.zoneId ?? r.id, String(r.inputs.name)]));
    const files = new Map<string, string[]>([...zones.values()].map(z => [z, [
        "$TTL 60", "@ IN SOA ns.invalid. hostmaster.invalid. 1 60 60 60 60", "@ IN NS ns.invalid.",
    ]]));
    for (const r of hub.resources.filter(x => x.type === T.type.record)) {
        const zone = zones.get(r.inputs.zoneId)!;
        // The alias answers as Route 53 resolves its target: the endpoint name's A records.
        const ips = lookupRecord(publicDns, String(r.inputs.aliases[0].name))?.ips ?? [];
        assert.ok(ips.length, `record ${r.inputs.name} aliases a name without addresses`);
        const owner = r.inputs.name === zone ? "@" : String(r.inputs.name).slice(0, -(zone.length + 1));
        for (const ip of ips) files.get(zone)!.push(`${owner} IN A ${ip}`);
    }
    return new Map([...files].map(([z, lines]) => [z, lines.join("\n") + "\n"]));
}

/**
 * The forwarder configs with each Resolver address replaced by 127.0.0.1 and its port, in each
 * product's syntax; nothing else changes.
 */
function rewrite(f: ForwarderConfigs, ports: ReadonlyMap<string, number>): ForwarderConfigs {
    const each = (text: string, re: (ip: string) => RegExp, to: (port: number) => string) =>
        [...ports].reduce((t, [ip, port]) => t.replace(re(ip), to(port)), text);
    const esc = (ip: string) => ip.replace(/\./g, "\\.");
    return {
        bind: each(f.bind, ip => new RegExp(`(?<=[{ ])${esc(ip)};`, "g"), p => `127.0.0.1 port ${p};`),
        unbound: each(f.unbound, ip => new RegExp(`^( {2}forward-addr: )${esc(ip)}$`, "gm"), p => `$1127.0.0.1@${p}`),
        dnsmasq: each(f.dnsmasq, ip => new RegExp(`^(server=/[^/]+/)${esc(ip)}$`, "gm"), p => `$1127.0.0.1#${p}`),
        windows: f.windows,
    };
}

describe("DNS round trip: real named, unbound and dnsmasq run the merged forwarder configuration on loopback", function () {
    this.timeout(60_000);
    const daemons: { name: string; child: ChildProcess; log: string }[] = [];
    let dir: string;
    let plan: PlanResult;
    let onPremHubs: PlannedStack[];
    const forwarderPorts: Record<"named" | "unbound" | "dnsmasq", number> = { named: 0, unbound: 0, dnsmasq: 0 };
    let original: ForwarderConfigs;
    let rewritten: ForwarderConfigs;

    // Should mocha itself exit before `after` runs, no daemon outlives it.
    const killAll = () => { for (const d of daemons) if (d.child.exitCode === null && d.child.signalCode === null) d.child.kill("SIGKILL"); };
    const start = (name: string, bin: string, args: string[]) => {
        const log = path.join(dir, `${name}.log`);
        const fd = fs.openSync(log, "w");
        const child = spawn(locate(bin), args, { cwd: dir, stdio: ["ignore", fd, fd] });
        fs.closeSync(fd);
        if (!daemons.length) process.once("exit", killAll);
        daemons.push({ name, child, log });
    };
    /** Waits until `port` answers `name` with NOERROR, at most a few seconds. */
    const ready = async (who: string, port: number, name: string) => {
        const deadline = Date.now() + 10_000;
        for (;;) {
            if (dig(port, [name]).get(name)?.status === "NOERROR") return;
            const dead = daemons.find(d => d.name === who && d.child.exitCode !== null);
            if (dead || Date.now() > deadline) {
                throw new Error(`${who} on port ${port} did not answer ${name}:\n${fs.readFileSync(daemons.find(d => d.name === who)!.log, "utf8").slice(-2000)}`);
            }
            await new Promise(r => setTimeout(r, 100));
        }
    };
    const namedConf = (name: string, ports: number[], body: string, recursion: string) => [
        `options { directory "${dir}"; pid-file "${dir}/${name}.pid"; session-keyfile "${dir}/${name}.key";`,
        ...ports.map(p => `  listen-on port ${p} { 127.0.0.1; };`),
        `  listen-on-v6 { none; }; check-integrity no; dnssec-validation no; ${recursion} };`,
        "controls { };", body, "",
    ].join("\n");

    before(async () => {
        const { files } = loadStackFiles(MULTI_REGION_DIR);
        plan = await evaluate(files, validateStacks(files).configs);
        onPremHubs = plan.stacks.filter(s => s.role === "hub" && (s.config as HubConfig).onPrem);
        assert.ok(onPremHubs.length >= 2, "the example has several hubs with onPrem");
        original = onPremConfigs(plan.stacks).forwarders!;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-dns-"));

        // The public DNS stand-in: every name not forwarded ends here.
        const publicPort = await freePort();
        fs.writeFileSync(path.join(dir, "root.db"), `$TTL 60\n@ IN SOA ns.invalid. hostmaster.invalid. 1 60 60 60 60\n@ IN NS ns.invalid.\n* IN A ${PUBLIC_ANSWER}\n`);
        fs.writeFileSync(path.join(dir, "public.conf"), namedConf("public", [publicPort], `zone "." { type primary; file "root.db"; };`, "recursion no;"));
        start("public", "named", ["-g", "-4", "-c", path.join(dir, "public.conf")]);

        // One authoritative server per hub, one port per Resolver inbound address.
        const resolverPorts = new Map<string, number>();
        for (const hub of onPremHubs) {
            const out = hub.outputs as HubOutputs;
            const ports: number[] = [];
            for (const ip of out.resolverInboundIps) {
                const p = await freePort();
                resolverPorts.set(ip, p);
                ports.push(p);
            }
            const zones = zoneFiles(hub, plan.publicDns);
            const decl = [...zones].map(([z, text], i) => {
                fs.writeFileSync(path.join(dir, `${hub.stack}-${i}.db`), text);
                return `zone "${z}" { type primary; file "${hub.stack}-${i}.db"; };`;
            });
            fs.writeFileSync(path.join(dir, `${hub.stack}.conf`), namedConf(hub.stack, ports, decl.join("\n"), "recursion no;"));
            start(hub.stack, "named", ["-g", "-4", "-c", path.join(dir, `${hub.stack}.conf`)]);
        }

        rewritten = rewrite(original, resolverPorts);
        forwarderPorts.named = await freePort();
        forwarderPorts.unbound = await freePort();
        forwarderPorts.dnsmasq = await freePort();
        // BIND: the fragment included as named.conf.local is; the default path is the public stand-in.
        fs.writeFileSync(path.join(dir, "forwarders-bind.conf"), rewritten.bind);
        fs.writeFileSync(path.join(dir, "bind.conf"), namedConf("bind", [forwarderPorts.named], `include "${dir}/forwarders-bind.conf";`,
            `recursion yes; allow-recursion { 127.0.0.1; }; forward only; forwarders { 127.0.0.1 port ${publicPort}; };`));
        start("bind", "named", ["-g", "-4", "-c", path.join(dir, "bind.conf")]);
        // Unbound: the fragment included; no validator (the stand-ins are unsigned), forwarders on loopback allowed.
        fs.writeFileSync(path.join(dir, "forwarders-unbound.conf"), rewritten.unbound);
        fs.writeFileSync(path.join(dir, "unbound.conf"), [
            "server:", "  interface: 127.0.0.1", `  port: ${forwarderPorts.unbound}`, "  do-ip6: no", "  do-not-query-localhost: no",
            '  chroot: ""', '  username: ""', `  directory: "${dir}"`, `  pidfile: "${dir}/unbound.pid"`, "  use-syslog: no",
            "  access-control: 127.0.0.0/8 allow", '  module-config: "iterator"', "  num-threads: 1",
            `include: "${dir}/forwarders-unbound.conf"`,
            "forward-zone:", '  name: "."', `  forward-addr: 127.0.0.1@${publicPort}`, "",
        ].join("\n"));
        start("unbound", "unbound", ["-d", "-c", path.join(dir, "unbound.conf")]);
        // dnsmasq: the fragment as its conf-file; no /etc/resolv.conf, the public stand-in upstream.
        fs.writeFileSync(path.join(dir, "forwarders-dnsmasq.conf"), rewritten.dnsmasq);
        start("dnsmasq", "dnsmasq", ["-k", `--conf-file=${path.join(dir, "forwarders-dnsmasq.conf")}`, `--port=${forwarderPorts.dnsmasq}`,
            "--listen-address=127.0.0.1", "--bind-interfaces", "--no-resolv", "--no-hosts", `--server=127.0.0.1#${publicPort}`,
            `--pid-file=${dir}/dnsmasq.pid`, "--user=root", "--cache-size=0"]);

        await ready("public", publicPort, "probe.example");
        for (const hub of onPremHubs) {
            const out = hub.outputs as HubOutputs;
            await ready(hub.stack, resolverPorts.get(out.resolverInboundIps[0])!, Object.keys(out.zoneIds)[0]);
        }
        for (const [who, port] of Object.entries(forwarderPorts)) await ready(who === "named" ? "bind" : who, port, "probe.example");
    });

    after(async () => {
        // Every daemon, whatever happened: TERM, then KILL what is still there after two seconds.
        const alive = () => daemons.filter(d => d.child.exitCode === null && d.child.signalCode === null);
        const settle = async (ms: number) => {
            const deadline = Date.now() + ms;
            while (alive().length && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
        };
        for (const d of alive()) d.child.kill("SIGTERM");
        await settle(2_000);
        killAll();
        await settle(1_000);
        process.removeListener("exit", killAll);
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
        assert.deepStrictEqual(alive().map(d => d.name), [], "every daemon has exited");
    });

    it("the configurations the daemons run differ from the generated ones only in the Resolver addresses", () => {
        for (const k of ["bind", "unbound", "dnsmasq"] as const) {
            const ips = onPremHubs.flatMap(h => (h.outputs as HubOutputs).resolverInboundIps);
            // Statements only: the comment naming each hub's Resolver stays as generated.
            const statements = (t: string) => t.split("\n").filter(l => !/^\s*(#|\/\/)/.test(l)).join("\n");
            for (const ip of ips) assert.ok(statements(original[k]).includes(ip) && !statements(rewritten[k]).includes(ip), `${k}: ${ip} rewritten`);
            // Undo the rewrite line by line: back to the generated text.
            const a = original[k].split("\n"), b = rewritten[k].split("\n");
            assert.strictEqual(a.length, b.length, k);
            a.forEach((line, i) => { if (line !== b[i]) assert.match(b[i], /127\.0\.0\.1[@# ]/, `${k} line ${i + 1} changed beyond the address`); });
        }
    });

    for (const daemon of ["named", "unbound", "dnsmasq"] as const) {
        it(`${daemon}: every hub's names (apex and a prefixed name in each wildcard zone) get that hub's endpoint addresses`, () => {
            for (const hub of onPremHubs) {
                // Expected: what the plan's on-prem path checks resolved, name by name.
                const expected = new Map(plan.checks.filter(c => c.kind === "service" && c.source === "on-prem" && c.hub === hub.stack)
                    .map(c => [c.host, [...c.answer].sort()]));
                assert.ok(expected.size > 0 && [...expected.keys()].some(h => /^[^.]+\.s3\./.test(h)), `${hub.stack}: apex and prefixed names checked`);
                if (hub.region === "us-east-1") assert.ok(expected.has("iam.amazonaws.com"), "the global IAM name goes to the us-east-1 hub");
                const got = dig(forwarderPorts[daemon], [...expected.keys()]);
                for (const [host, ips] of expected) {
                    assert.deepStrictEqual(got.get(host), { status: "NOERROR", ips }, `${daemon} ${hub.stack} ${host}`);
                }
            }
        });

        it(`${daemon}: a name no hub serves to on-prem is not forwarded to any hub: it gets the public path's answer`, () => {
            // Another region; a service the Tokyo hub lacks; and the non-production hub's names are the
            // production Tokyo hub's, so they go there, never to a hub without onPrem.
            const names = ["sqs.eu-north-1.amazonaws.com", "sts.ap-northeast-1.amazonaws.com", "x.kms.ap-northeast-1.amazonaws.com", "sts.amazonaws.com"];
            const got = dig(forwarderPorts[daemon], names);
            for (const n of names) assert.deepStrictEqual(got.get(n), { status: "NOERROR", ips: [PUBLIC_ANSWER] }, `${daemon} ${n}`);
        });
    }

    it("a name under a zone without a wildcard is NXDOMAIN from the hub, not the public answer", () => {
        const got = dig(forwarderPorts.unbound, ["nothing.sqs.us-west-2.amazonaws.com"]);
        assert.deepStrictEqual(got.get("nothing.sqs.us-west-2.amazonaws.com"), { status: "NXDOMAIN", ips: [] });
    });
});

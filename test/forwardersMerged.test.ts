// One on-prem forwarder configuration for several hubs (lib/forwarders.ts renderHubForwarders):
// each hub's zones go to that hub's Resolver addresses, region by region; the real
// named-checkconf, unbound-checkconf and dnsmasq --test accept it; two hubs serving one name
// is refused. (The round trip through the running daemons: dnsRoundTrip.test.ts.)
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HubForwarding, forwardingConflicts, renderHubForwarders } from "../lib/forwarders";

const TOKYO: HubForwarding = {
    hub: "shared-apne1", region: "ap-northeast-1", resolverIps: ["10.0.0.10", "10.0.1.10"],
    zones: ["sqs.ap-northeast-1.amazonaws.com", "s3.ap-northeast-1.amazonaws.com"],
};
const OREGON: HubForwarding = {
    hub: "shared-usw2", region: "us-west-2", resolverIps: ["10.16.0.10", "10.16.1.10"],
    zones: ["s3.us-west-2.amazonaws.com", "sts.us-west-2.amazonaws.com", "s3-control.us-west-2.amazonaws.com"],
};
const FRANKFURT: HubForwarding = {
    hub: "a-euc1", region: "eu-central-1", resolverIps: ["10.32.0.10", "10.32.1.10", "10.32.2.10"],
    zones: ["logs.eu-central-1.amazonaws.com"],
};

function locate(bin: string, pkg: string): string {
    for (const dir of [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/bin"]) {
        if (dir && fs.existsSync(path.join(dir, bin))) return path.join(dir, bin);
    }
    throw new Error(`${bin} is not installed: install the Debian package ${pkg}`);
}

function run(bin: string, pkg: string, args: string[]): { status: number | null; output: string } {
    const r = spawnSync(locate(bin, pkg), args, { encoding: "utf8", timeout: 20_000 });
    if (r.error) throw r.error;
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Zone -> Resolver IPs, as each product's statements say. */
function routes(text: string, product: "bind" | "unbound" | "dnsmasq" | "windows"): Map<string, string[]> {
    const out = new Map<string, string[]>();
    const add = (z: string, ip: string) => out.set(z, [...(out.get(z) ?? []), ip]);
    if (product === "bind") for (const m of text.matchAll(/^zone "([^"]+)" \{ type forward; forward only; forwarders \{ ([^}]*)\}; \};$/gm)) m[2].split(";").map(s => s.trim()).filter(Boolean).forEach(ip => add(m[1], ip));
    if (product === "unbound") for (const b of text.split(/^forward-zone:\n/m).slice(1)) { const z = /name: "([^"]+)"/.exec(b)![1]; for (const m of b.matchAll(/^ {2}forward-addr: (\S+)$/gm)) add(z, m[1]); }
    if (product === "dnsmasq") for (const m of text.matchAll(/^server=\/([^/]+)\/(\S+)$/gm)) add(m[1], m[2]);
    if (product === "windows") for (const m of text.matchAll(/^Add-DnsServerConditionalForwarderZone -Name "([^"]+)" -MasterServers (\S+)$/gm)) m[2].split(",").forEach(ip => add(m[1], ip));
    return out;
}

describe("lib/forwarders: one configuration for several hubs", () => {
    const merged = renderHubForwarders([OREGON, TOKYO, FRANKFURT]);
    let tmp: string;
    before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-fwd-")); });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const write = (name: string, text: string) => { const f = path.join(tmp, name); fs.writeFileSync(f, text); return f; };

    for (const product of ["bind", "unbound", "dnsmasq", "windows"] as const) {
        it(`${product}: every hub's zones go to that hub's Resolver addresses, and no zone goes anywhere else`, () => {
            const expected = new Map<string, string[]>();
            for (const h of [TOKYO, OREGON, FRANKFURT]) for (const z of h.zones) expected.set(z, [...h.resolverIps]);
            const got = routes(merged[product], product);
            assert.deepStrictEqual(new Map([...got].sort()), new Map([...expected].sort()));
        });
    }

    it("hubs come region by region, each under a comment naming the hub, its region and its Resolver", () => {
        const headings = merged.bind.split("\n").filter(l => l.startsWith("// hub "));
        assert.deepStrictEqual(headings, [
            "// hub shared-apne1 (ap-northeast-1): Resolver inbound 10.0.0.10, 10.0.1.10",
            "// hub a-euc1 (eu-central-1): Resolver inbound 10.32.0.10, 10.32.1.10, 10.32.2.10",
            "// hub shared-usw2 (us-west-2): Resolver inbound 10.16.0.10, 10.16.1.10",
        ]);
        assert.deepStrictEqual(renderHubForwarders([FRANKFURT, TOKYO, OREGON]), merged, "the input order does not matter");
    });

    it("named-checkconf accepts a named.conf that includes the merged fragment, and rejects it with a statement broken", () => {
        const conf = (frag: string) => write(`named-${Math.random()}.conf`, `options { directory "${tmp}"; };\ninclude "${write(`bind-${Math.random()}.conf`, frag)}";\n`);
        const ok = run("named-checkconf", "bind9-utils", [conf(merged.bind)]);
        assert.strictEqual(ok.status, 0, ok.output);
        const bad = run("named-checkconf", "bind9-utils", [conf(merged.bind.replace("forward only;", "forward only"))]);
        assert.notStrictEqual(bad.status, 0);
    });

    it("unbound-checkconf accepts an unbound.conf that includes the merged fragment, and rejects a bad forward-addr", () => {
        const conf = (frag: string) => write(`unbound-${Math.random()}.conf`, ["server:", '  chroot: ""', '  username: ""', `  directory: "${tmp}"`,
            `  pidfile: "${tmp}/unbound.pid"`, `include: "${write(`ub-${Math.random()}.conf`, frag)}"`, ""].join("\n"));
        const ok = run("unbound-checkconf", "unbound", [conf(merged.unbound)]);
        assert.strictEqual(ok.status, 0, ok.output);
        const bad = run("unbound-checkconf", "unbound", [conf(merged.unbound.replace("forward-addr: 10.16.0.10", "forward-addr: 10.16.0.999"))]);
        assert.notStrictEqual(bad.status, 0);
    });

    it("dnsmasq --test accepts the merged fragment as its conf-file, and rejects a misspelt option", () => {
        const ok = run("dnsmasq", "dnsmasq-base", ["--test", `--conf-file=${write("dnsmasq.conf", merged.dnsmasq)}`]);
        assert.strictEqual(ok.status, 0, ok.output);
        const bad = run("dnsmasq", "dnsmasq-base", ["--test", `--conf-file=${write("dnsmasq-bad.conf", merged.dnsmasq.replace("rebind-domain-ok=", "rebind-domian-ok="))}`]);
        assert.notStrictEqual(bad.status, 0);
    });

    it("two hubs serving one name to on-prem are refused, naming the zone and both hubs: one forward zone cannot go to two Resolvers", () => {
        const nonprod: HubForwarding = { hub: "shared-nonprod", region: "ap-northeast-1", resolverIps: ["10.50.0.10", "10.50.1.10"], zones: ["SQS.ap-northeast-1.amazonaws.com."] };
        assert.deepStrictEqual(forwardingConflicts([TOKYO, OREGON, nonprod]), [{ zone: "sqs.ap-northeast-1.amazonaws.com", hubs: ["shared-apne1", "shared-nonprod"] }]);
        assert.throws(() => renderHubForwarders([TOKYO, nonprod]),
            /zone sqs\.ap-northeast-1\.amazonaws\.com is served by hubs shared-apne1 and shared-nonprod: one forwarder zone cannot go to two Resolvers/);
    });

    it("two hubs in one region come in hub-name order, whatever the input order (the file does not change when the stack order does)", () => {
        const prod: HubForwarding = { hub: "prod", region: "ap-northeast-1", resolverIps: ["10.0.0.10"], zones: ["sqs.ap-northeast-1.amazonaws.com"] };
        const nonprod: HubForwarding = { hub: "nonprod", region: "ap-northeast-1", resolverIps: ["10.50.0.10"], zones: ["sns.ap-northeast-1.amazonaws.com"] };
        const dev: HubForwarding = { hub: "dev", region: "ap-northeast-1", resolverIps: ["10.60.0.10"], zones: ["sts.ap-northeast-1.amazonaws.com"] };
        const expected = [
            "// hub dev (ap-northeast-1): Resolver inbound 10.60.0.10",
            "zone \"sts.ap-northeast-1.amazonaws.com\" { type forward; forward only; forwarders { 10.60.0.10; }; };",
            "// hub nonprod (ap-northeast-1): Resolver inbound 10.50.0.10",
            "zone \"sns.ap-northeast-1.amazonaws.com\" { type forward; forward only; forwarders { 10.50.0.10; }; };",
            "// hub prod (ap-northeast-1): Resolver inbound 10.0.0.10",
            "zone \"sqs.ap-northeast-1.amazonaws.com\" { type forward; forward only; forwarders { 10.0.0.10; }; };",
            "// hub a-euc1 (eu-central-1): Resolver inbound 10.32.0.10, 10.32.1.10, 10.32.2.10",
            "zone \"logs.eu-central-1.amazonaws.com\" { type forward; forward only; forwarders { 10.32.0.10; 10.32.1.10; 10.32.2.10; }; };",
        ];
        for (const hubs of [[prod, nonprod, dev, FRANKFURT], [FRANKFURT, dev, nonprod, prod], [nonprod, FRANKFURT, prod, dev], [dev, prod, FRANKFURT, nonprod]]) {
            const bind = renderHubForwarders(hubs).bind.split("\n").filter(l => !l.startsWith("// ") || l.startsWith("// hub ")).filter(Boolean);
            assert.deepStrictEqual(bind, expected, hubs.map(h => h.hub).join(", "));
        }
    });

    it("no hub at all is refused: there is nothing to forward", () => {
        assert.throws(() => renderHubForwarders([]), { message: "no hub has onPrem: there is nothing to forward." });
    });

    it("a hub's invalid zone is refused naming the hub and the zone's index", () => {
        assert.throws(() => renderHubForwarders([TOKYO, { ...OREGON, zones: ["s3.us-west-2.amazonaws.com", "s3..us-west-2.amazonaws.com"] }]), {
            message: 'hub shared-usw2: zones[1]: "s3..us-west-2.amazonaws.com" is not a valid DNS name: label "" must be 1-63 letters, ' +
                "digits or inner hyphens (no spaces, quotes, semicolons, slashes or wildcards).",
        });
    });

    it("a hub's invalid Resolver address is refused naming the hub", () => {
        assert.throws(() => renderHubForwarders([TOKYO, { ...OREGON, resolverIps: ["10.16.0.1; evil"] }]), /hub shared-usw2: resolverIps\[0\]/);
    });
});

describe("npm run forwarders with several deployed hubs (one --from each)", () => {
    const { runForwarders } = require("../plan/forwardersCommand") as typeof import("../plan/forwardersCommand");
    let tmp: string;
    before(() => { tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-fwdcmd-")); });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));
    const outputsOf = (h: HubForwarding) => ({ region: h.region, resolverInboundIps: h.resolverIps, zoneIds: Object.fromEntries(h.zones.map((z, i) => [z, `Z${i}`])) });
    const io = () => {
        const o = { stdout: "", stderr: "", isTty: false, out: (t: string) => { o.stdout += t; }, err: (t: string) => { o.stderr += t; } };
        return o;
    };

    it("writes one configuration in which each hub (named after its file) forwards its zones to its own Resolver", () => {
        const files = [TOKYO, OREGON].map(h => { const f = path.join(tmp, `${h.hub}.json`); fs.writeFileSync(f, JSON.stringify(outputsOf(h))); return f; });
        const out = path.join(tmp, "out");
        const cap = io();
        assert.strictEqual(runForwarders([...files.flatMap(f => ["--from", f]), "--out", out], cap), 0, cap.stderr);
        const bind = fs.readFileSync(path.join(out, "bind-forwarders.conf"), "utf8");
        assert.strictEqual(bind, renderHubForwarders([TOKYO, OREGON]).bind);
        assert.match(bind, /^\/\/ hub shared-usw2 \(us-west-2\): Resolver inbound 10\.16\.0\.10, 10\.16\.1\.10$/m);
    });

    it("exits 2 naming the file: a hub without Resolver addresses, and two hubs serving one name", () => {
        const write = (name: string, body: unknown) => { const f = path.join(tmp, name); fs.writeFileSync(f, JSON.stringify(body)); return f; };
        const tokyo = write("tokyo.json", outputsOf(TOKYO));
        const bare = write("bare.json", { ...outputsOf(OREGON), resolverInboundIps: [] });
        let cap = io();
        assert.strictEqual(runForwarders(["--from", tokyo, "--from", bare, "--out", path.join(tmp, "x")], cap), 2);
        assert.match(cap.stderr, /^error: \(forwarders\): --from: \S+bare\.json has no Resolver inbound addresses/m);
        const twin = write("nonprod.json", outputsOf({ ...TOKYO, hub: "nonprod", resolverIps: ["10.50.0.10", "10.50.1.10"] }));
        cap = io();
        assert.strictEqual(runForwarders(["--from", tokyo, "--from", twin, "--out", path.join(tmp, "y")], cap), 2);
        assert.match(cap.stderr, /zone s3\.ap-northeast-1\.amazonaws\.com is served by hubs tokyo and nonprod: one forwarder zone cannot go to two Resolvers/);
    });
});

// Issue 28 item 8: inputs. Stack files whose names Pulumi would not accept as stack names are
// refused (exit 2) before anything is rendered from them; YAML alias bombs, deep nesting and
// oversized files are config errors, never a crash; every name or value written into a generated
// config (forwarders, Mermaid, HTML) is validated or escaped for that format, whatever it holds;
// no config value can forge a line of the error output; on-prem networks covering the whole
// address space are refused.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { formatError, parseStackConfig } from "../lib/config";
import { MAX_STACK_FILE_BYTES, loadStackFiles, readStackFile, stackNameProblem } from "../lib/config/stackFiles";
import { renderForwarders, renderHubForwarders } from "../lib/forwarders";
import { mermaidText } from "../lib/report/mermaid";
import { esc, scriptJson } from "../lib/report/html/escape";
import { renderHtmlReport } from "../lib/report/html/page";
import { coversEveryAddress } from "../lib/net/cidr";
import { coversEveryAddress6 } from "../lib/net/ipv6";
import { runPlan } from "../plan/cli";
import { EXAMPLE_DIR, exampleRaw, exampleStacksIn } from "./helpers";
import { fleetDocument } from "./fixtures/fleetDocument";

function tmp(name: string): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), `vpce-inputs-${name}-`));
}

async function plan(dir: string, args: string[] = []): Promise<{ code: number; out: string; err: string }> {
    let out = "", err = "";
    const code = await runPlan(["--stacks-dir", dir, ...args], { isTty: false, out: (t: string) => { out += t; }, err: (t: string) => { err += t; } } as any, dir);
    return { code, out, err };
}

const HOSTILE_NAMES = [
    "bad;name", "a b", "$(touch pwned)", "x\"y", "x'y", "a/b".replace("/", "\\"), "</script>", "%%{init}%%", "new\nline", "esc\u001b[2J",
    "rtl\u202eoverride", "é", "x".repeat(101),
];

describe("stack file names Pulumi would not accept are refused before anything is rendered (issue 28 item 8)", () => {
    it("Pulumi's rule at its boundary: 100 characters of letters, digits, - _ . are a stack name; 101, or one other character, are not", () => {
        assert.strictEqual(stackNameProblem("a".repeat(100)), undefined);
        assert.strictEqual(stackNameProblem("Prod_eu-west.1"), undefined);
        assert.match(stackNameProblem("a".repeat(101))!, /is 101 characters long, more than 100/);
        for (const bad of HOSTILE_NAMES) assert.ok(stackNameProblem(bad), JSON.stringify(bad));
        assert.ok(stackNameProblem(""));
    });

    it("the plan exits 2 on a stack file with such a name, plans nothing (no JSON, diagram or forwarders; the HTML page holds only the errors) and prints the name escaped, one line per error", async function () {
        this.timeout(60000);
        const dir = exampleStacksIn(tmp("names"));
        const member = fs.readFileSync(path.join(dir, "Pulumi.member-a.yaml"), "utf8");
        const written = HOSTILE_NAMES.filter(n => !n.includes("/")).map(n => `Pulumi.${n}.yaml`);
        for (const f of written) fs.writeFileSync(path.join(dir, f), member);
        const outputs = ["plan.json", "plan.html", "plan.md", "fwd"].map(f => path.join(dir, f));
        const r = await plan(dir, ["--json", outputs[0], "--html", outputs[1], "--mermaid", outputs[2], "--forwarders", outputs[3]]);
        assert.strictEqual(r.code, 2, r.err);
        for (const f of [outputs[0], outputs[2], outputs[3]]) assert.ok(!fs.existsSync(f), `${f} must not be written`);
        // The error page (main's exit-2 page): the errors, escaped, and no stack planned.
        const page = fs.readFileSync(outputs[1], "utf8");
        assert.ok(page.includes("is not a stack name Pulumi accepts") && !page.includes('x"y') && !page.includes("\u001b"));
        assert.ok(!page.includes("member-a") && !page.includes("vpc-0"), "nothing of any stack file is rendered");
        const lines = r.err.trimEnd().split("\n");
        assert.strictEqual(lines.length, written.length, r.err);
        for (const line of lines) assert.match(line, /^error: \(plan\): \(stack file name\): ".*" is not a stack name Pulumi accepts \(.*\): rename the file; nothing is read from it$/);
        // Nothing of a name reaches the terminal raw: no escape sequence, no direction override.
        assert.ok(!/[\u001b\u202e]/.test(r.err));
        assert.ok(r.err.includes(String.raw`"esc\u001b[2J"`) && r.err.includes(String.raw`"rtl\u202eoverride"`) && r.err.includes(String.raw`"new\nline"`));
    });

    it("readStackFile (the one reader, also the deployments project's) refuses the name too", () => {
        const r = readStackFile("/x/Pulumi.a;b.yaml", "config:\n  vpce-hub:role: hub\n");
        assert.strictEqual(r.stackFile, undefined);
        assert.deepStrictEqual(r.errors.map(e => e.key), ["(stack file name)"]);
    });
});

describe("YAML alias bombs, deep nesting and oversized files are config errors, never a crash", () => {
    const laughs = (levels: number) => "config:\n  vpce-hub:role: hub\n  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" +
        Array.from({ length: levels }, (_, i) => `  l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(", ")}]\n`).join("");

    it("a billion-laughs document (aliases of aliases) is refused with a sentence naming the file, quickly", () => {
        const started = Date.now();
        const r = readStackFile("Pulumi.shared.yaml", laughs(9));
        assert.ok(Date.now() - started < 2000);
        assert.strictEqual(r.stackFile, undefined);
        assert.deepStrictEqual(r.errors.map(e => `${e.stack} ${e.key}`), ["shared (Pulumi.shared.yaml)"]);
        assert.match(r.errors[0].message, /YAML aliases \(\*name\) expand past 100 copies, the sign of an alias bomb/);
    });

    it("a few aliases for a repeated list are still read", () => {
        const r = readStackFile("Pulumi.shared.yaml", "config:\n  a: &subnets [subnet-1, subnet-2]\n  b: *subnets\n  c: *subnets\n");
        assert.deepStrictEqual(r.errors, []);
        assert.deepStrictEqual(r.stackFile!.raw.c, ["subnet-1", "subnet-2"]);
    });

    it("nesting deep enough to overflow the parser's stack is a config error, not a RangeError", () => {
        const r = readStackFile("Pulumi.shared.yaml", `config:\n  a: ${"[".repeat(20000)}${"]".repeat(20000)}\n`);
        assert.strictEqual(r.stackFile, undefined);
        assert.match(r.errors[0].message, /^malformed YAML: nested too deeply to read$/);
    });

    it("a file of 4 MiB is read; one byte more is refused, by the plan before reading it", () => {
        const body = "config:\n  vpce-hub:role: hub\n#";
        const exact = body + "x".repeat(MAX_STACK_FILE_BYTES - body.length);
        assert.deepStrictEqual(readStackFile("Pulumi.shared.yaml", exact).errors, []);
        const over = readStackFile("Pulumi.shared.yaml", exact + "x");
        assert.match(over.errors[0].message, /^is 4,194,305 bytes, more than the 4,194,304 \(4 MiB\) a stack file may have/);
        // A sparse file of 64 MiB: refused from its size alone (reading it would take 64 MiB).
        const dir = exampleStacksIn(tmp("size"));
        fs.truncateSync(path.join(dir, "Pulumi.member-b.yaml"), 64 * 1024 * 1024);
        const loaded = loadStackFiles(dir);
        assert.deepStrictEqual(loaded.unreadable, ["member-b"]);
        assert.deepStrictEqual(loaded.errors.map(e => `${e.stack} ${e.key}`), ["member-b (Pulumi.member-b.yaml)"]);
    });

    it("the plan exits 2 on an alias bomb, printing one error line and no stack trace", async () => {
        const dir = exampleStacksIn(tmp("bomb"), files => { files["Pulumi.member-b.yaml"] = laughs(12); });
        const r = await plan(dir);
        assert.strictEqual(r.code, 2);
        assert.ok(!/\n\s+at /.test(r.err), r.err);
        assert.match(r.err, /^error: member-b: \(Pulumi\.member-b\.yaml\): its YAML aliases/m);
    });
});

describe("no config value can forge or hide a line of the error output", () => {
    it("a value with a line break, a terminal escape sequence and a direction override is printed escaped, on its error's one line", () => {
        const raw = exampleRaw().shared;
        const r = parseStackConfig("shared", { ...raw, "vpce-hub:organizationId": "o-x\nerror: shared: vpce-hub:spokes: all is well\u001b[2J\u202e" });
        const lines = r.errors.map(formatError).join("\n").split("\n");
        assert.strictEqual(lines.length, r.errors.length);
        const line = lines.find(l => l.includes("organizationId"))!;
        assert.ok(line.includes(String.raw`o-x\u000aerror: shared`) && line.includes(String.raw`\u001b[2J\u202e`), line);
    });
});

describe("on-prem networks that cover the whole address space are refused", () => {
    const withCidrs = (cidrs: string[]) => {
        const raw = exampleRaw().shared;
        return parseStackConfig("shared", { ...raw, "vpce-hub:onPrem": { ...raw["vpce-hub:onPrem"], cidrs } }).errors;
    };

    it("0.0.0.0/0, and blocks that only together cover every address, naming the key; half of the space is still a network", () => {
        for (const cidrs of [["0.0.0.0/0"], ["0.0.0.0/1", "128.0.0.0/1"], ["128.0.0.0/2", "0.0.0.0/1", "192.0.0.0/2"]]) {
            const errs = withCidrs(cidrs);
            assert.deepStrictEqual(errs.map(e => e.key), ["vpce-hub:onPrem.cidrs"], cidrs.join(" "));
            assert.match(errs[0].message, /covers? every IPv4 address: the endpoints' and the Resolver's security groups would admit the whole internet/);
        }
        assert.deepStrictEqual(withCidrs(["0.0.0.0/1", "128.0.0.0/2"]), []);
    });

    it("the coverage rule itself, IPv4 and IPv6, with a gap of one address", () => {
        assert.ok(coversEveryAddress(["0.0.0.0/1", "128.0.0.0/1"]));
        assert.ok(!coversEveryAddress(["0.0.0.0/1", "128.0.0.0/2", "192.0.0.0/3", "224.0.0.0/4", "240.0.0.0/5", "248.0.0.0/6", "252.0.0.0/7", "254.0.0.0/8",
            "255.0.0.0/9", "255.128.0.0/10", "255.192.0.0/11", "255.224.0.0/12", "255.240.0.0/13", "255.248.0.0/14", "255.252.0.0/15", "255.254.0.0/16",
            "255.255.0.0/17", "255.255.128.0/18", "255.255.192.0/19", "255.255.224.0/20", "255.255.240.0/21", "255.255.248.0/22", "255.255.252.0/23",
            "255.255.254.0/24", "255.255.255.0/25", "255.255.255.128/26", "255.255.255.192/27", "255.255.255.224/28", "255.255.255.240/29",
            "255.255.255.248/30", "255.255.255.252/31", "255.255.255.254/32"]));
        assert.ok(coversEveryAddress6(["::/0"]) && coversEveryAddress6(["8000::/1", "::/1"]));
        assert.ok(!coversEveryAddress6(["::/1", "8000::/2"]));
    });

    it("onPrem.ipv6Cidrs of ::/0 on a dual-stack hub is refused, naming the key", () => {
        const dual = exampleRaw().shared;
        const errs = parseStackConfig("shared", {
            ...dual, "vpce-hub:ipAddressType": "dualstack",
            "vpce-hub:vpc": { ...dual["vpce-hub:vpc"], ipv6Cidr: "2600:1f18:abcd:1200::/56" },
            "vpce-hub:onPrem": { ...dual["vpce-hub:onPrem"], ipv6Cidrs: ["::/1", "8000::/1"] },
        }).errors;
        const e = errs.find(x => x.key === "vpce-hub:onPrem.ipv6Cidrs")!;
        assert.match(e.message, /^::\/1, 8000::\/1 together cover every IPv6 address/);
    });
});

describe("every name written into a generated config is validated or escaped for its format (fast-check)", () => {
    // Characters that end a quote, a statement, a comment or an element in one of the formats.
    const unit = fc.constantFrom(..."aZ09-_.;{}\"'`$()<>/\\%#[]|&*! \n\r\t\u001b\u2028".split(""));
    const hostile = fc.string({ unit, maxLength: 24 });
    const IPS = ["10.0.0.10", "10.0.1.10"];
    const HUB = { hub: "shared", region: "ap-northeast-1", zones: ["sqs.ap-northeast-1.amazonaws.com"], resolverIps: IPS };
    /** Every line of every format: a comment, or a statement of the format's one shape. */
    const GRAMMAR: Record<string, RegExp[]> = {
        bind: [/^\/\/ [^\n]*$/, /^zone "[a-z0-9.-]+" \{ type forward; forward only; forwarders \{ (\d+\.\d+\.\d+\.\d+; )+\}; \};$/],
        unbound: [/^# [^\n]*$/, /^ {2}# [^\n]*$/, /^server:$/, /^forward-zone:$/, /^ {2}(name|private-domain|domain-insecure): "[a-z0-9.-]+"$/, /^ {2}forward-addr: \d+\.\d+\.\d+\.\d+$/],
        windows: [/^# [^\n]*$/, /^Add-DnsServerConditionalForwarderZone -Name "[a-z0-9.-]+" -MasterServers [\d.,]+$/],
        dnsmasq: [/^# [^\n]*$/, /^server=\/[a-z0-9.-]+\/\d+\.\d+\.\d+\.\d+$/, /^rebind-domain-ok=\/[a-z0-9.-]+\/$/],
    };

    it("forwarders of several hubs: a hub name or region that is not one is refused; whatever is accepted renders only comments and statements of each format's shape", () => {
        fc.assert(fc.property(hostile, hostile, hostile, (hub, region, zone) => {
            let configs: Record<string, string>;
            try {
                configs = renderHubForwarders([{ ...HUB, hub, region, zones: [zone] }, { ...HUB, hub: "other", region: "us-east-1", zones: ["sqs.us-east-1.amazonaws.com"] }]) as unknown as Record<string, string>;
            } catch (e) {
                assert.ok(!(e instanceof TypeError), String(e));
                return;
            }
            assert.match(hub, /^[A-Za-z0-9_.-]{1,100}$/);
            for (const [format, text] of Object.entries(configs)) {
                for (const line of text.split("\n").filter(l => l !== "")) {
                    assert.ok(GRAMMAR[format].some(g => g.test(line)), `${format}: ${JSON.stringify(line)}`);
                }
            }
        }), { numRuns: 300 });
        assert.throws(() => renderHubForwarders([{ ...HUB, hub: "x\nzone \"evil\" { type master; };" }]), /^Error: hubs\[0\]\.hub: "x\\nzone/);
        assert.throws(() => renderHubForwarders([{ ...HUB, region: "ap-northeast-1\n$(reboot)" }]), /region "ap-northeast-1\\n\$\(reboot\)" is not an AWS region/);
        assert.doesNotThrow(() => renderForwarders({ zones: HUB.zones, resolverIps: IPS }));
    });

    it("Mermaid: a label holds none of the characters that end it, open markup, start a directive or comment (%%) or break the line, and its entity codes give the text back", () => {
        fc.assert(fc.property(fc.string({ unit: fc.oneof(unit, fc.constantFrom(..."é\u202e")), maxLength: 40 }), (s) => {
            const t = mermaidText(s);
            assert.ok(!/["[\]{}()|`<>%\r\n\u2028\u2029]/.test(t), JSON.stringify(t));
            const back = t.replace(/#quot;/g, "\"").replace(/#lt;/g, "<").replace(/#gt;/g, ">").replace(/#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
            assert.strictEqual(back, s.replace(/[\r\n\u2028\u2029]+/g, " "));
        }), { numRuns: 500 });
        assert.strictEqual(mermaidText("%%{init: {\"securityLevel\": \"loose\"}}%%"), "#37;#37;#123;init: #123;#quot;securityLevel#quot;: #quot;loose#quot;#125;#125;#37;#37;");
    });

    it("HTML: text and attributes never carry < > \" ' or a bare &, and the JSON a script reads can neither close its element nor open a comment", () => {
        fc.assert(fc.property(fc.string({ unit: fc.oneof(unit, fc.constantFrom(..."&é\u2029")), maxLength: 40 }), (s) => {
            const e = esc(s);
            assert.ok(!/[<>"']/.test(e) && !/&(?!(amp|lt|gt|quot|#39);)/.test(e), e);
            const j = scriptJson({ s });
            assert.ok(!j.includes("<") && !/[\u2028\u2029]/.test(j), j);
            assert.deepStrictEqual(JSON.parse(j), { s });
        }), { numRuns: 500 });
    });

    it("HTML page: hostile stack, spoke and zone names add no element to the page (the same tags as a plain fleet's)", () => {
        const plain = renderHtmlReport(fleetDocument(3, ["s3"], 1));
        const doc = fleetDocument(3, ["s3"], 1);
        const evil = `x"><script>alert(1)</script><img src=x onerror=alert(2)><!--`;
        (doc.stacks[1] as { stack: string }).stack = evil;
        const spokes = (doc.stacks[0].outputs as any).spokes;
        spokes[evil] = spokes["member-0001"];
        delete spokes["member-0001"];
        (doc.stacks[0] as { stack: string }).stack = `hub</title><script>alert(3)</script>`;
        const html = renderHtmlReport(doc);
        const tags = (h: string) => (h.match(/<(script|img|iframe|object|title)\b/gi) ?? []).length;
        assert.strictEqual(tags(html), tags(plain));
        assert.ok(!html.includes("<script>alert") && !/<img\b/i.test(html));
    });
});

// The suite's copy of the example stays a valid plan input (the tests above edit copies only).
describe("inputs: the example itself", () => {
    it("reads without errors", () => {
        assert.deepStrictEqual(loadStackFiles(EXAMPLE_DIR).errors, []);
    });
});

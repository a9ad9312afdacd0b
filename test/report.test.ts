// What a person reads: the plan's terminal output at any size, the forwarder files, and the
// streamed JSON.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { PathCheck } from "../lib/model";
import { fit, renderSections, style, table } from "../lib/report/render";
import { checksSection } from "../lib/report/sections";
import { Io, runPlan } from "../plan/cli";
import { FORWARDER_FILES } from "../plan/forwarderFiles";
import { generateStacks } from "../plan/generate";
import { fileSink, writeJson, writeJsonFile } from "../plan/jsonStream";
import { EXAMPLE_DIR } from "./helpers";
import { examplePlanOutput } from "./fixtures/planOutput";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-report-"));

/** The checker's path (sbin too: non-root PATHs often lack it); fails, never skips. */
function locate(bin: string): string {
    for (const dir of [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/bin"]) {
        if (dir && fs.existsSync(path.join(dir, bin))) return path.join(dir, bin);
    }
    throw new Error(`${bin} is not installed (scripts/ensure-test-tools.sh installs it)`);
}

function run(bin: string, args: string[]): { status: number | null; output: string } {
    const r = spawnSync(locate(bin), args, { encoding: "utf8", timeout: 20_000 });
    if (r.error) throw r.error;
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe("the plan's terminal output", () => {
    it("fits 120 columns on every line, with and without --verbose", async () => {
        for (const args of [[], ["--verbose"]]) {
            const io = await examplePlanOutput(args);
            assert.strictEqual(io.code, 0, io.stderr);
            const wide = io.stdout.split("\n").filter(l => l.length > 120);
            assert.deepStrictEqual(wide, [], `${args.join(" ")}: lines wider than 120 columns`);
        }
    });

    it("wraps a long line at spaces under a hanging indent, keeping words (names, URLs) whole", () => {
        const url = "https://" + "x".repeat(130) + ".example";
        assert.deepStrictEqual(fit(`  warning one two three ${url} four`, 40), ["  warning one two three", `      ${url}`, "      four"]);
        assert.deepStrictEqual(fit("short", 40), ["short"]);
        // A table's last column wraps under its own start.
        const rows = table([["a", "b", "one two three four five six seven eight nine ten eleven twelve"]], 50);
        assert.deepStrictEqual(rows, ["a  b  one two three four five six seven eight nine", "      ten eleven twelve"]);
    });

    it("prints the Stacks section once, with resource counts by type, the on-prem networks and each spoke's route and admitted ports", async () => {
        const io = await examplePlanOutput();
        assert.strictEqual(io.code, 0, io.stderr);
        const out = io.stdout;
        assert.strictEqual(out.match(/^Stacks: /gm)?.length, 1);
        // 109 and the sources prefix list the endpoint groups reference.
        assert.match(out, /^Stacks: 1 hub, 2 spokes, 110 resources$/m);
        assert.match(out, /^ {2}hub resources: 20 VpcAssociationAuthorization, 14 Record, 10 Zone, 9 SecurityGroup, 8 VpcEndpoint,/m);
        assert.match(out, /^ {2}member-a {2}111111111111 {2}10\.1\.0\.0\/16 {2}pcx-[0-9a-f]+ {2}10\/10 {2}tcp 443 \(8\/8\)$/m);
        assert.match(out, /^ {2}member-b {2}222222222222 {2}10\.2\.0\.0\/16 {2}tgw-[0-9a-f]+ +10\/10 {2}tcp 443 \(8\/8\)$/m);
        assert.match(out, /^ {2}VIA: each spoke's route to the hub VPC 10\.0\.0\.0\/16$/m);
        assert.match(out, /^ {2}networks: 192\.168\.0\.0\/16 via VPN gateway vgw-0123456789abcdef0$/m);
        assert.match(out, /^ {2}Resolver inbound: 10\.0\.\d+\.\d+, 10\.0\.\d+\.\d+ \(simulated\)$/m, "simulated addresses are marked where printed");
        assert.ok(!/type forward;|Add-DnsServerConditionalForwarderZone/.test(out), "no forwarder config on the terminal");
    });

    it("summarises path checks by service and source kind, and --verbose lists each check with its hops", async () => {
        const io = await examplePlanOutput();
        assert.strictEqual(io.code, 0, io.stderr);
        assert.match(io.stdout, /^ {2}SERVICE +NAMES +SPOKES \(2\) +ON-PREM$/m);
        assert.match(io.stdout, /^ {2}s3 +6 +12 pass +6 pass$/m, "6 s3 names x 2 spokes, x 1 on-prem");
        assert.match(io.stdout, /^ {2}spoke isolation: 2\/2 spokes reach no other spoke$/m);
        assert.ok(!io.stdout.includes("security group admits"), "hops only under --verbose");
        const verbose = await examplePlanOutput(["--verbose"]);
        assert.strictEqual(verbose.code, 0, verbose.stderr);
        assert.match(verbose.stdout, /^ {2}pass member-a s3 my-bucket\.s3\.ap-northeast-1\.amazonaws\.com -> 10\.0\.\d+\.\d+,10\.0\.\d+\.\d+$/m);
        assert.match(verbose.stdout, /^ {7}security group admits 10\.1\.0\.0\/16 on tcp 443 -> endpoint vpce-[0-9a-f]+ \(s3\)$/m);
    });

    it("--verbose prints the component tree from the parent URNs: resources under the component that created them", async () => {
        const io = await examplePlanOutput(["--verbose"]);
        assert.strictEqual(io.code, 0, io.stderr);
        const lines = io.stdout.split("\n");
        const at = lines.indexOf("    vpce-hub:hub:SpokeLink member-a");
        assert.ok(at > 0, "the hub's SpokeLink component of member-a is a top-level node");
        const children = [];
        for (let i = at + 1; i < lines.length && lines[i].startsWith("      "); i++) children.push(lines[i].trim().split(" ")[0]);
        assert.ok(children.includes("aws:ec2/vpcPeeringConnection:VpcPeeringConnection"), children.join("\n"));
        assert.ok(children.includes("aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization"));
        assert.ok(!children.includes("aws:ec2/vpcEndpoint:VpcEndpoint"), "endpoints belong to HubEndpoints, not to a spoke link");
    });

    it("lists every failing check with its missing piece, whatever the fleet size", () => {
        const checks: PathCheck[] = Array.from({ length: 30 }, (_, i) => ({
            kind: "service", source: `member-${i}`, service: "sqs", host: "sqs.eu-west-1.amazonaws.com", answer: [],
            verdict: i % 3 ? "pass" : "fail", reason: i % 3 ? "" : `missing route ${i}`, path: [],
        }));
        const [section] = checksSection({ stacks: [], checks, warnings: [], verbose: false }, style(false));
        assert.match(section.lines.join("\n"), /^sqs +1 +20 pass, 10 FAIL$/m);
        const listed = section.lines.filter(l => l.startsWith("FAIL "));
        assert.deepStrictEqual(listed, Array.from({ length: 10 }, (_, k) => `FAIL member-${3 * k} -> sqs.eu-west-1.amazonaws.com: missing route ${3 * k}`));
    });

    describe("a fleet of 40 spokes", function () {
        this.timeout(60000);
        let out = "";
        let json = "";
        before(async () => {
            const dir = path.join(tmp, "fleet");
            fs.mkdirSync(dir);
            for (const f of generateStacks(40, 4)) fs.writeFileSync(path.join(dir, `Pulumi.${f.stack}.yaml`), YAML.stringify({ config: f.raw }));
            const io = capture();
            json = path.join(tmp, "fleet.json");
            assert.strictEqual(await runPlan(["--stacks-dir", dir, "--json", json], io, EXAMPLE_DIR), 0, io.stderr);
            out = io.stdout;
        });

        it("stays short: the stacks and spokes are counted, not listed, and the checks are one row per service", () => {
            // 40 spokes listed would be 80 lines in Stacks and Spokes alone; the fleet's warnings (its
            // peering requests expire unaccepted after 7 days; bucket policies see the hub's S3
            // endpoint; legacy SQS queue URLs) take their lines at the end and a brief one each first;
            // the API budget says in four what one more member costs the hub.
            assert.ok(out.split("\n").length < 110, `${out.split("\n").length} lines`);
            assert.match(out, /^ {2}40 spokes \(member-001, member-002, member-003 and 37 more\): 9-10 resources each; --verbose lists every stack$/m);
            assert.match(out, /^ {2}20 by peering, 20 by transitGateway; --verbose lists every spoke$/m);
            assert.match(out, /^ {2}s3 +6 +240 pass +6 pass$/m);
        });

        it("writes a JSON that parses, with every stack and check", () => {
            const doc = JSON.parse(fs.readFileSync(json, "utf8"));
            assert.strictEqual(doc.stacks.length, 41);
            // 9 names x 41 sources, and the isolation checks the plan made.
            assert.strictEqual(doc.checks.filter((c: PathCheck) => c.kind === "service").length, 9 * 41);
        });
    });
});

describe("--forwarders DIR", () => {
    let files: Record<string, string>;
    let out: string;
    before(async () => {
        const dir = path.join(tmp, "fwd");
        const io = capture();
        assert.strictEqual(await runPlan(["--forwarders", dir], io, EXAMPLE_DIR), 0, io.stderr);
        out = io.stdout;
        files = Object.fromEntries(fs.readdirSync(dir).map(f => [f, path.join(dir, f)]));
    });

    it("writes one file per DNS product and says where on the terminal", () => {
        assert.deepStrictEqual(Object.keys(files).sort(), [
            "bind-forwarders.conf", "dnsmasq-forwarders.conf", "endpoints-by-regional-name.txt", "unbound-forwarders.conf", "windows-dns-forwarders.ps1"]);
        for (const f of Object.values(files)) assert.ok(out.includes(f), `the terminal names ${f}`);
        assert.match(out, /they use the simulated addresses: after pulumi up take the real ones/);
        assert.match(fs.readFileSync(files["endpoints-by-regional-name.txt"], "utf8"), /^# \(simulated\): the endpoint names below come from the simulation/);
        // Each config file says so itself: a copied file keeps the warning.
        assert.match(fs.readFileSync(files["bind-forwarders.conf"], "utf8"), /^\/\/ \(simulated\): Resolver addresses from the offline plan, not AWS's/);
        for (const f of ["unbound-forwarders.conf", "dnsmasq-forwarders.conf", "windows-dns-forwarders.ps1"]) {
            assert.match(fs.readFileSync(files[f], "utf8"), /^# \(simulated\): Resolver addresses from the offline plan, not AWS's/, f);
        }
    });

    it("named-checkconf accepts the BIND file and sees every hub zone", () => {
        const conf = path.join(tmp, "named.conf");
        fs.writeFileSync(conf, `options { directory "${tmp}"; };\ninclude "${files["bind-forwarders.conf"]}";\n`);
        const r = run("named-checkconf", ["-p", conf]);
        assert.strictEqual(r.status, 0, r.output);
        assert.strictEqual([...r.output.matchAll(/^zone "([^"]+)"/gm)].length, 10);
    });

    it("unbound-checkconf accepts the Unbound file", () => {
        const conf = path.join(tmp, "unbound.conf");
        fs.writeFileSync(conf, ["server:", '  chroot: ""', '  username: ""', `  directory: "${tmp}"`, '  pidfile: ""',
            `include: "${files["unbound-forwarders.conf"]}"`, ""].join("\n"));
        const r = run("unbound-checkconf", [conf]);
        assert.strictEqual(r.status, 0, r.output);
    });

    it("dnsmasq --test accepts the dnsmasq file", () => {
        const r = run("dnsmasq", ["--test", `--conf-file=${files["dnsmasq-forwarders.conf"]}`]);
        assert.strictEqual(r.status, 0, r.output);
        assert.match(r.output, /syntax check OK/);
    });
});

describe("the --json file is streamed", () => {
    const doc = {
        simulated: true,
        stacks: Array.from({ length: 300 }, (_, i) => ({ stack: `s${i}`, resources: Array.from({ length: 20 }, (_, j) => ({ urn: `u${i}-${j}`, inputs: { a: [1, { b: null }], e: [], o: {} } })) })),
        checks: [{ kind: "service", answer: [], skipped: undefined }],
        empty: {},
        text: "line\nbreak \"quoted\"",
    };

    it("writes exactly the bytes of JSON.stringify(doc, null, 2) plus a newline", () => {
        const file = path.join(tmp, "stream.json");
        writeJsonFile(file, doc);
        assert.strictEqual(fs.readFileSync(file, "utf8"), JSON.stringify(doc, null, 2) + "\n");
    });

    it("never builds the whole document: no single write holds more than a megabyte and a bit", () => {
        const big = { stacks: Array.from({ length: 40 }, (_, i) => ({ stack: `s${i}`, resources: Array.from({ length: 2000 }, (_, j) => ({ urn: `urn:${i}:${j}`, pad: "x".repeat(40) })) })) };
        const file = path.join(tmp, "big.json");
        const largest = writeJsonFile(file, big);
        const size = fs.statSync(file).size;
        assert.ok(size > 8 * (1 << 20), `the document is large (${size} bytes)`);
        assert.ok(largest < 1.1 * (1 << 20), `largest write ${largest} bytes`);
        assert.strictEqual(JSON.parse(fs.readFileSync(file, "utf8")).stacks[39].resources[1999].urn, "urn:39:1999");
    });

    it("a sink sees pieces, not one string", () => {
        const pieces: string[] = [];
        writeJson({ write: t => pieces.push(t), close: () => undefined }, doc);
        assert.ok(pieces.length > 300 * 20, `${pieces.length} pieces`);
        assert.strictEqual(pieces.join(""), JSON.stringify(doc, null, 2) + "\n");
        void fileSink;
    });
});

describe("the cost section states what it leaves out", () => {
    it("says per-GB and per-query charges are left out while vpce-hub:cost has none, and stops saying it for the one given", async () => {
        const io = await examplePlanOutput();
        assert.strictEqual(io.code, 0, io.stderr);
        const text = io.stdout.replace(/\n {6,}/g, " ");
        assert.match(text, /note: hourly charges only: per-GB and per-query charges are left out until you estimate them \(0 by default\): spoke traffic \(endpoint and Transit Gateway data processing, peering cross-AZ transfer\): vpce-hub:cost\.gbPerMonthPerSpoke; on-prem traffic: vpce-hub:cost\.onPremGbPerMonth; Resolver queries from on-prem: vpce-hub:cost\.onPremMillionQueriesPerMonth/);
        const dir = path.join(tmp, "cost-given");
        fs.mkdirSync(dir);
        for (const f of fs.readdirSync(EXAMPLE_DIR).filter(f => f.endsWith(".yaml"))) fs.copyFileSync(path.join(EXAMPLE_DIR, f), path.join(dir, f));
        fs.appendFileSync(path.join(dir, "Pulumi.shared.yaml"), "  vpce-hub:cost: { gbPerMonthPerSpoke: 100 }\n");
        const given = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir], given, EXAMPLE_DIR), 0, given.stderr);
        const note = given.stdout.replace(/\n {6,}/g, " ").split("\n").find(l => l.includes("hourly charges only"));
        assert.ok(note && !note.includes("gbPerMonthPerSpoke") && note.includes("onPremGbPerMonth"), note);
    });
});

describe("docs/deploy.md", () => {
    const doc = fs.readFileSync(path.join(__dirname, "..", "docs", "deploy.md"), "utf8");
    it("names the commands and files the program really has (npm scripts, forwarder file names)", () => {
        const scripts = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "package.json"), "utf8")).scripts;
        for (const m of doc.matchAll(/npm run ([a-z-]+)/g)) assert.ok(scripts[m[1]], `npm run ${m[1]} exists`);
        for (const f of Object.values(FORWARDER_FILES)) assert.ok(doc.includes(f.file), f.file);
        for (const needle of ["pulumi stack init", "enableDnsSupport", "enableDnsHostnames", "enable-sharing-with-aws-organization",
            "acceptRamShare", "describe-subnets", "describe-route-tables", "pulumi stack output", "dig +short"]) {
            assert.ok(doc.includes(needle), needle);
        }
    });
});

describe("the report's text layout (lib/report/render.ts)", () => {
    it("a table aligns each column on its widest cell, a shorter row leaves its missing cells empty, a one-column or empty row prints as it is", () => {
        assert.deepStrictEqual(table([["a", "bbb", "c"], ["dd", "e"], ["f"], []], 80), ["a   bbb  c", "dd  e", "f", ""]);
        assert.deepStrictEqual(table([["a", "b", "c"], ["d"]], 80), ["a  b  c", "d"]);
        assert.deepStrictEqual(table([]), []);
    });

    it("a section's empty line stays empty (no indentation, no text) between its indented lines", () => {
        assert.strictEqual(renderSections("vpce-hub plan", [{ id: "x", title: "Title", lines: ["one", "", "two"] }], style(false)),
            "vpce-hub plan\n\nTitle\n  one\n\n  two\n");
    });
});

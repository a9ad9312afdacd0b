// The forwarder configs are pasted into on-prem DNS servers, so they are checked by the real
// daemons' own config checkers (Debian packages bind9-utils, unbound, dnsmasq-base), each with
// a negative control that proves the checker reads the file we wrote and would catch an error.
// A missing checker fails the test with the package to install: CI installs them.
import { strict as assert } from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import fc from "fast-check";
import { ForwarderConfigs, renderDirectEndpoints, renderForwarders } from "../lib/forwarders";

const R = "ap-northeast-1";
const IPS = ["10.0.0.10", "10.0.1.10", "10.0.2.10"];
/** Unsorted, one duplicate in another case with a trailing dot, names from every AWS parent domain in the catalog. */
const INPUT_ZONES = [
    `sqs.${R}.amazonaws.com`,
    `s3.${R}.amazonaws.com`,
    `dkr.ecr.${R}.amazonaws.com`,
    `api.ecr.${R}.amazonaws.com`,
    `eks-auth.${R}.api.aws`,
    `notebook.${R}.sagemaker.aws`,
    `S3.${R.toUpperCase()}.amazonaws.com.`,
];
/** INPUT_ZONES as every format must list them, written out: lower-cased, no trailing dot, once each, sorted. */
const ZONES = [
    `api.ecr.${R}.amazonaws.com`,
    `dkr.ecr.${R}.amazonaws.com`,
    `eks-auth.${R}.api.aws`,
    `notebook.${R}.sagemaker.aws`,
    `s3.${R}.amazonaws.com`,
    `sqs.${R}.amazonaws.com`,
];
const FORMATS = ["bind", "unbound", "windows", "dnsmasq"] as const;

// ---- real checkers -------------------------------------------------------------------------

interface Checker {
    readonly bin: string;
    readonly pkg: string;
}
const NAMED_CHECKCONF: Checker = { bin: "named-checkconf", pkg: "bind9-utils" };
const UNBOUND_CHECKCONF: Checker = { bin: "unbound-checkconf", pkg: "unbound" };
const DNSMASQ: Checker = { bin: "dnsmasq", pkg: "dnsmasq-base" };

/** The checker's path; sbin is searched too because non-root PATHs often lack it. Fails, never skips. */
function locate(c: Checker): string {
    const dirs = [...(process.env.PATH ?? "").split(path.delimiter), "/usr/sbin", "/sbin", "/usr/bin"];
    for (const dir of dirs) {
        const candidate = dir === "" ? "" : path.join(dir, c.bin);
        if (candidate !== "" && fs.existsSync(candidate)) return candidate;
    }
    throw new Error(`${c.bin} is not installed: install the Debian package ${c.pkg} (apt-get install -y ${c.pkg}).`);
}

function check(c: Checker, args: string[]): { status: number | null; output: string } {
    const r = spawnSync(locate(c), args, { encoding: "utf8", timeout: 20_000 });
    if (r.error) throw r.error;
    return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

/** Temp dir of the suite, made and removed by its hooks. */
let tmp: string;
let files = 0;

/** Writes `text` to a fresh file in the temp dir and returns its path. */
function write(name: string, text: string): string {
    const file = path.join(tmp, `${files++}-${name}`);
    fs.writeFileSync(file, text);
    return file;
}

/** A whole named.conf that includes the fragment, the way named.conf.local is included. */
function namedConf(fragment: string): string {
    const frag = write("forwarders.conf", fragment);
    return write("named.conf", `options { directory "${tmp}"; };\ninclude "${frag}";\n`);
}

/** A whole unbound.conf that works offline for any user: no chroot, no user switch, no trust anchor. */
function unboundConf(fragment: string): string {
    const frag = write("forwarders-unbound.conf", fragment);
    return write(
        "unbound.conf",
        [
            "server:",
            '  chroot: ""',
            '  username: ""',
            `  directory: "${tmp}"`,
            `  pidfile: "${path.join(tmp, "unbound.pid")}"`,
            `include: "${frag}"`,
            "",
        ].join("\n"),
    );
}

// ---- content of every format ---------------------------------------------------------------

/** The zones each format forwards, in output order, with the IPs each goes to. */
function forwarded(c: ForwarderConfigs): Record<keyof ForwarderConfigs, [string, string[]][]> {
    const bind = [...c.bind.matchAll(/^zone "([^"]*)" \{ type forward; forward only; forwarders \{ ([^}]*)\}; \};$/gm)]
        .map((m): [string, string[]] => [m[1], m[2].split(";").map((s) => s.trim()).filter((s) => s !== "")]);
    const unbound = c.unbound.split(/^forward-zone:\n/m).slice(1).map((block): [string, string[]] => [
        /^ {2}name: "([^"]*)"$/m.exec(block)?.[1] ?? "",
        [...block.matchAll(/^ {2}forward-addr: (\S+)$/gm)].map((m) => m[1]),
    ]);
    const windows = [...c.windows.matchAll(/^Add-DnsServerConditionalForwarderZone -Name "([^"]*)" -MasterServers (\S+)$/gm)]
        .map((m): [string, string[]] => [m[1], m[2].split(",")]);
    const dnsmasq: [string, string[]][] = [];
    for (const m of c.dnsmasq.matchAll(/^server=\/([^/]*)\/(\S+)$/gm)) {
        const last = dnsmasq[dnsmasq.length - 1];
        if (last !== undefined && last[0] === m[1]) last[1].push(m[2]);
        else dnsmasq.push([m[1], [m[2]]]);
    }
    return { bind, unbound, windows, dnsmasq };
}

/** Lines that are neither comments nor blank. */
const statements = (text: string): string[] =>
    text.split("\n").filter((l) => l.trim() !== "" && !/^\s*(#|\/\/)/.test(l));

// One outer suite, so that the hooks below do not become root hooks of the whole test run.
describe("lib/forwarders", () => {
    // Rendered in a hook, so that a renderer that throws fails the tests instead of the file load.
    let configs: ForwarderConfigs;
    let empty: ForwarderConfigs;
    before(() => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "forwarders-"));
        configs = renderForwarders({ zones: INPUT_ZONES, resolverIps: IPS });
        empty = renderForwarders({ zones: [], resolverIps: IPS });
    });
    after(() => {
        fs.rmSync(tmp, { recursive: true, force: true });
    });

    describe("BIND fragment", () => {
        it("named-checkconf accepts a named.conf that includes the fragment", () => {
            for (const c of [configs, empty]) {
                const r = check(NAMED_CHECKCONF, [namedConf(c.bind)]);
                assert.equal(r.status, 0, r.output);
            }
        });

        it("named-checkconf rejects the same fragment with one semicolon removed (the check is not vacuous)", () => {
            const broken = configs.bind.replace("forward only;", "forward only");
            assert.notEqual(broken, configs.bind);
            const r = check(NAMED_CHECKCONF, [namedConf(broken)]);
            assert.notEqual(r.status, 0, "named-checkconf accepted a fragment with a missing semicolon");
            assert.match(r.output, /missing ';'/);
        });

        it("named parses every zone as forward-only to every Resolver IP, in the given order", () => {
            const r = check(NAMED_CHECKCONF, ["-p", namedConf(configs.bind)]);
            assert.equal(r.status, 0, r.output);
            const forwarders = IPS.map((ip) => `\t\t${ip};\n`).join("");
            for (const z of ZONES) {
                const block = `zone "${z}" {\n\ttype forward;\n\tforward only;\n\tforwarders {\n${forwarders}\t};\n};`;
                assert.ok(r.output.includes(block), `missing in named-checkconf -p output:\n${block}\n---\n${r.output}`);
            }
            assert.deepEqual([...r.output.matchAll(/^zone "([^"]+)"/gm)].map((m) => m[1]), ZONES);
        });
    });

    describe("Unbound fragment", () => {
        it("unbound-checkconf accepts an unbound.conf that includes the fragment", () => {
            for (const c of [configs, empty]) {
                const r = check(UNBOUND_CHECKCONF, [unboundConf(c.unbound)]);
                assert.equal(r.status, 0, r.output);
            }
        });

        it("unbound-checkconf rejects the same fragment with a bad forward-addr (the check is not vacuous)", () => {
            const broken = configs.unbound.replace(`forward-addr: ${IPS[0]}`, "forward-addr: 10.0.0.1000");
            assert.notEqual(broken, configs.unbound);
            const r = check(UNBOUND_CHECKCONF, [unboundConf(broken)]);
            assert.notEqual(r.status, 0, "unbound-checkconf accepted forward-addr 10.0.0.1000");
        });

        it("unbound exempts every zone from private-address stripping (private-domain)", () => {
            const r = check(UNBOUND_CHECKCONF, ["-o", "private-domain", unboundConf(configs.unbound)]);
            assert.equal(r.status, 0, r.output);
            assert.deepEqual(r.output.trim().split("\n").sort(), ZONES);
        });
    });

    describe("answers survive a hardened resolver", () => {
        it("unbound does not mark the zones bogus under a DNSSEC-signed parent: every zone is domain-insecure", () => {
            const r = check(UNBOUND_CHECKCONF, ["-o", "domain-insecure", unboundConf(configs.unbound)]);
            assert.equal(r.status, 0, r.output);
            assert.deepEqual(r.output.trim().split("\n").sort(), ZONES);
        });

        it("dnsmasq with stop-dns-rebind keeps the zones' private answers: one rebind-domain-ok line per zone", () => {
            const lines = configs.dnsmasq.split("\n").filter((l) => l.startsWith("rebind-domain-ok="));
            assert.deepEqual(lines, ZONES.map((z) => `rebind-domain-ok=/${z}/`));
            // And dnsmasq itself accepts them next to stop-dns-rebind.
            const conf = write("dnsmasq-rebind.conf", `stop-dns-rebind\n${configs.dnsmasq}`);
            const r = check(DNSMASQ, ["--test", `--conf-file=${conf}`]);
            assert.equal(r.status, 0, r.output);
        });
    });

    describe("dnsmasq fragment", () => {
        it("dnsmasq --test accepts the fragment as its conf-file", () => {
            for (const c of [configs, empty]) {
                const r = check(DNSMASQ, ["--test", `--conf-file=${write("dnsmasq.conf", c.dnsmasq)}`]);
                assert.equal(r.status, 0, r.output);
                assert.match(r.output, /syntax check OK/);
            }
        });

        it("dnsmasq --test rejects the same fragment with a misspelt option (the check is not vacuous)", () => {
            const broken = configs.dnsmasq.replace("server=/", "sever=/");
            assert.notEqual(broken, configs.dnsmasq);
            const r = check(DNSMASQ, ["--test", `--conf-file=${write("dnsmasq.conf", broken)}`]);
            assert.notEqual(r.status, 0, "dnsmasq accepted a misspelt option");
        });
    });

    describe("every format", () => {
        for (const format of FORMATS) {
            it(`${format}: every zone, lower-cased, deduplicated and sorted, goes to every Resolver IP in the given order`, () => {
                assert.deepEqual(forwarded(configs)[format], ZONES.map((z) => [z, IPS]));
            });

            it(`${format}: no statement forwards amazonaws.com (or any name) other than the given zones`, () => {
                const text = configs[format];
                for (const line of statements(text)) {
                    const names = [...line.matchAll(/[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi)].map((m) => m[0])
                        .filter((n) => !/^\d+(\.\d+){3}$/.test(n) && !/^vpce-/.test(n));
                    for (const n of names) assert.ok(ZONES.includes(n), `${format} names ${n}: ${line}`);
                }
                assert.doesNotMatch(text, /["/]amazonaws\.com["/]/);
            });
        }

        it("duplicate Resolver IPs are forwarded to once", () => {
            const c = forwarded(renderForwarders({ zones: [ZONES[0]], resolverIps: [IPS[1], IPS[0], IPS[1]] }));
            for (const format of FORMATS) {
                assert.deepEqual(c[format], [[ZONES[0], [IPS[1], IPS[0]]]], format);
            }
        });

        it("the same zones in another order or case render byte-identical configs", () => {
            const shuffled = [...INPUT_ZONES].reverse().map((z) => z.toUpperCase());
            assert.deepEqual(renderForwarders({ zones: shuffled, resolverIps: IPS }), configs);
        });
    });

    describe("the text pasted into each DNS server, literally (one hub: no hub headings)", () => {
        const HEAD = [
            "Generated by vpce-hub (lib/forwarders.ts): regenerate instead of editing.",
            "One forward zone per hub zone; names below a zone (bucket.s3..., <account>.dkr.ecr...) follow it. Nothing else changes.",
        ];
        const S3 = "s3.ap-northeast-1.amazonaws.com";
        const SQS = "sqs.ap-northeast-1.amazonaws.com";
        let two: ForwarderConfigs;
        let none: ForwarderConfigs;
        before(() => {
            two = renderForwarders({ zones: [SQS, S3], resolverIps: ["10.0.0.10", "10.0.1.10"] });
            none = renderForwarders({ zones: [], resolverIps: ["10.0.0.10"] });
        });

        it("BIND: the header comments, then one forward-only zone statement per zone", () => {
            assert.equal(two.bind, [
                "// On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (BIND named.conf fragment).",
                ...HEAD.map((l) => `// ${l}`),
                "// Route 53 private hosted zones are unsigned: if named validates DNSSEC and a parent domain is",
                "// signed, list these zones in options { validate-except { ... }; }; or answers turn SERVFAIL.",
                `zone "${S3}" { type forward; forward only; forwarders { 10.0.0.10; 10.0.1.10; }; };`,
                `zone "${SQS}" { type forward; forward only; forwarders { 10.0.0.10; 10.0.1.10; }; };`,
                "",
            ].join("\n"));
        });

        it("Unbound: a server: clause exempting the zones (private-domain, domain-insecure), then one forward-zone per zone", () => {
            assert.equal(two.unbound, [
                "# On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (unbound.conf fragment).",
                ...HEAD.map((l) => `# ${l}`),
                "server:",
                "  # The zones answer with VPC addresses (10.x and the like). With private-address set",
                "  # (DNS rebinding protection) Unbound would strip those answers; private-domain exempts them.",
                `  private-domain: "${S3}"`,
                `  private-domain: "${SQS}"`,
                "  # Private hosted zones are never DNSSEC-signed: do not let a signed parent mark them bogus.",
                `  domain-insecure: "${S3}"`,
                `  domain-insecure: "${SQS}"`,
                "forward-zone:", `  name: "${S3}"`, "  forward-addr: 10.0.0.10", "  forward-addr: 10.0.1.10",
                "forward-zone:", `  name: "${SQS}"`, "  forward-addr: 10.0.0.10", "  forward-addr: 10.0.1.10",
                "",
            ].join("\n"));
        });

        it("Windows DNS: one Add-DnsServerConditionalForwarderZone per zone with every Resolver address", () => {
            assert.equal(two.windows, [
                "# On-prem conditional forwarders to the vpce-hub Route 53 Resolver inbound endpoint (Windows Server DNS).",
                ...HEAD.map((l) => `# ${l}`),
                "# Run on each DNS server. On Active Directory-integrated DNS, append -ReplicationScope \"Forest\"",
                "# (or \"Domain\") to store the forwarders in AD once instead.",
                `Add-DnsServerConditionalForwarderZone -Name "${S3}" -MasterServers 10.0.0.10,10.0.1.10`,
                `Add-DnsServerConditionalForwarderZone -Name "${SQS}" -MasterServers 10.0.0.10,10.0.1.10`,
                "",
            ].join("\n"));
        });

        it("dnsmasq: per zone a server= line per Resolver address and its rebind-domain-ok line", () => {
            assert.equal(two.dnsmasq, [
                "# On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (dnsmasq.conf fragment).",
                ...HEAD.map((l) => `# ${l}`),
                "# rebind-domain-ok keeps stop-dns-rebind, if set, from dropping the zones' private answers.",
                `server=/${S3}/10.0.0.10`, `server=/${S3}/10.0.1.10`, `rebind-domain-ok=/${S3}/`,
                `server=/${SQS}/10.0.0.10`, `server=/${SQS}/10.0.1.10`, `rebind-domain-ok=/${SQS}/`,
                "",
            ].join("\n"));
        });

        it("with no zones, Unbound gets the header comments only: no empty server: clause", () => {
            assert.equal(none.unbound, [
                "# On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (unbound.conf fragment).",
                ...HEAD.map((l) => `# ${l}`),
                "",
            ].join("\n"));
        });
    });

    // ---- validation ----------------------------------------------------------------------------

    describe("invalid input is rejected before anything is rendered", () => {
        const zones = [ZONES[0]];

        it("an empty Resolver IP list is rejected with a sentence naming resolverIps", () => {
            assert.throws(() => renderForwarders({ zones, resolverIps: [] }), {
                message: /^ForwarderInput\.resolverIps is empty: on-prem forwarders need at least one Resolver inbound endpoint IP\.$/,
            });
        });

        for (const bad of ["10.0.0.256", "fd00::10", "10.1", "010.0.0.10", " 10.0.0.10", "10.0.0.10; 1.2.3.4", "", "resolver.example.com"]) {
            it(`Resolver IP ${JSON.stringify(bad)} is rejected as not IPv4, naming its index`, () => {
                assert.throws(() => renderForwarders({ zones, resolverIps: [IPS[0], bad] }), {
                    message: /^ForwarderInput\.resolverIps\[1\]: .* is not an IPv4 address in dotted-decimal form/,
                });
            });
        }

        const injections = [
            `s3.${R}.amazonaws.com"; }; zone "evil.example.com`,
            `s3.${R}.amazonaws.com\nforward-zone:`,
            `s3.${R}.amazonaws.com/10.9.9.9`,
            `s3.${R}.amazonaws.com -MasterServers 6.6.6.6`,
            `s3.${R}.amazonaws.com$(calc)`,
            `*.s3.${R}.amazonaws.com`,
            `s3..amazonaws.com`,
            `-s3.${R}.amazonaws.com`,
            `under_score.${R}.amazonaws.com`,
            `${"a".repeat(64)}.${R}.amazonaws.com`,
            "",
        ];
        for (const bad of injections) {
            it(`zone ${JSON.stringify(bad)} is rejected as an invalid DNS name, naming its index`, () => {
                assert.throws(() => renderForwarders({ zones: [ZONES[0], bad], resolverIps: IPS }), {
                    message: /^ForwarderInput\.zones\[1\]: .* is not (a valid DNS name|a DNS name)/,
                });
            });
        }

        it("an empty zone or a missing one (null) is rejected as empty, with the sentence that says so, not a TypeError", () => {
            assert.throws(() => renderForwarders({ zones: [ZONES[0], ""], resolverIps: IPS }), {
                message: 'ForwarderInput.zones[1]: "" is not a DNS name: it is empty.',
            });
            assert.throws(() => renderForwarders({ zones: [null as unknown as string], resolverIps: IPS }), {
                message: "ForwarderInput.zones[0]: null is not a DNS name: it is empty.",
            });
        });

        it("a zone of 253 characters is forwarded (with or without a trailing dot); one of 254 is rejected as too long for DNS", () => {
            const [a, b, c] = ["a", "b", "c"].map((x) => x.repeat(63));
            const longest = `${a}.${b}.${c}.${"d".repeat(61)}`; // 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253
            for (const zone of [longest, `${longest}.`]) {
                assert.deepEqual(forwarded(renderForwarders({ zones: [zone], resolverIps: IPS })).bind, [[longest, IPS]]);
            }
            const tooLong = `${a}.${b}.${c}.${"d".repeat(62)}`;
            assert.throws(() => renderForwarders({ zones: [tooLong], resolverIps: IPS }), {
                message: `ForwarderInput.zones[0]: "${tooLong}" is not a DNS name: it is longer than 253 characters.`,
            });
        });

        for (const broad of ["amazonaws.com", "amazonaws.com.", "api.aws", "com"]) {
            it(`zone ${JSON.stringify(broad)} is rejected as too broad: one zone per service, never a whole domain`, () => {
                assert.throws(() => renderForwarders({ zones: [broad], resolverIps: IPS }), {
                    message: /^ForwarderInput\.zones\[0\]: .* is too broad to forward: forward one zone per service/,
                });
            });
        }

        it("whatever string is given as a zone, it is either rejected or rendered as a plain LDH name", () => {
            const unit = fc.constantFrom(..."abz09-.._\"';{}/\\ \n\t$*AZ");
            fc.assert(
                fc.property(fc.string({ unit, maxLength: 40 }), (zone) => {
                    let c: ForwarderConfigs;
                    try {
                        c = renderForwarders({ zones: [zone], resolverIps: IPS });
                    } catch (e) {
                        assert.match((e as Error).message, /^ForwarderInput\.zones\[0\]: /);
                        return;
                    }
                    const name = zone.toLowerCase().replace(/\.$/, "");
                    assert.match(name, /^[a-z0-9-]+(\.[a-z0-9-]+){2,}$/);
                    for (const format of FORMATS) {
                        assert.deepEqual(forwarded(c)[format], [[name, IPS]], format);
                    }
                }),
                { numRuns: 300 },
            );
        });
    });

    // ---- direct calls to the regional name -----------------------------------------------------

    describe("renderDirectEndpoints", () => {
        const s3Name = `vpce-0abc123-xyz.s3.${R}.vpce.amazonaws.com`;
        const endpoints = [
            { service: "sqs", region: R, regionalDnsName: `vpce-0def456-abc.sqs.${R}.vpce.amazonaws.com` },
            { service: "s3", region: R, regionalDnsName: `*.${s3Name}` },
            { service: "ecr.api", region: R, regionalDnsName: `vpce-0aaa111-bbb.api.ecr.${R}.vpce.amazonaws.com` },
            { service: "monitoring", region: R, regionalDnsName: `vpce-0ccc222-ddd.monitoring.${R}.vpce.amazonaws.com` },
            { service: "kinesis-streams", region: R, regionalDnsName: `vpce-0eee333-fff.kinesis.${R}.vpce.amazonaws.com` },
            { service: "email-smtp", region: R, regionalDnsName: `vpce-0ggg444-hhh.email-smtp.${R}.vpce.amazonaws.com` },
            { service: "ecr.dkr", region: R, regionalDnsName: `vpce-0iii555-jjj.dkr.ecr.${R}.vpce.amazonaws.com` },
            { service: "newservice", region: R, regionalDnsName: `vpce-0kkk666-lll.newservice.${R}.vpce.amazonaws.com` },
        ];
        let text: string;
        before(() => {
            text = renderDirectEndpoints(endpoints);
        });
        const block = (service: string): string => {
            const b = text.split("\n\n").find((x) => x.startsWith(`${service} (`));
            assert.ok(b, `no block for ${service} in:\n${text}`);
            return b;
        };

        it("S3 is called at https://bucket.<regional name without *.> with --region, from the CLI and boto3", () => {
            const b = block("s3");
            const url = `https://bucket.${s3Name}`;
            assert.ok(b.includes(`regional name: ${s3Name}\n`), b);
            assert.ok(b.includes(`aws s3 ls s3://my-bucket/ --region ${R} --endpoint-url ${url}\n`), b);
            assert.ok(b.includes(`boto3.client("s3", region_name="${R}", endpoint_url="${url}")`), b);
            assert.doesNotMatch(text, /\*\./);
        });

        const cli: [string, string][] = [
            ["sqs", "sqs"], ["ecr.api", "ecr"], ["monitoring", "cloudwatch"], ["kinesis-streams", "kinesis"], ["newservice", "newservice"],
        ];
        for (const [service, command] of cli) {
            it(`${service} is called as "aws ${command}" and boto3 "${command}" at https://<its own regional name>`, () => {
                const e = endpoints.find((x) => x.service === service);
                assert.ok(e);
                const b = block(service);
                const url = `https://${e.regionalDnsName}`;
                assert.match(b, new RegExp(`aws ${command} \\S+ --region ${R} --endpoint-url ${url.replace(/\./g, "\\.")}\\n`));
                assert.ok(b.includes(`boto3.client("${command}", region_name="${R}", endpoint_url="${url}")`), b);
            });
        }

        it("email-smtp says there is no CLI and names its SMTP host instead of an aws command", () => {
            const b = block("email-smtp");
            assert.match(b, /no AWS CLI/);
            assert.ok(b.includes(`vpce-0ggg444-hhh.email-smtp.${R}.vpce.amazonaws.com, port 587`), b);
            assert.doesNotMatch(b, /aws CLI:|boto3/);
        });

        it("ecr.dkr explains that docker needs the forwarders instead of offering a CLI call", () => {
            const b = block("ecr.dkr");
            assert.match(b, /docker pull\/push needs the DNS forwarders/);
            assert.doesNotMatch(b, /aws CLI:|boto3/);
        });

        it("endpoints are listed sorted by service, whatever the input order", () => {
            const order = text.split("\n\n").map((b) => b.split(" ")[0]);
            assert.deepEqual(order, endpoints.map((e) => e.service).sort());
            assert.equal(renderDirectEndpoints([...endpoints].reverse()), text);
        });

        it("without endpoints there is no text at all (the plan and the report then show no direct-call section)", () => {
            assert.equal(renderDirectEndpoints([]), "");
        });

        it("one service in several regions is listed region by region, whatever the input order", () => {
            const sqs = (region: string) => ({ service: "sqs", region, regionalDnsName: `vpce-0def456-abc.sqs.${region}.vpce.amazonaws.com` });
            const expected = [
                "sqs (ap-northeast-1)",
                "sqs (eu-central-1)",
                "sqs (us-west-2)",
            ];
            for (const input of [[sqs("us-west-2"), sqs("ap-northeast-1"), sqs("eu-central-1")], [sqs("eu-central-1"), sqs("us-west-2"), sqs("ap-northeast-1")]]) {
                assert.deepEqual(renderDirectEndpoints(input).split("\n\n").map((b) => b.split("\n")[0]), expected);
            }
        });

        it("a regional name, region or service that could inject shell text is rejected, naming the field", () => {
            const ok = endpoints[0];
            assert.throws(() => renderDirectEndpoints([{ ...ok, regionalDnsName: `${ok.regionalDnsName}; rm -rf /` }]), {
                message: /^renderDirectEndpoints endpoints\[0\]\.regionalDnsName: .* is not a valid DNS name/,
            });
            assert.throws(() => renderDirectEndpoints([{ ...ok, region: `${R} --profile prod` }]), {
                message: /^renderDirectEndpoints endpoints\[0\]\.region: .* is not an AWS region/,
            });
            assert.throws(() => renderDirectEndpoints([{ ...ok, service: "sqs $(id)" }]), {
                message: /^renderDirectEndpoints endpoints\[0\]\.service: .* is not an endpoint service name/,
            });
        });
    });
});

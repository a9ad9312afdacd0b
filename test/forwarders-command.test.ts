// After a real `pulumi up`: the hub exports the forwarder configs built from the real Resolver
// addresses, and `npm run forwarders -- --from <pulumi stack output --json>` writes them to files.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { HubOutputs } from "../lib/model";
import { Io } from "../plan/cli";
import { runForwarders } from "../plan/forwardersCommand";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { ROOT } from "./helpers";
import { onPremConfigs } from "../plan/hubs";
import { planOf } from "./fixtures/examplePlan";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-fwd-"));

describe("forwarder configs after deploy", () => {
    let hub: HubOutputs;
    before(async () => {
        const plan = await planOf();
        hub = plan.stacks.find(s => s.role === "hub")!.outputs as HubOutputs;
    });

    it("the hub stack exports forwarders (bind, unbound, windows, dnsmasq) built from its own Resolver addresses and zones", () => {
        assert.deepStrictEqual(Object.keys(hub.forwarders ?? {}).sort(), ["bind", "dnsmasq", "unbound", "windows"]);
        const [a, b] = hub.resolverInboundIps;
        for (const zone of Object.keys(hub.zoneIds)) {
            assert.ok(hub.forwarders!.bind.includes(`zone "${zone}" { type forward; forward only; forwarders { ${a}; ${b}; }; };`), zone);
            assert.ok(hub.forwarders!.dnsmasq.includes(`server=/${zone}/${a}\nserver=/${zone}/${b}\n`), zone);
            assert.ok(hub.forwarders!.windows.includes(`Add-DnsServerConditionalForwarderZone -Name "${zone}" -MasterServers ${a},${b}`), zone);
        }
    });

    it("npm run forwarders -- --from writes the exported configs, one file per DNS product, and says where", () => {
        const from = path.join(tmp, "outputs.json");
        fs.writeFileSync(from, JSON.stringify(hub));
        const out = path.join(tmp, "out");
        const io = capture();
        assert.strictEqual(runForwarders(["--from", from, "--out", out], io), 0, io.stderr);
        assert.strictEqual(fs.readFileSync(path.join(out, "bind-forwarders.conf"), "utf8"), hub.forwarders!.bind);
        assert.strictEqual(fs.readFileSync(path.join(out, "unbound-forwarders.conf"), "utf8"), hub.forwarders!.unbound);
        assert.strictEqual(fs.readFileSync(path.join(out, "windows-dns-forwarders.ps1"), "utf8"), hub.forwarders!.windows);
        assert.strictEqual(fs.readFileSync(path.join(out, "dnsmasq-forwarders.conf"), "utf8"), hub.forwarders!.dnsmasq);
        assert.ok(io.stdout.includes(path.join(out, "bind-forwarders.conf")));
    });

    it("renders from zoneIds and resolverInboundIps when the outputs have no forwarders (a hub deployed before they existed)", () => {
        const from = path.join(tmp, "old-outputs.json");
        fs.writeFileSync(from, JSON.stringify({ zoneIds: { "sqs.eu-west-1.amazonaws.com": "Z1", "ssm.eu-west-1.amazonaws.com": "Z2" }, resolverInboundIps: ["10.50.0.10", "10.50.1.10"] }));
        const out = path.join(tmp, "old");
        assert.strictEqual(runForwarders(["--from", from, "--out", out], capture()), 0);
        const bind = fs.readFileSync(path.join(out, "bind-forwarders.conf"), "utf8");
        assert.match(bind, /^zone "sqs\.eu-west-1\.amazonaws\.com" \{ type forward; forward only; forwarders \{ 10\.50\.0\.10; 10\.50\.1\.10; \}; \};$/m);
        assert.match(bind, /^zone "ssm\.eu-west-1\.amazonaws\.com" \{ type forward; forward only; forwarders \{ 10\.50\.0\.10; 10\.50\.1\.10; \}; \};$/m);
    });

    it("exits 2 naming the problem: no --from, not a hub's outputs, a hub without onPrem", () => {
        const cases: [string[], unknown, RegExp][] = [
            [[], undefined, /^error: \(forwarders\): --from: is required/],
            [["--from", "x"], { vpcId: "vpc-1" }, /^error: \(forwarders\): --from: \S+ has neither `forwarders` nor `answeredNames` \(or `zoneIds`\) and `resolverInboundIps`: is it the hub stack's output\?/],
            [["--from", "x"], { zoneIds: { "sqs.eu-west-1.amazonaws.com": "Z1" }, resolverInboundIps: [] }, /has no Resolver inbound addresses .*the hub has no `vpce-hub:onPrem`/],
            [["--from", "x"], "[1]", /cannot read \S+ as JSON|is not the JSON object/],
        ];
        for (const [args, body, message] of cases) {
            const from = path.join(tmp, `case-${Math.random().toString(36).slice(2)}.json`);
            if (body !== undefined) fs.writeFileSync(from, typeof body === "string" ? body : JSON.stringify(body));
            const io = capture();
            assert.strictEqual(runForwarders(args.map(a => a === "x" ? from : a), io), 2);
            assert.match(io.stderr, message);
        }
    });
});

/** The zones a BIND forwarder file forwards. */
const bindZones = (bind: string) => [...bind.matchAll(/^zone "([^"]+)"/gm)].map(m => m[1]).sort();

describe("forwarder configs of a records: endpoint hub after deploy (issue 22)", () => {
    // The profile example in records: endpoint mode: the endpoints answer sqs, ecr.dkr and ssm
    // with their own private DNS; only ssm's declared dual-stack name keeps a zone.
    let hub: HubOutputs;
    let planned: string[];
    before(async () => {
        const { files } = loadStackFiles(path.join(ROOT, "examples", "profile"));
        for (const f of files) {
            if (f.stack !== "shared") continue;
            f.raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" };
            f.raw["vpce-hub:services"] = ["sqs", "ecr.dkr", { name: "ssm", zones: ["ssm.{region}.amazonaws.com", "ssm.{region}.api.aws"] }];
        }
        const plan = await evaluate(files, validateStacks(files).configs);
        hub = plan.stacks.find(s => s.role === "hub")!.outputs as HubOutputs;
        planned = bindZones(onPremConfigs(plan.stacks).forwarders!.bind);
    });

    it("the hub's forwarders output names every zone the plan's forwarder files name, not only the one zone it creates", () => {
        assert.deepStrictEqual(Object.keys(hub.zoneIds), ["ssm.ap-northeast-1.api.aws"]);
        assert.deepStrictEqual(planned, ["dkr.ecr.ap-northeast-1.amazonaws.com", "sqs.ap-northeast-1.amazonaws.com", "ssm.ap-northeast-1.amazonaws.com", "ssm.ap-northeast-1.api.aws"]);
        assert.deepStrictEqual(bindZones(hub.forwarders!.bind), planned);
        for (const name of planned) assert.ok(hub.forwarders!.dnsmasq.includes(`server=/${name}/`), name);
    });

    it("the hub exports every name it answers (answeredNames), and npm run forwarders renders them when the outputs carry no forwarders", () => {
        assert.deepStrictEqual([...hub.answeredNames!].sort(), planned);
        const { forwarders: _f, ...withoutForwarders } = hub;
        const from = path.join(tmp, "endpoint-outputs.json");
        fs.writeFileSync(from, JSON.stringify(withoutForwarders));
        const out = path.join(tmp, "endpoint-out");
        const io = capture();
        assert.strictEqual(runForwarders(["--from", from, "--out", out], io), 0, io.stderr);
        assert.deepStrictEqual(bindZones(fs.readFileSync(path.join(out, "bind-forwarders.conf"), "utf8")), planned);
    });

    it("several hubs: each hub's part is every name it answers, not its zoneIds", () => {
        const dir = path.join(tmp, "multi");
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "shared.json"), JSON.stringify(hub));
        fs.writeFileSync(path.join(dir, "other.json"), JSON.stringify({ region: "us-west-2", zoneIds: { "sqs.us-west-2.amazonaws.com": "Z9" }, resolverInboundIps: ["10.60.0.10", "10.60.1.10"] }));
        const out = path.join(dir, "out");
        const io = capture();
        assert.strictEqual(runForwarders(["--from", path.join(dir, "shared.json"), "--from", path.join(dir, "other.json"), "--out", out], io), 0, io.stderr);
        assert.deepStrictEqual(bindZones(fs.readFileSync(path.join(out, "bind-forwarders.conf"), "utf8")), [...planned, "sqs.us-west-2.amazonaws.com"].sort());
    });

    it("outputs of a records: endpoint hub deployed before answeredNames existed: exits 2 saying why, instead of forwarders that miss most names", () => {
        const { forwarders: _f, answeredNames: _a, ...old } = hub;
        const from = path.join(tmp, "old-endpoint-outputs.json");
        fs.writeFileSync(from, JSON.stringify(old));
        const io = capture();
        assert.strictEqual(runForwarders(["--from", from, "--out", path.join(tmp, "old-endpoint")], io), 2);
        assert.match(io.stderr, /records: endpoint deployed before it exported `answeredNames`: .*pulumi up the hub/);
    });
});

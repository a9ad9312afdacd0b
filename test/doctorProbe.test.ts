// `npm run doctor -- probe` on a real network on loopback (issue 25): the example plan's hub
// names served by real named (standing in for the Route 53 Resolver's answers in the hub VPC),
// an unbound forwarder (standing in for the on-prem DNS), a public-DNS stand-in (an
// authoritative root with `* A 192.0.2.1`, TEST-NET-1), and TLS servers on 127.0.10.x with
// certificates of a test CA. Each endpoint address of the plan becomes a loopback address.
// A healthy world passes; each broken world fails with its verdict and cause.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runDoctor } from "../doctor/cli";
import { ProbeResult } from "../lib/checks/probe";
import { lookupRecord } from "../lib/aws/records";
import { HubOutputs, PlannedStack } from "../lib/model";
import { PlanResult } from "../plan/plan";
import { planOf } from "./fixtures/examplePlan";
import { Loopback, freePort, makeCa, zoneFile } from "./fixtures/loopback";

const PUBLIC = "192.0.2.1";
const T = { zone: "aws:route53/zone:Zone", record: "aws:route53/record:Record" };
// named listens only on interface addresses (127.0.0.1 here), so the three named differ by port;
// unbound and the TLS servers bind any loopback address.
const R1 = "127.0.0.1", R2 = "127.0.0.1", PUB = "127.0.0.1", FWD = "127.0.9.10";
const REGION = "ap-northeast-1";
const BENCH = 50;

/** Runs the doctor in-process; the host has no address in any VPC unless --from says so. */
async function doctor(args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = "", err = "";
    const code = await runDoctor(args, { out: t => { out += t; }, err: t => { err += t; } }, { addresses: () => [] });
    return { code, out, err };
}

/** Relative owner of a record name in its zone. */
const owner = (name: string, zone: string) => name === zone ? "@" : name.slice(0, -(zone.length + 1));

describe("doctor probe: real named, unbound and TLS on loopback answer the example hub's names", function () {
    this.timeout(60_000);
    let dir: string;
    let world: Loopback;
    let plan: PlanResult;
    let hub: PlannedStack & { outputs: HubOutputs };
    let hubFile: string, benchFile: string, dualFile: string, caFile: string;
    const ports = { r1: 0, r2: 0, pub: 0, fwd: 0, tls: 0, wrongCert: 0, closed: 0, silent: 0 };
    /** Plan address -> loopback address; endpoint name -> loopback addresses. */
    const loop = new Map<string, string>();
    let endpointDns: Record<string, string[]>;
    const servicesOf = (o: HubOutputs) => Object.keys(o.services);

    before(async () => {
        plan = await planOf();
        hub = plan.stacks.find(s => s.role === "hub") as typeof hub;
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-probe-"));
        world = new Loopback(dir);
        // Every endpoint address of the plan gets its own loopback address.
        endpointDns = Object.fromEntries(Object.entries(plan.publicDns).map(([name, ips]) => [name, ips.map(ip => {
            if (!loop.has(ip)) loop.set(ip, `127.0.10.${loop.size + 1}`);
            return loop.get(ip)!;
        })]));
        const outputs: HubOutputs = { ...hub.outputs, resolverInboundIps: [R1] };
        hubFile = path.join(dir, "hub.json");
        fs.writeFileSync(hubFile, JSON.stringify(outputs));

        // The hub's zones as the plan's records make them: each alias answered with its endpoint's addresses.
        const zones = new Map(hub.resources.filter(r => r.type === T.zone).map(r => [String(r.outputs.zoneId), String(r.inputs.name)]));
        const records = new Map<string, string[]>([...zones.values()].map(z => [z, []]));
        for (const r of hub.resources.filter(x => x.type === T.record)) {
            const zone = zones.get(String(r.inputs.zoneId))!;
            for (const ip of lookupRecord(endpointDns, String(r.inputs.aliases[0].name))!.ips) records.get(zone)!.push(`${owner(String(r.inputs.name), zone)} IN A ${ip}`);
        }
        // Public DNS: the endpoints' own names (AWS publishes them), and everything else at TEST-NET-1.
        const vpce = zoneFile(Object.entries(endpointDns).flatMap(([name, ips]) => ips.map(ip => `${owner(name, "vpce.amazonaws.com")} IN A ${ip}`)));
        const root = zoneFile([`* IN A ${PUBLIC}`]);
        // 50 more services for the timing: svcNN, one endpoint address each.
        const bench: HubOutputs = { ...outputs, services: {}, zoneIds: {} };
        const benchZones = new Map<string, string>();
        const benchVpce: string[] = [];
        for (let i = 0; i < BENCH; i++) {
            const svc = `svc${String(i).padStart(2, "0")}`, zone = `${svc}.${REGION}.amazonaws.com`, ip = `127.0.11.${i + 1}`;
            const regional = `vpce-0bench${i}-x.${svc}.${REGION}.vpce.amazonaws.com`;
            (bench.services as any)[svc] = { endpointId: `vpce-0bench${i}`, regionalDnsName: regional, ports: [443], zones: [{ name: zone, id: `ZBENCH${i}`, wildcard: false }] };
            benchZones.set(zone, zoneFile([`@ IN A ${ip}`]));
            benchVpce.push(`${owner(regional, "vpce.amazonaws.com")} IN A ${ip}`);
        }
        benchFile = path.join(dir, "bench.json");
        fs.writeFileSync(benchFile, JSON.stringify(bench));
        // A dual-stack service: A and AAAA (the IPv6 loopback) for its name and its endpoint's.
        const dualRegional = `vpce-0dual-x.dual.${REGION}.vpce.amazonaws.com`;
        dualFile = path.join(dir, "dual.json");
        fs.writeFileSync(dualFile, JSON.stringify({ ...outputs, services: { dual: { endpointId: "vpce-0dual", regionalDnsName: dualRegional, ports: [443], ipAddressType: "dualstack", zones: [{ name: `dual.${REGION}.amazonaws.com`, id: "ZDUAL", wildcard: false }] } } }));
        benchZones.set(`dual.${REGION}.amazonaws.com`, zoneFile(["@ IN A 127.0.12.1", "@ IN AAAA ::1"]));
        benchVpce.push(`${owner(dualRegional, "vpce.amazonaws.com")} IN A 127.0.12.1`, `${owner(dualRegional, "vpce.amazonaws.com")} IN AAAA ::1`);
        const vpceWithBench = vpce + benchVpce.join("\n") + "\n";

        for (const k of Object.keys(ports) as (keyof typeof ports)[]) ports[k] = await freePort();
        // R1: the Resolver answering in a hub VPC that holds every zone.
        const full = new Map([...records].map(([z, lines]) => [z, zoneFile(lines)]));
        world.named("resolver", R1, ports.r1, new Map([...full, ...benchZones, ["vpce.amazonaws.com", vpceWithBench], [".", root]]));
        // R2: a broken hub VPC: sqs's zone not associated, ssm's apex aliasing logs' endpoint, dkr.ecr's wildcard record deleted.
        const logsIps = lookupRecord(endpointDns, hub.outputs.services.logs.regionalDnsName)!.ips;
        const broken = new Map(full);
        broken.delete(`sqs.${REGION}.amazonaws.com`);
        broken.set(`ssm.${REGION}.amazonaws.com`, zoneFile(logsIps.map(ip => `@ IN A ${ip}`)));
        broken.set(`dkr.ecr.${REGION}.amazonaws.com`, zoneFile(records.get(`dkr.ecr.${REGION}.amazonaws.com`)!.filter(l => l.startsWith("@ "))));
        world.named("broken", R2, ports.r2, new Map([...broken, ["vpce.amazonaws.com", vpce], [".", root]]));
        world.named("public", PUB, ports.pub, new Map([["vpce.amazonaws.com", vpce], [".", root]]));
        // The on-prem forwarder: every hub zone to R1 but api.ecr's (the zone it lacks); the rest to the public stand-in.
        world.unbound("forwarder", FWD, ports.fwd, [...zones.values()].filter(z => !z.startsWith("api.ecr.")).map(z => ({ zone: z, to: `${R1}@${ports.r1}` })), `${PUB}@${ports.pub}`);

        const ca = makeCa(dir);
        caFile = path.join(dir, "ca.pem");
        const names = [...zones.values()].flatMap(z => [z, `*.${z}`]);
        await world.tlsServers([...new Set([...loop.values()])], ports.tls, ca.issue("endpoints", [...names, `*.${REGION}.amazonaws.com`]));
        await world.tlsServers([...Array.from({ length: BENCH }, (_, i) => `127.0.11.${i + 1}`), "127.0.12.1", "::1"], ports.tls, ca.issue("bench", [`*.${REGION}.amazonaws.com`]));
        const sqsIps = lookupRecord(endpointDns, hub.outputs.services.sqs.regionalDnsName)!.ips;
        await world.tlsServers(sqsIps, ports.wrongCert, ca.issue("wrong", ["other.example"]));
        await world.silentServers(sqsIps, ports.silent);

        await world.ready("resolver", R1, ports.r1, `sqs.${REGION}.amazonaws.com`);
        await world.ready("broken", R2, ports.r2, `ssm.${REGION}.amazonaws.com`);
        await world.ready("public", PUB, ports.pub, "anything.example");
        await world.ready("forwarder", FWD, ports.fwd, `sqs.${REGION}.amazonaws.com`);
    });

    after(async () => {
        if (world) await world.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
        assert.deepStrictEqual(world?.alive() ?? [], [], "every daemon has exited");
    });

    const common = () => ["--hub", hubFile, "--port", String(ports.tls), "--ca-file", caFile, "--timeout", "2000"];
    const results = (file: string): ProbeResult[] => JSON.parse(fs.readFileSync(file, "utf8")).results;
    const verdicts = (rs: readonly ProbeResult[]) => Object.fromEntries(rs.map(r => [`${r.host} ${r.type}`, r.verdict]));

    it("a healthy world: every name of every service (apex and a name under each wildcard) passes DNS, TCP and TLS; exit 0", async () => {
        const json = path.join(dir, "healthy.json");
        const r = await doctor(["probe", ...common(), "--resolver", `${R1}:${ports.r1}`, "--json", json]);
        assert.equal(r.code, 0, r.out + r.err);
        const rs = results(json);
        const expected = Object.values(hub.outputs.services).flatMap(s => s.zones.flatMap(z => z.wildcard ? [z.name, `vpce-hub-probe.${z.name}`] : [z.name]));
        assert.deepStrictEqual(rs.map(x => x.host).sort(), expected.sort());
        for (const x of rs) {
            assert.equal(x.verdict, "pass", `${x.host}: ${x.cause}`);
            assert.deepStrictEqual([...x.answer].sort(), [...x.expected].sort(), "the answer is the endpoint's addresses");
            assert.ok(x.connections.length === x.answer.length && x.connections.every(c => c.tcp === "ok" && c.tls === "ok"), `${x.host}: TCP and TLS to each address`);
        }
        assert.match(r.out, /from on-prem, asking the Resolver inbound endpoint directly/);
        assert.match(r.out, new RegExp(`Summary: ${expected.length} names: ${expected.length} pass, 0 fail`));
    });

    it("through the on-prem forwarder: the zone it lacks gets the public answer, named as the forwarder's missing zone; the rest pass; exit 1", async () => {
        const json = path.join(dir, "forwarder.json");
        const r = await doctor(["probe", ...common(), "--resolver", `${FWD}:${ports.fwd}`, "--json", json]);
        assert.equal(r.code, 1);
        const rs = results(json);
        const failing = rs.filter(x => x.verdict !== "pass");
        assert.deepStrictEqual(failing.map(x => [x.host, x.verdict]), [[`api.ecr.${REGION}.amazonaws.com`, "public answer"]]);
        assert.deepStrictEqual(failing[0].answer, [PUBLIC]);
        assert.match(failing[0].cause, new RegExp(`from on-prem, through the local DNS forwarder: the local forwarder has no forward zone for api\\.ecr\\.${REGION}\\.amazonaws\\.com to the Resolver inbound addresses ${R1.replace(/\./g, "\\.")} \\(compare`));
        assert.match(r.out, /1 public answer/);
    });

    it("a broken hub VPC asked directly: zone not associated -> public answer, a record aliasing logs -> wrong endpoint, a deleted wildcard record -> no answer", async () => {
        const json = path.join(dir, "broken.json");
        const r = await doctor(["probe", ...common(), "--resolver", `${R2}:${ports.r2}`, "--json", json]);
        assert.equal(r.code, 1);
        const rs = results(json);
        const byHost = new Map(rs.map(x => [x.host, x]));
        const sqs = byHost.get(`sqs.${REGION}.amazonaws.com`)!;
        assert.equal(sqs.verdict, "public answer");
        assert.match(sqs.cause, new RegExp(`zone sqs\\.${REGION}\\.amazonaws\\.com \\(${hub.outputs.services.sqs.zones[0].id}\\) is not associated with the hub VPC ${hub.outputs.vpcId}, where the Resolver inbound endpoint answers`));
        const ssm = byHost.get(`ssm.${REGION}.amazonaws.com`)!;
        assert.equal(ssm.verdict, "wrong endpoint");
        assert.match(ssm.cause, new RegExp(`the addresses of endpoint ${hub.outputs.services.logs.endpointId} \\(logs\\), not endpoint ${hub.outputs.services.ssm.endpointId}`));
        const dkr = byHost.get(`vpce-hub-probe.dkr.ecr.${REGION}.amazonaws.com`)!;
        assert.equal(dkr.verdict, "no answer");
        assert.match(dkr.cause, /NXDOMAIN/);
        assert.deepStrictEqual(rs.filter(x => x.verdict !== "pass").map(x => x.host).sort(), [sqs.host, ssm.host, dkr.host].sort(), "the rest pass");
    });

    it("run in a spoke's VPC (--from member-a): the public answer's cause is the zone not associated with that VPC", async () => {
        const json = path.join(dir, "spoke.json");
        await doctor(["probe", ...common(), "--resolver", `${R2}:${ports.r2}`, "--services", "sqs", "--from", "member-a", "--json", json]);
        const [sqs] = results(json);
        assert.equal(sqs.verdict, "public answer");
        assert.match(sqs.cause, /is not associated with spoke member-a's VPC vpc-0aaaaaaaaaaaaaaaa \(an association removed, or the spoke stack not deployed\)/);
    });

    it("a closed port: unreachable (refused), for every address", async () => {
        const json = path.join(dir, "closed.json");
        const r = await doctor(["probe", "--hub", hubFile, "--resolver", `${R1}:${ports.r1}`, "--port", String(ports.closed), "--services", "sqs", "--json", json]);
        assert.equal(r.code, 1);
        const [sqs] = results(json);
        assert.equal(sqs.verdict, "unreachable");
        assert.ok(sqs.connections.every(c => c.tcp === "refused"));
        assert.match(sqs.cause, new RegExp(`TCP 127\\.0\\.10\\.\\d+:${ports.closed} refused`));
    });

    it("a server that accepts TCP and never completes TLS: unreachable (the handshake timed out), within the timeout", async () => {
        const json = path.join(dir, "silent.json");
        const started = Date.now();
        await doctor(["probe", "--hub", hubFile, "--resolver", `${R1}:${ports.r1}`, "--port", String(ports.silent), "--services", "sqs", "--timeout", "300", "--json", json]);
        assert.ok(Date.now() - started < 3000, "bounded by --timeout");
        const [sqs] = results(json);
        assert.equal(sqs.verdict, "unreachable");
        assert.match(sqs.cause, /connected but the TLS handshake timed out \(300 ms\)/);
    });

    it("a certificate without the name: certificate (mismatch); the test CA not trusted: certificate (untrusted)", async () => {
        const mismatch = path.join(dir, "mismatch.json"), untrusted = path.join(dir, "untrusted.json");
        assert.equal((await doctor(["probe", ...common(), "--port", String(ports.wrongCert), "--resolver", `${R1}:${ports.r1}`, "--services", "sqs", "--json", mismatch])).code, 1);
        const [m] = results(mismatch);
        assert.equal(m.verdict, "certificate");
        assert.match(m.cause, new RegExp(`for sqs\\.${REGION}\\.amazonaws\\.com: the certificate does not cover the name .*other\\.example`));
        await doctor(["probe", "--hub", hubFile, "--port", String(ports.tls), "--resolver", `${R1}:${ports.r1}`, "--services", "sqs", "--json", untrusted]);
        const [u] = results(untrusted);
        assert.equal(u.verdict, "certificate");
        assert.match(u.cause, /the certificate chain is not trusted/);
    });

    it(`${BENCH} names with TLS in under 10 s on a healthy network (bounded concurrency)`, async () => {
        const json = path.join(dir, "bench-out.json");
        const started = Date.now();
        const r = await doctor(["probe", "--hub", benchFile, "--port", String(ports.tls), "--ca-file", caFile, "--resolver", `${R1}:${ports.r1}`, "--json", json]);
        const ms = Date.now() - started;
        assert.equal(r.code, 0, r.out);
        assert.equal(results(json).length, BENCH);
        assert.ok(ms < 10_000, `${BENCH} names took ${ms} ms`);
        console.log(`      (${BENCH} names probed in ${ms} ms)`);
    });

    it("a dual-stack endpoint: the name is resolved A and AAAA, each checked against the endpoint's, with TCP and TLS to the IPv4 and the IPv6 address", async () => {
        const json = path.join(dir, "dual-out.json");
        const r = await doctor(["probe", "--hub", dualFile, "--port", String(ports.tls), "--ca-file", caFile, "--resolver", `${R1}:${ports.r1}`, "--json", json]);
        assert.equal(r.code, 0, r.out);
        assert.deepStrictEqual(results(json).map(x => [x.type, x.answer, x.expected, x.connections.map(c => [c.ip, c.tls])]), [
            ["A", ["127.0.12.1"], ["127.0.12.1"], [["127.0.12.1", "ok"]]],
            ["AAAA", ["::1"], ["::1"], [["::1", "ok"]]],
        ]);
    });

    it("bad input exits 2 with an error line: no --hub, a file that is no hub's outputs, an unknown service (with a suggestion), a bad port", async () => {
        assert.deepStrictEqual(await doctor(["probe"]).then(r => [r.code, /--hub FILE is required/.test(r.err)]), [2, true]);
        const notHub = path.join(dir, "not-hub.json");
        fs.writeFileSync(notHub, JSON.stringify({ foo: 1 }));
        assert.match((await doctor(["probe", "--hub", notHub])).err, /^error: \(probe\): --hub .*not-hub\.json: has no region, vpcId, vpcCidr, services: is it a hub stack's outputs\?\n$/);
        const unknown = await doctor(["probe", "--hub", hubFile, "--services", "sqs,sqss,nope"]);
        assert.equal(unknown.code, 2);
        assert.match(unknown.err, /the hub has no sqss \(did you mean sqs\?\), nope; it has s3, sqs,/);
        assert.equal((await doctor(["probe", "--hub", hubFile, "--port", "70000"])).code, 2);
        assert.equal((await doctor(["probe", "--hub", hubFile, "--from", "nowhere"])).code, 2);
        assert.equal((await doctor(["nope"])).code, 2);
        assert.ok(servicesOf(hub.outputs).length > 0);
    });

    it("a plan's --json works as --hub: the hub stack's outputs are taken from it", async () => {
        const planFile = path.join(dir, "plan.json");
        fs.writeFileSync(planFile, JSON.stringify({ stacks: plan.stacks.map(s => ({ stack: s.stack, role: s.role, outputs: s.role === "hub" ? { ...s.outputs, resolverInboundIps: [R1] } : s.outputs })) }));
        const json = path.join(dir, "from-plan.json");
        const r = await doctor(["probe", ...common().slice(2), "--hub", planFile, "--resolver", `${R1}:${ports.r1}`, "--services", "sqs", "--json", json]);
        assert.equal(r.code, 0, r.out + r.err);
        assert.match(r.out, /^doctor probe: shared \(ap-northeast-1\), 1 name/);
    });
});

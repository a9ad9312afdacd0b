// `npm run doctor -- state` against AWS on loopback (issue 25): the real SDK clients (and the
// doctor's own SigV4 client for Route 53 Profiles) talk to a server answering in AWS's wire
// formats from the deployed world of the example plans (test/fixtures/awsWorld.ts: built from
// the plan's resources, every created id renamed as a real deploy would). A healthy world has
// no drift and every path check passes; each drift planted into it is found and named, and the
// plan's own path checks fail where the drift breaks a path.
import { strict as assert } from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { runDoctor } from "../doctor/cli";
import { StateInputError, anchorsOf } from "../doctor/state";
import { PlanResult } from "../plan/plan";
import { FakeAws } from "./fixtures/awsServer";
import { World, worldOf } from "./fixtures/awsWorld";
import { planOf } from "./fixtures/examplePlan";

const REGION = "ap-northeast-1";
const HUB_VPC = "vpc-0123456789abcdef0", A_VPC = "vpc-0aaaaaaaaaaaaaaaa", B_VPC = "vpc-0bbbbbbbbbbbbbbbb";

interface Run { code: number; out: string; err: string; json: any }

/** A loopback AWS serving `world`, and the doctor run against it with one profile per account (or those given). */
async function state(plan: PlanResult, world: World, dir: string, opts: { profiles?: string[]; extra?: string[]; pageSize?: number } = {}): Promise<Run & { aws: FakeAws }> {
    // Large pages by default (fast); the healthy world's test reads pages of 3, so every list is paged.
    const aws = new FakeAws(world, opts.pageSize ?? 100);
    await aws.start();
    try {
        const planFile = path.join(dir, "plan.json"), out = path.join(dir, `state-${Math.random().toString(36).slice(2)}.json`);
        if (!fs.existsSync(planFile)) fs.writeFileSync(planFile, JSON.stringify({ stacks: plan.stacks }));
        const profiles = opts.profiles ?? Object.keys(world.keys);
        let stdout = "", stderr = "";
        const code = await runDoctor(["state", "--plan", planFile, "--endpoint-url", aws.url, "--json", out, ...profiles.flatMap(p => ["--profile", p]), ...(opts.extra ?? [])],
            { out: t => { stdout += t; }, err: t => { stderr += t; } },
            { credentials: (p?: string) => async () => ({ accessKeyId: p ?? "AKIAUNKNOWN", secretAccessKey: "secret" }), maxAttempts: 1 });
        return { code, out: stdout, err: stderr, json: fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : undefined, aws };
    } finally {
        await aws.stop();
    }
}

const drifts = (r: Run) => (r.json.drift as { kind: string; severity: string; stack: string; what: string; detail: string }[]);
const failing = (r: Run) => (r.json.checks as { verdict: string; source: string; host: string; reason: string }[]).filter(c => c.verdict === "fail");

describe("doctor state: the live state read by the SDK from AWS on loopback, checked and compared with the plan", function () {
    this.timeout(60_000);
    let plan: PlanResult;
    let dir: string;
    const fresh = () => worldOf(plan);
    const zone = (w: World, name: string) => w.zones.find(z => z.name === name)!;

    before(async () => {
        plan = await planOf();
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-state-"));
        // Suppress the SDK's Node version notice in the test output.
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

    it("a healthy deployed world, its ids all different from the plan's: no drift, every path check passes, exit 0", async () => {
        const w = fresh();
        assert.ok(!JSON.stringify(w).includes(plan.stacks[0].outputs.services.sqs.endpointId), "the world's ids are not the plan's");
        const r = await state(plan, w, dir, { pageSize: 3 });
        assert.equal(r.code, 0, r.out + r.err);
        assert.deepStrictEqual(drifts(r), []);
        assert.deepStrictEqual(failing(r), []);
        assert.equal(r.json.checks.length, plan.checks.length, "the same checks as the plan");
        assert.match(r.out, /^doctor state: read 123456789012 \(AKIASHARED\), 111111111111 \(AKIAMEMBERA\), 222222222222 \(AKIAMEMBERB\)/);
        // Every list was read page by page (pages of 3 here).
        assert.ok(r.aws.log.filter(l => l.action === "ListResourceRecordSets").length > plan.stacks[0].outputs.services.s3.zones.length);
    });

    it("an association removed by hand: missing, named with its zone and VPC; member-a's names get the public answer", async () => {
        const w = fresh();
        const sqs = zone(w, `sqs.${REGION}.amazonaws.com`);
        sqs.vpcs = sqs.vpcs.filter(v => v.vpcId !== A_VPC);
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.stack, d.what]), [["missing", "member-a", `association of zone sqs.${REGION}.amazonaws.com (${sqs.id}) with member-a's VPC ${A_VPC}`]]);
        assert.match(drifts(r)[0].detail, /removed by hand\?/);
        assert.deepStrictEqual(failing(r).map(c => [c.source, c.host]), [["member-a", `sqs.${REGION}.amazonaws.com`]]);
        assert.match(failing(r)[0].reason, new RegExp(`zone sqs\\.${REGION}\\.amazonaws\\.com \\(${sqs.id}\\) is not associated with member-a's VPC`));
    });

    it("a deleted route: missing; member-a's paths to every name fail on it", async () => {
        const w = fresh();
        const rt = w.routeTables.find(t => t.id === "rtb-0aaaaaaaaaaaa0001")!;
        rt.routes = rt.routes.filter(x => x.destination !== "10.0.0.0/16");
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.stack, d.what]), [["missing", "member-a", "route 10.0.0.0/16 in rtb-0aaaaaaaaaaaa0001"]]);
        const f = failing(r);
        assert.ok(f.length > 0 && f.every(c => c.source === "member-a" && /route table rtb-0aaaaaaaaaaaa0001 of member-a has no route to/.test(c.reason)), JSON.stringify(f.slice(0, 2)));
    });

    it("a member VPC's own endpoint with private DNS: extra, shadowing the hub's name; the path check sees two answers", async () => {
        const w = fresh();
        w.endpoints.push({
            account: "111111111111", region: REGION, id: "vpce-0own111111111111", vpcId: A_VPC, serviceName: `com.amazonaws.${REGION}.sqs`, state: "available",
            privateDnsEnabled: true, ipAddressType: "ipv4", subnetIds: ["subnet-0aaaaaaaaaaaa0001"], groups: [], policy: "", enis: ["eni-0own1"],
            dnsEntries: [{ dnsName: `vpce-0own111111111111-abcd.sqs.${REGION}.vpce.amazonaws.com`, hostedZoneId: "ZVPCE" }, { dnsName: `sqs.${REGION}.amazonaws.com`, hostedZoneId: "ZPRIV" }],
        });
        w.enis.push({ account: "111111111111", region: REGION, id: "eni-0own1", vpcId: A_VPC, subnetId: "subnet-0aaaaaaaaaaaa0001", az: `${REGION}a`, ip: "10.1.0.50", ipv6: [] });
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        const [d] = drifts(r);
        assert.deepStrictEqual([d.kind, d.severity, d.stack], ["extra", "fail", "member-a"]);
        assert.match(d.what, /^endpoint vpce-0own111111111111 \(sqs\) in member-a's VPC/);
        assert.match(d.detail, new RegExp(`its private DNS answers sqs\\.${REGION}\\.amazonaws\\.com in that VPC instead of the hub`));
        assert.deepStrictEqual(failing(r).map(c => [c.source, c.host]), [["member-a", `sqs.${REGION}.amazonaws.com`]]);
        assert.match(failing(r)[0].reason, /sees 2 sources .* that answer differently/);
    });

    it("a member VPC's own zone of a hub name: extra, shadowing; the hub zone's association it displaced is missing", async () => {
        const w = fresh();
        const ssm = zone(w, `ssm.${REGION}.amazonaws.com`);
        ssm.vpcs = ssm.vpcs.filter(v => v.vpcId !== B_VPC);
        w.zones.push({ id: "Z0OWNZONEOFMEMBERB00", name: `ssm.${REGION}.amazonaws.com`, account: "222222222222", vpcs: [{ vpcId: B_VPC, region: REGION }], records: [], authorizations: [] });
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        const byKind = Object.fromEntries(drifts(r).map(d => [d.kind, d]));
        assert.match(byKind.extra.what, new RegExp(`^zone ssm\\.${REGION}\\.amazonaws\\.com \\(Z0OWNZONEOFMEMBERB00\\), member-b's own$`));
        assert.match(byKind.extra.detail, new RegExp(`it answers ssm\\.${REGION}\\.amazonaws\\.com in ${B_VPC} instead of the hub's zone`));
        assert.match(byKind.missing.what, new RegExp(`association of zone ssm\\.${REGION}\\.amazonaws\\.com .* with member-b's VPC`));
        assert.deepStrictEqual(failing(r).map(c => [c.source, c.host]), [["member-b", `ssm.${REGION}.amazonaws.com`]]);
    });

    it("an expired peering: different (status expired), with what to do; member-a's paths fail on it", async () => {
        const w = fresh();
        w.peerings[0].status = "expired";
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        const [d] = drifts(r);
        assert.deepStrictEqual([d.kind, d.stack], ["different", "shared"]);
        assert.match(d.what, new RegExp(`^peering ${w.peerings[0].id} between hub shared's VPC ${HUB_VPC} and member-a's VPC ${A_VPC}$`));
        assert.match(d.detail, /^status expired, planned active: the request was not accepted within 7 days; the hub's next pulumi up recreates it/);
        assert.ok(failing(r).length > 0 && failing(r).every(c => c.source === "member-a" && /is not accepted/.test(c.reason)));
    });

    it("an unaccepted RAM invitation: different (status PENDING), in the member's account", async () => {
        const w = fresh();
        const inv = w.invitations.find(i => i.receiver === "222222222222")!;
        inv.status = "PENDING";
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.stack, d.detail.split(":")[0]]), [["different", "member-b", "status PENDING, planned ACCEPTED"]]);
        assert.match(drifts(r)[0].detail, /has not accepted the RAM invitation/);
    });

    it("an endpoint not available: different (its state), named with its service", async () => {
        const w = fresh();
        const e = w.endpoints.find(x => x.serviceName.endsWith(".logs"))!;
        e.state = "failed";
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.what, d.detail.split(":")[0]]), [["different", `endpoint ${e.id} (logs) in hub shared's VPC ${HUB_VPC}`, "state failed, planned available"]]);
    });

    it("a more specific route inside a planned one: extra and failing (it takes part of the traffic); a member's entry removed from the sources prefix list: different", async () => {
        const w = fresh();
        w.routeTables.find(t => t.id === "rtb-0aaaaaaaaaaaa0001")!.routes.push({ destination: "10.0.1.0/24", gatewayId: "igw-0123", state: "active", origin: "CreateRoute" });
        // The endpoints' groups admit the sources prefix list: member-b's entry is the rule that admits it.
        const sources = w.prefixLists.find(l => l.entries.some(e => e.cidr === "10.2.0.0/16"))!;
        sources.entries = sources.entries.filter(e => e.cidr !== "10.2.0.0/16");
        const r = await state(plan, w, dir);
        const ds = drifts(r);
        assert.ok(ds.some(d => d.kind === "extra" && d.severity === "fail" && d.what === "route 10.0.1.0/24 in rtb-0aaaaaaaaaaaa0001" && /more specific than the planned 10\.0\.0\.0\/16/.test(d.detail)), JSON.stringify(ds));
        assert.ok(ds.some(d => d.kind === "different" && d.what === `prefix list ${sources.id}` && /10\.2\.0\.0\/16/.test(d.detail)), JSON.stringify(ds));
        assert.ok(failing(r).some(c => c.source === "member-b" && /does not admit member-b 10\.2\.0\.0\/16 on tcp 443/.test(c.reason)));
    });

    it("an endpoint's security group rule removed by hand: different, naming the planned rule; every consumer of that endpoint fails", async () => {
        const w = fresh();
        const g = w.groups.find(x => x.name === "sqs-endpoint")!;
        const removed = g.ingress.filter(x => (x.prefixListIds ?? []).length > 0);
        assert.ok(removed.length > 0, "the group admits the sources prefix list");
        g.ingress = g.ingress.filter(x => !removed.includes(x));
        const r = await state(plan, w, dir);
        const ds = drifts(r);
        assert.ok(ds.some(d => d.kind === "different" && d.what === `security group ${g.id}` && /planned .*tcp 443 from pl-/.test(d.detail)), JSON.stringify(ds));
        assert.ok(failing(r).some(c => c.source === "member-b" && c.host.startsWith("sqs.")));
    });

    it("attributes changed by hand: a record aliasing another endpoint, an endpoint policy, the Resolver's status, a spoke attachment on the hub's table", async () => {
        const w = fresh();
        const logs = w.endpoints.find(e => e.serviceName.endsWith(".logs"))!, sqs = w.endpoints.find(e => e.serviceName.endsWith(".sqs"))!;
        zone(w, `sqs.${REGION}.amazonaws.com`).records[0].alias!.dnsName = logs.dnsEntries[0].dnsName;
        sqs.policy = JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "sqs:SendMessage", Resource: "*" }] });
        w.resolvers[0].status = "ACTION_NEEDED";
        const hubAttachment = w.attachments.find(a => a.vpcId === HUB_VPC)!, spoke = w.attachments.find(a => a.vpcId === B_VPC)!;
        spoke.table = hubAttachment.table;
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        const lines = drifts(r).map(d => `${d.kind}: ${d.what}: ${d.detail}`);
        assert.ok(lines.some(l => l === `different: record sqs.${REGION}.amazonaws.com A in zone sqs.${REGION}.amazonaws.com (${zone(w, `sqs.${REGION}.amazonaws.com`).id}): target endpoint ${logs.id} (logs), planned endpoint ${sqs.id} (sqs)`), lines.join("\n"));
        assert.ok(lines.some(l => l.startsWith(`different: endpoint ${sqs.id} (sqs) in hub shared's VPC ${HUB_VPC}: policy {"Statement":[{"Action":"sqs:SendMessage"`) && /, planned \{"Statement":\[.*"Sid":"AllowRequestsByAccountsIdentitiesToAccountsResources"/.test(l)), lines.join("\n"));
        assert.ok(lines.some(l => /^different: Resolver inbound endpoint rslvr-in-\w+: status ACTION_NEEDED, planned OPERATIONAL$/.test(l)), lines.join("\n"));
        const spokesTable = w.tgwTables.find(t => t.name === "vpce-hub-spokes")!.id;
        assert.ok(lines.some(l => l === `different: Transit Gateway attachment ${spoke.id} of member-b's VPC ${B_VPC}: associated with ${hubAttachment.table}, planned ${spokesTable}`), lines.join("\n"));
        assert.equal(lines.length, 4, lines.join("\n"));
        // On the hub's table member-b learns no route to the hub: every path of member-b fails there.
        assert.ok(failing(r).filter(c => c.source === "member-b").every(c => /TGW route table .* has no route to/.test(c.reason) || c.host.startsWith("sqs.")));
        assert.ok(failing(r).some(c => c.source === "member-b" && /TGW route table .* has no route to/.test(c.reason)));
    });

    it("an authorization deleted after its association: a note, not a failure (exit 0)", async () => {
        const w = fresh();
        const s3 = zone(w, `s3.${REGION}.amazonaws.com`);
        s3.authorizations = s3.authorizations.filter(a => a.vpcId !== A_VPC);
        const r = await state(plan, w, dir);
        assert.equal(r.code, 0, r.out);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.severity]), [["missing", "note"]]);
        assert.match(drifts(r)[0].detail, /associated already/);
    });

    it("the hub's credentials alone: a partial view, said so; the members' side is not read and their checks not run; exit 0", async () => {
        const r = await state(plan, fresh(), dir, { profiles: ["AKIASHARED"] });
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /partial view: no credentials for member-a \(111111111111\), member-b \(222222222222\)/);
        assert.ok(r.json.skippedChecks > 0 && r.json.checks.every((c: any) => c.source === "on-prem"));
        assert.ok(r.json.unreadFacts.some((u: any) => u.account === "111111111111" && u.stacks.includes("member-a")));
        assert.ok(r.aws.log.every(l => l.account === "123456789012"), "only the hub's account was called");
    });

    it("bad input exits 2: no --plan, no credentials for the hub's account, a file that is not a plan", async () => {
        assert.equal(await runDoctor(["state"], { out: () => undefined, err: () => undefined }), 2);
        const notPlan = path.join(dir, "not-plan.json");
        fs.writeFileSync(notPlan, JSON.stringify({ accountId: "123456789012" }));
        let err = "";
        assert.equal(await runDoctor(["state", "--plan", notPlan], { out: () => undefined, err: t => { err += t; } }), 2);
        assert.match(err, /^error: \(state\): --plan .*not-plan\.json: is not a plan's JSON/);
        const noHub = await state(plan, fresh(), dir, { profiles: ["AKIAMEMBERA"] });
        assert.equal(noHub.code, 2);
        assert.match(noHub.err, /^error: shared: \(credentials\): no credentials for the hub's account 123456789012 \(read: 111111111111\): pass --profile NAME/);
        const bad = await state(plan, fresh(), dir, { profiles: ["AKIAWHOISTHIS"] });
        assert.equal(bad.code, 2);
        assert.match(bad.err, /error: \(credentials\): --profile AKIAWHOISTHIS: InvalidClientTokenId/);
    });

});

describe("doctor state on a Route 53 Profile hub (examples/profile): the profile read through its signed REST API", function () {
    this.timeout(60_000);
    let plan: PlanResult;
    let dir: string;
    before(async () => {
        plan = await planOf(path.join(__dirname, "..", "examples", "profile"));
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-state-profile-"));
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

    it("healthy: no drift and every check passes; the profile, its zones and its VPC associations were read, page by page", async () => {
        const r = await state(plan, worldOf(plan), dir, { pageSize: 3 });
        assert.equal(r.code, 0, r.out + r.err);
        assert.deepStrictEqual(drifts(r), []);
        assert.equal(r.json.checks.length, plan.checks.length);
        for (const a of ["ListProfiles", "ListProfileResourceAssociations", "ListProfileAssociations"]) assert.ok(r.aws.log.some(l => l.action === a && l.account === "123456789012"), a);
        assert.ok(r.aws.log.filter(l => l.action === "ListProfileResourceAssociations").length >= 4, "10 zones in the profile: 4 pages of 3");
    });

    it("a VPC's profile association removed, and a zone taken out of the profile: both missing; the paths that needed them fail", async () => {
        const w = worldOf(plan);
        const p = w.profiles[0];
        p.associations = p.associations.filter(a => a.vpcId !== A_VPC);
        const sqs = w.zones.find(z => z.name === `sqs.${REGION}.amazonaws.com`)!;
        p.resources = p.resources.filter(x => !x.arn.endsWith(`/${sqs.id}`));
        const r = await state(plan, w, dir);
        assert.equal(r.code, 1);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.stack, d.what]).sort(), [
            ["missing", "member-a", `association of Route 53 Profile ${p.id} with member-a's VPC ${A_VPC}`],
            ["missing", "shared", `arn:aws:route53:::hostedzone/${sqs.id} in Route 53 Profile ${p.id}`],
        ]);
        const f = failing(r);
        assert.ok(f.some(c => c.source === "member-a" && /missing profile association/.test(c.reason)), JSON.stringify(f.slice(0, 3)));
        assert.ok(f.some(c => c.source === "member-b" && c.host === `sqs.${REGION}.amazonaws.com`), "member-b lost sqs with the zone out of the profile");
    });
});

describe("doctor state on the other shipped example sets: dual-stack (IPv6 through the Transit Gateway) and multi-region (several hubs, one account in two regions)", function () {
    this.timeout(60_000);
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-state-more-"));
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
    });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

    for (const ex of ["dual-stack", "multi-region"]) {
        it(`${ex}: deployed as planned, no drift and every one of the plan's path checks passes on the live state`, async () => {
            const plan = await planOf(path.join(__dirname, "..", "examples", ex));
            const sub = fs.mkdtempSync(path.join(dir, `${ex}-`));
            const r = await state(plan, worldOf(plan), sub);
            assert.equal(r.code, 0, r.out + r.err);
            assert.deepStrictEqual(drifts(r), []);
            assert.equal(r.json.checks.length, plan.checks.length);
        });
    }

    it("dual-stack: a spoke's attachment without IPv6 support: different (IPv6 off), and its AAAA paths fail while its A paths pass", async () => {
        const plan = await planOf(path.join(__dirname, "..", "examples", "dual-stack"));
        const w = worldOf(plan);
        const data = w.attachments.find(a => a.ipv6 && a.vpcId !== plan.stacks[0].outputs.vpcId)!;
        data.ipv6 = false;
        const r = await state(plan, w, fs.mkdtempSync(path.join(dir, "ipv6-")));
        assert.equal(r.code, 1);
        assert.deepStrictEqual(drifts(r).map(d => [d.kind, d.detail]), [["different", "IPv6 off, planned on"]]);
        const f = failing(r);
        assert.ok(f.length > 0 && f.every(c => (c as any).recordType === "AAAA" && /has no ipv6Support/.test(c.reason)), JSON.stringify(f.slice(0, 2)));
    });
});

describe("doctor state: where each hub is before anything is read", () => {
    const hub = (vpc: object) => ({ stack: "shared", role: "hub", accountId: "1", region: REGION, config: { vpc }, resources: [], outputs: {} }) as any;
    it("an existing VPC: its id and route tables from config; a VPC the hub created: from its deployed outputs, or an error naming the stack, the key and the fix", () => {
        assert.deepStrictEqual(anchorsOf(hub({ kind: "existing", id: "vpc-1", routeTableIds: ["rtb-1"] }), undefined), { vpcId: "vpc-1", routeTableIds: ["rtb-1"], transitGatewayId: undefined });
        assert.deepStrictEqual(anchorsOf(hub({ kind: "new" }), { vpcId: "vpc-9", routeTableIds: ["rtb-9"], transitGateway: { id: "tgw-9" } }), { vpcId: "vpc-9", routeTableIds: ["rtb-9"], transitGatewayId: "tgw-9" });
        assert.throws(() => anchorsOf(hub({ kind: "new" }), undefined), (e: Error) => e instanceof StateInputError &&
            e.message === "shared: vpce-hub:vpc: the hub creates its VPC, so its id is known only after pulumi up: pass its outputs with --hub shared=FILE (pulumi stack output --json -s shared > FILE)");
    });
});

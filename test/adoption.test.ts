// Brownfield members (issue 24, docs/adoption.md): a member VPC that runs its own endpoints and
// zones from before the hub declares them in vpce-hub:existingEndpoints. Profile mode: they answer
// their names, the checks pass naming them; retire: true adopts them and deletes them the next
// pulumi up, after the profile association exists, and every state on the way is checked.
// Associations mode: the hub zones they hold are left out, and retire: true stops with the ways
// out. Undeclared ones stop pulumi up naming them. Expected values are literal or come from the
// stack files.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError, SpokeConfig, parseStackConfig } from "../lib/config";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { RetirementStage, retirementStages } from "../lib/checks/adoption";
import { retirementProof } from "../lib/checks/retirement";
import { PathCheck, PlannedStack, TYPES } from "../lib/model";
import { evaluate, validateStacks } from "../plan/plan";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { seedExisting } from "../sim/seed";
import { adoptionOptions, importInputs } from "../components/adoption";
import { loadPrices } from "../lib/cost/prices";
import { fleetSaving, retirementSavings } from "../lib/cost/retirement";
import { formatCostReport } from "../lib/cost/estimate";
import { hubEstimates } from "../plan/hubs";
import { runPlan } from "../plan/cli";
import { changeLines, changeSet } from "../lib/review/changes";
import { runDoctor } from "../doctor/cli";
import { FakeAws } from "./fixtures/awsServer";
import { worldOf } from "./fixtures/awsWorld";
import { planOf } from "./fixtures/examplePlan";
import { EXAMPLE_DIR, ROOT } from "./helpers";

const PROFILE_DIR = path.join(ROOT, "examples", "profile");
const REGION = "ap-northeast-1";
const SSM = `ssm.${REGION}.amazonaws.com`;
const SQS = `sqs.${REGION}.amazonaws.com`;
const OWN_SSM = "vpce-0123456789abcdef0";
const OWN_SQS = "vpce-0fedcba9876543210";
const OWN_ZONE = "Z0123456789ABCDEFGHIJ";

function load(dir: string): StackFile[] {
    const { files, errors } = loadStackFiles(dir);
    assert.deepStrictEqual(errors, []);
    return files.map(f => ({ ...f, raw: JSON.parse(JSON.stringify(f.raw)) }));
}

/** The stack files with `existingEndpoints` set on one member. */
function declaring(dir: string, member: string, existing: unknown): StackFile[] {
    return load(dir).map(f => f.stack === member ? { ...f, raw: { ...f.raw, "vpce-hub:existingEndpoints": existing } } : f);
}

async function plan(files: StackFile[], sim = new SimCloud()) {
    const v = validateStacks(files);
    assert.deepStrictEqual(v.errors, []);
    return evaluate(files, v.configs, sim);
}

async function refusal(files: StackFile[], sim = new SimCloud()): Promise<{ key: string; message: string }[]> {
    try {
        await plan(files, sim);
    } catch (e) {
        if (e instanceof ConfigValidationError) return e.errors.map(x => ({ key: `${x.stack} ${x.key}`, message: x.message }));
        throw e;
    }
    throw new Error("the plan went through");
}

const failing = (checks: readonly PathCheck[]) => checks.filter(c => c.verdict === "fail");
const stackOf = (stacks: readonly PlannedStack[], name: string) => stacks.find(s => s.stack === name)!;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("brownfield members: their own endpoints and zones from before the hub (vpce-hub:existingEndpoints)", () => {
    describe("configuration", () => {
        const spoke = (existing: unknown) => parseStackConfig("member-a", {
            "aws:region": REGION, "vpce-hub:role": "spoke", "vpce-hub:hubStack": "acme/vpce-hub/shared",
            "vpce-hub:vpc": { id: "vpc-0aaa", cidr: "10.1.0.0/16", subnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] },
            "vpce-hub:existingEndpoints": existing,
        });

        it("reads the issue's example: privateDns defaults to true, retire to false, zones to none", () => {
            const r = spoke({ endpoints: [{ service: "ssm", id: OWN_SSM }, { service: "sqs", id: OWN_SQS, privateDns: false }] });
            assert.deepStrictEqual(r.errors, []);
            assert.deepStrictEqual((r.config as SpokeConfig).existingEndpoints, {
                retire: false, zones: [],
                endpoints: [{ service: "ssm", id: OWN_SSM, privateDns: true }, { service: "sqs", id: OWN_SQS, privateDns: false }],
            });
        });

        it("names the stack and the key of every mistake: a malformed id, one listed twice, a typo, a zone id, a zone too broad to shadow a service name", () => {
            const r = spoke({
                retire: "yes",
                endpoints: [{ service: "ssm", id: "vpc-1" }, { service: "sqs", id: "vpce-2" }, { service: "kms", id: "vpce-2", privateDNS: true }],
                zones: [{ name: "sqs.{region}.amazonaws.com", id: "z1" }, { name: "amazonaws.com", id: "Z2" }],
            });
            assert.deepStrictEqual(r.errors.map(e => e.key), [
                "vpce-hub:existingEndpoints.retire", "vpce-hub:existingEndpoints.endpoints[0].id", "vpce-hub:existingEndpoints.endpoints[2].privateDNS",
                "vpce-hub:existingEndpoints.endpoints[2].id", "vpce-hub:existingEndpoints.zones[0].id", "vpce-hub:existingEndpoints.zones[1].name",
            ]);
            assert.ok(r.errors.every(e => e.stack === "member-a"));
            assert.match(r.errors[2].message, /did you mean `privateDns`/);
            assert.match(r.errors[3].message, /vpce-2 is already listed at vpce-hub:existingEndpoints\.endpoints\[1\]/);
            assert.match(r.errors[5].message, /less specific than every service name .* needs no declaration/);
        });

        it("refuses what one VPC cannot hold (ConflictingDomainExists): two endpoints of one service with private DNS, a zone of a name an endpoint's private DNS answers", () => {
            const two = spoke({ endpoints: [{ service: "sqs", id: "vpce-1" }, { service: "sqs", id: "vpce-2" }] });
            assert.deepStrictEqual(two.errors.map(e => e.key), ["vpce-hub:existingEndpoints.endpoints[1].privateDns"]);
            // One with private DNS and one without is what AWS allows.
            assert.deepStrictEqual(spoke({ endpoints: [{ service: "sqs", id: "vpce-1" }, { service: "sqs", id: "vpce-2", privateDns: false }] }).errors, []);
            const both = spoke({ endpoints: [{ service: "sqs", id: "vpce-1" }], zones: [{ name: "sqs.{region}.amazonaws.com", id: "Z1" }] });
            assert.deepStrictEqual(both.errors.map(e => e.key), ["vpce-hub:existingEndpoints.zones[0].name"]);
            assert.match(both.errors[0].message, /sqs\.ap-northeast-1\.amazonaws\.com is also a private DNS name of vpce-1 .*ConflictingDomainExists/);
        });

        it("retire: true with zones made by hand is refused, naming each zone and saying to delete it once the profile answers; an empty declaration is refused", () => {
            const r = spoke({ retire: true, endpoints: [{ service: "sqs", id: "vpce-1", privateDns: false }], zones: [{ name: "sqs.{region}.amazonaws.com", id: "Z1" }] });
            assert.deepStrictEqual(r.errors.map(e => e.key), ["vpce-hub:existingEndpoints.zones"]);
            assert.match(r.errors[0].message, /sqs\.ap-northeast-1\.amazonaws\.com Z1.*HostedZoneNotEmpty.*delete each zone once this member is associated with the hub's profile/);
            assert.deepStrictEqual(spoke({}).errors.map(e => e.key), ["vpce-hub:existingEndpoints"]);
        });
    });

    describe("profile mode: the member's own endpoints answer their names until retired", () => {
        const existing = { endpoints: [{ service: "ssm", id: OWN_SSM }, { service: "sqs", id: OWN_SQS, privateDns: false }] };

        it("every check passes; its own ssm endpoint answers ssm's name and is named, over the hub's profile zone; sqs (private DNS off) goes through the hub", async () => {
            const sim = new SimCloud();
            const r = await plan(declaring(PROFILE_DIR, "member-a", existing), sim);
            assert.deepStrictEqual(failing(r.checks), []);
            const ssm = r.checks.find(c => c.source === "member-a" && c.host === SSM)!;
            assert.match(ssm.path[0], new RegExp(`private DNS of endpoint ${OWN_SSM} \\(ssm\\) for ${escape(SSM)} .*the VPC's own endpoint takes precedence over zone ${escape(SSM)} \\(Z\\w+\\) through Route 53 Profile rp-`));
            assert.match(ssm.path[1], new RegExp(`^${escape(SSM)} is answered by member-a's own endpoint ${OWN_SSM} \\(ssm\\), declared in vpce-hub:existingEndpoints: ` +
                `traffic stays in its VPC vpc-0aaaaaaaaaaaaaaaa .*the hub's zone ${escape(SSM)} \\(Z\\w+\\) through Route 53 Profile rp-\\w+ answers once it is retired$`));
            // Its answer is its own endpoint's, in its own VPC.
            const own = sim.endpoints.standing.get(OWN_SSM)!;
            assert.deepStrictEqual([...ssm.answer].sort(), [...sim.publicDns.get(own.dnsEntries[0].dnsName)!].sort());
            const sqs = r.checks.find(c => c.source === "member-a" && c.host === SQS)!;
            assert.match(sqs.path[0], /through Route 53 Profile rp-/);
            assert.ok(!sqs.path.some(h => h.includes(OWN_SQS)));
            // member-b has none of its own: its ssm goes through the hub.
            assert.match(r.checks.find(c => c.source === "member-b" && c.host === SSM)!.path[0], /through Route 53 Profile rp-/);
            // Both are in the plan as what the member's VPC holds, simulated, not as resources pulumi up creates.
            const a = stackOf(r.stacks, "member-a");
            assert.deepStrictEqual(a.existing!.map(e => e.id).sort(), [OWN_SQS, OWN_SSM].sort());
            assert.ok(a.existing!.every(e => /simulated: seeded by the plan from member-a's vpce-hub:existingEndpoints/.test(e.outputs.simulated)));
            assert.ok(!a.resources.some(x => x.type === TYPES.vpcEndpoint));
            assert.deepStrictEqual(a.outputs.existingEndpoints.endpoints.map((e: { state: string }) => e.state), ["kept", "kept"]);
        });

        it("the same endpoint undeclared: pulumi up stops, naming it, the precedence and the key", async () => {
            const sim = new SimCloud();
            const files = load(PROFILE_DIR);
            const member = validateStacks(files).configs.find(c => c.stack === "member-a") as SpokeConfig;
            // It exists in the member's VPC, but the member does not declare it.
            seedExisting(sim, { ...member, existingEndpoints: { retire: false, endpoints: [{ service: "ssm", id: OWN_SSM, privateDns: true }], zones: [] } }, undefined, "111111111111");
            const errors = await refusal(files, sim);
            assert.deepStrictEqual(errors.map(e => e.key), ["member-a vpce-hub:existingEndpoints"]);
            assert.match(errors[0].message, new RegExp(`^${OWN_SSM} in this member's VPC vpc-0aaaaaaaaaaaaaaaa is an endpoint of the hub's ssm with private DNS on: it answers ssm's names here ` +
                "before the hub's profile does \\(a VPC's own DNS settings win\\); declare it \\(\\{ service: ssm, id: " + OWN_SSM + " \\} under endpoints\\), or turn its private DNS off or delete it$"));
        });

        it("an undeclared zone of a hub name in the member's VPC stops pulumi up naming it; a zone of another name, or an endpoint with private DNS off, does not", async () => {
            const sim = new SimCloud();
            const files = load(PROFILE_DIR);
            sim.registerVpc("vpc-0aaaaaaaaaaaaaaaa", "10.1.0.0/16", ["subnet-0aaaaaaaaaaaa0001", "subnet-0aaaaaaaaaaaa0002"], REGION);
            sim.dns.seedZone({ zoneId: "ZOTHERNAME", name: "corp.example.internal", vpcId: "vpc-0aaaaaaaaaaaaaaaa", ownerId: "111111111111", records: [], simulated: "test" });
            sim.endpoints.seedEndpoint({ id: "vpce-0kms", vpcId: "vpc-0aaaaaaaaaaaaaaaa", serviceName: `com.amazonaws.${REGION}.sqs`, service: "sqs", privateDns: false,
                subnetIds: ["subnet-0aaaaaaaaaaaa0001"], ownerId: "111111111111", region: REGION, simulated: "test" });
            const r = await plan(files, sim);
            assert.deepStrictEqual(failing(r.checks), []);
            const again = new SimCloud();
            again.registerVpc("vpc-0aaaaaaaaaaaaaaaa", "10.1.0.0/16", ["subnet-0aaaaaaaaaaaa0001", "subnet-0aaaaaaaaaaaa0002"], REGION);
            again.dns.seedZone({ zoneId: "ZOWNSQS", name: SQS, vpcId: "vpc-0aaaaaaaaaaaaaaaa", ownerId: "111111111111", records: [], simulated: "test" });
            const errors = await refusal(load(PROFILE_DIR), again);
            assert.deepStrictEqual(errors.map(e => e.key), ["member-a vpce-hub:existingEndpoints"]);
            assert.match(errors[0].message, new RegExp(`^zone ${escape(SQS)} \\(ZOWNSQS\\) is associated with this member's VPC vpc-0aaaaaaaaaaaaaaaa and answers the hub's name .*before the hub's profile does.*declare it`));
        });

        it("a declared endpoint that is not there, is another service's, or says private DNS wrongly: pulumi up stops naming the key", async () => {
            const files = declaring(PROFILE_DIR, "member-a", { endpoints: [{ service: "ssm", id: OWN_SSM }] });
            const raw = Object.fromEntries(files.map(f => [f.stack, f.raw]));
            // Not seeded: it does not exist.
            const sim = new SimCloud();
            await runStackSimulated(sim, "shared", raw.shared);
            await assert.rejects(runStackSimulated(sim, "member-a", raw["member-a"]), (e: ConfigValidationError) => {
                assert.deepStrictEqual(e.errors.map(x => x.key), ["vpce-hub:existingEndpoints.endpoints[0].id"]);
                assert.match(e.errors[0].message, new RegExp(`^${OWN_SSM} does not exist in this member's account and region`));
                return true;
            });
            // It is an sqs endpoint with private DNS off.
            sim.endpoints.seedEndpoint({ id: OWN_SSM, vpcId: "vpc-0aaaaaaaaaaaaaaaa", serviceName: `com.amazonaws.${REGION}.sqs`, service: "sqs", privateDns: false,
                subnetIds: ["subnet-0aaaaaaaaaaaa0001"], ownerId: "111111111111", region: REGION, simulated: "test" });
            await assert.rejects(runStackSimulated(sim, "member-a", raw["member-a"]), (e: ConfigValidationError) => {
                assert.deepStrictEqual(e.errors.map(x => x.key), ["vpce-hub:existingEndpoints.endpoints[0].service", "vpce-hub:existingEndpoints.endpoints[0].privateDns"]);
                assert.match(e.errors[0].message, new RegExp(`is an endpoint of com\\.amazonaws\\.${REGION}\\.sqs, not of the hub's ssm \\(com\\.amazonaws\\.${REGION}\\.ssm\\)`));
                assert.match(e.errors[1].message, /is true, but AWS says .* has private DNS off/);
                return true;
            });
        });
    });

    describe("profile mode, retire: true: adopted, then deleted once the profile answers, with no gap", () => {
        const existing = { retire: true, endpoints: [{ service: "ssm", id: OWN_SSM }, { service: "sqs", id: OWN_SQS, privateDns: false }, { service: "logs", id: "vpce-0aaaabbbbccccdddd" }] };

        it("every check of the final plan passes through the hub; each state before, during and after is checked and passes", async () => {
            const sim = new SimCloud();
            const r = await plan(declaring(PROFILE_DIR, "member-a", existing), sim);
            assert.deepStrictEqual(failing(r.checks), []);
            const mine = r.checks.filter(c => c.source === "member-a" && c.kind === "service");
            assert.ok(mine.length > 10);
            assert.ok(mine.every(c => /through Route 53 Profile rp-/.test(c.path[0])), "every name through the hub's profile");
            const a = stackOf(r.stacks, "member-a");
            assert.deepStrictEqual(a.existing, undefined);
            assert.ok(!a.resources.some(x => x.type === TYPES.vpcEndpoint));
            assert.deepStrictEqual(a.outputs.existingEndpoints.endpoints.map((e: { state: string }) => e.state), ["retired", "retired", "retired"]);
            assert.ok([OWN_SSM, OWN_SQS].every(id => sim.endpoints.standing.get(id)!.deleted));
            // The proof: three endpoints, four states (after the first up, two deletions in, after).
            const [proof] = r.retirements!;
            assert.strictEqual(proof.member, "member-a");
            assert.deepStrictEqual(proof.states.map(s => s.failing.length), [0, 0, 0, 0]);
            assert.deepStrictEqual(proof.states.map(s => s.checks), Array(4).fill(mine.length));
            // Before: ssm's and logs' names by its own endpoints (sqs's had private DNS off); after: none.
            const logsNames = mine.filter(c => c.service === "logs").length;
            assert.strictEqual(proof.states[0].ownAnswers, 1 + logsNames);
            assert.strictEqual(proof.states[3].ownAnswers, 0);
            assert.match(proof.states[0].state, /after its first pulumi up: associated with the hub's profile/);
            assert.ok(proof.independent && proof.holds);
        });

        it("npm run plan shows each state with its checks, exits 0, and --json carries them (retirements) with the cost's retirement figures", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-retire-"));
            for (const f of fs.readdirSync(PROFILE_DIR)) fs.copyFileSync(path.join(PROFILE_DIR, f), path.join(dir, f));
            fs.appendFileSync(path.join(dir, "Pulumi.member-a.yaml"), [
                "  vpce-hub:existingEndpoints:", "    retire: true", "    endpoints:", `      - { service: ssm, id: ${OWN_SSM} }`, `      - { service: logs, id: vpce-0aaaabbbbccccdddd }`, "",
            ].join("\n"));
            let out = "";
            const json = path.join(dir, "plan.json");
            const code = await runPlan(["--stacks-dir", dir, "--no-color", "--json", json], { out: t => { out += t; }, err: t => { out += t; }, isTty: false }, ROOT);
            assert.strictEqual(code, 0, out);
            const section = out.slice(out.indexOf("Members' own endpoints and zones"));
            assert.match(section, /member-a: 2 own endpoints, retire: true/);
            assert.match(section, new RegExp(`${OWN_SSM} \\(ssm, private DNS on\\): retired`));
            assert.match(section, /1\. after its first pulumi up: associated with the hub's profile, .*adopted and still answering: all \d+ pass \([1-9]\d* by its own endpoints/s);
            assert.match(section, /2\. during its second pulumi up, once vpce-\w+ \((ssm|logs)\) is deleted: all \d+ pass/s);
            assert.match(section, /3\. after its second pulumi up: both deleted: all \d+ pass \(0 by its own endpoints/s);
            const doc = JSON.parse(fs.readFileSync(json, "utf8"));
            assert.deepStrictEqual(doc.retirements.map((p: { member: string; holds: boolean }) => [p.member, p.holds]), [["member-a", true]]);
            assert.strictEqual(doc.cost.retirement.members[0].retired, 2);
        });

        it("the first pulumi up adopts them by import (the profile association in the same update), the second deletes them; a third changes nothing", async () => {
            const sim = new SimCloud();
            const files = declaring(PROFILE_DIR, "member-a", existing);
            const raw = Object.fromEntries(files.map(f => [f.stack, f.raw]));
            const v = validateStacks(files);
            await runStackSimulated(sim, "shared", raw.shared);
            seedExisting(sim, v.configs.find(c => c.stack === "member-a") as SpokeConfig, undefined, "111111111111");
            const first = await runStackSimulated(sim, "member-a", raw["member-a"]);
            const adopted = first.resources.filter(x => x.type === TYPES.vpcEndpoint);
            assert.deepStrictEqual(adopted.map(x => x.id).sort(), ["vpce-0aaaabbbbccccdddd", OWN_SQS, OWN_SSM].sort());
            assert.ok(first.resources.some(x => x.type === TYPES.profileAssociation));
            assert.ok(!sim.endpoints.standing.get(OWN_SSM)!.deleted);
            assert.deepStrictEqual(sim.answeringSources("vpc-0aaaaaaaaaaaaaaaa", SSM).map(s => s.kind), ["local-endpoint"]);
            const second = await runStackSimulated(sim, "member-a", raw["member-a"]);
            assert.ok(!second.resources.some(x => x.type === TYPES.vpcEndpoint));
            assert.ok(sim.endpoints.standing.get(OWN_SSM)!.deleted);
            assert.deepStrictEqual(sim.answeringSources("vpc-0aaaaaaaaaaaaaaaa", SSM).map(s => s.kind), ["profile-zone"]);
            const third = await runStackSimulated(sim, "member-a", raw["member-a"]);
            assert.deepStrictEqual(third.resources.map(x => x.urn), second.resources.map(x => x.urn));
        });

        it("the stage of each endpoint: deleted only by an update that starts with the profile association in place; never outside profile mode", () => {
            const declared = { retire: true, endpoints: [{ service: "ssm", id: "vpce-1", privateDns: true }], zones: [] };
            const prev = (state: "kept" | "adopted" | "retired") => ({ retire: true, endpoints: [{ id: "vpce-1", service: "ssm", privateDns: true, state }], zones: [], skippedZones: [] });
            const stage = (d: typeof declared, sharing: string, p: ReturnType<typeof prev> | undefined, associated: boolean): RetirementStage => retirementStages(d, sharing, p, associated).get("vpce-1")!;
            assert.strictEqual(stage(declared, "profile", undefined, false), "adopt");
            assert.strictEqual(stage(declared, "profile", prev("kept"), true), "adopt");
            assert.strictEqual(stage(declared, "profile", prev("adopted"), false), "adopt", "adopted, but the association did not exist when this update began");
            assert.strictEqual(stage(declared, "profile", prev("adopted"), true), "delete");
            assert.strictEqual(stage(declared, "profile", prev("retired"), true), "retired");
            assert.strictEqual(stage(declared, "associations", prev("kept"), true), "keep");
            assert.strictEqual(stage({ ...declared, retire: false }, "profile", prev("adopted"), true), "hold", "retire turned back off: kept in the state, not deleted");
        });

        it("the adopted endpoint's options: imported by its id, after the profile association, not protected (mocks cannot see options)", () => {
            const parent = {} as pulumi.Resource;
            const association = { urn: "assoc" } as unknown as pulumi.Resource;
            const o = adoptionOptions(parent, OWN_SSM, [association]);
            assert.strictEqual(o.import, OWN_SSM);
            assert.deepStrictEqual(o.dependsOn, [association]);
            assert.strictEqual(o.parent, parent);
            assert.strictEqual(o.protect, false);
            assert.strictEqual(o.retainOnDelete, false);
        });

        it("an import whose inputs differ from the endpoint is refused with the engine's words; the import declares exactly what AWS reads", async () => {
            const sim = new SimCloud();
            sim.registerVpc("vpc-0a", "10.1.0.0/16", ["subnet-0a1", "subnet-0a2"], REGION);
            const e = sim.endpoints.seedEndpoint({ id: OWN_SSM, vpcId: "vpc-0a", serviceName: `com.amazonaws.${REGION}.ssm`, service: "ssm", privateDns: true,
                subnetIds: ["subnet-0a1", "subnet-0a2"], ownerId: "111111111111", region: REGION, simulated: "test" });
            const facts = { id: e.id, vpcId: e.vpcId, serviceName: e.serviceName, privateDnsEnabled: true, subnetIds: e.subnetIds, securityGroupIds: e.securityGroupIds };
            const call = (inputs: Record<string, unknown>) => sim.newResource({ type: TYPES.vpcEndpoint, name: "own", inputs, id: OWN_SSM, custom: true });
            await sim.start({ stack: "member-a", project: "vpce-hub", accountId: "111111111111", region: REGION }, "acme");
            const refusals = () => sim.refusals.map(r => r.error.message);
            call({ ...importInputs(facts) });
            assert.deepStrictEqual(refusals(), []);
            assert.strictEqual(e.adoptedBy, "member-a");
            await sim.start({ stack: "member-b", project: "vpce-hub", accountId: "111111111111", region: REGION }, "acme");
            call({ ...importInputs(facts), privateDnsEnabled: false });
            assert.deepStrictEqual(refusals(), [`inputs to import do not match the existing resource; importing this resource will fail (privateDnsEnabled of ${OWN_SSM} differ)`]);
        });

        it("the proof fails a state with a gap: with the member's profile association gone, its retired names are public after the second pulumi up", async () => {
            const sim = new SimCloud();
            const files = declaring(PROFILE_DIR, "member-a", existing);
            const raw = Object.fromEntries(files.map(f => [f.stack, f.raw]));
            const hub = await runStackSimulated(sim, "shared", raw.shared);
            seedExisting(sim, validateStacks(files).configs.find(c => c.stack === "member-a") as SpokeConfig, undefined, "111111111111");
            const first = await runStackSimulated(sim, "member-a", raw["member-a"]);
            const dns = Object.fromEntries(sim.publicDns);
            const second = await runStackSimulated(sim, "member-a", raw["member-a"]);
            assert.ok(retirementProof([hub, second], first, dns).holds, "the real sequence holds");
            const broken = { ...second, resources: second.resources.filter(x => x.type !== TYPES.profileAssociation) };
            const proof = retirementProof([hub, broken], first, dns);
            assert.strictEqual(proof.holds, false);
            assert.deepStrictEqual(proof.states.slice(0, -1).map(x => x.failing.length), [0, 0, 0]);
            assert.ok(proof.states[proof.states.length - 1].failing.every(c => /missing profile association/.test(c.reason)));
        });
    });

    describe("associations mode: the member keeps its own endpoint for a name and leaves that hub zone out until it retires it", () => {
        const existing = {
            endpoints: [{ service: "sqs", id: OWN_SQS }, { service: "ssm", id: OWN_SSM, privateDns: false }],
            zones: [{ name: SSM, id: OWN_ZONE }],
        };

        it("no association with the hub's sqs and ssm zones, every other one made; every check passes, those names naming its own endpoint", async () => {
            const sim = new SimCloud();
            const r = await plan(declaring(EXAMPLE_DIR, "member-b", existing), sim);
            assert.deepStrictEqual(failing(r.checks), []);
            const b = stackOf(r.stacks, "member-b");
            const hub = stackOf(r.stacks, "shared");
            const associated = b.resources.filter(x => x.type === TYPES.zoneAssociation).map(x => x.inputs.zoneId);
            const zoneIds: Record<string, string> = hub.outputs.zoneIds;
            assert.deepStrictEqual(Object.entries(zoneIds).filter(([, id]) => !associated.includes(id)).map(([n]) => n).sort(), [SQS, SSM].sort());
            assert.deepStrictEqual(b.outputs.existingEndpoints.skippedZones.sort(), [SQS, SSM].sort());
            const sqs = r.checks.find(c => c.source === "member-b" && c.host === SQS)!;
            assert.match(sqs.path[1], new RegExp(`answered by member-b's own endpoint ${OWN_SQS} \\(sqs\\).*the hub's zone for it is not associated with this VPC until it is retired`));
            const ssm = r.checks.find(c => c.source === "member-b" && c.host === SSM)!;
            assert.match(ssm.path[0], new RegExp(`zone ${escape(SSM)} \\(${OWN_ZONE}\\)`));
            assert.match(ssm.path[2], new RegExp(`answered by member-b's own endpoint ${OWN_SSM} \\(ssm\\)`));
            // What the left-out associations would have met: AWS's refusal.
            assert.throws(() => sim.dns.associate(zoneIds[SQS], "vpc-0bbbbbbbbbbbbbbbb"), /ConflictingDomainExists/);
            assert.throws(() => sim.dns.associate(zoneIds[SSM], "vpc-0bbbbbbbbbbbbbbbb"), /ConflictingDomainExists/);
        });

        it("the private-DNS switch that collides is refused too: turning its own ssm endpoint's private DNS on next to its ssm zone (ConflictingDomainExists)", async () => {
            const sim = new SimCloud();
            await plan(declaring(EXAMPLE_DIR, "member-b", existing), sim);
            assert.throws(() => sim.endpoints.setPrivateDns(OWN_SSM, true), /ConflictingDomainExists: private DNS name ssm\.ap-northeast-1\.amazonaws\.com of endpoint vpce-0123456789abcdef0 conflicts with hosted zone Z0123456789ABCDEFGHIJ/);
        });

        it("retire: true stops the plan with a config error naming the endpoints, the names that would resolve publicly and for how long, and the ways out; never AWS's bare refusal", async () => {
            const errors = await refusal(declaring(EXAMPLE_DIR, "member-b", { retire: true, endpoints: [{ service: "sqs", id: OWN_SQS }, { service: "ssm", id: OWN_SSM }] }));
            assert.deepStrictEqual(errors.map(e => e.key), ["member-b vpce-hub:existingEndpoints.retire"]);
            const m = errors[0].message;
            assert.match(m, new RegExp(`${OWN_SQS} \\(sqs\\), ${OWN_SSM} \\(ssm\\) must be gone before the hub's 2 zones of their names \\(${escape(SQS)}, ${escape(SSM)}\\) can be associated`));
            assert.match(m, /\(1\) move the hub to vpce-hub:dns\.sharing: profile.*no gap/);
            assert.match(m, new RegExp(`between the two, ${escape(SQS)}, ${escape(SSM)} resolve to the public endpoints, which in a VPC without internet access is an outage`));
            assert.match(m, /4 Route 53 calls at 5 requests per second, about 1 s, plus however long you wait between the two/);
            assert.doesNotMatch(m, /AWS refuses it:/);
        });
    });

    describe("cost: what the members' own endpoints still cost, and what retiring saves", () => {
        const prices = loadPrices(REGION);

        it("per member and fleet-wide, from the AZs AWS read: kept ones still paid, retired ones saved, in the plan's cost section", async () => {
            const files = declaring(PROFILE_DIR, "member-a", { endpoints: [{ service: "ssm", id: OWN_SSM }, { service: "sqs", id: OWN_SQS, privateDns: false }] })
                .map(f => f.stack === "member-b" ? { ...f, raw: { ...f.raw, "vpce-hub:existingEndpoints": { retire: true, endpoints: [{ service: "logs", id: "vpce-0bbbb000011112222" }] } } } : f);
            const r = await plan(files);
            const cost = hubEstimates(r.stacks)[0].cost!;
            // Each endpoint in the member's two subnets (two AZs): 2 x 730 h x $0.014.
            const each = 2 * 730 * 0.014;
            assert.deepStrictEqual(cost.retirement!.members.map(m => [m.member, m.running, +m.runningUsd.toFixed(2), m.retired, +m.retiredUsd.toFixed(2)]),
                [["member-a", 2, +(2 * each).toFixed(2), 0, 0], ["member-b", 0, 0, 1, +each.toFixed(2)]]);
            assert.strictEqual(+cost.retirement!.runningUsd.toFixed(2), 40.88);
            assert.strictEqual(+cost.retirement!.retiredUsd.toFixed(2), 20.44);
            const lines = formatCostReport(cost);
            assert.ok(lines.includes("  member-a: 2 endpoints still running, $40.88 per month: retiring them saves that"), lines.join("\n"));
            assert.ok(lines.includes("  member-b: 1 endpoint retired, $20.44 per month saved"));
            assert.ok(lines.includes("  fleet: $40.88 per month still paid for members' own endpoints; $20.44 per month saved by the retirements in this plan"));
        });

        it("the issue's example, 40 members with 8 endpoints each in 2 AZs, at ap-northeast-1's price: $6,540.80 per month (3 AZs: $9,811.20)", () => {
            assert.strictEqual(+fleetSaving(40, 8, 2, prices).toFixed(2), 6540.8);
            assert.strictEqual(+fleetSaving(40, 8, 3, prices).toFixed(2), 9811.2);
            // The same through the report's own count of 40 member stacks' outputs.
            const member = (i: number): PlannedStack => ({
                stack: `m${i}`, role: "spoke", accountId: "111111111111", region: REGION, config: {} as SpokeConfig, resources: [],
                outputs: { existingEndpoints: { endpoints: Array.from({ length: 8 }, (_, j) => ({ id: `vpce-${i}x${j}`, service: "s", privateDns: true, state: "kept", azs: 2 })) } },
            });
            const r = retirementSavings(Array.from({ length: 40 }, (_, i) => member(i)), prices)!;
            assert.strictEqual(+r.runningUsd.toFixed(2), 6540.8);
            assert.strictEqual(r.members.length, 40);
        });
    });

    describe("the change review (--against): a retirement is the removal it is, with its order", () => {
        const snapshot = (r: { stacks: readonly PlannedStack[] }) => JSON.parse(JSON.stringify({ stacks: r.stacks }));

        it("kept, then retire: true (profile mode): each endpoint removed, nothing interrupted, two pulumi ups of the member in the order", async () => {
            const kept = await plan(declaring(PROFILE_DIR, "member-a", { endpoints: [{ service: "ssm", id: OWN_SSM }, { service: "logs", id: "vpce-0aaaabbbbccccdddd" }] }));
            const retired = await plan(declaring(PROFILE_DIR, "member-a", { retire: true, endpoints: [{ service: "ssm", id: OWN_SSM }, { service: "logs", id: "vpce-0aaaabbbbccccdddd" }] }));
            const set = changeSet(snapshot(kept), retired);
            const own = set.changes.filter(c => c.what === "own endpoint");
            assert.deepStrictEqual(own.map(c => [c.stack, c.kind, c.subject, c.interrupts]),
                [["member-a", "remove", `${OWN_SSM} (ssm) retired`, undefined], ["member-a", "remove", "vpce-0aaaabbbbccccdddd (logs) retired", undefined]]);
            assert.deepStrictEqual(set.order, [`pulumi up member-a, then pulumi up member-a again: the first adopts ${OWN_SSM} (ssm), vpce-0aaaabbbbccccdddd (logs) ` +
                "(import, after its profile association), the second deletes them, last in that update; each name falls through to the hub's profile as its endpoint goes " +
                "(the plan's section on members' own endpoints checks each state)"]);
            assert.strictEqual(set.verdict, "no breaking changes");
            assert.ok(changeLines(set, false).includes(`  remove 2 own endpoints: ${OWN_SSM} (ssm) retired, vpce-0aaaabbbbccccdddd (logs) retired [affects member-a]`), changeLines(set, false).join("\n"));
            // Nothing to review the other way round: the same plan twice.
            assert.deepStrictEqual(changeSet(snapshot(retired), retired).changes.filter(c => c.what === "own endpoint"), []);
        });

        it("associations mode, an own endpoint deleted by hand and no longer declared: a removal that interrupts its names until the member's pulumi up", async () => {
            const kept = await plan(declaring(EXAMPLE_DIR, "member-b", { endpoints: [{ service: "sqs", id: OWN_SQS }] }));
            const gone = await plan(load(EXAMPLE_DIR));
            const set = changeSet(snapshot(kept), gone);
            const own = set.changes.filter(c => c.what === "own endpoint");
            assert.deepStrictEqual(own.map(c => [c.stack, c.kind, c.interrupts]),
                [["member-b", "remove", `${SQS} resolve publicly from ${OWN_SQS}'s deletion until member-b's pulumi up has associated the hub's zones of them`]]);
            assert.ok(set.order.some(o => o.startsWith(`delete ${OWN_SQS} and pulumi up member-b at once`)));
            assert.strictEqual(set.verdict, "breaking changes");
        });
    });

    describe("doctor state after pulumi up: a member's own declared endpoint is expected until retired", function () {
        this.timeout(60_000);

        it("associations mode, member-a declares its sqs endpoint: the doctor notes it (not drift that fails), the hub's sqs zone is not expected in its VPC, every check passes", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-own-doctor-"));
            for (const f of fs.readdirSync(EXAMPLE_DIR).filter(f => f.endsWith(".yaml"))) fs.copyFileSync(path.join(EXAMPLE_DIR, f), path.join(dir, f));
            const own = "vpce-0own111111111111";
            fs.appendFileSync(path.join(dir, "Pulumi.member-a.yaml"), ["  vpce-hub:existingEndpoints:", "    endpoints:", `      - { service: sqs, id: ${own} }`, ""].join("\n"));
            const planned = await planOf(dir);
            const w = worldOf(planned);
            // The live endpoint, as EC2 lists it (its private DNS name among its DNS entries).
            w.endpoints.push({
                account: "111111111111", region: REGION, id: own, vpcId: "vpc-0aaaaaaaaaaaaaaaa", serviceName: `com.amazonaws.${REGION}.sqs`, state: "available",
                privateDnsEnabled: true, ipAddressType: "ipv4", subnetIds: ["subnet-0aaaaaaaaaaaa0001"], groups: [], policy: "", enis: ["eni-0own1"],
                dnsEntries: [{ dnsName: `${own}-abcd.sqs.${REGION}.vpce.amazonaws.com`, hostedZoneId: "ZVPCE" }, { dnsName: SQS, hostedZoneId: "ZPRIV" }],
            });
            w.enis.push({ account: "111111111111", region: REGION, id: "eni-0own1", vpcId: "vpc-0aaaaaaaaaaaaaaaa", subnetId: "subnet-0aaaaaaaaaaaa0001", az: `${REGION}a`, ip: "10.1.0.50", ipv6: [] });
            const aws = new FakeAws(w, 100);
            await aws.start();
            try {
                const planFile = path.join(dir, "plan.json"), out = path.join(dir, "state.json");
                fs.writeFileSync(planFile, JSON.stringify({ stacks: planned.stacks }));
                process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
                let text = "";
                const code = await runDoctor(["state", "--plan", planFile, "--endpoint-url", aws.url, "--json", out, ...Object.keys(w.keys).flatMap(p => ["--profile", p])],
                    { out: t => { text += t; }, err: t => { text += t; } },
                    { credentials: (p?: string) => async () => ({ accessKeyId: p ?? "AKIAUNKNOWN", secretAccessKey: "secret" }), maxAttempts: 1 });
                const r = JSON.parse(fs.readFileSync(out, "utf8"));
                assert.equal(code, 0, text);
                assert.deepStrictEqual(r.drift.map((d: { kind: string; severity: string; stack: string }) => [d.kind, d.severity, d.stack]), [["extra", "note", "member-a"]]);
                assert.match(r.drift[0].detail, /the member's own, declared in vpce-hub:existingEndpoints/);
                const sqs = r.checks.find((c: PathCheck) => c.source === "member-a" && c.host === SQS);
                assert.strictEqual(sqs.verdict, "pass");
                assert.ok(sqs.path.some((h: string) => h.includes(`member-a's own endpoint ${own}`)), sqs.path.join("\n"));
            } finally {
                await aws.stop();
            }
        });
    });

    describe("the simulated AWS answers the member's lookups as the provider does", () => {
        const VPC = "vpc-0a";
        const world = () => {
            const sim = new SimCloud();
            sim.registerVpc(VPC, "10.1.0.0/16", ["subnet-0a1", "subnet-0a2"], REGION);
            const seed = (id: string, service: string, privateDns: boolean) => sim.endpoints.seedEndpoint({
                id, vpcId: VPC, serviceName: `com.amazonaws.${REGION}.${service}`, service, privateDns, subnetIds: ["subnet-0a1", "subnet-0a2"], ownerId: "111111111111", region: REGION, simulated: "test",
            });
            return { sim, seed };
        };
        const ask = async (sim: SimCloud, token: string, inputs: Record<string, unknown>, account = "111111111111") => {
            await sim.start({ stack: "member-a", project: "vpce-hub", accountId: account, region: REGION }, "acme");
            try { return sim.call({ token, inputs } as pulumi.runtime.MockCallArgs); } catch (e) { return (e as Error).message; }
        };
        const GET = "aws:ec2/getVpcEndpoint:getVpcEndpoint";
        const ZONE = "aws:route53/getZone:getZone";

        it("getVpcEndpoint: one match is read (private DNS, subnets, security groups); none and several are the provider's sentences; another account's endpoints are not listed", async () => {
            const { sim, seed } = world();
            assert.strictEqual(await ask(sim, GET, { vpcId: VPC, vpcEndpointType: "Interface", state: "available" }), "no matching EC2 VPC Endpoint found");
            seed(OWN_SSM, "ssm", true);
            const one = await ask(sim, GET, { vpcId: VPC, vpcEndpointType: "Interface", state: "available" }) as Record<string, any>;
            assert.deepStrictEqual([one.id, one.serviceName, one.privateDnsEnabled, one.subnetIds], [OWN_SSM, `com.amazonaws.${REGION}.ssm`, true, ["subnet-0a1", "subnet-0a2"]]);
            seed(OWN_SQS, "sqs", false);
            assert.strictEqual(await ask(sim, GET, { vpcId: VPC, state: "available" }),
                "multiple EC2 VPC Endpoints matched; use additional constraints to reduce matches to a single EC2 VPC Endpoint");
            assert.strictEqual((await ask(sim, GET, { vpcId: VPC, serviceName: `com.amazonaws.${REGION}.sqs` }) as Record<string, any>).id, OWN_SQS);
            assert.strictEqual(await ask(sim, GET, { id: OWN_SSM }, "222222222222"), "no matching EC2 VPC Endpoint found");
            sim.endpoints.deleteStanding(OWN_SSM);
            assert.strictEqual(await ask(sim, GET, { id: OWN_SSM }), "no matching EC2 VPC Endpoint found");
        });

        it("getZone: the caller's private zones by name and VPC (or by VPC alone), none and several in the provider's words", async () => {
            const { sim } = world();
            assert.strictEqual(await ask(sim, ZONE, { privateZone: true, vpcId: VPC }), "no matching Route 53 Hosted Zone found");
            sim.dns.seedZone({ zoneId: "ZA", name: SQS, vpcId: VPC, ownerId: "111111111111", records: [], simulated: "test" });
            assert.strictEqual((await ask(sim, ZONE, { privateZone: true, vpcId: VPC }) as Record<string, any>).zoneId, "ZA");
            sim.dns.seedZone({ zoneId: "ZB", name: SSM, vpcId: VPC, ownerId: "111111111111", records: [], simulated: "test" });
            assert.strictEqual(await ask(sim, ZONE, { privateZone: true, vpcId: VPC }),
                "multiple Route 53 Hosted Zones matched; use additional constraints to reduce matches to a single Route 53 Hosted Zone");
            assert.strictEqual((await ask(sim, ZONE, { name: `${SSM}.`, privateZone: true, vpcId: VPC }) as Record<string, any>).zoneId, "ZB");
            assert.strictEqual(await ask(sim, ZONE, { name: SSM, privateZone: true, vpcId: "vpc-0other" }), "no matching Route 53 Hosted Zone found");
            assert.strictEqual(await ask(sim, ZONE, { name: SSM, privateZone: true, vpcId: VPC }, "222222222222"), "no matching Route 53 Hosted Zone found");
        });

        it("two endpoints of a hub service in the member's VPC and only one declared: pulumi up stops, naming the service and the command that lists them", async () => {
            const sim = new SimCloud();
            const files = declaring(PROFILE_DIR, "member-a", { endpoints: [{ service: "sqs", id: OWN_SQS }] });
            seedExisting(sim, { ...(validateStacks(files).configs.find(c => c.stack === "member-a") as SpokeConfig),
                existingEndpoints: { retire: false, endpoints: [{ service: "sqs", id: "vpce-0second000000000", privateDns: false }], zones: [] } }, undefined, "111111111111");
            const errors = await refusal(files, sim);
            assert.deepStrictEqual(errors.map(e => e.key), ["member-a vpce-hub:existingEndpoints"]);
            assert.match(errors[0].message, new RegExp(`^vpc-0aaaaaaaaaaaaaaaa has several interface endpoints of com\\.amazonaws\\.${REGION}\\.sqs and only one is declared: declare each \\(aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=vpc-0aaaaaaaaaaaaaaaa`));
        });
    });
});

// The DNS migrations of docs/migration.md, walked step by step in ONE simulated world: each
// step's `pulumi up` is applied to what the previous step left (deletions last, as Pulumi
// does), and after every step every path check passes (no outage under the model). The plan's
// recognition (lib/review/migration.ts) accepts each documented step and stops a skipped one.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { runPlan } from "../plan/cli";
import { ConfigValidationError } from "../lib/config";
import { recognizeModeChange } from "../lib/review/migration";
import { PlannedStack, TYPES } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { evaluate, validateStacks } from "../plan/plan";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { ROOT } from "./helpers";

const DIR = path.join(ROOT, "examples", "profile");

/** The example profile stacks, the hub set back to associations: where a live fleet starts. */
function startingFiles(): StackFile[] {
    const { files } = loadStackFiles(DIR);
    return files.map(f => {
        const raw = JSON.parse(JSON.stringify(f.raw));
        if (f.stack === "shared") delete raw["vpce-hub:dns"];
        // A member outside an organization accepts RAM shares; with zone associations it needs none but the TGW's.
        if (f.stack === "member-a") delete raw["vpce-hub:acceptRamShare"];
        return { ...f, raw };
    });
}

class World {
    readonly sim = new SimCloud();
    readonly latest = new Map<string, PlannedStack>();
    raw: Record<string, Record<string, unknown>> = {};

    async start(files: StackFile[]): Promise<void> {
        const v = validateStacks(files);
        assert.deepStrictEqual(v.errors, []);
        const r = await evaluate(files, v.configs, this.sim);
        for (const s of r.stacks) this.latest.set(s.stack, s);
        this.raw = Object.fromEntries(files.map(f => [f.stack, f.raw]));
    }

    /** One `pulumi up` of one stack with its config changed by `edit`. */
    async up(stack: string, edit: (raw: Record<string, unknown>) => void = () => undefined): Promise<void> {
        const raw = JSON.parse(JSON.stringify(this.raw[stack]));
        edit(raw);
        const planned = await runStackSimulated(this.sim, stack, raw);
        this.latest.set(stack, planned);
        this.raw[stack] = raw;
    }

    snapshot() {
        return { stacks: [...this.latest.values()] };
    }

    /** Every path check over the stacks as they stand, zone associations made in earlier steps included. */
    failing(): string[] {
        const stacks = [this.latest.get("shared")!, ...[...this.latest.values()].filter(s => s.role === "spoke")];
        const checks = checkPaths(stacks, Object.fromEntries(this.sim.publicDns), undefined, Object.fromEntries(this.sim.publicDns6), this.sim.dns.associations());
        assert.ok(checks.length >= 40, `checks were made (${checks.length})`);
        return checks.filter(c => c.verdict === "fail").map(c => `${c.source} ${c.host}: ${c.reason}`);
    }
}

const dns = (d: Record<string, unknown>) => (raw: Record<string, unknown>) => { raw["vpce-hub:dns"] = d; };
const acceptShare = (raw: Record<string, unknown>) => { raw["vpce-hub:acceptRamShare"] = true; };

describe("DNS migrations walked in one simulated world (docs/migration.md)", function () {
    this.timeout(30000);

    it("associations -> profile (A1 hub, A2 each member), then zones -> endpoint (B1, B2, B3 hub only): every check passes after every step", async () => {
        const w = new World();
        await w.start(startingFiles());
        assert.deepStrictEqual(w.failing(), [], "start: associations");
        const before = w.snapshot();
        assert.ok(w.latest.get("member-a")!.resources.some(r => r.type === TYPES.zoneAssociation));

        // A1: the hub shares a profile; members still on their zone associations (authorizations gone).
        await w.up("shared", dns({ sharing: "profile", records: "zones" }));
        assert.strictEqual(w.latest.get("shared")!.resources.filter(r => r.type === TYPES.vpcAssociationAuthorization).length, 0);
        assert.strictEqual(recognizeModeChange(before, w.snapshot())?.blocking, undefined);
        assert.deepStrictEqual(w.failing(), [], "after A1");

        // A2: each member, one at a time, checked after each.
        await w.up("member-a", acceptShare);
        assert.deepStrictEqual(w.failing(), [], "after A2 member-a");
        await w.up("member-b");
        assert.deepStrictEqual(w.failing(), [], "after A2 member-b");
        for (const m of ["member-a", "member-b"]) {
            const s = w.latest.get(m)!;
            assert.strictEqual(s.resources.filter(r => r.type === TYPES.zoneAssociation).length, 0, m);
            assert.strictEqual(s.resources.filter(r => r.type === TYPES.profileAssociation).length, 1, m);
        }

        // B1: park the zones; the hub VPC joins the profile.
        let prev = w.snapshot();
        await w.up("shared", dns({ sharing: "profile", records: "endpoint", migration: "park-zones" }));
        assert.strictEqual(recognizeModeChange(prev, w.snapshot())?.blocking, undefined);
        const hubVpc = w.latest.get("shared")!.outputs.vpcId;
        const zones = w.latest.get("shared")!.resources.filter(r => r.type === TYPES.zone);
        assert.ok(zones.length === 10 && zones.every(z => z.inputs.vpcs[0].vpcId !== hubVpc), "every zone parked off the hub VPC");
        assert.deepStrictEqual(w.failing(), [], "after B1");

        // B2: private DNS on, endpoints into the profile, zones unprotected.
        prev = w.snapshot();
        await w.up("shared", raw => { dns({ sharing: "profile", records: "endpoint", migration: "enable-private-dns" })(raw); raw["vpce-hub:protect"] = false; });
        assert.strictEqual(recognizeModeChange(prev, w.snapshot())?.blocking, undefined);
        assert.ok(w.latest.get("shared")!.resources.filter(r => r.type === TYPES.vpcEndpoint).every(e => e.inputs.privateDnsEnabled === true));
        assert.deepStrictEqual(w.failing(), [], "after B2");

        // B3: the steady state; zones, parking VPC and the hub VPC's profile association go.
        prev = w.snapshot();
        await w.up("shared", dns({ sharing: "profile", records: "endpoint" }));
        assert.strictEqual(recognizeModeChange(prev, w.snapshot())?.blocking, undefined);
        const hub = w.latest.get("shared")!;
        assert.strictEqual(hub.resources.filter(r => r.type === TYPES.zone).length, 0);
        assert.strictEqual(hub.resources.filter(r => r.type === TYPES.profileAssociation).length, 0);
        assert.deepStrictEqual(w.failing(), [], "after B3");
    });

    it("skipping B1 (records: endpoint straight from zones) is refused by AWS in the simulation (ConflictingDomainExists) and by the plan, which names step B1", async () => {
        const w = new World();
        const files = startingFiles().map(f => f.stack === "shared" ? { ...f, raw: { ...f.raw, "vpce-hub:dns": { sharing: "profile", records: "zones" } } }
            : f.stack === "member-a" ? { ...f, raw: { ...f.raw, "vpce-hub:acceptRamShare": true } } : f);
        await w.start(files);
        assert.deepStrictEqual(w.failing(), []);
        const prev = w.snapshot();
        await assert.rejects(w.up("shared", raw => { raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" }; raw["vpce-hub:protect"] = false; }),
            (e: unknown) => e instanceof ConfigValidationError && e.errors.some(x => /ConflictingDomainExists/.test(x.message)));
        // The failed pulumi up deleted nothing: every check still passes.
        assert.deepStrictEqual(w.failing(), [], "a failed step leaves the fleet as it was");
        // The plan, compared with the previous plan, stops before: exit 2 naming B1.
        const next = { stacks: prev.stacks.map(s => s.role !== "hub" ? s : { ...s, config: { ...s.config, dns: { sharing: "profile", records: "endpoint" }, protect: false } }) };
        const change = recognizeModeChange(prev, next)!;
        assert.strictEqual(change.blocking?.key, "vpce-hub:dns");
        assert.match(change.blocking!.message, /ConflictingDomainExists.*Take step B1 first/);
    });

    it("the plan stops B1 while a member still has zone associations, naming step A2 and the member", async () => {
        const w = new World();
        await w.start(startingFiles());
        const prev = w.snapshot();
        const next = { stacks: prev.stacks.map(s => s.role !== "hub" ? s : { ...s, config: { ...s.config, dns: { sharing: "profile", records: "endpoint", migration: "park-zones" } } }) };
        const change = recognizeModeChange(prev, next)!;
        assert.match(change.blocking!.message, /take step A1 first/);
        const afterA1 = { stacks: prev.stacks.map(s => s.role !== "hub" ? s : { ...s, config: { ...s.config, dns: { sharing: "profile", records: "zones" } } }) };
        const b1 = recognizeModeChange(afterA1, next)!;
        assert.match(b1.blocking!.message, /step B1 needs every member on the profile, but member-a, member-b still have zone associations in the previous plan: take step A2 first/);
    });

    it("B3 with the zones still protected stops, naming step B2 and vpce-hub:protect: false", () => {
        const hub = (dnsMode: Record<string, unknown>, protect: boolean) => ({ stack: "shared", role: "hub" as const, resources: [], outputs: {}, config: { dns: dnsMode, protect } });
        const prev = { stacks: [hub({ sharing: "profile", records: "endpoint", migration: "enable-private-dns" }, true)] };
        const next = { stacks: [hub({ sharing: "profile", records: "endpoint" }, true)] };
        assert.match(recognizeModeChange(prev, next)!.blocking!.message, /step B3 deletes the parked zones, which are protected .*take step B2 with vpce-hub:protect: false/);
        const ok = { stacks: [hub({ sharing: "profile", records: "endpoint", migration: "enable-private-dns" }, false)] };
        assert.strictEqual(recognizeModeChange(ok, next)!.blocking, undefined);
        assert.deepStrictEqual(recognizeModeChange(ok, next)!.covers, ["B3"]);
    });
});

describe("npm run plan -- --against: a DNS mode change", function () {
    this.timeout(30000);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-migration-"));
    /** A copy of examples/profile with the hub's (and member-a's) config edited. */
    function stacksDir(name: string, hubDns: unknown, memberAAccepts: boolean): string {
        const dir = path.join(tmp, name);
        fs.mkdirSync(dir, { recursive: true });
        for (const f of fs.readdirSync(DIR)) {
            const doc = YAML.parse(fs.readFileSync(path.join(DIR, f), "utf8"));
            if (f === "Pulumi.shared.yaml") { if (hubDns === undefined) delete doc.config["vpce-hub:dns"]; else doc.config["vpce-hub:dns"] = hubDns; }
            if (f === "Pulumi.member-a.yaml" && !memberAAccepts) delete doc.config["vpce-hub:acceptRamShare"];
            fs.writeFileSync(path.join(dir, f), YAML.stringify(doc));
        }
        return dir;
    }
    async function plan(dir: string, ...extra: string[]) {
        let out = "", err = "";
        const code = await runPlan(["--stacks-dir", dir, "--no-color", ...extra], { out: t => { out += t; }, err: t => { err += t; }, isTty: false }, ROOT);
        return { code, out, err };
    }

    it("associations -> profile is one pulumi up per stack: exit 0, the steps printed with A1 and A2 marked", async () => {
        const old = path.join(tmp, "associations.json");
        assert.strictEqual((await plan(stacksDir("a", undefined, false), "--json", old)).code, 0);
        const r = await plan(stacksDir("p", { sharing: "profile", records: "zones" }, true), "--against", old);
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out, /DNS mode change: associations \(zones\) -> profile, records: zones/);
        assert.match(r.out, /-> step A1: pulumi up the hub/);
        assert.match(r.out, /-> step A2: pulumi up each spoke stack/);
    });

    it("zones -> endpoint in one step: exit 2, the error names the hub, vpce-hub:dns and step B1", async () => {
        const old = path.join(tmp, "profile.json");
        assert.strictEqual((await plan(stacksDir("p2", { sharing: "profile", records: "zones" }, true), "--json", old)).code, 0);
        const r = await plan(stacksDir("e", { sharing: "profile", records: "endpoint" }, true), "--against", old);
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /^error: shared: vpce-hub:dns: profile, records: zones -> profile, records: endpoint cannot be reached in one pulumi up: .*ConflictingDomainExists.*Take step B1 first/m);
    });
});

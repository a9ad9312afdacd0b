// The migration guards from the command line (issue 23): stage plans simulate each member in
// the state its own stack file declares (a member pinned by vpce-hub:dns.sharing: associations
// keeps its zone associations after the hub's step A1), so `--against` on real stage files
// (test/fixtures/migration/) refuses the unsafe step, and the safe ones pass.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Change } from "../lib/review/changes";
import { runPlan } from "../plan/cli";
import { ROOT } from "./helpers";

const STAGES = path.join(__dirname, "fixtures", "migration");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-stages-"));

async function plan(stage: string, ...extra: string[]) {
    let out = "", err = "";
    const code = await runPlan(["--stacks-dir", path.join(STAGES, stage), "--no-color", ...extra], { out: t => { out += t; }, err: t => { err += t; }, isTty: false }, ROOT);
    return { code, out, err };
}
const json = (stage: string) => path.join(tmp, `${stage}.json`);
/** Plans a stage and keeps its JSON for the next stage's --against. */
async function planned(stage: string, against?: string) {
    const r = await plan(stage, "--json", json(stage), ...(against ? ["--against", json(against)] : []));
    assert.strictEqual(r.code, 0, r.err);
    return { ...r, doc: JSON.parse(fs.readFileSync(json(stage), "utf8")) };
}
const types = (doc: any, stack: string) => new Set((doc.stacks.find((s: any) => s.stack === stack).resources as { type: string }[]).map(r => r.type.split(":").pop()));

describe("DNS migration stage files through the command line (test/fixtures/migration)", function () {
    this.timeout(60000);
    before(async () => {
        await planned("0-associations");
        await planned("1-a1", "0-associations");
    });

    it("stage A1: members pinned to their zone associations are planned on them (not as already migrated); A1 is this plan's, A2 still theirs", async () => {
        const r = await planned("1-a1", "0-associations");
        for (const m of ["member-a", "member-b"]) {
            assert.ok(types(r.doc, m).has("ZoneAssociation") && !types(r.doc, m).has("ProfilesAssociation"), m);
        }
        assert.match(r.out, /-> step A1: pulumi up the hub/);
        assert.match(r.out, /^ {7}step A2: pulumi up each spoke stack/m);
        assert.match(r.out, /still on zone associations \(pinned by vpce-hub:dns\): member-a, member-b: step A2 for each is still to come/);
        assert.match(r.out, /Summary: 44 path checks over 3 stacks: 44 pass, 0 fail/);
    });

    it("B1 while members are still pinned to their zone associations: refused (exit 2) even without --against, naming the member, the key and step A2", async () => {
        const r = await plan("2-b1-members-pinned");
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /^error: member-a: vpce-hub:dns\.sharing: is associations, but the hub "shared" is at records: endpoint, migration: park-zones \(step B1 or later\).*take this member's step A2 first/m);
        assert.match(r.err, /^error: member-b: vpce-hub:dns\.sharing: /m);
    });

    it("B1 in the same change as the members' A2, against the A1 plan: refused (exit 2), the previous plan's members still on zone associations", async () => {
        const r = await plan("2-b1-with-a2", "--against", json("1-a1"));
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /^error: shared: vpce-hub:dns: step B1 needs every member on the profile, but member-a, member-b still have zone associations in the previous plan: take step A2 first/m);
    });

    it("the safe walk passes: A2 against A1 (the members move to the profile, nobody loses access), then B1 against A2", async () => {
        const a2 = await planned("2-a2", "1-a1");
        assert.strictEqual(a2.doc.changeReview.verdict, "no breaking changes");
        assert.ok((a2.doc.changes as Change[]).every(c => !c.interrupts), JSON.stringify((a2.doc.changes as Change[]).filter(c => c.interrupts)));
        assert.deepStrictEqual((a2.doc.changes as Change[]).filter(c => c.what === "zone association").map(c => [c.stack, c.kind]).slice(0, 1), [["member-a", "remove"]]);
        const b1 = await planned("3-b1", "2-a2");
        assert.match(b1.out, /-> step B1: pulumi up the hub/);
        assert.match(b1.out, /reachable: pulumi up the hub, then each member, in this order/);
    });

    it("A1 with members carrying no pin: reachable, with a note that the plan shows them as already migrated and how to pin them", async () => {
        const r = await plan("2-a2", "--against", json("0-associations"));
        assert.strictEqual(r.code, 0, r.err);
        assert.match(r.out.replace(/\n\s+/g, " "), /note: member-a, member-b carry no vpce-hub:dns pin, so this plan shows them after step A2 \(on the profile\); until each has taken A2, pin it/);
    });
});

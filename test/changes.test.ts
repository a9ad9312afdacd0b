// The plan as a change review: `--against OLD.json` says what pulumi up changes, for whom,
// what interrupts traffic and in which order to run it.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Change, changeLines, changeSet } from "../lib/review/changes";
import { Io, runPlan } from "../plan/cli";
import { EXAMPLE_DIR } from "./helpers";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-changes-"));
const OLD = path.join(tmp, "old.json");
let n = 0;

/** The plan of an edited copy of the example against the example's plan: its output and JSON. */
async function against(edit: (files: Record<string, string>) => void): Promise<{ out: string; doc: any }> {
    const dir = path.join(tmp, String(n++));
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(EXAMPLE_DIR).filter(f => /^Pulumi\..+\.yaml$/.test(f))) fs.copyFileSync(path.join(EXAMPLE_DIR, f), path.join(dir, f));
    const files: Record<string, string> = Object.fromEntries(fs.readdirSync(dir).map(f => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
    edit(files);
    for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
    const json = path.join(dir, "plan.json");
    const io = capture();
    const code = await runPlan(["--stacks-dir", dir, "--against", OLD, "--json", json], io, EXAMPLE_DIR);
    assert.strictEqual(code, 0, io.stderr);
    // Wrapped lines joined: the assertions read sentences, not the 120-column layout.
    return { out: unwrap(io.stdout), doc: JSON.parse(fs.readFileSync(json, "utf8")) };
}

/** Joins each wrapped line back onto the line it continues (continuations hang 4 or more deeper). */
function unwrap(text: string): string {
    const out: string[] = [];
    let base = -1;
    for (const l of text.split("\n")) {
        const indent = l.length - l.trimStart().length;
        if (out.length && l.trim() && base >= 0 && indent >= base + 4) {
            out[out.length - 1] += " " + l.trim();
        } else {
            out.push(l);
            base = l.trim() ? indent : -1;
        }
    }
    return out.join("\n");
}

const only = (doc: any, pred: (c: Change) => boolean): Change[] => (doc.changes as Change[]).filter(pred);

describe("changes against a previous plan (--against OLD.json)", function () {
    this.timeout(30000);
    before(async () => { assert.strictEqual(await runPlan(["--stacks-dir", EXAMPLE_DIR, "--json", OLD], capture(), EXAMPLE_DIR), 0); });

    it("says 'no changes' when nothing changes, and --json carries an empty changes[]", async () => {
        const r = await against(() => undefined);
        assert.match(r.out, /^Changes against \S+: no changes$/m);
        assert.match(r.out, /^ {2}pulumi up would change nothing in any stack$/m);
        assert.deepStrictEqual(r.doc.changes, []);
        assert.strictEqual(r.doc.changeReview.verdict, "no changes");
    });

    it("moving onPrem.cidrs shows up: the networks, every security group rule, and who loses access", async () => {
        const r = await against(f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidrs: [192.168.0.0/16]", "cidrs: [172.16.0.0/12]"); });
        assert.match(r.out, /^ {4}update 1 on-prem networks: 192\.168\.0\.0\/16 -> 172\.16\.0\.0\/12 \[affects on-prem\]$/m);
        assert.match(r.out, /^ {6}interrupts: on-prem 192\.168\.0\.0\/16 loses the endpoints and the Resolver; 172\.16\.0\.0\/12 gains them$/m);
        // The 8 endpoint groups reference the sources prefix list: one change of its entries. The Resolver's group: udp and tcp 53, each way.
        const list = only(r.doc, c => c.what === "prefix list");
        assert.deepStrictEqual(list.map(c => [c.kind, c.subject, c.consumers, c.interrupted]), [["update", "sources: 192.168.0.0/16 -> 172.16.0.0/12", ["on-prem"], ["on-prem"]]]);
        assert.strictEqual(only(r.doc, c => c.what === "security group rule" && c.kind === "add").length, 2);
        const removed = only(r.doc, c => c.what === "security group rule" && c.kind === "remove");
        assert.strictEqual(removed.length, 2);
        assert.ok(removed.every(c => c.consumers.join() === "on-prem" && c.subject.endsWith("from 192.168.0.0/16") && c.interrupts));
        assert.match(r.out, /^Changes against \S+: breaking changes$/m);
    });

    it("switching a spoke from peering to Transit Gateway interrupts it, with the order of pulumi up that keeps the gap shortest", async () => {
        const r = await against(f => {
            f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("connectivity: peering", "connectivity: transitGateway");
            // On the Transit Gateway member-a receives its RAM share and, outside an organization, accepts it.
            const accepting = f["Pulumi.member-a.yaml"].replace(/^( {2}vpce-hub:hubStack: .*)$/m, "$1\n  vpce-hub:acceptRamShare: true");
            assert.notStrictEqual(accepting, f["Pulumi.member-a.yaml"]);
            f["Pulumi.member-a.yaml"] = accepting;
        });
        assert.match(r.out, /^ {4}replace 1 connectivity: member-a: peering -> transitGateway \[affects member-a\]$/m);
        assert.match(r.out, /interrupts: member-a cannot reach the hub from the hub's pulumi up \(its peering is deleted\) until member-a's own pulumi up \(it attaches to the TGW and routes through it\)/);
        assert.match(r.out, /^ {2}order of commands:\n {4}1\. before pulumi up shared: pulumi destroy -s shared --target <each old route AWS refuses to duplicate, 2 in all, listed above> \(their destinations have no route until that pulumi up\)\n {4}2\. pulumi up shared, then at once pulumi up member-a: member-a has no path to the hub between the two$/m);
        assert.deepStrictEqual(only(r.doc, c => c.what === "peering").map(c => [c.stack, c.kind, c.consumers]), [["shared", "remove", ["member-a"]]]);
        assert.deepStrictEqual(only(r.doc, c => c.what === "TGW attachment").map(c => [c.stack, c.kind]), [["member-a", "add"]]);
        // The hub's routes to member-a move under new names (the Transit Gateway routes' component): AWS refuses
        // the second route to one destination, so the review says to delete the old ones first.
        const routes = only(r.doc, c => c.stack === "shared" && c.what === "route");
        assert.deepStrictEqual(routes.map(c => c.kind), ["replace", "replace"]);
        assert.ok(routes.every(c => /^AWS refuses a second route to 10\.1\.0\.0\/16 in rtb-0a1b2c3d4e5f6000[12] \(RouteAlreadyExists\)/.test(c.refused ?? "")), JSON.stringify(routes));
        // The member's own route keeps its name and changes target in place (ReplaceRoute).
        assert.deepStrictEqual(only(r.doc, c => c.stack === "member-a" && c.what === "route").map(c => c.kind), ["update"]);
    });

    it("adding a service is not breaking, and says what still has to happen (member pulumi up, on-prem forwarder zones)", async () => {
        const r = await against(f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("[s3, sqs,", "[s3, sqs, sns,"); });
        assert.match(r.out, /^Changes against \S+: no breaking changes$/m);
        assert.match(r.out, /^ {4}add 1 zone: sns\.ap-northeast-1\.amazonaws\.com \[affects member-a, member-b, on-prem\]$/m);
        assert.match(r.out, /^ {4}- new zones \(sns\.ap-northeast-1\.amazonaws\.com\): pulumi up each member after the hub to associate them \(member-a, member-b\); until then they resolve these names publicly$/m);
        assert.match(r.out, /^ {4}- on-prem forwarders: add the zone \(sns\.ap-northeast-1\.amazonaws\.com\): after the hub's pulumi up, `npm run forwarders -- --from <its stack output --json>`$/m);
        assert.ok(r.doc.changes.every((c: Change) => c.kind === "add"));
    });

    it("removing a protected service: pulumi up will refuse to delete its zone and endpoint, and the way out comes first", async () => {
        const r = await against(f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("[s3, sqs,", "[s3,"); });
        assert.match(r.out, /^ {6}protected: pulumi up will refuse to delete sqs\.ap-northeast-1\.amazonaws\.com$/m);
        assert.match(r.out, /^ {6}protected: pulumi up will refuse to delete sqs$/m);
        assert.match(r.out, /^ {4}1\. pulumi up will refuse to delete 2 protected resources: set vpce-hub:protect: false and pulumi up shared once first \(or pulumi state unprotect <urn>\)$/m);
        assert.deepStrictEqual(only(r.doc, c => Boolean(c.protected)).map(c => c.what).sort(), ["endpoint", "zone"]);
    });

    it("with protect: false in the previous plan the same removal is not refused", async () => {
        const unprotected = path.join(tmp, "unprotected.json");
        const doc = JSON.parse(fs.readFileSync(OLD, "utf8"));
        doc.stacks[0].config.protect = false;
        fs.writeFileSync(unprotected, JSON.stringify(doc));
        const dir = path.join(tmp, "fewer");
        fs.mkdirSync(dir);
        for (const f of fs.readdirSync(EXAMPLE_DIR).filter(f => f.endsWith(".yaml"))) fs.copyFileSync(path.join(EXAMPLE_DIR, f), path.join(dir, f));
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), fs.readFileSync(path.join(dir, "Pulumi.shared.yaml"), "utf8").replace("[s3, sqs,", "[s3,"));
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir, "--against", unprotected], io, EXAMPLE_DIR), 0);
        assert.ok(!io.stdout.includes("protected:"), io.stdout);
        assert.match(unwrap(io.stdout), /interrupts: member-a, member-b, on-prem lose this endpoint/);
    });
});

describe("changeSet on hand-made plans", () => {
    const sg = (ingress: { cidr: string; port: number }[]) => ({
        urn: "urn:sg", type: "aws:ec2/securityGroup:SecurityGroup", name: "sqs-endpoint", id: "sg-1",
        inputs: { vpcId: "vpc-h", description: "d", ingress: ingress.map(i => ({ protocol: "tcp", fromPort: i.port, toPort: i.port, cidrBlocks: [i.cidr] })) },
    });
    const hub = (ingress: { cidr: string; port: number }[]) => ({
        stack: "hub", role: "hub" as const, config: { protect: true },
        outputs: { spokes: { a: { cidr: "10.1.0.0/16", vpcId: "vpc-a", connectivity: "peering" }, b: { cidr: "10.1.1.0/24", vpcId: "vpc-b", connectivity: "peering" } }, zoneIds: {}, resolverInboundIps: [] },
        resources: [sg(ingress)],
    });

    it("a removed rule still covered by a wider remaining rule interrupts nobody (aggregation); an uncovered one names who loses access", () => {
        const before = { stacks: [hub([{ cidr: "10.1.0.0/16", port: 443 }, { cidr: "10.1.1.0/24", port: 443 }])] };
        const covered = changeSet(before, { stacks: [hub([{ cidr: "10.1.0.0/16", port: 443 }])] });
        assert.deepStrictEqual(covered.changes.map(c => [c.kind, c.subject, c.interrupts]), [["remove", "sqs-endpoint: tcp 443 from 10.1.1.0/24", undefined]]);
        assert.strictEqual(covered.verdict, "no breaking changes");
        const lost = changeSet(before, { stacks: [hub([{ cidr: "10.1.1.0/24", port: 443 }])] });
        // b's network (10.1.1.0/24) is still admitted by the rule that stays: only a loses access.
        assert.deepStrictEqual(lost.changes.map(c => [c.subject, c.consumers, c.interrupts]),
            [["sqs-endpoint: tcp 443 from 10.1.0.0/16", ["a", "b"], "a can no longer reach sqs-endpoint on tcp 443"]]);
        assert.strictEqual(lost.verdict, "breaking changes");
        assert.deepStrictEqual(changeLines(lost, false).slice(0, 3), [
            "hub: 1 to remove",
            "  remove 1 security group rule: sqs-endpoint: tcp 443 from 10.1.0.0/16 [affects a, b]",
            "    interrupts: a can no longer reach sqs-endpoint on tcp 443",
        ]);
    });

    it("a changed description replaces a security group (ForceNew); a changed rule set alone updates it in place", () => {
        const before = { stacks: [hub([{ cidr: "10.1.0.0/16", port: 443 }])] };
        const after = hub([{ cidr: "10.1.0.0/16", port: 443 }]);
        (after.resources[0].inputs as any).description = "other";
        assert.deepStrictEqual(changeSet(before, { stacks: [after] }).changes.map(c => [c.kind, c.what, c.subject]), [["replace", "security group", "sqs-endpoint (description)"]]);
        const added = changeSet(before, { stacks: [hub([{ cidr: "10.1.0.0/16", port: 443 }, { cidr: "10.1.0.0/16", port: 8443 }])] });
        assert.deepStrictEqual(added.changes.map(c => [c.kind, c.what]), [["add", "security group rule"]]);
    });
});

// Removing a member, reviewed through the command (issue 23): the member's `pulumi destroy`
// comes first in the order with what happens otherwise, its own resources are listed as its
// destroy's (not a pulumi up's), and interruptions name that member only: the members that
// stay keep every path (their re-aggregated rules are a window, not an outage).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Change } from "../lib/review/changes";
import { Io, runPlan } from "../plan/cli";
import { EXAMPLE_DIR, exampleStacksIn } from "./helpers";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-removal-"));

/** Adds member-c (peering, 10.3.0.0/16) and member-d (Transit Gateway, 10.4.0.0/16) to the example: the newcomer's four. */
function four(files: Record<string, string>): void {
    files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"].replace(/(  vpce-hub:onPrem:)/, [
        "    - name: member-c", '      accountId: "333333333333"', "      vpcId: vpc-0cccccccccccccccc", "      cidr: 10.3.0.0/16", "      connectivity: peering",
        "    - name: member-d", '      accountId: "444444444444"', "      vpcId: vpc-0dddddddddddddddd", "      cidr: 10.4.0.0/16", "      connectivity: transitGateway",
        "$1"].join("\n"));
    const like = (text: string, account: string, letter: string, cidr: string) => text.replace(/"\d{12}"/g, `"${account}"`)
        .replace(/vpc-0[ab]{16}/, `vpc-0${letter.repeat(16)}`).replace(/10\.[12]\.0\.0\/16/, cidr).replace(/(subnet|rtb)-0[ab]{12}/g, `$1-0${letter.repeat(12)}`);
    files["Pulumi.member-c.yaml"] = like(files["Pulumi.member-a.yaml"], "333333333333", "c", "10.3.0.0/16");
    files["Pulumi.member-d.yaml"] = like(files["Pulumi.member-b.yaml"], "444444444444", "d", "10.4.0.0/16");
}

/** Takes `member` out of the hub's registry and deletes its stack file. */
const without = (member: string) => (files: Record<string, string>) => {
    files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"].replace(new RegExp(`    - name: ${member}\\n(      .*\\n)+?(?=    - name|  vpce-hub:onPrem)`), "");
    assert.ok(!files["Pulumi.shared.yaml"].includes(`name: ${member}`), `${member} removed from the registry`);
    delete files[`Pulumi.${member}.yaml`];
};

async function plan(dir: string, ...args: string[]) {
    const io = capture();
    const code = await runPlan(["--stacks-dir", dir, "--no-color", ...args], io, EXAMPLE_DIR);
    return { code, out: io.stdout, err: io.stderr };
}

/** The plan JSON of `base`, then the review of `base` edited by `edit` against it. */
async function review(name: string, base: (f: Record<string, string>) => void, edit: (f: Record<string, string>) => void) {
    const old = path.join(tmp, `${name}-old.json`);
    const before = await plan(exampleStacksIn(path.join(tmp, `${name}-before`), base), "--json", old);
    assert.strictEqual(before.code, 0, before.err);
    const json = path.join(tmp, `${name}-new.json`);
    const r = await plan(exampleStacksIn(path.join(tmp, `${name}-after`), f => { base(f); edit(f); }), "--against", old, "--json", json);
    assert.strictEqual(r.code, 0, r.err);
    return { out: r.out, doc: JSON.parse(fs.readFileSync(json, "utf8")) };
}

const interrupted = (doc: any) => [...new Set((doc.changes as Change[]).flatMap(c => c.interrupted ?? []))].sort();

describe("removing a member, reviewed against the previous plan", function () {
    this.timeout(60000);

    for (const member of ["member-a", "member-b"]) {
        it(`example stacks, ${member} removed: interruptions for ${member} only, its destroy first in the order, its removals listed as its destroy's`, async () => {
            const { out, doc } = await review(`example-${member}`, () => undefined, without(member));
            assert.deepStrictEqual(interrupted(doc), [member]);
            assert.strictEqual(doc.changeReview.verdict, "no breaking changes");
            assert.match(doc.changeReview.order[0], new RegExp(`^pulumi destroy -s ${member}, then pulumi stack rm ${member}: first, because pulumi up shared deletes .*; otherwise ${member} keeps the hub's zones`));
            assert.strictEqual(doc.changeReview.order[1], "pulumi up shared");
            const own = (doc.changes as Change[]).filter(c => c.stack === member);
            assert.ok(own.length > 0 && own.every(c => c.by === "destroy"), JSON.stringify(own.map(c => c.by)));
            assert.match(out, new RegExp(`^ {2}${member}: pulumi destroy -s ${member} deletes \\d+ \\(the stack leaves the plan; no pulumi up does this\\)$`, "m"));
            assert.match(out, new RegExp(`^ {2}${member} leaves its hub: its own access ends`, "m"));
        });
    }

    it("the newcomer's four, member-c removed: interruptions for member-c alone, and no other member's rule touched (the sources prefix list changes in one request)", async () => {
        const { out, doc } = await review("four", four, without("member-c"));
        assert.deepStrictEqual(interrupted(doc), ["member-c"]);
        const changes = doc.changes as Change[];
        assert.deepStrictEqual(changes.filter(c => c.what.startsWith("security group")), [], "no security group rule changes");
        assert.deepStrictEqual(changes.filter(c => c.window), [], "no window");
        assert.deepStrictEqual(changes.filter(c => c.what === "prefix list").map(c => [c.subject, c.interrupted]),
            [["sources: 10.0.0.0/14 -> 10.0.0.0/15, 10.2.0.0/16", ["member-c"]]]);
        assert.ok(!/interrupts: member-[abd]/.test(out), out);
        assert.strictEqual(doc.changeReview.verdict, "no breaking changes");
    });

    it("the same with a rule per aggregated block (prefixLists.sources: false): the others' rules are a re-aggregation with a momentary window, not an outage", async () => {
        const inline = (f: Record<string, string>) => { four(f); f["Pulumi.shared.yaml"] += "  vpce-hub:prefixLists:\n    sources: false\n"; };
        const { out, doc } = await review("four-inline", inline, without("member-c"));
        assert.deepStrictEqual(interrupted(doc), ["member-c"]);
        const reaggregated = (doc.changes as Change[]).filter(c => c.reaggregated);
        assert.strictEqual(reaggregated.length, 8, "the 8 endpoint groups");
        assert.ok(reaggregated.every(c => /^member-a, member-b: new connections/.test(c.window ?? "")), JSON.stringify(reaggregated[0]));
        assert.ok(reaggregated.every(c => c.subject.endsWith(": tcp 443 10.0.0.0/14 -> 10.0.0.0/15, 10.2.0.0/16")), reaggregated[0].subject);
        assert.match(out, /^ {4}re-aggregate 8 security groups: tcp 443 10\.0\.0\.0\/14 -> 10\.0\.0\.0\/15, 10\.2\.0\.0\/16 in s3-endpoint, sqs-endpoint,/m);
        assert.ok(!/interrupts: member-[abd]/.test(out), out);
        assert.strictEqual(doc.changeReview.verdict, "no breaking changes");
    });

    it("two changes at once, a member leaving and another switching to the Transit Gateway: one order with the destroy, the hub, and the switch right after it", async () => {
        const { doc } = await review("combined", () => undefined, f => {
            without("member-b")(f);
            f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("connectivity: peering", "connectivity: transitGateway");
            f["Pulumi.member-a.yaml"] = f["Pulumi.member-a.yaml"].replace(/^( {2}vpce-hub:hubStack: .*)$/m, "$1\n  vpce-hub:acceptRamShare: true");
        });
        const order: string[] = doc.changeReview.order;
        assert.match(order[0], /^before pulumi up shared: pulumi destroy -s shared --target/);
        assert.match(order[1], /^pulumi destroy -s member-b, then pulumi stack rm member-b: first/);
        assert.strictEqual(order[2], "pulumi up shared, then at once pulumi up member-a: member-a has no path to the hub between the two");
        assert.strictEqual(order.length, 3);
        assert.deepStrictEqual(interrupted(doc), ["member-a", "member-b"]);
        assert.strictEqual(doc.changeReview.verdict, "breaking changes");
    });
});

describe("--fail-on-breaking: a gate for pull requests", function () {
    this.timeout(60000);
    const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

    it("a breaking change exits 3; a member leaving, or a change that breaks nothing, exits 0; the same breaking change without the option exits 0", async () => {
        const old = path.join(tmp, "gate-old.json");
        assert.strictEqual((await plan(EXAMPLE_DIR, "--json", old)).code, 0);
        // on-prem's network moves: the old one loses the endpoints and the Resolver.
        const moved = exampleStacksIn(path.join(tmp, "gate-moved"), f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidrs: [192.168.0.0/16]", "cidrs: [172.16.0.0/12]"); });
        const gated = await plan(moved, "--against", old, "--fail-on-breaking");
        assert.strictEqual(gated.code, 3, gated.err);
        assert.match(gated.out, /^Changes against \S+: breaking changes$/m);
        assert.strictEqual((await plan(moved, "--against", old)).code, 0);
        const leaving = exampleStacksIn(path.join(tmp, "gate-leaving"), without("member-b"));
        assert.strictEqual((await plan(leaving, "--against", old, "--fail-on-breaking")).code, 0);
        const added = exampleStacksIn(path.join(tmp, "gate-added"), f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("[s3, sqs,", "[s3, sqs, sns,"); });
        assert.strictEqual((await plan(added, "--against", old, "--fail-on-breaking")).code, 0);
    });

    it("dropping the *.dkr.ecr wildcard from ecr.dkr's zones (its own zones written out) is breaking for every consumer: exit 3 with the gate", async () => {
        const old = path.join(tmp, "wild-old.json");
        assert.strictEqual((await plan(EXAMPLE_DIR, "--json", old)).code, 0);
        const dir = exampleStacksIn(path.join(tmp, "wild"), f => {
            f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("ecr.dkr, logs]", '{ name: ecr.dkr, zones: ["dkr.ecr.{region}.amazonaws.com"] }, logs]');
        });
        const r = await plan(dir, "--against", old, "--fail-on-breaking");
        assert.strictEqual(r.code, 3, r.err);
        assert.match(r.out.replace(/\n {8,}/g, " "), /remove 1 record: \*\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com A \[affects member-a, member-b, on-prem\]\n {6}interrupts: member-a, member-b, on-prem lose this record \(member-a: 123456789012\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com no longer has a private answer/);
    });

    it("without --against it is a command-line error (exit 2); the usage and the README give 3 next to 0, 1 and 2", async () => {
        const r = await plan(EXAMPLE_DIR, "--fail-on-breaking");
        assert.strictEqual(r.code, 2);
        assert.match(r.err, /^error: \(plan\): --fail-on-breaking: needs --against OLD\.json/m);
        const usage = (await plan(EXAMPLE_DIR, "--help")).out;
        assert.match(usage.replace(/\n/g, " "), /Exit: 0 .*, 1 a path check fails, 2 invalid configuration \(or command line\), 3 with --fail-on-breaking: the change against OLD\.json is breaking/);
        assert.match(README.replace(/\n/g, " "), /\*\*1\*\* a check fails, \*\*2\*\* invalid configuration.*\*\*3\*\* with `--against OLD\.json --fail-on-breaking`: the change is breaking/);
    });
});

describe("a member whose hub entry was removed, its stack file still there", function () {
    this.timeout(60000);

    it("is told what happened (taken out of the registry, when the previous plan lists it) and both ways out, not to 'add it there'", async () => {
        const old = path.join(tmp, "hint-old.json");
        assert.strictEqual((await plan(EXAMPLE_DIR, "--json", old)).code, 0);
        const dir = exampleStacksIn(path.join(tmp, "hint"), f => {
            const stackFile = f["Pulumi.member-a.yaml"];
            without("member-a")(f);
            f["Pulumi.member-a.yaml"] = stackFile;
        });
        const r = await plan(dir, "--against", old);
        assert.strictEqual(r.code, 2);
        assert.strictEqual(r.err.trim(), "error: member-a: vpce-hub:hubStack: was taken out of the hub \"shared\"'s vpce-hub:spokes (the previous plan lists it): " +
            "to remove this member, pulumi destroy -s member-a before the hub's pulumi up, then delete Pulumi.member-a.yaml (and pulumi stack rm member-a); " +
            "to keep it, list it in the hub's vpce-hub:spokes (name, accountId, vpcId, cidr, connectivity) and pulumi up the hub before this stack");
        assert.ok(!/add it there/.test(r.err));
        // Without the previous plan the command cannot tell taken out from never added: both ways out, one sentence.
        const blind = await plan(dir);
        assert.match(blind.err, /does not list "member-a" in vpce-hub:spokes: to remove this member, pulumi destroy -s member-a .*; to keep it \(or add it\), list it/);
    });
});

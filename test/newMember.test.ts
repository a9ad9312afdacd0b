import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Io } from "../plan/cli";
import { runNewMember } from "../plan/newMember";
import { loadStackFiles } from "../lib/config/stackFiles";
import { evaluate, validateStacks } from "../plan/plan";
import { SpokeConfig } from "../lib/config";
import { exampleStacksIn } from "./helpers";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const MEMBER_C = `    - name: member-c
      accountId: "333333333333"
      vpcId: vpc-0cccccccccccccccc
      cidr: 10.3.0.0/16
      connectivity: transitGateway
`;

/** The example's stack files with member-c registered on the hub (and, optionally, a second hub listing it too). */
function stacksDir(opts: { secondHub?: boolean } = {}): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "new-member-"));
    return exampleStacksIn(dir, files => {
        files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"].replace("  vpce-hub:onPrem:", `${MEMBER_C}  vpce-hub:onPrem:`);
        if (opts.secondHub) {
            files["Pulumi.shared-b.yaml"] = files["Pulumi.shared.yaml"].replace(/vpce-hub:accountId: "123456789012"/, 'vpce-hub:accountId: "123456789099"')
                .replace("vpc-0123456789abcdef0", "vpc-0123456789abcdef9");
        }
    });
}

describe("npm run new-member -- NAME: a member's stack file from the hub's registry (issue 26.2)", () => {
    it("writes the three keys a member needs (and pins the hub's account), and the member plans with every check passing", async () => {
        const dir = stacksDir();
        const io = capture();
        assert.strictEqual(runNewMember(["member-c", "--stacks-dir", dir], io), 0, io.stderr);
        const text = fs.readFileSync(path.join(dir, "Pulumi.member-c.yaml"), "utf8");
        assert.match(text, /config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:hubStack: acme\/vpce-hub\/shared\n  vpce-hub:hubAccountId: "123456789012"\n$/);
        assert.doesNotMatch(text.slice(text.indexOf("config:")), /vpce-hub:vpc|vpce-hub:accountId/);
        assert.match(io.stdout, /wrote .*Pulumi.member-c.yaml: member member-c of hub shared \(account 333333333333, vpc-0cccccccccccccccc, 10.3.0.0\/16, transitGateway\)/);
        assert.match(io.stdout, /credentials for account 333333333333/);
        const { files } = loadStackFiles(dir);
        const plan = await evaluate(files, validateStacks(files).configs);
        assert.deepStrictEqual(plan.checks.filter(c => c.verdict === "fail").map(c => c.reason), []);
        const c = plan.stacks.find(s => s.stack === "member-c")!;
        assert.strictEqual(c.accountId, "333333333333");
        assert.strictEqual((c.config as SpokeConfig).vpc.id, "vpc-0cccccccccccccccc");
        assert.ok(plan.checks.filter(x => x.source === "member-c").length > 10);
    });

    it("refuses an existing file, and leaves it as it was", () => {
        const dir = stacksDir();
        const before = fs.readFileSync(path.join(dir, "Pulumi.member-a.yaml"), "utf8");
        const io = capture();
        assert.strictEqual(runNewMember(["member-a", "--stacks-dir", dir], io), 2);
        assert.match(io.stderr, /^error: member-a: .*Pulumi.member-a.yaml exists already/);
        assert.strictEqual(fs.readFileSync(path.join(dir, "Pulumi.member-a.yaml"), "utf8"), before);
    });

    it("refuses a name no hub registers (with the closest registered name), a hub's own name and a name Pulumi would not take", () => {
        const dir = stacksDir();
        const typo = capture();
        assert.strictEqual(runNewMember(["membr-c", "--stacks-dir", dir], typo), 2);
        assert.match(typo.stderr, /error: membr-c: no hub lists it in vpce-hub:spokes \(shared\): did you mean member-c\?/);
        const unknown = capture();
        assert.strictEqual(runNewMember(["payments", "--stacks-dir", dir], unknown), 2);
        assert.match(unknown.stderr, /error: payments: no hub lists it in vpce-hub:spokes \(shared\): add \{ name: payments, accountId, vpcId, cidr, connectivity \} to a hub's vpce-hub:spokes first/);
        const hub = capture();
        assert.strictEqual(runNewMember(["shared", "--stacks-dir", dir], hub), 2);
        assert.match(hub.stderr, /shared: .*exists already|shared: is a hub stack/);
        const bad = capture();
        assert.strictEqual(runNewMember(["a/b", "--stacks-dir", dir], bad), 2);
        assert.match(bad.stderr, /a\/b: not a stack name/);
        assert.ok(!fs.existsSync(path.join(dir, "Pulumi.payments.yaml")));
    });

    it("when several hubs list the name, asks for --hub, and --hub picks the one (refusing a hub that does not list it)", () => {
        const dir = stacksDir({ secondHub: true });
        const ambiguous = capture();
        assert.strictEqual(runNewMember(["member-c", "--stacks-dir", dir], ambiguous), 2);
        assert.match(ambiguous.stderr, /member-c: listed by 2 hubs \(shared, shared-b\): choose one with --hub/);
        const nohub = capture();
        assert.strictEqual(runNewMember(["member-c", "--hub", "nope", "--stacks-dir", dir], nohub), 2);
        assert.match(nohub.stderr, /--hub nope: no hub stack of that name/);
        const io = capture();
        // shared-b has no member naming it with an organization yet: --org says which.
        assert.strictEqual(runNewMember(["member-c", "--hub", "shared-b", "--stacks-dir", dir], io), 2);
        assert.match(io.stderr, /no member of hub shared-b names its Pulumi organization yet: pass --org ORG/);
        const ok = capture();
        assert.strictEqual(runNewMember(["member-c", "--hub", "shared-b", "--org", "acme", "--stacks-dir", dir], ok), 0, ok.stderr);
        assert.match(fs.readFileSync(path.join(dir, "Pulumi.member-c.yaml"), "utf8"), /vpce-hub:hubStack: acme\/vpce-hub\/shared-b\n  vpce-hub:hubAccountId: "123456789099"/);
    });
});

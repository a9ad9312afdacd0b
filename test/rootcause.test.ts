// Errors that name the root cause once, and what AWS would refuse failing the plan (exit 2).
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ConfigValidationError, formatError } from "../lib/config";
import { PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { Io, npmAteOptions, runPlan } from "../plan/cli";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { AWS_REGIONS } from "../plan/regions";
import { SimCloud } from "../sim/cloud";
import { SimAwsError } from "../sim/errors";
import { EXAMPLE_DIR, exampleStacksIn } from "./helpers";

function capture(env: NodeJS.ProcessEnv = {}): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, env, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-rootcause-"));
let n = 0;

/** A copy of the example stacks with edits, as a --stacks-dir. */
function stacks(edit: (files: Record<string, string>) => void): string {
    return exampleStacksIn(path.join(tmp, String(n++)), edit);
}

async function plan(edit: (files: Record<string, string>) => void, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; out: string; err: string[] }> {
    const io = capture(env);
    const code = await runPlan(["--stacks-dir", stacks(edit)], io, EXAMPLE_DIR);
    return { code, out: io.stdout, err: io.stderr.trim().split("\n") };
}

const MEMBERS_WAIT = "error: shared: (member stacks): 2 member stacks of this hub (member-a, member-b) cannot be checked against it until its errors above are fixed";

describe("root causes, once", () => {
    it("malformed hub YAML is named with file, line and column, and the members are one line on the hub (not 'no Pulumi.shared.yaml')", async () => {
        const r = await plan(f => { f["Pulumi.shared.yaml"] = "config:\n  vpce-hub:role: hub\n  vpce-hub:vpc: [unterminated\n"; });
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.err, [
            "error: shared: (Pulumi.shared.yaml line 4, column 1): malformed YAML: Flow sequence in block collection must be sufficiently indented and end with a ]",
            MEMBERS_WAIT,
        ]);
    });

    it("an invalid hub value is reported on the hub, and members failing only because of it are one line", async () => {
        const r = await plan(f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidr: 10.0.0.0/16", "cidr: 10.0.0.0/99"); });
        assert.strictEqual(r.code, 2);
        assert.ok(r.err.every(l => l.startsWith("error: shared: ")), r.err.join("\n"));
        assert.match(r.err[0], /^error: shared: vpce-hub:vpc\.cidr: /);
        assert.strictEqual(r.err[r.err.length - 1], MEMBERS_WAIT);
    });

    it("a hub region typo is one error on the hub, from the provider's region list, with the close names", async () => {
        const r = await plan(f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("aws:region: ap-northeast-1", "aws:region: ap-northeast-9"); });
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.err, [
            `error: shared: aws:region: ap-northeast-9 is not an AWS region that @pulumi/aws knows (its Region list has ${AWS_REGIONS.length}) ` +
            "(did you mean ap-northeast-1, ap-northeast-2 or ap-northeast-3?)",
            MEMBERS_WAIT,
        ]);
    });

    it("the region list is the provider's: it knows the real regions and not the made-up one", () => {
        const { Region } = require("@pulumi/aws/types/enums");
        assert.deepStrictEqual(AWS_REGIONS, Object.values(Region));
        for (const r of ["us-east-1", "eu-west-1", "ap-northeast-1", "us-gov-west-1"]) assert.ok(AWS_REGIONS.includes(r), r);
        assert.ok(!AWS_REGIONS.includes("ap-northeast-9"));
    });

    it("a config key written outside `config:` gets its own hint, not 'is required'", async () => {
        const r = await plan(f => {
            const lines = f["Pulumi.shared.yaml"].trimEnd().split("\n");
            const i = lines.findIndex(l => l.startsWith("  vpce-hub:services:"));
            const [moved] = lines.splice(i, 1);
            f["Pulumi.shared.yaml"] = [...lines, moved.trimStart()].join("\n") + "\n";
        });
        assert.strictEqual(r.code, 2);
        assert.match(r.err[0], /^error: shared: vpce-hub:services: is at the top level of Pulumi\.shared\.yaml \(line \d+\), outside `config:`: Pulumi reads config keys only under `config:`; indent it there$/);
        assert.ok(!r.err.some(l => /is required/.test(l)), r.err.join("\n"));
        assert.deepStrictEqual(r.err.slice(1), [MEMBERS_WAIT]);
    });

    it("a stack file with every key at the top level says so in one line", async () => {
        const r = await plan(f => { f["Pulumi.member-a.yaml"] = f["Pulumi.member-a.yaml"].replace(/^config:\n/m, "").replace(/^ {2}/gm, ""); });
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.err, ["error: member-a: (Pulumi.member-a.yaml): has no `config:` map: aws:region, vpce-hub:role, vpce-hub:accountId and 2 more " +
            "are at the top level (line 6); Pulumi reads config keys only under `config:`, so indent them there"]);
    });

    it("a forgotten `--` (npm run plan --json x) gets a hint naming the options npm took", async () => {
        const io = capture({ npm_lifecycle_event: "plan", npm_config_json: "true" });
        assert.strictEqual(await runPlan(["x.json"], io, EXAMPLE_DIR), 2);
        assert.match(io.stderr, /^error: \(plan\): command line: Unexpected argument 'x\.json'/);
        assert.match(io.stderr, /^hint: npm took --json for itself: put `--` before the plan's options, e\.g\. `npm run plan -- --json FILE`$/m);
        assert.strictEqual(npmAteOptions({ npm_lifecycle_event: "plan", npm_config_loglevel: "verbose" }),
            "hint: npm took --verbose for itself: put `--` before the plan's options, e.g. `npm run plan -- --verbose`");
        assert.strictEqual(npmAteOptions({ npm_config_json: "true" }), undefined, "not run by npm: no hint");
        assert.strictEqual(npmAteOptions({ npm_lifecycle_event: "plan" }), undefined);
    });
});

describe("what AWS will refuse fails the plan (exit 2)", () => {
    it("a security group over its rules quota is an error with its way out; at 80% it stays a warning", async () => {
        // Each endpoint group holds 3 rules on tcp 443: hub and member-a (10.0.0.0/16 + 10.1.0.0/16 = 10.0.0.0/15), member-b, on-prem;
        // the Resolver's group 2 (udp and tcp 53 from on-prem), at the limit of 2.
        const over = await plan(f => { f["Pulumi.shared.yaml"] += "  vpce-hub:quotas: { rulesPerSecurityGroup: 2 }\n"; });
        assert.strictEqual(over.code, 2);
        // The plan is still shown (issue 23: exit 2 hides nothing), the error first.
        assert.match(over.out, /\nErrors: 1 \(exit 2; also on stderr\)\n {2}error: shared: vpce-hub:quotas\.rulesPerSecurityGroup: /);
        assert.deepStrictEqual(over.err, ["error: shared: vpce-hub:quotas.rulesPerSecurityGroup: quota \"Inbound or outbound rules per security group\": " +
            "security group s3-endpoint (stack shared) would hold 3 inbound rules (one per CIDR and port; a prefix list counts as its max entries), over the limit of 2 (declared in " +
            "vpce-hub:quotas.rulesPerSecurityGroup; AWS default 60): creation will fail; 7 more over the limit, 1 at 80% or more. Way out: raise it in Service Quotas " +
            "(rules per group x groups per network interface may not exceed 1,000), then set vpce-hub:quotas.rulesPerSecurityGroup; or give spokes CIDRs that summarize into fewer blocks."]);
        const near = await plan(f => { f["Pulumi.shared.yaml"] += "  vpce-hub:quotas: { rulesPerSecurityGroup: 3 }\n"; });
        assert.strictEqual(near.code, 0, near.err.join("\n"));
        assert.match(near.out.replace(/\n {6,}/g, " "), /warning \[quota:rulesPerSecurityGroup\] .* would hold 3 inbound rules \(one per CIDR and port; a prefix list counts as its max entries\), 100% of the limit of 3/);
    });

    it("spokes that name their hub in different organizations: the odd one out is an error", async () => {
        const r = await plan(f => { f["Pulumi.member-b.yaml"] = f["Pulumi.member-b.yaml"].replace("acme/vpce-hub/shared", "acme2/vpce-hub/shared"); });
        assert.strictEqual(r.code, 2);
        assert.deepStrictEqual(r.err, ['error: member-b: vpce-hub:hubStack: acme2/vpce-hub/shared names organization "acme2", but member-a names organization "acme" ' +
            "for the same hub shared: the hub is one stack, so one of them references a stack that does not exist"]);
    });
});

describe("on-prem summaries that contain AWS ranges", () => {
    const summary = (f: Record<string, string>) => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidrs: [192.168.0.0/16]", "cidrs: [10.0.0.0/8]"); };

    it("are allowed with a warning that explains longest-prefix routing, and every check passes", async () => {
        const r = await plan(summary);
        assert.strictEqual(r.code, 0, r.err.join("\n"));
        assert.match(r.out.replace(/\n {6,}/g, " "), /warning \[onprem:summary\] shared: vpce-hub:onPrem\.cidrs 10\.0\.0\.0\/8 contains AWS ranges \(hub 10\.0\.0\.0\/16, member-a 10\.1\.0\.0\/16, member-b 10\.2\.0\.0\/16\): allowed, because routing takes the longest matching prefix/);
        assert.match(r.out, /^Summary: 44 path checks over 3 stacks: 44 pass, 0 fail, 4 warnings$/m);
    });

    it("do not stand in for a spoke's own return route: without it the spoke's checks fail", async () => {
        const { files, unreadable } = loadStackFiles(stacks(summary));
        const result = await evaluate(files, validateStacks(files, unreadable).configs);
        const edited: PlannedStack[] = JSON.parse(JSON.stringify(result.stacks));
        const hub = edited[0];
        hub.resources.splice(0, hub.resources.length, ...hub.resources.filter(r => !(r.type === "aws:ec2/route:Route" && r.inputs.destinationCidrBlock === "10.1.0.0/16")));
        const failing = checkPaths(edited, result.publicDns).filter(c => c.verdict === "fail");
        assert.ok(failing.length > 0 && failing.every(c => c.source === "member-a"), JSON.stringify(failing.map(c => c.source)));
        assert.match(failing[0].reason, /no return route to 10\.1\.0\.0\/16/);
    });

    it("an on-prem block inside a VPC stays refused (the VPC's local route would take its traffic)", async () => {
        const r = await plan(f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidrs: [192.168.0.0/16]", "cidrs: [10.1.5.0/24]"); });
        assert.strictEqual(r.code, 2);
        assert.match(r.err.join("\n"), /error: shared: vpce-hub:onPrem\.cidrs\[0\]: 10\.1\.5\.0\/24 overlaps 10\.1\.0\.0\/16/);
    });
});

describe("a hub the simulated cloud refuses", () => {
    it("is reported with AWS's refusal on the hub, and its members are one line, not one 'no hub outputs' error each", async () => {
        // A cloud that refuses the hub's sqs endpoint, as AWS refuses a service it does not offer.
        class Refusing extends SimCloud {
            newResource(args: Parameters<SimCloud["newResource"]>[0]) {
                if (args.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && args.name === "sqs") {
                    this.refusals.push({ type: args.type, name: args.name, error: new SimAwsError("InvalidServiceName", "The Vpc Endpoint Service 'com.amazonaws.ap-northeast-1.sqs' does not exist") });
                    return { id: "vpce-refused", state: { ...args.inputs } };
                }
                return super.newResource(args);
            }
        }
        const { files } = loadStackFiles(EXAMPLE_DIR);
        await assert.rejects(evaluate(files, validateStacks(files).configs, new Refusing()), (e: unknown) => {
            assert.ok(e instanceof ConfigValidationError);
            assert.deepStrictEqual(e.errors.map(formatError), [
                "error: shared: VpcEndpoint sqs: AWS refuses it: InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.ap-northeast-1.sqs' does not exist",
                MEMBERS_WAIT,
            ]);
            return true;
        });
    });
});

import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PathCheck, PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { Io, runPlan } from "../plan/cli";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { EXAMPLE_DIR, exampleStacksIn } from "./helpers";
import { examplePlanOutput } from "./fixtures/planOutput";
import { planOf } from "./fixtures/examplePlan";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

/** The example's plan, evaluated once per process (the tests below only read it; recheck edits a copy). */
function planExample(): Promise<PlanResult> {
    return planOf();
}

/** Re-runs the path checks on a copy of the plan with one resource changed or removed. */
function recheck(plan: PlanResult, edit: (stacks: PlannedStack[]) => void): PathCheck[] {
    const stacks: PlannedStack[] = JSON.parse(JSON.stringify(plan.stacks));
    edit(stacks);
    return checkPaths(stacks, plan.publicDns);
}

function drop(stacks: PlannedStack[], stack: string, pred: (r: PlannedStack["resources"][number]) => boolean): void {
    const s = stacks.find(x => x.stack === stack)!;
    const before = s.resources.length;
    const kept = s.resources.filter(r => !pred(r));
    s.resources.splice(0, s.resources.length, ...kept);
    assert.ok(s.resources.length < before, "the edit must remove something");
}

function failing(checks: PathCheck[]): PathCheck[] {
    return checks.filter(c => c.verdict === "fail");
}

describe("offline plan of the example stacks", () => {
    let plan: PlanResult;
    before(async () => { plan = await planExample(); });

    it("evaluates the hub first, then each member", () => {
        assert.deepStrictEqual(plan.stacks.map(s => s.stack), ["shared", "member-a", "member-b"]);
    });

    it("passes every path check: each member and on-prem, each service name, and spoke isolation", () => {
        assert.deepStrictEqual(failing(plan.checks), []);
        const sources = new Set(plan.checks.map(c => c.source));
        assert.deepStrictEqual([...sources].sort(), ["member-a", "member-b", "on-prem"]);
        // Apex and a prefixed name for every wildcard zone: bucket.s3..., <account>.dkr.ecr...
        const hosts = plan.checks.filter(c => c.source === "member-a").map(c => c.host);
        assert.ok(hosts.includes("my-bucket.s3.ap-northeast-1.amazonaws.com"));
        assert.ok(hosts.includes("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com"));
        assert.strictEqual(plan.checks.filter(c => c.kind === "isolation").length, 2);
    });

    it("answers each name with the endpoint's interface addresses inside the hub subnets", () => {
        const s3 = plan.checks.find(c => c.source === "member-a" && c.host === "my-bucket.s3.ap-northeast-1.amazonaws.com")!;
        assert.strictEqual(s3.answer.length, 2);
        assert.ok(s3.answer.every(ip => ip.startsWith("10.0.")));
        assert.ok(s3.path.some(p => p.includes("*.s3.ap-northeast-1.amazonaws.com")), "the wildcard record answers prefixed names");
    });

    describe("a broken model fails the check that depends on it, naming what is missing", () => {
        it("an alias to S3's bare regional name (the *. stripped) fails: alias target ... does not exist; the *. name AWS serves passes", () => {
            // Hand-written names, as AWS publishes them for S3: the record is the wildcard.
            const served = "*.vpce-0123456789abcdef0-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com";
            const bare = "vpce-0123456789abcdef0-abcd1234.s3.ap-northeast-1.vpce.amazonaws.com";
            const withAlias = (target: string) => {
                const stacks: PlannedStack[] = JSON.parse(JSON.stringify(plan.stacks));
                const ep = stacks[0].resources.find(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint" && r.name === "s3")!;
                ep.outputs.dnsEntries = [{ dnsName: served, hostedZoneId: "Z2AWSVPCE" }];
                for (const rec of stacks[0].resources.filter(r => r.type === "aws:route53/record:Record" && r.inputs.aliases[0].name.includes(".s3."))) {
                    rec.inputs.aliases = [{ name: target, zoneId: "Z2AWSVPCE", evaluateTargetHealth: false }];
                }
                return checkPaths(stacks, { ...plan.publicDns, [served]: ["10.0.0.200", "10.0.1.200"] }).filter(c => c.service === "s3");
            };
            const broken = withAlias(bare);
            assert.ok(broken.length > 0 && broken.every(c => c.verdict === "fail"));
            assert.ok(broken.every(c => c.reason.includes(`alias target ${bare} does not exist`)), broken[0].reason);
            const fixed = withAlias(served);
            assert.deepStrictEqual(fixed.filter(c => c.verdict === "fail"), []);
            assert.deepStrictEqual(fixed.find(c => c.host === "my-bucket.s3.ap-northeast-1.amazonaws.com")!.answer, ["10.0.0.200", "10.0.1.200"]);
        });

        it("a dropped spoke route: member-a's route table has no route to the hub", () => {
            const f = failing(recheck(plan, s => drop(s, "member-a", r => r.type === "aws:ec2/route:Route")));
            assert.ok(f.length > 0 && f.every(c => c.source === "member-a"));
            assert.match(f[0].reason, /route table rtb-0aaaaaaaaaaaa0001 of member-a has no route to 10\.0\.\d+\.\d+ \(hub 10\.0\.0\.0\/16\)/);
        });

        it("a dropped hub return route: the hub route table has no route back to the spoke", () => {
            const f = failing(recheck(plan, s => drop(s, "shared", r => r.type === "aws:ec2/route:Route" && r.inputs.destinationCidrBlock === "10.1.0.0/16" && r.inputs.routeTableId === "rtb-0a1b2c3d4e5f60002")));
            assert.ok(f.length > 0 && f.every(c => c.source === "member-a"));
            assert.match(f[0].reason, /hub route table rtb-0a1b2c3d4e5f60002 has no return route to 10\.1\.0\.0\/16 via pcx-/);
        });

        it("a dropped zone association: the zone is not associated with member-b's VPC and the answer is public", () => {
            const f = failing(recheck(plan, s => drop(s, "member-b", r => r.type === "aws:route53/zoneAssociation:ZoneAssociation" && r.name.endsWith("sqs.ap-northeast-1.amazonaws.com"))));
            assert.strictEqual(f.length, 1);
            assert.deepStrictEqual([f[0].source, f[0].service, f[0].answer], ["member-b", "sqs", []]);
            assert.match(f[0].reason, /zone sqs\.ap-northeast-1\.amazonaws\.com \(Z[0-9A-F]+\) is not associated with member-b's VPC vpc-0bbbbbbbbbbbbbbbb: .* public answer/);
        });

        it("a dropped security group rule: the endpoint's security group does not admit the spoke", () => {
            const f = failing(recheck(plan, s => {
                // The group admits the sources prefix list: written out as a rule per entry, member-b's left out.
                const sg = s[0].resources.find(r => r.name === "ssm-endpoint")!;
                const list = s[0].resources.find(r => r.type === "aws:ec2/managedPrefixList:ManagedPrefixList" && r.name === "sources")!;
                const [rule] = sg.inputs.ingress;
                sg.inputs.ingress = list.inputs.entries.filter((e: any) => e.cidr !== "10.2.0.0/16")
                    .map((e: any) => ({ protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, cidrBlocks: [e.cidr] }));
            }));
            assert.strictEqual(f.length, 1);
            assert.match(f[0].reason, /endpoint security group sg-[0-9a-f]+ \(ssm-endpoint\) does not admit member-b 10\.2\.0\.0\/16 on tcp 443/);
        });

        it("the hub VPC dropped from a zone: on-prem, which resolves through the hub VPC, gets the public answer", () => {
            const f = failing(recheck(plan, s => {
                const zone = s[0].resources.find(r => r.type === "aws:route53/zone:Zone" && r.inputs.name === "logs.ap-northeast-1.amazonaws.com")!;
                zone.inputs.vpcs = [];
            }));
            assert.strictEqual(f.length, 1);
            assert.strictEqual(f[0].source, "on-prem");
            assert.match(f[0].reason, /zone logs\.ap-northeast-1\.amazonaws\.com .* is not associated with the hub VPC, where the Resolver inbound endpoint answers/);
        });

        it("the Resolver's security group admitting DNS on TCP only: on-prem forwarders' UDP queries are dropped, every on-prem check fails", () => {
            const onPrem = plan.checks.filter(c => c.source === "on-prem");
            assert.ok(onPrem.length > 0);
            for (const protocol of ["udp", "tcp"]) {
                const f = failing(recheck(plan, s => {
                    const sg = s[0].resources.find(r => r.type === "aws:ec2/securityGroup:SecurityGroup" && r.name.endsWith("-resolver"))!;
                    sg.inputs.ingress = sg.inputs.ingress.filter((r: any) => r.protocol !== protocol);
                }));
                assert.strictEqual(f.length, onPrem.length, `every on-prem check fails without ${protocol}`);
                assert.ok(f.every(c => c.source === "on-prem"));
                assert.match(f[0].reason, new RegExp(`Resolver security group .* does not admit on-prem DNS 192\\.168\\.0\\.0/16 on ${protocol} 53`));
            }
        });

        it("a dropped wildcard record: prefixed S3 names get NXDOMAIN, the apex still works", () => {
            const f = failing(recheck(plan, s => drop(s, "shared", r => r.type === "aws:route53/record:Record" && r.inputs.name === "*.s3.ap-northeast-1.amazonaws.com")));
            assert.deepStrictEqual([...new Set(f.map(c => c.host))], ["my-bucket.s3.ap-northeast-1.amazonaws.com"]);
            assert.strictEqual(f.length, 3, "member-a, member-b and on-prem");
            assert.match(f[0].reason, /zone s3\.ap-northeast-1\.amazonaws\.com has no record for my-bucket\.s3\.ap-northeast-1\.amazonaws\.com \(NXDOMAIN\): missing the wildcard A record \*\.s3/);
        });

        it("an unaccepted peering: the spoke's route points at a peering nobody accepted", () => {
            const f = failing(recheck(plan, s => drop(s, "member-a", r => r.type === "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter")));
            assert.ok(f.length > 0);
            assert.match(f[0].reason, /peering pcx-[0-9a-f]+ is not accepted \(missing the VpcPeeringConnectionAccepter in member-a\)/);
        });

        it("a cross-account zone association without the hub's VpcAssociationAuthorization does not count, and the reason names the missing authorization", () => {
            const sqsZone = plan.stacks[0].resources.find(r => r.type === "aws:route53/zone:Zone" && r.inputs.name === "sqs.ap-northeast-1.amazonaws.com")!.id;
            const unauthorized = (s: PlannedStack[]) => drop(s, "shared", r => r.type === "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization" &&
                r.inputs.zoneId === sqsZone && r.inputs.vpcId === "vpc-0aaaaaaaaaaaaaaaa");
            const f = failing(recheck(plan, unauthorized));
            assert.strictEqual(f.length, 1);
            assert.deepStrictEqual([f[0].source, f[0].service, f[0].answer], ["member-a", "sqs", []]);
            assert.match(f[0].reason, /zone sqs\.ap-northeast-1\.amazonaws\.com \(Z[0-9A-F]+\) is not associated with member-a's VPC vpc-0aaaaaaaaaaaaaaaa: .*account 111111111111.* needs the hub's VpcAssociationAuthorization for this zone and VPC, and the hub planned none/);
            // In the hub's own account no authorization is needed.
            const sameAccount = recheck(plan, s => { unauthorized(s); (s[1] as { accountId: string }).accountId = s[0].accountId; });
            assert.deepStrictEqual(failing(sameAccount), []);
        });

        it("every address of the DNS answer is route-checked, not only the first: a spoke route to one hub subnet fails for the other", () => {
            const answers = plan.checks.filter(c => c.source === "member-a" && c.kind === "service").map(c => c.answer);
            assert.ok(answers.every(a => a.length === 2 && a[0].startsWith("10.0.0.") && a[1].startsWith("10.0.1.")), JSON.stringify(answers));
            const f = failing(recheck(plan, s => {
                s[1].resources.find(r => r.type === "aws:ec2/route:Route")!.inputs.destinationCidrBlock = "10.0.0.0/24";
            }));
            assert.strictEqual(f.length, answers.length, "every member-a name fails");
            assert.ok(f.every(c => c.source === "member-a"));
            assert.match(f[0].reason, /route table rtb-0aaaaaaaaaaaa0001 of member-a has no route to 10\.0\.1\.\d+ \(hub 10\.0\.0\.0\/16\)/);
        });

        it("a hub return route must cover the spoke's whole CIDR, not only its first address (peering and TGW)", () => {
            const narrowed = failing(recheck(plan, s => {
                const route = (name: string) => s[0].resources.find(r => r.type === "aws:ec2/route:Route" && r.name === name)!;
                route("member-a-rtb-0a1b2c3d4e5f60002").inputs.destinationCidrBlock = "10.1.0.0/24";
                // member-b is the one TGW spoke: its aggregated block is its own CIDR.
                route("spokes-10.2.0.0-16-rtb-0a1b2c3d4e5f60002").inputs.destinationCidrBlock = "10.2.0.0/17";
            }));
            assert.deepStrictEqual([...new Set(narrowed.map(c => c.source))].sort(), ["member-a", "member-b"]);
            assert.match(narrowed.find(c => c.source === "member-a")!.reason, /hub route table rtb-0a1b2c3d4e5f60002 has no return route to 10\.1\.0\.0\/16 via pcx-/);
            assert.match(narrowed.find(c => c.source === "member-b")!.reason, /hub route table rtb-0a1b2c3d4e5f60002 has no return route to 10\.2\.0\.0\/16 via tgw-/);
            // A more specific route that takes part of the spoke's CIDR elsewhere breaks the way back too.
            const split = failing(recheck(plan, s => {
                const route = s[0].resources.find(r => r.type === "aws:ec2/route:Route" && r.name === "member-a-rtb-0a1b2c3d4e5f60001")!;
                s[0].resources.push({ ...route, name: "elsewhere", id: "elsewhere", inputs: { ...route.inputs, destinationCidrBlock: "10.1.128.0/17", vpcPeeringConnectionId: "pcx-0ffffffffffffffff" } });
            }));
            assert.ok(split.length > 0 && split.every(c => c.source === "member-a"));
            assert.match(split[0].reason, /hub route table rtb-0a1b2c3d4e5f60001 has no return route to 10\.1\.0\.0\/16 via pcx-/);
        });

        it("a route propagation from another VPN gateway than the hub's does not route on-prem back", () => {
            const f = failing(recheck(plan, s => {
                const p = s[0].resources.find(r => r.type === "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation" && r.inputs.routeTableId === "rtb-0a1b2c3d4e5f60002")!;
                p.inputs.vpnGatewayId = "vgw-0ffffffffffffffff";
            }));
            assert.ok(f.length > 0 && f.every(c => c.source === "on-prem"));
            assert.strictEqual(f.length, plan.checks.filter(c => c.source === "on-prem").length, "every on-prem check fails");
            assert.match(f[0].reason, /hub route table rtb-0a1b2c3d4e5f60002 has no route back to on-prem 192\.168\.0\.0\/16 \(missing VPN gateway route propagation from vgw-0123456789abcdef0; it propagates only from vgw-0ffffffffffffffff, which is not the hub's VPN gateway\)/);
        });

        it("a TGW member propagating into the spokes table: spokes could reach each other, and isolation fails", () => {
            const checks = recheck(plan, s => {
                const hub = s[0];
                const spokesTable = hub.outputs.transitGateway.spokesRouteTableId;
                const attach = s[2].resources.find(r => r.type === "aws:ec2transitgateway/vpcAttachment:VpcAttachment")!;
                // A second TGW member, attached the same way, whose attachment also propagates into the spokes table.
                s.push({ ...s[2], stack: "member-x", config: { ...s[2].config, stack: "member-x", vpc: { ...(s[2].config as any).vpc, id: "vpc-0xxxxxxxxxxxxxxxx", cidr: "10.9.0.0/16" } } as any,
                    resources: [{ ...attach, id: "tgw-attach-x", inputs: { ...attach.inputs, vpcId: "vpc-0xxxxxxxxxxxxxxxx" } }] });
                hub.resources.push({ ...hub.resources[0], type: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", name: "leak", id: "leak",
                    inputs: { transitGatewayAttachmentId: "tgw-attach-x", transitGatewayRouteTableId: spokesTable }, outputs: {} });
            });
            const leak = checks.filter(c => c.service === "spoke:member-x" && c.verdict === "fail");
            assert.strictEqual(leak.length, 1);
            assert.strictEqual(leak[0].source, "member-b");
            assert.match(leak[0].reason, /spokes must not reach each other: TGW route table tgw-rtb-[0-9a-f]+ .*member-x/);
        });
    });
});

describe("npm run plan (the command)", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-plan-"));

    it("exits 0 on the example, prints the path checks, and writes the JSON with the documented keys", async () => {
        const io = capture();
        const json = path.join(tmp, "plan.json");
        const code = await runPlan(["--json", json], io, EXAMPLE_DIR);
        assert.strictEqual(code, 0, io.stderr);
        assert.match(io.stdout, /simulated/);
        assert.match(io.stdout, /Path checks/);
        assert.ok(!io.stdout.includes('type forward;'), "forwarder configs go to files (--forwarders DIR), not the terminal");
        assert.ok(!/\x1b\[/.test(io.stdout), "no colour codes when not on a terminal");
        const doc = JSON.parse(fs.readFileSync(json, "utf8"));
        for (const k of ["stacks", "checks", "forwarders", "warnings", "cost"]) assert.ok(k in doc, k);
        for (const k of ["stack", "role", "accountId", "region", "resources", "outputs"]) assert.ok(k in doc.stacks[0], k);
        for (const k of ["urn", "type", "name", "id", "inputs", "outputs"]) assert.ok(k in doc.stacks[0].resources[0], k);
        for (const k of ["kind", "source", "service", "host", "answer", "verdict", "reason", "path"]) assert.ok(k in doc.checks[0], k);
        assert.deepStrictEqual([...new Set(doc.checks.map((c: any) => c.kind))].sort(), ["isolation", "service"]);
        assert.deepStrictEqual(Object.keys(doc.forwarders).sort(), ["bind", "dnsmasq", "unbound", "windows"]);
        assert.match(doc.stacks[0].resources.find((r: any) => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").urn, /^urn:pulumi:shared::vpce-hub::vpce-hub:hub:HubEndpoints\$aws:ec2\/vpcEndpoint:VpcEndpoint::/);
    });

    function stacksDir(name: string, edit: (files: Record<string, string>) => void): string {
        return exampleStacksIn(path.join(tmp, name), edit);
    }

    it("exits 2 with one `error: <stack>: <key>: <what>` line per problem and no stack trace for invalid config", async () => {
        const dir = stacksDir("invalid", f => {
            f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("cidr: 10.1.0.0/16", "cidr: 10.1.0.0/33").replace("subnetIds:", "subnetIDs:");
        });
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir], io, EXAMPLE_DIR), 2);
        assert.strictEqual(io.stdout, "");
        const lines = io.stderr.trim().split("\n");
        assert.ok(lines.every(l => l.startsWith("error: ")), io.stderr);
        assert.ok(lines.some(l => l.startsWith("error: shared: vpce-hub:spokes[0].cidr: ")), io.stderr);
        assert.ok(lines.some(l => l.startsWith("error: shared: vpce-hub:vpc.subnetIDs: unknown key (did you mean `subnetIds`?)")), io.stderr);
        assert.ok(!/\n\s+at /.test(io.stderr));
    });

    it("exits 2, naming the zone, for a service zone with a placeholder other than {region} (no stack trace, exit 3)", async () => {
        const dir = stacksDir("zone-placeholder", f => {
            f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("[s3, sqs,", `[s3, { name: foo, zones: ["foo.{regoin}.amazonaws.com"] }, sqs,`);
        });
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir], io, EXAMPLE_DIR), 2, io.stderr);
        assert.strictEqual(io.stderr.split("\n")[0], 'error: shared: vpce-hub:services[1].zones[0]: "foo.{regoin}.amazonaws.com" has the placeholder {regoin}: the only placeholder is {region}');
        assert.ok(io.stderr.trim().split("\n").every(l => l.startsWith("error: ")), io.stderr);
    });

    it("states the Route 53 API budget: the calls the plan needs and how long they take at Route 53's rate", async () => {
        const io = await examplePlanOutput();
        assert.strictEqual(io.code, 0, io.stderr);
        // Counted by hand for the example: 10 zones and 14 records (10 apexes, 4 wildcards), each a change
        // plus one GetChange poll: 48; 20 authorizations (10 zones x 2 members, one call each): 20; 20 zone
        // associations (change + poll): 40. 108 in all; the hub account's 68 at Route 53's 5 requests/s
        // take 13.6 s, about 14 s. One Resolver endpoint: 1 call.
        assert.ok(io.stdout.includes("108 Route 53 and 1 Resolver API calls to create this plan: about 14 s at 5 requests/s per account"), io.stdout);
    });

    // 14 names x 3 sources, plus one isolation check for member-b; member-a's 14 wait. The warning: member-a's peering request expires unaccepted after 7 days.
    it("shows a registered member without a stack file as pending, in one line, and exits 0 (not deployed yet is not a failure)", async () => {
        const dir = stacksDir("missing-member", f => { delete f["Pulumi.member-a.yaml"]; });
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir], io, EXAMPLE_DIR), 0, io.stdout);
        assert.match(io.stdout, /^  pending: member-a: not deployed yet \(no Pulumi\.member-a\.yaml in the plan\), 14 checks wait for it$/m);
        assert.ok(!/FAIL/.test(io.stdout), io.stdout);
        assert.match(io.stdout, /^Summary: 43 path checks over 2 stacks: 29 pass, 0 fail, 14 pending \(1 spoke not deployed yet\), 3 warnings$/m);
    });

    it("warns, against a previous plan, that removing a service breaks it for every consumer", async () => {
        const old = path.join(tmp, "old.json");
        assert.strictEqual(await runPlan(["--json", old], capture(), EXAMPLE_DIR), 0);
        const dir = stacksDir("fewer-services", f => { f["Pulumi.shared.yaml"] = f["Pulumi.shared.yaml"].replace("[s3, sqs,", "[s3,"); });
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir, "--against", old], io, EXAMPLE_DIR), 0);
        const text = io.stdout.replace(/\n {6,}/g, " ");
        assert.match(text, /\[removal:service\] removing sqs deletes its endpoint and zones: member-a, member-b, on-prem will resolve sqs\.ap-northeast-1\.amazonaws\.com publicly/);
        assert.match(text, /\[removal:resource\] shared: VpcEndpoint sqs/);
    });

    it("simulates a member without vpce-hub:accountId in the account the hub registered for it", async () => {
        const dir = stacksDir("member-without-account", f => { f["Pulumi.member-a.yaml"] = f["Pulumi.member-a.yaml"].replace(/^  vpce-hub:accountId: .*$/m, ""); });
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", dir], io, EXAMPLE_DIR), 0, io.stderr);
        assert.match(io.stdout, /member-a +spoke +111111111111 /);
    });

    it("prints every resource as a tree under its component, and every check, with --verbose", async () => {
        const io = await examplePlanOutput(["--verbose"]);
        assert.strictEqual(io.code, 0, io.stderr);
        assert.match(io.stdout, /^ {4}vpce-hub:hub:HubEndpoints hub$/m);
        assert.match(io.stdout, /^ {6}aws:ec2\/vpcEndpoint:VpcEndpoint s3  vpce-[0-9a-f]+$/m, "children are indented under their component");
        assert.match(io.stdout, /member-b +logs +logs\.ap-northeast-1\.amazonaws\.com/);
    });

    it("exits 2 on an unknown option, with the usage", async () => {
        const io = capture();
        assert.strictEqual(await runPlan(["--frobnicate"], io, EXAMPLE_DIR), 2);
        assert.match(io.stderr, /^error: \(plan\): command line: .*frobnicate/);
    });
});

describe("path checks over a VPN the hub creates", () => {
    it("pass with the VPN's static routes, and name the missing VpnConnectionRoute when one is dropped", async () => {
        const { files } = loadStackFiles(EXAMPLE_DIR);
        const hub = files.find(f => f.stack === "shared")!;
        (hub.raw as any)["vpce-hub:onPrem"] = { cidrs: ["192.168.0.0/16"], customerGateway: { ip: "203.0.113.10", bgpAsn: 65010 } };
        const plan = await evaluate(files, validateStacks(files).configs);
        assert.deepStrictEqual(failing(plan.checks), []);
        const f = failing(recheck(plan, s => drop(s, "shared", r => r.type === "aws:ec2/vpnConnectionRoute:VpnConnectionRoute")));
        assert.ok(f.length > 0 && f.every(c => c.source === "on-prem"));
        assert.match(f[0].reason, /the hub's VPN connection has no static route to on-prem 192\.168\.0\.0\/16 \(missing VpnConnectionRoute\)/);
    });
});

describe("reading stack files as Pulumi does", () => {
    it("keeps a top-level scalar as the text written (an unquoted 012345678901 keeps its zero) and objects typed", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-load-"));
        fs.writeFileSync(path.join(dir, "Pulumi.x.yaml"),
            "config:\n  vpce-hub:accountId: 012345678901\n  vpce-hub:protect: false\n  vpce-hub:vpc: { cidr: 10.0.0.0/16, availabilityZones: 2 }\n");
        const { files, errors } = loadStackFiles(dir);
        assert.deepStrictEqual(errors, []);
        assert.deepStrictEqual(files[0].raw, {
            "vpce-hub:accountId": "012345678901", "vpce-hub:protect": "false", "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 2 },
        });
    });
});

describe("spoke isolation looks at every route that touches another spoke", () => {
    it("fails when a member peers directly with another member through a route to part of its CIDR", async () => {
        const plan = await planExample();
        const checks = recheck(plan, s => {
            const a = s.find(x => x.stack === "member-a")!;
            // A peering between the two members, accepted, and a route to a /24 inside member-b.
            a.resources.push({ ...a.resources[0], type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "sideways", id: "pcx-side",
                inputs: { vpcId: "vpc-0aaaaaaaaaaaaaaaa", peerVpcId: "vpc-0bbbbbbbbbbbbbbbb", autoAccept: true }, outputs: {} });
            a.resources.push({ ...a.resources[0], type: "aws:ec2/route:Route", name: "sideways", id: "r-side",
                inputs: { routeTableId: "rtb-0aaaaaaaaaaaa0001", destinationCidrBlock: "10.2.5.0/24", vpcPeeringConnectionId: "pcx-side" }, outputs: {} });
        });
        const leak = checks.filter(c => c.source === "member-a" && c.service === "spoke:member-b");
        assert.strictEqual(leak[0].verdict, "fail");
        assert.match(leak[0].reason, /route 10\.2\.5\.0\/24 in rtb-0aaaaaaaaaaaa0001 via pcx-side reaches member-b/);
    });

    /** member-a with a sideways peering to member-b (accepted or not) and a route into `destination` through it. */
    function sideways(plan: PlanResult, accepted: boolean, destination: string): PathCheck[] {
        return recheck(plan, s => {
            const a = s.find(x => x.stack === "member-a")!;
            a.resources.push({ ...a.resources[0], type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "sideways", id: "pcx-side",
                inputs: { vpcId: "vpc-0aaaaaaaaaaaaaaaa", peerVpcId: "vpc-0bbbbbbbbbbbbbbbb", autoAccept: accepted }, outputs: {} });
            a.resources.push({ ...a.resources[0], type: "aws:ec2/route:Route", name: "sideways", id: "r-side",
                inputs: { routeTableId: "rtb-0aaaaaaaaaaaa0001", destinationCidrBlock: destination, vpcPeeringConnectionId: "pcx-side" }, outputs: {} });
        });
    }
    const isolationOf = (checks: PathCheck[], source: string) => checks.filter(c => c.kind === "isolation" && c.source === source)
        .map(c => [c.service, c.verdict]);

    it("a sideways peering nobody accepted carries nothing: member-a stays isolated", async () => {
        assert.deepStrictEqual(isolationOf(sideways(await planExample(), false, "10.2.5.0/24"), "member-a"), [["spoke:*", "pass"]]);
    });

    it("a route through a sideways peering to addresses outside the other member's CIDR reaches no member", async () => {
        assert.deepStrictEqual(isolationOf(sideways(await planExample(), true, "10.9.0.0/24"), "member-a"), [["spoke:*", "pass"]]);
        // The same peering with a route into member-b is the leak (the control).
        assert.deepStrictEqual(isolationOf(sideways(await planExample(), true, "10.2.0.0/16"), "member-a"), [["spoke:member-b", "fail"]]);
    });
});

// Route 53 Profiles mode (`vpce-hub:dns`): configuration, the hub's profile and RAM share, the
// spokes' single association, the simulated cloud's refusals, and the path checks following
// the profile. Expected values are literal or come from the stack files, never from the code.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseStackConfig } from "../lib/config";
import { hubDnsErrors } from "../lib/checks/crossStack";
import { PlannedStack, TYPES } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { runPlan } from "../plan/cli";
import { evaluate, validateStacks } from "../plan/plan";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { SimCloud } from "../sim/cloud";
import { SimAwsError } from "../sim/errors";
import { SimProfiles } from "../sim/profiles";
import { SimRam } from "../sim/ram";
import { SimRoute53 } from "../sim/route53";
import { runStackSimulated } from "../sim/run";
import { ROOT } from "./helpers";

const PROFILE_DIR = path.join(ROOT, "examples", "profile");
const PERMISSION = "arn:aws:ram::aws:permission/AWSRAMPermissionRoute53ProfileAllowAssociation";

function files(): StackFile[] {
    const { files, errors } = loadStackFiles(PROFILE_DIR);
    assert.deepStrictEqual(errors, []);
    return files.map(f => ({ ...f, raw: JSON.parse(JSON.stringify(f.raw)) }));
}

function withHub(fs: StackFile[], change: (raw: Record<string, any>) => void): StackFile[] {
    return fs.map(f => f.stack === "shared" ? (change(f.raw), f) : f);
}

async function plan(fs: StackFile[], sim = new SimCloud()) {
    const v = validateStacks(fs);
    assert.deepStrictEqual(v.errors, []);
    return evaluate(fs, v.configs, sim);
}

const of = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);
const stack = (stacks: PlannedStack[], name: string) => stacks.find(s => s.stack === name)!;
const failing = <C extends { verdict: string }>(checks: C[]) => checks.filter(c => c.verdict === "fail");

describe("Route 53 Profiles mode (vpce-hub:dns)", () => {
    describe("configuration", () => {
        const hub = (dns: unknown) => ({
            "aws:region": "ap-northeast-1", "vpce-hub:role": "hub", "vpce-hub:services": ["sqs"],
            "vpce-hub:vpc": { id: "vpc-0123", cidr: "10.0.0.0/16", subnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] },
            ...(dns === undefined ? {} : { "vpce-hub:dns": dns }),
        });
        it("defaults to associations and zones, today's behaviour", () => {
            const r = parseStackConfig("shared", hub(undefined));
            assert.deepStrictEqual((r.config as any).dns, { sharing: "associations", records: "zones" });
        });
        it("refuses records: endpoint without sharing: profile, naming the key and the way", () => {
            const r = parseStackConfig("shared", hub({ records: "endpoint" }));
            assert.deepStrictEqual(r.errors.map(e => e.key), ["vpce-hub:dns.records"]);
            assert.match(r.errors[0].message, /needs sharing: profile/);
        });
        it("refuses unknown values and keys of vpce-hub:dns", () => {
            const r = parseStackConfig("shared", hub({ sharing: "profiles", records: "zone", share: 1 }));
            assert.deepStrictEqual(r.errors.map(e => e.key).sort(), ["vpce-hub:dns.records", "vpce-hub:dns.share", "vpce-hub:dns.sharing"]);
        });
        it("in profile mode 999 spokes are no error (300 VPCs per zone do not apply), 1,001 exceed the 1,000 VPCs per profile", () => {
            const spokes = (n: number) => Array.from({ length: n }, (_, i) => ({
                name: `m${i}`, accountId: `2${String(i).padStart(11, "0")}`, vpcId: `vpc-s${i}`,
                cidr: `10.${1 + (i % 250)}.${Math.floor(i / 250)}.0/24`, connectivity: "transitGateway",
            }));
            const ok = parseStackConfig("shared", { ...hub({ sharing: "profile" }), "vpce-hub:spokes": spokes(999) });
            assert.deepStrictEqual(ok.errors, []);
            const over = parseStackConfig("shared", { ...hub({ sharing: "profile" }), "vpce-hub:spokes": spokes(1001) });
            assert.deepStrictEqual(over.errors.map(e => e.key), ["vpce-hub:spokes"]);
            assert.match(over.errors[0].message, /1001 spokes exceed the 1000 VPCs one Route 53 Profile/);
        });
    });

    describe("the example profile stacks (examples/profile)", () => {
        let result: Awaited<ReturnType<typeof plan>>;
        before(async () => { result = await plan(files()); });

        it("`npm run plan -- --stacks-dir examples/profile` exits 0 with every check passing and names the profile per spoke", async () => {
            let out = "";
            const code = await runPlan(["--stacks-dir", "examples/profile", "--no-color"], { out: t => { out += t; }, err: t => { out += t; }, isTty: false }, ROOT);
            assert.strictEqual(code, 0, out);
            assert.match(out, /Summary: \d+ path checks over 3 stacks: (\d+) pass, 0 fail/);
            assert.match(out, /^ {2}member-a .* pcx-\w+ {2}yes {4}/m);
            assert.match(out, /PROFILE: the spoke's VPC is associated with the hub's Route 53 Profile rp-\w+ \(yes\) or not \(none\)/);
        });

        it("--json carries the DNS modes under cost.modes: the example's 10 zones, 14 records and 2 spokes in other accounts", async () => {
            const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "vpce-profile-")), "plan.json");
            const code = await runPlan(["--stacks-dir", "examples/profile", "--json", file], { out: () => undefined, err: () => undefined, isTty: false }, ROOT);
            assert.strictEqual(code, 0);
            const cost = JSON.parse(fs.readFileSync(file, "utf8")).cost;
            const byMode = Object.fromEntries(cost.modes.map((m: any) => [m.mode, m]));
            assert.deepStrictEqual(Object.keys(byMode), ["associations", "profile", "decentralized"]);
            // associations: 2 x 10 zones + 2 x 14 records + 10 x 2 authorizations + 2 x 10 x 2 associations
            assert.strictEqual(byMode.associations.route53Calls, 108);
            // profile: zones and records only; CreateProfile + 10 resource associations + 2 AssociateProfile
            assert.strictEqual(byMode.profile.route53Calls, 48);
            assert.strictEqual(byMode.profile.profilesCalls, 13);
            assert.ok(byMode.profile.thisPlan);
            // The profile costs its hourly charge more: 0.75 x 730 (the ap-northeast-1 table).
            assert.ok(Math.abs(byMode.profile.monthlyUsd - byMode.associations.monthlyUsd - 547.5) < 1e-6);
            assert.ok(cost.centralized.items.some((i: any) => /^Route 53 Profile: 1 account and Region x 730 h/.test(i.what) && i.monthlyUsd === 547.5));
            assert.strictEqual(byMode.associations.recommended, true);
        });

        it("pass every path check", () => {
            assert.deepStrictEqual(failing(result.checks), []);
            assert.ok(result.checks.length >= 40);
        });

        it("the hub makes one profile holding every zone, no authorization, and shares it by RAM with the association-only permission to each spoke account", () => {
            const hub = stack(result.stacks, "shared");
            assert.strictEqual(of(hub, TYPES.profile).length, 1);
            assert.strictEqual(of(hub, TYPES.vpcAssociationAuthorization).length, 0);
            const zoneArns = of(hub, TYPES.zone).map(z => z.outputs.arn).sort();
            assert.strictEqual(zoneArns.length, 10);
            assert.deepStrictEqual(of(hub, TYPES.profileResourceAssociation).map(r => r.inputs.resourceArn).sort(), zoneArns);
            const profileArn = of(hub, TYPES.profile)[0].outputs.arn;
            const share = of(hub, TYPES.ramResourceShare).find(s => s.inputs.permissionArns !== undefined)!;
            assert.deepStrictEqual(share.inputs.permissionArns, [PERMISSION]);
            assert.strictEqual(share.inputs.allowExternalPrincipals, true);
            assert.ok(of(hub, TYPES.ramResourceAssociation).some(a => a.inputs.resourceShareArn === share.id && a.inputs.resourceArn === profileArn));
            const principals = of(hub, TYPES.ramPrincipalAssociation).filter(p => p.inputs.resourceShareArn === share.id).map(p => p.inputs.principal).sort();
            assert.deepStrictEqual(principals, ["111111111111", "222222222222"]);
            // The hub VPC needs no profile association: every zone is created with it.
            assert.strictEqual(of(hub, TYPES.profileAssociation).length, 0);
            for (const z of of(hub, TYPES.zone)) assert.deepStrictEqual(z.inputs.vpcs.map((v: any) => v.vpcId), ["vpc-0123456789abcdef0"]);
        });

        it("each spoke makes one ProfilesAssociation of its VPC and no ZoneAssociation, and says which profile it uses", () => {
            const profileId = stack(result.stacks, "shared").outputs.dns.profileId;
            assert.match(profileId, /^rp-/);
            for (const [name, vpc] of [["member-a", "vpc-0aaaaaaaaaaaaaaaa"], ["member-b", "vpc-0bbbbbbbbbbbbbbbb"]]) {
                const s = stack(result.stacks, name);
                assert.strictEqual(of(s, TYPES.zoneAssociation).length, 0, name);
                assert.deepStrictEqual(of(s, TYPES.profileAssociation).map(a => [a.inputs.profileId, a.inputs.resourceId]), [[profileId, vpc]], name);
                assert.strictEqual(s.outputs.profile.id, profileId, name);
            }
        });

        it("the hub's outputs carry the mode and the profile id", () => {
            const dns = stack(result.stacks, "shared").outputs.dns;
            assert.strictEqual(dns.sharing, "profile");
            assert.strictEqual(dns.records, "zones");
            assert.match(dns.resourceShareArn, /^arn:aws:ram:/);
        });

        it("a spoke VPC not associated with the profile gets the public answer, and the check names the missing profile association", () => {
            const stacks = result.stacks.map(s => s.stack !== "member-a" ? s : { ...s, resources: s.resources.filter(r => r.type !== TYPES.profileAssociation) });
            const bad = failing(checkPaths(stacks, result.publicDns)).filter(c => c.source === "member-a");
            assert.ok(bad.length > 0);
            for (const c of bad) assert.match(c.reason, /missing profile association: member-a's VPC vpc-0aaaaaaaaaaaaaaaa is not associated with Route 53 Profile rp-/);
            assert.ok(failing(checkPaths(stacks, result.publicDns)).every(c => c.source === "member-a"));
        });

        it("the simulated Route 53 answers as AWS does: the member's own endpoint and zones over the profile's for one name, the most specific name whoever holds it", async () => {
            const sim = new SimCloud();
            await plan(files(), sim);
            const vpc = "vpc-0aaaaaaaaaaaaaaaa";
            const kinds = (host: string) => sim.answeringSources(vpc, host).map(x => `${x.kind} ${x.name}`);
            assert.deepStrictEqual(kinds("sqs.ap-northeast-1.amazonaws.com"), ["profile-zone sqs.ap-northeast-1.amazonaws.com"]);
            // The member's own sqs endpoint turns private DNS on: its name now answers there, before the profile's zone.
            sim.dns.enablePrivateDns("vpce-0own", vpc, ["sqs.ap-northeast-1.amazonaws.com"]);
            assert.deepStrictEqual(sim.answeringSources(vpc, "sqs.ap-northeast-1.amazonaws.com"), [{ name: "sqs.ap-northeast-1.amazonaws.com", kind: "local-endpoint", endpointId: "vpce-0own" }]);
            // A broader zone of the member's own: less specific than the profile's ssm zone, which still answers ssm.
            sim.dns.createZone("ZOWNBROAD", "ap-northeast-1.amazonaws.com", [vpc]);
            assert.deepStrictEqual(kinds("ssm.ap-northeast-1.amazonaws.com"), ["profile-zone ssm.ap-northeast-1.amazonaws.com"]);
            assert.deepStrictEqual(kinds("kms.ap-northeast-1.amazonaws.com"), ["local-zone ap-northeast-1.amazonaws.com"]);
            // Another VPC, with no profile: only its own sources, here none.
            assert.deepStrictEqual(sim.answeringSources("vpc-0nothing", "sqs.ap-northeast-1.amazonaws.com"), []);
        });

        it("a member whose own sqs endpoint has private DNS is answered by it, not by the hub's profile: the check fails naming its endpoint and the precedence", () => {
            // Route 53 Profiles: a VPC's local DNS settings win over its profile's for the same name.
            const SQS = "sqs.ap-northeast-1.amazonaws.com";
            const ownName = "vpce-0own-abc.sqs.ap-northeast-1.vpce.amazonaws.com";
            const own = {
                urn: "urn:pulumi:member-a::vpce-hub::aws:ec2/vpcEndpoint:VpcEndpoint::own-sqs", type: TYPES.vpcEndpoint, name: "sqs", id: "vpce-0own",
                inputs: { vpcId: "vpc-0aaaaaaaaaaaaaaaa", privateDnsEnabled: true, securityGroupIds: ["sg-own"] },
                outputs: { dnsEntries: [{ dnsName: ownName }], privateDnsNames: [{ name: SQS, wildcard: false }] },
            };
            const stacks = result.stacks.map(s => s.stack !== "member-a" ? s : { ...s, resources: [...s.resources, own] });
            const checks = checkPaths(stacks, { ...result.publicDns, [ownName]: ["10.1.0.50"] });
            const sqs = checks.find(c => c.source === "member-a" && c.host === SQS)!;
            assert.strictEqual(sqs.verdict, "fail");
            assert.match(sqs.reason, new RegExp(`^${SQS.replace(/\./g, "\\.")} in member-a's VPC vpc-0aaaaaaaaaaaaaaaa is answered by the private DNS of endpoint vpce-0own \\(sqs\\) for ${SQS.replace(/\./g, "\\.")}, ` +
                `which takes precedence over zone ${SQS.replace(/\./g, "\\.")} \\(Z\\w+\\) through Route 53 Profile rp-\\w+ \\(Route 53 Profiles: a VPC's local DNS settings win over its profile's for the same name\\): ` +
                `the answer is member-a's own endpoint vpce-0own \\(sqs\\) in vpc-0aaaaaaaaaaaaaaaa, not the hub's, so traffic never reaches the hub; turn private DNS off on vpce-0own \\(or remove it\\) to use the hub$`));
            assert.deepStrictEqual(sqs.answer, ["10.1.0.50"]);
            // Only that name: every other check of member-a, and of the other sources, still passes.
            assert.deepStrictEqual(failing(checks).map(c => `${c.source} ${c.host}`), [`member-a ${SQS}`]);
        });
    });

    it("with organizationId the profile is shared with the organization (one principal, its ARN) and not with outside accounts", async () => {
        const r = await plan(withHub(files(), raw => { raw["vpce-hub:organizationId"] = "o-abcdefghij"; }));
        const hub = stack(r.stacks, "shared");
        const share = of(hub, TYPES.ramResourceShare).find(s => s.inputs.permissionArns !== undefined)!;
        assert.strictEqual(share.inputs.allowExternalPrincipals, false);
        const principals = of(hub, TYPES.ramPrincipalAssociation).filter(p => p.inputs.resourceShareArn === share.id).map(p => p.inputs.principal);
        assert.strictEqual(principals.length, 1);
        assert.match(principals[0], /^arn:aws:organizations::\d{12}:organization\/o-abcdefghij$/);
        assert.deepStrictEqual(failing(r.checks), []);
    });

    it("adding a service changes only the hub: planned against the unchanged member stacks, every check passes, the new service included", async () => {
        const sim = new SimCloud();
        const first = await plan(files(), sim);
        const fs = withHub(files(), raw => { raw["vpce-hub:services"] = [...raw["vpce-hub:services"], "kms"]; });
        // Only the hub runs again, in the same simulated world; the members keep what they had.
        const hub = await runStackSimulated(sim, "shared", fs.find(f => f.stack === "shared")!.raw);
        const stacks = [hub, ...first.stacks.filter(s => s.role === "spoke")];
        const checks = checkPaths(stacks, Object.fromEntries(sim.publicDns));
        assert.deepStrictEqual(failing(checks), []);
        const kms = checks.filter(c => c.service === "kms");
        assert.deepStrictEqual([...new Set(kms.map(c => c.source))].sort(), ["member-a", "member-b", "on-prem"]);
    });

    it("records: endpoint turns private DNS on, puts the endpoints in the profile, keeps zones only for names the endpoint does not serve, and every check passes", async () => {
        const r = await plan(withHub(files(), raw => {
            raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" };
            raw["vpce-hub:services"] = ["sqs", "ecr.dkr", { name: "ssm", zones: ["ssm.{region}.amazonaws.com", "ssm.{region}.api.aws"] }];
        }));
        assert.deepStrictEqual(failing(r.checks), []);
        const hub = stack(r.stacks, "shared");
        assert.ok(of(hub, TYPES.vpcEndpoint).every(e => e.inputs.privateDnsEnabled === true));
        // Only the dual-stack name the user declared (the catalog's private DNS lacks it) keeps a zone.
        assert.deepStrictEqual(of(hub, TYPES.zone).map(z => z.inputs.name), ["ssm.ap-northeast-1.api.aws"]);
        const inProfile = of(hub, TYPES.profileResourceAssociation).map(a => a.inputs.resourceArn).sort();
        assert.deepStrictEqual(inProfile, [...of(hub, TYPES.vpcEndpoint).map(e => e.outputs.arn), ...of(hub, TYPES.zone).map(z => z.outputs.arn)].sort());
        const sqs = r.checks.find(c => c.source === "member-a" && c.host === "sqs.ap-northeast-1.amazonaws.com")!;
        assert.match(sqs.path[0], /private DNS of endpoint vpce-\w+ \(sqs\) for sqs\.ap-northeast-1\.amazonaws\.com through Route 53 Profile rp-/);
        const onPrem = r.checks.find(c => c.source === "on-prem" && c.host === "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com")!;
        assert.strictEqual(onPrem.verdict, "pass");
    });

    it("records: endpoint: S3's private DNS answers inside every VPC too (privateDnsOnlyForInboundResolverEndpoint: false, there is no gateway endpoint); other services get no DNS options", async () => {
        const r = await plan(withHub(files(), raw => {
            raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" };
            raw["vpce-hub:services"] = ["s3", "sqs"];
        }));
        const byService = Object.fromEntries(of(stack(r.stacks, "shared"), TYPES.vpcEndpoint).map(e => [e.name, e.inputs]));
        assert.deepStrictEqual(byService.s3.dnsOptions, { privateDnsOnlyForInboundResolverEndpoint: false });
        assert.strictEqual(byService.s3.privateDnsEnabled, true);
        assert.strictEqual(byService.sqs.dnsOptions, undefined);
        const zonesMode = await plan(withHub(files(), raw => { raw["vpce-hub:services"] = ["s3"]; }));
        assert.strictEqual(of(stack(zonesMode.stacks, "shared"), TYPES.vpcEndpoint)[0].inputs.dnsOptions, undefined, "records: zones: private DNS off, no DNS options");
    });

    it("migration step park-zones keeps private DNS off and moves only the zones the endpoint's names will replace to the parking VPC", async () => {
        const r = await plan(withHub(files(), raw => {
            raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint", migration: "park-zones" };
            raw["vpce-hub:services"] = ["sqs", { name: "ssm", zones: ["ssm.{region}.amazonaws.com", "ssm.{region}.api.aws"] }];
        }));
        const hub = stack(r.stacks, "shared");
        assert.ok(of(hub, TYPES.vpcEndpoint).every(e => e.inputs.privateDnsEnabled === false));
        const parking = hub.resources.find(x => x.name === "zone-parking")!;
        const vpcOf = Object.fromEntries(of(hub, TYPES.zone).map(z => [z.inputs.name, z.inputs.vpcs[0].vpcId]));
        assert.deepStrictEqual(vpcOf, {
            "sqs.ap-northeast-1.amazonaws.com": parking.id,
            "ssm.ap-northeast-1.amazonaws.com": parking.id,
            "ssm.ap-northeast-1.api.aws": "vpc-0123456789abcdef0",
        });
        // Parking moves a zone without replacing it: the same URN as before the step (a new zone would
        // get a new id, and every record and association of the old one would go with it).
        const before = await plan(withHub(files(), raw => {
            raw["vpce-hub:services"] = ["sqs", { name: "ssm", zones: ["ssm.{region}.amazonaws.com", "ssm.{region}.api.aws"] }];
        }));
        const urns = (s: PlannedStack) => of(s, TYPES.zone).map(z => z.urn).sort();
        assert.deepStrictEqual(urns(hub), urns(stack(before.stacks, "shared")));
        const next = await plan(withHub(files(), raw => {
            raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint", migration: "enable-private-dns" };
            raw["vpce-hub:services"] = ["sqs"];
        }));
        assert.ok(of(stack(next.stacks, "shared"), TYPES.vpcEndpoint).every(e => e.inputs.privateDnsEnabled === true), "the next step turns it on");
    });

    it("each member's one profile association is named vpce-hub-<member> and names its own VPC; its share accepter and TGW attachment are its Spoke's, tagged", async () => {
        const r = await plan(files());
        for (const [member, vpc] of [["member-a", "vpc-0aaaaaaaaaaaaaaaa"], ["member-b", "vpc-0bbbbbbbbbbbbbbbb"]]) {
            const assoc = of(stack(r.stacks, member), TYPES.profileAssociation);
            assert.deepStrictEqual(assoc.map(a => [a.inputs.name, a.inputs.resourceId]), [[`vpce-hub-${member}`, vpc]]);
            assert.ok(assoc[0].urn.includes("vpce-hub:spoke:Spoke$"), assoc[0].urn);
            // Outside an organization each member accepts the profile's share, from its Spoke component.
            const accepter = stack(r.stacks, member).resources.find(x => x.type === TYPES.ramResourceShareAccepter && x.name === `${member}-profile`)!;
            assert.ok(accepter.urn.includes("vpce-hub:spoke:Spoke$"), accepter.urn);
        }
        const [attachment] = of(stack(r.stacks, "member-b"), "aws:ec2transitgateway/vpcAttachment:VpcAttachment");
        assert.deepStrictEqual(attachment.inputs.tags, { Name: "vpce-hub" });
    });

    it("records: endpoint: a service the catalog knows no private DNS for (a custom endpoint service) keeps private DNS off and its zones, and the policy pack agrees", async () => {
        const custom = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0";
        const r = await plan(withHub(files(), raw => {
            raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" };
            raw["vpce-hub:services"] = ["sqs", { name: "partner", zones: ["api.partner.example.com"], endpointService: custom }];
        }));
        assert.deepStrictEqual(failing(r.checks), []);
        const hub = stack(r.stacks, "shared");
        const byService = Object.fromEntries(of(hub, TYPES.vpcEndpoint).map(e => [e.name, e.inputs.privateDnsEnabled]));
        assert.deepStrictEqual(byService, { sqs: true, partner: false });
        assert.deepStrictEqual(of(hub, TYPES.zone).map(z => z.inputs.name), ["api.partner.example.com"]);
        const { endpointPrivateDnsOff } = await import("../policy/rules");
        const config = { dnsRecords: "endpoint", zoneServedServices: [custom] };
        for (const e of of(hub, TYPES.vpcEndpoint)) {
            const violations: string[] = [];
            const validate = endpointPrivateDnsOff.validateResource as (args: unknown, report: (m: string) => void) => Promise<void> | void;
            await validate({
                type: e.type, props: e.inputs, urn: e.urn, name: e.name, opts: {} as any,
                notApplicable: () => { throw new Error("not applicable"); }, getConfig: <T>() => config as unknown as T,
            } as any, (m: string) => violations.push(m));
            assert.deepStrictEqual(violations, [], e.name);
        }
    });

    describe("the simulated cloud refuses what AWS refuses", () => {
        it("a second profile for one VPC: ConflictException (a VPC can have only one profile)", () => {
            const profiles = new SimProfiles(new SimRam());
            profiles.createProfile("rp-1", "arn:p1", "111111111111");
            profiles.createProfile("rp-2", "arn:p2", "111111111111");
            profiles.associateProfile("rp-1", "vpc-a", "111111111111");
            assert.throws(() => profiles.associateProfile("rp-2", "vpc-a", "111111111111"), (e: SimAwsError) => e.code === "ConflictException");
            profiles.associateProfile("rp-1", "vpc-a", "111111111111");
        });
        it("another account's profile not shared with it: ResourceNotFoundException; shared with its account, only once it accepted the invitation", () => {
            const ram = new SimRam();
            const profiles = new SimProfiles(ram);
            profiles.createProfile("rp-1", "arn:p1", "111111111111");
            assert.throws(() => profiles.associateProfile("rp-1", "vpc-b", "222222222222"), (e: SimAwsError) => e.code === "ResourceNotFoundException");
            ram.createShare("arn:share", "111111111111", true);
            ram.shareResource("arn:share", "arn:p1");
            ram.sharePrincipal("arn:share", "222222222222");
            assert.throws(() => profiles.associateProfile("rp-1", "vpc-b", "222222222222"), (e: SimAwsError) => e.code === "ResourceNotFoundException" && /not accepted/.test(e.message));
            assert.throws(() => ram.acceptShare("arn:share", "333333333333"), (e: SimAwsError) => e.code === "NoPendingInvitation", "an account without an invitation has nothing to accept");
            assert.throws(() => profiles.associateProfile("rp-1", "vpc-b", "222222222222"), (e: SimAwsError) => e.code === "ResourceNotFoundException", "another account's attempt admits nobody");
            ram.acceptShare("arn:share", "222222222222");
            profiles.associateProfile("rp-1", "vpc-b", "222222222222");
        });
        it("inside an organization (RAM sharing enabled) a share with the organization or with the account reaches it without an invitation, and there is none to accept", () => {
            const org = "arn:aws:organizations::999999999999:organization/o-abcdefghij";
            for (const principal of [org, "222222222222"]) {
                const ram = new SimRam();
                const profiles = new SimProfiles(ram);
                ram.organizationOf = () => org;
                profiles.createProfile("rp-1", "arn:p1", "111111111111");
                ram.createShare("arn:share", "111111111111", false);
                ram.shareResource("arn:share", "arn:p1");
                ram.sharePrincipal("arn:share", principal);
                profiles.associateProfile("rp-1", "vpc-b", "222222222222");
                assert.deepStrictEqual(ram.invitationsFor("222222222222"), [], principal);
                assert.throws(() => ram.acceptShare("arn:share", "222222222222"), (e: SimAwsError) => e.code === "NoPendingInvitation", principal);
            }
        });
        it("a member outside an organization with vpce-hub:acceptRamShare: false fails its pulumi up, naming the association and the unaccepted share", async () => {
            const fs = files().map(f => {
                if (f.stack === "member-a") f.raw["vpce-hub:acceptRamShare"] = false;
                return f;
            });
            await assert.rejects(plan(fs), (e: Error) => /member-a: ProfilesAssociation member-a: AWS refuses it: ResourceNotFoundException: .*not accepted.* \(account 111111111111 has not accepted its invitation to the hub's RAM share arn:aws:ram:.*vpce-hub:acceptRamShare is false/.test(e.message));
        });
        it("enabling private DNS on an endpoint while a zone of that name is associated with its VPC: ConflictingDomainExists", () => {
            const dns = new SimRoute53();
            dns.createZone("Z1", "sqs.ap-northeast-1.amazonaws.com", ["vpc-hub"]);
            assert.throws(() => dns.enablePrivateDns("vpce-1", "vpc-hub", ["sqs.ap-northeast-1.amazonaws.com"]), (e: SimAwsError) => e.code === "ConflictingDomainExists");
            dns.enablePrivateDns("vpce-1", "vpc-other", ["sqs.ap-northeast-1.amazonaws.com"]);
        });
        it("a zone left with no VPC: LastVPCAssociation", () => {
            const dns = new SimRoute53();
            assert.throws(() => dns.createZone("Z1", "sqs.ap-northeast-1.amazonaws.com", []), (e: SimAwsError) => e.code === "LastVPCAssociation");
        });
        it("a spoke whose VPC already has another profile fails its pulumi up with ConflictException, naming the resource", async () => {
            const sim = new SimCloud();
            sim.profiles.createProfile("rp-other", "arn:aws:route53profiles:ap-northeast-1:111111111111:profile/rp-other", "111111111111");
            sim.profiles.associateProfile("rp-other", "vpc-0aaaaaaaaaaaaaaaa", "111111111111");
            await assert.rejects(plan(files(), sim), (e: Error) => /member-a: ProfilesAssociation member-a: AWS refuses it: ConflictException/.test(e.message));
        });
    });

    describe("a spoke refuses a hub whose DNS mode it cannot serve", () => {
        const spoke = { role: "spoke", stack: "member-a", region: "ap-northeast-1", hubStack: "acme/vpce-hub/shared", vpc: {} as any, acceptRamShare: false } as const;
        it("an unknown mode, named with the hub and the way out", () => {
            const e = hubDnsErrors(spoke, { sharing: "mesh", records: "zones" });
            assert.deepStrictEqual(e.map(x => x.key), ["vpce-hub:hubStack"]);
            assert.match(e[0].message, /the hub "shared" shares DNS as \{ sharing: mesh, records: zones \}, which this spoke program cannot serve/);
        });
        it("profile mode without a profile id", () => {
            assert.match(hubDnsErrors(spoke, { sharing: "profile", records: "zones" })[0].message, /exports no profile id/);
        });
        it("a hub without a dns output (older) is served by associations", () => {
            assert.deepStrictEqual(hubDnsErrors(spoke, undefined), []);
        });
    });
});

describe("Route 53 Profiles quotas in the plan (lib/checks/quotas.ts)", () => {
    it("counts VPCs per profile, profiles per account and Region and zones per profile, each against its declared limit", async () => {
        const { files, errors } = loadStackFiles(PROFILE_DIR);
        assert.deepStrictEqual(errors, []);
        const v = validateStacks(files);
        const r = await evaluate(files, v.configs);
        const { quotaFindings } = await import("../lib/checks/quotas");
        const { DEFAULT_QUOTAS } = await import("../lib/config");
        // The example: 2 member VPCs on the profile, 1 profile in the hub's account, 10 zones in it.
        const low = { ...DEFAULT_QUOTAS, vpcsPerProfile: 2, profilesPerRegion: 1, zonesPerProfile: 9 };
        const byName = Object.fromEntries(quotaFindings(r.stacks, low).map(f => [f.name, f]));
        assert.strictEqual(byName.vpcsPerProfile.over, false);
        assert.match(byName.vpcsPerProfile.message, /Route 53 Profile vpce-hub-shared .* would hold 2 associated VPCs, 100% of the limit of 2/);
        assert.match(byName.profilesPerRegion.message, /account 123456789012 in ap-northeast-1 would hold 1 Route 53 Profiles, 100% of the limit of 1/);
        assert.strictEqual(byName.zonesPerProfile.over, true);
        assert.match(byName.zonesPerProfile.message, /would hold 10 private hosted zones, over the limit of 9/);
        // Defaults: nothing near 1,000 VPCs, 5 profiles or 5,000 zones.
        assert.deepStrictEqual(quotaFindings(r.stacks, DEFAULT_QUOTAS).filter(f => /Profile/.test(f.name)), []);
    });
});

// The deploy-time check against AWS's description of each endpoint service: the pure verdict
// (lib/aws/endpointService.ts), then the hub stack on the simulated cloud with per-region fixtures
// standing in for what DescribeVpcEndpointServices would answer.
import * as assert from "assert";
import type { ResolvedService } from "../lib/catalog/types";
import { ConfigValidationError, formatError } from "../lib/config";
import { EndpointServiceFacts, checkEndpointService, nameCovered, zoneServed } from "../lib/aws/endpointService";
import { PlannedStack } from "../lib/model";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import * as pulumi from "@pulumi/pulumi";
import { stackWarning } from "../stacks/warnings";
import { EXAMPLE_DIR, exampleRaw } from "./helpers";

const R = "ap-northeast-1";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

const service = (name: string, zones: { name: string; wildcard: boolean }[], extra: Partial<ResolvedService> = {}): ResolvedService => ({
    name, endpointService: `com.amazonaws.${R}.${name}`, zones, ports: [443], supportsPolicy: true, ...extra,
});
const facts = (name: string, privateDnsNames: string[], extra: Partial<EndpointServiceFacts> = {}): EndpointServiceFacts => ({
    serviceName: `com.amazonaws.${R}.${name}`, privateDnsNames, vpcEndpointPolicySupported: true,
    availabilityZones: [`${R}a`, `${R}c`, `${R}d`], supportedIpAddressTypes: ["ipv4"], ...extra,
});
const twoAzs = [{ id: "subnet-a", availabilityZone: `${R}a` }, { id: "subnet-c", availabilityZone: `${R}c` }];

describe("deploy-time check of a service against AWS (pure)", () => {
    it("a name AWS serves that no zone answers is a warning naming it (a dual-stack api.aws name)", () => {
        const v = checkEndpointService(service("ssm", [{ name: `ssm.${R}.amazonaws.com`, wildcard: false }]),
            facts("ssm", [`ssm.${R}.amazonaws.com`, `ssm.${R}.api.aws`]), twoAzs, R);
        assert.deepStrictEqual(v.errors, []);
        assert.strictEqual(v.warnings.length, 1);
        assert.match(v.warnings[0], /AWS also serves ssm\.ap-northeast-1\.api\.aws through this endpoint, which no zone of the hub answers/);
        // A name the dual-stack catalog knows points at the key that serves it.
        assert.match(v.warnings[0], /with vpce-hub:ipAddressType dualstack\)$/);
        const fips = checkEndpointService(service("ssm", [{ name: `ssm.${R}.amazonaws.com`, wildcard: false }]),
            facts("ssm", [`ssm.${R}.amazonaws.com`, `ssm-fips.${R}.amazonaws.com`]), twoAzs, R);
        assert.doesNotMatch(fips.warnings[0], /ipAddressType/);
    });

    it("a catalog zone AWS does not serve is an error naming the zone and what AWS serves", () => {
        const v = checkEndpointService(service("logs", [{ name: `logs.${R}.amazonaws.com`, wildcard: false }]),
            facts("logs", [`logs.${R}.api.aws`]), twoAzs, R);
        assert.strictEqual(v.errors.length, 1);
        assert.match(v.errors[0].message, /^zone logs\.ap-northeast-1\.amazonaws\.com would never answer: com\.amazonaws\.ap-northeast-1\.logs in ap-northeast-1 serves only logs\.ap-northeast-1\.api\.aws/);
    });

    it("AWS's *.X serves a wildcard zone X, its apex, and zones below X; an apex-only zone X leaves *.X uncovered (warning)", () => {
        assert.strictEqual(zoneServed(`s3.${R}.amazonaws.com`, [`*.s3.${R}.amazonaws.com`]), true);
        assert.strictEqual(zoneServed(`d.s3.${R}.amazonaws.com`, [`*.s3.${R}.amazonaws.com`]), true);
        assert.strictEqual(zoneServed(`s3-control.${R}.amazonaws.com`, [`*.s3.${R}.amazonaws.com`]), false);
        assert.strictEqual(zoneServed(`s3.${R}.amazonaws.com`, [`x.s3.${R}.amazonaws.com`]), false);
        assert.strictEqual(nameCovered(`*.s3.${R}.amazonaws.com`, [{ name: `s3.${R}.amazonaws.com`, wildcard: true }]), true);
        assert.strictEqual(nameCovered(`*.s3.${R}.amazonaws.com`, [{ name: `s3.${R}.amazonaws.com`, wildcard: false }]), false);
        assert.strictEqual(nameCovered(`a.b.s3.${R}.amazonaws.com`, [{ name: `s3.${R}.amazonaws.com`, wildcard: true }]), true);
        const v = checkEndpointService(service("ecr.dkr", [{ name: `dkr.ecr.${R}.amazonaws.com`, wildcard: false }]),
            facts("ecr.dkr", [`*.dkr.ecr.${R}.amazonaws.com`]), twoAzs, R);
        assert.deepStrictEqual(v.errors, []);
        assert.match(v.warnings[0], /AWS also serves \*\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com/);
    });

    it("takes endpoint policy support from AWS, not the catalog, and refuses a configured policy AWS would reject", () => {
        const zones = [{ name: `sqs.${R}.amazonaws.com`, wildcard: false }];
        const off = checkEndpointService(service("sqs", zones), facts("sqs", [`sqs.${R}.amazonaws.com`], { vpcEndpointPolicySupported: false }), twoAzs, R);
        assert.strictEqual(off.supportsPolicy, false);
        assert.deepStrictEqual(off.errors, []);
        const on = checkEndpointService(service("sqs", zones, { supportsPolicy: false }), facts("sqs", [`sqs.${R}.amazonaws.com`]), twoAzs, R);
        assert.strictEqual(on.supportsPolicy, true);
        const withPolicy = checkEndpointService(service("sqs", zones, { policy: "{}" }),
            facts("sqs", [`sqs.${R}.amazonaws.com`], { vpcEndpointPolicySupported: false }), twoAzs, R);
        assert.deepStrictEqual(withPolicy.errors.map(e => e.field), ["policy"]);
    });

    it("keeps only subnets in AZs the service is offered in, and stops naming the service and AZs when fewer than two remain", () => {
        const zones = [{ name: `sqs.${R}.amazonaws.com`, wildcard: false }];
        const three = [...twoAzs, { id: "subnet-d", availabilityZone: `${R}d` }];
        const kept = checkEndpointService(service("sqs", zones), facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}a`, `${R}d`] }), three, R);
        assert.deepStrictEqual(kept.subnets.map(s => s.id), ["subnet-a", "subnet-d"]);
        assert.deepStrictEqual(kept.errors, []);
        assert.match(kept.warnings[0], /does not offer it in ap-northeast-1c/);
        const one = checkEndpointService(service("sqs", zones), facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}a`, `${R}d`] }), twoAzs, R);
        assert.strictEqual(one.errors.length, 1);
        assert.match(one.errors[0].message, /^sqs is offered only in ap-northeast-1a, ap-northeast-1d of ap-northeast-1, and the hub's subnets are in ap-northeast-1a, ap-northeast-1c: only ap-northeast-1a remains/);
    });

    it("an endpoint service someone else owns: its zones are the user's to choose (warning at most, never an error)", () => {
        const partner = service("partner", [{ name: "api.partner.example.com", wildcard: false }], { endpointService: `com.amazonaws.vpce.${R}.vpce-svc-0123456789abcdef0` });
        const none = checkEndpointService(partner, facts("partner", [], { serviceName: partner.endpointService, owner: "123456789012" }), twoAzs, R);
        assert.deepStrictEqual([none.errors, none.warnings], [[], []]);
        const other = checkEndpointService(partner, facts("partner", ["svc.partner.example.com"], { serviceName: partner.endpointService, owner: "123456789012" }), twoAzs, R);
        assert.deepStrictEqual(other.errors, []);
        assert.match(other.warnings[0], /owner 123456789012\) lists svc\.partner\.example\.com as its private DNS names, not api\.partner\.example\.com/);
        // The same answer from an AWS service is an error.
        const aws = checkEndpointService(partner, facts("partner", ["svc.partner.example.com"], { serviceName: partner.endpointService, owner: "amazon" }), twoAzs, R);
        assert.strictEqual(aws.errors.length, 1);
    });

    it("no AZs in AWS's answer means unknown, not none: every subnet stays, with a warning", () => {
        const v = checkEndpointService(service("sqs", [{ name: `sqs.${R}.amazonaws.com`, wildcard: false }]),
            facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [] }), twoAzs, R);
        assert.deepStrictEqual(v.errors, []);
        assert.deepStrictEqual(v.subnets.map(s => s.id), ["subnet-a", "subnet-c"]);
        assert.match(v.warnings[0], /AWS lists no Availability Zones for com\.amazonaws\.ap-northeast-1\.sqs/);
    });

    it("a service AWS does not know in the region is an error naming it (InvalidServiceName)", () => {
        const v = checkEndpointService(service("nosuch", [{ name: `nosuch.${R}.amazonaws.com`, wildcard: false }]), undefined, twoAzs, R);
        assert.match(v.errors[0].message, /^endpoint service com\.amazonaws\.ap-northeast-1\.nosuch does not exist in ap-northeast-1 \(AWS: InvalidServiceName\)/);
    });
});

const ssmIndex = (raw: Record<string, any>) => (raw["vpce-hub:services"] as string[]).indexOf("ssm");

async function refused(sim: SimCloud, raw: Record<string, any>): Promise<string[]> {
    try {
        await runStackSimulated(sim, "shared", raw);
    } catch (e) {
        if (e instanceof ConfigValidationError) return e.errors.map(formatError);
        throw e;
    }
    assert.fail("the hub stack ran, but AWS's answer should have stopped it");
}

describe("hub stack checks every service against AWS at deploy time (simulated cloud with fixtures)", () => {
    it("by default the simulated AWS answers from the catalog: the example plans with no deploy-time warning", async () => {
        const hub = await runStackSimulated(new SimCloud(), "shared", exampleRaw().shared);
        assert.strictEqual(hub.warnings, undefined);
    });

    it("an AZ the service lacks: its endpoint uses only the other subnets, every other endpoint keeps all three", async () => {
        const raw = exampleRaw().shared;
        raw["vpce-hub:vpc"].subnetIds.push("subnet-0a1b2c3d4e5f60003"); // AZs a, c, d in order
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}a`, `${R}d`] }));
        const hub = await runStackSimulated(sim, "shared", raw);
        const endpoints = hub.resources.filter(r => r.type === ENDPOINT);
        assert.deepStrictEqual(endpoints.find(e => e.name === "sqs")!.inputs.subnetIds, ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60003"]);
        for (const e of endpoints.filter(x => x.name !== "sqs")) assert.strictEqual(e.inputs.subnetIds.length, 3, e.name);
        assert.ok(hub.warnings!.some(w => /sqs: AWS does not offer it in ap-northeast-1c/.test(w.message)));
    });

    it("an AZ the service lacks with two subnets left one: a config error naming the service and the AZs", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}a`, `${R}d`] }));
        const raw = exampleRaw().shared;
        const i = (raw["vpce-hub:services"] as string[]).indexOf("sqs");
        const errors = await refused(sim, raw);
        assert.deepStrictEqual(errors.length, 1);
        assert.match(errors[0], new RegExp(`^error: shared: vpce-hub:services\\[${i}\\]: sqs is offered only in ap-northeast-1a, ap-northeast-1d`));
    });

    it("a new VPC: the endpoint drops the subnet of the AZ the service lacks (the region's first AZs, as awsx took them)", async () => {
        const raw = exampleRaw().shared;
        raw["vpce-hub:vpc"] = { cidr: "10.0.0.0/16", availabilityZones: 3 };
        delete raw["vpce-hub:onPrem"];
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}c`, `${R}d`] }));
        const hub = await runStackSimulated(sim, "shared", raw);
        const sqs = hub.resources.find(r => r.type === ENDPOINT && r.name === "sqs")!;
        const subnetIds = hub.resources.filter(r => r.type === "aws:ec2/subnet:Subnet").map(r => r.id);
        assert.deepStrictEqual(sqs.inputs.subnetIds, subnetIds.slice(1));
    });

    it("a name the catalog misses reaches the plan's warnings, naming the stack, the service and the name", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("ssm", [`ssm.${R}.amazonaws.com`, `ssm.${R}.api.aws`]));
        const { files } = loadStackFiles(EXAMPLE_DIR);
        const { configs } = validateStacks(files);
        const result = await evaluate(files, configs, sim);
        const w = result.warnings.filter(x => x.code === "aws:ssm");
        assert.strictEqual(w.length, 1);
        assert.match(w[0].message, /^shared: ssm: AWS also serves ssm\.ap-northeast-1\.api\.aws through this endpoint/);
        assert.ok(result.checks.every(c => c.verdict === "pass"));
    });

    it("a service that does not exist in the region: a config error naming it, nothing created", async () => {
        const sim = new SimCloud();
        sim.removeEndpointService(R, `com.amazonaws.${R}.ssm`);
        const raw = exampleRaw().shared;
        const errors = await refused(sim, raw);
        assert.deepStrictEqual(errors, [`error: shared: vpce-hub:services[${ssmIndex(raw)}]: endpoint service com.amazonaws.ap-northeast-1.ssm does not exist in ap-northeast-1 (AWS: InvalidServiceName): ` +
            "check the name against `aws ec2 describe-vpc-endpoint-services --region ap-northeast-1`; the service may not be offered in this region"]);
        assert.ok(!sim.recorded.some(r => r.type === ENDPOINT));
    });

    it("a catalog zone AWS does not serve: a config error naming the zone", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("ssm", [`ssm.${R}.api.aws`]));
        const raw = exampleRaw().shared;
        const errors = await refused(sim, raw);
        assert.strictEqual(errors.length, 1);
        assert.match(errors[0], new RegExp(`^error: shared: vpce-hub:services\\[${ssmIndex(raw)}\\]: zone ssm\\.ap-northeast-1\\.amazonaws\\.com would never answer`));
    });

    it("policy support false from AWS: that endpoint gets no organization policy, the others keep theirs", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { vpcEndpointPolicySupported: false }));
        const raw = { ...exampleRaw().shared, "vpce-hub:organizationId": "o-abcdefghij" };
        const hub: PlannedStack = await runStackSimulated(sim, "shared", raw);
        const endpoints = hub.resources.filter(r => r.type === ENDPOINT);
        assert.strictEqual(endpoints.find(e => e.name === "sqs")!.inputs.policy, undefined);
        for (const e of endpoints.filter(x => x.name !== "sqs")) assert.match(e.inputs.policy, /o-abcdefghij/, e.name);
    });
});

describe("deploy-time warnings under pulumi up", () => {
    it("go to the engine's log (pulumi.log.warn) when no plan collects them", () => {
        const log = pulumi.log as { warn: (msg: string) => Promise<void> };
        const original = log.warn;
        const seen: string[] = [];
        log.warn = (msg: string) => { seen.push(msg); return Promise.resolve(); };
        try {
            stackWarning("aws:ssm", "ssm: AWS also serves ssm.ap-northeast-1.api.aws");
        } finally {
            log.warn = original;
        }
        assert.deepStrictEqual(seen, ["ssm: AWS also serves ssm.ap-northeast-1.api.aws"]);
    });
});

describe("the simulated cloud refuses endpoints AWS refuses", () => {
    /** CreateVpcEndpoint on the simulated cloud; the refusal AWS would answer with, if any. */
    const create = (sim: SimCloud, serviceName: string, subnetIds: string[]): string | undefined => {
        const before = sim.refusals.length;
        sim.newResource({ type: ENDPOINT, name: `x${before}`, inputs: { serviceName, subnetIds, vpcEndpointType: "Interface" }, custom: true } as any);
        return sim.refusals.length > before ? sim.refusals[sim.refusals.length - 1].error.message : undefined;
    };

    it("an endpoint service name that does not exist: InvalidServiceName", () => {
        const sim = new SimCloud();
        assert.strictEqual(create(sim, `com.amazonaws.${R}.nosuch`, []), "InvalidServiceName: The Vpc Endpoint Service 'com.amazonaws.ap-northeast-1.nosuch' does not exist");
    });

    it("a subnet in an AZ the service lacks: InvalidParameter, naming the subnet", () => {
        const sim = new SimCloud();
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-1", "subnet-2"], R);
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}a`, `${R}d`] }));
        assert.strictEqual(create(sim, `com.amazonaws.${R}.sqs`, ["subnet-1", "subnet-2"]),
            "InvalidParameter: The VPC endpoint service com.amazonaws.ap-northeast-1.sqs does not support the availability zone of the subnet: subnet-2.");
        assert.strictEqual(create(sim, `com.amazonaws.${R}.sqs`, ["subnet-1"]), undefined);
    });

    it("getVpcEndpointService for an unknown name fails as the provider does (InvalidServiceName in the message)", () => {
        const sim = new SimCloud();
        assert.throws(() => sim.call({ token: "aws:ec2/getVpcEndpointService:getVpcEndpointService", inputs: { serviceName: `com.amazonaws.${R}.nosuch`, serviceType: "Interface" } } as any),
            /InvalidServiceName/);
        const s3 = sim.call({ token: "aws:ec2/getVpcEndpointService:getVpcEndpointService", inputs: { serviceName: `com.amazonaws.${R}.s3`, serviceType: "Interface" } } as any);
        assert.deepStrictEqual(s3.privateDnsNames, [`*.s3.${R}.amazonaws.com`, `*.s3-control.${R}.amazonaws.com`, `*.s3-accesspoint.${R}.amazonaws.com`]);
    });
});

describe("a refusal at creation stops the plan with AWS's error", () => {
    it("an endpoint AWS refuses (a subnet in an AZ the service lacks, unseen by the lookup) fails the run promptly, naming the refusal", async () => {
        // A cloud whose lookup says every AZ while CreateVpcEndpoint knows better: the run must
        // end with the refusal, not wait for the refused endpoint's DNS entries.
        class Inconsistent extends SimCloud {
            call(args: any): Record<string, any> {
                const answer = super.call(args);
                return args.token === "aws:ec2/getVpcEndpointService:getVpcEndpointService" ? { ...answer, availabilityZones: [`${R}a`, `${R}c`, `${R}d`] } : answer;
            }
        }
        const sim = new Inconsistent();
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}a`, `${R}d`] }));
        const errors = await refused(sim, exampleRaw().shared);
        assert.deepStrictEqual(errors, ["error: shared: VpcEndpoint sqs: AWS refuses it: InvalidParameter: The VPC endpoint service com.amazonaws.ap-northeast-1.sqs does not support the availability zone of the subnet: subnet-0a1b2c3d4e5f60002."]);
    });
});

// What the deploy-time check tells the user, word for word: each message is what a platform
// engineer reads in `pulumi up` or `npm run plan` to decide what to fix. The names, AZs and
// services are hand-picked; the expected texts are written out by hand.
describe("deploy-time check of a service against AWS: the messages, word for word (pure)", () => {
    const sqsZones = [{ name: `sqs.${R}.amazonaws.com`, wildcard: false }];
    const sqs = (extra: Partial<ResolvedService> = {}) => service("sqs", sqsZones, extra);
    const sqsFacts = (extra: Partial<EndpointServiceFacts> = {}) => facts("sqs", [`sqs.${R}.amazonaws.com`], extra);
    const partnerName = `com.amazonaws.vpce.${R}.vpce-svc-0123456789abcdef0`;

    it("a service AWS does not know: only the InvalidServiceName error, no subnets, IPv4 even on a dual-stack hub", () => {
        const zones = [{ name: `nosuch.${R}.amazonaws.com`, wildcard: false }];
        const v = checkEndpointService(service("nosuch", zones), undefined, twoAzs, R, "dualstack");
        assert.deepStrictEqual(v, {
            errors: [{ message: "endpoint service com.amazonaws.ap-northeast-1.nosuch does not exist in ap-northeast-1 (AWS: InvalidServiceName): " +
                "check the name against `aws ec2 describe-vpc-endpoint-services --region ap-northeast-1`; the service may not be offered in this region" }],
            warnings: [], supportsPolicy: true, subnets: [], zones: [{ name: "nosuch.ap-northeast-1.amazonaws.com", wildcard: false }], ipAddressType: "ipv4",
        });
    });

    it("dual-stack names AWS does not list in the region: no zone for them, and a warning naming each (one: 'name ... it', two: 'names ... them')", () => {
        /** A dual-stack zone, kept only where AWS lists its name. */
        const ifServed = (name: string): ResolvedService["zones"][number] => ({ name, wildcard: false, ifServed: true });
        const one = checkEndpointService(service("ssm", [{ name: `ssm.${R}.amazonaws.com`, wildcard: false }, ifServed(`ssm.${R}.api.aws`)]),
            facts("ssm", [`ssm.${R}.amazonaws.com`]), twoAzs, R);
        assert.deepStrictEqual(one.zones, [{ name: "ssm.ap-northeast-1.amazonaws.com", wildcard: false }]);
        assert.deepStrictEqual(one.warnings, ["ssm: AWS does not list the dual-stack name ssm.ap-northeast-1.api.aws in ap-northeast-1: no zone for it"]);
        const two = checkEndpointService(service("sts", [
            { name: `sts.${R}.amazonaws.com`, wildcard: false },
            ifServed(`sts.${R}.api.aws`),
            ifServed(`sts-fips.${R}.api.aws`),
        ]), facts("sts", [`sts.${R}.amazonaws.com`]), twoAzs, R);
        assert.deepStrictEqual(two.zones, [{ name: "sts.ap-northeast-1.amazonaws.com", wildcard: false }]);
        assert.deepStrictEqual(two.warnings, [
            "sts: AWS does not list the dual-stack names sts.ap-northeast-1.api.aws, sts-fips.ap-northeast-1.api.aws in ap-northeast-1: no zone for them",
        ]);
        assert.deepStrictEqual(two.errors, []);
    });

    it("an AWS service that lists no private DNS name at all is an error: no zone could answer, clients keep the public name", () => {
        const v = checkEndpointService(sqs(), facts("sqs", []), twoAzs, R);
        assert.deepStrictEqual(v.errors, [{ message: "AWS lists no private DNS name for com.amazonaws.ap-northeast-1.sqs in ap-northeast-1: " +
            "no zone of the hub could answer for it, so clients would keep using its public name" }]);
        assert.deepStrictEqual(v.warnings, []);
    });

    it("a partner's endpoint service listing other names than the zones: a warning to check with the provider, and one for the names no zone answers", () => {
        const one = checkEndpointService(service("partner", [{ name: "api.partner.example.com", wildcard: false }], { endpointService: partnerName }),
            facts("partner", ["svc.partner.example.com"], { serviceName: partnerName, owner: "123456789012" }), twoAzs, R);
        assert.deepStrictEqual(one.errors, []);
        assert.deepStrictEqual(one.warnings, [
            "partner: com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0 (owner 123456789012) lists svc.partner.example.com as its private DNS names, " +
            "not api.partner.example.com: check with the service's provider that it accepts that name",
            "partner: AWS also serves svc.partner.example.com through this endpoint, which no zone of the hub answers: " +
            "clients calling that name (dual-stack, FIPS or newer SDK names) still go to the public endpoint; " +
            "add it to the service's `zones` to serve it through the hub",
        ]);
        const two = checkEndpointService(service("partner", [{ name: "api.partner.example.com", wildcard: false }, { name: "www.partner.example.com", wildcard: false }], { endpointService: partnerName }),
            facts("partner", ["svc.partner.example.com", "SVC2.partner.example.com."], { serviceName: partnerName, owner: "123456789012" }), twoAzs, R);
        assert.deepStrictEqual(two.errors, []);
        assert.deepStrictEqual(two.warnings, [
            "partner: com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0 (owner 123456789012) lists svc.partner.example.com, svc2.partner.example.com as its private DNS names, " +
            "not api.partner.example.com, www.partner.example.com: check with the service's provider that it accepts those names",
            "partner: AWS also serves svc.partner.example.com, svc2.partner.example.com through this endpoint, which no zone of the hub answers: " +
            "clients calling those names (dual-stack, FIPS or newer SDK names) still go to the public endpoint; " +
            "add them to the service's `zones` to serve them through the hub",
        ]);
    });

    it("two catalog zones AWS does not serve: one error naming both zones and every name AWS serves", () => {
        const v = checkEndpointService(service("logs", [{ name: `logs.${R}.amazonaws.com`, wildcard: false }, { name: `logs-fips.${R}.amazonaws.com`, wildcard: false }]),
            facts("logs", [`logs.${R}.api.aws`, `logs-fips.${R}.api.aws`]), twoAzs, R);
        assert.deepStrictEqual(v.errors, [{ message: "zones logs.ap-northeast-1.amazonaws.com, logs-fips.ap-northeast-1.amazonaws.com would never answer: " +
            "com.amazonaws.ap-northeast-1.logs in ap-northeast-1 serves only logs.ap-northeast-1.api.aws, logs-fips.ap-northeast-1.api.aws (AWS PrivateDnsNames); fix the zone names (`zones`)" }]);
    });

    it("names AWS serves beyond the zones: one warning naming them, pointing at ipAddressType dualstack when one is a dual-stack name", () => {
        const v = checkEndpointService(service("ssm", [{ name: `ssm.${R}.amazonaws.com`, wildcard: false }]),
            facts("ssm", [`ssm.${R}.amazonaws.com`, `ssm-fips.${R}.amazonaws.com`, `ssm.${R}.api.aws`]), twoAzs, R);
        assert.deepStrictEqual(v.errors, []);
        assert.deepStrictEqual(v.warnings, [
            "ssm: AWS also serves ssm-fips.ap-northeast-1.amazonaws.com, ssm.ap-northeast-1.api.aws through this endpoint, which no zone of the hub answers: " +
            "clients calling those names (dual-stack, FIPS or newer SDK names) still go to the public endpoint; " +
            "add them to the service's `zones` to serve them through the hub (dual-stack names get zones, AAAA records and IPv6 addresses with vpce-hub:ipAddressType dualstack)",
        ]);
    });

    it("a policy on a service AWS takes none for: the error on `policy`, and no second warning about the missing policy", () => {
        const v = checkEndpointService(sqs({ policy: "{}" }), sqsFacts({ vpcEndpointPolicySupported: false }), twoAzs, R);
        assert.deepStrictEqual(v.errors, [{ field: "policy", message: "com.amazonaws.ap-northeast-1.sqs does not accept a VPC endpoint policy in ap-northeast-1 " +
            "(AWS: VpcEndpointPolicySupported false): remove `policy`" }]);
        assert.deepStrictEqual(v.warnings, []);
    });

    it("the catalog assumed a policy AWS does not take: a warning that the endpoint gets none and any principal may use it", () => {
        const v = checkEndpointService(sqs(), sqsFacts({ vpcEndpointPolicySupported: false }), twoAzs, R);
        assert.deepStrictEqual(v.warnings, ["sqs: AWS says com.amazonaws.ap-northeast-1.sqs accepts no VPC endpoint policy (the catalog assumed it does): " +
            "its endpoint gets none, so any principal may use it"]);
        // A service the catalog already knew takes no policy: nothing to say.
        assert.deepStrictEqual(checkEndpointService(sqs({ supportsPolicy: false }), sqsFacts({ vpcEndpointPolicySupported: false }), twoAzs, R).warnings, []);
    });

    it("a service in none of the hub's AZs: the error lists AWS's AZs sorted, the hub's, that none remains, and where to add subnets", () => {
        const v = checkEndpointService(sqs(), sqsFacts({ availabilityZones: [`${R}d`, `${R}b`] }), twoAzs, R);
        assert.deepStrictEqual(v.errors, [{ message: "sqs is offered only in ap-northeast-1b, ap-northeast-1d of ap-northeast-1, " +
            "and the hub's subnets are in ap-northeast-1a, ap-northeast-1c: none remains, " +
            "and an endpoint needs at least 2 AZs; add subnets in the service's AZs to `vpc.subnetIds` (or more AZs to a new VPC)" }]);
        assert.deepStrictEqual(v.subnets, []);
    });

    it("a service missing from two of four hub AZs: the endpoint keeps the other two, and the warning names both sides", () => {
        const four = [
            { id: "subnet-a", availabilityZone: `${R}a` }, { id: "subnet-b", availabilityZone: `${R}b` },
            { id: "subnet-c", availabilityZone: `${R}c` }, { id: "subnet-d", availabilityZone: `${R}d` },
        ];
        const v = checkEndpointService(sqs(), sqsFacts({ availabilityZones: [`${R}a`, `${R}c`] }), four, R);
        assert.deepStrictEqual(v.errors, []);
        assert.deepStrictEqual(v.subnets.map(s => s.id), ["subnet-a", "subnet-c"]);
        assert.deepStrictEqual(v.warnings, ["sqs: AWS does not offer it in ap-northeast-1b, ap-northeast-1d: its endpoint uses only the subnets in ap-northeast-1a, ap-northeast-1c"]);
    });

    it("a dual-stack hub gets a dual-stack endpoint only where AWS accepts IPv4 and IPv6; otherwise IPv4 with a warning saying what AWS accepts", () => {
        const both = checkEndpointService(sqs(), sqsFacts({ supportedIpAddressTypes: ["ipv4", "ipv6"] }), twoAzs, R, "dualstack");
        assert.deepStrictEqual([both.ipAddressType, both.warnings], ["dualstack", []]);
        const v4 = checkEndpointService(sqs(), sqsFacts({ supportedIpAddressTypes: ["IPv4"] }), twoAzs, R, "dualstack");
        assert.deepStrictEqual([v4.ipAddressType, v4.warnings], ["ipv4", [
            "sqs: com.amazonaws.ap-northeast-1.sqs accepts only ipv4 in ap-northeast-1 (AWS SupportedIpAddressTypes): its endpoint stays IPv4, with no AAAA records",
        ]]);
        const none = checkEndpointService(sqs(), sqsFacts({ supportedIpAddressTypes: [] }), twoAzs, R, "dualstack");
        assert.deepStrictEqual([none.ipAddressType, none.warnings], ["ipv4", [
            "sqs: com.amazonaws.ap-northeast-1.sqs accepts only no IP address type in ap-northeast-1 (AWS SupportedIpAddressTypes): its endpoint stays IPv4, with no AAAA records",
        ]]);
    });
});

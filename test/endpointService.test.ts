// The deploy-time check against AWS's description of each endpoint service: the pure verdict
// (lib/endpointService.ts), then the hub stack on the simulated cloud with per-region fixtures
// standing in for what DescribeVpcEndpointServices would answer.
import * as assert from "assert";
import { ResolvedService } from "../lib/catalog";
import { ConfigValidationError, formatError } from "../lib/config";
import { EndpointServiceFacts, checkEndpointService, nameCovered, zoneServed } from "../lib/endpointService";
import { PlannedStack } from "../lib/model";
import { evaluate, loadStackFiles, validateStacks } from "../plan/plan";
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

    it("a new VPC: the endpoint drops the subnet of the AZ the service lacks (AZs as awsx picks them)", async () => {
        const raw = exampleRaw().shared;
        raw["vpce-hub:vpc"] = { cidr: "10.0.0.0/16", availabilityZones: 3 };
        delete raw["vpce-hub:onPrem"];
        const sim = new SimCloud();
        sim.registerEndpointService(R, facts("sqs", [`sqs.${R}.amazonaws.com`], { availabilityZones: [`${R}c`, `${R}d`] }));
        const hub = await runStackSimulated(sim, "shared", raw);
        const sqs = hub.resources.find(r => r.type === ENDPOINT && r.name === "sqs")!;
        const vpc = hub.resources.find(r => r.type === "awsx:ec2:Vpc")!;
        assert.deepStrictEqual(sqs.inputs.subnetIds, vpc.outputs.isolatedSubnetIds.slice(1));
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

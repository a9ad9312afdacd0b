// Dual-stack hubs (`vpce-hub:ipAddressType: dualstack`): config validation, endpoints with IPv6
// addresses, AAAA twins, dual-stack zones where AWS serves them, IPv6 security group rules and
// routes, and the path checks' AAAA half, on the simulated cloud.
import * as assert from "assert";
import { ConfigValidationError, SpokeConfig, formatError, parseStackConfig } from "../lib/config";
import { checkEndpointService } from "../lib/aws/endpointService";
import { resolveService } from "../lib/catalog/lookup";
import type { ResolvedService } from "../lib/catalog/types";
import { withDualStackZones } from "../lib/aws/dualStack";
import { PathCheck, PlannedResource, PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import * as path from "path";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { SimCloud } from "../sim/cloud";
import { ROOT, exampleRaw } from "./helpers";

const R = "ap-northeast-1";
const HUB6 = "2600:1f18:abcd:1200::/56";
const A6 = "2600:1f18:abcd:1300::/56";
const B6 = "2600:1f18:abcd:1400::/56";
const ONPREM6 = "2001:db8:100::/48";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const RECORD = "aws:route53/record:Record";
const ZONE = "aws:route53/zone:Zone";
const ROUTE = "aws:ec2/route:Route";

/** The example stacks, made dual-stack: the hub and both members declare IPv6 blocks, on-prem too (Direct Connect on the VGW). */
function dualRaw(): Record<string, Record<string, any>> {
    const raw = exampleRaw();
    const hub = raw.shared;
    hub["vpce-hub:ipAddressType"] = "dualstack";
    hub["vpce-hub:vpc"].ipv6Cidr = HUB6;
    hub["vpce-hub:spokes"][0].ipv6Cidrs = [A6];
    hub["vpce-hub:spokes"][1].ipv6Cidrs = [B6];
    hub["vpce-hub:onPrem"].ipv6Cidrs = [ONPREM6];
    raw["member-a"]["vpce-hub:vpc"].ipv6Cidr = A6;
    raw["member-b"]["vpce-hub:vpc"].ipv6Cidr = B6;
    return raw;
}

const files = (raw: Record<string, Record<string, any>>): StackFile[] =>
    Object.entries(raw).map(([stack, r]) => ({ stack, file: `Pulumi.${stack}.yaml`, raw: r }));

async function plan(raw = dualRaw(), sim = new SimCloud()): Promise<PlanResult> {
    const f = files(raw);
    const { configs, errors } = validateStacks(f);
    assert.deepStrictEqual(errors, []);
    return evaluate(f, configs, sim);
}

const hubOf = (p: PlanResult) => p.stacks.find(s => s.role === "hub")!;
const of = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);
const errorsOf = (raw: Record<string, any>, stack = "shared") => parseStackConfig(stack, raw).errors.map(formatError);

describe("dual-stack configuration: every key checked and named", () => {
    it("defaults to ipv4, and refuses another value", () => {
        assert.strictEqual((parseStackConfig("shared", exampleRaw().shared).config as any).ipAddressType, "ipv4");
        const raw = { ...exampleRaw().shared, "vpce-hub:ipAddressType": "ipv6" };
        assert.deepStrictEqual(errorsOf(raw), ['error: shared: vpce-hub:ipAddressType: must be ipv4 or dualstack, got "ipv6"']);
    });

    it("IPv6 blocks without dualstack are errors naming each key (they would promise IPv6 nobody serves)", () => {
        const raw = dualRaw().shared;
        delete raw["vpce-hub:ipAddressType"];
        const errors = errorsOf(raw);
        for (const k of ["vpce-hub:vpc.ipv6Cidr", "vpce-hub:spokes[0].ipv6Cidrs", "vpce-hub:spokes[1].ipv6Cidrs", "vpce-hub:onPrem.ipv6Cidrs"]) {
            assert.ok(errors.includes(`error: shared: ${k}: only applies with vpce-hub:ipAddressType dualstack (the endpoints are IPv4 only now): set it, or remove this key`), k);
        }
    });

    it("dualstack needs the hub VPC's IPv6 block, and an existing VPC", () => {
        const raw = dualRaw().shared;
        delete raw["vpce-hub:vpc"].ipv6Cidr;
        assert.match(errorsOf(raw).join("\n"), /error: shared: vpce-hub:vpc\.ipv6Cidr: is required with ipAddressType dualstack/);
        const created: Record<string, any> = { ...dualRaw().shared, "vpce-hub:vpc": { cidr: "10.0.0.0/16" } };
        delete created["vpce-hub:onPrem"];
        assert.match(errorsOf(created).join("\n"), /error: shared: vpce-hub:vpc: ipAddressType dualstack needs an existing VPC/);
    });

    it("malformed, host-bit and overlapping IPv6 blocks are errors naming the key", () => {
        const raw = dualRaw().shared;
        raw["vpce-hub:spokes"][0].ipv6Cidrs = ["2600:1f18:abcd:1201::/56"];
        raw["vpce-hub:spokes"][1].ipv6Cidrs = ["10.9.0.0/16"];
        raw["vpce-hub:onPrem"].ipv6Cidrs = ["2600:1f18:abcd:1200::/60"];
        const errors = errorsOf(raw);
        assert.ok(errors.includes('error: shared: vpce-hub:spokes[0].ipv6Cidrs[0]: "2600:1f18:abcd:1201::/56" has host bits set: did you mean 2600:1f18:abcd:1200::/56?'), errors.join("\n"));
        assert.ok(errors.includes('error: shared: vpce-hub:spokes[1].ipv6Cidrs[0]: "10.9.0.0/16" is not an IPv6 CIDR block such as 2600:1f18:abcd:1200::/56'));
        assert.ok(errors.includes("error: shared: vpce-hub:onPrem.ipv6Cidrs[0]: 2600:1f18:abcd:1200::/60 overlaps 2600:1f18:abcd:1200::/56 (vpce-hub:vpc.ipv6Cidr): routes between them would be ambiguous"));
    });

    it("on-prem IPv6 over the VPN the hub creates is refused: a virtual private gateway carries no IPv6 through Site-to-Site VPN", () => {
        const raw = dualRaw().shared;
        raw["vpce-hub:onPrem"] = { cidrs: ["192.168.0.0/16"], customerGateway: { ip: "203.0.113.10" }, ipv6Cidrs: [ONPREM6] };
        assert.match(errorsOf(raw).join("\n"), /error: shared: vpce-hub:onPrem\.ipv6Cidrs: the VPN the hub creates \(customerGateway\) ends on a virtual private gateway/);
    });

    it("a member's IPv6 block must be one the hub registered for it", () => {
        const raw = dualRaw();
        raw["member-a"]["vpce-hub:vpc"].ipv6Cidr = "2600:1f18:abcd:1500::/56";
        const { errors } = validateStacks(files(raw));
        assert.deepStrictEqual(errors.map(formatError), [`error: member-a: vpce-hub:vpc.ipv6Cidr: is 2600:1f18:abcd:1500::/56, but the hub "shared" registered ${A6} for "member-a"`]);
    });
});

describe("dual-stack hub on the simulated cloud", () => {
    let p: PlanResult;
    let hub: PlannedStack;
    before(async () => { p = await plan(); hub = hubOf(p); });

    it("creates dual-stack endpoints (ipAddressType and AAAA DNS records) for services that accept IPv6, IPv4 ones for the rest with a warning", () => {
        const endpoints = of(hub, ENDPOINT);
        const dual = endpoints.filter(e => e.inputs.ipAddressType === "dualstack").map(e => e.name).sort();
        assert.deepStrictEqual(dual, ["ecr.api", "ecr.dkr", "logs", "s3", "sqs", "ssm"]);
        for (const e of endpoints.filter(x => dual.includes(x.name))) assert.deepStrictEqual(e.inputs.dnsOptions, { dnsRecordIpType: "dualstack" }, e.name);
        for (const e of endpoints.filter(x => !dual.includes(x.name))) assert.strictEqual(e.inputs.dnsOptions, undefined, e.name);
        const v4 = p.warnings.filter(w => /its endpoint stays IPv4|keeps its endpoint IPv4/.test(w.message)).map(w => w.code).sort();
        assert.deepStrictEqual(v4, ["aws:ec2messages", "aws:ssmmessages"]);
    });

    it("asks only for dual-stack DNS records on dual-stack endpoints: no S3-only DNS option on other services", () => {
        const dual = of(hub, "aws:ec2/vpcEndpoint:VpcEndpoint").filter(e => e.inputs.ipAddressType === "dualstack");
        assert.ok(dual.length > 0);
        for (const e of dual) assert.deepStrictEqual(e.inputs.dnsOptions, { dnsRecordIpType: "dualstack" }, e.name);
    });

    it("gives the dual-stack names their zones (api.aws, on.aws for ECR images)", () => {
        const zones = of(hub, ZONE).map(z => z.inputs.name);
        for (const z of [`ssm.${R}.api.aws`, `logs.${R}.api.aws`, `ecr.${R}.api.aws`, `dkr-ecr.${R}.on.aws`]) assert.ok(zones.includes(z), z);
    });

    it("every A alias of a dual-stack service has an AAAA twin with the same name and target; IPv4 services have none", () => {
        const records = of(hub, RECORD);
        const aaaa = records.filter(r => r.inputs.type === "AAAA");
        const dualZones = new Set((Object.entries(hub.outputs.services) as [string, any][])
            .filter(([, s]) => s.ipAddressType === "dualstack").flatMap(([, s]) => s.zones.map((z: any) => z.id)));
        const a = records.filter(r => r.inputs.type === "A" && dualZones.has(r.inputs.zoneId));
        assert.strictEqual(aaaa.length, a.length);
        assert.ok(aaaa.length >= 10);
        for (const r of a) {
            const twin = aaaa.find(x => x.inputs.zoneId === r.inputs.zoneId && x.inputs.name === r.inputs.name);
            assert.ok(twin, r.inputs.name);
            assert.deepStrictEqual(twin!.inputs.aliases, r.inputs.aliases);
        }
        assert.ok(aaaa.every(r => dualZones.has(r.inputs.zoneId)));
    });

    it("dual-stack endpoints' security groups admit the declared IPv6 blocks exactly, IPv4-only ones admit none", () => {
        const sgs = of(hub, "aws:ec2/securityGroup:SecurityGroup");
        const v6 = (name: string) => sgs.find(s => s.name === `${name}-endpoint`)!.inputs.ingress.flatMap((r: any) => r.ipv6CidrBlocks ?? []).sort();
        assert.deepStrictEqual(v6("ssm"), [ONPREM6, HUB6, A6, B6].sort());
        assert.deepStrictEqual(v6("ec2messages"), []);
        assert.ok(!sgs.some(s => s.inputs.ingress.some((r: any) => (r.ipv6CidrBlocks ?? []).includes("::/0"))));
    });

    it("names each hub IPv6 route by member, route table and block (':' as '-', '/' as '_'): a name that changed would replace the route on the next pulumi up", () => {
        const names = of(hub, ROUTE).filter(r => r.inputs.destinationIpv6CidrBlock).map(r => [r.name, r.inputs.destinationIpv6CidrBlock]).sort();
        // The example hub's route tables: rtb-0a1b2c3d4e5f60001 and rtb-0a1b2c3d4e5f60002.
        assert.deepStrictEqual(names, [
            ["member-a-rtb-0a1b2c3d4e5f60001-2600-1f18-abcd-1300--_56", A6], ["member-a-rtb-0a1b2c3d4e5f60002-2600-1f18-abcd-1300--_56", A6],
            ["member-b-rtb-0a1b2c3d4e5f60001-2600-1f18-abcd-1400--_56", B6], ["member-b-rtb-0a1b2c3d4e5f60002-2600-1f18-abcd-1400--_56", B6],
        ]);
    });

    it("routes the members' IPv6 blocks from the hub and the hub's from each member; TGW attachments carry IPv6", () => {
        const v6 = (s: PlannedStack) => of(s, ROUTE).filter(r => r.inputs.destinationIpv6CidrBlock).map(r => r.inputs.destinationIpv6CidrBlock).sort();
        assert.deepStrictEqual(v6(hub), [A6, A6, B6, B6]);
        for (const m of p.stacks.filter(s => s.role === "spoke")) assert.deepStrictEqual(v6(m), (m.config as SpokeConfig).vpc.routeTableIds.map(() => HUB6), m.stack);
        // The hub's IPv6 routes to a member are under that member's link; each member's route goes the
        // member's way (its peering connection or the TGW) and the member exports it so.
        for (const r of of(hub, ROUTE).filter(r => r.inputs.destinationIpv6CidrBlock)) assert.ok(r.urn.includes("vpce-hub:hub:SpokeLink$"), r.urn);
        for (const m of p.stacks.filter(s => s.role === "spoke" && (s.config as SpokeConfig).vpc.ipv6Cidr)) {
            const outputs = m.outputs as { routes: { destination: string; via: string }[]; peeringConnectionId?: string; connectivity: string };
            const via = outputs.routes.filter(r => r.destination === HUB6).map(r => r.via);
            assert.ok(via.length > 0 && via.every(v => v === (outputs.connectivity === "peering" ? outputs.peeringConnectionId : of(m, "aws:ec2transitgateway/vpcAttachment:VpcAttachment")[0].inputs.transitGatewayId)), `${m.stack}: ${via}`);
            for (const r of of(m, ROUTE).filter(r => r.inputs.destinationIpv6CidrBlock)) assert.ok(r.urn.includes("vpce-hub:spoke:Spoke$"), r.urn);
        }
        const attachments = p.stacks.flatMap(s => of(s, "aws:ec2transitgateway/vpcAttachment:VpcAttachment"));
        assert.strictEqual(attachments.length, 2);
        assert.ok(attachments.every(a => a.inputs.ipv6Support === "enable"));
    });

    it("the path checks resolve AAAA too: every IPv6 source reaches every dual-stack name over IPv6, and all checks pass", () => {
        const aaaa = p.checks.filter(c => c.recordType === "AAAA");
        const sources = [...new Set(aaaa.map(c => c.source))].sort();
        assert.deepStrictEqual(sources, ["member-a", "member-b", "on-prem"]);
        // ssm, logs, ecr.api, sqs: apex + dual-stack apex; ecr.dkr: 2 wildcard zones (apex + prefixed each);
        // s3: 3 wildcard zones and the dual-stack s3.dualstack one (apex + prefixed each).
        assert.strictEqual(aaaa.length, 3 * (2 + 2 + 2 + 2 + 4 + 8));
        for (const c of aaaa) assert.ok(c.answer.every(ip => ip.startsWith("2600:1f18:abcd:12")), `${c.source} ${c.host} ${c.answer}`);
        const failed = p.checks.filter(c => c.verdict === "fail");
        assert.deepStrictEqual(failed.map(c => `${c.source} ${c.host} ${c.reason}`), []);
    });

    it("a missing IPv6 route, AAAA record or IPv6 rule fails the AAAA check and names it", () => {
        const without = (pred: (r: PlannedResource) => boolean) => p.stacks.map(s => ({ ...s, resources: s.resources.filter(r => !pred(r)) }));
        const aaaaOf = (checks: PathCheck[], source: string, host: string) => checks.find(c => c.recordType === "AAAA" && c.source === source && c.host === host)!;
        const host = `ssm.${R}.amazonaws.com`;
        let checks = checkPaths(without(r => r.type === ROUTE && r.inputs.destinationIpv6CidrBlock === HUB6 && r.name.startsWith("member-a")), p.publicDns, undefined, p.publicDns6);
        assert.match(aaaaOf(checks, "member-a", host).reason, /^route table rtb-0aaaaaaaaaaaa0001 of member-a has no IPv6 route to 2600:1f18:abcd:12/);
        assert.strictEqual(aaaaOf(checks, "member-a", host).verdict, "fail");
        checks = checkPaths(without(r => r.type === RECORD && r.inputs.type === "AAAA" && r.inputs.name === host), p.publicDns, undefined, p.publicDns6);
        assert.match(aaaaOf(checks, "member-b", host).reason, /zone ssm\.ap-northeast-1\.amazonaws\.com has no record for ssm\.ap-northeast-1\.amazonaws\.com \(NXDOMAIN\): missing the apex AAAA record/);
        checks = checkPaths(p.stacks.map(s => ({ ...s, resources: s.resources.map(r => r.name === "ssm-endpoint"
            ? { ...r, inputs: { ...r.inputs, ingress: r.inputs.ingress.filter((x: any) => !(x.ipv6CidrBlocks ?? []).includes(ONPREM6)) } } : r) })), p.publicDns, undefined, p.publicDns6);
        assert.match(aaaaOf(checks, "on-prem", host).reason, /does not admit on-prem 2001:db8:100::\/48 on tcp 443 \(no IPv6 rule\)/);
    });
});

describe("examples/dual-stack (npm run plan -- --stacks-dir examples/dual-stack)", () => {
    it("plans with every check passing: AAAA checks for the IPv6 members and on-prem, none for the IPv4-only member", async () => {
        const { files: f, errors } = loadStackFiles(path.join(ROOT, "examples", "dual-stack"));
        assert.deepStrictEqual(errors, []);
        const v = validateStacks(f);
        assert.deepStrictEqual(v.errors, []);
        const p = await evaluate(f, v.configs, new SimCloud());
        assert.deepStrictEqual(p.checks.filter(c => c.verdict === "fail").map(c => `${c.source} ${c.host}: ${c.reason}`), []);
        const aaaa = p.checks.filter(c => c.recordType === "AAAA");
        assert.deepStrictEqual([...new Set(aaaa.map(c => c.source))].sort(), ["app", "data", "on-prem"]);
        assert.ok(aaaa.some(c => c.host === `kms.${R}.api.aws`) && aaaa.some(c => c.host === `sts.${R}.api.aws`));
        assert.ok(p.checks.some(c => c.source === "legacy" && c.host === `kms.${R}.api.aws` && c.verdict === "pass" && c.recordType === undefined));
    });
});

describe("dual-stack against AWS's answer and refusals", () => {
    it("a dual-stack zone AWS does not list is left out with a warning, and no check looks for it", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService(R, {
            serviceName: `com.amazonaws.${R}.logs`, privateDnsNames: [`logs.${R}.amazonaws.com`], vpcEndpointPolicySupported: true,
            availabilityZones: [`${R}a`, `${R}c`], supportedIpAddressTypes: ["ipv4", "ipv6"],
        });
        const p = await plan(dualRaw(), sim);
        assert.ok(!of(hubOf(p), ZONE).some(z => z.inputs.name === `logs.${R}.api.aws`));
        assert.ok(p.warnings.some(w => w.message === `shared: logs: AWS does not list the dual-stack name logs.${R}.api.aws in ${R}: no zone for it`));
        assert.ok(!p.checks.some(c => c.host === `logs.${R}.api.aws`));
        assert.ok(p.checks.every(c => c.verdict === "pass"));
    });

    it("a service that accepts only IPv4 keeps an IPv4 endpoint (pure verdict)", () => {
        const svc = { name: "sqs", endpointService: `com.amazonaws.${R}.sqs`, zones: [{ name: `sqs.${R}.amazonaws.com`, wildcard: false }], ports: [443], supportsPolicy: true };
        const subnets = [{ id: "a", availabilityZone: `${R}a` }, { id: "c", availabilityZone: `${R}c` }];
        const facts = { serviceName: svc.endpointService, privateDnsNames: [`sqs.${R}.amazonaws.com`], vpcEndpointPolicySupported: true, availabilityZones: [`${R}a`, `${R}c`] };
        assert.strictEqual(checkEndpointService(svc, { ...facts, supportedIpAddressTypes: ["ipv4"] }, subnets, R, "dualstack").ipAddressType, "ipv4");
        assert.strictEqual(checkEndpointService(svc, { ...facts, supportedIpAddressTypes: ["ipv4", "ipv6"] }, subnets, R, "dualstack").ipAddressType, "dualstack");
        assert.strictEqual(checkEndpointService(svc, { ...facts, supportedIpAddressTypes: ["ipv4", "ipv6"] }, subnets, R, "ipv4").ipAddressType, "ipv4");
    });

    it("hub subnets without IPv6: a config error naming each subnet that lacks it", async () => {
        const sim = new SimCloud();
        const raw = dualRaw();
        // The first subnet exists without an IPv6 block (seeded before the hub declares its VPC).
        sim.registerVpc(raw.shared["vpce-hub:vpc"].id, "10.0.0.0/16", ["subnet-0a1b2c3d4e5f60001"], R, ["rtb-0a1b2c3d4e5f60001"]);
        const f = files({ shared: raw.shared });
        await assert.rejects(evaluate(f, validateStacks(f).configs, sim), (e: unknown) => {
            assert.ok(e instanceof ConfigValidationError);
            assert.deepStrictEqual(e.errors.map(formatError), ["error: shared: vpce-hub:vpc.subnetIds: subnet-0a1b2c3d4e5f60001 has no IPv6 block: ipAddressType dualstack needs dual-stack subnets; " +
                `assign each an IPv6 /64 from ${HUB6}, or list other subnets`]);
            return true;
        });
    });

    it("a Transit Gateway member the hub registered IPv6 blocks for needs IPv6 in its attachment subnets: a config error naming them", async () => {
        const raw = dualRaw();
        delete raw["member-b"]["vpce-hub:vpc"].ipv6Cidr;
        const f = files(raw);
        await assert.rejects(evaluate(f, validateStacks(f).configs, new SimCloud()), (e: unknown) => {
            assert.ok(e instanceof ConfigValidationError);
            assert.deepStrictEqual(e.errors.map(formatError), ["error: member-b: vpce-hub:vpc.subnetIds: subnet-0bbbbbbbbbbbb0001, subnet-0bbbbbbbbbbbb0002 have no IPv6 block: " +
                'the hub registered IPv6 blocks for "member-b", and a Transit Gateway attachment carries IPv6 only with IPv6 in its subnets (ipv6Support)']);
            return true;
        });
    });

    it("a listed subnet the endpoints do not use (second in its AZ) may stay IPv4-only", async () => {
        const sim = new SimCloud();
        const raw = dualRaw();
        const ids = ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003", "subnet-0a1b2c3d4e5f60004"];
        raw.shared["vpce-hub:vpc"].subnetIds = ids;
        // Subnet 4 lands in the first AZ again (a, c, d, a) and has no IPv6 block.
        sim.registerVpc(raw.shared["vpce-hub:vpc"].id, "10.0.0.0/16", ids.slice(0, 3), R, ["rtb-0a1b2c3d4e5f60001"], undefined, HUB6);
        sim.registerVpc(raw.shared["vpce-hub:vpc"].id, "10.0.0.0/16", ids, R, ["rtb-0a1b2c3d4e5f60001"]);
        assert.strictEqual(sim.subnets.get(ids[3])!.ipv6Cidr, undefined);
        const p = await plan(raw, sim);
        const ssm = of(hubOf(p), ENDPOINT).find(e => e.name === "ssm")!;
        assert.deepStrictEqual(ssm.inputs.subnetIds, ids.slice(0, 3));
    });

    it("the simulated cloud refuses a dual-stack endpoint in an IPv4-only subnet, and an AAAA alias to a name without AAAA records", () => {
        const sim = new SimCloud();
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-1"], R);
        sim.registerVpc("vpc-1", "10.0.0.0/16", ["subnet-1", "subnet-2"], R, [], undefined, HUB6);
        sim.newResource({ type: ENDPOINT, name: "ssm", inputs: { serviceName: `com.amazonaws.${R}.ssm`, subnetIds: ["subnet-1", "subnet-2"], ipAddressType: "dualstack", dnsOptions: { dnsRecordIpType: "dualstack" } }, custom: true } as any);
        assert.match(sim.refusals[0].error.message, /^InvalidParameter: The subnets subnet-1 do not have IPv6 address ranges/);
        const v4 = sim.newResource({ type: ENDPOINT, name: "ssm4", inputs: { serviceName: `com.amazonaws.${R}.ssm`, subnetIds: ["subnet-1", "subnet-2"] }, custom: true } as any);
        const entry = v4.state.dnsEntries[0];
        sim.newResource({ type: RECORD, name: "aaaa", inputs: { zoneId: "Z1", name: `ssm.${R}.amazonaws.com`, type: "AAAA", aliases: [{ name: entry.dnsName, zoneId: entry.hostedZoneId, evaluateTargetHealth: false }] }, custom: true } as any);
        assert.match(sim.refusals[1].error.message, /^InvalidChangeBatch: \[Tried to create an alias that targets .*, type AAAA in zone .*, but that target was not found\]/);
        assert.strictEqual(sim.refusals.length, 2);
    });
});

describe("dual-stack zones of a service (lib/aws/dualStack.ts withDualStackZones)", () => {
    const R = "ap-northeast-1";
    const svc = (spec: { name: string; zones?: { name: string; wildcard: boolean }[] }): ResolvedService => {
        const r = resolveService(spec, R);
        if (typeof r === "string") throw new Error(r);
        return r;
    };

    it("adds the dual-stack name as a zone kept only where AWS serves it (ifServed)", () => {
        assert.deepStrictEqual(withDualStackZones(svc({ name: "kms" }), R).zones, [
            { name: "kms.ap-northeast-1.amazonaws.com", wildcard: false },
            { name: "kms.ap-northeast-1.api.aws", wildcard: false, ifServed: true },
        ]);
    });

    it("a dual-stack name the user lists among the zones stays the user's (AWS must serve it), and is not added twice", () => {
        const zones = [{ name: "kms.{region}.amazonaws.com", wildcard: false }, { name: "kms.{region}.api.aws", wildcard: false }];
        assert.deepStrictEqual(withDualStackZones(svc({ name: "kms", zones }), R).zones, [
            { name: "kms.ap-northeast-1.amazonaws.com", wildcard: false },
            { name: "kms.ap-northeast-1.api.aws", wildcard: false },
        ]);
    });
});

// Catalog rows held to AWS's documentation (issue 22): the names a hub creates are the names AWS
// serves and clients call, and what AWS does not offer where the hub is, is refused with what
// reaches it. Each test plans the example stacks with the hub's services replaced where the
// behaviour shows only end to end.
import * as assert from "assert";
import { resolveService } from "../lib/catalog/lookup";
import type { ResolvedService, ServiceOverride } from "../lib/catalog/types";
import type { EndpointServiceFacts } from "../lib/aws/endpointService";
import { dualStackZones } from "../lib/aws/dualStack";
import type { ConfigError } from "../lib/config";
import { PathCheck } from "../lib/model";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { SimCloud } from "../sim/cloud";
import { serviceDnsPlan } from "../components/hub";
import { EXAMPLE_DIR } from "./helpers";

const R = "ap-northeast-1";
const E = "us-east-1";

function resolved(spec: ServiceOverride | string, region = R): ResolvedService {
    const r = resolveService(typeof spec === "string" ? { name: spec } : spec, region);
    if (typeof r === "string") throw new Error(r);
    return r;
}
const zonesOf = (spec: ServiceOverride | string, region = R) => resolved(spec, region).zones.map(z => `${z.wildcard ? "*." : ""}${z.name}`);

/** The example stacks with the hub's services (and every stack's region) replaced. */
function configsWith(services: unknown[], region = R, extra: Record<string, unknown> = {}) {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    const edited = files.map(f => ({
        ...f, raw: { ...f.raw, "aws:region": region, ...(f.raw["vpce-hub:role"] === "hub" ? { "vpce-hub:services": services, ...extra } : {}) },
    }));
    return { files: edited, ...validateStacks(edited) };
}

/** The plan of those stacks; evaluate throws the config errors a stack program (the deploy-time check) raises. */
async function planWith(services: unknown[], region = R, sim = new SimCloud(), extra: Record<string, unknown> = {}) {
    const { files, configs, errors } = configsWith(services, region, extra);
    assert.deepStrictEqual(errors, []);
    return evaluate(files, configs, sim);
}

const messages = (errors: readonly ConfigError[]) => errors.map(e => `${e.stack}: ${e.key}: ${e.message}`);
const failing = (checks: PathCheck[]) => checks.filter(c => c.verdict === "fail");
const zoneNames = (plan: Awaited<ReturnType<typeof planWith>>) => plan.stacks[0].resources.filter(r => r.type === "aws:route53/zone:Zone").map(z => z.inputs.name).sort();

/** What DescribeVpcEndpointServices answers for S3 in a region (S3 user guide, "AWS PrivateLink for Amazon S3", Private DNS). */
const s3Facts = (region: string): EndpointServiceFacts => ({
    serviceName: `com.amazonaws.${region}.s3`,
    privateDnsNames: [`*.s3.${region}.amazonaws.com`, `*.s3-control.${region}.amazonaws.com`, `*.s3-accesspoint.${region}.amazonaws.com`],
    vpcEndpointPolicySupported: true, availabilityZones: [`${region}a`, `${region}b`, `${region}c`, `${region}d`], supportedIpAddressTypes: ["ipv4", "ipv6"],
});

describe("S3 in us-east-1: the endpoint serves Regional names only, not the legacy global s3.amazonaws.com", () => {
    it("plans no s3.amazonaws.com zone by default: the same three Regional zones as every Region", () => {
        assert.deepStrictEqual(zonesOf("s3", E), ["*.s3.us-east-1.amazonaws.com", "*.s3-control.us-east-1.amazonaws.com", "*.s3-accesspoint.us-east-1.amazonaws.com"]);
        assert.strictEqual(resolved("s3", E).warning, undefined);
    });

    it("a us-east-1 hub with s3 passes the deploy-time check against S3's real private DNS names (the global zone stopped it)", async () => {
        const sim = new SimCloud();
        sim.registerEndpointService(E, s3Facts(E));
        const plan = await planWith(["s3", "sqs"], E, sim);
        assert.ok(!zoneNames(plan).includes("s3.amazonaws.com"));
        // Only the SDK oracle's note names the global name: clients with useGlobalEndpoint still call it.
        assert.deepStrictEqual(plan.warnings.filter(w => /s3\.amazonaws\.com/.test(w.message)).map(w => w.code), ["sdk:s3"]);
        assert.deepStrictEqual(failing(plan.checks), []);
    });

    it("a user may declare s3.amazonaws.com: planned, with a warning about other Regions' buckets, and no deploy-time error", async () => {
        const zones = ["*.s3.{region}.amazonaws.com", "*.s3-control.{region}.amazonaws.com", "*.s3-accesspoint.{region}.amazonaws.com", "*.s3.amazonaws.com"];
        const sim = new SimCloud();
        sim.registerEndpointService(E, s3Facts(E));
        const plan = await planWith([{ name: "s3", zones }], E, sim);
        assert.ok(zoneNames(plan).includes("s3.amazonaws.com"));
        const w = plan.warnings.find(x => x.code === "service:s3");
        assert.ok(w, JSON.stringify(plan.warnings));
        assert.match(w.message, /s3: the zone s3\.amazonaws\.com sends the legacy global name .* does not support legacy global endpoints .* buckets in other Regions/);
        assert.ok(plan.warnings.some(x => x.code === "aws:s3" && /does not list s3\.amazonaws\.com among its private DNS names/.test(x.message)), JSON.stringify(plan.warnings));
        // Declared elsewhere, the zone is an ordinary zone of the user's: no such warning.
        assert.strictEqual(resolved({ name: "s3", zones: zones.map(z => ({ name: z.replace(/^\*\./, ""), wildcard: true })) }, R).warning, undefined);
    });
});

describe("S3 Multi-Region Access Points: clients call <alias>.accesspoint.s3-global.amazonaws.com", () => {
    it("zone accesspoint.s3-global.amazonaws.com with a wildcard; the MRAP host resolves to the endpoint from every source", async () => {
        assert.deepStrictEqual(zonesOf("s3-global.accesspoint"), ["*.accesspoint.s3-global.amazonaws.com"]);
        const plan = await planWith(["s3-global.accesspoint"]);
        const hub = plan.stacks[0];
        assert.deepStrictEqual(hub.resources.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").map(e => e.inputs.serviceName), ["com.amazonaws.s3-global.accesspoint"]);
        const mrap = plan.checks.filter(c => c.host === "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com");
        assert.deepStrictEqual(mrap.map(c => `${c.source} ${c.verdict}`).sort(), ["member-a pass", "member-b pass", "on-prem pass"]);
        assert.deepStrictEqual(failing(plan.checks), []);
    });
});

describe("AWS IoT Core: data and credential endpoints have no private DNS; their zones are the account's describe-endpoint names", () => {
    it("refuses iot.data and iot.credentials without `zones`, naming the key and the describe-endpoint command that prints the name", () => {
        const { errors } = configsWith(["sqs", "iot.data", "iot.credentials"]);
        assert.deepStrictEqual(messages(errors).filter(m => !/member stacks/.test(m)), [
            "shared: vpce-hub:services[1]: iot.data has no zone names the catalog could know: declare them as `zones` ({ name: iot.data, zones: [<name>] }): " +
            "the endpoint devices call is your account's: `aws iot describe-endpoint --endpoint-type iot:Data-ATS --query endpointAddress --output text` prints it " +
            "(such as a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com), or use your domain configuration's name",
            "shared: vpce-hub:services[2]: iot.credentials has no zone names the catalog could know: declare them as `zones` ({ name: iot.credentials, zones: [<name>] }): " +
            "the credential provider's endpoint is your account's: `aws iot describe-endpoint --endpoint-type iot:CredentialProvider --query endpointAddress --output text` prints it " +
            "(such as c1b2c3d4e5f6g7.credentials.iot.ap-northeast-1.amazonaws.com)",
        ]);
    });

    it("declared, each name is its own zone with an apex record; no private DNS, no endpoint policy (not even records: endpoint turns them on)", () => {
        const data = resolved({ name: "iot.data", zones: [{ name: "a1b2c3d4e5f6g7-ats.iot.{region}.amazonaws.com", wildcard: false }] });
        assert.deepStrictEqual(data.zones.map(z => z.name), ["a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com"]);
        assert.strictEqual(data.privateDns, false);
        assert.deepStrictEqual(data.privateDnsNames, []);
        assert.strictEqual(data.supportsPolicy, false);
        assert.strictEqual(resolved({ name: "iot.credentials", zones: [{ name: "c1.credentials.iot.{region}.amazonaws.com", wildcard: false }] }).supportsPolicy, false);
        assert.match(resolveService({ name: "iot.data", zones: data.zones, policy: "{}" }, R) as string, /does not accept VPC endpoint policies/);
        // records: endpoint leans on endpoints' private DNS; these have none, so they keep the hub's zone.
        assert.deepStrictEqual(serviceDnsPlan(data, { sharing: "profile", records: "endpoint" }),
            { privateDns: false, zones: [{ name: "a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com", wildcard: false, parked: false }] });
        assert.strictEqual(serviceDnsPlan(resolved("iot.api"), { sharing: "profile", records: "endpoint" }).privateDns, true);
    });

    it("the control plane iot.api answers iot.<region>.amazonaws.com with private DNS; beside it the data and credential zones answer the devices' names", async () => {
        const data = "a1b2c3d4e5f6g7-ats.iot.{region}.amazonaws.com";
        const creds = "c1b2c3d4e5f6g7.credentials.iot.{region}.amazonaws.com";
        assert.deepStrictEqual(resolved("iot.api").privateDnsNames, [{ name: "iot.ap-northeast-1.amazonaws.com", wildcard: false }]);
        const sim = new SimCloud();
        // AWS lists no private DNS name for the data and credential endpoints.
        for (const svc of ["iot.data", "iot.credentials"]) {
            sim.registerEndpointService(R, { serviceName: `com.amazonaws.${R}.${svc}`, privateDnsNames: [], vpcEndpointPolicySupported: false, availabilityZones: [`${R}a`, `${R}c`, `${R}d`], supportedIpAddressTypes: ["ipv4"] });
        }
        const plan = await planWith(["iot.api", { name: "iot.data", zones: [data] }, { name: "iot.credentials", zones: [creds] }], R, sim);
        assert.deepStrictEqual(zoneNames(plan), ["a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com", "c1b2c3d4e5f6g7.credentials.iot.ap-northeast-1.amazonaws.com", "iot.ap-northeast-1.amazonaws.com"]);
        const endpoints = plan.stacks[0].resources.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
        for (const e of endpoints.filter(x => x.name !== "iot.api")) assert.strictEqual(e.inputs.policy, undefined, `${e.name} gets no endpoint policy`);
        for (const host of ["a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com", "c1b2c3d4e5f6g7.credentials.iot.ap-northeast-1.amazonaws.com", "iot.ap-northeast-1.amazonaws.com"]) {
            assert.deepStrictEqual(plan.checks.filter(c => c.host === host).map(c => c.verdict), ["pass", "pass", "pass"], host);
        }
        assert.ok(!plan.warnings.some(w => w.code === "service:iot.api"), "with both beside it, the control plane's zone shadows nothing");
        assert.deepStrictEqual(failing(plan.checks), []);
    });

    it("iot.api without the data and credential zones warns that its zone leaves devices' names unanswered", async () => {
        const plan = await planWith(["iot.api"]);
        const w = plan.warnings.find(x => x.code === "service:iot.api");
        assert.ok(w, JSON.stringify(plan.warnings));
        assert.match(w.message, /the zone iot\.ap-northeast-1\.amazonaws\.com answers every name below it .*<prefix>-ats\.iot\.ap-northeast-1\.amazonaws\.com .*NXDOMAIN/);
    });
});

describe("global services on PrivateLink: planned in the Region AWS offers them, refused elsewhere with what reaches them", () => {
    it("a us-east-1 hub centralizes iam, route53, cloudfront, organizations and savingsplans under their global names", async () => {
        const expected: Record<string, [string, string]> = {
            iam: ["com.amazonaws.iam", "iam.amazonaws.com"],
            route53: ["com.amazonaws.route53", "route53.amazonaws.com"],
            cloudfront: ["com.amazonaws.cloudfront", "cloudfront.amazonaws.com"],
            organizations: ["com.amazonaws.us-east-1.organizations", "organizations.us-east-1.amazonaws.com"],
            savingsplans: ["com.amazonaws.savingsplans", "savingsplans.amazonaws.com"],
        };
        for (const [svc, [endpointService, zone]] of Object.entries(expected)) {
            const r = resolved(svc, E);
            assert.deepStrictEqual([r.endpointService, r.zones.map(z => z.name)], [endpointService, [zone]], svc);
        }
        const plan = await planWith(Object.keys(expected), E);
        for (const [, [, zone]] of Object.entries(expected)) {
            assert.deepStrictEqual(plan.checks.filter(c => c.host === zone).map(c => c.verdict), ["pass", "pass", "pass"], zone);
        }
    });

    it("a hub in another Region: iam and route53 refused naming us-east-1 and cross-Region PrivateLink; organizations naming us-east-1 only", () => {
        const iam = resolveService({ name: "iam" }, "eu-west-1") as string;
        assert.match(iam, /^iam has its interface endpoint only in us-east-1 \(com\.amazonaws\.iam\): a hub in eu-west-1 cannot centralize it\. /);
        assert.match(iam, /a cross-Region interface endpoint reaches it .*service Region us-east-1/);
        assert.match(iam, /or a hub in us-east-1 reached over Transit Gateway peering/);
        assert.match(resolveService({ name: "route53" }, "eu-west-1") as string, /cross-Region interface endpoint reaches it/);
        const org = resolveService({ name: "organizations" }, "eu-west-1") as string;
        assert.match(org, /^organizations has its interface endpoint only in us-east-1 \(com\.amazonaws\.us-east-1\.organizations\)/);
        assert.match(org, /AWS offers no cross-Region endpoint for it: only a hub in us-east-1 reached over Transit Gateway peering does/);
        const { errors } = configsWith(["sqs", "iam"], "eu-west-1");
        assert.deepStrictEqual(errors.filter(e => e.stack === "shared" && e.key !== "(member stacks)").map(e => e.key), ["vpce-hub:services[1]"]);
    });

    it("the simulated AWS knows a global service's endpoint service only in its Region (InvalidServiceName elsewhere)", () => {
        const sim = new SimCloud();
        sim.endpoints.declareServices("eu-west-1", [{ ...resolved("iam", E), endpointService: "com.amazonaws.iam" }]);
        assert.strictEqual(sim.endpoints.endpointService("eu-west-1", "com.amazonaws.iam"), null);
        sim.endpoints.declareServices(E, [resolved("iam", E)]);
        assert.deepStrictEqual(sim.endpoints.endpointService(E, "com.amazonaws.iam")?.privateDnsNames, ["iam.amazonaws.com"]);
    });
});

describe("Step Functions: StartSyncExecution calls sync-states, an endpoint service of its own", () => {
    it("sync-states is a catalog row; states warns without it and not with it", async () => {
        assert.deepStrictEqual(zonesOf("sync-states"), ["sync-states.ap-northeast-1.amazonaws.com"]);
        assert.strictEqual(resolved("sync-states").assumed, undefined);
        const alone = await planWith(["states"]);
        assert.match(alone.warnings.find(w => w.code === "service:states")!.message, /^shared: states: StartSyncExecution \(express workflows\) calls sync-states\.ap-northeast-1\.amazonaws\.com, another endpoint service: list `sync-states` too$/);
        const both = await planWith(["states", "sync-states"]);
        assert.ok(!both.warnings.some(w => w.code === "service:states"));
    });
});

describe("AppSync: one endpoint for GraphQL and real-time APIs, and public APIs blocked", () => {
    it("zones for <api-id>.appsync-api and <api-id>.appsync-realtime-api, with a warning as for execute-api", async () => {
        assert.deepStrictEqual(zonesOf("appsync-api"), ["*.appsync-api.ap-northeast-1.amazonaws.com", "*.appsync-realtime-api.ap-northeast-1.amazonaws.com"]);
        const plan = await planWith(["appsync-api"]);
        const w = plan.warnings.find(x => x.code === "service:appsync-api");
        assert.ok(w);
        assert.match(w.message, /spokes can no longer reach public AppSync APIs/);
        assert.ok(plan.checks.some(c => c.host === "abcdefghijklmnopqrstuvwxyz.appsync-realtime-api.ap-northeast-1.amazonaws.com" && c.verdict === "pass"));
        assert.deepStrictEqual(failing(plan.checks), []);
    });
});

describe("endpoint policies and dual-stack names as AWS describes the services", () => {
    it("App Mesh Envoy management, AppStream API and Transfer servers accept no endpoint policy (VpcEndpointPolicySupported false)", () => {
        for (const svc of ["appmesh-envoy-management", "appstream.api", "transfer.server", "iot.data", "iot.credentials"]) {
            const r = resolveService({ name: svc, zones: [{ name: `${svc}.{region}.amazonaws.com`, wildcard: false }], policy: "{}" }, R);
            assert.match(r as string, /does not accept VPC endpoint policies/, svc);
        }
    });

    it("CloudWatch answers monitoring.<region>.api.aws and EKS eks.<region>.api.aws on dual-stack hubs", () => {
        assert.deepStrictEqual(dualStackZones("monitoring", R).map(z => z.name), ["monitoring.ap-northeast-1.api.aws"]);
        assert.deepStrictEqual(dualStackZones("eks", R).map(z => z.name), ["eks.ap-northeast-1.api.aws"]);
    });
});

describe("the PrivateLink list's other verdicts: rows AWS dropped, names without a Region, gateway-only services", () => {
    it("qldb.session is no longer a catalog row; savingsplans is com.amazonaws.savingsplans; s3express is refused with the reason", () => {
        assert.strictEqual(resolved("qldb.session").assumed, true);
        assert.strictEqual(resolved("savingsplans", E).endpointService, "com.amazonaws.savingsplans");
        assert.match(resolveService({ name: "s3express" }, R) as string, /^s3express \(S3 Express One Zone, directory buckets\) is reached through a gateway endpoint .*per-Availability-Zone names/);
    });
});

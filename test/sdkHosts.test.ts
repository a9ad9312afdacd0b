// The oracle of the names clients call (issue 22, "The names clients call, from the AWS SDKs"):
// which host a client calls is decided by the endpoint rules AWS ships in every SDK, not by our
// catalog. Each AWS SDK for JavaScript v3 client below is asked which host it would call for a
// representative operation, in four Regions, with and without dual-stack endpoints, and the
// request is stopped before it is sent (a build-step middleware records the host and throws; the
// request handler throws too). Every host must be answered, as Route 53 would answer it, by a
// zone the plan creates for that service in that Region, or be a row of
// lib/aws/clientHosts.ts (with why and its source), which is also a plan warning.
// The catalog claims no FIPS names, so FIPS endpoints are not asked for.
import * as assert from "assert";
import { resolveService } from "../lib/catalog/lookup";
import type { ResolvedService, ServiceOverride } from "../lib/catalog/types";
import { withDualStackZones } from "../lib/aws/dualStack";
import { lookupRecord } from "../lib/aws/records";
import { UNANSWERED_HOSTS, UnansweredHost, unansweredHostsWarning } from "../lib/aws/clientHosts";
import { CATALOG } from "../lib/catalog/lookup";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { ROOT } from "./helpers";
import * as path from "path";
import { planOf } from "./fixtures/examplePlan";

const REGIONS = ["us-east-1", "ap-northeast-1", "eu-central-1", "us-west-2"];
const ACCOUNT = "123456789012";
const BUCKET = "amzn-s3-demo-bucket";
const ACCESS_POINT = "my-ap";
/** Credentials with an account id: SDKs use account-based endpoints (DynamoDB, Kinesis) when they know it. */
const CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "not-a-secret", accountId: ACCOUNT };
/** The data endpoint of an account, as `aws iot describe-endpoint --endpoint-type iot:Data-ATS` prints it (declared as the zone). */
const IOT_DATA = "a1b2c3d4e5f6g7-ats.iot.{region}.amazonaws.com";
const body = () => new Uint8Array([123, 125]);

interface Probe {
    /** The catalog service whose zones must answer. */
    readonly service: string;
    /** @aws-sdk/client-<pkg> */
    readonly pkg: string;
    readonly command: string;
    readonly input: (region: string) => Record<string, unknown>;
    readonly config?: (region: string) => Record<string, unknown>;
    readonly what: string;
    /** The SDK refuses dual-stack for this call (asserted): why. */
    readonly noDualStack?: string;
}

const p = (service: string, pkg: string, command: string, what: string, input: Probe["input"] = () => ({}), extra: Partial<Probe> = {}): Probe =>
    ({ service, pkg, command, what, input, ...extra });

const PROBES: readonly Probe[] = [
    p("s3", "s3", "GetObjectCommand", "GetObject, virtual-hosted bucket", () => ({ Bucket: BUCKET, Key: "k" })),
    p("s3", "s3", "GetObjectCommand", "GetObject, path style", () => ({ Bucket: BUCKET, Key: "k" }), { config: () => ({ forcePathStyle: true }) }),
    p("s3", "s3", "ListBucketsCommand", "ListBuckets"),
    p("s3", "s3", "GetObjectCommand", "GetObject, useGlobalEndpoint", () => ({ Bucket: BUCKET, Key: "k" }), { config: () => ({ useGlobalEndpoint: true }) }),
    p("s3", "s3", "GetObjectCommand", "GetObject through an access point ARN", r => ({ Bucket: `arn:aws:s3:${r}:${ACCOUNT}:accesspoint/${ACCESS_POINT}`, Key: "k" })),
    p("s3", "s3-control", "GetPublicAccessBlockCommand", "S3 Control GetPublicAccessBlock", () => ({ AccountId: ACCOUNT })),
    p("s3-global.accesspoint", "s3", "GetObjectCommand", "GetObject through a Multi-Region Access Point", () => ({ Bucket: `arn:aws:s3::${ACCOUNT}:accesspoint/mfzwi23gnjvgw.mrap`, Key: "k" }),
        { noDualStack: "S3 MRAP does not support dual-stack" }),
    p("sqs", "sqs", "ListQueuesCommand", "ListQueues"),
    p("sqs", "sqs", "SendMessageCommand", "SendMessage to a queue URL", r => ({ QueueUrl: `https://sqs.${r}.amazonaws.com/${ACCOUNT}/q`, MessageBody: "m" })),
    p("sqs", "sqs", "SendMessageCommand", "SendMessage to a legacy queue URL", r => ({ QueueUrl: `https://${r}.queue.amazonaws.com/${ACCOUNT}/q`, MessageBody: "m" })),
    p("sns", "sns", "ListTopicsCommand", "ListTopics"),
    p("ssm", "ssm", "GetParameterCommand", "GetParameter", () => ({ Name: "p" })),
    p("ec2", "ec2", "DescribeInstancesCommand", "DescribeInstances"),
    p("kms", "kms", "ListKeysCommand", "ListKeys"),
    p("sts", "sts", "GetCallerIdentityCommand", "GetCallerIdentity"),
    p("sts", "sts", "GetCallerIdentityCommand", "GetCallerIdentity, useGlobalEndpoint", undefined, { config: () => ({ useGlobalEndpoint: true }) }),
    p("logs", "cloudwatch-logs", "DescribeLogGroupsCommand", "DescribeLogGroups"),
    p("monitoring", "cloudwatch", "ListMetricsCommand", "ListMetrics"),
    p("secretsmanager", "secrets-manager", "GetSecretValueCommand", "GetSecretValue", () => ({ SecretId: "s" })),
    p("lambda", "lambda", "InvokeCommand", "Invoke", () => ({ FunctionName: "f", Payload: body() })),
    p("ecr.api", "ecr", "GetAuthorizationTokenCommand", "GetAuthorizationToken"),
    p("ecs", "ecs", "ListClustersCommand", "ListClusters"),
    p("eks", "eks", "ListClustersCommand", "ListClusters"),
    p("events", "eventbridge", "PutEventsCommand", "PutEvents", () => ({ Entries: [{ Source: "s", DetailType: "d", Detail: "{}" }] })),
    p("states", "sfn", "ListStateMachinesCommand", "ListStateMachines"),
    p("sync-states", "sfn", "StartSyncExecutionCommand", "StartSyncExecution", r => ({ stateMachineArn: `arn:aws:states:${r}:${ACCOUNT}:stateMachine:m` })),
    p("kinesis-streams", "kinesis", "ListStreamsCommand", "ListStreams (control, account from the credentials)"),
    p("kinesis-streams", "kinesis", "PutRecordCommand", "PutRecord (data, account from the stream ARN)",
        r => ({ StreamARN: `arn:aws:kinesis:${r}:${ACCOUNT}:stream/s`, Data: body(), PartitionKey: "k" })),
    p("kinesis-firehose", "firehose", "ListDeliveryStreamsCommand", "ListDeliveryStreams"),
    p("athena", "athena", "ListWorkGroupsCommand", "ListWorkGroups"),
    p("elasticloadbalancing", "elastic-load-balancing-v2", "DescribeLoadBalancersCommand", "DescribeLoadBalancers"),
    p("cloudformation", "cloudformation", "ListStacksCommand", "ListStacks"),
    p("codebuild", "codebuild", "ListProjectsCommand", "ListProjects"),
    p("sagemaker.runtime", "sagemaker-runtime", "InvokeEndpointCommand", "InvokeEndpoint", () => ({ EndpointName: "e", Body: body() })),
    p("apigateway", "api-gateway", "GetRestApisCommand", "GetRestApis"),
    p("appsync", "appsync", "ListGraphqlApisCommand", "ListGraphqlApis"),
    p("iot.api", "iot", "ListThingsCommand", "ListThings"),
    p("iot.data", "iot-data-plane", "GetThingShadowCommand", "GetThingShadow, no endpoint configured", () => ({ thingName: "t" })),
    p("iot.data", "iot-data-plane", "GetThingShadowCommand", "GetThingShadow at the account's data endpoint", () => ({ thingName: "t" }),
        { config: r => ({ endpoint: `https://${IOT_DATA.replace("{region}", r)}` }), noDualStack: "Dualstack and custom endpoint are not supported" }),
    p("xray", "xray", "GetSamplingRulesCommand", "GetSamplingRules"),
    p("bedrock-runtime", "bedrock-runtime", "InvokeModelCommand", "InvokeModel", () => ({ modelId: "m", body: body() })),
];

/** Catalog services the plan cannot centralize, with the host their clients call (the reason it is refused). */
const REFUSED_PROBES: readonly (Probe & { readonly refusedFor: RegExp })[] = [
    { ...p("dynamodb", "dynamodb", "GetItemCommand", "GetItem", () => ({ TableName: "t", Key: { k: { S: "v" } } })), refusedFor: /<account>\.ddb\.<region>\.amazonaws\.com/ },
];

class Stop extends Error {}

/** The host a client would call, or the SDK's own refusal (`error`); nothing is sent. */
async function hostOf(probe: Probe, region: string, dualStack: boolean): Promise<{ host?: string; error?: string }> {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const mod = require(`@aws-sdk/client-${probe.pkg}`) as Record<string, any>;
    const Client = Object.entries(mod).find(([k, v]) => typeof v === "function" && /^[A-Z][A-Za-z0-9]*Client$/.test(k) && k !== "Client" && v.prototype?.send)![1];
    const client = new Client({
        region, credentials: CREDENTIALS, maxAttempts: 1, useDualstackEndpoint: dualStack, ...(probe.config?.(region) ?? {}),
        // The SQS client warns when a queue URL's host differs from its endpoint: that is what it is asked here.
        logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
        requestHandler: { handle: async () => { throw new Error("the request handler was reached: a request would have been sent"); } },
    });
    let host: string | undefined;
    // After serialize: endpoint rules, the bucket as virtual host and operations' host prefixes are applied.
    client.middlewareStack.add((_next: unknown) => async (args: { request: { hostname: string } }) => {
        host = args.request.hostname;
        throw new Stop();
    }, { step: "build", priority: "low", name: "vpceHubHostProbe" });
    try {
        await client.send(new mod[probe.command](probe.input(region)));
    } catch (e) {
        if (!(e instanceof Stop)) return { error: (e as Error).message };
    }
    return { host };
}

interface Zone { readonly name: string; readonly wildcard: boolean; readonly service: string }

/** The zones a hub in `region` creates for every probed service (dual-stack zones on a dual-stack hub). */
function planZones(region: string, dualStack: boolean): Zone[] {
    const specs: ServiceOverride[] = [...new Set(PROBES.map(x => x.service))].map(name =>
        name === "iot.data" ? { name, zones: [{ name: IOT_DATA, wildcard: false }] } : { name });
    return specs.flatMap(spec => {
        const r = resolveService(spec, region);
        if (typeof r === "string") return [];
        const svc: ResolvedService = dualStack ? withDualStackZones(r, region) : r;
        return svc.zones.map(z => ({ name: z.name, wildcard: z.wildcard, service: svc.name }));
    });
}

/**
 * The zone that answers `host` as Route 53 does: the most specific zone the name is under, then
 * its apex record or its wildcard (lib/aws/records.ts lookupRecord); undefined for no answer.
 */
function answeringZone(host: string, zones: readonly Zone[]): Zone | undefined {
    const under = zones.filter(z => host === z.name || host.endsWith(`.${z.name}`)).sort((a, b) => b.name.length - a.name.length);
    const zone = under[0];
    if (!zone) return undefined;
    const records = { [zone.name]: ["a"], ...(zone.wildcard ? { [`*.${zone.name}`]: ["a"] } : {}) };
    return lookupRecord(records, host) ? zone : undefined;
}

const fill = (h: UnansweredHost, region: string) => h.host.split("<region>").join(region).split("<account>").join(ACCOUNT)
    .split("<bucket>").join(BUCKET).split("<access-point>").join(ACCESS_POINT);

interface Outcome { readonly probe: Probe; readonly region: string; readonly dualStack: boolean; readonly host?: string; readonly error?: string }

describe("AWS SDK clients' hosts (the oracle): every host a client calls is answered by the plan's zones, or is a listed, warned exception", function () {
    this.timeout(60000);
    let outcomes: Outcome[] = [];
    let refused: Outcome[] = [];

    before(async () => {
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
        const all = (probes: readonly Probe[]) => Promise.all(REGIONS.flatMap(region => [false, true].flatMap(dualStack =>
            probes.map(async probe => ({ probe, region, dualStack, ...await hostOf(probe, region, dualStack) })))));
        outcomes = await all(PROBES);
        refused = await all(REFUSED_PROBES);
    });

    it(`asks ${PROBES.length} operations of ${new Set(PROBES.map(x => x.pkg)).size} clients in ${REGIONS.length} Regions (us-east-1 among them), with and without dual-stack, sending nothing`, () => {
        assert.ok(new Set(PROBES.map(x => x.pkg)).size >= 25, "at least 25 clients");
        assert.ok(REGIONS.includes("us-east-1") && REGIONS.length >= 4);
        const unexpected = outcomes.filter(o => o.error && !(o.dualStack && o.probe.noDualStack && o.error.includes(o.probe.noDualStack)));
        assert.deepStrictEqual(unexpected.map(o => `${o.region} ${o.dualStack ? "dualstack" : "ipv4"} ${o.probe.pkg} ${o.probe.what}: ${o.error}`), []);
        // The calls the SDK refuses for dual-stack are refused (else the probe must look at them).
        for (const o of outcomes.filter(x => x.dualStack && x.probe.noDualStack)) assert.ok(o.error?.includes(o.probe.noDualStack!), `${o.probe.what}: ${o.host}`);
    });

    it("every host is answered by a zone of its own service, or is a row of lib/aws/clientHosts.ts for that service, Region and variant", () => {
        const wrong: string[] = [];
        for (const o of outcomes.filter(x => x.host)) {
            const zone = answeringZone(o.host!, planZones(o.region, o.dualStack));
            if (zone?.service === o.probe.service) continue;
            // An ipv4 row holds for clients with or without dual-stack; a dual-stack row only for those with it.
            const listed = UNANSWERED_HOSTS.some(h => h.service === o.probe.service && fill(h, o.region) === o.host &&
                (h.variant === "ipv4" || o.dualStack) && (!h.regions || h.regions.includes(o.region)));
            if (!listed) wrong.push(`${o.region} ${o.dualStack ? "dualstack" : "ipv4"} ${o.probe.pkg} ${o.probe.what}: ${o.host} -> ${zone ? `zone ${zone.name} of ${zone.service}` : "no zone"}`);
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("hosts the issue named are answered: S3 dual-stack buckets, MRAP aliases, Kinesis account endpoints, S3 Control, the account's IoT data endpoint", () => {
        const answered = (service: string, host: string, region: string, dualStack = false) =>
            assert.strictEqual(answeringZone(host, planZones(region, dualStack))?.service, service, host);
        const hosts = new Set(outcomes.map(o => o.host));
        for (const [service, host, dual] of [
            ["s3", `${BUCKET}.s3.dualstack.eu-central-1.amazonaws.com`, true],
            ["s3-global.accesspoint", "mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com", false],
            ["kinesis-streams", `${ACCOUNT}.control-kinesis.eu-central-1.amazonaws.com`, false],
            ["kinesis-streams", `${ACCOUNT}.data-kinesis.eu-central-1.amazonaws.com`, false],
            ["s3", `${ACCOUNT}.s3-control.eu-central-1.amazonaws.com`, false],
            ["iot.data", "a1b2c3d4e5f6g7-ats.iot.eu-central-1.amazonaws.com", false],
            ["s3", `${BUCKET}.s3.us-east-1.amazonaws.com`, false],
        ] as [string, string, boolean][]) {
            assert.ok(hosts.has(host), `a client calls ${host}`);
            answered(service, host, host.includes("us-east-1") ? "us-east-1" : "eu-central-1", dual);
        }
    });

    it("every row of lib/aws/clientHosts.ts is a host some client really calls (no stale row), for a catalog service", () => {
        for (const h of UNANSWERED_HOSTS) {
            assert.ok(h.service in CATALOG && !CATALOG[h.service].refused, h.service);
            const called = outcomes.some(o => o.probe.service === h.service && (h.variant === "dualstack") === o.dualStack &&
                (!h.regions || h.regions.includes(o.region)) && o.host === fill(h, o.region));
            assert.ok(called, `${h.service} ${h.host} (${h.variant}): no client called it`);
            assert.ok(h.why.length > 20 && h.source.length > 20, h.host);
        }
    });

    it("each row is a plan warning where its service is planned (dual-stack rows on dual-stack hubs only), naming the host and why", () => {
        for (const h of UNANSWERED_HOSTS) {
            const region = h.regions?.[0] ?? "eu-central-1";
            const host = h.host.split("<region>").join(region);
            assert.ok(unansweredHostsWarning(h.service, region, true)?.includes(host), `${h.service} ${host}`);
            assert.strictEqual(unansweredHostsWarning(h.service, region, false)?.includes(host) ?? false, h.variant === "ipv4", `${h.service} ${host} on an IPv4 hub`);
        }
        assert.strictEqual(unansweredHostsWarning("s3", "eu-central-1", false), undefined, "S3's legacy global name is us-east-1's only");
    });

    it("the plan shows them: the example hub with sqs warns of legacy queue URLs; a dual-stack hub with s3 of S3 Control's dual-stack name", async () => {
        const plan = await planOf();
        const w = plan.warnings.find(x => x.code === "sdk:sqs");
        assert.ok(w, JSON.stringify(plan.warnings.map(x => x.code)));
        assert.match(w.message, /^shared: sqs: AWS SDK clients also call a name no zone of the hub answers, so those calls go to the public endpoint: ap-northeast-1\.queue\.amazonaws\.com \(with a legacy queue URL/);
        const dual = loadStackFiles(path.join(ROOT, "examples", "dual-stack"));
        const dualPlan = await evaluate(dual.files, validateStacks(dual.files).configs);
        assert.match(dualPlan.warnings.find(x => x.code === "sdk:s3")!.message, /endpoint: <account>\.s3-control\.dualstack\.ap-northeast-1\.amazonaws\.com, <access-point>-<account>\.s3-accesspoint\.dualstack\.ap-northeast-1\.amazonaws\.com: the S3 guide/);
    });

    it("DynamoDB, refused by the catalog, is refused for the host its clients call: <account>.ddb.<region>.amazonaws.com", () => {
        for (const o of refused) {
            const probe = o.probe as (typeof REFUSED_PROBES)[number];
            assert.strictEqual(o.host, `${ACCOUNT}.ddb.${o.region}.${o.dualStack ? "api.aws" : "amazonaws.com"}`);
            assert.match(resolveService({ name: probe.service }, o.region) as string, probe.refusedFor);
        }
    });
});

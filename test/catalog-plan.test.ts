// The catalog's rows planned end to end: the simulated cloud names the endpoints as AWS does,
// and the path checks resolve every zone the row gives (SageMaker notebook and studio, a service
// the catalog does not know, account-prefixed names). Rows held to AWS's documentation in issue 22:
// test/catalogTruth.test.ts.
import * as assert from "assert";
import { PathCheck } from "../lib/model";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { EXAMPLE_DIR } from "./helpers";

/** Plans the example stacks with the hub's services (and optionally every stack's region) replaced. */
async function planWith(services: unknown[], region?: string) {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    const edited = files.map(f => ({
        ...f, raw: {
            ...f.raw,
            ...(region ? { "aws:region": region } : {}),
            ...(f.raw["vpce-hub:role"] === "hub" ? { "vpce-hub:services": services } : {}),
        },
    }));
    const { configs, errors } = validateStacks(edited);
    assert.deepStrictEqual(errors, []);
    return evaluate(edited, configs);
}

const failing = (checks: PathCheck[]) => checks.filter(c => c.verdict === "fail");

describe("catalog rows planned end to end on the simulated cloud", () => {
    it("SageMaker notebook and studio: endpoint service aws.sagemaker.<r>.*, records alias the *.vpce wildcard entry, every path passes", async () => {
        const plan = await planWith(["sagemaker.api", "notebook", "studio"]);
        const hub = plan.stacks[0];
        const endpoints = hub.resources.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint");
        assert.deepStrictEqual(endpoints.map(e => e.inputs.serviceName).sort(), [
            "aws.sagemaker.ap-northeast-1.notebook", "aws.sagemaker.ap-northeast-1.studio", "com.amazonaws.ap-northeast-1.sagemaker.api",
        ]);
        const notebook = endpoints.find(e => e.name === "notebook")!;
        const wildcard = notebook.outputs.dnsEntries.find((e: any) => e.dnsName.startsWith("*."));
        assert.ok(wildcard && notebook.outputs.dnsEntries[0] !== wildcard, "the wildcard entry is not the first");
        for (const rec of hub.resources.filter(r => r.type === "aws:route53/record:Record" && r.inputs.name.includes("notebook"))) {
            assert.strictEqual(rec.inputs.aliases[0].name, wildcard.dnsName, rec.inputs.name);
        }
        assert.deepStrictEqual(failing(plan.checks), []);
        assert.ok(plan.checks.some(c => c.host === "my-notebook.notebook.ap-northeast-1.sagemaker.aws" && c.source === "member-b"));
    });

    it("a service the catalog does not know is planned by the default rule with a warning that pulumi up checks its names, and its paths pass", async () => {
        const plan = await planWith(["sqs", "widget.runtime"]);
        const zones = plan.stacks[0].resources.filter(r => r.type === "aws:route53/zone:Zone").map(z => z.inputs.name).sort();
        assert.deepStrictEqual(zones, ["runtime.widget.ap-northeast-1.amazonaws.com", "sqs.ap-northeast-1.amazonaws.com"]);
        const w = plan.warnings.find(x => x.code === "service:widget.runtime");
        assert.ok(w, JSON.stringify(plan.warnings));
        assert.match(w.message, /widget\.runtime: the catalog does not know this service: its zone names \(runtime\.widget\.ap-northeast-1\.amazonaws\.com\) are assumed from the default rule and will be checked against AWS at pulumi up/);
        assert.deepStrictEqual(failing(plan.checks), []);
    });

    it("kinesis-streams: the account-prefixed control-kinesis and data-kinesis names resolve to the endpoint from every source", async () => {
        const plan = await planWith(["kinesis-streams"]);
        const hosts = new Set(plan.checks.filter(c => c.verdict === "pass").map(c => c.host));
        for (const h of ["kinesis.ap-northeast-1.amazonaws.com", "123456789012.control-kinesis.ap-northeast-1.amazonaws.com", "123456789012.data-kinesis.ap-northeast-1.amazonaws.com"]) {
            assert.ok(hosts.has(h), h);
        }
        assert.deepStrictEqual(failing(plan.checks), []);
    });
});

import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { SimCloud } from "../sim/cloud";
import { exampleRaw, valueOf } from "./helpers";

// The entry point as `pulumi up` runs it: config arrives as strings (objects as JSON text).
const program: () => Promise<Record<string, any>> = require("../index");
const SHARED = { stack: "shared", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" };

function asPulumiConfig(raw: Record<string, unknown>): Record<string, string> {
    return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

describe("index.ts, the program `pulumi up` runs", () => {
    afterEach(() => pulumi.runtime.setAllConfig({}));

    it("reads the stack's config as Pulumi passes it (JSON text) and builds the hub", async () => {
        const sim = new SimCloud();
        sim.registerVpc("vpc-0123456789abcdef0", "10.0.0.0/16", ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], "ap-northeast-1",
            ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"]);
        await sim.start(SHARED, "acme");
        pulumi.runtime.setAllConfig(asPulumiConfig(exampleRaw().shared));
        const outputs = await program();
        assert.strictEqual(outputs.vpcCidr, "10.0.0.0/16");
        const services = await valueOf<Record<string, unknown>>(pulumi.output(outputs.services));
        assert.deepStrictEqual(Object.keys(services).sort(), ["ec2messages", "ecr.api", "ecr.dkr", "logs", "s3", "sqs", "ssm", "ssmmessages"]);
        assert.strictEqual(sim.recorded.filter(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint").length, 8);
    });

    it("turns bad configuration into one readable RunError listing every problem, not a stack trace", async () => {
        await new SimCloud().start(SHARED, "acme");
        const raw = exampleRaw().shared;
        raw["vpce-hub:services"] = ["s3", "iam"];
        raw["vpce-hub:accountId"] = "12345";
        pulumi.runtime.setAllConfig(asPulumiConfig(raw));
        await assert.rejects(program(), (e: Error) => {
            assert.ok(pulumi.RunError.isInstance(e), "a RunError prints without a stack trace");
            assert.match(e.message, /^error: shared: vpce-hub:services\[1\]: iam has its interface endpoint only in us-east-1/m);
            assert.match(e.message, /^error: shared: vpce-hub:accountId: "12345" is not a 12-digit AWS account id/m);
            return true;
        });
    });
});

// The corpus of bad configurations (test/bad-configs, see its README): every case must be
// rejected with exactly the messages its expected.txt lists, one line each, no stack traces.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ConfigError, ConfigValidationError, formatError } from "../lib/config";
import { SimCloud } from "../sim/cloud";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { runStackSimulated } from "../sim/run";
import { generatedCases } from "./bad-configs/generate";

const CORPUS = path.join(__dirname, "bad-configs");

interface Expectation {
    readonly text: string;
    /** `~ ` lines: a substring of one message (wording of a library we do not own). */
    readonly substring: boolean;
}

function readExpected(file: string): Expectation[] {
    return fs.readFileSync(file, "utf8").split("\n")
        .map(l => l.trimEnd())
        .filter(l => l.trim() !== "" && !l.startsWith("#"))
        .map(l => l.startsWith("~ ") ? { text: l.slice(2), substring: true } : { text: l, substring: false });
}

function matches(e: Expectation, message: string): boolean {
    return e.substring ? message.includes(e.text) : message === e.text;
}

/** What `npm run plan` would report for a directory of stack files. */
async function errorsFor(dir: string): Promise<ConfigError[]> {
    const { files, errors } = loadStackFiles(dir);
    const validated = validateStacks(files);
    const all = [...errors, ...validated.errors];
    if (all.length) return all;
    try {
        await evaluate(files, validated.configs);
    } catch (e) {
        if (e instanceof ConfigValidationError) return [...e.errors];
        throw e;
    }
    return [];
}

/** Messages must be one line each and never carry a stack trace. */
function assertReadable(messages: readonly string[]): void {
    for (const m of messages) {
        assert.ok(!m.includes("    at "), `a message carries a stack frame:\n${m}`);
        assert.ok(!m.includes("\n"), `a message spans several lines:\n${m}`);
    }
}

function assertExactly(messages: readonly string[], expected: readonly Expectation[]): void {
    const missing = expected.filter(e => !messages.some(m => matches(e, m)));
    const unexpected = messages.filter(m => !expected.some(e => matches(e, m)));
    assert.deepStrictEqual({ missing: missing.map(e => (e.substring ? "~ " : "") + e.text), unexpected }, { missing: [], unexpected: [] },
        `messages produced:\n${messages.join("\n")}`);
}

const cases = fs.readdirSync(CORPUS, { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();

describe("bad configurations (test/bad-configs)", () => {
    it("the corpus holds at least 30 cases, each with stack files and an expected.txt", () => {
        assert.ok(cases.length >= 30, `only ${cases.length} cases`);
        for (const c of cases) {
            const entries = fs.readdirSync(path.join(CORPUS, c));
            assert.ok(entries.includes("expected.txt"), `${c} has no expected.txt`);
            assert.ok(readExpected(path.join(CORPUS, c, "expected.txt")).length > 0, `${c}/expected.txt lists no message`);
            assert.ok(entries.some(f => /^Pulumi\..+\.ya?ml$/.test(f)), `${c} has no Pulumi.<stack>.yaml`);
        }
    });

    it("the generated cases equal what test/bad-configs/generate.ts writes (regenerate after editing it)", () => {
        for (const [rel, text] of Object.entries(generatedCases())) {
            const file = path.join(CORPUS, rel);
            assert.ok(fs.existsSync(file), `${rel} is missing: run the generator`);
            assert.strictEqual(fs.readFileSync(file, "utf8"), text, `${rel} differs from the generator's output`);
        }
    });

    for (const c of cases) {
        it(`${c}: is rejected with exactly the messages of its expected.txt`, async () => {
            const dir = path.join(CORPUS, c);
            const messages = (await errorsFor(dir)).map(formatError);
            assert.ok(messages.length > 0, `${c} validated and evaluated cleanly: the validator misses this problem`);
            assertReadable(messages);
            assertExactly(messages, readExpected(path.join(dir, "expected.txt")));
        });
    }
});

// Runtime checks the corpus cannot reach: the simulated cloud places subnet i in AZ i, so
// these seed the subnets (registerVpc keeps subnets that already exist) before the hub runs.
describe("hub runtime checks against subnets the cloud already has", () => {
    const REGION = "ap-northeast-1";
    const VPC = "vpc-0123456789abcdef0";

    function hubRaw(subnetIds: string[], onPrem?: Record<string, unknown>): Record<string, unknown> {
        return {
            "aws:region": REGION,
            "vpce-hub:role": "hub",
            "vpce-hub:accountId": "123456789012",
            "vpce-hub:vpc": { id: VPC, cidr: "10.0.0.0/16", subnetIds, routeTableIds: ["rtb-0a1b2c3d4e5f60001"] },
            "vpce-hub:services": ["s3", "sqs"],
            ...(onPrem ? { "vpce-hub:onPrem": onPrem } : {}),
        };
    }

    function seed(sim: SimCloud, subnets: { id: string; cidr: string; az: string; vpcId?: string }[]): void {
        for (const s of subnets) sim.subnets.set(s.id, { id: s.id, vpcId: s.vpcId ?? VPC, cidr: s.cidr, availabilityZone: `${REGION}${s.az}` });
    }

    async function rejection(sim: SimCloud, raw: Record<string, unknown>): Promise<string[]> {
        try {
            await runStackSimulated(sim, "shared", raw);
        } catch (e) {
            if (e instanceof ConfigValidationError) {
                const messages = e.errors.map(formatError);
                assertReadable(messages);
                return messages;
            }
            throw e;
        }
        assert.fail("the hub ran without a configuration error");
    }

    it("rejects hub subnets that are all in one AZ, naming the AZ", async () => {
        const sim = new SimCloud();
        seed(sim, [
            { id: "subnet-0a1b2c3d4e5f60001", cidr: "10.0.0.0/24", az: "a" },
            { id: "subnet-0a1b2c3d4e5f60002", cidr: "10.0.1.0/24", az: "a" },
        ]);
        assert.deepStrictEqual(await rejection(sim, hubRaw(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"])), [
            "error: shared: vpce-hub:vpc.subnetIds: all subnets are in ap-northeast-1a: endpoints and the Resolver need at least 2 AZs",
        ]);
    });

    it("rejects pinned Resolver addresses in two subnets of one AZ", async () => {
        const sim = new SimCloud();
        seed(sim, [
            { id: "subnet-0a1b2c3d4e5f60001", cidr: "10.0.0.0/24", az: "a" },
            { id: "subnet-0a1b2c3d4e5f60002", cidr: "10.0.1.0/24", az: "a" },
            { id: "subnet-0a1b2c3d4e5f60003", cidr: "10.0.2.0/24", az: "c" },
        ]);
        const raw = hubRaw(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002", "subnet-0a1b2c3d4e5f60003"], {
            cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0",
            resolverAddresses: [{ subnetId: "subnet-0a1b2c3d4e5f60001", ip: "10.0.0.10" }, { subnetId: "subnet-0a1b2c3d4e5f60002", ip: "10.0.1.10" }],
        });
        assert.deepStrictEqual(await rejection(sim, raw), [
            "error: shared: vpce-hub:onPrem.resolverAddresses: all addresses are in ap-northeast-1a: the Resolver needs addresses in at least 2 AZs",
        ]);
    });

    it("rejects a hub subnet that belongs to another VPC", async () => {
        const sim = new SimCloud();
        seed(sim, [
            { id: "subnet-0a1b2c3d4e5f60001", cidr: "10.0.0.0/24", az: "a" },
            { id: "subnet-0ffffffffffff0002", cidr: "10.9.1.0/24", az: "c", vpcId: "vpc-0ffffffffffffffff" },
        ]);
        assert.deepStrictEqual(await rejection(sim, hubRaw(["subnet-0a1b2c3d4e5f60001", "subnet-0ffffffffffff0002"])), [
            "error: shared: vpce-hub:vpc.subnetIds[1]: subnet-0ffffffffffff0002 belongs to vpc-0ffffffffffffffff, not to vpc-0123456789abcdef0",
        ]);
    });

    it("accepts the same hub once its subnets are in two AZs (the checks above fail for the AZ, not the fixture)", async () => {
        const sim = new SimCloud();
        seed(sim, [
            { id: "subnet-0a1b2c3d4e5f60001", cidr: "10.0.0.0/24", az: "a" },
            { id: "subnet-0a1b2c3d4e5f60002", cidr: "10.0.1.0/24", az: "c" },
        ]);
        const planned = await runStackSimulated(sim, "shared", hubRaw(["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"]));
        assert.ok(planned.resources.some(r => r.type === "aws:ec2/vpcEndpoint:VpcEndpoint"));
    });
});

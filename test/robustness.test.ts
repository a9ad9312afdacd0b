// Properties over generated plans. The generator writes valid hubs and members of its own
// (services, regions, peering and Transit Gateway members, members in the hub's account, with
// and without on-prem and an organization), so that runs reach the plan; one fault is then
// injected where a person would make it. What must hold: a valid plan passes every check; a
// faulty one is refused with errors that each name a key of the input, or still plans without
// a crash.
import * as assert from "assert";
import * as fc from "fast-check";
import { ConfigError, ConfigValidationError, parseStackConfig } from "../lib/config";
import { evaluate, validateStacks } from "../plan/plan";
import { StackFile } from "../lib/config/stackFiles";
import { exampleRaw } from "./helpers";

type Raw = Record<string, any>;
type Path = (string | number)[];

/** Every path into a config value: ["vpce-hub:vpc", "subnetIds", 1], ... */
function paths(value: unknown, prefix: Path = []): Path[] {
    if (Array.isArray(value)) return [prefix, ...value.flatMap((v, i) => paths(v, [...prefix, i]))];
    if (value && typeof value === "object") return [prefix, ...Object.entries(value).flatMap(([k, v]) => paths(v, [...prefix, k]))];
    return [prefix];
}

function replaced(root: Raw, path: Path, value: unknown): Raw {
    const copy = JSON.parse(JSON.stringify(root));
    let node: any = copy;
    for (const p of path.slice(0, -1)) node = node[p];
    const last = path[path.length - 1];
    if (value !== undefined) node[last] = value;
    else if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
    return copy;
}

const junk = fc.oneof(
    fc.constant(undefined), fc.constant(null), fc.boolean(), fc.integer(), fc.double(), fc.string(),
    fc.constantFrom("", "10.0.0.0/8", "0.0.0.0/0", "10.1.0.0/16", "vpc-1", "subnet-1", "peering", "transitGateway", "s3", "iam", "true", "shared"),
    fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }), fc.dictionary(fc.string().filter(k => !/[.[\]]/.test(k)), fc.string(), { maxKeys: 2 }),
);

// ---- a generator of valid plans, written here from the README's rules (not from lib/) -----

const SERVICES = ["s3", "sqs", "sns", "ssm", "ssmmessages", "ec2messages", "ecr.api", "ecr.dkr", "logs", "kms", "sts", "secretsmanager"];
const HUB_ACCOUNT = "123456789012";
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

interface MemberSpec { readonly connectivity: "peering" | "transitGateway"; readonly sameAccount: boolean }
interface PlanSpec {
    readonly region: string;
    readonly services: string[];
    readonly members: MemberSpec[];
    readonly onPrem: boolean;
    readonly organization: boolean;
}

const planSpec: fc.Arbitrary<PlanSpec> = fc.record({
    region: fc.constantFrom("ap-northeast-1", "eu-west-1", "us-east-2", "ap-southeast-2"),
    services: fc.subarray(SERVICES, { minLength: 1, maxLength: 4 }),
    members: fc.array(fc.record({ connectivity: fc.constantFrom("peering" as const, "transitGateway" as const), sameAccount: fc.boolean() }),
        { minLength: 1, maxLength: 3 }),
    onPrem: fc.boolean(),
    organization: fc.boolean(),
});

/** The stack files of a plan: the hub "shared" and member-1..n, as Pulumi passes them (scalars as text). */
function stackFiles(spec: PlanSpec): StackFile[] {
    const members = spec.members.map((m, i) => ({
        name: `member-${i + 1}`, accountId: m.sameAccount ? HUB_ACCOUNT : String(200000000000 + i + 1),
        vpcId: `vpc-0${hex(i + 1, 16)}`, cidr: `10.${i + 1}.0.0/16`, connectivity: m.connectivity,
    }));
    const hub: Raw = {
        "aws:region": spec.region, "vpce-hub:role": "hub", "vpce-hub:accountId": HUB_ACCOUNT,
        "vpce-hub:vpc": {
            id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
            subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], routeTableIds: ["rtb-0a1b2c3d4e5f60001"],
        },
        "vpce-hub:services": spec.services,
        "vpce-hub:spokes": members,
    };
    if (spec.onPrem) hub["vpce-hub:onPrem"] = { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0" };
    if (spec.organization) hub["vpce-hub:organizationId"] = "o-abcdefghij";
    return [{ stack: "shared", file: "(generated)", raw: hub }, ...members.map((m, i): StackFile => {
        const raw: Raw = {
            "aws:region": spec.region, "vpce-hub:role": "spoke", "vpce-hub:accountId": m.accountId, "vpce-hub:hubStack": "acme/vpce-hub/shared",
            "vpce-hub:vpc": {
                id: m.vpcId, cidr: m.cidr,
                subnetIds: [`subnet-0${hex(i + 1, 12)}a1`, `subnet-0${hex(i + 1, 12)}a2`], routeTableIds: [`rtb-0${hex(i + 1, 12)}a1`],
            },
        };
        // No vpce-hub:acceptRamShare: auto finds out whether a member has an invitation to accept
        // (outside the organization) or none (inside it).
        return { stack: m.name, file: "(generated)", raw };
    })];
}

/**
 * Whether an error key such as `vpce-hub:spokes[1].cidr` names something in the stack's input:
 * the whole path exists, or all of it but its last step (a required key that is missing).
 */
function namesInputKey(raw: Raw, key: string): boolean {
    const m = /^([A-Za-z0-9-]+:[A-Za-z0-9]+)((?:\.[^.[\]]*|\[\d+\])*)$/.exec(key);
    if (!m) return false;
    const steps = [...m[2].matchAll(/\.([^.[\]]*)|\[(\d+)\]/g)].map(s => s[1] ?? Number(s[2]));
    let node: any = raw;
    const all = [m[1], ...steps];
    for (let i = 0; i < all.length; i++) {
        const has = node !== null && typeof node === "object" && Object.prototype.hasOwnProperty.call(node, all[i]);
        if (!has) return i === all.length - 1;
        node = node[all[i]];
    }
    return true;
}

/**
 * A fault, as people make them: one value of one stack replaced by a value copied from elsewhere
 * in the plan (another member's CIDR, a subnet of another VPC, another service), removed, or
 * replaced by junk.
 */
const fault = (files: StackFile[]) => fc.record({
    at: fc.integer({ min: 0, max: files.length - 1 }),
    pick: fc.nat(),
    kind: fc.constantFrom("copy", "copy", "remove", "junk"),
    from: fc.nat(),
    junk,
});
type Fault = { at: number; pick: number; kind: string; from: number; junk: unknown };

function inject(files: StackFile[], f: Fault): StackFile[] {
    const target = files[f.at];
    const all = paths(target.raw).filter(p => p.length > 0);
    const path = all[f.pick % all.length];
    const leaves = files.flatMap(s => paths(s.raw).map(p => p.reduce((n: any, k) => n[k], s.raw))).filter(v => v === null || typeof v !== "object");
    const value = f.kind === "copy" ? leaves[f.from % leaves.length] : f.kind === "remove" ? undefined : f.junk;
    return files.map((s, i) => i === f.at ? { ...s, raw: replaced(s.raw, path, value) } : s);
}

describe("robustness: generated plans, valid and with one fault", function () {
    this.timeout(120000);

    it("a valid generated plan (any region, services, peering/TGW members, same-account members, on-prem) passes every check", async () => {
        await fc.assert(fc.asyncProperty(planSpec, async spec => {
            const files = stackFiles(spec);
            const { configs, errors } = validateStacks(files);
            assert.deepStrictEqual(errors, []);
            const plan = await evaluate(files, configs);
            assert.deepStrictEqual(plan.checks.filter(c => c.verdict === "fail").map(c => `${c.source} ${c.host}: ${c.reason}`), []);
            // The checks are the ones the plan promises: each member (and on-prem) reaches each service, and each pair of members is isolated.
            const sources = [...spec.members.map((_, i) => `member-${i + 1}`), ...(spec.onPrem ? ["on-prem"] : [])];
            for (const source of sources) {
                const services = new Set(plan.checks.filter(c => c.kind === "service" && c.source === source).map(c => c.service));
                assert.deepStrictEqual([...services].sort(), [...spec.services].sort(), source);
            }
            const isolated = new Set(plan.checks.filter(c => c.kind === "isolation").map(c => c.source));
            assert.deepStrictEqual([...isolated].sort(), spec.members.map((_, i) => `member-${i + 1}`).sort(), "each member's isolation is checked");
        }), { numRuns: 12 });
    });

    it("one fault anywhere in a generated plan: refused with errors that each name its stack and a key of its input, or planned without a crash", async () => {
        let planned = 0;
        let refused = 0;
        await fc.assert(fc.asyncProperty(planSpec.chain(spec => fault(stackFiles(spec)).map(f => ({ spec, f }))), async ({ spec, f }) => {
            const files = inject(stackFiles(spec), f);
            const { configs, errors } = validateStacks(files);
            if (errors.length) {
                refused++;
                const raws = new Map(files.map(s => [s.stack, s.raw]));
                // "(member stacks)" and the like summarise other errors; the errors they summarise name the keys.
                const named = errors.filter((e: ConfigError) => !/^\(.+\)$/.test(e.key));
                assert.ok(named.length > 0, `only summaries: ${JSON.stringify(errors)}`);
                const off = named.filter((e: ConfigError) => !raws.has(e.stack) || !namesInputKey(raws.get(e.stack)!, e.key));
                assert.deepStrictEqual(off, [], "errors that name no key of their stack's input");
                assert.ok(errors.every(e => e.message && !e.message.includes("\n")), JSON.stringify(errors));
                return;
            }
            planned++;
            try {
                const plan = await evaluate(files, configs);
                assert.ok(plan.checks.every(c => c.verdict === "pass" || c.reason.length > 0), "a failing check says why");
            } catch (e) {
                assert.ok(e instanceof ConfigValidationError, `a crash, not a config error: ${(e as Error).stack}`);
            }
        }), { numRuns: 40 });
        // Validation is strict: nearly every fault is refused (the properties above and below reach
        // the plan on every run). Not vacuous: refusals happen, and their keys were checked.
        assert.ok(refused > 0, `planned ${planned}, refused ${refused}`);
    });

    it("a member's stack file missing from a generated plan: the plan runs, that member's every check fails saying so, every other check passes", async () => {
        await fc.assert(fc.asyncProperty(planSpec, fc.nat(), async (spec, pick) => {
            const files = stackFiles(spec);
            const missing = `member-${(pick % spec.members.length) + 1}`;
            const rest = files.filter(f => f.stack !== missing);
            const { configs, errors } = validateStacks(rest);
            assert.deepStrictEqual(errors, []);
            const plan = await evaluate(rest, configs);
            const its = plan.checks.filter(c => c.kind === "service" && c.source === missing);
            assert.strictEqual(its.length > 0, true, `${missing} is still checked`);
            for (const c of its) {
                assert.strictEqual(c.verdict, "fail", `${missing} ${c.host}`);
                assert.match(c.reason, new RegExp(`no stack Pulumi\\.${missing}\\.yaml`));
            }
            const others = plan.checks.filter(c => c.source !== missing && c.service !== `spoke:${missing}`);
            assert.deepStrictEqual(others.filter(c => c.verdict === "fail").map(c => `${c.source} ${c.service}: ${c.reason}`), []);
        }), { numRuns: 8 });
    });

    it("the key checker itself: it accepts keys of the input and a missing last key, and refuses others", () => {
        const raw = { "vpce-hub:spokes": [{ name: "a", cidr: "10.1.0.0/16" }], "vpce-hub:vpc": { id: "vpc-1" } };
        assert.ok(namesInputKey(raw, "vpce-hub:spokes[0].cidr"));
        assert.ok(namesInputKey(raw, "vpce-hub:vpc.subnetIds"), "a missing required key under an existing one");
        assert.ok(namesInputKey(raw, "vpce-hub:services"), "a missing required top-level key");
        assert.ok(!namesInputKey(raw, "vpce-hub:spokes[3].cidr"), "no spokes[3]");
        assert.ok(!namesInputKey(raw, "vpce-hub:vpc.cidr.x"));
        assert.ok(!namesInputKey(raw, "spokes[0]"), "not a config key");
    });
});

describe("robustness: any edit of the example config gives either a config or config errors, never a crash", () => {
    const raw = exampleRaw();

    for (const stack of ["shared", "member-a"]) {
        it(`${stack}: one value anywhere replaced by junk is validated without throwing, and each error names a key of the input`, () => {
            const all = paths(raw[stack]).filter(p => p.length > 0);
            fc.assert(fc.property(fc.constantFrom(...all), junk, (path, value) => {
                const input = replaced(raw[stack], path, value);
                const r = parseStackConfig(stack, input);
                assert.ok(r.errors.every(e => e.key && e.message && !e.message.includes("\n")), JSON.stringify(r.errors));
                assert.ok(r.errors.every(e => namesInputKey(input, e.key)), JSON.stringify(r.errors));
                assert.ok((r.config === undefined) === (r.errors.length > 0), "a config exactly when there is no error");
            }), { numRuns: 300 });
        });
    }
});

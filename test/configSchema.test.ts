// The JSON Schema editors use for Pulumi.<stack>.yaml (schema/stack-config.schema.json) and the
// validator must agree: every stack file we ship validates, both know exactly the same keys at
// every level, and bad configurations are rejected by both.
import * as assert from "assert";
import Ajv from "ajv";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { DEFAULT_QUOTAS, parseStackConfig } from "../lib/config";
import { HUB_SCHEMA, KeySpec, ObjectSpec, SPOKE_SCHEMA, renderSchemaFile } from "../lib/config/schema";
import { generateStacks } from "../plan/generate";

const ROOT = path.join(__dirname, "..");
const SCHEMA_FILE = path.join(ROOT, "schema", "stack-config.schema.json");
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

function schemaErrors(doc: unknown): string[] {
    return validate(doc) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Every Pulumi.<stack>.yaml of the repository but the bad-config corpus. */
function stackFiles(dir: string, out: string[] = []): string[] {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.name === "node_modules" || e.name.startsWith(".") || e.name === "bad-configs") continue;
        const p = path.join(dir, e.name);
        if (e.isDirectory()) stackFiles(p, out);
        // The root stack files are the user's to edit (test/fixtures/example holds the suite's copy).
        else if (/^Pulumi\..+\.ya?ml$/.test(e.name) && dir !== ROOT) out.push(p);
    }
    return out;
}

// The fullest configurations the validator reads: every key of every level, written here by
// hand (not from the description). Two hubs because an existing VPC and a new one exclude
// each other's keys; values need not make a valid plan, only reach the validator's readers.
const HUB_EXISTING = {
    "aws:region": "ap-northeast-1",
    "vpce-hub:role": "hub",
    "vpce-hub:accountId": "123456789012",
    "vpce-hub:vpc": {
        id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
        subnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"], ipv6Cidr: "2600:1f18:abcd:1200::/56",
    },
    "vpce-hub:services": ["sqs", {
        name: "example", zones: ["example.{region}.amazonaws.com", { name: "other.{region}.amazonaws.com", wildcard: true }],
        ports: [443], policy: { Version: "2012-10-17", Statement: [] }, endpointService: "com.example.svc",
    }, { name: "s3", policyStatements: { AllowRequestsToAWSOwnedResources: false } }],
    "vpce-hub:spokes": [{ name: "member-a", accountId: "111111111111", vpcId: "vpc-0a", cidr: "10.1.0.0/16", connectivity: "transitGateway", ipv6Cidrs: ["2600:1f18:abcd:1300::/56"] }],
    "vpce-hub:onPrem": {
        cidrs: ["192.168.0.0/16"], ipv6Cidrs: ["2001:db8:100::/48"], vpnGatewayId: "vgw-01", customerGateway: { ip: "203.0.113.1", bgpAsn: 65000 },
        dnsServerCidrs: ["192.168.1.0/24"], resolverAddresses: [{ subnetId: "subnet-01", ip: "10.0.0.10" }, { subnetId: "subnet-02", ip: "10.0.1.10" }], resolverConnectionTracking: "untracked",
    },
    "vpce-hub:organizationId": "o-abcdefghij",
    "vpce-hub:transitGateway": { id: "tgw-01", sharedWithHubs: ["shared-usw2"] },
    "vpce-hub:protect": true,
    "vpce-hub:ipAddressType": "dualstack",
    "vpce-hub:quotas": {
        vpcsPerZone: 300, peeringsPerVpc: 50, endpointsPerVpc: 50, zonesPerAccount: 500, authorizationsPerZone: 1000,
        attachmentsPerTransitGateway: 5000, recordsPerZone: 10000, rulesPerSecurityGroup: 60, routesPerRouteTable: 50,
        vpcsPerProfile: 1000, profilesPerRegion: 5, zonesPerProfile: 5000, resolverIpsPerEndpoint: 6,
    },
    "vpce-hub:dns": { sharing: "profile", records: "endpoint", migration: "park-zones" },
    "vpce-hub:prefixLists": { sources: true, transitGatewayRoutes: false, maxEntries: 20 },
    "vpce-hub:cost": {
        gbPerMonthPerSpoke: 1, onPremGbPerMonth: 1, onPremMillionQueriesPerMonth: 1,
        prices: {
            endpointAzHour: 1, endpointPerGb: 1, transitGatewayAttachmentHour: 1, transitGatewayPerGb: 1, peeringCrossAzPerGb: 1,
            resolverEniHour: 1, resolverPerMillionQueries: 1, hostedZoneMonthFirst25: 1, hostedZoneMonthAfter25: 1,
            profileRegionHour: 1, profileAssociationHour: 1,
        },
    },
};
// Without an organization, the accounts its endpoint policies admit besides the hub's and the members'.
const { "vpce-hub:organizationId": _org, ...HUB_WITHOUT_ORG } = HUB_EXISTING;
const HUB_NEW = { ...HUB_WITHOUT_ORG, "vpce-hub:vpc": { cidr: "10.0.0.0/16", availabilityZones: 3 }, "vpce-hub:trustedAccounts": ["444455556666"] };
const SPOKE = {
    "aws:region": "ap-northeast-1",
    "vpce-hub:role": "spoke",
    "vpce-hub:accountId": "111111111111",
    "vpce-hub:hubStack": "acme/vpce-hub/shared",
    "vpce-hub:vpc": { id: "vpc-0a", cidr: "10.1.0.0/16", subnetIds: ["subnet-0a1", "subnet-0a2"], routeTableIds: ["rtb-0a1"], ipv6Cidr: "2600:1f18:abcd:1300::/56" },
    "vpce-hub:acceptRamShare": false,
    "vpce-hub:dns": { sharing: "associations" },
    "vpce-hub:existingEndpoints": {
        retire: false,
        endpoints: [{ service: "ssm", id: "vpce-0123456789abcdef0", privateDns: true }, { service: "sqs", id: "vpce-0fedcba9876543210", privateDns: false }],
        zones: [{ name: "sqs.{region}.amazonaws.com", id: "Z0123456789ABCDEFGHIJ" }],
    },
};

type Path = (string | number)[];
/** `vpce-hub:services[1].zones[0].name`, as the validator names keys. */
const keyName = (p: Path) => "vpce-hub:" + p.map((s, i) => typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`).join("");

/**
 * Walks a configuration along the description: every object met (with its path and
 * description) and every described key present. Keys the description has but the config
 * lacks are collected, to prove the hand-written configs above cover the description.
 */
function walk(spec: KeySpec, value: unknown, p: Path, seen: { objects: { path: Path; spec: ObjectSpec }[]; leaves: { path: Path; spec: KeySpec }[]; missing: string[] }) {
    if (spec.type === "oneOf") {
        const variant = spec.of.find(v => (v.type === "object") === (typeof value === "object" && value !== null));
        if (variant) walk(variant, value, p, seen);
    } else if (spec.type === "list" && Array.isArray(value)) {
        value.forEach((v, i) => walk(spec.items, v, [...p, i], seen));
    } else if (spec.type === "object" && typeof value === "object" && value !== null) {
        seen.objects.push({ path: p, spec });
        for (const [k, sub] of Object.entries(spec.keys)) {
            const v = (value as Record<string, unknown>)[k];
            if (v === undefined) { seen.missing.push(keyName([...p, k])); continue; }
            seen.leaves.push({ path: [...p, k], spec: sub });
            walk(sub, v, [...p, k], seen);
        }
    }
}

function ownKeys(raw: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(raw).filter(([k]) => k.startsWith("vpce-hub:")).map(([k, v]) => [k.slice(9), v]));
}

function at(raw: Record<string, unknown>, p: Path, set: (parent: any, last: string | number) => void): Record<string, unknown> {
    const copy = structuredClone(raw);
    let o: any = copy;
    const full: Path = [`vpce-hub:${p[0]}`, ...p.slice(1)];
    for (const s of full.slice(0, -1)) o = o[s];
    set(o, full[full.length - 1]);
    return copy;
}

/** A value of the wrong kind for `spec`: the validator must report it at its key if it reads the key. */
function wrongValue(spec: KeySpec): unknown {
    switch (spec.type) {
        case "string": return 12345;
        case "integer": case "number": return "not-a-number";
        case "boolean": return "maybe";
        case "json": return "{ not json";
        default: return 12345;
    }
}

const CASES: [string, Record<string, unknown>, ObjectSpec][] = [
    ["hub with an existing VPC", HUB_EXISTING, HUB_SCHEMA],
    ["hub creating its VPC", HUB_NEW, HUB_SCHEMA],
    ["spoke", SPOKE, SPOKE_SCHEMA],
];

describe("stack config JSON Schema (editor completion and checks for Pulumi.<stack>.yaml)", () => {
    it("vpce-hub:acceptRamShare: auto (the default), true and false, as YAML or text, are read and validated alike; anything else is refused by both", () => {
        const read = (v: unknown) => {
            const raw: Record<string, unknown> = { ...SPOKE, "vpce-hub:acceptRamShare": v };
            if (v === undefined) delete raw["vpce-hub:acceptRamShare"];
            const r = parseStackConfig("app", raw);
            return { value: (r.config as { acceptRamShare?: unknown } | undefined)?.acceptRamShare, errors: r.errors.length, schema: schemaErrors({ config: raw }).length };
        };
        assert.deepStrictEqual([undefined, "auto", true, "true", false, "false"].map(read), [
            { value: "auto", errors: 0, schema: 0 }, { value: "auto", errors: 0, schema: 0 },
            { value: true, errors: 0, schema: 0 }, { value: true, errors: 0, schema: 0 },
            { value: false, errors: 0, schema: 0 }, { value: false, errors: 0, schema: 0 },
        ]);
        for (const bad of ["yes", "Auto", 1]) {
            const r = read(bad);
            assert.ok(r.errors === 1 && r.schema > 0, `${JSON.stringify(bad)}: ${JSON.stringify(r)}`);
        }
    });

    it("the committed schema/stack-config.schema.json is what `npm run schema` writes from lib/config/schema.ts", () => {
        assert.strictEqual(fs.readFileSync(SCHEMA_FILE, "utf8"), renderSchemaFile(), "run npm run schema and commit the file");
    });

    it("every example stack file of the repository (the suite's copy of the root examples, any examples/) validates against the schema", () => {
        const files = stackFiles(ROOT);
        assert.ok(files.includes(path.join(ROOT, "test", "fixtures", "example", "Pulumi.shared.yaml")), "the example hub is found");
        for (const f of files) {
            assert.deepStrictEqual(schemaErrors(YAML.parse(fs.readFileSync(f, "utf8"))), [], path.relative(ROOT, f));
        }
    });

    it("the generated fleets (bench and scale tests) validate against the schema", () => {
        for (const f of generateStacks(12, 4)) assert.deepStrictEqual(schemaErrors({ config: f.raw }), [], f.stack);
    });

    it("the fullest hand-written hub and spoke configs cover every key the description has, and the validator and schema accept those keys", () => {
        /** Every key path of a description, list positions written []. */
        const described = (spec: KeySpec, p: string, out: Set<string>): Set<string> => {
            if (spec.type === "oneOf") spec.of.forEach(v => described(v, p, out));
            else if (spec.type === "list") described(spec.items, `${p}[]`, out);
            else if (spec.type === "object") for (const [k, v] of Object.entries(spec.keys)) { out.add(`${p}.${k}`); described(v, `${p}.${k}`, out); }
            return out;
        };
        for (const spec of [HUB_SCHEMA, SPOKE_SCHEMA]) {
            const covered = new Set<string>();
            for (const [name, raw] of CASES.filter(c => c[2] === spec)) {
                const seen = { objects: [], leaves: [] as { path: Path; spec: KeySpec }[], missing: [] };
                walk(spec, ownKeys(raw), [], seen);
                for (const l of seen.leaves) covered.add("." + l.path.map(s => typeof s === "number" ? "[]" : s).join(".").replace(/\.\[\]/g, "[]"));
                const unknown = parseStackConfig("s", raw).errors.filter(e => e.message.startsWith("unknown key"));
                assert.deepStrictEqual(unknown, [], `${name}: the validator knows every key`);
                assert.deepStrictEqual(schemaErrors({ config: raw }).filter(e => e.includes("additionalProperty")), [], `${name}: the schema knows every key`);
            }
            assert.deepStrictEqual([...described(spec, "", new Set())].filter(k => !covered.has(k)), [], "described keys the test configs lack");
        }
    });

    for (const [name, raw, spec] of CASES) {
        it(`${name}: at every level an unknown key is rejected by both the validator (unknown key) and the schema`, () => {
            const seen = { objects: [] as { path: Path; spec: ObjectSpec }[], leaves: [], missing: [] };
            walk(spec, ownKeys(raw), [], seen);
            assert.ok(seen.objects.length >= (spec === SPOKE_SCHEMA ? 2 : 10), `walked ${seen.objects.length} objects`);
            for (const o of seen.objects) {
                const bad = o.path.length === 0
                    ? { ...raw, "vpce-hub:zzUnknown": 1 }
                    : at(raw, o.path, (parent, last) => { parent[last] = { ...parent[last], zzUnknown: 1 }; });
                const key = o.path.length === 0 ? "vpce-hub:zzUnknown" : `${keyName(o.path)}.zzUnknown`;
                const errors = parseStackConfig("s", bad).errors;
                assert.ok(errors.some(e => e.key === key && e.message.startsWith("unknown key")), `validator on ${key}: ${JSON.stringify(errors)}`);
                const property = o.path.length === 0 ? "vpce-hub:zzUnknown" : "zzUnknown";
                assert.ok(schemaErrors({ config: bad }).some(e => e.includes(`"additionalProperty":"${property}"`)), `schema on ${key}`);
            }
        });

        it(`${name}: the validator reads every key of the description (a wrong value there is reported at that key)`, () => {
            const seen = { objects: [], leaves: [] as { path: Path; spec: KeySpec }[], missing: [] };
            walk(spec, ownKeys(raw), [], seen);
            const before = new Set(parseStackConfig("s", raw).errors.map(e => `${e.key} ${e.message}`));
            for (const leaf of seen.leaves) {
                if (leaf.path.length === 1 && leaf.path[0] === "role") continue;
                const bad = at(raw, leaf.path, (parent, last) => { parent[last] = wrongValue(leaf.spec); });
                const k = keyName(leaf.path);
                const fresh = parseStackConfig("s", bad).errors.filter(e => !before.has(`${e.key} ${e.message}`));
                assert.ok(fresh.some(e => e.key === k || e.key.startsWith(`${k}.`) || e.key.startsWith(`${k}[`)),
                    `nothing reported at ${k}: ${JSON.stringify(fresh)}`);
                assert.notDeepStrictEqual(schemaErrors({ config: bad }), [], `schema accepts a wrong value at ${k}`);
            }
        });
    }

    it("bad configurations of the corpus are rejected by the schema too (typos, wrong types, unquoted ids, bad CIDRs, missing namespace)", () => {
        const cases = ["typo-servcies", "typo-vpc-subnet-IDs", "type-vpc-string", "type-protect-maybe", "account-id-spoke-entry-unquoted",
            "spoke-unknown-connectivity", "subnets-fewer-than-2", "key-without-namespace", "cidr-malformed", "region-missing"];
        for (const c of cases) {
            const doc = YAML.parse(fs.readFileSync(path.join(__dirname, "bad-configs", c, "Pulumi.shared.yaml"), "utf8"));
            assert.notDeepStrictEqual(schemaErrors(doc), [], c);
        }
    });

    it("the schema's quota defaults (editor hover) are the validator's DEFAULT_QUOTAS", () => {
        const q = HUB_SCHEMA.keys.quotas as ObjectSpec;
        const defaults = Object.fromEntries(Object.entries(q.keys).map(([k, v]) => [k, v.type === "integer" ? v.default : undefined]));
        assert.deepStrictEqual(defaults, { ...DEFAULT_QUOTAS });
    });

    it("the schema tells hub and spoke apart: a spoke key in a hub stack is rejected", () => {
        assert.deepStrictEqual(schemaErrors({ config: SPOKE }), []);
        const errs = schemaErrors({ config: { ...SPOKE, "vpce-hub:services": ["s3"] } });
        assert.ok(errs.some(e => e.includes('"additionalProperty":"vpce-hub:services"')), errs.join("\n"));
    });
});

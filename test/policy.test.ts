// Unit tests of the CrossGuard policies in policy/rules.ts, called with hand-built arguments.
// policy/index.ts is never imported: its PolicyPack constructor starts a server (pulumi.md).

import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { validateStack } from "./policyHarness";
import { DEFAULT_QUOTAS } from "../lib/config";
import { TYPES as PROGRAM_TYPES } from "../lib/model";
import {
    POLICIES,
    RESOLVER_LIMITS,
    TYPES,
    endpointPrivateDnsOff,
    isWorldOpen,
    noWorldOpenIngress,
    resolverTwoAzs,
    zoneKeepsHubVpc,
} from "../policy/rules";

type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

// The framework's preview machinery: props wrapped so that reading an unknown value throws
// UnknownValueError, which the analyzer server turns into an advisory "can't run during
// preview" note. Internal to @pulumi/policy (no typings), but it is what the CLI runs; its
// public index would cost a second of start-up for the same two names.
const previewProxy: {
    unknownCheckingProxy<T extends object>(props: T): T;
    UnknownValueError: new (...args: any[]) => Error;
    unknownStringValue: unknown;
} = require("@pulumi/policy/proxy");

const POLICY_DIR = path.join(__dirname, "..", "policy");

/** Thrown by `args.notApplicable`, as the real server's NotApplicableError is. */
class NotApplicable extends Error {
    constructor(readonly reason?: string) {
        super(reason);
    }
}

interface Outcome {
    readonly violations: string[];
    /** Set when the policy declared itself not applicable, with its reason. */
    readonly notApplicable?: string;
}

/** Calls every validation of `policy` on one resource, the way the analyzer server does. */
async function validate(
    anyPolicy: AnyPolicy,
    type: string,
    props: Record<string, any>,
    options: { config?: object; preview?: boolean; name?: string } = {},
): Promise<Outcome> {
    const name = options.name ?? "r";
    if ("validateStack" in anyPolicy) return { violations: (await validateStack(anyPolicy, [{ type, props, name }], options.config)).violations };
    const policy = anyPolicy;
    const args: ResourceValidationArgs = {
        type,
        props: options.preview ? previewProxy.unknownCheckingProxy(props) : props,
        urn: `urn:pulumi:test::vpce-hub::${type}::${name}`,
        name,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
            additionalSecretOutputs: [],
        },
        stackTags: new Map(),
        isType: () => {
            throw new Error("the policies match type tokens; isType is not expected");
        },
        asType: () => {
            throw new Error("the policies match type tokens; asType is not expected");
        },
        getConfig: <T extends object>() => (options.config ?? {}) as T,
        notApplicable: (reason?: string): never => {
            throw new NotApplicable(reason);
        },
    };
    const violations: string[] = [];
    const validations = [policy.validateResource ?? []].flat();
    assert.ok(validations.length > 0, `${policy.name} has no validateResource`);
    try {
        for (const v of validations) {
            await v(args, message => violations.push(message));
        }
    } catch (e) {
        if (e instanceof NotApplicable) {
            assert.deepStrictEqual(violations, [], "a policy reported a violation and then declared itself not applicable");
            return { violations, notApplicable: e.reason ?? "" };
        }
        throw e;
    }
    return { violations };
}

function assertViolation(outcome: Outcome, pattern: RegExp): void {
    assert.strictEqual(outcome.notApplicable, undefined, `not applicable: ${outcome.notApplicable}`);
    assert.ok(outcome.violations.some(v => pattern.test(v)), `no violation matching ${pattern}: ${JSON.stringify(outcome.violations)}`);
}

function assertClean(outcome: Outcome): void {
    assert.strictEqual(outcome.notApplicable, undefined, `not applicable: ${outcome.notApplicable}`);
    assert.deepStrictEqual(outcome.violations, []);
}

function assertNotApplicable(outcome: Outcome): void {
    assert.notStrictEqual(outcome.notApplicable, undefined, "the policy ran instead of declaring itself not applicable");
    assert.deepStrictEqual(outcome.violations, []);
}

describe("policy pack vpce-hub", () => {
    describe("the pack's shape", () => {
        it("every policy is mandatory, has a unique vpce-hub- name and a validateResource or validateStack", () => {
            const names = POLICIES.map(p => p.name);
            assert.strictEqual(new Set(names).size, names.length, `duplicate names: ${names}`);
            for (const p of POLICIES) {
                assert.match(p.name, /^vpce-hub-[a-z0-9-]+$/);
                assert.strictEqual(p.enforcementLevel, "mandatory", p.name);
                assert.ok("validateStack" in p ? p.validateStack : p.validateResource, p.name);
            }
        });

        it("rules.ts neither builds a PolicyPack nor loads index.ts, so tests can import it", () => {
            const source = fs.readFileSync(path.join(POLICY_DIR, "rules.ts"), "utf8");
            assert.doesNotMatch(source, /new\s+PolicyPack/);
            assert.doesNotMatch(source, /from\s+["']\.\/index["']|require\(["']\.\/index/);
            // A runtime import of @pulumi/policy would load the server module; types only.
            for (const m of source.matchAll(/^import\s+(type\s+)?[^;]*from\s+["']@pulumi\/policy["']/gm)) {
                assert.ok(m[1], `rules.ts imports @pulumi/policy at run time: ${m[0]}`);
            }
            const loaded = Object.keys(require.cache).filter(f => f.startsWith(POLICY_DIR + path.sep));
            assert.ok(!loaded.some(f => /[\\/]index\.[jt]s$/.test(f)), `policy/index was loaded: ${loaded}`);
        });

        it("index.ts registers every policy of rules.ts", () => {
            const source = fs.readFileSync(path.join(POLICY_DIR, "index.ts"), "utf8");
            assert.match(source, /new PolicyPack\("vpce-hub",\s*{\s*policies:\s*\[\.\.\.POLICIES\]/);
        });

        it("PulumiPolicy.yaml declares the nodejs runtime and a description", () => {
            const yaml = fs.readFileSync(path.join(POLICY_DIR, "PulumiPolicy.yaml"), "utf8");
            assert.match(yaml, /^runtime:\s*nodejs\s*$/m);
            assert.match(yaml, /^description:\s*\S/m);
        });

        it("policy/package.json has the version PolicyPack reads at start-up and no dependencies of its own", () => {
            // The PolicyPack constructor requires `<cwd>/package.json` and throws without a version;
            // dependencies listed here would invite a second node_modules under policy/.
            const pkg = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8"));
            assert.match(pkg.version, /^\d+\.\d+\.\d+/);
            for (const key of ["dependencies", "devDependencies", "peerDependencies"]) {
                assert.strictEqual(pkg[key], undefined, `policy/package.json declares ${key}`);
            }
        });

        it("the example policy config and the one Deployments run name real policies and keys their schemas declare", () => {
            const example = {
                ...JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "config.example.json"), "utf8")),
                ...JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "config.json"), "utf8")),
            };
            for (const [policyName, config] of Object.entries<Record<string, unknown>>(example)) {
                const policy = POLICIES.find(p => p.name === policyName);
                assert.ok(policy, `config.example.json configures unknown policy ${policyName}`);
                const schema = policy.configSchema?.properties ?? {};
                for (const [key, value] of Object.entries(config)) {
                    const prop = schema[key];
                    assert.ok(prop && typeof prop === "object", `${policyName}.${key} is not in its configSchema`);
                    if (prop.pattern) {
                        assert.match(String(value), new RegExp(prop.pattern), `${policyName}.${key}`);
                    }
                }
            }
        });

        it("the resolver IP ceiling agrees with the project's default quota (DEFAULT_QUOTAS.resolverIpsPerEndpoint)", () => {
            assert.strictEqual(RESOLVER_LIMITS.maxIps, DEFAULT_QUOTAS.resolverIpsPerEndpoint);
        });

        it("its type tokens equal the program's (lib/model.ts TYPES); only tokens the program's table lacks are its own", () => {
            const policyOnly = ["securityGroupRule", "securityGroupIngressRule", "defaultSecurityGroup", "networkAcl", "defaultNetworkAcl", "networkAclRule",
                "transitGateway", "awsProvider"];
            const program: Record<string, string> = PROGRAM_TYPES;
            for (const [name, token] of Object.entries(TYPES)) {
                if (policyOnly.includes(name)) {
                    assert.ok(!Object.values(program).includes(token), `${name} is in lib/model.ts TYPES now: compare it`);
                } else {
                    assert.strictEqual(token, program[name], `TYPES.${name}`);
                }
            }
        });

        it("a policy marks resources of other types not applicable (a stack policy finds nothing in them)", async () => {
            for (const p of POLICIES) {
                const outcome = await validate(p, "aws:s3/bucket:Bucket", { acl: "public-read" });
                if ("validateStack" in p) assert.deepStrictEqual(outcome.violations, [], p.name);
                else assertNotApplicable(outcome);
            }
        });
    });

    describe("vpce-hub-endpoint-private-dns-off", () => {
        const endpoint = (extra: Record<string, any>) => ({
            vpcId: "vpc-hub",
            serviceName: "com.amazonaws.ap-northeast-1.s3",
            vpcEndpointType: "Interface",
            ...extra,
        });

        it("an interface endpoint with private DNS on is a violation", async () => {
            assertViolation(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ privateDnsEnabled: true })), /privateDnsEnabled must be false, is true/);
        });

        it("an interface endpoint that leaves privateDnsEnabled unset is a violation (AWS defaults it to true)", async () => {
            assertViolation(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({})), /unset/);
        });

        it("an interface endpoint with privateDnsEnabled false passes", async () => {
            assertClean(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ privateDnsEnabled: false })));
        });

        it("with dnsRecords: endpoint the invariant is inverted: private DNS must be on, except for services the hub serves with zones", async () => {
            const config = { dnsRecords: "endpoint", zoneServedServices: ["com.example.custom"] };
            assertClean(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ privateDnsEnabled: true }), { config }));
            assertViolation(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ privateDnsEnabled: false }), { config }), /privateDnsEnabled must be true, is false/);
            assertViolation(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({}), { config }), /must be true, is unset/);
            const custom = endpoint({ serviceName: "com.example.custom" });
            assertClean(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, { ...custom, privateDnsEnabled: false }, { config }));
            assertViolation(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, { ...custom, privateDnsEnabled: true }, { config }), /must be false, is true/);
        });

        it("during a migration (dnsRecords: migration) either value passes, but it must be explicit", async () => {
            const config = { dnsRecords: "migration" };
            assertClean(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ privateDnsEnabled: true }), { config }));
            assertClean(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ privateDnsEnabled: false }), { config }));
            assertViolation(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({}), { config }), /must be set explicitly/);
        });

        it("a Gateway endpoint, explicit or by the provider's default, is not applicable", async () => {
            assertNotApplicable(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ vpcEndpointType: "Gateway" })));
            assertNotApplicable(await validate(endpointPrivateDnsOff, TYPES.vpcEndpoint, endpoint({ vpcEndpointType: undefined })));
        });
    });

    describe("vpce-hub-zone-keeps-hub-vpc", () => {
        const hubVpcId = "vpc-0123456789abcdef0";
        const zone = (vpcIds: unknown[]) => ({
            name: "s3.ap-northeast-1.amazonaws.com",
            vpcs: vpcIds.map(vpcId => ({ vpcId, vpcRegion: "ap-northeast-1" })),
        });

        it("a private zone without the configured hub VPC is a violation", async () => {
            const outcome = await validate(zoneKeepsHubVpc, TYPES.zone, zone(["vpc-0aaaaaaaaaaaaaaaa"]), { config: { hubVpcId } });
            assertViolation(outcome, /s3\.ap-northeast-1\.amazonaws\.com is not associated with the hub VPC vpc-0123456789abcdef0/);
        });

        it("a private zone that lists the configured hub VPC among others passes", async () => {
            assertClean(await validate(zoneKeepsHubVpc, TYPES.zone, zone(["vpc-0aaaaaaaaaaaaaaaa", hubVpcId]), { config: { hubVpcId } }));
        });

        it("a private zone with an empty vpcs list is a violation, configured or not", async () => {
            assertViolation(await validate(zoneKeepsHubVpc, TYPES.zone, zone([])), /lists no VPC/);
            assertViolation(await validate(zoneKeepsHubVpc, TYPES.zone, zone([]), { config: { hubVpcId } }), /lists no VPC/);
        });

        it("without hubVpcId config, any private zone with a VPC passes", async () => {
            assertClean(await validate(zoneKeepsHubVpc, TYPES.zone, zone(["vpc-0aaaaaaaaaaaaaaaa"])));
        });

        it("a public zone (no vpcs) is not applicable", async () => {
            assertNotApplicable(await validate(zoneKeepsHubVpc, TYPES.zone, { name: "example.com" }, { config: { hubVpcId } }));
        });

        it("at preview, an unknown VPC id is not reported as a missing hub VPC", async () => {
            const props = zone([previewProxy.unknownStringValue]);
            await assert.rejects(
                validate(zoneKeepsHubVpc, TYPES.zone, props, { config: { hubVpcId }, preview: true }),
                previewProxy.UnknownValueError,
            );
        });

        it("the hubVpcId config schema accepts VPC ids only", () => {
            const pattern = new RegExp((zoneKeepsHubVpc.configSchema!.properties.hubVpcId as { pattern: string }).pattern);
            assert.match(hubVpcId, pattern);
            assert.match("vpc-1a2b3c4d", pattern);
            assert.doesNotMatch("subnet-0123456789abcdef0", pattern);
            assert.doesNotMatch("hub", pattern);
        });
    });

    describe("vpce-hub-no-world-open-ingress", () => {
        const https = { protocol: "tcp", fromPort: 443, toPort: 443 };

        it("an inline ingress rule from 0.0.0.0/0 is a violation", async () => {
            const props = { ingress: [{ ...https, cidrBlocks: ["10.0.0.0/16", "0.0.0.0/0"] }] };
            assertViolation(await validate(noWorldOpenIngress, TYPES.securityGroup, props), /admits ingress from 0\.0\.0\.0\/0/);
        });

        it("an inline ingress rule from ::/0 is a violation", async () => {
            const props = { ingress: [{ ...https, ipv6CidrBlocks: ["::/0"] }] };
            assertViolation(await validate(noWorldOpenIngress, TYPES.securityGroup, props), /admits ingress from ::\/0/);
        });

        it("inline ingress from 10.0.0.0/16 passes", async () => {
            const props = { ingress: [{ ...https, cidrBlocks: ["10.0.0.0/16"] }] };
            assertClean(await validate(noWorldOpenIngress, TYPES.securityGroup, props));
        });

        it("inline egress to 0.0.0.0/0 and ::/0 is not flagged by the ingress policy", async () => {
            const props = {
                ingress: [{ ...https, cidrBlocks: ["10.0.0.0/16"] }],
                egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], ipv6CidrBlocks: ["::/0"] }],
            };
            assertClean(await validate(noWorldOpenIngress, TYPES.securityGroup, props));
        });

        it("a SecurityGroupRule of type ingress from 0.0.0.0/0 is a violation", async () => {
            const props = { type: "ingress", ...https, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" };
            assertViolation(await validate(noWorldOpenIngress, TYPES.securityGroupRule, props), /0\.0\.0\.0\/0/);
        });

        it("a SecurityGroupRule of type ingress from ::/0 is a violation", async () => {
            const props = { type: "ingress", ...https, ipv6CidrBlocks: ["::/0"], securityGroupId: "sg-1" };
            assertViolation(await validate(noWorldOpenIngress, TYPES.securityGroupRule, props), /::\/0/);
        });

        it("a SecurityGroupRule of type egress to 0.0.0.0/0 is not flagged", async () => {
            const props = { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"], securityGroupId: "sg-1" };
            assertClean(await validate(noWorldOpenIngress, TYPES.securityGroupRule, props));
        });

        it("a vpc.SecurityGroupIngressRule from 0.0.0.0/0 or ::/0 is a violation", async () => {
            const base = { securityGroupId: "sg-1", ipProtocol: "tcp", fromPort: 53, toPort: 53 };
            assertViolation(await validate(noWorldOpenIngress, TYPES.securityGroupIngressRule, { ...base, cidrIpv4: "0.0.0.0/0" }), /0\.0\.0\.0\/0/);
            assertViolation(await validate(noWorldOpenIngress, TYPES.securityGroupIngressRule, { ...base, cidrIpv6: "::/0" }), /::\/0/);
        });

        it("a prefix list with a 0.0.0.0/0 entry is a violation (security groups that reference it would admit the world); declared blocks pass", async () => {
            const list = (cidrs: string[]) => ({ addressFamily: "IPv4", maxEntries: 5, entries: cidrs.map(cidr => ({ cidr, description: "x" })) });
            assertViolation(await validate(noWorldOpenIngress, TYPES.managedPrefixList, list(["10.0.0.0/15", "0.0.0.0/0"])), /admits ingress from 0\.0\.0\.0\/0/);
            assertClean(await validate(noWorldOpenIngress, TYPES.managedPrefixList, list(["10.0.0.0/15", "192.168.0.0/16"])));
        });

        it("a vpc.SecurityGroupIngressRule from 10.0.0.0/16 passes", async () => {
            const props = { securityGroupId: "sg-1", ipProtocol: "udp", fromPort: 53, toPort: 53, cidrIpv4: "10.0.0.0/16" };
            assertClean(await validate(noWorldOpenIngress, TYPES.securityGroupIngressRule, props));
        });

        it("any /0 prefix counts as world-open, however its address is written", () => {
            for (const open of ["0.0.0.0/0", "::/0", "0::/0", "10.0.0.0/0", " 0.0.0.0/0 "]) {
                assert.ok(isWorldOpen(open), open);
            }
            for (const closed of ["10.0.0.0/16", "0.0.0.0/1", "::/1", "fd00::/8", "10.0.0.0/10", undefined]) {
                assert.ok(!isWorldOpen(closed), String(closed));
            }
        });
    });

    describe("vpce-hub-resolver-two-azs", () => {
        const inbound = (subnetIds: string[]) => ({
            direction: "INBOUND",
            securityGroupIds: ["sg-resolver"],
            ipAddresses: subnetIds.map(subnetId => ({ subnetId })),
        });

        it("an inbound endpoint with one IP address is a violation", async () => {
            const outcome = await validate(resolverTwoAzs, TYPES.resolverEndpoint, inbound(["subnet-a"]));
            assertViolation(outcome, /has 1 IP address\(es\); it needs at least 2/);
            assert.strictEqual(outcome.violations.length, 1, "one IP should be reported once, not also as one subnet");
        });

        it("an inbound endpoint with two IP addresses in the same subnet is a violation", async () => {
            assertViolation(await validate(resolverTwoAzs, TYPES.resolverEndpoint, inbound(["subnet-a", "subnet-a"])), /uses 1 subnet/);
        });

        it("an inbound endpoint with IP addresses in two subnets passes", async () => {
            assertClean(await validate(resolverTwoAzs, TYPES.resolverEndpoint, inbound(["subnet-a", "subnet-b"])));
        });

        it("an inbound endpoint with six IP addresses over three subnets passes", async () => {
            assertClean(await validate(resolverTwoAzs, TYPES.resolverEndpoint, inbound(["subnet-a", "subnet-b", "subnet-c", "subnet-a", "subnet-b", "subnet-c"])));
        });

        it("an inbound endpoint with seven IP addresses is a violation at AWS's default quota of 6", async () => {
            const outcome = await validate(resolverTwoAzs, TYPES.resolverEndpoint, inbound(["subnet-a", "subnet-b", "subnet-c", "subnet-a", "subnet-b", "subnet-c", "subnet-a"]));
            assertViolation(outcome, /has 7 IP addresses; the quota "IP addresses per Resolver endpoint" allows 6 by default \(adjustable: set maxIps/);
        });

        it("the addresses quota is adjustable: with maxIps 8 declared, 8 addresses pass and 9 are a violation", async () => {
            const ips = (n: number) => inbound(Array.from({ length: n }, (_, i) => `subnet-${"abc"[i % 3]}`));
            assertClean(await validate(resolverTwoAzs, TYPES.resolverEndpoint, ips(8), { config: { maxIps: 8 } }));
            assertViolation(await validate(resolverTwoAzs, TYPES.resolverEndpoint, ips(9), { config: { maxIps: 8 } }), /has 9 IP addresses; the quota "IP addresses per Resolver endpoint" allows 8\.$/);
        });

        it("an inbound endpoint without ipAddresses is a violation", async () => {
            assertViolation(await validate(resolverTwoAzs, TYPES.resolverEndpoint, { direction: "INBOUND" }), /has 0 IP address/);
        });

        it("an outbound endpoint is not applicable", async () => {
            assertNotApplicable(await validate(resolverTwoAzs, TYPES.resolverEndpoint, { ...inbound(["subnet-a"]), direction: "OUTBOUND" }));
        });

        it("at preview, too few addresses are still reported when the subnet ids are unknown", async () => {
            const props = inbound([]);
            props.ipAddresses = [{ subnetId: previewProxy.unknownStringValue as string }];
            assertViolation(await validate(resolverTwoAzs, TYPES.resolverEndpoint, props, { preview: true }), /has 1 IP address/);
        });

        it("at preview, unknown subnet ids are not reported as one subnet", async () => {
            const unknown = previewProxy.unknownStringValue as string;
            await assert.rejects(
                validate(resolverTwoAzs, TYPES.resolverEndpoint, inbound([unknown, unknown]), { preview: true }),
                previewProxy.UnknownValueError,
            );
        });

        it("the description says distinct subnets stand in for Availability Zones offline", () => {
            assert.match(resolverTwoAzs.description, /not known at preview/);
            assert.match(resolverTwoAzs.description, /distinct subnets is the offline proxy/);
        });
    });
});

describe("policy pack against the program's own plan", () => {
    /** The config Deployments run the pack with (policy/config.json), each policy's own part, plus the hub VPC for the zone policy. */
    const live = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "config.json"), "utf8")) as Record<string, object>;

    async function check(dir: string, edit?: (files: Record<string, string>) => void): Promise<{ violations: string[]; checked: number }> {
        const { validateStacks, evaluate } = await import("../plan/plan");
        const { loadStackFiles } = await import("../lib/config/stackFiles");
        const { exampleStacksIn } = await import("./helpers");
        const os = await import("os");
        const source = edit ? exampleStacksIn(fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-policy-")), edit) : dir;
        const { files } = loadStackFiles(source);
        const plan = await evaluate(files, validateStacks(files).configs);
        const violations: string[] = [];
        let checked = 0;
        for (const stack of plan.stacks) {
            const hubVpcId = plan.stacks.find(s => s.role === "hub")!.outputs.vpcId;
            const resources = stack.resources.filter(r => !r.component);
            for (const policy of POLICIES) {
                const config = { ...(live[policy.name] ?? {}), ...(policy.name === zoneKeepsHubVpc.name ? { hubVpcId } : {}) };
                if ("validateStack" in policy) {
                    const out = await validateStack(policy, resources.map(r => ({ type: r.type, name: r.name, props: { ...r.outputs, ...r.inputs, id: r.id } })), config);
                    violations.push(...out.violations.map(v => `${policy.name} ${stack.stack}: ${v}`));
                    checked++;
                    continue;
                }
                for (const r of resources) {
                    const outcome = await validate(policy, r.type, r.inputs, { config, name: r.name });
                    if (outcome.notApplicable === undefined) checked++;
                    violations.push(...outcome.violations.map(v => `${policy.name} ${r.type} ${r.name}: ${v}`));
                }
            }
        }
        return { violations, checked };
    }

    it("every resource the example stacks plan passes every policy, with the config Deployments use (and the hub VPC as hubVpcId)", async () => {
        const { violations, checked } = await check(path.join(__dirname, "fixtures", "example"));
        assert.deepStrictEqual(violations, []);
        // Endpoints, zones, security groups, the Resolver, shares and the gateway were actually examined.
        assert.ok(checked >= 8 + 10 + 9 + 1, `only ${checked} policy checks applied`);
    });

    it("the program's own untracked Resolver passes: its group is the inbound endpoint's and opens all egress, not just tagged", async () => {
        const { violations } = await check("", files => {
            files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"].replace("    vpnGatewayId: vgw-0123456789abcdef0\n", "    vpnGatewayId: vgw-0123456789abcdef0\n    resolverConnectionTracking: untracked\n");
        });
        assert.deepStrictEqual(violations, []);
    });

    it("the config Deployments use loosens exactly what today's program needs, each tied to its open finding (docs/security.md)", () => {
        assert.deepStrictEqual(live, {
            // Members outside any organization need the share (acceptRamShare).
            "vpce-hub-ram-no-external-principals": { allowExternalPrincipals: true },
            // Issue 28 item 6: the hub's gateway accepts shared attachments automatically.
            "vpce-hub-tgw-no-auto-accept": { allowAutoAccept: true },
        });
    });
});

// The hub's zones and endpoints are protected against deletion unless `vpce-hub:protect: false`,
// and zones ignore changes to their inline `vpcs`. Pulumi mocks never see resource options,
// so this checks the option functions, the config default, and the registration requests the
// hub program really sends (recorded on the mock monitor).
import * as assert from "assert";
import type * as pulumi from "@pulumi/pulumi";
import { endpointOptions, zoneOptions } from "../components/options";
import { HubConfig, parseStackConfig } from "../lib/config";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { MockMonitor } = require("@pulumi/pulumi/runtime/mocks") as { MockMonitor: { prototype: { registerResource: (req: any, cb: any) => Promise<void> } } };

const ZONE = "aws:route53/zone:Zone";
const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

function hubRaw(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        "aws:region": "ap-northeast-1",
        "vpce-hub:role": "hub",
        "vpce-hub:accountId": "123456789012",
        "vpce-hub:vpc": {
            id: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
            subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"], routeTableIds: ["rtb-0a1b2c3d4e5f60001"],
        },
        "vpce-hub:services": ["s3", "sqs"],
        "vpce-hub:spokes": [{ name: "member-a", accountId: "111111111111", vpcId: "vpc-0aaaaaaaaaaaaaaaa", cidr: "10.1.0.0/16", connectivity: "peering" }],
        ...extra,
    };
}

describe("protection of the hub's zones and endpoints", () => {
    const parent = { urn: "urn:pulumi:test::vpce-hub::vpce-hub:hub:HubEndpoints::hub" } as unknown as pulumi.Resource;

    it("zoneOptions protects the zone when asked and always ignores changes to its inline vpcs", () => {
        assert.deepStrictEqual(zoneOptions(parent, true), { parent, protect: true, ignoreChanges: ["vpcs"] });
        assert.deepStrictEqual(zoneOptions(parent, false), { parent, protect: false, ignoreChanges: ["vpcs"] });
    });

    it("endpointOptions protects the endpoint when asked and ignores no changes", () => {
        assert.deepStrictEqual(endpointOptions(parent, true), { parent, protect: true });
        assert.deepStrictEqual(endpointOptions(parent, false), { parent, protect: false });
    });

    const protectOf = (raw: Record<string, unknown>) => {
        const r = parseStackConfig("shared", raw);
        assert.deepStrictEqual(r.errors, []);
        return (r.config as HubConfig).protect;
    };

    it("parseStackConfig protects by default", () => {
        assert.strictEqual(protectOf(hubRaw()), true);
    });

    it("parseStackConfig turns protection off with vpce-hub:protect false, as text (how Pulumi passes it) or as a boolean", () => {
        assert.strictEqual(protectOf(hubRaw({ "vpce-hub:protect": "false" })), false);
        assert.strictEqual(protectOf(hubRaw({ "vpce-hub:protect": false })), false);
        assert.strictEqual(protectOf(hubRaw({ "vpce-hub:protect": "true" })), true);
    });

    describe("what the hub program registers", () => {
        interface Registration { type: string; name: string; protect: boolean | undefined; ignoreChanges: string[] }
        let recorded: Registration[] = [];
        const original = MockMonitor.prototype.registerResource;

        before(() => {
            MockMonitor.prototype.registerResource = function (this: unknown, req: any, cb: any) {
                recorded.push({
                    type: req.getType(), name: req.getName(),
                    protect: req.hasProtect?.() === false ? undefined : req.getProtect(),
                    ignoreChanges: req.getIgnorechangesList(),
                });
                return original.call(this, req, cb);
            };
        });
        after(() => { MockMonitor.prototype.registerResource = original; });

        async function registrations(raw: Record<string, unknown>): Promise<Registration[]> {
            recorded = [];
            await runStackSimulated(new SimCloud(), "shared", raw);
            return recorded;
        }

        it("by default every zone and endpoint is registered with protect, and zones ignore changes to vpcs", async () => {
            const regs = await registrations(hubRaw());
            const zones = regs.filter(r => r.type === ZONE);
            const endpoints = regs.filter(r => r.type === ENDPOINT);
            // s3 has three zones (s3, s3-control, s3-accesspoint), sqs one.
            assert.strictEqual(zones.length, 4);
            assert.strictEqual(endpoints.length, 2);
            for (const r of [...zones, ...endpoints]) assert.strictEqual(r.protect, true, `${r.type} ${r.name} is not protected`);
            for (const z of zones) assert.deepStrictEqual(z.ignoreChanges, ["vpcs"], `zone ${z.name}`);
        });

        it("with vpce-hub:protect false nothing is registered with protect, and zones still ignore changes to vpcs", async () => {
            const regs = await registrations(hubRaw({ "vpce-hub:protect": "false" }));
            assert.ok(regs.some(r => r.type === ZONE) && regs.some(r => r.type === ENDPOINT));
            assert.deepStrictEqual(regs.filter(r => r.protect === true).map(r => `${r.type} ${r.name}`), []);
            for (const z of regs.filter(r => r.type === ZONE)) assert.deepStrictEqual(z.ignoreChanges, ["vpcs"], `zone ${z.name}`);
        });
    });
});

// The DNS options each interface endpoint is created with (components/hub.ts): AWS accepts
// `privateDnsOnlyForInboundResolverEndpoint` only for services with gateway endpoints too (S3),
// and `dnsRecordIpType: dualstack` only on dual-stack endpoints.
import * as assert from "assert";
import { PlannedStack } from "../lib/model";
import { evaluate, validateStacks } from "../plan/plan";
import { StackFile } from "../lib/config/stackFiles";
import { exampleRaw } from "./helpers";

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";

async function hubEndpoints(edit: (raw: Record<string, Record<string, any>>) => void): Promise<Record<string, Record<string, any>>> {
    const raw = exampleRaw();
    edit(raw);
    const files: StackFile[] = Object.entries(raw).map(([stack, r]) => ({ stack, file: `Pulumi.${stack}.yaml`, raw: r }));
    const { configs, errors } = validateStacks(files);
    assert.deepStrictEqual(errors, []);
    const p = await evaluate(files, configs);
    const hub = p.stacks.find(s => s.role === "hub") as PlannedStack;
    return Object.fromEntries(hub.resources.filter(r => r.type === ENDPOINT).map(e => [e.name, e.inputs]));
}

describe("interface endpoints' DNS options", () => {
    it("a dual-stack hub with records: endpoint gives only S3 the inbound-Resolver-only option; ssm asks for dual-stack records and nothing else", async () => {
        const e = await hubEndpoints(raw => {
            const hub = raw.shared;
            hub["vpce-hub:ipAddressType"] = "dualstack";
            hub["vpce-hub:vpc"].ipv6Cidr = "2600:1f18:abcd:1200::/56";
            hub["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" };
            hub["vpce-hub:services"] = ["s3", "ssm"];
            // member-a is outside the hub's organization: it accepts the profile's RAM share.
            raw["member-a"]["vpce-hub:acceptRamShare"] = true;
        });
        assert.deepStrictEqual(e.ssm.ipAddressType, "dualstack");
        assert.deepStrictEqual(e.ssm.dnsOptions, { dnsRecordIpType: "dualstack" });
        // S3 interface endpoints accept IPv6 (S3 user guide: IP address types): dual-stack records and the S3-only option.
        assert.deepStrictEqual(e.s3.dnsOptions, { dnsRecordIpType: "dualstack", privateDnsOnlyForInboundResolverEndpoint: false });
        assert.strictEqual(e.s3.ipAddressType, "dualstack");
    });
});

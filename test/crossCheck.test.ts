// lib/checks/crossStack.ts: a spoke stack checked against its hub, before it changes anything. Each
// refusal is what the member team reads when its `pulumi up` or `npm run plan` stops, so the
// messages are asserted word for word. Hand-built spoke configs and hub views.
import * as assert from "assert";
import { SpokeConfig, formatError } from "../lib/config";
import { HubView, checkSpokeAgainstHub, hubDnsErrors } from "../lib/checks/crossStack";

const spoke = (vpc: Partial<SpokeConfig["vpc"]> = {}): SpokeConfig => ({
    role: "spoke", stack: "app", region: "ap-northeast-1", accountId: "111111111111", hubStack: "acme/vpce-hub/shared", acceptRamShare: false,
    vpc: { kind: "existing", id: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", subnetIds: ["subnet-0bbb00000001", "subnet-0bbb00000002"], routeTableIds: ["rtb-0bbb00000001"], ...vpc },
});

const hubView = (entry: Partial<HubView["spokes"][string]> = {}, vpcCidr = "10.0.0.0/16"): HubView => ({
    accountId: "123456789012", region: "ap-northeast-1", vpcCidr,
    spokes: { app: { accountId: "111111111111", vpcId: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", connectivity: "transitGateway", authorizedZoneIds: [], ...entry } },
});

describe("lib/checks/crossStack: a spoke refuses a hub whose DNS mode it cannot serve", () => {
    it("a DNS mode this spoke program does not know: the error lists the modes it knows and says to update the program", () => {
        assert.deepStrictEqual(hubDnsErrors(spoke(), { sharing: "mesh", records: "zones" }).map(formatError), [
            `error: app: vpce-hub:hubStack: the hub "shared" shares DNS as { sharing: mesh, records: zones }, which this spoke program cannot serve ` +
            "(it knows sharing associations or profile, records zones or endpoint): update the vpce-hub program of this stack to the hub's version",
        ]);
    });

    it("the endpoints' private DNS shared by associations: refused, only a Route 53 Profile carries it to a spoke VPC", () => {
        assert.deepStrictEqual(hubDnsErrors(spoke(), { sharing: "associations", records: "endpoint" }).map(formatError), [
            `error: app: vpce-hub:hubStack: the hub "shared" shares the endpoints' private DNS without a Route 53 Profile (sharing: associations): ` +
            "only a profile carries it to a spoke VPC; fix the hub's vpce-hub:dns",
        ]);
        assert.deepStrictEqual(hubDnsErrors(spoke(), { sharing: "profile", records: "endpoint", profileId: "rp-0123456789abcdef" }), []);
    });
});

describe("lib/checks/crossStack checkSpokeAgainstHub: the spoke agrees with the hub's registry", () => {
    it("a spoke IPv6 block inside any one of the blocks the hub registered is accepted", () => {
        const hub = hubView({ ipv6Cidrs: ["2600:1f18:aaaa:1100::/56", "2600:1f18:bbbb:2200::/56"] });
        assert.deepStrictEqual(checkSpokeAgainstHub(spoke({ ipv6Cidr: "2600:1f18:bbbb:2200::/56" }), hub), []);
    });

    it("a spoke IPv6 block outside every registered block: the error names the spoke's block and all the hub's", () => {
        const hub = hubView({ ipv6Cidrs: ["2600:1f18:aaaa:1100::/56", "2600:1f18:bbbb:2200::/56"] });
        assert.deepStrictEqual(checkSpokeAgainstHub(spoke({ ipv6Cidr: "2600:1f18:cccc:3300::/56" }), hub).map(formatError), [
            `error: app: vpce-hub:vpc.ipv6Cidr: is 2600:1f18:cccc:3300::/56, but the hub "shared" registered 2600:1f18:aaaa:1100::/56, 2600:1f18:bbbb:2200::/56 for "app"`,
        ]);
    });

    it("a spoke VPC with the hub VPC's own CIDR (registered so by the hub) is refused on vpc.cidr", () => {
        const hub = hubView({ cidr: "10.0.0.0/16" }, "10.0.0.0/16");
        assert.deepStrictEqual(checkSpokeAgainstHub(spoke({ cidr: "10.0.0.0/16" }), hub).map(formatError), [
            "error: app: vpce-hub:vpc.cidr: is the hub's own CIDR",
        ]);
    });
});

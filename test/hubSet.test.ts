// lib/config/hubSet.ts on hand-built hub configs: the rules that hold between the hubs of one plan
// (docs/multi-hub.md), each error word for word as the user reads it in `npm run plan`. The
// CIDRs, VPC ids and zones are picked by hand so that each case has exactly the errors written
// out below; nothing here is computed by the code under test.
import * as assert from "assert";
import type { ResolvedService } from "../lib/catalog/types";
import { ConfigError, HubConfig, formatError } from "../lib/config";
import { checkHubSet, tablesOwner } from "../lib/config/hubSet";

const R = "ap-northeast-1";
const TGW = "tgw-0123456789abcdef0";

/** A service with apex zones, as the catalog resolves it. */
const svc = (name: string, zones: string[] = [`${name}.${R}.amazonaws.com`]): ResolvedService => ({
    name, endpointService: `com.amazonaws.${R}.${name}`, zones: zones.map(z => ({ name: z, wildcard: false })), ports: [443], supportsPolicy: true,
});

interface HubSpec {
    /** An existing VPC [id, cidr], or a CIDR alone: a new VPC. */
    readonly vpc: readonly [string, string] | string;
    readonly services?: readonly ResolvedService[];
    /** [member name, vpc id, cidr] */
    readonly spokes?: readonly (readonly [string, string, string])[];
    readonly onPrem?: readonly string[];
    readonly tgw?: string;
    readonly sharedWith?: readonly string[];
    readonly accountId?: string;
}

/** The fields checkHubSet reads; the rest of a HubConfig plays no part in these rules. */
function hub(stack: string, s: HubSpec): HubConfig {
    return {
        role: "hub", stack, region: R, accountId: s.accountId,
        vpc: typeof s.vpc === "string" ? { kind: "new", cidr: s.vpc, availabilityZones: 2 }
            : { kind: "existing", id: s.vpc[0], cidr: s.vpc[1], subnetIds: [], routeTableIds: [] },
        services: s.services ?? [svc("sqs")],
        spokes: (s.spokes ?? []).map(([name, vpcId, cidr]) => ({ name, accountId: "111111111111", vpcId, cidr, connectivity: "transitGateway" as const })),
        ...(s.onPrem ? { onPrem: { cidrs: s.onPrem, dnsServerCidrs: s.onPrem, vpnGatewayId: "vgw-0aaa000000000001", resolverConnectionTracking: "tracked" as const } } : {}),
        ...(s.tgw ? { transitGatewayId: s.tgw } : {}),
        ...(s.sharedWith ? { transitGatewaySharedWith: s.sharedWith } : {}),
    } as unknown as HubConfig;
}

/** Hubs on one Transit Gateway, each naming the others, in one account: joined, and nothing else to say. */
function onOneTgw(specs: Record<string, HubSpec>): HubConfig[] {
    const names = Object.keys(specs);
    return names.map(n => hub(n, { tgw: TGW, sharedWith: names.filter(o => o !== n), accountId: "123456789012", ...specs[n] }));
}

const lines = (errors: readonly ConfigError[]) => errors.map(formatError);
const AMBIGUOUS = "so routes to the two blocks would be ambiguous";
const VIA_TGW = `both use Transit Gateway ${TGW}, ${AMBIGUOUS}`;

describe("lib/config/hubSet: which hub owns a shared Transit Gateway's route tables", () => {
    it("a hub that shares its Transit Gateway with no other hub owns the tables itself", () => {
        assert.strictEqual(tablesOwner(hub("prod", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], tgw: TGW })), "prod");
    });
});

describe("lib/config/hubSet checkHubSet: the rules between hubs, word for word", () => {
    it("sharedWithHubs naming two hubs on a hub alone in the plan: one error naming both", () => {
        assert.deepStrictEqual(lines(checkHubSet([hub("prod", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], tgw: TGW, sharedWith: ["dev", "test"] })])), [
            "error: prod: vpce-hub:transitGateway.sharedWithHubs: names dev, test, but this plan has no other hub stack",
        ]);
    });

    it("two hubs in one region that each create their VPC, with the same services: no conflict (new VPCs hold only their own hub's zones)", () => {
        assert.deepStrictEqual(lines(checkHubSet([
            hub("prod", { vpc: "10.0.0.0/16", services: [svc("sqs"), svc("sts")] }),
            hub("dev", { vpc: "10.0.0.0/16", services: [svc("sqs"), svc("sts")] }),
        ])), []);
    });

    it("two hubs on different Transit Gateways, without on-prem, may reuse CIDRs: nothing routes between them", () => {
        assert.deepStrictEqual(lines(checkHubSet([
            hub("prod", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], tgw: "tgw-0aaa000000000001", spokes: [["app", "vpc-0bbb000000000001", "10.1.0.0/16"]] }),
            hub("dev", { vpc: ["vpc-0ccc000000000001", "10.0.0.0/16"], tgw: "tgw-0ccc000000000001", spokes: [["dev-app", "vpc-0ddd000000000001", "10.1.0.0/16"]] }),
        ])), []);
    });

    it("a member listed by two joined hubs with different services: one error, that it is listed twice (no zone conflict, no overlap with itself)", () => {
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], services: [svc("sqs")], spokes: [["app", "vpc-0bbb000000000001", "10.1.0.0/16"]] },
            b: { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"], services: [svc("sts")], spokes: [["app", "vpc-0bbb000000000001", "10.1.0.0/16"]] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:spokes[0].name: spoke "app" is also listed by hub "a" (vpce-hub:spokes[0]): a member belongs to one hub, the one its vpce-hub:hubStack names; remove it from one of them`,
        ]);
    });

    it("a hub listing one VPC for two of its own members: left to that hub's own check, no conflict between hubs", () => {
        assert.deepStrictEqual(lines(checkHubSet([
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], spokes: [["app", "vpc-0bbb000000000001", "10.1.0.0/16"], ["app-blue", "vpc-0bbb000000000001", "10.1.0.0/16"]] }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"] }),
        ])), []);
    });

    it("one VPC getting five zones of one name from two hubs: the error names three, sorted, and the count of the rest (ConflictingDomainExists)", () => {
        const five = [svc("sqs"), svc("sts"), svc("ssm"), svc("logs"), svc("kms")];
        const hubs = [
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], services: five, spokes: [["app", "vpc-0bbb000000000001", "10.1.0.0/16"]] }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"], services: five, spokes: [["app-copy", "vpc-0bbb000000000001", "10.1.0.0/16"]] }),
        ];
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:spokes[0].vpcId: vpc-0bbb000000000001 would get zones of hub "a" (its vpce-hub:spokes[0].vpcId) and of this hub, ` +
            "and both have zones kms.ap-northeast-1.amazonaws.com, logs.ap-northeast-1.amazonaws.com, sqs.ap-northeast-1.amazonaws.com and 2 more: " +
            "Route 53 refuses a second private zone of one name on a VPC (ConflictingDomainExists); give each VPC one hub",
        ]);
    });

    it("a hub's VPC registered as another joined hub's spoke: the zone conflict is reported, not also an overlap of the VPC with itself", () => {
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], spokes: [["b-vpc", "vpc-0ccc000000000001", "10.50.0.0/16"]] },
            b: { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:vpc.id: vpc-0ccc000000000001 would get zones of hub "a" (its vpce-hub:spokes[0].vpcId) and of this hub, ` +
            "and both have the zone sqs.ap-northeast-1.amazonaws.com: " +
            "Route 53 refuses a second private zone of one name on a VPC (ConflictingDomainExists); give each VPC one hub",
        ]);
    });

    it("sharedWithHubs naming the hub itself, a hub on no such gateway and no hub at all: one error each, on its index", () => {
        const hubs = [
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], tgw: TGW, sharedWith: ["a", "b", "c", "zz"], accountId: "123456789012" }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"] }),
            hub("c", { vpc: ["vpc-0eee000000000001", "10.60.0.0/16"], tgw: "tgw-0fff000000000001" }),
        ];
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: a: vpce-hub:transitGateway.sharedWithHubs[0]: "a" is this hub itself`,
            `error: a: vpce-hub:transitGateway.sharedWithHubs[1]: hub "b" does not use ${TGW} (its vpce-hub:transitGateway.id is unset)`,
            `error: a: vpce-hub:transitGateway.sharedWithHubs[2]: hub "c" does not use ${TGW} (its vpce-hub:transitGateway.id is tgw-0fff000000000001)`,
            `error: a: vpce-hub:transitGateway.sharedWithHubs[3]: "zz" is no hub stack of this plan`,
        ]);
    });

    it("three hubs on one Transit Gateway that do not say so, accounts unset: each is told the other two, the later ones that the owner's account must be set", () => {
        const hubs = [
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], tgw: TGW }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"], tgw: TGW }),
            hub("c", { vpc: ["vpc-0eee000000000001", "10.60.0.0/16"], tgw: TGW }),
        ];
        const told = (h: string, others: string[]) => `error: ${h}: vpce-hub:transitGateway.id: ${TGW} is also the Transit Gateway of hub ${others.map(o => `"${o}"`).join(", ")}: ` +
            `hubs on one Transit Gateway share its default route tables, so say so with vpce-hub:transitGateway.sharedWithHubs: [${others.join(", ")}] (docs/multi-hub.md)`;
        const account = (h: string) => `error: ${h}: vpce-hub:accountId: hubs sharing ${TGW} must be in the account that owns it, set explicitly: ` +
            "only the owner shares a Transit Gateway and manages its route tables (a: unset, b: unset, c: unset)";
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [told("a", ["b", "c"]), told("b", ["a", "c"]), told("c", ["a", "b"]), account("b"), account("c")]);
    });

    it("two hubs with on-prem serving one zone: the error is on the later hub's service that holds it, even beside other zones", () => {
        const hubs = [
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], services: [svc("ssm")], onPrem: ["192.168.0.0/16"] }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"], services: [svc("sqs"), svc("ssm", [`ssm.${R}.api.aws`, `ssm.${R}.amazonaws.com`])], onPrem: ["172.16.0.0/12"] }),
        ];
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:services[1]: zone ssm.ap-northeast-1.amazonaws.com is also served to on-prem by hub "a": an on-prem forwarder zone goes to one Resolver, ` +
            "so only one hub with vpce-hub:onPrem may serve a name (drop the service here, or onPrem from one hub)",
        ]);
    });

    it("hubs joined by the second of their on-prem networks must not overlap: the error names the first hub's on-prem networks", () => {
        const hubs = [
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], onPrem: ["10.200.0.0/16", "192.168.0.0/16"], services: [svc("sqs")] }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.0.0.0/16"], onPrem: ["172.16.0.0/12", "192.168.8.0/21"], services: [svc("sts")] }),
        ];
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:vpc.cidr: 10.0.0.0/16 overlaps 10.0.0.0/16 of hub "a" (its vpce-hub:vpc.cidr): this hub and "a" ` +
            `both reach the on-prem network 10.200.0.0/16, 192.168.0.0/16 (overlapping vpce-hub:onPrem.cidrs), ${AMBIGUOUS}`,
        ]);
    });

    it("two hubs creating their VPCs with one CIDR, on one on-prem network: the overlap is an error on the later hub", () => {
        const hubs = [
            hub("apne1", { vpc: "10.0.0.0/16", onPrem: ["192.168.0.0/16"], services: [svc("sqs")] }),
            hub("usw2", { vpc: "10.0.0.0/16", onPrem: ["192.168.0.0/16"], services: [svc("sts")] }),
        ];
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: usw2: vpce-hub:vpc.cidr: 10.0.0.0/16 overlaps 10.0.0.0/16 of hub "apne1" (its vpce-hub:vpc.cidr): this hub and "apne1" ` +
            `both reach the on-prem network 192.168.0.0/16 (overlapping vpce-hub:onPrem.cidrs), ${AMBIGUOUS}`,
        ]);
    });

    it("hubs joined only through a third one: the overlap names the whole chain of hubs", () => {
        const hubs = [
            hub("a", { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], onPrem: ["192.168.0.0/16"], services: [svc("sqs")] }),
            hub("b", { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"], onPrem: ["192.168.0.0/16"], services: [svc("sts")], tgw: TGW, sharedWith: ["c"], accountId: "123456789012" }),
            hub("c", { vpc: ["vpc-0eee000000000001", "10.0.0.0/16"], services: [svc("ssm")], tgw: TGW, sharedWith: ["b"], accountId: "123456789012" }),
        ];
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: c: vpce-hub:vpc.cidr: 10.0.0.0/16 overlaps 10.0.0.0/16 of hub "a" (its vpce-hub:vpc.cidr): this hub and "a" ` +
            `are joined through the on-prem networks or Transit Gateways of hubs a, b, c, ${AMBIGUOUS}`,
        ]);
    });

    it("an on-prem network inside another joined hub's VPC, even one address at its very end, is an overlap on that on-prem key", () => {
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"] },
            b: { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"], onPrem: ["172.16.0.0/12", "10.0.255.255/32"] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:onPrem.cidrs[1]: 10.0.255.255/32 overlaps 10.0.0.0/16 of hub "a" (its vpce-hub:vpc.cidr): this hub and "a" ${VIA_TGW}`,
        ]);
    });

    it("a hub's own overlapping blocks are left to that hub's own check: joined hubs report only overlaps across hubs", () => {
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.0.0.0/16"], spokes: [["inside", "vpc-0bbb000000000001", "10.0.1.0/24"]] },
            b: { vpc: ["vpc-0ccc000000000001", "10.50.0.0/16"] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), []);
    });

    it("a later hub's block around an earlier hub's: the error is on the later hub, naming the earlier hub's block", () => {
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.1.0.0/16"] },
            b: { vpc: ["vpc-0ccc000000000001", "10.0.0.0/14"] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:vpc.cidr: 10.0.0.0/14 overlaps 10.1.0.0/16 of hub "a" (its vpce-hub:vpc.cidr): this hub and "a" ${VIA_TGW}`,
        ]);
    });

    it("nested blocks of three hubs: a block overlaps the blocks around it, not a neighbour inside the same larger block", () => {
        // b's VPC 10.1.0.0/16 holds a's spoke 10.1.0.0/24 and c's spoke 10.1.1.0/24, which do not overlap each other.
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.20.0.0/16"], spokes: [["a-app", "vpc-0bbb000000000001", "10.1.0.0/24"]] },
            b: { vpc: ["vpc-0ccc000000000001", "10.1.0.0/16"] },
            c: { vpc: ["vpc-0eee000000000001", "10.30.0.0/16"], spokes: [["c-app", "vpc-0fff000000000001", "10.1.1.0/24"]] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: b: vpce-hub:vpc.cidr: 10.1.0.0/16 overlaps 10.1.0.0/24 of hub "a" (its vpce-hub:spokes[0].cidr): this hub and "a" ${VIA_TGW}`,
            `error: c: vpce-hub:spokes[0].cidr: 10.1.1.0/24 overlaps 10.1.0.0/16 of hub "b" (its vpce-hub:vpc.cidr): this hub and "b" ${VIA_TGW}`,
        ]);
    });

    it("overlaps are reported by the later hub, then its key, whatever order the addresses come in", () => {
        // By address: c's 10.0.0.0/8 first (around a's VPC), c's spoke inside a's VPC, then b's 172.16.0.0/12 around a's spoke.
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.1.0.0/16"], spokes: [["a-app", "vpc-0bbb000000000001", "172.16.0.0/16"]] },
            b: { vpc: ["vpc-0ccc000000000001", "172.16.0.0/12"] },
            c: { vpc: ["vpc-0eee000000000001", "10.0.0.0/8"], spokes: [["c-app", "vpc-0fff000000000001", "10.1.0.0/24"]] },
        });
        assert.deepStrictEqual(checkHubSet(hubs).map(e => `${e.stack} ${e.key}: ${e.message.slice(0, e.message.indexOf(":"))}`), [
            `b vpce-hub:vpc.cidr: 172.16.0.0/12 overlaps 172.16.0.0/16 of hub "a" (its vpce-hub`,
            `c vpce-hub:spokes[0].cidr: 10.1.0.0/24 overlaps 10.1.0.0/16 of hub "a" (its vpce-hub`,
            `c vpce-hub:vpc.cidr: 10.0.0.0/8 overlaps 10.1.0.0/16 of hub "a" (its vpce-hub`,
        ]);
    });

    it("several overlaps on one key: reported by the earlier hub, then its key, whatever order the addresses come in", () => {
        // By address: c's 10.0.0.0/8, a's VPC 10.1.0.0/16, b's spoke 10.2.0.0/16, a's spoke 10.3.0.0/16: all inside c's VPC.
        const hubs = onOneTgw({
            a: { vpc: ["vpc-0aaa000000000001", "10.1.0.0/16"], spokes: [["a-app", "vpc-0bbb000000000001", "10.3.0.0/16"]] },
            b: { vpc: ["vpc-0ccc000000000001", "192.168.0.0/16"], spokes: [["b-app", "vpc-0ddd000000000001", "10.2.0.0/16"]] },
            c: { vpc: ["vpc-0eee000000000001", "10.0.0.0/8"] },
        });
        assert.deepStrictEqual(lines(checkHubSet(hubs)), [
            `error: c: vpce-hub:vpc.cidr: 10.0.0.0/8 overlaps 10.3.0.0/16 of hub "a" (its vpce-hub:spokes[0].cidr): this hub and "a" ${VIA_TGW}`,
            `error: c: vpce-hub:vpc.cidr: 10.0.0.0/8 overlaps 10.1.0.0/16 of hub "a" (its vpce-hub:vpc.cidr): this hub and "a" ${VIA_TGW}`,
            `error: c: vpce-hub:vpc.cidr: 10.0.0.0/8 overlaps 10.2.0.0/16 of hub "b" (its vpce-hub:spokes[0].cidr): this hub and "b" ${VIA_TGW}`,
        ]);
    });
});

// Spoke isolation at fleet size (lib/checks/isolation.ts): the proof follows each spoke's own paths once,
// so its work grows with the fleet, not with its square. The work is counted (comparisons of
// routes and table entries), never timed. Plans are hand-built here: no code under test makes them.
import * as assert from "assert";
import type { PlannedResource, PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";

const HUB_VPC = "vpc-hub";
const TGW = "tgw-1";
const SPOKES_TABLE = "tgw-rtb-spokes";
const HUB_TABLE = "tgw-rtb-hub";

interface Options {
    /** Each spoke routes 0.0.0.0/0 into the TGW (a default route covers every other spoke). */
    readonly defaultRoute?: boolean;
    /** Every spoke attachment also propagates into the spokes table: each spoke learns all the others. */
    readonly leakAll?: boolean;
}

function r(type: string, name: string, inputs: Record<string, any>, id = name): PlannedResource {
    return { urn: `urn:pulumi:x::vpce-hub::${type}::${name}`, type, name, id, inputs, outputs: {} };
}

/** A hub and n spokes, every other one by peering, each in a /24 of 10.1.0.0/16 upwards. */
function fleet(n: number, o: Options = {}): PlannedStack[] {
    const hub: PlannedResource[] = [
        r("aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation", "assoc", { transitGatewayId: TGW, transitGatewayRouteTableId: SPOKES_TABLE }),
        r("aws:ec2transitgateway/defaultRouteTablePropagation:DefaultRouteTablePropagation", "prop", { transitGatewayId: TGW, transitGatewayRouteTableId: HUB_TABLE }),
        r("aws:ec2transitgateway/vpcAttachment:VpcAttachment", "hub", {
            transitGatewayId: TGW, vpcId: HUB_VPC, transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false,
        }, "tgw-attach-hub"),
        r("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", "hub-assoc", { transitGatewayAttachmentId: "tgw-attach-hub", transitGatewayRouteTableId: HUB_TABLE }),
        r("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", "hub-prop", { transitGatewayAttachmentId: "tgw-attach-hub", transitGatewayRouteTableId: SPOKES_TABLE }),
    ];
    const entries = Array.from({ length: n }, (_, i) => ({
        name: `s${i}`, vpcId: `vpc-s${i}`, cidr: `10.${1 + Math.floor(i / 256)}.${i % 256}.0/24`,
        connectivity: i % 2 === 0 ? "peering" : "transitGateway", accountId: `2${String(i).padStart(11, "0")}`,
    }));
    const spokes: PlannedStack[] = entries.map(e => {
        const own: PlannedResource[] = [];
        const rt = `rtb-${e.name}`;
        if (e.connectivity === "peering") {
            hub.push(r("aws:ec2/vpcPeeringConnection:VpcPeeringConnection", e.name, { vpcId: HUB_VPC, peerVpcId: e.vpcId }, `pcx-${e.name}`));
            hub.push(r("aws:ec2/route:Route", `${e.name}-hub`, { routeTableId: "rtb-hub", destinationCidrBlock: e.cidr, vpcPeeringConnectionId: `pcx-${e.name}` }));
            own.push(r("aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter", e.name, { vpcPeeringConnectionId: `pcx-${e.name}` }));
            own.push(r("aws:ec2/route:Route", `${e.name}-to-hub`, { routeTableId: rt, destinationCidrBlock: "10.0.0.0/16", vpcPeeringConnectionId: `pcx-${e.name}` }));
        } else {
            hub.push(r("aws:ec2/route:Route", `${e.name}-hub`, { routeTableId: "rtb-hub", destinationCidrBlock: e.cidr, transitGatewayId: TGW }));
            own.push(r("aws:ec2transitgateway/vpcAttachment:VpcAttachment", e.name, { transitGatewayId: TGW, vpcId: e.vpcId }, `tgw-attach-${e.name}`));
            own.push(r("aws:ec2/route:Route", `${e.name}-to-hub`, { routeTableId: rt, destinationCidrBlock: o.defaultRoute ? "0.0.0.0/0" : "10.0.0.0/16", transitGatewayId: TGW }));
            if (o.leakAll) {
                hub.push(r("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", `${e.name}-leak`, { transitGatewayAttachmentId: `tgw-attach-${e.name}`, transitGatewayRouteTableId: SPOKES_TABLE }));
            }
        }
        const config = { role: "spoke", stack: e.name, vpc: { kind: "existing", id: e.vpcId, cidr: e.cidr, subnetIds: [], routeTableIds: [rt] } } as any;
        return { stack: e.name, role: "spoke", accountId: e.accountId, region: "ap-northeast-1", config, resources: own, outputs: {} } as PlannedStack;
    });
    const hubConfig = { role: "hub", stack: "shared", vpc: { kind: "existing", id: HUB_VPC, cidr: "10.0.0.0/16" }, services: [], spokes: entries } as any;
    return [
        { stack: "shared", role: "hub", accountId: "111111111111", region: "ap-northeast-1", config: hubConfig, resources: hub, outputs: { vpcId: HUB_VPC, routeTableIds: ["rtb-hub"] } },
        ...spokes,
    ];
}

function isolation(n: number, o: Options = {}) {
    const work = { comparisons: 0 };
    const checks = checkPaths(fleet(n, o), {}, work).filter(c => c.kind === "isolation");
    return { checks, comparisons: work.comparisons };
}

describe("spoke isolation without N² pairs (lib/checks/paths.ts)", () => {
    for (const o of [{}, { defaultRoute: true }]) {
        const what = o.defaultRoute ? "even when every TGW spoke routes 0.0.0.0/0 into the TGW, " : "";
        it(`${what}proves N spokes isolated with work linear in N: 4x the spokes, at most 4.4x the comparisons`, () => {
            const small = isolation(100, o);
            const large = isolation(400, o);
            // Each spoke passes, one check each; the hub's table learns every spoke but is no spoke's.
            assert.strictEqual(small.checks.length, 100);
            assert.strictEqual(large.checks.length, 400);
            assert.ok(large.checks.every(c => c.verdict === "pass" && c.service === "spoke:*"), JSON.stringify(large.checks.find(c => c.verdict === "fail")));
            // Quadratic pairs would be 16x; a per-spoke bound keeps a large constant from hiding it.
            assert.ok(large.comparisons <= 4.4 * small.comparisons, `${small.comparisons} comparisons for 100 spokes, ${large.comparisons} for 400`);
            assert.ok(large.comparisons <= 20 * 400, `${large.comparisons} comparisons for 400 spokes`);
            assert.ok(small.comparisons >= 100, "the counter counts the work done per spoke");
        });
    }

    it("names both spokes and the TGW table for every pair a leaking spokes table joins (the counter sees that work too)", () => {
        const n = 40; // 20 TGW spokes, each learning the 19 others
        const { checks, comparisons } = isolation(n, { leakAll: true });
        const leaks = checks.filter(c => c.verdict === "fail");
        assert.strictEqual(leaks.length, 20 * 19);
        const one = leaks.find(c => c.source === "s1" && c.service === "spoke:s3")!;
        assert.strictEqual(one.host, "10.1.3.0/24");
        assert.match(one.reason, /^spokes must not reach each other: TGW route table tgw-rtb-spokes of s1's attachment routes 10\.1\.3\.0\/24 to s3's attachment tgw-attach-s3$/);
        // Peering spokes stay isolated: their one check passes.
        assert.deepStrictEqual(checks.filter(c => c.source === "s0").map(c => c.verdict), ["pass"]);
        assert.ok(comparisons >= 20 * 19, "each pair joined was examined");
    });

    it("a default route into a leaking TGW names the route's path to each other spoke", () => {
        const { checks } = isolation(4, { defaultRoute: true, leakAll: true });
        const leak = checks.filter(c => c.source === "s1" && c.service === "spoke:s3");
        assert.strictEqual(leak.length, 1);
        assert.match(leak[0].reason, /TGW route table tgw-rtb-spokes sends s1's packets to s3's attachment tgw-attach-s3/);
    });
});

describe("isolation checks as the user reads them (lib/checks/isolation.ts)", () => {
    it("a failing isolation check names the spoke reached and its CIDR, with no answer and no path", () => {
        const { checks } = isolation(4, { leakAll: true });
        assert.deepStrictEqual(checks.find(c => c.source === "s1" && c.service === "spoke:s3"), {
            kind: "isolation", source: "s1", service: "spoke:s3", host: "10.1.3.0/24", answer: [], verdict: "fail",
            reason: "spokes must not reach each other: TGW route table tgw-rtb-spokes of s1's attachment routes 10.1.3.0/24 to s3's attachment tgw-attach-s3", path: [],
        });
    });
});

/**
 * Two hubs, east (10.0.0.0/16) and west (10.128.0.0/16), sharing Transit Gateway tgw-1: every
 * spoke attachment is associated with the spokes table, which learns both hubs' VPCs; the
 * hubs' table learns every spoke. East's spokes: a (10.1.0.0/16) and c (10.2.0.0/16); west's: b
 * (10.129.0.0/16). Each spoke routes its own hub's CIDR into the TGW.
 */
interface CrossOptions {
    /** CIDRs west's sqs endpoint security group admits on tcp 443 (default: 10.128.0.0/15, its own spokes). */
    readonly westAdmits?: string[];
    /** More routes of a's route table into the TGW. */
    readonly aRoutes?: string[];
    /** More routes of c's route table into the TGW. */
    readonly cRoutes?: string[];
    /** These spokes' attachments also propagate into the spokes table (every spoke then learns them). */
    readonly learned?: string[];
    /** More resources of west. */
    readonly west?: PlannedResource[];
}

function crossHub(o: CrossOptions = {}) {
    const hubStack = (stack: string, vpcId: string, cidr: string, own: PlannedResource[]): PlannedStack => ({
        stack, role: "hub", accountId: "111111111111", region: "ap-northeast-1",
        config: { role: "hub", stack, vpc: { kind: "existing", id: vpcId, cidr, subnetIds: [], routeTableIds: [`rtb-${stack}`] }, services: [], spokes: [] } as any,
        resources: [
            r("aws:ec2transitgateway/vpcAttachment:VpcAttachment", `${stack}-att`, { transitGatewayId: TGW, vpcId, transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }, `tgw-attach-${stack}`),
            r("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", `${stack}-assoc`, { transitGatewayAttachmentId: `tgw-attach-${stack}`, transitGatewayRouteTableId: HUB_TABLE }),
            r("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", `${stack}-prop`, { transitGatewayAttachmentId: `tgw-attach-${stack}`, transitGatewayRouteTableId: SPOKES_TABLE }),
            ...own,
        ],
        outputs: { vpcId, routeTableIds: [`rtb-${stack}`] },
    });
    const spoke = (stack: string, hub: string, cidr: string, hubCidr: string, more: string[] = []): PlannedStack => ({
        stack, role: "spoke", accountId: "111111111111", region: "ap-northeast-1",
        config: { role: "spoke", stack, hubStack: `acme/vpce-hub/${hub}`, vpc: { kind: "existing", id: `vpc-${stack}`, cidr, subnetIds: [], routeTableIds: [`rtb-${stack}`] } } as any,
        resources: [
            r("aws:ec2transitgateway/vpcAttachment:VpcAttachment", `${stack}-att`, { transitGatewayId: TGW, vpcId: `vpc-${stack}`, transitGatewayDefaultRouteTableAssociation: false, transitGatewayDefaultRouteTablePropagation: false }, `tgw-attach-${stack}`),
            r("aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation", `${stack}-assoc`, { transitGatewayAttachmentId: `tgw-attach-${stack}`, transitGatewayRouteTableId: SPOKES_TABLE }),
            r("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", `${stack}-prop`, { transitGatewayAttachmentId: `tgw-attach-${stack}`, transitGatewayRouteTableId: HUB_TABLE }),
            ...(o.learned ?? []).includes(stack) ? [r("aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", `${stack}-leak`, { transitGatewayAttachmentId: `tgw-attach-${stack}`, transitGatewayRouteTableId: SPOKES_TABLE })] : [],
            ...[hubCidr, ...more].map((d, i) => r("aws:ec2/route:Route", `${stack}-r${i}`, { routeTableId: `rtb-${stack}`, destinationCidrBlock: d, transitGatewayId: TGW })),
        ],
        outputs: {},
    });
    const endpoint = (stack: string, sg: string, cidrs: string[]) => [
        r("aws:ec2/vpcEndpoint:VpcEndpoint", `${stack}-sqs`, { vpcId: `vpc-${stack}`, securityGroupIds: [sg] }, `vpce-${stack}`),
        r("aws:ec2/securityGroup:SecurityGroup", `${stack}-sqs-sg`, { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: cidrs }] }, sg),
    ];
    return [
        hubStack("east", "vpc-east", "10.0.0.0/16", endpoint("east", "sg-east", ["10.0.0.0/14"])),
        hubStack("west", "vpc-west", "10.128.0.0/16", [...(o.west ?? []), ...endpoint("west", "sg-west", o.westAdmits ?? ["10.128.0.0/15"])]),
        spoke("a", "east", "10.1.0.0/16", "10.0.0.0/16", o.aRoutes),
        spoke("c", "east", "10.2.0.0/16", "10.0.0.0/16", o.cRoutes),
        spoke("b", "west", "10.129.0.0/16", "10.128.0.0/16"),
    ];
}

/** East's isolation check of `source` against hub west. */
function fromEast(o: CrossOptions, source = "a") {
    const c = checkPaths(crossHub(o), {}).filter(x => x.hub === "east" && x.kind === "isolation" && x.service === "hub:west" && x.source === source);
    assert.strictEqual(c.length, 1, JSON.stringify(c));
    return c[0];
}

describe("isolation from another hub sharing the Transit Gateway (lib/checks/isolation.ts)", () => {
    const pass = (source: string, cidr: string) => ({
        hub: "east", kind: "isolation", source, service: "hub:west", host: "10.128.0.0/16", answer: [], verdict: "pass", reason: "",
        path: [`no path of ${source} reaches hub west (its endpoints do not admit ${cidr}) or its spokes`],
    });

    it("the shared spokes table learning the other hub's VPC is no leak without a route there, even where its endpoints admit the spoke: the pass says no route leads there", () => {
        assert.deepStrictEqual(fromEast({ westAdmits: ["10.1.0.0/16"] }), {
            ...pass("a", "10.1.0.0/16"), path: ["no route of a leads to hub west or its spokes"],
        });
    });

    it("a route into the other hub's VPC where its endpoints admit the spoke is a leak, naming the first path found", () => {
        assert.deepStrictEqual(fromEast({ westAdmits: ["10.1.0.0/16"], aRoutes: ["10.128.0.0/16", "10.129.0.0/16"], learned: ["b"] }), {
            hub: "east", kind: "isolation", source: "a", service: "hub:west", host: "10.128.0.0/16", answer: [], verdict: "fail",
            reason: "a spoke of hub east must not reach hub west or its spokes: route 10.128.0.0/16 in rtb-a via tgw-1 (TGW route table tgw-rtb-spokes) reaches hub west 10.128.0.0/16",
            path: [],
        });
    });

    it("whether the other hub's endpoints admit a spoke is decided per spoke: the admitted one leaks, the other does not", () => {
        const o = { westAdmits: ["10.1.0.0/16"], aRoutes: ["10.128.0.0/16"], cRoutes: ["10.128.0.0/16"] };
        assert.strictEqual(fromEast(o, "a").verdict, "fail");
        assert.deepStrictEqual(fromEast(o, "c"), pass("c", "10.2.0.0/16"));
    });

    it("only the other hub's endpoint security groups count: its Resolver's group admitting the spoke is no leak, nor a group the plan lacks", () => {
        const resolver = [
            r("aws:ec2/vpcEndpoint:VpcEndpoint", "west-sts", { vpcId: "vpc-west", securityGroupIds: ["sg-existing"] }, "vpce-west-sts"),
            r("aws:route53/resolverEndpoint:ResolverEndpoint", "west-resolver", { direction: "INBOUND", securityGroupIds: ["sg-west-resolver"] }, "rslvr-west"),
            r("aws:ec2/securityGroup:SecurityGroup", "west-resolver-sg", { ingress: [{ protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["10.0.0.0/8"] }] }, "sg-west-resolver"),
        ];
        assert.deepStrictEqual(fromEast({ aRoutes: ["10.128.0.0/16"], west: resolver }), pass("a", "10.1.0.0/16"));
    });

    it("one admitting rule of one endpoint group is enough, whatever other groups and rules say", () => {
        const west = [
            r("aws:ec2/vpcEndpoint:VpcEndpoint", "west-sns", { vpcId: "vpc-west", securityGroupIds: ["sg-west-sns"] }, "vpce-west-sns"),
            r("aws:ec2/securityGroup:SecurityGroup", "west-sns-sg", {
                ingress: [
                    { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-1"] },
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.99.0.0/16"] },
                    { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.1.0.0/16"] },
                ],
            }, "sg-west-sns"),
        ];
        const c = fromEast({ aRoutes: ["10.128.0.0/16"], west });
        assert.deepStrictEqual([c.verdict, c.reason], ["fail", "a spoke of hub east must not reach hub west or its spokes: route 10.128.0.0/16 in rtb-a via tgw-1 (TGW route table tgw-rtb-spokes) reaches hub west 10.128.0.0/16"]);
    });

    it("the other hub's endpoints admitting the spoke through a prefix list (vpce-hub:prefixLists.sources, say with an on-prem summary 10.0.0.0/8) make a route there a leak too", () => {
        const west = [
            r("aws:ec2/managedPrefixList:ManagedPrefixList", "west-sources", { addressFamily: "IPv4", maxEntries: 2, entries: [{ cidr: "10.128.0.0/15" }, { cidr: "10.0.0.0/8" }] }, "pl-west-sources"),
            r("aws:ec2/vpcEndpoint:VpcEndpoint", "west-sns", { vpcId: "vpc-west", securityGroupIds: ["sg-west-sns"] }, "vpce-west-sns"),
            r("aws:ec2/securityGroup:SecurityGroup", "west-sns-sg", { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-west-sources"] }] }, "sg-west-sns"),
        ];
        const c = fromEast({ aRoutes: ["10.128.0.0/16"], westAdmits: ["10.128.0.0/15"], west });
        assert.deepStrictEqual([c.verdict, c.reason], ["fail", "a spoke of hub east must not reach hub west or its spokes: route 10.128.0.0/16 in rtb-a via tgw-1 (TGW route table tgw-rtb-spokes) reaches hub west 10.128.0.0/16"]);
        // The same list without the summary admits only west's own: no leak.
        const own = [{ ...west[0], inputs: { ...west[0].inputs, entries: [{ cidr: "10.128.0.0/15" }] } }, west[1], west[2]];
        assert.strictEqual(fromEast({ aRoutes: ["10.128.0.0/16"], west: own }).verdict, "pass");
    });

    it("a spoke reaching a sibling of its own hub is no leak into the other hub (its own isolation check fails instead)", () => {
        const all = checkPaths(crossHub({ learned: ["c"] }), {}).filter(x => x.hub === "east" && x.kind === "isolation" && x.source === "a");
        assert.deepStrictEqual(all.map(x => [x.service, x.verdict]), [["spoke:c", "fail"], ["hub:west", "pass"]]);
    });
});

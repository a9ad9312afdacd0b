// Spoke isolation at fleet size (lib/pathIsolation.ts): the proof follows each spoke's own paths once,
// so its work grows with the fleet, not with its square. The work is counted (comparisons of
// routes and table entries), never timed. Plans are hand-built here: no code under test makes them.
import * as assert from "assert";
import type { PlannedResource, PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/paths";

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

describe("spoke isolation without N² pairs (lib/paths.ts)", () => {
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

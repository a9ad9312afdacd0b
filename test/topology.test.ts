// lib/report/topology.ts on a hand-built plan document: the model the HTML report and the Mermaid
// diagram draw (who connects to whom, and each node's verdict). The diagram is what a platform
// engineer looks at to see which spoke or on-prem link fails; the expected nodes are written
// out by hand from the document below.
import * as assert from "assert";
import { HubConfig, SpokeConfig } from "../lib/config";
import { PathCheck } from "../lib/model";
import { PlanDocument, PlanDocumentStack } from "../lib/planDocument";
import { HubNode, Topology, buildTopology } from "../lib/report/topology";

const check = (source: string, verdict: "pass" | "fail", hub?: string): PathCheck => ({
    kind: "service", ...(hub ? { hub } : {}), source, service: "sqs", host: "sqs.ap-northeast-1.amazonaws.com",
    answer: verdict === "pass" ? ["10.0.1.10"] : [], verdict, reason: verdict === "pass" ? "" : "no route", path: [],
});

const entry = (n: number, connectivity: "peering" | "transitGateway") => ({
    accountId: "111111111111", vpcId: `vpc-0${n}00000000000001`, cidr: `10.${n}.0.0/16`, connectivity, authorizedZoneIds: [],
});

function hubStack(stack: string, onPrem: HubConfig["onPrem"], spokes: Record<string, ReturnType<typeof entry>>): PlanDocumentStack {
    return {
        stack, role: "hub", accountId: "123456789012", region: "ap-northeast-1",
        config: { role: "hub", stack, onPrem } as unknown as HubConfig,
        outputs: { vpcId: `vpc-${stack}`, vpcCidr: "10.0.0.0/16", services: {}, resolverInboundIps: [], spokes },
    };
}

const spokeStack = (stack: string, n: number, outputs: Record<string, unknown> = {}): PlanDocumentStack => ({
    stack, role: "spoke", accountId: "111111111111", region: "ap-northeast-1",
    config: { role: "spoke", stack, vpc: { kind: "existing", id: `vpc-0${n}00000000000001`, cidr: `10.${n}.0.0/16` } } as unknown as SpokeConfig,
    outputs,
});

const onPrem = (link: { vpnGatewayId: string } | { customerGateway: { ip: string; bgpAsn: number } }) =>
    ({ cidrs: ["192.168.0.0/16"], dnsServerCidrs: ["192.168.0.0/16"], resolverConnectionTracking: "tracked", ...link }) as HubConfig["onPrem"];

describe("lib/report/topology buildTopology: nodes, groups and verdicts of a plan with two hubs", () => {
    // Hub "shared-a": three spokes registered out of name order (one with no stack file), on-prem
    // by VPN gateway with all its checks passing. Hub "shared-b": on-prem by a new site-to-site
    // VPN with two of its three on-prem checks failing. "orphan": a spoke stack whose hub is not in the plan.
    const doc: PlanDocument = {
        stacks: [
            hubStack("shared-a", onPrem({ vpnGatewayId: "vgw-0aaa000000000001" }),
                { "e-app": entry(5, "peering"), "a-app": entry(1, "peering"), "d-app": entry(4, "peering"), "c-app": entry(3, "peering"), "b-app": entry(2, "peering"), "tgw-app": entry(6, "transitGateway") }),
            spokeStack("a-app", 1), spokeStack("b-app", 2), spokeStack("c-app", 3), spokeStack("d-app", 4), spokeStack("tgw-app", 6),
            hubStack("shared-b", onPrem({ customerGateway: { ip: "203.0.113.10", bgpAsn: 65000 } }), {}),
            spokeStack("orphan", 7), spokeStack("orphan-tgw", 8, { connectivity: "transitGateway" }),
        ],
        checks: [
            check("a-app", "pass", "shared-a"), check("a-app", "pass", "shared-a"),
            check("b-app", "fail", "shared-a"), check("b-app", "pass", "shared-a"), check("b-app", "fail", "shared-a"),
            check("c-app", "pass", "shared-a"),
            check("on-prem", "pass", "shared-a"), check("on-prem", "pass", "shared-a"),
            check("on-prem", "fail", "shared-b"), check("on-prem", "pass", "shared-b"), check("on-prem", "fail", "shared-b"),
        ],
        warnings: [],
    };
    let topology: Topology, hubA: HubNode, hubB: HubNode;
    before(() => {
        topology = buildTopology(doc);
        [hubA, hubB] = topology.hubs;
    });

    it("draws each hub's peering spokes sorted by name, each with its verdict and number of failing checks (unchecked: no check ran)", () => {
        assert.deepStrictEqual(hubA.groups.map(g => g.id), ["shared-a/peering", "shared-a/transitGateway"]);
        assert.deepStrictEqual(hubA.groups[0].spokes.map(s => [s.stack, s.verdict, s.failing, s.inPlan]), [
            ["a-app", "pass", 0, true],
            ["b-app", "fail", 2, true],
            ["c-app", "pass", 0, true],
            ["d-app", "unchecked", 0, true],
            ["e-app", "unchecked", 0, false],
        ]);
    });

    it("with several hubs, each hub's on-prem keeps the verdict of its own on-prem checks and names its VPN link; one network behind both is drawn once, on the first hub, counting both", () => {
        assert.deepStrictEqual(hubA.onPrem, { cidrs: ["192.168.0.0/16"], link: "VPN gateway vgw-0aaa000000000001", verdict: "pass", failing: 0, acrossHubs: { failing: 2, verdict: "fail" } });
        assert.deepStrictEqual(hubB.onPrem, { cidrs: ["192.168.0.0/16"], link: "site-to-site VPN to 203.0.113.10", verdict: "fail", failing: 2, sharedWith: "shared-a" });
    });

    it("spoke stacks whose hub is not in the plan are drawn apart, unchecked, by peering unless their outputs say otherwise", () => {
        assert.deepStrictEqual(topology.unattached, [
            { stack: "orphan", accountId: "111111111111", vpcId: "vpc-0700000000000001", cidr: "10.7.0.0/16", connectivity: "peering", inPlan: true, verdict: "unchecked", failing: 0 },
            { stack: "orphan-tgw", accountId: "111111111111", vpcId: "vpc-0800000000000001", cidr: "10.8.0.0/16", connectivity: "transitGateway", inPlan: true, verdict: "unchecked", failing: 0 },
        ]);
    });
});

// The Mermaid flowchart (npm run plan -- --mermaid FILE) as text, from small hand-built
// topologies: which nodes and edges a hub gets, the words on each node, how a large group is
// folded into one node. Pure string tests; test/mermaid.test.ts has mermaid itself draw them.
import * as assert from "assert";
import { mermaidText, renderMermaid } from "../lib/report/mermaid";
import type { PlanDocument } from "../lib/planDocument";
import type { HubNode, SpokeNode, Topology } from "../lib/report/topology";

const NO_DOC: PlanDocument = { stacks: [], checks: [], warnings: [] };

const CLASS_DEFS = [
    "  classDef hub fill:#e8f0fe,stroke:#1a56db,color:#111",
    "  classDef spoke fill:#e7f6ec,stroke:#137333,color:#111",
    "  classDef fail fill:#fde7e7,stroke:#c5221f,color:#111,stroke-width:2px",
    "  classDef missing fill:#eee,stroke:#777,color:#111,stroke-dasharray:4 3",
    "  classDef onprem fill:#fff4e5,stroke:#b06000,color:#111",
];

function spoke(stack: string, o: Partial<SpokeNode> = {}): SpokeNode {
    return { stack, accountId: "111111111111", vpcId: "vpc-1", cidr: "10.1.0.0/16", connectivity: "peering", inPlan: true, verdict: "pass", failing: 0, ...o };
}

function hub(o: Partial<HubNode> = {}): HubNode {
    return {
        stack: "shared", accountId: "123456789012", region: "ap-northeast-1", vpcId: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
        endpoints: [{ service: "s3", endpointId: "vpce-1", zones: [] }], resolverIps: [], groups: [], ...o,
    };
}

const flowchart = (t: Topology) => renderMermaid(NO_DOC, t).split("\n");

/** `n` Transit Gateway spokes s01, s02, ...; `fail` fail one check each, `pending` have no stack file. */
function tgwSpokes(n: number, fail: readonly number[] = [], pending: readonly number[] = []): SpokeNode[] {
    return Array.from({ length: n }, (_, i) => spoke(`s${String(i + 1).padStart(2, "0")}`, {
        connectivity: "transitGateway",
        ...(fail.includes(i) ? { verdict: "fail", failing: 1 } : {}),
        ...(pending.includes(i) ? { inPlan: false, verdict: "unchecked" } : {}),
    }));
}

describe("the Mermaid flowchart (text)", () => {
    it("a hub without Resolver or Transit Gateway gets neither node nor edge; a failing on-prem and a failing spoke are red with their counts", () => {
        const lines = flowchart({
            hubs: [hub({
                onPrem: { cidrs: ["192.168.0.0/16", "172.16.0.0/12"], link: "VPN gateway vgw-1", verdict: "fail", failing: 2 },
                groups: [{ id: "shared/peering", connectivity: "peering", spokes: [spoke("a"), spoke("b", { cidr: "10.2.0.0/16", verdict: "fail", failing: 2 })] }],
            })], unattached: [],
        });
        assert.deepStrictEqual(lines, [
            "flowchart LR",
            '  subgraph vpc_shared["hub shared · account 123456789012 · ap-northeast-1"]',
            '    hub_shared["hub shared<br/>VPC vpc-0123456789abcdef0<br/>10.0.0.0/16"]:::hub',
            '    ep_shared_s3(["s3 endpoint<br/>vpce-1"])',
            "  end",
            "  hub_shared --- ep_shared_s3",
            '  onprem_shared["on-prem<br/>192.168.0.0/16, 172.16.0.0/12<br/>2 failing checks"]:::fail',
            '  onprem_shared -- "VPN gateway vgw-1" --> hub_shared',
            '  subgraph group_shared_peering["2 spokes by VPC peering"]',
            '    spoke_a["a<br/>10.1.0.0/16 · 111111111111"]:::spoke',
            '    spoke_b["b<br/>10.2.0.0/16 · 111111111111<br/>2 failing checks"]:::fail',
            "  end",
            "  spoke_a -- peering --> hub_shared",
            "  spoke_b -- peering --> hub_shared",
            ...CLASS_DEFS,
            "",
        ]);
    });

    it("an on-prem network with one failing check says '1 failing check', in the singular", () => {
        const lines = flowchart({ hubs: [hub({ onPrem: { cidrs: ["192.168.0.0/16"], link: "VPN gateway vgw-1", verdict: "fail", failing: 1 } })], unattached: [] });
        assert.ok(lines.includes('  onprem_shared["on-prem<br/>192.168.0.0/16<br/>1 failing check"]:::fail'), lines.join("\n"));
    });

    it("a hub with Resolver, Route 53 Profile and Transit Gateway: each a node tied to the hub, DNS from on-prem to the Resolver, a pending spoke dashed, spokes of no hub in the plan apart", () => {
        const lines = flowchart({
            hubs: [hub({
                resolverIps: ["10.0.0.10", "10.0.1.10"], profileId: "rp-1", transitGatewayId: "tgw-1",
                onPrem: { cidrs: ["192.168.0.0/16"], link: "site-to-site VPN to 203.0.113.1", verdict: "pass", failing: 0 },
                groups: [{ id: "shared/transitGateway", connectivity: "transitGateway", spokes: [spoke("c", { connectivity: "transitGateway", inPlan: false, verdict: "fail", failing: 3 })] }],
            })],
            unattached: [spoke("lost", { verdict: "fail", failing: 1 }), spoke("stray")],
        });
        assert.deepStrictEqual(lines, [
            "flowchart LR",
            '  subgraph vpc_shared["hub shared · account 123456789012 · ap-northeast-1"]',
            '    hub_shared["hub shared<br/>VPC vpc-0123456789abcdef0<br/>10.0.0.0/16"]:::hub',
            '    ep_shared_s3(["s3 endpoint<br/>vpce-1"])',
            '    resolver_shared{{"Route 53 Resolver inbound<br/>10.0.0.10, 10.0.1.10"}}',
            '    profile_shared[("Route 53 Profile<br/>rp-1")]',
            '    tgw_shared[/"Transit Gateway<br/>tgw-1"/]',
            "  end",
            "  hub_shared --- ep_shared_s3",
            "  hub_shared --- resolver_shared",
            "  hub_shared --- profile_shared",
            "  tgw_shared --- hub_shared",
            '  onprem_shared["on-prem<br/>192.168.0.0/16"]:::onprem',
            '  onprem_shared -- "site-to-site VPN to 203.0.113.1" --> hub_shared',
            '  onprem_shared -. "DNS forwarders" .-> resolver_shared',
            '  subgraph group_shared_transitGateway["1 spoke by Transit Gateway"]',
            '    spoke_c["c<br/>10.1.0.0/16 · 111111111111<br/>pending: no stack file in the plan"]:::missing',
            "  end",
            "  spoke_c -- attachment --> tgw_shared",
            '  group_shared_transitGateway -. "profile association" .-> profile_shared',
            '  subgraph unattached["spokes whose hub is not in this plan"]',
            '    spoke_lost["lost<br/>10.1.0.0/16 · 111111111111<br/>1 failing check"]:::fail',
            '    spoke_stray["stray<br/>10.1.0.0/16 · 111111111111"]:::spoke',
            "  end",
            ...CLASS_DEFS,
            "",
        ]);
    });

    it("up to 12 endpoints are a node each; 13 or more are one node listing the services", () => {
        const services = (n: number) => Array.from({ length: n }, (_, i) => ({ service: `svc${i + 1}`, endpointId: `vpce-${i + 1}`, zones: [] }));
        const twelve = flowchart({ hubs: [hub({ endpoints: services(12) })], unattached: [] });
        assert.strictEqual(twelve.filter(l => / endpoint<br\/>vpce-/.test(l)).length, 12);
        assert.ok(twelve.includes('    ep_shared_svc12(["svc12 endpoint<br/>vpce-12"])'));
        assert.ok(twelve.includes("  hub_shared --- ep_shared_svc12"));
        const thirteen = flowchart({ hubs: [hub({ endpoints: services(13) })], unattached: [] });
        assert.deepStrictEqual(thirteen.filter(l => l.includes("ep_shared")), [
            '    ep_shared(["13 interface endpoints<br/>svc1, svc2, svc3, svc4, svc5, svc6, svc7, svc8, svc9, svc10, svc11, svc12, svc13"])',
            "  hub_shared --- ep_shared",
        ]);
    });

    it("stacks whose names differ only in characters a Mermaid id cannot hold still get distinct node ids", () => {
        const lines = flowchart({ hubs: [hub({ groups: [{ id: "shared/peering", connectivity: "peering", spokes: [spoke("member-a"), spoke("member.a"), spoke("member_a")] }] })], unattached: [] });
        assert.deepStrictEqual(lines.filter(l => l.includes("-- peering -->")), [
            "  spoke_member_a -- peering --> hub_shared",
            "  spoke_member_a_1 -- peering --> hub_shared",
            "  spoke_member_a_2 -- peering --> hub_shared",
        ]);
        assert.ok(lines.includes('    spoke_member_a_1["member.a<br/>10.1.0.0/16 · 111111111111"]:::spoke'));
    });

    it("names cannot break their label: Mermaid's entity codes for quotes, brackets and markup, and a line break in a name is one space", () => {
        assert.strictEqual(mermaidText('a"b<c>d#e'), "a#quot;b#lt;c#gt;d#35;e");
        assert.strictEqual(mermaidText("x[y]{z}(w)|v`u"), "x#91;y#93;#123;z#125;#40;w#41;#124;v#96;u");
        assert.strictEqual(mermaidText("first\r\nsecond\n\nthird"), "first second third");
    });

    describe("spoke groups", () => {
        const group = (spokes: SpokeNode[]) => flowchart({ hubs: [hub({ transitGatewayId: "tgw-1", groups: [{ id: "shared/transitGateway", connectivity: "transitGateway", spokes }] })], unattached: [] });
        const between = (lines: string[]) => lines.slice(lines.findIndex(l => l.startsWith("  subgraph group_")), lines.indexOf(CLASS_DEFS[0]));

        it("a group of 24 spokes is drawn spoke by spoke", () => {
            const lines = group(tgwSpokes(24));
            assert.strictEqual(lines.filter(l => /^ {4}spoke_s\d\d\["/.test(l)).length, 24);
            assert.ok(lines.includes('  subgraph group_shared_transitGateway["24 spokes by Transit Gateway"]'));
            assert.ok(!lines.some(l => l.includes("spokes_shared")), "no folded node");
        });

        it("a group of more than 24 is one node with its range and counts, plus each failing or pending spoke, at most 10 of them and then how many more", () => {
            // 30 spokes: s01-s08 and s10-s12 fail, s09 has no stack file.
            const failed = (n: string) => `    spoke_${n}["${n}<br/>10.1.0.0/16 · 111111111111<br/>1 failing check"]:::fail`;
            assert.deepStrictEqual(between(group(tgwSpokes(30, [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11], [8]))), [
                '  subgraph group_shared_transitGateway["30 spokes by Transit Gateway"]',
                '    spokes_shared_transitGateway["30 spokes: s01 … s30<br/>18 passing every check, 11 failing, 1 pending"]:::fail',
                ...["s01", "s02", "s03", "s04", "s05", "s06", "s07", "s08"].map(failed),
                '    spoke_s09["s09<br/>10.1.0.0/16 · 111111111111<br/>pending: no stack file in the plan"]:::missing',
                failed("s10"),
                '    more_shared_transitGateway["… 2 more failing"]:::fail',
                "  end",
                "  spokes_shared_transitGateway -- attachment --> tgw_shared",
                ...Array.from({ length: 10 }, (_, i) => `  spoke_s${String(i + 1).padStart(2, "0")} -- attachment --> tgw_shared`),
            ]);
        });

        it("a folded group with exactly 10 failing spokes draws all 10 and no 'more' node; with none failing it is one green node", () => {
            const ten = group(tgwSpokes(25, [0, 1, 2, 3, 4, 5, 6, 7, 8, 24]));
            assert.strictEqual(ten.filter(l => /^ {4}spoke_s\d\d\[".*:::fail$/.test(l)).length, 10);
            assert.ok(!ten.some(l => l.includes("more_shared")));
            assert.ok(ten.includes('    spokes_shared_transitGateway["25 spokes: s01 … s25<br/>15 passing every check, 10 failing"]:::fail'));
            assert.deepStrictEqual(between(group(tgwSpokes(25))), [
                '  subgraph group_shared_transitGateway["25 spokes by Transit Gateway"]',
                '    spokes_shared_transitGateway["25 spokes: s01 … s25<br/>25 passing every check"]:::spoke',
                "  end",
                "  spokes_shared_transitGateway -- attachment --> tgw_shared",
            ]);
        });

        it("the spokes not drawn in a folded group are counted as failing and pending apart; only pending ones are grey, not red", () => {
            // 40 spokes: s01-s10 and s12 fail, s11, s13 and s14 have no stack file. Drawn: s01-s10; left: s11-s14.
            const lines = between(group(tgwSpokes(40, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], [10, 12, 13])));
            assert.deepStrictEqual(lines.filter(l => l.includes("more_shared")), ['    more_shared_transitGateway["… 1 more failing, 3 more pending"]:::fail']);
            // 30 spokes: s01-s10 fail, s11 and s12 have no stack file: the rest is only pending.
            const pendingRest = between(group(tgwSpokes(30, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [10, 11])));
            assert.deepStrictEqual(pendingRest.filter(l => l.includes("more_shared")), ['    more_shared_transitGateway["… 2 more pending"]:::missing']);
        });

        it("a folded group whose only problem is a pending spoke says so, and is not red", () => {
            assert.deepStrictEqual(between(group(tgwSpokes(26, [], [3]))).slice(0, 3), [
                '  subgraph group_shared_transitGateway["26 spokes by Transit Gateway"]',
                '    spokes_shared_transitGateway["26 spokes: s01 … s26<br/>25 passing every check, 1 pending"]:::spoke',
                '    spoke_s04["s04<br/>10.1.0.0/16 · 111111111111<br/>pending: no stack file in the plan"]:::missing',
            ]);
        });
    });
});

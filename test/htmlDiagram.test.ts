// The HTML report's topology diagram (lib/report/html/diagram.ts) as the SVG text it writes, from small
// hand-built topologies: the words on each node, what is cut to fit, and where the collapsed
// group's squares and lines sit. Pure string tests (the browser tests in htmlReport.test.ts
// look at the page as a whole).
import * as assert from "assert";
import { renderDiagram } from "../lib/report/html/diagram";
import type { HubNode, SpokeNode, Topology } from "../lib/report/topology";

interface El { tag: string; attrs: Record<string, string>; children: El[]; text: string }

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'" };
const unesc = (s: string) => s.replace(/&(amp|lt|gt|quot|#39);/g, e => ENTITIES[e]);

/** A tiny parser for the SVG the diagram writes (elements, attributes, text; no comments). */
function parse(svg: string): El {
    const root: El = { tag: "#root", attrs: {}, children: [], text: "" };
    const open = [root];
    for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g)) {
        const top = open[open.length - 1];
        if (m[5] !== undefined) { top.text += unesc(m[5]); continue; }
        if (m[1]) { assert.strictEqual(open.pop()!.tag, m[2], "elements nest"); continue; }
        const el: El = { tag: m[2], attrs: Object.fromEntries([...m[3].matchAll(/([a-zA-Z:-]+)="([^"]*)"/g)].map(a => [a[1], unesc(a[2])])), children: [], text: "" };
        top.children.push(el);
        if (!m[4]) open.push(el);
    }
    assert.strictEqual(open.length, 1, "every element is closed");
    return root;
}

function all(el: El): El[] {
    return el.children.flatMap(c => [c, ...all(c)]);
}
const texts = (el: El, cls?: string) => el.children.filter(c => c.tag === "text" && (cls === undefined || c.attrs.class === cls));
const titleOf = (el: El) => el.children.find(c => c.tag === "title")?.text;
const num = (el: El, a: string) => Number(el.attrs[a]);
function box(el: El): { x: number; y: number; right: number; bottom: number } {
    return { x: num(el, "x"), y: num(el, "y"), right: num(el, "x") + num(el, "width"), bottom: num(el, "y") + num(el, "height") };
}

function spoke(stack: string, o: Partial<SpokeNode> = {}): SpokeNode {
    return { stack, accountId: "111111111111", vpcId: "vpc-0aaaaaaaaaaaaaaaa", cidr: "10.1.0.0/16", connectivity: "peering", inPlan: true, verdict: "pass", failing: 0, ...o };
}

function hub(o: Partial<HubNode> = {}): HubNode {
    return {
        stack: "shared", accountId: "123456789012", region: "ap-northeast-1", vpcId: "vpc-0123456789abcdef0", cidr: "10.0.0.0/16",
        endpoints: [{ service: "s3", endpointId: "vpce-1", zones: ["s3.ap-northeast-1.amazonaws.com"] }],
        resolverIps: [], groups: [], ...o,
    };
}

function draw(t: Topology): El {
    const svg = renderDiagram(t);
    const root = parse(svg);
    assert.strictEqual(root.children.length, 1, "one <svg> element");
    return root.children[0];
}

const group = (svg: El, id: string) => {
    const g = all(svg).find(e => e.tag === "g" && e.attrs["data-group"] === id);
    assert.ok(g, `group ${id} is drawn`);
    return g;
};
const node = (svg: El, stack: string) => {
    const g = all(svg).find(e => e.attrs["data-stack"] === stack);
    assert.ok(g, `node ${stack} is drawn`);
    return g;
};

/** `n` spokes named s01, s02, ... (two digits), by Transit Gateway; those in `failing` fail one check. */
function manySpokes(n: number, failing: ReadonlySet<number> = new Set(), name = (i: number) => `s${String(i + 1).padStart(2, "0")}`): SpokeNode[] {
    return Array.from({ length: n }, (_, i) => spoke(name(i), { connectivity: "transitGateway", ...(failing.has(i) ? { verdict: "fail", failing: 1 } : {}) }));
}

describe("the HTML report's topology diagram (SVG text)", () => {
    it("each spoke box says its state in words: its account when passing, 'N failing check(s)' in red, pending without a stack file; its tooltip says the same", () => {
        const svg = draw({
            hubs: [hub({
                groups: [{
                    id: "shared/peering", connectivity: "peering", spokes: [
                        spoke("ok-a"),
                        spoke("bad-one", { accountId: "222222222222", verdict: "fail", failing: 1 }),
                        spoke("bad-two", { vpcId: "vpc-0bbbbbbbbbbbbbbbb", cidr: "10.2.0.0/16", verdict: "fail", failing: 2 }),
                        spoke("waiting", { inPlan: false, verdict: "fail", failing: 3 }),
                        spoke("quiet", { verdict: "unchecked" }),
                    ],
                }],
            })], unattached: [],
        });
        const read = (stack: string) => {
            const g = node(svg, stack);
            const sub = texts(g).slice(1).map(t => [t.attrs.class, t.text]);
            return [g.attrs.class, titleOf(g), ...sub];
        };
        assert.deepStrictEqual(read("ok-a"), ["node spoke pass", "ok-a: account 111111111111, VPC vpc-0aaaaaaaaaaaaaaaa 10.1.0.0/16, peering; every check passes",
            ["sub", "10.1.0.0/16"], ["sub", "account 111111111111"]]);
        assert.deepStrictEqual(read("bad-one"), ["node spoke fail", "bad-one: account 222222222222, VPC vpc-0aaaaaaaaaaaaaaaa 10.1.0.0/16, peering; 1 failing check",
            ["sub", "10.1.0.0/16"], ["sub failtext", "1 failing check"]]);
        assert.deepStrictEqual(read("bad-two"), ["node spoke fail", "bad-two: account 111111111111, VPC vpc-0bbbbbbbbbbbbbbbb 10.2.0.0/16, peering; 2 failing checks",
            ["sub", "10.2.0.0/16"], ["sub failtext", "2 failing checks"]]);
        // A spoke without a stack file is pending, not failing, whatever its checks say.
        assert.deepStrictEqual(read("waiting"), ["node spoke missing", "waiting: account 111111111111, VPC vpc-0aaaaaaaaaaaaaaaa 10.1.0.0/16, peering; registered by the hub, no stack file in the plan: its checks are pending",
            ["sub", "10.1.0.0/16"], ["sub", "pending: no stack file"]]);
        assert.deepStrictEqual(read("quiet"), ["node spoke unchecked", "quiet: account 111111111111, VPC vpc-0aaaaaaaaaaaaaaaa 10.1.0.0/16, peering; not checked",
            ["sub", "10.1.0.0/16"], ["sub", "account 111111111111"]]);
        assert.deepStrictEqual(texts(group(svg, "shared/peering"), "title").map(t => t.text), ["5 spokes by VPC peering · 2 failing · 1 pending"]);
    });

    it("a group's heading counts its spokes by connectivity, with '· N failing' and '· N pending' only when there are some", () => {
        const svg = draw({
            hubs: [hub({
                transitGatewayId: "tgw-0123456789abcdef0",
                groups: [
                    { id: "shared/peering", connectivity: "peering", spokes: [spoke("a"), spoke("b")] },
                    { id: "shared/transitGateway", connectivity: "transitGateway", spokes: [spoke("c", { connectivity: "transitGateway", verdict: "fail", failing: 4 })] },
                ],
            })], unattached: [],
        });
        assert.deepStrictEqual(texts(group(svg, "shared/peering"), "title").map(t => t.text), ["2 spokes by VPC peering"]);
        assert.deepStrictEqual(texts(group(svg, "shared/transitGateway"), "title").map(t => t.text), ["1 spoke by Transit Gateway · 1 failing"]);
    });

    it("a name too long for its box is cut to fit with an ellipsis, the whole name in the tooltip", () => {
        // A spoke box is 160 px wide: 144 px of text, 21 characters at 6.6 px each.
        const long = "member-with-a-rather-long-name";
        const svg = draw({ hubs: [hub({ groups: [{ id: "shared/peering", connectivity: "peering", spokes: [spoke(long)] }] })], unattached: [] });
        const g = node(svg, long);
        assert.deepStrictEqual(texts(g, "name").map(t => t.text), ["member-with-a-rather-…"]);
        assert.ok(titleOf(g)!.startsWith(`${long}: account`));
        // What fits is left whole.
        const short = draw({ hubs: [hub({ groups: [{ id: "shared/peering", connectivity: "peering", spokes: [spoke("member-21-characters!")] }] })], unattached: [] });
        assert.deepStrictEqual(texts(node(short, "member-21-characters!"), "name").map(t => t.text), ["member-21-characters!"]);
    });

    describe("a group of more than 24 spokes, drawn as squares", () => {
        // 90 spokes: rows of 43 squares (516 px of room, 10 px squares 2 px apart), 3 rows.
        const failing = new Set([0, 44, 89]);
        let svg: El, g: El, frame: ReturnType<typeof box>, squares: El[];
        before(() => {
            svg = draw({ hubs: [hub({ transitGatewayId: "tgw-1", groups: [{ id: "shared/transitGateway", connectivity: "transitGateway", spokes: manySpokes(90, failing) }] })], unattached: [] });
            g = group(svg, "shared/transitGateway");
            frame = box(g.children.find(c => c.attrs.class === "groupbox")!);
            squares = g.children.filter(c => c.tag === "rect" && c.attrs.class?.includes("square"));
        });

        it("draws one square per spoke, the failing ones red, each named in its tooltip", () => {
            assert.strictEqual(squares.length, 90);
            assert.deepStrictEqual(squares.filter(s => s.attrs.class === "node spoke square fail").map(s => s.attrs["data-stack"]), ["s01", "s45", "s90"]);
            assert.strictEqual(titleOf(squares[44]), "s45: account 111111111111, VPC vpc-0aaaaaaaaaaaaaaaa 10.1.0.0/16, transitGateway; 1 failing check");
        });

        it("lays the squares in rows of 43 inside the group's box, left to right, top to bottom, none overlapping", () => {
            const at = (i: number) => [num(squares[i], "x"), num(squares[i], "y")];
            // 12 px in from the box's left edge, under the 30 px heading; 12 px apart (10 px square, 2 px gap).
            assert.deepStrictEqual(at(0), [frame.x + 12, frame.y + 30]);
            assert.deepStrictEqual(at(1), [frame.x + 24, frame.y + 30]);
            assert.deepStrictEqual(at(42), [frame.x + 12 + 42 * 12, frame.y + 30]);
            assert.deepStrictEqual(at(43), [frame.x + 12, frame.y + 42], "the 44th square starts the second row");
            assert.deepStrictEqual(at(89), [frame.x + 12 + 3 * 12, frame.y + 54]);
            for (const s of squares) {
                const b = box(s);
                assert.ok(b.x >= frame.x && b.right <= frame.right && b.y >= frame.y && b.bottom <= frame.bottom, `${s.attrs["data-stack"]} inside the box`);
            }
            for (let i = 1; i < squares.length; i++) {
                const a = box(squares[i - 1]), b = box(squares[i]);
                assert.ok(b.x >= a.right || b.y >= a.bottom, `${squares[i].attrs["data-stack"]} does not overlap the square before it`);
            }
        });

        it("under the squares: the range of stack names, then the failing ones in red, each on its own line inside the box", () => {
            const lines = texts(g).filter(t => t.attrs.class !== "title");
            assert.deepStrictEqual(lines.map(t => [t.attrs.class, t.text]), [
                ["sub", "s01 … s90 (hover a square for its stack)"],
                ["sub failtext", "failing: s01, s45, s90"],
            ]);
            const squaresBottom = Math.max(...squares.map(s => box(s).bottom));
            const [range, fails] = lines.map(t => ({ x: num(t, "x"), y: num(t, "y") }));
            // Baselines: each line is 11 px tall (10.5 px font) and starts below what is above it.
            assert.ok(range.y - 11 >= squaresBottom, `the range line (baseline ${range.y}) is below the squares (bottom ${squaresBottom})`);
            assert.ok(fails.y - 11 >= range.y, `the failing line (baseline ${fails.y}) is below the range line (${range.y})`);
            assert.ok(fails.y + 3 <= frame.bottom, `the failing line is inside the box (bottom ${frame.bottom})`);
            for (const t of [range, fails]) assert.strictEqual(t.x, frame.x + 12, "aligned with the squares");
        });
    });

    it("a collapsed group names at most 8 failing spokes and counts the rest; no failing line when none fail", () => {
        const failingLine = (n: number, failing: number[]) => {
            const svg = draw({ hubs: [hub({ groups: [{ id: "g", connectivity: "transitGateway", spokes: manySpokes(n, new Set(failing)) }] })], unattached: [] });
            return texts(group(svg, "g"), "sub failtext").map(t => t.text);
        };
        assert.deepStrictEqual(failingLine(30, [0, 1, 2, 3, 4, 5, 6, 7]), ["failing: s01, s02, s03, s04, s05, s06, s07, s08"]);
        assert.deepStrictEqual(failingLine(30, [0, 1, 2, 3, 4, 5, 6, 7, 8, 29]), ["failing: s01, s02, s03, s04, s05, s06, s07, s08, and 2 more"]);
        assert.deepStrictEqual(failingLine(30, []), []);
    });

    it("a collapsed group's lines are cut to the box's width (89 characters of its 10.5 px text) with an ellipsis", () => {
        const name = (i: number) => `a-spoke-with-a-very-long-stack-name-${String(i + 1).padStart(3, "0")}`; // 39 characters
        const svg = draw({ hubs: [hub({ groups: [{ id: "g", connectivity: "transitGateway", spokes: manySpokes(30, new Set([0, 1]), name) }] })], unattached: [] });
        assert.deepStrictEqual(texts(group(svg, "g")).filter(t => t.attrs.class !== "title").map(t => t.text), [
            "a-spoke-with-a-very-long-stack-name-001 … a-spoke-with-a-very-long-stack-name-030 (hover…",
            // Two failing: the whole line fits (89 characters).
            "failing: a-spoke-with-a-very-long-stack-name-001, a-spoke-with-a-very-long-stack-name-002",
        ]);
    });

    it("the hub box holds its Route 53 Profile and Transit Gateway as boxes, one under the other, and counts its endpoints", () => {
        const profileId = "rp-0123456789abcdef";
        const svg = draw({ hubs: [hub({ profileId, transitGatewayId: "tgw-0123456789abcdef0" })], unattached: [] });
        const hubBox = box(node(svg, "shared").children.find(c => c.attrs.class === "hubbox")!);
        const profile = all(svg).find(e => e.attrs.class === "node profile")!;
        const tgw = all(svg).find(e => e.attrs.class === "node tgw")!;
        assert.strictEqual(titleOf(profile), `Route 53 Profile ${profileId}: spokes associate this one profile, which carries every zone`);
        assert.deepStrictEqual(texts(profile).map(t => [t.attrs.class, t.text]), [["name", `Route 53 Profile ${profileId}`]]);
        const p = box(profile.children.find(c => c.tag === "rect")!), t = box(tgw.children.find(c => c.tag === "rect")!);
        for (const [what, b] of [["profile", p], ["Transit Gateway", t]] as const) {
            assert.ok(b.x > hubBox.x && b.right < hubBox.right && b.y > hubBox.y && b.bottom < hubBox.bottom, `the ${what} box is inside the hub box`);
        }
        assert.ok(t.y >= p.bottom, "the Transit Gateway box is under the profile box");
        const label = texts(profile)[0];
        assert.ok(num(label, "x") > p.x && num(label, "y") > p.y && num(label, "y") <= p.bottom, "the profile's label is inside its box");
        assert.ok(all(svg).some(e => e.tag === "text" && e.text === "1 interface endpoint"));
        const two = draw({ hubs: [hub({ endpoints: [{ service: "s3", endpointId: "vpce-1", zones: [] }, { service: "sqs", endpointId: "vpce-2", zones: [] }] })], unattached: [] });
        assert.ok(all(two).some(e => e.tag === "text" && e.text === "2 interface endpoints"));
    });

    it("a profile id too long for the hub box is cut with an ellipsis (260 px: 39 characters)", () => {
        const svg = draw({ hubs: [hub({ profileId: "rp-0123456789abcdef0123456789abcdef" })], unattached: [] });
        const profile = all(svg).find(e => e.attrs.class === "node profile")!;
        assert.deepStrictEqual(texts(profile).map(t => t.text), ["Route 53 Profile rp-0123456789abcdef01…"]);
    });

    it("on-prem is a node marked failing or passing, its heading counting the failing checks", () => {
        const onPrem = (verdict: "pass" | "fail", failing: number) => {
            const svg = draw({ hubs: [hub({ resolverIps: ["10.0.0.10"], onPrem: { cidrs: ["192.168.0.0/16", "172.16.0.0/12"], link: "VPN gateway vgw-1", verdict, failing } })], unattached: [] });
            const o = node(svg, "on-prem");
            return [o.attrs.class, titleOf(o), ...texts(o).map(t => t.text)];
        };
        // Above its hub: the networks on as few lines as fit, then the link.
        assert.deepStrictEqual(onPrem("fail", 2), ["node onprem fail", "on-prem 192.168.0.0/16, 172.16.0.0/12 over VPN gateway vgw-1", "on-prem · 2 failing", "192.168.0.0/16, 172.16.0.0/12", "VPN gateway vgw-1"]);
        assert.deepStrictEqual(onPrem("pass", 0), ["node onprem pass", "on-prem 192.168.0.0/16, 172.16.0.0/12 over VPN gateway vgw-1", "on-prem", "192.168.0.0/16, 172.16.0.0/12", "VPN gateway vgw-1"]);
    });

    it("spokes whose hub is not in the plan are a group of their own under the hubs, and the picture is tall enough to show it", () => {
        const svg = draw({ hubs: [hub()], unattached: [spoke("lost-a"), spoke("lost-b", { verdict: "fail", failing: 1 })] });
        const g = group(svg, "unattached");
        assert.deepStrictEqual(texts(g, "title").map(t => t.text), ["2 spokes whose hub is not in this plan · 1 failing"]);
        assert.deepStrictEqual(all(g).filter(e => e.attrs["data-stack"]).map(e => e.attrs["data-stack"]), ["lost-a", "lost-b"]);
        const frame = box(g.children.find(c => c.attrs.class === "groupbox")!);
        const hubBox = box(node(svg, "shared").children.find(c => c.attrs.class === "hubbox")!);
        assert.ok(frame.y >= hubBox.bottom, "under the hub");
        assert.ok(num(svg, "height") >= frame.bottom && svg.attrs.viewBox === `0 0 ${svg.attrs.width} ${svg.attrs.height}`, `the svg (height ${svg.attrs.height}) shows the whole group (bottom ${frame.bottom})`);
    });
});

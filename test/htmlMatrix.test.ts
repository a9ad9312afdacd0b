// The HTML report's path-check matrix (lib/report/html/matrix.ts) as the HTML it writes, from
// hand-built checks and topologies: the words of each cell and section, a matrix per hub, and
// the hop encoding the page decodes. Pure string tests (the page in a browser: htmlReport.test.ts).
import * as assert from "assert";
import { decodeHop, renderMatrix } from "../lib/report/html/matrix";
import type { PathCheck } from "../lib/model";
import type { HubNode, SpokeNode, Topology } from "../lib/report/topology";

function spoke(stack: string, o: Partial<SpokeNode> = {}): SpokeNode {
    return { stack, accountId: "111111111111", vpcId: "vpc-1", cidr: "10.1.0.0/16", connectivity: "peering", inPlan: true, verdict: "pass", failing: 0, ...o };
}

function hub(stack: string, region: string, spokes: SpokeNode[]): HubNode {
    return {
        stack, accountId: "123456789012", region, vpcId: "vpc-0", cidr: "10.0.0.0/16", endpoints: [], resolverIps: [],
        groups: [{ id: `${stack}/peering`, connectivity: "peering" as const, spokes: spokes.filter(s => s.connectivity === "peering") },
            { id: `${stack}/transitGateway`, connectivity: "transitGateway" as const, spokes: spokes.filter(s => s.connectivity === "transitGateway") }].filter(g => g.spokes.length),
    };
}

function check(source: string, service: string, verdict: "pass" | "fail", o: Partial<PathCheck> = {}): PathCheck {
    return { kind: "service", source, service, host: `${service}.example`, answer: ["10.0.0.5"], verdict, reason: verdict === "pass" ? "" : `${service} missing for ${source}`, path: [], ...o };
}

/** The <td> of a source's row and a group, as written. */
function cellOf(html: string, source: string, group: string): string {
    const row = html.match(new RegExp(`<tr [^>]*data-source="${source}">(.*?)</tr>`))?.[1];
    assert.ok(row, `a row for ${source}`);
    const td = row.match(new RegExp(`<td [^>]*data-group="${group}"[^>]*>.*?</td>`))?.[0];
    assert.ok(td, `a ${group} cell in ${source}'s row`);
    return td;
}

const summaries = (html: string) => [...html.matchAll(/<details class="matrix-section"( open)?><summary>(.*?)<\/summary>/g)].map(m => [m[2], Boolean(m[1])]);

describe("the HTML report's path-check matrix (HTML text)", () => {
    it("a cell's hops travel word-interned and decode back to each hop's text for the detail view", () => {
        const path = ["DNS member-a: zone s3.example answers 10.0.0.5", "route to 10.0.0.0/16 via pcx-1", "security group admits 10.1.0.0/16 on tcp 443"];
        const { data } = renderMatrix([check("member-a", "s3", "pass", { path }), check("member-b", "s3", "pass", { path: [path[1]] })], { hubs: [], unattached: [] });
        const hops = data.cells.map(c => c[4][0][4].map(h => decodeHop(data, h)));
        assert.deepStrictEqual(hops, [path, [path[1]]]);
        assert.strictEqual(data.cells[0][4][0][4][1], data.cells[1][4][0][4][0], "a hop repeated across checks is stored once");
    });

    it("a failing cell names the first failing check's missing piece, counts the other failures, and says so in its tooltip", () => {
        const t: Topology = { hubs: [hub("shared", "ap-northeast-1", [spoke("member-a"), spoke("member-b")])], unattached: [] };
        const { html } = renderMatrix([
            check("member-a", "s3", "pass", { host: "a.s3.example" }),
            check("member-a", "s3", "fail", { host: "b.s3.example", reason: "zone s3.example is not associated" }),
            check("member-a", "s3", "fail", { host: "c.s3.example", reason: "second reason" }),
            check("member-a", "s3", "fail", { host: "d.s3.example", reason: "third reason" }),
            check("member-b", "s3", "fail", { reason: "route missing" }),
        ], t);
        assert.match(cellOf(html, "member-a", "s3"),
            /^<td class="cell fail" data-cell="0" data-group="s3" tabindex="0" title="member-a → s3: FAIL: zone s3.example is not associated"><span class="mark">✗<\/span> <span class="missing">zone s3.example is not associated<\/span> \(\+2 more\)<\/td>$/);
        assert.match(cellOf(html, "member-b", "s3"), /title="member-b → s3: FAIL: route missing"><span class="mark">✗<\/span> <span class="missing">route missing<\/span><\/td>$/);
    });

    it("a spoke the hub registers without a stack file has pending cells, whose tooltip says why, and its section counts it as pending", () => {
        const t: Topology = { hubs: [hub("shared", "ap-northeast-1", [spoke("member-a"), spoke("member-b"), spoke("member-c", { connectivity: "transitGateway", inPlan: false })])], unattached: [] };
        const { html } = renderMatrix([check("on-prem", "s3", "pass"), check("member-a", "s3", "pass"), check("member-b", "s3", "fail"), check("member-c", "s3", "fail")], t);
        assert.strictEqual(cellOf(html, "member-c", "s3"),
            '<td class="cell pending" data-cell="3" data-group="s3" tabindex="0" title="member-c → s3: pending: the hub registers member-c, but the plan has no stack file for it">pending</td>');
        assert.deepStrictEqual(summaries(html), [
            ["on-prem: 1 source, every check passes", true],
            ['spokes by VPC peering: 2 sources, <span class="failtext">1 with a failing check</span>', true],
            ["spokes by Transit Gateway: 1 source, no failing check, 1 pending (no stack file yet)", true],
        ]);
        assert.deepStrictEqual([...html.matchAll(/<tr class="(row-[a-z]+)" data-source="([^"]+)">/g)].map(m => `${m[2]} ${m[1]}`),
            ["on-prem row-pass", "member-b row-fail", "member-a row-pass", "member-c row-pass"], "failing rows first in their section");
    });

    it("a section of more than 40 sources starts collapsed when all pass, open when one fails; 40 or fewer start open", () => {
        const spokes = (n: number) => Array.from({ length: n }, (_, i) => spoke(`member-${String(i + 1).padStart(2, "0")}`));
        const matrix = (n: number, failing: string[]) => renderMatrix(spokes(n).map(s => check(s.stack, "s3", failing.includes(s.stack) ? "fail" : "pass")),
            { hubs: [hub("shared", "ap-northeast-1", spokes(n))], unattached: [] }).html;
        assert.deepStrictEqual(summaries(matrix(41, [])), [["spokes by VPC peering: 41 sources, every check passes", false]]);
        assert.deepStrictEqual(summaries(matrix(41, ["member-07"])), [['spokes by VPC peering: 41 sources, <span class="failtext">1 with a failing check</span>', true]]);
        assert.deepStrictEqual(summaries(matrix(40, [])), [["spokes by VPC peering: 40 sources, every check passes", true]]);
    });

    it("several hubs: a matrix per hub with checks, titled with the hub and its region, then the checks of no hub in the plan", () => {
        const t: Topology = { hubs: [hub("east", "us-east-1", [spoke("member-a")]), hub("west", "us-west-2", [spoke("member-w")])], unattached: [] };
        const { html } = renderMatrix([
            check("member-a", "s3", "pass", { hub: "east" }),
            check("member-z", "s3", "pass", { hub: "gone" }),
        ], t);
        // west has no check: no empty matrix for it.
        assert.deepStrictEqual([...html.matchAll(/<div class="hub-matrix" data-hub="([^"]*)"><h3>([^<]*)<\/h3>/g)].map(m => [m[1], m[2]]), [
            ["east", "hub east (us-east-1)"],
            ["", "checks of no hub in this plan"],
        ]);
        assert.deepStrictEqual([...html.matchAll(/data-source="([^"]+)"/g)].map(m => m[1]), ["member-a", "member-z"], "each source once, in its hub's matrix");
    });

    it("a plan without checks says so instead of an empty table", () => {
        assert.strictEqual(renderMatrix([], { hubs: [], unattached: [] }).html, "<p>No path checks (no hub in the plan).</p>");
    });
});

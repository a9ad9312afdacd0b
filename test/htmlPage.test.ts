// The HTML report's page (lib/report/html/page.ts) as the text it writes, from hand-built plan
// documents (test/fixtures/fleetDocument.ts): the title, the verdict line in the header, the
// forwarders, quotas, cost, warnings and stacks sections' words. Pure string tests; the page
// in a browser is test/htmlReport.test.ts.
import * as assert from "assert";
import { renderHtmlReport } from "../lib/report/html/page";
import type { PlanDocument, PlanDocumentStack } from "../lib/planDocument";
import { fleetDocument, spokeName } from "./fixtures/fleetDocument";

const title = (html: string) => html.match(/<title>(.*?)<\/title>/)![1];
/** The header's verdict line (badges, then counts). */
const verdictLine = (html: string) => html.match(/<p>(<span class="badge [\s\S]*?)<\/p>\n<nav>/)![1];
function section(html: string, id: string): string {
    const m = html.match(new RegExp(`<section id="${id}"><h2>[^<]*</h2>([\\s\\S]*?)</section>`));
    assert.ok(m, `section ${id}`);
    return m[1];
}

const FORWARDERS = { bind: "// bind", unbound: "# unbound", windows: "# windows", dnsmasq: "# dnsmasq" };

/** A second hub (west, us-west-2, no spokes, one Resolver address) next to the fleet's. */
function withSecondHub(doc: PlanDocument): PlanDocument {
    const first = doc.stacks[0];
    const west: PlanDocumentStack = { ...first, stack: "west", region: "us-west-2", outputs: { ...first.outputs, spokes: {}, resolverInboundIps: ["10.9.0.10"] } };
    return { ...doc, stacks: [first, west, ...doc.stacks.slice(1)] };
}

describe("the HTML report's page (HTML text)", () => {
    it("one hub, everything passing: its name in the title, 'all N path checks pass', the hub, spoke and warning counts, and no pending badge", () => {
        const html = renderHtmlReport(fleetDocument(3, ["s3", "sqs"], 1));
        assert.strictEqual(title(html), "vpce-hub plan: hub shared");
        // 4 sources x 2 services, and an isolation check per spoke.
        assert.strictEqual(verdictLine(html), '<span class="badge pass">all 11 path checks pass</span> · 1 hub · 3 spoke stacks · 0 warnings');
        assert.strictEqual(section(html, "warnings"), "<p>No warnings.</p>");
    });

    it("several hubs: 'N hubs' in the title, each hub's quotas and cost under its name, and the forwarders going to every hub's Resolver addresses", () => {
        const doc = withSecondHub({ ...fleetDocument(1, ["s3"], 1), forwarders: FORWARDERS, costByHub: { shared: null, west: null }, warnings: [{ code: "w", message: "one" }] });
        const html = renderHtmlReport(doc);
        assert.strictEqual(title(html), "vpce-hub plan: 2 hubs");
        assert.ok(verdictLine(html).endsWith(" · 2 hubs · 1 spoke stack · 1 warning"), verdictLine(html));
        assert.strictEqual(section(html, "quotas").replace(/^<p>[^<]*<\/p>/, ""),
            "<h3>hub shared</h3><p>No quotas counted (no hub in the plan).</p><h3>hub west</h3><p>No quotas counted (no hub in the plan).</p>");
        const noCost = "<p>No cost estimate (no hub in the plan, or no price table for its region: see the warnings).</p>";
        assert.strictEqual(section(html, "cost"), `<div class="hub-cost" data-hub="shared"><h3>hub shared</h3>${noCost}</div><div class="hub-cost" data-hub="west"><h3>hub west</h3>${noCost}</div>`);
        assert.ok(section(html, "forwarders").startsWith("<p>On-prem DNS servers forward the endpoint zones to the Resolver inbound endpoints 10.0.0.10, 10.0.1.10 (hub shared); 10.9.0.10 (hub west). " +
            "The addresses are simulated: take the real ones from the hub's stack output after pulumi up.</p>"), section(html, "forwarders").slice(0, 200));
    });

    it("one hub with forwarders: they go to its Resolver inbound endpoint's addresses (none named when the hub lists none), with a copy button per DNS product", () => {
        const html = renderHtmlReport({ ...fleetDocument(2, ["s3"], 1), forwarders: FORWARDERS });
        const fwd = section(html, "forwarders");
        assert.ok(fwd.startsWith("<p>On-prem DNS servers forward the endpoint zones to the Resolver inbound endpoint 10.0.0.10, 10.0.1.10. The addresses are simulated"), fwd.slice(0, 160));
        assert.deepStrictEqual([...fwd.matchAll(/<button type="button" class="copy" data-copy="([^"]*)" data-for="fwd-([a-z]+)">/g)].map(m => [m[2], m[1]]),
            [["bind", "// bind"], ["unbound", "# unbound"], ["windows", "# windows"], ["dnsmasq", "# dnsmasq"]]);
        // A document whose hub lists no Resolver address names none.
        const doc = fleetDocument(2, ["s3"], 1);
        const bare = { ...doc.stacks[0], outputs: { ...doc.stacks[0].outputs, resolverInboundIps: [] } };
        assert.ok(section(renderHtmlReport({ ...doc, stacks: [bare, ...doc.stacks.slice(1)], forwarders: FORWARDERS }), "forwarders")
            .startsWith("<p>On-prem DNS servers forward the endpoint zones to the Resolver inbound endpoint. The addresses are simulated"));
    });

    it("on-prem without forwarder configs still gets the public-DNS alternative: each endpoint's URL by its regional name", () => {
        const fwd = section(renderHtmlReport(fleetDocument(2, ["s3"], 1)), "forwarders");
        assert.ok(fwd.includes("<h3>Without forwarders: the public-DNS alternative</h3>"), fwd);
        assert.match(fwd, /<button type="button" class="copy" data-copy="[^"]*vpce-0\.s3\.ap-northeast-1\.vpce\.amazonaws\.com[^"]*" data-for="direct">/);
    });

    it("a hub without on-prem says there are no forwarders, and offers no public-DNS alternative", () => {
        const doc = fleetDocument(2, ["s3"], 1);
        const hub = { ...doc.stacks[0], config: { role: "hub" } as PlanDocumentStack["config"] };
        assert.strictEqual(section(renderHtmlReport({ ...doc, stacks: [hub, ...doc.stacks.slice(1)] }), "forwarders"),
            "<p>No on-prem networks configured (vpce-hub:onPrem): no forwarders.</p>");
    });

    it("a plan of spokes only: a plain title, no hub, no quotas, no forwarders", () => {
        const doc = fleetDocument(2, ["s3"], 1);
        const html = renderHtmlReport({ ...doc, stacks: doc.stacks.slice(1) });
        assert.strictEqual(title(html), "vpce-hub plan");
        assert.ok(verdictLine(html).endsWith(" · 0 hubs · 2 spoke stacks · 0 warnings"), verdictLine(html));
        assert.strictEqual(section(html, "quotas").replace(/^<p>[^<]*<\/p>/, ""), "<p>No quotas counted (no hub in the plan).</p>");
        assert.strictEqual(section(html, "forwarders"), "<p>No on-prem networks configured (vpce-hub:onPrem): no forwarders.</p>");
    });

    it("a document without resources lists each stack with 0 resources, open when 30 stacks or fewer, and counts no quotas", () => {
        const html = renderHtmlReport(fleetDocument(3, ["s3"], 1));
        const stacks = section(html, "stacks");
        assert.ok(stacks.startsWith("<details open><summary>4 stacks</summary>"), stacks.slice(0, 60));
        // 31 stacks (a hub and 30 spokes): the list starts closed.
        assert.ok(section(renderHtmlReport(fleetDocument(30, ["s3"], 1)), "stacks").startsWith("<details><summary>31 stacks</summary>"));
        assert.deepStrictEqual([...stacks.matchAll(/<tr data-stack="([^"]+)">.*?<td class="num">(\d+)<\/td><\/tr>/g)].map(m => [m[1], m[2]]),
            [["shared", "0"], [spokeName(0), "0"], [spokeName(1), "0"], [spokeName(2), "0"]]);
        assert.strictEqual(section(html, "quotas").replace(/^<p>[^<]*<\/p>/, ""), "<p>No quotas counted (no hub in the plan).</p>");
    });

    it("a failing check turns the header's badge into 'N of M path checks fail'", () => {
        const html = renderHtmlReport(fleetDocument(3, ["s3"], 1, new Set([spokeName(1)])));
        assert.strictEqual(verdictLine(html), '<span class="badge fail">1 of 7 path checks fail</span> · 1 hub · 3 spoke stacks · 0 warnings');
    });

    it("spokes registered without a stack file: their checks are pending, not failing, and the header counts them apart", () => {
        const doc = fleetDocument(4, ["s3"], 2, new Set([spokeName(3)]));
        // member-0003 and member-0004 have no stack file; member-0004's failing check is pending.
        const html = renderHtmlReport({ ...doc, stacks: doc.stacks.slice(0, 3) });
        assert.strictEqual(verdictLine(html), '<span class="badge pass">5 of 9 path checks pass</span> · ' +
            '<span class="badge pending">4 checks pending: 2 registered spokes without a stack file</span> · 1 hub · 2 spoke stacks · 0 warnings');
    });
});

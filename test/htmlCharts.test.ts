// The HTML report's cost chart and quota bars (lib/report/html/charts.ts) as the HTML they write, from
// hand-built cost reports and quota counts: the sentence above the chart, each bar's label,
// the advice list, and each quota's state. Pure string tests (the page: htmlReport.test.ts).
import * as assert from "assert";
import { modeBars, renderCost, renderQuotas } from "../lib/report/html/charts";
import type { CostReport } from "../lib/cost/estimate";
import type { QuotaUsage } from "../lib/checks/quotas";

function cost(o: Partial<Omit<CostReport, "modes">> & { modes?: unknown } = {}): CostReport & { modes?: unknown } {
    return {
        currency: "USD", region: "ap-northeast-1", hoursPerMonth: 730, spokes: 3,
        centralized: { monthlyUsd: 112.5, items: [{ what: "interface endpoints", quantity: 1460, unit: "endpoint AZ-hours", unitUsd: 0.0125, monthlyUsd: 18.25 }] },
        decentralized: { monthlyUsd: 100, items: [{ what: "interface endpoints in every spoke", quantity: 8000, unit: "endpoint AZ-hours", unitUsd: 0.0125, monthlyUsd: 100 }] },
        savingUsd: -12.5, breakEvenSpokes: null, notes: [], prices: {} as CostReport["prices"], ...o,
    } as CostReport & { modes?: unknown };
}

const bars = (html: string) => [...html.matchAll(/<g class="([^"]*)" data-mode="([^"]*)" data-label="([^"]*)" data-usd="([^"]*)"><text x="0" y="\d+">([^<]*)<\/text>/g)]
    .map(m => ({ cls: m[1], mode: m[2], label: m[3], usd: m[4], shown: m[5] }));
const advice = (html: string) => [...(html.match(/<ul class="advice">(.*?)<\/ul>/)?.[1] ?? "").matchAll(/<li>(.*?)<\/li>/g)].map(m => m[1]);

describe("the HTML report's cost chart and quota bars (HTML text)", () => {
    it("the designs a cost report compares become bars in its order; entries without a price are left out, unnamed ones numbered", () => {
        assert.deepStrictEqual(modeBars([null, { mode: "associations" }, { name: "custom", monthlyUsd: 3 }, { monthlyUsd: 4, planned: true }]), [
            { mode: "custom", monthlyUsd: 3, planned: false, recommended: false, label: "custom", reason: undefined, blockedBy: undefined },
            { mode: "mode 4", monthlyUsd: 4, planned: true, recommended: false, label: "mode 4 (this plan)", reason: undefined, blockedBy: undefined },
        ]);
        assert.deepStrictEqual(modeBars({ profile: 7.5, associations: { monthlyUsd: 5, thisPlan: true }, broken: "n/a" }).map(b => [b.label, b.monthlyUsd]),
            [["Route 53 Profile", 7.5], ["Zone associations (this plan)", 5]]);
        assert.deepStrictEqual(modeBars(undefined), []);
        assert.deepStrictEqual(modeBars(null), []);
    });

    it("without DNS modes: the sentence says what the hub costs against endpoints in every spoke, the two bars are labelled, and nothing follows the item tables", () => {
        const html = renderCost(cost());
        assert.ok(html.startsWith("<p>Monthly, USD, ap-northeast-1, 730 h, 3 spokes: the hub costs $12.50 per month more against endpoints in every spoke.</p><svg"), html.slice(0, 160));
        assert.deepStrictEqual(bars(html), [
            { cls: "bar planned", mode: "centralized", label: "Centralized (this plan)", usd: "112.5", shown: "Centralized (this plan)" },
            { cls: "bar", mode: "decentralized", label: "Decentralized (endpoints in every spoke)", usd: "100", shown: "Decentralized (endpoints in every spoke)" },
        ]);
        // No advice and no notes: the item tables come right after the chart, and end the section.
        assert.match(html, /<\/svg><details><summary>Centralized: \$112\.50 per month, item by item<\/summary>/);
        assert.ok(html.endsWith("<td class=\"dim\">8000 endpoint AZ-hours x $0.0125</td></tr></tbody></table></details>"), html.slice(-120));
    });

    it("the sentence gives the saving, or the break-even point in spokes when there is one", () => {
        const first = (c: CostReport & { modes?: unknown }) => renderCost(c).match(/^<p>(.*?)<\/p>/)![1];
        assert.strictEqual(first(cost({ savingUsd: 1234.5, breakEvenSpokes: 1 })), "Monthly, USD, ap-northeast-1, 730 h, 3 spokes: the hub saves $1,234.50 per month against endpoints in every spoke; break-even at 1 spoke.");
        assert.strictEqual(first(cost({ savingUsd: 0, breakEvenSpokes: 4 })), "Monthly, USD, ap-northeast-1, 730 h, 3 spokes: the hub saves $0.00 per month against endpoints in every spoke; break-even at 4 spokes.");
    });

    it("the advice list says which mode is recommended and why, and what blocks each mode, every reason in full", () => {
        const html = renderCost(cost({
            modes: [
                { mode: "associations", monthlyUsd: 900, thisPlan: true, blockedBy: ["VPCs per zone: 1001 of 300", "authorizations per zone: 1001 of 1000"] },
                { mode: "profile", monthlyUsd: 1000, recommended: true, blockedBy: ["profiles per region: 6 of 5"] },
                { mode: "decentralized", monthlyUsd: 5000, reason: "no hub to share", blockedBy: ["endpoints per VPC: 60 of 50"] },
                { mode: "profile-2", monthlyUsd: 1001, recommended: true, reason: "the only mode within quota" },
                { mode: "plain", monthlyUsd: 1 },
            ],
            notes: ["hourly charges only"],
        }));
        assert.deepStrictEqual(advice(html), [
            "Zone associations: blocked by VPCs per zone: 1001 of 300; authorizations per zone: 1001 of 1000",
            "Route 53 Profile: recommended; blocked by profiles per region: 6 of 5",
            "Decentralized (endpoints in every spoke): no hub to share; blocked by endpoints per VPC: 60 of 50",
            "profile-2: recommended, the only mode within quota",
        ]);
        assert.deepStrictEqual(bars(html).map(b => [b.cls, b.shown]), [
            ["bar planned", "Zone associations (this plan)"], ["bar recommended", "Route 53 Profile ★ recommended"], ["bar", "Decentralized (endpoints in every spoke)"],
            ["bar recommended", "profile-2 ★ recommended"], ["bar", "plain"],
        ]);
        assert.ok(html.endsWith('</details><ul class="notes"><li>hourly charges only</li></ul>'), html.slice(-80));
    });

    it("no cost report (no hub, or no price table) and no quota counted are each said in a sentence", () => {
        assert.strictEqual(renderCost(null), "<p>No cost estimate (no hub in the plan, or no price table for its region: see the warnings).</p>");
        assert.strictEqual(renderQuotas([]), "<p>No quotas counted (no hub in the plan).</p>");
    });

    it("each quota's bar is over its limit, near it (80 % or more) or ok, with its fullest subject", () => {
        const q = (name: string, planned: number, limit: number, subject?: string, subjects = 1): QuotaUsage =>
            ({ name, awsName: `${name} (AWS)`, planned, limit, subject, subjects } as unknown as QuotaUsage);
        const html = renderQuotas([q("vpcsPerZone", 301, 300, "zone s3.example", 3), q("endpointsPerVpc", 40, 50, "vpc-1"), q("peeringsPerVpc", 39, 50, "vpc-1"), q("zonesPerAccount", 0, 500)]);
        assert.deepStrictEqual([...html.matchAll(/<tr class="quota ([a-z]+)" data-quota="([^"]+)" data-used="(\d+)" data-limit="(\d+)"><td>[^<]*<\/td><td class="meter"><div class="track"><div class="fill" style="width:([0-9.]+)%"><\/div><\/div><\/td><td class="num">([^<]*)<\/td><td class="dim">([^<]*)<\/td><\/tr>/g)]
            .map(m => m.slice(1)), [
            ["over", "vpcsPerZone", "301", "300", "100.0", "301 / 300", "fullest: zone s3.example (of 3)"],
            ["near", "endpointsPerVpc", "40", "50", "80.0", "40 / 50", "fullest: vpc-1"],
            ["ok", "peeringsPerVpc", "39", "50", "78.0", "39 / 50", "fullest: vpc-1"],
            ["ok", "zonesPerAccount", "0", "500", "0.0", "0 / 500", "none planned"],
        ]);
    });
});

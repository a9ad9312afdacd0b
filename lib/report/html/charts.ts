// The cost comparison as a bar chart (centralized, decentralized, and each DNS mode the plan
// prices) and the quotas as used/limit bars. Inline SVG and plain HTML; no script needed.
import type { CostReport } from "../../cost/estimate";
import type { QuotaUsage } from "../../checks/quotas";
import { WARN_AT } from "../../checks/quotas";
import { esc } from "./escape";

export interface CostBar {
    readonly label: string;
    readonly monthlyUsd: number;
    /** The key of the design or DNS mode, e.g. "profile". */
    readonly mode?: string;
    /** The plan as configured (drawn highlighted). */
    readonly planned?: boolean;
    readonly recommended?: boolean;
}

const MODE_LABELS: Readonly<Record<string, string>> = {
    associations: "Zone associations",
    profile: "Route 53 Profile",
    decentralized: "Decentralized (endpoints in every spoke)",
};

/**
 * The designs the cost report compares (`cost.modes`: a list of { mode, monthlyUsd, thisPlan,
 * recommended, reason, blockedBy }, or a record of mode -> { monthlyUsd } or a number).
 * Entries without a price are skipped.
 */
export function modeBars(modes: unknown): (CostBar & { reason?: string; blockedBy?: string[] })[] {
    const usd = (v: unknown): number | undefined => typeof v === "number" && isFinite(v) ? v
        : typeof v === "object" && v !== null && typeof (v as { monthlyUsd?: unknown }).monthlyUsd === "number" ? (v as { monthlyUsd: number }).monthlyUsd : undefined;
    const entries: [string, any][] = Array.isArray(modes) ? modes.map((m, i) => [String(m?.mode ?? m?.name ?? `mode ${i + 1}`), m])
        : typeof modes === "object" && modes !== null ? Object.entries(modes) : [];
    return entries.flatMap(([mode, v]) => {
        const n = usd(v);
        if (n === undefined) return [];
        const planned = Boolean(v?.thisPlan ?? v?.planned);
        return [{
            mode, monthlyUsd: n, planned, recommended: Boolean(v?.recommended),
            label: `${MODE_LABELS[mode] ?? mode}${planned ? " (this plan)" : ""}`,
            reason: typeof v?.reason === "string" ? v.reason : undefined,
            blockedBy: Array.isArray(v?.blockedBy) ? v.blockedBy.map(String) : undefined,
        }];
    });
}

export const money = (n: number) => `$${n.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function bars(items: readonly CostBar[]): string {
    const max = Math.max(...items.map(i => i.monthlyUsd), 1e-9);
    const labelW = 360, barW = 420, rowH = 30, width = labelW + barW + 120;
    const rows = items.map((it, i) => {
        const y = 8 + i * rowH, w = Math.max(2, (it.monthlyUsd / max) * barW);
        return `<g class="bar${it.planned ? " planned" : ""}${it.recommended ? " recommended" : ""}" data-mode="${esc(it.mode ?? "")}" data-label="${esc(it.label)}" data-usd="${it.monthlyUsd}">` +
            `<text x="0" y="${y + 17}">${esc(it.label)}${it.recommended ? " ★ recommended" : ""}</text>` +
            `<rect x="${labelW}" y="${y + 3}" width="${w.toFixed(1)}" height="20" rx="3"/>` +
            `<text x="${labelW + w + 8}" y="${y + 17}" class="amount">${esc(money(it.monthlyUsd))}</text></g>`;
    });
    return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${items.length * rowH + 16}" width="${width}" height="${items.length * rowH + 16}" role="img" aria-label="monthly cost">${rows.join("")}</svg>`;
}

function itemsTable(title: string, side: CostReport["centralized"]): string {
    return `<details><summary>${esc(title)}: ${esc(money(side.monthlyUsd))} per month, item by item</summary><table class="plain"><tbody>` +
        side.items.map(i => `<tr><td class="num">${esc(money(i.monthlyUsd))}</td><td>${esc(i.what)}</td>` +
            `<td class="dim">${esc(`${i.quantity} ${i.unit} x $${i.unitUsd}`)}</td></tr>`).join("") + "</tbody></table></details>";
}

export function renderCost(cost: (CostReport & { modes?: unknown }) | null | undefined): string {
    if (!cost) return "<p>No cost estimate (no hub in the plan, or no price table for its region: see the warnings).</p>";
    // The DNS modes the report compares replace the plain centralized/decentralized pair (they include both).
    const modes = modeBars(cost.modes);
    const items: CostBar[] = modes.length ? modes : [
        { mode: "centralized", label: "Centralized (this plan)", monthlyUsd: cost.centralized.monthlyUsd, planned: true },
        { mode: "decentralized", label: "Decentralized (endpoints in every spoke)", monthlyUsd: cost.decentralized.monthlyUsd },
    ];
    const advice = modes.filter(m => m.recommended || m.blockedBy?.length).map(m =>
        `<li>${esc(MODE_LABELS[m.mode!] ?? m.mode)}: ${m.recommended ? "recommended" : ""}${m.reason ? esc(`${m.recommended ? ", " : ""}${m.reason}`) : ""}` +
        `${m.blockedBy?.length ? esc(`${m.recommended || m.reason ? "; " : ""}blocked by ${m.blockedBy.join("; ")}`) : ""}</li>`).join("");
    const saving = cost.savingUsd >= 0 ? `saves ${money(cost.savingUsd)} per month` : `costs ${money(-cost.savingUsd)} per month more`;
    return `<p>Monthly, ${esc(cost.currency)}, ${esc(cost.region)}, ${cost.hoursPerMonth} h, ${cost.spokes} spokes: the hub ${esc(saving)} against endpoints in every spoke` +
        (cost.breakEvenSpokes === null ? "." : `; break-even at ${cost.breakEvenSpokes} spoke${cost.breakEvenSpokes === 1 ? "" : "s"}.`) + "</p>" +
        bars(items) + (advice ? `<ul class="advice">${advice}</ul>` : "") + itemsTable("Centralized", cost.centralized) + itemsTable("Decentralized", cost.decentralized) +
        (cost.notes.length ? `<ul class="notes">${cost.notes.map(n => `<li>${esc(n)}</li>`).join("")}</ul>` : "");
}

export function renderQuotas(usage: readonly QuotaUsage[]): string {
    if (!usage.length) return "<p>No quotas counted (no hub in the plan).</p>";
    const rows = usage.map(q => {
        const share = q.limit > 0 ? q.planned / q.limit : 0;
        const state = share > 1 ? "over" : share >= WARN_AT ? "near" : "ok";
        return `<tr class="quota ${state}" data-quota="${esc(q.name)}" data-used="${q.planned}" data-limit="${q.limit}">` +
            `<td>${esc(q.awsName)}</td>` +
            `<td class="meter"><div class="track"><div class="fill" style="width:${Math.min(100, share * 100).toFixed(1)}%"></div></div></td>` +
            `<td class="num">${q.planned} / ${q.limit}</td>` +
            `<td class="dim">${q.subject ? esc(`fullest: ${q.subject}`) : "none planned"}${q.subjects > 1 ? esc(` (of ${q.subjects})`) : ""}</td></tr>`;
    });
    return `<table class="plain quotas"><thead><tr><th>quota</th><th>used / limit</th><th></th><th></th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

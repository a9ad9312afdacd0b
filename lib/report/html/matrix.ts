// The path checks as a source x service matrix. A check group is one source (a spoke, or
// on-prem) and one service (all of the service's names: apex and wildcard, every zone), or
// the source's isolation from the other spokes; each group is one cell, coloured by verdict.
// A failing cell names the missing piece; clicking any cell shows each name's DNS answer and
// hops (the details travel as one JSON block, strings interned, so 1,000 spokes stay small).
import type { PathCheck } from "../../model";
import { HubNode, Topology } from "../topology";
import { esc } from "./escape";

export const ISOLATION = "isolation";

/** Isolation cells keep every failing pair but only this many passing ones for the detail view. */
const PASSING_PAIRS_KEPT = 3;
/** Content width of the page in a 1,000 px window: the matrix is laid out to fit it. */
const FIT_WIDTH = 950;
/** A column whose cells pass (a check mark) under an upright service name; a failing one at least this wide. */
const NARROW = 34, MIN_FAILING = 96;

/** A section with more rows than this starts collapsed (unless it has failures). */
const OPEN_UP_TO = 40;

export interface CheckGroup {
    /** The hub the checks belong to, when the plan has several. */
    readonly hub?: string;
    readonly source: string;
    /** A service name, or ISOLATION. */
    readonly group: string;
    readonly checks: PathCheck[];
    readonly failing: number;
}

/** The check groups of a plan, in the order the checks came. */
export function checkGroups(checks: readonly PathCheck[]): CheckGroup[] {
    const m = new Map<string, { hub?: string; source: string; group: string; checks: PathCheck[]; failing: number }>();
    for (const c of checks) {
        const group = c.kind === "isolation" ? ISOLATION : c.service;
        const k = `${c.hub ?? ""}\u0000${c.source}\u0000${group}`;
        const g = m.get(k) ?? m.set(k, { hub: c.hub, source: c.source, group, checks: [], failing: 0 }).get(k)!;
        g.checks.push(c);
        if (c.verdict === "fail") g.failing++;
    }
    return [...m.values()];
}

/** Interns strings so that hops repeated across thousands of checks are sent once. */
class Strings {
    readonly list: string[] = [];
    private readonly index = new Map<string, number>();
    id(s: string): number {
        let i = this.index.get(s);
        if (i === undefined) { i = this.list.length; this.list.push(s); this.index.set(s, i); }
        return i;
    }
}

/**
 * What the page's script reads: per cell [source, group, checks, failing, [[host, answer,
 * pass?1:0, reason, [hops]]]], numbers indexing `strings`, hops indexing `hops`. A hop is its
 * words' indexes in `strings`, space-separated: the hops of 1,000 spokes differ only in a few
 * words (the spoke's name, VPC, route table), so words are stored once.
 */
export interface MatrixData {
    readonly strings: string[];
    readonly hops: string[];
    readonly cells: [number, number, number, number, [number, number, 0 | 1, number, number[]][]][];
}

/** The page script's inverse of MatrixData's hop encoding (exported for tests). */
export function decodeHop(data: MatrixData, hop: number): string {
    return data.hops[hop].split(" ").map(i => data.strings[Number(i)]).join(" ");
}

interface Section { readonly title: string; readonly sources: string[] }

/** Rows of one hub's matrix: on-prem, then its spokes by connectivity, then any other source. */
function sections(groups: readonly CheckGroup[], hub: HubNode | undefined): Section[] {
    const sources = [...new Set(groups.map(g => g.source))];
    const placed = new Set<string>();
    const out: Section[] = [];
    const take = (title: string, names: readonly string[]) => {
        const present = names.filter(n => sources.includes(n) && !placed.has(n));
        present.forEach(n => placed.add(n));
        if (present.length) out.push({ title, sources: present });
    };
    if (hub) {
        take("on-prem", sources.filter(s => s === "on-prem"));
        for (const g of hub.groups) take(`spokes by ${g.connectivity === "peering" ? "VPC peering" : "Transit Gateway"}`, g.spokes.map(s => s.stack));
    }
    take("other sources", sources);
    return out;
}

/**
 * The check groups of each hub: by the check's `hub` when the plan has several hubs, else all
 * of them belong to the one hub. Groups of no hub in the plan come last.
 */
function byHub(groups: readonly CheckGroup[], t: Topology): { hub?: HubNode; groups: CheckGroup[] }[] {
    if (t.hubs.length <= 1) return [{ hub: t.hubs[0], groups: [...groups] }];
    const out: { hub?: HubNode; groups: CheckGroup[] }[] = t.hubs.map(hub => ({ hub, groups: groups.filter(g => g.hub === hub.stack) }));
    const rest = groups.filter(g => !t.hubs.some(h => h.stack === g.hub));
    if (rest.length) out.push({ groups: rest });
    return out.filter(b => b.groups.length);
}

/** Spokes the hub registers without a stack file in the plan: their checks wait for it (pending, not failing). */
export function pendingSources(t: Topology): Set<string> {
    return new Set(t.hubs.flatMap(h => h.groups.flatMap(g => g.spokes.filter(s => !s.inPlan).map(s => s.stack))));
}

export function renderMatrix(checks: readonly PathCheck[], t: Topology): { html: string; data: MatrixData } {
    const groups = checkGroups(checks);
    const pending = pendingSources(t);
    const strings = new Strings();
    const hops = new Strings();
    const data: MatrixData = { strings: strings.list, hops: hops.list, cells: [] };
    const hop = (h: string) => hops.id(h.split(" ").map(w => strings.id(w)).join(" "));
    const html = byHub(groups, t).map(block => {
        const html = renderBlock(block.groups, block.hub);
        return t.hubs.length > 1
            ? `<div class="hub-matrix" data-hub="${esc(block.hub?.stack ?? "")}"><h3>${esc(block.hub ? `hub ${block.hub.stack} (${block.hub.region})` : "checks of no hub in this plan")}</h3>${html}</div>`
            : html;
    }).join("");

    function renderBlock(groups: readonly CheckGroup[], hub: HubNode | undefined): string {
        const columns = [...new Set(groups.filter(g => g.group !== ISOLATION).map(g => g.group))];
        if (groups.some(g => g.group === ISOLATION)) columns.push(ISOLATION);
        const bySourceGroup = new Map(groups.map(g => [`${g.source}\u0000${g.group}`, g]));

        const cell = (g: CheckGroup | undefined): string => {
            if (!g) return `<td class="cell none" title="no checks">–</td>`;
            const kept = g.group === ISOLATION
                ? [...g.checks.filter(c => c.verdict === "fail"), ...g.checks.filter(c => c.verdict === "pass").slice(0, PASSING_PAIRS_KEPT)]
                : g.checks;
            const idx = data.cells.length;
            data.cells.push([strings.id(g.source), strings.id(g.group), g.checks.length, g.failing,
                kept.map(c => [strings.id(c.host), strings.id(c.answer.join(", ")), c.verdict === "pass" ? 1 : 0, strings.id(c.reason), c.path.map(hop)])]);
            // The row (tr[data-source]) names the source; the cell its group.
            const attrs = `data-cell="${idx}" data-group="${esc(g.group)}" tabindex="0"`;
            if (pending.has(g.source)) {
                return `<td class="cell pending" ${attrs} title="${esc(`${g.source} → ${g.group}: pending: the hub registers ${g.source}, but the plan has no stack file for it`)}">pending</td>`;
            }
            if (!g.failing) {
                // No title on passing cells: there are thousands, and a click shows more.
                return `<td class="cell pass" ${attrs}>✓</td>`;
            }
            const first = g.checks.find(c => c.verdict === "fail")!;
            const more = g.failing > 1 ? ` (+${g.failing - 1} more)` : "";
            return `<td class="cell fail" ${attrs} title="${esc(`${g.source} → ${g.group}: FAIL: ${first.reason}`)}">` +
                `<span class="mark">✗</span> <span class="missing">${esc(first.reason)}</span>${esc(more)}</td>`;
        };

        // One set of column widths for every section, so that the sections' columns line up. The
        // matrix fits a 1,000 px window (952 px of content): service names stand upright in
        // narrow columns, and the columns with a failure share what is left to name the missing piece.
        const srcWidth = Math.min(220, 24 + 9 * Math.max(6, ...groups.map(g => g.source.length)));
        const failingColumns = columns.filter(c => groups.some(g => g.group === c && g.failing));
        const room = FIT_WIDTH - srcWidth - (columns.length - failingColumns.length) * NARROW;
        const wide = Math.max(MIN_FAILING, Math.min(220, Math.floor(room / Math.max(1, failingColumns.length))));
        const widths = columns.map(c => failingColumns.includes(c) ? wide : NARROW);
        const cols = `<colgroup><col style="width:${srcWidth}px">${widths.map(w => `<col style="width:${w}px">`).join("")}</colgroup>`;
        const tableWidth = srcWidth + widths.reduce((a, b) => a + b, 0);
        const head = `${cols}<thead><tr><th class="src">source</th>${columns.map(c => `<th class="col"><span>${esc(c)}</span></th>`).join("")}</tr></thead>`;
        const html = sections(groups, hub).map(sec => {
            // Failing rows first, so a collapsed or long section shows its problems at the top.
            const rows = sec.sources.map(src => {
                const failing = !pending.has(src) && columns.some(c => (bySourceGroup.get(`${src}\u0000${c}`)?.failing ?? 0) > 0);
                return { src, failing };
            }).sort((a, b) => Number(b.failing) - Number(a.failing));
            const failingRows = rows.filter(r => r.failing).length;
            const pendingRows = rows.filter(r => pending.has(r.src)).length;
            const open = rows.length <= OPEN_UP_TO || failingRows > 0;
            const body = rows.map(r => `<tr class="${r.failing ? "row-fail" : "row-pass"}" data-source="${esc(r.src)}"><th class="src" scope="row">${esc(r.src)}</th>` +
                columns.map(c => cell(bySourceGroup.get(`${r.src}\u0000${c}`))).join("") + "</tr>").join("");
            const summary = `${esc(sec.title)}: ${rows.length} source${rows.length === 1 ? "" : "s"}, ` +
                (failingRows ? `<span class="failtext">${failingRows} with a failing check</span>` : pendingRows ? "no failing check" : "every check passes") +
                (pendingRows ? `, ${pendingRows} pending (no stack file yet)` : "");
            return `<details class="matrix-section"${open ? " open" : ""}><summary>${summary}</summary>` +
                `<div class="scroll"><table class="matrix" style="width:${tableWidth}px">${head}<tbody>${body}</tbody></table></div></details>`;
        }).join("");
        return html;
    }
    return { html: html || "<p>No path checks (no hub in the plan).</p>", data };
}

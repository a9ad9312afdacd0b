// The plan for people, as data first: a report is a list of titled sections, each built by a
// small function of the plan (lib/report/sections.ts and whoever adds one), and rendered here
// to text that fits the terminal width. Pure: takes data and a colour switch, returns text.
import pc from "picocolors";

/** Widest line the report prints (checked by a test): fits a split terminal or a CI log. */
export const WIDTH = 120;

export type Style = ReturnType<typeof pc.createColors>;

export function style(color: boolean): Style {
    return pc.createColors(color);
}

/** One titled part of the report. */
export interface Section {
    /** Stable name (tests and --json refer to it), e.g. "checks". */
    readonly id: string;
    readonly title: string;
    /** Body lines, unindented: the renderer indents them and wraps what is wider than WIDTH. */
    readonly lines: readonly string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

export function visibleLength(text: string): number {
    return text.replace(ANSI, "").length;
}

function pad(text: string, width: number): string {
    return text + " ".repeat(Math.max(0, width - visibleLength(text)));
}

/**
 * Columns aligned on their widest cell. The last column is free text: a row wider than
 * `width` wraps it, continuing under the last column's start (or further left when that
 * would leave too little room).
 */
export function table(rows: readonly (readonly string[])[], width = WIDTH - 2): string[] {
    if (!rows.length) return [];
    const columns = Math.max(...rows.map(r => r.length));
    const widths = Array.from({ length: columns }, (_, i) => Math.max(...rows.map(r => visibleLength(r[i] ?? ""))));
    return rows.flatMap(r => {
        const head = r.slice(0, -1).map((c, i) => pad(c, widths[i])).join("  ");
        const line = (head ? head + "  " : "") + (r[r.length - 1] ?? "");
        const start = head ? visibleLength(head) + 2 : 0;
        return fit(line.trimEnd(), width, start <= width - 40 ? start : 4);
    });
}

/**
 * Wraps one line to `width` at spaces; continuation lines are indented by `hang` columns
 * (default: the line's own indentation plus four). A word longer than the room is left
 * whole on its own line rather than cut: names and URLs must stay copyable.
 */
export function fit(line: string, width = WIDTH, hang?: number): string[] {
    if (visibleLength(line) <= width) return [line];
    const indent = line.length - line.trimStart().length;
    const cont = " ".repeat(hang ?? indent + 4);
    const words = line.trimStart().split(" ");
    const out: string[] = [];
    let current = " ".repeat(indent);
    let fresh = true;
    for (const w of words) {
        const candidate = fresh ? current + w : `${current} ${w}`;
        if (!fresh && visibleLength(candidate) > width) {
            out.push(current);
            current = cont + w;
        } else {
            current = candidate;
        }
        fresh = false;
    }
    out.push(current);
    return out;
}

/** The report: a header line, then every non-empty section, each body indented by two. */
export function renderSections(header: string, sections: readonly Section[], s: Style, width = WIDTH): string {
    const out: string[] = [...fit(header, width)];
    for (const section of sections) {
        out.push("", ...fit(s.bold(s.cyan(section.title)), width));
        for (const l of section.lines) out.push(...fit(l === "" ? "" : `  ${l}`, width));
    }
    return out.map(l => l.trimEnd()).join("\n") + "\n";
}

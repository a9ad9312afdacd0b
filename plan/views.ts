// --html FILE and --mermaid FILE: the plan document (the --json data) drawn for people, by
// the pure renderers in lib/html/ and lib/mermaid.ts.
import * as fs from "fs";
import * as path from "path";
import { renderHtmlReport } from "../lib/html/report";
import { renderMermaid } from "../lib/mermaid";
import type { PlanDocument } from "../lib/planDocument";

export interface ViewFiles {
    readonly html?: string;
    readonly mermaid?: string;
}

/** Writes the requested views; returns the lines to print ("wrote FILE"). */
export function writeViews(doc: PlanDocument, files: ViewFiles, projectDir: string): string[] {
    const out: string[] = [];
    if (files.html) {
        fs.writeFileSync(path.resolve(projectDir, files.html), renderHtmlReport(doc));
        out.push(`wrote ${files.html}`);
    }
    if (files.mermaid) {
        const text = renderMermaid(doc);
        // A .md file gets a fenced block GitHub renders; any other name gets the bare flowchart.
        fs.writeFileSync(path.resolve(projectDir, files.mermaid), /\.(md|markdown)$/i.test(files.mermaid) ? "```mermaid\n" + text + "```\n" : text);
        out.push(`wrote ${files.mermaid}`);
    }
    return out;
}

// --html FILE and --mermaid FILE: the plan document (the --json data) drawn for people, by
// the pure renderers in lib/report/html/ and lib/report/mermaid.ts.
import * as fs from "fs";
import * as path from "path";
import type { ConfigError } from "../lib/config";
import { renderHtmlReport } from "../lib/report/html/page";
import { renderMermaid } from "../lib/report/mermaid";
import type { PlanDocument } from "../lib/planDocument";

export interface ViewFiles {
    readonly html?: string;
    readonly mermaid?: string;
}

/** Writes the requested views: the lines to print ("wrote FILE"), and a file that cannot be written as an error naming its flag. */
export function writeViews(doc: PlanDocument, files: ViewFiles, projectDir: string): { lines: string[]; errors: ConfigError[] } {
    const lines: string[] = [];
    const errors: ConfigError[] = [];
    const write = (flag: string, file: string, text: () => string) => {
        try {
            fs.writeFileSync(path.resolve(projectDir, file), text());
            lines.push(`wrote ${file}`);
        } catch (e) {
            errors.push({ stack: "(plan)", key: flag, message: `cannot write ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
        }
    };
    if (files.html) write("--html", files.html, () => renderHtmlReport(doc));
    // A .md file gets a fenced block GitHub renders; any other name gets the bare flowchart.
    if (files.mermaid) write("--mermaid", files.mermaid, () => /\.(md|markdown)$/i.test(files.mermaid!) ? "```mermaid\n" + renderMermaid(doc) + "```\n" : renderMermaid(doc));
    return { lines, errors };
}

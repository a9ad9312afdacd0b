// Escaping for the HTML report: every text that reaches the page (stack names, CIDRs, reasons,
// forwarder configs: much of it from user config) goes through one of these.

const ENTITIES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" };

/** Text for element content and for attribute values (quoted with "). */
export function esc(value: unknown): string {
    return String(value).replace(/[&<>"']/g, c => ENTITIES[c]);
}

/**
 * JSON inside <script type="application/json">: `<` is written \u003c so no text can close the
 * script element or open a comment, and U+2028/2029 as escapes.
 */
export function scriptJson(value: unknown): string {
    return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

// The generic reader of raw config values: every problem is collected (not only the first)
// and names the stack, the config key path and what is wrong, so that `npm run plan` and
// `pulumi up` print the same sentences. The readers per concept (lib/config/vpc.ts, ...) use it.
import { parseCidr } from "../net/cidr";
import { editDistance } from "../didYouMean";
import { ConfigError, NS } from "./model";

/**
 * One line per error, whatever the config held: a value quoted in a message may carry line
 * breaks, terminal escape sequences or direction overrides, which are written as \u escapes so
 * that no config can forge or hide a line of the output.
 */
export function formatError(e: ConfigError): string {
    return `error: ${e.stack}: ${e.key}: ${e.message}`.replace(UNPRINTABLE, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** C0 and C1 controls (line breaks and ESC included), line separators and bidirectional overrides. */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Thrown by the stack programs; its message lists every problem, one per line. */
export class ConfigValidationError extends Error {
    constructor(readonly errors: readonly ConfigError[]) {
        super(errors.map(formatError).join("\n"));
        this.name = "ConfigValidationError";
    }
}

/** Pulumi hands config values over as strings; objects and lists arrive as JSON text. */
export function decode(value: unknown): unknown {
    if (typeof value !== "string") return value;
    const t = value.trim();
    if (t.startsWith("{") || t.startsWith("[")) {
        try { return JSON.parse(t); } catch { return value; }
    }
    return value;
}

export function typeName(v: unknown): string {
    if (v === null) return "null";
    if (Array.isArray(v)) return "a list";
    if (typeof v === "object") return "an object";
    if (typeof v === "string") return `the string "${v.length > 40 ? v.slice(0, 40) + "..." : v}"`;
    return `${typeof v} ${String(v)}`;
}

export function suggestion(key: string, known: readonly string[]): string {
    const best = known
        .map(k => ({ k, d: key.toLowerCase() === k.toLowerCase() ? 0 : editDistance(key.toLowerCase(), k.toLowerCase()) }))
        .sort((x, y) => x.d - y.d)[0];
    return best && best.d <= 3 ? ` (did you mean \`${best.k}\`?)` : ` (known keys: ${known.join(", ")})`;
}

/** Collects errors for one stack while reading typed values out of raw config. */
export class Reader {
    readonly errors: ConfigError[] = [];
    constructor(readonly stack: string) { }

    fail(key: string, message: string): undefined {
        this.errors.push({ stack: this.stack, key, message });
        return undefined;
    }

    str(key: string, v: unknown, pattern?: RegExp, what?: string): string | undefined {
        // A key left out: say so, rather than "got undefined undefined".
        if (v === undefined) return this.fail(key, `is required${what ? ` (${what})` : ""}`);
        if (typeof v !== "string") return this.fail(key, `must be a string${what ? ` (${what})` : ""}, got ${typeName(v)}`);
        if (pattern && !pattern.test(v)) return this.fail(key, `"${v}" is not ${what ?? `of the form ${pattern}`}`);
        return v;
    }

    int(key: string, v: unknown, min: number, max: number): number | undefined {
        const n = typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v;
        if (typeof n !== "number" || !Number.isInteger(n)) return this.fail(key, `must be a whole number, got ${typeName(v)}`);
        if (n < min || n > max) return this.fail(key, `must be between ${min} and ${max}, got ${n}`);
        return n;
    }

    num(key: string, v: unknown): number | undefined {
        const n = typeof v === "string" && v.trim() !== "" && !isNaN(Number(v)) ? Number(v) : v;
        if (typeof n !== "number" || !isFinite(n) || n < 0) return this.fail(key, `must be a number >= 0, got ${typeName(v)}`);
        return n;
    }

    bool(key: string, v: unknown): boolean | undefined {
        if (v === true || v === "true") return true;
        if (v === false || v === "false") return false;
        return this.fail(key, `must be true or false, got ${typeName(v)}`);
    }

    /**
     * A list. `items` describes entries that are not plain strings (the hint "write [x]" would
     * mislead there); `why` explains the minimum.
     */
    list(key: string, v: unknown, minItems = 0, opts: { items?: string; why?: string } = {}): unknown[] | undefined {
        if (!Array.isArray(v)) {
            if (opts.items) return this.fail(key, `must be a list of ${opts.items}, got ${typeName(v)}`);
            return this.fail(key, `must be a list${typeof v === "string" ? ` (write [${v}], not a plain string)` : `, got ${typeName(v)}`}`);
        }
        if (v.length < minItems) {
            return this.fail(key, `needs at least ${minItems} entr${minItems === 1 ? "y" : "ies"}${opts.why ? ` (${opts.why})` : ""}, got ${v.length}`);
        }
        // Array.from turns holes into undefined entries, which then get their own error.
        return Array.from(v);
    }

    strList(key: string, v: unknown, minItems: number, pattern: RegExp, what: string, why?: string): string[] | undefined {
        const l = this.list(key, v, minItems, { why });
        if (!l) return undefined;
        const out = l.map((x, i) => this.str(`${key}[${i}]`, x, pattern, what));
        const seen = new Set<string>();
        l.forEach((x, i) => {
            if (typeof x === "string" && seen.has(x)) this.fail(`${key}[${i}]`, `"${x}" is listed twice`);
            seen.add(x as string);
        });
        return out.every(x => x !== undefined) ? out as string[] : undefined;
    }

    /** An object whose keys must all be known; reports typos with a suggestion. */
    obj(key: string, v: unknown, known: readonly string[]): Record<string, unknown> | undefined {
        if (typeof v !== "object" || v === null || Array.isArray(v)) return this.fail(key, `must be an object, got ${typeName(v)}`);
        const o = v as Record<string, unknown>;
        for (const k of Object.keys(o)) {
            if (!known.includes(k)) this.fail(`${key}.${k}`, `unknown key${suggestion(k, known)}`);
        }
        return o;
    }

    cidr(key: string, v: unknown): string | undefined {
        const s = this.str(key, v);
        if (s === undefined) return undefined;
        const c = parseCidr(s);
        if (typeof c === "string") return this.fail(key, c);
        return s;
    }

    /** A 12-digit account id. YAML reads an unquoted id as a number and drops leading zeros. */
    account(key: string, v: unknown): string | undefined {
        if (typeof v === "number") {
            const digits = String(v);
            const guess = /^\d{1,11}$/.test(digits) ? ` (did you mean "${digits.padStart(12, "0")}"?)` : "";
            return this.fail(key, `must be quoted text: YAML read ${digits} as a number${guess ? `, dropping its leading zeros${guess}` : ""}; write the id in quotes`);
        }
        const s = this.str(key, v, undefined, "a 12-digit AWS account id");
        if (s === undefined) return undefined;
        if (!ACCOUNT.test(s)) {
            const zeros = /^\d{9,11}$/.test(s) ? `; if it begins with 0, quote it in YAML so the leading zeros stay` : "";
            return this.fail(key, `"${s}" is not a 12-digit AWS account id${zeros}`);
        }
        return s;
    }
}

const ACCOUNT = /^\d{12}$/;
export const STACK_NAME = /^[A-Za-z0-9_.-]+$/;
export const id = (prefix: string) => new RegExp(`^${prefix}-[0-9a-zA-Z]+$`);

/** The full key of one of our keys, e.g. `vpce-hub:vpc`. */
export function key(k: string): string {
    return `${NS}:${k}`;
}

// Command lines, shared by every command (the plan, the doctor): one table of flags makes both
// the parser's options and the usage text's option lines, so the two cannot disagree. Pure.

/** One command-line option. */
export interface Flag {
    readonly name: string;
    readonly type: "string" | "boolean";
    /** Placeholder of a string option's value, e.g. DIR. */
    readonly arg?: string;
    readonly short?: string;
    /** May be given more than once. */
    readonly multiple?: boolean;
    readonly help: string;
}

/** `--name ARG`, as usage texts show a flag. */
export function flagText(f: Flag): string {
    return `--${f.name}${f.arg ? ` ${f.arg}` : ""}`;
}

/** One aligned line per flag: `  --name ARG  help`. */
export function flagLines(flags: readonly Flag[]): string[] {
    const width = Math.max(...flags.map(f => flagText(f).length));
    return flags.map(f => `  ${flagText(f).padEnd(width)}  ${f.help}`);
}

/** The options of `util.parseArgs` for a flag table. */
export function parseOptions(flags: readonly Flag[]): Record<string, { type: "string" | "boolean"; short?: string; multiple?: boolean }> {
    return Object.fromEntries(flags.map(f => [f.name, { type: f.type, ...(f.short ? { short: f.short } : {}), ...(f.multiple ? { multiple: true } : {}) }]));
}

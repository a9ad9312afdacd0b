// What the doctor's commands write to, and the usage text both make from their flag tables.

export interface Io {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
}

export const processIo: Io = {
    out: t => process.stdout.write(t),
    err: t => process.stderr.write(t),
};

/** One command-line option; usage text and parser are both made from these. */
export interface Flag {
    readonly name: string;
    readonly type: "string" | "boolean";
    readonly arg?: string;
    readonly multiple?: boolean;
    readonly help: string;
}

export function usageOf(command: string, flags: readonly Flag[], about: readonly string[]): string {
    const left = (f: Flag) => `--${f.name}${f.arg ? ` ${f.arg}` : ""}`;
    const width = Math.max(...flags.map(f => left(f).length));
    return [
        `usage: npm run doctor -- ${command} ${flags.map(f => f.name === "hub" && command === "probe" ? left(f) : `[${left(f)}]`).join(" ")}`,
        "",
        ...about,
        ...flags.map(f => `  ${left(f).padEnd(width)}  ${f.help}`),
        "Exit: 0 every check passes, 1 one fails, 2 bad input.",
    ].join("\n");
}

export function parseOptions(flags: readonly Flag[]): Record<string, { type: "string" | "boolean"; multiple?: boolean }> {
    return Object.fromEntries(flags.map(f => [f.name, { type: f.type, ...(f.multiple ? { multiple: true } : {}) }]));
}

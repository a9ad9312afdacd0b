// What the doctor's commands write to, and the usage text both make from their flag tables
// (lib/cli.ts).
import { Flag, flagLines, flagText } from "../lib/cli";

export interface Io {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
}

export const processIo: Io = {
    out: t => process.stdout.write(t),
    err: t => process.stderr.write(t),
};

export type { Flag } from "../lib/cli";
export { parseOptions } from "../lib/cli";

export function usageOf(command: string, flags: readonly Flag[], about: readonly string[]): string {
    return [
        `usage: npm run doctor -- ${command} ${flags.map(f => f.name === "hub" && command === "probe" ? flagText(f) : `[${flagText(f)}]`).join(" ")}`,
        "",
        ...about,
        ...flagLines(flags),
        "Exit: 0 every check passes, 1 one fails, 2 bad input.",
    ].join("\n");
}

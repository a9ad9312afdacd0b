// Shared fixtures: the example stack files and a way to run stacks on the simulated cloud.
import * as path from "path";
import { loadStackFiles } from "../plan/plan";

export const ROOT = path.resolve(__dirname, "..");

/** The example stacks' raw config (as Pulumi would pass it), by stack name; deep copies. */
export function exampleRaw(): Record<string, Record<string, any>> {
    const { files, errors } = loadStackFiles(ROOT);
    if (errors.length) throw new Error(`example stack files are invalid: ${JSON.stringify(errors)}`);
    return Object.fromEntries(files.map(f => [f.stack, JSON.parse(JSON.stringify(f.raw))]));
}

/** Reads one resolved Output in a test. */
export function valueOf<T>(o: { apply: (f: (v: T) => unknown) => unknown }): Promise<T> {
    return new Promise(r => o.apply(v => { r(v); return v; }));
}

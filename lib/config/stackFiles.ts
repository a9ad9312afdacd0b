// The one reader of stack files (`Pulumi.<stack>.yaml`) in the project: the offline plan and the
// deployments project both read them here, so both see each file as `pulumi up` would: config
// keys only under `config:`, top-level scalars as the text written (an account id keeps its
// leading zero), objects as YAML gives them. Every problem is a config error naming the file.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { shortList } from "../text";
import type { ConfigError } from "./model";

export interface StackFile {
    readonly stack: string;
    readonly file: string;
    /** Full config keys to values, as Pulumi would pass them (top-level scalars as text). */
    readonly raw: Record<string, unknown>;
    /** Config keys written at the top level instead of under `config:` (already reported). */
    readonly misplaced?: readonly string[];
    /** The ESC environments the file imports (`environment:`), which Pulumi opens for every operation. */
    readonly environment?: readonly string[];
}

/** A stack file's name: `Pulumi.<stack>.yaml` (or `.yml`), the project file `Pulumi.yaml` aside. */
const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

/** Top-level keys of a Pulumi stack file besides `config` (Pulumi's own; anything else is misplaced). */
const STACK_FILE_KEYS = new Set(["config", "environment", "secretsprovider", "encryptedkey", "encryptionsalt"]);

/** The stack a file configures (`Pulumi.shared.yaml` -> `shared`); undefined for other files. */
export function stackNameOf(file: string): string | undefined {
    return STACK_FILE.exec(path.basename(file))?.[1];
}

/**
 * Reads one stack file's text. `file` is the path shown in errors and kept on the result. The
 * result is undefined when the file cannot be read at all (malformed YAML, no `config:` map);
 * `errors` then says why, and otherwise lists what it read past (keys outside `config:`).
 */
export function readStackFile(file: string, text: string): { stackFile?: StackFile; errors: ConfigError[] } {
    const name = path.basename(file);
    const stack = stackNameOf(name) ?? name;
    const errors: ConfigError[] = [];
    const doc = YAML.parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
        const e = doc.errors[0];
        const where = e.linePos ? ` line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
        // The parser's first line repeats the position we already give in the key.
        const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        return { errors: [{ stack, key: `(${name}${where})`, message: `malformed YAML: ${what}` }] };
    }
    const body = doc.toJS();
    // A config key at the top level (not indented under `config:`) is ignored by Pulumi.
    const misplaced: { key: string; line?: number }[] = [];
    if (YAML.isMap(doc.contents)) {
        for (const pair of doc.contents.items) {
            const k = YAML.isScalar(pair.key) ? String(pair.key.value) : undefined;
            if (k === undefined || STACK_FILE_KEYS.has(k)) continue;
            const range = (pair.key as YAML.Scalar).range;
            misplaced.push({ key: k, line: range ? lineOf(text, range[0]) : undefined });
        }
    }
    const at = (m: { line?: number }) => m.line ? ` (line ${m.line})` : "";
    const hasConfig = body && typeof body === "object" && typeof body.config === "object" && body.config !== null && !Array.isArray(body.config);
    if (!hasConfig) {
        return {
            errors: [{
                stack, key: `(${name})`, message: misplaced.length
                    ? `has no \`config:\` map: ${shortList(misplaced.map(m => m.key), 3)} ${misplaced.length === 1 ? "is" : "are"} at the top level${at(misplaced[0])}; ` +
                        "Pulumi reads config keys only under `config:`, so indent them there"
                    : "has no `config:` map",
            }],
        };
    }
    for (const m of misplaced) {
        errors.push({
            stack, key: m.key.includes(":") ? m.key : `(${name})`,
            message: m.key.includes(":")
                ? `is at the top level of ${name}${at(m)}, outside \`config:\`: Pulumi reads config keys only under \`config:\`; indent it there`
                : `unknown top-level key \`${m.key}\`${at(m)}: a stack file holds \`config:\` (and Pulumi's own ${[...STACK_FILE_KEYS].filter(x => x !== "config").join(", ")})`,
        });
    }
    // Pulumi hands top-level scalars to the program as text and objects as JSON: mirror that
    // so the plan validates what `pulumi up` would see. Scalars keep the text as written, so
    // nothing is lost to number parsing (012345678901); quoting ids stays the safe habit.
    const source = new Map<string, string>();
    const configNode = doc.get("config");
    if (YAML.isMap(configNode)) {
        for (const pair of configNode.items) {
            if (YAML.isScalar(pair.key) && YAML.isScalar(pair.value) && pair.value.value !== null) {
                source.set(String(pair.key.value), pair.value.source ?? String(pair.value.value));
            }
        }
    }
    const raw = Object.fromEntries(Object.entries(body.config as Record<string, unknown>).map(
        ([k, v]) => [k, source.get(k) ?? v]));
    // `environment:` is a list of environment names, or `{ imports: [...] }`.
    const imports = Array.isArray(body.environment) ? body.environment : body.environment?.imports;
    const environment = Array.isArray(imports) ? imports.map(String) : undefined;
    return {
        stackFile: { stack, file, raw, ...(misplaced.length ? { misplaced: misplaced.map(m => m.key) } : {}), ...(environment?.length ? { environment } : {}) },
        errors,
    };
}

/**
 * Reads every Pulumi.<stack>.yaml in `dir`; YAML and shape problems become config errors.
 * `unreadable` names the stacks whose file exists but could not be read, so that the stacks
 * that depend on one are told it is broken, not missing.
 */
export function loadStackFiles(dir: string): { files: StackFile[]; errors: ConfigError[]; unreadable: string[] } {
    const files: StackFile[] = [];
    const errors: ConfigError[] = [];
    const unreadable: string[] = [];
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        return { files, errors: [{ stack: "(plan)", key: "--stacks-dir", message: `${dir} is not a directory` }], unreadable };
    }
    const names = fs.readdirSync(dir).filter(f => stackNameOf(f) !== undefined).sort();
    for (const name of names) {
        const read = readStackFile(path.join(dir, name), fs.readFileSync(path.join(dir, name), "utf8"));
        errors.push(...read.errors);
        if (read.stackFile) files.push(read.stackFile); else unreadable.push(stackNameOf(name)!);
    }
    if (!files.length && !errors.length) errors.push({ stack: "(plan)", key: "--stacks-dir", message: `no Pulumi.<stack>.yaml files in ${dir}` });
    return { files, errors, unreadable };
}

function lineOf(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}


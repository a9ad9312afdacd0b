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
const STACK_FILE = /^Pulumi\.([\s\S]+)\.ya?ml$/;

/**
 * The names Pulumi accepts for a stack: at most 100 characters, each a letter, digit, hyphen,
 * underscore or period (pulumi/pulumi sdk/go/common/tokens/stack_name.go). A file whose name is
 * not one configures no stack `pulumi up` could run, and its name would reach the plan's outputs
 * (reports, diagrams, forwarder comments): it is refused before anything is read from it.
 */
export const STACK_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * The largest stack file read: 4 MiB. A hub's registry takes about 150 bytes per member (1,001
 * members: 151 KB), so this holds some 27,000 members, more than any AWS quota lets one hub serve
 * (5,000 Transit Gateway attachments); a larger file is a mistake or an attack on the reader.
 */
export const MAX_STACK_FILE_BYTES = 4 * 1024 * 1024;

/**
 * YAML aliases a stack file may expand: the yaml library's measure (each alias counts the nodes it
 * copies, so nested aliases multiply). A "billion laughs" document exceeds it after a few levels;
 * anchors for a few repeated lists stay far below.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * Text from outside (a file name, a value) shown in a message: quoted as JSON, with every control,
 * line-separator and direction-override character escaped, so that it cannot rewrite the
 * terminal or the report that shows it.
 */
export function showName(text: string): string {
    return JSON.stringify(text).replace(/[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
        c => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** Why a stack name is not one Pulumi accepts, or undefined. */
export function stackNameProblem(stack: string): string | undefined {
    if (STACK_NAME.test(stack)) return undefined;
    const why = stack.length > 100 ? `it is ${stack.length} characters long, more than 100` : "it may hold only letters, digits, hyphens, underscores and periods";
    return `${showName(stack)} is not a stack name Pulumi accepts (${why}): rename the file; nothing is read from it`;
}

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
    const badName = stackNameProblem(stack);
    if (badName) return { errors: [{ stack: "(plan)", key: "(stack file name)", message: badName }] };
    const errors: ConfigError[] = [];
    const bytes = Buffer.byteLength(text, "utf8");
    if (bytes > MAX_STACK_FILE_BYTES) return { errors: [tooLarge(stack, name, bytes)] };
    const doc = YAML.parseDocument(text, { prettyErrors: true });
    if (doc.errors.length) {
        const e = doc.errors[0];
        const where = e.linePos ? ` line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
        // The parser's first line repeats the position we already give in the key.
        const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
        // A stack overflow in the parser is nesting, not a syntax error.
        const said = /Maximum call stack/.test(what) ? "nested too deeply to read" : what;
        return { errors: [{ stack, key: `(${name}${where})`, message: `malformed YAML: ${said}` }] };
    }
    let body: any;
    try {
        body = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
        // The yaml library's guard against exponential alias expansion ("billion laughs").
        const aliases = e instanceof ReferenceError && /alias/i.test(e.message);
        return {
            errors: [{
                stack, key: `(${name})`, message: aliases
                    ? `its YAML aliases (*name) expand past ${MAX_ALIAS_COUNT} copies, the sign of an alias bomb: write the values out instead of nesting aliases`
                    : `cannot be read as data: ${(e as Error).message}`,
            }],
        };
    }
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
        const stack = stackNameOf(name)!;
        // Refused before reading: a file whose name is no stack name configures no stack (and no
        // member can name it), and an oversized file is never loaded into memory.
        const badName = stackNameProblem(stack);
        if (badName) {
            errors.push({ stack: "(plan)", key: "(stack file name)", message: badName });
            continue;
        }
        const size = fs.statSync(path.join(dir, name)).size;
        if (size > MAX_STACK_FILE_BYTES) {
            errors.push(tooLarge(stack, name, size));
            unreadable.push(stack);
            continue;
        }
        const read = readStackFile(path.join(dir, name), fs.readFileSync(path.join(dir, name), "utf8"));
        errors.push(...read.errors);
        if (read.stackFile) files.push(read.stackFile); else unreadable.push(stack);
    }
    if (!files.length && !errors.length) errors.push({ stack: "(plan)", key: "--stacks-dir", message: `no Pulumi.<stack>.yaml files in ${dir}` });
    return { files, errors, unreadable };
}

function tooLarge(stack: string, name: string, bytes: number): ConfigError {
    return {
        stack, key: `(${name})`,
        message: `is ${bytes.toLocaleString("en-US")} bytes, more than the ${MAX_STACK_FILE_BYTES.toLocaleString("en-US")} (4 MiB) a stack file may have: ` +
            `a hub's registry takes about 150 bytes per member, so this is not a stack file a fleet needs; nothing is read from it`,
    };
}

function lineOf(text: string, offset: number): number {
    let line = 1;
    for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
    return line;
}


// The layout ARCHITECTURE.md describes, held against the code: folders by concept, imports that
// point one way, no circles, small files, one reader of stack files. A new file that breaks one
// of these fails here with the import or file at fault, before the house drifts.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const SOURCE_ROOTS = ["index.ts", "lib", "components", "stacks", "sim", "plan", "doctor", "bin", "deployments", "policy"];
const SKIP = new Set(["node_modules", "reports", "test"]);

/**
 * Bottom to top: a file may import from its own layer's room or any lower layer. Rooms that
 * share a layer (checks, cost, review) are peers and import none of each other.
 */
const LAYERS: readonly (readonly string[])[] = [
    ["lib/net/", "lib/didYouMean.ts", "lib/text.ts", "lib/cli.ts"],
    ["lib/catalog/"],
    ["lib/aws/"],
    ["lib/forwarders.ts"],
    ["lib/config/"],
    ["lib/model.ts"],
    ["lib/checks/", "lib/cost/", "lib/review/"],
    ["lib/planDocument.ts"],
    ["lib/report/"],
    ["components/"],
    ["stacks/"],
    ["sim/"],
    ["plan/", "doctor/"],
    ["bin/", "index.ts"],
    ["deployments/"],
];
/** Separate programs: the policy pack must not import the program it judges. */
const APART = ["policy/"];
/** Data tables may pass the size limit; code may not. */
const DATA_TABLES = new Set(["lib/catalog/rows.ts"]);
const MAX_LINES = 600;
const MAX_TOP_LEVEL_LIB_FILES = 10;

function sourceFiles(): string[] {
    const out: string[] = [];
    const walk = (rel: string) => {
        const abs = path.join(ROOT, rel);
        if (!fs.existsSync(abs)) return;
        if (fs.statSync(abs).isFile()) { if (rel.endsWith(".ts") && !rel.endsWith(".d.ts")) out.push(rel); return; }
        for (const e of fs.readdirSync(abs)) if (!SKIP.has(e) && !e.startsWith(".")) walk(path.posix.join(rel, e));
    };
    for (const r of SOURCE_ROOTS) walk(r);
    return out.sort();
}

/** Every relative import of a file (static, re-export, dynamic, require; type-only ones too), resolved to a path. */
function importsOf(file: string): string[] {
    const text = fs.readFileSync(path.join(ROOT, file), "utf8");
    const out: string[] = [];
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["'](\.{1,2}\/[^"']*|\.{1,2})["']/gm)) {
        const base = path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1]));
        const target = [`${base}.ts`, `${base}/index.ts`, base].find(c => fs.existsSync(path.join(ROOT, c)) && fs.statSync(path.join(ROOT, c)).isFile());
        out.push(target ?? base);
    }
    return out;
}

const layerOf = (file: string) => LAYERS.findIndex(l => l.some(p => file === p || file.startsWith(p)));
const roomOf = (file: string) => LAYERS.flat().concat(APART).find(p => file === p || file.startsWith(p)) ?? file;

describe("ARCHITECTURE.md: the layout holds", () => {
    const files = sourceFiles();
    const graph = new Map(files.map(f => [f, importsOf(f)]));

    it("finds the source tree (a guard against a walk that reads nothing)", () => {
        assert.ok(files.length > 80, `only ${files.length} source files found`);
        assert.ok(graph.get("sim/cloud.ts")!.includes("sim/ec2.ts"), "imports are resolved to files");
    });

    it("every source file belongs to a layer or a separate program, so a new folder must be placed on the map", () => {
        const unplaced = files.filter(f => layerOf(f) < 0 && !APART.some(p => f.startsWith(p)));
        assert.deepStrictEqual(unplaced, []);
    });

    it("imports point down: a file imports its own room or a lower layer, never a peer room or a layer above", () => {
        const wrong: string[] = [];
        for (const [f, targets] of graph) {
            for (const t of targets) {
                if (t.startsWith("test/")) { wrong.push(`${f} -> ${t} (product code must not import tests)`); continue; }
                if (APART.some(p => f.startsWith(p) || t.startsWith(p))) {
                    if (roomOf(f) !== roomOf(t)) wrong.push(`${f} -> ${t} (a separate program)`);
                    continue;
                }
                const [lf, lt] = [layerOf(f), layerOf(t)];
                if (lt > lf || (lt === lf && roomOf(f) !== roomOf(t))) wrong.push(`${f} -> ${t}`);
            }
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("no import circle, type-only imports included", () => {
        // Tarjan's strongly connected components over the file graph.
        let index = 0;
        const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>(), stack: string[] = [];
        const circles: string[][] = [];
        const visit = (v: string) => {
            idx.set(v, index); low.set(v, index); index++; stack.push(v); onStack.add(v);
            for (const w of graph.get(v) ?? []) {
                if (!graph.has(w)) continue;
                if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
            }
            if (low.get(v) === idx.get(v)) {
                const scc: string[] = [];
                let w: string;
                do { w = stack.pop()!; onStack.delete(w); scc.push(w); } while (w !== v);
                if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) circles.push(scc.sort());
            }
        };
        for (const f of files) if (!idx.has(f)) visit(f);
        assert.deepStrictEqual(circles, []);
    });

    it(`lib/ keeps at most ${MAX_TOP_LEVEL_LIB_FILES} files at its top; the rest live in folders named for concepts`, () => {
        const top = fs.readdirSync(path.join(ROOT, "lib")).filter(f => f.endsWith(".ts"));
        assert.ok(top.length <= MAX_TOP_LEVEL_LIB_FILES, `lib/ has ${top.length} files at its top: ${top.join(", ")}`);
        const folders = fs.readdirSync(path.join(ROOT, "lib"), { withFileTypes: true }).filter(d => d.isDirectory()).map(d => d.name).sort();
        assert.deepStrictEqual(folders, ["aws", "catalog", "checks", "config", "cost", "net", "report", "review"]);
    });

    it(`no source file past ${MAX_LINES} lines (data tables aside)`, () => {
        const long = files.filter(f => !DATA_TABLES.has(f)).map(f => [f, fs.readFileSync(path.join(ROOT, f), "utf8").split("\n").length] as const).filter(([, n]) => n > MAX_LINES);
        assert.deepStrictEqual(long, []);
    });

    it("lib/ is pure: no file under it imports Pulumi", () => {
        const impure = files.filter(f => f.startsWith("lib/") && /from "@pulumi\//.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
        assert.deepStrictEqual(impure, []);
    });

    it("one reader of stack files: only lib/config/stackFiles.ts parses YAML", () => {
        const readers = files.filter(f => /\bYAML\.parse(Document)?\(|\bparse(Document)?\([^)]*\)[^;]*from "yaml"|import \{[^}]*\bparse\b[^}]*\} from "yaml"/.test(fs.readFileSync(path.join(ROOT, f), "utf8")));
        assert.deepStrictEqual(readers, ["lib/config/stackFiles.ts"]);
    });

    it("ARCHITECTURE.md names every folder of the tree and every layer's rooms", () => {
        const map = fs.readFileSync(path.join(ROOT, "ARCHITECTURE.md"), "utf8");
        const rooms = [...LAYERS.flat(), ...APART];
        const unnamed = rooms.filter(r => fs.existsSync(path.join(ROOT, r)) && !map.includes(`\`${r}\``));
        assert.deepStrictEqual(unnamed, []);
        const simModules = fs.readdirSync(path.join(ROOT, "sim")).filter(f => f.endsWith(".ts")).map(f => `sim/${f}`);
        assert.deepStrictEqual(simModules.filter(m => !map.includes(`\`${m}\``)), [], "each simulated service is on the map");
    });
});

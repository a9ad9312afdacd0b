// One table of Pulumi type tokens for the plan's readers: lib/model.ts TYPES.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { TYPES } from "../lib/model";

const LIB = path.join(__dirname, "..", "lib");
const TOKEN = /"aws:[a-z0-9]+\/[A-Za-z0-9]+:[A-Za-z0-9]+"/g;

describe("Pulumi type tokens (lib/model.ts TYPES)", () => {
    it("lib/ spells type tokens only in lib/model.ts TYPES: cost, quotas, paths and diff read them from there", () => {
        const files = (fs.readdirSync(LIB, { recursive: true }) as string[]).filter(f => f.endsWith(".ts") && f !== "model.ts");
        assert.ok(files.length > 40, `found only ${files.length} files under lib/`);
        for (const file of files) {
            const tokens = fs.readFileSync(path.join(LIB, file), "utf8").match(TOKEN) ?? [];
            assert.deepStrictEqual(tokens, [], `lib/${file} spells type tokens of its own`);
        }
    });

    it("each token is listed once, as <package>:<module>/<camelName>:<Name>", () => {
        const tokens: string[] = Object.values(TYPES);
        assert.strictEqual(new Set(tokens).size, tokens.length);
        for (const t of tokens) {
            const [, mod, name] = /^aws:[a-z0-9]+\/([a-zA-Z0-9]+):([A-Za-z0-9]+)$/.exec(t) ?? [];
            assert.ok(name && mod.toLowerCase() === name.toLowerCase(), t);
        }
    });
});

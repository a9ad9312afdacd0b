// npm run schema: writes schema/stack-config.schema.json from lib/config/schema.ts (the one
// description of the config keys); `npm run schema -- --check` exits 1 when the file is stale.
import * as fs from "fs";
import * as path from "path";
import { renderSchemaFile } from "../lib/config/schema";

const file = path.join(__dirname, "..", "schema", "stack-config.schema.json");
const text = renderSchemaFile();
if (process.argv.includes("--check")) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
    if (current !== text) {
        console.error(`error: (schema): ${path.relative(process.cwd(), file)}: out of date with lib/config/schema.ts: run npm run schema`);
        process.exitCode = 1;
    }
} else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
}

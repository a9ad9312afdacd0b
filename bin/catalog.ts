// npm run catalog -- [--region R] [--json]: the service catalog with each row's source.
import { catalogLines, renderCatalog } from "../lib/catalog/listing";

const args = process.argv.slice(2);
const at = args.indexOf("--region");
const region = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && !region) {
    console.error("usage: npm run catalog -- [--region ap-northeast-1] [--json]");
    process.exitCode = 2;
} else {
    const lines = catalogLines(region);
    process.stdout.write(args.includes("--json") ? `${JSON.stringify(lines, null, 2)}\n` : renderCatalog(lines));
}

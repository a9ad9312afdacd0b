// `npm run catalog -- [--region R] [--json]`: the service catalog with each row's source, for
// one region when asked (a region the AWS provider does not know is refused with the nearest).
import { parseArgs } from "util";
import { catalogLines, renderCatalog } from "../lib/catalog/listing";
import type { Io } from "./cli";
import { unknownRegion } from "./regions";

export const CATALOG_USAGE = `usage: npm run catalog -- [--region REGION] [--json]

Lists the service catalog: each service's endpoint service, zones (*. = apex and wildcard),
ports, endpoint policy support, notes and the source of every row.
  --region REGION  fill in the region (such as ap-northeast-1); default: {region} left in
  --json           one JSON object per service instead of text`;

export function runCatalog(argv: readonly string[], io: Pick<Io, "out" | "err">): number {
    let args;
    try {
        args = parseArgs({ args: [...argv], options: { region: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } } }).values;
    } catch (e) {
        io.err(`error: (catalog): command line: ${(e as Error).message}\n${CATALOG_USAGE}\n`);
        return 2;
    }
    if (args.help) { io.out(CATALOG_USAGE + "\n"); return 0; }
    const region = args.region;
    const problem = region === undefined ? undefined : region === "" ? "is empty" : unknownRegion(region);
    if (problem) {
        io.err(`error: (catalog): --region: ${problem}\n`);
        return 2;
    }
    const lines = catalogLines(region);
    io.out(args.json ? `${JSON.stringify(lines, null, 2)}\n` : renderCatalog(lines));
    return 0;
}

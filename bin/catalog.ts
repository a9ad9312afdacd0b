// npm run catalog -- [--region R] [--json]: the service catalog with each row's source; see plan/catalogCommand.ts.
import { runCatalog } from "../plan/catalogCommand";

process.exitCode = runCatalog(process.argv.slice(2), { out: t => process.stdout.write(t), err: t => process.stderr.write(t) });

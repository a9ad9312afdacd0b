// npm run forwarders -- --from <pulumi stack output --json file> [--out DIR]: see plan/forwardersCommand.ts.
import { runForwarders } from "../plan/forwardersCommand";

process.exitCode = runForwarders(process.argv.slice(2), {
    out: t => process.stdout.write(t), err: t => process.stderr.write(t), isTty: Boolean(process.stdout.isTTY),
});

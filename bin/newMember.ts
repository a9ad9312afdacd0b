// npm run new-member -- NAME [--hub HUB] [--org ORG] [--stacks-dir DIR]: see plan/newMember.ts.
import { runNewMember } from "../plan/newMember";

process.exitCode = runNewMember(process.argv.slice(2), {
    out: t => process.stdout.write(t), err: t => process.stderr.write(t), isTty: Boolean(process.stdout.isTTY),
});

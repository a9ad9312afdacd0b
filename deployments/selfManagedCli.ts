// Writes the self-managed deploy script (deployments/selfManaged.ts) for the repository's stack
// files to stdout:
//   npx ts-node --transpile-only deployments/selfManagedCli.ts --backend s3://acme-pulumi-state \
//     --kms alias/vpce-hub --kms-region ap-northeast-1 --organization acme > deploy.sh
// Exit 2 with the problems named when the stack files or options are wrong.
import * as path from "path";
import { DeploymentsConfigError, readStackFiles } from "./lib";
import { selfManagedScript } from "./selfManaged";

function option(args: string[], name: string): string | undefined {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : undefined;
}

export function main(args: string[], out: (s: string) => void, err: (s: string) => void, dir = path.resolve(__dirname, "..")): number {
    const need = (name: string) => option(args, name) ?? (() => { throw new DeploymentsConfigError([`--${name}: is required`]); })();
    try {
        out(selfManagedScript(readStackFiles(dir), option(args, "organization") ?? "organization", {
            backend: need("backend"), kmsKey: need("kms"), kmsRegion: need("kms-region"), profilePrefix: option(args, "profile-prefix"),
        }));
        return 0;
    } catch (e) {
        if (!(e instanceof DeploymentsConfigError)) throw e;
        for (const p of e.problems) err(`error: ${p}\n`);
        return 2;
    }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2), s => process.stdout.write(s), s => process.stderr.write(s));

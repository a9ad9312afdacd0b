// The commands every Deployments run executes before its operation (deployments/runtime.ts),
// run here under bash as Deployments would: the credential guard on real stack files, and the
// escalation to the deploy role with a stand-in `aws` that records what it was asked.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { credentialGuardCommand, escalationCommand } from "../deployments/runtime";

const DEPLOY_ROLE = "arn:aws:iam::111111111111:role/vpce-hub-deploy";

/** Runs one pre-run command line in `dir` with `env`; its exit code, output, and the PULUMI_ENV file it wrote. */
function run(command: string, dir: string, env: Record<string, string> = {}): { code: number; out: string; pulumiEnv: string } {
    const pulumiEnv = path.join(dir, "pulumi.env");
    fs.writeFileSync(pulumiEnv, "");
    const r = spawnSync("bash", ["-c", command], { cwd: dir, env: { PATH: `${dir}/bin:${process.env.PATH}`, PULUMI_ENV: pulumiEnv, ...env }, encoding: "utf8" });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, pulumiEnv: fs.readFileSync(pulumiEnv, "utf8") };
}

describe("deployments: the commands before each run", () => {
    let dir = "";
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-runtime-"));
        fs.mkdirSync(path.join(dir, "bin"));
        // A stand-in for the AWS CLI: records its arguments, prints three credentials fields.
        fs.writeFileSync(path.join(dir, "bin", "aws"), `#!/bin/bash\necho "$@" > "${dir}/aws.args"\n[ -n "$AWS_FAIL" ] && exit 254\nprintf 'AKIAEXAMPLE\\tsecret\\ttoken\\n'\n`, { mode: 0o755 });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the guard passes a stack file without credentials, and fails one that imports an environment or sets an AWS credential key, naming it", () => {
        const clean = "config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n";
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), clean);
        assert.strictEqual(run(credentialGuardCommand("Pulumi.shared.yaml", []), dir).code, 0);
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), `environment:\n  - vpce-hub/vpce-hub-shared-operator\n${clean}`);
        const env = run(credentialGuardCommand("Pulumi.shared.yaml", []), dir);
        assert.strictEqual(env.code, 1);
        assert.match(env.out, /Pulumi\.shared\.yaml: environment: imports an ESC environment/);
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), `${clean}  aws:assumeRole:\n    roleArn: arn:aws:iam::123456789012:role/Admin\n`);
        assert.strictEqual(run(credentialGuardCommand("Pulumi.shared.yaml", []), dir).code, 1);
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), `${clean}  aws:profile: admin\n`);
        assert.match(run(credentialGuardCommand("Pulumi.shared.yaml", []), dir).out, /sets an AWS credential key/);
    });

    it("the guard lets through the environments the deployments project allows, and no other", () => {
        const clean = "config:\n  vpce-hub:role: hub\n";
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), `environment:\n  - vpce-hub/settings\n${clean}`);
        assert.strictEqual(run(credentialGuardCommand("Pulumi.shared.yaml", ["vpce-hub/settings"]), dir).code, 0);
        fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), `environment:\n  - vpce-hub/settings\n  - vpce-hub/admin-keys\n${clean}`);
        assert.strictEqual(run(credentialGuardCommand("Pulumi.shared.yaml", ["vpce-hub/settings"]), dir).code, 1);
    });

    it("a preview never asks for the deploy role; an update, refresh or destroy gets its credentials through PULUMI_ENV", () => {
        const cmd = escalationCommand(DEPLOY_ROLE, "vpce-hub-member-a-deploy");
        const preview = run(cmd, dir, { PULUMI_CI_OPERATION: "preview", PULUMI_OIDC_TOKEN: "tok" });
        assert.strictEqual(preview.code, 0);
        assert.strictEqual(preview.pulumiEnv, "");
        assert.ok(!fs.existsSync(path.join(dir, "aws.args")), "the AWS CLI was called in a preview");
        for (const op of ["update", "refresh", "destroy"]) {
            const r = run(cmd, dir, { PULUMI_CI_OPERATION: op, PULUMI_OIDC_TOKEN: "tok" });
            assert.strictEqual(r.code, 0, r.out);
            assert.strictEqual(r.pulumiEnv, "AWS_ACCESS_KEY_ID=AKIAEXAMPLE\nAWS_SECRET_ACCESS_KEY=secret\nAWS_SESSION_TOKEN=token\n");
            const args = fs.readFileSync(path.join(dir, "aws.args"), "utf8");
            assert.ok(args.startsWith(`sts assume-role-with-web-identity --role-arn ${DEPLOY_ROLE} --role-session-name vpce-hub-member-a-deploy --web-identity-token tok `), args);
        }
    });

    it("a failed exchange fails the run instead of going on with read-only credentials", () => {
        const r = run(escalationCommand(DEPLOY_ROLE, "s"), dir, { PULUMI_CI_OPERATION: "update", PULUMI_OIDC_TOKEN: "tok", AWS_FAIL: "1" });
        assert.notStrictEqual(r.code, 0);
    });
});

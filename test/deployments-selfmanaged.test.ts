// Without Pulumi Cloud (deployments/selfManaged.ts): the order the generated script runs the
// stacks in (removed members destroyed first, each hub before what it deploys), the same checks
// as Deployments (credential guard, policy pack), and the script itself run with stand-ins for
// pulumi and aws.
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseStackFile, readStackFiles } from "../deployments/lib";
import { trustPolicy } from "../deployments/oidc";
import { main } from "../deployments/selfManagedCli";
import { selfManagedScript, selfManagedSteps } from "../deployments/selfManaged";
import { MULTI_REGION_DIR } from "./helpers";

const ORG = "acme";
const OPTIONS = { backend: "s3://acme-pulumi-state", kmsKey: "alias/vpce-hub", kmsRegion: "ap-northeast-1" };
const hub = (name: string, members: string[], extra = "") => parseStackFile(`Pulumi.${name}.yaml`,
    `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n  vpce-hub:accountId: "123456789012"\n  vpce-hub:spokes: [${members.map(m => `{ name: ${m}, accountId: "111111111111" }`).join(", ")}]\n${extra}`);
const member = (name: string, hubName: string) => parseStackFile(`Pulumi.${name}.yaml`, `config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:hubStack: ${hubName}\n`);

describe("without Pulumi Cloud: the self-managed deploy script", () => {
    it("runs every hub before the members it deploys, and the table owner before the hubs on its Transit Gateway", () => {
        const steps = selfManagedSteps(readStackFiles(MULTI_REGION_DIR), ORG);
        const order = steps.map(s => s.stack);
        assert.ok(steps.every(s => s.op === "up"));
        for (const [h, m] of [["shared-apne1", "app-apne1"], ["shared-apne1", "data-apne1"], ["shared-usw2", "app-usw2"], ["shared-nonprod", "dev-apne1"], ["shared-use1", "app-use1"]]) {
            assert.ok(order.indexOf(h) < order.indexOf(m), `${h} before ${m}: ${order.join(", ")}`);
        }
        const shared = [hub("prod", [], "  vpce-hub:transitGateway: { id: tgw-0123456789abcdef0, sharedWithHubs: [dev] }\n"), hub("dev", [], "  vpce-hub:transitGateway: { id: tgw-0123456789abcdef0, sharedWithHubs: [prod] }\n")];
        assert.deepStrictEqual(selfManagedSteps(shared, ORG).map(s => s.stack), ["dev", "prod"], "dev owns the tables (first by name)");
    });

    it("destroys a member its hub no longer lists before the hub's update, and never updates it", () => {
        const steps = selfManagedSteps([hub("shared", ["member-a"]), member("member-a", "shared"), member("member-b", "shared")], ORG);
        assert.deepStrictEqual(steps.map(s => `${s.op} ${s.stack}`), ["destroy member-b", "up shared", "up member-a"]);
        assert.match(steps[0].reason, /shared's registry \(vpce-hub:spokes\) no longer lists it/);
    });

    it("the script logs in to S3 with KMS secrets, guards every stack file and runs the policy pack on every destroy and update, in that order", () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-selfmanaged-"));
        try {
            fs.writeFileSync(path.join(dir, "Pulumi.shared.yaml"), "config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: hub\n  vpce-hub:accountId: \"123456789012\"\n  vpce-hub:spokes: [{ name: member-a, accountId: \"111111111111\" }]\n");
            fs.writeFileSync(path.join(dir, "Pulumi.member-a.yaml"), "config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:hubStack: shared\n");
            fs.writeFileSync(path.join(dir, "Pulumi.member-b.yaml"), "config:\n  aws:region: ap-northeast-1\n  vpce-hub:role: spoke\n  vpce-hub:accountId: \"222222222222\"\n  vpce-hub:hubStack: shared\n");
            const script = selfManagedScript(readStackFiles(dir), ORG, OPTIONS);
            fs.mkdirSync(path.join(dir, "bin"));
            fs.writeFileSync(path.join(dir, "bin", "pulumi"), `#!/bin/bash\necho "AWS_PROFILE=$AWS_PROFILE BACKEND=$PULUMI_BACKEND_URL $*" >> "${dir}/calls"\n`, { mode: 0o755 });
            fs.writeFileSync(path.join(dir, "deploy.sh"), script, { mode: 0o755 });
            const run = () => spawnSync("bash", ["deploy.sh"], { cwd: dir, env: { PATH: `${dir}/bin:${process.env.PATH}` }, encoding: "utf8" });
            const r = run();
            assert.strictEqual(r.status, 0, r.stderr);
            const calls = fs.readFileSync(path.join(dir, "calls"), "utf8").trim().split("\n");
            const ops = calls.filter(c => !c.includes(" stack select ")).map(c => c.replace(/ --yes.*/, ""));
            assert.deepStrictEqual(ops, [
                "AWS_PROFILE=vpce-hub-member-b BACKEND=s3://acme-pulumi-state destroy --stack member-b",
                "AWS_PROFILE=vpce-hub-shared BACKEND=s3://acme-pulumi-state up --stack shared",
                "AWS_PROFILE=vpce-hub-member-a BACKEND=s3://acme-pulumi-state up --stack member-a",
            ]);
            for (const c of calls.filter(x => / (up|destroy) /.test(x))) assert.ok(c.endsWith("--policy-pack policy --policy-pack-config policy/config.json"), c);
            assert.ok(calls.some(c => c.includes("stack select --create --secrets-provider awskms://alias/vpce-hub?region=ap-northeast-1 shared")));
            // A stack file that picks its own credentials stops the script before anything runs.
            fs.appendFileSync(path.join(dir, "Pulumi.member-a.yaml"), "  aws:profile: admin\n");
            fs.rmSync(path.join(dir, "calls"));
            const refused = run();
            assert.strictEqual(refused.status, 1);
            assert.match(refused.stdout, /Pulumi\.member-a\.yaml: sets an AWS credential key/);
            assert.ok(!fs.existsSync(path.join(dir, "calls")), "pulumi ran after the guard failed");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("refuses options a shell would read, naming them, with exit 2 from the command", () => {
        const errors: string[] = [];
        assert.strictEqual(main(["--backend", "s3://b;rm -rf /", "--kms", "alias/k", "--kms-region", "ap-northeast-1"], () => undefined, e => errors.push(e), MULTI_REGION_DIR), 2);
        assert.match(errors[0], /^error: backend: "s3:\/\/b;rm -rf \/" holds characters a shell would read/);
        assert.strictEqual(main(["--kms", "alias/k"], () => undefined, e => errors.push(e), MULTI_REGION_DIR), 2);
    });

    it("the deploy and preview roles trust the CI runners' roles by name, never an account or a wildcard", () => {
        const doc = trustPolicy({ providerArn: "arn:aws:iam::123456789012:oidc-provider/api.pulumi.com/oidc", organization: ORG, project: "vpce-hub", stacks: ["shared"],
            kind: "deploy", runnerRoles: ["arn:aws:iam::999999999999:role/ci-main"] });
        assert.deepStrictEqual(doc.Statement[1], { Sid: "SelfManagedRunners", Effect: "Allow", Principal: { AWS: ["arn:aws:iam::999999999999:role/ci-main"] }, Action: "sts:AssumeRole" });
        assert.throws(() => trustPolicy({ providerArn: "p", organization: ORG, project: "vpce-hub", stacks: ["shared"], kind: "deploy", runnerRoles: ["arn:aws:iam::999999999999:root"] }), /runnerRoles\[0\]: must be an IAM role ARN/);
    });
});

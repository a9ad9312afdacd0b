// Names users write (issue 23 item 6): an SDK package or console name, another case, a region in
// upper case. Each used to plan with exit 0 and "all checks pass" for a service that does not
// exist under that name (or to be refused without the name meant); now each is refused with the
// catalog name meant, from one table (lib/catalog/aliases.ts). A service the catalog does not know
// still plans, and its checks say their names are assumed.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { ALIASES } from "../lib/catalog/aliases";
import { CATALOG, resolveService } from "../lib/catalog/lookup";
import { validateStacks } from "../plan/plan";
import { runPlan } from "../plan/cli";
import { runCatalog } from "../plan/catalogCommand";
import { loadStackFiles } from "../lib/config/stackFiles";
import { EXAMPLE_DIR, ROOT, exampleStacksIn } from "./helpers";

const R = "ap-northeast-1";

/** The errors the hub's `vpce-hub:services` (and `aws:region`, when given) produce. */
function errorsFor(services: unknown[], region?: string): string[] {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    const edited = files.map(f => f.stack !== "shared" ? f : { ...f, raw: { ...f.raw, "vpce-hub:services": services, ...(region ? { "aws:region": region } : {}) } });
    return validateStacks(edited).errors.filter(e => e.stack === "shared" && e.key !== "(member stacks)").map(e => `${e.key}: ${e.message}`);
}

function capture() {
    let out = "", err = "";
    return { io: { out: (t: string) => { out += t; }, err: (t: string) => { err += t; }, isTty: false }, text: () => ({ out, err }) };
}

describe("names users write: aliases refused with the catalog name meant (lib/catalog/aliases.ts)", () => {
    it("the table is sound: no alias is a catalog row or a service AWS lists; every name meant is a catalog row that plans; every row has a source", () => {
        const listed = new Set(fs.readFileSync(path.join(ROOT, "data", "privatelink-services.txt"), "utf8").split("\n").map(l => l.replace(/#.*$/, "").trim()).filter(Boolean));
        for (const [alias, row] of Object.entries(ALIASES)) {
            assert.strictEqual(alias, alias.toLowerCase(), alias);
            assert.ok(!(alias in CATALOG), `${alias} is a catalog row`);
            assert.ok(!listed.has(`com.amazonaws.<region>.${alias}`), `${alias} is a service AWS lists: refusing it would block it`);
            for (const m of row.meant) assert.ok(m in CATALOG && !CATALOG[m].refused, `${alias} -> ${m}`);
            assert.ok(row.source.length > 10 && row.note.length > 2, alias);
        }
    });

    it("cloudwatch, cloudwatch-logs, eventbridge, sfn, stepfunctions, secrets-manager: each refused naming the key and the name meant", () => {
        assert.deepStrictEqual(errorsFor(["s3", "cloudwatch", "cloudwatch-logs", "eventbridge", "sfn", "stepfunctions", "secrets-manager"]), [
            "vpce-hub:services[1]: unknown service \"cloudwatch\": \"cloudwatch\" is not an endpoint service name: did you mean `monitoring`? (CloudWatch metrics and alarms)",
            "vpce-hub:services[2]: unknown service \"cloudwatch-logs\": \"cloudwatch-logs\" is not an endpoint service name: did you mean `logs`? (CloudWatch Logs)",
            "vpce-hub:services[3]: unknown service \"eventbridge\": \"eventbridge\" is not an endpoint service name: did you mean `events`? (EventBridge)",
            "vpce-hub:services[4]: unknown service \"sfn\": \"sfn\" is not an endpoint service name: did you mean `states` and `sync-states`? (Step Functions (sync-states for StartSyncExecution))",
            "vpce-hub:services[5]: unknown service \"stepfunctions\": \"stepfunctions\" is not an endpoint service name: did you mean `states` and `sync-states`? (Step Functions (sync-states for StartSyncExecution))",
            "vpce-hub:services[6]: unknown service \"secrets-manager\": \"secrets-manager\" is not an endpoint service name: did you mean `secretsmanager`? (Secrets Manager)",
        ]);
    });

    it("a name in another case is told the lower-case name (SNS -> sns), or the alias's (CloudWatch -> monitoring), in a string or an override's name", () => {
        assert.deepStrictEqual(errorsFor(["SNS", { name: "Sqs" }, "CloudWatch", "MyWidget"]), [
            "vpce-hub:services[0]: unknown service \"SNS\": service names are lower case: did you mean `sns`?",
            "vpce-hub:services[1].name: unknown service \"Sqs\": service names are lower case: did you mean `sqs`?",
            "vpce-hub:services[2]: unknown service \"CloudWatch\": \"CloudWatch\" is not an endpoint service name: did you mean `monitoring`? (CloudWatch metrics and alarms)",
            "vpce-hub:services[3]: unknown service \"MyWidget\": service names are lower case: did you mean `mywidget`?",
        ]);
    });

    it("zones do not make an alias plan (its endpoint service would not exist); its own endpointService does", () => {
        assert.match(resolveService({ name: "cloudwatch", zones: [{ name: "monitoring.{region}.amazonaws.com", wildcard: false }] }, R) as string, /did you mean `monitoring`/);
        const own = resolveService({ name: "cloudwatch", endpointService: "com.amazonaws.ap-northeast-1.monitoring", zones: [{ name: "monitoring.{region}.amazonaws.com", wildcard: false }] }, R);
        assert.strictEqual(typeof own, "object");
    });
});

describe("a service the catalog does not know: planned, its checks say names assumed, verified at pulumi up", () => {
    it("the check table, the note under it and the summary say so; the JSON marks each such check assumed; known services' checks stay plain passes", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-assumed-"));
        exampleStacksIn(dir, files => {
            files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"].replace(/vpce-hub:services: \[[^\]]*\]/, "vpce-hub:services: [s3, sqs, widget]");
        });
        const c = capture();
        const json = path.join(dir, "plan.json");
        assert.strictEqual(await runPlan(["--stacks-dir", dir, "--no-color", "--json", json], c.io, dir), 0);
        const out = c.text().out;
        assert.match(out, /\n  widget +1 +2 pass \(names assumed\) +1 pass \(names assumed\)\n/);
        assert.match(out, /\n  sqs +1 +2 pass +1 pass\n/);
        assert.match(out, /names assumed, verified at pulumi up: widget \(the catalog does not know it/);
        assert.match(out, /Summary: \d+ path checks over 3 stacks: \d+ pass \(3 on names assumed, verified at pulumi up\), 0 fail/);
        const checks = JSON.parse(fs.readFileSync(json, "utf8")).checks as { service: string; assumed?: boolean }[];
        assert.deepStrictEqual([...new Set(checks.filter(x => x.assumed).map(x => x.service))], ["widget"]);
        fs.rmSync(dir, { recursive: true, force: true });
    });
});

describe("npm run catalog's command line and regions written in another case", () => {
    it("--help prints the usage, not the catalog (exit 0); an unknown option prints it as an error (exit 2)", () => {
        const help = capture();
        assert.strictEqual(runCatalog(["--help"], help.io), 0);
        assert.match(help.text().out, /^usage: npm run catalog -- \[--region REGION\] \[--json\]/);
        assert.doesNotMatch(help.text().out, /vpce-hub service catalog: \d+ services/);
        const bad = capture();
        assert.strictEqual(runCatalog(["--bogus"], bad.io), 2);
        assert.match(bad.text().err, /^error: \(catalog\): command line: Unknown option '--bogus'\nusage:/);
    });

    it("--region eu-centrl-1 is refused with the region meant; EU-central-1 is told region names are lower case", () => {
        const typo = capture();
        assert.strictEqual(runCatalog(["--region", "eu-centrl-1"], typo.io), 2);
        assert.match(typo.text().err, /^error: \(catalog\): --region: eu-centrl-1 is not an AWS region .*\(did you mean eu-central-1\?\)/);
        assert.strictEqual(typo.text().out, "");
        const upper = capture();
        assert.strictEqual(runCatalog(["--region", "EU-central-1"], upper.io), 2);
        assert.strictEqual(upper.text().err, "error: (catalog): --region: EU-central-1 is not an AWS region: region names are lower case (did you mean eu-central-1?)\n");
        const ok = capture();
        assert.strictEqual(runCatalog(["--region", "eu-central-1"], ok.io), 0);
        assert.match(ok.text().out, /sqs  com\.amazonaws\.eu-central-1\.sqs/);
    });

    it("aws:region EU-central-1 in a stack file: the same suggestion, naming the key", () => {
        assert.deepStrictEqual(errorsFor(["sqs"], "EU-central-1"), ["aws:region: \"EU-central-1\" is not an AWS region: region names are lower case (did you mean eu-central-1?)"]);
    });
});

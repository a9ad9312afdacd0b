import * as assert from "assert";
import { CATALOG, ResolvedService, defaultZoneName, resolveService } from "../lib/catalog";

const R = "ap-northeast-1";

function resolved(name: string): ResolvedService {
    const r = resolveService({ name }, R);
    if (typeof r === "string") throw new Error(r);
    return r;
}

const zonesOf = (name: string) => resolved(name).zones.map(z => `${z.wildcard ? "*+" : ""}${z.name}`);

describe("service catalog: zone names (a wrong name silently sends traffic to the internet)", () => {
    it("names an undotted service svc.<region>.amazonaws.com (default rule)", () => {
        assert.deepStrictEqual(zonesOf("sqs"), ["sqs.ap-northeast-1.amazonaws.com"]);
        assert.deepStrictEqual(zonesOf("ssmmessages"), ["ssmmessages.ap-northeast-1.amazonaws.com"]);
    });

    it("flips dotted services: ecr.dkr -> dkr.ecr..., ecr.api -> api.ecr...", () => {
        assert.deepStrictEqual(zonesOf("ecr.dkr"), ["*+dkr.ecr.ap-northeast-1.amazonaws.com"]);
        assert.deepStrictEqual(zonesOf("ecr.api"), ["api.ecr.ap-northeast-1.amazonaws.com"]);
        assert.strictEqual(defaultZoneName("a.b"), "b.a.{region}.amazonaws.com");
    });

    const exceptions: [string, string][] = [
        ["sagemaker.api", "api.sagemaker.ap-northeast-1.amazonaws.com"],
        ["sagemaker.runtime", "runtime.sagemaker.ap-northeast-1.amazonaws.com"],
        ["notebook", "*+notebook.ap-northeast-1.sagemaker.aws"],
        ["studio", "*+studio.ap-northeast-1.sagemaker.aws"],
        ["appstream.api", "appstream2.ap-northeast-1.amazonaws.com"],
        ["ecs-agent", "ecs-a.ap-northeast-1.amazonaws.com"],
        ["ecs-telemetry", "ecs-t.ap-northeast-1.amazonaws.com"],
        ["eks-auth", "eks-auth.ap-northeast-1.api.aws"],
        ["codeartifact.api", "codeartifact.ap-northeast-1.amazonaws.com"],
        ["codeartifact.repositories", "*+d.codeartifact.ap-northeast-1.amazonaws.com"],
        ["kinesis-firehose", "firehose.ap-northeast-1.amazonaws.com"],
        ["rum-dataplane", "dataplane.rum.ap-northeast-1.amazonaws.com"],
        ["pinpoint-sms-voice-v2", "sms-voice.ap-northeast-1.amazonaws.com"],
        ["execute-api", "*+execute-api.ap-northeast-1.amazonaws.com"],
        ["appsync-api", "*+appsync-api.ap-northeast-1.amazonaws.com"],
        ["transfer.server", "*+server.transfer.ap-northeast-1.amazonaws.com"],
    ];
    for (const [svc, zone] of exceptions) {
        it(`uses the documented exception for ${svc}: ${zone.replace("*+", "")}${zone.startsWith("*+") ? " with a wildcard" : ""}`, () => {
            assert.deepStrictEqual(zonesOf(svc), [zone]);
        });
    }

    it("gives kinesis-streams the classic kinesis.<r> zone and the account-prefixed control-kinesis and data-kinesis zones current SDKs call", () => {
        assert.deepStrictEqual(zonesOf("kinesis-streams"), [
            "kinesis.ap-northeast-1.amazonaws.com", "*+control-kinesis.ap-northeast-1.amazonaws.com", "*+data-kinesis.ap-northeast-1.amazonaws.com",
        ]);
    });

    it("gives s3 its three zones (s3, s3-control, s3-accesspoint), each with a wildcard for prefixed names", () => {
        assert.deepStrictEqual(zonesOf("s3"), [
            "*+s3.ap-northeast-1.amazonaws.com", "*+s3-control.ap-northeast-1.amazonaws.com", "*+s3-accesspoint.ap-northeast-1.amazonaws.com",
        ]);
    });

    it("keeps apex-only services without a wildcard (sqs, sns, ssm, kms, sts, logs, monitoring, secretsmanager, lambda, email-smtp)", () => {
        for (const svc of ["sqs", "sns", "ssm", "ssmmessages", "ec2messages", "ec2", "kms", "sts", "logs", "monitoring", "secretsmanager", "lambda", "email-smtp"]) {
            assert.ok(resolved(svc).zones.every(z => !z.wildcard), svc);
        }
    });

    it("opens SES SMTP's ports 25, 465, 587, 2465, 2587 and only 443 elsewhere", () => {
        assert.deepStrictEqual([...resolved("email-smtp").ports].sort((a, b) => a - b), [25, 465, 587, 2465, 2587]);
        assert.deepStrictEqual(resolved("sqs").ports, [443]);
    });

    it("fills the region into every zone of every catalog row (no {region} left, no other region)", () => {
        for (const name of Object.keys(CATALOG).filter(n => !CATALOG[n].refused)) {
            for (const z of resolved(name).zones) {
                assert.ok(!z.name.includes("{") && z.name.includes(R), `${name}: ${z.name}`);
            }
        }
    });

    it("names the endpoint service com.amazonaws.<region>.<service>", () => {
        assert.strictEqual(resolved("ecr.dkr").endpointService, "com.amazonaws.ap-northeast-1.ecr.dkr");
    });
});

describe("service catalog: what cannot be centralized is refused with the reason", () => {
    it("refuses global services (iam, route53) as having no regional zone", () => {
        for (const svc of ["iam", "route53"]) {
            assert.match(resolveService({ name: svc }, R) as string, /global service/);
        }
    });

    it("refuses dynamodb, whose interface endpoint has no private DNS to imitate", () => {
        assert.match(resolveService({ name: "dynamodb" }, R) as string, /no private DNS/);
    });

    it("refuses an unknown service unless it is declared with zones", () => {
        assert.match(resolveService({ name: "madeup" }, R) as string, /unknown service "madeup"/);
        const ok = resolveService({ name: "madeup", zones: [{ name: "madeup.{region}.amazonaws.com", wildcard: false }] }, R);
        assert.strictEqual(typeof ok, "object");
    });

    it("refuses a dotted service without a catalog row, because its zone name cannot be guessed", () => {
        assert.match(resolveService({ name: "foo.bar", ports: [443] }, R) as string, /dotted service "foo.bar"/);
    });

    it("lets an override replace a catalog row's zones and ports", () => {
        const r = resolveService({ name: "ssm", zones: [{ name: "ssm.{region}.api.aws", wildcard: false }], ports: [443, 8443] }, R);
        assert.ok(typeof r === "object");
        assert.deepStrictEqual(r.zones.map(z => z.name), ["ssm.ap-northeast-1.api.aws"]);
        assert.deepStrictEqual(r.ports, [443, 8443]);
    });
});

import * as assert from "assert";
import { CATALOG, catalogPrivateDnsNames, defaultZoneName, nearCatalogNames, resolveService } from "../lib/catalog/lookup";
import type { ResolvedService } from "../lib/catalog/types";
import { catalogLines, renderCatalog } from "../lib/catalog/listing";

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
        ["sagemaker.featurestore-runtime", "featurestore-runtime.sagemaker.ap-northeast-1.amazonaws.com"],
        ["iot.api", "iot.ap-northeast-1.amazonaws.com"],
        ["airflow.api", "api.airflow.ap-northeast-1.amazonaws.com"],
        ["emr-containers", "emr-containers.ap-northeast-1.amazonaws.com"],
        ["s3-global.accesspoint", "*+accesspoint.s3-global.amazonaws.com"],
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

    it("warns for ecs-agent and ecs-telemetry that agents call ecs-a-<n>/ecs-t-<n> names the zones do not hold (verify against PrivateDnsNames)", () => {
        assert.match(resolved("ecs-agent").warning!, /^agents call ecs-a-<n>\.<region>\.amazonaws\.com names \(ECS guide: ecs-a-\*\), which the ecs-a zone does not hold: verify/);
        assert.match(resolved("ecs-telemetry").warning!, /^agents call ecs-t-<n>\.<region>\.amazonaws\.com names/);
        assert.match(CATALOG["ecs-agent"].source, /verify/);
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

    it("fills the region into every zone of every catalog row (no {region} left, no other region; global names excepted)", () => {
        // Global services' names carry no Region; services of one Region only are resolved there.
        const global = new Set(["accesspoint.s3-global.amazonaws.com", "iam.amazonaws.com", "route53.amazonaws.com", "cloudfront.amazonaws.com", "savingsplans.amazonaws.com"]);
        for (const name of Object.keys(CATALOG).filter(n => !CATALOG[n].refused && !CATALOG[n].declareZones)) {
            const region = CATALOG[name].regions?.[0] ?? R;
            const r = resolveService({ name }, region);
            if (typeof r === "string") throw new Error(r);
            for (const z of r.zones) {
                const others = ["us-", "eu-", "ap-"].filter(p => !region.startsWith(p)).map(p => new RegExp(p));
                assert.ok(!z.name.includes("{") && (z.name.includes(region) || global.has(z.name)) && !others.some(o => o.test(z.name)), `${name}: ${z.name}`);
            }
        }
    });

    it("names the endpoint service com.amazonaws.<region>.<service>", () => {
        assert.strictEqual(resolved("ecr.dkr").endpointService, "com.amazonaws.ap-northeast-1.ecr.dkr");
    });

    it("names SageMaker notebook and studio endpoint services aws.sagemaker.<region>.notebook|studio, aliased to their wildcard DNS entry", () => {
        assert.strictEqual(resolved("notebook").endpointService, "aws.sagemaker.ap-northeast-1.notebook");
        assert.strictEqual(resolved("studio").endpointService, "aws.sagemaker.ap-northeast-1.studio");
        assert.strictEqual(resolved("notebook").aliasEntry, "wildcard");
        assert.strictEqual(resolved("notebook").supportsPolicy, true);
        assert.strictEqual(resolved("sagemaker.api").aliasEntry, undefined);
    });

    it("names the global S3 Multi-Region Access Point service without a region: com.amazonaws.s3-global.accesspoint", () => {
        assert.strictEqual(resolved("s3-global.accesspoint").endpointService, "com.amazonaws.s3-global.accesspoint");
    });

    it("gives every catalog row a source, and npm run catalog prints it", () => {
        for (const [name, row] of Object.entries(CATALOG)) assert.ok(row.source.trim().length > 10, name);
        const lines = catalogLines("ap-northeast-1");
        assert.strictEqual(lines.length, Object.keys(CATALOG).length);
        const text = renderCatalog(lines);
        assert.ok(text.includes("notebook  aws.sagemaker.ap-northeast-1.notebook"));
        assert.ok(text.includes(`  source: ${CATALOG.notebook.source}`));
        assert.ok(text.includes("dynamodb  REFUSED: "));
    });
});

describe("npm run catalog (lib/catalog/listing.ts): the table a reviewer checks the names against", () => {
    const pick = (lines: ReturnType<typeof catalogLines>) => lines.filter(l => ["s3", "sqs", "dynamodb", "ecr.dkr"].includes(l.service));

    it("lists every service in name order, one block each: endpoint service, zones (*. = apex and wildcard), ports, policy, note, source", () => {
        const names = catalogLines().map(l => l.service);
        assert.deepStrictEqual(names, [...names].sort());
        assert.deepStrictEqual(names.slice(0, 3), ["access-analyzer", "acm-pca", "airflow.api"]);
        assert.strictEqual(renderCatalog(pick(catalogLines("ap-northeast-1"))), [
            "vpce-hub service catalog: 4 services (zones with *. get an apex and a wildcard record)",
            "",
            `dynamodb  REFUSED: ${CATALOG.dynamodb.refused}`,
            `  source: ${CATALOG.dynamodb.source}`,
            "",
            "ecr.dkr  com.amazonaws.ap-northeast-1.ecr.dkr",
            "  zones:  *.dkr.ecr.ap-northeast-1.amazonaws.com",
            "  ports:  443   endpoint policy: yes",
            "  note:   image layers are served by S3: list `s3` too, or pulls fail half-way",
            `  source: ${CATALOG["ecr.dkr"].source}`,
            "",
            "s3  com.amazonaws.ap-northeast-1.s3",
            "  zones:  *.s3.ap-northeast-1.amazonaws.com, *.s3-control.ap-northeast-1.amazonaws.com, *.s3-accesspoint.ap-northeast-1.amazonaws.com",
            "  ports:  443   endpoint policy: yes",
            `  source: ${CATALOG.s3.source}`,
            "",
            "sqs  com.amazonaws.ap-northeast-1.sqs",
            "  zones:  sqs.ap-northeast-1.amazonaws.com",
            "  ports:  443   endpoint policy: yes",
            `  source: ${CATALOG.sqs.source}`,
            "",
        ].join("\n"));
    });

    it("without a region keeps {region} and lists the zone only one region may declare, marked so (S3's s3.amazonaws.com in us-east-1)", () => {
        const s3 = catalogLines().find(l => l.service === "s3")!;
        assert.strictEqual(s3.endpointService, "com.amazonaws.{region}.s3");
        assert.deepStrictEqual(s3.zones, ["*.s3.{region}.amazonaws.com", "*.s3-control.{region}.amazonaws.com", "*.s3-accesspoint.{region}.amazonaws.com",
            "*.s3.amazonaws.com (us-east-1, only if declared: not served by the endpoint)"]);
        assert.deepStrictEqual(catalogLines("eu-west-1").find(l => l.service === "s3")!.zones.length, 3, "another Region has no such zone");
        assert.deepStrictEqual(catalogLines().find(l => l.service === "dynamodb"), { service: "dynamodb", endpointService: "", zones: [], ports: [], policy: false, source: CATALOG.dynamodb.source, refused: CATALOG.dynamodb.refused });
        assert.strictEqual(catalogLines().find(l => l.service === "sqs")!.warning, undefined);
    });
});

describe("service catalog: what cannot be centralized is refused with the reason", () => {
    it("refuses dynamodb, whose interface endpoint has no private DNS to imitate", () => {
        assert.match(resolveService({ name: "dynamodb" }, R) as string, /no private DNS/);
    });

    it("plans a service the catalog does not know with the default rule (dotted names flipped), marked assumed, with a warning that pulumi up checks it", () => {
        const r = resolveService({ name: "madeupservice" }, R);
        assert.ok(typeof r === "object", String(r));
        assert.deepStrictEqual(r.zones.map(z => z.name), ["madeupservice.ap-northeast-1.amazonaws.com"]);
        assert.strictEqual(r.endpointService, "com.amazonaws.ap-northeast-1.madeupservice");
        assert.strictEqual(r.assumed, true);
        assert.match(r.warning!, /the catalog does not know this service: its zone names \(madeupservice\.ap-northeast-1\.amazonaws\.com\) are assumed from the default rule and will be checked against AWS at pulumi up/);
        const dotted = resolveService({ name: "widget.runtime" }, R);
        assert.ok(typeof dotted === "object");
        assert.deepStrictEqual(dotted.zones.map(z => z.name), ["runtime.widget.ap-northeast-1.amazonaws.com"]);
        // Declared zones are the user's word: not assumed.
        const declared = resolveService({ name: "madeupservice", zones: [{ name: "x.{region}.example.com", wildcard: false }] }, R);
        assert.ok(typeof declared === "object" && !declared.assumed && declared.warning === undefined);
    });

    it("refuses a name one typo from a catalog name with did you mean (secretmanager -> secretsmanager), unless declared with zones", () => {
        assert.strictEqual(resolveService({ name: "secretmanager" }, R),
            "unknown service \"secretmanager\": did you mean `secretsmanager`? To centralize a service the catalog does not know under this name, declare it as { name, zones }");
        assert.match(resolveService({ name: "kinesis-stream" }, R) as string, /did you mean `kinesis-streams`\?/);
        assert.strictEqual(nearCatalogNames("secretsmanager").length, 0, "an exact name is no typo");
        const declared = resolveService({ name: "secretmanager", zones: [{ name: "secretmanager.{region}.amazonaws.com", wildcard: false }] }, R);
        assert.strictEqual(typeof declared, "object");
    });

    it("lets an override replace a catalog row's zones and ports", () => {
        const r = resolveService({ name: "ssm", zones: [{ name: "ssm.{region}.api.aws", wildcard: false }], ports: [443, 8443] }, R);
        assert.ok(typeof r === "object");
        assert.deepStrictEqual(r.zones.map(z => z.name), ["ssm.ap-northeast-1.api.aws"]);
        assert.deepStrictEqual(r.ports, [443, 8443]);
    });
});

describe("service catalog: typos are refused with the names meant, nearest first", () => {
    const TAIL = " To centralize a service the catalog does not know under this name, declare it as { name, zones }";

    it("suggests names one edit away for a name of up to 6 characters, two edits away for a longer one", () => {
        // lamxxa -> lambda is two substitutions: too far for a 6-character name.
        assert.deepStrictEqual(nearCatalogNames("lamxxa"), []);
        assert.strictEqual(typeof resolveService({ name: "lamxxa" }, R), "object", "planned as an unknown service, not refused");
        // secrtsmanagr -> secretsmanager is two insertions: close enough for a 12-character name.
        assert.deepStrictEqual(nearCatalogNames("secrtsmanagr"), ["secretsmanager"]);
        assert.strictEqual(resolveService({ name: "secrtsmanagr" }, R), "unknown service \"secrtsmanagr\": did you mean `secretsmanager`?" + TAIL);
    });

    it("lists the nearest name first and the others after it as also close, in name order", () => {
        // sq: mq (q for s), s3 (3 for q) and sqs (one s added) are each one edit away.
        assert.deepStrictEqual(nearCatalogNames("sq"), ["mq", "s3", "sqs"]);
        assert.strictEqual(resolveService({ name: "sq" }, R), "unknown service \"sq\": did you mean `mq`? (also close: `s3`, `sqs`)" + TAIL);
        // airflow.eps: airflow.ops is one edit away (o for e); airflow.api and airflow.env two.
        assert.deepStrictEqual(nearCatalogNames("airflow.eps"), ["airflow.ops", "airflow.api", "airflow.env"]);
        assert.strictEqual(resolveService({ name: "airflow.eps" }, R),
            "unknown service \"airflow.eps\": did you mean `airflow.ops`? (also close: `airflow.api`, `airflow.env`)" + TAIL);
    });

    it("never takes a service with its own endpointService (a PrivateLink service of a partner) for a typo", () => {
        const endpointService = "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0";
        const r = resolveService({ name: "sqz", endpointService }, R);
        assert.ok(typeof r === "object", String(r));
        assert.strictEqual(r.endpointService, endpointService);
    });
});

describe("service catalog: endpoint policies where the service takes none", () => {
    it("refuses a policy or policyStatements for SES SMTP (email-smtp takes no endpoint policy), naming the key to remove", () => {
        assert.strictEqual(resolveService({ name: "email-smtp", policy: "{\"Version\":\"2012-10-17\",\"Statement\":[]}" }, R),
            "email-smtp does not accept VPC endpoint policies: remove `policy`");
        assert.strictEqual(resolveService({ name: "email-smtp", policyStatements: { AllowRequestsByOrgsIdentities: false } }, R),
            "email-smtp does not accept VPC endpoint policies: remove `policyStatements`");
        const sqs = resolveService({ name: "sqs", policyStatements: { AllowRequestsByOrgsIdentities: false } }, R);
        assert.ok(typeof sqs === "object" && sqs.supportsPolicy, String(sqs));
    });
});

describe("service catalog: the names an endpoint answers for itself with private DNS on", () => {
    it("are the catalog row's zones for AWS's own endpoint service, named or not, and none for a custom endpoint service", () => {
        const sqs = [{ name: "sqs.ap-northeast-1.amazonaws.com", wildcard: false }];
        assert.deepStrictEqual(catalogPrivateDnsNames("sqs", R), sqs);
        assert.deepStrictEqual(catalogPrivateDnsNames("sqs", R, "com.amazonaws.ap-northeast-1.sqs"), sqs);
        assert.deepStrictEqual(catalogPrivateDnsNames("sqs", R, "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0"), []);
        const r = resolveService({ name: "sqs", endpointService: "com.amazonaws.vpce.ap-northeast-1.vpce-svc-0123456789abcdef0" }, R);
        assert.ok(typeof r === "object");
        assert.deepStrictEqual(r.privateDnsNames, []);
    });
});

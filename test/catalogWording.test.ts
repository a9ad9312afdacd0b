// Dual-stack wording (issue 23): what the offline plan takes from the catalog says so; only what
// AWS answers at pulumi up is called AWS's. The simulated cloud marks the answers it takes from
// the catalog, and the hub's verdict on each service words them by their source.
import * as assert from "assert";
import * as path from "path";
import { EndpointServiceFacts, checkEndpointService } from "../lib/aws/endpointService";
import { resolveService } from "../lib/catalog/lookup";
import type { ResolvedService } from "../lib/catalog/types";
import { Io, runPlan } from "../plan/cli";
import { ROOT } from "./helpers";

const R = "ap-northeast-1";
const SUBNETS = [{ id: "subnet-a", availabilityZone: `${R}a` }, { id: "subnet-c", availabilityZone: `${R}c` }];
const sqs = resolveService({ name: "sqs" }, R) as ResolvedService;
const facts = (extra: Partial<EndpointServiceFacts>): EndpointServiceFacts => ({
    serviceName: `com.amazonaws.${R}.sqs`, privateDnsNames: [`sqs.${R}.amazonaws.com`], vpcEndpointPolicySupported: true,
    availabilityZones: [`${R}a`, `${R}c`], supportedIpAddressTypes: ["ipv4"], ...extra,
});

describe("dual-stack wording: the catalog's offline knowledge is not presented as AWS's", function () {
    this.timeout(30000);

    it("an IPv4-only answer from the catalog says the catalog knows no IPv6 support and that AWS decides at pulumi up; AWS's own answer names AWS", () => {
        const offline = checkEndpointService(sqs, facts({ answeredBy: "catalog" }), SUBNETS, R, "dualstack");
        assert.deepStrictEqual(offline.warnings, [`sqs: the catalog knows no IPv6 support for com.amazonaws.${R}.sqs in ${R}: this plan keeps its endpoint IPv4, ` +
            "with no AAAA records (offline knowledge; AWS's SupportedIpAddressTypes decide at pulumi up)"]);
        const aws = checkEndpointService(sqs, facts({}), SUBNETS, R, "dualstack");
        assert.deepStrictEqual(aws.warnings, [`sqs: com.amazonaws.${R}.sqs accepts only ipv4 in ${R} (AWS SupportedIpAddressTypes): its endpoint stays IPv4, with no AAAA records`]);
    });

    it("names a zone does not cover, and zones that would never answer, are the catalog's offline when it answered", () => {
        const extra = facts({ answeredBy: "catalog", privateDnsNames: [`sqs.${R}.amazonaws.com`, `sqs.${R}.api.aws`] });
        assert.match(checkEndpointService(sqs, extra, SUBNETS, R).warnings[0], /^sqs: the catalog \(offline; AWS answers at pulumi up\): it also serves sqs\.ap-northeast-1\.api\.aws through this endpoint/);
        const never = checkEndpointService({ ...sqs, zones: [{ name: `queue.${R}.amazonaws.com`, wildcard: false }] }, facts({ answeredBy: "catalog" }), SUBNETS, R);
        assert.match(never.errors[0].message, /\(the catalog's offline knowledge; AWS's PrivateDnsNames decide at pulumi up\)/);
    });

    it("the dual-stack example's plan: no warning calls the catalog's knowledge AWS SupportedIpAddressTypes", async () => {
        let out = "";
        const io: Io = { out: t => { out += t; }, err: () => undefined, isTty: false };
        assert.strictEqual(await runPlan(["--stacks-dir", path.join(ROOT, "examples", "dual-stack"), "--no-color"], io, ROOT), 0);
        const text = out.replace(/\n {6,}/g, " ");
        assert.doesNotMatch(text, /\(AWS SupportedIpAddressTypes\)/);
        assert.match(text, /warning \[aws:ssmmessages\] shared: ssmmessages: the catalog knows no IPv6 support for com\.amazonaws\.ap-northeast-1\.ssmmessages in ap-northeast-1: this plan keeps its endpoint IPv4/);
    });
});

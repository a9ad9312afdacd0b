// lib/aws/records.ts: how a name is looked up in the AWS-owned zone of endpoint names, which
// decides whether Route 53 accepts an alias (its target must exist) and what the path checks
// resolve. Expected answers are RFC 4592's wildcard rules applied by hand.
import * as assert from "assert";
import { lookupRecord } from "../lib/aws/records";

describe("DNS record lookup with wildcards (lib/aws/records.ts, RFC 4592)", () => {
    const records = new Map<string, readonly string[]>([
        ["vpce-1.s3.ap-northeast-1.vpce.amazonaws.com", ["10.0.0.5"]],
        ["*.vpce-1.s3.ap-northeast-1.vpce.amazonaws.com", ["10.0.0.6"]],
        ["*.example.com", ["192.0.2.1"]],
        ["sub.example.com", ["192.0.2.2"]],
    ]);

    it("answers the exact name from its own record", () => {
        assert.deepStrictEqual(lookupRecord(records, "vpce-1.s3.ap-northeast-1.vpce.amazonaws.com"), { record: "vpce-1.s3.ap-northeast-1.vpce.amazonaws.com", ips: ["10.0.0.5"] });
    });

    it("answers a name under a wildcard from the wildcard, at any depth below it", () => {
        assert.deepStrictEqual(lookupRecord(records, "bucket.vpce-1.s3.ap-northeast-1.vpce.amazonaws.com"), { record: "*.vpce-1.s3.ap-northeast-1.vpce.amazonaws.com", ips: ["10.0.0.6"] });
        assert.deepStrictEqual(lookupRecord(records, "a.b.vpce-1.s3.ap-northeast-1.vpce.amazonaws.com")?.record, "*.vpce-1.s3.ap-northeast-1.vpce.amazonaws.com");
        assert.deepStrictEqual(lookupRecord({ "*.example.org": ["192.0.2.9"] }, "www.example.org"), { record: "*.example.org", ips: ["192.0.2.9"] }, "a plain object of records too");
    });

    it("a wildcard never answers the name it sits under, nor a name whose closer encloser exists", () => {
        assert.strictEqual(lookupRecord(records, "s3.ap-northeast-1.vpce.amazonaws.com"), undefined);
        assert.strictEqual(lookupRecord(records, "example.com"), undefined, "*.example.com does not answer example.com");
        assert.strictEqual(lookupRecord(records, "x.sub.example.com"), undefined, "sub.example.com exists: *.example.com does not answer below it");
        assert.deepStrictEqual(lookupRecord(records, "other.example.com")?.ips, ["192.0.2.1"]);
    });

    it("a wildcard name (as an alias target may be) matches only a record of that exact name", () => {
        assert.deepStrictEqual(lookupRecord(records, "*.vpce-1.s3.ap-northeast-1.vpce.amazonaws.com")?.ips, ["10.0.0.6"]);
        assert.strictEqual(lookupRecord(records, "*.x.example.com"), undefined, "not answered by *.example.com");
    });

    it("a name nothing answers is undefined", () => {
        assert.strictEqual(lookupRecord(records, "unrelated.test"), undefined);
        assert.strictEqual(lookupRecord(new Map(), "a"), undefined);
    });
});

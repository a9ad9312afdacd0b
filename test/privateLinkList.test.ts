// Every endpoint service name the catalog would ask AWS for, checked against AWS's own list of
// services that integrate with PrivateLink (data/privatelink-services.txt, a dated copy with its
// source): a name AWS does not list fails `pulumi up` with InvalidServiceName, after the plan said
// all was well. A name missing from the copy for a known reason is listed here with that reason.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CATALOG, catalogEndpointService } from "../lib/catalog/lookup";
import { ROOT } from "./helpers";

const LIST_FILE = path.join(ROOT, "data", "privatelink-services.txt");

/** The list's names (`<region>` standing for any Region), without comments. */
function listedNames(): Set<string> {
    return new Set(fs.readFileSync(LIST_FILE, "utf8").split("\n")
        .map(l => l.replace(/#.*$/, "").trim()).filter(Boolean));
}

/** Catalog rows whose endpoint service is not in the copy, each with why it stays. */
const NOT_IN_COPY: Record<string, string> = {
    "cognito-idp": "Cognito developer guide, \"Access Amazon Cognito using an interface endpoint (AWS PrivateLink)\" (user pools); the transcribed table misses Cognito",
    "cognito-identity": "Cognito developer guide, same page (identity pools through the interface endpoint); the transcribed table misses Cognito",
    es: "verify: the list gives OpenSearch Service as service-managed endpoints only; whether com.amazonaws.<region>.es still serves the configuration API is settled at pulumi up (InvalidServiceName)",
};

describe("endpoint service names against AWS's PrivateLink list (data/privatelink-services.txt)", () => {
    it("the dated copy says where it comes from, when it was read and how it was made", () => {
        const head = fs.readFileSync(LIST_FILE, "utf8").split("\n").filter(l => l.startsWith("#")).join("\n");
        assert.match(head, /Source: AWS PrivateLink Guide, "AWS services that integrate with AWS PrivateLink"/);
        assert.match(head, /https:\/\/docs\.aws\.amazon\.com\/vpc\/latest\/privatelink\/aws-services-privatelink-support\.html/);
        assert.match(head, /Date: read and transcribed \d{4}-\d{2}-\d{2}/);
        assert.match(head, /How it was made: /);
        assert.ok(listedNames().size > 400, "the whole table, not an excerpt");
    });

    it("every catalog row's endpoint service name (filled for a Region) is in AWS's PrivateLink list, or listed here with the reason", () => {
        const listed = listedNames();
        const missing: string[] = [];
        for (const [service, row] of Object.entries(CATALOG)) {
            if (row.refused) continue;
            const region = row.regions?.[0] ?? "eu-central-1";
            const name = catalogEndpointService(service, region).split(region).join("<region>");
            if (!listed.has(name) && !(service in NOT_IN_COPY)) missing.push(`${service}: ${name}`);
        }
        assert.deepStrictEqual(missing, [], "endpoint service names AWS does not list");
    });

    it("keeps no reason for a row that is in the list or no longer in the catalog (the exceptions stay true)", () => {
        const listed = listedNames();
        for (const service of Object.keys(NOT_IN_COPY)) {
            assert.ok(service in CATALOG, `${service} is no catalog row any more: drop its reason`);
            assert.ok(!listed.has(catalogEndpointService(service, "<region>")), `${service} is in the list now: drop its reason`);
        }
    });

    it("rows AWS no longer lists are gone, and names without a Region are written without one (qldb.session, savingsplans)", () => {
        assert.ok(!("qldb.session" in CATALOG));
        assert.ok(!listedNames().has("com.amazonaws.<region>.qldb.session"));
        assert.strictEqual(catalogEndpointService("savingsplans", "us-east-1"), "com.amazonaws.savingsplans");
        assert.ok(listedNames().has("com.amazonaws.savingsplans"));
    });
});

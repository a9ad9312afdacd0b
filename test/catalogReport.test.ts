// npm run catalog's text (lib/catalog/listing.ts) for catalog rows the shipped catalog does not
// have (yet): several ports, no endpoint policy, a region-only zone without a wildcard.
// (The temporary row takes its zones by the default rule, <service>.{region}.amazonaws.com.)
// The shipped catalog's own table is asserted in test/catalog.test.ts.
import * as assert from "assert";
import { CATALOG } from "../lib/catalog/lookup";
import type { CatalogEntry } from "../lib/catalog/types";
import { catalogLines, renderCatalog } from "../lib/catalog/listing";

describe("npm run catalog for rows unlike the shipped ones", () => {
    it("a service with several ports and no endpoint policy lists every port and says 'endpoint policy: no'", () => {
        assert.strictEqual(renderCatalog([{ service: "x", endpointService: "com.amazonaws.{region}.x", zones: ["x.{region}.amazonaws.com"], ports: [443, 8443], policy: false, source: "docs" }]), [
            "vpce-hub service catalog: 1 services (zones with *. get an apex and a wildcard record)",
            "",
            "x  com.amazonaws.{region}.x",
            "  zones:  x.{region}.amazonaws.com",
            "  ports:  443, 8443   endpoint policy: no",
            "  source: docs",
            "",
        ].join("\n"));
    });

    it("a zone only one region has, without a wildcard, is listed by its name alone, marked with its region", () => {
        const rows = CATALOG as Record<string, CatalogEntry>;
        rows["zz-test-legacy"] = { ...rows.sqs, regionZones: { "eu-west-1": [{ name: "legacy.amazonaws.com", wildcard: false }] } } as CatalogEntry;
        try {
            assert.deepStrictEqual(catalogLines().find(l => l.service === "zz-test-legacy")!.zones, ["zz-test-legacy.{region}.amazonaws.com", "legacy.amazonaws.com (eu-west-1 only)"]);
        } finally {
            delete rows["zz-test-legacy"];
        }
        assert.ok(!catalogLines().some(l => l.service === "zz-test-legacy"), "the catalog is as shipped again");
    });
});

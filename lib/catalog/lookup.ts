// The service catalog: which private hosted zones, records and ports each interface
// endpoint service needs. Data, not code: each row comes from the project's AWS notes and
// the AWS PrivateLink documentation ("AWS services that integrate with AWS PrivateLink"; the
// names a region really serves: `aws ec2 describe-vpc-endpoint-services`, PrivateDnsNames).
// A wrong zone name fails silently (clients get the public answer), so every row that
// differs from the default rule is written out here and tested.

import { CATALOG_ROWS } from "./rows";
import { editDistance } from "../didYouMean";
import type { CatalogEntry, ResolvedService, ServiceOverride } from "./types";

/** The catalog's rows (lib/catalog/rows.ts), keyed by the service part of the endpoint service name. */
export const CATALOG: Readonly<Record<string, CatalogEntry>> = CATALOG_ROWS;

/** The default naming rule: `svc` -> svc.{region}.amazonaws.com, `a.b` -> b.a.{region}.amazonaws.com. */
export function defaultZoneName(service: string): string {
    const parts = service.split(".");
    return [...parts.reverse(), "{region}", "amazonaws", "com"].join(".");
}

export function isKnownService(service: string): boolean {
    return Object.prototype.hasOwnProperty.call(CATALOG, service);
}

export function fillRegion(template: string, region: string): string {
    return template.split("{region}").join(region);
}

/** Catalog names one or two edits away from `name` (a typo such as secretmanager). */
export function nearCatalogNames(name: string): string[] {
    const limit = name.length <= 6 ? 1 : 2;
    return Object.keys(CATALOG)
        .map(k => ({ k, d: editDistance(name, k) }))
        .filter(x => x.d > 0 && x.d <= limit)
        .sort((a, b) => a.d - b.d || (a.k < b.k ? -1 : 1))
        .map(x => x.k);
}

/**
 * Resolves one configured service. Throws nothing: returns an error sentence instead,
 * so config validation can collect every problem.
 *
 * A service the catalog does not know is planned with the default naming rule and marked
 * `assumed` (the plan warns; `pulumi up` checks the names against AWS), unless its name is a
 * typo of a catalog name: then it is refused with the name meant, because a wrong name would
 * create an endpoint AWS refuses, or a zone nobody calls.
 */
export function resolveService(spec: ServiceOverride, region: string): ResolvedService | string {
    const entry = isKnownService(spec.name) ? CATALOG[spec.name] : undefined;
    if (entry?.refused) return `${spec.name} ${entry.refused}`;
    if (!entry && spec.zones === undefined && spec.endpointService === undefined) {
        const near = nearCatalogNames(spec.name);
        if (near.length) {
            return `unknown service "${spec.name}": did you mean \`${near[0]}\`?` +
                (near.length > 1 ? ` (also close: ${near.slice(1, 4).map(n => `\`${n}\``).join(", ")})` : "") +
                ` To centralize a service the catalog does not know under this name, declare it as { name, zones }`;
        }
    }
    if ((spec.policy !== undefined || spec.policyStatements !== undefined) && entry?.policy === false) {
        return `${spec.name} does not accept VPC endpoint policies: remove \`${spec.policy !== undefined ? "policy" : "policyStatements"}\``;
    }
    const templates = spec.zones ?? [...(entry?.zones ?? [{ name: defaultZoneName(spec.name), wildcard: false }]), ...(entry?.regionZones?.[region] ?? [])];
    const zones = templates.map(z => ({ ...z, name: fillRegion(z.name, region) }));
    const assumed = !entry && spec.zones === undefined;
    return {
        name: spec.name,
        endpointService: spec.endpointService ?? fillRegion(entry?.endpointService ?? `com.amazonaws.{region}.${spec.name}`, region),
        ...(entry?.aliasEntry ? { aliasEntry: entry.aliasEntry } : {}),
        zones,
        ports: spec.ports ?? entry?.ports ?? [443],
        supportsPolicy: entry?.policy ?? true,
        policy: spec.policy,
        ...(spec.policyStatements ? { policyStatements: spec.policyStatements } : {}),
        ...(assumed ? { assumed: true } : {}),
        warning: assumed
            ? `the catalog does not know this service: its zone names (${zones.map(z => z.name).join(", ")}) are assumed from the default rule and will be checked against AWS at pulumi up; declare \`zones\` if AWS serves other names`
            : entry?.warning,
        privateDnsNames: catalogPrivateDnsNames(spec.name, region, spec.endpointService),
    };
}

/**
 * The private DNS names of a service's endpoint as the catalog knows them: the row's zones
 * (or the default rule's), none for services it does not list, a custom endpoint service, or a
 * row marked privateDns: false.
 */
export function catalogPrivateDnsNames(service: string, region: string, endpointService?: string): { name: string; wildcard: boolean }[] {
    const entry = isKnownService(service) ? CATALOG[service] : undefined;
    if (!entry || entry.refused || entry.privateDns === false) return [];
    if (endpointService !== undefined && endpointService !== `com.amazonaws.${region}.${service}`) return [];
    const templates = entry.zones ?? [{ name: defaultZoneName(service), wildcard: false }];
    return templates.map(z => ({ name: fillRegion(z.name, region), wildcard: z.wildcard }));
}

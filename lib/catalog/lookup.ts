// The service catalog: which private hosted zones, records and ports each interface
// endpoint service needs. Data, not code: each row comes from the project's AWS notes and
// the AWS PrivateLink documentation ("AWS services that integrate with AWS PrivateLink"; the
// names a region really serves: `aws ec2 describe-vpc-endpoint-services`, PrivateDnsNames).
// A wrong zone name fails silently (clients get the public answer), so every row that
// differs from the default rule is written out here and tested.

import { CATALOG_ROWS } from "./rows";
import { ALIASES } from "./aliases";
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
 * What a name the catalog does not know was meant to be, when users write it so: another case
 * (`SNS`), an SDK package or console name (`cloudwatch-logs`, `eventbridge`: lib/catalog/aliases.ts).
 * Undefined for a name with no such meaning.
 */
export function meantService(name: string): string | undefined {
    const lower = name.toLowerCase();
    if (isKnownService(name)) return undefined;
    const alias = Object.prototype.hasOwnProperty.call(ALIASES, lower) ? ALIASES[lower] : undefined;
    const meant = isKnownService(lower) ? [lower] : alias?.meant;
    if (!meant) return undefined;
    const names = meant.map(m => `\`${m}\``);
    const list = names.length > 1 ? `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}` : names[0];
    const why = isKnownService(lower) ? "service names are lower case" : `"${name}" is not an endpoint service name`;
    return `unknown service "${name}": ${why}: did you mean ${list}?${alias ? ` (${alias.note})` : ""}`;
}

/** The endpoint service name of a catalog row (or of a name the catalog does not know) for a region. */
export function catalogEndpointService(service: string, region: string): string {
    const entry = isKnownService(service) ? CATALOG[service] : undefined;
    return fillRegion(entry?.endpointService ?? `com.amazonaws.{region}.${service}`, region);
}

/**
 * Why a service AWS offers only in some Regions cannot be planned in `region`, and what reaches
 * it from there; undefined where the row has no such limit or the region is one of them.
 */
function regionRefusal(name: string, entry: CatalogEntry, region: string): string | undefined {
    if (!entry.regions || entry.regions.includes(region) || region === "{region}") return undefined;
    const home = entry.regions[0];
    const reach = entry.crossRegion
        ? `From ${region}, a cross-Region interface endpoint reaches it (AWS lists it among cross-Region enabled services: service Region ${home}, ` +
          "regional DNS only, `vpce:AllowMultiRegion` permission), which vpce-hub does not create; or a hub in " +
          `${home} reached over Transit Gateway peering (vpce-hub plans spokes in the hub's Region only)`
        : `AWS offers no cross-Region endpoint for it: only a hub in ${home} reached over Transit Gateway peering does ` +
          "(vpce-hub plans spokes in the hub's Region only)";
    return `${name} has its interface endpoint only in ${entry.regions.join(", ")} (${catalogEndpointService(name, home)}): a hub in ${region} cannot centralize it. ` +
        `${reach}. Remove it from this hub's list, or centralize it in a ${home} hub`;
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
    // A name users write for a catalog service (cloudwatch-logs for logs): its endpoint service
    // would not exist, whatever zones are declared with it; only its own endpointService saves it.
    const meant = !entry && spec.endpointService === undefined ? meantService(spec.name) : undefined;
    if (meant) return meant;
    const elsewhere = entry && spec.endpointService === undefined ? regionRefusal(spec.name, entry, region) : undefined;
    if (elsewhere) return elsewhere;
    if (entry?.declareZones && spec.zones === undefined) {
        return `${spec.name} has no zone names the catalog could know: declare them as \`zones\` ({ name: ${spec.name}, zones: [<name>] }): ` +
            fillRegion(entry.declareZones, region);
    }
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
    // A zone AWS does not serve through this endpoint, declared knowingly: said in the plan.
    const unlisted = (entry?.unlistedZones?.[region] ?? []).filter(u => zones.some(z => z.name === fillRegion(u.zone.name, region)));
    const warnings = [entry?.warning, ...unlisted.map(u => u.warning)].filter((w): w is string => w !== undefined).map(w => fillRegion(w, region));
    return {
        name: spec.name,
        endpointService: spec.endpointService ?? catalogEndpointService(spec.name, region),
        ...(entry?.aliasEntry ? { aliasEntry: entry.aliasEntry } : {}),
        zones,
        ports: spec.ports ?? entry?.ports ?? [443],
        supportsPolicy: entry?.policy ?? true,
        policy: spec.policy,
        ...(spec.policyStatements ? { policyStatements: spec.policyStatements } : {}),
        ...(assumed ? { assumed: true } : {}),
        ...(entry?.privateDns === false ? { privateDns: false as const } : {}),
        ...(unlisted.length ? { unlistedZones: unlisted.map(u => fillRegion(u.zone.name, region)) } : {}),
        warning: assumed
            ? `the catalog does not know this service: its zone names (${zones.map(z => z.name).join(", ")}) are assumed from the default rule and will be checked against AWS at pulumi up; declare \`zones\` if AWS serves other names`
            : warnings.length ? warnings.join("; also, ") : undefined,
        ...(entry?.warningUnless && !unlisted.length ? { warningUnless: entry.warningUnless } : {}),
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
    if (endpointService !== undefined && endpointService !== catalogEndpointService(service, region)) return [];
    const templates = entry.zones ?? [{ name: defaultZoneName(service), wildcard: false }];
    return templates.map(z => ({ name: fillRegion(z.name, region), wildcard: z.wildcard }));
}

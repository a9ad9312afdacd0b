// The service catalog: which private hosted zones, records and ports each interface
// endpoint service needs. Data, not code: each row comes from the project's AWS notes and
// the AWS PrivateLink documentation ("AWS services that integrate with AWS PrivateLink"; the
// names a region really serves: `aws ec2 describe-vpc-endpoint-services`, PrivateDnsNames).
// A wrong zone name fails silently (clients get the public answer), so every row that
// differs from the default rule is written out here and tested.

import { CATALOG_ROWS } from "./rows";
import { editDistance } from "../didYouMean";
import type { StatementOverride } from "../aws/endpointPolicies";

/** One private hosted zone a service needs. `{region}` is replaced by the stack's region. */
export interface ZoneTemplate {
    /** Zone name, e.g. "s3.{region}.amazonaws.com". */
    readonly name: string;
    /** Whether clients put a prefix on the name (bucket.s3..., <account>.dkr.ecr...): then `*.zone` is needed too. */
    readonly wildcard: boolean;
    /** A realistic prefix for the path checks of the wildcard record (a bucket name, an account id). */
    readonly examplePrefix?: string;
}

export interface CatalogEntry {
    /** Zones this service's endpoint answers for. Omitted: the default rule (svc.{region}.amazonaws.com, dotted names flipped). */
    readonly zones?: readonly ZoneTemplate[];
    /** Zones only some regions serve, added there (us-east-1: S3's legacy s3.amazonaws.com). */
    readonly regionZones?: Readonly<Record<string, readonly ZoneTemplate[]>>;
    /** The endpoint service name, `{region}` filled in. Omitted: com.amazonaws.{region}.<key>. */
    readonly endpointService?: string;
    /**
     * Which of the endpoint's DNS entries the alias records target: the first (the regional
     * name, verbatim; the default), or the first wildcard entry (`*.vpce-...`, SageMaker notebook and studio).
     */
    readonly aliasEntry?: AliasEntry;
    /** TCP ports clients use. Omitted: [443]. */
    readonly ports?: readonly number[];
    /**
     * False where the service does not accept a VPC endpoint policy. Omitted: true. At pulumi up
     * AWS's VpcEndpointPolicySupported decides (stacks/endpointServices.ts).
     */
    readonly policy?: boolean;
    /** Why the service cannot be centralized: global services and gateway-only services. */
    readonly refused?: string;
    /** Shown in the plan: a caveat users should know. */
    readonly warning?: string;
    /** Where the row comes from: AWS documentation, AWS-maintained code, or "verify". */
    readonly source: string;
    /**
     * False where the service's interface endpoint offers no private DNS names, so that
     * `vpce-hub:dns.records: endpoint` keeps the hub's zones for it. Omitted: true, with the
     * endpoint's private DNS names being the row's zone names (verify per region with
     * `aws ec2 describe-vpc-endpoint-services`, PrivateDnsNames).
     */
    readonly privateDns?: boolean;
}

export type AliasEntry = "first" | "wildcard";

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

/** A service as the hub builds it: concrete zone names for one region. */
export interface ResolvedService {
    readonly name: string;
    /** `com.amazonaws.<region>.<name>` unless the catalog or the user says otherwise. */
    readonly endpointService: string;
    /** Which DNS entry of the endpoint the alias records target (default: the first). */
    readonly aliasEntry?: AliasEntry;
    /** True when the catalog does not know the service and its zones come from the default rule, unchecked until pulumi up. */
    readonly assumed?: boolean;
    /** `ifServed`: a dual-stack zone (lib/aws/dualStack.ts), created only where AWS lists the name at deploy time. */
    readonly zones: readonly { readonly name: string; readonly wildcard: boolean; readonly examplePrefix?: string; readonly ifServed?: boolean }[];
    readonly ports: readonly number[];
    /** Whether the endpoint accepts a policy. */
    readonly supportsPolicy: boolean;
    /** A user-supplied endpoint policy (JSON text), overriding the organization default. */
    readonly policy?: string;
    /** Changes to the organization policy's statements by Sid (lib/aws/endpointPolicies.ts): false drops one, an object replaces or adds it. */
    readonly policyStatements?: Readonly<Record<string, StatementOverride>>;
    readonly warning?: string;
    /**
     * Names the endpoint answers for itself when private DNS is on (apex, and `*.name` where
     * wildcard), from the catalog row; empty where the catalog knows of none (a service it does
     * not list, a custom endpointService, or a row with privateDns: false).
     */
    readonly privateDnsNames?: readonly { readonly name: string; readonly wildcard: boolean }[];
}

/** What a user may override for one service (`{ name, zones?, ports?, policy? }` in config). */
export interface ServiceOverride {
    readonly name: string;
    readonly zones?: readonly ZoneTemplate[];
    readonly ports?: readonly number[];
    readonly policy?: string;
    readonly policyStatements?: Readonly<Record<string, StatementOverride>>;
    readonly endpointService?: string;
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

// The shapes of the service catalog: a row (which zones, records, ports and endpoint service a
// service needs), a service as a user names it in config, and a service as the hub builds it for
// one region. Types only: the rows are lib/catalog/rows.ts, the lookup lib/catalog/lookup.ts.

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
    /** Zones only some regions serve, added there. */
    readonly regionZones?: Readonly<Record<string, readonly ZoneTemplate[]>>;
    /**
     * Zones AWS does not serve through this endpoint (they are not among its private DNS names),
     * by region, that a user may still declare in `zones`: never planned by default; declared,
     * the plan shows `warning` and the deploy-time check does not take the zone for a mistake.
     * (us-east-1 S3's legacy global s3.amazonaws.com.)
     */
    readonly unlistedZones?: Readonly<Record<string, readonly { readonly zone: ZoneTemplate; readonly warning: string }[]>>;
    /**
     * The zone names are the account's own (AWS IoT's data and credential endpoints: `<prefix>-ats.iot...`),
     * which the catalog cannot know: the service is refused unless `zones` declares them. The text
     * says where the user finds the names.
     */
    readonly declareZones?: string;
    /**
     * The only Regions where AWS offers the endpoint service (global services: their control
     * plane's Region). Omitted: every Region. Elsewhere the service is refused with what reaches it.
     */
    readonly regions?: readonly string[];
    /** AWS lists the service among "Cross-region enabled AWS services" (PrivateLink guide). */
    readonly crossRegion?: boolean;
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
    /** Why the service cannot be centralized (gateway-only services, no private DNS to imitate, ...). */
    readonly refused?: string;
    /** Shown in the plan: a caveat users should know. */
    readonly warning?: string;
    /** The warning is left out when the hub centralizes all of these services too (ecr.dkr's is moot with s3). */
    readonly warningUnless?: readonly string[];
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

/** A user's change to one statement: `false` drops it, an object replaces (or adds) it under that Sid. */
export type StatementOverride = false | Record<string, unknown>;

/** A service as the hub builds it: concrete zone names for one region. */
export interface ResolvedService {
    readonly name: string;
    /** `com.amazonaws.<region>.<name>` unless the catalog or the user says otherwise. */
    readonly endpointService: string;
    /** Which DNS entry of the endpoint the alias records target (default: the first). */
    readonly aliasEntry?: AliasEntry;
    /** True when the catalog does not know the service and its zones come from the default rule, unchecked until pulumi up. */
    readonly assumed?: boolean;
    /**
     * False where the endpoint has no private DNS names (AWS IoT data and credentials): its zones
     * are the user's, made by hand as the service's guide prescribes, and not compared with
     * AWS's PrivateDnsNames at deploy time.
     */
    readonly privateDns?: false;
    /** Zones AWS does not list as the endpoint's names that the user declared knowingly (CatalogEntry.unlistedZones). */
    readonly unlistedZones?: readonly string[];
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
    /** Services whose presence in the same hub makes `warning` moot (all of them). */
    readonly warningUnless?: readonly string[];
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

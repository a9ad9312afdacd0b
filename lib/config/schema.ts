// The keys of a stack's configuration, described once. The validator (lib/config/index.ts and the readers it re-exports) takes
// its known-key lists from here (unknown keys and typos are reported against them), and
// `npm run schema` turns the same description into schema/stack-config.schema.json, the JSON
// Schema editors use to complete and check Pulumi.<stack>.yaml. Adding a config key means
// adding it here; test/configSchema.test.ts fails when the validator and the schema disagree.
// Pure data plus a generator: no Pulumi import, and no import of the validator (lib/config/model.ts and lib/config/stack.ts import us).

/** What a value may be, in the validator's terms. `description` becomes the editor's hover text. */
export type KeySpec =
    | { readonly type: "string"; readonly description?: string; readonly pattern?: string; readonly enum?: readonly string[] }
    /** A whole number; like the validator, also as a string of digits (Pulumi passes top-level scalars as text). */
    | { readonly type: "integer"; readonly description?: string; readonly minimum: number; readonly maximum: number; readonly default?: number }
    /** A number >= 0, or its text. */
    | { readonly type: "number"; readonly description?: string }
    /** true or false, or their text. */
    | { readonly type: "boolean"; readonly description?: string; readonly default?: boolean }
    | ObjectSpec
    | {
        readonly type: "list"; readonly description?: string; readonly items: KeySpec;
        readonly minItems?: number; readonly maxItems?: number; readonly unique?: boolean;
    }
    /** One of several shapes, e.g. a service name or a service override object. */
    | { readonly type: "oneOf"; readonly description?: string; readonly of: readonly KeySpec[] }
    /** Any JSON value the validator checks itself (an IAM policy document, as an object or text). */
    | { readonly type: "json"; readonly description?: string };

export interface ObjectSpec {
    readonly type: "object";
    readonly description?: string;
    /** Known keys, in the order the validator lists them in its "known keys" hint. */
    readonly keys: Readonly<Record<string, KeySpec>>;
    readonly required?: readonly string[];
    /** Constraints between keys, as a JSON Schema fragment (the validator checks them in code). */
    readonly schema?: Readonly<Record<string, unknown>>;
}

// Patterns the validator applies (lib/config/index.ts keeps the same rules as RegExps).
const ACCOUNT = "^\\d{12}$";
const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const IPV4 = `${OCTET}(\\.${OCTET}){3}`;
const CIDR4 = `^${IPV4}/(3[0-2]|[12]?\\d)$`;
const resourceId = (prefix: string) => `^${prefix}-[0-9a-zA-Z]+$`;
/** Loose on purpose: lib/net/ipv6.ts checks the address; the schema only rules out what is clearly not one. */
const IPV6_CIDR = "^[0-9a-fA-F:]+/\\d{1,3}$";

const str = (description: string, pattern?: string): KeySpec => ({ type: "string", description, pattern });
const cidr = (description: string): KeySpec => ({ type: "string", description, pattern: CIDR4 });
const list = (items: KeySpec, description: string, minItems = 0, extra: { maxItems?: number; unique?: boolean } = {}): KeySpec =>
    ({ type: "list", items, description, minItems, ...extra });
const int = (description: string, minimum: number, maximum: number, def?: number): KeySpec =>
    ({ type: "integer", description, minimum, maximum, default: def });
const num = (description: string): KeySpec => ({ type: "number", description });

const accountId = (description: string): KeySpec => ({ type: "string", description: `${description} (12 digits, in quotes)`, pattern: ACCOUNT });

function existingVpcKeys(side: "hub" | "spoke"): Record<string, KeySpec> {
    return {
        id: str("The existing VPC's id (vpc-...).", resourceId("vpc")),
        cidr: cidr("The VPC's primary IPv4 CIDR."),
        subnetIds: list(str("A subnet id (subnet-...).", resourceId("subnet")),
            side === "hub" ? "Subnets for the endpoints and the Resolver, in at least 2 AZs." : "Subnets for a Transit Gateway attachment, in at least 2 AZs.",
            2, { unique: true }),
        routeTableIds: list(str("A route table id (rtb-...).", resourceId("rtb")),
            side === "hub" ? "Route tables that get routes to the spokes and on-prem." : "Route tables that get the route to the hub.",
            1, { unique: true }),
        ipv6Cidr: str(side === "hub"
            ? "The VPC's IPv6 block; required with ipAddressType dualstack (its subnets must have IPv6 too)."
            : "The VPC's IPv6 block: the spoke then routes the hub's IPv6 block when the hub is dual-stack.", IPV6_CIDR),
    };
}

const HUB_VPC: ObjectSpec = {
    type: "object",
    description: "An existing VPC { id, cidr, subnetIds, routeTableIds }, or { cidr, availabilityZones } to create one (isolated subnets, one per AZ, no NAT).",
    keys: {
        ...existingVpcKeys("hub"),
        availabilityZones: int("How many AZs a new VPC gets a subnet in (only without `id`).", 2, 6, 2),
    },
    required: ["cidr"],
    schema: {
        // With an id: an existing VPC, all of its parts are needed. Without: a new one, none of them.
        if: { required: ["id"] },
        then: { required: ["subnetIds", "routeTableIds"], not: { required: ["availabilityZones"] } },
        else: { not: { anyOf: [{ required: ["subnetIds"] }, { required: ["routeTableIds"] }] } },
    },
};

const SPOKE_VPC: ObjectSpec = {
    type: "object",
    description: "The member's existing VPC; must match the hub's `spokes` entry.",
    keys: existingVpcKeys("spoke"),
    required: ["id", "cidr", "subnetIds", "routeTableIds"],
};

const ZONE_NAME = str("A zone name; `{region}` stands for the stack's region, e.g. foo.{region}.amazonaws.com.", "^[a-z0-9{}.-]+$");

const ZONE: KeySpec = {
    type: "oneOf",
    of: [
        { type: "string", description: "A zone name (apex record), or `*.name` for apex and wildcard records.", pattern: "^(\\*\\.)?[a-z0-9{}.-]+$" },
        {
            type: "object", keys: {
                name: ZONE_NAME,
                wildcard: { type: "boolean", description: "Whether clients put a prefix on the name (then *.zone is served too).", default: false },
            }, required: ["name"],
        },
    ],
};

/** Dot-separated DNS labels (lib/config/services.ts SERVICE_NAME): a service name becomes zone and endpoint service names. */
const SERVICE_NAME = "^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$";

const SERVICE: KeySpec = {
    type: "oneOf",
    of: [
        { type: "string", description: "A service of the catalog (npm run catalog), e.g. s3, sqs, ecr.dkr; another name is planned by the default rule, with a warning.", pattern: SERVICE_NAME },
        {
            type: "object",
            description: "A service with overrides of the catalog, or one the catalog does not know.",
            keys: {
                name: str("The service part of com.amazonaws.<region>.<name>, e.g. s3 or ecr.dkr.", SERVICE_NAME),
                zones: list(ZONE, "Private hosted zones the endpoint answers for.", 1),
                ports: list(int("A TCP port.", 1, 65535), "TCP ports clients use (default [443]).", 1),
                policy: { type: "json", description: "An IAM policy document for the endpoint (an object or JSON text), instead of the default one; at most 20,480 characters." },
                policyStatements: { type: "json", description: "Changes to the default endpoint policy by statement Sid: false drops one, a statement object replaces or adds it (docs/endpoint-policies.md)." },
                endpointService: str("The endpoint service name, when it is not com.amazonaws.<region>.<name>.", "^[a-z0-9.-]+$"),
            },
            required: ["name"],
        },
    ],
};

const SPOKE_ENTRY: ObjectSpec = {
    type: "object",
    description: "A member stack allowed to use the hub.",
    keys: {
        name: str("The member's stack name.", "^[A-Za-z0-9_.-]+$"),
        accountId: accountId("The member's account id"),
        vpcId: str("The member VPC's id (vpc-...).", resourceId("vpc")),
        cidr: cidr("The member VPC's CIDR."),
        connectivity: { type: "string", description: "How the member reaches the hub.", enum: ["peering", "transitGateway"] },
        ipv6Cidrs: list(str("An IPv6 CIDR block.", IPV6_CIDR), "The member VPC's IPv6 blocks, admitted by a dual-stack hub's endpoints (ipAddressType dualstack only).", 1),
    },
    required: ["name", "accountId", "vpcId", "cidr", "connectivity"],
};

const ON_PREM: ObjectSpec = {
    type: "object",
    description: "On-premises networks that use the hub over a VPN, and the Resolver inbound endpoint their DNS servers forward to.",
    keys: {
        cidrs: list(cidr("An on-premises network."), "The on-premises networks.", 1),
        ipv6Cidrs: list(str("An IPv6 CIDR block.", IPV6_CIDR), "On-premises IPv6 networks, admitted by a dual-stack hub's endpoints (ipAddressType dualstack only).", 1),
        vpnGatewayId: str("An existing virtual private gateway attached to the hub VPC (vgw-...).", resourceId("vgw")),
        customerGateway: {
            type: "object",
            description: "A new site-to-site VPN to this customer gateway.",
            keys: {
                ip: str("The customer gateway's public IPv4 address.", `^${IPV4}$`),
                bgpAsn: int("The customer gateway's BGP ASN.", 1, 4294967294, 65000),
            },
        },
        dnsServerCidrs: list(cidr("On-prem DNS servers, within `cidrs`."), "Who may query the Resolver (default: `cidrs`); tracked only: refused with resolverConnectionTracking untracked, which admits every routed network.", 1),
        resolverAddresses: list({
            type: "object", keys: {
                subnetId: str("One of the hub's vpc.subnetIds.", resourceId("subnet")),
                ip: str("An address inside the hub VPC.", `^${IPV4}$`),
            },
        }, "Pinned Resolver inbound addresses (2 to 6, in at least 2 subnets); omitted: AWS picks one per AZ.", 2, { maxItems: 6 }),
        resolverConnectionTracking: {
            type: "string", enum: ["tracked", "untracked"],
            description: "The Resolver's security group: tracked (default: the on-prem DNS servers only; as low as about 1,500 queries/s per address) or untracked (AWS's rules for high query rates: TCP/UDP 53 from 0.0.0.0/0, so every network routed to the hub VPC can query it, spokes included; docs/resolver.md).",
        },
    },
    required: ["cidrs"],
    schema: {
        oneOf: [{ required: ["vpnGatewayId"] }, { required: ["customerGateway"] }],
        // Untracked admits 53 from everywhere: a list of DNS servers would narrow nothing.
        if: { required: ["resolverConnectionTracking"], properties: { resolverConnectionTracking: { const: "untracked" } } },
        then: { not: { required: ["dnsServerCidrs"] } },
    },
};

/** Quotas the plan checks against, with AWS's defaults. lib/config/model.ts DEFAULT_QUOTAS holds the same numbers. */
const QUOTAS: ObjectSpec = {
    type: "object",
    description: "AWS quotas you had raised; the plan checks against these instead of AWS's defaults.",
    keys: {
        vpcsPerZone: int("VPCs that you can associate with a private hosted zone (AWS offers no increase and recommends Route 53 Profiles above 300: set it only if AWS raised it for your account anyway).", 1, 1_000_000, 300),
        peeringsPerVpc: int("Active VPC peering connections per VPC (AWS allows at most 125).", 1, 1_000_000, 50),
        endpointsPerVpc: int("Interface and Gateway Load Balancer endpoints per VPC.", 1, 1_000_000, 50),
        zonesPerAccount: int("Hosted zones per account.", 1, 1_000_000, 500),
        authorizationsPerZone: int("VPC association authorizations per hosted zone (over it the plan stops).", 1, 1_000_000, 1000),
        attachmentsPerTransitGateway: int("Attachments per transit gateway.", 1, 1_000_000, 5000),
        recordsPerZone: int("Records per hosted zone.", 1, 1_000_000, 10000),
        rulesPerSecurityGroup: int("Inbound rules per security group (each CIDR counts as one, a prefix list as its max entries).", 1, 1_000_000, 60),
        routesPerRouteTable: int("Routes per route table, propagated ones aside (a prefix list counts as its max entries).", 1, 1_000_000, 50),
        vpcsPerProfile: int("Route 53 Profiles: VPCs one profile can be associated with.", 1, 1_000_000, 1000),
        profilesPerRegion: int("Route 53 Profiles per account and region.", 1, 1_000_000, 5),
        zonesPerProfile: int("Route 53 Profiles: private hosted zones one profile holds.", 1, 1_000_000, 5000),
        resolverIpsPerEndpoint: int("IP addresses per Route 53 Resolver endpoint (adjustable): the most vpce-hub:onPrem.resolverAddresses may list.", 1, 1_000_000, 6),
    },
};

/** Customer-managed prefix lists instead of a rule or route per aggregated block (lib/net/prefixLists.ts). */
const PREFIX_LISTS: ObjectSpec = {
    type: "object",
    description: "Put the admitted networks and the Transit Gateway spokes' routes into customer-managed prefix lists (docs/fleet.md).",
    keys: {
        sources: { type: "boolean", description: "One prefix list of the hub, spoke and on-prem networks, referenced by every endpoint security group, so that adding or removing a member changes the list and no other member's rule. Default: on where it fits the rules quota with room to grow, else a rule per aggregated block." },
        transitGatewayRoutes: { type: "boolean", description: "One prefix list of the Transit Gateway spokes' CIDRs: one route per hub route table.", default: false },
        maxEntries: int("Max entries of each prefix list (AWS counts a reference as this many rules or routes); default: as many as the list holds.", 1, 1000),
    },
};

/** `vpce-hub:dns` (lib/config/dns.ts reads it). */
const DNS: ObjectSpec = {
    type: "object",
    description: "How spokes get the hub's DNS: zone associations per spoke (default) or one Route 53 Profile.",
    keys: {
        sharing: { type: "string", description: "associations: every spoke VPC on every hub zone; profile: one Route 53 Profile shared by RAM, one association per spoke VPC.", enum: ["associations", "profile"] },
        records: { type: "string", description: "zones: the hub's private hosted zones; endpoint: the endpoints' own private DNS (sharing: profile only).", enum: ["zones", "endpoint"] },
        migration: { type: "string", description: "An intermediate step of the zones -> endpoint migration (docs/migration.md).", enum: ["park-zones", "enable-private-dns"] },
    },
};

/** A member's `vpce-hub:dns`: the sharing it is on, pinned during the associations -> profile migration (docs/migration.md). */
const SPOKE_DNS: ObjectSpec = {
    type: "object",
    description: "The DNS sharing this member is on, pinned while the hub migrates (docs/migration.md): associations until its step A2; absent: whatever the hub shares.",
    keys: {
        sharing: { type: "string", description: "associations: it keeps its zone associations (pin it before the hub's step A1); profile: it is associated with the hub's Route 53 Profile (step A2 done).", enum: ["associations", "profile"] },
    },
};

/** Price keys users may override in `vpce-hub:cost.prices` (USD). */
export const PRICE_KEYS = [
    "endpointAzHour", "endpointPerGb", "transitGatewayAttachmentHour", "transitGatewayPerGb",
    "peeringCrossAzPerGb", "resolverEniHour", "resolverPerMillionQueries",
    "hostedZoneMonthFirst25", "hostedZoneMonthAfter25", "profileRegionHour", "profileAssociationHour",
] as const;

const COST: ObjectSpec = {
    type: "object",
    description: "Traffic assumptions and price overrides for the cost estimate.",
    keys: {
        gbPerMonthPerSpoke: num("Traffic each spoke sends through the hub's endpoints per month (GB)."),
        onPremGbPerMonth: num("Traffic on-prem sends through the hub's endpoints per month (GB)."),
        onPremMillionQueriesPerMonth: num("Resolver queries from on-prem per month, in millions."),
        prices: {
            type: "object",
            description: "Overrides of the region's price table (USD).",
            keys: Object.fromEntries(PRICE_KEYS.map(k => [k, num(`Price override: ${k} (USD).`)])),
        },
    },
};

/** The `vpce-hub:` keys of a hub stack (without the namespace). */
export const HUB_SCHEMA: ObjectSpec = {
    type: "object",
    keys: {
        role: { type: "string", description: "hub: the shared account's stack with the endpoints.", enum: ["hub"] },
        accountId: accountId("The shared account; checked against the credentials' account"),
        vpc: HUB_VPC,
        services: list(SERVICE, "The interface endpoint services to centralize, e.g. [s3, sqs].", 1),
        spokes: list(SPOKE_ENTRY, "Who may use the hub: one entry per member stack."),
        onPrem: ON_PREM,
        organizationId: str("o-...: endpoint policies admit principals of this organization to its resources (without it: the hub's, the members' and trustedAccounts' accounts).", "^o-[a-z0-9]{10,32}$"),
        trustedAccounts: list(accountId("An account besides the hub's and the members'"),
            "Without organizationId: more accounts whose principals may call, and whose resources may be reached, through the hub's endpoints (on-prem applications' accounts, a partner's buckets); docs/endpoint-policies.md.",
            1, { unique: true }),
        transitGateway: {
            type: "object",
            description: "An existing Transit Gateway to use instead of creating one.",
            keys: {
                id: str("The Transit Gateway's id (tgw-...).", resourceId("tgw")),
                sharedWithHubs: {
                    type: "list", minItems: 1, unique: true,
                    description: "The other hub stacks of this project on the same Transit Gateway (docs/multi-hub.md).",
                    items: str("A hub stack name.", "^[A-Za-z0-9_.-]+$"),
                },
            },
        },
        protect: { type: "boolean", description: "Protect zones and endpoints against deletion.", default: true },
        ipAddressType: { type: "string", description: "ipv4, or dualstack: endpoints get IPv6 addresses, zones AAAA records and the services' dual-stack names.", enum: ["ipv4", "dualstack"] },
        quotas: QUOTAS,
        prefixLists: PREFIX_LISTS,
        cost: COST,
        dns: DNS,
    },
    required: ["role", "vpc", "services"],
};

/** `vpce-hub:existingEndpoints` (lib/config/existingEndpoints.ts reads it; docs/adoption.md). */
const EXISTING_ENDPOINTS: ObjectSpec = {
    type: "object",
    description: "What the member VPC ran before the hub: its own interface endpoints and private hosted zones for service names. " +
        "Declared, they answer their names in this VPC until retired (the plan names them); undeclared ones that shadow a hub name stop pulumi up (docs/adoption.md).",
    keys: {
        retire: {
            type: "boolean", default: false,
            description: "true: this member's pulumi up adopts the endpoints (import) and the next one deletes them, once the hub's Route 53 Profile answers here (profile mode only; zones are deleted by hand first).",
        },
        endpoints: list({
            type: "object", keys: {
                service: str("The hub service it is an endpoint of, as in the hub's vpce-hub:services (ssm, ecr.dkr, ...).", SERVICE_NAME),
                id: str("The endpoint's id (vpce-...).", resourceId("vpce")),
                privateDns: { type: "boolean", description: "Whether its private DNS is on (it then answers the service's names in this VPC).", default: true },
            }, required: ["service", "id"],
        }, "The member VPC's own interface endpoints."),
        zones: list({
            type: "object", keys: {
                name: ZONE_NAME,
                id: str("The hosted zone's id (Z...).", "^Z[A-Z0-9]+$"),
            }, required: ["name", "id"],
        }, "Private hosted zones for service names associated with the member VPC, made by hand before the hub."),
    },
};

/** The `vpce-hub:` keys of a spoke stack (without the namespace). */
export const SPOKE_SCHEMA: ObjectSpec = {
    type: "object",
    keys: {
        role: { type: "string", description: "spoke: a member account's stack.", enum: ["spoke"] },
        accountId: accountId("The member account; checked against the credentials and the hub's registry"),
        hubStack: str("The hub's stack as org/project/stack, e.g. acme/vpce-hub/shared.", "^([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+/)?[A-Za-z0-9_.-]+$"),
        vpc: SPOKE_VPC,
        acceptRamShare: {
            type: "oneOf",
            description: "The hub's RAM shares (its Transit Gateway, its Route 53 Profile): auto (default) accepts a pending invitation to each, as RAM says at deploy time " +
                "(none inside the hub's organization with RAM sharing enabled); true accepts without asking; false never accepts.",
            of: [{ type: "string", enum: ["auto"] }, { type: "boolean" }],
        },
        dns: SPOKE_DNS,
        existingEndpoints: EXISTING_ENDPOINTS,
    },
    required: ["role", "hubStack", "vpc"],
};

export const REGION_SPEC: KeySpec = str("The AWS region, e.g. ap-northeast-1.", "^[a-z]{2}(-[a-z]+)+-\\d+$");

/**
 * The known keys of the object at `path` under `spec` (list items and the object shape of a
 * oneOf are stepped through), in declaration order. Throws on a path the description lacks:
 * that is a programming error, caught by any test that reads a config.
 */
export function keysOf(spec: KeySpec, ...path: string[]): string[] {
    let at: KeySpec = spec;
    for (const step of [...path, ""]) {
        // Step through lists and alternatives to the object they hold.
        for (;;) {
            if (at.type === "list") at = at.items;
            else if (at.type === "oneOf") {
                const o: KeySpec | undefined = at.of.find(x => x.type === "object" || x.type === "list");
                if (!o) break;
                at = o;
            } else break;
        }
        if (at.type !== "object") throw new Error(`configSchema: no object at ${path.join(".")}`);
        if (step === "") return Object.keys(at.keys);
        const next: KeySpec | undefined = at.keys[step];
        if (!next) throw new Error(`configSchema: no key ${step} in ${path.join(".")}`);
        at = next;
    }
    throw new Error("unreachable");
}

// ---------------------------------------------------------------------------------------
// The JSON Schema (draft-07: what yaml-language-server and ajv read by default)

export const NAMESPACE = "vpce-hub";

function toJson(spec: KeySpec): Record<string, unknown> {
    const d = spec.description === undefined ? {} : { description: spec.description };
    switch (spec.type) {
        case "string":
            return { ...d, type: "string", ...(spec.pattern ? { pattern: spec.pattern } : {}), ...(spec.enum ? { enum: [...spec.enum] } : {}) };
        case "integer":
            return {
                ...d, ...(spec.default === undefined ? {} : { default: spec.default }),
                anyOf: [{ type: "integer", minimum: spec.minimum, maximum: spec.maximum }, { type: "string", pattern: "^\\d+$" }],
            };
        case "number":
            return { ...d, anyOf: [{ type: "number", minimum: 0 }, { type: "string", pattern: "^\\s*\\d+(\\.\\d+)?\\s*$" }] };
        case "boolean":
            return { ...d, ...(spec.default === undefined ? {} : { default: spec.default }), anyOf: [{ type: "boolean" }, { enum: ["true", "false"] }] };
        case "json":
            return { ...d, type: ["object", "string"] };
        case "list":
            return {
                ...d, type: "array", items: toJson(spec.items),
                ...(spec.minItems ? { minItems: spec.minItems } : {}), ...(spec.maxItems ? { maxItems: spec.maxItems } : {}),
                ...(spec.unique ? { uniqueItems: true } : {}),
            };
        case "oneOf":
            return { ...d, oneOf: spec.of.map(toJson) };
        case "object":
            return {
                ...d, type: "object",
                properties: Object.fromEntries(Object.entries(spec.keys).map(([k, v]) => [k, toJson(v)])),
                ...(spec.required?.length ? { required: [...spec.required] } : {}),
                additionalProperties: false,
                ...(spec.schema ?? {}),
            };
    }
}

/** The `config:` map of one role: our keys with the namespace, any other provider's keys, nothing else. */
function configFor(role: ObjectSpec): Record<string, unknown> {
    const own = toJson(role) as { properties: Record<string, unknown>; required: string[] };
    return {
        properties: {
            "aws:region": toJson(REGION_SPEC),
            ...Object.fromEntries(Object.entries(own.properties).map(([k, v]) => [`${NAMESPACE}:${k}`, v])),
        },
        required: ["aws:region", ...own.required.map(k => `${NAMESPACE}:${k}`)],
        // Other providers' keys (aws:profile, ...) are theirs to check; a key without a
        // namespace, or an unknown vpce-hub: key, would be silently ignored by Pulumi.
        patternProperties: { [`^(?!${NAMESPACE}:)[^:]+:.+$`]: {} },
        additionalProperties: false,
    };
}

/** The JSON Schema of a whole Pulumi.<stack>.yaml, hub or spoke by `vpce-hub:role`. */
export function stackFileSchema(): Record<string, unknown> {
    const role = `${NAMESPACE}:role`;
    return {
        $schema: "http://json-schema.org/draft-07/schema#",
        title: "vpce-hub stack configuration (Pulumi.<stack>.yaml)",
        description: "Generated from lib/config/schema.ts by `npm run schema`; do not edit by hand.",
        type: "object",
        properties: {
            config: {
                type: "object",
                description: "Stack configuration: a hub (vpce-hub:role: hub) or a spoke (vpce-hub:role: spoke).",
                properties: { [role]: { description: "hub or spoke", enum: ["hub", "spoke"] } },
                required: ["aws:region", role],
                allOf: [
                    { if: { properties: { [role]: { const: "hub" } } }, then: configFor(HUB_SCHEMA) },
                    { if: { properties: { [role]: { const: "spoke" } } }, then: configFor(SPOKE_SCHEMA) },
                ],
            },
            environment: { description: "Pulumi ESC environments to import.", type: "array", items: { type: "string" } },
            secretsprovider: { type: "string" },
            encryptedkey: { type: "string" },
            encryptionsalt: { type: "string" },
        },
        required: ["config"],
    };
}

/** The schema file's text as committed: two-space JSON and a final newline. */
export function renderSchemaFile(): string {
    return JSON.stringify(stackFileSchema(), null, 2) + "\n";
}

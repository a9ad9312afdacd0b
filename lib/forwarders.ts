// Renderers for the on-premises side of the hub: conditional-forwarder configs that send
// the hub's zones to the Route 53 Resolver inbound endpoint, and the "call the endpoint by
// its regional name" alternative for hosts that cannot change their DNS.
// Pure TypeScript: no Pulumi import.
//
// One forward zone per service zone, never a forward of all of amazonaws.com: a broad
// forward would send every AWS name over the VPN, and the Resolver would answer the
// services without a hub endpoint with public addresses anyway. The generated text is
// pasted into other people's DNS servers, so every zone name and IP is validated first:
// nothing that reaches a config file can close a quote or start a new statement.
import { isIpv4 } from "./net/cidr";

export interface ForwarderInput {
    /** Zone names to forward, e.g. ["s3.ap-northeast-1.amazonaws.com", "sqs.ap-northeast-1.amazonaws.com"]; render sorted, deduplicated. */
    readonly zones: readonly string[];
    /** Resolver inbound endpoint IPs, e.g. ["10.0.0.10", "10.0.1.10"]. */
    readonly resolverIps: readonly string[];
}

export interface ForwarderConfigs {
    /** named.conf fragment (BIND 9). */
    readonly bind: string;
    /** unbound.conf fragment, e.g. for /etc/unbound/unbound.conf.d/. */
    readonly unbound: string;
    /** PowerShell script for Windows Server DNS. */
    readonly windows: string;
    /** dnsmasq.conf fragment, e.g. for /etc/dnsmasq.d/. */
    readonly dnsmasq: string;
}

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;
/** Pulumi's stack names (lib/config/stackFiles.ts STACK_NAME): a hub's name heads its zones. */
const HUB_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Service zones have at least three labels (`sts.amazonaws.com`, `s3.<region>.amazonaws.com`);
 * anything shorter is a whole domain (`amazonaws.com`, `api.aws`, `com`).
 */
const MIN_ZONE_LABELS = 3;

/** Why `value` is not a DNS name (a sentence without the final period), or undefined. */
function dnsNameProblem(value: string): string | undefined {
    const shown = JSON.stringify(value);
    if (typeof value !== "string" || value.length === 0) return `${shown} is not a DNS name: it is empty`;
    const name = normalize(value);
    if (name.length > 253) return `${shown} is not a DNS name: it is longer than 253 characters`;
    const bad = name.split(".").find((label) => !LABEL.test(label));
    if (bad !== undefined) {
        return `${shown} is not a valid DNS name: label ${JSON.stringify(bad)} must be 1-63 letters, ` +
            `digits or inner hyphens (no spaces, quotes, semicolons, slashes or wildcards)`;
    }
    return undefined;
}

/**
 * Why `value` cannot be a service zone (a valid DNS name of at least three labels), or
 * undefined. The configuration refuses the same names, so that a bad zone is a config error
 * before any zone or forwarder exists.
 */
export function zoneNameProblem(value: string): string | undefined {
    const problem = dnsNameProblem(value);
    if (problem !== undefined) return problem;
    if (normalize(value).split(".").length < MIN_ZONE_LABELS) {
        return `${JSON.stringify(value)} is too broad to forward: forward one zone per service ` +
            `(e.g. s3.ap-northeast-1.amazonaws.com), never a whole domain such as amazonaws.com`;
    }
    return undefined;
}

function normalize(value: string): string {
    return value.toLowerCase().replace(/\.$/, "");
}

/** Lower-cased, without a trailing dot, or an Error naming `field`. */
function dnsName(value: string, field: string): string {
    const problem = dnsNameProblem(value);
    if (problem !== undefined) throw new Error(`${field}: ${problem}.`);
    return normalize(value);
}

function zoneName(value: string, field: string): string {
    const problem = zoneNameProblem(value);
    if (problem !== undefined) throw new Error(`${field}: ${problem}.`);
    return normalize(value);
}

/** Zones that go to one hub's Resolver; `title` is set when several hubs share one config. */
interface Group {
    readonly title?: string;
    readonly zones: readonly string[];
    readonly ips: readonly string[];
}

interface Validated {
    readonly groups: readonly Group[];
    /** Every zone of every group, sorted. */
    readonly zones: readonly string[];
}

function validateIps(resolverIps: readonly string[], field: string): string[] {
    if (resolverIps.length === 0) {
        throw new Error(
            `${field} is empty: on-prem forwarders need at least one Resolver inbound endpoint IP.`,
        );
    }
    const ips: string[] = [];
    resolverIps.forEach((ip, i) => {
        // Four-part decimal only: "10.1" or "0x0a.0.0.1" parse as IPv4 elsewhere but not in every daemon.
        if (!isIpv4(ip)) {
            throw new Error(
                `${field}[${i}]: ${JSON.stringify(ip)} is not an IPv4 address in dotted-decimal form (e.g. 10.0.0.10).`,
            );
        }
        // Order is kept: it is the order the operator gave, and some daemons try servers in order.
        if (!ips.includes(ip)) ips.push(ip);
    });
    return ips;
}

function validate(input: ForwarderInput): Validated {
    const ips = validateIps(input.resolverIps, "ForwarderInput.resolverIps");
    const zones = [...new Set(input.zones.map((z, i) => zoneName(z, `ForwarderInput.zones[${i}]`)))].sort();
    return { groups: [{ zones, ips }], zones };
}

/** One hub's part of a merged on-prem configuration. */
export interface HubForwarding {
    /** The hub's stack name. */
    readonly hub: string;
    readonly region: string;
    /** The zone names the hub serves (every service's zones). */
    readonly zones: readonly string[];
    /** The hub's Resolver inbound endpoint IPs. */
    readonly resolverIps: readonly string[];
}

/** Code-unit order, like the zones: the output must not depend on the machine's locale. */
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Names two hubs would both serve to on-prem: one forward zone cannot go to two Resolvers. */
export function forwardingConflicts(hubs: readonly HubForwarding[]): { zone: string; hubs: string[] }[] {
    const owners = new Map<string, string[]>();
    for (const h of hubs) {
        for (const z of new Set(h.zones.map(normalize))) owners.set(z, [...(owners.get(z) ?? []), h.hub]);
    }
    return [...owners].filter(([, hs]) => hs.length > 1).map(([zone, hs]) => ({ zone, hubs: hs })).sort((x, y) => compare(x.zone, y.zone));
}

function validateHubs(hubs: readonly HubForwarding[]): Validated {
    if (hubs.length === 0) throw new Error("no hub has onPrem: there is nothing to forward.");
    const conflicts = forwardingConflicts(hubs);
    if (conflicts.length) {
        const c = conflicts[0];
        throw new Error(`zone ${c.zone} is served by hubs ${c.hubs.join(" and ")}: one forwarder zone cannot go to two Resolvers.`);
    }
    // Region by region, then by hub name: the file reads the same whatever the stack order.
    const sorted = [...hubs].sort((x, y) => compare(x.region, y.region) || compare(x.hub, y.hub));
    const groups = sorted.map((h, i) => {
        // The hub's name and region go into a comment line of every format: only a stack name
        // Pulumi accepts and a region's name, so that neither can end the comment.
        if (typeof h.hub !== "string" || !HUB_NAME.test(h.hub)) {
            throw new Error(`hubs[${i}].hub: ${JSON.stringify(h.hub)} is not a stack name (at most 100 letters, digits, hyphens, underscores or periods).`);
        }
        if (typeof h.region !== "string" || !REGION.test(h.region)) {
            throw new Error(`hub ${h.hub}: region ${JSON.stringify(h.region)} is not an AWS region such as ap-northeast-1.`);
        }
        const field = `hub ${h.hub}`;
        const ips = validateIps(h.resolverIps, `${field}: resolverIps`);
        const zones = [...new Set(h.zones.map((z, i) => zoneName(z, `${field}: zones[${i}]`)))].sort();
        return { title: `hub ${h.hub} (${h.region}): Resolver inbound ${ips.join(", ")}`, zones, ips };
    });
    return { groups, zones: groups.flatMap((g) => g.zones).sort() };
}

const GENERATED = "Generated by vpce-hub (lib/forwarders.ts): regenerate instead of editing.";
const SCOPE =
    "One forward zone per hub zone; names below a zone (bucket.s3..., <account>.dkr.ecr...) follow it. " +
    "Nothing else changes.";

/** The comment line that heads a hub's zones (none in a single hub's config). */
const heading = (g: Group, mark: string): string[] => (g.title === undefined ? [] : [`${mark} ${g.title}`]);

function renderBind(v: Validated): string {
    return [
        "// On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (BIND named.conf fragment).",
        `// ${GENERATED}`,
        `// ${SCOPE}`,
        "// Route 53 private hosted zones are unsigned: if named validates DNSSEC and a parent domain is",
        "// signed, list these zones in options { validate-except { ... }; }; or answers turn SERVFAIL.",
        ...v.groups.flatMap((g) => {
            const forwarders = g.ips.map((ip) => `${ip}; `).join("");
            return [...heading(g, "//"), ...g.zones.map((z) => `zone "${z}" { type forward; forward only; forwarders { ${forwarders}}; };`)];
        }),
        "",
    ].join("\n");
}

function renderUnbound(v: Validated): string {
    const lines = [
        "# On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (unbound.conf fragment).",
        `# ${GENERATED}`,
        `# ${SCOPE}`,
    ];
    if (v.zones.length > 0) {
        lines.push(
            "server:",
            "  # The zones answer with VPC addresses (10.x and the like). With private-address set",
            "  # (DNS rebinding protection) Unbound would strip those answers; private-domain exempts them.",
            ...v.zones.map((z) => `  private-domain: "${z}"`),
            "  # Private hosted zones are never DNSSEC-signed: do not let a signed parent mark them bogus.",
            ...v.zones.map((z) => `  domain-insecure: "${z}"`),
        );
    }
    for (const g of v.groups) {
        lines.push(...heading(g, "#"));
        for (const z of g.zones) {
            lines.push("forward-zone:", `  name: "${z}"`, ...g.ips.map((ip) => `  forward-addr: ${ip}`));
        }
    }
    lines.push("");
    return lines.join("\n");
}

function renderWindows(v: Validated): string {
    return [
        "# On-prem conditional forwarders to the vpce-hub Route 53 Resolver inbound endpoint (Windows Server DNS).",
        `# ${GENERATED}`,
        `# ${SCOPE}`,
        "# Run on each DNS server. On Active Directory-integrated DNS, append -ReplicationScope \"Forest\"",
        "# (or \"Domain\") to store the forwarders in AD once instead.",
        ...v.groups.flatMap((g) => [
            ...heading(g, "#"),
            ...g.zones.map((z) => `Add-DnsServerConditionalForwarderZone -Name "${z}" -MasterServers ${g.ips.join(",")}`),
        ]),
        "",
    ].join("\n");
}

function renderDnsmasq(v: Validated): string {
    return [
        "# On-prem forwarders to the vpce-hub Route 53 Resolver inbound endpoint (dnsmasq.conf fragment).",
        `# ${GENERATED}`,
        `# ${SCOPE}`,
        "# rebind-domain-ok keeps stop-dns-rebind, if set, from dropping the zones' private answers.",
        ...v.groups.flatMap((g) => [
            ...heading(g, "#"),
            ...g.zones.flatMap((z) => [
                ...g.ips.map((ip) => `server=/${z}/${ip}`),
                `rebind-domain-ok=/${z}/`,
            ]),
        ]),
        "",
    ].join("\n");
}

function renderAll(v: Validated): ForwarderConfigs {
    return { bind: renderBind(v), unbound: renderUnbound(v), windows: renderWindows(v), dnsmasq: renderDnsmasq(v) };
}

/** Conditional-forwarder configs for BIND, Unbound, Windows DNS and dnsmasq. Throws on invalid input. */
export function renderForwarders(input: ForwarderInput): ForwarderConfigs {
    return renderAll(validate(input));
}

/**
 * One configuration per daemon for every hub with on-prem: each hub's zones go to that hub's
 * Resolver, region by region, under a comment naming the hub. Throws on invalid input and
 * when two hubs serve one name (forwardingConflicts).
 */
export function renderHubForwarders(hubs: readonly HubForwarding[]): ForwarderConfigs {
    return renderAll(validateHubs(hubs));
}

export interface DirectEndpoint {
    readonly service: string;
    readonly regionalDnsName: string;
    readonly region: string;
}

/** How a client reaches one endpoint service. */
interface ClientHint {
    /** AWS CLI command and boto3 client name (both are the botocore service name). Omitted: the service name. */
    readonly cli?: string;
    /** A harmless read-only CLI subcommand to try. Omitted: "...". */
    readonly example?: string;
    /** For services no AWS CLI/SDK call reaches: what to do instead. `{name}` is the regional name. */
    readonly note?: string;
}

/** Keyed by endpoint service name (`com.amazonaws.<region>.<key>`); rows only where the default is wrong or bare. */
const CLIENTS: Readonly<Record<string, ClientHint>> = {
    "ecr.api": { cli: "ecr", example: "describe-repositories" },
    "ecr.dkr": {
        note:
            "Docker clients address the registry as <account>.dkr.ecr.<region>.amazonaws.com, which {name} " +
            "cannot stand in for: docker pull/push needs the DNS forwarders (and s3 for the image layers).",
    },
    "email-smtp": {
        note: "SES SMTP interface: no AWS CLI or SDK call; point the SMTP client at {name}, port 587 (STARTTLS) or 465 (TLS).",
    },
    "execute-api": {
        note: "No AWS CLI call: curl https://{name}/<stage>/<path> -H 'Host: <api-id>.execute-api.<region>.amazonaws.com'",
    },
    ssmmessages: { note: "Used by the SSM Agent and Session Manager, not by CLI calls." },
    ec2messages: { note: "Used by the SSM Agent, not by CLI calls." },
    monitoring: { cli: "cloudwatch", example: "list-metrics" },
    "kinesis-streams": { cli: "kinesis", example: "list-streams" },
    "kinesis-firehose": { cli: "firehose", example: "list-delivery-streams" },
    "sagemaker.api": { cli: "sagemaker" },
    "sagemaker.runtime": { cli: "sagemaker-runtime" },
    "appstream.api": { cli: "appstream" },
    "codeartifact.api": { cli: "codeartifact" },
    logs: { example: "describe-log-groups" },
    sqs: { example: "list-queues" },
    sns: { example: "list-topics" },
    sts: { example: "get-caller-identity" },
    kms: { example: "list-keys" },
    ssm: { example: "describe-parameters" },
    secretsmanager: { example: "list-secrets" },
    lambda: { example: "list-functions" },
    ec2: { example: "describe-vpcs" },
};


const SERVICE = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/;

function directLines(e: DirectEndpoint, i: number): string[] {
    const field = `renderDirectEndpoints endpoints[${i}]`;
    if (!SERVICE.test(e.service)) {
        throw new Error(`${field}.service: ${JSON.stringify(e.service)} is not an endpoint service name such as s3 or ecr.api.`);
    }
    if (!REGION.test(e.region)) {
        throw new Error(`${field}.region: ${JSON.stringify(e.region)} is not an AWS region such as ap-northeast-1.`);
    }
    // S3's first DNS entry is "*.vpce-...": a client calling it replaces the "*" by a bucket,
    // access point or control name (S3 user guide), so the host printed is the part after it.
    const name = dnsName(e.regionalDnsName.replace(/^\*\./, ""), `${field}.regionalDnsName`);
    const region = `--region ${e.region}`;
    const lines = [`${e.service} (${e.region})`, `  regional name: ${name}`];
    if (e.service === "s3") {
        const url = `https://bucket.${name}`;
        lines.push(
            `  aws CLI: aws s3 ls s3://my-bucket/ ${region} --endpoint-url ${url}`,
            `  Python:  boto3.client("s3", region_name="${e.region}", endpoint_url="${url}")`,
        );
        return lines;
    }
    const hint = CLIENTS[e.service] ?? {};
    if (hint.note !== undefined) {
        lines.push(`  ${hint.note.replace("{name}", name)}`);
        return lines;
    }
    const cli = hint.cli ?? e.service;
    const url = `https://${name}`;
    lines.push(
        `  aws CLI: aws ${cli} ${hint.example ?? "..."} ${region} --endpoint-url ${url}`,
        `  Python:  boto3.client("${cli}", region_name="${e.region}", endpoint_url="${url}")`,
    );
    return lines;
}

/**
 * The seed's alternative for on-prem hosts that resolve public DNS: call the endpoint's regional
 * DNS name directly (it resolves publicly to the endpoint's private IPs). One block per endpoint,
 * sorted by service and region. Throws on a name, service or region that is not safe to print
 * into a shell command.
 */
export function renderDirectEndpoints(endpoints: readonly DirectEndpoint[]): string {
    const blocks = endpoints
        .map((e, i) => ({ e, lines: directLines(e, i) }))
        .sort((a, b) => compare(a.e.service, b.e.service) || compare(a.e.region, b.e.region))
        .map((b) => b.lines.join("\n"));
    return blocks.length === 0 ? "" : `${blocks.join("\n\n")}\n`;
}

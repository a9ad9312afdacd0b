// The plan's own sections, one small function each: what each account gets, the services,
// each spoke's connectivity, on-prem, the path checks, warnings and the summary line.
// plan/cli.ts lists them in print order; a new section is one more function there.
// Every function is short at any fleet size: lists are summarised by default and printed
// whole under --verbose; failures are always printed whole.
import { ConnectionTracking, RESOLVER_QPS_PER_ADDRESS } from "../aws/securityGroups";
import { HubConfig, untrackedResolverReach } from "../config";
import { within } from "../net/cidr";
import { within6 } from "../net/ipv6";
import { HubOutputs, PathCheck, PlannedResource, PlannedStack, SpokeOutputs, TYPES, Warning } from "../model";
import { Section, Style, WIDTH, table } from "./render";
import { plural, shortList } from "../text";

export interface ReportInput {
    readonly stacks: readonly PlannedStack[];
    readonly checks: readonly PathCheck[];
    readonly warnings: readonly Warning[];
    readonly verbose: boolean;
    /** Registered spokes without a stack file: not deployed yet; their checks wait for them. */
    readonly pending?: readonly string[];
    /** Files --forwarders wrote (product, path), or undefined when it was not given. */
    readonly forwarderFiles?: readonly { readonly product: string; readonly file: string }[];
    /** Configuration errors (exit 2) of the hubs left out of this plan, or of this plan itself. */
    readonly errors?: readonly unknown[];
}

export type SectionBuilder<I = ReportInput> = (input: I, s: Style) => Section[];

/** Up to this many rows a list is printed whole; above it, summarised (--verbose: whole). */
export const LIST_MAX = 20;

/** Marks a value that comes from the simulation, where a person might copy it. */
export const SIMULATED = "(simulated)";

const short = (type: string) => type.split(":").pop()!;

function hubOf(input: ReportInput): (PlannedStack & { outputs: HubOutputs; config: HubConfig }) | undefined {
    return input.stacks.find(s => s.role === "hub") as (PlannedStack & { outputs: HubOutputs; config: HubConfig }) | undefined;
}

function typeCounts(resources: readonly PlannedResource[]): string {
    const counts = new Map<string, number>();
    for (const r of resources) if (!r.component) counts.set(short(r.type), (counts.get(short(r.type)) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([t, n]) => `${n} ${t}`).join(", ");
}

/**
 * The component tree of one stack, from each resource's parent URN: components with their
 * children under them, in registration order.
 */
export function componentTree(stack: PlannedStack): string[] {
    const byUrn = new Map(stack.resources.map(r => [r.urn, r]));
    const children = new Map<string | undefined, PlannedResource[]>();
    for (const r of stack.resources) {
        const parent = r.parent && byUrn.has(r.parent) ? r.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), r]);
    }
    const out: string[] = [];
    const walk = (parent: string | undefined, depth: number) => {
        for (const r of children.get(parent) ?? []) {
            out.push(`${"  ".repeat(depth)}${r.type} ${r.name}${r.id && !r.component ? `  ${r.id}` : ""}`);
            walk(r.urn, depth + 1);
        }
    };
    walk(undefined, 1);
    return out;
}

export const stacksSection: SectionBuilder = (input, s) => {
    const hubs = input.stacks.filter(x => x.role === "hub");
    const spokes = input.stacks.filter(x => x.role === "spoke");
    const count = (x: PlannedStack) => x.resources.filter(r => !r.component).length;
    const total = input.stacks.reduce((n, x) => n + count(x), 0);
    const rows = [["STACK", "ROLE", "ACCOUNT", "REGION", "RESOURCES"].map(h => s.dim(h))];
    const listed = input.verbose || input.stacks.length <= LIST_MAX ? input.stacks : hubs;
    for (const x of listed) rows.push([s.bold(x.stack), x.role, x.accountId, x.region, String(count(x))]);
    const lines = table(rows);
    if (listed.length < input.stacks.length) {
        const sizes = spokes.map(count);
        lines.push(`${plural(spokes.length, "spoke")} (${shortList(spokes.map(x => x.stack), 3)}): ` +
            `${Math.min(...sizes)}-${Math.max(...sizes)} resources each; --verbose lists every stack`);
    }
    if (hubs.length) lines.push(`hub resources: ${typeCounts(hubs.flatMap(x => x.resources))}`);
    if (spokes.length) lines.push(`spoke resources: ${typeCounts(spokes.flatMap(x => x.resources))}`);
    if (input.verbose) {
        for (const x of input.stacks) lines.push("", `${s.bold(x.stack)} component tree`, ...componentTree(x));
    }
    return [{
        id: "stacks",
        title: `Stacks: ${plural(hubs.length, "hub")}, ${plural(spokes.length, "spoke")}, ${total} resources`,
        lines,
    }];
};

export const servicesSection: SectionBuilder = (input, s) => {
    const hub = hubOf(input);
    if (!hub) return [];
    const out = hub.outputs;
    const rows = [["SERVICE", "ENDPOINT", "PORTS", "ZONES (A alias to the endpoint; + *. = wildcard too)"].map(h => s.dim(h))];
    for (const [name, svc] of Object.entries(out.services)) {
        rows.push([s.bold(name), svc.endpointId, `tcp ${svc.ports.join(",")}`,
            svc.zones.map(z => z.wildcard ? `${z.name} + *.` : z.name).join(", ")]);
    }
    const zones = Object.keys(out.zoneIds).length;
    return [{
        id: "services",
        title: `Services: ${Object.keys(out.services).length} endpoints, ${zones} zones (hub ${hub.stack}, VPC ${out.vpcId} ${out.vpcCidr})`,
        lines: table(rows),
    }];
};

/** Ports each endpoint security group admits from `cidr` (IPv4 or, in `ipv6CidrBlocks`, IPv6), and at how many endpoints. */
export function admittedPorts(hub: PlannedStack, cidr: string): { ports: string; endpoints: number; of: number } {
    const groups = new Map(hub.resources.filter(r => r.type === TYPES.securityGroup).map(r => [r.id, r]));
    const endpoints = hub.resources.filter(r => r.type === TYPES.vpcEndpoint && r.inputs.vpcEndpointType === "Interface");
    // A rule that references a prefix list admits the list's entries (IPv4: a list holds one family).
    const lists = new Map(hub.resources.filter(r => r.type === TYPES.managedPrefixList).map(r => [r.id, ((r.inputs.entries ?? []) as { cidr: string }[]).map(e => e.cidr)]));
    const six = cidr.includes(":");
    const admits = (block: string) => six ? safe(() => within6(cidr, block)) : safe(() => within(cidr, block));
    const ports = new Set<string>();
    let admitting = 0;
    for (const e of endpoints) {
        let any = false;
        for (const id of (e.inputs.securityGroupIds ?? []) as string[]) {
            for (const rule of (groups.get(id)?.inputs.ingress ?? []) as Record<string, any>[]) {
                const blocks: string[] = six ? rule.ipv6CidrBlocks ?? [] : [...(rule.cidrBlocks ?? []), ...((rule.prefixListIds ?? []) as string[]).flatMap(id => lists.get(id) ?? [])];
                if (!blocks.some(admits)) continue;
                any = true;
                ports.add(`${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`);
            }
        }
        if (any) admitting++;
    }
    return { ports: [...ports].sort().join(", ") || "nothing", endpoints: admitting, of: endpoints.length };
}

function safe(f: () => boolean): boolean {
    try { return f(); } catch { return false; }
}

/**
 * One row per spoke, short enough for 120 columns in every mode: the hub's CIDR (the routes'
 * destination) and, in profile mode, the profile (the same for every spoke) are said once, below
 * the table; a spoke's IPv6 blocks get a row each under its own, in the same columns.
 */
export const spokesSection: SectionBuilder = (input, s) => {
    const hub = hubOf(input);
    if (!hub) return [];
    const out = hub.outputs;
    const entries = Object.entries(out.spokes);
    const profile = out.dns?.sharing === "profile";
    const rows = [["SPOKE", "ACCOUNT", "CIDR", "VIA", profile ? "PROFILE" : "ZONES", "ADMITTED (endpoints)"].map(h => s.dim(h))];
    const lines: string[] = [];
    const byLink = new Map<string, number>();
    const viaOf = (so: SpokeOutputs, six: boolean) => [...new Set(so.routes.filter(r => r.destination.includes(":") === six).map(r => r.via))].join(", ");
    for (const [name, entry] of entries) {
        byLink.set(entry.connectivity, (byLink.get(entry.connectivity) ?? 0) + 1);
        const planned = input.stacks.find(x => x.stack === name);
        const so = planned?.outputs as SpokeOutputs | undefined;
        if (!(input.verbose || entries.length <= LIST_MAX)) continue;
        const target = entry.connectivity === "peering" ? entry.peeringConnectionId ?? "peering" : out.transitGateway?.id ?? "TGW";
        const via = so ? viaOf(so, false) || s.yellow("no route") : target;
        // Profile mode: one association with the hub's profile stands for every zone.
        const dns = !so ? s.yellow("pending")
            : profile ? (so.profile ? (so.profile.id === out.dns?.profileId ? "yes" : so.profile.id) : s.yellow("none"))
                : `${Object.keys(so.associatedZones).length}/${Object.keys(out.zoneIds).length}`;
        const adm = admittedPorts(hub, entry.cidr);
        rows.push([s.bold(name), entry.accountId, entry.cidr, via, dns, `${adm.ports} (${adm.endpoints}/${adm.of})`]);
        for (const block of entry.ipv6Cidrs ?? []) {
            const adm6 = admittedPorts(hub, block);
            rows.push(["", "", block, so ? viaOf(so, true) || s.yellow("no IPv6 route") : target, "", `${adm6.ports} (${adm6.endpoints}/${adm6.of})`]);
        }
    }
    if (rows.length > 1) {
        lines.push(...table(rows));
        lines.push(`VIA: each spoke's route to the hub VPC ${out.vpcCidr}${out.vpcIpv6Cidr ? ` (IPv6 rows: ${out.vpcIpv6Cidr})` : ""}` +
            (entries.some(([n]) => !input.stacks.some(x => x.stack === n)) ? "; pending: registered, no stack file yet (the hub's side of its link shown)" : ""));
        if (profile) lines.push(`PROFILE: the spoke's VPC is associated with the hub's Route 53 Profile ${out.dns?.profileId ?? "(none yet)"} (yes) or not (none)`);
    } else if (entries.length) {
        lines.push(`${[...byLink.entries()].map(([k, n]) => `${n} by ${k}`).join(", ")}; --verbose lists every spoke`);
    } else lines.push("(none)");
    return [{ id: "spokes", title: `Spokes: ${entries.length} registered`, lines }];
};

/** The query rate AWS documents for the Resolver's addresses, by how its security group tracks connections. */
export function resolverCapacity(tracking: ConnectionTracking, addresses: number): string {
    const per = RESOLVER_QPS_PER_ADDRESS[tracking];
    const total = `about ${(per * addresses).toLocaleString("en-US")} for ${addresses} address${addresses === 1 ? "" : "es"}`;
    return tracking === "tracked"
        ? `capacity: connections tracked (the group admits only the DNS servers): as low as about ${per.toLocaleString("en-US")} queries/s per address (AWS), ` +
            `${total}; onPrem.resolverConnectionTracking: untracked lifts it (docs/resolver.md)`
        : `capacity: connections untracked (TCP/UDP 53 open to 0.0.0.0/0, routing limits who reaches it): about ${per.toLocaleString("en-US")} queries/s per address, ${total}`;
}

export const onPremSection: SectionBuilder = (input, s) => {
    const hub = hubOf(input);
    const onPrem = hub?.config.onPrem;
    if (!hub || !onPrem) return [];
    const out = hub.outputs;
    const via = onPrem.vpnGatewayId ? `VPN gateway ${onPrem.vpnGatewayId}` : `a new site-to-site VPN to ${onPrem.customerGateway?.ip}`;
    const pinned = Boolean(onPrem.resolverAddresses);
    const lines = [
        `networks: ${onPrem.cidrs.join(", ")} via ${via}`,
        `Resolver inbound: ${out.resolverInboundIps.join(", ")} ${pinned ? "(pinned in onPrem.resolverAddresses)" : s.yellow(SIMULATED)}`,
        resolverCapacity(onPrem.resolverConnectionTracking ?? "tracked", out.resolverInboundIps.length),
        `admitted: ${admittedPorts(hub, onPrem.cidrs[0]).ports} at the endpoints; ` + (onPrem.resolverConnectionTracking === "untracked"
            ? `DNS queries from every network routed to the hub VPC (untracked): ${untrackedResolverReach({ onPrem, vpcCidr: out.vpcCidr, spokes: Object.values(out.spokes ?? {}) })}`
            : `DNS queries from ${(onPrem.dnsServerCidrs ?? onPrem.cidrs).join(", ")}`),
    ];
    if (input.forwarderFiles) {
        lines.push(`forwarder configs (${plural(Object.keys(out.zoneIds).length, "zone")}) written to:`,
            ...table(input.forwarderFiles.map(f => [f.product, f.file])));
        if (!pinned) lines.push(s.yellow("they use the simulated addresses: after pulumi up take the real ones (npm run forwarders -- --from <stack output JSON>)"));
    } else {
        lines.push(`forwarder configs for BIND, Unbound, Windows DNS and dnsmasq: --forwarders DIR writes them; after pulumi up ` +
            `\`npm run forwarders -- --from <pulumi stack output --json>\` renders them from the real addresses`);
    }
    return [{ id: "on-prem", title: `On-prem: ${plural(onPrem.cidrs.length, "network")}`, lines }];
};

const verdictOf = (x: PathCheck, s: Style) => x.verdict === "pass" ? s.green("pass") : s.red("FAIL");

/** Source kinds a check table groups by: every spoke together, on-prem apart. */
function sourceKind(source: string): string {
    return source === "on-prem" ? "on-prem" : "spokes";
}

export const checksSection: SectionBuilder = (input, s) => {
    const service = input.checks.filter(x => x.kind === "service");
    const isolation = input.checks.filter(x => x.kind === "isolation" && !x.service.startsWith("hub:"));
    // Several hubs: one check per spoke and other hub (lib/checks/isolation.ts checkCrossHub).
    const crossHub = input.checks.filter(x => x.kind === "isolation" && x.service.startsWith("hub:"));
    const kinds = [...new Set(service.map(x => sourceKind(x.source)))].sort((a, b) => a === "spokes" ? -1 : b === "spokes" ? 1 : a.localeCompare(b));
    const sources = (k: string) => new Set(service.filter(x => sourceKind(x.source) === k).map(x => x.source)).size;
    const byService = new Map<string, PathCheck[]>();
    for (const x of service) byService.set(x.service, [...(byService.get(x.service) ?? []), x]);
    const pending = new Set(input.pending ?? []);
    const cell = (xs: PathCheck[]) => {
        if (!xs.length) return "-";
        const w = xs.filter(x => pending.has(x.source)).length;
        const f = xs.filter(x => x.verdict === "fail" && !pending.has(x.source)).length;
        const p = xs.length - w - f;
        // A pass on names the plan assumed proves only the plan's own zones.
        const passed = xs.some(x => x.assumed) ? s.yellow(`${p} pass (names assumed)`) : s.green(`${p} pass`);
        return [p || (!f && !w) ? passed : "", f ? s.red(`${f} FAIL`) : "", w ? s.yellow(`${w} pending`) : ""].filter(Boolean).join(", ");
    };
    const rows = [["SERVICE", "NAMES", ...kinds.map(k => k === "spokes" ? `SPOKES (${sources(k)})` : k.toUpperCase())].map(h => s.dim(h))];
    for (const [svc, xs] of byService) {
        rows.push([s.bold(svc), String(new Set(xs.map(x => x.host)).size), ...kinds.map(k => cell(xs.filter(x => sourceKind(x.source) === k)))]);
    }
    const lines = service.length ? table(rows) : ["(no service checks: the plan has no hub)"];
    const assumed = [...new Set(service.filter(x => x.assumed).map(x => x.service))];
    if (assumed.length) {
        lines.push(s.yellow(`names assumed, verified at pulumi up: ${assumed.join(", ")} (the catalog does not know ${assumed.length > 1 ? "them" : "it"}: ` +
            `zone names by the default rule; AWS's PrivateDnsNames decide at pulumi up)`));
    }
    const leaks = isolation.filter(x => x.verdict === "fail");
    // One passing check per isolated spoke, one failing check per pair of spokes joined.
    const isolated = isolation.filter(x => x.verdict === "pass").length;
    const spokes = new Set(isolation.map(x => x.source)).size;
    lines.push(`spoke isolation: ${isolated}/${spokes} spokes reach no other spoke` + (leaks.length ? s.red(` - ${leaks.length} leak(s)`) : ""));
    if (crossHub.length) {
        const crossLeaks = crossHub.filter(x => x.verdict === "fail").length;
        lines.push(`isolation from other hubs: ${crossHub.length - crossLeaks}/${crossHub.length} (spoke, other hub) pairs reach neither that hub's ` +
            `endpoints nor its spokes` + (crossLeaks ? s.red(` - ${crossLeaks} leak(s)`) : ""));
    }
    const failed = input.checks.filter(x => x.verdict === "fail" && !pending.has(x.source));
    for (const p of pending) {
        const waiting = input.checks.filter(x => x.source === p).length;
        lines.push(s.yellow(`pending: ${p}: not deployed yet (no Pulumi.${p}.yaml in the plan), ${plural(waiting, "check")} wait for it`));
    }
    if (failed.length) {
        lines.push("", s.red(`${plural(failed.length, "failing check")}, each with the missing piece:`));
        for (const x of failed) {
            const to = x.kind === "isolation" ? `${x.service.replace(/^spoke:/, "")} ${x.host}` : x.host;
            lines.push(`${s.red("FAIL")} ${x.source} -> ${to}: ${x.reason}`);
        }
    }
    if (input.verbose) {
        lines.push("", "every check, hop by hop:");
        for (const x of input.checks) {
            lines.push(`${verdictOf(x, s)} ${x.source} ${x.service} ${x.host}${x.answer.length ? ` -> ${x.answer.join(",")}` : ""}`);
            for (const hop of x.path) lines.push(`     ${s.dim(hop)}`);
        }
    } else if (!failed.length) {
        lines.push(s.dim("--verbose lists every check with its hops"));
    }
    return [{ id: "checks", title: `Path checks: ${input.checks.length} (DNS answer, route, return route, security group)`, lines }];
};

/**
 * The warnings in brief, before the long sections (services, checks, cost, forwarders): one line
 * per kind of warning (the part of its code before the colon), with how many and the first's
 * subject; every warning in full comes at the end.
 */
export const warningsSummarySection: SectionBuilder = (input, s) => {
    if (!input.warnings.length) return [];
    const kinds = new Map<string, { codes: Set<string>; first: string; n: number }>();
    for (const w of input.warnings) {
        const kind = w.code.split(":")[0];
        const k = kinds.get(kind) ?? { codes: new Set<string>(), first: w.message, n: 0 };
        k.codes.add(w.code);
        k.n++;
        kinds.set(kind, k);
    }
    // One line each: the first warning's words up to the width (the report indents by two).
    const brief = (m: string, room: number) => m.length <= room ? m : `${m.slice(0, Math.max(0, m.lastIndexOf(" ", room - 2)))} …`;
    return [{
        id: "warnings-summary",
        title: `Warnings: ${input.warnings.length} (in brief; each in full at the end)`,
        lines: [...kinds].map(([kind, k]) => {
            const head = `${k.n} ${kind} [${shortList([...k.codes].map(c => c.slice(kind.length + 1) || kind), 3)}]`;
            return `${s.yellow(head)} ${brief(k.first, WIDTH - 2 - head.length - 1)}`;
        }),
    }];
};

export const warningsSection: SectionBuilder = (input, s) => input.warnings.length ? [{
    id: "warnings",
    title: `Warnings: ${input.warnings.length}`,
    lines: input.warnings.map(w => `${s.yellow("warning")} ${s.dim(`[${w.code}]`)} ${w.message}`),
}] : [];

/** Failing checks that count: a check waiting for a pending spoke is not a failure. */
export function failures(checks: readonly PathCheck[], pending: readonly string[] = []): PathCheck[] {
    const waiting = new Set(pending);
    return checks.filter(x => x.verdict === "fail" && !waiting.has(x.source));
}

export const summarySection: SectionBuilder = (input, s) => {
    const failed = failures(input.checks, input.pending).length;
    const waiting = input.checks.filter(x => (input.pending ?? []).includes(x.source)).length;
    const pass = input.checks.filter(x => x.verdict === "pass").length;
    const assumed = input.checks.filter(x => x.verdict === "pass" && x.assumed).length;
    return [{
        id: "summary",
        title: s.bold(`Summary: ${input.checks.length} path checks over ${input.stacks.length} stacks: `) +
            s.green(`${pass} pass`) + (assumed ? s.yellow(` (${assumed} on names assumed, verified at pulumi up)`) : "") + ", " + (failed ? s.red(`${failed} fail`) : "0 fail") +
            (waiting ? s.yellow(`, ${waiting} pending (${plural(input.pending!.length, "spoke")} not deployed yet)`) : "") +
            (input.warnings.length ? `, ${plural(input.warnings.length, "warning")}` : "") +
            (input.errors?.length ? s.red(`, ${plural(input.errors.length, "error")} (exit 2: listed first)`) : ""),
        lines: [],
    }];
};

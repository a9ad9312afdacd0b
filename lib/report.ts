// Renders a plan for people: what each account gets, the zones and records per service, each
// spoke's connectivity, the on-prem forwarder configs, and the path check table. Pure: takes
// the plan's data and a colour switch, returns text.
import pc from "picocolors";
import { HubConfig } from "./config";
import { ForwarderConfigs } from "./forwarders";
import { HubOutputs, PathCheck, PlannedStack, SpokeOutputs, Warning } from "./model";

export interface ReportInput {
    readonly stacks: readonly PlannedStack[];
    readonly checks: readonly PathCheck[];
    readonly warnings: readonly Warning[];
    readonly forwarders?: ForwarderConfigs;
    readonly direct?: string;
    /** Extra sections (cost, quotas), already rendered. */
    readonly sections?: readonly { title: string; body: string }[];
    readonly verbose: boolean;
    readonly color: boolean;
}

/** Pads to a width measured without colour codes. */
function pad(text: string, width: number): string {
    // eslint-disable-next-line no-control-regex
    const visible = text.replace(/\x1b\[[0-9;]*m/g, "").length;
    return text + " ".repeat(Math.max(0, width - visible));
}

function table(rows: string[][]): string {
    // eslint-disable-next-line no-control-regex
    const widths = rows[0].map((_, i) => Math.max(...rows.map(r => (r[i] ?? "").replace(/\x1b\[[0-9;]*m/g, "").length)));
    return rows.map(r => "  " + r.map((c, i) => i === r.length - 1 ? c : pad(c, widths[i])).join("  ")).join("\n");
}

/** The full tree of one stack: components with their children, by URN type chain. */
function tree(stack: PlannedStack): string {
    return stack.resources.map(r => {
        const chain = r.urn.split("::")[2] ?? r.type;
        const depth = chain.split("$").length - 1;
        return `${"  ".repeat(depth + 2)}${r.type} ${r.name}${r.id ? `  ${r.id}` : ""}`;
    }).join("\n");
}

export function renderReport(input: ReportInput): string {
    const c = pc.createColors(input.color);
    const out: string[] = [];
    const title = (t: string) => out.push("", c.bold(c.cyan(t)));
    out.push(c.bold("vpce-hub plan") + c.dim("  (simulated: ids, ARNs and addresses come from an offline simulation of AWS; nothing was deployed)"));

    title("Stacks");
    for (const s of input.stacks) {
        const custom = s.resources.filter(r => !r.component);
        out.push(`  ${c.bold(s.stack)}  ${s.role}  account ${s.accountId}  ${s.region}  ${custom.length} resources`);
        if (input.verbose) {
            out.push(tree(s));
        } else {
            const counts = new Map<string, number>();
            for (const r of custom) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
            out.push(table([...counts.entries()].sort().map(([t, n]) => [String(n).padStart(4), c.dim(t.split(":").pop()!), c.dim(t)])));
        }
    }

    const hub = input.stacks.find(s => s.role === "hub");
    if (hub) {
        const outputs = hub.outputs as HubOutputs;
        const cfg = hub.config as HubConfig;
        title(`Services (hub ${hub.stack}, VPC ${outputs.vpcId} ${outputs.vpcCidr})`);
        const rows: string[][] = [];
        for (const [name, svc] of Object.entries(outputs.services)) {
            svc.zones.forEach((z, i) => rows.push([
                i === 0 ? c.bold(name) : "", i === 0 ? svc.endpointId : "", z.name,
                z.wildcard ? `A ${z.name} + A *.${z.name}` : `A ${z.name}`,
                i === 0 ? c.dim(`tcp ${svc.ports.join(",")}`) : "",
            ]));
        }
        out.push(table([["SERVICE", "ENDPOINT", "ZONE", "RECORDS (alias to the endpoint's regional name)", "PORTS"].map(h => c.dim(h)), ...rows]));

        title("Spokes");
        const spokeRows = Object.entries(outputs.spokes).map(([name, entry]) => {
            const planned = input.stacks.find(s => s.stack === name);
            const so = planned?.outputs as SpokeOutputs | undefined;
            const link = entry.connectivity === "peering"
                ? `peering ${entry.peeringConnectionId}${so ? " (accepted by the spoke)" : c.red(" (no spoke stack: not accepted)")}`
                : `transitGateway ${outputs.transitGateway?.id}${so?.transitGatewayAttachmentId ? ` attachment ${so.transitGatewayAttachmentId}` : c.red(" (no spoke stack: not attached)")}`;
            const zones = so ? `${Object.keys(so.associatedZones).length} zones associated` : c.red("no zones associated");
            const auth = entry.authorizedZoneIds.length ? `${entry.authorizedZoneIds.length} authorizations` : "same account: no authorizations";
            return [c.bold(name), entry.accountId, entry.cidr, link, zones, c.dim(auth)];
        });
        out.push(spokeRows.length ? table(spokeRows) : "  (none)");

        if (cfg.onPrem) {
            title(`On-prem forwarders -> Resolver inbound ${outputs.resolverInboundIps.join(", ")}`);
            if (input.forwarders) {
                for (const [name, text] of [["BIND (named.conf)", input.forwarders.bind], ["Unbound", input.forwarders.unbound],
                    ["Windows DNS (PowerShell)", input.forwarders.windows], ["dnsmasq", input.forwarders.dnsmasq]]) {
                    out.push(`  ${c.bold(name)}`, text.trimEnd().split("\n").map(l => `    ${l}`).join("\n"));
                }
            }
            if (input.direct) {
                title("Without forwarders: on-prem hosts that resolve public DNS can call the endpoints by name");
                out.push(input.direct.trimEnd().split("\n").map(l => `  ${l}`).join("\n"));
            }
        }
    }

    title("Path checks (DNS answer, then route, return route and security group)");
    const serviceChecks = input.checks.filter(x => x.kind === "service");
    const isolation = input.checks.filter(x => x.kind === "isolation");
    const verdict = (x: PathCheck) => x.verdict === "pass" ? c.green("pass") : c.red("FAIL");
    const row = (x: PathCheck) => [x.source, x.service, x.host, x.answer.join(",") || "-", verdict(x), x.reason];
    const header = ["SOURCE", "SERVICE", "NAME", "ANSWER", "VERDICT", "MISSING"].map(h => c.dim(h));
    if (input.verbose || serviceChecks.length <= 80) {
        out.push(table([header, ...serviceChecks.map(row)]));
    } else {
        const bySource = new Map<string, PathCheck[]>();
        for (const x of serviceChecks) bySource.set(x.source, [...(bySource.get(x.source) ?? []), x]);
        const failing = serviceChecks.filter(x => x.verdict === "fail");
        out.push(table([["SOURCE", "NAMES", "PASS", "FAIL"].map(h => c.dim(h)), ...[...bySource.entries()].map(([src, xs]) => {
            const f = xs.filter(x => x.verdict === "fail").length;
            return [src, String(xs.length), c.green(String(xs.length - f)), f ? c.red(String(f)) : "0"];
        })]));
        if (failing.length) out.push("", table([header, ...failing.slice(0, 50).map(row)]));
        out.push(c.dim(`  (${serviceChecks.length} checks summarized; --verbose lists every one)`));
    }
    const leaks = isolation.filter(x => x.verdict === "fail");
    // One passing check per isolated spoke, one failing check per pair of spokes joined.
    const isolated = isolation.filter(x => x.verdict === "pass").length;
    const spokes = new Set(isolation.map(x => x.source)).size;
    out.push(`  spoke isolation: ${isolated}/${spokes} spokes reach no other spoke` +
        (leaks.length ? c.red(` - ${leaks.length} leak(s)`) : ""));
    for (const x of leaks.slice(0, 20)) out.push(`    ${c.red("FAIL")} ${x.source} -> ${x.service.replace(/^spoke:/, "")} ${x.host}: ${x.reason}`);

    for (const s of input.sections ?? []) {
        title(s.title);
        out.push(s.body.trimEnd().split("\n").map(l => `  ${l}`).join("\n"));
    }

    if (input.warnings.length) {
        title("Warnings");
        for (const w of input.warnings) out.push(`  ${c.yellow("warning")} ${c.dim(`[${w.code}]`)} ${w.message}`);
    }
    const failed = input.checks.filter(x => x.verdict === "fail").length;
    out.push("", c.bold(`Summary: ${input.checks.length} path checks over ${input.stacks.length} stacks: `) +
        c.green(`${input.checks.length - failed} pass`) + ", " + (failed ? c.red(`${failed} fail`) : "0 fail"));
    return out.join("\n") + "\n";
}

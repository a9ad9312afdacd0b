// The combination matrix: the example world planned across dns sharing and records x
// ipAddressType x prefixLists x organizationId x connectivity x one or two hubs x an own endpoint
// policy, a pairwise covering set (every pair of values of any two features in some world; see
// test/fixtures/matrix.ts). In each world, from its config alone: every declared network is
// admitted exactly and nothing else (endpoint security groups, through prefix lists too, and the
// Resolver's), every name answers from every source (A, and AAAA where IPv6 reaches), every
// member is isolated, the forwarders (per hub and merged, every format) send every zone to its
// hub's Resolver with the settings each DNS server needs, and each endpoint has the policy it
// should (none where the service takes none, the user's own, else the perimeter's), and the
// report says so (what each member and on-prem is admitted to).
import * as assert from "assert";
import { HubConfig, SpokeConfig } from "../lib/config";
import type { ForwarderConfigs } from "../lib/forwarders";
import { HubOutputs, PlannedStack, TYPES as T } from "../lib/model";
import { mustParseCidr } from "../lib/net/cidr";
import { parseCidr6 } from "../lib/net/ipv6";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { onPremConfigs } from "../plan/hubs";
import { admittedPorts } from "../lib/report/sections";
import { Combo, OWN_POLICY, allPairs, describeCombo, everyCombination, matrixFiles, pairwise } from "./fixtures/matrix";

// ---------------------------------------------------------------------------------------
// Address sets, compared as runs of addresses (so aggregation never hides a difference)

/** The union of blocks as sorted, merged [first, last] runs, one family. */
function runs(cidrs: readonly string[]): string {
    const ranges = cidrs.map(c => {
        if (c.includes(":")) {
            const p = parseCidr6(c);
            if (typeof p === "string") throw new Error(p);
            return [p.first, p.first + (1n << BigInt(128 - p.prefix)) - 1n];
        }
        const p = mustParseCidr(c);
        const first = p.network.octets.reduce((n, o) => n * 256n + BigInt(o), 0n);
        return [first, first + (1n << BigInt(32 - p.prefix)) - 1n];
    }).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const merged: bigint[][] = [];
    for (const r of ranges) {
        const last = merged[merged.length - 1];
        if (last && r[0] <= last[1] + 1n) { if (r[1] > last[1]) last[1] = r[1]; } else merged.push([...r]);
    }
    return merged.map(([a, b]) => `${a.toString(16)}-${b.toString(16)}`).join(",");
}

const v4 = (cidrs: readonly string[]) => cidrs.filter(c => !c.includes(":"));
const v6 = (cidrs: readonly string[]) => cidrs.filter(c => c.includes(":"));

// ---------------------------------------------------------------------------------------
// One world's expectations, from its config

interface World {
    readonly combo: Combo;
    readonly plan: PlanResult;
}

const hubsOf = (w: World) => w.plan.stacks.filter((s): s is PlannedStack & { config: HubConfig } => s.role === "hub");
const spokesOf = (w: World, hub: PlannedStack) => w.plan.stacks.filter(s => s.role === "spoke" && (s.config as SpokeConfig).hubStack.endsWith(`/${hub.stack}`));
const of = (s: PlannedStack, type: string) => s.resources.filter(r => !r.component && r.type === type);

/** The networks a hub must admit: its VPC, each registered spoke and on-prem, IPv6 blocks where declared. */
function declared(cfg: HubConfig): string[] {
    return [
        cfg.vpc.cidr, ...cfg.spokes.map(s => s.cidr), ...(cfg.onPrem?.cidrs ?? []),
        ...(cfg.vpc.kind === "existing" && cfg.vpc.ipv6Cidr ? [cfg.vpc.ipv6Cidr] : []),
        ...cfg.spokes.flatMap(s => s.ipv6Cidrs ?? []), ...(cfg.onPrem?.ipv6Cidrs ?? []),
    ];
}

/** Every endpoint security group admits exactly the declared networks on each of its service's ports, and nothing on any other port. */
function admissionProblems(w: World): string[] {
    const out: string[] = [];
    for (const hub of hubsOf(w)) {
        const lists = new Map(of(hub, T.managedPrefixList).map(r => [r.id, (r.inputs.entries ?? []).map((e: { cidr: string }) => e.cidr) as string[]]));
        const outputs = hub.outputs as HubOutputs;
        for (const svc of hub.config.services) {
            const sg = of(hub, T.securityGroup).find(r => r.name === `${svc.name}-endpoint`);
            if (!sg) { out.push(`${hub.stack}: no security group for ${svc.name}`); continue; }
            const dual = outputs.services[svc.name]?.ipAddressType === "dualstack";
            const want = declared(hub.config).filter(c => dual || !c.includes(":"));
            const rules: { fromPort: number; toPort: number; protocol: string; cidrBlocks?: string[]; ipv6CidrBlocks?: string[]; prefixListIds?: string[] }[] = sg.inputs.ingress ?? [];
            for (const rule of rules) {
                if (rule.protocol !== "tcp" || rule.fromPort !== rule.toPort || !svc.ports.includes(rule.fromPort)) out.push(`${hub.stack}: ${svc.name} admits ${rule.protocol} ${rule.fromPort}-${rule.toPort}, not one of its ports`);
                for (const id of rule.prefixListIds ?? []) if (!lists.has(id)) out.push(`${hub.stack}: ${svc.name} refers to prefix list ${id}, which the plan does not hold`);
            }
            for (const port of svc.ports) {
                const at = rules.filter(r => r.fromPort === port);
                const admitted = at.flatMap(r => [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? []), ...(r.prefixListIds ?? []).flatMap(id => lists.get(id) ?? [])]);
                for (const [family, pick] of [["IPv4", v4], ["IPv6", v6]] as const) {
                    if (runs(pick(admitted)) !== runs(pick(want))) {
                        out.push(`${hub.stack}: ${svc.name} port ${port} admits ${family} ${JSON.stringify(pick(admitted))}, declared ${JSON.stringify(pick(want))}`);
                    }
                }
            }
            if ((sg.inputs.egress ?? []).length) out.push(`${hub.stack}: ${svc.name}'s group has egress rules`);
        }
        // The Resolver admits the on-prem DNS servers on 53, UDP and TCP, and no one else.
        const resolver = of(hub, T.securityGroup).find(r => r.name === "inbound-resolver");
        if (hub.config.onPrem && resolver) {
            for (const protocol of ["udp", "tcp"]) {
                const admitted = (resolver.inputs.ingress ?? []).filter((r: any) => r.protocol === protocol && r.fromPort === 53 && r.toPort === 53).flatMap((r: any) => r.cidrBlocks ?? []);
                if (runs(admitted) !== runs(hub.config.onPrem.dnsServerCidrs)) out.push(`${hub.stack}: the Resolver admits ${protocol} 53 from ${JSON.stringify(admitted)}, declared DNS servers ${JSON.stringify(hub.config.onPrem.dnsServerCidrs)}`);
            }
            if ((resolver.inputs.ingress ?? []).some((r: any) => r.fromPort !== 53 || r.toPort !== 53)) out.push(`${hub.stack}: the Resolver admits more than port 53`);
        } else if (hub.config.onPrem) out.push(`${hub.stack}: no Resolver security group`);
    }
    return out;
}

/** What the report says each member and on-prem is admitted to (lib/report/sections.ts admittedPorts): every endpoint, on every port of its service. */
function reportProblems(w: World): string[] {
    const out: string[] = [];
    for (const hub of hubsOf(w)) {
        const ports = [...new Set(hub.config.services.flatMap(svc => svc.ports.map(p => `tcp ${p}`)))].sort().join(", ");
        for (const cidr of [...hub.config.spokes.map(s => s.cidr), ...(hub.config.onPrem?.cidrs ?? [])]) {
            const a = admittedPorts(hub, cidr);
            if (a.endpoints !== a.of || a.of !== hub.config.services.length || a.ports !== ports) {
                out.push(`${hub.stack}: the report says ${cidr} is admitted to ${a.ports} at ${a.endpoints}/${a.of} endpoints; every endpoint admits it, on ${ports}`);
            }
        }
    }
    return out;
}

/** Every zone name of every hub answers from each of its members and on-prem (A), and AAAA from IPv6 sources for dual-stack services. */
function answerProblems(w: World): string[] {
    const out: string[] = [];
    const several = hubsOf(w).length > 1;
    for (const hub of hubsOf(w)) {
        const cfg = hub.config;
        const outputs = hub.outputs as HubOutputs;
        const members = spokesOf(w, hub);
        const sources = [...members.map(m => ({ name: m.stack, ipv6: Boolean((m.config as SpokeConfig).vpc.ipv6Cidr) })), ...(cfg.onPrem ? [{ name: "on-prem", ipv6: Boolean(cfg.onPrem.ipv6Cidrs?.length) }] : [])];
        assert.strictEqual(members.length, cfg.spokes.length, `${hub.stack}: every registered member planned`);
        for (const svc of cfg.services) {
            const dual = outputs.services[svc.name]?.ipAddressType === "dualstack";
            for (const zone of svc.zones) {
                for (const src of sources) {
                    for (const type of dual && src.ipv6 ? ["A", "AAAA"] : ["A"]) {
                        const hit = w.plan.checks.find(c => c.kind === "service" && c.source === src.name && (c.recordType ?? "A") === type &&
                            (!several || c.hub === hub.stack) && (c.host === zone.name || (zone.wildcard && c.host.endsWith(`.${zone.name}`))));
                        if (!hit) out.push(`${hub.stack}: no ${type} check of ${zone.name} from ${src.name}`);
                        else if (hit.verdict !== "pass") out.push(`${hub.stack}: ${type} ${zone.name} from ${src.name} fails: ${hit.reason}`);
                    }
                }
            }
        }
        // Each member proved isolated from the other members, and from every other hub.
        for (const m of members) {
            const iso = w.plan.checks.filter(c => c.kind === "isolation" && c.source === m.stack);
            if (!iso.some(c => c.service === "spoke:*" && c.verdict === "pass")) out.push(`${m.stack}: not proved isolated from the other members`);
            for (const other of hubsOf(w).filter(h => h !== hub)) {
                if (!iso.some(c => c.service === `hub:${other.stack}` && c.verdict === "pass")) out.push(`${m.stack}: not proved isolated from hub ${other.stack}`);
            }
        }
    }
    for (const c of w.plan.checks.filter(x => x.verdict === "fail")) out.push(`check fails: ${c.source} ${c.host}: ${c.reason}`);
    return out;
}

// ---------------------------------------------------------------------------------------
// Forwarders, read back the way each DNS server reads them

interface Forward { ips: string[]; settings: Set<string> }

/** What each format's text tells its daemon: zone -> Resolver addresses and per-zone settings. */
function readForwarders(format: keyof ForwarderConfigs, text: string): Map<string, Forward> {
    const zones = new Map<string, Forward>();
    const at = (z: string) => zones.get(z) ?? zones.set(z, { ips: [], settings: new Set() }).get(z)!;
    let current: string | undefined;
    for (const line of text.split("\n")) {
        let m: RegExpMatchArray | null;
        if (format === "bind" && (m = line.match(/^zone "([^"]+)" \{ type forward; (forward only; )?forwarders \{ ((?:[0-9.]+; )+)\}; \};$/))) {
            at(m[1]).ips.push(...m[3].split("; ").filter(Boolean).map(s => s.replace(/;$/, "")));
            if (m[2]) at(m[1]).settings.add("forward only");
        } else if (format === "unbound") {
            if ((m = line.match(/^ {2}(private-domain|domain-insecure): "([^"]+)"$/))) at(m[2]).settings.add(m[1]);
            else if (line === "forward-zone:") current = undefined;
            else if ((m = line.match(/^ {2}name: "([^"]+)"$/))) current = m[1];
            else if ((m = line.match(/^ {2}forward-addr: ([0-9.]+)$/)) && current) at(current).ips.push(m[1]);
        } else if (format === "windows" && (m = line.match(/^Add-DnsServerConditionalForwarderZone -Name "([^"]+)" -MasterServers ([0-9.,]+)$/))) {
            at(m[1]).ips.push(...m[2].split(","));
        } else if (format === "dnsmasq") {
            if ((m = line.match(/^server=\/([^/]+)\/([0-9.]+)$/))) at(m[1]).ips.push(m[2]);
            else if ((m = line.match(/^rebind-domain-ok=\/([^/]+)\/$/))) at(m[1]).settings.add("rebind-domain-ok");
        }
    }
    return zones;
}

/** What each daemon needs besides the addresses: BIND must not fall back to recursion, Unbound and dnsmasq must keep private answers and not validate unsigned zones. */
const NEEDS: Readonly<Record<keyof ForwarderConfigs, readonly string[]>> = {
    bind: ["forward only"], unbound: ["private-domain", "domain-insecure"], windows: [], dnsmasq: ["rebind-domain-ok"],
};

function forwarderProblems(what: string, configs: ForwarderConfigs | undefined, hubs: readonly (PlannedStack & { config: HubConfig })[]): string[] {
    if (!configs) return [`${what}: no forwarders`];
    const out: string[] = [];
    const want = new Map<string, string[]>();
    for (const h of hubs) for (const z of h.config.services.flatMap(s => s.zones)) want.set(z.name.toLowerCase(), [...(h.outputs as HubOutputs).resolverInboundIps]);
    for (const format of Object.keys(NEEDS) as (keyof ForwarderConfigs)[]) {
        const got = readForwarders(format, configs[format]);
        for (const [zone, ips] of want) {
            const f = got.get(zone);
            if (!f) { out.push(`${what} ${format}: ${zone} is not forwarded`); continue; }
            if (JSON.stringify([...f.ips].sort()) !== JSON.stringify([...ips].sort())) out.push(`${what} ${format}: ${zone} goes to ${f.ips.join(", ")}, its hub's Resolver is ${ips.join(", ")}`);
            for (const s of NEEDS[format]) if (!f.settings.has(s)) out.push(`${what} ${format}: ${zone} lacks ${s}`);
        }
        for (const zone of got.keys()) if (!want.has(zone)) out.push(`${what} ${format}: ${zone} is forwarded but no hub with on-prem serves it`);
    }
    return out;
}

function allForwarderProblems(w: World): string[] {
    const hubs = hubsOf(w).filter(h => h.config.onPrem);
    return [
        ...hubs.flatMap(h => forwarderProblems(`${h.stack}'s forwarders output`, (h.outputs as HubOutputs).forwarders, [h])),
        ...forwarderProblems("the merged forwarders", onPremConfigs(w.plan.stacks).forwarders, hubs),
    ];
}

// ---------------------------------------------------------------------------------------
// Endpoint policies

function policyProblems(w: World): string[] {
    const out: string[] = [];
    for (const hub of hubsOf(w)) {
        const cfg = hub.config;
        const accounts = [...new Set([hub.accountId, ...cfg.spokes.map(s => s.accountId), ...(cfg.trustedAccounts ?? [])])].sort();
        for (const svc of cfg.services) {
            const endpoint = of(hub, T.vpcEndpoint).find(r => r.name === svc.name);
            if (!endpoint) { out.push(`${hub.stack}: no endpoint for ${svc.name}`); continue; }
            const policy = endpoint.inputs.policy as string | undefined;
            if (!svc.supportsPolicy) {
                if (policy !== undefined) out.push(`${hub.stack}: ${svc.name} takes no endpoint policy, but gets one`);
                continue;
            }
            if (policy === undefined) { out.push(`${hub.stack}: ${svc.name} takes an endpoint policy, but gets none`); continue; }
            const doc = JSON.parse(policy);
            if (svc.name === "sqs" && w.combo.policy === "own") {
                if (JSON.stringify(doc) !== JSON.stringify(OWN_POLICY)) out.push(`${hub.stack}: sqs's own policy was not used as given: ${policy}`);
                continue;
            }
            // Every statement that names callers or resources names exactly the perimeter.
            for (const st of doc.Statement as { Sid: string; Condition?: Record<string, Record<string, unknown>> }[]) {
                const cond = st.Condition?.StringEquals ?? {};
                const org = cfg.organizationId;
                for (const [k, v] of Object.entries(cond)) {
                    if (k === "aws:PrincipalOrgID" || k === "aws:ResourceOrgID") { if (v !== org) out.push(`${hub.stack}: ${svc.name} ${st.Sid}: ${k} ${JSON.stringify(v)}, organization ${org ?? "none"}`); }
                    if (k === "aws:PrincipalAccount" || (k === "aws:ResourceAccount" && Array.isArray(v))) {
                        if (org || JSON.stringify([...(v as string[])].sort()) !== JSON.stringify(accounts)) out.push(`${hub.stack}: ${svc.name} ${st.Sid}: ${k} ${JSON.stringify(v)}, expected ${org ? `the organization ${org}` : JSON.stringify(accounts)}`);
                    }
                }
            }
            const first = doc.Statement[0]?.Condition?.StringEquals ?? {};
            const perimeter = cfg.organizationId ? first["aws:PrincipalOrgID"] === cfg.organizationId : Array.isArray(first["aws:PrincipalAccount"]);
            if (!perimeter) out.push(`${hub.stack}: ${svc.name}'s first statement is not the perimeter: ${JSON.stringify(doc.Statement[0])}`);
        }
    }
    return out;
}

// ---------------------------------------------------------------------------------------

describe("the combination matrix: the example world across every pair of feature values (test/fixtures/matrix.ts)", function () {
    this.timeout(60_000);
    // VPCE_MATRIX=all plans every combination (576 worlds, a few minutes): for a change to one of the features.
    const combos = process.env.VPCE_MATRIX === "all" ? everyCombination() : pairwise();

    it("the worlds cover every pair of values of any two features, in few worlds", () => {
        const key = (c: Combo) => Object.entries(c).map(([k, v]) => `${k}=${v}`);
        const covered = new Set(combos.flatMap(c => { const kv = key(c); return kv.flatMap((a, i) => kv.slice(i + 1).map(b => `${a}|${b}`)); }));
        assert.deepStrictEqual(allPairs().filter(p => !covered.has(p)), []);
        assert.ok(combos.length <= 16 || process.env.VPCE_MATRIX === "all", `${combos.length} worlds`);
    });

    const seen = { withoutPolicy: 0, ownPolicy: 0, prefixListRules: 0, ipv6Rules: 0, mergedHubs: 0 };
    for (const combo of combos) {
        it(`${describeCombo(combo)}: every network admitted exactly, every name from every source, members isolated, forwarders and policies right`, async () => {
            const files = matrixFiles(combo);
            const v = validateStacks(files);
            assert.deepStrictEqual(v.errors, []);
            const w: World = { combo, plan: await evaluate(files, v.configs) };
            assert.deepStrictEqual([...admissionProblems(w), ...answerProblems(w), ...allForwarderProblems(w), ...policyProblems(w), ...reportProblems(w)], []);
            for (const hub of hubsOf(w)) {
                seen.withoutPolicy += of(hub, T.vpcEndpoint).filter(r => r.inputs.policy === undefined).length;
                seen.ownPolicy += combo.policy === "own" ? 1 : 0;
                seen.prefixListRules += of(hub, T.securityGroup).filter(r => (r.inputs.ingress ?? []).some((x: any) => x.prefixListIds?.length)).length;
                seen.ipv6Rules += of(hub, T.securityGroup).filter(r => (r.inputs.ingress ?? []).some((x: any) => x.ipv6CidrBlocks?.length)).length;
            }
            seen.mergedHubs += hubsOf(w).length > 1 ? 1 : 0;
        });
    }

    it("the matrix exercised what it asserts: endpoints without a policy, own policies, prefix-list rules, IPv6 rules, merged forwarders of two hubs", () => {
        for (const [k, n] of Object.entries(seen)) assert.ok(n > 0, `${k}: ${n}`);
    });
});

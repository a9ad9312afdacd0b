// The plan's topology as a Mermaid flowchart (GitHub and most wikis render it): on-prem, each
// hub with its Resolver, endpoints and Transit Gateway, and the spokes grouped by how they
// connect. A group larger than EXPAND_GROUP_UP_TO is one node (with its failing spokes drawn
// on their own), so a 1,000-spoke fleet stays a readable picture. Pure: text in, text out.
import type { PlanDocument } from "../planDocument";
import { EXPAND_GROUP_UP_TO, HubNode, SpokeGroup, SpokeNode, Topology, buildTopology, failingChecks, onPremKey } from "./topology";

/** Failing spokes of a collapsed group still drawn one by one, at most. */
const FAILING_SHOWN = 10;
/** Endpoints drawn one by one up to this many services; above, one node lists them. */
const ENDPOINTS_SHOWN = 12;

/**
 * Text for a Mermaid label in double quotes: Mermaid's own entity codes for what would end the
 * label or be read as markup, so names from user config cannot break out of their node.
 */
export function mermaidText(s: string): string {
    // `%` too: Mermaid finds `%%{...}%%` directives (which change its configuration) and `%%`
    // comments anywhere in the text, quotes or not.
    return s.replace(/#/g, "#35;").replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;")
        .replace(/[[\]{}()|`%]/g, c => `#${c.charCodeAt(0)};`).replace(/[\r\n\u2028\u2029]+/g, " ");
}

class Ids {
    private readonly used = new Map<string, number>();
    /** A node id from a stable key (stack, service), unique, of the characters Mermaid ids allow. */
    id(key: string): string {
        const base = key.replace(/[^A-Za-z0-9_]/g, "_");
        const n = this.used.get(base) ?? 0;
        this.used.set(base, n + 1);
        return n ? `${base}_${n}` : base;
    }
}

const CONNECTIVITY = { peering: "VPC peering", transitGateway: "Transit Gateway" } as const;

function spokeLabel(s: SpokeNode): string {
    const state = !s.inPlan ? "<br/>pending: no stack file in the plan" : s.failing ? `<br/>${failingChecks(s.failing)}` : "";
    const v6 = s.ipv6Cidrs?.length ? `<br/>${mermaidText(s.ipv6Cidrs.join(", "))}` : "";
    return `${mermaidText(s.stack)}<br/>${mermaidText(s.cidr)} · ${mermaidText(s.accountId)}${v6}${state}`;
}

function spokeClass(s: SpokeNode): string {
    return !s.inPlan ? "missing" : s.verdict === "fail" ? "fail" : "spoke";
}

export function renderMermaid(doc: PlanDocument, topology: Topology = buildTopology(doc)): string {
    const ids = new Ids();
    const out: string[] = ["flowchart LR"];
    const add = (line: string, depth = 1) => out.push("  ".repeat(depth) + line);
    // One on-prem network behind several hubs is one node, with a link to each.
    const onPremIds = new Map<string, string>();
    for (const hub of topology.hubs) renderHub(hub, ids, add, onPremIds);
    if (topology.unattached.length) {
        add(`subgraph ${ids.id("unattached")}["spokes whose hub is not in this plan"]`);
        for (const s of topology.unattached) add(`${ids.id(`spoke_${s.stack}`)}["${spokeLabel(s)}"]:::${spokeClass(s)}`, 2);
        add("end");
    }
    add("classDef hub fill:#e8f0fe,stroke:#1a56db,color:#111");
    add("classDef spoke fill:#e7f6ec,stroke:#137333,color:#111");
    add("classDef fail fill:#fde7e7,stroke:#c5221f,color:#111,stroke-width:2px");
    add("classDef missing fill:#eee,stroke:#777,color:#111,stroke-dasharray:4 3");
    add("classDef onprem fill:#fff4e5,stroke:#b06000,color:#111");
    return out.join("\n") + "\n";
}

function renderHub(hub: HubNode, ids: Ids, add: (line: string, depth?: number) => void, onPremIds: Map<string, string>): void {
    const h = ids.id(`hub_${hub.stack}`);
    add(`subgraph ${ids.id(`vpc_${hub.stack}`)}["hub ${mermaidText(hub.stack)} · account ${mermaidText(hub.accountId)} · ${mermaidText(hub.region)}"]`);
    add(`${h}["hub ${mermaidText(hub.stack)}<br/>VPC ${mermaidText(hub.vpcId)}<br/>${mermaidText(hub.cidr)}${hub.ipv6Cidr ? `<br/>${mermaidText(hub.ipv6Cidr)}` : ""}"]:::hub`, 2);
    const endpointIds: string[] = [];
    if (hub.endpoints.length <= ENDPOINTS_SHOWN) {
        for (const e of hub.endpoints) {
            const id = ids.id(`ep_${hub.stack}_${e.service}`);
            endpointIds.push(id);
            add(`${id}(["${mermaidText(e.service)} endpoint<br/>${mermaidText(e.endpointId)}"])`, 2);
        }
    } else {
        const id = ids.id(`ep_${hub.stack}`);
        endpointIds.push(id);
        add(`${id}(["${hub.endpoints.length} interface endpoints<br/>${mermaidText(hub.endpoints.map(e => e.service).join(", "))}"])`, 2);
    }
    let resolver: string | undefined;
    if (hub.resolverIps.length) {
        resolver = ids.id(`resolver_${hub.stack}`);
        add(`${resolver}{{"Route 53 Resolver inbound<br/>${mermaidText(hub.resolverIps.join(", "))}"}}`, 2);
    }
    let profile: string | undefined;
    if (hub.profileId) {
        profile = ids.id(`profile_${hub.stack}`);
        add(`${profile}[("Route 53 Profile<br/>${mermaidText(hub.profileId)}")]`, 2);
    }
    let tgw: string | undefined;
    if (hub.transitGatewayId) {
        tgw = ids.id(`tgw_${hub.stack}`);
        add(`${tgw}[/"Transit Gateway<br/>${mermaidText(hub.transitGatewayId)}"/]`, 2);
    }
    add("end");
    for (const e of endpointIds) add(`${h} --- ${e}`);
    if (resolver) add(`${h} --- ${resolver}`);
    if (profile) add(`${h} --- ${profile}`);
    if (tgw) add(`${tgw} --- ${h}`);

    if (hub.onPrem) {
        const key = onPremKey(hub.onPrem);
        let o = onPremIds.get(key);
        if (!o) {
            o = ids.id(`onprem_${hub.stack}`);
            onPremIds.set(key, o);
            const seen = hub.onPrem.acrossHubs ?? hub.onPrem;
            const failing = seen.failing ? `<br/>${failingChecks(seen.failing)}` : "";
            add(`${o}["on-prem<br/>${mermaidText([...hub.onPrem.cidrs, ...(hub.onPrem.ipv6Cidrs ?? [])].join(", "))}${failing}"]:::${seen.verdict === "fail" ? "fail" : "onprem"}`);
        }
        add(`${o} -- "${mermaidText(hub.onPrem.link)}" --> ${h}`);
        if (resolver) add(`${o} -. "DNS forwarders" .-> ${resolver}`);
    }
    for (const g of hub.groups) {
        const group = renderGroup(g, h, tgw, ids, add);
        // Profile mode: every spoke VPC of the group associates the one profile instead of each zone.
        if (profile) add(`${group} -. "profile association" .-> ${profile}`);
    }
}

/** Draws one connectivity group as a subgraph; returns the subgraph's id. */
function renderGroup(g: SpokeGroup, hubId: string, tgwId: string | undefined, ids: Ids, add: (line: string, depth?: number) => void): string {
    const target = g.connectivity === "transitGateway" && tgwId ? tgwId : hubId;
    const link = g.connectivity === "peering" ? "peering" : "attachment";
    const failing = g.spokes.filter(s => s.verdict === "fail" || !s.inPlan);
    const pendingCount = failing.filter(s => !s.inPlan).length;
    const groupId = ids.id(`group_${g.id}`);
    add(`subgraph ${groupId}["${g.spokes.length} spoke${g.spokes.length === 1 ? "" : "s"} by ${CONNECTIVITY[g.connectivity]}"]`);
    const drawn: string[] = [];
    if (g.spokes.length <= EXPAND_GROUP_UP_TO) {
        for (const s of g.spokes) {
            const id = ids.id(`spoke_${s.stack}`);
            drawn.push(id);
            add(`${id}["${spokeLabel(s)}"]:::${spokeClass(s)}`, 2);
        }
    } else {
        const id = ids.id(`spokes_${g.id}`);
        drawn.push(id);
        const first = g.spokes[0].stack, last = g.spokes[g.spokes.length - 1].stack;
        const passing = g.spokes.length - failing.length;
        const failed = failing.length - pendingCount;
        add(`${id}["${g.spokes.length} spokes: ${mermaidText(first)} … ${mermaidText(last)}<br/>${passing} passing every check${failed ? `, ${failed} failing` : ""}${pendingCount ? `, ${pendingCount} pending` : ""}"]:::${failed ? "fail" : "spoke"}`, 2);
        for (const s of failing.slice(0, FAILING_SHOWN)) {
            const sid = ids.id(`spoke_${s.stack}`);
            drawn.push(sid);
            add(`${sid}["${spokeLabel(s)}"]:::${spokeClass(s)}`, 2);
        }
        // The spokes not drawn, failing and pending counted apart (a pending one has no stack yet).
        const rest = failing.slice(FAILING_SHOWN);
        const restPending = rest.filter(s => !s.inPlan).length, restFailing = rest.length - restPending;
        if (rest.length) {
            const words = [restFailing ? `${restFailing} more failing` : "", restPending ? `${restPending} more pending` : ""].filter(Boolean).join(", ");
            add(`${ids.id(`more_${g.id}`)}["… ${words}"]:::${restFailing ? "fail" : "missing"}`, 2);
        }
    }
    add("end");
    for (const id of drawn) add(`${id} -- ${link} --> ${target}`);
    return groupId;
}

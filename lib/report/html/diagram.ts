// The topology as inline SVG: each hub (VPC, Resolver, Transit Gateway, one chip per endpoint)
// on the left with on-prem above it, its spokes on the right grouped by connectivity. Every
// stack is a node with data-stack. A group of up to EXPAND_GROUP_UP_TO spokes shows each spoke
// as a labelled box; a larger group shows each spoke as a small square (name on hover, failing
// ones red) so that 1,000 spokes still fit on a screen and a failure still stands out.
import { EXPAND_GROUP_UP_TO, HubNode, SpokeGroup, SpokeNode, Topology, failingChecks, onPremKey } from "../topology";
import { esc } from "./escape";

const CHAR = 6.6; // average glyph width at 12px in the page's sans-serif font
// Laid out to fit a 1,000 px window at full size (the page's content is 952 px wide there);
// narrower windows scale it down (max-width: 100%) rather than cut it off.
// On-prem stands above its hub, so spokes get the width: three boxes a row.
const MARGIN_X = 8;
const HUB_X = 24, HUB_W = 300;
const ONPREM_GAP = 34;
const GROUP_X = 392, GROUP_W = 540;
const WIDTH = GROUP_X + GROUP_W + 8;
const SPOKE_W = 166, SPOKE_H = 48, SPOKE_H6 = 62, GAP = 8, SPOKES_PER_ROW = 3;
const SQUARE = 10, SQUARE_GAP = 2, SQUARES_PER_ROW = Math.floor((GROUP_W - 24) / (SQUARE + SQUARE_GAP));

/** Cuts text to what fits in `width` px, with an ellipsis (the full text stays in a <title>). */
function fit(text: string, width: number): string {
    const max = Math.max(3, Math.floor(width / CHAR));
    return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

/** The page's CSS sets .sub text at 10.5px instead of 12px: as many more of its glyphs fit. */
const SUB_SCALE = 12 / 10.5;
/** Edge labels are 10px. */
const EDGE_SCALE = 12 / 10;

function text(x: number, y: number, value: string, width: number, cls = ""): string {
    const room = cls.startsWith("sub") ? width * SUB_SCALE : cls.startsWith("edgelabel") ? width * EDGE_SCALE : width;
    return `<text x="${x}" y="${y}"${cls ? ` class="${cls}"` : ""}>${esc(fit(value, room))}</text>`;
}

interface Drawn { svg: string[]; height: number }

function spokeClass(s: SpokeNode): string {
    return !s.inPlan ? "missing" : s.verdict === "fail" ? "fail" : s.verdict === "pass" ? "pass" : "unchecked";
}

function spokeTitle(s: SpokeNode): string {
    const state = !s.inPlan ? "registered by the hub, no stack file in the plan: its checks are pending" : s.failing ? failingChecks(s.failing) : s.verdict === "pass" ? "every check passes" : "not checked";
    return `${s.stack}: account ${s.accountId}, VPC ${s.vpcId} ${s.cidr}${s.ipv6Cidrs?.length ? ` ${s.ipv6Cidrs.join(" ")}` : ""}, ${s.connectivity}; ${state}`;
}

function drawGroup(g: SpokeGroup, y: number, title?: string): Drawn & { anchorY: number } {
    const svg: string[] = [];
    const failing = g.spokes.filter(s => s.verdict === "fail" && s.inPlan);
    const pendingCount = g.spokes.filter(s => !s.inPlan).length;
    const label = `${g.spokes.length} spoke${g.spokes.length === 1 ? "" : "s"} ${title ?? `by ${g.connectivity === "peering" ? "VPC peering" : "Transit Gateway"}`}` +
        (failing.length ? ` · ${failing.length} failing` : "") + (pendingCount ? ` · ${pendingCount} pending` : "");
    let inner = y + 30;
    const body: string[] = [];
    if (g.spokes.length <= EXPAND_GROUP_UP_TO) {
        // A group with IPv6 blocks gives every box a line for them.
        const six = g.spokes.some(s => s.ipv6Cidrs?.length);
        const h = six ? SPOKE_H6 : SPOKE_H;
        g.spokes.forEach((s, i) => {
            const col = i % SPOKES_PER_ROW, row = Math.floor(i / SPOKES_PER_ROW);
            const x = GROUP_X + 12 + col * (SPOKE_W + GAP), sy = inner + row * (h + GAP);
            const v6 = s.ipv6Cidrs?.length ? `${s.ipv6Cidrs[0]}${s.ipv6Cidrs.length > 1 ? ` +${s.ipv6Cidrs.length - 1}` : ""}` : "no IPv6";
            body.push(`<g class="node spoke ${spokeClass(s)}" data-stack="${esc(s.stack)}" data-verdict="${esc(s.verdict)}"><title>${esc(spokeTitle(s))}</title>` +
                `<rect x="${x}" y="${sy}" width="${SPOKE_W}" height="${h}" rx="5"/>` +
                text(x + 8, sy + 15, s.stack, SPOKE_W - 16, "name") +
                text(x + 8, sy + 29, s.cidr, SPOKE_W - 16, "sub") +
                (six ? text(x + 8, sy + 43, v6, SPOKE_W - 16, "sub ipv6") : "") +
                text(x + 8, sy + h - 6, !s.inPlan ? "pending: no stack file" : s.failing ? failingChecks(s.failing) : `account ${s.accountId}`, SPOKE_W - 16, s.verdict === "fail" && s.inPlan ? "sub failtext" : "sub") + "</g>");
        });
        inner += Math.ceil(g.spokes.length / SPOKES_PER_ROW) * (h + GAP);
    } else {
        g.spokes.forEach((s, i) => {
            const x = GROUP_X + 12 + (i % SQUARES_PER_ROW) * (SQUARE + SQUARE_GAP);
            const sy = inner + Math.floor(i / SQUARES_PER_ROW) * (SQUARE + SQUARE_GAP);
            body.push(`<rect class="node spoke square ${spokeClass(s)}" data-stack="${esc(s.stack)}" data-verdict="${esc(s.verdict)}" x="${x}" y="${sy}" width="${SQUARE}" height="${SQUARE}"><title>${esc(spokeTitle(s))}</title></rect>`);
        });
        inner += Math.ceil(g.spokes.length / SQUARES_PER_ROW) * (SQUARE + SQUARE_GAP) + 6;
        body.push(text(GROUP_X + 12, inner + 10, `${g.spokes[0].stack} … ${g.spokes[g.spokes.length - 1].stack} (hover a square for its stack)`, GROUP_W - 24, "sub"));
        inner += 16;
        if (failing.length) {
            body.push(text(GROUP_X + 12, inner + 10, `failing: ${failing.slice(0, 8).map(s => s.stack).join(", ")}${failing.length > 8 ? `, and ${failing.length - 8} more` : ""}`, GROUP_W - 24, "sub failtext"));
            inner += 16;
        }
    }
    const height = inner - y + 8;
    svg.push(`<g class="group" data-group="${esc(g.id)}"><rect class="groupbox" x="${GROUP_X}" y="${y}" width="${GROUP_W}" height="${height}" rx="8"/>` +
        text(GROUP_X + 12, y + 19, label, GROUP_W - 24, "title") + body.join("") + "</g>");
    return { svg, height, anchorY: y + 19 };
}

/** Where an on-prem network was drawn, for the hubs after the first that reach it. */
interface OnPremAt { readonly top: number; readonly bottom: number }

/** CIDRs packed into lines that fit `width` px of .sub text. */
function packed(cidrs: readonly string[], width: number): string[] {
    const max = Math.floor(width * SUB_SCALE / CHAR);
    const lines: string[] = [];
    for (const c of cidrs) {
        const last = lines[lines.length - 1];
        if (last !== undefined && `${last}, ${c}`.length <= max) lines[lines.length - 1] = `${last}, ${c}`;
        else lines.push(c);
    }
    return lines;
}

/**
 * One hub: on-prem above it (its VPN and DNS forwarders drawn down into the hub), the hub's box
 * (VPC, Resolver, Profile, Transit Gateway, one chip per endpoint), and its spoke groups on the
 * right. An on-prem network an earlier hub already drew is not drawn again: a line from it down
 * the left margin reaches this hub.
 */
function drawHub(hub: HubNode, top: number, onPremAt: Map<string, OnPremAt>): Drawn {
    const svg: string[] = [];
    const o = hub.onPrem;
    const at = o ? onPremAt.get(onPremKey(o)) : undefined;
    let hubTop = top;
    let onPremBottom: number | undefined;
    if (o && !at) {
        const all = [...o.cidrs, ...(o.ipv6Cidrs ?? [])];
        const lines = packed(all, HUB_W - 20);
        const oh = 38 + lines.length * 14;
        const verdict = o.acrossHubs?.verdict ?? o.verdict, failing = o.acrossHubs?.failing ?? o.failing;
        onPremAt.set(onPremKey(o), { top, bottom: top + oh });
        svg.push(`<g class="node onprem ${verdict === "fail" ? "fail" : "pass"}" data-stack="on-prem"><title>${esc(`on-prem ${all.join(", ")} over ${o.link}`)}</title>` +
            `<rect x="${HUB_X}" y="${top}" width="${HUB_W}" height="${oh}" rx="8"/>` +
            text(HUB_X + 10, top + 18, `on-prem${failing ? ` · ${failing} failing` : ""}`, HUB_W - 20, "title") +
            lines.map((l, i) => text(HUB_X + 10, top + 34 + i * 14, l, HUB_W - 20, "sub")).join("") +
            text(HUB_X + 10, top + oh - 6, o.link, HUB_W - 20, "sub") + "</g>");
        onPremBottom = top + oh;
        hubTop = top + oh + ONPREM_GAP;
    }
    const lines = [`hub ${hub.stack}`, `account ${hub.accountId} · ${hub.region}`, `VPC ${hub.vpcId} · ${hub.cidr}`, ...(hub.ipv6Cidr ? [`IPv6 ${hub.ipv6Cidr}`] : [])];
    let y = hubTop + 12;
    const boxes: string[] = [];
    let resolverY: number | undefined, tgwY: number | undefined;
    y += 56 + (hub.ipv6Cidr ? 14 : 0);
    if (hub.resolverIps.length) {
        resolverY = y;
        boxes.push(`<g class="node resolver"><title>${esc(`Route 53 Resolver inbound endpoint: ${hub.resolverIps.join(", ")}`)}</title>` +
            `<rect x="${HUB_X + 12}" y="${y}" width="${HUB_W - 24}" height="34" rx="5"/>` +
            text(HUB_X + 20, y + 14, "Route 53 Resolver inbound", HUB_W - 40, "name") + text(HUB_X + 20, y + 28, hub.resolverIps.join(", "), HUB_W - 40, "sub") + "</g>");
        y += 42;
    }
    if (hub.profileId) {
        boxes.push(`<g class="node profile"><title>${esc(`Route 53 Profile ${hub.profileId}: spokes associate this one profile, which carries every zone`)}</title>` +
            `<rect x="${HUB_X + 12}" y="${y}" width="${HUB_W - 24}" height="24" rx="5"/>` +
            text(HUB_X + 20, y + 16, `Route 53 Profile ${hub.profileId}`, HUB_W - 40, "name") + "</g>");
        y += 32;
    }
    if (hub.transitGatewayId) {
        tgwY = y;
        boxes.push(`<g class="node tgw"><title>${esc(`Transit Gateway ${hub.transitGatewayId}`)}</title>` +
            `<rect x="${HUB_X + 12}" y="${y}" width="${HUB_W - 24}" height="24" rx="5"/>` +
            text(HUB_X + 20, y + 16, `Transit Gateway ${hub.transitGatewayId}`, HUB_W - 40, "name") + "</g>");
        y += 32;
    }
    boxes.push(text(HUB_X + 12, y + 12, `${hub.endpoints.length} interface endpoint${hub.endpoints.length === 1 ? "" : "s"}`, HUB_W - 24, "sub"));
    y += 18;
    const chipW = (HUB_W - 24 - GAP) / 2;
    hub.endpoints.forEach((e, i) => {
        const x = HUB_X + 12 + (i % 2) * (chipW + GAP), cy = y + Math.floor(i / 2) * 26;
        boxes.push(`<g class="node endpoint" data-service="${esc(e.service)}"><title>${esc(`${e.service}: ${e.endpointId}; zones ${e.zones.join(", ")}`)}</title>` +
            `<rect x="${x}" y="${cy}" width="${chipW}" height="20" rx="10"/>` + text(x + 10, cy + 14, e.service, chipW - 20) + "</g>");
    });
    y += Math.ceil(hub.endpoints.length / 2) * 26 + 6;
    const hubH = y - hubTop;
    svg.push(`<g class="node hub" data-stack="${esc(hub.stack)}"><title>${esc(lines.join("; "))}</title>` +
        `<rect class="hubbox" x="${HUB_X}" y="${hubTop}" width="${HUB_W}" height="${hubH}" rx="8"/>` +
        text(HUB_X + 12, hubTop + 22, lines[0], HUB_W - 24, "title") + text(HUB_X + 12, hubTop + 40, lines[1], HUB_W - 24, "sub") +
        text(HUB_X + 12, hubTop + 56, lines[2], HUB_W - 24, "sub") + (lines[3] ? text(HUB_X + 12, hubTop + 70, lines[3], HUB_W - 24, "sub ipv6") : "") + "</g>", ...boxes);

    if (o && onPremBottom !== undefined) {
        const vpnX = HUB_X + 40, dnsX = HUB_X + 150;
        svg.push(`<path class="edge vpn" d="M${vpnX} ${onPremBottom} V${hubTop}"/>` + text(vpnX + 6, onPremBottom + 18, "VPN", 60, "edgelabel"));
        if (resolverY !== undefined) {
            svg.push(`<path class="edge dns" d="M${dnsX} ${onPremBottom} V${hubTop}"><title>on-prem DNS forwarders send the hub's zones to its Resolver inbound endpoint</title></path>` +
                text(dnsX + 6, onPremBottom + 18, "DNS forwarders → Resolver", HUB_W - 156, "edgelabel"));
        }
    } else if (o && at) {
        // The same on-prem network as an earlier hub's: its VPN and DNS forwarders reach this hub too.
        svg.push(`<path class="edge vpn shared" data-onprem-of="${esc(o.sharedWith ?? "")}" d="M${HUB_X} ${at.top + 20} H${MARGIN_X} V${hubTop + 20} H${HUB_X}">` +
            `<title>${esc(`on-prem (drawn above hub ${o.sharedWith ?? ""}) to hub ${hub.stack} over ${o.link}${resolverY !== undefined ? "; its DNS forwarders send this hub's zones to its Resolver" : ""}`)}</title></path>` +
            text(HUB_X + 6, hubTop - 6, `on-prem (above) over ${o.link}${resolverY !== undefined ? ", DNS → Resolver" : ""}`, HUB_W - 12, "edgelabel"));
    }

    let gy = top;
    for (const g of hub.groups) {
        const d = drawGroup(g, gy);
        svg.push(...d.svg);
        const targetY = g.connectivity === "transitGateway" && tgwY !== undefined ? tgwY + 12 : hubTop + 22;
        const fromX = g.connectivity === "transitGateway" && tgwY !== undefined ? HUB_X + HUB_W - 12 : HUB_X + HUB_W;
        svg.push(`<path class="edge ${g.connectivity}" d="M${GROUP_X} ${d.anchorY} C${GROUP_X - 30} ${d.anchorY} ${fromX + 30} ${targetY} ${fromX} ${targetY}"/>` +
            text(fromX + 4, targetY - 4 + (g.connectivity === "peering" ? 0 : 14), g.connectivity === "peering" ? "peering" : "attachments", GROUP_X - fromX - 4, "edgelabel"));
        gy += d.height + 12;
    }
    return { svg, height: Math.max(y - top, gy - top) };
}

/** The whole diagram, as an <svg> element sized to its content. */
export function renderDiagram(t: Topology): string {
    const parts: string[] = [];
    let y = 12;
    const onPremAt = new Map<string, OnPremAt>();
    for (const hub of t.hubs) {
        const d = drawHub(hub, y, onPremAt);
        parts.push(...d.svg);
        y += d.height + 28;
    }
    if (t.unattached.length) {
        const g = drawGroup({ id: "unattached", connectivity: "peering", spokes: t.unattached }, y, "whose hub is not in this plan");
        parts.push(...g.svg);
        y += g.height + 20;
    }
    return `<svg class="topology" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${y}" width="${WIDTH}" height="${y}" style="max-width:100%;height:auto" role="img" aria-label="topology">${parts.join("")}</svg>`;
}

// `npm run plan -- --html FILE`: the plan as one self-contained HTML page (inline CSS, SVG and
// script; nothing loaded from anywhere), drawn from the plan document (the --json data): the
// topology, the path-check matrix, cost and quotas, the forwarder configs with copy buttons,
// and the warnings. Pure: document in, text out. Every text from the plan is escaped.
import type { HubConfig } from "../../config";
import { renderDirectEndpoints } from "../../forwarders";
import type { HubOutputs, PlannedStack } from "../../model";
import type { PlanDocument } from "../../planDocument";
import { quotaUsage } from "../../checks/quotas";
import { buildTopology } from "../topology";
import { renderCost, renderQuotas } from "./charts";
import { renderDiagram } from "./diagram";
import { esc, scriptJson } from "./escape";
import { pendingSources, renderMatrix } from "./matrix";

export const SIMULATED_NOTE = "Simulated: every id, ARN and address below comes from an offline simulation of AWS; nothing was deployed. " +
    "Real ids appear after pulumi up (pulumi stack output).";

/** The forwarder configurations in page order: [key, title, what to do with it]. */
export const FORWARDER_KINDS = [
    ["bind", "BIND (named.conf)", "add to named.conf (or a file it includes)"],
    ["unbound", "Unbound", "e.g. /etc/unbound/unbound.conf.d/vpce-hub.conf"],
    ["windows", "Windows DNS (PowerShell)", "run on the DNS server"],
    ["dnsmasq", "dnsmasq", "e.g. /etc/dnsmasq.d/vpce-hub.conf"],
] as const;

function codeBlock(id: string, title: string, hint: string, body: string): string {
    return `<div class="code" id="${esc(id)}"><div class="codehead"><strong>${esc(title)}</strong> <span class="dim">${esc(hint)}</span>` +
        `<button type="button" class="copy" data-copy="${esc(body)}" data-for="${esc(id)}">Copy</button></div><pre>${esc(body)}</pre></div>`;
}

function hubOf(doc: PlanDocument) {
    return doc.stacks.find(s => s.role === "hub") as (PlanDocument["stacks"][number] & { outputs: HubOutputs; config: HubConfig }) | undefined;
}

function forwardersSection(doc: PlanDocument): string {
    const hub = hubOf(doc);
    const parts: string[] = [];
    const resolvers = doc.stacks.filter(s => s.role === "hub" && (s.outputs as HubOutputs).resolverInboundIps?.length)
        .map(s => `${(s.outputs as HubOutputs).resolverInboundIps.join(", ")}${doc.stacks.filter(x => x.role === "hub").length > 1 ? ` (hub ${s.stack})` : ""}`);
    if (doc.forwarders) {
        parts.push(`<p>On-prem DNS servers forward the endpoint zones to the Resolver inbound endpoint${resolvers.length > 1 ? "s" : ""}${resolvers.length ? ` ${esc(resolvers.join("; "))}` : ""}. ` +
            "The addresses are simulated: take the real ones from the hub's stack output after pulumi up.</p>");
        for (const [k, title, hint] of FORWARDER_KINDS) parts.push(codeBlock(`fwd-${k}`, title, hint, doc.forwarders[k]));
    } else {
        parts.push("<p>No on-prem networks configured (vpce-hub:onPrem): no forwarders.</p>");
    }
    const direct = typeof doc.direct === "string" ? doc.direct
        : hub && hub.config.onPrem ? renderDirectEndpoints(Object.entries(hub.outputs.services).map(([service, s]) => ({ service, regionalDnsName: s.regionalDnsName, region: hub.outputs.region }))) : undefined;
    if (direct) {
        parts.push("<h3>Without forwarders: the public-DNS alternative</h3><p>On-prem hosts that resolve public DNS can call each endpoint by its regional name, " +
            "which resolves to the endpoint's private addresses (reachable over the VPN). Each client has to be told the endpoint URL.</p>",
            codeBlock("direct", "Endpoint URLs per service", "simulated names: use the hub's services output after pulumi up", direct));
    }
    return parts.join("");
}

function stacksTable(doc: PlanDocument): string {
    const rows = doc.stacks.map(s => `<tr data-stack="${esc(s.stack)}"><td>${esc(s.stack)}</td><td>${esc(s.role)}</td><td>${esc(s.accountId)}</td>` +
        `<td>${esc(s.region)}</td><td class="num">${(s.resources ?? []).filter(r => !r.component).length}</td></tr>`).join("");
    return `<details${doc.stacks.length <= 30 ? " open" : ""}><summary>${doc.stacks.length} stacks</summary>` +
        `<table class="plain"><thead><tr><th>stack</th><th>role</th><th>account</th><th>region</th><th>resources</th></tr></thead><tbody>${rows}</tbody></table></details>`;
}

/** Exit 2: every error as the command prints it, and the hubs left out of the plan because of them. */
function errorsSection(doc: PlanDocument): string {
    if (!doc.errors?.length) return "";
    const lines = doc.errors.map(e => `<li><code>error: ${esc(e.stack)}: ${esc(e.key)}:</code> ${esc(e.message)}</li>`).join("");
    const left = doc.notPlanned?.length
        ? `<p>Not planned: ${esc(doc.notPlanned.join(", "))}, with ${doc.notPlanned.length === 1 ? "its" : "their"} members.${doc.stacks.length ? " Every other hub is planned below." : ""}</p>` : "";
    return `<section id="errors"><h2>Errors</h2><p class="failtext">${doc.errors.length} configuration error${doc.errors.length === 1 ? "" : "s"}: npm run plan exits 2. ` +
        `Fix ${doc.errors.length === 1 ? "it" : "them"} before pulumi up.</p>${left}<ul class="errors">${lines}</ul></section>`;
}

/** Exit 2 with nothing planned: a page with the errors alone. */
function errorPage(doc: PlanDocument): string {
    const n = doc.errors?.length ?? 0;
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>vpce-hub plan: ${n} error${n === 1 ? "" : "s"}</title><style>${CSS}</style></head>
<body>
<header><h1>vpce-hub plan: nothing planned</h1>
<p><span class="badge fail">${n} configuration error${n === 1 ? "" : "s"} (exit 2)</span></p></header>
<main>${errorsSection(doc)}</main>
</body></html>
`;
}

export function renderHtmlReport(doc: PlanDocument): string {
    if (!doc.stacks.length && doc.errors?.length) return errorPage(doc);
    const topology = buildTopology(doc);
    const matrix = renderMatrix(doc.checks, topology);
    const hub = hubOf(doc);
    const pending = pendingSources(topology);
    const waiting = doc.checks.filter(c => pending.has(c.source)).length;
    const failing = doc.checks.filter(c => c.verdict === "fail" && !pending.has(c.source)).length;
    // Each hub's quotas count its own stack and its spokes'.
    const quotas = topology.hubs.map(h => {
        const members = new Set([h.stack, ...h.groups.flatMap(g => g.spokes.map(s => s.stack))]);
        const stacks = doc.stacks.filter(s => members.has(s.stack));
        const cfg = doc.stacks.find(s => s.stack === h.stack)!.config as HubConfig;
        const usage = stacks.every(s => s.resources) ? quotaUsage(stacks as unknown as readonly PlannedStack[], cfg.quotas) : [];
        return (topology.hubs.length > 1 ? `<h3>hub ${esc(h.stack)}</h3>` : "") + renderQuotas(usage);
    }).join("") || renderQuotas([]);
    const cost = doc.costByHub && Object.keys(doc.costByHub).length
        ? Object.entries(doc.costByHub).map(([name, c]) => `<div class="hub-cost" data-hub="${esc(name)}"><h3>hub ${esc(name)}</h3>${renderCost(c)}</div>`).join("")
        : renderCost(doc.cost);
    const spokes = doc.stacks.filter(s => s.role === "spoke").length;
    const title = `vpce-hub plan${topology.hubs.length > 1 ? `: ${topology.hubs.length} hubs` : hub ? `: hub ${hub.stack}` : ""}`;
    const errorBadge = doc.errors?.length ? `<span class="badge fail">${doc.errors.length} configuration error${doc.errors.length === 1 ? "" : "s"} (exit 2)</span> · ` : "";
    const verdict = errorBadge + (failing
        ? `<span class="badge fail">${failing} of ${doc.checks.length} path checks fail</span>`
        : `<span class="badge pass">${waiting ? `${doc.checks.length - waiting} of ${doc.checks.length}` : `all ${doc.checks.length}`} path checks pass</span>`);
    const waitingNote = waiting ? ` · <span class="badge pending">${waiting} checks pending: ${pending.size} registered spoke${pending.size === 1 ? "" : "s"} without a stack file</span>` : "";
    const warnings = doc.warnings.length
        ? `<ul class="warnings">${doc.warnings.map(w => `<li data-code="${esc(w.code)}"><code>${esc(w.code)}</code> ${esc(w.message)}</li>`).join("")}</ul>`
        : "<p>No warnings.</p>";
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title><style>${CSS}</style></head>
<body>
<header><h1>${esc(title)}</h1>
<p class="simulated" id="simulated">${esc(SIMULATED_NOTE)}</p>
<p>${verdict}${waitingNote} · ${topology.hubs.length} hub${topology.hubs.length === 1 ? "" : "s"} · ${spokes} spoke stack${spokes === 1 ? "" : "s"} · ${doc.warnings.length} warning${doc.warnings.length === 1 ? "" : "s"}</p>
<nav>${doc.errors?.length ? `<a href="#errors">Errors</a> ` : ""}<a href="#warnings">Warnings</a> <a href="#topology">Topology</a> <a href="#checks">Path checks</a> <a href="#cost">Cost</a> <a href="#quotas">Quotas</a> <a href="#forwarders">Forwarders</a> <a href="#stacks">Stacks</a></nav>
</header>
<main>
${errorsSection(doc)}
<section id="warnings"><h2>Warnings</h2>${warnings}</section>
<section id="topology"><h2>Topology</h2><div class="scroll">${renderDiagram(topology)}</div>
<p class="legend"><span class="key pass"></span> every check passes <span class="key fail"></span> a check fails <span class="key missing"></span> registered by the hub, no stack file</p></section>
<section id="checks"><h2>Path checks</h2>
<p>One cell per source and service (every name of the service: apex, wildcard, each zone) and per source's isolation from the other spokes. Click a cell for each name's DNS answer and hops.
<label class="filter"><input type="checkbox" id="only-failing"> only rows with a failing check</label></p>
${matrix.html}
<aside id="detail" hidden><button type="button" id="detail-close" aria-label="close">×</button><div id="detail-body"></div></aside>
</section>
<section id="cost"><h2>Cost</h2>${cost}</section>
<section id="quotas"><h2>Quotas</h2><p>The fullest subject of each quota the plan counts, against the limit it checks (AWS's default unless vpce-hub:quotas declares a raised one). Accounts may already hold some: keep headroom.</p>${quotas}</section>
<section id="forwarders"><h2>On-prem forwarders</h2>${forwardersSection(doc)}</section>
<section id="stacks"><h2>Stacks</h2>${stacksTable(doc)}</section>
</main>
<script type="application/json" id="matrix-data">${scriptJson(matrix.data)}</script>
<script>${SCRIPT}</script>
</body></html>
`;
}

const CSS = `
:root{--pass:#137333;--pass-bg:#e6f4ea;--fail:#c5221f;--fail-bg:#fce8e6;--miss:#80868b;--ink:#202124;--dim:#5f6368;--line:#dadce0;--hub:#1a56db;--hub-bg:#e8f0fe}
*{box-sizing:border-box}body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
header{padding:16px 24px 8px;border-bottom:1px solid var(--line);background:#f8f9fa}h1{margin:0 0 6px;font-size:22px}h2{margin:28px 0 10px;font-size:18px}h3{font-size:15px;margin:18px 0 6px}
main{padding:0 24px 48px;max-width:1400px}nav a{margin-right:14px;color:var(--hub)}
.simulated{margin:4px 0;padding:6px 10px;border-left:4px solid #f9ab00;background:#fef7e0;font-weight:600}
.badge{padding:2px 8px;border-radius:10px;font-weight:600}.badge.pass{background:var(--pass-bg);color:var(--pass)}.badge.fail{background:var(--fail-bg);color:var(--fail)}
.scroll{overflow:auto;max-width:100%}.dim{color:var(--dim)}.failtext{color:var(--fail);font-weight:600}.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;fill:var(--ink)}svg text.title{font-weight:700;font-size:13px}svg text.sub{fill:var(--dim);font-size:11px}svg text.edgelabel{fill:var(--dim);font-size:10px}svg text.failtext{fill:var(--fail);font-weight:600}svg text.sub{font-size:10.5px}
svg .hubbox{fill:var(--hub-bg);stroke:var(--hub);stroke-width:1.5}svg .groupbox{fill:#fafafa;stroke:var(--line)}
svg .node.spoke rect,svg rect.node.spoke{stroke-width:1.2}svg .pass rect,svg rect.pass{fill:var(--pass-bg);stroke:var(--pass)}svg .fail rect,svg rect.fail{fill:var(--fail-bg);stroke:var(--fail);stroke-width:2}
svg .missing rect,svg rect.missing{fill:#f1f3f4;stroke:var(--miss);stroke-dasharray:4 3}svg .unchecked rect,svg rect.unchecked{fill:#fff;stroke:var(--miss)}
svg .onprem rect{fill:#fff4e5;stroke:#b06000}svg .onprem.fail rect{fill:var(--fail-bg);stroke:var(--fail)}svg .resolver rect{fill:#fff;stroke:#b06000}svg .tgw rect{fill:#fff;stroke:#7b1fa2}svg .profile rect{fill:#fff;stroke:#00796b}svg .endpoint rect{fill:#fff;stroke:var(--hub)}
svg .edge{fill:none;stroke:#9aa0a6;stroke-width:1.5}svg .edge.dns{stroke-dasharray:5 4;stroke:#b06000}svg .edge.transitGateway{stroke:#7b1fa2}
svg.chart .bar rect{fill:#9aa0a6}svg.chart .bar.planned rect{fill:var(--hub)}svg.chart text.amount{font-weight:600}
.legend .key{display:inline-block;width:12px;height:12px;margin:0 4px 0 12px;vertical-align:-1px;border:1px solid}.key.pass{background:var(--pass-bg);border-color:var(--pass)}.key.fail{background:var(--fail-bg);border-color:var(--fail)}.key.missing{background:#f1f3f4;border-color:var(--miss);border-style:dashed}
details{margin:8px 0}summary{cursor:pointer;font-weight:600;padding:4px 0}
table.matrix{border-collapse:collapse;font-size:12px;table-layout:fixed}table.matrix th,table.matrix td{border:1px solid var(--line);padding:3px 6px}
table.matrix th.col{vertical-align:bottom;font-weight:600;white-space:nowrap;padding:4px 2px}table.matrix th.col span{writing-mode:vertical-rl;transform:rotate(180deg);display:inline-block;max-height:160px;overflow:hidden;text-overflow:ellipsis}table.matrix th.src{text-align:left;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;font-weight:600;position:sticky;left:0;background:#fff}
td.cell{text-align:center;cursor:pointer}td.cell.pass{background:var(--pass-bg);color:var(--pass);font-weight:700}
td.cell.fail{background:var(--fail-bg);color:var(--fail);text-align:left;font-size:11px;overflow-wrap:anywhere}td.cell.fail .mark{font-weight:700;font-size:13px}td.cell.none{color:var(--miss);cursor:default}td.cell.pending{background:#f1f3f4;color:var(--dim);font-size:11px}.badge.pending{background:#f1f3f4;color:var(--dim)}
td.cell:focus,td.cell.selected{outline:2px solid var(--hub);outline-offset:-2px}
body.only-failing tr.row-pass{display:none}.filter{margin-left:12px;font-weight:400}
#detail{position:fixed;right:16px;bottom:16px;width:min(720px,calc(100vw - 32px));max-height:60vh;overflow:auto;background:#fff;border:1px solid var(--line);border-radius:8px;box-shadow:0 4px 18px rgba(0,0,0,.18);padding:12px 16px;font-size:13px;z-index:10}
#detail-close{float:right;border:0;background:none;font-size:20px;cursor:pointer}#detail .check{border-top:1px solid var(--line);padding:6px 0}#detail .check.fail .verdict{color:var(--fail);font-weight:700}#detail .check.pass .verdict{color:var(--pass);font-weight:700}
#detail ol{margin:4px 0 0 18px;padding:0}#detail code{font-size:12px;overflow-wrap:anywhere}
table.plain{border-collapse:collapse;font-size:13px;margin:6px 0}table.plain td,table.plain th{border-bottom:1px solid var(--line);padding:4px 10px 4px 0;text-align:left;vertical-align:top}
.quotas .meter{width:260px}.track{height:12px;background:#f1f3f4;border-radius:6px;overflow:hidden}.fill{height:100%;background:var(--pass)}.quota.near .fill{background:#f9ab00}.quota.over .fill{background:var(--fail)}.quota.over td{color:var(--fail)}
.code{border:1px solid var(--line);border-radius:6px;margin:10px 0}.codehead{display:flex;gap:8px;align-items:center;padding:6px 10px;background:#f8f9fa;border-bottom:1px solid var(--line)}
.codehead .copy{margin-left:auto;padding:3px 12px;border:1px solid var(--hub);background:#fff;color:var(--hub);border-radius:4px;cursor:pointer}pre{margin:0;padding:8px 10px;overflow:auto;font-size:12px;max-height:320px}
.errors li{margin:4px 0}.errors code{color:var(--fail);overflow-wrap:anywhere}.warnings li{margin:4px 0}.warnings code{background:#fef7e0;padding:0 4px}.notes{color:var(--dim);font-size:13px}
`;

// Reads the cells' details from the JSON block and writes them with textContent only: no text
// from the plan is ever parsed as HTML.
const SCRIPT = `
(function(){
  "use strict";
  var data = JSON.parse(document.getElementById("matrix-data").textContent);
  var S = data.strings;
  var panel = document.getElementById("detail"), body = document.getElementById("detail-body");
  function el(tag, cls, text){ var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  var selected = null;
  function show(td){
    var c = data.cells[Number(td.getAttribute("data-cell"))];
    if (!c) return;
    if (selected) selected.classList.remove("selected");
    selected = td; td.classList.add("selected");
    body.textContent = "";
    body.appendChild(el("h3", "", S[c[0]] + " \\u2192 " + S[c[1]] + ": " + (c[3] ? c[3] + " of " + c[2] + " checks fail" : c[2] === 1 ? "its check passes" : "all " + c[2] + " checks pass")));
    c[4].forEach(function(k){
      var d = el("div", "check " + (k[2] ? "pass" : "fail"));
      d.appendChild(el("span", "verdict", k[2] ? "pass " : "FAIL "));
      d.appendChild(el("code", "", S[k[0]]));
      // Isolation checks look up no name: they follow routes to the other spokes.
      var answer = S[k[1]];
      if (S[c[1]] !== "isolation") d.appendChild(el("div", "answer", "DNS answer: " + (answer || "(none: no private answer)")));
      if (!k[2]) d.appendChild(el("div", "missing failtext", "missing: " + S[k[3]]));
      var ol = el("ol");
      k[4].forEach(function(h){ ol.appendChild(el("li", "hop", data.hops[h].split(" ").map(function(w){ return S[Number(w)]; }).join(" "))); });
      if (k[4].length) d.appendChild(ol);
      body.appendChild(d);
    });
    if (c[4].length < c[2]) body.appendChild(el("p", "dim", (c[2] - c[4].length) + " more passing pairs like the above are not listed"));
    panel.hidden = false;
  }
  document.addEventListener("click", function(e){
    var t = e.target;
    var td = t.closest && t.closest("td[data-cell]");
    if (td) { show(td); return; }
    var b = t.closest && t.closest("button[data-copy]");
    if (b) copy(b);
  });
  document.addEventListener("keydown", function(e){
    if (e.key === "Enter" && e.target.matches && e.target.matches("td[data-cell]")) show(e.target);
    if (e.key === "Escape") panel.hidden = true;
  });
  document.getElementById("detail-close").addEventListener("click", function(){ panel.hidden = true; });
  function copied(b, ok){ b.textContent = ok ? "Copied" : "Select and copy"; setTimeout(function(){ b.textContent = "Copy"; }, 1500); }
  function fallback(b, text){
    var ta = document.createElement("textarea"); ta.value = text; document.body.appendChild(ta); ta.select();
    var ok = false; try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    document.body.removeChild(ta); copied(b, ok);
  }
  function copy(b){
    var text = b.getAttribute("data-copy");
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).then(function(){ copied(b, true); }, function(){ fallback(b, text); });
    else fallback(b, text);
  }
  var only = document.getElementById("only-failing");
  only.addEventListener("change", function(){ document.body.classList.toggle("only-failing", only.checked); });
  document.body.setAttribute("data-ready", "1");
})();
`;

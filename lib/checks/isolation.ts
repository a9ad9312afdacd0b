// Isolation: spokes of a hub must not reach each other, and a hub's spokes must not reach
// another hub or its spokes. Each spoke's paths are followed once (see checkIsolation).
import { parseCidr, within } from "../net/cidr";
import { WorkCounter } from "../net/cidrTable";
import { HubConfig, SpokeConfig, hubStackName } from "../config";
import { PathCheck, PlannedStack, TYPES as T } from "../model";
import { Network, Source } from "./network";
import { firstHost, overlapsBlock } from "./routes";

/** Where one of a spoke's paths delivers into a VPC that the caller asks about. */
type Reach =
    | { readonly by: "peering"; readonly vpcId: string; readonly rtId: string; readonly destination: string; readonly peeringId: string }
    | { readonly by: "route"; readonly vpcId: string; readonly rtId: string; readonly destination: string; readonly transitGatewayId: string; readonly table: string; readonly attachmentId: string }
    | { readonly by: "table"; readonly vpcId: string; readonly table: string; readonly attachmentId: string };

/**
 * Follows each of spoke `a`'s paths once, to whatever it leads, and yields every VPC for which
 * `cidrOf` gives a CIDR (the VPCs the caller must not be reachable): a route over an accepted
 * peering reaches the VPC at its other end inside that VPC's CIDR; a route into the TGW
 * reaches the attachments its table learned within the route's block, where the longest match
 * really sends the first address both blocks share; and whatever the routes say, an entry the
 * spoke's TGW table learned for such a VPC reaches it. `work` counts entries and index probes.
 */
function* pathsOf(net: Network, a: Source, cidrOf: (vpcId: string) => string | undefined, work: WorkCounter): Generator<Reach> {
    for (const rtId of a.routeTableIds) {
        for (const route of net.routesOf(rtId)) {
            work.comparisons++;
            if (route.peeringId) {
                const p = net.peerings.get(route.peeringId);
                if (!p?.accepted) continue;
                for (const end of [p.vpcId, p.peerVpcId]) {
                    const cidr = end === a.vpcId ? undefined : cidrOf(end);
                    if (cidr && overlapsBlock(route.destination, cidr)) {
                        yield { by: "peering", vpcId: end, rtId, destination: route.destination, peeringId: route.peeringId };
                    }
                }
            } else if (route.transitGatewayId) {
                const from = net.attachmentOf(a.vpcId!, route.transitGatewayId);
                const table = from && net.tgwTableOf(from);
                if (!from || !table || typeof parseCidr(route.destination) === "string") continue;
                for (const to of net.tgwLearned(from.tgwId, table).overlapping(route.destination, work)) {
                    if (to.vpcId === a.vpcId || !cidrOf(to.vpcId)) continue;
                    const cidr = net.vpcCidrs.get(to.vpcId)!;
                    const probe = firstHost(within(route.destination, cidr) ? route.destination : cidr);
                    if (net.tgwNextHop(from, probe, work).to !== to) continue;
                    yield { by: "route", vpcId: to.vpcId, rtId, destination: route.destination, transitGatewayId: route.transitGatewayId, table, attachmentId: to.id };
                }
            }
        }
    }
    for (const from of net.attachmentsOf(a.vpcId!)) {
        const table = net.tgwTableOf(from);
        if (!table) continue;
        for (const to of net.tgwLearned(from.tgwId, table).values()) {
            work.comparisons++;
            const cidr = to.vpcId === a.vpcId ? undefined : cidrOf(to.vpcId);
            if (!cidr || net.tgwNextHop(from, firstHost(cidr), work).to !== to) continue;
            yield { by: "table", vpcId: to.vpcId, table, attachmentId: to.id };
        }
    }
}

/** The TGW tables of a spoke's attachments, for the message of a passing check. */
function tablesOf(net: Network, a: Source): string[] {
    return net.attachmentsOf(a.vpcId!).map(from => net.tgwTableOf(from)).filter((t): t is string => Boolean(t));
}

/**
 * Spokes must not reach each other, neither by their own routes nor through the TGW. Each
 * spoke's paths are followed once (pathsOf); where one ends at another spoke's VPC, inside
 * that spoke's CIDR, the two are joined. The work grows with the routes and TGW entries each
 * spoke's paths meet, not with the fleet squared: `work` counts the entries and index probes
 * examined, for the test that holds it linear.
 */
export function checkIsolation(net: Network, spokes: readonly Source[], work: WorkCounter = { comparisons: 0 }): PathCheck[] {
    const byVpc = new Map<string, Source>();
    for (const s of spokes) if (s.vpcId) byVpc.set(s.vpcId, s);
    const checks: PathCheck[] = [];
    for (const a of spokes) {
        /** The first path found to each spoke `a` reaches, by spoke name. */
        const leaks = new Map<string, { to: Source; how: string }>();
        for (const r of pathsOf(net, a, vpcId => byVpc.get(vpcId)?.cidr, work)) {
            work.comparisons++;
            const to = byVpc.get(r.vpcId)!;
            if (leaks.has(to.name)) continue;
            const how = r.by === "peering" ? `route ${r.destination} in ${r.rtId} via ${r.peeringId} reaches ${to.name}`
                : r.by === "route" ? `TGW route table ${r.table} sends ${a.name}'s packets to ${to.name}'s attachment ${r.attachmentId}`
                    : `TGW route table ${r.table} of ${a.name}'s attachment routes ${to.cidr} to ${to.name}'s attachment ${r.attachmentId}`;
            leaks.set(to.name, { to, how });
        }
        if (!leaks.size) {
            const tables = tablesOf(net, a);
            const via = [`route tables ${a.routeTableIds.join(", ") || "(none)"}`, ...(tables.length ? [`TGW route tables ${tables.join(", ")}`] : [])];
            checks.push({
                kind: "isolation", source: a.name, service: "spoke:*", host: "every other spoke", answer: [], verdict: "pass", reason: "",
                path: [`no route of ${a.name} reaches another spoke (${via.join("; ")} lead to no other spoke's CIDR)`],
            });
        }
        for (const { to, how } of leaks.values()) {
            checks.push({
                kind: "isolation", source: a.name, service: `spoke:${to.name}`, host: to.cidr, answer: [], verdict: "fail",
                reason: `spokes must not reach each other: ${how}`, path: [],
            });
        }
    }
    return checks;
}

/**
 * A spoke of one hub must not reach another hub's spokes, nor another hub's endpoints. As in
 * checkIsolation, each spoke's paths are followed once (pathsOf). Reaching
 * another hub's VPC is a leak only where that hub's endpoint security groups admit the spoke
 * (hubs sharing a Transit Gateway share its spokes table, which learns every hub's VPC). One
 * check per spoke and other hub.
 */
export function checkCrossHub(net: Network, spokes: readonly Source[], stacks: readonly PlannedStack[], work: WorkCounter): PathCheck[] {
    const others = stacks.filter(s => s.role === "hub" && s !== net.hubStack);
    /** Every VPC of another hub: its own and its spokes'. */
    const foreign = new Map<string, { hub: PlannedStack; name: string; cidr: string; isHub: boolean }>();
    for (const h of others) {
        foreign.set(h.outputs.vpcId, { hub: h, name: `hub ${h.stack}`, cidr: (h.config as HubConfig).vpc.cidr, isHub: true });
        for (const s of stacks.filter(x => x.role === "spoke" && hubStackName((x.config as SpokeConfig).hubStack) === h.stack)) {
            const c = s.config as SpokeConfig;
            foreign.set(c.vpc.id, { hub: h, name: s.stack, cidr: c.vpc.cidr, isHub: false });
        }
    }
    /** Whether any endpoint security group of hub `h` admits `cidr` on some port, by CIDR or through a prefix list. */
    const admits = new Map<string, boolean>();
    const admitted = (h: PlannedStack, cidr: string): boolean => {
        const k = `${h.stack} ${cidr}`;
        if (!admits.has(k)) {
            const sgIds = new Set(h.resources.filter(r => r.type === T.vpcEndpoint).flatMap(r => (r.inputs.securityGroupIds ?? []) as string[]));
            const blocks = (rule: { cidrBlocks?: string[]; prefixListIds?: string[] }) =>
                [...(rule.cidrBlocks ?? []), ...(rule.prefixListIds ?? []).flatMap(pl => net.prefixLists.get(pl)?.cidrs ?? [])];
            admits.set(k, [...sgIds].some(id => (net.sgs.get(id)?.ingress ?? []).some(rule => blocks(rule).some(c => within(cidr, c)))));
        }
        return admits.get(k)!;
    };
    const checks: PathCheck[] = [];
    for (const a of spokes) {
        const leaks = new Map<string, string>(); // other hub -> first path found into it
        // Another hub's spokes through the spoke's own TGW table only: hubs sharing a Transit
        // Gateway share its spokes table, which learns every hub's VPC.
        for (const r of pathsOf(net, a, vpcId => foreign.get(vpcId)?.cidr, work)) {
            work.comparisons++;
            const to = foreign.get(r.vpcId)!;
            if ((r.by === "table" && to.isHub) || leaks.has(to.hub.stack) || (to.isHub && !admitted(to.hub, a.cidr))) continue;
            const b = `${to.name} ${to.cidr}`;
            leaks.set(to.hub.stack, r.by === "peering" ? `route ${r.destination} in ${r.rtId} via ${r.peeringId} reaches ${b}`
                : r.by === "route" ? `route ${r.destination} in ${r.rtId} via ${r.transitGatewayId} (TGW route table ${r.table}) reaches ${b}`
                    : `TGW route table ${r.table} of ${a.name}'s attachment routes ${to.cidr} to ${to.name}'s attachment ${r.attachmentId}`);
        }
        for (const h of others) {
            const how = leaks.get(h.stack);
            checks.push({
                kind: "isolation", source: a.name, service: `hub:${h.stack}`, host: (h.config as HubConfig).vpc.cidr, answer: [],
                verdict: how ? "fail" : "pass",
                reason: how ? `a spoke of hub ${net.hubStack.stack} must not reach hub ${h.stack} or its spokes: ${how}` : "",
                // Why not: the other hub's endpoints refuse the spoke, or no route leads there.
                path: how ? [] : [admitted(h, a.cidr)
                    ? `no route of ${a.name} leads to hub ${h.stack} or its spokes`
                    : `no path of ${a.name} reaches hub ${h.stack} (its endpoints do not admit ${a.cidr}) or its spokes`],
            });
        }
    }
    return checks;
}

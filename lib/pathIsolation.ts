// Isolation: spokes of a hub must not reach each other, and a hub's spokes must not reach
// another hub or its spokes. Each spoke's paths are followed once (see checkIsolation).
import { parseCidr, within } from "./cidr";
import { WorkCounter } from "./cidrTable";
import { HubConfig, SpokeConfig, hubStackName } from "./config";
import { PathCheck, PlannedStack, TYPES as T } from "./model";
import { Network, Source } from "./pathNetwork";
import { firstHost, overlapsBlock } from "./pathRoutes";

/**
 * Spokes must not reach each other, neither by their own routes nor through the TGW. Each
 * spoke's paths are followed once, to whatever they lead: a route over a peering reaches the
 * VPC at its other end, a route into the TGW reaches the attachments its table learned within
 * the route's block, and the spoke's TGW table must have learned no other spoke at all. Where
 * a path ends at another spoke's VPC, inside that spoke's CIDR, the two are joined. The work
 * grows with the routes and TGW entries each spoke's paths meet, not with the fleet squared:
 * `work` counts the entries and index probes examined, for the test that holds it linear.
 */
export function checkIsolation(net: Network, spokes: readonly Source[], work: WorkCounter = { comparisons: 0 }): PathCheck[] {
    const byVpc = new Map<string, Source>();
    for (const s of spokes) if (s.vpcId) byVpc.set(s.vpcId, s);
    const checks: PathCheck[] = [];
    for (const a of spokes) {
        /** The first path found to each spoke `a` reaches, by spoke name. */
        const leaks = new Map<string, { to: Source; how: string }>();
        const leak = (vpcId: string | undefined, how: (to: Source) => string) => {
            work.comparisons++;
            const to = vpcId === undefined ? undefined : byVpc.get(vpcId);
            if (to && to !== a && !leaks.has(to.name)) leaks.set(to.name, { to, how: how(to) });
        };
        const seen: string[] = [];
        for (const rtId of a.routeTableIds) {
            for (const route of net.routesOf(rtId)) {
                work.comparisons++;
                if (route.peeringId) {
                    // A peering delivers only into the VPC at its other end, and only inside that VPC's CIDR.
                    const p = net.peerings.get(route.peeringId);
                    if (!p?.accepted) continue;
                    for (const end of [p.vpcId, p.peerVpcId]) {
                        const to = byVpc.get(end);
                        if (to && to !== a && overlapsBlock(route.destination, to.cidr)) {
                            leak(end, b => `route ${route.destination} in ${rtId} via ${route.peeringId} reaches ${b.name}`);
                        }
                    }
                } else if (route.transitGatewayId) {
                    const from = net.attachmentOf(a.vpcId!, route.transitGatewayId);
                    const table = from && net.tgwTableOf(from);
                    if (!from || !table || typeof parseCidr(route.destination) === "string") continue;
                    // Every attachment the table learned within the route's block, taken where the
                    // longest match really sends the first address both blocks share.
                    for (const to of net.tgwLearned(from.tgwId, table).overlapping(route.destination, work)) {
                        const cidr = net.vpcCidrs.get(to.vpcId)!;
                        const probe = firstHost(within(route.destination, cidr) ? route.destination : cidr);
                        if (net.tgwNextHop(from, probe, work).to !== to) continue;
                        leak(to.vpcId, () => `TGW route table ${table} sends ${a.name}'s packets to ${byVpc.get(to.vpcId)!.name}'s attachment ${to.id}`);
                    }
                }
            }
            seen.push(rtId);
        }
        // Whatever the spoke's own route tables say, its TGW tables must not know other spokes.
        const tables: string[] = [];
        for (const from of net.attachmentsOf(a.vpcId!)) {
            const table = net.tgwTableOf(from);
            if (!table) continue;
            tables.push(table);
            for (const to of net.tgwLearned(from.tgwId, table).values()) {
                work.comparisons++;
                const b = byVpc.get(to.vpcId);
                if (!b || b === a || net.tgwNextHop(from, firstHost(b.cidr), work).to !== to) continue;
                leak(to.vpcId, () => `TGW route table ${table} of ${a.name}'s attachment routes ${b.cidr} to ${b.name}'s attachment ${to.id}`);
            }
        }
        if (!leaks.size) {
            const via = [`route tables ${seen.join(", ") || "(none)"}`, ...(tables.length ? [`TGW route tables ${tables.join(", ")}`] : [])];
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
 * checkIsolation, each spoke's paths are followed once, to whatever they lead: a peering to the
 * VPC at its other end, a route into the TGW to the attachments its table learned within the
 * route's block; and its TGW table must have learned none of another hub's spokes. Reaching
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
    /** Whether any endpoint security group of hub `h` admits `cidr` on some port. */
    const admits = new Map<string, boolean>();
    const admitted = (h: PlannedStack, cidr: string): boolean => {
        const k = `${h.stack} ${cidr}`;
        if (!admits.has(k)) {
            const sgIds = new Set(h.resources.filter(r => r.type === T.vpcEndpoint).flatMap(r => (r.inputs.securityGroupIds ?? []) as string[]));
            admits.set(k, [...sgIds].some(id => (net.sgs.get(id)?.ingress ?? []).some(rule => (rule.cidrBlocks ?? []).some(c => within(cidr, c)))));
        }
        return admits.get(k)!;
    };
    const checks: PathCheck[] = [];
    for (const a of spokes) {
        const leaks = new Map<string, string>(); // other hub -> first path found into it
        const reach = (vpcId: string, how: (to: string) => string) => {
            work.comparisons++;
            const to = foreign.get(vpcId);
            if (!to || leaks.has(to.hub.stack) || (to.isHub && !admitted(to.hub, a.cidr))) return;
            leaks.set(to.hub.stack, how(`${to.name} ${to.cidr}`));
        };
        for (const rtId of a.routeTableIds) {
            for (const route of net.routesOf(rtId)) {
                work.comparisons++;
                if (route.peeringId) {
                    const p = net.peerings.get(route.peeringId);
                    if (!p?.accepted) continue;
                    for (const end of [p.vpcId, p.peerVpcId]) {
                        const to = foreign.get(end);
                        if (to && overlapsBlock(route.destination, to.cidr)) reach(end, b => `route ${route.destination} in ${rtId} via ${route.peeringId} reaches ${b}`);
                    }
                } else if (route.transitGatewayId) {
                    const from = net.attachmentOf(a.vpcId!, route.transitGatewayId);
                    const table = from && net.tgwTableOf(from);
                    if (!from || !table || typeof parseCidr(route.destination) === "string") continue;
                    for (const to of net.tgwLearned(from.tgwId, table).overlapping(route.destination, work)) {
                        if (!foreign.has(to.vpcId)) continue;
                        const cidr = net.vpcCidrs.get(to.vpcId)!;
                        const probe = firstHost(within(route.destination, cidr) ? route.destination : cidr);
                        if (net.tgwNextHop(from, probe, work).to !== to) continue;
                        reach(to.vpcId, b => `route ${route.destination} in ${rtId} via ${route.transitGatewayId} (TGW route table ${table}) reaches ${b}`);
                    }
                }
            }
        }
        // Whatever the spoke's own routes say, its TGW tables must not know another hub's spokes.
        for (const from of net.attachmentsOf(a.vpcId!)) {
            const table = net.tgwTableOf(from);
            if (!table) continue;
            for (const to of net.tgwLearned(from.tgwId, table).values()) {
                work.comparisons++;
                const b = foreign.get(to.vpcId);
                if (!b || b.isHub || net.tgwNextHop(from, firstHost(b.cidr), work).to !== to) continue;
                reach(to.vpcId, () => `TGW route table ${table} of ${a.name}'s attachment routes ${b.cidr} to ${b.name}'s attachment ${to.id}`);
            }
        }
        for (const h of others) {
            const how = leaks.get(h.stack);
            checks.push({
                kind: "isolation", source: a.name, service: `hub:${h.stack}`, host: (h.config as HubConfig).vpc.cidr, answer: [],
                verdict: how ? "fail" : "pass",
                reason: how ? `a spoke of hub ${net.hubStack.stack} must not reach hub ${h.stack} or its spokes: ${how}` : "",
                path: how ? [] : [`no path of ${a.name} reaches hub ${h.stack} (its endpoints do not admit ${a.cidr}) or its spokes`],
            });
        }
    }
    return checks;
}

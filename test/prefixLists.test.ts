// vpce-hub:prefixLists: the admitted networks and the TGW spokes' routes in customer-managed
// prefix lists (aws.ec2.ManagedPrefixList), what the path checks and the quota count make of
// them, and what the simulated cloud refuses as AWS does.
import * as assert from "assert";
import { DEFAULT_QUOTAS, parseStackConfig } from "../lib/config";
import { PathCheck, PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { checkQuotas } from "../lib/checks/quotas";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { endpointIngress } from "../lib/aws/securityGroups";
import { prefixListSizeErrors } from "../lib/net/prefixLists";
import { SimCloud } from "../sim/cloud";
import { EXAMPLE_DIR } from "./helpers";

const LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const ROUTE = "aws:ec2/route:Route";

async function planWith(prefixLists: unknown, edit: (hub: Record<string, any>) => void = () => { }): Promise<PlanResult> {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    const hub = files.find(f => f.stack === "shared")!;
    (hub.raw as Record<string, unknown>)["vpce-hub:prefixLists"] = prefixLists;
    edit(hub.raw as Record<string, any>);
    const { configs, errors } = validateStacks(files);
    assert.deepStrictEqual(errors, []);
    return evaluate(files, configs);
}

function recheck(plan: PlanResult, edit: (stacks: PlannedStack[]) => void): PathCheck[] {
    const stacks: PlannedStack[] = JSON.parse(JSON.stringify(plan.stacks));
    edit(stacks);
    return checkPaths(stacks, plan.publicDns).filter(c => c.verdict === "fail");
}

describe("prefix lists for the admitted networks and the TGW spokes' routes (vpce-hub:prefixLists)", () => {
    let plan: PlanResult;
    let hub: PlannedStack;
    before(async () => {
        plan = await planWith({ sources: true, transitGatewayRoutes: true });
        hub = plan.stacks[0];
    });

    it("puts the hub, spoke and on-prem networks, aggregated and described, into one list every endpoint security group references", () => {
        const sources = hub.resources.find(r => r.type === LIST && r.name === "sources")!;
        // hub 10.0.0.0/16 + member-a 10.1.0.0/16 = 10.0.0.0/15; member-b 10.2.0.0/16; on-prem 192.168.0.0/16
        assert.deepStrictEqual(sources.inputs.entries, [
            { cidr: "10.0.0.0/15", description: "hub, spoke member-a" },
            { cidr: "10.2.0.0/16", description: "spoke member-b" },
            { cidr: "192.168.0.0/16", description: "on-prem" },
        ]);
        assert.strictEqual(sources.inputs.maxEntries, 3);
        assert.strictEqual(sources.inputs.addressFamily, "IPv4");
        const sgs = hub.resources.filter(r => r.type === SG && r.name.endsWith("-endpoint"));
        assert.ok(sgs.length >= 2);
        for (const sg of sgs) {
            assert.ok(sg.inputs.ingress.every((rule: any) => rule.cidrBlocks === undefined && JSON.stringify(rule.prefixListIds) === JSON.stringify([sources.id])), sg.name);
        }
    });

    it("routes the TGW spokes from each hub route table by one route to their list; the peering spoke keeps its own route", () => {
        const list = hub.resources.find(r => r.type === LIST && r.name === "transit-gateway-spokes")!;
        assert.deepStrictEqual(list.inputs.entries, [{ cidr: "10.2.0.0/16", description: "spoke member-b" }]);
        const routes = hub.resources.filter(r => r.type === ROUTE).map(r => `${r.inputs.routeTableId} ${r.inputs.destinationCidrBlock ?? r.inputs.destinationPrefixListId}`).sort();
        assert.deepStrictEqual(routes, [
            "rtb-0a1b2c3d4e5f60001 10.1.0.0/16", `rtb-0a1b2c3d4e5f60001 ${list.id}`,
            "rtb-0a1b2c3d4e5f60002 10.1.0.0/16", `rtb-0a1b2c3d4e5f60002 ${list.id}`,
        ]);
    });

    it("names and tags both lists vpce-hub-..., and keeps the TGW spokes' list and its routes under their component", () => {
        const byName = Object.fromEntries(hub.resources.filter(r => r.type === LIST).map(r => [r.name, r]));
        assert.strictEqual(byName["sources"].inputs.name, "vpce-hub-sources");
        const list = byName["transit-gateway-spokes"];
        assert.strictEqual(list.inputs.name, "vpce-hub-transit-gateway-spokes");
        assert.deepStrictEqual(list.inputs.tags, { Name: "vpce-hub-transit-gateway-spokes" });
        const viaList = hub.resources.filter(r => r.type === ROUTE && r.inputs.destinationPrefixListId === list.id);
        for (const r of [list, ...viaList]) assert.ok(r.urn.includes("vpce-hub:hub:TransitGatewayRoutes$"), r.urn);
    });

    it("passes every path check through the lists", () => {
        assert.deepStrictEqual(plan.checks.filter(c => c.verdict === "fail"), []);
        assert.ok(plan.checks.filter(c => c.kind === "service" && c.source === "member-b").length > 5);
    });

    it("a source missing from the list fails that spoke's checks, naming the list and the spoke", () => {
        const f = recheck(plan, s => {
            const list = s[0].resources.find(r => r.type === LIST && r.name === "sources")!;
            list.inputs.entries = list.inputs.entries.filter((e: any) => e.cidr !== "10.2.0.0/16");
        });
        assert.ok(f.length > 0 && f.every(c => c.source === "member-b"), JSON.stringify(f.map(c => c.source)));
        assert.match(f[0].reason, /endpoint security group sg-[0-9a-f]+ \([a-z0-9.-]+-endpoint\) does not admit member-b 10\.2\.0\.0\/16 on tcp 443: prefix list pl-[0-9a-f]+ \(sources\) has no entry covering member-b 10\.2\.0\.0\/16/);
    });

    it("a TGW spoke missing from the route list has no way back, naming the list and the spoke", () => {
        const f = recheck(plan, s => {
            const list = s[0].resources.find(r => r.type === LIST && r.name === "transit-gateway-spokes")!;
            list.inputs.entries = [];
        });
        assert.ok(f.length > 0 && f.every(c => c.source === "member-b"));
        assert.match(f[0].reason, /hub route table rtb-0a1b2c3d4e5f6000[12] has no return route to 10\.2\.0\.0\/16 via tgw-[0-9a-f]+: prefix list pl-[0-9a-f]+ \(transit-gateway-spokes\) has no entry covering member-b 10\.2\.0\.0\/16/);
    });

    it("counts each reference as the list's max entries against the rules and routes quotas, as AWS does", async () => {
        const wide = await planWith({ sources: true, transitGatewayRoutes: true, maxEntries: 25 });
        const rules = checkQuotas(wide.stacks, { ...DEFAULT_QUOTAS, rulesPerSecurityGroup: 30 }).filter(w => w.code === "quota:rulesPerSecurityGroup");
        // one rule per port (443) referencing a list of max 25 entries: 25 of 30 = 83%
        assert.strictEqual(rules.length, 1);
        assert.match(rules[0].message, /would hold 25 inbound rules .*83% of the limit of 30/);
        const routes = checkQuotas(wide.stacks, { ...DEFAULT_QUOTAS, routesPerRouteTable: 20 }).filter(w => w.code === "quota:routesPerRouteTable");
        // each hub table: member-a's peering route (1) + the TGW list route (25) = 26 of 20
        assert.strictEqual(routes.length, 1);
        assert.match(routes[0].message, /quota "Routes per route table": route table rtb-0a1b2c3d4e5f6000[12] \(stack shared\) would hold 26 routes .*over the limit of 20/);
        assert.deepStrictEqual(checkQuotas(plan.stacks).filter(w => /rulesPerSecurityGroup|routesPerRouteTable/.test(w.code)), []);
    });
});

describe("vpce-hub:prefixLists in the configuration", () => {
    const hubRaw = (prefixLists: unknown, spokes = 2) => {
        const raw = JSON.parse(JSON.stringify(loadStackFiles(EXAMPLE_DIR).files.find(f => f.stack === "shared")!.raw));
        raw["vpce-hub:prefixLists"] = prefixLists;
        // Spokes on every other /24, so no two aggregate.
        raw["vpce-hub:spokes"] = Array.from({ length: spokes }, (_, i) => ({
            name: `s${i}`, accountId: "222222222222", vpcId: `vpc-0${String(i).padStart(16, "0")}`, cidr: `10.${100 + (i >> 7)}.${(i % 128) * 2}.0/24`, connectivity: "transitGateway",
        }));
        return raw;
    };

    it("refuses maxEntries below what a list needs, naming the key", () => {
        const { errors } = parseStackConfig("shared", hubRaw({ sources: true, maxEntries: 3 }));
        // hub, 2 spokes, on-prem: 4 entries
        assert.deepStrictEqual(errors.map(e => [e.key, e.message]), [["vpce-hub:prefixLists.maxEntries",
            "the sources prefix list needs 4 entries (the exact aggregates of its CIDRs) but maxEntries is 3: raise it"]]);
        assert.deepStrictEqual(parseStackConfig("shared", hubRaw({ sources: true, maxEntries: 4 })).errors, []);
    });

    it("refuses a list of more than 100 entries, which one CreateManagedPrefixList request cannot carry", () => {
        const { errors } = parseStackConfig("shared", hubRaw({ transitGatewayRoutes: true }, 101));
        assert.deepStrictEqual(errors.map(e => e.key), ["vpce-hub:prefixLists.transitGatewayRoutes"]);
        assert.match(errors[0].message, /needs 101 entries, more than the 100 one CreateManagedPrefixList request carries/);
        assert.deepStrictEqual(parseStackConfig("shared", hubRaw({ transitGatewayRoutes: true }, 100)).errors, []);
    });

    it("refuses maxEntries outside AWS's 1 to 1,000", () => {
        assert.deepStrictEqual(parseStackConfig("shared", hubRaw({ sources: true, maxEntries: 1001 })).errors.map(e => e.key), ["vpce-hub:prefixLists.maxEntries"]);
    });
});

describe("the simulated cloud's prefix lists refuse what EC2 refuses", () => {
    async function create(inputs: Record<string, unknown>, type = LIST): Promise<SimCloud> {
        const sim = new SimCloud();
        await sim.start({ stack: "t", project: "vpce-hub", accountId: "123456789012", region: "ap-northeast-1" }, "acme");
        const defaults = type === LIST ? { name: "vpce-hub-test", addressFamily: "IPv4" } : {};
        sim.newResource({ type, name: "x", inputs: { ...defaults, ...inputs }, custom: true } as any);
        return sim;
    }
    const entries = (n: number) => Array.from({ length: n }, (_, i) => ({ cidr: `10.${i >> 8}.${i & 255}.0/24` }));

    it("more entries than max entries: PrefixListMaxEntriesExceeded", async () => {
        const sim = await create({ maxEntries: 2, entries: entries(3), addressFamily: "IPv4" });
        assert.deepStrictEqual(sim.refusals.map(r => r.error.code), ["PrefixListMaxEntriesExceeded"]);
        assert.deepStrictEqual((await create({ maxEntries: 3, entries: entries(3) })).refusals, []);
    });

    it("max entries outside 1 to 1,000, or more than 100 entries in the one request the provider sends: InvalidParameterValue", async () => {
        for (const [maxEntries, n] of [[0, 0], [1001, 1], [1000, 101]]) {
            const sim = await create({ maxEntries, entries: entries(n) });
            assert.deepStrictEqual(sim.refusals.map(r => r.error.code), ["InvalidParameterValue"], `${maxEntries} ${n}`);
        }
        assert.match((await create({ maxEntries: 1000, entries: entries(101) })).refusals[0].error.message, /cannot exceeds limit \(100\)/);
        assert.deepStrictEqual((await create({ maxEntries: 1000, entries: entries(100) })).refusals, [], "100 entries fit in one request");
        assert.deepStrictEqual((await create({ maxEntries: 1000, entries: entries(1) })).refusals, [], "as does a list of 1 entry with 1,000 max entries");
    });

    it("a list without a name (MissingParameter), with an address family other than IPv4 or IPv6, or with an entry of the other family (InvalidParameterValue)", async () => {
        assert.deepStrictEqual((await create({ maxEntries: 1, entries: entries(1), name: "" })).refusals.map(r => r.error.code), ["MissingParameter"]);
        assert.deepStrictEqual((await create({ maxEntries: 1, entries: entries(1), addressFamily: "" })).refusals.map(r => r.error.code), ["InvalidParameterValue"]);
        assert.deepStrictEqual((await create({ maxEntries: 1, entries: entries(1), addressFamily: "IPv6" })).refusals.map(r => r.error.code), ["InvalidParameterValue"]);
        assert.deepStrictEqual((await create({ maxEntries: 1, entries: [{ cidr: "2600:1f18::/56" }], addressFamily: "IPv6" })).refusals, []);
    });

    it("a route to a prefix list that does not exist: InvalidPrefixListID.NotFound", async () => {
        const sim = await create({ routeTableId: "rtb-1", destinationPrefixListId: "pl-0000", transitGatewayId: "tgw-1" }, ROUTE);
        assert.deepStrictEqual(sim.refusals.map(r => r.error.code), ["InvalidPrefixListID.NotFound"]);
    });
});

describe("endpoint security group rules for a fleet (lib/aws/securityGroups.ts endpointIngress)", () => {
    // 300 spokes on consecutive /22s of 10.64.0.0/10 (as an IPAM pool allocates), the hub and on-prem.
    const sources = [
        { cidr: "10.0.0.0/16", label: "hub" },
        ...Array.from({ length: 300 }, (_, i) => ({ cidr: `10.${64 + (i >> 6)}.${(i & 63) << 2}.0/22`, label: `spoke member-${String(i + 1).padStart(3, "0")}` })),
        { cidr: "192.168.0.0/16", label: "on-prem" },
    ];

    it("admits 300 spokes with a handful of exact blocks per port, each saying whom it covers in at most 255 characters", () => {
        const rules = endpointIngress([443], sources);
        // 300 /22s = 256 (a /14) + 32 (a /17) + 8 (a /19) + 4 (a /20); plus the hub and on-prem
        assert.deepStrictEqual(rules.map(r => r.cidrBlocks), [["10.0.0.0/16"], ["10.64.0.0/14"], ["10.68.0.0/17"], ["10.68.128.0/19"], ["10.68.160.0/20"], ["192.168.0.0/16"]]);
        assert.strictEqual(rules[4].description, "spokes member-297, member-298, member-299, member-300 to port 443");
        assert.match(rules[1].description, /^spokes member-001, member-002, .* and \d+ more to port 443$/);
        assert.ok(rules.every(r => r.description.length <= 255 && /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]+$/.test(r.description)), JSON.stringify(rules.map(r => r.description)));
    });

    it("with a prefix list, one rule per port, whatever the fleet", () => {
        assert.deepStrictEqual(endpointIngress([25, 465], sources, "pl-1"), [
            { protocol: "tcp", fromPort: 25, toPort: 25, prefixListIds: ["pl-1"], description: "vpce-hub sources prefix list to port 25" },
            { protocol: "tcp", fromPort: 465, toPort: 465, prefixListIds: ["pl-1"], description: "vpce-hub sources prefix list to port 465" },
        ]);
    });
});

describe("prefix list sizes known before anything runs (lib/net/prefixLists.ts prefixListSizeErrors)", () => {
    const lists = { sources: true, transitGatewayRoutes: true };

    it("more than the 100 entries one CreateManagedPrefixList request carries is an error saying what to do; exactly 100 fit", () => {
        assert.deepStrictEqual(prefixListSizeErrors("sources", 100, lists), []);
        assert.deepStrictEqual(prefixListSizeErrors("sources", 101, lists), [{
            key: "list",
            message: "the sources prefix list needs 101 entries, more than the 100 one CreateManagedPrefixList request carries: " +
                "allocate spoke CIDRs from fewer contiguous pools, or drop the prefix list (aggregated rules and routes)",
        }]);
    });

    it("more entries than maxEntries is an error naming both numbers; as many as maxEntries fit", () => {
        assert.deepStrictEqual(prefixListSizeErrors("transitGatewayRoutes", 20, { ...lists, maxEntries: 20 }), []);
        assert.deepStrictEqual(prefixListSizeErrors("transitGatewayRoutes", 21, { ...lists, maxEntries: 20 }), [{
            key: "maxEntries",
            message: "the transitGatewayRoutes prefix list needs 21 entries (the exact aggregates of its CIDRs) but maxEntries is 20: raise it",
        }]);
    });
});

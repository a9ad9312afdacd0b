// The plan's terminal sections (lib/report/sections.ts) from small hand-built plans: each line a
// person reads, word for word. The report as a whole (widths, the example) is in report.test.ts.
import * as assert from "assert";
import { forwardersSection, perHub } from "../lib/report/hubs";
import type { PathCheck, PlannedResource, PlannedStack } from "../lib/model";
import { TYPES } from "../lib/model";
import { style } from "../lib/report/render";
import {
    ReportInput, SectionBuilder, admittedPorts, checksSection, componentTree, onPremSection, resolverCapacity, servicesSection, spokesSection, stacksSection, summarySection,
} from "../lib/report/sections";

const s = style(false);

function resource(type: string, name: string, id: string, o: Partial<PlannedResource> = {}): PlannedResource {
    return { urn: `urn:${name}`, type, name, id, inputs: {}, outputs: {}, ...o };
}

/** Two interface endpoints: s3's group admits 10.0.0.0/8 on 443; sqs's admits 10.1.0.0/16 on 8443-8444 and 192.168.0.0/16 on 443. */
const HUB_RESOURCES: PlannedResource[] = [
    resource(TYPES.securityGroup, "sg-s3", "sg-1", { inputs: { ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.0.0.0/8"] }] } }),
    resource(TYPES.securityGroup, "sg-sqs", "sg-2", {
        inputs: {
            ingress: [{ protocol: "tcp", fromPort: 8443, toPort: 8444, cidrBlocks: ["10.1.0.0/16"] }, { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["192.168.0.0/16"] }],
        },
    }),
    resource(TYPES.vpcEndpoint, "s3", "vpce-1", { inputs: { vpcEndpointType: "Interface", securityGroupIds: ["sg-1"] } }),
    resource(TYPES.vpcEndpoint, "sqs", "vpce-2", { inputs: { vpcEndpointType: "Interface", securityGroupIds: ["sg-2"] } }),
];

function hubStack(o: { spokes?: Record<string, object>; dns?: object; onPrem?: object; zones?: number; resolverIps?: string[] } = {}): PlannedStack {
    const zoneIds = Object.fromEntries(Array.from({ length: o.zones ?? 2 }, (_, i) => [`zone${i + 1}.example`, `Z${i + 1}`]));
    return {
        stack: "shared", role: "hub", accountId: "123456789012", region: "ap-northeast-1",
        config: { role: "hub", ...(o.onPrem ? { onPrem: o.onPrem } : {}) } as PlannedStack["config"],
        resources: HUB_RESOURCES,
        outputs: {
            vpcId: "vpc-0123456789abcdef0", vpcCidr: "10.0.0.0/16", services: {}, zoneIds, spokes: o.spokes ?? {},
            transitGateway: { id: "tgw-1" }, resolverInboundIps: o.resolverIps ?? ["10.0.0.10", "10.0.1.10"], ...(o.dns ? { dns: o.dns } : {}),
        },
    };
}

function spokeStack(stack: string, outputs: object): PlannedStack {
    return { stack, role: "spoke", accountId: "111111111111", region: "ap-northeast-1", config: { role: "spoke" } as PlannedStack["config"], resources: [], outputs };
}

const input = (o: Partial<ReportInput>): ReportInput => ({ stacks: [], checks: [], warnings: [], verbose: false, ...o });
/** A table's rows as cells (columns are two or more spaces apart). */
const cells = (lines: readonly string[]) => lines.map(l => l.split(/ {2,}/));

function check(source: string, service: string, verdict: "pass" | "fail", o: Partial<PathCheck> = {}): PathCheck {
    return {
        kind: "service", source, service, host: `${service}.example`, answer: verdict === "pass" ? ["10.0.0.5"] : [], verdict,
        reason: verdict === "pass" ? "" : `${service} is missing for ${source}`, path: [`hop of ${source}`], ...o,
    };
}

describe("the plan's terminal sections, line by line", () => {
    it("Spokes: each spoke's route to the hub (the hub's link when it is pending), its zones, and the ports the endpoints admit from its CIDR; the hub's CIDR said once", () => {
        const hub = hubStack({
            spokes: {
                "member-a": { accountId: "111111111111", cidr: "10.1.0.0/16", connectivity: "peering", peeringConnectionId: "pcx-1" },
                "member-b": { accountId: "222222222222", cidr: "10.2.0.0/16", connectivity: "transitGateway" },
                "member-c": { accountId: "333333333333", cidr: "172.16.0.0/16", connectivity: "peering", peeringConnectionId: "pcx-3" },
                "member-d": { accountId: "444444444444", cidr: "10.4.0.0/16", connectivity: "peering", peeringConnectionId: "pcx-4" },
            },
        });
        const a = spokeStack("member-a", {
            routes: [{ routeTableId: "rtb-1", destination: "10.0.0.0/16", via: "pcx-1" }, { routeTableId: "rtb-2", destination: "10.0.0.0/16", via: "pcx-1" }],
            associatedZones: { "zone1.example": "assoc-1", "zone2.example": "assoc-2" },
        });
        const c = spokeStack("member-c", { routes: [], associatedZones: { "zone1.example": "assoc-3" } });
        const [section] = spokesSection(input({ stacks: [hub, a, c] }), s);
        assert.strictEqual(section.title, "Spokes: 4 registered");
        assert.deepStrictEqual(cells(section.lines.slice(0, 5)), [
            ["SPOKE", "ACCOUNT", "CIDR", "VIA", "ZONES", "ADMITTED (endpoints)"],
            ["member-a", "111111111111", "10.1.0.0/16", "pcx-1", "2/2", "tcp 443, tcp 8443-8444 (2/2)"],
            ["member-b", "222222222222", "10.2.0.0/16", "tgw-1", "pending", "tcp 443 (1/2)"],
            ["member-c", "333333333333", "172.16.0.0/16", "no route", "1/2", "nothing (0/2)"],
            ["member-d", "444444444444", "10.4.0.0/16", "pcx-4", "pending", "tcp 443 (1/2)"],
        ]);
        assert.deepStrictEqual(section.lines.slice(5), ["VIA: each spoke's route to the hub VPC 10.0.0.0/16; pending: registered, no stack file yet (the hub's side of its link shown)"]);
    });

    it("Spokes in Route 53 Profiles mode: a PROFILE column saying whether each spoke is associated (the profile named once), pending without a stack", () => {
        const hub = hubStack({
            dns: { sharing: "profile", records: "endpoint", profileId: "rp-1" },
            spokes: {
                "member-a": { accountId: "111111111111", cidr: "10.1.0.0/16", connectivity: "peering", peeringConnectionId: "pcx-1" },
                "member-b": { accountId: "222222222222", cidr: "10.2.0.0/16", connectivity: "transitGateway" },
                "member-c": { accountId: "333333333333", cidr: "10.3.0.0/16", connectivity: "transitGateway" },
            },
        });
        const a = spokeStack("member-a", { routes: [{ routeTableId: "rtb-1", destination: "10.0.0.0/16", via: "pcx-1" }], associatedZones: {}, profile: { id: "rp-1", associationId: "rpassoc-1" } });
        const c = spokeStack("member-c", { routes: [{ routeTableId: "rtb-3", destination: "10.0.0.0/16", via: "tgw-1" }], associatedZones: {} });
        const [section] = spokesSection(input({ stacks: [hub, a, c] }), s);
        assert.deepStrictEqual(cells(section.lines.slice(0, 4)).map(r => [r[0], r[4]]), [
            ["SPOKE", "PROFILE"], ["member-a", "yes"], ["member-b", "pending"], ["member-c", "none"],
        ]);
        assert.ok(section.lines.includes("PROFILE: the spoke's VPC is associated with the hub's Route 53 Profile rp-1 (yes) or not (none)"), section.lines.join("\n"));
    });

    it("Spokes of a hub with none registered says (none); a plan without a hub has no Services, Spokes or On-prem section", () => {
        assert.deepStrictEqual(spokesSection(input({ stacks: [hubStack()] }), s), [{ id: "spokes", title: "Spokes: 0 registered", lines: ["(none)"] }]);
        const noHub = input({ stacks: [spokeStack("member-a", { routes: [], associatedZones: {} })] });
        assert.deepStrictEqual(servicesSection(noHub, s), []);
        assert.deepStrictEqual(spokesSection(noHub, s), []);
        assert.deepStrictEqual(onPremSection(noHub, s), []);
    });

    it("admitted ports name each protocol and port or range the endpoint groups admit from a CIDR, or 'nothing'", () => {
        assert.deepStrictEqual(admittedPorts(hubStack(), "10.1.0.0/16"), { ports: "tcp 443, tcp 8443-8444", endpoints: 2, of: 2 });
        assert.deepStrictEqual(admittedPorts(hubStack(), "172.31.0.0/16"), { ports: "nothing", endpoints: 0, of: 2 });
    });

    it("On-prem over a new VPN, Resolver addresses simulated: networks, the Resolver's capacity, where the forwarder files went and that they hold simulated addresses", () => {
        const hub = hubStack({ onPrem: { cidrs: ["192.168.0.0/16", "172.16.0.0/12"], customerGateway: { ip: "203.0.113.1", bgpAsn: 65000 }, dnsServerCidrs: ["192.168.10.0/24"], resolverConnectionTracking: "tracked" } });
        const [section] = onPremSection(input({ stacks: [hub], forwarderFiles: [{ product: "bind", file: "/tmp/fwd/bind.conf" }, { product: "unbound", file: "/tmp/fwd/unbound.conf" }] }), s);
        assert.strictEqual(section.title, "On-prem: 2 networks");
        assert.deepStrictEqual(section.lines, [
            "networks: 192.168.0.0/16, 172.16.0.0/12 via a new site-to-site VPN to 203.0.113.1",
            "Resolver inbound: 10.0.0.10, 10.0.1.10 (simulated)",
            "capacity: connections tracked (the group admits only the DNS servers): as low as about 1,500 queries/s per address (AWS), about 3,000 for 2 addresses; " +
            "onPrem.resolverConnectionTracking: untracked lifts it (docs/resolver.md)",
            "admitted: tcp 443 at the endpoints; DNS queries from 192.168.10.0/24",
            "forwarder configs (2 zones) written to:",
            "bind     /tmp/fwd/bind.conf",
            "unbound  /tmp/fwd/unbound.conf",
            "they use the simulated addresses: after pulumi up take the real ones (npm run forwarders -- --from <stack output JSON>)",
        ]);
    });

    it("On-prem with pinned Resolver addresses: says they are pinned, and does not warn that the forwarder files hold simulated ones", () => {
        const hub = hubStack({
            zones: 1, resolverIps: ["10.0.0.53"],
            onPrem: { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-1", resolverAddresses: [{ subnetId: "subnet-1", ip: "10.0.0.53" }], resolverConnectionTracking: "untracked" },
        });
        const [section] = onPremSection(input({ stacks: [hub], forwarderFiles: [{ product: "bind", file: "bind.conf" }] }), s);
        assert.deepStrictEqual(section.lines, [
            "networks: 192.168.0.0/16 via VPN gateway vgw-1",
            "Resolver inbound: 10.0.0.53 (pinned in onPrem.resolverAddresses)",
            "capacity: connections untracked (TCP/UDP 53 open to 0.0.0.0/0, routing limits who reaches it): about 10,000 queries/s per address, about 10,000 for 1 address",
            "admitted: tcp 443 at the endpoints; DNS queries from every network routed to the hub VPC (untracked): on-prem 192.168.0.0/16; the hub VPC 10.0.0.0/16",
            "forwarder configs (1 zone) written to:",
            "bind  bind.conf",
        ]);
    });

    it("the Resolver's capacity is AWS's rate per address times the addresses, in words for one address and for several", () => {
        assert.strictEqual(resolverCapacity("tracked", 1), "capacity: connections tracked (the group admits only the DNS servers): as low as about 1,500 queries/s per address (AWS), " +
            "about 1,500 for 1 address; onPrem.resolverConnectionTracking: untracked lifts it (docs/resolver.md)");
        assert.strictEqual(resolverCapacity("untracked", 3), "capacity: connections untracked (TCP/UDP 53 open to 0.0.0.0/0, routing limits who reaches it): " +
            "about 10,000 queries/s per address, about 30,000 for 3 addresses");
    });

    it("--verbose prints each stack's component tree: components with their children indented under them, ids of cloud resources only", () => {
        const stack: PlannedStack = {
            ...spokeStack("member-a", {}),
            resources: [
                // The component's parent is the stack itself, which is not a planned resource: it is a top-level node.
                resource("vpce-hub:spoke:Spoke", "member-a", "", { component: true, parent: "urn:pulumi:stack" }),
                resource(TYPES.route, "to-hub", "r-1", { parent: "urn:member-a" }),
                resource(TYPES.zoneAssociation, "zone1", "", { parent: "urn:member-a" }),
                resource("vpce-hub:spoke:Link", "link", "urn:link-id", { component: true, parent: "urn:member-a" }),
                resource(TYPES.vpcPeeringConnectionAccepter, "accept", "pcx-1", { parent: "urn:link" }),
                resource(TYPES.securityGroup, "loose", "sg-9"),
            ],
        };
        const tree = [
            "  vpce-hub:spoke:Spoke member-a",
            "    aws:ec2/route:Route to-hub  r-1",
            "    aws:route53/zoneAssociation:ZoneAssociation zone1",
            "    vpce-hub:spoke:Link link",
            "      aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter accept  pcx-1",
            "  aws:ec2/securityGroup:SecurityGroup loose  sg-9",
        ];
        assert.deepStrictEqual(componentTree(stack), tree);
        const [section] = stacksSection(input({ stacks: [stack], verbose: true }), s);
        const at = section.lines.indexOf("member-a component tree");
        assert.ok(at > 0 && section.lines[at - 1] === "", section.lines.join("\n"));
        assert.deepStrictEqual(section.lines.slice(at + 1), tree);
    });

    describe("Path checks", () => {
        // member-c is registered without a stack file: its checks wait for it.
        const checks: PathCheck[] = [
            check("on-prem", "s3", "pass"),
            check("member-a", "s3", "pass"),
            check("member-a", "s3", "pass", { host: "bucket.s3.example" }),
            check("member-b", "s3", "fail"),
            check("member-c", "s3", "fail"),
            check("member-b", "sqs", "fail"),
            check("member-c", "ssm", "fail"),
            { kind: "isolation", source: "member-a", service: "spoke:*", host: "(every other spoke)", answer: [], verdict: "pass", reason: "", path: [] },
            { kind: "isolation", source: "member-b", service: "spoke:member-a", host: "10.1.0.0/16", answer: [], verdict: "fail", reason: "route 10.1.0.0/16 via tgw-1", path: ["route"] },
            { kind: "isolation", source: "member-a", service: "hub:west", host: "(hub west)", answer: [], verdict: "pass", reason: "", path: [] },
            { kind: "isolation", source: "member-b", service: "hub:west", host: "(hub west)", answer: [], verdict: "fail", reason: "reaches west's endpoints", path: [] },
        ];

        it("one row per service, one column per kind of source: passes, FAILs and pending counted apart, '-' where a kind checks nothing; then isolation and every failure with its missing piece", () => {
            const [section] = checksSection(input({ checks, pending: ["member-c"] }), s);
            assert.strictEqual(section.title, "Path checks: 11 (DNS answer, route, return route, security group)");
            assert.deepStrictEqual(cells(section.lines.slice(0, 4)), [
                ["SERVICE", "NAMES", "SPOKES (3)", "ON-PREM"],
                ["s3", "2", "2 pass, 1 FAIL, 1 pending", "1 pass"],
                ["sqs", "1", "1 FAIL", "-"],
                ["ssm", "1", "1 pending", "-"],
            ]);
            assert.deepStrictEqual(section.lines.slice(4), [
                "spoke isolation: 1/2 spokes reach no other spoke - 1 leak(s)",
                "isolation from other hubs: 1/2 (spoke, other hub) pairs reach neither that hub's endpoints nor its spokes - 1 leak(s)",
                "pending: member-c: not deployed yet (no Pulumi.member-c.yaml in the plan), 2 checks wait for it",
                "",
                "4 failing checks, each with the missing piece:",
                "FAIL member-b -> s3.example: s3 is missing for member-b",
                "FAIL member-b -> sqs.example: sqs is missing for member-b",
                "FAIL member-b -> member-a 10.1.0.0/16: route 10.1.0.0/16 via tgw-1",
                "FAIL member-b -> hub:west (hub west): reaches west's endpoints",
            ]);
        });

        it("spokes come first among the source columns, whichever kind of source was checked first", () => {
            for (const order of [checks, [...checks].reverse()]) {
                const [section] = checksSection(input({ checks: order }), s);
                assert.deepStrictEqual(cells(section.lines.slice(0, 1)), [["SERVICE", "NAMES", "SPOKES (3)", "ON-PREM"]]);
            }
        });

        it("everything passing: plain counts, no leak, no failure list, and a hint that --verbose lists every check", () => {
            const passing = checks.filter(c => c.verdict === "pass");
            const [section] = checksSection(input({ checks: passing }), s);
            assert.deepStrictEqual(section.lines.slice(2), [
                "spoke isolation: 1/1 spokes reach no other spoke",
                "isolation from other hubs: 1/1 (spoke, other hub) pairs reach neither that hub's endpoints nor its spokes",
                "--verbose lists every check with its hops",
            ]);
            assert.deepStrictEqual(cells(section.lines.slice(1, 2)), [["s3", "2", "2 pass", "1 pass"]]);
        });

        it("--verbose: every check with its verdict, source, service, name and DNS answer, then its hops", () => {
            const [section] = checksSection(input({ checks: [check("member-a", "s3", "pass"), check("member-b", "sqs", "fail")], verbose: true }), s);
            const at = section.lines.indexOf("every check, hop by hop:");
            assert.ok(at > 0 && section.lines[at - 1] === "");
            assert.deepStrictEqual(section.lines.slice(at + 1), [
                "pass member-a s3 s3.example -> 10.0.0.5",
                "     hop of member-a",
                "FAIL member-b sqs sqs.example",
                "     hop of member-b",
            ]);
        });

        it("a plan without a hub says it has no service checks", () => {
            const [section] = checksSection(input({ checks: checks.filter(c => c.kind === "isolation" && c.service.startsWith("spoke:")) }), s);
            assert.deepStrictEqual(section.lines.slice(0, 2), ["(no service checks: the plan has no hub)", "spoke isolation: 1/2 spokes reach no other spoke - 1 leak(s)"]);
        });
    });

    it("the summary line counts passes, failures (a pending spoke's checks apart) and warnings", () => {
        const checks = [check("member-a", "s3", "pass"), check("member-a", "sqs", "pass"), check("member-b", "s3", "fail"), check("member-b", "sqs", "fail"), check("member-c", "s3", "fail")];
        const [one] = summarySection(input({ stacks: [hubStack(), spokeStack("member-a", {})], checks, pending: ["member-c"], warnings: [{ code: "x", message: "y" }] }), s);
        assert.strictEqual(one.title, "Summary: 5 path checks over 2 stacks: 2 pass, 2 fail, 1 pending (1 spoke not deployed yet), 1 warning");
        const [clean] = summarySection(input({ checks: checks.slice(0, 2) }), s);
        assert.strictEqual(clean.title, "Summary: 2 path checks over 0 stacks: 2 pass, 0 fail");
    });
});

describe("the report of several hubs (lib/report/hubs.ts)", () => {
    const hubOf = (stack: string, region: string, spokes: string[], onPrem?: object): PlannedStack => ({
        stack, role: "hub", accountId: "123456789012", region, resources: [], outputs: {},
        config: { role: "hub", stack, region, spokes: spokes.map(name => ({ name })), ...(onPrem ? { onPrem } : {}) } as unknown as PlannedStack["config"],
    });
    const member = (stack: string, hubStack: string): PlannedStack => ({ ...spokeStack(stack, {}), config: { role: "spoke", hubStack } as unknown as PlannedStack["config"] });
    const ON_PREM = { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-1", dnsServerCidrs: ["192.168.0.0/16"], resolverConnectionTracking: "tracked" };
    const stacks = [hubOf("east", "us-east-1", ["member-a", "member-c"], ON_PREM), hubOf("west", "us-west-2", ["member-w"]), member("member-a", "org/vpce/east"), member("member-w", "west")];
    const files = [{ product: "bind", file: "/f/bind.conf" }, { product: "unbound", file: "/f/unbound.conf" }];

    it("each per-hub section is built from that hub's stacks, checks and pending spokes, and titled with the hub and its region", () => {
        const seen: object[] = [];
        const probe: SectionBuilder = i => {
            seen.push({ stacks: i.stacks.map(x => x.stack), checks: i.checks.map(c => c.source), pending: i.pending, forwarderFiles: i.forwarderFiles });
            return [{ id: "probe", title: i.stacks[0].stack === "east" ? "Services (hub east)" : "Services", lines: [] }];
        };
        const sections = perHub(probe)(input({
            stacks, pending: ["member-c", "member-x"], forwarderFiles: files,
            checks: [check("member-a", "s3", "pass", { hub: "east" }), check("member-w", "s3", "pass", { hub: "west" }), check("on-prem", "s3", "pass", { hub: "east" })],
        }), s);
        assert.deepStrictEqual(seen, [
            { stacks: ["east", "member-a"], checks: ["member-a", "on-prem"], pending: ["member-c"], forwarderFiles: undefined },
            { stacks: ["west", "member-w"], checks: ["member-w"], pending: [], forwarderFiles: undefined },
        ]);
        assert.deepStrictEqual(sections.map(x => [x.id, x.title]), [["probe:east", "Services (hub east) [us-east-1]"], ["probe:west", "Services [hub west, us-west-2]"]]);
    });

    it("the merged forwarders section names the hubs with onPrem and the files written, or how to write them; one hub: no such section", () => {
        assert.deepStrictEqual(forwardersSection(input({ stacks, forwarderFiles: files }), s), [{
            id: "forwarders", title: "On-prem forwarders: every hub with onPrem, region by region",
            lines: [
                "one configuration for 1 hub: east (us-east-1); each hub's zones go to its own Resolver inbound addresses; hubs without onPrem are left out",
                "written to:",
                "bind     /f/bind.conf",
                "unbound  /f/unbound.conf",
            ],
        }]);
        assert.deepStrictEqual(forwardersSection(input({ stacks }), s)[0].lines.slice(1), ["--forwarders DIR writes them, one file per DNS product (BIND, Unbound, Windows DNS, dnsmasq)"]);
        assert.deepStrictEqual(forwardersSection(input({ stacks: stacks.filter(x => x.stack !== "west") }), s), []);
    });
});

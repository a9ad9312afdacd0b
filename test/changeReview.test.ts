// The change review (`--against OLD.json`) on small hand-made plans: what each change is called,
// who it affects, what interrupts traffic, the order of pulumi up, what is still needed after it,
// and the Changes section's lines word for word (lib/review/changes.ts); and the warnings about removals
// (lib/review/diff.ts). Every expected value is written out by hand from the case at hand.
import * as assert from "assert";
import { ChangeSet, SnapshotStack, changeLines, changeSet } from "../lib/review/changes";
import { compareWithPrevious } from "../lib/review/diff";

type Res = SnapshotStack["resources"][number];

// The Pulumi AWS provider's type tokens.
const T = {
    route: "aws:ec2/route:Route",
    endpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    zone: "aws:route53/zone:Zone",
    record: "aws:route53/record:Record",
    resolver: "aws:route53/resolverEndpoint:ResolverEndpoint",
    peering: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
    authorization: "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization",
    zoneAssociation: "aws:route53/zoneAssociation:ZoneAssociation",
    subnet: "aws:ec2/subnet:Subnet",
};

const res = (stack: string, type: string, name: string, inputs: Record<string, unknown>): Res =>
    ({ urn: `urn:pulumi:${stack}::vpce-hub::${type}::${name}`, type, name, id: `id-${name}`, inputs });

/** spoke-b is registered first: lists the review prints are sorted, not in registry order. */
const SPOKES = {
    "spoke-b": { cidr: "10.2.0.0/16", vpcId: "vpc-b", connectivity: "peering", ipv6Cidrs: ["fd00:2::/56"] },
    "spoke-a": { cidr: "10.1.0.0/16", vpcId: "vpc-a", connectivity: "transitGateway" },
};

interface HubOpts {
    readonly resources?: Res[];
    readonly spokes?: Record<string, unknown>;
    readonly onPrem?: string[];
    readonly onPrem6?: string[];
    readonly protect?: boolean;
    readonly dns?: unknown;
    readonly zones?: string[];
    readonly ips?: string[];
}
function hub(o: HubOpts = {}): SnapshotStack {
    return {
        stack: "hub", role: "hub",
        config: { ...(o.protect === false ? { protect: false } : {}), ...(o.onPrem ? { onPrem: { cidrs: o.onPrem, ...(o.onPrem6 ? { ipv6Cidrs: o.onPrem6 } : {}) } } : {}), ...(o.dns ? { dns: o.dns } : {}) },
        outputs: { spokes: o.spokes ?? SPOKES, zoneIds: Object.fromEntries((o.zones ?? []).map(z => [z, `Z-${z}`])), resolverInboundIps: o.ips ?? [] },
        resources: o.resources ?? [],
    };
}
const spoke = (name: string, resources: Res[] = []): SnapshotStack => ({ stack: name, role: "spoke", outputs: {}, resources });
const plan = (...stacks: SnapshotStack[]) => ({ stacks });
const route = (name: string, dest: Record<string, string>, via: Record<string, string>, table = "rtb-1") =>
    res("hub", T.route, name, { routeTableId: table, ...dest, ...via });
const brief = (cs: ChangeSet) => cs.changes.map(c => [c.kind, c.what, c.subject, c.consumers, c.interrupts]);

interface Rule { readonly protocol?: string; readonly from: number; readonly to?: number; readonly cidr: string }
const sg = (name: string, rules: Rule[], stack = "hub") => res(stack, T.sg, name, {
    vpcId: "vpc-h", description: `${name} group`,
    ingress: rules.map(r => ({
        protocol: r.protocol ?? "tcp", fromPort: r.from, toPort: r.to ?? r.from,
        ...(r.cidr.includes(":") ? { ipv6CidrBlocks: [r.cidr] } : { cidrBlocks: [r.cidr] }),
    })),
});

describe("change review: routes and who loses them", () => {
    const routes = [
        route("to-a", { destinationCidrBlock: "10.1.0.0/16" }, { transitGatewayId: "tgw-1" }),
        route("to-b", { destinationCidrBlock: "10.2.0.0/16" }, { vpcPeeringConnectionId: "pcx-2" }),
        route("to-dc", { destinationCidrBlock: "192.168.0.0/16" }, { gatewayId: "vgw-1" }),
        route("to-b6", { destinationIpv6CidrBlock: "fd00:2::/56" }, { vpcPeeringConnectionId: "pcx-2" }),
        route("to-list", { destinationPrefixListId: "pl-1" }, { transitGatewayId: "tgw-1" }),
        route("to-eni", { destinationCidrBlock: "10.9.0.0/16" }, { networkInterfaceId: "eni-1" }),
    ];
    const removeAll = () => changeSet(plan(hub({ onPrem: ["192.168.0.0/16"], resources: routes })), plan(hub({ onPrem: ["192.168.0.0/16"] })));

    it("a removed route is named by destination (IPv4, IPv6 or prefix list), table and target, and interrupts the spoke or on-prem network it led to", () => {
        const removed = removeAll();
        assert.deepStrictEqual(brief(removed), [
            ["remove", "route", "10.1.0.0/16 in rtb-1 via tgw-1", ["spoke-a"], "spoke-a loses this route"],
            ["remove", "route", "10.2.0.0/16 in rtb-1 via pcx-2", ["spoke-b"], "spoke-b loses this route"],
            ["remove", "route", "192.168.0.0/16 in rtb-1 via vgw-1", ["on-prem"], "on-prem loses this route"],
            // A dual-stack spoke's IPv6 block is its own too.
            ["remove", "route", "fd00:2::/56 in rtb-1 via pcx-2", ["spoke-b"], "spoke-b loses this route"],
            // A prefix list's or an unknown network's destinations are nobody the review can name.
            ["remove", "route", "pl-1 in rtb-1 via tgw-1", [], undefined],
            ["remove", "route", "10.9.0.0/16 in rtb-1 via ?", [], undefined],
        ]);
        assert.strictEqual(removed.verdict, "breaking changes");
        assert.deepStrictEqual(removed.order, []);
    });

    it("the Changes section groups the removed routes in one line, shows the first interruption and counts the others (all of them with --verbose)", () => {
        const removed = removeAll();
        assert.deepStrictEqual(changeLines(removed, false), [
            "hub: 6 to remove",
            "  remove 6 routes: 10.1.0.0/16 in rtb-1 via tgw-1, 10.2.0.0/16 in rtb-1 via pcx-2, 192.168.0.0/16 in rtb-1 via vgw-1 and 3 more [affects on-prem, spoke-a, spoke-b]",
            "    interrupts: spoke-a loses this route",
            "    interrupts: and 2 more like it (--verbose lists each)",
            "4 breaking changes (marked above)",
        ]);
        assert.deepStrictEqual(changeLines(removed, true), [
            "hub: 6 to remove",
            "  remove 6 routes: 10.1.0.0/16 in rtb-1 via tgw-1; 10.2.0.0/16 in rtb-1 via pcx-2; 192.168.0.0/16 in rtb-1 via vgw-1; " +
            "fd00:2::/56 in rtb-1 via pcx-2; pl-1 in rtb-1 via tgw-1; 10.9.0.0/16 in rtb-1 via ? [affects on-prem, spoke-a, spoke-b]",
            "    interrupts: spoke-a loses this route",
            "    interrupts: spoke-b loses this route",
            "    interrupts: on-prem loses this route",
            "4 breaking changes (marked above)",
        ]);
    });

    it("two interruptions are both printed without --verbose; one change reads in the singular", () => {
        const two = changeSet(plan(hub({ resources: routes.slice(0, 2) })), plan(hub()));
        assert.deepStrictEqual(changeLines(two, false).slice(1, 4), [
            "  remove 2 routes: 10.1.0.0/16 in rtb-1 via tgw-1, 10.2.0.0/16 in rtb-1 via pcx-2 [affects spoke-a, spoke-b]",
            "    interrupts: spoke-a loses this route",
            "    interrupts: spoke-b loses this route",
        ]);
        const one = changeSet(plan(hub({ resources: routes.slice(5) })), plan(hub()));
        assert.deepStrictEqual(changeLines(one, false), ["hub: 1 to remove", "  remove 1 route: 10.9.0.0/16 in rtb-1 via ?", "no breaking changes"]);
    });

    it("routes renamed in place: AWS refuses the second route to one destination; the review says so once per route (each with --verbose) and puts the deletion first", () => {
        const after = plan(hub({
            resources: [
                route("to-a-new", { destinationCidrBlock: "10.1.0.0/16" }, { transitGatewayId: "tgw-1" }),
                route("to-b-new", { destinationCidrBlock: "10.2.0.0/16" }, { transitGatewayId: "tgw-1" }),
                // A route whose target changes in place is not refused, and not counted below.
                route("to-dc", { destinationCidrBlock: "192.168.0.0/16" }, { gatewayId: "vgw-2" }),
            ],
        }));
        const withDc = plan(hub({ resources: [...routes.slice(0, 2), routes[2]] }));
        const cs = changeSet(withDc, after);
        assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.subject, c.refused]), [
            ["replace", "10.1.0.0/16 in rtb-1 via tgw-1 -> 10.1.0.0/16 in rtb-1 via tgw-1 (new name to-a-new)",
                "AWS refuses a second route to 10.1.0.0/16 in rtb-1 (RouteAlreadyExists): pulumi up creates the renamed route before it deletes the old one; " +
                "delete the old one first: pulumi destroy -s hub --target 'urn:pulumi:hub::vpce-hub::aws:ec2/route:Route::to-a'"],
            ["replace", "10.2.0.0/16 in rtb-1 via pcx-2 -> 10.2.0.0/16 in rtb-1 via tgw-1 (new name to-b-new)",
                "AWS refuses a second route to 10.2.0.0/16 in rtb-1 (RouteAlreadyExists): pulumi up creates the renamed route before it deletes the old one; " +
                "delete the old one first: pulumi destroy -s hub --target 'urn:pulumi:hub::vpce-hub::aws:ec2/route:Route::to-b'"],
            ["update", "192.168.0.0/16 in rtb-1 via vgw-2 (gatewayId)", undefined],
        ]);
        assert.deepStrictEqual(cs.order, ["before pulumi up hub: pulumi destroy -s hub --target <each old route AWS refuses to duplicate, 2 in all, listed above> " +
            "(their destinations have no route until that pulumi up)", "pulumi up hub"]);
        const refusal = (dest: string, old: string) => `    AWS refuses: AWS refuses a second route to ${dest} in rtb-1 (RouteAlreadyExists): pulumi up creates the renamed route ` +
            `before it deletes the old one; delete the old one first: pulumi destroy -s hub --target 'urn:pulumi:hub::vpce-hub::aws:ec2/route:Route::${old}'`;
        const lines = changeLines(cs, false);
        assert.deepStrictEqual(lines.filter(l => l.startsWith("    AWS refuses: ")), [refusal("10.1.0.0/16", "to-a"), "    AWS refuses: and 1 more like it (--verbose lists each)"]);
        assert.deepStrictEqual(changeLines(cs, true).filter(l => l.startsWith("    AWS refuses: ")), [refusal("10.1.0.0/16", "to-a"), refusal("10.2.0.0/16", "to-b")]);
        assert.strictEqual(lines.at(-1), "2 breaking changes (marked above)");
        // Only one rename: one refusal line, no "more like it".
        const single = changeSet(plan(hub({ resources: routes.slice(0, 2) })), plan(hub({ resources: [routes[0], route("to-b-new", { destinationCidrBlock: "10.2.0.0/16" }, { transitGatewayId: "tgw-1" })] })));
        assert.deepStrictEqual(changeLines(single, false).filter(l => l.includes("AWS refuses:")).length, 1);
        assert.match(single.order[0], /, 1 in all, /);
    });

    it("renamed routes in the hub and in a spoke: each stack's deletions come before its own pulumi up, counted per stack", () => {
        const toHub = (name: string) => res("spoke-a", T.route, name, { routeTableId: "rtb-a", destinationCidrBlock: "10.0.0.0/16", transitGatewayId: "tgw-1" });
        const renamed = (n: string) => route(`${n}-new`, { destinationCidrBlock: n === "to-a" ? "10.1.0.0/16" : "10.2.0.0/16" }, { transitGatewayId: "tgw-1" });
        const cs = changeSet(plan(hub({ resources: routes.slice(0, 2) }), spoke("spoke-a", [toHub("to-hub")])),
            plan(hub({ resources: [renamed("to-a"), renamed("to-b")] }), spoke("spoke-a", [toHub("to-hub-2")])));
        assert.deepStrictEqual(cs.changes.map(c => [c.stack, c.kind, c.consumers, Boolean(c.refused)]),
            [["hub", "replace", ["spoke-a"], true], ["hub", "replace", ["spoke-b"], true], ["spoke-a", "replace", ["spoke-a"], true]]);
        assert.deepStrictEqual(cs.order, [
            "before pulumi up hub: pulumi destroy -s hub --target <each old route AWS refuses to duplicate, 2 in all, listed above> (their destinations have no route until that pulumi up)",
            "pulumi up hub",
            "before pulumi up spoke-a: pulumi destroy -s spoke-a --target <each old route AWS refuses to duplicate, 1 in all, listed above> (their destinations have no route until that pulumi up)",
            "then pulumi up spoke-a (after the hub: it reads its outputs)",
        ]);
    });
});

describe("change review: security groups and their rules", () => {
    it("a new security group affects the networks its rules admit (sorted); a port range reads from-to", () => {
        const cs = changeSet(plan(hub()), plan(hub({ resources: [sg("resolver", [{ from: 1024, to: 65535, cidr: "10.2.0.0/16" }, { protocol: "udp", from: 53, cidr: "10.1.0.0/16" }])] })));
        assert.deepStrictEqual(brief(cs), [["add", "security group", "resolver", ["spoke-a", "spoke-b"], undefined]]);
        assert.deepStrictEqual(changeLines(cs, false), ["hub: 1 to add", "  add 1 security group: resolver [affects spoke-a, spoke-b]", "no breaking changes"]);
    });

    it("rules added and removed are listed one by one (port ranges as from-to, IPv6 blocks too), a removed rule interrupting the network it admitted", () => {
        const before = sg("sqs", [{ from: 443, cidr: "10.1.0.0/16" }, { from: 1024, to: 65535, cidr: "10.2.0.0/16" }, { from: 443, cidr: "fd00:2::/56" }]);
        const after = sg("sqs", [{ from: 443, cidr: "10.1.0.0/16" }, { protocol: "udp", from: 53, cidr: "192.168.0.0/16" }]);
        const cs = changeSet(plan(hub({ onPrem: ["192.168.0.0/16"], resources: [before] })), plan(hub({ onPrem: ["192.168.0.0/16"], resources: [after] })));
        assert.deepStrictEqual(brief(cs), [
            ["add", "security group rule", "sqs: udp 53 from 192.168.0.0/16", ["on-prem"], undefined],
            ["remove", "security group rule", "sqs: tcp 1024-65535 from 10.2.0.0/16", ["spoke-b"], "spoke-b can no longer reach sqs on tcp 1024"],
            ["remove", "security group rule", "sqs: tcp 443 from fd00:2::/56", ["spoke-b"], "spoke-b can no longer reach sqs on tcp 443"],
        ]);
    });

    it("a rule added for a block several spokes sit in names them in name order, not in the hub's registry order", () => {
        // SPOKES registers spoke-b before spoke-a; both are inside 10.0.0.0/8.
        const cs = changeSet(plan(hub({ resources: [sg("sqs", [])] })), plan(hub({ resources: [sg("sqs", [{ from: 443, cidr: "10.0.0.0/8" }])] })));
        assert.deepStrictEqual(brief(cs), [["add", "security group rule", "sqs: tcp 443 from 10.0.0.0/8", ["spoke-a", "spoke-b"], undefined]]);
    });

    it("a removed rule stays admitted only by a remaining rule of the same protocol, a port range around it and a block containing it", () => {
        const lost = (remaining: Rule[]) => {
            const removedRule: Rule = { from: 443, cidr: "10.1.1.0/24" };
            const cs = changeSet(plan(hub({ resources: [sg("sqs", [removedRule, ...remaining])] })), plan(hub({ resources: [sg("sqs", remaining)] })));
            assert.deepStrictEqual(cs.changes.map(c => c.subject), ["sqs: tcp 443 from 10.1.1.0/24"]);
            return cs.changes[0].interrupts;
        };
        const cut = "spoke-a can no longer reach sqs on tcp 443";
        assert.strictEqual(lost([{ from: 443, cidr: "10.1.0.0/16" }]), undefined);
        assert.strictEqual(lost([{ from: 400, to: 500, cidr: "10.1.0.0/16" }, { protocol: "udp", from: 53, cidr: "10.2.0.0/16" }]), undefined);
        assert.strictEqual(lost([{ protocol: "udp", from: 443, cidr: "10.1.0.0/16" }]), cut);
        assert.strictEqual(lost([{ from: 444, to: 500, cidr: "10.1.0.0/16" }]), cut);
        assert.strictEqual(lost([{ from: 400, to: 442, cidr: "10.1.0.0/16" }]), cut);
        assert.strictEqual(lost([{ from: 443, cidr: "10.1.2.0/24" }]), cut);
        assert.strictEqual(lost([{ from: 443, cidr: "fd00:2::/56" }]), cut);
    });

    it("on a dual-stack hub IPv6 rules count as IPv4 ones do: a wider IPv6 rule still admits, on-prem's IPv6 block is on-prem's", () => {
        const dual = (rules: Rule[]) => plan(hub({ onPrem: ["192.168.0.0/16"], onPrem6: ["fd99::/48"], resources: [sg("sqs", rules)] }));
        const cs = changeSet(dual([{ from: 443, cidr: "fd00:2::/64" }, { from: 443, cidr: "fd00:2::/56" }, { from: 443, cidr: "fd99::/48" }]), dual([{ from: 443, cidr: "fd00:2::/56" }]));
        assert.deepStrictEqual(brief(cs), [
            ["remove", "security group rule", "sqs: tcp 443 from fd00:2::/64", ["spoke-b"], undefined],
            ["remove", "security group rule", "sqs: tcp 443 from fd99::/48", ["on-prem"], "on-prem can no longer reach sqs on tcp 443"],
        ]);
    });

    it("a removed security group affects the networks its rules admitted but interrupts nothing by itself (its rules are listed as they go)", () => {
        const cs = changeSet(plan(hub({ resources: [sg("old", [{ from: 443, cidr: "10.2.0.0/16" }, { from: 443, cidr: "10.1.0.0/16" }])] })), plan(hub()));
        assert.deepStrictEqual(brief(cs), [["remove", "security group", "old", ["spoke-a", "spoke-b"], undefined]]);
    });
});

describe("change review: replacing, updating, protecting", () => {
    const endpoint = (inputs: Record<string, unknown>) => res("hub", T.endpoint, "sqs", { vpcId: "vpc-h", serviceName: "com.amazonaws.ap-northeast-1.sqs", vpcEndpointType: "Interface", ...inputs });
    const zone = (name: string, vpcs = "vpc-h") => res("hub", T.zone, "sqs-zone", { name, vpcs: [{ vpcId: vpcs }] });
    const group = (description: string) => res("hub", T.sg, "sqs-sg", { vpcId: "vpc-h", description, ingress: [] });
    const from = (...r: Res[]) => plan(hub({ onPrem: ["192.168.0.0/16"], resources: r }));
    const unprotected = (...r: Res[]) => plan(hub({ onPrem: ["192.168.0.0/16"], protect: false, resources: r }));

    it("replacing a protected endpoint or zone: pulumi up refuses it, and everyone loses it in between", () => {
        const cs = changeSet(from(endpoint({}), zone("sqs.example")), from(endpoint({ serviceName: "com.amazonaws.ap-northeast-1.sqs-fips" }), zone("sqs2.example")));
        assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what, c.subject, c.consumers, c.interrupts, c.protected]), [
            ["replace", "endpoint", "sqs (serviceName)", ["on-prem", "spoke-a", "spoke-b"], "deleted and created again: on-prem, spoke-a, spoke-b lose it in between", true],
            ["replace", "zone", "sqs2.example (name)", ["on-prem", "spoke-a", "spoke-b"], "deleted and created again: on-prem, spoke-a, spoke-b lose it in between", true],
        ]);
        const lines = changeLines(cs, false);
        assert.ok(lines.includes("    protected: pulumi up will refuse to replace sqs (serviceName)"), lines.join("\n"));
        assert.ok(lines.includes("    protected: pulumi up will refuse to replace sqs2.example (name)"), lines.join("\n"));
        assert.deepStrictEqual(cs.order, ["pulumi up will refuse to delete 2 protected resources: set vpce-hub:protect: false and pulumi up hub once first (or pulumi state unprotect <urn>)", "pulumi up hub"]);
    });

    it("with vpce-hub:protect: false in the previous plan the same replacement is not refused, but still interrupts", () => {
        const cs = changeSet(unprotected(endpoint({})), unprotected(endpoint({ vpcEndpointType: "Gateway" })));
        assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.subject, c.interrupts, c.protected]),
            [["replace", "sqs (vpcEndpointType)", "deleted and created again: on-prem, spoke-a, spoke-b lose it in between", undefined]]);
        assert.deepStrictEqual(cs.order, []);
    });

    it("updating an endpoint or zone in place (every changed input named) is neither refused nor interrupting; a replaced security group is not protected", () => {
        const cs = changeSet(from(endpoint({}), zone("sqs.example"), group("a")),
            from(endpoint({ policy: "{}", privateDnsEnabled: true }), zone("sqs.example", "vpc-parking"), group("b")));
        // The zone's vpcs are ignoreChanges (components/options.ts): pulumi up does not act on them.
        assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what, c.subject, c.interrupts, c.protected]), [
            ["update", "endpoint", "sqs (policy, privateDnsEnabled)", undefined, undefined],
            ["replace", "security group", "sqs-sg (description)", undefined, undefined],
        ]);
        assert.strictEqual(cs.verdict, "no breaking changes");
        assert.deepStrictEqual(changeLines(cs, false).at(-1), "no breaking changes");
    });

    it("removing one protected resource: pulumi up refuses to delete it, said first in the order; the Resolver endpoint is on-prem's", () => {
        const resolver = res("hub", T.resolver, "inbound", { direction: "INBOUND", securityGroupIds: ["sg-r"] });
        const cs = changeSet(from(zone("sqs.example"), resolver), plan(hub()));
        assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what, c.subject, c.consumers, c.interrupts, c.protected]), [
            ["remove", "on-prem networks", "192.168.0.0/16 -> (none)", ["on-prem"], "on-prem 192.168.0.0/16 loses the endpoints and the Resolver", undefined],
            // on-prem goes with onPrem: the reason is said.
            ["remove", "zone", "sqs.example", ["on-prem", "spoke-a", "spoke-b"], "on-prem, spoke-a, spoke-b lose this zone (on-prem: its network leaves onPrem.cidrs)", true],
            ["remove", "Resolver endpoint", "inbound", ["on-prem"], "on-prem loses this Resolver endpoint (its network leaves onPrem.cidrs)", undefined],
        ]);
        assert.deepStrictEqual(cs.order, ["pulumi up will refuse to delete a protected resource: set vpce-hub:protect: false and pulumi up hub once first (or pulumi state unprotect <urn>)", "pulumi up hub"]);
        assert.ok(changeLines(cs, false).includes("    protected: pulumi up will refuse to delete sqs.example"));
    });

    it("a Resolver endpoint of a hub without on-prem networks, a peering or authorization to a VPC no spoke owns, and a type the review has no word for affect nobody", () => {
        const cs = changeSet(plan(hub({
            resources: [
                res("hub", T.resolver, "inbound", { direction: "INBOUND" }),
                res("hub", T.peering, "to-x", { vpcId: "vpc-h", peerVpcId: "vpc-x" }),
                res("hub", T.peering, "to-b", { vpcId: "vpc-h", peerVpcId: "vpc-b" }),
                res("hub", T.authorization, "auth-x", { zoneId: "Z1", vpcId: "vpc-x" }),
                res("hub", T.authorization, "auth-a", { zoneId: "Z1", vpcId: "vpc-a" }),
                res("hub", T.subnet, "extra", { cidrBlock: "10.0.9.0/24" }),
            ],
        })), plan(hub()));
        assert.deepStrictEqual(brief(cs), [
            ["remove", "Resolver endpoint", "inbound", [], undefined],
            ["remove", "peering", "to-x", [], undefined],
            ["remove", "peering", "to-b", ["spoke-b"], "spoke-b loses this peering"],
            ["remove", "association authorization", "auth-x", [], undefined],
            ["remove", "association authorization", "auth-a", ["spoke-a"], undefined],
            ["remove", "Subnet", "extra", [], undefined],
        ]);
        assert.deepStrictEqual(changeLines(cs, false).filter(l => l.includes("Subnet")), ["  remove 1 Subnet: extra"]);
    });
});

describe("change review: stacks that appear or go, and what is still needed", () => {
    it("against an empty previous plan everything is added and nothing breaks", () => {
        const cs = changeSet(plan(), plan(hub({ resources: [route("to-a", { destinationCidrBlock: "10.1.0.0/16" }, { transitGatewayId: "tgw-1" })] }), spoke("spoke-a", [res("spoke-a", T.zoneAssociation, "za", { zoneId: "Z1", vpcId: "vpc-a" })])));
        assert.deepStrictEqual(cs.changes.map(c => [c.stack, c.kind, c.what, c.subject, c.consumers]), [
            ["hub", "add", "route", "10.1.0.0/16 in rtb-1 via tgw-1", ["spoke-a"]],
            ["spoke-a", "add", "zone association", "za", ["spoke-a"]],
        ]);
        assert.strictEqual(cs.verdict, "no breaking changes");
        assert.deepStrictEqual(cs.followUps, []);
    });

    it("a stack gone from the current plan has every resource removed; a hub gone leaves its protected ones to 'the hub'", () => {
        const cs = changeSet(plan(hub({ resources: [res("hub", T.zone, "z", { name: "sqs.example" })] }), spoke("spoke-a", [res("spoke-a", T.zoneAssociation, "za", { zoneId: "Z1", vpcId: "vpc-a" })])), plan());
        assert.deepStrictEqual(cs.changes.map(c => [c.stack, c.kind, c.what, c.subject, c.consumers, c.interrupts]), [
            ["hub", "remove", "zone", "sqs.example", ["spoke-a", "spoke-b"], "spoke-a, spoke-b lose this zone"],
            ["spoke-a", "remove", "zone association", "za", ["spoke-a"], "spoke-a loses this zone association"],
        ]);
        assert.deepStrictEqual(cs.order, ["pulumi up will refuse to delete a protected resource: set vpce-hub:protect: false and pulumi up the hub once first (or pulumi state unprotect <urn>)"]);
    });

    it("a spoke's own zone or endpoint is not protected (protect applies to the hub's)", () => {
        const cs = changeSet(plan(hub(), spoke("spoke-a", [res("spoke-a", T.endpoint, "local", { serviceName: "x" })])), plan(hub(), spoke("spoke-a")));
        assert.deepStrictEqual(cs.changes.map(c => [c.stack, c.kind, c.protected]), [["spoke-a", "remove", undefined]]);
        assert.deepStrictEqual(cs.order, []);
    });

    it("switching a spoke from the Transit Gateway to peering: interrupted until its own pulumi up, which comes right after the hub's", () => {
        const peered = { ...SPOKES, "spoke-a": { ...SPOKES["spoke-a"], connectivity: "peering" } };
        const cs = changeSet(plan(hub(), spoke("spoke-a")), plan(hub({ spokes: peered }), spoke("spoke-a")));
        assert.deepStrictEqual(brief(cs), [["replace", "connectivity", "spoke-a: transitGateway -> peering", ["spoke-a"],
            "spoke-a cannot reach the hub from the hub's pulumi up (its TGW routes are removed) until spoke-a's own pulumi up (it accepts the new peering and routes through it)"]]);
        assert.deepStrictEqual(cs.order, ["pulumi up hub, then at once pulumi up spoke-a: spoke-a has no path to the hub between the two"]);
        assert.deepStrictEqual(changeLines(cs, false).slice(-3), ["order of commands:", "  1. pulumi up hub, then at once pulumi up spoke-a: spoke-a has no path to the hub between the two", "1 breaking changes (marked above)"]);
    });

    it("on-prem networks added, moved in part and removed: the kind, both lists, and which networks lose and gain the endpoints", () => {
        const on = (cidrs?: string[]) => plan(hub({ ...(cidrs ? { onPrem: cidrs } : {}) }));
        const one = (a?: string[], b?: string[]) => {
            const cs = changeSet(on(a), on(b));
            assert.strictEqual(cs.changes.length, 1);
            const c = cs.changes[0];
            assert.deepStrictEqual([c.stack, c.what, c.consumers], ["hub", "on-prem networks", ["on-prem"]]);
            return [c.kind, c.subject, c.interrupts];
        };
        assert.deepStrictEqual(one(undefined, ["192.168.0.0/16", "172.16.0.0/12"]), ["add", "(none) -> 192.168.0.0/16, 172.16.0.0/12", undefined]);
        assert.deepStrictEqual(one(["192.168.0.0/16"], ["192.168.0.0/16", "172.16.0.0/12"]), ["update", "192.168.0.0/16 -> 192.168.0.0/16, 172.16.0.0/12", undefined]);
        assert.deepStrictEqual(one(["192.168.0.0/16", "172.16.0.0/12"], ["192.168.0.0/16", "10.200.0.0/16"]),
            ["update", "192.168.0.0/16, 172.16.0.0/12 -> 192.168.0.0/16, 10.200.0.0/16", "on-prem 172.16.0.0/12 loses the endpoints and the Resolver; 10.200.0.0/16 gains them"]);
        assert.deepStrictEqual(one(["192.168.0.0/16", "172.16.0.0/12"], ["10.200.0.0/16", "10.201.0.0/16"]),
            ["update", "192.168.0.0/16, 172.16.0.0/12 -> 10.200.0.0/16, 10.201.0.0/16", "on-prem 192.168.0.0/16, 172.16.0.0/12 lose the endpoints and the Resolver; 10.200.0.0/16, 10.201.0.0/16 gain them"]);
        assert.deepStrictEqual(one(["192.168.0.0/16", "172.16.0.0/12"], undefined),
            ["remove", "192.168.0.0/16, 172.16.0.0/12 -> (none)", "on-prem 192.168.0.0/16, 172.16.0.0/12 lose the endpoints and the Resolver"]);
        // The same networks in another order change nothing.
        assert.deepStrictEqual(changeSet(on(["192.168.0.0/16", "172.16.0.0/12"]), on(["172.16.0.0/12", "192.168.0.0/16"])).changes, []);
    });

    it("new zones: without on-prem only the members' pulumi up is still needed; with several, on-prem forwarders add 'the N zones'", () => {
        const zones = ["sqs.example", "sns.example"];
        const plain = changeSet(plan(hub()), plan(hub({ zones })));
        assert.deepStrictEqual(plain.followUps, ["new zones (sqs.example, sns.example): pulumi up each member after the hub to associate them (spoke-b, spoke-a); until then they resolve these names publicly"]);
        const zoneResources = zones.map(z => res("hub", T.zone, z, { name: z }));
        const onPrem = changeSet(plan(hub({ ips: ["10.0.0.10", "10.0.1.10"] })), plan(hub({ zones, ips: ["10.0.0.10", "10.0.1.10"], resources: zoneResources })));
        assert.deepStrictEqual(changeLines(onPrem, false), [
            "hub: 2 to add",
            "  add 2 zones: sqs.example, sns.example [affects spoke-a, spoke-b]",
            "still needed:",
            "  - new zones (sqs.example, sns.example): pulumi up each member after the hub to associate them (spoke-b, spoke-a); until then they resolve these names publicly",
            "  - on-prem forwarders: add the 2 zones (sqs.example, sns.example): after the hub's pulumi up, `npm run forwarders -- --from <its stack output --json>`",
            "no breaking changes",
        ]);
    });

    it("new zones on a hub sharing a Route 53 Profile reach the members through it: no member pulumi up is asked for", () => {
        const dns = { sharing: "profile", records: "zones" };
        const cs = changeSet(plan(hub({ dns })), plan(hub({ dns, zones: ["sqs.example"], resources: [res("hub", T.zone, "z", { name: "sqs.example" })] })));
        assert.deepStrictEqual(changeLines(cs, false).slice(-3), [
            "still needed:",
            "  - new zones (sqs.example) reach the members through the Route 53 Profile: no member pulumi up needed",
            "no breaking changes",
        ]);
    });

    it("a new spoke is created after the hub; a removed spoke is destroyed first (what happens otherwise said), whether its stack file is still there or gone; new Resolver addresses re-render the forwarders", () => {
        const withC = { ...SPOKES, "spoke-c": { cidr: "10.3.0.0/16", vpcId: "vpc-c", connectivity: "peering" } };
        const withoutA = { "spoke-b": SPOKES["spoke-b"] };
        const added = changeSet(plan(hub({ ips: ["10.0.0.10"] })), plan(hub({ spokes: withC, ips: ["10.0.0.11"] })));
        assert.deepStrictEqual(added.followUps, [
            "new spoke spoke-c: after the hub's pulumi up, create and pulumi up the stack spoke-c (it reads the hub's outputs)",
            "the Resolver's addresses change: re-render the on-prem forwarders after the hub's pulumi up (npm run forwarders)",
        ]);
        const stillThere = changeSet(plan(hub(), spoke("spoke-a")), plan(hub({ spokes: withoutA }), spoke("spoke-a")));
        const destroyFirst = "pulumi destroy -s spoke-a, then pulumi stack rm spoke-a: first, because pulumi up hub deletes its place in the RAM share, " +
            "the Transit Gateway routes to it and its zone authorizations; otherwise spoke-a keeps the hub's zones with no way to the endpoints " +
            "(its lookups answer addresses it cannot reach: timeouts, not the public endpoints) until its own destroy, which then deletes routes and associations whose other side is gone";
        assert.deepStrictEqual(stillThere.order, [destroyFirst, "pulumi up hub"]);
        const destroyed = changeSet(plan(hub(), spoke("spoke-a")), plan(hub({ spokes: withoutA })));
        assert.deepStrictEqual(destroyed.order, [destroyFirst, "pulumi up hub"]);
        assert.deepStrictEqual(destroyed.followUps, []);
        // A registered member that never had a stack (pending) has nothing to destroy.
        const pending = changeSet(plan(hub()), plan(hub({ spokes: withoutA })));
        assert.deepStrictEqual(pending.order, []);
    });
});

describe("removal warnings against a previous plan (lib/review/diff.ts)", () => {
    const hubOut = (o: { services?: string[]; spokes?: Record<string, string>; ips?: string[] }) => ({
        stack: "hub", role: "hub" as const, resources: [],
        outputs: {
            services: Object.fromEntries((o.services ?? []).map(s => [s, { zones: [{ name: `${s}.ap-northeast-1.amazonaws.com` }, { name: `${s}-fips.ap-northeast-1.amazonaws.com` }] }])),
            spokes: Object.fromEntries(Object.entries(o.spokes ?? {}).map(([n, c]) => [n, { connectivity: c }])),
            resolverInboundIps: o.ips ?? [],
        },
    });
    const warn = (a: Parameters<typeof hubOut>[0], b: Parameters<typeof hubOut>[0]) =>
        compareWithPrevious({ stacks: [hubOut(a)] } as never, { stacks: [hubOut(b)] } as never).map(w => [w.code, w.message]);

    it("removing a service names who will resolve its zones publicly (spokes, and on-prem with a Resolver), or every consumer", () => {
        assert.deepStrictEqual(warn({ services: ["sqs"], spokes: { a: "peering", b: "peering" } }, { spokes: { a: "peering", b: "peering" } }), [["removal:service",
            "removing sqs deletes its endpoint and zones: a, b will resolve sqs.ap-northeast-1.amazonaws.com, sqs-fips.ap-northeast-1.amazonaws.com publicly and leave through the internet (or fail without internet access)"]]);
        assert.deepStrictEqual(warn({ services: ["sqs"], ips: ["10.0.0.10"] }, { ips: ["10.0.0.10"] }), [["removal:service",
            "removing sqs deletes its endpoint and zones: on-prem will resolve sqs.ap-northeast-1.amazonaws.com, sqs-fips.ap-northeast-1.amazonaws.com publicly and leave through the internet (or fail without internet access)"]]);
        assert.deepStrictEqual(warn({ services: ["sqs"] }, {}), [["removal:service",
            "removing sqs deletes its endpoint and zones: every consumer will resolve sqs.ap-northeast-1.amazonaws.com, sqs-fips.ap-northeast-1.amazonaws.com publicly and leave through the internet (or fail without internet access)"]]);
    });

    it("removing a spoke says what the hub deletes (its peering, or its RAM share on the Transit Gateway) and to destroy the spoke's stack first", () => {
        assert.deepStrictEqual(warn({ spokes: { a: "peering", b: "transitGateway", c: "peering" } }, { spokes: { c: "peering" } }), [
            ["removal:spoke", "removing spoke a from the hub deletes its authorizations and peering: run `pulumi destroy` on stack a first, or its associations and routes are left dangling"],
            ["removal:spoke", "removing spoke b from the hub deletes its authorizations and RAM share: run `pulumi destroy` on stack b first, or its associations and routes are left dangling"],
        ]);
    });

    it("removing onPrem warns that forwarders lose every answer; new Resolver addresses say to update the forwarders; the same ones say nothing", () => {
        assert.deepStrictEqual(warn({ ips: ["10.0.0.10", "10.0.1.10"] }, {}), [["removal:resolver", "removing onPrem deletes the Resolver inbound endpoint: on-prem forwarders lose every answer"]]);
        assert.deepStrictEqual(warn({ ips: ["10.0.0.10", "10.0.1.10"] }, { ips: ["10.0.0.10", "10.0.1.20"] }),
            [["change:resolver-ips", "Resolver inbound addresses change from 10.0.0.10, 10.0.1.10 to 10.0.0.10, 10.0.1.20: update the on-prem forwarders"]]);
        assert.deepStrictEqual(warn({ ips: ["10.0.0.10"] }, { ips: ["10.0.0.10"] }), []);
    });
});

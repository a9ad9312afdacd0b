// Least privilege, derived: every action the deploy roles grant is one the program needs, and
// every action the program needs is granted. The example stack sets (and variants covering what
// no example uses: a VPC the hub creates, prefix lists, an organization, a zones -> endpoint
// migration, a new VPN) are planned on the simulated cloud; every resource type and invoke each
// stack registers is mapped to IAM actions by deployments/actions.ts, whose rows cite their
// source; the hub's and the member's roles (deployments/permissions.ts) must equal that union.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
    INVOKE_ACTIONS, RESOURCE_ACTIONS, SDK_ACTIONS, actionMatches, actionsFor, isReadAction,
} from "../deployments/actions";
import { PermissionScope, actionsOf, permissionPolicy, previewPolicy } from "../deployments/permissions";
import { loadStackFiles } from "../lib/config/stackFiles";
import { evaluate, validateStacks } from "../plan/plan";
import { SimCloud } from "../sim/cloud";
import { EXAMPLE_DIR, MULTI_REGION_DIR, ROOT, exampleStacksIn } from "./helpers";

/** What one planned stack used: its resource types and the invokes it called. */
interface Use {
    readonly stack: string; readonly role: "hub" | "spoke"; readonly customerGateway: boolean; readonly retires: boolean; readonly types: Set<string>; readonly invokes: Set<string>;
    readonly resources: { readonly type: string; readonly name: string; readonly inputs: Record<string, any> }[];
}

async function planUses(dir: string): Promise<Use[]> {
    const { files } = loadStackFiles(dir);
    const { configs, errors } = validateStacks(files);
    assert.deepStrictEqual(errors, [], dir);
    const sim = new SimCloud();
    const invokes = new Map<string, Set<string>>();
    const call = sim.call.bind(sim);
    sim.call = args => {
        const set = invokes.get(sim.ctx.stack) ?? new Set<string>();
        invokes.set(sim.ctx.stack, set.add(args.token));
        return call(args);
    };
    const plan = await evaluate(files, configs, sim);
    return plan.stacks.map(s => ({
        stack: s.stack, role: s.role,
        customerGateway: s.role === "hub" && !!(s.config as { onPrem?: { customerGateway?: unknown } }).onPrem?.customerGateway,
        retires: s.role === "spoke" && !!(s.config as { existingEndpoints?: { retire?: boolean } }).existingEndpoints?.retire,
        // Our own components are no cloud objects.
        types: new Set(s.resources.filter(r => !r.type.startsWith("vpce-hub:")).map(r => r.type)),
        invokes: invokes.get(s.stack) ?? new Set(),
        resources: s.resources.map(r => ({ type: r.type, name: r.name, inputs: r.inputs })),
    }));
}

/** Variants of the shipped examples for what no example uses. */
function variants(tmp: string): string[] {
    const newVpc = exampleStacksIn(path.join(tmp, "new-vpc"), files => {
        // The hub creates its VPC (subnets, route tables), lists sources and Transit Gateway routes in prefix
        // lists, and belongs to an organization (DescribeOrganization).
        files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"]
            .replace(/  vpce-hub:vpc:\n(    .*\n)+/, "  vpce-hub:vpc:\n    cidr: 10.0.0.0/16\n")
            .replace(/  vpce-hub:onPrem:\n(    .*\n)+/, "")
            .replace("config:\n", "config:\n  vpce-hub:organizationId: o-abcdefghij\n  vpce-hub:prefixLists: { sources: true, transitGatewayRoutes: true }\n");
    });
    const vpn = exampleStacksIn(path.join(tmp, "vpn"), files => {
        files["Pulumi.shared.yaml"] = files["Pulumi.shared.yaml"].replace("vpnGatewayId: vgw-0123456789abcdef0", "customerGateway: { ip: 203.0.113.10, bgpAsn: 65000 }");
    });
    // The zones -> endpoint migration's first step: the hub VPC joins its profile, zones move to a parking VPC.
    const migration = path.join(tmp, "migration");
    fs.mkdirSync(migration);
    for (const f of fs.readdirSync(path.join(ROOT, "examples", "profile"))) {
        let text = fs.readFileSync(path.join(ROOT, "examples", "profile", f), "utf8");
        if (f === "Pulumi.shared.yaml") text = text.replace("    records: zones\n", "    records: endpoint\n    migration: park-zones\n");
        fs.writeFileSync(path.join(migration, f), text);
    }
    // A member in profile mode retiring its own endpoint (docs/adoption.md): it adopts and then deletes it.
    const retire = path.join(tmp, "retire");
    fs.mkdirSync(retire);
    for (const f of fs.readdirSync(path.join(ROOT, "examples", "profile"))) {
        let text = fs.readFileSync(path.join(ROOT, "examples", "profile", f), "utf8");
        if (f === "Pulumi.member-a.yaml") text += "  vpce-hub:existingEndpoints:\n    retire: true\n    endpoints:\n      - { service: ssm, id: vpce-0123456789abcdef0 }\n";
        fs.writeFileSync(path.join(retire, f), text);
    }
    return [newVpc, vpn, migration, retire];
}

const scope = (side: "hub" | "member", customerGateway = false, retiresOwnEndpoints = false): PermissionScope =>
    ({ side, account: "123456789012", regions: ["ap-northeast-1"], customerGateway, ...(retiresOwnEndpoints ? { retiresOwnEndpoints } : {}) });

/** The needs none of the role's patterns grant, and the role's patterns no need justifies. */
function compare(granted: readonly string[], needed: readonly string[]): { missing: string[]; extra: string[] } {
    return {
        missing: needed.filter(n => !granted.some(g => actionMatches(g, n))),
        extra: granted.filter(g => !needed.some(n => actionMatches(g, n))),
    };
}

describe("deploy roles: least privilege derived from what the program registers", function () {
    this.timeout(120000);
    let uses: Use[] = [];
    let tmp = "";
    before(async () => {
        tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-actions-"));
        const dirs = [EXAMPLE_DIR, path.join(ROOT, "examples", "profile"), path.join(ROOT, "examples", "dual-stack"), MULTI_REGION_DIR, ...variants(tmp)];
        for (const d of dirs) uses.push(...await planUses(d));
    });
    after(() => fs.rmSync(tmp, { recursive: true, force: true }));

    const needs = (filter: (u: Use) => boolean, side: "hub" | "member") => {
        const picked = uses.filter(filter);
        const { actions, unknown } = actionsFor(picked.flatMap(u => [...u.types]), picked.flatMap(u => [...u.invokes]));
        assert.deepStrictEqual(unknown, [], "a resource type or invoke without a row in deployments/actions.ts");
        return [...new Set([...actions, ...SDK_ACTIONS[side].actions])].sort();
    };

    it("the plans cover what the roles must serve: a created VPC, prefix lists, an organization, a migration, a new VPN, peering, Transit Gateway, profiles", () => {
        const all = new Set(uses.flatMap(u => [...u.types, ...u.invokes]));
        for (const t of ["aws:ec2/subnet:Subnet", "aws:ec2/vpc:Vpc", "aws:ec2/managedPrefixList:ManagedPrefixList", "aws:organizations/getOrganization:getOrganization",
            "aws:ec2/customerGateway:CustomerGateway", "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter",
            "aws:ec2transitgateway/vpcAttachment:VpcAttachment", "aws:route53/profilesAssociation:ProfilesAssociation", "aws:route53/zoneAssociation:ZoneAssociation"]) {
            assert.ok(all.has(t), `no plan registers ${t}`);
        }
    });

    it("the hub's deploy role grants exactly what hub stacks need: none missing, none extra (no VPN without customerGateway)", () => {
        const diff = compare(actionsOf(permissionPolicy(scope("hub"))), needs(u => u.role === "hub" && !u.customerGateway, "hub"));
        assert.deepStrictEqual(diff, { missing: [], extra: [] });
    });

    it("with onPrem.customerGateway the hub's role adds exactly the VPN and customer gateway actions", () => {
        const withVpn = compare(actionsOf(permissionPolicy(scope("hub", true))), needs(u => u.role === "hub", "hub"));
        assert.deepStrictEqual(withVpn, { missing: [], extra: [] });
        const without = actionsOf(permissionPolicy(scope("hub")));
        assert.deepStrictEqual(without.filter(a => /Vpn|CustomerGateway/.test(a)), [], "VPN actions without a customerGateway");
        assert.ok(actionsOf(permissionPolicy(scope("hub", true))).includes("ec2:CreateCustomerGateway"));
    });

    it("a member's deploy role grants exactly what member stacks need (the deploy-time RAM invitation lookup included)", () => {
        const diff = compare(actionsOf(permissionPolicy(scope("member"))), needs(u => u.role === "spoke" && !u.retires, "member"));
        assert.deepStrictEqual(diff, { missing: [], extra: [] });
    });

    it("a member that retires its own endpoints (existingEndpoints.retire) adds exactly the delete of endpoints in its own VPCs; no other member's role holds it", () => {
        // The plan's final state no longer holds the adopted endpoint (its second pulumi up deletes
        // it): what that deletion needs is the endpoint row's delete, which only this role grants.
        assert.ok(uses.some(u => u.retires), "the variant has a retiring member");
        const retiring = permissionPolicy({ ...scope("member", false, true), vpcIds: ["vpc-0aaaaaaaaaaaaaaaa"] });
        const granted = actionsOf(retiring);
        assert.ok(RESOURCE_ACTIONS["aws:ec2/vpcEndpoint:VpcEndpoint"].actions.includes("ec2:DeleteVpcEndpoints"));
        assert.deepStrictEqual(compare(granted, needs(u => u.role === "spoke", "member")).missing, []);
        assert.deepStrictEqual(granted.filter(a => !actionsOf(permissionPolicy(scope("member"))).includes(a)), ["ec2:DeleteVpcEndpoints"]);
        const stmt = retiring.Statement.find(x => x.Sid === "RetireOwnEndpoints")!;
        assert.deepStrictEqual(stmt.Condition, { ArnEquals: { "ec2:Vpc": ["arn:aws:ec2:ap-northeast-1:123456789012:vpc/vpc-0aaaaaaaaaaaaaaaa"] } });
    });

    it("hub-only actions are never in a member's role", () => {
        const member = actionsOf(permissionPolicy(scope("member")));
        const hubOnly = needs(u => u.role === "hub", "hub").filter(a => !needs(u => u.role === "spoke", "member").includes(a) && !isReadAction(a));
        assert.ok(hubOnly.length > 40, `${hubOnly.length} hub-only actions`);
        assert.deepStrictEqual(hubOnly.filter(a => member.some(m => actionMatches(m, a))), []);
    });

    it("the preview roles grant exactly the reads their side needs, and nothing else", () => {
        for (const side of ["hub", "member"] as const) {
            const reads = needs(u => (side === "hub" ? u.role === "hub" : u.role === "spoke"), side).filter(isReadAction);
            assert.deepStrictEqual(compare(actionsOf(previewPolicy(scope(side))), reads), { missing: [], extra: [] }, side);
        }
    });

    it("holds the actions whose absence failed deploys: prefix lists, DescribeOrganization, the member's RAM invitation lookup", () => {
        const hub = actionsOf(permissionPolicy(scope("hub")));
        for (const a of ["ec2:CreateManagedPrefixList", "ec2:ModifyManagedPrefixList", "ec2:DeleteManagedPrefixList", "ec2:GetManagedPrefixListEntries", "organizations:DescribeOrganization"]) {
            assert.ok(hub.some(g => actionMatches(g, a)), a);
        }
        const member = actionsOf(permissionPolicy(scope("member")));
        for (const a of ["ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation"]) assert.ok(member.some(g => actionMatches(g, a)), a);
    });

    it("what the roles' tag conditions rely on holds: every resource whose create requires the vpce-hub Name tag is created with it", () => {
        // The types whose create statements carry aws:RequestTag/Name (deployments/permissions.ts).
        const tagged = ["aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/vpc:Vpc",
            "aws:ec2/managedPrefixList:ManagedPrefixList", "aws:ec2/vpcPeeringConnection:VpcPeeringConnection",
            "aws:ec2transitgateway/transitGateway:TransitGateway", "aws:ec2transitgateway/routeTable:RouteTable",
            "aws:ec2transitgateway/vpcAttachment:VpcAttachment", "aws:ram/resourceShare:ResourceShare",
            "aws:route53/resolverEndpoint:ResolverEndpoint", "aws:route53/profilesProfile:ProfilesProfile",
            "aws:ec2/vpnGateway:VpnGateway", "aws:ec2/customerGateway:CustomerGateway", "aws:ec2/vpnConnection:VpnConnection"];
        const untagged = uses.flatMap(u => u.resources).filter(r => tagged.includes(r.type) && !/^vpce-hub/.test(String(r.inputs.tags?.Name ?? "")))
            .map(r => `${r.type} ${r.name}: Name ${r.inputs.tags?.Name}`);
        assert.deepStrictEqual(untagged, []);
        for (const t of tagged) assert.ok(uses.some(u => u.types.has(t)), `no plan creates ${t}: the check above says nothing of it`);
    });

    it("every row of the action table cites its source and names real IAM actions (service:Action)", () => {
        for (const [key, row] of Object.entries({ ...RESOURCE_ACTIONS, ...INVOKE_ACTIONS, ...SDK_ACTIONS })) {
            assert.ok(row.source.length > 10, `${key} cites no source`);
            for (const a of row.actions) assert.match(a, /^[a-z0-9-]+:[A-Z][A-Za-z0-9]+$/, `${key}: ${a}`);
        }
    });
});

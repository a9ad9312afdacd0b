// The resource options every real stack program sends the engine (protect, ignoreChanges, the
// orderings, replacement options, import), read from the RegisterResource requests themselves
// (test/fixtures/registrations.ts): Pulumi's mocks never see them, and a dropped option is an
// outage at `pulumi up` that no DNS or path check of the plan can notice. Every registration of
// every world below is held to one table of rules (RULES): a resource type without a row fails,
// an option set where the table says none fails, an option missing where it says one fails.
import * as assert from "assert";
import * as path from "path";
import { HubConfig, SpokeConfig, hubStackName } from "../lib/config";
import { HubOutputs, PlannedStack, TYPES as T } from "../lib/model";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { runStackSimulated } from "../sim/run";
import { EXAMPLE_DIR, MULTI_REGION_DIR, ROOT } from "./helpers";
import { RecordingCloud, Registration, record, recordPlan } from "./fixtures/registrations";

/** One stack's `pulumi up`: what it planned and what it registered. */
interface Run {
    readonly stack: PlannedStack;
    readonly registrations: Registration[];
    /** Earlier runs of the same stack in this world (a second `pulumi up` finds its resources in state). */
    readonly previousRuns: number;
    /** The hub's previous outputs (its own StackReference reads them): for the peering's replacement trigger. */
    readonly previousOutputs?: Record<string, any>;
}

/** A sequence of `pulumi up`s in one simulated world, as recorded. */
class World {
    readonly sim = new RecordingCloud();
    readonly runs: Run[] = [];
    /** Latest planned stack by name. */
    readonly latest = new Map<string, PlannedStack>();
    /** Peering requests that expired before a run (sim.expirePendingPeerings). */
    readonly expired = new Set<string>();

    private add(stack: PlannedStack, registrations: Registration[]): void {
        const previousRuns = this.runs.filter(r => r.stack.stack === stack.stack).length;
        this.runs.push({ stack, registrations, previousRuns, previousOutputs: this.latest.get(stack.stack)?.outputs });
        this.latest.set(stack.stack, stack);
    }

    /** `npm run plan` of stack files: every stack, hub first (a member retiring endpoints twice: adopt, then delete). */
    async plan(files: StackFile[]): Promise<this> {
        const { plan, registrations } = await recordPlan(files, this.sim);
        const runs = [...new Set(registrations.map(r => r.run))].sort((a, b) => a - b);
        for (const run of runs) {
            const regs = registrations.filter(r => r.run === run);
            this.add(plan.stacks.find(s => s.stack === regs[0].stack)!, regs);
        }
        return this;
    }

    /** One `pulumi up` of one stack, its config changed by `edit`. */
    async up(files: StackFile[], stack: string, edit: (raw: Record<string, any>) => void = () => undefined): Promise<this> {
        const raw = JSON.parse(JSON.stringify(files.find(f => f.stack === stack)!.raw));
        edit(raw);
        const { result, registrations } = await record(this.sim, () => runStackSimulated(this.sim, stack, raw));
        this.add(result, registrations);
        return this;
    }

    expirePeerings(): this {
        for (const id of this.sim.expirePendingPeerings()) this.expired.add(id);
        return this;
    }
}

/** What the rules need to know about one registration. */
interface Ctx {
    readonly reg: Registration;
    readonly run: Run;
    readonly world: World;
}

const hubConfigOf = (c: Ctx): HubConfig => {
    const cfg = c.run.stack.config;
    if (cfg.role === "hub") return cfg;
    return c.world.latest.get(hubStackName((cfg as SpokeConfig).hubStack))!.config as HubConfig;
};
const hubOutputsOf = (c: Ctx): HubOutputs => (c.run.stack.config.role === "hub" ? c.run.stack
    : c.world.latest.get(hubStackName((c.run.stack.config as SpokeConfig).hubStack))!).outputs as HubOutputs;

/** Registrations of the same run matching `p`. */
const inRun = (c: Ctx, p: (r: Registration) => boolean) => c.run.registrations.filter(p);

/** A zone on the parking VPC of the migration (docs/migration.md B1, B2). */
function parked(c: Ctx): boolean {
    const parking = c.run.stack.resources.find(r => r.type === "aws:ec2/vpc:Vpc" && r.name === "zone-parking");
    return parking !== undefined && (c.reg.inputs.vpcs ?? []).some((v: { vpcId?: string }) => v.vpcId === parking.id);
}

/** The accepter this run registered for a RAM share, if any. */
const accepterOf = (c: Ctx, shareArn: string | undefined) => shareArn ? inRun(c, r => r.type === T.ramResourceShareAccepter && r.inputs.shareArn === shareArn) : [];

/** An ordering the engine must respect: this resource waits for `on` (what, and their URNs). */
interface After { readonly why: string; readonly on: Registration[] }

/** The options one resource must be registered with; anything not said here must be unset. */
interface Rule {
    readonly protect?: (c: Ctx) => boolean;
    readonly ignoreChanges?: (c: Ctx) => string[];
    readonly after?: (c: Ctx) => After[];
    readonly deleteBeforeReplace?: (c: Ctx) => boolean;
    readonly replacementTrigger?: (c: Ctx) => unknown;
    readonly importId?: (c: Ctx) => string;
    /** The URNs the resource had before (its aliases resolved): kept, or `pulumi up` replaces it. */
    readonly aliases?: (c: Ctx) => string[];
}

/** The URN an alias stands for: a URN, or a spec resolved against the resource's stack, type and name. */
function aliasUrn(reg: Registration, a: Record<string, string | boolean>): string {
    if (typeof a.urn === "string") return a.urn;
    const type = String(a.type || reg.type), name = String(a.name || reg.name);
    const chain = a.noParent || !a.parentUrn ? type : `${String(a.parentUrn).split("::")[2]}$${type}`;
    return `urn:pulumi:${a.stack || reg.stack}::${a.project || "vpce-hub"}::${chain}::${name}`;
}

/**
 * Each resource of a hub VPC the program creates, under the URN awsx.ec2.Vpc gave it (hubs created
 * before the program built the VPC itself): the VPC "hub", then per AZ a subnet, its route table
 * and their association, each named hub-isolated-N, each a child of the one before.
 */
const AWSX_VPC_CHAIN: Readonly<Record<string, string>> = {
    "aws:ec2/vpc:Vpc": "awsx:ec2:Vpc$aws:ec2/vpc:Vpc",
    "aws:ec2/subnet:Subnet": "awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet",
    "aws:ec2/routeTable:RouteTable": "awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet$aws:ec2/routeTable:RouteTable",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet$aws:ec2/routeTable:RouteTable$aws:ec2/routeTableAssociation:RouteTableAssociation",
};
const createdVpcPart = (c: Ctx) => c.run.stack.role === "hub" && c.run.stack.config.vpc.kind === "new" && (c.reg.name === "hub" || /^hub-isolated-\d+$/.test(c.reg.name));
const awsxUrn: Rule = { aliases: c => createdVpcPart(c) ? [`urn:pulumi:${c.reg.stack}::vpce-hub::${AWSX_VPC_CHAIN[c.reg.type]}::${c.reg.name}`] : [] };

/** A member's own endpoint adopted for retirement (vpce-hub:existingEndpoints retire: true), by its id. */
const adoptedId = (c: Ctx): string | undefined => c.run.stack.role === "spoke" ? c.reg.importId && (c.run.stack.config as SpokeConfig).existingEndpoints?.endpoints.find(e => c.reg.name.endsWith(`-${e.id}`))?.id : undefined;

/** The latest invitation RAM sent this stack's account to a share (what the accepter accepts or keeps). */
function invitationArn(c: Ctx): string | undefined {
    const invitations = c.world.sim.ram.invitationsFor(c.run.stack.accountId, c.reg.inputs.shareArn);
    return [...invitations].sort((a, b) => (b.timestamp ?? "").localeCompare(a.timestamp ?? ""))[0]?.invitationArn;
}

const looksUp = (c: Ctx) => (c.run.stack.config as SpokeConfig).acceptRamShare === "auto";

const RULES: Readonly<Record<string, Rule>> = {
    // Zones: protected as configured; spokes add their VPCs with ZoneAssociation, so the inline
    // `vpcs` must be ignored (else every hub update removes the associations). A zone parked
    // during the migration moves to the parking VPC, which only a `vpcs` change does, and only
    // after the hub VPC sees it through the profile (else the hub and on-prem lose the name).
    [T.zone]: {
        protect: c => hubConfigOf(c).protect,
        ignoreChanges: c => parked(c) ? [] : ["vpcs"],
        after: c => parked(c) ? [{ why: "the hub VPC's profile association", on: inRun(c, r => r.type === T.profileAssociation && r.inputs.resourceId === c.run.stack.outputs.vpcId) }] : [],
    },
    // Deleting a hub endpoint breaks the service for every spoke and on-prem at once. A member's
    // own endpoint it retires is imported by its id, unprotected (the next update deletes it), and
    // only once its VPC is associated with the hub's profile (which then answers its names).
    [T.vpcEndpoint]: {
        protect: c => c.run.stack.role === "hub" && hubConfigOf(c).protect,
        importId: c => adoptedId(c) ?? "",
        after: c => adoptedId(c) ? [{ why: "the VPC's association with the hub's profile", on: inRun(c, r => r.type === T.profileAssociation) }] : [],
    },
    // A hub VPC the program creates keeps the URNs awsx gave it, or every hub it created is replaced.
    "aws:ec2/vpc:Vpc": awsxUrn,
    "aws:ec2/subnet:Subnet": awsxUrn,
    "aws:ec2/routeTable:RouteTable": awsxUrn,
    "aws:ec2/routeTableAssociation:RouteTableAssociation": awsxUrn,
    // A request that expired before the member accepted it is replaced by a new one, once.
    [T.vpcPeeringConnection]: {
        replacementTrigger: c => {
            const before = c.run.previousOutputs?.spokes?.[c.reg.name] as { peeringConnectionId?: string; peeringReplaces?: string } | undefined;
            return before?.peeringConnectionId && c.world.expired.has(before.peeringConnectionId) ? before.peeringConnectionId : before?.peeringReplaces ?? "";
        },
    },
    // The accepter follows the invitation: a new one replaces it, old first (its delete leaves the
    // share); one accepted before is kept by import.
    [T.ramResourceShareAccepter]: {
        deleteBeforeReplace: c => looksUp(c),
        replacementTrigger: c => looksUp(c) ? invitationArn(c) : undefined,
        importId: c => looksUp(c) && c.run.previousRuns > 0 ? c.reg.inputs.shareArn : "",
    },
    // AWS refuses a route to a Transit Gateway the VPC is not attached to; the route's inputs
    // name only the gateway (read from the hub's outputs in a spoke), so only dependsOn orders it.
    [T.route]: {
        after: c => c.reg.inputs.transitGatewayId
            ? [{ why: "the VPC's attachment to that Transit Gateway", on: inRun(c, r => r.type === T.tgwAttachment && r.inputs.transitGatewayId === c.reg.inputs.transitGatewayId) }]
            : c.reg.inputs.vpcPeeringConnectionId && c.run.stack.role === "spoke"
                ? [{ why: "the peering's acceptance", on: inRun(c, r => r.type === T.vpcPeeringConnectionAccepter) }] : [],
    },
    // A member attaches to the hub's shared Transit Gateway, or associates with its shared
    // profile, only once it accepted the RAM share (else NotFound).
    [T.tgwAttachment]: {
        after: c => c.run.stack.role === "spoke" && accepterOf(c, hubOutputsOf(c).transitGateway?.resourceShareArn).length
            ? [{ why: "the acceptance of the Transit Gateway's RAM share", on: accepterOf(c, hubOutputsOf(c).transitGateway?.resourceShareArn) }] : [],
    },
    [T.profileAssociation]: {
        after: c => c.run.stack.role === "spoke" && accepterOf(c, hubOutputsOf(c).dns?.resourceShareArn).length
            ? [{ why: "the acceptance of the profile's RAM share", on: accepterOf(c, hubOutputsOf(c).dns?.resourceShareArn) }] : [],
    },
};

/**
 * Types registered with no option at all (beyond their parent and the dependencies of their
 * inputs). Components (the program's own and awsx's remote Vpc) take none either: a protect on one
 * would reach every child, which the children's rows then catch.
 */
const PLAIN = new Set<string>([
    T.securityGroup, T.managedPrefixList, T.vpcPeeringConnectionAccepter, T.vpnGateway, T.vpnGatewayRoutePropagation, T.vpnConnectionRoute,
    T.tgwRouteTable, T.tgwRouteTableAssociation, T.tgwRouteTablePropagation, T.tgwDefaultRouteTableAssociation, T.tgwDefaultRouteTablePropagation,
    T.record, T.zoneAssociation, T.vpcAssociationAuthorization, T.resolverEndpoint, T.profile, T.profileResourceAssociation,
    T.ramResourceShare, T.ramResourceAssociation, T.ramPrincipalAssociation,
    "aws:ec2transitgateway/transitGateway:TransitGateway", "aws:ec2/customerGateway:CustomerGateway", "aws:ec2/vpnConnection:VpnConnection",
]);

/** Every way one registration differs from its rule, in words naming the stack and resource. */
function problems(c: Ctx): string[] {
    const { reg } = c;
    const at = `${reg.stack}: ${reg.type} ${reg.name}`;
    const rule = RULES[reg.type] ?? (PLAIN.has(reg.type) || !reg.custom ? {} : undefined);
    if (!rule) return [`${at}: no rule in test/engineOptions.test.ts says which options this type needs: add one`];
    const out: string[] = [];
    const same = (what: string, got: unknown, want: unknown) => {
        if (JSON.stringify(got) !== JSON.stringify(want)) out.push(`${at}: ${what} is ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    };
    same("protect", Boolean(reg.protect), rule.protect?.(c) ?? false);
    same("ignoreChanges", reg.ignoreChanges, rule.ignoreChanges?.(c) ?? []);
    same("deleteBeforeReplace", reg.deleteBeforeReplace, rule.deleteBeforeReplace?.(c) ?? false);
    same("replacementTrigger", reg.replacementTrigger, rule.replacementTrigger?.(c));
    same("import", reg.importId, rule.importId?.(c) ?? "");
    same("replaceOnChanges", reg.replaceOnChanges, []);
    same("aliases", reg.aliases.map(a => aliasUrn(reg, a)), rule.aliases?.(c) ?? []);
    same("retainOnDelete", Boolean(reg.retainOnDelete), false);
    for (const a of rule.after?.(c) ?? []) {
        if (!a.on.length) out.push(`${at}: must wait for ${a.why}, which this stack did not register`);
        for (const on of a.on) if (!reg.dependencies.includes(on.urn)) out.push(`${at}: is not ordered after ${a.why} (${on.type} ${on.name})`);
    }
    return out;
}

function allProblems(world: World): string[] {
    return world.runs.flatMap(run => run.registrations.flatMap(reg => problems({ reg, run, world })));
}

/** Each run's registrations of one stack, in order. */
const runsOf = (world: World, stack: string) => world.runs.filter(r => r.stack.stack === stack).map(r => r.registrations);

/** Registrations of the world's last run of each stack, optionally of one type. */
function latestRegistrations(world: World, type?: string): Registration[] {
    const last = new Map(world.runs.map(r => [r.stack.stack, r]));
    return [...last.values()].flatMap(run => run.registrations.filter(r => !type || r.type === type));
}

const files = (dir: string) => loadStackFiles(dir).files;
const withRaw = (fs: StackFile[], stack: string, edit: (raw: Record<string, any>) => void): StackFile[] =>
    fs.map(f => f.stack === stack ? { ...f, raw: (() => { const raw = JSON.parse(JSON.stringify(f.raw)); edit(raw); return raw; })() } : f);

const PROFILE_DIR = path.join(ROOT, "examples", "profile");
const DUAL_STACK_DIR = path.join(ROOT, "examples", "dual-stack");

describe("engine options of every resource the stack programs register (RegisterResource requests, test/fixtures/registrations.ts)", function () {
    this.timeout(60_000);

    // Each world once per file: the rule table is checked on all of them, the named tests below
    // pin what users rely on in the same recordings.
    const worlds = new Map<string, Promise<World>>();
    const world = (name: string, build: () => Promise<World>) => {
        if (!worlds.has(name)) worlds.set(name, build());
        return worlds.get(name)!;
    };
    // The example planned, every stack up a second time (resources in state), then the hub with
    // vpce-hub:protect false: one world, three steps users take.
    const example = () => world("example", async () => {
        const w = await new World().plan(files(EXAMPLE_DIR));
        await w.plan(files(EXAMPLE_DIR));
        return w.up(files(EXAMPLE_DIR), "shared", raw => { raw["vpce-hub:protect"] = false; });
    });
    const profile = () => world("examples/profile", () => new World().plan(files(PROFILE_DIR)));
    const dualStack = () => world("examples/dual-stack", () => new World().plan(files(DUAL_STACK_DIR)));
    const multiRegion = () => world("examples/multi-region", () => new World().plan(files(MULTI_REGION_DIR)));
    // docs/migration.md B: from the profile example (records: zones), B1 then B2 on the hub.
    // iot.data has no private DNS: its zone stays on the hub VPC throughout.
    const migration = () => world("the zones -> endpoint migration, B1 then B2", async () => {
        const fs = withRaw(files(PROFILE_DIR), "shared", raw => {
            raw["vpce-hub:services"] = [...raw["vpce-hub:services"], { name: "iot.data", zones: ["a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com"] }];
        });
        const w = await new World().plan(fs);
        await w.up(fs, "shared", raw => { raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint", migration: "park-zones" }; });
        return w.up(fs, "shared", raw => { raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint", migration: "enable-private-dns" }; raw["vpce-hub:protect"] = false; });
    });
    // The member of a peering never accepted: seven days pass, then the hub's next `pulumi up`.
    const expiredPeering = () => world("a peering request expired, then the hub up again", async () => {
        const fs = files(EXAMPLE_DIR).filter(f => f.stack !== "member-a");
        const w = await new World().plan(fs);
        return w.expirePeerings().up(fs, "shared");
    });

    // A hub that creates its VPC (plain resources keeping awsx's URNs) and its VPN (customer
    // gateway), its networks and Transit Gateway routes in prefix lists.
    const created = () => world("a hub creating its VPC and VPN", () => new World().plan(withRaw(files(EXAMPLE_DIR), "shared", raw => {
        raw["vpce-hub:vpc"] = { cidr: "10.0.0.0/16", availabilityZones: 2 };
        raw["vpce-hub:prefixLists"] = { sources: true, transitGatewayRoutes: true };
        raw["vpce-hub:onPrem"] = { cidrs: ["192.168.0.0/16"], customerGateway: { ip: "203.0.113.10", bgpAsn: 65010 } };
    })));
    // Two hubs on one existing Transit Gateway (the first by name owns its tables); their members
    // accept the RAM share because vpce-hub:acceptRamShare: true says so, without a lookup.
    const sharedGateway = () => world("two hubs on one Transit Gateway, members with acceptRamShare true", () => {
        const hub = (stack: string, cidr: string, vpc: string, spoke: { name: string; vpcId: string; cidr: string; account: string }, other: string): StackFile => ({
            stack, file: `Pulumi.${stack}.yaml`, raw: {
                "aws:region": "ap-northeast-1", "vpce-hub:role": "hub", "vpce-hub:accountId": "123456789012",
                "vpce-hub:vpc": { id: vpc, cidr, subnetIds: [`subnet-0${vpc.slice(5, 9)}00000001`, `subnet-0${vpc.slice(5, 9)}00000002`], routeTableIds: [`rtb-0${vpc.slice(5, 9)}00000001`] },
                "vpce-hub:services": ["sqs"],
                "vpce-hub:spokes": [{ name: spoke.name, accountId: spoke.account, vpcId: spoke.vpcId, cidr: spoke.cidr, connectivity: "transitGateway" }],
                "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0", sharedWithHubs: [other] },
            },
        });
        const member = (stack: string, hubStack: string, account: string, vpc: string, cidr: string): StackFile => ({
            stack, file: `Pulumi.${stack}.yaml`, raw: {
                "aws:region": "ap-northeast-1", "vpce-hub:role": "spoke", "vpce-hub:accountId": account, "vpce-hub:hubStack": `acme/vpce-hub/${hubStack}`,
                "vpce-hub:vpc": { id: vpc, cidr, subnetIds: [`subnet-0${vpc.slice(5, 9)}00000001`, `subnet-0${vpc.slice(5, 9)}00000002`], routeTableIds: [`rtb-0${vpc.slice(5, 9)}00000001`] },
                "vpce-hub:acceptRamShare": true,
            },
        });
        return new World().plan([
            hub("prod", "10.0.0.0/16", "vpc-0aaa000000000001", { name: "app", vpcId: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", account: "111111111111" }, "dev"),
            hub("dev", "10.50.0.0/16", "vpc-0ccc000000000001", { name: "dev-app", vpcId: "vpc-0ddd000000000001", cidr: "10.51.0.0/16", account: "222222222222" }, "prod"),
            member("app", "prod", "111111111111", "vpc-0bbb000000000001", "10.1.0.0/16"),
            member("dev-app", "dev", "222222222222", "vpc-0ddd000000000001", "10.51.0.0/16"),
        ]);
    });

    // A member of the profile example retiring two endpoints of its own (docs/adoption.md).
    const OWN = ["vpce-0123456789abcdef0", "vpce-0fedcba9876543210"];
    const adopting = () => world("a member retiring its own endpoints", () => new World().plan(withRaw(files(PROFILE_DIR), "member-a", raw => {
        raw["vpce-hub:existingEndpoints"] = { retire: true, endpoints: [{ service: "ssm", id: OWN[0] }, { service: "sqs", id: OWN[1], privateDns: false }] };
    })));

    const ALL: [string, () => Promise<World>][] = [
        ["the example (associations, peering and Transit Gateway, on-prem), every stack up again, then the hub with protect false", example],
        ["examples/profile", profile],
        ["examples/dual-stack", dualStack],
        ["examples/multi-region (several hubs)", multiRegion],
        ["the migration's steps B1 and B2", migration],
        ["a hub up after a peering request expired", expiredPeering],
        ["a hub creating its VPC, its VPN and prefix lists", created],
        ["two hubs on one existing Transit Gateway, members accepting by acceptRamShare: true", sharedGateway],
        ["a member retiring its own endpoints (existingEndpoints, retire: true)", adopting],
    ];
    for (const [title, w] of ALL) {
        it(`${title}: every registered resource has exactly the options the rule table gives`, async () => {
            const got = await w();
            for (const run of got.runs) assert.ok(run.registrations.length > 3, `${run.stack.stack} registered its resources`);
            assert.deepStrictEqual(allProblems(got), []);
        });
    }

    it("every resource type the example sets register has a rule (none left unchecked by omission)", async () => {
        const types = new Set<string>();
        for (const [, w] of ALL) for (const r of (await w()).runs.flatMap(x => x.registrations)) if (r.custom) types.add(r.type);
        const unruled = [...types].filter(t => !RULES[t] && !PLAIN.has(t));
        assert.deepStrictEqual(unruled, []);
        // Every row was exercised: the table holds no type the program does not register.
        for (const t of [...Object.keys(RULES), ...PLAIN]) assert.ok(types.has(t), `no world registers ${t}`);
    });

    it("hub zones are protected by default and ignore changes to their inline vpcs, so the spokes' associations are never removed", async () => {
        const first = runsOf(await example(), "shared")[0];
        const zones = first.filter(r => r.type === T.zone);
        assert.strictEqual(zones.length, 10);
        for (const z of zones) {
            assert.strictEqual(z.protect, true, z.name);
            assert.deepStrictEqual(z.ignoreChanges, ["vpcs"], z.name);
        }
        const endpoints = first.filter(r => r.type === T.vpcEndpoint);
        assert.strictEqual(endpoints.length, 8);
        for (const e of endpoints) assert.strictEqual(e.protect, true, e.name);
    });

    it("vpce-hub:protect false protects nothing (docs/migration.md B2 deletes zones next)", async () => {
        const regs = latestRegistrations(await example()).filter(r => r.stack === "shared");
        assert.ok(regs.filter(r => r.type === T.zone || r.type === T.vpcEndpoint).length >= 18);
        assert.deepStrictEqual(regs.filter(r => r.protect).map(r => `${r.type} ${r.name}`), []);
    });

    it("during the migration the parked zones take the vpcs change (ignoreChanges empty) and wait for the hub VPC's profile association; the others keep ignoreChanges vpcs", async () => {
        const w = await migration();
        const hubRuns = w.runs.filter(r => r.stack.stack === "shared");
        assert.strictEqual(hubRuns.length, 3);
        for (const run of hubRuns.slice(1)) {
            const zones = run.registrations.filter(r => r.type === T.zone);
            const hubAssociation = run.registrations.find(r => r.type === T.profileAssociation);
            assert.ok(hubAssociation, "the hub VPC is associated with the profile during B1 and B2");
            const parkedZones = zones.filter(z => z.ignoreChanges.length === 0);
            // The example's ten zones are names the endpoints' private DNS replaces: parked. IoT
            // data's zone (no private DNS) stays on the hub VPC, ignoring vpcs as ever.
            assert.strictEqual(parkedZones.length, 10);
            for (const z of parkedZones) assert.ok(z.dependencies.includes(hubAssociation.urn), `${z.name} waits for the hub VPC's profile association`);
            const kept = zones.filter(z => z.ignoreChanges.length);
            assert.deepStrictEqual(kept.map(z => [z.name, z.ignoreChanges]), [["a1b2c3d4e5f6g7-ats.iot.ap-northeast-1.amazonaws.com", ["vpcs"]]]);
            assert.ok(!kept[0].dependencies.includes(hubAssociation.urn));
        }
        // B2 with vpce-hub:protect false: the parked zones can be deleted in B3.
        assert.deepStrictEqual(hubRuns[2].registrations.filter(r => r.protect).map(r => r.name), []);
        assert.ok(hubRuns[1].registrations.filter(r => r.type === T.zone).every(z => z.protect));
    });

    it("a member's Transit Gateway routes wait for its attachment, and the attachment for the RAM share's acceptance", async () => {
        const regs = runsOf(await example(), "member-b")[0];
        const attachment = regs.find(r => r.type === T.tgwAttachment)!;
        const accepter = regs.find(r => r.type === T.ramResourceShareAccepter)!;
        assert.ok(attachment.dependencies.includes(accepter.urn));
        const routes = regs.filter(r => r.type === T.route);
        assert.strictEqual(routes.length, 2);
        for (const r of routes) assert.ok(r.dependencies.includes(attachment.urn), r.name);
    });

    it("the hub's routes to Transit Gateway spokes (IPv4 aggregates and IPv6 blocks) wait for the hub's attachment", async () => {
        const regs = latestRegistrations(await dualStack()).filter(r => r.stack === "shared");
        const hubAttachment = regs.find(r => r.type === T.tgwAttachment)!;
        const routes = regs.filter(r => r.type === T.route && r.inputs.transitGatewayId);
        assert.ok(routes.some(r => r.inputs.destinationIpv6CidrBlock) && routes.some(r => r.inputs.destinationCidrBlock), JSON.stringify(routes.map(r => r.name)));
        for (const r of routes) assert.ok(r.dependencies.includes(hubAttachment.urn), r.name);
    });

    it("a member associates its VPC with the hub's profile only after accepting the profile's RAM share", async () => {
        const regs = latestRegistrations(await profile());
        for (const member of ["member-a", "member-b"]) {
            const assoc = regs.find(r => r.stack === member && r.type === T.profileAssociation)!;
            const accepter = regs.find(r => r.stack === member && r.type === T.ramResourceShareAccepter && r.name.endsWith("-profile"))!;
            assert.ok(assoc.dependencies.includes(accepter.urn), member);
        }
    });

    it("a RAM accepter is replaced old-first when a new invitation comes (trigger: the invitation), and kept by import on the next pulumi up", async () => {
        const w = await example();
        const [first, second] = w.runs.filter(r => r.stack.stack === "member-b").map(r => r.registrations.find(x => x.type === T.ramResourceShareAccepter)!);
        assert.match(String(first.replacementTrigger), /^arn:aws:ram:.*:resource-share-invitation\//);
        assert.strictEqual(first.deleteBeforeReplace, true);
        assert.strictEqual(first.importId, "");
        assert.strictEqual(second.replacementTrigger, first.replacementTrigger);
        assert.strictEqual(second.importId, second.inputs.shareArn);
    });

    it("a member retiring its own endpoints imports each by its id, unprotected, once its VPC is associated with the hub's profile", async () => {
        const regs = (await adopting()).runs.filter(r => r.stack.stack === "member-a").flatMap(r => r.registrations);
        const adopted = regs.filter(r => r.type === T.vpcEndpoint);
        assert.deepStrictEqual(adopted.map(r => r.importId).sort(), [...OWN].sort());
        const association = regs.find(r => r.type === T.profileAssociation)!;
        for (const e of adopted) {
            assert.strictEqual(Boolean(e.protect), false, e.name);
            assert.ok(e.dependencies.includes(association.urn), `${e.name} waits for the profile association`);
        }
    });

    it("a hub VPC the program creates keeps the URNs awsx gave its VPC, subnets, route tables and associations (aliases), so hubs awsx created are not replaced", async () => {
        const regs = (await created()).runs.filter(r => r.stack.stack === "shared").flatMap(r => r.registrations);
        const parts = regs.filter(r => Object.keys(AWSX_VPC_CHAIN).includes(r.type));
        assert.strictEqual(parts.length, 7, parts.map(r => `${r.type} ${r.name}`).join(", "));
        assert.deepStrictEqual(parts.filter(r => r.type === "aws:ec2/subnet:Subnet").map(r => r.aliases.map(a => aliasUrn(r, a))), [1, 2].map(i =>
            [`urn:pulumi:shared::vpce-hub::awsx:ec2:Vpc$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet::hub-isolated-${i}`]));
    });

    it("a peering request that expired unaccepted is replaced on the hub's next pulumi up (trigger: the expired request's id)", async () => {
        const w = await expiredPeering();
        const [before, after] = w.runs.filter(r => r.stack.stack === "shared").map(r => r.registrations.find(x => x.type === T.vpcPeeringConnection)!);
        assert.strictEqual(before.replacementTrigger, "");
        assert.strictEqual(w.expired.size, 1);
        assert.strictEqual(after.replacementTrigger, [...w.expired][0]);
    });
});

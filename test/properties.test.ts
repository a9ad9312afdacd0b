// Property tests over generated hub configurations, run as real stack programs against the
// simulated cloud. They protect the rule that logical names come from stable keys (service,
// zone and spoke names), never from list positions, and that a plan is a pure function of
// the configuration.
import * as assert from "assert";
import * as fc from "fast-check";
import { resolveService } from "../lib/catalog/lookup";
import { within } from "../lib/net/cidr";
import type { PlannedResource } from "../lib/model";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";

const REGION = "ap-northeast-1";
const HUB = "shared";
const HUB_VPC = "vpc-0123456789abcdef0";
/** Services the catalog accepts (none refused), with apex-only, wildcard and multi-zone rows. */
const SERVICES = ["s3", "sqs", "ssm", "logs", "ecr.api", "ecr.dkr", "kms", "sts", "execute-api", "email-smtp"];

type Connectivity = "peering" | "transitGateway";

interface SpokeSpec {
    /** Distinct per spoke: name member-<i>, account, VPC id and CIDR 10.<i>.0.0/16 follow from it. */
    readonly i: number;
    readonly connectivity: Connectivity;
}

interface HubSpec {
    readonly services: readonly string[];
    readonly spokes: readonly SpokeSpec[];
    readonly onPrem?: "vpnGateway" | "customerGateway";
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const spokeName = (s: SpokeSpec) => `member-${s.i}`;
const spokeAccount = (s: SpokeSpec) => `2${pad(s.i, 11)}`;
const spokeVpc = (s: SpokeSpec) => `vpc-0${pad(s.i, 16)}`;
const spokeCidr = (s: SpokeSpec) => `10.${s.i}.0.0/16`;

function hubRaw(spec: HubSpec): Record<string, unknown> {
    const onPrem = spec.onPrem === undefined ? {} : {
        "vpce-hub:onPrem": spec.onPrem === "vpnGateway"
            ? { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0" }
            : { cidrs: ["192.168.0.0/16", "172.16.0.0/12"], customerGateway: { ip: "203.0.113.10", bgpAsn: 65010 } },
    };
    return {
        "aws:region": REGION,
        "vpce-hub:role": "hub",
        "vpce-hub:accountId": "123456789012",
        "vpce-hub:vpc": {
            id: HUB_VPC, cidr: "10.0.0.0/16",
            subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
            routeTableIds: ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"],
        },
        "vpce-hub:services": [...spec.services],
        "vpce-hub:spokes": spec.spokes.map(s => ({
            name: spokeName(s), accountId: spokeAccount(s), vpcId: spokeVpc(s), cidr: spokeCidr(s), connectivity: s.connectivity,
        })),
        ...onPrem,
    };
}

function spokeRaw(s: SpokeSpec): Record<string, unknown> {
    return {
        "aws:region": REGION,
        "vpce-hub:role": "spoke",
        "vpce-hub:accountId": spokeAccount(s),
        "vpce-hub:hubStack": `acme/vpce-hub/${HUB}`,
        "vpce-hub:vpc": {
            id: spokeVpc(s), cidr: spokeCidr(s),
            subnetIds: [`subnet-0${pad(s.i, 4)}00000000001`, `subnet-0${pad(s.i, 4)}00000000002`],
            routeTableIds: [`rtb-0${pad(s.i, 4)}00000000001`],
        },
        "vpce-hub:acceptRamShare": s.connectivity === "transitGateway",
    };
}

async function runHub(spec: HubSpec, sim = new SimCloud()): Promise<PlannedResource[]> {
    return (await runStackSimulated(sim, HUB, hubRaw(spec))).resources;
}

const urnsOf = (resources: readonly PlannedResource[]) => new Set(resources.map(r => r.urn));
const SECURITY_GROUP = "aws:ec2/securityGroup:SecurityGroup";
const PREFIX_LIST = "aws:ec2/managedPrefixList:ManagedPrefixList";
/** A hub route to an aggregate of TGW spokes' CIDRs (components/spokeRoutes.ts). */
const AGGREGATE_ROUTE = "vpce-hub:hub:TransitGatewayRoutes$aws:ec2/route:Route";

/**
 * URN -> inputs. A security group's `ingress` is a set in the AWS provider (its order makes no
 * diff), and it lists the sources in config order: compare it sorted.
 */
function inputsByUrn(resources: readonly PlannedResource[]): Record<string, Record<string, unknown>> {
    return Object.fromEntries([...resources].sort((x, y) => x.urn.localeCompare(y.urn)).map(r => {
        if (r.type === PREFIX_LIST && Array.isArray(r.inputs.entries)) return [r.urn, { ...r.inputs, entries: sorted(r.inputs.entries.map((e: unknown) => JSON.stringify(e))) }];
        if (r.type !== SECURITY_GROUP || !Array.isArray(r.inputs.ingress)) return [r.urn, r.inputs];
        return [r.urn, { ...r.inputs, ingress: sorted(r.inputs.ingress.map((rule: unknown) => JSON.stringify(rule))) }];
    }));
}

const ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
const ACCOUNT_KEYS = ["aws:PrincipalAccount", "aws:ResourceAccount"];

/** An endpoint policy's account lists (statement by statement), and the document without them. */
function splitAccounts(policy: unknown): { accounts: string[][]; rest: unknown } {
    if (typeof policy !== "string") return { accounts: [], rest: policy };
    const accounts: string[][] = [];
    const rest = JSON.parse(policy, (k, v) => {
        if (!ACCOUNT_KEYS.includes(k) || !Array.isArray(v)) return v;
        accounts.push(v);
        return "<accounts>";
    });
    return { accounts, rest };
}

/**
 * Resources in both runs keep their inputs, except that security groups may admit more
 * sources in `larger` (a new spoke's CIDR): every address a rule admitted on a port is still
 * admitted on it (the blocks are exact aggregates, so a new CIDR may merge with old ones); and
 * endpoint policies that list the declared accounts may list more (a new spoke's account), still
 * listing every account they listed.
 */
function assertSurvivorsUnchanged(smaller: readonly PlannedResource[], larger: readonly PlannedResource[]): void {
    const a = inputsByUrn(smaller);
    const b = inputsByUrn(larger);
    for (const urn of Object.keys(a).filter(u => u in b)) {
        if (typeChain(urn).endsWith(SECURITY_GROUP)) {
            const { ingress: ia, ...restA } = a[urn] as { ingress: string[] };
            const { ingress: ib, ...restB } = b[urn] as { ingress: string[] };
            assert.deepStrictEqual(restB, restA, `${urn} changed`);
            const rules = (xs: string[]) => xs.map(x => JSON.parse(x) as { fromPort: number; cidrBlocks?: string[]; prefixListIds?: string[] });
            for (const rule of rules(ia)) {
                for (const cidr of rule.cidrBlocks ?? []) {
                    assert.ok(rules(ib).some(r => r.fromPort === rule.fromPort && (r.cidrBlocks ?? []).some(c => within(cidr, c))), `${urn} no longer admits ${cidr} on ${rule.fromPort}`);
                }
                // A rule that references the sources prefix list stays as it is: the list's entries change, not the rule.
                if (rule.prefixListIds) assert.ok(rules(ib).some(r => r.fromPort === rule.fromPort && JSON.stringify(r.prefixListIds) === JSON.stringify(rule.prefixListIds)), `${urn} changed its prefix list rule`);
            }
        } else if (typeChain(urn).endsWith(ENDPOINT)) {
            const { policy: pa, ...restA } = a[urn];
            const { policy: pb, ...restB } = b[urn];
            assert.deepStrictEqual(restB, restA, `${urn} changed its inputs`);
            const [sa, sb] = [splitAccounts(pa), splitAccounts(pb)];
            assert.deepStrictEqual(sb.rest, sa.rest, `${urn} changed its policy beyond its account lists`);
            sa.accounts.forEach((list, i) => assert.deepStrictEqual(list.filter(x => !sb.accounts[i].includes(x)), [], `${urn} no longer admits an account`));
        } else if (typeChain(urn).endsWith(PREFIX_LIST)) {
            // The sources list gains (or loses) the spoke's CIDR, its other entries still admitted; its size may step up.
            const { entries: ea, maxEntries: _ma, ...restA } = a[urn] as { entries: string[]; maxEntries: number };
            const { entries: eb, maxEntries: _mb, ...restB } = b[urn] as { entries: string[]; maxEntries: number };
            assert.deepStrictEqual(restB, restA, `${urn} changed`);
            const cidrs = (xs: string[]) => xs.map(x => (JSON.parse(x) as { cidr: string }).cidr);
            for (const cidr of cidrs(ea)) assert.ok(cidrs(eb).some(c => within(cidr, c)), `${urn} no longer holds ${cidr}`);
        } else {
            assert.deepStrictEqual(b[urn], a[urn], `${urn} changed its inputs`);
        }
    }
}
/** `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>` */
const typeChain = (urn: string) => urn.split("::")[2];
const nameOf = (urn: string) => urn.split("::").slice(3).join("::");
const sorted = (s: Iterable<string>) => [...s].sort();
const minus = (a: Set<string>, b: Set<string>) => sorted([...a].filter(x => !b.has(x)));

/**
 * Whether a hub resource exists because of this spoke: its link (named after the spoke),
 * its RAM principal, and the Transit Gateway itself when no other spoke uses one.
 */
function belongsToSpoke(urn: string, spoke: SpokeSpec, others: readonly SpokeSpec[]): boolean {
    const name = nameOf(urn);
    if (name === spokeName(spoke) || name.startsWith(`${spokeName(spoke)}-`)) return true;
    if (spoke.connectivity !== "transitGateway") return false;
    if (!typeChain(urn).startsWith("vpce-hub:hub:TransitGateway")) return false;
    const othersUseTgw = others.some(o => o.connectivity === "transitGateway");
    return !othersUseTgw || name === `hub-${spokeAccount(spoke)}`;
}

/** Whether a hub resource exists because of this service: endpoint, security group, zones, records, authorizations. */
function belongsToService(urn: string, service: string): boolean {
    const resolved = resolveService({ name: service }, REGION);
    if (typeof resolved === "string") throw new Error(resolved);
    const name = nameOf(urn);
    return name === service || name === `${service}-endpoint` ||
        resolved.zones.some(z => name === z.name || name.startsWith(`${z.name}-`) || name.endsWith(`-${z.name}`));
}

// ---------------------------------------------------------------------------------------
// Generators

const connectivity = fc.constantFrom<Connectivity>("peering", "transitGateway");
const spokes = (minLength: number, maxLength: number) =>
    fc.uniqueArray(fc.record({ i: fc.integer({ min: 1, max: 60 }), connectivity }), { minLength, maxLength, selector: s => s.i });
const services = (minLength: number, maxLength: number) => fc.shuffledSubarray(SERVICES, { minLength, maxLength });
const onPrem = fc.constantFrom<HubSpec["onPrem"]>(undefined, "vpnGateway", "customerGateway");

/** A list and a different order of it. */
function reordered<T>(list: fc.Arbitrary<T[]>): fc.Arbitrary<[T[], T[]]> {
    return list
        .chain(l => fc.shuffledSubarray(l, { minLength: l.length, maxLength: l.length }).map((p): [T[], T[]] => [l, p]))
        .filter(([l, p]) => l.some((x, k) => x !== p[k]));
}

/** A list and one of its entries; the entry sits at a generated position. */
function withOneMarked<T>(list: fc.Arbitrary<T[]>): fc.Arbitrary<{ all: T[]; marked: T; rest: T[] }> {
    return fc.tuple(list, fc.nat()).map(([all, k]) => {
        const marked = all[k % all.length];
        return { all, marked, rest: all.filter(x => x !== marked) };
    });
}

// Each hub run takes roughly 50 to 150 ms once Pulumi is warm: keep runs few and configs small.
const RUNS = { numRuns: 12 };

describe("properties of the hub and spoke programs (fast-check, simulated cloud)", function () {
    this.timeout(60_000);

    before(async () => {
        // Warm-up: the first run loads the Pulumi runtime and the AWS SDK types.
        await runHub({ services: ["sqs"], spokes: [] });
    });

    it("adding or removing a spoke creates or deletes only that spoke's resources; every other resource keeps its URN and inputs (the sources prefix list, or a security group's inline rules, only gain its CIDR; endpoint policies only its account)", async () => {
        await fc.assert(fc.asyncProperty(
            fc.record({ services: services(1, 3), spokes: withOneMarked(spokes(1, 3)), onPrem }),
            async ({ services: svc, spokes: { all, marked, rest }, onPrem: op }) => {
                const runWithout = await runHub({ services: svc, spokes: rest, onPrem: op });
                const runWith = await runHub({ services: svc, spokes: all, onPrem: op });
                // The hub's routes to TGW spokes are exact aggregates of their CIDRs: a new spoke
                // may merge blocks. They must still route every address they routed.
                const aggregate = (rs: readonly PlannedResource[]) => rs.filter(r => typeChain(r.urn).endsWith(AGGREGATE_ROUTE));
                const without = urnsOf(runWithout.filter(r => !typeChain(r.urn).endsWith(AGGREGATE_ROUTE)));
                const withSpoke = urnsOf(runWith.filter(r => !typeChain(r.urn).endsWith(AGGREGATE_ROUTE)));
                assert.deepStrictEqual(minus(without, withSpoke), [], "adding a spoke removed or renamed other resources");
                const added = minus(withSpoke, without);
                assert.ok(added.length > 0, "the spoke created nothing");
                assert.deepStrictEqual(added.filter(u => !belongsToSpoke(u, marked, rest)), [],
                    `adding ${spokeName(marked)} created resources that are not its own`);
                for (const old of aggregate(runWithout)) {
                    assert.ok(aggregate(runWith).some(r => r.inputs.routeTableId === old.inputs.routeTableId && within(old.inputs.destinationCidrBlock, r.inputs.destinationCidrBlock)),
                        `adding ${spokeName(marked)} stopped routing ${old.inputs.destinationCidrBlock}`);
                }
                const survivors = (rs: readonly PlannedResource[]) => rs.filter(r => !typeChain(r.urn).endsWith(AGGREGATE_ROUTE));
                assertSurvivorsUnchanged(survivors(runWithout), survivors(runWith));
            }), RUNS);
    });

    it("reordering the spokes leaves every URN and its inputs unchanged", async () => {
        await fc.assert(fc.asyncProperty(
            fc.record({ services: services(1, 2), spokes: reordered(spokes(2, 3)), onPrem }),
            async ({ services: svc, spokes: [before, after], onPrem: op }) => {
                const a = inputsByUrn(await runHub({ services: svc, spokes: before, onPrem: op }));
                const b = inputsByUrn(await runHub({ services: svc, spokes: after, onPrem: op }));
                assert.deepStrictEqual(sorted(Object.keys(b)), sorted(Object.keys(a)));
                assert.deepStrictEqual(b, a);
            }), RUNS);
    });

    it("adding or removing a service creates or deletes only that service's resources; every other resource keeps its URN and inputs", async () => {
        await fc.assert(fc.asyncProperty(
            fc.record({ services: withOneMarked(services(2, 4)), spokes: spokes(0, 2), onPrem }),
            async ({ services: { all, marked, rest }, spokes: sp, onPrem: op }) => {
                const runWithout = await runHub({ services: rest, spokes: sp, onPrem: op });
                const runWith = await runHub({ services: all, spokes: sp, onPrem: op });
                const without = urnsOf(runWithout);
                const withService = urnsOf(runWith);
                assert.deepStrictEqual(minus(without, withService), [], "adding a service removed or renamed other resources");
                const added = minus(withService, without);
                assert.ok(added.length > 0, "the service created nothing");
                assert.deepStrictEqual(added.filter(u => !belongsToService(u, marked)), [],
                    `adding ${marked} created resources that are not its own`);
                assertSurvivorsUnchanged(runWithout, runWith);
            }), RUNS);
    });

    it("reordering the services leaves every URN and its inputs unchanged", async () => {
        await fc.assert(fc.asyncProperty(
            fc.record({ services: reordered(services(2, 4)), spokes: spokes(0, 2), onPrem }),
            async ({ services: [before, after], spokes: sp, onPrem: op }) => {
                const a = inputsByUrn(await runHub({ services: before, spokes: sp, onPrem: op }));
                const b = inputsByUrn(await runHub({ services: after, spokes: sp, onPrem: op }));
                assert.deepStrictEqual(sorted(Object.keys(b)), sorted(Object.keys(a)));
                assert.deepStrictEqual(b, a);
            }), RUNS);
    });

    it("the hub's resources (URN, id and inputs) are a pure function of its configuration: two fresh clouds agree", async () => {
        const snapshot = (resources: readonly PlannedResource[]) => Object.fromEntries(
            [...resources].sort((x, y) => x.urn.localeCompare(y.urn)).map(r => [r.urn, { id: r.id, inputs: r.inputs }]));
        await fc.assert(fc.asyncProperty(
            fc.record({ services: services(1, 4), spokes: spokes(0, 3), onPrem }),
            async spec => {
                const first = snapshot(await runHub(spec));
                const second = snapshot(await runHub(spec));
                assert.deepStrictEqual(second, first);
            }), RUNS);
    });

    it("a spoke's resources depend only on its own entry and the hub's zones: other spokes and the order of services change nothing, a new service only adds its zone associations", async () => {
        const spokeRun = async (hub: HubSpec, spoke: SpokeSpec) => {
            const sim = new SimCloud();
            await runHub(hub, sim);
            return inputsByUrn((await runStackSimulated(sim, spokeName(spoke), spokeRaw(spoke))).resources);
        };
        await fc.assert(fc.asyncProperty(
            fc.record({
                // Hub 2 has the services of hub 1 in another order, plus (when `extra`) the last one.
                services: fc.shuffledSubarray(SERVICES, { minLength: 2, maxLength: 3 })
                    .chain(all => fc.tuple(fc.constant(all), fc.shuffledSubarray(all, { minLength: all.length, maxLength: all.length }), fc.boolean())),
                // The first entry is the spoke under test; the flags put the others into hub 1, hub 2, both or neither.
                spokes: fc.uniqueArray(fc.record({ i: fc.integer({ min: 1, max: 60 }), connectivity, in1: fc.boolean(), in2: fc.boolean() }),
                    { minLength: 1, maxLength: 4, selector: s => s.i }),
                at: fc.nat(),
            }),
            async ({ services: [all, permuted, extra], spokes: s, at }) => {
                const strip = ({ i, connectivity: c }: SpokeSpec): SpokeSpec => ({ i, connectivity: c });
                const [self, ...others] = s.map(strip);
                const hub1 = others.filter((_, k) => s[k + 1].in1);
                const hub2 = others.filter((_, k) => s[k + 1].in2);
                hub1.splice(at % (hub1.length + 1), 0, self);
                hub2.splice((at + 1) % (hub2.length + 1), 0, self);
                const a = await spokeRun({ services: extra ? all.slice(0, -1) : all, spokes: hub1 }, self);
                const b = await spokeRun({ services: permuted, spokes: hub2 }, self);
                assert.ok(Object.keys(a).length > 0);
                for (const urn of Object.keys(a)) assert.deepStrictEqual(b[urn], a[urn], `${urn} changed or vanished`);
                const added = Object.keys(b).filter(u => !(u in a));
                if (!extra) assert.deepStrictEqual(added, []);
                else {
                    assert.ok(added.length > 0, `adding ${all[all.length - 1]} associated no zone`);
                    assert.deepStrictEqual(added.filter(u => !typeChain(u).endsWith("aws:route53/zoneAssociation:ZoneAssociation") || !belongsToService(u, all[all.length - 1])), []);
                }
            }), { numRuns: 8 });
    });
});

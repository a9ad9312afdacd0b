// Every removal judged (issue 23): for each resource type the review meets, its removal,
// replacement and update each get a verdict, judged by the plan after the change: who loses
// access (an outage), who only waits through a momentary window (remove-then-add inside one
// command), and whom it does not touch at all. Each case takes the example's plan, changes
// one resource as pulumi up would leave it, re-runs the path checks on the result, and reviews.
import * as assert from "assert";
import { PathCheck, PlannedStack, TYPES } from "../lib/model";
import { Change, ChangeSet, Snapshot, changeLines, changeSet } from "../lib/review/changes";
import { checkPaths } from "../lib/checks/paths";
import { loadStackFiles } from "../lib/config/stackFiles";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { EXAMPLE_DIR } from "./helpers";

let plan: PlanResult;
let previous: Snapshot;
/** The example with a rule per aggregated block instead of the sources prefix list (vpce-hub:prefixLists.sources: false). */
let inlinePlan: PlanResult;

/** The example's plan after `edit` changed its resources as pulumi up would leave them, with the path checks re-run. */
function after(edit: (stacks: PlannedStack[]) => void, base: PlanResult = plan): Snapshot {
    const stacks: PlannedStack[] = JSON.parse(JSON.stringify(base.stacks));
    edit(stacks);
    const checks: PathCheck[] = checkPaths(stacks, base.publicDns, undefined, base.publicDns6);
    return { stacks, checks };
}
const stack = (stacks: PlannedStack[], name: string) => stacks.find(s => s.stack === name)!;
const find = (stacks: PlannedStack[], name: string, type: string, resource: string) => {
    const r = stack(stacks, name).resources.find(x => x.type === type && x.name === resource);
    assert.ok(r, `${name} has ${type} ${resource}`);
    return r;
};
const drop = (stacks: PlannedStack[], name: string, type: string, resource: string) => {
    const s = stack(stacks, name);
    const r = find(stacks, name, type, resource);
    s.resources.splice(s.resources.indexOf(r), 1);
};

/** The verdict in short: breaking or not, who is interrupted, who is in a window, what is refused. */
function verdict(cs: ChangeSet) {
    const all = (f: (c: Change) => readonly string[] | undefined) => [...new Set(cs.changes.flatMap(c => f(c) ?? []))].sort();
    return {
        verdict: cs.verdict,
        interrupted: all(c => c.interrupted),
        windows: cs.changes.filter(c => c.window).length,
        protected: cs.changes.some(c => c.protected),
        refused: cs.changes.some(c => c.refused),
    };
}
const review = (edit: (stacks: PlannedStack[]) => void) => changeSet(previous, after(edit));
const reviewInline = (edit: (stacks: PlannedStack[]) => void) => changeSet({ stacks: inlinePlan.stacks, checks: inlinePlan.checks }, after(edit, inlinePlan));
const EVERYONE = ["member-a", "member-b", "on-prem"];

describe("every removal judged: each resource type's removal, replacement and update has a verdict", function () {
    this.timeout(30000);
    before(async () => {
        const { files } = loadStackFiles(EXAMPLE_DIR);
        const v = validateStacks(files);
        plan = await evaluate(files, v.configs);
        previous = { stacks: plan.stacks, checks: plan.checks };
        const inline = files.map(f => f.stack === "shared" ? { ...f, raw: { ...f.raw, "vpce-hub:prefixLists": { sources: false } } } : f);
        inlinePlan = await evaluate(inline, validateStacks(inline).configs);
    });

    it("nothing changed: no changes, and the judge has the checks of both plans", () => {
        assert.deepStrictEqual(verdict(review(() => undefined)), { verdict: "no changes", interrupted: [], windows: 0, protected: false, refused: false });
    });

    describe("record", () => {
        it("removing the *.dkr.ecr wildcard record breaks every consumer's <account>.dkr.ecr names, and only those", () => {
            const cs = review(s => drop(s, "shared", TYPES.record, "dkr.ecr.ap-northeast-1.amazonaws.com-wildcard"));
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: EVERYONE, windows: 0, protected: false, refused: false });
            assert.match(cs.changes[0].interrupts!, /^member-a, member-b, on-prem lose this record \(member-a: 123456789012\.dkr\.ecr\.ap-northeast-1\.amazonaws\.com: /);
        });

        it("updating a record without changing its answer (evaluateTargetHealth) breaks nothing", () => {
            const cs = review(s => {
                const r = find(s, "shared", TYPES.record, "sqs.ap-northeast-1.amazonaws.com-apex");
                r.inputs.aliases = r.inputs.aliases.map((a: Record<string, unknown>) => ({ ...a, evaluateTargetHealth: true }));
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 0, protected: false, refused: false });
            assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what]), [["update", "record"]]);
        });

        it("replacing a record under another name (a ForceNew input) breaks the name it leaves", () => {
            const cs = review(s => { find(s, "shared", TYPES.record, "sqs.ap-northeast-1.amazonaws.com-apex").inputs.name = "queue.sqs.ap-northeast-1.amazonaws.com"; });
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: EVERYONE, windows: 0, protected: false, refused: false });
            assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what]), [["replace", "record"]]);
        });
    });

    describe("zone", () => {
        it("removing a zone breaks every consumer's names in it, and pulumi up refuses it while protected", () => {
            const cs = review(s => drop(s, "shared", TYPES.zone, "sqs.ap-northeast-1.amazonaws.com"));
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: EVERYONE, windows: 0, protected: true, refused: false });
        });

        it("updating a zone in place (its comment) breaks nothing; its vpcs are ignoreChanges and not a change at all", () => {
            const cs = review(s => {
                const z = find(s, "shared", TYPES.zone, "sqs.ap-northeast-1.amazonaws.com");
                z.inputs.comment = "another comment";
                z.inputs.vpcs = [...z.inputs.vpcs, { vpcId: "vpc-other" }];
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 0, protected: false, refused: false });
            assert.deepStrictEqual(cs.changes.map(c => c.subject), ["sqs.ap-northeast-1.amazonaws.com (comment)"]);
        });

        it("replacing a zone (another name) breaks the names of the old one and is refused while protected", () => {
            const cs = review(s => { find(s, "shared", TYPES.zone, "sqs.ap-northeast-1.amazonaws.com").inputs.name = "sqs2.ap-northeast-1.amazonaws.com"; });
            const v = verdict(cs);
            assert.deepStrictEqual([v.verdict, v.protected], ["breaking changes", true]);
        });
    });

    describe("zone association", () => {
        it("removing one member's association breaks that member's names in the zone, nobody else's", () => {
            const cs = review(s => drop(s, "member-a", TYPES.zoneAssociation, "member-a-sqs.ap-northeast-1.amazonaws.com"));
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: ["member-a"], windows: 0, protected: false, refused: false });
            assert.match(cs.changes[0].interrupts!, /^member-a loses this zone association \(sqs\.ap-northeast-1\.amazonaws\.com/);
        });

        it("an association has no update in place (every input forces a new one); replaced onto another zone it breaks the member's names in the old", () => {
            const cs = review(s => {
                const a = find(s, "member-a", TYPES.zoneAssociation, "member-a-sqs.ap-northeast-1.amazonaws.com");
                a.inputs.zoneId = find(s, "shared", TYPES.zone, "ssm.ap-northeast-1.amazonaws.com").id;
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: ["member-a"], windows: 0, protected: false, refused: false });
            assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what]), [["replace", "zone association"]]);
        });
    });

    describe("route", () => {
        it("removing the hub's routes to a Transit Gateway member breaks that member only", () => {
            const cs = review(s => {
                for (const rt of ["rtb-0a1b2c3d4e5f60001", "rtb-0a1b2c3d4e5f60002"]) drop(s, "shared", TYPES.route, `spokes-10.2.0.0-16-${rt}`);
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: ["member-b"], windows: 0, protected: false, refused: false });
        });

        it("replacing a route under a new name is refused by AWS (RouteAlreadyExists), with the window between the targeted destroy and pulumi up", () => {
            const cs = review(s => { (find(s, "shared", TYPES.route, "member-a-rtb-0a1b2c3d4e5f60001") as { urn: string }).urn += "-renamed"; });
            const v = verdict(cs);
            assert.deepStrictEqual([v.verdict, v.refused, v.windows], ["breaking changes", true, 1]);
            assert.match(cs.changes[0].window!, /^member-a: no route to 10\.1\.0\.0\/16 from that targeted destroy until the pulumi up$/);
        });

        it("updating a member's own route to a target that does not carry it breaks that member; the same target breaks nothing", () => {
            const broken = review(s => { find(s, "member-a", TYPES.route, "member-a-rtb-0aaaaaaaaaaaa0001").inputs.vpcPeeringConnectionId = "pcx-0nothing"; });
            assert.deepStrictEqual(verdict(broken).interrupted, ["member-a"]);
            assert.deepStrictEqual(broken.changes.map(c => [c.kind, c.what]), [["update", "route"]]);
        });
    });

    describe("prefix list (the default for the networks every endpoint group admits)", () => {
        const entries = (s: PlannedStack[]) => find(s, "shared", TYPES.managedPrefixList, "sources").inputs.entries as { cidr: string; description: string }[];

        it("an entry removed breaks whoever it alone admitted (member-b, on every service), nobody else", () => {
            const cs = review(s => { find(s, "shared", TYPES.managedPrefixList, "sources").inputs.entries = entries(s).filter(e => e.cidr !== "10.2.0.0/16"); });
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: ["member-b"], windows: 0, protected: false, refused: false });
            assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what, c.subject]), [["update", "prefix list", "sources: 10.2.0.0/16 -> (none)"]]);
        });

        it("entries re-aggregated in one request: no window, nobody interrupted", () => {
            const cs = review(s => {
                find(s, "shared", TYPES.managedPrefixList, "sources").inputs.entries = entries(s).flatMap(e => e.cidr === "10.0.0.0/15"
                    ? [{ cidr: "10.0.0.0/16", description: "hub" }, { cidr: "10.1.0.0/16", description: "spoke member-a" }] : [e]);
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 0, protected: false, refused: false });
        });

        it("an entry whose description alone changes is removed, then added again by the provider: a window for its networks", () => {
            const cs = review(s => { find(s, "shared", TYPES.managedPrefixList, "sources").inputs.entries = entries(s).map(e => e.cidr === "10.2.0.0/16" ? { ...e, description: "renamed" } : e); });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 1, protected: false, refused: false });
            assert.match(cs.changes[0].window!, /^member-b: the entry is removed, then added again/);
        });

        it("a change of its max entries with its entries is said: AWS changes the size and the entries in separate requests", () => {
            const cs = review(s => {
                const l = find(s, "shared", TYPES.managedPrefixList, "sources");
                l.inputs.maxEntries = 30;
                l.inputs.entries = [...entries(s), { cidr: "10.9.0.0/16", description: "x" }];
            });
            assert.match(cs.changes[0].subject, /^sources: \(none\) -> 10\.9\.0\.0\/16; max entries 20 -> 30 \(AWS changes the size and the entries in separate requests\)$/);
        });
    });

    describe("security group rule (a rule per aggregated block: prefixLists.sources: false)", () => {
        it("removing on-prem's rule from one endpoint group breaks on-prem for that service only", () => {
            const cs = reviewInline(s => {
                const g = find(s, "shared", TYPES.securityGroup, "sqs-endpoint");
                g.inputs.ingress = g.inputs.ingress.filter((r: { cidrBlocks?: string[] }) => !(r.cidrBlocks ?? []).includes("192.168.0.0/16"));
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: ["on-prem"], windows: 0, protected: false, refused: false });
            assert.match(cs.changes[0].interrupts!, /^on-prem can no longer reach sqs-endpoint on tcp 443 \(sqs\.ap-northeast-1\.amazonaws\.com: /);
        });

        it("rules replaced by rules that admit the same members are a re-aggregation: no outage, a window for those admitted again", () => {
            const cs = reviewInline(s => {
                const g = find(s, "shared", TYPES.securityGroup, "sqs-endpoint");
                g.inputs.ingress = g.inputs.ingress.flatMap((r: { cidrBlocks?: string[] }) => (r.cidrBlocks ?? []).includes("10.0.0.0/15")
                    ? ["10.0.0.0/16", "10.1.0.0/16"].map(c => ({ ...r, cidrBlocks: [c] })) : [r]);
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 1, protected: false, refused: false });
            assert.deepStrictEqual(cs.changes.map(c => [c.kind, c.what, c.reaggregated, c.subject]),
                [["update", "security group rules", true, "sqs-endpoint: tcp 443 10.0.0.0/15 -> 10.0.0.0/16, 10.1.0.0/16"]]);
            assert.match(cs.changes[0].window!, /^member-a: new connections to the group's endpoints are refused between the revoke and the authorize/);
        });

        it("a rule whose description alone changes is revoked and authorized again (the provider keys rules by description too): a window, not an outage", () => {
            const cs = reviewInline(s => {
                const g = find(s, "shared", TYPES.securityGroup, "sqs-endpoint");
                g.inputs.ingress = g.inputs.ingress.map((r: { cidrBlocks?: string[] }) => (r.cidrBlocks ?? []).includes("10.2.0.0/16") ? { ...r, description: "renamed" } : r);
            });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 1, protected: false, refused: false });
        });
    });

    describe("endpoint", () => {
        it("removing an endpoint breaks every consumer of its service, and pulumi up refuses it while protected", () => {
            const cs = review(s => drop(s, "shared", TYPES.vpcEndpoint, "sqs"));
            const v = verdict(cs);
            assert.deepStrictEqual([v.verdict, v.interrupted, v.protected], ["breaking changes", EVERYONE, true]);
        });

        it("replacing an endpoint (a ForceNew input) gives it new addresses: every consumer's answer changes", () => {
            const cs = review(s => { find(s, "shared", TYPES.vpcEndpoint, "sqs").inputs.vpcEndpointType = "Gateway"; });
            const v = verdict(cs);
            assert.deepStrictEqual([v.verdict, v.interrupted, v.protected], ["breaking changes", EVERYONE, true]);
            assert.match(cs.changes[0].interrupts!, /\(member-a: a new endpoint answers with new addresses\)$/);
        });

        it("updating an endpoint in place (its policy) breaks nothing", () => {
            const cs = review(s => { find(s, "shared", TYPES.vpcEndpoint, "sqs").inputs.policy = "{}"; });
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 0, protected: false, refused: false });
        });
    });

    describe("Resolver endpoint and its addresses", () => {
        const ips = (s: PlannedStack[], to: string[]) => { (stack(s, "shared").outputs as { resolverInboundIps: string[] }).resolverInboundIps = to; };

        it("one address changing: on-prem's queries to it time out before the forwarders try the other (a window until they are re-rendered)", () => {
            const [first] = plan.stacks[0].outputs.resolverInboundIps as string[];
            const cs = review(s => ips(s, [first, "10.0.1.99"]));
            assert.deepStrictEqual(verdict(cs), { verdict: "no breaking changes", interrupted: [], windows: 1, protected: false, refused: false });
            assert.deepStrictEqual(cs.followUps, ["the Resolver's addresses change: re-render the on-prem forwarders after the hub's pulumi up (npm run forwarders)"]);
        });

        it("every address changing: on-prem gets no private answer until the forwarders are re-rendered", () => {
            const cs = review(s => ips(s, ["10.0.0.98", "10.0.1.99"]));
            assert.deepStrictEqual(verdict(cs), { verdict: "breaking changes", interrupted: ["on-prem"], windows: 0, protected: false, refused: false });
        });

        it("removing the Resolver endpoint breaks on-prem only", () => {
            const cs = review(s => drop(s, "shared", TYPES.resolverEndpoint, "inbound"));
            assert.deepStrictEqual(verdict(cs).interrupted, ["on-prem"]);
        });

        it("replacing it without pinned addresses renumbers it (on-prem's forwarders break); with onPrem.resolverAddresses it keeps them", () => {
            // Another group beside its own: a ForceNew input whose new value keeps every path.
            const regroup = (s: PlannedStack[]) => {
                const r = find(s, "shared", TYPES.resolverEndpoint, "inbound");
                r.inputs.securityGroupIds = [...r.inputs.securityGroupIds, find(s, "shared", TYPES.securityGroup, "s3-endpoint").id];
                return r;
            };
            const renumbered = review(s => { regroup(s); });
            assert.deepStrictEqual(renumbered.changes.map(c => [c.kind, c.what, c.interrupted]), [["replace", "Resolver endpoint", ["on-prem"]]]);
            assert.match(renumbered.changes[0].interrupts!, /^on-prem loses this Resolver endpoint \(a new Resolver endpoint answers with new addresses\)$/);
            const pinned = review(s => {
                const r = regroup(s);
                r.inputs.ipAddresses = r.inputs.ipAddresses.map((a: Record<string, unknown>, i: number) => ({ ...a, ip: `10.0.${i}.10` }));
            });
            assert.deepStrictEqual(pinned.changes.map(c => [c.kind, c.what, c.interrupted]), [["replace", "Resolver endpoint", undefined]]);
        });
    });

    it("the Changes section says who is in a window apart from the outages, and why it is not one", () => {
        const cs = reviewInline(s => {
            const g = find(s, "shared", TYPES.securityGroup, "sqs-endpoint");
            g.inputs.ingress = g.inputs.ingress.flatMap((r: { cidrBlocks?: string[] }) => (r.cidrBlocks ?? []).includes("10.0.0.0/15")
                ? ["10.0.0.0/16", "10.1.0.0/16"].map(c => ({ ...r, cidrBlocks: [c] })) : [r]);
        });
        const lines = changeLines(cs, false);
        assert.deepStrictEqual(lines.slice(0, 2), [
            "shared: 1 to update",
            "  re-aggregate 1 security group: tcp 443 10.0.0.0/15 -> 10.0.0.0/16, 10.1.0.0/16 in sqs-endpoint [affects member-a]",
        ]);
        assert.ok(lines.some(l => /^1 change with a momentary window \(marked window; not outages: the plan after the change passes for them\): remove, then add \(a security group's rules: the AWS provider revokes the old ones before it authorizes the new\)/.test(l)), lines.join("\n"));
        assert.strictEqual(lines.at(-1), "no breaking changes");
    });
});

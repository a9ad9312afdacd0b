// Which documented DNS migration steps (docs/migration.md) a change of the hub's vpce-hub:dns
// belongs to, which of them this plan performs, and the stop the plan prints when one
// pulumi up per stack cannot get there (lib/review/migration.ts), on small hand-made plans.
import * as assert from "assert";
import { MigrationSnapshot, formatModeChange, recognizeModeChange } from "../lib/review/migration";

const ZONES = { sharing: "profile", records: "zones" };
const PARK = { sharing: "profile", records: "endpoint", migration: "park-zones" };
const PRIVATE_DNS = { sharing: "profile", records: "endpoint", migration: "enable-private-dns" };
const ENDPOINT = { sharing: "profile", records: "endpoint" };

type Stack = MigrationSnapshot["stacks"][number];
const hub = (dns?: unknown, protect?: boolean, resources: Stack["resources"] = []): Stack =>
    ({ stack: "shared", role: "hub", resources, outputs: {} as never, config: { ...(dns ? { dns } : {}), ...(protect === false ? { protect } : {}) } });
const member = (name: string, type: string): Stack =>
    ({ stack: name, role: "spoke", outputs: {} as never, resources: [{ urn: `urn:${name}`, type, name: "a", id: "a", inputs: {} } as never] });
const ON_ZONES = "aws:route53/zoneAssociation:ZoneAssociation";
const ON_PROFILE = "aws:route53/profilesAssociation:ProfilesAssociation";
const change = (a: Stack[], b: Stack[]) => recognizeModeChange({ stacks: a }, { stacks: b });
const ids = (a: Stack[], b: Stack[]) => { const c = change(a, b)!; return { steps: c.steps.map(s => s.id), covers: c.covers, stop: c.blocking?.message }; };

describe("DNS mode change: the documented steps and which this plan takes", () => {
    it("each documented step on its own is reachable and names only itself: A1+A2, B1, B2, B3", () => {
        const profile = [member("member-a", ON_PROFILE)];
        assert.deepStrictEqual(ids([hub(), member("member-a", ON_ZONES)], [hub(ZONES), member("member-a", ON_PROFILE)]), { steps: ["A1", "A2"], covers: ["A1", "A2"], stop: undefined });
        // A member the plan shows still on its zone associations (pinned) takes A2 later: this plan is A1 alone.
        const pinned = change([hub(), member("member-a", ON_ZONES)], [hub(ZONES), member("member-a", ON_ZONES)])!;
        assert.deepStrictEqual([pinned.covers, pinned.pinned], [["A1"], ["member-a"]]);
        assert.deepStrictEqual(ids([hub(ZONES), ...profile], [hub(PARK), ...profile]), { steps: ["B1"], covers: ["B1"], stop: undefined });
        assert.deepStrictEqual(ids([hub(PARK), ...profile], [hub(PRIVATE_DNS, false), ...profile]), { steps: ["B2"], covers: ["B2"], stop: undefined });
        assert.deepStrictEqual(ids([hub(PRIVATE_DNS, false)], [hub(ENDPOINT)]), { steps: ["B3"], covers: ["B3"], stop: undefined });
    });

    it("the report lists the steps, marks the ones this plan performs, and says it is reachable hub first", () => {
        const lines = formatModeChange(change([hub()], [hub(ZONES)])!);
        assert.strictEqual(lines.length, 4);
        assert.strictEqual(lines[0], "DNS mode change: associations (zones) -> profile, records: zones (docs/migration.md)");
        assert.ok(lines[1].startsWith("  -> step A1: pulumi up the hub: vpce-hub:dns: { sharing: profile, records: zones }: creates the profile"), lines[1]);
        assert.ok(lines[2].startsWith("  -> step A2: pulumi up each spoke stack: remove the member's vpce-hub:dns pin (sharing: associations), if it has one: associates the member's VPC with the profile"), lines[2]);
        assert.strictEqual(lines[3], "  reachable: pulumi up the hub, then each member, in this order");
    });

    it("associations straight to park-zones: every step from A1 to B1 is listed, the members' A2 unmarked, and the plan stops naming A1", () => {
        const c = change([hub()], [hub(PARK)])!;
        assert.deepStrictEqual([c.steps.map(s => s.id), c.covers], [["A1", "A2", "B1"], ["A1", "B1"]]);
        const lines = formatModeChange(c);
        assert.deepStrictEqual(lines.map(l => l.slice(0, 16)), ["DNS mode change:", "  -> step A1: pu", "     step A2: pu", "  -> step B1: pu", "  stop: associat"]);
        assert.strictEqual(lines[4], "  stop: associations (zones) -> profile, records: endpoint, migration: park-zones cannot be reached in one pulumi up: " +
            "take step A1 first (vpce-hub:dns: { sharing: profile, records: zones }), then A2 (pulumi up each member), then B1-B3");
        assert.deepStrictEqual(c.blocking && [c.blocking.stack, c.blocking.key], ["shared", "vpce-hub:dns"]);
        assert.deepStrictEqual(ids([hub()], [hub(ENDPOINT)]).steps, ["A1", "A2", "B1", "B2", "B3"]);
    });

    it("zones to private DNS without parking first (B2 or B3 from B1's start): stops on ConflictingDomainExists, naming step B1", () => {
        const stop = (to: string) => `profile, records: zones -> ${to} cannot be reached in one pulumi up: the endpoints would turn private DNS on while the hub's zones ` +
            "of those names are still associated with the hub VPC (EC2 refuses: ConflictingDomainExists; Pulumi deletes the zones only afterwards). " +
            "Take step B1 first: vpce-hub:dns: { sharing: profile, records: endpoint, migration: park-zones }";
        assert.deepStrictEqual(ids([hub(ZONES)], [hub(PRIVATE_DNS, false)]), { steps: ["B1", "B2"], covers: ["B1", "B2"], stop: stop("profile, records: endpoint, migration: enable-private-dns") });
        assert.deepStrictEqual(ids([hub(ZONES)], [hub(ENDPOINT, false)]), { steps: ["B1", "B2", "B3"], covers: ["B1", "B2", "B3"], stop: stop("profile, records: endpoint") });
    });

    it("B1 waits for every member still on zone associations, naming each (one: has, several: have); the hub's own zone associations do not count", () => {
        const stacks = (dns: unknown) => [hub(dns, undefined, [{ urn: "urn:hub-za", type: ON_ZONES, name: "za", id: "za", inputs: {} } as never]), member("member-a", ON_ZONES), member("member-b", ON_PROFILE)];
        assert.strictEqual(ids(stacks(ZONES), stacks(PARK)).stop,
            "step B1 needs every member on the profile, but member-a still has zone associations in the previous plan: take step A2 first " +
            "(remove the vpce-hub:dns pin from its stack file and pulumi up member-a), plan it, then B1");
        const both = [hub(ZONES), member("member-a", ON_ZONES), member("member-b", ON_ZONES)];
        assert.strictEqual(ids(both, [hub(PARK), ...both.slice(1)]).stop,
            "step B1 needs every member on the profile, but member-a, member-b still have zone associations in the previous plan: take step A2 first " +
            "(remove the vpce-hub:dns pin from their stack files and pulumi up member-a, member-b), plan it, then B1");
        const done = [hub(ZONES, undefined, stacks(ZONES)[0].resources), member("member-a", ON_PROFILE)];
        assert.strictEqual(ids(done, [hub(PARK), member("member-a", ON_PROFILE)]).stop, undefined);
    });

    it("B3 needs the zones unprotected in the state it leaves; B2 with protect still on is fine", () => {
        assert.match(ids([hub(PRIVATE_DNS)], [hub(ENDPOINT)]).stop ?? "", /^step B3 deletes the parked zones, which are protected in the previous state: take step B2 with vpce-hub:protect: false first/);
        assert.strictEqual(ids([hub(PARK)], [hub(PRIVATE_DNS)]).stop, undefined);
    });

    it("going back is no documented migration: no steps, and the reason (a profile still in use, or zones colliding with private DNS)", () => {
        const back = (from: unknown, to: unknown) => change([hub(from, false)], [hub(to)])!;
        const fromProfile = back(ZONES, undefined);
        assert.deepStrictEqual([fromProfile.steps, fromProfile.covers], [[], []]);
        assert.deepStrictEqual(formatModeChange(fromProfile), [
            "DNS mode change: profile, records: zones -> associations (zones) (docs/migration.md)",
            "  stop: going back from profile, records: zones to associations (zones) is not a documented migration: a profile cannot be deleted while member VPCs " +
            "are associated with it (ConflictException), and the members only leave it after the hub changes; see docs/migration.md",
        ]);
        const collide = "is not a documented migration: creating zones while the endpoints' private DNS answers in the hub VPC fails with ConflictingDomainExists; see docs/migration.md";
        assert.strictEqual(back(PRIVATE_DNS, PARK).blocking?.message, `going back from profile, records: endpoint, migration: enable-private-dns to profile, records: endpoint, migration: park-zones ${collide}`);
        assert.strictEqual(back(ENDPOINT, ZONES).blocking?.message, `going back from profile, records: endpoint to profile, records: zones ${collide}`);
        assert.match(back(PARK, ZONES).blocking?.message ?? "", /park-zones to profile, records: zones is not a documented migration: a profile cannot be deleted/);
    });

    it("a previous plan without the hub's config reads its DNS mode from the hub's outputs, and one with neither as associations", () => {
        const fromOutputs: Stack = { stack: "shared", role: "hub", resources: [], outputs: { dns: ZONES } as never };
        assert.deepStrictEqual([change([fromOutputs], [hub(PARK)])!.from, change([fromOutputs], [hub(PARK)])!.covers], ["profile, records: zones", ["B1"]]);
        const bare = { stack: "shared", role: "hub", resources: [] } as unknown as Stack;
        assert.strictEqual(change([bare], [hub(ZONES)])!.from, "associations (zones)");
        assert.strictEqual(change([bare], [hub()]), undefined);
    });
});

// Peering requests expire after 7 days unaccepted, and an expired request can never be accepted:
// the plan says so next to every cross-account peering, the simulated EC2 refuses to accept an
// expired one, and the hub's next `pulumi up` replaces it with a fresh request (once).
import * as assert from "assert";
import { peeringOptions } from "../components/spokeLink";
import { PlannedStack } from "../lib/model";
import { HubConfig } from "../lib/config";
import { peeringExpiryWarnings } from "../plan/plan";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";
import { planOf } from "./fixtures/examplePlan";

const PCX = "aws:ec2/vpcPeeringConnection:VpcPeeringConnection";
const peeringOf = (hub: PlannedStack) => hub.resources.find(r => r.type === PCX && r.name === "member-a")!;

describe("peering requests expire after 7 days unaccepted", () => {
    it("the plan warns next to every cross-account peering (member-a), not for Transit Gateway spokes (member-b)", async () => {
        const plan = await planOf();
        const expiry = plan.warnings.filter(w => w.code === "peering:expiry");
        assert.deepStrictEqual(expiry.map(w => w.message), [
            "shared: the peering request to member-a (account 111111111111) expires if not accepted within 7 days; the hub's next pulumi up recreates an expired one",
        ]);
        // Many peering spokes: one line that counts them.
        const hub = plan.stacks.find(s => s.role === "hub")!.config as HubConfig;
        const more = { ...hub, spokes: [...hub.spokes, ...["m1", "m2", "m3"].map((n, i) => ({ ...hub.spokes[0], name: n, vpcId: `vpc-0${i}`, accountId: `33333333333${i}` }))] };
        assert.deepStrictEqual(peeringExpiryWarnings([more]).map(w => w.message), [
            "shared: 4 peering requests to other accounts (member-a, m1, m2 and 1 more) expire if not accepted within 7 days; the hub's next pulumi up recreates an expired one",
        ]);
    });

    it("a request accepted in time is kept by the hub's next pulumi up: same id, no replacement trigger", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const first = await runStackSimulated(sim, "shared", raw.shared);
        await runStackSimulated(sim, "member-a", raw["member-a"]);
        const second = await runStackSimulated(sim, "shared", raw.shared);
        assert.strictEqual(peeringOf(second).id, peeringOf(first).id);
        assert.strictEqual(peeringOf(second).inputs.tags["vpce-hub:replaces"], undefined);
        assert.strictEqual(sim.peerings.get(peeringOf(first).id)!.status, "active");
    });

    it("an expired request: the member's accept is refused (InvalidStateTransition); the hub's next up replaces it once, and the member accepts the new one", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const first = await runStackSimulated(sim, "shared", raw.shared);
        const old = peeringOf(first).id;
        assert.deepStrictEqual(sim.expirePendingPeerings(), [old]);
        await assert.rejects(runStackSimulated(sim, "member-a", raw["member-a"]), (e: Error) => e.message.startsWith(
            `error: member-a: VpcPeeringConnectionAccepter member-a: AWS refuses it: InvalidStateTransition: Invalid state transition for ${old}, attempted to transition from expired to active`));

        const second = await runStackSimulated(sim, "shared", raw.shared);
        const fresh = peeringOf(second);
        assert.notStrictEqual(fresh.id, old);
        assert.strictEqual(fresh.inputs.tags["vpce-hub:replaces"], old);
        assert.strictEqual(second.outputs.spokes["member-a"].peeringReplaces, old);
        assert.ok((second.warnings ?? []).some(w => w.code === "peering:recreated" && w.message.includes(`peering request ${old} expired before member-a accepted it`)));

        const member = await runStackSimulated(sim, "member-a", raw["member-a"]);
        assert.strictEqual(member.outputs.peeringConnectionId, fresh.id);
        assert.strictEqual(sim.peerings.get(fresh.id)!.status, "active");

        // The next update keeps the new request: the trigger carries over unchanged.
        const third = await runStackSimulated(sim, "shared", raw.shared);
        assert.strictEqual(peeringOf(third).id, fresh.id);
        assert.strictEqual(peeringOf(third).inputs.tags["vpce-hub:replaces"], old);
    });

    it("the peering's replacementTrigger is the replaced request's id, and empty for a first request", () => {
        const parent = {} as any;
        assert.strictEqual(peeringOptions(parent, "").replacementTrigger, "");
        assert.strictEqual(peeringOptions(parent, "pcx-0123456789abcdef0").replacementTrigger, "pcx-0123456789abcdef0");
    });
});

// RAM invitations (docs/aws-rules.md, rule 19): inside an organization with RAM sharing enabled a
// share reaches its principals without an invitation, whether it names the organization or
// account ids; outside it the member must accept one, and accepting where there is none fails.
// The spoke finds out at deploy time (vpce-hub:acceptRamShare: auto) and accepts only a pending
// invitation; the simulated RAM sends invitations exactly when AWS would.
import * as assert from "assert";
import { InvitationStatus, acceptanceOf } from "../lib/aws/ramInvitations";
import { ramAccepterOptions } from "../components/options";
import { TYPES } from "../lib/model";
import { SimCloud } from "../sim/cloud";
import { SimAwsError } from "../sim/errors";
import { SimRam } from "../sim/ram";
import { runStackSimulated } from "../sim/run";
import { exampleRaw } from "./helpers";
import * as pulumi from "@pulumi/pulumi";

const ORG = "arn:aws:organizations::999999999999:organization/o-abcdefghij";
const accepters = (s: { resources: { type: string; name: string }[] }) => s.resources.filter(r => r.type === "aws:ram/resourceShareAccepter:ResourceShareAccepter").map(r => r.name);

/** The example fleet (member-b by Transit Gateway, in its own account), with every account of the plan in one organization. */
function inOneOrganization(sim: SimCloud): void {
    for (const account of ["123456789012", "111111111111", "222222222222"]) sim.organizations.set(account, { id: "o-abcdefghij", managementAccountId: "999999999999" });
}

describe("RAM invitations: what the member does with a share (lib/aws/ramInvitations.ts acceptanceOf)", () => {
    const inv = (status: InvitationStatus, n: number) => ({ status, invitationArn: `arn:inv-${n}`, timestamp: `2026-01-0${n}T00:00:00.000Z` });

    it("a pending invitation is accepted (the latest, by name), an accepted one kept, none needed when the share is active without one", () => {
        assert.deepStrictEqual(acceptanceOf([inv("PENDING", 1)], false, "222222222222"), { kind: "accept", invitationArn: "arn:inv-1" });
        assert.deepStrictEqual(acceptanceOf([inv("EXPIRED", 1), inv("PENDING", 3), inv("PENDING", 2)], false, "222222222222"), { kind: "accept", invitationArn: "arn:inv-3" });
        assert.deepStrictEqual(acceptanceOf([inv("ACCEPTED", 1), inv("PENDING", 2)], true, "222222222222"), { kind: "accept", invitationArn: "arn:inv-2" }, "shared again: the new invitation");
        assert.deepStrictEqual(acceptanceOf([inv("ACCEPTED", 1)], true, "222222222222"), { kind: "keep", invitationArn: "arn:inv-1" });
        assert.deepStrictEqual(acceptanceOf([], true, "222222222222"), { kind: "none" });
    });

    it("a rejected or expired invitation, or none at all for a share that is not active, is a problem saying what to do", () => {
        assert.match((acceptanceOf([inv("REJECTED", 1)], false, "222222222222") as { problem: string }).problem, /invitation was rejected: the hub must share it again/);
        assert.match((acceptanceOf([inv("EXPIRED", 1)], false, "222222222222") as { problem: string }).problem, /expired unaccepted: the hub must share it again/);
        assert.match((acceptanceOf([], false, "222222222222") as { problem: string }).problem, /^does not reach account 222222222222: RAM lists no invitation/);
    });
});

describe("the simulated RAM sends invitations exactly when AWS would (sim/ram.ts)", () => {
    const share = (ram: SimRam, external = true) => { ram.createShare("arn:share", "111111111111", external); ram.shareResource("arn:share", "arn:tgw"); };

    it("an account in the owner's organization (RAM sharing enabled), named by account id: no invitation, access at once", () => {
        const ram = new SimRam();
        ram.organizationOf = () => ORG;
        share(ram);
        ram.sharePrincipal("arn:share", "222222222222");
        assert.deepStrictEqual(ram.invitationsFor("222222222222"), []);
        assert.strictEqual(ram.sharedWith("arn:tgw", "222222222222"), true);
    });

    it("an account outside the owner's organization: a pending invitation, no access until it accepts", () => {
        const ram = new SimRam();
        ram.organizationOf = a => a === "111111111111" ? ORG : undefined;
        share(ram);
        ram.sharePrincipal("arn:share", "222222222222");
        assert.deepStrictEqual(ram.invitationsFor("222222222222").map(i => [i.resourceShareArn, i.senderAccountId, i.status]), [["arn:share", "111111111111", "PENDING"]]);
        assert.strictEqual(ram.sharedWith("arn:tgw", "222222222222"), false);
        ram.acceptShare("arn:share", "222222222222");
        assert.strictEqual(ram.sharedWith("arn:tgw", "222222222222"), true);
        assert.deepStrictEqual(ram.invitationsFor("222222222222").map(i => i.status), ["ACCEPTED"]);
    });

    it("RAM sharing with AWS Organizations off: the same organization's account gets an invitation, and the organization cannot be a principal", () => {
        const ram = new SimRam();
        ram.organizationOf = () => ORG;
        ram.sharingOff.add(ORG);
        share(ram);
        ram.sharePrincipal("arn:share", "222222222222");
        assert.deepStrictEqual(ram.invitationsFor("222222222222").map(i => i.status), ["PENDING"]);
        assert.throws(() => ram.sharePrincipal("arn:share", ORG), (e: SimAwsError) => e.code === "OperationNotPermittedException" && /RAM sharing with AWS Organizations is not enabled/.test(e.message));
    });

    it("a share that allows no external principals refuses an account outside the organization", () => {
        const ram = new SimRam();
        ram.organizationOf = a => a === "111111111111" ? ORG : undefined;
        share(ram, false);
        assert.throws(() => ram.sharePrincipal("arn:share", "222222222222"), (e: SimAwsError) => e.code === "OperationNotPermittedException" && /does not allow external principals/.test(e.message));
    });

    it("accepting where there is no pending invitation fails with the provider's words, naming the share", () => {
        const ram = new SimRam();
        ram.organizationOf = () => ORG;
        share(ram);
        ram.sharePrincipal("arn:share", "222222222222");
        assert.throws(() => ram.acceptShare("arn:share", "222222222222"), (e: SimAwsError) =>
            e.message.startsWith("No pending RAM Resource Share (arn:share) invitation found. NOTE: If both AWS accounts are in the same AWS Organization"));
    });
});

describe("the spoke accepts only a pending invitation, found out at deploy time (vpce-hub:acceptRamShare: auto)", () => {
    it("outside an organization (the example): auto accepts the Transit Gateway's invitation and attaches", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        const spoke = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(accepters(spoke), ["member-b"]);
        assert.deepStrictEqual(sim.ram.invitationsFor("222222222222").map(i => i.status), ["ACCEPTED"]);
    });

    it("inside an organization, shared with account ids (no vpce-hub:organizationId on the hub): auto accepts nothing and attaches; true fails, as AWS would", async () => {
        const raw = exampleRaw();
        const sim = new SimCloud();
        inOneOrganization(sim);
        await runStackSimulated(sim, "shared", raw.shared);
        const spoke = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(accepters(spoke), []);
        assert.ok(spoke.resources.some(r => r.type === TYPES.tgwAttachment));

        const forced = new SimCloud();
        inOneOrganization(forced);
        await runStackSimulated(forced, "shared", raw.shared);
        await assert.rejects(runStackSimulated(forced, "member-b", { ...raw["member-b"], "vpce-hub:acceptRamShare": true }),
            /error: member-b: ResourceShareAccepter member-b: AWS refuses it: No pending RAM Resource Share \(arn:aws:ram:ap-northeast-1:123456789012:resource-share\/\w+\) invitation found/);
    });

    it("the next pulumi up keeps the accepter of the invitation it accepted (its delete would ask RAM to leave the share), with no second accept", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        await runStackSimulated(sim, "member-b", raw["member-b"]);
        const again = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(accepters(again), ["member-b"]);
        const [invitation] = sim.ram.invitationsFor("222222222222");
        assert.strictEqual(invitation.status, "ACCEPTED");
        assert.strictEqual(sim.ram.isShareActiveFor(invitation.resourceShareArn, "222222222222"), true);
    });

    it("an invitation accepted outside this stack (in the console) is adopted: the accepter is imported, not created (creating it would find no pending invitation)", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const hub = await runStackSimulated(sim, "shared", raw.shared);
        sim.ram.acceptShare(hub.outputs.transitGateway.resourceShareArn, "222222222222");
        const spoke = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(accepters(spoke), ["member-b"]);
    });

    it("the accepter's options: keep imports it by the share ARN (its id), accept creates it; a new invitation replaces it, old one first; the true override declares it plain", () => {
        const parent = { urn: "urn:x" } as unknown as pulumi.Resource;
        assert.deepStrictEqual(ramAccepterOptions(parent, { kind: "keep", invitationArn: "arn:inv-1" }, "arn:share"),
            { parent, import: "arn:share", replacementTrigger: "arn:inv-1", deleteBeforeReplace: true });
        assert.deepStrictEqual(ramAccepterOptions(parent, { kind: "accept", invitationArn: "arn:inv-2" }, "arn:share"),
            { parent, replacementTrigger: "arn:inv-2", deleteBeforeReplace: true });
        assert.deepStrictEqual(ramAccepterOptions(parent, { kind: "accept", invitationArn: "" }, "arn:share"), { parent });
    });

    it("the hub shares again (the member removed from its spokes, then added back): the member's next pulumi up accepts the new invitation and attaches", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        await runStackSimulated(sim, "member-b", raw["member-b"]);
        const first = sim.ram.invitationsFor("222222222222")[0].invitationArn;
        const without = { ...raw.shared, "vpce-hub:spokes": raw.shared["vpce-hub:spokes"].filter((s: { name: string }) => s.name !== "member-b") };
        await runStackSimulated(sim, "shared", without);
        await runStackSimulated(sim, "shared", raw.shared);
        const [again] = sim.ram.invitationsFor("222222222222");
        assert.notStrictEqual(again.invitationArn, first);
        assert.strictEqual(again.status, "PENDING");
        const spoke = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(accepters(spoke), ["member-b"]);
        assert.strictEqual(sim.ram.invitationsFor("222222222222")[0].status, "ACCEPTED");
    });

    it("profile mode, outside an organization: a Transit Gateway member accepts both of its invitations (the Transit Gateway's and the profile's)", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const hubRaw = { ...raw.shared, "vpce-hub:dns": { sharing: "profile", records: "zones" } };
        await runStackSimulated(sim, "shared", hubRaw);
        const spoke = await runStackSimulated(sim, "member-b", raw["member-b"]);
        assert.deepStrictEqual(accepters(spoke).sort(), ["member-b", "member-b-profile"]);
        assert.ok(spoke.resources.some(r => r.type === TYPES.profileAssociation));
    });

    it("a member account outside the hub's organization (the hub shares with member accounts, external principals off): the hub's pulumi up fails naming the account, the spoke and vpce-hub:organizationId", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        sim.organizations.set("222222222222", { id: "o-zzzzzzzzzz", managementAccountId: "888888888888" });
        await assert.rejects(runStackSimulated(sim, "shared", { ...raw.shared, "vpce-hub:organizationId": "o-abcdefghij" }), (e: Error) => {
            assert.match(e.message.split("\n")[0], /^error: shared: PrincipalAssociation hub-222222222222: AWS refuses it: OperationNotPermittedException: resource share \S+ does not allow external principals, and account 222222222222 is outside its owner's organization \(vpce-hub:organizationId is o-abcdefghij: the hub shares only with accounts of its organization, and spoke member-b is in account 222222222222, which is not in it: move the account into the organization, or remove vpce-hub:organizationId\)$/);
            return true;
        });
    });

    it("a share that does not reach the member (the profile shared with the hub's organization, the member in another): an error naming the stack, the share and the key, never a bare NotFound", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        sim.organizations.set("222222222222", { id: "o-zzzzzzzzzz", managementAccountId: "888888888888" });
        // Only peering members: the Transit Gateway, shared with member accounts, would stop the hub first.
        const hubRaw = { ...raw.shared, "vpce-hub:organizationId": "o-abcdefghij", "vpce-hub:dns": { sharing: "profile" },
            "vpce-hub:spokes": raw.shared["vpce-hub:spokes"].map((s: any) => ({ ...s, connectivity: "peering" })) };
        const hub = await runStackSimulated(sim, "shared", hubRaw);
        const arn = hub.outputs.dns.resourceShareArn;
        await assert.rejects(runStackSimulated(sim, "member-b", raw["member-b"]), (e: Error) => {
            assert.match(e.message.split("\n")[0], new RegExp(`^error: member-b: vpce-hub:acceptRamShare: the hub's RAM share ${arn.replace(/[/.]/g, "\\$&")} \\(.*\\) does not reach account 222222222222`));
            assert.doesNotMatch(e.message, /NotFound/);
            return true;
        });
    });

    it("an invitation that expired unaccepted: an error naming the share and the key, and how to get a new one", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        const hub = await runStackSimulated(sim, "shared", raw.shared);
        sim.ram.setInvitationStatus(hub.outputs.transitGateway.resourceShareArn, "222222222222", "EXPIRED");
        await assert.rejects(runStackSimulated(sim, "member-b", raw["member-b"]),
            /error: member-b: vpce-hub:acceptRamShare: the hub's RAM share arn:aws:ram:\S+ \(the hub's Transit Gateway tgw-\w+\) was offered to account 222222222222 and its invitation expired unaccepted/);
    });

    it("RAM refusing the lookup (no ram:GetResourceShareInvitations): an error naming the key and the permissions, or the override", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        sim.ram.invitationsFor = () => { throw Object.assign(new Error("User is not authorized to perform: ram:GetResourceShareInvitations"), { name: "AccessDeniedException" }); };
        await assert.rejects(runStackSimulated(sim, "member-b", raw["member-b"]),
            /error: member-b: vpce-hub:acceptRamShare: the hub's RAM share \S+ \(the hub's Transit Gateway tgw-\w+\) could not be looked up .*AccessDeniedException: User is not authorized .*grant ram:GetResourceShareInvitations and ram:GetResourceShares to the deploy role, or set true .* or false/);
    });

    it("a peering member of a hub in associations mode receives no share: no lookup, no accepter", async () => {
        const sim = new SimCloud();
        const raw = exampleRaw();
        await runStackSimulated(sim, "shared", raw.shared);
        sim.ram.invitationsFor = () => { throw new Error("must not be asked"); };
        const spoke = await runStackSimulated(sim, "member-a", raw["member-a"]);
        assert.deepStrictEqual(accepters(spoke), []);
    });
});

describe("the deploy-time RAM lookup through the AWS SDK (stacks/ramShares.ts sdkRamShareLookup), its requests checked without AWS", () => {
    it("asks GetResourceShareInvitations for the one share, page by page, and GetResourceShares for it as shared by other accounts and active", async () => {
        const { RAMClient } = await import("@aws-sdk/client-ram");
        const { sdkRamShareLookup } = await import("../stacks/ramShares");
        const sent: { name: string; input: Record<string, unknown> }[] = [];
        const original = RAMClient.prototype.send;
        (RAMClient.prototype as any).send = async function (command: { constructor: { name: string }; input: Record<string, unknown> }) {
            sent.push({ name: command.constructor.name, input: command.input });
            if (command.constructor.name === "GetResourceSharesCommand") return { resourceShares: [{ resourceShareArn: "arn:share", status: "ACTIVE" }] };
            return command.input.nextToken === undefined
                ? { resourceShareInvitations: [{ status: "ACCEPTED", resourceShareInvitationArn: "arn:inv-1", invitationTimestamp: new Date("2026-01-01T00:00:00Z") }], nextToken: "page-2" }
                : { resourceShareInvitations: [{ status: "PENDING", resourceShareInvitationArn: "arn:inv-2", invitationTimestamp: new Date("2026-01-02T00:00:00Z") }] };
        };
        try {
            const lookup = sdkRamShareLookup("ap-northeast-1");
            assert.deepStrictEqual(await lookup.invitations("arn:share"), [
                { status: "ACCEPTED", invitationArn: "arn:inv-1", timestamp: "2026-01-01T00:00:00.000Z" },
                { status: "PENDING", invitationArn: "arn:inv-2", timestamp: "2026-01-02T00:00:00.000Z" },
            ]);
            assert.strictEqual(await lookup.shareActive("arn:share"), true);
        } finally {
            RAMClient.prototype.send = original;
        }
        assert.deepStrictEqual(sent, [
            { name: "GetResourceShareInvitationsCommand", input: { resourceShareArns: ["arn:share"], nextToken: undefined } },
            { name: "GetResourceShareInvitationsCommand", input: { resourceShareArns: ["arn:share"], nextToken: "page-2" } },
            { name: "GetResourceSharesCommand", input: { resourceOwner: "OTHER-ACCOUNTS", resourceShareArns: ["arn:share"], resourceShareStatus: "ACTIVE" } },
        ]);
    });
});

// Issue 28 item 6: who can attach to the hub's Transit Gateway. The gateway is shared with the
// registered member accounts only (one RAM principal per account, inside an organization too,
// where that needs no invitation), never the whole organization; it accepts shared attachments
// automatically (docs/transit-gateway.md: accepting registered attachments only would need a hub
// update after every member's first, with member routes failing in between), so a rogue
// attachment is modelled: the simulated EC2 keeps attachment states, the hub's pulumi up names
// every attachment no spoke registers, and the path checks show the hijack where one takes a
// member's addresses.
import * as assert from "assert";
import { SimCloud } from "../sim/cloud";
import { SimAwsError } from "../sim/errors";
import { runStackSimulated } from "../sim/run";
import { evaluate, validateStacks } from "../plan/plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { ramPrincipals } from "../components/transitGateway";
import { EXAMPLE_DIR, exampleRaw } from "./helpers";

const SHARE = "aws:ram/resourceShare:ResourceShare";
const PRINCIPAL = "aws:ram/principalAssociation:PrincipalAssociation";
const TGW = "aws:ec2transitgateway/transitGateway:TransitGateway";
const ATTACH = "aws:ec2transitgateway/vpcAttachment:VpcAttachment";
const ACCEPT = "aws:ec2transitgateway/vpcAttachmentAccepter:VpcAttachmentAccepter";
const ORG = "o-abcdefghij";

/** The example as stack files, the hub in organization ORG when `org`. */
function example(org: boolean) {
    const { files } = loadStackFiles(EXAMPLE_DIR);
    return files.map(f => !org || f.stack !== "shared" ? f : { ...f, raw: { ...f.raw, "vpce-hub:organizationId": ORG } });
}

async function planTwice(org: boolean, between: (sim: SimCloud, hubTgw: string) => void) {
    const files = example(org);
    const configs = validateStacks(files).configs;
    const sim = new SimCloud();
    const first = await evaluate(files, configs, sim);
    const tgwId = first.stacks[0].outputs.transitGateway.id;
    between(sim, tgwId);
    return { first, second: await evaluate(files, configs, sim), sim, tgwId };
}

describe("the hub's Transit Gateway: shared with the registered member accounts, not the organization (issue 28 item 6)", () => {
    it("inside an organization: one principal association per member account (never the organization's ARN), external principals off, no invitation for the member", async () => {
        const { first } = await planTwice(true, () => undefined);
        const hub = first.stacks.find(s => s.stack === "shared")!;
        const share = hub.resources.find(r => r.type === SHARE && r.inputs.name === "vpce-hub-transit-gateway")!;
        assert.strictEqual(share.inputs.allowExternalPrincipals, false);
        const principals = hub.resources.filter(r => r.type === PRINCIPAL && r.inputs.resourceShareArn === share.id);
        assert.deepStrictEqual(principals.map(p => `${p.name} ${p.inputs.principal}`), ["hub-222222222222 222222222222"]);
        // member-b attached without accepting anything: in the organization, no invitation.
        const member = first.stacks.find(s => s.stack === "member-b")!;
        assert.strictEqual(member.resources.filter(r => r.type === "aws:ram/resourceShareAccepter:ResourceShareAccepter").length, 0);
        assert.strictEqual(member.resources.filter(r => r.type === ATTACH).length, 1);
        assert.deepStrictEqual(first.checks.filter(c => c.verdict === "fail"), []);
    });

    it("an account of the organization that no spoke registers cannot attach a VPC (EC2: InvalidTransitGatewayID.NotFound); the member account can", async () => {
        await planTwice(true, (sim, tgwId) => {
            sim.organizations.set("333333333333", sim.organizations.get("123456789012")!);
            assert.throws(() => sim.tgw.attachOutside({ tgwId, vpcId: "vpc-0eeeeeeeeeeeeeeee", vpcCidr: "10.9.0.0/16", accountId: "333333333333" }),
                (e: unknown) => e instanceof SimAwsError && e.code === "InvalidTransitGatewayID.NotFound");
            assert.doesNotThrow(() => sim.tgw.attachOutside({ tgwId, vpcId: "vpc-0ffffffffffffffff", vpcCidr: "10.9.0.0/16", accountId: "222222222222" }));
        });
    });

    it("principals are keyed by account (stable logical names), each account once however many members it holds", () => {
        assert.deepStrictEqual(ramPrincipals(["222222222222", "111111111111", "222222222222"]), [
            { key: "222222222222", principal: "222222222222" }, { key: "111111111111", principal: "111111111111" },
        ]);
    });
});

describe("a rogue attachment to the hub's Transit Gateway is modelled and shown as what it is", () => {
    it("a member account's unregistered VPC inside member-b's block: the hub names it as a hijack, exports it, and member-b's checks fail saying where its replies go", async () => {
        let rogue = "";
        const { second } = await planTwice(false, (sim, tgwId) => {
            rogue = sim.tgw.attachOutside({ tgwId, vpcId: "vpc-0ddddddddddddddd1", vpcCidr: "10.2.128.0/17", accountId: "222222222222" });
        });
        const hub = second.stacks.find(s => s.stack === "shared")!;
        assert.deepStrictEqual(hub.outputs.transitGateway.unregisteredAttachments, [
            { id: rogue, vpcId: "vpc-0ddddddddddddddd1", accountId: "222222222222", state: "available", cidrs: ["10.2.128.0/17"], takes: ["member-b"] },
        ]);
        const w = second.warnings.find(x => x.code === `tgw:unregistered:${rogue}`)!;
        assert.match(w.message, new RegExp(`^shared: HIJACK: Transit Gateway attachment ${rogue} of VPC vpc-0ddddddddddddddd1 \\(account 222222222222\\), which no spoke registers, ` +
            "was accepted automatically and propagates 10\\.2\\.128\\.0/17 of member member-b \\(10\\.2\\.0\\.0/16\\) into the hub's route table"));
        const failing = second.checks.filter(c => c.verdict === "fail");
        assert.ok(failing.length > 0 && failing.every(c => c.source === "member-b"), JSON.stringify(failing.map(c => c.source)));
        assert.match(failing[0].reason, new RegExp(`^hijacked: TGW route table \\S+ of the hub attachment sends 10\\.2\\.128\\.0/17 \\(inside member-b's 10\\.2\\.0\\.0/16\\) to attachment ${rogue} ` +
            "of VPC vpc-0ddddddddddddddd1 \\(account 222222222222\\), which no spoke registers"));
    });

    it("an unregistered VPC whose block is no member's: named (it reaches the hub VPC), every path still passes", async () => {
        let rogue = "";
        const { second } = await planTwice(false, (sim, tgwId) => {
            rogue = sim.tgw.attachOutside({ tgwId, vpcId: "vpc-0ddddddddddddddd2", vpcCidr: "10.9.0.0/16", accountId: "222222222222" });
        });
        const w = second.warnings.find(x => x.code === `tgw:unregistered:${rogue}`)!;
        assert.match(w.message, /which no spoke registers, was accepted automatically: it reaches the hub VPC/);
        assert.ok(!/HIJACK/.test(w.message));
        assert.deepStrictEqual(second.checks.filter(c => c.verdict === "fail"), []);
    });

    it("with no attachment but the registered ones, the hub exports none and warns of none", async () => {
        const { second } = await planTwice(false, () => undefined);
        assert.deepStrictEqual(second.stacks[0].outputs.transitGateway.unregisteredAttachments, []);
        assert.ok(!second.warnings.some(w => w.code.startsWith("tgw:unregistered")));
    });
});

describe("simulated EC2: Transit Gateway attachment states (pendingAcceptance, available) and acceptance", () => {
    async function world(autoAccept?: string) {
        const sim = new SimCloud();
        const as = (stack: string, accountId: string) => sim.start({ stack, project: "vpce-hub", accountId, region: "ap-northeast-1" }, "acme");
        const create = (type: string, name: string, inputs: Record<string, unknown>) => sim.newResource({ type, name, inputs, custom: true } as any);
        await as("owner", "123456789012");
        const tgw = create(TGW, "hub", autoAccept ? { autoAcceptSharedAttachments: autoAccept } : {});
        const share = create(SHARE, "tgw", { allowExternalPrincipals: false });
        create("aws:ram/resourceAssociation:ResourceAssociation", "tgw", { resourceShareArn: share.id, resourceArn: tgw.state.arn });
        sim.organizations.set("123456789012", { id: ORG, managementAccountId: "999999999999" });
        sim.organizations.set("222222222222", { id: ORG, managementAccountId: "999999999999" });
        create(PRINCIPAL, "tgw-222222222222", { resourceShareArn: share.id, principal: "222222222222" });
        const table = create("aws:ec2transitgateway/routeTable:RouteTable", "hub", { transitGatewayId: tgw.id });
        create("aws:ec2transitgateway/defaultRouteTablePropagation:DefaultRouteTablePropagation", "hub", { transitGatewayId: tgw.id, transitGatewayRouteTableId: table.id });
        sim.finish(true);
        await as("member", "222222222222");
        sim.registerVpc("vpc-0b", "10.2.0.0/16", [], "ap-northeast-1");
        const attachment = create(ATTACH, "member", { transitGatewayId: tgw.id, vpcId: "vpc-0b", subnetIds: [] });
        sim.finish(true);
        const routes = async () => {
            await as("owner", "123456789012");
            return sim.call({ token: "aws:ec2transitgateway/getRouteTableRoutes:getRouteTableRoutes", inputs: { transitGatewayRouteTableId: table.id, filters: [] } } as any).routes.map((r: any) => r.destinationCidrBlock);
        };
        return { sim, as, create, tgw, attachment, routes };
    }

    it("EC2's default (autoAcceptSharedAttachments unset): another account's attachment waits in pendingAcceptance and propagates nothing until the owner accepts it", async () => {
        const w = await world();
        assert.strictEqual(w.sim.tgw.attachments.get(w.attachment.id!)!.state, "pendingAcceptance");
        assert.deepStrictEqual(await w.routes(), []);
        w.create(ACCEPT, "member-b", { transitGatewayAttachmentId: w.attachment.id });
        assert.deepStrictEqual(w.sim.refusals.map(r => r.error.code), []);
        assert.strictEqual(w.sim.tgw.attachments.get(w.attachment.id!)!.state, "available");
        assert.deepStrictEqual(await w.routes(), ["10.2.0.0/16"]);
    });

    it("the accepter is refused outside the owner's account (InvalidTransitGatewayAttachmentID.NotFound) and on an attachment no longer pending (IncorrectState)", async () => {
        const w = await world();
        await w.as("member", "222222222222");
        w.create(ACCEPT, "self", { transitGatewayAttachmentId: w.attachment.id });
        assert.deepStrictEqual(w.sim.refusals.map(r => r.error.code), ["InvalidTransitGatewayAttachmentID.NotFound"]);
        const auto = await world("enable");
        assert.strictEqual(auto.sim.tgw.attachments.get(auto.attachment.id!)!.state, "available");
        assert.deepStrictEqual(await auto.routes(), ["10.2.0.0/16"]);
        auto.create(ACCEPT, "late", { transitGatewayAttachmentId: auto.attachment.id });
        assert.deepStrictEqual(auto.sim.refusals.map(r => r.error.code), ["IncorrectState"]);
    });

    it("the hub program's gateway accepts automatically (the decision of docs/transit-gateway.md) and the hub's own attachment is available at once", async () => {
        const sim = new SimCloud();
        const hub = await runStackSimulated(sim, "shared", exampleRaw().shared);
        assert.strictEqual(hub.resources.find(r => r.type === TGW)!.inputs.autoAcceptSharedAttachments, "enable");
        const own = hub.resources.find(r => r.type === ATTACH)!;
        assert.strictEqual(sim.tgw.attachments.get(own.id)!.state, "available");
    });
});

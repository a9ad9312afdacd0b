// The hub's Route 53 Profile component (components/profile.ts) in detail: the names AWS will
// accept for its resource associations, and that the profile, its share and its associations
// are children of the component (what `pulumi up` shows and `--verbose` draws as the tree).
// Mutation testing found these unprotected; expected values are literal.
import * as assert from "assert";
import * as path from "path";
import { PlannedStack, TYPES } from "../lib/model";
import { evaluate, validateStacks } from "../plan/plan";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { resourceAssociationName } from "../components/profile";
import { ROOT } from "./helpers";

const COMPONENT = "vpce-hub:hub:Profile";

/** The hub of examples/profile, planned with the hub's (and optionally the members') raw config edited. */
async function hubWith(edit: (raw: Record<string, any>) => void = () => undefined, editMember?: (raw: Record<string, any>) => void): Promise<PlannedStack> {
    const { files, errors } = loadStackFiles(path.join(ROOT, "examples", "profile"));
    assert.deepStrictEqual(errors, []);
    const edited: StackFile[] = files.map(f => {
        const raw = JSON.parse(JSON.stringify(f.raw));
        if (f.stack === "shared") edit(raw);
        else editMember?.(raw);
        return { ...f, raw };
    });
    const v = validateStacks(edited);
    assert.deepStrictEqual(v.errors, []);
    return (await evaluate(edited, v.configs)).stacks.find(s => s.stack === "shared")!;
}

const ofHub = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type);

describe("the hub's Route 53 Profile component", () => {
    let hub: PlannedStack;
    before(async () => { hub = await hubWith(); });
    const of = (type: string) => ofHub(hub, type);

    it("names a resource association after its zone with only the characters AWS allows (a zone's dots become dashes)", () => {
        assert.strictEqual(resourceAssociationName("s3.ap-northeast-1.amazonaws.com"), "s3-ap-northeast-1-amazonaws-com");
        assert.strictEqual(resourceAssociationName("endpoint-ecr.dkr"), "endpoint-ecr-dkr");
        assert.strictEqual(resourceAssociationName("under_score-ok"), "under_score-ok");
        const sixtyFour = "a".repeat(64);
        assert.strictEqual(resourceAssociationName(sixtyFour), sixtyFour, "64 characters is still within AWS's limit");
    });

    it("shortens a name over 64 characters to its first 55 and an 8-digit hex hash, so two long zones still get different names", () => {
        const long1 = "a".repeat(60) + ".one.example";
        const long2 = "a".repeat(60) + ".two.example";
        const n1 = resourceAssociationName(long1);
        const n2 = resourceAssociationName(long2);
        for (const n of [n1, n2]) {
            assert.strictEqual(n.length, 64);
            assert.ok(n.startsWith("a".repeat(55) + "-"), n);
            assert.match(n.slice(56), /^[0-9a-f]{8}$/);
        }
        assert.notStrictEqual(n1, n2);
        assert.strictEqual(resourceAssociationName(long1), n1, "the same zone always gets the same name (no rename on the next pulumi up)");
        assert.strictEqual(resourceAssociationName("a".repeat(65)).length, 64);
    });

    it("puts each hub zone into the profile under the zone's cleaned name, and nothing under an empty name", () => {
        const names = of(TYPES.profileResourceAssociation).map(r => r.inputs.name).sort();
        const zones = of(TYPES.zone).map(z => String(z.inputs.name).replace(/\./g, "-")).sort();
        assert.deepStrictEqual(names, zones);
        assert.ok(names.includes("s3-ap-northeast-1-amazonaws-com"));
    });

    it("names the profile and its RAM share after the hub stack and tags them, so two hubs in one account stay apart", () => {
        const [profile] = of(TYPES.profile);
        assert.strictEqual(profile.inputs.name, "vpce-hub-shared");
        assert.deepStrictEqual(profile.inputs.tags, { Name: "vpce-hub", "vpce-hub:hub": "shared" });
        const share = of(TYPES.ramResourceShare).find(s => s.inputs.permissionArns !== undefined)!;
        assert.strictEqual(share.inputs.name, "vpce-hub-profile-shared");
        assert.deepStrictEqual(share.inputs.tags, { Name: "vpce-hub" });
    });

    it("creates the profile, its share, the share's associations and the profile's resource associations as children of the component", () => {
        const share = of(TYPES.ramResourceShare).find(s => s.inputs.permissionArns !== undefined)!;
        const ofShare = (type: string) => of(type).filter(r => r.inputs.resourceShareArn === share.id);
        const children = [...of(TYPES.profile), share, ...of(TYPES.profileResourceAssociation),
            ...ofShare(TYPES.ramResourceAssociation), ...ofShare(TYPES.ramPrincipalAssociation)];
        // 1 profile, 1 share, 10 zones, 1 share association, 2 spoke accounts (examples/profile).
        assert.strictEqual(children.length, 1 + 1 + 10 + 1 + 2);
        for (const r of children) assert.ok(r.urn.includes(`${COMPONENT}$`), `${r.type} ${r.name} is not under ${COMPONENT}: ${r.urn}`);
    });

    describe("with a changed hub", () => {
        it("during a migration step associates the hub VPC itself with the profile, as vpce-hub-hub, under the component", async () => {
            const s = await hubWith(raw => { raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint", migration: "park-zones" }; });
            const own = ofHub(s, TYPES.profileAssociation);
            assert.deepStrictEqual(own.map(a => [a.inputs.name, a.inputs.resourceId]), [["vpce-hub-hub", "vpc-0123456789abcdef0"]]);
            assert.ok(own[0].urn.includes(`${COMPONENT}$`), own[0].urn);
        });

        it("with records: endpoint puts each endpoint into the profile as endpoint-<service>, dots made dashes", async () => {
            const s = await hubWith(raw => { raw["vpce-hub:dns"] = { sharing: "profile", records: "endpoint" }; raw["vpce-hub:services"] = ["sqs", "ecr.dkr"]; });
            const byArn = new Map(ofHub(s, TYPES.vpcEndpoint).map(e => [e.outputs.arn, e.name]));
            const endpointNames = ofHub(s, TYPES.profileResourceAssociation)
                .filter(a => byArn.has(a.inputs.resourceArn))
                .map(a => [byArn.get(a.inputs.resourceArn), a.inputs.name]).sort();
            assert.deepStrictEqual(endpointNames, [["ecr.dkr", "endpoint-ecr-dkr"], ["sqs", "endpoint-sqs"]]);
            for (const a of ofHub(s, TYPES.profileResourceAssociation)) assert.ok(a.urn.includes(`${COMPONENT}$`), a.urn);
        });

        it("shares the profile with nobody when every spoke is in the hub's own account: no RAM share at all", async () => {
            const own = (raw: Record<string, any>) => { raw["vpce-hub:accountId"] = "123456789012"; delete raw["vpce-hub:acceptRamShare"]; };
            const s = await hubWith(raw => {
                for (const sp of raw["vpce-hub:spokes"]) sp.accountId = "123456789012";
            }, own);
            assert.strictEqual(ofHub(s, TYPES.profile).length, 1);
            const profileShares = ofHub(s, TYPES.ramResourceShare).filter(r => r.inputs.permissionArns !== undefined);
            assert.deepStrictEqual(profileShares, []);
        });

        it("with an organization, the share's one principal association (the organization) is under the component too", async () => {
            const s = await hubWith(raw => { raw["vpce-hub:organizationId"] = "o-abcdefghij"; });
            const share = ofHub(s, TYPES.ramResourceShare).find(r => r.inputs.permissionArns !== undefined)!;
            const principals = ofHub(s, TYPES.ramPrincipalAssociation).filter(p => p.inputs.resourceShareArn === share.id);
            assert.strictEqual(principals.length, 1);
            assert.ok(principals[0].urn.includes(`${COMPONENT}$`), principals[0].urn);
        });
    });
});

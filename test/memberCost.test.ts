import * as assert from "assert";
import { PlannedStack, TYPES as T } from "../lib/model";
import { HubConfig } from "../lib/config";
import { memberCostLines, memberCosts } from "../lib/checks/memberCost";
import { generateStacks } from "../plan/generate";
import { SimCloud } from "../sim/cloud";
import { runStackSimulated } from "../sim/run";

const ORG = { "vpce-hub:organizationId": "o-bench00000a" };
const PROFILE = { "vpce-hub:dns": { sharing: "profile" } };
const LISTS = { "vpce-hub:prefixLists": { sources: true, transitGatewayRoutes: true } };

/** The generated hub (8 members, the first 2 peering), planned alone, with its registry edited. */
async function hub(extra: Record<string, unknown>, drop?: string): Promise<PlannedStack> {
    const [h] = generateStacks(8, 4, { hub: extra, peering: 2 });
    const raw = { ...h.raw, "vpce-hub:spokes": (h.raw["vpce-hub:spokes"] as { name: string }[]).filter(s => s.name !== drop) };
    return runStackSimulated(new SimCloud(), "shared", raw);
}

/** What the hub's plan really differs by when one member is registered: created and changed resources, by type. */
function difference(without: PlannedStack, withIt: PlannedStack) {
    const before = new Map(without.resources.map(r => [r.urn, r]));
    const after = new Map(withIt.resources.map(r => [r.urn, r]));
    const created: Record<string, number> = {};
    const changed: Record<string, number> = {};
    let components = 0;
    for (const [urn, r] of after) {
        const was = before.get(urn);
        if (!was) { if (r.component) components++; else created[r.type] = (created[r.type] ?? 0) + 1; }
        else if (!r.component && JSON.stringify(was.inputs) !== JSON.stringify(r.inputs)) changed[r.type] = (changed[r.type] ?? 0) + 1;
    }
    const deleted = [...before.keys()].filter(u => !after.has(u)).length;
    return { created, changed, components, deleted };
}

const withoutRoutes = (m: Readonly<Record<string, number>>) => Object.fromEntries(Object.entries(m).filter(([t]) => t !== T.route));

describe("what one more member costs the hub, read off the plan and held to a real difference (issue 26.7)", () => {
    for (const [name, extra] of [
        ["organization, profile, prefix lists", { ...ORG, ...PROFILE, ...LISTS }],
        ["account by account, profile, prefix lists", { ...PROFILE, ...LISTS }],
        ["organization, zone associations", ORG],
        ["account by account, zone associations", {}],
    ] as [string, Record<string, unknown>][]) {
        it(`${name}: the resources created and updated for the last member of each kind are what the hub planned without it differs by`, async () => {
            const full = await hub(extra);
            const costs = memberCosts(full);
            assert.deepStrictEqual(costs.map(c => `${c.connectivity} ${c.member}`), ["transitGateway member-008", "peering member-002"]);
            for (const c of costs) {
                const d = difference(await hub(extra, c.member), full);
                assert.deepStrictEqual(withoutRoutes(c.created), withoutRoutes(d.created), `${c.member} created`);
                assert.deepStrictEqual(withoutRoutes(c.updated), withoutRoutes(d.changed), `${c.member} updated`);
                assert.strictEqual(c.components, d.components, `${c.member} components`);
                // Routes: a member of its own block adds a route per hub table; one that joins an aggregate replaces it.
                const routes = (c.created[T.route] ?? 0) + (c.updated[T.route] ?? 0);
                assert.strictEqual(routes > 0, (d.created[T.route] ?? 0) + d.deleted > 0, `${c.member} routes`);
            }
        });
    }

    it("with organizationId, Route 53 Profiles and prefix lists a Transit Gateway member adds no hub resource beyond what AWS needs: its entries in the two prefix lists", async () => {
        const [tgw] = memberCosts(await hub({ ...ORG, ...PROFILE, ...LISTS }));
        // No empty component per member, no policy update, no profile principal: the prefix lists' entries, and the TGW share's principal where it is per account.
        const perAccountShare = tgw.created[T.ramPrincipalAssociation] ?? 0;
        assert.ok(perAccountShare <= 1);
        assert.deepStrictEqual(tgw.created, perAccountShare ? { [T.ramPrincipalAssociation]: 1 } : {});
        assert.strictEqual(tgw.components, 0);
        assert.deepStrictEqual(tgw.updated, { [T.managedPrefixList]: 2 });
        assert.strictEqual(tgw.calls, 2 + perAccountShare);
        // Without the organization: 4 endpoint policies, the profile's principal, and the gateway's where its share goes to the organization.
        assert.strictEqual(tgw.accountBound.calls, 4 + 1 + (perAccountShare ? 0 : 1));
    });

    it("account by account, the report recommends organizationId with what it saves per member; in the organization it says what the other case would cost", async () => {
        const accounts = await hub({ ...PROFILE, ...LISTS });
        const lines = memberCostLines(memberCosts(accounts), accounts.config as HubConfig, true);
        assert.match(lines[0], /^one more transitGateway member \(read off member-008\): the hub creates 2 RAM principal associations and updates 4 endpoint policies, 2 prefix lists: .* account by account; \d+ with vpce-hub:organizationId$/);
        assert.match(lines[lines.length - 1], /^recommended: set vpce-hub:organizationId: each new member's account then costs the hub 5 API calls less \(4 endpoint policies updated with its account, 1 RAM principal association of the profile's share\)/);
        const org = await hub({ ...ORG, ...PROFILE, ...LISTS });
        const orgLines = memberCostLines(memberCosts(org), org.config as HubConfig, true);
        assert.ok(!orgLines.some(l => l.startsWith("recommended")));
        assert.match(orgLines[0], /in the organization; \d+ account by account$/);
        // Without --verbose: one line for both kinds.
        assert.match(memberCostLines(memberCosts(accounts), accounts.config as HubConfig)[0],
            /^one more member costs the hub 2 resources and 8 API calls \(transitGateway\), 5 resources and 9 API calls \(peering\) account by account; 3 and 4 calls with vpce-hub:organizationId; --verbose names them$/);
    });
});

describe("the generated fleets reach one Transit Gateway's limit (npm run bench, issue 26.7)", () => {
    it("4,999 members get distinct, non-overlapping /22s outside the hub and on-prem, and can be written as minimal member files", () => {
        const files = generateStacks(4999, 1, { peering: 0, fullMembers: false });
        const entries = files[0].raw["vpce-hub:spokes"] as { name: string; cidr: string; connectivity: string }[];
        assert.strictEqual(entries.length, 4999);
        assert.strictEqual(new Set(entries.map(e => e.cidr)).size, 4999);
        assert.ok(entries.every(e => e.connectivity === "transitGateway"));
        // Aligned /22s that differ do not overlap; none is in the hub's 10.0.0.0/16.
        assert.ok(entries.every(e => /^10\.(6[4-9]|[7-9]\d|1[0-4]\d)\.\d+\.0\/22$/.test(e.cidr) && Number(e.cidr.split(".")[2]) % 4 === 0));
        // Past the 4,096 /22s of 10.64.0.0/10 the pool continues in 10.128.0.0/10.
        assert.deepStrictEqual([entries[4095].cidr, entries[4096].cidr, entries[4998].cidr], ["10.127.252.0/22", "10.128.0.0/22", "10.142.24.0/22"]);
        assert.deepStrictEqual(Object.keys(files[4999].raw).sort(), ["aws:region", "vpce-hub:hubStack", "vpce-hub:role"]);
    });
});

// The routing table the path checks look routes up in (lib/net/cidrTable.ts): AWS picks the most
// specific route that holds an address (longest prefix match), whatever order the routes
// were created in, and a block that two routes name keeps both. Expected values are
// worked out by hand from the blocks.
import * as assert from "assert";
import { CidrTable } from "../lib/net/cidrTable";

interface Route { readonly destination: string; readonly target: string }

const ROUTES: readonly Route[] = [
    { destination: "10.0.0.0/8", target: "tgw-corp" },
    { destination: "10.1.0.0/16", target: "pcx-member-a" },
    { destination: "10.1.2.0/24", target: "vpce-firewall" },
    { destination: "0.0.0.0/0", target: "igw" },
];

const permutations = <T>(xs: readonly T[]): T[][] =>
    xs.length <= 1 ? [[...xs]] : xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map(p => [x, ...p]));

describe("route lookup by longest prefix (lib/net/cidrTable.ts)", () => {
    it("an address takes the most specific route that holds it, whatever order the routes were added in", () => {
        for (const order of permutations(ROUTES)) {
            const added = new CidrTable<Route>([], r => r.destination);
            for (const r of order) added.add(r);
            const built = new CidrTable<Route>(order, r => r.destination);
            for (const table of [added, built]) {
                const via = (ip: string) => table.longestMatch(ip)?.target;
                const shown = order.map(r => r.destination).join(", ");
                assert.strictEqual(via("10.1.2.3"), "vpce-firewall", shown);
                assert.strictEqual(via("10.1.9.9"), "pcx-member-a", shown);
                assert.strictEqual(via("10.200.0.1"), "tgw-corp", shown);
                assert.strictEqual(via("192.168.0.1"), "igw", shown);
            }
        }
    });

    it("a table built from a list holds every route of it; one whose destination is no IPv4 block is left out", () => {
        const table = new CidrTable<Route>([...ROUTES, { destination: "pl-0123456789abcdef0", target: "tgw-prefix-list" }], r => r.destination);
        assert.strictEqual(table.size, 4);
        assert.deepStrictEqual(table.values().map(r => r.target).sort(), ["igw", "pcx-member-a", "tgw-corp", "vpce-firewall"]);
        assert.deepStrictEqual(table.inside("10.1.0.0/16").map(r => r.target).sort(), ["pcx-member-a", "vpce-firewall"]);
    });

    it("an empty table (a route table without routes) answers every lookup with nothing", () => {
        const table = new CidrTable<Route>([], r => r.destination);
        assert.strictEqual(table.size, 0);
        assert.strictEqual(table.longestMatch("10.1.5.5"), undefined);
        assert.strictEqual(table.longestCovering("10.1.0.0/16"), undefined);
        assert.deepStrictEqual([table.inside("10.0.0.0/8"), table.overlapping("10.1.5.0/24"), table.values()], [[], [], []]);
    });

    it("two routes to one block are both kept (listed, and found inside a block), and the first added answers a lookup", () => {
        const first = { destination: "10.1.0.0/16", target: "pcx-member-a" };
        const second = { destination: "10.1.0.0/16", target: "tgw-attach-member-a" };
        const table = new CidrTable<Route>([], r => r.destination);
        table.add(first);
        table.add(second);
        assert.deepStrictEqual(table.values(), [first, second]);
        assert.deepStrictEqual(table.inside("10.0.0.0/8"), [first, second]);
        assert.deepStrictEqual(table.overlapping("10.1.5.0/24"), [first, second]);
        assert.strictEqual(table.longestMatch("10.1.5.5"), first);
    });
});

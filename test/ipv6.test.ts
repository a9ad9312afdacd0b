// lib/net/ipv6.ts, the IPv6 CIDR math dual-stack hubs rely on (which members' blocks a hub admits and
// routes, which blocks overlap, the /64s the simulated cloud hands out). Expected values are
// literal, worked out by hand from the addresses.
import * as assert from "assert";
import { contains6, host6At, isIpv6, overlaps6, parseCidr6, subnet6At, within6 } from "../lib/net/ipv6";

describe("IPv6 CIDR math (lib/net/ipv6.ts)", () => {
    it("parses a block to its first address and prefix", () => {
        assert.deepStrictEqual(parseCidr6("2600:1f18:abcd:1200::/56"), { first: 0x26001f18abcd12000000000000000000n, prefix: 56 });
        assert.deepStrictEqual(parseCidr6("::/0"), { first: 0n, prefix: 0 });
    });

    it("refuses what is not an IPv6 block (IPv4, no prefix, a zone index, garbage) with the same sentence", () => {
        const bad = (t: string) => `"${t}" is not an IPv6 CIDR block such as 2600:1f18:abcd:1200::/56`;
        for (const t of ["10.0.0.0/16", "2600:1f18::", "2600:1f18::/56x", "fe80::1%eth0/64", "2600:zz::/56", "2600:1f18::/129"]) {
            assert.strictEqual(parseCidr6(t), bad(t), t);
        }
        assert.strictEqual(parseCidr6(42 as unknown as string), bad("42"));
    });

    it("refuses a prefix length written with more than three digits (/0056), which ipaddr.js would read as /56", () => {
        assert.strictEqual(parseCidr6("2600:1f18:abcd:1200::/0056"), `"2600:1f18:abcd:1200::/0056" is not an IPv6 CIDR block such as 2600:1f18:abcd:1200::/56`);
    });

    it("refuses host bits, naming the block meant", () => {
        assert.strictEqual(parseCidr6("2600:1f18:abcd:1234::/56"), `"2600:1f18:abcd:1234::/56" has host bits set: did you mean 2600:1f18:abcd:1200::/56?`);
    });

    it("two blocks overlap when they share an address, also at the edges; neighbours do not", () => {
        assert.strictEqual(overlaps6("2600:1f18:abcd:1200::/56", "2600:1f18:abcd:12ff::/64"), true, "the last /64 of the /56");
        assert.strictEqual(overlaps6("2600:1f18:abcd:12ff::/64", "2600:1f18:abcd:1200::/56"), true);
        assert.strictEqual(overlaps6("2600:1f18:abcd:1200::/56", "2600:1f18:abcd:1300::/56"), false, "the next /56");
        assert.strictEqual(overlaps6("2600:1f18:abcd:1300::/56", "2600:1f18:abcd:1200::/56"), false);
        assert.throws(() => overlaps6("2600:1f18:abcd:1234::/56", "::/0"), /host bits set/);
    });

    it("a block lies within another only when all of it does: a wider block never lies within a narrower one", () => {
        assert.strictEqual(within6("2600:1f18:abcd:12ff::/64", "2600:1f18:abcd:1200::/56"), true);
        assert.strictEqual(within6("2600:1f18:abcd:1200::/56", "2600:1f18:abcd:1200::/56"), true);
        assert.strictEqual(within6("2600:1f18:abcd:1200::/55", "2600:1f18:abcd:1200::/56"), false, "wider, same first address");
        assert.strictEqual(within6("2600:1f18:abcd:1300::/64", "2600:1f18:abcd:1200::/56"), false, "just past the end");
        assert.strictEqual(within6("2600:1f18:abcd:1100::/64", "2600:1f18:abcd:1200::/56"), false, "just before the start");
    });

    it("an address is IPv6 only if it parses as one; a block contains the addresses from its first to its last", () => {
        assert.strictEqual(isIpv6("2600:1f18::1"), true);
        for (const t of ["10.0.0.1", "2600:zz::1", "", "2600:1f18::/56"]) assert.strictEqual(isIpv6(t), false, t);
        assert.strictEqual(isIpv6(undefined as unknown as string), false);
        assert.strictEqual(contains6("2600:1f18:abcd:1200::/56", "2600:1f18:abcd:12ff:ffff:ffff:ffff:ffff"), true);
        assert.strictEqual(contains6("2600:1f18:abcd:1200::/56", "2600:1f18:abcd:1300::"), false);
        assert.strictEqual(contains6("2600:1f18:abcd:1200::/56", "10.0.0.1"), false);
    });

    it("hands out the i-th /64 of a block, and refuses one past the end or a wider prefix", () => {
        assert.strictEqual(subnet6At("2600:1f18:abcd:1200::/56", 64, 0), "2600:1f18:abcd:1200::/64");
        assert.strictEqual(subnet6At("2600:1f18:abcd:1200::/56", 64, 255), "2600:1f18:abcd:12ff::/64");
        assert.throws(() => subnet6At("2600:1f18:abcd:1200::/56", 64, 256), /has no 256-th \/64/);
        assert.throws(() => subnet6At("2600:1f18:abcd:1200::/56", 48, 0), /has no 0-th \/48/);
        assert.strictEqual(subnet6At("2600:1f18:abcd:1200::/56", 56, 0), "2600:1f18:abcd:1200::/56");
        assert.strictEqual(host6At("2600:1f18:abcd:1200::/64", 4n), "2600:1f18:abcd:1200::4");
    });
});

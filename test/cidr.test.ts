// CIDR math (lib/net/cidr.ts): what every caller, not only config validation, accepts as a block.
import * as assert from "assert";
import fc from "fast-check";
import { aggregateCidrs, aggregateLabelled, contains, hostAt, mustParseCidr, overlaps, parseCidr, subnetAt, within } from "../lib/net/cidr";

describe("CIDR parsing (lib/net/cidr.ts)", () => {
    const DOTTED = "(four decimal numbers without leading zeros, then /prefix)";

    for (const legacy of ["10.0.0/16", "010.0.0.0/16", "0x0a.0.0.0/16", "167772160/8"]) {
        it(`parseCidr refuses ${JSON.stringify(legacy)}, which ipaddr.js would read, so no caller mistakes it for another block`, () => {
            assert.strictEqual(parseCidr(legacy), `"${legacy}" is not an IPv4 CIDR block such as 10.0.0.0/16 ${DOTTED}`);
            assert.throws(() => within(legacy, "0.0.0.0/0"), /is not an IPv4 CIDR block/);
            assert.throws(() => overlaps(legacy, "10.0.0.0/8"), /is not an IPv4 CIDR block/);
        });
    }

    it("parseCidr reads dotted decimal and names host bits", () => {
        assert.strictEqual(mustParseCidr("10.1.0.0/16").prefix, 16);
        assert.strictEqual(mustParseCidr("0.0.0.0/0").prefix, 0);
        assert.strictEqual(parseCidr("10.0.0.1/16"), `"10.0.0.1/16" has host bits set: did you mean 10.0.0.0/16?`);
    });

    // parseCidr remembers its answers: blocks never asked before (random ones) show that the
    // answer is computed, and that asking again gives the same one.
    it("property: any block with host bits set is refused naming the network meant, on the first and on every later ask", () => {
        const dotted = (n: number) => [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join(".");
        fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 32 }), (ip, prefix) => {
            const text = `${dotted(ip)}/${prefix}`;
            const network = ip - (ip % 2 ** (32 - prefix));
            const expected = network === ip ? text : `"${text}" has host bits set: did you mean ${dotted(network)}/${prefix}?`;
            for (const ask of [1, 2]) {
                const c = parseCidr(text);
                assert.strictEqual(typeof c === "string" ? c : c.text, expected, `ask ${ask}`);
            }
        }), { numRuns: 200 });
    });

    it("contains refuses an address with a leading zero instead of reading it as octal", () => {
        assert.strictEqual(contains("10.0.0.0/16", "10.0.0.8"), true);
        assert.throws(() => contains("8.0.0.0/8", "010.0.0.8"), /is not an IPv4 CIDR block/);
    });
});

describe("exact CIDR aggregation (lib/net/cidr.ts aggregateCidrs): the fewest blocks admitting exactly the declared addresses", () => {
    it("merges adjacent halves, absorbs contained blocks, and keeps blocks that only look adjacent", () => {
        assert.deepStrictEqual(aggregateCidrs(["10.0.0.128/25", "10.0.0.0/25"]), ["10.0.0.0/24"]);
        assert.deepStrictEqual(aggregateCidrs(["10.0.0.0/24", "10.0.1.0/24", "10.0.2.0/24"]), ["10.0.0.0/23", "10.0.2.0/24"]);
        assert.deepStrictEqual(aggregateCidrs(["10.0.0.0/16", "10.0.5.0/24", "10.0.0.0/16"]), ["10.0.0.0/16"]);
        // 10.0.1.0/24 + 10.0.2.0/24 is a run, but no aligned /23 is exactly it.
        assert.deepStrictEqual(aggregateCidrs(["10.0.2.0/24", "10.0.1.0/24"]), ["10.0.1.0/24", "10.0.2.0/24"]);
        assert.deepStrictEqual(aggregateCidrs(["192.168.0.0/16", "10.0.0.0/8"]), ["10.0.0.0/8", "192.168.0.0/16"]);
        assert.deepStrictEqual(aggregateCidrs(["0.0.0.0/1", "128.0.0.0/1"]), ["0.0.0.0/0"]);
        assert.deepStrictEqual(aggregateCidrs(["255.255.255.255/32", "255.255.255.254/32"]), ["255.255.255.254/31"]);
        assert.deepStrictEqual(aggregateCidrs([]), []);
    });

    it("keeps, per merged block, who it is for (the labels of every block it absorbed, in order)", () => {
        assert.deepStrictEqual(aggregateLabelled([
            { cidr: "10.1.0.0/16", label: "a" }, { cidr: "10.0.0.0/16", label: "hub" }, { cidr: "10.3.0.0/16", label: "b" }, { cidr: "10.3.4.0/24", label: "c" },
        ]), [{ cidr: "10.0.0.0/15", labels: ["a", "hub"] }, { cidr: "10.3.0.0/16", labels: ["b", "c"] }]);
    });

    // An independent oracle on a small universe (10.0.0.0/20, 4,096 addresses): the set of
    // addresses as a bitmap, and the minimal block count by splitting the universe in halves.
    const BASE = (10 << 24) >>> 0;
    const bits = (cidrs: readonly string[]) => {
        const set = new Uint8Array(4096);
        for (const c of cidrs) {
            const [ip, p] = c.split("/");
            const start = ip.split(".").reduce((n, o) => n * 256 + Number(o), 0) - BASE;
            for (let i = 0; i < 2 ** (32 - Number(p)); i++) set[start + i] = 1;
        }
        return set;
    };
    const minimal = (set: Uint8Array, start = 0, size = 4096): number => {
        let ones = 0;
        for (let i = start; i < start + size; i++) ones += set[i];
        if (ones === 0) return 0;
        if (ones === size) return 1;
        return minimal(set, start, size / 2) + minimal(set, start + size / 2, size / 2);
    };
    const block = fc.integer({ min: 20, max: 32 }).chain(prefix => fc.integer({ min: 0, max: 2 ** (prefix - 20) - 1 }).map(i => {
        const start = BASE + i * 2 ** (32 - prefix);
        return `${[24, 16, 8, 0].map(s => Math.floor(start / 2 ** s) % 256).join(".")}/${prefix}`;
    }));

    it("property: the aggregate admits exactly the union of the declared blocks, with the fewest blocks possible", () => {
        fc.assert(fc.property(fc.array(block, { maxLength: 40 }), cidrs => {
            const out = aggregateCidrs(cidrs);
            assert.deepStrictEqual(bits(out), bits(cidrs), `${cidrs} -> ${out}`);
            assert.strictEqual(out.length, minimal(bits(cidrs)), `${cidrs} -> ${out}`);
            for (const c of out) assert.strictEqual(typeof parseCidr(c), "object", c);
        }), { numRuns: 300 });
    });
});

describe("subnets and addresses the simulated cloud hands out (lib/net/cidr.ts subnetAt, hostAt)", () => {
    it("carves the i-th block of a size from a VPC's block, and refuses one past its end or wider than it", () => {
        assert.strictEqual(subnetAt("10.0.0.0/24", 26, 0), "10.0.0.0/26");
        assert.strictEqual(subnetAt("10.0.0.0/24", 26, 3), "10.0.0.192/26");
        assert.strictEqual(subnetAt("10.0.0.0/16", 24, 255), "10.0.255.0/24");
        assert.throws(() => subnetAt("10.0.0.0/24", 26, 4), { message: "10.0.0.0/24 has no room for block 4 of size /26" });
        assert.throws(() => subnetAt("10.0.0.0/24", 23, 0), { message: "10.0.0.0/24 has no room for block 0 of size /23" });
    });

    it("gives the address at an offset in a subnet, and refuses the broadcast address and anything outside", () => {
        assert.strictEqual(hostAt("10.0.1.0/24", 4), "10.0.1.4");
        assert.strictEqual(hostAt("10.0.1.0/24", 254), "10.0.1.254");
        assert.strictEqual(hostAt("10.0.0.0/16", 260), "10.0.1.4");
        assert.throws(() => hostAt("10.0.1.0/24", 255), { message: "10.0.1.0/24 has no host at offset 255" });
        assert.throws(() => hostAt("10.0.1.0/24", -1), { message: "10.0.1.0/24 has no host at offset -1" });
    });
});

import * as assert from "assert";
import fc from "fast-check";
import { overlappingPairs, overlaps } from "../lib/net/cidr";
import { parseStackConfig } from "../lib/config";
import { generateStacks } from "../plan/generate";

describe("fleet-size validation stays linear (issue 26.7): overlaps found in one sweep", () => {
    const block = fc.integer({ min: 8, max: 30 }).chain(prefix => fc.integer({ min: 0, max: 2 ** (prefix - 8) - 1 }).map(i => {
        const start = 10 * 2 ** 24 + i * 2 ** (32 - prefix);
        return `${[24, 16, 8, 0].map(s => Math.floor(start / 2 ** s) % 256).join(".")}/${prefix}`;
    }));

    it("property: the sweep finds exactly the pairs that comparing every pair finds, in the same order", () => {
        fc.assert(fc.property(fc.array(block, { maxLength: 30 }), cidrs => {
            const every: [number, number][] = [];
            for (let i = 0; i < cidrs.length; i++) for (let j = i + 1; j < cidrs.length; j++) if (overlaps(cidrs[i], cidrs[j])) every.push([i, j]);
            assert.deepStrictEqual(overlappingPairs(cidrs), every, cidrs.join(" "));
        }), { numRuns: 300 });
    });

    it("a hub registering 4,999 members reads in about ten times the time of one with 500: linear, not square (the pairwise overlap check was 12.5 million comparisons)", () => {
        const hubOf = (n: number) => generateStacks(n, 2, { peering: 0, hub: { "vpce-hub:organizationId": "o-bench00000a", "vpce-hub:dns": { sharing: "profile" }, "vpce-hub:quotas": { vpcsPerProfile: 4999 } } })[0];
        // The best of three runs each, so that another process on the machine weighs less.
        const time = (n: number) => {
            const hub = hubOf(n);
            let best = Infinity;
            for (let k = 0; k < 3; k++) {
                const start = process.hrtime.bigint();
                const r = parseStackConfig("shared", hub.raw);
                best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
                assert.deepStrictEqual(r.errors, []);
            }
            return best;
        };
        time(500); // warm up the parser and the CIDR cache
        const small = time(500);
        const large = time(4999);
        // 10 times the members: linear work takes about 10 times as long; the square took about 50.
        assert.ok(large / small < 25, `${large.toFixed(0)} ms for 4,999 members, ${small.toFixed(0)} ms for 500: ${(large / small).toFixed(1)} times`);
    });
});

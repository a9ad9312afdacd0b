// CIDR math (lib/cidr.ts): what every caller, not only config validation, accepts as a block.
import * as assert from "assert";
import { contains, mustParseCidr, overlaps, parseCidr, within } from "../lib/cidr";

describe("CIDR parsing (lib/cidr.ts)", () => {
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

    it("contains refuses an address with a leading zero instead of reading it as octal", () => {
        assert.strictEqual(contains("10.0.0.0/16", "10.0.0.8"), true);
        assert.throws(() => contains("8.0.0.0/8", "010.0.0.8"), /is not an IPv4 CIDR block/);
    });
});

// Containment both ways, as properties (fast-check), IPv4 and IPv6: a block is accepted where a
// block that contains it is registered, never the other way round. Equal or disjoint blocks (what
// the other tests use) cannot tell `within(inner, outer)` from `within(outer, inner)`; a strictly
// nested pair can. Held on the math (lib/net/cidr.ts, lib/net/ipv6.ts) and on every place the
// program accepts a spoke's or on-prem's block with it: the spoke against the hub's registry
// (lib/checks/crossStack.ts), the config readers (on-prem DNS servers, on-prem summaries, Resolver
// addresses, IPv6 overlaps) and the security groups the path checks read (lib/checks/network.ts).
import * as assert from "assert";
import * as fc from "fast-check";
import { SpokeConfig, parseStackConfig } from "../lib/config";
import { checkSpokeAgainstHub, HubView } from "../lib/checks/crossStack";
import { Network } from "../lib/checks/network";
import { contains, overlaps, within } from "../lib/net/cidr";
import { contains6, overlaps6, within6 } from "../lib/net/ipv6";
import { plan } from "./fixtures/plans";

const RUNS = { numRuns: 150 };

// ---------------------------------------------------------------------------------------
// Blocks

const v4 = (n: number) => [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join(".");
const mask4 = (n: number, p: number) => p === 0 ? 0 : Math.floor(n / 2 ** (32 - p)) * 2 ** (32 - p);

/** An IPv4 block and a strictly smaller block inside it, and an address of the outer block outside the inner one. */
const nested4 = fc.record({ addr: fc.integer({ min: 0, max: 2 ** 32 - 1 }), outer: fc.integer({ min: 8, max: 28 }), extra: fc.integer({ min: 1, max: 4 }), pick: fc.integer({ min: 0, max: 2 ** 32 - 1 }) })
    .map(({ addr, outer, extra, pick }) => {
        const inner = outer + extra;
        const outerNet = mask4(addr, outer);
        const innerNet = mask4(addr, inner);
        // An address of the outer block the inner one does not hold: in the next inner-sized
        // block, or in the first one when the inner block is the outer's last.
        const size = 2 ** (32 - inner);
        const outside = innerNet + size < outerNet + 2 ** (32 - outer) ? innerNet + size : outerNet;
        return {
            outer: `${v4(outerNet)}/${outer}`, inner: `${v4(innerNet)}/${inner}`,
            insideIp: v4(innerNet + (pick % size)), outsideIp: v4(outside + (pick % size)),
        };
    });

const hex = (n: bigint) => {
    const groups: string[] = [];
    for (let i = 7; i >= 0; i--) groups.push(((n >> BigInt(16 * i)) & 0xffffn).toString(16));
    return groups.join(":");
};
const mask6 = (n: bigint, p: number) => (n >> BigInt(128 - p)) << BigInt(128 - p);

/** The same for IPv6 (prefixes AWS hands out or users register: /32 to /64, nested up to 16 bits). */
const nested6 = fc.record({ addr: fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }), outer: fc.integer({ min: 32, max: 60 }), extra: fc.integer({ min: 1, max: 16 }), pick: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) })
    .map(({ addr, outer, extra, pick }) => {
        const inner = Math.min(outer + extra, 64);
        const outerNet = mask6(addr, outer);
        const innerNet = mask6(addr, inner);
        const size = 1n << BigInt(128 - inner);
        const outside = innerNet + size < outerNet + (1n << BigInt(128 - outer)) ? innerNet + size : outerNet;
        return {
            outer: `${hex(outerNet)}/${outer}`, inner: `${hex(innerNet)}/${inner}`,
            insideIp: hex(innerNet + (pick % size)), outsideIp: hex(outside + (pick % size)),
        };
    });

describe("containment both ways (fast-check): a smaller block is within a larger one, never the reverse", () => {
    it("IPv4 within(): the inner block is within the outer one, the outer never within the inner; both overlap", () => {
        fc.assert(fc.property(nested4, b => {
            assert.ok(within(b.inner, b.outer), `${b.inner} within ${b.outer}`);
            assert.ok(!within(b.outer, b.inner), `${b.outer} is not within ${b.inner}`);
            assert.ok(overlaps(b.inner, b.outer) && overlaps(b.outer, b.inner));
            assert.ok(within(b.inner, b.inner) && within(b.outer, b.outer));
        }), RUNS);
    });

    it("IPv4 contains(): every address of the inner block is in both, an address of the outer block outside the inner one only in the outer", () => {
        fc.assert(fc.property(nested4, b => {
            assert.ok(contains(b.inner, b.insideIp) && contains(b.outer, b.insideIp));
            assert.ok(contains(b.outer, b.outsideIp), `${b.outsideIp} in ${b.outer}`);
            assert.ok(!contains(b.inner, b.outsideIp), `${b.outsideIp} not in ${b.inner}`);
        }), RUNS);
    });

    it("IPv6 within6(): the inner block is within the outer one, the outer never within the inner; both overlap", () => {
        fc.assert(fc.property(nested6, b => {
            assert.ok(within6(b.inner, b.outer), `${b.inner} within ${b.outer}`);
            assert.ok(!within6(b.outer, b.inner), `${b.outer} is not within ${b.inner}`);
            assert.ok(overlaps6(b.inner, b.outer) && overlaps6(b.outer, b.inner));
        }), RUNS);
    });

    it("IPv6 contains6(): every address of the inner block is in both, one outside it only in the outer", () => {
        fc.assert(fc.property(nested6, b => {
            assert.ok(contains6(b.inner, b.insideIp) && contains6(b.outer, b.insideIp));
            assert.ok(contains6(b.outer, b.outsideIp), `${b.outsideIp} in ${b.outer}`);
            assert.ok(!contains6(b.inner, b.outsideIp), `${b.outsideIp} not in ${b.inner}`);
        }), RUNS);
    });
});

// ---------------------------------------------------------------------------------------
// Where the program accepts a block

const HUB_VPC = "10.0.0.0/16";

function spokeConfig(ipv6Cidr: string): SpokeConfig {
    const r = parseStackConfig("app", {
        "aws:region": "ap-northeast-1", "vpce-hub:role": "spoke", "vpce-hub:accountId": "111111111111", "vpce-hub:hubStack": "acme/vpce-hub/shared",
        "vpce-hub:vpc": { id: "vpc-0aaaaaaaaaaaaaaaa", cidr: "10.1.0.0/16", subnetIds: ["subnet-0a", "subnet-0b"], routeTableIds: ["rtb-0a"], ipv6Cidr },
    });
    assert.deepStrictEqual(r.errors, []);
    return r.config as SpokeConfig;
}

function hubView(registered: string): HubView {
    return {
        accountId: "123456789012", region: "ap-northeast-1", vpcCidr: HUB_VPC,
        spokes: { app: { accountId: "111111111111", vpcId: "vpc-0aaaaaaaaaaaaaaaa", cidr: "10.1.0.0/16", connectivity: "peering", authorizedZoneIds: [], ipv6Cidrs: [registered] } },
    } as unknown as HubView;
}

/** A hub's raw config: the example's VPC and one spoke, with `extra` keys over it. */
function hubRaw(extra: Record<string, unknown>): Record<string, unknown> {
    return {
        "aws:region": "ap-northeast-1", "vpce-hub:role": "hub", "vpce-hub:accountId": "123456789012",
        "vpce-hub:vpc": { id: "vpc-0123456789abcdef0", cidr: HUB_VPC, subnetIds: ["subnet-01", "subnet-02"], routeTableIds: ["rtb-01"] },
        "vpce-hub:services": ["sqs"],
        "vpce-hub:spokes": [{ name: "app", accountId: "111111111111", vpcId: "vpc-0aaaaaaaaaaaaaaaa", cidr: "10.1.0.0/16", connectivity: "peering" }],
        ...extra,
    };
}

const errorsAt = (raw: Record<string, unknown>, key: RegExp) => parseStackConfig("shared", raw).errors.filter(e => key.test(e.key));

/** Nested on-prem blocks away from the hub and spoke VPCs (inside 192.168.0.0/16 or 172.16.0.0/16). */
const onPrem4 = fc.record({ base: fc.constantFrom(0xc0a80000, 0xac100000), addr: fc.integer({ min: 0, max: 2 ** 16 - 1 }), outer: fc.integer({ min: 16, max: 26 }), extra: fc.integer({ min: 1, max: 4 }) })
    .map(({ base, addr, outer, extra }) => {
        const n = base + addr;
        return { outer: `${v4(mask4(n, outer))}/${outer}`, inner: `${v4(mask4(n, outer + extra))}/${outer + extra}` };
    });

describe("every place the program accepts a block accepts the smaller inside the larger registered one, never the reverse (fast-check)", () => {
    it("a spoke's IPv6 block inside the block the hub registered for it is accepted; a larger one around it is refused (lib/checks/crossStack.ts)", () => {
        fc.assert(fc.property(nested6, b => {
            assert.deepStrictEqual(checkSpokeAgainstHub(spokeConfig(b.inner), hubView(b.outer)), []);
            assert.deepStrictEqual(checkSpokeAgainstHub(spokeConfig(b.outer), hubView(b.outer)), []);
            const refused = checkSpokeAgainstHub(spokeConfig(b.outer), hubView(b.inner));
            assert.deepStrictEqual(refused.map(e => e.key), ["vpce-hub:vpc.ipv6Cidr"]);
            assert.match(refused[0].message, new RegExp(`registered ${b.inner.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
        }), { numRuns: 60 });
    });

    it("on-prem DNS servers inside onPrem.cidrs are accepted; a block around an on-prem network is refused (lib/config/onPrem.ts)", () => {
        fc.assert(fc.property(onPrem4, b => {
            const at = (cidrs: string[], dns: string[]) => errorsAt(hubRaw({ "vpce-hub:onPrem": { cidrs, dnsServerCidrs: dns, vpnGatewayId: "vgw-0123456789abcdef0" } }), /dnsServerCidrs/);
            assert.deepStrictEqual(at([b.outer], [b.inner]), []);
            assert.deepStrictEqual(at([b.inner], [b.outer]).map(e => e.key), ["vpce-hub:onPrem.dnsServerCidrs[0]"]);
        }), { numRuns: 60 });
    });

    it("an on-prem summary around a VPC is allowed (longest prefix wins); a VPC around an on-prem network is refused as an overlap (lib/config/stack.ts)", () => {
        fc.assert(fc.property(nested4.filter(b => !overlaps(b.outer, HUB_VPC) && !overlaps(b.outer, "10.1.0.0/16") && Number(b.inner.split("/")[1]) <= 28), b => {
            const spokes = (cidr: string) => [{ name: "app", accountId: "111111111111", vpcId: "vpc-0aaaaaaaaaaaaaaaa", cidr, connectivity: "peering" }];
            const onPrem = (cidr: string) => ({ cidrs: [cidr], vpnGatewayId: "vgw-0123456789abcdef0" });
            // The spoke's VPC inside the on-prem summary: allowed.
            assert.deepStrictEqual(parseStackConfig("shared", hubRaw({ "vpce-hub:spokes": spokes(b.inner), "vpce-hub:onPrem": onPrem(b.outer) })).errors, []);
            // The spoke's VPC around the on-prem network: refused.
            const errors = parseStackConfig("shared", hubRaw({ "vpce-hub:spokes": spokes(b.outer), "vpce-hub:onPrem": onPrem(b.inner) })).errors;
            assert.ok(errors.some(e => /overlaps/.test(e.message)), JSON.stringify(errors));
        }), { numRuns: 60 });
    });

    it("a pinned Resolver address inside the hub VPC is accepted, one outside it refused (lib/config/stack.ts)", () => {
        fc.assert(fc.property(fc.integer({ min: 4, max: 2 ** 16 - 2 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (offset, elsewhere) => {
            const inside = v4(mask4(0x0a000000, 16) + offset);
            const outside = v4(contains(HUB_VPC, v4(elsewhere)) ? 0x0b000000 + offset : elsewhere);
            const at = (ip: string) => errorsAt(hubRaw({
                "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", resolverAddresses: [{ subnetId: "subnet-01", ip }, { subnetId: "subnet-02", ip: "10.0.255.10" }] },
            }), /resolverAddresses\[0\]\.ip/);
            assert.deepStrictEqual(at(inside), []);
            assert.strictEqual(at(outside).length, 1, outside);
        }), { numRuns: 60 });
    });

    it("IPv6 blocks of the hub, spokes and on-prem that nest are refused as overlaps, whichever is the larger (lib/config/dualStack.ts)", () => {
        fc.assert(fc.property(nested6, b => {
            for (const [spoke, onPrem] of [[b.inner, b.outer], [b.outer, b.inner]]) {
                const errors = parseStackConfig("shared", hubRaw({
                    "vpce-hub:ipAddressType": "dualstack",
                    "vpce-hub:spokes": [{ name: "app", accountId: "111111111111", vpcId: "vpc-0aaaaaaaaaaaaaaaa", cidr: "10.1.0.0/16", connectivity: "peering", ipv6Cidrs: [spoke] }],
                    "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0123456789abcdef0", ipv6Cidrs: [onPrem] },
                })).errors;
                assert.deepStrictEqual(errors.filter(e => /overlaps/.test(e.message)).map(e => e.key), ["vpce-hub:onPrem.ipv6Cidrs[0]"], JSON.stringify(errors));
            }
        }), { numRuns: 40 });
    });

    it("a security group admits a source inside a rule's block and never a source around it, IPv4 and IPv6, and through a prefix list (lib/checks/network.ts)", () => {
        const net = new Network(plan({ services: 1 }), {});
        fc.assert(fc.property(nested4, nested6, (b, b6) => {
            net.sgs.set("sg-small", { name: "small", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [b.inner], ipv6CidrBlocks: [b6.inner] }] as any });
            net.sgs.set("sg-large", { name: "large", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: [b.outer], ipv6CidrBlocks: [b6.outer] }] as any });
            net.prefixLists.set("pl-small", { name: "small", maxEntries: 1, cidrs: [b.inner] });
            net.sgs.set("sg-list", { name: "list", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-small"] }] as any });
            assert.strictEqual(net.sgAdmits(["sg-large"], b.inner, "tcp", 443), "sg-large");
            assert.strictEqual(net.sgAdmits(["sg-small"], b.outer, "tcp", 443), undefined);
            assert.strictEqual(net.sgAdmits(["sg-list"], b.inner, "tcp", 443), "sg-list");
            assert.strictEqual(net.sgAdmits(["sg-list"], b.outer, "tcp", 443), undefined);
            assert.strictEqual(net.sgAdmits6(["sg-large"], b6.inner, "tcp", 443), "sg-large");
            assert.strictEqual(net.sgAdmits6(["sg-small"], b6.outer, "tcp", 443), undefined);
        }), RUNS);
    });
});

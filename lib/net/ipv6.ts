// IPv6 CIDR math for dual-stack hubs, on ipaddr.js: parsing with a useful error, containment,
// overlap, and the /64 subnets and addresses the simulated cloud hands out.
import * as ipaddr from "ipaddr.js";

const toBig = (a: ipaddr.IPv6) => a.toByteArray().reduce((n, b) => (n << 8n) | BigInt(b), 0n);
const fromBig = (n: bigint) => {
    const bytes: number[] = [];
    for (let i = 0; i < 16; i++) { bytes.unshift(Number(n & 0xffn)); n >>= 8n; }
    return ipaddr.fromByteArray(bytes) as ipaddr.IPv6;
};

export interface Cidr6 {
    readonly first: bigint;
    readonly prefix: number;
}

/** Parses an IPv6 CIDR block; an error sentence for anything else or host bits set. */
export function parseCidr6(text: string): Cidr6 | string {
    const bad = `"${text}" is not an IPv6 CIDR block such as 2600:1f18:abcd:1200::/56`;
    if (typeof text !== "string" || !text.includes(":") || !/\/\d{1,3}$/.test(text)) return bad;
    let addr: ipaddr.IPv6, prefix: number;
    try {
        [addr, prefix] = ipaddr.IPv6.parseCIDR(text) as [ipaddr.IPv6, number];
    } catch {
        return bad;
    }
    if (addr.zoneId) return bad;
    const network = ipaddr.IPv6.networkAddressFromCIDR(text);
    if (toBig(addr) !== toBig(network)) return `"${text}" has host bits set: did you mean ${network.toString()}/${prefix}?`;
    return { first: toBig(network), prefix };
}

function must(text: string): Cidr6 {
    const c = parseCidr6(text);
    if (typeof c === "string") throw new Error(c);
    return c;
}

const size = (c: Cidr6) => 1n << BigInt(128 - c.prefix);

export function overlaps6(a: string, b: string): boolean {
    const x = must(a), y = must(b);
    return x.first < y.first + size(y) && y.first < x.first + size(x);
}

/** True when block `inner` lies entirely within `outer`. */
export function within6(inner: string, outer: string): boolean {
    const i = must(inner), o = must(outer);
    return i.prefix >= o.prefix && i.first >= o.first && i.first + size(i) <= o.first + size(o);
}

/** True when the blocks together hold every IPv6 address (::/0, or halves and quarters of it). */
export function coversEveryAddress6(cidrs: readonly string[]): boolean {
    const ranges = cidrs.map(must).map(c => ({ start: c.first, end: c.first + size(c) }))
        .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    let reached = 0n;
    for (const r of ranges) {
        if (r.start > reached) return false;
        if (r.end > reached) reached = r.end;
    }
    return reached === 1n << 128n;
}

export function isIpv6(text: string): boolean {
    return typeof text === "string" && text.includes(":") && ipaddr.IPv6.isValid(text);
}

export function contains6(cidr: string, ip: string): boolean {
    return isIpv6(ip) && within6(`${ip}/128`, cidr);
}

/** The i-th block of `prefix` bits inside `cidr` (AWS gives each subnet a /64 of the VPC's block). */
export function subnet6At(cidr: string, prefix: number, i: number): string {
    const c = must(cidr);
    if (prefix < c.prefix || BigInt(i) >= 1n << BigInt(prefix - c.prefix)) throw new Error(`${cidr} has no ${i}-th /${prefix}`);
    return `${fromBig(c.first + BigInt(i) * (1n << BigInt(128 - prefix))).toString()}/${prefix}`;
}

/** The address at `offset` in `cidr`. */
export function host6At(cidr: string, offset: bigint): string {
    return fromBig(must(cidr).first + offset).toString();
}

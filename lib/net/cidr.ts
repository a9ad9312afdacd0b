// CIDR math on top of ipaddr.js: parsing with a useful error, containment, overlap and
// address arithmetic for the simulated cloud.
import * as ipaddr from "ipaddr.js";

export interface Cidr {
    readonly text: string;
    readonly network: ipaddr.IPv4;
    readonly prefix: number;
}

const parsed = new Map<string, Cidr | string>();

// ipaddr.js also accepts the legacy forms "10.0.0/16" (three parts), "010.0.0.0/16" (octal:
// 8.0.0.0) and hex; AWS and every reader of the config mean dotted decimal.
const OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
const DOTTED_CIDR = new RegExp(`^${OCTET}(\\.${OCTET}){3}/(3[0-2]|[12]?\\d)$`);

/**
 * Parses an IPv4 CIDR in strict dotted-decimal form. Returns an error sentence for malformed
 * input or host bits set.
 */
export function parseCidr(text: string): Cidr | string {
    // Path checks ask about the same few blocks thousands of times.
    let c = parsed.get(text);
    if (c === undefined) {
        c = parseUncached(text);
        if (parsed.size < 100_000) parsed.set(text, c);
    }
    return c;
}

function parseUncached(text: string): Cidr | string {
    if (typeof text !== "string" || !DOTTED_CIDR.test(text)) {
        return `"${text}" is not an IPv4 CIDR block such as 10.0.0.0/16 (four decimal numbers without leading zeros, then /prefix)`;
    }
    const [addr, prefix] = ipaddr.IPv4.parseCIDR(text);
    const network = ipaddr.IPv4.networkAddressFromCIDR(text);
    if (addr.toString() !== network.toString()) {
        return `"${text}" has host bits set: did you mean ${network.toString()}/${prefix}?`;
    }
    return { text, network, prefix };
}

export function mustParseCidr(text: string): Cidr {
    const c = parseCidr(text);
    if (typeof c === "string") throw new Error(c);
    return c;
}

export function isIpv4(text: string): boolean {
    return typeof text === "string" && ipaddr.IPv4.isValidFourPartDecimal(text);
}

export function contains(cidr: string, ip: string): boolean {
    return within(`${ip}/32`, cidr);
}

/** True when the two blocks share at least one address. */
export function overlaps(a: string, b: string): boolean {
    const ca = mustParseCidr(a);
    const cb = mustParseCidr(b);
    return ca.network.match(cb.network, cb.prefix) || cb.network.match(ca.network, ca.prefix);
}

/** True when `inner` lies entirely inside `outer`. */
export function within(inner: string, outer: string): boolean {
    const ci = mustParseCidr(inner);
    const co = mustParseCidr(outer);
    return ci.prefix >= co.prefix && ci.network.match(co.network, co.prefix);
}

function toInt(ip: ipaddr.IPv4): number {
    return ip.octets.reduce((n, o) => n * 256 + o, 0);
}

function fromInt(n: number): string {
    return [24, 16, 8, 0].map(s => Math.floor(n / 2 ** s) % 256).join(".");
}

/** The `index`-th block of size /newPrefix inside `cidr` (subnet carving). */
export function subnetAt(cidr: string, newPrefix: number, index: number): string {
    const c = mustParseCidr(cidr);
    const size = 2 ** (32 - newPrefix);
    const base = toInt(c.network) + index * size;
    const end = toInt(c.network) + 2 ** (32 - c.prefix);
    if (newPrefix < c.prefix || base + size > end) {
        throw new Error(`${cidr} has no room for block ${index} of size /${newPrefix}`);
    }
    return `${fromInt(base)}/${newPrefix}`;
}

/** The `offset`-th address of a block (AWS reserves the first four). */
export function hostAt(cidr: string, offset: number): string {
    const c = mustParseCidr(cidr);
    const size = 2 ** (32 - c.prefix);
    if (offset < 0 || offset >= size - 1) throw new Error(`${cidr} has no host at offset ${offset}`);
    return fromInt(toInt(c.network) + offset);
}

// ---------------------------------------------------------------------------------------
// Exact aggregation: the fewest CIDR blocks whose union is exactly the union of the given ones.

/** First address and size of a block, as bigints (IPv4 today; the arithmetic is width-free). */
function bigRange(cidr: string): { start: bigint; end: bigint } {
    const c = mustParseCidr(cidr);
    const start = c.network.octets.reduce((n, o) => n * 256n + BigInt(o), 0n);
    return { start, end: start + (1n << BigInt(32 - c.prefix)) - 1n };
}

function bigToIpv4(n: bigint): string {
    return [24n, 16n, 8n, 0n].map(s => String((n >> s) & 255n)).join(".");
}

/**
 * Rewrites blocks to the fewest CIDR blocks covering exactly the same addresses: contained
 * blocks disappear into their container, adjacent blocks that together form a block merge,
 * and nothing outside the given blocks is ever covered. Sorted by address. Minimal because
 * the union is first cut into maximal runs of addresses (a block never spans a gap), and each
 * run is split greedily into the largest aligned blocks, which no other split of a run beats.
 */
export function aggregateCidrs(cidrs: readonly string[]): string[] {
    return mergeRuns(cidrs.map(bigRange)).flatMap(({ start, end }) => splitRun(start, end));
}

/**
 * The subnets of a VPC the hub creates: one isolated subnet per AZ, /24 where the VPC has room
 * (else the largest that fits), at the start of the AZ's equal share of the VPC. This is the
 * layout awsx.ec2.Vpc gave (subnetStrategy "Auto": AZ blocks of the VPC's prefix plus
 * ceil(log2(AZs)) bits, each subnet at its block's base), kept so that hubs it created keep
 * their subnets: 10.0.0.0/16 in two AZs is 10.0.0.0/24 and 10.0.128.0/24.
 */
export function isolatedSubnetLayout(vpcCidr: string, azCount: number): string[] {
    const azPrefix = mustParseCidr(vpcCidr).prefix + Math.ceil(Math.log2(azCount));
    const subnetPrefix = Math.max(24, azPrefix);
    return Array.from({ length: azCount }, (_, i) => `${subnetAt(vpcCidr, azPrefix, i).split("/")[0]}/${subnetPrefix}`);
}

/** True when the blocks together hold every IPv4 address (0.0.0.0/0, or halves and quarters of it). */
export function coversEveryAddress(cidrs: readonly string[]): boolean {
    return aggregateCidrs(cidrs).includes("0.0.0.0/0");
}

/** The maximal runs of consecutive addresses the ranges cover, in order. */
function mergeRuns(ranges: { start: bigint; end: bigint }[]): { start: bigint; end: bigint }[] {
    const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const runs: { start: bigint; end: bigint }[] = [];
    for (const r of sorted) {
        const last = runs[runs.length - 1];
        if (last && r.start <= last.end + 1n) {
            if (r.end > last.end) last.end = r.end;
        } else {
            runs.push({ ...r });
        }
    }
    return runs;
}

/** A run of addresses as the fewest aligned blocks: from its start, always the largest that fits. */
function splitRun(start: bigint, end: bigint): string[] {
    const out: string[] = [];
    let at = start;
    while (at <= end) {
        let bits = 0n;
        // Grow the block while it stays aligned at `at` and inside the run.
        while (bits < 32n && at % (1n << (bits + 1n)) === 0n && at + (1n << (bits + 1n)) - 1n <= end) bits++;
        out.push(`${bigToIpv4(at)}/${32n - bits}`);
        at += 1n << bits;
    }
    return out;
}

/**
 * Aggregates labelled blocks (who each block is for) and keeps, for every resulting block,
 * the labels of the blocks it absorbed, in input order, so a merged rule still says whom it admits.
 */
export function aggregateLabelled<L>(items: readonly { readonly cidr: string; readonly label: L }[]): { cidr: string; labels: L[] }[] {
    const blocks = aggregateCidrs(items.map(i => i.cidr)).map(cidr => ({ cidr, ...bigRange(cidr), labels: [] as L[] }));
    for (const item of items) {
        const r = bigRange(item.cidr);
        // Blocks are sorted and disjoint: binary search the first that ends at or after the item.
        let lo = 0;
        let hi = blocks.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (blocks[mid].end < r.start) lo = mid + 1; else hi = mid;
        }
        for (let i = lo; i < blocks.length && blocks[i].start <= r.end; i++) {
            if (!blocks[i].labels.includes(item.label)) blocks[i].labels.push(item.label);
        }
    }
    return blocks.map(b => ({ cidr: b.cidr, labels: b.labels }));
}

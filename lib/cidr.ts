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

/** Longest-prefix match: the entry whose CIDR holds `ip` with the longest prefix. */
export function longestMatch<T>(ip: string, entries: readonly T[], cidrOf: (t: T) => string): T | undefined {
    let best: T | undefined;
    let bestPrefix = -1;
    const addr = mustParseCidr(`${ip}/32`).network;
    for (const e of entries) {
        const c = parseCidr(cidrOf(e));
        if (typeof c === "string") continue;
        if (addr.match(c.network, c.prefix) && c.prefix > bestPrefix) {
            best = e;
            bestPrefix = c.prefix;
        }
    }
    return best;
}

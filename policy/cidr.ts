// Whether a set of CIDR blocks together covers every address of its family: 0.0.0.0/1 plus
// 128.0.0.0/1 admit the world as surely as 0.0.0.0/0 does. Self-contained (the pack imports
// nothing of the program it judges).

interface Range { readonly start: bigint; readonly end: bigint }

const V4_BITS = 32;
const V6_BITS = 128;

function parseV4(addr: string): bigint | undefined {
    const parts = addr.split(".");
    if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
    return parts.reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n);
}

function parseV6(addr: string): bigint | undefined {
    const [head, tail, ...rest] = addr.split("::");
    if (rest.length) return undefined;
    const groups = (s: string | undefined) => (s ? s.split(":") : []);
    const h = groups(head), t = groups(tail);
    const missing = 8 - h.length - t.length;
    if (tail === undefined ? missing !== 0 : missing < 1) return undefined;
    const all = [...h, ...Array(tail === undefined ? 0 : missing).fill("0"), ...t];
    if (!all.every(g => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
    return all.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
}

/** A CIDR's family and address range; undefined when it is not a CIDR. */
export function cidrRange(cidr: string): { family: 4 | 6; range: Range } | undefined {
    const m = /^\s*([^/\s]+)\/(\d{1,3})\s*$/.exec(cidr);
    if (!m) return undefined;
    const family = m[1].includes(":") ? 6 : 4;
    const bits = family === 4 ? V4_BITS : V6_BITS;
    const prefix = Number(m[2]);
    const addr = family === 4 ? parseV4(m[1]) : parseV6(m[1]);
    if (addr === undefined || prefix > bits) return undefined;
    const size = 1n << BigInt(bits - prefix);
    // AWS takes the network of the block (host bits ignored): 10.0.0.0/0 is the world too.
    const start = (addr / size) * size;
    return { family, range: { start, end: start + size - 1n } };
}

/**
 * The families (4, 6) whose whole address space the blocks cover together, e.g. `[4]` for
 * 0.0.0.0/1 and 128.0.0.0/1. Text that is not a CIDR is ignored.
 */
export function worldCoveredFamilies(cidrs: readonly unknown[]): (4 | 6)[] {
    const out: (4 | 6)[] = [];
    for (const family of [4, 6] as const) {
        const ranges = cidrs.filter((c): c is string => typeof c === "string").map(cidrRange)
            .filter((r): r is { family: 4 | 6; range: Range } => r?.family === family).map(r => r.range)
            .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
        let next = 0n;
        for (const r of ranges) {
            if (r.start > next) break;
            if (r.end + 1n > next) next = r.end + 1n;
        }
        if (ranges.length && next === 1n << BigInt(family === 4 ? V4_BITS : V6_BITS)) out.push(family);
    }
    return out;
}

/** A single CIDR that matches every address of its family (prefix 0, whatever its address part says). */
export function isWorldOpen(cidr: unknown): boolean {
    return typeof cidr === "string" && worldCoveredFamilies([cidr]).length > 0;
}

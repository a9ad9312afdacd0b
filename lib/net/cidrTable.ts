// A routing table of IPv4 blocks: longest-prefix match, and the entries that overlap, cover
// or lie inside a block, each in time that depends on the answer and the 33 prefix lengths,
// not on how many entries the table holds. Path checks ask such questions of hub route
// tables and Transit Gateway tables with one entry per spoke, once per spoke: a linear scan
// would make the plan grow with the square of the fleet.
import { mustParseCidr, parseCidr } from "./cidr";

/** Counts the entries and index probes a query examined: the work, independent of timing. */
export interface WorkCounter { comparisons: number }

/** First and last address of a block, as unsigned 32-bit integers. */
export function rangeOf(cidr: string): { start: number; end: number; prefix: number } {
    const c = mustParseCidr(cidr);
    const start = c.network.octets.reduce((n, o) => n * 256 + o, 0);
    return { start, end: start + 2 ** (32 - c.prefix) - 1, prefix: c.prefix };
}

interface Entry<T> { readonly start: number; readonly end: number; readonly prefix: number; readonly value: T }

export class CidrTable<T> {
    /** Per prefix length: network address -> the entries with that block (several may share one). */
    private readonly exact = new Map<number, Map<number, Entry<T>[]>>();
    /** Per prefix length: entries sorted by network address, for "inside a block" ranges. */
    private sorted = new Map<number, Entry<T>[]>();
    private dirty = false;
    /** Prefix lengths present, longest first. */
    private prefixes: number[] = [];
    size = 0;

    constructor(entries: Iterable<T> = [], private readonly cidrOf: (t: T) => string | undefined = String) {
        for (const e of entries) this.add(e);
    }

    /** Adds an entry; one whose block is not an IPv4 CIDR is ignored, as no address matches it. */
    add(value: T): void {
        const text = this.cidrOf(value);
        if (text === undefined || typeof parseCidr(text) === "string") return;
        const r = rangeOf(text);
        const entry: Entry<T> = { ...r, value };
        let byStart = this.exact.get(r.prefix);
        if (!byStart) {
            this.exact.set(r.prefix, byStart = new Map());
            this.prefixes = [...this.exact.keys()].sort((a, b) => b - a);
        }
        const same = byStart.get(r.start);
        if (same) same.push(entry); else byStart.set(r.start, [entry]);
        this.dirty = true;
        this.size++;
    }

    private sortedByPrefix(): Map<number, Entry<T>[]> {
        if (this.dirty) {
            this.sorted = new Map([...this.exact].map(([p, m]) => [p, [...m.values()].flat().sort((a, b) => a.start - b.start)]));
            this.dirty = false;
        }
        return this.sorted;
    }

    /** Entries whose block holds all of [start, end], longest prefix first (at most one block per prefix length). */
    private containing(start: number, end: number, work?: WorkCounter): Entry<T>[][] {
        const out: Entry<T>[][] = [];
        for (const p of this.prefixes) {
            if (work) work.comparisons++;
            const size = 2 ** (32 - p);
            const network = start - (start % size);
            if (network + size - 1 < end) continue;
            const hit = this.exact.get(p)!.get(network);
            if (hit) out.push(hit);
        }
        return out;
    }

    /** The entry (first added of the longest prefix) whose block holds `ip`. */
    longestMatch(ip: string, work?: WorkCounter): T | undefined {
        const { start } = rangeOf(`${ip}/32`);
        return this.containing(start, start, work)[0]?.[0]?.value;
    }

    /** The entry with the longest prefix whose block holds all of `cidr`. */
    longestCovering(cidr: string, work?: WorkCounter): T | undefined {
        const r = rangeOf(cidr);
        return this.containing(r.start, r.end, work)[0]?.[0]?.value;
    }

    /** Every entry whose block lies inside `cidr` (the block itself included). */
    inside(cidr: string, work?: WorkCounter): T[] {
        const r = rangeOf(cidr);
        const out: T[] = [];
        for (const [p, list] of this.sortedByPrefix()) {
            if (p < r.prefix) continue;
            // Binary search for the first entry starting at or after the block.
            let lo = 0;
            let hi = list.length;
            while (lo < hi) {
                if (work) work.comparisons++;
                const mid = (lo + hi) >> 1;
                if (list[mid].start < r.start) lo = mid + 1; else hi = mid;
            }
            for (let i = lo; i < list.length && list[i].start <= r.end; i++) {
                if (work) work.comparisons++;
                out.push(list[i].value);
            }
        }
        return out;
    }

    /** Every entry sharing at least one address with `cidr`: those covering it and those inside it. */
    overlapping(cidr: string, work?: WorkCounter): T[] {
        const r = rangeOf(cidr);
        const covering = this.containing(r.start, r.end, work).flat().filter(e => e.prefix < r.prefix).map(e => e.value);
        return [...covering, ...this.inside(cidr, work)];
    }

    /** Every entry. */
    values(): T[] {
        return [...this.sortedByPrefix().values()].flat().map(e => e.value);
    }
}

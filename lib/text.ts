// Words for people, shared by every part that writes a sentence (config errors, the plan, the
// change review): a list that stays one line at any fleet size, and counted nouns. Pure.

/** "a, b, c and 12 more": a list that stays one line at any fleet size. */
export function shortList(items: readonly string[], max = 5): string {
    if (items.length <= max) return items.join(", ");
    return `${items.slice(0, max).join(", ")} and ${items.length - max} more`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
    return `${n} ${n === 1 ? one : many}`;
}

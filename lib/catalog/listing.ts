// `npm run catalog`: the service catalog as a table, each row with its source. Pure: returns text.
import { CATALOG, fillRegion, resolveService } from "./lookup";

export interface CatalogLine {
    readonly service: string;
    readonly endpointService: string;
    /** Zone names, `*.` where the zone has a wildcard record too; refused rows have none. */
    readonly zones: string[];
    readonly ports: number[];
    readonly policy: boolean;
    readonly source: string;
    /** Why the service cannot be centralized, for refused rows. */
    readonly refused?: string;
    readonly warning?: string;
}

/** Every catalog row, sorted by service, for `region` (default: the `{region}` placeholder left in). */
export function catalogLines(region?: string): CatalogLine[] {
    return Object.keys(CATALOG).sort().map(service => {
        const row = CATALOG[service];
        if (row.refused) {
            return { service, endpointService: "", zones: [], ports: [], policy: false, source: row.source, refused: row.refused };
        }
        const r = resolveService({ name: service }, region ?? "{region}");
        if (typeof r === "string") throw new Error(`catalog row ${service}: ${r}`);
        const regional = Object.entries(row.regionZones ?? {})
            .flatMap(([reg, zs]) => region === undefined ? zs.map(z => `${z.wildcard ? "*." : ""}${fillRegion(z.name, reg)} (${reg} only)`) : []);
        return {
            service, endpointService: r.endpointService,
            zones: [...r.zones.map(z => `${z.wildcard ? "*." : ""}${z.name}`), ...regional],
            ports: [...r.ports], policy: r.supportsPolicy, source: row.source,
            ...(row.warning ? { warning: row.warning } : {}),
        };
    });
}

/** The table as text: one block per service (the sources are too long for columns). */
export function renderCatalog(lines: readonly CatalogLine[]): string {
    const out = [`vpce-hub service catalog: ${lines.length} services (zones with *. get an apex and a wildcard record)`, ""];
    for (const l of lines) {
        if (l.refused) {
            out.push(`${l.service}  REFUSED: ${l.refused}`, `  source: ${l.source}`, "");
            continue;
        }
        out.push(`${l.service}  ${l.endpointService}`);
        out.push(`  zones:  ${l.zones.join(", ")}`);
        out.push(`  ports:  ${l.ports.join(", ")}   endpoint policy: ${l.policy ? "yes" : "no"}`);
        if (l.warning) out.push(`  note:   ${l.warning}`);
        out.push(`  source: ${l.source}`, "");
    }
    return out.join("\n");
}

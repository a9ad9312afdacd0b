// `npm run catalog`: the service catalog as a table, each row with its source. Pure: returns text.
import { CATALOG, catalogEndpointService, defaultZoneName, fillRegion } from "./lookup";
import type { ZoneTemplate } from "./types";

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
    /** The only Regions AWS offers the service in (global services), when it is not every Region. */
    readonly regions?: string[];
    /** Where the zone names come from when they are the account's own (AWS IoT data, credentials). */
    readonly declareZones?: string;
}

const shown = (z: ZoneTemplate, region: string) => `${z.wildcard ? "*." : ""}${fillRegion(z.name, region)}`;

/** Every catalog row, sorted by service, for `region` (default: the `{region}` placeholder left in). */
export function catalogLines(region?: string): CatalogLine[] {
    return Object.keys(CATALOG).sort().map(service => {
        const row = CATALOG[service];
        // A service of one Region only (a global one) is shown as it is there.
        const r = region ?? row.regions?.[0] ?? "{region}";
        if (row.refused) {
            return { service, endpointService: "", zones: [], ports: [], policy: false, source: row.source, refused: row.refused };
        }
        const own = (row.zones ?? [{ name: defaultZoneName(service), wildcard: false }]).map(z => shown(z, r));
        // Zones of one region: marked with it when no region is asked for, else listed in that region only.
        const ofRegion = ([reg]: [string, unknown]) => region === undefined || reg === region;
        const regional = Object.entries(row.regionZones ?? {}).filter(ofRegion)
            .flatMap(([reg, zs]) => zs.map(z => region === undefined ? `${shown(z, reg)} (${reg} only)` : shown(z, reg)));
        const unlisted = Object.entries(row.unlistedZones ?? {}).filter(ofRegion)
            .flatMap(([reg, us]) => us.map(u => `${shown(u.zone, reg)} (${reg}, only if declared: not served by the endpoint)`));
        return {
            service, endpointService: catalogEndpointService(service, r),
            zones: [...own, ...regional, ...unlisted],
            ports: [...(row.ports ?? [443])], policy: row.policy ?? true, source: row.source,
            ...(row.warning ? { warning: fillRegion(row.warning, r) } : {}),
            ...(row.regions ? { regions: [...row.regions] } : {}),
            ...(row.declareZones ? { declareZones: fillRegion(row.declareZones, r) } : {}),
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
        out.push(`  zones:  ${l.declareZones ? `yours to declare (\`zones\`): ${l.declareZones}` : l.zones.join(", ")}`);
        if (l.regions) out.push(`  only in: ${l.regions.join(", ")}`);
        out.push(`  ports:  ${l.ports.join(", ")}   endpoint policy: ${l.policy ? "yes" : "no"}`);
        if (l.warning) out.push(`  note:   ${l.warning}`);
        out.push(`  source: ${l.source}`, "");
    }
    return out.join("\n");
}

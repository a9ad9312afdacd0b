// `vpce-hub:existingEndpoints`: what a member VPC ran before it joined the hub (its own interface
// endpoints, and private hosted zones for service names made by hand), and whether this member's
// `pulumi up` retires the endpoints (docs/adoption.md). Pure: no Pulumi import. What only AWS
// knows (that each one exists in this VPC, what it serves, what else the VPC holds) is checked at
// `pulumi up` (stacks/adoption.ts) and in the plan against the simulated cloud.
import { catalogPrivateDnsNames, fillRegion } from "../catalog/lookup";
import { zoneNameProblem } from "../forwarders";
import { SPOKE_SCHEMA, keysOf } from "./schema";
import { Reader, id, key } from "./reader";
import type { ExistingEndpoint, ExistingEndpoints, ExistingZone } from "./model";

const SERVICE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;
const ZONE_ID = /^Z[A-Z0-9]+$/;
export const EXISTING_KEY = key("existingEndpoints");

/**
 * Reads `vpce-hub:existingEndpoints` (already decoded from Pulumi's JSON text). Collects every
 * problem on `r`; undefined when the key is absent or wrong.
 */
export function readExistingEndpoints(r: Reader, v: unknown, region: string | undefined): ExistingEndpoints | undefined {
    if (v === undefined) return undefined;
    const k = EXISTING_KEY;
    const o = r.obj(k, v, keysOf(SPOKE_SCHEMA, "existingEndpoints"));
    if (!o) return undefined;
    const before = r.errors.length;
    const retire = o.retire === undefined ? false : r.bool(`${k}.retire`, o.retire) ?? false;
    const endpoints = readEndpoints(r, o.endpoints);
    const zones = readZones(r, o.zones, region);
    if (!endpoints.length && !zones.length && r.errors.length === before) {
        r.fail(k, "declares no endpoints and no zones: list what the member VPC runs for the hub's services, or remove the key");
    }
    // One VPC cannot hold a zone and an endpoint's private DNS of one name (ConflictingDomainExists).
    if (region) {
        for (const [i, e] of endpoints.entries()) {
            if (!e.privateDns) continue;
            const names = catalogPrivateDnsNames(e.service, region).map(n => n.name);
            const j = zones.findIndex(z => names.includes(z.name));
            if (j >= 0) {
                r.fail(`${k}.zones[${j}].name`, `${zones[j].name} is also a private DNS name of ${e.id} (${k}.endpoints[${i}], private DNS on): ` +
                    "AWS lets one VPC hold only one of them (ConflictingDomainExists); set privateDns: false on the endpoint if the zone answers that name, or remove the zone");
            }
        }
    }
    if (retire && zones.length) {
        r.fail(`${k}.zones`, `retire: true retires this member's endpoints; zones made by hand (${zones.map(z => `${z.name} ${z.id}`).join(", ")}) stay yours to delete: ` +
            "their records are not known to the stack, and a zone that still holds records cannot be deleted (HostedZoneNotEmpty). " +
            "In profile mode delete each zone once this member is associated with the hub's profile (the profile answers the moment it goes), " +
            "then remove it from this list and set retire: true (docs/adoption.md)");
    }
    return r.errors.length === before ? { retire, endpoints, zones } : undefined;
}

function readEndpoints(r: Reader, v: unknown): ExistingEndpoint[] {
    const k = `${EXISTING_KEY}.endpoints`;
    if (v === undefined) return [];
    const l = r.list(k, v, 0, { items: "{ service, id, privateDns } entries, one per endpoint" });
    if (!l) return [];
    const out: ExistingEndpoint[] = [];
    const byId = new Map<string, number>();
    const privateDnsOf = new Map<string, number>();
    l.forEach((entry, i) => {
        const ki = `${k}[${i}]`;
        const o = r.obj(ki, entry, keysOf(SPOKE_SCHEMA, "existingEndpoints", "endpoints"));
        if (!o) return;
        const service = r.str(`${ki}.service`, o.service, SERVICE_NAME, "a service name of the hub such as ssm or ecr.dkr");
        const endpointId = r.str(`${ki}.id`, o.id, id("vpce"), "an endpoint id (vpce-...)");
        const privateDns = o.privateDns === undefined ? true : r.bool(`${ki}.privateDns`, o.privateDns);
        if (endpointId !== undefined) {
            if (byId.has(endpointId)) r.fail(`${ki}.id`, `${endpointId} is already listed at ${k}[${byId.get(endpointId)}]`);
            byId.set(endpointId, i);
        }
        // EC2 turns private DNS on for one endpoint of a service per VPC: its names are taken after that.
        if (service !== undefined && privateDns === true) {
            const first = privateDnsOf.get(service);
            if (first !== undefined) {
                r.fail(`${ki}.privateDns`, `${k}[${first}] already answers ${service}'s names with private DNS: one VPC has private DNS on for one endpoint of a service ` +
                    "(AWS refuses a second: ConflictingDomainExists); set privateDns: false on the one whose private DNS is off");
            } else privateDnsOf.set(service, i);
        }
        if (service !== undefined && endpointId !== undefined && privateDns !== undefined) out.push({ service, id: endpointId, privateDns });
    });
    return out.length === l.length ? out : [];
}

function readZones(r: Reader, v: unknown, region: string | undefined): ExistingZone[] {
    const k = `${EXISTING_KEY}.zones`;
    if (v === undefined) return [];
    const l = r.list(k, v, 0, { items: "{ name, id } entries, one per zone" });
    if (!l) return [];
    const out: ExistingZone[] = [];
    const byName = new Map<string, number>();
    const byId = new Map<string, number>();
    l.forEach((entry, i) => {
        const ki = `${k}[${i}]`;
        const o = r.obj(ki, entry, keysOf(SPOKE_SCHEMA, "existingEndpoints", "zones"));
        if (!o) return;
        const raw = r.str(`${ki}.name`, o.name, undefined, "a zone name such as sqs.{region}.amazonaws.com");
        const name = raw === undefined ? undefined : fillRegion(raw.replace(/\.$/, "").toLowerCase(), region ?? "{region}");
        // A broader zone (amazonaws.com) loses to every service name: the most specific name answers.
        const problem = name === undefined ? undefined : name.split(".").length < 3
            ? `${name} is less specific than every service name a hub serves, so it shadows none of them (the most specific name answers): it needs no declaration`
            : zoneNameProblem(name);
        if (problem) r.fail(`${ki}.name`, problem);
        const zoneId = r.str(`${ki}.id`, o.id, ZONE_ID, "a hosted zone id (Z...)");
        if (name !== undefined && !problem) {
            if (byName.has(name)) r.fail(`${ki}.name`, `${name} is already listed at ${k}[${byName.get(name)}]: a VPC holds one zone of a name (ConflictingDomainExists)`);
            byName.set(name, i);
        }
        if (zoneId !== undefined) {
            if (byId.has(zoneId)) r.fail(`${ki}.id`, `${zoneId} is already listed at ${k}[${byId.get(zoneId)}]`);
            byId.set(zoneId, i);
        }
        if (name !== undefined && !problem && zoneId !== undefined) out.push({ name, id: zoneId });
    });
    return out.length === l.length ? out : [];
}

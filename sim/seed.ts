// What the plan puts into the simulated world before it runs a member: the endpoints and zones
// the member declares its VPC ran before the hub (vpce-hub:existingEndpoints), made as a person
// made them by hand: endpoints in one subnet per AZ of the member's subnets, with private DNS as
// declared; zones associated with the VPC, holding alias records (apex, and the wildcard where the
// hub's zone of that name has one) to the member's own declared endpoint of the zone's service.
// All of it is marked simulated wherever the plan shows it: the plan knows only the declaration.
import { catalogEndpointService, catalogPrivateDnsNames } from "../lib/catalog/lookup";
import { ConfigError, HubConfig, SpokeDeclaration, hubStackName } from "../lib/config";
import { EXISTING_KEY } from "../lib/config/existingEndpoints";
import { SimCloud } from "./cloud";
import { SimAwsError } from "./errors";
import { StandingRecord } from "./route53";

/** The note every seeded endpoint and zone carries. */
export function seededNote(member: string): string {
    return `simulated: seeded by the plan from ${member}'s ${EXISTING_KEY}`;
}

/**
 * Seeds the member's declared endpoints and zones once (a later run of the same world finds them,
 * or finds them deleted). Returns what AWS would refuse of the declaration, as config errors.
 */
export function seedExisting(sim: SimCloud, member: SpokeDeclaration, hub: HubConfig | undefined, accountId: string): ConfigError[] {
    const declared = member.existingEndpoints;
    if (!declared) return [];
    const errors: ConfigError[] = [];
    const vpc = seedMemberVpc(sim, member);
    if (!vpc) return [];
    const byAz = new Map<string, string>();
    for (const id of vpc.subnetIds) {
        const az = sim.subnets.get(id)?.availabilityZone ?? id;
        if (!byAz.has(az)) byAz.set(az, id);
    }
    const note = seededNote(member.stack);
    const serviceOf = (name: string) => hub?.services.find(s => s.name === name);
    const refused = (key: string, e: unknown) => {
        if (!(e instanceof SimAwsError)) throw e;
        errors.push({ stack: member.stack, key, message: `AWS would refuse what this declares: ${e.message}` });
    };
    declared.endpoints.forEach((e, i) => {
        try {
            sim.endpoints.seedEndpoint({
                id: e.id, vpcId: vpc.id, service: e.service, privateDns: e.privateDns, subnetIds: [...byAz.values()], ownerId: accountId, region: member.region,
                serviceName: serviceOf(e.service)?.endpointService ?? catalogEndpointService(e.service, member.region), simulated: note,
            });
        } catch (err) { refused(`${EXISTING_KEY}.endpoints[${i}]`, err); }
    });
    declared.zones.forEach((z, i) => {
        // The member's own endpoint of the service this name belongs to, if it declared one.
        const owner = declared.endpoints.find(e => (serviceOf(e.service)?.zones ?? catalogPrivateDnsNames(e.service, member.region)).some(n => n.name === z.name));
        const target = owner ? sim.endpoints.standing.get(owner.id)?.dnsEntries[0] : undefined;
        const wildcard = (owner && (serviceOf(owner.service)?.zones ?? catalogPrivateDnsNames(owner.service, member.region)).find(n => n.name === z.name)?.wildcard) ?? false;
        const records: StandingRecord[] = target ? [
            { name: z.name, type: "A", aliasTarget: target.dnsName, aliasZoneId: target.hostedZoneId },
            ...(wildcard ? [{ name: `*.${z.name}`, type: "A" as const, aliasTarget: target.dnsName, aliasZoneId: target.hostedZoneId }] : []),
        ] : [];
        try {
            sim.dns.seedZone({ zoneId: z.id, name: z.name, vpcId: vpc.id, ownerId: accountId, records, simulated: note });
        } catch (err) { refused(`${EXISTING_KEY}.zones[${i}]`, err); }
    });
    return errors;
}

/**
 * Puts a member's VPC into the simulated AWS before its program (or the plan's seeding of its own
 * endpoints) asks about it: as its file declares it, and what the file leaves out from the hub's
 * registry (the entry the hub exported for this stack); a VPC known only by its id and CIDR gets
 * subnets and route tables made up (sim/ec2.ts seedVpc). Undefined without a registry entry to
 * place it (the program then stops at its registry check, before it asks AWS anything);
 * `madeUp` says whether the simulation made anything up, for the plan to say so.
 */
export function seedMemberVpc(sim: SimCloud, member: SpokeDeclaration): { id: string; subnetIds: readonly string[]; madeUp: boolean } | undefined {
    const d = member.vpc;
    const entry = sim.stackOutputs.get(hubStackName(member.hubStack))?.spokes?.[member.stack] as { vpcId?: string; cidr?: string; ipv6Cidrs?: string[] } | undefined;
    const id = d.id ?? entry?.vpcId;
    const cidr = d.cidr ?? entry?.cidr;
    if (!id || !cidr) return undefined;
    if (d.subnetIds) {
        sim.registerVpc(id, cidr, d.subnetIds, member.region, d.routeTableIds ?? [], undefined, d.ipv6Cidr);
        return { id, subnetIds: d.subnetIds, madeUp: d.routeTableIds === undefined && !sim.ec2.mainRouteTables.has(id) };
    }
    const madeUp = sim.ec2.seedVpc(id, cidr, member.region, d.ipv6Cidr ?? entry?.ipv6Cidrs?.[0]);
    return { id, subnetIds: [...sim.subnets.values()].filter(s => s.vpcId === id).map(s => s.id), madeUp };
}

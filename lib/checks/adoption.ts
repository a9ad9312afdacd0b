// What a member decides at `pulumi up` about the endpoints and zones its VPC ran before the hub
// (vpce-hub:existingEndpoints, docs/adoption.md), from what AWS says about its VPC: what it
// declared must exist there and be what it says; what it did not declare must not shadow a hub
// name; in associations mode which hub zones it leaves out; with retire: true, which stage of the
// retirement this `pulumi up` is. Pure: stacks/adoption.ts asks AWS and builds the resources.
import { ConfigError, ExistingEndpoints, NS, SpokeConfig } from "../config";
import { EXISTING_KEY } from "../config/existingEndpoints";
import { HubOutputs } from "../model";
import { plural, shortList } from "../text";
import { ROUTE53_REQUESTS_PER_SECOND } from "./quotas";

/** An interface endpoint as the provider reads it (getVpcEndpoint). */
export interface EndpointFacts {
    readonly id: string;
    readonly vpcId: string;
    readonly serviceName: string;
    readonly privateDnsEnabled: boolean;
    readonly subnetIds: readonly string[];
    readonly securityGroupIds: readonly string[];
    readonly tags?: Readonly<Record<string, string>>;
}

/** One lookup's answer: what it found, nothing, or several (the provider's single-result lookups refuse those). */
export type Found<T> = { readonly kind: "one"; readonly value: T } | { readonly kind: "none" } | { readonly kind: "several" };

/** What the member learned from AWS about its VPC at pulumi up (stacks/adoption.ts asks). */
export interface VpcFindings {
    /** Each declared endpoint, by id (retired ones are not asked about). */
    readonly declared: ReadonlyMap<string, Found<EndpointFacts>>;
    /** The VPC's available interface endpoints of each hub service, by service (several: more than one). */
    readonly byService: ReadonlyMap<string, Found<EndpointFacts>>;
    /** The caller account's private zones of each hub name associated with the VPC, by name: the zone id. */
    readonly zones: ReadonlyMap<string, Found<string>>;
    /** The names each service's private DNS answers (DescribeVpcEndpointServices PrivateDnsNames, without `*.`). */
    readonly privateDnsNames: ReadonlyMap<string, readonly string[]>;
}

/**
 * The stages of one endpoint's retirement (profile mode, retire: true), one per `pulumi up`:
 * adopt (imported into the stack, after the profile association exists), delete (no longer
 * declared to Pulumi, which deletes it last in that update: the association existed before it
 * began), retired (gone). keep: the member keeps it and the stack does not manage it; hold:
 * adopted earlier and kept in the stack's state (retire turned back to false).
 */
export type RetirementStage = "keep" | "adopt" | "hold" | "delete" | "retired";

/** What the stack exports about them (its `existingEndpoints` output), and reads back from its last update. */
export interface AdoptionOutput {
    readonly retire: boolean;
    readonly endpoints: readonly {
        readonly id: string; readonly service: string; readonly privateDns: boolean; readonly state: "kept" | "adopted" | "retired";
        /** Its AZs (subnets), as AWS read them: what it costs per hour is this many endpoint AZ-hours. */
        readonly azs?: number;
    }[];
    readonly zones: readonly { readonly name: string; readonly id: string }[];
    /** Associations mode: hub zones this member leaves out while its own endpoint or zone holds the name. */
    readonly skippedZones: readonly string[];
}

export const STATE_OF: Readonly<Record<RetirementStage, AdoptionOutput["endpoints"][number]["state"]>> = {
    keep: "kept", adopt: "adopted", hold: "adopted", delete: "retired", retired: "retired",
};

/**
 * Each declared endpoint's stage for this `pulumi up`, from its last update's output. An endpoint
 * is deleted only by an update that starts with the profile association in place (the last
 * update exported it), so its names fall through to the hub's profile the moment it goes.
 */
export function retirementStages(declared: ExistingEndpoints, sharing: string | undefined, previous: AdoptionOutput | undefined, associatedBefore: boolean): Map<string, RetirementStage> {
    const out = new Map<string, RetirementStage>();
    for (const e of declared.endpoints) {
        const before = previous?.endpoints.find(p => p.id === e.id)?.state;
        if (before === "retired") out.set(e.id, "retired");
        else if (!declared.retire || sharing !== "profile") out.set(e.id, before === "adopted" ? "hold" : "keep");
        else out.set(e.id, before === "adopted" && associatedBefore ? "delete" : "adopt");
    }
    return out;
}

/** The hub names a member could shadow: every name the hub answers. */
export function hubNames(hub: Pick<HubOutputs, "answeredNames" | "zoneIds">): string[] {
    return hub.answeredNames ?? Object.keys(hub.zoneIds ?? {});
}

/** The hub's endpoint service of one of its services (hubs before that output: AWS's naming rule). */
export function endpointServiceOf(hub: Pick<HubOutputs, "services" | "region">, service: string, fallback: (service: string, region: string) => string): string {
    return hub.services?.[service]?.endpointService ?? fallback(service, hub.region);
}

export interface AdoptionVerdict {
    readonly errors: ConfigError[];
    readonly warnings: string[];
    /** Associations mode: hub zone names this member does not associate (its own endpoint or zone holds them). */
    readonly skippedZones: string[];
}

/**
 * Judges what AWS says about the member VPC against the declaration: every declared endpoint and
 * zone exists here and is what it says; no undeclared endpoint with private DNS or zone answers a
 * hub name (the member would silently use it, or AWS would refuse the hub's zone with
 * ConflictingDomainExists); in associations mode the hub zones its own ones hold are left out.
 */
export function judgeVpc(cfg: SpokeConfig, hub: Pick<HubOutputs, "services" | "region" | "zoneIds" | "answeredNames" | "dns">, found: VpcFindings,
    stages: ReadonlyMap<string, RetirementStage>, fallback: (service: string, region: string) => string): AdoptionVerdict {
    const errors: ConfigError[] = [];
    const warnings: string[] = [];
    const fail = (key: string, message: string) => errors.push({ stack: cfg.stack, key, message });
    const declared = cfg.existingEndpoints ?? { retire: false, endpoints: [], zones: [] };
    const vpcId = cfg.vpc.id;
    const served = new Set(Object.keys(hub.services ?? {}));
    declared.endpoints.forEach((e, i) => {
        const k = `${EXISTING_KEY}.endpoints[${i}]`;
        if (stages.get(e.id) === "retired") return;
        if (!served.has(e.service)) {
            const what = `the hub serves no ${e.service} (its services: ${shortList([...served].sort(), 8)})`;
            if (declared.retire) fail(`${k}.service`, `${what}: retiring ${e.id} would send ${e.service}'s names to the public endpoint: add ${e.service} to the hub's services first, or set retire: false until then`);
            else warnings.push(`${k}: ${what}: ${e.id} stays this member's own endpoint for ${e.service}`);
            return;
        }
        const f = found.declared.get(e.id);
        if (!f || f.kind !== "one") {
            fail(`${k}.id`, `${e.id} does not exist in this member's account and region (the provider's getVpcEndpoint found none): fix the id, or remove it if it was deleted`);
            return;
        }
        const facts = f.value;
        if (facts.vpcId !== vpcId) fail(`${k}.id`, `${e.id} is in ${facts.vpcId}, not in this member's VPC ${vpcId}`);
        const serviceName = endpointServiceOf(hub, e.service, fallback);
        if (facts.serviceName !== serviceName) fail(`${k}.service`, `${e.id} is an endpoint of ${facts.serviceName}, not of the hub's ${e.service} (${serviceName})`);
        if (facts.privateDnsEnabled !== e.privateDns) {
            fail(`${k}.privateDns`, `is ${e.privateDns}, but AWS says ${e.id} has private DNS ${facts.privateDnsEnabled ? "on" : "off"}: declare what the VPC has`);
        }
    });
    declared.zones.forEach((z, i) => {
        const f = found.zones.get(z.name);
        if (!f || f.kind !== "one" || f.value !== z.id) {
            fail(`${EXISTING_KEY}.zones[${i}]`, `zone ${z.name} (${z.id}) is not associated with this member's VPC ${vpcId} in this account` +
                (f?.kind === "one" ? ` (the VPC holds ${f.value} of that name)` : "") + ": declare what the VPC has");
        }
    });
    const declaredIds = new Set(declared.endpoints.map(e => e.id));
    for (const [service, f] of found.byService) {
        if (f.kind === "several") {
            const mine = declared.endpoints.filter(e => e.service === service).length;
            if (mine < 2) {
                fail(EXISTING_KEY, `${vpcId} has several interface endpoints of ${endpointServiceOf(hub, service, fallback)} and ${mine ? "only one is" : "none is"} declared: ` +
                    `declare each (aws ec2 describe-vpc-endpoints --filters Name=vpc-id,Values=${vpcId} Name=service-name,Values=${endpointServiceOf(hub, service, fallback)})`);
            }
        } else if (f.kind === "one" && !declaredIds.has(f.value.id) && f.value.privateDnsEnabled) {
            fail(EXISTING_KEY, `${f.value.id} in this member's VPC ${vpcId} is an endpoint of the hub's ${service} with private DNS on: it answers ${service}'s names here ` +
                `${hub.dns?.sharing === "profile" ? "before the hub's profile does (a VPC's own DNS settings win)" : "and AWS refuses the hub's zone next to it (ConflictingDomainExists)"}; ` +
                `declare it ({ service: ${service}, id: ${f.value.id} } under endpoints), or turn its private DNS off or delete it`);
        }
    }
    const declaredZones = new Set(declared.zones.map(z => z.id));
    const hubZoneIds = new Set(Object.values(hub.zoneIds ?? {}));
    for (const [name, f] of found.zones) {
        if (f.kind === "several") fail(EXISTING_KEY, `${vpcId} is associated with several zones named ${name} in this account: AWS allows one; check the VPC's associations`);
        else if (f.kind === "one" && !declaredZones.has(f.value) && !hubZoneIds.has(f.value)) {
            fail(EXISTING_KEY, `zone ${name} (${f.value}) is associated with this member's VPC ${vpcId} and answers the hub's name ${name} there ` +
                `${hub.dns?.sharing === "profile" ? "before the hub's profile does (a VPC's own DNS settings win)" : "(AWS refuses the hub's zone of the same name: ConflictingDomainExists)"}; ` +
                `declare it ({ name: ${name}, id: ${f.value} } under zones), or disassociate it`);
        }
    }
    return { errors, warnings, skippedZones: hub.dns?.sharing === "profile" ? [] : heldNames(declared, hubNames(hub), found.privateDnsNames, stages) };
}

/**
 * The hub names the member's own endpoints (private DNS on) and zones hold in its VPC: in
 * associations mode those hub zones stay unassociated until it retires them (AWS refuses a
 * second source of one name in a VPC: ConflictingDomainExists).
 */
export function heldNames(declared: ExistingEndpoints, names: readonly string[], privateDnsNames: ReadonlyMap<string, readonly string[]>, stages?: ReadonlyMap<string, RetirementStage>): string[] {
    const held = new Set<string>(declared.zones.map(z => z.name));
    for (const e of declared.endpoints) {
        if (!e.privateDns || stages?.get(e.id) === "retired") continue;
        for (const n of privateDnsNames.get(e.service) ?? []) held.add(n);
    }
    return names.filter(n => held.has(n));
}

/**
 * retire: true needs the hub's Route 53 Profile: with zone associations the member's own endpoint
 * must be gone before the hub's zone of its names can be associated (ConflictingDomainExists),
 * and between the two those names resolve publicly. Stopped here, with the ways out; undefined
 * when the hub shares by profile or nothing is to retire.
 */
export function retireWithoutProfile(cfg: SpokeConfig, sharing: string | undefined, held: readonly string[]): ConfigError | undefined {
    const declared = cfg.existingEndpoints;
    if (!declared?.retire || sharing === "profile" || !declared.endpoints.length) return undefined;
    const ids = declared.endpoints.map(e => `${e.id} (${e.service})`);
    const calls = 2 * held.length;
    const zones = held.length === 1 ? `the hub's zone ${held[0]}` : held.length ? `the hub's ${held.length} zones of their names (${shortList(held, 6)})` : "the hub's zones of their names";
    const names = held.length === 1 ? `${held[0]} resolves` : held.length ? `${shortList(held, 6)} resolve` : "their names resolve";
    return {
        stack: cfg.stack, key: `${EXISTING_KEY}.retire`,
        message: `the hub shares its zones by association (${NS}:dns.sharing: associations), and AWS refuses a hub zone in a VPC whose own endpoint or zone holds its name ` +
            `(ConflictingDomainExists): ${shortList(ids, 4)} must be gone before ${zones} can be associated. Either ` +
            `(1) move the hub to ${NS}:dns.sharing: profile, where a VPC's own DNS settings win over the profile's and retire: true deletes them only after the profile answers: no gap; or ` +
            `(2) retire them first without the hub: set retire: false, delete them (or turn their private DNS off), remove them from ${EXISTING_KEY}, then pulumi up this member: ` +
            `between the two, ${names} to the public endpoints, which in a VPC without internet access is an outage, from the deletion until this member's pulumi up ` +
            `has associated ${held.length === 1 ? "that zone" : "those zones"} (${plural(calls, "Route 53 call")} at ${ROUTE53_REQUESTS_PER_SECOND} requests per second, ` +
            `about ${Math.max(1, Math.ceil(calls / ROUTE53_REQUESTS_PER_SECOND))} s, plus however long you wait between the two)`,
    };
}

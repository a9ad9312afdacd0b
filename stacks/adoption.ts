// At a member's `pulumi up`: what its VPC ran before the hub (docs/adoption.md). Asks AWS, through
// the provider's functions, for the endpoints and zones it declared in vpce-hub:existingEndpoints
// and for any other endpoint or zone of its VPC that answers a hub name; the verdict is
// lib/checks/adoption.ts's. With retire: true (profile mode) it decides this update's stage from
// the stack's own last update (a StackReference to itself, as the hub does for its peerings).
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, SpokeConfig } from "../lib/config";
import { catalogEndpointService } from "../lib/catalog/lookup";
import {
    AdoptionOutput, EndpointFacts, Found, RetirementStage, STATE_OF, endpointServiceOf, heldNames, hubNames, judgeVpc, retireWithoutProfile, retirementStages,
} from "../lib/checks/adoption";
import { HubOutputs } from "../lib/model";
import { endpointServiceFacts } from "./endpointServices";
import { stackWarning } from "./warnings";

/** What this update does with the member's own endpoints. */
export interface Adoption {
    readonly errors: ConfigError[];
    /** Each declared endpoint's stage (lib/checks/adoption.ts). */
    readonly stages: ReadonlyMap<string, RetirementStage>;
    /** Endpoints this update declares to Pulumi by import (stages adopt and hold), as AWS read them. */
    readonly adopted: readonly { readonly service: string; readonly facts: EndpointFacts }[];
    /** Associations mode: hub zones not associated while the member's own endpoint or zone holds the name. */
    readonly skippedZones: readonly string[];
    /** The stack's `existingEndpoints` output; undefined without a declaration. */
    readonly output?: AdoptionOutput;
}

const SEVERAL = /multiple .* matched/i;
const NONE = /no matching .* found/i;

/** A provider single-result lookup: its answer, none, or several (the provider's words for each). */
async function lookup<T>(ask: () => Promise<T>): Promise<Found<T>> {
    try {
        return { kind: "one", value: await ask() };
    } catch (e) {
        const m = (e as Error).message ?? "";
        if (NONE.test(m)) return { kind: "none" };
        if (SEVERAL.test(m)) return { kind: "several" };
        throw e;
    }
}

function factsOf(r: aws.ec2.GetVpcEndpointResult): EndpointFacts {
    return {
        id: r.id, vpcId: r.vpcId, serviceName: r.serviceName, privateDnsEnabled: r.privateDnsEnabled,
        subnetIds: r.subnetIds ?? [], securityGroupIds: r.securityGroupIds ?? [], tags: r.tags ?? {},
    };
}

const endpoint = (args: aws.ec2.GetVpcEndpointArgs) => lookup(async () => factsOf(await aws.ec2.getVpcEndpoint(args)));
const zone = (args: aws.route53.GetZoneArgs) => lookup(async () => {
    const z = await aws.route53.getZone(args);
    return { id: z.zoneId, name: z.name };
});

/** The member's own endpoints and zones: checked against AWS, and this update's stage of their retirement. */
export async function adoptionOf(cfg: SpokeConfig, hub: HubOutputs): Promise<Adoption> {
    const declared = cfg.existingEndpoints ?? { retire: false, endpoints: [], zones: [] };
    const sharing = hub.dns?.sharing;
    const vpcId = cfg.vpc.id;
    let previous: AdoptionOutput | undefined;
    let associatedBefore = false;
    if (cfg.existingEndpoints) {
        // The outputs of this stack's last update: what it adopted, and whether its profile association existed.
        const self = new pulumi.StackReference("previous-update", { name: `${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}` });
        previous = (await self.getOutputDetails("existingEndpoints")).value as AdoptionOutput | undefined;
        associatedBefore = Boolean(((await self.getOutputDetails("profile")).value as { associationId?: string } | undefined)?.associationId);
    }
    const stages = retirementStages(declared, sharing, previous, associatedBefore);
    const services = Object.keys(hub.services ?? {});
    const serviceName = (s: string) => endpointServiceOf(hub, s, catalogEndpointService);

    // Declared endpoints (not those already retired), then every endpoint of the VPC: one lookup,
    // one per hub service only when the VPC has several.
    const live = declared.endpoints.filter(e => stages.get(e.id) !== "retired");
    const declaredFound = new Map(await Promise.all(live.map(async e => [e.id, await endpoint({ id: e.id })] as const)));
    const byService = new Map<string, Found<EndpointFacts>>();
    const any = await endpoint({ vpcId, vpcEndpointType: "Interface", state: "available" });
    if (any.kind === "several") {
        const each = await Promise.all(services.map(s => endpoint({ vpcId, serviceName: serviceName(s), vpcEndpointType: "Interface", state: "available" })));
        services.forEach((s, i) => byService.set(s, each[i]));
    } else {
        for (const s of services) byService.set(s, any.kind === "one" && any.value.serviceName === serviceName(s) ? any : { kind: "none" });
    }
    // Zones of this account associated with the VPC: one lookup, one per name only when there are several.
    const names = [...new Set([...hubNames(hub), ...declared.zones.map(z => z.name)])];
    const zones = new Map<string, Found<string>>();
    const anyZone = await zone({ privateZone: true, vpcId });
    if (anyZone.kind === "several") {
        const each = await Promise.all(names.map(name => zone({ name, privateZone: true, vpcId })));
        names.forEach((n, i) => zones.set(n, each[i].kind === "one" ? { kind: "one", value: each[i].value.id } : each[i] as Found<string>));
    } else if (anyZone.kind === "one" && names.includes(anyZone.value.name)) {
        zones.set(anyZone.value.name, { kind: "one", value: anyZone.value.id });
    }
    // The names each declared endpoint's private DNS answers, as DescribeVpcEndpointServices lists them.
    const privateDnsNames = new Map<string, string[]>();
    for (const s of new Set(live.filter(e => e.privateDns && services.includes(e.service)).map(e => e.service))) {
        const facts = await endpointServiceFacts(serviceName(s));
        privateDnsNames.set(s, [...new Set((facts?.privateDnsNames ?? []).map(n => n.replace(/^\*\./, "")))]);
    }

    const verdict = judgeVpc(cfg, hub, { declared: declaredFound, byService, zones, privateDnsNames }, stages, catalogEndpointService);
    for (const w of verdict.warnings) stackWarning("adoption:kept", w);
    const errors = [...verdict.errors];
    const stop = retireWithoutProfile(cfg, sharing, heldNames(declared, hubNames(hub), privateDnsNames, stages));
    if (stop) errors.push(stop);
    // Adopted by an earlier update and no longer declared: Pulumi deletes them now.
    for (const p of previous?.endpoints ?? []) {
        if (p.state === "adopted" && !declared.endpoints.some(e => e.id === p.id)) {
            stackWarning("adoption:undeclared", `${p.id} (${p.service}) was adopted by this stack's last update and is no longer declared in vpce-hub:existingEndpoints: this pulumi up deletes it`);
        }
    }
    const adopted = live.filter(e => ["adopt", "hold"].includes(stages.get(e.id)!)).flatMap(e => {
        const f = declaredFound.get(e.id);
        return f?.kind === "one" ? [{ service: e.service, facts: f.value }] : [];
    });
    const output: AdoptionOutput | undefined = cfg.existingEndpoints ? {
        retire: declared.retire,
        endpoints: declared.endpoints.map(e => {
            // Its AZs as AWS reads them now, or as the update that last saw it did.
            const f = declaredFound.get(e.id);
            const azs = f?.kind === "one" ? f.value.subnetIds.length : previous?.endpoints.find(p => p.id === e.id)?.azs;
            return { id: e.id, service: e.service, privateDns: e.privateDns, state: STATE_OF[stages.get(e.id)!], ...(azs === undefined ? {} : { azs }) };
        }),
        zones: declared.zones.map(z => ({ name: z.name, id: z.id })),
        skippedZones: verdict.skippedZones,
    } : undefined;
    return { errors, stages, adopted, skippedZones: verdict.skippedZones, ...(output ? { output } : {}) };
}

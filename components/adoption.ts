// A member's own interface endpoints from before the hub, adopted into its stack so that the next
// `pulumi up` deletes them (vpce-hub:existingEndpoints with retire: true, docs/adoption.md).
// Each is declared with `import` and exactly the inputs AWS reads for it (Pulumi refuses an import
// whose inputs differ from the resource), after the VPC's profile association exists.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { EndpointFacts } from "../lib/checks/adoption";

export interface AdoptedEndpointsArgs {
    /** The endpoints to adopt (or keep adopted), as AWS read them. */
    readonly endpoints: readonly { readonly service: string; readonly facts: EndpointFacts }[];
    /** What must exist before: the VPC's association with the hub's Route 53 Profile. */
    readonly after: readonly pulumi.Resource[];
}

/**
 * Options of an adopted endpoint. `import`: Pulumi reads it into the stack's state instead of
 * creating it (ignored once it is there). `dependsOn` the profile association: adopted only once
 * the hub's profile answers in this VPC, and, since Pulumi deletes a resource before what it
 * depends on, never outlived by the association. Not protected: the next update deletes it.
 */
export function adoptionOptions(parent: pulumi.Resource, endpointId: string, after: readonly pulumi.Resource[]): pulumi.CustomResourceOptions {
    return { parent, import: endpointId, dependsOn: [...after], protect: false, retainOnDelete: false };
}

/** The inputs an import declares: exactly the endpoint as AWS reads it (policy, DNS options and IP type left to AWS). */
export function importInputs(f: EndpointFacts): aws.ec2.VpcEndpointArgs {
    return {
        vpcId: f.vpcId, serviceName: f.serviceName, vpcEndpointType: "Interface", subnetIds: [...f.subnetIds],
        securityGroupIds: [...f.securityGroupIds], privateDnsEnabled: f.privateDnsEnabled,
        ...(f.tags && Object.keys(f.tags).length ? { tags: { ...f.tags } } : {}),
    };
}

export class AdoptedEndpoints extends pulumi.ComponentResource {
    readonly endpoints: Record<string, aws.ec2.VpcEndpoint> = {};

    constructor(name: string, args: AdoptedEndpointsArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:adoption:AdoptedEndpoints", name, {}, opts);
        // Named by the endpoint id: a stable key, whatever the order of the declaration.
        for (const e of args.endpoints) {
            this.endpoints[e.facts.id] = new aws.ec2.VpcEndpoint(`${name}-${e.facts.id}`, importInputs(e.facts), adoptionOptions(this, e.facts.id, args.after));
        }
        this.registerOutputs({ endpointIds: Object.keys(this.endpoints) });
    }
}

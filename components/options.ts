// Resource options the program builds, kept in functions so tests can check them: Pulumi
// mocks never see options such as protect or ignoreChanges.
import * as pulumi from "@pulumi/pulumi";

/**
 * Zones are created with the hub VPC inline, and spokes add theirs with ZoneAssociation.
 * Without ignoreChanges on `vpcs` the inline list would fight the associations (a perpetual
 * diff that can remove them).
 */
export function zoneOptions(parent: pulumi.Resource, protect: boolean): pulumi.CustomResourceOptions {
    return { parent, protect, ignoreChanges: ["vpcs"] };
}

/** Endpoints: deleting one breaks the service for every spoke and on-prem at once. */
export function endpointOptions(parent: pulumi.Resource, protect: boolean): pulumi.CustomResourceOptions {
    return { parent, protect };
}

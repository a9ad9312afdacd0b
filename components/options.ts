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

/**
 * A spoke's acceptance of a RAM share (stacks/ramShares.ts). "keep": the invitation was accepted
 * before; `import` by the share ARN (the accepter's id) keeps the accepter in Pulumi's state as it
 * is, and adopts one accepted outside this stack, which creating it anew could not (the provider
 * finds no pending invitation then). "accept": created, accepting the pending invitation. Either
 * way `replacementTrigger` is the invitation: a new one (the hub removed this account from the
 * share and added it again) replaces the accepter, old one first (`deleteBeforeReplace`: the
 * provider's delete asks RAM to leave the share, which must not follow the new acceptance).
 * Without an invitation ARN (vpce-hub:acceptRamShare: true, no lookup) the accepter is plain.
 */
export function ramAccepterOptions(parent: pulumi.Resource, acceptance: { kind: "accept" | "keep"; invitationArn: string }, shareArn: string): pulumi.CustomResourceOptions {
    return {
        parent,
        ...(acceptance.kind === "keep" ? { import: shareArn } : {}),
        ...(acceptance.invitationArn ? { replacementTrigger: acceptance.invitationArn, deleteBeforeReplace: true } : {}),
    };
}

/**
 * The hub VPC the stack creates, once created by awsx.ec2.Vpc (a component named "hub" holding
 * the VPC, its subnets, each subnet's route table and that table's association, in that parent
 * chain): each resource gets an alias to where awsx put it in an existing stack's state, so that
 * dropping awsx replaces nothing. `part` is the resource: the VPC, or the subnet, route table or
 * association of `name` (hub-isolated-N). `stack` and `project` as Pulumi names them.
 */
export function hubVpcOptions(stack: string, project: string, part: "vpc" | "subnet" | "routeTable" | "association" = "vpc",
    name = "hub", parent?: pulumi.Resource): pulumi.CustomResourceOptions {
    const chain = ["awsx:ec2:Vpc", "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable"];
    const depth = { vpc: 1, subnet: 2, routeTable: 3, association: 4 }[part];
    // The URN of the resource's parent under awsx: the component for the VPC, the VPC ("hub") for a subnet, and so on.
    const oldParent = `urn:pulumi:${stack}::${project}::${chain.slice(0, depth).join("$")}::${depth <= 2 ? "hub" : name}`;
    return { ...(parent ? { parent } : {}), aliases: [{ parent: oldParent }] };
}

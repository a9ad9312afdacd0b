// A member's VPC, asked of AWS at deploy time for what its file leaves out: the VPC's id and
// CIDR are the hub's registry entry for the stack (lib/config/memberVpc.ts); its subnets and the
// route tables that must carry the route to the hub are listed with the provider's functions.
// The offline plan answers the same calls from the simulated AWS (sim/ec2.ts).
import * as aws from "@pulumi/aws";
import { ConfigError, NS, SpokeConfig, SpokeDeclaration, SpokeEntry } from "../lib/config";
import { DiscoveredVpc, resolveSpoke, undeclaredParts } from "../lib/config/memberVpc";

/**
 * The VPC's subnets (DescribeSubnets, filter vpc-id) and route tables: those explicitly
 * associated with one of its subnets, and its main table, which every subnet without an
 * explicit association uses and which DescribeRouteTables lists only under association.main
 * (docs/aws-rules.md, rule 20). Sorted, so that AWS's listing order changes nothing.
 */
export async function listVpc(vpcId: string, needRouteTables: boolean): Promise<{ subnetIds: string[]; routeTableIds: string[] }> {
    // Neither function fails on an empty answer (the provider sets ids to what it found, possibly none).
    const subnetIds = [...(await aws.ec2.getSubnets({ filters: [{ name: "vpc-id", values: [vpcId] }] })).ids ?? []].sort();
    if (!needRouteTables) return { subnetIds, routeTableIds: [] };
    const [ofSubnets, main] = await Promise.all([
        subnetIds.length ? aws.ec2.getRouteTables({ vpcId, filters: [{ name: "association.subnet-id", values: subnetIds }] }) : Promise.resolve({ ids: [] as string[] }),
        aws.ec2.getRouteTables({ vpcId, filters: [{ name: "association.main", values: ["true"] }] }),
    ]);
    return { subnetIds, routeTableIds: [...new Set([...ofSubnets.ids ?? [], ...main.ids ?? []])].sort() };
}

/**
 * The member's config with its VPC resolved: declared parts as written, the rest from the
 * registry entry and AWS. Nothing is asked when the file declares everything (today's files).
 */
export async function resolveSpokeVpc(spoke: SpokeDeclaration, entry: Pick<SpokeEntry, "vpcId" | "cidr">): Promise<{ config?: SpokeConfig; errors: ConfigError[] }> {
    const missing = undeclaredParts(spoke.vpc);
    const vpcId = spoke.vpc.id ?? entry.vpcId;
    let found: DiscoveredVpc = { source: "discovered" };
    if (missing.includes("subnetIds") || missing.includes("routeTableIds")) {
        found = { ...await listVpc(vpcId, missing.includes("routeTableIds")), source: "discovered" };
    }
    const config = resolveSpoke(spoke, entry, found);
    if (config) return { config, errors: [] };
    const part = !(spoke.vpc.subnetIds ?? found.subnetIds)?.length ? "subnetIds" : "routeTableIds";
    return {
        errors: [{
            stack: spoke.stack, key: `${NS}:vpc.${part}`,
            message: `is not declared, and AWS lists no ${part === "subnetIds" ? "subnets" : "route tables"} in ${vpcId} ` +
                `(${spoke.vpc.id ? "declared in vpce-hub:vpc.id" : "the VPC the hub registered for this stack"}) for this account and region: ` +
                `check that the stack runs with the member account's credentials in the hub's region, or declare ${NS}:vpc.${part}`,
        }],
    };
}

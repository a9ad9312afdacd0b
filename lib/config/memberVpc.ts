// A member's VPC, from the little its file needs to say. A minimal member file holds only
// `aws:region`, `vpce-hub:role: spoke` and `vpce-hub:hubStack`: the VPC's id and CIDR are the
// hub's registry entry for the stack (`vpce-hub:spokes` on the hub, read by StackReference), and
// its subnets and route tables are what AWS lists for that VPC at deploy time
// (stacks/discovery.ts). Each part declared under `vpce-hub:vpc` is used as written instead:
// today's full files keep working, and a member may pin only its route tables. Pure.
import { SPOKE_SCHEMA, keysOf } from "./schema";
import type { DeclaredSpokeVpc, ExistingVpc, SpokeConfig, SpokeDeclaration, SpokeEntry, SpokeVpcPart, VpcSource } from "./model";
import { Reader, id, key } from "./reader";

export const SPOKE_VPC_PARTS: readonly SpokeVpcPart[] = ["id", "cidr", "subnetIds", "routeTableIds"];

/** `vpce-hub:vpc` of a member: absent, or any of its parts. */
export function readSpokeVpc(r: Reader, v: unknown): DeclaredSpokeVpc | undefined {
    if (v === undefined) return {};
    const k = key("vpc");
    const o = r.obj(k, v, keysOf(SPOKE_SCHEMA, "vpc"));
    if (!o) return undefined;
    const part = <T>(name: string, read: () => T | undefined): { ok: boolean; value?: T } => {
        if (o[name] === undefined) return { ok: true };
        const value = read();
        return { ok: value !== undefined, value };
    };
    const vpcId = part("id", () => r.str(`${k}.id`, o.id, id("vpc"), "a VPC id (vpc-...)"));
    const cidr = part("cidr", () => r.cidr(`${k}.cidr`, o.cidr));
    const subnetIds = part("subnetIds", () => r.strList(`${k}.subnetIds`, o.subnetIds, 2, id("subnet"), "a subnet id (subnet-...)", "subnets in at least 2 AZs"));
    const routeTableIds = part("routeTableIds", () => r.strList(`${k}.routeTableIds`, o.routeTableIds, 1, id("rtb"), "a route table id (rtb-...)"));
    if (![vpcId, cidr, subnetIds, routeTableIds].every(p => p.ok)) return undefined;
    return {
        ...(vpcId.value ? { id: vpcId.value } : {}),
        ...(cidr.value ? { cidr: cidr.value } : {}),
        ...(subnetIds.value ? { subnetIds: subnetIds.value } : {}),
        ...(routeTableIds.value ? { routeTableIds: routeTableIds.value } : {}),
    };
}

/** The parts of a member's VPC its file leaves out, in a fixed order. */
export function undeclaredParts(vpc: DeclaredSpokeVpc): SpokeVpcPart[] {
    return SPOKE_VPC_PARTS.filter(p => vpc[p] === undefined);
}

/** What AWS listed for the VPC at deploy time (or the simulated AWS offline). */
export interface DiscoveredVpc {
    readonly subnetIds?: readonly string[];
    readonly routeTableIds?: readonly string[];
    /** "discovered" at deploy; "simulated" when the offline plan's AWS made the VPC up. */
    readonly source: Extract<VpcSource, "discovered" | "simulated">;
}

/**
 * The member's VPC: each part as declared, else the id and CIDR from the hub's registry entry
 * and the subnets and route tables from what AWS listed. A part neither declared nor found is an
 * error for the caller to name (undefined here).
 */
export function resolveSpoke(spoke: SpokeDeclaration, entry: Pick<SpokeEntry, "vpcId" | "cidr">, found: DiscoveredVpc): SpokeConfig | undefined {
    const d = spoke.vpc;
    const vpc: ExistingVpc = {
        kind: "existing",
        id: d.id ?? entry.vpcId,
        cidr: d.cidr ?? entry.cidr,
        subnetIds: d.subnetIds ?? found.subnetIds ?? [],
        routeTableIds: d.routeTableIds ?? found.routeTableIds ?? [],
        ...(d.ipv6Cidr ? { ipv6Cidr: d.ipv6Cidr } : {}),
    };
    if (!vpc.subnetIds.length || !vpc.routeTableIds.length) return undefined;
    const from = (p: SpokeVpcPart): VpcSource => d[p] !== undefined ? "declared" : p === "id" || p === "cidr" ? "registry" : found.source;
    return { ...spoke, vpc, vpcFrom: { id: from("id"), cidr: from("cidr"), subnetIds: from("subnetIds"), routeTableIds: from("routeTableIds") } };
}

/** A member config whose file declares its whole VPC: resolved without asking anyone. */
export function declaredSpoke(spoke: SpokeDeclaration): SpokeConfig | undefined {
    const d = spoke.vpc;
    if (!d.id || !d.cidr || !d.subnetIds || !d.routeTableIds) return undefined;
    return resolveSpoke(spoke, { vpcId: d.id, cidr: d.cidr }, { source: "discovered" });
}

// `vpce-hub:vpc`: the hub's or spoke's VPC, existing (id, subnets, route tables) or, for a
// hub only, new (created by the hub, stacks/hub.ts). Pure: no Pulumi import.
import { mustParseCidr } from "../net/cidr";
import { HUB_SCHEMA, SPOKE_SCHEMA, keysOf } from "./schema";
import type { ExistingVpc, NewVpc } from "./model";
import { Reader, id, key } from "./reader";

export function readVpc(r: Reader, v: unknown, allowNew: boolean): ExistingVpc | NewVpc | undefined {
    const k = key("vpc");
    if (v === undefined) return r.fail(k, "is required");
    const o = r.obj(k, v, allowNew ? keysOf(HUB_SCHEMA, "vpc") : keysOf(SPOKE_SCHEMA, "vpc"));
    if (!o) return undefined;
    const cidr = o.cidr === undefined ? r.fail(`${k}.cidr`, "is required") : r.cidr(`${k}.cidr`, o.cidr);
    if (cidr && allowNew && o.id === undefined) {
        if (o.subnetIds !== undefined || o.routeTableIds !== undefined) {
            r.fail(k, "without `id` the hub creates the VPC: drop subnetIds and routeTableIds, or give the existing VPC's id");
        }
        const azs = o.availabilityZones === undefined ? 2 : r.int(`${k}.availabilityZones`, o.availabilityZones, 2, 6);
        const prefix = mustParseCidr(cidr).prefix;
        if (prefix > 24) return r.fail(`${k}.cidr`, `${cidr} is too small for a new VPC: use /24 or larger`);
        return azs === undefined ? undefined : { kind: "new", cidr, availabilityZones: azs };
    }
    if (o.availabilityZones !== undefined) r.fail(`${k}.availabilityZones`, "only applies when the hub creates the VPC (no `id`)");
    const vpcId = o.id === undefined ? r.fail(`${k}.id`, "is required") : r.str(`${k}.id`, o.id, id("vpc"), "a VPC id (vpc-...)");
    const subnetIds = o.subnetIds === undefined
        ? r.fail(`${k}.subnetIds`, "is required: subnets in at least 2 AZs")
        : r.strList(`${k}.subnetIds`, o.subnetIds, 2, id("subnet"), "a subnet id (subnet-...)", "subnets in at least 2 AZs");
    const routeTableIds = o.routeTableIds === undefined
        ? r.fail(`${k}.routeTableIds`, "is required: the route tables that get routes to the other side")
        : r.strList(`${k}.routeTableIds`, o.routeTableIds, 1, id("rtb"), "a route table id (rtb-...)");
    if (!cidr || !vpcId || !subnetIds || !routeTableIds) return undefined;
    return { kind: "existing", id: vpcId, cidr, subnetIds, routeTableIds };
}

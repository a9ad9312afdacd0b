// `vpce-hub:spokes`: the hub's registry of member stacks that may use it. Pure: no Pulumi import.
import { HUB_SCHEMA, keysOf } from "./schema";
import type { Connectivity, SpokeEntry } from "./model";
import { Reader, STACK_NAME, id, key, typeName } from "./reader";

export function readSpokes(r: Reader, v: unknown): SpokeEntry[] | undefined {
    const k = key("spokes");
    if (v === undefined) return [];
    const l = r.list(k, v, 0, { items: "{ name, accountId, vpcId, cidr, connectivity } entries, one per member stack" });
    if (!l) return undefined;
    const out: SpokeEntry[] = [];
    const byName = new Map<string, number>();
    const byVpc = new Map<string, number>();
    l.forEach((entry, i) => {
        const ki = `${k}[${i}]`;
        const o = r.obj(ki, entry, keysOf(HUB_SCHEMA, "spokes"));
        if (!o) return;
        const name = o.name === undefined ? r.fail(`${ki}.name`, "is required (the member's stack name)") : r.str(`${ki}.name`, o.name, STACK_NAME, "a stack name");
        const accountId = o.accountId === undefined ? r.fail(`${ki}.accountId`, "is required") : r.account(`${ki}.accountId`, o.accountId);
        const vpcId = o.vpcId === undefined ? r.fail(`${ki}.vpcId`, "is required") : r.str(`${ki}.vpcId`, o.vpcId, id("vpc"), "a VPC id (vpc-...)");
        const cidr = o.cidr === undefined ? r.fail(`${ki}.cidr`, "is required") : r.cidr(`${ki}.cidr`, o.cidr);
        const connectivity = o.connectivity === undefined ? r.fail(`${ki}.connectivity`, "is required: peering or transitGateway")
            : o.connectivity === "peering" || o.connectivity === "transitGateway" ? o.connectivity as Connectivity
                : r.fail(`${ki}.connectivity`, `must be peering or transitGateway, got ${typeName(o.connectivity)}`);
        if (name !== undefined) {
            if (byName.has(name)) r.fail(`${ki}.name`, `spoke "${name}" is already listed at ${k}[${byName.get(name)}]`);
            byName.set(name, i);
        }
        if (vpcId !== undefined) {
            if (byVpc.has(vpcId)) r.fail(`${ki}.vpcId`, `${vpcId} is already used by ${k}[${byVpc.get(vpcId)}]`);
            byVpc.set(vpcId, i);
        }
        if (name && accountId && vpcId && cidr && connectivity) out.push({ name, accountId, vpcId, cidr, connectivity });
    });
    return out.length === l.length ? out : undefined;
}

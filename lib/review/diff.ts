// What a change does to traffic, before it is applied: compares a previous plan (its JSON)
// with the current one and warns about removals that break consumers.
import { HubOutputs, PlannedStack, TYPES, Warning } from "../model";

/** The parts of a plan JSON this comparison reads. */
export interface PlanSnapshot {
    readonly stacks: readonly Pick<PlannedStack, "stack" | "role" | "outputs" | "resources">[];
}

/** Resources whose deletion breaks consumers: zones and endpoints (protected by default) and the Resolver. */
const CRITICAL = new Set<string>([TYPES.zone, TYPES.vpcEndpoint, TYPES.resolverEndpoint]);

function hubOutputs(plan: PlanSnapshot): HubOutputs | undefined {
    return plan.stacks.find(s => s.role === "hub")?.outputs as HubOutputs | undefined;
}

export function compareWithPrevious(previous: PlanSnapshot, current: PlanSnapshot): Warning[] {
    const out: Warning[] = [];
    const before = hubOutputs(previous);
    const after = hubOutputs(current);
    if (before && after) {
        const consumers = [...Object.keys(before.spokes), ...(before.resolverInboundIps.length ? ["on-prem"] : [])];
        for (const svc of Object.keys(before.services)) {
            if (!after.services[svc]) {
                out.push({
                    code: "removal:service",
                    message: `removing ${svc} deletes its endpoint and zones: ${consumers.join(", ") || "every consumer"} will resolve ` +
                        `${before.services[svc].zones.map(z => z.name).join(", ")} publicly and leave through the internet (or fail without internet access)`,
                });
            }
        }
        for (const spoke of Object.keys(before.spokes)) {
            if (!after.spokes[spoke]) {
                out.push({
                    code: "removal:spoke",
                    message: `removing spoke ${spoke} from the hub deletes its authorizations and ${before.spokes[spoke].connectivity === "peering" ? "peering" : "RAM share"}: ` +
                        `run \`pulumi destroy\` on stack ${spoke} first, or its associations and routes are left dangling`,
                });
            }
        }
        if (before.resolverInboundIps.length && !after.resolverInboundIps.length) {
            out.push({ code: "removal:resolver", message: "removing onPrem deletes the Resolver inbound endpoint: on-prem forwarders lose every answer" });
        } else if (before.resolverInboundIps.join(",") !== after.resolverInboundIps.join(",")) {
            out.push({ code: "change:resolver-ips", message: `Resolver inbound addresses change from ${before.resolverInboundIps.join(", ")} to ${after.resolverInboundIps.join(", ")}: update the on-prem forwarders` });
        }
    }
    // A critical resource whose URN disappears is deleted (or replaced under a new name).
    const now = new Set(current.stacks.flatMap(s => s.resources.map(r => r.urn)));
    for (const s of previous.stacks) {
        for (const r of s.resources) {
            if (CRITICAL.has(r.type) && !now.has(r.urn) && current.stacks.some(c => c.stack === s.stack)) {
                out.push({ code: "removal:resource", message: `${s.stack}: ${r.type.split(":").pop()} ${r.name} (${r.id}) would be deleted` });
            }
        }
    }
    return out;
}

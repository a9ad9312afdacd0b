// The simulated Route 53 Resolver: an inbound endpoint takes one address in each of its subnets,
// a pinned one if the program asks for it (refused when taken), else a free one (sim/ec2.ts).
import { ResourceTable, SimRun, created } from "./context";
import { SimEc2 } from "./ec2";

export function resolverResources(run: SimRun, ec2: SimEc2): ResourceTable {
    return {
        "aws:route53/resolverEndpoint:ResolverEndpoint": c => {
            const id = run.idFor("rslvr-in", c.key);
            const ipAddresses = (c.inputs.ipAddresses ?? []).map((a: any, i: number) => ({
                subnetId: a.subnetId,
                ip: a.ip ? ec2.claimIp(a.subnetId, a.ip) : ec2.allocateIp(a.subnetId, `${c.key}#${i}`),
                ipId: run.idFor("rni", `${c.key}#${i}`),
            }));
            return created(c, id, { ipAddresses, arn: run.arn("route53resolver", `resolver-endpoint/${id}`) });
        },
    };
}

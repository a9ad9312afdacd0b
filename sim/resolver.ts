// The simulated Route 53 Resolver: an inbound endpoint takes one address in each of its subnets,
// a pinned one if the program asks for it (refused when taken), else a free one (sim/ec2.ts), and
// at most the account's quota of addresses per endpoint (6 unless raised: adjustable).
import { ResourceTable, SimRun, created } from "./context";
import { SimEc2 } from "./ec2";
import { awsError } from "./errors";

export function resolverResources(run: SimRun, ec2: SimEc2, ipsPerEndpoint: () => number): ResourceTable {
    return {
        "aws:route53/resolverEndpoint:ResolverEndpoint": c => {
            const id = run.idFor("rslvr-in", c.key);
            const limit = ipsPerEndpoint();
            const asked = (c.inputs.ipAddresses ?? []).length;
            if (asked > limit) {
                throw awsError("LimitExceededException", `The endpoint would have ${asked} IP addresses; the account's limit of IP addresses per Resolver endpoint is ${limit}.`);
            }
            const ipAddresses = (c.inputs.ipAddresses ?? []).map((a: any, i: number) => ({
                subnetId: a.subnetId,
                ip: a.ip ? ec2.claimIp(a.subnetId, a.ip) : ec2.allocateIp(a.subnetId, `${c.key}#${i}`),
                ipId: run.idFor("rni", `${c.key}#${i}`),
            }));
            return created(c, id, { ipAddresses, arn: run.arn("route53resolver", `resolver-endpoint/${id}`) });
        },
    };
}

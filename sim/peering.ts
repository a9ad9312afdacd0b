// The simulated cloud's VPC peering requests and their lifecycle: a request waits for the
// accepter as pending-acceptance; unaccepted for 7 days it expires, and EC2 then allows no
// action on it (VPC peering guide, "VPC peering connection lifecycle"). Accepting an expired
// request fails with InvalidStateTransition (docs/aws-rules.md).
import { InvokeTable, ResourceTable, SimRun, created } from "./context";
import { SimAwsError } from "./errors";

export type PeeringStatus = "pending-acceptance" | "active" | "expired" | "rejected" | "deleted";

export interface SimPeering {
    readonly vpcId: string;
    readonly peerVpcId: string;
    readonly peerOwnerId: string;
    /** The requester's account and region, and its VPC's CIDR as EC2 reports it (where the simulation knows the VPC). */
    readonly ownerId?: string;
    readonly region?: string;
    readonly cidr?: string;
    status: PeeringStatus;
}

export class SimPeerings {
    readonly byId = new Map<string, SimPeering>();

    /** CreateVpcPeeringConnection: a request pending acceptance by the peer account. */
    request(id: string, p: Omit<SimPeering, "status">): void {
        // The same resource again (a later pulumi up) is the same request, in whatever state it is.
        if (!this.byId.has(id)) this.byId.set(id, { ...p, status: "pending-acceptance" });
    }

    /** AcceptVpcPeeringConnection. A request the simulation never saw (made elsewhere) is accepted as is. */
    accept(id: string): void {
        const p = this.byId.get(id);
        if (!p) return;
        if (p.status !== "pending-acceptance" && p.status !== "active") {
            throw new SimAwsError("InvalidStateTransition", `Invalid state transition for ${id}, attempted to transition from ${p.status} to active` +
                (p.status === "expired" ? ": the request was not accepted within 7 days; the hub recreates it on its next pulumi up" : ""));
        }
        p.status = "active";
    }

    /** Seven days pass: every request still pending acceptance expires. Returns their ids. */
    expirePending(): string[] {
        const expired = [...this.byId].filter(([, p]) => p.status === "pending-acceptance").map(([id]) => id);
        for (const id of expired) this.byId.get(id)!.status = "expired";
        return expired;
    }

    /**
     * DescribeVpcPeeringConnections with filters `vpc-peering-connection-id` and `status-code`
     * (the only ones the program uses; any other filter matches nothing, so a test notices).
     */
    find(filters: readonly { name: string; values: readonly string[] }[]): string[] {
        return [...this.byId].filter(([id, p]) => filters.every(f =>
            f.name === "vpc-peering-connection-id" ? f.values.includes(id)
                : f.name === "status-code" ? f.values.includes(p.status)
                    : false)).map(([id]) => id);
    }
}

/** The peering resources and lookup the program uses, on the simulated requests. */
export function peeringTables(run: SimRun, peering: SimPeerings, cidrOf: (vpcId: string) => string | undefined = () => undefined): { resources: ResourceTable; invokes: InvokeTable } {
    return {
        resources: {
            "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": c => {
                // A replacement (the hub recreating an expired request) is a new request with a new id.
                const replaces = c.inputs.tags?.["vpce-hub:replaces"];
                const id = run.idFor("pcx", replaces ? `${c.key}#${replaces}` : c.key);
                peering.request(id, {
                    vpcId: String(c.inputs.vpcId), peerVpcId: String(c.inputs.peerVpcId), peerOwnerId: String(c.inputs.peerOwnerId ?? run.ctx.accountId),
                    ownerId: run.ctx.accountId, region: run.ctx.region, cidr: cidrOf(String(c.inputs.vpcId)),
                });
                return created(c, id, { acceptStatus: "pending-acceptance" });
            },
            "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": c => {
                const id = String(c.inputs.vpcPeeringConnectionId);
                peering.accept(id);
                return created(c, id, { acceptStatus: "active" });
            },
        },
        invokes: {
            // DescribeVpcPeeringConnections by id, as the provider's single-result lookup asks:
            // EC2 shows a peering to its requester and its accepter only (others find no match).
            "aws:ec2/getVpcPeeringConnection:getVpcPeeringConnection": inputs => {
                const id = String(inputs.id);
                const p = peering.byId.get(id);
                if (!p || (p.ownerId !== run.ctx.accountId && p.peerOwnerId !== run.ctx.accountId)) {
                    throw new Error(`reading EC2 VPC Peering Connection (${id}): couldn't find resource (no matching EC2 VPC Peering Connection found)`);
                }
                return {
                    id, status: p.status, vpcId: p.vpcId, ownerId: p.ownerId ?? "", cidrBlock: p.cidr ?? "", region: p.region ?? run.ctx.region,
                    peerVpcId: p.peerVpcId, peerOwnerId: p.peerOwnerId, peerCidrBlock: cidrOf(p.peerVpcId) ?? "", peerRegion: run.ctx.region,
                    requesterRegion: p.region ?? run.ctx.region, accepter: {}, requester: {}, tags: {},
                    cidrBlockSets: [], ipv6CidrBlockSets: [], peerCidrBlockSets: [], peerIpv6CidrBlockSets: [],
                };
            },
            "aws:ec2/getVpcPeeringConnections:getVpcPeeringConnections": inputs => {
                const ids = peering.find(inputs.filters ?? []);
                return { ids, id: run.ctx.region, filters: inputs.filters, tags: {} };
            },
        },
    };
}

// The Route 53 Resolver inbound endpoint on-prem DNS servers forward the service zones to.
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ConnectionTracking, resolverEgress, resolverGroupDescription, resolverIngress } from "../lib/aws/securityGroups";

export interface ResolverInboundArgs {
    /** The hub VPC: the zones must stay associated with it. */
    readonly vpcId: pulumi.Input<string>;
    /** One address per entry; subnets in at least two AZs (checked by the stack). */
    readonly addresses: pulumi.Input<{ subnetId: string; ip?: string }[]>;
    /** On-prem DNS servers admitted on TCP and UDP 53 (tracked only: untracked admits every routed network). */
    readonly dnsServerCidrs: readonly string[];
    /** `untracked`: the rules AWS recommends at high query rates (lib/aws/securityGroups.ts resolverIngress). Default tracked. */
    readonly connectionTracking?: ConnectionTracking;
}

export class ResolverInbound extends pulumi.ComponentResource {
    readonly endpoint: aws.route53.ResolverEndpoint;
    /** The addresses on-prem forwarders point at. */
    readonly ips: pulumi.Output<string[]>;

    constructor(name: string, args: ResolverInboundArgs, opts?: pulumi.ComponentResourceOptions) {
        super("vpce-hub:resolver:ResolverInbound", name, {}, opts);
        const sg = new aws.ec2.SecurityGroup(`${name}-resolver`, {
            vpcId: args.vpcId,
            // Says who can query it, per mode. A new description replaces the group, and with it the
            // endpoint: switching modes gives the Resolver new addresses unless they are pinned.
            description: resolverGroupDescription(args.connectionTracking),
            ingress: resolverIngress(args.dnsServerCidrs, args.connectionTracking),
            // Tracked: inbound endpoints only answer, replies pass through the stateful rules.
            egress: resolverEgress(args.connectionTracking),
            tags: { Name: "vpce-hub-resolver-inbound", "vpce-hub:connection-tracking": args.connectionTracking ?? "tracked" },
        }, { parent: this });
        this.endpoint = new aws.route53.ResolverEndpoint(name, {
            name: "vpce-hub-inbound",
            direction: "INBOUND",
            securityGroupIds: [sg.id],
            ipAddresses: args.addresses,
            protocols: ["Do53"],
            tags: { Name: "vpce-hub-inbound" },
        }, { parent: this });
        this.ips = this.endpoint.ipAddresses.apply(list => list.map(a => a.ip!));
        this.registerOutputs({ ips: this.ips });
    }
}

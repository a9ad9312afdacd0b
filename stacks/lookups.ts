// Facts about existing infrastructure that config cannot state and AWS enforces: which AZ
// each subnet is in, which route table a subnet really uses, whether a VPC answers private
// zones. Each is looked up before anything is created, so a mismatch is a clear error.
import * as aws from "@pulumi/aws";
import * as ipaddr from "ipaddr.js";
import { ConfigError, NS } from "../lib/config";

/** The first listed subnet in each AZ: endpoints and TGW attachments take one subnet per AZ. */
export function onePerAz(subnets: readonly { id: string; availabilityZone: string }[]): string[] {
    const byAz = new Map<string, string>();
    for (const s of subnets) if (!byAz.has(s.availabilityZone)) byAz.set(s.availabilityZone, s.id);
    return [...byAz.values()];
}

/** The route table a subnet uses: its explicit association, else the VPC's main table. */
export async function routeTableOf(subnetId: string, vpcId: string): Promise<string> {
    try {
        return (await aws.ec2.getRouteTable({ subnetId })).routeTableId;
    } catch {
        // The provider finds only explicit associations; a subnet without one uses the main table.
        return (await aws.ec2.getRouteTable({ vpcId, filters: [{ name: "association.main", values: ["true"] }] })).routeTableId;
    }
}

/** Private hosted zones answer only in VPCs with DNS support and DNS hostnames on. */
export async function vpcDnsErrors(stack: string, vpcId: string): Promise<ConfigError[]> {
    const vpc = await aws.ec2.getVpc({ id: vpcId });
    const off = [!vpc.enableDnsSupport && "enableDnsSupport", !vpc.enableDnsHostnames && "enableDnsHostnames"].filter(Boolean);
    return off.length ? [{
        stack, key: `${NS}:vpc.id`,
        message: `${vpcId} has ${off.join(" and ")} off: private hosted zones answer only in VPCs with both on; turn them on first`,
    }] : [];
}

/** AWS reserves the first four addresses and the last one of every subnet. */
export function isReservedAddress(subnetCidr: string, ip: string): boolean {
    const network = ipaddr.IPv4.networkAddressFromCIDR(subnetCidr).toByteArray();
    const toInt = (b: number[]) => b.reduce((n, o) => n * 256 + o, 0);
    const offset = toInt(ipaddr.IPv4.parse(ip).toByteArray()) - toInt(network);
    const size = 2 ** (32 - ipaddr.IPv4.parseCIDR(subnetCidr)[1]);
    return offset < 4 || offset === size - 1;
}

// The dual-stack keys of a stack's configuration: `vpce-hub:ipAddressType`, the hub VPC's
// `vpc.ipv6Cidr`, and the `ipv6Cidrs` of spokes and on-prem. Read here, beside lib/config/index.ts,
// from the same raw values; lib/config/index.ts attaches the result to its model.
//
// Rules (each error names its key):
// - `ipAddressType` is ipv4 (default) or dualstack;
// - dualstack needs an existing hub VPC with its IPv6 block declared (`vpc.ipv6Cidr`): a VPC the
//   hub creates has none, and its subnets would not be dual-stack;
// - IPv6 blocks on a hub that is not dualstack are errors, not silently ignored: they would
//   suggest that IPv6 clients are served when no endpoint has an IPv6 address;
// - every IPv6 block is a valid CIDR without host bits, and no two overlap.
// A spoke stack may declare its own VPC's `vpc.ipv6Cidr` whatever the hub does: the spoke then
// routes the hub's IPv6 block when the hub publishes one.
import { IP_ADDRESS_TYPES, IpAddressType } from "../aws/dualStack";
import { coversEveryAddress6, overlaps6, parseCidr6 } from "../net/ipv6";

export interface Problem {
    readonly key: string;
    readonly message: string;
}

export interface HubDualStack {
    readonly ipAddressType: IpAddressType;
    readonly vpcIpv6Cidr?: string;
    /** Per spoke entry (same order as `spokes`). */
    readonly spokeIpv6Cidrs: readonly (readonly string[] | undefined)[];
    readonly onPremIpv6Cidrs?: readonly string[];
}

const NS = "vpce-hub";

function ipv6Cidr(key: string, v: unknown, problems: Problem[]): string | undefined {
    if (typeof v !== "string") { problems.push({ key, message: "must be an IPv6 CIDR block such as 2600:1f18:abcd:1200::/56" }); return undefined; }
    const c = parseCidr6(v);
    if (typeof c === "string") { problems.push({ key, message: c }); return undefined; }
    return v;
}

function ipv6CidrList(key: string, v: unknown, problems: Problem[]): string[] | undefined {
    if (!Array.isArray(v) || v.length === 0) {
        problems.push({ key, message: "must be a non-empty list of IPv6 CIDR blocks, e.g. [2600:1f18:abcd:1300::/56]" });
        return undefined;
    }
    const out = Array.from(v).map((c, i) => ipv6Cidr(`${key}[${i}]`, c, problems));
    return out.every(c => c !== undefined) ? out as string[] : undefined;
}

const asObject = (v: unknown): Record<string, unknown> | undefined =>
    typeof v === "object" && v !== null && !Array.isArray(v) ? v as Record<string, unknown> : undefined;

/** Reads the hub's dual-stack keys from the raw (decoded) `vpce-hub:` values. */
export function readHubDualStack(raw: Record<string, unknown>): { value?: HubDualStack; problems: Problem[] } {
    const problems: Problem[] = [];
    let ipAddressType: IpAddressType = "ipv4";
    if (raw.ipAddressType !== undefined) {
        if (IP_ADDRESS_TYPES.includes(raw.ipAddressType as IpAddressType)) ipAddressType = raw.ipAddressType as IpAddressType;
        else problems.push({ key: `${NS}:ipAddressType`, message: `must be ${IP_ADDRESS_TYPES.join(" or ")}, got ${JSON.stringify(raw.ipAddressType)}` });
    }
    const dual = ipAddressType === "dualstack";
    const only = `only applies with ${NS}:ipAddressType dualstack (the endpoints are IPv4 only now): set it, or remove this key`;
    const vpc = asObject(raw.vpc);
    let vpcIpv6Cidr: string | undefined;
    if (vpc?.ipv6Cidr !== undefined) {
        vpcIpv6Cidr = ipv6Cidr(`${NS}:vpc.ipv6Cidr`, vpc.ipv6Cidr, problems);
        if (!dual) problems.push({ key: `${NS}:vpc.ipv6Cidr`, message: only });
    }
    if (dual && vpc && vpc.id === undefined) {
        problems.push({ key: `${NS}:vpc`, message: "ipAddressType dualstack needs an existing VPC with dual-stack subnets (`id`, `subnetIds`, `ipv6Cidr`): a VPC the hub creates has no IPv6 block" });
    } else if (dual && vpc && vpc.ipv6Cidr === undefined) {
        problems.push({ key: `${NS}:vpc.ipv6Cidr`, message: "is required with ipAddressType dualstack: the hub VPC's IPv6 block, admitted by the endpoints' security groups" });
    }
    const spokes = Array.isArray(raw.spokes) ? raw.spokes : [];
    const spokeIpv6Cidrs = spokes.map((s, i) => {
        const v = asObject(s)?.ipv6Cidrs;
        if (v === undefined) return undefined;
        if (!dual) problems.push({ key: `${NS}:spokes[${i}].ipv6Cidrs`, message: only });
        return ipv6CidrList(`${NS}:spokes[${i}].ipv6Cidrs`, v, problems);
    });
    const onPrem = asObject(raw.onPrem);
    let onPremIpv6Cidrs: string[] | undefined;
    if (onPrem?.ipv6Cidrs !== undefined) {
        if (!dual) problems.push({ key: `${NS}:onPrem.ipv6Cidrs`, message: only });
        onPremIpv6Cidrs = ipv6CidrList(`${NS}:onPrem.ipv6Cidrs`, onPrem.ipv6Cidrs, problems);
        if (onPremIpv6Cidrs && coversEveryAddress6(onPremIpv6Cidrs)) {
            problems.push({ key: `${NS}:onPrem.ipv6Cidrs`, message: `${onPremIpv6Cidrs.length === 1 ? `${onPremIpv6Cidrs[0]} covers` : `${onPremIpv6Cidrs.join(", ")} together cover`} every IPv6 address: ` +
                "the endpoints' security groups would admit the whole internet; list the on-premises networks themselves" });
            onPremIpv6Cidrs = undefined;
        }
        // AWS: "Virtual private gateways do not support IPv6 for Site-to-Site VPN connections";
        // the VPN the hub creates ends on one. IPv6 from on-prem can arrive over Direct Connect
        // on an existing virtual private gateway (vpnGatewayId).
        if (onPrem.customerGateway !== undefined) {
            problems.push({ key: `${NS}:onPrem.ipv6Cidrs`, message: "the VPN the hub creates (customerGateway) ends on a virtual private gateway, which carries no IPv6 through Site-to-Site VPN: " +
                "IPv6 from on-prem needs Direct Connect on an existing gateway (vpnGatewayId); remove ipv6Cidrs or use vpnGatewayId" });
        }
    }
    const blocks = [
        ...(vpcIpv6Cidr ? [{ key: `${NS}:vpc.ipv6Cidr`, cidr: vpcIpv6Cidr }] : []),
        ...spokeIpv6Cidrs.flatMap((l, i) => (l ?? []).map((cidr, j) => ({ key: `${NS}:spokes[${i}].ipv6Cidrs[${j}]`, cidr }))),
        ...(onPremIpv6Cidrs ?? []).map((cidr, j) => ({ key: `${NS}:onPrem.ipv6Cidrs[${j}]`, cidr })),
    ];
    for (let i = 0; i < blocks.length; i++) {
        for (let j = i + 1; j < blocks.length; j++) {
            if (overlaps6(blocks[i].cidr, blocks[j].cidr)) {
                problems.push({ key: blocks[j].key, message: `${blocks[j].cidr} overlaps ${blocks[i].cidr} (${blocks[i].key}): routes between them would be ambiguous` });
            }
        }
    }
    return problems.length ? { problems } : { value: { ipAddressType, vpcIpv6Cidr, spokeIpv6Cidrs, onPremIpv6Cidrs }, problems };
}

/** A spoke's own VPC IPv6 block (`vpc.ipv6Cidr`), if declared. */
export function readSpokeIpv6Cidr(raw: Record<string, unknown>): { value?: string; problems: Problem[] } {
    const problems: Problem[] = [];
    const v = asObject(raw.vpc)?.ipv6Cidr;
    const value = v === undefined ? undefined : ipv6Cidr(`${NS}:vpc.ipv6Cidr`, v, problems);
    return { value, problems };
}

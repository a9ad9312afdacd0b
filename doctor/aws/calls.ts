// Every AWS API call `npm run doctor -- state` makes, as one table: the SDK command (or, for
// Route 53 Profiles, whose client npm does not serve here, the REST path it signs itself), the
// IAM action it needs, and the permissions AWS also checks for it. The read-only policy
// (deployments/doctorPolicy.ts) is made from this table, and the readers call AWS only through
// it, so the policy holds exactly what the doctor calls.
import { createHash, createHmac } from "crypto";
import * as ec2 from "@aws-sdk/client-ec2";
import * as r53 from "@aws-sdk/client-route-53";
import * as resolver from "@aws-sdk/client-route53resolver";
import * as ram from "@aws-sdk/client-ram";
import * as sts from "@aws-sdk/client-sts";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";

type Service = "ec2" | "route53" | "route53resolver" | "ram" | "sts" | "route53profiles";

/** An SDK command class: `new C(input)`; its name gives the API action. */
type CommandClass = new (input: any) => any;

export interface SdkCall { readonly service: Exclude<Service, "route53profiles">; readonly command: CommandClass; readonly also?: readonly string[]; readonly free?: boolean }
export interface RestCall { readonly service: "route53profiles"; readonly action: string; readonly path: (input: Record<string, string>) => string; readonly query: readonly string[] }
export type Call = SdkCall | RestCall;

const sdk = (service: SdkCall["service"], command: CommandClass, extra: Partial<SdkCall> = {}): SdkCall => ({ service, command, ...extra });

export const CALLS = {
    // STS answers GetCallerIdentity whatever the policy says (no permission is needed): which account a profile is.
    getCallerIdentity: sdk("sts", sts.GetCallerIdentityCommand, { free: true }),
    describeVpcEndpoints: sdk("ec2", ec2.DescribeVpcEndpointsCommand),
    describeNetworkInterfaces: sdk("ec2", ec2.DescribeNetworkInterfacesCommand),
    describeSecurityGroups: sdk("ec2", ec2.DescribeSecurityGroupsCommand),
    describeRouteTables: sdk("ec2", ec2.DescribeRouteTablesCommand),
    describeVpcPeeringConnections: sdk("ec2", ec2.DescribeVpcPeeringConnectionsCommand),
    describeTransitGatewayAttachments: sdk("ec2", ec2.DescribeTransitGatewayAttachmentsCommand),
    describeTransitGatewayVpcAttachments: sdk("ec2", ec2.DescribeTransitGatewayVpcAttachmentsCommand),
    describeTransitGatewayRouteTables: sdk("ec2", ec2.DescribeTransitGatewayRouteTablesCommand),
    getTransitGatewayRouteTablePropagations: sdk("ec2", ec2.GetTransitGatewayRouteTablePropagationsCommand),
    describeManagedPrefixLists: sdk("ec2", ec2.DescribeManagedPrefixListsCommand),
    getManagedPrefixListEntries: sdk("ec2", ec2.GetManagedPrefixListEntriesCommand),
    describeVpnGateways: sdk("ec2", ec2.DescribeVpnGatewaysCommand),
    describeVpnConnections: sdk("ec2", ec2.DescribeVpnConnectionsCommand),
    listHostedZones: sdk("route53", r53.ListHostedZonesCommand),
    getHostedZone: sdk("route53", r53.GetHostedZoneCommand),
    listResourceRecordSets: sdk("route53", r53.ListResourceRecordSetsCommand),
    listVPCAssociationAuthorizations: sdk("route53", r53.ListVPCAssociationAuthorizationsCommand),
    // Route 53 checks the VPC on the caller's behalf (ec2:DescribeVpcs; verify: third-party
    // IAM data lists no dependency, an SDK binding's docs name it).
    listHostedZonesByVPC: sdk("route53", r53.ListHostedZonesByVPCCommand, { also: ["ec2:DescribeVpcs"] }),
    listResolverEndpoints: sdk("route53resolver", resolver.ListResolverEndpointsCommand),
    listResolverEndpointIpAddresses: sdk("route53resolver", resolver.ListResolverEndpointIpAddressesCommand),
    getResourceShares: sdk("ram", ram.GetResourceSharesCommand),
    getResourceShareInvitations: sdk("ram", ram.GetResourceShareInvitationsCommand),
    listProfiles: { service: "route53profiles", action: "ListProfiles", path: () => "/profiles", query: ["maxResults", "nextToken"] } as RestCall,
    listProfileAssociations: { service: "route53profiles", action: "ListProfileAssociations", path: () => "/profileassociations", query: ["maxResults", "nextToken", "profileId", "resourceId"] } as RestCall,
    listProfileResourceAssociations: {
        service: "route53profiles", action: "ListProfileResourceAssociations",
        path: i => `/profileresourceassociations/profileid/${encodeURIComponent(i.ProfileId)}`, query: ["maxResults", "nextToken", "resourceType"],
    } as RestCall,
} as const;

/** The API action of a call: the SDK command's name without `Command`. */
export function actionOf(call: Call): string {
    return call.service === "route53profiles" ? call.action : call.command.name.replace(/Command$/, "");
}

/** The IAM actions a call needs: its own, and what AWS checks besides (none for STS's identity). */
export function iamActionsOf(call: Call): string[] {
    if (call.service !== "route53profiles" && call.free) return [];
    return [`${call.service}:${actionOf(call)}`, ...(call.service !== "route53profiles" ? call.also ?? [] : [])];
}

export interface ClientOptions {
    readonly region: string;
    readonly credentials: AwsCredentialIdentityProvider;
    /** Every call to this URL instead of AWS's (a local test server). */
    readonly endpoint?: string;
    readonly maxAttempts?: number;
}

/** The clients of one account in one region, and every action they were asked (for the report and the tests). */
export class Clients {
    readonly called = new Set<string>();
    private readonly sdk: Record<SdkCall["service"], { send: (c: any) => Promise<any> }>;

    constructor(readonly options: ClientOptions) {
        const cfg = { region: options.region, credentials: options.credentials, ...(options.endpoint ? { endpoint: options.endpoint } : {}), ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}) };
        this.sdk = {
            ec2: new ec2.EC2Client(cfg), route53: new r53.Route53Client(cfg), route53resolver: new resolver.Route53ResolverClient(cfg),
            ram: new ram.RAMClient(cfg), sts: new sts.STSClient(cfg),
        };
    }

    /** One call of the table. */
    async send<I extends Record<string, any>>(call: Call, input: I = {} as I): Promise<any> {
        this.called.add(actionOf(call));
        if (call.service === "route53profiles") return this.rest(call, input);
        return this.sdk[call.service].send(new call.command(input));
    }

    /** Route 53 Profiles' restJson1 GET, signed with SigV4 like the SDK would (service route53profiles). */
    private async rest(call: RestCall, input: Record<string, any>): Promise<any> {
        const base = new URL(this.options.endpoint ?? `https://route53profiles.${this.options.region}.amazonaws.com`);
        const query: Record<string, string> = {};
        for (const k of call.query) {
            const v = input[k[0].toUpperCase() + k.slice(1)];
            if (v !== undefined) query[k] = String(v);
        }
        const path = `${base.pathname.replace(/\/$/, "")}${call.path(input)}`;
        const signer = new SignatureV4({ service: "route53profiles", region: this.options.region, credentials: this.options.credentials, sha256: NodeSha256 });
        const signed = await signer.sign({
            method: "GET", protocol: base.protocol, hostname: base.hostname, ...(base.port ? { port: Number(base.port) } : {}), path, query,
            headers: { host: base.host, accept: "application/json" },
        });
        const qs = new URLSearchParams(query).toString();
        const res = await fetch(`${base.protocol}//${base.host}${path}${qs ? `?${qs}` : ""}`, { method: "GET", headers: signed.headers as Record<string, string> });
        const text = await res.text();
        const body = text ? JSON.parse(text) : {};
        if (!res.ok) {
            const name = (res.headers.get("x-amzn-errortype") ?? body.__type ?? `Http${res.status}`).split(":")[0].split("#").pop();
            const err = new Error(body.Message ?? body.message ?? `${call.action} failed with HTTP ${res.status}`);
            err.name = name;
            throw err;
        }
        return body;
    }
}

/** SHA-256 for the signer, from Node's crypto (hash, or HMAC with a secret). */
class NodeSha256 {
    private h: ReturnType<typeof createHash> | ReturnType<typeof createHmac>;
    constructor(private readonly secret?: any) { this.h = this.fresh(); }
    private fresh() { return this.secret === undefined ? createHash("sha256") : createHmac("sha256", Buffer.from(this.secret as any)); }
    update(data: string | Uint8Array): void { this.h.update(typeof data === "string" ? data : Buffer.from(data)); }
    async digest(): Promise<Uint8Array> { return new Uint8Array(this.h.digest()); }
    reset(): void { this.h = this.fresh(); }
}

export type { AwsCredentialIdentity, AwsCredentialIdentityProvider };

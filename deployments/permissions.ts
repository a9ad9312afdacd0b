// The deploy roles' permission policies, as plain data: what a hub's and a member's deployments
// may do, scoped to what vpce-hub manages. deployments/actions.ts says which actions the
// program needs; the tests hold the two equal. Pure: no Pulumi import.
//
// How each write is bounded, where AWS allows it (Service Authorization Reference):
// - what vpce-hub creates carries a `Name` tag starting with `vpce-hub` (components/): creates
//   require it (aws:RequestTag), changes and deletes find it (aws:ResourceTag);
// - ARNs name the regions the stacks run in and the account (a member's Transit Gateway and
//   peering come from the hubs' accounts only), plus aws:RequestedRegion on `*` resources;
// - the networks the stacks declare: the hub's and members' VPC ids where the stack files name
//   them (ec2:Vpc, route53:VPCs, route53profiles:ResourceIds);
// - Route 53 has no tag conditions: records are limited to AWS service names and A/AAAA
//   types, so the role cannot change (or empty, then delete) any other zone;
// - VPN and customer gateway actions only for a hub whose onPrem declares a customerGateway.
import type { DeploySide } from "../lib/config/deployRoles";
import type { PolicyDocument, PolicyStatement } from "./oidc";

/** What a role's statements are scoped to. */
export interface PermissionScope {
    readonly side: DeploySide;
    /** The role's own account, or `${AWS::AccountId}` in a CloudFormation template. */
    readonly account: string;
    /** The regions the stacks of this side and account run in. */
    readonly regions: readonly string[];
    /** Hub only: a new site-to-site VPN (onPrem.customerGateway) is created. */
    readonly customerGateway?: boolean;
    /**
     * The VPCs the stacks declare (a hub's existing VPC, each member's VPC). Absent: a VPC the
     * hub creates, or a StackSet role serving accounts not known yet: any VPC of the regions.
     */
    readonly vpcIds?: readonly string[];
    /** Member only: the accounts of the hubs it connects to (Transit Gateway, peering, RAM). */
    readonly hubAccounts?: readonly string[];
    /** Member only: a member retires its own endpoints (`vpce-hub:existingEndpoints.retire`): it deletes them once the hub answers. */
    readonly retiresOwnEndpoints?: boolean;
}

/** The tag vpce-hub puts on what it creates (components/): `Name` = `vpce-hub...`. */
export const MANAGED_TAG = { key: "Name", pattern: "vpce-hub*" } as const;

/**
 * Record names the hub writes: the services' names, all under AWS's domains (lib/catalog/rows.ts:
 * amazonaws.com, api.aws, on.aws, sagemaker.aws), apex and wildcard. Normalized as Route 53's
 * condition key has them: lower case, no trailing dot, `*` as `\052`.
 */
export const SERVICE_RECORD_NAMES: readonly string[] = ["*.amazonaws.com", "*.api.aws", "*.on.aws", "*.aws"];

const requestTagged = { StringLike: { [`aws:RequestTag/${MANAGED_TAG.key}`]: MANAGED_TAG.pattern } };
const resourceTagged = { StringLike: { [`aws:ResourceTag/${MANAGED_TAG.key}`]: MANAGED_TAG.pattern } };

/** A statement in the making: Sid, actions, resources and an optional condition. */
type Stmt = PolicyStatement & { readonly Resource: string | readonly string[] };

function stmt(sid: string, actions: readonly string[], resource: string | readonly string[], condition?: PolicyStatement["Condition"]): Stmt {
    return { Sid: sid, Effect: "Allow", Action: [...actions], Resource: typeof resource === "string" ? resource : [...resource], ...(condition ? { Condition: condition } : {}) };
}

/** Merges two conditions (operator by operator). */
function and(...conditions: (PolicyStatement["Condition"] | undefined)[]): PolicyStatement["Condition"] {
    const out: Record<string, Record<string, string | readonly string[]>> = {};
    for (const c of conditions) for (const [op, keys] of Object.entries(c ?? {})) out[op] = { ...(out[op] ?? {}), ...keys };
    return out;
}

/** The ARNs of an EC2 resource type in the scope's regions (`account` defaults to the role's). */
function ec2Arns(scope: PermissionScope, type: string, id = "*", account = scope.account): string[] {
    return scope.regions.map(r => `arn:aws:ec2:${r}:${account}:${type}/${id}`);
}

/** The declared VPCs' ARNs, or every VPC of the account in the regions. */
function vpcArns(scope: PermissionScope): string[] {
    return scope.vpcIds?.length ? scope.regions.flatMap(r => scope.vpcIds!.map(v => `arn:aws:ec2:${r}:${scope.account}:vpc/${v}`)) : ec2Arns(scope, "vpc");
}

/** `ec2:Vpc` limited to the declared VPCs, when there are any. */
function inDeclaredVpcs(scope: PermissionScope): PolicyStatement["Condition"] | undefined {
    return scope.vpcIds?.length ? { ArnEquals: { "ec2:Vpc": vpcArns(scope) } } : undefined;
}

/** `route53:VPCs` values (`VPCId=<id>,VPCRegion=<region>`) of the declared VPCs, or any VPC in the regions. */
function route53Vpcs(scope: PermissionScope): string[] {
    return scope.regions.flatMap(r => (scope.vpcIds?.length ? scope.vpcIds : ["*"]).map(v => `VPCId=${v},VPCRegion=${r}`));
}

const inRegions = (scope: PermissionScope) => ({ StringEquals: { "aws:RequestedRegion": [...scope.regions] } });

/** EC2 creates whose TagSpecifications vpce-hub fills (ec2:CreateTags with ec2:CreateAction). */
function createActions(scope: PermissionScope): string[] {
    if (scope.side === "member") return ["CreateTransitGatewayVpcAttachment"];
    return ["CreateVpcEndpoint", "CreateSecurityGroup", "CreateVpc", "CreateSubnet", "CreateRouteTable", "CreateManagedPrefixList",
        "CreateVpcPeeringConnection", "CreateTransitGateway", "CreateTransitGatewayRouteTable", "CreateTransitGatewayVpcAttachment",
        ...(scope.customerGateway ? ["CreateVpnGateway", "CreateCustomerGateway", "CreateVpnConnection"] : [])];
}

/** The reads of a side: what a preview needs, and the deploy role's reads too. */
export function readStatements(scope: PermissionScope): Stmt[] {
    const ec2Gets = scope.side === "hub"
        ? ["ec2:GetManagedPrefixListEntries", "ec2:GetTransitGatewayRouteTableAssociations", "ec2:GetTransitGatewayRouteTablePropagations"]
        : [];
    const regional = scope.side === "hub"
        ? ["ec2:Describe*", ...ec2Gets, "ram:Get*", "ram:List*", "route53resolver:Get*", "route53resolver:List*", "route53profiles:Get*", "route53profiles:List*"]
        : ["ec2:Describe*", "ram:Get*", "ram:List*", "route53profiles:Get*"];
    return [
        // ec2:Get* would include GetPasswordData and GetConsoleOutput: only the three reads named.
        stmt("ReadRegional", regional, "*", inRegions(scope)),
        // Route 53 and Organizations are global: their calls go to us-east-1, whatever the region.
        stmt("ReadGlobal", scope.side === "hub" ? ["route53:Get*", "route53:List*", "organizations:DescribeOrganization"] : ["route53:Get*", "route53:List*"], "*"),
    ];
}

/** The hub's writes. */
function hubWrites(scope: PermissionScope): Stmt[] {
    const arn = (type: string) => ec2Arns(scope, type);
    const vpcs = vpcArns(scope);
    const out: Stmt[] = [
        // Endpoints: created tagged, in the hub's VPC, subnets and its own security groups.
        stmt("EndpointCreate", ["ec2:CreateVpcEndpoint"], arn("vpc-endpoint"), requestTagged),
        stmt("EndpointPlacement", ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint"], [...vpcs, ...arn("subnet"), ...arn("security-group"), ...arn("route-table")], inDeclaredVpcs(scope)),
        stmt("EndpointChange", ["ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"], arn("vpc-endpoint"), resourceTagged),
        stmt("SecurityGroupCreate", ["ec2:CreateSecurityGroup"], arn("security-group"), requestTagged),
        stmt("SecurityGroupVpc", ["ec2:CreateSecurityGroup"], vpcs),
        stmt("SecurityGroupChange", ["ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
            "ec2:UpdateSecurityGroupRuleDescriptionsEgress"], arn("security-group"), resourceTagged),
        // A rule is authorized as its own resource too; the group's statement bounds which group.
        stmt("SecurityGroupRules", ["ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress"], arn("security-group-rule")),
        // Routes to spokes and on-prem, in the hub VPC's route tables.
        stmt("Routes", ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation"],
            arn("route-table"), inDeclaredVpcs(scope)),
        stmt("VgwPropagation", ["ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation"], arn("vpn-gateway")),
        // The VPC the hub creates (no vpc.id) and the migration's zone-parking VPC, tagged.
        stmt("VpcCreate", ["ec2:CreateVpc"], arn("vpc"), requestTagged),
        stmt("VpcChange", ["ec2:DeleteVpc", "ec2:ModifyVpcAttribute", "ec2:CreateSubnet", "ec2:CreateRouteTable"], arn("vpc"), resourceTagged),
        // awsx names its subnets and route tables itself (Name hub-isolated-N), so no tag binds
        // them: only creating them is tied to a vpce-hub VPC (above), the rest to the regions.
        stmt("VpcParts", ["ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute", "ec2:CreateRouteTable",
            "ec2:DeleteRouteTable", "ec2:AssociateRouteTable", "ec2:DisassociateRouteTable"], [...arn("subnet"), ...arn("route-table")]),
        stmt("PrefixListCreate", ["ec2:CreateManagedPrefixList"], arn("prefix-list"), requestTagged),
        stmt("PrefixListChange", ["ec2:ModifyManagedPrefixList", "ec2:DeleteManagedPrefixList"], arn("prefix-list"), resourceTagged),
        // Peering requests from the hub's VPC to any member VPC (members join without a hub re-bootstrap).
        stmt("PeeringRequest", ["ec2:CreateVpcPeeringConnection"], [...vpcs, ...scope.regions.map(r => `arn:aws:ec2:${r}:*:vpc/*`)]),
        stmt("PeeringCreate", ["ec2:CreateVpcPeeringConnection"], arn("vpc-peering-connection"), requestTagged),
        stmt("PeeringChange", ["ec2:DeleteVpcPeeringConnection", "ec2:ModifyVpcPeeringConnectionOptions"], arn("vpc-peering-connection"), resourceTagged),
        // The Transit Gateway, its two tables and the hub's attachment, all tagged.
        stmt("TransitGatewayCreate", ["ec2:CreateTransitGateway", "ec2:CreateTransitGatewayRouteTable", "ec2:CreateTransitGatewayVpcAttachment"],
            [...arn("transit-gateway"), ...arn("transit-gateway-route-table"), ...arn("transit-gateway-attachment")], requestTagged),
        stmt("TransitGatewayChange", ["ec2:ModifyTransitGateway", "ec2:DeleteTransitGateway", "ec2:CreateTransitGatewayRouteTable",
            "ec2:DeleteTransitGatewayRouteTable", "ec2:CreateTransitGatewayVpcAttachment", "ec2:ModifyTransitGatewayVpcAttachment",
            "ec2:DeleteTransitGatewayVpcAttachment", "ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable",
            "ec2:EnableTransitGatewayRouteTablePropagation", "ec2:DisableTransitGatewayRouteTablePropagation"],
            [...arn("transit-gateway"), ...arn("transit-gateway-route-table"), ...arn("transit-gateway-attachment")], resourceTagged),
        stmt("TransitGatewayAttachmentPlacement", ["ec2:CreateTransitGatewayVpcAttachment", "ec2:ModifyTransitGatewayVpcAttachment"],
            [...vpcs, ...arn("subnet")], inDeclaredVpcs(scope)),
        ...serviceLinkedRole(),
        ...ec2Tagging(scope),
        // RAM: the Transit Gateway's and the profile's shares, created tagged.
        stmt("RamCreate", ["ram:CreateResourceShare", "ram:TagResource"], "*", and(requestTagged, inRegions(scope))),
        stmt("RamChange", ["ram:UpdateResourceShare", "ram:DeleteResourceShare", "ram:AssociateResourceShare", "ram:DisassociateResourceShare",
            "ram:AssociateResourceSharePermission", "ram:DisassociateResourceSharePermission", "ram:TagResource", "ram:UntagResource"],
            scope.regions.map(r => `arn:aws:ram:${r}:${scope.account}:resource-share/*`), resourceTagged),
        // Route 53: private zones only (created with a VPC of the regions), records only for AWS service names.
        stmt("ZoneCreate", ["route53:CreateHostedZone"], "*", {
            Null: { "route53:VPCs": "false" }, "ForAllValues:StringLike": { "route53:VPCs": route53Vpcs(scope) },
        }),
        stmt("ZoneChange", ["route53:DeleteHostedZone", "route53:UpdateHostedZoneComment", "route53:ChangeTagsForResource",
            "route53:CreateVPCAssociationAuthorization", "route53:DeleteVPCAssociationAuthorization"], "arn:aws:route53:::hostedzone/*"),
        stmt("ZoneVpcs", ["route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone"], "arn:aws:route53:::hostedzone/*", {
            "ForAllValues:StringLike": { "route53:VPCs": route53Vpcs({ ...scope, vpcIds: undefined }) },
        }),
        stmt("Records", ["route53:ChangeResourceRecordSets"], "arn:aws:route53:::hostedzone/*", {
            "ForAllValues:StringLike": { "route53:ChangeResourceRecordSetsNormalizedRecordNames": [...SERVICE_RECORD_NAMES] },
            "ForAllValues:StringEquals": { "route53:ChangeResourceRecordSetsRecordTypes": ["A", "AAAA"] },
        }),
        // The Resolver's inbound endpoint, and the network interfaces it makes in the caller's name.
        stmt("ResolverCreate", ["route53resolver:CreateResolverEndpoint", "route53resolver:TagResource"],
            scope.regions.map(r => `arn:aws:route53resolver:${r}:${scope.account}:resolver-endpoint/*`), requestTagged),
        stmt("ResolverChange", ["route53resolver:UpdateResolverEndpoint", "route53resolver:DeleteResolverEndpoint",
            "route53resolver:AssociateResolverEndpointIpAddress", "route53resolver:DisassociateResolverEndpointIpAddress",
            "route53resolver:TagResource", "route53resolver:UntagResource"],
            scope.regions.map(r => `arn:aws:route53resolver:${r}:${scope.account}:resolver-endpoint/*`), resourceTagged),
        stmt("ResolverInterfaces", ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute",
            "ec2:CreateNetworkInterfacePermission"], [...arn("network-interface"), ...arn("subnet"), ...arn("security-group")], inDeclaredVpcs(scope)),
        // Route 53 Profiles: no resource type on most actions (Service Authorization Reference), so `*` bounded by region and conditions.
        stmt("ProfileCreate", ["route53profiles:CreateProfile", "route53profiles:TagResource"], "*", and(requestTagged, inRegions(scope))),
        stmt("ProfileChange", ["route53profiles:DeleteProfile", "route53profiles:PutProfilePolicy", "route53profiles:UntagResource", "route53profiles:TagResource"],
            scope.regions.map(r => `arn:aws:route53profiles:${r}:${scope.account}:profile/*`), resourceTagged),
        stmt("ProfileContents", ["route53profiles:AssociateResourceToProfile", "route53profiles:DisassociateResourceFromProfile"], "*", and(inRegions(scope), {
            "ForAllValues:StringEquals": { "route53profiles:ResourceTypes": ["HostedZone", "VpcEndpoint"] },
        })),
        // The hub VPC joins the profile during the zones -> endpoint migration only.
        stmt("ProfileHubVpc", ["route53profiles:AssociateProfile", "route53profiles:DisassociateProfile"], "*", and(inRegions(scope),
            scope.vpcIds?.length ? { "ForAllValues:StringEquals": { "route53profiles:ResourceIds": [...scope.vpcIds] } } : undefined)),
    ];
    if (scope.customerGateway) out.push(
        stmt("VpnCreate", ["ec2:CreateVpnGateway", "ec2:CreateCustomerGateway", "ec2:CreateVpnConnection"],
            [...arn("vpn-gateway"), ...arn("customer-gateway"), ...arn("vpn-connection")], requestTagged),
        stmt("VpnChange", ["ec2:DeleteVpnGateway", "ec2:AttachVpnGateway", "ec2:DetachVpnGateway", "ec2:DeleteCustomerGateway",
            "ec2:CreateVpnConnection", "ec2:DeleteVpnConnection", "ec2:ModifyVpnConnection", "ec2:ModifyVpnConnectionOptions",
            "ec2:ModifyVpnTunnelOptions", "ec2:CreateVpnConnectionRoute", "ec2:DeleteVpnConnectionRoute"],
            [...arn("vpn-gateway"), ...arn("customer-gateway"), ...arn("vpn-connection")], resourceTagged),
        stmt("VpnAttach", ["ec2:AttachVpnGateway", "ec2:DetachVpnGateway"], vpcs),
    );
    return out;
}

/** A member's writes: accept what its hubs offer, attach, route, associate. */
function memberWrites(scope: PermissionScope): Stmt[] {
    const arn = (type: string) => ec2Arns(scope, type);
    const vpcs = vpcArns(scope);
    const hubs = scope.hubAccounts?.length ? scope.hubAccounts : ["*"];
    const hubVpcs = scope.regions.flatMap(r => hubs.map(a => `arn:aws:ec2:${r}:${a}:vpc/*`));
    return [
        // Only peerings the hubs' accounts requested, into the member's own VPCs.
        stmt("PeeringAccept", ["ec2:AcceptVpcPeeringConnection", "ec2:CreateTags"], arn("vpc-peering-connection"), { ArnLike: { "ec2:RequesterVpc": hubVpcs } }),
        stmt("PeeringAcceptVpc", ["ec2:AcceptVpcPeeringConnection"], vpcs),
        // Attach to a hub's Transit Gateway only, from the member's VPC.
        stmt("AttachmentCreate", ["ec2:CreateTransitGatewayVpcAttachment"], arn("transit-gateway-attachment"), requestTagged),
        stmt("AttachmentTarget", ["ec2:CreateTransitGatewayVpcAttachment"], [...scope.regions.flatMap(r => hubs.map(a => `arn:aws:ec2:${r}:${a}:transit-gateway/*`)), ...vpcs, ...arn("subnet")]),
        stmt("AttachmentChange", ["ec2:ModifyTransitGatewayVpcAttachment", "ec2:DeleteTransitGatewayVpcAttachment"], arn("transit-gateway-attachment"), resourceTagged),
        stmt("AttachmentSubnets", ["ec2:ModifyTransitGatewayVpcAttachment"], arn("subnet"), inDeclaredVpcs(scope)),
        ...serviceLinkedRole(),
        stmt("Routes", ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute"], arn("route-table"), inDeclaredVpcs(scope)),
        ...ec2Tagging(scope),
        // Zones: the member's VPCs only; which zones is the hub's authorization to give.
        stmt("ZoneAssociation", ["route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone"], "arn:aws:route53:::hostedzone/*", {
            "ForAllValues:StringLike": { "route53:VPCs": route53Vpcs(scope) },
        }),
        stmt("ProfileAssociation", ["route53profiles:AssociateProfile", "route53profiles:DisassociateProfile"], "*", and(inRegions(scope),
            scope.vpcIds?.length ? { "ForAllValues:StringEquals": { "route53profiles:ResourceIds": [...scope.vpcIds] } } : undefined)),
        // Shares from the hubs' accounts only (outside an organization, or with sharing off).
        stmt("RamAccept", ["ram:AcceptResourceShareInvitation"], scope.regions.map(r => `arn:aws:ram:${r}:*:resource-share-invitation/*`),
            { StringEquals: { "ram:ShareOwnerAccountId": [...hubs] } }),
        stmt("RamLeave", ["ram:DisassociateResourceShare"], scope.regions.flatMap(r => hubs.map(a => `arn:aws:ram:${r}:${a}:resource-share/*`))),
        // The member's own endpoints from before the hub (docs/adoption.md): adopted as they are
        // (an import changes nothing), deleted once the hub answers. They carry no vpce-hub tag,
        // so the VPC bounds them: only endpoints in the member's declared VPCs.
        ...(scope.retiresOwnEndpoints ? [stmt("RetireOwnEndpoints", ["ec2:DeleteVpcEndpoints"], arn("vpc-endpoint"), inDeclaredVpcs(scope))] : []),
    ];
}

/** The Transit Gateway's service-linked role, made by the first attachment in an account, and nothing else in IAM. */
function serviceLinkedRole(): Stmt[] {
    return [stmt("TransitGatewayServiceLinkedRole", ["iam:CreateServiceLinkedRole"],
        "arn:aws:iam::*:role/aws-service-role/transitgateway.amazonaws.com/AWSServiceRoleForVPCTransitGateway",
        { StringEquals: { "iam:AWSServiceName": TRANSIT_GATEWAY_SERVICE } })];
}

/** Tags: on what vpce-hub creates, at creation; afterwards only on what it tagged. */
function ec2Tagging(scope: PermissionScope): Stmt[] {
    return [
        stmt("TagOnCreate", ["ec2:CreateTags"], scope.regions.map(r => `arn:aws:ec2:${r}:${scope.account}:*/*`), { StringEquals: { "ec2:CreateAction": createActions(scope) } }),
        stmt("TagChange", ["ec2:CreateTags", "ec2:DeleteTags"], scope.regions.map(r => `arn:aws:ec2:${r}:${scope.account}:*/*`), resourceTagged),
    ];
}

/** The service whose service-linked role the deploy role may create. */
export const TRANSIT_GATEWAY_SERVICE = "transitgateway.amazonaws.com";

/** The deploy role's permission policy: its side's reads and writes. */
export function permissionPolicy(scope: PermissionScope): PolicyDocument {
    checkScope(scope);
    return { Version: "2012-10-17", Statement: [...readStatements(scope), ...(scope.side === "hub" ? hubWrites(scope) : memberWrites(scope))] };
}

/** The preview role's permission policy: the side's reads, nothing else. */
export function previewPolicy(scope: PermissionScope): PolicyDocument {
    checkScope(scope);
    return { Version: "2012-10-17", Statement: readStatements(scope) };
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d$/;
const ACCOUNT_OR_TEMPLATE = /^(\d{12}|\$\{AWS::AccountId\})$/;

/** A scope that would widen a statement (a `*` smuggled into an ARN) fails here, naming the field. */
function checkScope(scope: PermissionScope): void {
    if (!scope.regions.length) throw new Error("regions: at least one region is needed to scope the role");
    for (const r of scope.regions) if (!REGION.test(r)) throw new Error(`regions: ${JSON.stringify(r)} is not an AWS region`);
    if (!ACCOUNT_OR_TEMPLATE.test(scope.account)) throw new Error(`account: must be a 12-digit account id, got ${JSON.stringify(scope.account)}`);
    for (const v of scope.vpcIds ?? []) if (!/^vpc-[0-9a-f]{8,17}$/.test(v)) throw new Error(`vpcIds: ${JSON.stringify(v)} is not a VPC id`);
    for (const a of scope.hubAccounts ?? []) if (!/^\d{12}$/.test(a)) throw new Error(`hubAccounts: ${JSON.stringify(a)} is not an account id`);
}

/** Every action a policy grants, patterns included. */
export function actionsOf(doc: PolicyDocument): string[] {
    return [...new Set(doc.Statement.flatMap(s => (typeof s.Action === "string" ? [s.Action] : [...s.Action])))].sort();
}

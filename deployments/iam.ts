// The IAM documents of the per-account deploy role, as plain data. Pure: no Pulumi import.
// deployments/bootstrap.ts puts them on AWS; the tests read them directly.
import { PROJECT } from "./lib";

/** Pulumi Cloud's OIDC issuer, for Deployments and ESC alike. */
export const OIDC_ISSUER_URL = "https://api.pulumi.com/oidc";
/** The issuer as IAM condition keys spell it (`<host/path>:aud`, `<host/path>:sub`). */
const ISSUER = "api.pulumi.com/oidc";

export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow";
    readonly Action: string | readonly string[];
    readonly Resource?: string;
    readonly Principal?: { readonly Federated: string };
    readonly Condition?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export interface PolicyDocument {
    readonly Version: "2012-10-17";
    readonly Statement: readonly PolicyStatement[];
}

// Organization, project and stack end up inside StringLike patterns: a `*` or `?` in them
// would widen the trust, so only Pulumi's own name characters pass.
const NAME = /^[A-Za-z0-9_.-]+$/;
const ESC_ENV = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

function check(field: string, value: string, re: RegExp, what: string): void {
    if (!re.test(value)) throw new Error(`${field}: must be ${what}, got ${JSON.stringify(value)}`);
}

/** The audience of Deployments' own OIDC tokens: the organization's name. */
export function deploymentsAudience(organization: string): string {
    return organization;
}

/** The audience of ESC's aws-login tokens for environments outside the `default` project. */
export function escAudience(organization: string): string {
    return `aws:${organization}`;
}

/** The subjects of one stack's deployments, any operation (`...:operation:update:scope:write`). */
export function deploySubjectPattern(organization: string, project: string, stack: string): string {
    return `pulumi:deploy:org:${organization}:project:${project}:stack:${stack}:*`;
}

/**
 * The subject ESC presents for `environment` (`<project>/<name>`) when its aws-login sets
 * `subjectAttributes: [currentEnvironment.name]`. Without that, an environment imported by a
 * stack presents `...:env:<yaml>`, the same for every environment (pulumi/pulumi#14509).
 */
export function escSubject(organization: string, environment: string): string {
    return `pulumi:environments:pulumi.organization.login:${organization}:currentEnvironment.name:${environment}`;
}

/** The ESC environment of a stack, as esc/ names them: `vpce-hub/vpce-hub-<stack>`. */
export function defaultEscEnvironment(stack: string): string {
    return `${PROJECT}/${PROJECT}-${stack}`;
}

/** The client IDs (audiences) the account's OIDC provider must list. */
export function oidcClientIds(organization: string, withEsc: boolean): string[] {
    return withEsc ? [deploymentsAudience(organization), escAudience(organization)] : [deploymentsAudience(organization)];
}

export interface TrustPolicyInput {
    /** ARN of the account's OIDC provider for https://api.pulumi.com/oidc. */
    readonly providerArn: string;
    readonly organization: string;
    readonly project: string;
    /** The one stack whose deployments may assume the role. */
    readonly stack: string;
    /** `<project>/<name>` of the one ESC environment that may assume the role too. */
    readonly escEnvironment?: string;
}

/**
 * Who may assume the deploy role: only web identities from Pulumi's OIDC provider, and of
 * those only this stack's deployments (and, when given, this one ESC environment).
 * Audiences match exactly: a prefix pattern would admit an organization named `acme-evil`.
 */
export function trustPolicy(input: TrustPolicyInput): PolicyDocument {
    check("organization", input.organization, NAME, "a Pulumi organization name");
    check("project", input.project, NAME, "a Pulumi project name");
    check("stack", input.stack, NAME, "a Pulumi stack name");
    const principal = { Federated: input.providerArn };
    const statements: PolicyStatement[] = [{
        Sid: "PulumiDeployments",
        Effect: "Allow",
        Principal: principal,
        Action: "sts:AssumeRoleWithWebIdentity",
        Condition: {
            StringEquals: { [`${ISSUER}:aud`]: deploymentsAudience(input.organization) },
            StringLike: { [`${ISSUER}:sub`]: deploySubjectPattern(input.organization, input.project, input.stack) },
        },
    }];
    if (input.escEnvironment !== undefined) {
        // `default/...` environments get the bare organization as audience (ESC keeps legacy
        // environments working that way); requiring a project keeps the audience `aws:<org>`.
        check("escEnvironment", input.escEnvironment, ESC_ENV, "an ESC environment as <project>/<name>, e.g. vpce-hub/vpce-hub-shared");
        if (input.escEnvironment.startsWith("default/")) {
            throw new Error(`escEnvironment: ${input.escEnvironment} is in ESC's legacy default project, whose tokens carry a different audience; use a project such as ${PROJECT}/`);
        }
        statements.push({
            Sid: "PulumiEsc",
            Effect: "Allow",
            Principal: principal,
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    [`${ISSUER}:aud`]: escAudience(input.organization),
                    [`${ISSUER}:sub`]: escSubject(input.organization, input.escEnvironment),
                },
            },
        });
    }
    return { Version: "2012-10-17", Statement: statements };
}

/** One statement of the deploy role's permissions. */
export interface DeployPermission {
    readonly sid: string;
    readonly actions: readonly string[];
    /** Narrows the statement (IAM condition operators to keys to values). */
    readonly condition?: PolicyStatement["Condition"];
    /** Only the hub's or only a member's deploy role needs it; omitted: both. */
    readonly side?: "hub" | "member";
}

/** Which stacks a deploy role deploys: the hub, members, or both (an account holding both). */
export type DeploySide = "hub" | "member" | "both";

/** The service whose service-linked role the deploy role may create, and nothing else in IAM. */
export const TRANSIT_GATEWAY_SERVICE = "transitgateway.amazonaws.com";

/**
 * What vpce-hub manages, one row per concern. Writes are listed one by one; only read verbs
 * (Describe, Get, List, Search) use a service-prefixed wildcard. The one IAM action creates
 * the Transit Gateway's service-linked role and is limited to that service by condition: the
 * role cannot create, change or attach roles and policies, so it cannot widen itself.
 */
export const DEPLOY_PERMISSIONS: readonly DeployPermission[] = [
    {
        sid: "Read",
        actions: ["ec2:Describe*", "ec2:SearchTransitGatewayRoutes", "ec2:GetTransitGatewayRouteTableAssociations",
            "ec2:GetTransitGatewayRouteTablePropagations", "ec2:GetTransitGatewayAttachmentPropagations", "sts:GetCallerIdentity"],
    },
    {
        sid: "VpcEndpoints",
        actions: ["ec2:CreateVpcEndpoint", "ec2:ModifyVpcEndpoint", "ec2:DeleteVpcEndpoints"],
    },
    {
        sid: "SecurityGroups",
        actions: ["ec2:CreateSecurityGroup", "ec2:DeleteSecurityGroup",
            "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
            "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress",
            "ec2:ModifySecurityGroupRules", "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
            "ec2:UpdateSecurityGroupRuleDescriptionsEgress"],
    },
    {
        sid: "Routes",
        actions: ["ec2:CreateRoute", "ec2:ReplaceRoute", "ec2:DeleteRoute"],
    },
    {
        // The hub VPC awsx creates: isolated subnets only, so no internet or NAT gateway.
        sid: "HubVpc",
        actions: ["ec2:CreateVpc", "ec2:DeleteVpc", "ec2:ModifyVpcAttribute",
            "ec2:CreateSubnet", "ec2:DeleteSubnet", "ec2:ModifySubnetAttribute",
            "ec2:CreateRouteTable", "ec2:DeleteRouteTable", "ec2:AssociateRouteTable",
            "ec2:DisassociateRouteTable", "ec2:ReplaceRouteTableAssociation"],
    },
    {
        sid: "VpcPeering",
        actions: ["ec2:CreateVpcPeeringConnection", "ec2:AcceptVpcPeeringConnection",
            "ec2:DeleteVpcPeeringConnection", "ec2:ModifyVpcPeeringConnectionOptions"],
    },
    {
        sid: "TransitGateway",
        actions: ["ec2:CreateTransitGateway", "ec2:ModifyTransitGateway", "ec2:DeleteTransitGateway",
            "ec2:CreateTransitGatewayVpcAttachment", "ec2:ModifyTransitGatewayVpcAttachment",
            "ec2:DeleteTransitGatewayVpcAttachment", "ec2:AcceptTransitGatewayVpcAttachment",
            "ec2:CreateTransitGatewayRouteTable", "ec2:DeleteTransitGatewayRouteTable",
            "ec2:AssociateTransitGatewayRouteTable", "ec2:DisassociateTransitGatewayRouteTable",
            "ec2:EnableTransitGatewayRouteTablePropagation", "ec2:DisableTransitGatewayRouteTablePropagation",
            "ec2:CreateTransitGatewayRoute", "ec2:ReplaceTransitGatewayRoute", "ec2:DeleteTransitGatewayRoute"],
    },
    {
        // The first Transit Gateway VPC attachment in an account creates the service-linked
        // role AWSServiceRoleForVPCTransitGateway in the caller's name (AWS Transit Gateway
        // guide, "Use service-linked roles for transit gateways"); the hub and every TGW member
        // may be the first in their account.
        sid: "TransitGatewayServiceLinkedRole",
        actions: ["iam:CreateServiceLinkedRole"],
        condition: { StringEquals: { "iam:AWSServiceName": TRANSIT_GATEWAY_SERVICE } },
    },
    {
        // The Resolver's addresses are network interfaces it creates in the caller's name.
        sid: "ResolverInterfaces",
        actions: ["ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:CreateNetworkInterfacePermission",
            "ec2:ModifyNetworkInterfaceAttribute", "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"],
    },
    {
        sid: "Vpn",
        actions: ["ec2:CreateVpnGateway", "ec2:DeleteVpnGateway", "ec2:AttachVpnGateway", "ec2:DetachVpnGateway",
            "ec2:CreateCustomerGateway", "ec2:DeleteCustomerGateway",
            "ec2:CreateVpnConnection", "ec2:ModifyVpnConnection", "ec2:ModifyVpnConnectionOptions",
            "ec2:ModifyVpnTunnelOptions", "ec2:DeleteVpnConnection",
            "ec2:CreateVpnConnectionRoute", "ec2:DeleteVpnConnectionRoute",
            "ec2:EnableVgwRoutePropagation", "ec2:DisableVgwRoutePropagation"],
    },
    {
        sid: "Ec2Tags",
        actions: ["ec2:CreateTags", "ec2:DeleteTags"],
    },
    {
        sid: "Ram",
        actions: ["ram:Get*", "ram:List*", "ram:CreateResourceShare", "ram:UpdateResourceShare",
            "ram:DeleteResourceShare", "ram:AssociateResourceShare", "ram:DisassociateResourceShare",
            "ram:AcceptResourceShareInvitation", "ram:TagResource", "ram:UntagResource"],
    },
    {
        sid: "Route53Zones",
        actions: ["route53:Get*", "route53:List*", "route53:CreateHostedZone", "route53:DeleteHostedZone",
            "route53:UpdateHostedZoneComment", "route53:ChangeResourceRecordSets", "route53:ChangeTagsForResource",
            "route53:CreateVPCAssociationAuthorization", "route53:DeleteVPCAssociationAuthorization",
            "route53:AssociateVPCWithHostedZone", "route53:DisassociateVPCFromHostedZone"],
    },
    {
        // Route 53 Profiles (vpce-hub:dns.sharing: profile), reads on both sides.
        sid: "Route53ProfilesRead",
        actions: ["route53profiles:Get*", "route53profiles:List*"],
    },
    {
        // The hub owns the profile: creates it, puts its zones and endpoints in it, lets RAM
        // set the profile's resource policy when it is shared (PutProfilePolicy, a
        // permission-only action), and associates its own VPC during the migration steps.
        sid: "Route53ProfilesHub",
        side: "hub",
        actions: ["route53profiles:CreateProfile", "route53profiles:DeleteProfile",
            "route53profiles:AssociateResourceToProfile", "route53profiles:DisassociateResourceFromProfile",
            "route53profiles:PutProfilePolicy", "route53profiles:AssociateProfile", "route53profiles:DisassociateProfile",
            "route53profiles:TagResource", "route53profiles:UntagResource"],
    },
    {
        // A member associates its VPC with the hub's profile (tags go with the association).
        sid: "Route53ProfilesMember",
        side: "member",
        actions: ["route53profiles:AssociateProfile", "route53profiles:DisassociateProfile", "route53profiles:TagResource"],
    },
    {
        // The profile's share carries the association-only managed permission (permissionArns).
        sid: "RamProfilePermission",
        side: "hub",
        actions: ["ram:AssociateResourceSharePermission", "ram:DisassociateResourceSharePermission"],
    },
    {
        sid: "Route53Resolver",
        actions: ["route53resolver:Get*", "route53resolver:List*",
            "route53resolver:CreateResolverEndpoint", "route53resolver:UpdateResolverEndpoint",
            "route53resolver:DeleteResolverEndpoint", "route53resolver:AssociateResolverEndpointIpAddress",
            "route53resolver:DisassociateResolverEndpointIpAddress",
            "route53resolver:TagResource", "route53resolver:UntagResource"],
    },
];

/**
 * The deploy role's inline permission policy. `side`: the statements a hub's or a member's
 * role needs (default both, for an account that holds the hub and members).
 */
export function permissionPolicy(side: DeploySide = "both"): PolicyDocument {
    return {
        Version: "2012-10-17",
        // Resource "*": the ids (VPCs, zones, shares) live in stack config and change with it;
        // the action list is what bounds the role.
        // With both sides, an action both sides' statements grant is listed once (the first time).
        Statement: DEPLOY_PERMISSIONS.filter(p => side === "both" || p.side === undefined || p.side === side)
            .map((p, _, kept) => ({ ...p, actions: p.actions.filter(a => !kept.slice(0, kept.indexOf(p)).some(q => q.condition === undefined && p.condition === undefined && q.actions.includes(a))) }))
            .filter(p => p.actions.length)
            .map(p => ({
                Sid: p.sid, Effect: "Allow", Action: [...p.actions], Resource: "*",
                ...(p.condition ? { Condition: p.condition } : {}),
            })),
    };
}

// Type tokens of the resources the vpce-hub policies inspect. The pack matches resources by
// token and imports neither @pulumi/aws nor the program; test/policy.test.ts checks these
// against the program's own (lib/model.ts TYPES).

export const TYPES = {
    vpcEndpoint: "aws:ec2/vpcEndpoint:VpcEndpoint",
    zone: "aws:route53/zone:Zone",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    defaultSecurityGroup: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    securityGroupIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    resolverEndpoint: "aws:route53/resolverEndpoint:ResolverEndpoint",
    managedPrefixList: "aws:ec2/managedPrefixList:ManagedPrefixList",
    networkAcl: "aws:ec2/networkAcl:NetworkAcl",
    defaultNetworkAcl: "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl",
    networkAclRule: "aws:ec2/networkAclRule:NetworkAclRule",
    ramResourceShare: "aws:ram/resourceShare:ResourceShare",
    transitGateway: "aws:ec2transitgateway/transitGateway:TransitGateway",
    awsProvider: "pulumi:providers:aws",
} as const;

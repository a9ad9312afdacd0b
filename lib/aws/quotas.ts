// AWS's quotas as published, the figures the plan counts its resources against (lib/checks/quotas.ts)
// and a user may override where AWS raised one for them (`vpce-hub:quotas`). Each figure's page is
// cited in docs/aws-rules.md; quotas change, so the page's date goes with it. Pure data.

export interface Quotas {
    readonly vpcsPerZone: number;
    readonly peeringsPerVpc: number;
    readonly endpointsPerVpc: number;
    readonly zonesPerAccount: number;
    readonly authorizationsPerZone: number;
    readonly attachmentsPerTransitGateway: number;
    readonly recordsPerZone: number;
    /** Inbound rules per security group; each CIDR of a rule counts as one, a prefix list as its max entries. */
    readonly rulesPerSecurityGroup: number;
    /** Route 53 Profiles: VPCs one profile can be associated with (adjustable). */
    readonly vpcsPerProfile: number;
    /** Route 53 Profiles per account and region. */
    readonly profilesPerRegion: number;
    /** Private hosted zones one profile can hold. */
    readonly zonesPerProfile: number;
    /** Routes per route table (not propagated ones); a route to a prefix list counts as its max entries. */
    readonly routesPerRouteTable: number;
    /** IP addresses (network interfaces) per Route 53 Resolver endpoint (adjustable). */
    readonly resolverIpsPerEndpoint: number;
}

// Figures as the Route 53 "Quotas" page (DNSLimitations.html) publishes them now: the copy read
// for issue 22 names "Route 53 VPC Resolver" and has a Route 53 Profiles section (undated; older
// copies of the page said 100 authorizations per zone and 6 Resolver addresses with no increase).
export const DEFAULT_QUOTAS: Quotas = {
    // "Amazon VPCs that you can associate with a private hosted zone per hosted zone: 300. If you
    // want more than 300 associations, we recommend you use Route 53 Profiles." No increase is
    // offered on the page any more; the override stays for an account AWS raised anyway.
    vpcsPerZone: 300,
    peeringsPerVpc: 50,
    endpointsPerVpc: 50,
    zonesPerAccount: 500,
    // Route 53 quotas: "Authorizations that you can create so you can associate VPCs that were
    // created by one account with a hosted zone that was created by another account": 1000.
    authorizationsPerZone: 1000,
    attachmentsPerTransitGateway: 5000,
    recordsPerZone: 10000,
    rulesPerSecurityGroup: 60,
    vpcsPerProfile: 1000,
    profilesPerRegion: 5,
    zonesPerProfile: 5000,
    routesPerRouteTable: 50,
    // Route 53 quotas, VPC Resolver: "IP addresses per endpoint: 6", with "Request a higher quota".
    resolverIpsPerEndpoint: 6,
};

/** Hard ceilings AWS will not raise. */
export const HARD_LIMITS = { peeringsPerVpc: 125 } as const;

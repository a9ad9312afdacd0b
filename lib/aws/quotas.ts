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
}

export const DEFAULT_QUOTAS: Quotas = {
    vpcsPerZone: 300,
    peeringsPerVpc: 50,
    endpointsPerVpc: 50,
    zonesPerAccount: 500,
    // Route 53 quotas: "Authorizations that you can create so you can associate VPCs that were
    // created by one account with a hosted zone that was created by another account": 100.
    authorizationsPerZone: 100,
    attachmentsPerTransitGateway: 5000,
    recordsPerZone: 10000,
    rulesPerSecurityGroup: 60,
    vpcsPerProfile: 1000,
    profilesPerRegion: 5,
    zonesPerProfile: 5000,
    routesPerRouteTable: 50,
};

/** Hard ceilings AWS will not raise. */
export const HARD_LIMITS = { peeringsPerVpc: 125, resolverIpsPerEndpoint: 6 } as const;

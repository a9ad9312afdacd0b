// The simulated cloud's DNS: Route 53 private hosted zones, their VPC associations and
// cross-account authorizations, the private DNS of endpoints, and the AWS-owned zone that
// holds every endpoint's own names (`*.vpce.amazonaws.com`). It refuses what Route 53 and
// EC2 refuse, with AWS's error names, so that the offline plan fails where `pulumi up` would.
// Every rule here is listed in docs/aws-rules.md with its source and test.
import { lookupRecord } from "../lib/dnsRecords";

/** Thrown for a request AWS refuses; the message starts with AWS's error code. */
export class SimAwsError extends Error {
    constructor(readonly code: string, message: string) {
        super(`${code}: ${message}`);
        this.name = "SimAwsError";
    }
}

/** Route 53's default quota of VPC association authorizations per hosted zone (Route 53 quotas page). */
export const DEFAULT_AUTHORIZATIONS_PER_ZONE = 100;

export class SimDns {
    /** Records of the AWS-owned zone of endpoint names: record name (S3's a wildcard) -> private IPs. */
    readonly endpointRecords = new Map<string, string[]>();
    /** AAAA records of the same zone: endpoints with IPv6 addresses whose dnsRecordIpType asks for them. */
    readonly endpointRecords6 = new Map<string, string[]>();
    /** Hosted zone ids of the AWS-owned endpoint zones (one per region). */
    private readonly endpointZoneIds = new Set<string>();
    /** Private hosted zones: id -> name and the VPCs associated with it. */
    private readonly zones = new Map<string, { name: string; vpcIds: Set<string> }>();
    /** Names answered in a VPC by endpoints with private DNS enabled: VPC -> name -> endpoint. */
    private readonly privateDns = new Map<string, Map<string, string>>();
    /** Authorizations: zone id -> authorized VPC ids. */
    private readonly authorizations = new Map<string, Set<string>>();
    /**
     * The account's quota of authorizations per zone. The default is AWS's; the plan sets it to
     * what the hub declares in `vpce-hub:quotas.authorizationsPerZone` (a quota AWS raised).
     */
    authorizationsPerZone = DEFAULT_AUTHORIZATIONS_PER_ZONE;

    /** The AWS-owned zone of a region's endpoint names. */
    endpointZone(zoneId: string): void {
        this.endpointZoneIds.add(zoneId);
    }

    /** Publishes one name of an endpoint in AWS's zone. */
    publishEndpointName(name: string, ips: string[]): void {
        this.endpointRecords.set(name, ips);
    }

    private zoneIn(vpcId: string, name: string): string | undefined {
        for (const [id, z] of this.zones) if (z.name === name && z.vpcIds.has(vpcId)) return id;
        return undefined;
    }

    /** A VPC may hold one zone per name, and none whose name an endpoint's private DNS answers there. */
    private checkVpcCanHold(vpcId: string, name: string, zoneId: string): void {
        const other = this.zoneIn(vpcId, name);
        if (other && other !== zoneId) {
            throw new SimAwsError("ConflictingDomainExists", `VPC ${vpcId} is already associated with hosted zone ${other} of the same name ${name}`);
        }
        const endpoint = this.privateDns.get(vpcId)?.get(name);
        if (endpoint) {
            throw new SimAwsError("ConflictingDomainExists", `VPC ${vpcId} already resolves ${name} through the private DNS of endpoint ${endpoint}: ` +
                `disable private DNS on that endpoint (or remove it) before this zone can be associated`);
        }
    }

    /** CreateHostedZone with its first VPC(s). */
    createZone(zoneId: string, name: string, vpcIds: readonly string[]): void {
        for (const v of vpcIds) this.checkVpcCanHold(v, name, zoneId);
        this.zones.set(zoneId, { name, vpcIds: new Set(vpcIds) });
    }

    /** AssociateVPCWithHostedZone. A zone the simulation never saw (created elsewhere) is accepted as is. */
    associate(zoneId: string, vpcId: string): void {
        const zone = this.zones.get(zoneId);
        if (!zone) return;
        this.checkVpcCanHold(vpcId, zone.name, zoneId);
        zone.vpcIds.add(vpcId);
    }

    /** CreateVPCAssociationAuthorization: at most `authorizationsPerZone` per zone. */
    authorize(zoneId: string, vpcId: string): void {
        const set = this.authorizations.get(zoneId) ?? new Set<string>();
        if (!set.has(vpcId) && set.size >= this.authorizationsPerZone) {
            throw new SimAwsError("TooManyVPCAssociationAuthorizations",
                `hosted zone ${zoneId} already has ${set.size} VPC association authorizations, the account's limit per zone`);
        }
        this.authorizations.set(zoneId, set.add(vpcId));
    }

    /**
     * An endpoint with private DNS enabled answers its service's names in its VPC; EC2 refuses
     * it while a zone of one of those names is associated with the VPC.
     */
    enablePrivateDns(endpointId: string, vpcId: string, names: readonly string[]): void {
        for (const n of names) {
            const zone = this.zoneIn(vpcId, n);
            if (zone) {
                throw new SimAwsError("ConflictingDomainExists", `private DNS name ${n} of endpoint ${endpointId} conflicts with hosted zone ${zone} associated with VPC ${vpcId}`);
            }
        }
        const m = this.privateDns.get(vpcId) ?? new Map<string, string>();
        for (const n of names) m.set(n, endpointId);
        this.privateDns.set(vpcId, m);
    }

    /**
     * ChangeResourceRecordSets with an alias: a target in an endpoint zone must be a name that
     * zone serves (Route 53: "Tried to create an alias that targets ..., but that target was not found").
     */
    checkAlias(recordName: string, target: string, targetZoneId: string, type = "A"): void {
        if (!this.endpointZoneIds.has(targetZoneId)) return;
        // An alias answers with the target's records of its own type: an AAAA alias needs AAAA records there.
        if (!lookupRecord(type === "AAAA" ? this.endpointRecords6 : this.endpointRecords, target)) {
            throw new SimAwsError("InvalidChangeBatch", `[Tried to create an alias that targets ${target}., type ${type} in zone ${targetZoneId}, but that target was not found] (record ${recordName})`);
        }
    }
}

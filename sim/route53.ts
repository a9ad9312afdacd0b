// The simulated Route 53: private hosted zones, their records, VPC associations and
// cross-account authorizations, the private DNS of endpoints (which competes with zones for a
// VPC's names), and the AWS-owned zone that holds every endpoint's own names
// (`*.vpce.amazonaws.com`). It refuses what Route 53 and
// EC2 refuse, with AWS's error names, so that the offline plan fails where `pulumi up` would.
// Every rule here is listed in docs/aws-rules.md with its source and test.
import { DEFAULT_QUOTAS } from "../lib/aws/quotas";
import { lookupRecord } from "../lib/aws/records";
import { DnsCandidate, answeringSources } from "../lib/aws/dnsPrecedence";
import { InvokeTable, ResourceTable, SimRun, created, hash } from "./context";
import { SimAwsError, providerError } from "./errors";


export class SimRoute53 {
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
    authorizationsPerZone = DEFAULT_QUOTAS.authorizationsPerZone;
    /** VPCs one zone can be associated with (300; the plan sets what the hub declares in `vpce-hub:quotas.vpcsPerZone`). */
    vpcsPerZone = DEFAULT_QUOTAS.vpcsPerZone;

    /** The account that owns each zone (ListHostedZones lists the caller's own). */
    private readonly owners = new Map<string, string>();
    /**
     * Zones no stack of the plan created: a member's own, made by hand before the hub (the plan
     * seeds them from vpce-hub:existingEndpoints: simulated), with the alias records they hold.
     */
    readonly standing = new Map<string, { readonly name: string; readonly records: readonly StandingRecord[]; readonly simulated: string }>();

    /** Records the owner of a zone (a stack's, or a standing one). */
    own(zoneId: string, accountId: string): void {
        this.owners.set(zoneId, accountId);
    }

    /**
     * A zone that exists before the plan's stacks run, associated with `vpcId`, holding alias
     * records (a member's own zone for a service name, aliasing its own endpoint). Route 53
     * refuses it as it refuses any association (ConflictingDomainExists).
     */
    seedZone(spec: { zoneId: string; name: string; vpcId: string; ownerId: string; records: readonly StandingRecord[]; simulated: string }): void {
        if (this.zones.has(spec.zoneId)) return;
        this.createZone(spec.zoneId, spec.name, [spec.vpcId]);
        this.owners.set(spec.zoneId, spec.ownerId);
        this.standing.set(spec.zoneId, { name: spec.name, records: spec.records, simulated: spec.simulated });
    }

    /** The zones `accountId` owns whose name is `name` (any, when undefined) and that are associated with `vpcId` (any, when undefined). */
    ownedZones(accountId: string, name?: string, vpcId?: string): { zoneId: string; name: string; vpcIds: string[] }[] {
        return [...this.zones].filter(([id, z]) => this.owners.get(id) === accountId && (name === undefined || z.name === name) && (vpcId === undefined || z.vpcIds.has(vpcId)))
            .map(([zoneId, z]) => ({ zoneId, name: z.name, vpcIds: [...z.vpcIds] }));
    }

    /** The VPCs a zone is associated with now. */
    vpcsOf(zoneId: string): string[] {
        return [...(this.zones.get(zoneId)?.vpcIds ?? [])];
    }

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

    /**
     * CreateHostedZone with its first VPC(s); for a zone that exists, the update of its inline
     * VPCs (associate the new ones, then disassociate the old: a zone keeps at least one VPC).
     */
    createZone(zoneId: string, name: string, vpcIds: readonly string[]): void {
        if (vpcIds.length === 0) throw new SimAwsError("LastVPCAssociation", `private hosted zone ${name} must keep at least one VPC`);
        for (const v of vpcIds) this.checkVpcCanHold(v, name, zoneId);
        const existing = this.zones.get(zoneId);
        if (existing) {
            // Associations made apart from the inline list (ZoneAssociation) stay.
            const inline = this.inlineVpcs.get(zoneId) ?? new Set<string>();
            for (const v of inline) if (!vpcIds.includes(v)) existing.vpcIds.delete(v);
            for (const v of vpcIds) existing.vpcIds.add(v);
        } else {
            this.zones.set(zoneId, { name, vpcIds: new Set(vpcIds) });
        }
        this.inlineVpcs.set(zoneId, new Set(vpcIds));
    }

    /** The VPCs each zone lists inline (its `vpcs`), apart from separate associations. */
    private readonly inlineVpcs = new Map<string, Set<string>>();

    /** DeleteHostedZone. */
    deleteZone(zoneId: string): void {
        this.zones.delete(zoneId);
        this.inlineVpcs.delete(zoneId);
        this.authorizations.delete(zoneId);
    }

    /** DisassociateVPCFromHostedZone. */
    disassociate(zoneId: string, vpcId: string): void {
        this.zones.get(zoneId)?.vpcIds.delete(vpcId);
    }

    /** DeleteVPCAssociationAuthorization: the association it admitted stays. */
    deauthorize(zoneId: string, vpcId: string): void {
        this.authorizations.get(zoneId)?.delete(vpcId);
    }

    /** Zone associations ("zoneId vpcId") that exist now, inline or separate. */
    associations(): Set<string> {
        const out = new Set<string>();
        for (const [id, z] of this.zones) for (const v of z.vpcIds) out.add(`${id} ${v}`);
        return out;
    }

    /**
     * AssociateVPCWithHostedZone. A zone the simulation never saw (created elsewhere) is accepted
     * as is. At most `vpcsPerZone` VPCs per zone (Route 53 quotas: 300, no increase offered).
     */
    associate(zoneId: string, vpcId: string): void {
        const zone = this.zones.get(zoneId);
        if (!zone) return;
        this.checkVpcCanHold(vpcId, zone.name, zoneId);
        if (!zone.vpcIds.has(vpcId) && zone.vpcIds.size >= this.vpcsPerZone) {
            throw new SimAwsError("LimitsExceeded", `hosted zone ${zoneId} (${zone.name}) is already associated with ${zone.vpcIds.size} VPCs, ` +
                `the limit of "VPCs that you can associate with a private hosted zone"`);
        }
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
        this.disablePrivateDns(endpointId);
        const m = this.privateDns.get(vpcId) ?? new Map<string, string>();
        for (const n of names) m.set(n, endpointId);
        this.privateDns.set(vpcId, m);
    }

    /** The names a VPC sees by itself: the zones associated with it, its endpoints' private DNS. */
    localSources(vpcId: string): SimDnsSource[] {
        const out: SimDnsSource[] = [];
        for (const [zoneId, z] of this.zones) if (z.vpcIds.has(vpcId)) out.push({ name: z.name, kind: "local-zone", zoneId });
        for (const [name, endpointId] of this.privateDns.get(vpcId) ?? []) out.push({ name, kind: "local-endpoint", endpointId });
        return out;
    }

    zoneName(zoneId: string): string | undefined {
        return this.zones.get(zoneId)?.name;
    }

    /** The names an endpoint's private DNS answers (in its own VPC, and through a profile holding it). */
    privateDnsOf(endpointId: string): string[] {
        return [...this.privateDns.values()].flatMap(m => [...m].filter(([, e]) => e === endpointId).map(([n]) => n));
    }

    /** Private DNS turned off, or the endpoint deleted: its names leave its VPC. */
    disablePrivateDns(endpointId: string): void {
        for (const m of this.privateDns.values()) for (const [n, e] of [...m]) if (e === endpointId) m.delete(n);
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

/** An alias record of a standing zone. */
export interface StandingRecord {
    readonly name: string;
    readonly type: "A" | "AAAA";
    readonly aliasTarget: string;
    readonly aliasZoneId: string;
}

/** The provider's words when getZone matches nothing, or several (tfresource.SingularDataSourceFindError). */
export const NO_MATCHING_ZONE = "no matching Route 53 Hosted Zone found";
export const SEVERAL_MATCHING_ZONES = "multiple Route 53 Hosted Zones matched; use additional constraints to reduce matches to a single Route 53 Hosted Zone";

/**
 * The Route 53 lookups the program calls, on the simulated Route 53. getZone by name lists the
 * caller account's zones (ListHostedZones) and keeps those of that name, private, and (with
 * vpcId) associated with that VPC (GetHostedZone of each): as terraform-provider-aws's
 * `aws_route53_zone` data source does.
 */
export function route53Invokes(run: SimRun, dns: SimRoute53): InvokeTable {
    return {
        "aws:route53/getZone:getZone": inputs => {
            const name = inputs.name === undefined ? undefined : String(inputs.name).replace(/\.$/, "").toLowerCase();
            const found = inputs.zoneId !== undefined
                ? dns.ownedZones(run.ctx.accountId).filter(z => z.zoneId === inputs.zoneId)
                : dns.ownedZones(run.ctx.accountId, name, inputs.vpcId === undefined ? undefined : String(inputs.vpcId));
            if (!found.length) throw providerError(NO_MATCHING_ZONE);
            if (found.length > 1) throw providerError(SEVERAL_MATCHING_ZONES);
            const z = found[0];
            return {
                id: z.zoneId, zoneId: z.zoneId, name: z.name, privateZone: true, arn: `arn:aws:route53:::hostedzone/${z.zoneId}`,
                comment: "", callerReference: z.zoneId, nameServers: [], primaryNameServer: "ns-0.awsdns-00.com.", tags: {},
                resourceRecordSetCount: 2 + (dns.standing.get(z.zoneId)?.records.length ?? 0), linkedServiceDescription: "", linkedServicePrincipal: "",
                ...(inputs.vpcId !== undefined ? { vpcId: inputs.vpcId } : {}),
            };
        },
    };
}

/** A source of a name in a VPC, as the simulated Route 53 answers it (`SimRoute53.answering`). */
export interface SimDnsSource extends DnsCandidate {
    readonly zoneId?: string;
    readonly endpointId?: string;
    readonly profileId?: string;
}

/**
 * Which sources answer `host` in a VPC: of its own zones and endpoints' private DNS, and those of
 * the profile associated with it (`profile`: its id and the ARNs it holds), the most specific
 * name, the VPC's own before the profile's for one name (lib/aws/dnsPrecedence.ts; Route 53
 * Profiles guide). Empty: nothing private covers the name (the public answer).
 */
export function answering(dns: SimRoute53, vpcId: string, host: string, profile?: { id: string; resourceArns: readonly string[] }): SimDnsSource[] {
    const candidates: SimDnsSource[] = [...dns.localSources(vpcId)];
    for (const arn of profile?.resourceArns ?? []) {
        const zoneId = /:hostedzone\/(\w+)$/.exec(arn)?.[1];
        const endpointId = /:vpc-endpoint\/(vpce-[\w-]+)$/.exec(arn)?.[1];
        const zone = zoneId ? dns.zoneName(zoneId) : undefined;
        if (zoneId && zone) candidates.push({ name: zone, kind: "profile-zone", zoneId, profileId: profile!.id });
        if (endpointId) for (const name of dns.privateDnsOf(endpointId)) candidates.push({ name, kind: "profile-endpoint", endpointId, profileId: profile!.id });
    }
    return answeringSources(host, candidates).winners;
}

/** The Route 53 resources the program creates, on the simulated Route 53. */
export function route53Resources(run: SimRun, dns: SimRoute53): ResourceTable {
    return {
        "aws:route53/zone:Zone": c => {
            const zoneId = "Z" + hash(`${run.ctx.stack}/${c.key}`, 20).toUpperCase();
            dns.createZone(zoneId, String(c.inputs.name), (c.inputs.vpcs ?? []).map((v: any) => String(v.vpcId)));
            dns.own(zoneId, run.ctx.accountId);
            run.onDelete(c.key, () => dns.deleteZone(zoneId));
            return created(c, zoneId, {
                zoneId, arn: `arn:aws:route53:::hostedzone/${zoneId}`,
                nameServers: [], primaryNameServer: "ns-0.awsdns-00.com.",
            });
        },
        "aws:route53/record:Record": c => {
            const inputs = c.inputs;
            for (const a of inputs.aliases ?? []) dns.checkAlias(String(inputs.name), String(a.name), String(a.zoneId), String(inputs.type));
            return created(c, `${inputs.zoneId}_${inputs.name}_${inputs.type}`, { fqdn: inputs.name });
        },
        "aws:route53/vpcAssociationAuthorization:VpcAssociationAuthorization": c => {
            const [zoneId, vpcId] = [String(c.inputs.zoneId), String(c.inputs.vpcId)];
            dns.authorize(zoneId, vpcId);
            run.onDelete(c.key, () => dns.deauthorize(zoneId, vpcId));
            return created(c, `${zoneId}:${vpcId}`, { vpcRegion: c.inputs.vpcRegion ?? run.ctx.region, owningAccount: run.ctx.accountId });
        },
        "aws:route53/zoneAssociation:ZoneAssociation": c => {
            const [zoneId, vpcId] = [String(c.inputs.zoneId), String(c.inputs.vpcId)];
            dns.associate(zoneId, vpcId);
            run.onDelete(c.key, () => dns.disassociate(zoneId, vpcId));
            return created(c, `${zoneId}:${vpcId}`, { vpcRegion: c.inputs.vpcRegion ?? run.ctx.region, owningAccount: run.ctx.accountId });
        },
    };
}

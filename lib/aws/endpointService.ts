// The deploy-time check of one service against what AWS says about its endpoint service
// (`DescribeVpcEndpointServices`, through the provider's `aws.ec2.getVpcEndpointService`).
// The catalog is offline knowledge; at `pulumi up` AWS tells the truth, and this decides what
// follows from it: which names lack a zone (warnings), which zones AWS would never answer
// (errors), whether the endpoint takes a policy, and which subnets the endpoint may use.
// Pure: the stack program fetches the facts and acts on the verdict.
import type { ResolvedService } from "../catalog/types";
import { IpAddressType, dualStackZones } from "./dualStack";

/** What AWS says about an interface endpoint service (the provider's result, the fields we use). */
export interface EndpointServiceFacts {
    readonly serviceName: string;
    /** Every private DNS name the service answers to, e.g. "ssm.{r}.amazonaws.com", "*.s3.{r}.amazonaws.com". */
    readonly privateDnsNames: readonly string[];
    readonly vpcEndpointPolicySupported: boolean;
    /** AZ names (as the caller's account maps them) where the service can have an endpoint interface. */
    readonly availabilityZones: readonly string[];
    /** "ipv4" and/or "ipv6". */
    readonly supportedIpAddressTypes: readonly string[];
    /** "amazon" for AWS services; an account id for endpoint services of partners or your own. Omitted: amazon. */
    readonly owner?: string;
    /**
     * "catalog": the offline plan's simulated cloud answered from the catalog, not AWS; the
     * verdict then says so (only what AWS answers at pulumi up is called AWS's). Omitted: AWS.
     */
    readonly answeredBy?: "catalog";
}

/** Who a fact comes from, as the messages name it. */
function sourceOf(facts: EndpointServiceFacts): { who: string; field: (name: string) => string } {
    return facts.answeredBy === "catalog"
        ? { who: "the catalog (offline; AWS answers at pulumi up)", field: name => `the catalog's offline knowledge; AWS's ${name} decide at pulumi up` }
        : { who: "AWS", field: name => `AWS ${name}` };
}

/** A subnet the endpoint could use; `id` may be a plain id or a Pulumi output (new VPCs). */
export interface SubnetInAz<Id> {
    readonly id: Id;
    readonly availabilityZone: string;
}

export interface ServiceVerdict<Id> {
    /** Config errors for this service; `field` is the key below the service's entry, if any. */
    readonly errors: { readonly field?: "policy"; readonly message: string }[];
    /** Names AWS serves that no zone answers, and other things to know. */
    readonly warnings: string[];
    /** Endpoint policy support, from AWS. */
    readonly supportsPolicy: boolean;
    /** The subnets in AZs the service supports, in the given order. */
    readonly subnets: SubnetInAz<Id>[];
    /** The zones to create: the service's, less dual-stack zones (`ifServed`) AWS does not list. */
    readonly zones: ResolvedService["zones"];
    /** dualstack where the hub asks for it and the service accepts IPv6; else ipv4. */
    readonly ipAddressType: IpAddressType;
}

/**
 * The hub's own rule, not AWS's (AWS accepts an endpoint in one subnet): every endpoint spans
 * at least two AZs, so that spokes and on-prem keep reaching the service when one AZ fails.
 */
export const MIN_ENDPOINT_AZS = 2;

/**
 * Whether a zone (with its apex record, and `*.zone` when `wildcard`) is answered by a name
 * AWS lists. The matching rule:
 * - an AWS name `X` serves the zone `X` (its apex);
 * - an AWS name `*.X` serves every name below `X`, and its apex `X` (AWS lists S3's and ECR's
 *   names only in this form while serving the apex too: verify per service), so it serves the
 *   zone `X` and any zone below `X`.
 */
export function zoneServed(zone: string, awsNames: readonly string[]): boolean {
    return awsNames.some(n => {
        if (!n.startsWith("*.")) return n === zone;
        const base = n.slice(2);
        return zone === base || zone.endsWith(`.${base}`);
    });
}

/**
 * Whether an AWS name is answered by one of the zones: `X` by a zone `X` (apex record) or by a
 * wildcard zone above it (Route 53 wildcards match any number of labels); `*.X` only by a
 * wildcard record that covers what it covers: zone `X` with its wildcard, or a wildcard zone above X.
 */
export function nameCovered(name: string, zones: readonly { name: string; wildcard: boolean }[]): boolean {
    const wildcard = name.startsWith("*.");
    const base = wildcard ? name.slice(2) : name;
    return zones.some(z => {
        if (z.name === base) return !wildcard || z.wildcard;
        return z.wildcard && base.endsWith(`.${z.name}`);
    });
}

/** AWS lists names with any case and sometimes with a trailing dot; zones are lower case without one. */
function normalize(name: string): string {
    return name.toLowerCase().replace(/\.$/, "");
}

/**
 * Compares one service's catalog row (as resolved for the stack) with AWS's answer, and
 * chooses the subnets. `facts` undefined means AWS does not know the service in this region.
 */
export function checkEndpointService<Id>(
    svc: ResolvedService, facts: EndpointServiceFacts | undefined, subnets: readonly SubnetInAz<Id>[], region: string,
    ipAddressType: IpAddressType = "ipv4",
): ServiceVerdict<Id> {
    if (!facts) {
        return {
            errors: [{ message: `endpoint service ${svc.endpointService} does not exist in ${region} (AWS: InvalidServiceName): ` +
                `check the name against \`aws ec2 describe-vpc-endpoint-services --region ${region}\`; the service may not be offered in this region` }],
            warnings: [], supportsPolicy: svc.supportsPolicy, subnets: [], zones: svc.zones, ipAddressType: "ipv4",
        };
    }
    const errors: ServiceVerdict<Id>["errors"][number][] = [];
    const warnings: string[] = [];
    const src = sourceOf(facts);
    const awsNames = [...new Set(facts.privateDnsNames.map(normalize))];
    // Dual-stack zones are kept only where AWS serves the name; regions differ.
    const dropped = svc.zones.filter(z => z.ifServed && !zoneServed(z.name, awsNames));
    const zones = svc.zones.filter(z => !dropped.includes(z));
    if (dropped.length) {
        warnings.push(`${svc.name}: ${src.who} does not list the dual-stack name${dropped.length > 1 ? "s" : ""} ${dropped.map(z => z.name).join(", ")} in ${region}: no zone for ${dropped.length > 1 ? "them" : "it"}`);
    }
    // An endpoint service someone else owns (a partner's, your own NLB behind vpce-svc-...) may
    // accept names it does not list as private DNS names: its provider knows, not AWS's list.
    const foreign = facts.owner !== undefined && facts.owner !== "amazon";
    // No private DNS (AWS IoT data and credentials): the zones are the user's own names, which
    // AWS does not list; there is nothing to compare them with.
    const compareNames = svc.privateDns !== false;
    if (compareNames && !awsNames.length && !foreign) {
        errors.push({ message: `${src.who} lists no private DNS name for ${svc.endpointService} in ${region}: no zone of the hub could answer for it, so clients would keep using its public name` });
    } else if (compareNames && awsNames.length) {
        // A zone the catalog knows AWS does not list, declared knowingly (the plan warned).
        const knowingly = new Set(svc.unlistedZones ?? []);
        const unserved = zones.filter(z => !zoneServed(z.name, awsNames) && !knowingly.has(z.name)).map(z => z.name);
        const declared = zones.filter(z => !zoneServed(z.name, awsNames) && knowingly.has(z.name)).map(z => z.name);
        if (declared.length) {
            warnings.push(`${svc.name}: ${svc.endpointService} in ${region} does not list ${declared.join(", ")} among its private DNS names (${src.field("PrivateDnsNames")}); ` +
                `the zone${declared.length > 1 ? "s" : ""} you declared send${declared.length > 1 ? "" : "s"} ${declared.length > 1 ? "those names" : "that name"} to the endpoint all the same`);
        }
        if (unserved.length && foreign) {
            warnings.push(`${svc.name}: ${svc.endpointService} (owner ${facts.owner}) lists ${awsNames.join(", ")} as its private DNS names, not ${unserved.join(", ")}: ` +
                `check with the service's provider that it accepts ${unserved.length > 1 ? "those names" : "that name"}`);
        } else if (unserved.length) {
            errors.push({ message: `zone${unserved.length > 1 ? "s" : ""} ${unserved.join(", ")} would never answer: ${svc.endpointService} in ${region} serves only ` +
                `${awsNames.join(", ")} (${src.field("PrivateDnsNames")}); fix the zone names (\`zones\`)` });
        }
        const uncovered = awsNames.filter(n => !nameCovered(n, zones));
        if (uncovered.length) {
            warnings.push(`${svc.name}: ${src.who === "AWS" ? "AWS also serves" : `${src.who}: it also serves`} ${uncovered.join(", ")} through this endpoint, which no zone of the hub answers: ` +
                `clients calling ${uncovered.length > 1 ? "those names" : "that name"} (dual-stack, FIPS or newer SDK names) still go to the public endpoint; ` +
                `add ${uncovered.length > 1 ? "them" : "it"} to the service's \`zones\` to serve ${uncovered.length > 1 ? "them" : "it"} through the hub` +
                (ipAddressType === "ipv4" && uncovered.some(n => nameCovered(n, dualStackZones(svc.name, region)))
                    ? " (dual-stack names get zones, AAAA records and IPv6 addresses with vpce-hub:ipAddressType dualstack)" : ""));
        }
    }
    if (svc.policy !== undefined && !facts.vpcEndpointPolicySupported) {
        errors.push({ field: "policy", message: `${svc.endpointService} does not accept a VPC endpoint policy in ${region} (AWS: VpcEndpointPolicySupported false): remove \`policy\`` });
    }
    if (svc.supportsPolicy && !facts.vpcEndpointPolicySupported && svc.policy === undefined) {
        warnings.push(`${svc.name}: AWS says ${svc.endpointService} accepts no VPC endpoint policy (the catalog assumed it does): its endpoint gets none, so any principal may use it`);
    }
    // The provider returns no AZs for some services (cross-Region ones: terraform-provider-aws
    // #44186): an empty list says nothing, so every subnet stays and CreateVpcEndpoint decides.
    const unknownAzs = facts.availabilityZones.length === 0;
    if (unknownAzs) warnings.push(`${svc.name}: AWS lists no Availability Zones for ${svc.endpointService}: its endpoint uses every hub subnet, unchecked`);
    const supported = new Set(unknownAzs ? subnets.map(s => s.availabilityZone) : facts.availabilityZones);
    const kept = subnets.filter(s => supported.has(s.availabilityZone));
    const keptAzs = [...new Set(kept.map(s => s.availabilityZone))];
    const ours = [...new Set(subnets.map(s => s.availabilityZone))];
    // Hub subnets in fewer than two AZs are the network's error (vpc.subnetIds), said once there.
    if (keptAzs.length < MIN_ENDPOINT_AZS && ours.length >= MIN_ENDPOINT_AZS) {
        errors.push({ message: `${svc.name} is offered only in ${[...supported].sort().join(", ") || "no Availability Zone"} of ${region}, ` +
            `and the hub's subnets are in ${ours.join(", ")}: ${keptAzs.length ? `only ${keptAzs.join(", ")} remains` : "none remains"}, ` +
            `and an endpoint needs at least ${MIN_ENDPOINT_AZS} AZs; add subnets in the service's AZs to ${"`vpc.subnetIds`"} (or more AZs to a new VPC)` });
    } else if (kept.length < subnets.length) {
        const dropped = [...new Set(subnets.filter(s => !supported.has(s.availabilityZone)).map(s => s.availabilityZone))];
        warnings.push(`${svc.name}: AWS does not offer it in ${dropped.join(", ")}: its endpoint uses only the subnets in ${keptAzs.join(", ")}`);
    }
    let effectiveType: IpAddressType = "ipv4";
    if (ipAddressType === "dualstack") {
        const types = new Set(facts.supportedIpAddressTypes.map(t => t.toLowerCase()));
        if (types.has("ipv4") && types.has("ipv6")) effectiveType = "dualstack";
        else if (facts.answeredBy === "catalog") {
            warnings.push(`${svc.name}: the catalog knows no IPv6 support for ${svc.endpointService} in ${region}: this plan keeps its endpoint IPv4, with no AAAA records ` +
                "(offline knowledge; AWS's SupportedIpAddressTypes decide at pulumi up)");
        } else warnings.push(`${svc.name}: ${svc.endpointService} accepts only ${[...types].join(", ") || "no IP address type"} in ${region} (AWS SupportedIpAddressTypes): its endpoint stays IPv4, with no AAAA records`);
    }
    return { errors, warnings, supportsPolicy: facts.vpcEndpointPolicySupported, subnets: kept, zones, ipAddressType: effectiveType };
}

// `vpce-hub:services`: the endpoint services a hub centralizes, by name or with overrides
// (zones, ports, policy, policy statements), resolved against the catalog. Pure: no Pulumi import.
import { fillRegion, meantService, resolveService } from "../catalog/lookup";
import type { ResolvedService, ServiceOverride, ZoneTemplate } from "../catalog/types";
import { HUB_SCHEMA, keysOf } from "./schema";
import type { StatementOverride } from "../catalog/types";
import { ENDPOINT_POLICY_MAX_CHARS, RENAMED_SIDS, defaultSids } from "../aws/endpointPolicies";
import { zoneNameProblem } from "../forwarders";
import { Reader, key, typeName } from "./reader";

/** Dot-separated DNS labels: a service name becomes zone and endpoint service names. */
const SERVICE_NAME = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * A service name: DNS labels, lower case. A name in another case that means a catalog service
 * (`SNS`, `CloudWatch`) is refused with the name meant, not only with the pattern.
 */
function serviceName(r: Reader, k: string, v: unknown): string | undefined {
    if (typeof v === "string" && v !== v.toLowerCase() && SERVICE_NAME.test(v.toLowerCase())) {
        return r.fail(k, meantService(v) ?? `unknown service "${v}": service names are lower case: did you mean \`${v.toLowerCase()}\`?`);
    }
    return r.str(k, v, SERVICE_NAME, "a service name such as s3 or ecr.dkr");
}

/** A region standing in for `{region}` while the stack's own region is missing or invalid (reported on its own). */
const SAMPLE_REGION = "ap-northeast-1";

/**
 * A zone name template: no placeholder but `{region}`, and once the region is filled in a
 * DNS name the forwarder renderer accepts (valid labels, at least three of them). Checked
 * here so that a bad name is a config error, not a crash of `npm run plan` or a zone that
 * answers nobody.
 */
function zoneTemplate(r: Reader, k: string, v: unknown, region: string | undefined): string | undefined {
    const name = r.str(k, v, /^[a-z0-9{}.-]+$/, "a DNS name such as foo.{region}.amazonaws.com");
    if (name === undefined) return undefined;
    const other = (name.match(/\{[^{}]*\}/g) ?? []).find(p => p !== "{region}");
    if (other !== undefined) return r.fail(k, `"${name}" has the placeholder ${other}: the only placeholder is {region}`);
    const problem = zoneNameProblem(fillRegion(name, region ?? SAMPLE_REGION));
    return problem === undefined ? name : r.fail(k, problem);
}

/** `"name"`, `"*.name"` (apex and wildcard) or `{ name, wildcard }`, each checked by zoneTemplate. */
function readZones(r: Reader, k: string, v: unknown, region: string | undefined): ZoneTemplate[] | undefined {
    const l = r.list(k, v, 1);
    if (!l) return undefined;
    const out = l.map((z, i): ZoneTemplate | undefined => {
        if (typeof z === "string") {
            const wildcard = z.startsWith("*.");
            const name = zoneTemplate(r, `${k}[${i}]`, wildcard ? z.slice(2) : z, region);
            return name === undefined ? undefined : { name, wildcard };
        }
        const o = r.obj(`${k}[${i}]`, z, keysOf(HUB_SCHEMA, "services", "zones"));
        if (!o) return undefined;
        const name = zoneTemplate(r, `${k}[${i}].name`, o.name, region);
        const wildcard = o.wildcard === undefined ? false : r.bool(`${k}[${i}].wildcard`, o.wildcard);
        return name === undefined || wildcard === undefined ? undefined : { name, wildcard };
    });
    return out.every(Boolean) ? out as ZoneTemplate[] : undefined;
}

/**
 * `{ <Sid>: false | <statement> }`: drops or replaces a default statement of the organization
 * policy by its Sid, or adds one (lib/aws/endpointPolicies.ts). IAM allows letters and digits in a
 * Sid; an endpoint policy statement needs Effect, Principal, Action (or NotAction) and Resource.
 */
function readStatementOverrides(r: Reader, k: string, v: unknown): Record<string, StatementOverride> | undefined {
    if (typeof v !== "object" || v === null || Array.isArray(v)) return r.fail(k, `must be an object of Sid: false (drop) or Sid: { Effect, Principal, Action, Resource } (replace or add), got ${typeName(v)}`);
    const out: Record<string, StatementOverride> = {};
    let ok = true;
    for (const [sid, value] of Object.entries(v as Record<string, unknown>)) {
        const ks = `${k}.${sid}`;
        if (!/^[A-Za-z0-9]+$/.test(sid)) { r.fail(ks, `"${sid}" is not a statement Sid (letters and digits only)`); ok = false; continue; }
        // A change meant for a statement that was renamed would otherwise add a second, broader one.
        if (RENAMED_SIDS[sid]) { r.fail(ks, `the default policy's statement ${sid} is now ${RENAMED_SIDS[sid]} (it also requires the resource to be yours): use that Sid`); ok = false; continue; }
        if (value === false || value === "false") { out[sid] = false; continue; }
        if (typeof value !== "object" || value === null || Array.isArray(value)) {
            r.fail(ks, `must be false (drop the statement) or a policy statement object, got ${typeName(value)}`); ok = false; continue;
        }
        const st = value as Record<string, unknown>;
        const missing = [
            st.Effect === "Allow" || st.Effect === "Deny" ? undefined : "Effect (Allow or Deny)",
            st.Principal === undefined ? "Principal" : undefined,
            st.Action === undefined && st.NotAction === undefined ? "Action" : undefined,
            st.Resource === undefined && st.NotResource === undefined ? "Resource" : undefined,
        ].filter(Boolean);
        if (missing.length) { r.fail(ks, `the statement needs ${missing.join(", ")}`); ok = false; continue; }
        out[sid] = st;
    }
    return ok ? out : undefined;
}

export function readServices(r: Reader, v: unknown, region: string | undefined, endpointsPerVpc: number): ResolvedService[] | undefined {
    const k = key("services");
    if (v === undefined) return r.fail(k, "is required: the interface endpoint services to centralize, e.g. [s3, sqs]");
    const l = r.list(k, v, 1, { items: "service names or { name, zones, ports, policy } overrides, such as [s3, sqs]" });
    if (!l) return undefined;
    const out: ResolvedService[] = [];
    const names = new Map<string, number>();
    const zoneOwners = new Map<string, string>();
    l.forEach((entry, i) => {
        const ki = `${k}[${i}]`;
        let spec: ServiceOverride | undefined;
        if (typeof entry === "string") {
            const name = serviceName(r, ki, entry);
            if (name === undefined) return;
            spec = { name };
        } else {
            const o = r.obj(ki, entry, keysOf(HUB_SCHEMA, "services"));
            if (!o) return;
            const name = serviceName(r, `${ki}.name`, o.name);
            const zones = o.zones === undefined ? undefined : readZones(r, `${ki}.zones`, o.zones, region);
            const portList = o.ports === undefined ? undefined : r.list(`${ki}.ports`, o.ports, 1);
            const ports = portList?.map((p, j) => r.int(`${ki}.ports[${j}]`, p, 1, 65535));
            let policy: string | undefined;
            if (o.policy !== undefined) {
                policy = typeof o.policy === "string" ? o.policy : JSON.stringify(o.policy);
                try { JSON.parse(policy); } catch { r.fail(`${ki}.policy`, "must be an IAM policy document (an object or JSON text)"); }
                // AWS counts the document as sent, white space included (PrivateLink quotas).
                if (policy.length > ENDPOINT_POLICY_MAX_CHARS) {
                    r.fail(`${ki}.policy`, `is ${policy.length.toLocaleString("en-US")} characters, more than the ${ENDPOINT_POLICY_MAX_CHARS.toLocaleString("en-US")} AWS allows per VPC endpoint policy, white space included (PrivateLink quotas, not adjustable): shorten it`);
                }
            }
            const endpointService = o.endpointService === undefined ? undefined
                : r.str(`${ki}.endpointService`, o.endpointService, /^[a-z0-9.-]+$/, "an endpoint service name");
            const policyStatements = o.policyStatements === undefined ? undefined : readStatementOverrides(r, `${ki}.policyStatements`, o.policyStatements);
            if (o.policy !== undefined && o.policyStatements !== undefined) {
                r.fail(`${ki}.policyStatements`, "amends the default policy's statements, which `policy` replaces whole: give one of them");
            }
            if (name === undefined || (o.zones !== undefined && !zones) || (ports && ports.some(p => p === undefined)) ||
                (o.policyStatements !== undefined && !policyStatements)) return;
            spec = { name, zones, ports: ports as number[] | undefined, policy, endpointService, ...(policyStatements ? { policyStatements } : {}) };
        }
        const prev = names.get(spec.name);
        if (prev !== undefined) { r.fail(ki, `"${spec.name}" is already listed at ${k}[${prev}]`); return; }
        names.set(spec.name, i);
        if (!region) return;
        const resolved = resolveService(spec, region);
        if (typeof resolved === "string") { r.fail(ki, resolved); return; }
        for (const z of resolved.zones) {
            const owner = zoneOwners.get(z.name);
            if (owner) r.fail(ki, `zone ${z.name} is already served by "${owner}": a VPC cannot hold two zones of one name`);
            zoneOwners.set(z.name, spec.name);
        }
        out.push(resolved);
    });
    if (l.length > endpointsPerVpc) {
        r.fail(k, `${l.length} services need ${l.length} interface endpoints, more than the ${endpointsPerVpc} a VPC holds ` +
            `(quota "Interface and Gateway Load Balancer endpoints per VPC"; raise it with AWS, then set ${key("quotas")}.endpointsPerVpc)`);
    }
    return out.length === l.length ? out : undefined;
}

/**
 * `vpce-hub:trustedAccounts`: accounts the default endpoint policies admit besides the hub's and
 * the members' (principals and resources alike). Only without an organization: with one, the
 * policy speaks of the organization, and an outside account is a `policyStatements` addition
 * (AWS's AllowRequestsByOrgsIdentitiesToThirdPartyResources, docs/endpoint-policies.md).
 */
export function readTrustedAccounts(r: Reader, v: unknown, organizationId: string | undefined): string[] | undefined {
    const k = key("trustedAccounts");
    if (v === undefined) return [];
    const l = r.list(k, v, 1, { items: "12-digit account ids in quotes" });
    if (!l) return undefined;
    const out = l.map((a, i) => r.account(`${k}[${i}]`, a));
    const seen = new Set<string>();
    out.forEach((a, i) => {
        if (a !== undefined && seen.has(a)) r.fail(`${k}[${i}]`, `"${a}" is listed twice`);
        if (a !== undefined) seen.add(a);
    });
    if (organizationId !== undefined) {
        return r.fail(k, `adds accounts to the account-list endpoint policy, which ${key("organizationId")} replaces with your organization: ` +
            "remove one of them (an account outside the organization is a policyStatements addition, docs/endpoint-policies.md)");
    }
    return out.every(a => a !== undefined) ? out as string[] : undefined;
}

/**
 * Each service's `policyStatements` against the default policy it amends: dropping a Sid that
 * policy does not have would silently change nothing (a typo, or a Sid of the other perimeter),
 * so it is an error listing the Sids it has.
 */
export function checkPolicyStatements(r: Reader, services: readonly ResolvedService[], region: string, organizationId: string | undefined): void {
    services.forEach((s, i) => {
        // With a whole `policy` there is no default to amend (an error of its own).
        if (s.policy !== undefined) return;
        const drops = Object.entries(s.policyStatements ?? {}).filter(([, change]) => change === false).map(([sid]) => sid);
        if (!drops.length) return;
        const have = defaultSids(s.name, region, organizationId ? "organization" : "accounts");
        for (const sid of drops.filter(d => !have.includes(d))) {
            r.fail(`${key("services")}[${i}].policyStatements.${sid}`,
                `${s.name}'s default endpoint policy (${organizationId ? "with" : "without"} ${key("organizationId")}) has no statement ${sid} to drop; it has ${have.join(", ")}`);
        }
    });
}

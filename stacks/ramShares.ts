// Which RAM shares of the hub a member accepts, found out at deploy time (vpce-hub:acceptRamShare:
// auto, the default): RAM says whether the member has an invitation to each share, and whether the
// share already reaches it without one (inside the hub's organization with RAM sharing enabled).
// No provider function lists invitations (terraform-provider-aws #42252), so the program asks RAM
// through the AWS SDK, with the credentials the AWS provider uses. The offline plan installs the
// simulated RAM's answer instead (sim/run.ts), the way it installs the warning sink.
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, NS, SpokeConfig } from "../lib/config";
import { AcceptanceProblem, Invitation, InvitationStatus, ShareAcceptance, acceptanceOf } from "../lib/aws/ramInvitations";

/** What the program asks RAM about one share, as the calling (member) account. */
export interface RamShareLookup {
    /** GetResourceShareInvitations filtered to the share: each invitation the calling account received to it. */
    invitations(shareArn: string): Promise<Invitation[]>;
    /** GetResourceShares (resourceOwner OTHER-ACCOUNTS, the share's ARN, status ACTIVE): whether the share reaches the calling account now. */
    shareActive(shareArn: string): Promise<boolean>;
    /**
     * ListPendingInvitationResources: the ARNs of the resources a pending invitation would share,
     * so that a member sees what it accepts before accepting it (lib/checks/hubTrust.ts).
     */
    pendingResources?(invitationArn: string): Promise<string[]>;
}

let installed: ((region: string) => RamShareLookup) | undefined;

/** Answers the lookups from elsewhere (the simulated RAM) until called with undefined. */
export function setRamShareLookup(fn: ((region: string) => RamShareLookup) | undefined): void {
    installed = fn;
}

/** The lookup in use: the one installed (the simulated RAM), else the AWS SDK's. */
export function ramShareLookup(region: string): RamShareLookup {
    return (installed ?? sdkRamShareLookup)(region);
}

/** A share of the hub a member receives, and what it carries (for the member's words). */
export interface ReceivedShare {
    /** "transitGateway" or "profile": which of the spoke's resources needs it. */
    readonly key: "transitGateway" | "profile";
    readonly arn: string;
    /** "the hub's Transit Gateway", "the hub's Route 53 Profile". */
    readonly what: string;
}

/**
 * The spoke's acceptance of each share it receives: the override when `vpce-hub:acceptRamShare`
 * is true or false (no lookup), else what RAM says (lib/aws/ramInvitations.ts). A share that does
 * not reach the member is a config error naming the stack, the share and the key, instead of the
 * attachment's or association's bare NotFound later.
 */
export async function shareAcceptances(cfg: SpokeConfig, accountId: string, shares: readonly ReceivedShare[]): Promise<{ acceptances: Partial<Record<ReceivedShare["key"], ShareAcceptance>>; errors: ConfigError[] }> {
    const acceptances: Partial<Record<ReceivedShare["key"], ShareAcceptance>> = {};
    const errors: ConfigError[] = [];
    if (cfg.acceptRamShare !== "auto") {
        // Without a lookup there is no invitation to name: the accepter is declared once and kept.
        for (const s of shares) acceptances[s.key] = cfg.acceptRamShare ? { kind: "accept", invitationArn: "" } : { kind: "none" };
        return { acceptances, errors };
    }
    if (!shares.length) return { acceptances, errors };
    const lookup = ramShareLookup(cfg.region);
    const fail = (s: ReceivedShare, message: string) => errors.push({ stack: cfg.stack, key: `${NS}:acceptRamShare`, message: `the hub's RAM share ${s.arn} (${s.what}) ${message}` });
    for (const s of shares) {
        let answer: ShareAcceptance | AcceptanceProblem;
        try {
            const [invitations, active] = await Promise.all([lookup.invitations(s.arn), lookup.shareActive(s.arn)]);
            answer = acceptanceOf(invitations, active, accountId);
        } catch (e) {
            const err = e as { name?: string; message?: string };
            fail(s, `could not be looked up (auto asks RAM GetResourceShareInvitations and GetResourceShares in account ${accountId}): ` +
                `${err.name ?? "Error"}: ${err.message ?? String(e)}; grant ram:GetResourceShareInvitations and ram:GetResourceShares to the deploy role, ` +
                "or set true (accept the pending invitation) or false (nothing to accept)");
            continue;
        }
        if ("problem" in answer) fail(s, answer.problem);
        else acceptances[s.key] = answer;
    }
    return { acceptances, errors };
}

/**
 * The lookup through the AWS SDK (RAM), with the credentials the AWS provider is configured with:
 * `aws:accessKey`/`aws:secretKey`/`aws:token`, or `aws:profile`, or the default chain (environment,
 * SSO, web identity as Pulumi Deployments' OIDC sets it), then each of `aws:assumeRoles` in turn.
 * The SDK is loaded on first use: the offline plan never calls it.
 */
export function sdkRamShareLookup(region: string): RamShareLookup {
    const client = (async () => {
        const { RAMClient } = await import("@aws-sdk/client-ram");
        return new RAMClient({ region, credentials: await programCredentials(region) });
    })();
    return {
        async invitations(shareArn) {
            const { GetResourceShareInvitationsCommand } = await import("@aws-sdk/client-ram");
            const ram = await client;
            const out: Invitation[] = [];
            let nextToken: string | undefined;
            do {
                const r = await ram.send(new GetResourceShareInvitationsCommand({ resourceShareArns: [shareArn], nextToken }));
                for (const i of r.resourceShareInvitations ?? []) {
                    if (i.status && i.resourceShareInvitationArn) {
                        out.push({ status: i.status as InvitationStatus, invitationArn: i.resourceShareInvitationArn, timestamp: i.invitationTimestamp?.toISOString() });
                    }
                }
                nextToken = r.nextToken;
            } while (nextToken);
            return out;
        },
        async pendingResources(invitationArn) {
            const { ListPendingInvitationResourcesCommand } = await import("@aws-sdk/client-ram");
            const ram = await client;
            const out: string[] = [];
            let nextToken: string | undefined;
            do {
                const r = await ram.send(new ListPendingInvitationResourcesCommand({ resourceShareInvitationArn: invitationArn, nextToken }));
                for (const res of r.resources ?? []) if (res.arn) out.push(res.arn);
                nextToken = r.nextToken;
            } while (nextToken);
            return out;
        },
        async shareActive(shareArn) {
            const { GetResourceSharesCommand } = await import("@aws-sdk/client-ram");
            const ram = await client;
            const r = await ram.send(new GetResourceSharesCommand({ resourceOwner: "OTHER-ACCOUNTS", resourceShareArns: [shareArn], resourceShareStatus: "ACTIVE" }));
            return (r.resourceShares ?? []).length > 0;
        },
    };
}

interface Credentials { accessKeyId: string; secretAccessKey: string; sessionToken?: string; expiration?: Date }

/** The AWS provider's credentials, as its stack configuration sets them (see sdkRamShareLookup). */
async function programCredentials(region: string): Promise<() => Promise<Credentials>> {
    const config = new pulumi.Config("aws");
    const accessKeyId = config.get("accessKey");
    const secretAccessKey = config.get("secretKey");
    let base: () => Promise<Credentials>;
    if (accessKeyId && secretAccessKey) {
        const token = config.get("token");
        base = async () => ({ accessKeyId, secretAccessKey, ...(token ? { sessionToken: token } : {}) });
    } else {
        const { defaultProvider } = await import("@aws-sdk/credential-provider-node");
        const profile = config.get("profile");
        base = defaultProvider(profile ? { profile } : {}) as () => Promise<Credentials>;
    }
    const roles = (config.getObject<{ roleArn?: string; sessionName?: string; externalId?: string }[]>("assumeRoles") ?? []).filter(r => r.roleArn);
    if (!roles.length) return base;
    const { STSClient, AssumeRoleCommand } = await import("@aws-sdk/client-sts");
    return async () => {
        let creds = await base();
        for (const role of roles) {
            const sts = new STSClient({ region, credentials: creds });
            const r = await sts.send(new AssumeRoleCommand({
                RoleArn: role.roleArn, RoleSessionName: role.sessionName ?? "vpce-hub-ram-lookup", ...(role.externalId ? { ExternalId: role.externalId } : {}),
            }));
            const c = r.Credentials!;
            creds = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken, expiration: c.Expiration };
        }
        return creds;
    };
}

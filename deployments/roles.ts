// The deploy roles of one account as plain definitions (name, trust, permissions): the
// per-account bootstrap (deployments/bootstrap.ts) creates them as IAM roles, the
// organization-wide bootstrap (deployments/stackSet.ts) renders the same definitions into a
// CloudFormation template. Pure: no Pulumi import.
import type { SideRoles } from "./accounts";
import { readerEnvironment, operatorEnvironment } from "./esc";
import { PolicyDocument, RoleKind, trustPolicy } from "./oidc";
import { permissionPolicy, previewPolicy } from "./permissions";
import { PROJECT } from "./stacks";

/** One IAM role to create. */
export interface RoleDefinition {
    readonly name: string;
    readonly kind: RoleKind;
    readonly side: SideRoles["side"];
    readonly description: string;
    readonly trust: PolicyDocument;
    /** The whole permission policy (what the tests and the derivation check read). */
    readonly policy: PolicyDocument;
    /**
     * The same statements in customer managed policies of at most MANAGED_POLICY_LIMIT
     * characters each, attached to the role (a role's inline policies together may hold only
     * 10,240 characters; the deploy role's scoped statements hold more).
     */
    readonly policies: readonly PolicyDocument[];
    /** IAM's cap on a session; ESC asks for one hour, Deployments for one hour. */
    readonly maxSessionDuration: number;
    readonly tags: Readonly<Record<string, string>>;
}

export interface RoleDefinitionsInput {
    readonly organization: string;
    readonly project?: string;
    /** ARN of the account's OIDC provider (in a template: a `${AWS::AccountId}` ARN). */
    readonly providerArn: string;
    /** The roles of this account's sides (deployments/accounts.ts). */
    readonly sides: readonly SideRoles[];
    /** Pulumi users whose operator environments may assume the deploy roles. */
    readonly operators?: readonly string[];
    /** Without Pulumi Cloud: CI runners' roles that may assume the deploy and the preview roles. */
    readonly runners?: { readonly deploy?: readonly string[]; readonly preview?: readonly string[] };
}

/** IAM's limit on one managed policy (IAM quotas, "Managed policy length": 6,144 characters without whitespace). */
export const MANAGED_POLICY_LIMIT = 6144;
/** IAM's default limit on managed policies attached to one role (IAM quotas: 10, up to 20 on request). */
export const MANAGED_POLICIES_PER_ROLE = 10;

/** Splits a policy's statements, in order, into documents of at most MANAGED_POLICY_LIMIT characters. */
export function splitPolicy(doc: PolicyDocument, limit = MANAGED_POLICY_LIMIT): PolicyDocument[] {
    const out: PolicyDocument[] = [];
    let current: PolicyDocument["Statement"][number][] = [];
    const size = (statements: readonly unknown[]) => JSON.stringify({ Version: doc.Version, Statement: statements }).length;
    for (const s of doc.Statement) {
        if (size([s]) > limit) throw new Error(`statement ${s.Sid}: ${size([s])} characters, over IAM's ${limit} for one managed policy`);
        if (current.length && size([...current, s]) > limit) { out.push({ Version: doc.Version, Statement: current }); current = []; }
        current.push(s);
    }
    if (current.length) out.push({ Version: doc.Version, Statement: current });
    return out;
}

/** Two roles per side: deploy (update, refresh, destroy; writes) and preview (any operation; reads only). */
export function roleDefinitions(input: RoleDefinitionsInput): RoleDefinition[] {
    const project = input.project ?? PROJECT;
    const operators = input.operators ?? [];
    return input.sides.flatMap(side => {
        const stacks = [...side.stacks];
        const common = { organization: input.organization, project, stacks, providerArn: input.providerArn };
        const deploy: RoleDefinition = {
            name: side.names.deploy, kind: "deploy", side: side.side,
            description: `Pulumi Deployments of ${input.organization}/${project} ${side.side} stacks ${stacks.join(", ")}: update, refresh, destroy`,
            trust: trustPolicy({
                ...common, kind: "deploy", runnerRoles: input.runners?.deploy,
                ...(operators.length ? { escEnvironments: stacks.map(operatorEnvironment), logins: operators } : {}),
            }),
            policy: permissionPolicy(side.scope),
            policies: [],
            maxSessionDuration: 3600,
            tags: { "vpce-hub:side": side.side, "vpce-hub:kind": "deploy" },
        };
        const preview: RoleDefinition = {
            name: side.names.preview, kind: "preview", side: side.side,
            description: `Previews of ${input.organization}/${project} ${side.side} stacks ${stacks.join(", ")}: read-only`,
            trust: trustPolicy({ ...common, kind: "preview", escEnvironments: stacks.map(readerEnvironment), runnerRoles: input.runners?.preview }),
            policy: previewPolicy(side.scope),
            policies: [],
            maxSessionDuration: 3600,
            tags: { "vpce-hub:side": side.side, "vpce-hub:kind": "preview" },
        };
        return [deploy, preview].map(r => {
            const policies = splitPolicy(r.policy);
            if (policies.length > MANAGED_POLICIES_PER_ROLE) {
                throw new Error(`role ${r.name}: its permissions need ${policies.length} managed policies, over IAM's ${MANAGED_POLICIES_PER_ROLE} per role: fewer regions or VPCs per account and side`);
            }
            return { ...r, policies };
        });
    });
}

// What runs inside each Pulumi Deployments run besides the operation: the commands before it
// and the environment it gets. Built here as text, set in each stack's DeploymentSettings by
// the deployments project, so a pull request cannot change them (a stack file or the program
// can be changed by a pull request; the settings cannot). Pure: no Pulumi import.
import { AWS_CREDENTIAL_KEYS } from "./stacks";

/**
 * Environment variables of every run:
 * - the policy pack and its config: Pulumi CLI 3.208 and later read any flag from
 *   `PULUMI_OPTION_<FLAG>` (Pulumi blog "All Pulumi CLI flags are now supported as environment
 *   variables", 2025-11-21), so `--policy-pack` applies to previews, updates, refreshes and
 *   destroys alike, on every Pulumi edition (Deployments settings have no policy-pack field).
 */
export function runEnvironment(policyPack: string, policyPackConfig: string): Record<string, string> {
    return { PULUMI_OPTION_POLICY_PACK: policyPack, PULUMI_OPTION_POLICY_PACK_CONFIG: policyPackConfig };
}

/**
 * The pre-run command that trades the run's OIDC token for the deploy role's credentials when
 * the run is not a preview. With previews on, a stack's settings name the read-only preview
 * role (Deployments exchanges every run's token for it first); for an update, refresh or
 * destroy this command assumes the deploy role with the same token, whose subject names the
 * operation, and hands the credentials to the operation through `$PULUMI_ENV` (Pulumi
 * Deployments docs, "Pre-run commands" and "Environment variables": PULUMI_CI_OPERATION,
 * PULUMI_ENV; the token is in PULUMI_OIDC_TOKEN, "Configuring OpenID Connect for AWS with
 * Pulumi Deployments"). A preview's token says `operation:preview`, which the deploy role's
 * trust refuses: whatever a pull request's code does with the token, it gets no write
 * credentials. A failed exchange fails the run (pipefail), it never continues read-only.
 */
export function escalationCommand(deployRoleArn: string, sessionName: string): string {
    return `if [ "$PULUMI_CI_OPERATION" != "preview" ]; then set -o pipefail; ` +
        `aws sts assume-role-with-web-identity --role-arn ${deployRoleArn} --role-session-name ${sessionName} ` +
        `--web-identity-token "$PULUMI_OIDC_TOKEN" --duration-seconds 3600 ` +
        `--query 'Credentials.[AccessKeyId,SecretAccessKey,SessionToken]' --output text ` +
        `| awk '{ printf "AWS_ACCESS_KEY_ID=%s\\nAWS_SECRET_ACCESS_KEY=%s\\nAWS_SESSION_TOKEN=%s\\n", $1, $2, $3 }' >> "$PULUMI_ENV" || exit 1; fi`;
}

/**
 * The pre-run command that fails a run (a pull request's preview included) when the stack file
 * would change the credentials the run uses: an `environment:` import (an ESC environment's
 * AWS_* variables override the role Deployments assumed) other than the allowed ones, or an AWS
 * provider credential setting (`aws:profile`, `aws:assumeRole`, ...). The deployments project
 * refuses the same at `pulumi up` (deployments/plan.ts); this check is what a pull request meets.
 */
export function credentialGuardCommand(stackFile: string, allowedEnvironments: readonly string[]): string {
    const keys = AWS_CREDENTIAL_KEYS.join("|");
    const envCheck = allowedEnvironments.length
        ? `awk '/^environment:/{e=1;next} /^[^ -]/{e=0} e && /^ *(- )?[A-Za-z0-9]/{print}' ${stackFile} | grep -vE '(${allowedEnvironments.map(escapeRe).join("|")})$' | grep -q .`
        : `grep -qE '^environment:' ${stackFile}`;
    return `if ${envCheck}; then echo "${stackFile}: environment: imports an ESC environment, which would change this stack's credentials (deployments/README.md)"; exit 1; fi; ` +
        `if grep -qE '^[[:space:]]+aws:(${keys}):' ${stackFile}; then echo "${stackFile}: sets an AWS credential key (aws:profile, aws:assumeRole, ...), which would change this stack's credentials"; exit 1; fi`;
}

function escapeRe(s: string): string {
    return s.replace(/[.\\/]/g, m => `\\${m}`);
}

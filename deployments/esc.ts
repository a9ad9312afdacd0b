// The ESC environments people use, as code: per stack a read-only environment (the preview
// role) anyone in the organization may open, and, when operators are named, an operator
// environment whose credentials the deploy role gives only to those Pulumi users (its trust
// names them: an AWS-side check that holds on every Pulumi edition). The deployments project
// creates them (deployments/resources.ts); nothing in esc/ is edited by hand. Pure.
import { stringify } from "yaml";
import { PROJECT } from "./stacks";
import type { StackDeployment } from "./plan";

/** One environment: its ESC project and name, and its definition. */
export interface EscEnvironment {
    /** The ESC project (`vpce-hub`): never ESC's legacy `default` project, whose tokens carry another audience. */
    readonly project: string;
    readonly name: string;
    /** The stack whose credentials it gives. */
    readonly stack: string;
    readonly kind: "reader" | "operator";
    /** The definition, as `pulumi env init` would take it. */
    readonly definition: Record<string, unknown>;
}

/** `<project>/<name>` of a stack's read-only environment. */
export function readerEnvironment(stack: string): string {
    return `${PROJECT}/${PROJECT}-${stack}`;
}

/** `<project>/<name>` of a stack's operator environment. */
export function operatorEnvironment(stack: string): string {
    return `${PROJECT}/${PROJECT}-${stack}-operator`;
}

/**
 * An aws-login environment. `subjectAttributes` put the environment's name (and for operators
 * the user's login) into the token's subject, which the role's trust matches exactly; without
 * them a stack-imported environment presents `...:env:<yaml>` for every environment
 * (pulumi/pulumi#14509).
 */
function awsLogin(roleArn: string, sessionName: string, region: string | undefined, withLogin: boolean): Record<string, unknown> {
    return {
        values: {
            aws: {
                login: {
                    "fn::open::aws-login": {
                        oidc: {
                            roleArn, sessionName, duration: "1h",
                            subjectAttributes: withLogin ? ["currentEnvironment.name", "pulumi.user.login"] : ["currentEnvironment.name"],
                        },
                    },
                },
            },
            environmentVariables: {
                AWS_ACCESS_KEY_ID: "${aws.login.accessKeyId}",
                AWS_SECRET_ACCESS_KEY: "${aws.login.secretAccessKey}",
                AWS_SESSION_TOKEN: "${aws.login.sessionToken}",
            },
            ...(region ? { pulumiConfig: { "aws:region": region } } : {}),
        },
    };
}

/** The environments of every stack: a reader each, and an operator each when operators are named. */
export function escEnvironments(settings: readonly StackDeployment[], regions: Readonly<Record<string, string | undefined>>, withOperators: boolean): EscEnvironment[] {
    const out: EscEnvironment[] = [];
    for (const s of settings) {
        const reader = readerEnvironment(s.stack).split("/")[1];
        out.push({ project: PROJECT, name: reader, stack: s.stack, kind: "reader", definition: awsLogin(s.previewRoleArn, `${reader}-esc`.slice(0, 64), regions[s.stack], false) });
        if (withOperators) {
            const operator = operatorEnvironment(s.stack).split("/")[1];
            out.push({ project: PROJECT, name: operator, stack: s.stack, kind: "operator", definition: awsLogin(s.roleArn, `${operator}-esc`.slice(0, 64), regions[s.stack], true) });
        }
    }
    return out;
}

/** An environment's definition as YAML text (what `pulumi env get` shows). */
export function environmentYaml(env: EscEnvironment): string {
    const header = env.kind === "reader"
        ? `# ${env.project}/${env.name}: read-only AWS credentials (the preview role) for stack ${env.stack}.\n` +
            `# Made by the deployments project; edit deployments/esc.ts, not this environment.\n`
        : `# ${env.project}/${env.name}: write credentials (the deploy role) for stack ${env.stack}, for the named operators only.\n` +
            `# Made by the deployments project; edit deployments/esc.ts, not this environment.\n`;
    return header + stringify(env.definition);
}

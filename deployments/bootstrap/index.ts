// Entry point of the bootstrap project (`pulumi up` in deployments/bootstrap/, once per AWS
// account): the deploy role one vpce-hub stack's Deployments and ESC environment assume.
import * as pulumi from "@pulumi/pulumi";
import { DeployRole } from "../bootstrap";
import { DeploySide, defaultEscEnvironment } from "../iam";
import { PROJECT } from "../lib";

const config = new pulumi.Config();
// A bootstrap stack named after the vpce-hub stack it serves needs no `stack` setting.
const stack = config.get("stack") ?? pulumi.getStack();
// An empty escEnvironment leaves ESC out: only Deployments' own OIDC may assume the role.
const escEnvironment = config.get("escEnvironment") ?? defaultEscEnvironment(stack);

const deployRole = new DeployRole("vpce-hub", {
    organization: config.get("organization") ?? pulumi.getOrganization(),
    project: PROJECT,
    stack,
    oidcProviderArn: config.get("oidcProviderArn"),
    roleName: config.get("roleName"),
    escEnvironment: escEnvironment === "" ? undefined : escEnvironment,
    // hub, member or both (default): each side gets only its own Route 53 Profiles and RAM permission actions.
    side: (config.get("side", { allowedValues: ["hub", "member", "both"] }) ?? "both") as DeploySide,
});

/** Give this to the deployments project (`roles.<stack>`) and the stack's ESC environment. */
export const roleArn = deployRole.roleArn;
/** Another bootstrap stack in the same account passes this as `oidcProviderArn`. */
export const oidcProviderArn = deployRole.oidcProviderArn;

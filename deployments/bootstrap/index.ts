// Entry point of the per-account bootstrap (`pulumi up` in deployments/bootstrap/, once per AWS
// account, with that account's admin credentials): the OIDC provider and the deploy and
// preview roles of every side the account holds, for the stacks the repository's stack files
// place in it. Accounts of an organization can instead get them all at once from the
// organization-wide bootstrap (deployments/organization/).
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { AccountRoles } from "../bootstrap";
import { SideRoles, rolesByAccount } from "../accounts";
import { DeploymentsConfigError, readStackFiles } from "../lib";

const config = new pulumi.Config();
const organization = config.get("organization") ?? pulumi.getOrganization();

export = async () => {
    const account = (await aws.getCallerIdentity()).accountId;
    let sides: SideRoles[] | undefined;
    try {
        const stacks = readStackFiles(path.resolve(__dirname, "..", ".."));
        sides = rolesByAccount(stacks, organization, {
            deploy: config.get("roleName") ?? "vpce-hub-deploy", preview: config.get("previewRoleName") ?? "vpce-hub-preview",
        }).get(account);
    } catch (e) {
        if (e instanceof DeploymentsConfigError) throw new pulumi.RunError(`vpce-hub-bootstrap:\n${e.message}`);
        throw e;
    }
    if (!sides?.length) {
        throw new pulumi.RunError(`vpce-hub-bootstrap: no stack file places a stack in account ${account} (vpce-hub:accountId, or a hub's vpce-hub:spokes): nothing to bootstrap here`);
    }
    const roles = new AccountRoles("vpce-hub", {
        organization, sides,
        oidcProviderArn: config.get("oidcProviderArn"),
        operators: config.getObject<string[]>("operators") ?? [],
        // Without Pulumi Cloud: the CI runners' roles (merges: deployRunners; pull requests: previewRunners).
        runners: { deploy: config.getObject<string[]>("deployRunners") ?? [], preview: config.getObject<string[]>("previewRunners") ?? [] },
    });
    return {
        /** Per role name: its ARN (the deployments project derives the same). */
        roleArns: roles.roleArns,
        /** The account's OIDC provider. */
        oidcProviderArn: roles.oidcProviderArn,
        /** Which stacks each side's roles serve. */
        sides: sides.map(s => ({ side: s.side, stacks: s.stacks, deploy: s.names.deploy, preview: s.names.preview })),
    };
};

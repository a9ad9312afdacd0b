// Entry point of the organization-wide bootstrap (`pulumi up` in deployments/organization/, from
// the management account or a delegated administrator for StackSets): the OIDC provider and the
// member deploy and preview roles in every account of the chosen OUs, those added later included.
// Hub accounts, and accounts outside an organization, use the per-account bootstrap.
import * as path from "path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { rolesByAccount } from "../accounts";
import { DeploymentsConfigError, readStackFiles } from "../lib";
import { CallAs, OrgDeployRoles } from "../organization";
import { orgBootstrap } from "../stackSet";

const config = new pulumi.Config();
const organization = config.get("organization") ?? pulumi.getOrganization();

export = async () => {
    const org = await aws.organizations.getOrganization({});
    let bootstrap;
    try {
        bootstrap = orgBootstrap({
            organization,
            byAccount: rolesByAccount(readStackFiles(path.resolve(__dirname, "..", "..")), organization),
            managementAccount: org.masterAccountId,
            accountsWithProvider: config.getObject<string[]>("accountsWithOidcProvider") ?? [],
            operators: config.getObject<string[]>("operators") ?? [],
        });
    } catch (e) {
        if (e instanceof DeploymentsConfigError) throw new pulumi.RunError(`vpce-hub-organization:\n${e.message}`);
        throw e;
    }
    new OrgDeployRoles("vpce-hub", {
        bootstrap,
        organizationalUnitIds: config.requireObject<string[]>("organizationalUnitIds"),
        callAs: (config.get("callAs", { allowedValues: ["SELF", "DELEGATED_ADMIN"] }) ?? "SELF") as CallAs,
        region: aws.config.region ?? "us-east-1",
        templateBucket: config.get("templateBucket"),
    });
    return {
        /** Member accounts whose stacks the roles trust (others get the provider and a placeholder until their member is registered). */
        members: Object.fromEntries(bootstrap.members),
        /** Accounts left to the per-account bootstrap: the hubs'. */
        excluded: bootstrap.excluded,
    };
};

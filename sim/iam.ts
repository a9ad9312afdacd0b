// The simulated IAM of the deployments' bootstrap: roles and the OIDC provider they trust.
import { ResourceTable, SimRun, created } from "./context";

export function iamResources(run: SimRun): ResourceTable {
    return {
        "aws:iam/role:Role": c => {
            const roleName = String(c.inputs.name ?? c.name);
            return created(c, roleName, { arn: `arn:aws:iam::${run.ctx.accountId}:role/${roleName}` });
        },
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider": c => {
            const arn = `arn:aws:iam::${run.ctx.accountId}:oidc-provider/${String(c.inputs.url).replace(/^https:\/\//, "")}`;
            return created(c, arn, { arn });
        },
    };
}

// The read-only IAM policy `npm run doctor -- state` needs in each account it reads, beside the
// deploy role's (deployments/iam.ts). Made from the doctor's own table of calls
// (doctor/aws/calls.ts): each action the doctor calls, and what AWS checks besides, nothing
// else. Attach it to a role per account (the hub's, and each member's for the full view), e.g.
//   node -r ts-node/register/transpile-only -e 'console.log(JSON.stringify(require("./deployments/doctorPolicy").doctorReadPolicy(), null, 2))' > doctor-read.json
//   aws iam create-policy --policy-name vpce-hub-doctor-read --policy-document file://doctor-read.json
import { CALLS, iamActionsOf } from "../doctor/aws/calls";
import type { PolicyDocument } from "./oidc";

/** Every IAM action the doctor needs, sorted, once each. */
export function doctorActions(): string[] {
    return [...new Set(Object.values(CALLS).flatMap(iamActionsOf))].sort();
}

/**
 * The doctor's read-only policy. Resource "*": these List and Describe actions take no
 * resource-level permissions (or the doctor cannot know the ids before it lists them).
 */
export function doctorReadPolicy(): PolicyDocument {
    return { Version: "2012-10-17", Statement: [{ Sid: "VpceHubDoctorRead", Effect: "Allow", Action: doctorActions(), Resource: "*" }] };
}

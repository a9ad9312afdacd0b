// Entry point of the vpce-hub policy pack: `pulumi preview --policy-pack policy`.
// Constructing the PolicyPack starts the analyzer's gRPC server, so nothing may import this
// module, tests least of all; the policies themselves live in ./rules.

import { PolicyPack } from "@pulumi/policy";
import { POLICIES } from "./rules";

new PolicyPack("vpce-hub", {
    policies: [...POLICIES],
});

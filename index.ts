// Entry point for `pulumi up`: one program, the stack's role picks hub or spoke.
import * as pulumi from "@pulumi/pulumi";
import { ConfigValidationError } from "./lib/config";
import { runStack } from "./stacks";

export = async () => {
    try {
        return await runStack(pulumi.getStack(), pulumi.runtime.allConfig());
    } catch (e) {
        // Bad configuration is the user's to fix: one readable error, no stack trace.
        if (e instanceof ConfigValidationError) throw new pulumi.RunError(e.message);
        throw e;
    }
};

// Picks the stack role from config and runs it.
import * as pulumi from "@pulumi/pulumi";
import { requireStackConfig } from "../lib/config";
import { hubStack } from "./hub";
import { spokeStack } from "./spoke";

/** Validates `raw` (full config keys to values) and runs the hub or spoke program. */
export async function runStack(stack: string, raw: Record<string, unknown>): Promise<Record<string, pulumi.Input<any>>> {
    const cfg = requireStackConfig(stack, raw);
    return cfg.role === "hub" ? hubStack(cfg) : spokeStack(cfg);
}

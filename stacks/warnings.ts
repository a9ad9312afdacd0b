// Warnings a stack program raises while it runs (what AWS told it at deploy time). Under
// `pulumi up` they go to the engine's log; the offline plan installs a sink to collect them
// into its own warnings, so both show the same sentences.
import * as pulumi from "@pulumi/pulumi";
import type { Warning } from "../lib/model";

let sink: ((w: Warning) => void) | undefined;

/** Collects warnings instead of logging them, until called with undefined. */
export function setWarningSink(fn: ((w: Warning) => void) | undefined): void {
    sink = fn;
}

export function stackWarning(code: string, message: string): void {
    if (sink) sink({ code, message });
    else void pulumi.log.warn(message);
}

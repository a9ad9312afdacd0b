// `npm run doctor -- state --plan FILE ...`: the command line around doctor/state.ts: reads the
// plan JSON (and deployed hub outputs where given), resolves credentials, reads the live state,
// prints the path checks that fail on it and the drift, writes --json. Exit 0 every check
// passes and no drift fails, 1 otherwise, 2 bad input.
import * as fs from "fs";
import { parseArgs } from "util";
import { defaultProvider } from "@aws-sdk/credential-provider-node";
import { PlannedStack } from "../lib/model";
import { plural, shortList } from "../lib/text";
import type { AwsCredentialIdentityProvider } from "./aws/calls";
import { Flag, Io, parseOptions, usageOf } from "./io";
import { CredentialSource, StateInputError, StateResult, readState } from "./state";

export const STATE_FLAGS: readonly Flag[] = [
    { name: "plan", type: "string", arg: "FILE", help: "the plan's JSON (npm run plan -- --json FILE): what the live state is held against" },
    { name: "hub", type: "string", arg: "[STACK=]FILE", multiple: true, help: "a hub's outputs (pulumi stack output --json); needed when the hub created its VPC" },
    { name: "profile", type: "string", arg: "NAME", multiple: true, help: "an AWS profile with read access to one account (repeat per account; default: the standard credential chain)" },
    { name: "endpoint-url", type: "string", arg: "URL", help: "send every AWS call there (a local test server or a proxy)" },
    { name: "json", type: "string", arg: "OUT", help: "also write the checks and the drift as JSON" },
    { name: "help", type: "boolean", help: "this text" },
];

export const STATE_USAGE = usageOf("state", STATE_FLAGS, [
    "Reads the live AWS state with read-only credentials (the policy: deployments/doctorPolicy.ts), runs the",
    "plan's path checks on it, and reports drift: what the plan has that AWS lacks, what AWS has besides, and",
    "what differs. The hub's account is required; each member's account adds its own side (else: a partial view).",
]);

export interface StateDeps {
    /** Credentials of a profile (undefined: the default chain). Default: the SDK's standard chain. */
    readonly credentials?: (profile: string | undefined) => AwsCredentialIdentityProvider;
    readonly maxAttempts?: number;
}

/** The plan JSON's stacks as PlannedStacks, or why not. */
function planStacks(doc: any): PlannedStack[] | string {
    if (!doc || !Array.isArray(doc.stacks)) return "is not a plan's JSON (npm run plan -- --json FILE writes one)";
    const missing = doc.stacks.filter((s: any) => !Array.isArray(s.resources)).map((s: any) => s.stack);
    if (missing.length) return `stacks ${shortList(missing)} have no resources: write it again with npm run plan -- --json FILE`;
    return doc.stacks as PlannedStack[];
}

export async function runState(argv: readonly string[], io: Io, deps: StateDeps = {}): Promise<number> {
    const bad = (message: string) => { io.err(`error: ${message}\n`); return 2; };
    let args: Record<string, string | string[] | boolean | undefined>;
    try {
        args = parseArgs({ args: [...argv], options: parseOptions(STATE_FLAGS) }).values as typeof args;
    } catch (e) {
        return bad(`(state): command line: ${(e as Error).message}\n${STATE_USAGE}`);
    }
    if (args.help) { io.out(STATE_USAGE + "\n"); return 0; }
    if (typeof args.plan !== "string") return bad(`(state): --plan FILE is required\n${STATE_USAGE}`);
    const readJson = (file: string, flag: string): unknown => {
        try { return JSON.parse(fs.readFileSync(file, "utf8")); } catch (e) {
            throw new StateInputError(`(state): ${flag} ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
        }
    };
    try {
        const plan = planStacks(readJson(args.plan, "--plan"));
        if (typeof plan === "string") return bad(`(state): --plan ${args.plan}: ${plan}`);
        const hubNames = plan.filter(s => s.role === "hub").map(s => s.stack);
        const hubOutputs = new Map<string, Record<string, any>>();
        for (const spec of (args.hub as string[] | undefined) ?? []) {
            const [stack, file] = spec.includes("=") ? spec.split(/=(.*)/s) : [hubNames.length === 1 ? hubNames[0] : "", spec];
            if (!hubNames.includes(stack)) return bad(`(state): --hub ${spec}: ${stack ? `the plan has no hub ${stack}` : `the plan has hubs ${shortList(hubNames)}: write --hub STACK=FILE`}`);
            hubOutputs.set(stack, readJson(file, "--hub") as Record<string, any>);
        }
        const credentials = deps.credentials ?? ((profile?: string) => defaultProvider(profile ? { profile } : {}));
        const profiles = (args.profile as string[] | undefined) ?? [];
        const sources: CredentialSource[] = profiles.length ? profiles.map(p => ({ profile: p, credentials: credentials(p) })) : [{ credentials: credentials(undefined) }];
        const result = await readState({ plan, hubOutputs, sources, endpoint: args["endpoint-url"] as string | undefined, maxAttempts: deps.maxAttempts });
        io.out(stateReport(result));
        if (typeof args.json === "string") {
            fs.writeFileSync(args.json, JSON.stringify({
                accounts: Object.fromEntries(result.accounts), unread: result.unreadStacks, checks: result.checks, skippedChecks: result.skippedChecks,
                drift: result.drift.drifts, unreadFacts: result.drift.unread, notes: result.notes,
            }, null, 2) + "\n");
            io.out(`wrote ${args.json}\n`);
        }
        return failed(result) ? 1 : 0;
    } catch (e) {
        if (e instanceof StateInputError) return bad(e.message);
        throw e;
    }
}

const failed = (r: StateResult) => r.checks.some(c => c.verdict === "fail") || r.drift.drifts.some(d => d.severity === "fail");

export function stateReport(r: StateResult): string {
    const lines = [`doctor state: read ${[...r.accounts].map(([a, p]) => `${a} (${p})`).join(", ")}`];
    if (r.unreadStacks.length) {
        lines.push(`  partial view: no credentials for ${r.unreadStacks.map(s => `${s.stack} (${s.accountId})`).join(", ")}: ` +
            `their route tables, own endpoints and zones, and invitations are not read; ${plural(r.skippedChecks, "path check")} of theirs not run`);
    }
    for (const n of r.notes) lines.push(`  note: ${n}`);
    const failing = r.checks.filter(c => c.verdict === "fail");
    lines.push("", `Path checks on the live state: ${r.checks.length - failing.length} pass, ${failing.length} fail`);
    for (const c of failing) lines.push(`  FAIL ${c.source} -> ${c.host}${c.recordType ? ` ${c.recordType}` : ""}: ${c.reason}`);
    const drifts = r.drift.drifts;
    lines.push("", `Drift against the plan: ${drifts.filter(d => d.severity === "fail").length} failing, ${drifts.filter(d => d.severity === "note").length} notes`);
    for (const d of drifts) lines.push(`  ${d.severity === "fail" ? d.kind : `${d.kind} (note)`}: ${d.stack}: ${d.what}${d.detail ? `: ${d.detail}` : ""}`);
    for (const u of r.drift.unread) lines.push(`  not read: ${plural(u.facts, "planned fact")} of ${shortList(u.stacks)} (account ${u.account})`);
    lines.push("", `Summary: ${failed(r) ? "FAIL" : "ok"}: ${plural(failing.length, "failing path check")}, ${plural(drifts.filter(d => d.severity === "fail").length, "failing drift")}`);
    return lines.join("\n") + "\n";
}

// The plan as its readers after the command see it: the document `npm run plan -- --json`
// writes, and what the HTML report and the Mermaid diagram are drawn from. Pure types.
import type { ConfigError, StackConfig } from "./config";
import type { CostReport } from "./cost/estimate";
import type { ForwarderConfigs } from "./forwarders";
import type { PathCheck, PlannedResource, Warning } from "./model";

export interface PlanDocumentStack {
    readonly stack: string;
    readonly role: "hub" | "spoke";
    readonly accountId: string;
    readonly region: string;
    readonly config: StackConfig;
    /** Every planned resource (the quota bars count them). */
    readonly resources?: readonly PlannedResource[];
    /** HubOutputs or SpokeOutputs. */
    readonly outputs: Record<string, any>;
}

/** A cost figure of another DNS mode (Route 53 Profiles, ...), when the plan prices one. */
export interface CostMode {
    readonly monthlyUsd: number;
}

export interface PlanDocument {
    /** Always true: ids, ARNs and addresses come from the simulated cloud. */
    readonly simulated?: boolean;
    readonly stacks: readonly PlanDocumentStack[];
    readonly checks: readonly PathCheck[];
    readonly forwarders?: ForwarderConfigs | null;
    /** `modes`: per DNS mode name, its cost (a record or a list of { mode|name, monthlyUsd }). */
    readonly cost?: (CostReport & { readonly modes?: unknown }) | null;
    /** With several hubs: each hub's cost (then `cost` is null). */
    readonly costByHub?: Record<string, (CostReport & { readonly modes?: unknown }) | null>;
    readonly warnings: readonly Warning[];
    readonly publicDns?: Record<string, string[]>;
    /** The public-DNS alternative to forwarders (endpoint URLs per service), when the plan writes it. */
    readonly direct?: string | null;
    /** With --against: every change from the previous plan (lib/review/changes.ts). */
    readonly changes?: readonly import("./review/changes").Change[];
    readonly changeReview?: { readonly verdict: string; readonly order: readonly string[]; readonly followUps: readonly string[] };
    /** Exit 2: every error, and the hubs this plan leaves out because of them (the rest is planned). */
    readonly errors?: readonly ConfigError[];
    readonly notPlanned?: readonly string[];
    /** Members retiring their own endpoints (vpce-hub:existingEndpoints retire: true): each state, with its checks (lib/checks/retirement.ts). */
    readonly retirements?: readonly import("./checks/retirement").RetirementProof[];
}

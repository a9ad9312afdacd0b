// What every service of the simulated AWS shares: the stack being evaluated (its account and
// region), deterministic ids, and the shape of a resource request and its answer. Each service
// module (sim/ec2.ts, sim/endpoints.ts, sim/route53.ts, ...) answers its own resource types and
// invokes as a table; sim/cloud.ts puts the tables together behind Pulumi's mock interface.
import * as crypto from "crypto";

export interface StackContext {
    readonly stack: string;
    readonly project: string;
    readonly accountId: string;
    readonly region: string;
}

export function hash(text: string, length: number): string {
    return crypto.createHash("sha256").update(text).digest("hex").slice(0, length);
}

/** What a service simulation needs of the run it serves (sim/cloud.ts provides it). */
export interface SimRun {
    /** The stack being evaluated now. */
    readonly ctx: StackContext;
    /**
     * An id derived from the stack and the resource key by hashing: the same program and config
     * always give the same ids, and adding a resource never changes another's.
     */
    idFor(prefix: string, key: string, length?: number): string;
    /** An ARN in the current account and region. */
    arn(service: string, resource: string): string;
    /** Remembers how to undo what a resource did, for a later run that no longer declares it. */
    onDelete(key: string, undo: () => void): void;
    /**
     * Whether an earlier run of this stack created the resource (and registered its undo): in
     * Pulumi's state already, so this run makes no create call for it.
     */
    existed(key: string): boolean;
}

/** One resource registration as a service simulation sees it. */
export interface ResourceCall {
    readonly name: string;
    /** `type::name`, unique in a stack. */
    readonly key: string;
    readonly inputs: Record<string, any>;
    readonly custom: boolean;
    /** The id of a resource read rather than created (a StackReference). */
    readonly readId?: string;
}

export interface Simulated {
    readonly id: string | undefined;
    readonly state: Record<string, any>;
}

/** A service's resource types (Pulumi type tokens) and how it answers each. */
export type ResourceTable = Readonly<Record<string, (call: ResourceCall) => Simulated>>;
/** A service's invokes (provider function tokens) and how it answers each. */
export type InvokeTable = Readonly<Record<string, (inputs: Record<string, any>) => Record<string, any>>>;

/** The answer most resources give: their inputs, an id and the outputs AWS adds. */
export function created(call: ResourceCall, id: string, extra: Record<string, any> = {}): Simulated {
    return { id, state: { ...call.inputs, ...extra } };
}

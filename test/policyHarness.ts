// Calls the pack's stack policies the way the analyzer server does, with hand-built resources
// (policy/index.ts is never imported: its PolicyPack constructor starts a server).
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";

/** One resource of a stack as a stack policy sees it. */
export interface StackResource {
    readonly type: string;
    readonly props: Record<string, any>;
    readonly name?: string;
    /** Property name to the names of the resources it depends on (e.g. securityGroupIds). */
    readonly deps?: Record<string, string[]>;
}

/** Calls a stack policy on a stack of `resources`, as the analyzer server does. */
export async function validateStack(policy: StackValidationPolicy, resources: readonly StackResource[], config: object = {}): Promise<{ violations: string[]; urns: (string | undefined)[] }> {
    const urnOf = (r: StackResource, i: number) => `urn:pulumi:test::vpce-hub::${r.type}::${r.name ?? `r${i}`}`;
    const built: PolicyResource[] = resources.map((r, i) => ({
        type: r.type, props: r.props, urn: urnOf(r, i), name: r.name ?? `r${i}`,
        opts: { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
        dependencies: [], propertyDependencies: {},
        isType: () => false, asType: () => undefined,
    } as unknown as PolicyResource));
    resources.forEach((r, i) => {
        for (const [prop, names] of Object.entries(r.deps ?? {})) {
            const deps = names.map(n => built.find(b => b.name === n)!);
            (built[i].propertyDependencies as Record<string, PolicyResource[]>)[prop] = deps;
            (built[i].dependencies as PolicyResource[]).push(...deps);
        }
    });
    const violations: string[] = [];
    const urns: (string | undefined)[] = [];
    await policy.validateStack({ resources: built, getConfig: <T extends object>() => config as T } as never, (message, urn) => { violations.push(message); urns.push(urn); });
    return { violations, urns };
}

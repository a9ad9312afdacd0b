// The offline plan: read every Pulumi.<stack>.yaml, validate them together, run the real
// stack programs in dependency order (hub first) against the simulated cloud, then check
// every DNS answer and network path. No AWS, no Pulumi CLI.
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError, ConfigValidationError, HubConfig, NS, SpokeConfig, StackConfig, hubStackName, parseStackConfig } from "../lib/config";
import { checkSpokeAgainstHub } from "../lib/crossCheck";
import { checkHubSet, groupByHub, tablesOwner } from "../lib/hubSet";
import { PathCheck, PlannedStack, Warning } from "../lib/model";
import { checkPaths } from "../lib/paths";
import { SimCloud, simulatedAccountId } from "../sim/cloud";
import { PROJECT, runStackSimulated } from "../sim/run";

export interface StackFile {
    readonly stack: string;
    readonly file: string;
    /** Full config keys to values, as Pulumi would pass them (top-level scalars as text). */
    readonly raw: Record<string, unknown>;
}

/** Reads every Pulumi.<stack>.yaml in `dir`; YAML and shape problems become config errors. */
export function loadStackFiles(dir: string): { files: StackFile[]; errors: ConfigError[] } {
    const files: StackFile[] = [];
    const errors: ConfigError[] = [];
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
        return { files, errors: [{ stack: "(plan)", key: "--stacks-dir", message: `${dir} is not a directory` }] };
    }
    const names = fs.readdirSync(dir).filter(f => /^Pulumi\.[^.]+(\.[^.]+)*\.ya?ml$/.test(f) && f !== "Pulumi.yaml" && f !== "Pulumi.yml").sort();
    for (const name of names) {
        const stack = name.replace(/^Pulumi\./, "").replace(/\.ya?ml$/, "");
        const file = path.join(dir, name);
        const doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { prettyErrors: true });
        if (doc.errors.length) {
            const e = doc.errors[0];
            const where = e.linePos ? ` line ${e.linePos[0].line}, column ${e.linePos[0].col}` : "";
            // The parser's first line repeats the position we already give in the key.
            const what = e.message.split("\n")[0].replace(/ at line \d+, column \d+:?$/, "");
            errors.push({ stack, key: `(${name}${where})`, message: `malformed YAML: ${what}` });
            continue;
        }
        const body = doc.toJS();
        if (!body || typeof body !== "object" || typeof body.config !== "object" || body.config === null) {
            errors.push({ stack, key: `(${name})`, message: "has no `config:` map" });
            continue;
        }
        // Pulumi hands top-level scalars to the program as text and objects as JSON: mirror that
        // so the plan validates what `pulumi up` would see. Scalars keep the text as written, so
        // nothing is lost to number parsing (012345678901); quoting ids stays the safe habit.
        const source = new Map<string, string>();
        const configNode = doc.get("config");
        if (YAML.isMap(configNode)) {
            for (const pair of configNode.items) {
                if (YAML.isScalar(pair.key) && YAML.isScalar(pair.value) && pair.value.value !== null) {
                    source.set(String(pair.key.value), pair.value.source ?? String(pair.value.value));
                }
            }
        }
        const raw = Object.fromEntries(Object.entries(body.config as Record<string, unknown>).map(
            ([k, v]) => [k, source.get(k) ?? v]));
        files.push({ stack, file, raw });
    }
    if (!files.length && !errors.length) errors.push({ stack: "(plan)", key: "--stacks-dir", message: `no Pulumi.<stack>.yaml files in ${dir}` });
    return { files, errors };
}

/** The hub as spokes see it, derived from its config (before anything runs). */
function hubView(hub: HubConfig) {
    return {
        accountId: hub.accountId ?? simulatedAccountId(hub.stack),
        region: hub.region,
        vpcCidr: hub.vpc.cidr,
        spokes: Object.fromEntries(hub.spokes.map(s => [s.name, { ...s, authorizedZoneIds: [] }])),
    };
}

/** Validates every stack and their agreement; returns configs in evaluation order (hub first). */
export function validateStacks(files: readonly StackFile[]): { configs: StackConfig[]; errors: ConfigError[] } {
    const errors: ConfigError[] = [];
    const configs: StackConfig[] = [];
    for (const f of files) {
        const r = parseStackConfig(f.stack, f.raw);
        errors.push(...r.errors);
        if (r.config) configs.push(r.config);
    }
    const hubs = configs.filter((c): c is HubConfig => c.role === "hub");
    // Any number of hubs (a region each, or an environment each): what must hold between them.
    errors.push(...checkHubSet(hubs));
    const allStacks = new Set(files.map(f => f.stack));
    const views = new Map<HubConfig, ReturnType<typeof hubView>>();
    for (const spoke of configs.filter((c): c is SpokeConfig => c.role === "spoke")) {
        const name = hubStackName(spoke.hubStack);
        const project = spoke.hubStack.split("/").length === 3 ? spoke.hubStack.split("/")[1] : PROJECT;
        const hub = hubs.find(h => h.stack === name);
        const fail = (message: string) => errors.push({ stack: spoke.stack, key: `${NS}:hubStack`, message });
        if (project !== PROJECT) {
            fail(`${spoke.hubStack} names project "${project}", but these stacks belong to project "${PROJECT}"`);
            continue;
        }
        if (!hub) {
            const other = configs.find(c => c.stack === name);
            fail(other ? `${spoke.hubStack} is a ${other.role} stack, not a hub: name the hub (the stack with ${NS}:role hub)`
                : allStacks.has(name) ? `${spoke.hubStack}: the hub's own configuration is invalid (see its errors)`
                    : `${spoke.hubStack}: there is no Pulumi.${name}.yaml in this plan`);
            continue;
        }
        // One view per hub: built per spoke, it made validation grow with the square of the fleet.
        let view = views.get(hub);
        if (!view) views.set(hub, view = hubView(hub));
        errors.push(...checkSpokeAgainstHub(spoke, view, spoke.accountId));
    }
    // Each hub, then the members that name it: a member's StackReference reads its hub's outputs.
    // A hub that joins another hub's Transit Gateway tables reads them, so it comes after.
    const groups = groupByHub(configs);
    const joins = (h: HubConfig) => tablesOwner(h) !== h.stack ? 1 : 0;
    const order = [...groups].sort((a, b) => joins(a.hub) - joins(b.hub)).flatMap(g => [g.hub, ...g.members]);
    return { configs: order, errors };
}

/**
 * The account whose credentials a stack runs with in the simulation: its configured account,
 * else, for a spoke, the account the hub registered for it (what a correct setup would use).
 */
function simulatedCaller(cfg: StackConfig, configs: readonly StackConfig[]): string | undefined {
    if (cfg.accountId || cfg.role !== "spoke") return undefined;
    const hub = configs.find((c): c is HubConfig => c.role === "hub" && c.stack === hubStackName(cfg.hubStack));
    return hub?.spokes.find(s => s.name === cfg.stack)?.accountId;
}

export interface PlanResult {
    readonly stacks: PlannedStack[];
    readonly checks: PathCheck[];
    readonly warnings: Warning[];
    /** Public DNS of endpoint names, as the simulated cloud answers it. */
    readonly publicDns: Record<string, string[]>;
    /**
     * Spokes the hub registers that have no stack in the plan: not deployed yet (the README's
     * order passes through this state: hub first, then each member). Their checks wait.
     */
    readonly pending: string[];
}

/**
 * Evaluates validated stacks. Throws ConfigValidationError when a stack program rejects its
 * configuration against the (simulated) cloud.
 */
export async function evaluate(files: readonly StackFile[], configs: readonly StackConfig[], sim = new SimCloud()): Promise<PlanResult> {
    const stacks: PlannedStack[] = [];
    const errors: ConfigError[] = [];
    const byStack = new Map(files.map(f => [f.stack, f]));
    for (const cfg of configs) {
        const f = byStack.get(cfg.stack)!;
        try {
            stacks.push(await runStackSimulated(sim, cfg.stack, f.raw, { callerAccountId: simulatedCaller(cfg, configs) }));
        } catch (e) {
            if (e instanceof ConfigValidationError) errors.push(...e.errors);
            else throw e;
        }
    }
    if (errors.length) throw new ConfigValidationError(errors);
    const publicDns = Object.fromEntries(sim.publicDns);
    const checks = stacks.some(s => s.role === "hub") ? checkPaths(stacks, publicDns) : [];
    const stackWarnings = stacks.flatMap(s => (s.warnings ?? []).map(w => ({ ...w, message: `${s.stack}: ${w.message}` })));
    const planned = new Set(files.map(f => f.stack));
    const pending = configs.filter((c): c is HubConfig => c.role === "hub").flatMap(h => h.spokes.map(s => s.name)).filter(n => !planned.has(n));
    return { stacks, checks, warnings: [...catalogWarnings(configs), ...stackWarnings], publicDns, pending };
}

/** Caveats of the chosen services: the catalog's warnings (ECR's only when S3 is missing). */
export function catalogWarnings(configs: readonly StackConfig[]): Warning[] {
    const out: Warning[] = [];
    for (const hub of configs.filter((c): c is HubConfig => c.role === "hub")) {
        const names = new Set(hub.services.map(s => s.name));
        for (const s of hub.services) {
            if (!s.warning || (s.name === "ecr.dkr" && names.has("s3"))) continue;
            out.push({ code: `service:${s.name}`, message: `${s.name}: ${s.warning}` });
        }
    }
    return out;
}

// `npm run plan`: the offline plan as a command. Exit 0 when everything is valid and every
// check passes, 1 when a check fails, 2 when the configuration (or the command line) is
// invalid: then only `error: <stack>: <key>: <what>` lines, never a stack trace; 3, with
// --fail-on-breaking, when the change against --against OLD.json is breaking.
//
// Built as data so it grows without growing tangled: FLAGS lists the options (the usage text
// is made from it), planView() computes what the sections need once, SECTIONS lists the
// report's parts in print order (each a small function: lib/report/sections.ts), and
// jsonDocument() is the --json schema. A new flag is a FLAGS row; a new part of the report
// is a function in SECTIONS (and a key in jsonDocument when it belongs in the JSON).
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { Flag, flagLines, flagText, parseOptions } from "../lib/cli";
import { ConfigError, ConfigValidationError, HubConfig, formatError } from "../lib/config";
import { CostReport, formatCostReport } from "../lib/cost/estimate";
import { ChangeSet, Snapshot, changeLines, changeSet } from "../lib/review/changes";
import { compareWithPrevious } from "../lib/review/diff";
import { MigrationSnapshot, ModeChange, formatModeChange, recognizeModeChange } from "../lib/review/migration";
import { ForwarderConfigs } from "../lib/forwarders";
import { forwardersSection, perHub } from "../lib/report/hubs";
import { adoptionSection } from "../lib/report/adoption";
import { groupStacksByHub } from "../lib/config/hubSet";
import { HubOutputs, PlannedStack, Warning } from "../lib/model";
import { ApiBudget, ROUTE53_REQUESTS_PER_SECOND, quotaFindings, quotaKey } from "../lib/checks/quotas";
import { memberCostLines } from "../lib/checks/memberCost";
import { Section, WIDTH, fit, renderSections, style } from "../lib/report/render";
import {
    ReportInput, SIMULATED, SectionBuilder, checksSection, failures, onPremSection, servicesSection, spokesSection, stacksSection,
    summarySection, warningsSection, warningsSummarySection,
} from "../lib/report/sections";
import { writeForwarderFiles } from "./forwarderFiles";
import type { PlanDocument } from "../lib/planDocument";
import { HubEstimate, hubEstimates, onPremConfigs, sharedQuotaFindings } from "./hubs";
import { writeJsonFile } from "./jsonStream";
import { PlanResult, evaluate, untouchedHubs, validateStacks } from "./plan";
import { loadStackFiles } from "../lib/config/stackFiles";
import { writeViews } from "./views";

export type { Flag } from "../lib/cli";

export const FLAGS: readonly Flag[] = [
    { name: "stacks-dir", type: "string", arg: "DIR", help: "where the Pulumi.<stack>.yaml files are (default: the project root)" },
    { name: "json", type: "string", arg: "FILE", help: "also write the whole result as JSON (written as it goes: any fleet size)" },
    { name: "against", type: "string", arg: "OLD.json", help: "a previous plan JSON: what changes, and what breaks consumers" },
    { name: "fail-on-breaking", type: "boolean", help: "with --against: exit 3 when the change is breaking (a gate for pull requests)" },
    { name: "forwarders", type: "string", arg: "DIR", help: "write the on-prem forwarder configs there, one file per DNS product" },
    { name: "html", type: "string", arg: "FILE", help: "write a self-contained HTML report: topology, check matrix, cost, quotas, forwarders" },
    { name: "mermaid", type: "string", arg: "FILE", help: "write the topology as a Mermaid flowchart (FILE.md: in a fenced block)" },
    { name: "verbose", type: "boolean", help: "every stack's component tree, every spoke, and every check with its hops" },
    { name: "no-color", type: "boolean", help: "plain text (also when NO_COLOR is set or output is not a terminal)" },
    { name: "help", type: "boolean", short: "h", help: "this text" },
];

export type Args = { readonly [name: string]: string | boolean | undefined };

function usage(): string {
    return [
        ...fit(`usage: npm run plan -- ${FLAGS.filter(f => f.name !== "help").map(f => `[${flagText(f)}]`).join(" ")}`, WIDTH, "usage: npm run plan -- ".length),
        "",
        "Evaluates every Pulumi.<stack>.yaml offline (hub first), checks every DNS answer and network",
        "path, and prints what each account gets, the cost and the quotas.",
        ...flagLines(FLAGS),
        "Exit: 0 all valid and passing (checks that wait for a registered spoke without a stack file are pending,",
        "not failing), 1 a path check fails, 2 invalid configuration (or command line), 3 with --fail-on-breaking:",
        "the change against OLD.json is breaking (a member that stays loses access, or pulumi up will refuse a step).",
    ].join("\n");
}

export const USAGE = usage();

export interface Io {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    readonly isTty: boolean;
    /** The environment (npm's `npm_config_*` variables show options npm took for itself); default process.env. */
    readonly env?: NodeJS.ProcessEnv;
}

const processIo: Io = {
    out: t => process.stdout.write(t),
    err: t => process.stderr.write(t),
    isTty: Boolean(process.stdout.isTTY),
};

function fail(io: Io, errors: readonly ConfigError[]): number {
    io.err(errors.map(formatError).join("\n") + "\n");
    return 2;
}

/**
 * `npm run plan --json x` (no `--`) hands --json to npm, which keeps it as its own config
 * (npm_config_json=true) and passes only `x` on. Every plan option npm took shows up as an
 * npm_config_<name> variable: name them and the fix. (`--verbose` becomes npm's loglevel.)
 */
export function npmAteOptions(env: NodeJS.ProcessEnv): string | undefined {
    if (env.npm_lifecycle_event === undefined) return undefined;
    const eaten = FLAGS.filter(f => f.name !== "help" && env[`npm_config_${f.name.replace(/-/g, "_")}`] !== undefined).map(f => `--${f.name}`);
    if (env.npm_config_loglevel === "verbose" && !eaten.includes("--verbose")) eaten.push("--verbose");
    if (!eaten.length) return undefined;
    const first = FLAGS.find(f => `--${f.name}` === eaten[0]);
    return `hint: npm took ${eaten.join(", ")} for itself: put \`--\` before the plan's options, e.g. \`npm run plan -- ${eaten[0]}${first?.arg ? ` ${first.arg}` : ""}\``;
}

/** Everything the sections and the JSON read, computed once. */
export interface PlanView extends ReportInput {
    readonly args: Args;
    readonly result: PlanResult;
    readonly hub?: PlannedStack & { readonly outputs: HubOutputs; readonly config: HubConfig };
    readonly forwarders?: ForwarderConfigs;
    /** How on-prem hosts reach each endpoint by its regional name, without forwarders. */
    readonly direct?: string;
    /** The cost and API budget of a single-hub plan. */
    readonly cost?: CostReport;
    readonly apiBudget?: ApiBudget;
    /** Per hub (one entry per hub stack; with several hubs the sections come from these). */
    readonly estimates: readonly HubEstimate[];
    /** --against: the hub's DNS mode changed (lib/review/migration.ts). */
    readonly modeChange?: ModeChange;
    /** With --against: what changes from the previous plan. */
    readonly changes?: ChangeSet;
    /** Exit 2: every error (also on stderr), and the hubs left out of this plan because of them. */
    readonly errors?: readonly ConfigError[];
    readonly notPlanned?: readonly string[];
}

/** Whether a hub with onPrem lets AWS pick its Resolver addresses (then the plan's are simulated). */
function simulatedResolver(stacks: readonly PlannedStack[]): boolean {
    return stacks.some(s => s.role === "hub" && (s.config as HubConfig).onPrem && !(s.config as HubConfig).onPrem!.resolverAddresses);
}

function planView(args: Args, result: PlanResult, previous: unknown, projectDir: string): PlanView {
    const hub = result.stacks.find(s => s.role === "hub") as PlanView["hub"];
    const warnings: Warning[] = [...result.warnings];
    // Every hub with onPrem in one forwarder configuration; each hub priced and checked
    // against its quotas on its own (plan/hubs.ts).
    const onPrem = onPremConfigs(result.stacks);
    const forwarders = onPrem.forwarders;
    const direct = onPrem.direct === undefined ? undefined
        : `# ${SIMULATED}: the endpoint names below come from the simulation; after pulumi up take each service's\n` +
        "# regionalDnsName from `pulumi stack output services` on the hub stack.\n" + onPrem.direct;
    const estimates = hubEstimates(result.stacks);
    for (const e of estimates) warnings.push(...e.warnings);
    for (const { hubs, finding } of sharedQuotaFindings(result.stacks).filter(x => !x.finding.over)) {
        warnings.push({ code: `quota:${finding.name}`, message: `hubs ${hubs.join(", ")} together: ${finding.message}` });
    }
    const single = estimates.length === 1 ? estimates[0] : undefined;
    if (previous) warnings.push(...compareWithPrevious(previous as Parameters<typeof compareWithPrevious>[0], result));
    const forwarderFiles = typeof args.forwarders === "string" && forwarders
        ? writeForwarderFiles(path.resolve(projectDir, args.forwarders), forwarders, direct, simulatedResolver(result.stacks)
            ? `${SIMULATED}: Resolver addresses from the offline plan, not AWS's; after pulumi up: npm run forwarders -- --from <hub stack output --json>`
            : undefined) : undefined;
    const changes = previous ? changeSet(previous as Snapshot, result) : undefined;
    return {
        args, result, hub, forwarders, direct, cost: single?.cost, apiBudget: single?.apiBudget, estimates, forwarderFiles, changes,
        stacks: result.stacks, checks: result.checks, warnings, verbose: Boolean(args.verbose), pending: result.pending,
    };
}

const directSection: SectionBuilder<PlanView> = v => v.verbose && v.direct ? [{
    id: "direct",
    title: `Without forwarders: on-prem hosts that resolve public DNS can call the endpoints by name ${SIMULATED}`,
    lines: v.direct.trimEnd().split("\n"),
}] : [];

/** With several hubs, one section per hub whose `of` names it in the title and id. */
const eachHub = (v: PlanView, one: (e: HubEstimate, of: string, id: string) => Section[]): Section[] =>
    v.estimates.length > 1 ? v.estimates.flatMap(e => one(e, `, hub ${e.hub.stack}`, `:${e.hub.stack}`)) : v.estimates.flatMap(e => one(e, "", ""));

const costSection: SectionBuilder<PlanView> = v => eachHub(v, (e, of, id) => e.cost ? [{
    id: `cost${id}`, title: `Cost (monthly, ${e.cost.currency}, ${e.cost.region}${of})`, lines: formatCostReport(e.cost),
}] : []);

const apiBudgetSection: SectionBuilder<PlanView> = v => eachHub(v, (e, of, id) => [{
    id: `api-budget${id}`, title: `API budget${of}`,
    lines: [`${e.apiBudget.route53Calls} Route 53 and ${e.apiBudget.resolverCalls} Resolver API calls to create this plan: ` +
        `about ${Math.ceil(e.apiBudget.seconds)} s at ${ROUTE53_REQUESTS_PER_SECOND} requests/s per account`,
    ...memberCostLines(e.apiBudget.perMember ?? [], e.hub.config as HubConfig, v.verbose)],
}]);

const migrationSection: SectionBuilder<PlanView> = v => v.modeChange ? [{ id: "migration", title: "DNS mode change", lines: formatModeChange(v.modeChange) }] : [];

const changesSection: SectionBuilder<PlanView> = v => v.changes ? [{
    id: "changes", title: `Changes against ${v.args.against}: ${v.changes.verdict}`, lines: changeLines(v.changes, v.verbose),
}] : [];

/** Exit 2: the errors first (also on stderr), and which hubs this plan leaves out for them. */
const errorsSection: SectionBuilder<PlanView> = (v, s) => v.errors?.length ? [{
    id: "errors", title: s.red(`Errors: ${v.errors.length} (exit 2; also on stderr)`),
    lines: [
        ...v.errors.map(formatError),
        ...(v.notPlanned?.length ? [`not planned: ${v.notPlanned.join(", ")}, with ${v.notPlanned.length === 1 ? "its" : "their"} members; every other hub is below`] : []),
    ],
}] : [];

/** The report's sections, in print order. */
export const SECTIONS: readonly SectionBuilder<PlanView>[] = [
    errorsSection, changesSection, warningsSummarySection, perHub(stacksSection), perHub(servicesSection), perHub(spokesSection), perHub(onPremSection), forwardersSection, directSection,
    perHub(checksSection), adoptionSection, costSection, apiBudgetSection, migrationSection, warningsSection, summarySection,
];

export const HEADER = `vpce-hub plan  ${SIMULATED}: ids, ARNs and addresses come from an offline simulation of AWS; nothing was deployed`;

/** The --json document (its schema is documented in the README). */
export function jsonDocument(v: PlanView): Record<string, unknown> {
    return {
        simulated: true,
        stacks: v.result.stacks.map(s => ({
            stack: s.stack, role: s.role, accountId: s.accountId, region: s.region, config: s.config,
            resources: s.resources, outputs: s.outputs,
        })),
        checks: v.result.checks,
        forwarders: v.forwarders ?? null,
        // The public-DNS alternative to forwarders (endpoint URLs per service), as --forwarders writes it.
        direct: v.direct ?? null,
        // One hub: its cost report; several: none here, each hub's in costByHub.
        cost: v.cost ?? null,
        ...(v.estimates.length > 1 ? { costByHub: Object.fromEntries(v.estimates.map(e => [e.hub.stack, e.cost ?? null])) } : {}),
        warnings: v.warnings,
        // Members retiring their own endpoints: each state they pass through, with its checks.
        ...(v.result.retirements ? { retirements: v.result.retirements } : {}),
        publicDns: v.result.publicDns,
        ...(v.errors?.length ? { errors: v.errors, notPlanned: v.notPlanned ?? [] } : {}),
        // With --against: every change, and the order and follow-ups the review prints.
        ...(v.changes ? { changes: v.changes.changes, changeReview: { verdict: v.changes.verdict, order: v.changes.order, followUps: v.changes.followUps } } : {}),
    };
}

export async function runPlan(argv: readonly string[], io: Io = processIo, projectDir = process.cwd()): Promise<number> {
    let args: Args;
    try {
        args = parseArgs({
            args: [...argv], allowPositionals: false,
            options: parseOptions(FLAGS),
        }).values as Args;
    } catch (e) {
        const hint = npmAteOptions(io.env ?? process.env);
        io.err(`error: (plan): command line: ${(e as Error).message}\n${hint ? `${hint}\n` : ""}${USAGE}\n`);
        return 2;
    }
    if (args.help) { io.out(USAGE + "\n"); return 0; }
    if (args["fail-on-breaking"] && typeof args.against !== "string") {
        io.err(`error: (plan): --fail-on-breaking: needs --against OLD.json (the plan it judges the change against)\n`);
        return 2;
    }
    const hint = npmAteOptions(io.env ?? process.env);
    if (hint) io.err(hint + "\n");

    let previous: unknown;
    if (typeof args.against === "string") {
        try {
            previous = JSON.parse(fs.readFileSync(path.resolve(projectDir, args.against), "utf8"));
            if (!Array.isArray((previous as { stacks?: unknown })?.stacks)) throw new Error("it has no `stacks` list");
        } catch (e) {
            return fail(io, [{ stack: "(plan)", key: "--against", message: `cannot read ${args.against} as a plan JSON: ${(e as Error).message}` }]);
        }
    }

    const dir = path.resolve(projectDir, typeof args["stacks-dir"] === "string" ? args["stacks-dir"] : ".");
    const loaded = loadStackFiles(dir);
    // A member the previous plan's hub listed and this one does not was taken out: it is told so.
    const before = (previous as Snapshot | undefined)?.stacks ?? [];
    const wasListed = (hub: string, member: string) => member in ((before.find(s => s.stack === hub && s.role === "hub")?.outputs as HubOutputs | undefined)?.spokes ?? {});
    const validated = validateStacks(loaded.files, loaded.unreadable, wasListed);
    const errors: ConfigError[] = [...loaded.errors, ...validated.errors];
    const htmlFile = typeof args.html === "string" ? args.html : undefined;

    // A hub with errors leaves the others to plan: every hub without one is shown (exit 2 stays).
    let part = errors.length ? untouchedHubs(validated.configs, errors) : { configs: validated.configs, notPlanned: [] as string[] };
    let result: PlanResult | undefined;
    while (part.configs.some(c => c.role === "hub")) {
        try {
            result = await evaluate(loaded.files, part.configs);
            break;
        } catch (e) {
            if (!(e instanceof ConfigValidationError)) throw e;
            errors.push(...e.errors);
            const rest = untouchedHubs(part.configs, e.errors);
            part = { configs: rest.configs, notPlanned: [...new Set([...part.notPlanned, ...rest.notPlanned])] };
        }
    }
    if (!result) {
        // Nothing to plan: the errors, and with --html a page that shows them.
        if (htmlFile) for (const line of writeViews({ stacks: [], checks: [], warnings: [], errors }, { html: htmlFile }, projectDir).lines) io.out(`${line}\n`);
        return fail(io, errors);
    }

    // What AWS will refuse fails the plan: a quota over its limit is an error, not a warning.
    const over = groupStacksByHub(result.stacks).flatMap(g => quotaFindings([g.hub, ...g.members], (g.hub.config as HubConfig).quotas)
        .filter(f => f.over).map(f => ({ stack: g.hub.stack, key: quotaKey(f.name), message: f.message })));
    // Several hubs filling one account's or one gateway's quota together (plan/hubs.ts).
    for (const { hubs, finding } of sharedQuotaFindings(result.stacks).filter(x => x.finding.over)) {
        over.push({ stack: hubs[hubs.length - 1], key: quotaKey(finding.name), message: `hubs ${hubs.join(", ")} together: ${finding.message}` });
    }
    errors.push(...over);
    // A change of vpce-hub:dns that one pulumi up per stack cannot make stops here, naming the step.
    const modeChange = previous ? recognizeModeChange(previous as MigrationSnapshot, result) : undefined;
    if (modeChange?.blocking) {
        io.err(formatModeChange(modeChange).join("\n") + "\n");
        errors.push(modeChange.blocking);
    }

    const view: PlanView = { ...planView(args, result, previous, projectDir), modeChange, ...(errors.length ? { errors, notPlanned: part.notPlanned } : {}) };
    const s = style(!args["no-color"] && !process.env.NO_COLOR && io.isTty);
    const sections: Section[] = SECTIONS.flatMap(build => build(view, s));
    io.out(renderSections(s.bold("vpce-hub plan") + s.dim(HEADER.slice("vpce-hub plan".length)), sections, s));

    // A plan with errors is no previous plan for --against, nor a diagram to share: only the page that shows the errors.
    if (typeof args.json === "string") io.out(errors.length ? `not written: ${args.json} (the plan has errors: exit 2)\n` : (writeJsonFile(path.resolve(projectDir, args.json), jsonDocument(view)), `wrote ${args.json}\n`));
    const views = { html: htmlFile, mermaid: typeof args.mermaid === "string" && !errors.length ? args.mermaid : undefined };
    if (typeof args.mermaid === "string" && errors.length) io.out(`not written: ${args.mermaid} (the plan has errors: exit 2)\n`);
    if (views.html || views.mermaid) {
        const written = writeViews(jsonDocument(view) as unknown as PlanDocument, views, projectDir);
        for (const line of written.lines) io.out(`${line}\n`);
        errors.push(...written.errors);
    }
    if (errors.length) return fail(io, errors);
    if (failures(result.checks, result.pending).length) return 1;
    // The pull request gate: a breaking change has an exit code of its own.
    return args["fail-on-breaking"] && view.changes?.verdict === "breaking changes" ? 3 : 0;
}

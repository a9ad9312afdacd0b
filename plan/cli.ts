// `npm run plan`: the offline plan as a command. Exit 0 when everything is valid and every
// check passes, 1 when a check fails, 2 when the configuration (or the command line) is
// invalid: then only `error: <stack>: <key>: <what>` lines, never a stack trace.
import * as fs from "fs";
import * as path from "path";
import { parseArgs } from "util";
import { ConfigError, ConfigValidationError, HubConfig, formatError } from "../lib/config";
import { estimateCost, formatCostReport } from "../lib/cost";
import { compareWithPrevious } from "../lib/diff";
import { ForwarderConfigs, renderDirectEndpoints, renderForwarders } from "../lib/forwarders";
import { HubOutputs, Warning } from "../lib/model";
import { loadPrices } from "../lib/prices";
import { ROUTE53_REQUESTS_PER_SECOND, apiBudget, checkQuotas } from "../lib/quotas";
import { renderReport } from "../lib/report";
import { evaluate, loadStackFiles, validateStacks } from "./plan";

export const USAGE = `usage: npm run plan -- [--stacks-dir DIR] [--json FILE] [--against OLD.json] [--verbose] [--no-color]

Evaluates every Pulumi.<stack>.yaml offline (hub first), checks every DNS answer and network
path, and prints what each account gets and the on-prem forwarder configuration.
  --stacks-dir DIR   where the Pulumi.<stack>.yaml files are (default: the project root)
  --json FILE        also write the whole result as JSON
  --against FILE     a previous plan JSON: warn about removals that break consumers
  --verbose          every resource as a tree, and every path check
  --no-color         plain text (also when NO_COLOR is set or output is not a terminal)
Exit: 0 all valid and passing, 1 a path check fails, 2 invalid configuration.`;

export interface Io {
    readonly out: (text: string) => void;
    readonly err: (text: string) => void;
    readonly isTty: boolean;
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

export async function runPlan(argv: readonly string[], io: Io = processIo, projectDir = process.cwd()): Promise<number> {
    let args;
    try {
        args = parseArgs({
            args: [...argv], allowPositionals: false, options: {
                "stacks-dir": { type: "string" }, json: { type: "string" }, against: { type: "string" },
                verbose: { type: "boolean", default: false }, "no-color": { type: "boolean", default: false },
                help: { type: "boolean", short: "h", default: false },
            },
        }).values;
    } catch (e) {
        io.err(`error: (plan): command line: ${(e as Error).message}\n${USAGE}\n`);
        return 2;
    }
    if (args.help) { io.out(USAGE + "\n"); return 0; }

    const dir = path.resolve(projectDir, args["stacks-dir"] ?? ".");
    const loaded = loadStackFiles(dir);
    const validated = validateStacks(loaded.files);
    const errors = [...loaded.errors, ...validated.errors];
    if (errors.length) return fail(io, errors);

    let previous;
    if (args.against) {
        try {
            previous = JSON.parse(fs.readFileSync(path.resolve(projectDir, args.against), "utf8"));
            if (!Array.isArray(previous?.stacks)) throw new Error("it has no `stacks` list");
        } catch (e) {
            return fail(io, [{ stack: "(plan)", key: "--against", message: `cannot read ${args.against} as a plan JSON: ${(e as Error).message}` }]);
        }
    }

    let result;
    try {
        result = await evaluate(loaded.files, validated.configs);
    } catch (e) {
        if (e instanceof ConfigValidationError) return fail(io, e.errors);
        throw e;
    }

    const hub = result.stacks.find(s => s.role === "hub");
    const hubCfg = hub?.config as HubConfig | undefined;
    const hubOut = hub?.outputs as HubOutputs | undefined;
    let forwarders: ForwarderConfigs | undefined;
    let direct: string | undefined;
    if (hubCfg?.onPrem && hubOut) {
        forwarders = renderForwarders({ zones: Object.keys(hubOut.zoneIds), resolverIps: hubOut.resolverInboundIps });
        direct = renderDirectEndpoints(Object.entries(hubOut.services).map(([service, s]) => ({ service, regionalDnsName: s.regionalDnsName, region: hubOut.region })));
    }

    const warnings: Warning[] = [...result.warnings];
    const sections: { title: string; body: string }[] = [];
    let cost;
    if (hub && hubCfg) {
        try {
            cost = estimateCost(result.stacks, loadPrices(hubCfg.region, hubCfg.cost.prices), hubCfg.cost);
            sections.push({ title: `Cost (monthly, ${cost.currency}, ${cost.region})`, body: formatCostReport(cost).join("\n") });
        } catch (e) {
            warnings.push({ code: "cost:unavailable", message: (e as Error).message });
        }
        warnings.push(...checkQuotas(result.stacks, hubCfg.quotas));
        const budget = apiBudget(result.stacks);
        sections.push({
            title: "Route 53 API budget",
            body: `${budget.route53Calls} Route 53 and ${budget.resolverCalls} Resolver API calls to create this plan: about ${Math.ceil(budget.seconds)} s at ${ROUTE53_REQUESTS_PER_SECOND} requests/s per account`,
        });
        if (budget.warning) warnings.push(budget.warning);
    }
    if (previous) warnings.push(...compareWithPrevious(previous, result));

    const color = !args["no-color"] && !process.env.NO_COLOR && io.isTty;
    io.out(renderReport({
        stacks: result.stacks, checks: result.checks, warnings, forwarders, direct, sections,
        verbose: Boolean(args.verbose), color,
    }));

    if (args.json) {
        const json = {
            simulated: true,
            stacks: result.stacks.map(s => ({
                stack: s.stack, role: s.role, accountId: s.accountId, region: s.region, config: s.config,
                resources: s.resources, outputs: s.outputs,
            })),
            checks: result.checks,
            forwarders: forwarders ?? null,
            cost: cost ?? null,
            warnings,
            publicDns: result.publicDns,
        };
        fs.writeFileSync(path.resolve(projectDir, args.json), JSON.stringify(json, null, 2) + "\n");
        io.out(`wrote ${args.json}\n`);
    }
    return result.checks.some(c => c.verdict === "fail") ? 1 : 0;
}

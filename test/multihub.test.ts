// Several hubs in one plan (issue 13, docs/multi-hub.md): the multi-region example plans with
// every check passing, each hub before its members, checks and cost per hub, isolation across
// hubs, and hubs that share one Transit Gateway.
import * as assert from "assert";
import { HubConfig, formatError } from "../lib/config";
import { checkHubSet, tablesOwner } from "../lib/config/hubSet";
import { PathCheck, PlannedStack } from "../lib/model";
import { checkPaths } from "../lib/checks/paths";
import { Io, runPlan } from "../plan/cli";
import { PlanResult, evaluate, validateStacks } from "../plan/plan";
import { StackFile, loadStackFiles } from "../lib/config/stackFiles";
import { MULTI_REGION_DIR, ROOT, inlinePrefixLists } from "./helpers";

function capture(): Io & { stdout: string; stderr: string } {
    const io = { stdout: "", stderr: "", isTty: false, out: (t: string) => { io.stdout += t; }, err: (t: string) => { io.stderr += t; } };
    return io;
}

const failing = (checks: readonly PathCheck[]) => checks.filter(c => c.verdict === "fail");

/** A copy of the plan's stacks, edited, then checked again. */
function recheck(plan: PlanResult, edit: (stacks: PlannedStack[]) => void): PathCheck[] {
    const stacks: PlannedStack[] = JSON.parse(JSON.stringify(plan.stacks));
    edit(stacks);
    return checkPaths(stacks, plan.publicDns);
}

function stackOf(stacks: PlannedStack[], name: string): PlannedStack {
    const s = stacks.find(x => x.stack === name);
    assert.ok(s, `no stack ${name}`);
    return s!;
}

describe("several hubs in one plan: examples/multi-region", () => {
    let plan: PlanResult;
    before(async () => {
        const { files, errors } = loadStackFiles(MULTI_REGION_DIR);
        assert.deepStrictEqual(errors, []);
        const v = validateStacks(files);
        assert.deepStrictEqual(v.errors.map(formatError), []);
        plan = await evaluate(files, v.configs);
    });

    it("evaluates every hub, each one before the members that name it", () => {
        assert.deepStrictEqual(plan.stacks.map(s => s.stack), [
            "shared-apne1", "app-apne1", "data-apne1",
            "shared-nonprod", "dev-apne1",
            "shared-use1", "app-use1",
            "shared-usw2", "app-usw2", "data-usw2",
        ]);
    });

    it("passes every check of every hub: its spokes and on-prem reach each of its names, inside its own VPC", () => {
        assert.deepStrictEqual(failing(plan.checks), []);
        const sources = (hub: string) => [...new Set(plan.checks.filter(c => c.hub === hub && c.kind === "service").map(c => c.source))].sort();
        assert.deepStrictEqual(sources("shared-apne1"), ["app-apne1", "data-apne1", "on-prem"]);
        assert.deepStrictEqual(sources("shared-usw2"), ["app-usw2", "data-usw2", "on-prem"]);
        assert.deepStrictEqual(sources("shared-nonprod"), ["dev-apne1"]); // no onPrem: no on-prem checks
        const vpcOf: Record<string, string> = { "shared-apne1": "10.0.", "shared-usw2": "10.16.", "shared-nonprod": "10.32.", "shared-use1": "10.48." };
        for (const c of plan.checks.filter(x => x.kind === "service")) {
            assert.ok(c.answer.length > 0 && c.answer.every(ip => ip.startsWith(vpcOf[c.hub!])), `${c.hub} ${c.source} ${c.host}: ${c.answer}`);
        }
        const hosts = (hub: string, source: string) => plan.checks.filter(c => c.hub === hub && c.source === source).map(c => c.host);
        assert.ok(hosts("shared-usw2", "app-usw2").includes("my-bucket.s3.us-west-2.amazonaws.com"));
        assert.ok(hosts("shared-usw2", "on-prem").includes("kms.us-west-2.amazonaws.com"));
        assert.ok(hosts("shared-nonprod", "dev-apne1").includes("123456789012.dkr.ecr.ap-northeast-1.amazonaws.com"));
        // The global IAM, which only a us-east-1 hub can centralize: its spoke and on-prem reach it;
        // S3's legacy global name is not served by S3's endpoint, so no hub answers it.
        for (const src of ["app-use1", "on-prem"]) {
            assert.ok(hosts("shared-use1", src).includes("iam.amazonaws.com") && !hosts("shared-use1", src).includes("my-bucket.s3.amazonaws.com"), src);
        }
        // A spoke is checked against its own hub's names only.
        assert.ok(!hosts("shared-usw2", "app-usw2").some(h => h.includes("ap-northeast-1")));
    });

    it("checks each spoke against every other hub: one check per spoke and other hub (4 hubs: 3 others each)", () => {
        const cross = (hub: string) => plan.checks.filter(c => c.hub === hub && c.service.startsWith("hub:"));
        assert.strictEqual(cross("shared-apne1").length, 2 * 3);
        assert.strictEqual(cross("shared-usw2").length, 2 * 3);
        assert.strictEqual(cross("shared-use1").length, 1 * 3);
        assert.strictEqual(cross("shared-nonprod").length, 1 * 3);
        assert.deepStrictEqual(cross("shared-nonprod").map(c => c.service).sort(), ["hub:shared-apne1", "hub:shared-use1", "hub:shared-usw2"]);
    });

    it("a spoke peered with another hub's spoke fails isolation across hubs, naming the peering", () => {
        const checks = recheck(plan, stacks => {
            const a = stackOf(stacks, "app-apne1");
            a.resources.push(
                { urn: "urn:x::leak-pcx", type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "leak", id: "pcx-0leak", inputs: { vpcId: "vpc-0a0000000000000b1", peerVpcId: "vpc-0b0000000000000b1", autoAccept: true }, outputs: {} },
                { urn: "urn:x::leak-route", type: "aws:ec2/route:Route", name: "leak", id: "r-leak", inputs: { routeTableId: "rtb-0a2000000000001", destinationCidrBlock: "10.17.0.0/16", vpcPeeringConnectionId: "pcx-0leak" }, outputs: {} },
            );
        });
        const bad = failing(checks);
        assert.deepStrictEqual(bad.map(c => [c.hub, c.source, c.service]), [["shared-apne1", "app-apne1", "hub:shared-usw2"]]);
        assert.match(bad[0].reason, /pcx-0leak reaches app-usw2 10\.17\.0\.0\/16/);
    });

    it("a route into another hub's VPC is no leak while its endpoints do not admit the spoke, and is one once they do", () => {
        const route = (stacks: PlannedStack[]) => {
            stackOf(stacks, "app-apne1").resources.push(
                { urn: "urn:x::p", type: "aws:ec2/vpcPeeringConnection:VpcPeeringConnection", name: "p", id: "pcx-0tohub", inputs: { vpcId: "vpc-0a0000000000000b1", peerVpcId: "vpc-0b0000000000000a1", autoAccept: true }, outputs: {} },
                { urn: "urn:x::r", type: "aws:ec2/route:Route", name: "r", id: "r-tohub", inputs: { routeTableId: "rtb-0a2000000000001", destinationCidrBlock: "10.16.0.0/16", vpcPeeringConnectionId: "pcx-0tohub" }, outputs: {} },
            );
        };
        assert.deepStrictEqual(failing(recheck(plan, route)), []);
        const admitted = failing(recheck(plan, stacks => {
            route(stacks);
            inlinePrefixLists(stackOf(stacks, "shared-usw2"));
            for (const sg of stackOf(stacks, "shared-usw2").resources.filter(r => r.type === "aws:ec2/securityGroup:SecurityGroup")) {
                for (const rule of sg.inputs.ingress ?? []) rule.cidrBlocks = [...rule.cidrBlocks, "10.1.0.0/16"];
            }
        }));
        assert.deepStrictEqual(admitted.map(c => [c.source, c.service]), [["app-apne1", "hub:shared-usw2"]]);
        assert.match(admitted[0].reason, /reaches hub shared-usw2 10\.16\.0\.0\/16/);
    });

    it("npm run plan reports each hub's services, spokes, checks and cost from its own region's price table, and exits 0", async () => {
        const io = capture();
        assert.strictEqual(await runPlan(["--stacks-dir", MULTI_REGION_DIR], io, ROOT), 0, io.stderr);
        for (const title of [
            /^Services: 6 endpoints, 8 zones \(hub shared-apne1, .*\) \[ap-northeast-1\]$/m,
            /^Services: 5 endpoints, 7 zones \(hub shared-usw2, .*\) \[us-west-2\]$/m,
            /^Spokes: 1 registered \[hub shared-nonprod, ap-northeast-1\]$/m,
            /^Stacks: 1 hub, 2 spokes, \d+ resources \[hub shared-usw2, us-west-2\]$/m,
            /^Path checks: \d+ .*\[hub shared-usw2, us-west-2\]$/m,
            /^On-prem: 1 network \[hub shared-apne1, ap-northeast-1\]$/m,
            /^ {2}one configuration for 3 hubs: shared-apne1 \(ap-northeast-1\), shared-use1 \(us-east-1\), shared-usw2 \(us-west-2\);/m,
            /^Cost \(monthly, USD, us-west-2, hub shared-usw2\)$/m,
            /^Cost \(monthly, USD, ap-northeast-1, hub shared-nonprod\)$/m,
            /^ {2}isolation from other hubs: 6\/6 /m,
        ]) assert.match(io.stdout, title);
        assert.doesNotMatch(io.stdout, /^On-prem: .*shared-nonprod/m, "a hub without onPrem has no on-prem section");
        assert.ok(io.stdout.includes("prices: data/prices/us-west-2.json"));
        assert.doesNotMatch(io.stdout, /cost:unavailable/);
    });
});

/** Stack files from literal config maps, as loadStackFiles would return them. */
function files(stacks: Record<string, Record<string, unknown>>): StackFile[] {
    return Object.entries(stacks).map(([stack, raw]) => ({ stack, file: `Pulumi.${stack}.yaml`, raw }));
}

const tgwHub = (account: string, cidr: string, vpc: string, spoke: { name: string; vpcId: string; cidr: string; account: string }, sharedWithHubs?: string[]) => ({
    "aws:region": "ap-northeast-1", "vpce-hub:role": "hub", "vpce-hub:accountId": account,
    "vpce-hub:vpc": { id: vpc, cidr, subnetIds: [`subnet-0${vpc.slice(5, 9)}00000001`, `subnet-0${vpc.slice(5, 9)}00000002`], routeTableIds: [`rtb-0${vpc.slice(5, 9)}00000001`] },
    "vpce-hub:services": ["sqs"],
    "vpce-hub:spokes": [{ name: spoke.name, accountId: spoke.account, vpcId: spoke.vpcId, cidr: spoke.cidr, connectivity: "transitGateway" }],
    "vpce-hub:transitGateway": { id: "tgw-0123456789abcdef0", ...(sharedWithHubs ? { sharedWithHubs } : {}) },
});
const tgwSpoke = (hub: string, account: string, vpc: string, cidr: string) => ({
    "aws:region": "ap-northeast-1", "vpce-hub:role": "spoke", "vpce-hub:accountId": account, "vpce-hub:hubStack": `acme/vpce-hub/${hub}`,
    "vpce-hub:vpc": { id: vpc, cidr, subnetIds: [`subnet-0${vpc.slice(5, 9)}00000001`, `subnet-0${vpc.slice(5, 9)}00000002`], routeTableIds: [`rtb-0${vpc.slice(5, 9)}00000001`] },
    "vpce-hub:acceptRamShare": true,
});

describe("several hubs on one existing Transit Gateway (transitGateway.sharedWithHubs)", () => {
    const stackFiles = files({
        // File order puts the joiner first: the plan must still run the table owner first.
        "prod": tgwHub("123456789012", "10.0.0.0/16", "vpc-0aaa000000000001", { name: "app", vpcId: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", account: "111111111111" }, ["dev"]),
        "dev": tgwHub("123456789012", "10.50.0.0/16", "vpc-0ccc000000000001", { name: "dev-app", vpcId: "vpc-0ddd000000000001", cidr: "10.51.0.0/16", account: "222222222222" }, ["prod"]),
        "app": tgwSpoke("prod", "111111111111", "vpc-0bbb000000000001", "10.1.0.0/16"),
        "dev-app": tgwSpoke("dev", "222222222222", "vpc-0ddd000000000001", "10.51.0.0/16"),
    });
    let plan: PlanResult;
    before(async () => {
        const v = validateStacks(stackFiles);
        assert.deepStrictEqual(v.errors.map(formatError), []);
        plan = await evaluate(stackFiles, v.configs);
    });

    it("the hub first by name owns the tables, whichever hub's config is read", () => {
        const v = validateStacks(stackFiles);
        const hubs = v.configs.filter((c): c is HubConfig => c.role === "hub");
        assert.deepStrictEqual(hubs.map(h => [h.stack, tablesOwner(h)]), [["dev", "dev"], ["prod", "dev"]]);
        assert.deepStrictEqual(v.configs.map(c => c.stack), ["dev", "dev-app", "prod", "app"]);
    });

    it("only the owner takes over the gateway's default tables; the other hub attaches to the owner's tables", () => {
        const dev = stackOf(plan.stacks, "dev"), prod = stackOf(plan.stacks, "prod");
        const count = (s: PlannedStack, type: string) => s.resources.filter(r => r.type === type).length;
        assert.strictEqual(count(dev, "aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation"), 1);
        assert.strictEqual(count(prod, "aws:ec2transitgateway/defaultRouteTableAssociation:DefaultRouteTableAssociation"), 0);
        assert.strictEqual(count(prod, "aws:ec2transitgateway/routeTable:RouteTable"), 0);
        assert.strictEqual(prod.outputs.transitGateway.hubRouteTableId, dev.outputs.transitGateway.hubRouteTableId);
        assert.strictEqual(prod.outputs.transitGateway.spokesRouteTableId, dev.outputs.transitGateway.spokesRouteTableId);
        const assoc = prod.resources.find(r => r.type === "aws:ec2transitgateway/routeTableAssociation:RouteTableAssociation")!;
        assert.strictEqual(assoc.inputs.transitGatewayRouteTableId, dev.outputs.transitGateway.hubRouteTableId);
    });

    it("every spoke reaches its own hub through the shared tables, and neither the other hub nor its spokes", () => {
        assert.deepStrictEqual(failing(plan.checks), []);
        assert.ok(plan.checks.some(c => c.hub === "prod" && c.source === "app" && c.kind === "service"));
        assert.deepStrictEqual(plan.checks.filter(c => c.service.startsWith("hub:")).map(c => `${c.source} ${c.service}`).sort(), ["app hub:dev", "dev-app hub:prod"]);
    });

    it("a spoke whose TGW table learns the other hub's spoke fails isolation across hubs", () => {
        const checks = recheck(plan, stacks => {
            const att = stackOf(stacks, "dev-app").resources.find(r => r.type === "aws:ec2transitgateway/vpcAttachment:VpcAttachment")!;
            const spokesTable = stackOf(stacks, "dev").outputs.transitGateway.spokesRouteTableId;
            stackOf(stacks, "dev").resources.push({ urn: "urn:x::prop", type: "aws:ec2transitgateway/routeTablePropagation:RouteTablePropagation", name: "leak", id: "leak", inputs: { transitGatewayAttachmentId: att.id, transitGatewayRouteTableId: spokesTable }, outputs: {} });
        });
        const cross = failing(checks).filter(c => c.service.startsWith("hub:"));
        assert.deepStrictEqual(cross.map(c => `${c.source} ${c.service}`), ["app hub:dev"]);
        assert.match(cross[0].reason, /routes 10\.51\.0\.0\/16 to dev-app's attachment/);
    });
});

describe("lib/config/hubSet checkHubSet on parsed configs", () => {
    const hubsOf = (stacks: Record<string, Record<string, unknown>>) =>
        validateStacks(files(stacks)).configs.filter((c): c is HubConfig => c.role === "hub");

    it("hubs whose on-prem networks do not overlap may reuse CIDRs (they never route into each other)", () => {
        const a = { ...tgwHub("123456789012", "10.0.0.0/16", "vpc-0aaa000000000001", { name: "x", vpcId: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", account: "111111111111" }), "vpce-hub:transitGateway": undefined, "vpce-hub:onPrem": { cidrs: ["192.168.0.0/16"], vpnGatewayId: "vgw-0aaa" } };
        const b = { ...a, "aws:region": "us-west-2", "vpce-hub:services": ["sts"], "vpce-hub:vpc": { ...a["vpce-hub:vpc"], id: "vpc-0ccc000000000001" }, "vpce-hub:spokes": [{ name: "y", accountId: "111111111111", vpcId: "vpc-0ddd000000000001", cidr: "10.1.0.0/16", connectivity: "transitGateway" }], "vpce-hub:onPrem": { cidrs: ["172.16.0.0/12"], vpnGatewayId: "vgw-0ccc" } };
        for (const h of [a, b]) delete (h as Record<string, unknown>)["vpce-hub:transitGateway"];
        assert.deepStrictEqual(checkHubSet(hubsOf({ a, b })).map(formatError), []);
        // The same two with one on-prem network: both overlaps are errors on the second hub.
        const joined = checkHubSet(hubsOf({ a, b: { ...b, "vpce-hub:onPrem": { cidrs: ["192.168.8.0/21"], vpnGatewayId: "vgw-0ccc" } } }));
        assert.deepStrictEqual(joined.map(e => `${e.stack} ${e.key}`), ["b vpce-hub:spokes[0].cidr", "b vpce-hub:vpc.cidr"]);
    });

    it("sharedWithHubs on a hub alone in the plan is an error naming the key", () => {
        const h = tgwHub("123456789012", "10.0.0.0/16", "vpc-0aaa000000000001", { name: "x", vpcId: "vpc-0bbb000000000001", cidr: "10.1.0.0/16", account: "111111111111" }, ["other"]);
        assert.deepStrictEqual(checkHubSet(hubsOf({ h })).map(formatError), [
            "error: h: vpce-hub:transitGateway.sharedWithHubs: names other, but this plan has no other hub stack",
        ]);
    });
});

describe("price tables for the hub regions (data/prices)", () => {
    const REGIONS = ["ap-northeast-1", "us-east-1", "us-west-2", "eu-west-1", "eu-west-2", "eu-central-1"];

    it("every required region has a table, each price with its AWS pricing page, the date it was read and verify: true", () => {
        const { PRICE_KEYS } = require("../lib/config") as typeof import("../lib/config");
        const { availableRegions, loadPrices } = require("../lib/cost/prices") as typeof import("../lib/cost/prices");
        for (const r of REGIONS) assert.ok(availableRegions().includes(r), `no data/prices/${r}.json`);
        for (const r of REGIONS) {
            const t = loadPrices(r);
            for (const k of PRICE_KEYS) {
                assert.match(t.prices[k].source, /^https:\/\/aws\.amazon\.com\//, `${r} ${k} source`);
                assert.match(t.prices[k].date, /^20\d\d-\d\d/, `${r} ${k} date`);
                assert.strictEqual(t.prices[k].verify, true, `${r} ${k} is marked verify`);
            }
        }
    });

    it("each hub is priced from its own region's table: a Frankfurt hub's endpoint AZ-hours at Frankfurt's $0.012, Oregon's at $0.01", async () => {
        const { hubEstimates } = require("../plan/hubs") as typeof import("../plan/hubs");
        const hub = (region: string, vpc: string, cidr: string) => ({
            "aws:region": region, "vpce-hub:role": "hub", "vpce-hub:accountId": "123456789012",
            "vpce-hub:vpc": { id: vpc, cidr, subnetIds: [`subnet-0${vpc.slice(5, 9)}00000001`, `subnet-0${vpc.slice(5, 9)}00000002`], routeTableIds: [`rtb-0${vpc.slice(5, 9)}00000001`] },
            "vpce-hub:services": ["sqs", "sts"],
        });
        const stackFiles = files({ "hub-euc1": hub("eu-central-1", "vpc-0aaa000000000001", "10.0.0.0/16"), "hub-usw2": hub("us-west-2", "vpc-0bbb000000000001", "10.16.0.0/16") });
        const v = validateStacks(stackFiles);
        assert.deepStrictEqual(v.errors.map(formatError), []);
        const planned = await evaluate(stackFiles, v.configs);
        const byHub = Object.fromEntries(hubEstimates(planned.stacks).map(e => [e.hub.stack, e.cost!]));
        const endpoints = (c: typeof byHub[string]) => c.centralized.items.find(i => /interface endpoints in the hub VPC/.test(i.what))!.monthlyUsd;
        // 2 services x 2 AZs x 730 h at each region's rate.
        assert.ok(Math.abs(endpoints(byHub["hub-euc1"]) - 2 * 2 * 730 * 0.012) < 1e-6, String(endpoints(byHub["hub-euc1"])));
        assert.ok(Math.abs(endpoints(byHub["hub-usw2"]) - 2 * 2 * 730 * 0.01) < 1e-6, String(endpoints(byHub["hub-usw2"])));
        assert.strictEqual(byHub["hub-euc1"].region, "eu-central-1");
    });
});

describe("quotas several hubs fill together", () => {
    const fs = require("fs") as typeof import("fs");
    const os = require("os") as typeof import("os");
    const path = require("path") as typeof import("path");

    it("two hubs of one account over its hosted-zone quota together fail the plan, naming both, though each alone is under it", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vpce-hub-quota-"));
        try {
            for (const f of fs.readdirSync(MULTI_REGION_DIR)) fs.copyFileSync(path.join(MULTI_REGION_DIR, f), path.join(dir, f));
            // Tokyo (8 zones) and Oregon (7 zones) share account 123456789012: 15 > 12, each alone < 80 %.
            for (const hub of ["shared-apne1", "shared-usw2"]) fs.appendFileSync(path.join(dir, `Pulumi.${hub}.yaml`), "  vpce-hub:quotas:\n    zonesPerAccount: 12\n");
            const io = capture();
            assert.strictEqual(await runPlan(["--stacks-dir", dir], io, dir), 2, io.stdout);
            assert.match(io.stderr, /^error: shared-usw2: vpce-hub:quotas\.zonesPerAccount: hubs shared-apne1, shared-usw2 together: quota "Hosted zones \(per account\)": account 123456789012 would hold 15 hosted zones, over the limit of 12/m);
            assert.doesNotMatch(io.stderr, /^error: shared-apne1:/m, "neither hub alone is over");
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});

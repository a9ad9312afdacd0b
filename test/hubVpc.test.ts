// Issue 28 item 10, supply chain: the hub's VPC without @pulumi/awsx. awsx pulled @pulumi/docker
// and @pulumi/docker-build (with install scripts, and plugins `pulumi up` would look for) for one
// VPC; the hub now creates it with plain @pulumi/aws resources laid out, named and aliased so that
// a hub awsx created keeps every subnet and route table.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { hubVpcOptions } from "../components/options";
import { isolatedSubnetLayout } from "../lib/net/cidr";
import { ROOT } from "./helpers";

/** Every .ts file of the program (what `pulumi up`, the plan and the doctor load), tests and tools aside. */
function programFiles(): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
            if (["node_modules", "test", ".git", "test-output"].includes(e.name)) continue;
            const p = path.join(dir, e.name);
            if (e.isDirectory()) walk(p); else if (e.name.endsWith(".ts")) out.push(p);
        }
    };
    walk(ROOT);
    return out;
}

describe("the hub VPC without awsx (issue 28 item 10: no unused providers with install scripts)", () => {
    it("no file of the program imports @pulumi/awsx (which brings @pulumi/docker and @pulumi/docker-build)", () => {
        const importers = programFiles().filter(f => /from "@pulumi\/awsx"|require\("@pulumi\/awsx"\)/.test(fs.readFileSync(f, "utf8")));
        assert.deepStrictEqual(importers.map(f => path.relative(ROOT, f)), []);
    });

    it("subnets where awsx's Auto strategy put them: each AZ's equal share of the VPC, a /24 (or the largest that fits) at its start", () => {
        // awsx ec2/subnetDistributorNew.ts getSubnetSpecs: AZ blocks of prefix + ceil(log2(AZs)); the subnet at each block's base.
        assert.deepStrictEqual(isolatedSubnetLayout("10.0.0.0/16", 2), ["10.0.0.0/24", "10.0.128.0/24"]);
        assert.deepStrictEqual(isolatedSubnetLayout("10.0.0.0/16", 3), ["10.0.0.0/24", "10.0.64.0/24", "10.0.128.0/24"]);
        assert.deepStrictEqual(isolatedSubnetLayout("10.0.0.0/24", 3), ["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26"]);
        assert.deepStrictEqual(isolatedSubnetLayout("10.8.0.0/21", 6), ["10.8.0.0/24", "10.8.1.0/24", "10.8.2.0/24", "10.8.3.0/24", "10.8.4.0/24", "10.8.5.0/24"]);
        assert.deepStrictEqual(isolatedSubnetLayout("172.16.0.0/23", 2), ["172.16.0.0/24", "172.16.1.0/24"]);
    });

    it("each resource carries an alias to where awsx put it (VPC under the component, subnet under the VPC, table under the subnet, association under the table), so existing hubs keep their state", () => {
        const awsx = "urn:pulumi:shared::vpce-hub::awsx:ec2:Vpc";
        const parentOf = (o: { aliases?: unknown[] }) => (o.aliases as { parent: string }[])[0].parent;
        assert.strictEqual(parentOf(hubVpcOptions("shared", "vpce-hub")), `${awsx}::hub`);
        assert.strictEqual(parentOf(hubVpcOptions("shared", "vpce-hub", "subnet", "hub-isolated-2")), `${awsx}$aws:ec2/vpc:Vpc::hub`);
        assert.strictEqual(parentOf(hubVpcOptions("shared", "vpce-hub", "routeTable", "hub-isolated-2")), `${awsx}$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet::hub-isolated-2`);
        assert.strictEqual(parentOf(hubVpcOptions("shared", "vpce-hub", "association", "hub-isolated-2")),
            `${awsx}$aws:ec2/vpc:Vpc$aws:ec2/subnet:Subnet$aws:ec2/routeTable:RouteTable::hub-isolated-2`);
    });
});

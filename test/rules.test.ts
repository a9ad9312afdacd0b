// Security group rule descriptions and the IPv6 and DNS rules, written out (lib/aws/securityGroups.ts).
// AWS shows the description next to every rule: it must say whom a block admits, in a stable
// order, within the 255 characters AWS allows.
import * as assert from "assert";
import { describeSources, endpointIngress, resolverEgress, resolverIngress } from "../lib/aws/securityGroups";
import { aliasTarget } from "../lib/aws/records";

describe("security group rule descriptions (lib/aws/securityGroups.ts)", () => {
    it("lists the hub and on-prem first, then spokes in natural order (member-2 before member-10), each once", () => {
        assert.strictEqual(describeSources(["spoke member-10", "spoke member-9", "on-prem", "spoke member-2", "hub", "spoke member-9"]),
            "hub, on-prem, spokes member-2, member-9, member-10");
        assert.strictEqual(describeSources(["spoke member-a"]), "spoke member-a");
    });

    it("past the limit names the first spokes and how many more: 12 spokes in 36 characters", () => {
        const twelve = Array.from({ length: 12 }, (_, i) => `spoke s${i + 1}`);
        // "spokes s1, s2, s3, s4, s5 and 7 more" is 36 characters; with s6 it would be 40.
        assert.strictEqual(describeSources(twelve, 36), "spokes s1, s2, s3, s4, s5 and 7 more");
        assert.strictEqual(describeSources(twelve, 35), "spokes s1, s2, s3, s4 and 8 more");
        assert.strictEqual(describeSources(twelve, 1000), "spokes s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12");
        // The hub and on-prem count too: "hub, on-prem, " is 14 characters, and s4 would make 46.
        const all = ["hub", "on-prem", ...twelve];
        assert.strictEqual(describeSources(all, 45), "hub, on-prem, spokes s1, s2, s3 and 9 more");
        assert.strictEqual(describeSources(all, 46), "hub, on-prem, spokes s1, s2, s3, s4 and 8 more");
    });

    it("replaces characters AWS refuses in a description", () => {
        assert.strictEqual(describeSources(["spoke café"]), "spoke caf_");
    });

    it("gives each IPv6 source its own rule in ipv6CidrBlocks, described by whom it admits", () => {
        assert.deepStrictEqual(endpointIngress([443], [{ cidr: "10.1.0.0/16", label: "spoke member-a" }, { cidr: "fd00:1::/56", label: "spoke member-a" }]), [
            { protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["10.1.0.0/16"], description: "spoke member-a to port 443" },
            { protocol: "tcp", fromPort: 443, toPort: 443, ipv6CidrBlocks: ["fd00:1::/56"], description: "spoke member-a to port 443" },
        ]);
    });

    it("the Resolver admits each on-prem DNS server block on UDP and TCP 53, saying which", () => {
        assert.deepStrictEqual(resolverIngress(["192.168.0.0/16"]), [
            { protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["192.168.0.0/16"], description: "on-prem DNS 192.168.0.0/16 (udp 53)" },
            { protocol: "tcp", fromPort: 53, toPort: 53, cidrBlocks: ["192.168.0.0/16"], description: "on-prem DNS 192.168.0.0/16 (tcp 53)" },
        ]);
    });

    it("by default (tracked) the Resolver's group opens no egress: replies pass the stateful ingress rules", () => {
        assert.deepStrictEqual(resolverEgress(), []);
        assert.deepStrictEqual(resolverEgress("tracked"), []);
    });

    it("untracked: DNS on UDP and TCP 53 from anywhere in, all UDP and TCP ports out (AWS's rules at high query rates), each rule saying so", () => {
        assert.deepStrictEqual(resolverIngress(["192.168.0.0/16"], "untracked"), [
            { protocol: "udp", fromPort: 53, toPort: 53, cidrBlocks: ["0.0.0.0/0"], description: "DNS from every routed network, untracked (udp 53): on-prem, the hub VPC, every spoke, any VPC on the Transit Gateway" },
            { protocol: "tcp", fromPort: 53, toPort: 53, cidrBlocks: ["0.0.0.0/0"], description: "DNS from every routed network, untracked (tcp 53): on-prem, the hub VPC, every spoke, any VPC on the Transit Gateway" },
        ]);
        assert.deepStrictEqual(resolverEgress("untracked"), [
            { protocol: "udp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"], description: "replies, untracked (udp all ports)" },
            { protocol: "tcp", fromPort: 0, toPort: 65535, cidrBlocks: ["0.0.0.0/0"], description: "replies, untracked (tcp all ports)" },
        ]);
    });
});

describe("alias targets (lib/aws/securityGroups.ts aliasTarget)", () => {
    it("an endpoint without DNS entries fails with a sentence saying there is nothing to alias, not a TypeError", () => {
        assert.throws(() => aliasTarget([]), { message: "the endpoint has no DNS entries: nothing to alias" });
        assert.throws(() => aliasTarget([], "wildcard"), { message: "the endpoint has no DNS entries: nothing to alias" });
    });
});

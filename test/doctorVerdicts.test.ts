// The doctor's pure verdicts (lib/checks/probe.ts): which names a hub serves, where the probe
// runs, and what each observation means, on hand-built outputs and observations. The loopback
// tests (doctorProbe.test.ts) show them on a real network; these pin every branch and wording.
import { strict as assert } from "assert";
import { Connection, DnsAnswer, Observation, ProbeTarget, hubOutputsFrom, isPublicAddress, locate, portFor, probeTargets, verdictOf } from "../lib/checks/probe";
import { HubOutputs } from "../lib/model";

const HUB: HubOutputs = {
    accountId: "123456789012", region: "ap-northeast-1", vpcId: "vpc-hub", vpcCidr: "100.64.0.0/16", routeTableIds: [], zoneIds: {},
    resolverInboundIps: ["100.64.0.10", "100.64.1.10"],
    services: {
        sqs: { endpointId: "vpce-sqs", regionalDnsName: "vpce-sqs-1.sqs.ap-northeast-1.vpce.amazonaws.com", ports: [443], zones: [{ name: "sqs.ap-northeast-1.amazonaws.com", id: "ZSQS", wildcard: false }] },
        s3: { endpointId: "vpce-s3", regionalDnsName: "*.vpce-s3-1.s3.ap-northeast-1.vpce.amazonaws.com", ports: [443], zones: [{ name: "s3.ap-northeast-1.amazonaws.com", id: "ZS3", wildcard: true }] },
        ssm: { endpointId: "vpce-ssm", regionalDnsName: "vpce-ssm-1.ssm.ap-northeast-1.vpce.amazonaws.com", ports: [443], zones: [], privateDns: true, ipAddressType: "dualstack" },
        "email-smtp": { endpointId: "vpce-smtp", regionalDnsName: "vpce-smtp-1.email-smtp.ap-northeast-1.vpce.amazonaws.com", ports: [587, 25], zones: [{ name: "email-smtp.ap-northeast-1.amazonaws.com", id: "ZSMTP", wildcard: false }] },
    },
    spokes: { app: { accountId: "2", vpcId: "vpc-app", cidr: "10.1.0.0/16", connectivity: "peering", authorizedZoneIds: [] } },
};
const SQS: ProbeTarget = probeTargets(HUB, ["sqs"])[0];
const ok = (...ips: string[]): DnsAnswer => ({ status: "ok", ips });
const obs = (answer: DnsAnswer, connections: Connection[] = [], endpoint = ok("100.64.0.5", "100.64.1.5")): Observation =>
    ({ target: SQS, answer, endpoint, others: [{ service: "s3", endpointId: "vpce-s3", ips: ["100.64.0.9"] }], connections });
const ON_PREM = { kind: "on-prem", direct: false } as const;

describe("doctor verdicts: names, location and the meaning of each answer", () => {
    it("names: each zone's apex, a probe name under each wildcard, a private-DNS service's catalog names, AAAA for dual-stack; --services narrows", () => {
        const t = probeTargets(HUB);
        assert.deepStrictEqual(t.filter(x => x.service !== "ssm").map(x => `${x.host} ${x.type}`), [
            "sqs.ap-northeast-1.amazonaws.com A", "s3.ap-northeast-1.amazonaws.com A", "vpce-hub-probe.s3.ap-northeast-1.amazonaws.com A", "email-smtp.ap-northeast-1.amazonaws.com A",
        ]);
        assert.deepStrictEqual(t.filter(x => x.service === "ssm").map(x => `${x.host} ${x.type} ${x.zoneId ?? "-"}`), ["ssm.ap-northeast-1.amazonaws.com A -", "ssm.ap-northeast-1.amazonaws.com AAAA -"]);
        assert.equal(t.find(x => x.service === "s3")!.endpointName, "vpce-hub-probe.vpce-s3-1.s3.ap-northeast-1.vpce.amazonaws.com", "a label in place of the leading *");
        assert.deepStrictEqual(probeTargets(HUB, ["sqs"]).map(x => x.host), ["sqs.ap-northeast-1.amazonaws.com"]);
    });

    it("location: the host's address in the hub's or a spoke's CIDR, else on-prem; the Resolver asked directly; --from overrides", () => {
        assert.deepStrictEqual(locate(HUB, ["10.1.4.5"], "10.1.0.2"), { kind: "vpc", name: "app", vpcId: "vpc-app" });
        assert.deepStrictEqual(locate(HUB, ["fe80::1", "100.64.3.3"], undefined), { kind: "vpc", name: "hub", vpcId: "vpc-hub" });
        assert.deepStrictEqual(locate(HUB, ["192.168.1.4"], "100.64.1.10"), { kind: "on-prem", direct: true });
        assert.deepStrictEqual(locate(HUB, ["192.168.1.4"], "192.168.1.53"), { kind: "on-prem", direct: false });
        assert.deepStrictEqual(locate(HUB, ["10.1.4.5"], undefined, "on-prem"), { kind: "on-prem", direct: false });
        assert.match(String(locate(HUB, [], undefined, "nope")), /--from nope: neither on-prem, hub, nor a spoke of this hub \(app\)/);
    });

    it("public addresses: outside private ranges and every VPC the hub knows (a VPC in 100.64/10 or a public range is private)", () => {
        assert.equal(isPublicAddress("52.119.1.1", HUB), true);
        assert.equal(isPublicAddress("100.64.0.5", HUB), false);
        assert.equal(isPublicAddress("198.19.0.1", { ...HUB, vpcCidr: "198.18.0.0/15" }), false);
        assert.equal(isPublicAddress("2600:1f18::1", HUB), true);
        assert.equal(isPublicAddress("fd00::1", HUB), false);
    });

    it("ports: 443 with TLS; --port with TLS; a service without 443 (SES SMTP) is checked on its first port, TCP only", () => {
        assert.deepStrictEqual(portFor([443]), { port: 443, tls: true });
        assert.deepStrictEqual(portFor([587, 25]), { port: 587, tls: false });
        assert.deepStrictEqual(portFor([587, 25], 8443), { port: 8443, tls: true });
    });

    it("no answer: NXDOMAIN, SERVFAIL, timeout and an empty answer each say what happened", () => {
        const v = (a: DnsAnswer) => verdictOf(HUB, obs(a), ON_PREM);
        assert.deepStrictEqual([v({ status: "SERVFAIL", ips: [] }).verdict, v({ status: "timeout", ips: [] }).verdict, v(ok()).verdict], ["no answer", "no answer", "no answer"]);
        assert.match(v({ status: "SERVFAIL", ips: [] }).cause, /SERVFAIL: the resolver got no answer upstream/);
        assert.match(v({ status: "timeout", ips: [] }).cause, /no DNS answer within the timeout/);
        assert.match(v(ok()).cause, /no record of this type/);
    });

    it("public answer: its cause where it ran: a spoke (association, or the profile), the hub VPC, on-prem through a forwarder or at the Resolver", () => {
        const pub = ok("52.119.1.1");
        assert.match(verdictOf(HUB, obs(pub), { kind: "vpc", name: "app", vpcId: "vpc-app" }).cause, /zone sqs\.ap-northeast-1\.amazonaws\.com \(ZSQS\) is not associated with spoke app's VPC vpc-app/);
        const profile = { ...HUB, dns: { sharing: "profile", records: "zones", profileId: "rp-1" } };
        assert.match(verdictOf(profile, obs(pub), { kind: "vpc", name: "app", vpcId: "vpc-app" }).cause, /spoke app's VPC vpc-app is not associated with Route 53 Profile rp-1, or the profile lacks zone/);
        assert.match(verdictOf(HUB, obs(pub), { kind: "vpc", name: "hub", vpcId: "vpc-hub" }).cause, /is not associated with the hub VPC vpc-hub$/);
        assert.match(verdictOf(HUB, obs(pub), ON_PREM).cause, /the local forwarder has no forward zone for sqs\.ap-northeast-1\.amazonaws\.com to the Resolver inbound addresses 100\.64\.0\.10, 100\.64\.1\.10/);
        assert.match(verdictOf(HUB, obs(pub), { kind: "on-prem", direct: true }).cause, /not associated with the hub VPC vpc-hub, where the Resolver inbound endpoint answers/);
        assert.equal(verdictOf(HUB, obs(ok("100.64.0.5", "52.119.1.1")), ON_PREM).verdict, "public answer", "one public address is enough");
    });

    it("wrong endpoint: another endpoint's addresses named, or addresses of none; an unknown endpoint answer cannot be matched", () => {
        assert.match(verdictOf(HUB, obs(ok("100.64.0.9")), ON_PREM).cause, /the addresses of endpoint vpce-s3 \(s3\), not endpoint vpce-sqs .*a record aliases the wrong endpoint/);
        assert.match(verdictOf(HUB, obs(ok("10.1.0.77")), ON_PREM).cause, /addresses of no endpoint of this hub.*its own zone of the name/);
        const unknown = verdictOf(HUB, obs(ok("100.64.0.5"), [], { status: "NXDOMAIN", ips: [] }), ON_PREM);
        assert.deepStrictEqual([unknown.verdict, /regional name vpce-sqs-1\.sqs\..* gets no A answer here \(NXDOMAIN\)/.test(unknown.cause)], ["no answer", true]);
    });

    it("unreachable and certificate: the first failing address decides, with its cause", () => {
        const right = ok("100.64.0.5", "100.64.1.5");
        const c = (ip: string, extra: Partial<Connection>): Connection => ({ ip, port: 443, tcp: "ok", tls: "ok", ...extra });
        const timeout = verdictOf(HUB, obs(right, [c("100.64.0.5", {}), c("100.64.1.5", { tcp: "timeout", tls: undefined, detail: "3000 ms" })]), ON_PREM);
        assert.deepStrictEqual([timeout.verdict, timeout.cause], ["unreachable", "TCP 100.64.1.5:443 timed out: no route from here (route tables, peering or Transit Gateway, the VPN), or a security group or network ACL drops it (3000 ms)"]);
        assert.match(verdictOf(HUB, obs(right, [c("100.64.0.5", { tls: "expired" })]), ON_PREM).cause, /expired or is not yet valid/);
        assert.equal(verdictOf(HUB, obs(right, [c("100.64.0.5", { tls: "untrusted" })]), ON_PREM).verdict, "certificate");
        assert.equal(verdictOf(HUB, obs(right, [c("100.64.0.5", {}), c("100.64.1.5", {})]), ON_PREM).verdict, "pass");
    });

    it("--hub input: the outputs object, or a plan's (one hub, or the one --stack names); anything else says why", () => {
        const plan = { stacks: [{ stack: "a", role: "hub", outputs: HUB }, { stack: "b", role: "hub", outputs: HUB }, { stack: "m", role: "spoke", outputs: {} }] };
        assert.match(String(hubOutputsFrom(plan)), /a plan with 2 hubs \(a, b\): name one with --stack/);
        assert.equal((hubOutputsFrom(plan, "b") as any).stack, "b");
        assert.match(String(hubOutputsFrom(plan, "m")), /without a hub stack m/);
        assert.match(String(hubOutputsFrom({ ...HUB, services: { sqs: { zones: [] } } })), /services\.sqs\.regionalDnsName: missing/);
        assert.match(String(hubOutputsFrom([1])), /not a JSON object/);
    });
});

// `npm run doctor -- probe`: every name a deployed hub serves, resolved from where this runs (on
// an on-prem host, or an instance in a member VPC), then TCP and TLS to each answered address.
// Needs no AWS credentials: only the hub's outputs. What the answers mean is decided in
// lib/checks/probe.ts; this file only asks the network, with bounded concurrency and timeouts.
import { promises as dnsp } from "dns";
import * as net from "net";
import * as tls from "tls";
import { Connection, DnsAnswer, Location, Observation, ProbeResult, ProbeTarget, RecordType, portFor, resolvableName, verdictOf } from "../lib/checks/probe";
import type { HubOutputs } from "../lib/model";

export interface ProbeOptions {
    /** IP or IP:PORT of the resolver to ask; default the host's own. */
    readonly resolver?: string;
    /** Port for TCP and TLS instead of 443. */
    readonly port?: number;
    /** PEM of the CAs to trust instead of the system's. */
    readonly ca?: string;
    /** Per step (one DNS query, one connect, one handshake), in ms. */
    readonly timeoutMs: number;
    /** Names probed at once. */
    readonly concurrency: number;
}

const DNS_CODES: Record<string, DnsAnswer["status"]> = {
    ENOTFOUND: "NXDOMAIN", ENODATA: "NODATA", ESERVFAIL: "SERVFAIL", EREFUSED: "REFUSED", ETIMEOUT: "timeout",
};

/** A resolver: the host's own servers, or the one given (IPv4 `a.b.c.d[:port]`, IPv6 `[addr]:port` or bare). */
export function makeResolver(opts: Pick<ProbeOptions, "resolver" | "timeoutMs">): dnsp.Resolver {
    const r = new dnsp.Resolver({ timeout: opts.timeoutMs, tries: 1 });
    if (opts.resolver) r.setServers([opts.resolver]);
    return r;
}

/** The address of the resolver the probe asks (for locating the host), without its port. */
export function resolverAddress(r: dnsp.Resolver): string | undefined {
    const first = r.getServers()[0];
    if (!first) return undefined;
    const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(first);
    if (v6) return v6[1];
    return net.isIPv6(first) ? first : first.replace(/:\d+$/, "");
}

async function query(r: dnsp.Resolver, name: string, type: RecordType): Promise<DnsAnswer> {
    try {
        const ips = type === "AAAA" ? await r.resolve6(name) : await r.resolve4(name);
        return { status: "ok", ips: [...ips].sort() };
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code ?? "";
        return { status: DNS_CODES[code] ?? "error", ips: [], ...(DNS_CODES[code] ? {} : { detail: code || (e as Error).message }) };
    }
}

const TLS_CODES: Record<string, NonNullable<Connection["tls"]>> = {
    ERR_TLS_CERT_ALTNAME_INVALID: "mismatch",
    CERT_HAS_EXPIRED: "expired", CERT_NOT_YET_VALID: "expired",
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: "untrusted", SELF_SIGNED_CERT_IN_CHAIN: "untrusted", DEPTH_ZERO_SELF_SIGNED_CERT: "untrusted",
    UNABLE_TO_GET_ISSUER_CERT: "untrusted", UNABLE_TO_GET_ISSUER_CERT_LOCALLY: "untrusted", CERT_UNTRUSTED: "untrusted", CERT_SIGNATURE_FAILURE: "untrusted",
};
const UNREACHABLE = new Set(["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN"]);

/** TCP to ip:port, then (when `servername`) a TLS handshake for that name, verifying chain and name. */
export function connect(ip: string, port: number, servername: string | undefined, ca: string | undefined, timeoutMs: number): Promise<Connection> {
    return new Promise(resolve => {
        let done = false;
        const sock = net.connect({ host: ip, port });
        let secure: tls.TLSSocket | undefined;
        const finish = (c: Omit<Connection, "ip" | "port">) => {
            if (done) return;
            done = true;
            clearTimeout(timer);
            secure?.destroy();
            sock.destroy();
            resolve({ ip, port, ...c });
        };
        let phase: "tcp" | "tls" = "tcp";
        const timer = setTimeout(() => finish(phase === "tcp" ? { tcp: "timeout", detail: `${timeoutMs} ms` } : { tcp: "ok", tls: "timeout", detail: `${timeoutMs} ms` }), timeoutMs);
        sock.once("error", e => {
            if (phase !== "tcp") return;
            const code = (e as NodeJS.ErrnoException).code ?? "";
            finish(code === "ECONNREFUSED" ? { tcp: "refused" } : UNREACHABLE.has(code) ? { tcp: "timeout", detail: code } : { tcp: "error", detail: code || e.message });
        });
        sock.once("connect", () => {
            if (servername === undefined) return finish({ tcp: "ok" });
            phase = "tls";
            secure = tls.connect({ socket: sock, servername, rejectUnauthorized: true, ...(ca ? { ca } : {}) });
            secure.once("secureConnect", () => finish({ tcp: "ok", tls: "ok" }));
            secure.once("error", e => {
                const code = (e as NodeJS.ErrnoException).code ?? "";
                finish({ tcp: "ok", tls: TLS_CODES[code] ?? "error", detail: code === "ERR_TLS_CERT_ALTNAME_INVALID" ? e.message.replace(/^Hostname\/IP does not match certificate's altnames: /, "") : code || e.message });
            });
        });
    });
}

/** Runs `fn` over `items`, at most `limit` at once, keeping their order. */
export async function mapPool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
    const out: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const i = next++;
            out[i] = await fn(items[i]);
        }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
    return out;
}

/** Probes every target from here: DNS through `resolver`, then TCP and TLS where the answer is the endpoint's. */
export async function probe(hub: HubOutputs, targets: readonly ProbeTarget[], where: Location, resolver: dnsp.Resolver, opts: ProbeOptions): Promise<ProbeResult[]> {
    // Each endpoint's regional name once per record type: its addresses are the right answer.
    const memo = new Map<string, Promise<DnsAnswer>>();
    const ask = (name: string, type: RecordType) => {
        const key = `${type} ${name}`;
        if (!memo.has(key)) memo.set(key, query(resolver, name, type));
        return memo.get(key)!;
    };
    const endpoints = Object.entries(hub.services).map(([service, s]) => ({ service, endpointId: s.endpointId, name: resolvableName(s.regionalDnsName) }));
    return mapPool(targets, opts.concurrency, async t => {
        const [answer, endpoint] = await Promise.all([query(resolver, t.host, t.type), ask(t.endpointName, t.type)]);
        const others = await Promise.all(endpoints.map(async e => ({ ...e, ips: (await ask(e.name, t.type)).ips })));
        const seen: Observation = { target: t, answer, endpoint, others, connections: [] };
        const first = verdictOf(hub, seen, where);
        if (first.verdict !== "pass") return first;
        const { port, tls: speaksTls } = portFor(hub.services[t.service]?.ports, opts.port);
        const connections = await Promise.all(answer.ips.map(ip => connect(ip, port, speaksTls ? t.host : undefined, opts.ca, opts.timeoutMs)));
        return verdictOf(hub, { ...seen, connections }, where);
    });
}

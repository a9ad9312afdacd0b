// Writes the on-prem forwarder configurations to files, one per DNS product, for the plan
// (--forwarders DIR, simulated addresses) and for `npm run forwarders` (real stack outputs).
import * as fs from "fs";
import * as path from "path";
import { ForwarderConfigs } from "../lib/forwarders";

/** Product label and file name of each rendering; the names say which daemon reads them. */
export const FORWARDER_FILES: Readonly<Record<keyof ForwarderConfigs, { readonly product: string; readonly file: string }>> = {
    bind: { product: "BIND (named.conf include)", file: "bind-forwarders.conf" },
    unbound: { product: "Unbound (unbound.conf.d)", file: "unbound-forwarders.conf" },
    windows: { product: "Windows DNS (PowerShell)", file: "windows-dns-forwarders.ps1" },
    dnsmasq: { product: "dnsmasq (dnsmasq.d)", file: "dnsmasq-forwarders.conf" },
};

/** How each file writes a comment line. */
const COMMENT: Readonly<Record<keyof ForwarderConfigs, string>> = { bind: "//", unbound: "#", windows: "#", dnsmasq: "#" };

/**
 * Writes each configuration (and, when given, the direct-endpoint notes) into `dir`. `banner`
 * (the plan's, when its Resolver addresses are simulated) opens every file as a comment, so a
 * copied file still says where its addresses came from.
 */
export function writeForwarderFiles(dir: string, configs: ForwarderConfigs, direct?: string, banner?: string): { product: string; file: string }[] {
    fs.mkdirSync(dir, { recursive: true });
    const out: { product: string; file: string }[] = [];
    for (const key of Object.keys(FORWARDER_FILES) as (keyof ForwarderConfigs)[]) {
        const file = path.join(dir, FORWARDER_FILES[key].file);
        fs.writeFileSync(file, (banner ? `${COMMENT[key]} ${banner}\n` : "") + configs[key]);
        out.push({ product: FORWARDER_FILES[key].product, file });
    }
    if (direct !== undefined) {
        const file = path.join(dir, "endpoints-by-regional-name.txt");
        fs.writeFileSync(file, direct);
        out.push({ product: "without forwarders (regional names)", file });
    }
    return out;
}

// What `npm ci` does on a new machine, read from the lock file it installs: no engine warning on
// any Node the README promises, and no install script that tries to download what nothing uses.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as semver from "semver";

const ROOT = path.join(__dirname, "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
const locked = Object.entries(lock.packages as Record<string, { version?: string; engines?: { node?: string } | string[]; hasInstallScript?: boolean; name?: string }>)
    .filter(([where]) => where.startsWith("node_modules/"));

/** The lowest version of each major line a range admits: the oldest Node a user may bring. */
function floors(range: string): string[] {
    return range.split("||").map(part => semver.minVersion(part.trim())!.version);
}

describe("install: what npm ci does on a machine with the Node the README promises", () => {
    it("package.json promises Node 20.17 and 22.13 at their lowest, and the README says so", () => {
        assert.deepStrictEqual(floors(pkg.engines.node), ["20.17.0", "22.13.0", "23.5.0"]);
        assert.match(fs.readFileSync(path.join(ROOT, "README.md"), "utf8"), /Needs Node\.js 20\.17\+ or 22\.13\+/);
    });

    it("no locked package asks for a Node the promise admits but it refuses (npm's EBADENGINE warning)", () => {
        const refusing = locked.flatMap(([where, p]) => {
            const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
            if (!range) return [];
            const bad = floors(pkg.engines.node).filter(v => !semver.satisfies(v, range, { includePrerelease: true }));
            return bad.length ? [`${where}@${p.version} wants node ${range}, refuses ${bad.join(", ")}`] : [];
        });
        assert.ok(locked.length > 400, `only ${locked.length} locked packages read`);
        assert.deepStrictEqual(refusing, []);
    });

    it("every package with an install script is named in allowScripts, and none is allowed: they only download Pulumi plugins nothing here uses", () => {
        const withScripts = locked.filter(([, p]) => p.hasInstallScript).map(([where, p]) => p.name ?? where.replace(/^.*node_modules\//, ""));
        const named = (n: string) => Object.prototype.hasOwnProperty.call(pkg.allowScripts ?? {}, n) ||
            // An aliased package (docker-classic is @pulumi/docker 3.x) is denied by its real name.
            Object.keys(pkg.allowScripts ?? {}).some(k => locked.some(([w, p]) => w.endsWith(`/${n}`) && p.name === k));
        assert.ok(withScripts.length > 0, "the lock lists no install script at all: the test would prove nothing");
        assert.deepStrictEqual(withScripts.filter(n => !named(n)), []);
        assert.deepStrictEqual(Object.values(pkg.allowScripts).filter(v => v !== false), []);
    });

    it("what pulumi up needs to compile the program is a dependency, not a development tool", () => {
        for (const name of ["typescript", "ts-node", "@pulumi/pulumi", "@pulumi/aws"]) assert.ok(pkg.dependencies[name], name);
        for (const name of ["mermaid", "playwright-core", "@stryker-mutator/core", "mocha"]) assert.ok(!pkg.dependencies[name], `${name} is only for tests`);
    });
});

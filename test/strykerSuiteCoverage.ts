// Mocha root hooks for mutation runs only (stryker.config.json's mochaOptions.require; docs/mutants.md).
//
// StrykerJS's per-test coverage records which tests execute each mutant by setting the test's id
// in a root `beforeEach`, and never clears it. Code a suite's `before` hook runs (planning the
// example once for many tests) is then charged to whichever test ran last, usually one in another
// file: the mutant is later run against that one test, which cannot see it, and "survives" although
// the suite kills it. These hooks charge a suite's `before` hooks to a pseudo-test for the suite
// and, when the dry run ends, hand those hits to every test of the suite, so a mutant there is run
// against the tests that read what the hook computed.
//
// Outside Stryker (no `__stryker__` global) the hooks do nothing.
import type { Context, Suite } from "mocha";

interface StrykerContext {
    currentTestId?: string;
    mutantCoverage?: { static: Record<string, number>; perTest: Record<string, Record<string, number>> };
}

const PSEUDO = "\u0000suite:";
const instrumented = new WeakSet<Suite>();

function stryker(): StrykerContext | undefined {
    return (globalThis as { __stryker__?: StrykerContext }).__stryker__;
}

function allSuites(root: Suite): Suite[] {
    return [root, ...root.suites.flatMap(allSuites)];
}

function testIdsUnder(suite: Suite): string[] {
    return [...suite.tests.map(t => t.fullTitle()), ...suite.suites.flatMap(testIdsUnder)];
}

/** Put a hook first among the suite's `before` hooks that charges what they run to the suite. */
function chargeBeforeHooksToSuite(suite: Suite): void {
    if (instrumented.has(suite)) return;
    instrumented.add(suite);
    const id = PSEUDO + suite.fullTitle();
    suite.beforeAll("stryker: charge before hooks to the suite", () => {
        const ctx = stryker();
        if (ctx) ctx.currentTestId = id;
    });
    const hooks = (suite as unknown as { _beforeAll: unknown[] })._beforeAll;
    hooks.unshift(hooks.pop());
}

/** Give each suite's pseudo-test coverage to every test under that suite. */
function distributeSuiteCoverage(root: Suite): void {
    const perTest = stryker()?.mutantCoverage?.perTest;
    if (!perTest) return;
    for (const suite of allSuites(root)) {
        const id = PSEUDO + suite.fullTitle();
        const hits = perTest[id];
        if (!hits) continue;
        delete perTest[id];
        for (const testId of testIdsUnder(suite)) {
            const target = (perTest[testId] ??= {});
            for (const [mutant, n] of Object.entries(hits)) target[mutant] = (target[mutant] ?? 0) + n;
        }
    }
}

export const mochaHooks = {
    beforeAll(this: Context) {
        if (!stryker()) return;
        const root = this.test?.parent;
        if (root) for (const suite of allSuites(root)) if (suite !== root) chargeBeforeHooksToSuite(suite);
    },
    afterAll(this: Context) {
        if (!stryker()) return;
        const root = this.test?.parent;
        if (root) distributeSuiteCoverage(root);
    },
};

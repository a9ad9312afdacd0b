// The README's sample output is the plan's real output on the example stacks: this makes it,
// `npm run readme-sample` writes it into README.md, and test/readme.test.ts keeps the two equal.
import * as path from "path";
import { runPlan } from "./cli";

export const README = path.resolve(__dirname, "..", "README.md");
/** The example stacks the sample is made from (the suite's copy of the root examples). */
export const SAMPLE_STACKS = path.join("test", "fixtures", "example");
export const START = "<!-- plan-sample: `npm run readme-sample` writes this block from test/fixtures/example; do not edit by hand -->";
export const END = "<!-- /plan-sample -->";

/** `npm run plan -- --no-color` on the example, as text. */
export async function sampleOutput(root = path.dirname(README)): Promise<string> {
    let out = "";
    let err = "";
    const code = await runPlan(["--stacks-dir", SAMPLE_STACKS, "--no-color"], { out: t => { out += t; }, err: t => { err += t; }, isTty: false }, root);
    if (code !== 0) throw new Error(`the example plan exits ${code}: ${err}`);
    return out;
}

/** The sample block currently in the README (between the markers, without the fence). */
export function readmeBlock(text: string): string | undefined {
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) return undefined;
    return text.slice(a + START.length, b).replace(/^\n```\n/, "").replace(/```\n$/, "");
}

export function withBlock(text: string, sample: string): string {
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) throw new Error(`README.md has no ${START} ... ${END} block`);
    return text.slice(0, a + START.length) + "\n```\n" + sample + "```\n" + text.slice(b);
}

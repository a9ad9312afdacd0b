// npm run plan -- [options]: see plan/cli.ts.
import { runPlan } from "../plan/cli";

runPlan(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => {
    // Only a bug in the program gets here (bad input exits 2 with error lines).
    console.error(e);
    process.exitCode = 3;
});

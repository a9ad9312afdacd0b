// npm run doctor -- probe|state [options]: see doctor/cli.ts.
import { runDoctor } from "../doctor/cli";

runDoctor(process.argv.slice(2)).then(code => { process.exitCode = code; }, e => {
    // Only a bug in the program gets here (bad input exits 2 with error lines).
    console.error(e);
    process.exitCode = 3;
});

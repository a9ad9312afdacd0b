// npm run readme-sample: rewrites the README's sample plan output from a fresh run on the example.
import * as fs from "fs";
import { README, sampleOutput, withBlock } from "../plan/readmeSample";

sampleOutput().then(sample => {
    fs.writeFileSync(README, withBlock(fs.readFileSync(README, "utf8"), sample));
    console.log(`wrote the plan sample into ${README}`);
}, e => { console.error(e); process.exitCode = 1; });

#!/usr/bin/env bash
# npm run mutation [-- FOLDER] [-- STRYKER OPTIONS]: StrykerJS over lib/, components/, stacks/ and
# sim/ (stryker.config.json; docs/mutants.md says how to read and speed up a run). Not part
# of .ci/run.
#
#   npm run mutation                      the whole scope: reports/mutation/mutation.{html,json}
#   npm run mutation -- lib               only stryker.config.json's globs under lib/, with its own
#                                         incremental file, reports (reports/mutation/lib.{html,json})
#                                         and sandbox, so runs of different folders may run at once
#   npm run mutation -- lib --concurrency 2   any further options go to `stryker run`
#   npm run mutation -- my.config.json    a config file of your own (`stryker run [configFile]`)
#
# StrykerJS is pinned to 9.6 (engines >=20): version 10 needs Node 22.18, which the project does
# not require of its users (package.json engines; docs/mutants.md).
set -euo pipefail
cd "$(dirname "$0")/.."
stryker=node_modules/@stryker-mutator/core/bin/stryker.js
args=("$@")
if [ $# -gt 0 ] && [ -d "${1%/}" ]; then
    folder=${1%/}
    config=reports/mutation/$folder.config.json
    mkdir -p reports/mutation
    FOLDER=$folder node -e '
        const fs = require("fs");
        const folder = process.env.FOLDER;
        const c = JSON.parse(fs.readFileSync("stryker.config.json", "utf8"));
        delete c.$schema;
        c.mutate = c.mutate.filter(g => g.startsWith(folder + "/"));
        if (!c.mutate.length) { console.error(`mutation: stryker.config.json mutates nothing under ${folder}/`); process.exit(2); }
        c.incrementalFile = `reports/mutation/incremental-${folder}.json`;
        c.htmlReporter = { fileName: `reports/mutation/${folder}.html` };
        c.jsonReporter = { fileName: `reports/mutation/${folder}.json` };
        c.tempDirName = `.stryker-tmp-${folder}`;
        c.ignorePatterns = [...c.ignorePatterns, ".stryker-tmp*"];
        fs.writeFileSync(`reports/mutation/${folder}.config.json`, JSON.stringify(c, null, 2));
    '
    args=("$config" "${@:2}")
fi
exec node "$stryker" run "${args[@]}"

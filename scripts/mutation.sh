#!/usr/bin/env bash
# npm run mutation [-- STRYKER OPTIONS]: StrykerJS over lib/, components/, stacks/ and sim/cloud.ts
# (stryker.config.json; docs/mutants.md says how to read and speed up a run). Not part of .ci/run.
#
# StrykerJS 10 refuses Node < 22 while the project itself runs on Node 20: on an older Node this
# runs Stryker (and so the tests it starts) on Node 22 from the npm registry's `node` package,
# fetched once into npm's cache by npx, without touching node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."
stryker=node_modules/@stryker-mutator/core/bin/stryker.js
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -ge 22 ]; then
    exec node "$stryker" run "$@"
fi
exec npx --yes --package node@22 -- node "$stryker" run "$@"

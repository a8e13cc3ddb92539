#!/usr/bin/env bash
# npm test: the unit project, then the integration project (vitest.config.ts), each printed with its own summary.
# Both always run; the exit code is non-zero when either failed. Arguments go to both runs (e.g. a name filter).
# With VITEST_JSON_DIR set (.ci/run), each run also writes its JSON report there: vitest-unit.json and
# vitest-integration.json.
set -uo pipefail
cd "$(dirname "$0")/.."
rc=0
for project in unit integration; do
  echo
  echo "== vitest: $project"
  json=()
  if [ -n "${VITEST_JSON_DIR:-}" ]; then
    mkdir -p "$VITEST_JSON_DIR"
    json=(--reporter=default --reporter=json "--outputFile=$VITEST_JSON_DIR/vitest-$project.json")
  fi
  npx vitest run --project "$project" --passWithNoTests "${json[@]}" "$@" || rc=1
done
exit $rc

#!/usr/bin/env bash
# Every test: type check, unit tests (Vitest, incl. real Pyodide in Node), the built app
# end to end in Chromium (Playwright). Prints one closing line: "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh || exit 1
[ -d node_modules ] || npm ci || exit 1

out=.test-results
rm -rf "$out"; mkdir -p "$out"
status=0

echo "== type check"
npx tsc --noEmit -p tsconfig.json || status=1

echo "== assets (Pyodide + offline sympy, needed by the Node interpreter tests too)"
npm run assets || status=1

echo "== unit tests"
npx vitest run --reporter=default --reporter=json --outputFile.json="$out/unit.json" || status=1

echo "== build (with the test pages e2e needs)"
HINT_STUDIO_HARNESS=1 npx vite build || { echo "build failed"; status=1; }

echo "== end-to-end tests"
PLAYWRIGHT_JSON_OUTPUT_NAME="$out/e2e.json" npx playwright test --reporter=list,json || status=1

node scripts/test-summary.mjs "$out/unit.json" "$out/e2e.json" || status=1
exit $status

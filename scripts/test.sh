#!/usr/bin/env bash
# Runs all tests: fetches the pinned test assets, builds (the native tessera too: the CLI tests run both builds),
# runs xunit, and prints the totals as one line "N passed, N failed" (from the test results file). Exit code:
# non-zero when anything failed.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/fetch-test-assets.sh || exit 1
bash scripts/build-native.sh >/dev/null || { echo "building the native tessera failed (it needs clang or gcc)"; echo "0 passed, 1 failed"; exit 1; }
# The tables and model images the tests' loads keep (~/.cache/tessera by default) go to a folder of this run, removed
# at the end: every build is a new library build, whose files a later build never reads.
export TESSERA_CACHE_DIR="${TESSERA_CACHE_DIR-$(mktemp -d "${TMPDIR:-/tmp}/tessera-test-cache.XXXXXX")}"
case "$TESSERA_CACHE_DIR" in "${TMPDIR:-/tmp}"/tessera-test-cache.*) trap 'rm -rf "$TESSERA_CACHE_DIR"' EXIT ;; esac
results="$here/tests/Tessera.Tests/TestResults"
rm -rf "$results"
dotnet test tests/Tessera.Tests/Tessera.Tests.csproj -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results"
status=$?
trx="$results/results.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  echo "${passed:-0} passed, ${failed:-0} failed"
else
  echo "0 passed, 1 failed"
  [ "$status" = 0 ] && status=1
fi
exit "$status"

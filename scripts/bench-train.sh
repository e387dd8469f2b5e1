#!/usr/bin/env bash
# Times `tessera train` (byte-level BPE, vocabulary 30,000) against Hugging Face tokenizers' trainer (its Node binding,
# pinned in tests/goldens/package.json; default BpeTrainer, vocabulary 30,000) on the same file, in the same run:
# wall time, CPU time and peak resident memory of each whole process (GNU time), whether Tessera's merges are the first
# of Hugging Face's, and writes the table into docs/benchmarks.md between its training markers.
#   bash scripts/bench-train.sh FILE [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:?usage: bash scripts/bench-train.sh FILE [RUNS]}"
runs="${2:-2}"
command -v /usr/bin/time >/dev/null || { echo "GNU time missing: apt-get install time" >&2; exit 2; }
[ -d "$root/tests/goldens/node_modules/tokenizers" ] || npm install --prefix "$root/tests/goldens" --no-audit --no-fund --silent >&2
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$root/scripts/lib/bench-process.sh"
: > "$work/rows"
for run in $(seq "$runs"); do
  bench_row tessera "$root/tessera" train --model bpe --byte-level --vocab-size 30000 --output "$work/tessera.json" "$file" >> "$work/rows"
  bench_row hf node "$root/tests/goldens/train-hf-bpe.mjs" "$file" "$work/hf.json" >> "$work/rows"
done
same=$(node -e '
const fs = require("fs");
const m = (f) => JSON.parse(fs.readFileSync(f, "utf8")).model.merges.map((x) => Array.isArray(x) ? x.join(" ") : x);
const t = m(process.argv[1]), h = m(process.argv[2]);
console.log(t.every((x, i) => x === h[i]) ? `yes (${t.length} of ${h.length})` : "NO");' "$work/tessera.json" "$work/hf.json")
bytes=$(stat -c %s "$file")
table=$(awk -v bytes="$bytes" -v same="$same" -v date="$(date -u +%Y-%m-%d)" -v file="$(basename "$file")" '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; rss[$1] = rss[$1] " " $4; if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; bestrss[$1] = $4 } }
  END {
    printf "Made by `bash scripts/bench-train.sh %s` on %s: %s, %.1f MB, byte-level BPE, vocabulary 30,000, whole processes (load, counting, merging, writing).\n\n", file, date, file, bytes / 1e6
    print "| trainer | wall s (each run) | CPU s | peak memory MB | best wall vs Hugging Face | memory vs Hugging Face |"
    print "| --- | --- | --- | --- | ---: | ---: |"
    printf "| tessera train |%s |%s |%s | **%.2f** | **%.2f** |\n", wall["tessera"], cpu["tessera"], rss["tessera"], best["tessera"] / best["hf"], bestrss["tessera"] / bestrss["hf"]
    printf "| Hugging Face tokenizers (Node binding, 2 threads) |%s |%s |%s | 1.00 | 1.00 |\n\n", wall["hf"], cpu["hf"], rss["hf"]
    printf "Tessera'\''s merges are the first of Hugging Face'\''s: %s.\n", same
  }' "$work/rows")
echo "$table"
write_doc_section "<!-- training:begin -->" "<!-- training:end -->" "$table"

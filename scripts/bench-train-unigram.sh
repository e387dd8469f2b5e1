#!/usr/bin/env bash
# Times `tessera train --model unigram` (vocabulary 8,000, a SentencePiece .model) against spm_train (its defaults,
# vocabulary 8,000) on the same file, in the same run: wall time, CPU time and peak resident memory of each whole
# process (GNU time); with a held-out file, the tokens each model (both through spm_encode) makes of it and how
# Tessera's encodes it against spm_encode's; writes the table into docs/benchmarks.md between its unigram markers.
#   bash scripts/bench-train-unigram.sh FILE [HELDOUT] [RUNS]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
file="${1:?usage: bash scripts/bench-train-unigram.sh FILE [HELDOUT] [RUNS]}"
heldout="${2:-}"
runs="${3:-1}"
command -v /usr/bin/time >/dev/null || { echo "GNU time missing: apt-get install time" >&2; exit 2; }
command -v spm_train >/dev/null || { echo "spm_train missing: apt-get install sentencepiece" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
source "$root/scripts/lib/bench-process.sh"
: > "$work/rows"
for run in $(seq "$runs"); do
  bench_row tessera "$root/tessera" train --model unigram --vocab-size 8000 --output "$work/tessera.model" "$file" >> "$work/rows"
  bench_row spm spm_train --input="$file" --model_prefix="$work/spm" --vocab_size=8000 >> "$work/rows"
done
compression="(no held-out file given)"
if [ -n "$heldout" ]; then
  spm_encode --model="$work/tessera.model" --output_format=id < "$heldout" > "$work/tessera.ids"
  spm_encode --model="$work/spm.model" --output_format=id < "$heldout" > "$work/spm.ids"
  "$root/tessera" encode --tokenizer "$work/tessera.model" --per-line --special ordinary --input "$heldout" > "$work/ours.ids"
  t=$(wc -w < "$work/tessera.ids"); s=$(wc -w < "$work/spm.ids")
  same=$(cmp -s "$work/tessera.ids" "$work/ours.ids" && echo "identical to spm_encode's" || echo "NOT identical to spm_encode's")
  compression=$(awk -v t="$t" -v s="$s" -v f="$(basename "$heldout")" -v same="$same" -v bytes="$(stat -c %s "$heldout")" \
    'BEGIN { printf "Held out (%s, %.1f MB, through spm_encode): Tessera'\''s model %d tokens, spm_train'\''s %d (%+.2f%%); Tessera encodes it with its own model %s.", f, bytes / 1e6, t, s, 100 * (t - s) / s, same }')
fi
table=$(awk -v bytes="$(stat -c %s "$file")" -v date="$(date -u +%Y-%m-%d)" -v file="$(basename "$file")" -v compression="$compression" '
  { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " $3; rss[$1] = rss[$1] " " $4; if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; bestrss[$1] = $4 } }
  END {
    printf "Made by `bash scripts/bench-train-unigram.sh %s` on %s: %s, %.1f MB, unigram, vocabulary 8,000, whole processes (loading, seeding, EM, writing).\n\n", file, date, file, bytes / 1e6
    print "| trainer | wall s (each run) | CPU s | peak memory MB | best wall vs spm_train | memory vs spm_train |"
    print "| --- | --- | --- | --- | ---: | ---: |"
    printf "| tessera train --model unigram |%s |%s |%s | **%.2f** | **%.2f** |\n", wall["tessera"], cpu["tessera"], rss["tessera"], best["tessera"] / best["spm"], bestrss["tessera"] / bestrss["spm"]
    printf "| spm_train 0.1.97 (defaults: 16 threads, nmt_nfkc) |%s |%s |%s | 1.00 | 1.00 |\n\n", wall["spm"], cpu["spm"], rss["spm"]
    print compression
  }' "$work/rows")
echo "$table"
write_doc_section "<!-- unigram-training:begin -->" "<!-- unigram-training:end -->" "$table"

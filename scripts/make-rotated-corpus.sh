#!/bin/bash
# A large corpus from a smaller one for the 10 GB training runs of docs/benchmarks.md: COPIES copies of IN, copy k with
# its ASCII letters rotated by k (ROT-k): real text's statistics, but COPIES times the distinct words of one copy (a
# harder case for counting memory than repeating the text). Written to OUT.tmp, then moved to OUT.
#   bash scripts/make-rotated-corpus.sh /tmp/corpus1g.txt /tmp/corpus10g.txt [COPIES=10]
set -euo pipefail
in="${1:?usage: make-rotated-corpus.sh IN OUT [COPIES]}"
out="${2:?usage: make-rotated-corpus.sh IN OUT [COPIES]}"
copies="${3:-10}"
lower=abcdefghijklmnopqrstuvwxyz
upper=ABCDEFGHIJKLMNOPQRSTUVWXYZ
: > "$out.tmp"
for k in $(seq 0 $((copies - 1))); do
  r=$((k % 26))
  tr "$lower$upper" "${lower:r}${lower:0:r}${upper:r}${upper:0:r}" < "$in" >> "$out.tmp"
done
mv "$out.tmp" "$out"

#!/usr/bin/env bash
# The check of the training issue's "done when": each `tessera train` command form of the issue, trained on CORPUS,
# then its tokenizer loaded by the reference (Hugging Face tokenizers' Node binding, pinned in tests/goldens, for a
# tokenizer.json; spm_encode for a .model) and by Tessera, both encoding each line of HELDOUT; prints, per form,
# whether the ids are identical on every line (and the first line that differs if not). Exits 1 if any form differs.
#   bash scripts/check-train-forms.sh CORPUS HELDOUT
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:?usage: bash scripts/check-train-forms.sh CORPUS HELDOUT}"
heldout="${2:?usage: bash scripts/check-train-forms.sh CORPUS HELDOUT}"
command -v spm_encode >/dev/null || { echo "spm_encode missing: apt-get install sentencepiece" >&2; exit 2; }
[ -d "$root/tests/goldens/node_modules/tokenizers" ] || npm install --prefix "$root/tests/goldens" --no-audit --no-fund --silent >&2
tessera="${TESSERA:-$root/tessera}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failed=0
check() { # NAME OUTPUT TRAIN-ARGS...
  local name="$1" output="$work/$2"
  shift 2
  "$tessera" train "$@" --output "$output" "$corpus" 2> "$work/train.log" || { echo "$name: training failed: $(tail -1 "$work/train.log")"; failed=1; return; }
  if [[ "$output" == *.model ]]; then
    spm_encode --model="$output" --output_format=id < "$heldout" | sed 's/ *$//' > "$work/reference.ids"
    "$tessera" encode --tokenizer "$output" --per-line --special ordinary --input "$heldout" > "$work/tessera.ids"
  else
    node "$root/tests/goldens/hf-ids-per-line.mjs" "$output" "$heldout" > "$work/reference.ids"
    "$tessera" encode --tokenizer "$output" --per-line --input "$heldout" > "$work/tessera.ids"
  fi
  local lines
  lines=$(wc -l < "$work/reference.ids")
  if cmp -s "$work/reference.ids" "$work/tessera.ids"; then
    echo "$name: identical ids on all $lines held-out lines ($([[ "$output" == *.model ]] && echo spm_encode || echo 'Hugging Face tokenizers'))"
  else
    echo "$name: DIFFERENT ids, first at line $(cmp "$work/reference.ids" "$work/tessera.ids" | sed -n 's/.*line \([0-9]*\).*/\1/p')"
    failed=1
  fi
}
check "bpe --byte-level 8000 .json" bpe8k.json --model bpe --byte-level --vocab-size 8000
check "unigram 8000 .json" unigram.json --model unigram --vocab-size 8000
check "unigram 8000 .model" unigram.model --model unigram --vocab-size 8000
check "wordpiece 8000 .json" wordpiece.json --model wordpiece --vocab-size 8000
check "bpe --byte-level 30000 .json" bpe30k.json --model bpe --byte-level --vocab-size 30000
exit "$failed"

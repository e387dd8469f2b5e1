#!/usr/bin/env bash
# Held-out check of SentencePiece models (not in the repository, trained afresh with options the goldens do not use)
# against the Tessera CLI, in the command form of issue 3:
#   tessera encode --tokenizer X.model --per-line --special ordinary --input FILE
# compared line by line with `spm_encode --model=X.model --output_format=id < FILE`.
#   CORPUS=/tmp/corpus bash tests/goldens/heldout/spm-heldout.sh [WORK]
# WORK (default /tmp/heldout-spm) holds the training text, the test text, the models and the ids. TESSERA (default the
# repository's ./tessera) is the CLI. Needs spm_train and spm_encode (apt-get install sentencepiece).
# Exit code 1 when any model's ids differ; the first differing lines are shown.
set -eu  # not pipefail: the slices below end with head, which closes its pipe early
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/../../../scripts/lib/compare-ids.sh"
corpus="${CORPUS:-/tmp/corpus}"
work="${1:-/tmp/heldout-spm}"
tessera="${TESSERA:-$here/../../../tessera}"
command -v spm_train >/dev/null || { echo "spm_train missing: apt-get install sentencepiece" >&2; exit 2; }
mkdir -p "$work"

# Training text: prose from the middle of the corpus (the goldens train on its first 3 MB), code, and lines 2000-3499
# of every language of the parallel corpus. Test text: prose from near the end, other code, lines 5000-5999 of every
# language, and the Unicode edge cases.
size=$(stat -c %s "$corpus/en-prose.txt")
{
  tail -c +$((size / 2)) "$corpus/en-prose.txt" | head -c 4000000 | tail -n +2
  for f in "$corpus"/code/*.txt; do head -c 300000 "$f"; done
  for f in "$corpus"/parallel/*.txt; do sed -n '2000,3499p' "$f"; done
} > "$work/train.txt"
{
  tail -c 1500000 "$corpus/en-prose.txt" | tail -n +2
  for f in "$corpus"/code/*.txt; do tail -c 100000 "$f" | tail -n +2; done
  for f in "$corpus"/parallel/*.txt; do sed -n '5000,5999p' "$f"; done
  cat "$corpus/unicode-edge.txt"
} > "$work/test.txt"
echo "train: $(wc -l < "$work/train.txt") lines, test: $(wc -l < "$work/test.txt") lines, $(wc -c < "$work/test.txt") bytes"

train() {
  local name=$1; shift
  spm_train --input="$work/train.txt" --model_prefix="$work/$name" --num_threads=2 --minloglevel=2 \
    --input_sentence_size=400000 --shuffle_input_sentence=true "$@" > "$work/$name.log" 2>&1 \
    || { tail -5 "$work/$name.log" >&2; exit 1; }
}
train unigram-16k-byte-fallback --model_type=unigram --vocab_size=16000 --byte_fallback --character_coverage=0.9995
train unigram-6k-nfkc-cf-digits --model_type=unigram --vocab_size=6000 --normalization_rule_name=nmt_nfkc_cf --split_digits \
  --user_defined_symbols='<tab>,::,->' --control_symbols='<mask>'
train unigram-3k-short-pieces --model_type=unigram --vocab_size=3000 --max_sentencepiece_length=4 --add_dummy_prefix=false
train bpe-12k --model_type=bpe --vocab_size=12000
train bpe-5k-nfkc-byte-fallback --model_type=bpe --vocab_size=5000 --normalization_rule_name=nfkc --byte_fallback --split_digits
train bpe-3k-identity-keep-spaces --model_type=bpe --vocab_size=3000 --normalization_rule_name=identity --remove_extra_whitespaces=false
train char-nfkc --model_type=char --vocab_size=4000 --hard_vocab_limit=false --normalization_rule_name=nfkc
train word-8k --model_type=word --vocab_size=8000

status=0
for model in "$work"/*.model; do
  name=$(basename "$model" .model)
  spm_encode --model="$model" --output_format=id < "$work/test.txt" > "$work/$name.spm"
  "$tessera" encode --tokenizer "$model" --per-line --special ordinary --input "$work/test.txt" > "$work/$name.tessera"
  compare_ids "$name" spm_encode "$work/$name.spm" "$work/$name.tessera" || status=1
done
exit "$status"

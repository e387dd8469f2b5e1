#!/usr/bin/env bash
# Writes Goldens/spm-sampling/: how SentencePiece's own encoder samples Unigram segmentations (subword
# regularization), the reference for Tessera's Unigram sampling, which Hugging Face tokenizers does not expose.
#   bash tests/goldens/make-spm-sampling-goldens.sh        (needs spm_train and spm_encode, Debian sentencepiece 0.1.97)
# It trains a 2000-piece unigram model on the first 2 MB of $CORPUS/en-prose.txt (identity normalization), keeps
# its .vocab (piece TAB score), and for each word and setting encodes the word 20000 times with
# spm_encode --output_format=sample_piece --nbest_size=N --alpha=A --random_seed=1, writing
# "WORD TAB N TAB A TAB PIECES TAB COUNT" lines (pieces joined by spaces, the word as SentencePiece normalizes it:
# "▁" before it and for each space).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../Tessera.Tests/Goldens/spm-sampling"
corpus="${CORPUS:?set CORPUS to the corpus folder (en-prose.txt, code/, parallel/; see tests/goldens/corpus.mjs)}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
head -c 2000000 "$corpus/en-prose.txt" > "$work/train.txt"
spm_train --input="$work/train.txt" --model_prefix="$work/m" --vocab_size=2000 --model_type=unigram \
  --normalization_rule_name=identity --minloglevel=2 > /dev/null 2>&1
cp "$work/m.vocab" "$out/model.vocab"
: > "$out/samples.tsv"
for word in "tokenization" "internationalization" "New York" "understanding"; do
  for setting in "-1 0.1" "-1 0.5" "-1 1.0" "5 0.1" "20 0.3"; do
    read -r nbest alpha <<< "$setting"
    for _ in $(seq 1 20000); do printf '%s\n' "$word"; done > "$work/in.txt"
    spm_encode --model="$work/m.model" --output_format=sample_piece --nbest_size="$nbest" --alpha="$alpha" \
      --random_seed=1 < "$work/in.txt" | sort | uniq -c | sort -rn |
      awk -v w="$word" -v n="$nbest" -v a="$alpha" '{ c = $1; $1 = ""; sub(/^ /, ""); printf "%s\t%s\t%s\t%s\t%d\n", w, n, a, $0, c }' >> "$out/samples.tsv"
  done
done
wc -l "$out/samples.tsv"

#!/usr/bin/env bash
# Goldens for unigram training: spm_train (SentencePiece 0.1.97, Debian's) on the documents of the BPE training golden
# (tests/Tessera.Tests/Goldens/inputs: prose-en, code, multilingual, lines), every tenth document held out:
#  - unigram-training/: spm_train with the identity rule, vocabulary 4,000: the model it learns and the tokens
#    spm_encode makes of the held-out documents, for UnigramTrainerConformanceTests;
#  - unigram-nmt-training/: spm_train with its defaults (nmt_nfkc), vocabulary 4,000: the tokens spm_encode makes of the
#    held-out documents; and `tessera train --model unigram --vocab-size 4000 --output trained-unigram-4k-nmt.model`
#    (nmt_nfkc by default) with the ids spm_encode makes of each held-out line with it, for UnigramNmtNfkcTrainingTests.
#   bash tests/goldens/make-unigram-training-goldens.sh   (after npm install in tests/goldens; TESSERA overrides ./tessera)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
goldens="$root/tests/Tessera.Tests/Goldens"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
node "$root/tests/goldens/training-split.mjs" "$goldens/inputs" "$work"

# spm_meta OUT.json MODEL OPTIONS: what spm_train was given and how many tokens spm_encode makes of the held-out split.
spm_meta() {
  local tokens
  tokens=$(spm_encode --model="$2" --output_format=id < "$work/heldout.txt" | wc -w)
  cat > "$1" <<JSON
{
  "spm_train": "$(dpkg-query -W -f='${Version}' sentencepiece 2>/dev/null || echo unknown)",
  "options": "$3",
  "train_sha256": "$(sha256sum "$work/train.txt" | cut -d' ' -f1)",
  "heldout_sha256": "$(sha256sum "$work/heldout.txt" | cut -d' ' -f1)",
  "heldout_tokens": $tokens
}
JSON
  cat "$1"
}

out="$goldens/unigram-training"
mkdir -p "$out"
spm_train --input="$work/train.txt" --model_prefix="$out/spm-unigram-4k" --vocab_size=4000 \
  --normalization_rule_name=identity --minloglevel=2 > /dev/null 2>&1
rm -f "$out/spm-unigram-4k.vocab"
spm_meta "$out/spm-unigram-4k.json" "$out/spm-unigram-4k.model" "--vocab_size=4000 --normalization_rule_name=identity"

out="$goldens/unigram-nmt-training"
mkdir -p "$out"
spm_train --input="$work/train.txt" --model_prefix="$work/spm-nmt" --vocab_size=4000 --minloglevel=2 > /dev/null 2>&1
spm_meta "$out/spm-unigram-4k-nmt.json" "$work/spm-nmt.model" "--vocab_size=4000 (normalization_rule_name nmt_nfkc, the default)"
${TESSERA:-"$root/tessera"} train --model unigram --vocab-size 4000 --output "$out/trained-unigram-4k-nmt.model" "$work/train.txt"
spm_encode --model="$out/trained-unigram-4k-nmt.model" --output_format=id < "$work/heldout.txt" > "$out/heldout-ids.txt"
echo "spm_encode $(dpkg-query -W -f='${Version}' sentencepiece 2>/dev/null || echo unknown)" > "$out/README"
wc -l "$out/heldout-ids.txt"

#!/usr/bin/env bash
# Golden for unigram training: spm_train (SentencePiece 0.1.97, Debian's) on the documents of the BPE training golden
# (tests/Tessera.Tests/Goldens/inputs: prose-en, code, multilingual, lines), every tenth document held out; the model it
# learns and the tokens spm_encode makes of the held-out documents, for UnigramTrainerConformanceTests.
#   bash tests/goldens/make-unigram-training-goldens.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
goldens="$root/tests/Tessera.Tests/Goldens"
out="$goldens/unigram-training"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
node "$root/tests/goldens/training-split.mjs" "$goldens/inputs" "$work"
spm_train --input="$work/train.txt" --model_prefix="$out/spm-unigram-4k" --vocab_size=4000 \
  --normalization_rule_name=identity --minloglevel=2 > /dev/null 2>&1
rm -f "$out/spm-unigram-4k.vocab"
tokens=$(spm_encode --model="$out/spm-unigram-4k.model" --output_format=id < "$work/heldout.txt" | wc -w)
cat > "$out/spm-unigram-4k.json" <<JSON
{
  "spm_train": "$(dpkg-query -W -f='${Version}' sentencepiece 2>/dev/null || echo unknown)",
  "options": "--vocab_size=4000 --normalization_rule_name=identity",
  "train_sha256": "$(sha256sum "$work/train.txt" | cut -d' ' -f1)",
  "heldout_sha256": "$(sha256sum "$work/heldout.txt" | cut -d' ' -f1)",
  "heldout_tokens": $tokens
}
JSON
cat "$out/spm-unigram-4k.json"

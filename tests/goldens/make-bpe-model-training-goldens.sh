#!/usr/bin/env bash
# Golden for the SentencePiece .model output of character-level BPE training: `tessera train --model bpe
# --byte-fallback --vocab-size 8000 --limit-alphabet 1000 --output trained-bpe-8k.model` (nmt_nfkc normalization, the
# default) on the training split of the unigram training golden
# (every document of prose-en, code, multilingual and lines but every tenth), then spm_encode (SentencePiece 0.1.97,
# Debian's: the reference) loading that model and encoding each line of the held-out split: the ids
# BpeModelTrainingTests expect.
#   bash tests/goldens/make-bpe-model-training-goldens.sh   (after npm install in tests/goldens; TESSERA overrides ./tessera)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
goldens="$root/tests/Tessera.Tests/Goldens"
out="$goldens/bpe-model-training"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
node "$root/tests/goldens/training-split.mjs" "$goldens/inputs" "$work"
${TESSERA:-"$root/tessera"} train --model bpe --byte-fallback --vocab-size 8000 --limit-alphabet 1000 --output "$out/trained-bpe-8k.model" "$work/train.txt"
spm_encode --model="$out/trained-bpe-8k.model" --output_format=id < "$work/heldout.txt" > "$out/heldout-ids.txt"
echo "spm_encode $(dpkg-query -W -f='${Version}' sentencepiece 2>/dev/null || echo unknown)" > "$out/README"
wc -l "$out/heldout-ids.txt"

#!/usr/bin/env bash
# Golden for the .tiktoken output of training: `tessera train --model bpe --byte-level --vocab-size 2000
# --special-tokens "<|endoftext|>" --output trained-2k.tiktoken` on the training split of the unigram training golden
# (every document of prose-en, code, multilingual and lines but every tenth), then tiktoken (npm 1.0.22, the reference)
# loading that file with its settings and encoding each line of the held-out split: the ids TiktokenTrainingTests expect.
#   bash tests/goldens/make-tiktoken-training-goldens.sh   (after npm install in tests/goldens)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
goldens="$root/tests/Tessera.Tests/Goldens"
out="$goldens/tiktoken-training"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
node "$root/tests/goldens/training-split.mjs" "$goldens/inputs" "$work"
"$root/tessera" train --model bpe --byte-level --vocab-size 2000 --special-tokens "<|endoftext|>" --output "$out/trained-2k.tiktoken" "$work/train.txt"
node "$root/tests/goldens/tiktoken-file-ids.mjs" "$out/trained-2k.tiktoken" "$work/heldout.txt" > "$out/heldout-ids.txt"
wc -l "$out/heldout-ids.txt"

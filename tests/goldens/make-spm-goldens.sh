#!/usr/bin/env bash
# Trains the SentencePiece models of the conformance tests with spm_train and writes what SentencePiece itself
# (spm_encode / spm_decode, Debian sentencepiece 0.1.97) gives for the golden inputs:
#   bash tests/goldens/make-spm-goldens.sh [MODEL...]      (default: all; CORPUS=DIR required)
#   SKIP_TRAIN=1 bash tests/goldens/make-spm-goldens.sh    (goldens only, for the models already there)
# Models: tests/Tessera.Tests/Goldens/spm/NAME.model; goldens: Goldens/spm/NAME/ (see spm-goldens.mjs for the format).
# Custom normalization rules (unigram-1k-custom-rules): spm-rules.tsv, with a rule that is a prefix of another, a
# deletion, expansions and multi-character keys. Denormalization rules (bpe-1k-denormalizer): spm-denormalization-rules.tsv.
# Training text: the first 3 MB of CORPUS/en-prose.txt and the first 1,500 lines of each CORPUS/parallel/*.txt.
# One training thread, so the models are reproducible with the same spm_train. Models spm_train cannot make (UNUSED
# pieces, escape_whitespaces off) are rewritten from trained ones by patch-spm-model.mjs.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../Tessera.Tests/Goldens/spm"
corpus="${CORPUS:?set CORPUS to the corpus folder (en-prose.txt, code/, parallel/; see tests/goldens/corpus.mjs)}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
command -v spm_train >/dev/null || { echo "spm_train missing: apt-get install sentencepiece" >&2; exit 2; }

(head -c 3000000 "$corpus/en-prose.txt"; for f in "$corpus"/parallel/*.txt; do head -n 1500 "$f"; done) > "$work/train.txt"

# Lines of raw bytes: each malformed sequence of unicode-invalid-utf8.tsv alone and inside text, NUL, controls, CR,
# and the worked example of docs/algorithms/sentencepiece.md.
node --input-type=module - "$corpus/unicode-invalid-utf8.tsv" "$out/raw-lines.bin" <<'EOF'
import fs from "node:fs";
const [tsv, target] = process.argv.slice(2);
const lines = [];
for (const row of fs.readFileSync(tsv, "utf8").split("\n").slice(1)) {
  const hex = row.split("\t")[0];
  if (!hex) continue;
  const bytes = Buffer.from(hex.split(" ").map((h) => parseInt(h, 16)));
  lines.push(bytes, Buffer.concat([Buffer.from("Hello "), bytes, Buffer.from(" world")]), Buffer.concat([bytes, bytes, Buffer.from("x")]));
}
for (const text of ["a\0b hello", "hello\0world", "\0", "\0\0 \0", "tab\there", "cr\r", "\r\n", "\x01\x02\x1f\x7f", "  lead and trail  ",
  "\u3000ideographic\u3000space\u3000", "mixed \xa0nbsp", "  \uff28\uff49\u3000\ufb01ne \u{1f980}  ", "<s> </s> <unk> <pad> <sep> [MASK] <cls> <2en> @@ http ing \ufb01x"])
  lines.push(Buffer.from(text, text.includes("\xa0") ? "latin1" : "utf8"));
fs.writeFileSync(target, Buffer.concat(lines.flatMap((l) => [l, Buffer.from("\n")])));
EOF

# One long line (4,000 lines of prose joined by spaces, about 150 KB): path scores reach about -100,000, where a
# float's step is 0.008 and SentencePiece's float arithmetic decides between near-equal segmentations.
head -n 4000 "$corpus/en-prose.txt" | tr '\n' ' ' > "$out/long-line.txt"

symbols=(--user_defined_symbols='<sep>,[MASK],@@,http,ing,ﬁ' --control_symbols='<cls>,<2en>')
train() {
  local name=$1; shift
  spm_train --input="$work/train.txt" --model_prefix="$work/$name" --num_threads=1 --minloglevel=2 "$@" > "$work/$name.log" 2>&1 \
    || { tail -5 "$work/$name.log" >&2; exit 1; }
  cp "$work/$name.model" "$out/$name.model"
}
make_model() {
  case "$1" in
    unigram-8k) train "$1" --model_type=unigram --vocab_size=8000 ;;
    bpe-8k-byte-fallback) train "$1" --model_type=bpe --vocab_size=8000 --byte_fallback ;;
    char) train "$1" --model_type=char --vocab_size=3000 --hard_vocab_limit=false ;;
    word-4k-identity) train "$1" --model_type=word --vocab_size=4000 --normalization_rule_name=identity ;;
    unigram-4k-identity-symbols) train "$1" --model_type=unigram --vocab_size=4000 --normalization_rule_name=identity \
      --split_digits --byte_fallback "${symbols[@]}" ;;
    bpe-4k-identity-symbols) train "$1" --model_type=bpe --vocab_size=4000 --normalization_rule_name=identity --split_digits "${symbols[@]}" ;;
    unigram-2k-nfkc-cf-suffix) train "$1" --model_type=unigram --vocab_size=2000 --normalization_rule_name=nmt_nfkc_cf \
      --treat_whitespace_as_suffix --remove_extra_whitespaces=false ;;
    bpe-2k-suffix) train "$1" --model_type=bpe --vocab_size=2000 --normalization_rule_name=identity --treat_whitespace_as_suffix ;;
    bpe-2k-no-split) train "$1" --model_type=bpe --vocab_size=2000 --normalization_rule_name=identity --split_by_whitespace=false \
      --remove_extra_whitespaces=false --add_dummy_prefix=false ;;
    unigram-2k-whitespace-pieces) train "$1" --model_type=unigram --vocab_size=2000 --normalization_rule_name=identity \
      --allow_whitespace_only_pieces --split_by_whitespace=false --remove_extra_whitespaces=false ;;
    unigram-1k-nfkc) train "$1" --model_type=unigram --vocab_size=1000 --character_coverage=0.99 --normalization_rule_name=nfkc \
      --add_dummy_prefix=false ;;
    unigram-1k-custom-rules) train "$1" --model_type=unigram --vocab_size=1000 --character_coverage=0.99 \
      --normalization_rule_tsv="$here/spm-rules.tsv" ;;
    bpe-1k-denormalizer) train "$1" --model_type=bpe --vocab_size=1000 --character_coverage=0.99 --normalization_rule_name=identity \
      --denormalization_rule_tsv="$here/spm-denormalization-rules.tsv" ;;
    bpe-4k-unused)
      [ -f "$out/bpe-4k-identity-symbols.model" ] || make_model bpe-4k-identity-symbols
      node "$here/patch-spm-model.mjs" "$out/bpe-4k-identity-symbols.model" "$out/$1.model" --unused-every 7 ;;
    unigram-4k-unused)
      [ -f "$out/unigram-4k-identity-symbols.model" ] || make_model unigram-4k-identity-symbols
      node "$here/patch-spm-model.mjs" "$out/unigram-4k-identity-symbols.model" "$out/$1.model" --unused-every 7 ;;
    unigram-2k-no-escape)
      [ -f "$out/unigram-2k-whitespace-pieces.model" ] || make_model unigram-2k-whitespace-pieces
      node "$here/patch-spm-model.mjs" "$out/unigram-2k-whitespace-pieces.model" "$out/$1.model" --normalizer escape_whitespaces=0 ;;
    *) echo "unknown model $1" >&2; exit 2 ;;
  esac
}

all=(unigram-8k bpe-8k-byte-fallback char word-4k-identity unigram-4k-identity-symbols bpe-4k-identity-symbols
  unigram-2k-nfkc-cf-suffix bpe-2k-suffix bpe-2k-no-split unigram-2k-whitespace-pieces unigram-1k-nfkc unigram-1k-custom-rules
  bpe-1k-denormalizer bpe-4k-unused unigram-4k-unused unigram-2k-no-escape)
models=("$@")
[ ${#models[@]} -gt 0 ] || models=("${all[@]}")
for name in "${models[@]}"; do
  [ -n "${SKIP_TRAIN:-}" ] && [ -f "$out/$name.model" ] || make_model "$name"
  node "$here/spm-goldens.mjs" "$out/$name.model" "$out/$name"
done
ls -la "$out"/*.model

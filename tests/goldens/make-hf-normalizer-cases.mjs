// Writes the conformance cases of the normalizers: Goldens/hf/cases/norm-NAME/tokenizer.json, each a small BPE trained
// by Hugging Face tokenizers (its Node binding's trainer, default BpeTrainer) on a mixed sample of the CORPUS folder (see corpus.mjs) through
// that normalizer, cut to its first 1,000 merges, then given byte fallback (the 256 <0xHH> tokens; for the byte-level
// normalizer the 256 byte characters instead), so that it never produces an unknown token and its offsets show the
// normalizer's alignments. Added tokens: a special <|endoftext|>, a non-special <|fim_prefix|>, and a non-special
// "Straße" matched in normalized text (normalized: true).
//   cd tests/goldens && npm install && node make-hf-normalizer-cases.mjs [NAME...]
//   MAX_DOCS=300 node make-hf-goldens.mjs norm-NAME...
import { buildTrainedCase, withTrainingFile } from "./trained-case.mjs";

const maxMerges = 1000;

const bert = (clean_text, handle_chinese_chars, strip_accents, lowercase) =>
  ({ type: "BertNormalizer", clean_text, handle_chinese_chars, strip_accents, lowercase });
const sequence = (...normalizers) => ({ type: "Sequence", normalizers });
const replace = (pattern, content) => ({ type: "Replace", pattern, content });

// Words (letters, marks, numbers, "_": Oniguruma's \w, spelled out), single other characters and whitespace runs, each
// a piece of its own (whitespace kept, so the offsets of spaces and of what became spaces are checked too).
const word = String.raw`\p{L}\p{M}\p{N}_`;
const words = { type: "Split", pattern: { Regex: `[${word}]+|[^${word}\\s]|\\s+` }, behavior: "Isolated", invert: false };

// [name, normalizer, byte-level alphabet instead of <0xHH> tokens]
export const CASES = [
  ["bert-uncased", bert(true, true, null, true)],
  ["bert-cased-strip-accents", bert(true, true, true, false)],
  ["nfc", { type: "NFC" }],
  ["nfd", { type: "NFD" }],
  ["nfkc", { type: "NFKC" }],
  ["nfd-strip-accents-lowercase", sequence({ type: "NFD" }, { type: "StripAccents" }, { type: "Lowercase" })],
  ["nfkd-strip-accents", sequence({ type: "NFKD" }, { type: "StripAccents" })],
  ["lowercase", { type: "Lowercase" }],
  ["nmt-nfkc", sequence({ type: "Nmt" }, { type: "NFKC" })],
  ["strip", { type: "Strip", strip_left: true, strip_right: true }],
  ["strip-right-nfkc", sequence({ type: "Strip", strip_left: false, strip_right: true }, { type: "NFKC" })],
  ["byte-level", { type: "ByteLevel" }, true],
  ["replace", sequence(replace({ Regex: String.raw`\s+` }, " "), replace({ String: "''" }, "\""), replace({ Regex: String.raw`\p{Mn}|[0-9]{2,}` }, "#"))],
  ["prepend-replace", sequence({ type: "Prepend", prepend: "▁" }, replace({ String: " " }, "▁"))],
];

const addedTokens = (next) => [
    { id: next, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    { id: next + 1, content: "<|fim_prefix|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: false },
    { id: next + 2, content: "Straße", single_word: false, lstrip: false, rstrip: false, normalized: true, special: false },
  ];

const wanted = process.argv.slice(2);
withTrainingFile((corpusFile) => {
  for (const [name, normalizer, byteLevelAlphabet = false] of CASES)
    if (!wanted.length || wanted.includes(name)) buildTrainedCase({ name: `norm-${name}`, normalizer, preTokenizer: words, byteLevelAlphabet, corpusFile, maxMerges, addedTokens });
});

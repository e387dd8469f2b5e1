// Writes the conformance cases of the normalizers: Goldens/hf/cases/norm-NAME/tokenizer.json, each a small BPE trained
// by Hugging Face tokenizers (its Node binding's trainer, default BpeTrainer) on a mixed sample of the CORPUS folder (see corpus.mjs) through
// that normalizer, cut to its first 1,000 merges, then given byte fallback (the 256 <0xHH> tokens; for the byte-level
// normalizer the 256 byte characters instead), so that it never produces an unknown token and its offsets show the
// normalizer's alignments. Added tokens: a special <|endoftext|>, a non-special <|fim_prefix|>, and a non-special
// "Straße" matched in normalized text (normalized: true).
//   cd tests/goldens && npm install && node make-hf-normalizer-cases.mjs [NAME...]
//   MAX_DOCS=300 node make-hf-goldens.mjs norm-NAME...
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { corpusDir } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const casesDir = path.resolve(here, "../Tessera.Tests/Goldens/hf/cases");
const corpus = corpusDir();
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

function trainingText() {
  const take = (file, bytes) => fs.readFileSync(path.join(corpus, file), "utf8").slice(0, bytes);
  const parts = [take("en-prose.txt", 6000), take("code/python.txt", 1500), take("unicode-edge.txt", 800)];
  for (const lang of ["de", "fr", "ru", "el", "ar", "he", "hi", "th", "ja", "ko", "zh_CN", "vi"]) parts.push(take(`parallel/${lang}.txt`, 600));
  return parts.join("\n");
}

const bytesToUnicode = () => {
  const bs = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const map = new Map(bs.map((b) => [b, String.fromCodePoint(b)]));
  let n = 0;
  for (let b = 0; b < 256; b++) if (!map.has(b)) map.set(b, String.fromCodePoint(256 + n++));
  return map;
};

function build(name, normalizer, byteLevelAlphabet, corpusFile) {
  const model = { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
    fuse_unk: false, byte_fallback: !byteLevelAlphabet, ignore_merges: false, vocab: {}, merges: [] };
  const base = { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer, pre_tokenizer: words,
    post_processor: null, decoder: null, model };
  const tokenizer = Tokenizer.fromString(JSON.stringify(base));
  tokenizer.train([corpusFile]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "norm-case-")), "tokenizer.json");
  tokenizer.save(file);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.rmSync(path.dirname(file), { recursive: true });
  // Keep the first merges and the tokens they need (the trained alphabet and the merged tokens), renumbered in their
  // trained order, so the file stays small.
  const merges = json.model.merges.slice(0, maxMerges);
  const keep = new Set(Object.keys(json.model.vocab).filter((t) => [...t].length === 1));
  for (const [a, b] of merges) keep.add(a + b);
  const vocab = {};
  let next = 0;
  for (const [token] of Object.entries(json.model.vocab).sort((x, y) => x[1] - y[1])) if (keep.has(token)) vocab[token] = next++;
  json.model.vocab = vocab;
  json.model.merges = merges;
  const extra = byteLevelAlphabet ? [...bytesToUnicode().values()] : [...Array(256).keys()].map((b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
  for (const token of extra) if (!(token in vocab)) vocab[token] = next++;
  json.added_tokens = [
    { id: next, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    { id: next + 1, content: "<|fim_prefix|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: false },
    { id: next + 2, content: "Straße", single_word: false, lstrip: false, rstrip: false, normalized: true, special: false },
  ];
  const dir = path.join(casesDir, `norm-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(json) + "\n");
  Tokenizer.fromFile(path.join(dir, "tokenizer.json")); // Hugging Face loads what was written
  console.log(`norm-${name}: ${Object.keys(vocab).length} tokens, ${fs.statSync(path.join(dir, "tokenizer.json")).size} bytes`);
}

const wanted = process.argv.slice(2);
const corpusFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "norm-corpus-")), "corpus.txt");
fs.writeFileSync(corpusFile, trainingText());
for (const [name, normalizer, byteLevelAlphabet] of CASES)
  if (!wanted.length || wanted.includes(name)) build(name, normalizer, byteLevelAlphabet ?? false, corpusFile);
fs.rmSync(path.dirname(corpusFile), { recursive: true });

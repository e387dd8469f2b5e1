// Writes the conformance cases of the pre-tokenizers: Goldens/hf/cases/pretok-NAME/tokenizer.json, each a small BPE
// trained by Hugging Face tokenizers (its Node binding's trainer, default BpeTrainer) on a mixed sample of the CORPUS folder (see corpus.mjs)
// with that pre-tokenizer, cut to its first 1,500 merges, then given byte fallback (the 256 <0xHH> tokens; for byte-level cases the 256 byte
// characters instead) and two added tokens (a special <|endoftext|>, a non-special <|fim_prefix|>):
//   cd tests/goldens && npm install && node make-hf-pretokenizer-cases.mjs [NAME...]
//   MAX_DOCS=300 node make-hf-goldens.mjs pretok-NAME...
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
const maxMerges = 1500;

const cl100k = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
const metaspace = (prepend_scheme, split = true) => ({ type: "Metaspace", replacement: "▁", prepend_scheme, split });
const split = (pattern, behavior, invert = false) => ({ type: "Split", pattern, behavior, invert });
const byteLevel = (add_prefix_space, use_regex) => ({ type: "ByteLevel", add_prefix_space, trim_offsets: true, use_regex });

// [name, pre_tokenizer, byte-level alphabet instead of <0xHH> tokens]
export const CASES = [
  ["bert", { type: "BertPreTokenizer" }],
  ["whitespace", { type: "Whitespace" }],
  ["whitespace-split", { type: "WhitespaceSplit" }],
  ["char-delimiter-split", { type: "CharDelimiterSplit", delimiter: " " }],
  ["metaspace-always", metaspace("always")],
  ["metaspace-first", metaspace("first")],
  ["metaspace-never", metaspace("never")],
  ["metaspace-first-no-split", metaspace("first", false)],
  ["metaspace-legacy", { type: "Metaspace", replacement: "▁", str_rep: "▁", add_prefix_space: true }],
  ["punctuation-isolated", { type: "Punctuation", behavior: "Isolated" }],
  ["punctuation-removed", { type: "Punctuation", behavior: "Removed" }],
  ["punctuation-merged-previous", { type: "Punctuation", behavior: "MergedWithPrevious" }],
  ["punctuation-merged-next", { type: "Punctuation", behavior: "MergedWithNext" }],
  ["punctuation-contiguous", { type: "Punctuation", behavior: "Contiguous" }],
  ["digits", { type: "Digits", individual_digits: false }],
  ["digits-individual", { type: "Digits", individual_digits: true }],
  ["unicode-scripts", { type: "UnicodeScripts" }],
  ["fixed-length", { type: "FixedLength", length: 4 }],
  ["byte-level", byteLevel(true, true), true],
  ["byte-level-no-regex", byteLevel(false, false), true],
  ["split-isolated", split({ Regex: cl100k }, "Isolated")],
  ["split-removed-invert", split({ Regex: cl100k }, "Removed", true)],
  ["split-removed", split({ Regex: String.raw`\s+` }, "Removed")],
  ["split-merged-previous", split({ String: " " }, "MergedWithPrevious")],
  ["split-merged-next", split({ String: " " }, "MergedWithNext")],
  ["split-contiguous", split({ Regex: String.raw`\p{P}` }, "Contiguous")],
  ["split-contiguous-invert", split({ Regex: String.raw`\p{L}` }, "Contiguous", true)],
  ["split-isolated-invert", split({ Regex: String.raw`\w+` }, "Isolated", true)],
  ["split-empty-matches", split({ Regex: String.raw`\d*` }, "MergedWithNext")],
  ["split-oniguruma", split({ Regex: String.raw`(?i)ss|st|ﬀ|\bk|^\s+|\s+$|\w+|\W` }, "Isolated")],
  ["sequence-t5", { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, metaspace("first")] }],
  ["sequence-llama3", { type: "Sequence", pretokenizers: [split({ Regex: cl100k }, "Isolated"), byteLevel(false, false)] }, true],
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

function build(name, preTokenizer, byteLevelAlphabet, corpusFile) {
  const model = { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
    fuse_unk: false, byte_fallback: !byteLevelAlphabet, ignore_merges: false, vocab: {}, merges: [] };
  const base = { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: preTokenizer,
    post_processor: null, decoder: null, model };
  const tokenizer = Tokenizer.fromString(JSON.stringify(base));
  tokenizer.train([corpusFile]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pretok-case-")), "tokenizer.json");
  tokenizer.save(file);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.rmSync(path.dirname(file), { recursive: true });
  // Keep the first MAX_MERGES merges and the tokens they need (the trained alphabet and the merged tokens), renumbered
  // in their trained order, so the file stays small.
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
  ];
  const dir = path.join(casesDir, `pretok-${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(json) + "\n");
  Tokenizer.fromFile(path.join(dir, "tokenizer.json")); // Hugging Face loads what was written
  console.log(`pretok-${name}: ${Object.keys(vocab).length} tokens, ${fs.statSync(path.join(dir, "tokenizer.json")).size} bytes`);
}

const wanted = process.argv.slice(2);
const corpusFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "pretok-corpus-")), "corpus.txt");
fs.writeFileSync(corpusFile, trainingText());
for (const [name, preTokenizer, byteLevelAlphabet] of CASES)
  if (!wanted.length || wanted.includes(name)) build(name, preTokenizer, byteLevelAlphabet ?? false, corpusFile);
fs.rmSync(path.dirname(corpusFile), { recursive: true });

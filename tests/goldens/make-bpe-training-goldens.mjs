// Golden merges for the BPE trainer: Hugging Face tokenizers (Node binding, pinned in package.json) trains byte-level
// BPE with its default BpeTrainer (vocab 30,000, no minimum frequency, no initial alphabet) on a corpus made from the
// golden inputs, and the merges it learns are written for BpeTrainerConformanceTests to compare with Tessera's.
//   node make-bpe-training-goldens.mjs            (from tests/goldens, after npm install)
// Corpus: every document of prose-en, code, multilingual and lines (inputs/*.jsonl), each followed by "\n", as UTF-8;
// its SHA-256 is written too, so the test knows it rebuilt the same bytes. Also WordPiece (hf-wordpiece-*) and
// WordLevel (hf-wordlevel-vocab.txt).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");

const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const out = path.join(goldens, "bpe-training");
fs.mkdirSync(out, { recursive: true });
const parts = ["prose-en", "code", "multilingual", "lines"];
const docs = parts.flatMap((p) => fs.readFileSync(path.join(goldens, "inputs", `${p}.jsonl`), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l)));
const corpus = Buffer.from(docs.map((d) => d + "\n").join(""), "utf8");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "bpe-training-"));
const corpusFile = path.join(work, "corpus.txt");
fs.writeFileSync(corpusFile, corpus);

const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
const skeleton = {
  version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: byteLevel,
  post_processor: byteLevel, decoder: byteLevel,
  model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] },
};
const tokenizer = Tokenizer.fromString(JSON.stringify(skeleton));
tokenizer.train([corpusFile]);
const saved = path.join(work, "tokenizer.json");
tokenizer.save(saved);
const model = JSON.parse(fs.readFileSync(saved, "utf8")).model;
const merges = model.merges.map((m) => (Array.isArray(m) ? m : m.split(" ")));
for (const [a, b] of merges) if (a.includes(" ") || b.includes(" ")) throw new Error("a merge part holds a space");
fs.writeFileSync(path.join(out, "hf-byte-level-merges.txt"), merges.map(([a, b]) => `${a} ${b}`).join("\n") + "\n");
fs.writeFileSync(path.join(out, "hf-byte-level.json"), JSON.stringify({
  corpus_parts: parts, corpus_bytes: corpus.length, corpus_sha256: crypto.createHash("sha256").update(corpus).digest("hex"),
  vocab_size: Object.keys(model.vocab).length, merges: merges.length, tokenizers: require("tokenizers/package.json").version,
}, null, 1) + "\n");
// WordPiece as Hugging Face's WordPieceTrainer trains it (BPE with "##" on BERT's lower-cased pre-tokens; default
// options: vocabulary 30,000, no special tokens, no alphabet limit). Its "##" tokens are numbered in the order a hash
// map gives the words, which changes from run to run, and ties follow the numbers: the test compares the vocabulary
// and the compression, not the order.
const wordPiece = Tokenizer.fromString(JSON.stringify({
  ...skeleton,
  normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: "BertPreTokenizer" }, post_processor: null, decoder: { type: "WordPiece", prefix: "##", cleanup: true },
  model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: { "[UNK]": 0 } },
}));
wordPiece.train([corpusFile]);
const wordPieceFile = path.join(work, "wordpiece.json");
wordPiece.save(wordPieceFile);
const wpVocab = Object.entries(JSON.parse(fs.readFileSync(wordPieceFile, "utf8")).model.vocab).sort((a, b) => a[1] - b[1]).map((e) => e[0]);
let wpTokens = 0;
for (let i = 0; i < docs.length; i += 500) for (const e of await wordPiece.encodeBatch(docs.slice(i, i + 500), { addSpecialTokens: false })) wpTokens += e.getIds().length;
fs.writeFileSync(path.join(out, "hf-wordpiece-vocab.txt"), wpVocab.join("\n") + "\n");
fs.writeFileSync(path.join(out, "hf-wordpiece.json"), JSON.stringify({ vocab_size: wpVocab.length, corpus_tokens: wpTokens, tokenizers: require("tokenizers/package.json").version }, null, 1) + "\n");
// WordLevel (Whitespace pre-tokenizer, default WordLevelTrainer: vocabulary 30,000, no special tokens): deterministic,
// the most frequent words first and ties in code point order, so the test compares the vocabulary id for id.
const wordLevel = Tokenizer.fromString(JSON.stringify({
  ...skeleton, pre_tokenizer: { type: "Whitespace" }, post_processor: null, decoder: null,
  model: { type: "WordLevel", vocab: { "[UNK]": 0 }, unk_token: "[UNK]" },
}));
wordLevel.train([corpusFile]);
const wordLevelFile = path.join(work, "wordlevel.json");
wordLevel.save(wordLevelFile);
const wlVocab = Object.entries(JSON.parse(fs.readFileSync(wordLevelFile, "utf8")).model.vocab).sort((a, b) => a[1] - b[1]);
wlVocab.forEach(([, id], i) => { if (id !== i) throw new Error("WordLevel ids with a gap"); });
fs.writeFileSync(path.join(out, "hf-wordlevel-vocab.txt"), wlVocab.map((e) => e[0]).join("\n") + "\n");
fs.rmSync(work, { recursive: true });
console.log(`corpus ${corpus.length} bytes, vocab ${Object.keys(model.vocab).length}, merges ${merges.length}`);

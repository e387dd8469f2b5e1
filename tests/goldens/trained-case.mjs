// Builds one small conformance tokenizer the way the normalizer and pre-tokenizer case generators need it: a BPE
// trained by Hugging Face tokenizers (its Node binding's default BpeTrainer) on a mixed sample of the corpus through
// the given normalizer and pre-tokenizer, cut to its first `maxMerges` merges and the tokens they need (renumbered in
// trained order), then given byte fallback (the 256 <0xHH> tokens, or the 256 byte-level characters), so it never
// produces an unknown token; written to Goldens/hf/cases/NAME/tokenizer.json and loaded back by Hugging Face.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { corpusDir } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const casesDir = path.resolve(here, "../Tessera.Tests/Goldens/hf/cases");

/** A few kB of English prose, Python, Unicode edge cases and twelve languages. */
export function trainingText() {
  const corpus = corpusDir();
  const take = (file, bytes) => fs.readFileSync(path.join(corpus, file), "utf8").slice(0, bytes);
  const parts = [take("en-prose.txt", 6000), take("code/python.txt", 1500), take("unicode-edge.txt", 800)];
  for (const lang of ["de", "fr", "ru", "el", "ar", "he", "hi", "th", "ja", "ko", "zh_CN", "vi"]) parts.push(take(`parallel/${lang}.txt`, 600));
  return parts.join("\n");
}

/** The training text in a temporary file; `use(file)` runs with it, and it is removed after. */
export function withTrainingFile(use) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hf-case-corpus-")), "corpus.txt");
  fs.writeFileSync(file, trainingText());
  try { use(file); } finally { fs.rmSync(path.dirname(file), { recursive: true }); }
}

/** GPT-2's byte → character map. */
export function bytesToUnicode() {
  const bs = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const map = new Map(bs.map((b) => [b, String.fromCodePoint(b)]));
  let n = 0;
  for (let b = 0; b < 256; b++) if (!map.has(b)) map.set(b, String.fromCodePoint(256 + n++));
  return map;
}

/**
 * Trains and writes case `name`. `addedTokens(next)` gives the added tokens, numbered from `next` (the first id after
 * the vocabulary).
 */
export function buildTrainedCase({ name, normalizer = null, preTokenizer, byteLevelAlphabet = false, corpusFile, maxMerges, addedTokens }) {
  const model = { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
    fuse_unk: false, byte_fallback: !byteLevelAlphabet, ignore_merges: false, vocab: {}, merges: [] };
  const base = { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer, pre_tokenizer: preTokenizer,
    post_processor: null, decoder: null, model };
  const tokenizer = Tokenizer.fromString(JSON.stringify(base));
  tokenizer.train([corpusFile]);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hf-case-")), "tokenizer.json");
  tokenizer.save(file);
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  fs.rmSync(path.dirname(file), { recursive: true });
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
  json.added_tokens = addedTokens(next);
  const dir = path.join(casesDir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "tokenizer.json"), JSON.stringify(json) + "\n");
  Tokenizer.fromFile(path.join(dir, "tokenizer.json")); // Hugging Face loads what was written
  console.log(`${name}: ${Object.keys(vocab).length} tokens, ${fs.statSync(path.join(dir, "tokenizer.json")).size} bytes`);
}

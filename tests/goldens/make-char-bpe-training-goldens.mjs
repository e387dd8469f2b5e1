// Golden merges for character-level BPE (SentencePiece-style, as Llama and Mistral's tokenizers are): Hugging Face
// tokenizers (Node binding, pinned in package.json) trains BPE with its default BpeTrainer (vocab 30,000, no special
// tokens) under a Metaspace pre-tokenizer (replacement "▁", prepend always, split) on the corpus of
// make-bpe-training-goldens.mjs, and the merges it learns are written (a JSON pair a line) for BpeTrainerConformanceTests.
//   node make-char-bpe-training-goldens.mjs      (from tests/goldens, after npm install)
// Special tokens and byte pieces put before the alphabet shift every id alike, so ties fall the same way and the
// merges of a run with them are these merges' prefix.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");

const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const out = path.join(goldens, "bpe-training");
const parts = ["prose-en", "code", "multilingual", "lines"];
const docs = parts.flatMap((p) => fs.readFileSync(path.join(goldens, "inputs", `${p}.jsonl`), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l)));
const work = fs.mkdtempSync(path.join(os.tmpdir(), "char-bpe-training-"));
const corpusFile = path.join(work, "corpus.txt");
fs.writeFileSync(corpusFile, docs.map((d) => d + "\n").join(""));
const metaspace = { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true };
const tokenizer = Tokenizer.fromString(JSON.stringify({
  version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: metaspace, post_processor: null, decoder: metaspace,
  model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] },
}));
tokenizer.train([corpusFile]);
const saved = path.join(work, "tokenizer.json");
tokenizer.save(saved);
const model = JSON.parse(fs.readFileSync(saved, "utf8")).model;
const merges = model.merges.map((m) => (Array.isArray(m) ? m : m.split(" ")));
// a part may hold a line feed (the corpus's lines keep theirs): one JSON pair a line
fs.writeFileSync(path.join(out, "hf-metaspace-merges.jsonl"), merges.map((m) => JSON.stringify(m)).join("\n") + "\n");
fs.rmSync(work, { recursive: true });
console.log(`vocab ${Object.keys(model.vocab).length}, merges ${merges.length}`);

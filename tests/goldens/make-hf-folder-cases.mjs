// Builds the conformance cases whose tokenizer is a folder of vocabulary files rather than a tokenizer.json:
//   cd tests/goldens && node make-hf-folder-cases.mjs
//   MAX_DOCS=300 node make-hf-goldens.mjs bert-vocab-txt gpt2-vocab-merges && MAX_DOCS=100 node make-hf-decode-goldens.mjs bert-vocab-txt gpt2-vocab-merges
// Each case CASE gets Goldens/hf/cases/CASE/folder/ (the files Tessera loads: Tokenizer.Load(folder)) and
// Goldens/hf/cases/CASE/tokenizer.json: the tokenizer Hugging Face tokenizers itself (Node binding, pinned in
// package.json) builds from those same files, saved by it, from which make-hf-goldens.mjs makes the goldens.
//   bert-vocab-txt: a BERT vocab.txt (one token per line, id = line index), the vocabulary of the wordpiece-bert case
//     in id order; built as the Python binding's BertWordPieceTokenizer(vocab) builds it (the Node binding has no such
//     class, so from its component factories): WordPiece.fromFile(vocab, unk [UNK]) (prefix ##, 100 characters a word),
//     [UNK] [SEP] [CLS] [PAD] [MASK] added as special tokens when the vocabulary has them, BertNormalizer (clean text,
//     Chinese characters, strip_accents unset, lowercase), BertPreTokenizer, BertProcessing([SEP], [CLS]), WordPiece
//     decoder (##).
//   gpt2-vocab-merges: GPT-2's vocab.json + merges.txt ("#version: 0.2" first, as GPT-2's), the byte-level BPE of the
//     bytelevel-sequence case; built as ByteLevelBPETokenizer(vocab, merges) and transformers' GPT-2 conversion build
//     it: BPE.fromFile(vocab, merges), ByteLevel pre-tokenizer (no prefix space, GPT-2's regex), ByteLevel decoder
//     (its defaults), ByteLevel post-processor with trim_offsets false; no added tokens.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const tk = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const casesDir = path.resolve(here, "../Tessera.Tests/Goldens/hf/cases");

const readCase = (name) => JSON.parse(fs.readFileSync(path.join(casesDir, name, "tokenizer.json"), "utf8"));

function folderOf(name) {
  const dir = path.join(casesDir, name, "folder");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function saved(tokenizer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hf-folder-case-"));
  try {
    tokenizer.save(path.join(dir, "tokenizer.json"));
    return fs.readFileSync(path.join(dir, "tokenizer.json"), "utf8");
  } finally {
    fs.rmSync(dir, { recursive: true });
  }
}

function save(name, tokenizer) {
  const file = path.join(casesDir, name, "tokenizer.json");
  tokenizer.save(file);
  tk.Tokenizer.fromFile(file); // Hugging Face loads what it wrote
  console.log(`${name}: ${fs.statSync(file).size} bytes`);
}

async function bertVocabTxt() {
  const name = "bert-vocab-txt";
  const vocab = Object.entries(readCase("wordpiece-bert").model.vocab).sort((a, b) => a[1] - b[1]);
  vocab.forEach(([, id], i) => { if (id !== i) throw new Error(`wordpiece-bert: ids are not 0..n-1 (${id} at ${i})`); });
  const file = path.join(folderOf(name), "vocab.txt");
  fs.writeFileSync(file, vocab.map(([token]) => token + "\n").join(""));

  const tokenizer = new tk.Tokenizer(await tk.WordPiece.fromFile(file, { unkToken: "[UNK]" }));
  const present = ["[UNK]", "[SEP]", "[CLS]", "[PAD]", "[MASK]"].filter((t) => tokenizer.tokenToId(t) !== null);
  tokenizer.addSpecialTokens(present);
  tokenizer.setNormalizer(tk.bertNormalizer({ cleanText: true, handleChineseChars: true, lowercase: true }));
  tokenizer.setPreTokenizer(tk.bertPreTokenizer());
  tokenizer.setPostProcessor(tk.bertProcessing(["[SEP]", tokenizer.tokenToId("[SEP]")], ["[CLS]", tokenizer.tokenToId("[CLS]")]));
  tokenizer.setDecoder(tk.wordPieceDecoder("##"));
  save(name, tokenizer);
}

async function gpt2VocabMerges() {
  const name = "gpt2-vocab-merges";
  const model = readCase("bytelevel-sequence").model;
  const dir = folderOf(name);
  const vocabFile = path.join(dir, "vocab.json"), mergesFile = path.join(dir, "merges.txt");
  fs.writeFileSync(vocabFile, JSON.stringify(model.vocab) + "\n");
  const merges = model.merges.map((m) => (Array.isArray(m) ? m.join(" ") : m));
  fs.writeFileSync(mergesFile, ["#version: 0.2", ...merges].map((l) => l + "\n").join(""));

  const tokenizer = new tk.Tokenizer(await tk.BPE.fromFile(vocabFile, mergesFile));
  tokenizer.setPreTokenizer(tk.byteLevelPreTokenizer(false, true));
  tokenizer.setPostProcessor(tk.byteLevelProcessing(false));
  // The binding has no ByteLevel decoder factory: the decoder goes in as the Python binding's decoders.ByteLevel()
  // serializes (ByteLevel's defaults), and Hugging Face reads it back.
  const json = JSON.parse(saved(tokenizer));
  json.decoder = { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true };
  save(name, tk.Tokenizer.fromString(JSON.stringify(json)));
}

await bertVocabTxt();
await gpt2VocabMerges();

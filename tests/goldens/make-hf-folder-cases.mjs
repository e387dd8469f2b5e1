// Builds the conformance cases whose tokenizer is a folder of vocabulary files rather than a tokenizer.json:
//   cd tests/goldens && node make-hf-folder-cases.mjs
//   MAX_DOCS=300 node make-hf-goldens.mjs bert-vocab-txt && MAX_DOCS=100 node make-hf-decode-goldens.mjs bert-vocab-txt
// Each case CASE gets Goldens/hf/cases/CASE/folder/ (the files Tessera loads: Tokenizer.Load(folder)) and
// Goldens/hf/cases/CASE/tokenizer.json: the tokenizer Hugging Face tokenizers itself (Node binding, pinned in
// package.json) builds from those same files, saved by it, from which make-hf-goldens.mjs makes the goldens.
//   bert-vocab-txt: a BERT vocab.txt (one token per line, id = line index), the vocabulary of the wordpiece-bert case
//     in id order; built as the Python binding's BertWordPieceTokenizer(vocab) builds it (the Node binding has no such
//     class, so from its component factories): WordPiece.fromFile(vocab, unk [UNK]) (prefix ##, 100 characters a word),
//     [UNK] [SEP] [CLS] [PAD] [MASK] added as special tokens when the vocabulary has them, BertNormalizer (clean text,
//     Chinese characters, strip_accents unset, lowercase), BertPreTokenizer, BertProcessing([SEP], [CLS]), WordPiece
//     decoder (##).
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

await bertVocabTxt();

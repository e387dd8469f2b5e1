// Writes the small tokenizer.json cases that exercise Hugging Face's decoders and post-processors:
//   cd tests/goldens && CORPUS=DIR node make-hf-cases.mjs
// -> Goldens/hf/cases/CASE/tokenizer.json for every CASE below. Deterministic: the vocabularies come from a naive
// BPE training (most frequent pair first, ties broken by the pair's text) on a fixed slice of the test corpus
// (the CORPUS folder, see corpus.mjs: English prose, Python code, eight languages of the parallel text), small enough (about 1,000 merges) to keep each file small.
// Every case loads in Hugging Face tokenizers (checked at the end). The models are BPE (the model every Tessera
// branch has); the cases differ in what surrounds the model: decoders, post-processors, added tokens.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { corpusDir } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer, byteLevelAlphabet } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const cases = path.resolve(here, "../Tessera.Tests/Goldens/hf/cases");

function slice(file, start, length) {
  const fd = fs.openSync(file, "r");
  const buffer = Buffer.alloc(length);
  const read = fs.readSync(fd, buffer, 0, length, start);
  fs.closeSync(fd);
  return buffer.subarray(0, read).toString("utf8").replace(/\uFFFD/g, "");
}

function corpus() {
  const dir = corpusDir();
  const parts = [slice(path.join(dir, "en-prose.txt"), 1_000_000, 120_000), slice(path.join(dir, "code/python.txt"), 0, 30_000)];
  for (const language of ["de", "fr", "ru", "zh_CN", "ja", "ar", "hi", "el"])
    parts.push(slice(path.join(dir, "parallel", `${language}.txt`), 0, 5_000));
  return parts.join("\n");
}

// Naive BPE: words -> symbol lists; repeatedly merge the most frequent adjacent pair.
function train(wordCounts, merges, prefix = "") {
  const words = [...wordCounts.entries()].map(([w, c]) => ({ symbols: w, count: c }));
  const vocab = new Set();
  for (const w of words) for (const s of w.symbols) vocab.add(s);
  const mergeList = [];
  for (let m = 0; m < merges; m++) {
    const counts = new Map();
    for (const w of words)
      for (let i = 0; i + 1 < w.symbols.length; i++) {
        const key = w.symbols[i] + "\u0000" + w.symbols[i + 1];
        counts.set(key, (counts.get(key) ?? 0) + w.count);
      }
    let best = null, bestCount = 0;
    for (const [key, count] of counts)
      if (count > bestCount || (count === bestCount && key < best)) { best = key; bestCount = count; }
    if (best === null || bestCount < 2) break;
    const [a, b] = best.split("\u0000");
    const merged = a + (prefix && b.startsWith(prefix) ? b.slice(prefix.length) : b);
    mergeList.push([a, b]);
    vocab.add(merged);
    for (const w of words) {
      const out = [];
      for (let i = 0; i < w.symbols.length; i++) {
        if (i + 1 < w.symbols.length && w.symbols[i] === a && w.symbols[i + 1] === b) { out.push(merged); i++; }
        else out.push(w.symbols[i]);
      }
      w.symbols = out;
    }
  }
  return { vocab: [...vocab], merges: mergeList };
}

function countWords(pieces, toSymbols) {
  const counts = new Map();
  for (const piece of pieces) {
    if (!piece) continue;
    const key = JSON.stringify(toSymbols(piece));
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return new Map([...counts].map(([k, c]) => [JSON.parse(k), c]));
}

function vocabObject(specials, tokens) {
  const vocab = {};
  for (const t of [...specials, ...tokens]) if (!(t in vocab)) vocab[t] = Object.keys(vocab).length;
  return vocab;
}

const added = (id, content, extra = {}) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true, ...extra });
const text = corpus();
const chars = (w) => [...w];

// GPT-2 byte-level spelling of a string.
const byteMap = (() => {
  const map = new Array(256);
  let n = 0x100;
  for (let b = 0; b < 256; b++) map[b] = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff) ? b : n++;
  return map;
})();
const byteLevel = (s) => [...Buffer.from(s, "utf8")].map((b) => String.fromCodePoint(byteMap[b]));

// Vocabularies.
const whitespaceWords = text.split(/\s+/).filter(Boolean);
const wordPieceWords = text.split(/\s+/).flatMap((w) => w.split(/([^\p{L}\p{N}_])/u)).filter(Boolean);
const gpt2 = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const byteLevelPieces = (" " + text).match(gpt2);
const metaspacePieces = ("▁" + text.replace(/ /g, "▁")).split(/(?=▁)/);

const wp = train(countWords(wordPieceWords, (w) => chars(w).map((c, i) => (i ? "##" + c : c))), 900, "##");
const sfx = train(countWords(whitespaceWords, (w) => { const c = chars(w); c[c.length - 1] += "</w>"; return c; }), 900);
const bl = train(countWords(byteLevelPieces, byteLevel), 1000);
const ms = train(countWords(metaspacePieces, (w) => chars(w)), 1000);

const alphabet = byteLevelAlphabet().sort();
const byteTokens = [...Array(256).keys()].map((b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
const frequentChars = (() => {
  const counts = new Map();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts].filter(([c, n]) => n >= 3 && c !== " ").map(([c]) => c).sort();
})();

function bpe(vocab, merges, options = {}) {
  return { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges, ...options };
}

const splitWhitespace = { type: "Split", pattern: { Regex: "\\s+" }, behavior: "Removed", invert: false };
const bertLike = { type: "Sequence", pretokenizers: [splitWhitespace, { type: "Split", pattern: { Regex: "[^\\p{L}\\p{N}_\\s]" }, behavior: "Isolated", invert: false }] };
const byteLevelPre = (prefix) => ({ type: "ByteLevel", add_prefix_space: prefix, trim_offsets: true, use_regex: true });
const llamaNormalizer = { type: "Sequence", normalizers: [{ type: "Prepend", prepend: "▁" }, { type: "Replace", pattern: { String: " " }, content: "▁" }] };
const seqPiece = (id, type_id = 0) => ({ Sequence: { id, type_id } });
const specialPiece = (id, type_id = 0) => ({ SpecialToken: { id, type_id } });

const wpVocab = vocabObject(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"], [...wp.vocab.sort(), ...["do", "n't", "'s", "'", ".", ",", "!", "?"]]);
const sfxVocab = vocabObject(["<unk>"], sfx.vocab.sort());
const blVocab = vocabObject(["<s>", "<pad>", "</s>", "<unk>"], [...alphabet, ...bl.vocab.filter((t) => !alphabet.includes(t)).sort()]);
const msVocab = vocabObject(["<unk>", "<s>", "</s>"], [...byteTokens, ...new Set([...frequentChars, "▁", ...ms.vocab.filter((t) => [...t].every((c) => frequentChars.includes(c) || c === "▁")).sort()])]);
const msMerges = ms.merges.filter(([a, b]) => a in msVocab && b in msVocab && a + b in msVocab);
const ctcVocab = vocabObject(["<pad>", "<s>", "</s>", "<unk>", "|"], [..."abcdefghijklmnopqrstuvwxyz0123456789'.,!?"]);

const all = {
  "bert-wordpiece": {
    added_tokens: ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].map((t, i) => added(i, t)),
    pre_tokenizer: bertLike,
    post_processor: { type: "BertProcessing", sep: ["[SEP]", 3], cls: ["[CLS]", 2] },
    decoder: { type: "WordPiece", prefix: "##", cleanup: true },
    model: bpe(wpVocab, wp.merges, { unk_token: "[UNK]", continuing_subword_prefix: "##" }),
  },
  "roberta-bytelevel": {
    added_tokens: [added(0, "<s>"), added(1, "<pad>"), added(2, "</s>"), added(3, "<unk>"), added(Object.keys(blVocab).length, "<mask>", { lstrip: true })],
    pre_tokenizer: byteLevelPre(true),
    post_processor: { type: "RobertaProcessing", sep: ["</s>", 2], cls: ["<s>", 0], trim_offsets: true, add_prefix_space: true },
    decoder: { type: "ByteLevel", add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: bpe(blVocab, bl.merges),
  },
  "bytelevel-sequence": {
    added_tokens: [added(Object.keys(blVocab).length, "<|begin|>"), added(Object.keys(blVocab).length + 1, "<|sep|>"), added(Object.keys(blVocab).length + 2, "<|note|>", { special: false, normalized: true })],
    pre_tokenizer: byteLevelPre(false),
    post_processor: {
      type: "Sequence",
      processors: [
        { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
        {
          type: "TemplateProcessing",
          single: [specialPiece("<|begin|>"), seqPiece("A")],
          pair: [specialPiece("<|begin|>"), seqPiece("A"), specialPiece("<|sep|>", 1), seqPiece("B", 1)],
          special_tokens: {
            "<|begin|>": { id: "<|begin|>", ids: [Object.keys(blVocab).length], tokens: ["<|begin|>"] },
            "<|sep|>": { id: "<|sep|>", ids: [Object.keys(blVocab).length + 1, 2], tokens: ["<|sep|>", "</s>"] },
          },
        },
      ],
    },
    decoder: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    model: bpe(blVocab, bl.merges),
  },
  "llama-template": {
    added_tokens: [added(0, "<unk>"), added(1, "<s>"), added(2, "</s>")],
    normalizer: llamaNormalizer,
    post_processor: {
      type: "TemplateProcessing",
      single: [specialPiece("<s>"), seqPiece("A")],
      pair: [specialPiece("<s>"), seqPiece("A"), specialPiece("</s>"), specialPiece("<s>", 1), seqPiece("B", 1), specialPiece("</s>", 1)],
      special_tokens: { "<s>": { id: "<s>", ids: [1], tokens: ["<s>"] }, "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] } },
    },
    decoder: { type: "Sequence", decoders: [{ type: "Replace", pattern: { String: "▁" }, content: " " }, { type: "ByteFallback" }, { type: "Fuse" }, { type: "Strip", content: " ", start: 1, stop: 0 }] },
    model: bpe(msVocab, msMerges, { unk_token: "<unk>", fuse_unk: true, byte_fallback: true }),
  },
  "metaspace-decoder": {
    added_tokens: [added(0, "<unk>"), added(1, "<s>"), added(2, "</s>")],
    normalizer: llamaNormalizer,
    post_processor: {
      type: "TemplateProcessing",
      single: [seqPiece("A"), specialPiece("</s>")],
      pair: [seqPiece("A"), specialPiece("</s>"), seqPiece("B", 1), specialPiece("</s>", 1)],
      special_tokens: { "</s>": { id: "</s>", ids: [2], tokens: ["</s>"] } },
    },
    decoder: { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: true }] },
    model: bpe(msVocab, msMerges, { unk_token: "<unk>", fuse_unk: true, byte_fallback: true }),
  },
  "suffix-bpe": {
    added_tokens: [added(0, "<unk>")],
    pre_tokenizer: splitWhitespace,
    decoder: { type: "BPEDecoder", suffix: "</w>" },
    model: bpe(sfxVocab, sfx.merges, { unk_token: "<unk>", end_of_word_suffix: "</w>" }),
  },
  "no-decoder": {
    added_tokens: [added(0, "<unk>"), added(Object.keys(sfxVocab).length, "<sep>")],
    pre_tokenizer: splitWhitespace,
    model: bpe(sfxVocab, sfx.merges, { unk_token: "<unk>", end_of_word_suffix: "</w>" }),
  },
  "ctc-chars": {
    added_tokens: ["<pad>", "<s>", "</s>", "<unk>"].map((t, i) => added(i, t)),
    normalizer: { type: "Replace", pattern: { String: " " }, content: "|" },
    decoder: { type: "CTC", pad_token: "<pad>", word_delimiter_token: "|", cleanup: true },
    model: bpe(ctcVocab, [], { unk_token: "<unk>" }),
  },
};

for (const [name, parts] of Object.entries(all)) {
  const json = { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: null, post_processor: null, decoder: null, ...parts };
  const ordered = { version: json.version, truncation: null, padding: null, added_tokens: json.added_tokens, normalizer: json.normalizer, pre_tokenizer: json.pre_tokenizer, post_processor: json.post_processor, decoder: json.decoder, model: json.model };
  const file = path.join(cases, name, "tokenizer.json");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const out = JSON.stringify(ordered, null, 1) + "\n";
  Tokenizer.fromString(out); // Hugging Face must load it
  fs.writeFileSync(file, out);
  console.log(`${name}: ${out.length} bytes, ${Object.keys(json.model.vocab).length} tokens, ${json.model.merges.length} merges`);
}

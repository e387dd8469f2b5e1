// Writes the tokenizer.json cases of Hugging Face's Precompiled normalizer (a SentencePiece precompiled_charsmap):
//   node make-precompiled-cases.mjs       (after make-spm-goldens.sh; CORPUS=the CORPUS folder (see corpus.mjs))
// then: MAX_DOCS=300 node make-hf-goldens.mjs precompiled-nmt-nfkc precompiled-custom-rules
// The charsmaps are taken from the SentencePiece models of Goldens/spm: nmt_nfkc (unigram-8k) and the custom rules of
// spm-rules.tsv (unigram-1k-custom-rules). The model is a small byte-level BPE (400 merges) trained here on a fixed
// sample of the corpus, so any normalized text encodes without unknown tokens; what the cases test is the
// normalizer's output and its alignments (offsets).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { precompiledCharsmap } from "./spm-proto.mjs";
import { corpusDir } from "./corpus.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const corpus = corpusDir();

// GPT-2's byte-to-unicode map.
const byteToChar = [];
{
  const kept = [];
  for (let b = 0x21; b <= 0x7e; b++) kept.push(b);
  for (let b = 0xa1; b <= 0xac; b++) kept.push(b);
  for (let b = 0xae; b <= 0xff; b++) kept.push(b);
  let n = 0;
  for (let b = 0; b < 256; b++) byteToChar[b] = String.fromCodePoint(kept.includes(b) ? b : 256 + n++);
}

function trainByteLevelBpe(text, mergeCount) {
  const pattern = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
  const counts = new Map();
  for (const m of text.matchAll(pattern)) {
    const word = [...Buffer.from(m[0], "utf8")].map((b) => byteToChar[b]).join("");
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  let words = [...counts].map(([w, c]) => [[...w], c]);
  const vocab = {};
  byteToChar.forEach((c, i) => (vocab[c] = i));
  const merges = [];
  for (let k = 0; k < mergeCount; k++) {
    const pairs = new Map();
    for (const [symbols, c] of words)
      for (let i = 0; i + 1 < symbols.length; i++) {
        const key = symbols[i] + "\u0000" + symbols[i + 1];
        pairs.set(key, (pairs.get(key) ?? 0) + c);
      }
    let best = null, bestCount = 0;
    for (const [key, c] of pairs) if (c > bestCount || (c === bestCount && key < best)) [best, bestCount] = [key, c];
    if (!best) break;
    const [a, b] = best.split("\u0000");
    merges.push([a, b]);
    vocab[a + b] = Object.keys(vocab).length;
    words = words.map(([symbols, c]) => {
      const out = [];
      for (let i = 0; i < symbols.length; i++) {
        if (i + 1 < symbols.length && symbols[i] === a && symbols[i + 1] === b) {
          out.push(a + b);
          i++;
        } else out.push(symbols[i]);
      }
      return [out, c];
    });
  }
  return { vocab, merges };
}

const sample = fs.readFileSync(path.join(corpus, "en-prose.txt"), "utf8").slice(0, 150_000) +
  fs.readdirSync(path.join(corpus, "parallel")).filter((f) => f.endsWith(".txt")).sort()
    .map((f) => fs.readFileSync(path.join(corpus, "parallel", f), "utf8").split("\n").slice(0, 40).join("\n")).join("\n");
const { vocab, merges } = trainByteLevelBpe(sample, 400);

const charsmap = (model) => precompiledCharsmap(fs.readFileSync(path.join(goldens, "spm", model + ".model"))).toString("base64");
const precompiled = (model) => ({ type: "Precompiled", precompiled_charsmap: charsmap(model) });
const cases = {
  "precompiled-nmt-nfkc": precompiled("unigram-8k"),
  "precompiled-custom-rules": {
    type: "Sequence",
    normalizers: [precompiled("unigram-1k-custom-rules"), { type: "Replace", pattern: { String: " " }, content: "\u2581" }, { type: "Prepend", prepend: "\u2581" }],
  },
};

for (const [name, normalizer] of Object.entries(cases)) {
  const json = {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: [],
    normalizer,
    pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
    post_processor: null,
    decoder: null,
    model: {
      type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab, merges,
    },
  };
  const text = JSON.stringify(json);
  const tokenizer = Tokenizer.fromString(text); // Hugging Face must accept it
  const check = await tokenizer.encode("Ⅳ ﬁx  a\u0300 e\u0301\u0302 \u200Bok", null, { addSpecialTokens: false });
  const dir = path.join(goldens, "hf", "cases", name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "tokenizer.json"), text);
  console.log(`${name}: ${(text.length / 1024).toFixed(0)} KB, sample tokens ${JSON.stringify(check.getTokens())}`);
}

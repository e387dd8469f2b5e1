// Held-out check of Hugging Face pipelines (not in the repository, trained afresh) against the Tessera CLI. Run from
// tests/goldens after `npm install` there (tokenizers 0.23.2, package.json), in order:
//   CORPUS=/tmp/corpus node heldout/build-data.mjs && node heldout/train.mjs && node heldout/compare.mjs
// HELDOUT (default /tmp/heldout-hf) is the work folder; TESSERA (default the repository's ./tessera) the CLI.
// Trains the held-out tokenizers with Hugging Face tokenizers (Node binding 0.23.2) on /tmp/heldout-hf/train.txt:
//   node train.mjs [NAME...]   -> /tmp/heldout-hf/models/NAME/tokenizer.json  (HF's own save, compact)
// Approach as tests/goldens/make-hf-model-cases.mjs: skeleton JSON -> Tokenizer.fromString -> train([file]) (each
// model's default trainer) -> save -> finish (specials first, vocab cut, byte pieces) -> fromString -> encode -> save.
// Two BPE cases (continuing_subword_prefix "##", end_of_word_suffix "</w>") use a naive hand-written BPE trainer,
// because the binding's default BpeTrainer cannot be given a prefix/suffix.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");

const ROOT = process.env.HELDOUT ?? "/tmp/heldout-hf";
const TRAIN = path.join(ROOT, "train.txt");
const space = "\u2581";
const llamaNormalizer = { type: "Sequence", normalizers: [{ type: "Prepend", prepend: space }, { type: "Replace", pattern: { String: " " }, content: space }] };
const added = (content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const bertSpecials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
const bytePieces = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);
const skeleton = ({ normalizer = null, pre_tokenizer = null, post_processor = null, decoder = null, model }) =>
  ({ version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer, pre_tokenizer, post_processor, decoder, model });
const bpeModel = (o = {}) => ({ type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [], ...o });
const tp = (a) => a.map((x) => (x === "A" ? { Sequence: { id: "A", type_id: 0 } } : { SpecialToken: { id: x, type_id: 0 } }));

// Specials first, then the first `size - specials` learnt tokens (by id), renumbered.
function finishVocab(vocab, specials, size, extra = []) {
  const learnt = Object.entries(vocab).filter(([t]) => !specials.includes(t) && !extra.includes(t)).sort((a, b) => a[1] - b[1]).slice(0, size - specials.length - extra.length);
  return Object.fromEntries([...specials, ...extra, ...learnt.map(([t]) => t)].map((t, i) => [t, i]));
}
// BPE merges as [a, b] pairs (HF writes them as arrays or "a b" strings).
const pairOf = (m) => (Array.isArray(m) ? m : m.split(" "));
// Keep the merges whose parts and result are in the (cut) vocab.
function keepMerges(merges, vocab, prefix = "") {
  return merges.map(pairOf).filter(([a, b]) => Object.hasOwn(vocab, a) && Object.hasOwn(vocab, b) && Object.hasOwn(vocab, a + (prefix ? b.slice(prefix.length) : b)));
}

// GPT-2 byte-level alphabet in byte order.
const byteMap = (() => { const m = new Array(256); let n = 0x100; for (let b = 0; b < 256; b++) m[b] = (b >= 0x21 && b <= 0x7e) || (b >= 0xa1 && b <= 0xac) || (b >= 0xae && b <= 0xff) ? b : n++; return m; })();
const byteAlphabet = byteMap.map((c) => String.fromCodePoint(c));

// Naive BPE (most frequent pair, ties by text), on distinct words with count >= 2.
function naiveBpe(words, toSymbols, merges, prefix = "") {
  const counts = new Map();
  for (const w of words) if (w) counts.set(w, (counts.get(w) ?? 0) + 1);
  const alphabet = new Set();
  const list = [];
  for (const [w, c] of counts) { const s = toSymbols(w); s.forEach((x) => alphabet.add(x)); if (c >= 2) list.push({ s, c }); }
  const mergeList = [], learnt = [];
  for (let m = 0; m < merges; m++) {
    const pc = new Map();
    for (const w of list) for (let i = 0; i + 1 < w.s.length; i++) { const k = w.s[i] + "\u0000" + w.s[i + 1]; pc.set(k, (pc.get(k) ?? 0) + w.c); }
    let best = null, bc = 0;
    for (const [k, c] of pc) if (c > bc || (c === bc && k < best)) { best = k; bc = c; }
    if (best === null || bc < 2) break;
    const [a, b] = best.split("\u0000");
    const merged = a + (prefix && b.startsWith(prefix) ? b.slice(prefix.length) : b);
    mergeList.push([a, b]); if (!learnt.includes(merged) && !alphabet.has(merged)) learnt.push(merged);
    for (const w of list) {
      if (w.s.length < 2) continue;
      const out = [];
      for (let i = 0; i < w.s.length; i++) { if (i + 1 < w.s.length && w.s[i] === a && w.s[i + 1] === b) { out.push(merged); i++; } else out.push(w.s[i]); }
      w.s = out;
    }
  }
  return { alphabet: [...alphabet].sort(), learnt, merges: mergeList };
}

const cases = {
  // (a) BERT pipeline, uncased, BertProcessing, vocab 12,000.
  "wp-bert-uncased": {
    json: skeleton({
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: { type: "BertProcessing", sep: ["[SEP]", 3], cls: ["[CLS]", 2] },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: {} },
    }),
    finish(j) { j.model.vocab = finishVocab(j.model.vocab, bertSpecials, 12000); j.added_tokens = bertSpecials.map(added); },
  },
  // (b) cased BertNormalizer, WhitespaceSplit + Punctuation(Isolated), template [CLS] $A [SEP], vocab 6,000, max chars 50.
  "wp-cased-punct": {
    json: skeleton({
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: false },
      pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, { type: "Punctuation", behavior: "Isolated" }] },
      post_processor: {
        type: "TemplateProcessing", single: tp(["[CLS]", "A", "[SEP]"]), pair: [...tp(["[CLS]", "A", "[SEP]"]), { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } }],
        special_tokens: { "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] }, "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] } },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: false },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: {} },
    }),
    finish(j) { j.model.vocab = finishVocab(j.model.vocab, bertSpecials, 6000); j.model.max_input_chars_per_word = 50; j.added_tokens = bertSpecials.map(added); },
  },
  // (c) Unigram with Metaspace prepend_scheme "first", split true.
  "uni-metaspace-first": {
    json: skeleton({
      pre_tokenizer: { type: "Metaspace", replacement: space, prepend_scheme: "first", split: true },
      decoder: { type: "Metaspace", replacement: space, prepend_scheme: "first", split: true },
      model: { type: "Unigram", unk_id: null, vocab: [], byte_fallback: false },
    }),
    finish(j) {
      const sp = ["<unk>", "<s>", "</s>"];
      j.model.vocab = [...sp.map((t) => [t, 0.0]), ...j.model.vocab.filter(([p]) => !sp.includes(p))];
      j.model.unk_id = 0; j.added_tokens = sp.map(added);
    },
  },
  // (d) Unigram, Llama-style normalizer, no pre-tokenizer, byte_fallback with the 256 <0xHH> pieces.
  "uni-llama-bytefallback": {
    json: skeleton({
      normalizer: llamaNormalizer,
      decoder: { type: "Sequence", decoders: [{ type: "Replace", pattern: { String: space }, content: " " }, { type: "ByteFallback" }, { type: "Fuse" }, { type: "Strip", content: " ", start: 1, stop: 0 }] },
      model: { type: "Unigram", unk_id: null, vocab: [], byte_fallback: true },
    }),
    finish(j) {
      const sp = ["<unk>", "<s>", "</s>"];
      j.model.vocab = [...sp.map((t) => [t, 0.0]), ...bytePieces.map((p) => [p, 0.0]), ...j.model.vocab.filter(([p]) => !sp.includes(p) && !bytePieces.includes(p))];
      j.model.unk_id = 0; j.model.byte_fallback = true; j.added_tokens = sp.map(added);
    },
  },
  // (e) WordLevel after Whitespace, [UNK], vocab 20,000.
  "wl-whitespace": {
    json: skeleton({ pre_tokenizer: { type: "Whitespace" }, model: { type: "WordLevel", vocab: {}, unk_token: "[UNK]" } }),
    finish(j) { j.model.vocab = finishVocab(j.model.vocab, ["[UNK]", "[PAD]"], 20000); j.added_tokens = [added("[UNK]", 0), added("[PAD]", 1)]; },
  },
  // (f1) character-level BPE after Whitespace, unk <unk>, vocab cut to 10,000.
  "bpe-char-whitespace": {
    json: skeleton({ pre_tokenizer: { type: "Whitespace" }, model: bpeModel({ unk_token: "<unk>" }) }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, ["<unk>"], 10000);
      j.model.merges = keepMerges(j.model.merges, j.model.vocab); j.model.unk_token = "<unk>"; j.added_tokens = [added("<unk>", 0)];
    },
  },
  // (f2) BPE with end_of_word_suffix "</w>" after WhitespaceSplit (naive trainer), BPEDecoder.
  "bpe-suffix-naive": {
    naive(text) {
      const r = naiveBpe(text.split(/\s+/), (w) => { const c = [...w]; c[c.length - 1] += "</w>"; return c; }, 1500);
      const vocab = Object.fromEntries(["<unk>", ...r.alphabet, ...r.learnt].map((t, i) => [t, i]));
      return skeleton({
        pre_tokenizer: { type: "WhitespaceSplit" }, decoder: { type: "BPEDecoder", suffix: "</w>" },
        model: bpeModel({ unk_token: "<unk>", end_of_word_suffix: "</w>", vocab, merges: r.merges }),
      });
    },
    finish(j) { j.added_tokens = [added("<unk>", 0)]; },
  },
  // (f3) BPE with continuing_subword_prefix "##" after Whitespace (naive trainer), fuse_unk, WordPiece decoder.
  "bpe-prefix-naive": {
    naive(text) {
      const words = text.match(/[\p{L}\p{N}\p{M}_]+|[^\p{L}\p{N}\p{M}_\s]+/gu) ?? [];
      const r = naiveBpe(words, (w) => [...w].map((c, i) => (i ? "##" + c : c)), 1500, "##");
      const vocab = Object.fromEntries(["<unk>", ...r.alphabet, ...r.learnt].map((t, i) => [t, i]));
      return skeleton({
        pre_tokenizer: { type: "Whitespace" }, decoder: { type: "WordPiece", prefix: "##", cleanup: false },
        model: bpeModel({ unk_token: "<unk>", continuing_subword_prefix: "##", fuse_unk: true, vocab, merges: r.merges }),
      });
    },
    finish(j) { j.added_tokens = [added("<unk>", 0)]; },
  },
  // (f4) character BPE with Metaspace (always, split) and byte_fallback + <0xHH> tokens, unk <unk>, vocab 8,000.
  "bpe-metaspace-bytefallback": {
    json: skeleton({
      pre_tokenizer: { type: "Metaspace", replacement: space, prepend_scheme: "always", split: true },
      decoder: { type: "Sequence", decoders: [{ type: "ByteFallback" }, { type: "Metaspace", replacement: space, prepend_scheme: "always", split: true }] },
      model: bpeModel({ unk_token: "<unk>" }),
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, ["<unk>", "<s>", "</s>"], 8000, bytePieces);
      j.model.merges = keepMerges(j.model.merges, j.model.vocab);
      Object.assign(j.model, { unk_token: "<unk>", byte_fallback: true, fuse_unk: true });
      j.added_tokens = ["<unk>", "<s>", "</s>"].map(added);
    },
  },
  // (g) byte-level BPE (add_prefix_space false), full 256-char byte alphabet first, vocab 10,000.
  "bpe-bytelevel": {
    json: skeleton({
      pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      post_processor: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      decoder: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      model: bpeModel(),
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, ["<|endoftext|>"], 10000, byteAlphabet);
      j.model.merges = keepMerges(j.model.merges, j.model.vocab); j.added_tokens = [added("<|endoftext|>", 0)];
    },
  },
  // (g2) byte-level BPE as the default trainer leaves it (only the byte chars seen in training), vocab 5,000:
  // unseen bytes have no token and no unk, so HF drops them.
  "bpe-bytelevel-partial": {
    json: skeleton({
      pre_tokenizer: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      decoder: { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true },
      model: bpeModel(),
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, ["<|endoftext|>"], 5000);
      j.model.merges = keepMerges(j.model.merges, j.model.vocab); j.added_tokens = [added("<|endoftext|>", 0)];
    },
  },
};

const wanted = process.argv.slice(2);
const text = fs.readFileSync(TRAIN, "utf8");
for (const [name, spec] of Object.entries(cases)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const started = Date.now();
  const dir = path.join(ROOT, "models", name);
  fs.mkdirSync(dir, { recursive: true });
  let j;
  if (spec.naive) j = spec.naive(text);
  else {
    const tokenizer = Tokenizer.fromString(JSON.stringify(spec.json));
    tokenizer.train([TRAIN]);
    const raw = path.join(dir, "trained-raw.json");
    tokenizer.save(raw);
    j = JSON.parse(fs.readFileSync(raw, "utf8"));
  }
  spec.finish(j);
  const check = Tokenizer.fromString(JSON.stringify(j));
  const sample = await check.encode("Hello, wörld! 東京 ⅐ <s> [CLS] 12345 ★", null, { addSpecialTokens: true });
  if (sample.getIds().length === 0) throw new Error(`${name}: the sample encodes to nothing`);
  check.save(path.join(dir, "tokenizer.json"), false);
  console.log(`${name}: ${Date.now() - started} ms, vocab ${check.getVocabSize(false)} (with added ${check.getVocabSize(true)}), sample ${JSON.stringify(sample.getTokens())}`);
}

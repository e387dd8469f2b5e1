// Trains the small WordPiece, WordLevel and Unigram tokenizers of Goldens/hf/cases/ with Hugging Face tokenizers
// itself (the official Rust library through its Node binding, npm `tokenizers`, pinned in package.json):
//   cd tests/goldens && node make-hf-model-cases.mjs [CASE...]
//   MAX_DOCS=300 node make-hf-goldens.mjs CASE...        (then the golden hashes)
// Each case is a tokenizer.json skeleton (normalizer, pre-tokenizer, post-processor, decoder and an empty model)
// loaded with Tokenizer.fromString and trained with Tokenizer.train on a fixed slice of the CORPUS folder (see corpus.mjs) (the binding
// trains with each model's default trainer: WordPiece and WordLevel vocab_size 30000, Unigram 8000, no special
// tokens). The script then finishes the model the way a trainer with options would have: the special tokens
// ([UNK], <unk>, ...) first in the vocabulary and in added_tokens, the vocabulary cut to its first VOCAB ids
// (WordPiece and WordLevel number tokens in the order they are learnt, so a prefix is what a smaller vocab_size
// gives), and for byte_fallback the 256 <0xHH> pieces as Llama-style SentencePiece conversions have them. Hugging
// Face must load the result and encode a sample with it, or the script fails; the file written is Hugging Face's own
// serialization of what it loaded (Tokenizer.save, compact).
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

// The training text: English prose, Python, C# and the first lines of a dozen languages (fixed byte slices).
function trainingFile() {
  const parts = [
    ["en-prose.txt", 0, 400_000],
    ["code/python.txt", 0, 60_000],
    ["code/csharp.txt", 0, 40_000],
    ...["de", "fr", "es", "ru", "el", "ar", "he", "hi", "ja", "zh_CN", "ko", "th", "tr", "vi"].map((l) => [`parallel/${l}.txt`, 0, 12_000]),
  ];
  const chunks = parts.map(([file, start, length]) => {
    const bytes = fs.readFileSync(path.join(corpus, file)).subarray(start, start + length);
    const text = bytes.toString("utf8");
    return text.slice(0, text.lastIndexOf("\n") + 1); // whole lines only
  });
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hf-cases-")), "train.txt");
  fs.writeFileSync(file, chunks.join(""));
  return file;
}

const space = "\u2581";
const llamaNormalizer = {
  type: "Sequence",
  normalizers: [{ type: "Prepend", prepend: space }, { type: "Replace", pattern: { String: " " }, content: space }],
};
const added = (content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
const bertSpecials = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
const bytePieces = Array.from({ length: 256 }, (_, b) => `<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`);

function skeleton({ normalizer = null, pre_tokenizer = null, post_processor = null, decoder = null, model }) {
  return { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer, pre_tokenizer, post_processor, decoder, model };
}

// Specials first, then the first `vocab` learnt tokens, renumbered.
function finishVocab(vocab, specials, size) {
  const learnt = Object.entries(vocab).filter(([t]) => !specials.includes(t)).sort((a, b) => a[1] - b[1]).slice(0, size - specials.length);
  return Object.fromEntries([...specials, ...learnt.map(([t]) => t)].map((t, i) => [t, i]));
}

const cases = {
  // WordPiece with only the components main has: whitespace removed, each punctuation character isolated
  // (BertPreTokenizer's effect, written as two regex Splits), no normalizer; short max_input_chars_per_word.
  "wordpiece-split": {
    json: skeleton({
      pre_tokenizer: {
        type: "Sequence",
        pretokenizers: [
          { type: "Split", pattern: { Regex: "\\s+" }, behavior: "Removed", invert: false },
          { type: "Split", pattern: { Regex: "\\p{P}" }, behavior: "Isolated", invert: false },
        ],
      },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: {} },
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, bertSpecials, 6000);
      j.model.max_input_chars_per_word = 24;
      j.added_tokens = bertSpecials.map((t, i) => added(t, i));
    },
  },
  // The BERT pipeline (BertNormalizer, BertPreTokenizer, [CLS] $A [SEP] template, WordPiece decoder), as
  // bert-base-uncased's tokenizer.json has it. Needs the BERT components in Tessera.
  "wordpiece-bert": {
    json: skeleton({
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: "BertPreTokenizer" },
      post_processor: {
        type: "TemplateProcessing",
        single: [{ SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } }],
        pair: [
          { SpecialToken: { id: "[CLS]", type_id: 0 } }, { Sequence: { id: "A", type_id: 0 } }, { SpecialToken: { id: "[SEP]", type_id: 0 } },
          { Sequence: { id: "B", type_id: 1 } }, { SpecialToken: { id: "[SEP]", type_id: 1 } },
        ],
        special_tokens: {
          "[CLS]": { id: "[CLS]", ids: [2], tokens: ["[CLS]"] },
          "[SEP]": { id: "[SEP]", ids: [3], tokens: ["[SEP]"] },
        },
      },
      decoder: { type: "WordPiece", prefix: "##", cleanup: true },
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: {} },
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, bertSpecials, 6000);
      j.added_tokens = bertSpecials.map((t, i) => added(t, i));
    },
  },
  // WordLevel after the same whitespace and punctuation Splits as wordpiece-split.
  "wordlevel-split": {
    json: skeleton({
      pre_tokenizer: {
        type: "Sequence",
        pretokenizers: [
          { type: "Split", pattern: { Regex: "\\s+" }, behavior: "Removed", invert: false },
          { type: "Split", pattern: { Regex: "\\p{P}|\\p{S}" }, behavior: "Isolated", invert: false },
        ],
      },
      model: { type: "WordLevel", vocab: {}, unk_token: "<unk>" },
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, ["<pad>", "<unk>"], 8000);
      j.added_tokens = [added("<pad>", 0), added("<unk>", 1)];
    },
  },
  // WordLevel after HF's Whitespace pre-tokenizer (\w+|[^\w\s]+ with Oniguruma's \w, which counts ½ ¾ ² as word
  // characters and ZWNJ/ZWJ not). Needs Whitespace in Tessera.
  "wordlevel-whitespace": {
    json: skeleton({
      pre_tokenizer: { type: "Whitespace" },
      model: { type: "WordLevel", vocab: {}, unk_token: "<unk>" },
    }),
    finish(j) {
      j.model.vocab = finishVocab(j.model.vocab, ["<pad>", "<unk>"], 8000);
      j.added_tokens = [added("<pad>", 0), added("<unk>", 1)];
    },
  },
  // Unigram on words: the Llama-style ▁ normalizer, then a split before each ▁ (Metaspace's split, written as a
  // Split); <unk>, <s>, </s> as the first pieces (score 0), no byte fallback.
  "unigram-split": {
    json: skeleton({
      normalizer: llamaNormalizer,
      pre_tokenizer: { type: "Split", pattern: { String: space }, behavior: "MergedWithNext", invert: false },
      model: { type: "Unigram", unk_id: null, vocab: [], byte_fallback: false },
    }),
    finish(j) {
      j.model.vocab = [["<unk>", 0.0], ["<s>", 0.0], ["</s>", 0.0], ...j.model.vocab];
      j.model.unk_id = 0;
      j.added_tokens = ["<unk>", "<s>", "</s>"].map((t, i) => added(t, i));
    },
  },
  // Unigram on whole segments, Llama-style (Prepend + Replace normalizer, no pre-tokenizer), with byte_fallback and
  // the 256 byte pieces after <unk>, <s>, </s>.
  "unigram-bytefallback": {
    json: skeleton({
      normalizer: llamaNormalizer,
      model: { type: "Unigram", unk_id: null, vocab: [], byte_fallback: true },
    }),
    finish(j) {
      j.model.vocab = [["<unk>", 0.0], ["<s>", 0.0], ["</s>", 0.0], ...bytePieces.map((p) => [p, 0.0]), ...j.model.vocab];
      j.model.unk_id = 0;
      j.model.byte_fallback = true;
      j.added_tokens = ["<unk>", "<s>", "</s>"].map((t, i) => added(t, i));
    },
  },
  // Unigram with the Metaspace pre-tokenizer and decoder (prepend_scheme always). Needs Metaspace in Tessera.
  "unigram-metaspace": {
    json: skeleton({
      pre_tokenizer: { type: "Metaspace", replacement: space, prepend_scheme: "always", split: true },
      decoder: { type: "Metaspace", replacement: space, prepend_scheme: "always", split: true },
      model: { type: "Unigram", unk_id: null, vocab: [], byte_fallback: false },
    }),
    finish(j) {
      j.model.vocab = [["<unk>", 0.0], ["<s>", 0.0], ["</s>", 0.0], ...j.model.vocab];
      j.model.unk_id = 0;
      j.added_tokens = ["<unk>", "<s>", "</s>"].map((t, i) => added(t, i));
    },
  },
};

const wanted = process.argv.slice(2);
const file = trainingFile();
for (const [name, spec] of Object.entries(cases)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const tokenizer = Tokenizer.fromString(JSON.stringify(spec.json));
  const started = Date.now();
  tokenizer.train([file]);
  const saved = path.join(path.dirname(file), `${name}.json`);
  tokenizer.save(saved);
  const j = JSON.parse(fs.readFileSync(saved, "utf8"));
  spec.finish(j);
  const check = Tokenizer.fromString(JSON.stringify(j)); // Hugging Face must load it...
  const sample = await check.encode("Hello, wörld! 東京 ⅐ <s> [CLS] 12345", null, { addSpecialTokens: true }); // ...and encode with it
  if (sample.getIds().length === 0) throw new Error(`${name}: the sample encodes to nothing`);
  // The committed file is Hugging Face's own serialization (compact), so its numbers are as HF writes them.
  const out = path.join(casesDir, name, "tokenizer.json");
  fs.mkdirSync(path.dirname(out), { recursive: true });
  check.save(out, false);
  console.log(`${name}: trained in ${Date.now() - started} ms, ${check.getVocabSize(false)} tokens, ${fs.statSync(out).size} bytes`);
}

// Writes full Hugging Face Encodings (every field, overflowing parts included) for a set of texts, pairs, batches and
// truncation/padding settings, as Hugging Face tokenizers (Rust, through its Node binding) produces them:
//   cd tests/goldens && node make-hf-encoding-goldens.mjs [CASE...]
// -> Goldens/hf/encodings/CASE.json, one run per line: the settings, how the test applies them ("json": written into
// tokenizer.json's "truncation"/"padding"; "api": through Tokenizer.WithTruncation/WithPadding), add_special_tokens,
// the kind of input, the inputs and the expected encodings (or the error Hugging Face raised).
//
// Overflowing parts: tokenizers 0.23.1+ stops tokenizing a text once it has max_length tokens when truncation is on
// (huggingface/tokenizers #1990), which leaves Encoding.overflowing empty or partial; a known regression (issue
// #2091, fix in PR #2098) that Tessera does not reproduce. So for single texts the expected encoding is computed by
// Hugging Face's own post-processing (Tokenizer.postProcess: truncation, post-processor, padding) on the text encoded
// whole, as 0.22 and the fix do; the main encoding is checked against the plain encode() call, which must agree but
// for word ids under left truncation (the early exit numbers words from the first piece it tokenized) and when
// max_length is below the tokens the post-processor adds (the early exit cuts where 0.22 cuts nothing). Pairs
// are used only where neither text exceeds max_length (there the early exit changes nothing), through encode().
// Batches are padded as encode_batch pads (each encoding, then all to the longest, rounded to pad_to_multiple_of).
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const assets = path.resolve(here, "../../.assets/hf");

const CASES = {
  "bert-wordpiece": { special: "[CLS] first [MASK] second [SEP]" },
  "roberta-bytelevel": { special: "<s>Hello <mask> world</s>" },
  "bytelevel-sequence": { special: "<|begin|>note <|note|> and <|sep|>" },
  "llama-template": { special: "<s> Hello</s> again <unk>" },
  "metaspace-decoder": { special: "a</s><s>b" },
  "no-decoder": { special: "left <sep> right" },
  llama3: { special: "<|begin_of_text|>Hi<|eot_id|>", asset: true },
  mistral7b: { special: "<s>[INST] Hi [/INST]</s>", asset: true },
  gemma3: { special: "<bos><start_of_turn>user\nHi<end_of_turn>", asset: true },
};

const LONG =
  "It was the best of times, it was the worst of times, it was the age of wisdom, it was the age of foolishness, " +
  "it was the epoch of belief, it was the epoch of incredulity, it was the season of Light, it was the season of " +
  "Darkness. Grüße aus Köln — 東京 👋🏽!";
const TEXTS = ["", " ", "Hello world!", "  Hello   world  ", "don't stop, it's 3.14 -- ok?", "Grüße, 世界! ¿Qué tal? 😀👍🏽", "line one\n\tline two\r\nline three", LONG];
const BATCH = ["Hello world!", "", "  Hello   world  ", "Grüße, 世界! ¿Qué tal? 😀👍🏽"];
const PAIRS = [["Hello world!", "How are you?"], ["", "only the second"], ["only the first", ""], ["The quick brown fox", "jumps over the lazy dog, again and again."]];

const pad = (strategy, direction, multiple, id, typeId, token) => ({ strategy, direction, pad_to_multiple_of: multiple, pad_id: id, pad_type_id: typeId, pad_token: token });
const trunc = (max_length, strategy, stride, direction) => ({ direction, max_length, strategy, stride });
const SETTINGS = [
  ["none", null, null],
  ["trunc-right", trunc(16, "LongestFirst", 0, "Right"), null],
  ["trunc-left-stride", trunc(20, "LongestFirst", 4, "Left"), null],
  ["trunc-only-first", trunc(14, "OnlyFirst", 0, "Right"), null],
  ["trunc-only-second", trunc(14, "OnlySecond", 0, "Left"), null],
  ["trunc-zero", trunc(0, "LongestFirst", 0, "Right"), null],
  ["pad-fixed", null, pad({ Fixed: 24 }, "Right", null, 1, 1, "<pad>")],
  ["pad-batch-left", null, pad("BatchLongest", "Left", 8, 0, 0, "[PAD]")],
  ["trunc-pad", trunc(12, "LongestFirst", 2, "Right"), pad("BatchLongest", "Right", 4, 2, 0, "<pad>")],
];

function dump(e) {
  return {
    ids: e.getIds(), type_ids: e.getTypeIds(), tokens: e.getTokens(), offsets: e.getOffsets(),
    special_tokens_mask: e.getSpecialTokensMask(), attention_mask: e.getAttentionMask(),
    word_ids: e.getWordIds().map((w) => w ?? null), sequence_ids: e.getSequenceIds().map((s) => s ?? null),
    n_sequences: e.getNSequences(), overflowing: e.getOverflowing().map(dump),
  };
}

const withSettings = (json, truncation, padding, keepProcessor = true) =>
  Tokenizer.fromString(JSON.stringify({ ...json, truncation, padding, post_processor: keepProcessor ? json.post_processor : null }));

// The early exit also numbers words from the first text piece it tokenized, which differs with left truncation.
const sameMain = (a, b) => JSON.stringify({ ...a, word_ids: [], overflowing: [] }) === JSON.stringify({ ...b, word_ids: [], overflowing: [] });
let renumberedWords = 0;

async function attempt(f) {
  try {
    return { expected: await f(), error: null };
  } catch (e) {
    return { expected: null, error: String(e.message ?? e) };
  }
}

function fixedTo(padding, length) {
  return padding === null ? null : { ...padding, strategy: padding.strategy === "BatchLongest" ? { Fixed: length } : padding.strategy };
}

async function generate(name, json) {
  const raw = withSettings(json, null, null, false);
  const lengthOf = async (text) => (await raw.encode(text, null, { addSpecialTokens: false })).getLength();
  const runs = [];
  for (const [setting, truncation, padding] of SETTINGS) {
    const full = withSettings(json, truncation, padding);
    const noPad = withSettings(json, truncation, null);
    // One text, post-processed by Hugging Face's own post_process on the whole encoding.
    const single = async (tokenizer, text, add) => dump(tokenizer.postProcess(await raw.encode(text, null, { addSpecialTokens: false }), null, add));
    const pairFits = async ([a, b]) => truncation === null || ((await lengthOf(a)) <= truncation.max_length && (await lengthOf(b)) <= truncation.max_length);
    // With max_length below the tokens the post-processor adds, Hugging Face subtracts in unsigned arithmetic and
    // truncates nothing; 0.23's early exit still stops tokenizing at max_length, so encode() is cut there.
    const added = (await noPad.encode("", null, { addSpecialTokens: true })).getLength();
    for (const add of [true, false]) {
      const wraps = add && truncation !== null && truncation.max_length < added;
      const via = add ? "json" : "api";
      const base = { name: setting, truncation, padding, via, add_special_tokens: add };
      for (const text of [...TEXTS, CASES[name].special]) {
        const run = await attempt(async () => [await single(full, text, add)]);
        if (run.expected && !wraps) {
          const direct = dump(await full.encode(text, null, { addSpecialTokens: add }));
          if (!sameMain(direct, run.expected[0])) throw new Error(`${name} ${setting}: encode() and postProcess disagree on ${JSON.stringify(text)}`);
          if (JSON.stringify(direct.word_ids) !== JSON.stringify(run.expected[0].word_ids)) renumberedWords++;
        }
        runs.push({ ...base, kind: "single", inputs: [text], ...run });
      }
      const pairs = [];
      for (const pair of [...PAIRS, [CASES[name].special, "x"]]) if (await pairFits(pair)) pairs.push(pair);
      for (const pair of pairs)
        runs.push({ ...base, kind: "pair", inputs: [pair], ...(await attempt(async () => [dump(await full.encode(pair[0], pair[1], { addSpecialTokens: add }))])) });
      // Batches: every encoding padded alone, then all to the longest (rounded up), as encode_batch does.
      const batch = truncation === null ? BATCH : [...BATCH, LONG];
      runs.push({
        ...base, kind: "batch", inputs: batch, ...(await attempt(async () => {
          const lengths = [];
          for (const text of batch) lengths.push((await single(noPad, text, add)).ids.length);
          const fixed = withSettings(json, truncation, fixedTo(padding, Math.max(...lengths)));
          const out = [];
          for (const text of batch) out.push(await single(fixed, text, add));
          return out;
        })),
      });
      runs.push({
        ...base, kind: "pair-batch", inputs: pairs, ...(await attempt(async () => {
          const lengths = [];
          for (const [a, b] of pairs) lengths.push((await noPad.encode(a, b, { addSpecialTokens: add })).getLength());
          const fixed = withSettings(json, truncation, fixedTo(padding, Math.max(...lengths)));
          const out = [];
          for (const [a, b] of pairs) out.push(dump(await fixed.encode(a, b, { addSpecialTokens: add })));
          return out;
        })),
      });
    }
  }
  return runs;
}

const wanted = process.argv.slice(2);
for (const [name, spec] of Object.entries(CASES)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const file = spec.asset ? path.join(assets, name, "tokenizer.json") : path.join(goldens, "hf", "cases", name, "tokenizer.json");
  if (!fs.existsSync(file)) { console.error(`skip ${name}: ${file} missing`); continue; }
  const runs = await generate(name, JSON.parse(fs.readFileSync(file, "utf8")));
  const header = JSON.stringify({ tokenizer: spec.asset ? `asset:${name}` : `cases/${name}` });
  const out = path.join(goldens, "hf", "encodings", `${name}.jsonl`);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, [header, ...runs.map((r) => JSON.stringify(r))].join("\n") + "\n");
  console.log(`${name}: ${runs.length} runs, ${runs.filter((r) => r.error).length} errors, ${fs.statSync(out).size} bytes; word ids renumbered by the early exit so far: ${renumberedWords}`);
}

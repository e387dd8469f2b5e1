// Writes Goldens/hf/pre-tokenizers.json: what Hugging Face tokenizers' own pre-tokenizers (the Rust library through
// its Node binding, pinned in package.json) make of texts, for every pre-tokenizer configuration below:
//   cd tests/goldens && npm install && node make-hf-pretokenizer-goldens.mjs
// For each configuration (a tokenizer.json "pre_tokenizer" object):
//   written: the object as Hugging Face writes it back (its save());
//   splits: for each of TEXTS, the pieces [normalized text, start, end] (code-point offsets into the text);
//   sweeps: for configurations marked sweep, per block of 65,536 code points (surrogates skipped), three hashes: of the
//           code points in order, of each one after "a", of each one after a space (see sweepTexts);
//   inputs: per Goldens/inputs/NAME.jsonl, one hash per 100 documents, for its first MAX_DOCS (default 300) documents.
// A hash (idsHash of sweep.mjs) covers, for each piece in order: start, end, the piece's code points, then -1; with
// several texts, the pieces of each text are followed by a sentinel piece ("", -1, -1).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";
import { idsHash } from "./sweep.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const maxDocs = Number(process.env.MAX_DOCS ?? 300);

export const TEXTS = [
  "", " ", "   ", "\t\n", "Hello, world!", "  Hello   world  ", "Hey my friend <s>how▁are you",
  "don't stop-believing... (it's 3.14, 42nd & ½ of Ⅻ²)", "a1b22c333d4444", "٣٤ ١٢ ۱۲ ߁ ᛮ ①", "x  \u3000y\u00a0z\u2028w\u0085v\ufeffu",
  "日本語のテキスト、カタカナとひらがなー漢字。Yes", "Ελληνικά кириллица עברית العربية हिन्दी ไทย 한국어", "e\u0301 \u0301a a\u200db 👨‍👩‍👧 🇺🇸",
  "▁already▁marked ▁ ▁▁x", "Straße STRASSE ﬆ ſ K k", "line1\nline2\r\n\nend\n", "a\n", "\n\n", " x \n\n", "tab\tsep\u000bvt\u000cff",
  "__init__ foo_bar $x + y == z; #tag @user ~home `code` ^caret |pipe|", "‘quotes’ “double” «guillemets» — dash – ‐ ‑",
  "𝐀𝐁𝐂 𠀀𠀁 \u{10FFFF} \u{E0001} \u0378 \u2E43 \u{1144B}", "ab", "  a", "a  ", "xxaxx", "aaa", "x",
];

const gpt2 = String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`;
const cl100k = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
const o200k = String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?|[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
// Every multi-character case folding (CaseFolding.txt status F), as a case-insensitive alternation of the folds.
const fullFolds = [...(await import(path.join(path.dirname(require.resolve("@unicode/unicode-9.0.0/package.json")), "Case_Folding/F/code-points.mjs"))).default.values()];
const escape = (s) => s.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
const foldAlternation = [...new Set(fullFolds.map((f) => escape(String.fromCodePoint(...f))))].join("|");
const behaviors = ["Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"];
const split = (pattern, behavior = "Isolated", invert = false) => ({ type: "Split", pattern, behavior, invert });
const byteLevel = (add_prefix_space, use_regex, trim_offsets = true) => ({ type: "ByteLevel", add_prefix_space, trim_offsets, use_regex });

// [name, pre_tokenizer, sweep]
export const CONFIGS = [
  ["bert", { type: "BertPreTokenizer" }, true],
  ["whitespace", { type: "Whitespace" }, true],
  ["whitespace-split", { type: "WhitespaceSplit" }, true],
  ["char-delimiter-split", { type: "CharDelimiterSplit", delimiter: "a" }, false],
  ["char-delimiter-split-astral", { type: "CharDelimiterSplit", delimiter: "𝐁" }, false],
  ["metaspace", { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: true }, true],
  ["metaspace-first", { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: true }, false],
  ["metaspace-never", { type: "Metaspace", replacement: "▁", prepend_scheme: "never", split: true }, false],
  ["metaspace-no-split", { type: "Metaspace", replacement: "▁", prepend_scheme: "always", split: false }, false],
  ["metaspace-first-no-split", { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: false }, false],
  ["metaspace-legacy", { type: "Metaspace", replacement: "▁", str_rep: "▁", add_prefix_space: true }, false],
  ["metaspace-legacy-never", { type: "Metaspace", replacement: "▁", add_prefix_space: false, prepend_scheme: "never" }, false],
  ["metaspace-underscore", { type: "Metaspace", replacement: "_", prepend_scheme: "always", split: true }, false],
  ...behaviors.map((b) => [`punctuation-${b}`, { type: "Punctuation", behavior: b }, b === "Isolated"]),
  ["punctuation-default", { type: "Punctuation" }, false],
  ["digits", { type: "Digits", individual_digits: false }, true],
  ["digits-individual", { type: "Digits", individual_digits: true }, true],
  ["unicode-scripts", { type: "UnicodeScripts" }, true],
  ["fixed-length", { type: "FixedLength" }, false],
  ["fixed-length-1", { type: "FixedLength", length: 1 }, false],
  ["fixed-length-3", { type: "FixedLength", length: 3 }, false],
  ["byte-level", byteLevel(true, true), true],
  ["byte-level-no-prefix", byteLevel(false, true), false],
  ["byte-level-no-regex", byteLevel(true, false, false), false],
  ["byte-level-bytes-only", byteLevel(false, false), false],
  ["byte-level-legacy", { type: "ByteLevel", add_prefix_space: false, trim_offsets: true }, false],
  ...behaviors.flatMap((b) => [false, true].map((inv) => [`split-cl100k-${b}${inv ? "-invert" : ""}`, split({ Regex: cl100k }, b, inv), false])),
  ...behaviors.flatMap((b) => [false, true].map((inv) => [`split-space-${b}${inv ? "-invert" : ""}`, split({ String: " " }, b, inv), false])),
  ...behaviors.flatMap((b) => [false, true].map((inv) => [`split-empty-matches-${b}${inv ? "-invert" : ""}`, split({ Regex: "a*" }, b, inv), false])),
  ["split-o200k", split({ Regex: o200k }, "Removed", true), true],
  ["split-gpt2", split({ Regex: gpt2 }), true],
  ["split-cl100k", split({ Regex: cl100k }), true],
  ["split-word", split({ Regex: String.raw`\w+` }), true],
  ["split-not-word", split({ Regex: String.raw`\W+` }), false],
  ["split-space-class", split({ Regex: String.raw`\s+` }), true],
  ["split-digit-class", split({ Regex: String.raw`\d` }), true],
  ["split-word-boundary", split({ Regex: String.raw`\b` }), false],
  ["split-letters-numbers", split({ Regex: String.raw`\p{L}+|\p{N}+|\p{P}|\p{S}` }), true],
  ["split-ignore-case", split({ Regex: String.raw`(?i)ss|st|k|[a-c]+|ﬀ` }), true],
  ["split-ignore-case-folds", split({ Regex: `(?i)${foldAlternation}` }), true],
  ["split-ignore-case-fold-class", split({ Regex: String.raw`(?i)[ßİﬁ]|(?i:ﬃ)x` }), false],
  ["split-ignore-case-classes", split({ Regex: String.raw`(?i:[ß]|\p{Lu}+)` }), true],
  ["split-anchors", split({ Regex: String.raw`^\s*\w|\w$|\s+$` }), false],
  ["split-line-start", split({ Regex: "^" }), false],
  ["split-line-end", split({ Regex: "$" }), false],
  ["split-text-end", split({ Regex: String.raw`\s*\Z|\A\s*` }), false],
  ["split-dot", split({ Regex: String.raw`a.|(?m:b.)` }), false],
  ["split-empty-regex", split({ Regex: "" }), false],
  ["split-empty-string", split({ String: "" }), false],
  ["split-lookaround", split({ Regex: String.raw`(?<=a)x|x(?=a)|(?<!\s)y` }), false],
  ["split-string-metachars", split({ String: "a.*" }), false],
  ["split-string-repeat", split({ String: "xx" }), false],
  ["sequence-whitespace-split-metaspace", { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, { type: "Metaspace", replacement: "▁", prepend_scheme: "first", split: true }] }, false],
  ["sequence-digits-byte-level", { type: "Sequence", pretokenizers: [{ type: "Digits", individual_digits: true }, byteLevel(false, true)] }, false],
  ["sequence-empty", { type: "Sequence", pretokenizers: [] }, false],
];

const emptyModel = { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] };
function load(config) {
  const json = { version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: config, post_processor: null, decoder: null, model: emptyModel };
  return Tokenizer.fromString(JSON.stringify(json));
}

function written(tokenizer) {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hf-pretokenizer-")), "tokenizer.json");
  tokenizer.save(file);
  const json = JSON.parse(fs.readFileSync(file, "utf8")).pre_tokenizer;
  fs.rmSync(path.dirname(file), { recursive: true });
  return json;
}

export function piecesHash(pieces) {
  const flat = [];
  for (const [piece, [start, end]] of pieces) {
    flat.push(start, end);
    for (const c of piece) flat.push(c.codePointAt(0));
    flat.push(-1);
  }
  return idsHash(flat);
}

// The three kinds of sweep text of block b, each as 16 texts of 4,096 code points (Hugging Face's pre_tokenize_str
// slows down on long texts): the code points in order, each one after "a", each one after a space.
export function sweepTexts(block) {
  const kinds = [[], [], []];
  for (let sub = 0; sub < 16; sub++) {
    const cps = [];
    for (let c = block * 65536 + sub * 4096; c < block * 65536 + (sub + 1) * 4096; c++) if (c < 0xd800 || c > 0xdfff) cps.push(c);
    const text = (list) => list.map((c) => String.fromCodePoint(c)).join("");
    kinds[0].push(text(cps));
    kinds[1].push(text(cps.flatMap((c) => [0x61, c])));
    kinds[2].push(text(cps.flatMap((c) => [0x20, c])));
  }
  return kinds;
}

// The pieces of each text, a sentinel piece ("", -1, -1) after each.
const piecesOfAll = (pt, texts) => texts.flatMap((t) => [...pt.preTokenizeString(t), ["", [-1, -1]]]);

const inputs = fs.readdirSync(path.join(goldens, "inputs")).filter((f) => f.endsWith(".jsonl")).sort();
const documents = Object.fromEntries(inputs.map((f) => [f.replace(/\.jsonl$/, ""),
  fs.readFileSync(path.join(goldens, "inputs", f), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l)).slice(0, maxDocs)]));
const sweeps = [];
for (let block = 0; block < 17; block++) sweeps.push(sweepTexts(block));

const result = { texts: TEXTS, configs: [] };
for (const [name, config, sweep] of CONFIGS) {
  const started = Date.now();
  const tokenizer = load(config);
  const pt = tokenizer.getPreTokenizer();
  const entry = { name, pre_tokenizer: config, written: written(tokenizer), splits: TEXTS.map((t) => pt.preTokenizeString(t).map(([p, [s, e]]) => [p, s, e])) };
  if (sweep) entry.sweeps = sweeps.map((kinds) => kinds.map((texts) => piecesHash(piecesOfAll(pt, texts))).join(" "));
  entry.inputs = Object.fromEntries(Object.entries(documents).map(([input, docs]) => {
    const hashes = [];
    for (let i = 0; i < docs.length; i += 100) hashes.push(piecesHash(piecesOfAll(pt, docs.slice(i, i + 100))));
    return [input, hashes.join(" ")];
  }));
  result.configs.push(entry);
  process.stderr.write(`${name} ${((Date.now() - started) / 1000).toFixed(1)}s\n`);
}
const out = path.join(goldens, "hf", "pre-tokenizers.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 0).replace(/\{"name"/g, '\n{"name"') + "\n");
console.log(`\n${out}: ${CONFIGS.length} configurations`);

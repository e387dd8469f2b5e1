// Writes the conformance cases of the pre-tokenizers: Goldens/hf/cases/pretok-NAME/tokenizer.json, each a small BPE
// trained by Hugging Face tokenizers (its Node binding's trainer, default BpeTrainer) on a mixed sample of the CORPUS folder (see corpus.mjs)
// with that pre-tokenizer, cut to its first 1,500 merges, then given byte fallback (the 256 <0xHH> tokens; for byte-level cases the 256 byte
// characters instead) and two added tokens (a special <|endoftext|>, a non-special <|fim_prefix|>):
//   cd tests/goldens && npm install && node make-hf-pretokenizer-cases.mjs [NAME...]
//   MAX_DOCS=300 node make-hf-goldens.mjs pretok-NAME...
import { buildTrainedCase, withTrainingFile } from "./trained-case.mjs";

const maxMerges = 1500;

const cl100k = String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`;
const metaspace = (prepend_scheme, split = true) => ({ type: "Metaspace", replacement: "▁", prepend_scheme, split });
const split = (pattern, behavior, invert = false) => ({ type: "Split", pattern, behavior, invert });
const byteLevel = (add_prefix_space, use_regex) => ({ type: "ByteLevel", add_prefix_space, trim_offsets: true, use_regex });

// [name, pre_tokenizer, byte-level alphabet instead of <0xHH> tokens]
export const CASES = [
  ["bert", { type: "BertPreTokenizer" }],
  ["whitespace", { type: "Whitespace" }],
  ["whitespace-split", { type: "WhitespaceSplit" }],
  ["char-delimiter-split", { type: "CharDelimiterSplit", delimiter: " " }],
  ["metaspace-always", metaspace("always")],
  ["metaspace-first", metaspace("first")],
  ["metaspace-never", metaspace("never")],
  ["metaspace-first-no-split", metaspace("first", false)],
  ["metaspace-legacy", { type: "Metaspace", replacement: "▁", str_rep: "▁", add_prefix_space: true }],
  ["punctuation-isolated", { type: "Punctuation", behavior: "Isolated" }],
  ["punctuation-removed", { type: "Punctuation", behavior: "Removed" }],
  ["punctuation-merged-previous", { type: "Punctuation", behavior: "MergedWithPrevious" }],
  ["punctuation-merged-next", { type: "Punctuation", behavior: "MergedWithNext" }],
  ["punctuation-contiguous", { type: "Punctuation", behavior: "Contiguous" }],
  ["digits", { type: "Digits", individual_digits: false }],
  ["digits-individual", { type: "Digits", individual_digits: true }],
  ["unicode-scripts", { type: "UnicodeScripts" }],
  ["fixed-length", { type: "FixedLength", length: 4 }],
  ["byte-level", byteLevel(true, true), true],
  ["byte-level-no-regex", byteLevel(false, false), true],
  ["split-isolated", split({ Regex: cl100k }, "Isolated")],
  ["split-removed-invert", split({ Regex: cl100k }, "Removed", true)],
  ["split-removed", split({ Regex: String.raw`\s+` }, "Removed")],
  ["split-merged-previous", split({ String: " " }, "MergedWithPrevious")],
  ["split-merged-next", split({ String: " " }, "MergedWithNext")],
  ["split-contiguous", split({ Regex: String.raw`\p{P}` }, "Contiguous")],
  ["split-contiguous-invert", split({ Regex: String.raw`\p{L}` }, "Contiguous", true)],
  ["split-isolated-invert", split({ Regex: String.raw`\w+` }, "Isolated", true)],
  ["split-empty-matches", split({ Regex: String.raw`\d*` }, "MergedWithNext")],
  ["split-oniguruma", split({ Regex: String.raw`(?i)ss|st|ﬀ|\bk|^\s+|\s+$|\w+|\W` }, "Isolated")],
  ["sequence-t5", { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, metaspace("first")] }],
  ["sequence-llama3", { type: "Sequence", pretokenizers: [split({ Regex: cl100k }, "Isolated"), byteLevel(false, false)] }, true],
];

const addedTokens = (next) => [
    { id: next, content: "<|endoftext|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: true },
    { id: next + 1, content: "<|fim_prefix|>", single_word: false, lstrip: false, rstrip: false, normalized: false, special: false },
  ];

const wanted = process.argv.slice(2);
withTrainingFile((corpusFile) => {
  for (const [name, preTokenizer, byteLevelAlphabet = false] of CASES)
    if (!wanted.length || wanted.includes(name)) buildTrainedCase({ name: `pretok-${name}`, preTokenizer, byteLevelAlphabet, corpusFile, maxMerges, addedTokens });
});

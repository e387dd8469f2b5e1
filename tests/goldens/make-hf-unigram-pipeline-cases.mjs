// Writes the Unigram pipeline cases: the Unigram model of cases/unigram-metaspace under the normalizer and
// pre-tokenizer shapes of real SentencePiece-converted tokenizer.json files, for the lowered Unigram pipeline
// (src/Tessera/Lowering/UnigramLowering.cs) and the general one to be checked against Hugging Face on them:
//   unigram-t5     Sequence[Precompiled (nmt_nfkc), Replace(/ {2,}/, " ")], Sequence[WhitespaceSplit, Metaspace always]
//   unigram-xlmr   Precompiled (nmt_nfkc), Metaspace always
//   unigram-first  no normalizer, Metaspace first, an added non-special token "<sep>" (text after it gets no "▁")
//   unigram-nosplit no normalizer, Metaspace never without split (every text one lattice)
//   unigram-first-strip Sequence[Replace(/ {2,}/, " "), Replace(/\A +| +\z/, "")], Metaspace first (text whose
//                  leading spaces the normalizer removed gets no "▁": it no longer starts at the input's start)
// Each is loaded by Hugging Face tokenizers before it is written. Then: MAX_DOCS=300 node make-hf-goldens.mjs CASE...
//   cd tests/goldens && node make-hf-unigram-pipeline-cases.mjs
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { writeAtomic } from "./hf-cases.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const cases = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../Tessera.Tests/Goldens/hf/cases");
const read = (name) => JSON.parse(fs.readFileSync(path.join(cases, name, "tokenizer.json"), "utf8"));
const base = read("unigram-metaspace");
const nmt = read("precompiled-nmt-nfkc").normalizer;
const metaspace = (scheme, split = true) => ({ type: "Metaspace", replacement: "\u2581", prepend_scheme: scheme, split });
const added = (id, content, special) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special });

const shapes = {
  "unigram-t5": {
    normalizer: { type: "Sequence", normalizers: [nmt, { type: "Replace", pattern: { Regex: " {2,}" }, content: " " }] },
    pre_tokenizer: { type: "Sequence", pretokenizers: [{ type: "WhitespaceSplit" }, metaspace("always")] },
  },
  "unigram-xlmr": { normalizer: nmt, pre_tokenizer: metaspace("always") },
  "unigram-first": { normalizer: null, pre_tokenizer: metaspace("first"), extra: [added(base.model.vocab.length, "<sep>", false)] },
  "unigram-nosplit": { normalizer: null, pre_tokenizer: metaspace("never", false) },
  "unigram-first-strip": {
    normalizer: { type: "Sequence", normalizers: [{ type: "Replace", pattern: { Regex: " {2,}" }, content: " " }, { type: "Replace", pattern: { Regex: "\\A +| +\\z" }, content: "" }] },
    pre_tokenizer: metaspace("first"),
  },
};

for (const [name, shape] of Object.entries(shapes)) {
  const json = { ...base, normalizer: shape.normalizer, pre_tokenizer: shape.pre_tokenizer,
    added_tokens: [...base.added_tokens, ...(shape.extra ?? [])], decoder: { type: "Metaspace", replacement: "\u2581", prepend_scheme: "always", split: true } };
  const text = JSON.stringify(json);
  Tokenizer.fromString(text); // Hugging Face must load it
  fs.mkdirSync(path.join(cases, name), { recursive: true });
  writeAtomic(path.join(cases, name, "tokenizer.json"), text);
  console.error(`wrote ${name}`);
}

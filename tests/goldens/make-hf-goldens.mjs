// Writes golden hashes produced by Hugging Face tokenizers itself (the official Rust library through its Node
// binding, npm `tokenizers`, pinned in package.json):
//   cd tests/goldens && npm install && node make-hf-goldens.mjs [CASE...]
// Cases: every directory Goldens/hf/cases/CASE/ holding a tokenizer.json (small tokenizers made for the tests), and the
// real models fetched by scripts/fetch-test-assets.sh into .assets/hf/MODEL/tokenizer.json (REAL_MODELS below).
// For every case and every inputs/NAME.jsonl it writes Goldens/hf/CASE/NAME.hashes, one line per document:
//   "IDS OFFSETS ALLIDS ALLOFFSETS": idsHash (sweep.mjs) of the ids and of the flattened code-point offsets
//   [s0, e0, s1, e1, ...] of encode(text, addSpecialTokens=false) with special added tokens not matched
//   (split_special_tokens: Tessera's matchSpecialTokens=false), then the same for encode(text, addSpecialTokens=true)
//   with special tokens matched.
// Documents past MAX_DOCS (default 400) of an input are skipped for the small cases, to keep the goldens small.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { idsHash } from "./sweep.mjs";
import { goldenCases, goldenDocuments, goldenInputs, goldens, writeAtomic } from "./hf-cases.mjs";
export { REAL_MODELS } from "./hf-cases.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const maxDocs = Number(process.env.MAX_DOCS ?? 400);

// As split_special_tokens=True: special added tokens never match (renamed to text that cannot occur; removed when the
// model vocabulary has them, so the numbering of the other added tokens is unchanged).
function withoutSpecialMatching(json) {
  const j = JSON.parse(json);
  const vocab = j.model?.vocab;
  const inVocab = (c) => (Array.isArray(vocab) ? vocab.some((e) => e[0] === c) : vocab && Object.hasOwn(vocab, c));
  if (Array.isArray(j.added_tokens))
    j.added_tokens = j.added_tokens
      .filter((t) => !(t.special && inVocab(t.content)))
      .map((t) => (t.special ? { ...t, content: `\uFFFFspecial-${t.id}\uFFFF` } : t));
  return JSON.stringify(j);
}

const wanted = process.argv.slice(2);
const inputs = goldenInputs();

for (const [name, file, limit] of goldenCases(maxDocs)) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (!fs.existsSync(file)) { console.error(`skip ${name}: ${file} missing (run scripts/fetch-test-assets.sh)`); continue; }
  const json = fs.readFileSync(file, "utf8");
  const ordinary = Tokenizer.fromString(withoutSpecialMatching(json));
  const full = Tokenizer.fromString(json);
  for (const input of inputs) {
    const docs = goldenDocuments(input, limit);
    const lines = [];
    for (const doc of docs) {
      const a = await ordinary.encode(doc, null, { addSpecialTokens: false });
      const b = await full.encode(doc, null, { addSpecialTokens: true });
      lines.push([idsHash(a.getIds()), idsHash(a.getOffsets().flat()), idsHash(b.getIds()), idsHash(b.getOffsets().flat())].join(" "));
    }
    writeAtomic(path.join(goldens, "hf", name, input.replace(/\.jsonl$/, ".hashes")), lines.join("\n") + "\n");
  }
  console.log(`${name}: ${inputs.length} inputs`);
}

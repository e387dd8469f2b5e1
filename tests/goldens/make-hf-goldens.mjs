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

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const assets = path.resolve(here, "../../.assets/hf");
export const REAL_MODELS = ["llama3", "qwen3", "gemma3", "gpt4o", "gpt35turbo", "deepseek_v3", "mistral7b", "claude"];
const maxDocs = Number(process.env.MAX_DOCS ?? 400);

function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + ".tmp", text);
  fs.renameSync(file + ".tmp", file);
}

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

const caseDir = path.join(goldens, "hf", "cases");
const small = fs.existsSync(caseDir) ? fs.readdirSync(caseDir).filter((c) => fs.existsSync(path.join(caseDir, c, "tokenizer.json"))) : [];
const all = [...small.map((c) => [c, path.join(caseDir, c, "tokenizer.json"), maxDocs]), ...REAL_MODELS.map((m) => [m, path.join(assets, m, "tokenizer.json"), Infinity])];
const wanted = process.argv.slice(2);
const inputs = fs.readdirSync(path.join(goldens, "inputs")).filter((f) => f.endsWith(".jsonl")).sort();

for (const [name, file, limit] of all) {
  if (wanted.length && !wanted.includes(name)) continue;
  if (!fs.existsSync(file)) { console.error(`skip ${name}: ${file} missing (run scripts/fetch-test-assets.sh)`); continue; }
  const json = fs.readFileSync(file, "utf8");
  const ordinary = Tokenizer.fromString(withoutSpecialMatching(json));
  const full = Tokenizer.fromString(json);
  for (const input of inputs) {
    const docs = fs.readFileSync(path.join(goldens, "inputs", input), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l)).slice(0, limit);
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

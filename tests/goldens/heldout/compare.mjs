// Held-out check of Hugging Face pipelines (not in the repository, trained afresh) against the Tessera CLI. Run from
// tests/goldens after `npm install` there (tokenizers 0.23.2, package.json), in order:
//   CORPUS=/tmp/corpus node heldout/build-data.mjs && node heldout/train.mjs && node heldout/compare.mjs
// HELDOUT (default /tmp/heldout-hf) is the work folder; TESSERA (default the repository's ./tessera) the CLI.
// Compares Hugging Face (Node binding 0.23.2) with the Tessera CLI on /tmp/heldout-hf/test.txt for every
// /tmp/heldout-hf/models/NAME/tokenizer.json:   node compare.mjs [NAME...]
// The binding has no split_special_tokens switch, so two comparisons per model:
//  "filtered": HF with the tokenizer as saved, on test.txt minus the lines holding any added token's text (or <0xHH>);
//  "emulated": HF with added_tokens emptied (what split_special_tokens=True does when every added token is special),
//              on test.txt plus specials.txt (lines built around special-token text), against Tessera --special ordinary.
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");

const ROOT = process.env.HELDOUT ?? "/tmp/heldout-hf";
const TESSERA = process.env.TESSERA ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../../tessera");
const OUT = path.join(ROOT, "out");
fs.mkdirSync(OUT, { recursive: true });
const readLines = (f) => { const t = fs.readFileSync(f, "utf8"); return t.slice(0, -1).split("\n"); };
const testLines = readLines(path.join(ROOT, "test.txt"));

// Lines built around special-token text (for the emulated run only).
const specialTexts = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "<unk>", "<s>", "</s>", "<|endoftext|>", "<0x41>", "<0xE6>", "<0xff>"];
const specialLines = [];
for (const s of specialTexts) specialLines.push(s, `${s}`, `Hello ${s} world`, `x${s}y`, `${s}${s} ${s.toLowerCase()}`, ` ${s} `, `東京${s}東京`, `▁${s}▁`);
specialLines.push("[CLS] Hello, world! [SEP] How are you? [SEP]", "<s> [INST] hi [/INST] </s>", "a<0x41><0x42>b", "<|endoftext|><|endoftext|>");
fs.writeFileSync(path.join(ROOT, "specials.txt"), specialLines.join("\n") + "\n");

async function hfIds(tok, lines, outFile) {
  const out = [];
  for (let i = 0; i < lines.length; i += 2000) {
    const encs = await tok.encodeBatch(lines.slice(i, i + 2000), { addSpecialTokens: false });
    for (const e of encs) out.push(e.getIds().join(" "));
  }
  fs.writeFileSync(outFile, out.join("\n") + "\n");
  return out;
}
function tessera(tokFile, input, outFile) {
  const fd = fs.openSync(outFile, "w");
  execFileSync(TESSERA, ["encode", "--tokenizer", tokFile, "--per-line", "--special", "ordinary", "--input", input], { stdio: ["ignore", fd, "inherit"], maxBuffer: 1 << 30 });
  fs.closeSync(fd);
}
function compare(label, lines, hfFile, teFile) {
  let same = true;
  try { execFileSync("cmp", ["-s", hfFile, teFile]); } catch { same = false; }
  if (same) return { label, lines: lines.length, identical: true };
  const hf = readLines(hfFile), te = readLines(teFile);
  const diffs = []; let count = 0;
  for (let i = 0; i < Math.max(hf.length, te.length); i++)
    if (hf[i] !== te[i]) { count++; if (diffs.length < 5) diffs.push({ line: i + 1, input: lines[i], hf: hf[i], tessera: te[i] }); }
  return { label, lines: lines.length, identical: false, differingLines: count, hfLines: hf.length, tesseraLines: te.length, first: diffs };
}

const wanted = process.argv.slice(2);
const results = {};
for (const name of fs.readdirSync(path.join(ROOT, "models")).sort()) {
  if (wanted.length && !wanted.includes(name)) continue;
  const tokFile = path.join(ROOT, "models", name, "tokenizer.json");
  const json = JSON.parse(fs.readFileSync(tokFile, "utf8"));
  const vocabKeys = Array.isArray(json.model.vocab) ? json.model.vocab.map(([p]) => p) : Object.keys(json.model.vocab);
  const hasBytePieces = vocabKeys.includes("<0x41>");
  const specials = json.added_tokens.map((t) => t.content);
  const r = { vocab: Tokenizer.fromString(JSON.stringify(json)).getVocabSize(true), specials, merges: json.model.merges?.length };

  // filtered
  const bad = (l) => specials.some((s) => l.includes(s)) || (hasBytePieces && /<0x[0-9A-Fa-f]{2}>/.test(l));
  const filtered = testLines.filter((l) => !bad(l));
  r.droppedLines = testLines.length - filtered.length;
  const fIn = path.join(OUT, `${name}.filtered.txt`);
  fs.writeFileSync(fIn, filtered.join("\n") + "\n");
  await hfIds(Tokenizer.fromString(JSON.stringify(json)), filtered, path.join(OUT, `${name}.filtered.hf`));
  tessera(tokFile, fIn, path.join(OUT, `${name}.filtered.tessera`));
  r.filtered = compare("filtered", filtered, path.join(OUT, `${name}.filtered.hf`), path.join(OUT, `${name}.filtered.tessera`));

  // emulated split_special_tokens=True (added_tokens removed on the HF side only)
  const plain = Tokenizer.fromString(JSON.stringify({ ...json, added_tokens: [] }));
  const eLines = [...testLines, ...specialLines];
  const eIn = path.join(OUT, `emulated-input.txt`);
  fs.writeFileSync(eIn, eLines.join("\n") + "\n");
  await hfIds(plain, eLines, path.join(OUT, `${name}.emulated.hf`));
  tessera(tokFile, eIn, path.join(OUT, `${name}.emulated.tessera`));
  r.emulated = compare("emulated", eLines, path.join(OUT, `${name}.emulated.hf`), path.join(OUT, `${name}.emulated.tessera`));
  results[name] = r;
  console.log(name, JSON.stringify(r));
}
fs.writeFileSync(path.join(OUT, "results.json"), JSON.stringify(results, null, 1));

// Writes Goldens/hf-floats.tsv: how Hugging Face tokenizers (Node binding, pinned in package.json) reads a JSON number
// into an f64 and writes it back, for the Unigram scores of tokenizer.json:
//   cd tests/goldens && node make-hf-float-goldens.mjs
// One line per number: "TEXT<TAB>WRITTEN", where WRITTEN is what Tokenizer.save writes for a Unigram piece whose
// score is TEXT in the file it loaded. serde_json reads without float_roundtrip (so a value can come back one unit in
// the last place off) and writes the shortest digits as ryu lays them out, so WRITTEN identifies the f64 HF used.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.resolve(here, "../Tessera.Tests/Goldens/hf-floats.tsv");

const fixed = [
  "0", "-0", "0.0", "-0.0", "1", "-3", "12", "100", "0.1", "0.5", "-1.5", "1e-7", "1.5e-7", "1E-7", "1e+2", "2.5E3",
  "0.0001", "0.00001", "0.000001", "1e16", "1e15", "123456789012345678", "1234567890123456789012345",
  "12345678901234567890.5", "0.12345678901234567890123", "-12.868635970139046", "-7.6135455753496215",
  "-1.3409753164057783", "-7.7063258763329126", "-19.999999999999996", "5e-324", "2.2250738585072014e-308",
  "1.7976931348623157e308", "1e-320", "9007199254740993", "-0.30000000000000004", "3.141592653589793",
  "18446744073709551615", "18446744073709551616", "184467440737095516150", "0.000000000000000000000000000001",
];
// Random 15- to 19-digit scores in the range trained models have (-20, 0).
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const generated = [];
for (let i = 0; i < 400; i++) {
  const digits = 15 + (i % 5);
  let s = String(Math.floor(random() * 20));
  let frac = "";
  while (frac.length < digits - s.length) frac += String(Math.floor(random() * 10));
  generated.push(`-${s}.${frac}`);
}
const texts = [...fixed, ...generated];

const vocab = texts.map((t, i) => `["p${i}",${t}]`).join(",");
const json = `{"version":"1.0","truncation":null,"padding":null,"added_tokens":[],"normalizer":null,"pre_tokenizer":null,"post_processor":null,"decoder":null,"model":{"type":"Unigram","unk_id":0,"vocab":[${vocab}],"byte_fallback":false}}`;
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hf-floats-")), "t.json");
Tokenizer.fromString(json).save(file, false);
const saved = fs.readFileSync(file, "utf8");
const written = [...saved.matchAll(/\["p(\d+)",([^\]]+)\]/g)].map((m) => [Number(m[1]), m[2]]);
if (written.length !== texts.length) throw new Error(`expected ${texts.length} scores, found ${written.length}`);
fs.writeFileSync(out, written.map(([i, w]) => `${texts[i]}\t${w}`).join("\n") + "\n");
console.log(`${written.length} numbers -> ${out}`);

// Writes Goldens/hf-normalizers/NAME.hashes: for each normalizer of normalizer-sweep.mjs, its JSON on the first line,
// then per block of the sweep the idsHash (sweep.mjs) of the ids and of the flattened code-point offsets that Hugging
// Face tokenizers (Rust, Node binding) gives for the sweep document through the carrier tokenizer.
//   cd tests/goldens && node make-hf-normalizer-sweep.mjs [NAME...]
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { idsHash } from "./sweep.mjs";
import { BLOCK, SWEPT, carrier, sweepDocument } from "./normalizer-sweep.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.resolve(here, "../Tessera.Tests/Goldens/hf-normalizers");
const nfd = Tokenizer.fromString(carrier({ type: "NFD" })).getNormalizer();
const decompose = (c) => nfd.normalizeString(c);
const wanted = process.argv.slice(2);
fs.mkdirSync(out, { recursive: true });
for (const [name, normalizer] of Object.entries(SWEPT)) {
  if (wanted.length && !wanted.includes(name)) continue;
  const tokenizer = Tokenizer.fromString(carrier(normalizer));
  const lines = [JSON.stringify(normalizer)];
  for (let block = 0; block < 0x110000 / BLOCK; block++) {
    const e = await tokenizer.encode(sweepDocument(block, decompose), null, { addSpecialTokens: false });
    lines.push(idsHash(e.getIds()) + " " + idsHash(e.getOffsets().flat()));
  }
  const file = path.join(out, name + ".hashes");
  fs.writeFileSync(file + ".tmp", lines.join("\n") + "\n");
  fs.renameSync(file + ".tmp", file);
  console.log(`${name}: ${lines.length - 1} blocks`);
}

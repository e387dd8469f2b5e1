// Writes the training goldens' corpus split: the documents of prose-en, code, multilingual and lines (Goldens/inputs),
// each followed by a line feed, every tenth into heldout.txt and the rest into train.txt:
//   node training-split.mjs INPUTS_FOLDER OUT_FOLDER
import fs from "node:fs";

const [inputs, out] = process.argv.slice(2);
const docs = [];
for (const part of ["prose-en", "code", "multilingual", "lines"])
  for (const line of fs.readFileSync(`${inputs}/${part}.jsonl`, "utf8").split("\n")) if (line.length) docs.push(JSON.parse(line));
fs.writeFileSync(`${out}/train.txt`, docs.filter((_, i) => i % 10 !== 9).map((d) => d + "\n").join(""));
fs.writeFileSync(`${out}/heldout.txt`, docs.filter((_, i) => i % 10 === 9).map((d) => d + "\n").join(""));

// Prints Hugging Face tokenizers' ids for every line of a file with a tokenizer.json, one line of space-separated ids
// per line (the line feed is not part of a line; a last line without one is a line too), without the post-processor's
// special tokens: the reference side of scripts/check-train-forms.sh.
//   node hf-ids-per-line.mjs TOKENIZER.json FILE
import { Tokenizer } from "tokenizers";
import fs from "node:fs";

const [path, file] = process.argv.slice(2);
if (!path || !file) {
  console.error("usage: node hf-ids-per-line.mjs TOKENIZER.json FILE");
  process.exit(2);
}
const tokenizer = Tokenizer.fromFile(path);
const lines = fs.readFileSync(file, "utf8").split("\n");
if (lines.length && lines[lines.length - 1] === "") lines.pop();
const out = fs.openSync("/dev/stdout", "w");
let chunk = [];
for (const line of lines) {
  const encoding = await tokenizer.encode(line, null, { addSpecialTokens: false });
  chunk.push(encoding.getIds().join(" "));
  if (chunk.length === 4096) {
    fs.writeSync(out, chunk.join("\n") + "\n");
    chunk = [];
  }
}
if (chunk.length) fs.writeSync(out, chunk.join("\n") + "\n");

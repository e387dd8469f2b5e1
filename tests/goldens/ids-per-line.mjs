// Prints tiktoken's ids for every line of a file, one line of space-separated ids per line (the line feed is not part
// of a document, a carriage return is; a last line without a line feed is a document too), special-token text
// encoded as ordinary text: the reference side of scripts/check-parity.sh.
//   node ids-per-line.mjs ENCODING FILE
import { get_encoding } from "tiktoken";
import fs from "node:fs";

const [encoding, file] = process.argv.slice(2);
if (!encoding || !file) {
  console.error("usage: node ids-per-line.mjs ENCODING FILE");
  process.exit(2);
}
const lines = fs.readFileSync(file, "utf8").split("\n");
if (lines.length && lines[lines.length - 1] === "") lines.pop();
const enc = get_encoding(encoding);
const out = fs.openSync("/dev/stdout", "w");
let chunk = [];
for (const line of lines) {
  chunk.push(Array.from(enc.encode_ordinary(line)).join(" "));
  if (chunk.length === 4096) {
    fs.writeSync(out, chunk.join("\n") + "\n");
    chunk = [];
  }
}
if (chunk.length) fs.writeSync(out, chunk.join("\n") + "\n");
enc.free();

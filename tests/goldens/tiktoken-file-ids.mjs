// Prints tiktoken's ids for every line of a file with an encoding given as a .tiktoken file and its settings file
// (FILE.tiktoken.json: pat_str, special_tokens, as `tessera train --output FILE.tiktoken` writes them), one line of
// space-separated ids per line, special-token text encoded as ordinary text:
//   node tiktoken-file-ids.mjs FILE.tiktoken TEXT
import { Tiktoken } from "tiktoken";
import fs from "node:fs";

const [ranks, file] = process.argv.slice(2);
if (!ranks || !file) {
  console.error("usage: node tiktoken-file-ids.mjs FILE.tiktoken TEXT");
  process.exit(2);
}
const settings = JSON.parse(fs.readFileSync(ranks + ".json", "utf8"));
const enc = new Tiktoken(fs.readFileSync(ranks, "utf8"), settings.special_tokens, settings.pat_str);
const lines = fs.readFileSync(file, "utf8").split("\n");
if (lines.length && lines[lines.length - 1] === "") lines.pop();
const out = [];
for (const line of lines) out.push(Array.from(enc.encode_ordinary(line)).join(" "));
fs.writeFileSync("/dev/stdout", out.join("\n") + "\n");

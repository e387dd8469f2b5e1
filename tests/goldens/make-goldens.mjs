// Writes golden ids produced by tiktoken itself (WASM build of OpenAI's Rust core, pinned in package.json):
//   cd tests/goldens && npm install && node make-goldens.mjs
// For every inputs/NAME.jsonl (one JSON string per line = one document) and every encoding:
//   tiktoken/ENCODING/NAME.ids          ids of encode_ordinary, one line of space-separated ids per document
//   tiktoken/ENCODING/NAME.special.ids  ids of encode(text, "all") for inputs whose name starts with "special"
// and tiktoken/ENCODING/sweep.hashes: one idsHash per code-point block (see sweep.mjs); and
// tiktoken/ENCODING/joined.hash: the idsHash of one large document, every document of every input (inputs in name
// order) joined by "\n": about 4 MB, for the paths only large texts take.
// For the general (regex) path: every pattern of custom-patterns.json with cl100k_base's ranks, one idsHash per
// document of every input in tiktoken/custom/PATTERN-INDEX/NAME.hashes (CUSTOM_ONLY=1 writes only these).
import { get_encoding, Tiktoken } from "tiktoken";
import fs from "node:fs";
import path from "node:path";
import { BLOCK, sweepDocument, idsHash } from "./sweep.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../Tessera.Tests/Goldens");
const encodings = ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"];
const inputs = fs.readdirSync(path.join(root, "inputs")).filter((f) => f.endsWith(".jsonl")).sort();

function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + ".tmp", text);
  fs.renameSync(file + ".tmp", file);
}

function readDocuments(input) {
  return fs.readFileSync(path.join(root, "inputs", input), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l));
}

const cl100k = JSON.parse(fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), "node_modules/tiktoken/encoders/cl100k_base.json"), "utf8"));
const patterns = JSON.parse(fs.readFileSync(path.join(root, "custom-patterns.json"), "utf8"));
patterns.forEach((pattern, index) => {
  const enc = new Tiktoken(cl100k.bpe_ranks, {}, pattern);
  for (const input of inputs) {
    const hashes = readDocuments(input).map((d) => idsHash(enc.encode_ordinary(d)));
    writeAtomic(path.join(root, "tiktoken", "custom", "pattern-" + index, input.replace(/\.jsonl$/, ".hashes")), hashes.join("\n") + "\n");
  }
  console.log("custom pattern", index, pattern);
  enc.free();
});

for (const name of process.env.CUSTOM_ONLY ? [] : encodings) {
  const enc = get_encoding(name);
  for (const input of inputs) {
    const docs = readDocuments(input);
    const base = input.replace(/\.jsonl$/, "");
    writeAtomic(path.join(root, "tiktoken", name, base + ".ids"), docs.map((d) => Array.from(enc.encode_ordinary(d)).join(" ")).join("\n") + "\n");
    if (base.startsWith("special"))
      writeAtomic(path.join(root, "tiktoken", name, base + ".special.ids"), docs.map((d) => Array.from(enc.encode(d, "all")).join(" ")).join("\n") + "\n");
    console.log(name, input, docs.length, "documents");
  }
  const joined = inputs.flatMap(readDocuments).join("\n");
  writeAtomic(path.join(root, "tiktoken", name, "joined.hash"), idsHash(enc.encode_ordinary(joined)) + "\n");
  console.log(name, "joined", joined.length, "UTF-16 units");
  const hashes = [];
  for (let block = 0; block < 0x110000 / BLOCK; block++) hashes.push(idsHash(enc.encode_ordinary(sweepDocument(block))));
  writeAtomic(path.join(root, "tiktoken", name, "sweep.hashes"), hashes.join("\n") + "\n");
  console.log(name, "sweep", hashes.length, "blocks");
  enc.free();
}

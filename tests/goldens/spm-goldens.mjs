// Golden outputs of SentencePiece itself (spm_encode / spm_decode, Debian sentencepiece 0.1.97) for one .model.
//   node spm-goldens.mjs MODEL.model OUT_DIR
// Writes, in OUT_DIR:
//   INPUT.hashes for every Goldens/inputs/INPUT.jsonl, one line per document: "IDS DECODED".
//     spm_encode reads one sentence per line, so a document is split at "\n" into lines (a "\r" stays in its line),
//     the lines are encoded one by one, and IDS is idsHash (sweep.mjs) of the ids of all its lines concatenated.
//     DECODED is idsHash of the bytes spm_decode gives for those ids, line by line, the lines joined by "\n".
//   raw-lines.ids: the ids of every line of Goldens/spm/raw-lines.bin (malformed UTF-8, NUL, controls), one line each.
//   long-line.hash: idsHash of the ids of Goldens/spm/long-line.txt, one line of about 150 KB.
//   raw-lines.normalized: what spm_normalize --use_internal_normalization (the model's normalizer spec alone, without
//     its user-defined symbols) gives for every line of raw-lines.bin.
//   decode.ids + decode.hashes: random id sequences (byte, control, unknown and "▁" pieces favoured) and idsHash of
//     the bytes spm_decode gives for each.
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { idsHash } from "./sweep.mjs";

const here = path.dirname(new URL(import.meta.url).pathname);
const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const [model, outDir] = process.argv.slice(2);
fs.mkdirSync(outDir, { recursive: true });

function run(tool, args, input) {
  const result = spawnSync(tool, args, { input, maxBuffer: 1 << 30 });
  if (result.status !== 0) throw new Error(`${tool} ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout;
}

// Splits a buffer at "\n" (a final "\n" ends the last line).
function lines(buffer) {
  const out = [];
  let start = 0;
  for (let i = 0; i < buffer.length; i++) {
    if (buffer[i] === 0x0a) {
      out.push(buffer.subarray(start, i));
      start = i + 1;
    }
  }
  if (start < buffer.length) out.push(buffer.subarray(start));
  return out;
}

const parseIds = (line) => (line.length === 0 ? [] : line.toString("latin1").split(" ").map(Number));

function encodeLines(lineBuffers) {
  const input = Buffer.concat(lineBuffers.flatMap((l) => [l, Buffer.from("\n")]));
  const ids = lines(run("spm_encode", [`--model=${model}`, "--output_format=id"], input));
  if (ids.length !== lineBuffers.length) throw new Error(`${model}: ${lineBuffers.length} lines in, ${ids.length} out`);
  return ids;
}

function decodeLines(idLines) {
  const input = Buffer.concat(idLines.flatMap((l) => [l, Buffer.from("\n")]));
  const text = lines(run("spm_decode", [`--model=${model}`, "--input_format=id"], input));
  if (text.length !== idLines.length) throw new Error(`${model}: ${idLines.length} id lines in, ${text.length} decoded`);
  return text;
}

const inputs = fs.readdirSync(path.join(goldens, "inputs")).filter((f) => f.endsWith(".jsonl")).sort();
for (const input of inputs) {
  const docs = fs.readFileSync(path.join(goldens, "inputs", input), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l));
  const docLines = docs.map((doc) => doc.split("\n").map((l) => Buffer.from(l, "utf8")));
  const ids = encodeLines(docLines.flat());
  const decoded = decodeLines(ids);
  const out = [];
  let at = 0;
  for (const parts of docLines) {
    const docIds = ids.slice(at, at + parts.length).flatMap(parseIds);
    const docText = Buffer.concat(decoded.slice(at, at + parts.length).flatMap((t, i) => (i > 0 ? [Buffer.from("\n"), t] : [t])));
    out.push(`${idsHash(docIds)} ${idsHash([...docText])}`);
    at += parts.length;
  }
  fs.writeFileSync(path.join(outDir, input.replace(/\.jsonl$/, ".hashes")), out.join("\n") + "\n");
}

// Raw lines: ids kept as they are (small), to show the exact failure when one differs.
const raw = lines(fs.readFileSync(path.join(goldens, "spm", "raw-lines.bin")));
fs.writeFileSync(path.join(outDir, "raw-lines.ids"), encodeLines(raw).map((l) => l.toString("latin1")).join("\n") + "\n");

const longLine = encodeLines([fs.readFileSync(path.join(goldens, "spm", "long-line.txt"))])[0];
fs.writeFileSync(path.join(outDir, "long-line.hash"), idsHash(parseIds(longLine)) + "\n");

const normalized = run("spm_normalize", [`--model=${model}`, "--use_internal_normalization"], Buffer.concat(raw.flatMap((l) => [l, Buffer.from("\n")])));
fs.writeFileSync(path.join(outDir, "raw-lines.normalized"), normalized);

// Random id sequences (a fixed-seed generator, so the file is reproducible).
const vocab = lines(run("spm_export_vocab", [`--model=${model}`], Buffer.alloc(0))).map((l) => l.toString("utf8").split("\t")[0]);
// A decoded "\n" would split spm_decode's output line: the byte piece <0x0A> (and any piece holding "\n") is left out.
const usable = vocab.map((p, id) => [p, id]).filter(([p]) => p !== "<0x0A>" && !p.includes("\n"));
const favoured = usable.filter(([p]) => /^<.*>$/.test(p) || p.startsWith("\u2581")).map(([, id]) => id);
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const sequences = [];
for (let i = 0; i < 400; i++) {
  const n = 1 + Math.floor(random() * 10);
  const seq = [];
  for (let k = 0; k < n; k++)
    seq.push(random() < 0.5 && favoured.length > 0 ? favoured[Math.floor(random() * favoured.length)] : usable[Math.floor(random() * usable.length)][1]);
  sequences.push(seq.join(" "));
}
const decodedRandom = decodeLines(sequences.map((s) => Buffer.from(s)));
fs.writeFileSync(path.join(outDir, "decode.ids"), sequences.join("\n") + "\n");
fs.writeFileSync(path.join(outDir, "decode.hashes"), decodedRandom.map((t) => idsHash([...t])).join("\n") + "\n");
console.log(`${path.basename(model)}: ${inputs.length} inputs, raw lines, ${sequences.length} decode sequences`);

// Writes golden hashes of Hugging Face tokenizers' decoding (the Rust library through its Node binding):
//   cd tests/goldens && node make-hf-decode-goldens.mjs [CASE...]
// Cases: as make-hf-goldens.mjs (Goldens/hf/cases/CASE/tokenizer.json and the real models in .assets/hf).
// For every case it writes Goldens/hf/CASE/decode/NAME.hashes, one line per document of inputs/NAME.jsonl (the first
// MAX_DOCS, default 300, for the small cases; the first STREAM_DOCS, default 60, also stream-decoded, over their first
// STREAM_IDS ids, default 256):
//   "IDS SKIP KEEP [STREAMSKIP STREAMKEEP]"
// where IDS is idsHash of the ids of encode(document, addSpecialTokens=true) with special tokens matched (the test
// decodes only when its own ids agree), SKIP and KEEP hash the UTF-8 bytes of decode(ids, true) and decode(ids, false),
// and the STREAM hashes cover what a DecodeStream returns for the ids fed one at a time (see streamHash).
// It also writes Goldens/hf/CASE/decode/random.hashes: RANDOM (default 300) id sequences drawn by randomIds (mirrored
// in the C# test), out-of-vocabulary ids and repeats included, each "SKIP KEEP STREAMSKIP STREAMKEEP".
//
// The Node binding has no DecodeStream, so streamDecode below is Hugging Face's step_decode_stream
// (tokenizers/src/tokenizer/mod.rs) written over the binding's decode(): the same algorithm on the reference decoder.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { idsHash } from "./sweep.mjs";
import { goldenCases, goldenDocuments, goldenInputs, goldens, writeAtomic } from "./hf-cases.mjs";

const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const maxDocs = Number(process.env.MAX_DOCS ?? 300);
const streamDocs = Number(process.env.STREAM_DOCS ?? 60);
const streamIds = Number(process.env.STREAM_IDS ?? 256);
const randomCount = Number(process.env.RANDOM ?? 300);

const utf8 = (text) => [...Buffer.from(text, "utf8")];
export const textHash = (text) => idsHash(utf8(text));

// The chunks a stream returned, as one hash: a null step is -1, a chunk its UTF-8 bytes then -2, an error -3 (the
// stream stops there).
export function streamHash(chunks) {
  const flat = [];
  for (const chunk of chunks) {
    if (chunk === null) flat.push(-1);
    else if (chunk === false) flat.push(-3);
    else flat.push(...utf8(chunk), -2);
  }
  return idsHash(flat);
}

// Hugging Face's DecodeStream::step for each id in turn.
export async function streamDecode(tokenizer, ids, skip) {
  let window = [], prefix = "", prefixIndex = 0;
  const chunks = [];
  for (const id of ids) {
    if (prefix.length === 0 && window.length > 0) {
      const primed = await tokenizer.decode(window, skip);
      if (!primed.endsWith("\uFFFD")) { prefix = primed; prefixIndex = window.length; }
    }
    window.push(id);
    const text = await tokenizer.decode(window, skip);
    if (Buffer.byteLength(text) > Buffer.byteLength(prefix) && !text.endsWith("\uFFFD")) {
      if (!text.startsWith(prefix)) { chunks.push(false); break; }
      chunks.push(text.slice(prefix.length));
      const nextIndex = window.length - prefixIndex;
      window = window.slice(prefixIndex);
      prefix = await tokenizer.decode(window, skip);
      prefixIndex = nextIndex;
    } else {
      chunks.push(null);
    }
  }
  return chunks;
}

// xorshift32 from the sequence number: a length of 1 to 48, ids below vocabularySize + 8 (a few unknown), and one id
// in four a repeat of the previous one (CTC collapses repeats).
export function randomIds(sequence, vocabularySize) {
  let x = (sequence + 1) * 0x9e3779b1 >>> 0 || 1;
  const next = () => { x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0; return x; };
  const length = 1 + (next() % 48);
  const ids = [];
  for (let i = 0; i < length; i++)
    ids.push(i > 0 && next() % 4 === 0 ? ids[i - 1] : next() % (vocabularySize + 8));
  return ids;
}

async function decodeLine(tokenizer, ids, stream) {
  const fields = [textHash(await tokenizer.decode(ids, true)), textHash(await tokenizer.decode(ids, false))];
  const head = ids.slice(0, streamIds);
  if (stream) fields.push(streamHash(await streamDecode(tokenizer, head, true)), streamHash(await streamDecode(tokenizer, head, false)));
  return fields;
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const wanted = process.argv.slice(2);
  const inputs = goldenInputs();
  for (const [name, file, limit] of goldenCases(maxDocs)) {
    if (wanted.length && !wanted.includes(name)) continue;
    if (!fs.existsSync(file)) { console.error(`skip ${name}: ${file} missing (run scripts/fetch-test-assets.sh)`); continue; }
    const tokenizer = Tokenizer.fromFile(file);
    for (const input of inputs) {
      const docs = goldenDocuments(input, limit);
      const lines = [];
      for (let i = 0; i < docs.length; i++) {
        const ids = (await tokenizer.encode(docs[i], null, { addSpecialTokens: true })).getIds();
        lines.push([idsHash(ids), ...(await decodeLine(tokenizer, ids, i < streamDocs))].join(" "));
      }
      writeAtomic(path.join(goldens, "hf", name, "decode", input.replace(/\.jsonl$/, ".hashes")), lines.join("\n") + "\n");
    }
    const size = tokenizer.getVocabSize(true);
    const lines = [];
    for (let s = 0; s < randomCount; s++) lines.push((await decodeLine(tokenizer, randomIds(s, size), true)).join(" "));
    writeAtomic(path.join(goldens, "hf", name, "decode", "random.hashes"), `${size}\n${lines.join("\n")}\n`);
    console.log(`${name}: ${inputs.length} inputs and ${randomCount} random sequences`);
  }
}

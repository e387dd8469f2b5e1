// Held-out check of Hugging Face pipelines (not in the repository, trained afresh) against the Tessera CLI. Run from
// tests/goldens after `npm install` there (tokenizers 0.23.2, package.json), in order:
//   CORPUS=/tmp/corpus node heldout/build-data.mjs && node heldout/train.mjs && node heldout/compare.mjs
// HELDOUT (default /tmp/heldout-hf) is the work folder; TESSERA (default the repository's ./tessera) the CLI.
// Builds /tmp/heldout-hf/train.txt (training text) and /tmp/heldout-hf/test.txt (held-out test text).
//   node build-data.mjs
import fs from "node:fs";
import path from "node:path";
const C = process.env.CORPUS ?? "/tmp/corpus", OUT = process.env.HELDOUT ?? "/tmp/heldout-hf";
fs.mkdirSync(OUT, { recursive: true });
const dec = new TextDecoder("utf-8", { fatal: true });

// Whole lines of a byte slice [start, start+length): drop a partial first line (if start > 0) and the partial last line.
function byteSlice(file, start, length) {
  const full = path.join(C, file);
  if (!fs.existsSync(full)) { console.log(`skip missing ${file}`); return ""; }
  const fd = fs.openSync(full, "r"); const buf = Buffer.alloc(length);
  const n = fs.readSync(fd, buf, 0, length, start); fs.closeSync(fd);
  let b = buf.subarray(0, n);
  if (start > 0) b = b.subarray(b.indexOf(10) + 1);
  b = b.subarray(0, b.lastIndexOf(10) + 1);
  return goodLines(b).map((l) => l + "\n").join("");
}
// Split a buffer on \n; keep lines that are valid UTF-8 and have no \r.
let dropped = 0;
function goodLines(buf, keepLast = false) {
  const out = []; let s = 0;
  for (;;) {
    const e = buf.indexOf(10, s);
    if (e < 0) { if (keepLast && s < buf.length) push(buf.subarray(s)); break; }
    push(buf.subarray(s, e)); s = e + 1;
  }
  function push(b) { try { const t = dec.decode(b); if (t.includes("\r")) { dropped++; return; } out.push(t); } catch { dropped++; } }
  return out;
}
function linesOf(file) { return goodLinesRaw(fs.readFileSync(path.join(C, file))); }
// For line-numbered selection: split first (numbering over all lines), validity checked later.
function goodLinesRaw(buf) { const out = []; let s = 0; for (;;) { const e = buf.indexOf(10, s); if (e < 0) { if (s < buf.length) out.push(buf.subarray(s)); break; } out.push(buf.subarray(s, e)); s = e + 1; } return out; }

// ---- training file
const trainLangs = ["pt_BR", "pl", "uk", "fa", "ta", "ko", "th", "id", "fi", "hu", "sr", "ja", "zh_CN"];
const train = [
  byteSlice("en-prose.txt", 5_000_000, 600_000),
  byteSlice("code/javascript.txt", 0, 80_000),
  byteSlice("code/c.txt", 0, 60_000),
  ...trainLangs.map((l) => byteSlice(`parallel/${l}.txt`, 0, 15_000)),
].join("");
fs.writeFileSync(path.join(OUT, "train.txt"), train);
console.log(`train.txt: ${Buffer.byteLength(train)} bytes, ${train.split("\n").length - 1} lines (dropped ${dropped})`);

// ---- test file
dropped = 0;
const picked = []; const recipe = [];
function take(file, from, count) {
  const all = linesOf(file); const sel = all.slice(from, from + count);
  recipe.push(`${file}: lines ${from + 1}..${from + sel.length} (1-based)`);
  picked.push(...sel);
}
take("en-prose.txt", 300_000, 20_000);
for (const f of ["code/python.txt", "code/c.txt"]) { const n = linesOf(f).length; take(f, Math.floor(n / 2) - 2500, 5000); }
const testLangs = ["de", "fr", "es", "ru", "el", "ar", "he", "hi", "ja", "zh_CN", "ko", "th", "tr", "vi", "pt_BR", "pl", "uk", "fa", "ta", "fi"];
for (const l of testLangs) take(`parallel/${l}.txt`, 2000, 2000);
{ const all = linesOf("unicode-edge.txt"); recipe.push(`unicode-edge.txt: all ${all.length} lines`); picked.push(...all); }
const good = [];
for (const b of picked) { try { const t = dec.decode(b); if (t.includes("\r")) { dropped++; continue; } good.push(t); } catch { dropped++; } }
fs.writeFileSync(path.join(OUT, "test.txt"), good.join("\n") + "\n");
console.log(recipe.join("\n"));
console.log(`test.txt: ${good.length} lines kept, ${dropped} dropped (invalid UTF-8 or \\r)`);

// Measures Tessera and Hugging Face tokenizers (Rust, through its Node binding) on the same text in one run, for
// tokenizer.json files, and writes docs/benchmarks-huggingface.md.
//   node scripts/bench-hf.mjs --anchors ANCHORS_DIR --file FILE [--models llama3,qwen3,...] [--repeat 3] [--out FILE]
// ANCHORS_DIR is a set-up copy of the reference drivers (the shared anchors folder of the Tessera workplace, after its
// setup.sh). Models are the real tokenizer.json files fetched by scripts/fetch-test-assets.sh into .assets/hf, or names
// of conformance cases in tests/Tessera.Tests/Goldens/hf/cases (the Unigram pipelines: unigram-xlmr, unigram-t5, ...).
// Both sides: single thread, ids only, special tokens as text, nothing added by the post-processor; load in a fresh
// process; a cold first pass over the lines, then the best of `repeat` warm passes; the whole file as one string.
// Each side runs in its own process, Tessera's three times and Hugging Face's once per model (median for Tessera).
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const anchors = opt("--anchors");
const file = opt("--file");
const repeat = opt("--repeat", "3");
const models = opt("--models", "llama3,qwen3,gpt4o,deepseek_v3,mistral7b,gemma3,unigram-xlmr,unigram-t5,unigram-metaspace").split(",");
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const out = path.resolve(opt("--out", path.join(root, "docs", "benchmarks-huggingface.md")));
if (!anchors || !file) {
  console.error("usage: node scripts/bench-hf.mjs --anchors ANCHORS_DIR --file FILE [--models a,b] [--repeat 3] [--out FILE]");
  process.exit(2);
}
const run = (cmd, argv, opts = {}) => execFileSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 30, ...opts });
run("dotnet", ["build", "-c", "Release", path.join(root, "bench/Tessera.Benchmarks")], { stdio: ["ignore", "ignore", "inherit"] });
const benchDll = path.join(root, "bench/Tessera.Benchmarks/bin/Release/net10.0/Tessera.Benchmarks.dll");
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const mb = fs.statSync(file).size / 1e6;

const rows = [];
for (const model of models) {
  // A real model fetched into .assets/hf, else a small tokenizer of the conformance cases (the Unigram pipelines).
  const real = path.join(root, ".assets", "hf", model, "tokenizer.json");
  const tokenizer = fs.existsSync(real) ? real : path.join(root, "tests", "Tessera.Tests", "Goldens", "hf", "cases", model, "tokenizer.json");
  console.error(`${model}: hugging face ...`);
  const hf = spawnSync("node", [path.join(anchors, "encode.mjs"), "--impl", "hf", "--encoding", tokenizer, "--bench", file, "--repeat", repeat, "--threads", "1"],
    { encoding: "utf8", maxBuffer: 1 << 30, env: { ...process.env, RAYON_NUM_THREADS: "1" } });
  if (hf.status !== 0) { console.error(hf.stderr.slice(0, 400)); continue; }
  const h = JSON.parse(hf.stdout);
  console.error(`${model}: tessera ...`);
  // A cache folder of this model's own: the first process reads the file never seen (and keeps the model's image,
  // for a file of 1 MB or more), the next two load from that image, as every later load does.
  const cache = fs.mkdtempSync(path.join(process.env.TMPDIR || "/tmp", "tessera-bench-cache-"));
  const t = [0, 1, 2].map(() => JSON.parse(run("dotnet", [benchDll, "compare-hf", file, "--tokenizer", tokenizer, "--repeat", repeat, "--json"],
    { env: { ...process.env, TESSERA_CACHE_DIR: cache } }).trim().split("\n").pop()));
  fs.rmSync(cache, { recursive: true, force: true });
  const tm = (k) => median(t.map((r) => r[k]));
  // Hugging Face's load alone: Tokenizer.fromFile and a first encode in a fresh process (the bench above builds its
  // tokenizer from a rewritten JSON string, which would count JavaScript's JSON work against it).
  const loadScript = `const { Tokenizer } = require(${JSON.stringify(path.join(anchors, "node_modules", "tokenizers"))});
    const t0 = performance.now(); const tk = Tokenizer.fromFile(${JSON.stringify(tokenizer)});
    tk.encode("warm up the first call", null, { addSpecialTokens: false }).then(() => console.log(performance.now() - t0));`;
  const hfLoad = median([0, 1, 2].map(() => Number(run("node", ["-e", loadScript]).trim())));
  rows.push({ model, lowered: t[0].lowered, tLoadFirst: t[0].load_ms, tLoad: (t[1].load_ms + t[2].load_ms) / 2, hLoad: hfLoad, tCold: tm("lines_cold_mb_per_s"), tLines: tm("lines_mb_per_s"), tString: tm("string_mb_per_s"),
    hCold: h.lines_batch.cold_mb_per_s, hLines: h.lines_batch.mb_per_s_best, hString: h.string.mb_per_s_best });
  console.error(JSON.stringify(rows.at(-1)));
}

const f = (x, d = 1) => Number(x).toFixed(d);
const lines = [
  "# Tessera and Hugging Face tokenizers on tokenizer.json files",
  "",
  `Written by \`node scripts/bench-hf.mjs\` on ${new Date().toISOString().slice(0, 10)}: ${path.basename(file)} (${f(mb, 1)} MB), ${os()}.`,
  "Single thread on both sides, ids only (special tokens as text, nothing added). Hugging Face: tokenizers " +
  "(Rust, napi Node binding, `encodeBatch` for the lines with RAYON_NUM_THREADS=1, `encode` for the string). Tessera: " +
  "`Tokenizer.EncodeToIds` per line (median of three fresh processes). MB/s = 10^6 bytes of UTF-8 input per second. " +
  "Cold = the first pass over the text in a fresh process; warm = the best of the next passes. Load = file read, parse and first encode, " +
  "in a fresh process: Tessera's first of a file never seen, then its mean over two later processes, which map the model's tables kept " +
  "by the first (files of 1 MB or more; docs/algorithms/tokenizer-pipeline.md).",
  "Models: the real tokenizer.json files of scripts/fetch-test-assets.sh; unigram-* are the 8,000-piece Unigram of the conformance cases " +
  "(trained with Hugging Face) under the pipeline shapes of SentencePiece conversions: XLM-R (Precompiled nmt_nfkc, Metaspace), " +
  "T5 (Precompiled, Replace, WhitespaceSplit + Metaspace), and Metaspace alone.",
  "",
  "| model | path | load ms (Tessera never seen / Tessera later / HF) | per line cold MB/s (Tessera / HF / ratio) | per line warm MB/s (Tessera / HF / ratio) | one string MB/s (Tessera / HF / ratio) |",
  "| --- | --- | ---: | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.model} | ${r.lowered ? "lowered" : "general"} | ${f(r.tLoadFirst)} / ${f(r.tLoad)} / ${f(r.hLoad)} | ${f(r.tCold, 2)} / ${f(r.hCold, 2)} / **${f(r.tCold / r.hCold)}x** | ${f(r.tLines, 2)} / ${f(r.hLines, 2)} / ${f(r.tLines / r.hLines)}x | ${f(r.tString, 2)} / ${f(r.hString, 2)} / ${f(r.tString / r.hString)}x |`),
  "",
];
fs.writeFileSync(out + ".tmp", lines.join("\n"));
fs.renameSync(out + ".tmp", out);
console.error(`wrote ${out}`);

function os() {
  try { return `${run("nproc").trim()} cores, .NET ${run("dotnet", ["--version"]).trim()}, node ${process.version}`; } catch { return ""; }
}

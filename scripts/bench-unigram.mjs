// Unigram throughput, one thread: Hugging Face tokenizers (Node binding) and Tessera on the same tokenizer.json and
// text, in alternating rounds of fresh processes; each figure is the median over the rounds of each process's best pass.
//   node scripts/bench-unigram.mjs --file FILE --tokenizer TOKENIZER.json [--rounds 3] [--repeat 3] [--hf DIR]
// --hf: a folder whose node_modules holds `tokenizers` (default tests/goldens, which links it).
// HF: encodeBatch over the file's lines with RAYON_NUM_THREADS=1 (as the anchors' encode.mjs --bench "lines_batch").
// Tessera: bench/Tessera.Benchmarks `unigram` (the model alone on the pipeline's pieces, with and without its piece
// cache, and Tokenizer.Encode per line). Rates are 10^6 bytes of the file per second, by the wall clock and by the
// process's CPU time (user + system): on a shared machine the CPU figures are the steadier ones.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createRequire } from "node:module";

const args = process.argv.slice(2);
const opt = (name, fallback) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : fallback; };
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");

if (args[0] === "--hf-child") {
  // One HF process: best of `repeat` passes after a cold one.
  const [, dir, json, file, repeat] = args;
  process.env.RAYON_NUM_THREADS = "1";
  process.env.TOKENIZERS_PARALLELISM = "false";
  const { Tokenizer } = createRequire(path.join(dir, "x.js"))("tokenizers");
  const t = Tokenizer.fromString(fs.readFileSync(json, "utf8"));
  const buf = fs.readFileSync(file);
  const lines = buf.toString("utf8").split("\n");
  const mb = buf.length / 1e6;
  let wall = 0, cpu = 0, tokens = 0;
  for (let i = 0; i <= Number(repeat); i++) {
    const c0 = process.cpuUsage(), w0 = performance.now();
    const r = await t.encodeBatch(lines, { addSpecialTokens: false });
    const w = (performance.now() - w0) / 1000, c = process.cpuUsage(c0);
    tokens = r.reduce((a, e) => a + e.getIds().length, 0);
    if (i > 0) { wall = Math.max(wall, mb / w); cpu = Math.max(cpu, mb / ((c.user + c.system) / 1e6)); }
  }
  console.log(JSON.stringify({ tokens, lines_mb_per_s: wall, lines_cpu_mb_per_s: cpu }));
  process.exit(0);
}

const file = opt("--file");
const tokenizer = opt("--tokenizer");
const rounds = Number(opt("--rounds", "3"));
const repeat = opt("--repeat", "3");
const hfDir = path.resolve(opt("--hf", path.join(root, "tests/goldens")));
if (!file || !tokenizer) {
  console.error("usage: node scripts/bench-unigram.mjs --file FILE --tokenizer TOKENIZER.json [--rounds 3] [--repeat 3] [--hf DIR]");
  process.exit(2);
}
const run = (cmd, argv) => execFileSync(cmd, argv, { encoding: "utf8", maxBuffer: 1 << 28, stdio: ["ignore", "pipe", "inherit"] });
run("dotnet", ["build", "-c", "Release", path.join(root, "bench/Tessera.Benchmarks")]);
const benchDll = path.join(root, "bench/Tessera.Benchmarks/bin/Release/net10.0/Tessera.Benchmarks.dll");

const hf = [], ours = [], loads = [];
for (let r = 0; r < rounds; r++) {
  loads.push(os.loadavg()[0]);
  hf.push(JSON.parse(run(process.execPath, [new URL(import.meta.url).pathname, "--hf-child", hfDir, tokenizer, file, repeat]).trim().split("\n").pop()));
  ours.push(JSON.parse(run("dotnet", [benchDll, "unigram", file, tokenizer, "--repeat", repeat, "--json"]).trim().split("\n").pop()));
  console.error(`round ${r + 1}: hf ${hf[r].lines_cpu_mb_per_s.toFixed(2)} MB/s cpu, tessera model ${ours[r].model_cpu_mb_per_s} / lines ${ours[r].lines_cpu_mb_per_s} MB/s cpu`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const m = (list, key) => median(list.map((x) => x[key]));
const hfWall = m(hf, "lines_mb_per_s"), hfCpu = m(hf, "lines_cpu_mb_per_s");
const row = (what, wall, cpu) => `| ${what} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${(wall / hfWall).toFixed(1)}x | ${(cpu / hfCpu).toFixed(1)}x |`;
console.log(`File: ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB); tokenizer: ${tokenizer}; ${rounds} rounds, best of ${repeat} passes each, medians; load average ${loads.map((l) => l.toFixed(1)).join(", ")} on ${os.cpus().length} CPUs.`);
console.log(`Tokens: HF ${hf[0].tokens}, Tessera's model ${ours[0].tokens} (HF also matches special tokens written in the text, e.g. "<s>"; the model count takes them as text).`);
console.log("");
console.log("| one thread | MB/s (wall) | MB/s (CPU time) | vs HF (wall) | vs HF (CPU) |");
console.log("| --- | ---: | ---: | ---: | ---: |");
console.log(row("Hugging Face tokenizers, encodeBatch of the lines", hfWall, hfCpu));
console.log(row("Tessera Unigram model (the pipeline's pieces, piece cache on)", m(ours, "model_mb_per_s"), m(ours, "model_cpu_mb_per_s")));
console.log(row("Tessera Unigram model, every piece through Viterbi (no cache)", NaN, m(ours, "viterbi_cpu_mb_per_s")).replace("NaN", "-").replace("| NaNx |", "| - |"));
console.log(row("Tessera Tokenizer.Encode per line (full pipeline)", m(ours, "lines_mb_per_s"), m(ours, "lines_cpu_mb_per_s")));
console.log(row("(of which: added tokens, normalizer and pre-tokenizer alone)", NaN, m(ours, "normalize_and_pretokenize_cpu_mb_per_s")).replace("NaN", "-").replace("| NaNx |", "| - |"));

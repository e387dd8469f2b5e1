// What the Hugging Face golden generators share: the tokenizers they run on (the small cases in Goldens/hf/cases and
// the real models fetched by scripts/fetch-test-assets.sh into .assets/hf), the golden inputs, and atomic writes.
import fs from "node:fs";
import path from "node:path";

const here = path.dirname(new URL(import.meta.url).pathname);
export const goldens = path.resolve(here, "../Tessera.Tests/Goldens");
const assets = path.resolve(here, "../../.assets/hf");

export const REAL_MODELS = ["llama3", "qwen3", "gemma3", "gpt4o", "gpt35turbo", "deepseek_v3", "mistral7b", "claude"];

/** [name, tokenizer.json path, how many documents of each input to use]: the small cases (`maxDocs`), then the real models (all). */
export function goldenCases(maxDocs) {
  const caseDir = path.join(goldens, "hf", "cases");
  const small = fs.existsSync(caseDir) ? fs.readdirSync(caseDir).filter((c) => fs.existsSync(path.join(caseDir, c, "tokenizer.json"))) : [];
  return [...small.map((c) => [c, path.join(caseDir, c, "tokenizer.json"), maxDocs]), ...REAL_MODELS.map((m) => [m, path.join(assets, m, "tokenizer.json"), Infinity])];
}

/** The golden input files (one JSON string per line), in name order. */
export function goldenInputs() {
  return fs.readdirSync(path.join(goldens, "inputs")).filter((f) => f.endsWith(".jsonl")).sort();
}

/** The documents of golden input `input`, at most `limit`. */
export function goldenDocuments(input, limit = Infinity) {
  return fs.readFileSync(path.join(goldens, "inputs", input), "utf8").split("\n").filter((l) => l.length > 0).map((l) => JSON.parse(l)).slice(0, limit);
}

export function writeAtomic(file, text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + ".tmp", text);
  fs.renameSync(file + ".tmp", file);
}

// Trains byte-level BPE with Hugging Face tokenizers (the Node binding pinned in package.json; its default BpeTrainer:
// vocabulary 30,000, the ByteLevel pre-tokenizer with GPT-2's pattern and no prefix space) on FILE and saves OUT.
//   node train-hf-bpe.mjs FILE OUT        (scripts/bench-train.sh runs it beside `tessera train`)
import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
const { Tokenizer } = require("tokenizers");
const [file, out] = process.argv.slice(2);
const byteLevel = { type: "ByteLevel", add_prefix_space: false, trim_offsets: true, use_regex: true };
const tokenizer = Tokenizer.fromString(JSON.stringify({
  version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null, pre_tokenizer: byteLevel,
  post_processor: byteLevel, decoder: byteLevel,
  model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null, fuse_unk: false, byte_fallback: false, ignore_merges: false, vocab: {}, merges: [] },
}));
tokenizer.train([file]);
tokenizer.save(out);

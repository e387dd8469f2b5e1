// Writes the conformance inputs (tests/Tessera.Tests/Goldens/inputs/*.jsonl, one JSON string per line = one document):
//   node make-inputs.mjs [CORPUS_DIR]
// edge-cases and special-tokens are written by hand below; adversarial is drawn by a seeded generator; with
// CORPUS_DIR (the output of shared/corpus/fetch-corpus.sh) also prose, code and multilingual samples.
// Then run make-goldens.mjs to produce the ids with tiktoken.
import fs from "node:fs";
import path from "node:path";

const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../Tessera.Tests/Goldens/inputs");
fs.mkdirSync(out, { recursive: true });
const write = (name, docs) => {
  fs.writeFileSync(path.join(out, name + ".jsonl"), docs.map((d) => JSON.stringify(d)).join("\n") + "\n");
  console.log(name, docs.length, "documents");
};

// A small deterministic PRNG (mulberry32).
function rng(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const edge = [
  "", " ", "  ", "   ", "\n", "\r\n", "\n\n\n", " \n ", "a\n ", "a \n", "a \n ", "\t\t", "\t\tb", "  b", "   b", "\n b", " \n\nb",
  "Hello, world", "hello   world", "hello \u00a0 world", "x\u{20000}\u{20001}y", "a\u{1F600}b", "\u{1F468}\u200D\u{1F469}\u200D\u{1F467}\u200D\u{1F466}",
  "\u00e9", "e\u0301", "e\u0301\u0302x", " \u0301abc", "\u0301A b", "\u0301", "a\u0301B", "\uFEFFhello", "a\uFEFF b", "\u00A0word", "\u180Ex",
  "\u017F's'\u017F", "'S'LL'Ve 'RE", "don't DON'T Don'T", "we'\u017Fll", "x'\u017F", "''s", "'s", " 's", "'sup", "a'", "'",
  "123456789", "1 22 333 4444 55555", "1".repeat(1000), "\u0661\u0662\u0663\u0664", "\u2160\u2161\u2162\u2163", "\u00BD\u00BE\u2153", "x\uFF11\uFF12",
  "\u0378\u0379", "\uE000\uE001", "\uFFFF\uFFFE", "\u{10FFFF}", "\uFFFD", "HELLOworld", "helloWORLD", "HelloWorld", "\u01C5ungla", "\u02B0ello", "\u02B0\u02B1",
  "\u65E5\u672C\u8A9E\u306E\u30C6\u30AD\u30B9\u30C8", "\u4E2D\u6587abc", "\u0645\u0631\u062D\u0628\u0627 \u0628\u0627\u0644\u0639\u0627\u0644\u0645", "\uD55C\uAD6D\uC5B4",
  "\u0E2A\u0E27\u0E31\u0E2A\u0E14\u0E35", "\u0928\u092E\u0938\u094D\u0924\u0947", "\u{1F44D}\u{1F3FD}", "\u{1F1FA}\u{1F1F8}", "\u2764\uFE0F", "U.S.A.", "https://example.com/a/b?c=d&e=f#g",
  "if (x) {\r\n\treturn;\r\n}", "foo   ", "foo\t \n", "\u2028\u2029\u0085\u3000", "a\u2028b", "a\u0085\u0085b", "a\u000B\u000Cb", "a\r\rb", "a\r\n\r\n  b", "end.\n\n",
  "/path/to/file", "a//b", "x\n/y", "!!abc", "?!\n\n", "...\r\n", "-->\n", " --\n", "#!/bin/sh\n", "<|endoftext|>", "<|endoftext", "a<|endofprompt|>b",
  "x".repeat(100000), "^".repeat(50000), " ".repeat(10000), " ".repeat(10000) + "x", "\n".repeat(5000), "ab".repeat(20000), "\u00e9".repeat(30000),
  "\u{1F600}".repeat(5000), "a1".repeat(10000), "1".repeat(99999), " \t".repeat(5000) + "x", "\u4E00".repeat(20000), "A".repeat(30000) + "a",
  "Z" + "\u02B0".repeat(1000), "\u0301".repeat(3000), "x\u0301".repeat(3000),
  // The worked examples of docs/algorithms/ (pre-tokenizer.md and byte-pair-merge.md).
  "HELLOworld I'M  ok\n\n  \u017F's 12345", " Z\u00FCrich",
];

const specials = [
  "<|endoftext|>", "a<|endoftext|>b", "<|endoftext|><|endoftext|>", " <|endoftext|> ", "x\n<|endoftext|>\n", "<|endofprompt|>end",
  "<|fim_prefix|>def f():<|fim_suffix|>\n<|fim_middle|>", "<|endoftext|", "<<|endoftext|>>", "text <|im_start|> not special", "\u00e9<|endoftext|>\u00e9",
];

// Adversarial: random strings over characters chosen to sit on class boundaries.
const pool = [
  ..."abcXYZ019 '\t\n\r.,!?/-_\"#<>|", "\u00A0", "\u0085", "\u2028", "\u3000", "\uFEFF", "\u180E", "\u200D", "\u200C", "\u017F", "\u212A", "\u0130", "\u0131",
  "\u0301", "\u0903", "\u20DD", "\u01C5", "\u02B0", "\u4E00", "\u3042", "\uAC00", "\u0E01", "\u0627", "\u05D0", "\u0915", "\u{20000}", "\u{1F600}", "\u{1F3FD}", "\u{1F1FA}",
  "\u0663", "\uFF11", "\u2160", "\u00B2", "\u0378", "\uE000", "\uFFFD", "\u{10FFFF}", "\u{E0001}", "\u00DF", "\u1E9E", "\u03A3", "\u03C2", "\u00C5", "\u212B",
  "'s", "'S", "'ll", "'LL", "'ve", "'re", "'d", "'m", "'t", "\r\n", "  ", "\n\n", " \n", "<|endoftext|>", "http://", "12345",
];
const rand = rng(20261122);
const adversarial = [];
for (let i = 0; i < 3000; i++) {
  const length = i < 2950 ? 1 + Math.floor(rand() * 60) : 2000 + Math.floor(rand() * 8000);
  let s = "";
  for (let k = 0; k < length; k++) s += pool[Math.floor(rand() * pool.length)];
  adversarial.push(s);
}

write("edge-cases", edge);
write("special-tokens", specials);
write("adversarial", adversarial);

const corpus = process.argv[2];
if (corpus) {
  // Documents of whole lines, about `size` bytes each, taken at evenly spaced places of a file.
  const sample = (file, count, size, joiner = "\n") => {
    const lines = fs.readFileSync(path.join(corpus, file), "utf8").split("\n");
    const docs = [];
    const step = Math.floor(lines.length / count);
    for (let d = 0; d < count; d++) {
      let doc = "", at = d * step;
      while (Buffer.byteLength(doc) < size && at < lines.length) doc += (doc ? joiner : "") + lines[at++];
      docs.push(doc);
    }
    return docs;
  };
  write("prose-en", sample("en-prose.txt", 150, 4000));
  write("code", [...sample("code/c.txt", 40, 3000), ...sample("code/python.txt", 40, 3000), ...sample("code/javascript.txt", 40, 3000), ...sample("code/csharp.txt", 40, 3000)]);
  const languages = fs.readdirSync(path.join(corpus, "parallel")).filter((f) => f.endsWith(".txt")).sort();
  write("multilingual", languages.flatMap((f) => sample("parallel/" + f, 12, 1500, " ")));
  write("unicode-edge", sample("unicode-edge.txt", 400, 600));
  // Single lines (each its own document), for the per-line command form: prose, code, Unicode edge cases.
  const lines = (file, count) => sample(file, count, 1);
  write("lines", [...lines("en-prose.txt", 1500), ...lines("code/python.txt", 250), ...lines("code/c.txt", 250), ...lines("unicode-edge.txt", 300)]);
}

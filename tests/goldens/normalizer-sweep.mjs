// The normalizer sweep: every code point (but surrogates), in blocks of 4096, in contexts that exercise
// normalization: alone, before a combining acute (composition), between marks of classes 240 and 1 (canonical
// reordering), and as its canonical decomposition (recomposition). Mirrored by
// tests/Tessera.Tests/Normalizers/NormalizerSweep.cs: both sides must build identical documents (the decomposition is
// Hugging Face's NFD here and Tessera's there, itself checked by the NFD sweep).
export const BLOCK = 4096;

export function sweepDocument(block, decompose) {
  let doc = "";
  for (let cp = block * BLOCK; cp < (block + 1) * BLOCK; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    doc += c + "|x" + c + "\u0301|\u0345" + c + "\u0334|" + decompose(c) + "|";
  }
  return doc;
}

// A tokenizer.json that reveals a normalizer's output and alignments: BPE with byte fallback over the 256 byte tokens
// and no merges, so every byte of the normalized text is one token whose offsets are its character's alignment (the
// text is split at each "|", which keeps the model's words short and changes no token).
export function carrier(normalizer) {
  const vocab = {};
  for (let b = 0; b < 256; b++) vocab[`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`] = b;
  return JSON.stringify({
    version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer,
    pre_tokenizer: { type: "Split", pattern: { String: "|" }, behavior: "Isolated", invert: false },
    post_processor: null, decoder: null,
    model: { type: "BPE", dropout: null, unk_token: null, continuing_subword_prefix: null, end_of_word_suffix: null,
      fuse_unk: false, byte_fallback: true, ignore_merges: false, vocab, merges: [] },
  });
}

// The normalizers swept: file name -> normalizer object.
export const SWEPT = {
  nfd: { type: "NFD" },
  nfkd: { type: "NFKD" },
  nfc: { type: "NFC" },
  nfkc: { type: "NFKC" },
  lowercase: { type: "Lowercase" },
  "strip-accents": { type: "StripAccents" },
  nmt: { type: "Nmt" },
  "bert-uncased": { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  "bert-cased": { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: false },
  "byte-level": { type: "ByteLevel" },
};

// The code-point sweep: every code point (but surrogates) in contexts that exercise each pattern's classes.
// Mirrored by tests/Tessera.Tests/Conformance/CodePointSweep.cs: both sides must build identical documents.
export const BLOCK = 256;

export function sweepDocument(block) {
  let doc = "";
  for (let cp = block * BLOCK; cp < (block + 1) * BLOCK; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const c = String.fromCodePoint(cp);
    doc += "x" + c + "y " + c + c + " 1" + c + "\t" + c + "'S" + c + "\n" + c + "A" + c + "b";
  }
  return doc;
}

// Two 32-bit FNV-1a style hashes over the ids and their count, as 24 hex digits.
export function idsHash(ids) {
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  for (const id of ids) {
    h1 = Math.imul(h1 ^ id, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ id, 0x5bd1e995) >>> 0;
    h2 = (h2 ^ (h2 >>> 15)) >>> 0;
  }
  const hex = (n) => n.toString(16).padStart(8, "0");
  return hex(h1) + hex(h2) + hex(ids.length);
}

// Protocol buffer wire format, just enough to read and rewrite SentencePiece .model files (ModelProto).

export function readVarint(buf, at) {
  let value = 0n, shift = 0n;
  for (;;) {
    const b = buf[at++];
    value |= BigInt(b & 0x7f) << shift;
    shift += 7n;
    if (b < 0x80) return [value, at];
  }
}

export function writeVarint(value) {
  const out = [];
  let v = BigInt(value);
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return Buffer.from(out);
}

// A message as [field, wireType, raw value bytes (the payload of a length-delimited field)].
export function parse(buf) {
  const fields = [];
  let at = 0;
  while (at < buf.length) {
    let tag;
    [tag, at] = readVarint(buf, at);
    const field = Number(tag >> 3n), wire = Number(tag & 7n);
    let start = at;
    if (wire === 0) [, at] = readVarint(buf, at);
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      let len;
      [len, at] = readVarint(buf, at);
      start = at;
      at += Number(len);
    } else throw new Error(`unsupported wire type ${wire}`);
    fields.push([field, wire, buf.subarray(start, at)]);
  }
  return fields;
}

export function serialize(fields) {
  const parts = [];
  for (const [field, wire, value] of fields) {
    parts.push(writeVarint((field << 3) | wire));
    if (wire === 2) parts.push(writeVarint(value.length));
    parts.push(value);
  }
  return Buffer.concat(parts);
}

// The precompiled_charsmap of a model's NormalizerSpec (field 3, then field 2), or an empty buffer.
export function precompiledCharsmap(model) {
  const spec = parse(model).filter((f) => f[0] === 3).pop();
  return spec ? (parse(spec[2]).filter((f) => f[0] === 2).pop()?.[2] ?? Buffer.alloc(0)) : Buffer.alloc(0);
}

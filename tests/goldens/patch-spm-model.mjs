// Rewrites a SentencePiece .model (a serialized ModelProto) for settings spm_train cannot produce, so that spm_encode
// can be run on them: pieces marked UNUSED (as spm_encode --vocabulary would mark them) and normalizer flags.
//   node patch-spm-model.mjs IN.model OUT.model [--unused-every N] [--normalizer FIELD=0|1 ...]
// --unused-every N: every Nth NORMAL piece of two or more characters becomes UNUSED (type 5).
// --normalizer add_dummy_prefix|remove_extra_whitespaces|escape_whitespaces=0|1 sets that NormalizerSpec field.
import fs from "node:fs";
import { parse, readVarint, serialize, writeVarint } from "./spm-proto.mjs";

const [input, output, ...options] = process.argv.slice(2);
let unusedEvery = 0;
const normalizer = {};
const NORMALIZER_FIELDS = { add_dummy_prefix: 3, remove_extra_whitespaces: 4, escape_whitespaces: 5 };
for (let i = 0; i < options.length; i++) {
  if (options[i] === "--unused-every") unusedEvery = Number(options[++i]);
  else if (options[i] === "--normalizer") {
    const [name, value] = options[++i].split("=");
    if (!(name in NORMALIZER_FIELDS)) throw new Error(`unknown normalizer field ${name}`);
    normalizer[NORMALIZER_FIELDS[name]] = Number(value);
  } else throw new Error(`unknown option ${options[i]}`);
}

const model = parse(fs.readFileSync(input));
let normal = 0, marked = 0;
for (const entry of model) {
  if (entry[0] === 1 && unusedEvery > 0) {
    const piece = parse(entry[2]);
    const text = piece.find((f) => f[0] === 1)?.[2].toString("utf8") ?? "";
    const typeField = piece.find((f) => f[0] === 3);
    const type = typeField ? Number(readVarint(typeField[2], 0)[0]) : 1;
    if (type === 1 && [...text].length >= 2 && ++normal % unusedEvery === 0) {
      const rest = piece.filter((f) => f[0] !== 3);
      rest.push([3, 0, writeVarint(5)]);
      entry[2] = serialize(rest);
      marked++;
    }
  }
  if (entry[0] === 3 && Object.keys(normalizer).length > 0) {
    const spec = parse(entry[2]).filter((f) => !(f[0] in normalizer));
    for (const [field, value] of Object.entries(normalizer)) spec.push([Number(field), 0, writeVarint(value)]);
    entry[2] = serialize(spec);
  }
}
fs.writeFileSync(output, serialize(model));
if (unusedEvery > 0) console.error(`${output}: ${marked} pieces marked UNUSED`);

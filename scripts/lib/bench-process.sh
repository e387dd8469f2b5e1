# Helpers of the training benchmarks (sourced): timing whole processes and writing a table into docs/benchmarks.md.
#   bench_row NAME COMMAND...     runs COMMAND (output discarded) and prints "NAME wall cpu peak-MB" (GNU time); $work must be set
#   write_doc_section BEGIN END TEXT   replaces what docs/benchmarks.md holds between the two marker lines
bench_row() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
  read -r wall user sys rss < "$work/time"
  echo "$name $wall $(echo "$user + $sys" | bc) $((rss / 1024))"
}

write_doc_section() {
  local doc="$root/docs/benchmarks.md"
  grep -q "$1" "$doc" || { echo "$doc has no $1 marker: table not written" >&2; return 0; }
  node -e '
const fs = require("fs"); const [doc, begin, end, table] = process.argv.slice(1);
const text = fs.readFileSync(doc, "utf8");
fs.writeFileSync(doc + ".tmp", text.slice(0, text.indexOf(begin) + begin.length) + "\n" + table + "\n" + text.slice(text.indexOf(end)));
fs.renameSync(doc + ".tmp", doc);' "$doc" "$1" "$2" "$3"
}

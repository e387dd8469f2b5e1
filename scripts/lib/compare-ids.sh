# compare_ids NAME REFERENCE_LABEL REFERENCE_FILE TESSERA_FILE: prints whether two files of ids per line are identical,
# or the first differing lines; returns 1 when they differ. Sourced by scripts/check-parity.sh and the held-out checks.
compare_ids() {
  local name=$1 label=$2 reference=$3 tessera=$4 lines
  lines=$(wc -l < "$reference")
  if cmp -s "$reference" "$tessera"; then
    echo "$name: identical, $lines lines"
    return 0
  fi
  echo "$name: DIFFERENT (of $lines lines; < $label, > tessera):"
  diff <(cat -n "$reference") <(cat -n "$tessera") | head -n 6 || true
  return 1
}

#!/usr/bin/env bash
# Coverage-guided fuzzing of every importer and of the project file (libFuzzer via cargo-fuzz,
# crate crates/kshetra-core/fuzz; issue 19). Stable rustc with RUSTC_BOOTSTRAP=1, no sanitizer
# (panics, OOM and timeouts are what we look for; the core is #![forbid(unsafe_code)]).
#
#   scripts/fuzz.sh build      build the targets (locked, own target dir)
#   scripts/fuzz.sh short      every target for a few seconds (about a minute in all; test.sh)
#   scripts/fuzz.sh long N     every target for N executions, one after another (one core)
#   scripts/fuzz.sh run T ...  one target with extra libFuzzer arguments
#
# A panic, an allocation over 512 MB (-rss_limit_mb=512) or an input taking over 2 s
# (-timeout=2) is a finding: the input is written to crates/kshetra-core/fuzz/artifacts/T/,
# and the script exits non-zero. Minimise it with
#   scripts/fuzz.sh run T -minimize_crash=1 -runs=100000 artifacts/T/crash-…
# and add it to crates/kshetra-core/tests/fuzz_regressions.rs.
# Seeds (committed, small): fuzz/seeds/T; the growing corpus (not committed): fuzz/corpus/T.
set -euo pipefail
cd "$(dirname "$0")/../crates/kshetra-core/fuzz"

TARGETS=(geojson topojson kml kmz shapefile_zip csv_table spreadsheet organisers plan_csv
  project_file read_any)
SHORT_SECONDS=${FUZZ_SHORT_SECONDS:-5}
export RUSTC_BOOTSTRAP=1
TRIPLE=$(rustc -vV | sed -n 's/^host: //p')
BIN=target/$TRIPLE/release

dict_of() {
  case "$1" in
    geojson | topojson | project_file) echo dict/json.dict ;;
    kml | kmz | spreadsheet) echo dict/xml.dict ;;
    csv_table | organisers | plan_csv) echo dict/csv.dict ;;
    read_any) echo dict/json.dict ;;
    *) echo "" ;; # shapefile_zip: binary; libFuzzer's own comparisons find the magic numbers
  esac
}

build() {
  # cargo fuzz has no --locked: fetching with it first refuses a lockfile that would change.
  cargo fetch --locked >&2
  # Debug assertions and overflow checks come from the fuzz crate's [profile.release].
  cargo fuzz build -s none --fuzz-dir . >&2
}

# run TARGET EXTRA_ARGS... : one libFuzzer run; prints "execs exec/s crashes rss_mb seconds".
run_one() {
  local t=$1
  shift
  mkdir -p "corpus/$t" "artifacts/$t"
  local log
  log=$(mktemp)
  local start end rc=0
  start=$(date +%s.%N)
  local dict=()
  [ -z "$(dict_of "$t")" ] || dict=(-dict="$(dict_of "$t")")
  "$BIN/$t" "corpus/$t" "seeds/$t" "${dict[@]}" -rss_limit_mb=512 -timeout=2 \
    -artifact_prefix="artifacts/$t/" -print_final_stats=1 -close_fd_mask=3 "$@" >"$log" 2>&1 || rc=$?
  end=$(date +%s.%N)
  local execs rss secs crashes
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  secs=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
  crashes=0
  if [ "$rc" -ne 0 ]; then
    crashes=1
    grep -E "panicked|ERROR: libFuzzer|SUMMARY|Test unit written" "$log" | head -5 >&2 || true
    # libFuzzer prints no final stats after a crash: the last status line holds the count.
    [ -n "$execs" ] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    [ -n "$rss" ] || rss=$(grep -oE 'rss: [0-9]+Mb' "$log" | tail -1 | grep -oE '[0-9]+')
  fi
  rm -f "$log"
  execs=${execs:-0}
  local rate
  rate=$(awk -v n="$execs" -v s="$secs" 'BEGIN { printf "%d", (s > 0 ? n / s : 0) }')
  printf '%-14s %10s %9s %7s %8s %8.1f\n' "$t" "$execs" "$rate" "$crashes" "${rss:-?}" "$secs"
  return "$rc"
}

table() {
  printf '%-14s %10s %9s %7s %8s %8s\n' target execs 'exec/s' crashes 'rss MB' 'time s'
  local failed=0
  for t in "${TARGETS[@]}"; do
    run_one "$t" "$@" || failed=$((failed + 1))
  done
  if [ "$failed" -ne 0 ]; then
    echo "fuzz: $failed target(s) found a crash; inputs in crates/kshetra-core/fuzz/artifacts/" >&2
    return 1
  fi
}

case "${1:-short}" in
  build) build ;;
  short)
    build
    table -max_total_time="$SHORT_SECONDS"
    ;;
  long)
    n=${2:?usage: scripts/fuzz.sh long N}
    build
    table -runs="$n"
    ;;
  run)
    t=${2:?usage: scripts/fuzz.sh run TARGET [libFuzzer args]}
    shift 2
    build
    run_one "$t" "$@"
    ;;
  *)
    echo "usage: scripts/fuzz.sh build | short | long N | run TARGET [args]" >&2
    exit 2
    ;;
esac

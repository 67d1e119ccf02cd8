#!/usr/bin/env bash
# converge files push --to dir:DST  vs  rclone sync SRC DST (local to local), matched concurrency.
# Scenarios: first push, no-op push, push with 1% of files rewritten, on BENCH_FILES files
# (100,000 more with BENCH_LARGE=1); one 1 GiB file with BENCH_LARGE=1 or BENCH_BIG_FILE=1;
# `converge --version` wall time. Every scenario runs converge and rclone interleaved.
#   bench/files-dir.sh                      # 10,000 files, 5 repetitions
#   BENCH_LARGE=1 BENCH_REPS=3 bench/files-dir.sh   # + 100,000 files and the 1 GiB file
#   BENCH_SIZES=100000 BENCH_BIG_FILE=1 bench/files-dir.sh
. "$(dirname "$0")/lib.sh"
ensure_tools
setup_work
results_open files-dir

log "converge --version"
converge_version_time

tree_scenarios() {
  local n="$1"
  SRC="$BENCH_WORK/src-$n"; DC="$BENCH_WORK/dst-converge-$n"; DR="$BENCH_WORK/dst-rclone-$n"; ST="$BENCH_WORK/state-$n.db"
  log "making $n files"
  make_tree "$SRC" "$n"
  sync  # the first timed run must not pay for the generator's dirty pages

  first_prepare() { rm -rf "$DC" "$DR" "$ST" "$ST"-*; mkdir -p "$DC"; sync; }
  conv() { converge_push "$SRC" "dir:$DC" "$ST"; }
  rcl() { rclone_bench sync "$SRC" "$DR"; }
  export SRC DC DR ST; export -f conv rcl
  change_prepare() { modify_tree "$SRC" 1 $((1000 + $1)); }

  interleave "first-push-$n" first_prepare converge=conv rclone=rcl
  interleave "noop-$n" noop_prepare converge=conv rclone=rcl
  interleave "change-1pct-$n" change_prepare converge=conv rclone=rcl
  log "checking both destinations against the source"
  RCLONE_CONFIG=/dev/null rclone check -q "$SRC" "$DC"
  RCLONE_CONFIG=/dev/null rclone check -q "$SRC" "$DR"
  rm -rf "$SRC" "$DC" "$DR"
}

for n in $(tree_sizes); do
  tree_scenarios "$n"
done

if big_file_wanted; then
  SRC="$BENCH_WORK/src-big"; DC="$BENCH_WORK/dst-converge-big"; DR="$BENCH_WORK/dst-rclone-big"; ST="$BENCH_WORK/state-big.db"
  mkdir -p "$SRC"; log "making a 1 GiB file"; make_big_file "$SRC/big.bin" 1024; sync
  big_prepare() { rm -rf "$DC" "$DR" "$ST" "$ST"-*; mkdir -p "$DC"; sync; }
  conv() { converge_push "$SRC" "dir:$DC" "$ST"; }
  rcl() { rclone_bench sync "$SRC" "$DR"; }
  export SRC DC DR ST; export -f conv rcl
  interleave "one-1GiB-file" big_prepare converge=conv rclone=rcl
  RCLONE_CONFIG=/dev/null rclone check -q "$SRC" "$DC"
  rm -rf "$SRC" "$DC" "$DR"
fi

results_close

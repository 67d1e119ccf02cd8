# Shared helpers for the converge benchmarks. Source it: . "$(dirname "$0")/lib.sh"
#
# Environment knobs (all optional):
#   BENCH_FILES=10000        files in the tree (1-8 KiB each, fixed seed)
#   BENCH_SIZES="10000 100000" the tree sizes to run (default BENCH_FILES, plus 100000 with BENCH_LARGE=1)
#   BENCH_LARGE=1            also run the 100,000-file tree and the 1 GiB file
#   BENCH_BIG_FILE=1         run the 1 GiB file scenario
#   BENCH_REPS=5             repetitions per scenario (converge and peer interleaved)
#   BENCH_CONCURRENCY=8      converge --concurrency N  ==  rclone --transfers N --checkers N
#   BENCH_WORK=/tmp/...      scratch directory (deleted at the end unless BENCH_KEEP=1)
#   CONVERGE=path            the converge command (default: the launcher at the repository root)
#   CONVERGE_JAVA_OPTS=...   passed to the JVM by the launcher
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$BENCH_DIR/.." && pwd)"
CONVERGE="${CONVERGE:-$REPO_ROOT/converge}"
BENCH_REPS="${BENCH_REPS:-5}"
BENCH_CONCURRENCY="${BENCH_CONCURRENCY:-8}"
BENCH_FILES="${BENCH_FILES:-10000}"
RESULTS_DIR="${RESULTS_DIR:-$BENCH_DIR/results}"

log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Installs what the benchmarks need when it is missing (Debian/Ubuntu).
ensure_tools() {
  local missing=()
  command -v rclone >/dev/null || missing+=(rclone)
  command -v hyperfine >/dev/null || missing+=(hyperfine)
  command -v python3 >/dev/null || missing+=(python3)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Scratch space; removed on exit unless BENCH_KEEP=1.
setup_work() {
  BENCH_WORK="${BENCH_WORK:-$(mktemp -d /tmp/converge-bench.XXXXXX)}"
  mkdir -p "$BENCH_WORK"
  export BENCH_WORK
  if [ "${BENCH_KEEP:-0}" != 1 ]; then
    trap 'bench_cleanup' EXIT
  fi
}
BENCH_CLEANUPS=()
bench_cleanup() {
  local c
  for c in "${BENCH_CLEANUPS[@]}"; do eval "$c" || true; done
  [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$BENCH_WORK"
}
on_exit() { BENCH_CLEANUPS+=("$1"); }

# make_tree DIR N [SEED]: N files of 1-8 KiB under DIR, 100 per directory, deterministic.
make_tree() {
  rm -rf "$1"
  python3 "$BENCH_DIR/gen_tree.py" make "$1" "$2" "${3:-42}"
}

# modify_tree DIR PERCENT SEED: rewrite the content (same size, new bytes) of PERCENT% of the files.
modify_tree() { python3 "$BENCH_DIR/gen_tree.py" modify "$1" "$2" "$3" >/dev/null; }

# make_big_file PATH MIB: one file of random bytes.
make_big_file() { head -c "$(( $2 * 1024 * 1024 ))" /dev/urandom >"$1"; }

# converge_push SRC TARGET STATE [extra args]: a push with an isolated state file.
converge_push() {
  local src="$1" target="$2" state="$3"; shift 3
  "$CONVERGE" files push "$src" --to "$target" --state "$state" -q --concurrency "$BENCH_CONCURRENCY" "$@"
}

export -f converge_push 2>/dev/null || true
# rclone with matched concurrency and no user config.
rclone_bench() {
  RCLONE_CONFIG=/dev/null rclone --transfers "$BENCH_CONCURRENCY" --checkers "$BENCH_CONCURRENCY" -q "$@"
}

export -f rclone_bench
export CONVERGE BENCH_CONCURRENCY

# Results: one TSV per script run. Columns: scenario tool rep seconds maxrss_kib exit
results_open() {
  mkdir -p "$RESULTS_DIR"
  RESULTS_TSV="$RESULTS_DIR/$1-$(date -u +%Y%m%dT%H%M%SZ).tsv"
  {
    echo "# $1 $(date -u +%FT%TZ) host=$(hostname) cpus=$(nproc) mem=$(free -m | awk '/Mem:/{print $2}')MiB"
    echo "# converge $CONVERGE at $(git -C "$(dirname "$(readlink -f "$CONVERGE")")" rev-parse --short HEAD 2>/dev/null || echo 'a tree outside git'), $(rclone version 2>/dev/null | head -1), reps=$BENCH_REPS concurrency=$BENCH_CONCURRENCY files=$BENCH_FILES"
    echo "# load at start:$(uptime | sed 's/.*load average://')"
    printf 'scenario\ttool\trep\tseconds\tmaxrss_kib\texit\n'
  } >"$RESULTS_TSV"
  log "results: $RESULTS_TSV"
}

# timed SCENARIO TOOL REP cmd...: run cmd once, append wall seconds and peak RSS (GNU time).
timed() {
  local scenario="$1" tool="$2" rep="$3"; shift 3
  local t="$BENCH_WORK/.time" rc=0
  /usr/bin/time -f '%e %M' -o "$t" "$@" >"$BENCH_WORK/.out" 2>&1 || rc=$?
  local secs rss
  read -r secs rss < <(tail -n 1 "$t") # GNU time puts "Command exited with non-zero status" first
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$tool" "$rep" "$secs" "$rss" "$rc" >>"$RESULTS_TSV"
  log "$scenario $tool #$rep: ${secs}s, peak RSS $((rss / 1024)) MiB, exit $rc"
  if [ "$rc" != 0 ]; then
    tail -n 20 "$BENCH_WORK/.out" >&2
    die "$tool failed in $scenario"
  fi
}

# interleave SCENARIO PREPARE_FN TOOL=FN [TOOL=FN ...]   (export -f each FN and export its variables)
# For each repetition: PREPARE_FN REP (untimed), then every tool's FN REP, timed, in an order
# that rotates with the repetition so neither tool always runs first (warm caches, load spikes).
interleave() {
  local scenario="$1" prepare="$2"; shift 2
  local tools=("$@") n=$# rep i j
  for ((rep = 1; rep <= BENCH_REPS; rep++)); do
    "$prepare" "$rep"
    for ((i = 0; i < n; i++)); do
      j=$(( (i + rep - 1) % n ))
      # A bash -c child, so that GNU time can run the tool's shell function (export -f it).
      timed "$scenario" "${tools[$j]%%=*}" "$rep" bash -c "${tools[$j]#*=} \"\$1\"" _ "$rep"
    done
  done
}
noop_prepare() { :; }

# results_close: note the load again and print the summary (medians, paired ratios).
results_close() {
  echo "# load at end:$(uptime | sed 's/.*load average://')" >>"$RESULTS_TSV"
  python3 "$BENCH_DIR/summarize.py" "$RESULTS_TSV" | tee "${RESULTS_TSV%.tsv}.md"
}

# converge_version_time: wall time of `converge --version` (launcher, and the JVM alone).
converge_version_time() {
  "$CONVERGE" --version >/dev/null # first run builds and writes the AOT cache / CDS archive
  local jar="$REPO_ROOT/converge-cli/target/converge.jar" java
  java="$("$REPO_ROOT/bin/find-jdk")/bin/java"
  local rep
  for ((rep = 1; rep <= BENCH_REPS; rep++)); do
    timed version converge-launcher "$rep" "$CONVERGE" --version
    # The launcher keeps an AOT cache on JDK 25+, a dynamic CDS archive before; time whichever it made.
    if [ -f "$REPO_ROOT/converge-cli/target/converge.aot" ]; then
      timed version java-jar-aot "$rep" "$java" -XX:+UseSerialGC -XX:AOTCache="$REPO_ROOT/converge-cli/target/converge.aot" \
        -Xlog:aot=off -Xlog:cds=off -jar "$jar" --version
    else
      timed version java-jar-cds "$rep" "$java" -XX:SharedArchiveFile="$REPO_ROOT/converge-cli/target/converge.jsa" \
        -Xshare:auto -Xlog:cds=off -jar "$jar" --version
    fi
    timed version java-jar-nocds "$rep" "$java" -Xshare:off -jar "$jar" --version
  done
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# wait_port PORT [SECONDS]: wait until something listens on 127.0.0.1:PORT.
wait_port() {
  local port="$1" limit="${2:-60}" i
  for ((i = 0; i < limit * 10; i++)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  die "nothing listening on port $port after ${limit}s"
}

# remote_scenarios N: first push, no-op and 1%-change on an object store, converge vs rclone,
# each repetition of the first push into a fresh prefix. The caller sets and exports:
#   CONV_BASE   converge's target without prefix (s3://bench, azure://bench)
#   CONV_EXTRA  extra converge arguments (e.g. --endpoint URL)
#   RCL_BASE    rclone's remote without prefix (bench:bench, az:bench)
#   RCL_EXTRA   extra rclone arguments
#   NOOP_PEERS  extra "tool=fn" pairs for the no-op scenario (exported functions)
remote_scenarios() {
  local n="$1"
  export SRC="$BENCH_WORK/src-$n" N="$n"
  log "making $n files"
  make_tree "$SRC" "$n"
  sync

  rconv() { converge_push "$SRC" "$CONV_BASE/$N-converge-$R" "$BENCH_WORK/state-$N-$R.db" $CONV_EXTRA; }
  rrcl() { rclone_bench sync "$SRC" "$RCL_BASE/$N-rclone-$R" $RCL_EXTRA; }
  # first push: prefix R = the repetition number; later scenarios reuse the last one
  rfirst_conv() { R="$1" rconv; }
  rfirst_rcl() { R="$1" rrcl; }
  export -f rconv rrcl rfirst_conv rfirst_rcl
  interleave "first-push-$n" noop_prepare converge=rfirst_conv rclone=rfirst_rcl
  export R="$BENCH_REPS"
  interleave "noop-$n" noop_prepare converge=rconv rclone=rrcl ${NOOP_PEERS:-}
  change_prepare() { modify_tree "$SRC" 1 $((1000 + $1)); }
  interleave "change-1pct-$n" change_prepare converge=rconv rclone=rrcl
  log "checking both prefixes against the source"
  RCLONE_CONFIG=/dev/null rclone check -q "$SRC" "$RCL_BASE/$N-converge-$R" $RCL_EXTRA
  RCLONE_CONFIG=/dev/null rclone check -q "$SRC" "$RCL_BASE/$N-rclone-$R" $RCL_EXTRA
  rm -rf "$SRC"
}

# remote_big_file: one 1 GiB file, a fresh prefix per repetition.
remote_big_file() {
  export SRC="$BENCH_WORK/src-big" N=big
  mkdir -p "$SRC"; log "making a 1 GiB file"; make_big_file "$SRC/big.bin" 1024; sync
  export -f rconv rrcl rfirst_conv rfirst_rcl 2>/dev/null || true
  interleave "one-1GiB-file" noop_prepare converge=rfirst_conv rclone=rfirst_rcl
  rm -rf "$SRC"
}

tree_sizes() { echo ${BENCH_SIZES:-$BENCH_FILES $([ "${BENCH_LARGE:-0}" = 1 ] && echo 100000)}; }
big_file_wanted() { [ "${BENCH_LARGE:-0}" = 1 ] || [ "${BENCH_BIG_FILE:-0}" = 1 ]; }

#!/usr/bin/env bash
# The floor under a cold-started JVM on the dir: no-op: bench/floor/Floor.java walks the source and
# the target and compares sizes and mtimes, nothing else (no state, no hashing, no report). It runs
# with the same JVM options as the launcher (serial GC, its own AOT cache on JDK 25+), interleaved
# with `rclone sync` (no-op) and `converge files push` (no-op) on the same tree.
#
#   BENCH_REPS=5 BENCH_FILES=10000 bench/jvm-floor.sh
. "$(dirname "$0")/lib.sh"
ensure_tools
setup_work
java_home="$("$REPO_ROOT/bin/find-jdk")"
major="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$java_home/release" | head -n 1)"
SRC="$BENCH_WORK/src" DC="$BENCH_WORK/dst-converge" DR="$BENCH_WORK/dst-rclone" DF="$BENCH_WORK/floor-classes"
make_tree "$SRC" "$BENCH_FILES"
mkdir -p "$DC" "$DF"
# In a jar: the JVM keeps an AOT cache only for a class path of jars.
"$java_home/bin/javac" -d "$DF/classes" "$BENCH_DIR/floor/Floor.java"
"$java_home/bin/jar" cf "$DF/floor.jar" -C "$DF/classes" .
floor_opts=(-XX:+UseSerialGC -XX:-UsePerfData)
if [ "${major:-0}" -ge 25 ]; then
  "$java_home/bin/java" "${floor_opts[@]}" -XX:AOTCacheOutput="$DF/floor.aot" -cp "$DF/floor.jar" Floor "$SRC" "$SRC" >/dev/null 2>&1
  floor_opts+=(-Xlog:aot=off -XX:AOTCache="$DF/floor.aot")
fi
converge_push "$SRC" "dir:$DC" "$BENCH_WORK/state.db" >/dev/null
rclone sync "$SRC" "$DR" --transfers "$BENCH_CONCURRENCY" --checkers "$BENCH_CONCURRENCY" -q 2>/dev/null
sync
out="$BENCH_WORK/times.txt"
log "load:$(uptime | sed 's/.*load average://')"
for ((rep = 1; rep <= BENCH_REPS; rep++)); do
  /usr/bin/time -a -o "$out" -f "java-floor %e %U %S" "$java_home/bin/java" "${floor_opts[@]}" -cp "$DF/floor.jar" Floor "$SRC" "$DR" >/dev/null
  /usr/bin/time -a -o "$out" -f "rclone %e %U %S" rclone sync "$SRC" "$DR" --transfers "$BENCH_CONCURRENCY" --checkers "$BENCH_CONCURRENCY" -q 2>/dev/null
  /usr/bin/time -a -o "$out" -f "converge %e %U %S" "$CONVERGE" files push "$SRC" --to "dir:$DC" --state "$BENCH_WORK/state.db" -q --concurrency "$BENCH_CONCURRENCY"
done
log "load:$(uptime | sed 's/.*load average://')"
python3 - "$out" "$BENCH_FILES" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_ = line.split()
    rows.setdefault(name, []).append((float(wall), float(user) + float(sys_)))
print(f"no-op over {sys.argv[2]} files, median of {len(next(iter(rows.values())))} (wall s, CPU s = user + sys)")
rw = statistics.median(w for w, _ in rows["rclone"])
for name in ("rclone", "java-floor", "converge"):
    w = statistics.median(x for x, _ in rows[name]); c = statistics.median(y for _, y in rows[name])
    print(f"  {name:10s} {w:6.2f} s wall {c:6.2f} s CPU   {w / rw:5.2f}x rclone's wall")
PY

#!/usr/bin/env bash
# Measures the remotes targets of issue 4 over JGit's smart-HTTP server on loopback:
# one commit pushed to 8 mirrors vs. to 1, vs. a shell loop of `git push`; status of 8 mirrors x 51 branches.
# BENCH_SERVER=process runs the HTTP server in a JVM of its own, so client and server costs can be told apart;
# BENCH_ROUNDS sets the timed rounds (default 7), BENCH_WARMUP the untimed ones before them (default 10). Prints the BENCH lines and the load average; docs/PERFORMANCE.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
# -am builds the modules it depends on from this tree (nothing is installed into the shared ~/.m2).
./mvnw -B -q -o -pl converge-repos -am test -Dtest=RemotesBenchmark -Dbench=true -Dbench.server="${BENCH_SERVER:-inprocess}" \
  -Dbench.rounds="${BENCH_ROUNDS:-7}" -Dbench.warmup="${BENCH_WARMUP:-10}" -Dsurefire.failIfNoSpecifiedTests=false
grep -h '^BENCH' converge-repos/target/surefire-reports/dev.converge.remotes.RemotesBenchmark-output.txt
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

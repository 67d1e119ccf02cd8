#!/usr/bin/env bash
# Measures the remotes targets of issue 4 over JGit's smart-HTTP server on loopback:
# one commit pushed to 8 mirrors vs. to 1, vs. a shell loop of `git push`; status of 8 mirrors x 51 branches.
# Prints the BENCH lines; docs/PERFORMANCE.md records them.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -pl converge-repos -am install -DskipTests
./mvnw -B -pl converge-repos test -Dtest=RemotesBenchmark -Dbench=true -Dsurefire.failIfNoSpecifiedTests=false \
  -DredirectTestOutputToFile=false 2>&1 | grep '^BENCH'

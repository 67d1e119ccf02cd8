#!/usr/bin/env bash
# converge files push --to s3://bench/PREFIX  vs  rclone sync SRC bench:bench/PREFIX, against one
# loopback S3Proxy (org.gaul:s3proxy 2.6.0, resolved from Maven Central through bench/s3proxy/pom.xml,
# in-memory "transient" backend) that both tools talk to. Matched concurrency. Scenarios: first
# push, no-op push (converge vs rclone default, and vs rclone --size-only --fast-list), push with
# 1% of files rewritten, on BENCH_FILES files (100,000 more with BENCH_LARGE=1); one 1 GiB file
# with BENCH_LARGE=1 or BENCH_BIG_FILE=1.
#   bench/files-s3.sh
#   BENCH_LARGE=1 BENCH_REPS=3 bench/files-s3.sh
. "$(dirname "$0")/lib.sh"
ensure_tools
setup_work
results_open files-s3

JAVA="$("$REPO_ROOT/bin/find-jdk")/bin/java"
log "resolving S3Proxy"
(cd "$REPO_ROOT" && ./mvnw -q -B -f bench/s3proxy/pom.xml dependency:build-classpath \
  -Dmdep.outputFile="$BENCH_WORK/s3proxy.cp") >/dev/null
PORT="$(free_port)"
cat >"$BENCH_WORK/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=benchkey
s3proxy.credential=benchsecret
jclouds.provider=${BENCH_S3PROXY_PROVIDER:-transient}
jclouds.identity=benchkey
jclouds.credential=benchsecret
jclouds.filesystem.basedir=$BENCH_WORK/s3proxy-data
PROPS
mkdir -p "$BENCH_WORK/s3proxy-data"
"$JAVA" ${BENCH_S3PROXY_JAVA_OPTS:--Xmx4g} -Dlogback.configurationFile="$BENCH_DIR/s3proxy/logback.xml" \
  -cp "$(cat "$BENCH_WORK/s3proxy.cp")" org.gaul.s3proxy.Main --properties "$BENCH_WORK/s3proxy.properties" \
  >"$BENCH_WORK/s3proxy.log" 2>&1 &
S3PROXY_PID=$!
on_exit "kill $S3PROXY_PID"
wait_port "$PORT" 90
log "S3Proxy (pid $S3PROXY_PID) on port $PORT"

# A CA bundle in the environment is for real TLS endpoints; rclone 1.60 refuses to start with
# AWS_CA_BUNDLE set on a plain-HTTP endpoint, so neither tool gets it here.
unset AWS_CA_BUNDLE
export AWS_ACCESS_KEY_ID=benchkey AWS_SECRET_ACCESS_KEY=benchsecret AWS_REGION=us-east-1
export RCLONE_CONFIG_BENCH_TYPE=s3 RCLONE_CONFIG_BENCH_PROVIDER=Other
export RCLONE_CONFIG_BENCH_ENDPOINT="http://127.0.0.1:$PORT" RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE=true
export RCLONE_CONFIG_BENCH_ACCESS_KEY_ID=benchkey RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY=benchsecret
export RCLONE_CONFIG_BENCH_REGION=us-east-1
RCLONE_CONFIG=/dev/null rclone mkdir bench:bench

export CONV_BASE=s3://bench CONV_EXTRA="--endpoint http://127.0.0.1:$PORT"
# Parts of one large file: rclone matched to converge's defaults (files.s3.part_concurrency 4, part_size 8 MiB).
export RCL_BASE=bench:bench RCL_EXTRA="--s3-upload-concurrency ${BENCH_PART_CONCURRENCY:-4} --s3-chunk-size ${BENCH_PART_SIZE:-8M}"
rsize() { rclone_bench sync "$SRC" "$RCL_BASE/$N-rclone-$R" $RCL_EXTRA --size-only --fast-list; }
export -f rsize
export NOOP_PEERS="rclone-size-only-fast-list=rsize"

for n in $(tree_sizes); do
  remote_scenarios "$n"
done
if big_file_wanted; then
  remote_big_file
fi
results_close

#!/usr/bin/env bash
# converge files push --to azure://bench/PREFIX  vs  rclone sync SRC az:bench/PREFIX, against one
# loopback Azurite (npm azurite@3.35.0, in-memory) that both tools talk to. Matched concurrency.
# Scenarios: first push, no-op push (converge vs rclone default, and vs rclone --size-only),
# push with 1% of files rewritten, on BENCH_FILES files (100,000 more with BENCH_LARGE=1);
# one 1 GiB file with BENCH_LARGE=1 or BENCH_BIG_FILE=1.
#   bench/files-azure.sh
#   BENCH_LARGE=1 BENCH_REPS=3 bench/files-azure.sh
. "$(dirname "$0")/lib.sh"
ensure_tools
setup_work
results_open files-azure

AZURITE_VERSION="${AZURITE_VERSION:-3.35.0}"
AZURITE="$(command -v azurite-blob || true)"
if [ -z "$AZURITE" ]; then
  AZURITE="$BENCH_DIR/.azurite/node_modules/.bin/azurite-blob"
  if [ ! -x "$AZURITE" ]; then
    command -v npm >/dev/null || { sudo_=""; [ "$(id -u)" = 0 ] || sudo_=sudo; $sudo_ apt-get install -y -qq nodejs npm >/dev/null; }
    log "installing azurite@$AZURITE_VERSION into bench/.azurite"
    npm install --silent --no-audit --no-fund --prefix "$BENCH_DIR/.azurite" "azurite@$AZURITE_VERSION" >/dev/null
  fi
fi
PORT="$(free_port)"
"$AZURITE" --inMemoryPersistence --skipApiVersionCheck --disableTelemetry --silent \
  --blobHost 127.0.0.1 --blobPort "$PORT" >"$BENCH_WORK/azurite.log" 2>&1 &
AZURITE_PID=$!
on_exit "kill $AZURITE_PID"
wait_port "$PORT" 60
log "Azurite (pid $AZURITE_PID) on port $PORT"

# Azurite's well-known development account (public, documented by Microsoft).
ACCOUNT=devstoreaccount1
KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
ENDPOINT="http://127.0.0.1:$PORT/$ACCOUNT"
export AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=http;AccountName=$ACCOUNT;AccountKey=$KEY;BlobEndpoint=$ENDPOINT;"
export RCLONE_CONFIG_AZ_TYPE=azureblob RCLONE_CONFIG_AZ_ACCOUNT="$ACCOUNT" RCLONE_CONFIG_AZ_KEY="$KEY"
export RCLONE_CONFIG_AZ_ENDPOINT="$ENDPOINT"
RCLONE_CONFIG=/dev/null rclone mkdir az:bench

export CONV_BASE=azure://bench CONV_EXTRA=""
export RCL_BASE=az:bench RCL_EXTRA="--azureblob-upload-concurrency $BENCH_CONCURRENCY"
rsize() { rclone_bench sync "$SRC" "$RCL_BASE/$N-rclone-$R" $RCL_EXTRA --size-only; }
export -f rsize
export NOOP_PEERS="rclone-size-only=rsize"

for n in $(tree_sizes); do
  remote_scenarios "$n"
done
if big_file_wanted; then
  remote_big_file
fi
results_close

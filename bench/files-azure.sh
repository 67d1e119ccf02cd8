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
# rclone 1.60 reaches an emulator only through use_emulator (port 10000, and it hung here before
# sending any request) or a SAS URL; its endpoint option builds https://ACCOUNT.ENDPOINT. So: the
# container is created with an account SAS, and rclone gets a container SAS URL.
curl -sf -X PUT -H "x-ms-version: 2019-12-12" -H "Content-Length: 0" -o /dev/null \
  "$ENDPOINT/bench?restype=container&$(python3 "$BENCH_DIR/azure_sas.py" account "$ACCOUNT" "$KEY")" \
  || die "cannot create container bench in Azurite"
export RCLONE_CONFIG_AZ_TYPE=azureblob
export RCLONE_CONFIG_AZ_SAS_URL="$ENDPOINT/bench?$(python3 "$BENCH_DIR/azure_sas.py" container "$ACCOUNT" "$KEY" bench)"

export CONV_BASE=azure://bench CONV_EXTRA=""
# Blocks of one large file: rclone matched to converge's defaults (files.azure.block_concurrency 8, block_size 4 MiB).
export RCL_BASE=az:bench RCL_EXTRA="--azureblob-upload-concurrency ${BENCH_PART_CONCURRENCY:-8} --azureblob-chunk-size ${BENCH_PART_SIZE:-4M}"
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

#!/usr/bin/env bash
# Benchmarks `converge repos` against `mr` (Debian myrepos), `gita` (Debian) and plain `git clone`
# on one fleet of N bare repositories, reached two ways in the same run:
#   local: `--provider local` over file://, the peers' clones made with `git clone` from the same paths;
#   http:  the same bare repositories served over loopback smart HTTP (JGit's GitServlet in Jetty, the
#          test server of converge-repos) and listed by a GitHub-shaped endpoint, reached by converge's
#          GitHub provider; the peers clone and pull the same http:// URLs.
# Usage: bench/repos.sh [N] (default 500). ROUNDS=3: interleaved rounds per comparison (converge and
# its peers alternate within a round, so load that drifts hits both; each round gives one ratio).
# FLEETS="local http" picks the setups. CLONE_ONLY=1 measures only clone-all, in ROUNDS interleaved
# rounds (each into fresh directories); CONVERGE_GIT=jgit|auto|PATH is passed to converge as --git. Prints one line per measurement; docs/PERFORMANCE.md records
# the results with the machine's load average.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-500}"
rounds="${ROUNDS:-3}"
fleets="${FLEETS:-local http}"
work="$(mktemp -d "${TMPDIR:-/tmp}/converge-bench-repos.XXXXXX")"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

# Build once, outside the measurements, then run a copy of the jar so edits made meanwhile cannot
# trigger the launcher's rebuild in the middle of a run. The loopback server comes from
# converge-repos' test classes (offline build, as every build here).
"$here/converge" --version >/dev/null
(cd "$here" && ./mvnw -B -o -q -pl converge-repos -am test-compile >/dev/null \
  && ./mvnw -B -o -q -pl converge-repos dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/cp.txt" >/dev/null)
# converge runs through a copy of the launcher beside a copy of the jar, so it starts exactly as a user's
# does (its JVM flags, the class-data-sharing archive it trains on first use, SQLite's library extracted once).
mkdir -p "$work/app/bin" "$work/app/converge-cli/target" "$work/server"
cp "$here/converge" "$work/app/" && cp "$here/bin/find-jdk" "$work/app/bin/" && cp "$here/converge-cli/target/converge.jar" "$work/app/converge-cli/target/"
cp -r "$here/converge-repos/target/test-classes" "$work/server/repos-test" && cp -r "$here/converge-repos/target/classes" "$work/server/repos" \
  && cp -r "$here/converge-core/target/classes" "$work/server/core"
java_home="$("$here/bin/find-jdk")"
export XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
unset GITHUB_TOKEN GH_TOKEN
git config --global user.name bench && git config --global user.email bench@converge.invalid
git config --global init.defaultBranch main

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e $s" | awk '{printf "%.2f", $1 - $2}'; }
# Wall and CPU seconds (user + sys of the command and every child it waited for), as "WALL CPU".
wall_cpu() { /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1; awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/time"; }
ratio() { echo "$1 $2" | awk '{printf "%.1f", $1 / $2}'; }
peak_rss_mib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.0f", $1/1024}'; }
load() { cut -d' ' -f1 /proc/loadavg; }

# One seed repository with a little history, copied N times: N independent bare repositories.
git init -q --bare "$work/seed.git"
git clone -q "$work/seed.git" "$work/seed" 2>/dev/null
for i in 1 2 3; do echo "line $i" >>"$work/seed/README.md"; git -C "$work/seed" add README.md; git -C "$work/seed" commit -qm "commit $i"; done
git -C "$work/seed" push -q origin main
mkdir -p "$work/srv/fleet"
for i in $(seq -w 1 "$n"); do cp -r "$work/seed.git" "$work/srv/fleet/r$i.git"; done

converge_cmd=("$work/app/converge")
"${converge_cmd[@]}" --version >/dev/null   # trains the archive, outside the measurements

# Pushes one commit to each of the first K repositories, as colleagues would.
push_changes() {
  local k="$1" tag="$2" i
  for i in $(seq -w 1 "$n" | head -n "$k"); do
    git clone -q "$work/srv/fleet/r$i.git" "$work/push" 2>/dev/null
    echo "$tag" >>"$work/push/README.md"; git -C "$work/push" commit -qam "$tag"; git -C "$work/push" push -q origin main
    rm -rf "$work/push"
  done
}

start_http_server() {
  local cp="$work/server/repos-test:$work/server/repos:$work/server/core:$(cat "$work/cp.txt")"
  "$java_home/bin/java" -XX:+UseSerialGC -cp "$cp" dev.converge.repos.testing.FleetHttpServer "$work/srv" "$work/port" >"$work/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 120); do [ -s "$work/port" ] && break; sleep 0.5; done
  [ -s "$work/port" ] || { echo "the loopback git server did not start:"; cat "$work/server.log"; exit 1; }
  port="$(tr -d '[:space:]' <"$work/port")"
}

echo "fleet: $n repositories, $rounds interleaved rounds, $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
for fleet in $fleets; do
  ws="$work/ws-$fleet"
  if [ "$fleet" = local ]; then
    url() { echo "$work/srv/fleet/$1.git"; }
    converge=("${converge_cmd[@]}" repos sync 'fleet/*' --provider local --root "$work/srv" --into "$ws/converge" -q)
  else
    start_http_server   # sets port and server_pid here, not in a subshell, so the cleanup can stop it
    url() { echo "http://127.0.0.1:$port/git/fleet/$1.git"; }
    printf 'providers:\n  lo: { type: github, url: "http://127.0.0.1:%s/git/api" }\n' "$port" >"$work/http.yaml"
    converge=("${converge_cmd[@]}" repos sync 'lo:fleet/*' --config "$work/http.yaml" --into "$ws/converge" -q)
  fi

  [ -n "${CONVERGE_GIT:-}" ] && converge+=(--git "$CONVERGE_GIT")
  for i in $(seq -w 1 "$n"); do echo "$(url "r$i") r$i"; done >"$work/urls-$fleet"
  clone_rounds=1; [ -n "${CLONE_ONLY:-}" ] && clone_rounds="$rounds"
  for r in $(seq 1 "$clone_rounds"); do
    rm -rf "$ws"; mkdir -p "$ws/git/fleet"
    conv_clone() { read -r t_conv_clone c_conv_clone < <(wall_cpu "${converge[@]}"); }
    git_clone() { read -r t_git_clone c_git_clone < <(wall_cpu bash -c "cd '$ws/git/fleet' && xargs -P 8 -L 1 git clone -q < '$work/urls-$fleet'"); }
    l0=$(load)
    if [ $((r % 2)) = 1 ]; then conv_clone; git_clone; else git_clone; conv_clone; fi
    echo "[$fleet] clone all round $r:    converge ${t_conv_clone}s (${c_conv_clone}s CPU)   xargs -P 8 git clone ${t_git_clone}s (${c_git_clone}s CPU)   ratio $(ratio "$t_git_clone" "$t_conv_clone")x wall, $(ratio "$c_git_clone" "$c_conv_clone")x CPU   (load $l0-$(load))"
    [ "$(ls "$ws/converge/fleet" | wc -l)" = "$n" ] && [ "$(ls "$ws/git/fleet" | wc -l)" = "$n" ] || { echo "clone counts differ"; exit 1; }
    [ -n "${CLONE_ONLY:-}" ] && rm -rf "$XDG_STATE_HOME/converge"   # a fresh workspace's sync starts with no bases
  done
  if [ -n "${CLONE_ONLY:-}" ]; then
    if [ -n "$server_pid" ]; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; rm -f "$work/port"; fi
    continue
  fi

  # mr and gita share the git CLI's clones: for a no-op neither changes them.
  (cd "$ws/git/fleet" && for d in */; do mr -c "$work/mrconfig-$fleet" -q register "$d" >/dev/null 2>&1; done)
  mrdo=(bash -c "cd '$ws/git/fleet' && mr -c '$work/mrconfig-$fleet' -q -j 2 update")
  rm -rf "$XDG_CONFIG_HOME/gita" && gita add "$ws/git/fleet"/* >/dev/null 2>&1
  gitado=(gita pull)
  "${converge[@]}" >/dev/null 2>&1   # a warm-up (page cache, archive), not measured

  for r in $(seq 1 "$rounds"); do
    l0=$(load)
    if [ $((r % 2)) = 1 ]; then
      c=$(seconds "${converge[@]}"); m=$(seconds "${mrdo[@]}"); g=$(seconds "${gitado[@]}")
    else
      g=$(seconds "${gitado[@]}"); m=$(seconds "${mrdo[@]}"); c=$(seconds "${converge[@]}")
    fi
    echo "[$fleet] no-op round $r:        converge ${c}s   mr -j 2 update ${m}s ($(ratio "$m" "$c")x)   gita pull ${g}s ($(ratio "$g" "$c")x)   (load $l0-$(load))"
  done
  if [ "$fleet" = local ]; then
    t_version=$(seconds "${converge_cmd[@]}" --version)
    t_list=$(seconds "${converge_cmd[@]}" repos list 'fleet/*' --provider local --root "$work/srv")
    echo "[$fleet] where a no-op's time goes: start-up (converge --version) ${t_version}s; listing the fleet (repos list) ${t_list}s"
  fi

  changed=$(( n / 10 ))
  for r in $(seq 1 "$rounds"); do
    push_changes "$changed" "$fleet round $r"
    l0=$(load)
    if [ $((r % 2)) = 1 ]; then
      c=$(seconds "${converge[@]}"); m=$(seconds "${mrdo[@]}")
    else
      m=$(seconds "${mrdo[@]}"); c=$(seconds "${converge[@]}")
    fi
    echo "[$fleet] 10% changed round $r: converge ${c}s   mr -j 2 update ${m}s ($(ratio "$m" "$c")x)   (load $l0-$(load))"
  done
  first="r$(seq -w 1 "$n" | head -n 1)"
  want="$(git -C "$work/srv/fleet/$first.git" rev-parse main)"
  [ "$(git -C "$ws/converge/fleet/$first" rev-parse HEAD)" = "$want" ] && [ "$(git -C "$ws/git/fleet/$first" rev-parse HEAD)" = "$want" ] \
    || { echo "[$fleet] a changed repository was not updated"; exit 1; }
  echo "[$fleet] peak RSS of a no-op converge sync: $(peak_rss_mib "${converge[@]}") MiB"
  if [ -n "$server_pid" ]; then kill "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=""; rm -f "$work/port"; fi
done
echo "load average at end $(cut -d' ' -f1-3 /proc/loadavg)"

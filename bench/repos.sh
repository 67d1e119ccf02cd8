#!/usr/bin/env bash
# Benchmarks `converge repos` against `mr` (Debian myrepos) and plain `git clone` on one fleet of
# bare repositories under a local root, in the same run. Usage: bench/repos.sh [N] (default 500).
# Prints one line per measurement; docs/PERFORMANCE.md records the results and the machine's load.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-500}"
work="$(mktemp -d "${TMPDIR:-/tmp}/converge-bench-repos.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# Build once, outside the measurements, then run a copy of the jar so edits made meanwhile cannot
# trigger the launcher's rebuild in the middle of a run.
"$here/converge" --version >/dev/null
mkdir -p "$work/app" && cp "$here/converge-cli/target/converge.jar" "$work/app/"
java_home="$("$here/bin/find-jdk")"
export XDG_STATE_HOME="$work/state" GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL="$work/gitconfig"
git config --global user.name bench && git config --global user.email bench@converge.invalid
git config --global init.defaultBranch main

seconds() { local s e; s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc; }
peak_rss_mib() { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -n 1 | awk '{printf "%.0f", $1/1024}'; }

# One seed repository with a little history, copied N times: N independent bare repositories.
git init -q --bare "$work/seed.git"
git clone -q "$work/seed.git" "$work/seed" 2>/dev/null
for i in 1 2 3; do echo "line $i" >>"$work/seed/README.md"; git -C "$work/seed" add README.md; git -C "$work/seed" commit -qm "commit $i"; done
git -C "$work/seed" push -q origin main
mkdir -p "$work/srv/fleet"
for i in $(seq -w 1 "$n"); do cp -r "$work/seed.git" "$work/srv/fleet/r$i.git"; done

converge=("$java_home/bin/java" -jar "$work/app/converge.jar" repos sync 'fleet/*' --provider local --root "$work/srv" --into "$work/ws-converge" -q)

echo "fleet: $n repositories, load average $(cut -d' ' -f1-3 /proc/loadavg)"
t_conv_clone=$(seconds "${converge[@]}")
mkdir -p "$work/ws-git/fleet"
t_git_clone=$(seconds bash -c "ls '$work/srv/fleet' | sed 's/\.git\$//' | xargs -P 8 -I{} git clone -q '$work/srv/fleet/{}.git' '$work/ws-git/fleet/{}'")
echo "clone all:           converge ${t_conv_clone}s   xargs -P 8 git clone ${t_git_clone}s"

(cd "$work/ws-git/fleet" && for d in */; do mr -c "$work/mrconfig" -q register "$d" >/dev/null 2>&1; done)
mrdo=(bash -c "cd '$work/ws-git/fleet' && mr -c '$work/mrconfig' -q -j 2 update")
t_conv_noop=$(seconds "${converge[@]}")
t_mr_noop=$(seconds "${mrdo[@]}")
echo "no-op sync:          converge ${t_conv_noop}s   mr -j 2 update ${t_mr_noop}s"

changed=$(( n / 10 ))
for i in $(seq -w 1 "$n" | head -n "$changed"); do
  git clone -q "$work/srv/fleet/r$i.git" "$work/push" 2>/dev/null
  echo change >>"$work/push/README.md"; git -C "$work/push" commit -qam change; git -C "$work/push" push -q origin main
  rm -rf "$work/push"
done
t_conv_10=$(seconds "${converge[@]}")
t_mr_10=$(seconds "${mrdo[@]}")
echo "10% changed (${changed}): converge ${t_conv_10}s   mr -j 2 update ${t_mr_10}s"
echo "peak RSS of a no-op converge sync: $(peak_rss_mib "${converge[@]}") MiB"

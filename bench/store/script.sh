#!/usr/bin/env bash
# Short EVAL throughput, redis-server 7 vs the Vigil store (and optionally the store built from another commit), in
# one run on one machine: what the busy-script support (EVAL started from a task, the Lua count hook, the
# ManualIoEventLoop) costs on the fast path.
#
#   bench/store/script.sh [requests]      (default 200000)
#   BASE=<commit> bench/store/script.sh   also runs the store compiled from <commit>'s embedded-store sources
#
# Each server gets an untimed warm-up (100k requests), then ROUNDS (default 3) rounds of
#   redis-benchmark -n N -c 50 --csv eval "return 1" 0
# with the order of the servers rotated each round; prints every round and the median requests/s and p99, with the
# ratio to redis-server. Needs redis-server, redis-benchmark, python3, javac; the store runs from target/classes
# (./mvnw -q -pl resp,embedded-store compile) plus jars in ~/.m2. Only meaningful on a quiet machine: it prints the
# load average it started with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requests="${1:-200000}"
rounds="${ROUNDS:-3}"

# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup

# The Lua interpreter's jars (scripting), which store_classpath does not list.
lua_classpath() {
  local m2="${HOME}/.m2/repository" cp=""
  for jar in party/iroiro/luajava/luajava party/iroiro/luajava/lua51 com/badlogicgames/gdx/gdx-jnigen-loader; do
    cp="$cp:$(ls "$m2/$jar"/*/*.jar | grep -v -- -sources | sort | tail -1)"
  done
  echo "$cp:$(ls "$m2"/party/iroiro/luajava/lua51-platform/*/*-natives-desktop.jar | sort | tail -1)"
}
java_opts=(-XX:+UseParallelGC -Xms1g -Xmx1g -Dlogback.configurationFile="$root/bench/store/logback-bench.xml")
current_cp="$(store_classpath)$(lua_classpath)"

names=(redis vigil)
declare -A port cp
if [ -n "${BASE:-}" ]; then
  mkdir -p "$work/base-src" "$work/base-classes"
  git -C "$root" archive "$BASE" embedded-store/src/main | tar -x -C "$work/base-src"
  javac -nowarn -d "$work/base-classes" -cp "$current_cp" $(find "$work/base-src" -name '*.java') 2>"$work/javac.log"
  cp -r "$work/base-src/embedded-store/src/main/resources/." "$work/base-classes/" 2>/dev/null || true
  cp[vigil-base]="$work/base-classes:${current_cp#"$root/embedded-store/target/classes:"}"
  names+=(vigil-base)
fi
cp[vigil]="$current_cp"

for name in "${names[@]}"; do
  port[$name]="$(free_port)"
  if [ "$name" = redis ]; then
    redis-server --port "${port[$name]}" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
      >"$work/$name.log" 2>&1 &
  else
    java "${java_opts[@]}" -cp "${cp[$name]}" io.vigil.store.StoreMain --port "${port[$name]}" --save "" \
      >"$work/$name.log" 2>&1 &
  fi
  pids+=($!)
done
for name in "${names[@]}"; do
  wait_ping "${port[$name]}" 300
  redis-benchmark -p "${port[$name]}" -n "${WARMUP:-100000}" -c 50 -q eval "return 1" 0 >/dev/null 2>&1
done

echo "redis-benchmark -n $requests -c 50 eval \"return 1\" 0, $rounds rounds, $(date -u +%Y-%m-%dT%H:%MZ)${BASE:+, base $BASE}"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
declare -A results
for round in $(seq 1 "$rounds"); do
  order=("${names[@]:$(((round - 1) % ${#names[@]}))}" "${names[@]:0:$(((round - 1) % ${#names[@]}))}")
  for name in "${order[@]}"; do
    line="$(redis-benchmark -p "${port[$name]}" -n "$requests" -c 50 --csv eval "return 1" 0 2>/dev/null |
      tr -d '"' | awk -F, 'NR>1 {print $2" "$7}')"
    echo "round $round $name: rps p99 $line"
    results[$name]="${results[$name]:-}$line"$'\n'
  done
done
echo
echo "| server | median rps | median p99 ms | rps ratio to redis |"
echo "|---|---|---|---|"
redis_rps="$(echo "${results[redis]}" | awk 'NF' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
for name in "${names[@]}"; do
  rps="$(echo "${results[$name]}" | awk 'NF' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  p99="$(echo "${results[$name]}" | awk 'NF {print $2}' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
  awk -v n="$name" -v r="$rps" -v p="$p99" -v b="$redis_rps" 'BEGIN { printf "| %s | %.0f | %.3f | %.2f |\n", n, r, p, r / b }'
done

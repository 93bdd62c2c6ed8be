#!/usr/bin/env bash
# Append-only file, Vigil embedded store vs redis-server 7, side by side in one run on one machine.
#
#   bench/store/aof.sh [keys]      (default 1000000)
#
# For appendfsync everysec and always, each server starts with appendonly yes in a fresh directory and runs
# redis-benchmark -t set -n 200000 -c 50 (-P 1, random keys from 100000) after an untimed warm-up run (300k requests
# at -P 16, 100k at -P 1): requests per second and p50/p99 latency.
# Then each server loads <keys> keys (40 % 100-byte strings, 15 % each hash/list/set/zset of 10 elements, sent with
# redis-cli --pipe) and BGREWRITEAOF is timed (round trip until aof_rewrite_in_progress is 0 again; redis: fork +
# child write + rename, Vigil: snapshot + background write + rename), with the new base's size.
# Prints Markdown. Needs redis-server, redis-cli, redis-benchmark and python3; the store runs from the modules'
# target/classes plus jars in ~/.m2 (./mvnw -q -pl resp,embedded-store compile). Only meaningful on a quiet
# machine: it prints the load average it started with.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="${1:-1000000}"
requests="${BENCH_REQUESTS:-200000}"

# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup
read -r -a java_opts <<<"$(store_java_opts)"

start() { # server name port dir fsync
  local server="$1" name="$2" port="$3" dir="$4" fsync="$5"
  mkdir -p "$dir"
  if [ "$server" = redis ]; then
    redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly yes --appendfsync "$fsync" \
      --auto-aof-rewrite-percentage 0 --dir "$dir" --daemonize no >"$work/$name.log" 2>&1 &
  else
    java "${java_opts[@]}" $(store_main) --port "$port" --save "" \
      --appendonly yes --appendfsync "$fsync" --auto-aof-rewrite-percentage 0 --dir "$dir" \
      >"$work/$name.log" 2>&1 &
  fi
  pids+=($!)
  wait_ping "$port" 3000
}
stop() { redis-cli -p "$1" shutdown nosave >/dev/null 2>&1 || true; sleep 0.5; }
now() { date +%s.%N; }
field() { redis-cli -p "$1" info "$2" | tr -d '\r' | grep "^$3:" | cut -d: -f2; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }'; }

echo "AOF bench: SET under appendfsync everysec/always, BGREWRITEAOF on $keys keys, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "disk: $(df -h "$work" | awk 'NR==2 {print $1, $6}')"
echo "store JVM: $(describe_store_opts)"
echo

declare -A rps p50 p99
for fsync in everysec always; do
  for server in redis vigil; do
    port="$(free_port)"
    start "$server" "$server-$fsync" "$port" "$work/$server-$fsync" "$fsync"
    # untimed warm-up (the store's JIT), done on both servers alike
    redis-benchmark -p "$port" -t set -n 300000 -r 100000 -c 50 -P 16 -q >/dev/null 2>&1
    redis-benchmark -p "$port" -t set -n 100000 -r 100000 -c 50 -P 1 -q >/dev/null 2>&1
    line="$(redis-benchmark -p "$port" -t set -n "$requests" -r 100000 -c 50 -P 1 --csv 2>/dev/null |
      tr -d '"' | awk -F, 'NR>1 {print $2, $5, $7}')"
    read -r rps["$server-$fsync"] p50["$server-$fsync"] p99["$server-$fsync"] <<<"$line"
    stop "$port"
  done
done
echo "redis-benchmark -t set -n $requests -r 100000 -c 50 -P 1"
echo
echo "| appendfsync | redis-server SET/s | Vigil SET/s | Vigil/Redis | redis p50/p99 ms | Vigil p50/p99 ms |"
echo "|---|---|---|---|---|---|"
for fsync in everysec always; do
  r="redis-$fsync"; v="vigil-$fsync"
  echo "| $fsync | ${rps[$r]} | ${rps[$v]} | $(ratio "${rps[$r]}" "${rps[$v]}") | ${p50[$r]}/${p99[$r]} | ${p50[$v]}/${p99[$v]} |"
done
echo

python3 "$root/bench/store/mixed-dataset.py" "$keys" >"$work/data.resp"
declare -A rewrite_s base_size
for server in redis vigil; do
  port="$(free_port)"
  start "$server" "$server-rewrite" "$port" "$work/$server-rewrite" everysec
  redis-cli -p "$port" --pipe <"$work/data.resp" >/dev/null
  [ "$(redis-cli -p "$port" dbsize)" = "$keys" ] || { echo "$server has $(redis-cli -p "$port" dbsize) keys" >&2; exit 1; }
  t0="$(now)"; redis-cli -p "$port" bgrewriteaof >/dev/null
  sleep 0.01
  while [ "$(field "$port" persistence aof_rewrite_in_progress)" != 0 ]; do sleep 0.01; done
  t1="$(now)"
  rewrite_s[$server]="$(echo "$t1 - $t0" | bc)"
  base_size[$server]="$(stat -c %s "$work/$server-rewrite"/appendonlydir/*.base.rdb)"
  stop "$port"
done
echo "| BGREWRITEAOF, $keys keys | redis-server | Vigil | Vigil/Redis |"
echo "|---|---|---|---|"
echo "| until aof_rewrite_in_progress:0 (s) | ${rewrite_s[redis]} | ${rewrite_s[vigil]} | $(ratio "${rewrite_s[redis]}" "${rewrite_s[vigil]}") |"
echo "| new base (bytes, RDB preamble) | ${base_size[redis]} | ${base_size[vigil]} | $(ratio "${base_size[redis]}" "${base_size[vigil]}") |"

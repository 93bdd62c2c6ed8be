#!/usr/bin/env bash
# GET/SET latency while persistence runs in the background: the Vigil store vs redis-server 7, side by side.
#
#   bench/store/persist-latency.sh [keys]      (default 1000000; BENCH_REQUESTS default 2000000, CLIENTS default 50)
#
# Both servers get the same mixed dataset (bench/store/mixed-dataset.py) with redis-cli --pipe, then for each server
# three runs of `redis-benchmark -t set,get -n $BENCH_REQUESTS -r <keys> -c $CLIENTS -P 1 --csv`:
#   - idle: nothing else runs;
#   - bgsave: a loop starts the next BGSAVE as soon as the last one ends;
#   - bgrewriteaof: appendonly is on (appendfsync everysec) and a loop starts the next BGREWRITEAOF as soon as the
#     last one ends.
# It prints p50/p99/max (ms, as redis-benchmark measures them, client side) and the number of background jobs that
# completed during the run; for the store also the longest JVM stop-the-world pause and the number of pauses over
# 50 ms (from -Xlog:safepoint, which covers every GC and VM operation), during that run.
# With the default 50 clients both servers run flat out, so p99 is mostly queueing behind the other 49 clients on
# a small machine; CLIENTS=4 (BENCH_REQUESTS=500000) keeps the load light and shows the latency a request sees
# from the background job itself.
# The store runs with bin/store-jvm.options (or STORE_JAVA_OPTS), from sentinel/target/vigil.jar when built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="${1:-1000000}"
bench_requests="${BENCH_REQUESTS:-2000000}"
clients="${CLIENTS:-50}"

# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup
field() { redis-cli -p "$1" info persistence | tr -d '\r' | grep "^$2:" | cut -d: -f2; }

redis_port="$(free_port)"
vigil_port="$(free_port)"
mkdir -p "$work/redis" "$work/vigil"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work/redis" --daemonize no \
  >"$work/redis.log" 2>&1 &
pids+=($!)
export STORE_JAVA_OPTS="${STORE_JAVA_OPTS:-@$root/bin/store-jvm.options} -Xlog:safepoint:file=$work/safepoint.log"
server_args=(--dir "$work/vigil")
# shellcheck disable=SC2046
$(store_command "$vigil_port") >"$work/vigil.log" 2>&1 &
pids+=($!)
wait_ping "$redis_port"
wait_ping "$vigil_port" 3000

python3 "$root/bench/store/mixed-dataset.py" "$keys" >"$work/data.resp"
redis-cli -p "$redis_port" --pipe <"$work/data.resp" >/dev/null
redis-cli -p "$vigil_port" --pipe <"$work/data.resp" >/dev/null

echo "GET/SET latency during BGSAVE / BGREWRITEAOF, $keys keys, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store JVM: $(describe_store_opts)"
echo "redis-benchmark -t set,get -n $bench_requests -r $keys -c $clients -P 1"
echo

loop() { # port command progress-field: start the command again as soon as the last one ends, until killed
  while true; do
    redis-cli -p "$1" "$2" >/dev/null 2>&1 || true
    sleep 0.05
    while [ "$(field "$1" "$3")" = 1 ]; do sleep 0.05; done
  done
}
# Longest stop-the-world pause (ms) and pauses over 50 ms in the safepoint log from line $1 on.
pauses() {
  tail -n +"$1" "$work/safepoint.log" | grep -o 'Total: [0-9]* ns' | awk '
    { ms = $2 / 1e6; if (ms > max) max = ms; if (ms > 50) over++ }
    END { printf "%.1f ms, %d over 50 ms", max, over }'
}

echo "| server | run | SET p50 / p99 / max ms | GET p50 / p99 / max ms | jobs done | longest JVM pause |"
echo "|---|---|---|---|---|---|"
for name in redis vigil; do
  port="${name}_port"; port="${!port}"
  for run in idle bgsave bgrewriteaof; do
    looper="" counter=""
    if [ "$run" = bgsave ]; then
      counter=rdb_saves
      loop "$port" bgsave rdb_bgsave_in_progress & looper=$!
    elif [ "$run" = bgrewriteaof ]; then
      counter=aof_rewrites
      redis-cli -p "$port" config set appendonly yes >/dev/null
      sleep 0.2
      while [ "$(field "$port" aof_rewrite_in_progress)" = 1 ]; do sleep 0.1; done
      loop "$port" bgrewriteaof aof_rewrite_in_progress & looper=$!
    fi
    before=0
    [ -n "$counter" ] && before="$(field "$port" "$counter")"
    log_from=$(($(wc -l <"$work/safepoint.log") + 1))
    csv="$(redis-benchmark -p "$port" -t set,get -n "$bench_requests" -r "$keys" -c "$clients" -P 1 --csv 2>/dev/null | tr -d '"')"
    jobs="-"
    if [ -n "$looper" ]; then
      kill "$looper"; wait "$looper" 2>/dev/null || true
      jobs="$(($(field "$port" "$counter") - before))"
    fi
    set_l="$(echo "$csv" | awk -F, '$1 == "SET" {print $5 " / " $7 " / " $8}')"
    get_l="$(echo "$csv" | awk -F, '$1 == "GET" {print $5 " / " $7 " / " $8}')"
    jvm="-"
    [ "$name" = vigil ] && jvm="$(pauses "$log_from")"
    echo "| $name | $run | $set_l | $get_l | $jobs | $jvm |"
  done
done

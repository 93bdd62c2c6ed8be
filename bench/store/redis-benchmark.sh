#!/usr/bin/env bash
# Side-by-side redis-benchmark of redis-server 7 and the Vigil embedded store, in one run on one machine.
#
#   bench/store/redis-benchmark.sh [requests]      (default 1000000)
#
# Starts redis-server (--save '' --appendonly no) and the Vigil store on free loopback ports, warms the store's JIT
# with a short untimed run, then runs for each pipeline depth (-P 1 and -P 16), alternating which server goes first:
#   redis-benchmark -t $TESTS -n N -r 100000 -c 50 -P depth --csv   (TESTS default: set,get,incr,lpush,hset,zadd,lrange_100)
# and prints a Markdown table with requests/s, p99 and the Vigil/Redis ratios.
#
# SERVER_ARGS adds directives to both servers and RANGE replaces 100000 as the -r key range, e.g. the eviction run:
#   SERVER_ARGS="--maxmemory 4mb --maxmemory-policy allkeys-lru" RANGE=10000000 TESTS=set,get bench/store/redis-benchmark.sh
# then the table is followed by each server's used_memory, maxmemory, evicted_keys and DBSIZE.
#
# The store is started from sentinel/target/vigil.jar when it has the store command (./mvnw -q install -DskipTests), else from
# the module's target/classes plus jars in ~/.m2 (./mvnw -q -pl resp,embedded-store install -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
requests="${1:-1000000}"
tests="${TESTS:-set,get,incr,lpush,hset,zadd,lrange_100}"
range="${RANGE:-100000}"
read -r -a server_args <<<"${SERVER_ARGS:-}"

# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup

redis_port="$(free_port)"
vigil_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no "${server_args[@]}" \
  >"$work/redis.log" 2>&1 &
pids+=($!)
# shellcheck disable=SC2046
$(store_command "$vigil_port") >"$work/vigil.log" 2>&1 &
pids+=($!)
wait_ping "$redis_port"
wait_ping "$vigil_port"

redis-benchmark -p "$vigil_port" -t "$tests" -n 300000 -r "$range" -c 50 -P 16 -q >/dev/null 2>&1
redis-benchmark -p "$vigil_port" -t "$tests" -n 100000 -r "$range" -c 50 -P 1 -q >/dev/null 2>&1

run() { # port depth -> csv lines "test,rps,p99"
  redis-benchmark -p "$1" -t "$tests" -n "$requests" -r "$range" -c 50 -P "$2" --csv 2>/dev/null |
    tr -d '"' | awk -F, 'NR>1 {print $1","$2","$7}'
}

echo "redis-benchmark -t $tests -n $requests -r $range -c 50, $(date -u +%Y-%m-%dT%H:%MZ) ${SERVER_ARGS:-}"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3)"
echo "vigil transport: $(redis-cli -p "$vigil_port" info server | grep multiplexing_api | tr -d '\r')"
echo
echo "| test | depth | Redis rps | Vigil rps | ratio | Redis p99 ms | Vigil p99 ms | p99 ratio |"
echo "|---|---|---|---|---|---|---|---|"
for depth in 1 16; do
  if [ "$depth" = 1 ]; then
    r="$(run "$redis_port" "$depth")"; v="$(run "$vigil_port" "$depth")"
  else
    v="$(run "$vigil_port" "$depth")"; r="$(run "$redis_port" "$depth")"
  fi
  while IFS=, read -r test rrps rp99; do
    vline="$(echo "$v" | grep "^$test,")"
    vrps="$(echo "$vline" | cut -d, -f2)"; vp99="$(echo "$vline" | cut -d, -f3)"
    awk -v t="$test" -v d="$depth" -v rr="$rrps" -v vr="$vrps" -v rp="$rp99" -v vp="$vp99" \
      'BEGIN { printf "| %s | %s | %.0f | %.0f | %.2f | %.3f | %.3f | %.2f |\n", t, d, rr, vr, vr/rr, rp, vp, (rp>0? vp/rp : 0) }'
  done <<<"$r"
done
if [ -n "${SERVER_ARGS:-}" ]; then
  echo
  echo "| server | used_memory | maxmemory | evicted_keys | DBSIZE |"
  echo "|---|---|---|---|---|"
  for server in "Redis $redis_port" "Vigil $vigil_port"; do
    read -r name port <<<"$server"
    info="$(redis-cli -p "$port" info memory; redis-cli -p "$port" info stats)"
    get() { echo "$info" | grep "^$1:" | cut -d: -f2 | tr -d '\r'; }
    echo "| $name | $(get used_memory) | $(get maxmemory) | $(get evicted_keys) | $(redis-cli -p "$port" dbsize) |"
  done
fi

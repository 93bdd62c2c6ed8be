#!/usr/bin/env bash
# RDB persistence, Vigil embedded store vs redis-server 7, side by side in one run on one machine.
#
#   bench/store/rdb.sh [keys]      (default 1000000)
#
# Loads the same mixed dataset into both servers with redis-cli --pipe: 40 % strings of 100 bytes, 15 % each of
# hashes, lists, sets (half intsets) and sorted sets of 10 small elements; then measures, for each server:
#   - SAVE time (round trip of the SAVE command) and the dump's size;
#   - BGSAVE: the start pause (redis: INFO latest_fork_usec; Vigil: the "snapshot pause" its log prints) and the time
#     until rdb_bgsave_in_progress is back to 0;
#   - load time at start (the "DB loaded from disk: N seconds" line both logs print) and keys loaded.
# GET/SET latency while BGSAVE and BGREWRITEAOF run: bench/store/persist-latency.sh.
# Prints a Markdown table per measurement. Needs redis-server, redis-cli, redis-benchmark and python3; the store
# runs from the modules' target/classes plus jars in ~/.m2 (./mvnw -q -pl resp,embedded-store compile).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="${1:-1000000}"

# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup
read -r -a java_opts <<<"$(store_java_opts)"

start_redis() { # name port dir
  redis-server --port "$2" --bind 127.0.0.1 --save '' --appendonly no --dir "$3" --daemonize no >"$work/$1.log" 2>&1 &
  pids+=($!)
  wait_ping "$2" 3000
}
start_vigil() { # name port dir
  java "${java_opts[@]}" $(store_main) --port "$2" --save "" --dir "$3" \
    >"$work/$1.log" 2>&1 &
  pids+=($!)
  wait_ping "$2" 3000
}
stop() { redis-cli -p "$1" shutdown nosave >/dev/null 2>&1 || true; sleep 0.5; }

now() { date +%s.%N; }
field() { redis-cli -p "$1" info "$2" | tr -d '\r' | grep "^$3:" | cut -d: -f2; }

mkdir -p "$work/redis" "$work/vigil"
redis_port="$(free_port)"
vigil_port="$(free_port)"
start_redis redis "$redis_port" "$work/redis"
start_vigil vigil "$vigil_port" "$work/vigil"

python3 "$root/bench/store/mixed-dataset.py" "$keys" >"$work/data.resp"
redis-cli -p "$redis_port" --pipe <"$work/data.resp" >/dev/null
redis-cli -p "$vigil_port" --pipe <"$work/data.resp" >/dev/null

echo "RDB bench: $keys keys (40 % 100-byte strings, 15 % each hash/list/set/zset of 10), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store JVM: $(describe_store_opts)"
echo

declare -A save_s bg_s pause_ms size load_s loaded
for name in redis vigil; do
  port="${name}_port"; port="${!port}"
  [ "$(redis-cli -p "$port" dbsize)" = "$keys" ] || { echo "$name has $(redis-cli -p "$port" dbsize) keys, expected $keys" >&2; exit 1; }
  t0="$(now)"; redis-cli -p "$port" save >/dev/null; t1="$(now)"
  save_s[$name]="$(echo "$t1 - $t0" | bc)"
  size[$name]="$(stat -c %s "$work/$name/dump.rdb")"
  t0="$(now)"; redis-cli -p "$port" bgsave >/dev/null
  while [ "$(field "$port" persistence rdb_bgsave_in_progress)" != 0 ]; do sleep 0.01; done
  t1="$(now)"
  bg_s[$name]="$(echo "$t1 - $t0" | bc)"
  if [ "$name" = redis ]; then
    pause_ms[$name]="$(echo "scale=2; $(field "$port" stats latest_fork_usec) / 1000" | bc)"
  else
    pause_ms[$name]="$(grep -o 'snapshot pause [0-9.]* ms' "$work/vigil.log" | tail -1 | awk '{print $3}')"
  fi
done

# Load at start: restart each server on its dump (the dump of the last BGSAVE).
stop "$redis_port"; stop "$vigil_port"
redis_port="$(free_port)"; vigil_port="$(free_port)"
start_redis redis2 "$redis_port" "$work/redis"
start_vigil vigil2 "$vigil_port" "$work/vigil"
load_s[redis]="$(grep -o 'DB loaded from disk: [0-9.]* seconds' "$work/redis2.log" | awk '{print $5}')"
load_s[vigil]="$(grep -o 'DB loaded from disk: [0-9.]* seconds' "$work/vigil2.log" | awk '{print $5}')"
loaded[redis]="$(redis-cli -p "$redis_port" dbsize)"; loaded[vigil]="$(redis-cli -p "$vigil_port" dbsize)"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }'; }
echo "| measurement | redis-server | Vigil | Vigil/Redis |"
echo "|---|---|---|---|"
echo "| SAVE (s) | ${save_s[redis]} | ${save_s[vigil]} | $(ratio "${save_s[redis]}" "${save_s[vigil]}") |"
echo "| dump size (bytes) | ${size[redis]} | ${size[vigil]} | $(ratio "${size[redis]}" "${size[vigil]}") |"
echo "| BGSAVE start pause (ms; redis: fork) | ${pause_ms[redis]} | ${pause_ms[vigil]} | $(ratio "${pause_ms[redis]}" "${pause_ms[vigil]}") |"
echo "| BGSAVE until done (s) | ${bg_s[redis]} | ${bg_s[vigil]} | $(ratio "${bg_s[redis]}" "${bg_s[vigil]}") |"
echo "| load at start (s, from the log) | ${load_s[redis]} | ${load_s[vigil]} | $(ratio "${load_s[redis]}" "${load_s[vigil]}") |"
echo "| keys after load | ${loaded[redis]} | ${loaded[vigil]} | |"

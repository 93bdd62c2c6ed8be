#!/usr/bin/env bash
# Resident memory for N keys with 100-byte values: the Vigil store vs redis-server 7, side by side.
#
#   bench/store/rss.sh [keys]      (default 1000000)
#
# Pipes the same `SET key:NNNNNNN <100 bytes>` commands into both servers with redis-cli --pipe, then waits until
# each server's VmRSS has settled (changed by less than 1 % over 5 s, at most 60 s: a JVM gives memory back a few
# seconds after the load, see bin/store-jvm.options) and prints VmRSS, INFO used_memory and the Vigil/Redis ratio.
# The store runs with bin/store-jvm.options (or STORE_JAVA_OPTS), from sentinel/target/vigil.jar when built.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="${1:-1000000}"

# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup

python3 - "$keys" >"$work/set.resp" <<'EOF'
import sys
out = sys.stdout.buffer
value = b"x" * 100
for i in range(int(sys.argv[1])):
    key = b"key:%07d" % i
    out.write(b"*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$100\r\n%s\r\n" % (len(key), key, value))
EOF

rss_mib() { awk '/^VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$1/status"; }
settled_rss() { # pid: VmRSS once it changes by less than 1 % over 5 s (at most 60 s)
  local last now i
  last="$(rss_mib "$1")"
  for i in $(seq 1 12); do
    sleep 5
    now="$(rss_mib "$1")"
    if awk -v a="$last" -v b="$now" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= a / 100) }'; then break; fi
    last="$now"
  done
  echo "$now"
}

redis_port="$(free_port)"
vigil_port="$(free_port)"
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" --daemonize no \
  >"$work/redis.log" 2>&1 &
redis_pid=$!
pids+=("$redis_pid")
server_args=(--dir "$work")
# shellcheck disable=SC2046
$(store_command "$vigil_port") >"$work/vigil.log" 2>&1 &
vigil_pid=$!
pids+=("$vigil_pid")
wait_ping "$redis_port"
wait_ping "$vigil_port" 3000

echo "RSS for $keys keys with 100-byte values, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "store JVM: $(describe_store_opts)"
echo
echo "| server | RSS empty (MiB) | RSS loaded (MiB) | used_memory | DBSIZE |"
echo "|---|---|---|---|---|"
declare -A rss
for name in redis vigil; do
  port="${name}_port"; port="${!port}"
  pid="${name}_pid"; pid="${!pid}"
  empty="$(rss_mib "$pid")"
  redis-cli -p "$port" --pipe <"$work/set.resp" >/dev/null
  rss[$name]="$(settled_rss "$pid")"
  used="$(redis-cli -p "$port" info memory | tr -d '\r' | grep '^used_memory:' | cut -d: -f2)"
  echo "| $name | $empty | ${rss[$name]} | $used | $(redis-cli -p "$port" dbsize) |"
done
echo
echo "RSS ratio Vigil/Redis: $(awk -v r="${rss[redis]}" -v v="${rss[vigil]}" 'BEGIN { printf "%.2f", v / r }')"

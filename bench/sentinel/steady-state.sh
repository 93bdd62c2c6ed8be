#!/usr/bin/env bash
# Steady-state cost of one sentinel watching N primaries (redis-server, no replicas) on loopback:
# CPU (% of one core, from /proc/<pid>/stat utime+stime over $WINDOW s after $SETTLE s) and RSS (VmRSS).
# Runs redis-sentinel and Vigil one after the other for each N in $COUNTS.
#   COUNTS="1 50 500" WINDOW=30 bench/sentinel/steady-state.sh
# Build the jar first: ./mvnw -q install -DskipTests
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COUNTS=${COUNTS:-"1 50 500"}; WINDOW=${WINDOW:-30}; SETTLE=${SETTLE:-15}; BASE=${BASE:-21000}
W=$(mktemp -d); : > "$W/pids"
cleanup(){ for p in $(cat "$W/pids" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done; rm -rf "$W"; }
trap cleanup EXIT
ticks=$(getconf CLK_TCK)
cpu_of(){ awk '{print $14+$15}' "/proc/$1/stat"; }
rss_of(){ awk '/VmRSS/{print $2}' "/proc/$1/status"; }
java_pid(){ # the JVM under bin/vigil (exec'd, so the same pid)
  echo "$1"
}
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), redis $(redis-server --version | awk '{print $3}'), window ${WINDOW}s"
echo "| primaries | sentinel | CPU % of one core | RSS MiB |"
echo "|---|---|---|---|"
for n in $COUNTS; do
  for i in $(seq 0 $((n-1))); do
    redis-server --port $((BASE+i)) --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null 2>&1 &
    echo $! >> "$W/pids"
  done
  for i in $(seq 0 $((n-1))); do
    for t in $(seq 1 100); do redis-cli -p $((BASE+i)) ping >/dev/null 2>&1 && break; sleep 0.05; done
  done
  for kind in redis vigil; do
    conf="$W/$kind-$n.conf"; sp=$((BASE+n+10))
    { echo "port $sp"; echo "bind 127.0.0.1"; echo "dir $W"
      for i in $(seq 0 $((n-1))); do
        echo "sentinel monitor m$i 127.0.0.1 $((BASE+i)) 1"
        echo "sentinel down-after-milliseconds m$i 5000"
      done; } > "$conf"
    if [ $kind = redis ]; then redis-sentinel "$conf" >"$W/$kind-$n.log" 2>&1 & else "$root/bin/vigil" sentinel "$conf" >"$W/$kind-$n.log" 2>&1 & fi
    pid=$!; echo $pid >> "$W/pids"
    sleep "$SETTLE"
    c0=$(cpu_of $pid); sleep "$WINDOW"; c1=$(cpu_of $pid)
    cpu=$(awk -v a="$c0" -v b="$c1" -v t="$ticks" -v w="$WINDOW" 'BEGIN{printf "%.1f", (b-a)/t/w*100}')
    rss=$(awk -v r="$(rss_of $pid)" 'BEGIN{printf "%.0f", r/1024}')
    ok=$(redis-cli -p $sp sentinel masters 2>/dev/null | grep -c '^flags$')
    echo "| $n | $kind | $cpu | $rss |  <!-- masters listed: $ok -->"
    kill -9 $pid 2>/dev/null; wait $pid 2>/dev/null
  done
  for p in $(cat "$W/pids"); do kill -9 "$p" 2>/dev/null; done; : > "$W/pids"; sleep 1
done

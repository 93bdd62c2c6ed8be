#!/usr/bin/env bash
# Replication benchmarks of the Vigil store, side by side with redis-server 7 in the same run on the same machine.
#
#   bench/store/replication.sh [keys]      (default 1000000)
#
# For each server kind (redis-server, then Vigil; every process on a free loopback port, no persistence):
#   1. full-sync time: a master holding <keys> keys of 100 bytes (written with redis-cli --pipe); time from
#      REPLICAOF on a fresh replica until its link is up and DBSIZE matches (diskless transfer, no delay);
#   2. replication lag under load: while redis-benchmark runs SET -c 50 -P 1 against the master, 500 probes
#      (one every 20 ms) write a sequence number to the master and poll the replica until it shows it;
#      p50 / p99 of write-to-visible time (includes one client round trip per poll, the same for both);
#   3. primary throughput with 0, 1 and 2 replicas attached: redis-benchmark -t set -n 1000000 -r 100000 -c 50 -P 16,
#      and the primary process's CPU time per SET (utime + stime from /proc/<pid>/stat over the run): what the
#      replicas cost the primary itself, whatever they cost the machine they run on.
# With PIN=1 the primary runs on CPU 0 and everything else (replicas, redis-benchmark, the probes) on CPU 1
# (taskset), so that on a 2-core machine the replicas do not take the primary's core: the throughput cost then
# measures the primary's own work for its replicas, as when they run on other machines.
# Prints Markdown tables. Run only on a quiet machine (uptime load < ~1.5): the figures are ratios of one run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
keys="${1:-1000000}"
# shellcheck source=bench/store/lib.sh
. "$root/bench/store/lib.sh"
bench_setup

pin_primary=() pin_others=()
if [ -n "${PIN:-}" ]; then pin_primary=(taskset -c 0); pin_others=(taskset -c 1); fi

start() { # kind role(primary|replica) -> sets started_port and started_pid (the process is recorded for cleanup)
  local port pin
  port="$(free_port)"
  if [ "$2" = primary ]; then pin=("${pin_primary[@]}"); else pin=("${pin_others[@]}"); fi
  mkdir -p "$work/$port"
  if [ "$1" = redis ]; then
    ${pin[@]+"${pin[@]}"} redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no --dir "$work/$port" \
      --repl-diskless-sync yes --repl-diskless-sync-delay 0 >"$work/redis-$port.log" 2>&1 &
  else
    # the store gets what redis-server gets: a diskless full sync that starts at once
    server_args=(--dir "$work/$port" --repl-diskless-sync yes --repl-diskless-sync-delay 0)
    # shellcheck disable=SC2046
    ${pin[@]+"${pin[@]}"} $(store_command "$port") >"$work/vigil-$port.log" 2>&1 &
  fi
  pids+=($!)
  started_port="$port"
  started_pid=$!
}

field() { redis-cli -p "$1" info "$2" | tr -d '\r' | grep "^$3:" | cut -d: -f2; }

fill() { # port
  python3 - "$keys" <<'EOF' | redis-cli -p "$1" --pipe >/dev/null
import sys
n = int(sys.argv[1])
value = "v" * 100
out = sys.stdout
for i in range(n):
    key = "key:%d" % i
    out.write("*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$100\r\n%s\r\n" % (len(key), key, value))
EOF
}

await_synced() { # replica master
  local want
  want="$(redis-cli -p "$2" dbsize)"
  until [ "$(field "$1" replication master_link_status)" = up ] && [ "$(redis-cli -p "$1" dbsize)" = "$want" ]; do
    sleep 0.02
  done
}

lag_probe() { # master replica -> "p50 p99" in ms
  python3 - "$1" "$2" <<'EOF'
import socket, sys, time
def conn(port):
    s = socket.create_connection(("127.0.0.1", int(port)))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s, s.makefile("rb")
def call(c, *args):
    s, f = c
    s.sendall(("*%d\r\n" % len(args) + "".join("$%d\r\n%s\r\n" % (len(a), a) for a in args)).encode())
    line = f.readline()
    if line[:1] == b"$":
        n = int(line[1:])
        return None if n < 0 else f.read(n + 2)[:-2].decode()
    return line[1:-2].decode()
m, r = conn(sys.argv[1]), conn(sys.argv[2])
lags = []
for i in range(500):
    t0 = time.perf_counter()
    call(m, "SET", "lagprobe", str(i))
    while call(r, "GET", "lagprobe") != str(i):
        pass
    lags.append((time.perf_counter() - t0) * 1000)
    time.sleep(0.02)
lags.sort()
print("%.3f %.3f" % (lags[len(lags) // 2], lags[int(len(lags) * 0.99)]))
EOF
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
throughput() { # port pid -> "rps cpu-us-per-SET" of SET -P 16
  local before after rps
  before="$(cpu_ticks "$2")"
  rps="$(${pin_others[@]+"${pin_others[@]}"} redis-benchmark -p "$1" -t set -n "${SET_REQUESTS:-1000000}" -r 100000 -c 50 -P 16 --csv 2>/dev/null |
    tr -d '"' | awk -F, 'NR>1 {print $2}')"
  after="$(cpu_ticks "$2")"
  echo "$rps $(awk -v n="${SET_REQUESTS:-1000000}" -v t="$((after - before))" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz * 1e6 / n }')"
}

declare -A sync_ms sync_hwm lag rps cpu
for kind in redis vigil; do
  start "$kind" primary; mport="$started_port"; mpid="$started_pid"
  wait_ping "$mport"
  if [ "$kind" = vigil ]; then # warm the JIT with an untimed run
    ${pin_others[@]+"${pin_others[@]}"} redis-benchmark -p "$mport" -t set,get -n 300000 -r 100000 -c 50 -P 16 -q >/dev/null 2>&1
    redis-cli -p "$mport" flushall >/dev/null
  fi
  fill "$mport"
  start "$kind" replica; r1port="$started_port"; r1pid="$started_pid"
  wait_ping "$r1port"
  t0="$(date +%s%N)"
  redis-cli -p "$r1port" replicaof 127.0.0.1 "$mport" >/dev/null
  await_synced "$r1port" "$mport"
  sync_ms[$kind]=$(( ($(date +%s%N) - t0) / 1000000 ))
  # the master's peak RSS so far (VmHWM); the store also reports the most payload bytes it held at once
  sync_hwm[$kind]=$(( $(awk '/^VmHWM/ {print $2}' "/proc/$mpid/status") / 1024 ))
  if [ "$kind" = vigil ]; then sync_peak="$(field "$mport" memory vigil_repl_sync_buffer_peak)"; fi

  ${pin_others[@]+"${pin_others[@]}"} redis-benchmark -p "$mport" -t set -n 100000000 -r 100000 -c 50 -P 1 -q >/dev/null 2>&1 &
  load=$!
  lag[$kind]="$(lag_probe "$mport" "$r1port")"
  kill "$load" 2>/dev/null || true
  wait "$load" 2>/dev/null || true

  redis-cli -p "$r1port" replicaof no one >/dev/null
  until [ "$(field "$mport" replication connected_slaves)" = 0 ]; do sleep 0.05; done
  read -r "rps[$kind,0]" "cpu[$kind,0]" <<<"$(throughput "$mport" "$mpid")"
  redis-cli -p "$r1port" replicaof 127.0.0.1 "$mport" >/dev/null
  await_synced "$r1port" "$mport"
  read -r "rps[$kind,1]" "cpu[$kind,1]" <<<"$(throughput "$mport" "$mpid")"
  start "$kind" replica; r2port="$started_port"; r2pid="$started_pid"
  wait_ping "$r2port"
  redis-cli -p "$r2port" replicaof 127.0.0.1 "$mport" >/dev/null
  await_synced "$r2port" "$mport"
  read -r "rps[$kind,2]" "cpu[$kind,2]" <<<"$(throughput "$mport" "$mpid")"
  kill "$mpid" "$r1pid" "$r2pid" 2>/dev/null || true
done

ratio() { python3 -c "print('%.2f' % ($1 / $2))"; }
echo "replication benchmarks, $keys keys x 100 bytes, $(date -u +%Y-%m-%dT%H:%MZ)"
echo "pinning: $([ -n "${PIN:-}" ] && echo "primary on CPU 0, replicas and clients on CPU 1" || echo none)"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/Model name: *//'), $(redis-server --version | cut -d' ' -f3), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| measure | Redis | Vigil | Vigil / Redis |"
echo "|---|---|---|---|"
echo "| full sync of $keys keys (ms) | ${sync_ms[redis]} | ${sync_ms[vigil]} | $(ratio "${sync_ms[vigil]}" "${sync_ms[redis]}") |"
echo "| master peak RSS by the end of the sync (MB) | ${sync_hwm[redis]} | ${sync_hwm[vigil]} | $(ratio "${sync_hwm[vigil]}" "${sync_hwm[redis]}") |"
read -r rp50 rp99 <<<"${lag[redis]}"
read -r vp50 vp99 <<<"${lag[vigil]}"
echo "| lag p50 under SET load (ms) | $rp50 | $vp50 | $(ratio "$vp50" "$rp50") |"
echo "| lag p99 under SET load (ms) | $rp99 | $vp99 | $(ratio "$vp99" "$rp99") |"
for n in 0 1 2; do
  echo "| SET -P 16 rps, $n replicas | ${rps[redis,$n]} | ${rps[vigil,$n]} | $(ratio "${rps[vigil,$n]}" "${rps[redis,$n]}") |"
done
for n in 0 1 2; do
  echo "| primary CPU per SET (us), $n replicas | ${cpu[redis,$n]} | ${cpu[vigil,$n]} | $(ratio "${cpu[vigil,$n]}" "${cpu[redis,$n]}") |"
done
echo
echo "store master: at most ${sync_peak:-?} bytes of the full-sync payload held at once (vigil_repl_sync_buffer_peak)"
echo
echo "| server | throughput cost of 1 replica | of 2 replicas | primary CPU per SET, 1 replica | 2 replicas |"
echo "|---|---|---|---|---|"
for kind in redis vigil; do
  c1="$(python3 -c "print('%.1f %%' % (100 * (1 - ${rps[$kind,1]} / ${rps[$kind,0]})))")"
  c2="$(python3 -c "print('%.1f %%' % (100 * (1 - ${rps[$kind,2]} / ${rps[$kind,0]})))")"
  u1="$(python3 -c "print('%+.1f %%' % (100 * (${cpu[$kind,1]} / ${cpu[$kind,0]} - 1)))")"
  u2="$(python3 -c "print('%+.1f %%' % (100 * (${cpu[$kind,2]} / ${cpu[$kind,0]} - 1)))")"
  echo "| $kind | $c1 | $c2 | $u1 | $u2 |"
done

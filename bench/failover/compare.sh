#!/usr/bin/env bash
# Failover time, Redis Sentinel vs Vigil sentinels, in one run on this machine, both supervising redis-server
# (1 primary + 2 replicas, 3 sentinels, quorum 2, down-after $DOWN ms, primary killed with SIGKILL).
# Uses ../shared/bench/failover-time.sh. Build the jar first: ./mvnw -q install -DskipTests
#   TRIALS=10 bench/failover/compare.sh
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
script="${FAILOVER_SCRIPT:-$root/../shared/bench/failover-time.sh}"
export TRIALS="${TRIALS:-10}" DOWN="${DOWN:-1000}"
echo "# $(date -u +%FT%TZ) $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'), redis $(redis-server --version | awk '{print $3}')"
echo "## Redis Sentinel"
STORE=redis-server SENTINEL=redis-sentinel BASE=17000 bash "$script"
echo "## Vigil"
STORE=redis-server SENTINEL="$root/bin/vigil sentinel" BASE=18000 bash "$script"

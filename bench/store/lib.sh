# Helpers shared by the store benchmarks (sourced; expects $root to be the repository root).

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

store_command() {
  local port="$1"
  local java_opts=(-XX:+UseParallelGC -Xms1g -Xmx1g -Dlogback.configurationFile="$root/bench/store/logback-bench.xml")
  if [ -f "$root/sentinel/target/vigil.jar" ] &&
    unzip -l "$root/sentinel/target/vigil.jar" 2>/dev/null | grep -q 'io/vigil/sentinel/cli/StoreCommand.class'; then
    echo java "${java_opts[@]}" -jar "$root/sentinel/target/vigil.jar" store --port "$port" --save ""
    return
  fi
  local cp="$root/embedded-store/target/classes:$root/resp/target/classes"
  local m2="${HOME}/.m2/repository"
  for jar in \
    io/netty/netty-buffer io/netty/netty-common io/netty/netty-transport io/netty/netty-handler \
    io/netty/netty-codec-base io/netty/netty-resolver io/netty/netty-transport-native-unix-common \
    io/netty/netty-transport-classes-epoll org/slf4j/slf4j-api ch/qos/logback/logback-classic ch/qos/logback/logback-core; do
    cp="$cp:$(ls "$m2/$jar"/*/*.jar | grep -v -- -sources | sort | tail -1)"
  done
  cp="$cp:$(ls "$m2"/io/netty/netty-transport-native-epoll/*/*-linux-x86_64.jar | sort | tail -1)"
  echo java "${java_opts[@]}" -cp "$cp" io.vigil.store.StoreMain --port "$port" --save ""
}

wait_ping() {
  for _ in $(seq 1 100); do
    if [ "$(redis-cli -p "$1" ping 2>/dev/null)" = "PONG" ]; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not answer PING" >&2
  exit 1
}


# Shared helpers of the store benchmarks (sourced, not run). Needs $root (the repository).

# Makes $work (a temporary directory) and the pids array; on exit kills every recorded pid and removes $work
# (KEEP_LOGS=1 prints the servers' logs first).
bench_setup() {
  work="$(mktemp -d)"
  pids=()
  trap bench_cleanup EXIT
}
bench_cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -n "${KEEP_LOGS:-}" ]; then cat "$work"/*.log >&2 || true; fi
  rm -rf "$work"
}

# A free loopback TCP port.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# The store's classpath: the modules' target/classes plus their runtime jars from ~/.m2
# (./mvnw -q -pl resp,embedded-store compile, with the dependencies downloaded once).
store_classpath() {
  local cp="$root/embedded-store/target/classes:$root/resp/target/classes:$root/config/target/classes"
  local m2="${HOME}/.m2/repository"
  for jar in \
    io/netty/netty-buffer io/netty/netty-common io/netty/netty-transport io/netty/netty-handler \
    io/netty/netty-codec-base io/netty/netty-resolver io/netty/netty-transport-native-unix-common \
    io/netty/netty-transport-classes-epoll org/slf4j/slf4j-api ch/qos/logback/logback-classic ch/qos/logback/logback-core; do
    cp="$cp:$(ls "$m2/$jar"/*/*.jar | grep -v -- -sources | sort | tail -1)"
  done
  echo "$cp:$(ls "$m2"/io/netty/netty-transport-native-epoll/*/*-linux-x86_64.jar | sort | tail -1)"
}

# The store's JVM options: STORE_JAVA_OPTS, else bin/store-jvm.options (what bin/vigil store uses), plus the
# benchmarks' quiet logback configuration.
store_java_opts() {
  echo "${STORE_JAVA_OPTS:-@$root/bin/store-jvm.options} -Dlogback.configurationFile=$root/bench/store/logback-bench.xml"
}

# The store's JVM options for a report, with an @options file replaced by its words.
describe_store_opts() {
  local word out=()
  for word in ${STORE_JAVA_OPTS:-@$root/bin/store-jvm.options}; do
    if [ "${word:0:1}" = @ ]; then
      # shellcheck disable=SC2207 # the words of the options file
      out+=($(sed -e 's/#.*//' "${word:1}"))
    else
      out+=("$word")
    fi
  done
  echo "${out[*]}"
}

# Waits until the server on port $1 answers PONG (not -LOADING); up to $2 tenths of a second (default 100).
wait_ping() {
  for _ in $(seq 1 "${2:-100}"); do
    if [ "$(redis-cli -p "$1" ping 2>/dev/null)" = "PONG" ]; then return 0; fi
    sleep 0.1
  done
  echo "server on port $1 did not answer PING" >&2
  exit 1
}

# The command that starts the store on port $1 (the vigil jar when built, else the module classes), with the
# caller's server_args array (may be empty); no save rules, and the caller's $work as dir, so nothing it might
# write (a dump, an AOF) lands in the directory the script was run from.
store_command() {
  local port="$1"
  local java_opts
  read -r -a java_opts <<<"$(store_java_opts)"
  echo java "${java_opts[@]}" $(store_main) --port "$port" --save "" --dir "${work:?store_command needs \$work}" ${server_args[@]+"${server_args[@]}"}
}

# How java starts the store: "-jar sentinel/target/vigil.jar store" when the jar is built (./mvnw -q install
# -DskipTests), else the module classes ("-cp <classpath> io.vigil.store.StoreMain").
store_main() {
  if [ -f "$root/sentinel/target/vigil.jar" ] &&
    unzip -l "$root/sentinel/target/vigil.jar" 2>/dev/null | grep 'io/vigil/sentinel/cli/StoreCommand.class' >/dev/null; then
    echo -jar "$root/sentinel/target/vigil.jar" store
  else
    echo -cp "$(store_classpath)" io.vigil.store.StoreMain
  fi
}

package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.engine.StoreStats;
import io.vigil.store.keyspace.Database;
import io.vigil.store.memory.ProcessMemory;
import io.vigil.store.replication.ReplicationManager;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code INFO [section ...]} with Redis 7's section names and field names (server, clients, memory, persistence,
 * stats, replication, cpu, cluster, keyspace). {@code used_memory} is the keyspace estimate plus reply buffers (the
 * number {@code maxmemory} is compared with), not the JVM heap (reported separately as {@code vigil_jvm_heap_used});
 * {@code used_memory_rss} is the process's resident set read from {@code /proc/self/statm}.
 */
public final class InfoCommand implements CommandFamily {

    private static final List<String> DEFAULT_SECTIONS =
            List.of("server", "clients", "memory", "persistence", "stats", "replication", "cpu", "cluster", "keyspace");

    /** How the network layer is implemented ({@code multiplexing_api}); set by the server at start. */
    private static volatile String multiplexingApi = "nio";

    /** Records the transport in use for {@code INFO server}. */
    public static void multiplexingApi(String api) {
        multiplexingApi = api;
    }

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.of("info", -1, InfoCommand::info)
                .flags(LOADING, STALE)
                .group("server")
                .summary("Returns information and statistics about the server."));
    }

    private static void info(CommandContext ctx) {
        Set<String> sections = new LinkedHashSet<>();
        if (ctx.argc() == 1) {
            sections.addAll(DEFAULT_SECTIONS);
        }
        for (int i = 1; i < ctx.argc(); i++) {
            String s = ctx.argString(i).toLowerCase(Locale.ROOT);
            if (s.equals("all") || s.equals("everything") || s.equals("default")) {
                sections.addAll(DEFAULT_SECTIONS);
            } else {
                sections.add(s);
            }
        }
        ctx.reply().verbatim(render(ctx.engine(), sections));
    }

    /** The INFO text for the given (lower-case) sections; unknown sections are skipped, as in Redis. */
    public static String render(StoreEngine engine, Set<String> sections) {
        StringBuilder sb = new StringBuilder();
        for (String section : DEFAULT_SECTIONS) {
            if (!sections.contains(section)) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("\r\n");
            }
            switch (section) {
                case "server" -> server(engine, sb);
                case "clients" -> clients(engine, sb);
                case "memory" -> memory(engine, sb);
                case "persistence" -> persistence(engine, sb);
                case "stats" -> stats(engine, sb);
                case "replication" -> replication(engine, sb);
                case "cpu" -> cpu(sb);
                case "cluster" -> sb.append("# Cluster\r\ncluster_enabled:0\r\n");
                case "keyspace" -> keyspace(engine, sb);
                default -> throw new IllegalStateException("section " + section);
            }
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(name).append(':').append(value).append("\r\n");
    }

    private static void server(StoreEngine e, StringBuilder sb) {
        long now = e.clock().millis();
        long uptime = (now - e.startMillis()) / 1000;
        sb.append("# Server\r\n");
        field(sb, "redis_version", ConnectionCommands.REDIS_VERSION);
        field(sb, "redis_git_sha1", "00000000");
        field(sb, "redis_git_dirty", 0);
        field(sb, "redis_build_id", "0");
        field(sb, "redis_mode", "standalone");
        field(
                sb,
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        field(sb, "arch_bits", 64);
        field(sb, "monotonic_clock", "JVM");
        field(sb, "multiplexing_api", multiplexingApi);
        field(sb, "process_id", ProcessHandle.current().pid());
        field(sb, "process_supervised", "no");
        field(sb, "run_id", e.runId());
        field(sb, "tcp_port", e.config().port());
        field(sb, "server_time_usec", e.clock().micros());
        field(sb, "uptime_in_seconds", uptime);
        field(sb, "uptime_in_days", uptime / 86400);
        field(sb, "hz", e.config().hz());
        field(sb, "configured_hz", e.config().hz());
        field(sb, "lru_clock", (now / 1000) & ((1 << 24) - 1));
        field(sb, "executable", "vigil");
        field(
                sb,
                "config_file",
                e.config().configFile() == null ? "" : e.config().configFile());
        field(sb, "io_threads_active", 0);
        field(sb, "vigil_version", StoreVersion.VERSION);
    }

    private static void clients(StoreEngine e, StringBuilder sb) {
        long pubsub = e.clients().stream().filter(c -> c.subscribed()).count();
        sb.append("# Clients\r\n");
        field(
                sb,
                "connected_clients",
                e.clients().size() - ReplicationManager.of(e).replicaCount());
        field(sb, "cluster_connections", 0);
        field(sb, "maxclients", e.config().maxClients());
        field(sb, "client_recent_max_input_buffer", 0);
        field(sb, "client_recent_max_output_buffer", 0);
        field(sb, "blocked_clients", e.blockedClientCount());
        field(sb, "tracking_clients", 0);
        field(sb, "clients_in_timeout_table", 0);
        field(sb, "pubsub_clients", pubsub);
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.2f%s", v, units[u]);
    }

    private static void memory(StoreEngine e, StringBuilder sb) {
        long used = e.usedMemory();
        long dataset = e.keyspace().memoryBytes();
        long peak = e.peakMemory();
        Runtime rt = Runtime.getRuntime();
        long heapUsed = rt.totalMemory() - rt.freeMemory();
        long rss = ProcessMemory.residentBytes();
        sb.append("# Memory\r\n");
        field(sb, "used_memory", used);
        field(sb, "used_memory_human", human(used));
        field(sb, "used_memory_rss", rss);
        field(sb, "used_memory_rss_human", human(rss));
        field(sb, "used_memory_peak", peak);
        field(sb, "used_memory_peak_human", human(peak));
        field(sb, "used_memory_dataset", dataset);
        field(sb, "maxmemory", e.config().get("maxmemory"));
        field(sb, "maxmemory_human", human(Long.parseLong(e.config().get("maxmemory"))));
        field(sb, "maxmemory_policy", e.config().get("maxmemory-policy"));
        field(sb, "mem_allocator", "jvm");
        field(sb, "vigil_jvm_heap_used", heapUsed);
        field(sb, "vigil_jvm_heap_max", rt.maxMemory());
        field(sb, "vigil_repl_sync_buffer_peak", ReplicationManager.of(e).syncBufferPeak());
    }

    private static void persistence(StoreEngine e, StringBuilder sb) {
        sb.append("# Persistence\r\n");
        e.persistence().info().forEach((name, value) -> field(sb, name, value));
    }

    private static void stats(StoreEngine e, StringBuilder sb) {
        StoreStats s = e.stats();
        sb.append("# Stats\r\n");
        field(sb, "total_connections_received", s.connectionsReceived);
        field(sb, "total_commands_processed", s.commandsProcessed);
        field(sb, "instantaneous_ops_per_sec", s.opsPerSec());
        field(sb, "total_net_input_bytes", s.netInputBytes);
        field(sb, "total_net_output_bytes", s.netOutputBytes);
        field(sb, "rejected_connections", s.rejectedConnections);
        ReplicationManager repl = ReplicationManager.of(e);
        field(sb, "sync_full", repl.syncFull());
        field(sb, "sync_partial_ok", repl.syncPartialOk());
        field(sb, "sync_partial_err", repl.syncPartialErr());
        field(sb, "expired_keys", s.expiredKeys);
        field(sb, "evicted_keys", s.evictedKeys);
        field(sb, "keyspace_hits", s.keyspaceHits);
        field(sb, "keyspace_misses", s.keyspaceMisses);
        field(sb, "pubsub_channels", e.pubsub().numChannels());
        field(sb, "pubsub_patterns", e.pubsub().numPat());
        field(sb, "client_output_buffer_limit_disconnections", s.outputLimitDisconnections);
        field(sb, "total_error_replies", s.errorReplies);
    }

    private static void replication(StoreEngine e, StringBuilder sb) {
        sb.append("# Replication\r\n");
        ReplicationManager.of(e).info(sb);
    }

    private static void cpu(StringBuilder sb) {
        long cpuNanos = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            cpuNanos = os.getProcessCpuTime();
        }
        sb.append("# CPU\r\n");
        field(sb, "used_cpu_sys", "0.000000");
        field(sb, "used_cpu_user", String.format(Locale.ROOT, "%.6f", cpuNanos / 1e9));
        field(sb, "used_cpu_sys_children", "0.000000");
        field(sb, "used_cpu_user_children", "0.000000");
    }

    private static void keyspace(StoreEngine e, StringBuilder sb) {
        sb.append("# Keyspace\r\n");
        long now = e.clock().millis();
        for (int i = 0; i < e.keyspace().count(); i++) {
            Database db = e.keyspace().db(i);
            if (db.size() == 0) {
                continue;
            }
            field(
                    sb,
                    "db" + i,
                    "keys=" + db.size() + ",expires=" + db.volatileCount() + ",avg_ttl=" + db.averageTtl(now));
        }
    }
}

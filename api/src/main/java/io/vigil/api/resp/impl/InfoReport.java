package io.vigil.api.resp.impl;

import io.vigil.api.sentinel.MasterView;
import io.vigil.api.sentinel.SentinelService;
import io.vigil.api.sentinel.SentinelStatus;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The text of {@code INFO [section]} on a sentinel: sections server, clients, stats and sentinel, in Redis's order and
 * format ({@code # Name} headers, {@code key:value} lines, CRLF, a blank line between sections).
 */
public final class InfoReport {

    private static final List<String> SECTIONS = List.of("server", "clients", "stats", "sentinel");

    private InfoReport() {}

    /**
     * The report for the requested sections, any case (none, {@code default}, {@code all} or {@code everything}: every
     * section; unknown names are skipped, so only unknown names give empty text).
     */
    public static String render(ServerContext context, List<String> sections) {
        Set<String> wanted = new HashSet<>();
        for (String section : sections) {
            wanted.add(section.toLowerCase(Locale.ROOT));
        }
        boolean every = wanted.isEmpty()
                || wanted.contains("default")
                || wanted.contains("all")
                || wanted.contains("everything");
        StringBuilder info = new StringBuilder();
        for (String name : SECTIONS) {
            if (!every && !wanted.contains(name)) {
                continue;
            }
            if (info.length() > 0) {
                info.append("\r\n");
            }
            switch (name) {
                case "server" -> server(context, info);
                case "clients" -> clients(context, info);
                case "stats" -> stats(context, info);
                default -> sentinel(context.service(), info);
            }
        }
        return info.toString();
    }

    private static void server(ServerContext context, StringBuilder info) {
        long now = context.clock().millis();
        long uptimeSeconds = (now - context.startMillis()) / 1000;
        info.append("# Server\r\n");
        line(info, "redis_version", context.options().compatibleVersion());
        line(info, "redis_mode", "sentinel");
        line(
                info,
                "os",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
        line(info, "arch_bits", System.getProperty("os.arch").contains("64") ? "64" : "32");
        line(info, "process_id", Long.toString(ProcessHandle.current().pid()));
        line(info, "run_id", context.service().myId());
        line(info, "tcp_port", Integer.toString(context.actualPort().getAsInt()));
        line(info, "server_time_usec", Long.toString(now * 1000));
        line(info, "uptime_in_seconds", Long.toString(uptimeSeconds));
        line(info, "uptime_in_days", Long.toString(uptimeSeconds / 86400));
        line(info, "config_file", context.options().configFile());
    }

    private static void clients(ServerContext context, StringBuilder info) {
        info.append("# Clients\r\n");
        line(
                info,
                "connected_clients",
                Integer.toString(context.clients().view().size()));
        line(info, "blocked_clients", "0");
    }

    private static void stats(ServerContext context, StringBuilder info) {
        info.append("# Stats\r\n");
        line(info, "total_connections_received", Long.toString(context.clients().connectionsReceived()));
        line(info, "total_commands_processed", Long.toString(context.clients().commandsProcessed()));
        line(info, "pubsub_channels", Integer.toString(context.hub().channelCount()));
        line(info, "pubsub_patterns", Integer.toString(context.hub().patternCount()));
        line(info, "total_error_replies", Long.toString(context.clients().errorReplies()));
    }

    /** The {@code # Sentinel} section. */
    static void sentinel(SentinelService service, StringBuilder info) {
        SentinelStatus status = service.status();
        List<MasterView> masters = service.masters();
        info.append("# Sentinel\r\n");
        line(info, "sentinel_masters", Integer.toString(masters.size()));
        line(info, "sentinel_tilt", status.tilt() ? "1" : "0");
        line(info, "sentinel_tilt_since_seconds", Long.toString(status.tiltSinceSeconds()));
        line(info, "sentinel_running_scripts", Integer.toString(status.runningScripts()));
        line(info, "sentinel_scripts_queue_length", Integer.toString(status.scriptsQueueLength()));
        line(info, "sentinel_simulate_failure_flags", Integer.toString(status.simulateFailureFlags()));
        int index = 0;
        for (MasterView master : masters) {
            line(
                    info,
                    "master" + index++,
                    "name=" + master.name()
                            + ",status=" + master.status()
                            + ",address=" + master.link().ip() + ":"
                            + master.link().port()
                            + ",slaves=" + master.numSlaves()
                            + ",sentinels=" + (master.numOtherSentinels() + 1));
        }
    }

    private static void line(StringBuilder info, String key, String value) {
        info.append(key).append(':').append(value).append("\r\n");
    }
}

package io.vigil.monitor.info;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of an {@code INFO} reply into an {@link InfoSnapshot}.
 *
 * <p>Accepts CRLF or LF line ends, {@code # Section} headers in any order, and fields it does not know (kept as
 * text). Lines without a colon are ignored, as Redis Sentinel ignores them. A field a sentinel acts on with a value
 * of the wrong shape (a port that is not a number, a role that is not master or slave) is an
 * {@link InfoParseException} naming the line: acting on a guessed value would be worse than not acting.
 *
 * <p>Stateless and thread-safe.
 */
public final class InfoParser {

    private static final Pattern REPLICA_LINE = Pattern.compile("slave(\\d+)");

    private InfoParser() {}

    /**
     * Parses a whole INFO reply.
     *
     * @throws InfoParseException when a field the snapshot types has a malformed value
     */
    public static InfoSnapshot parse(String reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new LinkedHashMap<>();
        List<String> sections = new ArrayList<>();
        List<ReplicaEntry> replicas = new ArrayList<>();
        String[] lines = reply.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            int lineNumber = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                sections.add(line.substring(1).strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String key = line.substring(0, colon);
            String value = line.substring(colon + 1);
            fields.put(key, value);
            lineOf.put(key, lineNumber);
            Matcher replica = REPLICA_LINE.matcher(key);
            if (replica.matches()) {
                replicas.add(parseReplica(lineNumber, Integer.parseInt(replica.group(1)), value));
            }
        }
        InfoSnapshot snapshot = new InfoSnapshot(fields, sections, replicas);
        new Typed(fields, lineOf).fill(snapshot);
        return snapshot;
    }

    /**
     * Parses the value of one {@code slaveN:} line: {@code ip=..,port=..,state=..,offset=..,lag=..} or the old
     * positional {@code ip,port,state}.
     *
     * @throws InfoParseException when the address or a number is missing or malformed
     */
    static ReplicaEntry parseReplica(int lineNumber, int index, String value) {
        String[] parts = value.split(",", -1);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (!value.contains("=")) {
            if (parts.length < 2) {
                throw new InfoParseException(
                        lineNumber, "slave" + index + " '" + value + "' is neither ip=..,port=.. nor ip,port,state");
            }
            pairs.put("ip", parts[0]);
            pairs.put("port", parts[1]);
            if (parts.length > 2) {
                pairs.put("state", parts[2]);
            }
        } else {
            for (String part : parts) {
                int eq = part.indexOf('=');
                if (eq <= 0) {
                    throw new InfoParseException(
                            lineNumber, "slave" + index + " has '" + part + "' where a key=value pair belongs");
                }
                pairs.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        String ip = pairs.remove("ip");
        String port = pairs.remove("port");
        if (ip == null || ip.isEmpty() || port == null) {
            throw new InfoParseException(lineNumber, "slave" + index + " '" + value + "' lacks ip= or port=");
        }
        String field = "slave" + index;
        return new ReplicaEntry(
                index,
                ip,
                toPort(lineNumber, field + " port", port),
                Optional.ofNullable(pairs.remove("state")),
                optionalLong(lineNumber, field + " offset", pairs.remove("offset")),
                optionalLong(lineNumber, field + " lag", pairs.remove("lag")),
                pairs);
    }

    private static int toPort(int line, String field, String value) {
        long port = toLong(line, field, value);
        if (port < 0 || port > 65535) {
            throw new InfoParseException(line, field + " is " + value + "; a port is in 0..65535");
        }
        return (int) port;
    }

    private static long toLong(int line, String field, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new InfoParseException(line, field + " is '" + value + "'; expected an integer");
        }
    }

    private static OptionalLong optionalLong(int line, String field, String value) {
        return value == null ? OptionalLong.empty() : OptionalLong.of(toLong(line, field, value));
    }

    /** Reads typed values out of the field map, naming the line of any malformed value. */
    private static final class Typed {
        private final Map<String, String> fields;
        private final Map<String, Integer> lineOf;

        Typed(Map<String, String> fields, Map<String, Integer> lineOf) {
            this.fields = fields;
            this.lineOf = lineOf;
        }

        void fill(InfoSnapshot s) {
            s.runId = text("run_id");
            s.role = text("role")
                    .map(v -> parse("role", v, InstanceRole::fromInfo))
                    .orElse(InstanceRole.UNKNOWN);
            s.redisVersion = text("redis_version");
            s.tcpPort = port("tcp_port");
            s.uptimeSeconds = number("uptime_in_seconds");
            s.loading = flag("loading", false);
            s.connectedReplicas = count("connected_slaves");
            s.masterReplOffset = number("master_repl_offset");
            s.masterReplId = text("master_replid");
            s.masterFailoverState = text("master_failover_state");
            s.masterHost = text("master_host");
            s.masterPort = port("master_port");
            s.masterLinkStatus =
                    text("master_link_status").map(v -> parse("master_link_status", v, MasterLinkStatus::fromInfo));
            s.masterLinkDownSinceSeconds = number("master_link_down_since_seconds");
            s.masterLastIoSecondsAgo = number("master_last_io_seconds_ago");
            s.masterSyncInProgress = flag("master_sync_in_progress", false);
            s.slaveReplOffset = number("slave_repl_offset");
            s.slaveReadReplOffset = number("slave_read_repl_offset");
            s.slavePriority = count("slave_priority");
            if (s.slavePriority.isEmpty()) {
                s.slavePriority = count("replica_priority");
            }
            if (s.slavePriority.isEmpty()) {
                s.slavePriority = count("replica-priority");
            }
            s.slaveReadOnly = flag("slave_read_only", false);
            s.replicaAnnounced = flag("replica_announced", true);
        }

        private Optional<String> text(String field) {
            return Optional.ofNullable(fields.get(field)).map(String::strip);
        }

        private <T> T parse(String field, String value, java.util.function.Function<String, T> mapper) {
            try {
                return mapper.apply(value);
            } catch (IllegalArgumentException e) {
                throw new InfoParseException(lineOf.get(field), e.getMessage());
            }
        }

        private OptionalLong number(String field) {
            String value = fields.get(field);
            return value == null ? OptionalLong.empty() : OptionalLong.of(toLong(lineOf.get(field), field, value));
        }

        private OptionalInt count(String field) {
            OptionalLong value = number(field);
            if (value.isEmpty()) {
                return OptionalInt.empty();
            }
            long v = value.getAsLong();
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new InfoParseException(lineOf.get(field), field + " is " + v + "; expected a 32-bit integer");
            }
            return OptionalInt.of((int) v);
        }

        private OptionalInt port(String field) {
            String value = fields.get(field);
            return value == null ? OptionalInt.empty() : OptionalInt.of(toPort(lineOf.get(field), field, value));
        }

        private boolean flag(String field, boolean absent) {
            String value = fields.get(field);
            if (value == null) {
                return absent;
            }
            return switch (value.strip()) {
                case "1" -> true;
                case "0" -> false;
                default ->
                    throw new InfoParseException(lineOf.get(field), field + " is '" + value + "'; expected 0 or 1");
            };
        }
    }
}

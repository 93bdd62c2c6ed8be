package io.vigil.store.config;

import io.vigil.store.memory.MaxmemoryPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The store's configuration: Redis's directive names, defaults and syntax, for the directives the embedded store
 * implements. Directives for features it does not have yet (persistence, replication) accept only their
 * "off" value and reject anything else with a reason, so no setting is silently ignored.
 *
 * <p>Values are kept in canonical string form ({@code CONFIG GET} output); typed getters parse them. Not thread
 * safe: it is read and changed on the store's command thread only (and before start).
 */
public final class StoreConfig {

    private final Map<String, ConfigParam> params = new LinkedHashMap<>();
    private final Map<String, ConfigParam> byAlias = new LinkedHashMap<>();
    private final EnumMap<ClientClass, OutputBufferLimit> outputLimits = new EnumMap<>(ClientClass.class);
    private Path configFile;

    /** The defaults (Redis 7's, except {@code bind 127.0.0.1}). */
    public StoreConfig() {
        add("port", false, "6379", Values.integer(0, 65535));
        add("bind", false, "127.0.0.1", raw -> raw.trim().replaceAll("\\s+", " "));
        add("dir", true, ".", StoreConfig::existingDirectory);
        add("requirepass", true, "", Values.any());
        add("databases", false, "16", Values.integer(1, Integer.MAX_VALUE));
        add("proto-max-bulk-len", true, "536870912", Values.memory(1024 * 1024, Long.MAX_VALUE));
        add(
                "client-output-buffer-limit",
                true,
                "normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
                this::normaliseOutputLimits);
        add("maxclients", true, "10000", Values.integer(1, Integer.MAX_VALUE));
        add("timeout", true, "0", Values.integer(0, Integer.MAX_VALUE));
        add("tcp-keepalive", true, "300", Values.integer(0, Integer.MAX_VALUE));
        add("tcp-backlog", false, "511", Values.integer(0, Integer.MAX_VALUE));
        add("hz", true, "10", Values.integer(1, 500));
        add("loglevel", true, "notice", Values.oneOf("debug", "verbose", "notice", "warning", "nothing"));
        add("logfile", false, "", Values.onlySupported("logging to a file (the store logs through SLF4J)", ""));
        add("daemonize", false, "no", Values.onlySupported("daemonize", "no"));
        add("protected-mode", true, "yes", Values.bool());
        add("save", true, "3600 1 300 100 60 10000", io.vigil.store.persistence.SaveRules::normalise);
        add("rdbcompression", true, "yes", Values.bool());
        add("rdbchecksum", true, "yes", Values.bool());
        add("stop-writes-on-bgsave-error", true, "yes", Values.bool());
        add("rdb-key-save-delay", true, "0", Values.integer(0, Integer.MAX_VALUE)); // µs per key, BGSAVE (tests)
        add("appendonly", true, "no", Values.bool());
        add("appendfsync", true, "everysec", Values.oneOf("everysec", "always", "no"));
        add("appenddirname", false, "appendonlydir", StoreConfig::plainFileName);
        add("aof-use-rdb-preamble", true, "yes", Values.bool());
        add("aof-load-truncated", true, "yes", Values.bool());
        add("auto-aof-rewrite-percentage", true, "100", Values.integer(0, Integer.MAX_VALUE));
        add("auto-aof-rewrite-min-size", true, "67108864", Values.memory(0, Long.MAX_VALUE));
        add("maxmemory", true, "0", Values.memory(0, Long.MAX_VALUE));
        add("maxmemory-policy", true, "noeviction", Values.oneOf(MaxmemoryPolicy.configNames()));
        add("maxmemory-samples", true, "5", Values.integer(1, Integer.MAX_VALUE));
        add("maxmemory-eviction-tenacity", true, "10", Values.integer(0, 100));
        add("lfu-log-factor", true, "10", Values.integer(0, Integer.MAX_VALUE));
        add("lfu-decay-time", true, "1", Values.integer(0, Integer.MAX_VALUE));
        add("replicaof", false, "", StoreConfig::normaliseReplicaOf, "slaveof");
        add("masterauth", true, "", Values.any());
        add("masteruser", true, "", Values.any());
        add("replica-priority", true, "100", Values.integer(0, Integer.MAX_VALUE), "slave-priority");
        add("replica-read-only", true, "yes", Values.bool(), "slave-read-only");
        add("replica-announced", true, "yes", Values.bool());
        add("min-replicas-to-write", true, "0", Values.integer(0, Integer.MAX_VALUE), "min-slaves-to-write");
        add("min-replicas-max-lag", true, "10", Values.integer(0, Integer.MAX_VALUE), "min-slaves-max-lag");
        add("repl-backlog-size", true, "1048576", Values.memory(16 * 1024, Integer.MAX_VALUE));
        add("repl-backlog-ttl", true, "3600", Values.integer(0, Integer.MAX_VALUE));
        add("repl-timeout", true, "60", Values.integer(1, Integer.MAX_VALUE));
        add("repl-ping-replica-period", true, "10", Values.integer(1, Integer.MAX_VALUE), "repl-ping-slave-period");
        add("repl-diskless-sync", true, "yes", Values.bool());
        add("repl-diskless-sync-delay", true, "5", Values.integer(0, Integer.MAX_VALUE));
        add("shutdown-timeout", true, "10", Values.integer(0, Integer.MAX_VALUE));
        add("shutdown-on-sigterm", true, "default", Values.shutdownFlags());
        add("shutdown-on-sigint", true, "default", Values.shutdownFlags());
        add("repl-diskless-sync-max-replicas", true, "0", Values.integer(0, Integer.MAX_VALUE));
        add("repl-diskless-load", true, "disabled", Values.oneOf("disabled", "on-empty-db", "swapdb"));
        add("key-load-delay", true, "0", Values.integer(0, Integer.MAX_VALUE)); // µs per key loaded from an RDB (tests)
        add("replica-serve-stale-data", true, "yes", Values.bool(), "slave-serve-stale-data");
        add("replica-announce-ip", true, "", Values.any(), "slave-announce-ip");
        add("replica-announce-port", true, "0", Values.integer(0, 65535), "slave-announce-port");
        add("fencing", true, "no", Values.bool());
        add("lazyfree-lazy-expire", true, "no", Values.bool());
        add("lazyfree-lazy-user-del", true, "no", Values.bool());
        add("lazyfree-lazy-eviction", true, "no", Values.bool());
        add("lazyfree-lazy-server-del", true, "no", Values.bool());
        add("active-expire-effort", true, "1", Values.integer(1, 10));
        add("activerehashing", true, "yes", Values.bool());
        add("dbfilename", true, "dump.rdb", StoreConfig::plainFileName);
        add("appendfilename", false, "appendonly.aof", StoreConfig::plainFileName);
        add("io-threads", false, "1", Values.onlySupported("io-threads other than 1", "1"));
        add("busy-reply-threshold", true, "5000", Values.integer(0, Integer.MAX_VALUE), "lua-time-limit");
    }

    /** {@code dir}: an existing directory (Redis changes into it at start and on CONFIG SET). */
    private static String existingDirectory(String raw) {
        if (!java.nio.file.Files.isDirectory(Path.of(raw))) {
            throw new IllegalArgumentException(
                    java.nio.file.Files.exists(Path.of(raw)) ? "Not a directory" : "No such file or directory");
        }
        return raw;
    }

    /** {@code dbfilename}: a file name inside {@code dir}, not a path (as Redis 7 requires). */
    private static String plainFileName(String raw) {
        if (raw.isEmpty() || raw.contains("/") || raw.equals(".") || raw.equals("..")) {
            throw new IllegalArgumentException("dbfilename can't be a path, just a filename");
        }
        return raw;
    }

    private void add(
            String name, boolean mutable, String defaultValue, UnaryOperator<String> normaliser, String... aliases) {
        ConfigParam param = new ConfigParam(name, List.of(aliases), mutable, defaultValue, normaliser);
        params.put(name, param);
        byAlias.put(name, param);
        for (String alias : aliases) {
            byAlias.put(alias, param);
        }
    }

    /** Whether {@code name} (any case, aliases included) is a known parameter. */
    public boolean isKnown(String name) {
        return byAlias.containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** The canonical name of {@code name} (any case, aliases included: {@code slaveof} gives {@code replicaof}). */
    public java.util.Optional<String> canonicalName(String name) {
        ConfigParam p = byAlias.get(name.toLowerCase(Locale.ROOT));
        return p == null ? java.util.Optional.empty() : java.util.Optional.of(p.name);
    }

    /** Whether {@code name} may be changed with {@code CONFIG SET}. */
    public boolean isMutable(String name) {
        ConfigParam p = byAlias.get(name.toLowerCase(Locale.ROOT));
        return p != null && p.mutable;
    }

    /**
     * Sets a parameter from its raw text.
     *
     * @throws IllegalArgumentException with the reason when the name is unknown or the value invalid
     */
    public void set(String name, String raw) {
        ConfigParam p = byAlias.get(name.toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("Bad directive or wrong number of arguments");
        }
        p.value = p.normaliser.apply(raw);
    }

    /** The canonical value of a parameter, or {@code null} when unknown. */
    public String get(String name) {
        ConfigParam p = param(name);
        return p == null ? null : p.value;
    }

    private ConfigParam param(String name) {
        ConfigParam p = byAlias.get(name); // callers in the store use the lower-case names: no copy needed
        return p != null ? p : byAlias.get(name.toLowerCase(Locale.ROOT));
    }

    /** Parameter names (canonical, then aliases) in definition order: name to value. */
    public Map<String, String> entries(boolean withAliases) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigParam p : params.values()) {
            out.put(p.name, p.value);
            if (withAliases) {
                for (String alias : p.aliases) {
                    out.put(alias, p.value);
                }
            }
        }
        return out;
    }

    /** The file this configuration was read from, or {@code null}. */
    public Path configFile() {
        return configFile;
    }

    void configFile(Path file) {
        this.configFile = file;
    }

    /** {@code port}. */
    public int port() {
        return Integer.parseInt(get("port"));
    }

    /** {@code bind} addresses. */
    public List<String> bind() {
        return List.of(get("bind").split(" "));
    }

    /** {@code dir}. */
    public Path dir() {
        return Path.of(get("dir"));
    }

    /** {@code requirepass}, or {@code null} when empty. */
    public String requirePass() {
        String v = get("requirepass");
        return v.isEmpty() ? null : v;
    }

    /** {@code databases}. */
    public int databases() {
        return Integer.parseInt(get("databases"));
    }

    /** {@code proto-max-bulk-len}. */
    public long protoMaxBulkLen() {
        return Long.parseLong(get("proto-max-bulk-len"));
    }

    /** {@code maxclients}. */
    public int maxClients() {
        return Integer.parseInt(get("maxclients"));
    }

    /** {@code hz}. */
    public int hz() {
        return Integer.parseInt(get("hz"));
    }

    /** {@code timeout} in seconds (0 = never close idle clients). */
    public int timeout() {
        return Integer.parseInt(get("timeout"));
    }

    /** {@code replica-priority}. */
    public int replicaPriority() {
        return Integer.parseInt(get("replica-priority"));
    }

    /** An integer-valued parameter (any directive whose values are integers). */
    public long getLong(String name) {
        ConfigParam p = param(name);
        if (p == null) {
            throw new NumberFormatException("no such parameter: " + name);
        }
        return p.longValue();
    }

    /** Whether a yes/no parameter is {@code yes}. */
    public boolean isYes(String name) {
        return "yes".equals(get(name));
    }

    /** {@code replicaof host port} as validated: must be empty or a host and a port. */
    private static String normaliseReplicaOf(String raw) {
        String[] words = raw.trim().split("\\s+");
        if (raw.isBlank()
                || (words.length == 2 && words[0].equalsIgnoreCase("no") && words[1].equalsIgnoreCase("one"))) {
            return "";
        }
        if (words.length != 2) {
            throw new IllegalArgumentException("expected 'replicaof <host> <port>'");
        }
        Values.integer(0, 65535).apply(words[1]);
        return words[0] + " " + words[1];
    }

    /** The {@code client-output-buffer-limit} for a class. */
    public OutputBufferLimit outputLimit(ClientClass clientClass) {
        return outputLimits.getOrDefault(clientClass, OutputBufferLimit.NONE);
    }

    private String normaliseOutputLimits(String raw) {
        String[] words = raw.trim().split("\\s+");
        if (words.length % 4 != 0) {
            throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
        }
        EnumMap<ClientClass, OutputBufferLimit> parsed = new EnumMap<>(outputLimits);
        for (int i = 0; i < words.length; i += 4) {
            ClientClass cc = ClientClass.parse(words[i]);
            if (cc == null || cc == ClientClass.MASTER) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            try {
                long hard = Values.parseMemory(words[i + 1]);
                long soft = Values.parseMemory(words[i + 2]);
                long seconds = Long.parseLong(words[i + 3]);
                if (seconds < 0) {
                    throw new IllegalArgumentException();
                }
                parsed.put(cc, new OutputBufferLimit(hard, soft, seconds));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "Error in hard, soft or soft_seconds setting in buffer limit " + "configuration.");
            }
        }
        outputLimits.clear();
        outputLimits.putAll(parsed);
        List<String> parts = new ArrayList<>();
        for (ClientClass cc : List.of(ClientClass.NORMAL, ClientClass.REPLICA, ClientClass.PUBSUB)) {
            OutputBufferLimit l = outputLimits.getOrDefault(cc, OutputBufferLimit.NONE);
            parts.add(cc.configName() + " " + l.hardBytes() + " " + l.softBytes() + " " + l.softSeconds());
        }
        return String.join(" ", parts);
    }
}

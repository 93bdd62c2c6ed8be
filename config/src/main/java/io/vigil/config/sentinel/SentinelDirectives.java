package io.vigil.config.sentinel;

import io.vigil.config.DirectiveTable;
import io.vigil.config.InvalidValueException;
import io.vigil.config.Setting;
import io.vigil.config.ValueType;
import io.vigil.config.ValueTypes;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Every directive of a Vigil sentinel.conf, declared once (name, arguments, validation, default, help). Four tables:
 * top-level directives, global {@code sentinel <option> <value>} options, per-master
 * {@code sentinel <option> <master> <value>} options, and Vigil's own {@code vigil <option> <value>} and
 * {@code vigil master <master> <option> <value>}. docs/configuration.md describes each.
 */
public final class SentinelDirectives {

    private SentinelDirectives() {}

    // ---- top level ----

    /** {@code port}: the sentinel's RESP port. */
    public static final Setting<Integer> PORT = Setting.single(
            "port",
            ValueTypes.described(
                    ValueTypes.intIn(0, 65535, ""), "a port (1..65535), or 0 for none (then tls-port is needed)"),
            26379,
            "TCP port of the Sentinel protocol (RESP); 0: none");
    /** {@code bind}: addresses to listen on. */
    public static final Setting<List<String>> BIND = Setting.list(
            "bind",
            bindAddress(),
            List.of(),
            "addresses to listen on (default: all); as in Redis, '*' is every IPv4 address and a leading '-' marks an"
                    + " address that may be missing");
    /** {@code dir}: working directory. */
    public static final Setting<String> DIR =
            Setting.single("dir", ValueTypes.string("a directory"), ".", "working directory");
    /** {@code daemonize}: only {@code no} is accepted. */
    public static final Setting<Boolean> DAEMONIZE = Setting.single(
            "daemonize",
            ValueTypes.described(onlyNo(), "no (Vigil does not daemonize; run it under a service manager)"),
            false,
            "accepted for compatibility; must be no");
    /** {@code logfile}: empty = standard output. */
    public static final Setting<String> LOGFILE =
            Setting.single("logfile", ValueTypes.string("a file name"), "", "log file; \"\" for standard output");
    /** {@code loglevel}. */
    public static final Setting<String> LOGLEVEL = Setting.single(
            "loglevel", ValueTypes.oneOf("debug", "verbose", "notice", "warning", "nothing"), "notice", "log level");
    /** {@code pidfile}. */
    public static final Setting<String> PIDFILE =
            Setting.single("pidfile", ValueTypes.string("a file name"), null, "file to write the process id to");
    /** {@code protected-mode}. */
    public static final Setting<Boolean> PROTECTED_MODE = Setting.single(
            "protected-mode", ValueTypes.yesNo(), false, "refuse non-loopback clients when no password is set");
    /** {@code requirepass}. */
    public static final Setting<String> REQUIREPASS = Setting.single(
                    "requirepass", ValueTypes.string("a password"), null, "password clients must AUTH with")
            .secret();
    /** {@code latency-tracking-info-percentiles}: written by Redis 7; accepted and ignored. */
    public static final Setting<List<String>> LATENCY_PERCENTILES = Setting.custom(
            "latency-tracking-info-percentiles",
            0,
            Integer.MAX_VALUE,
            "latency-tracking-info-percentiles <percentile> ...",
            (d, args) -> List.copyOf(args),
            List.of(),
            "written by redis-sentinel 7; accepted and ignored");
    /** {@code user}: only the default user Redis writes ({@code user default on nopass ~* &* +@all}). */
    public static final Setting<String> USER = Setting.custom(
                    "user",
                    1,
                    Integer.MAX_VALUE,
                    "user default on nopass ~* &* +@all",
                    (d, args) -> {
                        if (!isDefaultUser(args)) {
                            throw d.error("ACL users are not supported by Vigil; only the line redis-sentinel"
                                    + " writes, 'user default on nopass ~* &* +@all', is accepted; protect the"
                                    + " sentinel with requirepass");
                        }
                        return args.get(0);
                    },
                    null,
                    "written by redis-sentinel 7; only the open default user is accepted")
            .repeatable();

    /** The top-level directives (besides {@code sentinel} and {@code vigil}). */
    public static final DirectiveTable TOP_LEVEL = DirectiveTable.of("directive", topLevel());

    private static Setting<?>[] topLevel() {
        List<Setting<?>> settings = new java.util.ArrayList<>(List.of(
                PORT,
                BIND,
                DIR,
                DAEMONIZE,
                LOGFILE,
                LOGLEVEL,
                PIDFILE,
                PROTECTED_MODE,
                REQUIREPASS,
                LATENCY_PERCENTILES,
                USER));
        settings.addAll(TlsDirectives.all());
        return settings.toArray(Setting<?>[]::new);
    }

    // ---- sentinel <option> <value> ----

    /** {@code sentinel myid}. */
    public static final Setting<String> MYID =
            Setting.single("myid", ValueTypes.runId(), null, "this sentinel's id (generated and persisted)");
    /** {@code sentinel current-epoch}. */
    public static final Setting<Long> CURRENT_EPOCH = Setting.single(
            "current-epoch", ValueTypes.longIn(0, Long.MAX_VALUE, ""), 0L, "highest epoch seen (persisted)");
    /** {@code sentinel announce-ip}. */
    public static final Setting<String> ANNOUNCE_IP =
            Setting.single("announce-ip", ValueTypes.host(), null, "address announced in hello messages");
    /** {@code sentinel announce-port}: 0 = the listening port. */
    public static final Setting<Integer> ANNOUNCE_PORT = Setting.single(
            "announce-port",
            ValueTypes.described(ValueTypes.intIn(0, 65535, ""), "a port (1..65535), or 0 for the listening port"),
            0,
            "port announced in hello messages");
    /** {@code sentinel resolve-hostnames}. */
    public static final Setting<Boolean> RESOLVE_HOSTNAMES =
            Setting.single("resolve-hostnames", ValueTypes.yesNo(), false, "accept host names for instances");
    /** {@code sentinel announce-hostnames}. */
    public static final Setting<Boolean> ANNOUNCE_HOSTNAMES =
            Setting.single("announce-hostnames", ValueTypes.yesNo(), false, "announce host names, not IPs");
    /** {@code sentinel deny-scripts-reconfig}. */
    public static final Setting<Boolean> DENY_SCRIPTS_RECONFIG =
            Setting.single("deny-scripts-reconfig", ValueTypes.yesNo(), true, "refuse SENTINEL SET of script paths");
    /** {@code sentinel sentinel-user}. */
    public static final Setting<String> SENTINEL_USER =
            Setting.single("sentinel-user", ValueTypes.string("a user name"), null, "user to AUTH to peers with");
    /** {@code sentinel sentinel-pass}. */
    public static final Setting<String> SENTINEL_PASS = Setting.single(
                    "sentinel-pass", ValueTypes.string("a password"), null, "password to AUTH to peers with")
            .secret();

    /** The global {@code sentinel <option> <value>} options. */
    public static final DirectiveTable SENTINEL_GLOBAL = DirectiveTable.of(
            "sentinel option",
            MYID,
            CURRENT_EPOCH,
            ANNOUNCE_IP,
            ANNOUNCE_PORT,
            RESOLVE_HOSTNAMES,
            ANNOUNCE_HOSTNAMES,
            DENY_SCRIPTS_RECONFIG,
            SENTINEL_USER,
            SENTINEL_PASS);

    // ---- sentinel <option> <master> <value> (master name already removed) ----

    /** The arguments of {@code sentinel monitor <name> <host> <port> <quorum>}. */
    public record Monitor(String name, HostPort address, int quorum) {}

    /** {@code sentinel monitor}. */
    public static final Setting<Monitor> MONITOR = Setting.custom(
            "monitor",
            4,
            4,
            "sentinel monitor <master-name> <ip> <port> <quorum>",
            (d, args) -> new Monitor(
                    Setting.parseOne(d, ValueTypes.name(), args.get(0)),
                    new HostPort(
                            Setting.parseOne(d, ValueTypes.host(), args.get(1)),
                            Setting.parseOne(d, ValueTypes.port(), args.get(2))),
                    Setting.parseOne(d, ValueTypes.intIn(1, Integer.MAX_VALUE, "sentinels, at least 1"), args.get(3))),
            null,
            "a master to watch and the number of sentinels that must agree it is down");

    /** {@code sentinel down-after-milliseconds <master> <ms>}. */
    public static final Setting<Long> DOWN_AFTER = Setting.single(
            "down-after-milliseconds",
            ValueTypes.positiveMillis(),
            MasterOptions.DEFAULT_DOWN_AFTER_MS,
            "silence after which an instance is subjectively down");
    /** {@code sentinel failover-timeout <master> <ms>}. */
    public static final Setting<Long> FAILOVER_TIMEOUT = Setting.single(
            "failover-timeout",
            ValueTypes.positiveMillis(),
            MasterOptions.DEFAULT_FAILOVER_TIMEOUT_MS,
            "failover time limits (retry after 2x, promotion wait, replica reconfiguration)");
    /** {@code sentinel parallel-syncs <master> <n>}. */
    public static final Setting<Integer> PARALLEL_SYNCS = Setting.single(
            "parallel-syncs",
            ValueTypes.intIn(1, Integer.MAX_VALUE, "replicas"),
            MasterOptions.DEFAULT_PARALLEL_SYNCS,
            "replicas repointed at the same time after a failover");
    /** {@code sentinel auth-pass <master> <password>}. */
    public static final Setting<String> AUTH_PASS = Setting.single(
                    "auth-pass", ValueTypes.string("a password"), null, "password for the master and its replicas")
            .secret();
    /** {@code sentinel auth-user <master> <user>}. */
    public static final Setting<String> AUTH_USER = Setting.single(
            "auth-user", ValueTypes.string("a user name"), null, "ACL user for the master and its replicas");
    /** {@code sentinel notification-script <master> <path>}. */
    public static final Setting<String> NOTIFICATION_SCRIPT =
            Setting.single("notification-script", ValueTypes.executable(), null, "script run on warning events");
    /** {@code sentinel client-reconfig-script <master> <path>}. */
    public static final Setting<String> CLIENT_RECONFIG_SCRIPT = Setting.single(
            "client-reconfig-script", ValueTypes.executable(), null, "script run when a failover switches the master");
    /** {@code sentinel master-reboot-down-after-period <master> <ms>}. */
    public static final Setting<Long> REBOOT_DOWN_AFTER = Setting.single(
            "master-reboot-down-after-period",
            ValueTypes.longIn(0, Long.MAX_VALUE, "milliseconds, 0 = off"),
            0L,
            "treat a rebooted master as down for this long");
    /** {@code sentinel rename-command <master> <command> <renamed>}. */
    public static final Setting<List<String>> RENAME_COMMAND = Setting.custom(
                    "rename-command",
                    2,
                    2,
                    "sentinel rename-command <master-name> <command> <renamed-command>",
                    (d, args) -> List.copyOf(args),
                    null,
                    "send a renamed command to the master and its replicas")
            .repeatable();
    /** {@code sentinel config-epoch <master> <n>}. */
    public static final Setting<Long> CONFIG_EPOCH = Setting.single(
            "config-epoch", ValueTypes.longIn(0, Long.MAX_VALUE, ""), 0L, "epoch of the master's configuration");
    /** {@code sentinel leader-epoch <master> <n>}. */
    public static final Setting<Long> LEADER_EPOCH = Setting.single(
            "leader-epoch", ValueTypes.longIn(0, Long.MAX_VALUE, ""), 0L, "epoch of this sentinel's last vote");
    /** {@code sentinel known-replica <master> <ip> <port>}. */
    public static final Setting<HostPort> KNOWN_REPLICA = Setting.custom(
                    "known-replica",
                    2,
                    2,
                    "sentinel known-replica <master-name> <ip> <port>",
                    (d, args) -> new HostPort(
                            Setting.parseOne(d, ValueTypes.host(), args.get(0)),
                            Setting.parseOne(d, ValueTypes.port(), args.get(1))),
                    null,
                    "a discovered replica")
            .repeatable();
    /** {@code sentinel known-sentinel <master> <ip> <port> <runid>}. */
    public static final Setting<KnownSentinel> KNOWN_SENTINEL = Setting.custom(
                    "known-sentinel",
                    3,
                    3,
                    "sentinel known-sentinel <master-name> <ip> <port> <runid>",
                    (d, args) -> new KnownSentinel(
                            new HostPort(
                                    Setting.parseOne(d, ValueTypes.host(), args.get(0)),
                                    Setting.parseOne(d, ValueTypes.port(), args.get(1))),
                            Setting.parseOne(d, ValueTypes.runId(), args.get(2))),
                    null,
                    "a discovered peer sentinel")
            .repeatable();

    /** Per-master {@code sentinel} options, after the master name. */
    public static final DirectiveTable SENTINEL_MASTER = DirectiveTable.of(
            "sentinel option",
            DOWN_AFTER,
            FAILOVER_TIMEOUT,
            PARALLEL_SYNCS,
            AUTH_PASS,
            AUTH_USER,
            NOTIFICATION_SCRIPT,
            CLIENT_RECONFIG_SCRIPT,
            REBOOT_DOWN_AFTER,
            RENAME_COMMAND,
            CONFIG_EPOCH,
            LEADER_EPOCH,
            KNOWN_REPLICA,
            KNOWN_SENTINEL);

    // ---- vigil <option> <value> ----

    /** {@code vigil timing-profile}: {@code vigil} or {@code redis}. */
    public static final Setting<TimingProfile> TIMING_PROFILE = Setting.single(
            "timing-profile",
            enumType(TimingProfile.class),
            TimingProfile.VIGIL,
            "the timing defaults to start from: Vigil's faster ones or Redis Sentinel's");
    /** {@code vigil ping-period-ms} (default: the profile's). */
    public static final Setting<Long> PING_PERIOD =
            Setting.single("ping-period-ms", ValueTypes.positiveMillis(), null, "PING period");
    /** {@code vigil info-period-ms} (default: the profile's). */
    public static final Setting<Long> INFO_PERIOD =
            Setting.single("info-period-ms", ValueTypes.positiveMillis(), null, "INFO period");
    /** {@code vigil hello-period-ms} (default: the profile's). */
    public static final Setting<Long> HELLO_PERIOD =
            Setting.single("hello-period-ms", ValueTypes.positiveMillis(), null, "hello period");
    /** {@code vigil ask-period-ms} (default: the profile's). */
    public static final Setting<Long> ASK_PERIOD = Setting.single(
            "ask-period-ms", ValueTypes.positiveMillis(), null, "period of asking peers about a down master");
    /** {@code vigil failover-desync-max-ms} (default: the profile's). */
    public static final Setting<Long> FAILOVER_DESYNC_MAX = Setting.single(
            "failover-desync-max-ms",
            ValueTypes.longIn(0, Long.MAX_VALUE, "milliseconds"),
            null,
            "largest random delay before starting a failover");
    /** {@code vigil tilt-period-ms} (default: the profile's). */
    public static final Setting<Long> TILT_PERIOD =
            Setting.single("tilt-period-ms", ValueTypes.positiveMillis(), null, "TILT duration");
    /** {@code vigil tilt-trigger-ms} (default: the profile's). */
    public static final Setting<Long> TILT_TRIGGER =
            Setting.single("tilt-trigger-ms", ValueTypes.positiveMillis(), null, "timer gap that enters TILT");
    /** {@code vigil http-port}: {@code off} or a port. */
    public static final Setting<OptionalLong> HTTP_PORT =
            Setting.single("http-port", offOr(ValueTypes.port()), OptionalLong.empty(), "REST/WebSocket port");

    /** Vigil's global options. */
    public static final DirectiveTable VIGIL_GLOBAL = DirectiveTable.of(
            "vigil option",
            TIMING_PROFILE,
            PING_PERIOD,
            INFO_PERIOD,
            HELLO_PERIOD,
            ASK_PERIOD,
            FAILOVER_DESYNC_MAX,
            TILT_PERIOD,
            TILT_TRIGGER,
            HTTP_PORT);

    // ---- vigil master <master> <option> <value> ----

    /** {@code vigil master <m> max-lag-bytes}: {@code off} or bytes. */
    public static final Setting<OptionalLong> MAX_LAG_BYTES = Setting.single(
            "max-lag-bytes",
            offOr(ValueTypes.longIn(0, Long.MAX_VALUE, "bytes")),
            OptionalLong.empty(),
            "never promote a replica further behind than this");
    /** {@code vigil master <m> write-fencing}. */
    public static final Setting<Boolean> WRITE_FENCING =
            Setting.single("write-fencing", ValueTypes.yesNo(), false, "fence the master's writes with a lease");
    /** {@code vigil master <m> write-fencing-lease-ms}. */
    public static final Setting<Long> WRITE_FENCING_LEASE = Setting.single(
            "write-fencing-lease-ms",
            ValueTypes.positiveMillis(),
            null,
            "lease length (default: half of down-after-milliseconds)");
    /** {@code vigil master <m> leader-runid}: whom this sentinel voted for in {@code leader-epoch}. */
    public static final Setting<String> LEADER_RUNID = Setting.single(
            "leader-runid", ValueTypes.runId(), null, "the run id this sentinel voted for in leader-epoch (persisted)");

    /** Vigil's per-master options. */
    public static final DirectiveTable VIGIL_MASTER =
            DirectiveTable.of("vigil master option", MAX_LAG_BYTES, WRITE_FENCING, WRITE_FENCING_LEASE, LEADER_RUNID);

    private static <E extends Enum<E>> ValueType<E> enumType(Class<E> type) {
        List<String> names = new java.util.ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name().toLowerCase(Locale.ROOT));
        }
        ValueType<String> choice = ValueTypes.oneOf(names.toArray(String[]::new));
        return new ValueType<>() {
            @Override
            public E parse(String token) {
                return Enum.valueOf(type, choice.parse(token).toUpperCase(Locale.ROOT));
            }

            @Override
            public String describe() {
                return choice.describe();
            }

            @Override
            public String render(E value) {
                return value.name().toLowerCase(Locale.ROOT);
            }
        };
    }

    private static ValueType<String> bindAddress() {
        return new ValueType<>() {
            @Override
            public String parse(String token) {
                String address = token.startsWith("-") ? token.substring(1) : token;
                if (address.equals("*") || address.equals("::*") || ValueTypes.isHost(address)) {
                    return token;
                }
                throw new InvalidValueException(token, describe());
            }

            @Override
            public String describe() {
                return "an IP address, a host name, '*' or '::*' (optionally with a leading '-')";
            }
        };
    }

    private static ValueType<Boolean> onlyNo() {
        return new ValueType<>() {
            @Override
            public Boolean parse(String token) {
                if (token.equalsIgnoreCase("no")) {
                    return false;
                }
                throw new InvalidValueException(token, describe());
            }

            @Override
            public String describe() {
                return "no";
            }
        };
    }

    private static <T extends Number> ValueType<OptionalLong> offOr(ValueType<T> type) {
        String description = "off or " + type.describe();
        return new ValueType<>() {
            @Override
            public OptionalLong parse(String token) {
                if (token.equalsIgnoreCase("off")) {
                    return OptionalLong.empty();
                }
                try {
                    return OptionalLong.of(type.parse(token).longValue());
                } catch (InvalidValueException e) {
                    throw new InvalidValueException(token, description);
                }
            }

            @Override
            public String describe() {
                return description;
            }

            @Override
            public String render(OptionalLong value) {
                return value.isPresent() ? Long.toString(value.getAsLong()) : "off";
            }
        };
    }

    private static boolean isDefaultUser(List<String> args) {
        Set<String> tokens = new java.util.HashSet<>();
        for (String arg : args.subList(1, args.size())) {
            tokens.add(arg.toLowerCase(Locale.ROOT));
        }
        Set<String> allowed = Set.of(
                "on",
                "nopass",
                "~*",
                "&*",
                "+@all",
                "sanitize-payload",
                "resetchannels",
                "allchannels",
                "allkeys",
                "allcommands",
                "reset",
                "resetkeys",
                "resetpass");
        return args.get(0).equals("default")
                && tokens.contains("on")
                && tokens.contains("nopass")
                && (tokens.contains("+@all") || tokens.contains("allcommands"))
                && allowed.containsAll(tokens);
    }
}

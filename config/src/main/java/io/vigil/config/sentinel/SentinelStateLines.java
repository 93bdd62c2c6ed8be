package io.vigil.config.sentinel;

import io.vigil.config.ConfigRewriter;
import io.vigil.config.Directive;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sentinel.conf lines that represent a {@link SentinelState}, and which existing lines they own, for
 * {@link ConfigRewriter}. Owned: {@code sentinel myid}, {@code sentinel current-epoch}, and every per-master
 * {@code sentinel} and {@code vigil master} line. Not owned (kept as the operator wrote them): {@code port},
 * {@code bind}, global {@code sentinel announce-*} options, {@code vigil <option>} timings, comments, and anything
 * else. Lines come in the order redis-sentinel writes them: myid, then per master its monitor line, options,
 * epochs, known replicas and sentinels, then current-epoch.
 */
public final class SentinelStateLines {

    private static final Set<String> PER_MASTER_SINGLE = Set.of(
            "down-after-milliseconds",
            "failover-timeout",
            "parallel-syncs",
            "auth-pass",
            "auth-user",
            "notification-script",
            "client-reconfig-script",
            "master-reboot-down-after-period",
            "config-epoch",
            "leader-epoch");

    private SentinelStateLines() {}

    /** The key of a line this state owns, or empty for a line to keep as it is. */
    public static Optional<String> key(Directive directive) {
        List<String> args = directive.args();
        if (args.isEmpty()) {
            return Optional.empty();
        }
        String option = args.get(0).toLowerCase(Locale.ROOT);
        if (directive.name().equals("sentinel")) {
            if (option.equals("myid") || option.equals("current-epoch")) {
                return Optional.of("sentinel " + option);
            }
            if (args.size() < 2) {
                return Optional.empty();
            }
            String master = args.get(1);
            if (option.equals("monitor") || PER_MASTER_SINGLE.contains(option)) {
                return Optional.of("sentinel " + option + " " + master);
            }
            if (option.equals("known-replica") && args.size() >= 4) {
                return Optional.of("sentinel known-replica " + master + " " + args.get(2) + " " + args.get(3));
            }
            if (option.equals("known-sentinel") && args.size() >= 5) {
                return Optional.of(
                        "sentinel known-sentinel " + master + " " + args.get(4).toLowerCase(Locale.ROOT));
            }
            if (option.equals("rename-command") && args.size() >= 3) {
                return Optional.of(
                        "sentinel rename-command " + master + " " + args.get(2).toLowerCase(Locale.ROOT));
            }
            return Optional.empty();
        }
        if (directive.name().equals("vigil") && option.equals("master") && args.size() >= 3) {
            return Optional.of("vigil master " + args.get(1) + " " + args.get(2).toLowerCase(Locale.ROOT));
        }
        return Optional.empty();
    }

    /** The lines for {@code state}, in the order new ones are appended. */
    public static List<ConfigRewriter.Line> lines(SentinelState state) {
        List<ConfigRewriter.Line> lines = new ArrayList<>();
        state.myId().ifPresent(id -> lines.add(sentinel(List.of("myid", id), "myid")));
        for (MasterState master : state.masters()) {
            addMaster(lines, master);
        }
        lines.add(sentinel(List.of("current-epoch", Long.toString(state.currentEpoch())), "current-epoch"));
        return lines;
    }

    private static void addMaster(List<ConfigRewriter.Line> lines, MasterState master) {
        String name = master.name();
        MasterOptions options = master.options();
        MasterOptions defaults = MasterOptions.DEFAULTS;
        lines.add(sentinel(
                List.of(
                        "monitor",
                        name,
                        master.address().host(),
                        Integer.toString(master.address().port()),
                        Integer.toString(master.quorum())),
                "monitor " + name));
        option(lines, name, "down-after-milliseconds", options.downAfterMs(), defaults.downAfterMs());
        option(lines, name, "failover-timeout", options.failoverTimeoutMs(), defaults.failoverTimeoutMs());
        option(lines, name, "parallel-syncs", options.parallelSyncs(), defaults.parallelSyncs());
        optional(lines, name, "notification-script", options.notificationScript());
        optional(lines, name, "client-reconfig-script", options.clientReconfigScript());
        optional(lines, name, "auth-pass", options.authPass());
        optional(lines, name, "auth-user", options.authUser());
        option(
                lines,
                name,
                "master-reboot-down-after-period",
                options.rebootDownAfterPeriodMs(),
                defaults.rebootDownAfterPeriodMs());
        for (Map.Entry<String, String> renamed : options.renamedCommands().entrySet()) {
            lines.add(sentinel(
                    List.of("rename-command", name, renamed.getKey(), renamed.getValue()),
                    "rename-command " + name + " " + renamed.getKey().toLowerCase(Locale.ROOT)));
        }
        String lag = options.maxLagBytes().isPresent()
                ? Long.toString(options.maxLagBytes().getAsLong())
                : "off";
        vigil(lines, name, "max-lag-bytes", lag, options.maxLagBytes().isEmpty());
        vigil(lines, name, "write-fencing", options.writeFencing() ? "yes" : "no", !options.writeFencing());
        if (options.writeFencingLeaseMs().isPresent()) {
            vigil(
                    lines,
                    name,
                    "write-fencing-lease-ms",
                    Long.toString(options.writeFencingLeaseMs().getAsLong()),
                    false);
        }
        lines.add(sentinel(List.of("config-epoch", name, Long.toString(master.configEpoch())), "config-epoch " + name));
        lines.add(sentinel(List.of("leader-epoch", name, Long.toString(master.leaderEpoch())), "leader-epoch " + name));
        master.leader().ifPresent(leader -> vigil(lines, name, "leader-runid", leader, false));
        for (HostPort replica : master.knownReplicas()) {
            lines.add(sentinel(
                    List.of("known-replica", name, replica.host(), Integer.toString(replica.port())),
                    "known-replica " + name + " " + replica.host() + " " + replica.port()));
        }
        for (KnownSentinel peer : master.knownSentinels()) {
            lines.add(sentinel(
                    List.of(
                            "known-sentinel",
                            name,
                            peer.address().host(),
                            Integer.toString(peer.address().port()),
                            peer.runId()),
                    "known-sentinel " + name + " " + peer.runId()));
        }
    }

    private static void option(List<ConfigRewriter.Line> lines, String master, String option, long value, long def) {
        List<String> tokens = List.of("sentinel", option, master, Long.toString(value));
        String key = "sentinel " + option + " " + master;
        lines.add(value == def ? ConfigRewriter.Line.replaceOnly(key, tokens) : ConfigRewriter.Line.of(key, tokens));
    }

    private static void optional(
            List<ConfigRewriter.Line> lines, String master, String option, Optional<String> value) {
        value.ifPresent(v -> lines.add(sentinel(List.of(option, master, v), option + " " + master)));
    }

    private static void vigil(
            List<ConfigRewriter.Line> lines, String master, String option, String value, boolean isDefault) {
        List<String> tokens = List.of("vigil", "master", master, option, value);
        String key = "vigil master " + master + " " + option;
        lines.add(isDefault ? ConfigRewriter.Line.replaceOnly(key, tokens) : ConfigRewriter.Line.of(key, tokens));
    }

    private static ConfigRewriter.Line sentinel(List<String> args, String keySuffix) {
        List<String> tokens = new ArrayList<>(args.size() + 1);
        tokens.add("sentinel");
        tokens.addAll(args);
        return ConfigRewriter.Line.of("sentinel " + keySuffix, tokens);
    }
}

package io.vigil.config.sentinel;

import static io.vigil.config.sentinel.SentinelDirectives.*;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigFile;
import io.vigil.config.Directive;
import io.vigil.config.Setting;
import io.vigil.config.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** Turns the directives of a sentinel.conf into a {@link SentinelConfig}, with every check an operator needs. */
final class SentinelConfigParser {

    /** One {@code sentinel monitor} and the per-master directives that followed it. */
    private static final class MasterLines {
        final Directive monitorLine;
        final Monitor monitor;
        final List<Directive> sentinelOptions = new ArrayList<>();
        final List<Directive> vigilOptions = new ArrayList<>();

        MasterLines(Directive monitorLine, Monitor monitor) {
            this.monitorLine = monitorLine;
            this.monitor = monitor;
        }
    }

    private final List<Directive> topLevel = new ArrayList<>();
    private final List<Directive> sentinelGlobal = new ArrayList<>();
    private final List<Directive> vigilGlobal = new ArrayList<>();
    private final Map<String, MasterLines> masters = new LinkedHashMap<>();
    private final List<String> warnings = new ArrayList<>();

    private SentinelConfigParser() {}

    static SentinelConfig parse(ConfigFile file, List<Directive> overrides) {
        SentinelConfigParser parser = new SentinelConfigParser();
        List<Directive> all = new ArrayList<>(file.directives());
        all.addAll(overrides);
        for (Directive directive : all) {
            parser.route(directive);
        }
        return parser.build(file);
    }

    private void route(Directive directive) {
        switch (directive.name()) {
            case "sentinel" -> routeSentinel(directive.shift());
            case "vigil" -> routeVigil(directive.shift());
            default -> {
                if (TOP_LEVEL.lookup(directive.name()).isEmpty()) {
                    throw TOP_LEVEL.unknown(directive, List.of("sentinel", "vigil"));
                }
                topLevel.add(directive);
            }
        }
    }

    private void routeSentinel(Directive option) {
        if (option.name().equals("monitor")) {
            Monitor monitor = MONITOR.parse(option);
            MasterLines previous = masters.get(monitor.name());
            if (previous != null) {
                throw option.error("master '" + monitor.name() + "' is already monitored ("
                        + previous.monitorLine.where() + "); each master name may be monitored once");
            }
            masters.put(monitor.name(), new MasterLines(option, monitor));
        } else if (SENTINEL_GLOBAL.lookup(option.name()).isPresent()) {
            sentinelGlobal.add(option);
        } else if (SENTINEL_MASTER.lookup(option.name()).isPresent()) {
            masterFor(option).sentinelOptions.add(option.dropArgs(1));
        } else {
            List<String> alsoKnown = new ArrayList<>(List.of("monitor"));
            SENTINEL_MASTER.settings().forEach(s -> alsoKnown.add(s.name()));
            throw SENTINEL_GLOBAL.unknown(option, alsoKnown);
        }
    }

    private void routeVigil(Directive option) {
        if (option.name().equals("master")) {
            MasterLines master = masterFor(option);
            Directive masterOption = option.dropArgs(1).shift();
            if (VIGIL_MASTER.lookup(masterOption.name()).isEmpty()) {
                throw VIGIL_MASTER.unknown(masterOption);
            }
            master.vigilOptions.add(masterOption);
        } else {
            if (VIGIL_GLOBAL.lookup(option.name()).isEmpty()) {
                throw VIGIL_GLOBAL.unknown(option, List.of("master"));
            }
            vigilGlobal.add(option);
        }
    }

    private MasterLines masterFor(Directive option) {
        if (option.args().isEmpty()) {
            throw option.error("expected a master name after '" + option.name() + "'");
        }
        String name = option.arg(0);
        MasterLines master = masters.get(name);
        if (master == null) {
            throw option.error("master '" + name + "' is not monitored: per-master directives must come after its"
                    + " 'sentinel monitor " + name + " <ip> <port> <quorum>' line"
                    + (masters.isEmpty() ? "" : " (monitored: " + String.join(", ", masters.keySet()) + ")"));
        }
        return master;
    }

    private SentinelConfig build(ConfigFile file) {
        Settings top = TOP_LEVEL.parse(topLevel);
        Settings global = SENTINEL_GLOBAL.parse(sentinelGlobal);
        Settings vigilSettings = VIGIL_GLOBAL.parse(vigilGlobal);
        VigilOptions vigil = new VigilOptions(
                vigilSettings.get(TIMING_PROFILE),
                explicit(vigilSettings, PING_PERIOD),
                explicit(vigilSettings, INFO_PERIOD),
                explicit(vigilSettings, HELLO_PERIOD),
                explicit(vigilSettings, ASK_PERIOD),
                explicit(vigilSettings, FAILOVER_DESYNC_MAX),
                explicit(vigilSettings, TILT_PERIOD),
                explicit(vigilSettings, TILT_TRIGGER),
                toInt(vigilSettings.get(HTTP_PORT)));
        Optional<String> myId = global.find(MYID);
        long currentEpoch = global.get(CURRENT_EPOCH);
        List<MasterState> states = new ArrayList<>();
        for (MasterLines lines : masters.values()) {
            MasterState master = buildMaster(lines, myId, global, vigilSettings);
            currentEpoch = Math.max(currentEpoch, Math.max(master.configEpoch(), master.leaderEpoch()));
            states.add(master);
        }
        warnAboutSharedAddresses(states);
        return new SentinelConfig(
                file.sourceName(),
                file.path(),
                top.get(PORT),
                top.get(BIND),
                top.get(DIR),
                top.get(LOGFILE),
                top.get(LOGLEVEL),
                top.find(PIDFILE),
                top.get(PROTECTED_MODE),
                top.find(REQUIREPASS),
                global.find(ANNOUNCE_IP),
                global.get(ANNOUNCE_PORT),
                global.get(RESOLVE_HOSTNAMES),
                global.get(ANNOUNCE_HOSTNAMES),
                global.get(DENY_SCRIPTS_RECONFIG),
                global.find(SENTINEL_USER),
                global.find(SENTINEL_PASS),
                TlsDirectives.build(top, top.get(PORT), top.where(PORT)),
                vigil,
                new SentinelState(myId, currentEpoch, states),
                warnings);
    }

    private MasterState buildMaster(MasterLines lines, Optional<String> myId, Settings global, Settings vigil) {
        Settings s = SENTINEL_MASTER.parse(lines.sentinelOptions);
        Settings v = VIGIL_MASTER.parse(lines.vigilOptions);
        Map<String, String> renamed = new LinkedHashMap<>();
        for (List<String> pair : s.all(RENAME_COMMAND)) {
            renamed.put(pair.get(0), pair.get(1));
        }
        MasterOptions options = new MasterOptions(
                s.get(DOWN_AFTER),
                s.get(FAILOVER_TIMEOUT),
                s.get(PARALLEL_SYNCS),
                s.find(AUTH_PASS),
                s.find(AUTH_USER),
                s.find(NOTIFICATION_SCRIPT),
                s.find(CLIENT_RECONFIG_SCRIPT),
                s.get(REBOOT_DOWN_AFTER),
                renamed,
                v.get(MAX_LAG_BYTES),
                v.get(WRITE_FENCING),
                v.find(WRITE_FENCING_LEASE).map(OptionalLong::of).orElse(OptionalLong.empty()));
        if (myId.isPresent()) {
            for (Directive line : lines.sentinelOptions) {
                if (line.name().equals("known-sentinel") && line.arg(2).equalsIgnoreCase(myId.get())) {
                    throw line.error("this is this sentinel's own id (sentinel myid, "
                            + global.where(MYID).orElseThrow().where() + "); was the file copied from another"
                            + " sentinel? remove the myid line and the known-sentinel lines to start afresh");
                }
            }
        }
        List<KnownSentinel> sentinels = s.all(KNOWN_SENTINEL);
        Monitor monitor = lines.monitor;
        if (!sentinels.isEmpty() && monitor.quorum() > sentinels.size() + 1) {
            warnings.add(lines.monitorLine.where() + ": sentinel monitor " + monitor.name() + ": quorum "
                    + monitor.quorum() + " is more than the " + (sentinels.size() + 1)
                    + " sentinels known (this one and its known-sentinel lines); the master cannot be agreed down"
                    + " until more sentinels are discovered");
        }
        MasterState master = new MasterState(
                monitor.name(),
                monitor.address(),
                monitor.quorum(),
                options,
                s.get(CONFIG_EPOCH),
                s.get(LEADER_EPOCH),
                v.find(LEADER_RUNID),
                s.all(KNOWN_REPLICA),
                sentinels);
        checkTimings(master, lines, s, v, vigil);
        return master;
    }

    private void checkTimings(MasterState master, MasterLines lines, Settings s, Settings v, Settings vigil) {
        MasterOptions options = master.options();
        String downAfter =
                describe("sentinel down-after-milliseconds " + master.name(), options.downAfterMs(), s, DOWN_AFTER);
        long ping = vigil.find(PING_PERIOD).orElse(0L);
        if (ping > options.downAfterMs()) {
            throw new ConfigException(location(vigil, PING_PERIOD, lines) + ": vigil ping-period-ms = " + ping + " > "
                    + downAfter + ": the master would be marked down between two pings; make ping-period-ms at"
                    + " most down-after-milliseconds");
        }
        if (options.writeFencing() && options.effectiveWriteFencingLeaseMs() >= options.downAfterMs()) {
            throw new ConfigException(location(v, WRITE_FENCING_LEASE, lines) + ": vigil master " + master.name()
                    + " write-fencing-lease-ms = " + options.effectiveWriteFencingLeaseMs() + " >= " + downAfter
                    + ": an old master could still accept writes when a replica is promoted; the lease must be"
                    + " shorter than down-after-milliseconds");
        }
        if (options.failoverTimeoutMs() < options.downAfterMs()) {
            warnings.add(location(s, FAILOVER_TIMEOUT, lines) + ": sentinel failover-timeout " + master.name() + " = "
                    + options.failoverTimeoutMs() + " < " + downAfter + ": a failover will be abandoned before a"
                    + " silent replica could even be seen as down");
        }
    }

    private static String describe(String name, long value, Settings settings, Setting<?> setting) {
        return name + " = " + value
                + settings.where(setting).map(d -> " (" + d.where() + ")").orElse(" (default)");
    }

    private static String location(Settings settings, Setting<?> setting, MasterLines lines) {
        return settings.where(setting).orElse(lines.monitorLine).where();
    }

    private void warnAboutSharedAddresses(List<MasterState> states) {
        Map<HostPort, String> seen = new LinkedHashMap<>();
        for (MasterState master : states) {
            String other = seen.putIfAbsent(master.address(), master.name());
            if (other != null) {
                warnings.add(masters.get(master.name()).monitorLine.where() + ": sentinel monitor " + master.name()
                        + ": address " + master.address() + " is also master '" + other + "'");
            }
        }
    }

    private static OptionalLong explicit(Settings settings, Setting<Long> setting) {
        return settings.find(setting).map(OptionalLong::of).orElse(OptionalLong.empty());
    }

    private static OptionalInt toInt(OptionalLong value) {
        return value.isPresent() ? OptionalInt.of((int) value.getAsLong()) : OptionalInt.empty();
    }
}

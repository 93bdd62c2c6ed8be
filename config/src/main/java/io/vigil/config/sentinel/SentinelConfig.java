package io.vigil.config.sentinel;

import io.vigil.config.ConfigException;
import io.vigil.config.ConfigFile;
import io.vigil.config.Directive;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A sentinel's configuration, typed and validated, as read from a sentinel.conf (Redis's format plus Vigil's
 * {@code vigil ...} directives). Persisted state (id, epochs, masters, discovered instances) is in {@link #state()};
 * {@link SentinelStateStore} writes it back.
 *
 * <pre>{@code
 * SentinelConfig config = SentinelConfig.load(Path.of("sentinel.conf"));
 * for (MasterState master : config.state().masters()) { ... master.options().downAfterMs() ... }
 * config.warnings().forEach(log::warn);
 * }</pre>
 *
 * @param source the file name used in messages
 * @param file the file read, if any
 * @param port {@code port} (default 26379; 0 = no plain TCP port, only {@code tls-port})
 * @param bind {@code bind} (empty = all interfaces)
 * @param dir {@code dir} (default {@code .})
 * @param logfile {@code logfile} (empty = standard output)
 * @param loglevel {@code loglevel} (default {@code notice})
 * @param pidfile {@code pidfile}
 * @param protectedMode {@code protected-mode} (default no, as redis-sentinel)
 * @param requirepass {@code requirepass}
 * @param announceIp {@code sentinel announce-ip}
 * @param announcePort {@code sentinel announce-port} (0 = the listening port)
 * @param resolveHostnames {@code sentinel resolve-hostnames}
 * @param announceHostnames {@code sentinel announce-hostnames}
 * @param denyScriptsReconfig {@code sentinel deny-scripts-reconfig} (default yes)
 * @param sentinelUser {@code sentinel sentinel-user}
 * @param sentinelPass {@code sentinel sentinel-pass}
 * @param tls the {@code tls-*} directives
 * @param vigil Vigil's global options
 * @param state the persisted state and the monitored masters
 * @param warnings things that are legal but probably not meant, each naming file:line; log them at start
 */
public record SentinelConfig(
        String source,
        Optional<Path> file,
        int port,
        List<String> bind,
        String dir,
        String logfile,
        String loglevel,
        Optional<String> pidfile,
        boolean protectedMode,
        Optional<String> requirepass,
        Optional<String> announceIp,
        int announcePort,
        boolean resolveHostnames,
        boolean announceHostnames,
        boolean denyScriptsReconfig,
        Optional<String> sentinelUser,
        Optional<String> sentinelPass,
        TlsConfig tls,
        VigilOptions vigil,
        SentinelState state,
        List<String> warnings) {

    /** Copies the lists. */
    public SentinelConfig {
        bind = List.copyOf(bind);
        warnings = List.copyOf(warnings);
    }

    /**
     * Reads and validates a sentinel.conf.
     *
     * @throws ConfigException naming file, line, directive, value and what is valid
     * @throws IOException when the file cannot be read
     */
    public static SentinelConfig load(Path file) throws IOException {
        return parse(ConfigFile.read(file));
    }

    /** Validates a parsed file. */
    public static SentinelConfig parse(ConfigFile file) {
        return parse(file, List.of());
    }

    /**
     * Validates a parsed file followed by more directives (e.g. from the {@link io.vigil.config.CommandLine}), which
     * override the file's as in Redis.
     */
    public static SentinelConfig parse(ConfigFile file, List<Directive> overrides) {
        return SentinelConfigParser.parse(file, overrides);
    }

    /** The master called {@code name}, if monitored. */
    public Optional<MasterState> master(String name) {
        return state.master(name);
    }

    /** Like the record's, but with passwords hidden. */
    @Override
    public String toString() {
        return "SentinelConfig[source=" + source + ", port=" + port + ", bind=" + bind + ", dir=" + dir
                + ", requirepass=" + requirepass.map(p -> "***") + ", vigil=" + vigil + ", state=" + state + "]";
    }
}

package io.vigil.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real {@code redis-server} or {@code redis-sentinel} on a free 127.0.0.1 port, in its own temporary directory.
 *
 * <pre>{@code
 * try (RedisProcess primary = RedisProcess.server().start();
 *      RedisProcess replica = RedisProcess.server().replicaOf(primary).start()) {
 *     RedisClient.create(primary.uri()) ...
 * }
 * }</pre>
 *
 * <p>The server runs as a local child process or, when Docker is present, in a container on the host network
 * ({@link Backend}); tests do not see the difference. Every process is registered with the {@link ProcessReaper}.
 */
public final class RedisProcess implements AutoCloseable {

    /** What kind of Redis process to start. */
    public enum Kind {
        /** {@code redis-server}. */
        SERVER("redis-server"),
        /** {@code redis-sentinel} (needs a config file, which it rewrites). */
        SENTINEL("redis-sentinel");

        final String binary;

        Kind(String binary) {
            this.binary = binary;
        }
    }

    private final Kind kind;
    private final int port;
    private final Path dir;
    private final Handle handle;

    private RedisProcess(Kind kind, int port, Path dir, Handle handle) {
        this.kind = kind;
        this.port = port;
        this.dir = dir;
        this.handle = handle;
    }

    /** A builder for a {@code redis-server}. */
    public static Builder server() {
        return new Builder(Kind.SERVER);
    }

    /** A builder for a {@code redis-sentinel}; add {@code sentinel monitor ...} lines with {@link Builder#config}. */
    public static Builder sentinel() {
        return new Builder(Kind.SENTINEL);
    }

    /** The loopback port the process listens on. */
    public int port() {
        return port;
    }

    /** Always {@code 127.0.0.1}. */
    public String host() {
        return "127.0.0.1";
    }

    /** {@code redis://127.0.0.1:port}, for Lettuce. */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** The process's working directory (config file, log, dumps). */
    public Path dir() {
        return dir;
    }

    /** The kind of process. */
    public Kind kind() {
        return kind;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return handle.isAlive();
    }

    /** The last lines of the process's log, for assertion messages. */
    public String logTail() {
        return handle.logTail();
    }

    /** SIGKILL: the process dies at once, as in a crash. */
    public void kill() {
        handle.kill();
    }

    /** SIGSTOP: the process stays alive but answers nothing, as in a hang or a partition. */
    public void pause() {
        handle.signal("STOP");
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        handle.signal("CONT");
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s) and waits for it to end. */
    @Override
    public void close() {
        handle.stop();
    }

    /** Configures and starts a {@link RedisProcess}. */
    public static final class Builder {
        private final Kind kind;
        private final List<String> args = new ArrayList<>();
        private final List<String> configLines = new ArrayList<>();
        private int port;
        private Duration startTimeout = Duration.ofSeconds(30);

        private Builder(Kind kind) {
            this.kind = kind;
        }

        /** Use this port instead of a free one. */
        public Builder port(int port) {
            if (port <= 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 1..65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /** Extra command-line arguments in redis-server form, e.g. {@code "--appendonly", "yes"}. */
        public Builder args(String... more) {
            args.addAll(Arrays.asList(more));
            return this;
        }

        /** Lines for the config file (sentinels need at least {@code sentinel monitor ...}). */
        public Builder config(String... lines) {
            configLines.addAll(Arrays.asList(lines));
            return this;
        }

        /** Start as a replica of {@code primary}. */
        public Builder replicaOf(RedisProcess primary) {
            return args("--replicaof", primary.host(), Integer.toString(primary.port()));
        }

        /** How long to wait for the process to answer PING. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the process and returns once it answers PING. */
        public RedisProcess start() {
            int chosen = port > 0 ? port : FreePorts.next();
            Path dir;
            try {
                dir = Files.createTempDirectory("vigil-" + kind.binary + "-" + chosen + "-");
                List<String> lines = new ArrayList<>();
                lines.add("port " + chosen);
                lines.add("bind 127.0.0.1");
                lines.add("dir " + dir);
                lines.addAll(configLines);
                Files.write(dir.resolve("redis.conf"), lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare a directory for " + kind.binary, e);
            }
            List<String> command = new ArrayList<>();
            command.add(kind.binary);
            command.add(dir.resolve("redis.conf").toString());
            if (kind == Kind.SERVER) {
                command.addAll(List.of("--save", "", "--appendonly", "no"));
            }
            command.addAll(args);
            Handle handle = Backend.current() == Backend.CONTAINER
                    ? ContainerHandle.start(command, dir)
                    : LocalHandle.start(Backend.requireLocalBinary(kind.binary), command, dir);
            RedisProcess process = new RedisProcess(kind, chosen, dir, handle);
            try {
                Awaitility.await(kind.binary + " on port " + chosen + " to answer PING")
                        .atMost(startTimeout)
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> {
                            if (!handle.isAlive()) {
                                throw new IllegalStateException(
                                        kind.binary + " exited during start:\n" + handle.logTail());
                            }
                            return Ping.answers(chosen);
                        });
            } catch (ConditionTimeoutException e) {
                String log = handle.logTail();
                handle.stop();
                throw new IllegalStateException(
                        kind.binary + " did not answer PING on port " + chosen + " within " + startTimeout + ":\n"
                                + log,
                        e);
            }
            return process;
        }
    }

    /** The running process, local or in a container. */
    interface Handle {
        boolean isAlive();

        void kill();

        void signal(String name);

        void stop();

        String logTail();
    }
}

package io.vigil.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/**
 * Where {@link RedisProcess} gets its servers from: a Docker container when a Docker engine is reachable, the
 * local {@code redis-server}/{@code redis-sentinel} binaries otherwise.
 *
 * <p>The choice can be forced with the system property {@code vigil.testkit.backend} ({@code auto}, {@code local},
 * {@code container}).
 */
public enum Backend {
    /** Local Debian binaries ({@code redis-server}, {@code redis-sentinel}) started as child processes. */
    LOCAL,
    /** The {@code redis:7} image through Testcontainers, on the host network so it binds 127.0.0.1 like a local one. */
    CONTAINER;

    /** The system property that forces a backend. */
    public static final String PROPERTY = "vigil.testkit.backend";

    private static volatile Backend detected;

    /** The backend for this JVM: forced by {@link #PROPERTY}, else a container if Docker runs, else local. */
    public static Backend current() {
        Backend b = detected;
        if (b == null) {
            synchronized (Backend.class) {
                if (detected == null) {
                    detected = detect();
                }
                b = detected;
            }
        }
        return b;
    }

    private static Backend detect() {
        String forced = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        switch (forced) {
            case "local":
                requireLocalBinary("redis-server");
                return LOCAL;
            case "container":
                return CONTAINER;
            case "auto":
                break;
            default:
                throw new IllegalStateException(
                        PROPERTY + "=" + forced + " is not valid; use auto, local or container");
        }
        if (dockerAvailable()) {
            return CONTAINER;
        }
        if (findBinary("redis-server") != null) {
            return LOCAL;
        }
        throw new IllegalStateException("Neither a Docker engine nor a local redis-server binary is available. "
                + "Install the Debian packages (apt-get install -y redis-server redis-sentinel redis-tools) "
                + "or start Docker.");
    }

    private static boolean dockerAvailable() {
        if (System.getenv("DOCKER_HOST") == null && !Files.exists(Path.of("/var/run/docker.sock"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** The absolute path of an executable on the PATH, or null. */
    static Path findBinary(String name) {
        String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    static Path requireLocalBinary(String name) {
        Path binary = findBinary(name);
        if (binary == null) {
            throw new IllegalStateException(name + " is not on the PATH. Install it with "
                    + "apt-get install -y redis-server redis-sentinel redis-tools (or run with Docker).");
        }
        return binary;
    }
}

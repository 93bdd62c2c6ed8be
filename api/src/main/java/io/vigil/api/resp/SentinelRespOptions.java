package io.vigil.api.resp;

import java.util.Objects;
import java.util.Optional;

/**
 * Settings of the sentinel's RESP port. Setters validate and return {@code this}.
 *
 * <pre>{@code
 * new SentinelRespOptions().host("127.0.0.1").port(0).requirePass("secret")
 * }</pre>
 */
public final class SentinelRespOptions {

    /** Redis Sentinel's port. */
    public static final int DEFAULT_PORT = 26379;

    /** The Redis version the port reports in INFO and HELLO, so clients enable the features Vigil speaks. */
    public static final String DEFAULT_COMPATIBLE_VERSION = "7.0.15";

    private String host = "0.0.0.0";
    private int port = DEFAULT_PORT;
    private String requirePass;
    private String compatibleVersion = DEFAULT_COMPATIBLE_VERSION;
    private String configFile = "";
    private boolean plainPort = true;
    private RespTlsOptions tls;

    /** The address to bind; default {@code 0.0.0.0}. */
    public String host() {
        return host;
    }

    /** Sets the address to bind (an IP or hostname, not empty). */
    public SentinelRespOptions host(String host) {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        this.host = host;
        return this;
    }

    /** The port to listen on; 0 picks a free one (see {@link SentinelRespServer#actualPort()}). */
    public int port() {
        return port;
    }

    /** Sets the port, in [0, 65535]. */
    public SentinelRespOptions port(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        this.port = port;
        return this;
    }

    /** Whether the plain TCP {@link #port()} is opened (Redis's {@code port 0} turns it off when TLS is on). */
    public boolean plainPort() {
        return plainPort;
    }

    /** Opens no plain TCP port: only the TLS listener (requires {@link #tls(RespTlsOptions)}). */
    public SentinelRespOptions noPlainPort() {
        this.plainPort = false;
        return this;
    }

    /** The TLS listener ({@code tls-port}), if any. */
    public Optional<RespTlsOptions> tls() {
        return Optional.ofNullable(tls);
    }

    /** Adds a TLS listener. */
    public SentinelRespOptions tls(RespTlsOptions tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        return this;
    }

    /** The sentinel's {@code requirepass}: clients must AUTH with it; empty when none is configured. */
    public Optional<String> requirePass() {
        return Optional.ofNullable(requirePass);
    }

    /** Sets {@code requirepass}; null or empty turns authentication off. */
    public SentinelRespOptions requirePass(String password) {
        this.requirePass = password == null || password.isEmpty() ? null : password;
        return this;
    }

    /** The Redis version reported to clients ({@code redis_version}, HELLO {@code version}). */
    public String compatibleVersion() {
        return compatibleVersion;
    }

    /** Sets the reported Redis version, {@code major.minor.patch}. */
    public SentinelRespOptions compatibleVersion(String version) {
        Objects.requireNonNull(version, "version");
        if (!version.matches("\\d+\\.\\d+\\.\\d+")) {
            throw new IllegalArgumentException("compatible version must look like 7.0.15, got '" + version + "'");
        }
        this.compatibleVersion = version;
        return this;
    }

    /** The config file path INFO shows ({@code config_file}); empty when none. */
    public String configFile() {
        return configFile;
    }

    /** Sets the config file path INFO shows. */
    public SentinelRespOptions configFile(String path) {
        this.configFile = Objects.requireNonNull(path, "path");
        return this;
    }

    @Override
    public String toString() {
        return "SentinelRespOptions{host=" + host + ", port=" + port + ", requirePass="
                + (requirePass == null ? "none" : "******") + ", compatibleVersion=" + compatibleVersion + "}";
    }
}

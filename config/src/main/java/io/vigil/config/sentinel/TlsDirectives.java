package io.vigil.config.sentinel;

import io.vigil.config.ConfigException;
import io.vigil.config.Directive;
import io.vigil.config.Setting;
import io.vigil.config.Settings;
import io.vigil.config.ValueTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code tls-*} directives Vigil's sentinel accepts (Redis's names and meaning), the ones it refuses with a
 * reason, and the checks that turn them into a {@link TlsConfig}: files must exist, keys must be unencrypted PKCS#8,
 * and TLS needs a certificate, a key and a CA file.
 */
public final class TlsDirectives {

    private TlsDirectives() {}

    /** {@code tls-port}. */
    public static final Setting<Integer> TLS_PORT = Setting.single(
            "tls-port",
            ValueTypes.described(ValueTypes.intIn(0, 65535, ""), "a port (1..65535), or 0 for none"),
            0,
            "TCP port of the Sentinel protocol over TLS (0: none)");
    /** {@code tls-cert-file}. */
    public static final Setting<String> TLS_CERT_FILE = Setting.single(
            "tls-cert-file", ValueTypes.string("a PEM file"), null, "certificate chain this sentinel presents");
    /** {@code tls-key-file}. */
    public static final Setting<String> TLS_KEY_FILE = Setting.single(
            "tls-key-file", ValueTypes.string("a PEM file"), null, "private key of tls-cert-file (PKCS#8)");
    /** {@code tls-client-cert-file}. */
    public static final Setting<String> TLS_CLIENT_CERT_FILE = Setting.single(
            "tls-client-cert-file",
            ValueTypes.string("a PEM file"),
            null,
            "certificate presented when connecting to instances and sentinels (default: tls-cert-file)");
    /** {@code tls-client-key-file}. */
    public static final Setting<String> TLS_CLIENT_KEY_FILE = Setting.single(
            "tls-client-key-file",
            ValueTypes.string("a PEM file"),
            null,
            "private key of tls-client-cert-file (PKCS#8)");
    /** {@code tls-ca-cert-file}. */
    public static final Setting<String> TLS_CA_CERT_FILE = Setting.single(
            "tls-ca-cert-file",
            ValueTypes.string("a PEM file"),
            null,
            "CA certificates trusted for instances, sentinels and clients");
    /** {@code tls-auth-clients}. */
    public static final Setting<String> TLS_AUTH_CLIENTS = Setting.single(
            "tls-auth-clients",
            ValueTypes.oneOf("yes", "no", "optional"),
            "yes",
            "whether clients of tls-port must present a certificate signed by the CA");
    /** {@code tls-replication}. */
    public static final Setting<Boolean> TLS_REPLICATION = Setting.single(
            "tls-replication", ValueTypes.yesNo(), false, "connect to masters, replicas and other sentinels with TLS");

    /** Redis's TLS directives that Vigil does not implement: refused at start, never ignored. */
    public static final List<Setting<List<String>>> REFUSED = List.of(
            refused(
                    "tls-key-file-pass",
                    "encrypted keys are not supported; decrypt with 'openssl pkcs8 -topk8 -nocrypt'"),
            refused(
                    "tls-client-key-file-pass",
                    "encrypted keys are not supported; decrypt with 'openssl pkcs8 -topk8 -nocrypt'"),
            refused("tls-ca-cert-dir", "use tls-ca-cert-file (one PEM file may hold several CA certificates)"),
            refused("tls-dh-params-file", "not supported; the JDK chooses the key exchange"),
            refused("tls-protocols", "not supported; the JDK's enabled protocols (TLSv1.2, TLSv1.3) are used"),
            refused("tls-ciphers", "not supported; the JDK's default cipher suites are used"),
            refused("tls-ciphersuites", "not supported; the JDK's default cipher suites are used"),
            refused("tls-prefer-server-ciphers", "not supported"),
            refused("tls-session-caching", "not supported"),
            refused("tls-session-cache-size", "not supported"),
            refused("tls-session-cache-timeout", "not supported"),
            refused("tls-cluster", "not supported: a sentinel has no cluster bus"));

    /** Every setting of this class, accepted or refused, for the top-level directive table. */
    public static List<Setting<?>> all() {
        List<Setting<?>> all = new java.util.ArrayList<>(List.of(
                TLS_PORT,
                TLS_CERT_FILE,
                TLS_KEY_FILE,
                TLS_CLIENT_CERT_FILE,
                TLS_CLIENT_KEY_FILE,
                TLS_CA_CERT_FILE,
                TLS_AUTH_CLIENTS,
                TLS_REPLICATION));
        all.addAll(REFUSED);
        return List.copyOf(all);
    }

    private static Setting<List<String>> refused(String name, String why) {
        return Setting.custom(
                name,
                0,
                Integer.MAX_VALUE,
                name + " ...",
                (d, args) -> {
                    throw d.error(name + " is not supported by Vigil: " + why);
                },
                null,
                "refused: " + why);
    }

    /**
     * Builds the TLS configuration and checks it.
     *
     * @param top the parsed top-level settings
     * @param plainPort the {@code port} value (0 = no plain port)
     * @param portLine where {@code port} was set, for the error when neither port is open
     * @throws ConfigException naming the directive and file:line
     */
    static TlsConfig build(Settings top, int plainPort, Optional<Directive> portLine) {
        int tlsPort = top.get(TLS_PORT);
        boolean replication = top.get(TLS_REPLICATION);
        if (plainPort == 0 && tlsPort == 0) {
            String why = "port 0 disables the plain TCP port, so tls-port must be set to a port";
            throw portLine.map(d -> d.error(why)).orElseGet(() -> new ConfigException(why));
        }
        Optional<Path> cert = file(top, TLS_CERT_FILE, false);
        Optional<Path> key = file(top, TLS_KEY_FILE, true);
        Optional<Path> clientCert = file(top, TLS_CLIENT_CERT_FILE, false);
        Optional<Path> clientKey = file(top, TLS_CLIENT_KEY_FILE, true);
        Optional<Path> ca = file(top, TLS_CA_CERT_FILE, false);
        pair(top, TLS_CERT_FILE, cert, TLS_KEY_FILE, key);
        pair(top, TLS_CLIENT_CERT_FILE, clientCert, TLS_CLIENT_KEY_FILE, clientKey);
        TlsConfig.ClientAuth auth =
                TlsConfig.ClientAuth.valueOf(top.get(TLS_AUTH_CLIENTS).toUpperCase(Locale.ROOT));
        TlsConfig config = new TlsConfig(tlsPort, cert, key, clientCert, clientKey, ca, auth, replication);
        if (config.enabled()) {
            Setting<?> because = tlsPort > 0 ? TLS_PORT : TLS_REPLICATION;
            Directive line = top.where(because).orElseThrow();
            if (cert.isEmpty()) {
                throw line.error("TLS needs tls-cert-file and tls-key-file (the certificate this sentinel presents)");
            }
            if (ca.isEmpty()) {
                throw line.error("TLS needs tls-ca-cert-file (the CA that signed the certificates of instances,"
                        + " sentinels and clients)");
            }
        }
        return config;
    }

    private static Optional<Path> file(Settings top, Setting<String> setting, boolean privateKey) {
        Optional<String> value = top.find(setting);
        if (value.isEmpty() || value.get().isEmpty()) {
            return Optional.empty();
        }
        Directive d = top.where(setting).orElseThrow();
        Path path = Path.of(value.get());
        String text;
        try {
            text = Files.readString(path, StandardCharsets.US_ASCII);
        } catch (IOException | RuntimeException e) {
            throw d.error("cannot read " + path + ": " + e);
        }
        if (privateKey) {
            if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
                throw d.error(path + " is a PKCS#1/SEC1 key; Vigil needs PKCS#8 (BEGIN PRIVATE KEY): convert it with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in " + path + " -out key.pk8.pem'");
            }
            if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
                throw d.error(path + " is encrypted; Vigil needs an unencrypted PKCS#8 key: decrypt it with"
                        + " 'openssl pkcs8 -topk8 -nocrypt -in " + path + " -out key.pk8.pem'");
            }
            if (!text.contains("BEGIN PRIVATE KEY")) {
                throw d.error(path + " holds no PEM private key (expected -----BEGIN PRIVATE KEY-----)");
            }
        } else if (!text.contains("BEGIN CERTIFICATE")) {
            throw d.error(path + " holds no PEM certificate (expected -----BEGIN CERTIFICATE-----)");
        }
        return Optional.of(path);
    }

    private static void pair(
            Settings top,
            Setting<String> certSetting,
            Optional<Path> cert,
            Setting<String> keySetting,
            Optional<Path> key) {
        if (cert.isPresent() && key.isEmpty()) {
            throw top.where(certSetting).orElseThrow().error(certSetting.name() + " needs " + keySetting.name());
        }
        if (key.isPresent() && cert.isEmpty()) {
            throw top.where(keySetting).orElseThrow().error(keySetting.name() + " needs " + certSetting.name());
        }
    }
}

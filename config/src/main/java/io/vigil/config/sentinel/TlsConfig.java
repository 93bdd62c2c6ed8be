package io.vigil.config.sentinel;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code tls-*} directives of a sentinel.conf, as in Redis: {@code tls-port} serves the Sentinel protocol over
 * TLS, {@code tls-replication yes} makes the sentinel reach masters, replicas and other sentinels over TLS. Files are
 * PEM; private keys must be unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), which the parser checks.
 *
 * @param port {@code tls-port}: the TLS listening port, 0 for none
 * @param certFile {@code tls-cert-file}: the certificate chain this sentinel presents (server, and client when no
 *     {@code tls-client-cert-file})
 * @param keyFile {@code tls-key-file}: its private key
 * @param clientCertFile {@code tls-client-cert-file}: the certificate presented when connecting to instances
 * @param clientKeyFile {@code tls-client-key-file}: its private key
 * @param caCertFile {@code tls-ca-cert-file}: CA certificates trusted for peers and clients
 * @param authClients {@code tls-auth-clients}: whether clients of {@code tls-port} must present a certificate
 * @param replication {@code tls-replication}: connect to instances and sentinels with TLS
 */
public record TlsConfig(
        int port,
        Optional<Path> certFile,
        Optional<Path> keyFile,
        Optional<Path> clientCertFile,
        Optional<Path> clientKeyFile,
        Optional<Path> caCertFile,
        ClientAuth authClients,
        boolean replication) {

    /** {@code tls-auth-clients yes|no|optional}. */
    public enum ClientAuth {
        /** A client certificate is required (Redis's default). */
        YES,
        /** No client certificate is asked for. */
        NO,
        /** A client certificate is checked when presented. */
        OPTIONAL
    }

    /** No TLS at all. */
    public static TlsConfig disabled() {
        return new TlsConfig(
                0,
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                ClientAuth.YES,
                false);
    }

    /** The certificate presented when this sentinel connects out: {@code tls-client-cert-file}, else {@code tls-cert-file}. */
    public Optional<Path> outgoingCertFile() {
        return clientCertFile.isPresent() ? clientCertFile : certFile;
    }

    /** The key for {@link #outgoingCertFile()}. */
    public Optional<Path> outgoingKeyFile() {
        return clientCertFile.isPresent() ? clientKeyFile : keyFile;
    }

    /** Whether any TLS is configured. */
    public boolean enabled() {
        return port > 0 || replication;
    }
}

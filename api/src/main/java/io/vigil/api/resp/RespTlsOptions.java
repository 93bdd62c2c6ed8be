package io.vigil.api.resp;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A TLS listener of the sentinel's RESP port ({@code tls-port}): PEM certificate chain and PKCS#8 key it presents,
 * the CA certificates that client certificates must chain to, and whether clients must present one.
 *
 * @param port the TLS port; 0 picks a free one (see {@link SentinelRespServer#actualTlsPort()})
 * @param certificateChain PEM certificate chain
 * @param privateKey PEM private key (PKCS#8) of the chain
 * @param trustedCertificates PEM CA certificates for client authentication
 * @param clientAuth whether clients must present a certificate
 */
public record RespTlsOptions(
        int port, Path certificateChain, Path privateKey, Path trustedCertificates, ClientAuth clientAuth) {

    /** {@code tls-auth-clients}. */
    public enum ClientAuth {
        /** A certificate signed by a trusted CA is required. */
        REQUIRED,
        /** A certificate is checked when presented. */
        OPTIONAL,
        /** No certificate is asked for. */
        NONE
    }

    /** Checks the port and that nothing is missing. */
    public RespTlsOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        Objects.requireNonNull(certificateChain, "certificateChain");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        Objects.requireNonNull(clientAuth, "clientAuth");
    }
}

package io.vigil.monitor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether and how a link uses TLS (wired to Lettuce's {@code RedisURI.setSsl}/{@code setVerifyPeer} and
 * {@code SslOptions}).
 *
 * @param enabled connect with TLS
 * @param verify how the server certificate is checked
 * @param trustedCertificates PEM file of CA certificates to trust instead of the JDK's default trust store
 * @param clientCertificate PEM certificate chain presented to servers that require client authentication
 * @param clientKey PEM private key (PKCS#8) for {@code clientCertificate}
 */
public record TlsSettings(
        boolean enabled,
        Verify verify,
        Optional<Path> trustedCertificates,
        Optional<Path> clientCertificate,
        Optional<Path> clientKey) {

    /** How much of the server certificate to verify. */
    public enum Verify {
        /** Accept any certificate (testing only). */
        NONE,
        /** Check the chain against the trusted CAs, not the host name. */
        CA,
        /** Check the chain and that the certificate names the host. */
        FULL
    }

    /** Checks that a client certificate and key come together. */
    public TlsSettings {
        Objects.requireNonNull(verify, "verify");
        Objects.requireNonNull(trustedCertificates, "trustedCertificates");
        Objects.requireNonNull(clientCertificate, "clientCertificate");
        Objects.requireNonNull(clientKey, "clientKey");
        if (clientCertificate.isPresent() != clientKey.isPresent()) {
            throw new IllegalArgumentException("clientCertificate = " + clientCertificate.orElse(null)
                    + " and clientKey = " + clientKey.orElse(null) + ": give both or neither");
        }
    }

    /** Plain TCP. */
    public static TlsSettings disabled() {
        return new TlsSettings(false, Verify.FULL, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** TLS with the JDK trust store and the given verification. */
    public static TlsSettings enabled(Verify verify) {
        return new TlsSettings(true, verify, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The same settings, trusting the CA certificates in a PEM file. */
    public TlsSettings withTrustedCertificates(Path pem) {
        return new TlsSettings(enabled, verify, Optional.of(pem), clientCertificate, clientKey);
    }

    /** The same settings, presenting a client certificate (PEM chain and PKCS#8 key). */
    public TlsSettings withClientCertificate(Path certificateChain, Path key) {
        return new TlsSettings(enabled, verify, trustedCertificates, Optional.of(certificateChain), Optional.of(key));
    }
}

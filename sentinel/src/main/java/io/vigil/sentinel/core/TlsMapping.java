package io.vigil.sentinel.core;

import io.vigil.api.resp.RespTlsOptions;
import io.vigil.config.sentinel.TlsConfig;
import io.vigil.monitor.TlsSettings;
import java.util.Optional;

/** Turns the {@code tls-*} directives into the monitor's link settings and the RESP port's TLS listener. */
final class TlsMapping {

    private TlsMapping() {}

    /**
     * TLS for links to instances and sentinels: on with {@code tls-replication yes}, checking the chain against
     * {@code tls-ca-cert-file} but not the host name (as hiredis does for Redis Sentinel), presenting the client
     * certificate.
     */
    static TlsSettings links(TlsConfig tls) {
        if (!tls.replication()) {
            return TlsSettings.disabled();
        }
        TlsSettings settings = TlsSettings.enabled(TlsSettings.Verify.CA)
                .withTrustedCertificates(tls.caCertFile().orElseThrow());
        if (tls.outgoingCertFile().isPresent()) {
            settings = settings.withClientCertificate(
                    tls.outgoingCertFile().get(), tls.outgoingKeyFile().orElseThrow());
        }
        return settings;
    }

    /** The {@code tls-port} listener, when one is configured. */
    static Optional<RespTlsOptions> port(TlsConfig tls) {
        if (tls.port() == 0) {
            return Optional.empty();
        }
        return Optional.of(new RespTlsOptions(
                tls.port(),
                tls.certFile().orElseThrow(),
                tls.keyFile().orElseThrow(),
                tls.caCertFile().orElseThrow(),
                switch (tls.authClients()) {
                    case YES -> RespTlsOptions.ClientAuth.REQUIRED;
                    case OPTIONAL -> RespTlsOptions.ClientAuth.OPTIONAL;
                    case NO -> RespTlsOptions.ClientAuth.NONE;
                }));
    }
}

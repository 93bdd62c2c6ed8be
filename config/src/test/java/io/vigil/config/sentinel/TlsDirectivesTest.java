package io.vigil.config.sentinel;

import static io.vigil.config.sentinel.SentinelConfigTest.fails;
import static io.vigil.config.sentinel.SentinelConfigTest.failsContaining;
import static io.vigil.config.sentinel.SentinelConfigTest.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsDirectivesTest {

    @TempDir
    Path dir;

    Path cert;
    Path key;
    Path ca;

    @BeforeEach
    void files() throws IOException {
        cert = Files.writeString(
                dir.resolve("s.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        key = Files.writeString(dir.resolve("s.key"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");
        ca = Files.writeString(dir.resolve("ca.crt"), "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n");
    }

    @Test
    void offByDefault() {
        TlsConfig tls = parse("sentinel monitor m 127.0.0.1 6379 1").tls();
        assertThat(tls.enabled()).isFalse();
        assertThat(tls.port()).isZero();
    }

    @Test
    void replicationAndPortWithRedisNames() {
        SentinelConfig config = parse(
                "port 0",
                "tls-port 26380",
                "tls-replication yes",
                "tls-cert-file " + cert,
                "tls-key-file " + key,
                "tls-ca-cert-file " + ca,
                "tls-auth-clients optional",
                "sentinel monitor m 127.0.0.1 6379 1");
        TlsConfig tls = config.tls();
        assertThat(config.port()).isZero();
        assertThat(tls.port()).isEqualTo(26380);
        assertThat(tls.replication()).isTrue();
        assertThat(tls.authClients()).isEqualTo(TlsConfig.ClientAuth.OPTIONAL);
        assertThat(tls.outgoingCertFile()).contains(cert);
        assertThat(tls.outgoingKeyFile()).contains(key);
        assertThat(tls.caCertFile()).isEqualTo(Optional.of(ca));
    }

    @Test
    void clientCertificateIsPresentedWhenGiven() throws IOException {
        Path clientCert = Files.copy(cert, dir.resolve("c.crt"));
        Path clientKey = Files.copy(key, dir.resolve("c.key"));
        TlsConfig tls = parse(
                        "tls-replication yes",
                        "tls-cert-file " + cert,
                        "tls-key-file " + key,
                        "tls-client-cert-file " + clientCert,
                        "tls-client-key-file " + clientKey,
                        "tls-ca-cert-file " + ca)
                .tls();
        assertThat(tls.outgoingCertFile()).contains(clientCert);
        assertThat(tls.outgoingKeyFile()).contains(clientKey);
    }

    @Test
    void portZeroNeedsTlsPort() {
        fails(
                "sentinel.conf:1: port 0: port 0 disables the plain TCP port, so tls-port must be set to a port",
                "port 0");
    }

    @Test
    void tlsNeedsACertificateAndACa() {
        fails(
                "sentinel.conf:1: tls-replication yes: TLS needs tls-cert-file and tls-key-file (the certificate this"
                        + " sentinel presents)",
                "tls-replication yes");
        fails(
                "sentinel.conf:1: tls-port 26380: TLS needs tls-ca-cert-file (the CA that signed the certificates of"
                        + " instances, sentinels and clients)",
                "tls-port 26380",
                "tls-cert-file " + cert,
                "tls-key-file " + key);
        fails("sentinel.conf:1: tls-cert-file " + cert + ": tls-cert-file needs tls-key-file", "tls-cert-file " + cert);
    }

    @Test
    void keysMustBeUnencryptedPkcs8() throws IOException {
        Path pkcs1 = Files.writeString(dir.resolve("rsa.key"), "-----BEGIN RSA PRIVATE KEY-----\nMII\n");
        failsContaining(
                "sentinel.conf:2: tls-key-file " + pkcs1 + ": " + pkcs1 + " is a PKCS#1/SEC1 key; Vigil needs PKCS#8"
                        + " (BEGIN PRIVATE KEY): convert it with 'openssl pkcs8 -topk8 -nocrypt -in " + pkcs1,
                "tls-cert-file " + cert,
                "tls-key-file " + pkcs1);
        Path encrypted = Files.writeString(dir.resolve("enc.key"), "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMII\n");
        failsContaining(" is encrypted; Vigil needs an unencrypted PKCS#8 key", "tls-key-file " + encrypted);
        failsContaining(" holds no PEM certificate", "tls-ca-cert-file " + key);
        failsContaining(
                "sentinel.conf:1: tls-cert-file " + dir.resolve("missing.crt") + ": cannot read",
                "tls-cert-file " + dir.resolve("missing.crt"));
    }

    @Test
    void unimplementedRedisDirectivesAreRefusedNotIgnored() {
        fails(
                "sentinel.conf:1: tls-protocols \"TLSv1.2 TLSv1.3\": tls-protocols is not supported by Vigil: not"
                        + " supported; the JDK's enabled protocols (TLSv1.2, TLSv1.3) are used",
                "tls-protocols \"TLSv1.2 TLSv1.3\"");
        failsContaining("tls-ca-cert-dir is not supported by Vigil: use tls-ca-cert-file", "tls-ca-cert-dir /etc/ssl");
    }
}

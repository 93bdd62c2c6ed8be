package io.vigil.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority and one certificate it signed for 127.0.0.1, as PEM files in a temporary
 * directory: what {@code redis-server --tls-*} and {@code tls-*} directives need. Made with the JDK's {@code keytool}
 * (always present, unlike the openssl command); the private key is written as unencrypted PKCS#8.
 *
 * @param dir where the files are
 * @param caCert the CA certificate (PEM)
 * @param cert the certificate for 127.0.0.1 / localhost, signed by the CA (PEM); usable by servers and clients
 * @param key its private key (PEM, PKCS#8)
 */
public record TlsMaterial(Path dir, Path caCert, Path cert, Path key) {

    private static final String PASS = "vigil-test";

    /** Creates a CA and a certificate in a new temporary directory. */
    public static TlsMaterial create() {
        try {
            Path dir = Files.createTempDirectory("vigil-tls-");
            Path ca = dir.resolve("ca.p12");
            Path node = dir.resolve("node.p12");
            keytool(
                    dir,
                    null,
                    "-genkeypair",
                    "-alias",
                    "ca",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-dname",
                    "CN=vigil-test-ca",
                    "-ext",
                    "bc:c",
                    "-validity",
                    "2",
                    "-keystore",
                    ca.toString());
            keytool(
                    dir,
                    null,
                    "-genkeypair",
                    "-alias",
                    "node",
                    "-keyalg",
                    "RSA",
                    "-keysize",
                    "2048",
                    "-dname",
                    "CN=127.0.0.1",
                    "-validity",
                    "2",
                    "-keystore",
                    node.toString());
            byte[] request = keytool(dir, null, "-certreq", "-alias", "node", "-keystore", node.toString());
            byte[] signed = keytool(
                    dir,
                    request,
                    "-gencert",
                    "-alias",
                    "ca",
                    "-keystore",
                    ca.toString(),
                    "-rfc",
                    "-validity",
                    "2",
                    "-ext",
                    "SAN=IP:127.0.0.1,DNS:localhost");
            byte[] caPem = keytool(dir, null, "-exportcert", "-rfc", "-alias", "ca", "-keystore", ca.toString());
            Path caCert = Files.write(dir.resolve("ca.crt"), caPem);
            Path cert = Files.write(dir.resolve("node.crt"), signed);
            Path key = Files.writeString(dir.resolve("node.key"), pkcs8Pem(node, "node"), StandardCharsets.US_ASCII);
            return new TlsMaterial(dir, caCert, cert, key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create TLS test material", e);
        }
    }

    /** {@code redis-server} arguments that serve TLS on {@code tlsPort} with this material (and TLS replication). */
    public List<String> redisArgs(int tlsPort) {
        return List.of(
                "--tls-port", Integer.toString(tlsPort),
                "--tls-cert-file", cert.toString(),
                "--tls-key-file", key.toString(),
                "--tls-ca-cert-file", caCert.toString(),
                "--tls-replication", "yes");
    }

    private static String pkcs8Pem(Path keystore, String alias) throws IOException {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASS.toCharArray());
            Key key = store.getKey(alias, PASS.toCharArray());
            String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(key.getEncoded());
            return "-----BEGIN PRIVATE KEY-----\n" + body + "\n-----END PRIVATE KEY-----\n";
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key of " + alias + " from " + keystore, e);
        }
    }

    private static byte[] keytool(Path dir, byte[] input, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS, "-noprompt"));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (input != null) {
            process.getOutputStream().write(input);
        }
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + String.join(" ", args) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
        return out;
    }
}

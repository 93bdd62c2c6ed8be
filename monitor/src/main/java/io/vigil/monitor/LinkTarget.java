package io.vigil.monitor;

import java.util.Objects;
import java.util.Optional;

/**
 * What to connect to and how: address, kind, credentials and TLS.
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @param address host and port
 * @param kind master, replica or peer sentinel
 * @param username ACL user for {@code AUTH user pass}; empty for {@code AUTH pass}
 * @param password empty when the instance needs no {@code AUTH}
 * @param tls TLS settings
 */
public record LinkTarget(
        InstanceAddress address,
        InstanceKind kind,
        Optional<String> username,
        Optional<String> password,
        TlsSettings tls) {

    /** Checks that a username comes with a password. */
    public LinkTarget {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(tls, "tls");
        if (username.isPresent() && password.isEmpty()) {
            throw new IllegalArgumentException("username '" + username.get() + "' given without a password");
        }
    }

    /** A plain-TCP target without AUTH. */
    public static LinkTarget of(String host, int port, InstanceKind kind) {
        return new LinkTarget(
                new InstanceAddress(host, port), kind, Optional.empty(), Optional.empty(), TlsSettings.disabled());
    }

    /** The same target, sending {@code AUTH password} on connect. */
    public LinkTarget withPassword(String password) {
        return new LinkTarget(address, kind, Optional.empty(), Optional.of(password), tls);
    }

    /** The same target, sending {@code AUTH username password} on connect. */
    public LinkTarget withUser(String username, String password) {
        return new LinkTarget(address, kind, Optional.of(username), Optional.of(password), tls);
    }

    /** The same target with other TLS settings. */
    public LinkTarget withTls(TlsSettings settings) {
        return new LinkTarget(address, kind, username, password, settings);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + address
                + (password.isPresent()
                        ? " (auth" + username.map(u -> " as " + u).orElse("") + ")"
                        : "")
                + (tls.enabled() ? " (tls)" : "");
    }
}

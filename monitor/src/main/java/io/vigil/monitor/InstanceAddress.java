package io.vigil.monitor;

import java.util.Objects;

/**
 * The host and port of a watched instance, as configured or as announced in INFO and hello messages.
 *
 * @param host an IP address or hostname
 * @param port 1..65535
 */
public record InstanceAddress(String host, int port) {

    /** Checks that the host is non-blank and the port is in 1..65535. */
    public InstanceAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}

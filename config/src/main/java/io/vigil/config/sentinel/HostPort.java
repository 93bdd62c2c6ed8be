package io.vigil.config.sentinel;

import io.vigil.config.ValueTypes;

/**
 * An instance address as written in sentinel.conf: an IP address (or a host name when hostnames are resolved) and a
 * port.
 *
 * @param host IPv4, IPv6 or host name
 * @param port 1..65535
 */
public record HostPort(String host, int port) {

    /** Validates both parts. */
    public HostPort {
        if (!ValueTypes.isHost(host)) {
            throw new IllegalArgumentException("host must be an IP address or a host name, was '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
    }

    /** {@code host:port}, as Redis names a replica. */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}

package io.vigil.api.sentinel;

import java.util.Objects;

/**
 * The address clients should use for a master: the one {@code SENTINEL GET-MASTER-ADDR-BY-NAME} returns (the
 * promoted replica's as soon as it is promoted).
 *
 * @param ip the announced IP or hostname
 * @param port the port
 */
public record MasterAddress(String ip, int port) {

    /** Validates the port. */
    public MasterAddress {
        Objects.requireNonNull(ip, "ip");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
    }
}

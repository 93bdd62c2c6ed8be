package io.vigil.election;

/**
 * A network address of a watched instance or a peer sentinel, as announced in INFO and hello messages.
 *
 * @param host IP address or host name, never blank
 * @param port TCP port, 1..65535
 */
public record Address(String host, int port) {

    /** Validates the host and port. */
    public Address {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be in 1..65535, was " + port);
        }
    }

    /** Returns {@code host:port}, the name Redis gives a replica. */
    @Override
    public String toString() {
        return host + ":" + port;
    }
}

package io.vigil.monitor;

import io.vigil.monitor.info.InfoSnapshot;
import java.util.Objects;

/**
 * A parsed INFO reply with the injected clock's send and receive times (a sentinel's {@code info-refresh}).
 *
 * @param address the instance that answered
 * @param sentAtMillis when INFO was written
 * @param receivedAtMillis when the reply arrived
 * @param info the parsed reply
 */
public record InfoReply(InstanceAddress address, long sentAtMillis, long receivedAtMillis, InfoSnapshot info) {

    /** Checks the components. */
    public InfoReply {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(info, "info");
    }
}

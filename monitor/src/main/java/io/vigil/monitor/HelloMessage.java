package io.vigil.monitor;

import java.util.Objects;

/**
 * A message received on the pub/sub link ({@code __sentinel__:hello}); the payload is passed on unparsed.
 *
 * @param address the instance whose pub/sub link delivered it
 * @param channel the channel, normally {@code __sentinel__:hello}
 * @param payload the raw message, normally {@code ip,port,runid,current_epoch,master_name,master_ip,...}
 * @param receivedAtMillis when it arrived, by the injected clock
 */
public record HelloMessage(InstanceAddress address, String channel, String payload, long receivedAtMillis) {

    /** Checks the components. */
    public HelloMessage {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(payload, "payload");
    }
}

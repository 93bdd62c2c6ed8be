package io.vigil.api.resp;

/**
 * Where the sentinel process publishes its events (channel = event name such as {@code +switch-master}, message =
 * the event's payload as PROTOCOL.md §4 words it). The RESP port delivers them to its {@code SUBSCRIBE} and {@code
 * PSUBSCRIBE} clients, as Redis Sentinel does; Jedis and ioredis subscribe to {@code +switch-master}, Lettuce's
 * master/replica mode to {@code *}.
 *
 * <p>Safe to call from any thread; returns without waiting for delivery.
 */
@FunctionalInterface
public interface EventPublisher {

    /**
     * Publishes one event.
     *
     * @param channel the event name, e.g. {@code +sdown}
     * @param message the payload, e.g. {@code master mymaster 127.0.0.1 6379}
     * @return how many subscriptions received it (channel subscribers plus matching patterns)
     */
    int publish(String channel, String message);
}

package io.vigil.monitor;

/**
 * Receives what one link observes. All methods are called on the event executor given to {@link MonitorService},
 * one at a time (never concurrently, across all links of the service), in the order the link observed them. A
 * method that throws is logged and does not stop later events.
 *
 * <p>Every method has an empty default, so listeners implement only what they need.
 */
public interface LinkListener {

    /** The link's state really changed (never called with {@code from == to}). */
    default void onStateChange(LinkStateChange change) {}

    /** A PING got a reply, was lost with its connection, or has been pending longer than the ping timeout. */
    default void onPing(PingResult result) {}

    /** INFO was answered and parsed (masters and replicas only). */
    default void onInfo(InfoReply reply) {}

    /** A message arrived on the pub/sub link (masters and replicas only). */
    default void onHello(HelloMessage message) {}
}

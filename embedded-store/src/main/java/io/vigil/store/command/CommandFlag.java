package io.vigil.store.command;

/** Properties of a command, as in Redis's command table; {@code COMMAND INFO} lists them by {@link #wireName()}. */
public enum CommandFlag {
    /** Modifies the keyspace: propagated to replicas/AOF, refused on read-only replicas and in OOM. */
    WRITE("write"),
    /** Only reads data. */
    READONLY("readonly"),
    /** May grow memory use: refused when over {@code maxmemory}. */
    DENYOOM("denyoom"),
    /** Administrative (CONFIG, DEBUG, SHUTDOWN, ...). */
    ADMIN("admin"),
    /** Pub/sub related. */
    PUBSUB("pubsub"),
    /** Not allowed from scripts. */
    NOSCRIPT("noscript"),
    /** Allowed while the dataset is loading. */
    LOADING("loading"),
    /** Allowed on a replica with a stale dataset. */
    STALE("stale"),
    /** O(1) or O(log N). */
    FAST("fast"),
    /** Allowed before the client has authenticated (AUTH, HELLO, QUIT, ...). */
    NO_AUTH("no_auth"),
    /** Allowed while a script is busy. */
    ALLOW_BUSY("allow_busy"),
    /** Not allowed inside MULTI. */
    NO_MULTI("no_multi"),
    /** Executes immediately inside MULTI instead of being queued (EXEC, DISCARD, MULTI, WATCH, QUIT, RESET). */
    TRANSACTION_CONTROL(null),
    /** Allowed on a RESP2 connection in subscribed mode (SUBSCRIBE family, PING, QUIT, RESET). */
    SUBSCRIBED_CONTEXT(null);

    private final String wireName;

    CommandFlag(String wireName) {
        this.wireName = wireName;
    }

    /** The flag as {@code COMMAND INFO} reports it, or {@code null} for Vigil-internal flags. */
    public String wireName() {
        return wireName;
    }
}

package io.vigil.store.config;

import java.util.Locale;

/** The client classes of {@code client-output-buffer-limit} and {@code CLIENT KILL TYPE}. */
public enum ClientClass {
    /** Ordinary clients. */
    NORMAL("normal"),
    /** Replicas ({@code slave} in config output, as Redis prints it). */
    REPLICA("slave"),
    /** Clients subscribed to channels or patterns. */
    PUBSUB("pubsub"),
    /** The link to this store's master (only on a replica). */
    MASTER("master");

    private final String configName;

    ClientClass(String configName) {
        this.configName = configName;
    }

    /** The name used in {@code client-output-buffer-limit}. */
    public String configName() {
        return configName;
    }

    /** Parses {@code normal}, {@code slave}/{@code replica}, {@code pubsub}, {@code master} (any case), or null. */
    public static ClientClass parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "normal" -> NORMAL;
            case "slave", "replica" -> REPLICA;
            case "pubsub" -> PUBSUB;
            case "master" -> MASTER;
            default -> null;
        };
    }
}

package io.vigil.store.engine;

/** Counters reported by {@code INFO stats}; reset by {@code CONFIG RESETSTAT}. Single-threaded. */
public final class StoreStats {
    /** Connections accepted. */
    public long connectionsReceived;
    /** Connections refused (maxclients). */
    public long rejectedConnections;
    /** Commands executed. */
    public long commandsProcessed;
    /** Keys deleted because their TTL passed. */
    public long expiredKeys;
    /** Keys deleted by the {@code maxmemory} policy. */
    public long evictedKeys;
    /** Successful key lookups by read commands. */
    public long keyspaceHits;
    /** Failed key lookups by read commands. */
    public long keyspaceMisses;
    /** Bytes read from clients. */
    public long netInputBytes;
    /** Bytes written to clients. */
    public long netOutputBytes;
    /** Error replies sent. */
    public long errorReplies;
    /** Clients disconnected for exceeding their output buffer limit. */
    public long outputLimitDisconnections;
    /** Pub/sub messages delivered. */
    public long pubsubMessages;

    private long lastSampleMillis;
    private long lastSampleCommands;
    private long opsPerSec;

    /** Samples the command rate (called by the server cron). */
    void sample(long nowMillis) {
        if (lastSampleMillis != 0 && nowMillis > lastSampleMillis) {
            opsPerSec = (commandsProcessed - lastSampleCommands) * 1000 / (nowMillis - lastSampleMillis);
        }
        lastSampleMillis = nowMillis;
        lastSampleCommands = commandsProcessed;
    }

    /** {@code instantaneous_ops_per_sec}. */
    public long opsPerSec() {
        return opsPerSec;
    }

    /** Zeroes the counters. */
    public void reset() {
        connectionsReceived = 0;
        rejectedConnections = 0;
        commandsProcessed = 0;
        expiredKeys = 0;
        evictedKeys = 0;
        keyspaceHits = 0;
        keyspaceMisses = 0;
        netInputBytes = 0;
        netOutputBytes = 0;
        errorReplies = 0;
        outputLimitDisconnections = 0;
        pubsubMessages = 0;
        lastSampleCommands = 0;
        opsPerSec = 0;
    }
}

package io.vigil.store.engine;

import io.vigil.store.command.Reply;
import io.vigil.store.keyspace.ByteKey;
import io.vigil.store.keyspace.Glob;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Channels and patterns with their subscribers, and message delivery ({@code message} / {@code pmessage} as RESP2
 * arrays or RESP3 pushes) into subscribers' reply buffers.
 */
public final class PubSub {

    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PMESSAGE = "pmessage".getBytes(StandardCharsets.US_ASCII);

    private final Map<ByteKey, Set<Client>> channels = new HashMap<>();
    private final Map<ByteKey, Set<Client>> patterns = new HashMap<>();
    private final StoreEngine engine;

    PubSub(StoreEngine engine) {
        this.engine = engine;
    }

    /** Subscribes; returns whether it was a new subscription. */
    public boolean subscribe(Client client, byte[] channel) {
        ByteKey key = new ByteKey(channel);
        if (!client.channels.add(key)) {
            return false;
        }
        channels.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    /** Unsubscribes; returns whether the client was subscribed. */
    public boolean unsubscribe(Client client, byte[] channel) {
        ByteKey key = new ByteKey(channel);
        if (!client.channels.remove(key)) {
            return false;
        }
        removeFrom(channels, key, client);
        return true;
    }

    /** Subscribes to a pattern; returns whether it was new. */
    public boolean psubscribe(Client client, byte[] pattern) {
        ByteKey key = new ByteKey(pattern);
        if (!client.patterns.add(key)) {
            return false;
        }
        patterns.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    /** Unsubscribes from a pattern; returns whether the client was subscribed. */
    public boolean punsubscribe(Client client, byte[] pattern) {
        ByteKey key = new ByteKey(pattern);
        if (!client.patterns.remove(key)) {
            return false;
        }
        removeFrom(patterns, key, client);
        return true;
    }

    /** Drops all of a disconnecting client's subscriptions. */
    void removeClient(Client client) {
        for (ByteKey key : client.channels) {
            removeFrom(channels, key, client);
        }
        for (ByteKey key : client.patterns) {
            removeFrom(patterns, key, client);
        }
        client.channels.clear();
        client.patterns.clear();
    }

    private static void removeFrom(Map<ByteKey, Set<Client>> map, ByteKey key, Client client) {
        Set<Client> set = map.get(key);
        if (set != null) {
            set.remove(client);
            if (set.isEmpty()) {
                map.remove(key);
            }
        }
    }

    /** Delivers a message to channel and pattern subscribers; returns the number of deliveries. */
    public long publish(byte[] channel, byte[] message) {
        long receivers = 0;
        Set<Client> direct = channels.get(new ByteKey(channel));
        if (direct != null) {
            for (Client c : direct) {
                Reply r = c.reply();
                r.push(3);
                r.bulk(MESSAGE);
                r.bulk(channel);
                r.bulk(message);
                engine.markForFlush(c);
                receivers++;
            }
        }
        for (Map.Entry<ByteKey, Set<Client>> e : patterns.entrySet()) {
            if (!Glob.matches(e.getKey().bytes(), channel, false)) {
                continue;
            }
            for (Client c : e.getValue()) {
                Reply r = c.reply();
                r.push(4);
                r.bulk(PMESSAGE);
                r.bulk(e.getKey().bytes());
                r.bulk(channel);
                r.bulk(message);
                engine.markForFlush(c);
                receivers++;
            }
        }
        engine.stats().pubsubMessages += receivers;
        return receivers;
    }

    /** Active channels matching a pattern (all when {@code pattern} is null). */
    public List<byte[]> channels(byte[] pattern) {
        List<byte[]> out = new ArrayList<>();
        for (ByteKey key : channels.keySet()) {
            if (pattern == null || Glob.matches(pattern, key.bytes(), false)) {
                out.add(key.bytes());
            }
        }
        return out;
    }

    /** Subscribers of a channel (patterns not counted, as {@code PUBSUB NUMSUB}). */
    public int numSub(byte[] channel) {
        Set<Client> set = channels.get(new ByteKey(channel));
        return set == null ? 0 : set.size();
    }

    /** Number of distinct patterns with subscribers. */
    public int numPat() {
        return patterns.size();
    }

    /** Number of channels with subscribers. */
    public int numChannels() {
        return channels.size();
    }
}

package io.vigil.api.resp.impl;

import io.vigil.api.resp.EventPublisher;
import io.vigil.api.sentinel.GlobPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The port's channel and pattern subscriptions. {@link #publish} delivers {@code message} and {@code pmessage} pushes
 * to subscribed sessions; it is the {@link EventPublisher} the sentinel process calls.
 */
public final class PubSubHub implements EventPublisher {

    private final Map<String, Set<ClientSession>> channels = new ConcurrentHashMap<>();
    private final Map<String, Set<ClientSession>> patterns = new ConcurrentHashMap<>();

    /** Subscribes {@code session} to {@code channel}; false when it already was. */
    public boolean subscribe(ClientSession session, String channel) {
        if (!session.channels().add(channel)) {
            return false;
        }
        add(channels, channel, session);
        return true;
    }

    /** Unsubscribes {@code session} from {@code channel}; false when it was not subscribed. */
    public boolean unsubscribe(ClientSession session, String channel) {
        if (!session.channels().remove(channel)) {
            return false;
        }
        remove(channels, channel, session);
        return true;
    }

    /** Subscribes {@code session} to {@code pattern}; false when it already was. */
    public boolean psubscribe(ClientSession session, String pattern) {
        if (!session.patterns().add(pattern)) {
            return false;
        }
        add(patterns, pattern, session);
        return true;
    }

    /** Unsubscribes {@code session} from {@code pattern}; false when it was not subscribed. */
    public boolean punsubscribe(ClientSession session, String pattern) {
        if (!session.patterns().remove(pattern)) {
            return false;
        }
        remove(patterns, pattern, session);
        return true;
    }

    /** Drops every subscription of a closed session. */
    public void dropAll(ClientSession session) {
        for (String channel : snapshot(session.channels())) {
            unsubscribe(session, channel);
        }
        for (String pattern : snapshot(session.patterns())) {
            punsubscribe(session, pattern);
        }
    }

    /** Channels with at least one subscriber ({@code pubsub_channels}). */
    public int channelCount() {
        return channels.size();
    }

    /** Patterns with at least one subscriber ({@code pubsub_patterns}). */
    public int patternCount() {
        return patterns.size();
    }

    @Override
    public int publish(String channel, String message) {
        int receivers = 0;
        Set<ClientSession> direct = channels.get(channel);
        if (direct != null) {
            Reply push = new Reply.Push(List.of(Reply.bulk("message"), Reply.bulk(channel), Reply.bulk(message)));
            for (ClientSession session : direct) {
                session.push(push);
                receivers++;
            }
        }
        for (Map.Entry<String, Set<ClientSession>> entry : patterns.entrySet()) {
            if (!GlobPattern.matches(entry.getKey(), channel)) {
                continue;
            }
            Reply push = new Reply.Push(List.of(
                    Reply.bulk("pmessage"), Reply.bulk(entry.getKey()), Reply.bulk(channel), Reply.bulk(message)));
            for (ClientSession session : entry.getValue()) {
                session.push(push);
                receivers++;
            }
        }
        return receivers;
    }

    /** A copy of a session's subscription set, safe to iterate. */
    public static List<String> snapshot(Set<String> live) {
        synchronized (live) {
            return new ArrayList<>(live);
        }
    }

    private static void add(Map<String, Set<ClientSession>> index, String key, ClientSession session) {
        index.compute(key, (k, sessions) -> {
            Set<ClientSession> set = sessions == null ? ConcurrentHashMap.newKeySet() : sessions;
            set.add(session);
            return set;
        });
    }

    private static void remove(Map<String, Set<ClientSession>> index, String key, ClientSession session) {
        index.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }
}

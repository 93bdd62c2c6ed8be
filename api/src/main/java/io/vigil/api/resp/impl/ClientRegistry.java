package io.vigil.api.resp.impl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The connected clients of one port, and the counters INFO shows. */
public final class ClientRegistry {

    private final Map<Long, ClientSession> clients = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final AtomicLong connectionsReceived = new AtomicLong();
    private final AtomicLong commandsProcessed = new AtomicLong();
    private final AtomicLong errorReplies = new AtomicLong();

    /** A fresh client id. */
    public long nextId() {
        return nextId.getAndIncrement();
    }

    /** Adds a connected client. */
    public void add(ClientSession session) {
        clients.put(session.id(), session);
        connectionsReceived.incrementAndGet();
    }

    /** Removes a disconnected client. */
    public void remove(ClientSession session) {
        clients.remove(session.id());
    }

    /** The connected clients, by id. */
    public List<ClientSession> all() {
        List<ClientSession> list = new ArrayList<>(clients.values());
        list.sort(Comparator.comparingLong(ClientSession::id));
        return list;
    }

    /** The connected clients (unordered view). */
    public Collection<ClientSession> view() {
        return clients.values();
    }

    /** Counts a processed command. */
    public void commandProcessed() {
        commandsProcessed.incrementAndGet();
    }

    /** Counts an error reply. */
    public void errorReplied() {
        errorReplies.incrementAndGet();
    }

    /** {@code total_connections_received}. */
    public long connectionsReceived() {
        return connectionsReceived.get();
    }

    /** {@code total_commands_processed}. */
    public long commandsProcessed() {
        return commandsProcessed.get();
    }

    /** {@code total_error_replies}. */
    public long errorReplies() {
        return errorReplies.get();
    }
}

package io.vigil.store.engine;

import io.vigil.store.command.CommandSpec;
import io.vigil.store.keyspace.ByteKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Clients blocked on keys (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH), as Redis's {@code blocked.c} keeps them: for each
 * {@code (db, key)} the waiting clients in arrival order (served first come, first served), the set of blocked
 * clients with their deadlines, and the keys that became ready since the last serving round.
 *
 * <p>Pure bookkeeping: the {@link StoreEngine} decides when to serve ({@code handleClientsBlockedOnKeys} after
 * each command), re-runs a served client's command, expires deadlines from {@code cron()} and forgets clients that
 * disconnect.
 */
final class BlockedClients {

    /** A key in a database. */
    record Key(int db, ByteKey key) {}

    /**
     * What a blocked client waits for: its keys, deadline (0 = forever) and the command to re-run when served; or,
     * for a keyless block ({@code WAIT}), what to reply on timeout.
     */
    record Block(
            List<Key> keys,
            long deadlineMillis,
            CommandSpec spec,
            byte[][] args,
            java.util.function.Consumer<Client> onTimeout) {
        Block(List<Key> keys, long deadlineMillis, CommandSpec spec, byte[][] args) {
            this(keys, deadlineMillis, spec, args, null);
        }
    }

    private final Map<Key, ArrayDeque<Client>> waiters = new HashMap<>();
    private final LinkedHashSet<Client> blocked = new LinkedHashSet<>();
    private final LinkedHashSet<Key> ready = new LinkedHashSet<>();

    /** Blocks a client on keys (duplicates are ignored, as Redis does). */
    void block(Client client, Block block) {
        client.block = block;
        blocked.add(client);
        for (Key k : block.keys()) {
            ArrayDeque<Client> queue = waiters.computeIfAbsent(k, x -> new ArrayDeque<>());
            if (!queue.contains(client)) {
                queue.addLast(client);
            }
        }
    }

    /** Forgets a client's block; returns whether it was blocked. */
    boolean remove(Client client) {
        Block block = client.block;
        if (block == null) {
            return false;
        }
        client.block = null;
        blocked.remove(client);
        for (Key k : block.keys()) {
            ArrayDeque<Client> queue = waiters.get(k);
            if (queue != null) {
                queue.remove(client);
                if (queue.isEmpty()) {
                    waiters.remove(k);
                    ready.remove(k);
                }
            }
        }
        return true;
    }

    /** Notes that a key changed; it is served at the next round if someone waits on it. */
    /** Whether any client is blocked on a key. */
    boolean hasWaiters() {
        return !waiters.isEmpty();
    }

    void signal(int db, byte[] key) {
        if (waiters.isEmpty()) {
            return;
        }
        Key k = new Key(db, new ByteKey(key));
        if (waiters.containsKey(k)) {
            ready.add(k);
        }
    }

    /** Whether a serving round has work. */
    boolean hasReady() {
        return !ready.isEmpty();
    }

    /** Takes the oldest ready key, or {@code null}. */
    Key pollReady() {
        Iterator<Key> it = ready.iterator();
        if (!it.hasNext()) {
            return null;
        }
        Key k = it.next();
        it.remove();
        return k;
    }

    /** The longest-waiting client on a key, or {@code null}. */
    Client first(Key key) {
        ArrayDeque<Client> queue = waiters.get(key);
        return queue == null ? null : queue.peekFirst();
    }

    /** Blocked clients whose deadline is at or before {@code nowMillis}, in blocking order. */
    List<Client> expired(long nowMillis) {
        List<Client> out = new ArrayList<>();
        for (Client c : blocked) {
            long deadline = c.block.deadlineMillis();
            if (deadline != 0 && deadline <= nowMillis) {
                out.add(c);
            }
        }
        return out;
    }

    /** Number of blocked clients ({@code INFO clients blocked_clients}). */
    int count() {
        return blocked.size();
    }
}

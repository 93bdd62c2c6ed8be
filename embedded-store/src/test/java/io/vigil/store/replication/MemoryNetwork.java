package io.vigil.store.replication;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.ClientOutput;
import io.vigil.store.engine.Harness;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores (engines with manual clocks, no sockets) wired by an in-memory network: a replica's link to its master is
 * a pair of byte queues, delivered in order by {@link #pump()} so a test decides when bytes move.
 */
final class MemoryNetwork {

    private final Map<Integer, Node> nodes = new HashMap<>();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();

    /** One store. */
    final class Node {
        final int port;
        final Harness harness = new Harness();
        final ReplicationManager manager;

        Node(int port) {
            this.port = port;
            harness.engine.config().set("repl-diskless-sync-delay", "0"); // a test of the delay sets it
            // the payload is loaded from memory: a harness writes no files (ITs cover repl-diskless-load disabled)
            harness.engine.config().set("repl-diskless-load", "on-empty-db");
            this.manager = ReplicationManager.of(harness.engine);
            manager.listeningPort(port);
            manager.connector((host, p, timeout, handler) -> connect(this, p, handler));
        }

        /** Runs a command as a fresh client and returns the raw reply. */
        String cmd(String... args) {
            return harness.connect().cmd(args);
        }

        /** Advances this store's clock and runs its cron. */
        void tick(long millis) {
            harness.clock.advance(millis);
            harness.engine.cron();
        }
    }

    Node node(int port) {
        Node n = new Node(port);
        nodes.put(port, n);
        return n;
    }

    /** Delivers queued bytes and connection events until nothing moves. */
    void pump() {
        Runnable r;
        int guard = 0;
        while ((r = queue.poll()) != null) {
            r.run();
            if (++guard > 1_000_000) {
                throw new IllegalStateException("the network never went quiet");
            }
        }
    }

    /** Advances every store's clock by {@code millis} and runs their crons, then pumps. */
    void tick(long millis) {
        for (Node n : nodes.values()) {
            n.tick(millis);
        }
        pump();
    }

    private LinkConnector.Channel connect(Node from, int port, LinkConnector.Handler handler) {
        Node target = nodes.get(port);
        Link link = new Link(from, target, handler);
        if (target == null) {
            queue.add(() -> handler.closed("connection refused"));
        } else {
            queue.add(link::open);
        }
        return link;
    }

    /** Both ends of one connection. */
    private final class Link implements LinkConnector.Channel, ClientOutput {
        private final Node from;
        private final Node target;
        private final LinkConnector.Handler handler;
        private final ByteBuf toReplica = Unpooled.buffer();
        private final ByteBuf toMaster = Unpooled.buffer();
        private Client client;
        private boolean closed;

        Link(Node from, Node target, LinkConnector.Handler handler) {
            this.from = from;
            this.target = target;
            this.handler = handler;
        }

        void open() {
            client = target.harness.engine.connect(this);
            handler.connected();
            from.harness.engine.afterBatch();
        }

        @Override
        public void write(ByteBuf data) {
            if (closed) {
                data.release();
                return;
            }
            toMaster.writeBytes(data);
            data.release();
            queue.add(() -> {
                if (!closed && client != null) {
                    target.harness.engine.onRead(client, toMaster);
                    target.harness.engine.afterBatch();
                    toMaster.discardReadBytes();
                }
            });
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(() -> {
                if (client != null) {
                    target.harness.engine.disconnect(client);
                }
                handler.closed("closed");
            });
        }

        @Override
        public String localAddress() {
            return "127.0.0.1:" + (40000 + from.port);
        }

        // ---- the master's side ----

        @Override
        public ByteBuf allocate() {
            return Unpooled.buffer(64);
        }

        @Override
        public void send(ByteBuf replies) {
            if (closed) {
                replies.release();
                return;
            }
            toReplica.writeBytes(replies);
            replies.release();
            queue.add(() -> {
                if (!closed) {
                    handler.read(toReplica);
                    from.harness.engine.afterBatch();
                    toReplica.discardReadBytes();
                }
            });
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public void close(boolean graceful) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(() -> handler.closed("closed by the master"));
        }

        @Override
        public String remoteAddress() {
            return localAddress();
        }
    }
}

package io.vigil.store.engine;

import io.netty.buffer.Unpooled;
import io.vigil.store.commands.StandardCommands;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.keyspace.ManualClock;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An engine with a manual clock and in-memory clients; no sockets, no threads. */
public final class Harness {

    /** The clock (starts at 1,700,000,000,000 ms). */
    public final ManualClock clock = new ManualClock(1_700_000_000_000L);
    /** The configuration. */
    public final StoreConfig config;
    /** The engine. */
    public final StoreEngine engine;
    /** Commands appended to the replication stream, rendered as {@code db:ARG ARG ...}. */
    public final List<String> propagated = new ArrayList<>();

    private int nextPort = 50000;

    /**
     * A harness with default configuration, less the default {@code save} rules (a harness runs no threads and
     * writes no {@code dump.rdb} into the working directory).
     */
    public Harness() {
        this(noSaveRules());
    }

    private static StoreConfig noSaveRules() {
        StoreConfig config = new StoreConfig();
        config.set("save", "");
        return config;
    }

    /** A harness with the given configuration. */
    public Harness(StoreConfig config) {
        this.config = config;
        this.engine = new StoreEngine(config, clock, StandardCommands.table());
        engine.replication(new ReplicationStream() {
            @Override
            public void append(int db, byte[][] argv) {
                List<String> words = new ArrayList<>();
                for (byte[] a : argv) {
                    words.add(new String(a, StandardCharsets.ISO_8859_1));
                }
                propagated.add(db + ":" + String.join(" ", words));
            }

            @Override
            public long offset() {
                return propagated.size();
            }
        });
    }

    /** A connected client. */
    public Conn connect() {
        FakeOutput out = new FakeOutput("127.0.0.1:" + nextPort++);
        return new Conn(engine.connect(out), out);
    }

    /** A client connection that sends raw bytes or commands. */
    public final class Conn {
        /** The engine's client. */
        public final Client client;
        /** Its transport. */
        public final FakeOutput out;

        Conn(Client client, FakeOutput out) {
            this.client = client;
            this.out = out;
        }

        /** Sends raw bytes and returns everything replied. */
        public String raw(String bytes) {
            var buf = Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1);
            engine.onRead(client, buf);
            engine.afterBatch();
            buf.release();
            return out.take();
        }

        /** Sends one command (as a multibulk) and returns the raw reply. */
        public String cmd(String... args) {
            StringBuilder sb = new StringBuilder("*").append(args.length).append("\r\n");
            for (String a : args) {
                sb.append('$')
                        .append(a.getBytes(StandardCharsets.ISO_8859_1).length)
                        .append("\r\n")
                        .append(a)
                        .append("\r\n");
            }
            return raw(sb.toString());
        }
    }
}

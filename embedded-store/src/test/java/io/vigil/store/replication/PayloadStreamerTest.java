package io.vigil.store.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The chunked payload writer without sockets: a producer thread writes, a single-thread executor plays the command
 * thread, and each fake connection accepts chunks only when the test drains it, so back-pressure can be watched.
 */
class PayloadStreamerTest {

    private static final int CHUNK = 1024;
    private static final long MAX_IN_FLIGHT = 4L * CHUNK;

    private final ExecutorService commandThread = Executors.newSingleThreadExecutor();
    private final ExecutorService producer = Executors.newSingleThreadExecutor();

    @AfterEach
    void stop() {
        producer.shutdownNow();
        commandThread.shutdownNow();
    }

    /** A connection whose socket accepts what it was given only when {@link #drain} is called. */
    private final class SlowConnection implements PayloadStreamer.Sink {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final Deque<Runnable> unaccepted = new ArrayDeque<>(); // command thread only
        volatile long pending;
        volatile long maxPending;
        volatile boolean closed;

        @Override
        public boolean send(ByteBuf chunk, Runnable written) {
            if (closed) {
                chunk.release();
                return false;
            }
            int n = chunk.readableBytes();
            byte[] bytes = new byte[n];
            chunk.readBytes(bytes);
            chunk.release();
            received.writeBytes(bytes);
            pending += n;
            maxPending = Math.max(maxPending, pending);
            unaccepted.add(() -> {
                pending -= n;
                written.run();
            });
            return true;
        }

        /** The socket accepts everything handed to it so far. */
        void drain() throws Exception {
            commandThread
                    .submit(() -> {
                        while (!unaccepted.isEmpty()) {
                            unaccepted.poll().run();
                        }
                    })
                    .get();
        }
    }

    private static byte[] payload(long seed, int size) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static void assertSame(SlowConnection conn, byte[] data) {
        byte[] got = conn.received.toByteArray();
        assertThat(got.length).isEqualTo(data.length);
        assertThat(Arrays.mismatch(got, data)).as("first differing byte").isEqualTo(-1);
    }

    private Future<?> produce(PayloadStreamer out, byte[] data) {
        return producer.submit(() -> {
            try (out) {
                int at = 0;
                Random r = new Random(data.length);
                while (at < data.length) { // writes of every size, some larger than a chunk
                    int n = Math.min(data.length - at, 1 + r.nextInt(3 * CHUNK));
                    out.write(data, at, n);
                    at += n;
                }
            }
            return null;
        });
    }

    @Test
    void theProducerWaitsWhileAConnectionHoldsTooMuchAndEveryByteArrivesInOrder() throws Exception {
        SlowConnection conn = new SlowConnection();
        PayloadStreamer out =
                new PayloadStreamer(List.of(new PayloadStreamer.Receiver(conn)), commandThread, CHUNK, MAX_IN_FLIGHT);
        byte[] data = payload(1, 100 * CHUNK + 17);
        Future<?> done = produce(out, data);

        await().atMost(Duration.ofSeconds(5)).until(() -> conn.pending >= MAX_IN_FLIGHT);
        assertThat(done.isDone()).as("blocked: the connection accepted nothing").isFalse();
        long sentWhileBlocked = out.sent();
        assertThat(sentWhileBlocked).isLessThanOrEqualTo(MAX_IN_FLIGHT);

        while (!done.isDone()) {
            conn.drain();
        }
        done.get();
        conn.drain();
        assertSame(conn, data);
        assertThat(conn.maxPending).isLessThanOrEqualTo(MAX_IN_FLIGHT);
        assertThat(out.peakBuffered()).isLessThanOrEqualTo(MAX_IN_FLIGHT + CHUNK);
        assertThat(out.sent()).isEqualTo(data.length);
    }

    @Test
    void aConnectionThatGoesAwayIsDroppedAndTheOthersGetEverything() throws Exception {
        SlowConnection fast = new SlowConnection();
        SlowConnection leaving = new SlowConnection();
        PayloadStreamer.Receiver leavingReceiver = new PayloadStreamer.Receiver(leaving);
        PayloadStreamer out = new PayloadStreamer(
                List.of(new PayloadStreamer.Receiver(fast), leavingReceiver), commandThread, CHUNK, MAX_IN_FLIGHT);
        byte[] data = payload(2, 50 * CHUNK);
        Future<?> done = produce(out, data);

        await().atMost(Duration.ofSeconds(5)).until(() -> leaving.pending >= MAX_IN_FLIGHT);
        leaving.closed = true;
        leavingReceiver.drop(); // what the manager does when the replica's connection closes
        while (!done.isDone()) {
            fast.drain();
        }
        done.get();
        fast.drain(); // the last sink calls ran on the command thread
        assertSame(fast, data);
        assertThat(leaving.received.size()).isLessThan(data.length);
        assertThat(out.liveCount()).isEqualTo(1);
    }

    @Test
    void aSinkThatRefusesAChunkIsDroppedWithoutBeingToldByTheManager() throws Exception {
        SlowConnection fast = new SlowConnection();
        SlowConnection refusing = new SlowConnection();
        refusing.closed = true;
        PayloadStreamer out = new PayloadStreamer(
                List.of(new PayloadStreamer.Receiver(fast), new PayloadStreamer.Receiver(refusing)),
                commandThread,
                CHUNK,
                MAX_IN_FLIGHT);
        byte[] data = payload(3, 20 * CHUNK + 5);
        Future<?> done = produce(out, data);
        while (!done.isDone()) {
            fast.drain();
        }
        done.get();
        fast.drain();
        assertSame(fast, data);
        assertThat(refusing.received.size()).isZero();
    }

    @Test
    void whenEveryConnectionIsGoneTheProducerStopsWithAnError() throws Exception {
        SlowConnection conn = new SlowConnection();
        PayloadStreamer.Receiver receiver = new PayloadStreamer.Receiver(conn);
        PayloadStreamer out = new PayloadStreamer(List.of(receiver), commandThread, CHUNK, MAX_IN_FLIGHT);
        Future<?> done = produce(out, payload(4, 100 * CHUNK));
        await().atMost(Duration.ofSeconds(5)).until(() -> conn.pending >= MAX_IN_FLIGHT);
        conn.closed = true;
        receiver.drop();
        assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IOException.class)
                .hasMessageContaining("every replica of this transfer went away");
    }

    @Test
    void severalConnectionsShareEachChunkAndTheSlowestPacesTheProducer() throws Exception {
        List<SlowConnection> conns = new ArrayList<>();
        List<PayloadStreamer.Receiver> receivers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            SlowConnection c = new SlowConnection();
            conns.add(c);
            receivers.add(new PayloadStreamer.Receiver(c));
        }
        PayloadStreamer out = new PayloadStreamer(receivers, commandThread, CHUNK, MAX_IN_FLIGHT);
        byte[] data = payload(5, 30 * CHUNK + 100);
        Future<?> done = produce(out, data);
        while (!done.isDone()) {
            conns.get(0).drain();
            conns.get(1).drain();
            await().atMost(Duration.ofSeconds(5)).until(() -> done.isDone() || conns.get(2).pending >= MAX_IN_FLIGHT);
            assertThat(conns.get(0).pending).isLessThanOrEqualTo(MAX_IN_FLIGHT);
            conns.get(2).drain();
        }
        done.get();
        for (SlowConnection c : conns) {
            c.drain();
            assertSame(c, data);
            assertThat(c.maxPending).isLessThanOrEqualTo(MAX_IN_FLIGHT);
        }
    }

    @Test
    void aChunkLargerThanTheInFlightLimitIsRefused() {
        assertThatThrownBy(() -> new PayloadStreamer(List.of(), commandThread, 2048, 1024))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight = 1024");
    }
}

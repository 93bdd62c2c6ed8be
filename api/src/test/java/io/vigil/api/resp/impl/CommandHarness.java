package io.vigil.api.resp.impl;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.api.resp.SentinelRespOptions;
import io.vigil.api.testing.InMemorySentinelService;
import io.vigil.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A command table over an {@link InMemorySentinelService}, with sessions that record their pushes; no sockets. */
final class CommandHarness {

    static final String MY_ID = "4c24202d89561dcd9b6635fe6029f92e23e3d553";

    final InMemorySentinelService service = new InMemorySentinelService(MY_ID);
    final PubSubHub hub = new PubSubHub();
    final ClientRegistry clients = new ClientRegistry();
    final SentinelRespOptions options;
    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T05:00:00Z"), ZoneOffset.UTC);
    final CommandTable table;

    CommandHarness() {
        this(new SentinelRespOptions());
    }

    CommandHarness(SentinelRespOptions options) {
        this.options = options;
        ServerContext context =
                new ServerContext(service, hub, clients, options, clock, clock.millis() - 90_000, () -> 26379);
        this.table = new CommandTable(context);
        service.events(hub);
    }

    /** A connected client; its pushes land in {@link Client#pushes}. */
    Client client() {
        return new Client();
    }

    /** Writes {@code reply} as the wire text. */
    static String wire(Reply reply, RespVersion version) {
        ByteBuf out = Unpooled.buffer();
        try {
            ReplyEncoder.write(out, version, reply);
            return out.toString(StandardCharsets.ISO_8859_1);
        } finally {
            out.release();
        }
    }

    final class Client {
        final List<Reply> pushes = new CopyOnWriteArrayList<>();
        final ClientSession session;
        boolean closed;

        Client() {
            long id = clients.nextId();
            session = new ClientSession(
                    id,
                    "127.0.0.1:" + (50000 + id),
                    "127.0.0.1:26379",
                    clock.millis(),
                    options.requirePass().isEmpty(),
                    pushes::add,
                    () -> closed = true);
            clients.add(session);
        }

        /** Runs a command and waits for a deferred reply. */
        Reply run(String... args) {
            Reply reply = table.execute(session, List.of(args));
            while (reply instanceof Reply.Deferred deferred) {
                try {
                    reply = deferred.stage().toCompletableFuture().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("deferred reply failed", e);
                }
            }
            return reply;
        }

        /** Runs a command and returns the reply's wire text in the session's protocol. */
        String wire(String... args) {
            return CommandHarness.wire(run(args), session.version());
        }
    }
}

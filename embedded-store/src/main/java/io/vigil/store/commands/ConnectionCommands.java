package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ALLOW_BUSY;
import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.NO_AUTH;
import static io.vigil.store.command.CommandFlag.STALE;
import static io.vigil.store.command.CommandFlag.SUBSCRIBED_CONTEXT;
import static io.vigil.store.command.CommandFlag.TRANSACTION_CONTROL;

import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Reply;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.StoreEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Connection commands: PING ECHO AUTH HELLO SELECT QUIT RESET. */
public final class ConnectionCommands implements CommandFamily {

    /** The Redis version this store reports to clients (HELLO, INFO), whose behaviour it follows. */
    public static final String REDIS_VERSION = "7.0.15";

    @Override
    public void register(CommandTable t) {
        t.register(spec("ping", -1, ConnectionCommands::ping)
                .flags(FAST, SUBSCRIBED_CONTEXT)
                .summary("Returns the server's liveliness response."));
        t.register(spec("echo", 2, ctx -> ctx.reply().bulk(ctx.arg(1)))
                .flags(LOADING, STALE, FAST)
                .summary("Returns the given string."));
        t.register(spec("auth", -2, ConnectionCommands::auth)
                .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .summary("Authenticates the connection."));
        t.register(spec("hello", -1, ConnectionCommands::hello)
                .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, ALLOW_BUSY)
                .since("6.0.0")
                .summary("Handshakes with the Redis server."));
        t.register(spec("select", 2, ConnectionCommands::select)
                .flags(LOADING, STALE, FAST)
                .summary("Changes the selected database."));
        t.register(spec("quit", -1, ConnectionCommands::quit)
                .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, TRANSACTION_CONTROL, SUBSCRIBED_CONTEXT)
                .flags(ALLOW_BUSY)
                .summary("Closes the connection."));
        t.register(spec("reset", 1, ConnectionCommands::reset)
                .flags(NOSCRIPT, LOADING, STALE, FAST, NO_AUTH, TRANSACTION_CONTROL, SUBSCRIBED_CONTEXT)
                .flags(ALLOW_BUSY)
                .since("6.2.0")
                .summary("Resets the connection."));
    }

    private static CommandSpec spec(String name, int arity, io.vigil.store.command.CommandHandler h) {
        return CommandSpec.of(name, arity, h).group("connection");
    }

    private static void ping(CommandContext ctx) {
        if (ctx.argc() > 2) {
            throw new CommandException(RespError.wrongArity("ping"));
        }
        Reply r = ctx.reply();
        if (ctx.client().subscribed() && r.version() == RespVersion.RESP2) {
            r.array(2);
            r.bulk("pong");
            r.bulk(ctx.argc() == 1 ? new byte[0] : ctx.arg(1));
        } else if (ctx.argc() == 1) {
            io.vigil.resp.RespWriter.pong(r.buffer());
        } else {
            r.bulk(ctx.arg(1));
        }
    }

    /** Whether {@code user}/{@code password} authenticate against {@code requirepass} (user {@code default} only). */
    static boolean checkPassword(StoreEngine engine, byte[] user, byte[] password) {
        if (!"default".equals(new String(user, StandardCharsets.ISO_8859_1))) {
            return false;
        }
        String required = engine.config().requirePass();
        if (required == null) {
            return true;
        }
        return MessageDigest.isEqual(required.getBytes(StandardCharsets.ISO_8859_1), password);
    }

    private static void auth(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw new CommandException(RespError.SYNTAX);
        }
        byte[] user = "default".getBytes(StandardCharsets.US_ASCII);
        byte[] password = ctx.arg(ctx.argc() - 1);
        if (ctx.argc() == 2) {
            if (ctx.engine().config().requirePass() == null) {
                throw new CommandException(RespError.AUTH_NOT_CONFIGURED);
            }
        } else {
            user = ctx.arg(1);
        }
        if (!checkPassword(ctx.engine(), user, password)) {
            throw new CommandException(RespError.WRONGPASS);
        }
        ctx.client().authenticated(true);
        ctx.reply().ok();
    }

    private static void hello(CommandContext ctx) {
        long version = 0;
        int next = 1;
        if (ctx.argc() >= 2) {
            version = ctx.argLong(1, RespError.HELLO_PROTOCOL_NOT_INTEGER);
            next = 2;
            if (version < 2 || version > 3) {
                throw new CommandException(RespError.NOPROTO);
            }
        }
        byte[] user = null;
        byte[] password = null;
        String clientName = null;
        for (int j = next; j < ctx.argc(); j++) {
            int more = ctx.argc() - 1 - j;
            if (ctx.argIs(j, "auth") && more >= 2) {
                user = ctx.arg(j + 1);
                password = ctx.arg(j + 2);
                j += 2;
            } else if (ctx.argIs(j, "setname") && more >= 1) {
                clientName = ClientCommand.validName(ctx.arg(j + 1));
                j++;
            } else {
                throw new CommandException(RespError.helloSyntax(ctx.argString(j)));
            }
        }
        Client client = ctx.client();
        if (user != null) {
            if (!checkPassword(ctx.engine(), user, password)) {
                throw new CommandException(RespError.WRONGPASS);
            }
            client.authenticated(true);
        }
        if (!client.authenticated()) {
            throw new CommandException(RespError.NOAUTH_HELLO);
        }
        if (clientName != null) {
            client.name(clientName);
        }
        if (version != 0) {
            client.reply().version(RespVersion.of(version));
        }
        Reply r = ctx.reply();
        r.map(7);
        r.bulk("server");
        r.bulk("redis");
        r.bulk("version");
        r.bulk(REDIS_VERSION);
        r.bulk("proto");
        r.integer(r.version().number());
        r.bulk("id");
        r.integer(client.id());
        r.bulk("mode");
        r.bulk("standalone");
        r.bulk("role");
        r.bulk(
                io.vigil.store.replication.ReplicationManager.of(ctx.engine()).role()
                                == io.vigil.store.replication.ReplicationManager.Role.MASTER
                        ? "master"
                        : "replica");
        r.bulk("modules");
        r.array(0);
    }

    private static void select(CommandContext ctx) {
        int index = Lookups.argInt(ctx, 1);
        if (index < 0 || index >= ctx.engine().keyspace().count()) {
            throw new CommandException(RespError.DB_INDEX_OUT_OF_RANGE);
        }
        ctx.client().select(index);
        ctx.reply().ok();
    }

    private static void quit(CommandContext ctx) {
        ctx.reply().ok();
        ctx.client().closeAfterReply();
    }

    private static void reset(CommandContext ctx) {
        Client client = ctx.client();
        StoreEngine engine = ctx.engine();
        client.endMulti();
        engine.unwatchAll(client);
        for (var channel : new java.util.ArrayList<>(client.channels())) {
            engine.pubsub().unsubscribe(client, channel.bytes());
        }
        for (var pattern : new java.util.ArrayList<>(client.patterns())) {
            engine.pubsub().punsubscribe(client, pattern.bytes());
        }
        client.select(0);
        client.name(null);
        client.reply().version(RespVersion.RESP2);
        client.authenticated(engine.config().requirePass() == null);
        ctx.reply().simple("RESET");
    }
}

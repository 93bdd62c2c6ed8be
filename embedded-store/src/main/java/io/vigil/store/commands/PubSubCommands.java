package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.FAST;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.PUBSUB;
import static io.vigil.store.command.CommandFlag.STALE;
import static io.vigil.store.command.CommandFlag.SUBSCRIBED_CONTEXT;

import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.command.Reply;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.PubSub;
import io.vigil.store.keyspace.ByteKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Pub/sub: SUBSCRIBE UNSUBSCRIBE PSUBSCRIBE PUNSUBSCRIBE PUBLISH PUBSUB CHANNELS|NUMSUB|NUMPAT. Confirmations and
 * messages are arrays for RESP2 clients and pushes for RESP3 clients, as in Redis.
 */
public final class PubSubCommands implements CommandFamily {

    @Override
    public void register(CommandTable t) {
        t.register(spec("subscribe", -2, ctx -> subscribe(ctx, false))
                .flags(SUBSCRIBED_CONTEXT)
                .summary("Listens for messages published to channels."));
        t.register(spec("unsubscribe", -1, ctx -> unsubscribe(ctx, false))
                .flags(SUBSCRIBED_CONTEXT)
                .summary("Stops listening to messages posted to channels."));
        t.register(spec("psubscribe", -2, ctx -> subscribe(ctx, true))
                .flags(SUBSCRIBED_CONTEXT)
                .summary("Listens for messages published to channels that match one or more patterns."));
        t.register(spec("punsubscribe", -1, ctx -> unsubscribe(ctx, true))
                .flags(SUBSCRIBED_CONTEXT)
                .summary("Stops listening to messages published to channels that match one or more patterns."));
        t.register(spec("publish", 3, PubSubCommands::publish).flags(FAST).summary("Posts a message to a channel."));
        t.register(CommandSpec.container("pubsub")
                .group("pubsub")
                .summary("A container for Pub/Sub commands.")
                .sub(spec("channels", -2, PubSubCommands::channels).summary("Returns the active channels."))
                .sub(spec("numsub", -2, PubSubCommands::numsub).summary("Returns a count of subscribers to channels."))
                .sub(spec("numpat", 2, ctx -> ctx.reply()
                                .integer(ctx.engine().pubsub().numPat()))
                        .summary("Returns a count of unique pattern subscriptions.")));
    }

    private static CommandSpec spec(String name, int arity, io.vigil.store.command.CommandHandler h) {
        return CommandSpec.of(name, arity, h)
                .flags(PUBSUB, NOSCRIPT, LOADING, STALE)
                .group("pubsub");
    }

    private static void confirm(Client client, String kind, byte[] channel) {
        Reply r = client.reply();
        r.push(3);
        r.bulk(kind);
        r.bulk(channel);
        r.integer(client.subscriptionCount());
    }

    private static void subscribe(CommandContext ctx, boolean pattern) {
        PubSub pubsub = ctx.engine().pubsub();
        Client client = ctx.client();
        for (int i = 1; i < ctx.argc(); i++) {
            if (pattern) {
                pubsub.psubscribe(client, ctx.arg(i));
            } else {
                pubsub.subscribe(client, ctx.arg(i));
            }
            confirm(client, pattern ? "psubscribe" : "subscribe", ctx.arg(i));
        }
    }

    private static void unsubscribe(CommandContext ctx, boolean pattern) {
        PubSub pubsub = ctx.engine().pubsub();
        Client client = ctx.client();
        String kind = pattern ? "punsubscribe" : "unsubscribe";
        List<byte[]> targets = new ArrayList<>();
        if (ctx.argc() == 1) {
            for (ByteKey k : pattern ? client.patterns() : client.channels()) {
                targets.add(k.bytes());
            }
            if (targets.isEmpty()) {
                Reply r = client.reply();
                r.push(3);
                r.bulk(kind);
                r.nil();
                r.integer(client.subscriptionCount());
                return;
            }
        } else {
            for (int i = 1; i < ctx.argc(); i++) {
                targets.add(ctx.arg(i));
            }
        }
        for (byte[] target : targets) {
            if (pattern) {
                pubsub.punsubscribe(client, target);
            } else {
                pubsub.unsubscribe(client, target);
            }
            confirm(client, kind, target);
        }
    }

    private static void publish(CommandContext ctx) {
        ctx.reply().integer(ctx.engine().pubsub().publish(ctx.arg(1), ctx.arg(2)));
    }

    private static void channels(CommandContext ctx) {
        if (ctx.argc() > 3) {
            throw new io.vigil.store.command.CommandException(io.vigil.resp.RespError.wrongArity("pubsub|channels"));
        }
        List<byte[]> channels = ctx.engine().pubsub().channels(ctx.argc() == 3 ? ctx.arg(2) : null);
        ctx.reply().array(channels.size());
        channels.forEach(ctx.reply()::bulk);
    }

    private static void numsub(CommandContext ctx) {
        ctx.reply().array((ctx.argc() - 2) * 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().bulk(ctx.arg(i));
            ctx.reply().integer(ctx.engine().pubsub().numSub(ctx.arg(i)));
        }
    }
}

package io.vigil.api.resp.impl;

import io.vigil.api.sentinel.MasterView;
import io.vigil.resp.RespError;
import io.vigil.resp.RespVersion;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The connection-level commands of a sentinel: PING, AUTH, HELLO, CLIENT, ROLE, INFO, PUBLISH, (P)(UN)SUBSCRIBE,
 * SHUTDOWN and ACL, with Redis 7's replies and errors.
 */
public final class ConnectionCommands {

    private static final String HELLO_CHANNEL = "__sentinel__:hello";
    private static final String DEFAULT_USER = "default";

    private final ServerContext context;

    private ConnectionCommands(ServerContext context) {
        this.context = context;
    }

    /** Registers the commands in {@code table}. */
    public static void register(CommandTable table, ServerContext context) {
        ConnectionCommands c = new ConnectionCommands(context);
        table.add(Command.of("ping", -1, "Ping the server.", c::ping).withAllowedSubscribed());
        table.add(Command.of("auth", -2, "Authenticate to the server.", c::auth).withNoAuth());
        table.add(Command.of("hello", -1, "Handshake with the server, choosing the protocol.", c::hello)
                .withNoAuth());
        table.add(Command.of("role", 1, "Return the role of this instance: sentinel and its masters.", c::role));
        table.add(Command.of("info", -1, "Information and statistics about this sentinel.", c::info));
        table.add(Command.of("publish", 3, "Hand a hello message to this sentinel.", c::publish));
        table.add(Command.of("subscribe", -2, "Listen for events on channels.", c::subscribe)
                .withAllowedSubscribed());
        table.add(Command.of("psubscribe", -2, "Listen for events on channels matching patterns.", c::psubscribe)
                .withAllowedSubscribed());
        table.add(Command.of("unsubscribe", -1, "Stop listening on channels.", c::unsubscribe)
                .withAllowedSubscribed());
        table.add(Command.of("punsubscribe", -1, "Stop listening on patterns.", c::punsubscribe)
                .withAllowedSubscribed());
        table.add(Command.of("shutdown", -1, "Flush the config and stop this sentinel.", c::shutdown));
        ClientCommands.register(table, context);
        Map<String, Command> acl = new HashMap<>();
        acl.put("whoami", Command.of("acl|whoami", 2, "The current user name.", c::aclWhoami));
        for (String name : List.of(
                "list", "users", "getuser", "setuser", "deluser", "cat", "genpass", "log", "load", "save", "dryrun",
                "help")) {
            acl.put(
                    name,
                    Command.unsupported("acl|" + name, "the sentinel port has one user, default, set by requirepass"));
        }
        table.add(new Command("acl", -2, false, false, "Access control (only WHOAMI on a sentinel port).", null, acl));
    }

    private Reply ping(ClientSession session, List<String> args) {
        if (args.size() > 2) {
            return Reply.error(RespError.wrongArity("ping"));
        }
        if (session.subscribed() && session.version() == RespVersion.RESP2) {
            return Reply.array(Reply.bulk("pong"), Reply.bulk(args.size() == 2 ? args.get(1) : ""));
        }
        return args.size() == 2 ? Reply.bulk(args.get(1)) : new Reply.Simple("PONG");
    }

    private Reply auth(ClientSession session, List<String> args) {
        if (args.size() > 3) {
            return Reply.error(RespError.SYNTAX);
        }
        Optional<String> required = context.options().requirePass();
        if (args.size() == 2 && required.isEmpty()) {
            return Reply.error(RespError.AUTH_NOT_CONFIGURED);
        }
        String user = args.size() == 3 ? args.get(1) : DEFAULT_USER;
        String password = args.get(args.size() - 1);
        if (!passwordMatches(user, password)) {
            return Reply.error(RespError.WRONGPASS);
        }
        session.authenticated(true);
        return Reply.OK;
    }

    private boolean passwordMatches(String user, String password) {
        if (!user.equals(DEFAULT_USER)) {
            return false;
        }
        Optional<String> required = context.options().requirePass();
        return required.isEmpty() || constantTimeEquals(required.get(), password);
    }

    private static boolean constantTimeEquals(String expected, String given) {
        return MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.ISO_8859_1), given.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Reply hello(ClientSession session, List<String> args) {
        RespVersion version = session.version();
        if (args.size() >= 2) {
            OptionalLong number = Args.parseLong(args.get(1));
            if (number.isEmpty()) {
                return Reply.error(RespError.err("Protocol version is not an integer or out of range"));
            }
            if (number.getAsLong() < 2 || number.getAsLong() > 3) {
                return Reply.error(RespError.NOPROTO);
            }
            version = RespVersion.of(number.getAsLong());
        }
        String user = null;
        String password = null;
        String name = null;
        for (int j = 2; j < args.size(); j++) {
            int more = args.size() - 1 - j;
            String option = args.get(j);
            if (option.equalsIgnoreCase("auth") && more >= 2) {
                user = args.get(j + 1);
                password = args.get(j + 2);
                j += 2;
            } else if (option.equalsIgnoreCase("setname") && more >= 1) {
                name = args.get(j + 1);
                j += 1;
            } else {
                return Reply.error(RespError.err("Syntax error in HELLO option '" + option + "'"));
            }
        }
        if (user != null) {
            if (!passwordMatches(user, password)) {
                return Reply.error(RespError.WRONGPASS);
            }
            session.authenticated(true);
        }
        if (!session.authenticated()) {
            return Reply.error(RespError.NOAUTH_HELLO);
        }
        if (name != null) {
            if (!Args.validClientName(name)) {
                return Reply.error(RespError.CLIENT_NAME_CHARS);
            }
            session.name(name);
        }
        session.version(version);
        return new Reply.MapReply(List.of(
                Reply.bulk("server"),
                Reply.bulk("redis"),
                Reply.bulk("version"),
                Reply.bulk(context.options().compatibleVersion()),
                Reply.bulk("proto"),
                Reply.integer(version.number()),
                Reply.bulk("id"),
                Reply.integer(session.id()),
                Reply.bulk("mode"),
                Reply.bulk("sentinel"),
                Reply.bulk("modules"),
                new Reply.Array(List.of())));
    }

    private Reply role(ClientSession session, List<String> args) {
        List<String> names = new ArrayList<>();
        for (MasterView master : context.service().masters()) {
            names.add(master.name());
        }
        return Reply.array(Reply.bulk("sentinel"), Reply.bulks(names));
    }

    private Reply info(ClientSession session, List<String> args) {
        return Reply.bulk(InfoReport.render(context, args.subList(1, args.size())));
    }

    private Reply publish(ClientSession session, List<String> args) {
        if (!args.get(1).equals(HELLO_CHANNEL)) {
            return Reply.error(RespError.err("Only HELLO messages are accepted by Sentinel instances."));
        }
        context.service().receiveHello(args.get(2));
        return Reply.ONE;
    }

    private Reply subscribe(ClientSession session, List<String> args) {
        List<Reply> confirmations = new ArrayList<>();
        for (String channel : args.subList(1, args.size())) {
            context.hub().subscribe(session, channel);
            confirmations.add(confirmation("subscribe", channel, session));
        }
        return new Reply.Sequence(confirmations);
    }

    private Reply psubscribe(ClientSession session, List<String> args) {
        List<Reply> confirmations = new ArrayList<>();
        for (String pattern : args.subList(1, args.size())) {
            context.hub().psubscribe(session, pattern);
            confirmations.add(confirmation("psubscribe", pattern, session));
        }
        return new Reply.Sequence(confirmations);
    }

    private Reply unsubscribe(ClientSession session, List<String> args) {
        List<String> targets = args.size() > 1 ? args.subList(1, args.size()) : PubSubHub.snapshot(session.channels());
        if (targets.isEmpty()) {
            return new Reply.Sequence(List.of(confirmation("unsubscribe", null, session)));
        }
        List<Reply> confirmations = new ArrayList<>();
        for (String channel : targets) {
            context.hub().unsubscribe(session, channel);
            confirmations.add(confirmation("unsubscribe", channel, session));
        }
        return new Reply.Sequence(confirmations);
    }

    private Reply punsubscribe(ClientSession session, List<String> args) {
        List<String> targets = args.size() > 1 ? args.subList(1, args.size()) : PubSubHub.snapshot(session.patterns());
        if (targets.isEmpty()) {
            return new Reply.Sequence(List.of(confirmation("punsubscribe", null, session)));
        }
        List<Reply> confirmations = new ArrayList<>();
        for (String pattern : targets) {
            context.hub().punsubscribe(session, pattern);
            confirmations.add(confirmation("punsubscribe", pattern, session));
        }
        return new Reply.Sequence(confirmations);
    }

    private static Reply confirmation(String kind, String target, ClientSession session) {
        return new Reply.Push(
                List.of(Reply.bulk(kind), Reply.bulk(target), Reply.integer(session.subscriptionCount())));
    }

    private Reply shutdown(ClientSession session, List<String> args) {
        for (String flag : args.subList(1, args.size())) {
            String lower = flag.toLowerCase(Locale.ROOT);
            if (lower.equals("abort")) {
                return Reply.error(RespError.err("No shutdown in progress."));
            }
            if (!List.of("nosave", "save", "now", "force").contains(lower)) {
                return Reply.error(RespError.SYNTAX);
            }
        }
        return new Reply.Deferred(context.service()
                .shutdown()
                .handle((ok, failure) -> failure == null
                        ? new Reply.Close(null)
                        : Reply.error(RespError.err("Errors trying to SHUTDOWN. Check logs."))));
    }

    private Reply aclWhoami(ClientSession session, List<String> args) {
        return Reply.bulk(DEFAULT_USER);
    }
}

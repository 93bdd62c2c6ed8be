package io.vigil.api.resp.impl;

import io.vigil.resp.RespError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Predicate;

/** {@code CLIENT ID|GETNAME|SETNAME|SETINFO|LIST|INFO|KILL} as Redis 7 answers them. */
public final class ClientCommands {

    private final ServerContext context;

    private ClientCommands(ServerContext context) {
        this.context = context;
    }

    /** Registers CLIENT and its subcommands. */
    public static void register(CommandTable table, ServerContext context) {
        ClientCommands c = new ClientCommands(context);
        Map<String, Command> subs = new HashMap<>();
        subs.put("id", Command.of("client|id", 2, "This connection's id.", c::id));
        subs.put("getname", Command.of("client|getname", 2, "This connection's name.", c::getname));
        subs.put("setname", Command.of("client|setname", 3, "Name this connection.", c::setname));
        subs.put("setinfo", Command.of("client|setinfo", 4, "Record the client library name or version.", c::setinfo));
        subs.put("list", Command.of("client|list", -2, "List the connected clients.", c::list));
        subs.put("info", Command.of("client|info", 2, "Describe this connection.", c::info));
        subs.put("kill", Command.of("client|kill", -3, "Close client connections.", c::kill));
        for (String name : List.of(
                "pause",
                "unpause",
                "reply",
                "tracking",
                "trackinginfo",
                "caching",
                "getredir",
                "no-evict",
                "unblock",
                "help")) {
            subs.put(name, Command.unsupported("client|" + name, "a sentinel port has no data commands to tune"));
        }
        table.add(new Command("client", -2, false, false, "Connection management.", null, subs));
    }

    private Reply id(ClientSession session, List<String> args) {
        return Reply.integer(session.id());
    }

    private Reply getname(ClientSession session, List<String> args) {
        return session.name().isEmpty() ? Reply.NULL : Reply.bulk(session.name());
    }

    private Reply setname(ClientSession session, List<String> args) {
        String name = args.get(2);
        if (!Args.validClientName(name)) {
            return Reply.error(RespError.CLIENT_NAME_CHARS);
        }
        session.name(name);
        return Reply.OK;
    }

    private Reply setinfo(ClientSession session, List<String> args) {
        String attribute = args.get(2).toLowerCase(Locale.ROOT);
        String value = args.get(3);
        if (!attribute.equals("lib-name") && !attribute.equals("lib-ver")) {
            return Reply.error(RespError.err("Unrecognized option '" + args.get(2) + "'"));
        }
        if (!Args.validClientName(value)) {
            return Reply.error(RespError.err(attribute + " cannot contain spaces, newlines or special characters."));
        }
        if (attribute.equals("lib-name")) {
            session.libInfo(value, session.libVersion());
        } else {
            session.libInfo(session.libName(), value);
        }
        return Reply.OK;
    }

    private Reply list(ClientSession session, List<String> args) {
        Predicate<ClientSession> filter = s -> true;
        if (args.size() == 4 && args.get(2).equalsIgnoreCase("type")) {
            String type = args.get(3).toLowerCase(Locale.ROOT);
            if (!List.of("normal", "pubsub", "master", "replica", "slave").contains(type)) {
                return Reply.error(RespError.err("Unknown client type '" + args.get(3) + "'"));
            }
            filter = s -> type.equals(typeOf(s));
        } else if (args.size() != 2) {
            return Reply.error(RespError.SYNTAX);
        }
        StringBuilder text = new StringBuilder();
        for (ClientSession client : context.clients().all()) {
            if (filter.test(client)) {
                text.append(describe(client)).append('\n');
            }
        }
        return Reply.bulk(text.toString());
    }

    private Reply info(ClientSession session, List<String> args) {
        return Reply.bulk(describe(session) + "\n");
    }

    private Reply kill(ClientSession session, List<String> args) {
        if (args.size() == 3) {
            for (ClientSession client : context.clients().all()) {
                if (client.address().equals(args.get(2))) {
                    if (client == session) {
                        return new Reply.Close(Reply.OK);
                    }
                    client.close();
                    return Reply.OK;
                }
            }
            return Reply.error(RespError.NO_SUCH_CLIENT);
        }
        List<Predicate<ClientSession>> filters = new ArrayList<>();
        boolean skipMe = true;
        for (int i = 2; i < args.size(); i += 2) {
            if (i + 1 >= args.size()) {
                return Reply.error(RespError.SYNTAX);
            }
            String option = args.get(i).toLowerCase(Locale.ROOT);
            String value = args.get(i + 1);
            switch (option) {
                case "id" -> {
                    OptionalLong id = Args.parseLong(value);
                    if (id.isEmpty() || id.getAsLong() <= 0) {
                        return Reply.error(RespError.err("client-id should be greater than 0"));
                    }
                    filters.add(s -> s.id() == id.getAsLong());
                }
                case "addr" -> filters.add(s -> s.address().equals(value));
                case "laddr" -> filters.add(s -> s.localAddress().equals(value));
                case "user" -> filters.add(s -> value.equals("default"));
                case "type" -> {
                    String type = value.toLowerCase(Locale.ROOT);
                    if (!List.of("normal", "pubsub", "master", "replica", "slave")
                            .contains(type)) {
                        return Reply.error(RespError.err("Unknown client type '" + value + "'"));
                    }
                    filters.add(s -> type.equals(typeOf(s)));
                }
                case "skipme" -> {
                    String yesNo = value.toLowerCase(Locale.ROOT);
                    if (!yesNo.equals("yes") && !yesNo.equals("no")) {
                        return Reply.error(RespError.SYNTAX);
                    }
                    skipMe = yesNo.equals("yes");
                }
                default -> {
                    return Reply.error(RespError.SYNTAX);
                }
            }
        }
        int killed = 0;
        boolean killSelf = false;
        for (ClientSession client : context.clients().all()) {
            if (!filters.stream().allMatch(f -> f.test(client))) {
                continue;
            }
            if (client == session) {
                if (skipMe) {
                    continue;
                }
                killSelf = true;
            } else {
                client.close();
            }
            killed++;
        }
        Reply count = Reply.integer(killed);
        return killSelf ? new Reply.Close(count) : count;
    }

    private static String typeOf(ClientSession session) {
        return session.subscribed() ? "pubsub" : "normal";
    }

    private String describe(ClientSession s) {
        long now = context.clock().millis();
        return "id=" + s.id()
                + " addr=" + s.address()
                + " laddr=" + s.localAddress()
                + " name=" + s.name()
                + " age=" + (now - s.createdMillis()) / 1000
                + " idle=" + (now - s.lastCommandMillis()) / 1000
                + " flags=" + (s.subscribed() ? "P" : "N")
                + " db=0"
                + " sub=" + s.channels().size()
                + " psub=" + s.patterns().size()
                + " multi=-1"
                + " cmd=" + s.lastCommand()
                + " user=default"
                + " lib-name=" + s.libName()
                + " lib-ver=" + s.libVersion()
                + " resp=" + s.version().number();
    }
}

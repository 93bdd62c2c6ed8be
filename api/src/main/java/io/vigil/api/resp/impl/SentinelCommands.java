package io.vigil.api.resp.impl;

import io.vigil.api.sentinel.CachedInfo;
import io.vigil.api.sentinel.DebugParameter;
import io.vigil.api.sentinel.GlobPattern;
import io.vigil.api.sentinel.GlobalParameter;
import io.vigil.api.sentinel.MasterOption;
import io.vigil.api.sentinel.MasterSetting;
import io.vigil.api.sentinel.QuorumCheck;
import io.vigil.api.sentinel.SentinelService;
import io.vigil.api.sentinel.SimulatedFailure;
import io.vigil.resp.RespError;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code SENTINEL} subcommands, with Redis Sentinel 7's arities, argument checks, reply shapes and error texts.
 */
public final class SentinelCommands {

    private static final List<String> HELP = List.of(
            "SENTINEL <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "CKQUORUM <master-name>",
            "    Check if the current Sentinel configuration is able to reach the quorum",
            "    needed to failover a master and the majority needed to authorize the",
            "    failover.",
            "CONFIG SET <param> <value>",
            "    Set a global Sentinel configuration parameter.",
            "CONFIG GET <param>",
            "    Get global Sentinel configuration parameter.",
            "DEBUG [<param> <value> ...]",
            "    Show a list of configurable time parameters and their values (milliseconds).",
            "    Or update current configurable parameters values (one or more).",
            "GET-MASTER-ADDR-BY-NAME <master-name>",
            "    Return the ip and port number of the master with that name.",
            "FAILOVER <master-name>",
            "    Manually failover a master node without asking for agreement from other",
            "    Sentinels",
            "FLUSHCONFIG",
            "    Force Sentinel to rewrite its configuration on disk, including the current",
            "    Sentinel state.",
            "INFO-CACHE <master-name>",
            "    Return last cached INFO output from masters and all its replicas.",
            "IS-MASTER-DOWN-BY-ADDR <ip> <port> <current-epoch> <runid>",
            "    Check if the master specified by ip:port is down from current Sentinel's",
            "    point of view.",
            "MASTER <master-name>",
            "    Show the state and info of the specified master.",
            "MASTERS",
            "    Show a list of monitored masters and their state.",
            "MONITOR <name> <ip> <port> <quorum>",
            "    Start monitoring a new master with the specified name, ip, port and quorum.",
            "MYID",
            "    Return the ID of the Sentinel instance.",
            "REMOVE <master-name>",
            "    Remove master from Sentinel's monitor list.",
            "REPLICAS <master-name>",
            "    Show a list of replicas for this master and their state.",
            "RESET <pattern>",
            "    Reset masters for specific master name matching this pattern.",
            "SENTINELS <master-name>",
            "    Show a list of Sentinel instances for this master and their state.",
            "SET <master-name> <option> <value> [<option> <value> ...]",
            "    Set configuration parameters for certain masters.",
            "SIMULATE-FAILURE [CRASH-AFTER-ELECTION] [CRASH-AFTER-PROMOTION] [HELP]",
            "    Simulate a Sentinel crash.",
            "HELP",
            "    Prints this help.");

    private final SentinelService service;

    private SentinelCommands(SentinelService service) {
        this.service = service;
    }

    /** Registers SENTINEL and its subcommands. */
    public static void register(CommandTable table, ServerContext context) {
        SentinelCommands c = new SentinelCommands(context.service());
        Map<String, Command> subs = new HashMap<>();
        add(subs, "masters", 2, "List the monitored masters and their state.", c::masters);
        add(subs, "master", 3, "State of one master.", c::master);
        add(subs, "replicas", 3, "List the replicas of a master and their state.", c::replicas);
        add(subs, "slaves", 3, "Alias of REPLICAS.", c::replicas);
        add(subs, "sentinels", 3, "List the other sentinels of a master and their state.", c::sentinels);
        add(subs, "get-master-addr-by-name", 3, "Address of a master (the promoted replica's).", c::address);
        add(subs, "is-master-down-by-addr", 6, "Whether a master is down here; asks for a vote.", c::isDown);
        add(subs, "failover", 3, "Force a failover without agreement.", c::failover);
        add(subs, "reset", 3, "Reset the masters matching a pattern.", c::reset);
        add(subs, "monitor", 6, "Start monitoring a master.", c::monitor);
        add(subs, "remove", 3, "Stop monitoring a master.", c::remove);
        add(subs, "set", -5, "Change settings of a master.", c::set);
        add(subs, "ckquorum", 3, "Check that quorum and majority can be reached.", c::ckquorum);
        add(subs, "flushconfig", 2, "Rewrite the config file.", c::flushconfig);
        add(subs, "myid", 2, "This sentinel's id.", c::myid);
        add(subs, "config", -3, "Get or set global sentinel parameters.", c::config);
        add(subs, "info-cache", -3, "Cached INFO of masters and replicas.", c::infoCache);
        add(subs, "simulate-failure", -3, "Arm simulated crashes.", c::simulateFailure);
        add(subs, "debug", -2, "Show or set timing parameters.", c::debug);
        add(subs, "help", 2, "This help.", c::help);
        subs.put(
                "pending-scripts",
                Command.unsupported("sentinel|pending-scripts", "script jobs are not listed by this port yet"));
        table.add(new Command("sentinel", -2, false, false, "Sentinel commands.", null, subs));
    }

    private static void add(Map<String, Command> subs, String name, int arity, String summary, Command.Handler h) {
        subs.put(name, Command.of("sentinel|" + name, arity, summary, h));
    }

    private Reply masters(ClientSession session, List<String> args) {
        return InstanceReplies.masters(service.masters());
    }

    private Reply master(ClientSession session, List<String> args) {
        return service.master(args.get(2))
                .<Reply>map(InstanceReplies::master)
                .orElse(Reply.error(RespError.NO_SUCH_MASTER));
    }

    private Reply replicas(ClientSession session, List<String> args) {
        return service.replicas(args.get(2))
                .<Reply>map(InstanceReplies::replicas)
                .orElse(Reply.error(RespError.NO_SUCH_MASTER));
    }

    private Reply sentinels(ClientSession session, List<String> args) {
        return service.sentinels(args.get(2))
                .<Reply>map(InstanceReplies::sentinels)
                .orElse(Reply.error(RespError.NO_SUCH_MASTER));
    }

    private Reply address(ClientSession session, List<String> args) {
        return service.masterAddress(args.get(2))
                .<Reply>map(a -> Reply.array(Reply.bulk(a.ip()), Reply.bulk(a.port())))
                .orElse(Reply.NULL_ARRAY);
    }

    private Reply isDown(ClientSession session, List<String> args) {
        OptionalLong port = Args.parseLong(args.get(3));
        OptionalLong epoch = Args.parseLong(args.get(4));
        if (port.isEmpty() || epoch.isEmpty()) {
            return Reply.error(RespError.NOT_INTEGER);
        }
        if (port.getAsLong() < 0 || port.getAsLong() > 65535) {
            return Reply.array(Reply.ZERO, Reply.bulk("*"), Reply.ZERO);
        }
        String runid = args.get(5);
        Optional<String> voteFor = runid.equals("*") ? Optional.empty() : Optional.of(runid);
        return Deferreds.map(
                service.isMasterDownByAddr(args.get(2), (int) port.getAsLong(), epoch.getAsLong(), voteFor),
                answer -> Reply.array(
                        answer.down() ? Reply.ONE : Reply.ZERO,
                        Reply.bulk(answer.leader().orElse("*")),
                        Reply.integer(answer.leaderEpoch())));
    }

    private Reply failover(ClientSession session, List<String> args) {
        String name = args.get(2);
        if (service.master(name).isEmpty()) {
            return Reply.error(RespError.NO_SUCH_MASTER);
        }
        return Deferreds.map(service.failover(name), outcome -> switch (outcome) {
            case STARTED -> Reply.OK;
            case ALREADY_IN_PROGRESS -> Reply.error(RespError.INPROG);
            case NO_GOOD_REPLICA -> Reply.error(RespError.NOGOODSLAVE);
        });
    }

    private Reply reset(ClientSession session, List<String> args) {
        return Deferreds.map(service.reset(args.get(2)), count -> Reply.integer(count));
    }

    private Reply monitor(ClientSession session, List<String> args) {
        OptionalLong quorum = Args.parseLong(args.get(5));
        if (quorum.isEmpty() || quorum.getAsLong() < Integer.MIN_VALUE || quorum.getAsLong() > Integer.MAX_VALUE) {
            return Reply.error(RespError.err("Invalid quorum"));
        }
        OptionalLong port = Args.parseLong(args.get(4));
        if (port.isEmpty() || port.getAsLong() < Integer.MIN_VALUE || port.getAsLong() > Integer.MAX_VALUE) {
            return Reply.error(RespError.err("Invalid port"));
        }
        if (quorum.getAsLong() <= 0) {
            return Reply.error(RespError.err("Quorum must be 1 or greater."));
        }
        if (port.getAsLong() < 0 || port.getAsLong() > 65535) {
            return Reply.error(RespError.err("Invalid port number."));
        }
        return Deferreds.map(
                service.monitor(args.get(2), args.get(3), (int) port.getAsLong(), (int) quorum.getAsLong()),
                done -> Reply.OK);
    }

    private Reply remove(ClientSession session, List<String> args) {
        String name = args.get(2);
        if (service.master(name).isEmpty()) {
            return Reply.error(RespError.NO_SUCH_MASTER);
        }
        return Deferreds.map(service.remove(name), done -> Reply.OK);
    }

    private Reply set(ClientSession session, List<String> args) {
        String name = args.get(2);
        if (service.master(name).isEmpty()) {
            return Reply.error(RespError.NO_SUCH_MASTER);
        }
        List<MasterSetting> settings = new ArrayList<>();
        RespError failure = null;
        int j = 3;
        while (j < args.size() && failure == null) {
            String optionName = args.get(j);
            Optional<MasterOption> option = MasterOption.byName(optionName);
            int more = args.size() - 1 - j;
            if (option.isEmpty() || more < option.get().valueCount()) {
                failure = RespError.err("Unknown option or number of arguments for SENTINEL SET '" + optionName + "'");
                break;
            }
            List<String> values = args.subList(j + 1, j + 1 + option.get().valueCount());
            int bad = invalidValueIndex(option.get(), values);
            if (bad >= 0) {
                failure = RespError.err(
                        "Invalid argument '" + values.get(bad) + "' for SENTINEL SET '" + optionName + "'");
                break;
            }
            settings.add(new MasterSetting(option.get(), values));
            j += 1 + option.get().valueCount();
        }
        RespError error = failure;
        if (settings.isEmpty()) {
            return Reply.error(error);
        }
        return Deferreds.map(service.set(name, settings), done -> error == null ? Reply.OK : Reply.error(error));
    }

    /** The index of the first invalid value for {@code option}, or -1. */
    private static int invalidValueIndex(MasterOption option, List<String> values) {
        switch (option.kind()) {
            case POSITIVE, NON_NEGATIVE -> {
                OptionalLong value = Args.parseLong(values.get(0));
                long min = option.kind() == MasterOption.Kind.POSITIVE ? 1 : 0;
                return value.isPresent() && value.getAsLong() >= min ? -1 : 0;
            }
            case NON_EMPTY -> {
                for (int i = values.size() - 1; i >= 0; i--) {
                    if (values.get(i).isEmpty()) {
                        return i;
                    }
                }
                return -1;
            }
            default -> {
                return -1;
            }
        }
    }

    private Reply ckquorum(ClientSession session, List<String> args) {
        Optional<QuorumCheck> check = service.checkQuorum(args.get(2));
        if (check.isEmpty()) {
            return Reply.error(RespError.NO_SUCH_MASTER);
        }
        QuorumCheck q = check.get();
        if (q.quorumReachable() && q.majorityReachable()) {
            return new Reply.Simple(
                    "OK " + q.usable() + " usable Sentinels. Quorum and failover authorization can be reached");
        }
        StringBuilder text = new StringBuilder(q.usable() + " usable Sentinels. ");
        if (!q.quorumReachable()) {
            text.append("Not enough available Sentinels to reach the specified quorum for this master");
        }
        if (!q.majorityReachable()) {
            if (!q.quorumReachable()) {
                text.append(". ");
            }
            text.append("Not enough available Sentinels to reach the majority and authorize a failover");
        }
        return Reply.error(RespError.noQuorum(text.toString()));
    }

    private Reply flushconfig(ClientSession session, List<String> args) {
        return Deferreds.map(service.flushConfig(), done -> Reply.OK);
    }

    private Reply myid(ClientSession session, List<String> args) {
        return Reply.bulk(service.myId());
    }

    private Reply config(ClientSession session, List<String> args) {
        String verb = args.get(2);
        if (verb.equalsIgnoreCase("get") && args.size() == 4) {
            Map<GlobalParameter, String> values = service.globalConfig();
            List<Reply> entries = new ArrayList<>();
            for (GlobalParameter parameter : GlobalParameter.values()) {
                if (GlobPattern.matchesIgnoreCase(args.get(3), parameter.wireName())) {
                    entries.add(Reply.bulk(parameter.wireName()));
                    entries.add(Reply.bulk(values.getOrDefault(parameter, "")));
                }
            }
            return new Reply.MapReply(entries);
        }
        if (verb.equalsIgnoreCase("set") && args.size() == 5) {
            Optional<GlobalParameter> parameter = GlobalParameter.byName(args.get(3));
            if (parameter.isEmpty()) {
                return Reply.error(RespError.err("Invalid argument '" + args.get(3) + "' to SENTINEL CONFIG SET"));
            }
            Optional<String> value = parameter.get().normalize(args.get(4));
            if (value.isEmpty()) {
                return Reply.error(RespError.err(
                        "Invalid value '" + args.get(4) + "' to SENTINEL CONFIG SET '" + args.get(3) + "'"));
            }
            return Deferreds.map(service.setGlobalConfig(parameter.get(), value.get()), done -> Reply.OK);
        }
        return Reply.error(RespError.err("Only SENTINEL CONFIG GET <option> / SET <option> <value> are supported."));
    }

    private Reply infoCache(ClientSession session, List<String> args) {
        List<Reply> items = new ArrayList<>();
        for (CachedInfo cached : service.infoCache(args.subList(2, args.size()))) {
            items.add(Reply.bulk(cached.master()));
            List<Reply> entries = new ArrayList<>();
            for (CachedInfo.Entry entry : cached.entries()) {
                entries.add(Reply.array(
                        Reply.integer(entry.ageMs()),
                        entry.info().<Reply>map(Reply::bulk).orElse(Reply.NULL)));
            }
            items.add(new Reply.Array(entries));
        }
        return new Reply.Array(items);
    }

    private Reply simulateFailure(ClientSession session, List<String> args) {
        Set<SimulatedFailure> armed = EnumSet.noneOf(SimulatedFailure.class);
        Reply reply = Reply.OK;
        for (String flag : args.subList(2, args.size())) {
            Optional<SimulatedFailure> failure = simulatedFailure(flag);
            if (failure.isPresent()) {
                armed.add(failure.get());
            } else if (flag.equalsIgnoreCase("help")) {
                List<String> names = new ArrayList<>();
                for (SimulatedFailure known : SimulatedFailure.values()) {
                    names.add(known.wireName());
                }
                reply = Reply.bulks(names);
                break;
            } else {
                reply = Reply.error(RespError.err("Unknown failure simulation specified"));
                break;
            }
        }
        service.simulateFailure(armed);
        return reply;
    }

    private static Optional<SimulatedFailure> simulatedFailure(String name) {
        for (SimulatedFailure failure : SimulatedFailure.values()) {
            if (failure.wireName().equalsIgnoreCase(name)) {
                return Optional.of(failure);
            }
        }
        return Optional.empty();
    }

    private Reply debug(ClientSession session, List<String> args) {
        if (args.size() == 2) {
            Map<DebugParameter, Long> values = service.debugParameters();
            List<Reply> entries = new ArrayList<>();
            for (DebugParameter parameter : DebugParameter.values()) {
                Long value = values.get(parameter);
                if (value != null) {
                    entries.add(Reply.bulk(parameter.wireName()));
                    entries.add(Reply.bulk(value));
                }
            }
            return new Reply.MapReply(entries);
        }
        Map<DebugParameter, Long> changes = new LinkedHashMap<>();
        Reply reply = Reply.OK;
        for (int j = 2; j < args.size(); j += 2) {
            String option = args.get(j);
            Optional<DebugParameter> parameter = DebugParameter.byName(option);
            if (parameter.isEmpty() || j + 1 >= args.size()) {
                reply = Reply.error(
                        RespError.err("Unknown option or number of arguments for SENTINEL DEBUG '" + option + "'"));
                break;
            }
            OptionalLong value = Args.parseLong(args.get(j + 1));
            if (value.isEmpty() || value.getAsLong() <= 0) {
                reply = Reply.error(RespError.err(
                        "Invalid argument '" + args.get(j + 1) + "' for SENTINEL DEBUG '" + option + "'"));
                break;
            }
            changes.put(parameter.get(), value.getAsLong());
        }
        if (!changes.isEmpty()) {
            service.setDebugParameters(changes);
        }
        return reply;
    }

    private Reply help(ClientSession session, List<String> args) {
        List<Reply> lines = new ArrayList<>();
        for (String line : HELP) {
            lines.add(new Reply.Simple(line));
        }
        return new Reply.Array(lines);
    }
}

package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ADMIN;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.config.ConfigException;
import io.vigil.resp.RespError;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.config.StoreConfigRewriter;
import io.vigil.store.keyspace.Glob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code CONFIG GET|SET|RESETSTAT|REWRITE|HELP}. */
public final class ConfigCommand implements CommandFamily {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigCommand.class);

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.container("config")
                .group("server")
                .summary("A container for server configuration commands.")
                .sub(sub("get", -3, ConfigCommand::get)
                        .summary("Returns the effective values of configuration parameters."))
                .sub(sub("set", -4, ConfigCommand::set).summary("Sets configuration parameters in-flight."))
                .sub(sub("resetstat", 2, ctx -> {
                            ctx.engine().stats().reset();
                            ctx.reply().ok();
                        })
                        .summary("Resets the server's statistics."))
                .sub(sub("rewrite", 2, ConfigCommand::rewrite).summary("Persists the effective configuration to file."))
                .sub(sub("help", 2, ctx -> {
                            String[] lines = {
                                "CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                                "GET <pattern>",
                                "    Return parameters matching the glob-like <pattern> and their values.",
                                "SET <directive> <value>",
                                "    Set the configuration <directive> to <value>.",
                                "RESETSTAT",
                                "    Reset statistics reported by the INFO command.",
                                "REWRITE",
                                "    Rewrite the configuration file.",
                                "HELP",
                                "    Print this help."
                            };
                            ctx.reply().array(lines.length);
                            for (String l : lines) {
                                ctx.reply().simple(l);
                            }
                        })
                        .summary("Returns helpful text about the different subcommands.")));
    }

    private static CommandSpec sub(String name, int arity, io.vigil.store.command.CommandHandler h) {
        return CommandSpec.of(name, arity, h).flags(ADMIN, NOSCRIPT, LOADING, STALE);
    }

    private static void get(CommandContext ctx) {
        Map<String, String> all = ctx.engine().config().entries(true);
        Map<String, String> matched = new LinkedHashMap<>();
        for (int i = 2; i < ctx.argc(); i++) {
            byte[] pattern = ctx.argString(i).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.ISO_8859_1);
            for (Map.Entry<String, String> e : all.entrySet()) {
                if (Glob.matches(pattern, e.getKey().getBytes(StandardCharsets.ISO_8859_1), true)) {
                    matched.putIfAbsent(e.getKey(), e.getValue());
                }
            }
        }
        ctx.reply().map(matched.size());
        matched.forEach((k, v) -> {
            ctx.reply().bulk(k);
            ctx.reply().bulk(v);
        });
    }

    private static void set(CommandContext ctx) {
        if ((ctx.argc() - 2) % 2 != 0) {
            throw new CommandException(RespError.wrongArity("config|set"));
        }
        StoreConfig config = ctx.engine().config();
        Map<String, String> previous = new LinkedHashMap<>();
        for (int i = 2; i < ctx.argc(); i += 2) {
            String name = ctx.argString(i).toLowerCase(Locale.ROOT);
            if (!config.isKnown(name)) {
                throw new CommandException(RespError.unknownConfigOption(ctx.argString(i)));
            }
            if (!config.isMutable(name)) {
                throw new CommandException(RespError.immutableConfig(ctx.argString(i)));
            }
        }
        for (int i = 2; i < ctx.argc(); i += 2) {
            String name = ctx.argString(i).toLowerCase(Locale.ROOT);
            previous.putIfAbsent(name, config.get(name));
            try {
                config.set(name, ctx.argString(i + 1));
            } catch (IllegalArgumentException e) {
                previous.forEach(config::set);
                throw new CommandException(RespError.configSetFailed(ctx.argString(i), e.getMessage()));
            }
        }
        ctx.engine().applyProtocolLimits();
        ctx.engine().applyMemoryConfig();
        try {
            ctx.engine().aof().applyConfig();
        } catch (IOException e) {
            LOG.warn("Unable to turn on AOF: {}", e.getMessage());
            config.set("appendonly", "no");
            throw new CommandException(
                    RespError.configSetFailed("appendonly", "Unable to turn on AOF. Check server logs."));
        }
        ctx.reply().ok();
    }

    private static void rewrite(CommandContext ctx) {
        StoreConfig config = ctx.engine().config();
        if (config.configFile() == null) {
            throw new CommandException(RespError.NO_CONFIG_FILE);
        }
        try {
            StoreConfigRewriter.rewrite(config);
            LOG.info("CONFIG REWRITE executed with success.");
            ctx.reply().ok();
        } catch (IOException | ConfigException e) {
            LOG.warn("CONFIG REWRITE failed: {}", e.getMessage());
            throw new CommandException(RespError.configRewriteFailed(e.getMessage()));
        }
    }
}

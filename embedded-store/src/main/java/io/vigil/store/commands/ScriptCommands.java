package io.vigil.store.commands;

import static io.vigil.store.command.CommandFlag.ALLOW_BUSY;
import static io.vigil.store.command.CommandFlag.LOADING;
import static io.vigil.store.command.CommandFlag.NOSCRIPT;
import static io.vigil.store.command.CommandFlag.READONLY;
import static io.vigil.store.command.CommandFlag.STALE;

import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFamily;
import io.vigil.store.command.CommandHandler;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.CommandTable;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.script.ScriptErrors;
import io.vigil.store.script.ScriptRuntime;
import io.vigil.store.script.Sha1Hex;
import io.vigil.store.script.Shebang;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Lua scripting: {@code EVAL}, {@code EVALSHA}, their {@code _RO} forms, {@code SCRIPT LOAD|EXISTS|FLUSH|KILL|HELP}. Each engine gets its
 * own {@link ScriptRuntime}, created on first use so that a store that never runs a script never loads the Lua
 * native library.
 */
public final class ScriptCommands implements CommandFamily {

    private static final String[] HELP = {
        "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
        "DEBUG (YES|SYNC|NO)",
        "    Set the debug mode for subsequent scripts executed.",
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
        "HELP",
        "    Prints this help."
    };

    private final Map<StoreEngine, ScriptRuntime> runtimes =
            java.util.Collections.synchronizedMap(new WeakHashMap<>()); // an AOF replay engine runs on its own thread

    @Override
    public void register(CommandTable t) {
        t.register(CommandSpec.of("eval", -3, ctx -> eval(ctx, false))
                .flags(NOSCRIPT, STALE)
                .denyOomWhen((engine, args) -> Shebang.bodyDeniesOom(args[1]))
                .group("scripting")
                .summary("Executes a server-side Lua script."));
        t.register(CommandSpec.of("evalsha", -3, ctx -> evalsha(ctx, false))
                .flags(NOSCRIPT, STALE)
                .denyOomWhen(this::cachedDeniesOom)
                .group("scripting")
                .summary("Executes a server-side Lua script by SHA1 digest."));
        t.register(CommandSpec.of("eval_ro", -3, ctx -> eval(ctx, true))
                .flags(NOSCRIPT, STALE, READONLY)
                .denyOomWhen((engine, args) -> Shebang.bodyDeniesOom(args[1]))
                .group("scripting")
                .summary("Executes a read-only server-side Lua script."));
        t.register(CommandSpec.of("evalsha_ro", -3, ctx -> evalsha(ctx, true))
                .flags(NOSCRIPT, STALE, READONLY)
                .denyOomWhen(this::cachedDeniesOom)
                .group("scripting")
                .summary("Executes a read-only server-side Lua script by SHA1 digest."));
        t.register(CommandSpec.container("script")
                .group("scripting")
                .summary("A container for Lua scripts management commands.")
                .sub(sub("load", 3, this::load).summary("Loads a server-side Lua script to the script cache."))
                .sub(sub("exists", -3, this::exists)
                        .summary("Determines whether server-side Lua scripts exist in the script cache."))
                .sub(sub("flush", -2, this::flush)
                        .summary("Removes all server-side Lua scripts from the script cache."))
                .sub(sub("kill", 2, ScriptCommands::kill)
                        .flags(ALLOW_BUSY)
                        .summary("Terminates a server-side Lua script during execution."))
                .sub(CommandSpec.of("help", 2, ScriptCommands::help)
                        .flags(LOADING, STALE)
                        .group("scripting")
                        .summary("Returns helpful text about the different subcommands.")));
    }

    private static CommandSpec sub(String name, int arity, CommandHandler h) {
        return CommandSpec.of(name, arity, h).flags(NOSCRIPT).group("scripting");
    }

    private boolean cachedDeniesOom(StoreEngine engine, byte[][] args) {
        ScriptRuntime runtime = runtimes.get(engine);
        return runtime != null
                && runtime.deniesOom(new String(args[1], StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT));
    }

    /** The runtime of an engine (created on first use). */
    public ScriptRuntime runtime(StoreEngine engine) {
        return runtimes.computeIfAbsent(engine, e -> new ScriptRuntime());
    }

    private void eval(CommandContext ctx, boolean readOnly) {
        byte[] body = ctx.arg(1);
        runtime(ctx.engine()).eval(ctx, Sha1Hex.of(body), body, 2, readOnly);
    }

    private void evalsha(CommandContext ctx, boolean readOnly) {
        String sha = ctx.argString(1).toLowerCase(Locale.ROOT);
        runtime(ctx.engine()).eval(ctx, sha, null, 2, readOnly);
    }

    private void load(CommandContext ctx) {
        ctx.reply().bulk(runtime(ctx.engine()).load(ctx.arg(2)));
    }

    private void exists(CommandContext ctx) {
        ScriptRuntime runtime = runtime(ctx.engine());
        ctx.reply().array(ctx.argc() - 2);
        for (int i = 2; i < ctx.argc(); i++) {
            ctx.reply().integer(runtime.exists(ctx.argString(i)) ? 1 : 0);
        }
    }

    private void flush(CommandContext ctx) {
        boolean valid = ctx.argc() == 2 || (ctx.argc() == 3 && (ctx.argIs(2, "sync") || ctx.argIs(2, "async")));
        if (!valid) {
            throw new CommandException(ScriptErrors.FLUSH_OPTION);
        }
        ScriptRuntime runtime = runtimes.get(ctx.engine());
        if (runtime != null) {
            runtime.flush();
        }
        ctx.reply().ok();
    }

    private static void kill(CommandContext ctx) {
        switch (ctx.engine().busyScript().kill()) {
            case NOT_BUSY -> throw new CommandException(ScriptErrors.NOTBUSY);
            case UNKILLABLE -> throw new CommandException(ScriptErrors.UNKILLABLE);
            case KILLED -> ctx.reply().ok();
        }
    }

    private static void help(CommandContext ctx) {
        ctx.reply().array(HELP.length);
        for (String line : HELP) {
            ctx.reply().simple(line);
        }
    }
}

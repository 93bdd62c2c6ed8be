package io.vigil.store.script;

import io.netty.buffer.ByteBuf;
import io.vigil.resp.RespError;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespReader;
import io.vigil.resp.RespValue;
import io.vigil.resp.RespVersion;
import io.vigil.store.command.CommandContext;
import io.vigil.store.command.CommandException;
import io.vigil.store.command.CommandFlag;
import io.vigil.store.command.CommandSpec;
import io.vigil.store.command.Reply;
import io.vigil.store.engine.BusyScript;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.ReplicationStream;
import io.vigil.store.engine.StoreEngine;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;
import party.iroiro.luajava.lua51.Lua51;

/**
 * One engine's Lua 5.1 interpreter (the reference interpreter through JNI, as Redis embeds it) and its script
 * cache. {@link #eval} compiles a body once per SHA-1, runs it on the command thread with {@code KEYS} and
 * {@code ARGV} set, lets it call commands through {@code redis.call}/{@code redis.pcall} as the calling client, and
 * replicates its effects: one write as itself, several wrapped in {@code MULTI}/{@code EXEC} (Redis 7's effects
 * replication).
 *
 * <p>Not thread safe: used only on the command thread.
 */
public final class ScriptRuntime {

    private static final Logger LOG = LoggerFactory.getLogger("io.vigil.store.script");

    /** Commands refused inside scripts even when their spec lacks the {@code noscript} flag (they would block). */
    private static final Set<String> BLOCKING = Set.of(
            "blpop",
            "brpop",
            "brpoplpush",
            "blmove",
            "blmpop",
            "bzpopmin",
            "bzpopmax",
            "bzmpop",
            "wait",
            "subscribe",
            "psubscribe",
            "ssubscribe",
            "unsubscribe",
            "punsubscribe",
            "sunsubscribe",
            "monitor");

    private final Lua lua;
    private final int prepareRef;
    private final int runRef;
    private final int whereRef;
    private final int armRef;
    private boolean hookTripped;
    private final Map<String, Compiled> scripts = new HashMap<>();
    private final Rand48 random = new Rand48();
    private CommandContext current;
    private boolean readOnly;
    private boolean allowOom;
    private boolean wrote;

    /** A cached script: its function in the registry and its shebang flags. */
    private record Compiled(int ref, boolean noWrites, boolean allowOom, boolean deniesOom) {}

    /**
     * Whether the cached script {@code sha} is refused as a whole while over {@code maxmemory} (it has a shebang
     * without {@code no-writes} or {@code allow-oom}); {@code false} for an unknown script.
     */
    public boolean deniesOom(String sha) {
        Compiled script = scripts.get(sha);
        return script != null && script.deniesOom();
    }

    /** A fresh sandboxed interpreter. */
    public ScriptRuntime() {
        lua = new Lua51();
        lua.openLibraries();
        try {
            byte[] setup = LuaSandbox.SETUP.getBytes(StandardCharsets.US_ASCII);
            lua.load(ByteBuffer.allocateDirect(setup.length).put(setup).flip(), LuaSandbox.CHUNK_NAME);
            lua.pCall(0, 6);
        } catch (LuaException e) {
            lua.close();
            throw new IllegalStateException("the scripting sandbox did not load: " + e.getMessage(), e);
        }
        armRef = lua.ref();
        new LuaBitLib(this::luaLError).push(lua);
        lua.setGlobal("bit");
        loadCjson();
        lua.push(this::random);
        lua.push(this::randomSeed);
        call(lua, 2, 0);
        whereRef = lua.ref();
        installRedisFunctions();
        runRef = lua.ref();
        prepareRef = lua.ref();
        lua.setTop(0);
        arm();
    }

    /** (Re)installs the count hook that lets a long script be killed and others be answered meanwhile. */
    private void arm() {
        lua.refGet(armRef);
        lua.push(this::interrupt);
        call(lua, 1, 0);
        lua.setTop(0);
    }

    /** The count hook's check: nothing to continue, or the error the script must stop with. */
    private int interrupt(Lua l) {
        CommandContext ctx = current;
        if (ctx == null) {
            return 0;
        }
        BusyScript.Verdict verdict = ctx.engine().busyScript().interrupt();
        if (verdict == BusyScript.Verdict.CONTINUE) {
            return 0;
        }
        hookTripped = true;
        l.setTop(0);
        l.push(verdict == BusyScript.Verdict.KILL ? ScriptErrors.KILLED : ScriptErrors.ABORTED);
        return 1;
    }

    private void loadCjson() {
        byte[] source = LuaCjson.SOURCE.getBytes(StandardCharsets.US_ASCII);
        try {
            lua.load(ByteBuffer.allocateDirect(source.length).put(source).flip(), LuaSandbox.CHUNK_NAME);
        } catch (LuaException e) {
            throw new IllegalStateException("the cjson library did not load: " + e.getMessage(), e);
        }
        lua.getGlobal("newproxy");
        call(lua, 1, 1);
        for (String name : new String[] {"encode", "decode"}) {
            lua.getField(-1, name);
            int ref = lua.ref();
            lua.push(l -> callRaising(l, ref));
            lua.setField(-2, name);
        }
        lua.setGlobal("cjson");
    }

    /** Calls a Lua function with this C function's arguments; its error is raised again with our caller's position. */
    private int callRaising(Lua l, int ref) {
        int argc = l.getTop();
        l.refGet(ref);
        l.insert(1);
        try {
            l.pCall(argc, 1);
            return 1;
        } catch (LuaException e) {
            return luaLError(l, e.getMessage());
        }
    }

    private void installRedisFunctions() {
        lua.push(l -> redisCall(l, true));
        lua.setField(-2, "call");
        lua.push(l -> redisCall(l, false));
        lua.setField(-2, "pcall");
        lua.push(ScriptRuntime::sha1hex);
        lua.setField(-2, "sha1hex");
        lua.push(ScriptRuntime::log);
        lua.setField(-2, "log");
        lua.push(ScriptRuntime::setRepl);
        lua.setField(-2, "set_repl");
        lua.push(ScriptRuntime::setResp);
        lua.setField(-2, "setresp");
        lua.pop(1);
    }

    /** Whether a script with this SHA-1 (any case) is cached. */
    public boolean exists(String sha) {
        return scripts.containsKey(sha.toLowerCase(Locale.ROOT));
    }

    /** Compiles and caches a body ({@code SCRIPT LOAD}); returns its SHA-1. */
    public String load(byte[] body) {
        String sha = Sha1Hex.of(body);
        if (!scripts.containsKey(sha)) {
            compile(sha, body);
        }
        return sha;
    }

    /** Forgets every cached script ({@code SCRIPT FLUSH}). */
    public void flush() {
        for (Compiled script : scripts.values()) {
            lua.unref(script.ref());
        }
        scripts.clear();
        lua.gc();
    }

    /** Number of cached scripts. */
    public int size() {
        return scripts.size();
    }

    /**
     * Runs a script as the context's client and writes its reply.
     *
     * @param sha the script's SHA-1 (lower case)
     * @param body its text for {@code EVAL}, or null for {@code EVALSHA} (then it must be cached)
     * @param numKeysIndex the argument index of {@code numkeys}
     * @param readOnlyCall {@code EVAL_RO}/{@code EVALSHA_RO}: write commands are refused
     */
    public void eval(CommandContext ctx, String sha, byte[] body, int numKeysIndex, boolean readOnlyCall) {
        long numKeys = ctx.argLong(numKeysIndex);
        int rest = ctx.argc() - numKeysIndex - 1;
        if (numKeys > rest) {
            throw new CommandException(ScriptErrors.NUMKEYS_TOO_MANY);
        }
        if (numKeys < 0) {
            throw new CommandException(ScriptErrors.NUMKEYS_NEGATIVE);
        }
        Compiled script = scripts.get(sha);
        if (script == null) {
            if (body == null) {
                throw new CommandException(ScriptErrors.NOSCRIPT);
            }
            script = compile(sha, body);
        }
        setArray("KEYS", ctx, numKeysIndex + 1, (int) numKeys);
        setArray("ARGV", ctx, numKeysIndex + 1 + (int) numKeys, rest - (int) numKeys);
        readOnly = readOnlyCall || script.noWrites();
        allowOom = script.allowOom() || script.noWrites();
        wrote = false;
        run(ctx, sha, script.ref());
    }

    private Compiled compile(String sha, byte[] body) {
        Shebang shebang = Shebang.parse(body);
        byte[] source = shebang.source();
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, source.length));
        buffer.put(source).flip();
        try {
            lua.load(buffer, "@user_script");
        } catch (LuaException e) {
            String message = lua.getTop() > 0 && lua.isString(-1) ? LuaStack.text(lua, -1) : e.getMessage();
            lua.setTop(0);
            throw new CommandException(ScriptErrors.compile(message));
        }
        lua.refGet(prepareRef);
        lua.insert(-2);
        call(lua, 1, 1);
        Compiled script = new Compiled(lua.ref(), shebang.noWrites(), shebang.allowOom(), shebang.deniesOom());
        scripts.put(sha, script);
        return script;
    }

    private void setArray(String name, CommandContext ctx, int from, int count) {
        lua.createTable(count, 0);
        for (int i = 0; i < count; i++) {
            LuaStack.pushBytes(lua, ctx.arg(from + i));
            lua.rawSetI(-2, i + 1);
        }
        lua.setGlobal(name);
    }

    private void run(CommandContext ctx, String sha, int ref) {
        StoreEngine engine = ctx.engine();
        Client client = ctx.client();
        CommandSpec spec = ctx.spec();
        byte[][] args = ctx.args();
        int db = client.db();
        Recorded recorded = new Recorded(engine.replication());
        engine.captureWrites(recorded);
        current = ctx;
        if (hookTripped) {
            hookTripped = false;
            arm(); // back from the every-line hook a killed script left
        }
        engine.scriptStarted(client, sha);
        boolean ok;
        boolean aborted;
        try {
            lua.setTop(0);
            lua.refGet(runRef);
            lua.refGet(ref);
            call(lua, 1, 2);
            ok = lua.toBoolean(1);
        } finally {
            aborted = engine.busyScript().aborted();
            engine.scriptEnded();
            current = null;
            engine.captureWrites(null);
            client.select(db);
            ctx.begin(spec, args);
        }
        if (aborted) { // SHUTDOWN NOSAVE: the store stops; nothing of the script is replicated or answered
            lua.setTop(0);
            return;
        }
        recorded.replay(engine);
        try {
            if (ok) {
                LuaReplies.write(lua, ctx.reply());
            } else {
                ctx.reply().error(errorOf(sha));
                engine.stats().errorReplies++;
            }
        } finally {
            lua.setTop(0);
        }
    }

    private RespError errorOf(String sha) {
        if (lua.type(-1) != Lua.LuaType.TABLE) {
            String message = lua.isString(-1) ? LuaStack.text(lua, -1) : "execution failure";
            return ScriptErrors.running(sha, message);
        }
        String err = LuaReplies.field(lua, "err");
        String source = LuaReplies.field(lua, "source");
        lua.push("line");
        lua.rawGet(-2);
        String line = lua.isNumber(-1) ? Long.toString((long) lua.toNumber(-1)) : null;
        lua.pop(1);
        return ScriptErrors.raised(err == null ? "" : err, sha, source, line);
    }

    private int redisCall(Lua l, boolean raise) {
        CommandContext ctx = current;
        int argc = l.getTop();
        if (ctx == null) {
            return fail(l, "redis.call() used outside of a script", raise);
        }
        if (argc == 0) {
            return fail(l, ScriptErrors.NO_ARGUMENTS, raise);
        }
        byte[][] argv = new byte[argc][];
        for (int i = 1; i <= argc; i++) {
            Lua.LuaType type = l.type(i);
            if (type == Lua.LuaType.NUMBER) {
                argv[i - 1] = LuaNumbers.g17(l.toNumber(i)).getBytes(StandardCharsets.US_ASCII);
            } else if (type == Lua.LuaType.STRING) {
                argv[i - 1] = LuaStack.bytes(l, i);
            } else {
                return fail(l, ScriptErrors.BAD_ARGUMENT, raise);
            }
        }
        StoreEngine engine = ctx.engine();
        CommandSpec spec = engine.resolve(argv);
        if (spec == null) {
            return fail(l, ScriptErrors.UNKNOWN_COMMAND, raise);
        }
        if (!spec.arityAccepts(argc)) {
            return fail(l, ScriptErrors.WRONG_ARITY, raise);
        }
        if (spec.has(CommandFlag.NOSCRIPT) || BLOCKING.contains(spec.name())) {
            return fail(l, ScriptErrors.NOT_ALLOWED, raise);
        }
        if (readOnly && spec.has(CommandFlag.WRITE)) {
            return fail(l, ScriptErrors.WRITE_IN_READ_ONLY, raise);
        }
        if (spec.has(CommandFlag.WRITE)) {
            io.vigil.resp.RespError denied = engine.scriptGate(ctx.client(), spec);
            if (denied != null) { // READONLY replica, NOREPLICAS, FENCED
                l.setTop(0);
                LuaReplies.pushError(l, denied.text());
                return raise ? -1 : 1;
            }
        }
        if (!allowOom
                && !wrote
                && spec.denyOom(ctx.engine(), argv)
                && ctx.engine().scriptOom()) {
            l.setTop(0);
            LuaReplies.pushError(l, RespError.OOM.text());
            return raise ? -1 : 1;
        }
        if (spec.has(CommandFlag.WRITE)) {
            wrote = true;
            engine.busyScript().wrote();
        }
        RespValue reply = execute(ctx, spec, argv);
        l.setTop(0);
        LuaReplies.push(l, reply);
        return raise && reply instanceof RespValue.Error ? -1 : 1;
    }

    private static RespValue execute(CommandContext ctx, CommandSpec spec, byte[][] argv) {
        Client client = ctx.client();
        Reply reply = client.reply();
        RespVersion version = reply.version();
        reply.version(RespVersion.RESP2);
        ByteBuf out = reply.buffer();
        int mark = out.writerIndex();
        try {
            ctx.engine().call(client, spec, argv);
            ByteBuf written = reply.buffer();
            RespValue value = RespReader.read(written.slice(mark, written.writerIndex() - mark));
            if (value == null) {
                throw new IllegalStateException("'" + spec.fullName() + "' wrote an incomplete reply");
            }
            return value;
        } catch (RespProtocolException e) {
            throw new IllegalStateException("'" + spec.fullName() + "' wrote a malformed reply", e);
        } finally {
            reply.buffer().writerIndex(mark);
            reply.version(version);
        }
    }

    private static void call(Lua l, int nargs, int nresults) {
        try {
            l.pCall(nargs, nresults);
        } catch (LuaException e) {
            throw new IllegalStateException("a scripting support function failed: " + e.getMessage(), e);
        }
    }

    private static int fail(Lua l, String message, boolean raise) {
        l.setTop(0);
        LuaReplies.pushError(l, "ERR " + message);
        return raise ? -1 : 1;
    }

    private int random(Lua l) {
        int argc = l.getTop();
        double r = random.nextUnit();
        if (argc == 0) {
            l.push(r);
            return 1;
        }
        if (argc > 2) {
            return luaLError(l, "wrong number of arguments");
        }
        for (int i = 1; i <= argc; i++) {
            if (!l.isNumber(i)) {
                return argError(l, i, "random", "number expected, got " + typeName(l, i));
            }
        }
        long low = argc == 2 ? (long) Math.rint(l.toNumber(1)) : 1;
        long high = (long) Math.rint(l.toNumber(argc));
        if (low > high) {
            return argError(l, argc, "random", "interval is empty");
        }
        l.setTop(0);
        l.push(Math.floor(r * (high - low + 1)) + low);
        return 1;
    }

    private int randomSeed(Lua l) {
        if (!l.isNumber(1)) {
            return argError(l, 1, "randomseed", "number expected, got " + typeName(l, 1));
        }
        random.seed((int) Math.rint(l.toNumber(1)));
        l.setTop(0);
        return 0;
    }

    private static String typeName(Lua l, int index) {
        Lua.LuaType type = l.type(index);
        return type == null || type == Lua.LuaType.NONE
                ? "no value"
                : type.name().toLowerCase(Locale.ROOT);
    }

    private int argError(Lua l, int arg, String function, String detail) {
        return luaLError(l, "bad argument #" + arg + " to '" + function + "' (" + detail + ")");
    }

    /** Raises {@code message} prefixed with the caller's position, as {@code luaL_error} does. */
    private int luaLError(Lua l, String message) {
        l.refGet(whereRef);
        call(l, 0, 1);
        String where = LuaStack.text(l, -1);
        l.setTop(0);
        LuaStack.pushText(l, where + message);
        return -1;
    }

    private static int setRepl(Lua l) {
        if (l.getTop() != 1) {
            return raise(l, "redis.set_repl() requires two arguments.");
        }
        double flags = l.isNumber(1) ? l.toNumber(1) : 0;
        if (((long) flags & ~3L) != 0) {
            return raise(l, "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.");
        }
        l.setTop(0);
        return 0;
    }

    private static int setResp(Lua l) {
        if (l.getTop() != 1) {
            return raise(l, "redis.setresp() requires one argument.");
        }
        long version = l.isNumber(1) ? (long) l.toNumber(1) : 0;
        if (version != 2 && version != 3) {
            return raise(l, "RESP version must be 2 or 3.");
        }
        if (version == 3) {
            return raise(l, "redis.setresp(3) is not supported by the Vigil store yet");
        }
        l.setTop(0);
        return 0;
    }

    /** Raises {@code {err="ERR <message>"}} as Redis's {@code luaPushError} + {@code luaError}. */
    private static int raise(Lua l, String message) {
        l.setTop(0);
        LuaReplies.pushError(l, "ERR " + message);
        return -1;
    }

    private static int sha1hex(Lua l) {
        if (l.getTop() != 1) {
            l.setTop(0);
            LuaReplies.pushError(l, "ERR wrong number of arguments");
            return -1;
        }
        byte[] data = l.isString(1) ? LuaStack.bytes(l, 1) : new byte[0];
        l.setTop(0);
        l.push(Sha1Hex.of(data));
        return 1;
    }

    private static int log(Lua l) {
        int argc = l.getTop();
        String problem = null;
        if (argc < 2) {
            problem = "redis.log() requires two arguments or more.";
        } else if (!l.isNumber(1)) {
            problem = "First argument must be a number";
        } else if (l.toNumber(1) < 0 || l.toNumber(1) > 3) {
            problem = "Invalid debug level.";
        }
        if (problem != null) {
            l.setTop(0);
            LuaReplies.pushError(l, "ERR " + problem);
            return -1;
        }
        int level = (int) l.toNumber(1);
        StringBuilder text = new StringBuilder();
        for (int i = 2; i <= argc; i++) {
            if (i > 2) {
                text.append(' ');
            }
            if (l.isString(i)) {
                text.append(LuaStack.text(l, i));
            }
        }
        switch (level) {
            case 0, 1 -> LOG.debug("{}", text);
            case 2 -> LOG.info("{}", text);
            default -> LOG.warn("{}", text);
        }
        l.setTop(0);
        return 0;
    }

    /** Collects the writes of one script so they replicate as one unit. */
    private static final class Recorded implements ReplicationStream {
        private final ReplicationStream delegate;
        private final List<Object[]> writes = new ArrayList<>();

        Recorded(ReplicationStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public void append(int db, byte[][] argv) {
            writes.add(new Object[] {db, argv});
        }

        @Override
        public long offset() {
            return delegate.offset();
        }

        @Override
        public String replId() {
            return delegate.replId();
        }

        @Override
        public SaveInfo saveInfo() {
            return delegate.saveInfo();
        }

        void replay(StoreEngine engine) {
            boolean wrap = writes.size() > 1;
            if (wrap) {
                engine.transaction(true);
            }
            try {
                for (Object[] w : writes) {
                    engine.propagate((Integer) w[0], (byte[][]) w[1]);
                }
            } finally {
                if (wrap) {
                    engine.transaction(false);
                }
            }
        }
    }
}

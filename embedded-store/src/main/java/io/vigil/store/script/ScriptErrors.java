package io.vigil.store.script;

import io.vigil.resp.RespError;

/**
 * The error replies of scripting, worded as Redis 7.0 words them ({@code eval.c}, {@code script_lua.c}). They live
 * here, next to the only code that raises them, rather than in {@link RespError}'s catalog module so that this
 * package builds against the installed {@code resp} artifact; every text is still built once and named.
 */
public final class ScriptErrors {

    private ScriptErrors() {}

    /** {@code ERR Number of keys can't be negative}. */
    public static final RespError NUMKEYS_NEGATIVE = RespError.of("ERR Number of keys can't be negative");

    /** {@code ERR Number of keys can't be greater than number of args}. */
    public static final RespError NUMKEYS_TOO_MANY =
            RespError.of("ERR Number of keys can't be greater than number of args");

    /** {@code NOSCRIPT No matching script. Please use EVAL.}. */
    public static final RespError NOSCRIPT = RespError.of("NOSCRIPT No matching script. Please use EVAL.");

    /** {@code NOTBUSY No scripts in execution right now.}. */
    public static final RespError NOTBUSY = RespError.of("NOTBUSY No scripts in execution right now.");

    /** {@code UNKILLABLE ...}: {@code SCRIPT KILL} of a script that already wrote. */
    public static final RespError UNKILLABLE = RespError.of("UNKILLABLE Sorry the script already executed write "
            + "commands against the dataset. You can either wait the script termination or kill the server in a hard "
            + "way using the SHUTDOWN NOSAVE command.");

    /** The error a killed script raises (its caller gets it with {@code script: <sha>, on <source>:<line>.}). */
    static final String KILLED = "ERR Script killed by user with SCRIPT KILL...";

    /** The error a script stopped by {@code SHUTDOWN NOSAVE} raises (nobody gets it: the store stops). */
    static final String ABORTED = "ERR Script aborted: the server is shutting down";

    /** {@code ERR SCRIPT FLUSH only support SYNC|ASYNC option}. */
    public static final RespError FLUSH_OPTION = RespError.of("ERR SCRIPT FLUSH only support SYNC|ASYNC option");

    /** Raised by {@code redis.call()} with no argument. */
    static final String NO_ARGUMENTS = "Please specify at least one argument for this redis lib call";

    /** Raised by {@code redis.call()} with an argument that is neither a string nor a number. */
    static final String BAD_ARGUMENT = "Lua redis lib command arguments must be strings or integers";

    /** Raised by {@code redis.call()} for an unknown command. */
    static final String UNKNOWN_COMMAND = "Unknown Redis command called from script";

    /** Raised by {@code redis.call()} when the arity check fails. */
    static final String WRONG_ARITY = "Wrong number of args calling Redis command from script";

    /** Raised by {@code redis.call()} for a command flagged {@code noscript} (and blocking commands). */
    static final String NOT_ALLOWED = "This Redis command is not allowed from script";

    /** Raised by {@code redis.call()} for a write command in {@code EVAL_RO} or a {@code no-writes} script. */
    static final String WRITE_IN_READ_ONLY = "Write commands are not allowed from read-only scripts.";

    /** {@code ERR Error compiling script (new function): <lua message>}. */
    public static RespError compile(String luaMessage) {
        return RespError.of("ERR Error compiling script (new function): " + luaMessage);
    }

    /** {@code ERR Error running script <name>, <message>} for an error object that is not a table. */
    public static RespError running(String sha, String message) {
        String msg = message.length() > 100 ? message.substring(0, 100) : message;
        return RespError.of("ERR Error running script " + sha + ", " + msg);
    }

    /** An error raised by the script as text: the text, then {@code script: <sha>, on <source>:<line>.} if known. */
    public static RespError raised(String text, String sha, String source, String line) {
        if (source != null && line != null) {
            return RespError.of(text + " script: " + sha + ", on " + source + ":" + line + ".");
        }
        return RespError.of(text);
    }

    /**
     * Normalizes an error text as Redis's {@code luaPushErrorBuff}: {@code -CODE msg} loses its dash, a text with
     * no leading dash gets the {@code ERR} code, a trailing CR/LF is trimmed.
     */
    public static String normalize(String text) {
        String code;
        String msg;
        if (text.startsWith("-")) {
            int space = text.indexOf(' ');
            if (space < 0) {
                code = "ERR";
                msg = text.substring(1);
            } else {
                code = text.substring(1, space);
                msg = text.substring(space + 1);
            }
        } else {
            code = "ERR";
            msg = text;
        }
        int start = 0;
        int end = msg.length();
        while (start < end && (msg.charAt(start) == '\r' || msg.charAt(start) == '\n')) {
            start++;
        }
        while (end > start && (msg.charAt(end - 1) == '\r' || msg.charAt(end - 1) == '\n')) {
            end--;
        }
        return code + " " + msg.substring(start, end);
    }
}

package io.vigil.resp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The one catalog of RESP error replies, worded exactly as Redis 7 (and Redis Sentinel) word them.
 *
 * <p>An error is its text without the leading {@code -} and trailing CRLF, e.g. {@code ERR syntax error}; the first
 * word is the code clients map to exception types ({@code ERR}, {@code WRONGTYPE}, {@code NOAUTH}, ...). Fixed
 * errors are constants with their wire bytes computed once; errors that quote the request are factory methods.
 * Commands never type error strings themselves: add a constant or a factory here.
 *
 * <p>Texts are Latin-1 strings: each char is one byte on the wire, so arguments quoted from a request (decoded with
 * ISO-8859-1) come back byte for byte.
 *
 * <p>Like Redis's {@code addReplyErrorFormat}, formatted errors replace CR and LF with spaces so a quoted argument
 * cannot break the protocol.
 */
public final class RespError {

    /** {@code ERR syntax error}. */
    public static final RespError SYNTAX = new RespError("ERR syntax error");
    /** {@code ERR value is not an integer or out of range}. */
    public static final RespError NOT_INTEGER = new RespError("ERR value is not an integer or out of range");
    /** {@code ERR value is not a valid float}. */
    public static final RespError NOT_FLOAT = new RespError("ERR value is not a valid float");
    /** {@code ERR value is out of range, must be positive}. */
    public static final RespError NOT_POSITIVE = new RespError("ERR value is out of range, must be positive");
    /** {@code ERR increment or decrement would overflow}. */
    public static final RespError INCR_OVERFLOW = new RespError("ERR increment or decrement would overflow");
    /** {@code ERR increment would produce NaN or Infinity}. */
    public static final RespError INCR_NAN = new RespError("ERR increment would produce NaN or Infinity");
    /** {@code WRONGTYPE Operation against a key holding the wrong kind of value}. */
    public static final RespError WRONGTYPE =
            new RespError("WRONGTYPE Operation against a key holding the wrong kind of value");
    /** {@code ERR no such key}. */
    public static final RespError NO_SUCH_KEY = new RespError("ERR no such key");
    /** {@code ERR source and destination objects are the same}. */
    public static final RespError SAME_OBJECT = new RespError("ERR source and destination objects are the same");
    /** {@code ERR index out of range}. */
    public static final RespError INDEX_OUT_OF_RANGE = new RespError("ERR index out of range");
    /** {@code ERR DB index is out of range}. */
    public static final RespError DB_INDEX_OUT_OF_RANGE = new RespError("ERR DB index is out of range");
    /** {@code ERR invalid first DB index} (SWAPDB). */
    public static final RespError INVALID_FIRST_DB = new RespError("ERR invalid first DB index");
    /** {@code ERR invalid second DB index} (SWAPDB). */
    public static final RespError INVALID_SECOND_DB = new RespError("ERR invalid second DB index");
    /** {@code ERR invalid cursor}. */
    public static final RespError INVALID_CURSOR = new RespError("ERR invalid cursor");
    /** {@code ERR string exceeds maximum allowed size (proto-max-bulk-len)}. */
    public static final RespError STRING_TOO_LONG =
            new RespError("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
    /** {@code ERR offset is out of range} (SETRANGE). */
    public static final RespError OFFSET_OUT_OF_RANGE = new RespError("ERR offset is out of range");
    /** {@code ERR bit offset is not an integer or out of range}. */
    public static final RespError BIT_OFFSET = new RespError("ERR bit offset is not an integer or out of range");
    /** {@code ERR bit is not an integer or out of range}. */
    public static final RespError BIT_VALUE = new RespError("ERR bit is not an integer or out of range");
    /** {@code ERR NX and XX, GT or LT options at the same time are not compatible}. */
    public static final RespError EXPIRE_NX_CONFLICT =
            new RespError("ERR NX and XX, GT or LT options at the same time are not compatible");
    /** {@code ERR GT and LT options at the same time are not compatible}. */
    public static final RespError EXPIRE_GT_LT_CONFLICT =
            new RespError("ERR GT and LT options at the same time are not compatible");
    /** {@code ERR Client names cannot contain spaces, newlines or special characters.}. */
    public static final RespError CLIENT_NAME_CHARS =
            new RespError("ERR Client names cannot contain spaces, newlines or special characters.");
    /** {@code ERR No such client} (old form of CLIENT KILL). */
    public static final RespError NO_SUCH_CLIENT = new RespError("ERR No such client");
    /** {@code ERR The server is running without a config file}. */
    public static final RespError NO_CONFIG_FILE = new RespError("ERR The server is running without a config file");
    /** {@code ERR AUTH <password> called without any password configured ...}. */
    public static final RespError AUTH_NOT_CONFIGURED =
            new RespError("ERR AUTH <password> called without any password configured for the default user. "
                    + "Are you sure your configuration is correct?");
    /** {@code ERR value is out of range, value must between -2147483648 and 2147483647} (32-bit arguments). */
    public static final RespError NOT_INT32 =
            new RespError("ERR value is out of range, value must between -2147483648 and 2147483647");
    /** {@code ERR decrement would overflow} (DECRBY of the minimum 64-bit value). */
    public static final RespError DECREMENT_OVERFLOW = new RespError("ERR decrement would overflow");
    /** {@code ERR Protocol version is not an integer or out of range} (HELLO). */
    public static final RespError HELLO_PROTOCOL_NOT_INTEGER =
            new RespError("ERR Protocol version is not an integer or out of range");
    /** {@code ERR Command not allowed inside a transaction}. */
    public static final RespError NOT_IN_MULTI = new RespError("ERR Command not allowed inside a transaction");
    /** {@code ERR max number of clients reached}. */
    public static final RespError MAX_CLIENTS = new RespError("ERR max number of clients reached");
    /** {@code ERR client-id should be greater than 0}. */
    public static final RespError CLIENT_ID_POSITIVE = new RespError("ERR client-id should be greater than 0");
    /** {@code ERR Errors trying to SHUTDOWN. Check logs.}. */
    public static final RespError SHUTDOWN_FAILED = new RespError("ERR Errors trying to SHUTDOWN. Check logs.");

    /** {@code ERR No shutdown in progress.} ({@code SHUTDOWN ABORT} with nothing to abort). */
    public static final RespError SHUTDOWN_NOT_IN_PROGRESS = new RespError("ERR No shutdown in progress.");
    /** {@code ERR An LFU maxmemory policy is not selected, access frequency not tracked. ...}. */
    public static final RespError LFU_NOT_SELECTED = new RespError("ERR An LFU maxmemory policy is not selected, "
            + "access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU "
            + "data will take some time to adjust.");
    /** {@code ERR An LFU maxmemory policy is selected, idle time not tracked. ...} (OBJECT IDLETIME under LFU). */
    public static final RespError LFU_SELECTED = new RespError("ERR An LFU maxmemory policy is selected, "
            + "idle time not tracked. Please note that when switching between policies at runtime LRU and LFU "
            + "data will take some time to adjust.");
    /** {@code ERR Invalid master port} (REPLICAOF with a non-numeric port). */
    public static final RespError INVALID_MASTER_PORT = new RespError("ERR Invalid master port");
    /** {@code ERR Invalid client ID} (CLIENT LIST ID). */
    public static final RespError INVALID_CLIENT_ID = new RespError("ERR Invalid client ID");
    /** {@code ERR timeout is negative}. */
    public static final RespError TIMEOUT_NEGATIVE = new RespError("ERR timeout is negative");
    /** {@code NOAUTH Authentication required.}. */
    public static final RespError NOAUTH = new RespError("NOAUTH Authentication required.");
    /** {@code NOAUTH HELLO must be called with the client already authenticated, ...}. */
    public static final RespError NOAUTH_HELLO = new RespError("NOAUTH HELLO must be called with the client already "
            + "authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate "
            + "the client and select the RESP protocol version at the same time");
    /** {@code WRONGPASS invalid username-password pair or user is disabled.}. */
    public static final RespError WRONGPASS =
            new RespError("WRONGPASS invalid username-password pair or user is disabled.");
    /** {@code NOPROTO unsupported protocol version}. */
    public static final RespError NOPROTO = new RespError("NOPROTO unsupported protocol version");
    /** {@code READONLY You can't write against a read only replica.}. */
    public static final RespError READONLY = new RespError("READONLY You can't write against a read only replica.");
    /** {@code LOADING Redis is loading the dataset in memory}. */
    public static final RespError LOADING = new RespError("LOADING Redis is loading the dataset in memory");
    /** {@code MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.}. */
    public static final RespError MASTERDOWN =
            new RespError("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.");
    /** {@code NOREPLICAS Not enough good replicas to write.}. */
    public static final RespError NOREPLICAS = new RespError("NOREPLICAS Not enough good replicas to write.");
    /** {@code NOMASTERLINK Can't SYNC while not connected with my master} (PSYNC to a replica without its link). */
    public static final RespError NOMASTERLINK =
            new RespError("NOMASTERLINK Can't SYNC while not connected with my master");
    /** {@code ERR WAIT cannot be used with replica instances. ...}. */
    public static final RespError WAIT_ON_REPLICA = new RespError("ERR WAIT cannot be used with replica instances. "
            + "Please also note that since Redis 4.0 if a replica is configured to be writable (which is not the "
            + "default) writes to replicas are just local and are not propagated.");
    /** {@code UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)}. */
    public static final RespError UNBLOCKED_ROLE_CHANGE = new RespError(
            "UNBLOCKED force unblock from blocking operation, instance state changed (master -> replica?)");
    /** {@code ERR REPLICAOF not allowed while failing over.}. */
    public static final RespError REPLICAOF_DURING_FAILOVER =
            new RespError("ERR REPLICAOF not allowed while failing over.");
    /** {@code ERR FAILOVER is not valid when server is a replica.}. */
    public static final RespError FAILOVER_ON_REPLICA =
            new RespError("ERR FAILOVER is not valid when server is a replica.");
    /** {@code ERR FAILOVER requires connected replicas.}. */
    public static final RespError FAILOVER_NO_REPLICAS = new RespError("ERR FAILOVER requires connected replicas.");
    /** {@code ERR FAILOVER already in progress.}. */
    public static final RespError FAILOVER_IN_PROGRESS = new RespError("ERR FAILOVER already in progress.");
    /** {@code ERR No failover in progress.}. */
    public static final RespError FAILOVER_NOT_IN_PROGRESS = new RespError("ERR No failover in progress.");
    /** {@code ERR FAILOVER target HOST and PORT is not a replica.}. */
    public static final RespError FAILOVER_TARGET_NOT_REPLICA =
            new RespError("ERR FAILOVER target HOST and PORT is not a replica.");
    /** {@code ERR FAILOVER target replica is not online.}. */
    public static final RespError FAILOVER_TARGET_NOT_ONLINE =
            new RespError("ERR FAILOVER target replica is not online.");
    /** {@code ERR FAILOVER with force option requires both a timeout and target HOST and IP.}. */
    public static final RespError FAILOVER_FORCE_NEEDS_TARGET =
            new RespError("ERR FAILOVER with force option requires both a timeout and target HOST and IP.");
    /** {@code ERR FAILOVER timeout must be greater than 0}. */
    public static final RespError FAILOVER_TIMEOUT = new RespError("ERR FAILOVER timeout must be greater than 0");
    /** {@code ERR PSYNC FAILOVER replid must match my replid.}. */
    public static final RespError PSYNC_FAILOVER_REPLID =
            new RespError("ERR PSYNC FAILOVER replid must match my replid.");
    /** {@code ERR VIGIL LEASE is only valid on a primary} (Vigil fencing). */
    public static final RespError LEASE_ON_REPLICA = new RespError("ERR VIGIL LEASE is only valid on a primary");
    /** {@code OOM command not allowed when used memory > 'maxmemory'.}. */
    public static final RespError OOM = new RespError("OOM command not allowed when used memory > 'maxmemory'.");
    /** {@code EXECABORT Transaction discarded because of previous errors.}. */
    public static final RespError EXECABORT =
            new RespError("EXECABORT Transaction discarded because of previous errors.");
    /** {@code BUSY Redis is busy running a script. ...}. */
    public static final RespError BUSY =
            new RespError("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.");
    /** {@code BUSYKEY Target key name already exists.}. */
    public static final RespError BUSYKEY = new RespError("BUSYKEY Target key name already exists.");
    /** {@code NOSCRIPT No matching script. Please use EVAL.}. */
    public static final RespError NOSCRIPT = new RespError("NOSCRIPT No matching script. Please use EVAL.");
    /** {@code MISCONF ...} (RDB snapshotting failed and stop-writes-on-bgsave-error is on). */
    public static final RespError MISCONF = new RespError("MISCONF Redis is configured to save RDB snapshots, but "
            + "it's currently unable to persist to disk. Commands that may modify the data set are disabled, "
            + "because this instance is configured to report errors during writes if RDB snapshotting fails "
            + "(stop-writes-on-bgsave-error option). Please check the Redis logs for details about the RDB error.");
    /** {@code ERR} with no text: Redis's {@code shared.err}, e.g. a {@code SAVE} that failed (the log says why). */
    public static final RespError ERR = new RespError("ERR");
    /** {@code ERR Background save already in progress} (SAVE, BGSAVE). */
    public static final RespError BGSAVE_IN_PROGRESS = new RespError("ERR Background save already in progress");
    /** {@code ERR Error trying to save the DB} (DEBUG RELOAD). */
    public static final RespError DEBUG_RELOAD_SAVE_FAILED = new RespError("ERR Error trying to save the DB");
    /** {@code ERR Error trying to load the RDB dump, check server logs.} (DEBUG RELOAD). */
    public static final RespError DEBUG_RELOAD_LOAD_FAILED =
            new RespError("ERR Error trying to load the RDB dump, check server logs.");
    /** {@code ERR MULTI calls can not be nested}. */
    public static final RespError MULTI_NESTED = new RespError("ERR MULTI calls can not be nested");
    /** {@code ERR EXEC without MULTI}. */
    public static final RespError EXEC_WITHOUT_MULTI = new RespError("ERR EXEC without MULTI");
    /** {@code ERR DISCARD without MULTI}. */
    public static final RespError DISCARD_WITHOUT_MULTI = new RespError("ERR DISCARD without MULTI");
    /** {@code ERR WATCH inside MULTI is not allowed}. */
    public static final RespError WATCH_IN_MULTI = new RespError("ERR WATCH inside MULTI is not allowed");
    /** {@code INPROG Failover already in progress} (Sentinel). */
    public static final RespError INPROG = new RespError("INPROG Failover already in progress");
    /** {@code NOGOODSLAVE No suitable replica to promote} (Sentinel). */
    public static final RespError NOGOODSLAVE = new RespError("NOGOODSLAVE No suitable replica to promote");
    /** {@code ERR No such master with that name} (Sentinel). */
    public static final RespError NO_SUCH_MASTER = new RespError("ERR No such master with that name");

    /** {@code ERR hash value is not an integer} (HINCRBY on a non-integer field). */
    public static final RespError HASH_NOT_INTEGER = new RespError("ERR hash value is not an integer");
    /** {@code ERR hash value is not a float} (HINCRBYFLOAT on a non-float field). */
    public static final RespError HASH_NOT_FLOAT = new RespError("ERR hash value is not a float");
    /** {@code ERR value is NaN or Infinity} (HINCRBYFLOAT increment). */
    public static final RespError VALUE_NAN_OR_INFINITY = new RespError("ERR value is NaN or Infinity");
    /** {@code ERR value is out of range} (HRANDFIELD count with WITHVALUES). */
    public static final RespError VALUE_OUT_OF_RANGE = new RespError("ERR value is out of range");
    /** {@code ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807}. */
    public static final RespError NOT_LONG_RANGE =
            new RespError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
    /** {@code ERR numkeys should be greater than 0} (SINTERCARD). */
    public static final RespError NUMKEYS_NOT_POSITIVE = new RespError("ERR numkeys should be greater than 0");
    /** {@code ERR Number of keys can't be greater than number of args} (SINTERCARD). */
    public static final RespError NUMKEYS_TOO_MANY =
            new RespError("ERR Number of keys can't be greater than number of args");
    /** {@code ERR LIMIT can't be negative} (SINTERCARD). */
    public static final RespError LIMIT_NEGATIVE = new RespError("ERR LIMIT can't be negative");

    /** {@code ERR min or max is not a float} (sorted-set score ranges). */
    public static final RespError ZSET_MIN_MAX_NOT_FLOAT = new RespError("ERR min or max is not a float");
    /** {@code ERR min or max not valid string range item} (sorted-set lex ranges). */
    public static final RespError ZSET_LEX_RANGE = new RespError("ERR min or max not valid string range item");
    /** {@code ERR XX and NX options at the same time are not compatible} (ZADD). */
    public static final RespError ZADD_XX_NX =
            new RespError("ERR XX and NX options at the same time are not compatible");
    /** {@code ERR GT, LT, and/or NX options at the same time are not compatible} (ZADD). */
    public static final RespError ZADD_GT_LT_NX =
            new RespError("ERR GT, LT, and/or NX options at the same time are not compatible");
    /** {@code ERR INCR option supports a single increment-element pair} (ZADD). */
    public static final RespError ZADD_INCR_PAIR =
            new RespError("ERR INCR option supports a single increment-element pair");
    /** {@code ERR resulting score is not a number (NaN)} (ZADD INCR, ZINCRBY). */
    public static final RespError ZSET_SCORE_NAN = new RespError("ERR resulting score is not a number (NaN)");
    /** {@code ERR weight value is not a float} (ZUNIONSTORE WEIGHTS). */
    public static final RespError ZSET_WEIGHT_NOT_FLOAT = new RespError("ERR weight value is not a float");
    /** {@code ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX} (ZRANGE). */
    public static final RespError ZRANGE_LIMIT_NEEDS_BY =
            new RespError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
    /** {@code ERR count should be greater than 0} (ZMPOP COUNT). */
    public static final RespError COUNT_NOT_POSITIVE = new RespError("ERR count should be greater than 0");
    /** {@code ERR syntax error, WITHSCORES not supported in combination with BYLEX} (ZRANGE). */
    public static final RespError ZRANGE_BYLEX_WITHSCORES =
            new RespError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");

    /** {@code ERR timeout is not a float or out of range} (blocking list commands). */
    public static final RespError TIMEOUT_NOT_FLOAT = new RespError("ERR timeout is not a float or out of range");
    /** {@code ERR RANK can't be zero: ...} (LPOS). */
    public static final RespError LPOS_RANK_ZERO = new RespError("ERR RANK can't be zero: use 1 to start from the first"
            + " match, 2 from the second ... or use negative to start from the end of the list");
    /** {@code ERR COUNT can't be negative} (LPOS). */
    public static final RespError LPOS_COUNT_NEGATIVE = new RespError("ERR COUNT can't be negative");
    /** {@code ERR MAXLEN can't be negative} (LPOS). */
    public static final RespError LPOS_MAXLEN_NEGATIVE = new RespError("ERR MAXLEN can't be negative");
    /** {@code ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR}. */
    public static final RespError UNBLOCK_REASON =
            new RespError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
    /** {@code UNBLOCKED client unblocked via CLIENT UNBLOCK} (the blocked client's reply). */
    public static final RespError UNBLOCKED = new RespError("UNBLOCKED client unblocked via CLIENT UNBLOCK");

    private final String text;
    private final byte[] wire;

    private RespError(String text) {
        this.text = text;
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);
        this.wire = new byte[body.length + 3];
        wire[0] = '-';
        System.arraycopy(body, 0, wire, 1, body.length);
        wire[wire.length - 2] = '\r';
        wire[wire.length - 1] = '\n';
    }

    /** The reply text without {@code -} and CRLF, e.g. {@code ERR syntax error}. */
    public String text() {
        return text;
    }

    /** The error code: the first word of the text ({@code ERR}, {@code WRONGTYPE}, ...). */
    public String code() {
        int space = text.indexOf(' ');
        return space < 0 ? text : text.substring(0, space);
    }

    /** The complete wire form, {@code -<text>\r\n}. Do not modify the returned array. */
    byte[] wire() {
        return wire;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RespError other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** {@code ERR Protocol error: <detail>}; the reply before a server closes a connection sending garbage. */
    public static RespError protocol(String detail) {
        return formatted("ERR Protocol error: " + detail);
    }

    /** {@code ERR wrong number of arguments for '<name>' command}; {@code name} is lower case, {@code a|b} for subcommands. */
    public static RespError wrongArity(String name) {
        return formatted("ERR wrong number of arguments for '" + name + "' command");
    }

    /**
     * {@code ERR unknown command '<name>', with args beginning with: 'a' 'b' } as Redis 7 builds it: the name cut to 128
     * characters, then each argument quoted and followed by a space while the list is shorter than 128 characters.
     */
    public static RespError unknownCommand(String name, String... args) {
        StringBuilder quoted = new StringBuilder();
        for (int i = 0; i < args.length && quoted.length() < 128; i++) {
            String arg = args[i];
            int room = 128 - quoted.length();
            quoted.append('\'').append(arg, 0, Math.min(arg.length(), room)).append("' ");
        }
        return formatted("ERR unknown command '" + cut(name) + "', with args beginning with: " + quoted);
    }

    /** {@code ERR unknown subcommand '<sub>'. Try <COMMAND> HELP.}. */
    public static RespError unknownSubcommand(String command, String sub) {
        return formatted(
                "ERR unknown subcommand '" + cut(sub) + "'. Try " + command.toUpperCase(Locale.ROOT) + " HELP.");
    }

    /** {@code ERR invalid expire time in '<command>' command}. */
    public static RespError invalidExpireTime(String command) {
        return formatted("ERR invalid expire time in '" + command + "' command");
    }

    /** {@code ERR Unsupported option <option>} (EXPIRE family). */
    public static RespError unsupportedOption(String option) {
        return formatted("ERR Unsupported option " + option);
    }

    /** {@code ERR Unknown option or number of arguments for CONFIG SET - '<name>'}. */
    public static RespError unknownConfigOption(String name) {
        return formatted("ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'");
    }

    /** {@code EXECABORT Transaction discarded because of: <error>}: an EXEC refused before it ran (e.g. OOM). */
    public static RespError execAbort(RespError cause) {
        return formatted("EXECABORT Transaction discarded because of: " + cause.text());
    }

    /** {@code ERR CONFIG SET failed (possibly related to argument '<name>') - <reason>}. */
    public static RespError configSetFailed(String name, String reason) {
        return formatted("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }

    /** {@code MISCONF Errors writing to the AOF file: <reason>} (an AOF write or fsync failed; writes refused). */
    public static RespError misconfAof(String reason) {
        return formatted("MISCONF Errors writing to the AOF file: " + reason);
    }

    /** {@code ERR Background append only file rewriting already in progress} (BGREWRITEAOF). */
    public static final RespError AOF_REWRITE_IN_PROGRESS =
            new RespError("ERR Background append only file rewriting already in progress");

    /** {@code ERR Another child process is active (AOF?): ...} (BGSAVE while an AOF rewrite runs). */
    public static final RespError BGSAVE_CHILD_ACTIVE = new RespError("ERR Another child process is active (AOF?): "
            + "can't BGSAVE right now. Use BGSAVE SCHEDULE in order to schedule a BGSAVE whenever possible.");

    /** {@code ERR Can't execute an AOF background rewriting. ...} (BGREWRITEAOF could not start). */
    public static final RespError AOF_REWRITE_FAILED = new RespError(
            "ERR Can't execute an AOF background rewriting. Please check the server logs for more information.");

    /** {@code ERR Can't execute '<command>': only (P|S)SUBSCRIBE / ... are allowed in this context}. */
    public static RespError notInSubscribeContext(String command) {
        return formatted("ERR Can't execute '" + command + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT "
                + "/ RESET are allowed in this context");
    }

    /** {@code ERR <command> is not supported yet by this server (<why>)}: a Redis command Vigil refuses openly. */
    public static RespError notSupported(String command, String why) {
        return formatted("ERR " + command + " is not supported yet by this server (" + why + ")");
    }

    /** {@code ERR Unrecognized REPLCONF option: <option>}. */
    public static RespError replconfOption(String option) {
        return formatted("ERR Unrecognized REPLCONF option: " + option);
    }

    /**
     * {@code FENCED <reason>}: a Vigil primary refuses writes because its write lease expired or it learned of a
     * newer configuration epoch (see docs/fencing.md).
     */
    public static RespError fenced(String reason) {
        return formatted("FENCED " + reason);
    }

    /** {@code ERR full resynchronization failed: <reason>} (the snapshot could not be produced). */
    public static RespError fullSyncFailed(String reason) {
        return formatted("ERR full resynchronization failed: " + reason);
    }

    /** {@code ERR Unknown client type '<type>'}. */
    public static RespError unknownClientType(String type) {
        return formatted("ERR Unknown client type '" + type + "'");
    }

    /** {@code ERR Syntax error in HELLO option '<option>'}. */
    public static RespError helloSyntax(String option) {
        return formatted("ERR Syntax error in HELLO option '" + option + "'");
    }

    /** {@code ERR Unrecognized option '<option>'} (CLIENT SETINFO). */
    public static RespError unrecognizedOption(String option) {
        return formatted("ERR Unrecognized option '" + option + "'");
    }

    /** {@code ERR CONFIG SET failed (possibly related to argument '<name>') - can't set immutable config}. */
    public static RespError immutableConfig(String name) {
        return configSetFailed(name, "can't set immutable config");
    }

    /** {@code ERR unknown subcommand or wrong number of arguments for '<sub>'. Try <COMMAND> HELP.}. */
    public static RespError subcommandSyntax(String command, String sub) {
        return formatted("ERR unknown subcommand or wrong number of arguments for '" + cut(sub) + "'. Try "
                + command.toUpperCase(Locale.ROOT) + " HELP.");
    }

    /** {@code ERR No such user '<name>'}. */
    public static RespError noSuchUser(String name) {
        return formatted("ERR No such user '" + name + "'");
    }

    /** {@code ERR Rewriting config file: <reason>}. */
    public static RespError configRewriteFailed(String reason) {
        return formatted("ERR Rewriting config file: " + reason);
    }

    /** {@code NOQUORUM <detail>} (Sentinel CKQUORUM). */
    public static RespError noQuorum(String detail) {
        return formatted("NOQUORUM " + detail);
    }

    /** {@code ERR at least 1 input key is needed for '<command>' command} (ZUNIONSTORE and friends). */
    public static RespError atLeastOneInputKey(String command) {
        return new RespError("ERR at least 1 input key is needed for '" + command + "' command");
    }

    /** {@code ERR <detail>}: a one-off message that has no entry of its own; prefer a named entry. */
    public static RespError err(String detail) {
        return formatted("ERR " + detail);
    }

    /**
     * An error whose text arrived from elsewhere (e.g. a server reply being relayed); the first word should be its
     * code.
     */
    public static RespError of(String text) {
        return formatted(text);
    }

    private static String cut(String s) {
        return s.length() > 128 ? s.substring(0, 128) : s;
    }

    private static RespError formatted(String text) {
        return new RespError(text.replace('\r', ' ').replace('\n', ' '));
    }
}

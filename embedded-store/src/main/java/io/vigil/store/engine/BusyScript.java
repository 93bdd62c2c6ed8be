package io.vigil.store.engine;

import io.vigil.store.command.CommandTable;
import io.vigil.store.keyspace.StoreClock;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The script running now and Redis 7's busy-script protocol ({@code scriptInterrupt} in {@code script.c}).
 *
 * <p>A script runs on the command thread like any command; the interpreter calls {@link #interrupt()} every 100 000
 * Lua instructions (a count hook). Until the script has run {@code busy-reply-threshold} ms nothing happens. Past
 * it, the script is <em>timed out</em>: the warning "Slow script detected" is logged once, and each further call
 * serves the network once without blocking (the {@code pump}, Redis's {@code processEventsWhileBlocked}): other
 * clients get {@code -BUSY} for everything but the commands flagged {@code allow-busy} (SCRIPT KILL, SHUTDOWN NOSAVE,
 * AUTH, HELLO, MULTI, ...), the caller's and the master's input wait. The pump runs only socket reads and writes,
 * never queued tasks or timers, so nothing else touches the keyspace until the script returns. A script can only be
 * served around when it did not start inside a network read (see {@link StoreEngine}: scripts from clients are
 * started from a task for that reason); otherwise it runs to its end as before, with the warning logged.
 *
 * <pre>
 *   idle --begin--> running --threshold--> timed out --end--> idle
 *                     |  SCRIPT KILL (no write yet) / SHUTDOWN NOSAVE: next interrupt() says KILL / ABORT
 * </pre>
 *
 * <p>Not thread safe: used only on the command thread.
 */
public final class BusyScript {

    private static final Logger LOG = LoggerFactory.getLogger("io.vigil.store.script");

    /** What the interpreter must do after {@link #interrupt()}. */
    public enum Verdict {
        /** Go on running. */
        CONTINUE,
        /** Stop: {@code SCRIPT KILL} asked for it; the caller gets Redis's killed-script error. */
        KILL,
        /** Stop and forget every effect: the store is shutting down ({@code SHUTDOWN NOSAVE}). */
        ABORT
    }

    /** The answer to {@code SCRIPT KILL}. */
    public enum KillResult {
        /** No script runs ({@code -NOTBUSY}). */
        NOT_BUSY,
        /** The script already wrote ({@code -UNKILLABLE}). */
        UNKILLABLE,
        /** The script will stop at its next interrupt ({@code +OK}). */
        KILLED
    }

    /** Lower-case names of the commands that may start a script (see {@code startsScript}). */
    private static final byte[] N_EXEC = ascii("exec");

    private static final byte[] N_EVAL = ascii("eval");
    private static final byte[] N_EVAL_RO = ascii("eval_ro");
    private static final byte[] N_EVALSHA = ascii("evalsha");
    private static final byte[] N_EVALSHA_RO = ascii("evalsha_ro");
    private final StoreClock clock;
    private final LongSupplier thresholdMillis;
    private BooleanSupplier pump = () -> true;
    private Client caller;
    private String name;
    private long startMillis;
    private long threshold;
    private boolean canServe;
    private boolean timedOut;
    private boolean wrote;
    private boolean killRequested;
    private boolean abortRequested;
    private long timedOutCount;

    /** A tracker reading time from {@code clock} and the threshold (ms) from {@code thresholdMillis}. */
    public BusyScript(StoreClock clock, LongSupplier thresholdMillis) {
        this.clock = clock;
        this.thresholdMillis = thresholdMillis;
    }

    /**
     * How to serve the network once without blocking while a script is timed out. It returns {@code false} when the
     * store is stopping (the script is then aborted).
     */
    public void pump(BooleanSupplier pump) {
        this.pump = pump;
    }

    /**
     * A script starts for {@code caller}.
     *
     * @param scriptName its name in the log (the SHA-1)
     * @param serveOthers whether {@link #interrupt()} may serve other clients (the script was not started inside a
     *     network read)
     */
    public void begin(Client caller, String scriptName, boolean serveOthers) {
        this.caller = caller;
        this.name = scriptName;
        this.startMillis = clock.millis();
        this.threshold = thresholdMillis.getAsLong();
        this.canServe = serveOthers;
        this.timedOut = false;
        this.wrote = false;
        this.killRequested = false;
        this.abortRequested = false;
    }

    /** The script returned (or failed). */
    public void end() {
        caller = null;
        name = null;
        timedOut = false;
        killRequested = false;
    }

    /** Whether a script is running. */
    public boolean running() {
        return caller != null;
    }

    /** Whether the running script is past the threshold: other clients get {@code -BUSY}. */
    public boolean timedOut() {
        return timedOut;
    }

    /** The client whose script runs, or {@code null}. */
    public Client caller() {
        return caller;
    }

    /** Scripts that ran past the threshold since start. */
    public long timedOutCount() {
        return timedOutCount;
    }

    /** The running script issued a write command: {@code SCRIPT KILL} can no longer stop it. */
    public void wrote() {
        wrote = true;
    }

    /** Whether the last (or running) script was stopped by {@link #abort()}. */
    public boolean aborted() {
        return abortRequested;
    }

    /** The interpreter's periodic check (the count hook): see the class comment. */
    public Verdict interrupt() {
        if (caller == null) {
            return Verdict.CONTINUE;
        }
        if (!abortRequested && !killRequested) {
            long elapsed = clock.millis() - startMillis;
            if (elapsed < threshold) {
                return Verdict.CONTINUE;
            }
            if (!timedOut) {
                timedOut = true;
                timedOutCount++;
                LOG.warn(
                        "Slow script detected: still in execution after {} milliseconds. You can try killing the "
                                + "script using the SCRIPT KILL command. Script name is: {}.{}",
                        elapsed,
                        name,
                        canServe ? "" : " (it runs inside a network read: other clients wait until it ends)");
            }
            if (canServe && !pump.getAsBoolean()) {
                LOG.warn("The store is stopping: aborting the running script without its effects.");
                abortRequested = true;
            }
        }
        if (abortRequested) {
            return Verdict.ABORT;
        }
        if (killRequested) {
            return Verdict.KILL;
        }
        return Verdict.CONTINUE;
    }

    /** {@code SCRIPT KILL}. */
    public KillResult kill() {
        if (caller == null) {
            return KillResult.NOT_BUSY;
        }
        if (wrote) {
            return KillResult.UNKILLABLE;
        }
        if (!killRequested) {
            killRequested = true;
            LOG.warn("Lua script killed by user with SCRIPT KILL.");
        }
        return KillResult.KILLED;
    }

    /** {@code SHUTDOWN NOSAVE} while a script runs: it stops at its next interrupt and none of its writes is kept. */
    public void abort() {
        if (caller != null) {
            abortRequested = true;
        }
    }

    /**
     * Whether {@code args} may run a script: EVAL, EVALSHA and their {@code _RO} forms outside MULTI, or an EXEC
     * whose queue holds one. Compared on the raw name so other commands pay no table lookup.
     */
    static boolean startsScript(Client client, byte[][] args) {
        byte[] name = args[0];
        if (name.length == 4 && CommandTable.equalsIgnoreCase(N_EXEC, name)) {
            if (!client.inMulti()) {
                return false;
            }
            for (byte[][] queued : client.multiQueue()) {
                if (isScriptName(queued[0])) {
                    return true;
                }
            }
            return false;
        }
        return isScriptName(name) && !client.inMulti();
    }

    private static boolean isScriptName(byte[] name) {
        return switch (name.length) {
            case 4 -> CommandTable.equalsIgnoreCase(N_EVAL, name);
            case 7 -> CommandTable.equalsIgnoreCase(N_EVALSHA, name) || CommandTable.equalsIgnoreCase(N_EVAL_RO, name);
            case 10 -> CommandTable.equalsIgnoreCase(N_EVALSHA_RO, name);
            default -> false;
        };
    }

    private static byte[] ascii(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}

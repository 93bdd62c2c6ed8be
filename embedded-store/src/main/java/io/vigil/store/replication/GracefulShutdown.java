package io.vigil.store.replication;

import io.vigil.resp.RespError;
import io.vigil.store.command.CommandException;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.StoreEngine;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SHUTDOWN} and {@code SIGTERM} as in Redis 7.0 ({@code prepareForShutdown} / {@code finishShutdown}): when
 * replicas lag behind the replication offset, writes are paused, {@code REPLCONF GETACK *} is sent, and the store
 * waits until every replica has acknowledged the whole stream or {@code shutdown-timeout} seconds passed; then it
 * saves (as asked, or when save rules exist) and stops. {@code SHUTDOWN ABORT} (or a save that fails without {@code
 * FORCE}) cancels: the waiting clients get an error and paused writes run.
 *
 * <pre>
 *   IDLE --request/signal--> WAITING (writes paused, GETACK sent) --all acked / timeout--> finish
 *     ^                         |                                                            |
 *     +------ABORT / failed save without FORCE---------------------------------------------+ else: the store stops
 * </pre>
 *
 * <p>Runs on the command thread; the cron of the {@link ReplicationManager} drives the wait.
 */
public final class GracefulShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    /**
     * The flags of {@code SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE]}.
     *
     * @param save save even without save rules
     * @param nosave do not save even with save rules
     * @param now do not wait for lagging replicas
     * @param force stop even when the final save fails
     */
    public record Flags(boolean save, boolean nosave, boolean now, boolean force) {

        /** The JVM is exiting (a shutdown hook): default flags, and a failed save cannot keep the process. */
        static final Flags SIGNAL = new Flags(false, false, false, true);

        /** The flags of a {@code shutdown-on-sigterm} / {@code shutdown-on-sigint} value ({@code default}, ...). */
        static Flags of(String config) {
            List<String> words = List.of(config.split(" "));
            return new Flags(
                    words.contains("save"), words.contains("nosave"), words.contains("now"), words.contains("force"));
        }
    }

    /** What a signal did ({@link #onSignal(String)}). */
    public enum SignalOutcome {
        /** A shutdown was started: the store stops, or waits for its replicas first. */
        SHUTTING_DOWN,
        /** The shutdown failed (the final save, without {@code force}): the store goes on, as redis-server does. */
        REFUSED,
        /** A second {@code SIGINT} while a shutdown waits: the process must exit at once (Redis's "You insist"). */
        EXIT_NOW
    }

    private final ReplicationManager repl;
    private final List<Client> waiting = new ArrayList<>();
    private Flags flags;
    private long deadline;
    private boolean initiated;

    GracefulShutdown(ReplicationManager repl) {
        this.repl = repl;
    }

    /** Whether a shutdown waits for replicas (writes are paused meanwhile). */
    public boolean initiated() {
        return initiated;
    }

    /**
     * {@code SHUTDOWN} from {@code client}: stops the store now (the client's connection closes without a reply),
     * or blocks the client while lagging replicas catch up, or joins a shutdown already waiting.
     *
     * @throws CommandException when the final save fails and {@code FORCE} was not given (the store goes on)
     */
    public void request(Client client, Flags requested) {
        if (!initiated && prepare(requested)) {
            return;
        }
        if (!initiated) {
            throw new CommandException(RespError.SHUTDOWN_FAILED);
        }
        waiting.add(client);
        repl.engine()
                .blockUntil(
                        client,
                        0,
                        c -> { // CLIENT UNBLOCK: this client stops waiting, the shutdown goes on
                            waiting.remove(c);
                            c.reply().error(RespError.UNBLOCKED);
                        });
    }

    /**
     * {@code SIGTERM} or {@code SIGINT} ({@code "TERM"}, {@code "INT"}) as Redis 7.0's signal handler and {@code
     * serverCron}: a shutdown with the flags of {@code shutdown-on-sigterm} / {@code shutdown-on-sigint}. A failed
     * final save without {@code force} keeps the store running; a second {@code SIGINT} while the shutdown waits for
     * replicas asks for an immediate exit; a second {@code SIGTERM} is ignored.
     */
    public SignalOutcome onSignal(String signal) {
        boolean sigint = signal.equals("INT");
        if (initiated) {
            if (sigint) {
                LOG.warn("You insist... exiting now.");
                return SignalOutcome.EXIT_NOW;
            }
            return SignalOutcome.SHUTTING_DOWN;
        }
        LOG.warn("Received SIG{} scheduling shutdown...", signal);
        String config = repl.engine().config().get(sigint ? "shutdown-on-sigint" : "shutdown-on-sigterm");
        if (prepare(Flags.of(config)) || initiated) {
            return SignalOutcome.SHUTTING_DOWN;
        }
        LOG.warn(
                "SIG{} received but errors trying to shut down the server, check the logs for more information",
                signal);
        return SignalOutcome.REFUSED;
    }

    /**
     * The JVM is exiting (a shutdown hook, not one of the signals above): as {@code SHUTDOWN} without flags, except
     * that a failed save is logged and the store stops.
     */
    public void onSignal() {
        if (!initiated) {
            prepare(Flags.SIGNAL);
        }
    }

    /**
     * {@code SHUTDOWN ABORT}: cancels a shutdown waiting for replicas.
     *
     * @return whether one was waiting
     */
    public boolean abort() {
        if (!initiated) {
            return false;
        }
        LOG.info("Shutdown manually aborted.");
        cancel();
        return true;
    }

    /**
     * Starts a shutdown: waits for lagging replicas or finishes at once.
     *
     * @return whether the store stopped (false: waiting, or the save failed)
     */
    private boolean prepare(Flags requested) {
        StoreEngine engine = repl.engine();
        Flags f = requested;
        if (engine.persistence().loading()) {
            f = new Flags(false, true, f.now(), f.force()); // never save half a dataset
        }
        flags = f;
        long timeout = engine.config().getLong("shutdown-timeout");
        if (!f.now() && timeout != 0 && !repl.replicasCaughtUp()) {
            initiated = true;
            deadline = repl.now() + timeout * 1000;
            repl.pauseWritesForShutdown(true);
            repl.requestAcks();
            LOG.info("Waiting for replicas before shutting down.");
            return false;
        }
        return finish();
    }

    /** The cron's part: finishes once every replica acknowledged the offset or the timeout passed. */
    void cron(long now) {
        if (initiated && (now >= deadline || repl.replicasCaughtUp())) {
            finish();
        }
    }

    private boolean finish() {
        repl.logReplicasAtShutdown();
        boolean saved = repl.engine().persistence().prepareShutdown(flags.save(), flags.nosave());
        if (!saved && !flags.force()) {
            LOG.warn("Errors trying to shut down the server. Check the logs for more information.");
            cancel();
            return false;
        }
        if (!saved) {
            LOG.warn("Error trying to save the DB. Exit anyway.");
        }
        initiated = false;
        waiting.clear(); // their connections close with the others
        repl.flushReplicasForShutdown();
        repl.engine().shutdown();
        return true;
    }

    private void cancel() {
        initiated = false;
        deadline = 0;
        List<Client> blocked = new ArrayList<>(waiting);
        waiting.clear();
        for (Client c : blocked) {
            repl.engine().unblock(c, RespError.SHUTDOWN_FAILED);
        }
        repl.pauseWritesForShutdown(false);
    }
}

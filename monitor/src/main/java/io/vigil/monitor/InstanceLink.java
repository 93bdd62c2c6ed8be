package io.vigil.monitor;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The links of one sentinel to one watched instance (master, replica or peer sentinel), made by
 * {@link MonitorService#open}. It connects, reconnects with back-off, PINGs and polls INFO on its own and reports to
 * its {@link LinkListener}; the methods below send what the decision core asks for.
 *
 * <p>Thread-safe: every method may be called from any thread. Returned stages never complete exceptionally (see
 * {@link CommandResult}) and complete on the service's event executor, serialized with the listener callbacks.
 */
public interface InstanceLink {

    /** The hello channel every sentinel publishes to and subscribes to. */
    String HELLO_CHANNEL = "__sentinel__:hello";

    /** What this link connects to. */
    LinkTarget target();

    /** Shorthand for {@code target().address()}. */
    default InstanceAddress address() {
        return target().address();
    }

    /** The current state (as last reported to the listener, or about to be). */
    LinkState state();

    /** Commands sent on the command connection that have no reply yet (Redis's {@code link-pending-commands}). */
    int pendingCommands();

    /** The INFO period now in force. */
    Duration infoPeriod();

    /**
     * Changes the INFO period, e.g. to about 100 ms for replicas during a failover and back afterwards. When the new
     * period is shorter and the last INFO is already older than it, the next INFO goes out at once.
     *
     * @throws IllegalArgumentException when below {@link LinkSettings#MIN_INFO_PERIOD}
     */
    void setInfoPeriod(Duration period);

    /** {@code PUBLISH __sentinel__:hello payload}; the value is the number of receivers. Works on sentinels too. */
    CompletionStage<CommandResult<Long>> publishHello(String payload);

    /**
     * Sends exactly the transaction Redis Sentinel sends to repoint an instance: {@code MULTI},
     * {@code SLAVEOF host port} (or {@code SLAVEOF NO ONE} when {@code hostOrNull} is null), {@code CONFIG REWRITE},
     * {@code CLIENT KILL TYPE normal}, {@code CLIENT KILL TYPE pubsub}, {@code EXEC}. OK once EXEC returns, whatever
     * the sub-replies (see {@link ReconfigureReply}). The pub/sub kill also drops this link's own pub/sub
     * connection, which reconnects.
     */
    CompletionStage<CommandResult<ReconfigureReply>> reconfigure(String hostOrNull, int port);

    /** {@code SCRIPT KILL}, for an instance that answers PING with {@code -BUSY}. */
    CompletionStage<CommandResult<String>> scriptKill();

    /** {@code SENTINEL is-master-down-by-addr ip port current_epoch runid|*}, for links to peer sentinels. */
    CompletionStage<CommandResult<MasterDownReply>> isMasterDownByAddr(
            String ip, int port, long currentEpoch, String runidOrStar);

    /**
     * Sends any command, e.g. {@code dispatch("CONFIG", "GET", "maxmemory")}. The value lists the reply's elements;
     * a reply that is not an array is a one-element list, a nil reply an empty list.
     */
    CompletionStage<CommandResult<List<Object>>> dispatch(String command, String... args);

    /** Closes both connections and stops all timers; the listener gets a final change to {@link LinkState#CLOSED}. */
    CompletionStage<Void> close();
}

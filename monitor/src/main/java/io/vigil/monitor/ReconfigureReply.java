package io.vigil.monitor;

import java.util.List;
import java.util.Objects;

/**
 * The sub-replies of the reconfiguration transaction ({@code MULTI}, {@code SLAVEOF}, {@code CONFIG REWRITE},
 * {@code CLIENT KILL TYPE normal}, {@code CLIENT KILL TYPE pubsub}, {@code EXEC}).
 *
 * <p>Like Redis Sentinel, Vigil counts the transaction as sent once {@code EXEC} returns, whatever the sub-replies
 * say: a server started without a config file answers {@code CONFIG REWRITE} with an error, and the replica
 * reconfiguration still took effect. The sub-replies are kept for logs and diagnostics.
 *
 * @param slaveof reply to {@code SLAVEOF}, e.g. {@code OK}, or the error text prefixed with {@code -}
 * @param configRewrite reply to {@code CONFIG REWRITE}, or the error text prefixed with {@code -}
 * @param killNormal reply to {@code CLIENT KILL TYPE normal} (number of clients killed), or the error
 * @param killPubsub reply to {@code CLIENT KILL TYPE pubsub}, or the error
 */
public record ReconfigureReply(String slaveof, String configRewrite, String killNormal, String killPubsub) {

    /** Checks the components. */
    public ReconfigureReply {
        Objects.requireNonNull(slaveof, "slaveof");
        Objects.requireNonNull(configRewrite, "configRewrite");
        Objects.requireNonNull(killNormal, "killNormal");
        Objects.requireNonNull(killPubsub, "killPubsub");
    }

    /** Whether {@code SLAVEOF} itself succeeded inside the transaction. */
    public boolean slaveofAccepted() {
        return !slaveof.startsWith("-");
    }

    /** Whether {@code CONFIG REWRITE} failed (e.g. no config file); not a failure of the reconfiguration. */
    public boolean configRewriteFailed() {
        return configRewrite.startsWith("-");
    }

    /** The four sub-replies in the order sent. */
    public List<String> all() {
        return List.of(slaveof, configRewrite, killNormal, killPubsub);
    }
}

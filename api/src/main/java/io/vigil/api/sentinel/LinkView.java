package io.vigil.api.sentinel;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What every instance row ({@code SENTINEL MASTER|REPLICAS|SENTINELS}) shows about the instance's address and this
 * sentinel's link to it. Times are milliseconds <em>ago</em>, computed when the snapshot was taken.
 *
 * @param ip the address as announced (an IP, or a hostname when announce-hostnames is on)
 * @param port the port
 * @param runid the instance's run id, or empty when not yet known (Redis prints an empty string)
 * @param flags the instance's flags; rendered in Redis's order whatever the set's iteration order
 * @param pendingCommands commands sent on the link still waiting for a reply ({@code link-pending-commands})
 * @param refcount how many instance records share the link ({@code link-refcount}; 1 for masters and replicas)
 * @param lastPingSentMs time since the oldest unanswered PING was sent, 0 when none is pending
 * @param lastOkPingReplyMs time since the last valid PING reply ({@code PONG}, {@code -LOADING}, {@code -MASTERDOWN})
 * @param lastPingReplyMs time since the last PING reply of any kind
 * @param sDownMs time since the instance became subjectively down; present exactly when flags has S_DOWN
 * @param oDownMs time since the master became objectively down; present exactly when flags has O_DOWN
 * @param downAfterMs the down-after-milliseconds setting
 */
public record LinkView(
        String ip,
        int port,
        String runid,
        Set<InstanceFlag> flags,
        long pendingCommands,
        long refcount,
        long lastPingSentMs,
        long lastOkPingReplyMs,
        long lastPingReplyMs,
        OptionalLong sDownMs,
        OptionalLong oDownMs,
        long downAfterMs) {

    /** Validates and copies the flags. */
    public LinkView {
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(runid, "runid (use \"\" when unknown)");
        Objects.requireNonNull(sDownMs, "sDownMs");
        Objects.requireNonNull(oDownMs, "oDownMs");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in [0, 65535], got " + port);
        }
        flags = flags.isEmpty() ? EnumSet.noneOf(InstanceFlag.class) : EnumSet.copyOf(flags);
        if (flags.contains(InstanceFlag.S_DOWN) != sDownMs.isPresent()) {
            throw new IllegalArgumentException("sDownMs must be present exactly when flags contain S_DOWN, flags="
                    + InstanceFlag.render(flags) + " sDownMs=" + sDownMs);
        }
        if (flags.contains(InstanceFlag.O_DOWN) != oDownMs.isPresent()) {
            throw new IllegalArgumentException("oDownMs must be present exactly when flags contain O_DOWN, flags="
                    + InstanceFlag.render(flags) + " oDownMs=" + oDownMs);
        }
        flags = Collections.unmodifiableSet(flags);
    }

    /** Whether the flags contain {@code flag}. */
    public boolean has(InstanceFlag flag) {
        return flags.contains(flag);
    }
}

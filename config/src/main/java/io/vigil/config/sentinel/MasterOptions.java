package io.vigil.config.sentinel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The options an operator sets for one monitored master: the standard {@code sentinel <option> <master> <value>}
 * directives and Vigil's own {@code vigil master <master> <option> <value>} ones.
 *
 * @param downAfterMs {@code down-after-milliseconds}: silence after which the master is subjectively down
 * @param failoverTimeoutMs {@code failover-timeout}
 * @param parallelSyncs {@code parallel-syncs}: replicas repointed at a time after a failover
 * @param authPass {@code auth-pass}: password for the master and its replicas
 * @param authUser {@code auth-user}: ACL user for the master and its replicas
 * @param notificationScript {@code notification-script}
 * @param clientReconfigScript {@code client-reconfig-script}
 * @param rebootDownAfterPeriodMs {@code master-reboot-down-after-period} (0 = off)
 * @param renamedCommands {@code rename-command}: original command name to the name to send instead, in file order
 * @param maxLagBytes Vigil: a replica further behind than this is never promoted (empty = guard off)
 * @param writeFencing Vigil: whether the master's writes are fenced by a lease
 * @param writeFencingLeaseMs Vigil: the lease length; empty = half of {@code down-after-milliseconds}
 */
public record MasterOptions(
        long downAfterMs,
        long failoverTimeoutMs,
        int parallelSyncs,
        Optional<String> authPass,
        Optional<String> authUser,
        Optional<String> notificationScript,
        Optional<String> clientReconfigScript,
        long rebootDownAfterPeriodMs,
        Map<String, String> renamedCommands,
        OptionalLong maxLagBytes,
        boolean writeFencing,
        OptionalLong writeFencingLeaseMs) {

    /** Redis's default {@code down-after-milliseconds}. */
    public static final long DEFAULT_DOWN_AFTER_MS = 30_000;
    /** Redis's default {@code failover-timeout}. */
    public static final long DEFAULT_FAILOVER_TIMEOUT_MS = 180_000;
    /** Redis's default {@code parallel-syncs}. */
    public static final int DEFAULT_PARALLEL_SYNCS = 1;

    /** Redis's defaults; Vigil's guards off. */
    public static final MasterOptions DEFAULTS = new MasterOptions(
            DEFAULT_DOWN_AFTER_MS,
            DEFAULT_FAILOVER_TIMEOUT_MS,
            DEFAULT_PARALLEL_SYNCS,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            0,
            Map.of(),
            OptionalLong.empty(),
            false,
            OptionalLong.empty());

    /** Validates ranges and copies the map, keeping its order. */
    public MasterOptions {
        requirePositive("down-after-milliseconds", downAfterMs);
        requirePositive("failover-timeout", failoverTimeoutMs);
        requirePositive("parallel-syncs", parallelSyncs);
        if (rebootDownAfterPeriodMs < 0) {
            throw new IllegalArgumentException(
                    "master-reboot-down-after-period must be >= 0, was " + rebootDownAfterPeriodMs);
        }
        if (maxLagBytes.isPresent() && maxLagBytes.getAsLong() < 0) {
            throw new IllegalArgumentException("max-lag-bytes must be >= 0, was " + maxLagBytes.getAsLong());
        }
        if (writeFencingLeaseMs.isPresent()) {
            requirePositive("write-fencing-lease-ms", writeFencingLeaseMs.getAsLong());
        }
        renamedCommands = Collections.unmodifiableMap(new LinkedHashMap<>(renamedCommands));
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be a positive integer, was " + value);
        }
    }

    /** The lease in force: the configured one, or half of {@code down-after-milliseconds}. */
    public long effectiveWriteFencingLeaseMs() {
        return writeFencingLeaseMs.orElse(Math.max(1, downAfterMs / 2));
    }

    /** A copy with another {@code down-after-milliseconds}. */
    public MasterOptions withDownAfterMs(long value) {
        return new MasterOptions(
                value,
                failoverTimeoutMs,
                parallelSyncs,
                authPass,
                authUser,
                notificationScript,
                clientReconfigScript,
                rebootDownAfterPeriodMs,
                renamedCommands,
                maxLagBytes,
                writeFencing,
                writeFencingLeaseMs);
    }

    /** A copy with another {@code failover-timeout}. */
    public MasterOptions withFailoverTimeoutMs(long value) {
        return new MasterOptions(
                downAfterMs,
                value,
                parallelSyncs,
                authPass,
                authUser,
                notificationScript,
                clientReconfigScript,
                rebootDownAfterPeriodMs,
                renamedCommands,
                maxLagBytes,
                writeFencing,
                writeFencingLeaseMs);
    }

    /** A copy with another {@code parallel-syncs}. */
    public MasterOptions withParallelSyncs(int value) {
        return new MasterOptions(
                downAfterMs,
                failoverTimeoutMs,
                value,
                authPass,
                authUser,
                notificationScript,
                clientReconfigScript,
                rebootDownAfterPeriodMs,
                renamedCommands,
                maxLagBytes,
                writeFencing,
                writeFencingLeaseMs);
    }

    /** A copy with other credentials ({@code auth-user}, {@code auth-pass}). */
    public MasterOptions withAuth(Optional<String> user, Optional<String> pass) {
        return new MasterOptions(
                downAfterMs,
                failoverTimeoutMs,
                parallelSyncs,
                pass,
                user,
                notificationScript,
                clientReconfigScript,
                rebootDownAfterPeriodMs,
                renamedCommands,
                maxLagBytes,
                writeFencing,
                writeFencingLeaseMs);
    }

    /** A copy with other scripts ({@code notification-script}, {@code client-reconfig-script}). */
    public MasterOptions withScripts(Optional<String> notification, Optional<String> clientReconfig) {
        return new MasterOptions(
                downAfterMs,
                failoverTimeoutMs,
                parallelSyncs,
                authPass,
                authUser,
                notification,
                clientReconfig,
                rebootDownAfterPeriodMs,
                renamedCommands,
                maxLagBytes,
                writeFencing,
                writeFencingLeaseMs);
    }

    /** A copy with Vigil's guards set. */
    public MasterOptions withGuards(OptionalLong maxLag, boolean fencing, OptionalLong leaseMs) {
        return new MasterOptions(
                downAfterMs,
                failoverTimeoutMs,
                parallelSyncs,
                authPass,
                authUser,
                notificationScript,
                clientReconfigScript,
                rebootDownAfterPeriodMs,
                renamedCommands,
                maxLag,
                fencing,
                leaseMs);
    }

    /** Like the record's, but with the password hidden. */
    @Override
    public String toString() {
        return "MasterOptions[downAfterMs=" + downAfterMs + ", failoverTimeoutMs=" + failoverTimeoutMs
                + ", parallelSyncs=" + parallelSyncs + ", authPass=" + authPass.map(p -> "***") + ", authUser="
                + authUser + ", notificationScript=" + notificationScript + ", clientReconfigScript="
                + clientReconfigScript + ", rebootDownAfterPeriodMs=" + rebootDownAfterPeriodMs + ", renamedCommands="
                + renamedCommands + ", maxLagBytes=" + maxLagBytes + ", writeFencing=" + writeFencing
                + ", writeFencingLeaseMs=" + writeFencingLeaseMs + "]";
    }
}

package io.vigil.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * Timing and limits of one link. Immutable; build with {@link #builder()}, whose setters reject values outside
 * the documented bounds and whose {@link Builder#build()} checks the fields against each other.
 *
 * <p>Defaults follow Redis Sentinel: PING every 1 s, INFO every 10 s, at most 100 pending commands.
 */
public final class LinkSettings {

    /** Lowest PING period: probing faster than this only adds load. */
    public static final Duration MIN_PING_PERIOD = Duration.ofMillis(50);

    /** Lowest INFO period: a failover polls replicas about every 100 ms. */
    public static final Duration MIN_INFO_PERIOD = Duration.ofMillis(100);

    /** The fewest pending commands a link must allow: the reconfiguration transaction is 6 commands. */
    public static final int MIN_PENDING_COMMANDS = 6;

    private static final Duration MIN_TIMEOUT = Duration.ofMillis(10);

    private final Duration pingPeriod;
    private final Duration infoPeriod;
    private final Duration pingTimeout;
    private final Duration silenceLimit;
    private final Duration commandTimeout;
    private final Duration connectTimeout;
    private final int maxPendingCommands;
    private final Duration reconnectInitialDelay;
    private final Duration reconnectMaxDelay;

    private LinkSettings(Builder b) {
        this.pingPeriod = b.pingPeriod;
        this.infoPeriod = b.infoPeriod;
        this.pingTimeout = b.pingTimeout;
        this.silenceLimit = b.silenceLimit;
        this.commandTimeout = b.commandTimeout;
        this.connectTimeout = b.connectTimeout;
        this.maxPendingCommands = b.maxPendingCommands;
        this.reconnectInitialDelay = b.reconnectInitialDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
    }

    /** The Redis Sentinel defaults. */
    public static LinkSettings defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder()
                .pingPeriod(pingPeriod)
                .infoPeriod(infoPeriod)
                .pingTimeout(pingTimeout)
                .silenceLimit(silenceLimit)
                .commandTimeout(commandTimeout)
                .connectTimeout(connectTimeout)
                .maxPendingCommands(maxPendingCommands)
                .reconnectDelay(reconnectInitialDelay, reconnectMaxDelay);
    }

    /** How often to PING (default 1 s, at least 50 ms). */
    public Duration pingPeriod() {
        return pingPeriod;
    }

    /** How often to send INFO at first (default 10 s, at least 100 ms); changeable per link at runtime. */
    public Duration infoPeriod() {
        return infoPeriod;
    }

    /** After how long an unanswered PING is reported as {@link PingOutcome#PENDING} (default 1 s). */
    public Duration pingTimeout() {
        return pingTimeout;
    }

    /**
     * After how long without any reply, while commands are pending, the link drops its connections and reconnects
     * (default 15 s; Redis Sentinel uses half of down-after-milliseconds).
     */
    public Duration silenceLimit() {
        return silenceLimit;
    }

    /** After how long an action ({@code reconfigure}, {@code publishHello}, ...) completes as TIMEOUT (default 5 s). */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** Limit for TCP connect plus the AUTH/SETNAME handshake (default 5 s). */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The most commands awaiting a reply; more are not sent (default 100, Redis's link-pending-commands cap). */
    public int maxPendingCommands() {
        return maxPendingCommands;
    }

    /** First reconnect delay; doubled after each failed attempt up to {@link #reconnectMaxDelay()}. */
    public Duration reconnectInitialDelay() {
        return reconnectInitialDelay;
    }

    /** Largest reconnect delay. */
    public Duration reconnectMaxDelay() {
        return reconnectMaxDelay;
    }

    @Override
    public String toString() {
        return "LinkSettings{ping=" + pingPeriod.toMillis() + "ms, info=" + infoPeriod.toMillis() + "ms, pingTimeout="
                + pingTimeout.toMillis() + "ms, silence=" + silenceLimit.toMillis() + "ms, command="
                + commandTimeout.toMillis() + "ms, connect=" + connectTimeout.toMillis() + "ms, maxPending="
                + maxPendingCommands + ", reconnect=" + reconnectInitialDelay.toMillis() + ".."
                + reconnectMaxDelay.toMillis() + "ms}";
    }

    /** Builds {@link LinkSettings}; each setter checks its own bounds. */
    public static final class Builder {
        private Duration pingPeriod = Duration.ofSeconds(1);
        private Duration infoPeriod = Duration.ofSeconds(10);
        private Duration pingTimeout = Duration.ofSeconds(1);
        private Duration silenceLimit = Duration.ofSeconds(15);
        private Duration commandTimeout = Duration.ofSeconds(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private int maxPendingCommands = 100;
        private Duration reconnectInitialDelay = Duration.ofMillis(100);
        private Duration reconnectMaxDelay = Duration.ofSeconds(5);

        private Builder() {}

        /** PING period, at least {@link #MIN_PING_PERIOD}. */
        public Builder pingPeriod(Duration period) {
            this.pingPeriod = atLeast("pingPeriod", period, MIN_PING_PERIOD);
            return this;
        }

        /** INFO period, at least {@link #MIN_INFO_PERIOD}. */
        public Builder infoPeriod(Duration period) {
            this.infoPeriod = atLeast("infoPeriod", period, MIN_INFO_PERIOD);
            return this;
        }

        /** When an unanswered PING is reported pending, at least 10 ms. */
        public Builder pingTimeout(Duration timeout) {
            this.pingTimeout = atLeast("pingTimeout", timeout, MIN_TIMEOUT);
            return this;
        }

        /** Silence after which the link reconnects, at least 10 ms and at least the ping timeout. */
        public Builder silenceLimit(Duration limit) {
            this.silenceLimit = atLeast("silenceLimit", limit, MIN_TIMEOUT);
            return this;
        }

        /** Action timeout, at least 10 ms. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = atLeast("commandTimeout", timeout, MIN_TIMEOUT);
            return this;
        }

        /** Connect plus handshake timeout, at least 10 ms. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = atLeast("connectTimeout", timeout, MIN_TIMEOUT);
            return this;
        }

        /** Pending command cap, in {@value #MIN_PENDING_COMMANDS}..100000. */
        public Builder maxPendingCommands(int max) {
            if (max < MIN_PENDING_COMMANDS || max > 100_000) {
                throw new IllegalArgumentException("maxPendingCommands must be in " + MIN_PENDING_COMMANDS
                        + "..100000 (the reconfiguration transaction is 6 commands), was " + max);
            }
            this.maxPendingCommands = max;
            return this;
        }

        /** Reconnect back-off bounds: {@code initial} at least 10 ms, {@code max} at least {@code initial}. */
        public Builder reconnectDelay(Duration initial, Duration max) {
            Duration first = atLeast("reconnectInitialDelay", initial, MIN_TIMEOUT);
            Objects.requireNonNull(max, "reconnectMaxDelay");
            if (max.compareTo(first) < 0) {
                throw new IllegalArgumentException("reconnectMaxDelay = " + max.toMillis()
                        + " ms < reconnectInitialDelay = " + first.toMillis() + " ms");
            }
            this.reconnectInitialDelay = first;
            this.reconnectMaxDelay = max;
            return this;
        }

        /**
         * Checks the fields against each other and builds.
         *
         * @throws IllegalArgumentException naming both fields when {@code silenceLimit < pingTimeout}
         */
        public LinkSettings build() {
            if (silenceLimit.compareTo(pingTimeout) < 0) {
                throw new IllegalArgumentException("silenceLimit = " + silenceLimit.toMillis() + " ms < pingTimeout = "
                        + pingTimeout.toMillis() + " ms");
            }
            return new LinkSettings(this);
        }

        private static Duration atLeast(String name, Duration value, Duration min) {
            Objects.requireNonNull(value, name);
            if (value.compareTo(min) < 0) {
                throw new IllegalArgumentException(
                        name + " must be at least " + min.toMillis() + " ms, was " + value.toMillis() + " ms");
            }
            return value;
        }
    }
}

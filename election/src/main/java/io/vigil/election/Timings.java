package io.vigil.election;

/**
 * Every timing knob of the Sentinel core, with two profiles: {@link #vigil()} (faster, the default) and
 * {@link #redis()} (the constants of Redis Sentinel 7). Per-master timings (down-after, failover-timeout) live in
 * {@link MasterSettings}. Build variants with {@link #toBuilder()}; setters validate.
 */
public final class Timings {

    private final long pingPeriodMs;
    private final long infoPeriodMs;
    private final long infoPeriodFailoverMs;
    private final long helloPeriodMs;
    private final long askPeriodMs;
    private final long askPeriodUntilOdownMs;
    private final boolean askOnSdown;
    private final long answerValidityMs;
    private final long failoverDesyncMaxMs;
    private final long electionTimeoutMaxMs;
    private final long replicaReplyValidityMs;
    private final long replicaReconfTimeoutMs;
    private final long tiltTriggerMs;
    private final long tiltPeriodMs;
    private final boolean broadcastHelloOnConfigChange;
    private final long convertToReplicaWaitMs;
    private final int decisionLogCapacity;
    private final long splitVoteRetryMaxMs;
    private final long maxPingsPerSecond;
    private final long maxInfosPerSecond;
    private final long failoverRankStepMs;

    private Timings(Builder b) {
        this.pingPeriodMs = b.pingPeriodMs;
        this.infoPeriodMs = b.infoPeriodMs;
        this.infoPeriodFailoverMs = b.infoPeriodFailoverMs;
        this.helloPeriodMs = b.helloPeriodMs;
        this.askPeriodMs = b.askPeriodMs;
        this.askPeriodUntilOdownMs = b.askPeriodUntilOdownMs;
        this.askOnSdown = b.askOnSdown;
        this.answerValidityMs = b.answerValidityMs;
        this.failoverDesyncMaxMs = b.failoverDesyncMaxMs;
        this.electionTimeoutMaxMs = b.electionTimeoutMaxMs;
        this.replicaReplyValidityMs = b.replicaReplyValidityMs;
        this.replicaReconfTimeoutMs = b.replicaReconfTimeoutMs;
        this.tiltTriggerMs = b.tiltTriggerMs;
        this.tiltPeriodMs = b.tiltPeriodMs;
        this.broadcastHelloOnConfigChange = b.broadcastHelloOnConfigChange;
        this.convertToReplicaWaitMs = b.convertToReplicaWaitMs;
        this.decisionLogCapacity = b.decisionLogCapacity;
        this.splitVoteRetryMaxMs = b.splitVoteRetryMaxMs;
        this.maxPingsPerSecond = b.maxPingsPerSecond;
        this.maxInfosPerSecond = b.maxInfosPerSecond;
        this.failoverRankStepMs = b.failoverRankStepMs;
    }

    /**
     * Vigil defaults: PING every 50 ms, peers asked at once on SDOWN then every 100 ms, failover start desync
     * 0-100 ms, promoted replica polled every 100 ms, hello broadcast on every config-epoch change, TILT 10 s.
     */
    public static Timings vigil() {
        return new Builder().build();
    }

    /** The constants of Redis Sentinel 7 (sentinel.c): PING 1 s, INFO 10 s, hello 2 s, ask 1 s, TILT 30 s. */
    public static Timings redis() {
        return new Builder()
                .pingPeriodMs(1000)
                .infoPeriodMs(10_000)
                .infoPeriodFailoverMs(1000)
                .helloPeriodMs(2000)
                .askPeriodMs(1000)
                .askPeriodUntilOdownMs(1000)
                .askOnSdown(false)
                .failoverDesyncMaxMs(1000)
                .tiltPeriodMs(30_000)
                .broadcastHelloOnConfigChange(false)
                .convertToReplicaWaitMs(8000)
                .splitVoteRetryMaxMs(0)
                .maxPingsPerSecond(0)
                .maxInfosPerSecond(0)
                .failoverRankStepMs(0)
                .build();
    }

    /** Returns a builder initialised with these values. */
    public Builder toBuilder() {
        return new Builder()
                .pingPeriodMs(pingPeriodMs)
                .infoPeriodMs(infoPeriodMs)
                .infoPeriodFailoverMs(infoPeriodFailoverMs)
                .helloPeriodMs(helloPeriodMs)
                .askPeriodMs(askPeriodMs)
                .askPeriodUntilOdownMs(askPeriodUntilOdownMs)
                .askOnSdown(askOnSdown)
                .answerValidityMs(answerValidityMs)
                .failoverDesyncMaxMs(failoverDesyncMaxMs)
                .electionTimeoutMaxMs(electionTimeoutMaxMs)
                .replicaReplyValidityMs(replicaReplyValidityMs)
                .replicaReconfTimeoutMs(replicaReconfTimeoutMs)
                .tiltTriggerMs(tiltTriggerMs)
                .tiltPeriodMs(tiltPeriodMs)
                .broadcastHelloOnConfigChange(broadcastHelloOnConfigChange)
                .convertToReplicaWaitMs(convertToReplicaWaitMs)
                .decisionLogCapacity(decisionLogCapacity)
                .splitVoteRetryMaxMs(splitVoteRetryMaxMs)
                .maxPingsPerSecond(maxPingsPerSecond)
                .maxInfosPerSecond(maxInfosPerSecond)
                .failoverRankStepMs(failoverRankStepMs);
    }

    /** PING period to every instance (capped at down-after-milliseconds). */
    public long pingPeriodMs() {
        return pingPeriodMs;
    }

    /** INFO period to masters and replicas in normal operation. */
    public long infoPeriodMs() {
        return infoPeriodMs;
    }

    /** INFO period to replicas while their master is ODOWN or failing over, and to the promoted replica. */
    public long infoPeriodFailoverMs() {
        return infoPeriodFailoverMs;
    }

    /** Hello period to every instance and known sentinel. */
    public long helloPeriodMs() {
        return helloPeriodMs;
    }

    /** Period of IS-MASTER-DOWN-BY-ADDR questions to peers while the master is SDOWN. */
    public long askPeriodMs() {
        return askPeriodMs;
    }

    /**
     * How often peers are asked about an SDOWN master that is not yet ODOWN: short, so the first sentinel to see
     * SDOWN learns of the quorum as soon as its peers see it too, not one {@link #askPeriodMs()} later.
     */
    public long askPeriodUntilOdownMs() {
        return askPeriodUntilOdownMs;
    }

    /** Ask peers in the same step the master becomes SDOWN (instead of on the next ask period). */
    public boolean askOnSdown() {
        return askOnSdown;
    }

    /** How long a peer's "down" answer and vote stay valid (Redis: 5 s). */
    public long answerValidityMs() {
        return answerValidityMs;
    }

    /** Upper bound of the random delay before a failover try, so that sentinels do not split the vote. */
    public long failoverDesyncMaxMs() {
        return failoverDesyncMaxMs;
    }

    /** Election timeout cap: a try aborts when not elected within min(this, failover-timeout). */
    public long electionTimeoutMaxMs() {
        return electionTimeoutMaxMs;
    }

    /** A replica silent for longer, or with INFO older than this while the master is down, is not promoted. */
    public long replicaReplyValidityMs() {
        return replicaReplyValidityMs;
    }

    /** A replica sent SLAVEOF during RECONF_SLAVES that does not start syncing within this is marked done. */
    public long replicaReconfTimeoutMs() {
        return replicaReconfTimeoutMs;
    }

    /** A step seeing the clock go backwards, or more than this forward, enters TILT. */
    public long tiltTriggerMs() {
        return tiltTriggerMs;
    }

    /** How long TILT lasts after the last clock anomaly. */
    public long tiltPeriodMs() {
        return tiltPeriodMs;
    }

    /** Send a hello to every instance and sentinel at once when a master's config epoch changes. */
    public boolean broadcastHelloOnConfigChange() {
        return broadcastHelloOnConfigChange;
    }

    /** How long a replica must report role master before it is converted back (+convert-to-slave). */
    public long convertToReplicaWaitMs() {
        return convertToReplicaWaitMs;
    }

    /** Entries kept in the decision log. */
    public int decisionLogCapacity() {
        return decisionLogCapacity;
    }

    /**
     * When a candidate learns that its election is lost (the votes it has plus the peers that have not voted in its
     * epoch cannot reach the majority: a split vote), it gives up at once and may try again in a new epoch after a
     * random 0..this many ms, instead of waiting out the election timeout and 2 x failover-timeout. 0 disables it
     * (Redis behaviour).
     */
    public long splitVoteRetryMaxMs() {
        return splitVoteRetryMaxMs;
    }

    /**
     * The most PINGs a node sends per second over all the instances and sentinels it watches: with more links than
     * {@code pingPeriodMs} allows within this budget, the PING period stretches (but never beyond half of a master's
     * down-after-milliseconds), so hundreds of watched primaries stay cheap. 0 means no budget (Redis behaviour).
     */
    public long maxPingsPerSecond() {
        return maxPingsPerSecond;
    }

    /**
     * The most INFO requests a node sends per second outside failovers, over all watched masters and replicas: with
     * more instances than {@code infoPeriodMs} allows within this budget the INFO period stretches, and every INFO
     * freshness rule follows it. During ODOWN and failovers replicas are still polled every
     * {@code infoPeriodFailoverMs}. 0 means no budget (Redis behaviour).
     */
    public long maxInfosPerSecond() {
        return maxInfosPerSecond;
    }

    /**
     * Extra delay per rank before a failover try: a sentinel waits this many ms for every reachable peer with a lower
     * run id, on top of the random desync, so that the lowest-ranked sentinel normally asks first and wins without a
     * split vote. 0 disables it (Redis behaviour: random desync only).
     */
    public long failoverRankStepMs() {
        return failoverRankStepMs;
    }

    @Override
    public String toString() {
        return "Timings{ping=" + pingPeriodMs + ", info=" + infoPeriodMs + "/" + infoPeriodFailoverMs + ", hello="
                + helloPeriodMs + ", ask=" + askPeriodMs + "/" + askPeriodUntilOdownMs
                + (askOnSdown ? " (at once on sdown)" : "")
                + ", answerValidity="
                + answerValidityMs + ", desync=" + failoverDesyncMaxMs + ", electionTimeoutMax=" + electionTimeoutMaxMs
                + ", tilt=" + tiltTriggerMs + "/" + tiltPeriodMs + ", broadcastHello=" + broadcastHelloOnConfigChange
                + ", splitVoteRetryMax=" + splitVoteRetryMaxMs + ", maxPingsPerSecond=" + maxPingsPerSecond
                + ", maxInfosPerSecond=" + maxInfosPerSecond + ", rankStep=" + failoverRankStepMs + "}";
    }

    /** Builder; every setter validates its value. */
    public static final class Builder {
        private long pingPeriodMs = 50;
        private long infoPeriodMs = 1000;
        private long infoPeriodFailoverMs = 100;
        private long helloPeriodMs = 1000;
        private long askPeriodMs = 100;
        private long askPeriodUntilOdownMs = 20;
        private boolean askOnSdown = true;
        private long answerValidityMs = 5000;
        private long failoverDesyncMaxMs = 20;
        private long electionTimeoutMaxMs = 10_000;
        private long replicaReplyValidityMs = 5000;
        private long replicaReconfTimeoutMs = 10_000;
        private long tiltTriggerMs = 2000;
        private long tiltPeriodMs = 10_000;
        private boolean broadcastHelloOnConfigChange = true;
        private long convertToReplicaWaitMs = 4000;
        private int decisionLogCapacity = 1000;
        private long splitVoteRetryMaxMs = 300;
        private long maxPingsPerSecond = 1000;
        private long maxInfosPerSecond = 200;
        private long failoverRankStepMs = 40;

        private Builder() {}

        private static long positive(String name, long value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be > 0, was " + value);
            }
            return value;
        }

        /** Sets the PING period; must be > 0. */
        public Builder pingPeriodMs(long v) {
            pingPeriodMs = positive("pingPeriodMs", v);
            return this;
        }

        /** Sets the INFO period; must be > 0. */
        public Builder infoPeriodMs(long v) {
            infoPeriodMs = positive("infoPeriodMs", v);
            return this;
        }

        /** Sets the INFO period during failovers; must be > 0. */
        public Builder infoPeriodFailoverMs(long v) {
            infoPeriodFailoverMs = positive("infoPeriodFailoverMs", v);
            return this;
        }

        /** Sets the hello period; must be > 0. */
        public Builder helloPeriodMs(long v) {
            helloPeriodMs = positive("helloPeriodMs", v);
            return this;
        }

        /** Sets the ask period; must be > 0. */
        public Builder askPeriodMs(long v) {
            askPeriodMs = positive("askPeriodMs", v);
            return this;
        }

        /** Sets the ask period while the master is SDOWN but not ODOWN; must be > 0. */
        public Builder askPeriodUntilOdownMs(long v) {
            askPeriodUntilOdownMs = positive("askPeriodUntilOdownMs", v);
            return this;
        }

        /** Ask peers in the same step the master becomes SDOWN. */
        public Builder askOnSdown(boolean v) {
            askOnSdown = v;
            return this;
        }

        /** Sets the validity of peers' answers; must be > 0. */
        public Builder answerValidityMs(long v) {
            answerValidityMs = positive("answerValidityMs", v);
            return this;
        }

        /** Sets the failover start desync bound; must be >= 0. */
        public Builder failoverDesyncMaxMs(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("failoverDesyncMaxMs must be >= 0, was " + v);
            }
            failoverDesyncMaxMs = v;
            return this;
        }

        /** Sets the election timeout cap; must be > 0. */
        public Builder electionTimeoutMaxMs(long v) {
            electionTimeoutMaxMs = positive("electionTimeoutMaxMs", v);
            return this;
        }

        /** Sets the replica reply/INFO validity for promotion; must be > 0. */
        public Builder replicaReplyValidityMs(long v) {
            replicaReplyValidityMs = positive("replicaReplyValidityMs", v);
            return this;
        }

        /** Sets the replica reconfiguration timeout; must be > 0. */
        public Builder replicaReconfTimeoutMs(long v) {
            replicaReconfTimeoutMs = positive("replicaReconfTimeoutMs", v);
            return this;
        }

        /** Sets the TILT trigger; must be > 0. */
        public Builder tiltTriggerMs(long v) {
            tiltTriggerMs = positive("tiltTriggerMs", v);
            return this;
        }

        /** Sets the TILT period; must be > 0. */
        public Builder tiltPeriodMs(long v) {
            tiltPeriodMs = positive("tiltPeriodMs", v);
            return this;
        }

        /** Broadcast a hello at once when a config epoch changes. */
        public Builder broadcastHelloOnConfigChange(boolean v) {
            broadcastHelloOnConfigChange = v;
            return this;
        }

        /** Sets the wait before converting a replica that reports master; must be > 0. */
        public Builder convertToReplicaWaitMs(long v) {
            convertToReplicaWaitMs = positive("convertToReplicaWaitMs", v);
            return this;
        }

        /** Sets the decision log capacity; must be > 0. */
        /** See {@link Timings#splitVoteRetryMaxMs()}; 0 disables the early retry. */
        public Builder splitVoteRetryMaxMs(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("splitVoteRetryMaxMs must be >= 0, was " + v);
            }
            splitVoteRetryMaxMs = v;
            return this;
        }

        /** See {@link Timings#failoverRankStepMs()}; 0 disables the rank stagger. */
        public Builder failoverRankStepMs(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("failoverRankStepMs must be >= 0, was " + v);
            }
            failoverRankStepMs = v;
            return this;
        }

        /** See {@link Timings#maxInfosPerSecond()}; 0 disables the budget. */
        public Builder maxInfosPerSecond(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxInfosPerSecond must be >= 0, was " + v);
            }
            maxInfosPerSecond = v;
            return this;
        }

        /** See {@link Timings#maxPingsPerSecond()}; 0 disables the budget. */
        public Builder maxPingsPerSecond(long v) {
            if (v < 0) {
                throw new IllegalArgumentException("maxPingsPerSecond must be >= 0, was " + v);
            }
            maxPingsPerSecond = v;
            return this;
        }

        public Builder decisionLogCapacity(int v) {
            decisionLogCapacity = (int) positive("decisionLogCapacity", v);
            return this;
        }

        /**
         * Builds the timings, checking cross-field rules.
         *
         * @return timings
         */
        public Timings build() {
            if (answerValidityMs < askPeriodMs) {
                throw new IllegalArgumentException("answerValidityMs = " + answerValidityMs + " < askPeriodMs = "
                        + askPeriodMs + ": answers would expire before the next question");
            }
            if (tiltPeriodMs < tiltTriggerMs) {
                throw new IllegalArgumentException(
                        "tiltPeriodMs = " + tiltPeriodMs + " < tiltTriggerMs = " + tiltTriggerMs);
            }
            return new Timings(this);
        }
    }
}

package io.vigil.election;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The pure Sentinel core of one node: no I/O, no threads, no wall clock. The wiring layer constructs it with a
 * clock, a seeded (or secure) random source and the last durable state, feeds it inputs, calls {@link #tick()}
 * regularly (every 10 ms is ideal; at least every 50 ms with Vigil timings, whose PING period is 50 ms) and
 * performs the returned {@link Action}s in order. Not thread-safe: drive it from one event loop.
 *
 * <p>Durability barrier: whenever a step changes the durable state (epoch, vote, config epoch, known instances),
 * the returned list starts with a {@link Action.Persist}; every other action produced from then on is held inside
 * the node and released by {@link #durableStateSaved(long)}. A vote reply therefore cannot leave before the vote is
 * on disk.
 */
public final class SentinelNode {

    private final Address announce;
    private final String myId;
    private final Timings timings;
    private final LongSupplier clock;
    private final long startedAt;
    private final RandomGenerator random;
    private final DecisionLog decisions;
    private final Map<String, MasterState> masters = new LinkedHashMap<>();

    private long currentEpoch;
    private long now;
    private long lastStep = Long.MIN_VALUE;
    private boolean tilt;
    private long tiltSince = -1;

    private boolean dirty;
    private int watchedLinks;
    private int watchedInstances;
    private final DurabilityBarrier barrier = new DurabilityBarrier();
    private List<Action> out;
    private boolean inStep;
    private Consumer<Decision> decisionListener = d -> {};

    /**
     * Builds a node from its last durable state (use {@link DurableState#fresh(String)} the first time).
     *
     * @param announce the address this node announces in hellos
     * @param state the last durable state
     * @param timings timing profile
     * @param clock node clock in milliseconds (monotonic preferred; jumps cause TILT)
     * @param random random source for the failover desync (seed it in tests)
     */
    public SentinelNode(
            Address announce, DurableState state, Timings timings, LongSupplier clock, RandomGenerator random) {
        this.announce = announce;
        this.myId = state.myId();
        this.timings = timings;
        this.clock = clock;
        this.startedAt = clock.getAsLong();
        this.random = random;
        this.decisions = new DecisionLog(timings.decisionLogCapacity());
        this.currentEpoch = state.currentEpoch();
        long t = clock.getAsLong();
        this.now = t;
        for (DurableState.MasterRecord r : state.masters()) {
            MasterState m = new MasterState(r.settings(), t);
            m.configEpoch = r.configEpoch();
            m.leader = r.leader();
            m.leaderEpoch = r.leaderEpoch();
            for (Address a : r.knownReplicas()) {
                m.replicas.put(a, new ReplicaState(a, t));
            }
            for (DurableState.KnownSentinel s : r.knownSentinels()) {
                m.peers.put(s.runId(), new PeerState(s.runId(), s.address(), t));
            }
            masters.put(r.settings().name(), m);
        }
    }

    // ------------------------------------------------------------------ accessors

    /** Returns this node's run id. */
    public String myId() {
        return myId;
    }

    /** Returns the address announced in hellos. */
    public Address announce() {
        return announce;
    }

    /** Returns the current epoch (in memory; it is durable once the matching Persist completed). */
    public long currentEpoch() {
        return currentEpoch;
    }

    /** Returns true while in TILT. */
    public boolean tilt() {
        return tilt;
    }

    /** Returns the timings. */
    public Timings timings() {
        return timings;
    }

    /** Returns the decision log. */
    public List<Decision> decisions() {
        return decisions.entries();
    }

    /**
     * Registers a listener called synchronously with every decision as it is logged (for streaming to logs or the
     * API). It must not call back into this node's input methods.
     *
     * @param listener the listener
     */
    public void onDecision(Consumer<Decision> listener) {
        this.decisionListener = listener == null ? d -> {} : listener;
    }

    /**
     * Returns the durable state as it is in memory now. During RECONF_SLAVES the master address is already the
     * promoted replica's (as Redis writes it), so that the config epoch and the address it belongs to are persisted
     * together: a leader restarted mid-failover must not announce the new config epoch with the old address.
     */
    public DurableState durableState() {
        List<DurableState.MasterRecord> records = new ArrayList<>();
        for (MasterState m : masters.values()) {
            List<DurableState.KnownSentinel> sentinels = new ArrayList<>();
            for (PeerState p : m.peers.values()) {
                sentinels.add(new DurableState.KnownSentinel(p.address, p.runId));
            }
            Address current = m.currentAddress();
            List<Address> replicas = new ArrayList<>();
            for (Address a : m.replicas.keySet()) {
                if (!a.equals(current)) {
                    replicas.add(a);
                }
            }
            if (!current.equals(m.address())) {
                replicas.add(m.address());
            }
            records.add(new DurableState.MasterRecord(
                    m.settings.withAddress(current), m.configEpoch, m.leader, m.leaderEpoch, replicas, sentinels));
        }
        return new DurableState(myId, currentEpoch, records);
    }

    /** Returns true while a Persist has not been confirmed and actions are held. */
    public boolean persistPending() {
        return barrier.pending();
    }

    /**
     * GET-MASTER-ADDR-BY-NAME: the promoted replica as soon as it is promoted, else the monitored address.
     *
     * @param name master name
     * @return the address, or null for an unknown name
     */
    public Address masterAddress(String name) {
        MasterState m = masters.get(name);
        return m == null ? null : m.currentAddress();
    }

    /** Returns the names of the monitored masters, in MONITOR order. */
    public List<String> masterNames() {
        return new ArrayList<>(masters.keySet());
    }

    // ------------------------------------------------------------------ inputs

    /**
     * Advances timers: schedules PING/INFO/hello, evaluates SDOWN/ODOWN, runs failovers, handles TILT.
     *
     * @return actions to perform
     */
    public List<Action> tick() {
        begin();
        watchedLinks = 0;
        watchedInstances = 0;
        for (MasterState m : masters.values()) {
            watchedLinks += 1 + m.replicas.size() + m.peers.size();
            watchedInstances += 1 + m.replicas.size();
        }
        for (MasterState m : new ArrayList<>(masters.values())) {
            step(m);
        }
        return finish();
    }

    /**
     * A PING reply (or error reply) from an instance or peer.
     *
     * @param master master name the PING was sent for
     * @param from the instance
     * @param reply classified reply ({@link PingReply#classify(String)})
     * @return actions
     */
    public List<Action> onPingReply(String master, Address from, PingReply reply) {
        begin();
        MasterState m = masters.get(master);
        if (m != null) {
            Link l = m.linkOf(from);
            if (l != null) {
                l.pingReply(now, reply);
            }
            step(m);
        }
        return finish();
    }

    /**
     * The link to an instance connected or disconnected.
     *
     * @param master master name
     * @param instance instance or peer address
     * @param up connected
     * @return actions
     */
    public List<Action> onLinkState(String master, Address instance, boolean up) {
        begin();
        MasterState m = masters.get(master);
        if (m != null) {
            Link l = m.linkOf(instance);
            if (l != null) {
                if (up && l.disconnected) {
                    l.pendingPingSince = -1;
                    l.lastAvail = Math.max(l.lastAvail, now);
                }
                l.disconnected = !up;
            }
            step(m);
        }
        return finish();
    }

    /**
     * A parsed INFO reply.
     *
     * @param master master name the INFO was requested for
     * @param from the instance
     * @param info parsed fields
     * @return actions
     */
    public List<Action> onInfo(String master, Address from, InfoObservation info) {
        begin();
        MasterState m = masters.get(master);
        if (m != null) {
            if (from.equals(m.address())) {
                masterInfo(m, info);
            } else {
                ReplicaState r = m.replicas.get(from);
                if (r != null) {
                    replicaInfo(m, r, info);
                }
            }
            step(m);
        }
        return finish();
    }

    /**
     * A hello payload received on {@code __sentinel__:hello} (from an instance or published to this node).
     *
     * @param payload the message
     * @return actions
     * @throws IllegalArgumentException when the payload is malformed (nothing changed)
     */
    public List<Action> onHello(String payload) {
        return onHello(Hello.parse(payload));
    }

    /**
     * A parsed hello.
     *
     * @param h hello
     * @return actions
     */
    public List<Action> onHello(Hello h) {
        begin();
        MasterState m = masters.get(h.masterName());
        if (m != null && !h.runId().equals(myId)) {
            hello(m, h);
            step(m);
        }
        return finish();
    }

    /**
     * {@code SENTINEL IS-MASTER-DOWN-BY-ADDR ip port epoch runid|*} from a peer. The reply is an
     * {@link Action.IsMasterDownAnswer} with the same request id; when the request granted a vote, it comes after a
     * {@link Action.Persist} and is released by {@link #durableStateSaved(long)}.
     *
     * @param requestId the wiring's id for the reply
     * @param ip master ip
     * @param port master port
     * @param requestEpoch the asker's epoch
     * @param runIdOrStar the asker's run id (asks for a vote) or {@code *}
     * @return actions
     */
    public List<Action> onIsMasterDownRequest(
            long requestId, String ip, int port, long requestEpoch, String runIdOrStar) {
        begin();
        MasterState m = null;
        for (MasterState c : masters.values()) {
            if (c.address().host().equals(ip) && c.address().port() == port) {
                m = c;
                break;
            }
        }
        if (m == null) {
            out.add(new Action.IsMasterDownAnswer(null, requestId, false, "*", 0));
            return finish();
        }
        boolean down = m.link.sdown && !tilt;
        String leader = "*";
        long leaderEpoch = 0;
        if (!"*".equals(runIdOrStar)) {
            VotePolicy.Decision d = VotePolicy.decide(currentEpoch, m.leader, m.leaderEpoch, requestEpoch, runIdOrStar);
            raiseEpoch(d.currentEpoch(), m, "vote request from " + runIdOrStar);
            if (d.outcome() == VotePolicy.Outcome.GRANTED && d.leaderEpoch() != m.leaderEpoch) {
                m.leader = d.leader();
                m.leaderEpoch = d.leaderEpoch();
                dirty = true;
                event(m, "+vote-for-leader", m.leader + " " + m.leaderEpoch);
                log(m, DecisionKind.VOTE_GRANTED, m.leaderEpoch, runIdOrStar, d.reason());
                if (!runIdOrStar.equals(myId)) {
                    m.votedForOtherAt = now;
                    long delay = random.nextLong(timings.failoverDesyncMaxMs() + 1);
                    m.nextTryAt = Math.max(m.nextTryAt, now + delay + 2 * m.settings.failoverTimeoutMs());
                }
            } else if (d.outcome() != VotePolicy.Outcome.GRANTED) {
                log(m, DecisionKind.VOTE_REFUSED, requestEpoch, runIdOrStar, d.reason());
            }
            leader = d.leader() == null ? "*" : d.leader();
            leaderEpoch = d.leaderEpoch();
        }
        out.add(new Action.IsMasterDownAnswer(m.name(), requestId, down, leader, leaderEpoch));
        return finish();
    }

    /**
     * A peer's reply to this node's IS-MASTER-DOWN-BY-ADDR.
     *
     * @param master master name
     * @param peerRunId the peer
     * @param askedAbout the master address of the request ({@link Action.AskMasterDown#masterAddress()}); a reply
     *     about an address the master no longer has (a failover happened meanwhile) is ignored
     * @param down the peer sees the master down
     * @param leader the peer's voted leader, or {@code *}
     * @param leaderEpoch epoch of that vote
     * @return actions
     */
    public List<Action> onIsMasterDownReply(
            String master, String peerRunId, Address askedAbout, boolean down, String leader, long leaderEpoch) {
        begin();
        MasterState m = masters.get(master);
        PeerState p = m == null || !m.address().equals(askedAbout) ? null : m.peers.get(peerRunId);
        if (m != null && p == null && m.peers.containsKey(peerRunId)) {
            log(
                    m,
                    DecisionKind.VOTE_RECEIVED,
                    leaderEpoch,
                    peerRunId,
                    "ignored a late reply about " + askedAbout + ": the master is now " + m.address());
        }
        if (p != null) {
            p.masterDown = down;
            p.lastDownReply = now;
            if (!"*".equals(leader) && (!leader.equals(p.leader) || leaderEpoch != p.leaderEpoch)) {
                p.leader = leader;
                p.leaderEpoch = leaderEpoch;
                log(m, DecisionKind.VOTE_RECEIVED, leaderEpoch, peerRunId, "voted for " + leader);
            }
            step(m);
        }
        return finish();
    }

    /**
     * Same as {@link #onIsMasterDownReply(String, String, Address, boolean, String, long)} with the master's current
     * address. Kept for callers written against the first API; it cannot tell a late reply about a former address
     * from a fresh one, so pass {@link Action.AskMasterDown#masterAddress()} instead.
     *
     * @param master master name
     * @param peerRunId the peer
     * @param down the peer sees the master down
     * @param leader the peer's voted leader, or {@code *}
     * @param leaderEpoch epoch of that vote
     * @return actions
     * @deprecated use the overload with the address the question was about
     */
    @Deprecated
    public List<Action> onIsMasterDownReply(
            String master, String peerRunId, boolean down, String leader, long leaderEpoch) {
        MasterState m = masters.get(master);
        Address current = m == null ? null : m.address();
        return onIsMasterDownReply(master, peerRunId, current, down, leader, leaderEpoch);
    }

    /**
     * The Persist with this token (and every earlier one) is durable: releases the actions held behind it.
     *
     * @param token the token of the completed {@link Action.Persist}
     * @return the released actions, in order
     */
    public List<Action> durableStateSaved(long token) {
        barrier.saved(token);
        begin();
        return finish();
    }

    // ------------------------------------------------------------------ commands

    /**
     * {@code SENTINEL MONITOR}.
     *
     * @param settings master settings
     * @return outcome
     */
    public CommandOutcome monitor(MasterSettings settings) {
        begin();
        if (masters.containsKey(settings.name())) {
            return outcome(CommandOutcome.Status.DUPLICATE, "Duplicated master name", 0);
        }
        MasterState m = new MasterState(settings, now);
        m.leaderEpoch = currentEpoch;
        masters.put(settings.name(), m);
        dirty = true;
        event(m, "+monitor", EventFormat.master(m.name(), m.address()) + " quorum " + settings.quorum());
        return outcome(CommandOutcome.Status.OK, "monitoring", 1);
    }

    /**
     * {@code SENTINEL REMOVE}.
     *
     * @param name master name
     * @return outcome
     */
    public CommandOutcome remove(String name) {
        begin();
        MasterState m = masters.remove(name);
        if (m == null) {
            return outcome(CommandOutcome.Status.NO_SUCH_MASTER, "No such master with that name", 0);
        }
        dirty = true;
        event(m, "-monitor", EventFormat.master(m.name(), m.address()));
        return outcome(CommandOutcome.Status.OK, "removed", 1);
    }

    /**
     * {@code SENTINEL SET name option value} for the options the core owns: down-after-milliseconds,
     * failover-timeout, parallel-syncs, quorum, max-lag. Other options (auth-pass, scripts) belong to the wiring.
     *
     * @param name master name
     * @param option option name
     * @param value value
     * @return outcome
     */
    public CommandOutcome set(String name, String option, String value) {
        begin();
        MasterState m = masters.get(name);
        if (m == null) {
            return outcome(CommandOutcome.Status.NO_SUCH_MASTER, "No such master with that name", 0);
        }
        long v;
        try {
            v = Long.parseLong(value);
        } catch (NumberFormatException e) {
            return outcome(
                    CommandOutcome.Status.INVALID,
                    "Invalid argument '" + value + "' for SENTINEL SET '" + option + "': an integer is required",
                    0);
        }
        try {
            MasterSettings s = m.settings;
            switch (option.toLowerCase(java.util.Locale.ROOT)) {
                case "down-after-milliseconds" -> s = s.withDownAfterMs(v);
                case "failover-timeout" -> s = s.withFailoverTimeoutMs(v);
                case "parallel-syncs" -> s = s.withParallelSyncs(Math.toIntExact(v));
                case "quorum" -> s = s.withQuorum(Math.toIntExact(v));
                case "max-lag" -> s = s.withMaxLagBytes(v);
                default -> {
                    return outcome(
                            CommandOutcome.Status.INVALID,
                            "Invalid argument '" + option + "' for SENTINEL SET: the core handles "
                                    + "down-after-milliseconds, failover-timeout, parallel-syncs, quorum, max-lag",
                            0);
                }
            }
            m.settings = s;
        } catch (IllegalArgumentException | ArithmeticException e) {
            return outcome(CommandOutcome.Status.INVALID, e.getMessage(), 0);
        }
        dirty = true;
        event(m, "+set", EventFormat.master(m.name(), m.address()) + " " + option + " " + value);
        return outcome(CommandOutcome.Status.OK, "set", 1);
    }

    /**
     * {@code SENTINEL RESET pattern}: forgets replicas, sentinels and failover state of matching masters.
     *
     * @param pattern glob pattern ({@code *}, {@code ?}, {@code [..]})
     * @return outcome with the count
     */
    public CommandOutcome reset(String pattern) {
        begin();
        int count = 0;
        for (MasterState m : masters.values()) {
            if (Glob.matches(pattern, m.name())) {
                m.replicas.clear();
                m.peers.clear();
                resetFailover(m);
                m.link = new Link(now);
                m.odown = false;
                m.odownSince = -1;
                dirty = true;
                event(m, "+reset-master", EventFormat.master(m.name(), m.address()));
                count++;
            }
        }
        return outcome(CommandOutcome.Status.OK, Integer.toString(count), count);
    }

    /**
     * {@code SENTINEL FAILOVER name}: a forced failover, no ODOWN or election needed.
     *
     * @param name master name
     * @return outcome (OK, INPROG, NOGOODSLAVE, NO_SUCH_MASTER)
     */
    public CommandOutcome failover(String name) {
        return failover(name, null);
    }

    /**
     * {@code SENTINEL FAILOVER name} with an explicit, audited override of the max-lag guard.
     *
     * @param name master name
     * @param maxLagOverrideReason non-null to admit replicas the max-lag guard would refuse; logged
     * @return outcome
     */
    public CommandOutcome failover(String name, String maxLagOverrideReason) {
        begin();
        MasterState m = masters.get(name);
        if (m == null) {
            return outcome(CommandOutcome.Status.NO_SUCH_MASTER, "No such master with that name", 0);
        }
        if (m.failoverState.inProgress()) {
            return outcome(CommandOutcome.Status.INPROG, "Failover already in progress", 0);
        }
        boolean override = maxLagOverrideReason != null;
        ReplicaRanking.Ranking ranking = rank(m, override);
        if (ranking.best() == null) {
            for (ReplicaRanking.Exclusion e : ranking.excluded()) {
                log(m, DecisionKind.REPLICA_SKIPPED, 0, e.address().toString(), e.reason());
            }
            return outcome(CommandOutcome.Status.NOGOODSLAVE, "No suitable replica to promote", 0);
        }
        if (override) {
            log(m, DecisionKind.MAX_LAG, 0, null, "operator override of max-lag: " + maxLagOverrideReason);
        }
        m.overrideMaxLag = override;
        startFailover(m, true, "SENTINEL FAILOVER requested by the operator");
        return outcome(CommandOutcome.Status.OK, "failover started", 1);
    }

    // ------------------------------------------------------------------ read model

    /**
     * Read model of every master.
     *
     * @return snapshot
     */
    public NodeSnapshot snapshot() {
        List<MasterView> views = new ArrayList<>();
        for (MasterState m : masters.values()) {
            views.add(ReadModel.view(m));
        }
        return new NodeSnapshot(clock.getAsLong(), myId, currentEpoch, tilt, tiltSince, views);
    }

    /**
     * Read model of one master.
     *
     * @param name master name
     * @return the view, or null for an unknown name
     */
    public MasterView master(String name) {
        MasterState m = masters.get(name);
        return m == null ? null : ReadModel.view(m);
    }

    /**
     * {@code SENTINEL CKQUORUM name}.
     *
     * @param name master name
     * @return the answer, or null for an unknown name
     */
    public CkQuorum ckquorum(String name) {
        MasterState m = masters.get(name);
        return m == null ? null : ReadModel.ckquorum(m);
    }

    // ------------------------------------------------------------------ step machinery

    private void begin() {
        if (inStep) {
            throw new IllegalStateException("SentinelNode is not re-entrant: an input arrived during a step");
        }
        inStep = true;
        out = new ArrayList<>();
        now = clock.getAsLong();
        TiltPolicy.Result r = TiltPolicy.evaluate(lastStep, now, tilt, tiltSince, timings);
        lastStep = now;
        switch (r.verdict()) {
            case ENTER -> {
                if (!tilt) {
                    out.add(new Action.PublishEvent(null, "+tilt", "#tilt mode entered"));
                }
                tilt = true;
                tiltSince = now;
                log(null, DecisionKind.TILT, 0, null, "entered: " + r.reason());
                resetAllTimers();
            }
            case EXIT -> {
                tilt = false;
                out.add(new Action.PublishEvent(null, "-tilt", "#tilt mode exited"));
                log(null, DecisionKind.TILT, 0, null, "exited: " + r.reason());
                resetAllTimers();
            }
            case NORMAL, STAY -> {}
        }
    }

    private List<Action> finish() {
        List<Action> produced = out;
        out = null;
        inStep = false;
        Action.Persist persist = null;
        if (dirty) {
            dirty = false;
            persist = barrier.issue(durableState());
        }
        return barrier.pass(persist, produced);
    }

    private CommandOutcome outcome(CommandOutcome.Status status, String detail, long count) {
        return new CommandOutcome(status, detail, count, finish());
    }

    private void resetAllTimers() {
        for (MasterState m : masters.values()) {
            m.link.resetTimers(now);
            for (ReplicaState r : m.replicas.values()) {
                r.link.resetTimers(now);
            }
            for (PeerState p : m.peers.values()) {
                p.link.resetTimers(now);
            }
        }
    }

    private void step(MasterState m) {
        schedule(m);
        if (tilt) {
            return;
        }
        checkSdown(m);
        for (ReplicaState r : m.replicas.values()) {
            checkSdown(m, r.link, EventFormat.replica(r.address, m.name(), m.address()), false);
        }
        for (PeerState p : m.peers.values()) {
            checkSdown(m, p.link, EventFormat.sentinel(p.runId, p.address, m.name(), m.address()), false);
        }
        askPeers(m, false);
        grantLease(m);
        checkOdown(m);
        if (m.failoverState == FailoverState.NONE) {
            maybeStartFailover(m);
        } else {
            runFailover(m);
        }
        schedule(m);
    }

    // ------------------------------------------------------------------ monitoring

    /**
     * The PING period with the probe budget applied: with many watched links the period stretches so that the
     * node sends at most {@link Timings#maxPingsPerSecond()} PINGs a second in all.
     */
    private long pingPeriodForLoad() {
        long budget = timings.maxPingsPerSecond();
        if (budget <= 0) {
            return timings.pingPeriodMs();
        }
        return Math.max(timings.pingPeriodMs(), watchedLinks * 1000L / budget);
    }

    /**
     * The INFO period outside failovers with the INFO budget applied: with many watched masters and replicas it
     * stretches so that the node asks for at most {@link Timings#maxInfosPerSecond()} INFO replies a second. Every
     * rule that judges INFO freshness uses this period.
     */
    private long infoPeriod() {
        long budget = timings.maxInfosPerSecond();
        if (budget <= 0) {
            return timings.infoPeriodMs();
        }
        return Math.max(timings.infoPeriodMs(), watchedInstances * 1000L / budget);
    }

    private void schedule(MasterState m) {
        long pingPeriod = Math.min(pingPeriodForLoad(), Math.max(1, m.settings.downAfterMs() / 2));
        pingPeriod = Math.max(Math.min(timings.pingPeriodMs(), m.settings.downAfterMs()), pingPeriod);
        Hello hello = null;
        boolean failingOver = m.odown || m.failoverState.inProgress();
        if (due(m.link.lastPingSent, pingPeriod)) {
            m.link.pingSent(now);
            out.add(new Action.Ping(m.name(), m.address()));
        }
        if (due(m.link.lastInfoSent, infoPeriod())) {
            m.link.lastInfoSent = now;
            out.add(new Action.RequestInfo(m.name(), m.address()));
        }
        if (due(m.link.lastHelloSent, timings.helloPeriodMs())) {
            m.link.lastHelloSent = now;
            hello = hello(m);
            out.add(new Action.PublishHello(m.name(), m.address(), false, hello));
        }
        for (ReplicaState r : m.replicas.values()) {
            if (due(r.link.lastPingSent, pingPeriod)) {
                r.link.pingSent(now);
                out.add(new Action.Ping(m.name(), r.address));
            }
            long infoPeriod =
                    failingOver || r.masterLinkDownMs > 0 || r.promoted ? timings.infoPeriodFailoverMs() : infoPeriod();
            if (due(r.link.lastInfoSent, infoPeriod)) {
                r.link.lastInfoSent = now;
                out.add(new Action.RequestInfo(m.name(), r.address));
            }
            if (due(r.link.lastHelloSent, timings.helloPeriodMs())) {
                r.link.lastHelloSent = now;
                hello = hello == null ? hello(m) : hello;
                out.add(new Action.PublishHello(m.name(), r.address, false, hello));
            }
        }
        for (PeerState p : m.peers.values()) {
            if (due(p.link.lastPingSent, pingPeriod)) {
                p.link.pingSent(now);
                out.add(new Action.Ping(m.name(), p.address));
            }
            if (due(p.link.lastHelloSent, timings.helloPeriodMs())) {
                p.link.lastHelloSent = now;
                hello = hello == null ? hello(m) : hello;
                out.add(new Action.PublishHello(m.name(), p.address, true, hello));
            }
        }
    }

    /**
     * Write fencing (a Vigil store feature, docs/fencing.md): while the master's current address answers, grant it a
     * lease every third of its length, at store epoch config epoch + 1, asking the store to require a majority of the
     * known sentinels, so that a minority of sentinels on a deposed master's side of a partition cannot keep it
     * writable. Two rules keep an old and a new primary from being writable at once, since any two majorities share a
     * sentinel: a sentinel grants a new address only after every lease it granted elsewhere (and, after a start,
     * any lease it may have granted before) has run out plus a margin for network delay; and while a failover it
     * voted for, or leads, may still promote a replica, it grants the old master nothing.
     */
    private void grantLease(MasterState m) {
        long lease = m.settings.writeLeaseMs();
        if (lease <= 0) {
            return;
        }
        boolean promoting = m.failoverState.inProgress() && m.currentAddress().equals(m.address());
        boolean votedForAnother = m.votedForOtherAt >= 0
                && m.leaderEpoch > m.configEpoch
                && now - m.votedForOtherAt < m.settings.failoverTimeoutMs();
        Address target = m.currentAddress();
        Link link = m.linkOf(target);
        if (promoting || votedForAnother || link == null || link.sdown || link.disconnected) {
            return;
        }
        long quiet = lease + lease / 2;
        if (m.leaseTarget == null) {
            m.leaseTarget = target;
            m.leaseAllowedAt = startedAt + quiet;
        } else if (!target.equals(m.leaseTarget)) {
            m.leaseTarget = target;
            m.leaseAllowedAt = m.lastLeaseSent < 0 ? now : m.lastLeaseSent + quiet;
            m.lastLeaseSent = -1;
        }
        if (now < m.leaseAllowedAt || !due(m.lastLeaseSent, Math.max(1, lease / 3))) {
            return;
        }
        m.lastLeaseSent = now;
        int sentinels = m.peers.size() + 1;
        out.add(new Action.GrantLease(m.name(), target, m.configEpoch + 1, lease, sentinels / 2 + 1));
    }

    private boolean due(long last, long period) {
        return last < 0 || now - last >= period;
    }

    private Hello hello(MasterState m) {
        Address a = m.currentAddress();
        return new Hello(
                announce.host(), announce.port(), myId, currentEpoch, m.name(), a.host(), a.port(), m.configEpoch);
    }

    private void broadcastHello(MasterState m) {
        if (!timings.broadcastHelloOnConfigChange()) {
            return;
        }
        m.link.lastHelloSent = -1;
        for (ReplicaState r : m.replicas.values()) {
            r.link.lastHelloSent = -1;
        }
        for (PeerState p : m.peers.values()) {
            p.link.lastHelloSent = -1;
        }
    }

    private void checkSdown(MasterState m) {
        boolean was = m.link.sdown;
        checkSdown(m, m.link, EventFormat.master(m.name(), m.address()), true);
        if (!was && m.link.sdown && timings.askOnSdown()) {
            askPeers(m, true);
        }
    }

    private void checkSdown(MasterState m, Link l, String details, boolean isMaster) {
        SdownPolicy.Result r = SdownPolicy.evaluate(new SdownPolicy.Input(
                now,
                m.settings.downAfterMs(),
                l.pendingPingSince,
                l.disconnected,
                l.lastAvail,
                isMaster,
                l.roleReported,
                l.roleReportedTime,
                infoPeriod()));
        if (r.down() && !l.sdown) {
            l.sdown = true;
            l.sdownSince = now;
            l.lastSdownAt = now;
            event(m, "+sdown", details);
            log(m, DecisionKind.SDOWN, 0, details, "+sdown: " + r.reason());
        } else if (!r.down() && l.sdown) {
            l.sdown = false;
            l.sdownSince = -1;
            event(m, "-sdown", details);
            log(m, DecisionKind.SDOWN, 0, details, "-sdown: " + r.reason());
        }
    }

    private void askPeers(MasterState m, boolean forced) {
        for (PeerState p : m.peers.values()) {
            if (p.lastDownReply >= 0 && now - p.lastDownReply > timings.answerValidityMs()) {
                p.expireAnswer();
                p.lastDownReply = -1;
            }
        }
        if (!m.link.sdown) {
            return;
        }
        boolean voting = m.failoverState == FailoverState.WAIT_START && !m.forced;
        for (PeerState p : m.peers.values()) {
            long period = m.odown ? timings.askPeriodMs() : timings.askPeriodUntilOdownMs();
            if (!forced && !due(p.lastAskSent, period)) {
                continue;
            }
            if (voting && p.leaderEpoch == m.failoverEpoch && p.leader != null && !forced) {
                continue;
            }
            p.lastAskSent = now;
            long epoch = voting ? m.failoverEpoch : currentEpoch;
            out.add(new Action.AskMasterDown(m.name(), p.runId, p.address, m.address(), epoch, voting ? myId : "*"));
        }
    }

    private void checkOdown(MasterState m) {
        int peersDown = 0;
        for (PeerState p : m.peers.values()) {
            if (p.masterDown) {
                peersDown++;
            }
        }
        OdownPolicy.Result r = OdownPolicy.evaluate(m.link.sdown, peersDown, m.settings.quorum());
        String details = EventFormat.master(m.name(), m.address());
        if (r.odown() && !m.odown) {
            m.odown = true;
            m.odownSince = now;
            event(m, "+odown", details + " " + r.reason());
            log(m, DecisionKind.ODOWN, currentEpoch, null, "+odown " + r.reason());
        } else if (!r.odown() && m.odown) {
            m.odown = false;
            m.odownSince = -1;
            event(m, "-odown", details);
            log(m, DecisionKind.ODOWN, currentEpoch, null, "-odown: " + r.reason());
        }
    }

    // ------------------------------------------------------------------ INFO

    private void observeRole(MasterState m, Link l, InfoObservation info, String details) {
        l.infoRefresh = now;
        if (info.runId() != null) {
            if (l.runId != null && !l.runId.equals(info.runId())) {
                event(m, "+reboot", details);
            }
            l.runId = info.runId();
        }
        if (info.role() != l.roleReported) {
            boolean first = l.roleReported == ReportedRole.UNKNOWN;
            l.roleReported = info.role();
            l.roleReportedTime = now;
            if (!first) {
                event(
                        m,
                        "+role-change",
                        details + " new reported role is " + info.role().infoName());
            }
        }
    }

    private void masterInfo(MasterState m, InfoObservation info) {
        observeRole(m, m.link, info, EventFormat.master(m.name(), m.address()));
        if (info.role() != ReportedRole.MASTER) {
            return;
        }
        m.bestMasterOffset = Math.max(m.bestMasterOffset, info.masterReplOffset());
        for (InfoObservation.ReplicaEntry e : info.replicas()) {
            Address a;
            try {
                a = new Address(e.ip(), e.port());
            } catch (IllegalArgumentException bad) {
                continue;
            }
            if (a.equals(m.address()) || m.replicas.containsKey(a)) {
                continue;
            }
            m.replicas.put(a, new ReplicaState(a, now));
            dirty = true;
            String details = EventFormat.replica(a, m.name(), m.address());
            event(m, "+slave", details);
        }
    }

    private void replicaInfo(MasterState m, ReplicaState r, InfoObservation info) {
        String details = EventFormat.replica(r.address, m.name(), m.address());
        observeRole(m, r.link, info, details);
        if (info.role() == ReportedRole.REPLICA) {
            if (!r.pointsAt(new Address(safeHost(info.masterHost()), Math.max(1, info.masterPort())))) {
                r.slaveConfChangeTime = now;
            }
            r.masterHost = info.masterHost();
            r.masterPort = info.masterPort();
            r.masterLinkUp = info.masterLinkUp();
            r.masterLinkDownMs = info.masterLinkUp() ? 0 : info.masterLinkDownSinceSeconds() * 1000;
            r.offset = info.replicaReplOffset();
        }
        r.priority = info.replicaPriority();
        r.announced = info.replicaAnnounced();
        if (tilt) {
            return;
        }
        if (info.role() == ReportedRole.MASTER) {
            if (m.failoverState == FailoverState.WAIT_PROMOTION && r == m.promoted) {
                promoted(m, r, details);
            } else if (!r.promoted) {
                maybeReconfigure(
                        m, r, timings.convertToReplicaWaitMs(), "+convert-to-slave", details, r.link.roleReportedTime);
            }
            return;
        }
        if (info.role() != ReportedRole.REPLICA) {
            return;
        }
        if (m.failoverState == FailoverState.RECONF_SLAVES && m.promoted != null && r != m.promoted) {
            if (r.reconf == ReplicaState.Reconf.SENT && r.pointsAt(m.promoted.address)) {
                r.reconf = ReplicaState.Reconf.INPROG;
                event(m, "+slave-reconf-inprog", details);
            }
            if (r.reconf == ReplicaState.Reconf.INPROG && r.masterLinkUp) {
                r.reconf = ReplicaState.Reconf.DONE;
                event(m, "+slave-reconf-done", details);
            }
        }
        if (r.reconf == ReplicaState.Reconf.NONE && !m.failoverState.inProgress() && !r.pointsAt(m.address())) {
            maybeReconfigure(m, r, m.settings.failoverTimeoutMs(), "+fix-slave-config", details, r.slaveConfChangeTime);
        }
    }

    private static String safeHost(String host) {
        return host == null || host.isBlank() ? "?" : host;
    }

    private void maybeReconfigure(
            MasterState m, ReplicaState r, long wait, String eventName, String details, long since) {
        if (!masterLooksSane(m)) {
            return;
        }
        if (now - since <= wait || !r.link.noDownFor(now, wait)) {
            return;
        }
        if (r.lastReconfigureSent >= 0 && now - r.lastReconfigureSent < Math.max(1000, infoPeriod())) {
            return;
        }
        r.lastReconfigureSent = now;
        out.add(new Action.Reconfigure(m.name(), r.address, m.address(), eventName));
        event(m, eventName, details);
        log(
                m,
                DecisionKind.RECONFIGURE,
                m.configEpoch,
                r.address.toString(),
                eventName + ": reports "
                        + (r.link.roleReported == ReportedRole.MASTER
                                ? "role master"
                                : "master " + r.masterHost + ":" + r.masterPort)
                        + ", pointing it at " + m.address());
    }

    private boolean masterLooksSane(MasterState m) {
        return !m.link.sdown
                && !m.odown
                && m.link.roleReported == ReportedRole.MASTER
                && m.link.infoRefresh >= 0
                && now - m.link.infoRefresh < 2 * infoPeriod() + timings.pingPeriodMs();
    }

    // ------------------------------------------------------------------ hello

    private void hello(MasterState m, Hello h) {
        PeerState p = m.peers.get(h.runId());
        if (p == null) {
            PeerState sameAddress = m.peerByAddress(h.sender());
            if (sameAddress != null) {
                m.peers.remove(sameAddress.runId);
            }
            p = new PeerState(h.runId(), h.sender(), now);
            m.peers.put(h.runId(), p);
            dirty = true;
            event(m, "+sentinel", EventFormat.sentinel(p.runId, p.address, m.name(), m.address()));
        } else if (!p.address.equals(h.sender())) {
            p.address = h.sender();
            dirty = true;
        }
        p.lastHelloReceived = now;
        raiseEpoch(h.currentEpoch(), m, "hello from " + h.runId());
        if (h.masterConfigEpoch() > m.configEpoch) {
            m.configEpoch = h.masterConfigEpoch();
            dirty = true;
            Address to = h.masterAddress();
            if (!to.equals(m.address())) {
                Address from = m.address();
                event(m, "+config-update-from", EventFormat.sentinel(p.runId, p.address, m.name(), from));
                event(m, "+switch-master", EventFormat.switchMaster(m.name(), from, to));
                log(
                        m,
                        DecisionKind.SWITCH_MASTER,
                        h.masterConfigEpoch(),
                        h.runId(),
                        "config epoch " + h.masterConfigEpoch() + " from hello: " + from + " -> " + to);
                changeAddress(m, to);
            }
            broadcastHello(m);
        }
    }

    private void raiseEpoch(long epoch, MasterState m, String why) {
        if (epoch > currentEpoch) {
            currentEpoch = epoch;
            dirty = true;
            event(m, "+new-epoch", Long.toString(epoch));
            log(m, DecisionKind.EPOCH, epoch, null, "current epoch raised: " + why);
        }
    }

    private void changeAddress(MasterState m, Address to) {
        Address from = m.address();
        List<Address> keep = new ArrayList<>();
        for (Address a : m.replicas.keySet()) {
            if (!a.equals(to)) {
                keep.add(a);
            }
        }
        if (!from.equals(to) && !keep.contains(from)) {
            keep.add(from);
        }
        resetFailover(m);
        m.settings = m.settings.withAddress(to);
        m.link = new Link(now);
        m.replicas.clear();
        for (Address a : keep) {
            m.replicas.put(a, new ReplicaState(a, now));
        }
        m.odown = false;
        m.odownSince = -1;
        m.bestMasterOffset = -1;
        for (PeerState p : m.peers.values()) {
            p.expireAnswer();
            p.lastDownReply = -1;
        }
        dirty = true;
    }

    private void resetFailover(MasterState m) {
        if (m.failoverState != FailoverState.NONE) {
            m.moveTo(FailoverState.NONE, now);
        }
        m.promoted = null;
        m.forced = false;
        m.overrideMaxLag = false;
        m.tryAt = -1;
        for (ReplicaState r : m.replicas.values()) {
            r.promoted = false;
            r.reconf = ReplicaState.Reconf.NONE;
            r.reconfSentTime = -1;
        }
    }

    // ------------------------------------------------------------------ failover

    private void maybeStartFailover(MasterState m) {
        if (!m.odown) {
            m.tryAt = -1;
            m.lastNotStartedReason = null;
            return;
        }
        if (now < m.nextTryAt) {
            notStarted(
                    m,
                    "a failover was tried or a vote was given recently: next try allowed at " + m.nextTryAt
                            + " (2 x failover-timeout)");
            return;
        }
        if (m.tryAt < 0) {
            m.tryAt = now + rankDelay(m) + random.nextLong(timings.failoverDesyncMaxMs() + 1);
        }
        if (now < m.tryAt) {
            return;
        }
        startFailover(m, false, "master is ODOWN");
    }

    /**
     * Staggers the start of a failover by rank so that one sentinel normally asks first and the others, receiving
     * its vote request before their own timer fires, vote for it instead of splitting the vote: the rank is the
     * number of reachable peers (not SDOWN) with a lower run id, times {@link Timings#failoverRankStepMs()}.
     */
    private long rankDelay(MasterState m) {
        long step = timings.failoverRankStepMs();
        if (step <= 0) {
            return 0;
        }
        int rank = 0;
        for (PeerState p : m.peers.values()) {
            if (!p.link.sdown && p.runId.compareTo(myId) < 0) {
                rank++;
            }
        }
        return rank * step;
    }

    private void notStarted(MasterState m, String reason) {
        if (!reason.equals(m.lastNotStartedReason)) {
            m.lastNotStartedReason = reason;
            log(m, DecisionKind.FAILOVER_NOT_STARTED, currentEpoch, null, reason);
        }
    }

    private void startFailover(MasterState m, boolean forced, String why) {
        long epoch = currentEpoch + 1;
        raiseEpoch(epoch, m, "starting a failover");
        m.failoverEpoch = epoch;
        m.leader = myId;
        m.leaderEpoch = epoch;
        dirty = true;
        m.moveTo(FailoverState.WAIT_START, now);
        m.failoverStartTime = now;
        m.nextTryAt = now + 2 * m.settings.failoverTimeoutMs();
        m.forced = forced;
        m.tryAt = -1;
        m.lastNotStartedReason = null;
        String details = EventFormat.master(m.name(), m.address());
        event(m, "+try-failover", details);
        event(m, "+vote-for-leader", myId + " " + epoch);
        log(m, DecisionKind.FAILOVER_STARTED, epoch, myId, why + (forced ? " (forced: no vote needed)" : ""));
        if (!forced) {
            askPeers(m, true);
        }
        runFailover(m);
    }

    private void runFailover(MasterState m) {
        String details = EventFormat.master(m.name(), m.address());
        if (m.failoverState == FailoverState.WAIT_START) {
            if (!waitStart(m, details)) {
                return;
            }
        }
        if (m.failoverState == FailoverState.SELECT_SLAVE) {
            if (!selectSlave(m, details)) {
                return;
            }
        }
        if (m.failoverState == FailoverState.SEND_SLAVEOF_NOONE) {
            sendSlaveofNoOne(m, details);
            return;
        }
        if (m.failoverState == FailoverState.WAIT_PROMOTION) {
            if (now - m.failoverStateChangeTime > m.settings.failoverTimeoutMs()) {
                abort(
                        m,
                        "-failover-abort-slave-timeout",
                        "promoted replica " + m.promoted.address
                                + " did not report role:master within failover-timeout");
            } else if (now - m.lastPromotionSent >= 1000 && !m.promoted.link.disconnected) {
                m.lastPromotionSent = now;
                out.add(new Action.Reconfigure(m.name(), m.promoted.address, null, "+failover-state-wait-promotion"));
            }
            return;
        }
        if (m.failoverState == FailoverState.RECONF_SLAVES) {
            reconfNext(m);
            detectEnd(m, details);
        }
        if (m.failoverState == FailoverState.UPDATE_CONFIG) {
            Address from = m.address();
            Address to = m.promoted.address;
            event(m, "+switch-master", EventFormat.switchMaster(m.name(), from, to));
            log(
                    m,
                    DecisionKind.SWITCH_MASTER,
                    m.failoverEpoch,
                    to.toString(),
                    "failover finished: " + from + " -> " + to);
            changeAddress(m, to);
            broadcastHello(m);
        }
    }

    private boolean waitStart(MasterState m, String details) {
        if (!m.forced) {
            List<LeaderTally.Vote> votes = new ArrayList<>();
            for (PeerState p : m.peers.values()) {
                votes.add(new LeaderTally.Vote(p.runId, p.leader, p.leaderEpoch));
            }
            boolean selfVote = myId.equals(m.leader) && m.leaderEpoch == m.failoverEpoch;
            LeaderTally.Result t =
                    LeaderTally.tally(myId, m.failoverEpoch, selfVote, votes, m.peers.size(), m.settings.quorum());
            if (!t.elected()) {
                long timeout = Math.min(timings.electionTimeoutMaxMs(), m.settings.failoverTimeoutMs());
                if (now - m.failoverStateChangeTime > timeout) {
                    abort(m, "-failover-abort-not-elected", "not elected within " + timeout + " ms: " + t.reason());
                } else if (timings.splitVoteRetryMaxMs() > 0 && lost(m, t)) {
                    long retry = random.nextLong(timings.splitVoteRetryMaxMs() + 1);
                    abort(
                            m,
                            "-failover-abort-not-elected",
                            "split vote in epoch " + m.failoverEpoch + ": " + t.reason()
                                    + "; every peer has voted, retrying in a new epoch after " + retry + " ms");
                    m.nextTryAt = now + retry;
                }
                return false;
            }
            log(m, DecisionKind.LEADER_ELECTED, m.failoverEpoch, myId, t.reason());
        } else {
            log(m, DecisionKind.LEADER_ELECTED, m.failoverEpoch, myId, "forced failover: no election");
        }
        event(m, "+elected-leader", details);
        m.moveTo(FailoverState.SELECT_SLAVE, now);
        event(m, "+failover-state-select-slave", details);
        log(m, DecisionKind.FAILOVER_STATE, m.failoverEpoch, null, "wait_start -> select_slave");
        return true;
    }

    /** The votes this candidate has plus those of peers that have not voted in its epoch cannot win. */
    private boolean lost(MasterState m, LeaderTally.Result t) {
        int undecided = 0;
        for (PeerState p : m.peers.values()) {
            if (p.leaderEpoch < m.failoverEpoch) {
                undecided++;
            }
        }
        return t.votes() + undecided < t.needed();
    }

    private ReplicaRanking.Ranking rank(MasterState m, boolean overrideMaxLag) {
        List<ReplicaRanking.Candidate> candidates = new ArrayList<>();
        for (ReplicaState r : m.replicas.values()) {
            candidates.add(new ReplicaRanking.Candidate(
                    r.address,
                    r.link.runId,
                    r.link.sdown,
                    r.link.disconnected,
                    r.link.lastAvail,
                    r.link.infoRefresh,
                    r.priority,
                    r.offset,
                    r.masterLinkDownMs,
                    r.announced));
        }
        long infoValidity = m.link.sdown ? timings.replicaReplyValidityMs() : 3 * infoPeriod();
        ReplicaRanking.Context ctx = new ReplicaRanking.Context(
                now,
                m.link.sdown ? m.link.sdownSince : -1,
                m.settings.downAfterMs(),
                timings.replicaReplyValidityMs(),
                infoValidity,
                m.settings.maxLagBytes(),
                m.bestMasterOffset,
                overrideMaxLag);
        return ReplicaRanking.rank(ctx, candidates);
    }

    private boolean selectSlave(MasterState m, String details) {
        ReplicaRanking.Ranking ranking = rank(m, m.overrideMaxLag);
        for (ReplicaRanking.Exclusion e : ranking.excluded()) {
            log(m, DecisionKind.REPLICA_SKIPPED, m.failoverEpoch, e.address().toString(), e.reason());
        }
        for (ReplicaRanking.Exclusion e : ranking.lagOverridden()) {
            log(m, DecisionKind.MAX_LAG, m.failoverEpoch, e.address().toString(), e.reason());
        }
        ReplicaRanking.Candidate best = ranking.best();
        if (best == null) {
            abort(
                    m,
                    "-failover-abort-no-good-slave",
                    "no replica can be promoted (" + ranking.excluded().size() + " skipped)");
            return false;
        }
        ReplicaState r = m.replicas.get(best.address());
        r.promoted = true;
        m.promoted = r;
        log(
                m,
                DecisionKind.REPLICA_SELECTED,
                m.failoverEpoch,
                r.address.toString(),
                "priority " + best.priority()
                        + ", offset " + best.offset() + ", runid " + best.runId() + " (best of "
                        + ranking.ranked().size()
                        + ")");
        event(m, "+selected-slave", EventFormat.replica(r.address, m.name(), m.address()));
        m.moveTo(FailoverState.SEND_SLAVEOF_NOONE, now);
        event(m, "+failover-state-send-slaveof-noone", EventFormat.replica(r.address, m.name(), m.address()));
        return true;
    }

    private void sendSlaveofNoOne(MasterState m, String details) {
        ReplicaState r = m.promoted;
        if (r.link.disconnected) {
            if (now - m.failoverStateChangeTime > m.settings.failoverTimeoutMs()) {
                abort(
                        m,
                        "-failover-abort-slave-timeout",
                        "promoted replica " + r.address + " stayed disconnected for failover-timeout");
            }
            return;
        }
        out.add(new Action.Reconfigure(m.name(), r.address, null, "+failover-state-wait-promotion"));
        out.add(new Action.RequestInfo(m.name(), r.address));
        r.link.lastInfoSent = now;
        m.lastPromotionSent = now;
        m.moveTo(FailoverState.WAIT_PROMOTION, now);
        event(m, "+failover-state-wait-promotion", EventFormat.replica(r.address, m.name(), m.address()));
    }

    private void promoted(MasterState m, ReplicaState r, String details) {
        m.configEpoch = m.failoverEpoch;
        dirty = true;
        if (m.settings.writeLeaseMs() > 0) {
            out.add(new Action.Fence(m.name(), m.address(), m.failoverEpoch + 1));
        }
        m.moveTo(FailoverState.RECONF_SLAVES, now);
        event(m, "+promoted-slave", details);
        event(m, "+failover-state-reconf-slaves", EventFormat.master(m.name(), m.address()));
        log(
                m,
                DecisionKind.FAILOVER_STATE,
                m.failoverEpoch,
                r.address.toString(),
                "replica reports role:master: config epoch " + m.configEpoch + ", reconfiguring replicas");
        broadcastHello(m);
    }

    private void reconfNext(MasterState m) {
        int inProgress = 0;
        for (ReplicaState r : m.replicas.values()) {
            if (r.reconf == ReplicaState.Reconf.SENT || r.reconf == ReplicaState.Reconf.INPROG) {
                inProgress++;
            }
        }
        for (ReplicaState r : m.replicas.values()) {
            if (inProgress >= m.settings.parallelSyncs()) {
                break;
            }
            if (r == m.promoted || r.reconf == ReplicaState.Reconf.DONE) {
                continue;
            }
            String details = EventFormat.replica(r.address, m.name(), m.address());
            if (r.reconf == ReplicaState.Reconf.SENT && now - r.reconfSentTime > timings.replicaReconfTimeoutMs()) {
                event(m, "-slave-reconf-sent-timeout", details);
                r.reconf = ReplicaState.Reconf.DONE;
                inProgress--;
                continue;
            }
            if (r.reconf != ReplicaState.Reconf.NONE || r.link.disconnected) {
                continue;
            }
            out.add(new Action.Reconfigure(m.name(), r.address, m.promoted.address, "+slave-reconf-sent"));
            r.reconf = ReplicaState.Reconf.SENT;
            r.reconfSentTime = now;
            event(m, "+slave-reconf-sent", details);
            inProgress++;
        }
    }

    private void detectEnd(MasterState m, String details) {
        int notReconfigured = 0;
        for (ReplicaState r : m.replicas.values()) {
            if (r != m.promoted && r.reconf != ReplicaState.Reconf.DONE && !r.link.sdown) {
                notReconfigured++;
            }
        }
        boolean timeout = now - m.failoverStateChangeTime > m.settings.failoverTimeoutMs();
        if (notReconfigured > 0 && !timeout) {
            return;
        }
        if (timeout) {
            event(m, "+failover-end-for-timeout", details);
            for (ReplicaState r : m.replicas.values()) {
                if (r != m.promoted && r.reconf == ReplicaState.Reconf.NONE) {
                    out.add(new Action.Reconfigure(m.name(), r.address, m.promoted.address, "+slave-reconf-sent"));
                }
            }
        }
        event(m, "+failover-end", details);
        m.moveTo(FailoverState.UPDATE_CONFIG, now);
        log(
                m,
                DecisionKind.FAILOVER_STATE,
                m.failoverEpoch,
                null,
                timeout ? "reconf_slaves -> update_config after failover-timeout" : "all replicas reconfigured");
    }

    private void abort(MasterState m, String eventName, String reason) {
        if (!m.failoverState.abortable()) {
            throw new IllegalStateException("cannot abort a failover in state " + m.failoverState);
        }
        event(m, eventName, EventFormat.master(m.name(), m.address()));
        log(m, DecisionKind.FAILOVER_ABORTED, m.failoverEpoch, null, eventName + ": " + reason);
        resetFailover(m);
    }

    // ------------------------------------------------------------------ output helpers

    private void event(MasterState m, String channel, String payload) {
        out.add(new Action.PublishEvent(m == null ? null : m.name(), channel, payload));
    }

    private void log(MasterState m, DecisionKind kind, long epoch, String subject, String reason) {
        Decision d = new Decision(now, m == null ? null : m.name(), kind, epoch, subject, reason);
        decisions.add(d);
        decisionListener.accept(d);
    }
}

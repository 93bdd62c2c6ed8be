package io.vigil.election.sim;

import io.vigil.election.Action;
import io.vigil.election.Address;
import io.vigil.election.Decision;
import io.vigil.election.DecisionKind;
import io.vigil.election.DurableState;
import io.vigil.election.InstanceFlag;
import io.vigil.election.MasterSettings;
import io.vigil.election.MasterView;
import io.vigil.election.PingReply;
import io.vigil.election.SentinelNode;
import io.vigil.election.Timings;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * A seeded, single-threaded world of sentinels and stores: an event queue ordered by (time, id), a network with
 * latency, loss and partition groups, disks that persist in order, process crashes and restarts, pauses and clock
 * jumps. Invariants are checked as things happen and after every event; a violation throws {@link AssertionError}
 * with the seed and the recent trace.
 */
final class SimWorld {

    static final String MASTER = "mymaster";

    private record Ev(long time, long id, Runnable run) {}

    private record Pending(
            SimSentinel asker, int incarnation, String master, String peerRunId, Address masterAddress) {}

    final long seed;
    final Random rnd;
    final Timings timings;
    final MasterSettings settings;
    final List<StoreModel> stores = new ArrayList<>();
    final List<SimSentinel> sentinels = new ArrayList<>();
    long now;
    double loss;
    long events;

    private final PriorityQueue<Ev> queue =
            new PriorityQueue<>((a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.id, b.id));
    private long nextId;
    private final Map<Address, Endpoint> byAddress = new HashMap<>();
    private final Map<Long, Pending> pending = new HashMap<>();
    /** Per-connection delivery order (TCP): a message never overtakes an earlier one on the same link. */
    private final Map<Endpoint, Map<Endpoint, Long>> fifo = new IdentityHashMap<>();

    private long nextRequest;
    private final Map<String, String> leaders = new HashMap<>();
    private final Map<String, String> votes = new HashMap<>();
    private final ArrayDeque<String> trace = new ArrayDeque<>();
    final List<String> switchEvents = new ArrayList<>();
    int failoverStarts;
    int elections;

    SimWorld(
            long seed,
            int sentinelCount,
            int storeCount,
            int quorum,
            Timings timings,
            long downAfterMs,
            long failoverTimeoutMs) {
        this(seed, sentinelCount, storeCount, quorum, timings, downAfterMs, failoverTimeoutMs, 0);
    }

    /** A world whose sentinels fence the primary's writes with leases of {@code writeLeaseMs} (0 = off). */
    SimWorld(
            long seed,
            int sentinelCount,
            int storeCount,
            int quorum,
            Timings timings,
            long downAfterMs,
            long failoverTimeoutMs,
            long writeLeaseMs) {
        this.seed = seed;
        this.rnd = new Random(seed);
        this.timings = timings;
        Address masterAddress = new Address("10.0.1.0", 6379);
        this.settings =
                new MasterSettings(MASTER, masterAddress, quorum, downAfterMs, failoverTimeoutMs, 1, -1, writeLeaseMs);
        for (int i = 0; i < storeCount; i++) {
            StoreModel s = new StoreModel(i, new Address("10.0.1." + i, 6379), runId());
            s.fencingConfigured = writeLeaseMs > 0;
            s.fencing = s.fencingConfigured;
            if (i == 0) {
                s.master = true;
            } else {
                s.replicaOf = masterAddress;
                s.linkUp = true;
            }
            stores.add(s);
            byAddress.put(s.address, s);
        }
        for (int i = 0; i < sentinelCount; i++) {
            DurableState initial = new DurableState(
                    runId(), 0, List.of(new DurableState.MasterRecord(settings, 0, null, 0, List.of(), List.of())));
            SimSentinel s = new SimSentinel(i, new Address("10.0.0." + i, 26379), initial);
            sentinels.add(s);
            byAddress.put(s.address, s);
            start(s);
        }
        schedule(10, this::storeTick);
    }

    // ------------------------------------------------------------------ queue

    void schedule(long delay, Runnable r) {
        queue.add(new Ev(now + Math.max(0, delay), nextId++, r));
    }

    void runUntil(long t) {
        while (!queue.isEmpty() && queue.peek().time <= t) {
            Ev e = queue.poll();
            now = e.time;
            events++;
            e.run.run();
            if (queue.size() > 200_000) {
                fail("the event queue holds " + queue.size() + " events: something sends without bound");
            }
            checkEpochs();
            checkOneWritablePrimary();
        }
        now = t;
    }

    String runId() {
        StringBuilder b = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            b.append(Character.forDigit(rnd.nextInt(16), 16));
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ processes

    void start(SimSentinel s) {
        s.incarnation++;
        s.paused = false;
        s.downAnswers.clear();
        if (s.saved.currentEpoch() < s.maxRevealedEpoch) {
            fail(s.name() + " restarts with epoch " + s.saved.currentEpoch() + " below epoch " + s.maxRevealedEpoch
                    + " it already revealed");
        }
        s.node = new SentinelNode(s.address, s.saved, timings, () -> now + s.clockOffset, new Random(rnd.nextLong()));
        s.lifetimeMaxEpoch = s.node.currentEpoch();
        s.node.onDecision(d -> onDecision(s, d));
        note(s.name() + " started (incarnation " + s.incarnation + ", epoch " + s.node.currentEpoch() + ")");
        int inc = s.incarnation;
        schedule(rnd.nextInt(20), () -> tickLoop(s, inc));
    }

    void crash(SimSentinel s) {
        if (s.node == null) {
            return;
        }
        note(s.name() + " crashed");
        s.node = null;
        s.incarnation++;
        s.restarts++;
    }

    private void tickLoop(SimSentinel s, int inc) {
        if (s.incarnation != inc || s.node == null) {
            return;
        }
        if (!s.paused) {
            perform(s, s.node.tick());
        }
        schedule(10 + rnd.nextInt(21), () -> tickLoop(s, inc));
    }

    void crash(StoreModel st) {
        if (!st.alive) {
            return;
        }
        note(st.name() + " crashed");
        st.alive = false;
        st.incarnation++;
    }

    void restart(StoreModel st) {
        if (st.alive) {
            return;
        }
        st.alive = true;
        st.incarnation++;
        st.runId = runId();
        st.forgetFencing();
        st.linkUp = false;
        st.linkDownSince = now;
        note(st.name() + " restarted as " + (st.master ? "master" : "replica of " + st.replicaOf));
    }

    private void storeTick() {
        for (StoreModel s : stores) {
            if (!s.alive) {
                continue;
            }
            if (s.master) {
                s.offset += 100;
                continue;
            }
            Endpoint target = byAddress.get(s.replicaOf);
            boolean up = target instanceof StoreModel t && reachable(s, t);
            if (up) {
                s.linkUp = true;
                s.linkDownSince = -1;
                s.offset = ((StoreModel) target).offset;
                s.learn(((StoreModel) target).epoch);
            } else if (s.linkUp || s.linkDownSince < 0) {
                s.linkUp = false;
                s.linkDownSince = now;
            }
        }
        schedule(10, this::storeTick);
    }

    // ------------------------------------------------------------------ network

    boolean reachable(Endpoint a, Endpoint b) {
        return a.up() && b.up() && a.group() == b.group();
    }

    private void send(Endpoint from, Endpoint to, Runnable deliver) {
        if (to == null || !reachable(from, to) || (loss > 0 && rnd.nextDouble() < loss)) {
            return;
        }
        int fromInc = from.incarnation();
        int toInc = to.incarnation();
        long latency = 1 + rnd.nextInt(4) + (rnd.nextInt(20) == 0 ? rnd.nextInt(50) : 0);
        Map<Endpoint, Long> links = fifo.computeIfAbsent(from, k -> new IdentityHashMap<>());
        long at = Math.max(now + latency, links.getOrDefault(to, 0L));
        links.put(to, at);
        schedule(at - now, () -> {
            if (to.incarnation() == toInc && from.incarnation() == fromInc && reachable(from, to)) {
                deliver.run();
            }
        });
    }

    // ------------------------------------------------------------------ actions

    void perform(SimSentinel s, List<Action> actions) {
        for (Action a : actions) {
            if (s.node == null) {
                return;
            }
            if (a instanceof Action.Persist p) {
                persist(s, p);
                continue;
            }
            reveal(s, a);
            if (a instanceof Action.Ping ping) {
                Endpoint t = byAddress.get(ping.target());
                send(
                        s,
                        t,
                        () -> send(
                                t,
                                s,
                                () -> perform(s, s.node.onPingReply(ping.master(), ping.target(), PingReply.VALID))));
            } else if (a instanceof Action.RequestInfo ri) {
                if (byAddress.get(ri.target()) instanceof StoreModel st) {
                    send(s, st, () -> {
                        var info = st.info(this);
                        send(st, s, () -> perform(s, s.node.onInfo(ri.master(), ri.target(), info)));
                    });
                }
            } else if (a instanceof Action.PublishHello h) {
                Endpoint t = byAddress.get(h.target());
                if (t instanceof SimSentinel peer) {
                    send(
                            s,
                            peer,
                            () -> perform(peer, peer.node.onHello(h.hello().format())));
                } else if (t instanceof StoreModel st) {
                    String payload = h.hello().format();
                    send(s, st, () -> {
                        for (SimSentinel x : sentinels) {
                            send(st, x, () -> perform(x, x.node.onHello(payload)));
                        }
                    });
                }
            } else if (a instanceof Action.AskMasterDown ask) {
                if (byAddress.get(ask.peer()) instanceof SimSentinel peer) {
                    long id = nextRequest++;
                    pending.put(id, new Pending(s, s.incarnation, ask.master(), ask.peerRunId(), ask.masterAddress()));
                    send(
                            s,
                            peer,
                            () -> perform(
                                    peer,
                                    peer.node.onIsMasterDownRequest(
                                            id,
                                            ask.masterAddress().host(),
                                            ask.masterAddress().port(),
                                            ask.epoch(),
                                            ask.runIdOrStar())));
                }
            } else if (a instanceof Action.IsMasterDownAnswer ans) {
                Pending p = pending.remove(ans.requestId());
                if (p == null) {
                    continue;
                }
                SimSentinel asker = p.asker();
                send(s, asker, () -> {
                    if (asker.incarnation != p.incarnation()) {
                        return;
                    }
                    asker.downAnswers
                            .computeIfAbsent(p.masterAddress(), k -> new HashMap<>())
                            .put(s.index, new long[] {ans.down() ? 1 : 0, now + asker.clockOffset});
                    perform(
                            asker,
                            asker.node.onIsMasterDownReply(
                                    p.master(),
                                    p.peerRunId(),
                                    p.masterAddress(),
                                    ans.down(),
                                    ans.leader(),
                                    ans.leaderEpoch()));
                });
            } else if (a instanceof Action.Reconfigure rc) {
                if (byAddress.get(rc.target()) instanceof StoreModel st) {
                    send(s, st, () -> {
                        note(s.name() + " reconfigured " + st.name() + " -> "
                                + (rc.replicaOf() == null ? "NO ONE" : rc.replicaOf()) + " (" + rc.reason() + ")");
                        st.applyReconfigure(rc.replicaOf(), now);
                    });
                }
            } else if (a instanceof Action.GrantLease g) {
                if (byAddress.get(g.target()) instanceof StoreModel st) {
                    String grantor = s.node.myId();
                    send(s, st, () -> {
                        st.grant(grantor, g.epoch(), g.leaseMs(), g.required(), now);
                        note(s.name() + " granted " + st.name() + " a lease at epoch " + g.epoch() + " (quorum "
                                + g.required() + "): " + (st.acceptsWrites(now) ? "writable" : "not writable"));
                    });
                }
            } else if (a instanceof Action.Fence f) {
                if (byAddress.get(f.target()) instanceof StoreModel st) {
                    send(s, st, () -> {
                        note(s.name() + " fenced " + st.name() + " at epoch " + f.epoch());
                        st.learn(f.epoch());
                    });
                }
            } else if (a instanceof Action.PublishEvent ev) {
                if (ev.channel().equals("+switch-master")
                        || ev.channel().equals("+tilt")
                        || ev.channel().equals("+odown")
                        || ev.channel().equals("+elected-leader")
                        || ev.channel().startsWith("-failover-abort")
                        || ev.channel().equals("+convert-to-slave")
                        || ev.channel().equals("+fix-slave-config")
                        || ev.channel().equals("+sdown")
                        || ev.channel().equals("+promoted-slave")) {
                    note(s.name() + " " + ev);
                }
                if (ev.channel().equals("+switch-master")) {
                    switchEvents.add(now + " " + s.name() + " " + ev.payload());
                }
            }
        }
    }

    private void persist(SimSentinel s, Action.Persist p) {
        long done = Math.max(now, s.diskFreeAt) + 1 + rnd.nextInt(3);
        s.diskFreeAt = done;
        int inc = s.incarnation;
        schedule(done - now, () -> completePersist(s, inc, p));
    }

    private void completePersist(SimSentinel s, int inc, Action.Persist p) {
        if (s.incarnation != inc || s.node == null) {
            return;
        }
        if (s.paused) {
            schedule(10, () -> completePersist(s, inc, p));
            return;
        }
        if (p.state().currentEpoch() < s.saved.currentEpoch()) {
            fail(s.name() + " durable epoch went backwards: " + s.saved.currentEpoch() + " -> "
                    + p.state().currentEpoch());
        }
        s.saved = p.state();
        perform(s, s.node.durableStateSaved(p.token()));
    }

    // ------------------------------------------------------------------ invariants

    private void reveal(SimSentinel s, Action a) {
        long epoch = -1;
        if (a instanceof Action.AskMasterDown ask) {
            epoch = ask.epoch();
            if (!"*".equals(ask.runIdOrStar())) {
                recordVote(s, ask.master(), ask.epoch(), ask.runIdOrStar());
            }
        } else if (a instanceof Action.IsMasterDownAnswer ans) {
            epoch = ans.leaderEpoch();
            if (!"*".equals(ans.leader()) && ans.master() != null) {
                recordVote(s, ans.master(), ans.leaderEpoch(), ans.leader());
            }
        } else if (a instanceof Action.PublishHello h) {
            epoch = h.hello().currentEpoch();
        }
        if (epoch > s.node.currentEpoch()) {
            fail(s.name() + " revealed epoch " + epoch + " above its current epoch " + s.node.currentEpoch());
        }
        if (epoch > s.saved.currentEpoch()) {
            fail(s.name() + " revealed epoch " + epoch + " before persisting it (durable epoch "
                    + s.saved.currentEpoch() + ") in " + a);
        }
        s.maxRevealedEpoch = Math.max(s.maxRevealedEpoch, epoch);
    }

    private void recordVote(SimSentinel s, String master, long epoch, String leader) {
        String key = s.index + "/" + master + "/" + epoch;
        String before = votes.putIfAbsent(key, leader);
        if (before != null && !before.equals(leader)) {
            fail(s.name() + " voted twice in epoch " + epoch + ": for " + before + " and for " + leader);
        }
    }

    private void onDecision(SimSentinel s, Decision d) {
        if (d.kind() == DecisionKind.REPLICA_SKIPPED
                || d.kind() == DecisionKind.FAILOVER_ABORTED
                || d.kind() == DecisionKind.TILT
                || d.kind() == DecisionKind.SWITCH_MASTER) {
            note(s.name() + " " + d.kind() + " " + d.subject() + ": " + d.reason());
        }
        if (d.kind() == DecisionKind.LEADER_ELECTED) {
            elections++;
            String key = d.master() + "/" + d.epoch();
            String before = leaders.putIfAbsent(key, s.node.myId());
            note(s.name() + " elected leader of epoch " + d.epoch() + ": " + d.reason());
            if (before != null && !before.equals(s.node.myId())) {
                fail("two leaders in epoch " + d.epoch() + ": " + before + " and " + s.name());
            }
        } else if (d.kind() == DecisionKind.FAILOVER_STARTED) {
            failoverStarts++;
            note(s.name() + " started failover epoch " + d.epoch());
            MasterView v = s.node.master(d.master());
            if (!v.flags().contains(InstanceFlag.S_DOWN)) {
                fail(s.name() + " started a failover without seeing the master SDOWN");
            }
            int agreeing = 1;
            long localNow = now + s.clockOffset;
            Map<Integer, long[]> answers =
                    s.downAnswers.getOrDefault(v.settings().address(), Map.of());
            for (long[] ans : answers.values()) {
                if (ans[0] == 1 && localNow - ans[1] <= timings.answerValidityMs()) {
                    agreeing++;
                }
            }
            if (agreeing < v.settings().quorum()) {
                fail(s.name() + " started a failover with only " + agreeing + " fresh down answers, quorum "
                        + v.settings().quorum());
            }
        }
    }

    private void checkEpochs() {
        for (SimSentinel s : sentinels) {
            if (s.node == null) {
                continue;
            }
            long e = s.node.currentEpoch();
            if (e < s.lifetimeMaxEpoch) {
                fail(s.name() + " epoch went backwards in memory: " + s.lifetimeMaxEpoch + " -> " + e);
            }
            if (e < s.saved.currentEpoch()) {
                fail(s.name() + " epoch " + e + " below its durable epoch " + s.saved.currentEpoch());
            }
            s.lifetimeMaxEpoch = e;
        }
    }

    /** With write fencing on, never two stores accept writes at the same moment, partitions or not. */
    private void checkOneWritablePrimary() {
        if (settings.writeLeaseMs() <= 0) {
            return;
        }
        StoreModel writable = null;
        for (StoreModel st : stores) {
            if (st.acceptsWrites(now)) {
                if (writable != null) {
                    fail("two stores accept writes at once under write fencing: " + writable.name() + " and "
                            + st.name());
                }
                writable = st;
            }
        }
    }

    /** Returns null when the fleet agrees on one writable primary that every other store replicates, else why not. */
    String convergenceProblem() {
        Address named = null;
        for (SimSentinel s : sentinels) {
            if (s.node == null) {
                return s.name() + " is down";
            }
            Address a = s.node.masterAddress(MASTER);
            if (named == null) {
                named = a;
            } else if (!named.equals(a)) {
                return "sentinels disagree: " + named + " vs " + a + " (" + s.name() + ")";
            }
        }
        Endpoint e = byAddress.get(named);
        if (!(e instanceof StoreModel primary) || !primary.acceptsWrites(now)) {
            return "named primary " + named + " does not accept writes";
        }
        for (StoreModel st : stores) {
            if (st != primary && st.acceptsWrites(now)) {
                return "second store accepts writes: " + st.name() + " (named primary " + named + ")";
            }
            if (st != primary && st.alive && !named.equals(st.replicaOf)) {
                return st.name() + " replicates " + st.replicaOf + ", not the primary " + named;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ trace

    void note(String line) {
        if (trace.size() == 400) {
            trace.removeFirst();
        }
        trace.addLast(now + " " + line);
    }

    String trace() {
        return String.join("\n", trace);
    }

    void fail(String message) {
        throw new AssertionError("seed " + seed + " (replay: -Dvigil.sim.seed=" + seed + "): at " + now + " ms: "
                + message + "\n--- recent trace ---\n" + trace());
    }
}

package io.vigil.election;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * Drives one {@link SentinelNode} by hand: a settable clock, persists completed at once, peers and instances
 * answered explicitly by the test.
 */
final class NodeHarness {

    static final String ME = "1".repeat(40);
    static final String P1 = "a".repeat(40);
    static final String P2 = "b".repeat(40);
    static final Address SELF = new Address("10.0.0.1", 26379);
    static final Address PEER1 = new Address("10.0.0.2", 26379);
    static final Address PEER2 = new Address("10.0.0.3", 26379);
    static final Address M = new Address("10.0.1.0", 6379);
    static final Address R1 = new Address("10.0.1.1", 6379);
    static final Address R2 = new Address("10.0.1.2", 6379);
    static final MasterSettings SETTINGS = new MasterSettings("mymaster", M, 2, 1000, 3000, 1, -1);

    /** A settable clock. */
    static final class Clock implements LongSupplier {
        long t = 1_000_000;

        @Override
        public long getAsLong() {
            return t;
        }
    }

    final Clock clock = new Clock();
    SentinelNode node;
    DurableState saved;
    final List<Action> seen = new ArrayList<>();
    boolean autoPersist = true;

    NodeHarness() {
        this(initialState());
    }

    /** One master with two known replicas and two known peers, epoch 0. */
    static DurableState initialState() {
        return new DurableState(
                ME,
                0,
                List.of(new DurableState.MasterRecord(
                        SETTINGS,
                        0,
                        null,
                        0,
                        List.of(R1, R2),
                        List.of(
                                new DurableState.KnownSentinel(PEER1, P1),
                                new DurableState.KnownSentinel(PEER2, P2)))));
    }

    NodeHarness(DurableState state) {
        this(state, Timings.vigil());
    }

    NodeHarness(DurableState state, Timings timings) {
        saved = state;
        node = new SentinelNode(SELF, state, timings, clock, new Random(42));
    }

    /** Performs persists at once (like a fast disk) and records every action. */
    List<Action> run(List<Action> actions) {
        List<Action> all = new ArrayList<>();
        for (Action a : actions) {
            all.add(a);
            seen.add(a);
            if (a instanceof Action.Persist p && autoPersist) {
                saved = p.state();
                all.addAll(run(node.durableStateSaved(p.token())));
            }
        }
        return all;
    }

    List<Action> tick() {
        return run(node.tick());
    }

    /** Advances the clock in 10 ms steps, ticking and answering every PING except those to silent instances. */
    void advance(long ms, Address... silent) {
        long end = clock.t + ms;
        while (clock.t < end) {
            clock.t += 10;
            answer(tick(), silent);
        }
    }

    void answer(List<Action> actions, Address... silent) {
        for (Action a : actions) {
            if (a instanceof Action.Ping p && !List.of(silent).contains(p.target())) {
                run(node.onPingReply(p.master(), p.target(), PingReply.VALID));
            }
            if (a instanceof Action.RequestInfo ri && !List.of(silent).contains(ri.target())) {
                run(node.onInfo(ri.master(), ri.target(), info(ri.target())));
            }
        }
    }

    InfoObservation masterInfo = InfoObservation.master(
            "m".repeat(40),
            1000,
            List.of(
                    new InfoObservation.ReplicaEntry("10.0.1.1", 6379, "online", 900),
                    new InfoObservation.ReplicaEntry("10.0.1.2", 6379, "online", 800)));
    InfoObservation r1Info = InfoObservation.replica("c".repeat(40), "10.0.1.0", 6379, true, 0, 100, 900);
    InfoObservation r2Info = InfoObservation.replica("d".repeat(40), "10.0.1.0", 6379, true, 0, 100, 800);

    InfoObservation info(Address a) {
        if (a.equals(M)) {
            return masterInfo;
        }
        return a.equals(R1) ? r1Info : r2Info;
    }

    List<String> events() {
        return seen.stream()
                .filter(a -> a instanceof Action.PublishEvent)
                .map(Object::toString)
                .collect(Collectors.toList());
    }

    <T extends Action> List<T> seen(Class<T> type) {
        return seen.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }
}

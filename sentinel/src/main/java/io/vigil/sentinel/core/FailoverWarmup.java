package io.vigil.sentinel.core;

import io.vigil.election.Action;
import io.vigil.election.Address;
import io.vigil.election.DurableState;
import io.vigil.election.InfoObservation;
import io.vigil.election.MasterSettings;
import io.vigil.election.PingReply;
import io.vigil.election.SentinelNode;
import io.vigil.election.Timings;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/**
 * Runs one complete failover through a throwaway {@link SentinelNode} at start-up, against made-up instances and a
 * made-up peer, so that the classes, lambdas and method handles of the decision path (SDOWN, ODOWN, votes, tally,
 * replica ranking, the failover state machine) are loaded before a real failover needs them. With the sentinel's
 * lean JVM flags a cold path costs tens of milliseconds the first time it runs. Nothing leaves this class: the
 * actions the node returns are answered here and dropped.
 */
final class FailoverWarmup {

    private static final String MASTER = "vigil-warmup";
    private static final String PEER_ID = "0000000000000000000000000000000000000001";
    private static final Address SELF = new Address("192.0.2.1", 26379);
    private static final Address PEER = new Address("192.0.2.2", 26379);
    private static final Address PRIMARY = new Address("192.0.2.10", 6379);
    private static final Address REPLICA = new Address("192.0.2.11", 6379);

    private long now = 1_800_000_000_000L;
    private long primaryDiesAt = Long.MAX_VALUE;
    private boolean replicaPromoted;
    private final SentinelNode node;

    private FailoverWarmup() {
        MasterSettings settings = new MasterSettings(MASTER, PRIMARY, 2, 1000, 10_000, 1, -1);
        DurableState state = new DurableState(
                "ffffffffffffffffffffffffffffffffffffffff",
                0,
                List.of(new DurableState.MasterRecord(
                        settings,
                        0,
                        null,
                        0,
                        List.of(REPLICA),
                        List.of(new DurableState.KnownSentinel(PEER, PEER_ID)))));
        node = new SentinelNode(SELF, state, Timings.vigil(), () -> now, new Random(1));
    }

    /** Runs the throwaway failover; returns whether it reached the promotion (it always should). */
    static boolean run() {
        return new FailoverWarmup().failover();
    }

    private boolean failover() {
        Deque<Action> pending = new ArrayDeque<>();
        pending.addAll(node.onLinkState(MASTER, PRIMARY, true));
        pending.addAll(node.onLinkState(MASTER, REPLICA, true));
        pending.addAll(node.onLinkState(MASTER, PEER, true));
        for (int step = 0; step < 1000; step++) {
            if (step == 50) {
                primaryDiesAt = now;
                pending.addAll(node.onLinkState(MASTER, PRIMARY, false));
            }
            pending.addAll(node.tick());
            while (!pending.isEmpty()) {
                pending.addAll(answer(pending.poll()));
            }
            if (REPLICA.equals(node.masterAddress(MASTER))) {
                return true;
            }
            now += 10;
        }
        return false;
    }

    private List<Action> answer(Action action) {
        if (action instanceof Action.Persist persist) {
            return node.durableStateSaved(persist.token());
        } else if (action instanceof Action.Ping ping) {
            return alive(ping.target()) ? node.onPingReply(MASTER, ping.target(), PingReply.VALID) : List.of();
        } else if (action instanceof Action.RequestInfo info) {
            if (info.target().equals(PRIMARY)) {
                return alive(PRIMARY)
                        ? node.onInfo(
                                MASTER, PRIMARY, InfoObservation.master(runId('a'), 1000, List.of(replicaEntry())))
                        : List.of();
            }
            InfoObservation observed = replicaPromoted
                    ? InfoObservation.master(runId('b'), 1000, List.of())
                    : InfoObservation.replica(
                            runId('b'), PRIMARY.host(), PRIMARY.port(), now < primaryDiesAt, 0, 100, 1000);
            return node.onInfo(MASTER, REPLICA, observed);
        } else if (action instanceof Action.AskMasterDown ask) {
            String leader = "*".equals(ask.runIdOrStar()) ? "*" : ask.runIdOrStar();
            long epoch = "*".equals(leader) ? 0 : ask.epoch();
            return node.onIsMasterDownReply(MASTER, PEER_ID, ask.masterAddress(), true, leader, epoch);
        } else if (action instanceof Action.Reconfigure reconfigure) {
            if (reconfigure.target().equals(REPLICA) && reconfigure.replicaOf() == null) {
                replicaPromoted = true;
            }
        }
        return List.of();
    }

    private boolean alive(Address target) {
        return !target.equals(PRIMARY) || now < primaryDiesAt;
    }

    private static InfoObservation.ReplicaEntry replicaEntry() {
        return new InfoObservation.ReplicaEntry(REPLICA.host(), REPLICA.port(), "online", 1000);
    }

    private static String runId(char c) {
        return String.valueOf(c).repeat(40);
    }
}

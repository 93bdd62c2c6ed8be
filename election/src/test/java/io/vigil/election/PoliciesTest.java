package io.vigil.election;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The pure decision policies, one nested class each. */
class PoliciesTest {

    @Nested
    class Sdown {
        private SdownPolicy.Result eval(long now, long pendingSince, boolean disconnected, long lastAvail) {
            return SdownPolicy.evaluate(new SdownPolicy.Input(
                    now, 1000, pendingSince, disconnected, lastAvail, true, ReportedRole.MASTER, 0, 1000));
        }

        @Test
        void downOnlyAfterDownAfterWithoutAValidReply() {
            assertThat(eval(6000, 5000, false, 0).down()).isFalse();
            assertThat(eval(6001, 5000, false, 0).down()).isTrue();
            assertThat(eval(6001, 5000, false, 0).reason()).contains("no valid PING reply for 1001 ms");
            assertThat(eval(99_999, -1, false, 0).down()).as("no pending ping").isFalse();
        }

        @Test
        void disconnectedLinkCountsFromTheLastValidReply() {
            assertThat(eval(3000, -1, true, 2500).down()).isFalse();
            assertThat(eval(3600, -1, true, 2500).down()).isTrue();
        }

        @Test
        void disconnectedLinkDoesNotWaitForAPingSentAfterTheLastReply() {
            assertThat(eval(3510, 3000, true, 2500).down()).isTrue();
            assertThat(eval(3510, 3000, true, 2500).reason()).contains("link down, last valid reply 1010 ms ago");
            assertThat(eval(3510, 3000, false, 2500).down())
                    .as("connected: counts from the PING")
                    .isFalse();
        }

        @Test
        void masterReportingReplicaTooLongIsDown() {
            SdownPolicy.Input in =
                    new SdownPolicy.Input(10_000, 1000, -1, false, 10_000, true, ReportedRole.REPLICA, 6000, 1000);
            assertThat(SdownPolicy.evaluate(in).down()).isTrue();
            assertThat(SdownPolicy.evaluate(in).reason()).contains("reports role:slave");
            SdownPolicy.Input recent =
                    new SdownPolicy.Input(10_000, 1000, -1, false, 10_000, true, ReportedRole.REPLICA, 8000, 1000);
            assertThat(SdownPolicy.evaluate(recent).down()).isFalse();
            SdownPolicy.Input replica =
                    new SdownPolicy.Input(10_000, 1000, -1, false, 10_000, false, ReportedRole.REPLICA, 0, 1000);
            assertThat(SdownPolicy.evaluate(replica).down()).isFalse();
        }
    }

    @Nested
    class Odown {
        @Test
        void needsOwnSdownAndQuorum() {
            assertThat(OdownPolicy.evaluate(false, 5, 2).odown()).isFalse();
            assertThat(OdownPolicy.evaluate(true, 0, 2).odown()).isFalse();
            OdownPolicy.Result r = OdownPolicy.evaluate(true, 1, 2);
            assertThat(r.odown()).isTrue();
            assertThat(r.reason()).isEqualTo("#quorum 2/2");
            assertThat(OdownPolicy.evaluate(true, 0, 1).odown()).isTrue();
        }
    }

    @Nested
    class Vote {
        private static final String A = "a".repeat(40);
        private static final String B = "b".repeat(40);

        @Test
        void firstAskerWinsAndTheEpochIsRaised() {
            VotePolicy.Decision d = VotePolicy.decide(3, null, 0, 5, A);
            assertThat(d.outcome()).isEqualTo(VotePolicy.Outcome.GRANTED);
            assertThat(d.currentEpoch()).isEqualTo(5);
            assertThat(d.leader()).isEqualTo(A);
            assertThat(d.leaderEpoch()).isEqualTo(5);
        }

        @Test
        void secondAskerInTheSameEpochGetsTheFirstOnesName() {
            VotePolicy.Decision d = VotePolicy.decide(5, A, 5, 5, B);
            assertThat(d.outcome()).isEqualTo(VotePolicy.Outcome.ALREADY_VOTED);
            assertThat(d.leader()).isEqualTo(A);
            assertThat(d.reason()).contains("already voted for " + A);
        }

        @Test
        void sameAskerAgainIsIdempotent() {
            VotePolicy.Decision d = VotePolicy.decide(5, A, 5, 5, A);
            assertThat(d.outcome()).isEqualTo(VotePolicy.Outcome.GRANTED);
            assertThat(d.changed(5, 5)).isFalse();
        }

        @Test
        void staleEpochIsRefusedAndTheEpochStays() {
            VotePolicy.Decision d = VotePolicy.decide(7, A, 6, 5, B);
            assertThat(d.outcome()).isEqualTo(VotePolicy.Outcome.STALE_EPOCH);
            assertThat(d.currentEpoch()).isEqualTo(7);
            assertThat(d.leader()).isEqualTo(A);
        }

        @Test
        void aHigherEpochGetsANewVote() {
            VotePolicy.Decision d = VotePolicy.decide(5, A, 5, 6, B);
            assertThat(d.outcome()).isEqualTo(VotePolicy.Outcome.GRANTED);
            assertThat(d.leader()).isEqualTo(B);
            assertThat(d.changed(5, 5)).isTrue();
        }

        @Test
        void noVoteInTheCurrentEpochWhenTheVoteRecordIsAlreadyThere() {
            VotePolicy.Decision d = VotePolicy.decide(5, null, 5, 5, B);
            assertThat(d.outcome()).isEqualTo(VotePolicy.Outcome.ALREADY_VOTED);
        }
    }

    @Nested
    class Tally {
        private static final String ME = "c".repeat(40);

        @Test
        void needsMaxOfMajorityAndQuorum() {
            List<LeaderTally.Vote> votes = List.of(
                    new LeaderTally.Vote("p1", ME, 4),
                    new LeaderTally.Vote("p2", "x", 4),
                    new LeaderTally.Vote("p3", ME, 3),
                    new LeaderTally.Vote("p4", null, 0));
            LeaderTally.Result r = LeaderTally.tally(ME, 4, true, votes, 4, 2);
            assertThat(r.votes()).isEqualTo(2);
            assertThat(r.needed()).isEqualTo(3);
            assertThat(r.elected()).isFalse();
            assertThat(LeaderTally.tally(ME, 4, true, votes, 2, 2).elected()).isTrue();
            assertThat(LeaderTally.tally(ME, 4, true, votes, 2, 3).elected())
                    .as("quorum 3")
                    .isFalse();
            assertThat(LeaderTally.tally(ME, 4, false, votes, 2, 2).elected())
                    .as("no self vote")
                    .isFalse();
            assertThat(r.reason()).contains("need 3");
        }
    }

    @Nested
    class Ranking {
        private final Address a = new Address("10.0.0.1", 6379);
        private final Address b = new Address("10.0.0.2", 6379);
        private final Address c = new Address("10.0.0.3", 6379);

        private ReplicaRanking.Candidate cand(Address addr, String runId, int prio, long offset) {
            return new ReplicaRanking.Candidate(addr, runId, false, false, 10_000, 10_000, prio, offset, 0, true);
        }

        private ReplicaRanking.Context ctx(long maxLag, long best, boolean override) {
            return new ReplicaRanking.Context(10_000, 8000, 1000, 5000, 5000, maxLag, best, override);
        }

        @Test
        void ordersByPriorityThenOffsetThenRunId() {
            List<ReplicaRanking.Candidate> ranked = ReplicaRanking.rank(
                            ctx(-1, -1, false),
                            List.of(
                                    cand(a, "b".repeat(40), 100, 50),
                                    cand(b, "a".repeat(40), 100, 50),
                                    cand(c, null, 10, 1)))
                    .ranked();
            assertThat(ranked).extracting(ReplicaRanking.Candidate::address).containsExactly(c, b, a);
            ranked = ReplicaRanking.rank(
                            ctx(-1, -1, false), List.of(cand(a, null, 100, 50), cand(b, "f".repeat(40), 100, 50)))
                    .ranked();
            assertThat(ranked.get(0).address()).as("null run id sorts last").isEqualTo(b);
            ranked = ReplicaRanking.rank(
                            ctx(-1, -1, false),
                            List.of(cand(a, "a".repeat(40), 100, 50), cand(b, "b".repeat(40), 100, 90)))
                    .ranked();
            assertThat(ranked.get(0).address()).as("highest offset").isEqualTo(b);
        }

        @Test
        void everyExclusionHasAReason() {
            List<ReplicaRanking.Candidate> cs = List.of(
                    new ReplicaRanking.Candidate(a, null, true, false, 10_000, 10_000, 100, 0, 0, true),
                    new ReplicaRanking.Candidate(b, null, false, true, 10_000, 10_000, 100, 0, 0, true),
                    new ReplicaRanking.Candidate(c, null, false, false, 1000, 10_000, 100, 0, 0, true),
                    new ReplicaRanking.Candidate(a, null, false, false, 10_000, 10_000, 0, 0, 0, true),
                    new ReplicaRanking.Candidate(b, null, false, false, 10_000, 1000, 100, 0, 0, true),
                    new ReplicaRanking.Candidate(c, null, false, false, 10_000, 10_000, 100, 0, 0, false),
                    new ReplicaRanking.Candidate(a, null, false, false, 10_000, 10_000, 100, 0, 12_001, true),
                    new ReplicaRanking.Candidate(b, null, false, false, 10_000, -1, 100, 0, 0, true));
            ReplicaRanking.Ranking r = ReplicaRanking.rank(ctx(-1, -1, false), cs);
            assertThat(r.best()).isNull();
            assertThat(r.excluded())
                    .extracting(ReplicaRanking.Exclusion::reason)
                    .satisfiesExactly(
                            s -> assertThat(s).isEqualTo("subjectively down"),
                            s -> assertThat(s).isEqualTo("link disconnected"),
                            s -> assertThat(s).contains("no valid PING reply for 9000 ms"),
                            s -> assertThat(s).isEqualTo("slave_priority is 0"),
                            s -> assertThat(s).contains("INFO is 9000 ms old"),
                            s -> assertThat(s).isEqualTo("replica_announced is 0"),
                            s -> assertThat(s).contains("link to master down for 12001 ms (> 12000 ms"),
                            s -> assertThat(s).isEqualTo("no INFO received yet"));
        }

        @Test
        void maxLagRefusesUnlessExplicitlyOverridden() {
            List<ReplicaRanking.Candidate> cs = List.of(cand(a, null, 100, 500), cand(b, null, 100, 900));
            ReplicaRanking.Ranking guarded = ReplicaRanking.rank(ctx(200, 1000, false), cs);
            assertThat(guarded.ranked())
                    .extracting(ReplicaRanking.Candidate::address)
                    .containsExactly(b);
            assertThat(guarded.excluded().get(0).reason())
                    .contains("500 bytes behind")
                    .contains("max-lag 200");
            ReplicaRanking.Ranking overridden = ReplicaRanking.rank(ctx(200, 1000, true), cs);
            assertThat(overridden.ranked()).hasSize(2);
            assertThat(overridden.lagOverridden().get(0).reason()).contains("explicit override");
        }
    }

    @Nested
    class Tilt {
        private final Timings t = Timings.vigil();

        @Test
        void entersOnBackwardsOrLargeJumpsAndExitsAfterThePeriod() {
            assertThat(TiltPolicy.evaluate(Long.MIN_VALUE, 5, false, -1, t).verdict())
                    .isEqualTo(TiltPolicy.Verdict.NORMAL);
            assertThat(TiltPolicy.evaluate(1000, 999, false, -1, t).verdict()).isEqualTo(TiltPolicy.Verdict.ENTER);
            assertThat(TiltPolicy.evaluate(1000, 3000, false, -1, t).verdict()).isEqualTo(TiltPolicy.Verdict.NORMAL);
            TiltPolicy.Result jump = TiltPolicy.evaluate(1000, 3001, false, -1, t);
            assertThat(jump.verdict()).isEqualTo(TiltPolicy.Verdict.ENTER);
            assertThat(jump.reason()).contains("2001 ms");
            assertThat(TiltPolicy.evaluate(5000, 5010, true, 3001, t).verdict()).isEqualTo(TiltPolicy.Verdict.STAY);
            assertThat(TiltPolicy.evaluate(13_000, 13_001, true, 3001, t).verdict())
                    .isEqualTo(TiltPolicy.Verdict.EXIT);
        }
    }

    @Nested
    class Ping {
        @Test
        void onlyPongLoadingAndMasterdownAreValid() {
            assertThat(PingReply.classify("PONG")).isEqualTo(PingReply.VALID);
            assertThat(PingReply.classify("+PONG")).isEqualTo(PingReply.VALID);
            assertThat(PingReply.classify("-LOADING Redis is loading")).isEqualTo(PingReply.VALID);
            assertThat(PingReply.classify("-MASTERDOWN Link with MASTER is down"))
                    .isEqualTo(PingReply.VALID);
            assertThat(PingReply.classify("-BUSY script")).isEqualTo(PingReply.INVALID);
            assertThat(PingReply.classify("-ERR")).isEqualTo(PingReply.INVALID);
            assertThat(PingReply.classify(null)).isEqualTo(PingReply.INVALID);
        }
    }
}

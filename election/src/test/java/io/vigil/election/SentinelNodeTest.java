package io.vigil.election;

import static io.vigil.election.NodeHarness.M;
import static io.vigil.election.NodeHarness.ME;
import static io.vigil.election.NodeHarness.P1;
import static io.vigil.election.NodeHarness.P2;
import static io.vigil.election.NodeHarness.PEER1;
import static io.vigil.election.NodeHarness.PEER2;
import static io.vigil.election.NodeHarness.R1;
import static io.vigil.election.NodeHarness.R2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentinelNodeTest {

    @Test
    void aVoteReplyIsHeldUntilTheVoteIsDurable() {
        NodeHarness h = new NodeHarness();
        h.autoPersist = false;
        List<Action> first = h.run(h.node.onIsMasterDownRequest(7, "10.0.1.0", 6379, 5, P1));
        assertThat(first).hasSize(1).first().isInstanceOf(Action.Persist.class);
        Action.Persist p = (Action.Persist) first.get(0);
        assertThat(p.state().currentEpoch()).isEqualTo(5);
        assertThat(p.state().masters().get(0).leader()).isEqualTo(P1);
        assertThat(p.state().masters().get(0).leaderEpoch()).isEqualTo(5);
        assertThat(h.node.persistPending()).isTrue();
        assertThat(h.run(h.node.tick()))
                .as("everything waits behind the persist")
                .isEmpty();

        List<Action> released = h.run(h.node.durableStateSaved(p.token()));
        assertThat(released).contains(new Action.IsMasterDownAnswer("mymaster", 7, false, P1, 5));
        assertThat(h.events()).contains("+new-epoch 5", "+vote-for-leader " + P1 + " 5");
        assertThat(h.node.decisions()).anySatisfy(d -> assertThat(d.kind()).isEqualTo(DecisionKind.VOTE_GRANTED));
    }

    @Test
    void aRestartedNodeNeverVotesTwiceInAnEpochNorGoesBack() {
        NodeHarness h = new NodeHarness();
        h.run(h.node.onIsMasterDownRequest(7, "10.0.1.0", 6379, 5, P1));
        NodeHarness restarted = new NodeHarness(h.saved);
        assertThat(restarted.node.currentEpoch()).isEqualTo(5);
        List<Action> reply = restarted.run(restarted.node.onIsMasterDownRequest(8, "10.0.1.0", 6379, 5, P2));
        assertThat(reply).containsExactly(new Action.IsMasterDownAnswer("mymaster", 8, false, P1, 5));
        assertThat(restarted.node.decisions()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DecisionKind.VOTE_REFUSED);
            assertThat(d.reason()).contains("already voted for " + P1);
        });
        List<Action> stale = restarted.run(restarted.node.onIsMasterDownRequest(9, "10.0.1.0", 6379, 4, P2));
        assertThat(stale).containsExactly(new Action.IsMasterDownAnswer("mymaster", 9, false, P1, 5));
        assertThat(restarted.node.currentEpoch()).isEqualTo(5);
    }

    @Test
    void anUnknownAddressIsNotDownAndGetsNoVote() {
        NodeHarness h = new NodeHarness();
        assertThat(h.run(h.node.onIsMasterDownRequest(1, "10.9.9.9", 6379, 3, P1)))
                .containsExactly(new Action.IsMasterDownAnswer(null, 1, false, "*", 0));
        assertThat(h.node.currentEpoch()).isZero();
    }

    @Test
    void sdownAfterDownAfterThenPeersAreAskedAtOnce() {
        NodeHarness h = new NodeHarness();
        h.advance(500);
        h.seen.clear();
        h.advance(1000, M);
        assertThat(h.events()).noneMatch(e -> e.startsWith("+sdown"));
        h.advance(150, M);
        assertThat(h.events()).contains("+sdown master mymaster 10.0.1.0 6379");
        assertThat(h.seen(Action.AskMasterDown.class))
                .extracting(Action.AskMasterDown::peerRunId, Action.AskMasterDown::runIdOrStar)
                .contains(org.assertj.core.groups.Tuple.tuple(P1, "*"), org.assertj.core.groups.Tuple.tuple(P2, "*"));
        assertThat(h.node.master("mymaster").flags()).contains(InstanceFlag.S_DOWN, InstanceFlag.MASTER);
        assertThat(h.node.master("mymaster").status()).isEqualTo("sdown");
    }

    @Test
    void aDisconnectedLinkIsDownAfterDownAfterSinceTheLastReply() {
        NodeHarness h = new NodeHarness();
        h.advance(300);
        h.run(h.node.onLinkState("mymaster", R1, false));
        assertThat(h.node.master("mymaster").replicas().get(0).flags()).contains(InstanceFlag.DISCONNECTED);
        h.advance(1200, R1);
        assertThat(h.events()).contains("+sdown slave 10.0.1.1:6379 10.0.1.1 6379 @ mymaster 10.0.1.0 6379");
        h.run(h.node.onLinkState("mymaster", R1, true));
        h.advance(200);
        assertThat(h.events()).contains("-sdown slave 10.0.1.1:6379 10.0.1.1 6379 @ mymaster 10.0.1.0 6379");
        assertThat(h.node.master("mymaster").replicas().get(0).flags()).doesNotContain(InstanceFlag.DISCONNECTED);
    }

    @Test
    void tiltStopsDownAnswersAndEndsAfterThePeriod() {
        NodeHarness h = new NodeHarness();
        h.advance(2000, M);
        assertThat(h.run(h.node.onIsMasterDownRequest(1, "10.0.1.0", 6379, 0, "*")))
                .containsExactly(new Action.IsMasterDownAnswer("mymaster", 1, true, "*", 0));
        h.clock.t += 5000;
        h.tick();
        assertThat(h.node.tilt()).isTrue();
        assertThat(h.events()).contains("+tilt #tilt mode entered");
        assertThat(h.run(h.node.onIsMasterDownRequest(2, "10.0.1.0", 6379, 0, "*")))
                .containsExactly(new Action.IsMasterDownAnswer("mymaster", 2, false, "*", 0));
        h.advance(9000, M);
        assertThat(h.node.tilt()).isTrue();
        h.advance(1100, M);
        assertThat(h.node.tilt()).isFalse();
        assertThat(h.events()).contains("-tilt #tilt mode exited");
        h.clock.t -= 100;
        h.tick();
        assertThat(h.node.tilt()).as("clock went backwards").isTrue();
    }

    @Test
    void aFullFailoverFromOdownToSwitchMaster() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        assertThat(h.node.master("mymaster").replicas()).hasSize(2);
        h.advance(1200, M);
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, "*", 0));
        assertThat(h.events()).contains("+odown master mymaster 10.0.1.0 6379 #quorum 2/2");
        h.advance(150, M);
        assertThat(h.events()).contains("+new-epoch 1", "+try-failover master mymaster 10.0.1.0 6379");
        assertThat(h.saved.currentEpoch()).isEqualTo(1);
        assertThat(h.seen(Action.AskMasterDown.class)).anySatisfy(a -> {
            assertThat(a.runIdOrStar()).isEqualTo(ME);
            assertThat(a.epoch()).isEqualTo(1);
        });
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_START);

        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, ME, 1));
        assertThat(h.events())
                .contains(
                        "+elected-leader master mymaster 10.0.1.0 6379",
                        "+selected-slave slave 10.0.1.1:6379 10.0.1.1 6379 @ mymaster 10.0.1.0 6379");
        assertThat(h.seen(Action.Reconfigure.class))
                .containsExactly(new Action.Reconfigure("mymaster", R1, null, "+failover-state-wait-promotion"));
        assertThat(h.node.masterAddress("mymaster")).isEqualTo(M);

        h.r1Info = InfoObservation.master("c".repeat(40), 900, List.of());
        h.run(h.node.onInfo("mymaster", R1, h.r1Info));
        assertThat(h.node.masterAddress("mymaster"))
                .as("switches as soon as promoted")
                .isEqualTo(R1);
        assertThat(h.saved.masters().get(0).configEpoch()).isEqualTo(1);
        assertThat(h.saved.masters().get(0).settings().address()).isEqualTo(R1);
        assertThat(h.events()).contains("+promoted-slave slave 10.0.1.1:6379 10.0.1.1 6379 @ mymaster 10.0.1.0 6379");
        h.tick();
        assertThat(h.seen(Action.Reconfigure.class))
                .contains(new Action.Reconfigure("mymaster", R2, R1, "+slave-reconf-sent"));
        assertThat(h.seen(Action.PublishHello.class))
                .as("hello broadcast with the new config epoch")
                .anySatisfy(p -> {
                    assertThat(p.target()).isEqualTo(PEER1);
                    assertThat(p.hello().masterConfigEpoch()).isEqualTo(1);
                    assertThat(p.hello().masterAddress()).isEqualTo(R1);
                });

        h.r2Info = InfoObservation.replica("d".repeat(40), "10.0.1.1", 6379, true, 0, 100, 900);
        h.run(h.node.onInfo("mymaster", R2, h.r2Info));
        assertThat(h.events())
                .contains(
                        "+slave-reconf-inprog slave 10.0.1.2:6379 10.0.1.2 6379 @ mymaster 10.0.1.0 6379",
                        "+slave-reconf-done slave 10.0.1.2:6379 10.0.1.2 6379 @ mymaster 10.0.1.0 6379",
                        "+failover-end master mymaster 10.0.1.0 6379",
                        "+switch-master mymaster 10.0.1.0 6379 10.0.1.1 6379");
        MasterView v = h.node.master("mymaster");
        assertThat(v.failoverState()).isEqualTo(FailoverState.NONE);
        assertThat(v.settings().address()).isEqualTo(R1);
        assertThat(v.replicas()).extracting(ReplicaView::address).containsExactlyInAnyOrder(R2, M);
        assertThat(h.node.decisions()).anySatisfy(d -> assertThat(d.kind()).isEqualTo(DecisionKind.LEADER_ELECTED));
    }

    @Test
    void notElectedAbortsAndTheNextTryWaitsTwiceTheFailoverTimeout() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.advance(1200, M);
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, P2, 1));
        h.advance(150, M);
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_START);
        h.advance(3100, M);
        assertThat(h.events()).contains("-failover-abort-not-elected master mymaster 10.0.1.0 6379");
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.NONE);
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, "*", 0));
        h.advance(500, M);
        assertThat(h.node.decisions()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DecisionKind.FAILOVER_NOT_STARTED);
            assertThat(d.reason()).contains("2 x failover-timeout");
        });
    }

    @Test
    void aSplitVoteIsAbandonedAtOnceAndRetriedInANewEpochSoon() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.advance(1200, M);
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, "*", 0));
        h.advance(150, M);
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_START);
        long epoch = h.node.master("mymaster").failoverEpoch();
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, P1, epoch));
        h.run(h.node.onIsMasterDownReply("mymaster", P2, M, true, P2, epoch));
        h.advance(20, M);
        assertThat(h.events()).contains("-failover-abort-not-elected master mymaster 10.0.1.0 6379");
        assertThat(h.node.decisions()).anySatisfy(d -> {
            assertThat(d.kind()).isEqualTo(DecisionKind.FAILOVER_ABORTED);
            assertThat(d.reason()).contains("split vote in epoch " + epoch);
        });
        h.advance(Timings.vigil().splitVoteRetryMaxMs() + 50, M);
        assertThat(h.node.master("mymaster").failoverEpoch()).isEqualTo(epoch + 1);
        assertThat(h.node.currentEpoch()).isEqualTo(epoch + 1);
    }

    @Test
    void withRedisTimingsASplitVoteWaitsForTheElectionTimeout() {
        NodeHarness h = new NodeHarness(NodeHarness.initialState(), Timings.redis());
        h.advance(3000);
        h.advance(2500, M);
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, "*", 0));
        h.advance(1100, M);
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_START);
        long epoch = h.node.master("mymaster").failoverEpoch();
        h.run(h.node.onIsMasterDownReply("mymaster", P1, M, true, P1, epoch));
        h.run(h.node.onIsMasterDownReply("mymaster", P2, M, true, P2, epoch));
        h.advance(1000, M);
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_START);
        assertThat(h.events()).doesNotContain("-failover-abort-not-elected master mymaster 10.0.1.0 6379");
    }

    @Test
    void manyWatchedLinksStretchThePingAndInfoPeriodsToTheirBudgets() {
        List<DurableState.MasterRecord> masters = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Address m = new Address("10.1.0." + i, 6379);
            masters.add(new DurableState.MasterRecord(
                    MasterSettings.of("m" + i, m, 2),
                    0,
                    null,
                    0,
                    List.of(new Address(m.host(), 6380), new Address(m.host(), 6381)),
                    List.of(new DurableState.KnownSentinel(PEER1, P1), new DurableState.KnownSentinel(PEER2, P2))));
        }
        NodeHarness h = new NodeHarness(new DurableState(ME, 0, masters));
        h.advance(2000);
        int before = h.seen.size();
        h.advance(6000);
        long pings = h.seen.subList(before, h.seen.size()).stream()
                .filter(a -> a instanceof Action.Ping)
                .count();
        long budget = Timings.vigil().maxPingsPerSecond() * 6;
        assertThat(pings).as("PINGs in 6 s for 500 watched links").isBetween(budget / 2, budget + budget / 10);
        long infos = h.seen.subList(before, h.seen.size()).stream()
                .filter(a -> a instanceof Action.RequestInfo)
                .count();
        long infoBudget = Timings.vigil().maxInfosPerSecond() * 6;
        assertThat(infos)
                .as("INFO requests in 6 s for 300 watched masters and replicas")
                .isBetween(infoBudget / 2, infoBudget + infoBudget / 10);
    }

    @Test
    void aReplicaThatNeverReportsMasterAbortsAfterFailoverTimeoutWithResends() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.run(h.node.failover("mymaster").actions());
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_PROMOTION);
        h.advance(2900);
        assertThat(h.seen(Action.Reconfigure.class))
                .as("SLAVEOF NO ONE resent every second")
                .hasSizeGreaterThan(2);
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.WAIT_PROMOTION);
        h.advance(200);
        assertThat(h.events()).contains("-failover-abort-slave-timeout master mymaster 10.0.1.0 6379");
        MasterView v = h.node.master("mymaster");
        assertThat(v.failoverState()).isEqualTo(FailoverState.NONE);
        assertThat(v.replicas()).allSatisfy(r -> assertThat(r.flags()).doesNotContain(InstanceFlag.PROMOTED));
    }

    @Test
    void replicasThatDoNotFollowEndTheFailoverForTimeout() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.run(h.node.failover("mymaster").actions());
        h.r1Info = InfoObservation.master("c".repeat(40), 900, List.of());
        h.advance(100);
        assertThat(h.node.master("mymaster").failoverState()).isEqualTo(FailoverState.RECONF_SLAVES);
        assertThat(h.node.master("mymaster").replicas())
                .filteredOn(r -> r.address().equals(R2))
                .allSatisfy(r -> assertThat(r.flags()).contains(InstanceFlag.RECONF_SENT));
        h.advance(3100);
        assertThat(h.events())
                .containsSubsequence(
                        "+failover-end-for-timeout master mymaster 10.0.1.0 6379",
                        "+failover-end master mymaster 10.0.1.0 6379",
                        "+switch-master mymaster 10.0.1.0 6379 10.0.1.1 6379");
        assertThat(h.node.masterAddress("mymaster")).isEqualTo(R1);
    }

    @Test
    void rebootAndRoleChangeAreReported() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.r2Info = InfoObservation.replica("9".repeat(40), "10.0.1.0", 6379, true, 0, 100, 800);
        h.advance(1100);
        assertThat(h.events()).contains("+reboot slave 10.0.1.2:6379 10.0.1.2 6379 @ mymaster 10.0.1.0 6379");
        h.r2Info = InfoObservation.master("9".repeat(40), 800, List.of());
        h.advance(1100);
        assertThat(h.events())
                .contains(
                        "+role-change slave 10.0.1.2:6379 10.0.1.2 6379 @ mymaster 10.0.1.0 6379 new reported role is master");
    }

    @Test
    void forcedFailoverNeedsNoVoteAndReportsInprogAndNogoodslave() {
        NodeHarness h = new NodeHarness();
        assertThat(h.node.failover("mymaster").status()).isEqualTo(CommandOutcome.Status.NOGOODSLAVE);
        assertThat(h.node.failover("nope").status()).isEqualTo(CommandOutcome.Status.NO_SUCH_MASTER);
        h.advance(1500);
        CommandOutcome ok = h.node.failover("mymaster");
        h.run(ok.actions());
        assertThat(ok.status()).isEqualTo(CommandOutcome.Status.OK);
        assertThat(h.seen(Action.Reconfigure.class))
                .extracting(Action.Reconfigure::target)
                .containsExactly(R1);
        assertThat(h.node.failover("mymaster").status()).isEqualTo(CommandOutcome.Status.INPROG);
        assertThat(h.node.master("mymaster").flags()).contains(InstanceFlag.FAILOVER_IN_PROGRESS);
    }

    @Test
    void aHelloWithAHigherConfigEpochSwitchesTheMaster() {
        NodeHarness h = new NodeHarness();
        h.advance(100);
        h.seen.clear();
        h.run(h.node.onHello(new Hello("10.0.0.2", 26379, P1, 4, "mymaster", "10.0.1.2", 6379, 3).format()));
        assertThat(h.node.masterAddress("mymaster")).isEqualTo(R2);
        assertThat(h.node.currentEpoch()).isEqualTo(4);
        assertThat(h.events())
                .containsSubsequence(
                        "+new-epoch 4",
                        "+config-update-from sentinel " + P1 + " 10.0.0.2 26379 @ mymaster 10.0.1.0 6379",
                        "+switch-master mymaster 10.0.1.0 6379 10.0.1.2 6379");
        assertThat(h.saved.masters().get(0).configEpoch()).isEqualTo(3);
        h.seen.clear();
        h.run(h.node.onHello(new Hello("10.0.0.2", 26379, P1, 4, "mymaster", "10.0.1.0", 6379, 3).format()));
        assertThat(h.node.masterAddress("mymaster"))
                .as("same config epoch: ignored")
                .isEqualTo(R2);
    }

    @Test
    void helloDiscoversNewSentinelsAndIgnoresItselfAndUnknownMasters() {
        NodeHarness h = new NodeHarness();
        String p3 = "e".repeat(40);
        h.run(h.node.onHello(new Hello("10.0.0.9", 26379, p3, 0, "mymaster", "10.0.1.0", 6379, 0)));
        assertThat(h.events()).contains("+sentinel sentinel " + p3 + " 10.0.0.9 26379 @ mymaster 10.0.1.0 6379");
        assertThat(h.saved.masters().get(0).knownSentinels()).hasSize(3);
        h.run(h.node.onHello(new Hello("10.0.0.1", 26379, ME, 9, "mymaster", "10.0.1.0", 6379, 9)));
        h.run(h.node.onHello(new Hello("10.0.0.9", 26379, p3, 9, "other", "10.0.1.0", 6379, 9)));
        assertThat(h.node.currentEpoch()).isZero();
        assertThatThrownBy(() -> h.node.onHello("garbage")).hasMessageContaining("exactly 8");
    }

    @Test
    void aReturningOldMasterIsConvertedToAReplica() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.r2Info = InfoObservation.master("d".repeat(40), 100, List.of());
        h.advance(3900);
        assertThat(h.events()).noneMatch(e -> e.startsWith("+convert-to-slave"));
        h.advance(2200);
        assertThat(h.events()).contains("+convert-to-slave slave 10.0.1.2:6379 10.0.1.2 6379 @ mymaster 10.0.1.0 6379");
        assertThat(h.seen(Action.Reconfigure.class))
                .contains(new Action.Reconfigure("mymaster", R2, M, "+convert-to-slave"));
    }

    @Test
    void aReplicaPointingElsewhereIsFixedAfterFailoverTimeout() {
        NodeHarness h = new NodeHarness();
        h.advance(1500);
        h.r1Info = InfoObservation.replica("c".repeat(40), "10.0.1.2", 6379, true, 0, 100, 900);
        h.advance(2900);
        assertThat(h.events()).noneMatch(e -> e.startsWith("+fix-slave-config"));
        h.advance(2200);
        assertThat(h.events()).contains("+fix-slave-config slave 10.0.1.1:6379 10.0.1.1 6379 @ mymaster 10.0.1.0 6379");
    }

    @Test
    void reconfigurationIsOneTransaction() {
        assertThat(new Action.Reconfigure("m", R1, M, "x").commands())
                .containsExactly(
                        List.of("MULTI"),
                        List.of("SLAVEOF", "10.0.1.0", "6379"),
                        List.of("CONFIG", "REWRITE"),
                        List.of("CLIENT", "KILL", "TYPE", "normal"),
                        List.of("CLIENT", "KILL", "TYPE", "pubsub"),
                        List.of("EXEC"));
        assertThat(new Action.Reconfigure("m", R1, null, "x").commands().get(1))
                .containsExactly("SLAVEOF", "NO", "ONE");
        assertThat(new Action.AskMasterDown("m", P1, PEER1, M, 3, ME).command())
                .containsExactly("SENTINEL", "IS-MASTER-DOWN-BY-ADDR", "10.0.1.0", "6379", "3", ME);
    }

    @Test
    void ckquorumCountsUsableSentinels() {
        NodeHarness h = new NodeHarness();
        h.advance(200);
        assertThat(h.node.ckquorum("mymaster"))
                .isEqualTo(
                        new CkQuorum(true, 3, "3 usable Sentinels. Quorum and failover authorization can be reached"));
        h.advance(1200, PEER1, NodeHarness.PEER2);
        CkQuorum q = h.node.ckquorum("mymaster");
        assertThat(q.ok()).isFalse();
        assertThat(q.message())
                .startsWith("1 usable Sentinels. Not enough available Sentinels to reach the specified quorum");
        assertThat(h.node.ckquorum("nope")).isNull();
    }

    @Test
    void commandsMonitorSetRemoveReset() {
        NodeHarness h = new NodeHarness();
        MasterSettings other = MasterSettings.of("other", new Address("10.0.2.0", 6379), 2);
        CommandOutcome mon = h.node.monitor(other);
        h.run(mon.actions());
        assertThat(h.events()).contains("+monitor master other 10.0.2.0 6379 quorum 2");
        assertThat(h.node.monitor(other).status()).isEqualTo(CommandOutcome.Status.DUPLICATE);
        assertThat(h.saved.masters()).hasSize(2);

        CommandOutcome set = h.node.set("other", "down-after-milliseconds", "5000");
        h.run(set.actions());
        assertThat(h.node.master("other").settings().downAfterMs()).isEqualTo(5000);
        assertThat(h.events()).contains("+set master other 10.0.2.0 6379 down-after-milliseconds 5000");
        assertThat(h.node.set("other", "quorum", "0").detail()).contains("quorum must be >= 1");
        assertThat(h.node.set("other", "bogus", "1").status()).isEqualTo(CommandOutcome.Status.INVALID);
        assertThat(h.node.set("other", "quorum", "x").detail()).contains("an integer is required");

        CommandOutcome reset = h.node.reset("my*");
        h.run(reset.actions());
        assertThat(reset.count()).isEqualTo(1);
        assertThat(h.node.master("mymaster").replicas()).isEmpty();
        assertThat(h.node.master("mymaster").sentinels()).isEmpty();

        h.run(h.node.remove("other").actions());
        assertThat(h.events()).contains("-monitor master other 10.0.2.0 6379");
        assertThat(h.node.masterNames()).containsExactly("mymaster");
        assertThat(h.node.remove("other").status()).isEqualTo(CommandOutcome.Status.NO_SUCH_MASTER);
    }

    @Test
    void aNewlyMonitoredMasterCannotVoteInTheCurrentEpoch() {
        NodeHarness h = new NodeHarness();
        h.run(h.node.onIsMasterDownRequest(1, "10.0.1.0", 6379, 3, P1));
        h.run(h.node.monitor(MasterSettings.of("other", new Address("10.0.2.0", 6379), 2))
                .actions());
        List<Action> r = h.run(h.node.onIsMasterDownRequest(2, "10.0.2.0", 6379, 3, P2));
        assertThat(r).contains(new Action.IsMasterDownAnswer("other", 2, false, "*", 3));
    }

    @Test
    void theDecisionLogIsBounded() {
        DecisionLog log = new DecisionLog(2);
        for (int i = 0; i < 5; i++) {
            log.add(new Decision(i, null, DecisionKind.EPOCH, i, null, "e" + i));
        }
        assertThat(log.entries()).extracting(Decision::reason).containsExactly("e3", "e4");
        assertThat(log.total()).isEqualTo(5);
        assertThatThrownBy(() -> new DecisionLog(0)).hasMessageContaining("capacity must be >= 1");
    }

    @Test
    void settingsAndTimingsValidateWithClearMessages() {
        assertThatThrownBy(() -> new MasterSettings("m", M, 0, 1, 1, 1, -1))
                .hasMessageContaining("quorum must be >= 1");
        assertThatThrownBy(() -> new MasterSettings("a b", M, 1, 1, 1, 1, -1)).hasMessageContaining("without spaces");
        assertThatThrownBy(() -> Timings.vigil().toBuilder().pingPeriodMs(0))
                .hasMessageContaining("pingPeriodMs must be > 0, was 0");
        assertThatThrownBy(() -> Timings.vigil().toBuilder()
                        .answerValidityMs(50)
                        .askPeriodMs(100)
                        .build())
                .hasMessageContaining("answerValidityMs = 50 < askPeriodMs = 100");
        assertThat(Timings.redis().pingPeriodMs()).isEqualTo(1000);
        assertThat(Timings.vigil().failoverDesyncMaxMs()).isEqualTo(20);
        assertThat(Timings.vigil().failoverRankStepMs()).isEqualTo(40);
        assertThat(Timings.redis().failoverRankStepMs()).isZero();
        assertThatThrownBy(() -> new Address("h", 0)).hasMessageContaining("port must be in 1..65535, was 0");
        assertThat(InstanceFlag.join(
                        java.util.EnumSet.of(InstanceFlag.MASTER, InstanceFlag.S_DOWN, InstanceFlag.O_DOWN)))
                .isEqualTo("s_down,o_down,master");
    }
}

package io.vigil.election.sim;

import io.vigil.election.Timings;

/**
 * One seeded scenario: warm-up, then the master dies or is partitioned at a random time while other faults
 * (sentinel crashes and restarts, partitions, message loss, clock jumps, stalls, replica crashes) happen, then
 * every fault heals and the fleet must settle on one writable primary.
 */
final class FleetScenario {

    /** Result of one run. */
    record Outcome(
            long seed,
            String problem,
            long events,
            int failoverStarts,
            int elections,
            long settleMs,
            boolean switched) {}

    private FleetScenario() {}

    static Outcome run(long seed) {
        java.util.Random pick = new java.util.Random(seed ^ 0x5DEECE66DL);
        int sentinelCount = pick.nextBoolean() ? 3 : 5;
        int quorum = sentinelCount == 3 ? 2 : 2 + pick.nextInt(2);
        int storeCount = 3 + pick.nextInt(2);
        boolean redisTimings = pick.nextInt(5) == 0;
        Timings timings = redisTimings ? Timings.redis() : Timings.vigil();
        long downAfter = 1000;
        long failoverTimeout = 3000;
        long writeLease = !redisTimings && pick.nextBoolean() ? downAfter / 2 : 0;
        SimWorld w =
                new SimWorld(seed, sentinelCount, storeCount, quorum, timings, downAfter, failoverTimeout, writeLease);
        w.note("scenario: " + sentinelCount + " sentinels, quorum " + quorum + ", " + storeCount + " stores, "
                + (redisTimings ? "redis" : "vigil") + " timings"
                + (writeLease > 0 ? ", write fencing lease " + writeLease + " ms" : ""));

        long faultStart = 4000 + pick.nextInt(4000);
        long faultLength = 4000 + pick.nextInt(16_000);
        long heal = faultStart + faultLength;
        w.runUntil(faultStart);

        StoreModel original = w.stores.get(0);
        long masterFault = faultStart + pick.nextInt(3000);
        boolean partitionMaster = pick.nextInt(10) < 3;
        SimSentinel sidekick = pick.nextBoolean() ? w.sentinels.get(pick.nextInt(sentinelCount)) : null;
        w.schedule(masterFault - w.now, () -> {
            if (partitionMaster) {
                original.group = 99;
                if (sidekick != null) {
                    sidekick.group = 99;
                }
                w.note("FAULT master partitioned away" + (sidekick == null ? "" : " with " + sidekick.name()));
            } else {
                w.crash(original);
            }
        });

        int extra = pick.nextInt(7);
        for (int i = 0; i < extra; i++) {
            long at = faultStart + pick.nextInt((int) faultLength);
            int kind = pick.nextInt(7);
            SimSentinel s = w.sentinels.get(pick.nextInt(sentinelCount));
            StoreModel replica = w.stores.get(1 + pick.nextInt(storeCount - 1));
            long duration = 200 + pick.nextInt(5000);
            long jump = pick.nextBoolean() ? 2500 + pick.nextInt(6000) : -(500 + pick.nextInt(4000));
            double rate = 0.05 + pick.nextDouble() * 0.25;
            w.schedule(at - w.now, () -> {
                switch (kind) {
                    case 0 -> {
                        w.crash(s);
                        w.schedule(Math.min(duration, Math.max(0, heal - w.now)), () -> {
                            if (s.node == null) {
                                w.start(s);
                            }
                        });
                    }
                    case 1 -> {
                        w.note("FAULT " + s.name() + " partitioned");
                        s.group = 10 + s.index;
                    }
                    case 2 -> {
                        w.note("FAULT loss " + rate);
                        w.loss = rate;
                    }
                    case 3 -> {
                        w.note("FAULT " + s.name() + " clock jumps " + jump + " ms");
                        s.clockOffset += jump;
                    }
                    case 4 -> {
                        w.note("FAULT " + s.name() + " paused");
                        s.paused = true;
                        w.schedule(2500 + pick.nextInt(2500), () -> {
                            s.paused = false;
                            w.note(s.name() + " resumed");
                        });
                    }
                    case 5 -> {
                        w.crash(replica);
                        w.schedule(duration, () -> w.restart(replica));
                    }
                    default -> {
                        w.note("FAULT " + replica.name() + " partitioned");
                        replica.group = 20 + replica.index;
                    }
                }
            });
        }

        w.runUntil(heal);
        w.note("HEAL");
        w.loss = 0;
        for (SimSentinel s : w.sentinels) {
            s.group = 0;
            s.paused = false;
            if (s.node == null) {
                w.start(s);
            }
        }
        for (StoreModel st : w.stores) {
            st.group = 0;
            long delay = pick.nextInt(2000);
            w.schedule(delay, () -> w.restart(st));
        }
        long settleLimit = redisTimings ? 90_000 : 40_000;
        long settled = -1;
        for (long t = heal; t <= heal + settleLimit; t += 500) {
            w.runUntil(t);
            if (w.convergenceProblem() == null) {
                if (settled < 0) {
                    settled = t;
                }
            } else {
                settled = -1;
            }
        }
        String problem = settled < 0 ? w.convergenceProblem() : null;
        if (problem != null) {
            problem = "seed " + seed + " (replay: -Dvigil.sim.seed=" + seed + "): not settled " + settleLimit
                    + " ms after heal: " + problem + "\n--- recent trace ---\n" + w.trace();
        }
        boolean switched = !original.address.equals(w.sentinels.get(0).node.masterAddress(SimWorld.MASTER));
        return new Outcome(
                seed, problem, w.events, w.failoverStarts, w.elections, settled < 0 ? -1 : settled - heal, switched);
    }
}

package io.vigil.election.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seeded fleet simulation: hundreds of seeds by default, thousands with {@code -Pchaos}, one with
 * {@code -Dvigil.sim.seed=N}. Safety invariants are checked after every event inside {@link SimWorld}; liveness
 * (one named, writable primary that every store replicates) is checked after the faults heal.
 */
class FleetSimulationTest {

    private static final int DEFAULT_SEEDS = 200;
    private static final int CHAOS_SEEDS = 5000;

    @Test
    void fleetKeepsSafetyAndSettlesOnOnePrimary() {
        String one = System.getProperty("vigil.sim.seed");
        long first;
        int count;
        if (one != null && !one.isBlank()) {
            first = Long.parseLong(one.trim());
            count = 1;
        } else {
            first = Long.getLong("vigil.sim.firstSeed", 1);
            count = Boolean.parseBoolean(System.getProperty("vigil.chaos", "false"))
                    ? Integer.getInteger("vigil.sim.seeds", CHAOS_SEEDS)
                    : Integer.getInteger("vigil.sim.seeds", DEFAULT_SEEDS);
        }
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        long events = 0;
        long failovers = 0;
        long maxSettle = 0;
        int switched = 0;
        for (long seed = first; seed < first + count; seed++) {
            try {
                FleetScenario.Outcome o = FleetScenario.run(seed);
                events += o.events();
                failovers += o.failoverStarts();
                maxSettle = Math.max(maxSettle, o.settleMs());
                switched += o.switched() ? 1 : 0;
                if (o.problem() != null) {
                    failures.add(o.problem());
                }
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
            if (failures.size() >= 3) {
                break;
            }
        }
        long ms = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "fleet simulation (chaos=" + System.getProperty("vigil.chaos")
                        + "): %d seeds from %d, %d events, %d failover tries, %d seeds ended on a new primary, max settle %d ms after heal, %d ms%n",
                count,
                first,
                events,
                failovers,
                switched,
                maxSettle,
                ms);
        assertThat(failures).as("failing seeds").isEmpty();
    }
}

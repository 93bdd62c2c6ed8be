package io.vigil.election;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds every action produced after a {@link Action.Persist} until that persist is confirmed, so nothing that
 * reveals an epoch or a vote can leave before it is durable. Actions keep their order; writes complete in token
 * order.
 */
final class DurabilityBarrier {

    private record Held(long barrier, Action action) {}

    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private long issued;
    private long saved;

    /** Issues the next persist token for a state. */
    Action.Persist issue(DurableState state) {
        issued++;
        return new Action.Persist(issued, state);
    }

    /** Records that the persist with this token (and all earlier ones) completed. */
    void saved(long token) {
        if (token < 1 || token > issued) {
            throw new IllegalArgumentException(
                    "persist token " + token + " was never issued (issued tokens are 1.." + issued + ")");
        }
        saved = Math.max(saved, token);
    }

    /** Returns true while a persist is not confirmed. */
    boolean pending() {
        return saved < issued;
    }

    /** Returns how many actions wait for a persist. */
    int heldCount() {
        return held.size();
    }

    /**
     * Passes one step's output: the new persist (if any) first, then the held actions now released, then the
     * step's actions, or holds them when a persist is pending.
     *
     * @param persist the persist issued in this step, or null
     * @param produced the step's other actions, in order
     * @return what the wiring must do now, in order
     */
    List<Action> pass(Action.Persist persist, List<Action> produced) {
        List<Action> result = new ArrayList<>();
        if (persist != null) {
            result.add(persist);
        }
        while (!held.isEmpty() && held.peekFirst().barrier() <= saved) {
            result.add(held.removeFirst().action());
        }
        if (pending()) {
            for (Action a : produced) {
                held.addLast(new Held(issued, a));
            }
        } else {
            result.addAll(produced);
        }
        return result;
    }
}

package io.vigil.election;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the replica to promote. Exclusions, each with a readable reason: SDOWN or disconnected, no reply within
 * the reply validity, INFO older than the INFO validity, priority 0, replica_announced 0, link to the master down
 * longer than down-after*10 + the time the master has been SDOWN, and (Vigil) more than max-lag bytes behind the best
 * known master offset unless overridden. The rest is ordered by lowest priority, highest offset, lowest run id (a
 * missing run id sorts last).
 */
public final class ReplicaRanking {

    private ReplicaRanking() {}

    /**
     * Facts about one replica.
     *
     * @param address address
     * @param runId run id from INFO, or null
     * @param sdown subjectively down
     * @param disconnected link down
     * @param lastAvail time of its last valid PING reply
     * @param infoRefresh time of its last INFO, or -1
     * @param priority slave_priority
     * @param offset slave_repl_offset
     * @param masterLinkDownMs master_link_down_since_seconds * 1000
     * @param announced replica_announced
     */
    public record Candidate(
            Address address,
            String runId,
            boolean sdown,
            boolean disconnected,
            long lastAvail,
            long infoRefresh,
            int priority,
            long offset,
            long masterLinkDownMs,
            boolean announced) {}

    /**
     * Context of the choice.
     *
     * @param now node clock
     * @param masterSdownSince when the master became SDOWN, or -1
     * @param downAfterMs down-after-milliseconds
     * @param replyValidityMs max silence of a candidate
     * @param infoValidityMs max INFO age of a candidate
     * @param maxLagBytes max-lag guard, negative when disabled
     * @param bestMasterOffset best known master offset (master_repl_offset seen), or -1
     * @param overrideMaxLag the operator explicitly overrode the max-lag guard
     */
    public record Context(
            long now,
            long masterSdownSince,
            long downAfterMs,
            long replyValidityMs,
            long infoValidityMs,
            long maxLagBytes,
            long bestMasterOffset,
            boolean overrideMaxLag) {}

    /**
     * A skipped replica.
     *
     * @param address replica
     * @param reason why it was skipped
     */
    public record Exclusion(Address address, String reason) {}

    /**
     * The ranking.
     *
     * @param ranked eligible replicas, best first
     * @param excluded skipped replicas with reasons
     * @param lagOverridden replicas that the max-lag guard would have refused but the override admitted
     */
    public record Ranking(List<Candidate> ranked, List<Exclusion> excluded, List<Exclusion> lagOverridden) {
        /** Returns the best replica, or null when there is none. */
        public Candidate best() {
            return ranked.isEmpty() ? null : ranked.get(0);
        }
    }

    /** Order of eligible replicas: priority ascending, offset descending, run id ascending (null last). */
    public static final Comparator<Candidate> ORDER = Comparator.comparingInt(Candidate::priority)
            .thenComparing(Comparator.comparingLong(Candidate::offset).reversed())
            .thenComparing(Candidate::runId, Comparator.nullsLast(Comparator.naturalOrder()));

    /**
     * Ranks candidates.
     *
     * @param ctx context
     * @param candidates replicas
     * @return ranking with reasons
     */
    public static Ranking rank(Context ctx, List<Candidate> candidates) {
        long maxLinkDown = ctx.downAfterMs() * 10;
        if (ctx.masterSdownSince() >= 0) {
            maxLinkDown += ctx.now() - ctx.masterSdownSince();
        }
        List<Candidate> ok = new ArrayList<>();
        List<Exclusion> excluded = new ArrayList<>();
        List<Exclusion> overridden = new ArrayList<>();
        for (Candidate c : candidates) {
            String why = exclusion(ctx, c, maxLinkDown);
            if (why != null) {
                excluded.add(new Exclusion(c.address(), why));
                continue;
            }
            if (ctx.maxLagBytes() >= 0 && ctx.bestMasterOffset() >= 0) {
                long lag = ctx.bestMasterOffset() - c.offset();
                if (lag > ctx.maxLagBytes()) {
                    String lagWhy =
                            "offset " + c.offset() + " is " + lag + " bytes behind the best known master offset "
                                    + ctx.bestMasterOffset() + " (max-lag " + ctx.maxLagBytes() + ")";
                    if (!ctx.overrideMaxLag()) {
                        excluded.add(new Exclusion(c.address(), lagWhy));
                        continue;
                    }
                    overridden.add(new Exclusion(c.address(), lagWhy + "; admitted by explicit override"));
                }
            }
            ok.add(c);
        }
        ok.sort(ORDER);
        return new Ranking(List.copyOf(ok), List.copyOf(excluded), List.copyOf(overridden));
    }

    private static String exclusion(Context ctx, Candidate c, long maxLinkDown) {
        if (c.sdown()) {
            return "subjectively down";
        }
        if (c.disconnected()) {
            return "link disconnected";
        }
        long silent = ctx.now() - c.lastAvail();
        if (silent > ctx.replyValidityMs()) {
            return "no valid PING reply for " + silent + " ms (> " + ctx.replyValidityMs() + " ms)";
        }
        if (c.priority() == 0) {
            return "slave_priority is 0";
        }
        if (!c.announced()) {
            return "replica_announced is 0";
        }
        if (c.infoRefresh() < 0) {
            return "no INFO received yet";
        }
        long infoAge = ctx.now() - c.infoRefresh();
        if (infoAge > ctx.infoValidityMs()) {
            return "INFO is " + infoAge + " ms old (> " + ctx.infoValidityMs() + " ms)";
        }
        if (c.masterLinkDownMs() > maxLinkDown) {
            return "link to master down for " + c.masterLinkDownMs() + " ms (> " + maxLinkDown
                    + " ms: down-after*10 + master down time)";
        }
        return null;
    }
}

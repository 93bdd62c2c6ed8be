package io.vigil.api.election;

/**
 * Counters of this sentinel's link to one instance, kept by the link layer (monitor), not by the election core.
 *
 * @param pendingCommands commands sent and not yet answered ({@code link-pending-commands})
 * @param refcount how many instance records share the link ({@code link-refcount}); 1 for masters and replicas
 */
public record LinkCounts(long pendingCommands, long refcount) {

    /** What Redis shows for an idle link nobody shares: 0 pending, refcount 1. */
    public static final LinkCounts IDLE = new LinkCounts(0, 1);

    /** Validates the counts. */
    public LinkCounts {
        if (pendingCommands < 0 || refcount < 1) {
            throw new IllegalArgumentException(
                    "need pendingCommands >= 0 and refcount >= 1, got " + pendingCommands + " and " + refcount);
        }
    }
}

package io.vigil.store.types;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's sorted-set skiplist ({@code zskiplist} in {@code t_zset.c}): nodes ordered by (score, member bytes), each
 * forward link carrying the number of nodes it skips so ranks are found in O(log n). Level choice does not affect
 * any reply, so it uses a thread-local random source.
 *
 * <p>Nodes are not objects but ids into parallel primitive arrays (score, backward link, and the forward links and
 * spans of the first {@link #INLINE} levels; the few higher levels in a small per-node array). Relinking a node
 * writes ints, not references: a sorted set that changes all the time costs the collector nothing (a reference
 * store between old objects makes G1 refine a card, which took a quarter of the CPU under {@code ZADD} load), and
 * a search reads contiguous arrays. Id {@link #NIL} is the header, which no link points to, so it also means "no
 * node". Freed ids are reused; {@link #sparse} tells the owner when a copy would be much smaller.
 */
final class ZSkipList {

    static final int MAX_LEVEL = 32;
    /** No node (the end of a level; the backward link of the first node). */
    static final int NIL = 0;

    private static final double P = 0.25;
    private static final int INLINE = 3;
    private static final int HEADER = 0;
    private static final byte[] NO_MEMBER = new byte[0];

    private double[] scores;
    private byte[][] members;
    private int[] backward;
    private byte[] levels;
    /** Forward links of levels below {@link #INLINE}: {@code id * INLINE + level}. */
    private int[] forward;
    /** Spans of levels below {@link #INLINE}, indexed like {@link #forward}. */
    private int[] spans;
    /** Per id, the (link, span) pairs of levels from {@link #INLINE} up, or {@code null}. */
    private int[][] upper;

    private int nextFresh = 1;
    /** Freed ids, chained through their level-0 forward link. */
    private int freeHead = NIL;

    private long heldBytes;

    private int tail = NIL;
    private int length;
    private int level = 1;
    /** Scratch for one search (command thread only): the last node before the spot, per level. */
    private final int[] update = new int[MAX_LEVEL];
    /** Scratch for one insert: the rank of {@link #update}'s node per level. */
    private final int[] rank = new int[MAX_LEVEL];

    ZSkipList() {
        resize(16);
        levels[HEADER] = MAX_LEVEL;
        members[HEADER] = NO_MEMBER;
        upper[HEADER] = new int[2 * (MAX_LEVEL - INLINE)];
    }

    int length() {
        return length;
    }

    /** The first node, or {@link #NIL}. */
    int first() {
        return forward[HEADER * INLINE];
    }

    /** The last node, or {@link #NIL}. */
    int last() {
        return tail;
    }

    /** The node after {@code id}, or {@link #NIL}. */
    int next(int id) {
        return forward[id * INLINE];
    }

    /** The node before {@code id}, or {@link #NIL}. */
    int previous(int id) {
        return backward[id];
    }

    double score(int id) {
        return scores[id];
    }

    byte[] member(int id) {
        return members[id];
    }

    /** Estimated heap bytes: the arrays (by capacity), the upper-level arrays and the members. */
    long heapBytes() {
        long capacity = scores.length;
        return capacity * (8 + 4 + 4 + 1 + 4 + 8L * INLINE) + 7 * 16 + heldBytes;
    }

    /** Whether fewer than a quarter of the allocated ids are in use (a copy would be much smaller). */
    boolean sparse() {
        return scores.length > 64 && length < scores.length / 4;
    }

    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        int c = Double.compare(s1 == 0 ? 0 : s1, s2 == 0 ? 0 : s2);
        return c != 0 ? c : Arrays.compareUnsigned(m1, m2);
    }

    private int forward(int x, int i) {
        return i < INLINE ? forward[x * INLINE + i] : upper[x][2 * (i - INLINE)];
    }

    private void forward(int x, int i, int y) {
        if (i < INLINE) {
            forward[x * INLINE + i] = y;
        } else {
            upper[x][2 * (i - INLINE)] = y;
        }
    }

    private int span(int x, int i) {
        return i < INLINE ? spans[x * INLINE + i] : upper[x][2 * (i - INLINE) + 1];
    }

    private void span(int x, int i, int s) {
        if (i < INLINE) {
            spans[x * INLINE + i] = s;
        } else {
            upper[x][2 * (i - INLINE) + 1] = s;
        }
    }

    private boolean before(int x, double score, byte[] member) {
        return compare(scores[x], members[x], score, member) < 0;
    }

    private static int randomLevel() {
        int lvl = 1;
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (lvl < MAX_LEVEL && r.nextDouble() < P) {
            lvl++;
        }
        return lvl;
    }

    /** Inserts an element that is not present; returns its node. */
    int insert(double score, byte[] member) {
        int id = allocate(randomLevel());
        scores[id] = score;
        members[id] = member;
        heldBytes += ZSetValue.arrayBytes(member.length);
        link(id);
        return id;
    }

    /** Deletes the element with this score and member; returns whether it was present. */
    boolean delete(double score, byte[] member) {
        int x = unlink(score, member);
        if (x == NIL) {
            return false;
        }
        release(x);
        return true;
    }

    /**
     * Changes a node's score (Redis's {@code zslUpdateScore}): in place when the node keeps its position, else by
     * unlinking the node and linking it again at its new place (keeping its id and level, which never depended on
     * the score).
     */
    void updateScore(int id, double newScore) {
        int prev = backward[id];
        int next = forward[id * INLINE];
        if ((prev == NIL || scores[prev] < newScore) && (next == NIL || scores[next] > newScore)) {
            scores[id] = newScore;
            return;
        }
        if (unlink(scores[id], members[id]) != id) {
            throw new IllegalStateException("skiplist node not found by its own score and member");
        }
        scores[id] = newScore;
        link(id);
    }

    /** Links a node that is not in the list at the place of its score and member. */
    private void link(int id) {
        double score = scores[id];
        byte[] member = members[id];
        int x = HEADER;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            int next;
            while ((next = forward(x, i)) != NIL && before(next, score, member)) {
                rank[i] += span(x, i);
                x = next;
            }
            update[i] = x;
        }
        int lvl = levels[id];
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = HEADER;
                span(HEADER, i, length);
            }
            level = lvl;
        }
        for (int i = 0; i < lvl; i++) {
            int prior = update[i];
            forward(id, i, forward(prior, i));
            forward(prior, i, id);
            span(id, i, span(prior, i) - (rank[0] - rank[i]));
            span(prior, i, (rank[0] - rank[i]) + 1);
        }
        for (int i = lvl; i < level; i++) {
            span(update[i], i, span(update[i], i) + 1);
        }
        backward[id] = update[0];
        int next = forward[id * INLINE];
        if (next != NIL) {
            backward[next] = id;
        } else {
            tail = id;
        }
        length++;
    }

    /** Unlinks the node of this score and member and returns it, or returns {@link #NIL} when there is none. */
    private int unlink(double score, byte[] member) {
        int x = HEADER;
        for (int i = level - 1; i >= 0; i--) {
            int next;
            while ((next = forward(x, i)) != NIL && before(next, score, member)) {
                x = next;
            }
            update[i] = x;
        }
        x = forward[x * INLINE];
        if (x == NIL || compare(scores[x], members[x], score, member) != 0) {
            return NIL;
        }
        for (int i = 0; i < level; i++) {
            int prior = update[i];
            if (forward(prior, i) == x) {
                span(prior, i, span(prior, i) + span(x, i) - 1);
                forward(prior, i, forward(x, i));
            } else {
                span(prior, i, span(prior, i) - 1);
            }
        }
        int next = forward[x * INLINE];
        if (next != NIL) {
            backward[next] = backward[x];
        } else {
            tail = backward[x];
        }
        while (level > 1 && forward(HEADER, level - 1) == NIL) {
            level--;
        }
        length--;
        return x;
    }

    private int allocate(int lvl) {
        int id;
        if (freeHead != NIL) {
            id = freeHead;
            freeHead = forward[id * INLINE];
        } else {
            if (nextFresh == scores.length) {
                resize(scores.length * 2);
            }
            id = nextFresh++;
        }
        levels[id] = (byte) lvl;
        if (lvl > INLINE) {
            upper[id] = new int[2 * (lvl - INLINE)];
            heldBytes += 16 + 8L * (lvl - INLINE);
        }
        return id;
    }

    private void release(int id) {
        heldBytes -= ZSetValue.arrayBytes(members[id].length);
        members[id] = null;
        if (upper[id] != null) {
            heldBytes -= 16 + 8L * upper[id].length / 2;
            upper[id] = null;
        }
        forward[id * INLINE] = freeHead;
        freeHead = id;
    }

    private void resize(int capacity) {
        scores = scores == null ? new double[capacity] : Arrays.copyOf(scores, capacity);
        members = members == null ? new byte[capacity][] : Arrays.copyOf(members, capacity);
        backward = backward == null ? new int[capacity] : Arrays.copyOf(backward, capacity);
        levels = levels == null ? new byte[capacity] : Arrays.copyOf(levels, capacity);
        forward = forward == null ? new int[capacity * INLINE] : Arrays.copyOf(forward, capacity * INLINE);
        spans = spans == null ? new int[capacity * INLINE] : Arrays.copyOf(spans, capacity * INLINE);
        upper = upper == null ? new int[capacity][] : Arrays.copyOf(upper, capacity);
    }

    /** How many leading elements satisfy {@code test} (which must hold for a prefix of the order). */
    int countLeading(ZSetValue.Leading test) {
        int x = HEADER;
        long traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            int next;
            while ((next = forward(x, i)) != NIL && test.test(members[next], scores[next])) {
                traversed += span(x, i);
                x = next;
            }
        }
        return (int) traversed;
    }

    /** The node at a 0-based rank, or {@link #NIL}. */
    int byRank(int rank) {
        long target = rank + 1L;
        long traversed = 0;
        int x = HEADER;
        for (int i = level - 1; i >= 0; i--) {
            int next;
            while ((next = forward(x, i)) != NIL && traversed + span(x, i) <= target) {
                traversed += span(x, i);
                x = next;
            }
            if (traversed == target) {
                return x;
            }
        }
        return NIL;
    }
}

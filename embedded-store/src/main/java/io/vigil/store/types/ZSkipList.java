package io.vigil.store.types;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's sorted-set skiplist ({@code zskiplist} in {@code t_zset.c}): nodes ordered by (score, member bytes), each
 * forward link carrying the number of nodes it skips so ranks are found in O(log n). Level choice does not affect
 * any reply, so it uses a thread-local random source.
 *
 * <p>A node keeps its first {@link Node#INLINE} levels in fields, as Redis keeps every level inside the node: a
 * search reads the next node's score and links from one object instead of a node and a separate link array (one
 * cache miss per step instead of two or three). Only the few nodes above that level (one in 64) have arrays.
 */
final class ZSkipList {

    static final int MAX_LEVEL = 32;
    private static final double P = 0.25;

    /** One element. */
    static final class Node {
        /** Levels held in fields; the rest are in {@link #upperForward} / {@link #upperSpan}. */
        static final int INLINE = 3;

        final byte[] member;
        double score;
        Node backward;
        /** How many levels the node has (1 to {@link #MAX_LEVEL}). */
        private final int level;

        private Node f0;
        private Node f1;
        private Node f2;
        private int s0;
        private int s1;
        private int s2;
        private final Node[] upperForward;
        private final int[] upperSpan;

        Node(int level, byte[] member, double score) {
            this.member = member;
            this.score = score;
            this.level = level;
            this.upperForward = level > INLINE ? new Node[level - INLINE] : null;
            this.upperSpan = level > INLINE ? new int[level - INLINE] : null;
        }

        /** The next node at level {@code i}, or {@code null}. */
        Node forward(int i) {
            return switch (i) {
                case 0 -> f0;
                case 1 -> f1;
                case 2 -> f2;
                default -> upperForward[i - INLINE];
            };
        }

        void forward(int i, Node n) {
            switch (i) {
                case 0 -> f0 = n;
                case 1 -> f1 = n;
                case 2 -> f2 = n;
                default -> upperForward[i - INLINE] = n;
            }
        }

        /** How many nodes the level-{@code i} link skips. */
        int span(int i) {
            return switch (i) {
                case 0 -> s0;
                case 1 -> s1;
                case 2 -> s2;
                default -> upperSpan[i - INLINE];
            };
        }

        void span(int i, int s) {
            switch (i) {
                case 0 -> s0 = s;
                case 1 -> s1 = s;
                case 2 -> s2 = s;
                default -> upperSpan[i - INLINE] = s;
            }
        }

        /** Estimated heap bytes of this node, its upper link arrays and its member. */
        long heapBytes() {
            long upper = upperForward == null ? 0 : 2 * ((16 + 4L * upperForward.length + 7) & ~7L);
            return 64 + upper + ZSetValue.arrayBytes(member.length);
        }
    }

    private final Node header = new Node(MAX_LEVEL, new byte[0], 0);
    /** Scratch for one insert or delete (command thread only): the last node before the spot, per level. */
    private final Node[] update = new Node[MAX_LEVEL];
    /** Scratch for one insert: the rank of {@link #update}'s node per level. */
    private final int[] rank = new int[MAX_LEVEL];

    private Node tail;
    private int length;
    private int level = 1;

    int length() {
        return length;
    }

    Node first() {
        return header.f0;
    }

    Node last() {
        return tail;
    }

    static int compare(double s1, byte[] m1, double s2, byte[] m2) {
        int c = Double.compare(s1 == 0 ? 0 : s1, s2 == 0 ? 0 : s2);
        return c != 0 ? c : Arrays.compareUnsigned(m1, m2);
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
    Node insert(double score, byte[] member) {
        return link(new Node(randomLevel(), member, score));
    }

    /** Links a node that is not in the list at the place of its score and member; returns it. */
    private Node link(Node node) {
        double score = node.score;
        byte[] member = node.member;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            Node next;
            while ((next = x.forward(i)) != null && compare(next.score, next.member, score, member) < 0) {
                rank[i] += x.span(i);
                x = next;
            }
            update[i] = x;
        }
        int lvl = node.level;
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                header.span(i, length);
            }
            level = lvl;
        }
        x = node;
        for (int i = 0; i < lvl; i++) {
            Node before = update[i];
            x.forward(i, before.forward(i));
            before.forward(i, x);
            x.span(i, before.span(i) - (rank[0] - rank[i]));
            before.span(i, (rank[0] - rank[i]) + 1);
        }
        for (int i = lvl; i < level; i++) {
            update[i].span(i, update[i].span(i) + 1);
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.f0 != null) {
            x.f0.backward = x;
        } else {
            tail = x;
        }
        length++;
        Arrays.fill(update, 0, level, null);
        return x;
    }

    /** Deletes the element with this score and member; returns its node or {@code null}. */
    Node delete(double score, byte[] member) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            Node next;
            while ((next = x.forward(i)) != null && compare(next.score, next.member, score, member) < 0) {
                x = next;
            }
            update[i] = x;
        }
        x = x.f0;
        if (x == null || compare(x.score, x.member, score, member) != 0) {
            Arrays.fill(update, 0, level, null);
            return null;
        }
        unlink(x);
        return x;
    }

    /**
     * Changes a node's score (Redis's {@code zslUpdateScore}): in place when the node keeps its position, else by
     * unlinking the node and linking it again at its new place. Unlike Redis it keeps the node (and its level, which
     * never depended on the score): no allocation, and no new old-to-young reference for the collector.
     */
    void updateScore(Node node, double newScore) {
        if ((node.backward == null || node.backward.score < newScore)
                && (node.f0 == null || node.f0.score > newScore)) {
            node.score = newScore;
            return;
        }
        if (delete(node.score, node.member) != node) {
            throw new IllegalStateException("skiplist node not found by its own score and member");
        }
        node.score = newScore;
        node.backward = null;
        link(node);
    }

    /** Unlinks {@code x}, found by a search that filled {@link #update}. */
    private void unlink(Node x) {
        for (int i = 0; i < level; i++) {
            Node before = update[i];
            if (before.forward(i) == x) {
                before.span(i, before.span(i) + x.span(i) - 1);
                before.forward(i, x.forward(i));
            } else {
                before.span(i, before.span(i) - 1);
            }
        }
        if (x.f0 != null) {
            x.f0.backward = x.backward;
        } else {
            tail = x.backward;
        }
        Arrays.fill(update, 0, level, null);
        while (level > 1 && header.forward(level - 1) == null) {
            level--;
        }
        length--;
    }

    /** How many leading elements satisfy {@code test} (which must hold for a prefix of the order). */
    int countLeading(ZSetValue.Leading test) {
        Node x = header;
        long traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            Node next;
            while ((next = x.forward(i)) != null && test.test(next.member, next.score)) {
                traversed += x.span(i);
                x = next;
            }
        }
        return (int) traversed;
    }

    /** The node at a 0-based rank, or {@code null}. */
    Node byRank(int rank) {
        long target = rank + 1L;
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            Node next;
            while ((next = x.forward(i)) != null && traversed + x.span(i) <= target) {
                traversed += x.span(i);
                x = next;
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }
}

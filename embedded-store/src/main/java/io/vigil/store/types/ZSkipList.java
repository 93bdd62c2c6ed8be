package io.vigil.store.types;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's sorted-set skiplist ({@code zskiplist} in {@code t_zset.c}): nodes ordered by (score, member bytes), each
 * forward link carrying the number of nodes it skips so ranks are found in O(log n). Level choice does not affect
 * any reply, so it uses a thread-local random source.
 */
final class ZSkipList {

    static final int MAX_LEVEL = 32;
    private static final double P = 0.25;

    /** One element. */
    static final class Node {
        final byte[] member;
        final double score;
        final Node[] forward;
        final long[] span;
        Node backward;

        Node(int level, byte[] member, double score) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new long[level];
        }

        /** Estimated heap bytes of this node, its link arrays and its member. */
        long heapBytes() {
            return 40
                    + ((16 + 4L * forward.length + 7) & ~7L)
                    + (16 + 8L * span.length)
                    + ZSetValue.arrayBytes(member.length);
        }
    }

    private final Node header = new Node(MAX_LEVEL, new byte[0], 0);
    private Node tail;
    private int length;
    private int level = 1;

    int length() {
        return length;
    }

    Node first() {
        return header.forward[0];
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
        Node[] update = new Node[MAX_LEVEL];
        long[] rank = new long[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int lvl = randomLevel();
        if (lvl > level) {
            for (int i = level; i < lvl; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = lvl;
        }
        x = new Node(lvl, member, score);
        for (int i = 0; i < lvl; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = lvl; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
        return x;
    }

    /** Deletes the element with this score and member; returns its node or {@code null}. */
    Node delete(double score, byte[] member) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && compare(x.forward[i].score, x.forward[i].member, score, member) < 0) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x == null || compare(x.score, x.member, score, member) != 0) {
            return null;
        }
        unlink(x, update);
        return x;
    }

    private void unlink(Node x, Node[] update) {
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i] -= 1;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
    }

    /** How many leading elements satisfy {@code test} (which must hold for a prefix of the order). */
    int countLeading(ZSetValue.Leading test) {
        Node x = header;
        long traversed = 0;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && test.test(x.forward[i].member, x.forward[i].score)) {
                traversed += x.span[i];
                x = x.forward[i];
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
            while (x.forward[i] != null && traversed + x.span[i] <= target) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == target) {
                return x;
            }
        }
        return null;
    }
}

package io.vigil.store.types;

import io.vigil.store.keyspace.StoreValue;
import io.vigil.store.keyspace.ValueType;
import java.util.Arrays;

/**
 * A sorted set: unique members ordered by (score, member bytes), as Redis 7.0 keeps them.
 *
 * <p>Two encodings, reported by {@code OBJECT ENCODING}: {@code listpack} (parallel sorted arrays, for at most
 * {@link #MAX_LISTPACK_ENTRIES} members of at most {@link #MAX_LISTPACK_VALUE} bytes; the Redis defaults of {@code
 * zset-max-listpack-entries} / {@code zset-max-listpack-value}) and {@code skiplist} (a {@link ZSkipList} plus a hash
 * table from member to node ({@link ByteTable}, scanned with Redis's reverse-binary cursor)). A set converts to {@code skiplist} when a threshold is crossed and never converts back,
 * as in Redis; {@link #of} builds a new set in the smallest encoding that fits (ZUNIONSTORE and friends).
 *
 * <p>As in Redis, a {@code listpack} stores scores as text, so {@code -0} becomes {@code 0} there; a {@code
 * skiplist} keeps {@code -0}.
 *
 * <p>Members are never modified in place, so they may be shared with the request that supplied them. Callers report
 * {@link #memoryUsage()} deltas to {@code Database.adjustMemory}.
 */
public final class ZSetValue implements StoreValue {

    /** Redis's default {@code zset-max-listpack-entries}. */
    public static final int MAX_LISTPACK_ENTRIES = 128;
    /** Redis's default {@code zset-max-listpack-value}. */
    public static final int MAX_LISTPACK_VALUE = 64;

    private static final long OBJECT_BYTES = 40;
    private static final long SKIPLIST_BASE_BYTES = 600;
    /** Estimated bytes per member of a skiplist's index: the chain node and the boxed node id. */
    private static final long INDEX_ENTRY_BYTES = ByteTable.NODE_BYTES + 16;

    /** A test over elements that holds for a leading run of the order (false from some rank on). */
    public interface Leading {
        /** Whether the element belongs to the leading run. */
        boolean test(byte[] member, double score);
    }

    /** Receives elements of a range. */
    public interface Visitor {
        /** One element. */
        void visit(byte[] member, double score);
    }

    private byte[][] members;
    private double[] scores;
    private int size;
    private ZSkipList zsl;
    /** Skiplist: member to node id. */
    private ByteTable<Integer> index;
    /** Listpack: bytes of the member arrays (a skiplist's estimate is derived from its size). */
    private long bytes;

    /** An empty set in the {@code listpack} encoding. */
    public ZSetValue() {
        members = new byte[4][];
        scores = new double[4];
    }

    /** A new set holding the given elements, in {@code listpack} when they fit (members must be distinct). */
    public static ZSetValue of(byte[][] memberList, double[] scoreList, int count) {
        ZSetValue z = new ZSetValue();
        boolean small = count <= MAX_LISTPACK_ENTRIES;
        for (int i = 0; i < count && small; i++) {
            small = memberList[i].length <= MAX_LISTPACK_VALUE;
        }
        if (!small) {
            z.toSkiplist();
        }
        for (int i = 0; i < count; i++) {
            z.add(memberList[i], scoreList[i]);
        }
        return z;
    }

    /** Heap bytes of a {@code byte[]} of this length (16-byte header, 8-byte alignment). */
    static long arrayBytes(int length) {
        return 16 + ((length + 7L) & ~7L);
    }

    @Override
    public ValueType type() {
        return ValueType.ZSET;
    }

    @Override
    public String encoding() {
        return zsl == null ? "listpack" : "skiplist";
    }

    @Override
    public long memoryUsage() {
        if (zsl != null) {
            return OBJECT_BYTES
                    + SKIPLIST_BASE_BYTES
                    + zsl.heapBytes()
                    + zsl.length() * INDEX_ENTRY_BYTES
                    + index.tableBytes();
        }
        return OBJECT_BYTES + (16 + 4L * members.length) + (16 + 8L * scores.length) + bytes;
    }

    @Override
    public ZSetValue copy() {
        ZSetValue c = new ZSetValue();
        if (zsl != null) {
            c.toSkiplist();
        }
        forRange(0, size() - 1, false, c::add);
        return c;
    }

    /** Number of members. */
    public int size() {
        return zsl == null ? size : zsl.length();
    }

    /** The member's score, or {@code null} when absent. */
    public Double score(byte[] member) {
        if (zsl != null) {
            ByteTable.Node<Integer> n = index.find(member);
            return n == null ? null : zsl.score(n.value);
        }
        int i = find(member);
        return i < 0 ? null : scores[i];
    }

    private int find(byte[] member) {
        for (int i = 0; i < size; i++) {
            if (Arrays.equals(members[i], member)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Sets a member's score, inserting it when absent.
     *
     * @return whether the member is new
     */
    public boolean add(byte[] member, double score) {
        if (zsl == null && (size + 1 > MAX_LISTPACK_ENTRIES || member.length > MAX_LISTPACK_VALUE)) {
            if (find(member) < 0) {
                toSkiplist();
            }
        }
        if (zsl != null) {
            ByteTable.Node<Integer> entry = index.find(member);
            if (entry != null) {
                int id = entry.value;
                if (zsl.score(id) != score) {
                    zsl.updateScore(id, score);
                }
                return false;
            }
            index.insert(member, zsl.insert(score, member));
            return true;
        }
        int at = find(member);
        byte[] m = member;
        if (at >= 0 && scores[at] == score) {
            return false;
        }
        if (at >= 0) {
            m = members[at];
            removeAt(at);
        }
        insertSorted(m, score);
        return at < 0;
    }

    private void insertSorted(byte[] member, double rawScore) {
        double score = rawScore == 0 ? 0.0 : rawScore;
        if (size == members.length) {
            members = Arrays.copyOf(members, size * 2);
            scores = Arrays.copyOf(scores, size * 2);
        }
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ZSkipList.compare(scores[mid], members[mid], score, member) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        System.arraycopy(members, lo, members, lo + 1, size - lo);
        System.arraycopy(scores, lo, scores, lo + 1, size - lo);
        members[lo] = member;
        scores[lo] = score;
        size++;
        bytes += arrayBytes(member.length);
    }

    private void removeAt(int i) {
        bytes -= arrayBytes(members[i].length);
        System.arraycopy(members, i + 1, members, i, size - i - 1);
        System.arraycopy(scores, i + 1, scores, i, size - i - 1);
        size--;
        members[size] = null;
    }

    /** Removes a member; returns whether it was present. */
    public boolean remove(byte[] member) {
        if (zsl != null) {
            ByteTable.Node<Integer> entry = index.remove(member);
            if (entry == null) {
                return false;
            }
            int id = entry.value;
            zsl.delete(zsl.score(id), zsl.member(id));
            if (zsl.sparse()) {
                compact();
            }
            return true;
        }
        int i = find(member);
        if (i < 0) {
            return false;
        }
        removeAt(i);
        return true;
    }

    /** The 0-based ascending rank of a member, or -1 when absent. */
    public int rank(byte[] member) {
        Double s = score(member);
        if (s == null) {
            return -1;
        }
        double score = s;
        return countLeading((m, sc) -> ZSkipList.compare(sc, m, score, member) < 0);
    }

    /**
     * How many leading elements (in ascending order) satisfy {@code test}, which must hold for a prefix of the order
     * (e.g. "score below min").
     */
    public int countLeading(Leading test) {
        if (zsl != null) {
            return zsl.countLeading(test);
        }
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (test.test(members[mid], scores[mid])) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Number of elements whose score is below the range's minimum. */
    public int countBelow(ScoreRange r) {
        return countLeading((m, s) -> !r.gteMin(s));
    }

    /** Number of elements whose score is at most the range's maximum. */
    public int countUpTo(ScoreRange r) {
        return countLeading((m, s) -> r.lteMax(s));
    }

    /** Number of elements whose member is below the range's minimum. */
    public int countBelow(LexRange r) {
        return countLeading((m, s) -> !r.gteMin(m));
    }

    /** Number of elements whose member is at most the range's maximum. */
    public int countUpTo(LexRange r) {
        return countLeading((m, s) -> r.lteMax(m));
    }

    /** The member at a 0-based ascending rank. */
    public byte[] memberAt(int rank) {
        return zsl != null ? zsl.member(zsl.byRank(rank)) : members[rank];
    }

    /** The score at a 0-based ascending rank. */
    public double scoreAt(int rank) {
        return zsl != null ? zsl.score(zsl.byRank(rank)) : scores[rank];
    }

    /** Visits ranks {@code start..end} (ascending ranks, inclusive), from {@code end} down when {@code reverse}. */
    public void forRange(int start, int end, boolean reverse, Visitor v) {
        if (start > end) {
            return;
        }
        if (zsl == null) {
            for (int i = 0; i <= end - start; i++) {
                int at = reverse ? end - i : start + i;
                v.visit(members[at], scores[at]);
            }
            return;
        }
        int n = zsl.byRank(reverse ? end : start);
        for (int i = 0; i <= end - start; i++) {
            v.visit(zsl.member(n), zsl.score(n));
            n = reverse ? zsl.previous(n) : zsl.next(n);
        }
    }

    /** Removes ranks {@code start..end} (inclusive, valid); returns how many were removed. */
    public int removeRange(int start, int end) {
        if (start > end) {
            return 0;
        }
        int count = end - start + 1;
        if (zsl == null) {
            for (int i = start; i <= end; i++) {
                bytes -= arrayBytes(members[i].length);
            }
            System.arraycopy(members, end + 1, members, start, size - end - 1);
            System.arraycopy(scores, end + 1, scores, start, size - end - 1);
            Arrays.fill(members, size - count, size, null);
            size -= count;
            return count;
        }
        byte[][] doomed = new byte[count][];
        int[] i = {0};
        forRange(start, end, false, (m, s) -> doomed[i[0]++] = m);
        for (byte[] m : doomed) {
            remove(m);
        }
        return count;
    }

    /**
     * One ZSCAN step. A {@code listpack} returns every element and cursor 0, as Redis does; a {@code skiplist} visits
     * whole buckets of its member table from {@code cursor} until about {@code count} members (at most {@code 10 *
     * count} buckets, as Redis's {@code scanGenericCommand}) and returns the next cursor, 0 when done.
     */
    public long scan(long cursor, long count, Visitor visitor) {
        if (zsl == null) {
            forRange(0, size - 1, false, visitor);
            return 0;
        }
        long[] visited = {0};
        long buckets = Math.max(1, count) * 10;
        do {
            cursor = index.scan(cursor, (m, n) -> {
                visitor.visit(m, zsl.score(n));
                visited[0]++;
            });
        } while (cursor != 0 && --buckets > 0 && visited[0] < count);
        return cursor;
    }

    /** Rebuilds a skiplist whose ids are mostly freed, so that its arrays shrink with the set. */
    private void compact() {
        ZSkipList list = new ZSkipList();
        ByteTable<Integer> idx = new ByteTable<>(zsl.length());
        for (int n = zsl.first(); n != ZSkipList.NIL; n = zsl.next(n)) {
            idx.insert(zsl.member(n), list.insert(zsl.score(n), zsl.member(n)));
        }
        zsl = list;
        index = idx;
    }

    private void toSkiplist() {
        ZSkipList list = new ZSkipList();
        ByteTable<Integer> idx = new ByteTable<>(size);
        for (int i = 0; i < size; i++) {
            idx.insert(members[i], list.insert(scores[i], members[i]));
        }
        zsl = list;
        index = idx;
        members = null;
        scores = null;
        size = 0;
        bytes = 0;
    }
}

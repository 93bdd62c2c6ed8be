package io.vigil.config.sentinel;

import io.vigil.config.ValueTypes;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What a sentinel persists in sentinel.conf, as a plain value: its id, its current epoch, and every monitored master
 * with its options and discovered state. {@link SentinelStateStore#save} writes it durably.
 *
 * @param myId the sentinel's 40-hex run id; empty until one is generated ({@link #newRunId})
 * @param currentEpoch the highest epoch seen or started, never lower than any master's config or leader epoch
 * @param masters the monitored masters, in order, unique by name
 */
public record SentinelState(Optional<String> myId, long currentEpoch, List<MasterState> masters) {

    /** An empty state: no id yet, epoch 0, no masters. */
    public static final SentinelState EMPTY = new SentinelState(Optional.empty(), 0, List.of());

    /** Validates the id, the epoch and unique names; copies the list. */
    public SentinelState {
        if (myId.isPresent()) {
            if (!ValueTypes.isRunId(myId.get())) {
                throw new IllegalArgumentException("myid must be 40 hexadecimal characters, was '" + myId.get() + "'");
            }
            myId = Optional.of(myId.get().toLowerCase(Locale.ROOT));
        }
        if (currentEpoch < 0) {
            throw new IllegalArgumentException("current-epoch must be >= 0, was " + currentEpoch);
        }
        Set<String> names = new HashSet<>();
        for (MasterState master : masters) {
            if (!names.add(master.name())) {
                throw new IllegalArgumentException("master '" + master.name() + "' is listed twice");
            }
            long highest = Math.max(master.configEpoch(), master.leaderEpoch());
            if (highest > currentEpoch) {
                throw new IllegalArgumentException("master '" + master.name() + "' has config-epoch "
                        + master.configEpoch() + " / leader-epoch " + master.leaderEpoch() + " above current-epoch "
                        + currentEpoch + "; raise the current epoch first");
            }
        }
        masters = List.copyOf(masters);
    }

    /** A new random 40-hex run id, as Redis generates for {@code sentinel myid}. */
    public static String newRunId(Random random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** A new random run id from a {@link SecureRandom}. */
    public static String newRunId() {
        return newRunId(new SecureRandom());
    }

    /** The master called {@code name}, if monitored. */
    public Optional<MasterState> master(String name) {
        return masters.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** A copy with an id. */
    public SentinelState withMyId(String id) {
        return new SentinelState(Optional.of(id), currentEpoch, masters);
    }

    /** A copy with another current epoch. */
    public SentinelState withCurrentEpoch(long epoch) {
        return new SentinelState(myId, epoch, masters);
    }

    /** A copy where {@code master} replaces the master of the same name, or is added at the end. */
    public SentinelState withMaster(MasterState master) {
        List<MasterState> copy = new ArrayList<>(masters);
        int index = -1;
        for (int i = 0; i < copy.size(); i++) {
            if (copy.get(i).name().equals(master.name())) {
                index = i;
            }
        }
        if (index >= 0) {
            copy.set(index, master);
        } else {
            copy.add(master);
        }
        return new SentinelState(myId, currentEpoch, copy);
    }

    /** A copy without the master called {@code name}. */
    public SentinelState withoutMaster(String name) {
        List<MasterState> copy = new ArrayList<>(masters);
        copy.removeIf(m -> m.name().equals(name));
        return new SentinelState(myId, currentEpoch, copy);
    }
}

package io.vigil.api.sentinel;

import java.util.List;
import java.util.Objects;

/**
 * One checked {@code option value...} pair of {@code SENTINEL SET}. Integer options carry their decimal text; the
 * RESP port has already checked it against {@link MasterOption#kind()}.
 *
 * @param option the option
 * @param values its values, {@link MasterOption#values()} of them
 */
public record MasterSetting(MasterOption option, List<String> values) {

    /** Checks the value count. */
    public MasterSetting {
        Objects.requireNonNull(option, "option");
        values = List.copyOf(values);
        if (values.size() != option.valueCount()) {
            throw new IllegalArgumentException(
                    option.wireName() + " takes " + option.valueCount() + " value(s), got " + values.size());
        }
    }

    /** The first value as a number; only for integer options. */
    public long longValue() {
        if (option.kind() != MasterOption.Kind.POSITIVE && option.kind() != MasterOption.Kind.NON_NEGATIVE) {
            throw new IllegalStateException(option.wireName() + " is not an integer option");
        }
        return Long.parseLong(values.get(0));
    }
}

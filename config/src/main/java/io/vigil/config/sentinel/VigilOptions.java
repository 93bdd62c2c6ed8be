package io.vigil.config.sentinel;

import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Vigil's own global options ({@code vigil <option> <value>} in sentinel.conf). Timings are a {@link TimingProfile}
 * plus the values the operator set explicitly; an empty value means "the profile's". The wiring applies them as
 * {@code profile == REDIS ? Timings.redis() : Timings.vigil()}, then each present override.
 *
 * @param profile {@code timing-profile} (default {@link TimingProfile#VIGIL})
 * @param pingPeriodMs {@code ping-period-ms}: PING to every instance this often
 * @param infoPeriodMs {@code info-period-ms}: INFO to masters and replicas this often
 * @param helloPeriodMs {@code hello-period-ms}: hello messages this often
 * @param askPeriodMs {@code ask-period-ms}: ask peers about a down master this often
 * @param failoverDesyncMaxMs {@code failover-desync-max-ms}: largest random delay before starting a failover
 * @param tiltPeriodMs {@code tilt-period-ms}: how long TILT lasts
 * @param tiltTriggerMs {@code tilt-trigger-ms}: a timer gap longer than this enters TILT
 * @param httpPort {@code http-port}: REST/WebSocket port; empty = off
 */
public record VigilOptions(
        TimingProfile profile,
        OptionalLong pingPeriodMs,
        OptionalLong infoPeriodMs,
        OptionalLong helloPeriodMs,
        OptionalLong askPeriodMs,
        OptionalLong failoverDesyncMaxMs,
        OptionalLong tiltPeriodMs,
        OptionalLong tiltTriggerMs,
        OptionalInt httpPort) {

    /** The Vigil profile, nothing overridden, HTTP off. */
    public static final VigilOptions DEFAULTS = new VigilOptions(
            TimingProfile.VIGIL,
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalLong.empty(),
            OptionalInt.empty());

    /** Validates ranges. */
    public VigilOptions {
        requirePositive("ping-period-ms", pingPeriodMs);
        requirePositive("info-period-ms", infoPeriodMs);
        requirePositive("hello-period-ms", helloPeriodMs);
        requirePositive("ask-period-ms", askPeriodMs);
        if (failoverDesyncMaxMs.isPresent() && failoverDesyncMaxMs.getAsLong() < 0) {
            throw new IllegalArgumentException(
                    "failover-desync-max-ms must be >= 0, was " + failoverDesyncMaxMs.getAsLong());
        }
        requirePositive("tilt-period-ms", tiltPeriodMs);
        requirePositive("tilt-trigger-ms", tiltTriggerMs);
        if (httpPort.isPresent() && (httpPort.getAsInt() < 1 || httpPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("http-port must be in 1..65535, was " + httpPort.getAsInt());
        }
    }

    private static void requirePositive(String name, OptionalLong value) {
        if (value.isPresent() && value.getAsLong() < 1) {
            throw new IllegalArgumentException(name + " must be a positive integer, was " + value.getAsLong());
        }
    }
}

package io.vigil.config.sentinel;

import java.util.OptionalInt;

/**
 * Vigil's own global options ({@code vigil <option> <value>} in sentinel.conf). The defaults are Redis Sentinel's
 * fixed timings.
 *
 * @param pingPeriodMs {@code ping-period-ms}: PING to every instance this often (Redis: 1000)
 * @param infoPeriodMs {@code info-period-ms}: INFO to masters and replicas this often (Redis: 10000)
 * @param helloPeriodMs {@code hello-period-ms}: hello messages this often (Redis: 2000)
 * @param askPeriodMs {@code ask-period-ms}: ask peers about a down master this often (Redis: 1000)
 * @param failoverDesyncMaxMs {@code failover-desync-max-ms}: random delay added before starting a failover, so that
 *     sentinels do not all start at once (Redis: up to 1000)
 * @param tiltPeriodMs {@code tilt-period-ms}: how long TILT lasts (Redis: 30000)
 * @param tiltTriggerMs {@code tilt-trigger-ms}: a timer gap longer than this enters TILT (Redis: 2000)
 * @param httpPort {@code http-port}: REST/WebSocket port; empty = off
 */
public record VigilOptions(
        long pingPeriodMs,
        long infoPeriodMs,
        long helloPeriodMs,
        long askPeriodMs,
        long failoverDesyncMaxMs,
        long tiltPeriodMs,
        long tiltTriggerMs,
        OptionalInt httpPort) {

    /** Redis Sentinel's timings, HTTP off. */
    public static final VigilOptions DEFAULTS =
            new VigilOptions(1_000, 10_000, 2_000, 1_000, 1_000, 30_000, 2_000, OptionalInt.empty());

    /** Validates ranges. */
    public VigilOptions {
        requirePositive("ping-period-ms", pingPeriodMs);
        requirePositive("info-period-ms", infoPeriodMs);
        requirePositive("hello-period-ms", helloPeriodMs);
        requirePositive("ask-period-ms", askPeriodMs);
        if (failoverDesyncMaxMs < 0) {
            throw new IllegalArgumentException("failover-desync-max-ms must be >= 0, was " + failoverDesyncMaxMs);
        }
        requirePositive("tilt-period-ms", tiltPeriodMs);
        requirePositive("tilt-trigger-ms", tiltTriggerMs);
        if (httpPort.isPresent() && (httpPort.getAsInt() < 1 || httpPort.getAsInt() > 65535)) {
            throw new IllegalArgumentException("http-port must be in 1..65535, was " + httpPort.getAsInt());
        }
    }

    private static void requirePositive(String name, long value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be a positive integer, was " + value);
        }
    }
}

package io.vigil.sentinel.core;

import io.vigil.config.sentinel.TimingProfile;
import io.vigil.config.sentinel.VigilOptions;
import io.vigil.election.Timings;

/** Turns the {@code vigil <option>} timing directives of sentinel.conf into the core's {@link Timings}. */
public final class TimingsMapping {

    private TimingsMapping() {}

    /** The profile's timings with every option the file sets applied on top. */
    public static Timings timings(VigilOptions options) {
        Timings.Builder b = (options.profile() == TimingProfile.REDIS ? Timings.redis() : Timings.vigil()).toBuilder();
        options.pingPeriodMs().ifPresent(b::pingPeriodMs);
        options.infoPeriodMs().ifPresent(b::infoPeriodMs);
        options.helloPeriodMs().ifPresent(b::helloPeriodMs);
        options.askPeriodMs().ifPresent(b::askPeriodMs);
        options.failoverDesyncMaxMs().ifPresent(b::failoverDesyncMaxMs);
        options.tiltPeriodMs().ifPresent(b::tiltPeriodMs);
        options.tiltTriggerMs().ifPresent(b::tiltTriggerMs);
        return b.build();
    }
}

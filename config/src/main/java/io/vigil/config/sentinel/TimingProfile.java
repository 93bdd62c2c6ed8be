package io.vigil.config.sentinel;

/**
 * The set of timing defaults a sentinel starts from ({@code vigil timing-profile}); each {@code vigil *-ms} directive
 * overrides one value. The values themselves are defined by the election core ({@code io.vigil.election.Timings}) and
 * listed in docs/configuration.md.
 */
public enum TimingProfile {
    /** Vigil's faster defaults (PING every 100 ms, peers asked at once on SDOWN, TILT 10 s). */
    VIGIL,
    /** Redis Sentinel 7's fixed timings (PING 1 s, INFO 10 s, hello 2 s, ask 1 s, TILT 30 s). */
    REDIS
}

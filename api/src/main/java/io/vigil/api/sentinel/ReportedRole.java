package io.vigil.api.sentinel;

/** The role an instance reports in its INFO ({@code role-reported}). */
public enum ReportedRole {
    /** {@code role:master}. */
    MASTER("master"),
    /** {@code role:slave}. */
    SLAVE("slave");

    private final String wireName;

    ReportedRole(String wireName) {
        this.wireName = wireName;
    }

    /** {@code master} or {@code slave}. */
    public String wireName() {
        return wireName;
    }
}

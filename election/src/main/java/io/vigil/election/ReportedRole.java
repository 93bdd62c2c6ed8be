package io.vigil.election;

/** The role an instance reports in the {@code role:} field of INFO. */
public enum ReportedRole {
    /** {@code role:master}. */
    MASTER,
    /** {@code role:slave}. */
    REPLICA,
    /** Not reported yet, or a value Vigil does not know. */
    UNKNOWN;

    /**
     * Maps an INFO {@code role:} value.
     *
     * @param info {@code master}, {@code slave} (or {@code replica}); anything else is UNKNOWN
     * @return the role
     */
    public static ReportedRole fromInfo(String info) {
        if ("master".equals(info)) {
            return MASTER;
        }
        if ("slave".equals(info) || "replica".equals(info)) {
            return REPLICA;
        }
        return UNKNOWN;
    }

    /** Returns the word Redis uses in {@code role-reported} and {@code +role-change}. */
    public String infoName() {
        return switch (this) {
            case MASTER -> "master";
            case REPLICA -> "slave";
            case UNKNOWN -> "unknown";
        };
    }
}

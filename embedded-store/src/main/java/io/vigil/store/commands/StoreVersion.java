package io.vigil.store.commands;

/** The Vigil version reported in {@code INFO server} as {@code vigil_version}. */
final class StoreVersion {

    /** From the jar manifest when packaged, {@code dev} otherwise. */
    static final String VERSION = version();

    private StoreVersion() {}

    private static String version() {
        String v = StoreVersion.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}

package io.vigil.store.script;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Lower-case hex SHA-1 of a byte string, as {@code SCRIPT LOAD} and {@code redis.sha1hex} return it. */
public final class Sha1Hex {

    private Sha1Hex() {}

    /** The 40-character hex digest of {@code data}. */
    public static String of(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-1, which every Java platform must provide", e);
        }
    }
}

package io.vigil.api.resp.impl;

import io.vigil.resp.RespError;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A reply as a value, built by commands and written by {@link ReplyEncoder} in the connection's RESP version. Keeping
 * replies as values lets tests check field order and types without a socket.
 */
public sealed interface Reply {

    /** {@code +OK}. */
    Simple OK = new Simple("OK");

    /** {@code :0}. */
    Int ZERO = new Int(0);

    /** {@code :1}. */
    Int ONE = new Int(1);

    /** The null bulk string ({@code $-1} / {@code _}). */
    Bulk NULL = new Bulk(null);

    /** The null array ({@code *-1} / {@code _}). */
    NullArray NULL_ARRAY = new NullArray();

    /** A simple string {@code +text}. */
    record Simple(String text) implements Reply {
        /** Rejects CR and LF, which would break the protocol. */
        public Simple {
            if (text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a simple string cannot contain CR or LF: " + text);
            }
        }
    }

    /** An error from the catalog. */
    record Error(RespError error) implements Reply {
        /** Checks for null. */
        public Error {
            Objects.requireNonNull(error, "error");
        }
    }

    /** An integer {@code :n}. */
    record Int(long value) implements Reply {}

    /** A bulk string; {@code null} text is the null bulk. Text is Latin-1 (one char per byte). */
    record Bulk(String text) implements Reply {}

    /** The null array. */
    record NullArray() implements Reply {}

    /** An array. */
    record Array(List<Reply> items) implements Reply {
        /** Copies the items. */
        public Array {
            items = List.copyOf(items);
        }
    }

    /** A map (RESP3 {@code %}), written as a flat array in RESP2. {@code entries} alternate key, value. */
    record MapReply(List<Reply> entries) implements Reply {
        /** Copies the entries and checks they come in pairs. */
        public MapReply {
            entries = List.copyOf(entries);
            if (entries.size() % 2 != 0) {
                throw new IllegalArgumentException("a map needs key/value pairs, got " + entries.size() + " items");
            }
        }

        /** The keys, in order (assuming bulk-string keys). */
        public List<String> keys() {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < entries.size(); i += 2) {
                keys.add(((Bulk) entries.get(i)).text());
            }
            return keys;
        }

        /** The value for bulk-string key {@code key}, or null. */
        public Reply get(String key) {
            for (int i = 0; i < entries.size(); i += 2) {
                if (entries.get(i) instanceof Bulk bulk && key.equals(bulk.text())) {
                    return entries.get(i + 1);
                }
            }
            return null;
        }
    }

    /** A push (RESP3 {@code >}), written as an array in RESP2: pub/sub messages and confirmations. */
    record Push(List<Reply> items) implements Reply {
        /** Copies the items. */
        public Push {
            items = List.copyOf(items);
        }
    }

    /** Several replies written one after another (e.g. one confirmation per channel of SUBSCRIBE a b). */
    record Sequence(List<Reply> replies) implements Reply {
        /** Copies the replies. */
        public Sequence {
            replies = List.copyOf(replies);
        }
    }

    /** A reply that is not ready yet; the connection waits for it before running the next command. */
    record Deferred(CompletionStage<Reply> stage) implements Reply {
        /** Checks for null. */
        public Deferred {
            Objects.requireNonNull(stage, "stage");
        }
    }

    /** Write {@code last} (when not null), then close the connection. */
    record Close(Reply last) implements Reply {}

    /** A bulk string. */
    static Bulk bulk(String text) {
        return new Bulk(text);
    }

    /** A bulk string holding the decimal digits of {@code value}. */
    static Bulk bulk(long value) {
        return new Bulk(Long.toString(value));
    }

    /** An integer. */
    static Int integer(long value) {
        return new Int(value);
    }

    /** An error. */
    static Error error(RespError error) {
        return new Error(error);
    }

    /** An array of bulk strings. */
    static Array bulks(List<String> texts) {
        List<Reply> items = new ArrayList<>(texts.size());
        for (String text : texts) {
            items.add(new Bulk(text));
        }
        return new Array(items);
    }

    /** An array. */
    static Array array(Reply... items) {
        return new Array(List.of(items));
    }
}

package io.vigil.store.aof;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vigil.resp.RespLimits;
import io.vigil.resp.RespProtocolException;
import io.vigil.resp.RespRequestDecoder;
import io.vigil.store.engine.Client;
import io.vigil.store.engine.ClientOutput;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.persistence.Persistence;
import io.vigil.store.persistence.RdbInfo;
import io.vigil.store.persistence.RdbReader;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the files of an AOF manifest into an engine (Redis's {@code loadAppendOnlyFiles}; at start a private engine
 * on the loader thread, see {@link AppendOnlyFile#startupLoad}): the
 * base (an RDB preamble when it starts with {@code REDIS}, else commands), then each incremental file, whose
 * commands run through the engine's dispatcher as a client without a connection. A torn tail (a crash in the middle
 * of a write) is cut off when {@code aof-load-truncated yes} and it is in the last file, a transaction the file ends
 * inside of included; anything else (a torn tail earlier, a bad format, an unknown command, a missing file) fails
 * the load with a message naming the file.
 */
final class AofLoader {

    private static final Logger LOG = LoggerFactory.getLogger(AofLoader.class);
    private static final int CHUNK = 1 << 20;
    private static final byte[] MULTI = "multi".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXEC = "exec".getBytes(StandardCharsets.US_ASCII);

    /** What a load did. */
    record Result(long baseKeys, long commands, long truncatedBytes) {}

    private final StoreEngine engine;
    private final Path dir;
    private final boolean truncatedOk;
    private long commands;
    private long truncatedBytes;
    private final AtomicLong bytesRead;
    /** The {@code used-mem} aux field of the RDB preamble ({@code loading_rdb_used_mem}), or 0. */
    private volatile long rdbUsedMem;

    AofLoader(StoreEngine engine, Path dir, boolean truncatedOk, AtomicLong bytesRead) {
        this.engine = engine;
        this.dir = dir;
        this.truncatedOk = truncatedOk;
        this.bytesRead = bytesRead;
    }

    Result load(AofManifest manifest) throws IOException {
        List<AofManifest.Part> files = new ArrayList<>();
        if (manifest.base() != null) {
            files.add(manifest.base());
        }
        files.addAll(manifest.incrs());
        long baseKeys = 0;
        for (int i = 0; i < files.size(); i++) {
            AofManifest.Part part = files.get(i);
            Path file = dir.resolve(part.name());
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString(), null, "the AOF manifest names a file that is missing");
            }
            boolean last = i == files.size() - 1;
            if (startsWithRdb(file)) {
                baseKeys += loadRdb(file);
            } else {
                loadCommands(file, last);
            }
        }
        return new Result(baseKeys, commands, truncatedBytes);
    }

    /** The {@code used-mem} the RDB preamble recorded, once read ({@code loading_rdb_used_mem}); 0 otherwise. */
    long rdbUsedMem() {
        return rdbUsedMem;
    }

    private static boolean startsWithRdb(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(5);
            return new String(head, StandardCharsets.US_ASCII).equals("REDIS");
        }
    }

    private long loadRdb(Path file) throws IOException {
        LOG.info("Reading RDB base file on AOF loading...");
        try (InputStream in = new BufferedInputStream(new Counting(Files.newInputStream(file)), CHUNK)) {
            RdbInfo info = RdbReader.loadInto(
                    in, engine.keyspace(), engine.clock().millis(), true, (db, key) -> {}, (k, v) -> {
                        if (k.equals("used-mem")) {
                            rdbUsedMem = Persistence.parseOrZero(v);
                        }
                    });
            return info.keysLoaded();
        } catch (IOException e) {
            throw new IOException("Bad RDB preamble in the AOF base file " + file + ": " + e.getMessage(), e);
        }
    }

    private void loadCommands(Path file, boolean last) throws IOException {
        RespRequestDecoder decoder = new RespRequestDecoder(RespLimits.DEFAULT.withMaxBulkLength(Long.MAX_VALUE));
        Client client = engine.connect(new Discard());
        if (client == null) {
            throw new IOException("no client slot to load the AOF");
        }
        client.authenticated(true);
        ByteBuf cum = Unpooled.buffer(CHUNK);
        long consumedBefore = 0; // file offset of cum's index 0
        long validUpTo = 0;
        long validBeforeMulti = -1;
        boolean eof = false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
            while (!eof) {
                chunk.clear();
                int n = ch.read(chunk);
                if (n < 0) {
                    eof = true;
                } else {
                    chunk.flip();
                    cum.writeBytes(chunk);
                    bytesRead.addAndGet(n);
                }
                byte[][] args;
                while (true) {
                    if (!decoder.inProgress() && skipAnnotation(cum)) {
                        validUpTo = consumedBefore + cum.readerIndex();
                        continue;
                    }
                    try {
                        args = decoder.decode(cum);
                    } catch (RespProtocolException e) {
                        throw new IOException("Bad file format reading the append only file " + file + " at offset "
                                + (consumedBefore + cum.readerIndex()) + ": " + e.getMessage());
                    }
                    if (args == null) {
                        break;
                    }
                    long before = validUpTo;
                    validUpTo = consumedBefore + cum.readerIndex();
                    if (engine.resolve(args) == null) {
                        throw new IOException("Unknown command '" + new String(args[0], StandardCharsets.ISO_8859_1)
                                + "' reading the append only file " + file);
                    }
                    if (equalsIgnoreCase(args[0], MULTI)) {
                        validBeforeMulti = before;
                    } else if (equalsIgnoreCase(args[0], EXEC)) {
                        validBeforeMulti = -1;
                    }
                    engine.execute(client, args);
                    if (++commands % 1024 == 0) {
                        engine.markForFlush(client);
                        engine.afterBatch();
                    }
                }
                consumedBefore += cum.readerIndex();
                cum.discardReadBytes();
            }
            long cut = -1;
            if (validBeforeMulti >= 0) {
                LOG.warn("Revert incomplete MULTI/EXEC transaction in AOF file {}", file);
                cut = validBeforeMulti;
            } else if (validUpTo < size) {
                cut = validUpTo;
            }
            if (cut >= 0) {
                truncated(file, ch.size(), cut, last);
            }
        } finally {
            cum.release();
            engine.markForFlush(client);
            engine.afterBatch();
            engine.disconnect(client);
        }
    }

    /**
     * Skips one annotation line ({@code #TS:<unix time>} written by {@code aof-timestamp-enabled yes}): Redis ignores
     * lines starting with {@code #} between commands.
     *
     * @return whether a whole line was skipped
     */
    private static boolean skipAnnotation(ByteBuf cum) {
        if (!cum.isReadable() || cum.getByte(cum.readerIndex()) != '#') {
            return false;
        }
        int eol = cum.indexOf(cum.readerIndex(), cum.writerIndex(), (byte) '\n');
        if (eol < 0) {
            return false;
        }
        cum.readerIndex(eol + 1);
        return true;
    }

    private void truncated(Path file, long size, long validUpTo, boolean last) throws IOException {
        if (!truncatedOk || !last) {
            throw new IOException("Unexpected end of file reading the append only file " + file + " (valid up to "
                    + validUpTo + " of " + size + " bytes). You can: 1) Make a backup of your AOF file, then use "
                    + "./redis-check-aof --fix <filename.manifest>. 2) Alternatively you can set the "
                    + "'aof-load-truncated' configuration option to yes and restart the server."
                    + (last ? "" : " (a torn tail is only repaired in the last file)"));
        }
        LOG.warn("!!! Warning: short read while loading the AOF file {}!!!", file);
        LOG.warn(
                "AOF {} loaded anyway because aof-load-truncated is enabled; truncating {} bytes",
                file,
                size - validUpTo);
        try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
            w.truncate(validUpTo);
            w.force(true);
        }
        truncatedBytes += size - validUpTo;
    }

    private static boolean equalsIgnoreCase(byte[] a, byte[] lower) {
        if (a.length != lower.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            if (Character.toLowerCase((char) (a[i] & 0xff)) != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** Adds the bytes read to {@link #bytesRead} (the loading progress {@code INFO} reports). */
    private final class Counting extends FilterInputStream {
        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                bytesRead.incrementAndGet();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                bytesRead.addAndGet(n);
            }
            return n;
        }
    }

    /** The output of the loading client: replies are dropped. */
    private static final class Discard implements ClientOutput {
        @Override
        public ByteBuf allocate() {
            return Unpooled.buffer(512);
        }

        @Override
        public void send(ByteBuf replies) {
            replies.release();
        }

        @Override
        public long pendingBytes() {
            return 0;
        }

        @Override
        public void close(boolean graceful) {}

        @Override
        public String remoteAddress() {
            return "aof";
        }

        @Override
        public String localAddress() {
            return "aof";
        }
    }
}

package io.vigil.store.aof;

import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;
import io.vigil.store.persistence.Persistence;
import io.vigil.store.persistence.RdbWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file of one engine, in Redis 7.0's multi-part layout ({@code appenddirname} holding a base file,
 * incremental files and the {@link AofManifest}). Executed writes arrive through {@link #append} (the engine's
 * propagation hook) and are buffered; {@link #beforeReplies} writes the buffer once per event-loop batch, before any
 * reply of that batch is sent, and with {@code appendfsync always} also fsyncs it (group commit, as Redis's {@code
 * beforeSleep}), so an acknowledged write is on disk. {@code everysec} fsyncs on a background thread once a second;
 * {@code no} leaves it to the kernel.
 *
 * <p>A rewrite ({@code BGREWRITEAOF}, {@code auto-aof-rewrite-*}, turning AOF on at run time) switches new writes
 * to a fresh incremental file and takes a point-in-time {@link Snapshot} at the same instant; a background thread
 * writes the snapshot as the new base (RDB preamble when {@code aof-use-rdb-preamble yes}, else commands). When it
 * ends the manifest names the new base and the new incremental file, and the old files are deleted. No rewrite
 * buffer is needed: the new incremental file holds exactly the writes after the snapshot.
 *
 * <p>Every method runs on the command thread, except what the rewrite and fsync threads do with their own objects.
 */
public final class AppendOnlyFile {

    private static final Logger LOG = LoggerFactory.getLogger(AppendOnlyFile.class);
    private static final long RETRY_DELAY_MS = 5000;

    /** Whether the AOF is written. */
    public enum State {
        /** {@code appendonly no}. */
        OFF,
        /** Writes go to the incremental file named in the manifest. */
        ON,
        /** Turned on at run time: writes go to a temporary incremental file until the first base is written. */
        WAIT_REWRITE
    }

    private final StoreEngine engine;
    private State state = State.OFF;
    private AofManifest manifest = AofManifest.empty();
    private FileChannel incr;
    private Path incrPath;
    private long incrSeq;
    private byte[] buf = new byte[64 * 1024];
    private int len;
    private int selectedDb = -1;
    private boolean fresh; // writes appended since the last beforeReplies: this batch's replies depend on them
    private volatile String writeError;
    private long lastFsyncMillis;
    private volatile boolean unsynced;
    private final AtomicBoolean fsyncRunning = new AtomicBoolean();
    private ExecutorService fsyncThread;
    private Rewrite rewrite;
    private boolean rewriteScheduled;
    private long lastRewriteTryMillis;
    private boolean lastRewriteOk = true;
    private long lastRewriteSeconds = -1;
    private long rewrites;
    private long consecutiveFailures;
    private long baseSize;
    private long incrSizes;

    /** The AOF of {@code engine} (built by the engine; off until {@link #openAtStart} or {@link #applyConfig}). */
    public AppendOnlyFile(StoreEngine engine) {
        this.engine = engine;
    }

    // ---- configuration ----

    private StoreConfig config() {
        return engine.config();
    }

    /** {@code dir}/{@code appenddirname}. */
    public Path directory() {
        return config().dir().resolve(config().get("appenddirname"));
    }

    private String fileName() {
        return config().get("appendfilename");
    }

    private Path manifestPath() {
        return directory().resolve(fileName() + ".manifest");
    }

    private boolean always() {
        return "always".equals(config().get("appendfsync"));
    }

    /** The current state. */
    public State state() {
        return state;
    }

    /** Whether the AOF is on (also while its first base is written). */
    public boolean enabled() {
        return state != State.OFF;
    }

    /** The manifest as last persisted. */
    public AofManifest manifest() {
        return manifest;
    }

    // ---- start ----

    /**
     * With {@code appendonly yes} at start: loads the AOF directory's files named in the manifest, or creates a first
     * (empty) base and incremental file when there is none; then appends to the last incremental file. Redis's rule:
     * with AOF on, a dump file is not loaded. Synchronous (tests, tools); the store itself loads on a thread
     * through {@link #startupLoad}.
     *
     * @throws IOException when the files cannot be read or are corrupt (the message says which and why; the store
     *     must not start)
     */
    public void openAtStart() throws IOException {
        Persistence.StartupLoad load = startupLoad();
        if (load == null) {
            return;
        }
        try {
            engine.keyspace().adopt(load.load(engine.keyspace().count()));
            load.adopted();
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /**
     * The start with {@code appendonly yes}, for {@link Persistence#beginLoading}: when the manifest exists, a load
     * whose thread replays its files into a private engine (commands run through that engine's dispatcher as a
     * client without a connection; nothing of the live engine is touched) and that, once its keyspace was adopted,
     * opens the last incremental file for appending. Without a manifest there is nothing to load: the first base and
     * incremental file are written now and {@code null} is returned.
     *
     * @throws IOException when the manifest cannot be read, or a Redis 6 single-file AOF is found
     */
    public Persistence.StartupLoad startupLoad() throws IOException {
        Path dir = directory();
        Files.createDirectories(dir);
        Path mf = manifestPath();
        if (Files.exists(mf)) {
            manifest = AofManifest.parse(Files.readString(mf, StandardCharsets.UTF_8));
            return new StartupReplay(dir);
        }
        if (Files.exists(config().dir().resolve(fileName()))) {
            throw new IOException("found a single-file AOF " + config().dir().resolve(fileName())
                    + " (Redis 6 layout) and no manifest " + mf + ": converting it is not supported; load it with "
                    + "redis-server 7 once and copy its " + config().get("appenddirname") + " directory");
        }
        openForAppend();
        return null;
    }

    /** After the load (or with nothing to load): writes a first base if needed and appends to the last incr file. */
    private void openForAppend() throws IOException {
        Path dir = directory();
        if (manifest.base() == null && manifest.incrs().isEmpty()) {
            writeBaseNow();
        }
        if (manifest.incrs().isEmpty()) {
            openNewIncr(true);
        } else {
            AofManifest.Part last = manifest.incrs().get(manifest.incrs().size() - 1);
            incrSeq = last.seq();
            incrPath = dir.resolve(last.name());
            incr = FileChannel.open(incrPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            incr.position(incr.size());
        }
        state = State.ON;
        measureSizes();
        startFsyncThread();
    }

    /** The manifest's files replayed on the loader thread into a private engine with a copy of the configuration. */
    private final class StartupReplay implements Persistence.StartupLoad {
        private final Path dir;
        private final AofManifest files = manifest;
        private final StoreConfig configCopy = copy(config());
        private final boolean truncatedOk = "yes".equals(config().get("aof-load-truncated"));
        private final long totalBytes;
        private final AtomicLong loaded = new AtomicLong();
        private AofLoader.Result result;
        private volatile AofLoader loader;
        private long dirty;

        StartupReplay(Path dir) throws IOException {
            this.dir = dir;
            long total = 0;
            for (AofManifest.Part part : parts(files)) {
                Path file = dir.resolve(part.name());
                total += Files.exists(file) ? Files.size(file) : 0; // a missing file fails the load with its name
            }
            this.totalBytes = total;
        }

        @Override
        public long totalBytes() {
            return totalBytes;
        }

        @Override
        public long loadedBytes() {
            return loaded.get();
        }

        @Override
        public Keyspace load(int databases) throws IOException {
            StoreEngine replay = new StoreEngine(configCopy, engine.clock(), engine.table());
            loader = new AofLoader(replay, dir, truncatedOk, loaded);
            result = loader.load(files);
            dirty = replay.dirtyTotal();
            return replay.keyspace();
        }

        @Override
        public long rdbUsedMem() {
            AofLoader l = loader;
            return l == null ? 0 : l.rdbUsedMem();
        }

        @Override
        public void adopted() throws IOException {
            engine.addDirty(dirty); // replayed writes count as changes since the last save, as in Redis
            LOG.info(
                    "DB loaded from append only file: {} commands, {} keys in the base",
                    result.commands(),
                    result.baseKeys());
            openForAppend();
        }

        @Override
        public String what() {
            return "the append only file";
        }
    }

    private static List<AofManifest.Part> parts(AofManifest m) {
        List<AofManifest.Part> files = new ArrayList<>();
        if (m.base() != null) {
            files.add(m.base());
        }
        files.addAll(m.incrs());
        return files;
    }

    /**
     * A copy of {@code config} for the replaying engine (the live one may be changed by CONFIG SET meanwhile), without
     * save rules: a replayed FLUSHALL must not save the half-loaded dataset over the dump.
     */
    private static StoreConfig copy(StoreConfig config) {
        StoreConfig copy = new StoreConfig();
        config.entries(false).forEach(copy::set);
        copy.set("save", "");
        return copy;
    }

    /** The first base on a fresh start: the dataset is empty, so it is written synchronously. */
    private void writeBaseNow() throws IOException {
        long seq = manifest.baseSeq() + 1;
        String name = baseName(seq);
        LOG.info("Creating AOF base file {} on server start", name);
        Path temp = directory().resolve("temp-" + name);
        try (FileChannel ch = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(ch);
            Snapshot snapshot = engine.keyspace().beginSnapshot();
            try {
                writeBase(snapshot, out);
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                engine.keyspace().endSnapshot(snapshot);
            }
            out.flush();
            ch.force(true);
        }
        Files.move(temp, directory().resolve(name), StandardCopyOption.ATOMIC_MOVE);
        manifest = new AofManifest(new AofManifest.Part(name, seq, AofManifest.Type.BASE), List.of(), List.of());
    }

    private String baseName(long seq) {
        boolean preamble = "yes".equals(config().get("aof-use-rdb-preamble"));
        return fileName() + "." + seq + ".base." + (preamble ? "rdb" : "aof");
    }

    private String incrName(long seq) {
        return fileName() + "." + seq + ".incr.aof";
    }

    /**
     * Opens the next incremental file for appending and closes the current one; when {@code persist}, the manifest
     * lists it at once (so a crash during a rewrite still loads old base, old and new incremental files).
     */
    private void openNewIncr(boolean persist) throws IOException {
        long seq = manifest.lastIncrSeq() + 1;
        String name = persist ? incrName(seq) : "temp-" + fileName() + ".incr";
        Path path = directory().resolve(name);
        FileChannel ch = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        if (persist) {
            List<AofManifest.Part> incrs = new ArrayList<>(manifest.incrs());
            incrs.add(new AofManifest.Part(name, seq, AofManifest.Type.INCR));
            try {
                persistManifest(new AofManifest(manifest.base(), manifest.history(), incrs));
            } catch (IOException e) {
                ch.close();
                Files.deleteIfExists(path);
                throw e;
            }
            LOG.info("Creating AOF incr file {}", name);
        }
        closeIncrInBackground();
        incr = ch;
        incrPath = path;
        incrSeq = seq;
        selectedDb = -1;
    }

    /**
     * Fsyncs and closes the incremental file on the background thread, as Redis hands the old file to a bio job:
     * the command thread does not wait for the disk when a rewrite starts. Synchronous when that thread is not
     * running.
     */
    private void closeIncrInBackground() {
        if (fsyncThread == null || incr == null) {
            closeIncr();
            return;
        }
        FileChannel ch = incr;
        Path path = incrPath;
        incr = null;
        fsyncThread.execute(() -> {
            try {
                ch.force(false);
                ch.close();
            } catch (IOException e) {
                LOG.warn("Error closing the AOF file {}: {}", path, e.getMessage());
            }
        });
    }

    private void closeIncr() {
        if (incr == null) {
            return;
        }
        try {
            incr.force(false);
            incr.close();
        } catch (IOException e) {
            LOG.warn("Error closing the AOF file {}: {}", incrPath, e.getMessage());
        }
        incr = null;
    }

    /** Writes the manifest atomically (temporary file, fsync, rename, fsync of the directory). */
    private void persistManifest(AofManifest next) throws IOException {
        Path target = manifestPath();
        Path temp = directory().resolve("temp-" + target.getFileName());
        try (FileChannel ch = FileChannel.open(
                temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(next.format().getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fsyncDirectory(directory());
        manifest = next;
    }

    private static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }

    private void startFsyncThread() {
        if (fsyncThread == null) {
            fsyncThread = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "vigil-aof-fsync");
                t.setDaemon(true);
                return t;
            });
        }
    }

    // ---- appending ----

    /** Appends one executed write (the engine's propagation hook); {@code db} -1 for {@code EXEC}. */
    public void append(int db, byte[][] argv) {
        if (state == State.OFF || (state == State.WAIT_REWRITE && rewrite == null)) {
            // waiting for the first base: the snapshot it starts from will hold this write
            return;
        }
        if (db >= 0 && db != selectedDb) {
            byte[] dbText = Integer.toString(db).getBytes(StandardCharsets.US_ASCII);
            encode(new byte[][] {SELECT, dbText});
            selectedDb = db;
        }
        encode(argv);
        fresh = true;
    }

    private static final byte[] SELECT = "SELECT".getBytes(StandardCharsets.US_ASCII);

    private void encode(byte[][] argv) {
        header('*', argv.length);
        for (byte[] a : argv) {
            header('$', a.length);
            ensure(a.length + 2);
            System.arraycopy(a, 0, buf, len, a.length);
            len += a.length;
            buf[len++] = '\r';
            buf[len++] = '\n';
        }
    }

    private void header(char marker, int n) {
        ensure(24);
        buf[len++] = (byte) marker;
        if (n < 10) {
            buf[len++] = (byte) ('0' + n);
        } else {
            byte[] digits = Integer.toString(n).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(digits, 0, buf, len, digits.length);
            len += digits.length;
        }
        buf[len++] = '\r';
        buf[len++] = '\n';
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }

    /** Whether writes wait in the buffer that must be fsynced before replies go out ({@code appendfsync always}). */
    public boolean syncPending() {
        return len > 0 && state != State.OFF && always();
    }

    /**
     * Writes the buffered commands to the incremental file before the batch's replies are sent, and fsyncs them
     * with {@code appendfsync always}.
     *
     * @return false when the writes of this batch are not durable although {@code appendfsync always} promised it:
     *     the caller must not acknowledge them (the write error also makes writes answer {@code -MISCONF})
     */
    public boolean beforeReplies() {
        if (len == 0 || state == State.OFF || !fresh) {
            return true; // nothing of this batch to make durable (a failed buffer is retried by the cron)
        }
        fresh = false;
        boolean sync = always();
        try {
            writeBuffer(sync);
            return true;
        } catch (IOException e) {
            return !sync;
        }
    }

    private void writeBuffer(boolean sync) throws IOException {
        long start = -1;
        try {
            if (len > 0) {
                start = incr.position();
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
                while (bb.hasRemaining()) {
                    incr.write(bb);
                }
                incrSizes += len;
                len = 0;
                if (buf.length > 4 * 1024 * 1024) {
                    buf = new byte[64 * 1024];
                }
                unsynced = true;
            }
            if (sync && unsynced) {
                unsynced = false;
                incr.force(false);
                lastFsyncMillis = engine.clock().millis();
            }
            if (writeError != null) {
                LOG.warn("AOF write error looks solved, Redis can write again.");
                writeError = null;
            }
        } catch (IOException e) {
            if (start >= 0 && len > 0) {
                // a partial write: cut it so the file ends on a whole command, keep the buffer for the retry
                try {
                    incr.truncate(start);
                    incr.position(start);
                } catch (IOException ignored) {
                    // the retry fails the same way and keeps the error on
                }
            }
            if (writeError == null) {
                LOG.warn("Error writing to the AOF file {}: {}", incrPath, e.getMessage());
            }
            writeError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw e;
        }
    }

    /**
     * The reason writes are refused ({@code -MISCONF Errors writing to the AOF file: <reason>}), or {@code null}:
     * the last write or fsync of the AOF failed and has not succeeded since.
     */
    public String writeError() {
        return state == State.OFF ? null : writeError;
    }

    // ---- cron ----

    /** The periodic part: ends a finished rewrite, starts scheduled or automatic ones, fsyncs for everysec. */
    public void cron() {
        if (rewrite != null && rewrite.done) {
            finishRewrite();
        }
        if (state == State.OFF) {
            return;
        }
        long now = engine.clock().millis();
        if (writeError != null) {
            try {
                writeBuffer(true); // the error is only cleared once the data is on disk again
            } catch (IOException e) {
                // still failing: writes stay refused
            }
        }
        if (rewrite == null && engine.keyspace().snapshot() == null) {
            if (rewriteScheduled
                    || (state == State.WAIT_REWRITE && now - lastRewriteTryMillis > RETRY_DELAY_MS)
                    || (autoRewriteDue() && (lastRewriteOk || now - lastRewriteTryMillis > RETRY_DELAY_MS))) {
                rewriteScheduled = false;
                startRewriteLogged();
            }
        }
        if ("everysec".equals(config().get("appendfsync")) && now - lastFsyncMillis >= 1000) {
            if (len > 0) {
                try {
                    writeBuffer(false);
                } catch (IOException e) {
                    return;
                }
            }
            if (unsynced && fsyncRunning.compareAndSet(false, true)) {
                lastFsyncMillis = now;
                unsynced = false;
                FileChannel ch = incr;
                fsyncThread.execute(() -> {
                    try {
                        ch.force(false);
                    } catch (IOException e) {
                        if (ch.isOpen()) {
                            unsynced = true;
                            writeError = e.getMessage();
                            LOG.warn("Error syncing the AOF file: {}", e.getMessage());
                        }
                    } finally {
                        fsyncRunning.set(false);
                    }
                });
            }
        }
    }

    private boolean autoRewriteDue() {
        int perc = Integer.parseInt(config().get("auto-aof-rewrite-percentage"));
        long min = Long.parseLong(config().get("auto-aof-rewrite-min-size"));
        long size = currentSize();
        if (state != State.ON || perc == 0 || size < min) {
            return false;
        }
        long base = Math.max(1, baseSize);
        return (size - base) * 100 / base >= perc;
    }

    private void startRewriteLogged() {
        try {
            startRewrite();
        } catch (IOException e) {
            lastRewriteOk = false;
            consecutiveFailures++;
            LOG.warn("Can't start the AOF rewrite: {}", e.getMessage());
        }
    }

    // ---- rewrite ----

    /** What {@link #bgrewrite} did. */
    public enum RewriteResult {
        /** A rewrite started. */
        STARTED,
        /** One is already running. */
        ALREADY_RUNNING,
        /** It starts at the next cron run (a background save is running, or asked inside EXEC). */
        SCHEDULED
    }

    /**
     * {@code BGREWRITEAOF}: starts a rewrite now, or schedules it when {@code schedule} (a background save runs).
     *
     * @throws IOException when the new incremental file or the manifest cannot be written
     */
    public RewriteResult bgrewrite(boolean schedule) throws IOException {
        if (rewrite != null) {
            return RewriteResult.ALREADY_RUNNING;
        }
        if (schedule || engine.keyspace().snapshot() != null) {
            rewriteScheduled = true;
            return RewriteResult.SCHEDULED;
        }
        startRewrite();
        return RewriteResult.STARTED;
    }

    /** Whether a rewrite is running. */
    public boolean rewriteInProgress() {
        return rewrite != null;
    }

    private void startRewrite() throws IOException {
        lastRewriteTryMillis = engine.clock().millis();
        boolean on = state != State.OFF;
        Files.createDirectories(directory());
        if (!on) {
            Path mf = manifestPath();
            manifest = Files.exists(mf)
                    ? AofManifest.parse(Files.readString(mf, StandardCharsets.UTF_8))
                    : AofManifest.empty();
        }
        if (on && incr != null) {
            writeBuffer(false); // the file is fsynced when it is closed, on the background thread
        }
        if (on) {
            // the new incremental file holds exactly the writes after the snapshot taken just below
            openNewIncr(state == State.ON);
        }
        Snapshot snapshot = engine.keyspace().beginSnapshot();
        // With AOF off every incremental file becomes history: the new base holds all of them.
        Rewrite job = new Rewrite(snapshot, engine.clock().millis(), on ? incrSeq : Long.MAX_VALUE);
        job.temp = directory()
                .resolve("temp-rewriteaof-bg-" + ProcessHandle.current().pid() + ".aof");
        job.baseName = baseName(manifest.baseSeq() + 1);
        rewrite = job;
        Thread t = new Thread(
                () -> {
                    try (FileChannel ch = FileChannel.open(
                            job.temp,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE)) {
                        OutputStream out = Channels.newOutputStream(ch);
                        writeBase(snapshot, out);
                        out.flush();
                        ch.force(true);
                        job.size = ch.size();
                    } catch (Throwable e) {
                        job.failure = e;
                    } finally {
                        job.done = true;
                    }
                },
                "vigil-aof-rewrite");
        t.setDaemon(true);
        job.thread = t;
        t.start();
        LOG.info("Background append only file rewriting started ({} keys)", snapshot.keyCount());
    }

    private final Map<String, String> preambleAux() {
        Map<String, String> aux = new LinkedHashMap<>(engine.persistence().aux());
        aux.put("aof-base", "1");
        RdbWriter.removeReplicationAux(aux); // as Redis 7.0: an AOF base carries no replication information
        return aux;
    }

    private void writeBase(Snapshot snapshot, OutputStream out) throws Exception {
        if ("yes".equals(config().get("aof-use-rdb-preamble"))) {
            Persistence.writeSnapshot(
                    snapshot,
                    out,
                    "yes".equals(config().get("rdbcompression")),
                    "yes".equals(config().get("rdbchecksum")),
                    preambleAux());
        } else {
            AofCommandWriter.write(snapshot, out);
        }
    }

    private void finishRewrite() {
        Rewrite job = rewrite;
        rewrite = null;
        engine.keyspace().endSnapshot(job.snapshot);
        long now = engine.clock().millis();
        lastRewriteSeconds = (now - job.startMillis) / 1000;
        if (job.cancelled) {
            deleteQuietly(job.temp);
            return;
        }
        if (job.failure == null) {
            try {
                installRewrite(job);
                lastRewriteOk = true;
                consecutiveFailures = 0;
                rewrites++;
                LOG.info("Background AOF rewrite finished successfully");
                return;
            } catch (IOException e) {
                job.failure = e;
            }
        }
        deleteQuietly(job.temp);
        lastRewriteOk = false;
        consecutiveFailures++;
        LOG.warn("Background AOF rewrite failed: {}", job.failure.toString());
    }

    private void installRewrite(Rewrite job) throws IOException {
        Path dir = directory();
        long baseSeq = manifest.baseSeq() + 1;
        Files.move(job.temp, dir.resolve(job.baseName), StandardCopyOption.ATOMIC_MOVE);
        List<AofManifest.Part> history = new ArrayList<>(manifest.history());
        if (manifest.base() != null) {
            history.add(manifest.base().as(AofManifest.Type.HISTORY));
        }
        List<AofManifest.Part> incrs = new ArrayList<>();
        for (AofManifest.Part p : manifest.incrs()) {
            if (p.seq() < job.incrSeq) {
                history.add(p.as(AofManifest.Type.HISTORY));
            } else {
                incrs.add(p);
            }
        }
        if (state == State.WAIT_REWRITE) {
            String name = incrName(job.incrSeq);
            Path target = dir.resolve(name);
            Files.move(incrPath, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            incrPath = target;
            incrs.add(new AofManifest.Part(name, job.incrSeq, AofManifest.Type.INCR));
        }
        persistManifest(
                new AofManifest(new AofManifest.Part(job.baseName, baseSeq, AofManifest.Type.BASE), history, incrs));
        state = State.ON;
        List<Path> doomed = new ArrayList<>();
        for (AofManifest.Part p : history) {
            LOG.info("Removing the history file {}", p.name());
            doomed.add(dir.resolve(p.name()));
        }
        // unlinked on the background thread, as Redis's bg_unlink: freeing a large file's blocks takes a while
        Runnable unlink = () -> doomed.forEach(AppendOnlyFile::deleteQuietly);
        if (fsyncThread == null) {
            unlink.run();
        } else {
            fsyncThread.execute(unlink);
        }
        persistManifest(new AofManifest(manifest.base(), List.of(), manifest.incrs()));
        measureSizes();
    }

    private void measureSizes() {
        Path dir = directory();
        baseSize =
                manifest.base() == null ? 0 : sizeOf(dir.resolve(manifest.base().name()));
        long incrs = 0;
        for (AofManifest.Part p : manifest.incrs()) {
            incrs += sizeOf(dir.resolve(p.name()));
        }
        incrSizes = incrs;
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", p, e.getMessage());
        }
    }

    /** {@code aof_current_size}: base plus incremental files. */
    public long currentSize() {
        return baseSize + incrSizes + len;
    }

    /** Waits for a running rewrite and installs it (tests and tools; blocks the calling thread). */
    public boolean awaitRewrite() throws InterruptedException {
        if (rewrite == null) {
            return false;
        }
        rewrite.thread.join();
        finishRewrite();
        if (fsyncThread != null) {
            try {
                fsyncThread.submit(() -> {}).get(); // the old files' close and unlink queued before it
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }
        return true;
    }

    private void cancelRewrite() {
        if (rewrite == null) {
            return;
        }
        rewrite.cancelled = true;
        rewrite.snapshot.cancel();
        try {
            rewrite.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finishRewrite();
    }

    // ---- run-time switch ----

    /**
     * Applies {@code appendonly} after {@code CONFIG SET}: turning it on writes a base in the background first
     * (writes meanwhile go to a temporary incremental file), turning it off flushes, fsyncs and closes the file.
     *
     * @throws IOException when the AOF could not be turned on (it stays off)
     */
    public void applyConfig() throws IOException {
        if (engine.persistence().loading()) {
            return; // applied once the data is in: a base written now would hold the empty keyspace
        }
        boolean wanted = "yes".equals(config().get("appendonly"));
        if (wanted && state == State.OFF) {
            Path mf = manifestPath();
            manifest = Files.exists(mf)
                    ? AofManifest.parse(Files.readString(mf, StandardCharsets.UTF_8))
                    : AofManifest.empty();
            state = State.WAIT_REWRITE;
            startFsyncThread();
            if (engine.keyspace().snapshot() != null) {
                rewriteScheduled = true; // a background save holds the snapshot: start when it ends
                return;
            }
            try {
                startRewrite();
            } catch (IOException e) {
                closeIncr();
                state = State.OFF;
                throw e;
            }
        } else if (!wanted && state != State.OFF) {
            cancelRewrite();
            try {
                writeBuffer(true);
            } catch (IOException e) {
                LOG.warn("Error flushing the AOF before turning it off: {}", e.getMessage());
            }
            closeIncr();
            len = 0;
            writeError = null;
            state = State.OFF;
        }
    }

    /** Flushes and fsyncs before a shutdown (what is buffered was executed and must not be lost). */
    public void flushForShutdown() {
        if (state == State.OFF) {
            return;
        }
        cancelRewrite();
        try {
            writeBuffer(true);
        } catch (IOException e) {
            LOG.warn("Error flushing the AOF at shutdown: {}", e.getMessage());
        }
    }

    // ---- INFO ----

    /** The AOF fields of {@code INFO persistence} between {@code rdb_last_load_keys_loaded} and the module ones. */
    public Map<String, Object> info() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("aof_enabled", state == State.OFF ? 0 : 1);
        f.put("aof_rewrite_in_progress", rewrite == null ? 0 : 1);
        f.put("aof_rewrite_scheduled", rewriteScheduled ? 1 : 0);
        f.put("aof_last_rewrite_time_sec", lastRewriteSeconds);
        f.put(
                "aof_current_rewrite_time_sec",
                rewrite == null ? -1 : (engine.clock().millis() - rewrite.startMillis) / 1000);
        f.put("aof_last_bgrewrite_status", lastRewriteOk ? "ok" : "err");
        f.put("aof_rewrites", rewrites);
        f.put("aof_rewrites_consecutive_failures", consecutiveFailures);
        f.put("aof_last_write_status", writeError == null ? "ok" : "err");
        f.put("aof_last_cow_size", 0);
        return f;
    }

    /** The fields Redis adds after the module ones while AOF is on. */
    public Map<String, Object> infoWhenOn() {
        Map<String, Object> f = new LinkedHashMap<>();
        if (state == State.OFF) {
            return f;
        }
        f.put("aof_current_size", currentSize());
        f.put("aof_base_size", baseSize);
        f.put("aof_pending_rewrite", rewriteScheduled ? 1 : 0);
        f.put("aof_buffer_length", len);
        f.put("aof_pending_bio_fsync", fsyncRunning.get() ? 1 : 0);
        f.put("aof_delayed_fsync", 0);
        return f;
    }

    /** A background rewrite. */
    private static final class Rewrite {
        final Snapshot snapshot;
        final long startMillis;
        final long incrSeq;
        Path temp;
        String baseName;
        Thread thread;
        volatile Throwable failure;
        volatile boolean done;
        volatile boolean cancelled;
        volatile long size;

        Rewrite(Snapshot snapshot, long startMillis, long incrSeq) {
            this.snapshot = snapshot;
            this.startMillis = startMillis;
            this.incrSeq = incrSeq;
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "AppendOnlyFile[%s, %s]", state, incrPath);
    }
}

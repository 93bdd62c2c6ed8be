package io.vigil.store.persistence;

import io.vigil.store.commands.ConnectionCommands;
import io.vigil.store.config.StoreConfig;
import io.vigil.store.engine.ReplicationStream;
import io.vigil.store.engine.StoreEngine;
import io.vigil.store.keyspace.Keyspace;
import io.vigil.store.keyspace.Snapshot;
import io.vigil.store.keyspace.StoreValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RDB persistence for one engine: {@code SAVE} (on the command thread, blocking, as in Redis), {@code BGSAVE}
 * (a {@link Snapshot} written by a background thread while commands go on), {@code save} rules checked by the
 * engine's cron, loading the dump at start (clients get {@code -LOADING} meanwhile), {@code DEBUG RELOAD}, the
 * {@code SHUTDOWN} save, and the state {@code INFO persistence} reports. A failed background save turns on {@code
 * -MISCONF} for writes (under {@code stop-writes-on-bgsave-error yes} with save rules) until a save succeeds.
 *
 * <p>Files: {@code dir}/{@code dbfilename}, replaced atomically through a temporary file in the same directory
 * ({@link RdbFiles}). Every method runs on the command thread; the background threads only touch their own job.
 */
public final class Persistence {

    private static final Logger LOG = LoggerFactory.getLogger(Persistence.class);
    private static final long BGSAVE_RETRY_DELAY_MS = 5000;

    private final StoreEngine engine;
    private long lastSaveMillis;
    private boolean lastBgsaveOk = true;
    private long lastBgsaveSeconds = -1;
    private long dirtyAtLastSave;
    private long saves;
    private long lastBgsaveTryMillis;
    private boolean scheduled;
    private Background running;
    private long lastLoadLoaded;
    private long lastLoadExpired;
    private boolean loading;
    private Loader loader;
    private volatile String fatalError;
    private String rulesText = "";
    private SaveRules rules = new SaveRules(java.util.List.of());

    /** Persistence for {@code engine} (built by the engine itself). */
    public Persistence(StoreEngine engine, long nowMillis) {
        this.engine = engine;
        this.lastSaveMillis = nowMillis;
    }

    // ---- state ----

    /** Time of the last successful save ({@code LASTSAVE}), or the start. */
    public long lastSaveMillis() {
        return lastSaveMillis;
    }

    /** Writes since the last successful save ({@code rdb_changes_since_last_save}). */
    public long changesSinceLastSave() {
        return engine.dirtyTotal() - dirtyAtLastSave;
    }

    /** Whether a background save is running. */
    public boolean bgsaveInProgress() {
        return running != null;
    }

    /** Whether the dataset is being loaded (commands not flagged {@code LOADING} get {@code -LOADING}). */
    public boolean loading() {
        return loading;
    }

    /**
     * Whether writes (and {@code PING}) must be refused with {@code -MISCONF}: the last background save failed,
     * save rules exist and {@code stop-writes-on-bgsave-error} is on.
     */
    public boolean writesDenied() {
        return !lastBgsaveOk && rules().enabled() && isYes(config().get("stop-writes-on-bgsave-error"));
    }

    /** The reason the store gave up at start (a dump it could not load), or {@code null}. */
    public String fatalError() {
        return fatalError;
    }

    /** The {@code dir}/{@code dbfilename} path. */
    public Path rdbPath() {
        return config().dir().resolve(config().get("dbfilename"));
    }

    private StoreConfig config() {
        return engine.config();
    }

    private SaveRules rules() {
        String text = config().get("save");
        if (!text.equals(rulesText)) {
            rules = SaveRules.parse(text);
            rulesText = text;
        }
        return rules;
    }

    private static boolean isYes(String v) {
        return "yes".equals(v);
    }

    /**
     * The AUX fields of a snapshot of this engine now: {@code repl-stream-db}, {@code repl-id} and {@code
     * repl-offset} only when the store is in a replication chain (Redis's {@code rdbPopulateSaveInfo}), so a
     * restarted replica or master resynchronizes partially.
     */
    public Map<String, String> aux() {
        ReplicationStream.SaveInfo repl = engine.replication().saveInfo();
        Map<String, String> aux = RdbWriter.standardAux(
                ConnectionCommands.REDIS_VERSION,
                engine.keyspace().memoryBytes(),
                engine.clock().millis(),
                repl == null ? 0 : repl.streamDb(),
                repl == null ? engine.replId() : repl.replId(),
                repl == null ? 0 : repl.offset());
        if (repl == null) {
            RdbWriter.removeReplicationAux(aux);
        }
        return aux;
    }

    // ---- SAVE ----

    /**
     * Saves synchronously on the command thread ({@code SAVE}; counted in {@code rdb_saves}, as Redis counts {@code
     * SAVE} and each {@code BGSAVE} started, not the saves of {@code SHUTDOWN}, {@code DEBUG RELOAD} or {@code
     * FLUSHALL}).
     *
     * @throws IllegalStateException when a background save is running
     * @throws Exception when writing fails (logged; the previous file is untouched)
     */
    public void save() throws Exception {
        if (running != null) {
            throw new IllegalStateException("Background save already in progress");
        }
        saves++;
        saveNow();
    }

    /** Redis's {@code rdbSave}: writes the dump now; on success resets the change count and the save status. */
    private void saveNow() throws Exception {
        long start = System.nanoTime();
        Path target = rdbPath();
        Path temp = target.resolveSibling("temp-" + ProcessHandle.current().pid() + ".rdb");
        boolean compress = isYes(config().get("rdbcompression"));
        boolean checksum = isYes(config().get("rdbchecksum"));
        Map<String, String> aux = aux();
        try {
            RdbFiles.replace(
                    target, temp, out -> RdbWriter.writeKeyspace(engine.keyspace(), out, compress, checksum, aux));
        } catch (Exception e) {
            LOG.warn("Failed saving the DB to {}: {}", target, describe(e));
            throw e;
        }
        LOG.info("DB saved on disk ({} in {} ms)", target, (System.nanoTime() - start) / 1_000_000);
        lastSaveMillis = engine.clock().millis();
        dirtyAtLastSave = engine.dirtyTotal();
        lastBgsaveOk = true;
    }

    // ---- FLUSHALL ----

    /**
     * What {@code FLUSHALL} does after emptying the databases, as Redis 7.0's {@code flushallCommand}: a running
     * {@code BGSAVE} is stopped (its temporary file deleted, nothing renamed over the dump, and not reported as a
     * failed save), and when save rules exist the empty dataset is saved synchronously, so {@code dir}/{@code
     * dbfilename} no longer holds the flushed data and {@code rdb_changes_since_last_save} is 0 afterwards.
     *
     * @param pendingChanges the flush's own changes, which the engine counts once the command returns
     */
    public void flushedAll(long pendingChanges) {
        cancelBackground();
        if (!rules().enabled()) {
            return;
        }
        try {
            saveNow();
            dirtyAtLastSave += pendingChanges;
        } catch (Exception e) {
            // logged by saveNow; FLUSHALL still answers OK, as in Redis
        }
    }

    // ---- BGSAVE ----

    /** What {@link #bgsave} did. */
    public enum BgsaveResult {
        /** A background save started. */
        STARTED,
        /** One was already running. */
        ALREADY_RUNNING,
        /** It will start at the next cron run (asked inside {@code EXEC}). */
        SCHEDULED,
        /** An AOF rewrite holds the snapshot (Redis: another child process is active). */
        BUSY
    }

    /** {@code BGSAVE}: starts a background save now, or at the next cron run when {@code schedule}. */
    public BgsaveResult bgsave(boolean schedule) {
        if (running != null) {
            return BgsaveResult.ALREADY_RUNNING;
        }
        if (schedule) {
            scheduled = true;
            return BgsaveResult.SCHEDULED;
        }
        if (engine.keyspace().snapshot() != null) {
            return BgsaveResult.BUSY;
        }
        startBackground();
        return BgsaveResult.STARTED;
    }

    /** Told when a background save ends (command thread). */
    public interface BgsaveListener {
        /**
         * The save ended.
         *
         * @param ok whether {@code file} now holds the snapshot
         * @param file {@code dir}/{@code dbfilename} at the save's start
         * @param aux the AUX fields written, incl. {@code repl-id} and {@code repl-offset} of the snapshot
         */
        void ended(boolean ok, Path file, Map<String, String> aux);
    }

    /**
     * Runs {@code listener} when the background save now running ends, starting one first when none runs: what a
     * disk-based full sync needs (Redis also lets a replica attach to a running {@code BGSAVE}). A cancelled save
     * (SHUTDOWN, DEBUG RELOAD) reports {@code ok = false}.
     *
     * @return whether a new save was started for it
     * @throws IllegalStateException while the dataset is loading, or while an AOF rewrite runs (one snapshot at a
     *     time; Redis too waits for the rewrite child before a full sync's BGSAVE)
     */
    public boolean whenBackgroundSaveEnds(BgsaveListener listener) {
        if (loading) {
            throw new IllegalStateException("the dataset is still loading; no snapshot can be taken yet");
        }
        boolean started = false;
        if (running == null && engine.keyspace().snapshot() != null) {
            throw new IllegalStateException("an AOF rewrite holds the snapshot; start the save when it ends");
        }
        if (running == null) {
            startBackground();
            started = true;
        }
        running.listeners.add(listener);
        return started;
    }

    private void startBackground() {
        lastBgsaveTryMillis = engine.clock().millis();
        saves++; // Redis counts a BGSAVE when it starts
        Path target = rdbPath();
        Path temp =
                target.resolveSibling("temp-bgsave-" + ProcessHandle.current().pid() + ".rdb");
        boolean compress = isYes(config().get("rdbcompression"));
        boolean checksum = isYes(config().get("rdbchecksum"));
        Map<String, String> aux = aux();
        long keyDelayMicros = Long.parseLong(config().get("rdb-key-save-delay"));
        long pauseStart = System.nanoTime();
        Snapshot snapshot = engine.keyspace().beginSnapshot();
        Background job =
                new Background(snapshot, engine.dirtyTotal(), engine.clock().millis(), target, aux);
        job.pauseNanos = System.nanoTime() - pauseStart;
        running = job;
        job.start(
                "vigil-bgsave",
                () -> job.size = RdbFiles.replace(target, temp, out -> {
                    writeSnapshot(snapshot, out, compress, checksum, aux, keyDelayMicros);
                    if (snapshot.cancelled()) {
                        throw new IOException("snapshot cancelled"); // before the rename: no stale dump in place
                    }
                }));
        LOG.info(
                "Background saving started ({} keys, snapshot pause {} ms)",
                snapshot.keyCount(),
                String.format(Locale.ROOT, "%.2f", job.pauseNanos / 1e6));
    }

    /**
     * Writes a snapshot as RDB to {@code out} from the calling thread (not the command thread); the visitor's I/O
     * happens between keys, outside any claim. For {@code BGSAVE} and for replicas' full syncs (disk-based or
     * diskless: {@code out} can be a socket stream).
     *
     * @return bytes written
     * @throws IOException when the snapshot was cancelled or the stream fails
     */
    public static long writeSnapshot(
            Snapshot snapshot, OutputStream out, boolean compress, boolean checksum, Map<String, String> aux)
            throws Exception {
        return writeSnapshot(snapshot, out, compress, checksum, aux, 0);
    }

    /**
     * {@link #writeSnapshot(Snapshot, OutputStream, boolean, boolean, Map)} pausing {@code keyDelayMicros} after each
     * key: Redis's {@code rdb-key-save-delay}, a testing directive that makes a background save last long enough to
     * be observed (and interrupted) from a client.
     */
    public static long writeSnapshot(
            Snapshot snapshot,
            OutputStream out,
            boolean compress,
            boolean checksum,
            Map<String, String> aux,
            long keyDelayMicros)
            throws Exception {
        RdbWriter w = new RdbWriter(out, compress, checksum);
        w.header(aux);
        boolean complete = snapshot.forEach(new Snapshot.Visitor() {
            @Override
            public void startDb(int db, int keys, int expires) {
                w.selectDb(db, keys, expires);
            }

            @Override
            public void entry(byte[] bytes, StoreValue value, long expireAtMillis) {
                w.storedEntry(bytes, value, expireAtMillis);
                if (keyDelayMicros > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(keyDelayMicros * 1000);
                }
            }

            @Override
            public void between() throws IOException {
                w.flushIfFull();
            }
        });
        if (!complete) {
            throw new IOException("snapshot cancelled");
        }
        w.finish();
        return w.bytesWritten();
    }

    /** Seconds the running background save has taken, or -1. */
    private long currentBgsaveSeconds() {
        return running == null ? -1 : (engine.clock().millis() - running.startMillis) / 1000;
    }

    private void finishBackground(boolean cancelled) {
        Background job = running;
        engine.keyspace().endSnapshot(job.snapshot);
        running = null;
        long now = engine.clock().millis();
        lastBgsaveSeconds = (now - job.startMillis) / 1000;
        boolean ok = !cancelled && job.failure == null;
        for (BgsaveListener l : job.listeners) {
            l.ended(ok, job.target, job.aux);
        }
        if (cancelled) {
            LOG.info("Background saving cancelled; its temporary file was deleted");
            return;
        }
        if (job.failure == null) {
            lastSaveMillis = now;
            dirtyAtLastSave = job.dirtyAtStart;
            lastBgsaveOk = true;
            LOG.info(
                    "Background saving terminated with success ({} bytes, {} keys written while it ran were copied)",
                    job.size,
                    job.snapshot.copiesKept());
        } else {
            lastBgsaveOk = false;
            LOG.warn("Background saving error: {}", describe(job.failure));
        }
    }

    /**
     * Stops a running background save and waits for its thread (SHUTDOWN, DEBUG RELOAD, FLUSHALL); the temporary
     * file is deleted. A save whose file was already renamed into place when the cancel came ends as a success.
     */
    private void cancelBackground() {
        if (running == null) {
            return;
        }
        running.snapshot.cancel();
        try {
            running.thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for the background save to stop", e);
        }
        finishBackground(running.failure != null);
    }

    /**
     * Stops a running background save (its temporary file deleted, nothing renamed) before a replica's full sync
     * replaces the dataset and {@code dbfilename}, as Redis's {@code readSyncBulkPayload} kills the RDB child: a save
     * of the old dataset must not land over the master's payload afterwards.
     */
    public void stopBackgroundSave() {
        if (running != null) {
            LOG.info("Stopping the background save: a full sync from the master replaces the dataset");
        }
        cancelBackground();
    }

    /**
     * Waits for a running background save to end (tests and tools; the command thread is blocked meanwhile).
     *
     * @return whether one was running
     */
    public boolean awaitBackground() throws InterruptedException {
        if (running == null) {
            return false;
        }
        running.thread.join();
        finishBackground(false);
        return true;
    }

    /** A decimal aux field's value, or 0 when it is not one (Redis's {@code strtoll} on a bad field). */
    public static long parseOrZero(String v) {
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String describe(Throwable t) {
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    // ---- cron ----

    /** The periodic part: ends finished jobs, applies {@code save} rules and scheduled saves. */
    public void cron() {
        if (loader != null && loader.done) {
            finishLoading();
        }
        if (running != null && running.done) {
            finishBackground(false);
        }
        if (running != null || loading || engine.keyspace().snapshot() != null) {
            return; // one snapshot at a time: an AOF rewrite may hold it
        }
        long now = engine.clock().millis();
        long changes = changesSinceLastSave();
        if (scheduled) {
            scheduled = false;
            startBackground();
        } else if (rules().due(changes, now - lastSaveMillis)
                && (lastBgsaveOk || now - lastBgsaveTryMillis > BGSAVE_RETRY_DELAY_MS)) {
            LOG.info("{} changes in {} seconds. Saving...", changes, (now - lastSaveMillis) / 1000);
            startBackground();
        }
    }

    // ---- loading ----

    /**
     * A load of the whole dataset (at start the dump or the AOF's files; on a replica a full sync's payload), as
     * {@link #beginLoading} runs it: {@link
     * #load} on the loader thread into a keyspace nothing else touches, then {@link #adopted} on the command thread
     * once that keyspace was swapped in. The volatile {@code done} flag of the job is the hand-over's happens-before
     * edge: the command thread reads the keyspace only after it saw the loader thread's write of {@code done}.
     */
    public interface StartupLoad {
        /** Bytes to read in all ({@code loading_total_bytes}). */
        long totalBytes();

        /** Bytes read so far ({@code loading_loaded_bytes}); called on the command thread while {@link #load} runs. */
        long loadedBytes();

        /** Loader thread: reads the data into a new keyspace of {@code databases} databases and returns it. */
        Keyspace load(int databases) throws Exception;

        /** The {@code used-mem} the dump being loaded recorded ({@code loading_rdb_used_mem}), or 0. */
        default long rdbUsedMem() {
            return 0;
        }

        /** Command thread, after the loaded keyspace replaced the empty one: counts, log lines, files to open. */
        void adopted() throws Exception;

        /** What could not be loaded, for the fatal error ({@code "the DB (dir/dump.rdb)"}). */
        String what();

        /** The log line's words before the seconds the load took (redis-server's start-up line by default). */
        default String loadedLog() {
            return "DB loaded from disk";
        }

        /**
         * Command thread, when {@link #load} is done: whether its keyspace replaces the live one (a replica's sync
         * load is dropped when the store is no longer that master's replica; {@link #adopted} then runs anyway).
         */
        default boolean wanted() {
            return true;
        }

        /**
         * Command thread, when {@link #load} failed; returns whether the store must stop (at start, yes: it never
         * serves an empty dataset over data it could not read; a replica's sync load reconnects instead).
         */
        default boolean failed(Throwable failure) {
            return true;
        }
    }

    /**
     * Starts loading {@code dir}/{@code dbfilename} in the background when it exists (call before serving, on the
     * thread that then starts the command thread, or on the command thread). See {@link #beginLoading}.
     */
    public void loadAtStart() {
        StartupLoad load = rdbLoad();
        if (load != null) {
            beginLoading(load);
            startLoading();
        }
    }

    /** The load of {@code dir}/{@code dbfilename} at start, or {@code null} (logged) when there is no such file. */
    public StartupLoad rdbLoad() {
        Path file = rdbPath();
        if (!Files.exists(file)) {
            LOG.info("No RDB file at {}: starting empty", file);
            return null;
        }
        return new RdbLoad(file);
    }

    /**
     * Enters the loading state for {@code load}: from now until the data is in, {@link #loading()} is true (commands
     * without the {@code LOADING} flag get {@code -LOADING}, INFO shows {@code loading:1} and the progress). Call it
     * before the server accepts connections, then {@link #startLoading} once it listens. The cron swaps the loaded
     * data in; a load that fails shuts the store down (it never starts empty over data it could not read), with the
     * reason in {@link #fatalError()}.
     */
    public void beginLoading(StartupLoad load) {
        if (loader != null) {
            throw new IllegalStateException("a load is already running");
        }
        loading = true;
        loader = new Loader(load, engine.clock().millis());
    }

    /** Starts the loader thread of {@link #beginLoading} (no-op when nothing is to be loaded). */
    public void startLoading() {
        startLoading(() -> {});
    }

    /**
     * Starts the loader thread of {@link #beginLoading}; {@code ready} runs on the command thread once the data is in
     * (now when there is nothing to load; never when the load fails).
     */
    public void startLoading(Runnable ready) {
        Loader job = loader;
        if (job == null) {
            ready.run();
            return;
        }
        if (job.thread != null) {
            throw new IllegalStateException("the load was already started");
        }
        job.ready = ready;
        int databases = engine.keyspace().count();
        job.start("vigil-load", () -> job.keyspace = job.load.load(databases));
    }

    /** Waits for a load started by {@link #startLoading} and applies it (tests; blocks the calling thread). */
    public void awaitLoading() throws InterruptedException {
        if (loader != null) {
            loader.thread.join();
            finishLoading();
        }
    }

    private void finishLoading() {
        Loader job = loader;
        loader = null;
        Throwable failure = job.failure;
        if (failure != null && !job.load.failed(failure)) {
            loading = false;
            return;
        }
        if (failure == null) {
            if (job.load.wanted()) {
                engine.keyspace().adopt(job.keyspace);
            }
            loading = false;
            try {
                job.load.adopted();
            } catch (Exception e) {
                failure = e;
            }
        }
        if (failure == null) {
            applyAofConfigChangedWhileLoading();
        }
        if (failure != null) {
            fatalError = "Fatal error loading " + job.load.what() + ": " + describe(failure);
            LOG.error("{}. Exiting.", fatalError);
            engine.shutdown();
            return;
        }
        LOG.info(
                "{}: {} seconds",
                job.load.loadedLog(),
                String.format(Locale.ROOT, "%.3f", (engine.clock().millis() - job.startMillis) / 1000.0));
        job.ready.run();
    }

    /** {@code CONFIG SET appendonly} while loading takes effect now that the data is in. */
    private void applyAofConfigChangedWhileLoading() {
        try {
            engine.aof().applyConfig();
        } catch (IOException e) {
            LOG.warn("Unable to turn on AOF after loading: {}", e.getMessage());
            config().set("appendonly", "no");
        }
    }

    /** The dump at start: read by the RDB reader straight into the loader's keyspace. */
    private final class RdbLoad implements StartupLoad {
        private final Path file;
        private final long totalBytes;
        private volatile FileInput input;
        private volatile long usedMem;
        private RdbInfo info;
        /**
         * As Redis: only a master drops keys whose TTL passed (and propagates their {@code DEL}); a replica keeps
         * them until its master's {@code DEL}.
         */
        private final boolean master = config().get("replicaof").isEmpty();
        /** {@code key-load-delay} (a testing directive, as in Redis): µs to pause after each key. */
        private final long keyDelayMicros = config().getLong("key-load-delay");

        private final java.util.List<ReplicationStream.ExpiredKey> expired = new java.util.ArrayList<>();

        RdbLoad(Path file) {
            this.file = file;
            long size;
            try {
                size = Files.size(file);
            } catch (IOException e) {
                size = 0; // the load itself reports why the file cannot be read
            }
            this.totalBytes = size;
        }

        @Override
        public long totalBytes() {
            return totalBytes;
        }

        @Override
        public long loadedBytes() {
            FileInput in = input;
            return in == null ? 0 : in.position();
        }

        @Override
        public Keyspace load(int databases) throws IOException {
            Keyspace fresh = new Keyspace(databases, engine.clock());
            try (FileInput in = new FileInput(file)) {
                input = in;
                info = RdbReader.loadInto(
                        in,
                        fresh,
                        engine.clock().millis(),
                        master,
                        (db, key) -> expired.add(new ReplicationStream.ExpiredKey(db, key)),
                        (k, v) -> {
                            if (k.equals("used-mem")) {
                                usedMem = parseOrZero(v);
                            }
                        },
                        KeyLoadDelay.of(keyDelayMicros));
            }
            return fresh;
        }

        @Override
        public long rdbUsedMem() {
            return usedMem;
        }

        @Override
        public void adopted() {
            engine.replication().loadedFromDump(info.aux(), expired);
            lastLoadLoaded = info.keysLoaded();
            lastLoadExpired = info.keysExpired();
            LOG.info("Done loading RDB, keys loaded: {}, keys expired: {}.", lastLoadLoaded, lastLoadExpired);
        }

        @Override
        public String what() {
            return "the DB (" + file + ")";
        }
    }

    /**
     * Loads the dump synchronously into the live keyspace, replacing its contents ({@code DEBUG RELOAD}).
     *
     * @throws IOException when the file cannot be read or parsed (the dataset is then left as it was)
     */
    public void loadNow() throws IOException {
        Keyspace fresh = new Keyspace(engine.keyspace().count(), engine.clock());
        RdbInfo info;
        try (InputStream in = new FileInput(rdbPath())) {
            info = RdbReader.loadInto(in, fresh, engine.clock().millis(), true);
        }
        cancelBackground();
        engine.keyspace().adopt(fresh);
        lastLoadLoaded = info.keysLoaded();
        lastLoadExpired = info.keysExpired();
    }

    /** The first half of {@code DEBUG RELOAD}: stops a background save and saves; returns whether that worked. */
    public boolean debugReloadSave() {
        if (loading) {
            return false;
        }
        cancelBackground();
        try {
            saveNow();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    // ---- SHUTDOWN ----

    /**
     * Prepares a {@code SHUTDOWN}: stops a background save, and saves when asked ({@code save}) or when save rules
     * exist and {@code nosave} was not given.
     *
     * @return whether the store may stop (false: the save failed; the caller refuses unless {@code FORCE})
     */
    public boolean prepareShutdown(boolean save, boolean nosave) {
        engine.aof().flushForShutdown();
        cancelBackground();
        if (loading) {
            // As Redis: never save while loading, it would replace the dump with the part read so far.
            LOG.warn("Shutting down while loading the dataset: not saving");
            return true;
        }
        if (nosave || !(save || rules().enabled())) {
            return true;
        }
        LOG.info("Saving the final RDB snapshot before exiting.");
        try {
            saveNow();
            return true;
        } catch (Exception e) {
            LOG.warn("Error trying to save the DB, can't exit.");
            return false;
        }
    }

    // ---- INFO ----

    /** The {@code INFO persistence} fields, in Redis 7.0's order. */
    public Map<String, Object> info() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("loading", loading ? 1 : 0);
        f.put("async_loading", 0);
        f.put("current_cow_peak", 0);
        f.put("current_cow_size", 0);
        f.put("current_cow_size_age", 0);
        f.put("current_fork_perc", "0.00");
        f.put("current_save_keys_processed", running == null ? 0 : running.snapshot.keysVisited());
        f.put("current_save_keys_total", running == null ? 0 : running.snapshot.keyCount());
        f.put("rdb_changes_since_last_save", changesSinceLastSave());
        f.put("rdb_bgsave_in_progress", running == null ? 0 : 1);
        f.put("rdb_last_save_time", lastSaveMillis / 1000);
        f.put("rdb_last_bgsave_status", lastBgsaveOk ? "ok" : "err");
        f.put("rdb_last_bgsave_time_sec", lastBgsaveSeconds);
        f.put("rdb_current_bgsave_time_sec", currentBgsaveSeconds());
        f.put("rdb_saves", saves);
        f.put("rdb_last_cow_size", 0);
        f.put("rdb_last_load_keys_expired", lastLoadExpired);
        f.put("rdb_last_load_keys_loaded", lastLoadLoaded);
        f.putAll(engine.aof().info());
        f.put("module_fork_in_progress", 0);
        f.put("module_fork_last_cow_size", 0);
        f.putAll(engine.aof().infoWhenOn());
        Loader job = loader;
        if (loading && job != null) {
            long now = engine.clock().millis();
            long total = job.load.totalBytes();
            long loaded = Math.min(job.load.loadedBytes(), total);
            double perc = total == 0 ? 0 : 100.0 * loaded / total;
            long elapsed = Math.max(1, now - job.startMillis);
            long eta = loaded == 0 ? 1 : (total - loaded) * elapsed / loaded / 1000;
            f.put("loading_start_time", job.startMillis / 1000);
            f.put("loading_total_bytes", total);
            f.put("loading_rdb_used_mem", job.load.rdbUsedMem());
            f.put("loading_loaded_bytes", loaded);
            f.put("loading_loaded_perc", String.format(Locale.ROOT, "%.2f", perc));
            f.put("loading_eta_seconds", eta);
        }
        return f;
    }

    // ---- jobs ----

    /** Work on a daemon thread whose outcome the cron collects once {@link #done} is set. */
    private abstract static class Job {
        Thread thread;
        volatile Throwable failure;
        volatile boolean done;

        interface Body {
            void run() throws Exception;
        }

        void start(String name, Body body) {
            thread = new Thread(
                    () -> {
                        try {
                            body.run();
                        } catch (Throwable t) {
                            failure = t;
                        } finally {
                            done = true;
                        }
                    },
                    name);
            thread.setDaemon(true);
            thread.start();
        }
    }

    private static final class Background extends Job {
        final Snapshot snapshot;
        final long dirtyAtStart;
        final long startMillis;
        final Path target;
        final Map<String, String> aux;
        final java.util.List<BgsaveListener> listeners = new java.util.ArrayList<>();
        long pauseNanos;
        volatile long size;

        Background(Snapshot snapshot, long dirtyAtStart, long startMillis, Path target, Map<String, String> aux) {
            this.snapshot = snapshot;
            this.dirtyAtStart = dirtyAtStart;
            this.startMillis = startMillis;
            this.target = target;
            this.aux = aux;
        }
    }

    private static final class Loader extends Job {
        final StartupLoad load;
        final long startMillis;
        volatile Keyspace keyspace;
        Runnable ready = () -> {};

        Loader(StartupLoad load, long startMillis) {
            this.load = load;
            this.startMillis = startMillis;
        }
    }
}

package io.vigil.monitor;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.vigil.monitor.impl.LettuceInstanceLink;
import io.vigil.monitor.impl.SerialExecutor;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;

/**
 * Owns the Lettuce resources shared by all links of one sentinel, opens and closes {@link InstanceLink}s, and
 * delivers their events.
 *
 * <p>Threads: Netty I/O threads and Lettuce's computation pool ({@link MonitorOptions}), shared by every link; each
 * link's timers and state run on one executor of that pool, so 500 links add no threads. Listener callbacks and
 * action results run on the caller's event executor, one at a time, across all links. {@link #close()} stops every
 * thread the service started.
 *
 * <pre>{@code
 * MonitorService monitor = MonitorService.create(MonitorOptions.of(myId), eventLoop, clock::millis);
 * InstanceLink master = monitor.open(LinkTarget.of("10.0.0.5", 6379, InstanceKind.MASTER),
 *         LinkSettings.defaults(), new LinkListener() {
 *             public void onPing(PingResult ping) { core.pingReply(ping); }
 *             public void onInfo(InfoReply info) { core.info(info); }
 *         });
 * master.publishHello(hello).thenAccept(result -> ...);
 * monitor.close();
 * }</pre>
 */
public final class MonitorService implements AutoCloseable {

    private final MonitorOptions options;
    private final ClientResources resources;
    private final Executor events;
    private final LongSupplier clock;
    private final Set<LettuceInstanceLink> links = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private MonitorService(MonitorOptions options, Executor eventExecutor, LongSupplier clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.events = new SerialExecutor(Objects.requireNonNull(eventExecutor, "eventExecutor"));
        this.clock = Objects.requireNonNull(clock, "clock");
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(options.ioThreads())
                .computationThreadPoolSize(options.computationThreads())
                .build();
    }

    /**
     * Creates the service.
     *
     * @param eventExecutor where listener callbacks and action results run (serialized by the service)
     * @param clockMillis the clock every timestamp comes from
     */
    public static MonitorService create(MonitorOptions options, Executor eventExecutor, LongSupplier clockMillis) {
        return new MonitorService(options, eventExecutor, clockMillis);
    }

    /** The service-wide options. */
    public MonitorOptions options() {
        return options;
    }

    /**
     * Opens a link and starts connecting; the listener first hears {@code CONNECTING -> UP} or
     * {@code CONNECTING -> DOWN}.
     *
     * @throws IllegalStateException after {@link #close()}
     */
    public InstanceLink open(LinkTarget target, LinkSettings settings, LinkListener listener) {
        if (closed) {
            throw new IllegalStateException("monitor service is closed; cannot open a link to " + target);
        }
        LettuceInstanceLink link = new LettuceInstanceLink(
                target,
                settings,
                listener,
                resources,
                resources.eventExecutorGroup().next(),
                events,
                clock,
                options.commandClientName(),
                options.pubSubClientName());
        links.add(link);
        link.whenClosed().thenRun(() -> links.remove(link));
        link.start();
        return link;
    }

    /** The links not yet closed. */
    public List<InstanceLink> links() {
        return List.copyOf(links);
    }

    /** Closes every link, then the shared resources; completes when all threads have stopped. */
    public CompletionStage<Void> closeAsync() {
        closed = true;
        CompletableFuture<?>[] closing =
                links.stream().map(l -> l.close().toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(closing).thenCompose(ignored -> shutdownResources());
    }

    private CompletionStage<Void> shutdownResources() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(future -> {
            if (future.isSuccess()) {
                done.complete(null);
            } else {
                done.completeExceptionally(future.cause());
            }
        });
        return done;
    }

    /** Closes every link and the shared resources, waiting up to 10 s. */
    @Override
    public void close() {
        try {
            closeAsync().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while closing the monitor service", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("monitor service did not close cleanly", e);
        }
    }
}

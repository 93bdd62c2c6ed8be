package io.vigil.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vigil.testkit.NoProcessLeftBehind;
import io.vigil.testkit.RedisProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service: shared resources, many cheap links, clean shutdown. */
@ExtendWith(NoProcessLeftBehind.class)
class MonitorServiceIT {

    /** 100 by default; {@code -Dvigil.monitor.links=500} for the full-size check. */
    static final int LINKS = Integer.getInteger("vigil.monitor.links", 100);

    static Set<String> lettuceThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("lettuce-"))
                .collect(Collectors.toSet());
    }

    @Test
    void manyLinksShareAFewThreadsAndCloseLeavesNoneBehind() {
        ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "sentinel-event-loop"));
        try (RedisProcess server = RedisProcess.server().start()) {
            MonitorService monitor = MonitorService.create(
                    MonitorOptions.of(InstanceLinkIT.MY_ID), eventLoop, () -> System.nanoTime() / 1_000_000);
            List<String> callbackThreads = new java.util.concurrent.CopyOnWriteArrayList<>();
            LinkListener listener = new LinkListener() {
                @Override
                public void onStateChange(LinkStateChange change) {
                    callbackThreads.add(Thread.currentThread().getName());
                }

                @Override
                public void onPing(PingResult result) {
                    callbackThreads.add(Thread.currentThread().getName());
                }
            };
            List<InstanceLink> links = new ArrayList<>();
            for (int i = 0; i < LINKS; i++) {
                links.add(monitor.open(
                        LinkTarget.of(server.host(), server.port(), InstanceKind.MASTER),
                        InstanceLinkIT.fast(),
                        listener));
            }
            await(LINKS + " links UP").atMost(Duration.ofSeconds(30)).until(() -> links.stream()
                    .allMatch(l -> l.state() == LinkState.UP));
            int threads = lettuceThreads().size();
            assertThat(threads)
                    .as("threads for " + LINKS + " links: " + lettuceThreads())
                    .isLessThanOrEqualTo(6);
            assertThat(monitor.links()).hasSize(LINKS);
            System.out.printf(
                    "%d links (%d connections) UP, %d Lettuce threads: %s%n",
                    LINKS, 2 * LINKS, threads, new java.util.TreeSet<>(lettuceThreads()));
            await().atMost(Duration.ofSeconds(5)).until(() -> callbackThreads.size() > 2 * LINKS);
            assertThat(Set.copyOf(callbackThreads)).containsExactly("sentinel-event-loop");

            String resultThread = links.get(2)
                    .publishHello("hello")
                    .thenApply(result ->
                            result.status() + " on " + Thread.currentThread().getName())
                    .toCompletableFuture()
                    .join();
            assertThat(resultThread).isEqualTo("OK on sentinel-event-loop");

            links.get(0).close().toCompletableFuture().join();
            assertThat(links.get(0).state()).isEqualTo(LinkState.CLOSED);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.links().size() == LINKS - 1);

            monitor.close();

            assertThat(links).allMatch(l -> l.state() == LinkState.CLOSED);
            await("Lettuce threads gone").atMost(Duration.ofSeconds(10)).until(() -> lettuceThreads()
                    .isEmpty());
            assertThatThrownBy(() -> monitor.open(
                            LinkTarget.of(server.host(), server.port(), InstanceKind.MASTER),
                            LinkSettings.defaults(),
                            listener))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("closed");
            CommandResult<Long> afterClose =
                    links.get(1).publishHello("x").toCompletableFuture().join();
            assertThat(afterClose.status()).isEqualTo(CommandStatus.NOT_CONNECTED);
        } finally {
            eventLoop.shutdownNow();
        }
    }
}

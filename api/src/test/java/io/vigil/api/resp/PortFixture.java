package io.vigil.api.resp;

import io.vertx.core.Vertx;
import io.vigil.api.testing.InMemorySentinelService;
import java.util.concurrent.TimeUnit;

/** A started RESP port on 127.0.0.1:0 over an {@link InMemorySentinelService}, for integration tests. */
final class PortFixture implements AutoCloseable {

    static final String MY_ID = "4c24202d89561dcd9b6635fe6029f92e23e3d553";

    final Vertx vertx = Vertx.vertx();
    final InMemorySentinelService service = new InMemorySentinelService(MY_ID);
    final SentinelRespServer server;

    PortFixture(SentinelRespOptions options) throws Exception {
        server = new SentinelRespServer(vertx, options.host("127.0.0.1").port(0), service);
        service.events(server.events());
        server.start().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    PortFixture() throws Exception {
        this(new SentinelRespOptions());
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() throws Exception {
        server.stop().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}

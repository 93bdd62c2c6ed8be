package io.vigil.testkit;

import java.nio.file.Path;
import java.util.List;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A server in a {@code redis:7} container on the host network, so that it binds 127.0.0.1:port exactly like a
 * local process; its directory is bind-mounted at the same path.
 */
final class ContainerHandle implements RedisProcess.Handle {

    static final DockerImageName IMAGE = DockerImageName.parse(System.getProperty("vigil.testkit.image", "redis:7"));

    private final GenericContainer<?> container;

    private ContainerHandle(GenericContainer<?> container) {
        this.container = container;
    }

    @SuppressWarnings("resource")
    static ContainerHandle start(List<String> command, Path dir) {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withNetworkMode("host")
                .withFileSystemBind(dir.toString(), dir.toString(), BindMode.READ_WRITE)
                .withCommand(command.toArray(new String[0]));
        container.start();
        return new ContainerHandle(container);
    }

    @Override
    public boolean isAlive() {
        return container.isRunning();
    }

    @Override
    public void kill() {
        container
                .getDockerClient()
                .killContainerCmd(container.getContainerId())
                .withSignal("KILL")
                .exec();
    }

    @Override
    public void signal(String name) {
        if ("STOP".equals(name)) {
            container
                    .getDockerClient()
                    .pauseContainerCmd(container.getContainerId())
                    .exec();
        } else if ("CONT".equals(name)) {
            container
                    .getDockerClient()
                    .unpauseContainerCmd(container.getContainerId())
                    .exec();
        } else {
            container
                    .getDockerClient()
                    .killContainerCmd(container.getContainerId())
                    .withSignal(name)
                    .exec();
        }
    }

    @Override
    public void stop() {
        container.stop();
    }

    @Override
    public String logTail() {
        String logs = container.getLogs();
        int from = Math.max(0, logs.length() - 4000);
        return logs.substring(from);
    }
}

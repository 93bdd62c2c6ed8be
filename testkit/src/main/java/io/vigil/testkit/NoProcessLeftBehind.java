package io.vigil.testkit;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that fails a test class which leaves a registered process running, then kills the leftovers
 * so that the next class starts clean.
 */
public final class NoProcessLeftBehind implements AfterAllCallback {

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leftovers = ProcessReaper.liveProcesses();
        if (!leftovers.isEmpty()) {
            ProcessReaper.reapAll();
            throw new AssertionError(context.getDisplayName() + " left processes running: " + leftovers);
        }
    }
}
